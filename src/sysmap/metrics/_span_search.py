"""The span search behind :func:`sysmap.metrics.tie_measures`: bridges, common
neighbours, and the span of every local bridge (the length of the shortest other
path between its ends, Granovetter 1973): one compiled breadth-first search per
root actor settles all its ties (:mod:`sysmap.metrics._span_kernel`); ties next
to hubs, where that search would grow too large, get batched searches of their
own from both ends.

Definitions and references are in :mod:`sysmap.metrics.weak_ties`; nothing here is
public API. The tuning constants change only speed and memory, never a result
(tests/metrics/test_weak_ties.py checks this).
"""

from __future__ import annotations

import igraph as ig
import numpy as np
from tqdm.auto import tqdm

from .._graph import gc_paused
from .._progress import progress_bar

# Entries of the dense scratch arrays shared by one batch of per-tie searches
# (rows x actors): about 64 rows, within [2**20, 2**24] entries (at most ~150 MB).
_BATCH_ENTRIES = 1 << 20
_BATCH_ENTRIES_MAX = 1 << 24
# Adjacency entries one root's compiled search may scan before its open ties go to
# the per-tie searches (roots next to hubs).
_ROOT_WORK = 1 << 22


def _batch_rows(n: int) -> int:
    """Rows (searches) per batch for `n` actors."""
    entries = min(max(64 * n, _BATCH_ENTRIES), max(_BATCH_ENTRIES_MAX, _BATCH_ENTRIES))
    return max(1, entries // max(n, 1))


# ------------------------------------------------------------------ graph structure


def _adjacency(n: int, u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """CSR (indptr, indices) of the symmetric simple graph; indices sorted per row."""
    a = np.concatenate([u, v])
    b = np.concatenate([v, u])
    order = np.lexsort((b, a))
    indices = b[order]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(a, minlength=n), out=indptr[1:])
    return indptr, indices


def _neighbours_of(
    indptr: np.ndarray, indices: np.ndarray, deg: np.ndarray, nodes: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Flattened neighbourhoods: for entry ``i`` of `nodes`, ``(i, w)`` for each neighbour w."""
    lens = deg[nodes]
    total = int(lens.sum())
    owner = np.repeat(np.arange(len(nodes), dtype=np.int64), lens)
    start = np.repeat(indptr[nodes] - (np.cumsum(lens) - lens), lens)
    return owner, indices[start + np.arange(total, dtype=np.int64)]


def _common_neighbours(
    n: int, indptr: np.ndarray, indices: np.ndarray, u: np.ndarray, v: np.ndarray
) -> np.ndarray:
    """Number of common neighbours of each pair, scanning the smaller neighbourhood."""
    deg = np.diff(indptr)
    keys = np.repeat(np.arange(n, dtype=np.int64), deg) * n + indices
    swap = deg[u] > deg[v]
    small, large = np.where(swap, v, u), np.where(swap, u, v)
    out = np.zeros(len(u), dtype=np.int64)
    if len(keys) == 0:
        return out
    # Chunks of at most ~4M look-ups keep memory flat on graphs with hubs.
    cum = np.cumsum(deg[small])
    cuts = np.searchsorted(cum, np.arange(1, cum[-1] // _BATCH_ENTRIES + 1) * _BATCH_ENTRIES)
    for lo, hi in zip(np.r_[0, cuts], np.r_[cuts, len(u)]):
        if lo >= hi:
            continue
        owner, w = _neighbours_of(indptr, indices, deg, small[lo:hi])
        query = large[lo:hi][owner] * n + w
        pos = np.minimum(np.searchsorted(keys, query), len(keys) - 1)
        out[lo:hi] = np.bincount(owner, weights=keys[pos] == query, minlength=hi - lo)
    return out


def _bridges(n: int, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Boolean mask of the ties whose removal disconnects their ends (igraph)."""
    mask = np.zeros(len(u), dtype=bool)
    if len(u):
        with gc_paused():  # the edge list is many small objects (7x faster at 500k ties)
            H = ig.Graph(n=n, edges=np.column_stack([u, v]).tolist())
        mask[H.bridges()] = True
    return mask


def _vertex_cover(n: int, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """A vertex cover of the ties (u, v): complement of a maximal independent set.

    Luby-style rounds with low-degree-first priorities (deterministic).
    """
    deg = np.bincount(u, minlength=n) + np.bincount(v, minlength=n)
    mix = (np.arange(n, dtype=np.uint64) * np.uint64(2654435761)) % np.uint64(1 << 32)
    prio = np.empty(n, dtype=np.int64)  # unique ranks: low degree first, then hashed id
    prio[np.lexsort((np.arange(n), mix, -deg))] = np.arange(n, dtype=np.int64)
    alive = np.ones(len(u), dtype=bool)
    independent = np.zeros(n, dtype=bool)
    covered = np.zeros(n, dtype=bool)
    while alive.any():
        a, b = u[alive], v[alive]
        best = np.full(n, np.iinfo(np.int64).min)
        np.maximum.at(best, a, prio[b])
        np.maximum.at(best, b, prio[a])
        touched = np.zeros(n, dtype=bool)
        touched[a] = True
        touched[b] = True
        win = touched & (prio > best)
        independent |= win
        covered[b[win[a]]] = True
        covered[a[win[b]]] = True
        alive &= ~(covered[u] | covered[v] | independent[u] | independent[v])
    return covered & ~independent


def _expand(
    indptr: np.ndarray, indices: np.ndarray, deg: np.ndarray, node: np.ndarray, *carry: np.ndarray
) -> tuple[np.ndarray, ...]:
    """Neighbours of each entry of `node`, with each array of `carry` repeated alongside."""
    lens = deg[node]
    start = np.repeat(indptr[node] - (np.cumsum(lens) - lens), lens)
    start += np.arange(len(start), dtype=start.dtype)
    return (indices[start], *(np.repeat(c, lens) for c in carry))


def _spans_pairwise(
    indptr: np.ndarray,
    indices: np.ndarray,
    n: int,
    u: np.ndarray,
    v: np.ndarray,
    bar: tqdm,
) -> np.ndarray:
    """Span of each tie (u, v) by a bidirectional breadth-first search per tie.

    The search from u skips v at its first step (and vice versa), so it runs on the
    graph without the tie; each step grows the side with the smaller frontier. A
    batch of ties is searched together, with dense per-batch marks (no sorting).
    """
    deg = np.diff(indptr)
    out = np.full(len(u), np.inf)
    size = _batch_rows(n)
    kdt = np.int32 if size * n < np.iinfo(np.int32).max else np.int64
    indices = indices.astype(kdt, copy=False)
    seen = (np.zeros(size * n, dtype=np.int8), np.zeros(size * n, dtype=np.int8))
    slot = np.zeros(size * n, dtype=np.int32)
    for first in range(0, len(u), size):
        ends = (u[first : first + size], v[first : first + size])
        kb = len(ends[0])
        rows = np.arange(kb, dtype=kdt)
        base = rows * n
        fnode, fbase, frow, touched = [], [], [], ([], [])
        for s in (0, 1):
            a, b = ends[s], ends[1 - s]
            w, wbase, wrow, wother = _expand(indptr, indices, deg, a, base, rows, b)
            ok = w != wother
            fnode.append(w[ok])
            fbase.append(wbase[ok])
            frow.append(wrow[ok])
            seen[s][fbase[s] + fnode[s]] = 1
            seen[s][base + a] = 1
            touched[s].extend([fbase[s] + fnode[s], base + a])
        fsize = [np.bincount(frow[0], minlength=kb), np.bincount(frow[1], minlength=kb)]
        level = [np.ones(kb, dtype=np.int64), np.ones(kb, dtype=np.int64)]
        active = (fsize[0] > 0) & (fsize[1] > 0)
        res = np.full(kb, np.inf)
        while active.any():
            grow_v = fsize[0] > fsize[1]
            finished = np.zeros(kb, dtype=bool)
            for s in (0, 1):
                o = 1 - s
                grow = active & (grow_v if s else ~grow_v)
                if not grow.any():
                    continue
                pick = grow[frow[s]]
                rest = (fnode[s][~pick], fbase[s][~pick], frow[s][~pick])
                w, nbase, nrow = _expand(
                    indptr, indices, deg, fnode[s][pick], fbase[s][pick], frow[s][pick]
                )
                nkey = nbase + w
                fresh = seen[s][nkey] == 0
                nkey, nbase, nrow = nkey[fresh], nbase[fresh], nrow[fresh]
                idx = np.arange(len(nkey), dtype=np.int32)
                slot[nkey] = idx
                unique = slot[nkey] == idx
                nkey, nbase, nrow = nkey[unique], nbase[unique], nrow[unique]
                met = nrow[seen[o][nkey] == 1]
                res[met] = level[s][met] + 1 + level[o][met]
                finished[met] = True
                seen[s][nkey] = 1
                touched[s].append(nkey)
                count = np.bincount(nrow, minlength=kb)
                finished |= grow & (count == 0)  # no way round: disconnected
                fsize[s] = np.where(grow, count, fsize[s])
                level[s][grow] += 1
                fnode[s] = np.concatenate([rest[0], nkey - nbase])
                fbase[s] = np.concatenate([rest[1], nbase])
                frow[s] = np.concatenate([rest[2], nrow])
            if finished.any():
                active &= ~finished
                for s in (0, 1):
                    keep = active[frow[s]]
                    fnode[s], fbase[s], frow[s] = fnode[s][keep], fbase[s][keep], frow[s][keep]
        for s in (0, 1):
            for keys in touched[s]:
                seen[s][keys] = 0
        out[first : first + kb] = res
        bar.update(kb)
    return out


def _spans_by_root(
    indptr: np.ndarray,
    indices: np.ndarray,
    n: int,
    u: np.ndarray,
    v: np.ndarray,
    levels: int,
    progress: bool | None,
) -> np.ndarray:
    """Spans from one compiled search per root (:func:`~sysmap.metrics._span_kernel.root_spans`,
    at most `levels` levels); 0 where a root's search went over ``_ROOT_WORK`` entries."""
    from ._span_kernel import root_spans  # numba: imported when needed

    cover = _vertex_cover(n, u, v)
    deg = np.diff(indptr)
    at_u = cover[u] & (~cover[v] | (deg[u] <= deg[v]))  # the cheaper end when both are roots
    root = np.where(at_u, u, v).astype(np.int64)
    order = np.argsort(root, kind="stable")
    other = np.where(at_u, v, u).astype(np.int64)[order]
    roots, counts = np.unique(root[order], return_counts=True)
    tptr = np.zeros(roots.size + 1, dtype=np.int64)
    np.cumsum(counts, out=tptr[1:])
    indptr, indices = indptr.astype(np.int64), indices.astype(np.int64)
    found = np.zeros(len(u), dtype=np.int64)
    step = max(1, -(-roots.size // 100))  # a hundred calls: a progress bar that moves
    with progress_bar(total=len(u), desc="spans", progress=progress) as bar:
        for k in range(0, roots.size, step):
            lo, hi = int(tptr[k]), int(tptr[min(k + step, roots.size)])
            ptr = tptr[k : k + step + 1] - lo
            chunk = (roots[k : k + step], ptr, other[lo:hi])
            root_spans(indptr, indices, *chunk, levels, _ROOT_WORK, found[lo:hi])
            bar.update(hi - lo)
    out = np.zeros(len(u))
    out[order] = found
    return out


def _spans(
    indptr: np.ndarray,
    indices: np.ndarray,
    n: int,
    u: np.ndarray,
    v: np.ndarray,
    *,
    progress: bool,
    max_span: int | None = None,
) -> np.ndarray:
    """Distance between the ends of each tie once it is removed (local bridges only);
    with `max_span`, a span above it is given as ``max_span + 1`` ("longer")."""
    out = np.zeros(len(u))
    if len(u) == 0:
        return out
    levels = n if max_span is None else max_span // 2  # spans up to 2 levels + 1
    out[:] = _spans_by_root(indptr, indices, n, u, v, levels, progress)
    left = np.flatnonzero(out == 0)
    if len(left):
        desc = "spans (per-tie searches)"
        with progress_bar(total=len(left), desc=desc, progress=progress) as bar:
            out[left] = _spans_pairwise(indptr, indices, n, u[left], v[left], bar)
    if max_span is not None:
        out = np.minimum(out, max_span + 1)
    return out
