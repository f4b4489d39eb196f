"""Benchmark sysmap's centrality measures against networkx.

Not a test. For each size it builds a seeded stochastic block model (8 sectors,
mean degree about 10; a numpy generator above 20k nodes), times sysmap and the
networkx counterpart on the same graph, checks that they agree and prints the
times and ratios.

Exact networkx betweenness grows as n x m (~6 min at
10k on a 2-core machine, PRODUCT.md section 6), so above ``NX_EXACT_MAX`` nodes
it is *extrapolated*: networkx's ``betweenness_centrality_subset`` is run from
the same ``k`` sources that sysmap's sampled estimator draws (which also checks
that estimator to 1e-9), and its time is scaled by ``n / k`` (Brandes'
algorithm does one single-source pass per source, so time is linear in the
number of sources).

Times are CPU seconds of this process (``time.process_time``): both sysmap's
igraph calls and networkx are single-threaded, so on an idle machine CPU time
equals wall time, and on a shared machine it is not inflated by other jobs.

Usage::

    python benchmarks/bench_centrality.py --sizes 1000 10000
"""

from __future__ import annotations

import argparse
import time

import networkx as nx
import numpy as np

from sysmap._random import check_seed
from sysmap.metrics.centrality import betweenness, closeness, degree, harmonic
from sysmap.metrics.network import network_summary

NX_EXACT_MAX = 2_000  # run networkx's exact betweenness up to this size
NX_PATHS_MAX = 2_000  # run networkx closeness / harmonic up to this size
NX_SUBSET_MAX = 20_000  # run networkx's 256-source subset betweenness up to this size
EXACT_MAX = 20_000  # run sysmap's exact O(nm) measures up to this size (100k: ~1 h)
SAMPLE = 256  # sources for the sampled estimate


def build_graph(n: int, seed: int = 0) -> nx.Graph:
    """Seeded 8-sector block model with mean degree about 10 (80 % of ties within sectors)."""
    sizes = [n // 8 + (1 if i < n % 8 else 0) for i in range(8)]
    mean_degree = 10.0
    s = n / 8
    p_in = 0.8 * mean_degree / (s - 1)
    p_out = 0.2 * mean_degree / (n - s)
    if n <= 20_000:
        probs = [[p_in if i == j else p_out for j in range(8)] for i in range(8)]
        return nx.stochastic_block_model(sizes, probs, seed=seed, sparse=True)
    # faster numpy generator for large n: draw the expected number of ties per block pair
    rng = np.random.default_rng(seed)
    starts = np.concatenate([[0], np.cumsum(sizes)])
    src, dst = [], []
    for i in range(8):
        for j in range(i, 8):
            if i == j:
                m = rng.binomial(sizes[i] * (sizes[i] - 1) // 2, p_in)
            else:
                m = rng.binomial(sizes[i] * sizes[j], p_out)
            src.append(rng.integers(starts[i], starts[i + 1], m))
            dst.append(rng.integers(starts[j], starts[j + 1], m))
    edges = np.column_stack([np.concatenate(src), np.concatenate(dst)])
    edges = edges[edges[:, 0] != edges[:, 1]]
    G = nx.Graph()
    G.add_nodes_from(range(n))
    G.add_edges_from(map(tuple, edges.tolist()))
    return G


def _timed(f, *args, **kwargs):
    """Run f; return its result and the CPU seconds it used (see the module docstring)."""
    t = time.process_time()
    out = f(*args, **kwargs)
    return out, time.process_time() - t


def _as_array(d: dict, nodes) -> np.ndarray:
    return np.array([d[v] for v in nodes], dtype=float)


def run(sizes=(1_000, 10_000)) -> list[dict]:
    """Time sysmap vs networkx for each graph size; return one record per (size, measure)."""
    records: list[dict] = []

    def record(n, m, measure, t_sysmap, t_ref, ref, agree, note=""):
        rec = {
            "n": n,
            "m": m,
            "measure": measure,
            "sysmap_s": round(t_sysmap, 3),
            "reference": ref,
            "reference_s": None if t_ref is None else round(t_ref, 3),
            "ratio": None if t_ref is None else round(t_ref / t_sysmap, 1),
            "agree": agree,
            "note": note,
        }
        records.append(rec)
        print(
            f"n={n:>7} m={m:>8} {measure:<28} sysmap {t_sysmap:9.3f} s   "
            f"{ref:<42} {'-' if t_ref is None else f'{t_ref:9.3f} s':>11}   "
            f"x{'-' if t_ref is None else f'{t_ref / t_sysmap:.1f}':<6} agree={agree} {note}",
            flush=True,
        )

    for n in sizes:
        G, t_build = _timed(build_graph, n)
        m = G.number_of_edges()
        print(
            f"# n={n}, m={m}, mean degree {2 * m / n:.2f}, built in {t_build:.1f} s; "
            "times are CPU seconds",
            flush=True,
        )
        nodes = sorted(G)

        deg, t = _timed(degree, G)
        ref, t_ref = _timed(dict, G.degree())
        record(
            n,
            m,
            "degree",
            t,
            t_ref,
            "dict(G.degree())",
            bool(np.array_equal(deg["degree"].to_numpy(), _as_array(ref, nodes))),
        )

        exact_v = None
        if n <= EXACT_MAX:
            exact, t_exact = _timed(betweenness, G)
            exact_v = exact["betweenness"].to_numpy()
            if n <= NX_EXACT_MAX:
                ref, t_ref = _timed(nx.betweenness_centrality, G, normalized=False)
                agree = bool(np.allclose(exact_v, _as_array(ref, nodes), rtol=0, atol=1e-9))
                record(
                    n, m, "betweenness exact", t_exact, t_ref, "nx.betweenness_centrality", agree
                )
            else:
                record(n, m, "betweenness exact", t_exact, None, "(extrapolated below)", "-")

        est, t_est = _timed(betweenness, G, sample=SAMPLE, seed=0)
        est_v = est["betweenness"].to_numpy()
        note = "no exact value at this size"
        if exact_v is not None:
            rel_err = float(np.abs(est_v - exact_v).mean() / exact_v.mean())
            top = 20
            overlap = len(set(np.argsort(-est_v)[:top]) & set(np.argsort(-exact_v)[:top])) / top
            note = f"mean abs err / mean = {rel_err:.3f}; top-{top} overlap {overlap:.2f}"
        t_sub = None
        agree = "-"
        if n <= NX_SUBSET_MAX:
            sources = np.sort(check_seed(0).choice(n, size=SAMPLE, replace=False))
            ref, t_sub = _timed(
                nx.betweenness_centrality_subset,
                G,
                sources=[nodes[i] for i in sources],
                targets=nodes,
                normalized=False,
            )
            agree = bool(np.allclose(est_v, _as_array(ref, nodes) * n / SAMPLE, rtol=0, atol=1e-9))
        record(
            n,
            m,
            f"betweenness sample={SAMPLE}",
            t_est,
            t_sub,
            f"nx.betweenness_centrality_subset({SAMPLE} src)",
            agree,
            note,
        )
        if n > NX_EXACT_MAX and exact_v is not None and t_sub is not None:
            record(
                n,
                m,
                "betweenness exact (extrap.)",
                t_exact,
                t_sub * n / SAMPLE,
                f"nx exact ~= subset time x n/{SAMPLE}",
                "-",
                "networkx time extrapolated",
            )

        if n <= EXACT_MAX:
            clo, t = _timed(closeness, G)
            har, t_h = _timed(harmonic, G)
            if n <= NX_PATHS_MAX:
                ref, t_ref = _timed(nx.closeness_centrality, G)
                agree = bool(np.allclose(clo["closeness"], _as_array(ref, nodes), atol=1e-9))
                record(n, m, "closeness", t, t_ref, "nx.closeness_centrality", agree)
                ref, t_ref = _timed(nx.harmonic_centrality, G)
                agree = bool(np.allclose(har["harmonic"], _as_array(ref, nodes), atol=1e-9))
                record(n, m, "harmonic", t_h, t_ref, "nx.harmonic_centrality", agree)
            else:
                record(n, m, "closeness", t, None, "(networkx skipped)", "-")
                record(n, m, "harmonic", t_h, None, "(networkx skipped)", "-")

        _, t = _timed(network_summary, G, sample=SAMPLE, seed=0)
        record(n, m, f"network_summary sample={SAMPLE}", t, None, "-", "-")
        if n <= EXACT_MAX:
            _, t = _timed(network_summary, G)
            record(n, m, "network_summary exact", t, None, "-", "-")
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    args = parser.parse_args()
    run(tuple(args.sizes))


if __name__ == "__main__":
    main()
