"""Clusters as nodes: the overview map of a network too large to draw actor by actor.

A browser draws a few thousand actors smoothly with vis-network and tens of
thousands with WebGL (:mod:`sysmap.maps.webgl`); beyond that, a map of every
actor freezes it and shows a hairball anyway. :func:`aggregate_network`
collapses the network into its clusters: one node per consensus community
(:func:`sysmap.cluster.consensus_communities`) or per value of an attribute
such as ``sector``, sized by its members, with one tie per pair of clusters
whose width is the number of ties between them.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from .._attributes import UNKNOWN, is_missing
from .._graph import check_graph, edge_arrays, sorted_nodes
from ..exceptions import ParameterError
from ._values import MetricCache, resolve_values

__all__ = ["aggregate_network"]

#: Members listed per cluster (largest degree first).
TOP_MEMBERS = 5


def aggregate_network(
    G: nx.Graph,
    *,
    by: object = None,
    seed: None | int | np.random.Generator = 0,
    cache: MetricCache | None = None,
) -> tuple[nx.Graph, pd.Series]:
    """Collapse `G` into a network of its clusters.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The network. Not modified.
    by : str, pandas.Series, dict or None, default=None
        Cluster of every actor: a node attribute (e.g. ``"sector"``), values
        indexed by actor, or ``None`` for consensus communities (seeded).
        Actors without a value form explicit groups (see
        :func:`~sysmap.metrics.group_labels`).
    seed : None, int, numpy.random.Generator or numpy.random.RandomState, default=0
        Random source of the community search.
    cache : MetricCache, optional
        Metrics already computed for `G` (internal).

    Returns
    -------
    (networkx.Graph, pandas.Series)
        The cluster network: nodes are the cluster labels with attributes
        ``name`` (the label as text), ``members`` (number of actors),
        ``internal_ties``, ``density`` (within the cluster) and
        ``top_members`` (the names of up to five members with the most ties);
        ties carry ``ties`` (number of ties between the two clusters, either
        direction) and ``weight`` (the same). The Series gives each actor's
        cluster (index ``actor``).

    Raises
    ------
    ParameterError, MissingAttributeError
        If `by` is not an attribute, metric or aligned values.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([(1, 2), (2, 3), (3, 4)])
    >>> nx.set_node_attributes(G, {1: "A", 2: "A", 3: "B", 4: "B"}, "side")
    >>> H, clusters = aggregate_network(G, by="side")
    >>> sorted(H.nodes(data="members")), H.edges["A", "B"]["ties"]
    ([('A', 2), ('B', 2)], 1)
    """
    G = check_graph(G)
    nodes = sorted_nodes(G)
    if cache is None:
        cache = MetricCache(G, nodes, seed=seed, sample="auto")
    spec = "community" if by is None else by
    values, title = resolve_values(G, nodes, spec, cache, what="group", groups=True)
    labels = [UNKNOWN if is_missing(v) else v for v in values]
    try:
        hash(tuple(labels))
    except TypeError:
        raise ParameterError("group values must be hashable (text or numbers).") from None
    clusters = sorted_nodes(set(labels))
    index = {c: i for i, c in enumerate(clusters)}
    code = np.array([index[c] for c in labels], dtype=np.int64)
    src, dst, _ = edge_arrays(G, nodes)
    keep = src != dst
    cs, cd = code[src[keep]], code[dst[keep]]
    k = len(clusters)
    members = np.bincount(code, minlength=k)
    internal = np.bincount(cs[cs == cd], minlength=k)
    lo, hi = np.minimum(cs, cd), np.maximum(cs, cd)
    between = pd.Series(1, index=pd.MultiIndex.from_arrays([lo, hi])).groupby(level=[0, 1]).sum()
    degree = np.bincount(src[keep], minlength=len(nodes)) + np.bincount(
        dst[keep], minlength=len(nodes)
    )
    names = G.nodes
    H = nx.Graph()
    H.graph["aggregated_by"] = title
    for c, label in enumerate(clusters):
        who = np.flatnonzero(code == c)
        top = who[np.lexsort((who, -degree[who]))][:TOP_MEMBERS]
        pairs = members[c] * (members[c] - 1) / (1 if G.is_directed() else 2)
        H.add_node(
            label,
            name=str(label),
            members=int(members[c]),
            internal_ties=int(internal[c]),
            density=float(internal[c] / pairs) if pairs else float("nan"),
            top_members=" · ".join(str(names[nodes[i]].get("name", nodes[i])) for i in top),
        )
    for (a, b), count in between.items():
        if a != b:
            H.add_edge(clusters[a], clusters[b], ties=int(count), weight=float(count))
    return H, pd.Series(
        labels, index=pd.Index(nodes, name="actor", dtype=object, tupleize_cols=False), name=title
    )
