"""Benchmark sysmap.metrics.key_players (KPP-Pos, group centrality) against networkx.

Not a test. On the seeded sector networks of ``bench_fragmentation`` (8 sectors,
mean degree ~10, 10% pendants):

* ``key_players(objective="reach", m=2)`` and ``"distance_reach"``, k = 5,
  greedy+swap with 3 restarts, against a networkx greedy (all-pairs distances
  from ``all_pairs_shortest_path_length``, then the best addition k times, no
  swaps); sysmap's value must be at least the greedy one;
* ``group_centrality`` of the 8 sectors against networkx's
  ``group_degree_centrality``, ``group_closeness_centrality`` and
  ``group_betweenness_centrality`` (the last is known to be wrong for groups of
  3 or more actors in networkx 3.6, networkx issue #8827: compared, not trusted).

    python benchmarks/bench_key_players.py --sizes 500 1000 2000
"""

from __future__ import annotations

import argparse

import networkx as nx
import numpy as np
from bench_fragmentation import _print, _row, _timed, sector_network

from sysmap.metrics import group_centrality, key_players

#: Largest network on which the networkx group baseline runs.
NX_GROUP_LIMIT = 500


def _nx_greedy(G: nx.Graph, k: int, objective: str, m: int | None) -> float:
    n = G.number_of_nodes()
    dist = dict(nx.all_pairs_shortest_path_length(G, cutoff=m))
    best = np.zeros(n)
    chosen: list[int] = []
    for _ in range(k):
        scores = {}
        for v in G:
            if v in chosen:
                continue
            gain = best.copy()
            for j, d in dist[v].items():
                if d:
                    gain[j] = max(gain[j], 1.0 if objective == "reach" else 1.0 / d)
            gain[[*chosen, v]] = 0.0
            scores[v] = gain.sum()
        v = max(scores, key=scores.get)
        chosen.append(v)
        for j, d in dist[v].items():
            if d:
                best[j] = max(best[j], 1.0 if objective == "reach" else 1.0 / d)
    best[chosen] = 0.0
    return float(best.sum()) / (n - k)


def bench(n: int, seed: int = 0) -> list[dict]:
    G = sector_network(n, seed=seed)
    rows = []
    for objective, m in [("reach", 2), ("distance_reach", None)]:
        kp, t = _timed(lambda: key_players(G, 5, objective=objective, m=m, seed=0))
        ref, t_ref = _timed(lambda: _nx_greedy(G, 5, objective, m))
        rows.append(
            _row(
                f"key_players k=5 {objective}" + (f" m={m}" if m else "") + " greedy+swap",
                G,
                t,
                t_ref,
                kp.value >= ref - 1e-12,
                f"value {kp.value:.4f} (networkx greedy {ref:.4f}); {kp.evaluations} evaluations",
            )
        )
    # networkx's group closeness skips unreachable actors: compare on the largest component
    H = G.subgraph(max(nx.connected_components(G), key=len)).copy()
    sectors = {s: [v for v in range(s, int(n * 0.9), 8) if v in H] for s in range(8)}
    table, t = _timed(lambda: group_centrality(H, sectors))

    def nx_groups():
        return np.array(
            [
                (
                    nx.group_degree_centrality(H, S),
                    nx.group_closeness_centrality(H, S),
                    nx.group_betweenness_centrality(H, S, normalized=False),
                )
                for S in sectors.values()
            ]
        )

    if n > NX_GROUP_LIMIT:  # networkx took 6 minutes at 1,000 actors
        rows.append(_row("group_centrality, 8 sectors", H, t, None, None, "networkx skipped"))
        return rows
    ref, t_ref = _timed(nx_groups)
    outsiders = (H.number_of_nodes() - table["size"]).to_numpy()
    agree = bool(
        np.allclose(table["degree"] / outsiders, ref[:, 0])
        and np.allclose(table["closeness"], ref[:, 1])
    )
    off = np.max(np.abs(table["betweenness"] / ref[:, 2] - 1))
    rows.append(
        _row(
            "group_centrality, 8 sectors",
            H,
            t,
            t_ref,
            agree,
            f"degree, closeness; networkx betweenness off by up to {off:.1%} (networkx #8827)",
        )
    )
    return rows


def run(sizes=(1_000,)) -> list[dict]:
    rows = []
    for n in sizes:
        rows += bench(n)
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000])
    args = parser.parse_args()
    _print(run(tuple(args.sizes)))
