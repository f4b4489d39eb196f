"""Reading item cells as numbers: :func:`parse_numbers` for one column, :func:`read_items`
for the item columns of a survey (choosing each column's answer scale).

The steps, for every cell:

1. a blank cell is an unanswered item (missing, no problem);
2. your mapping (``scales=`` in Python, ``--scales FILE`` on the command
   line, see :func:`~sysmap.io.scales.read_scales`) is looked up first, for the whole cell;
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
fit the item (:data:`~sysmap.io.scales.ITEM_SCALES`), the one that knows most of the
distinct labels (ties: the first listed). The six PARTNER trust and value items of
one file are decided together. When the chosen scale has another range than the
item (a 5-point agreement scale for a 1-4 PARTNER item), the whole column,
codes included, is read on that scale and rescaled linearly onto the item's
range, and the report says so.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence

import pandas as pd

from ..i18n import Msg
from .columns import COLUMN_NAMES, _keys
from .report import IngestReport
from .scales import (
    _TRUST_VALUE,
    ANSWER_SCALES,
    ITEM_SCALES,
    NOT_ANSWERED,
    AnswerMapping,
    AnswerScale,
    _fmt,
    _rows,
)
from .tables import ROW

__all__ = ["parse_numbers", "read_items"]

_ANY_SCALE = ("intensity", "frequency", *_TRUST_VALUE, "yes_no")
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
_SHOWN_LABELS = 10


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
            rng = (
                ""
                if limits is None
                else Msg("problems", "range", low=_fmt(limits[0]), high=_fmt(limits[1]))
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
        _report_unknown(
            frame,
            text,
            unknown,
            report,
            source,
            column,
            what,
            shown,
            answers,
            candidates,
            scale,
            cells,
        )
    _note_read(
        report,
        source,
        shown,
        what,
        answers,
        by_label,
        rescale,
        scale,
        mapping,
        by_mapping,
        not_answered,
        text,
        differs,
    )
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
            Msg(
                "notes",
                "rescaled",
                low=_fmt(answers.low),
                high=_fmt(answers.high),
                to_low=_fmt(scale[0]),
                to_high=_fmt(scale[1]),
            )
            if rescale
            else ""
        )
        report.note(
            "labels_read",
            source=source,
            scale=Msg("notes", f"scale_{answers.name}"),
            rescaled=rescaled,
            columns=counted,
        )
    if by_mapping and mapping is not None:
        counted = [Msg("notes", "column_count", column=shown, n=by_mapping)]
        report.note("labels_mapped", source=source, origin=mapping.origin, columns=counted)
    if not_answered:
        example = next(c for c in text if c and any(k in NOT_ANSWERED for k in _keys(c)))
        report.note(
            "not_answered_read", source=source, column=shown, n=not_answered, example=example
        )
    if differs:
        cell, value = differs[0]
        report.note(
            "label_code_differs",
            source=source,
            column=shown,
            n=len(differs),
            example=cell,
            value=_fmt(value),
        )
