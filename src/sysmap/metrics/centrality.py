"""Actor centrality: degree, betweenness, closeness and harmonic centrality.

Degree follows R's ``sna::degree`` (Freeman degree = in + out on digraphs,
self-loops ignored). Path-based measures run on igraph's compiled routines;
edge weights, when given, are read as *distances* (lengths), as in igraph and
networkx. Betweenness can be estimated from a seeded sample of sources
(Brandes and Pich 2007), which scales to graphs where the exact count is too
slow.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Hashable, Iterator
from typing import Literal

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd

from .._graph import (
    actor_frame,
    check_graph,
    check_n_jobs,
    igraph_map,
    sorted_nodes,
    source_chunks,
    to_csr,
    to_igraph,
)
from .._progress import progress_bar, show_progress
from .._random import check_seed
from ..exceptions import ParameterError

__all__ = ["betweenness", "closeness", "degree", "harmonic"]

#: Number of vertices (or sources) handed to igraph per call when a progress bar is shown.
_CHUNKS = 100


# ---------------------------------------------------------------------------
# shared helpers (also used by sysmap.metrics.network)
# ---------------------------------------------------------------------------


def _igraph_for_paths(G: nx.Graph, weight: str | None) -> tuple[ig.Graph, list[Hashable]]:
    """`G` as igraph, with weights checked to be usable as path lengths."""
    check_graph(G)
    H, nodes = to_igraph(G, weight=weight)
    if weight is not None and H.ecount():
        w = np.asarray(H.es["weight"], dtype=float)
        if not np.all(np.isfinite(w)) or np.any(w <= 0):
            msg = (
                f"edge attribute {weight!r} is read as a distance and must be a positive, finite "
                f"number on every tie; got min {w.min()!r}, max {w.max()!r}."
            )
            raise ParameterError(msg)
    return H, nodes


def _check_mode(mode: str) -> str:
    if mode not in ("out", "in", "all"):
        msg = f"mode must be 'out', 'in' or 'all'; got {mode!r}."
        raise ParameterError(msg)
    return mode


def _check_sample(sample: object, n: int) -> int | None:
    if sample is None:
        return None
    if isinstance(sample, bool) or not isinstance(sample, numbers.Integral):
        msg = f"sample must be None or an int (number of sources); got {sample!r}."
        raise ParameterError(msg)
    if not 1 <= sample <= max(n, 1):
        msg = f"sample must be between 1 and the number of actors ({n}); got {sample}."
        raise ParameterError(msg)
    return int(sample)


def _chunks(n: int, progress: bool, desc: str) -> Iterator[list[int] | None]:
    """Vertex chunks for igraph: one call (``None`` = all) unless a progress bar is wanted."""
    if not show_progress(progress) or n == 0:
        yield None
        return
    chunks = np.array_split(np.arange(n), min(_CHUNKS, n))
    for chunk in progress_bar(chunks, desc=desc, unit="chunk", progress=True):
        yield chunk.tolist()


def _betweenness_values(
    H: ig.Graph,
    *,
    weighted: bool,
    sample: int | None,
    seed: None | int | np.random.Generator,
    progress: bool,
    n_jobs: int | None = None,
) -> np.ndarray:
    """Raw betweenness of every vertex of `H` (exact, or estimated from `sample` sources)."""
    n = H.vcount()
    if n == 0:
        return np.zeros(0)
    if sample is None:
        sources = np.arange(n)
        scale = 1.0
    else:
        sources = np.sort(check_seed(seed).choice(n, size=sample, replace=False))
        scale = n / sample
    # igraph's subset betweenness: for undirected graphs it already halves each
    # source's dependency, so summing over all sources gives the exact unordered count.
    parts = igraph_map(
        H,
        "betweenness",
        source_chunks(sources),
        arg="sources",
        directed=True,
        weights="weight" if weighted else None,
        n_jobs=n_jobs,
        progress=progress,
        desc="betweenness",
    )
    total = np.zeros(n)
    for part in parts:  # fixed order: the sum does not depend on n_jobs
        total += part
    return total * scale


def _frame(nodes: list[Hashable], columns: dict[str, np.ndarray]) -> pd.DataFrame:
    return actor_frame(nodes, {k: np.asarray(v, dtype=float) for k, v in columns.items()})


# ---------------------------------------------------------------------------
# public measures
# ---------------------------------------------------------------------------


def degree(G: nx.Graph, *, weight: str | None = None) -> pd.DataFrame:
    """Degree of every actor, as ``sna::degree``.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Tie network.
    weight : str or None, default=None
        Edge attribute to sum instead of counting ties (weighted degree,
        "strength"); ties without it count 1.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``actor``. Column ``degree`` (float); for digraphs also
        ``in_degree`` and ``out_degree``, and ``degree = in_degree + out_degree``
        (sna's default ``cmode="freeman"``, so a mutual pair adds 2).

    Raises
    ------
    GraphTypeError
        If `G` is not a simple networkx graph.
    ParameterError
        If `weight` is missing (None/NaN) on some tie.

    Notes
    -----
    Self-loops are ignored (sna's ``diag=FALSE``); networkx's ``G.degree`` counts
    a loop twice on undirected graphs. Isolates get 0.

    References
    ----------
    .. [1] Freeman, Linton C. "Centrality in Social Networks Conceptual
       Clarification." *Social Networks* 1, no. 3 (1979): 215-239.
       https://doi.org/10.1016/0378-8733(78)90021-7

    Examples
    --------
    >>> import networkx as nx
    >>> degree(nx.DiGraph([("a", "b"), ("b", "a"), ("a", "c")]))
           degree  in_degree  out_degree
    actor
    a         3.0        1.0         2.0
    b         2.0        1.0         1.0
    c         1.0        1.0         0.0
    """
    G = check_graph(G)
    if weight is None:  # fast path: networkx's degree views, minus self-loops
        nodes = sorted_nodes(G)
        loop_nodes = set(nx.nodes_with_selfloops(G))
        loops = np.fromiter((v in loop_nodes for v in nodes), dtype=float, count=len(nodes))
        if not G.is_directed():
            deg = dict(G.degree())
            values = np.fromiter((deg[v] for v in nodes), dtype=float, count=len(nodes))
            return _frame(nodes, {"degree": values - 2 * loops})
        ind, outd = dict(G.in_degree()), dict(G.out_degree())
        in_deg = np.fromiter((ind[v] for v in nodes), dtype=float, count=len(nodes)) - loops
        out_deg = np.fromiter((outd[v] for v in nodes), dtype=float, count=len(nodes)) - loops
        return _frame(
            nodes, {"degree": in_deg + out_deg, "in_degree": in_deg, "out_degree": out_deg}
        )
    A, nodes = to_csr(G, weight=weight)
    loops = A.diagonal()
    out_deg = np.asarray(A.sum(axis=1), dtype=float).ravel() - loops
    if not G.is_directed():
        return _frame(nodes, {"degree": out_deg})
    in_deg = np.asarray(A.sum(axis=0), dtype=float).ravel() - loops
    return _frame(nodes, {"degree": in_deg + out_deg, "in_degree": in_deg, "out_degree": out_deg})


def betweenness(
    G: nx.Graph,
    *,
    weight: str | None = None,
    normalized: bool = False,
    sample: int | None = None,
    seed: None | int | np.random.Generator = None,
    progress: bool | None = None,
    n_jobs: int | None = None,
) -> pd.DataFrame:
    r"""Shortest-path betweenness of every actor (Freeman 1977).

    :math:`b(v) = \sum_{s \ne v \ne t} \sigma_{st}(v) / \sigma_{st}`, summed over
    ordered pairs on digraphs and over unordered pairs on undirected graphs, as
    ``sna::betweenness``, ``igraph`` and ``networkx.betweenness_centrality(...,
    normalized=False)``.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Tie network.
    weight : str or None, default=None
        Edge attribute read as a *distance* (path length, must be positive).
        Tie strengths (intensity, trust) are the opposite of distances: pass an
        inverted attribute, e.g. ``1 / intensity``. ``None`` counts steps.
    normalized : bool, default=False
        Divide by the number of pairs not involving the actor,
        :math:`(n-1)(n-2)` for digraphs and :math:`(n-1)(n-2)/2` for undirected
        graphs: networkx's normalisation (not sna's ``rescale``, which divides
        by the sum). Values then lie in [0, 1].
    sample : int or None, default=None
        If given, estimate from this many source actors drawn uniformly without
        replacement, scaled by ``n / sample`` (Brandes and Pich 2007, as
        networkx's ``k``). ``sample = n`` gives the exact value.
    seed : None, int, numpy.random.Generator or numpy.random.RandomState, default=None
        Randomness for `sample`; identical seeds give identical estimates.
    progress : bool or None, default=None
        Show a progress bar over the chunks of sources.
        ``None``: shown if ``SYSMAP_PROGRESS=1``, or standard error is a
        terminal (:func:`~sysmap._progress.show_progress`).
    n_jobs : int or None, default=None
        Number of processes sharing the sources (joblib's convention: ``None``
        = 1, ``-1`` = all CPUs). The result does not depend on it (see Notes).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``actor``; float column ``betweenness``.

    Raises
    ------
    GraphTypeError
        If `G` is not a simple networkx graph.
    ParameterError
        If a weight is missing, zero, negative or infinite; if `sample` is not
        an int in ``[1, n]``; if `seed` or `n_jobs` is invalid.

    Notes
    -----
    Exact values come from ``igraph.Graph.betweenness`` (Brandes' algorithm);
    with weights, igraph compares path lengths with a small relative tolerance,
    networkx compares them exactly, so the two may differ on non-integer
    weights whose sums tie only up to rounding. Self-loops never lie on a
    shortest path. With fewer than three actors every value is 0, also when
    normalized (as networkx).

    *Cost and parallelism.* Exact betweenness is one breadth-first search (or
    Dijkstra run) per source, O(n m) in total: about 20 s for 10,000 actors
    and 50,000 ties on one core of our 2-core test machine. The sources are
    split into at most 16 contiguous chunks (a number that depends only on
    the number of sources) and the per-chunk sums are added in chunk order, so
    ``n_jobs``, like `progress`, changes the time, never a bit of the result.
    With ``n_jobs > 1`` the calling process and ``n_jobs - 1`` worker
    processes share the chunks; workers start once per session (about 1-2 s,
    overlapped with the work) and are reused for 5 minutes. Small graphs
    (fewer than 5e7 source-times-(actors + ties) steps) are always
    computed in the calling process. With 2 processes the 10,000-actor count
    took about 11 s.

    The sampled estimate uses the sources
    ``np.sort(check_seed(seed).choice(n, sample, replace=False))`` (positions in
    the sorted actor list); it equals
    ``networkx.betweenness_centrality_subset(G, sources, list(G),
    normalized=False)`` times ``n / sample``, and it is unbiased. Each source
    contributes a dependency in :math:`[0, n-2]`, so by Hoeffding's inequality
    (which holds for sampling without replacement)
    :math:`P(|\hat b(v) - b(v)| \ge \varepsilon\, n (n-2)) \le 2 \exp(-2 k \varepsilon^2)`
    on digraphs, with :math:`n(n-2)/2` on
    undirected graphs (Brandes and Pich 2007). The bound is loose, but
    per-actor errors are large in practice when betweenness is spread evenly:
    on 8-sector block models with mean degree 10 (``benchmarks/
    bench_centrality.py``), 256 sources gave a mean absolute error of 19 % of
    the mean betweenness at 1,000 actors (14 of the true top 20 found) and
    45 % at 10,000 actors (3 of 20). Use the estimate for network-level
    summaries and for networks with a few dominant brokers; use exact values
    to rank individual actors.

    References
    ----------
    .. [1] Freeman, Linton C. "A Set of Measures of Centrality Based on
       Betweenness." *Sociometry* 40, no. 1 (1977): 35-41.
       https://doi.org/10.2307/3033543
    .. [2] Brandes, Ulrik. "A Faster Algorithm for Betweenness Centrality."
       *Journal of Mathematical Sociology* 25, no. 2 (2001): 163-177.
       https://doi.org/10.1080/0022250X.2001.9990249
    .. [3] Brandes, Ulrik, and Christian Pich. "Centrality Estimation in Large
       Networks." *International Journal of Bifurcation and Chaos* 17, no. 7
       (2007): 2303-2318. https://doi.org/10.1142/S0218127407018403

    Examples
    --------
    >>> import networkx as nx
    >>> betweenness(nx.path_graph(["a", "b", "c", "d"]))
           betweenness
    actor
    a              0.0
    b              2.0
    c              2.0
    d              0.0
    """
    G = check_graph(G)
    H, nodes = _igraph_for_paths(G, weight)
    n = len(nodes)
    sample = _check_sample(sample, n)
    check_seed(seed)  # validate even when unused
    check_n_jobs(n_jobs)
    values = _betweenness_values(
        H,
        weighted=weight is not None,
        sample=sample,
        seed=seed,
        progress=progress,
        n_jobs=n_jobs,
    )
    if normalized and n > 2:
        pairs = (n - 1) * (n - 2) / (1 if G.is_directed() else 2)
        values = values / pairs
    return _frame(nodes, {"betweenness": values})


def closeness(
    G: nx.Graph,
    *,
    weight: str | None = None,
    mode: Literal["out", "in", "all"] = "out",
    wf_improved: bool = True,
    progress: bool | None = None,
) -> pd.DataFrame:
    r"""Closeness centrality, with the Wasserman-Faust correction for disconnected graphs.

    With :math:`r` the number of actors reachable from `v` and :math:`D` the sum
    of the distances to them, closeness is :math:`r / D` (the mean distance's
    inverse over reachable actors, igraph's convention), multiplied by
    :math:`r / (n-1)` when `wf_improved` (Wasserman and Faust 1994, p. 201;
    networkx's default).

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Tie network.
    weight : str or None, default=None
        Edge attribute read as a distance (positive); ``None`` counts steps.
    mode : {"out", "in", "all"}, default="out"
        Digraphs only: distances *from* the actor ("out", as sna and igraph's
        C default), *to* the actor ("in", as networkx), or ignoring direction.
    wf_improved : bool, default=True
        Scale by the share of other actors reachable, so actors in small
        components do not look central.
    progress : bool or None, default=None
        Show a progress bar (the actors are processed in chunks).
        ``None``: shown if ``SYSMAP_PROGRESS=1``, or standard error is a
        terminal (:func:`~sysmap._progress.show_progress`).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``actor``; float column ``closeness``.

    Raises
    ------
    GraphTypeError
        If `G` is not a simple networkx graph.
    ParameterError
        If `mode` is unknown or a weight is not a positive finite number.

    Notes
    -----
    An actor that reaches nobody (an isolate, or a sink for ``mode="out"``)
    gets 0 with `wf_improved` (networkx's value, the limit of the corrected
    formula) and NaN without it (igraph's value: the mean distance to nobody is
    undefined; networkx gives 0 there too). With ``wf_improved=False`` the
    result equals ``igraph.Graph.closeness(mode=mode, normalized=True)``; with
    ``wf_improved=True`` and ``mode="in"`` it equals
    ``networkx.closeness_centrality(G)``, and with ``mode="out"``
    ``networkx.closeness_centrality(G.reverse())``. sna's ``closeness`` is
    0 for every actor of a disconnected graph.

    References
    ----------
    .. [1] Freeman, Linton C. "Centrality in Social Networks Conceptual
       Clarification." *Social Networks* 1, no. 3 (1979): 215-239.
       https://doi.org/10.1016/0378-8733(78)90021-7
    .. [2] Wasserman, Stanley, and Katherine Faust. *Social Network Analysis:
       Methods and Applications*. Cambridge: Cambridge University Press, 1994.
       https://doi.org/10.1017/CBO9780511815478

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b"), ("b", "c")])
    >>> G.add_node("z")
    >>> closeness(G).round(4)
           closeness
    actor
    a         0.4444
    b         0.6667
    c         0.4444
    z         0.0000
    """
    G = check_graph(G)
    mode = _check_mode(mode)
    H, nodes = _igraph_for_paths(G, weight)
    n = len(nodes)
    weights = "weight" if weight is not None else None
    values = np.concatenate(
        [np.zeros(0)]
        + [
            np.asarray(
                H.closeness(vertices=chunk, mode=mode, weights=weights, normalized=True),
                dtype=float,
            )
            for chunk in _chunks(n, progress, "closeness")
        ]
    )
    if wf_improved and n:
        reach = _reach_counts(H, mode)
        values = np.where(reach > 0, values * reach / max(n - 1, 1), 0.0)
    return _frame(nodes, {"closeness": values})


def _reach_counts(H: ig.Graph, mode: str) -> np.ndarray:
    """Number of other vertices reachable from each vertex (weights do not matter)."""
    n = H.vcount()
    if not H.is_directed() or mode == "all":
        membership = np.asarray(H.connected_components(mode="weak").membership)
        return np.bincount(membership)[membership] - 1.0
    return np.asarray(H.neighborhood_size(order=max(n - 1, 1), mode=mode), dtype=float) - 1.0


def harmonic(
    G: nx.Graph,
    *,
    weight: str | None = None,
    mode: Literal["out", "in", "all"] = "out",
    normalized: bool = False,
    progress: bool | None = None,
) -> pd.DataFrame:
    r"""Harmonic centrality: the sum of inverse distances to the other actors.

    :math:`H(v) = \sum_{u \ne v} 1 / d(v, u)` with :math:`1/\infty = 0`, so it is
    defined on disconnected graphs (Marchiori and Latora 2000; Boldi and Vigna
    2014). Distance-weighted fragmentation is :math:`1 - \sum_v H(v) / (n(n-1))`.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Tie network.
    weight : str or None, default=None
        Edge attribute read as a distance (positive); ``None`` counts steps.
    mode : {"out", "in", "all"}, default="out"
        Digraphs only: distances from the actor ("out"), to the actor ("in",
        networkx's ``harmonic_centrality``) or ignoring direction.
    normalized : bool, default=False
        Divide by :math:`n - 1` (igraph's default), giving values in [0, 1].
    progress : bool or None, default=None
        Show a progress bar (the actors are processed in chunks).
        ``None``: shown if ``SYSMAP_PROGRESS=1``, or standard error is a
        terminal (:func:`~sysmap._progress.show_progress`).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``actor``; float column ``harmonic``.

    Raises
    ------
    GraphTypeError
        If `G` is not a simple networkx graph.
    ParameterError
        If `mode` is unknown or a weight is not a positive finite number.

    Notes
    -----
    Isolates get 0. With a single actor the normalized value is NaN (0/0).
    Computed by ``igraph.Graph.harmonic_centrality``; ``mode="in"`` equals
    ``networkx.harmonic_centrality(G)``.

    References
    ----------
    .. [1] Marchiori, Massimo, and Vito Latora. "Harmony in the Small-World."
       *Physica A* 285, no. 3-4 (2000): 539-546.
       https://doi.org/10.1016/S0378-4371(00)00311-3
    .. [2] Boldi, Paolo, and Sebastiano Vigna. "Axioms for Centrality."
       *Internet Mathematics* 10, no. 3-4 (2014): 222-262.
       https://doi.org/10.1080/15427951.2013.865686

    Examples
    --------
    >>> import networkx as nx
    >>> harmonic(nx.path_graph(["a", "b", "c"]))
           harmonic
    actor
    a           1.5
    b           2.0
    c           1.5
    """
    G = check_graph(G)
    mode = _check_mode(mode)
    H, nodes = _igraph_for_paths(G, weight)
    n = len(nodes)
    weights = "weight" if weight is not None else None
    values = np.concatenate(
        [np.zeros(0)]
        + [
            np.asarray(
                H.harmonic_centrality(vertices=chunk, mode=mode, weights=weights, normalized=False),
                dtype=float,
            )
            for chunk in _chunks(n, progress, "harmonic")
        ]
    )
    if normalized:
        values = values / (n - 1) if n > 1 else np.full(n, math.nan)
    return _frame(nodes, {"harmonic": values})
