"""Benchmark: the wave-comparison tests (sysmap.compare) against a naive dense QAP.

Two waves of a sector network (8 sectors, mean degree ~10, 80 % of ties inside
sectors); the second wave rewires 30 % of the ties. Timed per size:

- ``qap_s``: :func:`sysmap.compare.qap_correlation` with 1,000 permutations
  (issue #7 target: under 10 s at 10,000 actors);
- ``naive_qap_s``: the textbook dense version (numpy adjacency matrices,
  ``B[np.ix_(p, p)]`` and ``np.corrcoef`` over the off-diagonal cells per
  permutation), run for ``NAIVE_PERMUTATIONS`` permutations and scaled to
  1,000 (``naive_estimated``); skipped above ``NAIVE_MAX`` actors, where two
  dense float matrices no longer fit comfortably (10k actors: 1.6 GB);
- ``bootstrap_s``: :func:`sysmap.compare.density_change`, 1,000 samples;
- ``ei_s``: :func:`sysmap.compare.ei_change` (exact when it fits);
- ``compare_waves_s`` (one row, ``n = 150``): :func:`sysmap.compare.compare_waves`
  on three 150-actor waves, 1,000 permutations (the compare report's own
  target is 15 s for the whole report).

Run: ``python benchmarks/bench_compare.py --sizes 1000 10000 [--n-jobs 2]``
"""

from __future__ import annotations

import argparse
import time

import networkx as nx
import numpy as np
import pandas as pd

from sysmap.compare import Panel, compare_waves, density_change, ei_change, qap_correlation

N_PERMUTATIONS = 1000
NAIVE_MAX = 3000
NAIVE_PERMUTATIONS = 20


def sector_network(n: int, seed: int = 0, mean_degree: float = 10.0) -> nx.Graph:
    """8 sectors (actor i in sector i % 8), ~80 % of ties inside sectors."""
    rng = np.random.default_rng(seed)
    m = int(n * mean_degree / 2)
    sector = np.arange(n) % 8
    u = rng.integers(0, n, size=2 * m)
    inside = rng.random(2 * m) < 0.8
    v = rng.integers(0, n // 8, size=2 * m) * 8 + sector[u]  # a partner in u's sector
    v = np.where(inside, v, rng.integers(0, n, size=2 * m))
    v = np.minimum(v, n - 1)
    keep = u != v
    pairs = np.unique(np.sort(np.column_stack([u[keep], v[keep]]), axis=1), axis=0)
    pairs = pairs[rng.permutation(len(pairs))[:m]]
    G = nx.Graph()
    G.add_nodes_from((i, {"sector": int(s)}) for i, s in enumerate(sector))
    G.add_edges_from(map(tuple, pairs.tolist()))
    return G


def rewire(G: nx.Graph, share: float = 0.3, seed: int = 1) -> nx.Graph:
    """Drop `share` of the ties and add as many random ones (the next wave)."""
    rng = np.random.default_rng(seed)
    H = G.copy()
    edges = np.array(list(G.edges()))
    drop = rng.choice(len(edges), size=int(share * len(edges)), replace=False)
    H.remove_edges_from(map(tuple, edges[drop].tolist()))
    n = G.number_of_nodes()
    while H.number_of_edges() < G.number_of_edges():
        a, b = rng.integers(0, n, size=2)
        if a != b:
            H.add_edge(int(a), int(b))
    return H


def naive_qap(G1: nx.Graph, G2: nx.Graph, n_permutations: int, seed: int = 0) -> np.ndarray:
    """Dense QAP: Pearson r of the off-diagonal cells, B's rows and columns permuted."""
    nodes = sorted(G1)
    A = nx.to_numpy_array(G1, nodelist=nodes)
    B = nx.to_numpy_array(G2, nodelist=nodes)
    off = ~np.eye(len(nodes), dtype=bool)
    a = A[off]
    rng = np.random.default_rng(seed)
    out = np.empty(n_permutations)
    for k in range(n_permutations):
        p = rng.permutation(len(nodes))
        out[k] = np.corrcoef(a, B[np.ix_(p, p)][off])[0, 1]
    return out


def bench(n: int, seed: int = 0, n_jobs: int | None = None) -> dict:
    G1 = sector_network(n, seed)
    G2 = rewire(G1, 0.3, seed + 1)
    record: dict = {"n": n, "ties": G1.number_of_edges(), "n_jobs": n_jobs or 1}
    t0 = time.perf_counter()
    qap = qap_correlation(G1, G2, n_permutations=N_PERMUTATIONS, seed=seed, n_jobs=n_jobs)
    record["qap_s"] = time.perf_counter() - t0
    record["qap_r"] = qap.correlation
    if n <= NAIVE_MAX:
        t0 = time.perf_counter()
        naive_qap(G1, G2, NAIVE_PERMUTATIONS, seed)
        per = (time.perf_counter() - t0) / NAIVE_PERMUTATIONS
        record["naive_qap_s"] = per * N_PERMUTATIONS
        record["naive_estimated"] = True
        record["ratio"] = record["naive_qap_s"] / record["qap_s"]
    t0 = time.perf_counter()
    density_change(G1, G2, n_bootstrap=N_PERMUTATIONS, seed=seed, n_jobs=n_jobs)
    record["bootstrap_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    ei = ei_change(G1, G2, "sector", n_permutations=N_PERMUTATIONS, seed=seed, n_jobs=n_jobs)
    record["ei_s"] = time.perf_counter() - t0
    record["ei_method"] = ei.method
    return record


def bench_compare_waves(n: int = 150, seed: int = 0) -> dict:
    """compare_waves on three waves of a named sector network (as a report would run it)."""
    G1 = sector_network(n, seed, mean_degree=8)
    G2 = rewire(G1, 0.3, seed + 1)
    G3 = rewire(G2, 0.3, seed + 2)
    for G in (G1, G2, G3):
        for v in G:
            G.nodes[v]["name"] = f"Organisation {v}"
            G.nodes[v]["sector"] = f"Sector {G.nodes[v]['sector']}"
    panel = Panel.from_graphs([G1, G2, G3], labels=["2023", "2024", "2025"])
    t0 = time.perf_counter()
    compare_waves(panel, n_permutations=N_PERMUTATIONS, seed=seed)
    return {"n": n, "ties": G1.number_of_edges(), "compare_waves_s": time.perf_counter() - t0}


def run(sizes: tuple[int, ...] = (1_000, 10_000), n_jobs: int | None = None) -> list[dict]:
    """Time the tests at each size, plus compare_waves on three 150-actor waves."""
    records = [bench(n, n_jobs=n_jobs) for n in sizes]
    records.append(bench_compare_waves())
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--n-jobs", type=int, default=None)
    args = parser.parse_args()
    records = run(tuple(args.sizes), n_jobs=args.n_jobs)
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(pd.DataFrame(records).round(3).to_string(index=False))


if __name__ == "__main__":
    main()
