"""What the network-file readers and writers share (edge list, adjacency, Kumu, GraphML, GEXF).

Readers: the tie table of a file's columns (:func:`table_ties`, checked cell by
cell), its clean-up (:func:`clean_ties`), relation lists split back into one
tie per relation (:func:`split_relations`), and the actor table completed with
the file's actors and attributes (:func:`with_actors`). Writers: attribute
values every format can hold (:func:`plain`), node ids as text
(:func:`string_ids`), and the type of each attribute and of the ids, so that a
reader can restore them (:func:`value_type`, :func:`restore_type`).
"""

from __future__ import annotations

import datetime as _dt
import json
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from .._text import clean_control_characters
from ..exceptions import GraphTypeError, ParameterError
from ._cells import infer_attribute
from .answers import parse_numbers
from .assemble import (
    DEFAULT_RELATION,
    drop_duplicates,
    drop_self_ties,
    order_pairs,
    resolve_endpoints,
)
from .model import NOT_SURVEYED, STATUSES, MemberList, NetworkData
from .report import IngestReport
from .tables import ROW

__all__ = [
    "RESERVED_TIE_COLUMNS",
    "attribute_keys",
    "require_graph",
    "clean_ties",
    "id_type",
    "jsonable",
    "parse_weight",
    "plain",
    "restore_ids",
    "restore_type",
    "split_relations",
    "string_ids",
    "table_ties",
    "typed_frame",
    "value_type",
    "with_actors",
]

#: Tie columns every reader fills; file columns with these names are renamed.
RESERVED_TIE_COLUMNS = ("source", "target", "relation", "row")
#: Value types a writer records and a reader restores (Python type -> name).
_TYPE_NAMES = {bool: "bool", int: "int", float: "float", str: "str"}


# -- reading: ties -------------------------------------------------------------
def table_ties(
    frame: pd.DataFrame,
    found: dict[str, str],
    members: MemberList | None,
    report: IngestReport,
    name: str,
    *,
    unknown: str,
    fuzzy_threshold: float | None,
    merge_spellings: bool,
    rename: Mapping[str, str] | None = None,
    skip: Iterable[str] = (),
    lookup: Mapping[str, str] | None = None,
    relation: str = DEFAULT_RELATION,
    types: Mapping[str, str] | None = None,
) -> tuple[pd.DataFrame, dict[str, str]]:
    """Tie table from a frame with source/target (and optional relation/weight) columns.

    Blank names are errors; weights are validated; names are resolved. Rows are
    not yet de-duplicated (see :func:`clean_ties`). `rename` maps other columns
    to attribute names, `skip` lists columns handled by the caller, `lookup`
    (Kumu) maps names to element keys before resolution, and `types` gives
    the recorded type of attribute columns (else numbers are inferred).
    """
    src_col, tgt_col = found["source"], found["target"]
    work = frame
    for col, role in ((src_col, "source"), (tgt_col, "target")):
        for idx in work.index[work[col] == ""]:
            report.add(
                name,
                int(work.at[idx, ROW]),
                col,
                "",
                "blank_name",
                "blank_endpoint",
                repair=True,
                action="dropped",
                role=role,
            )
    work = work.loc[(work[src_col] != "") & (work[tgt_col] != "")]
    weights = None
    if "weight" in found:
        weights = parse_weight(work, found["weight"], report, name)
    if lookup is not None:
        work = work.copy()
        for col in (src_col, tgt_col):
            work[col] = work[col].map(lambda s: lookup.get(s, s))
    if members is None and not merge_spellings:
        resolved, extra = work, {}
    else:
        resolved, extra = resolve_endpoints(
            work,
            [src_col, tgt_col],
            members,
            report,
            name,
            unknown=unknown,
            fuzzy_threshold=fuzzy_threshold,
            categorical=True,  # ordered, compared and de-duplicated by codes, then text again
        )
    if "relation" in found:
        relation = resolved[found["relation"]].replace("", relation).to_numpy()
    ties = pd.DataFrame(
        {
            "source": _ids(resolved[src_col]),
            "target": _ids(resolved[tgt_col]),
            "relation": relation,
            "row": resolved[ROW].astype("int64").to_numpy(),
        },
        index=resolved.index,
    ).astype({"relation": object})
    if weights is not None:
        ties["weight"] = weights.reindex(resolved.index)
    used = {ROW, *found.values(), *skip}
    for col in frame.columns:
        if col in used:
            continue
        attr = (rename or {}).get(col, col)
        if attr in RESERVED_TIE_COLUMNS or attr in ties.columns:
            new = f"{attr}_"
            report.note("column_renamed", source=name, column=col, attribute=new)
            attr = new
        kind = (types or {}).get(str(col))
        ties[attr] = restore_type(resolved[col], kind) if kind else infer_attribute(resolved[col])
    return ties, extra


def _ids(column: pd.Series) -> pd.Categorical | np.ndarray:
    """An id column as text, or as the categories :func:`resolve_endpoints` made
    (turned back into text by :func:`~sysmap.io.assemble.finish`)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.array
    return column.to_numpy(dtype=object)


def parse_weight(frame: pd.DataFrame, column: str, report: IngestReport, name: str) -> pd.Series:
    """Weights: numbers >= 0 (decimal comma allowed), finite; blank -> NaN."""
    numbers = parse_numbers(frame, column, report, name, scale=(0.0, np.inf), what="weight")
    infinite = np.isinf(numbers.to_numpy(dtype=float))
    for idx in frame.index[infinite]:
        value = frame.at[idx, column]
        report.add(
            name,
            int(frame.at[idx, ROW]),
            column,
            value,
            "scale",
            "weight_infinite",
            repair=True,
            action="repaired",
            value=value,
        )
    return numbers.where(~infinite)


def split_relations(ties: pd.DataFrame) -> pd.DataFrame:
    """One tie per relation where ``relation`` lists several, ``|``-separated.

    :func:`~sysmap.build_network` merges the relations of a pair into one tie
    whose ``relation`` reads ``"funding|information sharing"``; read back, that
    tie is one tie per relation again, each with the tie's values (so
    building the network again gives the same tie).
    """
    if not len(ties):
        return ties
    parts = ties["relation"].astype(str).str.split("|")
    if not (parts.str.len() > 1).any():
        return ties
    parts = parts.map(lambda p: list(dict.fromkeys(x for x in p if x)) or [DEFAULT_RELATION])
    out = ties.assign(relation=parts).explode("relation", ignore_index=True)
    return out.astype({"relation": object})


def clean_ties(
    ties: pd.DataFrame,
    report: IngestReport,
    name: str,
    column: str,
    *,
    directed: bool,
    names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Order undirected ties, drop self-ties and duplicates (all reported, by the actors'
    `names`: id -> name)."""
    if not directed:
        ties = order_pairs(ties)
    ties = drop_self_ties(ties, report, name, column, names)
    return drop_duplicates(ties, report, name, names)


# -- reading: actors -------------------------------------------------------------
def with_actors(
    data: NetworkData, names: Mapping[Hashable, str], attrs: pd.DataFrame | None
) -> NetworkData:
    """Add actors without ties (from `names`) and file attributes to ``data.actors``."""
    actors = data.actors.copy()
    actors["name"] = actors["name"].astype(object)  # integer ids are their own names
    known = [a for a in names if a in actors.index]
    if known:
        actors.loc[known, "name"] = [names[a] for a in known]
    missing = [a for a in names if a not in actors.index]
    if missing:
        add = pd.DataFrame(
            {"name": [names[a] for a in missing], "status": NOT_SURVEYED},
            index=pd.Index(missing, name="actor", dtype=object),
        )
        actors = pd.concat([actors, add]) if len(actors) else add
    if attrs is not None and len(attrs.columns):
        attrs = attrs.loc[attrs.index.isin(actors.index) & ~attrs.index.duplicated()]
        if "status" in attrs.columns:
            status = attrs.pop("status")
            valid = status[status.isin(STATUSES)]
            actors.loc[valid.index, "status"] = valid
            if len(valid) < status.notna().sum():
                data.report.note("status_values_ignored", statuses=", ".join(STATUSES))
        for col in attrs.columns:
            values = attrs[col].reindex(actors.index)
            if col in actors.columns:
                current = actors[col]
                blank = current.isna() | (current.astype(str) == "")
                actors[col] = current.where(~blank, values)
            else:
                actors[col] = values
    actors.index.name = "actor"
    data.actors = actors.loc[sorted(actors.index)]
    return data


def typed_frame(rows: list[dict[str, Any]], index: pd.Index) -> pd.DataFrame:
    """Attribute rows as a frame: a column of whole numbers (or of booleans) with
    gaps stays integer (boolean), as ``Int64`` (``boolean``), not float."""
    frame = pd.DataFrame(rows, index=index)
    for col in frame.columns:
        kinds = {type(r[col]) for r in rows if r.get(col) is not None}
        if kinds in ({int}, {bool}):
            values = [r.get(col) for r in rows]
            frame[col] = pd.array(values, dtype="Int64" if kinds == {int} else "boolean")
    return frame


# -- types: what a writer records, what a reader restores -------------------------
def value_type(values: Iterable[object]) -> str | None:
    """The one type of `values` (``"int"``, ``"float"``, ``"bool"``, ``"str"``) or ``None``."""
    kinds = {_TYPE_NAMES.get(type(v)) for v in values if v is not None}
    return kinds.pop() if len(kinds) == 1 else None


def restore_type(values: pd.Series, kind: str) -> pd.Series:
    """Text cells (``""`` = missing) as the type a writer recorded; unreadable cells stay text."""
    text = values.astype(object).astype(str)
    filled = text != ""
    if kind == "str":
        return text
    if kind == "bool":
        lowered = text[filled].str.strip().str.casefold()
        if not lowered.isin(["true", "false", "1", "0"]).all():
            return infer_attribute(values)
        out = pd.Series(pd.NA, index=values.index, dtype="boolean")
        out[filled] = lowered.isin(["true", "1"]).to_numpy()
        return out
    numbers = pd.to_numeric(text[filled].str.replace(",", ".", regex=False), errors="coerce")
    if numbers.isna().any() or (kind == "int" and not (numbers % 1 == 0).all()):
        return infer_attribute(values)
    if kind == "int":
        out = pd.Series(pd.NA, index=values.index, dtype="Int64")
        out[filled] = numbers.astype("int64").to_numpy()
        return out
    out = pd.Series(np.nan, index=values.index, dtype=float)
    out[filled] = numbers.astype(float).to_numpy()
    return out


def id_type(nodes: Iterable[Hashable]) -> str:
    """``"int"`` when every node id is an integer (not a bool), else ``"str"``."""
    ids = list(nodes)
    is_int = bool(ids) and all(
        isinstance(n, (int, np.integer)) and not isinstance(n, (bool, np.bool_)) for n in ids
    )
    return "int" if is_int else "str"


def restore_ids(ids: Iterable[str], kind: object) -> dict[str, Hashable]:
    """Text ids -> ids of the recorded type (``"int"``/``"integer"``); text when any is not one."""
    ids = list(ids)
    if kind in ("int", "integer", "long"):
        try:
            converted = {i: int(i) for i in ids}
        except ValueError:
            return {i: i for i in ids}
        if all(str(v) == i for i, v in converted.items()):
            return converted
    return {i: i for i in ids}


# -- writing -------------------------------------------------------------------------
def require_graph(G: object) -> None:
    """Raise :class:`~sysmap.exceptions.GraphTypeError` unless `G` is a networkx graph."""
    if not isinstance(G, nx.Graph):
        msg = f"G must be a networkx graph; got {type(G).__name__}."
        raise GraphTypeError(msg)


def string_ids(nodes: Iterable[Hashable]) -> dict[Hashable, str]:
    """Node id -> its text in a file; two ids with one text are an error."""
    ids = {
        n: clean_control_characters(str(plain(n)) if isinstance(n, np.generic) else str(n))
        for n in nodes
    }
    if len(set(ids.values())) < len(ids):
        clash = Counter(ids.values())
        dup = sorted(k for k, c in clash.items() if c > 1)[:5]
        msg = f"node ids {dup} are written as the same text; relabel the nodes first."
        raise ParameterError(msg)
    return ids


def attribute_keys(dicts: Iterable[Mapping]) -> list[str]:
    """Attribute names in order of first appearance."""
    keys: dict[str, None] = {}
    for d in dicts:
        for k in d:
            keys.setdefault(str(k), None)
    return list(keys)


def plain(value: object) -> Any:
    """A Python scalar or text for `value`; ``None`` for missing (None, NaN, NA).

    Lists, tuples, sets and arrays become ``|``-joined text, dictionaries JSON
    text, dates ISO text, anything else ``str(value)``.
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return None if np.isnan(value) else value
    if isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, Mapping):
        return json.dumps(jsonable(value), ensure_ascii=False, sort_keys=True)
    if isinstance(value, (set, frozenset)):
        value = sorted(value, key=str)
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        parts = [plain(v) for v in value]
        return "|".join(str(p) for p in parts if p is not None)
    if isinstance(value, (_dt.date, _dt.datetime, pd.Timestamp)):
        return value.isoformat()
    return str(value)


def jsonable(value: object) -> Any:
    """`value` with plain JSON types (dictionaries and lists kept as such)."""
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset, np.ndarray)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else list(value)
        return [jsonable(v) for v in items]
    if isinstance(value, np.generic):
        return value.item()
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (_dt.date, _dt.datetime, pd.Timestamp)):
        return value.isoformat()
    return str(value)
