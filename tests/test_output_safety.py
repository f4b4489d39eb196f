"""Hostile names in every output: figures, report pages, maps, spreadsheets, GraphML/GEXF.

Each test feeds a name that broke an output before (issue 12, "Output safety"):
``$`` read as matplotlib mathtext, a 10,000-character sector that made a figure
63,740 points wide, control characters that Excel and XML cannot hold, formulas
in a Kumu workbook, zero-width characters that split a name in two, and an
unclosed right-to-left override (U+202E) that reversed a finding sentence.
"""

from __future__ import annotations

import io
import warnings

import matplotlib
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

import sysmap
from sysmap._text import (
    MAX_CELL,
    MAX_LABEL,
    balance_bidi,
    clean_control_characters,
    clean_control_frame,
    figure_text,
    isolate_bidi,
    strip_invisible,
)
from sysmap.export import neutralize_formulas, write_csv, write_excel
from sysmap.i18n import message
from sysmap.io.identity import ActorRegistry, normalize_name
from sysmap.maps import network_map, trend_chart, wave_maps
from sysmap.report.gaps import _mixing_figure, gap_report
from sysmap.report.page import Page

DOLLARS = "Cost $5 to $10"  # two dollars: mathtext drew "Cost 5to10"
BAD_MATH = "$x^$"  # mathtext stopped with ParseFatalException
LONG = "S" * 10_000
RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE
FSI, PDI, PDF = "\u2068", "\u2069", "\u202c"
HYPERLINK = '=HYPERLINK("http://x","y")'
CELL = '=CELL("filename")'


def svg_text(fig) -> str:
    """The figure as SVG with text kept as text (not paths)."""
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig.savefig(buffer, format="svg")
    return buffer.getvalue()


def drawn_math(fig) -> list[str]:
    """Texts of the figure that matplotlib would parse as mathtext."""
    from matplotlib.text import Text

    return [
        t.get_text() for t in fig.findobj(Text) if t._preprocess_math(t.get_text())[1] is True
    ]


# --------------------------------------------------------------------------- the text rules


def test_control_characters_are_removed_or_become_spaces():
    # XML 1.0 Char production: tab, LF, CR allowed; other C0 controls are not
    assert clean_control_characters("A\x01B\x0bC\tD\nE\x7fF\x85G") == "AB C\tD\nEF G"
    assert clean_control_characters("x\ud800y") == "x\ufffdy"  # lone surrogate
    assert clean_control_characters("Straße") == "Straße"


def test_frame_cleaning_reports_what_changed():
    frame = pd.DataFrame({"name\x01": ["Stadt\x0bwerke", "Schule", None], "n": [1, 2, 3]})
    cleaned, changes = clean_control_frame(frame)
    assert list(cleaned.columns) == ["name", "n"]
    assert cleaned["name"].tolist()[:2] == ["Stadt werke", "Schule"]
    assert pd.isna(cleaned["name"].iloc[2])
    assert changes.to_dict("records") == [
        {"row": None, "column": "name\x01", "value": "name\x01"},
        {"row": 0, "column": "name\x01", "value": "Stadt\x0bwerke"},
    ]
    assert frame.iloc[0, 0] == "Stadt\x0bwerke"  # input untouched
    same, none = clean_control_frame(cleaned)
    assert same is cleaned and none.empty


def test_invisible_characters_do_not_split_a_name():
    # zero-width space U+200B, soft hyphen U+00AD, word joiner U+2060, BOM U+FEFF, LRM U+200E
    for hidden in ["Stadt\u200bwerke", "Stadt\u00adwerke", "Stadt\u2060werke", "\ufeffStadtwerke",
                   "Stadtwerke\u200e", f"Stadt{RLO}werke"]:
        assert strip_invisible(hidden) == "Stadtwerke"
        assert normalize_name(hidden) == normalize_name("Stadtwerke") == "stadtwerke"
    registry = ActorRegistry({"A1": "Stadtwerke", "A2": "Schule"})
    match = registry.resolve("Stadt\u200bwerke")
    assert (match.actor, match.method) == ("A1", "normalized")


def test_zero_width_partner_name_matches_the_member_list(write):
    members = write("members.csv", "actor,name,sector\nA1,Stadtwerke,City\nA2,Schule,Schools\n")
    survey = write("survey.csv", "respondent,partner,intensity\nSchule,Stadt\u200bwerke,3\n")
    data = sysmap.read_survey(survey, actors=sysmap.read_actors(members))
    assert data.ties[["source", "target"]].values.tolist() == [["A2", "A1"]]
    assert "A1" in data.actors.index and len(data.actors) == 2  # no third, unknown actor


def test_balance_bidi_follows_the_pairing_rules_of_uax9():
    # X6a: a PDI closes its isolate and the embeddings opened inside it
    assert balance_bidi(f"a\u2067b{RLO}c{PDI}d") == f"a\u2067b{RLO}c{PDI}d"
    # unmatched closers are dropped; X7: a PDF does not close across an isolate
    assert balance_bidi(f"x{PDI}{PDF}y") == "xy"
    assert balance_bidi(f"{RLO}a\u2066b{PDF}c") == f"{RLO}a\u2066bc{PDI}{PDF}"
    assert balance_bidi("plain") == "plain"


def test_names_are_isolated_in_sentences_only_when_they_can_reorder_them():
    assert isolate_bidi("Stadtwerke") == "Stadtwerke"
    assert isolate_bidi(f"Stadt{RLO}werke") == f"{FSI}Stadt{RLO}werke{PDF}{PDI}"
    assert isolate_bidi("שלום") == f"{FSI}שלום{PDI}"  # Hebrew letters are right-to-left
    # a name cannot close the isolate early with its own PDI
    assert isolate_bidi(f"x{PDI}{RLO}") == f"{FSI}x{RLO}{PDF}{PDI}"
    # a sentence of isolated names is not wrapped again; an unclosed isolate is
    name = isolate_bidi(f"Stadt{RLO}werke")
    assert isolate_bidi(name) == name and isolate_bidi(f"A {name} B") == f"A {name} B"
    assert isolate_bidi("x\u2067abc") == f"{FSI}x\u2067abc{PDI}{PDI}"
    sentence = message("map", "color_heading", "en", title=f"Sek{RLO}tor")
    assert sentence == f"Colour: {FSI}Sek{RLO}tor{PDF}{PDI}"


# --------------------------------------------------------------------------- figures


@pytest.fixture
def sectors():
    """Five actors whose sector names break figures: dollars, bad math, 10,000 characters."""
    G = nx.Graph()
    for actor, sector in [("A", DOLLARS), ("B", BAD_MATH), ("C", LONG), ("D", "Edu"),
                          ("E", DOLLARS)]:
        G.add_node(actor, name=f"{actor} {sector[:20]}", sector=sector)
    G.add_edges_from([("A", "B"), ("B", "C"), ("C", "D"), ("D", "E"), ("A", "E")])
    return G


def test_figure_text_is_never_math_and_is_cut():
    from matplotlib.figure import Figure

    fig = Figure()
    for i, text in enumerate([DOLLARS, BAD_MATH, LONG, "a\x01b"]):
        fig.text(0, i / 4, figure_text(text))
    assert drawn_math(fig) == []
    svg = svg_text(fig)  # drawing does not raise ParseFatalException
    assert "Cost $5 to $10" in svg and "$x^$" in svg
    assert figure_text(LONG) == "S" * (MAX_LABEL - 1) + "…"
    assert figure_text("a\x01\u200bb") == "ab"


def test_mixing_figure_size_does_not_grow_with_the_name(sectors):
    # before: a 10,000-character sector made the figure 63,740 x 41,020 pt (issue 12);
    # now the labels are cut to MAX_LABEL characters, so the size depends on k only
    mixing = sysmap.metrics.mixing_matrix(sectors, "sector")
    fig = _mixing_figure(mixing, "en", "sector")
    box = fig.get_tightbbox()  # inches
    assert box.width < 12 and box.height < 10
    assert drawn_math(fig) == []
    assert "Cost $5 to $10" in svg_text(fig)
    short = mixing.rename(index=lambda s: s[:3], columns=lambda s: s[:3])
    small = _mixing_figure(short, "en", "sector").get_size_inches()
    assert (fig.get_size_inches() - small).max() < 0.07 * MAX_LABEL + 0.01  # the label margin


def test_static_map_draws_dollar_and_long_sectors(sectors, tmp_path):
    m = network_map(sectors, color="sector", seed=0, key_players=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        m.save_static(tmp_path / "map.png")  # ParseFatalException before
        svg = m.save_static(tmp_path / "map.svg").read_text(encoding="utf-8")
    assert "Cost $5 to $10 (2)" in svg and "$x^$ (1)" in svg
    assert "S" * MAX_LABEL not in svg and "S" * (MAX_LABEL - 1) + "…" in svg


def test_wave_charts_draw_labels_as_written(sectors, tmp_path):
    table = pd.DataFrame({"density": [0.1, 0.2]}, index=["$1 wave", "$2 wave"])
    fig = trend_chart(table)
    assert drawn_math(fig) == []
    assert "$1 wave" in svg_text(fig)
    waves = wave_maps({"$1": sectors, "$2": sectors}, color="sector", seed=0)
    svg = waves.save_static(tmp_path / "waves.svg").read_text(encoding="utf-8")
    assert "Cost $5 to $10" in svg and "S" * MAX_LABEL not in svg


# --------------------------------------------------------------------------- report pages


@pytest.fixture
def hostile_survey(write):
    members = write(
        "members.csv",
        "actor,name,sector,responded\n"
        f"A1,Stadtwerke,{DOLLARS},yes\n"
        f"A2,Schule Nord,{BAD_MATH},yes\n"
        f"A3,Verein,{LONG},yes\n"
        "A4,Stiftung,Foundations,yes\n"
        f"A5,Aaa{RLO}Evil,Foundations,yes\n"
        "A6,Zeta,Foundations,yes\n",
    )
    survey = write(
        "survey.csv",
        "respondent,partner,intensity\nA1,A2,3\nA2,A1,3\nA2,A3,4\nA3,A2,4\nA3,A4,2\nA4,A3,2\n",
    )
    return sysmap.read_survey(survey, actors=sysmap.read_actors(members))


@pytest.fixture
def hostile_report(hostile_survey):
    return gap_report(hostile_survey, seed=0)  # ParseFatalException before


def test_report_runs_and_cuts_long_cells(hostile_report, tmp_path):
    page = hostile_report.html
    cut = LONG[: MAX_CELL - 1] + "…"
    assert f'<td title="{LONG}">{cut}</td>' in page  # the whole name is the tooltip
    assert f">{LONG}<" not in page  # never shown in full in a cell
    hostile_report.save_tables(tmp_path)
    actors = pd.read_csv(tmp_path / "actors.csv", encoding="utf-8-sig", index_col="actor")
    assert actors.loc["A3", "sector"] == LONG  # the exports keep every character


def test_report_page_closes_overrides_in_every_text():
    page = Page("T")
    page.section("S").paragraph(f"x{RLO}y").table(pd.DataFrame({"name": [f"a{RLO}"]}))
    text = page.render()
    assert f"x{RLO}y{PDF}</p>" in text and f"<td>a{RLO}{PDF}</td>" in text


CHARACTER_POSITIONS = """node => {
  const out = [];
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  let text;
  while ((text = walker.nextNode())) {
    for (let i = 0; i < text.length; i++) {
      const range = document.createRange();
      range.setStart(text, i);
      range.setEnd(text, i + 1);
      const box = range.getBoundingClientRect();
      out.push([text.data[i], box.left, box.top]);
    }
  }
  return out;
}"""


def assert_read_in_order(element, after: str):
    """The visible characters of `after` (the text following a name) stand left to right."""
    chars = element.evaluate(CHARACTER_POSITIONS)
    text = "".join(c for c, _, _ in chars)
    start = text.index(after)
    tail = [(x, y) for c, x, y in chars[start : start + len(after)] if c.strip()]
    assert len(tail) >= 3
    assert all(y == tail[0][1] for _, y in tail), "the tail wrapped; make the page wider"
    xs = [x for x, _ in tail]
    assert xs == sorted(xs), f"{after!r} is not drawn left to right: {xs}"


def test_finding_with_a_right_to_left_override_reads_in_order(
    offline_page, hostile_report, tmp_path
):
    # A5 "Aaa<RLO>Evil" and A6 "Zeta" have no ties: the isolated-actors finding names both
    statements = [f.statement for f in hostile_report.findings if f"Aaa{RLO}Evil" in f.statement]
    assert statements, "no finding names the actor"
    assert all(f"{FSI}Aaa{RLO}Evil{PDF}{PDI}" in s for s in statements)
    path = hostile_report.save(tmp_path / "report.html")
    page = offline_page(path, width=1600, height=1200, ready=False)
    callouts = page.page.locator(".callout p", has_text="Zeta")
    assert callouts.count() >= 1
    for i in range(callouts.count()):
        callout = callouts.nth(i)
        text = callout.inner_text()
        after = text[text.index("Evil") + len("Evil") :].strip(FSI + PDI + PDF)
        assert_read_in_order(callout, after)  # e.g. " and Zeta."
    page.clean()


def test_map_tooltip_with_a_right_to_left_override_reads_in_order(offline_page, tmp_path):
    G = nx.DiGraph()
    G.add_node("a", name=f"Aaa{RLO}Evil")
    G.add_node("b", name="Zeta Partner")
    G.add_node("c", name="Close")
    G.add_edge("a", "b")
    # c next to a: the neighbour distance is short, so the tie a-b is long on screen
    layout = pd.DataFrame({"x": [0.0, 10.0, 0.0], "y": [0.0, 0.0, 0.5]}, index=["a", "b", "c"])
    m = network_map(G, seed=0, key_players=False, layout=layout)
    page = offline_page(m.save(tmp_path / "map.html"), width=1200)
    middle = page.js(  # the middle of the tie, outside both actors
        "() => { const n = window.sysmap.network;"
        " const p = n.getPositions([0, 1]), a = n.canvasToDOM(p[0]), b = n.canvasToDOM(p[1]);"
        " const m = {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2};"
        " return n.getNodeAt(m) === undefined && n.getEdgeAt(m) !== undefined ? m : null; }"
    )
    assert middle is not None
    box = page.page.locator("#sysmap-canvas").bounding_box()
    page.page.mouse.move(0, 0)
    page.page.mouse.move(box["x"] + middle["x"], box["y"] + middle["y"])
    page.page.wait_for_selector("#sysmap-tooltip:not([hidden])", timeout=5_000)
    title = page.page.locator("#sysmap-tooltip .sysmap-tt-title")
    assert title.inner_text().startswith(FSI)
    assert_read_in_order(title, "\u2192 Zeta Partner")
    page.clean()


# --------------------------------------------------------------------------- spreadsheets


def test_every_header_and_index_cell_is_neutralised():
    frame = pd.DataFrame({CELL: [HYPERLINK, "ok"], "n": [1, -2]},
                         index=pd.Index(["=A1", "b"], name="=HEADER()"))
    frame.columns.name = "@cols"
    out = neutralize_formulas(frame)
    assert list(out.columns) == ["'" + CELL, "n"] and out.columns.name == "'@cols"
    assert list(out.index) == ["'=A1", "b"] and out.index.name == "'=HEADER()"
    assert out.iloc[0, 0] == "'" + HYPERLINK and out["n"].tolist() == [1, -2]
    multi = pd.DataFrame({"v": [1]}, index=pd.MultiIndex.from_tuples([("=x", "+y")],
                                                                      names=["-a", "b"]))
    out = neutralize_formulas(multi)
    assert list(out.index) == [("'=x", "'+y")] and list(out.index.names) == ["'-a", "b"]


def test_csv_header_cannot_run_a_formula(tmp_path):
    frame = pd.DataFrame({CELL: ["x\x01"]}, index=pd.Index(["a"], name="=HEADER()"))
    text = write_csv(frame, tmp_path / "t.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines() == ["'=HEADER(),\"'=CELL(\"\"filename\"\")\"", "a,x"]


def test_excel_export_with_control_characters(tmp_path):
    # openpyxl raised IllegalCharacterError on "\x01" and left a one-sheet workbook behind
    frames = {"actors": pd.DataFrame({"name": ["A\x01", "B\x0bC"]}),
              "ties": pd.DataFrame({"source": ["A\x01"]}), "a/b:c": pd.DataFrame({"x": [1]})}
    path = write_excel(frames, tmp_path / "t.xlsx", index=False)
    book = load_workbook(path)
    assert book.sheetnames == ["actors", "ties", "a_b_c"]
    assert [c.value for c in book["actors"]["A"]] == ["name", "A", "B C"]


def test_failed_export_leaves_nothing_behind(tmp_path):
    # Excel cannot hold a datetime with a time zone: the second sheet fails
    good = pd.DataFrame({"name": ["A"]})
    bad = pd.DataFrame({"when": [pd.Timestamp("2026-01-01", tz="Europe/Berlin")]})
    path = tmp_path / "t.xlsx"
    with pytest.raises(ValueError, match="timezones"):
        write_excel({"good": good, "bad": bad}, path)
    assert list(tmp_path.iterdir()) == []  # no half-written workbook, no temporary file
    write_excel({"good": good}, path)
    with pytest.raises(ValueError):
        write_excel({"good": good, "bad": bad}, path)
    assert load_workbook(path).sheetnames == ["good"]  # the old file is untouched
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsx"]


def test_kumu_workbook_has_no_live_formulas_and_reads_back(tmp_path):
    G = nx.DiGraph()
    G.add_node("A1", name=HYPERLINK, sector="=1+1", **{CELL: "@x", "note": "a\x01b"})
    G.add_node("A2", name="Schule\x0bNord", sector="EDU")
    G.add_edge("A1", "A2", relation="-info", weight=2.0)
    path = sysmap.write_kumu(G, tmp_path / "kumu.xlsx")
    book = load_workbook(path)
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)  # openpyxl: "f" is a formula cell
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert not any(t.startswith(("=", "+", "-", "@")) for t in texts)
    assert "'" + CELL in texts and "'" + HYPERLINK in texts
    assert not any("\x01" in t or "\x0b" in t for t in texts)
    data = sysmap.read_kumu(path)
    assert data.actors.loc["A1", "name"] == HYPERLINK  # the apostrophe is removed again
    assert data.actors.loc["A2", "name"] == "Schule Nord"
    assert data.ties["relation"].tolist() == ["-info"]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_files_with_control_characters_read_back(fmt, tmp_path):
    G = nx.MultiDiGraph(note="x\x02")
    G.add_node("a\x01", name="Stadt\x0bwerke", sector="City\x1f")
    G.add_node("b", name="Schule", **{"key\x03": "v"})
    G.add_edge("a\x01", "b", key="k\x04", relation="info\x05", weight=1.0)
    write = sysmap.write_graphml if fmt == "graphml" else sysmap.write_gexf
    read = sysmap.read_graphml if fmt == "graphml" else sysmap.read_gexf
    path = write(G, tmp_path / f"g.{fmt}")
    data = read(path)  # an XML parse error before
    assert sorted(data.actors.index) == ["a", "b"]
    assert data.actors.loc["a", "name"] == "Stadt werke"  # a vertical tab is a line break
    assert data.actors.loc["a", "sector"] == "City "
    assert data.ties[["source", "target", "relation"]].values.tolist() == [["a", "b", "info"]]
    assert [p.name for p in tmp_path.iterdir()] == [f"g.{fmt}"]


def test_graph_writer_refuses_ids_that_clean_to_the_same_text(tmp_path):
    G = nx.Graph()
    G.add_edge("a\x01", "a")
    with pytest.raises(sysmap.exceptions.ParameterError, match="same text"):
        sysmap.write_graphml(G, tmp_path / "g.graphml")
    assert list(tmp_path.iterdir()) == []


def test_numbers_stay_numbers_in_exports(tmp_path):
    frame = pd.DataFrame({"x": np.array([-1.5, 2.0]), "flag": [True, False]})
    assert neutralize_formulas(frame).equals(frame)
