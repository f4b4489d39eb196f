"""What changed between waves: network metrics, actors' positions, brokers
(clusters across waves: :mod:`sysmap.compare.clusters`).

Every function takes a :class:`~sysmap.compare.Panel` and returns tidy
tables: network metrics side by side (one column per wave), and changes per
pair of waves indexed by ``(wave_from, wave_to, actor)`` or with
``wave_from``, ``wave_to`` columns. Each wave's measures are computed once
per panel and option set, and reused by every function.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from .._attributes import group_labels, is_missing
from .._graph import sorted_nodes
from ..cluster.measures import consensus
from ..cluster.profiles import cluster_profiles
from ..exceptions import ParameterError
from ..metrics.brokerage import ROLES
from ..metrics.registry import REGISTRY, wave_columns
from .panel import Panel, _check_restrict, _ordered_index

__all__ = [
    "NETWORK_METRICS",
    "actor_changes",
    "cut_point_changes",
    "metric_changes",
    "role_transitions",
    "wave_metrics",
    "wave_pairs",
]

#: Network metrics compared by :func:`wave_metrics`, in order (some need `group`
#: or a directed network): the columns the registry marks for waves
#: (:func:`sysmap.metrics.registry.wave_columns`).
NETWORK_METRICS = wave_columns()
#: The network measures behind them.
_WAVE_MEASURES = [m.name for m in REGISTRY.values() if m.level == "network" and m.waves]
#: z-score a brokerage role must reach to be an actor's role in a wave.
ROLE_Z = 1.96


# --------------------------------------------------------------------------- plumbing


def wave_pairs(panel: Panel, pairs: object = None) -> list[tuple[str, str]]:
    """The pairs of waves to compare.

    ``None`` (default): consecutive waves, plus first against last when there
    are three or more; ``"consecutive"``; ``"baseline"`` (the first against
    each later wave); ``"all"``; or a sequence of ``(wave_from, wave_to)``.

    Examples
    --------
    >>> import networkx as nx
    >>> from sysmap.compare import Panel
    >>> panel = Panel.from_graphs([nx.path_graph(3)] * 3, labels=["a", "b", "c"])
    >>> wave_pairs(panel)
    [('a', 'b'), ('b', 'c'), ('a', 'c')]
    """
    labels = panel.labels
    consecutive = list(zip(labels, labels[1:]))
    if pairs is None:
        return consecutive + ([(labels[0], labels[-1])] if len(labels) > 2 else [])
    if pairs == "consecutive":
        return consecutive
    if pairs == "baseline":
        return [(labels[0], w) for w in labels[1:]]
    if pairs == "all":
        return [(a, b) for i, a in enumerate(labels) for b in labels[i + 1 :]]
    if isinstance(pairs, str):
        msg = (
            f"pairs must be None, 'consecutive', 'baseline', 'all' or a list of "
            f"(wave_from, wave_to); got {pairs!r}."
        )
        raise ParameterError(msg)
    out = []
    for pair in pairs:  # type: ignore[union-attr]
        a, b = (panel._check_wave(w) for w in pair)
        if a == b:
            raise ParameterError(f"a pair must hold two different waves; got {pair!r}.")
        out.append((a, b))
    return out


def _with_group(G: nx.Graph, group: Hashable) -> nx.Graph:
    """`G` with every actor's group label (explicit groups for missing values) as `group`."""
    labels = group_labels(G, group)
    if all(G.nodes[v].get(group) is g for v, g in labels.items()):
        return G
    H = G.copy()
    nx.set_node_attributes(H, labels.to_dict(), group)
    return H


@dataclass
class _Wave:
    """Everything measured on one wave's (restricted) network."""

    graph: nx.Graph
    metrics: dict[str, float]
    actors: pd.DataFrame
    communities: pd.Series
    stability: pd.Series
    names: pd.Series


def _primary_roles(roles: pd.DataFrame, directed: bool, z: float) -> tuple[pd.Series, pd.Series]:
    """Each actor's most pronounced brokerage role (z >= `z`, at least one path), or None."""
    names = [r for r in ROLES if directed or r != "representative"]
    zs = roles[[f"{r}_z" for r in names]].to_numpy(dtype=float)
    raw = roles[list(names)].to_numpy(dtype=float)
    ok = (raw > 0) & (zs >= z) & ~np.isnan(zs)
    masked = np.where(ok, zs, -np.inf)
    best = masked.argmax(axis=1) if len(masked) else np.zeros(0, dtype=int)
    has = ok.any(axis=1)
    role = pd.Series(
        [names[j] if h else None for j, h in zip(best, has)], index=roles.index, dtype=object
    )
    score = pd.Series(
        [float(masked[i, j]) if h else math.nan for i, (j, h) in enumerate(zip(best, has))],
        index=roles.index,
    )
    return role, score


def _measure(
    panel: Panel,
    wave: str,
    *,
    restrict: str | None,
    group: Hashable | None,
    seed: int,
    sample: int | None,
) -> _Wave:
    key = (wave, restrict, group, seed, sample)
    cache = panel.__dict__.setdefault("_measures", {})
    if key in cache:
        return cache[key]
    if group is None:  # measures without groups are the same in any run with groups
        for (w, r, _, s, n), value in cache.items():
            if (w, r, s, n) == (wave, restrict, seed, sample):
                return value
    store = panel.measures(wave, restrict=restrict, seed=seed, sample=sample)
    G = store.G
    if group is not None and all(is_missing(x) for _, x in G.nodes(data=group)):
        group = None  # no actor of this wave has a value: no group measures
    if group is not None and len(G) <= 2:
        group = None  # too few actors for group measures
    names = [m for m in _WAVE_MEASURES if store.available(m, group=group)]
    values = store.network(names, group=group)
    metrics = {k: float(values.get(k, math.nan)) for k in NETWORK_METRICS}
    if not panel.rosters.get(wave, True):
        metrics["response_rate"] = math.nan
    nodes = sorted_nodes(G)
    table = pd.DataFrame(index=pd.Index(nodes, name="actor"))
    table["name"] = [G.nodes[v].get("name", str(v)) for v in nodes]
    if group is not None:
        G = _with_group(G, group)  # explicit groups for missing values, as the measures read them
        table[group] = [G.nodes[v].get(group) for v in nodes]
    table["degree"] = store.get("degree")
    table["betweenness"] = store.get("betweenness")
    cuts = store.table("fragmentation_impact")
    table["articulation_point"] = cuts["articulation_point"]
    table["pairs_disconnected"] = cuts["pairs_disconnected"]
    if group is not None:
        roles = store.table("brokerage", group=group)
        table["brokerage_role"], table["brokerage_z"] = _primary_roles(
            roles, G.is_directed(), ROLE_Z
        )
    else:
        table["brokerage_role"] = pd.Series(None, index=table.index, dtype=object)
        table["brokerage_z"] = math.nan
    result = consensus(store)
    labels, stability = result.labels, result.stability
    if G.number_of_edges():
        names = cluster_profiles(G, labels, group=group)["name"]
    else:
        names = pd.Series({c: str(table["name"].iloc[c]) for c in labels})
    table["community"] = labels
    table["community_stability"] = stability
    measured = _Wave(G, metrics, table, labels, stability, names)
    cache[key] = measured
    return measured


def _measures(panel, restrict, group, seed, sample) -> dict[str, _Wave]:
    return {
        w: _measure(panel, w, restrict=restrict, group=group, seed=seed, sample=sample)
        for w in panel.labels
    }


# --------------------------------------------------------------------------- network level


def wave_metrics(
    panel: Panel,
    *,
    group: Hashable | None = None,
    restrict: str | None = None,
    seed: int = 0,
    sample: int | None = None,
) -> pd.DataFrame:
    """Network metrics of every wave, side by side.

    Parameters
    ----------
    panel : Panel
        The waves.
    group : hashable, optional
        Node attribute for the E-I index, the modularity of the groups and
        brokerage roles (e.g. ``"sector"``). Actors without a value form
        explicit groups (see :func:`~sysmap.metrics.groups.group_labels`); a wave in
        which no actor has a value gets NaN.
    restrict : {None, "present", "responded_all"}, default=None
        Measure every wave on all its actors, or only on actors present (and
        responding) in *all* waves of the panel, so that the waves compare like
        with like.
    seed : int, default=0
        Seed of the consensus communities (and of `sample`).
    sample : int, optional
        Estimate betweenness, average distance and distance fragmentation
        from this many sources whatever the size. Default: the size policy
        of :mod:`sysmap.metrics.store` (exact up to 2,000 actors, 256
        sources above); each wave's measures are kept by
        :meth:`Panel.measures <sysmap.compare.Panel.measures>`.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``metric`` (the :data:`NETWORK_METRICS`), one float column
        per wave: ``n_actors``, ``n_ties``, ``density`` (all cells),
        ``density_observed`` (respondents' rows only, as ``sna::gden`` with
        non-respondents missing), ``components``, ``fragmentation`` (F),
        ``distance_fragmentation`` (DF), ``average_distance``,
        ``transitivity``, ``reciprocity`` (digraphs), Freeman
        ``degree_centralization`` and ``betweenness_centralization``,
        ``ei_index`` and ``group_modularity`` (with `group`), ``modularity``
        and ``n_communities`` of the consensus communities, mean tie ``trust``
        and ``value``, ``response_rate``. Definitions: ``docs/metrics.md``.

    Examples
    --------
    >>> import networkx as nx
    >>> from sysmap.compare import Panel
    >>> panel = Panel.from_graphs([nx.path_graph(4), nx.cycle_graph(4)], labels=["a", "b"])
    >>> wave_metrics(panel).loc[["n_ties", "density", "fragmentation"]]
                      a         b
    metric
    n_ties         3.0  4.000000
    density        0.5  0.666667
    fragmentation  0.0  0.000000
    """
    restrict = _check_restrict(restrict)
    measured = _measures(panel, restrict, group, seed, sample)
    frame = pd.DataFrame({w: measured[w].metrics for w in panel.labels})
    frame = frame.loc[list(NETWORK_METRICS)]
    frame.index.name = "metric"
    frame.columns.name = None
    return frame.astype(float)


def metric_changes(metrics: pd.DataFrame, pairs: Sequence[tuple[str, str]]) -> pd.DataFrame:
    """Changes of network metrics between pairs of waves, in long format.

    Parameters
    ----------
    metrics : pandas.DataFrame
        :func:`wave_metrics` (metrics x waves).
    pairs : sequence of (str, str)
        Pairs of waves (see :func:`wave_pairs`).

    Returns
    -------
    pandas.DataFrame
        Columns ``wave_from``, ``wave_to``, ``metric``, ``before``,
        ``after``, ``change`` (after - before) and ``relative_change``
        (change divided by the absolute value of before; NaN when before is 0 or NaN).

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"a": [0.1], "b": [0.15]}, index=pd.Index(["density"], name="metric"))
    >>> metric_changes(m, [("a", "b")])[["metric", "change", "relative_change"]].round(3)
        metric  change  relative_change
    0  density    0.05              0.5
    """
    rows = []
    for a, b in pairs:
        for metric in metrics.index:
            before, after = float(metrics.at[metric, a]), float(metrics.at[metric, b])
            change = after - before
            rel = change / abs(before) if before and not math.isnan(before) else math.nan
            rows.append((a, b, metric, before, after, change, rel))
    return pd.DataFrame(
        rows,
        columns=["wave_from", "wave_to", "metric", "before", "after", "change", "relative_change"],
    )


# --------------------------------------------------------------------------- actors


def _pair_actors(panel: Panel, a: str, b: str, measured: dict[str, _Wave]) -> list[Hashable]:
    return sorted_nodes(set(measured[a].actors.index) & set(measured[b].actors.index))


def actor_changes(
    panel: Panel,
    *,
    group: Hashable | None = None,
    restrict: str | None = None,
    pairs: object = None,
    seed: int = 0,
    sample: int | None = None,
) -> pd.DataFrame:
    """How each actor's position changed between pairs of waves.

    Parameters
    ----------
    panel : Panel
        The waves.
    group : hashable, optional
        Node attribute for brokerage roles (e.g. ``"sector"``).
    restrict : {None, "present", "responded_all"}, default=None
        As in :func:`wave_metrics`. Actors are compared when present in both
        waves of a pair.
    pairs : optional
        Pairs of waves (:func:`wave_pairs`).
    seed, sample
        As in :func:`wave_metrics`.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``(wave_from, wave_to, actor)``: ``name`` (in the later
        wave), then for ``degree``, ``betweenness`` (raw counts, as
        :func:`sysmap.metrics.betweenness`), ``articulation_point``,
        ``pairs_disconnected`` and ``brokerage_role`` the columns
        ``<measure>_before`` and ``<measure>_after``, plus
        ``degree_change`` and ``betweenness_change``.

    Notes
    -----
    Raw betweenness grows with the number of actors; with many joiners,
    compare ranks or use ``restrict="present"``.

    Examples
    --------
    >>> import networkx as nx
    >>> from sysmap.compare import Panel
    >>> panel = Panel.from_graphs([nx.path_graph(3), nx.star_graph(2)], labels=["a", "b"])
    >>> actor_changes(panel)["degree_change"].tolist()  # 0-1-2 becomes 1-0-2
    [1.0, -1.0, 0.0]
    """
    restrict = _check_restrict(restrict)
    measured = _measures(panel, restrict, group, seed, sample)
    measures = [
        "degree",
        "betweenness",
        "articulation_point",
        "pairs_disconnected",
        "brokerage_role",
    ]
    frames = []
    for a, b in wave_pairs(panel, pairs):
        common = _pair_actors(panel, a, b, measured)
        before = measured[a].actors.loc[common]
        after = measured[b].actors.loc[common]
        frame = pd.DataFrame({"name": after["name"]})
        for m in measures:
            frame[f"{m}_before"] = before[m]
            frame[f"{m}_after"] = after[m]
        frame["degree_change"] = frame["degree_after"] - frame["degree_before"]
        frame["betweenness_change"] = frame["betweenness_after"] - frame["betweenness_before"]
        frame = frame.assign(wave_from=a, wave_to=b).reset_index()
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True)
    order = {"wave_from": panel.labels, "wave_to": panel.labels}
    return _ordered_index(out, ["wave_from", "wave_to", "actor"], order)


def cut_point_changes(
    panel: Panel,
    *,
    restrict: str | None = None,
    pairs: object = None,
    seed: int = 0,
) -> pd.DataFrame:
    """New and resolved single points of failure (articulation points) between waves.

    Parameters
    ----------
    panel : Panel
        The waves.
    restrict : {None, "present", "responded_all"}, default=None
        As in :func:`wave_metrics`.
    pairs : optional
        Pairs of waves (:func:`wave_pairs`).
    seed : int, default=0
        As in :func:`wave_metrics`.

    Returns
    -------
    pandas.DataFrame
        One row per actor whose status changed: ``wave_from``, ``wave_to``,
        ``actor``, ``name``, ``change`` (``"new"``: a cut point in the later
        wave that was not one before, including newcomers; ``"resolved"``:
        no longer a cut point, or left), ``pairs_disconnected_before`` and
        ``pairs_disconnected_after`` (pairs of other actors that would lose
        contact without it; NaN when absent), sorted by the pairs at stake.

    Examples
    --------
    >>> import networkx as nx
    >>> from sysmap.compare import Panel
    >>> panel = Panel.from_graphs([nx.cycle_graph(4), nx.path_graph(4)], labels=["a", "b"])
    >>> cut_point_changes(panel)[["actor", "change", "pairs_disconnected_after"]]
       actor change  pairs_disconnected_after
    0      1    new                       2.0
    1      2    new                       2.0
    """
    restrict = _check_restrict(restrict)
    measured = _measures(panel, restrict, None, seed, None)
    rows = []
    for a, b in wave_pairs(panel, pairs):
        before, after = measured[a].actors, measured[b].actors
        actors = sorted_nodes(set(before.index) | set(after.index))
        for v in actors:
            was = bool(before.at[v, "articulation_point"]) if v in before.index else False
            now = bool(after.at[v, "articulation_point"]) if v in after.index else False
            if was == now:
                continue
            pb = float(before.at[v, "pairs_disconnected"]) if v in before.index else math.nan
            pa = float(after.at[v, "pairs_disconnected"]) if v in after.index else math.nan
            name = after.at[v, "name"] if v in after.index else before.at[v, "name"]
            rows.append((a, b, v, name, "new" if now else "resolved", pb, pa))
    frame = pd.DataFrame(
        rows,
        columns=[
            "wave_from",
            "wave_to",
            "actor",
            "name",
            "change",
            "pairs_disconnected_before",
            "pairs_disconnected_after",
        ],
    )
    stake = frame[["pairs_disconnected_before", "pairs_disconnected_after"]].max(axis=1)
    order = pd.Series(list(zip(frame["wave_from"], frame["wave_to"])))
    pair_rank = {p: i for i, p in enumerate(wave_pairs(panel, pairs))}
    frame["_p"] = order.map(pair_rank).to_numpy() if len(frame) else []
    frame["_s"] = -stake
    frame = frame.sort_values(["_p", "change", "_s", "actor"], kind="stable")
    return frame.drop(columns=["_p", "_s"]).reset_index(drop=True)


# --------------------------------------------------------------------------- brokerage roles


def _role_groups(G: nx.Graph, actor: Hashable, role: str, group: Hashable) -> tuple:
    """The group pair an actor brokers most often in `role`: ``(other, own)`` etc."""
    own = G.nodes[actor].get(group)
    if G.is_directed():
        ins = [u for u in G.predecessors(actor) if u != actor]
        outs = [w for w in G.successors(actor) if w != actor]
        paths = ((u, w) for u in ins for w in outs if u != w and not G.has_edge(u, w))
    else:
        nbrs = sorted_nodes(w for w in G[actor] if w != actor)
        paths = ((u, w) for i, u in enumerate(nbrs) for w in nbrs[i + 1 :] if not G.has_edge(u, w))
    counts: Counter = Counter()
    directed = G.is_directed()
    for u, w in paths:
        gu, gw = G.nodes[u].get(group), G.nodes[w].get(group)
        if gu == own and gw == own:
            kind, pair = "coordinator", (own, own)
        elif gu == gw:
            kind, pair = "itinerant", (gu, own)
        elif gu == own:
            kind, pair = ("representative", (own, gw)) if directed else ("gatekeeper", (gw, own))
        elif gw == own:
            kind, pair = "gatekeeper", (gu, own)
        else:
            kind, pair = "liaison", tuple(sorted_nodes([gu, gw])) if not directed else (gu, gw)
        if kind == role:
            counts[pair] += 1
    if not counts:
        return (own, own)
    best = max(counts.values())
    return min((p for p, c in counts.items() if c == best), key=lambda p: tuple(map(str, p)))


def role_transitions(
    panel: Panel,
    group: Hashable,
    *,
    restrict: str | None = None,
    pairs: object = None,
    seed: int = 0,
) -> pd.DataFrame:
    """Actors whose main brokerage role changed between waves, with the groups they broker.

    Each actor's main role in a wave is the Gould-Fernandez role
    (:func:`sysmap.metrics.brokerage_roles`) with the highest z-score, if that
    z-score is at least :data:`ROLE_Z` (1.96: more brokerage in that role
    than a random network of the same density would give) and the actor
    plays it at least once; otherwise the actor has no main role. On
    undirected networks representative and gatekeeper coincide and are
    reported as gatekeeper.

    Parameters
    ----------
    panel : Panel
        The waves.
    group : hashable
        Node attribute of the groups (e.g. ``"sector"``).
    restrict : {None, "present", "responded_all"}, default=None
        As in :func:`wave_metrics`; actors are compared when present in both
        waves of a pair.
    pairs : optional
        Pairs of waves (:func:`wave_pairs`).
    seed : int, default=0
        As in :func:`wave_metrics`.

    Returns
    -------
    pandas.DataFrame
        One row per actor whose main role differs: ``wave_from``,
        ``wave_to``, ``actor``, ``name``, ``role_before``, ``role_after``
        (None: no main role), ``z_before``, ``z_after``, and the groups each
        role brokers most often: ``groups_before``, ``groups_after`` as
        ``(group_1, group_2)`` tuples (gatekeeper: ``(other, own)``;
        representative: ``(own, other)``; itinerant: ``(other, own)``;
        liaison: the two other groups; coordinator: ``(own, own)``). Rows
        with a new role come first, by z-score.
    """
    restrict = _check_restrict(restrict)
    measured = _measures(panel, restrict, group, seed, None)
    rows = []
    for a, b in wave_pairs(panel, pairs):
        common = _pair_actors(panel, a, b, measured)
        before, after = measured[a].actors.loc[common], measured[b].actors.loc[common]
        for v in common:
            rb, ra = before.at[v, "brokerage_role"], after.at[v, "brokerage_role"]
            if rb == ra:
                continue
            gb = _role_groups(measured[a].graph, v, rb, group) if rb else None
            ga = _role_groups(measured[b].graph, v, ra, group) if ra else None
            rows.append(
                (
                    a,
                    b,
                    v,
                    after.at[v, "name"],
                    rb,
                    ra,
                    float(before.at[v, "brokerage_z"]),
                    float(after.at[v, "brokerage_z"]),
                    gb,
                    ga,
                )
            )
    frame = pd.DataFrame(
        rows,
        columns=[
            "wave_from",
            "wave_to",
            "actor",
            "name",
            "role_before",
            "role_after",
            "z_before",
            "z_after",
            "groups_before",
            "groups_after",
        ],
    )
    pair_rank = {p: i for i, p in enumerate(wave_pairs(panel, pairs))}
    frame["_p"] = [pair_rank[(x, y)] for x, y in zip(frame["wave_from"], frame["wave_to"])]
    frame["_n"] = frame["role_after"].isna()
    frame["_z"] = -frame["z_after"].fillna(-frame["z_before"])
    frame = frame.sort_values(["_p", "_n", "_z", "actor"], kind="stable")
    return frame.drop(columns=["_p", "_n", "_z"]).reset_index(drop=True)
