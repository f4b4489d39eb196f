"""Column roles: names recognised (English, German, PARTNER-style), duplicates, notes.

``python tests/io/test_columns.py`` rewrites the column-name and answer-label
tables of docs/input-formats.md from the code; a test checks they agree.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd
import pytest

from sysmap.exceptions import ParameterError, SchemaError
from sysmap.io import IngestReport, read_actors, read_survey
from sysmap.io.columns import (
    COLUMN_NAMES,
    column_letter,
    find_columns,
    fold,
    has_roles,
    names_match,
    parse_columns,
    wanted_columns,
)
from sysmap.io.scales import ANSWER_SCALES, ITEM_SCALES

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "surveys"
DOC = REPO / "docs" / "input-formats.md"


def frame_of(*columns):
    return pd.DataFrame({"_row": [2], **{c: ["x"] for c in columns}})


def test_fold_and_umlaut_spellings():
    assert fold("Intensität (1-4)") == "intensitaet"
    for spelling in ("Intensitaet", "INTENSITÄT", "Intensitat", "intensität (1-4)"):
        assert names_match(spelling, "Intensität"), spelling
    assert names_match("Häufigkeit", "Haeufigkeit") and names_match("Straße", "Strasse")
    assert names_match("trust-reliable", "Trust_Reliable")
    assert not names_match("power", "value_power")


def test_partner_style_and_german_headers_are_recognised():
    """tests/data/surveys/partner_en_labels.csv (PARTNER item names) and
    excel_de_labels.csv (German headers, Excel's German CSV)."""
    en = read_survey(DATA / "partner_en_labels.csv")
    assert {"intensity", "frequency", "reliability", "mission_alignment", "openness",
            "power_influence", "involvement", "resource_contribution", "trust",
            "value"} <= set(en.ties.columns)
    note = next(n for n in en.report.notes if "columns read" in n)
    assert ("'Level of collaboration' as intensity" in note
            and "'value_power' as power/influence (value)" in note
            and "'trust_reliable' as reliability (trust)" in note)
    de = read_survey(DATA / "excel_de_labels.csv")
    german = [n.render("de") for n in de.report.notes]
    assert any("'Befragte Organisation' als befragte Organisation" in n
               and "'Partnerorganisation' als Partner" in n
               and "'Intensität der Zusammenarbeit' als Intensität" in n for n in german)
    assert any("nicht ausgewertet: 'Bemerkung'" in n for n in german)
    # 'Bemerkung' is kept as a tie attribute, as every column not read as a role
    assert de.ties.set_index("row").loc[3, "Bemerkung"] == "neu seit 2024"


def test_columns_not_used_are_noted():
    """tests/data/surveys/wide_labels.csv: a wide export with a time stamp column."""
    from sysmap.io import read_survey_wide

    data = read_survey_wide(DATA / "wide_labels.csv")
    assert "'wide_labels.csv': columns not used: 'Zeitstempel'." in data.report.notes


def test_header_written_twice_is_an_error_naming_both_columns():
    """tests/data/surveys/two_partner_columns.csv: header
    respondent,partner,intensity,partner,Kommentar,Kommentar (columns A-F)."""
    with pytest.raises(SchemaError) as exc:
        read_survey(DATA / "two_partner_columns.csv")
    message = str(exc.value)
    assert "'partner' (column B), 'partner' (column D) could each be the partner" in message
    problems = exc.value.report.problems
    kept = problems[problems["column"] == "Kommentar"]
    assert kept["severity"].tolist() == ["warning"]  # not read as a role: kept as 'Kommentar.1'
    assert "'Kommentar' (column E), 'Kommentar' (column F)" in kept["message"].iloc[0]


def test_two_spellings_of_one_role_are_ambiguous():
    report = IngestReport()
    found = find_columns(frame_of("respondent", "Partner", "partner"),
                         wanted_columns(["respondent", "partner"]), report, "s.csv")
    assert found == {"respondent": "respondent"}
    assert report.problems["check"].tolist() == ["duplicate_column"]
    # the preferred name wins over a later synonym without ambiguity
    report = IngestReport()
    found = find_columns(frame_of("Organisation", "respondent", "partner"),
                         wanted_columns(["respondent", "partner"]), report, "s.csv")
    assert found == {"respondent": "respondent", "partner": "partner"}
    assert report.problems.empty


def test_a_header_really_called_name_dot_1_is_no_duplicate():
    report = IngestReport()
    frame = frame_of("respondent", "partner", "Q5", "Q5.1")
    find_columns(frame, wanted_columns(["respondent", "partner"]), report, "s.csv",
                 header=["respondent", "partner", "Q5", "Q5.1"])
    assert report.problems.empty


def test_user_columns_win_and_other_tables_roles_are_ignored(write):
    path = write("s.csv", "Organisation,Wer,Mit wem,Stufe\nX,A,B,3\n")
    data = read_survey(path, columns={"respondent": "Wer", "partner": "Mit wem",
                                      "intensity": "Stufe", "sector": "Sektor"})
    assert data.ties[["source", "target", "intensity"]].values.tolist() == [["A", "B", 3.0]]
    assert data.ties.loc[0, "Organisation"] == "X"  # not the respondent: kept as attribute
    with pytest.raises(ParameterError, match="roles sysmap does not know: sektor"):
        read_survey(path, columns={"sektor": "Organisation"})


def test_member_list_with_german_headers(write):
    path = write("m.csv", "Nr.;Organisation;Sektor;Teilgenommen;Region\n"
                 "W01;Stadt Südfeld;Kommune;ja;Süd\nW02;Schule am Bach;Schule;nein;Nord\n",
                 "cp1252")
    members = read_actors(path)
    assert members.actors[["name", "sector", "responded", "Region"]].values.tolist() == [
        ["Stadt Südfeld", "Kommune", True, "Süd"], ["Schule am Bach", "Schule", False, "Nord"]]
    assert any("'Nr.' as actor id" in n and "'Sektor' as sector" in n
               for n in members.report.notes)


def test_parse_columns():
    assert parse_columns("respondent=Organisation, partner = Partner;intensity=Stufe") == {
        "respondent": "Organisation", "partner": "Partner", "intensity": "Stufe"}
    for bad in ("respondent", "=Organisation", "partner=", "partner=a,partner=b"):
        with pytest.raises(ParameterError) as exc:
            parse_columns(bad)
        assert "ROLLE=ÜBERSCHRIFT" in exc.value.args[0].render("de")


def test_has_roles_and_column_letters():
    assert has_roles("respondent", "partner")(["Organisation", "Partnerorganisation"])
    assert not has_roles("respondent", "partner")(["Organisation", "Sektor"])
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]


def test_no_name_belongs_to_two_roles_of_one_table():
    """Within a reader's roles a header can only mean one thing."""
    groups = {
        "survey": ["respondent", "partner", "relation", *[i for i in ITEM_SCALES if i]],
        "members": ["actor", "name", "aliases", "sector", "responded"],
        "edgelist": ["source", "target", "relation", "weight"],
    }
    for roles in groups.values():
        seen: dict[str, str] = {}
        for role in roles:
            for name in COLUMN_NAMES[role]:
                assert seen.setdefault(fold(name), role) == role, (name, role, seen[fold(name)])


# -- the tables in docs/input-formats.md -------------------------------------------
def _code(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def columns_table() -> str:
    lines = ["| role | column names recognised (first: sysmap's own) |", "|---|---|"]
    for role, names in COLUMN_NAMES.items():
        lines.append(f"| `{role}` | " + ", ".join(f"`{n}`" for n in names) + " |")
    return "\n".join(lines)


def scales_table() -> str:
    lines = ["| scale | used for | code | labels read as this code |", "|---|---|---|---|"]
    for name, scale in ANSWER_SCALES.items():
        items = [i for i, names in ITEM_SCALES.items() if name in names] or ["your own items"]
        used = ", ".join(f"`{i}`" if " " not in i else i for i in items)
        for code, labels in scale.points:
            lines.append(f"| `{name}` | {used} | {_code(code)} | {', '.join(labels)} |")
            used = ""
    return "\n".join(lines)


TABLES = {"columns": columns_table, "scales": scales_table}


def _block(name: str) -> re.Pattern[str]:
    return re.compile(rf"(<!-- table:{name} -->\n)(.*?)(<!-- /table:{name} -->)", re.S)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_doc_tables_match_the_code(name):
    match = _block(name).search(DOC.read_text(encoding="utf-8"))
    assert match is not None, f"docs/input-formats.md lacks the {name} table markers"
    assert match.group(2) == TABLES[name]() + "\n", (
        "docs/input-formats.md is out of date: run python tests/io/test_columns.py")


def write_doc_tables() -> None:
    text = DOC.read_text(encoding="utf-8")
    for name, render in TABLES.items():
        text = _block(name).sub(lambda m, r=render: m.group(1) + r() + "\n" + m.group(3), text)
    DOC.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write_doc_tables()
    sys.exit(0)
