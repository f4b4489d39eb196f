"""The span search behind :func:`sysmap.metrics.tie_measures`: bridges, common
neighbours, and the span of every local bridge (the length of the shortest other
path between its ends, Granovetter 1973) by batched breadth-first searches, shared
per root where the graph is sparse, per tie next to hubs.

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
# Shared (per-root) searches, batched: about _BATCH_WORK adjacency entries scanned
# per batch and step (small enough for the scratch arrays to stay in cache), and at
# most max(_ROW_ENTRIES // actors, _MIN_ROWS) roots, whose dense label rows (int16 in
# general) take rows x actors entries.
_ROW_ENTRIES = 1 << 23
_MIN_ROWS = 8
_BATCH_WORK = 1 << 16
# Largest number of adjacency entries one root may scan per level in the shared
# search (roots above it, next to hubs, go to the per-tie search), and one tie in
# its walks for spans 6 and 7 (ties above it go to the per-tie search too).
_ROOT_CAP = 50_000
_TIE_CAP = 50_000
# The walks are used only on locally tree-like graphs: where at least this share of
# the 2-step walks from the roots reach distinct nodes (short cycles make walks
# redundant, and the per-tie searches, which visit each node once, faster).
_TREE_LIKE = 0.85
# Codes of the shared search: (label + 1) * 8 + depth code; label = position of the
# first hop in the root's neighbour list, label + 1 = 0 for several first hops.
_ROOT, _D1, _D2, _D3 = 1, 2, 3, 4


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


def _positions(
    indptr: np.ndarray, lens: np.ndarray, node: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """CSR positions of the neighbours of each entry of `node`, concatenated, and block ends.

    `lens` is ``deg[node]``; block ``i`` of the result is ``ends[i] - lens[i]:ends[i]``.
    """
    ends = np.cumsum(lens)
    total = int(ends[-1]) if len(ends) else 0
    pos = np.repeat(indptr[node] - ends + lens, lens)
    pos += np.arange(total, dtype=np.int64)
    return pos, ends


def _batches(cost: np.ndarray, rows: int, budget: float) -> list[tuple[int, int]]:
    """Consecutive slices with at most `rows` entries and about `budget` total cost each."""
    cum = np.cumsum(cost, dtype=float)
    out, lo = [], 0
    while lo < len(cost):
        done = cum[lo - 1] if lo else 0.0
        hi = int(np.searchsorted(cum, done + budget, side="right"))
        hi = min(max(hi, lo + 1), lo + rows)
        out.append((lo, hi))
        lo = hi
    return out


def _spans_shared(
    indptr: np.ndarray,
    indices: np.ndarray,
    n: int,
    u: np.ndarray,
    v: np.ndarray,
    progress: bool | None,
    max_span: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Spans <= 7 from breadth-first searches shared by all ties of a root actor.

    A search from root r labels each node x at depth <= 3 by the set S(x) of r's
    neighbours that start a shortest r-x path (kept as one label, or "several"),
    in a dense row per root (one batch of roots at a time). For the tie (r, c),
    the shortest cycle through it closes either at a node whose label set holds c
    and another neighbour (span 2 d(x) - 1), or across a tie between a node
    labelled only c and a node with another label at the same depth (span 2 d).
    Expanding depths 1 and 2 settles every span up to 5 (about k^3 adjacency
    entries per root for mean degree k).

    A tie (r, c) still open then has span >= 6. Let P be a shortest r-c path of
    length L avoiding the tie; its node x at distance 3 from r is at depth 3 and
    its label is not "only c" (else a shorter path would exist). So span 6 (7)
    holds exactly when some walk of 3 (4) steps from c, not starting with the tie
    and not stepping straight back to c, ends at a depth-3 node whose label is not
    "only c": any such walk closes a walk avoiding the tie of that length plus 3.
    These walks (about k^3 and k^4 per open tie) are looked up in the root's row.

    Roots form a vertex cover of the ties, so each tie is settled by the search of
    one of its ends. Ties left at 0 (span >= 8, or searches above the cost caps)
    go to :func:`_spans_pairwise`. Returns the spans and, per tie, the longest span
    its searches ruled out (a tie left at 0 is longer than that); the walks for
    spans above `max_span` are left out.
    """
    deg = np.diff(indptr)
    nnz = len(indices)
    idx = indices.astype(np.int32 if max(n, nnz) < 2**31 else np.int64)
    arc_row = np.repeat(np.arange(n, dtype=np.int64), deg)
    # t = 1 and t = 2 scan sizes of a search from each actor (upper bounds)
    s1 = np.bincount(arc_row, weights=deg[indices], minlength=n)
    s2 = np.bincount(arc_row, weights=s1[indices], minlength=n)
    s3 = np.bincount(arc_row, weights=s2[indices], minlength=n)
    # each tie is searched from an end in the cover; from the end whose far end is
    # cheaper to walk from (smaller s2) when both are in it
    cover = _vertex_cover(n, u, v)
    at_u = cover[u] & (~cover[v] | (s2[u] >= s2[v]))
    root = np.where(at_u, u, v)
    other = np.where(at_u, v, u)
    arc = np.searchsorted(arc_row * n + indices, root * n + other)  # CSR position root -> other
    del arc_row
    span_arc = np.zeros(nnz, dtype=np.int8)  # 0 = not found yet
    ruled_out = np.zeros(nnz, dtype=np.int8)  # a tie still at 0 is longer than this
    tarc = arc[np.argsort(root, kind="stable")]  # target arcs grouped by root
    tdeg = np.bincount(root, minlength=n)
    tptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(tdeg, out=tptr[1:])
    roots = np.flatnonzero(tdeg)
    cost = np.minimum(s2[roots], _ROOT_CAP) + deg[roots]
    batches = _batches(cost, max(_ROW_ENTRIES // max(n, 1), _MIN_ROWS), _BATCH_WORK)
    rows = max(hi - lo for lo, hi in batches)
    maxdeg = int(deg[roots].max())
    cdt = np.int16 if maxdeg < 4000 else np.int32 if maxdeg < 2**27 else np.int64
    code = np.zeros(rows * n, dtype=cdt)  # (label + 1) * 8 + depth code; 0 unvisited
    bar = progress_bar(total=len(roots), desc="spans (shared searches)", progress=progress)

    def record(arcs: np.ndarray, value: int) -> None:
        span_arc[arcs[span_arc[arcs] == 0]] = value

    def assign(
        keys: np.ndarray, want: np.ndarray, depth: int, start: np.ndarray, value: int
    ) -> None:
        """Give new nodes their codes; two labels meeting give span `value` to both."""
        code[keys] = want
        back = code[keys]
        clash = np.flatnonzero(back != want)
        if len(clash):
            ck = keys[clash]
            first = start[ck // n] - 1
            for lab in (want[clash] >> 3, back[clash] >> 3):
                single = lab > 0
                record(first[single] + lab[single], value)
            code[ck] = depth  # several labels

    distinct = walks = 0.0  # distinct depth-2 nodes and 2-step walks (tree-likeness)
    for lo, hi in batches:
        R = roots[lo:hi]
        F = hi - lo
        base = np.arange(F, dtype=np.int64) * n
        start = indptr[R]
        rkey = base + R
        code[rkey] = _ROOT
        # depth 1: each neighbour labelled by its own position in the root's list
        lens = deg[R]
        pos, _ = _positions(indptr, lens, R)
        lab = pos - np.repeat(start, lens)
        fkey = np.repeat(base, lens)
        node = idx.take(pos)
        key1 = fkey + node
        code[key1] = ((lab + 1) * 8 + _D1).astype(cdt)
        # depth 2 (t = 1): a node reached from two labels gives span 3
        keep = np.repeat(s1[R] <= _ROOT_CAP, lens)
        node, lab, fkey = node[keep], lab[keep], fkey[keep]
        lens = deg[node]
        pos, _ = _positions(indptr, lens, node)
        nkey = np.repeat(fkey, lens) + idx.take(pos)
        new = np.flatnonzero(code[nkey] == 0)
        key2 = nkey[new]
        assign(key2, np.repeat(((lab + 1) * 8 + _D2).astype(cdt), lens)[new], _D2, start, 3)
        fkey = np.sort(key2)
        fkey = fkey[np.concatenate(([True], fkey[1:] != fkey[:-1]))] if len(fkey) else fkey
        distinct += len(fkey)
        walks += float(np.sum((s1[R] - deg[R])[s1[R] <= _ROOT_CAP]))
        # rows with open targets (and under the cap) go on
        tl = tdeg[R]
        pos, _ = _positions(tptr, tl, R)
        barc = tarc[pos]
        brow = np.repeat(np.arange(F), tl)
        active = np.zeros(F, dtype=bool)
        active[brow[span_arc[barc] == 0]] = True
        active &= s2[R] <= _ROOT_CAP
        key3 = key2[:0]
        if active.any():
            fkey = fkey[active[fkey // n]]
            node = fkey % n
            flab = code[fkey] >> 3  # label + 1, 0 = several
            lens = deg[node]
            pos, ends = _positions(indptr, lens, node)
            nkey = np.repeat(fkey - node, lens) + idx.take(pos)
            found = code[nkey]
            # depth 3 (t = 2): a tie between depth-2 nodes with different labels: span 4
            seen = np.flatnonzero(found)
            same = seen[(found[seen] & 7) == _D2]
            if len(same):
                par = np.searchsorted(ends, same, side="right")
                lx, ly = flab[par], found[same] >> 3
                hit = (lx > 0) & (ly != lx)
                record(start[fkey[par[hit]] // n] + lx[hit] - 1, 4)
            # ... and a node reached from two labels: span 5
            new = np.flatnonzero(found == 0)
            key3 = nkey[new]
            assign(key3, np.repeat((flab * 8 + _D3).astype(cdt), lens)[new], _D3, start, 5)
            # spans 6 and 7: walks of 3 or 4 steps from the far end of each open tie
            sel = active[brow]
            ta, trow = barc[sel], brow[sel]
            ruled_out[ta] = 5
            stages = ((3, s2), (4, s3)) if distinct >= _TREE_LIKE * walks else ()
            stages = [(h, r) for h, r in stages if max_span is None or 3 + h <= max_span]
            for hops, reach in stages:
                sel = span_arc[ta] == 0
                ta, trow = ta[sel], trow[sel]
                far = indices[ta]
                sel = reach[far] <= _TIE_CAP
                ta, trow, far = ta[sel], trow[sel], far[sel]
                for a, b in _batches(reach[far] + 1, len(ta), _BATCH_WORK):
                    tie, found = _far_walks(
                        indptr, idx, deg, code, far[a:b], R[trow[a:b]], base[trow[a:b]], hops
                    )
                    t = tie + a
                    good = (found >> 3) != ta[t] - start[trow[t]] + 1  # not "only the far end"
                    record(ta[t[good]], 3 + hops)
                ruled_out[ta] = 3 + hops
        code[rkey] = 0
        code[key1] = 0
        code[key2] = 0
        code[key3] = 0
        bar.update(F)
    bar.close()
    return span_arc[arc].astype(float), ruled_out[arc]


def _far_walks(
    indptr: np.ndarray,
    idx: np.ndarray,
    deg: np.ndarray,
    code: np.ndarray,
    far: np.ndarray,
    near: np.ndarray,
    rowbase: np.ndarray,
    hops: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Walks of `hops` steps from each `far` end that reach depth 3 of its root's row.

    The first step may not go to `near` (the root: not over the tie) and the second
    not straight back to `far`. Returns, per walk ending at a depth-3 node, the
    index of its tie and the node's code (see :func:`_spans_shared`).
    """
    node, tie = far, np.arange(len(far))
    for step in range(hops):
        lens = deg[node]
        pos, ends = _positions(indptr, lens, node)
        if step == hops - 1:
            found = code[idx.take(pos) + np.repeat(rowbase[tie], lens)]
            hit = np.flatnonzero(found)
            hit = hit[(found[hit] & 7) == _D3]
            return tie[np.searchsorted(ends, hit, side="right")], found[hit]
        node, tie = idx.take(pos), np.repeat(tie, lens)
        if step < 2:
            ok = node != (near if step == 0 else far)[tie]
            node, tie = node[ok], tie[ok]
    raise AssertionError("hops must be >= 1")


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
    out[:], ruled_out = _spans_shared(indptr, indices, n, u, v, progress, max_span)
    if max_span is not None:  # longer than searched: no search of its own
        out[(out == 0) & (ruled_out >= max_span)] = max_span + 1
    left = np.flatnonzero(out == 0)
    if len(left):
        desc = "spans (per-tie searches)"
        with progress_bar(total=len(left), desc=desc, progress=progress) as bar:
            out[left] = _spans_pairwise(indptr, indices, n, u[left], v[left], bar)
    if max_span is not None:
        out = np.minimum(out, max_span + 1)
    return out
