"""Splits between groups held together by one or two actors.

Two groups of actors (the north and the south of a region, two sectors) may
have no tie between them and still reach each other through intermediaries.
When every path between the two groups runs through one outside actor, or
through one of two, the groups' whole contact depends on them: were they to
leave, the groups would lose touch. :func:`group_splits` finds those pairs of
groups for a categorical attribute, the actors that hold them together (a
minimum vertex cut between the groups, Menger 1927), and the share of the
shortest paths between the groups that each of them carries.
"""

from __future__ import annotations

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import breadth_first_order, connected_components, maximum_flow

from .._attributes import GroupSpec, group_labels, group_order, is_missing_group
from .._graph import check_graph
from .._validation import check_int

__all__ = ["MAX_HOLDERS", "SPLIT_COLUMNS", "group_splits"]

#: Most actors that may hold a split together for :func:`group_splits` to report it.
MAX_HOLDERS = 2
#: Columns of :func:`group_splits`.
SPLIT_COLUMNS = ["group_a", "group_b", "actor", "name", "holders", "path_share", "pairs"]


def group_splits(G: nx.Graph, group: GroupSpec, *, max_holders: int = MAX_HOLDERS) -> pd.DataFrame:
    r"""Pairs of groups without a direct tie that only one or two actors hold together.

    For every pair of groups A and B of `group` with no tie between a member
    of A and a member of B, but with some path between them, every path runs
    through actors of neither group. The smallest set of such actors whose
    removal leaves no path from A to B is a minimum A-B vertex cut; its size
    is the number of paths between the groups that share no intermediary
    (Menger 1927). Pairs whose cut has at most `max_holders` actors are
    reported, with each holder's share of the shortest paths between the
    groups. Ties count in either
    direction (a directed network is read as undirected: contact is contact).

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The network.
    group : hashable, dict or pandas.Series
        The groups: a node attribute (``"sector"``, ``"Region"``) or labels
        by actor (see :func:`~sysmap._attributes.group_labels`). Actors
        without a value (explicit groups "unknown" and "not on the member
        list") are intermediaries on paths, never one side of a split.
    max_holders : int, default=2
        Report splits held together by at most this many actors.

    Returns
    -------
    pandas.DataFrame
        One row per pair of groups and holder: ``group_a``, ``group_b`` (in
        :func:`~sysmap._attributes.group_order`), ``actor``, ``name``,
        ``holders`` (how many actors hold this pair together), ``path_share``
        (the share of the shortest paths between a member of A and a member of
        B that pass through it: its betweenness counted over these pairs only,
        as the group-to-group betweenness of Everett and Borgatti 1999,
        divided by their number) and ``pairs`` (connected pairs of a member of
        A and a member of B). Sorted by the pair of groups, then by share.

    Raises
    ------
    MissingAttributeError
        If no actor has a value of `group`.
    ParameterError
        If `max_holders` is not a positive integer.

    Notes
    -----
    The cut is found by maximum flow on the node-split graph (every actor
    outside the two groups an arc of capacity 1;
    :func:`scipy.sparse.csgraph.maximum_flow`), one flow per pair of groups
    without a direct tie; when several cuts are smallest, the holders are
    the one closest to group A. Shortest paths are counted by igraph's
    betweenness restricted to sources and targets (as
    :func:`networkx.betweenness_centrality_subset`).

    References
    ----------
    Menger, K. (1927). Zur allgemeinen Kurventheorie. *Fundamenta
    Mathematicae*, 10, 96-115.

    Everett, M. G., & Borgatti, S. P. (1999). The centrality of groups and
    classes. *Journal of Mathematical Sociology*, 23(3), 181-201.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("n1", "n2"), ("n2", "hub"), ("hub", "s1"), ("s1", "s2")])
    >>> region = {"n1": "Nord", "n2": "Nord", "hub": "kreisweit", "s1": "Süd", "s2": "Süd"}
    >>> group_splits(G, region)[["group_a", "group_b", "actor", "holders", "path_share"]]
      group_a group_b actor  holders  path_share
    0    Nord     Süd   hub        1         1.0
    """
    G = check_graph(G)
    max_holders = check_int(max_holders, "max_holders", minimum=1)
    labels = group_labels(G, group)
    U = G.to_undirected(as_view=True) if G.is_directed() else G
    nodes = list(labels.index)
    n = len(nodes)
    position = {v: i for i, v in enumerate(nodes)}
    edges = np.array(
        [(position[u], position[v]) for u, v in U.edges() if u != v], dtype=np.int64
    ).reshape(-1, 2)
    code = labels.to_numpy()
    real = [g for g in group_order(set(code)) if not is_missing_group(g)]
    tied = {frozenset((code[i], code[j])) for i, j in edges}
    _, component = connected_components(
        coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n)),
        directed=False,
    )
    members = {g: np.flatnonzero(code == g) for g in real}
    graph = ig.Graph(n=n, edges=edges.tolist())
    # node-split graph: actor i is the arc i -> n + i of capacity 1, a tie u-v the
    # arcs n + u -> v and n + v -> u; the source is 2n, the sink 2n + 1
    big = n + 1
    rows = [np.arange(n), n + edges[:, 0], n + edges[:, 1]]
    cols = [np.arange(n) + n, edges[:, 1], edges[:, 0]]
    caps = [np.ones(n), np.full(len(edges), big), np.full(len(edges), big)]
    source, sink = 2 * n, 2 * n + 1
    out = []
    for i, a in enumerate(real):
        for b in real[i + 1 :]:
            ma, mb = members[a], members[b]
            if frozenset((a, b)) in tied or not set(component[ma]) & set(component[mb]):
                continue
            cut = _min_cut(n, rows, cols, caps, ma, mb, source, sink, big, max_holders)
            if cut is None:
                continue
            held = sorted(cut)  # positions in sorted_nodes order (group_labels' order)
            shares, pairs = _path_shares(graph, component, ma, mb, held)
            for k, share in sorted(zip(held, shares), key=lambda ks: -ks[1]):
                v = nodes[k]
                out.append((a, b, v, G.nodes[v].get("name", str(v)), len(cut), share, pairs))
    frame = pd.DataFrame(out, columns=SPLIT_COLUMNS)
    return frame.astype({"holders": int, "path_share": float, "pairs": int})


def _min_cut(
    n: int,
    rows: list[np.ndarray],
    cols: list[np.ndarray],
    caps: list[np.ndarray],
    ma: np.ndarray,
    mb: np.ndarray,
    source: int,
    sink: int,
    big: int,
    limit: int,
) -> set[int] | None:
    """The minimum cut of actors outside the groups `ma` and `mb` closest to `ma`,
    or None when it has more than `limit` actors."""
    inside = np.concatenate([ma, mb])
    r = np.concatenate([*rows, np.full(len(ma), source), n + mb, inside])
    c = np.concatenate([*cols, ma, np.full(len(mb), sink), n + inside])
    # the groups' own members cannot be cut: their arcs get capacity `big` (summed)
    cap = np.concatenate([*caps, np.full(len(ma) + len(mb), big), np.full(len(inside), big)])
    cap = cap.astype(np.int32)
    C = coo_matrix((cap, (r, c)), shape=(2 * n + 2, 2 * n + 2)).tocsr()
    flow = maximum_flow(C, source, sink)
    if flow.flow_value > limit:
        return None
    residual = (C - flow.flow).tocsr()
    residual.data[residual.data < 0] = 0
    residual.eliminate_zeros()
    reached = np.zeros(2 * n + 2, dtype=bool)
    reached[breadth_first_order(residual, source, directed=True, return_predecessors=False)] = True
    return {int(v) for v in np.flatnonzero(reached[:n] & ~reached[n : 2 * n])}


def _path_shares(
    graph: ig.Graph, component: np.ndarray, ma: np.ndarray, mb: np.ndarray, cut: list[int]
) -> tuple[list[float], int]:
    """Each holder's share of the shortest paths between the members `ma` and `mb`
    (positions), and the number of connected pairs of a member of each."""
    size = int(component.max()) + 1
    in_b = np.bincount(component[mb], minlength=size)
    pairs = int(in_b[component[ma]].sum())
    # igraph counts each pair of an undirected graph in both directions and halves
    # the sum: one pass from the sources to the targets is doubled
    raw = 2 * np.asarray(graph.betweenness(vertices=cut, directed=False, sources=ma, targets=mb))
    return [r / pairs for r in raw], pairs
