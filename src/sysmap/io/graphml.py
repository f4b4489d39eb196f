"""GraphML (yEd, Gephi, igraph, networkx, sysmap): read into network data, write any graph.

A graph that :func:`~sysmap.build_network` built, written with
:func:`write_graphml` and read back with :func:`read_graphml`, builds the same
network again: the same node ids (integer ids stay integers), attributes and
their types, ties with their values, and relation lists (``"a|b"``) as one
tie per relation. Files from other programs are read with the same checks as
every other input (:mod:`sysmap.io.report`).
"""

from __future__ import annotations

import os
from pathlib import Path

import networkx as nx
import pandas as pd

from ..export import replacing
from ._graphfile import ID_TYPE_KEY, read_graph_file, writable_copy
from .model import MemberList, NetworkData

__all__ = ["read_graphml", "write_graphml"]


def read_graphml(
    path: str | os.PathLike[str],
    *,
    actors: MemberList | str | os.PathLike[str] | pd.DataFrame | None = None,
    unknown: str = "keep",
    fuzzy_threshold: float | None = None,
    source: str | None = None,
    errors: str = "repair",
) -> NetworkData:
    """Read a GraphML file (yEd, Gephi, igraph, networkx, sysmap) into network data.

    Parameters
    ----------
    path : path
        A ``.graphml`` file.
    actors : MemberList, path or pandas.DataFrame, optional
        Member list; node ids that are member ids are kept, other nodes are
        resolved by their name (see :func:`~sysmap.io.edgelist.read_edgelist`).
    unknown, fuzzy_threshold, source, errors
        As in :func:`~sysmap.io.edgelist.read_edgelist`.

    Returns
    -------
    NetworkData
        ``kind="graphml"``, directed as the file says. Actors: node ids (as
        text, or integers when the file records integer ids, as
        :func:`write_graphml` does); ``name`` from the node attribute
        ``name``, else ``label``, else the id; other node attributes as
        columns of their type (whole numbers with gaps as ``Int64``). Ties:
        edge attributes as columns; ``relation`` from the edge attribute
        ``relation`` or ``type`` (else ``"tie"``), one tie per relation where
        it lists several (``"funding|information sharing"``); ``row`` = the
        edge's position in the file (1 = first edge). Graph attributes are in
        ``provenance["graph"]`` (JSON text decoded).

    Raises
    ------
    SchemaError
        If the file is missing or is not valid GraphML.
    InputError
        If parallel edges of one relation carry different attributes.

    Notes
    -----
    Self-loops are dropped (warning). Parallel edges (multigraph files) are
    separate ties when they differ in ``relation``/``type``; otherwise they
    are duplicates: identical ones are dropped (warning), different ones are
    an error (add a ``relation`` attribute, or collapse them first). Edge
    attribute ``id`` (the file's edge identifiers) is not kept. A node
    attribute ``status`` with one of sysmap's status values is kept. Node
    attributes that :func:`~sysmap.build_network` computes
    (``trust_received``, ...) are kept as read, and building the network
    keeps them. With a member list, ids are the member list's (text).

    Examples
    --------
    >>> import tempfile, pathlib, networkx as nx
    >>> G = nx.Graph()
    >>> G.add_edge("A1", "A2", weight=1.5)
    >>> G.add_node("A1", name="Jugendamt Köln")
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = write_graphml(G, pathlib.Path(folder.name) / "net.graphml")
    >>> data = read_graphml(path)
    >>> data.actors["name"].tolist(), data.ties[["source", "target", "weight"]].values.tolist()
    (['Jugendamt Köln', 'A2'], [['A1', 'A2', 1.5]])
    >>> folder.cleanup()
    """
    return read_graph_file(
        path,
        "graphml",
        _read,
        actors=actors,
        unknown=unknown,
        fuzzy_threshold=fuzzy_threshold,
        source=source,
        errors=errors,
    )


def _read(path: Path) -> tuple[nx.Graph, str | None]:
    G = nx.read_graphml(path)
    return G, G.graph.get(ID_TYPE_KEY)


def write_graphml(G: nx.Graph, path: str | os.PathLike[str]) -> Path:
    """Write `G` as GraphML (UTF-8), converting values GraphML cannot hold.

    Parameters
    ----------
    G : networkx.Graph
        Any networkx graph; it is not modified.
    path : path
        The ``.graphml`` file to write (overwritten).

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    GraphTypeError
        If `G` is not a networkx graph.
    ParameterError
        If two node ids have the same text (e.g. ``1`` and ``"1"``), or a
        visual attribute is invalid (see :func:`~sysmap.io.gexf.write_gexf`).

    Notes
    -----
    Node ids are written as text; when every id is an integer, the graph
    attribute ``node_id_type="int"`` records it and :func:`read_graphml`
    restores integer ids. Attribute values are made writable: ``None`` and
    ``NaN`` are omitted, numpy scalars become Python scalars,
    lists/tuples/sets/arrays become ``|``-joined text, dictionaries (such as
    ``G.graph["sysmap"]``) become JSON text under the same key, dates ISO
    text and anything else ``str(value)``. An attribute holding ints and
    floats is written as float; one mixing text with other types as text.
    Gephi's visual attributes (a ``viz`` dictionary, as
    :func:`networkx.read_gexf` gives them) are written as ``viz_x``,
    ``viz_y``, ``viz_size``, ``viz_color``, ... (GraphML has no standard for
    them), so a GEXF file's picture survives a trip through GraphML.
    Control characters, which XML cannot hold, are removed from ids, keys
    and text (:func:`sysmap._text.clean_control_characters`). The file is
    replaced only once it is completely written.

    Examples
    --------
    >>> import tempfile, pathlib, networkx as nx, numpy as np
    >>> G = nx.Graph(sysmap={"reader": "survey"})
    >>> G.add_edge("A", "B", weight=np.float64(0.5), tags=["x", "y"])
    >>> folder = tempfile.TemporaryDirectory()
    >>> H = nx.read_graphml(write_graphml(G, pathlib.Path(folder.name) / "g.graphml"))
    >>> H.edges["A", "B"], H.graph["sysmap"]
    ({'weight': 0.5, 'tags': 'x|y'}, '{"reader": "survey"}')
    >>> folder.cleanup()
    """
    H = writable_copy(G)
    path = Path(path)
    with replacing(path) as tmp:
        nx.write_graphml(H, tmp, encoding="utf-8")
    return path
