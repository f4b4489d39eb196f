"""Benchmark: the coordination-gap report and the comparison report on synthetic surveys.

Each size is a seeded roster survey: 7 sectors, every respondent names about 8
partners (70 % in its own sector), intensities 1-4, 80 % response. Timed: the
report pipeline (network, metrics, clusters, findings with robustness re-runs,
map, page) and writing the HTML file. Targets (issue #6): 150 actors < 10 s,
5,000 actors < 60 s. Also the comparison report (``sysmap compare``) of three
150-actor waves (the same members, seeds 0, 1, 2), target (issue #7) < 15 s.

Run: ``python benchmarks/bench_report.py --sizes 150 5000``
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

import sysmap
from sysmap.report.gaps import gap_report

TARGETS = {150: 10.0, 5_000: 60.0}
SECTORS = ["Municipality", "Schools", "Foundations", "Business", "Higher education",
           "Civil society", "Health"]


def synthetic_survey(n: int, seed: int = 0, named: int = 8) -> sysmap.NetworkData:
    rng = np.random.default_rng(seed)
    sector = rng.integers(0, len(SECTORS), n)
    responded = rng.random(n) < 0.8
    members = pd.DataFrame({
        "actor": [f"O{i:05d}" for i in range(n)],
        "name": [f"Organisation {i}" for i in range(n)],
        "sector": [SECTORS[s] for s in sector],
        "responded": np.where(responded, "yes", "no"),
    })
    by_sector = [np.flatnonzero(sector == s) for s in range(len(SECTORS))]
    rows = []
    for i in np.flatnonzero(responded):
        k = rng.poisson(named)
        same = rng.random(k) < 0.7
        partners = np.where(same, rng.choice(by_sector[sector[i]], k), rng.integers(0, n, k))
        for j in set(partners.tolist()) - {i}:
            rows.append((f"O{i:05d}", f"O{j:05d}", int(rng.integers(1, 5))))
    survey = pd.DataFrame(rows, columns=["respondent", "partner", "intensity"])
    return sysmap.read_survey(survey, actors=sysmap.read_actors(members))


def run(sizes=(150, 5_000)) -> list[dict]:
    rows = []
    for n in sizes:
        data = synthetic_survey(n)
        t0 = time.perf_counter()
        report = gap_report(data, seed=0)
        t_report = time.perf_counter() - t0
        with tempfile.TemporaryDirectory() as folder:
            t0 = time.perf_counter()
            path = report.save(Path(folder) / "report.html")
            t_write = time.perf_counter() - t0
            size_mb = path.stat().st_size / 1e6
        total = t_report + t_write
        rows.append({
            "actors": n,
            "ties": report.graph.number_of_edges(),
            "findings": len(report.findings),
            "report_s": round(t_report, 2),
            "write_s": round(t_write, 3),
            "html_MB": round(size_mb, 1),
            "target_s": TARGETS.get(n),
            "met": total < TARGETS[n] if n in TARGETS else None,
        })
    return rows


def run_compare(n: int = 150) -> dict:
    from sysmap.compare import Panel
    from sysmap.report.comparison import comparison_report

    panel = Panel([synthetic_survey(n, seed=k) for k in range(3)], labels=["1", "2", "3"],
                  symmetrize="respondent_priority")
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        comparison_report(panel, seed=0).save(Path(folder) / "compare.html")
    seconds = time.perf_counter() - t0
    return {"waves": 3, "actors": n, "compare_report_s": round(seconds, 2), "target_s": 15.0,
            "met": seconds < 15.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[150, 5_000])
    print(pd.DataFrame(run(tuple(parser.parse_args().sizes))).to_string(index=False))
    print(pd.DataFrame([run_compare()]).to_string(index=False))


if __name__ == "__main__":
    main()
