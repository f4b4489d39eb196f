"""Shared graph plumbing for the metric modules: node order and igraph conversion.

Metrics take networkx graphs (the researcher's object) and run the heavy work
on igraph's compiled core or on scipy sparse matrices. Conversion goes through
numpy edge arrays, never through ``networkx`` iteration per algorithm.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from .exceptions import GraphTypeError, ParameterError

__all__ = [
    "actor_frame",
    "check_graph",
    "sorted_nodes",
    "to_csr",
    "to_igraph",
]


def sorted_nodes(nodes: Iterable[Hashable]) -> list[Hashable]:
    """Nodes in canonical order: natural order if comparable, else by ``str``."""
    nodes = list(nodes)
    try:
        return sorted(nodes)
    except TypeError:
        return sorted(nodes, key=lambda n: (type(n).__name__, str(n)))


def check_graph(G: object, *, directed: bool | None = None, name: str = "G") -> None:
    """Raise :class:`GraphTypeError` unless `G` is a simple networkx graph of the wanted kind."""
    if not isinstance(G, nx.Graph):
        msg = f"{name} must be a networkx Graph or DiGraph; got {type(G).__name__}."
        raise GraphTypeError(msg)
    if G.is_multigraph():
        msg = f"{name} is a multigraph; collapse parallel ties first (e.g. nx.DiGraph(G))."
        raise GraphTypeError(msg)
    if directed is True and not G.is_directed():
        raise GraphTypeError(f"{name} must be directed (a DiGraph).")
    if directed is False and G.is_directed():
        raise GraphTypeError(f"{name} must be undirected; use G.to_undirected() or symmetrize.")


def _edge_arrays(
    G: nx.Graph, nodes: list[Hashable], weight: str | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    index = {n: i for i, n in enumerate(nodes)}
    m = G.number_of_edges()
    src = np.empty(m, dtype=np.int64)
    dst = np.empty(m, dtype=np.int64)
    w = np.ones(m, dtype=float)
    for k, (u, v, data) in enumerate(G.edges(data=True)):
        src[k] = index[u]
        dst[k] = index[v]
        if weight is not None:
            value = data.get(weight, 1)
            w[k] = np.nan if value is None else float(value)
    if weight is not None and np.isnan(w).any():
        msg = f"edge attribute {weight!r} is missing (None/NaN) on some ties; fill or drop them."
        raise ParameterError(msg)
    return src, dst, w


def to_igraph(
    G: nx.Graph, *, weight: str | None = None, nodes: list[Hashable] | None = None
) -> tuple[ig.Graph, list[Hashable]]:
    """Convert `G` to an :class:`igraph.Graph` with vertices in `nodes` order.

    Returns
    -------
    (igraph.Graph, list)
        The graph (edge attribute ``"weight"`` when `weight` is given) and the
        node list: vertex ``i`` is ``nodes[i]``.
    """
    nodes = sorted_nodes(G) if nodes is None else nodes
    src, dst, w = _edge_arrays(G, nodes, weight)
    H = ig.Graph(n=len(nodes), edges=np.column_stack([src, dst]).tolist(), directed=G.is_directed())
    if weight is not None:
        H.es["weight"] = w.tolist()
    return H, nodes


def to_csr(
    G: nx.Graph, *, weight: str | None = None, nodes: list[Hashable] | None = None
) -> tuple[sp.csr_array, list[Hashable]]:
    """Adjacency matrix of `G` as a sparse CSR array (symmetric for undirected graphs).

    Self-loops are kept as given; parallel entries cannot occur (simple graphs).
    """
    nodes = sorted_nodes(G) if nodes is None else nodes
    n = len(nodes)
    src, dst, w = _edge_arrays(G, nodes, weight)
    if not G.is_directed():
        loop = src == dst
        src, dst, w = (
            np.concatenate([src, dst[~loop]]),
            np.concatenate([dst, src[~loop]]),
            np.concatenate([w, w[~loop]]),
        )
    A = sp.csr_array((w, (src, dst)), shape=(n, n))
    A.sum_duplicates()
    return A, nodes


def actor_frame(nodes: list[Hashable], columns: dict[str, object]) -> pd.DataFrame:
    """A metric result: one row per actor (index named ``actor``), rows in canonical order."""
    frame = pd.DataFrame(columns, index=pd.Index(nodes, name="actor"))
    return frame.loc[sorted_nodes(frame.index)] if len(frame) else frame
