"""Answer scales: turning the cells of item columns into numbers.

Survey tools export answers as **labels** in the survey's language
("Koordination", "wöchentlich", "ziemlich"), as codes ("3"), as both
("3 - Koordination", "(3) Koordination", "Koordination (3)"), and often mixed
in one column. This module owns the vocabularies sysmap knows
(:data:`ANSWER_SCALES`, English and German; :data:`ITEM_SCALES`, which scales fit
which item) and your own mappings (:func:`read_scales`). How item cells are read
with them (codes, labels, both, mixed; rescaling; unknown labels reported) is
:mod:`sysmap.io.answers` (:func:`~sysmap.io.answers.parse_numbers`,
:func:`~sysmap.io.answers.read_items`).

:func:`uncalculated_formulas` finds workbook cells holding a formula without
a stored result (they read as blank).
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..exceptions import ParameterError
from ..i18n import Msg
from .columns import _keys, find_columns, fold
from .report import IngestReport
from .tables import ROW, read_table, source_name

__all__ = [
    "ANSWER_SCALES",
    "ITEM_SCALES",
    "AnswerMapping",
    "AnswerScale",
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
            (
                1,
                (
                    "awareness",
                    "aware",
                    "aware of each other",
                    "Kenntnis",
                    "Bewusstsein",
                    "Wahrnehmung",
                    "Bekanntheit",
                    "Kennen",
                    "wir kennen uns",
                    "Kenntnisnahme",
                ),
            ),
            (
                2,
                (
                    "cooperation",
                    "cooperative",
                    "cooperative activities",
                    "cooperating",
                    "Kooperation",
                    "Zusammenarbeit",
                    "kooperativ",
                    "Kooperieren",
                ),
            ),
            (
                3,
                (
                    "coordination",
                    "coordinated",
                    "coordinated activities",
                    "coordinating",
                    "Koordination",
                    "Koordinierung",
                    "Abstimmung",
                    "koordiniert",
                    "Koordinieren",
                ),
            ),
            (
                4,
                (
                    "integration",
                    "integrated",
                    "integrated activities",
                    "Integration",
                    "integriert",
                    "Verschmelzung",
                    "gemeinsame Steuerung",
                ),
            ),
        ),
        _scale(
            "frequency",
            (
                "nie",
                "jährlich",
                "halbjährlich",
                "quartalsweise",
                "monatlich",
                "wöchentlich",
                "täglich",
            ),
            (0, ("never", "no contact", "nie", "niemals", "kein Kontakt")),
            (
                1,
                (
                    "yearly",
                    "annually",
                    "once a year",
                    "once a year or less",
                    "jährlich",
                    "einmal im Jahr",
                    "einmal jährlich",
                    "1x im Jahr",
                    "1x jährlich",
                ),
            ),
            (
                1.5,
                (
                    "half-yearly",
                    "semi-annually",
                    "twice a year",
                    "every six months",
                    "halbjährlich",
                    "zweimal im Jahr",
                    "zweimal jährlich",
                    "2x im Jahr",
                    "2x jährlich",
                ),
            ),
            (
                2,
                (
                    "quarterly",
                    "once a quarter",
                    "about once a quarter",
                    "every three months",
                    "quartalsweise",
                    "vierteljährlich",
                    "einmal im Quartal",
                    "1x im Quartal",
                    "quartalsmäßig",
                ),
            ),
            (
                3,
                (
                    "monthly",
                    "once a month",
                    "about once a month",
                    "monatlich",
                    "einmal im Monat",
                    "1x im Monat",
                    "1x monatlich",
                ),
            ),
            (
                4,
                (
                    "weekly",
                    "once a week",
                    "every week",
                    "wöchentlich",
                    "einmal pro Woche",
                    "einmal in der Woche",
                    "1x pro Woche",
                    "1x wöchentlich",
                ),
            ),
            (5, ("daily", "every day", "täglich", "jeden Tag", "fast täglich")),
        ),
        _scale(
            "amount4",
            ("gar nicht", "etwas", "ziemlich", "sehr"),
            (1, ("not at all", "gar nicht", "überhaupt nicht")),
            (2, ("a small amount", "a little", "somewhat", "slightly", "etwas", "ein wenig")),
            (3, ("a fair amount", "quite", "quite a bit", "fairly", "ziemlich", "weitgehend")),
            (
                4,
                (
                    "a great deal",
                    "very",
                    "very much",
                    "a lot",
                    "sehr",
                    "sehr viel",
                    "völlig",
                    "vollständig",
                ),
            ),
        ),
        _scale(
            "agree4",
            ("stimme gar nicht zu", "stimme eher nicht zu", "stimme eher zu", "stimme voll zu"),
            (
                1,
                (
                    "strongly disagree",
                    "stimme gar nicht zu",
                    "stimme überhaupt nicht zu",
                    "stimme nicht zu",
                    "trifft gar nicht zu",
                    "trifft überhaupt nicht zu",
                    "trifft nicht zu",
                ),
            ),
            (2, ("disagree", "somewhat disagree", "stimme eher nicht zu", "trifft eher nicht zu")),
            (3, ("agree", "somewhat agree", "stimme eher zu", "trifft eher zu")),
            (
                4,
                (
                    "strongly agree",
                    "stimme voll zu",
                    "stimme voll und ganz zu",
                    "stimme völlig zu",
                    "stimme zu",
                    "trifft voll zu",
                    "trifft voll und ganz zu",
                    "trifft völlig zu",
                    "trifft zu",
                ),
            ),
        ),
        _scale(
            "amount5",
            ("gar nicht", "wenig", "mittelmäßig", "ziemlich", "sehr"),
            (1, ("not at all", "gar nicht", "überhaupt nicht")),
            (2, ("a little", "slightly", "wenig", "kaum")),
            (3, ("moderately", "somewhat", "mittelmäßig", "mittel", "teils teils")),
            (4, ("quite a bit", "considerably", "ziemlich", "überwiegend")),
            (5, ("very much", "extremely", "a great deal", "sehr", "außerordentlich", "völlig")),
        ),
        _scale(
            "agree5",
            (
                "stimme gar nicht zu",
                "stimme eher nicht zu",
                "teils/teils",
                "stimme eher zu",
                "stimme voll zu",
            ),
            (
                1,
                (
                    "strongly disagree",
                    "stimme gar nicht zu",
                    "stimme überhaupt nicht zu",
                    "trifft gar nicht zu",
                    "trifft überhaupt nicht zu",
                ),
            ),
            (
                2,
                (
                    "disagree",
                    "somewhat disagree",
                    "stimme eher nicht zu",
                    "stimme nicht zu",
                    "trifft eher nicht zu",
                    "trifft nicht zu",
                ),
            ),
            (
                3,
                (
                    "neither agree nor disagree",
                    "neutral",
                    "undecided",
                    "teils/teils",
                    "weder noch",
                    "stimme teilweise zu",
                    "trifft teilweise zu",
                    "unentschieden",
                ),
            ),
            (
                4,
                (
                    "agree",
                    "somewhat agree",
                    "stimme eher zu",
                    "stimme zu",
                    "trifft eher zu",
                    "trifft zu",
                ),
            ),
            (
                5,
                (
                    "strongly agree",
                    "stimme voll zu",
                    "stimme voll und ganz zu",
                    "stimme völlig zu",
                    "trifft voll zu",
                    "trifft voll und ganz zu",
                    "trifft völlig zu",
                ),
            ),
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
        "don't know",
        "do not know",
        "not applicable",
        "n/a",
        "no answer",
        "prefer not to say",
        "cannot say",
        "weiß nicht",
        "keine Angabe",
        "k. A.",
        "nicht zutreffend",
        "kann ich nicht beurteilen",
        "nicht beurteilbar",
        "keine Ahnung",
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

_NUMBER = re.compile(r"^[-+]?(\d+([.,]\d*)?|[.,]\d+)$")
_SHOWN_ROWS = 10


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
        found = find_columns(frame, wanted, report, name, required=list(wanted), table="scales")
        if len(found) == 3:
            seen: dict[tuple[str, str], tuple[float, int]] = {}
            for idx in frame.index:
                row = int(frame.at[idx, ROW])
                column, label, value = (frame.at[idx, found[r]] for r in wanted)
                number = _mapping_value(value)
                if not column or not label or number is None:
                    report.add(
                        name,
                        row,
                        found["value"],
                        value,
                        "scales_file",
                        "scales_row",
                        column=column,
                        label=label,
                        value=value,
                    )
                    continue
                key = (fold(column) if column != "*" else "*", fold(label))
                if key in seen and not _same(seen[key][0], number):
                    report.add(
                        name,
                        row,
                        found["label"],
                        label,
                        "scales_file",
                        "scales_twice",
                        label=label,
                        column=column,
                        first_row=str(seen[key][1]),
                    )
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


def _rows(rows: Sequence[int]) -> str:
    shown = ", ".join(str(r) for r in rows[:_SHOWN_ROWS])
    return shown + (f", … (+{len(rows) - _SHOWN_ROWS})" if len(rows) > _SHOWN_ROWS else "")


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
            report.add(
                source,
                r,
                column,
                formula,
                "formula",
                "formula_not_calculated",
                repair=True,
                formula=formula,
                n=len(cells),
                rows=rows_text,
            )
