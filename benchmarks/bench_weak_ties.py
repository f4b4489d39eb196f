"""Benchmark: sysmap.metrics.tie_measures against networkx.

Graphs are seeded stochastic block models with 8 sectors and mean degree ~10
(80 % of ties inside sectors); ties carry a random 1-4 ``intensity``. Up to 10k
actors the graph comes from ``networkx.stochastic_block_model``, above that from
igraph's ``Graph.SBM`` (the same model, compiled). ``--graph sector`` uses instead
the sector network of the issue #3 speed targets (``bench_structural_holes.
sector_network``: 70 % of ties inside sectors, almost no triangles, so nearly every
tie is a local bridge with span 3-8), as ``bench_targets.py`` does.

The networkx baseline computes what ``tie_measures`` reports:
``nx.local_bridges(G, with_span=True)``, ``nx.bridges(G)`` and Onnela's overlap
per tie written in Python. Where the full baseline would take more than
``NX_BUDGET`` seconds, its span step (the dominant one) is timed on a random
sample of local bridges and extrapolated; the row then says ``nx_estimated``.
Results are compared tie by tie (on the sample when sampled).

Run: ``python benchmarks/bench_weak_ties.py --sizes 1000 10000 [--graph sector]``
"""

from __future__ import annotations

import argparse
import math
import random
import time

import igraph as ig
import networkx as nx
import numpy as np

from sysmap.metrics.weak_ties import tie_measures

NX_BUDGET = 120.0  # seconds; above this the networkx span step is sampled
SAMPLE = 300


def sbm(n: int, seed: int = 0) -> nx.Graph:
    """Seeded SBM: 8 sectors, mean degree ~10 (8 within, 2 across), intensity 1-4."""
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
    rng = np.random.default_rng(seed)
    for (u, v), value in zip(G.edges(), rng.integers(1, 5, G.number_of_edges())):
        G.edges[u, v]["intensity"] = int(value)
    return G


def _nx_span(G: nx.Graph, u: object, v: object) -> float:
    """The body of networkx.local_bridges(with_span=True) for one tie."""
    ends = {u, v}

    def hide_edge(n, nbr, d):
        return None if n in ends and nbr in ends else 1

    try:
        return nx.shortest_path_length(G, u, v, weight=hide_edge)
    except nx.NetworkXNoPath:
        return math.inf


def _nx_overlap(G: nx.Graph) -> dict:
    out = {}
    for u, v in G.edges():
        nu, nv = set(G[u]), set(G[v])
        common = len(nu & nv)
        den = (len(nu) - 1) + (len(nv) - 1) - common
        out[frozenset((u, v))] = common / den if den > 0 else math.nan
    return out


def sector(n: int, seed: int = 0) -> nx.Graph:
    """The issue #3 target graph (see bench_targets.py), with a ``sector`` attribute."""
    from bench_structural_holes import sector_network

    G = sector_network(n, seed=seed)
    for v in G:
        G.nodes[v]["sector"] = v % 8
    return G


GRAPHS = {"sbm": sbm, "sector": sector}


def bench(n: int, seed: int = 0, graph: str = "sbm") -> dict:
    G = GRAPHS[graph](n, seed)
    t0 = time.perf_counter()
    ties = tie_measures(G, group="sector")
    t_sysmap = time.perf_counter() - t0

    # networkx: overlap, bridges, local bridges without span (cheap parts) in full
    t0 = time.perf_counter()
    overlap = _nx_overlap(G)
    bridges = {frozenset(e) for e in nx.bridges(G)}
    local = [(u, v) for u, v in nx.local_bridges(G, with_span=False)]
    t_nx_cheap = time.perf_counter() - t0

    rng = random.Random(seed)
    sample = local if len(local) <= SAMPLE else rng.sample(local, SAMPLE)
    t0 = time.perf_counter()
    spans = {frozenset((u, v)): _nx_span(G, u, v) for u, v in sample}
    t_sample = time.perf_counter() - t0
    estimate = t_sample * len(local) / max(len(sample), 1)
    estimated = estimate > NX_BUDGET and len(sample) < len(local)
    if not estimated and len(sample) < len(local):
        t0 = time.perf_counter()
        spans = {frozenset((u, v)): s for u, v, s in nx.local_bridges(G, with_span=True)}
        t_span = time.perf_counter() - t0
    else:
        t_span = estimate
    t_nx = t_nx_cheap + t_span

    # agreement, tie by tie
    keyed = {
        frozenset((s, t)): row for s, t, row in zip(ties.source, ties.target, ties.itertuples())
    }
    assert len(keyed) == len(overlap) == G.number_of_edges()
    assert {k for k, r in keyed.items() if r.local_bridge} == {frozenset(e) for e in local}
    assert {k for k, r in keyed.items() if r.bridge} == bridges
    for key, span in spans.items():
        assert keyed[key].span == span, (key, keyed[key].span, span)
    for key, value in overlap.items():
        got = keyed[key].overlap
        assert (math.isnan(got) and math.isnan(value)) or abs(got - value) <= 1e-9

    return {
        "graph": graph,
        "n": n,
        "ties": G.number_of_edges(),
        "local_bridges": len(local),
        "max_span": float(
            np.max(ties.span.to_numpy()[np.isfinite(ties.span.to_numpy())], initial=0)
        ),
        "sysmap_s": round(t_sysmap, 3),
        "networkx_s": round(t_nx, 2),
        "nx_estimated": estimated,
        "speedup": round(t_nx / t_sysmap, 1),
    }


def run(sizes=(1_000, 10_000), graph: str = "sbm") -> list[dict]:
    rows = []
    for n in sizes:
        row = bench(n, graph=graph)
        rows.append(row)
        print(
            f"{graph} n={row['n']:>7,} ties={row['ties']:>8,} "
            f"local bridges={row['local_bridges']:>8,} "
            f"max span={row['max_span']:.0f}  sysmap {row['sysmap_s']:8.3f} s  "
            f"networkx {row['networkx_s']:9.2f} s{' (est.)' if row['nx_estimated'] else ''}  "
            f"x{row['speedup']}",
            flush=True,
        )
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--graph", choices=sorted(GRAPHS), default="sbm")
    args = parser.parse_args()
    run(tuple(args.sizes), graph=args.graph)
