"""Answer scales: turning the cells of item columns into numbers.

Survey tools export answers as **labels** in the survey's language
("Koordination", "wöchentlich", "ziemlich"), as codes ("3"), as both
("3 - Koordination", "(3) Koordination", "Koordination (3)"), and often mixed
in one column. This module owns the vocabularies sysmap knows
(:data:`ANSWER_SCALES`, English and German) and the one function that reads
item cells (:func:`parse_numbers`):

1. a blank cell is an unanswered item (missing, no problem);
2. your mapping (``scales=`` in Python, ``--scales FILE`` on the command
   line, see :func:`read_scales`) is looked up first, for the whole cell;
3. a number is a code (decimal comma allowed);
4. a label, or a code written with its label, is looked up in the answer
   scale chosen for the column; labels are matched ignoring case, spaces,
   punctuation around them and the spelling of umlauts; the label decides
   when it and the code disagree (noted);
5. answers such as "weiß nicht" / "don't know" are read as not answered (noted);
6. anything else is an unknown label: read as missing (the tie stays) and
   reported, one problem per cell, each naming every unknown label of the
   column with its count and how to map it.

Which scale a column uses is decided from its labels: among the scales that
fit the item (:data:`ITEM_SCALES`), the one that knows most of the distinct
labels (ties: the first listed). The six PARTNER trust and value items of one
file are decided together. When the chosen scale has another range than the
item (a 5-point agreement scale for a 1-4 PARTNER item), the whole column,
codes included, is read on that scale and rescaled linearly onto the item's
range, and the report says so.

:func:`uncalculated_formulas` finds workbook cells holding a formula without
a stored result (they read as blank).
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..exceptions import ParameterError
from ..i18n import Msg
from ._tables import ROW, read_table, source_name
from .columns import COLUMN_NAMES, _keys, find_columns, fold
from .report import IngestReport

__all__ = [
    "ANSWER_SCALES",
    "ITEM_SCALES",
    "AnswerMapping",
    "AnswerScale",
    "parse_numbers",
    "read_items",
    "read_scales",
    "uncalculated_formulas",
]


@dataclass(frozen=True)
class AnswerScale:
    """A vocabulary of answers: each code with its labels (English and German).

    Parameters
    ----------
    name : str
        Key of the scale (``"intensity"``, ``"amount4"``, ...).
    points : tuple of (float, tuple of str)
        Code and the labels read as that code; the first label of a point is
        its English display name, the first German label (``de``) its German one.
    de : tuple of str
        The German display name of each point, in the order of `points`.
    rating : bool, default=True
        A rating scale: rescaled onto an item's range when the ranges differ.
        Yes/no answers and "not answered" are not.
    """

    name: str
    points: tuple[tuple[float, tuple[str, ...]], ...]
    de: tuple[str, ...] = ()
    rating: bool = True
    lookup: dict[str, float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        lookup: dict[str, float] = {}
        for code, labels in self.points:
            for label in labels:
                for key in _keys(label):
                    if lookup.get(key, code) != code:  # pragma: no cover - table is checked
                        raise ValueError(f"{self.name}: label {label!r} has two codes")
                    lookup[key] = code
        object.__setattr__(self, "lookup", lookup)

    @property
    def low(self) -> float:
        return min(code for code, _ in self.points)

    @property
    def high(self) -> float:
        return max(code for code, _ in self.points)

    def code(self, label: str) -> float | None:
        """The code of `label`, or ``None`` if the scale does not know it."""
        for key in _keys(label):
            if key in self.lookup:
                return self.lookup[key]
        return None

    def display(self, lang: str = "en") -> str:
        """``"awareness (1), cooperation (2), ..."`` in English or German."""
        names = self.de if lang == "de" else [labels[0] for _, labels in self.points]
        codes = [_fmt(code) for code, _ in self.points]
        if lang == "de":
            codes = [c.replace(".", ",") for c in codes]
        return ", ".join(f"{n} ({c})" for n, c in zip(names, codes, strict=True))


def _scale(
    name: str, de: Sequence[str], *points: tuple[float, Sequence[str]], rating: bool = True
) -> AnswerScale:
    return AnswerScale(name, tuple((c, tuple(ls)) for c, ls in points), tuple(de), rating)


#: The answer scales sysmap reads labels of. Codes of the PARTNER items follow
#: PARTNER (Varda et al. 2008): intensity 1 awareness ... 4 integration; trust
#: and value 1 not at all ... 4 a great deal. Frequency keeps sysmap's codes
#: 1 yearly ... 5 daily, with 0 never and 1.5 half-yearly between yearly and
#: quarterly, so numeric data coded 1-5 stays valid.
ANSWER_SCALES: dict[str, AnswerScale] = {
    s.name: s
    for s in (
        _scale(
            "intensity",
            ("Kenntnis", "Kooperation", "Koordination", "Integration"),
            (1, ("awareness", "aware", "aware of each other", "Kenntnis", "Bewusstsein",
                 "Wahrnehmung", "Bekanntheit", "Kennen", "wir kennen uns", "Kenntnisnahme")),
            (2, ("cooperation", "cooperative", "cooperative activities", "cooperating",
                 "Kooperation", "Zusammenarbeit", "kooperativ", "Kooperieren")),
            (3, ("coordination", "coordinated", "coordinated activities", "coordinating",
                 "Koordination", "Koordinierung", "Abstimmung", "koordiniert", "Koordinieren")),
            (4, ("integration", "integrated", "integrated activities", "Integration",
                 "integriert", "Verschmelzung", "gemeinsame Steuerung")),
        ),
        _scale(
            "frequency",
            ("nie", "jährlich", "halbjährlich", "quartalsweise", "monatlich", "wöchentlich",
             "täglich"),
            (0, ("never", "no contact", "nie", "niemals", "kein Kontakt")),
            (1, ("yearly", "annually", "once a year", "once a year or less", "jährlich",
                 "einmal im Jahr", "einmal jährlich", "1x im Jahr", "1x jährlich")),
            (1.5, ("half-yearly", "semi-annually", "twice a year", "every six months",
                   "halbjährlich", "zweimal im Jahr", "zweimal jährlich", "2x im Jahr",
                   "2x jährlich")),
            (2, ("quarterly", "once a quarter", "about once a quarter", "every three months",
                 "quartalsweise", "vierteljährlich", "einmal im Quartal", "1x im Quartal",
                 "quartalsmäßig")),
            (3, ("monthly", "once a month", "about once a month", "monatlich",
                 "einmal im Monat", "1x im Monat", "1x monatlich")),
            (4, ("weekly", "once a week", "every week", "wöchentlich", "einmal pro Woche",
                 "einmal in der Woche", "1x pro Woche", "1x wöchentlich")),
            (5, ("daily", "every day", "täglich", "jeden Tag", "fast täglich")),
        ),
        _scale(
            "amount4",
            ("gar nicht", "etwas", "ziemlich", "sehr"),
            (1, ("not at all", "gar nicht", "überhaupt nicht")),
            (2, ("a small amount", "a little", "somewhat", "slightly", "etwas", "ein wenig")),
            (3, ("a fair amount", "quite", "quite a bit", "fairly", "ziemlich", "weitgehend")),
            (4, ("a great deal", "very", "very much", "a lot", "sehr", "sehr viel", "völlig",
                 "vollständig")),
        ),
        _scale(
            "agree4",
            ("stimme gar nicht zu", "stimme eher nicht zu", "stimme eher zu", "stimme voll zu"),
            (1, ("strongly disagree", "stimme gar nicht zu", "stimme überhaupt nicht zu",
                 "stimme nicht zu", "trifft gar nicht zu", "trifft überhaupt nicht zu",
                 "trifft nicht zu")),
            (2, ("disagree", "somewhat disagree", "stimme eher nicht zu",
                 "trifft eher nicht zu")),
            (3, ("agree", "somewhat agree", "stimme eher zu", "trifft eher zu")),
            (4, ("strongly agree", "stimme voll zu", "stimme voll und ganz zu",
                 "stimme völlig zu", "stimme zu", "trifft voll zu", "trifft voll und ganz zu",
                 "trifft völlig zu", "trifft zu")),
        ),
        _scale(
            "amount5",
            ("gar nicht", "wenig", "mittelmäßig", "ziemlich", "sehr"),
            (1, ("not at all", "gar nicht", "überhaupt nicht")),
            (2, ("a little", "slightly", "wenig", "kaum")),
            (3, ("moderately", "somewhat", "mittelmäßig", "mittel", "teils teils")),
            (4, ("quite a bit", "considerably", "ziemlich", "überwiegend")),
            (5, ("very much", "extremely", "a great deal", "sehr", "außerordentlich",
                 "völlig")),
        ),
        _scale(
            "agree5",
            ("stimme gar nicht zu", "stimme eher nicht zu", "teils/teils", "stimme eher zu",
             "stimme voll zu"),
            (1, ("strongly disagree", "stimme gar nicht zu", "stimme überhaupt nicht zu",
                 "trifft gar nicht zu", "trifft überhaupt nicht zu")),
            (2, ("disagree", "somewhat disagree", "stimme eher nicht zu", "stimme nicht zu",
                 "trifft eher nicht zu", "trifft nicht zu")),
            (3, ("neither agree nor disagree", "neutral", "undecided", "teils/teils",
                 "weder noch", "stimme teilweise zu", "trifft teilweise zu", "unentschieden")),
            (4, ("agree", "somewhat agree", "stimme eher zu", "stimme zu", "trifft eher zu",
                 "trifft zu")),
            (5, ("strongly agree", "stimme voll zu", "stimme voll und ganz zu",
                 "stimme völlig zu", "trifft voll zu", "trifft voll und ganz zu",
                 "trifft völlig zu")),
        ),
        _scale(
            "yes_no",
            ("nein", "ja"),
            (0, ("no", "n", "false", "nein", "falsch")),
            (1, ("yes", "y", "true", "x", "ja", "j", "wahr")),
            rating=False,
        ),
    )
}

#: Answers read as "not answered" (missing, noted) in every item column.
NOT_ANSWERED = frozenset(
    k
    for label in (
        "don't know", "do not know", "not applicable", "n/a", "no answer",
        "prefer not to say", "cannot say", "weiß nicht", "keine Angabe", "k. A.",
        "nicht zutreffend", "kann ich nicht beurteilen", "nicht beurteilbar", "keine Ahnung",
    )
    for k in _keys(label)
)

_TRUST_VALUE = ("amount4", "agree4", "amount5", "agree5")
#: The answer scales each item may use, in order of preference. Items not
#: listed (your own ``items=``) may use any scale; ``weight`` takes numbers only.
ITEM_SCALES: dict[str, tuple[str, ...]] = {
    "intensity": ("intensity",),
    "frequency": ("frequency",),
    "reliability": _TRUST_VALUE,
    "mission_alignment": _TRUST_VALUE,
    "openness": _TRUST_VALUE,
    "power_influence": _TRUST_VALUE,
    "involvement": _TRUST_VALUE,
    "resource_contribution": _TRUST_VALUE,
    "weight": (),
}
_ANY_SCALE = ("intensity", "frequency", *_TRUST_VALUE, "yes_no")

_NUMBER = re.compile(r"^[-+]?(\d+([.,]\d*)?|[.,]\d+)$")
_DECIMAL_COMMA = re.compile(r"^[-+]?\d*,\d+$")
_CODE = r"[-+]?\d+(?:[.,]\d+)?"
#: "3 - Koordination", "3 – Koordination", "(3) Koordination", "3: ...", "3) ..."
_CODE_FIRST = re.compile(
    rf"^[\(\[]?\s*(?P<code>{_CODE})\s*[\)\]]?\s*(?:[-–—:=.)]\s*)?(?P<label>[^\d\s].*)$"
)
#: "Koordination (3)", "Koordination [3]", "Koordination - 3"
_CODE_LAST = re.compile(
    rf"^(?P<label>.*?[^\d\s])\s*(?:[\(\[]\s*(?P<code>{_CODE})\s*[\)\]]|[-–—:=]\s*(?P<code2>{_CODE}))$"
)
_SHOWN_ROWS = 10
_SHOWN_LABELS = 10


# =============================================================================
# User mappings
# =============================================================================
@dataclass
class AnswerMapping:
    """Your labels and their numbers, per column (``"*"``: every item column).

    Built by :func:`read_scales`; pass it (or anything :func:`read_scales`
    accepts) as ``scales=`` to :func:`~sysmap.read_survey`.

    Attributes
    ----------
    labels : dict
        Folded column name (or ``"*"``) -> label -> number (NaN: not answered).
    origin : str
        Where the mapping came from, for notes (a file name, or ``"scales="``).
    report : IngestReport or None
        How a scales file was read (its problems, with ``errors="collect"``).
    """

    labels: dict[str, dict[str, float]] = field(default_factory=dict)
    origin: str = "scales="
    report: IngestReport | None = field(default=None, repr=False)

    def for_column(self, names: Iterable[str]) -> dict[str, float]:
        """The labels for a column known by `names` (header, item, question):
        the ``"*"`` entries, overridden by the column's own."""
        out = dict(self.labels.get("*", {}))
        for name in names:
            out.update(self.labels.get(fold(name), {}))
        return out


def read_scales(
    data: str | os.PathLike[str] | pd.DataFrame | Mapping | AnswerMapping | None,
    *,
    source: str | None = None,
    errors: str = "raise",
) -> AnswerMapping | None:
    """Read your answer labels and their numbers (the ``--scales FILE`` of the command line).

    Parameters
    ----------
    data : path, pandas.DataFrame, mapping or AnswerMapping
        A CSV or Excel file, or a frame, with the columns ``column``,
        ``label``, ``value`` (German: ``Spalte``, ``Antwort``, ``Wert``); or a
        dict ``{column: {label: value}}``. ``column`` is the column header as
        in the survey file or the item (``frequency``), or ``*`` for every
        item column. A blank value reads the label as not answered. ``None``
        gives ``None``.
    source : str, optional
        Name for messages (default: the file name).
    errors : {"raise", "collect", "repair"}, default="raise"
        ``"raise"``: a value that is not a number, or one label given two
        values, raises :class:`~sysmap.InputError` listing every such row.
        Otherwise bad rows are left out and reported in the returned
        mapping's ``report``.

    Returns
    -------
    AnswerMapping or None

    Examples
    --------
    >>> mapping = read_scales({"Häufigkeit": {"ab und zu": 2}, "*": {"k.A.": None}})
    >>> mapping.for_column(["Häufigkeit", "frequency"])
    {'ka': nan, 'abundzu': 2.0}
    """
    if data is None or isinstance(data, AnswerMapping):
        return data
    if isinstance(data, Mapping):
        mapping = AnswerMapping(origin=source or "scales=")
        for column, labels in data.items():
            if not isinstance(labels, Mapping):
                raise ParameterError(Msg("problems", "scales_dict", column=str(column)))
            for label, value in labels.items():
                number = _mapping_value(value)
                if number is None:
                    raise ParameterError(
                        Msg("problems", "scales_value", label=str(label), value=str(value))
                    )
                _put(mapping, str(column), str(label), number)
        return mapping
    report = IngestReport.for_errors(errors)
    name = source_name(data, source)
    frame = read_table(data, report, source=name)
    mapping = AnswerMapping(origin=name)
    if frame is not None:
        wanted = {
            "column": ("column", "spalte", "item", "question", "frage"),
            "label": ("label", "answer", "antwort", "text", "bezeichnung"),
            "value": ("value", "code", "number", "wert", "zahl"),
        }
        found = find_columns(
            frame, wanted, report, name, required=list(wanted), table="scales"
        )
        if len(found) == 3:
            seen: dict[tuple[str, str], tuple[float, int]] = {}
            for idx in frame.index:
                row = int(frame.at[idx, ROW])
                column, label, value = (frame.at[idx, found[r]] for r in wanted)
                number = _mapping_value(value)
                if not column or not label or number is None:
                    report.add(name, row, found["value"], value, "scales_file", "scales_row",
                               column=column, label=label, value=value)
                    continue
                key = (fold(column) if column != "*" else "*", fold(label))
                if key in seen and not _same(seen[key][0], number):
                    report.add(name, row, found["label"], label, "scales_file", "scales_twice",
                               label=label, column=column, first_row=str(seen[key][1]))
                    continue
                seen[key] = (number, row)
                _put(mapping, column, label, number)
    if errors == "raise":
        report.raise_if_errors()
    mapping.report = report
    return mapping


def _mapping_value(value: object) -> float | None:
    """A mapping's number (NaN for blank / None: not answered), or ``None`` if invalid."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return math.nan
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return float(value) if math.isfinite(value) else None
    text = str(value).strip()
    if not text:
        return math.nan
    if _NUMBER.match(text):
        return float(text.replace(",", "."))
    return None


def _put(mapping: AnswerMapping, column: str, label: str, number: float) -> None:
    key = "*" if column.strip() == "*" else fold(column)
    for label_key in _keys(label) or {label.strip()}:
        mapping.labels.setdefault(key, {})[label_key] = number


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b


# =============================================================================
# Reading item columns
# =============================================================================
def read_items(
    frame: pd.DataFrame,
    items: Mapping[str, str],
    ranges: Mapping[str, tuple[float, float]],
    report: IngestReport,
    source: str,
    *,
    mapping: AnswerMapping | None = None,
    cells: Mapping[str, pd.Series] | None = None,
    shown: Mapping[str, str] | None = None,
) -> dict[str, pd.Series]:
    """Read every item column of a table into numbers, choosing each column's answer scale.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table (text cells and ``_row``).
    items : mapping of str to str
        Item -> the frame's column holding it.
    ranges : mapping of str to (float, float)
        Item -> valid range of its numbers.
    mapping : AnswerMapping, optional
        Your labels (see :func:`read_scales`).
    cells : mapping of str to pandas.Series, optional
        Item -> the file column of each cell (a wide survey's ``Q5_<partner>``
        columns), so that problems point to the cell in the file.
    shown : mapping of str to str, optional
        Item -> the column's name in notes and fixes (default: its column).

    Returns
    -------
    dict
        Item -> float Series (NaN for blank, not answered or unreadable cells).
    """
    groups: dict[object, list[str]] = {}
    for item in items:
        candidates = ITEM_SCALES.get(item, _ANY_SCALE)
        groups.setdefault(candidates if item in ITEM_SCALES else item, []).append(item)
    chosen: dict[str, AnswerScale | None] = {}
    for members in groups.values():
        labels: Counter[str] = Counter()
        for item in members:
            names = [items[item], item, (shown or {}).get(item, items[item])]
            own = mapping.for_column(names) if mapping else {}
            labels.update(_labels(frame[items[item]], own))
        candidates = ITEM_SCALES.get(members[0], _ANY_SCALE)
        scale = _choose(candidates, labels)
        for item in members:
            chosen[item] = scale
    out = {}
    first_note = len(report.notes)
    for item, column in items.items():
        out[item] = parse_numbers(
            frame,
            column,
            report,
            source,
            scale=ranges.get(item),
            what=item,
            answers=chosen[item],
            candidates=ITEM_SCALES.get(item, _ANY_SCALE),
            mapping=mapping,
            cells=(cells or {}).get(item),
            shown=(shown or {}).get(item),
        )
    _merge_notes(report, first_note)
    return out


def _merge_notes(report: IngestReport, first: int) -> None:
    """One note per scale (and per mapping) listing its columns, instead of one per column."""
    merged: dict[tuple, Msg] = {}
    kept: list[Msg] = []
    for note in report.notes[first:]:
        if note.key not in ("labels_read", "labels_mapped"):
            kept.append(note)
            continue
        same = tuple(sorted((k, str(v)) for k, v in note.fields.items() if k != "columns"))
        key = (note.key, same)
        if key in merged:
            fields = dict(merged[key].fields)
            fields["columns"] = fields["columns"] + note.fields["columns"]
            merged[key] = Msg("notes", note.key, **fields)
        else:
            merged[key] = note
    report.notes[first:] = [*merged.values(), *kept]


def _split(text: str) -> tuple[str | None, str]:
    """``("3", "Koordination")`` for a code written with its label, else ``(None, text)``."""
    for pattern in (_CODE_FIRST, _CODE_LAST):
        m = pattern.match(text)
        if m:
            code = m.groupdict().get("code") or m.groupdict().get("code2")
            return code, m.group("label").strip()
    return None, text


def _labels(values: pd.Series, own: Mapping[str, float]) -> Counter[str]:
    """Distinct labels of a column (not numbers, not your own labels), with counts."""
    out: Counter[str] = Counter()
    for text, n in values[values != ""].value_counts().items():
        if _number(text) is not None or _known(own, text):
            continue
        out[text] += int(n)
    return out


def _choose(candidates: Sequence[str], labels: Counter[str]) -> AnswerScale | None:
    """The candidate scale knowing the most distinct labels (ties: the first)."""
    best, best_known = None, 0
    for name in candidates:
        scale = ANSWER_SCALES[name]
        known = sum(_code_of(scale, label) is not None for label in labels)
        if known > best_known:
            best, best_known = scale, known
    return best


def _code_of(scale: AnswerScale, text: str) -> float | None:
    """The code of a cell on `scale`: the whole cell as a label ("1x im Jahr"),
    else the label of a code written with its label ("3 - Koordination")."""
    code = scale.code(text)
    if code is None:
        number, label = _split(text)
        code = scale.code(label) if number is not None else None
    return code


def _known(own: Mapping[str, float], text: str) -> float | None:
    for key in _keys(text) or {text}:
        if key in own:
            return own[key]
    return None


def parse_numbers(
    frame: pd.DataFrame,
    column: str,
    report: IngestReport,
    source: str,
    *,
    scale: tuple[float, float] | None = None,
    integer: bool = False,
    what: str = "value",
    answers: AnswerScale | None = None,
    candidates: Sequence[str] = (),
    mapping: AnswerMapping | None = None,
    cells: pd.Series | None = None,
    shown: str | None = None,
) -> pd.Series:
    """Read a text column as numbers; labels of `answers` and of your `mapping` too.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table (text cells and ``_row``).
    column : str
        The column to read.
    scale : (float, float), optional
        The valid range; numbers outside it are read as missing and reported.
    integer : bool, default=False
        Only whole numbers are valid.
    what : str
        The item, for messages.
    answers : AnswerScale, optional
        The answer scale whose labels the column uses (see :func:`read_items`).
    candidates : sequence of str
        The scales the item may use (named in the fix for an unknown label);
        empty: the column takes numbers only.
    mapping : AnswerMapping, optional
        Your labels, looked up first.
    cells : pandas.Series, optional
        The file column of each cell, for messages (wide surveys).
    shown : str, optional
        The column's name in notes and fixes.

    Returns
    -------
    pandas.Series
        Floats; NaN for blank, not answered and unreadable cells. Blank cells
        give no problem; every unreadable cell is one (repaired: read as
        missing), each naming the row, the file column and the value.

    Examples
    --------
    >>> frame = pd.DataFrame({"_row": [2, 3, 4, 5],
    ...                       "Intensität": ["3 - Koordination", "Kooperation", "4", ""]})
    >>> report = IngestReport()
    >>> parse_numbers(frame, "Intensität", report, "s.csv", scale=(1, 4), what="intensity",
    ...               answers=ANSWER_SCALES["intensity"]).tolist()
    [3.0, 2.0, 4.0, nan]
    >>> print(report.notes[0].render("de"))
    's.csv': Antworten als Bezeichnungen der Skala der PARTNER-Intensität gelesen: 'Intensität' (2).
    """
    text = frame[column].astype(str).str.strip()
    shown = shown or column
    own = mapping.for_column([column, what, shown]) if mapping else {}
    rescale = _rescaling(answers, scale)
    valid = (answers.low, answers.high) if rescale else scale
    read = {cell: _read_cell(cell, own, answers, candidates) for cell in pd.unique(text)}
    values = text.map({cell: value for cell, (value, _) in read.items()}).astype(float)
    kinds = text.map({cell: kind for cell, (_, kind) in read.items()})
    counts = kinds.value_counts()
    by_mapping, by_label = int(counts.get("mapping", 0)), int(counts.get("label", 0))
    not_answered = int(counts.get("not_answered", 0))
    unknown = list(frame.index[(kinds == "unknown").to_numpy()])
    differing = {cell for cell in read if _differs(cell, read)}
    differs = [(cell, read[cell][0]) for cell in text[text.isin(differing).to_numpy()]]
    bad = pd.Series(False, index=frame.index)
    if not candidates:  # a numbers-only column: a text is a bad value like 7 on a 1-4 scale
        bad[unknown] = True
        unknown = []
    numeric = values.notna()
    yours = (kinds == "mapping").to_numpy()  # your numbers: on the item's range, never rescaled
    if integer:
        bad |= numeric & (values % 1 != 0)
    for on, (lo, hi) in ((~yours, valid), (yours, scale)) if valid is not None else ():
        bad |= numeric & on & ((values < lo) | (values > hi))
    if bad.any():
        for idx in frame.index[bad]:
            limits = scale if yours[frame.index.get_loc(idx)] else valid
            rng = "" if limits is None else Msg(
                "problems", "range", low=_fmt(limits[0]), high=_fmt(limits[1])
            )
            report.add(
                source,
                int(frame.at[idx, ROW]),
                _cell_column(cells, idx, column),
                text[idx],
                "scale",
                "scale_integer" if integer else "scale_number",
                repair=True,
                action="repaired",
                range=rng,
                item=_item(what),
                value=text[idx],
            )
    values = values.where(~bad)
    if rescale:
        lo, hi = scale
        rescaled = lo + (values - answers.low) * (hi - lo) / (answers.high - answers.low)
        values = values.where(yours, rescaled)
    if unknown:
        _report_unknown(frame, text, unknown, report, source, column, what, shown, answers,
                        candidates, scale, cells)
    _note_read(report, source, shown, what, answers, by_label, rescale, scale, mapping, by_mapping,
               not_answered, text, differs)
    return values


def _number(cell: str) -> float | None:
    """The number a cell holds (decimal comma allowed, ``1e2`` and ``inf`` too), else ``None``."""
    if "_" in cell:
        return None
    if _DECIMAL_COMMA.match(cell):
        cell = cell.replace(",", ".")
    try:
        number = float(cell)
    except ValueError:
        return None
    return None if math.isnan(number) else number


def _read_cell(
    cell: str,
    own: Mapping[str, float],
    answers: AnswerScale | None,
    candidates: Sequence[str],
) -> tuple[float, str]:
    """One distinct cell: its value and how it was read (``"blank"``, ``"mapping"``,
    ``"number"``, ``"label"``, ``"not_answered"`` or ``"unknown"``)."""
    if not cell:
        return math.nan, "blank"
    mine = _known(own, cell)
    if mine is not None:
        return mine, "mapping"
    number = _number(cell)
    if number is not None:
        return number, "number"
    code, label = _split(cell)
    if code is not None:
        mine = _known(own, label)
        if mine is not None:
            return mine, "mapping"
    value = _code_of(answers, cell) if answers else None
    if value is not None:
        return value, "label"
    if candidates and any(k in NOT_ANSWERED for k in _keys(cell)):
        return math.nan, "not_answered"
    return math.nan, "unknown"


def _differs(cell: str, read: Mapping[str, tuple[float, str]]) -> bool:
    """Whether a code written with its label differs from the label's code."""
    if read[cell][1] != "label":
        return False
    code, _ = _split(cell)
    return code is not None and float(code.replace(",", ".")) != read[cell][0]


def _rescaling(answers: AnswerScale | None, scale: tuple[float, float] | None) -> bool:
    if answers is None or scale is None or not answers.rating:
        return False
    if not all(math.isfinite(x) for x in scale):
        return False
    return (answers.low, answers.high) != (float(scale[0]), float(scale[1]))


def _cell_column(cells: pd.Series | None, idx: object, column: str) -> str:
    return str(cells[idx]) if cells is not None else column


def _item(item: str) -> Msg | str:
    return Msg("notes", f"role_{item}") if item in COLUMN_NAMES else item


def _rows(rows: Sequence[int]) -> str:
    shown = ", ".join(str(r) for r in rows[:_SHOWN_ROWS])
    return shown + (f", … (+{len(rows) - _SHOWN_ROWS})" if len(rows) > _SHOWN_ROWS else "")


def _report_unknown(
    frame: pd.DataFrame,
    text: pd.Series,
    unknown: list,
    report: IngestReport,
    source: str,
    column: str,
    what: str,
    shown: str,
    answers: AnswerScale | None,
    candidates: Sequence[str],
    scale: tuple[float, float] | None,
    cells: pd.Series | None,
) -> None:
    """One problem per unknown cell; each names all unknown labels of the column."""
    counts = Counter(text[idx] for idx in unknown)
    labels = [f"'{label}' ({n})" for label, n in counts.most_common(_SHOWN_LABELS)]
    if len(counts) > _SHOWN_LABELS:
        labels.append("…")
    rows = _rows([int(frame.at[idx, ROW]) for idx in unknown])
    example = io.StringIO()
    csv.writer(example, lineterminator="").writerow([shown, counts.most_common(1)[0][0]])
    known = answers or ANSWER_SCALES[candidates[0]]
    rng = Msg("problems", "range", low=_fmt(scale[0]), high=_fmt(scale[1])) if scale else ""
    for idx in unknown:
        report.add(
            source,
            int(frame.at[idx, ROW]),
            _cell_column(cells, idx, column),
            text[idx],
            "unknown_label",
            repair=True,
            action="repaired",
            value=text[idx],
            item=_item(what),
            range=rng,
            labels=Msg("notes", f"scale_points_{known.name}"),
            unknown=labels,
            rows=rows,
            example=example.getvalue() + ",",
        )


def _note_read(
    report: IngestReport,
    source: str,
    shown: str,
    what: str,
    answers: AnswerScale | None,
    by_label: int,
    rescale: bool,
    scale: tuple[float, float] | None,
    mapping: AnswerMapping | None,
    by_mapping: int,
    not_answered: int,
    text: pd.Series,
    differs: list[tuple[str, float]],
) -> None:
    counted = [Msg("notes", "column_count", column=shown, n=by_label or by_mapping)]
    if by_label and answers is not None:
        rescaled = (
            Msg("notes", "rescaled", low=_fmt(answers.low), high=_fmt(answers.high),
                to_low=_fmt(scale[0]), to_high=_fmt(scale[1]))
            if rescale
            else ""
        )
        report.note("labels_read", source=source, scale=Msg("notes", f"scale_{answers.name}"),
                    rescaled=rescaled, columns=counted)
    if by_mapping and mapping is not None:
        counted = [Msg("notes", "column_count", column=shown, n=by_mapping)]
        report.note("labels_mapped", source=source, origin=mapping.origin, columns=counted)
    if not_answered:
        example = next(c for c in text if c and any(k in NOT_ANSWERED for k in _keys(c)))
        report.note("not_answered_read", source=source, column=shown, n=not_answered,
                    example=example)
    if differs:
        cell, value = differs[0]
        report.note("label_code_differs", source=source, column=shown, n=len(differs),
                    example=cell, value=_fmt(value))


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


# =============================================================================
# Formulas without a stored result
# =============================================================================
def uncalculated_formulas(
    path: str | os.PathLike[str],
    sheet: str | int | None,
    frame: pd.DataFrame,
    report: IngestReport,
    source: str,
) -> None:
    """Report workbook cells that hold a formula without a stored result.

    A workbook written by a program (not saved by Excel or LibreOffice) may
    hold formulas that were never calculated; readers see their cells as
    blank. Each such cell of `frame` (read from `sheet` of `path`) is one
    repaired problem (read as blank) naming the formula and how to fix it.

    Parameters
    ----------
    path : path
        The workbook (``.xlsx``/``.xlsm``; other files are left alone).
    sheet : str or int or None
        The sheet `frame` was read from (default: the first).
    frame : pandas.DataFrame
        The table as read (``_row`` holds the spreadsheet rows; the header row
        is found above the first of them by its column names).
    """
    if frame is None or frame.empty:
        return
    from openpyxl import load_workbook

    rows = set(frame[ROW].astype(int))
    columns = {c for c in frame.columns if c != ROW}
    first = min(rows)
    try:
        book = load_workbook(path, read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 - not an xlsx workbook: nothing to check
        return
    try:
        name = sheet if isinstance(sheet, str) else book.sheetnames[sheet or 0]
        header: dict[int, str] = {}
        formulas: list[tuple[int, int, str]] = []
        for r, cells in enumerate(book[name].iter_rows(values_only=True), start=1):
            if r < first:
                header.update(
                    {c: str(v).strip() for c, v in enumerate(cells) if str(v).strip() in columns}
                )
            elif r in rows:
                formulas += [
                    (r, c, v)
                    for c, v in enumerate(cells)
                    if isinstance(v, str) and v.startswith("=") and c in header
                ]
    except (KeyError, IndexError):
        return
    finally:
        book.close()
    if not formulas:
        return
    stored = load_workbook(path, read_only=True, data_only=True)
    try:
        values = {
            (r, c): v
            for r, cells in enumerate(stored[name].iter_rows(values_only=True), start=1)
            if r in rows
            for c, v in enumerate(cells)
        }
    finally:
        stored.close()
    by_column: dict[str, list[tuple[int, str]]] = {}
    for r, c, formula in formulas:
        if values.get((r, c)) is None:
            by_column.setdefault(header[c], []).append((r, formula))
    for column, cells in by_column.items():
        rows_text = _rows([r for r, _ in cells])
        for r, formula in cells:
            report.add(source, r, column, formula, "formula", "formula_not_calculated",
                       repair=True, formula=formula, n=len(cells), rows=rows_text)
