"""`sysmap survey`: from the member list to the survey file, in the user's language."""

from __future__ import annotations

import pytest

from sysmap.cli import main
from sysmap.instrument import read_instrument


def test_writes_limesurvey_for_a_txt_output(members_csv, tmp_path, capsys):
    out = tmp_path / "befragung.txt"
    assert main(["survey", str(members_csv), "-o", str(out), "--lang", "de"]) == 0
    text = capsys.readouterr().out
    # members_csv: 4 members in 4 sectors; the 9 default items
    assert f"{out} geschrieben: LimeSurvey-Umfragestruktur mit 4 Mitgliedern in 4 Sektoren, " \
           "9 Items" in text
    assert "Umfrage erstellen > Importieren" in text
    survey = read_instrument(out)
    assert (survey.tool, survey.lang, survey.title) == ("limesurvey", "de", "Partnerbefragung")


@pytest.mark.parametrize(("tool", "expected"), [(None, "excel"), ("xlsform", "xlsform")])
def test_xlsx_output_is_excel_unless_told(members_csv, tmp_path, capsys, tool, expected):
    out = tmp_path / "survey.xlsx"
    args = ["survey", str(members_csv), "-o", str(out), "--title", "Netzwerk 2026"]
    assert main(args + (["--tool", tool] if tool else [])) == 0
    survey = read_instrument(out)
    assert (survey.tool, survey.title) == (expected, "Netzwerk 2026")
    assert "Wrote" in capsys.readouterr().out


def test_items_file_and_member_columns(write, tmp_path, capsys):
    members = write(
        "mitglieder.csv",
        "Kennung;Einrichtung;Bereich\nK1;Stadt;Amt\nK2;Tafel;Sozial\n",
        encoding="cp1252",
    )
    items = write("items.csv", "item,question,answers\ncloseness,How close?,1=far|2=close\n")
    out = tmp_path / "s.xlsx"
    code = main(["survey", str(members), "--items", str(items), "-o", str(out),
                 "--columns", "actor=Kennung,name=Einrichtung,sector=Bereich"])
    assert code == 0, capsys.readouterr()
    survey = read_instrument(out)
    assert [(m.code, m.name, m.sector) for m in survey.members] == [("K1", "Stadt", "Amt"),
                                                                   ("K2", "Tafel", "Sozial")]
    assert [i.name for i in survey.items] == ["closeness"]


def test_bad_items_file_lists_its_problems(members_csv, write, tmp_path, capsys):
    items = write("items.csv", "item,scale\nintensity,often\ncloseness,\n")
    code = main(["survey", str(members_csv), "--items", str(items), "-o", str(tmp_path / "s.txt")])
    err = capsys.readouterr()
    assert code == 1
    assert "'often' is not an answer scale" in err.out + err.err
    assert "item 'closeness' has no question" in err.out + err.err
    assert "Traceback" not in err.err
    assert not (tmp_path / "s.txt").exists()


def test_never_writes_over_the_member_list(members_csv, capsys):
    target = members_csv.with_suffix(".txt")
    members_csv.rename(target)
    assert main(["survey", str(target), "-o", str(target)]) == 2
    assert "never writes over its input" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8").startswith("actor,name")


def test_suffix_must_fit_the_tool(members_csv, tmp_path, capsys):
    assert main(["survey", str(members_csv), "--tool", "limesurvey", "-o",
                 str(tmp_path / "s.xlsx")]) == 2
    assert "must end in .txt, .tsv" in capsys.readouterr().err
