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

Everything runs on arrays for a *batch* of sources at once: state ``b * n + x``
is actor ``x`` seen from the batch's ``b``-th source, and the batch's graph is
``B`` disjoint copies of the network (scipy CSR, whose row gathers run in C).

1. One level-synchronous BFS gives the distances and the DAG ties into each new
   level; the immediate dominator of an actor is the nearest common dominator
   of its DAG predecessors (exact in one pass over a DAG in topological order,
   as in Cooper, Harvey and Kennedy's algorithm): the sole predecessor, the
   source when the predecessors hang below different children of the source,
   and otherwise found by lifting the predecessors to a common depth and
   climbing together.
2. The pairs ``(v, t)``, ``v`` a proper dominator of ``t`` other than the
   source, are stored per ``t`` in order of the depth of ``v``; the table doubles
   as the ancestor table of the dominator tree.
3. Each tie ``u -> t`` into a target of depth >= 2 is compared with the lowest
   common dominator of its ends, at depth ``a``. If ``d(u) >= d(t)`` it seeds the
   pairs ``(v, t)`` with ``depth(v) > a`` (``u`` lies outside ``T_s(v)``) with
   ``d(u) + 1``; for ``depth(v) <= a`` both ends lie in ``T_s(v) - v`` and the tie
   joins ``(v, u)`` to ``(v, t)``. A pair seeded with ``d(t) + 1``, the least any
   replacement path can have, is final; the others take the shortest path from
   the seeds in the graph of joined pairs (Dial's bucket order: unit arcs, so
   each value's pairs are final in turn).

A target within the same BFS level as a tie from another branch (different
dominator at depth 1) is seeded with ``d(t) + 1`` for every ``v``: most targets,
which the BFS marks as it goes and step 3 skips. Lowest common dominators come
from a binary search on the ancestor table. Sources are processed in batches of
at most ``_BATCH_SIZE`` states plus ties, and their pairs in blocks of at most
``_PAIR_BUDGET``.

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
from collections.abc import Iterator, Sequence

import igraph as ig
import numpy as np
import scipy.sparse as sp

__all__ = ["removal_cost", "removal_sums"]

#: States (sources x actors) plus arcs one batch may hold.
_BATCH_SIZE = 2_000_000
#: Pairs (removed actor, target) whose replacement distances are computed at once.
_PAIR_BUDGET = 2_000_000
#: Cost model of `removal_cost`: searches per source, and the weight of a pair.
_SEARCHES = 15
_PAIR_COST = 24
#: (weak reference to the last graph, its out-ties, in-ties, batch copies by size)
_cached: tuple | None = None


def _copies(A: sp.csr_array, B: int) -> sp.csr_array:
    """Block-diagonal CSR of `B` copies of `A` (int32 indices while they fit)."""
    n, m = A.shape[0], A.indices.size
    dtype = np.int32 if max(B * n, B * m) < 2**31 else np.int64
    k = np.arange(B, dtype=dtype)
    indptr = np.append((A.indptr[:-1].astype(dtype)[None, :] + k[:, None] * m).ravel(), B * m)
    indices = (A.indices.astype(dtype)[None, :] + k[:, None] * n).ravel()
    data = np.ones(indices.size, dtype=np.int8)
    return sp.csr_array((data, indices, indptr.astype(dtype)), shape=(B * n, B * n))


class _Batch:
    """BFS distances, dominator tree and replacement distances for a batch of sources.

    `out` and `into` are the batch graphs (`_copies`) of the out- and in-ties.
    """

    def __init__(self, out: sp.csr_array, into: sp.csr_array, n: int, sources: np.ndarray):
        B = sources.size
        N = B * n
        dtype = out.indices.dtype
        self.n, self.out, self.into = n, out, into
        self.roots = (sources + np.arange(B) * n).astype(dtype)
        self.dist = np.full(N, -1, dtype=dtype)
        self.idom = np.full(N, -1, dtype=dtype)
        self.depth = np.zeros(N, dtype=dtype)  # in the dominator tree; sources 0
        self.branch = np.full(N, -1, dtype=dtype)  # dominator at depth 1
        self.off = np.zeros(N, dtype=np.int64)  # first pair of each target (see _pairs)
        self._sweep()

    # -- 1. BFS and dominators, level by level ------------------------------------
    def _sweep(self) -> None:
        dist, idom, depth, branch = self.dist, self.idom, self.depth, self.branch
        N = dist.size
        # Per state, filled once (each state joins one level): predecessors' least
        # and greatest branch, and whether a tie from another branch arrives within
        # the same level (then every replacement distance of the state is d + 1).
        self.lo = np.full(N, np.iinfo(dist.dtype).max, dtype=dist.dtype)
        self.hi = np.full(N, -1, dtype=dist.dtype)
        self.easy = np.zeros(N, dtype=bool)
        frontier = self.roots
        dist[frontier] = 0
        level = 0
        while frontier.size:
            rows = self.out[frontier]
            y = rows.indices
            x = np.repeat(frontier, np.diff(rows.indptr))
            dy = dist[y]
            i = np.flatnonzero(dy == level)  # ties within the level
            ys, xs = y[i], x[i]
            self.easy[ys[branch[xs] != branch[ys]]] = True
            i = np.flatnonzero(dy < 0)  # DAG ties into the next level
            y, x = y[i], x[i]
            if not y.size:
                break
            level += 1
            count = np.bincount(y, minlength=N)
            frontier = np.flatnonzero(count).astype(dist.dtype)
            dist[frontier] = level
            self._dominators(frontier, count, y, x)
            depth[frontier] = depth[idom[frontier]] + 1
            top = depth[frontier] == 1
            branch[frontier] = np.where(top, frontier, branch[idom[frontier]])

    def _dominators(self, new: np.ndarray, count: np.ndarray, y: np.ndarray, x: np.ndarray):
        """Immediate dominators of the states `new`, whose DAG ties are x -> y."""
        idom, depth, branch, lo, hi = self.idom, self.depth, self.branch, self.lo, self.hi
        single = count[y] == 1
        idom[y[single]] = x[single]
        multi = ~single
        if not multi.any():
            return
        y, x = y[multi], x[multi]
        b = branch[x]
        np.minimum.at(lo, y, b)
        np.maximum.at(hi, y, b)
        new = new[count[new] > 1]
        split = lo[new] != hi[new]  # below different children of the source: the source
        idom[new[split]] = self.roots[new[split] // self.n]
        new = new[~split]
        if not new.size:
            return
        # lift every predecessor to the group's smallest depth, then climb together
        keep = lo[y] == hi[y]
        y, c = y[keep], x[keep]
        k = new.size
        slot = self.lo  # lo is no longer needed for these states: reuse it
        slot[new] = np.arange(k, dtype=slot.dtype)
        g = slot[y]
        big = np.iinfo(c.dtype).max
        low = np.full(k, big, dtype=c.dtype)
        np.minimum.at(low, g, depth[c])
        while (up := depth[c] > low[g]).any():
            c[up] = idom[c[up]]
        least, most = np.empty(k, dtype=c.dtype), np.empty(k, dtype=c.dtype)
        while True:
            least[:], most[:] = big, -1
            np.minimum.at(least, g, c)
            np.maximum.at(most, g, c)
            differ = least[g] != most[g]
            if not differ.any():
                break
            c[differ] = idom[c[differ]]
        idom[new] = least

    # -- 2. the pair table ---------------------------------------------------------
    def pair_counts(self) -> np.ndarray:
        """Number of pairs of each source: the sum of its dominator depths minus one."""
        return np.maximum(self.depth - 1, 0).reshape(-1, self.n).sum(axis=1)

    def _pairs(self, lo: int, hi: int) -> np.ndarray:
        """Fill ``pv`` (dominator of each pair) and ``off`` for the states lo..hi-1
        (whole sources); return the targets."""
        depth, idom = self.depth, self.idom
        targets = (np.flatnonzero(depth[lo:hi] >= 2) + lo).astype(depth.dtype)
        lens = depth[targets] - 1
        ends = np.cumsum(lens, dtype=np.int64)
        self.off[targets] = ends - lens
        pv = np.empty(int(ends[-1]) if ends.size else 0, dtype=depth.dtype)
        cur, at = idom[targets], self.off[targets]
        while cur.size:
            d = depth[cur]
            pv[at + d - 1] = cur
            more = d >= 2
            cur, at = idom[cur[more]], at[more]
        self.pv = pv
        self.lens = lens
        return targets

    def _ancestor(self, z: np.ndarray, k: np.ndarray) -> np.ndarray:
        """Dominators of states `z` at depths `k` (1 <= k <= depth[z])."""
        own = self.depth[z] == k
        return np.where(own, z, self.pv[np.where(own, 0, self.off[z] + k - 1)])

    def _common_depth(self, u: np.ndarray, t: np.ndarray) -> np.ndarray:
        """Depth of the lowest common dominator of states u and t (same source).

        Binary search on the depth: two states share their dominator at depth k
        exactly when they share those at every smaller depth.
        """
        a = np.zeros(u.size, dtype=np.int64)
        idx = np.flatnonzero((self.branch[u] == self.branch[t]) & (self.branch[u] >= 0))
        lo = np.ones(idx.size, dtype=np.int64)  # shared at depth lo
        hi = np.minimum(self.depth[u[idx]], self.depth[t[idx]]).astype(np.int64)
        while (open_ := np.flatnonzero(lo < hi)).size:
            i = idx[open_]
            mid = (lo[open_] + hi[open_] + 1) // 2
            same = self._ancestor(u[i], mid) == self._ancestor(t[i], mid)
            lo[open_] = np.where(same, mid, lo[open_])
            hi[open_] = np.where(same, hi[open_], mid - 1)
        a[idx] = lo
        return a

    # -- 3. replacement distances ----------------------------------------------------
    def replacement(self, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per pair of the states lo..hi-1 (whole sources): the removed state, the target
        state, and the target's new distance (float; inf when the removal cuts it off)."""
        targets = self._pairs(lo, hi)
        lens, off, depth, dist, pv = self.lens, self.off, self.depth, self.dist, self.pv
        pt = np.repeat(targets, lens)
        none = self.n + 1  # above any distance
        easy = self.easy[targets]
        lower = np.repeat(dist[targets].astype(np.int64) + 1, lens)  # no path is shorter
        seed = np.where(np.repeat(easy, lens), lower, none)
        hard = targets[~easy]
        if hard.size:
            rows = self.into[hard]
            u = rows.indices
            t = np.repeat(hard, np.diff(rows.indptr))
            du = dist[u]
            reached = np.flatnonzero(du >= 0)  # then d(u) >= d(t) - 1
            u, t, du = u[reached], t[reached], du[reached]
            a = self._common_depth(u, t)
            dt = depth[t]
            # ties entering T(v) - v from outside, for v deeper than the common dominator
            i = np.flatnonzero((du >= dist[t]) & (a <= dt - 2))
            np.minimum.at(seed, off[t[i]] + a[i], du[i].astype(np.int64) + 1)
            # a seed for depth k also serves every deeper v (their subtrees are nested)
            block = np.repeat(np.arange(targets.size, dtype=np.int64) * (none + 1), lens)
            seed = np.minimum.accumulate(seed - block) + block
        best = np.where(seed < none, seed, np.inf)
        if hard.size and (seed < none).any():
            # ties inside T(v) - v, for every common dominator v at depth 1..kmax,
            # into pairs whose seed is above the lower bound
            kmax = np.minimum(a, np.minimum(depth[u], dt) - 1)
            j = np.flatnonzero(kmax >= 1)
            reps = kmax[j]
            k = np.arange(int(reps.sum())) - np.repeat(np.cumsum(reps) - reps, reps)
            j = np.repeat(j, reps)
            tail, head = off[u[j]] + k, off[t[j]] + k
            keep = seed[head] > lower[head]
            _relax(best, tail[keep], head[keep])
        return pv, pt, best


def _relax(best: np.ndarray, tail: np.ndarray, head: np.ndarray) -> None:
    """Shortest distances from the seed values `best` along unit arcs tail -> head.

    Dial's bucket order: the states of value v are final once every smaller value
    is done, so each arc is followed once; a step handles all states of one value.
    Updates `best` in place (inf: not reached).
    """
    P = best.size
    arcs = sp.csr_array((np.ones(tail.size, dtype=np.int8), (tail, head)), shape=(P, P))
    seeds = np.flatnonzero(np.isfinite(best) & (np.diff(arcs.indptr) > 0))
    seeds = seeds[np.argsort(best[seeds], kind="stable")]
    values = best[seeds]
    done = np.zeros(P, dtype=bool)
    slot = np.empty(P, dtype=np.int64)
    frontier = np.zeros(0, dtype=np.int64)
    i, value = 0, 0.0
    while frontier.size or i < seeds.size:
        if not frontier.size:
            value = values[i]
        j = int(np.searchsorted(values, value, side="right"))
        frontier = np.concatenate([frontier, seeds[i:j]])
        i = j
        frontier = frontier[(best[frontier] == value) & ~done[frontier]]
        done[frontier] = True
        heads = arcs[frontier].indices
        heads = heads[best[heads] > value + 1]
        best[heads] = value + 1
        rank = np.arange(heads.size)
        slot[heads] = rank  # one of the duplicates wins: one copy of each
        frontier = heads[slot[heads] == rank]
        value += 1


def _batch_graphs(H: ig.Graph, B: int) -> tuple[sp.csr_array, sp.csr_array]:
    """Out- and in-ties of `B` copies of `H` (`_copies`), kept while `H` lives: every
    chunk of sources is one call with the same graph, and there are few batch sizes."""
    global _cached
    if _cached is None or _cached[0]() is not H:
        n = H.vcount()
        e = np.asarray(H.get_edgelist(), dtype=np.int64).reshape(-1, 2)
        src, dst = e[:, 0], e[:, 1]
        if not H.is_directed():
            src, dst = np.concatenate([src, dst]), np.concatenate([dst, src])
        ones = np.ones(src.size, dtype=np.int8)
        out = sp.csr_array((ones, (src, dst)), shape=(n, n))
        into = sp.csr_array((ones, (dst, src)), shape=(n, n)) if H.is_directed() else out
        _cached = (weakref.ref(H, _forget), out, into, {})
    _, out, into, copies = _cached
    if B not in copies:
        big_out = _copies(out, B)
        copies[B] = (big_out, big_out if into is out else _copies(into, B))
    return copies[B]


def _forget(ref: weakref.ref) -> None:
    """Drop the cached arrays once their graph is gone."""
    global _cached
    if _cached is not None and _cached[0] is ref:
        _cached = None


def _pair_index(batch: _Batch, v: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Index of the pair (v, t) in `batch`'s pair table, or -1 if v does not dominate t."""
    k = batch.depth[v]
    found = (k >= 1) & (k < batch.depth[t])
    at = np.where(found, batch.off[t] + k - 1, 0)
    if batch.pv.size:
        found &= batch.pv[at] == v
    return np.where(found, at, -1)


def _gains(out: sp.csr_array, into: sp.csr_array, n: int, sources: np.ndarray, strong: bool):
    """(gain, forward batch) for one batch of sources; see `removal_sums`."""
    fwd = _Batch(out, into, n, sources)
    counts = fwd.pair_counts()
    if strong:  # a pair must still reach back: dominators of the reverse searches
        back = _Batch(into, out, n, sources)
        counts = counts + back.pair_counts()
    gain = np.zeros(n)
    for b0, b1 in _blocks(counts, _PAIR_BUDGET):
        lo, hi = b0 * n, b1 * n
        pv, pt, new = fwd.replacement(lo, hi)
        old = 1.0 / fwd.dist[pt]
        if strong:
            rv, rt, rnew = back.replacement(lo, hi)
            cut = ~np.isfinite(rnew)
            if cut.any():
                j = _pair_index(back, pv, pt)
                new[(j >= 0) & cut[np.maximum(j, 0)]] = np.inf
            only = cut & (_pair_index(fwd, rv, rt) < 0)  # no longer reaching back, only
            rv, rt = rv[only], rt[only]
            pv, new, old = (
                np.concatenate([pv, rv]),
                np.concatenate([new, np.full(rv.size, np.inf)]),
                np.concatenate([old, 1.0 / fwd.dist[rt]]),
            )
        delta = np.divide(1.0, new, out=np.zeros_like(new), where=np.isfinite(new)) - old
        gain += np.bincount(pv % n, weights=delta, minlength=n)
    return gain, fwd


def _blocks(counts: np.ndarray, budget: int) -> Iterator[tuple[int, int]]:
    """Consecutive ranges of sources with at most `budget` pairs each (or one source)."""
    start, total = 0, 0
    for b, count in enumerate(counts.tolist()):
        if total and total + count > budget:
            yield start, b
            start, total = b, 0
        total += count
    yield start, len(counts)


def removal_cost(H: ig.Graph, sources: np.ndarray, strong: bool = False) -> float:
    """Estimated cost of `removal_sums` per source, in breadth-first searches of `H`.

    ``_SEARCHES`` plus ``_PAIR_COST`` times the pairs per source over the arcs
    plus actors, the pairs counted on up to eight evenly spread `sources` (BFS and
    dominators only). Calibrated on our test machine: 11-22 on sparse social
    networks (block models, random graphs; pairs about 0.1 per arc), 40 on a
    grid, 150 on a random tree, about 600 on a path and 2,800 on a cycle of 300
    actors, where pairs reach 25-50 per arc.
    """
    n = H.vcount()
    pilot = np.unique(sources[np.linspace(0, sources.size - 1, min(8, sources.size)).astype(int)])
    out, into = _batch_graphs(H, pilot.size)
    pairs = _Batch(out, into, n, pilot).pair_counts().mean()
    if strong:
        pairs += _Batch(into, out, n, pilot).pair_counts().mean()
    arcs = H.ecount() * (1 if H.is_directed() else 2)
    return _SEARCHES + _PAIR_COST * float(pairs) / (n + arcs)


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
        then the harmonic sum of each source.
    """
    n = H.vcount()
    sources = np.asarray(sources, dtype=np.int64)
    gain, reach = np.zeros(n), np.zeros(n)
    harmonic = np.zeros(sources.size)
    per = max(1, _BATCH_SIZE // (n + 2 * H.ecount() + 1))
    size = -(-sources.size // max(1, -(-sources.size // per)))  # even batches
    for i in range(0, sources.size, size):
        chunk = sources[i : i + size]
        B = chunk.size
        g, batch = _gains(*_batch_graphs(H, B), n, chunk, strong)
        gain += g
        d = batch.dist.reshape(B, n).astype(float)
        inv = np.divide(1.0, d, out=np.zeros_like(d), where=d > 0)
        harmonic[i : i + B] = inv.sum(axis=1)
        reach += inv.sum(axis=0)
    return np.concatenate([gain, reach, harmonic])
