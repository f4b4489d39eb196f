"""Benchmark: Burt's structural holes (constraint, effective size, efficiency, hierarchy).

Not a test. Builds seeded sector-structured weighted networks (8 sectors, mean
degree ~10, tie weights 1-4 like survey intensity): ``nx.stochastic_block_model``
up to 20k nodes, a numpy block-model generator beyond (the networkx generator is
slow there). Times ``sysmap.metrics.structural_holes`` (whole and ego model,
all actors and a 100-actor subset) against

* networkx 3.6: ``nx.constraint(G, weight=...)`` (all nodes, vectorised) plus the
  per-node ``nx.effective_size(G, nodes=list(G), weight=...)`` (the vectorised
  all-nodes ``effective_size`` is wrong on weighted graphs and dense n x n);
* networkx's subset path ``nx.constraint(G, nodes=S)`` + ``nx.effective_size(G, nodes=S)``;
* igraph's compiled ``Graph.constraint`` (constraint only, graph prebuilt).

and checks that the values agree (rtol 1e-9). The networkx baselines are skipped
above ``--nx-max`` nodes (default 10,000; they take minutes beyond) and where
networkx would allocate dense n x n arrays.

Usage::

    python benchmarks/bench_structural_holes.py --sizes 1000 10000
    python benchmarks/bench_structural_holes.py --sizes 100000 --nx-max 0
"""

from __future__ import annotations

import argparse
import resource
import time

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd

from sysmap.metrics.structural_holes import structural_hole_measures

N_SECTORS = 8
MEAN_DEGREE = 10
P_WITHIN = 0.7
SBM_MAX_NODES = 20_000
SUBSET = 100


def sector_network(n: int, seed: int = 0, mean_degree: float = MEAN_DEGREE) -> nx.Graph:
    """Seeded undirected block model: 8 sectors, 70 % of ties inside, weights 1-4."""
    rng = np.random.default_rng(seed)
    sizes = [n // N_SECTORS + (k < n % N_SECTORS) for k in range(N_SECTORS)]
    if n <= SBM_MAX_NODES:
        p_in = P_WITHIN * mean_degree / (n / N_SECTORS)
        p_out = (1 - P_WITHIN) * mean_degree / (n - n / N_SECTORS)
        probs = [[p_in if a == b else p_out for b in range(N_SECTORS)] for a in range(N_SECTORS)]
        G = nx.stochastic_block_model(sizes, probs, seed=int(rng.integers(2**31)))
        G.graph.clear()
        for v in G:
            G.nodes[v].clear()
    else:
        sector = np.repeat(np.arange(N_SECTORS), sizes)
        m = int(n * mean_degree / 2)
        src = rng.integers(0, n, m)
        dst = rng.integers(0, n, m)
        within = rng.random(m) < P_WITHIN
        starts = np.concatenate([[0], np.cumsum(sizes)])
        s = sector[src[within]]
        dst[within] = starts[s] + rng.integers(0, np.array(sizes)[s])
        keep = src != dst
        G = nx.Graph()
        G.add_nodes_from(range(n))
        G.add_edges_from(zip(src[keep].tolist(), dst[keep].tolist()))
    weights = rng.integers(1, 5, G.number_of_edges())
    for (u, v), w in zip(G.edges(), weights.tolist()):
        G[u][v]["intensity"] = w
    return G


def _timed(f):
    t0 = time.perf_counter()
    out = f()
    return out, time.perf_counter() - t0


def run(sizes=(1_000, 10_000), *, nx_max: int = 10_000, seed: int = 0) -> list[dict]:
    rows = []
    for n in sizes:
        G = sector_network(n, seed=seed)
        w = "intensity"
        row: dict = {"nodes": n, "ties": G.number_of_edges()}
        subset = sorted(np.random.default_rng(seed).choice(n, SUBSET, replace=False).tolist())

        res, row["sysmap_whole_s"] = _timed(lambda: structural_hole_measures(G, weight=w))
        ego, row["sysmap_ego_s"] = _timed(
            lambda: structural_hole_measures(G, weight=w, model="ego")
        )
        sub, row["sysmap_subset_s"] = _timed(
            lambda: structural_hole_measures(G, weight=w, nodes=subset)
        )
        row["agree_subset"] = bool(np.allclose(sub, res.loc[subset], rtol=1e-12, equal_nan=True))

        nodes = sorted(G)
        H = ig.Graph(n=n, edges=list(G.edges()))
        H.es["w"] = [d[w] for _, _, d in G.edges(data=True)]
        igc, row["igraph_constraint_s"] = _timed(lambda: H.constraint(weights="w"))
        row["agree_igraph"] = bool(np.allclose(res["constraint"], igc, rtol=1e-9, equal_nan=True))

        if n <= nx_max:
            nxc, t_c = _timed(lambda: nx.constraint(G, weight=w))
            nxe, t_e = _timed(lambda: nx.effective_size(G, weight=w, nodes=nodes))
            row["nx_constraint_s"] = t_c
            row["nx_effsize_pernode_s"] = t_e
            row["agree_nx"] = bool(
                np.allclose(res["constraint"], [nxc[v] for v in nodes], rtol=1e-9, equal_nan=True)
                and np.allclose(
                    res["effective_size"], [nxe[v] for v in nodes], rtol=1e-9, equal_nan=True
                )
            )
            row["speedup_vs_nx"] = (t_c + t_e) / row["sysmap_whole_s"]
            (sc, se), t_s = _timed(
                lambda: (
                    nx.constraint(G, weight=w, nodes=subset),
                    nx.effective_size(G, weight=w, nodes=subset),
                )
            )
            row["nx_subset_s"] = t_s
            row["agree_nx_subset"] = bool(
                np.allclose(sub["constraint"], [sc[v] for v in subset], rtol=1e-9)
                and np.allclose(sub["effective_size"], [se[v] for v in subset], rtol=1e-9)
            )
            row["speedup_subset_vs_nx"] = t_s / row["sysmap_subset_s"]
        row["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rows.append(row)
        print(row, flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--nx-max", type=int, default=10_000, help="largest n for networkx")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rows = run(tuple(args.sizes), nx_max=args.nx_max, seed=args.seed)
    print(pd.DataFrame(rows).T.to_string(header=False))


if __name__ == "__main__":
    main()
