"""Every actor's community and role in one table, ready for CSV files and maps.

:func:`cluster_actors` runs the two clusterings a user usually wants side by
side: consensus modularity communities (who works together,
:func:`~sysmap.cluster.consensus_communities`) and roles (which position an
actor holds, :class:`~sysmap.cluster.ActorClustering` on
:func:`~sysmap.cluster.actor_features`). :meth:`ActorClusters.annotate`
returns a copy of the graph with the labels as node attributes, so that a map
can colour by them.

Role names and descriptions are recorded as messages
(:class:`~sysmap.i18n.Msg`: they read as English) and rendered for a reader
by :meth:`ActorClusters.in_language`; the clustering itself has no language.
"""

from __future__ import annotations

import numbers
from collections.abc import Hashable
from dataclasses import dataclass, replace

import networkx as nx
import numpy as np
import pandas as pd

from .._graph import check_graph
from .._random import check_seed
from ..exceptions import ParameterError
from ..i18n import Msg, check_lang, render
from ..metrics.store import MeasureStore
from .consensus_clustering import ConsensusResult
from .measures import consensus
from .partitions import attribute_modularity, compare_partitions
from .profiles import cluster_profiles
from .roles import ActorClustering, actor_features

__all__ = ["ActorClusters", "cluster_actors"]

#: Node attributes :meth:`ActorClusters.annotate` sets (the columns of ``actors``).
LABEL_COLUMNS = ("community", "community_stability", "role")


@dataclass(frozen=True)
class ActorClusters:
    """Communities and roles of every actor (the result of :func:`cluster_actors`).

    Attributes
    ----------
    actors : pandas.DataFrame
        Indexed by ``actor`` (sorted), columns ``community`` (int, 0 = largest
        community), ``community_stability`` (in [0, 1], see
        :class:`~sysmap.cluster.ConsensusResult`) and ``role`` (the role's
        name, e.g. ``"hubs"``; a name two roles share is followed by the role
        number in square brackets). Names are messages until rendered by
        :meth:`in_language`.
    communities : pandas.DataFrame
        One row per community (:func:`~sysmap.cluster.cluster_profiles`) plus
        ``mean_stability``, the mean ``community_stability`` of its members.
    roles : pandas.DataFrame
        One row per role, indexed by ``role`` (0 = largest): ``name``, ``size``
        and ``description`` (the role in words; messages until rendered by
        :meth:`in_language`).
    summary : pandas.DataFrame
        Columns ``metric`` and ``value``: ``modularity`` of the consensus
        partition, ``n_communities``, ``n_roles``, and with a group attribute
        ``group_modularity`` (modularity of the group partition) and
        ``group_ari``, ``group_nmi`` (agreement of communities and groups).
    consensus : ConsensusResult
        The full consensus result.
    role_model : ActorClustering
        The role estimator, fitted (features, centres, scores) unless the
        graph has fewer than three actors (then everyone is one role).
    """

    actors: pd.DataFrame
    communities: pd.DataFrame
    roles: pd.DataFrame
    summary: pd.DataFrame
    consensus: ConsensusResult
    role_model: ActorClustering

    def in_language(self, lang: str) -> ActorClusters:
        """A copy with the role names and descriptions in `lang` (plain ``str``).

        Raises
        ------
        ParameterError
            If sysmap does not speak `lang`.

        Examples
        --------
        >>> import sysmap
        >>> from sysmap.cluster import cluster_actors
        >>> G = sysmap.load_sample("zachary_karate", graph=True)
        >>> result = cluster_actors(G, seed=1)
        >>> result.roles.loc[0, "name"], result.in_language("de").roles.loc[0, "name"]
        ('typical members', 'typische Mitglieder')
        """
        lang = check_lang(lang)

        def words(values: pd.Series) -> pd.Series:
            return values.map(lambda v: render(v, lang)).astype(object)

        actors = self.actors.assign(role=words(self.actors["role"]))
        roles = self.roles.assign(name=words(self.roles["name"]))
        roles["description"] = words(roles["description"])
        return replace(self, actors=actors, roles=roles)

    def annotate(self, G: nx.Graph) -> nx.Graph:
        """A copy of `G` with ``community``, ``community_stability`` and ``role``
        as node attributes (and ``community_name``); `G` itself is not changed.

        Raises
        ------
        ParameterError
            If the actors of `G` are not the actors that were clustered.
        """
        check_graph(G)
        _same_actors(G, self.actors.index)
        H = G.copy()
        names = self.communities["name"]
        for actor, row in self.actors.iterrows():
            attrs = H.nodes[actor]
            attrs["community"] = int(row["community"])
            attrs["community_name"] = str(names.loc[row["community"]])
            attrs["community_stability"] = float(row["community_stability"])
            attrs["role"] = str(row["role"])
        return H


def _same_actors(G: nx.Graph, actors: pd.Index) -> None:
    if set(G.nodes) != set(actors):
        extra = sorted(map(str, set(G.nodes) - set(actors)))[:5]
        missing = sorted(map(str, set(actors) - set(G.nodes)))[:5]
        msg = (
            "The graph's actors differ from the clustered actors "
            f"(not clustered: {extra}; not in the graph: {missing}); "
            "annotate the graph that was clustered."
        )
        raise ParameterError(msg)


def _unique(names: pd.Series) -> pd.Series:
    counts = names.value_counts()
    return pd.Series(
        [
            Msg("roles", "numbered", role=name, number=int(role)) if counts[name] > 1 else name
            for role, name in names.items()
        ],
        index=names.index,
    )


def cluster_actors(
    G: nx.Graph,
    *,
    group: Hashable | None = None,
    weight: str | None = None,
    n_runs: int = 20,
    method: str = "leiden",
    resolution: float = 1.0,
    role_method: str = "kmeans",
    n_roles: int | None = None,
    sample: int | None = None,
    seed: None | int | np.random.Generator = None,
    progress: bool | None = None,
    n_jobs: int | None = None,
    store: MeasureStore | None = None,
) -> ActorClusters:
    """Consensus communities and roles of every actor, with profile tables.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Tie network (communities treat directed ties as undirected).
    group : hashable, dict or pandas.Series, optional
        Node attribute such as ``"sector"`` (or the labels by actor): profiles
        the communities by it,
        compares them with it, and adds brokerage shares and the E-I index to
        the role features.
    weight : str or None, default=None
        Edge attribute with tie weights, for communities, profiles and the
        weighted role features; None treats every tie as 1.
    n_runs : int, default=20
        Clustering runs per consensus round.
    method : {"leiden", "louvain"}, default="leiden"
        Community algorithm.
    resolution : float, default=1.0
        Modularity resolution (larger: more, smaller communities).
    role_method : {"kmeans", "agglomerative", "gmm"}, default="kmeans"
        Role clustering (see :class:`~sysmap.cluster.ActorClustering`).
    n_roles : int or None, default=None
        Number of roles; None chooses it (silhouette, or BIC for gmm).
    sample : int, optional
        Estimate the betweenness role feature from this many sources (large graphs).
    seed : None, int, numpy.random.Generator or numpy.random.RandomState, default=None
        Random seed; the same seed gives the same result.
    progress : bool or None, default=None
        Show progress bars.
        ``None``: shown if ``SYSMAP_PROGRESS=1``, or standard error is a
        terminal (:func:`~sysmap._progress.show_progress`).
    n_jobs : int or None, default=None
        Processes for the betweenness role feature; the result does not depend on it.
    store : MeasureStore, optional
        The measures of `G`, computed once and shared (the report passes its
        own, so its tables, findings and map read the same communities): the
        consensus communities and the role features' measures come from it,
        with its seed and size policy (`sample`, `progress`, `n_jobs` are
        then not used); its weight must be `weight`.

    Returns
    -------
    ActorClusters
        ``actors`` (``community``, ``community_stability``, ``role``),
        ``communities``, ``roles`` and ``summary`` tables; role names and
        descriptions in a reader's language with
        :meth:`~ActorClusters.in_language`.

    Raises
    ------
    GraphTypeError
        If `G` is not a simple networkx graph.
    MissingAttributeError
        If `group` is given and no actor has a value of it (actors without a
        value form explicit groups, see :func:`~sysmap.metrics.groups.group_labels`).
    ParameterError
        If another argument is invalid.

    See Also
    --------
    consensus_communities, ActorClustering, cluster_profiles

    Notes
    -----
    One seed drives both clusterings. An int `seed` goes to
    :func:`consensus_communities` unchanged, so the communities are those of
    ``consensus_communities(G, weight=weight, seed=seed)`` (and of
    :func:`sysmap.find_gaps` with the same seed, whose cluster findings then
    name the same communities, and of a :class:`~sysmap.metrics.store.MeasureStore`
    with that seed, whose sampled sources the betweenness feature uses); the
    role clustering uses a seed drawn from ``check_seed(seed)``. A Generator
    or None draws both. With `store`, the communities are the store's.

    Examples
    --------
    >>> import sysmap
    >>> from sysmap.cluster import cluster_actors
    >>> G = sysmap.load_sample("zachary_karate", graph=True)
    >>> result = cluster_actors(G, seed=1)
    >>> result.actors.columns.tolist()
    ['community', 'community_stability', 'role']
    >>> H = result.annotate(G)
    >>> H.nodes["1"]["community"], H.nodes["1"]["role"], "community" in G.nodes["1"]
    (1, 'brokers', False)
    """
    G = check_graph(G)
    rng = check_seed(seed)
    drawn = [int(s) for s in rng.integers(0, 2**31 - 1, size=2)]
    exact = isinstance(seed, numbers.Integral) and not isinstance(seed, bool)
    community_seed, role_seed = (int(seed) if exact else drawn[0]), drawn[1]
    if store is None:
        store = MeasureStore(
            G,
            weight=weight,
            seed=community_seed,
            sample=sample,
            progress=progress,
            n_jobs=n_jobs,
        )
    elif not isinstance(store, MeasureStore) or not store.describes(G) or store.weight != weight:
        raise ParameterError("store must be a MeasureStore of G with the same weight.")
    result = consensus(store, n_runs=n_runs, method=method, resolution=resolution)
    features = actor_features(G, group=group, weight=weight, store=store)
    model = ActorClustering(method=role_method, n_clusters=n_roles, seed=role_seed)
    if len(features) > 2:
        model.fit(features)
        role_ids, role_names = model.labels_, _unique(model.role_names_)
        descriptions = model.descriptions_
    else:  # too few actors to tell roles apart: one role
        role_ids = pd.Series(0, index=features.index, name="role")
        role_names = pd.Series({0: Msg("roles", "members")})
        descriptions = pd.Series({0: Msg("roles", "too_few")})

    labels, stability = result.labels, result.stability
    actors = pd.DataFrame(
        {
            "community": labels,
            "community_stability": stability,
            "role": role_names.loc[role_ids.to_numpy()].to_numpy(),
        },
        index=labels.index,
    )
    profiles = cluster_profiles(G, labels, group=group, weight=weight)
    profiles.insert(
        profiles.columns.get_loc("internal_density") + 1,
        "mean_stability",
        stability.groupby(labels).mean().reindex(profiles.index),
    )
    profiles.index.name = "community"
    roles = pd.DataFrame(
        {
            "name": role_names,
            "size": role_ids.value_counts().reindex(role_names.index, fill_value=0),
            "description": descriptions,
        }
    ).rename_axis("role")
    summary = {
        "modularity": result.modularity,
        "n_communities": float(len(profiles)),
        "n_roles": float(len(roles)),
    }
    if group is not None:
        agreement = compare_partitions(labels, group, G=G)
        summary["group_modularity"] = attribute_modularity(
            G, group, weight=weight, resolution=resolution
        )
        summary["group_ari"] = agreement["ari"]
        summary["group_nmi"] = agreement["nmi"]
    return ActorClusters(
        actors=actors,
        communities=profiles,
        roles=roles,
        summary=pd.DataFrame({"metric": list(summary), "value": list(summary.values())}),
        consensus=result,
        role_model=model,
    )
