"""Read CSV and Excel tables as text, exactly as the user sees them.

Every reader in :mod:`sysmap.io` starts here. Cells are read as strings (so an
id column is never turned into floats), the encoding and separator are
detected and recorded in the report, blank rows are skipped and counted, and
each row keeps its spreadsheet row number in the column ``_row``. Files that
cannot be read (a folder, a PDF, an unclosed quote) are problems in the
report, never tracebacks.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import math
import os
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from .._text import clean_control_characters, clean_control_frame, shorten
from ..i18n import Msg
from .dialect import (
    _SHOWN_CELL,
    _no_field_size_limit,
    _sep_shown,
    _shown_header,
    detect_separator,
    dialect_hint,
    parse_sep,
)
from .report import IngestReport

__all__ = ["EXCEL_SUFFIXES", "ROW", "read_table", "source_name"]

#: Column that holds each row's spreadsheet row number (header = row 1).
ROW = "_row"
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")
TABLE_SUFFIXES = (".csv", ".tsv", ".txt", *EXCEL_SUFFIXES)
#: Encodings tried, in order, for a text file without a byte-order mark.
ENCODINGS = ("utf-8", "cp1252", "latin-1")
_BOM_ENCODINGS = (  # UTF-32 first: its little-endian mark starts like UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOMS = tuple(bom for bom, _ in _BOM_ENCODINGS)
_ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-16-le": "UTF-16 LE",
    "utf-16-be": "UTF-16 BE",
    "utf-32-le": "UTF-32 LE",
    "utf-32-be": "UTF-32 BE",
}
_MAGIC = (
    (b"%PDF", "pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"PK\x05\x06", "zip"),
    (b"\x1f\x8b", "gzip"),
)
# Bytes no text table holds: C0 controls except tab, line feed, vertical tab,
# form feed, carriage return and the DOS end-of-file mark.
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 26))
_NUMBER = re.compile(r"[-+]?\d+([.,]\d+)?")
#: White space at the start or end of a line (a cell, in a column's cells joined by "\n").
_EDGE_SPACE = re.compile(r"^[^\S\n]|[^\S\n]$", re.MULTILINE)
_SAMPLE_BYTES = 64 * 1024  # bytes inspected for the kind of file
_DETECT_BYTES = 1024 * 1024  # bytes read when only the first rows are needed
_TITLE_ROWS = 10  # title rows skipped at most above a sheet's header
_SHOWN_VALUE = 200  # characters of a whole row shown in a message
_SHOWN_ROWS = 10  # row numbers listed in a message


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
    sep: str | None = None,
    needed: Callable[[list[str]], bool] | None = None,
    nrows: int | None = None,
) -> pd.DataFrame | None:
    """Read `data` into a frame of stripped strings plus the ``_row`` column.

    CSV files are decoded (UTF-8 with or without byte-order mark, UTF-16 or
    UTF-32 with a byte-order mark, UTF-16 without one when every other byte
    is NUL, then cp1252 and Latin-1) and their separator is detected from the
    field counts of the first rows (:func:`detect_separator`). Workbooks are
    read sheet by sheet until one has the needed columns, skipping title rows
    above the header. Control characters in cells and column names are
    removed. Every step that changes or chooses something is noted in
    `report`; every file that cannot be read is a problem there, never an
    exception.

    Parameters
    ----------
    data : path or pandas.DataFrame
        A CSV or text table, an Excel workbook, or a frame. The content
        decides: an ``.xlsx`` that is text is read as CSV, a ``.csv`` that is
        a workbook as Excel (both noted).
    report : IngestReport
        Receives notes (encoding, separator, sheet) and problems.
    source : str, optional
        Name for messages; defaults to the file name.
    sheet : str or int, optional
        Excel sheet by name or by position (0 = first). By default the first
        sheet whose header fits `needed`.
    sep : {",", ";", "tab", "|"}, optional
        The CSV separator (``"\\t"`` for a tab too); detected when omitted.
    needed : callable, optional
        ``needed(header) -> bool`` for a list of header cells: whether a
        table has the columns the reader needs. It picks the sheet of a
        workbook (and the header row below title rows), and breaks ties
        between separators. Default: at least two non-blank header cells.
    nrows : int, optional
        Read only the header and this many rows (format detection).

    Returns
    -------
    pandas.DataFrame or None
        Columns as in the header (blank ones named ``Unnamed: i``, repeated
        ones ``name.1``; columns blank in the header and in every row are
        left out), cells as stripped text, and ``_row``: the row as a
        spreadsheet shows it. ``frame.attrs`` holds ``sep``, ``encoding`` and
        ``sheet`` as read. ``None`` when the file cannot be read at all; the
        reason is in `report`.
    """
    separator = parse_sep(sep)
    name = source_name(data, source)
    if name not in report.sources:
        report.sources.append(name)
    if isinstance(data, pd.DataFrame):
        frame = data.copy()
        frame.columns = [str(c) for c in frame.columns]
        frame = frame.astype(object).where(frame.notna(), "")
        frame = frame.map(_cell_text)
        frame.insert(0, ROW, np.arange(2, len(frame) + 2))
    else:
        frame = _read_file(Path(data), name, report, sheet, separator, needed, nrows)
        if frame is None:
            return None
        if "sheet" in frame.attrs and nrows is None:  # a workbook: formulas never calculated
            from .scales import uncalculated_formulas  # scales reads tables with this module

            uncalculated_formulas(data, frame.attrs["sheet"], frame, report, name)
    frame = _remove_control_characters(frame, name, report)
    blank = pd.Series(_blank_rows(frame.drop(columns=ROW)), index=frame.index)
    if blank.any():
        report.note("blank_rows", source=name, n=int(blank.sum()))
        frame = frame.loc[~blank]
    if frame.empty:
        report.add(name, None, None, None, "empty", "no_data_rows")
        return None
    report.rows_read += len(frame)
    return frame.reset_index(drop=True)


def _blank_rows(values: pd.DataFrame) -> np.ndarray:
    """Which rows have no text in any cell (``(values == "").all(axis=1)``): each
    column compared only on the rows blank so far, so a full table costs one column."""
    blank = np.ones(len(values), dtype=bool)
    for i in range(values.shape[1]):
        rows = np.flatnonzero(blank)
        if not len(rows):
            break
        blank[rows] = values.iloc[:, i].to_numpy(dtype=object)[rows] == ""
    return blank


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


# -- files --------------------------------------------------------------------
def _read_file(
    path: Path,
    name: str,
    report: IngestReport,
    sheet: str | int | None,
    sep: str | None,
    needed: Callable[[list[str]], bool] | None,
    nrows: int | None,
) -> pd.DataFrame | None:
    """A file as a frame with ``_row``, by its content; ``None`` (reported) if unreadable."""
    if not path.exists():
        report.add(name, None, None, str(path), "file", "file_not_found")
        return None
    if path.is_dir():
        tables = sorted(p.name for p in path.iterdir() if p.suffix.lower() in TABLE_SUFFIXES)
        files = Msg("problems", "folder_tables", names=", ".join(tables[:5])) if tables else ""
        report.add(name, None, None, str(path), "file", "is_folder", files=files)
        return None
    if not path.is_file():
        report.add(name, None, None, str(path), "file", "not_a_file")
        return None
    try:
        with path.open("rb") as fh:
            raw = fh.read(_DETECT_BYTES if nrows is not None else -1)
    except OSError as exc:
        report.add(name, None, None, str(path), "file", "file_unreadable", detail=str(exc.strerror))
        return None
    kind = _content_kind(raw, path)
    suffix = path.suffix.lower()
    if kind in ("xlsx", "ole") or (kind == "binary" and suffix in EXCEL_SUFFIXES):
        if suffix not in EXCEL_SUFFIXES:
            report.note("excel_content", source=name, suffix=path.suffix)
        return _read_excel(path, name, report, sheet, needed, nrows, old=kind == "ole")
    if kind != "text":
        kind_shown = Msg("problems", f"kind_{kind}")
        report.add(name, None, None, None, "file", "binary_file", kind=kind_shown)
        return None
    if suffix in EXCEL_SUFFIXES:
        report.note("text_content", source=name, suffix=path.suffix)
    return _read_csv(raw, name, report, sep, needed, nrows)


def _content_kind(raw: bytes, path: Path) -> str:
    """``"text"``, ``"xlsx"``, ``"ole"`` (an old .xls/.doc), ``"pdf"``, ``"zip"``,
    ``"gzip"`` or ``"binary"``, from the first bytes (the file's magic number)."""
    if raw.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                return "xlsx" if "xl/workbook.xml" in archive.namelist() else "zip"
        except (zipfile.BadZipFile, OSError):
            return "zip"
    for magic, kind in _MAGIC:
        if raw.startswith(magic):
            return kind
    if raw.startswith(_BOMS) or _utf16_without_bom(raw) is not None:
        return "text"
    head = raw[:_SAMPLE_BYTES]
    controls = len(head) - len(head.translate(None, _BINARY_BYTES))
    if b"\x00" in head or (len(head) >= 512 and controls > 0.05 * len(head)):
        return "binary"
    return "text"


def _utf16_without_bom(raw: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when most odd (even) bytes are NUL and
    almost no even (odd) ones: ASCII-range text in UTF-16 without a byte-order mark."""
    head = raw[: _SAMPLE_BYTES - _SAMPLE_BYTES % 2]
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd > 0.5 * pairs and even < 0.05 * pairs:
        return "utf-16-le"
    if even > 0.5 * pairs and odd < 0.05 * pairs:
        return "utf-16-be"
    return None


def _decode(raw: bytes, final: bool) -> tuple[str, str, bool] | tuple[None, str, int]:
    """``(text, encoding, had_bom)``, or ``(None, encoding, byte)`` when a file marked
    as UTF by its byte-order mark (or by its NUL bytes) does not decode."""
    skip = 0
    for bom, encoding in _BOM_ENCODINGS:
        if raw.startswith(bom):
            candidates, had_bom, skip = [encoding], True, len(bom)
            break
    else:
        utf16 = _utf16_without_bom(raw)
        candidates, had_bom = ([utf16] if utf16 else list(ENCODINGS)), False
    for encoding in candidates:
        try:
            text = codecs.getincrementaldecoder(encoding)().decode(raw[skip:], final=final)
        except UnicodeDecodeError as exc:
            if len(candidates) == 1:
                return None, encoding, skip + exc.start
            continue
        return text, encoding, had_bom
    raise AssertionError("latin-1 decodes every byte string")  # pragma: no cover


def _read_csv(
    raw: bytes,
    name: str,
    report: IngestReport,
    sep: str | None,
    needed: Callable[[list[str]], bool] | None,
    nrows: int | None,
) -> pd.DataFrame | None:
    text, encoding, detail = _decode(raw, final=nrows is None)
    shown = _ENCODING_NAMES.get(encoding, encoding)
    if text is None:
        report.add(name, None, None, None, "encoding", "decode_failed", encoding=shown, byte=detail)
        return None
    if not text.strip():
        report.add(name, None, None, None, "empty", "empty_file")
        return None
    if encoding in ("cp1252", "latin-1"):
        report.note("encoding", source=name, encoding=encoding)
    elif encoding.startswith("utf-16") or encoding.startswith("utf-32"):
        key = "encoding_unicode" if detail else "encoding_unicode_no_bom"
        report.note(key, source=name, encoding=shown)
    if sep is None:
        sep = detect_separator(text, needed)
    if sep != ",":
        report.note("separator", source=name, separator=_sep_shown(sep))
    cells = _parse_regular(text, sep, nrows)
    if cells is not None:  # the common case: pandas' C parser read a regular table
        header = cells.iloc[0].tolist()
        numbers: Sequence[int] = range(2, len(cells) + 1)
        cells = cells.iloc[1:]
        unclosed = None
    else:
        with _no_field_size_limit():
            rows, unclosed = _csv_rows(text, sep, nrows)
        start = next((i for i, row in enumerate(rows) if any(c.strip() for c in row)), None)
        if start is None:
            report.add(name, None, None, None, "empty", "empty_file")
            return None
        header, body = rows[start], rows[start + 1 :]
        if len(header) > 1 and header[0].strip() and _shifted(header, body):
            header = ["", *header]  # R's write.table: no header cell above the row labels
            report.note("header_shifted", source=name)
        numbers = range(start + 2, start + 2 + len(body))
        header, cells, numbers = _rectangular(header, body, numbers, name, report, sep)
    frame = _frame(header, cells, numbers, name, report, sep)
    if unclosed is not None and nrows is None:  # with nrows, the text may be cut
        report.add(name, unclosed, None, None, "quote", "unclosed_quote")
    frame.attrs.update(sep=sep, encoding=encoding)
    return frame


def _parse_regular(text: str, sep: str, nrows: int | None) -> pd.DataFrame | None:
    """`text` parsed by pandas' C parser (fast) into a frame of text cells, header
    row first; ``None`` if the table is not regular (a row with more cells than
    the first, an unclosed quote, NUL characters, blank first lines): those
    are read, and reported, with the csv module."""
    if "\x00" in text or not text[:1].strip():
        return None
    try:
        cells = pd.read_csv(
            io.StringIO(text),
            sep=sep,
            header=None,
            dtype=str,
            na_filter=False,
            skip_blank_lines=False,
            skipinitialspace=True,
            nrows=None if nrows is None else nrows + 1,
            engine="c",
        )
    except ValueError:  # ParserError and EmptyDataError are ValueErrors
        return None
    if not any(str(c).strip() for c in cells.iloc[0]):
        return None
    cells.columns = range(cells.shape[1])
    return cells


def _shifted(header: list[str], body: list[list[str]]) -> bool:
    """Whether every non-blank row has one cell more than `header`."""
    width = len(header) + 1
    if not body or len(body[0]) != width:
        return False
    return all(len(r) == width or not any(c.strip() for c in r) for r in body)


def _csv_rows(text: str, sep: str, nrows: int | None) -> tuple[list[list[str]], int | None]:
    """The records of `text` (the header and `nrows` more, or all) and the
    spreadsheet row of a quote that is never closed (``None`` if none)."""

    def reader(source: str, strict: bool = False) -> Iterator[list[str]]:
        stream = io.StringIO(source, newline="")
        return csv.reader(stream, delimiter=sep, skipinitialspace=True, strict=strict)

    rows = list(itertools.islice(reader(text), None if nrows is None else nrows + 1))
    if not rows or not any("\n" in c or "\r" in c for c in rows[-1]):
        return rows, None
    # The last record spans lines: find where it starts, and parse it strictly.
    records = reader(text)
    start = 0
    for _ in range(len(rows) - 1):
        next(records)
        start = records.line_num
    rest = "".join(io.StringIO(text, newline="").readlines()[start:])
    try:
        for _ in reader(rest, strict=True):
            pass
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            return rows, len(rows)
    return rows, None


def _rectangular(
    header: list[str],
    body: list[list[str]],
    numbers: Sequence[int],
    name: str,
    report: IngestReport,
    sep: str,
) -> tuple[list[str], pd.DataFrame, list[int]]:
    """Rows of cells as a frame as wide as `header`, and the rows' numbers.

    Short rows are padded with blanks; a row with more cells than the header
    loses blank extra cells, and is dropped (reported) if an extra cell has text.
    A header of one cell (a wrong separator, most likely) gets blank cells
    instead, so the rows are shown as split.
    """
    if len(header) == 1:
        header = header + [""] * (max(map(len, body), default=1) - 1)
    width = len(header)
    kept = list(numbers)
    if set(map(len, body)) - {width}:
        cells, kept = [], []
        for row, number in zip(body, numbers, strict=True):
            if len(row) > width and any(c.strip() for c in row[width:]):
                _too_many_cells(row, width, number, name, report, sep)
                continue
            cells.append(row[:width] + [""] * (width - len(row)))
            kept.append(number)
        body = cells
    return header, pd.DataFrame(body, columns=range(width), dtype=object), kept


def _frame(
    header: list[str],
    cells: pd.DataFrame,
    numbers: Sequence[int],
    name: str,
    report: IngestReport,
    sep: str | None,
) -> pd.DataFrame:
    """`cells` (text, columns 0, 1, ...) under `header` as a frame of stripped text
    with ``_row`` = `numbers`; columns blank in the header and every row left out."""
    names = _column_names([str(c).strip() for c in header])
    frame = pd.DataFrame(
        {i: _stripped(cells[i].tolist()) for i in range(len(names))},
        index=range(len(cells)),
        dtype=object,
    )
    blank_columns = [
        i for i, c in enumerate(header) if not str(c).strip() and not (frame[i] != "").any()
    ]
    frame = frame.drop(columns=blank_columns)
    frame.columns = [names[i] for i in frame.columns]
    frame.insert(0, ROW, np.array(numbers, dtype=np.int64))
    hint = dialect_hint([c for c in header if c.strip()], sep) if sep is not None else None
    if hint is not None:
        report.add(name, None, None, None, "dialect", hint.key, severity="warning", **hint.fields)
    return frame


def _stripped(cells: list[str]) -> list[str]:
    """`cells` without white space around them; checked in one scan of the column's
    text first, since most columns have none."""
    text = lines(cells)
    if text is not None and not _EDGE_SPACE.search(text):
        return cells
    return list(map(str.strip, cells))


def lines(values: pd.Series | np.ndarray | list) -> str | None:
    """The cells of a text column joined by line feeds, one cell a line; ``None``
    when a cell is not text or holds a line feed (then a line is not a cell).

    A pattern with ``re.MULTILINE`` anchors then checks every cell in one scan,
    in C, instead of one Python call per cell.

    Examples
    --------
    >>> lines(pd.Series(["a", "", "b"]))
    'a\\n\\nb'
    >>> lines(pd.Series(["a", "b\\nc"])) is None
    True
    """
    cells = values if isinstance(values, list) else values.tolist()
    try:
        text = "\n".join(cells)
    except TypeError:  # a cell that is not text
        return None
    return text if text.count("\n") == max(len(cells) - 1, 0) else None


def _too_many_cells(
    row: list[str], width: int, number: int, name: str, report: IngestReport, sep: str | None
) -> None:
    """Report (and so drop) a row with text beyond the header's last column."""
    extra = [c.strip() for c in row[width:]]
    while not extra[-1]:
        extra.pop()
    report.add(
        name,
        number,
        None,
        shorten((sep or ",").join(row), _SHOWN_VALUE),
        "row_width",
        "too_many_cells",
        repair=True,
        action="dropped",
        n=width + len(extra),
        columns=width,
        extra=", ".join(f"'{shorten(c, _SHOWN_CELL)}'" for c in extra[:3]),
        separator=_sep_shown(sep or ","),
    )


def _column_names(header: list[str]) -> list[str]:
    """Header cells as unique column names: blank -> ``Unnamed: i``, repeats -> ``name.1``."""
    names: list[str] = []
    seen: set[str] = set()
    for i, cell in enumerate(header):
        base = cell or f"Unnamed: {i}"
        column, k = base, 0
        while column in seen:
            k += 1
            column = f"{base}.{k}"
        seen.add(column)
        names.append(column)
    return names


# -- workbooks ----------------------------------------------------------------
def _read_excel(
    path: Path,
    name: str,
    report: IngestReport,
    sheet: str | int | None,
    needed: Callable[[list[str]], bool] | None,
    nrows: int | None,
    *,
    old: bool = False,
) -> pd.DataFrame | None:
    """The chosen sheet of a workbook below its header row (title rows skipped)."""
    try:
        with pd.ExcelFile(path) as book:
            sheets = list(book.sheet_names)
            if sheet is not None:
                chosen = _find_sheet(sheet, sheets)
                if chosen is None:
                    shown = f"'{sheet}'" if isinstance(sheet, str) else str(sheet)
                    names = ", ".join(f"'{s}'" for s in sheets)
                    report.add(
                        name,
                        None,
                        None,
                        sheet,
                        "sheet",
                        "sheet_not_found",
                        sheet=shown,
                        sheets=names,
                    )
                    return None
                rows = _sheet_rows(book, chosen, nrows)
                at = _header_row(rows, needed)
            else:
                tried: list[tuple[str, list[str]]] = []
                for chosen in sheets:
                    rows = _sheet_rows(book, chosen, nrows)
                    at = _header_row(rows, needed)
                    if at is not None:
                        break
                    loose = _header_row(rows, None)
                    first = next((i for i, r in enumerate(rows) if any(r)), None)
                    shown = loose if loose is not None else first
                    tried.append((chosen, [] if shown is None else rows[shown]))
                else:
                    if len(sheets) > 1:
                        listed = "; ".join(
                            f"'{s}' ({_shown_header(_trimmed(h)) or '—'})" for s, h in tried
                        )
                        report.add(
                            name, None, None, None, "sheet", "no_fitting_sheet", sheets=listed
                        )
                        return None
                    chosen = sheets[0]
                    at = None
    except Exception as exc:  # a corrupt file, or a format pandas cannot open  # noqa: BLE001
        key = "old_excel" if old else "excel_unreadable"
        report.add(name, None, None, None, "parse", key, detail=str(exc))
        return None
    first = next((i for i, r in enumerate(rows) if any(r)), None)
    if first is None:
        report.add(name, None, None, None, "empty", "empty_sheet", sheet=str(chosen))
        return None
    if at is None:
        at = first
    if sheet is not None:
        report.note("sheet_read", source=name, sheet=str(chosen))
    elif len(sheets) > 1:
        report.note(
            "sheet_chosen",
            source=name,
            sheet=str(chosen),
            sheets=", ".join(f"'{s}'" for s in sheets),
        )
    if at > first:
        report.note("title_rows_skipped", source=name, sheet=str(chosen), row=at + 1)
    body = rows[at + 1 :]
    cells = pd.DataFrame(body, columns=range(len(rows[at])), dtype=object)
    frame = _frame(rows[at], cells, range(at + 2, at + 2 + len(body)), name, report, None)
    frame.attrs.update(sheet=chosen)
    return frame


def _find_sheet(sheet: str | int, sheets: list[str]) -> str | None:
    """The sheet named `sheet` (exactly, else ignoring case and outer spaces) or at
    position `sheet` (0 = first); ``None`` if there is none."""
    if isinstance(sheet, int) and not isinstance(sheet, bool):
        return sheets[sheet] if 0 <= sheet < len(sheets) else None
    if sheet in sheets:
        return str(sheet)
    folded = {str(s).strip().casefold(): s for s in sheets}
    return folded.get(str(sheet).strip().casefold())


def _sheet_rows(book: pd.ExcelFile, sheet: str, nrows: int | None) -> list[list[str]]:
    """A sheet's cells as text, row by row from row 1 (blank rows included)."""
    grid = pd.read_excel(
        book,
        sheet_name=sheet,
        header=None,
        dtype=object,
        nrows=None if nrows is None else nrows + _TITLE_ROWS + 1,
    )
    return grid.map(_cell_text).values.tolist() if grid.size else []


def _header_row(rows: list[list[str]], needed: Callable[[list[str]], bool] | None) -> int | None:
    """Index of the header row: the first that fits `needed` (default: two or more
    non-blank text cells), below at most a few title rows of one cell each."""
    titles = 0
    for i, row in enumerate(rows):
        cells = _trimmed(row)
        filled = [c for c in cells if c]
        if not filled:
            continue
        if needed is not None:
            fits = needed(cells)
        else:
            fits = len(filled) > 1 and not any(_NUMBER.fullmatch(c) for c in filled)
        if fits:
            return i
        titles += 1
        if len(filled) > 1 or titles > _TITLE_ROWS:
            return None
    return None


def _trimmed(row: list[str]) -> list[str]:
    """`row` without its trailing blank cells."""
    end = len(row)
    while end and not row[end - 1]:
        end -= 1
    return row[:end]


# -- cells --------------------------------------------------------------------
def _remove_control_characters(
    frame: pd.DataFrame, name: str, report: IngestReport
) -> pd.DataFrame:
    """`frame` without control characters in cells and column names, each change reported."""
    texts = [str(c) for c in frame.columns]
    texts += [
        "\n".join(map(str, frame.iloc[:, i].tolist()))
        for i, dtype in enumerate(frame.dtypes)
        if not pd.api.types.is_numeric_dtype(dtype)
    ]
    if all(clean_control_characters(t) is t for t in texts):
        return frame  # the common case, checked fast
    cleaned, changes = clean_control_frame(frame)
    rows_of = frame[ROW].to_dict()
    cells: dict[str, list[tuple[int, str]]] = {}
    for label, column, value in changes.itertuples(index=False):
        if label is None:
            report.add(
                name,
                None,
                clean_control_characters(column),
                value,
                "control_characters",
                "control_characters_header",
                severity="info",
                action="repaired",
                example=_escaped(value),
            )
        else:
            cells.setdefault(column, []).append((int(rows_of[label]), value))
    for column, found in cells.items():
        rows = [str(r) for r, _ in found[:_SHOWN_ROWS]]
        listed = ", ".join(rows) + (", …" if len(found) > _SHOWN_ROWS else "")
        report.add(
            name,
            found[0][0],
            clean_control_characters(column),
            found[0][1],
            "control_characters",
            severity="info",
            action="repaired",
            n=len(found),
            example=_escaped(found[0][1]),
            rows=listed,
        )
    return cleaned


def _escaped(text: str) -> str:
    """`text` shortened, its control characters written as ``\\x01`` escapes."""
    return "".join(
        c
        if clean_control_characters(c) == c
        else f"\\x{ord(c):02x}"
        if ord(c) < 256
        else f"\\u{ord(c):04x}"
        for c in shorten(text, _SHOWN_CELL)
    )
