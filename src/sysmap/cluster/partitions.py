"""How strong a partition is and how two partitions agree: :func:`modularity`,
:func:`attribute_modularity` (do clusters follow a node attribute such as ``sector``?)
and :func:`compare_partitions` (adjusted Rand index, normalized mutual information).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

import networkx as nx
import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from .._attributes import group_labels
from .._graph import check_graph, edge_arrays, sorted_nodes
from .._validation import check_number
from ..exceptions import ParameterError
from .communities import _label_codes, _modularity_codes

__all__ = ["attribute_modularity", "compare_partitions", "modularity"]


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
