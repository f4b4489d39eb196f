r"""Spans of local bridges from one breadth-first search per root actor, compiled (numba).

The span of a tie ``(r, c)`` is the distance from ``r`` to ``c`` once the tie is
gone. In a search from ``r`` label every actor by the neighbour of ``r`` that
starts its shortest paths from ``r`` (or "several"), and let ``A_c`` be the actors
labelled only ``c``. A shortest ``r - c`` path avoiding the tie leaves ``r``
towards another neighbour, so it must cross from an actor ``y`` outside ``A_c``
into an actor ``x`` of ``A_c`` and then reach ``c`` inside ``A_c``; its length is
at least ``d(y) + 1 + d(x, c) >= d(y) + d(x)`` (``d(x, c) >= d(x) - 1``), and a
shortest path to ``y`` followed by the tie ``y - x`` and ``x``'s shortest path
back to ``c`` has exactly that length. So

.. math:: \mathrm{span}(r, c) = \min_{x \in A_c,\ y \notin A_c,\ x \sim y,\ y \ne r} d(y) + d(x)

The search runs level by level; while it scans level ``L`` every tie it meets
gives ``2L`` (both ends at depth ``L``) or ``2L + 1`` (an actor of depth
``L + 1`` reached from two labels), so after level ``L`` a tie whose best value
is at most ``2L + 2``, or whose ``A_c`` has no actor at the next depth, is
settled. The search stops when all ties of its root are settled (about
``span / 2`` levels), after `levels` levels (a tie still open is then longer
than ``2 levels + 1``), or once it has scanned `work` adjacency entries (next to
hubs; its open ties are left at 0 for the caller's per-tie searches).
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["root_spans"]

_MULTI = -2  # label of an actor reached from several neighbours of the root
_ROOT = -3


@njit(cache=True, nogil=True)
def _candidate(slot_of, best, label, value):
    if label >= 0:
        t = slot_of[label]
        if t >= 0 and value < best[t]:
            best[t] = value


@njit(cache=True, nogil=True)
def root_spans(indptr, indices, roots, tptr, tother, levels, work, out):
    """Spans of the ties ``(roots[k], tother[t])``, ``t`` in ``tptr[k]:tptr[k + 1]``.

    Writes ``out[t]``: the span; ``2 levels + 2`` for a tie longer than
    ``2 levels + 1``; 0 where the root's search went over `work` entries.
    """
    n = indptr.size - 1
    # depth and label of each actor in one word (one memory access per tie scanned):
    # (label + 4) << 32 | depth; -1 not reached
    state = np.full(n, -1, dtype=np.int64)
    queue = np.empty(n, dtype=np.int64)
    slot_of = np.full(n, -1, dtype=np.int64)
    best = np.empty(tother.size, dtype=np.int64)
    alive = np.zeros(tother.size, dtype=np.int64)
    settled = np.zeros(tother.size, dtype=np.bool_)
    big = np.iinfo(np.int64).max
    for k in range(roots.size):
        r = roots[k]
        t0, t1 = tptr[k], tptr[k + 1]
        for t in range(t0, t1):
            slot_of[tother[t]] = t
            best[t] = big
        open_ties = t1 - t0
        state[r] = (_ROOT + 4) << 32
        queue[0] = r
        size = 1
        for e in range(indptr[r], indptr[r + 1]):
            c = indices[e]
            state[c] = ((c + 4) << 32) | 1
            queue[size] = c
            size += 1
        a, b, level, scanned = 1, size, 1, 0
        while open_ties > 0 and a < b and level <= levels and scanned <= work:
            for i in range(a, b):
                x = queue[i]
                lx = (state[x] >> 32) - 4
                scanned += indptr[x + 1] - indptr[x]
                for e in range(indptr[x], indptr[x + 1]):
                    y = indices[e]
                    if y == r:
                        continue
                    sy = state[y]
                    if sy < 0:
                        state[y] = ((lx + 4) << 32) | (level + 1)
                        queue[size] = y
                        size += 1
                        continue
                    dy = sy & 0xFFFFFFFF
                    ly = (sy >> 32) - 4
                    if dy == level + 1:
                        if ly != lx:  # reached from two labels: both cross here
                            _candidate(slot_of, best, ly, 2 * level + 1)
                            _candidate(slot_of, best, lx, 2 * level + 1)
                            state[y] = ((_MULTI + 4) << 32) | dy
                    elif dy == level:
                        if ly != lx:
                            _candidate(slot_of, best, lx, 2 * level)
                            _candidate(slot_of, best, ly, 2 * level)
            for i in range(b, size):  # the next level's actors of each open tie's A_c
                ly = (state[queue[i]] >> 32) - 4
                if ly >= 0 and slot_of[ly] >= 0:
                    alive[slot_of[ly]] += 1
            for t in range(t0, t1):
                if not settled[t] and (best[t] <= 2 * level + 2 or alive[t] == 0):
                    settled[t] = True
                    open_ties -= 1
                alive[t] = 0
            a, b, level = b, size, level + 1
        for t in range(t0, t1):
            if settled[t] and best[t] < big:
                out[t] = best[t]
            elif scanned <= work and level > levels:  # longer than searched
                out[t] = 2 * levels + 2
            else:
                out[t] = 0
            slot_of[tother[t]] = -1
            settled[t] = False
        for i in range(size):
            state[queue[i]] = -1
