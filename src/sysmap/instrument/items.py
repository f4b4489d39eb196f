"""The item set of the partner survey: what is asked about each partner, with its answer codes.

By default every partner a respondent picks is rated on PARTNER's items
(Varda et al. 2008 [1]_): relationship intensity (1 awareness ... 4
integration), frequency (1 yearly ... 5 daily), the three trust items
(reliability, mission alignment, openness) and the three value items
(power/influence, involvement, resource contribution), each 1 "not at all"
... 4 "a great deal", and the types of collaboration (information sharing,
joint programs, funding). The answer labels come from sysmap's answer
scales (:data:`sysmap.io.scales.ANSWER_SCALES`), the single owner of codes
and labels, so that what the survey shows is what the survey readers
understand; the questions are in the ``instrument`` message catalogue.

An items file (``--items FILE`` on the command line, ``items=`` in Python)
chooses, renames, reorders and translates items and their answers. It is a
table (CSV or Excel) or a YAML list with one row per item, in the order they
are asked; only the rows given are asked:

============  ===============================================================
column        meaning
============  ===============================================================
``item``      the item's name, the column the survey readers fill: one of
              :data:`DEFAULT_ITEMS` or your own (letters, digits and ``_``,
              starting with a letter, e.g. ``closeness``)
``label``     short name (column header of the Excel workbook)
``question``  the question asked about each partner
``help``      a hint shown under the question
``scale``     a built-in answer scale: ``intensity``, ``frequency``,
              ``amount4``, ``agree4``, ``amount5``, ``agree5``, ``yes_no``
``answers``   the answers as ``code=label`` separated by ``|``, e.g.
              ``1=rarely|2=sometimes|3=often``. With ``scale``, the codes pick
              points of that scale and the labels rename them (labels may be
              left out: ``1|2|3``); without it they are the item's own answer
              scale. For ``relation`` the codes are the relation types as the
              readers write them (``information sharing=Info exchange|...``).
============  ===============================================================

Each text column may be given per language: ``question_de``, ``label_en``,
``answers_de`` ...; the column without a suffix serves every language.
Texts not given keep sysmap's wording for the built-in items. Codes must be
numbers for rating items; the survey tools store them as answer codes
(``1``, ``2`` ... when every code is a whole number from 0, else ``A1``,
``A2`` ... in scale order, mapped back through the instrument).

YAML files (``.yaml``/``.yml``, read with PyYAML) hold a list of mappings
with the same keys (or ``{"items": [...]}``); ``answers`` may also be a
mapping ``{1: rarely, 2: often}`` and a text a mapping ``{en: ..., de: ...}``.

References
----------
.. [1] Varda, D. M., Chandra, A., Stern, S. A., & Lurie, N. (2008). Core
   dimensions of connectivity in public health collaboratives. *Journal of
   Public Health Management and Practice*, 14(5), E1-E7.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..exceptions import ParameterError, SchemaError
from ..i18n import LANGUAGES, Msg, catalogue, check_lang
from ..io.report import IngestReport
from ..io.scales import ANSWER_SCALES
from ..io.tables import ROW, read_table, source_name

__all__ = [
    "DEFAULT_ITEMS",
    "DEFAULT_RELATIONS",
    "RELATION",
    "Choice",
    "Item",
    "item_set",
]

#: The item whose answers are the types of collaboration (several may be chosen).
RELATION = "relation"
#: The items asked about each partner by default, in this order.
DEFAULT_ITEMS = (
    "intensity",
    "frequency",
    "reliability",
    "mission_alignment",
    "openness",
    "power_influence",
    "involvement",
    "resource_contribution",
    RELATION,
)
#: The default types of collaboration (the ``relation`` values the readers write).
DEFAULT_RELATIONS = ("information sharing", "joint programs", "funding")
#: Answer scale and points of the built-in rating items. Frequency asks the five
#: points yearly (1) ... daily (5) of the sample data and of PRODUCT.md's exports.
_DEFAULT_SCALES: dict[str, tuple[str, tuple[float, ...] | None]] = {
    "intensity": ("intensity", None),
    "frequency": ("frequency", (1, 2, 3, 4, 5)),
    **{
        name: ("amount4", None)
        for name in (
            "reliability",
            "mission_alignment",
            "openness",
            "power_influence",
            "involvement",
            "resource_contribution",
        )
    },
}
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,31}$")
#: Names the survey tools use for the respondent and partner questions.
_RESERVED = re.compile(
    r"^(respondent|respondent_other|org|partners?|partner_name|partners_?\d*|partners_group"
    r"|ratings?|members|sysmap|other)$",
    re.IGNORECASE,
)
_FIELDS = ("item", "label", "question", "help", "scale", "answers")
_TEXTS = ("label", "question", "help", "answers")
_NUMBER = re.compile(r"^[-+]?(\d+([.,]\d*)?|[.,]\d+)$")


@dataclass(frozen=True)
class Choice:
    """One answer of an item.

    Attributes
    ----------
    code : str
        What the survey tool stores (LimeSurvey answer code, XLSForm choice
        name): letters and digits only.
    value : float or str
        What the survey readers write: the number of a rating, the relation
        type of a ``relation`` answer.
    label : str
        What the respondent sees.
    """

    code: str
    value: float | str
    label: str


@dataclass(frozen=True)
class Item:
    """One question asked about each partner, with its answers.

    Attributes
    ----------
    name : str
        The column the survey readers fill (``intensity``, ``relation``, ...).
    label : str
        Short name (a column header).
    question, help : str
        The question and its hint, in the instrument's language.
    choices : tuple of Choice
        The answers, in the order shown.
    scale : str or None
        The built-in answer scale the choices come from
        (:data:`sysmap.io.scales.ANSWER_SCALES`), or ``None`` for your own.
    """

    name: str
    label: str
    question: str
    help: str
    choices: tuple[Choice, ...]
    scale: str | None = None

    @property
    def multiple(self) -> bool:
        """Whether several answers may be chosen (the types of collaboration)."""
        return self.name == RELATION


def item_set(
    items: str | os.PathLike[str] | pd.DataFrame | Sequence[str | Mapping] | None = None,
    lang: str = "en",
) -> tuple[Item, ...]:
    """The items asked about each partner, in `lang`.

    Parameters
    ----------
    items : path, pandas.DataFrame or sequence, optional
        ``None``: :data:`DEFAULT_ITEMS`. An items file (CSV, Excel or YAML; see
        the module description), a frame with its columns, or a list whose
        entries are item names (to choose and order built-in items) or
        mappings with the file's keys.
    lang : {"en", "de"}, default="en"
        The language of questions and answers.

    Returns
    -------
    tuple of Item

    Raises
    ------
    InputError
        Listing every problem of the items file at once (an unknown scale, an
        answer code that is not a number, a custom item without a question in
        `lang`, an item given twice ...), each with its row and how to fix it.

    Examples
    --------
    >>> [item.name for item in item_set()][:3]
    ['intensity', 'frequency', 'reliability']
    >>> closeness = {"item": "closeness", "question": "How close?", "answers": "1=far|2=close"}
    >>> [(c.code, c.value, c.label) for c in item_set(["intensity", closeness])[1].choices]
    [('1', 1.0, 'far'), ('2', 2.0, 'close')]
    >>> item_set(["frequency"], "de")[0].choices[0].label
    'Jährlich'
    """
    lang = check_lang(lang)
    report = IngestReport(strict=True)
    if items is None:
        items = list(DEFAULT_ITEMS)
    source, frame = _table(items, report)
    out: list[Item] = []
    if frame is not None:
        columns = _columns(frame, report, source)
        seen: dict[str, int] = {}
        for idx in frame.index:
            record = {key: str(frame.at[idx, col]) for key, col in columns.items()}
            item = _item(record, int(frame.at[idx, ROW]), lang, report, source, seen)
            if item is not None:
                out.append(item)
        if not out and not report.errors:
            report.add(source, None, None, "", "items", "items_empty")
    report.raise_if_errors()
    return tuple(out)


# ----------------------------------------------------------------------------- reading
def _table(items: object, report: IngestReport) -> tuple[str, pd.DataFrame | None]:
    """The items as a frame of text cells with ``_row`` (the row or list position)."""
    if isinstance(items, (str, os.PathLike)):
        path = Path(items)
        source = source_name(path)
        if path.suffix.lower() in (".yaml", ".yml"):
            return source, _records_frame(_yaml(path, source), first_row=1)
        return source, read_table(path, report, source=source)
    if isinstance(items, pd.DataFrame):
        return "items=", read_table(items.astype(str), report, source="items=")
    if isinstance(items, Iterable) and not isinstance(items, Mapping):
        records = [{"item": entry} if isinstance(entry, str) else entry for entry in items]
        if all(isinstance(r, Mapping) for r in records):
            return "items=", _records_frame(records, first_row=1)
    raise ParameterError(Msg("instrument", "items_type", kind=type(items).__name__))


def _yaml(path: Path, source: str) -> list:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise SchemaError(
            Msg("instrument", "items_yaml", source=source, detail=" ".join(str(exc).split()))
        ) from exc
    if isinstance(data, Mapping) and "items" in data:
        data = data["items"]
    if not isinstance(data, list) or not all(isinstance(r, (Mapping, str)) for r in data):
        raise SchemaError(Msg("instrument", "items_yaml_list", source=source))
    return [{"item": r} if isinstance(r, str) else r for r in data]


def _records_frame(records: Sequence[Mapping], first_row: int) -> pd.DataFrame:
    """Records (YAML or Python) as text cells; nested language mappings become suffixed keys."""
    rows = []
    for record in records:
        row: dict[str, str] = {}
        for key, value in record.items():
            key = str(key).strip()
            if isinstance(value, Mapping) and key.split("_")[0].lower() == "answers":
                row[key] = "|".join(
                    f"{k}={v}" if v is not None else str(k) for k, v in value.items()
                )
            elif isinstance(value, Mapping):
                for lang, text in value.items():
                    row[f"{key}_{lang}"] = "" if text is None else str(text).strip()
            else:
                row[key] = "" if value is None else str(value).strip()
        rows.append(row)
    frame = pd.DataFrame(rows, dtype=object).fillna("")
    frame[ROW] = range(first_row, first_row + len(frame))
    return frame


def _columns(frame: pd.DataFrame, report: IngestReport, source: str) -> dict[str, str]:
    """Known key (``question_de``, ``scale`` ...) -> column; other columns are reported."""
    known = {"item", "scale", *_TEXTS, *(f"{t}_{lang}" for t in _TEXTS for lang in LANGUAGES)}
    columns: dict[str, str] = {}
    for column in frame.columns:
        if column == ROW:
            continue
        key = str(column).strip().lower().replace(" ", "_").replace("-", "_")
        if key in known:
            columns[key] = column
        else:
            report.add(
                source,
                None,
                str(column),
                "",
                "items",
                "items_column",
                known=", ".join(_FIELDS),
            )
    if "item" not in columns:
        report.add(
            source,
            None,
            None,
            "",
            "items",
            "items_no_item",
            found=", ".join(str(c) for c in frame.columns if c != ROW),
        )
    return columns


# ----------------------------------------------------------------------------- one item
def _item(
    record: Mapping[str, str],
    row: int,
    lang: str,
    report: IngestReport,
    source: str,
    seen: dict[str, int],
) -> Item | None:
    name = record.get("item", "").strip()
    if not name:
        if any(v.strip() for v in record.values()):
            report.add(source, row, "item", "", "items", "items_blank")
        return None
    if not _NAME.match(name):
        report.add(source, row, "item", name, "items", "items_name", name=name)
        return None
    if _RESERVED.match(name):
        report.add(source, row, "item", name, "items", "items_reserved", name=name)
        return None
    if name in seen:
        report.add(
            source, row, "item", name, "items", "items_twice", name=name, first_row=str(seen[name])
        )
        return None
    seen[name] = row
    n_problems = len(report.errors)

    def text(field: str) -> str:
        return _text(record, field, lang)

    question = text("question") or _builtin(f"item.{name}.question", lang)
    if not question:
        report.add(
            source,
            row,
            f"question_{lang}",
            "",
            "items",
            "items_question",
            name=name,
            column=f"question_{lang}",
        )
    label = text("label") or _builtin(f"item.{name}.label", lang) or name
    hint = text("help") or _builtin(f"item.{name}.help", lang)
    scale = record.get("scale", "").strip()
    if name == RELATION:
        choices = _relations(record, row, lang, report, source)
        if scale:
            report.add(source, row, "scale", scale, "items", "items_relation_scale")
        scale_name = None
    else:
        scale_name, choices = _ratings(name, scale, record, row, lang, report, source)
    if len(report.errors) > n_problems:
        return None
    return Item(name, label, question, hint, choices, scale_name)


def _text(record: Mapping[str, str], field: str, lang: str) -> str:
    """The field in `lang`: ``field_<lang>``, else ``field``."""
    return (record.get(f"{field}_{lang}") or record.get(field) or "").strip()


def _builtin(key: str, lang: str) -> str:
    return catalogue("instrument", lang).get(key, "")


def _answers(
    record: Mapping[str, str], row: int, lang: str, report: IngestReport, source: str
) -> list[tuple[str, str]] | None:
    """The ``code=label`` pairs of the item in `lang` (``None``: not given); the codes
    of every language given must agree."""
    given = {
        key: record[key]
        for key in ("answers", *(f"answers_{x}" for x in LANGUAGES))
        if record.get(key, "").strip()
    }
    if not given:
        return None
    parsed = {key: _pairs(text) for key, text in given.items()}
    codes = {key: [c for c, _ in pairs] for key, pairs in parsed.items()}
    first = next(iter(codes))
    for key, these in codes.items():
        if these != codes[first]:
            report.add(
                source, row, key, given[key], "items", "items_codes_differ", column=key, other=first
            )
            return None
        if len(set(these)) < len(these) or "" in these:
            report.add(source, row, key, given[key], "items", "items_codes_twice", column=key)
            return None
    key = (
        f"answers_{lang}"
        if f"answers_{lang}" in parsed
        else ("answers" if "answers" in parsed else first)
    )
    pairs = parsed[key]
    if key != f"answers_{lang}" and key != "answers":  # only another language: codes, no labels
        pairs = [(code, "") for code, _ in pairs]
    return pairs


def _pairs(text: str) -> list[tuple[str, str]]:
    out = []
    for part in text.split("|"):
        code, _, label = part.partition("=")
        out.append((code.strip(), label.strip()))
    return out


def _ratings(
    name: str,
    scale: str,
    record: Mapping[str, str],
    row: int,
    lang: str,
    report: IngestReport,
    source: str,
) -> tuple[str | None, tuple[Choice, ...]]:
    """The answer scale and choices of a rating item."""
    if scale and scale not in ANSWER_SCALES:
        report.add(
            source,
            row,
            "scale",
            scale,
            "items",
            "items_scale",
            scale=scale,
            scales=", ".join(ANSWER_SCALES),
        )
        return None, ()
    scale_name, points = _DEFAULT_SCALES.get(name, (None, None))
    if scale:
        scale_name, points = scale, None
    answers = _answers(record, row, lang, report, source)
    if answers is None and scale_name is None:
        report.add(source, row, "answers", "", "items", "items_no_answers", name=name)
        return None, ()
    known = _scale_labels(scale_name, lang) if scale_name else {}
    if answers is None:
        values = [v for v in known if points is None or v in points]
        answers_labels = [(v, known[v]) for v in values]
    else:
        answers_labels = []
        for code, label in answers:
            value = _number(code)
            if value is None:
                report.add(
                    source, row, "answers", code, "items", "items_code_number", code=code, name=name
                )
                return None, ()
            if scale_name and value not in known:
                report.add(
                    source,
                    row,
                    "answers",
                    code,
                    "items",
                    "items_code_scale",
                    code=code,
                    scale=scale_name,
                    codes=", ".join(_fmt(v) for v in known),
                )
                return None, ()
            if not label and not known:
                label = _fmt(value)
            answers_labels.append((value, label or known[value]))
    codes = _codes([v for v, _ in answers_labels])
    choices = tuple(Choice(c, v, lab) for c, (v, lab) in zip(codes, answers_labels, strict=True))
    return scale_name, choices


def _relations(
    record: Mapping[str, str], row: int, lang: str, report: IngestReport, source: str
) -> tuple[Choice, ...]:
    answers = _answers(record, row, lang, report, source)
    if answers is None:
        answers = [(value, "") for value in DEFAULT_RELATIONS]
    return tuple(
        Choice(f"R{i}", value, label or _builtin(f"relation.{value}", lang) or value)
        for i, (value, label) in enumerate(answers, start=1)
    )


def _scale_labels(name: str, lang: str) -> dict[float, str]:
    """Code -> display label of a built-in answer scale in `lang` (first letter capital)."""
    scale = ANSWER_SCALES[name]
    if lang == "de":
        names = list(scale.de)
    else:
        names = [labels[0] for _, labels in scale.points]
    return {
        float(code): label[:1].upper() + label[1:]
        for (code, _), label in zip(scale.points, names, strict=True)
    }


def _codes(values: Sequence[float]) -> list[str]:
    """Answer codes: the numbers when all are whole numbers from 0, else A1, A2, ..."""
    if all(v >= 0 and float(v).is_integer() and v < 100_000 for v in values):
        return [str(int(v)) for v in values]
    return [f"A{i}" for i in range(1, len(values) + 1)]


def _number(text: str) -> float | None:
    text = text.strip()
    if not _NUMBER.match(text):
        return None
    value = float(text.replace(",", "."))
    return value if math.isfinite(value) else None


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)
