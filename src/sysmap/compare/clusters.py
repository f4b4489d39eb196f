"""Clusters across waves: consensus communities per wave, matched from wave to wave
(continued, split, merged, dissolved, formed; Greene, Doyle and Cunningham 2010).
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass

import pandas as pd

from .._graph import sorted_nodes
from ..cluster.partitions import compare_partitions
from ..exceptions import ParameterError
from .changes import _measures, wave_pairs
from .panel import Panel, _check_restrict, _ordered_index

__all__ = ["ClusterEvolution", "cluster_evolution"]

#: Jaccard overlap at which two clusters of consecutive waves are linked
#: (Greene, Doyle and Cunningham 2010).
CLUSTER_THRESHOLD = 0.3


@dataclass(frozen=True)
class ClusterEvolution:
    """Consensus communities per wave, matched across waves.

    Attributes
    ----------
    actors : pandas.DataFrame
        Indexed by ``(wave, actor)``: ``community``, ``community_stability``.
    communities : pandas.DataFrame
        Indexed by ``(wave, community)``: ``name``, ``size``.
    matches : pandas.DataFrame
        Every pair of communities of a wave pair sharing members:
        ``wave_from``, ``wave_to``, ``community_from``, ``community_to``,
        ``name_from``, ``name_to``, ``overlap`` (shared members),
        ``jaccard`` (shared / members of either), ``linked`` (jaccard at
        least the threshold).
    events : pandas.DataFrame
        ``wave_from``, ``wave_to``, ``event`` (``"continued"``, ``"split"``,
        ``"merged"``, ``"dissolved"``, ``"formed"``), ``community_from``,
        ``community_to``, ``name_from``, ``name_to``, ``jaccard``: one row
        per link taking part in the event (a split into two gives two rows).
    agreement : pandas.DataFrame
        Indexed by ``(wave_from, wave_to)``: ``n_common`` (actors in both
        waves), ``ari`` and ``nmi`` of the two partitions on them,
        ``communities_from``, ``communities_to``.
    threshold : float
        The Jaccard threshold used.
    """

    actors: pd.DataFrame
    communities: pd.DataFrame
    matches: pd.DataFrame
    events: pd.DataFrame
    agreement: pd.DataFrame
    threshold: float


def cluster_evolution(
    panel: Panel,
    *,
    group: Hashable | None = None,
    restrict: str | None = None,
    pairs: object = None,
    seed: int = 0,
    threshold: float = CLUSTER_THRESHOLD,
) -> ClusterEvolution:
    """Follow clusters across waves: which continued, split, merged, dissolved or formed.

    Each wave is clustered with :func:`sysmap.cluster.consensus_communities`
    (same seed for every wave) and the clusters are named by
    :func:`sysmap.cluster.cluster_profiles`. Clusters of two waves are linked
    when the Jaccard overlap of their members reaches `threshold` (Greene et
    al. 2010 use 0.3): a cluster linked to two or more later clusters
    *split*, a later cluster linked from two or more earlier ones is a
    *merger*, a one-to-one link *continued*, an earlier cluster without
    links *dissolved* and a later one without links *formed*. Agreement of
    the whole partitions is measured on the actors present in both waves
    with the adjusted Rand index (Hubert and Arabie 1985) and NMI.

    Parameters
    ----------
    panel : Panel
        The waves.
    group : hashable, optional
        Node attribute used to name clusters (e.g. ``"sector"``).
    restrict : {None, "present", "responded_all"}, default=None
        As in :func:`wave_metrics`.
    pairs : optional
        Pairs of waves (:func:`wave_pairs`).
    seed : int, default=0
        Seed of the consensus clustering.
    threshold : float, default=0.3
        Jaccard overlap that links two clusters, in (0, 1].

    Returns
    -------
    ClusterEvolution

    Raises
    ------
    ParameterError
        If `threshold` is not in (0, 1].

    References
    ----------
    .. [1] Greene, Derek, Dónal Doyle, and Pádraig Cunningham. "Tracking the
       Evolution of Communities in Dynamic Social Networks." In *2010
       International Conference on Advances in Social Networks Analysis and
       Mining*, 176-183. IEEE, 2010. https://doi.org/10.1109/ASONAM.2010.17
    .. [2] Hubert, Lawrence, and Phipps Arabie. "Comparing Partitions."
       *Journal of Classification* 2, no. 1 (1985): 193-218.
       https://doi.org/10.1007/BF01908075

    Examples
    --------
    >>> import networkx as nx
    >>> from sysmap.compare import Panel
    >>> two = nx.disjoint_union(nx.complete_graph(5), nx.complete_graph(5))
    >>> one = two.copy()
    >>> one.add_edges_from((i, j) for i in range(5) for j in range(5, 10))
    >>> evo = cluster_evolution(Panel.from_graphs([two, one], labels=["a", "b"]))
    >>> evo.events["event"].tolist()
    ['merged', 'merged']
    """
    if not isinstance(threshold, (int, float)) or not 0 < threshold <= 1:
        raise ParameterError(f"threshold must be in (0, 1]; got {threshold!r}.")
    restrict = _check_restrict(restrict)
    measured = _measures(panel, restrict, group, seed, None)
    actor_rows = []
    community_rows = []
    for w in panel.labels:
        m = measured[w]
        actor_rows.append(
            pd.DataFrame({"community": m.communities, "community_stability": m.stability}).assign(
                wave=w
            )
        )
        sizes = m.communities.value_counts()
        for c in sorted(sizes.index):
            community_rows.append((w, c, str(m.names.get(c, c)), int(sizes[c])))
    waves = {"wave": panel.labels}
    actors = _ordered_index(pd.concat(actor_rows).reset_index(), ["wave", "actor"], waves)
    communities = _ordered_index(
        pd.DataFrame(community_rows, columns=["wave", "community", "name", "size"]),
        ["wave", "community"],
        waves,
    )
    matches, events, agreement = [], [], []
    for a, b in wave_pairs(panel, pairs):
        la, lb = measured[a].communities, measured[b].communities
        na, nb = measured[a].names, measured[b].names
        members_a = {c: set(la.index[la == c]) for c in sorted(la.unique())}
        members_b = {c: set(lb.index[lb == c]) for c in sorted(lb.unique())}
        links_a: dict = {c: [] for c in members_a}
        links_b: dict = {c: [] for c in members_b}
        for ca, sa in members_a.items():
            for cb, sb in members_b.items():
                overlap = len(sa & sb)
                if not overlap:
                    continue
                jac = overlap / len(sa | sb)
                linked = jac >= threshold
                matches.append((a, b, ca, cb, na.get(ca, ca), nb.get(cb, cb), overlap, jac, linked))
                if linked:
                    links_a[ca].append((cb, jac))
                    links_b[cb].append((ca, jac))
        for ca, links in links_a.items():
            if not links:
                events.append((a, b, "dissolved", ca, None, na.get(ca, ca), None, math.nan))
            elif len(links) > 1:
                for cb, jac in links:
                    events.append((a, b, "split", ca, cb, na.get(ca, ca), nb.get(cb, cb), jac))
            elif len(links_b[links[0][0]]) == 1:
                cb, jac = links[0]
                events.append((a, b, "continued", ca, cb, na.get(ca, ca), nb.get(cb, cb), jac))
        for cb, links in links_b.items():
            if not links:
                events.append((a, b, "formed", None, cb, None, nb.get(cb, cb), math.nan))
            elif len(links) > 1:
                for ca, jac in links:
                    events.append((a, b, "merged", ca, cb, na.get(ca, ca), nb.get(cb, cb), jac))
        common = sorted_nodes(set(la.index) & set(lb.index))
        if len(common) > 1:
            score = compare_partitions(la.loc[common], lb.loc[common])
        else:
            score = {"ari": math.nan, "nmi": math.nan}
        agreement.append(
            (a, b, len(common), score["ari"], score["nmi"], len(members_a), len(members_b))
        )
    return ClusterEvolution(
        actors=actors,
        communities=communities,
        matches=pd.DataFrame(
            matches,
            columns=[
                "wave_from",
                "wave_to",
                "community_from",
                "community_to",
                "name_from",
                "name_to",
                "overlap",
                "jaccard",
                "linked",
            ],
        ),
        events=pd.DataFrame(
            events,
            columns=[
                "wave_from",
                "wave_to",
                "event",
                "community_from",
                "community_to",
                "name_from",
                "name_to",
                "jaccard",
            ],
        ),
        agreement=_ordered_index(
            pd.DataFrame(
                agreement,
                columns=[
                    "wave_from",
                    "wave_to",
                    "n_common",
                    "ari",
                    "nmi",
                    "communities_from",
                    "communities_to",
                ],
            ),
            ["wave_from", "wave_to"],
            {"wave_from": panel.labels, "wave_to": panel.labels},
        ),
        threshold=float(threshold),
    )
