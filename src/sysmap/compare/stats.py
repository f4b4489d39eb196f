r"""Is the change real? Tests that compare two waves of one network.

Three tests, each on the actors present in both waves (or a subset the
caller chooses with `nodes`):

- :func:`~sysmap.compare.qap.qap_correlation`: how similar the two tie patterns are, with a QAP
  permutation p-value (Krackhardt 1987; as ``sna::qaptest`` with ``gcor``).
- :func:`density_change`: the change in density with a paired vertex
  bootstrap confidence interval (Snijders & Borgatti 1999; UCINET's
  "Compare densities, paired").
- :func:`ei_change`: whether the E-I index changed more than a random
  reassignment of the changed ties to the two waves would produce.

Permutation and bootstrap work is split into fixed, seeded chunks of
:data:`~sysmap.compare.resampling.CHUNK_SIZE` draws: chunk ``c`` draws from
``numpy.random.default_rng(numpy.random.SeedSequence(seed).spawn(k)[c])``.
The chunks run through :class:`joblib.Parallel` (``n_jobs``), so the same
seed gives the same p-values whatever ``n_jobs`` is and whichever joblib
backend runs them (loky processes, threads, or a Dask cluster through
``joblib.parallel_backend("dask")``). Nothing builds an n x n array: the
work is on edge lists.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import pandas as pd
from scipy.stats import binom

from .._attributes import group_labels
from .._graph import check_n_jobs
from .._validation import check_int
from ..exceptions import ParameterError
from .resampling import _TOL, _keys, _lookup, _p_values, _pair_nodes, _run_chunks, _ties, chunk_plan

__all__ = [
    "DensityChangeResult",
    "EIChangeResult",
    "density_change",
    "ei_change",
]

#: Largest number of points of the exact E-I change distribution
#: ((discordant external dyads + 1) x (discordant internal dyads + 1)).
EXACT_EI_LIMIT = 4_000_000


# --------------------------------------------------------------------------- density bootstrap


@dataclass(frozen=True)
class DensityChangeResult:
    """Change in density between two waves with a paired vertex bootstrap.

    Attributes
    ----------
    before, after : float
        Densities of the two waves over the compared actors.
    change : float
        ``after - before``.
    se : float
        Bootstrap standard error of the change (standard deviation of the
        bootstrap changes).
    ci_low, ci_high : float
        Percentile bootstrap confidence interval of the change.
    confidence : float
        Level of the interval (0.95).
    z : float
        ``change / se``: Snijders and Borgatti's approximate t-statistic.
    p_value : float
        Two-sided bootstrap p-value of "no change":
        ``(1 + #{|d_b - change| >= |change|}) / (1 + B)``.
    n_bootstrap : int
        Number of bootstrap samples ``B``.
    n_actors : int
        Actors compared.
    distribution : numpy.ndarray
        ``B`` x 2 array of bootstrap densities (before, after), in chunk order.
    """

    before: float
    after: float
    change: float
    se: float
    ci_low: float
    ci_high: float
    confidence: float
    z: float
    p_value: float
    n_bootstrap: int
    n_actors: int
    distribution: np.ndarray = field(repr=False)


def _bootstrap_chunk(
    n: int,
    src: np.ndarray,
    dst: np.ndarray,
    in1: np.ndarray,
    in2: np.ndarray,
    directed: bool,
    count: int,
    ss: np.random.SeedSequence,
) -> np.ndarray:
    """Bootstrap densities (before, after) for `count` vertex samples.

    `src`, `dst` hold the union of both waves' ties (sorted by key), `in1` and
    `in2` say which wave has each.
    """
    rng = np.random.default_rng(ss)
    cells = float(n * (n - 1))
    fold = 1.0 if directed else 2.0  # an undirected tie fills two cells
    index = pd.Index(_keys(src, dst, n))
    out = np.empty((count, 2))
    for t in range(count):
        sample = rng.integers(0, n, size=n)
        c = np.bincount(sample, minlength=n).astype(float)
        w = c[src] * c[dst]  # bootstrap cells (h, k) with i_h = u, i_k = v
        s1 = fold * float(w[in1].sum())
        s2 = fold * float(w[in2].sum())
        same = int(np.sum(c * (c - 1)))  # ordered cells h != k with i_h = i_k
        draws = same if directed else same // 2
        a = rng.integers(0, n, size=draws)
        b = (a + rng.integers(1, n, size=draws)) % n  # a random off-diagonal cell
        if not directed:
            a, b = np.minimum(a, b), np.maximum(a, b)
        pos, hit = _lookup(index, _keys(a, b, n))
        s1 += fold * float(np.count_nonzero(in1[pos[hit]]))
        s2 += fold * float(np.count_nonzero(in2[pos[hit]]))
        out[t] = (s1 / cells, s2 / cells)
    return out.reshape(-1)


def density_change(
    G1: nx.Graph,
    G2: nx.Graph,
    *,
    nodes: Iterable[Hashable] | None = None,
    n_bootstrap: int = 1000,
    confidence: float = 0.95,
    seed: None | int | np.random.Generator = None,
    n_jobs: int | None = None,
    progress: bool | None = None,
) -> DensityChangeResult:
    r"""Change in density between two waves, with a paired bootstrap confidence interval.

    Snijders and Borgatti's vertex bootstrap [1]_, paired as in UCINET's
    "Compare densities: paired (same nodes)" [2]_: each bootstrap sample
    draws :math:`n` actors with replacement, :math:`i_1, \dots, i_n`, and
    builds *both* waves' bootstrap networks from the same draw,
    :math:`y^*_{hk} = y_{i_h i_k}`; the spread of the bootstrap changes in
    density estimates the standard error of the observed change.

    Parameters
    ----------
    G1, G2 : networkx.Graph or networkx.DiGraph
        The two waves, both directed or both undirected. Ties count as present
        or absent (tie values are ignored).
    nodes : iterable of actors, optional
        Actors to compare; by default those in both graphs.
    n_bootstrap : int, default=1000
        Number of bootstrap samples.
    confidence : float, default=0.95
        Level of the percentile confidence interval.
    seed : None, int, numpy.random.Generator or numpy.random.RandomState, default=None
        Seed of the bootstrap samples (chunked as in :func:`qap_correlation`).
    n_jobs : int or None, default=None
        Workers for joblib, as in :func:`qap_correlation`; results do not depend on it.
    progress : bool or None, default=None
        Show a progress bar over the chunks.
        ``None``: shown if ``SYSMAP_PROGRESS=1``, or standard error is a
        terminal (:func:`~sysmap._progress.show_progress`).

    Returns
    -------
    DensityChangeResult
        ``before``, ``after``, ``change``, ``se``, ``ci_low``, ``ci_high``,
        ``z``, ``p_value`` and the bootstrap densities.

    Raises
    ------
    GraphTypeError
        If a graph is not a simple networkx graph, or one is directed and the
        other not.
    ParameterError
        For a bad `n_bootstrap`, `confidence`, `seed` or `n_jobs`, or `nodes`
        not in both graphs.

    Notes
    -----
    *Bootstrap network.* For :math:`h \ne k` with :math:`i_h \ne i_k`,
    :math:`y^*_{hk} = y_{i_h i_k}`. When the same actor is drawn twice
    (:math:`i_h = i_k`, :math:`h \ne k`) the cell has no counterpart, and
    Snijders and Borgatti fill it with the value of a randomly chosen
    off-diagonal cell (as snowboot's ``vertboot`` does); here one random cell
    ``(a, b)``, ``a = rng.integers(n)``, ``b = (a + rng.integers(1, n)) % n``,
    fills the cell in *both* waves, which keeps the pairing. Undirected
    networks fill both symmetric cells with one draw.

    *Sparse computation.* With :math:`c_v` the number of times actor
    :math:`v` was drawn, the cells copied from ties sum to
    :math:`\sum_{(u,v)} c_u c_v` over the ties (twice for undirected ties),
    and :math:`\sum_v c_v (c_v - 1)` cells need a random fill: each sample
    costs :math:`O(n + m)` plus about :math:`n` look-ups, never an
    :math:`n \times n` matrix. The bootstrap density is the sum over
    :math:`n(n-1)` cells.

    *Interval and test.* The interval is the percentile interval of the
    bootstrap changes :math:`d^*_b` (``numpy.quantile``, linear
    interpolation). ``z`` is Snijders and Borgatti's approximate test
    statistic (change / bootstrap SE); ``p_value`` is the bootstrap test of
    "no change" that centres the bootstrap changes on the observed one.
    The bootstrap assumes exchangeable actors; when response rates differ
    between waves, restrict the comparison to actors who responded in both.

    References
    ----------
    .. [1] Snijders, Tom A. B., and Stephen P. Borgatti. "Non-Parametric
       Standard Errors and Tests for Network Statistics." *Connections* 22,
       no. 2 (1999): 1-11.
    .. [2] Borgatti, Stephen P., Martin G. Everett, and Linton C. Freeman.
       *UCINET for Windows: Software for Social Network Analysis*. Harvard,
       MA: Analytic Technologies, 2002. (Network > Compare densities >
       Paired (same nodes).)

    Examples
    --------
    >>> import networkx as nx
    >>> G1 = nx.cycle_graph(30)
    >>> G2 = nx.circulant_graph(30, [1, 2])  # every tie kept, 30 formed
    >>> res = density_change(G1, G2, n_bootstrap=200, seed=0)
    >>> round(res.before, 4), round(res.after, 4), round(res.change, 4)
    (0.069, 0.1379, 0.069)
    >>> res.ci_low > 0
    True
    """
    n_bootstrap = check_int(n_bootstrap, "n_bootstrap", minimum=0)
    if not isinstance(confidence, numbers.Real) or not 0 < confidence < 1:
        raise ParameterError(f"confidence must be a number in (0, 1); got {confidence!r}.")
    check_n_jobs(n_jobs)
    G1, G2, nodes = _pair_nodes(G1, G2, nodes)
    n = len(nodes)
    directed = G1.is_directed()
    s1, d1, _ = _ties(G1, nodes)
    s2, d2, _ = _ties(G2, nodes)
    k1, k2 = _keys(s1, d1, n), _keys(s2, d2, n)
    keys = np.union1d(k1, k2)
    in1, in2 = np.isin(keys, k1), np.isin(keys, k2)
    src, dst = (keys // n, keys % n) if n else (keys, keys)
    cells = n * (n - 1) / (1 if directed else 2)
    before = len(k1) / cells if n > 1 else math.nan
    after = len(k2) / cells if n > 1 else math.nan
    change = after - before
    plan = chunk_plan(n_bootstrap, seed) if n > 1 else []
    flat = _run_chunks(
        _bootstrap_chunk,
        (n, src, dst, in1, in2, directed),
        plan,
        n_jobs=n_jobs,
        progress=progress,
        desc="density bootstrap",
    )
    boot = flat.reshape(-1, 2)
    diffs = boot[:, 1] - boot[:, 0]
    if len(diffs) > 1:
        alpha = 1 - confidence
        ci_low, ci_high = (float(q) for q in np.quantile(diffs, [alpha / 2, 1 - alpha / 2]))
        se = float(diffs.std(ddof=1))
        z = change / se if se > 0 else math.nan
        extreme = int(np.sum(np.abs(diffs - change) >= abs(change) - _TOL))
        p_value = (1 + extreme) / (1 + len(diffs))
    else:
        ci_low = ci_high = se = z = p_value = math.nan
    return DensityChangeResult(
        before=float(before),
        after=float(after),
        change=float(change),
        se=se,
        ci_low=ci_low,
        ci_high=ci_high,
        confidence=float(confidence),
        z=float(z),
        p_value=float(p_value),
        n_bootstrap=len(diffs),
        n_actors=n,
        distribution=boot,
    )


# --------------------------------------------------------------------------- E-I change


@dataclass(frozen=True)
class EIChangeResult:
    """Change in the E-I index between two waves, with a within-dyad permutation test.

    Attributes
    ----------
    before, after : float
        E-I index of each wave over the compared actors, with each actor's
        group fixed (see :func:`ei_change`).
    change : float
        ``after - before``.
    p_value : float
        Two-sided p-value of "no change".
    p_greater, p_less : float
        One-sided p-values for "E-I rose" / "E-I fell".
    method : str
        ``"exact"`` (the full permutation distribution) or ``"monte carlo"``.
    n_permutations : int
        Random permutations used (0 for ``"exact"``).
    n_actors : int
        Actors compared.
    kept_external, kept_internal, formed_external, formed_internal,
    dissolved_external, dissolved_internal : int
        Ties kept, formed and dissolved, between groups (external) and within.
    """

    before: float
    after: float
    change: float
    p_value: float
    p_greater: float
    p_less: float
    method: str
    n_permutations: int
    n_actors: int
    kept_external: int
    kept_internal: int
    formed_external: int
    formed_internal: int
    dissolved_external: int
    dissolved_internal: int


def _ei(e: np.ndarray, i: np.ndarray) -> np.ndarray:
    e = np.asarray(e, dtype=float)
    i = np.asarray(i, dtype=float)
    total = e + i
    out = np.full(np.broadcast(e, i).shape, np.nan)
    np.divide(e - i, total, out=out, where=total > 0)
    return out


def _ei_delta(ke: int, ki: int, de: int, di: int, xe: np.ndarray, xi: np.ndarray) -> np.ndarray:
    """E-I after minus before when `xe` external and `xi` internal changed ties go to 'before'."""
    before = _ei(ke + xe, ki + xi)
    after = _ei(ke + de - xe, ki + di - xi)
    return after - before


def _ei_chunk(
    ke: int, ki: int, de: int, di: int, count: int, ss: np.random.SeedSequence
) -> np.ndarray:
    rng = np.random.default_rng(ss)
    xe = rng.binomial(de, 0.5, size=count)
    xi = rng.binomial(di, 0.5, size=count)
    return _ei_delta(ke, ki, de, di, xe, xi)


def _group_codes(
    G1: nx.Graph, G2: nx.Graph, nodes: Sequence[Hashable], group: Hashable
) -> np.ndarray:
    """Group code per actor: the later wave's value, else the earlier one's."""
    codes, _ = pd.factorize(group_labels([G2, G1], group, nodes=nodes))
    return codes.astype(np.int64)


def ei_change(
    G1: nx.Graph,
    G2: nx.Graph,
    group: Hashable,
    *,
    nodes: Iterable[Hashable] | None = None,
    method: str = "auto",
    n_permutations: int = 10000,
    seed: None | int | np.random.Generator = None,
    n_jobs: int | None = None,
    progress: bool | None = None,
) -> EIChangeResult:
    r"""Change in the E-I index between two waves, with a permutation test.

    The E-I index :math:`(E - I)/(E + I)` [1]_ counts ties between groups
    (:math:`E`) and within them (:math:`I`). Did ties cross group lines more
    (or less) often in the later wave than chance would allow? The test keeps
    every actor's group and every tie that exists in both waves fixed, and
    asks whether the ties that *changed* (formed or dissolved) lean towards
    crossing groups in one direction.

    Parameters
    ----------
    G1, G2 : networkx.Graph or networkx.DiGraph
        The two waves, both directed or both undirected (tie values ignored).
    group : hashable, dict or pandas.Series
        Node attribute holding each actor's group (e.g. ``"sector"``), or the
        labels by actor. The
        later wave's value is used; the earlier one where the later lacks it.
        Actors without a value in either wave form explicit groups (see
        :func:`~sysmap.metrics.groups.group_labels`).
    nodes : iterable of actors, optional
        Actors to compare; by default those in both graphs.
    method : {"auto", "exact", "monte carlo"}, default="auto"
        ``"exact"`` computes the whole permutation distribution (fast while
        it has at most :data:`EXACT_EI_LIMIT` points); ``"monte carlo"``
        draws `n_permutations` random permutations; ``"auto"`` is exact
        when it can be.
    n_permutations : int, default=10000
        Random permutations for ``"monte carlo"``.
    seed : None, int, numpy.random.Generator or numpy.random.RandomState, default=None
        Seed of the random permutations (chunked as in :func:`qap_correlation`).
    n_jobs : int or None, default=None
        Workers for joblib, as in :func:`qap_correlation`.
    progress : bool or None, default=None
        Show a progress bar over the chunks.
        ``None``: shown if ``SYSMAP_PROGRESS=1``, or standard error is a
        terminal (:func:`~sysmap._progress.show_progress`).

    Returns
    -------
    EIChangeResult
        E-I before and after, the change, p-values and the counts of kept,
        formed and dissolved ties within and between groups.

    Raises
    ------
    GraphTypeError
        If a graph is not a simple networkx graph, or one is directed and the
        other not.
    MissingAttributeError
        If no actor has a value of `group` in either wave.
    ParameterError
        For a bad `method`, `n_permutations`, `seed` or `n_jobs`, `nodes` not
        in both graphs, or ``method="exact"`` on a distribution too large.

    Notes
    -----
    *Design.* Each dyad (pair of actors; ordered pair in digraphs) is in one
    of four states: no tie in either wave, kept, formed or dissolved. Under
    the null hypothesis the two waves are exchangeable: which of the two
    waves holds a tie that exists in only one of them is a fair coin flip,
    independently per dyad (the permutation test of a paired design, with
    the dyad as the unit; kept ties and empty dyads are unaffected). The
    statistic is :math:`\Delta = EI_{after} - EI_{before}`. Only how many of
    the :math:`D_E` changed ties between groups and :math:`D_I` within
    groups fall to the earlier wave matters, so the permutation distribution
    is that of two independent binomials, :math:`X_E \sim B(D_E, 1/2)` and
    :math:`X_I \sim B(D_I, 1/2)`, with
    :math:`EI_{before} = (K_E + X_E - K_I - X_I)/(K_E + X_E + K_I + X_I)`
    (:math:`K` the kept ties) and the rest in the later wave. ``"exact"``
    sums the binomial probabilities over all :math:`(D_E + 1)(D_I + 1)`
    outcomes: ``p_value`` = :math:`P(|\Delta^*| \ge |\Delta|)`,
    ``p_greater`` = :math:`P(\Delta^* \ge \Delta)`; the observed labelling is
    one of the outcomes. ``"monte carlo"`` draws the binomials and reports
    :math:`(1 + \#)/(1 + B)`. Outcomes where a wave has no tie (E-I
    undefined) never count as extreme.

    *Why this design.* UCINET's E-I permutation test shuffles group labels
    within one network and asks whether mixing differs from random; it says
    nothing about change. Shuffling labels independently per wave would
    ignore the pairing of the waves. Swapping the changed ties between the
    waves keeps the pairing, the groups and the ties both waves share, and
    is symmetric (:math:`\Delta^*` and :math:`-\Delta^*` are equally likely),
    so growth alone, with new ties as likely to cross groups as the kept
    ones, is not significant.

    *Caveat.* A tie between two non-respondents cannot be observed; when
    response rates differ between waves, restrict to actors who responded in
    both.

    References
    ----------
    .. [1] Krackhardt, David, and Robert N. Stern. "Informal Networks and
       Organizational Crises: An Experimental Simulation." *Social Psychology
       Quarterly* 51, no. 2 (1988): 123-140. https://doi.org/10.2307/2786835
    .. [2] Good, Phillip I. *Permutation, Parametric, and Bootstrap Tests of
       Hypotheses*. 3rd ed. New York: Springer, 2005. (Paired designs.)
       https://doi.org/10.1007/b138696

    Examples
    --------
    >>> import networkx as nx
    >>> G1 = nx.Graph([("a", "b"), ("c", "d"), ("a", "c")])
    >>> G2 = nx.Graph([("a", "b"), ("c", "d"), ("a", "c"), ("a", "d"), ("b", "c")])
    >>> groups = {"a": "A", "b": "A", "c": "B", "d": "B"}
    >>> for G in (G1, G2):
    ...     nx.set_node_attributes(G, groups, "sector")
    >>> res = ei_change(G1, G2, "sector")
    >>> round(res.before, 3), round(res.after, 3), round(res.p_greater, 4)  # 2 formed, external
    (-0.333, 0.2, 0.25)
    """
    if method not in ("auto", "exact", "monte carlo"):
        msg = f"method must be 'auto', 'exact' or 'monte carlo'; got {method!r}."
        raise ParameterError(msg)
    n_permutations = check_int(n_permutations, "n_permutations", minimum=0)
    check_n_jobs(n_jobs)
    G1, G2, nodes = _pair_nodes(G1, G2, nodes)
    n = len(nodes)
    codes = _group_codes(G1, G2, nodes, group)
    s1, d1, _ = _ties(G1, nodes)
    s2, d2, _ = _ties(G2, nodes)
    k1, k2 = _keys(s1, d1, n), _keys(s2, d2, n)
    ext1 = codes[s1] != codes[d1]
    ext2 = codes[s2] != codes[d2]
    kept1 = np.isin(k1, k2)
    kept2 = np.isin(k2, k1)
    ke, ki = int(np.sum(ext1 & kept1)), int(np.sum(~ext1 & kept1))
    le, li = int(np.sum(ext1 & ~kept1)), int(np.sum(~ext1 & ~kept1))  # dissolved
    fe, fi = int(np.sum(ext2 & ~kept2)), int(np.sum(~ext2 & ~kept2))  # formed
    de, di = le + fe, li + fi
    before = float(_ei(ke + le, ki + li))
    after = float(_ei(ke + fe, ki + fi))
    change = after - before
    size = (de + 1) * (di + 1)
    if method == "exact" and size > EXACT_EI_LIMIT:
        msg = (
            f"the exact E-I change distribution has {size:,} points (limit "
            f"{EXACT_EI_LIMIT:,}); use method='monte carlo' or 'auto'."
        )
        raise ParameterError(msg)
    exact = method == "exact" or (method == "auto" and size <= EXACT_EI_LIMIT)
    if math.isnan(change):
        greater = less = two = math.nan
        used = 0
    elif exact:
        xe = np.arange(de + 1)[:, None]
        xi = np.arange(di + 1)[None, :]
        prob = binom.pmf(xe, de, 0.5) * binom.pmf(xi, di, 0.5)
        delta = _ei_delta(ke, ki, de, di, xe, xi)
        ok = ~np.isnan(delta)
        greater = float(prob[ok & (delta >= change - _TOL)].sum())
        less = float(prob[ok & (delta <= change + _TOL)].sum())
        two = float(prob[ok & (np.abs(delta) >= abs(change) - _TOL)].sum())
        greater, less, two = (min(1.0, p) for p in (greater, less, two))
        used = 0
    else:
        null = _run_chunks(
            _ei_chunk,
            (ke, ki, de, di),
            chunk_plan(n_permutations, seed),
            n_jobs=n_jobs,
            progress=progress,
            desc="E-I permutations",
        )
        greater, less, two = _p_values(null, change)
        used = n_permutations
    return EIChangeResult(
        before=before,
        after=after,
        change=float(change),
        p_value=float(two),
        p_greater=float(greater),
        p_less=float(less),
        method="exact" if exact else "monte carlo",
        n_permutations=used,
        n_actors=n,
        kept_external=ke,
        kept_internal=ki,
        formed_external=fe,
        formed_internal=fi,
        dissolved_external=le,
        dissolved_internal=li,
    )
