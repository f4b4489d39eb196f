"""A million actors on one machine: ``sysmap metrics`` on 1,000,000 actors / 5,000,000 ties.

Not a test. Writes a seeded block model (:mod:`scale_graphs`: 8 sectors, mean
degree 10) as an edge-list CSV (kept in ``--folder`` and reused), then runs, as a
user would,

    sysmap metrics ties.csv --undirected -o out/

in a fresh process and prints its wall-clock time, CPU time and peak memory
(the child's maximum resident set size). Local measures are exact; betweenness,
distance fragmentation and its impact are estimated from sampled sources (the
size policy: 32 sources at a million actors). Targets (issue #16): under
10 minutes and under 16 GB.

    python benchmarks/bench_million.py [--actors 1000000] [--ties 5000000]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scale_graphs import write_network

TARGET_SECONDS = 600
TARGET_GB = 16


def run_metrics(folder: Path, *extra: str, directed: bool = False) -> dict:
    """Time ``sysmap metrics ties.csv --undirected -o out/`` (without ``--undirected``
    when `directed`) in a fresh process."""
    cmd = [sys.executable, "-m", "sysmap", "metrics", str(folder / "ties.csv")]
    cmd += [] if directed else ["--undirected"]
    cmd += ["--quiet", "-o", str(folder / "out"), *extra]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env={**os.environ, "PYTHONWARNINGS": ""})
    seconds = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return {
        "seconds": round(seconds, 1),
        "cpu_seconds": round(cpu, 1),
        "peak_gb": round(after.ru_maxrss / 1e6, 2),  # kB on Linux
    }


def run_one(n: int = 1_000_000, m: int | None = None, folder: Path | None = None) -> dict:
    """Write the network once (`m` ties, default ``5 n``; kept in `folder`), run
    ``sysmap metrics`` on it."""
    m = 5 * n if m is None else m
    folder = Path(folder or Path(tempfile.gettempdir()) / f"sysmap-bench-{n}-{m}")
    if not (folder / "ties.csv").exists():
        t = time.perf_counter()
        write_network(folder, n, m, seed=0)
        print(f"wrote {n:,} actors / {m:,} ties in {time.perf_counter() - t:.0f} s to {folder}")
    row = {"actors": n, "ties": m, **run_metrics(folder)}
    row["met"] = row["seconds"] < TARGET_SECONDS and row["peak_gb"] < TARGET_GB
    return row


def run(sizes=(1_000_000,)) -> list[dict]:
    """:func:`run_one` for each number of actors (``benchmarks/run.py``)."""
    return [run_one(n) for n in sizes]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=1_000_000)
    parser.add_argument("--ties", type=int, default=5_000_000)
    parser.add_argument("--folder", type=Path, help="where the CSV files are kept")
    args = parser.parse_args(argv)
    row = run_one(args.actors, args.ties, args.folder)
    print(
        f"sysmap metrics, {row['actors']:,} actors / {row['ties']:,} ties: "
        f"{row['seconds']:.0f} s wall ({row['cpu_seconds']:.0f} s CPU), "
        f"peak memory {row['peak_gb']:.1f} GB "
        f"(targets {TARGET_SECONDS} s, {TARGET_GB} GB: {'met' if row['met'] else 'NOT met'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
