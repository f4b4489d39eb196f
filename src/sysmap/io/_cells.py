"""Attribute and id cells read as text, made typed again where that is safe: attribute
columns of numbers as numbers (:func:`infer_attribute`), ids a spreadsheet wrote as
floats back as integers (:func:`repair_float_ids`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .report import IngestReport
from .tables import ROW

__all__ = ["infer_attribute", "repair_float_ids"]


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
    text = values.astype(object).astype(str)
    filled = text != ""
    if not filled.any():
        return values
    cells = text[filled]
    if cells.str.match(r"^-?0\d").any():
        return values
    numbers = pd.to_numeric(cells.str.replace(",", ".", regex=False), errors="coerce")
    if numbers.isna().any() or not np.isfinite(numbers).all():
        return values
    if (numbers % 1 == 0).all():
        out = pd.Series(pd.NA, index=values.index, dtype="Int64")
        out[filled] = numbers.astype("int64")
        return out
    out = pd.Series(np.nan, index=values.index, dtype=float)
    out[filled] = numbers.astype(float)
    return out


_FLOAT_ID = r"^-?\d+\.0+$"


def repair_float_ids(
    frame: pd.DataFrame, columns: list[str], report: IngestReport, source: str
) -> pd.DataFrame:
    """Turn ids written as floats (``"12.0"``, from a numeric column saved by a
    spreadsheet or pandas) back into integers (``"12"``), reporting each column.
    """
    out = frame
    for column in columns:
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
