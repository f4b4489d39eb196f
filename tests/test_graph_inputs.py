"""The graphs researchers have: multigraphs, igraph graphs, group labels, seeds.

Every public function takes its graph through ``sysmap._graph.check_graph``, its
groups through ``sysmap._attributes.group_labels`` and its seed through
``sysmap._random.check_seed``; these tests pin the rules of the three (with
hand-counted values) and check that the functions of every package (metrics,
cluster, findings, compare, maps) accept the inputs with the same results as
the equivalent simple networkx graph, attribute or generator.
"""

from __future__ import annotations

import dataclasses
import math

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest

import sysmap
from sysmap import cluster, compare, findings, maps, metrics
from sysmap._attributes import UNKNOWN, group_labels
from sysmap._graph import check_graph, collapse_multigraph, from_igraph
from sysmap._random import check_seed, seed_int
from sysmap.exceptions import (
    GraphTypeError,
    MissingAttributeError,
    ParameterError,
)
from sysmap.metrics.tables import actor_metrics

# --------------------------------------------------------------------------- helpers


def assert_same(a: object, b: object) -> None:
    """Equal results of any type sysmap returns (frames, numbers, dataclasses, ...)."""
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b)
    elif isinstance(a, pd.Series):
        pd.testing.assert_series_equal(a, b)
    elif isinstance(a, np.ndarray):
        np.testing.assert_array_equal(a, b)
    elif dataclasses.is_dataclass(a):
        assert type(a) is type(b)
        for field in dataclasses.fields(a):
            assert_same(getattr(a, field.name), getattr(b, field.name))
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b)
        for x, y in zip(a, b):
            assert_same(x, y)
    elif isinstance(a, dict):
        assert a.keys() == b.keys()
        for key in a:
            assert_same(a[key], b[key])
    elif isinstance(a, float) and math.isnan(a):
        assert math.isnan(b)
    else:
        assert a == b


@pytest.fixture(scope="module")
def karate() -> nx.Graph:
    """Zachary's karate club with ``sector`` = the club each member joined."""
    G = nx.karate_club_graph()
    for _, data in G.nodes(data=True):
        data["sector"] = data.pop("club")
    return G


def _doubled(G: nx.Graph) -> nx.MultiGraph | nx.MultiDiGraph:
    """`G` as a multigraph in which every tie between actors 0-9 appears twice."""
    M = nx.MultiDiGraph(G) if G.is_directed() else nx.MultiGraph(G)
    for u, v, data in list(G.edges(data=True)):
        if u < 10 and v < 10:
            M.add_edge(u, v, **data)
    return M


# --------------------------------------------------------------------------- the collapse rule


def test_parallel_ties_collapse_by_the_documented_rule():
    """Hand-counted: weight adds up (1 per tie without one), numbers take the max,
    text joins its distinct parts with '|', as build_network writes ``relation``."""
    M = nx.MultiGraph()
    M.add_node("d", sector="Schools")  # an isolate stays
    M.add_edge("a", "b", relation="grants", trust=2)
    M.add_edge("a", "b", relation="joint programs", trust=4)
    M.add_edge("b", "a", relation="grants")  # the same pair, the other way round
    M.add_edge("b", "c", weight=2.5)
    M.add_edge("b", "c", weight=0.5, relation="committees|grants")
    M.add_edge("c", "c")
    G = collapse_multigraph(M)
    assert type(G) is nx.Graph and sorted(G) == ["a", "b", "c", "d"]
    assert G.nodes["d"] == {"sector": "Schools"}
    assert G.edges["a", "b"] == {"relation": "grants|joint programs", "trust": 4, "weight": 3}
    assert G.edges["b", "c"] == {"relation": "committees|grants", "weight": 3.0}
    assert G.edges["c", "c"] == {"weight": 1}
    assert G.graph["sysmap"]["multigraph"] == {"ties": 6, "pairs": 3}
    assert M.number_of_edges() == 6  # the input is not changed


def test_directed_parallel_ties_collapse_per_ordered_pair():
    M = nx.MultiDiGraph([("a", "b"), ("a", "b"), ("b", "a"), ("a", "c")])
    G = check_graph(M)
    assert type(G) is nx.DiGraph
    assert dict(G.edges) == {
        ("a", "b"): {"weight": 2},
        ("b", "a"): {"weight": 1},
        ("a", "c"): {"weight": 1},
    }


def test_collapse_keeps_lists_and_refuses_text_weights():
    M = nx.MultiGraph([(1, 2, {"relation": ["b", "a"]}), (1, 2, {"relation": ["c", "a"]})])
    assert collapse_multigraph(M).edges[1, 2]["relation"] == ["a", "b", "c"]
    with pytest.raises(ParameterError, match=r"parallel ties \(1, 2\) have weight='heavy'"):
        collapse_multigraph(nx.MultiGraph([(1, 2, {"weight": "heavy"}), (1, 2)]))


def test_graph_type_hints_name_the_choice():
    M = nx.MultiGraph([(1, 2), (1, 2)])
    assert check_graph(M, directed=False).edges[1, 2]["weight"] == 2  # no hint: accepted
    with pytest.raises(GraphTypeError, match="must be directed.*symmetrize=None"):
        check_graph(M, directed=True)
    with pytest.raises(GraphTypeError, match="must be undirected.*undirected_network.*'union'"):
        check_graph(nx.MultiDiGraph([(1, 2)]), directed=False)
    with pytest.raises(GraphTypeError, match="networkx graph .* or an igraph.Graph; got dict"):
        check_graph({1: [2]})


# --------------------------------------------------------------------------- igraph


def test_igraph_conversion_keeps_attributes_and_names():
    H = ig.Graph(
        [(0, 1), (1, 2), (1, 2)],
        directed=True,
        graph_attrs={"title": "wave 1"},
        vertex_attrs={"name": ["Stadt", "Schule", "Verein"], "sector": ["City", None, "Civil"]},
        edge_attrs={"trust": [3, 4, 5], "relation": ["grants", "grants", "joint programs"]},
    )
    M = from_igraph(H)
    assert type(M) is nx.MultiDiGraph and M.graph == {"title": "wave 1"}
    assert dict(M.nodes(data=True)) == {
        "Stadt": {"name": "Stadt", "sector": "City"},
        "Schule": {"name": "Schule"},  # igraph's None fill is left out
        "Verein": {"name": "Verein", "sector": "Civil"},
    }
    G = check_graph(H)  # converted and the parallel edges collapsed
    assert type(G) is nx.DiGraph
    assert G.edges["Stadt", "Schule"] == {"trust": 3, "relation": "grants", "weight": 1}
    assert G.edges["Schule", "Verein"] == {
        "trust": 5,
        "relation": "grants|joint programs",
        "weight": 2,
    }


def test_igraph_without_usable_names_uses_vertex_indices():
    assert sorted(from_igraph(ig.Graph([(0, 1), (1, 2)]))) == [0, 1, 2]
    twins = from_igraph(ig.Graph([(0, 1)], vertex_attrs={"name": ["x", "x"]}))
    assert dict(twins.nodes(data="name")) == {0: "x", 1: "x"}  # kept as an attribute


def test_igraph_results_equal_networkx_results(karate):
    """Zachary's club built in igraph (its own copy) and in networkx give the same numbers."""
    H = ig.Graph.Famous("Zachary")
    G = nx.Graph(H.get_edgelist())
    assert_same(metrics.betweenness(H), metrics.betweenness(G))
    assert_same(metrics.constraint(H), metrics.constraint(G))
    assert metrics.density(H) == pytest.approx(78 / (34 * 33 / 2), abs=1e-15)  # 78 ties
    assert_same(cluster.communities(H, seed=0), cluster.communities(G, seed=0))


# --------------------------------------------------------------------------- everywhere


def _calls(directed: bool):
    """(name, function of one graph) for the public functions of every package."""
    calls = [
        ("degree", lambda G: metrics.degree(G, weight="weight")),
        ("betweenness", lambda G: metrics.betweenness(G)),
        ("closeness", lambda G: metrics.closeness(G)),
        ("harmonic", lambda G: metrics.harmonic(G)),
        ("density", lambda G: metrics.density(G)),
        ("centralization", lambda G: metrics.centralization(G, "betweenness")),
        ("network_summary", lambda G: metrics.network_summary(G)),
        ("group_summary", lambda G: metrics.group_summary(G, "sector")),
        ("fragmentation", lambda G: metrics.fragmentation(G)),
        ("distance_fragmentation", lambda G: metrics.distance_fragmentation(G)),
        ("fragmentation_impact", lambda G: metrics.fragmentation_impact(G)),
        ("cut_points", lambda G: metrics.cut_points(G)),
        ("key_players", lambda G: metrics.key_players(G, 2, seed=0)),
        ("group_centrality", lambda G: metrics.group_centrality(G, [0, 33])),
        (
            "structural_hole_measures",
            lambda G: metrics.structural_hole_measures(G, weight="weight"),
        ),
        ("ei_index", lambda G: metrics.ei_index(G, "sector")),
        ("mixing_matrix", lambda G: metrics.mixing_matrix(G, "sector", weight="weight")),
        ("tie_measures", lambda G: metrics.tie_measures(G, group="sector")),
        ("weak_tie_summary", lambda G: metrics.weak_tie_summary(G, threshold=2)),
        ("communities", lambda G: cluster.communities(G, seed=0)),
        ("consensus_communities", lambda G: cluster.consensus_communities(G, n_runs=3, seed=0)),
        ("core_periphery", lambda G: cluster.core_periphery(G, seed=0)),
        ("actor_features", lambda G: cluster.actor_features(G, group="sector")),
        ("attribute_modularity", lambda G: cluster.attribute_modularity(G, "sector")),
        ("tie_churn", lambda G: compare.tie_churn(G, G, group="sector")),
        ("density_change", lambda G: compare.density_change(G, G, seed=0)),
        ("compute_layout", lambda G: maps.compute_layout(G, seed=0)),
        ("network_map", lambda G: maps.network_map(G, seed=0).nodes),
        ("find_gaps", lambda G: findings.find_gaps(G, seed=0, robustness=False).to_frame()),
    ]
    if directed:
        calls.append(("brokerage_roles", lambda G: metrics.brokerage_roles(G, "sector")))
    return calls


@pytest.mark.parametrize("directed", [False, True], ids=["MultiGraph", "MultiDiGraph"])
def test_every_package_accepts_multigraphs(karate, directed):
    """A multigraph gives what its collapsed graph gives (the rule tested above)."""
    G = karate.to_directed() if directed else karate
    M = _doubled(G)
    simple = collapse_multigraph(M)
    # networkx's karate club carries Zachary's interaction counts as weight (0-1: 4)
    assert simple.edges[0, 1]["weight"] == 2 * 4 and simple.edges[0, 31]["weight"] == 2
    for name, call in _calls(directed):
        try:
            assert_same(call(M), call(simple))
        except AssertionError as exc:  # name the function that differs
            raise AssertionError(f"{name}: {exc}") from exc


def test_every_package_accepts_igraph_graphs(karate):
    H = ig.Graph.from_networkx(karate)  # vertex attribute "_nx_name" holds the ids
    H.vs["name"] = H.vs["_nx_name"]
    del H.vs["_nx_name"]
    G = from_igraph(H)
    assert sorted(G) == sorted(karate) and G.nodes[0] == {**karate.nodes[0], "name": 0}
    for name, call in _calls(directed=False):
        try:
            assert_same(call(H), call(G))
        except AssertionError as exc:
            raise AssertionError(f"{name}: {exc}") from exc


def test_panel_and_build_network_accept_them(karate):
    M = _doubled(karate)
    panel = compare.Panel.from_graphs([M, karate], labels=["a", "b"])
    assert panel.graphs["a"].edges[0, 1]["weight"] == 2 * 4  # weights add up
    H = sysmap.build_network(M)
    assert type(H) is nx.Graph and H.edges[0, 1]["weight"] == 2 * 4
    assert H.graph["sysmap"]["multigraph"] == {"ties": 78 + 18, "pairs": 78}  # 18 ties among 0-9


# --------------------------------------------------------------------------- build_network(G)


def test_build_network_passes_a_graph_through_as_a_copy(karate):
    G = sysmap.build_network(karate)
    assert G is not karate and nx.to_dict_of_dicts(G) == nx.to_dict_of_dicts(karate)
    assert dict(G.nodes(data=True)) == dict(karate.nodes(data=True))
    G.nodes[0]["sector"] = "changed"
    assert karate.nodes[0]["sector"] != "changed"
    info = G.graph["sysmap"]
    assert info["source"] == "networkx.Graph" and info["symmetrize"] is None
    assert info["sysmap_version"] == sysmap.__version__ and "created" in info


def test_build_network_applies_the_default_rule_to_a_graph_of_reports():
    """A directed survey graph (respondent status known) is reconstructed ("union")."""
    D = nx.DiGraph([("a", "b", {"intensity": 2}), ("b", "a", {"intensity": 4}), ("a", "c")])
    nx.set_node_attributes(
        D, {"a": "responded", "b": "responded", "c": "did_not_respond"}, "status"
    )
    G = sysmap.build_network(D)
    assert type(G) is nx.Graph and G.graph["sysmap"]["symmetrize"] == "union"
    assert sorted(G.edges) == [("a", "b"), ("a", "c")]
    assert G.edges["a", "b"]["intensity"] == 4  # combine="max" of the two reports
    kept = sysmap.build_network(D, symmetrize=None, weight="intensity")
    assert type(kept) is nx.DiGraph and kept.edges["b", "a"]["weight"] == 4
    with pytest.raises(ParameterError, match="relation= selects relation types"):
        sysmap.build_network(D, relation="grants")
    with pytest.raises(ParameterError, match="weight='trust' is not a tie attribute"):
        sysmap.build_network(D, weight="trust")


# --------------------------------------------------------------------------- group labels


def test_group_labels_from_a_dict_or_series_equal_the_attribute(karate):
    """R's sna::brokerage(g, cl) takes the labels as a vector; sysmap takes a dict or
    a Series indexed by actor, with the results of the node attribute."""
    D = karate.to_directed()
    by_attribute = metrics.brokerage_roles(D, "sector")
    labels = dict(karate.nodes(data="sector"))
    series = pd.Series(labels, name="sector")
    assert_same(metrics.brokerage_roles(D, labels), by_attribute)
    assert_same(metrics.brokerage_roles(D, series), by_attribute)
    assert_same(metrics.ei_index(karate, series), metrics.ei_index(karate, "sector"))
    assert_same(
        compare.tie_churn(karate, karate, group=series),
        compare.tie_churn(karate, karate, group="sector"),
    )
    table = actor_metrics(karate, group=series, distance=False)
    assert table["sector"].equals(group_labels(karate, "sector"))


def test_group_labels_given_cover_missing_actors_with_explicit_groups():
    G = nx.path_graph(4)
    G.nodes[3]["status"] = "not_on_roster"
    got = group_labels(G, {0: "City", 1: " ", 9: "Elsewhere"})
    assert got.tolist() == ["City", UNKNOWN, UNKNOWN, "not on the member list"]
    assert got.name == "group"  # a dict has no name
    assert group_labels(G, pd.Series({0: "City"}, name="sector")).name == "sector"


def test_group_labels_given_errors():
    G = nx.path_graph(3)
    with pytest.raises(ParameterError, match="give a dict|dict \\{actor: label\\}"):
        group_labels(G, ["a", "b", "c"])
    with pytest.raises(ParameterError, match="repeats \\[0\\]"):
        group_labels(G, pd.Series(["a", "b"], index=[0, 0]))
    with pytest.raises(MissingAttributeError, match="labels given are for \\['x'\\]"):
        group_labels(G, {"x": "a"})


# --------------------------------------------------------------------------- seeds


def _twister(seed: int) -> np.random.Generator:
    """A Generator over the Mersenne Twister in the state of ``RandomState(seed)``."""
    bits = np.random.MT19937()
    bits.state = np.random.RandomState(seed).get_state(legacy=False)
    return np.random.Generator(bits)


def test_a_randomstate_draws_what_its_twister_draws():
    """RandomState(s) is equivalent to Generator(MT19937 in RandomState(s)'s state),
    not to the int s (default_rng(s) is PCG64): that is what "equivalent" means."""
    rs = np.random.RandomState(3)
    got = check_seed(rs).random(5)
    np.testing.assert_array_equal(got, _twister(3).random(5))
    assert not np.array_equal(got, check_seed(3).random(5))
    assert rs.get_state()[2] != np.random.RandomState(3).get_state()[2]  # rs advanced


def test_functions_give_the_same_result_for_equivalent_seeds(karate):
    for call in (
        lambda s: metrics.betweenness(karate, sample=5, seed=s),
        lambda s: cluster.consensus_communities(karate, n_runs=3, seed=s).labels,
        lambda s: maps.compute_layout(karate, seed=s),
    ):
        assert_same(call(np.random.RandomState(7)), call(_twister(7)))
        assert_same(call(np.random.RandomState(7)), call(np.random.RandomState(7)))
        assert_same(call(7), call(np.random.default_rng(7)))


def test_seed_errors_and_int_seeds():
    for bad in (-1, 1.5, True, "0"):
        with pytest.raises(ParameterError, match="seed must be None, an int >= 0"):
            check_seed(bad)
    assert seed_int(11) == 11
    assert seed_int(np.random.RandomState(0)) == seed_int(_twister(0))
    with pytest.raises(ParameterError, match="seed must be"):
        findings.find_gaps(nx.path_graph(3), seed=2.5)
