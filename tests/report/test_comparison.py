"""Tests for the comparison report (sysmap.report.comparison) and ``sysmap compare``.

The numbers come from sysmap.compare (tested in tests/compare); these tests
check that the page shows them in both languages, is self-contained and safe,
writes its tables, and works offline in a browser.
"""

from __future__ import annotations


import pandas as pd
import pytest

import sysmap
from sysmap.cli import main
from sysmap.compare import Panel
from sysmap.report.comparison import comparison_report

SAMPLE = sysmap.datasets.sample_path("bildungsallianz")
XSS = '<img src=x onerror="window.__pwned=1;alert(1)">'


def _panel(waves=(1, 2)) -> Panel:
    return Panel.from_files(
        [SAMPLE / f"survey_wave{k}.csv" for k in waves],
        actors=[SAMPLE / f"members_wave{k}.csv" for k in waves],
        aliases=SAMPLE / "aliases.csv",
        labels=[str(2023 + k) for k in waves],
        symmetrize="respondent_priority",
    )


@pytest.fixture(scope="module")
def panel():
    with pytest.warns(sysmap.DataQualityWarning):  # wave 2 has a self-nomination
        return _panel()


@pytest.fixture(scope="module")
def report(panel):
    return comparison_report(panel, n_permutations=200, seed=0)


def test_sections_statements_and_maps(report):
    text = report.html
    for anchor in ("waves", "maps", "metrics", "methods"):
        assert f'<section id="{anchor}">' in text
    assert "<h2>From 2024 to 2025</h2>" in text
    for statement in report.comparison.statements["text"]:
        escaped = (str(statement).replace("&", "&amp;").replace("<", "&lt;")
                   .replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;"))
        assert escaped in text
    assert text.count('<iframe class="map"') == 2  # the wave maps and one difference map
    assert "<svg" in text  # the trend chart, inline


def test_german(panel):
    text = comparison_report(panel, n_permutations=100, lang="de", seed=0).html
    assert '<html lang="de">' in text and "<h2>Von 2024 bis 2025</h2>" in text
    assert "Ist die Veränderung echt?" in text


def test_tables_written(report, tmp_path):
    written = report.save_tables(tmp_path, workbook="compare.xlsx")
    assert (tmp_path / "compare.xlsx") in written
    tests = pd.read_csv(tmp_path / "tests.csv", encoding="utf-8-sig")
    assert set(tests["test"]) == {"qap_correlation", "density_change", "ei_change"}


def test_hostile_names_are_escaped(write):
    members = write("m.csv", "actor,name,sector,responded\n"
                    f'A,"{XSS.replace(chr(34), chr(34) * 2)}",Schools,yes\n'
                    "B,Straßenkinder e.V.,Civil society,yes\nC,東京,Schools,yes\n")
    w1 = write("w1.csv", "respondent,partner,intensity\nA,B,3\nB,A,3\nB,C,2\nC,B,2\n")
    w2 = write("w2.csv", "respondent,partner,intensity\nA,B,3\nB,A,3\nA,C,4\nC,A,4\n")
    panel = Panel.from_files([w1, w2], actors=members)
    text = comparison_report(panel, n_permutations=50, seed=0).html
    import re

    outside_maps = re.sub(r'srcdoc="[^"]*"', "", text)
    assert "<img" not in outside_maps and "東京" in text


def test_cli_compare(tmp_path, capsys):
    out = tmp_path / "compare.html"
    args = ["compare", *[str(SAMPLE / f"survey_wave{k}.csv") for k in (1, 2)],
            "--actors", *[str(SAMPLE / f"members_wave{k}.csv") for k in (1, 2)],
            "--aliases", str(SAMPLE / "aliases.csv"), "--labels", "2024", "2025",
            "--permutations", "100", "--lang", "de", "-o", str(out)]
    assert main(args) == 0  # the console shows the data-quality problems instead of warnings
    assert sorted(p.name for p in tmp_path.iterdir()) == ["compare-tables", "compare.html"]
    assert (tmp_path / "compare-tables" / "compare.xlsx").exists()
    assert "Vergleich gespeichert" in capsys.readouterr().out
    assert main(["compare", "a.csv", "b.csv", "--labels", "x", "-o", str(out)]) == 2
    assert "one label per wave" in capsys.readouterr().err


def test_comparison_report_in_a_browser_offline(offline_page, report, tmp_path):
    page = offline_page(report.save(tmp_path / "compare.html"), ready=False)
    iframes = page.page.locator("iframe.map").all()
    assert len(iframes) == 2  # the wave maps and one difference map
    for iframe in iframes:  # Chromium draws an off-screen iframe once it is in view
        iframe.scroll_into_view_if_needed()
        iframe.content_frame.locator("html[data-sysmap-ready]").wait_for(timeout=60_000)
    page.clean()
