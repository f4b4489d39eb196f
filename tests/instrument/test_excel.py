"""The fillable Excel workbook: drop-downs list exactly the member names and answer
labels, the structure is protected, names are text (read back with openpyxl)."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook

from sysmap.instrument import survey_instrument


def _validations(ws):
    """Cell range -> list formula of every data validation of a sheet."""
    return {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}


def _listed(wb, formula):
    """The values a list validation offers (a range on another sheet)."""
    match = re.fullmatch(r"'?([^'!]+)'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)", formula)
    assert match, formula
    sheet, col, first, col2, last = match.groups()
    assert col == col2
    ws = wb[sheet]
    return [ws[f"{col}{r}"].value for r in range(int(first), int(last) + 1)]


@pytest.fixture(scope="module", params=["en", "de"])
def book(request, sample_members, tmp_path_factory):
    survey = survey_instrument(sample_members, tool="excel", lang=request.param)
    path = survey.save(tmp_path_factory.mktemp("xl") / "survey.xlsx")
    return survey, load_workbook(path)


def test_drop_downs_list_exactly_the_members_and_the_labels(book):
    survey, wb = book
    fields = survey.describe()["fields"]
    ws = wb[fields["sheet"]]
    names = [m.name for m in survey.members]
    rows = f"{fields['first_row']}:{fields['last_row']}"
    assert fields["last_row"] - fields["first_row"] + 1 == len(names)  # a row per member
    dvs = _validations(ws)
    assert _listed(wb, dvs[fields["respondent"]].formula1) == [*names, survey.other.label]
    first, last = rows.split(":")
    assert _listed(wb, dvs[f"A{first}:A{last}"].formula1) == names
    for item in survey.items:
        column = fields["items"][item.name]
        if item.multiple:
            for choice in item.choices:
                col = column[choice.value]
                assert _listed(wb, dvs[f"{col}{first}:{col}{last}"].formula1) == [
                    fields["yes"], fields["no"]]
                assert ws[f"{col}{fields['header_row']}"].value == choice.label
        else:
            assert _listed(wb, dvs[f"{column}{first}:{column}{last}"].formula1) == [
                c.label for c in item.choices]
            assert ws[f"{column}{fields['header_row']}"].value == item.label
    for dv in dvs.values():
        assert dv.type == "list" and dv.showErrorMessage and dv.errorStyle == "stop"


def test_structure_is_protected_and_only_answers_are_editable(book):
    survey, wb = book
    fields = survey.describe()["fields"]
    assert wb.security.lockStructure
    assert wb["sysmap"].sheet_state == "hidden"
    assert all(ws.protection.sheet for ws in wb.worksheets)
    ws = wb[fields["sheet"]]
    assert not ws[fields["respondent"]].protection.locked
    assert not ws[f"B{fields['first_row']}"].protection.locked
    assert ws[f"B{fields['header_row']}"].protection.locked  # headers stay as they are
    assert ws["A1"].value == survey.title


def test_yes_and_no_come_from_the_answer_scale(book):
    survey, _ = book
    fields = survey.describe()["fields"]
    assert (fields["yes"], fields["no"]) == (("Ja", "Nein") if survey.lang == "de"
                                             else ("Yes", "No"))


def test_members_sheet_lists_every_member_by_sector(book):
    survey, wb = book
    ws = wb[survey.text("excel_members")]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert rows == [(m.sector, m.name) for m in survey.members]


def test_hostile_names_are_text_cells(hostile_members, tmp_path):
    survey = survey_instrument(hostile_members, tool="excel", lang="de")
    wb = load_workbook(survey.save(tmp_path / "s.xlsx"))
    fields = survey.describe()["fields"]
    dvs = _validations(wb[fields["sheet"]])
    first, last = fields["first_row"], fields["last_row"]
    listed = _listed(wb, dvs[f"A{first}:A{last}"].formula1)
    assert listed == [m.name for m in survey.members]
    members = wb[survey.text("excel_members")]
    cells = [c for row in members.iter_rows(min_row=2) for c in row]
    assert all(c.data_type == "s" for c in cells)
    assert "=HYPERLINK(\"http://evil\",\"click\")" in [c.value for c in cells]
    assert [m.sector for m in survey.members][-1] == ""
    assert members.cell(row=len(survey.members) + 1, column=1).value == "Weitere Mitglieder"
