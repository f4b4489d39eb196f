"""Tests for sysmap.cluster.coreperiphery (Borgatti & Everett 1999).

Where the numbers come from
---------------------------
* Ideal core-periphery matrices: by construction the correlation with the
  ideal pattern is 1 (BE1999, section 3).
* Knoke information network, discrete model: the global optimum found by
  exhaustive search over all 2^10 core/periphery splits, the correlation
  written out with ``numpy.corrcoef`` over the included cells (script in
  ``exhaustive_fit`` below; run once, values hard-coded).
* Knoke, continuous model: Boyd et al.'s (2010) MINRES/SVD formulation as an
  independent reference, dense numpy: repeat ``c = sqrt(l1) v1`` with
  ``(l1, v1)`` the leading eigenpair of ``S + diag(c^2)``, ``S = (A + A^T)/2``
  (``numpy.linalg.eigh``, numpy 2.4), 44 iterations to a change < 1e-15;
  gradient of the loss at the result 7e-15. Coreness scaled to unit length.
* No R package for core-periphery is available from Debian (``apt-cache
  search r-cran | grep -i core`` lists none), and UCINET output was not
  available; those are not compared.
"""

from __future__ import annotations

import itertools
import warnings
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
import sysmap_test_strategies as strategies
from hypothesis import assume, given, settings
from hypothesis import strategies as st

# the function core_periphery shadows its module as an attribute of sysmap.cluster
import sysmap.cluster.coreperiphery as cp_module
from sysmap.cluster.coreperiphery import CorePeriphery, core_periphery
from sysmap.exceptions import ConvergenceWarning, GraphTypeError, ParameterError

DATA = Path(__file__).resolve().parents[1] / "data"
TOL = 1e-9

# exhaustive search (see exhaustive_fit): best core and correlation per periphery_ties
KNOKE_DISCRETE = {
    "ignore": ([2, 3, 4, 5, 7], 0.6574382586514251),  # runner-up 0.650814... ({1,2,3,5,7})
    "one": ([2, 5, 7], 0.48596346783620825),  # runner-up 0.482668... ({2,5})
    "zero": ([1, 2, 4, 5, 7, 8], 0.4101742397065733),  # runner-up 0.408448...
}
# MINRES/SVD eigen-iteration reference (see module docstring), unit length
KNOKE_CONTINUOUS = [
    0.280566356115025, 0.460676589574681, 0.2696786246332348, 0.2954732293326709,
    0.4971278868164905, 0.08970183036603004, 0.3465365412819053, 0.26065140495775857,
    0.2423972536072682, 0.21693984804492894,
]
KNOKE_CONTINUOUS_FIT = 0.5793502229739287


@pytest.fixture
def knoke() -> nx.DiGraph:
    edges = pd.read_csv(DATA / "knoke_bureaucracies/edges_information.csv")
    G = nx.DiGraph()
    G.add_nodes_from(range(1, 11))
    G.add_edges_from(zip(edges["source"], edges["target"]))
    return G


def ideal(core: int, periphery: int, cp_ties: str) -> nx.Graph:
    """Core clique on c0.. ; periphery p0..; core-periphery ties all / one each / none."""
    G = nx.Graph()
    cores = [f"c{i}" for i in range(core)]
    peris = [f"p{i}" for i in range(periphery)]
    G.add_nodes_from(cores + peris)
    G.add_edges_from(itertools.combinations(cores, 2))
    if cp_ties == "all":
        G.add_edges_from((c, p) for c in cores for p in peris)
    elif cp_ties == "one":
        G.add_edges_from((cores[i % core], p) for i, p in enumerate(peris))
    return G


def naive_fit(A: np.ndarray, core: np.ndarray, mode: str) -> float:
    """BE1999's correlation written out over the ordered off-diagonal cells."""
    n = len(A)
    off = ~np.eye(n, dtype=bool)
    cc = np.outer(core, core) & off
    pp = np.outer(~core, ~core) & off
    cp = off & ~cc & ~pp
    if mode == "ignore":
        inc, pattern = cc | pp, cc
    elif mode == "one":
        inc, pattern = off, cc | cp
    else:
        inc, pattern = off, cc
    x, d = A[inc], pattern[inc].astype(float)
    if x.std() == 0 or d.std() == 0:
        return -np.inf
    return float(np.corrcoef(x, d)[0, 1])


def exhaustive_fit(A: np.ndarray, mode: str) -> float:
    """Best correlation over all 2^n splits (the same formula, vectorised over splits)."""
    n = len(A)
    X = np.array(list(itertools.product([False, True], repeat=n)))
    off = ~np.eye(n, dtype=bool)
    cc = X[:, :, None] & X[:, None, :] & off
    pp = ~X[:, :, None] & ~X[:, None, :] & off
    if mode == "ignore":
        inc, pattern = cc | pp, cc
    elif mode == "one":
        inc, pattern = np.broadcast_to(off, cc.shape), off & ~pp
    else:
        inc, pattern = np.broadcast_to(off, cc.shape), cc
    w = inc.reshape(len(X), -1).astype(float)
    x = np.broadcast_to(A.ravel(), w.shape)
    d = pattern.reshape(len(X), -1).astype(float)
    N = w.sum(1)
    sx, sd = (w * x).sum(1), (w * d).sum(1)
    cov = N * (w * x * d).sum(1) - sx * sd
    var = (N * (w * x * x).sum(1) - sx**2) * (N * (w * d * d).sum(1) - sd**2)
    ok = var > 1e-12
    return float((cov[ok] / np.sqrt(var[ok])).max()) if ok.any() else -np.inf


# --------------------------------------------------------------------------- discrete


@pytest.mark.parametrize("core,periphery", [(4, 6), (3, 3), (6, 14)])
def test_ideal_pattern_one(core, periphery):
    # ideal with complete core-periphery ties and periphery_ties="one": fit 1 (BE1999)
    G = ideal(core, periphery, "all")
    res = core_periphery(G, periphery_ties="one", seed=0)
    assert res.fit == pytest.approx(1.0, abs=1e-12)
    assert res.core == [f"c{i}" for i in range(core)]
    assert res.coreness.sum() == core


@pytest.mark.parametrize("core,periphery", [(4, 6), (3, 3), (5, 20)])
def test_ideal_pattern_ignore(core, periphery):
    # default "ignore": core clique, periphery empty, each periphery actor tied to one
    # core actor -> included cells (CC all 1, PP all 0) match the pattern exactly
    G = ideal(core, periphery, "one")
    res = core_periphery(G, seed=0)
    assert res.fit == pytest.approx(1.0, abs=1e-12)
    assert res.core == [f"c{i}" for i in range(core)]
    assert res.periphery_ties == "ignore" and res.model == "discrete"


def test_ideal_pattern_zero():
    G = ideal(4, 5, "none")
    res = core_periphery(G, periphery_ties="zero", seed=0)
    assert res.fit == pytest.approx(1.0, abs=1e-12)
    assert res.core == ["c0", "c1", "c2", "c3"]


def test_ignore_cannot_tell_core_plus_fully_tied_actor():
    # Documented: with "ignore", adding one periphery actor tied to every core member to
    # the core leaves every included cell as in the pattern: both partitions fit 1.
    G = ideal(4, 6, "all")
    A = nx.to_numpy_array(G, nodelist=sorted(G))
    core = np.array([v.startswith("c") for v in sorted(G)])
    plus = core.copy()
    plus[sorted(G).index("p0")] = True
    assert naive_fit(A, core, "ignore") == pytest.approx(1.0)
    assert naive_fit(A, plus, "ignore") == pytest.approx(1.0)
    assert core_periphery(G, seed=0).fit == pytest.approx(1.0, abs=1e-12)


@pytest.mark.published("exhaustive search over all 1,024 splits of Knoke's information network")
@pytest.mark.parametrize("mode", ["ignore", "one", "zero"])
def test_knoke_global_optimum(knoke, mode):
    res = core_periphery(knoke, periphery_ties=mode, seed=0)
    core, fit = KNOKE_DISCRETE[mode]
    assert res.core == core
    assert res.fit == pytest.approx(fit, abs=TOL)
    assert res.coreness.loc[core].eq(1.0).all() and res.coreness.sum() == len(core)


@pytest.mark.parametrize("seed", range(6))
def test_exhaustive_search_small_graphs(seed):
    # up to 12 actors every split is tried: the fit is the exhaustive optimum
    rng = np.random.default_rng(seed)
    n = int(rng.integers(6, 11))
    G = nx.gnp_random_graph(n, rng.uniform(0.2, 0.6), seed=seed, directed=bool(seed % 2))
    for u, v in G.edges:
        G[u][v]["w"] = float(rng.integers(1, 5))
    weight = "w" if seed % 3 == 0 else None
    A = nx.to_numpy_array(G, nodelist=range(n), weight=weight)
    for mode in ("ignore", "one", "zero"):
        res = core_periphery(G, periphery_ties=mode, weight=weight, seed=seed)
        assert res.method == "exhaustive search" and res.n_iter == 0
        core = res.coreness.to_numpy() == 1.0
        assert res.fit == pytest.approx(naive_fit(A, core, mode), abs=1e-12)
        assert res.fit == pytest.approx(exhaustive_fit(A, mode), abs=1e-12)


@pytest.mark.parametrize("seed", range(4))
def test_local_search_finds_exhaustive_optimum(seed, monkeypatch):
    # the local search (forced on 9-13 actors) reaches the exhaustive optimum
    monkeypatch.setattr(cp_module, "_EXHAUSTIVE_ACTORS", 0)
    rng = np.random.default_rng(100 + seed)
    n = int(rng.integers(9, 14))
    G = nx.gnp_random_graph(n, rng.uniform(0.15, 0.5), seed=seed, directed=bool(seed % 2))
    for u, v in G.edges:
        G[u][v]["w"] = float(rng.integers(1, 5))
    weight = "w" if seed % 2 == 0 else None
    A = nx.to_numpy_array(G, nodelist=range(n), weight=weight)
    for mode in ("ignore", "one", "zero"):
        res = core_periphery(G, periphery_ties=mode, weight=weight, seed=seed)
        assert res.method == "Kernighan-Lin local search with restarts"
        core = res.coreness.to_numpy() == 1.0
        assert res.fit == pytest.approx(naive_fit(A, core, mode), abs=1e-12)
        assert res.fit == pytest.approx(exhaustive_fit(A, mode), abs=1e-12)


def test_local_search_knoke(knoke, monkeypatch):
    monkeypatch.setattr(cp_module, "_EXHAUSTIVE_ACTORS", 0)
    for mode, (core, fit) in KNOKE_DISCRETE.items():
        res = core_periphery(knoke, periphery_ties=mode, seed=0)
        assert res.core == core and res.fit == pytest.approx(fit, abs=TOL)


def test_seeded_runs_are_identical():
    G = nx.gnp_random_graph(120, 0.06, seed=3)
    a = core_periphery(G, seed=7, n_restarts=4)
    b = core_periphery(G, seed=7, n_restarts=4)
    assert a.core == b.core and a.fit == b.fit and a.n_iter == b.n_iter
    c = core_periphery(G, seed=np.random.default_rng(7), n_restarts=4)
    assert c.core == a.core


def test_random_graph_has_low_fit():
    # Erdos-Renyi: no core-periphery structure beyond chance; the best split still
    # correlates a little (it is optimised), far below a real core-periphery structure
    G = nx.gnp_random_graph(300, 0.05, seed=11)
    res = core_periphery(G, seed=0, n_restarts=3)
    assert 0 < res.fit < 0.15
    assert core_periphery(G, model="continuous").fit < 0.15


def test_more_restarts_never_worse(knoke):
    G = nx.gnp_random_graph(60, 0.1, seed=5)
    one = core_periphery(G, seed=1, n_restarts=1)
    many = core_periphery(G, seed=1, n_restarts=8)
    assert many.fit >= one.fit - 1e-12


# --------------------------------------------------------------------------- continuous


@pytest.mark.published("Boyd et al. (2010) MINRES/SVD eigen-iteration, numpy, Knoke information")
def test_knoke_continuous_matches_eigen_reference(knoke):
    res = core_periphery(knoke, model="continuous")
    np.testing.assert_allclose(res.coreness.to_numpy(), KNOKE_CONTINUOUS, atol=TOL, rtol=0)
    assert res.fit == pytest.approx(KNOKE_CONTINUOUS_FIT, abs=TOL)
    assert res.model == "continuous" and res.method == "MINRES" and res.core == []
    assert res.periphery_ties is None and res.coreness.name == "coreness"


def test_continuous_is_least_squares_stationary_point():
    # gradient of sum_{i != j} (a_ij - c_i c_j)^2 vanishes at the unscaled solution
    G = nx.barabasi_albert_graph(80, 3, seed=2)
    for u, v in G.edges:
        G[u][v]["weight"] = 1 + (u + v) % 3
    res = core_periphery(G, model="continuous", weight="weight", tol=1e-13)
    A = nx.to_numpy_array(G, nodelist=sorted(G), weight="weight")
    u = res.coreness.to_numpy()
    # best scale along u: alpha^2 = u'Au / ((sum u^2)^2 - sum u^4)
    alpha = np.sqrt(u @ A @ u / ((u @ u) ** 2 - (u**4).sum()))
    c = alpha * u
    M = A - np.outer(c, c)
    np.fill_diagonal(M, 0.0)
    assert np.abs(M @ c).max() < 1e-8
    assert np.linalg.norm(u) == pytest.approx(1.0)


def test_continuous_directed_fits_symmetrised_values(knoke):
    # Documented: the least-squares fit of a digraph equals that of (a_ij + a_ji) / 2
    U = nx.Graph()
    U.add_nodes_from(knoke)
    for u, v in knoke.edges:
        U.add_edge(u, v, weight=U[u][v]["weight"] + 0.5 if U.has_edge(u, v) else 0.5)
    a = core_periphery(knoke, model="continuous").coreness
    b = core_periphery(U, model="continuous", weight="weight").coreness
    np.testing.assert_allclose(a.to_numpy(), b.to_numpy(), atol=TOL)


def test_continuous_ideal_ordering():
    G = ideal(5, 10, "one")
    c = core_periphery(G, model="continuous").coreness
    assert c[[f"c{i}" for i in range(5)]].min() > c[[f"p{i}" for i in range(10)]].max()


def test_continuous_convergence_warning(knoke):
    with pytest.warns(ConvergenceWarning, match="max_iter=1"):
        core_periphery(knoke, model="continuous", max_iter=1)


# --------------------------------------------------------------------------- edge cases


def test_no_ties_and_complete_graph():
    empty = core_periphery(nx.empty_graph(6), seed=0)
    assert np.isnan(empty.fit) and empty.core == [] and (empty.coreness == 0).all()
    cont = core_periphery(nx.empty_graph(6), model="continuous")
    assert np.isnan(cont.fit) and (cont.coreness == 0).all()
    full = core_periphery(nx.complete_graph(6), seed=0)
    assert np.isnan(full.fit) and full.core == []
    assert np.isnan(core_periphery(nx.complete_graph(6), model="continuous").fit)


def test_isolates_get_zero_coreness(knoke):
    G = knoke.copy()
    G.add_nodes_from([98, 99])
    res = core_periphery(G, model="continuous")
    assert res.coreness[98] == 0 and res.coreness[99] == 0


def test_self_loops_ignored(knoke):
    G = knoke.copy()
    G.add_edge(3, 3)
    assert core_periphery(G, seed=0).fit == pytest.approx(KNOKE_DISCRETE["ignore"][1], abs=TOL)


def test_input_not_mutated(knoke):
    before = nx.to_dict_of_dicts(knoke)
    core_periphery(knoke, seed=0)
    core_periphery(knoke, model="continuous")
    assert nx.to_dict_of_dicts(knoke) == before


def test_errors(knoke, monkeypatch):
    with pytest.raises(ParameterError, match="model must be one of"):
        core_periphery(knoke, model="fuzzy")
    with pytest.raises(ParameterError, match="periphery_ties must be one of"):
        core_periphery(knoke, periphery_ties="missing")
    with pytest.raises(ParameterError, match="n_restarts must be an int >= 1"):
        core_periphery(knoke, n_restarts=0)
    with pytest.raises(ParameterError, match="max_iter must be an int >= 1"):
        core_periphery(knoke, max_iter=2.5)
    with pytest.raises(ParameterError, match="tol must be a positive number"):
        core_periphery(knoke, model="continuous", tol=0)
    with pytest.raises(ParameterError, match="seed"):
        core_periphery(knoke, seed=1.5)
    with pytest.raises(ParameterError, match="at least 4 actors; got 3"):
        core_periphery(nx.path_graph(3))
    with pytest.raises(ParameterError, match="at least 3 actors; got 2"):
        core_periphery(nx.path_graph(2), periphery_ties="one")
    G = nx.Graph([(1, 2, {"w": -1.0}), (2, 3, {"w": 1.0})])
    with pytest.raises(ParameterError, match="non-negative"):
        core_periphery(G, weight="w", model="continuous")
    with pytest.raises(GraphTypeError):
        core_periphery([(1, 2)])
    monkeypatch.setattr(cp_module, "MAX_DISCRETE_ACTORS", 9)
    with pytest.raises(ParameterError, match="limited to 9 actors"):
        core_periphery(knoke)
    assert isinstance(core_periphery(knoke, model="continuous"), CorePeriphery)


def test_discrete_convergence_warning(monkeypatch):
    # one improvement pass allowed: from a random start the search still improves
    G = nx.gnp_random_graph(40, 0.2, seed=1)
    with pytest.warns(ConvergenceWarning, match="max_iter=1"):
        core_periphery(G, seed=0, max_iter=1, n_restarts=5)


# --------------------------------------------------------------------------- properties


def graphs(max_nodes: int = 9):
    """Networks of 4 to `max_nodes` actors, directed or not."""
    return strategies.graphs(min_nodes=4, max_nodes=max_nodes)


def continuous_or_skip(G: nx.Graph) -> pd.Series:
    """Continuous coreness; skip hypothesis examples whose fit is the single-hub limit
    (ties between equal hubs are broken by actor order, so relabelling may change them)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        res = core_periphery(G, model="continuous")
    assume(res.method == "MINRES")
    return res.coreness


@settings(max_examples=50, deadline=None)
@given(graphs(max_nodes=8), st.randoms(use_true_random=False))
def test_property_relabelling_permutes_coreness(G, rnd):
    perm = list(G)
    rnd.shuffle(perm)
    mapping = {v: f"n{perm[k]:02d}" for k, v in enumerate(G)}
    want = continuous_or_skip(G).rename(index=mapping).sort_index()
    got = continuous_or_skip(nx.relabel_nodes(G, mapping))
    np.testing.assert_allclose(got.to_numpy(), want.to_numpy(), atol=1e-9)
    # discrete: the optimum fit does not depend on the labels (exhaustive reference)
    d = core_periphery(nx.relabel_nodes(G, mapping), seed=0)
    A = nx.to_numpy_array(G, nodelist=sorted(G))
    best = exhaustive_fit(A, "ignore")
    assert d.fit == pytest.approx(best, abs=1e-12) or (np.isnan(d.fit) and best == -np.inf), (
        G.is_directed(), sorted(G.edges()), mapping)


@settings(max_examples=50, deadline=None)
@given(graphs())
def test_property_adding_isolate_leaves_continuous_coreness(G):
    # an isolate's best coreness is 0, so the others' least-squares fit is unchanged
    H = G.copy()
    H.add_node(99)
    want = continuous_or_skip(G)
    got = continuous_or_skip(H)
    assert got[99] == 0
    np.testing.assert_allclose(got.drop(99).to_numpy(), want.to_numpy(), atol=1e-9)


# --------------------------------------------------------------------------- single-hub limit


def test_star_is_the_single_hub_limit():
    # A star is fitted exactly only in the limit c_hub -> inf, c_leaf = 1/c_hub -> 0:
    # residual sum s^2 - 2 sum_j s_hj^2 = 10 - 2 * 5 = 0 (ordered cells); coreness 1 for
    # the hub, 0 otherwise; the hub's ties are exactly the data, so the fit is 1.
    with pytest.warns(ConvergenceWarning, match="actor 0's star"):
        res = core_periphery(nx.star_graph(5), model="continuous")
    assert res.coreness.tolist() == [1.0, 0, 0, 0, 0, 0]
    assert res.fit == pytest.approx(1.0, abs=1e-12)
    assert res.method == "MINRES (single-hub limit)"


def test_tree_falls_back_to_hub_limit():
    # path a - b - c - d - e plus a pendant on c: hub c (3 contacts) carries the largest
    # sum of squares; no finite rank-one fit of a tree beats fitting c's ties alone
    G = nx.Graph([("a", "b"), ("b", "c"), ("c", "d"), ("d", "e"), ("c", "f")])
    with pytest.warns(ConvergenceWarning):
        res = core_periphery(G, model="continuous")
    assert res.coreness.idxmax() == "c" and res.coreness.sum() == 1.0
    # fit by hand: cells (ordered, 30) with a = 1 on 10; limit pattern 1 on c's 6 cells
    # (a subset of the ties): r = (30*6 - 10*6) / sqrt((30*10 - 100) * (30*6 - 36))
    assert res.fit == pytest.approx(120 / np.sqrt(200 * 144), abs=1e-12)


def test_single_tie_is_fitted_exactly():
    # two disjoint ties: fitting one exactly (c = 1, 1) leaves residual 2 (the other
    # tie's two cells), better than any symmetric solution; no warning
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = core_periphery(nx.Graph([(0, 1), (2, 3)]), model="continuous")
    np.testing.assert_allclose(res.coreness.to_numpy(), [np.sqrt(0.5)] * 2 + [0, 0])


def test_dense_hub_network_has_finite_solution():
    # a hub tied to everyone plus a random layer: finite MINRES solution, no warning
    G = nx.star_graph(30)
    G.add_edges_from(nx.gnp_random_graph(31, 0.1, seed=1).edges())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = core_periphery(G, model="continuous")
    assert res.method == "MINRES" and res.coreness.idxmax() == 0
    assert (res.coreness.drop(0) > 0).all()
