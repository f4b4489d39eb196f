"""Two-mode (organization x affiliation) graphs from partnership records."""

from __future__ import annotations

import networkx as nx

from ..exceptions import ParameterError
from ..io.model import NetworkData
from .network import _add_nodes, _attribute_dicts

__all__ = ["build_two_mode"]


def build_two_mode(data: NetworkData) -> nx.Graph:
    """The bipartite organization x affiliation graph of partnership records.

    Parameters
    ----------
    data : NetworkData
        Returned by :func:`~sysmap.read_affiliations`.

    Returns
    -------
    networkx.Graph
        Actors have ``bipartite=0``; affiliations (projects, committees,
        grants) have ``bipartite=1``, ``kind="affiliation"`` and node id
        ``("affiliation", name)`` so they cannot collide with actor ids. Each
        membership is an edge with the record's other columns as attributes.

    Examples
    --------
    >>> import pandas as pd
    >>> from sysmap.io import read_affiliations
    >>> records = pd.DataFrame({"actor": ["A", "B"], "affiliation": ["P", "P"]})
    >>> B = build_two_mode(read_affiliations(records))
    >>> sorted(B.nodes(data="bipartite"), key=str)
    [('A', 0), ('B', 0), (('affiliation', 'P'), 1)]
    """
    if data.affiliations is None:
        msg = "data has no affiliation records; read them with read_affiliations()."
        raise ParameterError(msg)
    B = nx.Graph()
    _add_nodes(B, data.actors)
    nx.set_node_attributes(B, 0, "bipartite")
    records = data.affiliations
    for name in sorted(records["affiliation"].unique()):
        B.add_node(("affiliation", name), name=name, kind="affiliation", bipartite=1)
    extra = [c for c in records.columns if c not in ("actor", "affiliation")]
    ends = (("affiliation", name) for name in records["affiliation"])
    B.add_edges_from(zip(records["actor"], ends, _attribute_dicts(records[extra])))
    B.graph["sysmap"] = {**data.provenance, "two_mode": True}
    return B
