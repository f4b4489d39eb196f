"""Tests for sysmap.maps.network_map and NetworkMap: what is drawn, how, and from what."""

from __future__ import annotations

import copy
import html
import json
import re

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import sysmap
from sysmap.exceptions import GraphTypeError, MissingAttributeError, ParameterError
from sysmap.maps import MISSING_GROUP_COLORS, OKABE_ITO, VIRIDIS, NetworkMap, network_map
from sysmap.maps.style import RADIUS, RADIUS_PLAIN, WIDTH

FAST = {"key_players": False, "local_bridges": False}


@pytest.fixture
def survey() -> nx.DiGraph:
    """A small directed survey network with sectors, statuses and intensities."""
    G = nx.DiGraph()
    people = {
        "A": ("Stadt Rheinstadt", "City", "responded"),
        "B": ("Straßenkinder e.V.", "Civil society", "responded"),
        "C": ("Grundschule Am Mühlbach", "Schools", "did_not_respond"),
        "D": ("Bürgerstiftung", "Foundations", "responded"),
        "E": ("Café 東京", None, "not_on_roster"),
    }
    for actor, (name, sector, status) in people.items():
        attrs = {"name": name, "status": status}
        if sector is not None:
            attrs["sector"] = sector
        G.add_node(actor, **attrs)
    ties = [
        ("A", "B", 4),
        ("B", "A", 3),
        ("A", "C", 2),
        ("B", "D", 1),
        ("D", "A", 3),
        ("C", "E", 2),
    ]
    for u, v, intensity in ties:
        G.add_edge(u, v, intensity=float(intensity), weight=float(intensity), relation="info")
    return G


def _data(m: NetworkMap) -> dict:
    match = re.search(r'<script type="application/json" id="sysmap-data">(.*?)</script>', m.html)
    return json.loads(match.group(1))


def test_basic_map(survey):
    m = network_map(survey, color="sector", size="degree", **FAST)
    assert isinstance(m, NetworkMap) and m.directed and not m.aggregated
    assert m.nodes.index.tolist() == ["A", "B", "C", "D", "E"]
    assert len(m.ties) == survey.number_of_edges() == 6
    assert m.nodes["label"].tolist()[1] == "Straßenkinder e.V."
    # categories in sorted order: City, Civil society, Foundations, Schools; E has
    # no sector and is not on the member list: its own grey group, listed last
    assert m.palette == {
        "City": OKABE_ITO[0],
        "Civil society": OKABE_ITO[1],
        "Foundations": OKABE_ITO[2],
        "Schools": OKABE_ITO[3],
        "not on the member list": MISSING_GROUP_COLORS["not on the member list"],
    }
    assert m.nodes["color"].tolist() == [*OKABE_ITO[:2], OKABE_ITO[3], OKABE_ITO[2], "#808080"]
    legend = m.legend["color"]["items"]
    assert [(i["label"], i["count"]) for i in legend][-1] == ("not on the member list", 1)
    german = network_map(survey, color="sector", lang="de", **FAST).legend["color"]["items"]
    assert german[-1]["label"] == "nicht auf der Mitgliederliste"
    # degree (in + out): A 4, B 3, C 2, D 2, E 1 -> A largest circle, E smallest
    assert m.nodes["size_value"].tolist() == [4.0, 3.0, 2.0, 2.0, 1.0]
    assert m.nodes.loc["A", "radius"] == RADIUS[1] and m.nodes.loc["E", "radius"] == RADIUS[0]
    # area proportional: C is at (2-1)/(4-1) of the range -> radius 8 + 24 * sqrt(1/3)
    assert m.nodes.loc["C", "radius"] == pytest.approx(RADIUS[0] + 24 * np.sqrt(1 / 3))
    assert "<NetworkMap 'Network map': 5 nodes, 6 ties" in repr(m)


def test_ties_width_dashes_arrows_curves(survey):
    m = network_map(survey, **FAST)
    ties = m.ties.set_index(["source", "target"])
    # weight 1..4 -> width 1..5 px, linear
    assert ties.loc[("A", "B"), "width"] == WIDTH[1] and ties.loc[("B", "D"), "width"] == WIDTH[0]
    assert ties.loc[("A", "C"), "width"] == pytest.approx(1 + 4 / 3)
    # intensity < 3 is weak (dashed), as sysmap.metrics.tie_strength
    assert ties["dashed"].to_dict() == {
        ("A", "B"): False,
        ("A", "C"): True,
        ("B", "A"): False,
        ("B", "D"): True,
        ("C", "E"): True,
        ("D", "A"): False,
    }
    assert ties.loc[("A", "B"), "curved"] and ties.loc[("B", "A"), "curved"]
    assert not ties.loc[("A", "C"), "curved"]
    data = _data(m)
    assert data["directed"] is True
    assert data["legend"]["strength"]["weak_count"] == 3


def test_self_loops_are_not_drawn(survey):
    survey.add_edge("A", "A", intensity=4.0, weight=4.0)
    m = network_map(survey, **FAST)
    assert len(m.ties) == 6


def test_color_from_series_dataframe_dict_and_community(survey):
    series = pd.Series({"A": 1, "B": 1, "C": 2, "D": 2, "E": 3}, name="cluster")
    by_series = network_map(survey, color=series, **FAST)
    by_frame = network_map(survey, color=series.to_frame(), **FAST)
    by_dict = network_map(survey, color=series.to_dict(), **FAST)
    assert by_series.nodes["color"].tolist() == by_frame.nodes["color"].tolist()
    assert by_series.nodes["color"].tolist() == by_dict.nodes["color"].tolist()
    assert by_series.legend["color"]["title"] == "cluster"
    with pytest.raises(ParameterError, match="exactly one column"):
        network_map(survey, color=pd.DataFrame({"a": series, "b": series}))
    with pytest.raises(ParameterError, match="none of the actors"):
        network_map(survey, color=pd.Series({"x": 1}))
    # two 4-cliques joined by one tie: consensus communities split them
    G = nx.barbell_graph(4, 0)
    m = network_map(G, color="community", **FAST)
    colors = m.nodes["color"]
    assert colors.loc[0] == colors.loc[3] != colors.loc[4] == colors.loc[7]


def test_continuous_colours_for_many_numbers():
    G = nx.path_graph(20)
    nx.set_node_attributes(G, {v: float(v) ** 2 for v in G}, "score")
    m = network_map(G, color="score", **FAST)
    assert m.legend["color"]["kind"] == "continuous"
    assert m.legend["color"]["min"] == 0 and m.legend["color"]["max"] == 361
    assert m.nodes.loc[0, "color"] == VIRIDIS[0] and m.nodes.loc[19, "color"] == VIRIDIS[-1]
    assert m.filters == [] and m.palette == {}
    few = network_map(G, color="score", color_scale="categorical", **FAST)
    assert few.legend["color"]["kind"] == "categorical"
    with pytest.raises(ParameterError, match="needs numbers"):
        network_map(nx.path_graph(3), color=pd.Series(["a", "b", "c"]), color_scale="continuous")


def test_size_by_metric_attribute_or_nothing(survey):
    m = network_map(survey, size="betweenness", **FAST)
    assert m.legend["size"]["title"] == "Betweenness"
    assert m.nodes["size_value"].idxmax() == "A"
    plain = network_map(survey, size=None, **FAST)
    assert (plain.nodes["radius"] == RADIUS_PLAIN).all() and "size" not in plain.legend
    with pytest.raises(ParameterError, match="must be numeric"):
        network_map(survey, size="sector")
    unknown = r"size='secter'.*Actors have: name, status, sector"  # problems.json
    with pytest.raises(MissingAttributeError, match=unknown):
        network_map(survey, size="secter")


def test_attribute_wins_over_metric_of_the_same_name(survey):
    nx.set_node_attributes(survey, {v: 1.0 for v in survey}, "betweenness")
    survey.nodes["A"]["betweenness"] = 9.0
    m = network_map(survey, size="betweenness", **FAST)
    assert m.nodes["size_value"].tolist() == [9.0, 1.0, 1.0, 1.0, 1.0]


def test_palette_and_layout_carry_over_to_the_next_wave(survey):
    wave1 = network_map(survey, color="sector", **FAST)
    wave2_graph = survey.copy()
    wave2_graph.add_node("F", name="Neu", sector="Arts", status="responded")
    wave2_graph.add_edge("F", "B", intensity=3.0, weight=3.0)
    wave2 = network_map(wave2_graph, color="sector", palette=wave1.palette, layout=wave1.layout)
    for sector, colour in wave1.palette.items():
        assert wave2.palette[sector] == colour
    assert wave2.palette["Arts"] not in wave1.palette.values()
    assert wave2.layout.loc[list(survey)].equals(wave1.layout.loc[list(survey)])


def test_language_and_translated_values(survey):
    m = network_map(survey, color="status", lang="de", **FAST)
    data = _data(m)
    assert data["text"]["search"] == "Suche" and data["lang"] == "de"
    labels = [i["label"] for i in m.legend["color"]["items"]]
    assert labels == [
        "hat nicht geantwortet",
        "nicht auf der Mitgliederliste (von anderen genannt)",
        "hat geantwortet",
    ]
    assert m.title == "Netzwerkkarte"
    assert '<html lang="de">' in m.html
    with pytest.raises(ParameterError, match="lang"):
        network_map(survey, lang="fr")


def test_filters_and_tooltip_fields(survey):
    m = network_map(survey, color="sector", filters="status", tooltip=["status", "degree"], **FAST)
    assert [g["title"] for g in m.filters] == ["Sector", "Survey status"]
    assert m.filters[1]["codes"] == [2, 2, 0, 2, 1]  # sorted: did_not_respond, not_on_roster, ...
    fields = [f["label"] for f in m.node_fields]
    assert fields == ["Name", "Survey status", "Ties (degree)"]
    default = network_map(survey, **FAST)
    labels = [f["label"] for f in default.node_fields]
    assert labels[:2] == ["Name", "ID"] and "Named by (in-degree)" in labels
    with pytest.raises(MissingAttributeError):
        network_map(survey, tooltip=["nonsense"])


def test_numpy_and_pandas_values_serialize():
    G = nx.Graph()
    G.add_node(np.int64(1), name="eins", score=np.float32(0.5), flag=np.bool_(True), n=np.int64(7))
    G.add_node(np.int64(2), name="zwei", score=np.nan, flag=pd.NA, n=pd.NA, when=pd.Timestamp(0))
    G.add_node(np.int64(3), name=None, score=float("inf"))
    G.add_edge(np.int64(1), np.int64(2), weight=np.float64(2.5), intensity=np.int64(3))
    G.add_edge(np.int64(2), np.int64(3), weight=np.float32(1.0), intensity=pd.NA)
    m = network_map(G, color="flag", size="score", **FAST)
    data = _data(m)  # valid JSON (NaN would not be)
    assert data["nodes"]["actor"] == ["1", "2", "3"] and data["nodes"]["name"][2] == "3"
    score = next(f for f in data["nodeFields"] if f["label"] == "score")
    assert score["values"] == [0.5, None, None]
    flag = next(f for f in data["nodeFields"] if f["label"] == "flag")
    assert flag["values"] == ["yes", None, None]
    assert m.nodes.loc[np.int64(3), "radius"] == RADIUS[0]  # inf/NaN size: smallest


def test_the_callers_graph_is_never_modified(survey):
    before = copy.deepcopy(nx.node_link_data(survey, edges="edges"))
    m = network_map(survey, color="community", size="betweenness", key_players=True)
    _ = m.html
    assert nx.node_link_data(survey, edges="edges") == before


def test_network_data_is_accepted(members_csv, survey_csv):
    data = sysmap.read_survey(survey_csv, actors=sysmap.read_actors(members_csv))
    m = network_map(data, color="sector", **FAST)
    # drawn as build_network's default builds it (reconstruction: a tie when either
    # reports it): A1-A2 (both), A1-A3, A2-A4 ("Strassenkinder eV"), A4-A1 ("Stadtverwaltung")
    assert len(m.nodes) == 4 and not m.directed
    assert sorted(map(sorted, zip(m.ties.source, m.ties.target, strict=True))) == [
        ["A1", "A2"],
        ["A1", "A3"],
        ["A1", "A4"],
        ["A2", "A4"],
    ]


def test_aggregated_view(survey):
    m = network_map(survey, aggregate=True, group="sector")
    assert m.aggregated and m.notice.startswith("Clusters (sector) as nodes")
    # clusters: City{A}, Civil society{B}, Foundations{D}, Schools{C},
    # not on the member list{E}
    assert sorted(m.nodes.index, key=str) == sorted(
        ["not on the member list", "City", "Civil society", "Foundations", "Schools"], key=str
    )
    assert m.nodes["size_value"].tolist() == [1.0] * 5  # one member each
    ties = {(s, t): w for s, t, w in zip(m.ties.source, m.ties.target, m.ties.width, strict=True)}
    # A<->B (two arcs) is the only pair with 2 ties; it gets the widest line
    assert ties[("City", "Civil society")] == WIDTH[1]
    assert m.clusters.loc["E"] == "not on the member list"
    auto = network_map(nx.barbell_graph(5, 0), max_actors=5)
    assert auto.aggregated and "10 actors" in auto.notice and len(auto.nodes) == 2
    assert "10 actors" in auto.summary


def test_invalid_options(survey):
    for kwargs, pattern in [
        ({"color_scale": "rainbow"}, "color_scale"),
        ({"aggregate": "yes"}, "aggregate"),
        ({"max_actors": 0}, "max_actors"),
        ({"edge_width": "nope"}, "edge_width='nope'"),
        ({"label": 3}, "label"),
        ({"sample": 0}, "sample"),
        ({"height": ""}, "height"),
    ]:
        with pytest.raises(ParameterError, match=pattern):
            network_map(survey, **kwargs)
    with pytest.raises(GraphTypeError):
        network_map([(1, 2)])


def test_save_dispatches_on_the_extension(survey, tmp_path):
    m = network_map(survey, **FAST)
    assert m.save(tmp_path / "m.HTML").read_text(encoding="utf-8") == m.html
    with pytest.raises(ParameterError, match=r"\.html, \.png, \.svg or \.pdf"):
        m.save(tmp_path / "m.txt")
    with pytest.raises(ParameterError, match="PNG/SVG/PDF only"):
        m.save(tmp_path / "m.html", dpi=100)


def test_repr_html_is_an_escaped_srcdoc_iframe(survey):
    m = network_map(survey, title='<b>"Map"</b>', **FAST)
    frame = m._repr_html_()
    match = re.fullmatch(
        r'<iframe srcdoc="([^"]*)" sandbox="allow-scripts" (.*)>([^<]*)</iframe>', frame
    )
    assert match is not None
    assert html.unescape(match.group(1)) == m.html
    assert "<script" not in frame and "&lt;b&gt;&quot;Map&quot;&lt;/b&gt;" in frame
    # what a viewer that strips the frame from a saved notebook shows instead (bleach
    # parses HTML as browsers do, and is nbconvert's sanitizer)
    assert match.group(3) == "Run the cell to see the interactive map."
    bleach = pytest.importorskip("bleach")
    assert bleach.clean(frame, strip=True) == "Run the cell to see the interactive map."
    german = network_map(survey, lang="de", **FAST)._repr_html_()
    assert german.endswith(">Führen Sie die Zelle aus, um die interaktive Karte zu sehen.</iframe>")


def test_notebook_output_carries_a_picture_beside_the_page(survey):
    # what Jupyter saves in the notebook: IPython's formatters collect every _repr_*_
    from IPython.core.formatters import DisplayFormatter

    m = network_map(survey, seed=0, **FAST)
    bundle, _ = DisplayFormatter().format(m)
    assert set(bundle) == {"text/plain", "text/html", "image/png"}
    png = bundle["image/png"]  # the kernel base64-encodes it for the notebook file
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) < 200_000
    assert DisplayFormatter().format(network_map(survey, seed=0, **FAST))[0] == bundle
    assert bundle["text/html"] == m._repr_html_()


def test_no_picture_for_maps_too_large_to_draw_at_every_display(monkeypatch):
    import sysmap.maps.model as core

    m = network_map(nx.path_graph(4), **FAST)
    monkeypatch.setattr(core, "INLINE_PICTURE_LIMIT", 3)
    assert m._repr_png_() is None
    monkeypatch.setattr(core, "INLINE_PICTURE_LIMIT", 4)
    assert m._repr_png_().startswith(b"\x89PNG")


def test_local_bridges_start_hidden_when_they_are_most_ties():
    # a 6-cycle: no triangles, every tie is a local bridge (ends share no neighbour)
    m = network_map(nx.cycle_graph(6), key_players=False)
    item = next(o for o in m.legend["overlays"] if o["key"] == "local_bridges")
    assert item["count"] == 6 and item["shown"] is False
    # a triangle with a tail: only the tail's tie is a (local) bridge -> shown
    tail = network_map(nx.Graph([(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 5), (5, 3)]))
    item = next(o for o in tail.legend["overlays"] if o["key"] == "local_bridges")
    assert item["shown"] is True


def test_no_survey_legend_entry_without_a_survey():
    # a network from records (no survey status): nobody could fail to respond
    plain = network_map(nx.karate_club_graph(), **FAST)
    assert "non_respondents" not in plain.overlays
    assert "non_respondents" not in [o["key"] for o in plain.legend["overlays"]]
    assert not plain.nodes["non_respondents"].any()
    # the sample survey: 15 non-respondents (sample_networks/bildungsallianz, wave 1)
    G = sysmap.load_sample("bildungsallianz", wave=1, graph=True)
    survey = network_map(G, **FAST)
    entry = next(o for o in survey.legend["overlays"] if o["key"] == "non_respondents")
    assert entry["count"] == 15


def test_communities_are_named_in_filters_and_legend():
    # two triangles joined by one tie: two communities, named by their two key members
    G = nx.Graph(
        [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "e"), ("e", "f"), ("f", "d")]
    )
    for v, name in zip("abcdef", ["Anna", "Bert", "Cora", "Dora", "Emil", "Fritz"], strict=True):
        G.nodes[v]["name"] = name
    m = network_map(G, color="community", filters=["community"], **FAST)
    # cluster_profiles names a cluster by its two key members: most ties inside it, then
    # most ties in all (Cora and Dora hold the bridge), then by id (a before b)
    labels = sorted(item["label"] for item in m.legend["color"]["items"])
    assert labels == ["Cora, Anna", "Dora, Emil"]
    assert sorted(item["label"] for item in m.filters[-1]["items"]) == labels
    # a clustering's own names win (ActorClusters.annotate sets community_name)
    named = G.copy()
    for v in named:
        named.nodes[v]["community"] = 0 if v in "abc" else 1
        named.nodes[v]["community_name"] = "West" if v in "abc" else "Ost"
    m = network_map(named, filters=["community"], **FAST)
    assert [item["label"] for item in m.filters[0]["items"]] == ["Ost", "West"]
    # the details show the name, not the number
    assert [f["label"] for f in m.node_fields].count("Community") == 1


def test_the_backbone_label_comes_first():
    G = nx.star_graph(5)  # hub 0 is the largest; the backbone is leaf 4
    nx.set_node_attributes(G, {4: "ja"}, "Backbone")
    m = network_map(G, **FAST)
    assert m.nodes["backbone"].tolist() == [False, False, False, False, True, False]
    assert _data(m)["labelOrder"][:2] == [4, 0]  # then the hub (largest circle)
