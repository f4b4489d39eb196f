"""Benchmark: sysmap.cluster communities, consensus and modularity against networkx.

Graphs are seeded stochastic block models with 8 sectors and mean degree ~10
(80 % of ties inside sectors). Up to 10k actors the graph comes from
``networkx.stochastic_block_model``, above that from igraph's ``Graph.SBM``
(the same model, compiled).

Timed per size (best of ``--repeat`` runs; other jobs on the machine make single
timings noisy, so the CPU time of the best run is printed too, as ``*_cpu_s``):

* ``communities`` with Leiden and with Louvain (igraph), seed 0;
* ``consensus_communities`` (Leiden, 20 runs, seed 0);
* ``modularity`` of the consensus labels;
* networkx baselines: ``nx.community.louvain_communities(G, seed=0)`` (networkx
  has no Leiden of its own) and ``nx.community.modularity``.

Checks: sysmap's modularity equals networkx's for the same labels (1e-9), and
each partition's quality (modularity, ARI against the planted sectors) is printed
so that Leiden, Louvain and networkx can be compared. The networkx Louvain
baseline is skipped above ``NX_MAX`` actors (about 1.5-2 minutes at 100k).

Run: ``python benchmarks/bench_communities.py --sizes 1000 10000``
"""

from __future__ import annotations

import argparse
import random
import time
import warnings

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score

from sysmap.cluster import communities, consensus_communities, modularity

NX_MAX = 20_000  # actors; above this the networkx Louvain baseline is skipped


def sbm(n: int, seed: int = 0) -> nx.Graph:
    """Seeded SBM: 8 sectors, mean degree ~10 (8 within, 2 across)."""
    sizes = [n // 8] * 8
    sizes[0] += n - sum(sizes)
    p_in, p_out = 8 / (n / 8), 2 / (n * 7 / 8)
    probs = [[p_in if a == b else p_out for b in range(8)] for a in range(8)]
    if n <= 10_000:
        G = nx.stochastic_block_model(sizes, probs, seed=seed, sparse=True)
        G.graph.clear()
        for node in G:
            G.nodes[node]["sector"] = G.nodes[node].pop("block")
    else:
        ig.set_random_number_generator(random.Random(seed))
        H = ig.Graph.SBM(probs, sizes, directed=False)
        ig.set_random_number_generator(random)
        G = nx.Graph()
        sector = np.repeat(np.arange(8), sizes)
        G.add_nodes_from((i, {"sector": int(s)}) for i, s in enumerate(sector))
        G.add_edges_from(H.get_edgelist())
    return G


CPU: dict[str, float] = {}  # CPU seconds of the last _best call, by label


def _best(fn, repeat: int, label: str | None = None):
    """Best wall time of `repeat` calls (and, under `label`, the CPU time of that call)."""
    best, out = float("inf"), None
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        out = fn()
        wall, cpu = time.perf_counter() - t, time.process_time() - c
        if wall < best:
            best = wall
            if label:
                CPU[label] = cpu
    return best, out


def _sets(labels: pd.Series) -> list[set]:
    return [set(idx) for idx in labels.groupby(labels).groups.values()]


def run(sizes=(1_000, 10_000), repeat: int = 3) -> list[dict]:
    rows = []
    for n in sizes:
        G = sbm(n)
        sector = pd.Series(nx.get_node_attributes(G, "sector")).sort_index()
        row: dict = {"n": n, "m": G.number_of_edges()}

        t, leiden = _best(lambda: communities(G, seed=0), repeat, "leiden")
        row["leiden_s"] = t
        row["leiden_cpu_s"] = CPU["leiden"]
        t, louvain = _best(lambda: communities(G, method="louvain", seed=0), repeat)
        row["louvain_s"] = t
        with warnings.catch_warnings():
            warnings.simplefilter("always")
            t, cons = _best(lambda: consensus_communities(G, seed=0), repeat, "consensus")
        row["consensus20_s"] = t
        row["consensus20_cpu_s"] = CPU["consensus"]
        row["consensus_rounds"] = cons.n_iterations
        row["consensus_converged"] = cons.converged

        t, q = _best(lambda: modularity(G, cons.labels), repeat)
        row["modularity_s"] = t
        t, q_nx = _best(lambda: nx.community.modularity(G, _sets(cons.labels)), 1)
        row["nx_modularity_s"] = t
        assert abs(q - q_nx) < 1e-9, (q, q_nx)
        assert abs(cons.modularity - q_nx) < 1e-9

        for name, labels in (("leiden", leiden), ("louvain", louvain), ("consensus", cons.labels)):
            row[f"Q_{name}"] = modularity(G, labels)
            row[f"ari_{name}"] = adjusted_rand_score(sector, labels)
        q_leiden_nx = nx.community.modularity(G, _sets(leiden))
        assert abs(row["Q_leiden"] - q_leiden_nx) < 1e-9

        if n <= NX_MAX:
            t, parts = _best(lambda: nx.community.louvain_communities(G, seed=0), 1, "nx")
            row["nx_louvain_s"] = t
            row["nx_louvain_cpu_s"] = CPU["nx"]
            row["Q_nx_louvain"] = nx.community.modularity(G, parts)
            nx_labels = pd.Series({v: k for k, part in enumerate(parts) for v in part})
            row["ari_nx_louvain"] = adjusted_rand_score(sector, nx_labels.loc[sector.index])
            row["nx_louvain/leiden"] = row["nx_louvain_s"] / row["leiden_s"]
        rows.append(row)
        _print(row)
    return rows


def _print(row: dict) -> None:
    parts = [f"n={row['n']:,} m={row['m']:,}"]
    for key, value in row.items():
        if key in ("n", "m"):
            continue
        if isinstance(value, float):
            parts.append(f"{key}={value:.4g}")
        else:
            parts.append(f"{key}={value}")
    print("  ".join(parts), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    run(tuple(args.sizes), repeat=args.repeat)


if __name__ == "__main__":
    main()
