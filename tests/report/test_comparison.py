"""Tests for the comparison report (sysmap.report.comparison) and ``sysmap compare``.

The numbers come from sysmap.compare (tested in tests/compare); these tests
check that the page shows them in both languages, is self-contained and safe,
writes its tables, and works offline in a browser.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

import sysmap
from sysmap._attributes import attribute_label
from sysmap.cli import main
from sysmap.compare import Panel
from sysmap.i18n import catalogue, message
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
        escaped = (
            str(statement)
            .replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace('"', "&quot;")
            .replace("'", "&#x27;")
        )
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
    members = write(
        "m.csv",
        "actor,name,sector,responded\n"
        f'A,"{XSS.replace(chr(34), chr(34) * 2)}",Schools,yes\n'
        "B,Straßenkinder e.V.,Civil society,yes\nC,東京,Schools,yes\n",
    )
    w1 = write("w1.csv", "respondent,partner,intensity\nA,B,3\nB,A,3\nB,C,2\nC,B,2\n")
    w2 = write("w2.csv", "respondent,partner,intensity\nA,B,3\nB,A,3\nA,C,4\nC,A,4\n")
    panel = Panel.from_files([w1, w2], actors=members)
    text = comparison_report(panel, n_permutations=50, seed=0).html
    import re

    # the maps' own pages (escaped in srcdoc) and their pictures for print (data: PNGs) aside
    picture = r'<img class="map-print" src="data:image/png;base64,[\w+/=]+" alt="[^"<>]*">'
    outside_maps = re.sub(r'srcdoc="[^"]*"', "", re.sub(picture, "", text))
    assert "<img" not in outside_maps and "東京" in text


def test_cli_compare(tmp_path, capsys):
    out = tmp_path / "compare.html"
    args = [
        "compare",
        *[str(SAMPLE / f"survey_wave{k}.csv") for k in (1, 2)],
        "--actors",
        *[str(SAMPLE / f"members_wave{k}.csv") for k in (1, 2)],
        "--aliases",
        str(SAMPLE / "aliases.csv"),
        "--labels",
        "2024",
        "2025",
        "--permutations",
        "100",
        "--lang",
        "de",
        "-o",
        str(out),
    ]
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


# --------------------------------------------------------------------------- statements vs numbers
#
# On the messy two-wave German survey (tests/data/messy_de), every number a statement
# states must be the number shown in the table or chart beside it, with the same
# rounding: the statements are parsed from their text, the tables from the rendered
# page, the trend chart from its SVG (matplotlib writes each text as a comment).

MESSY = Path(__file__).parents[1] / "data" / "messy_de"
#: A number as the statements write it: "9,5 %", "9.5%", "-3,4", "+2", "1.000".
NUMBER = re.compile(r"(?:(?<=[\s(])[+-])?\d+(?:[.,]\d+)*(?:\s?%)?")
#: Statements whose numbers no table of the report shows (the cluster agreement).
NOT_SHOWN = {"clusters_agreement"}


@pytest.fixture(scope="module", params=["de", "en"])
def messy(request):
    panel = Panel.from_files(
        [MESSY / "befragung_welle1.csv", MESSY / "befragung_welle2.xlsx"],
        actors=[MESSY / "mitglieder_welle1.csv", MESSY / "mitglieder_welle2.csv"],
        aliases=MESSY / "aliases.csv",
        labels=["2024", "2025"],
        errors="collect",  # the planted problems are tested in tests/test_messy_survey.py
    )
    return comparison_report(panel, n_permutations=100, seed=0, lang=request.param)


class _Tables(HTMLParser):
    """Every <table> of a page: its caption and rows of cell texts (header row first)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict] = []
        self._cell: list[str] | None = None
        self._in_caption = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "rows": []})
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "caption":
            self._in_caption = True

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1]["rows"][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "caption":
            self._in_caption = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        elif self._in_caption:
            self.tables[-1]["caption"] += data


class Shown:
    """The tables and trend charts of a rendered comparison report, by caption and title."""

    def __init__(self, report) -> None:
        self.lang = report.page.lang
        page = re.sub(r'srcdoc="[^"]*"', "", report.html)  # not the maps
        parser = _Tables()
        parser.feed(page)
        self.tables = parser.tables
        self.waves = [str(w) for w in report.comparison.parameters["waves"]]
        self.charts = {}
        comments = re.findall(r"<!-- (.*?) -->", page[page.index("<svg") :])
        starts = [i for i in range(len(comments)) if comments[i : i + 2] == self.waves]
        for i, j in zip(starts, [*starts[1:], len(comments)]):
            chunk = comments[i:j]
            self.charts[chunk[-1]] = chunk[-1 - len(self.waves) : -1]  # the points' labels

    def table(self, caption_key: str, domain: str = "compare", **fields) -> list[dict]:
        """The rows (as dicts header -> text) of the table with this caption."""
        caption = message(domain, caption_key, self.lang, **fields)
        (found,) = [t for t in self.tables if t["caption"] == caption]
        head, *rows = found["rows"]
        return [dict(zip(head, r)) for r in rows]

    def first(self) -> list[dict]:
        head, *rows = self.tables[0]["rows"]
        return [dict(zip(head, r)) for r in rows]

    def col(self, key: str) -> str:
        return message("compare", f"col_{key}", self.lang)


def numbers(text: str, names: list[str], waves: list[str]) -> list[str]:
    """The numbers of a statement in order, names of organizations and waves left out."""
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ")
    found = [" ".join(t.split()) for t in NUMBER.findall(text)]
    return [t for t in found if t not in waves]


def expected(key: str, fact, shown: Shown, comparison) -> list[str]:
    """The cells of the report's tables (and chart labels) that the statement `key` states."""
    a, b = fact.wave_from, fact.wave_to
    col, lang = shown.col, shown.lang

    def metric_row(metric: str) -> dict:
        label = message("map", f"metric_{metric}", lang)
        (row,) = [
            r for r in shown.table("cmp_metrics_caption", "report") if r[col("metric")] == label
        ]
        charted = shown.charts.get(label)
        if charted is not None:  # the trend chart shows the same numbers
            assert charted == [row[a], row[b]], (label, charted)
        return row

    def test_row(test: str) -> dict:
        label = message("compare", f"test_{test}", lang)
        (row,) = [r for r in shown.table("cmp_tests_caption", "report") if r[col("test")] == label]
        return row

    def p(cell: str) -> str:
        return cell.removeprefix("< ")

    waves = {r[col("wave")]: r for r in shown.first()}
    if key == "density_all":
        net, test = metric_row("density"), test_row("density_change")
        level = [
            r
            for r in shown.table("cmp_parameters_caption", "report")
            if r[col("parameter")] == message("compare", "param_confidence", lang)
        ]
        return [
            net[a],
            net[b],
            test[col("n_actors")],
            test[col("before")],
            test[col("after")],
            level[0][col("value")],
            test[col("ci_low")],
            test[col("ci_high")],
            p(test[col("p_value")]),
        ]
    if key == "ei_all":
        net, test = metric_row("ei_index"), test_row("ei_change")
        return [
            net[a],
            net[b],
            test[col("n_actors")],
            test[col("before")],
            test[col("after")],
            p(test[col("p_value")]),
        ]
    if key == "qap_alike":
        test = test_row("qap_correlation")
        return [test[col("r")], p(test[col("p_value")])]
    if key in ("churn", "churn_strength"):
        (row,) = shown.table("cmp_churn_caption", "report")
        names = (
            ["kept", "formed", "dissolved", "jaccard", "formed_turnover", "dissolved_turnover"]
            if key == "churn"
            else ["kept", "strengthened", "weakened"]
        )
        return [row[col(n)] for n in names]
    if key == "turnover":
        return [waves[b][col(n)] for n in ("joined", "left", "stayed")]
    if key == "caveat_response":
        rates = [waves[a][col("response_rate")], waves[b][col("response_rate")]]
        assert shown.charts[message("map", "metric_response_rate", lang)] == rates
        return rates
    if key == "restriction_none":
        return [test_row("density_change")[col("n_actors")]]
    if key == "metric_change":
        row = metric_row(fact.fields["metric"].key.removeprefix("metric_"))
        return [row[a], row[b]]
    if key in ("group_growth", "group_loss"):
        group = attribute_label(comparison.parameters["group"], lang)
        table = shown.table("caption_churn_groups", attribute=group)
        ga, gb = fact.fields["group_a"].label, fact.fields["group_b"].label
        (row,) = [r for r in table if (r[col("group_a")], r[col("group_b")]) == (ga, gb)]
        return [row[col("net_change")]]
    if key.startswith("split_"):
        if not fact.fields["share"]:
            return []
        name = fact.fields["share"].fields["name"]
        (row,) = [
            r
            for r in shown.table("caption_splits")
            if r[col("name")] == name and r[col("wave")] == (a if key == "split_ended" else b)
        ]
        return [row[col("path_share")]]
    if key in ("bridge_first", "bridge_last"):
        ga, gb = fact.fields["group_a"].label, fact.fields["group_b"].label
        change = message("compare", f"change_{key.removeprefix('bridge_')}", lang)
        rows = [
            r
            for r in shown.table("caption_bridges")
            if (r[col("group_a")], r[col("group_b")], r[col("change")]) == (ga, gb, change)
        ]
        ties = fact.fields["ties"].items
        assert [r[col("tie")] for r in rows] == [f"{t.a} ↔ {t.b}" for t in ties]
        return [str(len(rows))] if len(rows) > 1 else []
    if key.startswith("spof_"):
        (row,) = [
            r for r in shown.table("caption_cut_points") if r[col("name")] == fact.fields["name"]
        ]
        return {
            "spof_new": [row[col("pairs_disconnected_after")]],
            "spof_resolved": [row[col("path_share_before")], row[col("path_share_after")]],
            "spof_cut_only": [row[col("path_share_after")], row[col("path_share_before")]],
            "spof_left": [],
        }[key]
    if key.startswith(("degree_", "betweenness_")):
        (row,) = [r for r in shown.table("caption_actors") if r[col("name")] == fact.fields["name"]]
        measure = "degree" if key.startswith("degree") else "path_share"
        return [row[col(f"{measure}_before")], row[col(f"{measure}_after")]]
    return []


def test_every_statement_states_the_numbers_shown_beside_it(messy):
    shown = Shown(messy)
    comparison = messy.comparison
    names = [str(n) for n in comparison.actors["name"].dropna().unique()]
    names += [str(n) for n in comparison.cluster_names["name"]]
    checked = set()
    statements = comparison.statements
    assert len(statements) == len(comparison.facts)
    for fact, text in zip(comparison.facts, statements["text"]):
        found = numbers(text, names, shown.waves)
        if fact.key in NOT_SHOWN:
            continue
        assert found == expected(fact.key, fact, shown, comparison), (fact.key, text)
        if found:
            checked.add(fact.key)
    # the statements of messy_de with numbers (a test that checked nothing would pass)
    assert checked >= {
        "density_all",
        "ei_all",
        "qap_alike",
        "churn",
        "churn_strength",
        "turnover",
        "caveat_response",
        "restriction_none",
        "metric_change",
        "group_growth",
        "group_loss",
        "split_ended",
        "bridge_first",
        "spof_new",
        "spof_resolved",
        "spof_cut_only",
        "degree_gain",
        "degree_loss",
        "betweenness_gain",
        "betweenness_loss",
    }
    # the density of the chart, the network table and the first numbers of the statement
    label = message("map", "metric_density", shown.lang)
    density = statements.loc[statements["key"] == "density_all", "text"].iloc[0]
    assert numbers(density, names, shown.waves)[:2] == shown.charts[label]


#: Words of the English report's tables that must not appear in the German one, and the
#: reverse (table headers, statuses, methods, settings; data such as names left out).
ENGLISH = re.compile(
    r"\b(None|True|False|nan|wave|before|after|joined|left|stayed|present in both waves|"
    r"paired vertex bootstrap|permutation|respondents|ties|first|last|new|resolved|yes|no|"
    r"union|density_change|qap_correlation|ei_change|n_actors|metric)\b"
)
GERMAN = re.compile(
    r"\b(Welle|Vorher|Nachher|Beziehungen|kam hinzu|schied aus|neu|ja|nein|keine|"
    r"Organisationen|Anteil|Dichte)\b"
)
#: Columns holding data (names of organizations, groups, waves), not words of sysmap.
DATA_COLUMNS = {"name", "group_a", "group_b", "tie", "wave", "wave_from", "wave_to"}


def test_tables_speak_the_report_language(messy):
    shown = Shown(messy)
    other = ENGLISH if shown.lang == "de" else GERMAN
    labels = catalogue("compare", shown.lang)
    data = {labels[f"col_{c}"] for c in DATA_COLUMNS}
    data |= {attribute_label(a, shown.lang) for a in messy.comparison.parameters["attributes"]}
    words = []
    for table in shown.tables:
        head, *rows = table["rows"]
        words += head
        for row in rows:
            words += [cell for h, cell in zip(head, row) if h not in data]
    # the parameters print as words: no Python lists, tuples, None or booleans
    assert [w for w in words if re.search(r"[\[\]_]|\('|'\)", w)] == []
    assert [w for w in words if other.search(w)] == []
