"""Cluster profiles: who is in each cluster, how tight it is, and how clusters connect.

:func:`cluster_profiles` describes each cluster in one row (size, internal and
external ties, density, sector mix, key members and a readable name);
:func:`cluster_image` gives the cluster x cluster tie density table, the
"image" of the network at the level of clusters. Both take any partition of
the actors (communities, roles, blocks, or a node attribute turned into a Series).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

import networkx as nx
import numpy as np
import pandas as pd

from .._attributes import group_labels, group_order, is_missing, is_missing_group
from .._graph import check_graph, edge_arrays, sorted_nodes
from .._validation import check_choice, check_int, renamed_parameter
from ..exceptions import ParameterError
from ..metrics.groups import NORMALIZED, ratio
from .communities import _label_codes

__all__ = ["cluster_image", "cluster_profiles"]

_MAX_IMAGE = 5_000  # clusters; the image is a dense k x k table
_SECOND_GROUP_SHARE = 0.2  # a second group enters a cluster's name from this share on


def _ties(
    G: nx.Graph, nodes: list[Hashable], weight: str | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Loop-free ties (arcs for digraphs, edges once for graphs) with their values."""
    src, dst, w = edge_arrays(G, nodes, weight)
    keep = src != dst
    return src[keep], dst[keep], w[keep]


def _block_counts(
    codes: np.ndarray, k: int, src: np.ndarray, dst: np.ndarray, w: np.ndarray, directed: bool
) -> np.ndarray:
    """k x k tie counts (weight sums) between blocks; undirected: symmetric, diagonal once."""
    gs, gt = codes[src], codes[dst]
    if not directed:
        off = gs != gt
        gs, gt, w = (
            np.concatenate([gs, gt[off]]),
            np.concatenate([gt, gs[off]]),
            np.concatenate([w, w[off]]),
        )
    return np.bincount(gs * k + gt, weights=w, minlength=k * k).reshape(k, k)


def _possible(sizes: np.ndarray, directed: bool) -> np.ndarray:
    return sizes * (sizes - 1) // (1 if directed else 2)


def _display_names(G: nx.Graph, nodes: list[Hashable]) -> list[str]:
    names = dict(G.nodes(data="name", default=None))
    return [str(v) if is_missing(names[v]) else str(names[v]) for v in nodes]


def _percent(share: float) -> str:
    return f"{100 * share:.0f} %"


def cluster_profiles(
    G: nx.Graph,
    labels: pd.Series | Mapping,
    *,
    group: Hashable | None = None,
    weight: str | None = None,
    top: int = 3,
) -> pd.DataFrame:
    """Describe each cluster: size, cohesion, group mix, key members and a readable name.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Tie network; self-loops are ignored.
    labels : pandas.Series or mapping
        Cluster of every actor of `G`, indexed by actor (e.g. the result of
        :func:`~sysmap.cluster.communities`).
    group : hashable, dict or pandas.Series, optional
        Node attribute to profile (e.g. ``"sector"``), or the labels by actor; adds the columns
        ``groups``, ``dominant_group`` and ``dominant_share``.
    weight : str or None, default=None
        Edge attribute to sum instead of counting ties (ties without it count 1).
        It changes ``internal_ties``, ``external_ties``, ``internal_density``
        (then the mean tie value per possible pair) and the ranking of key members.
    top : int, default=3
        Number of key members, and of groups in ``groups``.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``cluster`` (the labels, sorted), columns:

        - ``size``: number of actors;
        - ``internal_ties``: ties with both ends in the cluster (arcs for digraphs);
        - ``external_ties``: ties with exactly one end in the cluster (either direction);
        - ``internal_density``: ``internal_ties`` over possible pairs,
          :math:`s(s-1)/2` undirected, :math:`s(s-1)` directed (NaN for one actor);
        - with `group`: ``groups`` (the `top` largest groups with their share of
          members, e.g. ``"Schools 60 %, Municipality 20 %"``), ``dominant_group``
          and ``dominant_share`` (share of the largest group);
        - ``key_members``: the `top` actors with most ties inside the cluster,
          by their ``name`` attribute when present, ``"; "``-joined;
        - ``name``: a readable cluster name, see Notes.

    Raises
    ------
    GraphTypeError
        If `G` is not a networkx graph or is a multigraph.
    MissingAttributeError
        If `group` is given and no actor has a value of it.
    ParameterError
        If `labels` misses an actor of `G` (or has None/NaN), names actors not
        in `G`, `top` is not a positive int, or weights are None/NaN.

    See Also
    --------
    cluster_image : Tie density within and between clusters.

    Notes
    -----
    *Key members* are ranked by ties inside the cluster (weighted with
    `weight`), then by all ties, then by actor id.

    *Names* read ``"<groups> (<members>)"``: the dominant group, followed by
    the second largest group when it holds at least 20 % of the members
    (``" + "``-joined), and the first two key members, e.g.
    ``"Schools + Municipality (Stadt Rheinstadt, Grundschule Am Mühlbach)"``.
    Without `group` the name is the members part alone. Groups of equal size
    are ordered by label (the explicit groups of missing values last). Where
    two clusters would get the same name, each such name is followed by its
    cluster label in square brackets.

    Actors without a value of `group` form explicit groups (see
    :func:`~sysmap.metrics.groups.group_labels`). They count in ``dominant_group``
    and ``dominant_share``, but the text columns ``groups`` and ``name`` leave
    them out: these labels are data, shown in the reader's language only by
    the report and maps. A cluster named by such a group alone gets the
    members part as its name.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.barbell_graph(3, 0)  # two triangles joined by one tie
    >>> nx.set_node_attributes(G, {v: "Schools" if v < 4 else "Health" for v in G}, "sector")
    >>> labels = {v: int(v >= 3) for v in G}
    >>> prof = cluster_profiles(G, labels, group="sector", top=2)
    >>> prof[["size", "internal_ties", "external_ties", "internal_density"]]
             size  internal_ties  external_ties  internal_density
    cluster
    0           3              3              1               1.0
    1           3              3              1               1.0
    >>> prof.loc[1, "groups"], prof.loc[1, "name"]
    ('Health 67 %, Schools 33 %', 'Health + Schools (3, 4)')
    """
    top = check_int(top, "top", minimum=1)
    G = check_graph(G)
    directed = G.is_directed()
    nodes = sorted_nodes(G)
    n = len(nodes)
    codes, clusters = _label_codes(labels, nodes)
    k = len(clusters)
    src, dst, w = _ties(G, nodes, weight)
    cs, ct = codes[src], codes[dst]
    same = cs == ct

    sizes = np.bincount(codes, minlength=k)
    internal = np.bincount(cs[same], weights=w[same], minlength=k)
    external = np.bincount(cs[~same], weights=w[~same], minlength=k) + np.bincount(
        ct[~same], weights=w[~same], minlength=k
    )
    density = ratio(internal, _possible(sizes, directed))
    if weight is None:
        internal, external = internal.astype(np.int64), external.astype(np.int64)

    # key members: ties inside the cluster, then all ties, then actor order
    inside = np.bincount(src[same], weights=w[same], minlength=n) + np.bincount(
        dst[same], weights=w[same], minlength=n
    )
    overall = np.bincount(src, weights=w, minlength=n) + np.bincount(dst, weights=w, minlength=n)
    order = np.lexsort((np.arange(n), -overall, -inside, codes))
    rank = np.arange(n) - np.searchsorted(codes[order], codes[order], side="left")
    chosen = order[rank < top]
    display = _display_names(G, nodes)
    members: list[list[str]] = [[] for _ in range(k)]
    for i in chosen:
        members[codes[i]].append(display[i])

    columns: dict[str, object] = {
        "size": sizes,
        "internal_ties": internal,
        "external_ties": external,
        "internal_density": density,
    }
    group_parts: list[str] = [""] * k
    if group is not None:
        texts, dominant, dominant_share = [], [], np.zeros(k)
        for c, (labels_c, shares) in enumerate(_group_shares(G, nodes, group, codes, k)):
            named = [(g, s) for g, s in zip(labels_c, shares) if not is_missing_group(g)]
            texts.append(", ".join(f"{g} {_percent(s)}" for g, s in named[:top]))
            dominant.append(labels_c[0])
            dominant_share[c] = shares[0]
            leading = labels_c[:1] + [
                g for g, s in zip(labels_c[1:2], shares[1:2]) if s >= _SECOND_GROUP_SHARE
            ]
            group_parts[c] = " + ".join(str(g) for g in leading if not is_missing_group(g))
        columns["groups"] = texts
        columns["dominant_group"] = dominant
        columns["dominant_share"] = dominant_share
    columns["key_members"] = ["; ".join(m) for m in members]
    names = []
    for c in range(k):
        who = ", ".join(members[c][:2])
        names.append(f"{group_parts[c]} ({who})" if group_parts[c] else who)
    columns["name"] = _unique_names(names, clusters)
    return pd.DataFrame(columns, index=pd.Index(clusters, name="cluster"))


def _group_shares(
    G: nx.Graph, nodes: list[Hashable], group: Hashable, codes: np.ndarray, k: int
) -> list[tuple[list, np.ndarray]]:
    """Per cluster: its groups by decreasing share (ties by label) and the shares."""
    values = group_labels(G, group, nodes=nodes).tolist()
    uniques = group_order(values)
    index = {u: i for i, u in enumerate(uniques)}
    g = np.fromiter(map(index.__getitem__, values), dtype=np.int64, count=len(values))
    kg = len(uniques)
    pair, counts = np.unique(codes * kg + g, return_counts=True)
    pc, pg = pair // kg, pair % kg
    order = np.lexsort((pg, -counts, pc))
    pc, pg, counts = pc[order], pg[order], counts[order]
    bounds = np.searchsorted(pc, np.arange(k + 1))
    sizes = np.bincount(codes, minlength=k)
    out = []
    for c in range(k):
        lo, hi = bounds[c], bounds[c + 1]
        out.append(([uniques[j] for j in pg[lo:hi]], counts[lo:hi] / sizes[c]))
    return out


def _unique_names(names: list[str], clusters: list) -> list[str]:
    seen: dict[str, int] = {}
    for name in names:
        seen[name] = seen.get(name, 0) + 1
    return [f"{name} [{c}]" if seen[name] > 1 else name for name, c in zip(names, clusters)]


@renamed_parameter("normalize", "normalized")
def cluster_image(
    G: nx.Graph,
    labels: pd.Series | Mapping,
    *,
    weight: str | None = None,
    normalized: str | None = "density",
) -> pd.DataFrame:
    r"""Ties within and between clusters as a cluster x cluster table (the image matrix).

    The same table as :func:`sysmap.metrics.mixing_matrix` with the clusters
    as groups: the density of ties inside each cluster on the diagonal and
    between each pair of clusters off it, the reduced picture of the network
    that blockmodelling calls the image [1]_.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Tie network; self-loops are ignored.
    labels : pandas.Series or mapping
        Cluster of every actor of `G`, indexed by actor.
    weight : str or None, default=None
        Edge attribute to sum instead of counting ties (a missing value counts
        as 1). With ``"density"`` this is the mean tie value per possible pair.
    normalized : {"density", None, "total"}, default="density"
        (Formerly ``normalize=``, which still works with a
        :class:`~sysmap.exceptions.SysmapDeprecationWarning`.)
        ``None``: number of ties (sum of `weight`). ``"density"``: divided by
        the possible pairs of the cell, :math:`s_a s_b` between clusters and
        :math:`s_a(s_a-1)` (directed) or :math:`s_a(s_a-1)/2` (undirected)
        inside one; NaN where no pair is possible. ``"total"``: share of all ties.

    Returns
    -------
    pandas.DataFrame
        Square; index and columns are the sorted cluster labels (both named
        ``cluster``). Directed graphs: row = sending cluster. Undirected graphs:
        symmetric, each between-cluster tie in both cells.

    Raises
    ------
    GraphTypeError
        If `G` is not a networkx graph or is a multigraph.
    ParameterError
        If `labels` does not cover exactly the actors of `G`, `normalized` is
        not an option, weights are None/NaN, or there are more than 5,000
        clusters (the table is dense; profile them with :func:`cluster_profiles`).

    See Also
    --------
    cluster_profiles : One row per cluster.
    sysmap.metrics.mixing_matrix : The same table for a node attribute.

    References
    ----------
    .. [1] White, Harrison C., Scott A. Boorman, and Ronald L. Breiger. "Social
       Structure from Multiple Networks. I. Blockmodels of Roles and
       Positions." *American Journal of Sociology* 81, no. 4 (1976): 730-780.
       https://doi.org/10.1086/226141

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.barbell_graph(3, 0)  # two triangles joined by one tie
    >>> cluster_image(G, {v: int(v >= 3) for v in G})
    cluster         0         1
    cluster
    0        1.000000  0.111111
    1        0.111111  1.000000
    """
    check_choice(normalized, "normalized", NORMALIZED)
    G = check_graph(G)
    directed = G.is_directed()
    nodes = sorted_nodes(G)
    codes, clusters = _label_codes(labels, nodes)
    k = len(clusters)
    if k > _MAX_IMAGE:
        msg = (
            f"labels has {k} clusters; the cluster image is a dense k x k table and is "
            f"limited to {_MAX_IMAGE}. Merge small clusters or use cluster_profiles."
        )
        raise ParameterError(msg)
    src, dst, w = _ties(G, nodes, weight)
    counts = _block_counts(codes, k, src, dst, w, directed)
    sizes = np.bincount(codes, minlength=k).astype(np.int64)
    if normalized == "density":
        possible = np.outer(sizes, sizes)
        np.fill_diagonal(possible, _possible(sizes, directed))
        values = ratio(counts, possible)
    elif normalized == "total":
        total = counts.sum() if directed else np.triu(counts).sum()
        values = ratio(counts, np.full(counts.shape, total))
    elif weight is None:
        values = counts.astype(np.int64)
    else:
        values = counts
    index = pd.Index(clusters, name="cluster")
    return pd.DataFrame(values, index=index, columns=index.copy())
