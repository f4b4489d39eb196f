"""Modularity communities: Leiden and Louvain, consensus clustering, partition comparison.

Communities are found on igraph's compiled Leiden and Louvain routines and
returned with canonical labels (largest community = 0), so reruns and reruns
with other seeds that find the same partition compare equal. Consensus
clustering repeats the search and keeps what the runs agree on, computing
co-assignment frequencies only on existing ties (no n x n matrix), and reports
how stably each actor lands with its partners. :func:`modularity`,
:func:`attribute_modularity` and :func:`compare_partitions` say how strong a
partition is and whether clusters follow a node attribute such as ``sector``.
"""

from __future__ import annotations

import math
import random
import threading
import warnings
from collections.abc import Hashable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
from tqdm.auto import tqdm

from .._attributes import group_labels, is_missing
from .._graph import check_graph, edge_arrays, sorted_nodes
from .._progress import progress_bar
from .._random import check_seed
from .._validation import check_choice, check_int, check_number
from ..exceptions import ConvergenceWarning, ParameterError

__all__ = [
    "ConsensusResult",
    "attribute_modularity",
    "communities",
    "compare_partitions",
    "consensus_communities",
    "modularity",
]

_METHODS = ("leiden", "louvain")

# --------------------------------------------------------------------------- helpers

# python-igraph draws its random numbers from one process-wide generator (by
# default Python's ``random`` module). The lock keeps two sysmap calls in
# different threads from swapping generators under each other.
_IGRAPH_RNG_LOCK = threading.RLock()


@contextmanager
def _igraph_rng(rng: np.random.Generator) -> Iterator[None]:
    """Seed igraph from `rng` for the duration of the block, then restore the default."""
    with _IGRAPH_RNG_LOCK:
        ig.set_random_number_generator(random.Random(int(rng.integers(2**63 - 1))))
        try:
            yield
        finally:
            ig.set_random_number_generator(random)


def _canonical(membership: np.ndarray) -> np.ndarray:
    """Relabel so that the largest community is 0; equal sizes ordered by first member.

    `membership` is indexed in canonical actor order, so "first member" is the
    smallest actor id.
    """
    membership = np.asarray(membership)
    if membership.size == 0:
        return membership.astype(np.int64)
    _, first, inverse, counts = np.unique(
        membership, return_index=True, return_inverse=True, return_counts=True
    )
    order = np.lexsort((first, -counts))
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank[inverse.ravel()]


@dataclass(frozen=True)
class _Prepared:
    """A graph ready for clustering: original ties for modularity, merged ties for igraph."""

    nodes: list
    directed: bool
    src: np.ndarray  # original ties (arcs for digraphs, edges once for graphs), loops kept
    dst: np.ndarray
    w: np.ndarray
    usrc: np.ndarray  # undirected version: one edge per pair, weights of both arcs summed
    udst: np.ndarray
    uw: np.ndarray
    isolate: np.ndarray  # bool: no tie to another actor
    weighted: bool

    @property
    def n(self) -> int:
        return len(self.nodes)


def _prepare(G: nx.Graph, weight: str | None) -> _Prepared:
    check_graph(G)
    nodes = sorted_nodes(G)
    n = len(nodes)
    src, dst, w = edge_arrays(G, nodes, weight)
    if weight is not None and (w < 0).any():
        msg = f"edge attribute {weight!r} has negative values; modularity needs weights >= 0."
        raise ParameterError(msg)
    if G.is_directed():
        lo, hi = np.minimum(src, dst), np.maximum(src, dst)
        keys, inverse = np.unique(lo * max(n, 1) + hi, return_inverse=True)
        usrc, udst = keys // max(n, 1), keys % max(n, 1)
        uw = np.bincount(inverse.ravel(), weights=w, minlength=len(keys))
    else:
        usrc, udst, uw = src, dst, w
    off = usrc != udst
    touched = np.zeros(n, dtype=bool)
    touched[usrc[off]] = True
    touched[udst[off]] = True
    return _Prepared(
        nodes=nodes,
        directed=G.is_directed(),
        src=src,
        dst=dst,
        w=w,
        usrc=usrc,
        udst=udst,
        uw=uw,
        isolate=~touched,
        weighted=weight is not None,
    )


def _igraph(n: int, src: np.ndarray, dst: np.ndarray) -> ig.Graph:
    return ig.Graph(n=n, edges=np.column_stack([src, dst]).tolist(), directed=False)


class _Runner:
    """One clustering method on one undirected weighted graph, runnable many times."""

    def __init__(
        self,
        n: int,
        src: np.ndarray,
        dst: np.ndarray,
        w: np.ndarray | None,
        *,
        method: str,
        resolution: float,
        isolate: np.ndarray,
    ) -> None:
        self.n = n
        self.H = _igraph(n, src, dst)
        self.weights = None if w is None else w.tolist()
        self.method = method
        self.resolution = resolution
        self.isolate = isolate
        total = len(src) if w is None else float(np.sum(w))
        self.trivial = total <= 0  # no tie weight at all: every actor on its own

    def run(self) -> np.ndarray:
        if self.trivial:
            return np.arange(self.n, dtype=np.int64)
        if self.method == "leiden":
            clustering = self.H.community_leiden(
                objective_function="modularity",
                weights=self.weights,
                resolution=self.resolution,
                n_iterations=-1,
            )
        else:
            clustering = self.H.community_multilevel(
                weights=self.weights, resolution=self.resolution
            )
        membership = np.asarray(clustering.membership, dtype=np.int64)
        if self.isolate.any():  # isolates: one community each, whatever igraph did
            k = int(membership.max()) + 1 if self.n else 0
            membership[self.isolate] = k + np.arange(int(self.isolate.sum()))
        return _canonical(membership)


def _runner(prep: _Prepared, method: str, resolution: float) -> _Runner:
    return _Runner(
        prep.n,
        prep.usrc,
        prep.udst,
        prep.uw if prep.weighted else None,
        method=method,
        resolution=resolution,
        isolate=prep.isolate,
    )


def _modularity_codes(
    n: int,
    src: np.ndarray,
    dst: np.ndarray,
    w: np.ndarray,
    codes: np.ndarray,
    *,
    directed: bool,
    resolution: float,
) -> float:
    """Newman's modularity (Leicht-Newman for digraphs) of integer `codes`, as networkx."""
    m = float(w.sum())
    if len(src) == 0 or m == 0:
        return math.nan
    k = int(codes.max()) + 1
    same = codes[src] == codes[dst]
    within = float(w[same].sum())
    if directed:
        k_out = np.bincount(codes[src], weights=w, minlength=k)
        k_in = np.bincount(codes[dst], weights=w, minlength=k)
        return within / m - resolution * float(k_out @ k_in) / (m * m)
    deg = np.bincount(codes[src], weights=w, minlength=k) + np.bincount(
        codes[dst], weights=w, minlength=k
    )
    return within / m - resolution * float(((deg / (2.0 * m)) ** 2).sum())


def _label_codes(
    labels: object, nodes: list[Hashable], *, name: str = "labels"
) -> tuple[np.ndarray, list]:
    """Integer code per actor in `nodes` order from a Series/mapping actor -> label.

    Raises :class:`ParameterError` when `labels` is not a Series or mapping, has
    duplicate actors, lacks a label (absent, None or NaN) for an actor of
    `nodes`, or labels actors that are not in `nodes`.
    """
    if isinstance(labels, pd.Series):
        if labels.index.has_duplicates:
            msg = f"{name} has duplicate actors in its index."
            raise ParameterError(msg)
        mapping = dict(zip(labels.index, labels.to_numpy(dtype=object)))
    elif isinstance(labels, Mapping):
        mapping = dict(labels)
    else:
        kind = type(labels).__name__
        msg = f"{name} must be a pandas Series or a mapping actor -> label; got {kind}."
        raise ParameterError(msg)
    missing_marker = object()
    values = [mapping.get(v, missing_marker) for v in nodes]
    missing = [v for v, x in zip(nodes, values) if x is missing_marker or is_missing(x)]
    if missing:
        shown = ", ".join(repr(v) for v in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        msg = f"{name} has no label (or None/NaN) for {len(missing)} actor(s): {shown}{more}."
        raise ParameterError(msg)
    if len(mapping) > len(nodes):
        known = set(nodes)
        extra = [v for v in mapping if v not in known]
        shown = ", ".join(repr(v) for v in extra[:5])
        msg = f"{name} labels {len(extra)} actor(s) that are not in the graph: {shown}."
        raise ParameterError(msg)
    try:
        uniques = sorted_nodes(set(values))
    except TypeError as exc:
        msg = f"{name} must hold hashable labels: {exc}"
        raise ParameterError(msg) from exc
    index = {u: i for i, u in enumerate(uniques)}
    codes = np.fromiter(map(index.__getitem__, values), dtype=np.int64, count=len(values))
    return codes, uniques


def _series(nodes: list[Hashable], values: np.ndarray, name: str) -> pd.Series:
    return pd.Series(values, index=pd.Index(nodes, name="actor", tupleize_cols=False), name=name)


# --------------------------------------------------------------------------- communities


def communities(
    G: nx.Graph,
    *,
    method: str = "leiden",
    resolution: float = 1.0,
    weight: str | None = "weight",
    seed: None | int | np.random.Generator = None,
) -> pd.Series:
    r"""Modularity communities found by the Leiden (default) or Louvain algorithm.

    Both algorithms search for a partition with high modularity
    :math:`Q` (see :func:`modularity`). Leiden [1]_ refines Louvain [2]_ and
    guarantees connected communities; on sector-structured survey networks it
    usually finds clearly better partitions, so it is the default. Both run on
    igraph's compiled implementations (``Graph.community_leiden`` with
    ``objective_function="modularity"``, iterated until stable, and
    ``Graph.community_multilevel``).

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Tie network. Directed graphs are clustered as undirected (see Notes).
    method : {"leiden", "louvain"}, default="leiden"
        Search algorithm.
    resolution : float, default=1.0
        Resolution :math:`\gamma \ge 0` of modularity: larger values give more,
        smaller communities.
    weight : str or None, default="weight"
        Edge attribute with the tie weight (>= 0). Ties without it count 1;
        None ignores weights.
    seed : None, int, numpy.random.Generator or numpy.random.RandomState, default=None
        Random seed. The same seed gives the same labels.

    Returns
    -------
    pandas.Series
        Indexed by ``actor`` (canonical order), named ``community``, int labels
        0, 1, ...: the largest community is 0, communities of equal size are
        ordered by their smallest actor id.

    Raises
    ------
    GraphTypeError
        If `G` is not a networkx graph or is a multigraph.
    ParameterError
        If `method` or `resolution` is invalid, or weights are negative or None/NaN.

    See Also
    --------
    consensus_communities : Many runs combined into one stable partition.
    modularity : Quality of a partition.

    Notes
    -----
    *Directed graphs* are clustered as undirected graphs in which the weight of
    a pair is the sum of its arcs (a mutual tie counts twice), because igraph's
    Louvain accepts only undirected graphs and so that both methods optimise
    the same quantity.
    *Isolates* (actors without ties to others) each form their own community,
    as do all actors when the graph has no tie weight at all.
    Self-loops are kept; they count in modularity as in networkx.

    *Seeding.* python-igraph draws random numbers from one process-wide
    generator. sysmap swaps in a :class:`random.Random` seeded from `seed` for
    the duration of the call (under a lock) and then restores igraph's default,
    Python's :mod:`random` module; a generator you installed yourself with
    ``igraph.set_random_number_generator`` is not restored.

    The partition depends on the seed only through the search's random order:
    different seeds may give different partitions, and equal partitions always
    get equal labels.

    *Speed and quality.* On seeded 8-sector block models (mean degree 10)
    Leiden recovered the sectors (modularity 0.676, ARI 0.99 at 10k actors)
    where Louvain stopped at 0.59 (ARI 0.76). igraph's Louvain can also be very
    slow on large graphs: at 100k actors / 500k ties it took about 4 minutes
    where Leiden took about 12 s (``benchmarks/bench_communities.py``).

    References
    ----------
    .. [1] Traag, Vincent A., Ludo Waltman, and Nees Jan van Eck. "From Louvain
       to Leiden: Guaranteeing Well-Connected Communities." *Scientific Reports*
       9 (2019): 5233. https://doi.org/10.1038/s41598-019-41695-z
    .. [2] Blondel, Vincent D., Jean-Loup Guillaume, Renaud Lambiotte, and
       Etienne Lefebvre. "Fast Unfolding of Communities in Large Networks."
       *Journal of Statistical Mechanics: Theory and Experiment* 2008, no. 10
       (2008): P10008. https://doi.org/10.1088/1742-5468/2008/10/P10008

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.barbell_graph(4, 0)  # two 4-cliques joined by one tie
    >>> communities(G, seed=0).tolist()
    [0, 0, 0, 0, 1, 1, 1, 1]
    """
    G = check_graph(G)
    method = check_choice(method, "method", _METHODS)
    resolution = check_number(resolution, "resolution", minimum=0)
    rng = check_seed(seed)
    prep = _prepare(G, weight)
    runner = _runner(prep, method, resolution)
    with _igraph_rng(rng):
        membership = runner.run()
    return _series(prep.nodes, membership, "community")


# --------------------------------------------------------------------------- consensus


@dataclass(frozen=True)
class ConsensusResult:
    """Consensus communities of many clustering runs.

    Attributes
    ----------
    labels : pandas.Series
        Consensus community per actor (index ``actor``, name ``community``),
        canonical labels as in :func:`communities`.
    stability : pandas.Series
        Per actor (name ``community_stability``, in [0, 1]): mean over the
        `n_runs` runs on the graph of the Jaccard similarity between the
        actor's community in that run and its consensus community. 1 means the
        actor always landed with exactly its consensus partners.
    modularity : float
        Modularity of the consensus partition on `G` (see :func:`modularity`).
    runs_modularity : numpy.ndarray
        Modularity on `G` of each of the `n_runs` runs on the graph.
    n_runs : int
        Number of runs per round.
    n_iterations : int
        Number of rounds on consensus graphs (0 when the runs on `G` agreed).
    converged : bool
        Whether the last round's runs all agreed.
    """

    labels: pd.Series
    stability: pd.Series
    modularity: float
    runs_modularity: np.ndarray
    n_runs: int
    n_iterations: int
    converged: bool


def _coassignment(runs: np.ndarray, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """Share of runs (rows of `runs`) that put both ends of each tie in one community."""
    out = np.zeros(len(src))
    for membership in runs:
        out += membership[src] == membership[dst]
    return out / len(runs)


def _threshold(
    n: int, src: np.ndarray, dst: np.ndarray, d: np.ndarray, threshold: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Keep ties with co-assignment >= `threshold`; an actor left with none keeps its strongest.

    A stranded actor keeps its strongest tie only if that tie's co-assignment
    is positive; among equally strong ties, the one to the lowest-indexed
    neighbour.
    """
    keep = d >= threshold
    has = np.zeros(n, dtype=bool)
    has[src[keep]] = True
    has[dst[keep]] = True
    ends = np.concatenate([src, dst])
    other = np.concatenate([dst, src])
    tie = np.concatenate([np.arange(len(src))] * 2)
    cand = ~has[ends] & (np.concatenate([d, d]) > 0)
    if cand.any():
        e, o, t = ends[cand], other[cand], tie[cand]
        order = np.lexsort((o, -d[t], e))
        e, t = e[order], t[order]
        first = np.ones(len(e), dtype=bool)
        first[1:] = e[1:] != e[:-1]
        keep[t[first]] = True
    return src[keep], dst[keep], d[keep]


def _stability(runs: np.ndarray, consensus: np.ndarray) -> np.ndarray:
    """Mean over runs of |C_run(i) & C_cons(i)| / |C_run(i) | C_cons(i)| per actor."""
    n = len(consensus)
    if n == 0:
        return np.zeros(0)
    k_cons = int(consensus.max()) + 1
    size_cons = np.bincount(consensus, minlength=k_cons)[consensus]
    total = np.zeros(n)
    for membership in runs:
        size_run = np.bincount(membership)[membership]
        cell = membership * k_cons + consensus
        _, inverse, counts = np.unique(cell, return_inverse=True, return_counts=True)
        both = counts[inverse.ravel()]
        total += both / (size_run + size_cons - both)
    return total / len(runs)


def consensus_communities(
    G: nx.Graph,
    *,
    n_runs: int = 20,
    method: str = "leiden",
    resolution: float = 1.0,
    weight: str | None = "weight",
    seed: None | int | np.random.Generator = None,
    threshold: float = 0.5,
    max_iter: int = 10,
    progress: bool | None = None,
) -> ConsensusResult:
    r"""Communities that many clustering runs agree on, with per-actor stability.

    Consensus clustering after Lancichinetti and Fortunato [1]_, computed
    sparsely: (1) cluster `G` `n_runs` times with :func:`communities`; if all
    runs agree, that partition is the consensus. (2) Otherwise, for every tie
    :math:`(i, j)` of `G`, let :math:`D_{ij}` be the share of runs that put
    :math:`i` and :math:`j` in one community. (3) Drop ties with
    :math:`D_{ij} <` `threshold`; an actor left without ties keeps its
    strongest one. (4) Cluster this consensus graph, with weights :math:`D`,
    `n_runs` times. Repeat (2)-(4) on the ties of the consensus graph until the
    runs agree, at most `max_iter` rounds.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Tie network (directed graphs are clustered as undirected, see
        :func:`communities`).
    n_runs : int, default=20
        Runs per round (at least 1).
    method : {"leiden", "louvain"}, default="leiden"
        Clustering algorithm of every run.
    resolution : float, default=1.0
        Modularity resolution used in every run and in the reported modularity.
    weight : str or None, default="weight"
        Edge attribute with the tie weight (>= 0); missing counts 1.
    seed : None, int, numpy.random.Generator or numpy.random.RandomState, default=None
        Random seed; the same seed gives the same result.
    threshold : float, default=0.5
        Co-assignment share in [0, 1] below which a tie leaves the consensus graph.
    max_iter : int, default=10
        Largest number of rounds on consensus graphs.
    progress : bool or None, default=None
        Show a progress bar over runs.
        ``None``: shown if ``SYSMAP_PROGRESS=1``, or standard error is a
        terminal (:func:`~sysmap._progress.show_progress`).

    Returns
    -------
    ConsensusResult
        `labels`, `stability`, `modularity`, `runs_modularity`, `n_runs`,
        `n_iterations`, `converged`.

    Raises
    ------
    GraphTypeError
        If `G` is not a networkx graph or is a multigraph.
    ParameterError
        If a parameter is out of range, or weights are negative or None/NaN.

    Warns
    -----
    ConvergenceWarning
        If the runs still disagree after `max_iter` rounds. The consensus is
        then the last round's run with the highest modularity on `G`.

    Notes
    -----
    *Sparse consensus.* Lancichinetti and Fortunato's consensus matrix is dense
    (:math:`n \times n`). Here co-assignment is computed only on the ties of
    `G` (then of the current consensus graph), as in the "fast consensus"
    variant of Tandon et al. [2]_ (without its extra triadic-closure pairs): a
    pair that is never tied cannot be joined by the consensus graph. Memory and
    time are :math:`O(n_{runs} (n + m))` per round.

    *Stability* of actor :math:`i` is
    :math:`\frac{1}{R}\sum_r |C_r(i) \cap C(i)| / |C_r(i) \cup C(i)|` over the
    :math:`R` runs on `G`, where :math:`C_r(i)` is :math:`i`'s community in run
    :math:`r` and :math:`C(i)` its consensus community (Jaccard similarity of
    the two member sets, computed from the runs' contingency tables). Isolates
    have stability 1.

    `modularity` and `runs_modularity` are measured on `G` as given (for
    digraphs Leicht and Newman's directed modularity, while the runs optimise
    the undirected version).

    References
    ----------
    .. [1] Lancichinetti, Andrea, and Santo Fortunato. "Consensus Clustering in
       Complex Networks." *Scientific Reports* 2 (2012): 336.
       https://doi.org/10.1038/srep00336
    .. [2] Tandon, Aditya, Aiiad Albeshri, Vijey Thayananthan, Wadee Alhalabi,
       and Santo Fortunato. "Fast Consensus Clustering in Complex Networks."
       *Physical Review E* 99, no. 4 (2019): 042301.
       https://doi.org/10.1103/PhysRevE.99.042301
    .. [3] Traag, Vincent A., Ludo Waltman, and Nees Jan van Eck. "From Louvain
       to Leiden: Guaranteeing Well-Connected Communities." *Scientific Reports*
       9 (2019): 5233. https://doi.org/10.1038/s41598-019-41695-z

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.barbell_graph(4, 0)
    >>> res = consensus_communities(G, n_runs=5, seed=0)
    >>> res.labels.tolist(), res.stability.min(), res.converged
    ([0, 0, 0, 0, 1, 1, 1, 1], np.float64(1.0), True)
    """
    G = check_graph(G)
    n_runs = check_int(n_runs, "n_runs", minimum=1)
    max_iter = check_int(max_iter, "max_iter", minimum=0)
    method = check_choice(method, "method", _METHODS)
    resolution = check_number(resolution, "resolution", minimum=0)
    threshold = check_number(threshold, "threshold", minimum=0, maximum=1)
    rng = check_seed(seed)
    prep = _prepare(G, weight)
    n = prep.n

    def q(codes: np.ndarray) -> float:
        return _modularity_codes(
            n, prep.src, prep.dst, prep.w, codes, directed=prep.directed, resolution=resolution
        )

    bar = progress_bar(total=n_runs, desc="consensus runs", unit="run", progress=progress)
    try:
        with _igraph_rng(rng):
            runner = _runner(prep, method, resolution)
            first = np.stack([_step(runner, bar) for _ in range(n_runs)]) if n else None
            runs = first
            off = prep.usrc != prep.udst
            src, dst = prep.usrc[off], prep.udst[off]
            converged = n == 0 or bool((runs == runs[0]).all())
            iterations = 0
            while not converged and iterations < max_iter:
                iterations += 1
                d = _coassignment(runs, src, dst)
                src, dst, d = _threshold(n, src, dst, d, threshold)
                runner = _Runner(
                    n, src, dst, d, method=method, resolution=resolution, isolate=prep.isolate
                )
                bar.total += n_runs  # one more round
                bar.refresh()
                runs = np.stack([_step(runner, bar) for _ in range(n_runs)])
                converged = bool((runs == runs[0]).all())
    finally:
        bar.close()

    if n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return ConsensusResult(
            labels=_series([], empty, "community"),
            stability=_series([], np.zeros(0), "community_stability"),
            modularity=math.nan,
            runs_modularity=np.full(n_runs, math.nan),
            n_runs=n_runs,
            n_iterations=0,
            converged=True,
        )
    if converged:
        consensus = runs[0]
    else:
        scores = np.array([q(r) for r in runs])
        consensus = runs[int(np.nanargmax(scores)) if not np.isnan(scores).all() else 0]
        msg = (
            f"consensus clustering did not converge in {max_iter} rounds (the {n_runs} runs of "
            "the last round still disagree); returning the run with the highest modularity. "
            "Raise max_iter or n_runs."
        )
        warnings.warn(msg, ConvergenceWarning, stacklevel=2)
    return ConsensusResult(
        labels=_series(prep.nodes, consensus, "community"),
        stability=_series(prep.nodes, _stability(first, consensus), "community_stability"),
        modularity=q(consensus),
        runs_modularity=np.array([q(r) for r in first]),
        n_runs=n_runs,
        n_iterations=iterations,
        converged=converged,
    )


def _step(runner: _Runner, bar: tqdm) -> np.ndarray:
    out = runner.run()
    bar.update()
    return out


# --------------------------------------------------------------------------- modularity


def modularity(
    G: nx.Graph,
    labels: pd.Series | Mapping,
    *,
    weight: str | None = "weight",
    resolution: float = 1.0,
) -> float:
    r"""Newman's modularity of a partition of the actors.

    For an undirected graph with total tie weight :math:`m`, community
    :math:`c` holding internal weight :math:`L_c` and degree sum :math:`K_c`,

    .. math:: Q = \sum_c \left[ \frac{L_c}{m} - \gamma \left(\frac{K_c}{2m}\right)^2 \right]

    [1]_. For a directed graph, Leicht and Newman's version [2]_
    :math:`Q = \sum_c [L_c/m - \gamma K^{out}_c K^{in}_c / m^2]`.
    The value equals ``networkx.community.modularity`` and igraph's
    ``Graph.modularity``.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Tie network.
    labels : pandas.Series or mapping
        Community (any hashable label) of every actor of `G`, indexed by actor,
        e.g. the result of :func:`communities`.
    weight : str or None, default="weight"
        Edge attribute with the tie weight; ties without it count 1.
    resolution : float, default=1.0
        Resolution :math:`\gamma \ge 0`.

    Returns
    -------
    float
        Modularity; NaN when `G` has no ties (or zero total weight).

    Raises
    ------
    GraphTypeError
        If `G` is not a networkx graph or is a multigraph.
    ParameterError
        If `labels` misses an actor of `G` (or has None/NaN), names actors that
        are not in `G`, or weights are None/NaN.

    Notes
    -----
    A self-loop counts once in :math:`m` and :math:`L_c` and twice in an
    undirected degree, as in networkx and igraph. networkx raises on a graph
    without ties; sysmap returns NaN.

    References
    ----------
    .. [1] Newman, M. E. J. "Modularity and Community Structure in Networks."
       *Proceedings of the National Academy of Sciences* 103, no. 23 (2006):
       8577-8582. https://doi.org/10.1073/pnas.0601602103
    .. [2] Leicht, E. A., and M. E. J. Newman. "Community Structure in Directed
       Networks." *Physical Review Letters* 100, no. 11 (2008): 118703.
       https://doi.org/10.1103/PhysRevLett.100.118703

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.barbell_graph(3, 0)  # two triangles joined by one tie
    >>> labels = {0: "a", 1: "a", 2: "a", 3: "b", 4: "b", 5: "b"}
    >>> round(modularity(G, labels), 6)  # 6/7 - 2 * (7/14) ** 2
    0.357143
    """
    resolution = check_number(resolution, "resolution", minimum=0)
    G = check_graph(G)
    nodes = sorted_nodes(G)
    codes, _ = _label_codes(labels, nodes)
    src, dst, w = edge_arrays(G, nodes, weight)
    return _modularity_codes(
        len(nodes), src, dst, w, codes, directed=G.is_directed(), resolution=resolution
    )


def _attribute_codes(G: nx.Graph, nodes: list[Hashable], attribute: Hashable) -> np.ndarray:
    """Codes of a node attribute, read by :func:`~sysmap.metrics.groups.group_labels`."""
    codes, _ = pd.factorize(group_labels(G, attribute, nodes=nodes))
    return codes.astype(np.int64)


def attribute_modularity(
    G: nx.Graph,
    attribute: Hashable,
    *,
    weight: str | None = "weight",
    resolution: float = 1.0,
) -> float:
    """Modularity of the partition given by a node attribute such as ``sector``.

    A clearly positive value says ties concentrate inside the attribute's
    groups ("clusters follow sectors"); a value near 0 or below says ties cross
    them as often as chance or more. Compare it with the modularity of
    :func:`communities` (the best a partition reaches on this graph).

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Tie network.
    attribute : hashable, dict or pandas.Series
        Node attribute holding each actor's group, or the labels by actor.
    weight : str or None, default="weight"
        Edge attribute with the tie weight; ties without it count 1.
    resolution : float, default=1.0
        Resolution of modularity.

    Returns
    -------
    float
        See :func:`modularity`; NaN when `G` has no ties.

    Raises
    ------
    GraphTypeError
        If `G` is not a networkx graph or is a multigraph.
    MissingAttributeError
        If no actor has a value of `attribute`.
    ParameterError
        If attribute values are unhashable or weights are None/NaN.

    Notes
    -----
    Actors without a value form explicit groups (see
    :func:`~sysmap.metrics.groups.group_labels`).

    References
    ----------
    .. [1] Newman, M. E. J. "Modularity and Community Structure in Networks."
       *Proceedings of the National Academy of Sciences* 103, no. 23 (2006):
       8577-8582. https://doi.org/10.1073/pnas.0601602103

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.barbell_graph(3, 0)
    >>> nx.set_node_attributes(G, {v: "Schools" if v < 3 else "Health" for v in G}, "sector")
    >>> round(attribute_modularity(G, "sector"), 6)
    0.357143
    """
    resolution = check_number(resolution, "resolution", minimum=0)
    G = check_graph(G)
    nodes = sorted_nodes(G)
    codes = _attribute_codes(G, nodes, attribute)
    src, dst, w = edge_arrays(G, nodes, weight)
    return _modularity_codes(
        len(nodes), src, dst, w, codes, directed=G.is_directed(), resolution=resolution
    )


# --------------------------------------------------------------------------- comparison


def compare_partitions(
    labels: pd.Series | Mapping,
    other: pd.Series | Mapping | Hashable,
    *,
    G: nx.Graph | None = None,
) -> dict[str, float]:
    """Agreement of two partitions of the same actors: adjusted Rand index and NMI.

    Parameters
    ----------
    labels : pandas.Series or mapping
        Group of every actor, indexed by actor (e.g. from :func:`communities`).
    other : pandas.Series, mapping or hashable
        A second partition of the same actors, or the name of a node attribute
        of `G` (e.g. ``"sector"``).
    G : networkx.Graph, optional
        Needed when `other` is an attribute name; `labels` must then cover
        exactly the actors of `G`.

    Returns
    -------
    dict
        ``"ari"``: adjusted Rand index [1]_ (1 for identical partitions, about
        0 for unrelated ones, can be negative); ``"nmi"``: normalized mutual
        information (arithmetic-mean normalisation, in [0, 1]). Both from
        scikit-learn (``adjusted_rand_score``, ``normalized_mutual_info_score``).
        Label names do not matter, only who is grouped with whom.

    Raises
    ------
    MissingAttributeError
        If `other` is an attribute name and no actor has a value of it.
    ParameterError
        If the two partitions do not cover the same actors, a label is missing
        (None/NaN), or `other` is an attribute name and `G` is not given.

    Notes
    -----
    When `other` is an attribute, actors without a value form explicit groups
    (see :func:`~sysmap.metrics.groups.group_labels`), as in :func:`attribute_modularity`.

    References
    ----------
    .. [1] Hubert, Lawrence, and Phipps Arabie. "Comparing Partitions."
       *Journal of Classification* 2, no. 1 (1985): 193-218.
       https://doi.org/10.1007/BF01908075
    .. [2] Danon, Leon, Albert Diaz-Guilera, Jordi Duch, and Alex Arenas.
       "Comparing Community Structure Identification." *Journal of Statistical
       Mechanics: Theory and Experiment* 2005, no. 09 (2005): P09008.
       https://doi.org/10.1088/1742-5468/2005/09/P09008

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.Series([0, 0, 1, 1], index=["w", "x", "y", "z"])
    >>> b = pd.Series(["p", "p", "q", "q"], index=["z", "y", "x", "w"])
    >>> compare_partitions(a, b)
    {'ari': 1.0, 'nmi': 1.0}
    """
    if isinstance(other, (pd.Series, Mapping)):
        if isinstance(labels, pd.Series):
            actors = list(labels.index)
        elif isinstance(labels, Mapping):
            actors = list(labels)
        else:
            kind = type(labels).__name__
            msg = f"labels must be a pandas Series or a mapping actor -> label; got {kind}."
            raise ParameterError(msg)
        nodes = sorted_nodes(actors)
        a, _ = _label_codes(labels, nodes)
        b, _ = _label_codes(other, nodes, name="other")
    else:
        if G is None:
            msg = (
                f"other={other!r} is read as a node attribute name, which needs the graph: "
                "pass G=..."
            )
            raise ParameterError(msg)
        check_graph(G)
        nodes = sorted_nodes(G)
        a, _ = _label_codes(labels, nodes)
        b = _attribute_codes(G, nodes, other)
    return {
        "ari": float(adjusted_rand_score(a, b)),
        "nmi": float(normalized_mutual_info_score(a, b)),
    }
