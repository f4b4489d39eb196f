"""Read CSV and Excel tables as text, exactly as the user sees them.

Every reader in :mod:`sysmap.io` starts here. Cells are read as strings (so an
id column is never turned into floats), the encoding and delimiter are
detected and recorded in the report, blank rows are skipped and counted, and
each row keeps its spreadsheet row number in the column ``_row``.
"""

from __future__ import annotations

import csv
import io
import math
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ..i18n import Msg
from .report import IngestReport

__all__ = [
    "ROW",
    "find_columns",
    "repair_float_ids",
    "infer_attribute",
    "parse_numbers",
    "read_table",
    "source_name",
]

#: Column that holds each row's spreadsheet row number (header = row 1).
ROW = "_row"
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")
ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")
DELIMITERS = ",;\t|"


def source_name(data: object, source: str | None = None) -> str:
    """The name used for `data` in messages: `source`, else the file name."""
    if source is not None:
        return source
    if isinstance(data, (str, os.PathLike)):
        return Path(data).name
    return "<DataFrame>"


def read_table(
    data: str | os.PathLike[str] | pd.DataFrame,
    report: IngestReport,
    *,
    source: str | None = None,
    sheet: str | int | None = None,
) -> pd.DataFrame | None:
    """Read `data` into a frame of stripped strings plus the ``_row`` column.

    Parameters
    ----------
    data : path or pandas.DataFrame
        A ``.csv``/``.tsv``/``.txt`` file, an Excel workbook, or a frame.
    report : IngestReport
        Receives notes (encoding, delimiter) and file-level errors.
    source : str, optional
        Name for messages; defaults to the file name.
    sheet : str or int, optional
        Excel sheet; the first sheet by default.

    Returns
    -------
    pandas.DataFrame or None
        ``None`` when the file cannot be read at all; the reason is in `report`.
    """
    name = source_name(data, source)
    if name not in report.sources:
        report.sources.append(name)
    if isinstance(data, pd.DataFrame):
        frame = data.copy()
        frame.columns = [str(c) for c in frame.columns]
        frame = frame.astype(object).where(frame.notna(), "")
        frame = frame.map(_cell_text)
    else:
        path = Path(data)
        if not path.exists():
            report.add(name, None, None, str(path), "file", "file_not_found")
            return None
        if path.suffix.lower() in EXCEL_SUFFIXES:
            frame = _read_excel(path, name, sheet, report)
        else:
            frame = _read_csv(path, name, report)
        if frame is None:
            return None
    frame.columns = [str(c).strip() for c in frame.columns]
    frame.insert(0, ROW, np.arange(2, len(frame) + 2))
    values = frame.drop(columns=ROW)
    blank = (values == "").all(axis=1) if len(values.columns) else pd.Series(True, frame.index)
    if blank.any():
        report.note("blank_rows", source=name, n=int(blank.sum()))
        frame = frame.loc[~blank]
    if frame.empty:
        report.add(name, None, None, None, "empty", "no_data_rows")
        return None
    report.rows_read += len(frame)
    return frame.reset_index(drop=True)


def _cell_text(value: object) -> str:
    """Text of one cell: integral floats lose their '.0', blanks become ''."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
    if isinstance(value, (np.floating,)) and float(value).is_integer():
        return str(int(value))
    return str(value).strip()


def _decode(raw: bytes, name: str, report: IngestReport) -> str:
    for encoding in ENCODINGS:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding != "utf-8-sig":
            report.note("encoding", source=name, encoding=encoding)
        return text
    raise AssertionError("latin-1 decodes every byte string")  # pragma: no cover


def _sniff_delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        header = sample.splitlines()[0] if sample else ""
        counts = {d: header.count(d) for d in DELIMITERS}
        best = max(counts, key=counts.get)
        return best if counts[best] else ","


def _read_csv(path: Path, name: str, report: IngestReport) -> pd.DataFrame | None:
    raw = path.read_bytes()
    if not raw.strip():
        report.add(name, None, None, None, "empty", "empty_file")
        return None
    text = _decode(raw, name, report)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else _sniff_delimiter(text)
    if delimiter != ",":
        report.note("separator", source=name, separator=repr(delimiter))
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            skipinitialspace=True,
        )
    except (pd.errors.ParserError, csv.Error) as exc:
        report.add(
            name,
            None,
            None,
            None,
            "parse",
            "csv_unreadable",
            detail=str(exc),
        )
        return None
    return frame.apply(lambda column: column.str.strip())


def _read_excel(
    path: Path, name: str, sheet: str | int | None, report: IngestReport
) -> pd.DataFrame | None:
    try:
        frame = pd.read_excel(path, sheet_name=0 if sheet is None else sheet, dtype=object)
    except ValueError as exc:  # unknown sheet
        report.add(
            name, None, None, sheet, "sheet", "no_such_sheet", sheet=str(sheet), detail=str(exc)
        )
        return None
    except Exception as exc:  # corrupt or not a workbook  # noqa: BLE001
        report.add(name, None, None, None, "parse", "excel_unreadable", detail=str(exc))
        return None
    if sheet is not None:
        report.note("sheet_read", source=name, sheet=str(sheet))
    return frame.astype(object).map(_cell_text)


def find_columns(
    frame: pd.DataFrame,
    wanted: Mapping[str, str],
    report: IngestReport,
    source: str,
    *,
    required: Sequence[str] = (),
    table: str = "table",
) -> dict[str, str]:
    """Match sysmap's column roles to the frame's column names.

    Parameters
    ----------
    frame : pandas.DataFrame
        Table as read by :func:`read_table`.
    wanted : mapping of str to str
        Role -> column name to look for (the defaults merged with the user's
        ``columns=``). Matching is exact first, then ignoring case and spaces.
    required : sequence of str
        Roles that must be found; each missing one is an error naming the
        columns that were found and how to map them.

    Returns
    -------
    dict
        Role -> actual column, for the roles found.
    """
    actual = [c for c in frame.columns if c != ROW]
    folded = {_fold(c): c for c in actual}
    found: dict[str, str] = {}
    for role, column in wanted.items():
        if column in actual:
            found[role] = column
        elif _fold(column) in folded:
            found[role] = folded[_fold(column)]
    for role in required:
        if role not in found:
            report.add(
                source,
                None,
                wanted[role],
                None,
                "schema",
                "missing_column",
                table=table,
                column=wanted[role],
                found=", ".join(f"'{c}'" for c in actual),
                role=role,
            )
    return found


def _fold(name: str) -> str:
    return "".join(name.split()).casefold().replace("-", "_")


def parse_numbers(
    frame: pd.DataFrame,
    column: str,
    report: IngestReport,
    source: str,
    *,
    scale: tuple[float, float] | None = None,
    integer: bool = False,
    what: str = "value",
) -> pd.Series:
    """Parse a text column to floats, recording every bad cell as an error.

    Blank cells give NaN without a problem (an unanswered item). Decimal commas
    (``"2,5"``) are accepted. Values outside `scale` and non-numbers are errors
    naming the row, column and value.
    """
    text = frame[column].astype(str).str.strip()
    numbers = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce")
    bad = (text != "") & numbers.isna()
    if integer:
        bad |= numbers.notna() & (numbers % 1 != 0)
    if scale is not None:
        lo, hi = scale
        bad |= numbers.notna() & ((numbers < lo) | (numbers > hi))
    if bad.any():
        rng = (
            Msg("problems", "range", low=_fmt(scale[0]), high=_fmt(scale[1]))
            if scale is not None
            else ""
        )
        for idx in frame.index[bad]:
            report.add(
                source,
                int(frame.at[idx, ROW]),
                column,
                text[idx],
                "scale",
                "scale_integer" if integer else "scale_number",
                repair=True,
                action="repaired",
                range=rng,
                item=what,
                value=text[idx],
            )
    return numbers.astype(float).where(~bad)


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


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
