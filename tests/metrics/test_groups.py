"""Tests for sysmap.metrics.groups (E-I index, mixing matrix).

Where the numbers come from
---------------------------
* Toy graphs and the Knoke information network (tests/data/knoke_bureaucracies,
  partition ``gov``): tie counts listed and counted by hand in the comments.
* Minimum/maximum and expected E-I: checked against exhaustive enumeration of
  every graph with m ties / every relabelling on small graphs.
* Permutation p-values: reproduced by relabelling the graph itself with the
  documented permutation stream.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
import sysmap_test_strategies as strategies
from hypothesis import given, settings
from hypothesis import strategies as st

from sysmap._random import check_seed
from sysmap.exceptions import GraphTypeError, MissingAttributeError, ParameterError
from sysmap.metrics.groups import EIResult, ei_index, mixing_matrix, mixing_table

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def toy() -> nx.Graph:
    """a - b - c - x - y, A = {a, b, c}, B = {x, y}, plus isolate z in B."""
    G = nx.Graph([("a", "b"), ("b", "c"), ("c", "x"), ("x", "y")])
    G.add_node("z")
    nx.set_node_attributes(
        G, {"a": "A", "b": "A", "c": "A", "x": "B", "y": "B", "z": "B"}, "sector"
    )
    return G


@pytest.fixture(scope="module")
def knoke() -> nx.DiGraph:
    nodes = pd.read_csv(DATA / "knoke_bureaucracies/nodes.csv")
    edges = pd.read_csv(DATA / "knoke_bureaucracies/edges_information.csv")
    G = nx.DiGraph()
    G.add_nodes_from(
        (int(r["id"]), {"gov": int(r["gov"]), "sector": r["sector"]}) for _, r in nodes.iterrows()
    )
    G.add_edges_from(zip(edges["source"].astype(int), edges["target"].astype(int)))
    return G


def naive_ei(G: nx.Graph, group: str) -> float:
    g = nx.get_node_attributes(G, group)
    ties = [(u, v) for u, v in G.edges() if u != v]
    ext = sum(g[u] != g[v] for u, v in ties)
    return (2 * ext - len(ties)) / len(ties) if ties else math.nan


# --------------------------------------------------------------------------- E-I by hand


def test_ei_toy_by_hand(toy):
    # Ties: a-b (I), b-c (I), c-x (E), x-y (I): E = 1, I = 3 -> (1 - 3) / 4 = -0.5.
    # Sizes A = 3, B = 3 (with z): I_possible = 3 + 3 = 6, E_possible = 9,
    # expected = (9 - 6) / 15 = 0.2. m = 4: max E = 4 -> +1; max I = 4 -> -1;
    # rescaled = 2 * (-0.5 + 1) / 2 - 1 = -0.5.
    res = ei_index(toy, "sector")
    assert isinstance(res, EIResult)
    assert (res.external, res.internal) == (1, 3)
    assert (res.possible_external, res.possible_internal) == (9, 6)
    assert res.network == -0.5
    assert res.expected == pytest.approx(0.2, abs=1e-15)
    assert (res.minimum, res.maximum) == (-1.0, 1.0)
    assert res.rescaled == pytest.approx(-0.5, abs=1e-15)
    assert math.isnan(res.p_value) and res.n_permutations == 0


def test_ei_toy_groups_and_actors(toy):
    # Group A: internal a-b, b-c = 2; external c-x = 1 -> (1 - 2) / 3.
    # Group B: internal x-y = 1; external c-x = 1 -> 0. Sizes 3 and 3.
    # Actors: a (I=1) -1; b (I=2) -1; c (I=1, E=1) 0; x (E=1, I=1) 0; y (I=1) -1; z isolate NaN.
    res = ei_index(toy, "sector")
    assert res.groups.index.name == "group"
    assert res.groups.loc["A"].tolist() == pytest.approx([2, 1, -1 / 3, 3])
    assert res.groups.loc["B"].tolist() == [1, 1, 0.0, 3]
    assert list(res.groups.columns) == ["internal", "external", "ei_index", "size"]
    assert res.actors.index.name == "actor"
    assert list(res.actors.index) == ["a", "b", "c", "x", "y", "z"]
    np.testing.assert_array_equal(res.actors["ei_index"], [-1, -1, 0, 0, -1, np.nan])


def test_ei_knoke_information_gov_by_hand(knoke):
    # gov = {1 COUN, 3 EDUC, 5 MAYR, 9 WELF}, non-gov = the other six. The 49 arcs:
    #   gov -> gov (7):  1->5 1->9 3->5 5->1 5->3 5->9 9->5
    #   non -> non (13): 2->4 2->7 2->8 4->2 4->7 6->7 7->2 7->4 8->2 8->4 8->7 10->2 10->7
    #   gov -> non (14): 1->2 1->7 3->2 3->4 3->6 3->7 3->10 5->2 5->4 5->7 5->8 5->10 9->2 9->7
    #   non -> gov (15): 2->1 2->3 2->5 2->9 4->1 4->5 6->3 6->9 7->5 8->1 8->5 8->9
    #                    10->1 10->3 10->5
    # I = 20, E = 29: E-I = 9/49. Ordered pairs: I_p = 4*3 + 6*5 = 42, E_p = 2*4*6 = 48,
    # expected = 6/90. max = (2*48 - 49)/49 = 47/49; min = (49 - 2*42)/49 = -35/49;
    # rescaled = 2 * (9/49 + 35/49) / (82/49) - 1 = 6/82.
    res = ei_index(knoke, "gov")
    assert (res.internal, res.external) == (20, 29)
    assert (res.possible_internal, res.possible_external) == (42, 48)
    assert res.network == pytest.approx(9 / 49, abs=1e-15)
    assert res.expected == pytest.approx(6 / 90, abs=1e-15)
    assert res.maximum == pytest.approx(47 / 49, abs=1e-15)
    assert res.minimum == pytest.approx(-35 / 49, abs=1e-15)
    assert res.rescaled == pytest.approx(6 / 82, abs=1e-15)
    # Groups: gov internal 7, external 29 -> 22/36; non-gov internal 13, external 29 -> 16/42.
    assert res.groups.loc[1].tolist() == pytest.approx([7, 29, 22 / 36, 4])
    assert res.groups.loc[0].tolist() == pytest.approx([13, 29, 16 / 42, 6])
    # Actor 1 (COUN): out 1->2 E, 1->5 I, 1->7 E, 1->9 I; in 2->1 E, 4->1 E, 5->1 I,
    # 8->1 E, 10->1 E: E = 6, I = 3 -> 1/3.
    assert res.actors.loc[1, "ei_index"] == pytest.approx(1 / 3, abs=1e-15)


def test_ei_directed_counts_each_arc(knoke):
    # Directed: every arc counts once (no symmetrising); undirected: every edge once.
    assert ei_index(knoke, "sector").network == pytest.approx(naive_ei(knoke, "sector"), abs=1e-15)
    G = knoke.to_undirected()
    assert ei_index(G, "sector").network == pytest.approx(naive_ei(G, "sector"), abs=1e-15)


def test_ei_no_ties():
    G = nx.empty_graph(3)
    nx.set_node_attributes(G, {0: "A", 1: "A", 2: "B"}, "g")
    res = ei_index(G, "g", n_permutations=5, seed=0)
    assert math.isnan(res.network) and math.isnan(res.rescaled)
    assert res.expected == pytest.approx((2 - 1) / 3)
    assert res.actors["ei_index"].isna().all()
    assert res.groups["ei_index"].isna().all()


def test_ei_self_loops_ignored(toy):
    H = toy.copy()
    H.add_edges_from([("a", "a"), ("z", "z")])
    a, b = ei_index(toy, "sector"), ei_index(H, "sector")
    assert (a.network, a.external, a.internal) == (b.network, b.external, b.internal)
    pd.testing.assert_frame_equal(a.actors, b.actors)


@pytest.mark.parametrize("sizes", [(2, 2), (3, 1), (2, 1, 1), (3, 2)])
def test_minimum_maximum_by_enumeration(sizes):
    # Every undirected graph with m ties on these groups: min and max E-I attained.
    labels = [g for g, size in enumerate(sizes) for _ in range(size)]
    n = len(labels)
    dyads = list(itertools.combinations(range(n), 2))
    for m in range(1, len(dyads) + 1):
        values = []
        for ties in itertools.combinations(dyads, m):
            ext = sum(labels[u] != labels[v] for u, v in ties)
            values.append((2 * ext - m) / m)
        G = nx.Graph(list(dyads[:m]))
        G.add_nodes_from(range(n))
        nx.set_node_attributes(G, dict(enumerate(labels)), "g")
        res = ei_index(G, "g")
        assert res.minimum == pytest.approx(min(values), abs=1e-15)
        assert res.maximum == pytest.approx(max(values), abs=1e-15)


def test_expected_is_mean_over_all_relabellings():
    # Exhaustive over relabellings of a 6-actor graph: mean E-I equals `expected`.
    G = nx.DiGraph([(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (0, 5), (5, 0)])
    labels = ["A", "A", "B", "B", "B", "C"]
    values = []
    for perm in itertools.permutations(range(6)):
        nx.set_node_attributes(G, {i: labels[perm[i]] for i in range(6)}, "g")
        values.append(naive_ei(G, "g"))
    nx.set_node_attributes(G, dict(enumerate(labels)), "g")
    assert ei_index(G, "g").expected == pytest.approx(np.mean(values), abs=1e-12)


# --------------------------------------------------------------------------- permutations


def test_permutation_p_values_reproduce_relabelling(knoke):
    B, seed = 60, 17
    res = ei_index(knoke, "sector", n_permutations=B, seed=seed)
    nodes = sorted(knoke)
    values = [knoke.nodes[v]["sector"] for v in nodes]
    rng = check_seed(seed)
    obs = naive_ei(knoke, "sector")
    perm_values = []
    for _ in range(B):
        perm = rng.permutation(len(nodes))
        H = knoke.copy()
        nx.set_node_attributes(H, {v: values[perm[i]] for i, v in enumerate(nodes)}, "sector")
        perm_values.append(naive_ei(H, "sector"))
    perm_values = np.array(perm_values)
    tol = 1e-12
    assert res.p_greater == (1 + np.sum(perm_values >= obs - tol)) / (1 + B)
    assert res.p_less == (1 + np.sum(perm_values <= obs + tol)) / (1 + B)
    dev = np.abs(perm_values - res.expected)
    assert res.p_value == (1 + np.sum(dev >= abs(obs - res.expected) - tol)) / (1 + B)
    assert res.n_permutations == B


def test_permutations_deterministic(knoke):
    a = ei_index(knoke, "sector", n_permutations=200, seed=3)
    b = ei_index(knoke, "sector", n_permutations=200, seed=np.random.default_rng(3))
    assert (a.p_value, a.p_greater, a.p_less) == (b.p_value, b.p_greater, b.p_less)
    assert 1 / 201 <= a.p_value <= 1


def test_strongly_segregated_network_is_significant():
    # Two cliques of 6 with one bridge: E-I far below its expectation.
    G = nx.barbell_graph(6, 0)
    nx.set_node_attributes(G, {i: "L" if i < 6 else "R" for i in G}, "g")
    res = ei_index(G, "g", n_permutations=200, seed=0)
    assert res.network < res.expected
    assert res.p_less == pytest.approx(1 / 201)
    assert res.p_value == pytest.approx(1 / 201)
    assert res.p_greater == 1.0


# --------------------------------------------------------------------------- errors


def test_missing_group_value_is_an_explicit_group(toy):
    # z (isolate) loses its sector: it forms the group "unknown", listed last;
    # the ties and so E and I are unchanged (z has no tie), the sizes change.
    del toy.nodes["z"]["sector"]
    res = ei_index(toy, "sector")
    assert res.groups.index.tolist() == ["A", "B", "unknown"]
    assert res.groups["size"].tolist() == [3, 2, 1]
    assert (res.external, res.internal) == (1, 3)
    assert mixing_matrix(toy, "sector").index.tolist() == ["A", "B", "unknown"]


def test_group_attribute_absent_from_every_actor(toy):
    with pytest.raises(MissingAttributeError, match=r"'region'.*\['sector'\].*member list"):
        ei_index(toy, "region")
    with pytest.raises(MissingAttributeError, match="'region'"):
        mixing_table(toy, "region")


def test_bad_arguments(toy):
    with pytest.raises(ParameterError, match="n_permutations"):
        ei_index(toy, "sector", n_permutations=-3)
    with pytest.raises(ParameterError, match="normalize"):
        mixing_matrix(toy, "sector", normalized="row")
    with pytest.raises(GraphTypeError):
        ei_index({1: [2]}, "g")


# --------------------------------------------------------------------------- mixing


def test_mixing_matrix_directed_by_hand(knoke):
    # Counts from the arc lists in test_ei_knoke_information_gov_by_hand (rows send).
    counts = mixing_matrix(knoke, "gov", normalized=None)
    assert counts.loc[1, 1] == 7 and counts.loc[0, 0] == 13
    assert counts.loc[1, 0] == 14 and counts.loc[0, 1] == 15
    assert counts.to_numpy().dtype == np.int64
    # Densities: ordered pairs 4*3, 6*5 on the diagonal, 4*6 off it.
    dens = mixing_matrix(knoke, "gov")
    np.testing.assert_allclose(dens.loc[[0, 1], [0, 1]], [[13 / 30, 15 / 24], [14 / 24, 7 / 12]])
    share = mixing_matrix(knoke, "gov", normalized="total")
    assert share.to_numpy().sum() == pytest.approx(1.0)


def test_mixing_matrix_undirected_by_hand(toy):
    # A-A: a-b, b-c = 2 of 3 pairs; A-B: c-x = 1 of 3*3 = 9; B-B: x-y = 1 of 3 pairs.
    counts = mixing_matrix(toy, "sector", normalized=None)
    assert counts.to_numpy().tolist() == [[2, 1], [1, 1]]
    dens = mixing_matrix(toy, "sector")
    np.testing.assert_allclose(dens.to_numpy(), [[2 / 3, 1 / 9], [1 / 9, 1 / 3]])
    share = mixing_matrix(toy, "sector", normalized="total")
    assert np.triu(share.to_numpy()).sum() == pytest.approx(1.0)
    assert share.loc["A", "B"] == pytest.approx(0.25)


def test_mixing_matrix_weighted(toy):
    nx.set_edge_attributes(toy, {("a", "b"): 2.0, ("b", "c"): 3.0, ("c", "x"): 4.0}, "weight")
    # x-y has no weight: counts as 1.
    w = mixing_matrix(toy, "sector", normalized=None, weight="weight")
    assert w.to_numpy().tolist() == [[5.0, 4.0], [4.0, 1.0]]
    assert mixing_matrix(toy, "sector", weight="weight").loc["A", "A"] == pytest.approx(5 / 3)


def test_mixing_matrix_singleton_diagonal_nan():
    G = nx.Graph([(0, 1)])
    nx.set_node_attributes(G, {0: "A", 1: "B"}, "g")
    dens = mixing_matrix(G, "g")
    assert math.isnan(dens.loc["A", "A"]) and dens.loc["A", "B"] == 1.0


def test_mixing_table(toy, knoke):
    tab = mixing_table(toy, "sector")
    assert list(tab.columns) == ["source", "target", "ties", "possible", "density"]
    assert tab[["source", "target"]].to_numpy().tolist() == [["A", "A"], ["A", "B"], ["B", "B"]]
    assert tab["ties"].tolist() == [2, 1, 1] and tab["possible"].tolist() == [3, 9, 3]
    directed = mixing_table(knoke, "gov")
    assert len(directed) == 4
    row = directed[(directed.source == 1) & (directed.target == 0)].iloc[0]
    assert (row.ties, row.possible) == (14, 24)


# --------------------------------------------------------------------------- properties


def graphs():
    """Small networks with groups P, Q, R (attribute ``g``), repeated ties and self-loops."""
    return strategies.graphs(distinct=False, max_ties=25, self_loops=True, groups="PQR")


@settings(max_examples=50, deadline=None)
@given(G=graphs())
def test_ei_consistency(G):
    res = ei_index(G, "g")
    want = naive_ei(G, "g")
    if math.isnan(want):
        assert math.isnan(res.network)
        return
    assert res.network == pytest.approx(want, abs=1e-12)
    assert res.minimum - 1e-12 <= res.network <= res.maximum + 1e-12
    if not math.isnan(res.rescaled):
        assert -1 - 1e-12 <= res.rescaled <= 1 + 1e-12
    # Groups see each internal tie once and each external tie from both sides.
    assert res.groups["internal"].sum() == res.internal
    assert res.groups["external"].sum() == 2 * res.external
    # The mixing matrix holds the same counts.
    counts = mixing_matrix(G, "g", normalized=None).to_numpy()
    assert np.trace(counts) == res.internal
    off = counts.sum() - np.trace(counts)
    assert off == (res.external if G.is_directed() else 2 * res.external)


@settings(max_examples=50, deadline=None)
@given(G=graphs(), data=st.data())
def test_ei_relabelling_permutes_rows(G, data):
    perm = data.draw(st.permutations(list(G)))
    mapping = {v: f"org{perm[i]}" for i, v in enumerate(G)}
    a = ei_index(G, "g")
    b = ei_index(nx.relabel_nodes(G, mapping), "g")
    assert (a.external, a.internal) == (b.external, b.internal)
    np.testing.assert_array_equal(
        b.actors.loc[[mapping[v] for v in a.actors.index], "ei_index"].to_numpy(),
        a.actors["ei_index"].to_numpy(),
    )
    pd.testing.assert_frame_equal(a.groups, b.groups)


@settings(max_examples=50, deadline=None)
@given(G=graphs())
def test_ei_isolate_leaves_other_rows(G):
    a = ei_index(G, "g")
    H = G.copy()
    H.add_node(100, g="P")
    b = ei_index(H, "g")
    pd.testing.assert_frame_equal(b.actors.drop(index=100), a.actors)
    assert math.isnan(b.actors.loc[100, "ei_index"])
    assert (a.external, a.internal) == (b.external, b.internal)
