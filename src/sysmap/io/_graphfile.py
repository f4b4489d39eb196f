"""What GraphML and GEXF share: a networkx graph read from a file as network data,
a graph made writable, node ids with their type, and Gephi's visual attributes.

Visual attributes (GEXF ``viz``: position, colour, size) are node attributes
``viz`` (a dictionary, as :func:`networkx.read_gexf` gives them) in networkx
graphs, and the columns ``viz_x``, ``viz_y``, ``viz_z``, ``viz_size``,
``viz_color`` (``#RRGGBB``, ``#RRGGBBAA`` when transparent: the opacity
kept to two decimals), ``viz_shape``
and ``viz_thickness`` (edges) in sysmap's tables and the graphs built from
them. :func:`flat_viz` and :func:`viz_dict` convert between the two.
"""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Hashable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from .._text import clean_control_characters
from ..exceptions import ParameterError
from ._files import (
    RESERVED_TIE_COLUMNS,
    clean_ties,
    id_type,
    jsonable,
    plain,
    require_graph,
    restore_ids,
    split_relations,
    string_ids,
    typed_frame,
    with_actors,
)
from .assemble import DEFAULT_RELATION, empty_ties, finish, member_list, resolve_endpoints
from .model import MemberList, NetworkData
from .report import IngestReport
from .tables import ROW, source_name

__all__ = [
    "ID_TYPE_KEY",
    "VIZ_COLUMNS",
    "flat_viz",
    "read_graph_file",
    "viz_dict",
    "writable_copy",
]

#: Graph attribute in which GraphML files written by sysmap record the type of
#: the node ids (``"int"``); GEXF has its own (``<graph idtype="integer">``).
ID_TYPE_KEY = "node_id_type"
#: Column of each visual attribute (GEXF ``viz``).
VIZ_COLUMNS = (
    "viz_x",
    "viz_y",
    "viz_z",
    "viz_size",
    "viz_color",
    "viz_shape",
    "viz_thickness",
)
_HEX = re.compile(r"^#([0-9a-fA-F]{6})([0-9a-fA-F]{2})?$")


# -- reading ------------------------------------------------------------------
def read_graph_file(
    path: object,
    kind: str,
    reader: Callable[[Path], tuple[nx.Graph, str | None]],
    *,
    actors: object,
    unknown: str,
    fuzzy_threshold: float | None,
    source: str | None,
    errors: str,
) -> NetworkData:
    """Read a GraphML or GEXF file with `reader` (graph, id type) into network data."""
    report = IngestReport.for_errors(errors)
    members = member_list(actors, report)
    name = source_name(path, source)  # type: ignore[arg-type]
    report.sources.append(name)
    G = None
    ids_kind = None
    p = Path(path)  # type: ignore[arg-type]
    if not p.exists():
        report.add(name, None, None, str(p), "file", "file_not_found")
    else:
        try:
            G, ids_kind = reader(p)
        except (
            nx.NetworkXError,
            ET.ParseError,
            ValueError,
            KeyError,
            TypeError,
            AttributeError,
            IndexError,
        ) as exc:
            report.add(
                name,
                None,
                None,
                None,
                "parse",
                "graph_file_unreadable",
                kind="GEXF" if kind == "gexf" else "GraphML",
                detail=f"{type(exc).__name__}: {exc}",
            )
    ties = empty_ties()
    extra: dict[str, str] = {}
    names: dict[Hashable, str] = {}
    attrs = None
    directed = True
    graph_attrs: dict[str, Any] = {}
    if G is not None:
        directed = G.is_directed()
        ties, extra, names, attrs = _graph_ties(
            G, members, report, name, unknown, fuzzy_threshold, ids_kind
        )
        graph_attrs = _graph_attributes(G)
        report.note(
            "graph_file_"
            + ("directed" if directed else "undirected")
            + ("_multi" if G.is_multigraph() else ""),
            source=name,
            nodes=G.number_of_nodes(),
            edges=G.number_of_edges(),
        )
    data = finish(
        ties,
        members,
        report,
        name,
        None,
        extra,
        errors,
        kind=kind,
        directed=directed,
        params={"unknown": unknown, "fuzzy_threshold": fuzzy_threshold},
    )
    data = with_actors(data, names, attrs)
    if graph_attrs:
        data.provenance["graph"] = graph_attrs
    return data


def _graph_ties(
    G: nx.Graph,
    members: MemberList | None,
    report: IngestReport,
    name: str,
    unknown: str,
    fuzzy_threshold: float | None,
    ids_kind: str | None,
) -> tuple[pd.DataFrame, dict[str, str], dict[Hashable, str], pd.DataFrame]:
    node_list = list(G.nodes)
    node_names: dict[Hashable, str] = {}
    node_rows = []
    for n in node_list:
        data = dict(G.nodes[n])
        viz = data.pop("viz", None)
        label = data.pop("label", None)
        own = data.pop("name", None)
        display = own if own not in (None, "") else label if label not in (None, "") else str(n)
        if own not in (None, "") and label not in (None, "") and str(label) != str(own):
            data["label"] = label
        if isinstance(viz, Mapping):
            data.update(flat_viz(viz))
        node_names[n] = str(display)
        node_rows.append(_cells(data))
    extra: dict[str, str] = {}
    if members is not None:
        ids: dict[Hashable, Hashable] = {n: str(n) for n in node_list}
        keys = [ids[n] if ids[n] in members.registry else node_names[n] for n in node_list]
        key_frame = pd.DataFrame({ROW: np.arange(1, len(node_list) + 1), "node": keys})
        resolved, extra = resolve_endpoints(
            key_frame,
            ["node"],
            members,
            report,
            name,
            unknown=unknown,
            fuzzy_threshold=fuzzy_threshold,
        )
        resolved_ids = dict(zip(resolved.index, resolved["node"]))
        kept = [n for i, n in enumerate(node_list) if i in resolved_ids]
        ids = {n: resolved_ids[i] for i, n in enumerate(node_list) if i in resolved_ids}
        node_rows = [r for i, r in enumerate(node_rows) if i in resolved_ids]
        node_list = kept
        names: dict[Hashable, str] = dict(extra)
    else:
        typed = restore_ids([str(n) for n in node_list], ids_kind)
        ids = {n: typed[str(n)] for n in node_list}
        names = {ids[n]: node_names[n] for n in node_list}
    index = pd.Index([ids[n] for n in node_list], name="actor", dtype=object)
    attrs = typed_frame(node_rows, index)
    if attrs.index.has_duplicates:  # two nodes resolved to one actor: keep the first's values
        attrs = attrs.loc[~attrs.index.duplicated()]
    keys, rows = [], []
    edges = (
        G.edges(keys=True, data=True)
        if G.is_multigraph()
        else ((u, v, None, d) for u, v, d in G.edges(data=True))
    )
    for position, (u, v, _key, data) in enumerate(edges, start=1):
        if u not in ids or v not in ids:  # endpoint dropped (unknown="drop")
            continue
        data = dict(data)
        data.pop("id", None)
        if G.is_multigraph():
            data.pop("key", None)
        relation = data.pop("relation", None)
        if relation in (None, ""):
            relation = data.pop("type", None)
        viz = data.pop("viz", None)
        if isinstance(viz, Mapping):
            data.update(flat_viz(viz))
        keys.append(
            (
                ids[u],
                ids[v],
                DEFAULT_RELATION if relation in (None, "") else str(relation),
                position,
            )
        )
        rows.append(
            {(f"{k}_" if k in RESERVED_TIE_COLUMNS else str(k)): x for k, x in _cells(data).items()}
        )
    if keys:
        ties = pd.DataFrame(keys, columns=["source", "target", "relation", "row"])
        ties = ties.astype({"source": object, "target": object, "relation": object, "row": "int64"})
        values = typed_frame(rows, ties.index)
        ties = pd.concat([ties, values], axis=1) if len(values.columns) else ties
    else:
        ties = empty_ties()
    ties = split_relations(ties)
    ties = clean_ties(ties, report, name, "source", directed=G.is_directed())
    return ties, extra, names, attrs


def _cells(data: Mapping) -> dict[str, Any]:
    """File attributes as table cells: scalars kept, lists joined, dicts JSON; missing left out."""
    out = {}
    for key, value in data.items():
        cell = plain(value)
        if cell is not None:
            out[str(key)] = cell
    return out


def _graph_attributes(G: nx.Graph) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in G.graph.items():
        if key in ("node_default", "edge_default", ID_TYPE_KEY):
            continue
        if isinstance(value, str) and value[:1] in "{[":
            try:
                value = json.loads(value)
            except ValueError:
                pass
        out[str(key)] = value
    return out


# -- writing ------------------------------------------------------------------------
def writable_copy(G: nx.Graph, *, gexf: bool = False) -> nx.Graph:
    """A new graph with text node ids and attribute values the format can hold.

    GraphML: visual attributes become ``viz_*`` attributes and the id type is
    recorded in the graph attribute :data:`ID_TYPE_KEY`. GEXF: ``viz``
    dictionaries built from them (for the caller to complete and write),
    ``name`` becomes the ``label`` and ``id`` attributes ``id_``.
    """
    require_graph(G)
    cls = {
        (False, False): nx.Graph,
        (True, False): nx.DiGraph,
        (False, True): nx.MultiGraph,
        (True, True): nx.MultiDiGraph,
    }[(G.is_directed(), G.is_multigraph())]
    H = cls()
    ids = string_ids(G.nodes)
    node_data = [_writable(n, d, gexf) for n, d in G.nodes(data=True)]
    if gexf:
        for d in node_data:
            if "id" in d:
                d["id_"] = d.pop("id")
            if "name" in d:
                d["label"] = str(d.pop("name"))
    _unify_types(node_data)
    H.add_nodes_from((ids[n], d) for n, d in zip(G.nodes, node_data))
    if G.is_multigraph():
        rows = list(G.edges(keys=True, data=True))
        edge_data = [_writable((u, v), d, gexf) for u, v, _, d in rows]
    else:
        rows = list(G.edges(data=True))
        edge_data = [_writable((u, v), d, gexf) for u, v, d in rows]
    if gexf:
        for d in edge_data:
            if "id" in d:
                d["id_"] = d.pop("id")
    _unify_types(edge_data)
    if G.is_multigraph():
        H.add_edges_from((ids[u], ids[v], _clean(k), d) for (u, v, k, _), d in zip(rows, edge_data))
    else:
        H.add_edges_from((ids[u], ids[v], d) for (u, v, _), d in zip(rows, edge_data))
    graph_data = {}
    for key, value in G.graph.items():
        if key in (ID_TYPE_KEY, "node_default", "edge_default"):  # readers' defaults
            continue
        if isinstance(value, Mapping):
            graph_data[str(key)] = json.dumps(jsonable(value), ensure_ascii=False, sort_keys=True)
        else:
            cell = plain(value)
            if cell is not None:
                graph_data[clean_control_characters(str(key))] = _clean(cell)
    if not gexf and id_type(G.nodes) == "int":
        graph_data[ID_TYPE_KEY] = "int"
    _unify_types([graph_data])
    H.graph.update(graph_data)
    return H


def _writable(owner: object, data: Mapping, gexf: bool) -> dict[str, Any]:
    """Attributes as writable values under text keys, without control characters;
    visual attributes as a ``viz`` dictionary (GEXF) or ``viz_*`` values (GraphML)."""
    viz = viz_dict(data, owner)
    out = {}
    for key, value in data.items():
        if key == "viz" or key in VIZ_COLUMNS:
            continue
        cell = plain(value)
        if cell is not None:
            out[clean_control_characters(str(key))] = _clean(cell)
    if viz:
        if gexf:
            out["viz"] = viz
        else:
            out.update(flat_viz(viz))
    return out


def _clean(value: object) -> object:
    return clean_control_characters(value) if isinstance(value, str) else value


def _unify_types(rows: list[dict[str, Any]]) -> None:
    """One type per attribute: ints and floats -> float, any other mix -> text (in place)."""
    kinds: dict[str, set[type]] = {}
    for d in rows:
        for key, value in d.items():
            if key != "viz":
                kinds.setdefault(key, set()).add(type(value))
    for key, types in kinds.items():
        if len(types) <= 1:
            continue
        to = float if types <= {int, float} else str
        for d in rows:
            if key in d:
                d[key] = to(d[key])


# -- visual attributes ----------------------------------------------------------------
def flat_viz(viz: Mapping) -> dict[str, Any]:
    """A networkx ``viz`` dictionary as ``viz_*`` values.

    Examples
    --------
    >>> flat_viz({"position": {"x": 1.0, "y": -2.0, "z": 0.0}, "size": 10.0,
    ...           "color": {"r": 255, "g": 0, "b": 128, "a": 1.0}})
    {'viz_x': 1.0, 'viz_y': -2.0, 'viz_size': 10.0, 'viz_color': '#ff0080'}
    """
    out: dict[str, Any] = {}
    position = viz.get("position")
    if isinstance(position, Mapping):
        for axis in ("x", "y", "z"):
            value = _number(position.get(axis))
            if value is not None and (axis != "z" or value != 0):
                out[f"viz_{axis}"] = value
    for key in ("size", "thickness"):
        value = _number(viz.get(key))
        if value is not None:
            out[f"viz_{key}"] = value
    color = viz.get("color")
    if isinstance(color, Mapping) and all(_number(color.get(c)) is not None for c in "rgb"):
        rgb = [min(255, max(0, round(_number(color[c])))) for c in "rgb"]  # type: ignore[arg-type]
        alpha = _number(color.get("a"))
        if alpha is not None and alpha < 1:
            rgb.append(round(max(0.0, alpha) * 255))
        out["viz_color"] = "#" + "".join(f"{c:02x}" for c in rgb)
    if isinstance(viz.get("shape"), str) and viz["shape"]:
        out["viz_shape"] = viz["shape"]
    return out


def viz_dict(data: Mapping, owner: object = None) -> dict[str, Any]:
    """The networkx ``viz`` dictionary of a node's (or edge's) attributes.

    Taken from a ``viz`` dictionary and the ``viz_*`` attributes (these win).

    Raises
    ------
    ParameterError
        For a position, size or thickness that is not a finite number, or a
        colour that is not ``#RRGGBB`` / ``#RRGGBBAA`` (`owner` is named).

    Examples
    --------
    >>> viz_dict({"viz_x": 1, "viz_y": 2.5, "viz_color": "#FF000080", "sector": "NGO"})
    {'position': {'x': 1.0, 'y': 2.5, 'z': 0.0}, 'color': {'r': 255, 'g': 0, 'b': 0, 'a': 0.5}}
    """
    values = flat_viz(data["viz"]) if isinstance(data.get("viz"), Mapping) else {}
    values.update({k: data[k] for k in VIZ_COLUMNS if k in data and plain(data[k]) is not None})
    viz: dict[str, Any] = {}
    for key in ("viz_x", "viz_y", "viz_z", "viz_size", "viz_thickness"):
        if key in values:
            number = _number(values[key])
            if number is None:
                msg = f"{key} of {owner!r} must be a finite number; got {values[key]!r}."
                raise ParameterError(msg)
            values[key] = number
    if "viz_x" in values or "viz_y" in values:
        viz["position"] = {a: values.get(f"viz_{a}", 0.0) for a in ("x", "y", "z")}
    for key in ("size", "thickness"):
        if f"viz_{key}" in values:
            viz[key] = values[f"viz_{key}"]
    if "viz_color" in values:
        viz["color"] = _rgba(values["viz_color"], owner)
    if isinstance(values.get("viz_shape"), str) and values["viz_shape"]:
        viz["shape"] = values["viz_shape"]
    return viz


def _rgba(color: object, owner: object) -> dict[str, Any]:
    match = _HEX.match(color) if isinstance(color, str) else None
    if match is None:
        msg = f"viz_color of {owner!r} must be a colour '#RRGGBB' or '#RRGGBBAA'; got {color!r}."
        raise ParameterError(msg)
    rgb, alpha = match.groups()
    out: dict[str, Any] = {c: int(rgb[2 * i : 2 * i + 2], 16) for i, c in enumerate("rgb")}
    out["a"] = round(int(alpha, 16) / 255, 2) if alpha else 1.0  # 0.5 -> 80 -> 0.5
    return out


def _number(value: object) -> float | None:
    """A finite float, or None (missing, text, infinite)."""
    if isinstance(value, (bool, np.bool_)) or value is None:
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None
