"""Maps in a real browser: headless Chromium (Debian's), driven by Playwright, network blocked.

Each test opens a generated page with every request outside ``file:``, ``data:`` and
``about:`` aborted and recorded, and checks what a user would see: the number of
drawn actors and ties, tooltips with escaped names, search, filters, overlays, the
notebook iframe. One browser serves the whole module.
"""

from __future__ import annotations

import networkx as nx
import pytest

import sysmap
from sysmap.maps import network_map

FAST = {"key_players": False}
# Names that would run script if any text reached the page as HTML.
XSS_IMG = '<img src=x onerror="window.__pwned=1;alert(1)">'
XSS_SCRIPT = "</script><script>window.__pwned=2;alert(2)</script>"


@pytest.fixture
def hostile() -> nx.DiGraph:
    """A survey network whose names try to inject script, with umlauts and CJK."""
    G = nx.DiGraph()
    actors = {
        "A": ("Stadt Rheinstadt", "City", "responded"),
        "B": (XSS_IMG, "Civil society", "responded"),
        "C": (XSS_SCRIPT, "Schools", "did_not_respond"),
        "D": ("Straßenkinder e.V.", "Civil society", "responded"),
        "E": ("Grundschule Am Mühlbach", "Schools", "responded"),
        "F": ("東京 Partner", "City", "not_on_roster"),
        "G": ("Alone", "Schools", "responded"),
    }
    for actor, (name, sector, status) in actors.items():
        G.add_node(actor, name=name, sector=sector, status=status)
    for u, v, w in [
        ("A", "B", 4),
        ("B", "A", 2),
        ("A", "D", 3),
        ("D", "E", 1),
        ("E", "C", 4),
        ("C", "B", 2),
        ("B", "F", 3),
        ("F", "A", 1),
    ]:
        G.add_edge(u, v, intensity=float(w), weight=float(w), relation=XSS_IMG)
    return G


@pytest.fixture
def opened(offline_page, hostile, tmp_path):
    pages = []

    def _open(G, **kwargs):
        m = network_map(G, **kwargs)
        path = m.save(tmp_path / f"map{len(pages)}.html")
        page = offline_page(path, width=1200)
        page.map = m
        pages.append(page)
        return page

    yield _open
    for page in pages:
        page.close()


def test_loads_offline_draws_every_actor_and_tie_and_runs_nothing_injected(opened, hostile):
    page = opened(hostile, color="sector", size="betweenness", **FAST)
    counts = page.js("window.sysmap.counts()")
    assert counts["nodes"] == counts["drawnNodes"] == hostile.number_of_nodes() == 7
    assert counts["edges"] == counts["drawnEdges"] == hostile.number_of_edges() == 8
    # drawn circle radii are the ones computed in Python (the static figure uses them too)
    drawn = page.js(
        "[...Array(7).keys()].map(i => window.sysmap.network.body.nodes[i].options.size)"
    )
    assert drawn == pytest.approx(page.map.nodes["radius"].round(1).tolist())
    page.clean()
    assert page.page.query_selector_all("#sysmap-legend img, #sysmap-tooltip img") == []
    # the legend shows the colour categories with their counts
    legend = page.page.inner_text("#sysmap-legend")
    assert "Civil society\t2" in legend or "Civil society\n2" in legend


def test_tooltip_shows_names_as_text(opened, hostile):
    page = opened(hostile, color="sector", **FAST)
    for index, name in [
        (1, XSS_IMG),
        (2, XSS_SCRIPT),
        (3, "Straßenkinder e.V."),
        (5, "東京 Partner"),
    ]:
        point = page.js(
            "i => { const n = window.sysmap.network;"
            " return n.canvasToDOM(n.getPositions([i])[i]); }",
            index,
        )
        box = page.page.locator("#sysmap-canvas").bounding_box()
        page.page.mouse.move(0, 0)
        page.page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
        page.page.wait_for_selector("#sysmap-tooltip:not([hidden])", timeout=5_000)
        title = page.page.inner_text("#sysmap-tooltip .sysmap-tt-title")
        assert title == name
        inner = page.page.inner_html("#sysmap-tooltip")
        assert "<img" not in inner and "<script" not in inner
    page.clean()


def test_search_finds_names_without_accents_and_case(opened, hostile):
    page = opened(hostile, **FAST)
    assert page.js("window.sysmap.search('STRASSE')") == []  # ß is not expanded
    assert page.js("window.sysmap.search('straß')") == [3]
    page.page.fill("#sysmap-search", "muhlbach")
    assert page.page.inner_text("#sysmap-matches") == "1 found"
    assert page.js("window.sysmap.network.getSelectedNodes()") == [4]
    page.page.fill("#sysmap-search", "onerror")
    assert page.js("window.sysmap.network.getSelectedNodes()") == [1]
    page.page.keyboard.press("Enter")
    assert page.page.is_visible("#sysmap-details")
    assert page.page.inner_text("#sysmap-details .sysmap-tt-title") == XSS_IMG
    page.clean()


def test_filters_hide_actors_and_their_ties(opened, hostile):
    page = opened(hostile, color="sector", filters="status", **FAST)
    # colour group 0: City, Civil society, Schools (sorted); uncheck Schools (C, E, G)
    page.page.click("#sysmap-filter-0-2")
    counts = page.js("window.sysmap.counts()")
    # ties without C or E: A-B, B-A, A-D, B-F, F-A
    assert (counts["shownNodes"], counts["shownEdges"]) == (4, 5)
    assert (counts["drawnNodes"], counts["drawnEdges"]) == (4, 5)
    assert page.page.inner_text("#sysmap-count") == "4 of 7 shown"
    # status group: did_not_respond, not_on_roster, responded; also hide not_on_roster (F)
    page.js("window.sysmap.setCategory(1, 1, false)")
    assert page.js("window.sysmap.counts()")["shownNodes"] == 3
    page.page.click("#sysmap-clear")
    counts = page.js("window.sysmap.counts()")
    assert (counts["shownNodes"], counts["shownEdges"]) == (7, 8)
    page.clean()


def test_overlays_toggle_and_neighbourhood_highlight(opened, hostile):
    page = opened(hostile, brokers=["A"], key_players=["E"], color="sector")
    shape = "i => window.sysmap.network.body.nodes[i].options.shape"
    assert page.js(shape, 0) == "diamond" and page.js(shape, 4) == "star"
    assert page.js(shape, 6) == "square"  # G is an isolate
    dashes = "i => window.sysmap.network.body.nodes[i].options.shapeProperties.borderDashes"
    assert page.js(dashes, 2) and page.js(dashes, 5)  # C did not respond, F not on roster
    page.page.click("#sysmap-overlay-brokers")
    assert page.js(shape, 0) == "dot"
    page.js("window.sysmap.setOverlay('non_respondents', false)")
    assert page.js(dashes, 2) is False
    # click A: its partners B, D, F stay, the rest fades
    page.js("window.sysmap.focusNode(0)")
    groups = page.js("[0,1,2,3,4,5,6].map(i => window.sysmap.nodes.get(i).group.endsWith('|1'))")
    assert groups == [False, False, True, False, True, False, True]
    page.js("window.sysmap.clearFocus()")
    assert not any(page.js("[0,1,2].map(i => window.sysmap.nodes.get(i).group.endsWith('|1'))"))
    page.page.click("#sysmap-relax")
    assert page.js("window.sysmap.network.physics.physicsEnabled") is True
    assert page.page.get_attribute("#sysmap-relax", "aria-pressed") == "true"
    page.page.click("#sysmap-relax")
    assert page.js("window.sysmap.network.physics.physicsEnabled") is False
    page.clean()


def test_notebook_iframe_and_aggregated_view(offline_page, hostile, tmp_path):
    # what Jupyter shows: the _repr_html_ iframe (srcdoc, sandboxed) inside a page
    m = network_map(hostile, color="sector", lang="de", **FAST)
    host = tmp_path / "notebook.html"
    host.write_text(f"<!DOCTYPE html><html><body>{m._repr_html_()}</body></html>", encoding="utf-8")
    notebook = offline_page(host, ready=False)
    frame = notebook.page.frames[1]
    frame.locator("html[data-sysmap-ready]").wait_for(timeout=30_000)
    assert frame.evaluate("window.sysmap.counts().drawnNodes") == 7
    assert frame.inner_text("#sysmap-fit") == "Alles zeigen"
    assert frame.evaluate("window.__pwned") is None and notebook.requests == []
    # the aggregated view of a larger network
    big = nx.relabel_nodes(nx.barbell_graph(8, 0), str)
    agg = offline_page(network_map(big, max_actors=10).save(tmp_path / "agg.html"))
    assert agg.js("window.sysmap.counts().drawnNodes") == 2
    assert "16 actors" in agg.page.inner_text("#sysmap-notice")
    agg.clean()


def _overlapping(boxes: list[dict]) -> list[tuple[int, int]]:
    """Pairs of label boxes ({i, x, y, w, h}) that overlap."""
    return [
        (a["i"], b["i"])
        for k, a in enumerate(boxes)
        for b in boxes[k + 1 :]
        if a["x"] < b["x"] + b["w"]
        and b["x"] < a["x"] + a["w"]
        and a["y"] < b["y"] + b["h"]
        and b["y"] < a["y"] + a["h"]
    ]


def test_labels_never_overlap_and_the_backbone_is_labelled_first(opened):
    G = sysmap.load_sample("bildungsallianz", wave=1, graph=True)
    page = opened(G, color="sector", **FAST)
    order = page.js("window.sysmap.data.labelOrder")
    actors = page.js("window.sysmap.data.nodes.actor")
    # BA001, the alliance's office, is the sample's backbone (members_wave1.csv, backbone=1)
    assert actors[order[0]] == "BA001" and page.map.nodes["backbone"].sum() == 1
    boxes = page.js("window.sysmap.labels()")
    # as many labels as fit: more than a few, far fewer than the 100 actors
    assert 10 <= len(boxes) < 100
    assert boxes[0]["i"] == order[0]  # placed first, so nothing covers it
    assert _overlapping(boxes) == []
    width, height = page.js("[window.innerWidth, window.innerHeight]")
    assert all(
        0 <= b["x"] and b["x"] + b["w"] <= width and b["y"] + b["h"] <= height for b in boxes
    )
    # zoomed in, more labels fit, still none on another
    page.js("window.sysmap.network.moveTo({scale: window.sysmap.network.getScale() * 3})")
    page.js("window.sysmap.network.redraw()")
    zoomed = page.js("window.sysmap.labels()")
    assert _overlapping(zoomed) == []
    on_screen = page.js(
        "window.sysmap.data.nodes.actor.map((_, i) => window.sysmap.network.canvasToDOM("
        "window.sysmap.network.getPosition(i))).filter(p => p.x > 0 && p.y > 0"
        " && p.x < window.innerWidth && p.y < window.innerHeight).length"
    )
    assert len(zoomed) / on_screen > len(boxes) / 100  # a larger share of the actors shown
    # an actor in focus: only it and its partners are labelled
    page.js("window.sysmap.focusNode(0)")
    page.js("window.sysmap.network.redraw()")
    partners = set(G["BA001"]) | {"BA001"}
    assert {actors[b["i"]] for b in page.js("window.sysmap.labels()")} <= partners
    page.clean()
