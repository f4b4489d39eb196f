"""Exactness of the per-actor distance-fragmentation impact DF(G - v) - DF(G).

sysmap computes the impact of every actor at once from the dominator trees of the
shortest-path DAGs (``sysmap.metrics._replacement_paths``), and falls back to one
search per removal when only a few actors need one. These tests force each path
and compare it with

* hand-worked graphs (the arithmetic is written out in the comments);
* R reference values (sna 2.7-1, igraph 1.3.5, R 4.2.2), quoted from the output of
  ``Rscript tests/data/sna_fragmentation_reference.R`` (UCINET's definition:
  remove the actor, recompute DF on the residual network);
* a naive definition written in this file with networkx (remove the actor,
  all-pairs shortest paths), on random graphs drawn by Hypothesis.
"""

from __future__ import annotations

import importlib
import math
from contextlib import contextmanager
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
import sysmap_test_strategies as strategies
from hypothesis import given, settings
from hypothesis import strategies as st

import sysmap._graph as sysmap_graph
from sysmap.metrics.fragmentation import fragmentation_impact

fm = importlib.import_module("sysmap.metrics._fragmentation_engine")
rp = importlib.import_module("sysmap.metrics._replacement_paths")

DATA = Path(__file__).resolve().parents[1] / "data"
READINGS = ["weak", "strong", "reachability"]


@contextmanager
def path(name: str):
    """Force the dominator algorithm ("dominators") or one search per removal ("loop")."""
    with pytest.MonkeyPatch.context() as mp:
        if name == "dominators":
            mp.setattr(fm, "_FEW_REMOVALS", 0)
        else:
            mp.setattr(fm, "_FEW_REMOVALS", 10**9)
        yield


def dfi(G: nx.Graph, **kwargs) -> pd.Series:
    return fragmentation_impact(G, **kwargs)["distance_fragmentation_impact"]


# ---------------------------------------------------------------------------
# naive reference: remove the actor, all pairs again (networkx only)
# ---------------------------------------------------------------------------


def naive_df(G: nx.Graph, reading: str) -> float:
    """DF = 1 - sum_{i != j} 1/d_ij / (n (n - 1)) under `reading`."""
    n = G.number_of_nodes()
    H = G.to_undirected() if G.is_directed() and reading == "weak" else G
    mutual = None
    if G.is_directed() and reading == "strong":
        mutual = {v: i for i, comp in enumerate(nx.strongly_connected_components(G)) for v in comp}
    total = 0.0
    for s, dist in nx.all_pairs_shortest_path_length(H):
        for t, d in dist.items():
            if t != s and (mutual is None or mutual[s] == mutual[t]):
                total += 1.0 / d
    return 1.0 - total / (n * (n - 1))


def naive_impact(G: nx.Graph, reading: str) -> dict:
    base = naive_df(G, reading)
    out = {}
    for v in G:
        H = G.copy()
        H.remove_node(v)
        out[v] = naive_df(H, reading) - base
    return out


def _load(folder: str, edges: str, nodes: str, directed: bool) -> nx.Graph:
    node_table = pd.read_csv(DATA / folder / nodes)
    edge_table = pd.read_csv(DATA / folder / edges)
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(int(i) for i in node_table["id"])
    G.add_edges_from(zip(edge_table["source"].astype(int), edge_table["target"].astype(int)))
    return G


# ---------------------------------------------------------------------------
# hand-worked graphs
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["dominators", "loop"])
def test_cycles_hand_worked(name):
    with path(name):
        # C6: from each actor 1/d = 1 + 1 + 1/2 + 1/2 + 1/3 = 10/3, so DF = 1 - 20/30 = 1/3.
        # Without any actor it is the path P5: ordered pairs at distance 1, 2, 3, 4 number
        # 8, 6, 4, 2, so the sum is 8 + 3 + 4/3 + 1/2 = 77/6 and DF = 1 - 77/120 = 43/120.
        # Every actor's impact: 43/120 - 1/3 = 1/40 (the other side of the ring replaces
        # the lost shortest paths).
        np.testing.assert_allclose(dfi(nx.cycle_graph(6)), 1 / 40, atol=1e-15)
        # Directed 4-cycle: each actor reaches the others at 1, 2, 3: DF = 1 - 4(11/6)/12
        # = 7/18. Without an actor, a directed path x -> y -> z: 1 + 1 + 1/2 = 5/2, DF =
        # 1 - 5/12 = 7/12; impact 7/12 - 7/18 = 7/36.
        C4 = nx.cycle_graph(4, create_using=nx.DiGraph)
        np.testing.assert_allclose(dfi(C4), 7 / 36, atol=1e-15)
        # Strong reading: no pair of the path reaches back, DF(G - v) = 1: impact 11/18.
        np.testing.assert_allclose(dfi(C4, reading="strong"), 11 / 18, atol=1e-15)


def test_dominator_subtree_and_replacement_paths_hand_worked():
    #     0 - 1 - 3 - 4
    #      \  |       |
    #        2 ----- 5
    # From 0, every shortest path to 3 passes 1 (3 is in 1's dominator subtree); 4 is
    # reached via 3 or via 5 (not dominated by 1). Without 1, 3 is reached only by the
    # replacement path 0-2-5-4-3 of length 4, entering the subtree from 4.
    G = nx.Graph([(0, 1), (1, 3), (3, 4), (0, 2), (1, 2), (2, 5), (5, 4)])
    # Sum of 1/d over ordered pairs of G: 7 ties -> 14; 7 pairs at distance 2
    # ({0,3} {0,5} {1,4} {1,5} {2,3} {2,4} {3,5}) -> 7; {0,4} at 3 -> 2/3. Total 65/3,
    # DF(G) = 1 - (65/3)/30 = 5/18. G - 1 is the path 0-2-5-4-3: 8 + 3 + 4/3 + 1/2 =
    # 77/6, DF = 1 - (77/6)/20 = 43/120. Impact of 1: 43/120 - 5/18 = 29/360.
    with path("dominators"):
        got = dfi(G)
    assert got[1] == pytest.approx(29 / 360, abs=1e-15)
    for v, want in naive_impact(G, "reachability").items():
        assert got[v] == pytest.approx(want, abs=1e-15)


# ---------------------------------------------------------------------------
# R reference values (UCINET's node fragmentation centrality, DF version)
# ---------------------------------------------------------------------------


@pytest.mark.published("R 4.2.2 igraph 1.3.5 brute-force removal, sna_fragmentation_reference.R")
def test_dominators_reproduce_r_reference():
    with path("dominators"):
        padgett = dfi(_load("padgett_florentine", "edges_marriage.csv", "nodes.csv", False))
        zachary = dfi(_load("zachary_karate", "edges.csv", "nodes.csv", False))
        cheyenne = dfi(_load("emon_drabek", "edges_Cheyenne.csv", "nodes_Cheyenne.csv", True))
    # R output "DF impact" (Padgett marriage ties, ids 1..16, isolate Pucci = 12)
    r_padgett = [-0.0061706349206349653, 0.0533531746031745691, 0.0098611111111110983,
                 0.0146230158730158433, 0.0081150793650793807, -0.0117261904761905011,
                 0.0625595238095237871, -0.0114087301587301182, 0.1549404761904762395,
                 -0.0171230158730157900, 0.0020833333333333259, -0.0625198412698412254,
                 0.0189087301587301804, 0.0360515873015874178, 0.0176388888888888706,
                 0.0144642857142858183]  # fmt: skip
    np.testing.assert_allclose(padgett, r_padgett, atol=1e-12)
    # R output "DF impact" (Zachary karate club: first, 17th and last actors)
    assert zachary[1] == pytest.approx(1.3354872251931071e-01, abs=1e-12)
    assert zachary[17] == pytest.approx(-9.7277926322044683e-03, abs=1e-12)
    assert zachary[34] == pytest.approx(3.3769682115270316e-02, abs=1e-12)
    # R output "DF reachability impact" (EMON Cheyenne, directed: UCINET's reading)
    r_cheyenne = [0.0146520146520146000, -0.0013736263736263687, 0.0242673992673992922,
                  -0.0109890109890109500, -0.0131257631257630791, -0.0633394383394383365,
                  0.0231990231990231166, 0.0402930402930402609, 0.0210622710622710985,
                  -0.0024420024420024333, -0.0045787545787545625, -0.0088522588522589318,
                  0.0071733821733821479, -0.0077838827838827562]  # fmt: skip
    np.testing.assert_allclose(cheyenne, r_cheyenne, atol=1e-12)


@pytest.mark.parametrize("reading", READINGS)
def test_dominators_equal_loop_on_emon_mtsi(reading):
    # Mt. Si: directed, several isolates and small strong components
    G = _load("emon_drabek", "edges_MtSi.csv", "nodes_MtSi.csv", True)
    with path("dominators"):
        fast = dfi(G, reading=reading)
    for v, want in naive_impact(G, reading).items():
        assert fast[v] == pytest.approx(want, abs=1e-12)


# ---------------------------------------------------------------------------
# random graphs: the naive removals (Hypothesis)
# ---------------------------------------------------------------------------


#: Networks of 3 to 11 actors, directed or not, with repeated ties and self-loops.
graphs = strategies.graphs(min_nodes=3, max_nodes=11, distinct=False, max_ties=30, self_loops=True)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(G=graphs, reading=st.sampled_from(READINGS))
def test_dominators_equal_naive_removals(G, reading):
    with path("dominators"):
        fast = dfi(G, reading=reading)
    reading = reading if G.is_directed() else "reachability"
    for v, want in naive_impact(G, reading).items():
        assert fast[v] == pytest.approx(want, abs=1e-12)


def naive_reach_loss(G: nx.DiGraph) -> tuple[dict, dict]:
    """Per actor v: ordered pairs (s, t) of other actors with t reachable from s in G
    but not in G - v, and F(G - v) - F(G) with F = 1 - reachable pairs / (n (n - 1))."""
    n = G.number_of_nodes()

    def reachable(H):
        return {(s, t) for s in H for t in nx.descendants(H, s)}

    before = reachable(G)
    base = 1 - len(before) / (n * (n - 1))
    pairs, impact = {}, {}
    for v in G:
        H = G.copy()
        H.remove_node(v)
        after = reachable(H)
        pairs[v] = sum(1 for s, t in before if v not in (s, t) and (s, t) not in after)
        impact[v] = 1 - len(after) / ((n - 1) * (n - 2)) - base
    return pairs, impact


@settings(max_examples=150, deadline=None, derandomize=True)
@given(G=strategies.graphs(min_nodes=3, max_nodes=11, directed=True, distinct=False,
                           max_ties=30, self_loops=True))  # fmt: skip
def test_reachability_losses_from_the_dominator_searches_equal_naive_removals(G):
    # The directed fragmentation impact (reading "reachability") comes from the same
    # searches as the distance impact: a target is lost when the seeded search inside
    # the removed actor's dominator subtree does not reach it.
    pairs, impact = naive_reach_loss(G)
    for name in ("dominators", "loop"):
        with path(name):
            got = fragmentation_impact(G, distance=False)
        assert got["pairs_disconnected"].to_dict() == pairs
        for v, want in impact.items():
            assert got.loc[v, "fragmentation_impact"] == pytest.approx(want, abs=1e-12)


def test_sampled_reach_losses_are_unbiased():
    # Estimated from one source s (k = 1), averaged over every s, the estimate must be
    # the exact count: the single-partner part is exact, the rest scaled by n / k.
    G = nx.gnm_random_graph(40, 70, seed=3, directed=True)
    G.add_edges_from((40 + i, i) for i in range(8))  # actors naming a single partner
    pairs, _ = naive_reach_loss(G)
    net = fm._prepare(G)
    D = fm._distance_graph(net.n, net.src, net.dst, None, "reachability")
    n = net.n
    reach = fm._reach_counts(n, net.src, net.dst)
    mean = np.zeros(n)
    for s in range(n):
        counted = rp.removal_sums(D, [s])[2 * n : 3 * n]
        estimate = fm._estimated_reach_losses(n, net.src, net.dst, np.array([s]), counted, reach)
        mean += estimate / n
    want = np.array([pairs[v] for v in net.nodes], dtype=float)
    np.testing.assert_allclose(mean, want, rtol=1e-12, atol=1e-9)


def test_single_partner_losses_are_counted_exactly_when_sampled():
    # 12 actors name only the hub; the hub, a and b all name each other. Every pair
    # lost is a leaf's (the hub leaving cuts each leaf off a and b), so the estimate is
    # exact whichever 3 sources are drawn; plain scaling by n / k would give 0 or 5x.
    G = nx.DiGraph([(f"leaf{i}", "hub") for i in range(12)])
    G.add_edges_from([("hub", "a"), ("a", "hub"), ("hub", "b"), ("b", "hub"), ("a", "b"),
                      ("b", "a")])  # fmt: skip
    pairs, _ = naive_reach_loss(G)
    assert pairs["hub"] == 24
    for seed in range(5):
        with path("dominators"):
            got = fragmentation_impact(G, sample=3, seed=seed)
        assert got["pairs_disconnected"].to_dict() == pairs


def test_connectivity_false_gives_the_distance_impact_alone():
    G = nx.gnm_random_graph(60, 150, seed=3, directed=True)
    with path("dominators"):
        full = fragmentation_impact(G, sample=10, seed=1)
        alone = fragmentation_impact(G, connectivity=False, sample=10, seed=1)
    assert list(alone.columns) == ["distance_fragmentation_impact"]
    assert alone["distance_fragmentation_impact"].equals(full["distance_fragmentation_impact"])


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("directed", [False, True])
def test_dominators_equal_loop_on_larger_sparse_graphs(seed, directed):
    # mean degree ~3 (long replacement paths, pendants, several components)
    n = 80 if directed else 120
    G = nx.gnm_random_graph(n, n * 3 // 2, seed=seed, directed=directed)
    G.add_edges_from((n + i, i) for i in range(10))  # pendants
    for reading in READINGS if directed else ["reachability"]:
        with path("dominators"):
            fast = dfi(G, reading=reading)
        with path("loop"):
            slow = dfi(G, reading=reading)
        np.testing.assert_allclose(fast, slow, rtol=0, atol=1e-12)


def test_sampled_sources_equal_loop():
    # The same sampled sources give the same estimate on either path.
    G = nx.gnm_random_graph(80, 200, seed=5)
    with path("dominators"):
        fast = dfi(G, sample=20, seed=3)
    with path("loop"):
        slow = dfi(G, sample=20, seed=3)
    np.testing.assert_allclose(fast, slow, rtol=0, atol=1e-12)
    assert not np.allclose(fast, dfi(G), atol=1e-3)  # a real estimate, not the exact values


# ---------------------------------------------------------------------------
# several processes: same bits
# ---------------------------------------------------------------------------


def test_n_jobs_gives_identical_bits(monkeypatch):
    # the worker processes compute every block of sources; the blocks are summed in order
    G = nx.gnm_random_graph(90, 200, seed=7, directed=True)
    monkeypatch.setattr(sysmap_graph, "MIN_CHUNK", 16)  # 6 blocks of sources
    with path("dominators"):
        serial = fragmentation_impact(G)
        monkeypatch.setattr(sysmap_graph, "PARALLEL_MIN_WORK", 0)
        monkeypatch.setattr(sysmap_graph, "_PARENT_COMPUTES", False)
        shared = fragmentation_impact(G, n_jobs=2)
    assert sysmap_graph._executor is not None  # the worker path really ran
    pd.testing.assert_frame_equal(shared, serial, check_exact=True)
    assert not math.isnan(serial["distance_fragmentation_impact"].sum())


# ---------------------------------------------------------------------------
# which algorithm runs
# ---------------------------------------------------------------------------


def _fail(*args, **kwargs):
    raise AssertionError("this algorithm should not run here")


def test_social_networks_take_the_dominator_path(monkeypatch):
    # Zachary: 22 actors lie inside shortest paths; the dominator trees are shallow
    monkeypatch.setattr(fm, "_df_removal_loop", _fail)
    G = _load("zachary_karate", "edges.csv", "nodes.csv", False)
    assert dfi(G)[1] == pytest.approx(1.3354872251931071e-01, abs=1e-12)  # R, as above


def test_few_actors_take_the_removal_loop(monkeypatch):
    # Two requested actors: two searches per source beat the dominator trees.
    monkeypatch.setattr(rp, "removal_sums", _fail)
    Z = _load("zachary_karate", "edges.csv", "nodes.csv", False)
    assert dfi(Z, nodes=[1, 34])[34] == pytest.approx(3.3769682115270316e-02, abs=1e-12)


@pytest.mark.parametrize("n", [20, 60])
def test_paths_and_rings_take_the_dominator_trees(monkeypatch, n):
    # Deep dominator trees (every removal cuts a path; a ring reroutes the long way
    # round): the compiled search stays exact.
    monkeypatch.setattr(fm, "_df_removal_loop", _fail)
    for G in (nx.path_graph(n), nx.cycle_graph(n), nx.path_graph(n, nx.DiGraph)):
        got = dfi(G)
        for v, want in naive_impact(G, "reachability").items():
            assert got[v] == pytest.approx(want, abs=1e-12)
