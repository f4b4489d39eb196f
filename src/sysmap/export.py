"""Write output files safely: spreadsheets that cannot run formulas, files never half-written.

Names and free text come from surveys and are untrusted. A cell such as
``=HYPERLINK("http://evil", "click")`` would run as a formula when a partner
opens the CSV in Excel. Following the OWASP guidance on CSV injection [1]_, text
cells that start with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return get
a leading apostrophe, which spreadsheets show as text; column headers, index
labels and index names too. Numbers are untouched. Control characters, which
Excel workbooks cannot hold, are removed
(:func:`sysmap._text.clean_control_characters`). Every spreadsheet sysmap
writes (CSV, Excel, the Kumu workbook) goes through :func:`neutralize_formulas`.

Every file is first written to a temporary file beside its target and moved
into place only when complete (:func:`replacing`), so a failed export never
leaves a half-written file behind.

References
----------
.. [1] OWASP, "CSV Injection". https://owasp.org/www-community/attacks/CSV_Injection
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from collections.abc import Iterator, Mapping
from pathlib import Path

import pandas as pd

from ._text import clean_control_characters

__all__ = [
    "FORMULA_START",
    "neutralize_formulas",
    "replacing",
    "restore_formula_text",
    "write_csv",
    "write_excel",
]

#: First characters that make a spreadsheet read a text cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Most characters an Excel cell holds; longer text is cut (the CSV keeps it whole).
EXCEL_CELL_LIMIT = 32_767
_SHEET_ILLEGAL = re.compile(r"[\[\]:*?/\\]")


def _neutralize(value: object) -> object:
    if not isinstance(value, str):
        return value
    value = clean_control_characters(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def _neutralize_values(values: pd.Series) -> pd.Series:
    """:func:`_neutralize` of every value; whole-column checks when all are text."""
    values = values.astype(object)
    if pd.api.types.infer_dtype(values) != "string":  # numbers among the text: one by one
        return values.map(_neutralize)
    joined = "\n".join(values.dropna())  # line feeds are kept, so they can join
    if clean_control_characters(joined) != joined:
        return values.map(_neutralize)
    starts = values.str.startswith(FORMULA_START).fillna(False).to_numpy(dtype=bool)
    if not starts.any():
        return values
    out = values.copy()
    out[starts] = "'" + values[starts]
    return out


def _neutralize_index(index: pd.Index) -> pd.Index:
    names = [_neutralize(n) for n in index.names]
    if isinstance(index, pd.MultiIndex):
        if not len(index):
            return index.set_names(names)
        return pd.MultiIndex.from_tuples(
            [tuple(_neutralize(v) for v in t) for t in index], names=names
        )
    if pd.api.types.is_numeric_dtype(index):
        return index.set_names(names)
    return pd.Index(_neutralize_values(index.to_series()), name=names[0])


def neutralize_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cannot start a formula in a spreadsheet.

    Text cells, column labels, index labels and the index and column names
    (all header cells of the written table) that start with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return get a leading apostrophe;
    control characters are removed from all of them. Numbers are untouched.
    :func:`restore_formula_text` undoes the apostrophe when a table is read
    back.

    Examples
    --------
    >>> neutralize_formulas(pd.DataFrame({"name": ["=1+1", "Stadt"], "n": [-1, 2]}))
       name  n
    0  '=1+1 -1
    1  Stadt  2
    """
    out = frame.copy()
    for position in range(out.shape[1]):
        column = out.iloc[:, position]
        if not pd.api.types.is_numeric_dtype(column):
            out.isetitem(position, _neutralize_values(column))
    out.columns = _neutralize_index(out.columns)
    out.index = _neutralize_index(out.index)
    return out


def restore_formula_text(value: object) -> object:
    """Undo :func:`neutralize_formulas` for one cell read back from a sysmap export.

    Examples
    --------
    >>> restore_formula_text("'=1+1"), restore_formula_text("'Hallo")
    ('=1+1', "'Hallo")
    """
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


@contextlib.contextmanager
def replacing(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Write a file completely or not at all.

    Yields a temporary path beside `path` (same folder, same suffix); when
    the block ends without an error the temporary file replaces `path` in
    one step (:func:`os.replace`), otherwise it is deleted and `path` is left
    as it was.

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "out.txt"
    >>> with replacing(target) as tmp:
    ...     _ = tmp.write_text("done", encoding="utf-8")
    >>> target.read_text(encoding="utf-8"), sorted(p.name for p in target.parent.iterdir())
    ('done', ['out.txt'])
    """
    path = Path(path)
    tmp = path.with_name(f".{path.stem}.{secrets.token_hex(4)}.tmp{path.suffix}")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def write_csv(frame: pd.DataFrame, path: str | os.PathLike[str], *, index: bool = True) -> Path:
    """Write `frame` as UTF-8 CSV (with BOM, so Excel shows umlauts), formulas neutralized.

    The file is replaced only once it is completely written (:func:`replacing`).
    """
    path = Path(path)
    safe = neutralize_formulas(frame)
    with replacing(path) as tmp:
        safe.to_csv(tmp, index=index, encoding="utf-8-sig")
    return path


def _sheet_names(names: list[object]) -> list[str]:
    """Excel-valid, distinct sheet names: no ``[]:*?/\\``, at most 31 characters."""
    out: list[str] = []
    for name in names:
        base = _SHEET_ILLEGAL.sub("_", clean_control_characters(str(name))).strip("'") or "Sheet"
        candidate, k = base[:31], 2
        while candidate.casefold() in {n.casefold() for n in out}:
            suffix = f" ({k})"
            candidate, k = base[: 31 - len(suffix)] + suffix, k + 1
        out.append(candidate)
    return out


def _excel_cell(value: object) -> object:
    if isinstance(value, str) and len(value) > EXCEL_CELL_LIMIT:
        return value[: EXCEL_CELL_LIMIT - 1] + "…"
    return value


def write_excel(
    frames: Mapping[str, pd.DataFrame], path: str | os.PathLike[str], *, index: bool = True
) -> Path:
    """Write several tables to one workbook, one sheet each, formulas neutralized.

    Sheet names are made valid for Excel (at most 31 characters, no
    ``[]:*?/\\``, distinct); text longer than an Excel cell holds (32,767
    characters) is cut with an ellipsis. The workbook is replaced only once
    it is completely written (:func:`replacing`).
    """
    path = Path(path)
    sheets = _sheet_names(list(frames))
    safe = []
    for frame in frames.values():
        frame = neutralize_formulas(frame)
        for position in range(frame.shape[1]):
            column = frame.iloc[:, position]
            if column.dtype == object:
                frame.isetitem(position, column.map(_excel_cell))
        safe.append(frame)
    with replacing(path) as tmp:
        with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            for sheet, frame in zip(sheets, safe):
                frame.to_excel(writer, sheet_name=sheet, index=index)
    return path
