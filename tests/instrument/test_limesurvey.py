"""LimeSurvey's tab-separated survey structure, as its manual documents it and its
importer (TSVImportSurvey in application/helpers/admin/import_helper.php) reads it.

The manual ("Tab Separated Value survey structure") names the columns
id, related_id, class, type/scale, name, relevance, text, help, language,
validation, mandatory, other, default, same_default, followed by question
attributes; LimeSurvey's own export writes encrypted after mandatory. Rows
belong to the group or question above them; answers (A) and subquestions
(SQ) follow their question.
"""

from __future__ import annotations

import csv
import html
import io
import re

import pytest

from sysmap.instrument import survey_instrument

DOCUMENTED = ["id", "related_id", "class", "type/scale", "name", "relevance", "text", "help",
              "language", "validation", "mandatory", "encrypted", "other", "default",
              "same_default"]


def _rows(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, as LimeSurvey exports
    text = raw.decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text), delimiter="\t", quotechar='"')
    header, *rows = list(reader)
    assert all(len(row) == len(header) for row in rows)  # no stray tab or line break
    return header, [dict(zip(header, row, strict=True)) for row in rows]


def _structure(rows):
    """Questions with their subquestions and answers, as the importer relates them."""
    questions, current = {}, None
    for row in rows:
        if row["class"] == "Q":
            current = {**row, "SQ": [], "A": []}
            questions[row["name"]] = current
        elif row["class"] in ("SQ", "A"):
            current[row["class"]].append(row)
    return questions


@pytest.fixture(scope="module", params=["en", "de"])
def sample(request, sample_members, tmp_path_factory):
    survey = survey_instrument(sample_members, tool="limesurvey", lang=request.param)
    path = survey.save(tmp_path_factory.mktemp("ls") / "survey.txt")
    return survey, *_rows(path)


def test_header_has_the_documented_columns_then_attributes(sample):
    _, header, rows = sample
    assert header[: len(DOCUMENTED)] == DOCUMENTED
    assert header[len(DOCUMENTED):] == sorted(header[len(DOCUMENTED):])  # attributes, A-Z
    assert {r["class"] for r in rows} == {"S", "SL", "G", "Q", "SQ", "A"}


def test_survey_settings_and_groups(sample):
    survey, _, rows = sample
    settings = {r["name"]: r["text"] for r in rows if r["class"] == "S"}
    assert settings["language"] == survey.lang
    titles = [r for r in rows if r["class"] == "SL" and r["name"] == "surveyls_title"]
    assert [t["text"] for t in titles] == [survey.title]
    groups = [r for r in rows if r["class"] == "G"]
    assert [g["type/scale"] for g in groups] == ["1", "2", "3"]
    assert all(r["language"] == survey.lang for r in rows if r["class"] not in ("S",))


def test_respondent_picks_its_organization_from_the_list_or_other(sample):
    survey, _, rows = sample
    org = _structure(rows)["org"]
    assert (org["type/scale"], org["mandatory"], org["other"]) == ("!", "Y", "Y")
    assert org["other_replace_text"] == html.escape(survey.other.label, quote=True)
    assert [a["name"] for a in org["A"]] == [m.code for m in survey.members]
    separator = org["category_separator"]
    assert separator == "::"
    assert [html.unescape(a["text"]).split(separator) for a in org["A"]] == [
        [m.sector, m.name] for m in survey.members]


def test_partners_are_picked_per_sector_without_the_own_organization(sample):
    survey, _, rows = sample
    questions = _structure(rows)
    picks = [q for name, q in questions.items() if re.fullmatch(r"partners\d+", name)]
    assert [html.unescape(q["text"]) for q in picks] == list(survey.sectors)
    for q, sector in zip(picks, survey.sectors, strict=True):
        assert q["type/scale"] == "M"
        members = [m for m in survey.members if m.sector == sector]
        assert [sq["name"] for sq in q["SQ"]] == [m.code for m in members]
        assert [sq["relevance"] for sq in q["SQ"]] == [f"org.NAOK != '{m.code}'"
                                                       for m in members]


def test_rating_rows_are_shown_only_for_picked_partners(sample):
    survey, _, rows = sample
    questions = _structure(rows)
    pick = {sq["name"]: name for name, q in questions.items()
            if name.startswith("partners") for sq in q["SQ"]}
    codes = {"intensity": "intensity", "mission_alignment": "missionalignment",
             "power_influence": "powerinfluence", "resource_contribution": "resourcecontribution"}
    for item in survey.items:
        q = questions[codes.get(item.name, item.name)]
        rows_ = [sq for sq in q["SQ"] if sq["type/scale"] in ("", "0")]
        assert [sq["name"] for sq in rows_] == [m.code for m in survey.members]
        assert [sq["relevance"] for sq in rows_] == [
            f"{pick[m.code]}_{m.code}.NAOK == 'Y'" for m in survey.members]
        if item.multiple:
            assert (q["type/scale"], q["multiflexible_checkbox"]) == (":", "1")
            columns = [sq for sq in q["SQ"] if sq["type/scale"] == "1"]
            assert [(c["name"], html.unescape(c["text"])) for c in columns] == [
                (c.code, c.label) for c in item.choices]
            assert q["A"] == []
        else:
            assert q["type/scale"] == "F"
            assert [(a["name"], html.unescape(a["text"])) for a in q["A"]] == [
                (c.code, c.label) for c in item.choices]


def test_description_question_is_hidden(sample):
    _, _, rows = sample
    q = _structure(rows)["sysmap"]
    assert (q["type/scale"], q["hidden"]) == ("X", "1")
    assert "{" not in q["text"] and "&#123;" in q["text"]  # no Expression Manager braces


def test_hostile_names_are_escaped_and_never_start_a_formula(hostile_members, tmp_path):
    survey = survey_instrument(hostile_members, tool="limesurvey")
    _, rows = _rows(survey.save(tmp_path / "s.txt"))
    org = _structure(rows)["org"]
    assert org["category_separator"] == "~~"  # a member name contains '::'
    shown = {a["name"]: a["text"] for a in org["A"]}
    for m in survey.members:
        text = shown[m.code]
        assert html.unescape(text).split("~~") == [survey.sector_label(m.sector), m.name]
        assert "<script>" not in text and "{" not in text and "}" not in text
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@")), value
    assert shown["H2"].startswith("Civil society~~&#61;HYPERLINK(&quot;")
    h2 = next(sq for sq in _structure(rows)["partners2"]["SQ"] if sq["name"] == "H2")
    assert h2["text"].startswith("&#61;HYPERLINK(&quot;")


def test_question_codes_are_letters_and_digits_and_distinct(sample_members, tmp_path):
    own = {"question": "?", "answers": "1|2"}
    items = ["mission_alignment", {"item": "missionalignment", **own}, {"item": "or_g", **own},
             {"item": "a_very_long_item_name_of_thirty", **own}]
    survey = survey_instrument(sample_members, tool="limesurvey", items=items)
    assert survey.describe()["fields"]["items"] == {
        "mission_alignment": "missionalignment", "missionalignment": "missionalignment2",
        "or_g": "org2", "a_very_long_item_name_of_thirty": "averylongitemnameoft"}
    _, rows = _rows(survey.save(tmp_path / "s.txt"))
    names = [r["name"] for r in rows if r["class"] == "Q"]
    assert len(names) == len(set(names)) and all(re.fullmatch(r"[A-Za-z][A-Za-z0-9]{0,19}", n)
                                                 for n in names)
