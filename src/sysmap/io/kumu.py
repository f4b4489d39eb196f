"""Kumu workbooks: an Elements sheet (actors) and a Connections sheet (ties).

:func:`read_kumu` reads a workbook in Kumu's import layout with the checks
every reader makes (:mod:`sysmap.io.report`); :func:`write_kumu` writes any
graph in that layout. A third sheet, ``sysmap (ignore)`` (Kumu skips sheets
whose name contains "(ignore)" [1]_), records what a spreadsheet cannot hold:
the type of each field and of the ids, whether the graph is directed, the
names behind labels made unique, and the graph's attributes. With it, a
graph that :func:`~sysmap.build_network` built reads back into the same
network.

References
----------
.. [1] Kumu, "Structure your data for Kumu" (sheets named with "(ignore)" are
   not imported; ``|`` separates several values in a cell).
   https://docs.kumu.io/guides/import/import
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from .._version import __version__
from ..exceptions import ParameterError
from ..export import restore_formula_text, write_excel
from ._cells import infer_attribute
from ._files import (
    attribute_keys,
    clean_ties,
    id_type,
    jsonable,
    plain,
    require_graph,
    restore_ids,
    restore_type,
    split_relations,
    string_ids,
    table_ties,
    value_type,
    with_actors,
)
from ._graphfile import flat_viz
from .assemble import empty_ties, finish, member_list, resolve_endpoints
from .columns import find_columns
from .model import MemberList, NetworkData
from .report import IngestReport
from .tables import EXCEL_SUFFIXES, ROW, read_table, source_name

__all__ = [
    "KUMU_CONNECTION_COLUMNS",
    "KUMU_ELEMENT_COLUMNS",
    "KUMU_SETTINGS_SHEET",
    "read_kumu",
    "write_kumu",
]

#: Kumu's standard Elements columns and the sysmap attribute each becomes.
KUMU_ELEMENT_COLUMNS = {
    "label": "Label",
    "id": "ID",
    "type": "Type",
    "tags": "Tags",
    "description": "Description",
}
#: Kumu's standard Connections columns and the sysmap role each fills.
KUMU_CONNECTION_COLUMNS = {
    "from": "From",
    "to": "To",
    "type": "Type",
    "strength": "Strength",
    "direction": "Direction",
    "tags": "Tags",
    "description": "Description",
    "label": "Label",
}
#: The sheet in which :func:`write_kumu` records types and graph attributes (Kumu skips it).
KUMU_SETTINGS_SHEET = "sysmap (ignore)"
_KUMU_DIRECTIONS = ("directed", "undirected", "mutual")


def read_kumu(
    path: str | os.PathLike[str],
    *,
    actors: MemberList | str | os.PathLike[str] | pd.DataFrame | None = None,
    elements_sheet: str = "Elements",
    connections_sheet: str = "Connections",
    directed: bool | None = None,
    unknown: str = "keep",
    fuzzy_threshold: float | None = None,
    source: str | None = None,
    errors: str = "repair",
) -> NetworkData:
    """Read a Kumu workbook: an Elements sheet (actors) and a Connections sheet (ties).

    Parameters
    ----------
    path : path
        An ``.xlsx`` workbook in Kumu's import layout.
    actors : MemberList, path or pandas.DataFrame, optional
        Member list. Without one, each element's ``ID`` (if the sheet has that
        column) or else its ``Label`` is the actor id. With one, those are
        resolved to the member list's ids (see
        :func:`~sysmap.io.edgelist.read_edgelist`).
    elements_sheet, connections_sheet : str
        Sheet names (matched ignoring case).
    directed : bool or None, default=None
        ``True``: ``From -> To`` ties; connections whose ``Direction`` is
        ``"undirected"`` or ``"mutual"`` give a tie each way. ``False``: every
        connection is one undirected tie (``source < target``). ``None``:
        undirected when no connection is directed (a blank Direction counts as
        Kumu's default, ``"directed"``), or as the ``sysmap (ignore)`` sheet
        records it.
    unknown, fuzzy_threshold, source, errors
        As in :func:`~sysmap.io.edgelist.read_edgelist`.

    Returns
    -------
    NetworkData
        ``kind="kumu"``. Actors: one per element, plus organizations that
        only occur in connections; ``name`` = ``Label``, attributes ``type``,
        ``tags``, ``description`` and every other field under its own name.
        Ties: ``relation`` = ``Type`` (``"tie"`` when blank), ``weight`` =
        ``Strength``, attributes ``tags``, ``description``, ``label`` and the
        other fields. A ``Type`` listing several relations (``"a|b"``) gives
        one tie per relation.

    Raises
    ------
    SchemaError
        If the file is not a workbook, or ``Label`` / ``From`` / ``To`` are missing.
    RowError, InputError
        For blank or repeated labels, invalid ``Strength`` or ``Direction``.

    Notes
    -----
    Multi-valued fields (``Tags``: ``"a|b"``) are kept as ``|``-joined text.
    Fields whose non-blank cells are all numbers become numbers (whole
    numbers ``Int64``, else floats), unless the ``sysmap (ignore)`` sheet
    (see :func:`write_kumu`) records their type; it also restores integer
    ids, the names behind labels made unique (field ``name``) and the graph
    attributes (``provenance["graph"]``). Connection
    endpoints are matched to element labels exactly, then to element ids;
    names found in no element are reported (warning) and kept as actors.
    A ``status`` field with sysmap's status values (as written by
    :func:`write_kumu`) is kept as the actor status. A sheet that is present
    but empty means no elements (or no connections).

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = pathlib.Path(folder.name) / "map.xlsx"
    >>> with pd.ExcelWriter(path) as xl:
    ...     pd.DataFrame({"Label": ["Stadt", "Schule", "Verein"], "Type": ["GOV", "EDU", "NGO"]}
    ...                  ).to_excel(xl, sheet_name="Elements", index=False)
    ...     pd.DataFrame({"From": ["Stadt"], "To": ["Schule"], "Strength": [3],
    ...                   "Direction": ["mutual"]}
    ...                  ).to_excel(xl, sheet_name="Connections", index=False)
    >>> data = read_kumu(path)
    >>> data.actors[["name", "type"]]
              name type
    actor
    Schule  Schule  EDU
    Stadt    Stadt  GOV
    Verein  Verein  NGO
    >>> data.directed, data.ties[["source", "target", "weight"]]   # no connection is directed
    (False,    source target  weight
    0  Schule  Stadt     3.0)
    >>> len(read_kumu(path, directed=True).ties)                     # a mutual tie each way
    2
    >>> folder.cleanup()
    """
    if directed is not None and not isinstance(directed, (bool, np.bool_)):
        msg = f"directed must be True, False or None; got {directed!r}."
        raise ParameterError(msg)
    report = IngestReport.for_errors(errors)
    members = member_list(actors, report)
    name = source_name(path, source)
    report.sources.append(name)
    ties = empty_ties()
    extra: dict[str, str] = {}
    names: dict[Hashable, str] = {}
    attrs: pd.DataFrame | None = None
    settings: dict[str, Any] = {}
    sheets = _kumu_sheets(path, name, report, elements_sheet, connections_sheet)
    if sheets is not None:
        el_sheet, co_sheet, settings_sheet = sheets
        if settings_sheet:
            settings = _read_settings(path, settings_sheet)
        if directed is None and "directed" in settings:
            directed = bool(settings["directed"])
        elements = connections = None
        if el_sheet:
            elements = _read_sheet(path, el_sheet, f"{name} [{el_sheet}]", report)
        if co_sheet:
            connections = _read_sheet(path, co_sheet, f"{name} [{co_sheet}]", report)
        lookup: dict[str, str] = {}
        if elements is not None:
            names, attrs, lookup, el_extra = _kumu_elements(
                elements,
                members,
                report,
                f"{name} [{el_sheet}]",
                unknown,
                fuzzy_threshold,
                settings,
            )
            extra.update(el_extra)
        if connections is not None:
            ties, co_extra, found_directed = _kumu_connections(
                connections,
                members,
                report,
                f"{name} [{co_sheet}]",
                lookup,
                directed,
                unknown,
                fuzzy_threshold,
                settings.get("connection_types", {}),
            )
            extra.update(co_extra)
            directed = found_directed if directed is None else directed
        if members is None and settings.get("id_type") == "int":
            ties, names, attrs = _typed_ids(ties, names, attrs)
    is_directed = True if directed is None else bool(directed)
    data = finish(
        ties,
        members,
        report,
        name,
        None,
        extra,
        errors,
        kind="kumu",
        directed=is_directed,
        params={"directed": directed, "unknown": unknown, "fuzzy_threshold": fuzzy_threshold},
    )
    data = with_actors(data, names, attrs)
    if settings.get("graph"):
        data.provenance["graph"] = settings["graph"]
    return data


def _typed_ids(
    ties: pd.DataFrame, names: dict[Hashable, str], attrs: pd.DataFrame | None
) -> tuple[pd.DataFrame, dict[Hashable, str], pd.DataFrame | None]:
    """Integer ids (as :func:`write_kumu` recorded them) in place of their text."""
    texts = {*names, *ties["source"], *ties["target"]}
    typed = restore_ids([str(t) for t in texts], "int")
    if any(isinstance(v, str) for v in typed.values()):  # some id is not an integer: all text
        return ties, names, attrs
    ties = ties.assign(
        source=ties["source"].map(lambda t: typed[str(t)]).astype(object),
        target=ties["target"].map(lambda t: typed[str(t)]).astype(object),
    )
    names = {typed[str(k)]: v for k, v in names.items()}
    if attrs is not None:
        attrs = attrs.set_axis(
            pd.Index([typed[str(k)] for k in attrs.index], name="actor", dtype=object)
        )
    return ties, names, attrs


def _kumu_sheets(
    path: object, name: str, report: IngestReport, elements: str, connections: str
) -> tuple[str | None, str | None, str | None] | None:
    """The Elements, Connections and settings sheets (names as in the workbook)."""
    p = Path(path)  # type: ignore[arg-type]
    if not p.exists():
        report.add(name, None, None, str(p), "file", "file_not_found")
        return None
    if p.suffix.lower() not in EXCEL_SUFFIXES:
        report.add(
            name,
            None,
            None,
            p.suffix,
            "format",
            "kumu_not_excel",
            elements=elements,
            connections=connections,
        )
        return None
    try:
        with pd.ExcelFile(p) as book:
            available = [str(s) for s in book.sheet_names]
    except Exception as exc:  # corrupt or not a workbook  # noqa: BLE001
        report.add(name, None, None, None, "parse", "excel_unreadable", detail=str(exc))
        return None
    folded = {s.casefold(): s for s in available}
    el, co = folded.get(elements.casefold()), folded.get(connections.casefold())
    if el is None and co is None:
        report.add(
            name,
            None,
            None,
            None,
            "sheet",
            "kumu_no_sheets",
            elements=elements,
            connections=connections,
            found=", ".join(f"'{a}'" for a in available),
        )
        return None
    for wanted, got in ((elements, el), (connections, co)):
        if got is None:
            report.note("kumu_sheet_missing", source=name, sheet=wanted)
    return el, co, folded.get(KUMU_SETTINGS_SHEET.casefold())


def _read_settings(path: object, sheet: str) -> dict[str, Any]:
    """The ``sysmap (ignore)`` sheet: key -> value (JSON decoded); unreadable rows are skipped."""
    frame = read_table(path, IngestReport(), source=sheet, sheet=sheet)  # type: ignore[arg-type]
    if frame is None or not {"key", "value"} <= set(frame.columns):
        return {}
    out: dict[str, Any] = {}
    for key, value in zip(frame["key"], frame["value"].map(restore_formula_text)):
        try:
            out[key] = json.loads(value)
        except ValueError:
            continue
    return out


def _read_sheet(path: object, sheet: str, name: str, report: IngestReport) -> pd.DataFrame | None:
    """One sheet; an empty sheet is noted (not an error)."""
    sub = IngestReport(strict=report.strict)
    frame = read_table(path, sub, source=name, sheet=sheet)  # type: ignore[arg-type]
    if frame is not None:  # text write_kumu wrote with a leading apostrophe (see write_excel)
        frame = frame.map(restore_formula_text)
        frame.columns = [restore_formula_text(c) for c in frame.columns]
    if frame is None and all(p.check == "empty" for p in sub.errors):
        sub._problems = [p for p in sub._problems if p.check != "empty"]
        sub.note("sheet_empty", source=name, sheet=sheet)
    report.extend(sub)
    return frame


def _kumu_elements(
    frame: pd.DataFrame,
    members: MemberList | None,
    report: IngestReport,
    name: str,
    unknown: str,
    fuzzy_threshold: float | None,
    settings: Mapping[str, Any],
) -> tuple[dict[str, str], pd.DataFrame | None, dict[str, str], dict[str, str]]:
    """Element ids -> names, attributes (indexed by id), name -> key lookup, extra names.

    With `settings` (a workbook :func:`write_kumu` wrote): fields of the
    recorded types, names from the field ``name``, and no ``type`` attribute
    when ``Type`` only repeats another field.
    """
    found = find_columns(
        frame, KUMU_ELEMENT_COLUMNS, report, name, required=["label"], table="Kumu Elements sheet"
    )
    if "label" not in found:
        return {}, None, {}, {}
    label_col = found["label"]
    labels = frame[label_col]
    keys = labels.copy()
    if "id" in found:
        keys = frame[found["id"]].where(frame[found["id"]] != "", labels)
    keep = pd.Series(True, index=frame.index)
    first_label: dict[str, int] = {}
    first_key: dict[str, int] = {}
    for idx in frame.index:
        row, label, key = int(frame.at[idx, ROW]), labels[idx], keys[idx]
        if label == "":
            report.add(
                name,
                row,
                label_col,
                "",
                "blank_label",
                "kumu_blank_label",
                repair=True,
                action="dropped",
            )
            keep[idx] = False
            continue
        if label in first_label:
            report.add(
                name,
                row,
                label_col,
                label,
                "duplicate_label",
                "kumu_duplicate_label",
                repair=True,
                action="dropped",
                label=label,
                first_row=str(first_label[label]),
            )
            keep[idx] = False
            continue
        first_label[label] = row
        if key in first_key:
            col = found.get("id", label_col)
            report.add(
                name,
                row,
                col,
                key,
                "duplicate_id",
                "kumu_duplicate_id",
                repair=True,
                action="dropped",
                key=key,
                first_row=str(first_key[key]),
            )
            keep[idx] = False
            continue
        first_key[key] = row
    frame, labels, keys = frame.loc[keep], labels[keep], keys[keep]
    lookup = {**dict(zip(keys, keys)), **dict(zip(labels, keys))}  # labels first
    extra: dict[str, str] = {}
    ids = keys
    if members is not None:
        key_frame = pd.DataFrame({ROW: frame[ROW], label_col: keys}, index=frame.index)
        resolved, extra = resolve_endpoints(
            key_frame,
            [label_col],
            members,
            report,
            name,
            unknown=unknown,
            fuzzy_threshold=fuzzy_threshold,
        )
        ids = resolved[label_col]
        frame, labels = frame.loc[resolved.index], labels[resolved.index]
        lookup = {k: v for k, v in lookup.items() if v in set(keys[resolved.index])}
        to_id = dict(zip(keys[resolved.index], ids))
        lookup = {k: to_id[v] for k, v in lookup.items()}
    shown = labels
    if settings and "name" in frame.columns:  # the names behind labels made unique
        shown = frame["name"].where(frame["name"] != "", labels)
    names = dict(zip(ids, shown)) if members is None else dict(extra)
    attrs = pd.DataFrame(index=pd.Index(list(ids), name="actor", dtype=object))
    skip = {ROW, label_col, found.get("id"), "name" if settings else None}
    if settings.get("element_type") in frame.columns and "type" in found:
        skip.add(found["type"])  # Type repeats that field
    types = settings.get("element_types", {})
    for col in frame.columns:
        if col in skip:
            continue
        role = next((r for r, c in found.items() if c == col), None)
        kind = types.get(col)
        values = restore_type(frame[col], kind) if kind else infer_attribute(frame[col])
        attrs[role or col] = values.array
    return names, attrs, lookup, extra


def _kumu_connections(
    frame: pd.DataFrame,
    members: MemberList | None,
    report: IngestReport,
    name: str,
    lookup: dict[str, str],
    directed: bool | None,
    unknown: str,
    fuzzy_threshold: float | None,
    types: Mapping[str, str],
) -> tuple[pd.DataFrame, dict[str, str], bool]:
    found = find_columns(
        frame,
        KUMU_CONNECTION_COLUMNS,
        report,
        name,
        required=["from", "to"],
        table="Kumu Connections sheet",
    )
    if "from" not in found or "to" not in found:
        return empty_ties(), {}, True if directed is None else bool(directed)
    roles = {"source": found["from"], "target": found["to"]}
    if "type" in found:
        roles["relation"] = found["type"]
    if "strength" in found:
        roles["weight"] = found["strength"]
    # directions, checked on every row
    if "direction" in found:
        col = found["direction"]
        direction = frame[col].str.strip().str.casefold().replace("", "directed")
        for idx in frame.index[~direction.isin(_KUMU_DIRECTIONS)]:
            report.add(
                name,
                int(frame.at[idx, ROW]),
                col,
                frame.at[idx, col],
                "direction",
                "kumu_direction",
                repair=True,
                action="repaired",
                value=frame.at[idx, col],
                choices=", ".join(_KUMU_DIRECTIONS),
            )
        direction = direction.where(direction.isin(_KUMU_DIRECTIONS), "directed")
    else:
        direction = pd.Series("directed", index=frame.index)
    # endpoints that are not elements
    known = set(lookup)
    for col in (found["from"], found["to"]):
        for idx in frame.index[(frame[col] != "") & ~frame[col].isin(known)]:
            value = frame.at[idx, col]
            report.add(
                name,
                int(frame.at[idx, ROW]),
                col,
                value,
                "unknown_element",
                severity="warning",
                action="added",
                name=value,
            )
    rename = {c: r for r, c in found.items() if r in ("tags", "description", "label")}
    work = frame
    extra: dict[str, str] = {}
    to_id = dict(lookup)
    if members is not None:
        # element keys were resolved with the Elements sheet; resolve the other names here
        others = []
        for col in (found["from"], found["to"]):
            mask = (frame[col] != "") & ~frame[col].isin(known)
            others.append(pd.DataFrame({ROW: frame.loc[mask, ROW], "name": frame.loc[mask, col]}))
        other_frame = pd.concat(others).drop_duplicates("name")
        if len(other_frame):
            resolved, extra = resolve_endpoints(
                other_frame,
                ["name"],
                members,
                report,
                name,
                unknown=unknown,
                fuzzy_threshold=fuzzy_threshold,
            )
            to_id.update(dict(zip(other_frame.loc[resolved.index, "name"], resolved["name"])))
            lost = set(other_frame["name"]) - set(other_frame.loc[resolved.index, "name"])
            if lost:
                drop = frame[found["from"]].isin(lost) | frame[found["to"]].isin(lost)
                work = frame.loc[~drop]
    ties, _ = table_ties(
        work,
        roles,
        None,
        report,
        name,
        unknown=unknown,
        fuzzy_threshold=fuzzy_threshold,
        merge_spellings=False,
        rename=rename,
        skip=[found["direction"]] if "direction" in found else [],
        lookup=to_id,
        types=types,
    )
    ties = ties.assign(direction=direction.reindex(ties.index).to_numpy())
    ties = split_relations(ties)
    direction = ties.pop("direction")
    if directed is None:
        is_directed = bool((direction == "directed").any()) or not len(ties)
        report.note("kumu_directed" if is_directed else "kumu_undirected", source=name)
    else:
        is_directed = bool(directed)
    if is_directed:
        both = direction.isin(["undirected", "mutual"]).to_numpy()
        if both.any():
            back = ties.loc[both].copy()
            back["source"], back["target"] = ties.loc[both, "target"], ties.loc[both, "source"]
            ties = pd.concat([ties, back], ignore_index=True)
            report.note("kumu_mutual_both_ways", source=name, n=int(both.sum()))
    else:
        n_dir = int((direction == "directed").sum())
        if n_dir and directed is False:
            report.note("kumu_directed_as_undirected", source=name, n=n_dir)
    ties = clean_ties(ties, report, name, found["from"], directed=is_directed)
    return ties, extra, is_directed


def write_kumu(
    G: nx.Graph,
    path: str | os.PathLike[str],
    *,
    type: str | None = None,
) -> Path:
    """Write `G` as a Kumu import workbook (sheets Elements and Connections).

    Parameters
    ----------
    G : networkx.Graph
        Any networkx graph (directed, undirected, multigraph). Node attribute
        ``name`` gives the label; edge attributes ``relation`` and ``weight``
        give the connection Type and Strength.
    path : path
        The ``.xlsx`` file to write (overwritten).
    type : str, optional
        Node attribute for Kumu's element ``Type``; by default ``"sector"`` if
        some actor has it, else ``"type"`` if some actor has it, else none.

    Returns
    -------
    pathlib.Path
        The file written.

    Notes
    -----
    The workbook is written by :func:`sysmap.export.write_excel`: text that a
    spreadsheet would run as a formula (``=HYPERLINK(...)``, also in a
    header) gets a leading apostrophe, which :func:`read_kumu` removes again;
    control characters are removed; the file is replaced only once complete.
    Elements: ``Label`` = ``name`` (or the node id), made unique by adding the
    id in parentheses where two actors share a name (the names are then
    also written as the field ``name``); ``ID`` = the node id (written only
    when some label differs from its id, so the ids survive a round trip
    through :func:`read_kumu`); ``Type``; then every other node attribute as
    a field (also the one used for ``Type``, so it keeps its own name).
    Connections: ``From``, ``To`` (labels), ``Type`` (``relation``; a
    relation list such as ``"funding|information sharing"`` as it is),
    ``Strength`` (``weight``), ``Direction`` (``"directed"`` for directed
    graphs, else ``"undirected"``), then the other edge attributes. Lists
    become ``|``-joined text, dictionaries JSON, ``None``/``NaN`` blank
    cells, a ``viz`` dictionary the fields ``viz_x``, ``viz_y``, ...

    The sheet ``sysmap (ignore)`` (columns ``key``, ``value``: JSON) records
    the sysmap version, whether `G` is directed, ``id_type`` (``"int"`` when
    every node id is an integer), ``element_type`` (the field ``Type``
    repeats), the type of every field (``element_types``,
    ``connection_types``: ``"int"``, ``"float"``, ``"bool"`` or ``"str"``)
    and the graph attributes (``graph``). :func:`read_kumu` uses it to give
    back the ids, names, types and direction; Kumu does not import it.
    Numbers are written with 16 significant digits (openpyxl; Excel keeps 15).
    `G` is not modified.

    Examples
    --------
    >>> import tempfile, pathlib, networkx as nx
    >>> G = nx.DiGraph()
    >>> G.add_node("A1", name="Stadt", sector="GOV")
    >>> G.add_node("A2", name="Schule", sector="EDU")
    >>> G.add_edge("A1", "A2", weight=2.0, relation="info")
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = write_kumu(G, pathlib.Path(folder.name) / "map.xlsx")
    >>> data = read_kumu(path)
    >>> data.actors[["name", "sector"]]       # Kumu's Type column repeats 'sector'
             name sector
    actor
    A1      Stadt    GOV
    A2     Schule    EDU
    >>> data.ties[["source", "target", "relation", "weight"]]
      source target relation  weight
    0     A1     A2     info     2.0
    >>> folder.cleanup()
    """
    require_graph(G)
    path = Path(path)
    nodes = list(G.nodes)
    ids = string_ids(nodes)
    node_data = [_fields(d) for _, d in G.nodes(data=True)]
    if type is None:
        type = next((a for a in ("sector", "type") if any(a in d for d in node_data)), None)
    raw_names = [
        str(d["name"]) if d.get("name") is not None else ids[n] for n, d in zip(nodes, node_data)
    ]
    labels = _unique_labels(raw_names, [ids[n] for n in nodes])
    label_of = dict(zip(nodes, labels))
    elements: dict[str, list] = {"Label": labels}
    if any(label != ids[n] for n, label in zip(nodes, labels)):
        elements["ID"] = [ids[n] for n in nodes]
    if type is not None:
        elements["Type"] = [d.get(type) for d in node_data]
    for key in attribute_keys(node_data):
        if key == "name" or (key == type and key.casefold() == "type"):
            continue
        column = key if key not in elements else f"{key} (attribute)"
        elements[column] = [d.get(key) for d in node_data]
    if labels != raw_names:  # labels made unique: keep the names
        elements["name"] = raw_names
    edge_rows = list(G.edges(data=True))
    edge_data = [_fields(d) for _, _, d in edge_rows]
    connections: dict[str, list] = {
        "From": [label_of[u] for u, _, _ in edge_rows],
        "To": [label_of[v] for _, v, _ in edge_rows],
        "Type": [d.get("relation") for d in edge_data],
        "Strength": [d.get("weight") for d in edge_data],
        "Direction": ["directed" if G.is_directed() else "undirected"] * len(edge_rows),
    }
    for key in attribute_keys(edge_data):
        if key in ("relation", "weight"):
            continue
        column = key if key not in connections else f"{key} (attribute)"
        connections[column] = [d.get(key) for d in edge_data]
    settings: dict[str, Any] = {"written_by": f"sysmap {__version__}", "directed": G.is_directed()}
    if id_type(nodes) == "int":
        settings["id_type"] = "int"
    if type is not None and type in elements:
        settings["element_type"] = type
    settings["element_types"] = _types(elements, ("Label", "ID", "Type", "name"))
    settings["connection_types"] = _types(
        connections, ("From", "To", "Type", "Strength", "Direction")
    )
    if G.graph:
        settings["graph"] = jsonable(G.graph)
    sheets = {
        "Elements": pd.DataFrame(elements),
        "Connections": pd.DataFrame(connections),
        KUMU_SETTINGS_SHEET: pd.DataFrame(
            {
                "key": list(settings),
                "value": [
                    json.dumps(v, ensure_ascii=False, sort_keys=True) for v in settings.values()
                ],
            }
        ),
    }
    return write_excel(sheets, path, index=False)


def _fields(data: Mapping) -> dict[str, Any]:
    """Attributes as cell values (plain scalars or text); visual attributes as ``viz_*``."""
    out = {}
    for key, value in data.items():
        if key == "viz" and isinstance(value, Mapping):
            out.update(flat_viz(value))
            continue
        cell = plain(value)
        if cell is not None:
            out[str(key)] = cell
    return out


def _types(columns: Mapping[str, list], skip: tuple[str, ...]) -> dict[str, str]:
    """Field -> the type of its values (``"int"``, ``"float"``, ``"bool"``, ``"str"``)."""
    out = {}
    for column, values in columns.items():
        kind = None if column in skip else value_type(values)
        if kind is not None:
            out[column] = kind
    return out


def _unique_labels(names: list[str], ids: list[str]) -> list[str]:
    counts = Counter(names)
    labels = [f"{n} ({i})" if counts[n] > 1 else n for n, i in zip(names, ids)]
    seen: set[str] = set()
    out = []
    for label in labels:
        candidate, k = label, 2
        while candidate in seen:
            candidate = f"{label} #{k}"
            k += 1
        seen.add(candidate)
        out.append(candidate)
    return out
