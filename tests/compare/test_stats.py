"""Tests for sysmap.compare.stats: QAP correlation, paired density bootstrap, E-I change.

Reference values come from naive dense implementations written here from the
published definitions (Krackhardt 1987 for QAP, as ``sna::qaptest`` with
``gcor``; Snijders & Borgatti 1999 for the vertex bootstrap; the E-I change
test's permutation distribution enumerated over every assignment of the
changed ties). The naive versions draw their random numbers exactly as the
documented chunk scheme says (``SeedSequence(seed).spawn(k)``, chunks of
``CHUNK_SIZE``), so p-values and intervals must agree to rounding.
"""

from __future__ import annotations

import itertools
import math

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sysmap.compare import CHUNK_SIZE, density_change, ei_change, qap_correlation
from sysmap.exceptions import GraphTypeError, MissingAttributeError, ParameterError
from sysmap.metrics import ei_index

# --------------------------------------------------------------------------- helpers


def plan(n_draws: int, seed: int) -> list[tuple[int, np.random.SeedSequence]]:
    """The documented chunk plan, written out independently of the implementation."""
    k = math.ceil(n_draws / CHUNK_SIZE)
    seeds = np.random.SeedSequence(seed).spawn(k)
    counts = [CHUNK_SIZE] * (k - 1) + [n_draws - CHUNK_SIZE * (k - 1)]
    return list(zip(counts, seeds))


def dense(G: nx.Graph, nodes: list, weight: str | None = None) -> np.ndarray:
    return nx.to_numpy_array(G, nodelist=nodes, weight=weight, nonedge=0.0)


def naive_qap(A: np.ndarray, B: np.ndarray, n_perm: int, seed: int):
    """Pearson r of off-diagonal cells; B's rows and columns permuted together."""
    n = len(A)
    off = ~np.eye(n, dtype=bool)
    r = np.corrcoef(A[off], B[off])[0, 1]
    null = []
    for count, ss in plan(n_perm, seed):
        rng = np.random.default_rng(ss)
        for _ in range(count):
            p = rng.permutation(n)
            null.append(np.corrcoef(A[off], B[np.ix_(p, p)][off])[0, 1])
    null = np.array(null)
    greater = (1 + np.sum(null >= r - 1e-12)) / (1 + n_perm)
    less = (1 + np.sum(null <= r + 1e-12)) / (1 + n_perm)
    return r, null, greater, less


def naive_bootstrap(A1, A2, n_boot, seed, directed, confidence=0.95):
    """Snijders-Borgatti vertex bootstrap with dense matrices, same draws as documented."""
    n = len(A1)
    off = ~np.eye(n, dtype=bool)
    out = []
    for count, ss in plan(n_boot, seed):
        rng = np.random.default_rng(ss)
        for _ in range(count):
            idx = rng.integers(0, n, size=n)
            if directed:
                cells = [(h, k) for h in range(n) for k in range(n) if h != k and idx[h] == idx[k]]
            else:
                cells = [(h, k) for h in range(n) for k in range(h + 1, n) if idx[h] == idx[k]]
            a = rng.integers(0, n, size=len(cells))
            b = (a + rng.integers(1, n, size=len(cells))) % n
            pair = []
            for A in (A1, A2):
                Y = A[np.ix_(idx, idx)].copy()
                for t, (h, k) in enumerate(cells):
                    Y[h, k] = A[a[t], b[t]]
                    if not directed:
                        Y[k, h] = A[a[t], b[t]]
                pair.append(Y[off].sum() / (n * (n - 1)))
            out.append(pair)
    boot = np.array(out)
    diffs = boot[:, 1] - boot[:, 0]
    alpha = 1 - confidence
    lo, hi = np.quantile(diffs, [alpha / 2, 1 - alpha / 2])
    return boot, lo, hi, diffs.std(ddof=1)


def sbm(sizes, p_in, p_out, seed):
    probs = [[p_in if i == j else p_out for j in range(len(sizes))] for i in range(len(sizes))]
    G = nx.stochastic_block_model(sizes, probs, seed=seed)
    groups = {v: f"g{G.nodes[v]['block']}" for v in G}
    nx.set_node_attributes(G, groups, "sector")
    return G


def rewire(G: nx.Graph, share: float, seed: int) -> nx.Graph:
    """Drop `share` of the ties at random and add as many random new ones."""
    rng = np.random.default_rng(seed)
    H = G.copy()
    edges = sorted(H.edges())
    k = int(round(share * len(edges)))
    drop = rng.choice(len(edges), size=k, replace=False)
    H.remove_edges_from([edges[i] for i in drop])
    nodes = sorted(H)
    added = 0
    while added < k:
        u, v = rng.choice(nodes, size=2, replace=False)
        if not G.has_edge(u, v) and not H.has_edge(u, v):
            H.add_edge(u, v)
            added += 1
    return H


def relabel(G: nx.Graph, seed: int) -> nx.Graph:
    nodes = sorted(G)
    perm = np.random.default_rng(seed).permutation(len(nodes))
    return nx.relabel_nodes(G, {v: nodes[p] for v, p in zip(nodes, perm)})


@pytest.fixture(scope="module")
def small():
    """A 12-actor undirected pair of waves with a weight attribute."""
    G1 = nx.gnp_random_graph(12, 0.3, seed=4)
    G2 = rewire(G1, 0.4, seed=5)
    rng = np.random.default_rng(6)
    for G in (G1, G2):
        for u, v in G.edges():
            G.edges[u, v]["weight"] = float(rng.integers(1, 5))
    return G1, G2


# --------------------------------------------------------------------------- QAP


def test_qap_identical_waves_r_is_one():
    # Identical matrices correlate perfectly; no random relabelling of a
    # 34-actor graph reproduces it (p = 1 / (B + 1)).
    G = nx.karate_club_graph()
    res = qap_correlation(G, G, n_permutations=199, seed=0)
    assert res.correlation == pytest.approx(1.0, abs=1e-12)
    assert res.p_value == pytest.approx(1 / 200)
    assert res.n_actors == 34 and len(res.distribution) == 199


@pytest.mark.parametrize("directed", [False, True])
def test_qap_matches_naive_dense_formula_and_permutations(small, directed):
    G1, G2 = small
    if directed:
        G1 = nx.DiGraph(nx.gnp_random_graph(12, 0.25, seed=1, directed=True))
        G2 = nx.DiGraph(nx.gnp_random_graph(12, 0.25, seed=2, directed=True))
        G2.add_edges_from(list(G1.edges())[:10])
    nodes = sorted(G1)
    A, B = dense(G1, nodes), dense(G2, nodes)
    r, null, greater, less = naive_qap(A, B, 150, seed=11)
    res = qap_correlation(G1, G2, n_permutations=150, seed=11)
    assert res.correlation == pytest.approx(r, abs=1e-12)
    np.testing.assert_allclose(res.distribution, null, atol=1e-12)
    assert res.p_value == pytest.approx(greater)
    assert res.p_less == pytest.approx(less)


def test_qap_weighted_matches_dense_pearson(small):
    G1, G2 = small
    nodes = sorted(G1)
    A, B = dense(G1, nodes, "weight"), dense(G2, nodes, "weight")
    r, null, greater, _ = naive_qap(A, B, 120, seed=3)
    res = qap_correlation(G1, G2, weight="weight", n_permutations=120, seed=3)
    assert res.correlation == pytest.approx(r, abs=1e-12)
    np.testing.assert_allclose(res.distribution, null, atol=1e-12)
    assert res.p_value == pytest.approx(greater)


def test_qap_detects_stability_after_rewiring_but_not_a_relabelled_copy():
    G = nx.gnp_random_graph(60, 0.1, seed=1)
    kept = rewire(G, 0.3, seed=2)  # 70 % of ties kept: clearly associated
    res = qap_correlation(G, kept, n_permutations=300, seed=0)
    assert 0.55 < res.correlation < 0.8
    assert res.p_value < 0.05
    shuffled = relabel(G, seed=3)  # same structure, labels unrelated
    null = qap_correlation(G, shuffled, n_permutations=300, seed=0)
    assert null.p_value > 0.05
    assert abs(null.correlation) < 0.1


def test_qap_compares_common_actors_only():
    G1 = nx.path_graph(["a", "b", "c", "d"])
    G2 = nx.path_graph(["a", "b", "c", "e"])
    res = qap_correlation(G1, G2, n_permutations=10, seed=0)
    assert res.n_actors == 3  # a, b, c: the same path a-b-c in both
    assert res.correlation == pytest.approx(1.0)


def test_qap_constant_matrix_gives_nan():
    G1 = nx.empty_graph(5)
    G2 = nx.path_graph(5)
    res = qap_correlation(G1, G2, n_permutations=20, seed=0)
    assert math.isnan(res.correlation) and math.isnan(res.p_value)


# --------------------------------------------------------------------------- density bootstrap


@pytest.mark.parametrize("directed", [False, True])
def test_density_bootstrap_matches_naive_implementation(directed):
    G1 = nx.gnp_random_graph(14, 0.25, seed=7, directed=directed)
    G2 = (
        rewire(nx.Graph(G1), 0.3, seed=8)
        if not directed
        else nx.gnp_random_graph(14, 0.3, seed=9, directed=True)
    )
    nodes = sorted(G1)
    A1, A2 = dense(G1, nodes), dense(G2, nodes)
    boot, lo, hi, se = naive_bootstrap(A1, A2, 130, seed=5, directed=directed)
    res = density_change(G1, G2, n_bootstrap=130, seed=5)
    np.testing.assert_allclose(res.distribution, boot, atol=1e-12)
    assert res.ci_low == pytest.approx(lo, abs=1e-12)
    assert res.ci_high == pytest.approx(hi, abs=1e-12)
    assert res.se == pytest.approx(se, abs=1e-12)
    cells = 14 * 13 / (1 if directed else 2)
    assert res.before == pytest.approx(G1.number_of_edges() / cells)
    assert res.after == pytest.approx(G2.number_of_edges() / cells)


def test_density_bootstrap_detects_a_planted_increase():
    rng = np.random.default_rng(0)
    G1 = nx.gnp_random_graph(80, 0.06, seed=1)
    G2 = G1.copy()
    while G2.number_of_edges() < 1.5 * G1.number_of_edges():  # density 6 % -> 9 %
        u, v = rng.choice(80, size=2, replace=False)
        G2.add_edge(int(u), int(v))
    res = density_change(G1, G2, n_bootstrap=500, seed=0)
    assert res.change == pytest.approx(0.5 * res.before, rel=0.01)
    assert res.ci_low > 0 and res.p_value < 0.05 and res.z > 2


def test_density_bootstrap_null_from_the_same_model_is_rarely_significant():
    # Two independent draws of G(80, 0.06): any change is chance. At the 5 %
    # level, a handful of ten pairs may be significant; all ten would mean the
    # interval is far too narrow.
    significant = 0
    for s in range(10):
        G1 = nx.gnp_random_graph(80, 0.06, seed=100 + s)
        G2 = nx.gnp_random_graph(80, 0.06, seed=200 + s)
        res = density_change(G1, G2, n_bootstrap=300, seed=s)
        significant += res.p_value < 0.05
    assert significant <= 2
    same = density_change(G1, relabel(G1, 1), n_bootstrap=100, seed=0)
    assert same.change == 0 and same.p_value == 1.0


# --------------------------------------------------------------------------- E-I change


def naive_ei_change(G1, G2, nodes, group):
    """Enumerate every assignment of the changed ties to the two waves (2^D, each 2^-D)."""
    g = {v: G2.nodes[v][group] for v in nodes}
    e1 = {frozenset(e) for e in G1.subgraph(nodes).edges()}
    e2 = {frozenset(e) for e in G2.subgraph(nodes).edges()}
    kept, changed = e1 & e2, sorted(e1 ^ e2, key=sorted)

    def ei(edges):
        ext = sum(len({g[v] for v in e}) == 2 for e in edges)
        return (2 * ext - len(edges)) / len(edges) if edges else math.nan

    observed = ei(e2) - ei(e1)
    p_two = p_greater = 0.0
    for bits in itertools.product([0, 1], repeat=len(changed)):
        before = kept | {e for e, b in zip(changed, bits) if b}
        after = kept | {e for e, b in zip(changed, bits) if not b}
        delta = ei(after) - ei(before)
        if math.isnan(delta):
            continue
        p_two += (abs(delta) >= abs(observed) - 1e-12) / 2 ** len(changed)
        p_greater += (delta >= observed - 1e-12) / 2 ** len(changed)
    return ei(e1), ei(e2), p_two, p_greater


def test_ei_change_exact_matches_enumeration_of_all_assignments():
    G1 = sbm([6, 6], 0.5, 0.1, seed=3)
    G2 = G1.copy()
    same = lambda u, v: G1.nodes[u]["sector"] == G1.nodes[v]["sector"]  # noqa: E731
    G2.remove_edges_from([e for e in sorted(G1.edges()) if same(*e)][:4])
    absent = [e for e in itertools.combinations(sorted(G1), 2) if not G1.has_edge(*e)]
    G2.add_edges_from([e for e in absent if not same(*e)][:6] + [e for e in absent if same(*e)][:2])
    nodes = sorted(G1)
    changed = {frozenset(e) for e in G1.edges()} ^ {frozenset(e) for e in G2.edges()}
    assert len(changed) == 12  # 4 dissolved + 8 formed: 2^12 assignments to enumerate
    before, after, p_two, p_greater = naive_ei_change(G1, G2, nodes, "sector")
    res = ei_change(G1, G2, "sector")
    assert res.method == "exact"
    assert res.before == pytest.approx(before) and res.after == pytest.approx(after)
    assert res.p_value == pytest.approx(p_two, abs=1e-12)
    assert res.p_greater == pytest.approx(p_greater, abs=1e-12)
    # E-I of each wave is sysmap.metrics.ei_index's network value (Krackhardt & Stern)
    assert res.before == pytest.approx(ei_index(G1, "sector").network)
    assert res.after == pytest.approx(ei_index(G2, "sector").network)


def test_ei_change_detects_more_cross_group_ties_but_not_a_resampled_model():
    G1 = sbm([30, 30], 0.2, 0.03, seed=1)
    mixing = sbm([30, 30], 0.2, 0.09, seed=2)  # three times the cross-group density
    res = ei_change(G1, mixing, "sector")
    assert res.change > 0.2 and res.p_value < 0.05 and res.p_greater < 0.05
    same_model = sbm([30, 30], 0.2, 0.03, seed=3)
    null = ei_change(G1, same_model, "sector")
    assert null.p_value > 0.05


def test_ei_change_monte_carlo_agrees_with_exact():
    G1 = sbm([30, 30], 0.2, 0.03, seed=1)
    G2 = sbm([30, 30], 0.2, 0.05, seed=2)
    exact = ei_change(G1, G2, "sector", method="exact")
    mc = ei_change(G1, G2, "sector", method="monte carlo", n_permutations=4000, seed=0)
    assert mc.method == "monte carlo" and mc.n_permutations == 4000
    # Monte Carlo standard error of a p-value near 0.1 with 4000 draws: about 0.005
    assert mc.p_value == pytest.approx(exact.p_value, abs=0.02)
    assert mc.change == exact.change


def test_ei_change_needs_the_group_attribute():
    G1, G2 = nx.path_graph(3), nx.path_graph(3)
    with pytest.raises(MissingAttributeError, match="no actor has a value of the attribute 'sector'"):
        ei_change(G1, G2, "sector")


# --------------------------------------------------------------------------- seeds and parallel


@pytest.fixture(scope="module")
def medium():
    G1 = nx.gnp_random_graph(150, 0.05, seed=1)
    return G1, rewire(G1, 0.3, seed=2)


def test_same_seed_same_p_values_for_n_jobs_1_2_and_dask(medium):
    distributed = pytest.importorskip("distributed")
    from joblib import parallel_backend

    G1, G2 = medium
    one = qap_correlation(G1, G2, n_permutations=350, seed=42, n_jobs=1)
    two = qap_correlation(G1, G2, n_permutations=350, seed=42, n_jobs=2)
    boot1 = density_change(G1, G2, n_bootstrap=250, seed=42, n_jobs=1)
    boot2 = density_change(G1, G2, n_bootstrap=250, seed=42, n_jobs=2)
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
        distributed.get_task_stream(client) as stream,
        parallel_backend("dask"),
    ):
        on_dask = qap_correlation(G1, G2, n_permutations=350, seed=42)
        boot_dask = density_change(G1, G2, n_bootstrap=250, seed=42)
    assert len(stream.data) >= 4  # the chunks really ran as Dask tasks
    np.testing.assert_array_equal(one.distribution, two.distribution)
    np.testing.assert_array_equal(one.distribution, on_dask.distribution)
    assert one.p_value == two.p_value == on_dask.p_value
    np.testing.assert_array_equal(boot1.distribution, boot2.distribution)
    np.testing.assert_array_equal(boot1.distribution, boot_dask.distribution)
    assert (boot1.ci_low, boot1.ci_high) == (boot_dask.ci_low, boot_dask.ci_high)


def test_other_seed_other_draws_and_generator_seed_is_reproducible(medium):
    G1, G2 = medium
    a = qap_correlation(G1, G2, n_permutations=50, seed=1)
    b = qap_correlation(G1, G2, n_permutations=50, seed=2)
    assert not np.array_equal(a.distribution, b.distribution)
    c = qap_correlation(G1, G2, n_permutations=50, seed=np.random.default_rng(5))
    d = qap_correlation(G1, G2, n_permutations=50, seed=np.random.default_rng(5))
    np.testing.assert_array_equal(c.distribution, d.distribution)


# --------------------------------------------------------------------------- errors


def test_errors_say_what_is_wrong():
    G, D = nx.path_graph(4), nx.DiGraph(nx.path_graph(4))
    with pytest.raises(GraphTypeError, match="both be directed or both undirected"):
        qap_correlation(G, D)
    with pytest.raises(ParameterError, match="not in both graphs"):
        density_change(G, G, nodes=[0, 1, 9])
    with pytest.raises(ParameterError, match="n_permutations must be an int >= 0"):
        qap_correlation(G, G, n_permutations=-1)
    with pytest.raises(ParameterError, match="confidence must be a number in"):
        density_change(G, G, confidence=95)
    with pytest.raises(ParameterError, match="seed must be"):
        qap_correlation(G, G, seed=1.5)
    with pytest.raises(ParameterError, match="n_jobs"):
        qap_correlation(G, G, n_jobs=0)
    with pytest.raises(ParameterError, match="method must be"):
        ei_change(G, G, "sector", method="fast")


# --------------------------------------------------------------------------- properties


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), p=st.floats(0.05, 0.5))
def test_relabelling_both_waves_alike_changes_nothing(seed, p):
    # Statistics of a pair of waves depend on who is tied to whom, not on the ids.
    G1 = nx.gnp_random_graph(10, p, seed=seed)
    G2 = nx.gnp_random_graph(10, p, seed=seed + 1)
    names = {v: f"org{(v * 7) % 10}" for v in range(10)}  # a permutation of the ids
    H1, H2 = nx.relabel_nodes(G1, names), nx.relabel_nodes(G2, names)
    a = qap_correlation(G1, G2, n_permutations=0)
    b = qap_correlation(H1, H2, n_permutations=0)
    assert a.correlation == pytest.approx(b.correlation, nan_ok=True)
    da = density_change(G1, G2, n_bootstrap=0)
    db = density_change(H1, H2, n_bootstrap=0)
    assert (da.before, da.after) == pytest.approx((db.before, db.after))
