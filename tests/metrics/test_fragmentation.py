"""Tests for sysmap.metrics.fragmentation.

Reference values come from three independent sources, each cited at the test:
hand computations written out in comments; R (sna 2.7-1, igraph 1.3.5, R 4.2.2,
Debian bookworm) via ``Rscript tests/data/sna_fragmentation_reference.R``, whose
output lines are quoted; and brute-force definitions written naively in this
file with networkx (remove the actor, recount every pair).
"""

from __future__ import annotations

import importlib
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

import sysmap._graph as sysmap_graph
from sysmap.exceptions import GraphTypeError, ParameterError
from sysmap.metrics.fragmentation import (
    bridges,
    cut_points,
    distance_fragmentation,
    fragmentation,
    fragmentation_impact,
)

# the engine module, for the private helpers the measures share
fm = importlib.import_module("sysmap.metrics._fragmentation_engine")

DATA = Path(__file__).resolve().parents[1] / "data"
READINGS = ["weak", "strong", "reachability"]


# ---------------------------------------------------------------------------
# fixtures: real networks (tests/data, with provenance in each README.md)
# ---------------------------------------------------------------------------


def _load(folder: str, edges: str, nodes: str, directed: bool) -> nx.Graph:
    node_table = pd.read_csv(DATA / folder / nodes)
    edge_table = pd.read_csv(DATA / folder / edges)
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(int(i) for i in node_table["id"])
    G.add_edges_from(zip(edge_table["source"].astype(int), edge_table["target"].astype(int)))
    return G


@pytest.fixture(scope="module")
def padgett_marriage() -> nx.Graph:
    """Padgett marriage ties, 16 families including the isolate Pucci (id 12)."""
    return _load("padgett_florentine", "edges_marriage.csv", "nodes.csv", False)


@pytest.fixture(scope="module")
def padgett_business() -> nx.Graph:
    return _load("padgett_florentine", "edges_business.csv", "nodes.csv", False)


@pytest.fixture(scope="module")
def zachary() -> nx.Graph:
    return _load("zachary_karate", "edges.csv", "nodes.csv", False)


@pytest.fixture(scope="module")
def cheyenne() -> nx.DiGraph:
    """Drabek EMON, Cheyenne site: 14 organisations, directed."""
    return _load("emon_drabek", "edges_Cheyenne.csv", "nodes_Cheyenne.csv", True)


@pytest.fixture(scope="module")
def mtsi() -> nx.DiGraph:
    """Drabek EMON, Mt. Si site: 13 organisations, directed, several isolates."""
    return _load("emon_drabek", "edges_MtSi.csv", "nodes_MtSi.csv", True)


# ---------------------------------------------------------------------------
# naive reference definitions (brute force, networkx only)
# ---------------------------------------------------------------------------


def naive_connected(G: nx.Graph, reading: str, a, b) -> bool:
    if not G.is_directed() or reading == "weak":
        H = G.to_undirected(as_view=True) if G.is_directed() else G
        return nx.has_path(H, a, b)
    if reading == "strong":
        return nx.has_path(G, a, b) and nx.has_path(G, b, a)
    return nx.has_path(G, a, b)


def naive_f(G: nx.Graph, reading: str = "reachability") -> float:
    n = G.number_of_nodes()
    if n < 2:
        return math.nan
    pairs = sum(naive_connected(G, reading, a, b) for a, b in itertools.permutations(G, 2))
    return 1 - pairs / (n * (n - 1))


def naive_df(G: nx.Graph, reading: str = "reachability", weight: str | None = None) -> float:
    """1 - sum_{i != j} 1/d_ij / (n (n - 1)) from networkx all-pairs shortest paths."""
    n = G.number_of_nodes()
    if n < 2:
        return math.nan
    H = G
    if G.is_directed() and reading == "weak":
        H = nx.Graph()
        H.add_nodes_from(G)
        for u, v, d in G.edges(data=True):
            w = d.get(weight, 1) if weight else 1
            if not H.has_edge(u, v) or H[u][v]["w"] > w:
                H.add_edge(u, v, w=w)
        weight = "w" if weight else None
    total = 0.0
    paths = dict(nx.all_pairs_dijkstra_path_length(H, weight=weight or (lambda u, v, d: 1)))
    for s, dist in paths.items():
        for t, d in dist.items():
            if t == s:
                continue
            if G.is_directed() and reading == "strong" and not nx.has_path(G, t, s):
                continue
            total += 1.0 / d
    return 1 - total / (n * (n - 1))


def naive_impact(G: nx.Graph, reading: str = "reachability") -> dict:
    """UCINET's definition by removal: F(G-v) - F(G), pairs lost, DF(G-v) - DF(G)."""
    f, df = naive_f(G, reading), naive_df(G, reading)
    out = {}
    for v in G:
        H = G.copy()
        H.remove_node(v)
        pairs = itertools.permutations(H, 2) if G.is_directed() else itertools.combinations(H, 2)
        lost = sum(
            naive_connected(G, reading, a, b) and not naive_connected(H, reading, a, b)
            for a, b in pairs
        )
        out[v] = (naive_f(H, reading) - f, lost, naive_df(H, reading) - df)
    return out


def random_graph(seed: int, n: int, p: float, directed: bool = False) -> nx.Graph:
    return nx.gnp_random_graph(n, p, seed=seed, directed=directed)


# ---------------------------------------------------------------------------
# fragmentation: hand-worked graphs
# ---------------------------------------------------------------------------


def test_fragmentation_hand_worked_undirected():
    # connected path: every pair reaches every other pair -> F = 0
    assert fragmentation(nx.path_graph(4)) == 0.0
    # star K1,4: connected -> 0
    assert fragmentation(nx.star_graph(4)) == 0.0
    # edge {1,2}, triangle {3,4,5}, isolate 6: components 2, 3, 1
    # F = 1 - (2*1 + 3*2 + 1*0) / (6*5) = 1 - 8/30
    G = nx.Graph([(1, 2), (3, 4), (4, 5), (5, 3)])
    G.add_node(6)
    assert fragmentation(G) == pytest.approx(1 - 8 / 30, abs=1e-12)
    # only isolates: F = 1
    assert fragmentation(nx.empty_graph(5)) == 1.0


def test_fragmentation_hand_worked_directed_readings():
    # path 1 -> 2 -> 3: ordered pairs (1,2), (1,3), (2,3) reachable: 3 of 6
    G = nx.DiGraph([(1, 2), (2, 3)])
    assert fragmentation(G) == pytest.approx(0.5, abs=1e-12)
    assert fragmentation(G, reading="reachability") == pytest.approx(0.5, abs=1e-12)
    assert fragmentation(G, reading="weak") == 0.0  # one weak component
    assert fragmentation(G, reading="strong") == 1.0  # three singleton strong components
    # cycle 1 -> 2 -> 3 -> 1 plus 3 -> 4: nodes 1, 2, 3 each reach 3 others, 4 none: 9/12
    C = nx.DiGraph([(1, 2), (2, 3), (3, 1), (3, 4)])
    assert fragmentation(C) == pytest.approx(1 - 9 / 12, abs=1e-12)
    assert fragmentation(C, reading="strong") == pytest.approx(1 - 6 / 12, abs=1e-12)  # SCC {1,2,3}
    assert fragmentation(C, reading="weak") == 0.0


def test_fragmentation_too_small_is_nan():
    assert math.isnan(fragmentation(nx.Graph()))
    assert math.isnan(fragmentation(nx.empty_graph(1)))
    assert math.isnan(distance_fragmentation(nx.empty_graph(1)))
    # two actors: defined
    assert fragmentation(nx.empty_graph(2)) == 1.0
    # empty network: empty tables with the documented columns
    assert fragmentation_impact(nx.Graph()).shape == (0, 4)
    assert cut_points(nx.Graph()).shape == (0, 3)
    assert bridges(nx.DiGraph()).shape == (0, 5)


def test_self_loops_are_ignored():
    G = nx.path_graph(4)
    H = G.copy()
    H.add_edge(0, 0)
    assert fragmentation(H) == fragmentation(G)
    assert distance_fragmentation(H) == distance_fragmentation(G)
    pd.testing.assert_frame_equal(fragmentation_impact(H), fragmentation_impact(G))


@pytest.mark.published(
    "R 4.2.2 sna 2.7-1: 1 - sna::connectedness(M), tests/data/sna_fragmentation_reference.R"
)
def test_fragmentation_equals_one_minus_sna_connectedness(
    padgett_marriage, padgett_business, zachary, cheyenne, mtsi
):
    # R output: "1 - sna::connectedness = 0.125" (marriage; Pucci isolated: 1 - 15*14/(16*15))
    assert fragmentation(padgett_marriage) == pytest.approx(0.125, abs=1e-9)
    # R output: "1 - sna::connectedness = 0.54166666666666674" (business)
    assert fragmentation(padgett_business) == pytest.approx(0.54166666666666674, abs=1e-9)
    # R output: "1 - sna::connectedness = 0" (zachary, connected)
    assert fragmentation(zachary) == 0.0
    # sna symmetrizes digraphs ("weak"): Cheyenne 0, Mt Si 0.64102564102564097
    assert fragmentation(cheyenne, reading="weak") == pytest.approx(0.0, abs=1e-9)
    assert fragmentation(mtsi, reading="weak") == pytest.approx(0.64102564102564097, abs=1e-9)


@pytest.mark.published(
    "R 4.2.2: sna::reachability and igraph::components(mode='strong'), "
    "tests/data/sna_fragmentation_reference.R"
)
def test_fragmentation_directed_readings_emon(cheyenne, mtsi):
    # R output (emon Cheyenne): "F strong = 0.1428571428571429",
    # "F reachability = 0.071428571428571397"
    assert fragmentation(cheyenne, reading="strong") == pytest.approx(0.1428571428571429, abs=1e-9)
    assert fragmentation(cheyenne) == pytest.approx(0.071428571428571397, abs=1e-9)
    # R output (emon MtSi): strong and reachability both 0.64102564102564097
    assert fragmentation(mtsi, reading="strong") == pytest.approx(0.64102564102564097, abs=1e-9)
    assert fragmentation(mtsi) == pytest.approx(0.64102564102564097, abs=1e-9)


@pytest.mark.parametrize("seed", range(12))
def test_fragmentation_matches_naive_definition(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 12))
    D = random_graph(seed, n, float(rng.uniform(0.05, 0.4)), directed=True)
    for reading in READINGS:
        assert fragmentation(D, reading=reading) == pytest.approx(naive_f(D, reading), abs=1e-12)
    U = random_graph(seed, n, float(rng.uniform(0.05, 0.4)))
    assert fragmentation(U) == pytest.approx(naive_f(U), abs=1e-12)


@pytest.mark.parametrize("budget", [8, 64, 4096])
def test_reachability_bitsets_in_small_chunks_match_networkx(budget):
    # tiny memory budgets force many column chunks and edge batches; the DAG-like
    # orientation (low -> high, a few back arcs) gives deep condensations
    rng = np.random.default_rng(7)
    n = 300
    e = np.sort(rng.integers(0, n, size=(700, 2)), axis=1)
    back = rng.random(len(e)) < 0.05
    e[back] = e[back][:, ::-1]
    e = np.unique(e[e[:, 0] != e[:, 1]], axis=0)
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    G.add_edges_from(e.tolist())
    expected = np.array([len(nx.descendants(G, v)) for v in range(n)])
    got = fm._reach_counts(n, e[:, 0].astype(np.int64), e[:, 1].astype(np.int64), budget=budget)
    np.testing.assert_array_equal(got, expected)


# ---------------------------------------------------------------------------
# distance fragmentation
# ---------------------------------------------------------------------------


def test_distance_fragmentation_hand_worked():
    # path 0-1-2-3: unordered distances 1,1,1 (adjacent), 2,2, 3 -> ordered sum of
    # 1/d = 2 * (3 + 1/2 + 1/2 + 1/3) = 26/3; DF = 1 - (26/3) / 12
    assert distance_fragmentation(nx.path_graph(4)) == pytest.approx(1 - 26 / 36, abs=1e-12)
    # complete graph: all distances 1 -> DF = 0
    assert distance_fragmentation(nx.complete_graph(5)) == pytest.approx(0.0, abs=1e-12)
    # directed path 1 -> 2 -> 3: 1/1 + 1/2 + 1/1 = 2.5 over 6 ordered pairs
    G = nx.DiGraph([(1, 2), (2, 3)])
    assert distance_fragmentation(G) == pytest.approx(1 - 2.5 / 6, abs=1e-12)
    # weak: undirected path of 3: 2 * (1 + 1 + 1/2) = 5
    assert distance_fragmentation(G, reading="weak") == pytest.approx(1 - 5 / 6, abs=1e-12)
    # strong: no two actors in one strong component
    assert distance_fragmentation(G, reading="strong") == 1.0
    # weighted (lengths): 0 -2- 1 -3- 2: 2 * (1/2 + 1/3 + 1/5) = 31/15 over 6
    W = nx.Graph([(0, 1, {"w": 2.0}), (1, 2, {"w": 3.0})])
    assert distance_fragmentation(W, weight="w") == pytest.approx(1 - 31 / 90, abs=1e-12)


@pytest.mark.published(
    "R 4.2.2 igraph 1.3.5: distances(); tests/data/sna_fragmentation_reference.R"
)
def test_distance_fragmentation_r_reference(padgett_marriage, zachary, cheyenne):
    # R output: "DF = 0.56236111111111109" (Padgett marriage)
    assert distance_fragmentation(padgett_marriage) == pytest.approx(0.56236111111111109, abs=1e-9)
    # R output: "DF = 0.50799168152109331" (Zachary)
    assert distance_fragmentation(zachary) == pytest.approx(0.50799168152109331, abs=1e-9)
    # R output (Cheyenne): "DF weak = 0.17582417582417587", "DF strong = 0.35622710622710618",
    # "DF reachability = 0.31227106227106227"
    assert distance_fragmentation(cheyenne, reading="weak") == pytest.approx(
        0.17582417582417587, abs=1e-9
    )
    assert distance_fragmentation(cheyenne, reading="strong") == pytest.approx(
        0.35622710622710618, abs=1e-9
    )
    assert distance_fragmentation(cheyenne) == pytest.approx(0.31227106227106227, abs=1e-9)


@pytest.mark.parametrize("seed", range(8))
def test_distance_fragmentation_matches_naive_all_pairs(seed):
    rng = np.random.default_rng(100 + seed)
    n = int(rng.integers(2, 13))
    U = random_graph(seed, n, float(rng.uniform(0.1, 0.5)))
    assert distance_fragmentation(U) == pytest.approx(naive_df(U), abs=1e-12)
    D = random_graph(seed, n, float(rng.uniform(0.1, 0.4)), directed=True)
    for u, v in D.edges:
        D[u][v]["length"] = float(rng.uniform(0.5, 3.0))
    for reading in READINGS:
        assert distance_fragmentation(D, reading=reading) == pytest.approx(
            naive_df(D, reading), abs=1e-12
        )
        assert distance_fragmentation(D, reading=reading, weight="length") == pytest.approx(
            naive_df(D, reading, weight="length"), abs=1e-12
        )


@pytest.fixture(scope="module")
def sbm_1000() -> nx.Graph:
    sizes = [125] * 8
    P = [[0.064 if i == j else 0.0023 for j in range(8)] for i in range(8)]  # mean degree ~10
    return nx.stochastic_block_model(sizes, P, seed=3, sparse=True)


def test_distance_fragmentation_sample_within_stated_error(sbm_1000):
    # Stated in the docstring: with 256 sources the relative error of DF stays below
    # 0.5% (measured sd 0.09%, max 0.26% over 20 seeds on such a network).
    exact = distance_fragmentation(sbm_1000)
    for seed in range(3):
        est = distance_fragmentation(sbm_1000, sample=256, seed=seed)
        assert abs(est - exact) / exact < 0.005
    # identical seed, identical estimate; a sample of at least n is exact
    assert distance_fragmentation(sbm_1000, sample=256, seed=1) == distance_fragmentation(
        sbm_1000, sample=256, seed=1
    )
    assert distance_fragmentation(sbm_1000, sample=5000) == pytest.approx(exact, abs=1e-12)


def test_sampled_removal_sums_are_unbiased():
    # Averaging the sampled estimates over *every* k-subset of sources must give the
    # exact sums (the estimator of DF(G - v) is unbiased by construction).
    G = nx.Graph([(0, 1), (1, 2), (2, 3), (3, 4), (1, 5), (5, 6), (2, 6)])
    net = fm._prepare(G)
    n, k = net.n, 3
    cand = np.arange(n)
    exact = fm._df_removal_sums(n, net.src, net.dst, "undirected", cand)
    est_after, est_base = np.zeros(n), 0.0
    subsets = list(itertools.combinations(range(n), k))
    for S in subsets:
        s = fm._df_removal_sums(n, net.src, net.dst, "undirected", cand, sources=np.array(S))
        est_after += s.after * (n - 1) / s.n_sources_after
        est_base += s.base * n / s.n_sources
    np.testing.assert_allclose(est_after / len(subsets), exact.after, atol=1e-9)
    assert est_base / len(subsets) == pytest.approx(exact.base, abs=1e-9)


# ---------------------------------------------------------------------------
# fragmentation impact
# ---------------------------------------------------------------------------


def test_impact_hand_worked_path_and_star():
    imp = fragmentation_impact(nx.path_graph(4))  # 0-1-2-3
    # removing 1 leaves {0}, {2, 3}: F = 1 - 2/(3*2) = 2/3; pairs (0,2), (0,3) lost
    assert imp.loc[1, "fragmentation_impact"] == pytest.approx(2 / 3, abs=1e-12)
    assert imp.loc[1, "pairs_disconnected"] == 2
    # removing an end leaves a connected path
    assert imp.loc[0, "fragmentation_impact"] == 0.0
    assert imp.loc[0, "pairs_disconnected"] == 0
    # DF(G) = 10/36 (see the DF test); G - 0 = path of 3: DF = 1/6 -> impact 1/6 - 10/36
    assert imp.loc[0, "distance_fragmentation_impact"] == pytest.approx(1 / 6 - 10 / 36, abs=1e-12)
    assert list(imp.columns) == [
        "fragmentation_impact",
        "pairs_disconnected",
        "articulation_point",
        "distance_fragmentation_impact",
    ]
    assert imp.index.name == "actor"
    star = fragmentation_impact(nx.star_graph(4), distance=False)
    # removing the hub leaves 4 isolates: F = 1, all C(4, 2) = 6 pairs lost
    assert star.loc[0, "fragmentation_impact"] == 1.0
    assert star.loc[0, "pairs_disconnected"] == 6
    assert star.loc[0, "articulation_point"]
    assert (star.loc[1:, "pairs_disconnected"] == 0).all()
    assert "distance_fragmentation_impact" not in star.columns


@pytest.fixture
def two_triangles() -> nx.Graph:
    """Triangles {1,2,3} and {5,6,7} joined through actor 4 (3-4-5)."""
    return nx.Graph([(1, 2), (2, 3), (3, 1), (3, 4), (4, 5), (5, 6), (6, 7), (7, 5)])


def test_impact_two_triangles_joined_by_a_node(two_triangles):
    imp = fragmentation_impact(two_triangles, distance=False)
    # remove 4: {1,2,3} and {5,6,7}: F = 1 - (6 + 6)/(6*5) = 0.6, pairs lost 3*3 = 9
    assert imp.loc[4, "fragmentation_impact"] == pytest.approx(0.6, abs=1e-12)
    assert imp.loc[4, "pairs_disconnected"] == 9
    # remove 3: {1,2} and {4,5,6,7}: F = 1 - (2 + 12)/30, pairs lost 2*4 = 8
    assert imp.loc[3, "fragmentation_impact"] == pytest.approx(1 - 14 / 30, abs=1e-12)
    assert imp.loc[3, "pairs_disconnected"] == 8
    assert imp["articulation_point"].to_dict() == {
        1: False,
        2: False,
        3: True,
        4: True,
        5: True,
        6: False,
        7: False,
    }


def test_impact_disconnected_graph_with_isolates():
    G = nx.Graph([(1, 2), (3, 4), (4, 5), (5, 3)])
    G.add_node(6)
    imp = fragmentation_impact(G)
    # F(G) = 1 - 8/30; removing the isolate: F = 1 - 8/(5*4) = 0.6 -> impact 0.6 - 22/30
    assert imp.loc[6, "fragmentation_impact"] == pytest.approx(0.6 - 22 / 30, abs=1e-12)
    assert imp.loc[6, "pairs_disconnected"] == 0
    # removing 1 leaves 2 alone: 1 - 6/20 = 0.7 -> impact 0.7 - 22/30
    assert imp.loc[1, "fragmentation_impact"] == pytest.approx(0.7 - 22 / 30, abs=1e-12)
    assert imp.loc[1, "pairs_disconnected"] == 0


def test_impact_hand_worked_directed():
    # cycle 1 -> 2 -> 3 -> 1 plus 3 -> 4 (F reachability = 1/4, see above)
    C = nx.DiGraph([(1, 2), (2, 3), (3, 1), (3, 4)])
    imp = fragmentation_impact(C)
    # without 3: only 1 -> 2 remains of 6 ordered pairs: F = 5/6, impact 5/6 - 1/4
    assert imp.loc[3, "fragmentation_impact"] == pytest.approx(5 / 6 - 1 / 4, abs=1e-12)
    # others {1, 2, 4}: before (1,2), (2,1), (1,4), (2,4); after (1,2): 3 ordered pairs lost
    assert imp.loc[3, "pairs_disconnected"] == 3
    # 4 has no out-ties: G - 4 is the 3-cycle, F = 0
    assert imp.loc[4, "fragmentation_impact"] == pytest.approx(-1 / 4, abs=1e-12)
    assert imp.loc[4, "pairs_disconnected"] == 0
    strong = fragmentation_impact(C, reading="strong", distance=False)
    # strong: removing 1 breaks the cycle: (2,3), (3,2) lost; F = 1 - 0 / 6 = 1 vs 0.5
    assert strong.loc[1, "pairs_disconnected"] == 2
    assert strong.loc[1, "fragmentation_impact"] == pytest.approx(0.5, abs=1e-12)
    weak = fragmentation_impact(C, reading="weak", distance=False)
    # weak: 3 separates 4 from {1, 2}: unordered pairs {1,4}, {2,4} -> 4 ordered pairs
    assert weak.loc[3, "pairs_disconnected"] == 4
    assert weak.loc[3, "articulation_point"]


@pytest.mark.published(
    "R 4.2.2 sna 2.7-1 / igraph 1.3.5 brute-force removal, tests/data/sna_fragmentation_reference.R"
)
def test_impact_padgett_marriage_r_reference(padgett_marriage):
    imp = fragmentation_impact(padgett_marriage)
    # R output "F impact" for ids 1..16 (Pucci = 12 is the isolate: removing it lowers F)
    r_f = [0.0083333333333333037, 0.1321428571428571175, 0.0083333333333333037,
           0.0083333333333333037, 0.0083333333333333037, 0.0083333333333333037,
           0.1321428571428571175, 0.0083333333333333037, 0.3416666666666666741,
           0.0083333333333333037, 0.0083333333333333037, -0.125, 0.0083333333333333037,
           0.1321428571428571175, 0.0083333333333333037, 0.0083333333333333037]  # fmt: skip
    # R output "DF impact"
    r_df = [-0.0061706349206349653, 0.0533531746031745691, 0.0098611111111110983,
            0.0146230158730158433, 0.0081150793650793807, -0.0117261904761905011,
            0.0625595238095237871, -0.0114087301587301182, 0.1549404761904762395,
            -0.0171230158730157900, 0.0020833333333333259, -0.0625198412698412254,
            0.0189087301587301804, 0.0360515873015874178, 0.0176388888888888706,
            0.0144642857142858183]  # fmt: skip
    np.testing.assert_allclose(imp["fragmentation_impact"], r_f, atol=1e-9)
    np.testing.assert_allclose(imp["distance_fragmentation_impact"], r_df, atol=1e-9)
    # R: "igraph::articulation_points = 2, 7, 9, 14" (Albizzi, Guadagni, Medici, Salviati)
    assert sorted(imp.index[imp["articulation_point"]]) == [2, 7, 9, 14]
    assert imp.loc[12, "pairs_disconnected"] == 0


@pytest.mark.published("R 4.2.2 igraph 1.3.5 brute-force removal, sna_fragmentation_reference.R")
def test_impact_zachary_r_reference(zachary):
    imp = fragmentation_impact(zachary)
    # R output "F impact": 0.31628787878787878 for actor 1 (pendant 12 hangs on it), else 0
    assert imp.loc[1, "fragmentation_impact"] == pytest.approx(0.31628787878787878, abs=1e-9)
    assert (imp.loc[2:, "fragmentation_impact"] == 0).all()
    # R output "DF impact" (first, 17th and last actors)
    assert imp.loc[1, "distance_fragmentation_impact"] == pytest.approx(
        1.3354872251931071e-01, abs=1e-9
    )
    assert imp.loc[17, "distance_fragmentation_impact"] == pytest.approx(
        -9.7277926322044683e-03, abs=1e-9
    )
    assert imp.loc[34, "distance_fragmentation_impact"] == pytest.approx(
        3.3769682115270316e-02, abs=1e-9
    )
    # pairs lost = F(G - 1) * 33 * 32 / 2 = 0.31628787878787878 * 528 = 167 (G is connected)
    assert imp.loc[1, "pairs_disconnected"] == 167


@pytest.mark.published(
    "R 4.2.2 sna::reachability brute-force removal, sna_fragmentation_reference.R"
)
def test_impact_emon_r_reference(cheyenne, mtsi):
    imp = fragmentation_impact(cheyenne)
    # R output "F reachability impact": 0.005494505494505475 except actor 6: -0.071428571428571397
    expected = np.full(14, 0.005494505494505475)
    expected[5] = -0.071428571428571397
    np.testing.assert_allclose(imp["fragmentation_impact"], expected, atol=1e-9)
    # R output "DF reachability impact"
    r_df = [0.0146520146520146000, -0.0013736263736263687, 0.0242673992673992922,
            -0.0109890109890109500, -0.0131257631257630791, -0.0633394383394383365,
            0.0231990231990231166, 0.0402930402930402609, 0.0210622710622710985,
            -0.0024420024420024333, -0.0045787545787545625, -0.0088522588522589318,
            0.0071733821733821479, -0.0077838827838827562]  # fmt: skip
    np.testing.assert_allclose(imp["distance_fragmentation_impact"], r_df, atol=1e-9)
    strong = fragmentation_impact(mtsi, reading="strong", distance=False)
    # R output (MtSi) "F strong impact"
    r_strong = [0.131701631701631738, -0.065268065268065278, 0.040792540792540910,
                -0.065268065268065278, 0.131701631701631738, 0.040792540792540910,
                -0.065268065268065278, 0.040792540792540910, 0.040792540792540910,
                0.040792540792540910, -0.065268065268065278, 0.040792540792540910,
                -0.065268065268065278]  # fmt: skip
    np.testing.assert_allclose(strong["fragmentation_impact"], r_strong, atol=1e-9)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("directed", [False, True])
def test_impact_matches_brute_force_removal(seed, directed):
    rng = np.random.default_rng(200 + seed)
    n = int(rng.integers(3, 10))
    G = random_graph(seed, n, float(rng.uniform(0.1, 0.45)), directed=directed)
    for reading in READINGS if directed else ["reachability"]:
        imp = fragmentation_impact(G, reading=reading)
        naive = naive_impact(G, reading)
        for v, (f, lost, df) in naive.items():
            assert imp.loc[v, "fragmentation_impact"] == pytest.approx(f, abs=1e-12)
            assert imp.loc[v, "pairs_disconnected"] == lost
            assert imp.loc[v, "distance_fragmentation_impact"] == pytest.approx(df, abs=1e-12)


def test_impact_brute_force_on_padgett_and_emon(padgett_marriage, mtsi):
    # independent check of the block-cut tree counts on real data (brute force in networkx)
    imp = fragmentation_impact(padgett_marriage, distance=False)
    for v, (f, lost, _) in naive_impact(padgett_marriage, "reachability").items():
        assert imp.loc[v, "fragmentation_impact"] == pytest.approx(f, abs=1e-12)
        assert imp.loc[v, "pairs_disconnected"] == lost
    imp = fragmentation_impact(mtsi, reading="weak", distance=False)
    for v, (f, lost, _) in naive_impact(mtsi, "weak").items():
        assert imp.loc[v, "fragmentation_impact"] == pytest.approx(f, abs=1e-12)
        assert imp.loc[v, "pairs_disconnected"] == lost


def test_impact_nodes_subset_and_small_graphs(zachary):
    full = fragmentation_impact(zachary)
    part = fragmentation_impact(zachary, nodes=[34, 1, 17])
    pd.testing.assert_frame_equal(part, full.loc[[1, 17, 34]])
    two = fragmentation_impact(nx.path_graph(2))
    assert two["fragmentation_impact"].isna().all()
    assert two["distance_fragmentation_impact"].isna().all()
    assert (two["pairs_disconnected"] == 0).all()
    with pytest.raises(ParameterError, match="not in G"):
        fragmentation_impact(zachary, nodes=[99])


# ---------------------------------------------------------------------------
# several processes (n_jobs): same bits as one process
# ---------------------------------------------------------------------------


@pytest.fixture
def in_workers(monkeypatch):
    """Force the worker-process path even on small graphs; with ``parent=False``
    the worker processes compute every block of sources."""

    def configure(parent: bool) -> None:
        monkeypatch.setattr(sysmap_graph, "PARALLEL_MIN_WORK", 0)
        monkeypatch.setattr(sysmap_graph, "_PARENT_COMPUTES", parent)

    return configure


@pytest.mark.parametrize("reading", READINGS)
def test_distance_fragmentation_n_jobs_gives_identical_bits(reading, in_workers, monkeypatch):
    # 150 actors in blocks of 32 sources -> 5 blocks. Each actor's harmonic sum comes
    # from its own search and the sums are added in actor order, so n_jobs changes no
    # bit. naive_df (networkx all-pairs Dijkstra, written out above) is the reference.
    monkeypatch.setattr(sysmap_graph, "MIN_CHUNK", 32)
    D = random_graph(31, 150, 0.02, directed=True)
    rng = np.random.default_rng(31)
    for u, v in D.edges:
        D[u][v]["length"] = float(rng.uniform(0.5, 3.0))
    serial = distance_fragmentation(D, reading=reading, weight="length")
    in_workers(parent=False)
    only_workers = distance_fragmentation(D, reading=reading, weight="length", n_jobs=2)
    assert sysmap_graph._executor is not None  # the worker path really ran
    in_workers(parent=True)
    shared = distance_fragmentation(D, reading=reading, weight="length", n_jobs=-1)
    assert only_workers == serial and shared == serial
    assert serial == pytest.approx(naive_df(D, reading, weight="length"), abs=1e-12)


def test_distance_fragmentation_n_jobs_sampled_and_undirected(sbm_1000, in_workers):
    exact = distance_fragmentation(sbm_1000)
    est = distance_fragmentation(sbm_1000, sample=300, seed=2)
    in_workers(parent=False)
    assert distance_fragmentation(sbm_1000, n_jobs=2) == exact
    assert distance_fragmentation(sbm_1000, sample=300, seed=2, n_jobs=2) == est
    for bad in (0, 2.0, False):
        with pytest.raises(ParameterError, match="n_jobs"):
            distance_fragmentation(sbm_1000, n_jobs=bad)
        with pytest.raises(ParameterError, match="n_jobs"):
            fragmentation_impact(sbm_1000, n_jobs=bad)


def test_impact_n_jobs_gives_identical_bits(zachary, in_workers):
    # The distance impact recomputes each removal's component with the same searches.
    serial = fragmentation_impact(zachary)
    in_workers(parent=False)
    pd.testing.assert_frame_equal(fragmentation_impact(zachary, n_jobs=2), serial)


def test_impact_sampled_distance_estimate(zachary):
    exact = fragmentation_impact(zachary)
    est = fragmentation_impact(zachary, sample=20, seed=4)
    # the exact columns do not depend on sampling
    pd.testing.assert_series_equal(est["fragmentation_impact"], exact["fragmentation_impact"])
    got, want = est["distance_fragmentation_impact"], exact["distance_fragmentation_impact"]
    # 20 of 34 sources, measured over seeds 0-19: largest error 0.0248 and correlation with
    # the exact impacts at least 0.987 (impacts range from -0.010 to 0.134)
    assert (got - want).abs().max() < 0.03
    assert np.corrcoef(got, want)[0, 1] > 0.98
    again = fragmentation_impact(zachary, sample=20, seed=4)
    pd.testing.assert_frame_equal(est, again)
    full = fragmentation_impact(zachary, sample=34, seed=4)
    pd.testing.assert_frame_equal(full, exact)


# ---------------------------------------------------------------------------
# single points of failure
# ---------------------------------------------------------------------------


def test_cut_points_and_bridges_hand_worked(two_triangles):
    cp = cut_points(two_triangles)
    assert cp.loc[4].tolist() == [True, 9, 2]  # {1,2,3} x {5,6,7}
    assert cp.loc[1].tolist() == [False, 0, 1]
    br = bridges(two_triangles)
    # 3-4 separates {1,2,3} from {4,5,6,7}: 3*4 = 12; 4-5 likewise 4*3 = 12
    assert br.to_dict("list") == {
        "source": [3, 4],
        "target": [4, 5],
        "pairs_disconnected": [12, 12],
        "source_side": [3, 4],
        "target_side": [4, 3],
    }
    G = nx.Graph([(1, 2)])
    G.add_node(3)
    cp = cut_points(G)
    # removing the isolate 3 leaves one component; removing 1 leaves {2}, {3}
    assert cp["components_after"].to_dict() == {1: 2, 2: 2, 3: 1}
    empty = bridges(nx.complete_graph(4))
    assert list(empty.columns) == [
        "source",
        "target",
        "pairs_disconnected",
        "source_side",
        "target_side",
    ]
    assert len(empty) == 0


@pytest.mark.published(
    "R 4.2.2 igraph 1.3.5: bridges(), articulation_points(); sna_fragmentation_reference.R"
)
def test_bridges_padgett_r_reference(padgett_marriage, padgett_business):
    # R output: "igraph::bridges = 2-6, 7-8, 10-14, 9-14, 1-9"
    br = bridges(padgett_marriage)
    assert list(zip(br["source"], br["target"])) == [(1, 9), (2, 6), (7, 8), (9, 14), (10, 14)]
    # 9-14 separates {10, 14} from the other 13 connected families (Pucci isolated)
    assert br.set_index(["source", "target"]).loc[(9, 14)].tolist() == [26, 13, 2]
    # R output (business): "igraph::bridges = 9-10, 9-14, 9-16"; "articulation_points = 3, 9"
    br = bridges(padgett_business)
    assert list(zip(br["source"], br["target"])) == [(9, 10), (9, 14), (9, 16)]
    cp = cut_points(padgett_business)
    assert sorted(cp.index[cp["articulation_point"]]) == [3, 9]


@pytest.mark.parametrize("seed", range(10))
def test_cut_points_and_bridges_match_networkx(seed):
    rng = np.random.default_rng(300 + seed)
    n = int(rng.integers(1, 30))
    G = nx.gnm_random_graph(n, int(rng.integers(0, 2 * n)), seed=seed)
    if seed % 2:
        G = G.to_directed()
        G.remove_edges_from([e for e in list(G.edges) if rng.random() < 0.5])
    U = nx.Graph(G)
    cp = cut_points(G)
    assert set(cp.index[cp["articulation_point"]]) == set(nx.articulation_points(U))
    for v in U:
        H = U.copy()
        H.remove_node(v)
        others = [u for u in U if u != v]
        lost = sum(
            nx.has_path(U, a, b) and not nx.has_path(H, a, b)
            for a, b in itertools.combinations(others, 2)
        )
        assert cp.loc[v, "pairs_disconnected"] == lost
        assert cp.loc[v, "components_after"] == nx.number_connected_components(H)
    br = bridges(G)
    assert list(zip(br["source"], br["target"])) == sorted(tuple(sorted(e)) for e in nx.bridges(U))
    for s, t, lost, s_side, t_side in br.itertuples(index=False):
        H = U.copy()
        H.remove_edge(s, t)
        a, b = len(nx.node_connected_component(H, s)), len(nx.node_connected_component(H, t))
        assert (lost, s_side, t_side) == (a * b, a, b)


def test_string_actor_ids_and_no_mutation():
    G = nx.Graph([("b", "a"), ("a", "c"), ("c", "d")])
    G.nodes["a"]["sector"] = "health"
    before = (nx.to_dict_of_dicts(G), dict(G.nodes(data=True)))
    cp = cut_points(G)
    assert list(cp.index) == ["a", "b", "c", "d"]
    imp = fragmentation_impact(G)
    assert list(imp.index) == ["a", "b", "c", "d"]
    bridges(G)
    assert (nx.to_dict_of_dicts(G), dict(G.nodes(data=True))) == before


# ---------------------------------------------------------------------------
# errors
# ---------------------------------------------------------------------------


def test_parameter_errors(zachary):
    with pytest.raises(ParameterError, match="reading"):
        fragmentation(zachary, reading="mutual")
    with pytest.raises(ParameterError, match="sample"):
        distance_fragmentation(zachary, sample=0)
    with pytest.raises(ParameterError, match="sample"):
        fragmentation_impact(zachary, sample=2.5)
    W = nx.Graph([(1, 2, {"w": -1.0}), (2, 3, {"w": 1.0})])
    with pytest.raises(ParameterError, match="positive finite distance"):
        distance_fragmentation(W, weight="w")
    with pytest.raises(GraphTypeError):
        cut_points([(1, 2)])


# ---------------------------------------------------------------------------
# properties
# ---------------------------------------------------------------------------

#: Networks of 2 to 9 actors, directed or not, with repeated ties and self-loops.
graphs = strategies.graphs(min_nodes=2, max_nodes=9, distinct=False, max_ties=20, self_loops=True)


@settings(max_examples=50, deadline=None)
@given(G=graphs, perm_seed=st.integers(0, 2**16))
def test_relabelling_permutes_rows_only(G, perm_seed):
    perm = np.random.default_rng(perm_seed).permutation(G.number_of_nodes())
    mapping = {v: f"org{perm[v]:02d}" for v in G}
    H = nx.relabel_nodes(G, mapping)
    a = fragmentation_impact(G)
    b = fragmentation_impact(H).loc[[mapping[v] for v in a.index]]
    np.testing.assert_allclose(b.to_numpy(float), a.to_numpy(float), atol=1e-12, equal_nan=True)
    c = cut_points(G)
    d = cut_points(H).loc[[mapping[v] for v in c.index]]
    np.testing.assert_array_equal(d.to_numpy(), c.to_numpy())
    assert fragmentation(H) == pytest.approx(fragmentation(G), abs=1e-12, nan_ok=True)


@settings(max_examples=50, deadline=None)
@given(G=graphs)
def test_adding_an_isolate_leaves_other_rows_unchanged(G):
    H = G.copy()
    H.add_node(99)
    a = cut_points(G)
    b = cut_points(H)
    pd.testing.assert_frame_equal(
        b.drop(index=99)[["articulation_point", "pairs_disconnected"]],
        a[["articulation_point", "pairs_disconnected"]],
    )
    assert (b.drop(index=99)["components_after"] == a["components_after"] + 1).all()
    pa = fragmentation_impact(G, distance=False)["pairs_disconnected"]
    pb = fragmentation_impact(H, distance=False)["pairs_disconnected"]
    pd.testing.assert_series_equal(pb.drop(index=99), pa)


@settings(max_examples=50, deadline=None)
@given(G=graphs, reading=st.sampled_from(READINGS))
def test_bounds_and_order_of_f_and_df(G, reading):
    f = fragmentation(G, reading=reading)
    df = distance_fragmentation(G, reading=reading)
    assert 0.0 <= f <= df + 1e-12 <= 1.0 + 1e-12
    imp = fragmentation_impact(G, reading=reading, distance=False)
    assert (imp["pairs_disconnected"] >= 0).all()
    # the impact is F(G - v) - F(G) with F(G - v) in [0, 1] (NaN below three actors)
    f_after = imp["fragmentation_impact"] + f
    if G.number_of_nodes() >= 3:
        assert ((f_after >= -1e-12) & (f_after <= 1 + 1e-12)).all()
    else:
        assert f_after.isna().all()
