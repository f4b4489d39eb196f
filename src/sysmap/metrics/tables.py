"""The three metric tables sysmap writes: one row per actor, per tie, per network metric.

The tables hold every registered measure of ``sysmap metrics``
(:mod:`sysmap.metrics.registry`), computed once each by a
:class:`~sysmap.metrics.store.MeasureStore` under its size policy (exact up
to 2,000 actors, sampled sources above), so a notebook, the command line and
the report give the same numbers. Pass one store to all three tables to
compute each measure once (the network summary reuses the actors'
betweenness).
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from .._attributes import GroupSpec, group_labels
from ..exceptions import ParameterError
from .registry import REGISTRY
from .store import MeasureStore

__all__ = ["HEADLINE", "actor_metrics", "network_metrics", "tie_metrics"]

#: The rows ``network.csv`` starts with (``sysmap metrics`` prints them), in this order.
HEADLINE = (
    "n_actors",
    "n_ties",
    "density",
    "reciprocity",
    "components",
    "fragmentation",
    "distance_fragmentation",
    "degree_centralization",
    "betweenness_centralization",
)


def _store(G: nx.Graph, store: MeasureStore | None, **options: object) -> MeasureStore:
    """`store` (checked against `G`), or a new store for `G` with `options`."""
    if store is None:
        return MeasureStore(G, **options)  # type: ignore[arg-type]
    if not isinstance(store, MeasureStore):
        raise ParameterError(f"store must be a MeasureStore; got {type(store).__name__}.")
    if store.G is not G and not store.describes(G):
        raise ParameterError("store describes another network than G; make one for G.")
    return store


def actor_metrics(
    G: nx.Graph,
    *,
    group: GroupSpec | None = None,
    weight: str | None = None,
    distance: bool = True,
    sample: int | None = None,
    exact: bool = False,
    seed: None | int | np.random.Generator = None,
    progress: bool | None = None,
    n_jobs: int | None = None,
    store: MeasureStore | None = None,
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
        Include ``distance_fragmentation_impact`` (sampled above the size
        budget like betweenness); ``False`` leaves it out.
    sample : int, optional
        Estimate the sampled measures (betweenness, distance fragmentation
        impact) from this many sources whatever the size (seeded by `seed`).
        Default: the size policy of :mod:`sysmap.metrics.store`, exact up to
        2,000 actors and 256 sources above.
    exact : bool, default=False
        Compute every measure exactly whatever the size.
    seed : None, int, numpy.random.Generator or numpy.random.RandomState, optional
        Seed of the sampled sources.
    progress : bool or None, default=None
        Progress bars (see :func:`~sysmap._progress.show_progress`).
    n_jobs : int, optional
        Processes for betweenness and the distance impact (joblib's
        convention: ``None`` = 1, ``-1`` = all CPUs); results do not depend on it.
    store : MeasureStore, optional
        The measures of `G`, computed once for several tables (its seed and
        sampling apply; `sample`, `exact`, `seed`, `progress`, `n_jobs` are
        then not used).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``actor``: ``name``, ``status`` when present and `group`
        (the group labels of :func:`~sysmap.metrics.groups.group_labels`: actors
        without a value are in an explicit group), then the actor measures
        of the registry in its order: ``degree`` (and ``in_degree``,
        ``out_degree`` for digraphs), ``betweenness`` (raw count),
        ``constraint``, ``effective_size``, ``efficiency``, ``hierarchy``
        (whole-network model, as igraph/networkx) and the same with suffix
        ``_ego`` (ego-network model, UCINET's default),
        ``fragmentation_impact``, ``pairs_disconnected``,
        ``articulation_point``, ``distance_fragmentation_impact``; with
        `group` also the Gould-Fernandez roles ``coordinator, itinerant,
        representative, gatekeeper, liaison, brokerage_total``, their ``_z``
        scores and ``ei_index``.

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
    store = _store(
        G, store, seed=seed, sample=sample, exact=exact, progress=progress, n_jobs=n_jobs
    )
    G = store.G
    names = [
        m.name
        for m in REGISTRY.values()
        if m.level == "actor"
        and m.table
        and (distance or m.name != "distance_fragmentation_impact")
        and store.available(m.name, group=group, weight=weight)
    ]
    measures = store.actors(names, group=group, weight=weight)
    frame = pd.DataFrame(
        {a: pd.Series(dict(G.nodes(data=a)), dtype=object) for a in ("name", "status")}
    ).reindex(measures.index)  # the measures' index: actor_frame's dtype
    frame = frame.dropna(axis=1, how="all")
    if group is not None:
        labels = group_labels(G, group, nodes=frame.index)
        frame[labels.name] = labels
    return pd.concat([frame, measures], axis=1)


def tie_metrics(
    G: nx.Graph,
    *,
    group: GroupSpec | None = None,
    strength: str | None = "auto",
    threshold: float = 3,
    progress: bool | None = None,
    store: MeasureStore | None = None,
) -> pd.DataFrame:
    """Every tie-level measure in one table (the ``ties.csv`` of ``sysmap metrics``).

    Parameters
    ----------
    strength : str, None or "auto", default="auto"
        Tie attribute classified as weak/strong (``>= threshold`` is strong).
        ``"auto"`` uses ``intensity`` when ties have it, else ``weight``, else
        none (:func:`~sysmap.metrics.weak_ties.strength_attribute`).
    store : MeasureStore, optional
        The measures of `G`, computed once for several tables.

    Returns
    -------
    pandas.DataFrame
        ``source, target`` then ``bridge, local_bridge, span, overlap``,
        ``strength, strength_class`` and, with `group`, ``cross_group`` (see
        :func:`~sysmap.metrics.tie_measures`).
    """
    store = _store(G, store, progress=progress)
    return store.table("tie_measures", group=group, strength=strength, threshold=threshold)


def network_metrics(
    G: nx.Graph,
    *,
    group: GroupSpec | None = None,
    strength: str | None = "auto",
    threshold: float = 3,
    sample: int | None = None,
    exact: bool = False,
    seed: None | int | np.random.Generator = None,
    n_jobs: int | None = None,
    progress: bool | None = None,
    store: MeasureStore | None = None,
) -> pd.DataFrame:
    """Every network-level measure as a ``metric, value`` table (``network.csv``).

    Parameters
    ----------
    sample, exact, seed, n_jobs, progress, store
        As in :func:`actor_metrics`: the size policy applies to betweenness
        centralization, average distance and distance fragmentation.

    Returns
    -------
    pandas.DataFrame
        Columns ``metric``, ``value``: first :data:`HEADLINE` (``n_actors,
        n_ties, density, reciprocity, components, fragmentation,
        distance_fragmentation, degree_centralization,
        betweenness_centralization``), then the other network measures of the
        registry in its order (the rest of
        :func:`~sysmap.metrics.network_summary`, ``density_observed``; with
        `group` ``ei_index, ei_index_rescaled, ei_index_expected``; with tie
        strength the weak-tie test ``weak_share``, ``weak_share_bridging``,
        ``overlap_strength_correlation``), and last the sampling rows of
        :meth:`MeasureStore.sampling <sysmap.metrics.store.MeasureStore.sampling>`:
        ``sample_sources``, ``betweenness_error``,
        ``distance_fragmentation_se`` and ``distance_fragmentation_impact_se``
        (0 when exact), and ``span_limit`` (the longest span searched; inf when
        every span is exact).
    """
    store = _store(
        G, store, seed=seed, sample=sample, exact=exact, progress=progress, n_jobs=n_jobs
    )
    values = store.network(group=group, strength=strength, threshold=threshold)
    names = list(HEADLINE) + [k for k in values if k not in HEADLINE]
    values.update(store.sampling())
    names += list(store.sampling())
    return pd.DataFrame({"metric": names, "value": [float(values[k]) for k in names]})
