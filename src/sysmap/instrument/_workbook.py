"""Workbook helpers of the XLSForm and the Excel instrument: text cells, the description sheet."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from .._text import clean_control_characters
from ..export import replacing

#: The sheet holding the instrument's description (hidden), and later lists.
SHEET = "sysmap"


def text_cell(ws: Worksheet, row: int, column: int, value: object):
    """Write `value` into a cell as a value, never as a formula.

    Text is cleaned of the control characters a workbook cannot hold; text
    starting with ``=`` is stored as text (a cell type, not an apostrophe),
    so a member called ``=HYPERLINK(...)`` shows its name and runs nothing.
    """
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        value = clean_control_characters(value)
    cell.value = value
    if isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"
    return cell


def add_description(wb: Workbook, chunks: list[str], mark: str) -> Worksheet:
    """A hidden sheet :data:`SHEET`: `mark` in A1, the description's pieces in A2, A3 ..."""
    ws = wb.create_sheet(SHEET)
    text_cell(ws, 1, 1, mark)
    for i, chunk in enumerate(chunks, start=2):
        text_cell(ws, i, 1, chunk)
    ws.sheet_state = "hidden"
    return ws


def read_description(path: Path) -> str | None:
    """The description text of a workbook written by sysmap, or ``None``."""
    from .core import DESCRIPTION_MARK

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - not a workbook: no description
        return None
    try:
        if SHEET not in wb.sheetnames:
            return None
        cells = [row[0] for row in wb[SHEET].iter_rows(min_col=1, max_col=1, values_only=True)]
    finally:
        wb.close()
    if not cells or cells[0] != DESCRIPTION_MARK:
        return None
    return "".join(str(c) for c in cells[1:] if c is not None)


def save(wb: Workbook, path: Path) -> Path:
    """Save `wb` to `path` completely or not at all."""
    with replacing(path) as tmp:
        wb.save(tmp)
    return path
