"""Group mixing: Krackhardt and Stern's E-I index and group-by-group tie counts.

Both measures read a categorical node attribute (``"sector"``, ``"sponsorship"``)
and ask how ties fall within and between its groups: the E-I index as one
number per network, group and actor, the mixing matrix as a group x group table
of tie counts and densities (the evidence behind findings such as "Health and
Education share 2 of 120 possible ties").

Every group measure of sysmap reads its attribute through :func:`group_labels`:
an actor without a value (a partner not on the member list, an empty sector
cell) is never dropped and never stops the analysis, but counts in the explicit
group :data:`NOT_ON_MEMBER_LIST` or :data:`UNKNOWN`, listed after the real groups.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from .._attributes import NOT_ON_MEMBER_LIST, UNKNOWN, GroupSpec, group_labels, group_order
from .._graph import actor_frame, check_graph, edge_arrays, sorted_nodes
from .._random import check_seed
from .._validation import check_choice, check_int, renamed_parameter

__all__ = [
    "NOT_ON_MEMBER_LIST",
    "UNKNOWN",
    "EIResult",
    "ei_index",
    "group_labels",
    "mixing_matrix",
    "mixing_table",
]

# --------------------------------------------------------------------------- helpers
# (shared with brokerage.py)


def _group_codes(G: nx.Graph, nodes: list[Hashable], group: Hashable) -> tuple[np.ndarray, list]:
    """Integer group code per actor (in `nodes` order) and the group labels.

    Labels come from :func:`~sysmap._attributes.group_labels` (actors without a
    value form the explicit groups), sorted with those groups last.
    """
    values = group_labels(G, group, nodes=nodes).tolist()
    labels = group_order(values)
    index = {label: i for i, label in enumerate(labels)}
    codes = np.fromiter(map(index.__getitem__, values), dtype=np.int64, count=len(values))
    return codes, labels


def _tie_arrays(
    G: nx.Graph, nodes: list[Hashable], *, both_directions: bool
) -> tuple[np.ndarray, np.ndarray]:
    """Loop-free ties of `G` as int64 index arrays (source, target) into `nodes`.

    Directed graphs give each arc once. Undirected graphs give each edge twice
    (both arcs) when `both_directions`, else once with ``source < target``.
    """
    src, dst, _ = edge_arrays(G, nodes)
    keep = src != dst
    src, dst = src[keep], dst[keep]
    if not G.is_directed() and both_directions:
        src, dst = np.concatenate([src, dst]), np.concatenate([dst, src])
    return src, dst


def ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """`num` / `den` element-wise as floats, NaN where `den` is 0 (shared with
    :mod:`sysmap.cluster.profiles` and :mod:`sysmap.metrics.brokerage`)."""
    num = np.asarray(num, dtype=float)
    den = np.asarray(den, dtype=float)
    out = np.full(np.broadcast(num, den).shape, np.nan)
    np.divide(num, den, out=out, where=den != 0)
    return out


# --------------------------------------------------------------------------- E-I index


@dataclass(frozen=True)
class EIResult:
    """Krackhardt and Stern's E-I index at network, group and actor level.

    Attributes
    ----------
    network : float
        (E - I) / (E + I) over all ties; NaN when the graph has no ties.
    rescaled : float
        `network` mapped linearly from its attainable range [`minimum`, `maximum`]
        onto [-1, 1]; NaN when that range is a single point or there are no ties.
    expected : float
        E-I under random mixing given the group sizes:
        (E_possible - I_possible) / (E_possible + I_possible) over the graph's dyads.
        This is also the mean of the permutation distribution.
    minimum, maximum : float
        Smallest and largest E-I attainable with this many ties and these group sizes.
    external, internal : int
        Number of ties between groups (E) and within groups (I).
    possible_external, possible_internal : int
        Number of dyads (ordered pairs for directed graphs) between and within groups.
    p_value : float
        Two-sided permutation p-value (NaN without permutations); see :func:`ei_index`.
    p_greater, p_less : float
        One-sided permutation p-values for "E-I at least as high / as low as observed",
        as UCINET reports them (NaN without permutations).
    n_permutations : int
        Number of label permutations used.
    groups : pandas.DataFrame
        Indexed by ``group``: ``internal``, ``external``, ``ei_index``, ``size``.
    actors : pandas.DataFrame
        Indexed by ``actor``: ``ei_index`` (NaN for isolates).
    """

    network: float
    rescaled: float
    expected: float
    minimum: float
    maximum: float
    external: int
    internal: int
    possible_external: int
    possible_internal: int
    p_value: float
    p_greater: float
    p_less: float
    n_permutations: int
    groups: pd.DataFrame
    actors: pd.DataFrame


def _compact_labels(codes: np.ndarray) -> np.ndarray:
    """Group codes in the smallest integer dtype (faster gathers in permutation loops)."""
    k = int(codes.max()) + 1 if len(codes) else 1
    return codes.astype(np.int8 if k < 2**7 else np.int16 if k < 2**15 else np.int32)


def _index_dtype(x: np.ndarray) -> np.ndarray:
    return x.astype(np.int32) if len(x) and int(x.max()) < 2**31 - 1 else x


def _count_external(
    codes: np.ndarray,
    src: np.ndarray,
    dst: np.ndarray,
    n_permutations: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """Number of between-group ties under each of `n_permutations` label shuffles.

    Permutation ``b`` gives actor ``i`` the label of actor ``rng.permutation(n)[i]``.
    """
    n = len(codes)
    labels = _compact_labels(codes)
    s, d = _index_dtype(src), _index_dtype(dst)
    out = np.empty(n_permutations, dtype=np.int64)
    for j in range(n_permutations):
        perm = labels[rng.permutation(n)]
        out[j] = np.count_nonzero(perm[s] != perm[d])
    return out


def ei_index(
    G: nx.Graph,
    group: Hashable,
    *,
    n_permutations: int = 0,
    seed: None | int | np.random.Generator = None,
) -> EIResult:
    r"""Krackhardt and Stern's E-I index of a partition, with UCINET's extras.

    With E ties between groups (external) and I ties within groups (internal),
    the E-I index is :math:`(E - I) / (E + I)` [1]_: -1 when every tie stays
    inside its group, +1 when every tie crosses groups. It is computed for the
    whole network, for each group (ties of its members) and for each actor.
    As in UCINET [2]_, the result also holds the value expected under random
    mixing, a version rescaled to the range attainable with the observed number
    of ties and group sizes, and a permutation test of the group labels.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Tie network. Edge values are ignored; self-loops are ignored.
    group : hashable, dict or pandas.Series
        Node attribute holding each actor's group (e.g. ``"sector"``), or the
        labels by actor. Actors without a value form explicit groups (see
        :func:`~sysmap._attributes.group_labels`).
    n_permutations : int, default=0
        Number of random relabellings for the permutation test (UCINET's
        default is 10,000). 0 skips the test (p-values NaN).
    seed : None, int, numpy.random.Generator or numpy.random.RandomState, default=None
        Random seed for the permutations.

    Returns
    -------
    EIResult
        Network value (`network`, `rescaled`, `expected`, `minimum`, `maximum`,
        tie and dyad counts, p-values) plus `groups` (indexed by ``group``:
        ``internal``, ``external``, ``ei_index``, ``size``) and `actors`
        (indexed by ``actor``: ``ei_index``).

    Raises
    ------
    GraphTypeError
        If `G` is not a networkx graph or is a multigraph.
    MissingAttributeError
        If no actor has a value of `group`.
    ParameterError
        If `n_permutations` is not a non-negative int or `seed` is invalid.

    Notes
    -----
    *Counting ties.* Undirected graphs count each edge once; directed graphs
    count each arc once (a mutual pair counts twice), without symmetrising.
    Counting the cells of the adjacency matrix, as UCINET does, gives the same
    network-level value for both (an undirected edge fills two cells, which
    doubles E and I alike). A group's ``internal`` count is the ties with both
    ends in the group (each once) and ``external`` the ties with exactly one end
    in it, in either direction; an actor's counts are the ties incident to it,
    in either direction, so non-respondents, who only receive ties, still get a
    value. If UCINET builds its group and actor tables from matrix rows (not
    checked against UCINET output), those can differ from these; sysmap's
    counts do not depend on which end of a tie responded. Groups or actors
    without ties get NaN.

    *Expected value.* With :math:`I_p` dyads inside groups and :math:`E_p`
    between groups (ordered pairs for directed graphs; the ratio is the same),
    the expected E-I under random mixing is
    :math:`(E_p - I_p) / (E_p + I_p)`. It is the exact mean of the
    permutation distribution.

    *Rescaled value.* With :math:`m` ties, the largest attainable E-I puts
    :math:`\min(m, E_p)` ties between groups and the smallest puts
    :math:`\min(m, I_p)` inside them; `rescaled` maps the observed value
    linearly from [minimum, maximum] to [-1, 1] (UCINET's "re-scaled E-I";
    this reading of UCINET's description has not been checked against UCINET
    output).

    *Permutation test.* Group labels are shuffled over actors (sizes fixed,
    ties fixed); permutation :math:`k` assigns actor :math:`i` (in sorted
    order) the label of actor ``rng.permutation(n)[i]``. With :math:`X` the
    number of external ties, :math:`\mu` its permutation mean and :math:`B`
    permutations, ``p_value`` =
    :math:`(1 + \#\{|X_b - \mu| \ge |X_{obs} - \mu|\}) / (1 + B)` (two-sided,
    distance from the expected value), ``p_greater`` and ``p_less`` count
    :math:`X_b \ge X_{obs}` and :math:`X_b \le X_{obs}` the same way.

    References
    ----------
    .. [1] Krackhardt, David, and Robert N. Stern. "Informal Networks and
       Organizational Crises: An Experimental Simulation." *Social Psychology
       Quarterly* 51, no. 2 (1988): 123-140. https://doi.org/10.2307/2786835
    .. [2] Borgatti, Stephen P., Martin G. Everett, and Linton C. Freeman.
       *UCINET for Windows: Software for Social Network Analysis*. Harvard, MA:
       Analytic Technologies, 2002. (Network > Cohesion > E-I Index.)

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("c", "x"), ("x", "y")])
    >>> nx.set_node_attributes(G, {"a": "A", "b": "A", "c": "A", "x": "B", "y": "B"}, "sector")
    >>> res = ei_index(G, "sector")
    >>> round(res.network, 3), round(res.expected, 3)
    (-0.5, 0.2)
    >>> res.actors.loc["c", "ei_index"]
    np.float64(0.0)
    """
    G = check_graph(G)
    n_permutations = check_int(n_permutations, "n_permutations", minimum=0)
    rng = check_seed(seed)
    nodes = sorted_nodes(G)
    n = len(nodes)
    codes, labels = _group_codes(G, nodes, group)
    k = len(labels)
    src, dst = _tie_arrays(G, nodes, both_directions=False)
    m = len(src)
    directed = G.is_directed()

    same = codes[src] == codes[dst]
    internal = int(same.sum())
    external = m - internal
    network = (external - internal) / m if m else math.nan

    sizes = np.bincount(codes, minlength=k)
    pairs_within = int((sizes * (sizes - 1)).sum())
    pairs_all = n * (n - 1)
    if not directed:
        pairs_within //= 2
        pairs_all //= 2
    pairs_between = pairs_all - pairs_within
    expected = (pairs_between - pairs_within) / pairs_all if pairs_all else math.nan

    if m:
        e_max = min(m, pairs_between)
        i_max = min(m, pairs_within)
        maximum = (2 * e_max - m) / m
        minimum = (m - 2 * i_max) / m
        rescaled = (
            2.0 * (network - minimum) / (maximum - minimum) - 1.0 if maximum > minimum else math.nan
        )
    else:
        maximum = minimum = rescaled = math.nan

    # Groups: internal ties once, external ties at the end inside the group.
    g_int = np.bincount(codes[src[same]], minlength=k)
    g_ext = np.bincount(codes[src[~same]], minlength=k) + np.bincount(
        codes[dst[~same]], minlength=k
    )
    groups = pd.DataFrame(
        {
            "internal": g_int,
            "external": g_ext,
            "ei_index": ratio(g_ext - g_int, g_ext + g_int),
            "size": sizes,
        },
        index=pd.Index(labels, name="group"),
    )

    # Actors: ties incident to the actor, either direction.
    a_int = np.bincount(src[same], minlength=n) + np.bincount(dst[same], minlength=n)
    a_ext = np.bincount(src[~same], minlength=n) + np.bincount(dst[~same], minlength=n)
    actors = actor_frame(nodes, {"ei_index": ratio(a_ext - a_int, a_ext + a_int)})

    p_value = p_greater = p_less = math.nan
    if n_permutations:
        x = _count_external(codes, src, dst, n_permutations, rng)
        mu = m * pairs_between / pairs_all if pairs_all else 0.0
        tol = 1e-9
        denom = 1.0 + n_permutations
        p_greater = (1 + int((x >= external).sum())) / denom
        p_less = (1 + int((x <= external).sum())) / denom
        p_value = (1 + int((np.abs(x - mu) >= abs(external - mu) - tol).sum())) / denom

    return EIResult(
        network=float(network),
        rescaled=float(rescaled),
        expected=float(expected),
        minimum=float(minimum),
        maximum=float(maximum),
        external=external,
        internal=internal,
        possible_external=pairs_between,
        possible_internal=pairs_within,
        p_value=float(p_value),
        p_greater=float(p_greater),
        p_less=float(p_less),
        n_permutations=n_permutations,
        groups=groups,
        actors=actors,
    )


# --------------------------------------------------------------------------- mixing


def _mixing_counts(
    G: nx.Graph, group: Hashable, weight: str | None
) -> tuple[np.ndarray, np.ndarray, list, bool]:
    """Group x group tie counts (or weight sums) and possible dyads."""
    check_graph(G)
    nodes = sorted_nodes(G)
    codes, labels = _group_codes(G, nodes, group)
    k = len(labels)
    directed = G.is_directed()
    if weight is None:
        src, dst = _tie_arrays(G, nodes, both_directions=False)
        w = np.ones(len(src))
    else:
        src, dst, w = edge_arrays(G, nodes, weight)
        keep = src != dst
        src, dst, w = src[keep], dst[keep], w[keep]
    gs, gt = codes[src], codes[dst]
    if not directed:
        off = gs != gt
        gs, gt, w = (
            np.concatenate([gs, gt[off]]),
            np.concatenate([gt, gs[off]]),
            np.concatenate([w, w[off]]),
        )
    counts = np.bincount(gs * k + gt, weights=w, minlength=k * k).reshape(k, k)
    sizes = np.bincount(codes, minlength=k).astype(np.int64)
    possible = np.outer(sizes, sizes)
    np.fill_diagonal(possible, sizes * (sizes - 1) // (1 if directed else 2))
    return counts, possible, labels, directed


#: Options of ``normalized=`` of :func:`mixing_matrix` (and the cluster image).
NORMALIZED = ("density", None, "total")


@renamed_parameter("normalize", "normalized")
def mixing_matrix(
    G: nx.Graph,
    group: GroupSpec,
    *,
    normalized: str | None = "density",
    weight: str | None = None,
) -> pd.DataFrame:
    r"""Ties within and between groups as a group x group table.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Tie network; self-loops are ignored.
    group : hashable, dict or pandas.Series
        Node attribute holding each actor's group (e.g. ``"sector"``), or the
        labels by actor. Actors without a value form explicit groups (see
        :func:`~sysmap._attributes.group_labels`).
    normalized : {"density", None, "total"}, default="density"
        (Formerly ``normalize=``, which still works with a
        :class:`~sysmap.exceptions.SysmapDeprecationWarning`.)
        ``None``: number of ties (sum of `weight` if given). ``"density"``:
        ties divided by the possible pairs of the cell, :math:`n_g n_h` between
        two groups and :math:`n_g(n_g-1)` (directed) or :math:`n_g(n_g-1)/2`
        (undirected) on the diagonal; NaN where no pair is possible (a group of
        one on the diagonal). ``"total"``: share of all ties (of all weight).
    weight : str or None, default=None
        Edge attribute to sum instead of counting ties (a missing value counts
        as 1; None/NaN raises). With ``"density"`` this is the mean tie value
        per possible pair.

    Returns
    -------
    pandas.DataFrame
        Square, index and columns are the sorted group labels (both named
        ``group``). Directed graphs: row = sending group, column = receiving
        group. Undirected graphs: symmetric, each between-group tie appears in
        both cells and each within-group tie once on the diagonal.

    Raises
    ------
    GraphTypeError
        If `G` is not a networkx graph or is a multigraph.
    MissingAttributeError
        If no actor has a value of `group`.
    ParameterError
        If `normalized` is not one of the options, or `weight` values are None/NaN.

    See Also
    --------
    mixing_table : The same numbers in long format, with possible pairs.
    ei_index : One-number summary of within/between mixing.

    Notes
    -----
    Under ``"total"`` on an undirected graph the upper triangle including the
    diagonal sums to 1 (the lower triangle repeats it). The density block
    matrix is the one UCINET prints with its E-I output and the one
    blockmodelling calls the image matrix.

    References
    ----------
    .. [1] Krackhardt, David, and Robert N. Stern. "Informal Networks and
       Organizational Crises: An Experimental Simulation." *Social Psychology
       Quarterly* 51, no. 2 (1988): 123-140. https://doi.org/10.2307/2786835

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("c", "x"), ("x", "y")])
    >>> nx.set_node_attributes(G, {"a": "A", "b": "A", "c": "A", "x": "B", "y": "B"}, "sector")
    >>> mixing_matrix(G, "sector", normalized=None)
    group  A  B
    group
    A      2  1
    B      1  1
    >>> mixing_matrix(G, "sector").loc["A", "B"]  # 1 of 3 * 2 possible pairs
    np.float64(0.16666666666666666)
    """
    G = check_graph(G)
    check_choice(normalized, "normalized", NORMALIZED)
    counts, possible, labels, directed = _mixing_counts(G, group, weight)
    if normalized == "density":
        values = ratio(counts, possible)
    elif normalized == "total":
        total = counts.sum() if directed else np.triu(counts).sum()
        values = ratio(counts, np.full(counts.shape, total))
    elif weight is None:
        values = counts.astype(np.int64)
    else:
        values = counts
    return pd.DataFrame(
        values, index=pd.Index(labels, name="group"), columns=pd.Index(labels, name="group")
    )


def mixing_table(G: nx.Graph, group: Hashable, *, weight: str | None = None) -> pd.DataFrame:
    """Ties, possible pairs and density for every pair of groups, one row per pair.

    The long-format companion of :func:`mixing_matrix`, for findings such as
    "Health and Education share 2 of 120 possible ties".

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Tie network; self-loops are ignored.
    group : hashable, dict or pandas.Series
        Node attribute holding each actor's group, or the labels by actor.
        Actors without a value form explicit groups (see
        :func:`~sysmap._attributes.group_labels`).
    weight : str or None, default=None
        Edge attribute summed in the ``ties`` column instead of counting.

    Returns
    -------
    pandas.DataFrame
        Columns ``source``, ``target`` (group labels), ``ties``, ``possible``,
        ``density`` (NaN where ``possible`` is 0). Undirected graphs: one row
        per unordered pair with ``source <= target``; directed graphs: one row
        per ordered pair. Rows sorted by ``source``, ``target``.

    Raises
    ------
    GraphTypeError
        If `G` is not a networkx graph or is a multigraph.
    MissingAttributeError
        If no actor has a value of `group`.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("c", "x"), ("x", "y")])
    >>> nx.set_node_attributes(G, {"a": "A", "b": "A", "c": "A", "x": "B", "y": "B"}, "sector")
    >>> mixing_table(G, "sector")
      source target  ties  possible   density
    0      A      A     2         3  0.666667
    1      A      B     1         6  0.166667
    2      B      B     1         1  1.000000
    """
    G = check_graph(G)
    counts, possible, labels, directed = _mixing_counts(G, group, weight)
    k = len(labels)
    rows, cols = np.nonzero(
        np.ones((k, k), dtype=bool) if directed else np.triu(np.ones((k, k), dtype=bool))
    )
    ties = counts[rows, cols]
    return pd.DataFrame(
        {
            "source": [labels[i] for i in rows],
            "target": [labels[j] for j in cols],
            "ties": ties.astype(np.int64) if weight is None else ties,
            "possible": possible[rows, cols],
            "density": ratio(ties, possible[rows, cols]),
        }
    )
