"""The partner survey as a fillable Excel workbook, for partners who answer offline or by e-mail.

The workbook (written with openpyxl) has four sheets:

* **Instructions** (*Anleitung*): how to fill it in, every question with its
  answers;
* **Answers** (*Antworten*): the respondent's organization in ``A4`` (a
  drop-down of the member names and "other organization (not on the list)",
  whose name goes into ``A7``), then one long table: one row per partner,
  the partner in column ``A`` (a drop-down of the member names) and one
  column per item (a drop-down of its answer labels; one yes/no column per
  type of collaboration). The full questions stand above the headers;
* **Members** (*Mitglieder*): every member by sector, to look partners up;
* ``sysmap`` (hidden): the lists the drop-downs show, and the description
  (:meth:`~sysmap.instrument.core.Instrument.describe`).

Every drop-down only accepts its list. The sheets are protected (without a
password) so that only the answer cells can be edited, and the workbook's
structure is protected so that sheets are not added, renamed or removed by
accident. Names are stored as text cells, never as formulas. The
description's ``fields`` give the answer sheet's name, the cells of the
respondent and of the other organization's name, the header row, the first
and last answer rows, the partner column, ``items`` (item -> column letter;
for the types of collaboration: relation type -> column) and the ``yes`` and
``no`` labels of those columns.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from ..io.scales import ANSWER_SCALES
from ._workbook import add_description, save, text_cell

__all__ = ["fields", "write"]

RESPONDENT_ROW, OTHER_ROW, QUESTION_ROW, HEADER_ROW = 4, 7, 9, 10
_ANSWER = PatternFill("solid", start_color="FFF8DC")
_HEADER = PatternFill("solid", start_color="DDEBF7")
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_LIST_COLUMN = 3  # the lists start in column C of the hidden sheet (A: description)


def fields(instrument) -> dict:
    """Where the workbook holds each answer (the ``fields`` of the description)."""
    yes, no = _yes_no(instrument.lang)
    items: dict[str, object] = {}
    for item, column in _columns(instrument):
        if item.multiple:
            items[item.name] = {c.value: get_column_letter(col) for c, col in column}
        else:
            items[item.name] = get_column_letter(column)
    return {
        "sheet": instrument.text("excel_answers"),
        "respondent": f"A{RESPONDENT_ROW}",
        "respondent_other": f"A{OTHER_ROW}",
        "header_row": HEADER_ROW,
        "first_row": HEADER_ROW + 1,
        "last_row": HEADER_ROW + len(instrument.members),
        "partner": "A",
        "items": items,
        "yes": yes,
        "no": no,
    }


def write(instrument, path: Path) -> Path:
    """Write the workbook (instructions, answers, members, hidden lists and description)."""
    from .core import DESCRIPTION_MARK, description_chunks

    wb = Workbook()
    guide = wb.active
    guide.title = instrument.text("excel_instructions")
    answers = wb.create_sheet(instrument.text("excel_answers"))
    members = wb.create_sheet(instrument.text("excel_members"))
    hidden = add_description(wb, description_chunks(instrument), DESCRIPTION_MARK)
    lists = _lists(instrument, hidden)
    _answers(instrument, answers, lists)
    _members(instrument, members)
    _instructions(instrument, guide)
    for ws in wb.worksheets:
        ws.protection.sheet = True
    wb.security = WorkbookProtection(lockStructure=True)
    wb.active = 0
    return save(wb, path)


# ----------------------------------------------------------------------------- sheets
def _columns(instrument) -> list[tuple[object, object]]:
    """(item, column) per item; the types of collaboration get ((choice, column), ...)."""
    out, column = [], 2
    for item in instrument.items:
        if item.multiple:
            out.append((item, [(c, column + i) for i, c in enumerate(item.choices)]))
            column += len(item.choices)
        else:
            out.append((item, column))
            column += 1
    return out


def _lists(instrument, ws) -> dict[str, str]:
    """Write the drop-down lists into the hidden sheet; list name -> range formula."""
    yes, no = _yes_no(instrument.lang)
    names = [m.name for m in instrument.members]
    columns = {
        "respondent": [*names, instrument.other.label],
        "partner": names,
        "yes_no": [yes, no],
        **{
            item.name: [c.label for c in item.choices]
            for item in instrument.items
            if not item.multiple
        },
    }
    out = {}
    for j, (name, values) in enumerate(columns.items(), start=_LIST_COLUMN):
        text_cell(ws, 1, j, name)
        for i, value in enumerate(values, start=2):
            text_cell(ws, i, j, value)
        letter = get_column_letter(j)
        out[name] = f"{quote_sheetname(ws.title)}!${letter}$2:${letter}${len(values) + 1}"
    return out


def _validation(instrument, ws, formula: str, cells: str) -> None:
    dv = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle=instrument.text("excel_invalid_title"),
        error=instrument.text("excel_invalid"),
    )
    dv.add(cells)
    ws.add_data_validation(dv)


def _answers(instrument, ws, lists: dict[str, str]) -> None:
    t = instrument.text
    last = HEADER_ROW + len(instrument.members)
    text_cell(ws, 1, 1, instrument.title).font = Font(bold=True, size=14)
    text_cell(ws, RESPONDENT_ROW - 1, 1, t("q_respondent")).font = _BOLD
    text_cell(ws, OTHER_ROW - 1, 1, t("excel_other_name"))
    for row in (RESPONDENT_ROW, OTHER_ROW):
        _editable(ws.cell(row=row, column=1))
    _validation(instrument, ws, lists["respondent"], f"A{RESPONDENT_ROW}")
    headers = [(1, t("excel_partner"), t("excel_partner_help"), lists["partner"])]
    for item, column in _columns(instrument):
        if item.multiple:
            for choice, col in column:
                headers.append(
                    (col, choice.label, f"{item.label}: {item.question}", lists["yes_no"])
                )
        else:
            headers.append((column, item.label, item.question, lists[item.name]))
    for col, header, question, formula in headers:
        cell = text_cell(ws, QUESTION_ROW, col, question)
        cell.alignment = _WRAP
        cell = text_cell(ws, HEADER_ROW, col, header)
        cell.font, cell.fill, cell.alignment = _BOLD, _HEADER, _WRAP
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = 48 if col == 1 else 20
        for row in range(HEADER_ROW + 1, last + 1):
            _editable(ws.cell(row=row, column=col))
        _validation(instrument, ws, formula, f"{letter}{HEADER_ROW + 1}:{letter}{last}")
    ws.row_dimensions[QUESTION_ROW].height = 120
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=2)


def _members(instrument, ws) -> None:
    for j, header in enumerate(
        (instrument.text("excel_sector"), instrument.text("excel_name")), start=1
    ):
        cell = text_cell(ws, 1, j, header)
        cell.font, cell.fill = _BOLD, _HEADER
    for i, m in enumerate(instrument.members, start=2):
        text_cell(ws, i, 1, instrument.sector_label(m.sector))
        text_cell(ws, i, 2, m.name)
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 60
    ws.freeze_panes = "A2"


def _instructions(instrument, ws) -> None:
    t = instrument.text
    title = (instrument.title, Font(bold=True, size=14))
    lines: list[tuple[str, Font | None]] = [title, ("", None)]
    steps = t(
        "excel_steps",
        answers=t("excel_answers"),
        cell=f"A{RESPONDENT_ROW}",
        partner=t("excel_partner"),
        members=t("excel_members"),
    )
    lines += [(line, None) for line in steps.split("\n")]
    lines += [(t("excel_protected"), None), ("", None), (t("excel_scales"), _BOLD)]
    for item in instrument.items:
        lines.append((f"{item.label}: {item.question}", _BOLD))
        if item.help:
            lines.append((item.help, None))
        lines.append((", ".join(c.label for c in item.choices), None))
    for i, (text, font) in enumerate(lines, start=1):
        cell = text_cell(ws, i, 1, text)
        cell.alignment = _WRAP
        if font is not None:
            cell.font = font
    ws.column_dimensions["A"].width = 110


def _editable(cell) -> None:
    cell.protection = Protection(locked=False)
    cell.fill = _ANSWER


def _yes_no(lang: str) -> tuple[str, str]:
    """The yes and no labels of the yes/no answer scale, first letter capital."""
    scale = ANSWER_SCALES["yes_no"]
    labels = dict(
        zip(
            (c for c, _ in scale.points),
            scale.de if lang == "de" else (ls[0] for _, ls in scale.points),
            strict=True,
        )
    )
    return labels[1][:1].upper() + labels[1][1:], labels[0][:1].upper() + labels[0][1:]
