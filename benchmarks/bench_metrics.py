"""``sysmap metrics`` end to end against a networkx script computing the same columns.

Not a test. For each size, writes a seeded block model (:mod:`scale_graphs`:
8 sectors, mean degree 10) as ``ties.csv`` and ``actors.csv``, runs

    sysmap metrics ties.csv --actors actors.csv --group sector --undirected -o out/

as a user would (a fresh process: start-up, reading, every column, writing),
and times, on the same graph, what a networkx script needs for the same
columns: betweenness, Burt's constraint and effective size, local bridges
with span, Gould-Fernandez brokerage counts, the fragmentation impact of every
actor (one removal each), distance fragmentation and its impact (one
all-pairs search per removal). Parts that would run for more than a few
minutes are timed on a sample (sources, removals) and extrapolated, and the
row says so. igraph's time is shown for betweenness, the measure it has.

    python benchmarks/bench_metrics.py --sizes 2000 10000 50000
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
from scale_graphs import as_networkx, sbm_ties, write_network

HERE = Path(__file__).resolve().parent
SYSMAP = [sys.executable, "-m", "sysmap"]
#: Sources, removals or actors a networkx part is timed on when it is extrapolated.
PROBE = {"betweenness": 200, "removals": 100, "df_removals": 2, "egos": 20}
# (egos: networkx's effective_size copies the whole graph for each ego, seconds each at 50k)


def run_cli(folder: Path, *args: str) -> tuple[float, float]:
    """Wall-clock and CPU seconds of ``sysmap metrics`` on the network in `folder`."""
    cmd = [
        *SYSMAP,
        "metrics",
        str(folder / "ties.csv"),
        "--actors",
        str(folder / "actors.csv"),
        "--group",
        "sector",
        "--undirected",
        "--quiet",
        "-o",
        str(folder / "out"),
        *args,
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env={**os.environ, "PYTHONWARNINGS": ""})
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu


def _timed(fn, items, total: int) -> tuple[float, bool]:
    """Seconds of ``fn(items)``, scaled to `total` items; and whether it was scaled."""
    t = time.perf_counter()
    fn(items)
    seconds = time.perf_counter() - t
    return seconds * total / max(len(items), 1), len(items) < total


def _brokerage(G: nx.Graph, egos) -> None:
    """Gould-Fernandez counts written out (each tie both ways): pairs of neighbours
    of the broker that are not tied, classified by the three groups."""
    g = nx.get_node_attributes(G, "sector")
    for b in egos:
        nbrs = list(G[b])
        counts = [0] * 5
        for a, c in itertools.permutations(nbrs, 2):
            if G.has_edge(a, c):
                continue
            ga, gb, gc = g[a], g[b], g[c]
            if ga == gb == gc:
                counts[0] += 1
            elif ga == gc:
                counts[1] += 1
            elif ga == gb:
                counts[2] += 1
            elif gb == gc:
                counts[3] += 1
            else:
                counts[4] += 1


def _f(H) -> float:
    n = H.number_of_nodes()
    return 1 - sum(len(c) * (len(c) - 1) for c in nx.connected_components(H)) / (n * (n - 1))


def _df(H) -> float:
    n = H.number_of_nodes()
    return 1 - sum(nx.harmonic_centrality(H).values()) / (n * (n - 1))


def networkx_times(G: nx.Graph, seed: int = 0) -> dict[str, tuple[float, bool]]:
    """Seconds of each part of the networkx script (extrapolated: flag True)."""
    rng = np.random.default_rng(seed)
    n = G.number_of_nodes()
    nodes = list(G)

    def pick(key: str, limit: int) -> list:
        k = PROBE[key]
        return nodes if n <= limit else rng.choice(nodes, k, replace=False).tolist()

    out = {}
    out["betweenness"] = _timed(
        lambda s: (
            nx.betweenness_centrality_subset(G, s, nodes, normalized=False)
            if len(s) < n
            else nx.betweenness_centrality(G, normalized=False)
        ),
        pick("betweenness", 2_000),
        n,
    )
    out["constraint, effective size"] = _timed(
        lambda e: (nx.constraint(G, e), nx.effective_size(G, e)), pick("egos", 2_000), n
    )
    t = time.perf_counter()
    list(nx.local_bridges(G, with_span=True)) if n <= 2_000 else None
    spans = (time.perf_counter() - t, False)
    if n > 2_000:  # one search per tie: time 500 ties
        ties = list(G.edges())
        sample = [ties[i] for i in rng.choice(len(ties), 500, replace=False)]
        t = time.perf_counter()
        for u, v in sample:
            if not set(G[u]) & set(G[v]):
                H = nx.restricted_view(G, [], [(u, v)])
                nx.has_path(H, u, v) and nx.shortest_path_length(H, u, v)
        spans = ((time.perf_counter() - t) * len(ties) / 500, True)
    out["local bridges with span"] = spans
    out["brokerage counts"] = _timed(lambda e: _brokerage(G, e), pick("egos", 2_000), n)
    f0 = _f(G)
    out["fragmentation impact"] = _timed(
        lambda vs: [_f(nx.restricted_view(G, [v], [])) - f0 for v in vs],
        pick("removals", 1_000),
        n,
    )
    out["distance fragmentation"] = _timed(
        lambda s: [nx.single_source_shortest_path_length(G, v) for v in s],
        pick("betweenness", 2_000),
        n,
    )
    # one all-pairs search per removal: n searches per removed actor
    per_search = out["distance fragmentation"][0] / n
    out["distance fragmentation impact"] = (per_search * n * n, True)
    return out


def igraph_betweenness(ties: pd.DataFrame, n: int, seed: int = 0) -> float:
    """Seconds of igraph's exact betweenness (above 10k actors: 200 sources, extrapolated)."""
    H = ig.Graph(n=n, edges=ties[["source", "target"]].to_numpy().tolist())
    sources = None
    if n > 10_000:
        sources = np.random.default_rng(seed).choice(n, PROBE["betweenness"], replace=False)
    t = time.perf_counter()
    if sources is None:
        H.betweenness(directed=False)
    else:
        H.betweenness(sources=sources.tolist(), directed=False)
    return (time.perf_counter() - t) * (1 if sources is None else n / sources.size)


def run(sizes=(2_000, 10_000, 50_000), seed: int = 0) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            folder = write_network(Path(tmp) / str(n), n, seed=seed)
            ties = sbm_ties(n, seed=seed)
            G = as_networkx(ties, n)
            cli, cpu = run_cli(folder)
            parts = networkx_times(G, seed=seed)
            listed = sum(t for k, (t, _) in parts.items() if not k.startswith("distance"))
            row = {
                "actors": n,
                "ties": len(ties),
                "sysmap metrics (s)": round(cli, 1),
                "sysmap CPU (s)": round(cpu, 1),
                "sysmap --exact (s)": round(run_cli(folder, "--exact")[0], 1)
                if 2_000 < n <= 10_000
                else None,
                "networkx without DF (s)": round(listed, 1),
                "speed-up": round(listed / cli, 1),
                "networkx with DF and DF impact (s)": round(sum(t for t, _ in parts.values())),
                "igraph betweenness (s)": round(igraph_betweenness(ties, n, seed), 2),
                "networkx extrapolated": ", ".join(k for k, (_, x) in parts.items() if x),
            }
            rows.append(row)
            print(pd.Series({**row, **{k: round(t, 2) for k, (t, _) in parts.items()}}))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000, 10_000, 50_000])
    args = parser.parse_args(argv)
    print(pd.DataFrame(run(tuple(args.sizes))).to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
