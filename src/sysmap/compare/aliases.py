"""Aligning waves on persistent actor ids: the alias table, merging declared mergers,
and drafting alias rows for review (:func:`suggest_aliases`).

Renames and mergers are *declared* in the alias table, never guessed;
:func:`suggest_aliases` proposes matches (exact, normalized, alias, fuzzy) for a
person to review.
"""

from __future__ import annotations

import math
import os
from collections.abc import Hashable, Iterable, Mapping, Sequence

import networkx as nx
import pandas as pd

from .._attributes import is_missing
from .._graph import GRAPH_TYPES, check_graph, sorted_nodes
from ..build.ties import merge_ties, tie_frame
from ..exceptions import DuplicateActorError, InputError, ParameterError
from ..i18n import Msg
from ..io.assemble import order_pairs
from ..io.columns import find_columns
from ..io.identity import ActorRegistry, normalize_name
from ..io.members import read_actors
from ..io.model import DID_NOT_RESPOND, RESPONDED, MemberList, NetworkData
from ..io.report import IngestReport
from ..io.tables import ROW, read_table, source_name

__all__ = ["ALIAS_TYPES", "read_alias_table", "suggest_aliases"]

#: Kinds of alias-table rows: another name, a renamed organization, a merger.
ALIAS_TYPES = ("alias", "rename", "merger")


def read_alias_table(
    aliases: str | os.PathLike[str] | pd.DataFrame | Mapping[str, str],
) -> pd.DataFrame:
    """Read and check an alias table: which names or ids stand for which actor.

    Parameters
    ----------
    aliases : path, pandas.DataFrame or mapping
        A table with columns ``alias`` (a name or an id as it appears in some
        wave) and ``actor`` (the persistent actor id it stands for), and
        optionally ``type``: ``"alias"`` (default: another name, acronym or
        spelling), ``"rename"`` (an old name or id of a renamed organization)
        or ``"merger"`` (an organization that merged into `actor`). A mapping
        ``{alias: actor}`` is read as type ``"alias"``. The table
        :func:`sysmap.read_actors` reads (``alias, actor``) is valid here.

    Returns
    -------
    pandas.DataFrame
        Columns ``alias``, ``actor``, ``type``, one row per alias, with
        chains resolved (``a -> b`` and ``b -> c`` give ``a -> c``).

    Raises
    ------
    SchemaError
        If the ``alias`` or ``actor`` column is missing.
    InputError
        If one alias stands for two different actors (both are named), a
        ``type`` is unknown, or the aliases form a cycle.

    Examples
    --------
    >>> table = read_alias_table({"Jugendhilfe Nord e.V.": "BA046", "JHN": "BA046"})
    >>> table.to_dict("records")[0]
    {'alias': 'JHN', 'actor': 'BA046', 'type': 'alias'}
    """
    if isinstance(aliases, Mapping):
        aliases = pd.DataFrame({"alias": list(aliases), "actor": list(aliases.values())})
    report = IngestReport()
    name = source_name(aliases)
    frame = read_table(aliases, report, source=name)
    found = {}
    if frame is not None:
        found = find_columns(
            frame,
            {"alias": "alias", "actor": "actor", "type": "type"},
            report,
            name,
            required=["alias", "actor"],
            table="alias table",
        )
    report.raise_if_errors()
    target: dict[str, str] = {}
    kind: dict[str, str] = {}
    for idx in frame.index if frame is not None else ():
        alias = str(frame.at[idx, found["alias"]]).strip()
        actor = str(frame.at[idx, found["actor"]]).strip()
        row = int(frame.at[idx, ROW])
        value = str(frame.at[idx, found["type"]]).strip().casefold() if "type" in found else ""
        value = value or "alias"
        if value not in ALIAS_TYPES:
            report.add(
                name, row, found["type"], value, "alias_type", given=value,
                types=", ".join(f"'{t}'" for t in ALIAS_TYPES),
            )  # fmt: skip
            continue
        if not alias or not actor or alias == actor:
            continue
        if alias in target and target[alias] != actor:
            report.add(
                name, row, found["alias"], alias, "alias_two_actors",
                alias=alias, actor=actor, other=target[alias],
            )  # fmt: skip
            continue
        target[alias] = actor
        if kind.get(alias) != "merger":
            kind[alias] = value
    resolved: dict[str, str] = {}
    for alias in target:
        seen = [alias]
        actor = target[alias]
        while actor in target:
            if actor in seen:
                chain = " -> ".join([*seen, actor])
                report.add(name, None, found["alias"], alias, "alias_cycle", chain=chain)
                break
            seen.append(actor)
            actor = target[actor]
        resolved[alias] = actor
    report.raise_if_errors()
    rows = sorted(resolved)
    return pd.DataFrame(
        {
            "alias": rows,
            "actor": [resolved[a] for a in rows],
            "type": [kind[a] for a in rows],
        },
        columns=["alias", "actor", "type"],
    )


class _AliasMap:
    """Look-up of wave ids in an alias table: exact, then normalized (when unique)."""

    def __init__(self, table: pd.DataFrame | None) -> None:
        self.exact: dict[str, tuple[str, str]] = {}
        self.normalized: dict[str, set[tuple[str, str]]] = {}
        if table is None:
            return
        for alias, actor, kind in zip(table["alias"], table["actor"], table["type"]):
            self.exact[alias] = (actor, kind)
            self.normalized.setdefault(normalize_name(alias), set()).add((actor, kind))

    def __call__(self, actor: Hashable) -> tuple[Hashable, str | None]:
        """Persistent id of a wave id and the alias type used (None: unchanged)."""
        text = str(actor)
        if text in self.exact:
            return self.exact[text]
        found = self.normalized.get(normalize_name(text), set())
        if len({a for a, _ in found}) == 1:
            target, kind = sorted(found)[0]
            return target, kind
        return actor, None


def _name(G: nx.Graph, v: Hashable) -> str:
    name = G.nodes[v].get("name")
    return str(v) if name is None or (isinstance(name, float) and math.isnan(name)) else str(name)


def _align(
    G: nx.Graph, aliases: _AliasMap, label: str, combine: str, strict: bool = True
) -> tuple[nx.Graph, list[dict], list[dict]]:
    """Relabel `G` to persistent ids; merge declared mergers; refuse undeclared ones.

    Without a member list (`strict` False) the wave's ids are names as written,
    and several of them standing for one actor are spelling variants: combined.
    """
    mapping: dict[Hashable, Hashable] = {}
    kinds: dict[Hashable, str | None] = {}
    for v in G:
        mapping[v], kinds[v] = aliases(v)
    groups: dict[Hashable, list[Hashable]] = {}
    for v, t in mapping.items():
        groups.setdefault(t, []).append(v)
    problems = []
    merged: list[dict] = []
    variants = False
    for target, sources in groups.items():
        if len(sources) < 2:
            continue
        if not strict:
            variants = True
            continue
        undeclared = [v for v in sources if v != target and kinds[v] != "merger"]
        if undeclared:
            shown = [f"{v!r} ({_name(G, v)})" for v in sorted_nodes(sources)]
            problems.append(
                Msg("compare", "error_shared_id_item", wave=label, shown=shown, target=target)
            )
            continue
        for v in sorted_nodes(sources):
            if v != target:
                merged.append(
                    {"wave": label, "actor": v, "name": _name(G, v), "merged_into": target}
                )
    if problems:
        raise InputError(Msg("compare", "error_shared_id", problems=problems))
    renamed_ids = [
        {"wave": label, "alias": v, "actor": t, "type": kinds[v]}
        for v, t in mapping.items()
        if v != t
    ]
    if not merged and not variants:
        return nx.relabel_nodes(G, mapping, copy=True), renamed_ids, merged
    return _contract(G, mapping, groups, combine), renamed_ids, merged


def _contract(G: nx.Graph, mapping: dict, groups: dict, combine: str) -> nx.Graph:
    """A copy of `G` with the nodes of each group merged into one (declared mergers).

    The ties of merged actors combine as two reports of one pair do
    (:func:`sysmap.build.ties.merge_ties` with `combine`).
    """
    H = G.__class__()
    H.graph.update(G.graph)
    for target, sources in groups.items():
        first = target if target in sources else sorted_nodes(sources)[0]
        attrs = dict(G.nodes[first])
        statuses = {G.nodes[v].get("status") for v in sources}
        if RESPONDED in statuses:
            attrs["status"] = RESPONDED
        elif DID_NOT_RESPOND in statuses:
            attrs["status"] = DID_NOT_RESPOND
        H.add_node(target, **attrs)
    ties = tie_frame(G)
    if len(ties):
        ties["source"], ties["target"] = ties["source"].map(mapping), ties["target"].map(mapping)
        ties = ties.loc[ties["source"] != ties["target"]]
        if not G.is_directed():
            ties = order_pairs(ties)
        ties = merge_ties(ties, combine)
        H.add_edges_from(
            (u, v, {k: x for k, x in rec.items() if not is_missing(x)})
            for u, v, rec in zip(
                ties["source"],
                ties["target"],
                ties.drop(columns=["source", "target"]).to_dict("records"),
            )
        )
    return H


def _check_labels(labels: Sequence[object] | None, k: int, default: Sequence[str]) -> list[str]:
    if labels is None:
        labels = list(default)
    labels = [str(x) for x in labels]
    if len(labels) != k:
        msg = f"labels must give one label per wave: {k} waves, {len(labels)} labels."
        raise ParameterError(msg)
    if len(set(labels)) != k:
        raise ParameterError(f"wave labels must be unique; got {labels}.")
    return labels


def _members(
    actors: object,
    table: pd.DataFrame | None,
    errors: str = "repair",
    columns: Mapping[str, str] | None = None,
) -> MemberList:
    """Read a member list with the alias table's names (mergers only where unambiguous)."""
    if isinstance(actors, MemberList):
        return actors
    if table is None:
        return read_actors(actors, errors=errors, columns=columns)
    plain = read_actors(actors, errors=errors, columns=columns)
    known = set(plain.actors.index) | set(plain.actors["name"].astype(str))
    rows = table.loc[~((table["type"] == "merger") & table["alias"].isin(known))]
    rows = rows.loc[~rows["alias"].isin(list(plain.actors.index))]
    if not len(rows):
        return plain
    return read_actors(actors, aliases=rows[["alias", "actor"]], errors=errors, columns=columns)


def _as_graph(wave: object) -> nx.Graph:
    if isinstance(wave, NetworkData):
        G = nx.Graph()
        for actor, row in wave.actors.iterrows():
            G.add_node(actor, **{k: v for k, v in row.items() if isinstance(v, str)})
        return G
    if isinstance(wave, GRAPH_TYPES):
        return check_graph(wave)
    raise ParameterError(
        f"waves must be NetworkData or networkx graphs; got {type(wave).__name__}."
    )


def _registry(G: nx.Graph, actors: Iterable[Hashable]) -> ActorRegistry:
    names: dict[str, str] = {}
    taken: set[str] = set()
    aliases: dict[str, list[str]] = {}
    for v in actors:
        name = _name(G, v)
        if name in taken:
            continue
        taken.add(name)
        names[str(v)] = name
        raw = G.nodes[v].get("aliases")
        if isinstance(raw, str) and raw:
            aliases[str(v)] = [a for a in raw.split("|") if a.strip()]
    try:
        return ActorRegistry(names, aliases)
    except DuplicateActorError:
        return ActorRegistry(names)


def suggest_aliases(
    waves: Sequence[NetworkData | nx.Graph],
    *,
    labels: Sequence[object] | None = None,
    min_score: float = 80.0,
) -> pd.DataFrame:
    """Draft an alias table for review: actors of a wave that may be earlier actors.

    For each wave after the first, every actor whose id was not in the
    previous wave is looked up among the previous wave's actors that are no
    longer there (those who left, or all of them when the id schemes
    differ): by exact name, normalized name (case, spaces, legal form,
    umlauts), alias, and fuzzy spelling (:meth:`sysmap.ActorRegistry.suggest`).
    Nothing is merged: review the rows, delete wrong ones, and pass the
    table as ``aliases=`` (columns ``alias``, ``actor``; set ``type`` to
    ``"rename"`` or ``"merger"`` where it applies).

    Parameters
    ----------
    waves : sequence of NetworkData or networkx graphs
        The waves in time order (nodes or actors with ``name`` and optionally
        ``aliases``).
    labels : sequence of str, optional
        Wave labels (default ``"1"``, ``"2"``, ...).
    min_score : float, default=80
        Lowest fuzzy score (0-100, rapidfuzz ``token_sort_ratio``) suggested.

    Returns
    -------
    pandas.DataFrame
        One row per suggestion: ``wave``, ``alias`` (the later wave's id),
        ``name``, ``actor`` (the suggested earlier id), ``suggested_name``,
        ``method`` (``"exact"``, ``"normalized"``, ``"alias"``, ``"fuzzy"``)
        and ``score``; best first within each wave.

    Examples
    --------
    >>> import networkx as nx
    >>> a, b = nx.Graph(), nx.Graph()
    >>> a.add_node("BA046", name="Jugendhilfe Nord e.V.")
    >>> b.add_node("X7", name="Jugendhilfe Nord")
    >>> suggest_aliases([a, b])[["alias", "actor", "method"]].to_dict("records")
    [{'alias': 'X7', 'actor': 'BA046', 'method': 'normalized'}]
    """
    graphs = [_as_graph(w) for w in waves]
    labels = _check_labels(labels, len(graphs), [str(i + 1) for i in range(len(graphs))])
    rows = []
    for (la, Ga), (lb, Gb) in zip(zip(labels, graphs), zip(labels[1:], graphs[1:])):
        gone = [v for v in Ga if v not in Gb]
        new = [v for v in Gb if v not in Ga]
        if not gone or not new:
            continue
        registry = _registry(Ga, gone)
        for v in sorted_nodes(new):
            name = _name(Gb, v)
            match = registry.resolve(name)
            if match.actor is not None:
                rows.append(
                    (lb, v, name, match.actor, registry.name(match.actor), match.method, 100.0)
                )
                continue
            for actor, other, score in registry.suggest(name, limit=1, min_score=min_score):
                rows.append((lb, v, name, actor, other, "fuzzy", float(score)))
    frame = pd.DataFrame(
        rows, columns=["wave", "alias", "name", "actor", "suggested_name", "method", "score"]
    )
    order = {w: i for i, w in enumerate(labels)}
    frame["_w"] = frame["wave"].map(order)
    frame = frame.sort_values(["_w", "score", "alias"], ascending=[True, False, True])
    return frame.drop(columns="_w").reset_index(drop=True)
