r"""Weak ties: bridges, local bridges and their span, neighbourhood overlap, tie strength.

Granovetter's argument (1973) is that the ties which bridge otherwise separate parts of
a network tend to be *weak* ties. This module measures both halves of that claim for
every tie of a collaboration network:

* the structural position of a tie: is it a **bridge** (its removal disconnects its
  ends), a **local bridge** (its ends share no neighbour), how far apart would its ends
  be without it (**span**), and how much do the ends' neighbourhoods overlap
  (the **neighbourhood overlap** of Onnela et al. 2007);
* its **strength**, read from a survey item such as the 1-4 relationship intensity
  (awareness, cooperation, coordination, integration) or a contact frequency, and
  classified as weak or strong by a stated threshold.

:func:`weak_tie_summary` puts the two together: the share of bridging and of
cross-group ties that are weak, and the correlation between overlap and strength,
with its sign spelled out (it differs between settings, so it is reported, not
assumed).

All structural measures are computed on the undirected simple graph underlying `G`;
heavy work is vectorised (numpy) and bridges come from igraph's linear-time routine.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Hashable
from dataclasses import dataclass

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
from scipy import stats
from tqdm.auto import tqdm

from .._attributes import GroupSpec, group_labels
from .._graph import check_graph, gc_paused, sorted_nodes
from .._progress import progress_bar
from .._validation import check_attr_name, check_choice, check_number
from ..exceptions import ParameterError

__all__ = [
    "AUTO_STRENGTH",
    "WeakTieSummary",
    "strength_attribute",
    "tie_measures",
    "tie_strength",
    "weak_tie_summary",
]

#: Value of ``strength=`` that picks the tie attribute from what the graph has
#: (see :func:`strength_attribute`).
AUTO_STRENGTH = "auto"
#: The tie attributes ``strength="auto"`` looks for, in this order.
STRENGTH_ATTRIBUTES = ("intensity", "weight")

_UNKNOWN = "unknown"
_RECIPROCAL = ("max", "min", "mean")
_METHODS = ("spearman", "pearson")
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


# --------------------------------------------------------------------------- checks


def _check_labels(labels: object) -> tuple[str, str]:
    ok = (
        isinstance(labels, (tuple, list))
        and len(labels) == 2
        and all(isinstance(x, str) for x in labels)
        and labels[0] != labels[1]
        and _UNKNOWN not in labels
    )
    if not ok:
        msg = (
            "labels must be two different strings (weak label, strong label), neither "
            f"{_UNKNOWN!r}; got {labels!r}."
        )
        raise ParameterError(msg)
    return labels[0], labels[1]


def strength_attribute(G: nx.Graph, strength: str | None = AUTO_STRENGTH) -> str | None:
    """The tie attribute a weak-tie measure reads for `strength`.

    ``"auto"`` picks from what the ties of `G` have: ``intensity`` (a survey's
    relationship intensity) when some tie has a value of it, else ``weight``
    (a tie value, or the count of parallel ties of a collapsed multigraph),
    else ``None`` (no strength). Any other value is returned as it is.

    Examples
    --------
    >>> strength_attribute(nx.Graph([(1, 2, {"weight": 2})]))
    'weight'
    >>> strength_attribute(nx.Graph([(1, 2)])) is None
    True
    """
    if strength != AUTO_STRENGTH:
        return strength
    for attr in STRENGTH_ATTRIBUTES:
        if any(not _missing(d.get(attr)) for _, _, d in G.edges(data=True)):
            return attr
    return None


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _as_value(value: object, attr: str, u: Hashable, v: Hashable) -> float:
    """One tie's strength as a float: NaN when missing (None, NaN, pandas NA), error
    when not a number."""
    if value is None or value is pd.NA:
        return math.nan
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        msg = (
            f"tie ({u!r}, {v!r}) has {attr}={value!r}; expected a number (or None / NA if unknown)."
        )
        raise ParameterError(msg)
    return float(value)


# ------------------------------------------------------------------- tie extraction


def _arcs(
    G: nx.Graph, attr: str | None
) -> tuple[list[Hashable], np.ndarray, np.ndarray, np.ndarray]:
    """Nodes in canonical order and the non-loop ties as index arrays plus values."""
    nodes = sorted_nodes(G)
    index = {node: i for i, node in enumerate(nodes)}
    src, dst, val = [], [], []
    if attr is None:
        for u, v in G.edges():
            if u != v:
                src.append(index[u])
                dst.append(index[v])
    else:
        for u, v, data in G.edges(data=True):
            if u != v:
                src.append(index[u])
                dst.append(index[v])
                val.append(_as_value(data.get(attr), attr, u, v))
    src_a = np.asarray(src, dtype=np.int64)
    dst_a = np.asarray(dst, dtype=np.int64)
    val_a = np.asarray(val, dtype=float) if attr is not None else np.full(len(src), np.nan)
    return nodes, src_a, dst_a, val_a


def _pairs(
    G: nx.Graph, attr: str | None, reciprocal: str
) -> tuple[list[Hashable], np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Unordered pairs (i < j), sorted, with combined strength and reciprocation."""
    nodes, src, dst, val = _arcs(G, attr)
    n = len(nodes)
    lo, hi = np.minimum(src, dst), np.maximum(src, dst)
    key = lo * n + hi
    order = np.argsort(key, kind="stable")
    key, val = key[order], val[order]
    if len(key) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return nodes, empty, empty, np.zeros(0), np.zeros(0, dtype=bool)
    start = np.flatnonzero(np.concatenate([[True], key[1:] != key[:-1]]))
    count = np.diff(np.append(start, len(key)))
    ukey = key[start]
    if reciprocal == "max":
        combined = np.fmax.reduceat(val, start)
    elif reciprocal == "min":
        combined = np.fmin.reduceat(val, start)
    else:
        known = ~np.isnan(val)
        total = np.add.reduceat(np.where(known, val, 0.0), start)
        nknown = np.add.reduceat(known.astype(np.int64), start)
        combined = np.full(len(start), np.nan)
        np.divide(total, nknown, out=combined, where=nknown > 0)
    return nodes, ukey // n, ukey % n, combined, count > 1


def _classify(values: np.ndarray, threshold: float, labels: tuple[str, str]) -> np.ndarray:
    out = np.full(len(values), _UNKNOWN, dtype=object)
    known = ~np.isnan(values)
    out[known & (values >= threshold)] = labels[1]
    out[known & (values < threshold)] = labels[0]
    return out


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
) -> np.ndarray:
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
    go to :func:`_spans_pairwise`.
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
            stages = ((3, s2), (4, s3)) if distinct >= _TREE_LIKE * walks else ()
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
        code[rkey] = 0
        code[key1] = 0
        code[key2] = 0
        code[key3] = 0
        bar.update(F)
    bar.close()
    return span_arc[arc].astype(float)


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
) -> np.ndarray:
    """Distance between the ends of each tie once it is removed (local bridges only)."""
    out = np.zeros(len(u))
    if len(u) == 0:
        return out
    out[:] = _spans_shared(indptr, indices, n, u, v, progress)
    left = np.flatnonzero(out == 0)
    if len(left):
        desc = "spans (per-tie searches)"
        with progress_bar(total=len(left), desc=desc, progress=progress) as bar:
            out[left] = _spans_pairwise(indptr, indices, n, u[left], v[left], bar)
    return out


# ----------------------------------------------------------------------- public API


def _endpoint_columns(nodes: list[Hashable], i: np.ndarray, j: np.ndarray) -> dict[str, object]:
    labels = pd.Index(nodes) if nodes else pd.Index([], dtype=object)
    return {"source": labels.take(i).to_numpy(), "target": labels.take(j).to_numpy()}


def tie_strength(
    G: nx.Graph,
    *,
    by: str = "intensity",
    threshold: float = 3,
    labels: tuple[str, str] = ("weak", "strong"),
) -> pd.DataFrame:
    """Classify every tie as weak or strong from a survey item.

    A tie is *strong* when its value of the edge attribute `by` is at least
    `threshold`, and *weak* otherwise. With the default rule on PARTNER-style
    relationship intensity (1 awareness, 2 cooperation, 3 coordination,
    4 integration), coordination and integration are strong ties, awareness and
    cooperation weak ones [1]_. Any other item (a contact frequency, a trust
    score) works the same way with its own threshold.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Tie network. Not modified.
    by : str, default="intensity"
        Edge attribute holding the tie's strength (a number).
    threshold : float, default=3
        Smallest value counted as strong.
    labels : tuple of two str, default=("weak", "strong")
        Names of the two classes, weak first.

    Returns
    -------
    pandas.DataFrame
        One row per tie with columns ``source``, ``target``, ``strength`` (float)
        and ``strength_class`` (one of `labels` or ``"unknown"``). For an
        undirected graph ``source`` precedes ``target`` in sorted actor order; for
        a directed graph each arc is one row, as reported. Rows are sorted by
        ``(source, target)``.

    Raises
    ------
    GraphTypeError
        If `G` is not a networkx graph or is a multigraph.
    ParameterError
        If `threshold` is not a number, `labels` are not two distinct strings
        other than ``"unknown"``, or a tie's `by` value is not a number.

    Notes
    -----
    A tie without the attribute `by` (or with ``None`` or NaN) gets strength NaN
    and class ``"unknown"``; it is never silently counted as weak. Self-loops
    (self-nominations) are not ties between two actors and are left out.

    References
    ----------
    .. [1] Granovetter, Mark S. "The Strength of Weak Ties." *American Journal of
       Sociology* 78, no. 6 (1973): 1360-1380. https://doi.org/10.1086/225469

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b", {"intensity": 4}), ("b", "c", {"intensity": 1}), ("c", "d", {})])
    >>> tie_strength(G)
      source target  strength strength_class
    0      a      b       4.0         strong
    1      b      c       1.0           weak
    2      c      d       NaN        unknown
    """
    G = check_graph(G)
    check_attr_name(by, "by", allow_none=False)
    threshold = check_number(threshold, "threshold")
    labels = _check_labels(labels)
    nodes, src, dst, val = _arcs(G, by)
    if not G.is_directed():
        src, dst = np.minimum(src, dst), np.maximum(src, dst)
    order = np.lexsort((dst, src))
    src, dst, val = src[order], dst[order], val[order]
    frame = pd.DataFrame(_endpoint_columns(nodes, src, dst))
    frame["strength"] = val
    frame["strength_class"] = _classify(val, threshold, labels)
    return frame


def tie_measures(
    G: nx.Graph,
    *,
    group: GroupSpec | None = None,
    strength: str | None = AUTO_STRENGTH,
    threshold: float = 3,
    reciprocal: str = "max",
    progress: bool | None = None,
) -> pd.DataFrame:
    r"""Structural position and strength of every tie: bridges, span, overlap.

    For the tie between actors :math:`i` and :math:`j`:

    * ``bridge``: removing the tie disconnects :math:`i` from :math:`j`;
    * ``local_bridge``: :math:`i` and :math:`j` have no neighbour in common
      (Granovetter's local bridge [1]_, as defined by Easley and Kleinberg [3]_ and
      networkx); every bridge is a local bridge;
    * ``span``: for a local bridge, the distance between :math:`i` and :math:`j`
      once the tie is removed (``inf`` for a bridge);
    * ``overlap``: Onnela's neighbourhood overlap [2]_

      .. math:: O_{ij} = \frac{n_{ij}}{(k_i - 1) + (k_j - 1) - n_{ij}},

      with :math:`n_{ij}` common neighbours (column ``common_neighbours``) and
      :math:`k` the number of neighbours. It is the share of the two actors'
      other contacts that they share; it is *not* the Jaccard coefficient.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Tie network (any hashable actor ids). Not modified.
    group : str, dict, pandas.Series or None, default=None
        The actor's group: a node attribute (e.g. ``"sector"``) or labels by
        actor (see :func:`~sysmap._attributes.group_labels`). When given, a
        ``cross_group`` column says whether the tie joins two groups.
    strength : str or None, default="auto"
        Edge attribute with the tie's strength. ``"auto"``: ``intensity`` when
        ties have it, else ``weight``, else none (:func:`strength_attribute`).
        ``None`` leaves the strength columns out.
    threshold : float, default=3
        Smallest strength counted as strong (see :func:`tie_strength`).
    reciprocal : {"max", "min", "mean"}, default="max"
        Directed graphs only: how the strengths of the two arcs of a reciprocated
        pair combine into the strength of the tie (missing values are ignored).
    progress : bool or None, default=None
        Show a progress bar for the span searches.
        ``None``: shown if ``SYSMAP_PROGRESS=1``, or standard error is a
        terminal (:func:`~sysmap._progress.show_progress`).

    Returns
    -------
    pandas.DataFrame
        One row per tie (unordered pair of actors), sorted, with columns
        ``source``, ``target`` (``source`` first in sorted actor order),
        ``reciprocated`` (directed graphs only: both arcs present), ``bridge``,
        ``local_bridge``, ``span``, ``common_neighbours``, ``overlap``,
        ``strength``, ``strength_class`` (when a strength attribute is used) and
        ``cross_group`` (when `group` is given). ``frame.attrs["strength"]``
        names the tie attribute read as strength (``None`` for none).

    Raises
    ------
    GraphTypeError
        If `G` is not a networkx graph or is a multigraph.
    MissingAttributeError
        If `group` is given and no actor has a value of it.
    ParameterError
        For an invalid `threshold`, `reciprocal`, attribute name, a non-numeric
        strength value or unhashable group values.

    Notes
    -----
    * A directed graph is analysed as its undirected version: two actors are
      tied when either names the other, and bridges, spans and overlap are
      computed on those ties. ``reciprocated`` keeps the direction information.
    * ``span`` follows ``networkx.local_bridges(G, with_span=True)``: it is given
      for local bridges only and is NaN for every other tie (whose ends are at
      distance 2 through a common neighbour); it counts steps, ignoring weights.
    * ``overlap`` is NaN when its denominator is 0, i.e. when both actors have no
      other contact (an isolated pair).
    * ``cross_group`` is a nullable boolean column. Actors without a value of
      `group` form explicit groups (see :func:`~sysmap.metrics.groups.group_labels`):
      a tie between a sector and ``"unknown"`` crosses groups.
    * Ties without a strength value get NaN and class ``"unknown"``.
    * Self-loops are ignored: they are neither ties nor neighbours here. (networkx
      counts a looped actor as its own neighbour, so no tie at such an actor is a
      local bridge there.)

    Bridges come from igraph's linear-time algorithm; common neighbours are
    counted per tie by vectorised look-ups in the sorted adjacency; spans come
    from breadth-first searches to depth 3 shared by all ties of an actor (spans
    up to 5), walks from the tie's other end checked against them (spans 6 and
    7) and, for the rest, bidirectional searches per tie, all batched in numpy.

    References
    ----------
    .. [1] Granovetter, Mark S. "The Strength of Weak Ties." *American Journal of
       Sociology* 78, no. 6 (1973): 1360-1380. https://doi.org/10.1086/225469
    .. [2] Onnela, Jukka-Pekka, Jari Saramäki, Jörkki Hyvönen, György Szabó, David
       Lazer, Kimmo Kaski, János Kertész, and Albert-László Barabási. "Structure
       and Tie Strengths in Mobile Communication Networks." *Proceedings of the
       National Academy of Sciences* 104, no. 18 (2007): 7332-7336.
       https://doi.org/10.1073/pnas.0610245104
    .. [3] Easley, David, and Jon Kleinberg. *Networks, Crowds, and Markets:
       Reasoning about a Highly Connected World*. Cambridge University Press,
       2010, ch. 3. https://doi.org/10.1017/CBO9780511761942

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.krackhardt_kite_graph()
    >>> ties = tie_measures(G, strength=None)
    >>> ties.loc[(ties.source == 0) & (ties.target == 1), "overlap"].item()
    0.2
    >>> ties.loc[ties.local_bridge, ["source", "target", "bridge", "span"]]
        source  target  bridge  span
    16       7       8    True   inf
    17       8       9    True   inf
    """
    G = check_graph(G)
    check_attr_name(strength, "strength", allow_none=True)
    strength = strength_attribute(G, strength)
    reciprocal = check_choice(reciprocal, "reciprocal", _RECIPROCAL)
    threshold = check_number(threshold, "threshold")
    nodes, i, j, value, recip = _pairs(G, strength, reciprocal)
    n = len(nodes)
    indptr, indices = _adjacency(n, i, j)
    deg = np.diff(indptr)
    common = _common_neighbours(n, indptr, indices, i, j)
    denominator = (deg[i] - 1) + (deg[j] - 1) - common
    overlap = np.full(len(i), np.nan)
    np.divide(common, denominator, out=overlap, where=denominator > 0)
    local = common == 0
    bridge = _bridges(n, i, j)
    span = np.full(len(i), np.nan)
    span[bridge] = np.inf
    todo = np.flatnonzero(local & ~bridge)
    span[todo] = _spans(indptr, indices, n, i[todo], j[todo], progress=progress)

    frame = pd.DataFrame(_endpoint_columns(nodes, i, j))
    if G.is_directed():
        frame["reciprocated"] = recip
    frame["bridge"] = bridge
    frame["local_bridge"] = local
    frame["span"] = span
    frame["common_neighbours"] = common
    frame["overlap"] = overlap
    if strength is not None:
        frame["strength"] = value
        frame["strength_class"] = _classify(value, threshold, ("weak", "strong"))
    if group is not None:
        codes, _ = pd.factorize(group_labels(G, group, nodes=nodes))
        frame["cross_group"] = pd.array(codes[i] != codes[j], dtype="boolean")
    frame.attrs["strength"] = strength
    return frame


@dataclass(frozen=True)
class WeakTieSummary:
    """Network-level weak-tie test (see :func:`weak_tie_summary`).

    Attributes
    ----------
    n_ties : int
        Ties (unordered pairs of actors).
    n_classified : int
        Ties with a known strength.
    weak_share : float
        Share of classified ties that are weak (the baseline).
    n_bridging : int
        Bridging ties: bridges and local bridges (every bridge is a local bridge).
    weak_share_bridging : float
        Share of classified bridging ties that are weak; NaN if none.
    n_cross_group : int
        Ties joining two groups (0 when no `group` is given).
    weak_share_cross_group : float
        Share of classified cross-group ties that are weak; NaN if none or no
        `group` given.
    method : str
        ``"spearman"`` or ``"pearson"``.
    correlation : float
        Correlation between tie strength and neighbourhood overlap; NaN when
        undefined.
    n : int
        Ties entering the correlation (known strength and defined overlap).
    p_value : float
        Two-sided p-value of the correlation (scipy); NaN when undefined.
    direction : str
        ``"positive"``, ``"negative"``, ``"none"`` (exactly 0) or ``"undefined"``.
    interpretation : str
        One sentence stating the sign and what it means for Granovetter's claim.
    strength : str
        The tie attribute read as strength (``strength="auto"`` resolved).
    """

    n_ties: int
    n_classified: int
    weak_share: float
    n_bridging: int
    weak_share_bridging: float
    n_cross_group: int
    weak_share_cross_group: float
    method: str
    correlation: float
    n: int
    p_value: float
    direction: str
    interpretation: str
    strength: str


def _weak_share(classes: pd.Series) -> tuple[float, int]:
    known = classes[classes != _UNKNOWN]
    if len(known) == 0:
        return math.nan, 0
    return float((known == "weak").mean()), len(known)


def weak_tie_summary(
    G: nx.Graph,
    *,
    group: GroupSpec | None = None,
    strength: str = AUTO_STRENGTH,
    threshold: float = 3,
    method: str = "spearman",
    reciprocal: str = "max",
) -> WeakTieSummary:
    """Test Granovetter's weak-tie claim on a network.

    Granovetter [1]_ predicts that bridging ties are mostly weak and that strong
    ties sit inside dense clusters. This summary reports, side by side:

    * the share of weak ties among all ties (the baseline), among bridging ties
      (bridges and local bridges), and among ties that join two groups;
    * the correlation between tie strength and neighbourhood overlap, as Onnela
      et al. [2]_ used it: positive when strong ties sit where the two actors
      share many contacts.

    The sign is reported as found; in organisational networks it is often weak or
    reversed, and the `interpretation` sentence says which.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Tie network. Not modified.
    group : str, dict, pandas.Series or None, default=None
        The actor's group, for the cross-group share (as in :func:`tie_measures`).
    strength : str, default="auto"
        Edge attribute with the tie's strength; ``"auto"``: ``intensity`` when
        ties have it, else ``weight`` (:func:`strength_attribute`).
    threshold : float, default=3
        Smallest strength counted as strong.
    method : {"spearman", "pearson"}, default="spearman"
        Correlation coefficient (rank correlation by default, since survey
        strengths are ordinal).
    reciprocal : {"max", "min", "mean"}, default="max"
        Directed graphs: how two arcs' strengths combine (see :func:`tie_measures`).

    Returns
    -------
    WeakTieSummary
        Frozen dataclass; ``dataclasses.asdict`` turns it into a dict.

    Raises
    ------
    GraphTypeError
        If `G` is not a networkx graph or is a multigraph.
    ParameterError
        For an invalid `method`, `threshold` or strength value.

    Notes
    -----
    Shares count only ties with a known strength. The correlation uses the ties
    with a known strength and a defined overlap; it is NaN (direction
    ``"undefined"``) when fewer than 3 such ties remain or when strength or
    overlap does not vary. p-values are scipy's (:func:`scipy.stats.spearmanr`,
    :func:`scipy.stats.pearsonr`) and assume independent ties, which network data
    do not satisfy; read them as descriptive.

    References
    ----------
    .. [1] Granovetter, Mark S. "The Strength of Weak Ties." *American Journal of
       Sociology* 78, no. 6 (1973): 1360-1380. https://doi.org/10.1086/225469
    .. [2] Onnela, Jukka-Pekka, Jari Saramäki, Jörkki Hyvönen, György Szabó, David
       Lazer, Kimmo Kaski, János Kertész, and Albert-László Barabási. "Structure
       and Tie Strengths in Mobile Communication Networks." *Proceedings of the
       National Academy of Sciences* 104, no. 18 (2007): 7332-7336.
       https://doi.org/10.1073/pnas.0610245104

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_edges_from([(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5)], intensity=4)
    >>> G.add_edge(2, 3, intensity=1)
    >>> summary = weak_tie_summary(G)
    >>> summary.weak_share_bridging, summary.direction
    (1.0, 'positive')
    """
    G = check_graph(G)
    check_attr_name(strength, "strength", allow_none=False)
    method = check_choice(method, "method", _METHODS)
    chosen = strength_attribute(G, strength)
    if chosen is None and G.number_of_edges() == 0:
        chosen = STRENGTH_ATTRIBUTES[0]  # nothing to classify
    elif chosen is None:
        msg = (
            "strength='auto' found no tie strength: no tie has 'intensity' or 'weight'. "
            "Name the tie attribute with strength=..."
        )
        raise ParameterError(msg)
    ties = tie_measures(G, group=group, strength=chosen, threshold=threshold, reciprocal=reciprocal)
    return summary_of_ties(ties, strength=chosen, method=method, grouped=group is not None)


def summary_of_ties(
    ties: pd.DataFrame, *, strength: str, method: str = "spearman", grouped: bool
) -> WeakTieSummary:
    """:func:`weak_tie_summary` of a :func:`tie_measures` table (`grouped`: it has groups)."""
    method = check_choice(method, "method", _METHODS)
    weak_share, n_classified = _weak_share(ties["strength_class"])
    bridging = ties["local_bridge"].to_numpy()
    weak_bridging, _ = _weak_share(ties["strength_class"][bridging])
    if grouped:
        cross = ties["cross_group"].fillna(False).to_numpy(dtype=bool)
        weak_cross, _ = _weak_share(ties["strength_class"][cross])
        n_cross = int(cross.sum())
    else:
        weak_cross, n_cross = math.nan, 0
    x = ties["strength"].to_numpy(dtype=float)
    y = ties["overlap"].to_numpy(dtype=float)
    ok = ~np.isnan(x) & ~np.isnan(y)
    x, y = x[ok], y[ok]
    corr = p_value = math.nan
    if len(x) >= 3 and np.ptp(x) > 0 and np.ptp(y) > 0:
        test = stats.spearmanr if method == "spearman" else stats.pearsonr
        result = test(x, y)
        corr, p_value = float(result.statistic), float(result.pvalue)
    direction, interpretation = _interpret(corr, p_value, method, len(x))
    return WeakTieSummary(
        n_ties=len(ties),
        n_classified=n_classified,
        weak_share=weak_share,
        n_bridging=int(bridging.sum()),
        weak_share_bridging=weak_bridging,
        n_cross_group=n_cross,
        weak_share_cross_group=weak_cross,
        method=method,
        correlation=corr,
        n=len(x),
        p_value=p_value,
        direction=direction,
        interpretation=interpretation,
        strength=strength,
    )


def _interpret(corr: float, p_value: float, method: str, n: int) -> tuple[str, str]:
    name = method.capitalize()
    if math.isnan(corr):
        return "undefined", (
            f"undefined: the {name} correlation of strength and overlap needs at least 3 "
            f"ties with both values and variation in each (got {n} ties)."
        )
    stat = f"({name} r = {corr:.3f}, p = {p_value:.3g}, n = {n})"
    if corr > 0:
        text = "positive: strong ties sit inside dense clusters, as Granovetter predicts"
        direction = "positive"
    elif corr < 0:
        text = (
            "negative: strong ties bridge between clusters and weak ties sit inside them, "
            "contrary to Granovetter's prediction"
        )
        direction = "negative"
    else:
        text = "none: tie strength is unrelated to neighbourhood overlap"
        direction = "none"
    if not p_value < 0.05:
        text += "; not significant at the 5% level"
    return direction, f"{text} {stat}."
