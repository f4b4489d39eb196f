r"""Harmonic sums after each single-actor removal, from dominator trees of BFS DAGs.

For a source ``s``, let ``T_s(v)`` be the actors all of whose shortest paths from
``s`` pass through ``v`` (the subtree of ``v`` in the dominator tree of the
shortest-path DAG rooted at ``s``). Removing ``v`` changes the distance from ``s``
exactly for the targets in ``T_s(v)``; every other actor keeps a shortest path
that avoids ``v``. The new distance of ``t`` in ``T_s(v) - v`` is

.. math:: d'(t) = \min_{u \to w} \; d(u) + 1 + d_{T_s(v) - v}(w, t)

over the ties ``u -> w`` entering ``T_s(v) - v`` from an actor ``u`` outside
``T_s(v)`` (whose distance does not change): a search inside the subtree, seeded
from its boundary. Summed over all ``v``, the pairs ``(v, t)`` number the sum of
the dominator depths, which is about ``n`` per source on sparse social networks
(most actors sit below one or two dominators), so the whole table costs a few
breadth-first searches per source instead of one per source and removed actor.

Per source, compiled with numba (:func:`_source_gains`):

1. a breadth-first search gives the distances and the order of the actors;
2. in that order (a topological order of the shortest-path DAG), the immediate
   dominator of each actor is the nearest common dominator of its DAG
   predecessors, found by climbing the dominator tree from two of them until
   they meet (Cooper, Harvey and Kennedy's intersection, exact in one pass on a
   DAG);
3. a depth-first numbering of the dominator tree makes each subtree ``T_s(v)``
   one interval of the numbering, so "is ``u`` inside ``T_s(v)``" is two
   comparisons;
4. for every ``v`` with a non-trivial subtree, the ties entering ``T_s(v) - v``
   seed its actors, and a search in unit steps (Dial's bucket order: seeds and
   search merged by value) gives the new distances.

The same searches say which targets ``s`` no longer reaches at all once ``v``
leaves (those of ``T_s(v) - v`` the seeded search does not reach: any path
avoiding ``v`` enters the subtree last from outside it), so the per-actor
reachability loss of directed fragmentation comes with it.

With ``strong=True`` a pair counts only while the target still reaches the
source: the same steps on the reversed ties say which targets of ``T'_s(v)``
(the dominator subtree of the reverse search) lose their way back.

References
----------
.. [1] Lengauer, Thomas, and Robert Endre Tarjan. "A Fast Algorithm for Finding
   Dominators in a Flowgraph." *ACM Transactions on Programming Languages and
   Systems* 1, no. 1 (1979): 121-141. https://doi.org/10.1145/357062.357071
.. [2] Cooper, Keith D., Timothy J. Harvey, and Ken Kennedy. "A Simple, Fast
   Dominance Algorithm." Rice University, Department of Computer Science,
   Technical Report TR-06-33870 (2006).
.. [3] Dial, Robert B. "Algorithm 360: Shortest-Path Forest with Topological
   Ordering." *Communications of the ACM* 12, no. 11 (1969): 632-633.
   https://doi.org/10.1145/363269.363610
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence

import igraph as ig
import numpy as np
from numba import njit

__all__ = ["removal_sums"]

#: (weak reference to the last graph, its out-ties and in-ties as CSR index arrays)
_cached: tuple | None = None

# numba: compiled on first use, kept in __pycache__ (cache=True) for later runs;
# nogil: chunks of sources may run in threads.
_jit = njit(cache=True, nogil=True)


@_jit
def _search_tree(
    indptr, indices, rindptr, rindices, s, dist, order, idom, size, slot, pre, tin, tout
):
    """BFS from `s`, the dominator tree of its shortest-path DAG, and subtree intervals.

    Fills ``dist`` (-1: not reached; the caller resets it), ``order`` (BFS
    order), ``idom`` (immediate dominators), ``pre``, ``tin`` and ``tout``
    (``T(v)`` is ``pre[tin[v]:tout[v]]``); ``size`` and ``slot`` are scratch.
    Returns the number of actors reached.
    """
    # BFS; the immediate dominator of each actor is the nearest common dominator of
    # its DAG predecessors: met while scanning them (a predecessor's own dominator
    # is final when it is scanned, BFS order being topological), by climbing from
    # the two until they meet. `size` holds the dominator depth meanwhile.
    dist[s] = 0
    order[0] = s
    idom[s] = s
    size[s] = 0
    head, tail = 0, 1
    while head < tail:
        u = order[head]
        head += 1
        if head > 1:
            size[u] = size[idom[u]] + 1
        du = dist[u] + 1
        for e in range(indptr[u], indptr[u + 1]):
            w = indices[e]
            dw = dist[w]
            if dw < 0:
                dist[w] = du
                idom[w] = u
                order[tail] = w
                tail += 1
            elif dw == du:
                a, c = u, idom[w]
                while a != c:
                    if size[a] > size[c]:
                        a = idom[a]
                    elif size[c] > size[a]:
                        c = idom[c]
                    else:
                        a = idom[a]
                        c = idom[c]
                idom[w] = c
    reached = tail
    # subtree sizes bottom-up; then each child takes the next interval inside its
    # parent's (parents come first in BFS order), so every subtree is contiguous
    for i in range(reached):
        size[order[i]] = 1
    for i in range(reached - 1, 0, -1):
        w = order[i]
        size[idom[w]] += size[w]
    tin[s] = 0
    slot[s] = 1
    for i in range(1, reached):
        w = order[i]
        p = idom[w]
        tin[w] = slot[p]
        slot[p] += size[w]
        slot[w] = tin[w] + 1
    for i in range(reached):
        w = order[i]
        tout[w] = tin[w] + size[w]
        pre[tin[w]] = w
    return reached


@_jit
def _replace(
    indptr,
    indices,
    rindptr,
    rindices,
    dist,
    pre,
    tin,
    tout,
    v,
    best,
    seeds,
    origin,
    frontier,
    bucket,
):
    """New distances of ``T(v) - v`` once `v` is gone, into ``best`` (-1: cut off).

    Seeds: ties ``u -> x`` into the subtree from a reached ``u`` outside it, at
    ``d(u) + 1``; then unit steps inside the subtree, in order of value (Dial):
    the seeds of each value join the search's frontier when it gets there.
    """
    lo, hi = tin[v], tout[v]
    m = 0
    least = -1
    tight = 0  # actors seeded with their bound
    for j in range(lo + 1, hi):
        x = pre[j]
        bound = dist[x] + 1  # no path avoiding v is shorter
        bx = -1
        for e in range(rindptr[x], rindptr[x + 1]):
            u = rindices[e]
            du = dist[u]
            if du < 0:
                continue
            tu = tin[u]
            if (tu < lo or tu >= hi) and (bx < 0 or du + 1 < bx):
                bx = du + 1
                if bx == bound:
                    tight += 1
                    break
        best[x] = bx
        if bx >= 0:
            seeds[m] = x
            m += 1
            if least < 0 or bx < least:
                least = bx
    if m == 0 or tight == hi - lo - 1:
        return  # every actor of T(v) - v is at its bound: nothing to search
    # seeds by value: counting sort over the values' range, else a full sort
    top = least
    for i in range(m):
        if best[seeds[i]] > top:
            top = best[seeds[i]]
    span = top - least + 1
    if span <= bucket.size and span <= 4 * m:
        bucket[:span] = 0
        for i in range(m):
            bucket[best[seeds[i]] - least] += 1
        total = 0
        for k in range(span):
            c = bucket[k]
            bucket[k] = total
            total += c
        for i in range(m):
            x = seeds[i]
            k = best[x] - least
            frontier[bucket[k]] = x
            bucket[k] += 1
        for i in range(m):
            seeds[i] = frontier[i]
    else:
        values = np.empty(m, dtype=np.int64)
        for i in range(m):
            values[i] = best[seeds[i]]
        ranked = np.argsort(values, kind="mergesort")
        for i in range(m):
            frontier[i] = seeds[ranked[i]]
        for i in range(m):
            seeds[i] = frontier[i]
    for i in range(m):
        origin[i] = best[seeds[i]]
    # Dial: `frontier[f0:f1]` holds the actors settled at `value`; a seed joins it
    # at its own value unless the search reached it sooner (then it is there already)
    value = least
    i = 0
    f0 = f1 = 0
    while i < m or f0 < f1:
        if f0 == f1:
            value = origin[i]
        while i < m and origin[i] <= value:
            if best[seeds[i]] == origin[i]:
                frontier[f1] = seeds[i]
                f1 += 1
            i += 1
        n0 = f1
        for k in range(f0, f1):
            x = frontier[k]
            for e in range(indptr[x], indptr[x + 1]):
                y = indices[e]
                ty = tin[y]
                if ty > lo and ty < hi and (best[y] < 0 or best[y] > value + 1):
                    best[y] = value + 1
                    frontier[n0] = y
                    n0 += 1
        f0, f1 = f1, n0
        value += 1


@_jit
def _source_gains(
    indptr, indices, rindptr, rindices, sources, strong, gain, reach, lost, harmonic
):
    """Add each actor's removal gain over `sources` into `gain`; see `removal_sums`."""
    n = indptr.size - 1
    dtype = indices.dtype
    dist = np.full(n, -1, dtype=dtype)
    order = np.empty(n, dtype=dtype)
    idom = np.empty(n, dtype=dtype)
    size = np.empty(n, dtype=dtype)
    slot = np.empty(n, dtype=dtype)
    pre = np.empty(n, dtype=dtype)
    tin = np.empty(n, dtype=dtype)
    tout = np.empty(n, dtype=dtype)
    best = np.empty(n, dtype=dtype)
    seeds = np.empty(n, dtype=dtype)
    origin = np.empty(n, dtype=dtype)
    frontier = np.empty(n, dtype=dtype)
    bucket = np.empty(64, dtype=np.int64)
    # the reverse search (strong reading only)
    m = n if strong else 1
    bdist = np.full(m, -1, dtype=dtype)
    border = np.empty(m, dtype=dtype)
    bidom = np.empty(m, dtype=dtype)
    bpre = np.empty(m, dtype=dtype)
    btin = np.empty(m, dtype=dtype)
    btout = np.empty(m, dtype=dtype)
    bbest = np.empty(m, dtype=dtype)
    back = 0
    for k in range(sources.size):
        s = sources[k]
        reached = _search_tree(
            indptr, indices, rindptr, rindices, s, dist, order, idom, size, slot, pre, tin, tout
        )
        h = 0.0
        for i in range(1, reached):
            x = order[i]
            inverse = 1.0 / dist[x]
            h += inverse
            reach[x] += inverse
        harmonic[k] = h
        if strong:
            back = _search_tree(
                rindptr,
                rindices,
                indptr,
                indices,
                s,
                bdist,
                border,
                bidom,
                size,
                slot,
                bpre,
                btin,
                btout,
            )
        for i in range(1, reached):
            v = order[i]
            forward = tout[v] - tin[v] > 1
            backward = strong and btout[v] - btin[v] > 1
            if not forward and not backward:
                continue
            delta = 0.0
            if forward:
                _replace(
                    indptr,
                    indices,
                    rindptr,
                    rindices,
                    dist,
                    pre,
                    tin,
                    tout,
                    v,
                    best,
                    seeds,
                    origin,
                    frontier,
                    bucket,
                )
            if backward:
                _replace(
                    rindptr,
                    rindices,
                    indptr,
                    indices,
                    bdist,
                    bpre,
                    btin,
                    btout,
                    v,
                    bbest,
                    seeds,
                    origin,
                    frontier,
                    bucket,
                )
            lo, hi = btin[v] if strong else 0, btout[v] if strong else 0
            if forward:
                for j in range(tin[v] + 1, tout[v]):
                    x = pre[j]
                    new = 0.0
                    if best[x] > 0:
                        new = 1.0 / best[x]
                    else:
                        lost[v] += 1.0  # s no longer reaches x
                    if backward and btin[x] > lo and btin[x] < hi and bbest[x] < 0:
                        new = 0.0  # x no longer reaches the source
                    delta += new - 1.0 / dist[x]
            if backward:
                for j in range(btin[v] + 1, btout[v]):
                    x = bpre[j]
                    inside = forward and tin[x] > tin[v] and tin[x] < tout[v]
                    if bbest[x] < 0 and not inside:  # cut on the way back only
                        delta -= 1.0 / dist[x]
            gain[v] += delta
        for i in range(reached):
            dist[order[i]] = -1
        if strong:
            for i in range(back):
                bdist[border[i]] = -1


def _csr(H: ig.Graph) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Out- and in-ties of `H` as CSR index arrays (int32), kept while `H` lives:
    every chunk of sources is one call with the same graph."""
    global _cached
    if _cached is None or _cached[0]() is not H:
        n = H.vcount()
        e = np.asarray(H.get_edgelist(), dtype=np.int64).reshape(-1, 2)
        src, dst = e[:, 0], e[:, 1]
        if not H.is_directed():
            src, dst = np.concatenate([src, dst]), np.concatenate([dst, src])
        out = _rows(n, src, dst)
        into = _rows(n, dst, src) if H.is_directed() else out
        _cached = (weakref.ref(H, _forget), *out, *into)
    return _cached[1:]


def _rows(n: int, src: np.ndarray, dst: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """CSR of the ties ``src -> dst``: row pointers and targets (int32 while they fit)."""
    dtype = np.int32 if max(n, src.size) < 2**31 - 1 else np.int64
    keep = src != dst
    src, dst = src[keep], dst[keep]
    ordered = np.lexsort((dst, src))
    indptr = np.zeros(n + 1, dtype=dtype)
    np.cumsum(np.bincount(src, minlength=n), out=indptr[1:])
    return indptr, dst[ordered].astype(dtype)


def _forget(ref: weakref.ref) -> None:
    """Drop the cached arrays once their graph is gone."""
    global _cached
    if _cached is not None and _cached[0] is ref:
        _cached = None


def removal_sums(H: ig.Graph, sources: Sequence[int], strong: bool = False) -> np.ndarray:
    """Harmonic bookkeeping of the single-actor removals, for a chunk of sources of `H`.

    Parameters
    ----------
    H : igraph.Graph
        The distance graph (unweighted; directed or not).
    sources : sequence of int
        Source vertices.
    strong : bool, default=False
        Count a pair ``(s, t)`` of ``H - v`` only while ``t`` still reaches ``s``
        (strong components; `H` holds only the ties inside strong components).

    Returns
    -------
    numpy.ndarray
        ``gain`` (n values: for each actor ``v``, the change of the sum of 1/d
        over the pairs ``(s, t)``, ``s`` in `sources`, ``s != v != t``, once ``v``
        is removed), then ``into`` (n values: sum over the sources of 1/d(s, v)),
        then ``lost`` (n values: for each ``v``, the pairs ``(s, t)``, ``s`` in
        `sources`, ``s != v != t``, where ``s`` reaches ``t`` in `H` but not in
        ``H - v``; meaningful when `strong` is False), then the harmonic sum of
        each source.
    """
    n = H.vcount()
    indptr, indices, rindptr, rindices = _csr(H)
    chosen = np.asarray(sources, dtype=indices.dtype)
    gain, reach, lost, harmonic = np.zeros(n), np.zeros(n), np.zeros(n), np.zeros(chosen.size)
    _source_gains(
        indptr, indices, rindptr, rindices, chosen, bool(strong), gain, reach, lost, harmonic
    )
    return np.concatenate([gain, reach, lost, harmonic])

