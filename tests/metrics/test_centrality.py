"""Tests for sysmap.metrics.centrality.

Reference values marked "R sna" / "R igraph" were computed once with
``Rscript tests/data/sna_centrality_reference.R`` (R 4.2.2, sna 2.7-1, R igraph
1.3.5, Debian bookworm packages) and are hard-coded here; the R script shows
the exact calls. Live comparisons call networkx (3.6) or python-igraph (1.0).
"""

from __future__ import annotations

import math
from pathlib import Path
from types import SimpleNamespace

import igraph as ig
import joblib
import networkx as nx
import numpy as np
import pandas as pd
import pytest
import sysmap_test_strategies as strategies
from hypothesis import given, settings
from hypothesis import strategies as st

import sysmap._graph as sysmap_graph
from sysmap._random import check_seed
from sysmap.exceptions import GraphTypeError, ParameterError
from sysmap.metrics.centrality import betweenness, closeness, degree, harmonic

DATA = Path(__file__).resolve().parents[1] / "data"


def _load(dataset: str, edges: str, directed: bool) -> nx.Graph:
    nodes = pd.read_csv(DATA / dataset / "nodes.csv")
    ties = pd.read_csv(DATA / dataset / edges)
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(nodes["id"].tolist())
    G.add_edges_from(zip(ties["source"].tolist(), ties["target"].tolist()))
    return G


@pytest.fixture
def knoke() -> nx.DiGraph:
    """Knoke information network: 10 organisations, 49 arcs (ids 1..10)."""
    return _load("knoke_bureaucracies", "edges_information.csv", directed=True)


@pytest.fixture
def padgett() -> nx.Graph:
    """Padgett marriage network: 16 families, 20 edges, Pucci (12) isolated."""
    return _load("padgett_florentine", "edges_marriage.csv", directed=False)


@pytest.fixture
def krackhardt() -> nx.DiGraph:
    """Krackhardt high-tech advice network: 21 managers, 190 arcs."""
    return _load("krackhardt_hightech", "edges_advice.csv", directed=True)


def _random_graph(n: int, m: int, seed: int, directed: bool, weighted: bool = False) -> nx.Graph:
    G = nx.gnm_random_graph(n, m, seed=seed, directed=directed)
    if weighted:
        rng = np.random.default_rng(seed)
        for u, v in G.edges:
            G[u][v]["w"] = int(rng.integers(1, 5))  # integer lengths: no float ties
    return G


def _as_array(d: dict, nodes) -> np.ndarray:
    return np.array([d[v] for v in nodes], dtype=float)


# ---------------------------------------------------------------------------
# degree
# ---------------------------------------------------------------------------


@pytest.mark.published(
    "R sna 2.7-1: sna::degree(M, gmode='digraph', cmode=...) on Knoke information"
)
def test_degree_knoke_matches_sna(knoke):
    got = degree(knoke)
    assert list(got.columns) == ["degree", "in_degree", "out_degree"]
    assert got.index.name == "actor"
    assert got.index.tolist() == list(range(1, 11))
    # sna::degree(M, gmode="digraph") (cmode "freeman"), "indegree", "outdegree"
    assert got["degree"].tolist() == [9, 15, 10, 9, 16, 4, 12, 8, 8, 7]
    assert got["in_degree"].tolist() == [5, 8, 4, 5, 8, 1, 9, 2, 5, 2]
    assert got["out_degree"].tolist() == [4, 7, 6, 4, 8, 3, 3, 6, 3, 5]


@pytest.mark.published("R sna 2.7-1: sna::degree(M, gmode='graph') on Padgett marriage")
def test_degree_padgett_matches_sna(padgett):
    got = degree(padgett)
    assert list(got.columns) == ["degree"]
    assert got["degree"].tolist() == [1, 3, 2, 3, 3, 1, 4, 1, 6, 1, 3, 0, 3, 2, 4, 3]


@pytest.mark.published("R sna 2.7-1: sna::degree(M, gmode='digraph') on Krackhardt advice")
def test_degree_krackhardt_matches_sna(krackhardt):
    got = degree(krackhardt)
    assert got["degree"].tolist() == [
        19,
        21,
        20,
        20,
        20,
        11,
        21,
        18,
        17,
        23,
        14,
        9,
        10,
        14,
        24,
        12,
        14,
        32,
        15,
        20,
        26,
    ]
    assert got["in_degree"].tolist() == [
        13,
        18,
        5,
        8,
        5,
        10,
        13,
        10,
        4,
        9,
        11,
        7,
        4,
        10,
        4,
        8,
        9,
        15,
        4,
        8,
        15,
    ]


def test_degree_weighted_and_self_loops_by_hand():
    # Hand computation: a->b (2), b->a (0.5), a->c (1, no weight attr -> 1), loop c->c ignored.
    # a: out 2 + 1 = 3, in 0.5 -> degree 3.5; b: out 0.5, in 2 -> 2.5; c: in 1 -> 1.
    G = nx.DiGraph()
    G.add_edge("a", "b", w=2.0)
    G.add_edge("b", "a", w=0.5)
    G.add_edge("a", "c")
    G.add_edge("c", "c", w=7.0)
    got = degree(G, weight="w")
    assert got.loc["a"].tolist() == [3.5, 0.5, 3.0]
    assert got.loc["b"].tolist() == [2.5, 2.0, 0.5]
    assert got.loc["c"].tolist() == [1.0, 1.0, 0.0]
    # Unweighted: a out 2 (b, c), in 1; c in 1, its loop ignored.
    got = degree(G)
    assert got.loc["a"].tolist() == [3.0, 1.0, 2.0]
    assert got.loc["c"].tolist() == [1.0, 1.0, 0.0]
    # Undirected: a loop does not count (networkx would count it twice).
    U = nx.Graph([("a", "b"), ("b", "b")])
    assert degree(U)["degree"].tolist() == [1.0, 1.0]


def test_degree_matches_networkx_live():
    # networkx 3.6 G.in_degree / G.out_degree (no self-loops in gnm graphs)
    G = _random_graph(50, 200, seed=4, directed=True, weighted=True)
    got = degree(G, weight="w")
    nodes = got.index.tolist()
    assert np.allclose(
        got["in_degree"], _as_array(dict(G.in_degree(weight="w")), nodes), atol=1e-12
    )
    assert np.allclose(
        got["out_degree"], _as_array(dict(G.out_degree(weight="w")), nodes), atol=1e-12
    )
    assert np.allclose(got["degree"], _as_array(dict(G.degree(weight="w")), nodes), atol=1e-12)


# ---------------------------------------------------------------------------
# betweenness
# ---------------------------------------------------------------------------

# fmt: off
KNOKE_BETWEENNESS = [  # R sna 2.7-1: sna::betweenness(M, gmode="digraph")
    0.66666666666666663, 12.33333333333333393, 11.69444444444444464, 0.80555555555555558,
    17.83333333333333215, 0.33333333333333331, 2.75000000000000044, 0.0,
    1.22222222222222210, 0.36111111111111110,
]
PADGETT_BETWEENNESS = [  # R sna 2.7-1: sna::betweenness(M, gmode="graph")
    0.0, 19.3333333333333321, 8.5, 9.5, 5.0, 0.0, 23.1666666666666643, 0.0, 47.5, 0.0, 2.0,
    0.0, 10.3333333333333321, 13.0, 9.3333333333333339, 8.3333333333333339,
]
KRACKHARDT_BETWEENNESS = [  # R sna 2.7-1: sna::betweenness(M, gmode="digraph")
    13.74682539682539506, 5.93571428571428417, 6.60476190476190439, 13.70873015873015710,
    5.07857142857142829, 0.0, 27.62460317460317327, 3.97460317460317469, 3.95396825396825413,
    18.29682539682539755, 1.19841269841269837, 0.25396825396825395, 0.89285714285714279,
    0.58888888888888891, 6.13253968253968296, 0.69999999999999996, 2.53174603174603163,
    88.91666666666668561, 0.75396825396825395, 7.97936507936507944, 60.12698412698413364,
]
# fmt: on


@pytest.mark.published("R sna 2.7-1: sna::betweenness on Knoke, Padgett, Krackhardt (see R script)")
@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("knoke", KNOKE_BETWEENNESS),
        ("padgett", PADGETT_BETWEENNESS),
        ("krackhardt", KRACKHARDT_BETWEENNESS),
    ],
)
def test_betweenness_matches_sna(request, fixture, expected):
    G = request.getfixturevalue(fixture)
    got = betweenness(G)
    assert list(got.columns) == ["betweenness"]
    np.testing.assert_allclose(got["betweenness"], expected, rtol=0, atol=1e-9)


def test_betweenness_path_by_hand():
    # Path a-b-c-d: b lies on a-c and a-d, c on a-d and b-d (unordered pairs) -> 0, 2, 2, 0.
    got = betweenness(nx.path_graph(["a", "b", "c", "d"]))
    assert got["betweenness"].tolist() == [0.0, 2.0, 2.0, 0.0]
    # Directed path a->b->c->d: b on (a,c), (a,d); c on (a,d), (b,d) -> same counts.
    got = betweenness(nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d")]))
    assert got["betweenness"].tolist() == [0.0, 2.0, 2.0, 0.0]


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("normalized", [False, True])
def test_betweenness_matches_networkx_live(directed, weighted, normalized):
    # networkx 3.6 betweenness_centrality(G, weight=..., normalized=...) on the same graph.
    G = _random_graph(60, 180, seed=11, directed=directed, weighted=weighted)
    G.add_node(99)  # an isolate
    w = "w" if weighted else None
    got = betweenness(G, weight=w, normalized=normalized)
    ref = nx.betweenness_centrality(G, weight=w, normalized=normalized)
    np.testing.assert_allclose(got["betweenness"], _as_array(ref, got.index), rtol=0, atol=1e-9)


def test_betweenness_matches_igraph_live():
    # python-igraph 1.0 Graph.betweenness(directed=True) on the same digraph built independently.
    G = _random_graph(80, 300, seed=5, directed=True)
    H = ig.Graph(n=80, edges=list(G.edges()), directed=True)
    np.testing.assert_allclose(betweenness(G)["betweenness"], H.betweenness(), atol=1e-9)


@pytest.mark.parametrize("directed", [False, True])
def test_betweenness_progress_chunks_give_the_exact_value(directed, capsys):
    # The chunked (progress bar) path sums igraph subset betweenness over source chunks;
    # it must equal the one-call exact value (checked against networkx 3.6 too).
    G = _random_graph(150, 450, seed=2, directed=directed)
    plain = betweenness(G)["betweenness"]
    chunked = betweenness(G, progress=True)["betweenness"]
    np.testing.assert_allclose(chunked, plain, rtol=0, atol=1e-9)
    ref = nx.betweenness_centrality(G, normalized=False)
    np.testing.assert_allclose(chunked, _as_array(ref, plain.index), rtol=0, atol=1e-9)


def test_betweenness_normalized_small_graphs_are_zero():
    # networkx convention: with n <= 2 no pair avoids the actor; values stay 0.
    got = betweenness(nx.Graph([(0, 1)]), normalized=True)
    assert got["betweenness"].tolist() == [0.0, 0.0]


@pytest.mark.parametrize("directed", [False, True])
def test_betweenness_sample_all_sources_is_exact(directed):
    # Sampling all n sources without replacement and scaling by n/n = 1 is Brandes' exact sum.
    G = _random_graph(70, 210, seed=8, directed=directed, weighted=True)
    exact = betweenness(G, weight="w")["betweenness"]
    est = betweenness(G, weight="w", sample=70, seed=3)["betweenness"]
    np.testing.assert_allclose(est, exact, rtol=0, atol=1e-9)


def test_betweenness_sample_is_seeded():
    G = _random_graph(120, 400, seed=9, directed=False)
    a = betweenness(G, sample=20, seed=42)
    b = betweenness(G, sample=20, seed=42)
    c = betweenness(G, sample=20, seed=43)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(c)
    gen = np.random.default_rng(42)
    pd.testing.assert_frame_equal(betweenness(G, sample=20, seed=gen), a)


@pytest.mark.parametrize("directed", [False, True])
def test_betweenness_sample_is_unbiased(directed):
    # Brandes & Pich (2007): the n/k-scaled source-sample estimate is unbiased (networkx's
    # k-sampling uses the same scaling). Averaged over 200 fixed seeds, the estimate is
    # within 5 standard errors of the exact value for every actor.
    G = _random_graph(40, 120, seed=6, directed=directed)
    exact = betweenness(G)["betweenness"].to_numpy()
    runs = np.array(
        [betweenness(G, sample=4, seed=s)["betweenness"].to_numpy() for s in range(200)]
    )
    se = runs.std(axis=0, ddof=1) / math.sqrt(len(runs))
    assert np.all(np.abs(runs.mean(axis=0) - exact) <= 5 * se + 1e-9)


@pytest.mark.parametrize("directed", [False, True])
def test_betweenness_sample_within_hoeffding_bound(directed):
    # Brandes & Pich (2007), Hoeffding: P(|est - b| >= eps * n(n-2) [/2 undirected])
    # <= 2 exp(-2 k eps^2). With k = 32 and failure probability 1e-6 per actor,
    # eps = sqrt(ln(2e6) / 64) = 0.476; 300 actors x 10 seeds -> P(any failure) < 3e-3,
    # and the seeds are fixed, so the test is deterministic.
    n, k = 300, 32
    G = _random_graph(n, 900, seed=12, directed=directed)
    exact = betweenness(G)["betweenness"].to_numpy()
    eps = math.sqrt(math.log(2e6) / (2 * k))
    bound = eps * n * (n - 2) / (1 if directed else 2)
    for s in range(10):
        est = betweenness(G, sample=k, seed=s)["betweenness"].to_numpy()
        assert np.max(np.abs(est - exact)) <= bound
    # the estimate is also useful: the actual total error is far below the bound
    est = betweenness(G, sample=k, seed=0)["betweenness"].to_numpy()
    assert abs(est.sum() - exact.sum()) / exact.sum() < 0.25


@pytest.mark.parametrize("directed", [False, True])
def test_betweenness_sample_matches_networkx_subset_live(directed):
    # Same sources (documented: check_seed(seed).choice(n, k, replace=False) over the
    # sorted actors): networkx 3.6 betweenness_centrality_subset(G, sources, targets=all,
    # normalized=False) scaled by n/k is the Brandes-Pich estimate.
    n, k = 150, 12
    G = _random_graph(n, 600, seed=21, directed=directed)
    sources = np.sort(check_seed(5).choice(n, size=k, replace=False)).tolist()
    ref = nx.betweenness_centrality_subset(G, sources=sources, targets=list(G), normalized=False)
    got = betweenness(G, sample=k, seed=5)["betweenness"]
    np.testing.assert_allclose(got, _as_array(ref, got.index) * n / k, rtol=0, atol=1e-9)


def test_betweenness_sample_wrong_code_would_fail():
    # With k sources the estimate must scale by n/k: its total is close to the exact
    # total (a forgotten scale factor would be off by n/k = 10x here).
    G = _random_graph(200, 800, seed=1, directed=False)
    exact = betweenness(G)["betweenness"].sum()
    est = betweenness(G, sample=20, seed=1)["betweenness"].sum()
    assert 0.7 < est / exact < 1.3


# ---------------------------------------------------------------------------
# betweenness in several processes (n_jobs)
# ---------------------------------------------------------------------------


@pytest.fixture
def in_workers(monkeypatch):
    """Force the worker-process path even on small graphs.

    ``parent`` False makes the worker processes compute every chunk (none in this
    process), so a worker that rebuilt the graph wrongly could not go unnoticed.
    """

    def configure(parent: bool) -> None:
        monkeypatch.setattr(sysmap_graph, "PARALLEL_MIN_WORK", 0)
        monkeypatch.setattr(sysmap_graph, "_PARENT_COMPUTES", parent)

    return configure


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("weighted", [False, True])
def test_betweenness_n_jobs_gives_identical_bits(directed, weighted, in_workers):
    # 200 actors -> 7 chunks of sources. The chunk split and the order of the sum do
    # not depend on n_jobs, so the floats must be equal bit for bit, whether this
    # process, the workers or both computed the chunks. networkx 3.6
    # betweenness_centrality(normalized=False) is the independent reference (1e-9).
    G = _random_graph(200, 800, seed=21, directed=directed, weighted=weighted)
    w = "w" if weighted else None
    serial = betweenness(G, weight=w)["betweenness"].to_numpy()
    in_workers(parent=False)
    only_workers = betweenness(G, weight=w, n_jobs=2)["betweenness"].to_numpy()
    assert sysmap_graph._executor is not None  # the worker path really ran
    in_workers(parent=True)
    shared = betweenness(G, weight=w, n_jobs=-1, progress=True)["betweenness"].to_numpy()
    assert np.array_equal(only_workers, serial)
    assert np.array_equal(shared, serial)
    ref = nx.betweenness_centrality(G, normalized=False, weight=w)
    np.testing.assert_allclose(serial, _as_array(ref, sorted(G)), rtol=0, atol=1e-9)


def test_betweenness_sample_n_jobs_gives_identical_bits(in_workers):
    # The sampled sources are drawn before the split: same seed, same estimate.
    G = _random_graph(300, 900, seed=22, directed=False)
    serial = betweenness(G, sample=100, seed=5)
    in_workers(parent=False)
    pd.testing.assert_frame_equal(betweenness(G, sample=100, seed=5, n_jobs=2), serial)


def test_betweenness_large_enough_graph_uses_workers_by_itself():
    # 3,000 actors / 20,000 ties is above PARALLEL_MIN_WORK (3,000 * 23,000 >= 5e7):
    # with the default settings this process and one worker share the chunks.
    G = _random_graph(3000, 20000, seed=23, directed=False)
    assert 3000 * (3000 + 20000) >= sysmap_graph.PARALLEL_MIN_WORK
    serial = betweenness(G)["betweenness"].to_numpy()
    parallel = betweenness(G, n_jobs=2)["betweenness"].to_numpy()
    assert np.array_equal(parallel, serial)


def test_n_jobs_convention_and_errors():
    # joblib's convention: None = 1, -1 = all CPUs, -2 = all but one (at least 1).
    assert sysmap_graph.check_n_jobs(None) == 1
    assert sysmap_graph.check_n_jobs(3) == 3
    assert sysmap_graph.check_n_jobs(-1) == joblib.cpu_count()
    assert sysmap_graph.check_n_jobs(-2) == max(1, joblib.cpu_count() - 1)
    assert sysmap_graph.check_n_jobs(-1000) == 1
    G = nx.Graph([(0, 1), (1, 2)])
    for bad in (0, 1.5, True, "2"):
        with pytest.raises(ParameterError, match="n_jobs"):
            betweenness(G, n_jobs=bad)


def test_worker_errors_reach_the_caller(in_workers):
    # An exception raised inside a worker process is re-raised here; the pool stays
    # usable (an error does not break it) and the next call still gives igraph's own
    # results on the same chunks.
    in_workers(parent=False)
    H = ig.Graph.Ring(50)
    chunks = [[0, 1], [2, 3], [4, 5], [6, 7], [8, 9], [10, 11], [12, 13], [14, 15]]
    expected = [H.betweenness(sources=c) for c in chunks]
    ok = sysmap_graph.igraph_map(H, "betweenness", chunks, arg="sources", n_jobs=2)
    assert [a.tolist() for a in ok] == expected
    with pytest.raises(TypeError):
        sysmap_graph.igraph_map(H, "betweenness", chunks, arg="sources", n_jobs=2, bogus=1)
    again = sysmap_graph.igraph_map(H, "betweenness", chunks, arg="sources", n_jobs=2)
    assert [a.tolist() for a in again] == expected


def test_an_interrupt_stops_the_workers(in_workers, monkeypatch):
    # Ctrl+C while the workers are busy: the interrupt reaches the caller and the
    # workers are stopped at once (a fresh pool starts next time).
    in_workers(parent=True)
    H = ig.Graph.Ring(50)
    chunks = [[i] for i in range(20)]

    def interrupted(seconds):
        raise KeyboardInterrupt

    monkeypatch.setattr(sysmap_graph, "time", SimpleNamespace(sleep=interrupted))
    with pytest.raises(KeyboardInterrupt):
        sysmap_graph.igraph_map(H, "betweenness", chunks, arg="sources", n_jobs=2)
    assert sysmap_graph._executor is None


# ---------------------------------------------------------------------------
# closeness and harmonic
# ---------------------------------------------------------------------------

# fmt: off
KNOKE_CLOSENESS_OUT = [  # R igraph 1.3.5: closeness(g, mode="out", normalized=TRUE)
    0.59999999999999998, 0.81818181818181823, 0.75, 0.59999999999999998, 0.90000000000000002,
    0.52941176470588236, 0.5625, 0.69230769230769229, 0.5625, 0.69230769230769229,
]
PADGETT_CLOSENESS = [  # R igraph 1.3.5: closeness(g, normalized=TRUE); Pucci (12) NaN
    0.36842105263157893, 0.48275862068965519, 0.4375, 0.40000000000000002, 0.38888888888888890,
    0.33333333333333331, 0.46666666666666667, 0.32558139534883723, 0.56000000000000005,
    0.28571428571428570, 0.36842105263157893, math.nan, 0.5, 0.38888888888888890, 0.4375,
    0.48275862068965519,
]
PADGETT_HARMONIC = [  # R igraph 1.3.5: harmonic_centrality(g, normalized=FALSE)
    5.9166666666666661, 7.8333333333333321, 7.0833333333333321, 7.1999999999999993,
    6.9166666666666652, 5.3333333333333339, 8.0833333333333321, 5.3666666666666671,
    9.5000000000000018, 4.7666666666666675, 6.7833333333333323, 0.0, 7.9999999999999991,
    6.5833333333333321, 7.8333333333333321, 7.8333333333333321,
]
KRACKHARDT_HARMONIC_OUT = [  # R igraph 1.3.5: harmonic_centrality(g, mode="out", normalized=FALSE)
    13.0, 10.1666666666666696, 17.5, 16.0, 17.5, 9.0, 14.0, 14.0, 16.5, 17.0,
    10.1666666666666696, 9.6666666666666679, 13.0, 12.0, 20.0, 11.8333333333333339,
    11.6666666666666696, 18.5, 15.5, 16.0, 15.5,
]
# fmt: on


@pytest.mark.published(
    "R igraph 1.3.5: closeness(g, mode='out', normalized=TRUE), Knoke and Padgett"
)
def test_closeness_without_wf_matches_r_igraph(knoke, padgett):
    got = closeness(knoke, wf_improved=False)["closeness"]
    np.testing.assert_allclose(got, KNOKE_CLOSENESS_OUT, rtol=0, atol=1e-9)
    got = closeness(padgett, wf_improved=False)["closeness"]
    np.testing.assert_allclose(got, PADGETT_CLOSENESS, rtol=0, atol=1e-9)  # NaN == NaN here


def test_closeness_wf_on_padgett_by_hand(padgett):
    # Wasserman-Faust: r/(n-1) * r/D. Padgett's main component has 15 families, so every
    # non-isolate has r = 14 and the corrected value is igraph's value * 14/15; Pucci 0.
    got = closeness(padgett)["closeness"].to_numpy()
    expected = np.nan_to_num(np.array(PADGETT_CLOSENESS) * 14 / 15, nan=0.0)
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-12)


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("weighted", [False, True])
def test_closeness_matches_networkx_live(directed, weighted):
    # networkx 3.6 closeness_centrality uses *incoming* distances on digraphs:
    # mode="in" == nx.closeness_centrality(G); mode="out" == nx.closeness_centrality(G.reverse()).
    G = _random_graph(60, 120 if directed else 70, seed=3, directed=directed, weighted=weighted)
    G.add_node(77)
    w = "w" if weighted else None
    for mode, H in (("in", G), ("out", G.reverse() if directed else G)):
        for wf in (True, False):
            got = closeness(G, weight=w, mode=mode, wf_improved=wf)["closeness"].to_numpy()
            ref = _as_array(nx.closeness_centrality(H, distance=w, wf_improved=wf), sorted(G))
            if not wf:  # networkx gives 0 where nobody is reachable, sysmap (igraph) NaN
                assert np.all(np.isnan(got) == (ref == 0))
                got = np.nan_to_num(got)
            np.testing.assert_allclose(got, ref, rtol=0, atol=1e-9)


def test_closeness_directed_reach_by_hand():
    # a->b->c, d isolated. mode="out": a reaches b (1), c (2): r=2, D=3 -> 2/3 * 2/3 = 4/9;
    # b reaches c: 1/1 * 1/3 = 1/3; c and d reach nobody -> 0.
    G = nx.DiGraph([("a", "b"), ("b", "c")])
    G.add_node("d")
    got = closeness(G)["closeness"]
    np.testing.assert_allclose(got, [4 / 9, 1 / 3, 0.0, 0.0], atol=1e-15)
    # mode="all" ignores direction: b reaches a, c at distance 1 -> 2/2 * 2/3 = 2/3.
    assert closeness(G, mode="all").loc["b", "closeness"] == pytest.approx(2 / 3, abs=1e-15)


@pytest.mark.published(
    "R igraph 1.3.5: harmonic_centrality(g, normalized=FALSE), Padgett/Krackhardt"
)
def test_harmonic_matches_r_igraph(padgett, krackhardt):
    np.testing.assert_allclose(harmonic(padgett)["harmonic"], PADGETT_HARMONIC, atol=1e-9)
    np.testing.assert_allclose(harmonic(krackhardt)["harmonic"], KRACKHARDT_HARMONIC_OUT, atol=1e-9)


@pytest.mark.parametrize("directed", [False, True])
def test_harmonic_matches_networkx_live(directed):
    # networkx 3.6 harmonic_centrality sums 1/d(u, v) over sources u: incoming distances.
    G = _random_graph(60, 150, seed=7, directed=directed, weighted=True)
    G.add_node(70)
    got = harmonic(G, weight="w", mode="in")["harmonic"]
    ref = nx.harmonic_centrality(G, distance="w")
    np.testing.assert_allclose(got, _as_array(ref, got.index), atol=1e-9)
    got = harmonic(G, mode="out", normalized=True)["harmonic"]
    H = G.reverse() if directed else G
    ref = nx.harmonic_centrality(H)
    np.testing.assert_allclose(got, _as_array(ref, got.index) / 60, atol=1e-9)


def test_harmonic_path_by_hand_and_progress():
    # Path a-b-c: a: 1 + 1/2 = 1.5, b: 2, c: 1.5; normalized by n-1 = 2.
    G = nx.path_graph(["a", "b", "c"])
    assert harmonic(G)["harmonic"].tolist() == [1.5, 2.0, 1.5]
    assert harmonic(G, normalized=True, progress=True)["harmonic"].tolist() == [0.75, 1.0, 0.75]
    assert closeness(G, progress=True)["closeness"].tolist() == pytest.approx([2 / 3, 1.0, 2 / 3])


def test_single_actor_and_empty_graph():
    one = nx.Graph()
    one.add_node("x")
    assert harmonic(one)["harmonic"].tolist() == [0.0]
    assert math.isnan(harmonic(one, normalized=True).loc["x", "harmonic"])
    assert closeness(one)["closeness"].tolist() == [0.0]
    assert betweenness(one)["betweenness"].tolist() == [0.0]
    for f, col in (
        (degree, "degree"),
        (betweenness, "betweenness"),
        (closeness, "closeness"),
        (harmonic, "harmonic"),
    ):
        empty = f(nx.DiGraph())
        assert len(empty) == 0 and col in empty.columns and empty.index.name == "actor"


# ---------------------------------------------------------------------------
# errors, input handling
# ---------------------------------------------------------------------------


def test_bad_inputs_raise():
    G = nx.Graph([(0, 1), (1, 2)])
    with pytest.raises(GraphTypeError):
        degree({0: [1]})
    for bad in (0, 4, 2.5, True, "3"):
        with pytest.raises(ParameterError, match="sample"):
            betweenness(G, sample=bad)
    with pytest.raises(ParameterError, match="seed"):
        betweenness(G, sample=2, seed=1.5)
    with pytest.raises(ParameterError, match="mode"):
        closeness(G, mode="both")
    with pytest.raises(ParameterError, match="mode"):
        harmonic(G, mode="IN")
    H = nx.Graph(G)
    H[0][1]["w"] = -1.0
    with pytest.raises(ParameterError, match="distance"):
        betweenness(H, weight="w")
    H[0][1]["w"] = 0.0
    with pytest.raises(ParameterError, match="positive"):
        closeness(H, weight="w")
    H[0][1]["w"] = None
    with pytest.raises(ParameterError, match="missing"):
        harmonic(H, weight="w")


def test_input_graph_not_mutated(krackhardt):
    before = nx.to_dict_of_dicts(krackhardt)
    nodes_before = dict(krackhardt.nodes(data=True))
    degree(krackhardt)
    betweenness(krackhardt, sample=5, seed=0, progress=True)
    closeness(krackhardt)
    harmonic(krackhardt, progress=True)
    assert nx.to_dict_of_dicts(krackhardt) == before
    assert dict(krackhardt.nodes(data=True)) == nodes_before


def test_mixed_node_ids_are_supported():
    # Non-comparable ids fall back to sorting by (type name, str); rows follow that order.
    G = nx.Graph([("a", 1), (1, (2, 3))])
    got = betweenness(G)
    assert got.index.tolist() == [1, "a", (2, 3)]
    assert got["betweenness"].tolist() == [1.0, 0.0, 0.0]


# ---------------------------------------------------------------------------
# properties
# ---------------------------------------------------------------------------


def small_graphs():
    """Networks of 1 to 12 actors, directed or not."""
    return strategies.graphs(max_nodes=12)


def _all_measures(G: nx.Graph) -> pd.DataFrame:
    return degree(G).join(betweenness(G)).join(closeness(G, wf_improved=False)).join(harmonic(G))


@settings(max_examples=50, deadline=None)
@given(G=small_graphs(), data=st.data())
def test_relabelling_permutes_rows_only(G, data):
    perm = data.draw(st.permutations(list(G.nodes)))
    mapping = {v: f"n{perm[i]:02d}" for i, v in enumerate(G.nodes)}
    before = _all_measures(G).rename(index=mapping).sort_index()
    after = _all_measures(nx.relabel_nodes(G, mapping))
    pd.testing.assert_frame_equal(before, after, check_exact=False, atol=1e-12, rtol=0)


@settings(max_examples=50, deadline=None)
@given(G=small_graphs())
def test_adding_an_isolate_leaves_other_rows_unchanged(G):
    before = _all_measures(G)
    H = G.copy()
    H.add_node(1000)
    after = _all_measures(H)
    pd.testing.assert_frame_equal(after.drop(index=1000), before, check_exact=False, atol=1e-12)
    assert after.loc[1000, "degree"] == 0 and after.loc[1000, "betweenness"] == 0
    assert after.loc[1000, "harmonic"] == 0 and math.isnan(after.loc[1000, "closeness"])


@settings(max_examples=50, deadline=None)
@given(G=small_graphs())
def test_betweenness_agrees_with_networkx_on_any_small_graph(G):
    # networkx 3.6 betweenness_centrality(normalized=True) as the live reference.
    got = betweenness(G, normalized=True)["betweenness"]
    ref = nx.betweenness_centrality(G, normalized=True)
    np.testing.assert_allclose(got, _as_array(ref, got.index), atol=1e-9)
