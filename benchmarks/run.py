"""Run every benchmark and print sysmap's time next to the reference implementation's.

Usage: ``python benchmarks/run.py [--sizes 1000 10000]`` (``make bench``). Each
``bench_*.py`` module has ``run(sizes) -> list[dict]``; this script calls them
in turn and prints their records as one table. Timings depend on the machine:
docs/performance.md records the figures measured for the docs.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent


def _load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000])
    parser.add_argument("--only", nargs="*", help="benchmark names, e.g. brokerage weak_ties")
    args = parser.parse_args(argv)
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if args.only and name not in args.only:
            continue
        print(f"\n== {name} (sizes {args.sizes})", flush=True)
        records = _load(path).run(tuple(args.sizes))
        with pd.option_context("display.width", 200, "display.max_columns", 20):
            print(pd.DataFrame(records).to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
