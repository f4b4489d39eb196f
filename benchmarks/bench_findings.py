"""Benchmark: sysmap.findings.find_gaps on synthetic roster surveys of 150 and 5,000 actors.

The issue's report target is 10 s for 150 actors and 60 s for 5,000 actors;
the findings (with the robustness re-runs under two other symmetrization rules
and without the non-respondents) are one part of it.

Each survey is generated from a seeded sector network (7 sectors, mean degree
~8, 75 % of true ties inside sectors, a backbone tied to every sector, one
sector pair that never meets); 85 % of the members respond; a respondent
reports each of its true ties with probability 0.9, with PARTNER items
(intensity 1-4, trust and value items 1-4). Affiliations: one project per 10
actors with 3-12 members each. The data go through ``read_actors`` and
``read_survey`` like real files.

The reference is a naive networkx pipeline of some of the heavy steps the
rules need, run once on the main network (sysmap runs them on four networks:
the main one and three alternatives): exact betweenness
(``nx.betweenness_centrality``), articulation points with the parts each one
cuts off (one ``connected_components`` per articulation point), bridges, and
Louvain communities (``nx.community.louvain_communities``, one run where
sysmap does 20 Leiden runs and a consensus). It leaves out the local-bridge
spans, which ``nx.local_bridges(with_span=True)`` computes with one Python
Dijkstra per tie (far too slow at 5,000 actors, see bench_weak_ties.py).
Above ``NX_BUDGET`` seconds of estimated networkx time the reference is skipped.

Run: ``python benchmarks/bench_findings.py --sizes 150 5000``
"""

from __future__ import annotations

import argparse
import time

import networkx as nx
import numpy as np
import pandas as pd

from sysmap.findings import find_gaps
from sysmap.io import read_actors, read_survey

SECTORS = ["Municipality", "Schools", "Foundations", "Business", "Higher education",
           "Civil society", "Health"]
NX_BUDGET = 120.0


def survey(n: int, seed: int = 0) -> tuple[object, pd.DataFrame]:
    """A seeded synthetic roster survey (NetworkData) and its affiliation records."""
    rng = np.random.default_rng(seed)
    ids = [f"A{i:05d}" for i in range(n)]
    sector = rng.integers(0, len(SECTORS), n)
    sector[0] = 5  # the backbone, civil society
    mean_degree, inside = 8.0, 0.75
    sizes = np.bincount(sector, minlength=len(SECTORS))
    p_in = mean_degree * inside / max(1.0, sizes.mean())
    p_out = mean_degree * (1 - inside) / max(1.0, n - sizes.mean())
    pairs = set()
    for g in range(len(SECTORS)):
        members = np.flatnonzero(sector == g)
        k = rng.binomial(len(members) * (len(members) - 1) // 2, min(1.0, p_in))
        for _ in range(k):
            a, b = rng.choice(members, 2, replace=False)
            pairs.add((min(a, b), max(a, b)))
    k = rng.binomial(n * (n - 1) // 2, min(1.0, p_out))
    for _ in range(k):
        a, b = rng.choice(n, 2, replace=False)
        if {SECTORS[sector[a]], SECTORS[sector[b]]} == {"Business", "Health"}:
            continue  # the designed sector gap
        pairs.add((min(a, b), max(a, b)))
    for g in range(len(SECTORS)):  # the backbone reaches every sector
        members = np.flatnonzero(sector == g)
        for b in rng.choice(members, min(3, len(members)), replace=False):
            if b:
                pairs.add((0, int(b)))
    responded = rng.random(n) < 0.85
    responded[0] = True
    rows = []
    for a, b in sorted(pairs):
        intensity = int(rng.integers(1, 5))
        for u, v in ((a, b), (b, a)):
            if responded[u] and rng.random() < 0.9:
                items = rng.integers(1, 5, 6)
                rows.append((ids[u], ids[v], "collaboration", intensity, *items.tolist()))
    ties = pd.DataFrame(rows, columns=["respondent", "partner", "relation", "intensity",
                                       "reliability", "mission_alignment", "openness",
                                       "power_influence", "involvement",
                                       "resource_contribution"])
    members = pd.DataFrame({"actor": ids, "name": [f"Organisation {i}" for i in ids],
                            "sector": [SECTORS[s] for s in sector],
                            "backbone": [1] + [0] * (n - 1),
                            "responded": responded.astype(int)})
    data = read_survey(ties, actors=read_actors(members))
    projects = []
    for p in range(max(1, n // 10)):
        for a in rng.choice(n, int(rng.integers(3, 13)), replace=False):
            projects.append((ids[a], f"Project {p}"))
    affiliations = pd.DataFrame(projects, columns=["actor", "affiliation"])
    return data, affiliations


def naive_reference(G: nx.Graph, seed: int = 0) -> float:
    """Seconds for the networkx version of the heaviest steps (see module docstring)."""
    start = time.perf_counter()
    nx.betweenness_centrality(G, normalized=False)
    for v in nx.articulation_points(G):
        H = G.copy()
        H.remove_node(v)
        list(nx.connected_components(H))
    list(nx.bridges(G))
    nx.community.louvain_communities(G, seed=seed)
    return time.perf_counter() - start


def run(sizes=(150, 5_000), seed: int = 0, reference: bool = True) -> list[dict]:
    """Time find_gaps (with robustness) per size; the naive reference where affordable."""
    records = []
    for n in sizes:
        t0 = time.perf_counter()
        data, affiliations = survey(n, seed)
        t_data = time.perf_counter() - t0
        t0 = time.perf_counter()
        findings = find_gaps(data, affiliations=affiliations, seed=seed)
        t_find = time.perf_counter() - t0
        t0 = time.perf_counter()
        find_gaps(data, affiliations=affiliations, seed=seed, robustness=False)
        t_main = time.perf_counter() - t0
        record = {
            "actors": n,
            "ties": findings.parameters["n_ties"],
            "findings": len(findings),
            "generate_s": round(t_data, 2),
            "find_gaps_s": round(t_find, 2),
            "without_robustness_s": round(t_main, 2),
            "target_s": 10 if n <= 150 else 60,
        }
        # networkx betweenness is ~O(n m); measured ~0.35 s at 1,000 actors / 4,000 ties
        estimate = 0.35 * (n / 1000) * (record["ties"] / 4000)
        if reference and estimate < NX_BUDGET:
            from sysmap import build_network

            G = build_network(data, symmetrize="respondent_priority")
            t_ref = naive_reference(G, seed)
            record["naive_networkx_s"] = round(t_ref, 2)
            record["ratio_vs_naive"] = round(t_ref / t_main, 2)
        records.append(record)
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[150, 5_000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-reference", action="store_true")
    args = parser.parse_args(argv)
    records = run(tuple(args.sizes), seed=args.seed, reference=not args.no_reference)
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(pd.DataFrame(records).to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
