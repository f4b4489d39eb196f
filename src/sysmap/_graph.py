"""Shared graph plumbing: the graphs sysmap accepts, node order and igraph conversion.

Metrics take networkx graphs (the researcher's object) and run the heavy work
on igraph's compiled core or on scipy sparse matrices. Conversion goes through
numpy edge arrays, never through ``networkx`` iteration per algorithm.
:func:`check_graph` is the one entry check: it accepts networkx graphs and
multigraphs and :class:`igraph.Graph` objects, and returns the simple networkx
graph the measures read.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import numbers
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from contextlib import contextmanager
from functools import partial
from itertools import chain

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from ._progress import progress_bar
from .exceptions import GraphTypeError, ParameterError

__all__ = [
    "GRAPH_TYPES",
    "actor_frame",
    "check_graph",
    "check_n_jobs",
    "collapse_multigraph",
    "edge_arrays",
    "from_igraph",
    "gc_paused",
    "igraph_map",
    "sorted_nodes",
    "to_csr",
    "to_igraph",
]


#: The graph objects :func:`check_graph` accepts (for ``isinstance`` checks that
#: tell a graph from other inputs, such as a reader's ``NetworkData``).
GRAPH_TYPES = (nx.Graph, ig.Graph)


class Conversions:
    """The node order and edge arrays of one graph, kept for :func:`conversions_kept`."""

    def __init__(self, G: nx.Graph) -> None:
        self.G = G
        self.nodes: list[Hashable] | None = None
        self.arrays: dict[str | None, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}


_kept: Conversions | None = None


@contextmanager
def conversions_kept(kept: Conversions) -> Iterator[None]:
    """Within: :func:`sorted_nodes` of ``kept.G`` and :func:`edge_arrays` of it in that
    order are computed once and kept in `kept` (read-only arrays), for later calls too.
    The graph must not change meanwhile: a :class:`~sysmap.metrics.store.MeasureStore`
    holds its graph's conversions around its measures, which would otherwise each
    convert the graph (about 20 s per conversion at a million actors)."""
    global _kept
    if _kept is not None:  # nested (a measure reading another): the outer one holds
        yield
        return
    _kept = kept
    try:
        yield
    finally:
        _kept = None


def sorted_nodes(nodes: Iterable[Hashable]) -> list[Hashable]:
    """Nodes in canonical order: natural order if comparable, else by ``str``."""
    if _kept is not None and nodes is _kept.G:
        if _kept.nodes is None:
            _kept.nodes = _sorted(nodes)
        return _kept.nodes
    return _sorted(nodes)


def _sorted(nodes: Iterable[Hashable]) -> list[Hashable]:
    nodes = list(nodes)
    try:
        return sorted(nodes)
    except TypeError:
        return sorted(nodes, key=lambda n: (type(n).__name__, str(n)))


def check_graph(G: object, *, directed: bool | None = None, name: str = "G") -> nx.Graph:
    """The graph a measure reads: `G` checked, and converted where sysmap can.

    Every public function that takes a graph calls this first (``G =
    check_graph(G)``), so all of them accept the same inputs:

    - a :class:`networkx.Graph` or :class:`networkx.DiGraph`: returned as it is
      (not copied; measures never modify it);
    - a :class:`networkx.MultiGraph` or :class:`networkx.MultiDiGraph`: its
      parallel ties collapsed into one tie per pair (per ordered pair if
      directed) by :func:`collapse_multigraph` (the rule is documented there);
    - an :class:`igraph.Graph`: converted by :func:`from_igraph` (vertex and
      edge attributes kept, the ``name`` attribute as actor id when it names
      every vertex uniquely), then collapsed if it has parallel edges.

    Parameters
    ----------
    G : networkx graph or igraph.Graph
    directed : bool or None, default=None
        ``True``: the measure needs directed ties; ``False``: undirected ties;
        ``None``: either.
    name : str, default="G"
        How the graph is called in messages (``"G1"``, ``"wave 2"``).

    Returns
    -------
    networkx.Graph or networkx.DiGraph

    Raises
    ------
    GraphTypeError
        If `G` is not a graph, or not of the kind `directed` asks for (the
        message says how to get one, and which choice that involves).
    """
    if isinstance(G, ig.Graph):
        G = from_igraph(G)
    elif not isinstance(G, nx.Graph):
        msg = (
            f"{name} must be a networkx graph (Graph, DiGraph, MultiGraph, MultiDiGraph) "
            f"or an igraph.Graph; got {type(G).__name__}."
        )
        raise GraphTypeError(msg)
    if G.is_multigraph():
        G = collapse_multigraph(G)
    if directed is True and not G.is_directed():
        msg = (
            f"{name} must be directed: this measure reads who named whom, which an undirected "
            "graph no longer holds. Build the graph of reports with "
            "sysmap.build_network(data, symmetrize=None)."
        )
        raise GraphTypeError(msg)
    if directed is False and G.is_directed():
        msg = (
            f"{name} must be undirected. Turning reports into ties is a choice: "
            "sysmap.build.undirected_network(G, rule) applies a tie rule ('union': either "
            "side reports the tie, the default for surveys; 'mutual': both do)."
        )
        raise GraphTypeError(msg)
    return G


def collapse_multigraph(G: nx.MultiGraph) -> nx.Graph:
    """One tie per pair of actors: the parallel ties of a multigraph combined.

    A :class:`networkx.MultiGraph` becomes a :class:`networkx.Graph`, a
    :class:`networkx.MultiDiGraph` a :class:`networkx.DiGraph` (one tie per
    ordered pair), with every actor and its attributes. The ties of a pair
    are combined attribute by attribute:

    ``weight``
        The sum of the ties' ``weight`` values, a tie without one counting 1;
        for ties without weights that is the number of parallel ties (the
        rule of networkx's ``MultiGraph`` documentation and igraph's
        ``simplify(combine_edges="sum")``). Every tie of the result has it.
    numbers (other attributes)
        The largest value, as :func:`sysmap.build.ties.merge_ties` combines
        several reports of a pair with ``combine="max"`` (its default).
    text (``relation``, ...)
        The distinct values, sorted and joined with ``|``, as
        :func:`~sysmap.build.build_network` writes ``relation``
        (``"grants|joint programs"``); a text that already is such a list
        is split first.
    lists
        The distinct items of all lists, sorted, as a list.

    Missing values (None, NaN, blank text) are left out; an attribute that no
    tie of the pair has stays absent. A pair with one tie keeps that tie's
    attributes as they are (``weight`` 1 added when it has none).
    ``graph["sysmap"]["multigraph"]`` records how many ties became how many
    pairs.

    Examples
    --------
    >>> M = nx.MultiGraph()
    >>> M.add_edge("a", "b", relation="grants", trust=2)
    0
    >>> M.add_edge("a", "b", relation="joint programs", trust=4)
    1
    >>> collapse_multigraph(M).edges["a", "b"]
    {'relation': 'grants|joint programs', 'trust': 4, 'weight': 2}
    """
    directed = G.is_directed()
    H: nx.Graph = nx.DiGraph() if directed else nx.Graph()
    H.graph.update(G.graph)
    H.add_nodes_from(G.nodes(data=True))
    done: set[Hashable] = set()
    edges = []
    with gc_paused():
        for u, neighbours in G.adjacency():
            for v, keyed in neighbours.items():
                if not directed and v in done:
                    continue
                if len(keyed) == 1:  # one tie: its attributes as they are
                    (data,) = keyed.values()
                    data = dict(data)
                    if data.get("weight") is None:
                        data["weight"] = 1
                    edges.append((u, v, data))
                else:
                    edges.append((u, v, _combine_ties(u, v, list(keyed.values()))))
            done.add(u)
        H.add_edges_from(edges)
    info = G.graph.get("sysmap")
    record = {"ties": G.number_of_edges(), "pairs": H.number_of_edges()}
    H.graph["sysmap"] = (
        {**info, "multigraph": record} if isinstance(info, dict) else {"multigraph": record}
    )
    return H


def _combine_ties(u: Hashable, v: Hashable, ties: list[dict]) -> dict:
    """The attributes of one pair's parallel ties combined (see :func:`collapse_multigraph`)."""
    from ._attributes import is_missing  # _attributes imports this module

    def missing(value: object) -> bool:
        return not isinstance(value, _COLLECTIONS) and is_missing(value)

    values: dict[Hashable, list] = {}
    for data in ties:
        for key, value in data.items():
            if key != "weight" and not missing(value):
                values.setdefault(key, []).append(value)
    out: dict = {}
    for key, found in values.items():
        if all(isinstance(x, numbers.Real) for x in found):
            out[key] = max(found)
        elif all(isinstance(x, _COLLECTIONS) for x in found):
            out[key] = sorted_nodes({item for x in found for item in x})
        else:
            parts = {p for x in found for p in str(x).split("|") if p.strip()}
            out[key] = "|".join(sorted(parts))
    weights = [1 if missing(w := data.get("weight")) else w for data in ties]
    if not all(isinstance(w, numbers.Real) for w in weights):
        bad = next(w for w in weights if not isinstance(w, numbers.Real))
        msg = (
            f"the parallel ties ({u!r}, {v!r}) have weight={bad!r}; a weight must be a "
            "number to add parallel ties."
        )
        raise ParameterError(msg)
    out["weight"] = sum(weights)
    return out


_COLLECTIONS = (list, tuple, set, frozenset)


def _records(columns: dict[str, list], n: int) -> list[dict]:
    """Attribute columns as one dict per row, ``None`` values (igraph's fill) left out."""
    if not columns:
        return [{} for _ in range(n)]
    names, rows = list(columns), zip(*columns.values())
    if any(None in column for column in columns.values()):
        return [{k: x for k, x in zip(names, row) if x is not None} for row in rows]
    return [dict(zip(names, row)) for row in rows]


def from_igraph(H: ig.Graph) -> nx.Graph:
    """An :class:`igraph.Graph` as a networkx graph, with all its attributes.

    The vertex attribute ``name`` becomes the actor id when every vertex has a
    distinct, hashable one (igraph's own convention for vertex names), and
    stays a node attribute as well; otherwise actors are the vertex indices
    ``0 .. n-1``. Vertex attributes become node attributes, edge attributes
    tie attributes and graph attributes ``G.graph`` entries; ``None`` values
    (igraph's fill for an attribute a vertex or edge lacks) are left out. A
    graph with parallel edges becomes a multigraph (:func:`check_graph`
    collapses it).

    Examples
    --------
    >>> H = ig.Graph([(0, 1), (1, 2)], vertex_attrs={"name": ["a", "b", "c"]},
    ...              edge_attrs={"weight": [2.0, 1.0]})
    >>> G = from_igraph(H)
    >>> sorted(G.edges(data="weight")), G.nodes["a"]
    ([('a', 'b', 2.0), ('b', 'c', 1.0)], {'name': 'a'})
    """
    directed, multi = H.is_directed(), H.has_multiple()
    cls = {
        (False, False): nx.Graph,
        (True, False): nx.DiGraph,
        (False, True): nx.MultiGraph,
        (True, True): nx.MultiDiGraph,
    }[(directed, multi)]
    G = cls()
    G.graph.update({key: H[key] for key in H.attributes()})
    ids: list[Hashable] = list(range(H.vcount()))
    if "name" in H.vs.attributes():
        names = H.vs["name"]
        try:
            usable = None not in names and len(set(names)) == len(names)
        except TypeError:  # unhashable names
            usable = False
        if usable:
            ids = names
    with gc_paused():
        G.add_nodes_from(zip(ids, _records({a: H.vs[a] for a in H.vs.attributes()}, len(ids))))
        src, dst = zip(*H.get_edgelist()) if H.ecount() else ((), ())
        records = _records({a: H.es[a] for a in H.es.attributes()}, H.ecount())
        G.add_edges_from(zip((ids[i] for i in src), (ids[j] for j in dst), records))
    return G


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small Python objects.

    With a large networkx graph alive, the collector would otherwise rescan it
    several times while edge lists are built (3-5x slower).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def edge_arrays(
    G: nx.Graph, nodes: list[Hashable], weight: str | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ties of `G` as index arrays ``(src, dst, w)`` into `nodes`.

    Directed graphs give each arc once; undirected graphs each edge once (with
    ``src <= dst``). Self-loops are included. Reads the adjacency dicts
    directly, which is about twice as fast as iterating ``G.edges(data=True)``.

    Raises
    ------
    ParameterError
        If `weight` is given and some tie has it set to None or NaN.
    """
    if _kept is not None and G is _kept.G and nodes is _kept.nodes:
        if weight not in _kept.arrays:
            arrays = _edge_arrays(G, nodes, weight)
            for a in arrays:
                a.flags.writeable = False
            _kept.arrays[weight] = arrays
        return _kept.arrays[weight]
    return _edge_arrays(G, nodes, weight)


def _edge_arrays(
    G: nx.Graph, nodes: list[Hashable], weight: str | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    index = {v: i for i, v in enumerate(nodes)}
    with gc_paused():
        rows = list(G.adjacency())
        lens = np.fromiter((len(nbrs) for _, nbrs in rows), dtype=np.int64, count=len(rows))
        heads = np.fromiter((index[u] for u, _ in rows), dtype=np.int64, count=len(rows))
        total = int(lens.sum())
        flat = chain.from_iterable(nbrs for _, nbrs in rows)
        dst = np.fromiter(map(index.__getitem__, flat), dtype=np.int64, count=total)
        if weight is None:
            w = np.ones(total, dtype=float)
        else:
            data = chain.from_iterable(nbrs.values() for _, nbrs in rows)
            w = np.fromiter((_number(d.get(weight, 1)) for d in data), dtype=float, count=total)
    src = np.repeat(heads, lens)
    if not G.is_directed():
        keep = src <= dst
        src, dst, w = src[keep], dst[keep], w[keep]
    if weight is not None and np.isnan(w).any():
        msg = f"edge attribute {weight!r} is missing (None/NaN) on some ties; fill or drop them."
        raise ParameterError(msg)
    return src, dst, w


def _number(value: object) -> float:
    return np.nan if value is None else float(value)


def to_igraph(
    G: nx.Graph, *, weight: str | None = None, nodes: list[Hashable] | None = None
) -> tuple[ig.Graph, list[Hashable]]:
    """Convert `G` to an :class:`igraph.Graph` with vertices in `nodes` order.

    Returns
    -------
    (igraph.Graph, list)
        The graph (edge attribute ``"weight"`` when `weight` is given) and the
        node list: vertex ``i`` is ``nodes[i]``.
    """
    nodes = sorted_nodes(G) if nodes is None else nodes
    src, dst, w = edge_arrays(G, nodes, weight)
    with gc_paused():
        H = ig.Graph(
            n=len(nodes), edges=np.column_stack([src, dst]).tolist(), directed=G.is_directed()
        )
    if weight is not None:
        H.es["weight"] = w.tolist()
    return H, nodes


def to_csr(
    G: nx.Graph, *, weight: str | None = None, nodes: list[Hashable] | None = None
) -> tuple[sp.csr_array, list[Hashable]]:
    """Adjacency matrix of `G` as a sparse CSR array (symmetric for undirected graphs).

    Self-loops are kept as given; parallel entries cannot occur (simple graphs).
    """
    nodes = sorted_nodes(G) if nodes is None else nodes
    n = len(nodes)
    src, dst, w = edge_arrays(G, nodes, weight)
    if not G.is_directed():
        loop = src == dst
        src, dst, w = (
            np.concatenate([src, dst[~loop]]),
            np.concatenate([dst, src[~loop]]),
            np.concatenate([w, w[~loop]]),
        )
    A = sp.csr_array((w, (src, dst)), shape=(n, n))
    A.sum_duplicates()
    return A, nodes


def actor_frame(nodes: list[Hashable], columns: dict[str, object]) -> pd.DataFrame:
    """A metric result: one row per actor (index named ``actor``), rows in canonical order."""
    frame = pd.DataFrame(columns, index=pd.Index(nodes, name="actor", tupleize_cols=False))
    return frame.loc[sorted_nodes(frame.index)] if len(frame) else frame


# ---------------------------------------------------------------------------
# running igraph over chunks of vertices, optionally in worker processes
# ---------------------------------------------------------------------------

#: Below this much work (vertices in all chunks x (vertices + edges)), ``n_jobs``
#: is ignored: starting worker processes would cost more than it saves.
PARALLEL_MIN_WORK = 5e7
#: Idle worker processes exit after this many seconds (they are reused until then).
WORKER_TIMEOUT = 300
#: Whether the calling process computes chunks too (tests switch it off to make
#: the workers do every chunk).
_PARENT_COMPUTES = True
#: Seconds this process sleeps (GIL released) after each chunk it computes itself.
_FEED_PAUSE = 0.002
#: Worker results up to this size travel through the pipe, larger ones through a file.
_INLINE_BYTES = 16_384
#: Source searches come in at most this many chunks of at least MIN_CHUNK sources
#: (progress steps, and work for several processes; each chunk costs about 2 ms of
#: its own: 100 chunks cost 0.2 s at 2,000 actors).
SOURCE_CHUNKS = 16
MIN_CHUNK = 8
_executor: tuple[object, int] | None = None  # (loky executor, number of workers)
_worker_graph: tuple[str, ig.Graph] | None = None  # (graph file, graph) inside a worker


def check_n_jobs(n_jobs: int | None) -> int:
    """Number of processes for `n_jobs`, joblib's convention.

    ``None`` and ``1`` mean one (no worker processes); ``-1`` all CPUs, ``-2``
    all but one, and so on (at least one).

    Raises
    ------
    ParameterError
        If `n_jobs` is not None or a non-zero int.

    Examples
    --------
    >>> check_n_jobs(None), check_n_jobs(3)
    (1, 3)
    """
    if n_jobs is None:
        return 1
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, numbers.Integral) or n_jobs == 0:
        msg = f"n_jobs must be None or a non-zero int (-1 = all CPUs); got {n_jobs!r}."
        raise ParameterError(msg)
    if n_jobs > 0:
        return int(n_jobs)
    from joblib import cpu_count

    return max(1, cpu_count() + 1 + int(n_jobs))


def source_chunks(sources: np.ndarray) -> list[np.ndarray]:
    """`sources` in contiguous chunks for :func:`igraph_map`.

    At most ``SOURCE_CHUNKS`` chunks of at least ``MIN_CHUNK`` sources (small
    graphs: one chunk; a million actors' 32 sampled sources: four). How many
    depends only on the number of sources, never on ``n_jobs`` or ``progress``,
    so per-chunk results combined in chunk order are the same bits wherever
    they were computed.

    Examples
    --------
    >>> [c.tolist() for c in source_chunks(np.arange(20))]
    [[0, 1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12, 13], [14, 15, 16, 17, 18, 19]]
    """
    k = max(1, min(SOURCE_CHUNKS, -(-len(sources) // MIN_CHUNK)))
    return np.array_split(np.asarray(sources), k)


def igraph_map(
    H: ig.Graph,
    method: str | Callable,
    chunks: Sequence[Sequence[int]],
    *,
    arg: str,
    n_jobs: int | None = None,
    progress: bool = False,
    desc: str | None = None,
    leave: bool = True,
    **kwargs: object,
) -> list[np.ndarray]:
    """``H.<method>(<arg>=chunk, **kwargs)`` for every chunk, as float arrays in chunk order.

    `method` names an igraph method, or is a module-level function called as
    ``method(H, <arg>=chunk, **kwargs)`` (worker processes import it by name).

    With ``n_jobs > 1`` (and enough work, see ``PARALLEL_MIN_WORK``) this
    process and ``n_jobs - 1`` worker processes share the chunks (loky workers,
    kept alive for ``WORKER_TIMEOUT`` seconds and reused; python-igraph holds
    the GIL, so threads would not help). Workers rebuild `H` once per call from
    its edge list (and ``"weight"`` edge attribute), which gives the same vertex
    and edge order, hence identical numbers. Results do not depend on `n_jobs`:
    callers combine them in chunk order.

    When the caller chose a joblib backend (``joblib.parallel_config``, or a
    ``dask.distributed.Client`` in scope: a Dask cluster), the chunks go through
    :func:`sysmap._parallel.run_chunks` instead, whatever their size.
    """
    from ._parallel import external_backend, run_chunks

    chunks = [[int(v) for v in c] for c in chunks]
    jobs = check_n_jobs(n_jobs)
    if len(chunks) > 1 and external_backend() is not None:
        tasks = ((H, method, arg, chunk, kwargs) for chunk in chunks)
        return run_chunks(
            _chunk, tasks, n_jobs=n_jobs, progress=progress, desc=desc, total=len(chunks)
        )
    work = sum(map(len, chunks)) * (H.vcount() + H.ecount())
    bar = progress_bar(total=len(chunks), desc=desc, unit="chunk", progress=progress, leave=leave)

    def run(chunk: list[int]) -> np.ndarray:
        return _chunk(H, method, arg, chunk, kwargs)

    with bar:
        if jobs == 1 or len(chunks) < 2 or work < PARALLEL_MIN_WORK:
            results = []
            for chunk in chunks:
                results.append(run(chunk))
                bar.update()
            return results
        return _parallel_map(H, method, chunks, arg, kwargs, jobs - 1, run, bar)


def _chunk(H: ig.Graph, method: str | Callable, arg: str, chunk: list[int], kwargs: dict):
    """One chunk of :func:`igraph_map` as a joblib task (any backend)."""
    return np.asarray(_bound(H, method)(**{arg: chunk}, **kwargs), dtype=float)


def _bound(H: ig.Graph, method: str | Callable) -> Callable:
    """`H`'s method of that name, or the function `method` with `H` as first argument."""
    return getattr(H, method) if isinstance(method, str) else partial(method, H)


def _save_graph(H: ig.Graph, path: str) -> None:
    """Write what a worker needs to rebuild `H` exactly: vertices, direction, edges, weights."""
    dtype = np.int32 if H.vcount() < 2**31 else np.int64
    arrays = {
        "n": np.array(H.vcount()),
        "directed": np.array(H.is_directed()),
        "edges": np.asarray(H.get_edgelist(), dtype=dtype).reshape(-1, 2),
    }
    if "weight" in H.es.attributes():
        arrays["weights"] = np.asarray(H.es["weight"], dtype=float)
    np.savez(path, **arrays)


def _worker_chunk(
    graph_path: str, method: str, arg: str, chunk: list[int], kwargs: dict, out_path: str
) -> np.ndarray | str:
    """Run one chunk in a worker process; the graph is read once per call (`graph_path`).

    Results larger than ``_INLINE_BYTES`` are written to `out_path` and the path is
    returned: a worker writing more than a pipe holds would block until the
    calling process reads, which it does only between its own chunks.
    """
    global _worker_graph
    if _worker_graph is None or _worker_graph[0] != graph_path:
        with np.load(graph_path) as data:
            n, directed, edges = int(data["n"]), bool(data["directed"]), data["edges"]
            weights = data["weights"] if "weights" in data else None
        with gc_paused():
            H = ig.Graph(n=n, edges=edges.tolist(), directed=directed)
        if weights is not None:
            H.es["weight"] = weights.tolist()
        _worker_graph = (graph_path, H)
    H = _worker_graph[1]
    values = np.asarray(_bound(H, method)(**{arg: chunk}, **kwargs), dtype=float)
    if values.nbytes <= _INLINE_BYTES:
        return values
    np.save(out_path, values)
    return out_path


def _fetch(result: np.ndarray | str) -> np.ndarray:
    """A worker's result: the array, or the array it saved (the file is removed)."""
    if not isinstance(result, str):
        return result
    values = np.load(result)
    os.remove(result)
    return values


def _get_executor(workers: int):  # -> loky ProcessPoolExecutor
    global _executor
    if _executor is not None and _executor[1] != workers:
        _executor[0].shutdown(wait=False)
        _executor = None
    if _executor is None:
        from joblib.externals.loky import ProcessPoolExecutor

        _executor = (ProcessPoolExecutor(max_workers=workers, timeout=WORKER_TIMEOUT), workers)
    return _executor[0]


@atexit.register
def _drop_executor(wait: bool = True) -> None:
    """Stop the workers: after an interrupt (they may still be busy), and at exit,
    while the modules loky needs for its shutdown still exist."""
    global _executor
    if _executor is not None:
        executor, _executor = _executor[0], None
        # The workers are killed here, not by shutdown(kill_workers=True): with tasks
        # still queued that trips loky's manager thread (a KeyError printed from it,
        # joblib 1.6). Dead workers end the pool cleanly as a broken one.
        from joblib.externals.loky.backend.utils import kill_process_tree

        for process in list(getattr(executor, "_processes", {}).values()):
            with contextlib.suppress(ProcessLookupError):
                kill_process_tree(process)
        executor.shutdown(wait=wait)


def _parallel_map(H, method, chunks, arg, kwargs, workers, run, bar) -> list[np.ndarray]:
    """This process and `workers` worker processes share the chunks.

    Workers take chunks from the front, this process from the back. When the two
    ends meet, this process also computes the queued chunks no worker has
    returned yet, last first, instead of waiting: a chunk gives the same bits
    wherever it runs, so the first result is kept. This hides the start-up of
    cold workers (about 1-2 s) and leaves no idle tail.

    python-igraph holds the GIL for a whole chunk, and only a thread holding it
    can hand work to the workers or read their results. Hence: the graph goes
    to the workers once, as a file in a temporary folder (removed at the end);
    tasks are small; large results come back as files (an 80 kB result written
    into a 64 kB pipe blocked the worker until this process read it, between
    its own chunks: workers idled 40 % of the time); a few chunks per worker
    are queued ahead; and this process sleeps ``_FEED_PAUSE`` seconds after
    each of its chunks.
    """
    executor = _get_executor(workers)
    folder = tempfile.mkdtemp(prefix="sysmap-")
    graph_path = os.path.join(folder, "graph.npz")
    results: list[np.ndarray | None] = [None] * len(chunks)
    queued: dict[Future, int] = {}
    front, back = 0, len(chunks) - 1
    depth = 2 * workers + 2
    remaining = len(chunks)

    def store(i: int, value: np.ndarray) -> None:
        nonlocal remaining
        if results[i] is None:
            results[i] = value
            remaining -= 1
            bar.update()

    try:
        _save_graph(H, graph_path)
        while remaining:
            for future in [f for f in queued if f.done()]:
                store(queued.pop(future), _fetch(future.result()))
            while front <= back and len(queued) < depth:
                out_path = os.path.join(folder, f"{front}.npy")
                future = executor.submit(
                    _worker_chunk, graph_path, method, arg, chunks[front], kwargs, out_path
                )
                queued[future] = front
                front += 1
            if not remaining:
                break
            if not _PARENT_COMPUTES:
                wait(list(queued), return_when=FIRST_COMPLETED)
                continue
            if front <= back:
                store(back, run(chunks[back]))
                back -= 1
            else:  # the ends met: take over the queued chunk the workers reach last
                i = max(i for i in queued.values() if results[i] is None)
                store(i, run(chunks[i]))
            # Release the GIL briefly so that the threads feeding the workers and
            # reading their results catch up.
            time.sleep(_FEED_PAUSE)
    except BaseException as exc:
        # An interrupt stops the busy workers at once. After an error (say, in a worker)
        # the pool is healthy and stays: killing it with tasks still queued can trip
        # loky's manager thread (a KeyError printed from that thread).
        if not isinstance(exc, Exception):
            _drop_executor()
        raise
    finally:
        for future in queued:  # computed here meanwhile, or not needed after an error
            future.cancel()  # (running ones just finish)
        shutil.rmtree(folder, ignore_errors=True)
    return results  # type: ignore[return-value]
