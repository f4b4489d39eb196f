"""The engine of the fragmentation measures: graphs as integer edge arrays, reach
counts, the cut structure and distance sums, shared by
:mod:`sysmap.metrics.fragmentation` and :mod:`sysmap.metrics.key_players`.

Definitions and references are in :mod:`sysmap.metrics.fragmentation`; nothing here
is public API.
"""

from __future__ import annotations

import itertools
import numbers
from collections.abc import Hashable
from dataclasses import dataclass
from functools import cached_property

import igraph as ig
import networkx as nx
import numpy as np
import scipy.sparse as sp
from scipy.sparse import csgraph

from .._graph import (
    check_graph,
    edge_arrays,
    gc_paused,
    igraph_map,
    sorted_nodes,
    source_chunks,
)
from .._progress import progress_bar
from ..exceptions import ParameterError

_READINGS = ("weak", "strong", "reachability")
#: Memory (bytes) the reachability bitsets and their gathers may use at once.
_BITSET_BUDGET = 64 * 2**20
#: Below this many ties, components are found with igraph rather than scipy.
_SMALL = 5_000
#: Sources per igraph call in the distance loop of the few-removals path.
_CHUNK = 256
#: Fewer removals than this that need searches of their own are computed one by one.
_FEW_REMOVALS = 15

# ----------------------------------------------------------------------------
# plumbing: graphs as integer edge arrays
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Net:
    """`G` as integer edge arrays over ``nodes`` (sorted), self-loops removed."""

    nodes: list[Hashable]
    n: int
    src: np.ndarray
    dst: np.ndarray
    w: np.ndarray | None
    directed: bool

    @cached_property
    def _weak(self) -> tuple[np.ndarray, np.ndarray]:
        if not self.directed:  # networkx already stores each tie once
            return np.minimum(self.src, self.dst), np.maximum(self.src, self.dst)
        a, b, _ = _undirected_pairs(self.n, self.src, self.dst)
        return a, b

    @property
    def ua(self) -> np.ndarray:
        """Unique undirected ties ``ua < ub`` (the weak version)."""
        return self._weak[0]

    @property
    def ub(self) -> np.ndarray:
        return self._weak[1]

    @cached_property
    def undirected_igraph(self) -> ig.Graph:
        """The weak version as igraph; edge i is (ua[i], ub[i])."""
        return _igraph(self.n, self.ua, self.ub, directed=False)


def _prepare(G: nx.Graph, weight: str | None = None) -> _Net:
    check_graph(G)
    nodes = sorted_nodes(G)
    src, dst, w = edge_arrays(G, nodes, weight)
    keep = src != dst
    w = w[keep] if weight is not None else None
    if w is not None and not (np.isfinite(w).all() and (w > 0).all()):
        msg = (
            f"edge attribute {weight!r} must be a positive finite distance on every tie; "
            f"got values in [{w.min()}, {w.max()}]. Convert strengths to lengths first "
            "(e.g. 1 / strength)."
        )
        raise ParameterError(msg)
    return _Net(nodes, len(nodes), src[keep], dst[keep], w, G.is_directed())


def _resolve_reading(G: nx.Graph, reading: str | None) -> str:
    if reading is not None and reading not in _READINGS:
        msg = f"reading must be one of {_READINGS} or None; got {reading!r}."
        raise ParameterError(msg)
    if not G.is_directed():
        return "undirected"
    return "reachability" if reading is None else reading


def _check_sample(sample: object) -> int | None:
    if sample is None:
        return None
    if isinstance(sample, bool) or not isinstance(sample, numbers.Integral) or sample < 1:
        msg = f"sample must be None or a positive int (number of source actors); got {sample!r}."
        raise ParameterError(msg)
    return int(sample)


def _labels(n: int, src: np.ndarray, dst: np.ndarray, *, strong: bool) -> np.ndarray:
    """Component label per node (weak components, or strong ones)."""
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    if src.size < _SMALL:  # igraph has less per-call overhead on small graphs
        H = _igraph(n, src, dst, directed=strong)
        mode = "strong" if strong else "weak"
        return np.asarray(ig.GraphBase.connected_components(H, mode), dtype=np.int64)
    A = sp.csr_array((np.ones(src.size), (src, dst)), shape=(n, n))
    _, labels = csgraph.connected_components(
        A, directed=strong, connection="strong" if strong else "weak"
    )
    return labels.astype(np.int64)


def _undirected_pairs(
    n: int, src: np.ndarray, dst: np.ndarray, w: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Unique unordered ties ``a < b``; a pair tied both ways keeps the smaller weight."""
    a, b = np.minimum(src, dst), np.maximum(src, dst)
    key = a * n + b
    if w is None:
        key = np.unique(key)
        return key // n, key % n, None
    order = np.lexsort((w, key))
    key = key[order]
    first = np.r_[True, key[1:] != key[:-1]] if key.size else np.zeros(0, bool)
    return a[order][first], b[order][first], w[order][first]


def _residual(
    src: np.ndarray, dst: np.ndarray, keep: np.ndarray
) -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
    """Induced subgraph on ``keep`` (bool mask): (n', src', dst', kept node ids)."""
    kept = np.flatnonzero(keep)
    new = np.full(keep.size, -1, dtype=np.int64)
    new[kept] = np.arange(kept.size)
    e = keep[src] & keep[dst]
    return kept.size, new[src[e]], new[dst[e]], kept


def _csr_gather(indptr: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions of the entries of `rows` in a CSR layout, and the row lengths."""
    starts = indptr[rows]
    lens = indptr[rows + 1] - starts
    total = int(lens.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64), lens
    offsets = np.cumsum(lens) - lens
    return np.arange(total) - np.repeat(offsets - starts, lens), lens


def _igraph(n: int, src: np.ndarray, dst: np.ndarray, *, directed: bool) -> ig.Graph:
    """igraph graph on vertices 0..n-1 with edge i = (src[i], dst[i])."""
    with gc_paused():
        return ig.Graph(n=n, edges=list(zip(src.tolist(), dst.tolist())), directed=directed)


if hasattr(np, "bitwise_count"):  # numpy >= 2.0
    _popcount = np.bitwise_count
else:  # pragma: no cover - numpy 1.26
    _POP8 = np.array([bin(i).count("1") for i in range(256)], dtype=np.uint8)

    def _popcount(a: np.ndarray) -> np.ndarray:
        b = _POP8[a.view(np.uint8)].reshape(*a.shape, 8)
        return b.sum(axis=-1, dtype=np.uint8)


# ----------------------------------------------------------------------------
# reachability counts: condensation DAG + chunked bitsets
# ----------------------------------------------------------------------------


def _dag_levels(
    k: int, es: np.ndarray, ed: np.ndarray, outdeg: np.ndarray, indeg: np.ndarray
) -> list[np.ndarray]:
    """Non-sink DAG nodes grouped so every successor lies in an earlier group."""
    rorder = np.argsort(ed, kind="stable")
    pred = es[rorder]
    rindptr = np.concatenate(([0], np.cumsum(indeg)))
    remaining = outdeg.copy()
    frontier = np.flatnonzero(outdeg == 0)
    levels = []
    while frontier.size:
        idx, _ = _csr_gather(rindptr, frontier)
        if not idx.size:
            break
        preds, counts = np.unique(pred[idx], return_counts=True)
        remaining[preds] -= counts
        frontier = preds[remaining[preds] == 0]
        if frontier.size:
            levels.append(frontier)
    return levels


def _reach_counts(
    n: int, src: np.ndarray, dst: np.ndarray, *, budget: int = _BITSET_BUDGET
) -> np.ndarray:
    """Number of *other* nodes each node reaches by a directed path.

    Strong components are contracted to a DAG; each DAG node gets a bitset of the
    components it reaches (only components with incoming DAG arcs need a bit),
    filled in reverse topological order by OR-ing the successors' bitsets. Bits are
    grouped by component size, each size starting a new 64-bit word, so a weighted
    popcount gives the node count. Work is O((c + a) * b / 64) word operations for
    c components, a DAG arcs and b bits; memory is capped at `budget` by processing
    the bit columns in chunks.
    """
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    comp = _labels(n, src, dst, strong=True)
    k = int(comp.max()) + 1
    sizes = np.bincount(comp, minlength=k).astype(np.int64)
    cs, cd = comp[src], comp[dst]
    cross = cs != cd
    key = np.unique(cs[cross] * k + cd[cross])  # sorted by source component
    es, ed = key // k, key % k
    total = sizes.copy()
    if es.size == 0:
        return total[comp] - 1
    indeg = np.bincount(ed, minlength=k)
    outdeg = np.bincount(es, minlength=k)

    # bit columns: targets ordered by size, each size group word-aligned
    targets = np.flatnonzero(indeg)
    targets = targets[np.argsort(sizes[targets], kind="stable")]
    size_values, first, counts = np.unique(sizes[targets], return_index=True, return_counts=True)
    group_words = (counts + 63) // 64
    word_start = np.cumsum(group_words) - group_words
    word_size = np.repeat(size_values, group_words)
    group = np.repeat(np.arange(size_values.size), counts)
    col = word_start[group] * 64 + (np.arange(targets.size) - first[group])
    word, bit = col // 64, (col % 64).astype(np.uint64)
    total[targets] = 0  # their own nodes are counted through their own bit

    levels = _dag_levels(k, es, ed, outdeg, indeg)
    indptr = np.concatenate(([0], np.cumsum(outdeg)))
    n_words = int(group_words.sum())
    chunk = max(1, min(n_words, budget // (8 * k)))
    for w0 in range(0, n_words, chunk):
        w1 = min(n_words, w0 + chunk)
        closed = np.zeros((k, w1 - w0), dtype=np.uint64)
        sel = (word >= w0) & (word < w1)
        closed[targets[sel], word[sel] - w0] = np.left_shift(np.uint64(1), bit[sel])
        batch = max(1, budget // (8 * (w1 - w0)))
        for level in levels:
            eids, lens = _csr_gather(indptr, level)
            owner = np.repeat(level, lens)
            for b0 in range(0, eids.size, batch):
                o = owner[b0 : b0 + batch]
                starts = np.flatnonzero(np.r_[True, o[1:] != o[:-1]])
                closed[o[starts]] |= np.bitwise_or.reduceat(
                    closed[ed[eids[b0 : b0 + batch]]], starts, axis=0
                )
        total += (_popcount(closed).astype(np.int64) * word_size[w0:w1]).sum(axis=1)
    return total[comp] - 1


# ----------------------------------------------------------------------------
# connected pairs per reading
# ----------------------------------------------------------------------------


def _pair_counts(
    n: int, src: np.ndarray, dst: np.ndarray, reading: str, *, reach: np.ndarray | None = None
) -> tuple[int, np.ndarray]:
    """(C, involving): ordered pairs (i, j), i != j, that are connected under
    `reading`, and per node the number of such pairs it belongs to; `reach`, the
    caller's ``_reach_counts(n, src, dst)`` if it has them (reachability)."""
    if n == 0:
        return 0, np.zeros(0, dtype=np.int64)
    if reading == "reachability":
        out = _reach_counts(n, src, dst) if reach is None else reach
        inn = _reach_counts(n, dst, src)
        return int(out.sum()), out + inn
    labels = _labels(n, src, dst, strong=reading == "strong")
    others = np.bincount(labels)[labels].astype(np.int64) - 1
    return int(others.sum()), 2 * others


def _estimated_reach_losses(
    n: int,
    src: np.ndarray,
    dst: np.ndarray,
    sources: np.ndarray,
    sampled: np.ndarray,
    reach: np.ndarray,
) -> np.ndarray:
    """Per actor ``v``: ordered pairs ``(s, t)``, ``s != v != t``, that the ties ``src ->
    dst`` connect and ``G - v`` does not, estimated from `sources`.

    `sampled` holds the exact counts over `sources` alone (``removal_sums``),
    `reach` the number of others each actor reaches (:func:`_reach_counts`). One
    source's losses are concentrated: a source naming a single partner ``w`` loses
    everything it reaches but ``w`` when ``w`` leaves. That part is counted exactly
    for every such source (from the reach counts); only the rest is scaled up by
    ``n / k``, which keeps the estimate unbiased and removes its heaviest tail.
    """
    keep = src != dst
    key = np.unique(src[keep].astype(np.int64) * n + dst[keep])
    tail, head = key // n, key % n
    single = np.bincount(tail, minlength=n) == 1
    partner = np.full(n, -1, dtype=np.int64)
    partner[tail[single[tail]]] = head[single[tail]]
    share = reach - 1.0  # what such a source loses
    alone = np.flatnonzero(single)
    exact = np.bincount(partner[alone], weights=share[alone], minlength=n)
    drawn = sources[single[sources]]
    in_sample = np.bincount(partner[drawn], weights=share[drawn], minlength=n)
    return exact + (sampled - in_sample) * (n / sources.size)


def _never_interior_directed(n: int, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """Nodes without in-ties or without out-ties: never inside a directed path."""
    return (np.bincount(src, minlength=n) == 0) | (np.bincount(dst, minlength=n) == 0)


@dataclass(frozen=True)
class _CutStructure:
    """Per node of an undirected graph: what its removal does to its component."""

    comp_size: np.ndarray  # size of the node's component
    sumsq: np.ndarray  # sum of squared sizes of the pieces left once it is removed
    pieces: np.ndarray  # number of those pieces (= blocks containing the node)
    is_cut: np.ndarray  # articulation point?
    n_components: int
    bridge_ends: np.ndarray  # (b, 2) node ids of bridge ties
    bridge_side: np.ndarray  # (b,) size of the side of bridge_ends[:, 1]


def _cut_structure(
    n: int, a: np.ndarray, b: np.ndarray, H: ig.Graph | None = None
) -> _CutStructure:
    """Articulation points, piece sizes and bridges of a simple undirected graph.

    Linear time: igraph's biconnected components (Hopcroft-Tarjan) give the
    block-cut forest; a cut vertex's pieces are the subtrees hanging off it, sized
    by one pass over the forest in reverse breadth-first order. `H`, if given,
    is the same graph as igraph, edge ``i`` being ``(a[i], b[i])``.
    """
    if H is None:
        H = _igraph(n, a, b, directed=False)
    labels = np.asarray(ig.GraphBase.connected_components(H, "weak"), dtype=np.int64)
    comp_sizes = np.bincount(labels).astype(np.int64) if n else np.zeros(0, dtype=np.int64)
    comp_size = comp_sizes[labels]
    # raw igraph call: a spanning tree (edge ids) per block, and the cut vertices
    trees, cut_list = ig.GraphBase.biconnected_components(H, True)
    nb = len(trees)
    tree_lens = np.fromiter(map(len, trees), dtype=np.int64, count=nb)
    eids = np.fromiter(itertools.chain.from_iterable(trees), dtype=np.int64, count=tree_lens.sum())
    tree_block = np.repeat(np.arange(nb, dtype=np.int64), tree_lens)
    key = np.unique(np.concatenate([tree_block * n + a[eids], tree_block * n + b[eids]]))
    bid, members = key // max(n, 1), key % max(n, 1)
    lens = np.bincount(bid, minlength=nb).astype(np.int64)
    cuts = np.array(sorted(cut_list), dtype=np.int64)
    is_cut = np.zeros(n, dtype=bool)
    is_cut[cuts] = True
    cut_index = np.full(n, -1, dtype=np.int64)
    cut_index[cuts] = np.arange(cuts.size)

    # block-cut forest: nodes 0..nb-1 blocks, nb..nb+nc-1 cut vertices, root nb+nc
    nc = cuts.size
    root = nb + nc
    in_cut = is_cut[members]
    weight = np.concatenate([np.bincount(bid[~in_cut], minlength=nb), np.ones(nc, np.int64)])
    tu, tv = bid[in_cut], nb + cut_index[members[in_cut]]
    block_comp = labels[members[np.cumsum(lens) - lens]] if nb else np.zeros(0, np.int64)
    _, first_block = np.unique(block_comp, return_index=True)
    tu = np.concatenate([tu, np.full(first_block.size, root)])
    tv = np.concatenate([tv, first_block])
    order, _, par = _igraph(root + 1, tu, tv, directed=False).bfs(root)
    sub = weight.tolist() + [0]
    for x in order[:0:-1]:
        sub[par[x]] += sub[x]
    sub = np.asarray(sub[:root], dtype=np.int64)
    parent = np.asarray(par[:root], dtype=np.int64)

    tree_comp_size = np.zeros(root, dtype=np.int64)
    tree_comp_size[:nb] = comp_sizes[block_comp] if nb else 0
    sumsq_t = np.zeros(root, dtype=np.int64)
    pieces_t = np.zeros(root, dtype=np.int64)
    child_of_cut = parent >= nb  # parent is a cut vertex (never the root: roots are blocks)
    child_of_cut &= parent < root
    np.add.at(sumsq_t, parent[child_of_cut], sub[child_of_cut] ** 2)
    np.add.at(pieces_t, parent[child_of_cut], 1)
    cut_nodes = np.arange(nb, root)
    cut_comp = comp_size[cuts]
    sumsq_t[cut_nodes] += (cut_comp - sub[cut_nodes]) ** 2
    pieces_t[cut_nodes] += 1

    sumsq = np.where(comp_size >= 2, (comp_size - 1) ** 2, 0)
    pieces = (comp_size >= 2).astype(np.int64)
    sumsq[cuts] = sumsq_t[cut_nodes]
    pieces[cuts] = pieces_t[cut_nodes]

    # bridges: two-node blocks; size of the side of the end that is not the parent
    two = np.flatnonzero(lens == 2)
    ends = members[(np.cumsum(lens) - lens)[two, None] + np.arange(2)]
    tree_vertex = np.concatenate([np.full(nb, -1), cuts, [-1]])
    swap = ends[:, 1] == tree_vertex[parent[two]]
    ends[swap] = ends[swap][:, ::-1]
    far = ends[:, 1]
    cut_sub = np.zeros(n, dtype=np.int64)
    cut_sub[cuts] = sub[nb:]
    side = np.where(is_cut[far], cut_sub[far], 1)
    return _CutStructure(
        comp_size=comp_size,
        sumsq=sumsq.astype(np.int64),
        pieces=pieces,
        is_cut=is_cut,
        n_components=int(comp_sizes.size),
        bridge_ends=ends,
        bridge_side=side.astype(np.int64),
    )


# ----------------------------------------------------------------------------
# distances: harmonic sums on igraph
# ----------------------------------------------------------------------------


def _distance_graph(
    n: int, src: np.ndarray, dst: np.ndarray, w: np.ndarray | None, reading: str
) -> ig.Graph:
    """The graph whose distances define DF under `reading` (see distance_fragmentation)."""
    if reading in ("undirected", "weak"):
        src, dst, w = _undirected_pairs(n, src, dst, w)
        directed = False
    else:
        directed = True
        if reading == "strong":
            labels = _labels(n, src, dst, strong=True)
            keep = labels[src] == labels[dst]
            src, dst = src[keep], dst[keep]
            w = w[keep] if w is not None else None
    D = _igraph(n, src, dst, directed=directed)
    if w is not None:
        D.es["weight"] = w.tolist()
    return D


def _harmonic(
    D: ig.Graph,
    vertices: np.ndarray | None = None,
    *,
    mode: str = "out",
    progress: bool = False,
    desc: str = "harmonic sums",
    n_jobs: int | None = None,
) -> np.ndarray:
    """Sum over targets of 1/d(v, t) (mode "out") or over sources (mode "in").

    Each value comes from its own search, so the result does not depend on the
    chunks or on `n_jobs` (see :func:`sysmap._graph.igraph_map`).
    """
    verts = np.arange(D.vcount()) if vertices is None else np.asarray(vertices)
    if verts.size == 0:
        return np.zeros(0)
    weights = "weight" if "weight" in D.es.attributes() else None
    chunks = source_chunks(verts)
    parts = igraph_map(
        D,
        "harmonic_centrality",
        chunks,
        arg="vertices",
        mode=mode,
        weights=weights,
        normalized=False,
        n_jobs=n_jobs,
        progress=progress,
        desc=desc,
        leave=False,
    )
    return np.concatenate(parts)


@dataclass(frozen=True)
class _RemovalSums:
    """Sums of 1/d over ordered pairs of sampled sources, before and after removals."""

    base: float  # sum over sources s of harmonic(s) in G
    n_sources: int
    after: np.ndarray  # per candidate v: sum over sources s != v of harmonic(s) in G - v
    n_sources_after: np.ndarray  # per candidate: number of sources other than v
    # per actor v (all n): pairs (s, t), s a source, s != v != t, that G connects and
    # G - v does not (not for "strong"; None where removals ran one by one)
    lost: np.ndarray | None = None


def _df_removal_sums(
    n: int,
    src: np.ndarray,
    dst: np.ndarray,
    reading: str,
    candidates: np.ndarray,
    *,
    sources: np.ndarray | None = None,
    progress: bool = False,
    n_jobs: int | None = None,
) -> _RemovalSums:
    """Harmonic sums of G - v for each candidate v (unweighted distances).

    All candidates at once from the dominator trees of the shortest-path DAGs
    (:mod:`sysmap.metrics._replacement_paths`: about 3-5 breadth-first searches
    per source on social networks), unless the candidates that need a search of
    their own (:func:`_df_removal_loop`: one per source each) are fewer than
    ``_FEW_REMOVALS``.
    """
    candidates = np.asarray(candidates, dtype=np.int64)
    D = _distance_graph(n, src, dst, None, reading)
    chosen = np.arange(n) if sources is None else np.asarray(sources, dtype=np.int64)
    loud = int(_loud(D, src, dst, reading)[candidates].sum())
    if loud < _FEW_REMOVALS:
        return _df_removal_loop(
            D, src, dst, reading, candidates, sources=sources, progress=progress, n_jobs=n_jobs
        )
    from ._replacement_paths import removal_sums  # numba: imported when needed

    chunks = source_chunks(chosen)
    parts = igraph_map(
        D,
        removal_sums,
        chunks,
        arg="sources",
        strong=reading == "strong",
        n_jobs=n_jobs,
        progress=progress,
        desc="removals",
        leave=False,
    )
    gain, col, lost = np.zeros(n), np.zeros(n), np.zeros(n)
    h_src = np.zeros(n)
    for chunk, part in zip(chunks, parts):
        gain += part[:n]
        col += part[n : 2 * n]
        lost += part[2 * n : 3 * n]
        h_src[chunk] = part[3 * n :]
    base = float(h_src.sum())
    after = base - h_src[candidates] - col[candidates] + gain[candidates]
    is_source = np.zeros(n, dtype=bool)
    is_source[chosen] = True
    n_sources_after = chosen.size - is_source[candidates].astype(np.int64)
    return _RemovalSums(
        base, chosen.size, after, n_sources_after, None if reading == "strong" else lost
    )


def _loud(D: ig.Graph, src: np.ndarray, dst: np.ndarray, reading: str) -> np.ndarray:
    """Actors whose removal may lengthen distances between others (see _df_removal_loop);
    `D` is the distance graph of the ties ``src -> dst``."""
    n = D.vcount()
    if reading in ("undirected", "weak"):
        deg = np.asarray(D.degree())
        trans = np.asarray(D.transitivity_local_undirected(mode="zero"))
        return ~((deg <= 1) | (trans > 1 - 1e-12))
    if reading == "reachability":
        return ~_never_interior_directed(n, src, dst)
    labels = _labels(n, src, dst, strong=True)
    return np.bincount(labels)[labels] > 1 if n else np.zeros(0, dtype=bool)


def _df_removal_loop(
    D: ig.Graph,
    src: np.ndarray,
    dst: np.ndarray,
    reading: str,
    candidates: np.ndarray,
    *,
    sources: np.ndarray | None = None,
    progress: bool = False,
    n_jobs: int | None = None,
) -> _RemovalSums:
    """Harmonic sums of G - v for a few candidates v: one search of v's region each.

    Only the component of v is recomputed (the weak component for
    ``"reachability"``, the strong one for ``"strong"``). Actors that sit inside no
    shortest path between others need no recomputation: those without in- or
    out-ties (directed), and simplicial actors, whose neighbours are all tied to
    each other (undirected; this covers pendants). Their removal only deletes the
    pairs they belong to.
    """
    n = D.vcount()
    if sources is None:
        h_out = _harmonic(D, mode="out", progress=progress, desc="distances in G", n_jobs=n_jobs)
        col = _harmonic(D, mode="in", n_jobs=n_jobs) if D.is_directed() else h_out
        is_source = np.ones(n, dtype=bool)
    else:
        h_out, col = np.zeros(n), np.zeros(n)
        for i in range(0, sources.size, _CHUNK // 8):
            chunk = sources[i : i + _CHUNK // 8]
            with gc_paused():
                d = np.asarray(D.distances(source=chunk.tolist(), mode="out"), dtype=float)
            inv = np.divide(1.0, d, out=np.zeros_like(d), where=d > 0)
            h_out[chunk] = inv.sum(axis=1)
            col += inv.sum(axis=0)
        is_source = np.zeros(n, dtype=bool)
        is_source[sources] = True
    h_src = np.where(is_source, h_out, 0.0)
    base = float(h_src.sum())

    region = _labels(n, src, dst, strong=reading == "strong")
    quiet = ~_loud(D, src, dst, reading)
    region_sum = np.bincount(region, weights=h_src)

    # nodes and ties of each region, with local indices
    norder = np.argsort(region, kind="stable")
    nstart = np.searchsorted(region[norder], np.arange(region.max() + 1 if n else 0))
    local = np.empty(n, dtype=np.int64)
    local[norder] = np.arange(n) - nstart[region[norder]]
    inner = region[src] == region[dst]  # all ties, except between strong components
    src, dst = src[inner], dst[inner]
    eorder = np.argsort(region[src], kind="stable")
    estart = np.searchsorted(region[src][eorder], np.arange(region.max() + 2 if n else 1))
    nstart = np.append(nstart, n)

    after = np.empty(candidates.size)
    n_after = sources.size if sources is not None else n
    n_sources_after = n_after - is_source[candidates].astype(np.int64)
    loud = np.flatnonzero(~quiet[candidates])
    calm = candidates[quiet[candidates]]
    after[quiet[candidates]] = base - h_src[calm] - col[calm]
    for i in progress_bar(loud.tolist(), desc="removals", progress=progress, leave=False):
        v = candidates[i]
        r = region[v]
        members = norder[nstart[r] : nstart[r + 1]]
        e = eorder[estart[r] : estart[r + 1]]
        lv = local[v]
        es, ed = local[src[e]], local[dst[e]]
        keep = (es != lv) & (ed != lv)
        es, ed = es[keep], ed[keep]
        es, ed = es - (es > lv), ed - (ed > lv)
        rest = np.delete(members, lv)
        Dv = _distance_graph(rest.size, es, ed, None, reading)
        srcs = np.flatnonzero(is_source[rest])
        inside = _harmonic(Dv, srcs, n_jobs=n_jobs).sum() if srcs.size else 0.0
        after[i] = base - region_sum[r] + inside
    return _RemovalSums(base, n_after, after, n_sources_after)
