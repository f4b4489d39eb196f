"""Seeded block-model networks for the scale benchmarks, as the files a user would bring.

Not a test. :func:`sbm_ties` draws a stochastic block model with numpy alone
(8 sectors, 70 % of ties inside a sector, a mean degree of 10, intensities 1-4,
no self-ties or repeated pairs), fast enough for a million actors;
:func:`write_network` writes it as ``ties.csv`` (``source,target,intensity``)
and ``actors.csv`` (``id,sector``) for ``sysmap metrics``; :func:`as_networkx`
builds the same graph for the reference scripts.

    python benchmarks/scale_graphs.py 1000000 5000000 out/million
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

N_SECTORS = 8
P_WITHIN = 0.7


def sbm_ties(n: int, m: int | None = None, *, seed: int = 0) -> pd.DataFrame:
    """`m` distinct undirected ties (default ``5 n``) among `n` actors in 8 sectors.

    Actor ``i`` is in sector ``i % 8``; a tie stays inside its source's sector
    with probability 0.7, else joins two actors drawn uniformly. Columns
    ``source``, ``target`` (ints, ``source < target``) and ``intensity`` (1-4).
    """
    m = 5 * n if m is None else m
    rng = np.random.default_rng(seed)
    pairs = np.empty(0, dtype=np.int64)
    while pairs.size < m:
        k = int((m - pairs.size) * 1.05) + 16
        u = rng.integers(0, n, k)
        v = rng.integers(0, n, k)
        within = rng.random(k) < P_WITHIN
        # same sector as u: u's residue plus a multiple of 8 (kept below n)
        v[within] = (rng.integers(0, n // N_SECTORS, within.sum()) * N_SECTORS) + u[within] % 8
        v = np.minimum(v, n - 1)
        lo, hi = np.minimum(u, v), np.maximum(u, v)
        key = lo[lo != hi] * n + hi[lo != hi]
        pairs = np.unique(np.concatenate([pairs, key]))
    pairs = rng.permutation(pairs)[:m]
    return pd.DataFrame(
        {
            "source": pairs // n,
            "target": pairs % n,
            "intensity": rng.integers(1, 5, m),
        }
    )


def directed_ties(ties: pd.DataFrame, *, returned: float = 0.3, seed: int = 1) -> pd.DataFrame:
    """`ties` as a survey would report them: each in a random direction, and a
    share `returned` of them named back too (reciprocated)."""
    rng = np.random.default_rng(seed)
    src, dst = ties["source"].to_numpy().copy(), ties["target"].to_numpy().copy()
    flip = rng.random(src.size) < 0.5
    src[flip], dst[flip] = dst[flip], src[flip]
    back = rng.random(src.size) < returned
    return pd.DataFrame(
        {
            "source": np.concatenate([src, dst[back]]),
            "target": np.concatenate([dst, src[back]]),
            "intensity": np.concatenate([ties["intensity"], ties["intensity"][back]]),
        }
    )


def write_network(
    folder: Path, n: int, m: int | None = None, *, seed: int = 0, directed: bool = False
) -> Path:
    """Write ``ties.csv`` and ``actors.csv`` of :func:`sbm_ties` into `folder` (with
    `directed`, as :func:`directed_ties`); returns it."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    ties = sbm_ties(n, m, seed=seed)
    if directed:
        ties = directed_ties(ties)
    ties.to_csv(folder / "ties.csv", index=False)
    actors = pd.DataFrame({"id": np.arange(n), "sector": [f"S{i % N_SECTORS}" for i in range(n)]})
    actors.to_csv(folder / "actors.csv", index=False)
    return folder


def as_networkx(ties: pd.DataFrame, n: int) -> nx.Graph:
    """The same network as an undirected networkx graph (``sector`` and ``intensity`` set)."""
    G = nx.Graph()
    G.add_nodes_from((i, {"sector": f"S{i % N_SECTORS}"}) for i in range(n))
    G.add_weighted_edges_from(
        zip(ties["source"].tolist(), ties["target"].tolist(), ties["intensity"].tolist()),
        weight="intensity",
    )
    return G


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("m", type=int)
    parser.add_argument("folder")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    print(write_network(Path(args.folder), args.n, args.m, seed=args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
