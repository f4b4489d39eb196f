"""Wave maps and difference maps in a real browser: headless Chromium, network blocked.

Each test opens a generated page with every request outside ``file:``, ``data:`` and
``about:`` aborted and recorded, and checks what a user sees: every wave's panel draws
that wave, the same actor sits at the same place in every panel, views move together,
one wave at a time, filters and search act on every wave, and the difference map draws
exactly the hand-counted number of actors and ties per change class. One browser serves
the whole module.
"""

from __future__ import annotations

import networkx as nx
import pytest

import sysmap
from sysmap.maps import difference_map, wave_maps

FAST = {"key_players": False}
XSS_IMG = '<img src=x onerror="window.__pwned=1;alert(1)">'
XSS_SCRIPT = "</script><script>window.__pwned=2;alert(2)</script>"


@pytest.fixture
def planted() -> tuple[nx.Graph, nx.Graph]:
    """Two waves with one change of every kind (counted by hand, as in test_waves.py).

    Wave 1: a-b (2), b-c (3), c-d (1), d-e (2), a-c (4); wave 2: a-b (2), b-c (4),
    a-c (2), d-f (3), a-d (1). Actors: stayed a-d (4), joined f, left e. Ties: kept
    a-b, stronger b-c, weaker a-c, formed d-f and a-d, dissolved c-d and d-e.
    Names try to inject script; one is German, one CJK.
    """
    names = {
        "a": XSS_IMG,
        "b": XSS_SCRIPT,
        "c": "Grundschule Am Mühlbach",
        "d": "Stadt",
        "e": "東京 Partner",
        "f": "Straßenkinder e.V.",
    }
    sectors = {
        "a": "Schools",
        "b": "City",
        "c": "Schools",
        "d": "Health",
        "e": "City",
        "f": "Health",
    }
    w1, w2 = nx.Graph(), nx.Graph()
    for G, actors in ((w1, "abcde"), (w2, "abcdf")):
        for v in actors:
            G.add_node(v, name=names[v], sector=sectors[v], status="responded")
    w1.add_edges_from(
        [
            ("a", "b", {"weight": 2.0}),
            ("b", "c", {"weight": 3.0}),
            ("c", "d", {"weight": 1.0}),
            ("d", "e", {"weight": 2.0}),
            ("a", "c", {"weight": 4.0, "relation": XSS_IMG}),
        ]
    )
    w2.add_edges_from(
        [
            ("a", "b", {"weight": 2.0}),
            ("b", "c", {"weight": 4.0}),
            ("a", "c", {"weight": 2.0}),
            ("d", "f", {"weight": 3.0}),
            ("a", "d", {"weight": 1.0}),
        ]
    )
    return w1, w2


@pytest.fixture
def opened(offline_page, tmp_path):
    pages = []

    def _open(obj):
        path = obj.save(tmp_path / f"page{len(pages)}.html")
        page = offline_page(path, width=1400)
        page.obj = obj
        pages.append(page)
        return page

    yield _open
    for page in pages:
        page.close()


def _hover(page, canvas: str, wave: int | None, node: int) -> str:
    """Move the mouse onto `node` and return the tooltip's title."""
    network = "window.sysmap.network" if wave is None else f"window.sysmap.panels[{wave}].network"
    point = page.js(
        f"i => {{ const n = {network}; return n.canvasToDOM(n.getPositions([i])[i]); }}", node
    )
    box = page.page.locator(canvas).bounding_box()
    page.page.mouse.move(0, 0)
    page.page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    page.page.wait_for_selector("#sysmap-tooltip:not([hidden])", timeout=5_000)
    return page.page.inner_text("#sysmap-tooltip .sysmap-tt-title")


def test_side_by_side_page_loads_offline_and_each_panel_draws_its_wave(opened, planted):
    page = opened(wave_maps(list(planted), color="sector", labels=["2024", "2025"], **FAST))
    counts = page.js("window.sysmap.counts()")
    # wave 1: 5 actors, 5 ties; wave 2: 5 actors, 5 ties (fixture)
    assert [(c["drawnNodes"], c["drawnEdges"]) for c in counts] == [(5, 5), (5, 5)]
    assert [(c["nodes"], c["edges"]) for c in counts] == [(5, 5), (5, 5)]
    # the same actor at the same place in both panels (and where Python put it)
    one, two = page.js("window.sysmap.positions(0)"), page.js("window.sysmap.positions(1)")
    assert set(one) & set(two) == {"a", "b", "c", "d"}
    for actor in "abcd":
        assert one[actor] == two[actor]
    scale = page.obj.maps[0].scale
    for actor, pos in one.items():
        x, y = page.obj.layout.loc[actor, ["x", "y"]]
        # the page holds pixels to 0.1 (error <= 0.05); vis-network reports whole pixels (<= 0.5)
        assert pos["x"] == pytest.approx(x * scale, abs=0.55)
        assert pos["y"] == pytest.approx(-y * scale, abs=0.55)
    assert page.page.is_visible("#sysmap-panel-0") and page.page.is_visible("#sysmap-panel-1")
    assert page.page.inner_text("#sysmap-panel-1 h2") == "Wave 2025"
    legend = page.page.inner_text("#sysmap-legend")
    assert "Health" in legend and "1 · 2" in legend  # Health: d in wave 1; d and f in wave 2
    page.clean()


def test_views_move_together(opened, planted):
    page = opened(wave_maps(list(planted), **FAST))
    box = page.page.locator("#sysmap-canvas-0").bounding_box()
    page.page.mouse.move(box["x"] + box["width"] / 3, box["y"] + box["height"] / 3)
    page.page.mouse.wheel(0, -400)
    page.page.wait_for_timeout(200)
    v0, v1 = page.js("window.sysmap.view(0)"), page.js("window.sysmap.view(1)")
    assert v0["scale"] == pytest.approx(v1["scale"])
    assert v0["position"]["x"] == pytest.approx(v1["position"]["x"])
    before = page.js("window.sysmap.view(0)")
    # drag the background of the second panel: the first follows
    box = page.page.locator("#sysmap-canvas-1").bounding_box()
    page.page.mouse.move(box["x"] + 5, box["y"] + 5)
    page.page.mouse.down()
    page.page.mouse.move(box["x"] + 120, box["y"] + 60, steps=5)
    page.page.mouse.up()
    v0, v1 = page.js("window.sysmap.view(0)"), page.js("window.sysmap.view(1)")
    assert v0["position"] == pytest.approx(v1["position"])
    assert v0["position"] != pytest.approx(before["position"])
    page.clean()


def test_one_wave_at_a_time(opened, planted):
    page = opened(wave_maps(list(planted), labels=["2024", "2025"], lang="de", **FAST))
    assert page.page.inner_text("#sysmap-mode") == "Einzeln"
    page.page.click("#sysmap-mode")
    assert page.page.is_visible("#sysmap-panel-0") and not page.page.is_visible("#sysmap-panel-1")
    assert page.page.get_attribute("#sysmap-tab-0", "aria-selected") == "true"
    page.page.click("#sysmap-tab-1")
    assert not page.page.is_visible("#sysmap-panel-0") and page.page.is_visible("#sysmap-panel-1")
    page.page.keyboard.press("ArrowLeft")
    assert page.page.is_visible("#sysmap-panel-0")
    assert page.page.inner_text("#sysmap-mode") == "Nebeneinander"
    page.page.click("#sysmap-mode")
    assert page.page.is_visible("#sysmap-panel-0") and page.page.is_visible("#sysmap-panel-1")
    assert page.js("window.sysmap.counts()[1].drawnNodes") == 5
    page.clean()


def test_filters_search_and_focus_act_on_every_wave(opened, planted):
    page = opened(wave_maps(list(planted), color="sector", **FAST))
    # shared colour legend: City, Health, Schools; hide Schools (a, c) in both waves
    page.page.click("#sysmap-filter-0-2")
    counts = page.js("window.sysmap.counts()")
    # wave 1 without a, c: b, d, e and tie d-e; wave 2 without a, c: b, d, f and tie d-f
    assert [(c["drawnNodes"], c["drawnEdges"]) for c in counts] == [(3, 1), (3, 1)]
    page.page.click("#sysmap-clear")
    assert [c["drawnNodes"] for c in page.js("window.sysmap.counts()")] == [5, 5]
    # search: "straß" is f, in wave 2 only; "muhlbach" finds c in both waves
    assert page.js("window.sysmap.search('straß')") == ["f"]
    page.page.fill("#sysmap-search", "muhlbach")
    assert page.page.inner_text("#sysmap-matches") == "1 found"
    c_ids = page.js("[0, 1].map(w => window.sysmap.panels[w].byActor['c'])")
    assert page.js("[0, 1].map(w => window.sysmap.panels[w].network.getSelectedNodes())") == [
        [c_ids[0]],
        [c_ids[1]],
    ]
    # focus on f (joined in wave 2): wave 1 says it is absent
    page.js("window.sysmap.focus('f')")
    details = page.page.inner_text("#sysmap-details")
    assert "Straßenkinder e.V." in details and "not in this wave" in details
    assert "1 ties" in details  # f has one tie in wave 2 (d-f)
    # hostile names are text in tooltips, in every panel
    a_ids = page.js("[0, 1].map(w => window.sysmap.panels[w].byActor['a'])")
    page.js("window.sysmap.clearFocus()")
    for wave in (0, 1):
        assert _hover(page, f"#sysmap-canvas-{wave}", wave, a_ids[wave]) == XSS_IMG
        inner = page.page.inner_html("#sysmap-tooltip")
        assert "<img" not in inner and "<script" not in inner
    page.clean()


def test_difference_map_draws_each_class_as_counted_by_hand(opened, planted):
    page = opened(difference_map(*planted))
    classes = page.js("window.sysmap.counts().classes")
    assert classes["nodes"] == {"stayed": 4, "joined": 1, "left": 1}
    assert classes["edges"] == {
        "kept": 1,
        "strengthened": 1,
        "weakened": 1,
        "formed": 2,
        "dissolved": 2,
    }
    # hide formed ties (class 3): 7 - 2 ties drawn
    page.page.click("#sysmap-class-edges-3")
    counts = page.js("window.sysmap.counts()")
    assert counts["drawnEdges"] == 5 and counts["classes"]["edges"]["formed"] == 0
    # hide actors who left (class 2): e and its dissolved tie d-e disappear
    page.js("window.sysmap.setClass('nodes', 2, false)")
    counts = page.js("window.sysmap.counts()")
    assert counts["drawnNodes"] == 5 and counts["classes"]["edges"]["dissolved"] == 1
    page.page.click("#sysmap-clear")
    assert page.js("window.sysmap.counts().drawnEdges") == 7
    # each class in its own style: formed ties blue and solid, dissolved vermilion and dashed
    styles = page.js(
        "[...Array(7).keys()].map(k => { const o = window.sysmap.network.body.edges[k].options;"
        " return [o.color.color, Array.isArray(o.dashes)]; })"
    )
    changes = page.obj.ties["change"].tolist()
    for (colour, dashed), change in zip(styles, changes, strict=True):
        expected = {
            "kept": "#BBBBBB",
            "strengthened": "#555555",
            "weakened": "#999999",
            "formed": "#0072B2",
            "dissolved": "#D55E00",
        }[change]
        assert colour == expected
        assert dashed == (change in ("strengthened", "weakened", "dissolved"))
    # tooltips say the change; names stay text
    f = page.obj.nodes.index.get_loc("f")
    _hover(page, "#sysmap-canvas", None, f)
    assert "joined" in page.page.inner_text("#sysmap-tooltip")
    a = page.obj.nodes.index.get_loc("a")
    assert _hover(page, "#sysmap-canvas", None, a) == XSS_IMG
    assert "<img" not in page.page.inner_html("#sysmap-tooltip")
    legend = page.page.inner_text("#sysmap-legend")
    assert "Ties: Wave 1 → Wave 2" in legend and "kept, stronger" in legend
    page.clean()


def test_difference_map_of_the_sample_draws_the_churn_counts(opened):
    w1, w2 = (
        sysmap.load_sample("bildungsallianz", wave=k, graph=True, symmetrize="respondent_priority")
        for k in (1, 2)
    )
    page = opened(difference_map(w1, w2, labels=("2023", "2024"), lang="de"))
    classes = page.js("window.sysmap.counts().classes")
    # sysmap.compare.tie_churn(w1, w2) on the same graphs: 126 unchanged, 63 stronger,
    # 49 weaker, 259 formed, 150 dissolved; member lists: 95 stayed, 12 joined, 5 left
    assert classes["edges"] == {
        "kept": 126,
        "strengthened": 63,
        "weakened": 49,
        "formed": 259,
        "dissolved": 150,
    }
    assert classes["nodes"] == {"stayed": 95, "joined": 12, "left": 5}
    assert "neu entstanden" in page.page.inner_text("#sysmap-legend")
    page.clean()


def test_wave_maps_in_a_notebook_iframe(offline_page, planted, tmp_path):
    waves = wave_maps(list(planted), color="sector", **FAST)
    host = tmp_path / "notebook.html"
    host.write_text(
        f"<!DOCTYPE html><html><body>{waves._repr_html_()}</body></html>", encoding="utf-8"
    )
    notebook = offline_page(host, ready=False)
    frame = notebook.page.frames[1]
    frame.locator("html[data-sysmap-ready]").wait_for(timeout=30_000)
    assert [c["drawnNodes"] for c in frame.evaluate("window.sysmap.counts()")] == [5, 5]
    assert frame.evaluate("window.__pwned") is None and notebook.requests == []
