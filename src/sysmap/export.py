"""Write tables safely: CSV and Excel exports that spreadsheet programs cannot execute.

Names and free text come from surveys and are untrusted. A cell such as
``=HYPERLINK("http://evil", "click")`` would run as a formula when a partner
opens the CSV in Excel. Following the OWASP guidance on CSV injection, text
cells that start with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return get
a leading apostrophe, which spreadsheets show as text. Numbers are untouched.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

__all__ = ["neutralize_formulas", "write_csv", "write_excel"]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _neutralize(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def neutralize_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells (and index/column labels) cannot start a formula.

    Examples
    --------
    >>> neutralize_formulas(pd.DataFrame({"name": ["=1+1", "Stadt"], "n": [-1, 2]}))
       name  n
    0  '=1+1 -1
    1  Stadt  2
    """
    out = frame.copy()
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]):
            out[col] = out[col].map(_neutralize)
    out.columns = [_neutralize(c) for c in out.columns]
    if not pd.api.types.is_numeric_dtype(out.index):
        out.index = out.index.map(_neutralize)
    return out


def write_csv(frame: pd.DataFrame, path: str | os.PathLike[str], *, index: bool = True) -> Path:
    """Write `frame` as UTF-8 CSV (with BOM, so Excel shows umlauts), formulas neutralized."""
    path = Path(path)
    neutralize_formulas(frame).to_csv(path, index=index, encoding="utf-8-sig")
    return path


def write_excel(
    frames: Mapping[str, pd.DataFrame], path: str | os.PathLike[str], *, index: bool = True
) -> Path:
    """Write several tables to one workbook, one sheet each, formulas neutralized.

    Sheet names are cut to Excel's 31 characters.
    """
    path = Path(path)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in frames.items():
            neutralize_formulas(frame).to_excel(writer, sheet_name=str(name)[:31], index=index)
    return path
