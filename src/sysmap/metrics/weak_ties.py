r"""Weak ties: bridges, local bridges and their span, neighbourhood overlap, tie strength.

Granovetter's argument (1973) is that the ties which bridge otherwise separate parts of
a network tend to be *weak* ties. This module measures both halves of that claim for
every tie of a collaboration network:

* the structural position of a tie: is it a **bridge** (its removal disconnects its
  ends), a **local bridge** (its ends share no neighbour), how far apart would its ends
  be without it (**span**), and how much do the ends' neighbourhoods overlap
  (the **neighbourhood overlap** of Onnela et al. 2007);
* its **strength**, read from a survey item such as the 1-4 relationship intensity
  (awareness, cooperation, coordination, integration) or a contact frequency, and
  classified as weak or strong by a stated threshold.

:func:`weak_tie_summary` puts the two together: the share of bridging and of
cross-group ties that are weak, and the correlation between overlap and strength,
with its sign spelled out (it differs between settings, so it is reported, not
assumed).

All structural measures are computed on the undirected simple graph underlying `G`;
heavy work is vectorised (numpy) and bridges come from igraph's linear-time routine.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Hashable
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd
from scipy import special

from .._attributes import GroupSpec, group_labels
from .._graph import check_graph, sorted_nodes
from .._validation import check_attr_name, check_choice, check_int, check_number
from ..exceptions import ParameterError
from ._span_search import _adjacency, _bridges, _common_neighbours, _spans

__all__ = [
    "AUTO_STRENGTH",
    "WeakTieSummary",
    "strength_attribute",
    "tie_measures",
    "tie_strength",
    "weak_tie_summary",
]

#: Value of ``strength=`` that picks the tie attribute from what the graph has
#: (see :func:`strength_attribute`).
AUTO_STRENGTH = "auto"
#: The tie attributes ``strength="auto"`` looks for, in this order.
STRENGTH_ATTRIBUTES = ("intensity", "weight")

_UNKNOWN = "unknown"
_RECIPROCAL = ("max", "min", "mean")
_METHODS = ("spearman", "pearson")


# --------------------------------------------------------------------------- checks


def _check_labels(labels: object) -> tuple[str, str]:
    ok = (
        isinstance(labels, (tuple, list))
        and len(labels) == 2
        and all(isinstance(x, str) for x in labels)
        and labels[0] != labels[1]
        and _UNKNOWN not in labels
    )
    if not ok:
        msg = (
            "labels must be two different strings (weak label, strong label), neither "
            f"{_UNKNOWN!r}; got {labels!r}."
        )
        raise ParameterError(msg)
    return labels[0], labels[1]


def strength_attribute(G: nx.Graph, strength: str | None = AUTO_STRENGTH) -> str | None:
    """The tie attribute a weak-tie measure reads for `strength`.

    ``"auto"`` picks from what the ties of `G` have: ``intensity`` (a survey's
    relationship intensity) when some tie has a value of it, else ``weight``
    (a tie value, or the count of parallel ties of a collapsed multigraph),
    else ``None`` (no strength). Any other value is returned as it is.

    Examples
    --------
    >>> strength_attribute(nx.Graph([(1, 2, {"weight": 2})]))
    'weight'
    >>> strength_attribute(nx.Graph([(1, 2)])) is None
    True
    """
    if strength != AUTO_STRENGTH:
        return strength
    for attr in STRENGTH_ATTRIBUTES:
        if any(not _missing(d.get(attr)) for _, _, d in G.edges(data=True)):
            return attr
    return None


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _as_value(value: object, attr: str, u: Hashable, v: Hashable) -> float:
    """One tie's strength as a float: NaN when missing (None, NaN, pandas NA), error
    when not a number."""
    if value is None or value is pd.NA:
        return math.nan
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        msg = (
            f"tie ({u!r}, {v!r}) has {attr}={value!r}; expected a number (or None / NA if unknown)."
        )
        raise ParameterError(msg)
    return float(value)


# ------------------------------------------------------------------- tie extraction


def _arcs(
    G: nx.Graph, attr: str | None
) -> tuple[list[Hashable], np.ndarray, np.ndarray, np.ndarray]:
    """Nodes in canonical order and the non-loop ties as index arrays plus values."""
    nodes = sorted_nodes(G)
    index = {node: i for i, node in enumerate(nodes)}
    src, dst, val = [], [], []
    if attr is None:
        for u, v in G.edges():
            if u != v:
                src.append(index[u])
                dst.append(index[v])
    else:
        for u, v, data in G.edges(data=True):
            if u != v:
                src.append(index[u])
                dst.append(index[v])
                val.append(_as_value(data.get(attr), attr, u, v))
    src_a = np.asarray(src, dtype=np.int64)
    dst_a = np.asarray(dst, dtype=np.int64)
    val_a = np.asarray(val, dtype=float) if attr is not None else np.full(len(src), np.nan)
    return nodes, src_a, dst_a, val_a


def _pairs(
    G: nx.Graph, attr: str | None, reciprocal: str
) -> tuple[list[Hashable], np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Unordered pairs (i < j), sorted, with combined strength and reciprocation."""
    nodes, src, dst, val = _arcs(G, attr)
    n = len(nodes)
    lo, hi = np.minimum(src, dst), np.maximum(src, dst)
    key = lo * n + hi
    order = np.argsort(key, kind="stable")
    key, val = key[order], val[order]
    if len(key) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return nodes, empty, empty, np.zeros(0), np.zeros(0, dtype=bool)
    start = np.flatnonzero(np.concatenate([[True], key[1:] != key[:-1]]))
    count = np.diff(np.append(start, len(key)))
    ukey = key[start]
    if reciprocal == "max":
        combined = np.fmax.reduceat(val, start)
    elif reciprocal == "min":
        combined = np.fmin.reduceat(val, start)
    else:
        known = ~np.isnan(val)
        total = np.add.reduceat(np.where(known, val, 0.0), start)
        nknown = np.add.reduceat(known.astype(np.int64), start)
        combined = np.full(len(start), np.nan)
        np.divide(total, nknown, out=combined, where=nknown > 0)
    return nodes, ukey // n, ukey % n, combined, count > 1


def _classify(values: np.ndarray, threshold: float, labels: tuple[str, str]) -> np.ndarray:
    out = np.full(len(values), _UNKNOWN, dtype=object)
    known = ~np.isnan(values)
    out[known & (values >= threshold)] = labels[1]
    out[known & (values < threshold)] = labels[0]
    return out


# ----------------------------------------------------------------------- public API


def _endpoint_columns(nodes: list[Hashable], i: np.ndarray, j: np.ndarray) -> dict[str, object]:
    labels = pd.Index(nodes) if nodes else pd.Index([], dtype=object)
    return {"source": labels.take(i).to_numpy(), "target": labels.take(j).to_numpy()}


def tie_strength(
    G: nx.Graph,
    *,
    by: str = "intensity",
    threshold: float = 3,
    labels: tuple[str, str] = ("weak", "strong"),
) -> pd.DataFrame:
    """Classify every tie as weak or strong from a survey item.

    A tie is *strong* when its value of the edge attribute `by` is at least
    `threshold`, and *weak* otherwise. With the default rule on PARTNER-style
    relationship intensity (1 awareness, 2 cooperation, 3 coordination,
    4 integration), coordination and integration are strong ties, awareness and
    cooperation weak ones [1]_. Any other item (a contact frequency, a trust
    score) works the same way with its own threshold.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Tie network. Not modified.
    by : str, default="intensity"
        Edge attribute holding the tie's strength (a number).
    threshold : float, default=3
        Smallest value counted as strong.
    labels : tuple of two str, default=("weak", "strong")
        Names of the two classes, weak first.

    Returns
    -------
    pandas.DataFrame
        One row per tie with columns ``source``, ``target``, ``strength`` (float)
        and ``strength_class`` (one of `labels` or ``"unknown"``). For an
        undirected graph ``source`` precedes ``target`` in sorted actor order; for
        a directed graph each arc is one row, as reported. Rows are sorted by
        ``(source, target)``.

    Raises
    ------
    GraphTypeError
        If `G` is not a networkx graph or is a multigraph.
    ParameterError
        If `threshold` is not a number, `labels` are not two distinct strings
        other than ``"unknown"``, or a tie's `by` value is not a number.

    Notes
    -----
    A tie without the attribute `by` (or with ``None`` or NaN) gets strength NaN
    and class ``"unknown"``; it is never silently counted as weak. Self-loops
    (self-nominations) are not ties between two actors and are left out.

    References
    ----------
    .. [1] Granovetter, Mark S. "The Strength of Weak Ties." *American Journal of
       Sociology* 78, no. 6 (1973): 1360-1380. https://doi.org/10.1086/225469

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b", {"intensity": 4}), ("b", "c", {"intensity": 1}), ("c", "d", {})])
    >>> tie_strength(G)
      source target  strength strength_class
    0      a      b       4.0         strong
    1      b      c       1.0           weak
    2      c      d       NaN        unknown
    """
    G = check_graph(G)
    check_attr_name(by, "by", allow_none=False)
    threshold = check_number(threshold, "threshold")
    labels = _check_labels(labels)
    nodes, src, dst, val = _arcs(G, by)
    if not G.is_directed():
        src, dst = np.minimum(src, dst), np.maximum(src, dst)
    order = np.lexsort((dst, src))
    src, dst, val = src[order], dst[order], val[order]
    frame = pd.DataFrame(_endpoint_columns(nodes, src, dst))
    frame["strength"] = val
    frame["strength_class"] = _classify(val, threshold, labels)
    return frame


def tie_measures(
    G: nx.Graph,
    *,
    group: GroupSpec | None = None,
    strength: str | None = AUTO_STRENGTH,
    threshold: float = 3,
    reciprocal: str = "max",
    max_span: int | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    r"""Structural position and strength of every tie: bridges, span, overlap.

    For the tie between actors :math:`i` and :math:`j`:

    * ``bridge``: removing the tie disconnects :math:`i` from :math:`j`;
    * ``local_bridge``: :math:`i` and :math:`j` have no neighbour in common
      (Granovetter's local bridge [1]_, as defined by Easley and Kleinberg [3]_ and
      networkx); every bridge is a local bridge;
    * ``span``: for a local bridge, the distance between :math:`i` and :math:`j`
      once the tie is removed (``inf`` for a bridge);
    * ``overlap``: Onnela's neighbourhood overlap [2]_

      .. math:: O_{ij} = \frac{n_{ij}}{(k_i - 1) + (k_j - 1) - n_{ij}},

      with :math:`n_{ij}` common neighbours (column ``common_neighbours``) and
      :math:`k` the number of neighbours. It is the share of the two actors'
      other contacts that they share; it is *not* the Jaccard coefficient.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Tie network (any hashable actor ids). Not modified.
    group : str, dict, pandas.Series or None, default=None
        The actor's group: a node attribute (e.g. ``"sector"``) or labels by
        actor (see :func:`~sysmap._attributes.group_labels`). When given, a
        ``cross_group`` column says whether the tie joins two groups.
    strength : str or None, default="auto"
        Edge attribute with the tie's strength. ``"auto"``: ``intensity`` when
        ties have it, else ``weight``, else none (:func:`strength_attribute`).
        ``None`` leaves the strength columns out.
    threshold : float, default=3
        Smallest strength counted as strong (see :func:`tie_strength`).
    reciprocal : {"max", "min", "mean"}, default="max"
        Directed graphs only: how the strengths of the two arcs of a reciprocated
        pair combine into the strength of the tie (missing values are ignored).
    max_span : int or None, default=None
        Search spans up to this length only: a local bridge whose span is longer
        gets ``max_span + 1``, read "longer than `max_span`". ``None``: every span
        exactly. The size policy of :class:`~sysmap.metrics.store.MeasureStore`
        sets 5 above 100,000 actors, where spans of 6 and more (the common case
        in large sparse networks) cost most of the time.
    progress : bool or None, default=None
        Show a progress bar for the span searches.
        ``None``: shown if ``SYSMAP_PROGRESS=1``, or standard error is a
        terminal (:func:`~sysmap._progress.show_progress`).

    Returns
    -------
    pandas.DataFrame
        One row per tie (unordered pair of actors), sorted, with columns
        ``source``, ``target`` (``source`` first in sorted actor order),
        ``reciprocated`` (directed graphs only: both arcs present), ``bridge``,
        ``local_bridge``, ``span``, ``common_neighbours``, ``overlap``,
        ``strength``, ``strength_class`` (when a strength attribute is used) and
        ``cross_group`` (when `group` is given). ``frame.attrs["strength"]``
        names the tie attribute read as strength (``None`` for none).

    Raises
    ------
    GraphTypeError
        If `G` is not a networkx graph or is a multigraph.
    MissingAttributeError
        If `group` is given and no actor has a value of it.
    ParameterError
        For an invalid `threshold`, `reciprocal`, attribute name, a non-numeric
        strength value or unhashable group values.

    Notes
    -----
    * A directed graph is analysed as its undirected version: two actors are
      tied when either names the other, and bridges, spans and overlap are
      computed on those ties. ``reciprocated`` keeps the direction information.
    * ``span`` follows ``networkx.local_bridges(G, with_span=True)``: it is given
      for local bridges only and is NaN for every other tie (whose ends are at
      distance 2 through a common neighbour); it counts steps, ignoring weights.
    * ``overlap`` is NaN when its denominator is 0, i.e. when both actors have no
      other contact (an isolated pair).
    * ``cross_group`` is a nullable boolean column. Actors without a value of
      `group` form explicit groups (see :func:`~sysmap.metrics.groups.group_labels`):
      a tie between a sector and ``"unknown"`` crosses groups.
    * Ties without a strength value get NaN and class ``"unknown"``.
    * Self-loops are ignored: they are neither ties nor neighbours here. (networkx
      counts a looped actor as its own neighbour, so no tie at such an actor is a
      local bridge there.)

    Bridges come from igraph's linear-time algorithm; common neighbours are
    counted per tie by vectorised look-ups in the sorted adjacency; spans come
    from one compiled breadth-first search per actor shared by all its ties
    (:mod:`sysmap.metrics._span_kernel`: about span / 2 levels deep) and, next
    to hubs, bidirectional searches per tie batched in numpy.

    References
    ----------
    .. [1] Granovetter, Mark S. "The Strength of Weak Ties." *American Journal of
       Sociology* 78, no. 6 (1973): 1360-1380. https://doi.org/10.1086/225469
    .. [2] Onnela, Jukka-Pekka, Jari Saramäki, Jörkki Hyvönen, György Szabó, David
       Lazer, Kimmo Kaski, János Kertész, and Albert-László Barabási. "Structure
       and Tie Strengths in Mobile Communication Networks." *Proceedings of the
       National Academy of Sciences* 104, no. 18 (2007): 7332-7336.
       https://doi.org/10.1073/pnas.0610245104
    .. [3] Easley, David, and Jon Kleinberg. *Networks, Crowds, and Markets:
       Reasoning about a Highly Connected World*. Cambridge University Press,
       2010, ch. 3. https://doi.org/10.1017/CBO9780511761942

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.krackhardt_kite_graph()
    >>> ties = tie_measures(G, strength=None)
    >>> ties.loc[(ties.source == 0) & (ties.target == 1), "overlap"].item()
    0.2
    >>> ties.loc[ties.local_bridge, ["source", "target", "bridge", "span"]]
        source  target  bridge  span
    16       7       8    True   inf
    17       8       9    True   inf
    """
    G = check_graph(G)
    check_attr_name(strength, "strength", allow_none=True)
    strength = strength_attribute(G, strength)
    reciprocal = check_choice(reciprocal, "reciprocal", _RECIPROCAL)
    threshold = check_number(threshold, "threshold")
    if max_span is not None:
        max_span = check_int(max_span, "max_span", minimum=2)
    nodes, i, j, value, recip = _pairs(G, strength, reciprocal)
    n = len(nodes)
    indptr, indices = _adjacency(n, i, j)
    deg = np.diff(indptr)
    common = _common_neighbours(n, indptr, indices, i, j)
    denominator = (deg[i] - 1) + (deg[j] - 1) - common
    overlap = np.full(len(i), np.nan)
    np.divide(common, denominator, out=overlap, where=denominator > 0)
    local = common == 0
    bridge = _bridges(n, i, j)
    span = np.full(len(i), np.nan)
    span[bridge] = np.inf
    todo = np.flatnonzero(local & ~bridge)
    span[todo] = _spans(
        indptr, indices, n, i[todo], j[todo], progress=progress, max_span=max_span
    )

    frame = pd.DataFrame(_endpoint_columns(nodes, i, j))
    if G.is_directed():
        frame["reciprocated"] = recip
    frame["bridge"] = bridge
    frame["local_bridge"] = local
    frame["span"] = span
    frame["common_neighbours"] = common
    frame["overlap"] = overlap
    if strength is not None:
        frame["strength"] = value
        frame["strength_class"] = _classify(value, threshold, ("weak", "strong"))
    if group is not None:
        codes, _ = pd.factorize(group_labels(G, group, nodes=nodes))
        frame["cross_group"] = pd.array(codes[i] != codes[j], dtype="boolean")
    frame.attrs["strength"] = strength
    return frame


@dataclass(frozen=True)
class WeakTieSummary:
    """Network-level weak-tie test (see :func:`weak_tie_summary`).

    Attributes
    ----------
    n_ties : int
        Ties (unordered pairs of actors).
    n_classified : int
        Ties with a known strength.
    weak_share : float
        Share of classified ties that are weak (the baseline).
    n_bridging : int
        Bridging ties: bridges and local bridges (every bridge is a local bridge).
    weak_share_bridging : float
        Share of classified bridging ties that are weak; NaN if none.
    n_cross_group : int
        Ties joining two groups (0 when no `group` is given).
    weak_share_cross_group : float
        Share of classified cross-group ties that are weak; NaN if none or no
        `group` given.
    method : str
        ``"spearman"`` or ``"pearson"``.
    correlation : float
        Correlation between tie strength and neighbourhood overlap; NaN when
        undefined.
    n : int
        Ties entering the correlation (known strength and defined overlap).
    p_value : float
        Two-sided p-value of the correlation (scipy); NaN when undefined.
    direction : str
        ``"positive"``, ``"negative"``, ``"none"`` (exactly 0) or ``"undefined"``.
    interpretation : str
        One sentence stating the sign and what it means for Granovetter's claim.
    strength : str
        The tie attribute read as strength (``strength="auto"`` resolved).
    """

    n_ties: int
    n_classified: int
    weak_share: float
    n_bridging: int
    weak_share_bridging: float
    n_cross_group: int
    weak_share_cross_group: float
    method: str
    correlation: float
    n: int
    p_value: float
    direction: str
    interpretation: str
    strength: str


def _weak_share(classes: pd.Series) -> tuple[float, int]:
    known = classes[classes != _UNKNOWN]
    if len(known) == 0:
        return math.nan, 0
    return float((known == "weak").mean()), len(known)


def weak_tie_summary(
    G: nx.Graph,
    *,
    group: GroupSpec | None = None,
    strength: str = AUTO_STRENGTH,
    threshold: float = 3,
    method: str = "spearman",
    reciprocal: str = "max",
) -> WeakTieSummary:
    """Test Granovetter's weak-tie claim on a network.

    Granovetter [1]_ predicts that bridging ties are mostly weak and that strong
    ties sit inside dense clusters. This summary reports, side by side:

    * the share of weak ties among all ties (the baseline), among bridging ties
      (bridges and local bridges), and among ties that join two groups;
    * the correlation between tie strength and neighbourhood overlap, as Onnela
      et al. [2]_ used it: positive when strong ties sit where the two actors
      share many contacts.

    The sign is reported as found; in organisational networks it is often weak or
    reversed, and the `interpretation` sentence says which.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Tie network. Not modified.
    group : str, dict, pandas.Series or None, default=None
        The actor's group, for the cross-group share (as in :func:`tie_measures`).
    strength : str, default="auto"
        Edge attribute with the tie's strength; ``"auto"``: ``intensity`` when
        ties have it, else ``weight`` (:func:`strength_attribute`).
    threshold : float, default=3
        Smallest strength counted as strong.
    method : {"spearman", "pearson"}, default="spearman"
        Correlation coefficient (rank correlation by default, since survey
        strengths are ordinal).
    reciprocal : {"max", "min", "mean"}, default="max"
        Directed graphs: how two arcs' strengths combine (see :func:`tie_measures`).

    Returns
    -------
    WeakTieSummary
        Frozen dataclass; ``dataclasses.asdict`` turns it into a dict.

    Raises
    ------
    GraphTypeError
        If `G` is not a networkx graph or is a multigraph.
    ParameterError
        For an invalid `method`, `threshold` or strength value.

    Notes
    -----
    Shares count only ties with a known strength. The correlation uses the ties
    with a known strength and a defined overlap; it is NaN (direction
    ``"undefined"``) when fewer than 3 such ties remain or when strength or
    overlap does not vary. p-values are scipy's (:func:`scipy.stats.spearmanr`,
    :func:`scipy.stats.pearsonr`) and assume independent ties, which network data
    do not satisfy; read them as descriptive.

    References
    ----------
    .. [1] Granovetter, Mark S. "The Strength of Weak Ties." *American Journal of
       Sociology* 78, no. 6 (1973): 1360-1380. https://doi.org/10.1086/225469
    .. [2] Onnela, Jukka-Pekka, Jari Saramäki, Jörkki Hyvönen, György Szabó, David
       Lazer, Kimmo Kaski, János Kertész, and Albert-László Barabási. "Structure
       and Tie Strengths in Mobile Communication Networks." *Proceedings of the
       National Academy of Sciences* 104, no. 18 (2007): 7332-7336.
       https://doi.org/10.1073/pnas.0610245104

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_edges_from([(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5)], intensity=4)
    >>> G.add_edge(2, 3, intensity=1)
    >>> summary = weak_tie_summary(G)
    >>> summary.weak_share_bridging, summary.direction
    (1.0, 'positive')
    """
    G = check_graph(G)
    check_attr_name(strength, "strength", allow_none=False)
    method = check_choice(method, "method", _METHODS)
    chosen = strength_attribute(G, strength)
    if chosen is None and G.number_of_edges() == 0:
        chosen = STRENGTH_ATTRIBUTES[0]  # nothing to classify
    elif chosen is None:
        msg = (
            "strength='auto' found no tie strength: no tie has 'intensity' or 'weight'. "
            "Name the tie attribute with strength=..."
        )
        raise ParameterError(msg)
    ties = tie_measures(G, group=group, strength=chosen, threshold=threshold, reciprocal=reciprocal)
    return summary_of_ties(ties, strength=chosen, method=method, grouped=group is not None)


def _correlation(x: np.ndarray, y: np.ndarray, method: str) -> tuple[float, float]:
    """Spearman's or Pearson's r of `x` and `y` and its two-sided p-value.

    As :func:`scipy.stats.spearmanr` and :func:`scipy.stats.pearsonr`: Spearman's
    r is Pearson's r of the average ranks; the p-value is that of the t statistic
    ``r sqrt((n - 2) / (1 - r^2))`` with ``n - 2`` degrees of freedom (for
    Pearson's r the same as scipy's beta distribution). Computed here because
    importing :mod:`scipy.stats` takes about a second, a third of a small run.
    """
    if method == "spearman":
        x, y = pd.Series(x).rank().to_numpy(), pd.Series(y).rank().to_numpy()
    xm, ym = x - x.mean(), y - y.mean()
    r = float(np.dot(xm / np.linalg.norm(xm), ym / np.linalg.norm(ym)))
    r = min(1.0, max(-1.0, r))
    dof = len(x) - 2
    if abs(r) == 1.0:
        return r, 0.0
    t = r * math.sqrt(dof / ((1.0 + r) * (1.0 - r)))
    return r, float(2.0 * special.stdtr(dof, -abs(t)))


def summary_of_ties(
    ties: pd.DataFrame, *, strength: str, method: str = "spearman", grouped: bool
) -> WeakTieSummary:
    """:func:`weak_tie_summary` of a :func:`tie_measures` table (`grouped`: it has groups)."""
    method = check_choice(method, "method", _METHODS)
    weak_share, n_classified = _weak_share(ties["strength_class"])
    bridging = ties["local_bridge"].to_numpy()
    weak_bridging, _ = _weak_share(ties["strength_class"][bridging])
    if grouped:
        cross = ties["cross_group"].fillna(False).to_numpy(dtype=bool)
        weak_cross, _ = _weak_share(ties["strength_class"][cross])
        n_cross = int(cross.sum())
    else:
        weak_cross, n_cross = math.nan, 0
    x = ties["strength"].to_numpy(dtype=float)
    y = ties["overlap"].to_numpy(dtype=float)
    ok = ~np.isnan(x) & ~np.isnan(y)
    x, y = x[ok], y[ok]
    corr = p_value = math.nan
    if len(x) >= 3 and np.ptp(x) > 0 and np.ptp(y) > 0:
        corr, p_value = _correlation(x, y, method)
    direction, interpretation = _interpret(corr, p_value, method, len(x))
    return WeakTieSummary(
        n_ties=len(ties),
        n_classified=n_classified,
        weak_share=weak_share,
        n_bridging=int(bridging.sum()),
        weak_share_bridging=weak_bridging,
        n_cross_group=n_cross,
        weak_share_cross_group=weak_cross,
        method=method,
        correlation=corr,
        n=len(x),
        p_value=p_value,
        direction=direction,
        interpretation=interpretation,
        strength=strength,
    )


def _interpret(corr: float, p_value: float, method: str, n: int) -> tuple[str, str]:
    name = method.capitalize()
    if math.isnan(corr):
        return "undefined", (
            f"undefined: the {name} correlation of strength and overlap needs at least 3 "
            f"ties with both values and variation in each (got {n} ties)."
        )
    stat = f"({name} r = {corr:.3f}, p = {p_value:.3g}, n = {n})"
    if corr > 0:
        text = "positive: strong ties sit inside dense clusters, as Granovetter predicts"
        direction = "positive"
    elif corr < 0:
        text = (
            "negative: strong ties bridge between clusters and weak ties sit inside them, "
            "contrary to Granovetter's prediction"
        )
        direction = "negative"
    else:
        text = "none: tie strength is unrelated to neighbourhood overlap"
        direction = "none"
    if not p_value < 0.05:
        text += "; not significant at the 5% level"
    return direction, f"{text} {stat}."
