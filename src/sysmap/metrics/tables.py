"""The three metric tables sysmap writes: one row per actor, per tie, per network metric.

These combine the measure families with the column names of the
``sysmap metrics`` command (``actors.csv``, ``ties.csv``, ``network.csv``),
so a notebook and the command line give the same numbers.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from .._attributes import GroupSpec, group_labels
from .._graph import check_graph
from .brokerage import ROLES, brokerage_roles
from .centrality import betweenness, degree
from .fragmentation import distance_fragmentation, fragmentation, fragmentation_impact
from .groups import ei_index
from .network import network_summary
from .structural_holes import structural_hole_measures
from .weak_ties import strength_attribute, tie_measures, weak_tie_summary

__all__ = ["actor_metrics", "network_metrics", "tie_metrics"]

HOLES = ("constraint", "effective_size", "efficiency", "hierarchy")


def actor_metrics(
    G: nx.Graph,
    *,
    group: GroupSpec | None = None,
    weight: str | None = None,
    distance: bool = True,
    sample: int | None = None,
    seed: None | int | np.random.Generator = None,
    progress: bool = False,
    n_jobs: int | None = None,
) -> pd.DataFrame:
    """Every actor-level measure in one table (the ``actors.csv`` of ``sysmap metrics``).

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The network.
    group : str, dict or pandas.Series, optional
        The actors' groups for brokerage roles and the E-I index: a node
        attribute (e.g. ``"sector"``) or labels by actor (see
        :func:`~sysmap._attributes.group_labels`).
    weight : str, optional
        Tie attribute used by the structural-hole measures; binary by default
        (as igraph's and networkx's defaults).
    distance : bool, default=True
        Include ``distance_fragmentation_impact`` (costly on large graphs).
    sample : int, optional
        Source-sample betweenness and distance fragmentation with this many
        sources (for large graphs; seeded by `seed`).
    n_jobs : int, optional
        Processes for betweenness and the distance impact (joblib's
        convention: ``None`` = 1, ``-1`` = all CPUs); results do not depend on it.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``actor``: ``name``, ``status`` when present and `group`
        (the group labels of :func:`~sysmap.metrics.groups.group_labels`: actors
        without a value are in an explicit group),
        ``degree`` (``in_degree``, ``out_degree`` for digraphs), ``betweenness``
        (raw count), ``constraint``, ``effective_size``, ``efficiency``,
        ``hierarchy`` (whole-network model, as igraph/networkx) and the same
        with suffix ``_ego`` (ego-network model, UCINET's default),
        ``fragmentation_impact``, ``distance_fragmentation_impact``,
        ``pairs_disconnected``, ``articulation_point``; with `group` also the
        Gould-Fernandez roles ``coordinator, itinerant, representative,
        gatekeeper, liaison, brokerage_total``, their ``_z`` scores and
        ``ei_index``.

    See Also
    --------
    sysmap.metrics.degree, sysmap.metrics.betweenness,
    sysmap.metrics.structural_hole_measures, sysmap.metrics.fragmentation_impact,
    sysmap.metrics.brokerage_roles, sysmap.metrics.ei_index

    Examples
    --------
    >>> import sysmap
    >>> G = sysmap.load_sample("knoke_bureaucracies", table="information", graph=True)
    >>> table = actor_metrics(G, group="sector")
    >>> table.loc[table["name"] == "MAYR", ["degree", "betweenness", "liaison"]]
           degree  betweenness  liaison
    actor
    5        16.0    17.833333        5
    """
    G = check_graph(G)
    frame = pd.DataFrame(
        {a: pd.Series(dict(G.nodes(data=a)), dtype=object) for a in ("name", "status")}
    ).reindex(degree(G).index)
    frame.index.name = "actor"
    frame = frame.dropna(axis=1, how="all")
    if group is not None:
        labels = group_labels(G, group, nodes=frame.index)
        frame[labels.name] = labels
    parts = [
        frame,
        degree(G),
        betweenness(G, sample=sample, seed=seed, progress=progress, n_jobs=n_jobs),
    ]
    whole = structural_hole_measures(G, weight=weight, model="whole", progress=progress)
    ego = structural_hole_measures(G, weight=weight, model="ego", progress=progress)
    parts += [whole[list(HOLES)], ego[list(HOLES)].add_suffix("_ego")]
    impact = fragmentation_impact(
        G, distance=distance, sample=sample, seed=seed, progress=progress, n_jobs=n_jobs
    )
    order = [
        "fragmentation_impact",
        "distance_fragmentation_impact",
        "pairs_disconnected",
        "articulation_point",
    ]
    parts.append(impact[[c for c in order if c in impact.columns]])
    if group is not None:
        roles = brokerage_roles(G, group, progress=progress)
        names = [*ROLES, "brokerage_total"]
        parts.append(roles[names + [f"{r}_z" for r in names]])
        parts.append(ei_index(G, group).actors[["ei_index"]])
    return pd.concat(parts, axis=1)


def tie_metrics(
    G: nx.Graph,
    *,
    group: GroupSpec | None = None,
    strength: str | None = "auto",
    threshold: float = 3,
    progress: bool = False,
) -> pd.DataFrame:
    """Every tie-level measure in one table (the ``ties.csv`` of ``sysmap metrics``).

    Parameters
    ----------
    strength : str, None or "auto", default="auto"
        Tie attribute classified as weak/strong (``>= threshold`` is strong).
        ``"auto"`` uses ``intensity`` when ties have it, else ``weight``, else
        none (:func:`~sysmap.metrics.weak_ties.strength_attribute`).

    Returns
    -------
    pandas.DataFrame
        ``source, target`` then ``bridge, local_bridge, span, overlap``,
        ``strength, strength_class`` and, with `group`, ``cross_group`` (see
        :func:`~sysmap.metrics.tie_measures`).
    """
    G = check_graph(G)
    return tie_measures(G, group=group, strength=strength, threshold=threshold, progress=progress)


def network_metrics(
    G: nx.Graph,
    *,
    group: GroupSpec | None = None,
    strength: str | None = "auto",
    threshold: float = 3,
    sample: int | None = None,
    seed: None | int | np.random.Generator = None,
    n_jobs: int | None = None,
) -> pd.DataFrame:
    """Every network-level measure as a ``metric, value`` table (``network.csv``).

    Parameters
    ----------
    n_jobs : int, optional
        Processes for the exact distance fragmentation (joblib's convention);
        the value does not depend on it.

    Returns
    -------
    pandas.DataFrame
        Columns ``metric``, ``value``: ``n_actors, n_ties, density,
        reciprocity, components, fragmentation, distance_fragmentation,
        degree_centralization, betweenness_centralization`` and the rest of
        :func:`~sysmap.metrics.network_summary`; with `group` also
        ``ei_index, ei_index_rescaled, ei_index_expected``; with tie strength
        the weak-tie test (``weak_share``, ``weak_share_bridging``,
        ``overlap_strength_correlation``).
    """
    G = check_graph(G)
    summary = network_summary(G, sample=sample, seed=seed)
    values = summary.to_dict()
    values["fragmentation"] = fragmentation(G)
    values["distance_fragmentation"] = distance_fragmentation(
        G, sample=sample, seed=seed, n_jobs=n_jobs
    )
    if group is not None:
        ei = ei_index(G, group)
        values.update(
            ei_index=ei.network, ei_index_rescaled=ei.rescaled, ei_index_expected=ei.expected
        )
    strength = strength_attribute(G, strength)
    if strength is not None:
        weak = weak_tie_summary(G, group=group, strength=strength, threshold=threshold)
        values.update(
            weak_share=weak.weak_share,
            weak_share_bridging=weak.weak_share_bridging,
            overlap_strength_correlation=weak.correlation,
        )
    first = [
        "n_actors",
        "n_ties",
        "density",
        "reciprocity",
        "components",
        "fragmentation",
        "distance_fragmentation",
        "degree_centralization",
        "betweenness_centralization",
    ]
    names = first + [k for k in values if k not in first]
    return pd.DataFrame({"metric": names, "value": [float(values[k]) for k in names]})

