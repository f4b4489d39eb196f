"""Round trips: a network sysmap built, written as GraphML, GEXF or Kumu and read back,
builds the same network again; Gephi's picture (positions, colours, sizes) travels both ways.

"The same network" is checked value by value: node ids with their type, every
node and tie attribute with its value and type, relation lists as they were.
Expected numbers are hand-derived in the comments; the bundled samples are
compared with themselves.
"""

from __future__ import annotations

import math
import warnings

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import sysmap
from sysmap import build_network
from sysmap.exceptions import DataQualityWarning, ParameterError
from sysmap.io.gexf import read_gexf, read_gexf_viz, write_gexf
from sysmap.io.graphml import read_graphml, write_graphml
from sysmap.io.kumu import KUMU_SETTINGS_SHEET, read_kumu, write_kumu
from sysmap.io.survey import read_survey
from sysmap.maps import network_map
from sysmap.maps.layout import as_layout, compute_layout, read_layout, save_layout

FORMATS = {
    "graphml": (write_graphml, read_graphml),
    "gexf": (write_gexf, read_gexf),
    "kumu": (write_kumu, read_kumu),
}
SUFFIX = {"graphml": ".graphml", "gexf": ".gexf", "kumu": ".xlsx"}


def round_trip(G, fmt, tmp_path, **build_options):
    """Write `G`, read it back and build the network again (warnings kept out)."""
    write, read = FORMATS[fmt]
    path = write(G, tmp_path / f"net{SUFFIX[fmt]}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        data = read(path)
    return data, build_network(data, **build_options)


def assert_same_values(got, expected, what, rel):
    """Same keys, types and values; floats equal up to `rel` (relative; Excel)."""
    assert {k: type(v) for k, v in got.items()} == {k: type(v) for k, v in expected.items()}, what
    for key, value in expected.items():
        if isinstance(value, float):
            assert math.isclose(got[key], value, rel_tol=rel), (what, key)
        else:
            assert got[key] == value, (what, key)


def assert_same_network(G, H, *, rel=0.0):
    """Same graph type, node ids (and their types), attributes and ties."""
    assert type(G) is type(H)
    assert sorted(G.nodes, key=repr) == sorted(H.nodes, key=repr)
    assert {type(n) for n in G} == {type(n) for n in H}
    for n in G:
        assert_same_values(H.nodes[n], G.nodes[n], n, rel)
    assert nx.utils.edges_equal(G.edges, H.edges)
    for u, v in G.edges:
        assert_same_values(H.edges[u, v], G.edges[u, v], (u, v), rel)


# -- the bundled samples -----------------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("sample", list(sysmap.list_samples().index))
def test_samples_round_trip(tmp_path, sample, fmt):
    G = sysmap.load_sample(sample, graph=True)
    _, H = round_trip(G, fmt, tmp_path)
    # openpyxl writes numbers with 16 significant digits (Excel keeps 15)
    assert_same_network(G, H, rel=1e-15 if fmt == "kumu" else 0.0)


@pytest.mark.parametrize("fmt", FORMATS)
def test_graph_of_reports_round_trips_with_the_same_options(tmp_path, fmt):
    # the directed graph of reports (symmetrize=None) reads back as reports: building
    # it with the same options gives it again; by default both give the union network
    data = sysmap.load_sample("bildungsallianz", wave=2)
    D = build_network(data, symmetrize=None)
    back, H = round_trip(D, fmt, tmp_path, symmetrize=None)
    assert back.directed
    rel = 1e-15 if fmt == "kumu" else 0.0
    assert_same_network(D, H, rel=rel)
    assert_same_network(build_network(data), build_network(back), rel=rel)


# -- relation lists ---------------------------------------------------------------------
def test_relation_lists_come_back_as_one_tie_per_relation(tmp_path):
    # A reports B on two relations, B reports A on one: the union tie A-B lists
    # both relations once ('funding|info'), whichever way the reports came
    survey = pd.DataFrame({
        "respondent": ["A", "A", "B", "B"],
        "partner": ["B", "B", "A", "C"],
        "relation": ["info", "funding", "info", "info"],
        "intensity": [3, 2, 4, 1],
    })
    G = build_network(read_survey(survey))
    assert G.edges["A", "B"]["relation"] == "funding|info"
    assert G.edges["A", "B"]["weight"] == 4.0  # max of 3, 2 and 4
    for fmt in FORMATS:
        data, H = round_trip(G, fmt, tmp_path)
        assert data.relations == ["funding", "info"], fmt
        pairs = data.ties.loc[data.ties["source"] == "A", ["target", "relation", "weight"]]
        assert sorted(map(tuple, pairs.values.tolist())) == [
            ("B", "funding", 4.0), ("B", "info", 4.0)]
        assert H.edges["A", "B"]["relation"] == "funding|info", fmt
        assert build_network(data, relation="funding").number_of_edges() == 1


def test_sample_relation_lists_have_no_repeats():
    # reports on several relations met when the union tie was formed; each relation once
    G = sysmap.load_sample("bildungsallianz", graph=True)
    for _, _, relation in G.edges(data="relation"):
        parts = relation.split("|")
        assert parts == sorted(set(parts))


# -- values build_network computes ---------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
def test_received_scales_are_kept_not_recomputed(tmp_path, fmt):
    # trust = mean of reliability, mission alignment and openness (PARTNER): B is
    # rated by A (4, 4, 4 -> 4) and by C (2, 2, 2 -> 2): trust_received = 3.0 from 2
    # ratings. Read back, the ties are undirected and A-B carries max(4, 3) = 4 only;
    # recomputing from them would give another number, so the value read is kept.
    survey = pd.DataFrame({
        "respondent": ["A", "C", "B"],
        "partner": ["B", "B", "A"],
        "reliability": [4, 2, 3],
        "mission_alignment": [4, 2, 3],
        "openness": [4, 2, 3],
    })
    G = build_network(read_survey(survey))
    assert (G.nodes["B"]["trust_received"], G.nodes["B"]["trust_ratings"]) == (3.0, 2)
    assert "trust_received" not in G.nodes["C"]  # nobody rated C
    _, H = round_trip(G, fmt, tmp_path)
    assert_same_network(G, H)


# -- ids and their type -------------------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
def test_integer_ids_stay_integers(tmp_path, fmt):
    K = nx.karate_club_graph()  # ids 0..33, attribute 'club', integer weights
    data, G = round_trip(K, fmt, tmp_path)
    assert data.actors.index.tolist() == list(range(34))
    assert all(type(v) is int for v in data.ties["source"])
    assert sorted(G.nodes) == list(range(34)) and G.number_of_edges() == 78
    assert G.nodes[0]["club"] == "Mr. Hi" and G.edges[0, 1]["weight"] == 4.0
    _, H = round_trip(G, fmt, tmp_path)
    assert_same_network(G, H)


@pytest.mark.parametrize("fmt", FORMATS)
def test_text_ids_that_look_like_numbers_stay_text(tmp_path, fmt):
    G = nx.Graph()
    G.add_edge("01", "2")  # "01" is not the text of an integer
    data, _ = round_trip(G, fmt, tmp_path)
    assert data.actors.index.tolist() == ["01", "2"]


def test_integer_id_records_in_the_files(tmp_path):
    G = nx.path_graph(3)
    assert nx.read_graphml(write_graphml(G, tmp_path / "g.graphml")).graph["node_id_type"] == "int"
    assert 'idtype="integer"' in write_gexf(G, tmp_path / "g.gexf").read_text(encoding="utf-8")
    settings = pd.read_excel(write_kumu(G, tmp_path / "g.xlsx"), sheet_name=KUMU_SETTINGS_SHEET)
    assert dict(zip(settings["key"], settings["value"]))["id_type"] == '"int"'
    H = nx.relabel_nodes(G, {0: "a"})
    assert "node_id_type" not in nx.read_graphml(write_graphml(H, tmp_path / "h.graphml")).graph


# -- Kumu -----------------------------------------------------------------------------
def test_kumu_types_direction_and_graph_attributes(tmp_path):
    G = nx.Graph(sysmap={"reader": "survey"})
    G.add_node("a", code="01067", count=3, share=2.0, member=True)  # text, int, float, bool
    G.add_node("b", count=None, member=False)
    G.add_node("c")  # an isolate of an undirected graph without ties between the others
    data = read_kumu(write_kumu(G, tmp_path / "k.xlsx"))
    assert not data.directed  # no connection says so: the settings sheet does
    actors = data.actors
    assert actors.loc["a", "code"] == "01067"
    assert str(actors["count"].dtype) == "Int64" and actors.loc["a", "count"] == 3
    assert actors.loc["a", "share"] == 2.0 and str(actors["share"].dtype) == "float64"
    assert str(actors["member"].dtype) == "boolean" and not actors.loc["b", "member"]
    assert data.provenance["graph"] == {"sysmap": {"reader": "survey"}}
    # Kumu itself imports only Elements and Connections
    with pd.ExcelFile(tmp_path / "k.xlsx") as book:
        assert book.sheet_names == ["Elements", "Connections", KUMU_SETTINGS_SHEET]


# -- Gephi's picture ------------------------------------------------------------------
GEPHI = """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
  <graph defaultedgetype="undirected" mode="static">
    <nodes>
      <node id="n0" label="Jugendamt Köln">
        <viz:size value="12.5"/><viz:position x="-120.5" y="40.0" z="0.0"/>
        <viz:color r="255" g="0" b="128"/>
      </node>
      <node id="n1" label="Café Olé">
        <viz:size value="5.0"/><viz:position x="80.0" y="-10.25" z="0.0"/>
        <viz:color r="0" g="114" b="178" a="0.5"/>
      </node>
      <node id="n2" label="北京"/>
    </nodes>
    <edges>
      <edge id="0" source="n0" target="n1"/>
      <edge id="1" source="n1" target="n2"/>
    </edges>
  </graph>
</gexf>
"""


@pytest.fixture
def gephi_file(tmp_path):
    path = tmp_path / "gephi.gexf"
    path.write_text(GEPHI, encoding="utf-8")
    return path


def test_gephi_picture_is_read(gephi_file):
    actors = read_gexf(gephi_file).actors
    assert actors.loc["n0", ["viz_x", "viz_y", "viz_size", "viz_color"]].tolist() == [
        -120.5, 40.0, 12.5, "#ff0080"]
    assert actors.loc["n1", "viz_color"] == "#0072b280"  # alpha 0.5 -> 128 = 0x80
    assert pd.isna(actors.loc["n2", "viz_x"])  # no picture for n2
    assert "viz_z" not in actors.columns  # all 0
    viz = read_gexf_viz(gephi_file)
    assert viz.index.tolist() == ["n0", "n1"]


def test_gephi_picture_survives_sysmap(gephi_file, tmp_path):
    # Gephi -> sysmap network -> GraphML -> sysmap -> GEXF: the same picture
    G = build_network(read_gexf(gephi_file))
    H = build_network(read_graphml(write_graphml(G, tmp_path / "g.graphml")))
    out = nx.read_gexf(write_gexf(H, tmp_path / "out.gexf"))
    original = nx.read_gexf(gephi_file)
    for node in ("n0", "n1"):
        assert out.nodes[node]["viz"] == original.nodes[node]["viz"], node
    assert "viz" not in out.nodes["n2"]


def test_write_gexf_takes_a_networkx_graph_with_viz(gephi_file, tmp_path):
    # networkx puts Gephi's picture in a 'viz' dictionary; writing it used to fail
    G = nx.read_gexf(gephi_file)
    out = nx.read_gexf(write_gexf(G, tmp_path / "out.gexf"))
    assert out.nodes["n1"]["viz"] == G.nodes["n1"]["viz"]
    assert out.nodes["n0"]["label"] == "Jugendamt Köln"
    assert nx.read_graphml(write_graphml(G, tmp_path / "g.graphml")).nodes["n0"]["viz_color"] \
        == "#ff0080"


def test_write_gexf_with_a_map_writes_its_picture(tmp_path):
    G = sysmap.load_sample("padgett_florentine", graph=True)
    m = network_map(G, color=None, size="degree", key_players=False, brokers=False)
    path = write_gexf(G, tmp_path / "map.gexf", layout=m)
    H = nx.read_gexf(path)
    for actor, row in m.nodes.iterrows():
        viz = H.nodes[actor]["viz"]
        # positions in pixels (layout units times the map's scale), size = drawn radius
        assert viz["position"]["x"] == pytest.approx(row["x"] * m.scale)
        assert viz["position"]["y"] == pytest.approx(row["y"] * m.scale)
        assert viz["size"] == pytest.approx(row["radius"])
        rgb = tuple(int(row["color"][i : i + 2], 16) for i in (1, 3, 5))
        assert (viz["color"]["r"], viz["color"]["g"], viz["color"]["b"]) == rgb
    # read back as a layout, the map's picture comes back at the map's scale
    back = read_layout(path) / m.scale
    assert np.allclose(back.loc[m.layout.index].to_numpy(), m.layout.to_numpy())


def test_gephi_layout_as_map_layout(gephi_file):
    G = build_network(read_gexf(gephi_file))
    m = network_map(G, layout=str(gephi_file), key_players=False)
    # n0 and n1 keep Gephi's positions exactly; n2 (no position) is placed next to n1
    assert m.layout.loc["n0"].tolist() == [-120.5, 40.0]
    assert m.layout.loc["n1"].tolist() == [80.0, -10.25]
    assert np.isfinite(m.layout.loc["n2"]).all()


def test_write_gexf_rejects_bad_pictures(tmp_path):
    G = nx.Graph()
    G.add_node("a", viz_color="red")
    with pytest.raises(ParameterError, match=r"viz_color of 'a' must be a colour '#RRGGBB'"):
        write_gexf(G, tmp_path / "x.gexf")
    with pytest.raises(ParameterError, match=r"the position of 'a' must be a pair"):
        write_gexf(nx.Graph([("a", "b")]), tmp_path / "x.gexf", layout={"a": (1,)})
    with pytest.raises(ParameterError, match="layout must be a table"):
        write_gexf(nx.Graph([("a", "b")]), tmp_path / "x.gexf", layout=[1, 2])


# -- layouts: networkx pos dictionaries, CSV and GEXF files ------------------------------
def test_layouts_from_networkx_and_files(tmp_path):
    G = nx.karate_club_graph()
    pos = nx.spring_layout(G, seed=1)
    table = as_layout(pos)
    assert table.loc[5].tolist() == [float(pos[5][0]), float(pos[5][1])]
    # a pos dict is a layout everywhere: the map and compute_layout keep it exactly
    m = network_map(G, layout=pos, key_players=False)
    assert np.array_equal(m.layout.loc[list(G)].to_numpy(), table.loc[list(G)].to_numpy())
    assert compute_layout(G, fixed=pos).loc[list(G)].equals(table.loc[list(G)])
    # saved as CSV and as GEXF, read back unchanged (GEXF keeps the integer ids)
    csv = read_layout(save_layout(pos, tmp_path / "layout.csv"))
    gexf = read_layout(save_layout(pos, tmp_path / "layout.gexf"))
    assert csv.index.tolist() == [str(n) for n in G]
    assert np.array_equal(csv.to_numpy(), table.to_numpy())
    assert gexf.index.tolist() == list(G)
    assert gexf.equals(table)
    assert m.save_layout(tmp_path / "map.gexf").exists()
    assert math.isclose(read_layout(tmp_path / "map.gexf").loc[0, "x"], m.layout.loc[0, "x"])


def test_bad_layouts(tmp_path):
    with pytest.raises(ParameterError, match="layout must be a table"):
        as_layout(42)
    with pytest.raises(ParameterError, match=r"the position of 'a' must be a pair"):
        as_layout({"a": "north"})
    G = nx.Graph()
    G.add_node("a")
    path = write_gexf(G, tmp_path / "nopos.gexf")
    with pytest.raises(sysmap.InputError, match="has no node positions"):
        read_layout(path)
    junk = tmp_path / "junk.gexf"
    junk.write_text("<gexf><graph", encoding="utf-8")
    with pytest.raises(sysmap.InputError, match="cannot be read as GEXF"):
        read_layout(junk)
