"""Tests for the coordination-gap report (sysmap.report.gaps) and ``sysmap report``.

The report's numbers come from functions tested elsewhere; these tests check
that the page shows them, in both languages, that it is one self-contained
and safe file, that the tables are written, and that it works in a browser.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

import sysmap
from sysmap.cli import main
from sysmap.i18n import message
from sysmap.report.gaps import gap_report

SAMPLE = sysmap.datasets.sample_path("bildungsallianz")
SECTIONS = ["key_points", "summary", "findings", "actions", "map", "mixing", "clusters",
            "brokers", "metrics", "glossary", "methods", "ingest"]
XSS = '<img src=x onerror="window.__pwned=1;alert(1)">'


@pytest.fixture(scope="module")
def wave1():
    return sysmap.load_sample("bildungsallianz", wave=1)


@pytest.fixture(scope="module")
def report_en(wave1):
    return gap_report(wave1, plan=SAMPLE / "plan.csv", seed=0)


@pytest.fixture
def hostile(write):
    members = write(
        "members.csv",
        "actor,name,sector,responded\n"
        f'A1,"{XSS.replace(chr(34), chr(34) * 2)}",=HYPERLINK("x"),yes\n'
        "A2,Straßenkinder e.V.,Civil society,yes\n"
        "A3,東京 Partner,Schools,no\n"
        "A4,Bürgerstiftung Rheinstadt,Foundations,yes\n"
        "A5,Grundschule Am Mühlbach,</script><script>window.__pwned=3</script>,yes\n",
    )
    survey = write(
        "survey.csv",
        "respondent,partner,intensity\n"
        "A1,A2,3\nA2,A1,4\nA2,A4,1\nA4,A5,2\nA5,A3,4\nA1,A3,2\n",
    )
    return sysmap.read_survey(survey, actors=sysmap.read_actors(members))


def test_every_section_is_present_and_linked(report_en):
    text = report_en.html
    for anchor in SECTIONS:
        assert f'<section id="{anchor}">' in text and f'href="#{anchor}"' in text


def test_summary_shows_the_network_numbers(report_en):
    # bildungsallianz wave 1, reconstructed (union): 100 actors, 461 ties (README example),
    # response rate 85 of 100.
    text = report_en.html
    summary = text[text.index('<section id="summary">'):text.index('<section id="findings">')]
    assert "<b>100</b>actors" in summary and "<b>461</b>ties" in summary
    assert "<b>85%</b>response rate (high confidence)" in summary


def escaped(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#x27;"))


def test_every_finding_is_shown_on_its_card_by_theme(report_en):
    text = report_en.html
    findings = text[text.index('<section id="findings">'):text.index('<section id="actions">')]
    for f in report_en.findings:
        assert escaped(f.statement) in findings, f.id
    assert len(report_en.findings) == len(report_en.tables["findings"])
    # one card per kind of finding: the three single points of failure of the sample share one
    assert findings.count('<div class="callout') == len(report_en.findings.cards())
    themes = [message("findings", f"theme.{t}", "en") for t, _ in report_en.findings.by_theme()]
    positions = [findings.index(f"<h3>{escaped(t)}</h3>") for t in themes]
    assert positions == sorted(positions)


def test_german_report(wave1):
    report = gap_report(wave1, lang="de", seed=0)
    text = report.html
    assert '<html lang="de">' in text
    for heading in ["Auf einen Blick", "Befunde", "Netzwerkkarte", "Cluster und Rollen",
                    "Methoden", "Daten und Einlesebericht"]:
        assert f"<h2>{heading}</h2>" in text
    assert "<b>85 %</b>Rücklaufquote (hohe Verlässlichkeit)" in text
    assert "<b>9,3 %</b>Dichte" in text  # density 461 / 4950 = 0.0931


def test_same_seed_same_report(wave1, report_en):
    again = gap_report(wave1, plan=SAMPLE / "plan.csv", seed=0)
    strip = re.compile(r"\d{1,2} \w+ \d{4}")  # the date in the header
    assert strip.sub("", again.html) == strip.sub("", report_en.html)


def test_untrusted_names_are_escaped_and_exports_neutralised(hostile, tmp_path):
    report = gap_report(hostile, seed=0)
    text = report.html
    # the map's own page (escaped in srcdoc) and its picture for print (a data: PNG) aside
    picture = r'<img class="map-print" src="data:image/png;base64,[\w+/=]+" alt="[^"<>]*">'
    page_without_map = re.sub(r'srcdoc="[^"]*"', "", re.sub(picture, "", text))
    assert "<img" not in page_without_map and "onerror=" not in page_without_map.replace(
        "onerror=&quot;", "")
    assert "<script" not in page_without_map  # the sector name, also in the SVG heat map
    assert "&lt;img src=x" in page_without_map
    assert "東京 Partner" in text and "Straßenkinder e.V." in text
    report.save_tables(tmp_path / "tables")
    actors = pd.read_csv(tmp_path / "tables" / "actors.csv", encoding="utf-8-sig")
    assert not actors["sector"].astype(str).str.startswith("=").any()


def test_partnership_records_left_out_are_reported_escaped_in_the_pages_language(wave1):
    # A record naming an organization outside the network is dropped; the report's
    # data section says so in German, the hostile name escaped.
    records = pd.DataFrame({"actor": ["Hochschule Rheinstadt", "Sparkasse Rheinstadt",
                                      "<b>Evil</b>"], "affiliation": ["P", "P", "P"]})  # fmt: skip
    text = gap_report(wave1, affiliations=records, lang="de", seed=0).html
    ingest = text[text.index('id="ingest"') :]
    assert "Partnerschaftsdaten: " in ingest and "steht nicht auf der Mitgliederliste" in ingest
    assert "&#x27;&lt;b&gt;Evil&lt;/b&gt;&#x27;" in ingest
    assert "<b>Evil</b>" not in text


def test_tables_and_workbook_are_written(report_en, tmp_path):
    written = report_en.save_tables(tmp_path, workbook="report.xlsx")
    names = sorted(p.name for p in written)
    assert names == sorted([f"{n}.csv" for n in report_en.tables] + ["report.xlsx"])
    findings = pd.read_csv(tmp_path / "findings.csv", encoding="utf-8-sig")
    assert findings["id"].tolist() == [f.id for f in report_en.findings]
    sheets = pd.read_excel(tmp_path / "report.xlsx", sheet_name=None)
    assert set(sheets) == set(report_en.tables)


def test_cli_report_writes_the_file_and_tables_only(tmp_path, capsys):
    out = tmp_path / "out" / "bericht.html"
    code = main(["report", str(SAMPLE / "survey_wave1.csv"), "--actors",
                 str(SAMPLE / "members_wave1.csv"), "--aliases", str(SAMPLE / "aliases.csv"),
                 "--plan", str(SAMPLE / "plan.csv"), "--lang", "de", "-o", str(out)])
    assert code == 0
    assert sorted(p.name for p in out.parent.iterdir()) == ["bericht-tables", "bericht.html"]
    assert (out.parent / "bericht-tables" / "bericht.xlsx").exists()
    assert "Befunde" in out.read_text(encoding="utf-8")
    assert "Befunde: " in capsys.readouterr().out


# --------------------------------------------------------------------------- browser


def test_report_in_a_browser_offline(offline_page, hostile, tmp_path):
    path = gap_report(hostile, seed=0).save(tmp_path / "report.html")
    report = offline_page(path, width=1280, height=1600, ready=False)
    # Chromium draws an off-screen cross-origin iframe only once it is scrolled into view
    report.page.locator("iframe.map").scroll_into_view_if_needed()
    map_frame = report.page.frames[1]
    map_frame.locator("html[data-sysmap-ready]").wait_for(timeout=60_000)
    counts = map_frame.evaluate("window.sysmap.counts()")
    # reconstruction (union): A1-A2, A1-A3, A5-A3, A2-A4 and A4-A5, each named by at
    # least one side: 5 ties (respondent_priority would drop A2-A4 and A4-A5)
    assert counts["nodes"] == 5 and counts["edges"] == 5
    assert len(report.page.locator("h2").all_inner_texts()) == len(SECTIONS)
    assert map_frame.evaluate("window.__pwned") is None
    report.clean()


def test_report_clusters_are_the_findings_clusters(report_en):
    # find_gaps clusters with consensus_communities(G, n_runs=20, weight=None, seed=seed);
    # the report's cluster section must show that same partition, so that a finding
    # about "cluster 3" means the cluster 3 of the profile table
    from sysmap.cluster import consensus_communities

    expected = consensus_communities(report_en.graph, n_runs=20, weight=None, seed=0).labels
    pd.testing.assert_series_equal(report_en.clusters.actors["community"], expected,
                                   check_names=False)
