"""Consensus communities: repeat the community search and keep what the runs agree on
(Lancichinetti and Fortunato 2012), with how stably each actor lands with its partners.

Co-assignment frequencies are computed only on existing ties (no n x n matrix).
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from .._graph import check_graph
from .._parallel import run_chunks
from .._random import check_seed
from .._validation import check_choice, check_int, check_number
from ..exceptions import ConvergenceWarning
from .communities import (
    _METHODS,
    _igraph_rng,
    _modularity_codes,
    _prepare,
    _Runner,
    _runner,
    _series,
)

__all__ = ["ConsensusResult", "consensus_communities"]


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
    n_jobs: int | None = None,
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
    n_jobs : int or None, default=None
        Run the runs of a round in this many processes (``-1``: all CPUs), or
        on the joblib backend or Dask cluster in use
        (:func:`~sysmap._parallel.run_chunks`). Each run has its own seed, drawn
        from `seed` before the round, so the result is the same whatever runs it.

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

    def round_of_runs(runner: _Runner) -> np.ndarray:
        seeds = rng.integers(2**63 - 1, size=n_runs)  # one per run: any backend, same runs
        chunks = [(runner, int(seed)) for seed in seeds]
        return np.stack(
            run_chunks(_run, chunks, n_jobs=n_jobs, progress=progress, desc="consensus runs")
        )

    runs = first = round_of_runs(_runner(prep, method, resolution)) if n else None
    off = prep.usrc != prep.udst
    src, dst = prep.usrc[off], prep.udst[off]
    converged = n == 0 or bool((runs == runs[0]).all())
    iterations = 0
    while not converged and iterations < max_iter:
        iterations += 1
        d = _coassignment(runs, src, dst)
        src, dst, d = _threshold(n, src, dst, d, threshold)
        runner = _Runner(n, src, dst, d, method=method, resolution=resolution, isolate=prep.isolate)
        runs = round_of_runs(runner)
        converged = bool((runs == runs[0]).all())

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


def _run(runner: _Runner, seed: int) -> np.ndarray:
    """One run with igraph seeded from `seed` (a task of :func:`run_chunks`)."""
    with _igraph_rng(np.random.default_rng(seed)):
        return runner.run()
