"""The returned Excel workbooks of the offline partner survey.

Each member fills in its copy of the workbook sysmap wrote
(:mod:`~sysmap.instrument.excel`) and sends it back; keep the returned files
in one folder and read the folder. Every workbook carries the survey's
description, so it is read with its own codes and cells (the answer sheet,
the respondent's cell, one row per partner, one column per item), whatever
its language: German and English copies of one survey can be mixed. Each
file is a source of its own in the ingest report, so every problem names
the file, the row and the column. Files that are not returned workbooks
(the survey's other files, notes, Excel's lock files ``~$...``) are
skipped and named in the report; a workbook nobody filled in is skipped
with a note. When two workbooks answer for one organization, the one saved
last is read (reported).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string
from openpyxl.utils.cell import coordinate_from_string

from .._text import clean_control_characters
from ..exceptions import SchemaError
from ..io.report import IngestReport
from . import excel
from .core import Instrument
from .responses import (
    OTHER,
    Response,
    Tie,
    answer_problem,
    carried_instrument,
    item_choices,
    member_choices,
    tick_problem,
    ticked,
    unmask,
)

__all__ = ["has_workbooks", "read_folder", "read_workbooks"]

_SUFFIXES = (".xlsx", ".xlsm")
#: Workbooks looked at to tell whether a folder holds returned workbooks.
_LOOKED_AT = 20


def _workbooks(folder: Path) -> list[Path]:
    try:
        files = sorted(folder.iterdir())
    except OSError:
        return []
    return [
        f
        for f in files
        if f.suffix.lower() in _SUFFIXES and not f.name.startswith(("~$", ".")) and f.is_file()
    ]


def has_workbooks(folder: Path) -> bool:
    """Whether `folder` holds a returned workbook of a survey sysmap wrote."""
    for path in _workbooks(folder)[:_LOOKED_AT]:
        try:
            instrument = carried_instrument(path)
        except SchemaError:
            return True  # a newer sysmap's workbook: reading it says so
        if instrument is not None and instrument.tool == "excel":
            return True
    return False


def read_folder(folder: Path, given: Instrument | None, report: IngestReport) -> list[Response]:
    """Every returned workbook in `folder` (not its subfolders), in name order."""
    files = _workbooks(folder)
    report.note("responses_folder", source=folder.name, n=len(files))
    return read_workbooks(files, folder, given, report)


def read_workbooks(
    paths: list[Path], folder: Path, given: Instrument | None, report: IngestReport
) -> list[Response]:
    """One response per filled-in workbook; the others are reported."""
    out = []
    for path in paths:
        source = path.name
        if source not in report.sources:
            report.sources.append(source)
        try:
            own = carried_instrument(path)
        except SchemaError as exc:
            report.add(
                source,
                None,
                None,
                "",
                "instrument",
                "responses_workbook_unreadable",
                severity="warning",
                action="dropped",
                detail=exc.args[0],
            )
            continue
        if own is None and given is not None and given.tool == "excel":
            own = given
        if own is None:
            report.add(
                source,
                None,
                None,
                "",
                "not_a_workbook",
                "responses_not_a_workbook",
                severity="warning",
                action="dropped",
            )
            continue
        if own.tool != "excel":
            report.note("responses_survey_file_skipped", source=source)
            continue
        response = _read(path, source, own, report)
        if response is not None:
            out.append(response)
    if not out:
        report.add(folder.name, None, None, "", "empty", "responses_no_workbooks")
    return out


def _text(value: object) -> str:
    """A cell as text: whole numbers without ``.0``, dates in ISO form, blanks as ``""``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return clean_control_characters(str(value)).strip()


def _read(path: Path, source: str, instrument: Instrument, report: IngestReport) -> Response | None:
    fields = excel.fields(instrument)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - a damaged file is a problem of that file
        report.add(
            source,
            None,
            None,
            "",
            "unreadable",
            "responses_workbook_unreadable",
            severity="warning",
            action="dropped",
            detail=type(exc).__name__,
        )
        return None
    try:
        if fields["sheet"] not in wb.sheetnames:
            report.add(
                source,
                None,
                None,
                "",
                "schema",
                "responses_sheet_missing",
                severity="warning",
                action="dropped",
                sheet=fields["sheet"],
            )
            return None
        cells = [
            [_text(v) for v in row]
            for row in wb[fields["sheet"]].iter_rows(
                min_row=1, max_row=fields["last_row"], values_only=True
            )
        ]
    finally:
        wb.close()

    def cell(row: int, letter: str) -> str:
        j = column_index_from_string(letter) - 1
        line = cells[row - 1] if row - 1 < len(cells) else []
        return line[j] if j < len(line) else ""

    resp_letter, resp_row = coordinate_from_string(fields["respondent"])
    other_letter, other_row = coordinate_from_string(fields["respondent_other"])
    modified = dt.datetime.fromtimestamp(path.stat().st_mtime)
    response = Response(instrument, source, resp_row, resp_letter)
    response.submitted = modified.isoformat(sep=" ", timespec="minutes")
    response.order = (modified.timestamp(), source)
    members = member_choices(instrument)
    answer, other = cell(resp_row, resp_letter), unmask(cell(other_row, other_letter))
    code = members.get(answer) if answer else None
    if code is OTHER or (not answer and other):
        if not other:
            report.add(
                source,
                other_row,
                other_letter,
                "",
                "blank_name",
                "responses_other_blank",
                repair=True,
                action="dropped",
            )
            return None
        response.other = other
        response.row, response.column = other_row, other_letter
    elif isinstance(code, str):
        response.respondent = code
    else:
        response.other = unmask(answer)  # typed over the drop-down: read as a name
    response.ties = _ties(cells, cell, fields, instrument, source, report)
    if not answer and not other and not response.ties:
        report.note("responses_blank_workbook", source=source)
        return None
    return response


def _ties(cells, cell, fields: dict, instrument: Instrument, source: str, report: IngestReport):
    members = member_choices(instrument)
    items = {item.name: item for item in instrument.items}
    choices = {item.name: item_choices(item) for item in instrument.items}
    partner_letter = fields["partner"]
    ties = []
    for row in range(fields["first_row"], fields["last_row"] + 1):
        partner = cell(row, partner_letter)
        answers = {
            name: (
                {value: cell(row, letter) for value, letter in where.items()}
                if isinstance(where, dict)
                else cell(row, where)
            )
            for name, where in fields["items"].items()
        }
        filled = any(
            v for a in answers.values() for v in (a.values() if isinstance(a, dict) else [a])
        )
        if not partner:
            if filled:
                report.add(
                    source,
                    row,
                    partner_letter,
                    "",
                    "blank_name",
                    "responses_no_partner",
                    severity="warning",
                    action="dropped",
                )
            continue
        report.rows_read += 1
        code = members.get(partner)
        if isinstance(code, str):
            tie = Tie(code, "", row, partner_letter)
        else:
            tie = Tie("", unmask(partner), row, partner_letter)
        for name, answer in answers.items():
            if isinstance(answer, dict):
                for value, text in answer.items():
                    is_ticked = ticked(text, [fields["yes"]])
                    if is_ticked is None:
                        tick_problem(report, source, row, fields["items"][name][value], text)
                    elif is_ticked:
                        tie.relations.append(str(value))
            elif answer:
                found = choices[name].get(answer)
                if found is None:
                    answer_problem(report, source, row, fields["items"][name], answer, items[name])
                else:
                    tie.values[name] = float(found)
        ties.append(tie)
    return ties
