"""Check the speed targets of issue #3 on seeded sector networks (8 sectors, mean degree 10).

Targets (2-core machine):
- all local measures (structural holes, brokerage roles, local bridges with span, overlap,
  F and F impact): 10k nodes / 50k ties < 2 s in total; 100k / 500k < 30 s;
- exact betweenness + exact DF at 10k < 15 s (measured with ``n_jobs`` processes, default 2,
  the machine's core count; the first call includes starting the worker process);
  sampled versions < 1 s;
- key-player greedy search k=10 on F at 10k < 10 s.
Each row prints the measured time, the target and whether it is met.
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np
from bench_structural_holes import sector_network

from sysmap.metrics import (
    betweenness,
    brokerage_roles,
    distance_fragmentation,
    fragmentation,
    fragmentation_impact,
    key_players,
    structural_hole_measures,
    tie_measures,
)

TARGETS = {
    "local measures": {10_000: 2.0, 100_000: 30.0},
    "exact betweenness + exact DF": {10_000: 15.0},
    "sampled betweenness + DF (256 sources)": {10_000: 1.0},
    "key players k=10 (greedy+swap)": {10_000: 10.0},
}


def _time(f) -> float:
    t0 = time.perf_counter()
    f()
    return time.perf_counter() - t0


def _sectors(G, n_sectors: int = 8) -> None:
    for v in G:
        G.nodes[v]["sector"] = v % n_sectors


def local_measures(G) -> dict[str, float]:
    D = G.to_directed()
    return {
        "structural holes (whole + ego)": _time(
            lambda: (structural_hole_measures(G), structural_hole_measures(G, model="ego"))
        ),
        "brokerage roles (directed)": _time(lambda: brokerage_roles(D, "sector")),
        "local bridges, span, overlap": _time(lambda: tie_measures(G, strength="intensity")),
        "F and F impact": _time(
            lambda: (fragmentation(G), fragmentation_impact(G, distance=False))
        ),
    }


def run(sizes=(10_000,), seed: int = 0, n_jobs: int = 2) -> list[dict]:
    rows = []
    for n in sizes:
        G = sector_network(n, seed=seed)
        _sectors(G)
        parts = local_measures(G)
        rows += [{"n": n, "measure": k, "seconds": round(v, 3)} for k, v in parts.items()]
        checks = {"local measures": sum(parts.values())}
        if n <= 10_000:
            checks["exact betweenness + exact DF"] = _time(
                lambda: (betweenness(G, n_jobs=n_jobs), distance_fragmentation(G, n_jobs=n_jobs))
            )
            checks["sampled betweenness + DF (256 sources)"] = _time(
                lambda: (
                    betweenness(G, sample=256, seed=seed),
                    distance_fragmentation(G, sample=256, seed=seed),
                )
            )
            checks["key players k=10 (greedy+swap)"] = _time(
                lambda: key_players(G, 10, method="greedy+swap", seed=seed)
            )
        for name, seconds in checks.items():
            target = TARGETS[name].get(n, np.nan)
            label = f"TOTAL {name}" if name == "local measures" else name
            if name == "exact betweenness + exact DF":
                label += f" (n_jobs={n_jobs})"
            rows.append(
                {
                    "n": n,
                    "measure": label,
                    "seconds": round(seconds, 3),
                    "target": target,
                    "met": bool(seconds < target) if target == target else None,
                }
            )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument(
        "--n-jobs", type=int, default=2, help="processes for exact betweenness + DF (default 2)"
    )
    args = parser.parse_args(argv)
    import pandas as pd

    print(pd.DataFrame(run(tuple(args.sizes), n_jobs=args.n_jobs)).to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
