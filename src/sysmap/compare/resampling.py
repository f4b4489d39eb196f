"""Seeded, chunked resampling shared by the tests of :mod:`sysmap.compare.stats` and
:mod:`sysmap.compare.qap`: seeds, the chunk plan, dyads as edge-list keys, p-values.

Permutation and bootstrap work is split into fixed, seeded chunks of
:data:`CHUNK_SIZE` draws: chunk ``c`` draws from
``numpy.random.default_rng(numpy.random.SeedSequence(seed).spawn(k)[c])``, so the
same seed gives the same p-values whatever ``n_jobs`` is.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Hashable, Iterable

import networkx as nx
import numpy as np
import pandas as pd

from .._graph import check_graph, edge_arrays, sorted_nodes
from .._parallel import run_chunks
from .._random import check_seed
from ..exceptions import GraphTypeError, ParameterError

__all__ = ["CHUNK_SIZE"]

#: Permutations (or bootstrap samples) per seeded chunk. Fixed, so that the
#: chunks, and hence the results, do not depend on ``n_jobs``.
CHUNK_SIZE = 100
_TOL = 1e-12


def seed_sequence(
    seed: None | int | np.random.Generator | np.random.RandomState | np.random.SeedSequence,
) -> np.random.SeedSequence:
    """The :class:`numpy.random.SeedSequence` behind `seed`.

    An int gives ``SeedSequence(seed)``; a generator (or RandomState, see
    :func:`~sysmap._random.check_seed`) gives a sequence seeded with one draw
    from it; ``None`` fresh entropy; a sequence is copied (so that spawning
    from it twice gives the same children).
    """
    if isinstance(seed, np.random.SeedSequence):
        return np.random.SeedSequence(seed.entropy, spawn_key=seed.spawn_key)
    rng = check_seed(seed)  # the one check of what a seed may be
    if isinstance(seed, numbers.Integral):
        return np.random.SeedSequence(int(seed))
    if seed is None:
        return np.random.SeedSequence()
    return np.random.SeedSequence(int(rng.integers(2**63 - 1)))


def chunk_plan(
    n_draws: int, seed: None | int | np.random.Generator | np.random.SeedSequence
) -> list[tuple[int, np.random.SeedSequence]]:
    """Split `n_draws` into chunks of :data:`CHUNK_SIZE` with their own seeds.

    Returns ``[(count, seed_sequence), ...]``: ``ceil(n_draws / CHUNK_SIZE)``
    chunks, seeds ``SeedSequence(seed).spawn(k)``, every chunk full except the
    last.
    """
    k = -(-n_draws // CHUNK_SIZE)
    seeds = seed_sequence(seed).spawn(k) if k else []
    counts = [CHUNK_SIZE] * k
    if k:
        counts[-1] = n_draws - CHUNK_SIZE * (k - 1)
    return list(zip(counts, seeds))


def _run_chunks(
    func: Callable[..., np.ndarray],
    args: tuple,
    plan: list[tuple[int, np.random.SeedSequence]],
    *,
    n_jobs: int | None,
    progress: bool,
    desc: str,
) -> np.ndarray:
    """``func(*args, count, seed)`` for every chunk of `plan`, concatenated in chunk order
    (:func:`sysmap._parallel.run_chunks`: any joblib backend, a Dask cluster)."""
    if not plan:
        return np.empty(0)
    chunks = ((*args, count, ss) for count, ss in plan)
    results = run_chunks(func, chunks, n_jobs=n_jobs, progress=progress, desc=desc)
    return np.concatenate(results)


def _pair_nodes(
    G1: nx.Graph, G2: nx.Graph, nodes: Iterable[Hashable] | None
) -> tuple[nx.Graph, nx.Graph, list[Hashable]]:
    """The two checked graphs (:func:`~sysmap._graph.check_graph`) and the actors to compare."""
    G1 = check_graph(G1, name="G1")
    G2 = check_graph(G2, name="G2")
    if G1.is_directed() != G2.is_directed():
        msg = (
            "G1 and G2 must both be directed or both undirected; build both waves with the "
            "same symmetrize= rule."
        )
        raise GraphTypeError(msg)
    if nodes is None:
        return G1, G2, sorted_nodes(set(G1) & set(G2))
    nodes = sorted_nodes(set(nodes))
    missing = [v for v in nodes if v not in G1 or v not in G2]
    if missing:
        msg = (
            f"{len(missing)} of the given nodes are not in both graphs, first "
            f"{missing[:5]!r}. Compare only actors present in both waves."
        )
        raise ParameterError(msg)
    return G1, G2, nodes


def _ties(
    G: nx.Graph, nodes: list[Hashable], weight: str | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Loop-free ties among `nodes` as index arrays (undirected: src < dst) and values."""
    src, dst, w = edge_arrays(G.subgraph(nodes), nodes, weight)
    keep = src != dst
    src, dst, w = src[keep], dst[keep], w[keep]
    if not G.is_directed():
        src, dst = np.minimum(src, dst), np.maximum(src, dst)
    return src, dst, w


def _keys(src: np.ndarray, dst: np.ndarray, n: int) -> np.ndarray:
    return src.astype(np.int64) * n + dst.astype(np.int64)


def _lookup(index: pd.Index, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions of `keys` in the unique key `index` (a hash look-up) and whether each is there."""
    pos = index.get_indexer(keys)
    hit = pos >= 0
    return pos, hit


def _p_values(null: np.ndarray, observed: float) -> tuple[float, float, float]:
    """Monte Carlo p-values ``(1 + #extreme) / (1 + B)``: greater, less, two-sided."""
    b = len(null)
    if b == 0 or math.isnan(observed):
        return math.nan, math.nan, math.nan
    valid = null[~np.isnan(null)]
    greater = (1 + int(np.sum(valid >= observed - _TOL))) / (1 + b)
    less = (1 + int(np.sum(valid <= observed + _TOL))) / (1 + b)
    two = (1 + int(np.sum(np.abs(valid) >= abs(observed) - _TOL))) / (1 + b)
    return greater, less, two
