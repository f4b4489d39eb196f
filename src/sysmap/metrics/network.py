"""Network-level summaries: density, Freeman centralization and a one-call overview.

Conventions follow R's sna (``gden``, ``centralization``, ``connectedness``,
``grecip``, ``gtrans``) and igraph (``average_path_length``); each function says
which one and where sysmap differs on purpose. Self-loops are ignored
throughout (sna's ``diag=FALSE``).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Hashable
from typing import Literal

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd

from .._attributes import GroupSpec, group_labels, group_order, is_missing
from .._graph import check_graph, igraph_map, sorted_nodes, source_chunks, to_igraph
from .._random import check_seed
from .._validation import renamed_parameter
from ..exceptions import MissingAttributeError, ParameterError, SysmapDeprecationWarning
from .centrality import _betweenness_values, _check_sample, degree

__all__ = ["centralization", "density", "group_summary", "network_summary"]

RESPONDED = "responded"
ROSTER_STATUSES = frozenset({"responded", "did_not_respond"})

#: Metrics reported by :func:`network_summary`, in order.
SUMMARY_METRICS = (
    "n_actors",
    "n_ties",
    "density",
    "reciprocity",
    "components",
    "strong_components",
    "connectedness",
    "average_distance",
    "transitivity",
    "degree_centralization",
    "betweenness_centralization",
    "response_rate",
    "trust",
    "value",
)


def _n_ties(G: nx.Graph) -> int:
    return G.number_of_edges() - nx.number_of_selfloops(G)


def density(G: nx.Graph, *, observed_only: bool = False, weight: str | None = None) -> float:
    r"""Share of possible ties that are present, as ``sna::gden``.

    :math:`m / (n(n-1))` for digraphs and :math:`2m / (n(n-1))` for undirected
    graphs, with :math:`m` ties (self-loops ignored).

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Tie network.
    observed_only : bool, default=False
        Use only the observed cells of the adjacency matrix, as ``sna::gden``
        does with missing data: the row of an actor whose ``status`` is not
        ``"responded"`` is missing (NA), so the density is
        :math:`\sum_{i \in R} k_i / (|R| (n-1))`, with :math:`R` the
        respondents and :math:`k_i` the out-degree (digraphs) or degree
        (undirected graphs) of :math:`i`. On an undirected graph a tie between
        two respondents is counted from both rows, a tie between a respondent
        and a non-respondent only from the respondent's row. Equals
        ``gden(M, mode=...)`` where ``M`` is the sociomatrix with the
        non-respondents' rows set to ``NA``.
    weight : str or None, default=None
        Edge attribute to sum instead of counting ties (sna's default
        ``ignore.eval=FALSE`` on valued data); ties without it count 1.

    Returns
    -------
    float
        The density; NaN with fewer than two actors, or with `observed_only`
        and no respondent.

    Raises
    ------
    GraphTypeError
        If `G` is not a simple networkx graph.
    MissingAttributeError
        If `observed_only` and some actor has no ``status`` attribute.
    ParameterError
        If `weight` is not a number on some tie.

    References
    ----------
    .. [1] Wasserman, Stanley, and Katherine Faust. *Social Network Analysis:
       Methods and Applications*. Cambridge: Cambridge University Press, 1994.
       https://doi.org/10.1017/CBO9780511815478
    .. [2] Butts, Carter T. "Social Network Analysis with sna." *Journal of
       Statistical Software* 24, no. 6 (2008): 1-51.
       https://doi.org/10.18637/jss.v024.i06

    Examples
    --------
    >>> import networkx as nx
    >>> density(nx.DiGraph([("a", "b"), ("b", "c")]))
    0.3333333333333333
    >>> G = nx.Graph([("a", "b"), ("b", "c")])
    >>> status = {"a": "responded", "b": "responded", "c": "did_not_respond"}
    >>> nx.set_node_attributes(G, status, "status")
    >>> density(G, observed_only=True)  # rows a and b: (1 + 2) / (2 * 2)
    0.75
    """
    G = check_graph(G)
    n = G.number_of_nodes()
    if n < 2:
        return math.nan
    if not observed_only:
        if weight is None:
            total = float(_n_ties(G))
        else:
            total = float(degree(G, weight=weight)["degree"].sum()) / 2
        cells = n * (n - 1) / (1 if G.is_directed() else 2)
        return total / cells
    missing = [v for v in sorted_nodes(G) if is_missing(G.nodes[v].get("status"))]
    if missing:
        msg = (
            f"density(observed_only=True) needs the node attribute 'status' on every actor; "
            f"{len(missing)} lack it, first {missing[:5]!r}."
        )
        raise MissingAttributeError(msg)
    deg = degree(G, weight=weight)
    column = "out_degree" if G.is_directed() else "degree"
    responded = np.array([G.nodes[v]["status"] == RESPONDED for v in deg.index], dtype=bool)
    n_resp = int(responded.sum())
    if n_resp == 0:
        return math.nan
    return float(deg[column].to_numpy()[responded].sum()) / (n_resp * (n - 1))


def _degree_centralization(deg: np.ndarray, directed: bool, normalized: bool) -> float:
    n = len(deg)
    if n == 0:
        return math.nan
    raw = float(np.sum(deg.max() - deg))
    if not normalized:
        return raw
    # sna::degree(tmaxdev=TRUE), diag=FALSE: freeman (n-1)(2(n-1)-2); graph (n-1)(n-2)
    tmax = (n - 1) * (2 * (n - 1) - 2) if directed else (n - 1) * (n - 2)
    return raw / tmax if tmax else math.nan


def _betweenness_centralization(bet: np.ndarray, directed: bool, normalized: bool) -> float:
    n = len(bet)
    if n == 0:
        return math.nan
    raw = float(np.sum(bet.max() - bet))
    if not normalized:
        return raw
    # sna::betweenness(tmaxdev=TRUE): directed (n-1)^2 (n-2); undirected half of it
    tmax = (n - 1) ** 2 * (n - 2) / (1 if directed else 2)
    return raw / tmax if tmax else math.nan


@renamed_parameter("normalize", "normalized")
def centralization(
    G: nx.Graph,
    measure: Literal["degree", "betweenness"] = "degree",
    *,
    normalized: bool = True,
    sample: int | None = None,
    seed: None | int | np.random.Generator = None,
) -> float:
    r"""Freeman centralization of the network, as ``sna::centralization``.

    :math:`C = \sum_i (c_{\max} - c_i) / \max_{G'} \sum_i (c_{\max} - c_i)`, the
    denominator being the largest value any graph with :math:`n` actors can
    reach (the star).

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Tie network; weights are ignored (sna's theoretical maxima are for
        binary graphs).
    measure : {"degree", "betweenness"}, default="degree"
        Actor centrality to centralize. Degree is sna's default Freeman degree
        (in + out) on digraphs; betweenness counts ordered pairs on digraphs
        and unordered pairs on undirected graphs.
    normalized : bool, default=True
        Divide by the theoretical maximum (sna ``normalize=TRUE``; the old
        name ``normalize=`` still works, with a
        :class:`~sysmap.exceptions.SysmapDeprecationWarning`). Maxima
        (sna 2.7, ``diag=FALSE``): degree :math:`(n-1)(n-2)` undirected and
        :math:`2(n-1)(n-2)` for Freeman degree on digraphs; betweenness
        :math:`(n-1)^2(n-2)/2` undirected and :math:`(n-1)^2(n-2)` on digraphs.
    sample : int or None, default=None
        Betweenness only: estimate actor betweenness from this many sampled
        sources (see :func:`~sysmap.metrics.betweenness`). The max of noisy
        estimates is biased upward, so treat the result as approximate.
    seed : None, int, numpy.random.Generator or numpy.random.RandomState, default=None
        Randomness for `sample`.

    Returns
    -------
    float
        The centralization, in [0, 1] when normalized (1 for a star: on
        digraphs, a star with mutual ties). NaN for an empty graph, and when
        normalized with fewer than three actors (the maximum is 0; sna gives
        NaN too).

    Raises
    ------
    GraphTypeError
        If `G` is not a simple networkx graph.
    ParameterError
        If `measure` is unknown or `sample` is given for degree or out of range.

    Notes
    -----
    Matches ``sna::centralization(M, sna::degree, mode=m)`` and
    ``sna::centralization(M, sna::betweenness, mode=m)`` with
    ``m = "digraph"`` or ``"graph"``. On a digraph with a one-way star
    (centre to all) degree centralization is 0.5, since in + out degree of a
    mutual star is the maximum.

    References
    ----------
    .. [1] Freeman, Linton C. "Centrality in Social Networks Conceptual
       Clarification." *Social Networks* 1, no. 3 (1979): 215-239.
       https://doi.org/10.1016/0378-8733(78)90021-7
    .. [2] Butts, Carter T. "Social Network Analysis with sna." *Journal of
       Statistical Software* 24, no. 6 (2008): 1-51.
       https://doi.org/10.18637/jss.v024.i06

    Examples
    --------
    >>> import networkx as nx
    >>> centralization(nx.star_graph(5))
    1.0
    >>> centralization(nx.star_graph(5), "betweenness")
    1.0
    >>> centralization(nx.cycle_graph(5))
    0.0
    """
    G = check_graph(G)
    if measure == "degree":
        if sample is not None:
            raise ParameterError("sample applies to measure='betweenness' only.")
        deg = degree(G)["degree"].to_numpy()
        return _degree_centralization(deg, G.is_directed(), normalized)
    if measure == "betweenness":
        H, _ = to_igraph(G)
        sample = _check_sample(sample, H.vcount())
        bet = _betweenness_values(H, weighted=False, sample=sample, seed=seed, progress=False)
        return _betweenness_centralization(bet, G.is_directed(), normalized)
    msg = f"measure must be 'degree' or 'betweenness'; got {measure!r}."
    raise ParameterError(msg)


# ---------------------------------------------------------------------------
# network_summary
# ---------------------------------------------------------------------------


def _edge_mean(G: nx.Graph, attr: str) -> float:
    values = []
    for u, v, x in G.edges(data=attr):
        if x is None or u == v:
            continue
        try:
            values.append(float(x))
        except (TypeError, ValueError):
            msg = f"edge attribute {attr!r} must be numeric; tie ({u!r}, {v!r}) has {x!r}."
            raise ParameterError(msg) from None
    arr = np.asarray(values, dtype=float)
    arr = arr[~np.isnan(arr)]
    return float(arr.mean()) if arr.size else math.nan


def _response_rate(G: nx.Graph) -> float:
    statuses = [s for _, s in G.nodes(data="status") if s in ROSTER_STATUSES]
    if not statuses:
        return math.nan
    return sum(s == RESPONDED for s in statuses) / len(statuses)


def _directed_transitivity(H: ig.Graph, src: np.ndarray, dst: np.ndarray) -> float:
    """sna::gtrans(measure="weak"): closed ordered two-paths i->j->k, i != k, over all of them."""
    n = H.vcount()
    out_deg = np.bincount(src, minlength=n)
    in_deg = np.bincount(dst, minlength=n)
    keys = np.sort(src * n + dst)
    reverse = dst * n + src
    pos = np.searchsorted(keys, reverse)
    pos[pos == len(keys)] = 0
    mutual = np.bincount(src[keys[pos] == reverse], minlength=n) if len(keys) else out_deg * 0
    two_paths = float(np.sum(in_deg * out_deg) - np.sum(mutual))
    if two_paths == 0:
        return math.nan
    skeleton = H.as_undirected(mode="collapse")
    tri = np.asarray(skeleton.list_triangles(), dtype=np.int64).reshape(-1, 3)
    closed = 0
    if len(tri):

        def arc(a: np.ndarray, b: np.ndarray) -> np.ndarray:
            k = a * n + b
            p = np.searchsorted(keys, k)
            p[p == len(keys)] = 0
            return keys[p] == k

        for i, j, k in ((0, 1, 2), (0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0)):
            a, b, c = tri[:, i], tri[:, j], tri[:, k]
            closed += int(np.sum(arc(a, b) & arc(b, c) & arc(a, c)))
    return closed / two_paths


def _summary(
    G: nx.Graph,
    *,
    sample: int | None,
    seed: None | int | np.random.Generator,
    betweenness: np.ndarray | None = None,
    n_jobs: int | None = None,
) -> dict[str, float]:
    """The summary's values; `betweenness` (raw, sorted actor order) is reused if given;
    the sampled sources' searches run in chunks (`n_jobs` processes)."""
    directed = G.is_directed()
    H, _ = to_igraph(G)
    H.simplify(multiple=False, loops=True)
    n = H.vcount()
    m = H.ecount()
    out: dict[str, float] = dict.fromkeys(SUMMARY_METRICS, math.nan)
    out["n_actors"] = n
    out["n_ties"] = m
    out["density"] = m / (n * (n - 1) / (1 if directed else 2)) if n > 1 else math.nan
    if directed:
        out["reciprocity"] = H.reciprocity(ignore_loops=True, mode="default") if m else math.nan
    weak = H.connected_components(mode="weak")
    sizes = np.asarray(weak.sizes(), dtype=float)
    out["components"] = len(sizes)
    if directed:
        out["strong_components"] = len(H.connected_components(mode="strong"))
    out["connectedness"] = float(np.sum(sizes * (sizes - 1)) / (n * (n - 1))) if n > 1 else 1.0
    sample = _check_sample(sample, n)
    if sample is None or n == 0:
        out["average_distance"] = H.average_path_length(directed=True, unconn=True)
    else:
        rng = check_seed(seed)
        seed = rng  # the same stream then drives the betweenness sample
        sources = np.sort(rng.choice(n, size=sample, replace=False))
        parts = igraph_map(
            H, "closeness", source_chunks(sources), arg="vertices", mode="out", normalized=False,
            n_jobs=n_jobs, desc="average distance", leave=False,
        )  # fmt: skip
        inv_total = np.concatenate(parts)
        if directed:
            reach = np.asarray(
                H.neighborhood_size(vertices=sources.tolist(), order=max(n - 1, 1), mode="out")
            )
        else:  # everyone in the source's component: no second search
            reach = sizes[np.asarray(weak.membership)[sources]]
        ok = reach > 1
        pairs = float(np.sum(reach[ok] - 1))
        out["average_distance"] = float(np.sum(1 / inv_total[ok]) / pairs) if pairs else math.nan
    if directed:
        edges = np.asarray(H.get_edgelist(), dtype=np.int64).reshape(-1, 2)
        out["transitivity"] = _directed_transitivity(H, edges[:, 0], edges[:, 1])
    else:
        out["transitivity"] = H.transitivity_undirected()
    deg = np.asarray(H.degree(mode="all"), dtype=float)  # loops removed; in + out on digraphs
    out["degree_centralization"] = _degree_centralization(deg, directed, True)
    bet = betweenness
    if bet is None:
        bet = _betweenness_values(H, weighted=False, sample=sample, seed=seed, progress=False)
    out["betweenness_centralization"] = _betweenness_centralization(bet, directed, True)
    out["response_rate"] = _response_rate(G)
    out["trust"] = _edge_mean(G, "trust")
    out["value"] = _edge_mean(G, "value")
    return {k: float(v) for k, v in out.items()}


def network_summary(
    G: nx.Graph,
    *,
    sample: int | None = None,
    seed: None | int | np.random.Generator = None,
    group: GroupSpec | None = None,
) -> pd.Series:
    r"""One-call overview of a network: size, cohesion, centralization, survey coverage.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Tie network, optionally with node attribute ``status`` and edge
        attributes ``trust`` and ``value``.
    sample : int or None, default=None
        For large networks: estimate ``average_distance`` and
        ``betweenness_centralization`` from this many source actors (drawn
        without replacement from one seeded stream, separately for each
        measure and group). ``None`` computes them exactly, which costs
        :math:`O(nm)` time (about 30 s at 10k actors / 50k ties; the
        256-source estimate about 1.5 s).
    seed : None, int, numpy.random.Generator or numpy.random.RandomState, default=None
        Randomness for `sample`.
    group : optional
        Deprecated: use :func:`group_summary`, which returns the summary per
        group as a DataFrame. Given here, it warns
        (:class:`~sysmap.exceptions.SysmapDeprecationWarning`) and returns
        that DataFrame.

    Returns
    -------
    pandas.Series
        Always a float Series named ``value`` indexed by ``metric`` (one row
        per group, as a DataFrame with the same metrics as columns, comes
        from :func:`group_summary`). The metrics:

        ``n_actors``, ``n_ties``
            Actors and ties (arcs on digraphs), self-loops excluded.
        ``density``
            :func:`density` (all cells; see ``observed_only`` there).
        ``reciprocity``
            Digraphs: share of arcs whose reverse arc exists,
            ``sna::grecip(measure="edgewise")`` = igraph ``reciprocity()`` =
            networkx ``overall_reciprocity``. NaN on undirected graphs (sna and
            igraph would give 1) and without arcs.
        ``components``
            Number of weak components (isolates count).
        ``strong_components``
            Digraphs: number of strong components; NaN on undirected graphs.
        ``connectedness``
            Krackhardt's connectedness, the share of ordered pairs in the same
            weak component, :math:`\sum_k s_k(s_k-1)/(n(n-1))`
            (``sna::connectedness``; 1 with fewer than two actors). Borgatti's
            fragmentation is 1 minus it.
        ``average_distance``
            Mean shortest-path length over the pairs that are connected
            (ordered pairs along arcs on digraphs): igraph's
            ``average_path_length(directed=True, unconn=True)``. NaN when no
            pair is connected. Unweighted.
        ``transitivity``
            Undirected: global clustering coefficient, 3 x triangles / connected
            triples (igraph ``transitivity_undirected``, networkx
            ``transitivity``). Digraphs: the share of two-paths
            :math:`i \to j \to k` (:math:`i \ne k`) closed by the arc
            :math:`i \to k`, ``sna::gtrans(measure="weak")``. NaN without
            two-paths (sna returns 1 there).
        ``degree_centralization``, ``betweenness_centralization``
            :func:`centralization`, normalized.
        ``response_rate``
            Among actors whose ``status`` is ``"responded"`` or
            ``"did_not_respond"`` (roster members), the share that responded;
            NaN when no actor has such a status.
        ``trust``, ``value``
            Mean of the edge attributes ``trust`` / ``value`` over the ties that
            carry them; NaN when none does.

    Raises
    ------
    GraphTypeError
        If `G` is not a graph sysmap accepts (see :func:`~sysmap._graph.check_graph`).
    ParameterError
        If `sample` is out of range or ``trust``/``value`` is not numeric.

    See Also
    --------
    group_summary : The same metrics for each group's subnetwork.

    References
    ----------
    .. [1] Krackhardt, David. "Graph Theoretical Dimensions of Informal
       Organizations." In *Computational Organization Theory*, edited by
       Kathleen M. Carley and Michael J. Prietula, 89-111. Hillsdale, NJ:
       Lawrence Erlbaum, 1994. https://doi.org/10.4324/9781315806648
    .. [2] Freeman, Linton C. "Centrality in Social Networks Conceptual
       Clarification." *Social Networks* 1, no. 3 (1979): 215-239.
       https://doi.org/10.1016/0378-8733(78)90021-7
    .. [3] Butts, Carter T. "Social Network Analysis with sna." *Journal of
       Statistical Software* 24, no. 6 (2008): 1-51.
       https://doi.org/10.18637/jss.v024.i06

    Examples
    --------
    >>> import networkx as nx
    >>> s = network_summary(nx.star_graph(4))
    >>> s[["n_actors", "n_ties", "density", "degree_centralization"]]
    metric
    n_actors                 5.0
    n_ties                   4.0
    density                  0.4
    degree_centralization    1.0
    Name: value, dtype: float64
    """
    G = check_graph(G)
    if group is not None:
        warnings.warn(
            "network_summary(group=...) is deprecated and will be removed; use "
            "group_summary(G, group), which returns the same DataFrame.",
            SysmapDeprecationWarning,
            stacklevel=2,
        )
        return group_summary(G, group, sample=sample, seed=seed)  # type: ignore[return-value]
    values = _summary(G, sample=sample, seed=seed)
    index = pd.Index(list(values), name="metric")
    return pd.Series(list(values.values()), index=index, name="value", dtype=float)


def group_summary(
    G: nx.Graph,
    group: GroupSpec,
    *,
    sample: int | None = None,
    seed: None | int | np.random.Generator = None,
) -> pd.DataFrame:
    """:func:`network_summary` of each group's subnetwork, one row per group.

    Each group's summary is computed on the subnetwork induced by its actors
    (ties inside the group only).

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Tie network (as for :func:`network_summary`).
    group : str, dict or pandas.Series
        The actors' groups: a node attribute (e.g. ``"sector"``) or labels by
        actor. Actors without a value form explicit groups (see
        :func:`~sysmap._attributes.group_labels`).
    sample : int or None, default=None
        As in :func:`network_summary`, capped at each group's size; the groups
        draw from one seeded stream.
    seed : None, int, numpy.random.Generator or numpy.random.RandomState, default=None
        Randomness for `sample`.

    Returns
    -------
    pandas.DataFrame
        Indexed by the group labels (index named after the attribute or the
        Series, else ``group``; sorted, the explicit groups of missing values
        last), one float column per metric of :func:`network_summary`.

    Raises
    ------
    MissingAttributeError
        If no actor has a group.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([(1, 2), (2, 3), (3, 4)])
    >>> group_summary(G, {1: "x", 2: "x", 3: "y", 4: "y"})[["n_actors", "n_ties"]]
           n_actors  n_ties
    group
    x           2.0     1.0
    y           2.0     1.0
    """
    G = check_graph(G)
    labels = group_labels(G, group)
    members: dict[Hashable, list[Hashable]] = {}
    for v, g in labels.items():
        members.setdefault(g, []).append(v)
    if sample is not None:
        seed = check_seed(seed)  # one stream across the groups
    order = group_order(members)
    rows = [
        _summary(
            G.subgraph(members[g]),
            sample=None if sample is None else min(sample, len(members[g])),
            seed=seed,
        )
        for g in order
    ]
    index = pd.Index(order, name=labels.name)
    frame = pd.DataFrame(rows, index=index, columns=list(SUMMARY_METRICS))
    return frame.astype(float)
