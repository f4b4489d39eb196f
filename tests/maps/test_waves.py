"""Tests for sysmap.maps.waves: one layout for all waves, wave maps, the difference map, trends."""

from __future__ import annotations

import copy
import json
import os
import re
from html.parser import HTMLParser

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import sysmap
from sysmap.compare import tie_churn
from sysmap.exceptions import GraphTypeError, ParameterError
from sysmap.maps import (
    OKABE_ITO,
    WaveMaps,
    compute_layout,
    difference_map,
    network_map,
    trend_chart,
    wave_layout,
    wave_maps,
)
from sysmap.maps.style import RADIUS

FAST = {"key_players": False, "local_bridges": False}
EVIL = "<img src=x onerror=alert(1)></script><script>alert(2)</script><!--"


@pytest.fixture
def planted() -> tuple[nx.Graph, nx.Graph]:
    """Two undirected waves with one change of every kind, counted by hand.

    Wave 1: a-b (2), b-c (3), c-d (1), d-e (2), a-c (4); actors a..e.
    Wave 2: a-b (2), b-c (4), a-c (2), d-f (3), a-d (1); actors a, b, c, d, f.
    By hand: actors stayed a, b, c, d (4), joined f (1), left e (1);
    ties kept unchanged a-b (1), strengthened b-c 3 -> 4 (1), weakened a-c 4 -> 2 (1),
    formed d-f, a-d (2), dissolved c-d, d-e (2).
    """
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
            G.add_node(v, name=f"Org {v.upper()}", sector=sectors[v], status="responded")
    w1.add_edges_from(
        [
            ("a", "b", {"weight": 2.0}),
            ("b", "c", {"weight": 3.0}),
            ("c", "d", {"weight": 1.0}),
            ("d", "e", {"weight": 2.0}),
            ("a", "c", {"weight": 4.0}),
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


@pytest.fixture(scope="module")
def sample_waves() -> list[nx.Graph]:
    return [
        sysmap.load_sample("bildungsallianz", wave=k, graph=True, symmetrize="respondent_priority")
        for k in (1, 2, 3)
    ]


@pytest.fixture(scope="module")
def sample_maps(sample_waves) -> WaveMaps:
    return wave_maps(sample_waves, color="sector", labels=["2023", "2024", "2025"], **FAST)


def _data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="sysmap-data">(.*?)</script>', page)
    return json.loads(match.group(1))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def _tags(page: str) -> list[str]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def _counts(spec: dict) -> dict:
    return {item["key"]: item["count"] for item in spec["items"]}


# --------------------------------------------------------------------------- layout


def test_same_actor_same_coordinates_in_every_wave_and_the_difference_map(
    sample_maps, sample_waves
):
    layout = sample_maps.layout
    union = set().union(*map(set, sample_waves))
    assert set(layout.index) == union and len(layout) == 123  # 122 organisations + 1 rename
    for m, G in zip(sample_maps, sample_waves, strict=True):
        assert set(m.nodes.index) == set(G)
        xy = m.nodes[["x", "y"]]
        assert np.array_equal(xy.to_numpy(), layout.loc[xy.index, ["x", "y"]].to_numpy())
    # one pixel scale, so the page's coordinates agree too
    assert len({m.scale for m in sample_maps}) == 1
    pages = _data(sample_maps.html)["waves"]
    where = {}
    for wave in pages:
        for actor, x, y in zip(
            wave["nodes"]["actor"], wave["nodes"]["x"], wave["nodes"]["y"], strict=True
        ):
            assert where.setdefault(actor, (x, y)) == (x, y)
    for diff in (
        sample_maps.difference(0, 2),
        difference_map(sample_waves[0], sample_waves[1], layout=layout),
    ):
        xy = diff.nodes[["x", "y"]]
        assert np.array_equal(xy.to_numpy(), layout.loc[xy.index, ["x", "y"]].to_numpy())


@pytest.mark.parametrize("method", ["union", "anchored"])
def test_joiners_are_placed_near_their_partners(sample_waves, method):
    layout = wave_layout(sample_waves, method=method, seed=0)
    xy = layout.to_numpy()
    diffs = xy[:, None, :] - xy[None, :, :]
    median = float(np.median(np.hypot(diffs[..., 0], diffs[..., 1])[np.triu_indices(len(xy), 1)]))
    seen = set(sample_waves[0])
    checked = 0
    for G in sample_waves[1:]:
        for v in sorted(set(G) - seen):
            partners = list(G[v])
            if not partners:
                continue
            centre = layout.loc[partners, ["x", "y"]].to_numpy().mean(axis=0)
            gap = float(np.hypot(*(layout.loc[v, ["x", "y"]].to_numpy() - centre)))
            assert gap < median, (v, gap, median)
            checked += 1
        seen |= set(G)
    # wave 2 brings 12 newcomers, wave 3 more (members lists of the sample); most have ties
    assert checked >= 10


def test_anchored_layout_keeps_the_first_wave_exactly(planted):
    w1, w2 = planted
    anchored = wave_layout([w1, w2], method="anchored", seed=3)
    assert anchored.loc[sorted(w1)].equals(compute_layout(w1, seed=3))
    assert "f" in anchored.index


def test_layout_is_deterministic_and_reuses_a_given_layout(planted):
    w1, w2 = planted
    one = wave_layout([w1, w2], seed=1)
    assert one.equals(wave_layout([w1, w2], seed=1))
    assert not one.equals(wave_layout([w1, w2], seed=2))
    fixed = compute_layout(w1, seed=5)
    reused = wave_layout({"x": w1, "y": w2}, layout=fixed)
    assert reused.loc[fixed.index].equals(fixed)


def test_bad_waves_get_clear_errors(planted):
    w1, w2 = planted
    with pytest.raises(ParameterError, match="list of graphs"):
        wave_layout(w1)
    with pytest.raises(ParameterError, match="empty"):
        wave_maps([])
    with pytest.raises(ParameterError, match="method must be one of"):
        wave_layout([w1, w2], method="tsne")
    with pytest.raises(ParameterError, match="3 entries for 2 waves"):
        wave_maps([w1, w2], labels=["a", "b", "c"])
    with pytest.raises(ParameterError, match="differ"):
        wave_maps([w1, w2], labels=["a", "a"])
    with pytest.raises(ParameterError, match="sets \\['aggregate'\\] itself"):
        wave_maps([w1, w2], aggregate=True)
    with pytest.raises(GraphTypeError, match="both be directed or both undirected"):
        difference_map(w1, nx.DiGraph(w2))
    with pytest.raises(ParameterError, match="tolerance"):
        difference_map(w1, w2, tolerance=-1)


# --------------------------------------------------------------------------- wave maps


def test_palette_is_identical_across_waves():
    # wave 1 has B and C, wave 2 adds A: on their own the waves would colour B
    # differently (wave 1: B first -> orange; wave 2: A first -> orange, B sky blue)
    w1 = nx.Graph([(1, 2), (2, 3)])
    nx.set_node_attributes(w1, {1: "B", 2: "C", 3: "B"}, "sector")
    w2 = nx.Graph([(1, 2), (2, 4)])
    nx.set_node_attributes(w2, {1: "B", 2: "C", 4: "A"}, "sector")
    alone = [network_map(G, color="sector", **FAST).palette for G in (w1, w2)]
    assert alone[0]["B"] != alone[1]["B"]  # what wave_maps must avoid
    waves = wave_maps([w1, w2], color="sector", **FAST)
    # sorted categories of all waves take the palette in order (sysmap.maps.palette)
    assert waves.palette == {"A": OKABE_ITO[0], "B": OKABE_ITO[1], "C": OKABE_ITO[2]}
    for m in waves:
        assert m.palette == {c: waves.palette[c] for c in m.palette}
        for actor, row in m.nodes.iterrows():
            assert row["color"] == waves.palette[row["category"]]
    # colour by a metric (communities differ per wave): still one palette
    by_metric = wave_maps([w1, w2], color="community", **FAST)
    colours = {}
    for m in by_metric:
        for category, colour in m.palette.items():
            assert colours.setdefault(category, colour) == colour


def test_palette_identical_across_sample_waves(sample_maps):
    pal = sample_maps.palette
    assert sorted(pal) == [
        "Business",
        "Civil society",
        "Foundations",
        "Health",
        "Higher education",
        "Municipality",
        "Schools",
        "not on the member list",  # partners named in a survey, not on the member list
    ]
    for m in sample_maps:
        known = m.nodes["category"].notna()
        assert (m.nodes.loc[known, "color"] == m.nodes.loc[known, "category"].map(pal)).all()


def test_one_size_scale_and_one_width_scale(sample_maps):
    nodes = pd.concat([m.nodes for m in sample_maps])
    # the same degree gives the same radius in every wave (one scale)
    per_value = nodes.groupby("size_value")["radius"].nunique()
    assert (per_value == 1).all()
    lo, hi = nodes["size_value"].min(), nodes["size_value"].max()
    assert nodes.loc[nodes["size_value"] == lo, "radius"].iloc[0] == RADIUS[0]
    assert nodes.loc[nodes["size_value"] == hi, "radius"].iloc[0] == RADIUS[1]
    assert {(m.legend["size"]["min"], m.legend["size"]["max"]) for m in sample_maps} == {(lo, hi)}
    # tie widths: weight 1..4 in every wave -> 1..5 px everywhere (WIDTH)
    for m in sample_maps:
        assert m.ties["width"].min() == 1.0 and m.ties["width"].max() == 5.0


def test_wave_maps_from_a_mapping_and_as_a_list(planted):
    w1, w2 = planted
    waves = wave_maps({"2024": w1, "2025": w2}, color="sector", lang="de", **FAST)
    assert waves.labels == ["2024", "2025"] and len(waves) == 2
    assert [m.title for m in waves] == ["Welle 2024", "Welle 2025"]
    assert list(iter(waves)) == waves.maps and waves[1] is waves.maps[1]
    assert "2 waves" in repr(waves)
    data = _data(waves.html)
    assert [w["label"] for w in data["waves"]] == ["Welle 2024", "Welle 2025"]
    assert data["lang"] == "de" and data["text"]["waves_one"] == "Einzeln"
    # the colour legend is shared: every category with its count per wave
    items = {it["label"]: it["counts"] for it in data["legend"]["filters"][0]["items"]}
    assert items == {"City": [2, 1], "Health": [1, 2], "Schools": [2, 2]}


def test_input_graphs_are_not_modified(planted):
    w1, w2 = planted
    before = [(copy.deepcopy(dict(G.nodes(data=True))), nx.to_dict_of_dicts(G)) for G in planted]
    waves = wave_maps([w1, w2], color="sector", **FAST)
    waves.difference(0, 1)
    difference_map(w1, w2, color="sector")
    after = [(dict(G.nodes(data=True)), nx.to_dict_of_dicts(G)) for G in planted]
    assert before == after


# --------------------------------------------------------------------------- difference map


def test_identical_waves_give_only_kept_and_stayed(planted):
    w1, _ = planted
    for G in (w1, nx.DiGraph(w1)):
        m = difference_map(G, G.copy())
        assert set(m.nodes["change"]) == {"stayed"} and set(m.ties["change"]) == {"kept"}
        assert _counts(m.classes["nodes"]) == {"stayed": 5, "joined": 0, "left": 0}
        # 5 ties undirected; nx.DiGraph(w1) has both arcs of each: 10
        kept = 5 if not G.is_directed() else 10
        assert _counts(m.classes["edges"]) == {
            "kept": kept,
            "strengthened": 0,
            "weakened": 0,
            "formed": 0,
            "dissolved": 0,
        }


def test_planted_change_gives_the_hand_counted_classes(planted):
    m = difference_map(*planted, labels=("2024", "2025"))
    # counts by hand: see the fixture's docstring
    assert _counts(m.classes["nodes"]) == {"stayed": 4, "joined": 1, "left": 1}
    assert _counts(m.classes["edges"]) == {
        "kept": 1,
        "strengthened": 1,
        "weakened": 1,
        "formed": 2,
        "dissolved": 2,
    }
    ties = m.ties.set_index(["source", "target"])
    assert ties["change"].to_dict() == {
        ("a", "b"): "kept",
        ("a", "c"): "weakened",
        ("a", "d"): "formed",
        ("b", "c"): "strengthened",
        ("c", "d"): "dissolved",
        ("d", "e"): "dissolved",
        ("d", "f"): "formed",
    }
    assert ties.loc[("b", "c"), ["weight_before", "weight_after"]].tolist() == [3.0, 4.0]
    assert np.isnan(ties.loc[("d", "f"), "weight_before"])
    assert m.nodes["change"].to_dict() == {
        "a": "stayed",
        "b": "stayed",
        "c": "stayed",
        "d": "stayed",
        "e": "left",
        "f": "joined",
    }
    # distinct styles per class: colour, width and dash pattern
    styles = {(it["color"], it["width"], str(it["dashes"])) for it in m.classes["edges"]["items"]}
    assert len(styles) == 5
    assert len({(w, str(d)) for _, w, d in styles}) == 5  # tells them apart in greyscale
    assert m.ties.set_index(["source", "target"]).loc[("c", "d"), "dashed"]
    assert m.summary == "4 actors stayed, 1 joined, 1 left; 3 ties kept, 2 formed, 2 dissolved"
    assert m.title == "Changes from Wave 2024 to Wave 2025"


def test_tolerance_and_presence_only(planted):
    w1, w2 = planted
    # |4 - 3| = 1 and |2 - 4| = 2: a tolerance of 1 leaves only a-c weakened
    m = difference_map(w1, w2, tolerance=1)
    assert _counts(m.classes["edges"])["strengthened"] == 0
    assert _counts(m.classes["edges"])["weakened"] == 1
    # without values there is nothing to strengthen: those classes are not offered
    m = difference_map(w1, w2, weight=None)
    assert _counts(m.classes["edges"]) == {"kept": 3, "formed": 2, "dissolved": 2}


def test_directed_waves_compare_arcs_one_by_one():
    before = nx.DiGraph([("a", "b"), ("b", "c")])
    after = nx.DiGraph([("a", "b"), ("b", "a"), ("c", "b")])
    m = difference_map(before, after)
    # by hand: a->b kept; b->a formed; b->c dissolved; c->b formed (read as undirected
    # pairs, a-b and b-c would both be kept)
    assert m.ties.set_index(["source", "target"])["change"].to_dict() == {
        ("a", "b"): "kept",
        ("b", "a"): "formed",
        ("b", "c"): "dissolved",
        ("c", "b"): "formed",
    }
    assert m.directed and m.ties["curved"].sum() == 4  # both pairs drawn as two arcs


def test_difference_map_agrees_with_tie_churn_on_the_sample(sample_waves):
    m = difference_map(sample_waves[0], sample_waves[1])
    churn = tie_churn(sample_waves[0], sample_waves[1])  # reference: weight="weight"
    expected = churn["trend"].where(churn["status"] == "kept", churn["status"])
    expected = expected.replace({"unchanged": "kept"})
    ours = m.ties.set_index(["source", "target"])["change"]
    theirs = pd.Series(
        expected.to_numpy(), index=pd.MultiIndex.from_frame(churn[["source", "target"]])
    )
    assert ours.to_dict() == theirs.to_dict() and len(ours) == len(theirs) == 647
    # counts of that run: 126 unchanged, 63 stronger, 49 weaker, 259 formed, 150 dissolved
    assert _counts(m.classes["edges"]) == {
        "kept": 126,
        "strengthened": 63,
        "weakened": 49,
        "formed": 259,
        "dissolved": 150,
    }
    # members lists of waves 1 and 2: 95 in both, 12 new, 5 gone
    assert _counts(m.classes["nodes"]) == {"stayed": 95, "joined": 12, "left": 5}


def test_difference_map_texts_and_tooltips_in_german(planted):
    m = difference_map(*planted, lang="de")
    data = _data(m.html)
    labels = [it["label"] for it in data["classes"]["edges"]["items"]]
    assert labels == [
        "beibehalten",
        "beibehalten, stärker",
        "beibehalten, schwächer",
        "neu entstanden",
        "aufgelöst",
    ]
    assert [it["label"] for it in data["classes"]["nodes"]["items"]] == [
        "geblieben",
        "neu dabei",
        "ausgeschieden",
    ]
    assert data["classes"]["edges"]["title"] == "Beziehungen: Welle 1 → Welle 2"
    fields = {f["label"]: f["values"] for f in data["nodeFields"]}
    # e left after wave 1: no ties, no status in wave 2
    e = data["nodes"]["actor"].index("e")
    assert fields["Welle 1: Beziehungen (Grad)"][e] == 1
    assert fields["Welle 2: Beziehungen (Grad)"][e] is None
    edge_fields = {f["label"]: f["values"] for f in data["edgeFields"]}
    assert set(edge_fields) == {"Welle 1: Weight", "Welle 2: Weight"} or set(edge_fields) == {
        "Welle 1: Gewicht",
        "Welle 2: Gewicht",
    }
    # the change legend replaces the colour legend (colours are the classes)
    assert "color" not in data["legend"] and data["filters"] == []


def test_difference_map_coloured_by_sector_keeps_the_class_borders(planted):
    m = difference_map(*planted, color="sector", palette={"City": "#000000"})
    assert m.nodes.loc["b", "color"] == "#000000"
    assert "color" in m.legend
    assert all(it["fill"] is None for it in m.classes["nodes"]["items"])
    left = next(it for it in m.classes["nodes"]["items"] if it["key"] == "left")
    assert left["hollow"] and left["dashes"]


def test_hostile_names_and_labels_are_escaped(planted):
    w1, w2 = planted
    for G in (w1, w2):
        G.nodes["a"]["name"] = EVIL
        G.nodes["b"]["sector"] = "</style><b>&amp;"
    w2.add_node(EVIL, name=EVIL, sector="</script>")
    w2.add_edge(EVIL, "a", weight=1.0, relation=EVIL)
    for page in (
        difference_map(w1, w2, labels=(EVIL, "2"), color="sector").html,
        wave_maps([w1, w2], labels=["<b>1</b>", EVIL], color="sector", **FAST).html,
    ):
        tags = _tags(page)  # data, vis-network, common.js and the page's own script
        assert tags.count("script") == 4 and page.count("</script") == 4
        assert "img" not in tags and "b" not in tags
        assert "<img" not in page and "<!--" not in page
        data = _data(page)
        text = json.dumps(data, ensure_ascii=False)
        assert EVIL in text
    page = wave_maps([w1, w2], labels=["<b>1</b>", "2"], **FAST).html
    assert "Wave &lt;b&gt;1&lt;/b&gt;" in page


def test_saving_writes_the_target_files_and_nothing_else(planted, tmp_path, monkeypatch):
    work, out = tmp_path / "work", tmp_path / "out"
    work.mkdir()
    out.mkdir()
    monkeypatch.chdir(work)

    def listing() -> set[str]:
        return {
            os.path.relpath(os.path.join(d, f), tmp_path)
            for d, _, files in os.walk(tmp_path)
            for f in files
        } | {os.path.relpath(d, tmp_path) for d, _, _ in os.walk(tmp_path)}

    before = listing()
    waves = wave_maps(list(planted), color="sector", **FAST)
    diff = waves.difference()
    _ = waves._repr_html_(), diff._repr_html_(), waves.html, diff.html
    assert listing() == before
    written = [
        waves.save(out / "waves.html"),
        diff.save(out / "diff.html"),
        waves.save(out / "waves.svg"),
        diff.save(out / "diff.svg"),
    ]
    assert listing() - before == {os.path.join("out", p.name) for p in written}
    assert (out / "waves.html").read_text(encoding="utf-8") == waves.html
    with pytest.raises(ParameterError, match="cannot tell the format"):
        waves.save(out / "waves.txt")


def test_static_figures_show_the_classes_and_are_reproducible(planted, tmp_path):
    diff = difference_map(*planted)
    svg = diff.save(tmp_path / "a.svg").read_text(encoding="utf-8")
    for text in ("formed (2)", "dissolved (2)", "kept, stronger (1)", "joined (1)", "left (1)"):
        assert text in svg
    assert diff.save(tmp_path / "b.svg").read_bytes() == (tmp_path / "a.svg").read_bytes()
    waves = wave_maps(list(planted), color="sector", labels=["2024", "2025"], **FAST)
    svg = waves.save(tmp_path / "w.svg").read_text(encoding="utf-8")
    assert "Wave 2024: 5 actors, 5 ties (undirected)" in svg and "Health" in svg
    assert waves.save(tmp_path / "w.png", dpi=40).stat().st_size > 0


def test_waves_page_is_self_contained(sample_maps):
    page = sample_maps.html
    assert not {"link", "iframe", "img", "object", "embed", "base"} & set(_tags(page))
    assert not re.search(r"<script[^>]*\bsrc=", page, flags=re.I)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    assert len(re.findall(r"'sha256-", csp)) == 3  # vis-network, common.js, waves.js
    assert (
        page
        == wave_maps(
            sample_maps._graphs, color="sector", labels=["2023", "2024", "2025"], **FAST
        ).html
    )
    data = _data(page)
    assert [len(w["nodes"]["actor"]) for w in data["waves"]] == [100, 107, 110]
    assert [len(w["edges"]["from"]) for w in data["waves"]] == [388, 497, 626]
    assert '<iframe srcdoc="' in sample_maps._repr_html_()
    # a saved notebook keeps a picture of all waves (317 actors, under the limit)
    assert sample_maps._repr_png_().startswith(b"\x89PNG")


# --------------------------------------------------------------------------- trend chart


@pytest.fixture
def metrics_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "density": [0.10, 0.12, 0.15],
            "fragmentation": [0.2, 0.1, 0.05],
            "ei_index": [-0.4, -0.3, -0.1],
            "n_ties": [10.0, 12.0, 15.0],
        },
        index=pd.Index(["2023", "2024", "2025"], name="wave"),
    )


def test_trend_chart_draws_one_small_chart_per_metric(metrics_table):
    fig = trend_chart(metrics_table)
    # default metrics: those of TREND_METRICS in the table, in that order
    assert [ax.get_title("left") for ax in fig.axes] == ["Density", "Fragmentation", "E-I index"]
    density = fig.axes[0].lines[0]
    assert density.get_ydata().tolist() == [0.10, 0.12, 0.15]
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["2023", "2024", "2025"]
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert labels == ["10.0%", "12.0%", "15.0%"]
    assert [t.get_text() for t in fig.axes[2].texts] == ["-0.4", "-0.3", "-0.1"]


def test_trend_chart_reads_the_compare_and_long_forms(metrics_table):
    transposed = metrics_table.T
    transposed.index.name = "metric"  # as sysmap.compare.wave_metrics returns it
    long = metrics_table.reset_index().melt(id_vars="wave", var_name="metric", value_name="value")
    for table in (transposed, long):
        fig = trend_chart(table, metrics=["n_ties", "density"], lang="de")
        assert [ax.get_title("left") for ax in fig.axes] == ["Beziehungen", "Dichte"]
        assert fig.axes[0].lines[0].get_ydata().tolist() == [10.0, 12.0, 15.0]
        assert [t.get_text() for t in fig.axes[1].texts] == ["10,0 %", "12,0 %", "15,0 %"]


def test_trend_chart_errors(metrics_table):
    with pytest.raises(ParameterError, match="not in the table"):
        trend_chart(metrics_table, metrics=["modularity"])
    with pytest.raises(ParameterError, match="DataFrame"):
        trend_chart([1, 2])
    with pytest.raises(ParameterError, match="nothing|no numeric"):
        trend_chart(pd.DataFrame({"note": ["x", "y"]}))
