"""The app's workflow in Chromium: data, check and fixes, report and downloads, waves, survey.

The messy German export (tests/data/messy_de, see its README and planted.csv)
has one unknown answer label ('ab und zu' in Häufigkeit, rows 5 and 20), one
misspelled member ('Türkischer Eletrnverein Wiesental e.V.', row 14, closest
member W27) and one partner not on the member list ('Kita Sonnenschein').
"""

from __future__ import annotations

import csv
import warnings

import openpyxl

from sysmap import DataQualityWarning
from sysmap.build.ties import rule_counts
from sysmap.cli import main
from sysmap.i18n import format_number
from sysmap.io.detect import read
from sysmap.io.members import read_actors

from .conftest import MESSY, SAMPLE


def _rows(path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_fix_labels_and_names_then_report_and_downloads(open_app, capsys):
    app = open_app()
    page = app.page
    app.upload("members", MESSY / "mitglieder_welle1.csv")
    app.upload("survey", MESSY / "befragung_welle1.csv")
    page.locator("#read").click()
    # the check step opens with the grouped problems and the fixes
    page.locator("#fix-labels").wait_for()
    assert "ab und zu" in page.locator("#fix-labels").inner_text()
    assert "Eletrnverein" in page.locator("#fix-names").inner_text()
    assert "Kita Sonnenschein" in page.locator("#fix-sectors").inner_text()
    rules = page.locator("#fix-rule").inner_text()
    assert "Either side names it" in rules
    page.locator("#label_0").select_option("2")  # 'ab und zu' = quarterly (2)
    page.locator("input[name=name_0][value=yes]").check()
    page.locator("#sector_0").select_option(index=1)
    page.locator("#apply").click()
    page.locator("#get_aliases").wait_for()
    # read again with the fixes: the label and the name are known now
    page.locator("#fix-labels").wait_for(state="detached")
    page.locator("#fix-names").wait_for(state="detached")
    labels = _rows(app.download("get_labels"))
    assert labels == [["column", "label", "value"], ["Häufigkeit", "ab und zu", "2"]]
    aliases = _rows(app.download("get_aliases"))
    assert aliases == [["alias", "actor"], ["Türkischer Eletrnverein Wiesental e.V.", "W27"]]
    # the command line reads the two fix files: no unknown label, no open name suggestion
    fixes = ["--scales", str(app.downloads / "answer_labels.csv"),
             "--aliases", str(app.downloads / "aliases.csv")]  # fmt: skip
    assert main(["validate", str(MESSY / "befragung_welle1.csv"),
                 "--actors", str(MESSY / "mitglieder_welle1.csv"), *fixes]) == 0  # fmt: skip
    said = capsys.readouterr().out
    assert "ab und zu" not in said and "Eletrnverein" not in said
    assert "Kita Sonnenschein" in said  # still not on the member list
    members = _rows(app.download("get_members"))
    added = dict(zip(members[0], members[-1], strict=True))  # the outsider comes last
    assert added["name"] == "Kita Sonnenschein" and added["sector"]  # with the sector given
    assert "Eletrnverein" not in str(members)  # now an alias of W27, not an outsider

    app.step("report")
    page.locator("#make_report").click()
    page.locator("#report-points li").first.wait_for(timeout=60_000)
    frame = page.frame_locator("#report-frame")
    assert frame.locator("h2").count() >= 3
    html = app.download("get_report").read_text(encoding="utf-8")
    assert "Kita Sonnenschein" in html and "<html" in html
    workbook = app.download("get_workbook")
    assert workbook.name == "report.xlsx"
    book = openpyxl.load_workbook(workbook, read_only=True)
    assert "findings" in book.sheetnames
    book.close()
    assert "profile" in app.download("get_profiles").read_text(encoding="utf-8")
    href = page.locator("#print-view").get_attribute("href")
    printed = app.context.request.get(page.url.split("?")[0] + href)
    assert printed.status == 200 and "<html" in printed.text()
    assert app.outside == [] and app.dialogs == []


def test_german_page_waves_and_survey(open_app):
    app = open_app(lang="de")
    page = app.page
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("a[data-value='check']").inner_text() == "2 Prüfen"
    app.upload("members", SAMPLE / "members_wave2.csv")
    app.upload("survey", SAMPLE / "survey_wave2.csv")
    app.upload("aliases", SAMPLE / "aliases.csv")
    page.locator("#read").click()
    page.locator("#fix-rule").wait_for()
    # each rule with the ties it keeps, as the library counts them (build.ties.rule_counts)
    members = read_actors(SAMPLE / "members_wave2.csv", aliases=SAMPLE / "aliases.csv")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        counts = rule_counts(read(SAMPLE / "survey_wave2.csv", actors=members))
    shown = page.locator("#fix-rule").inner_text()
    for n in counts.values():
        assert f"— {format_number(n, 'de')} Beziehungen." in shown
    assert len(counts) == 3 and counts["union"] > counts["mutual"]
    assert "Was die Prüfung gefunden hat" in page.locator("#check").inner_text()

    app.step("waves")
    app.upload("wave_survey", SAMPLE / "survey_wave1.csv")
    app.upload("wave_members", SAMPLE / "members_wave1.csv")
    page.locator("#wave_label").fill("2023")
    page.locator("#add_wave").click()
    page.locator("#wave_list").get_by_text("2023").wait_for()
    page.locator("#compare").click()
    page.locator("#comparison-points").wait_for(timeout=60_000)
    frame = page.frame_locator("#comparison-frame")
    assert frame.locator("html").get_attribute("lang") == "de"
    html = app.download("get_comparison").read_text(encoding="utf-8")
    assert 'lang="de"' in html and "2023" in html
    assert openpyxl.load_workbook(app.download("get_comparison_workbook")).sheetnames

    app.step("survey")
    page.locator("#make_survey").click()
    page.locator("#survey-done").wait_for(timeout=60_000)
    survey = app.download("get_survey")
    assert survey.name == "partner_survey.xlsx"
    book = openpyxl.load_workbook(survey)
    # every wave-2 member (106, the sample's README) is offered as a partner
    assert "AWO Kreisverband Rheinstadt e.V." in str([c.value for s in book for r in s.iter_rows()
                                                    for c in r])
    assert app.outside == [] and app.dialogs == []
