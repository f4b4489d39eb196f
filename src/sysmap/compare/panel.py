"""Panels: two or more survey waves of one initiative, aligned on persistent actor ids.

Comparing waves is only as good as the alignment of organizations across
them. A :class:`Panel` aligns waves through their actor ids and an alias
table, never by guessing: renames and mergers are *declared* in the alias
table, and :func:`~sysmap.compare.aliases.suggest_aliases` proposes matches (exact, normalized,
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

from .._graph import check_graph, sorted_nodes
from ..build.network import build_network
from ..build.ties import (
    AUTO,
    DEFAULT_COMBINE,
    check_combine,
    check_rule,
    resolve_rule,
)
from ..exceptions import GraphTypeError, InputError, ParameterError
from ..i18n import Msg
from ..io.identity import normalize_name
from ..io.model import DID_NOT_RESPOND, NOT_ON_ROSTER, RESPONDED, NetworkData
from ..io.survey import read_survey
from ..metrics.store import MeasureStore
from .aliases import _AliasMap, _align, _check_labels, _members, read_alias_table, suggest_aliases

__all__ = ["RESTRICTIONS", "Panel"]

#: Values of ``restrict``: all actors, those present in every compared wave,
#: those present and responding in every compared wave.
RESTRICTIONS = (None, "present", "responded_all")
#: Default smallest share of shared actor ids between consecutive waves
#: (of the smaller wave) below which the waves are taken to use different id schemes.
MIN_OVERLAP = 0.2
#: Share of shared ids whose names disagree above which ids look reused.
MAX_NAME_DISAGREEMENT = 0.5


# --------------------------------------------------------------------------- graphs


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
                suggestions = [
                    Msg("compare", "error_id_suggestion", alias=r.alias, name=r.name,
                        actor=r.actor, suggested=r.suggested_name)
                    for r in examples.head(3).itertuples()
                ]  # fmt: skip
                raise InputError(
                    Msg(
                        "compare",
                        "error_id_schemes" if suggestions else "error_id_schemes_no_hint",
                        a=a, b=b, common=len(common), n_a=len(Ga), n_b=len(Gb),
                        ids_a=", ".join(map(repr, sorted_nodes(Ga)[:3])),
                        ids_b=", ".join(map(repr, sorted_nodes(Gb)[:3])),
                        suggestions=suggestions,
                    )
                )  # fmt: skip
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
                raise InputError(
                    Msg("compare", "error_ids_reused", a=a, b=b, named=len(named),
                        differ=len(differ), shown=shown)
                )  # fmt: skip

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
