"""Attribute and id cells read as text, made typed again where that is safe: attribute
columns of numbers as numbers (:func:`infer_attribute`), ids a spreadsheet wrote as
floats back as integers (:func:`repair_float_ids`).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .report import IngestReport
from .tables import ROW, lines

__all__ = ["infer_attribute", "repair_float_ids"]

# The checks below, on one text holding a column's cells a line each (:func:`lines`):
# one regular-expression scan of the column instead of one call per cell.
_LEADING_ZERO = re.compile(r"^-?0\d", re.MULTILINE)
_FLOAT_ID_LINE = re.compile(r"^-?\d+\.0+$", re.MULTILINE)
_NOT_DIGIT = re.compile(r"[^0-9\n]")
_TOO_LONG = re.compile(r"[0-9]{19}")  # more digits than int64 holds for sure


def infer_attribute(values: pd.Series) -> pd.Series:
    """An attribute column as numbers when every filled cell is one, else unchanged text.

    Whole numbers become a nullable integer column. Codes with leading zeros
    (``"01067"``) stay text, so postcodes and ids keep their form.

    Examples
    --------
    >>> infer_attribute(pd.Series(["1", "", "3"])).tolist()
    [1, <NA>, 3]
    >>> infer_attribute(pd.Series(["2,5", "1"])).tolist()
    [2.5, 1.0]
    >>> infer_attribute(pd.Series(["01067", "10115"])).tolist()
    ['01067', '10115']
    """
    joined = lines(values)
    if joined is not None and _plain_integers(joined):  # the general path's result, at once
        numbers = np.fromstring(joined, dtype=np.int64, sep="\n")
        return pd.Series(pd.array(numbers, dtype="Int64"), index=values.index)
    text = values.astype(object).astype(str)
    filled = text != ""
    if not filled.any():
        return values
    cells = text[filled]
    if joined is not None:
        leading_zero = _LEADING_ZERO.search(joined) is not None
    else:
        leading_zero = bool(cells.str.match(r"^-?0\d").any())
    if leading_zero:
        return values
    if joined is None or "," in joined:
        cells = cells.str.replace(",", ".", regex=False)
    numbers = pd.to_numeric(cells, errors="coerce")
    if numbers.isna().any() or not np.isfinite(numbers).all():
        return values
    if (numbers % 1 == 0).all():
        out = pd.Series(pd.NA, index=values.index, dtype="Int64")
        out[filled] = numbers.astype("int64")
        return out
    out = pd.Series(np.nan, index=values.index, dtype=float)
    out[filled] = numbers.astype(float)
    return out


def _plain_integers(joined: str) -> bool:
    """Whether every line of `joined` is a whole number >= 0 of at most 18 digits
    without leading zeros (so int64 holds it, and it is not a code like ``"01067"``)."""
    return (
        bool(joined)
        and _NOT_DIGIT.search(joined) is None
        and "\n\n" not in joined
        and not joined.startswith("\n")
        and not joined.endswith("\n")
        and _LEADING_ZERO.search(joined) is None
        and _TOO_LONG.search(joined) is None
    )


_FLOAT_ID = r"^-?\d+\.0+$"


def repair_float_ids(
    frame: pd.DataFrame, columns: list[str], report: IngestReport, source: str
) -> pd.DataFrame:
    """Turn ids written as floats (``"12.0"``, from a numeric column saved by a
    spreadsheet or pandas) back into integers (``"12"``), reporting each column.
    """
    out = frame
    for column in columns:
        joined = lines(frame[column])
        if joined is not None and ("." not in joined or not _FLOAT_ID_LINE.search(joined)):
            continue  # no cell is a float id: checked in one scan
        floaty = frame[column].str.match(_FLOAT_ID)
        if floaty.any():
            out = out.copy() if out is frame else out
            out[column] = frame[column].where(~floaty, frame[column].str.split(".").str[0])
            first = frame.index[floaty][0]
            report.add(
                source,
                int(frame.at[first, ROW]),
                column,
                frame.at[first, column],
                "float_id",
                severity="info",
                action="repaired",
                n=int(floaty.sum()),
                example=frame.at[first, column],
                repaired=out.at[first, column],
            )
    return out
