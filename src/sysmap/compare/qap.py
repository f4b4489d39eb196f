"""The QAP correlation of two waves' tie patterns, with its permutation p-value
(Krackhardt 1987; as ``sna::qaptest`` with ``gcor``).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import pandas as pd

from .._graph import check_n_jobs
from .._validation import check_int
from .resampling import _keys, _lookup, _p_values, _pair_nodes, _run_chunks, _ties, chunk_plan

__all__ = ["QAPResult", "qap_correlation"]


@dataclass(frozen=True)
class QAPResult:
    """QAP correlation of two waves' adjacency matrices.

    Attributes
    ----------
    correlation : float
        Pearson correlation of the off-diagonal cells (``sna::gcor``); NaN when
        one matrix is constant (no ties, or all ties).
    p_value : float
        One-sided p-value for "the waves are more alike than chance":
        ``(1 + #{r_b >= r}) / (1 + B)`` (UCINET's "Signif").
    p_less : float
        ``(1 + #{r_b <= r}) / (1 + B)``.
    p_two_sided : float
        ``(1 + #{|r_b| >= |r|}) / (1 + B)``.
    null_mean, null_sd : float
        Mean and standard deviation of the permutation correlations.
    n_permutations : int
        Number of permutations ``B``.
    n_actors : int
        Actors compared (rows of each matrix).
    weight : str or None
        Tie value correlated (``None``: ties present / absent).
    distribution : numpy.ndarray
        The ``B`` permutation correlations, in chunk order.
    """

    correlation: float
    p_value: float
    p_less: float
    p_two_sided: float
    null_mean: float
    null_sd: float
    n_permutations: int
    n_actors: int
    weight: str | None
    distribution: np.ndarray = field(repr=False)


def _pearson(N: float, sa: float, saa: float, sb: float, sbb: float, sab: np.ndarray):
    den = (N * saa - sa * sa) * (N * sbb - sb * sb)
    if den <= 0:
        return np.full(np.shape(sab), np.nan) if np.ndim(sab) else math.nan
    return (N * np.asarray(sab, dtype=float) - sa * sb) / math.sqrt(den)


def _qap_chunk(
    n: int,
    a_keys: np.ndarray,
    a_w: np.ndarray | None,
    b_src: np.ndarray,
    b_dst: np.ndarray,
    b_w: np.ndarray | None,
    directed: bool,
    sums: tuple[float, float, float, float, float],
    count: int,
    ss: np.random.SeedSequence,
) -> np.ndarray:
    """Correlations for `count` permutations of the second matrix (rows and columns)."""
    rng = np.random.default_rng(ss)
    N, sa, saa, sb, sbb = sums
    index = pd.Index(a_keys)
    inv = np.empty(n, dtype=np.int64)
    arange = np.arange(n, dtype=np.int64)
    sab = np.empty(count)
    for t in range(count):
        perm = rng.permutation(n)
        inv[perm] = arange  # B_perm[i, j] = B[perm[i], perm[j]]: tie (u, v) moves to inv[u], inv[v]
        u, v = inv[b_src], inv[b_dst]
        if not directed:
            u, v = np.minimum(u, v), np.maximum(u, v)
        pos, hit = _lookup(index, u * n + v)
        if a_w is None:
            sab[t] = np.count_nonzero(hit)
        else:
            sab[t] = float(np.dot(a_w[pos[hit]], b_w[hit]))
    return _pearson(N, sa, saa, sb, sbb, sab)


def qap_correlation(
    G1: nx.Graph,
    G2: nx.Graph,
    *,
    nodes: Iterable[Hashable] | None = None,
    weight: str | None = None,
    n_permutations: int = 1000,
    seed: None | int | np.random.Generator = None,
    n_jobs: int | None = None,
    progress: bool | None = None,
) -> QAPResult:
    r"""QAP correlation between two waves, with a permutation p-value.

    The Pearson correlation of the off-diagonal cells of the two adjacency
    matrices (over the same actors, in the same order) says how alike the two
    tie patterns are: 1 for identical networks, about 0 for unrelated ones.
    Cells are not independent, so the p-value comes from the quadratic
    assignment procedure [1]_: the rows and columns of the second matrix are
    permuted together (actor labels shuffled, structure kept) and the
    correlation recomputed, as ``sna::qaptest(list(A, B), gcor, g1=1, g2=2)``.

    Parameters
    ----------
    G1, G2 : networkx.Graph or networkx.DiGraph
        The two waves, both directed or both undirected.
    nodes : iterable of actors, optional
        Actors to compare; by default those in both graphs.
    weight : str, optional
        Tie attribute to correlate; by default ties are 1 (present) or 0.
    n_permutations : int, default=1000
        Number of permutations (UCINET's default is 2,500, sna's 1,000).
    seed : None, int, numpy.random.Generator or numpy.random.RandomState, default=None
        Seed of the permutations (see the module docstring for the chunks).
    n_jobs : int or None, default=None
        Workers for joblib (``-1`` all CPUs). ``None`` uses joblib's active
        backend: one process, or a Dask cluster inside
        ``joblib.parallel_backend("dask")``. The result does not depend on it.
    progress : bool or None, default=None
        Show a progress bar over the chunks.
        ``None``: shown if ``SYSMAP_PROGRESS=1``, or standard error is a
        terminal (:func:`~sysmap._progress.show_progress`).

    Returns
    -------
    QAPResult
        ``correlation``, ``p_value`` (one-sided, "more alike than chance"),
        ``p_less``, ``p_two_sided``, the null distribution and its moments.

    Raises
    ------
    GraphTypeError
        If a graph is not a simple networkx graph, or one is directed and the
        other not.
    ParameterError
        For a negative `n_permutations`, bad `seed` or `n_jobs`, `nodes` not
        in both graphs, or a `weight` missing on some tie.

    Notes
    -----
    *Formula.* With :math:`N` off-diagonal cells (:math:`n(n-1)` for
    digraphs, :math:`n(n-1)/2` pairs for undirected graphs, whose symmetric
    cells give the same correlation), sums :math:`S_a = \sum a_{ij}`,
    :math:`S_{aa} = \sum a_{ij}^2`, likewise for :math:`b`, and
    :math:`S_{ab} = \sum a_{ij} b_{ij}`:

    .. math:: r = \frac{N S_{ab} - S_a S_b}{\sqrt{(N S_{aa} - S_a^2)(N S_{bb} - S_b^2)}}

    Only :math:`S_{ab}` changes under a permutation, and it is a sum over the
    ties of one wave that land on ties of the other, so each permutation maps
    the second wave's edge list through the permutation and looks the ties up
    in the first wave's sorted edge keys: :math:`O(m \log m)` time and no
    :math:`n \times n` array. Permutation ``b`` is ``rng.permutation(n)``
    from its chunk's generator and gives ``B_perm[i, j] = B[perm[i], perm[j]]``
    (actors in sorted order).

    *p-values* count the observed labelling among the permutations
    (:math:`(1 + \#) / (1 + B)`), so they are never 0; ``sna::qaptest``
    reports the plain share :math:`\# / B`.

    *Reading.* QAP tests association, not change: a small p-value says the
    later wave's ties follow the earlier ones more than chance would; the
    size of :math:`r` says how much of the pattern survived. Tie churn
    (:func:`sysmap.compare.tie_churn`) says what changed.

    References
    ----------
    .. [1] Krackhardt, David. "QAP Partialling as a Test of Spuriousness."
       *Social Networks* 9, no. 2 (1987): 171-186.
       https://doi.org/10.1016/0378-8733(87)90012-8
    .. [2] Butts, Carter T. "Social Network Analysis with sna." *Journal of
       Statistical Software* 24, no. 6 (2008): 1-51.
       https://doi.org/10.18637/jss.v024.i06

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.karate_club_graph()
    >>> res = qap_correlation(G, G, n_permutations=99, seed=0)
    >>> round(res.correlation, 6), res.p_value
    (1.0, 0.01)
    """
    n_permutations = check_int(n_permutations, "n_permutations", minimum=0)
    check_n_jobs(n_jobs)
    G1, G2, nodes = _pair_nodes(G1, G2, nodes)
    n = len(nodes)
    directed = G1.is_directed()
    a_src, a_dst, a_w = _ties(G1, nodes, weight)
    b_src, b_dst, b_w = _ties(G2, nodes, weight)
    N = float(n * (n - 1) if directed else n * (n - 1) // 2)
    a_keys = _keys(a_src, a_dst, n)
    order = np.argsort(a_keys, kind="stable")
    a_keys, a_w = a_keys[order], a_w[order]
    sums = (N, float(a_w.sum()), float((a_w**2).sum()), float(b_w.sum()), float((b_w**2).sum()))
    pos, hit = _lookup(pd.Index(a_keys), _keys(b_src, b_dst, n))
    observed = float(_pearson(*sums, float(np.dot(a_w[pos[hit]], b_w[hit]))))
    plan = chunk_plan(n_permutations, seed)
    null = _run_chunks(
        _qap_chunk,
        (
            n,
            a_keys,
            None if weight is None else a_w,
            b_src,
            b_dst,
            None if weight is None else b_w,
            directed,
            sums,
        ),
        plan,
        n_jobs=n_jobs,
        progress=progress,
        desc="QAP permutations",
    )
    greater, less, two = _p_values(null, observed)
    finite = null[~np.isnan(null)]
    return QAPResult(
        correlation=observed,
        p_value=greater,
        p_less=less,
        p_two_sided=two,
        null_mean=float(finite.mean()) if len(finite) else math.nan,
        null_sd=float(finite.std(ddof=1)) if len(finite) > 1 else math.nan,
        n_permutations=n_permutations,
        n_actors=n,
        weight=weight,
        distribution=null,
    )
