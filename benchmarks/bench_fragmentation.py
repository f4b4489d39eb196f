"""Benchmark sysmap.metrics.fragmentation against networkx baselines.

Not a test. Builds seeded sector-structured networks (8 sectors, mean degree ~10,
80% of ties inside sectors, plus 10% pendant actors named by a single partner,
as non-respondents often are), runs sysmap and the networkx counterpart on the
same graph, checks that the results agree, and prints times and ratios.

Where a networkx baseline would run for more than ~2 minutes, it is timed on a
random subset of removals / sources, checked on that subset, and the total is
extrapolated (marked ``extrapolated``).

    python benchmarks/bench_fragmentation.py --sizes 2000 10000
"""

from __future__ import annotations

import argparse
import time

import networkx as nx
import numpy as np

from sysmap.metrics._fragmentation_engine import (
    _df_removal_loop,
    _df_removal_sums,
    _distance_graph,
    _harmonic,
    _loud,
    _prepare,
    _reach_counts,
)
from sysmap.metrics.fragmentation import (
    bridges,
    cut_points,
    distance_fragmentation,
    fragmentation,
    fragmentation_impact,
)
from sysmap.metrics.key_players import key_players

BASELINE_BUDGET = 120.0  # seconds a full networkx baseline may take


def sector_network(n: int, *, seed: int = 0, directed: bool = False) -> nx.Graph:
    """8 sectors, mean degree ~10 in the core, 10% pendants; directed: ~30% ties mutual."""
    rng = np.random.default_rng(seed)
    core = int(n * 0.9)
    sector = np.arange(core) % 8
    m = core * 10 // 2
    m_in = int(m * 0.8)
    u_in = rng.integers(0, core, m_in)
    v_in = np.minimum(rng.integers(0, core // 8, m_in) * 8 + sector[u_in], core - 1)
    u = np.concatenate([u_in, rng.integers(0, core, m - m_in), np.arange(core, n)])
    v = np.concatenate([v_in, rng.integers(0, core, m - m_in), rng.integers(0, core, n - core)])
    keep = u != v
    u, v = u[keep], v[keep]
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(range(n))
    if directed:
        flip = rng.random(u.size) < 0.5
        u, v = np.where(flip, v, u), np.where(flip, u, v)
        mutual = rng.random(u.size) < 0.3
        u, v = np.concatenate([u, v[mutual]]), np.concatenate([v, u[mutual]])
    G.add_edges_from(zip(u.tolist(), v.tolist()))
    return G


def _timed(fn):
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def _row(measure, G, t_sys, t_ref, agree, note=""):
    return {
        "measure": measure,
        "n": G.number_of_nodes(),
        "m": G.number_of_edges(),
        "sysmap_s": round(t_sys, 3),
        "networkx_s": None if t_ref is None else round(t_ref, 3),
        "speedup": None if not t_ref else round(t_ref / max(t_sys, 1e-9), 1),
        "agree": agree,
        "note": note,
    }


def _nx_f(G: nx.Graph) -> float:
    n = G.number_of_nodes()
    return 1 - sum(len(c) * (len(c) - 1) for c in nx.connected_components(G)) / (n * (n - 1))


def bench_undirected(n: int, seed: int = 0) -> list[dict]:
    rows = []
    G = sector_network(n, seed=seed)
    rng = np.random.default_rng(seed)

    f, t = _timed(lambda: fragmentation(G))
    f_ref, t_ref = _timed(lambda: _nx_f(G))
    rows.append(_row("fragmentation F", G, t, t_ref, abs(f - f_ref) < 1e-12))

    # node fragmentation impact: block-cut tree vs one networkx removal per actor
    imp, t = _timed(lambda: fragmentation_impact(G, distance=False))
    nodes = sorted(G)
    k = 200 if n <= 20_000 else 20
    probe = nodes if n <= 1_000 else sorted(rng.choice(nodes, k, replace=False).tolist())

    def nx_impact():  # a read-only view per removal (cheaper than copying G)
        return {v: _nx_f(nx.restricted_view(G, [v], [])) - f_ref for v in probe}

    ref, t_ref = _timed(nx_impact)
    agree = all(abs(imp.loc[v, "fragmentation_impact"] - ref[v]) < 1e-12 for v in probe)
    note = "" if len(probe) == n else f"extrapolated from {len(probe)} removals"
    rows.append(_row("F impact, all actors", G, t, t_ref * n / len(probe), agree, note))

    cp, t = _timed(lambda: cut_points(G))
    ref, t_ref = _timed(lambda: set(nx.articulation_points(G)))
    rows.append(
        _row(
            "cut_points",
            G,
            t,
            t_ref,
            set(cp.index[cp["articulation_point"]]) == ref,
            "networkx: articulation_points only (no pair counts)",
        )
    )
    br, t = _timed(lambda: bridges(G))
    ref, t_ref = _timed(lambda: sorted(tuple(sorted(e)) for e in nx.bridges(G)))
    rows.append(
        _row(
            "bridges",
            G,
            t,
            t_ref,
            list(zip(br["source"], br["target"])) == ref,
            "networkx: bridges only (no side sizes)",
        )
    )

    # distance fragmentation: igraph harmonic sums vs networkx harmonic_centrality
    df_ref = None
    if n <= 2_000:
        df, t = _timed(lambda: distance_fragmentation(G))
        h, t_ref = _timed(lambda: nx.harmonic_centrality(G))
        df_ref, note = 1 - sum(h.values()) / (n * (n - 1)), ""
        agree = abs(df - df_ref) < 1e-9
    else:
        df, t = (None, None) if n > 20_000 else _timed(lambda: distance_fragmentation(G))
        src = rng.choice(n, 200 if n <= 20_000 else 20, replace=False).tolist()
        h, t_ref = _timed(lambda: nx.harmonic_centrality(G, sources=src))
        t_ref *= n / len(src)
        # same sources in sysmap's igraph routine: the sums of 1/d must agree
        net = _prepare(G)
        ours = _harmonic(_distance_graph(net.n, net.src, net.dst, None, "undirected"), src)
        agree = abs(ours.sum() - sum(h.values())) < 1e-9 * ours.sum()
        note = f"networkx extrapolated from {len(src)} sources (agree: on those sources)"
        if df is None:
            note += "; sysmap exact skipped above 20k actors (~11 min at 100k)"
    rows.append(_row("distance_fragmentation exact", G, t or float("nan"), t_ref, agree, note))
    est, t = _timed(lambda: distance_fragmentation(G, sample=256, seed=1))
    note = "" if df is None else f"relative error {abs(est - df) / df:.2e}"
    ok = None if df is None else abs(est - df) / df < 0.005
    rows.append(_row("distance_fragmentation sample=256", G, t, None, ok, note))

    rows += bench_df_impact(G, seed)

    kp, t = _timed(lambda: key_players(G, 10, method="greedy+swap", seed=0))
    rows.append(
        _row(
            "key_players k=10 F greedy+swap (3 restarts)",
            G,
            t,
            None,
            None,
            f"F {kp.baseline:.5f} -> {kp.value:.5f}; {kp.evaluations} evaluations",
        )
    )
    return rows


def _nx_df(G: nx.Graph) -> float:
    """DF from networkx harmonic centrality (directed: the reachability reading)."""
    n = G.number_of_nodes()
    return 1 - sum(nx.harmonic_centrality(G).values()) / (n * (n - 1))


def bench_df_impact(G: nx.Graph, seed: int = 0, probes: int = 3) -> list[dict]:
    """Exact DF(G - v) - DF(G) of every actor: sysmap's dominator-tree algorithm
    against one networkx all-pairs search per removal (up to 2,000 actors: timed
    on `probes` removals, checked on them, extrapolated to all actors), and
    against sysmap's own removal loop (igraph, the previous algorithm; timed on
    `probes` removals that need a search, extrapolated).

    Times the distance part of ``fragmentation_impact`` alone (``_df_removal_sums``
    for all actors): on directed graphs the F impact (one reachability count per
    removal) would otherwise dominate.
    """
    n = G.number_of_nodes()
    kind = "directed reachability" if G.is_directed() else "undirected"
    rng = np.random.default_rng(seed)
    net = _prepare(G)
    reading = "reachability" if G.is_directed() else "undirected"
    everyone = np.arange(n)

    def impact(sums) -> np.ndarray:
        df = 1 - sums.base / (sums.n_sources * (n - 1))
        return 1 - sums.after / (sums.n_sources_after * (n - 2)) - df

    sums, t = _timed(lambda: _df_removal_sums(n, net.src, net.dst, reading, everyone))
    exact = impact(sums)
    D = _distance_graph(n, net.src, net.dst, None, reading)
    loud = np.flatnonzero(_loud(D, net.src, net.dst, reading))
    probe = np.sort(rng.choice(loud, probes, replace=False))
    _, t_none = _timed(lambda: _df_removal_loop(D, net.src, net.dst, reading, probe[:0]))
    _, t_loop = _timed(lambda: _df_removal_loop(D, net.src, net.dst, reading, probe))
    t_loop = t_none + (t_loop - t_none) * loud.size / probes
    note = f"sysmap removal loop (before) ~{t_loop:,.0f} s"
    t_ref, agree = None, None
    if n <= 2_000:
        base = _nx_df(G)
        nodes = [net.nodes[i] for i in probe]

        def nx_removals():
            return {v: _nx_df(nx.restricted_view(G, [v], [])) - base for v in nodes}

        ref, t_ref = _timed(nx_removals)
        t_ref *= n / probes
        agree = all(abs(exact[i] - ref[v]) < 1e-12 for i, v in zip(probe, nodes))
        note += f"; networkx extrapolated from {probes} removals (agree: on those)"
    else:
        note += "; networkx skipped (one all-pairs search per removal)"
    rows = [_row(f"DF impact, all actors, exact ({kind})", G, t, t_ref, agree, note)]
    _, t2 = _timed(lambda: _df_removal_sums(n, net.src, net.dst, reading, everyone, n_jobs=2))
    rows.append(_row(f"DF impact, all actors, exact, n_jobs=2 ({kind})", G, t2, t_ref, agree))
    sources = np.sort(np.random.default_rng(1).choice(n, size=256, replace=False))
    est, t = _timed(
        lambda: _df_removal_sums(n, net.src, net.dst, reading, everyone, sources=sources)
    )
    err = float(np.max(np.abs(impact(est) - exact)))
    rows.append(
        _row(
            f"DF impact, all actors, sample=256 ({kind})",
            G,
            t,
            None,
            None,
            f"max abs error {err:.1e} (impacts {exact.min():.1e} to {exact.max():.1e})",
        )
    )
    return rows


def bench_directed(n: int, seed: int = 0) -> list[dict]:
    D = sector_network(n, seed=seed, directed=True)
    f, t = _timed(lambda: fragmentation(D))
    rng = np.random.default_rng(seed)
    nodes = sorted(D)
    k = 300 if n <= 20_000 else 30
    probe = nodes if n <= 1_000 else rng.choice(nodes, k, replace=False).tolist()
    reach, t_ref = _timed(lambda: {v: len(nx.descendants(D, v)) for v in probe})
    net = _prepare(D)
    ours = _reach_counts(net.n, net.src, net.dst)
    agree = all(ours[v] == reach[v] for v in probe)  # nodes are 0..n-1 in sorted order
    if len(probe) == n:
        agree = agree and abs(f - (1 - sum(reach.values()) / (n * (n - 1)))) < 1e-12
    note = "" if len(probe) == n else f"networkx extrapolated from {len(probe)} sources"
    return [
        _row("fragmentation F reachability (directed)", D, t, t_ref * n / len(probe), agree, note),
        *bench_df_impact(D, seed),
    ]


def run(sizes=(2_000, 10_000)) -> list[dict]:
    rows = []
    for n in sizes:
        rows += bench_undirected(n)
        rows += bench_directed(n)
    return rows


def _print(rows: list[dict]) -> None:
    cols = ["measure", "n", "m", "sysmap_s", "networkx_s", "speedup", "agree", "note"]
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in cols}
    print("  ".join(c.ljust(widths[c]) for c in cols))
    for r in rows:
        print("  ".join(str(r[c]).ljust(widths[c]) for c in cols))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000, 10_000])
    args = parser.parse_args()
    _print(run(tuple(args.sizes)))
