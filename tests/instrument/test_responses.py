"""Reading the answers back: every tool's export of a survey sysmap wrote gives the planted ties.

Synthetic responses are planted (seeded) and written in each tool's export
layout, as the tool writes it:

* LimeSurvey's response export (``application/helpers/admin/export/Writer.php``,
  ``CsvWriter.php`` and ``SurveyObj.php`` of LimeSurvey): UTF-8 with a
  byte-order mark, every value quoted, CRLF, a blank last line; headings as
  question codes (``partners1[BA001]``), Expression Manager codes
  (``partners1_BA001``), full question texts (``<question> [<subquestion>]``,
  ``[<row>][<column>]`` for an array of checkboxes), code and text; answers
  as codes (``Y`` or blank for multiple choice, ``-oth-``) or full answers
  (the answer text with its category prefix, ``Yes``/``No``, ``Other``),
  "Y"/"N" converted, formulas masked with an apostrophe;
* KoboToolbox's XLSX (formpack ``reporting/export.py`` and
  ``schema/fields.py``): the form's sheet and the repeat sheet ``ratings``
  joined by ``_index``/``_parent_index`` or ``_submission__uuid``; names with
  or without groups, or labels; a ``select_multiple`` as one column and one
  ``0``/``1`` column per choice; Kobo's CSV (the form's sheet only,
  semicolons, every value quoted); ODK Central's CSV files (groups joined by
  ``-``, the repeat in ``<form>-ratings.csv``, ``KEY``/``PARENT_KEY``);
* the returned Excel workbooks, filled in by a script with openpyxl.

Each must read back into exactly the planted ties (one per respondent,
partner and type of collaboration; ``tie`` when no type was ticked) and item
values; the PARTNER composites are the means of the answered items (Varda
et al. 2008). A partial export gives the members who have not answered, and
the response rate is respondents / members on the list.
"""

from __future__ import annotations

import csv
import io
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

import sysmap
from sysmap.cli import main
from sysmap.exceptions import ParameterError, SchemaError
from sysmap.instrument import excel, limesurvey, survey_instrument, xlsform
from sysmap.instrument._workbook import text_cell
from sysmap.io.detect import detect_format
from sysmap.io.tracking import response_tracking

from .conftest import HOSTILE

RATINGS = ["intensity", "frequency", "reliability", "mission_alignment", "openness",
           "power_influence", "involvement", "resource_contribution"]  # fmt: skip
TRUST = ["reliability", "mission_alignment", "openness"]
VALUE = ["power_influence", "involvement", "resource_contribution"]
#: A name written under "other": commas, quotes, an umlaut and a formula.
OTHER_NAME = '=Verein "Süd", Ökö; e.V.'


# ----------------------------------------------------------------------------- planting
@dataclass
class Answer:
    """One planted response: the member code (or the name under "other")."""

    code: str = ""
    other: str = ""
    submitted: str = "2025-03-01 10:00:00"
    complete: bool = True
    ties: dict = field(default_factory=dict)  # partner code -> (values, relations)


def plant(survey, seed, respondents, *, other=True):
    """`respondents` members answer, each rating 2-6 partners; one "other" organization too."""
    rng = random.Random(seed)
    codes = [m.code for m in survey.members]
    answers = []
    for code in respondents:
        answer = Answer(code)
        for partner in rng.sample([c for c in codes if c != code], rng.randint(2, 6)):
            answer.ties[partner] = _rate(survey, rng)
        answers.append(answer)
    if other:
        answer = Answer(other=OTHER_NAME, submitted="2025-03-02 09:00:00")
        for partner in rng.sample(codes, 2):
            answer.ties[partner] = _rate(survey, rng)
        answers.append(answer)
    return answers


def _rate(survey, rng):
    values, relations = {}, []
    for item in survey.items:
        if item.multiple:
            relations = [c.value for c in item.choices if rng.random() < 0.4]
        elif rng.random() < 0.85:
            values[item.name] = rng.choice(item.choices).value
    return values, relations


def expected_ties(survey, answers):
    """The ties the planted answers make: respondent and partner ids, one row per type."""
    actor = {m.code: m.actor for m in survey.members}
    rows = []
    for a in answers:
        source = actor[a.code] if a.code else a.other
        for partner, (values, relations) in a.ties.items():
            for relation in relations or ["tie"]:
                rows.append({"source": source, "target": actor[partner], "relation": relation,
                             **{item: float(v) for item, v in values.items()}})  # fmt: skip
    frame = pd.DataFrame(rows)
    items = [i.name for i in survey.items if not i.multiple]
    for name in items:
        if name not in frame.columns:
            frame[name] = float("nan")
    for composite, parts in (("trust", TRUST), ("value", VALUE)):
        present = [p for p in parts if p in items]
        if present:
            frame[composite] = frame[present].mean(axis=1, skipna=True)
    return _sorted(frame)


def _sorted(frame):
    columns = ["source", "target", "relation"] + [
        c for c in [*RATINGS, "closeness", "trust", "value"] if c in frame.columns
    ]
    return frame[columns].sort_values(["source", "target", "relation"]).reset_index(drop=True)


def assert_planted(data, survey, answers):
    want = expected_ties(survey, answers)
    got = _sorted(data.ties.reindex(columns=list(dict.fromkeys([*data.ties.columns,
                                                                *want.columns]))))  # fmt: skip
    pd.testing.assert_frame_equal(got[want.columns].astype(want.dtypes.to_dict()), want)


# ----------------------------------------------------------------------------- LimeSurvey
def limesurvey_export(survey, answers, path, *, headings="code", labels=False, sep=",",
                      convert=None, mask=False, spaces=False):  # fmt: skip
    """`answers` as LimeSurvey's response export (see the module docstring)."""
    fields = limesurvey.fields(survey)
    t = survey.text
    sector = {p["sector"]: p["question"] for p in fields["pick"]}
    columns = [("id", "Response ID", lambda a, i: str(i)),
               ("submitdate", "Date submitted", lambda a, i: a.submitted if a.complete else ""),
               ("lastpage", "Last page", lambda a, i: "3"),
               ("startlanguage", "Start language", lambda a, i: survey.lang),
               ("org", t("q_respondent"), lambda a, i: _ls_org(survey, fields, a, labels)),
               ("org[other]", f"{t('q_respondent')} [Other]", lambda a, i: a.other)]  # fmt: skip
    for m in survey.members:
        columns.append((f"{sector[m.sector]}[{m.code}]",
                        f"{survey.sector_label(m.sector)} [{m.name}]",
                        lambda a, i, c=m.code: _ls_tick(c in a.ties, labels, convert)))  # fmt: skip
    for item in survey.items:
        code = fields["items"][item.name]
        for m in survey.members:
            if item.multiple:
                for c in item.choices:
                    columns.append((f"{code}[{m.code}_{c.code}]",
                                    f"{item.question} [{m.name}][{c.label}]",
                                    lambda a, i, p=m.code, v=c.value: "1"
                                    if p in a.ties and v in a.ties[p][1] else ""))  # fmt: skip
            else:
                columns.append((f"{code}[{m.code}]", f"{item.question} [{m.name}]",
                                lambda a, i, p=m.code, it=item: _ls_rating(a, p, it, labels)))  # fmt: skip
    if headings == "em":
        headers = [c.replace("[", "_").replace("]", "") for c, _, _ in columns]
    elif headings == "full":
        headers = [text for _, text, _ in columns]
    elif headings == "codetext":
        headers = [f"{c}. {text}" for c, text, _ in columns]
    else:
        headers = [c for c, _, _ in columns]
    if spaces:
        headers = [h.replace(" ", "_") for h in headers]
    rows = [[value(a, i) for _, _, value in columns] for i, a in enumerate(answers, start=1)]
    if mask:
        rows = [["'" + v if v.startswith("=") else v for v in row] for row in rows]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    path.write_bytes(b"\xef\xbb\xbf" + (out.getvalue() + "\r\n").encode("utf-8"))
    return path


def _ls_org(survey, fields, a, labels):
    if not a.code:
        return ("Other" if labels else "-oth-") if a.other else ""
    if not labels:
        return a.code
    m = next(m for m in survey.members if m.code == a.code)
    separator = fields["category_separator"]
    return f"{survey.sector_label(m.sector)}{separator}{m.name}" if separator else m.name


def _ls_tick(is_ticked, labels, convert):
    if labels:
        return "Yes" if is_ticked else "No"
    if convert:
        return convert[0] if is_ticked else convert[1]
    return "Y" if is_ticked else ""


def _ls_rating(a, partner, item, labels):
    if partner not in a.ties or item.name not in a.ties[partner][0]:
        return ""
    value = a.ties[partner][0][item.name]
    choice = next(c for c in item.choices if c.value == value)
    return choice.label if labels else choice.code


@pytest.fixture(scope="module")
def sample_ls(sample_members, tmp_path_factory):
    """The sample's LimeSurvey survey (English), and 60 of its 100 members' answers."""
    folder = tmp_path_factory.mktemp("ls")
    survey = survey_instrument(sample_members, tool="limesurvey", lang="en")
    survey.save(folder / "partner_survey.txt")
    codes = sorted(m.code for m in survey.members)
    return folder, survey, plant(survey, 1, codes[::5] + codes[1::5] + codes[2::5])


@pytest.fixture(scope="module")
def hostile_ls(hostile_members, tmp_path_factory):
    """The hostile names' LimeSurvey survey (English), and 8 of its 11 members' answers."""
    folder = tmp_path_factory.mktemp("ls_hostile")
    survey = survey_instrument(hostile_members, tool="limesurvey", lang="en")
    survey.save(folder / "partner_survey.txt")
    return folder, survey, plant(survey, 8, [m.code for m in survey.members][:8])


@pytest.mark.parametrize(
    ("members", "layout"),
    [
        ("sample", {"headings": "code"}),
        ("sample", {"headings": "full", "labels": True}),
        ("hostile", {"headings": "code", "labels": True, "sep": ";"}),
        ("hostile", {"headings": "em", "convert": ("1", "2")}),
        ("hostile", {"headings": "full", "spaces": True, "convert": ("1", "0")}),
        ("hostile", {"headings": "codetext", "labels": True, "mask": True}),
    ],
    ids=lambda x: x if isinstance(x, str) else "-".join(f"{k}={v}" for k, v in x.items()),
)
def test_limesurvey_export_reads_back_the_planted_ties(request, members, layout):
    folder, survey, answers = request.getfixturevalue(f"{members}_ls")
    path = limesurvey_export(survey, answers, folder / "results-survey.csv", **layout)
    data = sysmap.read_survey(path, errors="collect")  # the survey file next to it is found
    assert data.kind == "survey" and not data.report.errors
    assert_planted(data, survey, answers)
    # the members who answered, and the "other" organization; every member is on the roster
    assert data.report.respondents == len(answers) - 1
    assert data.report.roster_size == len(survey.members)
    assert (data.actors.loc[OTHER_NAME, "status"]) == "not_on_roster"
    notes = " ".join(str(n) for n in data.report.notes)
    assert "found next to it" in notes and "partner_survey.txt" in notes
    # the one warning: the "other" organization is not on the member list
    assert data.report.problems["check"].tolist() == ["unknown_name"]


def test_limesurvey_export_in_german_with_hostile_names(hostile_members, tmp_path):
    survey = survey_instrument(hostile_members, tool="limesurvey", lang="de",
                               items=["intensity", "reliability", "relation"])  # fmt: skip
    instrument = survey.save(tmp_path / "befragung.txt")
    codes = [m.code for m in survey.members]
    answers = plant(survey, 7, codes[:6])
    export = tmp_path / "export" / "antworten.csv"
    export.parent.mkdir()
    limesurvey_export(survey, answers, export, headings="full", labels=True, sep=";", mask=True)
    data = sysmap.read_survey(export, instrument=instrument, errors="collect")
    assert not data.report.errors
    assert_planted(data, survey, answers)
    names = data.actors["name"].to_dict()
    assert names["H2"] == '=HYPERLINK("http://evil","click")' and OTHER_NAME in names


def test_incomplete_duplicate_and_anonymous_responses(hostile_ls, tmp_path):
    _, survey, _ = hostile_ls
    codes = sorted(m.code for m in survey.members)
    answers = plant(survey, 3, codes[:4], other=False)
    answers[1].complete = False  # started, not submitted: read, and to be reminded
    again = Answer(codes[0], submitted="2025-03-05 08:00:00", ties=dict(answers[0].ties))
    again.ties = {p: v for p, v in list(answers[0].ties.items())[:1]}  # answered again, later
    anonymous = Answer("", ties={})  # quit on the first page
    path = limesurvey_export(survey, [*answers, again, anonymous], tmp_path / "r.csv")
    survey.save(tmp_path / "s.txt")
    data = sysmap.read_survey(path, errors="collect")
    assert_planted(data, survey, [again, *answers[1:]])
    problems = data.report.problems
    replaced = problems.loc[problems["check"] == "duplicate_response"]
    # rows: header 1, the four answers 2-5, the later answer 6, the anonymous one 7
    assert replaced["row"].tolist() == [2] and "row 6" in replaced["message"].iloc[0]
    assert problems.loc[problems["check"] == "blank_name", "row"].tolist() == [7]
    responses = data.responses.set_index("row")
    assert responses["kept"].tolist() == [False, True, True, True, True]  # rows 2-6
    assert responses.loc[3, "complete"] == False  # noqa: E712 - the incomplete one, row 3
    actor = {m.code: m.actor for m in survey.members}
    tracking = response_tracking(data)
    assert tracking.loc[actor[answers[1].code], "status"] == "incomplete"
    assert tracking.loc[actor[answers[1].code], "remind"]


def test_unknown_answers_are_reported_where_they_are(hostile_ls, tmp_path):
    _, survey, _ = hostile_ls
    answers = plant(survey, 5, [survey.members[0].code], other=False)
    path = limesurvey_export(survey, answers, tmp_path / "r.csv")
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    partner = next(iter(answers[0].ties))
    column = f"intensity[{partner}]"
    rows[1][rows[0].index(column)] = "very close"  # typed over in a spreadsheet
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    data = sysmap.read_survey(path, instrument=survey, errors="collect")
    problem = data.report.problems.iloc[-1]
    assert (problem["row"], problem["column"], problem["value"]) == (2, column, "very close")
    assert "1 = Awareness, 2 = Cooperation" in problem["message"]
    assert data.ties.loc[data.ties["target"] == partner, "intensity"].isna().all()


# ----------------------------------------------------------------------------- Kobo / ODK
def kobo_tables(survey, answers, *, headers="names", labels=False, join="index"):
    """`answers` as KoboToolbox's export: the form's rows and the repeat rows."""
    fields = xlsform.fields(survey)
    t = survey.text
    name_of = {m.code: m.name for m in survey.members}
    main, repeat = [], []
    for i, a in enumerate(answers, start=1):
        row = {}

        def put(table_row, name, group, label, value):
            key = {"names": name, "groups": "/".join([*group, name]), "labels": label}[headers]
            table_row[key] = value

        respondent = (name_of[a.code] if labels else a.code) if a.code else (
            survey.other.label if labels else "other")  # fmt: skip
        put(row, "respondent", [], t("q_respondent"), respondent)
        put(row, "respondent_other", [], t("q_respondent_other"), a.other)
        for pick in fields["pick"]:
            members = [m for m in survey.members if m.sector == pick["sector"]]
            chosen = [m for m in members if m.code in a.ties]
            label = survey.sector_label(pick["sector"])
            put(row, pick["name"], ["partners_group"], label,
                " ".join(name_of[m.code] if labels else m.code for m in chosen))  # fmt: skip
            for m in members:
                put(row, f"{pick['name']}/{m.code}", ["partners_group"], f"{label}/{m.name}",
                    "1" if m in chosen else "0")  # fmt: skip
        row["partners"] = " ".join(a.ties)
        row.update({"_id": str(100 + i), "_uuid": f"uuid-{i}", "_submission_time": a.submitted,
                    "_index": str(i)})  # fmt: skip
        main.append(row)
        for partner, (values, relations) in a.ties.items():
            r = {}
            put(r, "partner", ["ratings"], "partner", partner)
            put(r, "partner_name", ["ratings"], "partner_name", name_of[partner])
            for item in survey.items:
                group = ["ratings", "rating"]
                if item.multiple:
                    chosen = [c for c in item.choices if c.value in relations]
                    put(r, item.name, group, item.question,
                        " ".join(c.label if labels else c.code for c in chosen))  # fmt: skip
                    for c in item.choices:
                        put(r, f"{item.name}/{c.code}", group, f"{item.question}/{c.label}",
                            "1" if c in chosen else "0")  # fmt: skip
                else:
                    choice = next((c for c in item.choices if c.value == values.get(item.name)),
                                  None)  # fmt: skip
                    put(r, item.name, group, item.question,
                        "" if choice is None else choice.label if labels else choice.code)  # fmt: skip
            r.update({"_index": str(len(repeat) + 1), "_parent_table_name": survey.title,
                      "_parent_index": str(i), "_submission__uuid": f"uuid-{i}"})  # fmt: skip
            repeat.append(r)
    main_frame, repeat_frame = pd.DataFrame(main), pd.DataFrame(repeat)
    if join == "uuid":
        main_frame = main_frame.drop(columns="_index")
        repeat_frame = repeat_frame.drop(columns=["_index", "_parent_index"])
    return main_frame, repeat_frame


def write_xlsx(path, sheets):
    """Sheets of text cells (as KoboToolbox writes values; no cell is a formula)."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, frame in sheets.items():
        ws = wb.create_sheet(name)
        for j, column in enumerate(frame.columns, start=1):
            text_cell(ws, 1, j, column)
            for i, value in enumerate(frame[column], start=2):
                if value != "":
                    text_cell(ws, i, j, value)
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def sample_kobo(sample_members, tmp_path_factory):
    folder = tmp_path_factory.mktemp("kobo")
    survey = survey_instrument(sample_members, tool="xlsform", lang="en")
    survey.save(folder / "partner_survey.xlsx")
    codes = sorted(m.code for m in survey.members)
    return folder, survey, plant(survey, 2, codes[::4])


@pytest.fixture(scope="module")
def hostile_kobo(hostile_members, tmp_path_factory):
    folder = tmp_path_factory.mktemp("kobo_hostile")
    survey = survey_instrument(hostile_members, tool="xlsform", lang="de")
    survey.save(folder / "partner_survey.xlsx")
    return folder, survey, plant(survey, 9, [m.code for m in survey.members][1:9])


@pytest.mark.parametrize(
    ("members", "layout"),
    [
        ("sample", {"headers": "names"}),
        ("hostile", {"headers": "groups", "join": "uuid"}),
        ("hostile", {"headers": "labels", "labels": True}),
        ("hostile", {"headers": "names", "labels": True}),
    ],
    ids=lambda x: x if isinstance(x, str) else "-".join(f"{k}={v}" for k, v in x.items()),
)
def test_kobo_xlsx_with_the_repeat_sheet_reads_back_the_planted_ties(request, members, layout):
    folder, survey, answers = request.getfixturevalue(f"{members}_kobo")
    main_frame, repeat_frame = kobo_tables(survey, answers, **layout)
    path = write_xlsx(folder / "kobo_export.xlsx", {survey.title: main_frame,
                                                   "ratings": repeat_frame})  # fmt: skip
    assert detect_format(path) == "survey"
    data = sysmap.read(path, errors="collect")
    assert not data.report.errors, data.report.problems["message"].tolist()
    assert_planted(data, survey, answers)
    assert data.report.respondents == len(answers) - 1  # the "other" organization is not a member


def test_kobo_label_export_without_separate_columns(hostile_kobo, tmp_path):
    """Labels joined by spaces are cut back into the members' names."""
    _, survey, answers = hostile_kobo
    main_frame, repeat_frame = kobo_tables(survey, answers, labels=True)
    main_frame = main_frame[[c for c in main_frame.columns if "/" not in c and c != "partners"]]
    repeat_frame = repeat_frame[[c for c in repeat_frame.columns if "/" not in c]]
    survey.save(tmp_path / "form.xlsx")
    path = write_xlsx(tmp_path / "export.xlsx", {"data": main_frame, "ratings": repeat_frame})
    data = sysmap.read_survey(path, errors="collect")
    assert not data.report.errors
    assert_planted(data, survey, answers)


def test_odk_central_csv_files_and_kobo_csv(hostile_kobo, tmp_path):
    _, survey, answers = hostile_kobo
    survey.save(tmp_path / "form.xlsx")
    main_frame, repeat_frame = kobo_tables(survey, answers, headers="groups")
    odk_main = main_frame.rename(columns=lambda c: c.replace("/", "-", 1) if c.startswith(
        "partners_group/") else c)  # fmt: skip
    odk_main["KEY"] = [f"uuid:{i}" for i in main_frame["_uuid"]]
    odk_main = odk_main.drop(columns=["_id", "_uuid", "_index"]).rename(
        columns={"_submission_time": "SubmissionDate"}
    )
    odk_repeat = repeat_frame.rename(columns=lambda c: c.replace("ratings/rating/", "rating-")
                                     .replace("ratings/", ""))  # fmt: skip
    odk_repeat["PARENT_KEY"] = [f"uuid:{u}" for u in repeat_frame["_submission__uuid"]]
    odk_repeat["KEY"] = [f"uuid:{u}/ratings[{i}]" for i, u in
                         enumerate(repeat_frame["_submission__uuid"])]  # fmt: skip
    odk_repeat = odk_repeat.drop(columns=["_index", "_parent_index", "_parent_table_name",
                                          "_submission__uuid"])  # fmt: skip
    odk_main.to_csv(tmp_path / "sysmap_partner_survey.csv", index=False)
    odk_repeat.to_csv(tmp_path / "sysmap_partner_survey-ratings.csv", index=False)
    data = sysmap.read_survey(tmp_path / "sysmap_partner_survey.csv", errors="collect")
    assert not data.report.errors
    assert_planted(data, survey, answers)
    # KoboToolbox's CSV has the form's sheet only: the ties, without their ratings
    kobo = tmp_path / "kobo"
    kobo.mkdir()
    survey.save(kobo / "form.xlsx")
    main_frame.to_csv(kobo / "export.csv", sep=";", index=False, quoting=csv.QUOTE_ALL)
    data = sysmap.read_survey(kobo / "export.csv", errors="collect")
    bare = [Answer(a.code, a.other, a.submitted, a.complete,
                   {p: ({}, []) for p in a.ties}) for a in answers]  # fmt: skip
    assert_planted(data, survey, bare)
    assert any("the repeat group's ratings are not in this file" in str(n)
               for n in data.report.notes)  # fmt: skip


# ----------------------------------------------------------------------------- workbooks
def fill(template, path, answer, *, lang_survey):
    """A member fills in the workbook (text cells, as chosen from the drop-downs)."""
    wb = load_workbook(template)
    fields = excel.fields(lang_survey)
    ws = wb[fields["sheet"]]
    name_of = {m.code: m.name for m in lang_survey.members}
    if answer.code:
        text_cell(ws, 4, 1, name_of[answer.code])
    else:
        text_cell(ws, 4, 1, lang_survey.other.label)
        text_cell(ws, 7, 1, answer.other)
    for i, (partner, (values, relations)) in enumerate(answer.ties.items()):
        row = fields["first_row"] + i
        text_cell(ws, row, 1, name_of[partner])
        for item in lang_survey.items:
            where = fields["items"][item.name]
            if item.multiple:
                for c in item.choices:
                    yes = c.value in relations
                    if yes or i % 2:  # "no" written in every other row, left blank in the rest
                        ws[f"{where[c.value]}{row}"] = fields["yes"] if yes else fields["no"]
            elif item.name in values:
                choice = next(c for c in item.choices if c.value == values[item.name])
                ws[f"{where}{row}"] = choice.label
    wb.save(path)
    return path


def test_a_folder_of_returned_workbooks_reads_back_the_planted_ties(hostile_members, tmp_path):
    surveys = {lang: survey_instrument(hostile_members, tool="excel", lang=lang)
               for lang in ("en", "de")}  # fmt: skip
    templates = {lang: s.save(tmp_path / f"survey_{lang}.xlsx") for lang, s in surveys.items()}
    codes = [m.code for m in surveys["en"].members]
    answers = plant(surveys["en"], 11, codes[:7])
    returned = tmp_path / "returned"
    returned.mkdir()
    for i, a in enumerate(answers):  # English and German copies mixed
        lang = "de" if i % 2 else "en"
        fill(templates[lang], returned / f"answer_{i:02d}.xlsx", a, lang_survey=surveys[lang])
    # a second workbook of the first member, saved earlier: not read (reported)
    older = Answer(answers[0].code, ties=dict(list(answers[0].ties.items())[:1]))
    fill(templates["en"], returned / "zz_first_try.xlsx", older, lang_survey=surveys["en"])
    os.utime(returned / "zz_first_try.xlsx", (1_000_000_000, 1_000_000_000))
    # the blank survey, a file of someone else and Excel's lock file are skipped
    surveys["en"].save(returned / "blank.xlsx")
    pd.DataFrame({"x": [1]}).to_excel(returned / "notes.xlsx", index=False)
    (returned / "~$answer_00.xlsx").write_bytes(b"lock")
    assert detect_format(returned) == "survey"
    data = sysmap.read(returned, errors="collect")
    assert not data.report.errors
    assert_planted(data, surveys["en"], answers)
    assert set(data.report.sources) >= {f"answer_{i:02d}.xlsx" for i in range(len(answers))}
    problems = data.report.problems
    assert problems.loc[problems["check"] == "duplicate_response", "source"].tolist() == [
        "zz_first_try.xlsx"
    ]
    assert problems.loc[problems["check"] == "not_a_workbook", "source"].tolist() == ["notes.xlsx"]
    assert any("blank.xlsx" in str(n) and "not filled in" in str(n) for n in data.report.notes)
    names = data.actors["name"].to_dict()
    for actor, name, _ in HOSTILE:
        assert names[actor] == name


# ----------------------------------------------------------------------------- fieldwork
def test_partial_export_gives_the_reminder_list_and_the_response_rate(sample_ls, tmp_path):
    folder, survey, answers = sample_ls
    path = limesurvey_export(survey, answers, folder / "partial.csv")
    data = sysmap.read_survey(path, errors="collect")
    tracking = response_tracking(data)
    answered = {a.code for a in answers if a.code}
    members = {m.actor for m in survey.members}
    remind = set(tracking.index[tracking["remind"]])
    assert remind == members - answered and len(remind) == 40  # 100 members, 60 answered
    assert tracking["remind"].tolist()[:40] == [True] * 40  # whom to remind comes first
    assert data.report.response_rate == pytest.approx(0.6)  # 60 / 100
    assert data.report.response_confidence == "caution"  # below 65 % (IngestReport bands)
    assert tracking.loc[OTHER_NAME, "status"] == "not_on_roster"


def test_validate_shows_and_writes_the_reminder_list(sample_ls, tmp_path, capsys):
    folder, survey, answers = sample_ls
    path = limesurvey_export(survey, answers, folder / "partial_cli.csv")
    out = tmp_path / "checked"
    assert main(["validate", str(path), "--lang", "de", "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Rücklaufquote: 60 von 100 (60 %, mit Vorsicht zu lesen)." in printed
    assert "Noch nicht geantwortet (40):" in printed
    reminders = pd.read_csv(out / "reminders.csv", encoding="utf-8-sig", dtype=str)
    assert reminders.loc[reminders["remind"] == "True", "actor"].nunique() == 40


def test_instrument_on_the_command_line(sample_ls, tmp_path, capsys):
    folder, survey, answers = sample_ls
    path = limesurvey_export(survey, answers[:3], tmp_path / "export.csv", headings="full")
    assert main(["validate", str(path), "--instrument", str(folder / "partner_survey.txt")]) == 0
    assert "Not answered yet (97):" in capsys.readouterr().out  # 3 members of 100 answered


def test_tracking_needs_a_member_list():
    data = sysmap.read_survey(pd.DataFrame({"respondent": ["A"], "partner": ["B"]}))
    with pytest.raises(ParameterError, match="needs survey data read with a member list"):
        response_tracking(data)


# ----------------------------------------------------------------------------- mistakes
def test_the_survey_file_is_not_its_answers(sample_ls):
    folder, _, _ = sample_ls
    with pytest.raises(SchemaError, match="is the survey file itself"):
        sysmap.read(folder / "partner_survey.txt")


def test_an_export_without_its_survey_says_how_to_give_it(hostile_ls, tmp_path):
    _, survey, answers = hostile_ls
    path = limesurvey_export(survey, answers[:2], tmp_path / "alone.csv")
    with pytest.raises(SchemaError, match="--instrument FILE"):
        sysmap.read_survey(path)


def test_two_different_surveys_next_to_an_export_must_be_chosen(hostile_members, tmp_path):
    first = survey_instrument(hostile_members, tool="limesurvey")
    first.save(tmp_path / "a.txt")
    survey_instrument(hostile_members, tool="limesurvey", items=["intensity"]).save(
        tmp_path / "b.txt"
    )
    path = limesurvey_export(first, plant(first, 4, [first.members[0].code]), tmp_path / "r.csv",
                             headings="code")  # fmt: skip
    data = sysmap.read_survey(path, errors="collect")  # a.txt names more of its columns
    assert "a.txt" in " ".join(str(n) for n in data.report.notes)


def test_a_hand_made_wide_export_is_still_read_as_before(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text("Organisation,Q5_Stadt,Q5_Schule\nStadt,,3\nSchule,2,\n", encoding="utf-8")
    assert detect_format(path) == "survey_wide"


def test_responses_are_tidy(hostile_ls):
    folder, survey, answers = hostile_ls
    data = sysmap.read_survey(limesurvey_export(survey, answers, folder / "tidy.csv"),
                              errors="collect")  # fmt: skip
    responses = data.responses
    assert list(responses.columns) == ["actor", "name", "source", "row", "submitted",
                                       "complete", "kept"]  # fmt: skip
    assert responses["row"].tolist() == list(range(2, 2 + len(answers)))
    assert Path(responses["source"].iloc[0]).name == "tidy.csv"


def test_a_member_answering_under_other_is_that_member(hostile_ls, tmp_path):
    """The name written under "other" is resolved like any name: a member's own name is
    that member, so its two responses are one organization's (the later one is read)."""
    _, survey, _ = hostile_ls
    first = survey.members[0]
    coded = plant(survey, 12, [first.code], other=False)[0]
    typed = Answer(other=first.name, submitted="2025-04-01 12:00:00",
                   ties=dict(list(coded.ties.items())[:1]))  # fmt: skip
    survey.save(tmp_path / "s.txt")
    path = limesurvey_export(survey, [coded, typed], tmp_path / "r.csv")
    data = sysmap.read_survey(path, errors="collect")
    assert data.responses["actor"].tolist() == [first.actor, first.actor]
    assert data.responses["kept"].tolist() == [False, True]
    assert set(data.ties["source"]) == {first.actor}
    assert len(data.ties.drop_duplicates(["target"])) == 1  # the later response's one partner
    assert data.report.problems["check"].tolist() == ["duplicate_response"]


@pytest.mark.parametrize("tool", ["limesurvey", "xlsform"])
def test_an_export_without_the_respondent_column_names_the_question_and_the_columns(
    hostile_members, tool, tmp_path
):
    survey = survey_instrument(hostile_members, tool=tool, lang="en")
    path = tmp_path / "export.csv"
    path.write_text("id,submitdate,Comments\n1,2026-01-01,none\n", encoding="utf-8")
    with pytest.raises(sysmap.InputError) as info:
        sysmap.read_survey(path, instrument=survey)
    message = str(info.value)
    assert "no column holds the respondent's organization" in message
    assert ("LimeSurvey" if tool == "limesurvey" else "KoboToolbox/ODK") in message
    assert "Columns found: 'id', 'submitdate', 'Comments'." in message
