"""GEXF (Gephi): read into network data with Gephi's picture, write any graph with a map's picture.

Gephi stores a picture with the graph: each node's position, colour and size
(the ``viz`` attributes). :func:`read_gexf` keeps them as the actor columns
``viz_x``, ``viz_y``, ``viz_size`` and ``viz_color``; :func:`write_gexf`
writes them back, or takes them from a map (``layout=``), so Gephi opens the
picture sysmap drew; :func:`read_gexf_viz` reads only the picture (for
:func:`~sysmap.maps.layout.read_layout`: a Gephi layout as a sysmap layout).

Gephi's conventions, followed here: ``y`` points up (as in sysmap's layouts),
and a node's size is its radius, in the units of the positions (Gephi's
preview draws a node ``2 * size`` wide [1]_).

References
----------
.. [1] GEXF 1.2 schema, ``viz.xsd`` (position, colour, size) and ``gexf.rnc``
   (``<graph idtype="integer|string">``). https://github.com/gephi/gexf ;
   Gephi preview, ``NodeBuilder``: ``NodeItem.SIZE = node.size() * 2``,
   ``NodeItem.Y = -node.y()``. https://github.com/gephi/gephi
"""

from __future__ import annotations

import os
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
from networkx.readwrite.gexf import GEXFReader, GEXFWriter

from ..exceptions import InputError, ParameterError
from ..export import replacing
from ._files import id_type, restore_ids, string_ids
from ._graphfile import VIZ_COLUMNS, flat_viz, read_graph_file, viz_dict, writable_copy
from .model import MemberList, NetworkData

__all__ = ["layout_table", "read_gexf", "read_gexf_viz", "write_gexf"]


def read_gexf(
    path: str | os.PathLike[str],
    *,
    actors: MemberList | str | os.PathLike[str] | pd.DataFrame | None = None,
    unknown: str = "keep",
    fuzzy_threshold: float | None = None,
    source: str | None = None,
    errors: str = "repair",
) -> NetworkData:
    """Read a GEXF file (Gephi; versions 1.1, 1.2 and 1.3) into network data.

    Parameters and results are as in :func:`~sysmap.io.graphml.read_graphml`
    (``kind="gexf"``). The node ``label`` is the actor's name. Node ids are
    integers when the file says so (``<graph idtype="integer">``, as
    :func:`write_gexf` writes for integer ids), else text. Gephi's visual
    attributes become the actor columns ``viz_x``, ``viz_y`` (position),
    ``viz_z`` (when not 0), ``viz_size``, ``viz_color`` (``"#RRGGBB"``,
    ``"#RRGGBBAA"`` when transparent) and ``viz_shape``; the edge ids are
    not kept; mutual edges give a tie each way.

    Examples
    --------
    >>> import tempfile, pathlib, networkx as nx
    >>> G = nx.DiGraph()
    >>> G.add_node("A1", name="Straßenkinder e.V.", sector="NGO")
    >>> G.add_edge("A1", "A2", weight=3)
    >>> folder = tempfile.TemporaryDirectory()
    >>> data = read_gexf(write_gexf(G, pathlib.Path(folder.name) / "net.gexf"))
    >>> data.actors[["name", "sector"]]
                         name sector
    actor
    A1     Straßenkinder e.V.    NGO
    A2                     A2    NaN
    >>> folder.cleanup()
    """
    return read_graph_file(
        path,
        "gexf",
        _read,
        actors=actors,
        unknown=unknown,
        fuzzy_threshold=fuzzy_threshold,
        source=source,
        errors=errors,
    )


def _read(path: Path) -> tuple[nx.Graph, str | None]:
    """The graph (:func:`networkx.read_gexf`) and the file's ``idtype``."""
    reader = GEXFReader(version="1.2draft")
    G = reader(path)
    graph = reader.xml.find(f"{{{reader.NS_GEXF}}}graph")
    return G, None if graph is None else graph.get("idtype")


def read_gexf_viz(path: str | os.PathLike[str]) -> pd.DataFrame:
    """The picture of a GEXF file: each node's visual attributes.

    Parameters
    ----------
    path : path
        A ``.gexf`` file (e.g. saved by Gephi after a layout).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``actor`` (node ids, typed as in :func:`read_gexf`), one
        column per visual attribute present (``viz_x``, ``viz_y``,
        ``viz_size``, ``viz_color``, ...); nodes without any are left out.

    Raises
    ------
    InputError
        If the file is missing or is not GEXF.
    """
    try:
        G, kind = _read(Path(path))
    except (OSError, nx.NetworkXError, ValueError, KeyError, TypeError, SyntaxError) as exc:
        msg = f"{os.fspath(path)!r} cannot be read as GEXF ({type(exc).__name__}: {exc})."
        raise InputError(msg) from None
    typed = restore_ids([str(n) for n in G.nodes], kind)
    rows = {typed[str(n)]: flat_viz(v) for n, v in G.nodes(data="viz") if isinstance(v, Mapping)}
    rows = {n: r for n, r in rows.items() if r}
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame.index = pd.Index(list(rows), name="actor", dtype=object)
    return frame[[c for c in VIZ_COLUMNS if c in frame.columns]]


def write_gexf(
    G: nx.Graph,
    path: str | os.PathLike[str],
    *,
    layout: object = None,
) -> Path:
    """Write `G` as GEXF 1.2draft for Gephi, with positions, colours and sizes.

    Parameters
    ----------
    G : networkx.Graph
        Any networkx graph; it is not modified.
    path : path
        The ``.gexf`` file to write (overwritten).
    layout : NetworkMap, pandas.DataFrame or dict, optional
        The picture to write. A :class:`~sysmap.maps.model.NetworkMap`: its
        positions, colours and sizes, in pixels (x and y times the map's
        scale; size = the drawn radius), so Gephi opens the map as sysmap
        drew it. A layout table (``x``, ``y`` indexed by actor, e.g.
        :attr:`NetworkMap.layout <sysmap.maps.model.NetworkMap.layout>`;
        optional ``size`` and ``color``) or a networkx ``pos`` dictionary
        (``{node: (x, y)}``): positions as given. Actors are matched by id,
        else by its text. By default each node's own visual attributes are
        written (see Notes).

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    GraphTypeError
        If `G` is not a networkx graph.
    ParameterError
        If two node ids have the same text, `layout` is not one of the above
        (or is an aggregated map, whose nodes are clusters), or a visual
        attribute is invalid (a position that is not a number, a colour that
        is not ``"#RRGGBB"``).

    Notes
    -----
    Values are made writable as in :func:`~sysmap.io.graphml.write_graphml`.
    The node label is ``name`` (else the id), and ``name`` is not repeated
    as an attribute. Node and edge attributes called ``id`` (which GEXF
    reserves) are written as ``id_``. Graph attributes other than ``name``
    are not part of GEXF and are not written. Integer node ids are recorded
    as ``<graph idtype="integer">``, so :func:`read_gexf` restores them.
    Visual attributes come from a ``viz`` dictionary (as
    :func:`networkx.read_gexf` gives them) and the ``viz_x``, ``viz_y``,
    ``viz_z``, ``viz_size``, ``viz_color``, ``viz_shape`` and (edges)
    ``viz_thickness`` attributes (as :func:`read_gexf` gives them), then
    from `layout`, which wins. Tie widths of a map are not written: Gephi
    draws ties by their ``weight``.

    Examples
    --------
    >>> import tempfile, pathlib, networkx as nx
    >>> G = nx.DiGraph()
    >>> G.add_node(1, name="東京都庁")
    >>> G.add_edge(1, 2)
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = write_gexf(G, pathlib.Path(folder.name) / "g.gexf", layout={1: (0, 0), 2: (3, 4)})
    >>> H = nx.read_gexf(path)
    >>> H.nodes["1"]["label"], H.nodes["2"]["viz"]["position"], list(H.edges)
    ('東京都庁', {'x': 3.0, 'y': 4.0, 'z': 0.0}, [('1', '2')])
    >>> read_gexf(path).actors.index.tolist()        # integer ids come back as integers
    [1, 2]
    >>> folder.cleanup()
    """
    H = writable_copy(G, gexf=True)
    ids = string_ids(G.nodes)
    for node, viz in _layout_viz(layout, G).items():
        data = H.nodes[ids[node]]
        data["viz"] = {**data.get("viz", {}), **viz}
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(H)
    if id_type(G.nodes) == "int":
        writer.graph_element.set("idtype", "integer")
    path = Path(path)
    with replacing(path) as tmp:
        writer.write(tmp)
    return path


def _layout_viz(layout: object, G: nx.Graph) -> dict[Hashable, dict[str, Any]]:
    """Node of `G` -> ``viz`` entries (position, and size and colour when given)."""
    if layout is None:
        return {}
    if hasattr(layout, "nodes") and hasattr(layout, "scale"):  # a NetworkMap
        if getattr(layout, "aggregated", False):
            msg = "layout is an aggregated map (its nodes are clusters); pass an actor map."
            raise ParameterError(msg)
        scale = float(layout.scale)
        nodes = layout.nodes
        table = pd.DataFrame(
            {"x": nodes["x"] * scale, "y": nodes["y"] * scale, "size": nodes["radius"]},
            index=nodes.index,
        )
        table["color"] = nodes["color"]
    else:
        table = layout_table(layout)
    exact = {k: i for i, k in enumerate(table.index)}
    by_text = {str(k): i for i, k in enumerate(table.index)}
    out: dict[Hashable, dict[str, Any]] = {}
    records = table.to_dict("records")
    for node in G.nodes:
        row = exact.get(node, by_text.get(str(node)))
        if row is None:
            continue
        values = {f"viz_{k}": records[row][k] for k in ("x", "y", "size", "color") if k in table}
        out[node] = viz_dict(values, node)
    return out


def layout_table(layout: pd.DataFrame | Mapping) -> pd.DataFrame:
    """A layout as a table: ``x``, ``y`` (and any other columns) indexed by actor.

    Parameters
    ----------
    layout : pandas.DataFrame or dict
        A table with columns ``x`` and ``y`` (returned as it is), or a
        networkx ``pos`` dictionary ``{node: (x, y)}`` (as
        :func:`networkx.spring_layout` returns; a third coordinate is ignored).

    Raises
    ------
    ParameterError
        For a table without ``x`` and ``y``, a position that is not a pair of
        numbers, or another kind of object.

    Examples
    --------
    >>> import numpy as np
    >>> layout_table({"a": np.array([0.5, -1.0]), 2: (3, 4)})
         x    y
    a  0.5 -1.0
    2  3.0  4.0
    """
    if isinstance(layout, pd.DataFrame):
        if not {"x", "y"} <= set(layout.columns):
            msg = f"layout needs columns 'x' and 'y'; got {list(layout.columns)}."
            raise ParameterError(msg)
        return layout
    if not isinstance(layout, Mapping):
        msg = (
            "layout must be a table with columns 'x' and 'y' or a networkx pos dict "
            f"{{node: (x, y)}}; got {type(layout).__name__}."
        )
        raise ParameterError(msg)
    rows = []
    for node, xy in layout.items():
        try:
            coords = np.asarray(xy, dtype=float).ravel()
        except (TypeError, ValueError):
            coords = np.empty(0)
        if isinstance(xy, str) or len(coords) not in (2, 3):
            msg = f"the position of {node!r} must be a pair (x, y); got {xy!r}."
            raise ParameterError(msg)
        rows.append((float(coords[0]), float(coords[1])))
    index = pd.Index(list(layout), dtype=object, tupleize_cols=False)
    return pd.DataFrame(rows, columns=["x", "y"], index=index, dtype=float)
