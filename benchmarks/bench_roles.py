"""Benchmark: roles, structural equivalence, core-periphery and ``cluster_actors``.

Graphs: ``bench_structural_holes.sector_network`` (8 sectors, mean degree 10),
with the sector as node attribute. Timed per size:

* ``actor_features`` (with brokerage shares) and ``ActorClustering`` (k-means,
  k chosen by silhouette);
* ``core_periphery``, continuous (all sizes) and discrete (up to 5k actors);
* ``structural_equivalence`` with 8 blocks (up to 5k actors), next to a
  dense numpy/scipy pipeline of the same cost (``np.corrcoef`` of the stacked
  row and column profiles, then ``scipy.cluster.hierarchy.linkage``). It skips
  ``sna::sedist``'s exclusion of the pair's own cells, so its blocks differ;
  the correlations themselves are tested against R in
  ``tests/cluster/test_blockmodel.py``;
* ``cluster_actors`` (20-run Leiden consensus plus roles), the CLI's ``--clusters``.

Run: ``python benchmarks/bench_roles.py --sizes 1000 10000``
"""

from __future__ import annotations

import argparse
import time

import networkx as nx
import numpy as np
import pandas as pd
from bench_structural_holes import sector_network
from scipy.cluster.hierarchy import fcluster, linkage

from sysmap.cluster import (
    ActorClustering,
    actor_features,
    cluster_actors,
    core_periphery,
    structural_equivalence,
)

DENSE_MAX = 5_000


def _timed(f, *args, **kwargs):
    t0 = time.perf_counter()
    result = f(*args, **kwargs)
    return result, time.perf_counter() - t0


def _dense_equivalence(G: nx.Graph, k: int) -> np.ndarray:
    """Profile correlations and complete linkage with dense numpy/scipy."""
    nodes = sorted(G)
    A = nx.to_numpy_array(G, nodelist=nodes)
    profiles = np.hstack([A, A.T])
    np.fill_diagonal(profiles[:, : len(nodes)], 0)
    D = 1 - np.corrcoef(profiles)
    D = np.nan_to_num(D, nan=1.0)
    iu = np.triu_indices(len(nodes), 1)
    Z = linkage(D[iu], method="complete")
    return fcluster(Z, k, criterion="maxclust")


def run(sizes=(1_000, 10_000)) -> list[dict]:
    rows = []
    for n in sizes:
        G = sector_network(n, seed=0)
        nx.set_node_attributes(G, {v: f"S{v % 8}" for v in G}, "sector")
        row: dict[str, object] = {"n": n, "m": G.number_of_edges()}
        X, row["actor_features_s"] = _timed(actor_features, G, group="sector")
        model, row["roles_kmeans_s"] = _timed(ActorClustering(seed=0).fit, X)
        row["roles_k"] = model.n_clusters_
        cp, row["core_periphery_continuous_s"] = _timed(core_periphery, G, model="continuous")
        if n <= DENSE_MAX:
            cp, row["core_periphery_discrete_s"] = _timed(core_periphery, G, seed=0)
            row["core_periphery_fit"] = round(cp.fit, 4)
            _, row["equivalence_s"] = _timed(structural_equivalence, G, n_blocks=8)
            _, row["equivalence_dense_ref_s"] = _timed(_dense_equivalence, G, 8)
            row["equivalence_ref/sysmap"] = round(
                row["equivalence_dense_ref_s"] / row["equivalence_s"], 2
            )
        _, row["cluster_actors_s"] = _timed(cluster_actors, G, group="sector", seed=0)
        rows.append({k: round(v, 3) if isinstance(v, float) else v for k, v in row.items()})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    args = parser.parse_args()
    print(pd.DataFrame(run(tuple(args.sizes))).T.to_string())


if __name__ == "__main__":
    main()
