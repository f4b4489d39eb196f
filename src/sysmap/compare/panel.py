"""Panels: two or more survey waves of one initiative, aligned on persistent actor ids.

Comparing waves is only as good as the alignment of organizations across
them. A :class:`Panel` aligns waves through their actor ids and an alias
table, never by guessing: renames and mergers are *declared* in the alias
table, and :func:`suggest_aliases` proposes matches (exact, normalized,
alias, fuzzy) for a person to review. Each wave's network is built with one
symmetrization rule for all waves, and the panel knows, per wave, who is
present and who responded.
"""

from __future__ import annotations

import math
import os
from collections.abc import Hashable, Iterable, Mapping, Sequence
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

from .._attributes import is_missing
from .._graph import GRAPH_TYPES, check_graph, sorted_nodes
from ..build.network import build_network
from ..build.ties import (
    AUTO,
    DEFAULT_COMBINE,
    check_combine,
    check_rule,
    merge_ties,
    resolve_rule,
    tie_frame,
)
from ..exceptions import DuplicateActorError, GraphTypeError, InputError, ParameterError
from ..io._assemble import order_pairs
from ..io._tables import ROW, read_table, source_name
from ..io.columns import find_columns
from ..io.identity import ActorRegistry, normalize_name
from ..io.members import read_actors
from ..io.model import DID_NOT_RESPOND, NOT_ON_ROSTER, RESPONDED, MemberList, NetworkData
from ..io.report import IngestReport
from ..io.survey import read_survey
from ..metrics.store import MeasureStore

__all__ = ["ALIAS_TYPES", "RESTRICTIONS", "Panel", "read_alias_table", "suggest_aliases"]

#: Kinds of alias-table rows: another name, a renamed organization, a merger.
ALIAS_TYPES = ("alias", "rename", "merger")
#: Values of ``restrict``: all actors, those present in every compared wave,
#: those present and responding in every compared wave.
RESTRICTIONS = (None, "present", "responded_all")
#: Default smallest share of shared actor ids between consecutive waves
#: (of the smaller wave) below which the waves are taken to use different id schemes.
MIN_OVERLAP = 0.2
#: Share of shared ids whose names disagree above which ids look reused.
MAX_NAME_DISAGREEMENT = 0.5


# --------------------------------------------------------------------------- alias table


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
                name, row, found["type"], value, "alias_type",
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


# --------------------------------------------------------------------------- graphs


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
            shown = " and ".join(f"{v!r} ({_name(G, v)})" for v in sorted_nodes(sources))
            problems.append(
                f"in wave {label!r} the alias table maps {shown} to the same actor "
                f"{target!r}, but they are different organizations in that wave. If they "
                "merged, give the alias rows type 'merger'; otherwise correct the alias table."
            )
            continue
        for v in sorted_nodes(sources):
            if v != target:
                merged.append(
                    {"wave": label, "actor": v, "name": _name(G, v), "merged_into": target}
                )
    if problems:
        raise InputError("Two organizations share one actor id:\n  " + "\n  ".join(problems))
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


def _present_by_survey(data: NetworkData) -> NetworkData:
    """Keep the actors who responded or were named (for one member list shared by all waves)."""
    named = set(data.ties["source"]) | set(data.ties["target"])
    keep = (data.actors["status"] == RESPONDED) | data.actors.index.isin(list(named))
    return NetworkData(
        actors=data.actors.loc[keep],
        ties=data.ties,
        directed=data.directed,
        report=data.report,
        kind=data.kind,
        affiliations=data.affiliations,
        provenance=data.provenance,
    )


def _roster_only(G: nx.Graph) -> nx.Graph:
    outsiders = [v for v, s in G.nodes(data="status") if s == NOT_ON_ROSTER]
    if not outsiders:
        return G
    H = G.copy()
    H.remove_nodes_from(outsiders)
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


def _ordered_index(
    frame: pd.DataFrame, columns: list[str], orders: Mapping[str, Sequence] | None = None
) -> pd.DataFrame:
    """`frame` indexed by `columns`, rows sorted by the given orders (waves in time order).

    Levels hold the values in that order, so the index is fully lexsorted:
    ``.loc`` and ``.xs`` work without performance warnings whatever the labels.
    Columns without an order are sorted (:func:`sorted_nodes`).
    """
    orders = orders or {}
    levels, codes = [], []
    for col in columns:
        values = frame[col].tolist()
        seen = set(values)
        order = [v for v in orders.get(col, ()) if v in seen]
        order += sorted_nodes(seen - set(order))
        pos = {v: i for i, v in enumerate(order)}
        levels.append(order)
        codes.append(np.fromiter((pos[v] for v in values), dtype=np.int64, count=len(values)))
    rows = np.lexsort(codes[::-1]) if len(frame) else np.arange(0)
    out = frame.drop(columns=columns).iloc[rows]
    out.index = pd.MultiIndex(levels=levels, codes=[c[rows] for c in codes], names=columns)
    return out


def _check_restrict(restrict: object) -> str | None:
    if restrict not in RESTRICTIONS:
        msg = f"restrict must be one of {list(RESTRICTIONS)}; got {restrict!r}."
        raise ParameterError(msg)
    return restrict  # type: ignore[return-value]


# --------------------------------------------------------------------------- the panel


class Panel:
    """Two or more waves of the same initiative, aligned on persistent actor ids.

    Parameters
    ----------
    waves : sequence of NetworkData
        The waves in time order, as returned by :func:`sysmap.read_survey`
        (or any reader). Use :meth:`from_files` to read files and
        :meth:`from_graphs` for networkx graphs.
    labels : sequence of str, optional
        A label per wave (e.g. ``["2023", "2024"]``); default ``"1"``, ``"2"``, ...
    aliases : path, pandas.DataFrame or mapping, optional
        Alias table (:func:`read_alias_table`): maps ids (or names used as
        ids) of some waves to the persistent ids, declaring renames and
        mergers. Without it, actors are aligned by id alone.
    symmetrize : {"auto", "union", "mutual", "respondent_priority"} or None, default="auto"
        One tie rule for every wave (:mod:`sysmap.build.ties`). ``"auto"`` is
        the data's default for undirected analysis, ``"union"`` (a tie
        reported by either side; reconstruction), also the least sensitive to
        differences in response between waves; ``None`` keeps ties directed.
    relation : str or sequence of str, optional
        Relations to keep (default all, merged).
    combine : {"max", "min", "mean"}, default="max"
        How tie values of several reports or relations combine.
    presence : {"roster", "survey"}, default="roster"
        Who is present in a wave: ``"roster"``, every actor of the wave's
        member list (respondents and non-respondents); ``"survey"``, only
        actors who responded or were named in that wave (for one member list
        shared by all waves).
    roster_only : bool, default=True
        Leave out organizations named by respondents but not on the member
        list (status ``"not_on_roster"``): they are not members, and would
        otherwise appear to join and leave. Applies to waves with a member
        list (read with one, or with non-respondents on it); a survey read
        without a member list keeps everyone named, and its response rate is
        unknown (NaN).
    min_overlap : float, default=0.2
        Consecutive waves must share at least this share of actor ids (of the
        smaller wave); less means different id schemes, which is an error.

    Attributes
    ----------
    labels : list of str
        Wave labels in time order.
    graphs : dict
        Label -> the wave's aligned network (nodes are persistent ids). Treat
        as read-only; :meth:`graph` returns copies.
    directed : bool
        Whether the networks are directed (``symmetrize=None``).
    symmetrize : str or None
        The symmetrization rule used (``"as given"`` for :meth:`from_graphs`).
    rosters : dict
        Label -> whether the wave has a member list (so that non-members and
        the response rate are known).
    actors : pandas.DataFrame
        Indexed by ``(wave, actor)``, one row for every actor in every wave:
        ``name``, ``present`` (bool), ``status``, ``responded`` (bool, NA
        when unknown) and the member-list attributes (``sector``, ...).
    membership : pandas.DataFrame
        Indexed by ``actor``, one bool column per wave: present or not.
    turnover : pandas.DataFrame
        Indexed by ``(wave_from, wave_to, actor)`` for consecutive waves:
        ``change`` (``"joined"``, ``"left"``, ``"stayed"``) and ``name``.
    renamed : pandas.DataFrame
        Actors present in consecutive waves whose name changed: ``actor``,
        ``wave_from``, ``wave_to``, ``name_from``, ``name_to``.
    merged : pandas.DataFrame
        Declared mergers applied: ``wave``, ``actor`` (the wave's id),
        ``name``, ``merged_into``.
    aliases_used : pandas.DataFrame
        Wave ids mapped through the alias table: ``wave``, ``alias``,
        ``actor``, ``type``.

    Raises
    ------
    ParameterError
        For fewer than two waves, bad labels or options.
    GraphTypeError
        If some waves are directed and others not.
    InputError
        If the alias table maps two organizations of one wave to one id
        without declaring a merger (both are named), or consecutive waves
        share (almost) no actor ids, or shared ids mostly carry different
        names (ids reused for other organizations); the message suggests
        the fix.

    Examples
    --------
    >>> import sysmap
    >>> from sysmap.compare import Panel
    >>> waves = [sysmap.load_sample("bildungsallianz", wave=w) for w in (1, 2, 3)]
    >>> panel = Panel(waves, labels=["2023", "2024", "2025"])
    >>> panel.summary()[["n_actors", "joined", "left", "response_rate"]]
          n_actors  joined  left  response_rate
    wave
    2023       100       0     0       0.850000
    2024       106      11     5       0.783019
    2025       110      11     7       0.618182
    >>> panel.renamed.loc[0, ["actor", "name_from", "name_to"]].tolist()
    ['BA046', 'Jugendhilfe Nord e.V.', 'Kinder- und Jugendhilfe Nord e.V.']
    """

    def __init__(
        self,
        waves: Sequence[NetworkData],
        *,
        labels: Sequence[object] | None = None,
        aliases: str | os.PathLike[str] | pd.DataFrame | Mapping[str, str] | None = None,
        symmetrize: str | None = AUTO,
        relation: str | Sequence[str] | None = None,
        combine: str = DEFAULT_COMBINE,
        presence: str = "roster",
        roster_only: bool = True,
        min_overlap: float = MIN_OVERLAP,
    ) -> None:
        waves = list(waves)
        check_rule(symmetrize)
        check_combine(combine)
        if presence not in ("roster", "survey"):
            raise ParameterError(f"presence must be 'roster' or 'survey'; got {presence!r}.")
        for i, data in enumerate(waves):
            if not isinstance(data, NetworkData):
                msg = (
                    f"wave {i + 1} is a {type(data).__name__}, not NetworkData; use "
                    "Panel.from_graphs for networkx graphs, Panel.from_files for files."
                )
                raise ParameterError(msg)
        graphs = []
        rules = [resolve_rule(symmetrize, data, undirected=True) for data in waves]
        for data, rule in zip(waves, rules):
            if presence == "survey":
                data = _present_by_survey(data)
            graphs.append(build_network(data, symmetrize=rule, relation=relation, combine=combine))
        rosters = getattr(self, "_rosters_given", None)  # set by from_files
        self.combine = combine
        self._setup(graphs, labels, aliases, roster_only, min_overlap, rosters)
        self.symmetrize = rules[0] if len(set(rules)) == 1 else symmetrize
        self.data = dict(zip(self.labels, waves))

    @classmethod
    def from_graphs(
        cls,
        graphs: Sequence[nx.Graph],
        *,
        labels: Sequence[object] | None = None,
        aliases: str | os.PathLike[str] | pd.DataFrame | Mapping[str, str] | None = None,
        roster_only: bool = True,
        min_overlap: float = MIN_OVERLAP,
    ) -> Panel:
        """A panel of networkx graphs, one per wave (nodes are actor ids).

        Nodes may carry ``name``, ``status`` (as :func:`sysmap.build_network`
        sets it) and attributes such as ``sector``. The graphs must all be
        directed or all undirected; they are used as given (``symmetrize`` is
        recorded as ``"as given"``) and never modified. Other parameters as
        for :class:`Panel`.

        Examples
        --------
        >>> import networkx as nx
        >>> panel = Panel.from_graphs([nx.path_graph(4), nx.cycle_graph(5)], labels=["a", "b"])
        >>> panel.membership.sum().to_dict()
        {'a': 4, 'b': 5}
        """
        graphs = [check_graph(G, name=f"wave {i + 1}") for i, G in enumerate(graphs)]
        panel = cls.__new__(cls)
        panel.combine = DEFAULT_COMBINE
        panel._setup([G.copy() for G in graphs], labels, aliases, roster_only, min_overlap, None)
        panel.symmetrize = "as given"
        panel.data = dict.fromkeys(panel.labels)
        return panel

    @classmethod
    def from_files(
        cls,
        surveys: Sequence[str | os.PathLike[str] | pd.DataFrame],
        *,
        actors: object = None,
        aliases: str | os.PathLike[str] | pd.DataFrame | Mapping[str, str] | None = None,
        labels: Sequence[object] | None = None,
        columns: Mapping[str, str] | None = None,
        symmetrize: str | None = AUTO,
        relation: str | Sequence[str] | None = None,
        combine: str = DEFAULT_COMBINE,
        roster_only: bool = True,
        min_overlap: float = MIN_OVERLAP,
        errors: str = "repair",
        **read_options: object,
    ) -> Panel:
        """Read one roster survey per wave (and member lists) into a panel.

        Parameters
        ----------
        surveys : sequence of path or pandas.DataFrame
            Long roster surveys (:func:`sysmap.read_survey`), in time order.
        actors : path, DataFrame or MemberList, or a sequence of them, optional
            One member list per wave (who was a member that wave; the usual
            case), or one member list for all waves: then an actor counts as
            present in a wave when it responded or was named in it.
        aliases : path, pandas.DataFrame or mapping, optional
            Alias table (:func:`read_alias_table`): used to resolve the names
            respondents wrote (old names, acronyms) and to align ids across
            waves. Merger rows are not used as names in waves where the merged
            organization still exists on its own.
        labels : sequence of str, optional
            Wave labels; default the survey file names without extension.
        columns : mapping, optional
            Column names for :func:`sysmap.read_survey` and
            :func:`sysmap.read_actors` (each takes the roles of its table).
        symmetrize, relation, combine, roster_only, min_overlap
            As for :class:`Panel`.
        errors : {"repair", "raise", "collect"}, default="repair"
            What the readers do with problems (see :func:`sysmap.read_survey`);
            every wave's ingest report is ``panel.data[label].report``.
        **read_options
            Passed to :func:`sysmap.read_survey` for every wave (``sep=``,
            ``sheet=``, ``scales=`` ...).

        Returns
        -------
        Panel

        Raises
        ------
        ParameterError
            If the number of member lists differs from the number of surveys.
        InputError
            From the readers (every row checked), or as for :class:`Panel`.
        """
        surveys = list(surveys)
        table = read_alias_table(aliases) if aliases is not None else None
        per_wave = isinstance(actors, (list, tuple))
        if per_wave and len(actors) != len(surveys):
            msg = f"give one member list per survey: {len(surveys)} surveys, {len(actors)} lists."
            raise ParameterError(msg)
        lists = list(actors) if per_wave else [actors] * len(surveys)
        shared = None if per_wave or actors is None else _members(actors, table, errors, columns)
        waves = []
        for survey, members in zip(surveys, lists):
            if members is not None and shared is None:
                members = _members(members, table, errors, columns)
            waves.append(
                read_survey(
                    survey,
                    actors=shared or members,
                    columns=columns,
                    errors=errors,
                    **read_options,
                )
            )
        default = [
            Path(s).stem if isinstance(s, (str, os.PathLike)) else str(i + 1)
            for i, s in enumerate(surveys)
        ]
        panel = cls.__new__(cls)
        panel._rosters_given = [m is not None for m in lists]
        panel.__init__(
            waves,
            labels=labels if labels is not None else default,
            aliases=table,
            symmetrize=symmetrize,
            relation=relation,
            combine=combine,
            presence="roster" if per_wave else "survey",
            roster_only=roster_only,
            min_overlap=min_overlap,
        )
        return panel

    # -- construction -----------------------------------------------------------------
    def _setup(
        self,
        graphs: list[nx.Graph],
        labels: Sequence[object] | None,
        aliases: object,
        roster_only: bool,
        min_overlap: float,
        rosters: list[bool] | None,
    ) -> None:
        if len(graphs) < 2:
            raise ParameterError(f"a panel needs at least two waves; got {len(graphs)}.")
        if len({G.is_directed() for G in graphs}) > 1:
            msg = (
                "some waves are directed and others undirected; build every wave with the "
                "same symmetrize= rule."
            )
            raise GraphTypeError(msg)
        if not isinstance(min_overlap, (int, float)) or not 0 <= min_overlap <= 1:
            raise ParameterError(f"min_overlap must be in [0, 1]; got {min_overlap!r}.")
        self.labels = _check_labels(labels, len(graphs), [str(i + 1) for i in range(len(graphs))])
        if aliases is None:
            table = None
        elif isinstance(aliases, pd.DataFrame) and list(aliases.columns) == [
            "alias",
            "actor",
            "type",
        ]:
            table = aliases
        else:
            table = read_alias_table(aliases)
        lookup = _AliasMap(table)
        self.graphs: dict[str, nx.Graph] = {}
        used, merged = [], []
        if rosters is None:  # a member list shows in its non-respondents
            rosters = [DID_NOT_RESPOND in {s for _, s in G.nodes(data="status")} for G in graphs]
        self.rosters = dict(zip(self.labels, rosters))
        for label, G in zip(self.labels, graphs):
            if roster_only and self.rosters[label]:
                G = _roster_only(G)
            H, u, m = _align(G, lookup, label, self.combine, strict=self.rosters[label])
            self.graphs[label] = H
            used += u
            merged += m
        self.directed = graphs[0].is_directed()
        self.aliases_used = pd.DataFrame(used, columns=["wave", "alias", "actor", "type"])
        self.merged = pd.DataFrame(merged, columns=["wave", "actor", "name", "merged_into"])
        self._check_ids(float(min_overlap))
        self._tables()

    def _check_ids(self, min_overlap: float) -> None:
        for a, b in zip(self.labels, self.labels[1:]):
            Ga, Gb = self.graphs[a], self.graphs[b]
            common = set(Ga) & set(Gb)
            smaller = min(len(Ga), len(Gb))
            if smaller and len(common) < min_overlap * smaller:
                examples = suggest_aliases([Ga, Gb], labels=[a, b])
                hint = ""
                if len(examples):
                    shown = "; ".join(
                        f"{r.alias!r} ({r.name}) may be {r.actor!r} ({r.suggested_name})"
                        for r in examples.head(3).itertuples()
                    )
                    hint = f" Names suggest: {shown}."
                msg = (
                    f"waves {a!r} and {b!r} share only {len(common)} of {len(Ga)} and {len(Gb)} "
                    f"actor ids: they look like different id schemes (e.g. {a!r}: "
                    f"{sorted_nodes(Ga)[:3]!r}, {b!r}: {sorted_nodes(Gb)[:3]!r}).{hint} Give every "
                    "wave the same persistent ids (one member list with ids for all waves, "
                    "actors=...), or map the ids with an alias table (aliases=..., columns "
                    "alias, actor); sysmap.compare.suggest_aliases drafts one for review."
                )
                raise InputError(msg)
            named = [v for v in common if "name" in Ga.nodes[v] and "name" in Gb.nodes[v]]
            differ = [
                v
                for v in named
                if normalize_name(Ga.nodes[v]["name"]) != normalize_name(Gb.nodes[v]["name"])
            ]
            if len(named) >= 5 and len(differ) > MAX_NAME_DISAGREEMENT * len(named):
                shown = ", ".join(
                    f"{v!r}: {Ga.nodes[v]['name']!r} / {Gb.nodes[v]['name']!r}"
                    for v in sorted_nodes(differ)[:3]
                )
                msg = (
                    f"waves {a!r} and {b!r} share {len(named)} actor ids, but {len(differ)} of "
                    f"them carry different names ({shown}): the ids look reused for other "
                    "organizations (e.g. row numbers). Use persistent ids, or an alias table "
                    "mapping each wave's ids to them."
                )
                raise InputError(msg)

    def _tables(self) -> None:
        everyone = sorted_nodes(set().union(*self.graphs.values()))
        frames = []
        for label in self.labels:
            G = self.graphs[label]
            attrs = pd.DataFrame.from_dict(dict(G.nodes(data=True)), orient="index")
            attrs = attrs.reindex(everyone)
            attrs["present"] = attrs.index.isin(list(G))
            frames.append(attrs.assign(wave=label))
        table = pd.concat(frames)
        table.index.name = "actor"
        if "name" not in table:
            table["name"] = pd.Series(table.index, index=table.index).astype(str)
        latest = table.loc[table["present"], "name"].groupby(level=0).last()
        table["name"] = table["name"].fillna(pd.Series(table.index, index=table.index).map(latest))
        if "status" not in table:
            table["status"] = np.where(table["present"], "not_surveyed", None)
        responded = pd.Series(pd.NA, index=table.index, dtype="boolean")
        responded[table["status"] == RESPONDED] = True
        responded[table["status"] == DID_NOT_RESPOND] = False
        table["responded"] = responded
        table = _ordered_index(table.reset_index(), ["wave", "actor"], {"wave": self.labels})
        first = ["name", "present", "status", "responded"]
        drop = [c for c in table.columns if c.endswith(("_received", "_ratings"))]
        rest = [c for c in table.columns if c not in first and c not in drop]
        self.actors = table[first + rest]
        present = self.actors["present"].unstack("wave")
        self.membership = present.reindex(columns=self.labels).astype(bool)
        self.membership.columns.name = None
        self.membership.index.name = "actor"
        rows, renamed = [], []
        names = self.actors["name"]
        for a, b in zip(self.labels, self.labels[1:]):
            pa, pb = self.membership[a], self.membership[b]
            for actor in self.membership.index[pa | pb]:
                change = "stayed" if pa[actor] and pb[actor] else "joined" if pb[actor] else "left"
                rows.append((a, b, actor, change, names[(b if pb[actor] else a, actor)]))
                if change == "stayed" and names[(a, actor)] != names[(b, actor)]:
                    renamed.append((actor, a, b, names[(a, actor)], names[(b, actor)]))
        self.turnover = _ordered_index(
            pd.DataFrame(rows, columns=["wave_from", "wave_to", "actor", "change", "name"]),
            ["wave_from", "wave_to", "actor"],
            {"wave_from": self.labels, "wave_to": self.labels},
        )
        self.renamed = pd.DataFrame(
            renamed, columns=["actor", "wave_from", "wave_to", "name_from", "name_to"]
        )

    # -- queries ----------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.labels)

    def __repr__(self) -> str:
        sizes = ", ".join(f"{w}: {self.graphs[w].number_of_nodes()}" for w in self.labels)
        kind = "directed" if self.directed else "undirected"
        return f"<Panel {len(self)} waves ({sizes} actors), {kind}, symmetrize={self.symmetrize!r}>"

    def _check_wave(self, wave: object) -> str:
        if str(wave) not in self.graphs:
            raise ParameterError(f"no wave {wave!r}; the panel has {self.labels}.")
        return str(wave)

    def responded(self, wave: object) -> pd.Series:
        """Whether each present actor of `wave` responded (NA when not a survey)."""
        wave = self._check_wave(wave)
        frame = self.actors.xs(wave, level="wave")
        return frame.loc[frame["present"], "responded"]

    def actor_set(
        self, *, waves: Iterable[object] | None = None, restrict: str | None = None
    ) -> list[Hashable]:
        """Actors a comparison of `waves` (default all) uses under `restrict`.

        ``None``: everyone present in at least one of the waves; ``"present"``:
        present in all of them; ``"responded_all"``: present and responded in
        all of them.

        Raises
        ------
        ParameterError
            For an unknown restriction or wave, or ``"responded_all"`` on
            waves without respondent status.
        """
        restrict = _check_restrict(restrict)
        labels = self.labels if waves is None else [self._check_wave(w) for w in waves]
        present = self.membership[labels]
        if restrict is None:
            return sorted_nodes(present.index[present.any(axis=1)])
        keep = present.all(axis=1)
        if restrict == "responded_all":
            for w in labels:
                said = self.actors.xs(w, level="wave")["responded"]
                if said[present[w]].isna().all():
                    msg = (
                        f"restrict='responded_all' needs respondent status, and wave {w!r} "
                        "has none (not a survey with a member list); use restrict='present'."
                    )
                    raise ParameterError(msg)
                keep &= said.reindex(present.index).fillna(False).astype(bool)
        return sorted_nodes(present.index[keep])

    def graph(
        self, wave: object, *, restrict: str | None = None, waves: Iterable[object] | None = None
    ) -> nx.Graph:
        """A copy of the network of `wave`, restricted to :meth:`actor_set` of `waves`."""
        wave = self._check_wave(wave)
        G = self.graphs[wave]
        if restrict is None:
            return G.copy()
        keep = set(self.actor_set(waves=waves, restrict=restrict))
        return G.subgraph([v for v in G if v in keep]).copy()

    def measures(
        self,
        wave: object,
        *,
        restrict: str | None = None,
        seed: int = 0,
        sample: int | None = None,
        exact: bool = False,
    ) -> MeasureStore:
        """The measures of the network of `wave` (restricted as in :meth:`graph`).

        One :class:`~sysmap.metrics.store.MeasureStore` per wave, restriction,
        seed and size policy, kept by the panel, so that every comparison
        function computes each measure of a wave once. Communities and the
        modularity of groups read the tie attribute ``weight`` (as
        :func:`~sysmap.cluster.consensus_communities` does by default).
        """
        wave = self._check_wave(wave)
        key = (wave, _check_restrict(restrict), seed, sample, exact)
        stores = self.__dict__.setdefault("_stores", {})
        if key not in stores:
            G = self.graph(wave, restrict=restrict)
            stores[key] = MeasureStore(G, weight="weight", seed=seed, sample=sample, exact=exact)
        return stores[key]

    def select(self, labels: Sequence[object]) -> Panel:
        """A panel of some of the waves (in the given order; at least two)."""
        labels = [self._check_wave(w) for w in labels]
        return Panel.from_graphs(
            [self.graphs[w] for w in labels], labels=labels, roster_only=False, min_overlap=0.0
        )._inherit(self)

    def _inherit(self, other: Panel) -> Panel:
        self.symmetrize = other.symmetrize
        self.rosters = {w: other.rosters[w] for w in self.labels}
        self.data = {w: other.data.get(w) for w in self.labels}
        keep = self.merged.iloc[0:0]
        self.merged = pd.concat([keep, other.merged[other.merged["wave"].isin(self.labels)]])
        self.aliases_used = other.aliases_used[other.aliases_used["wave"].isin(self.labels)]
        return self

    def summary(self) -> pd.DataFrame:
        """One row per wave: actors, respondents, response rate, ties, joined, left, stayed.

        ``joined``, ``left`` and ``stayed`` compare with the previous wave (0 for
        the first). The response rate is respondents / present members with a
        known status (NaN when there is none, or the wave has no member list).
        """
        rows = []
        previous = None
        for w in self.labels:
            G = self.graphs[w]
            said = self.responded(w)
            known = said.dropna()
            present = set(G)
            rate = float(known.mean()) if len(known) and self.rosters[w] else math.nan
            rows.append(
                {
                    "wave": w,
                    "n_actors": G.number_of_nodes(),
                    "n_respondents": int(known.sum()) if len(known) else 0,
                    "response_rate": rate,
                    "n_ties": G.number_of_edges() - nx.number_of_selfloops(G),
                    "joined": len(present - previous) if previous is not None else 0,
                    "left": len(previous - present) if previous is not None else 0,
                    "stayed": len(present & previous) if previous is not None else len(present),
                }
            )
            previous = present
        return pd.DataFrame(rows).set_index("wave")


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


# --------------------------------------------------------------------------- suggestions


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
