"""Roster surveys, long and wide: parsing, name resolution, checks, encodings."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sysmap.exceptions import DataQualityWarning, InputError, ParameterError, RowError, SchemaError
from sysmap.io import read_actors, read_survey, read_survey_wide
from sysmap.io.survey import detect_questions, parse_questions


def quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        return fn(*args, **kwargs)


def test_long_survey_with_members(survey_csv, members_csv):
    data = read_survey(survey_csv, actors=members_csv)
    ties = data.ties
    assert list(zip(ties["source"], ties["target"], ties["relation"])) == [
        ("A1", "A2", "information sharing"),
        ("A1", "A3", "information sharing"),
        ("A2", "A1", "information sharing"),
        ("A2", "A4", "joint programs"),
        ("A4", "A1", "information sharing"),
    ]
    # every member is an actor, with respondent status from the member list
    assert data.actors["status"].to_dict() == {
        "A1": "responded", "A2": "responded", "A3": "did_not_respond", "A4": "responded"}
    assert data.report.response_rate == pytest.approx(3 / 4)
    assert data.report.response_confidence == "directional"  # 65-79 %
    # the variant spellings were merged, and said so
    merges = data.report.name_matches.set_index("name")["method"].to_dict()
    assert merges == {"GS Mühlbach": "alias", "Stadtverwaltung": "alias",
                      "Strassenkinder eV": "normalized"}
    assert data.report.count("merged") == 3


def test_trust_scale_is_mean_of_answered_items(survey_csv):
    ties = read_survey(survey_csv).ties.set_index(["source", "target"])
    # (4 + 3 + 2) / 3 = 3.0; the row with a blank reliability: (2 + 2) / 2 = 2.0
    assert ties.loc[("Stadt Rheinstadt", "Straßenkinder e.V."), "trust"] == pytest.approx(3.0)
    assert ties.loc[("Straßenkinder e.V.", "Bürgerstiftung Rheinstadt"), "trust"] == 2.0
    assert "value" not in ties.columns  # no value items in the file


def test_custom_composites_and_items(write):
    path = write("s.csv", "respondent,partner,q1,q2\nA,B,6,7\n")
    data = read_survey(path, items={"q1": (1, 7), "q2": (1, 7)},
                       composites={"closeness": ["q1", "q2"]})
    assert data.ties.loc[0, "closeness"] == 6.5


def test_every_problem_reported_with_location(write, members_csv):
    path = write(
        "wave1.csv",
        "respondent,partner,intensity\n"
        "Stadt Rheinstadt,Straßenkinder e.V.,3\n"
        "Stadt Rheinstadt,Grundschule Am Mühlbach,7\n"   # row 3: out of scale
        "Stadt Rheinstadt,Bürgerstiftung Rheinstadt,drei\n"  # row 4: no answer label
        ",Straßenkinder e.V.,2\n"                         # row 5: blank respondent
        "Stadt Rheinstadt,Straßenkinder e.V.,4\n",        # row 6: conflicting duplicate of row 2
    )
    with pytest.raises(InputError) as exc:
        read_survey(path, actors=members_csv, errors="raise")
    problems = exc.value.report.problems
    errors = problems[problems["severity"] == "error"]
    assert errors["row"].tolist() == [3, 4, 5, 6]
    assert errors["check"].tolist() == [
        "scale", "unknown_label", "blank_name", "conflicting_duplicate"]
    msg = str(exc.value)
    assert "4 problems" in msg
    assert ("'wave1.csv' row 3, column 'intensity': expected a number in [1, 4] for "
            "intensity, got '7'") in msg
    # by default each is repaired: bad items read as missing (the tie stays), the
    # blank row and the conflicting repeat dropped, all reported as warnings
    with pytest.warns(DataQualityWarning, match=r"4 data-quality warnings"):
        data = read_survey(path, actors=members_csv)
    ties = data.ties.set_index("row")
    assert sorted(ties.index) == [2, 3, 4]
    assert ties.loc[2, "intensity"] == 3 and ties[["intensity"]].loc[[3, 4]].isna().all().all()
    assert data.report.problems.loc[lambda p: p["row"].isin([3, 4, 5, 6]), "action"].tolist() == [
        "repaired", "repaired", "dropped", "dropped"]


def test_single_error_is_row_error(write):
    path = write("s.csv", "respondent,partner,intensity\nA,B,5\n")
    with pytest.raises(RowError, match=r"'s.csv' row 2, column 'intensity'.*got '5'") as exc:
        read_survey(path, errors="raise")
    assert exc.value.value == "5"


def test_missing_column_lists_found_columns(write):
    path = write("s.csv", "wer,partner\nA,B\n")  # 'wer' is no name of the respondent
    with pytest.raises(SchemaError, match=r"has no column 'respondent'; found 'wer', 'partner'"
                       r".*columns=\{'respondent': '<your column>'\}"):
        read_survey(path)
    assert len(read_survey(path, columns={"respondent": "wer"}).ties) == 1


def test_wrong_delimiter_and_encodings(write):
    text = "respondent;partner;intensity\nStraßenkinder e.V.;Bürgerstiftung;3\n"
    for encoding in ("utf-8", "utf-8-sig", "cp1252"):
        data = read_survey(write(f"s-{encoding}.csv", text, encoding))
        assert data.ties.loc[0, "source"] == "Straßenkinder e.V."
        assert data.ties.loc[0, "target"] == "Bürgerstiftung"
    notes = read_survey(write("w.csv", text, "cp1252")).report.notes
    assert any("read it as cp1252" in n for n in notes)
    assert any("separated by ';'" in n for n in notes)


def test_header_case_and_spaces(write):
    data = read_survey(write("s.csv", "Respondent , Partner,Intensity\nA,B,2\n"))
    assert data.ties.loc[0, "intensity"] == 2.0


def test_self_tie_and_exact_duplicate_are_dropped_with_warning(write):
    path = write("s.csv", "respondent,partner,intensity\nA,A,2\nA,B,2\nA,B,2\n")
    with pytest.warns(DataQualityWarning, match="2 data-quality warnings"):
        data = read_survey(path)
    assert len(data.ties) == 1
    dropped = data.report.problems.query("action == 'dropped'")
    assert dropped["check"].tolist() == ["self_tie", "duplicate_row"]
    assert dropped["row"].tolist() == [2, 4]


def test_dropped_rows_name_the_organizations_not_their_ids(write):
    # ids M1/M2 on the member list; the messages must say the names people typed
    members = write("m.csv", "actor,name\nM1,Stadtbibliothek\nM2,Volksbank eG\n")
    path = write(
        "s.csv",
        "respondent,partner,intensity\n"
        "Stadtbibliothek,Stadtbibliothek,2\nStadtbibliothek,Volksbank eG,2\n"
        "Stadtbibliothek,Volksbank eG,3\n",
    )
    data = read_survey(path, actors=read_actors(members), errors="collect")
    text = " ".join(data.report.problems_in("en")["message"])
    assert "'Stadtbibliothek' names itself" in text
    assert "('Stadtbibliothek' - 'Volksbank eG')" in text
    assert "M1" not in text and "M2" not in text


def test_unknown_partner_kept_with_suggestions(write, members_csv):
    path = write("s.csv", "respondent,partner\nStadt Rheinstadt,Bürgerstiftung Rheinstad\n"
                 "Stadt Rheinstadt,Sportverein Blau-Weiß\n")
    with pytest.warns(DataQualityWarning, match="not in the member list"):
        data = read_survey(path, actors=members_csv)
    assert data.actors.loc["Sportverein Blau-Weiß", "status"] == "not_on_roster"
    msgs = data.report.problems.set_index("value")["message"]
    assert "closest member-list names: 'Bürgerstiftung Rheinstadt' (A4)" in msgs[
        "Bürgerstiftung Rheinstad"]
    sugg = data.report.suggestions
    assert sugg.iloc[0][["name", "actor", "merged"]].tolist() == [
        "Bürgerstiftung Rheinstad", "A4", False]


def test_unknown_partner_policies(write, members_csv):
    path = write("s.csv", "respondent,partner\nStadt Rheinstadt,Bürgerstiftung Rheinstad\n")
    data = quiet(read_survey, path, actors=members_csv, unknown="drop")
    assert len(data.ties) == 0 and data.report.count("dropped") == 1
    with pytest.raises(RowError, match="not in the member list; closest"):
        read_survey(path, actors=members_csv, unknown="error")
    merged = quiet(read_survey, path, actors=members_csv, fuzzy_threshold=90)
    assert merged.ties.loc[0, "target"] == "A4"
    assert merged.report.suggestions["merged"].tolist() == [True]


def test_respondent_without_ties_is_still_respondent(members_csv, write):
    # A3 answered (member list says no) -> repaired to responded and reported
    path = write("s.csv", "respondent,partner\nGrundschule Am Mühlbach,Stadt Rheinstadt\n")
    with pytest.warns(DataQualityWarning, match="answered the survey but the member list"):
        data = read_survey(path, actors=members_csv)
    assert data.actors.loc["A3", "status"] == "responded"
    # A2 is marked responded in the member list and named nobody: still a respondent
    assert data.actors.loc["A2", "status"] == "responded"


def test_without_member_list_names_are_merged_by_normalization(write):
    path = write("s.csv", "respondent,partner\nStadt,Schule\nSchule,stadt\nStadt ,Verein\n")
    data = read_survey(path)
    assert sorted(data.actors.index) == ["Schule", "Stadt", "Verein"]
    assert data.actors.loc["Stadt", "status"] == "responded"
    assert data.actors.loc["Verein", "status"] == "not_on_roster"


def test_excel_survey(tmp_path, members_csv):
    path = tmp_path / "s.xlsx"
    pd.DataFrame({"respondent": ["Stadt Rheinstadt"], "partner": ["SR"],
                  "intensity": [2.0]}).to_excel(path, index=False)
    data = quiet(read_survey, path, actors=members_csv)
    assert data.report.problems["check"].tolist()[-1] == "self_tie"


def test_wide_survey_matches_long(members_csv, write):
    path = write(
        "wide.csv",
        "Organisation,Q5_Stadt Rheinstadt,Q5_Straßenkinder e.V.,Q6_Stadt Rheinstadt,"
        "Q6_Straßenkinder e.V.\n"
        "Stadt Rheinstadt,,3,,4\n"
        "Straßenkinder e.V.,4,,2,\n"
        "Bürgerstiftung Rheinstadt,,,,\n",
    )
    data = read_survey_wide(
        path, questions={"intensity": "Q5_{partner}", "reliability": "Q6_{partner}"},
        respondent="Organisation", actors=members_csv, relation="information sharing",
    )
    ties = data.ties[["source", "target", "intensity", "reliability"]].values.tolist()
    assert ties == [["A1", "A2", 3.0, 4.0], ["A2", "A1", 4.0, 2.0]]
    assert data.actors.loc["A4", "status"] == "responded"  # a row, no ties
    assert data.ties["relation"].unique().tolist() == ["information sharing"]


def test_wide_survey_error_points_to_wide_cell(write):
    path = write("wide.csv", "Org,Q5_B,Q5_C\nA,9,\n")
    with pytest.raises(RowError, match=r"'wide.csv' row 2, column 'Q5_B'.*got '9'"):
        read_survey_wide(
            path, questions={"intensity": "Q5_{partner}"}, respondent="Org", errors="raise"
        )


def test_wide_survey_pattern_matches_nothing(write):
    path = write("wide.csv", "Org,Q5_B\nA,1\n")
    with pytest.raises(SchemaError,
                       match=r"no column matches the question patterns 'Q7_\{partner\}'"):
        read_survey_wide(path, questions={"intensity": "Q7_{partner}"}, respondent="Org")


# -- property tests ---------------------------------------------------------------
NAMES = st.sampled_from(["Stadt", "Schule Süd", "Straßenkinder", "Café Lumière", "Verein"])
CELLS = st.one_of(
    st.integers(1, 4).map(str), st.sampled_from(["", "0", "5", "x", "2,5", "3.0", "=1+1"])
)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(NAMES, NAMES, CELLS), min_size=1, max_size=12))
def test_random_tables_read_or_fail_cleanly(rows):
    frame = pd.DataFrame(rows, columns=["respondent", "partner", "intensity"])
    try:
        data = quiet(read_survey, frame)
    except InputError as exc:
        problems = exc.report.problems
        assert len(problems.query("severity == 'error'")) >= 1
        assert problems["message"].str.contains("'<DataFrame>' row ").all()
        return
    ties = data.ties
    assert (ties["source"] != ties["target"]).all()
    assert not ties.duplicated(["source", "target", "relation"]).any()
    assert ties["intensity"].dropna().between(1, 4).all()
    # nothing lost silently: every input row is a tie or has a reported problem
    reported = set(data.report.problems["row"].dropna().astype(int))
    assert set(range(2, len(rows) + 2)) <= set(ties["row"]) | reported


def test_float_ids_match_member_ids(write):
    members = write("m.csv", "actor,name\n1,Stadt\n2,Schule\n")
    data = read_survey(write("s.csv", "respondent,partner\n1.0,2.0\n"), actors=members)
    assert data.ties[["source", "target"]].values.tolist() == [["1", "2"]]
    assert data.report.count("repaired") == 2  # one note per column


def test_ingest_summary_in_german(survey_csv, members_csv):
    # members_csv: 4 on the roster, 3 responded (A3 "no") -> 75 %, directional (65-79 %)
    data = read_survey(survey_csv, actors=read_actors(members_csv))
    german = data.report.summary("de")
    assert "Rücklaufquote: 3 von 4 (75 %, richtungsweisend)." in german
    assert "Übernommene Beziehungen: 5." in german and "Fehler: 0." in german
    assert "Response rate: 3 of 4 (75%, directional)." in data.report.summary()


# -- wide exports: questions detected or named --------------------------------------
SAMPLE = Path(__file__).resolve().parents[2] / "sample_networks" / "bildungsallianz"
SURVEYS = Path(__file__).resolve().parents[1] / "data" / "surveys"
MESSY = Path(__file__).resolve().parents[1] / "data" / "messy_de"


def test_bundled_wide_sample_reads_with_detection_alone():
    """sample_networks/bildungsallianz/survey_wave1_wide.csv: 'Organisation', then
    'Q5_<member>' for the 100 wave-1 members (README of the sample)."""
    members = SAMPLE / "members_wave1.csv"
    detected = read_survey_wide(SAMPLE / "survey_wave1_wide.csv", actors=members)
    named = read_survey_wide(SAMPLE / "survey_wave1_wide.csv", actors=members,
                             respondent="Organisation", questions={"intensity": "Q5_{partner}"})
    pd.testing.assert_frame_equal(detected.ties, named.ties)
    assert len(detected.ties) > 0 and detected.ties["intensity"].between(1, 4).all()
    assert any("'Q5_{partner}' (partners: 100) as intensity" in n for n in detected.report.notes)


def test_wide_export_with_labels_and_named_questions():
    """tests/data/surveys/wide_labels.csv: 'Intensität - <org>' and 'Häufigkeit - <org>'
    columns with German labels; row 2 names RuhrFutur (Kooperation = 2, monatlich = 3)
    and Schule am Park ('3 - Koordination', wöchentlich = 4)."""
    data = read_survey_wide(SURVEYS / "wide_labels.csv")
    ties = data.ties.set_index(["source", "target"])[["intensity", "frequency"]]
    assert ties.loc[("Stadt Essen", "RuhrFutur")].tolist() == [2, 3]
    assert ties.loc[("Stadt Essen", "Schule am Park")].tolist() == [3, 4]
    assert ties.loc[("Schule am Park", "Stadt Essen")].tolist() == [4, 5]  # Integration, täglich
    assert len(ties) == 4


def test_wide_unknown_label_points_to_the_cell(write):
    path = write("wide.csv", "Organisation,Q5_A,Q5_B,Q5_C\nA,,oft,3\nB,Kooperation,,\n")
    data = read_survey_wide(path, errors="collect")
    problem = data.report.problems.query("check == 'unknown_label'").iloc[0]
    assert (problem["row"], problem["column"], problem["value"]) == (2, "Q5_B", "oft")


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (["Q5[Stadt]", "Q5[Schule]"], {"intensity": "Q5[{partner}]"}),
        (["Q5 - Stadt", "Q5 - Schule"], {"intensity": "Q5 - {partner}"}),
        (["Q5-Stadt", "Q5-Schule"], {"intensity": "Q5-{partner}"}),
        (["frequency_Stadt", "frequency_Schule", "Q5_Stadt", "Q5_Schule"],
         {"frequency": "frequency_{partner}", "intensity": "Q5_{partner}"}),
        # two unnamed questions: neither is guessed to be the intensity
        (["Q5_Stadt", "Q5_Schule", "Q6_Stadt", "Q6_Schule"],
         {"Q5": "Q5_{partner}", "Q6": "Q6_{partner}"}),
        # no known names, but three or more columns under a question code
        (["F12a_X", "F12a_Y", "F12a_Z", "Datum"], {"intensity": "F12a_{partner}"}),
        (["trust_reliable", "trust_open", "Datum"], {}),
    ],
)
def test_detect_questions(columns, expected):
    assert detect_questions(columns, ["Stadt", "Schule"]) == expected


def test_a_yes_only_question_is_not_read_as_intensity():
    values = pd.DataFrame({"Q4_Stadt": ["x", ""], "Q4_Schule": ["", "x"]})
    assert detect_questions(list(values), ["Stadt", "Schule"], values=values) == {
        "Q4": "Q4_{partner}"}


def test_parse_questions():
    assert parse_questions("intensity=Q5_{partner}; frequency = Q6 - *") == {
        "intensity": "Q5_{partner}", "frequency": "Q6 - {partner}"}
    for bad in ("intensity", "intensity=Q5", "intensity=Q5_{partner}_{partner}", ""):
        with pytest.raises(ParameterError) as exc:
            parse_questions(bad)
        assert "MERKMAL=MUSTER" in exc.value.args[0].render("de")


# -- a messy German export: every planted problem at its spreadsheet row -----------
def test_messy_german_export_reports_planted_problems_at_their_rows():
    """tests/data/messy_de (planted.csv lists file, row, column, kind): labels,
    German and PARTNER-style headers, UTF-8 with BOM; read without any option."""
    planted = pd.read_csv(MESSY / "planted.csv", dtype=str, keep_default_na=False)
    planted = planted[planted["file"] == "befragung_welle1.csv"]
    data = read_survey(MESSY / "befragung_welle1.csv", actors=MESSY / "mitglieder_welle1.csv",
                       errors="collect")
    problems = data.report.problems
    at = {(int(r), c) for r, c in problems[["row", "column"]].dropna().values}
    for _, p in planted[planted["kind"].isin(["unknown_label", "out_of_scale"])].iterrows():
        assert (int(p["row"]), p["column"]) in at, p.to_dict()
    # labels read, the unknown ones missing, the ties kept
    ties = data.ties.set_index("row")
    assert ties.loc[[5, 20], "frequency"].isna().all() and ties.loc[2, "intensity"] == 4
    assert (data.report.problems["severity"] != "error").all()  # nothing stops the analysis
