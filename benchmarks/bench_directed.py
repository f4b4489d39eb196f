"""Directed networks: ``sysmap metrics`` with the per-actor fragmentation impact.

Not a test. In a directed network (reading "reachability") the fragmentation
impact needs a search from every actor; sysmap takes it from the distance
impact's dominator searches and, above 2,000 actors, estimates it from the
sampled sources with the losses of single-partner sources counted exactly.
For each size this writes a seeded block model with directed ties
(:func:`scale_graphs.directed_ties`: random direction, 30 % named back), runs

    sysmap metrics ties.csv --actors actors.csv --group sector -o out/

(and with ``--exact`` up to ``--exact-up-to`` actors) in a fresh process, and
prints the times and, where both ran, how close the default's
``pairs_disconnected`` is to the exact counts (correlation, and the median
relative error of the 20 largest).

    python benchmarks/bench_directed.py [--sizes 2000 10000 50000] [--exact-up-to 10000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from bench_million import run_metrics
from scale_graphs import write_network


def _command(folder: Path, *extra: str) -> dict:
    args = ["--actors", str(folder / "actors.csv"), "--group", "sector", *extra]
    return run_metrics(folder, *args, directed=True)


def _losses(folder: Path) -> pd.Series:
    frame = pd.read_csv(folder / "out" / "actors.csv")
    return frame.set_index(frame["actor"].astype(str))["pairs_disconnected"].sort_index()


def run_one(n: int, exact_up_to: int = 10_000) -> dict:
    folder = Path(tempfile.gettempdir()) / f"sysmap-bench-directed-{n}"
    if not (folder / "ties.csv").exists():
        write_network(folder, n, seed=0, directed=True)
    ties = len(pd.read_csv(folder / "ties.csv", usecols=["source"]))
    row = {"actors": n, "ties": ties, "seconds": _command(folder)["seconds"]}
    if n <= exact_up_to:
        estimate = _losses(folder)
        row["exact_seconds"] = _command(folder, "--exact")["seconds"]
        exact = _losses(folder)
        top = exact.sort_values(ascending=False).index[:20]
        row["correlation"] = round(float(np.corrcoef(estimate, exact)[0, 1]), 4)
        rel = (estimate[top] - exact[top]).abs() / exact[top]
        row["top20_median_rel_error"] = round(float(rel.median()), 4)
    return row


def run(sizes=(2_000, 10_000, 50_000)) -> list[dict]:
    """:func:`run_one` for each number of actors (``benchmarks/run.py``)."""
    return [run_one(n) for n in sizes]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000, 10_000, 50_000])
    parser.add_argument("--exact-up-to", type=int, default=10_000)
    args = parser.parse_args(argv)
    rows = [run_one(n, args.exact_up_to) for n in args.sizes]
    print(pd.DataFrame(rows).to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
