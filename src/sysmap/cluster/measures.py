"""The cluster measures of the registry: communities and the modularity of groups.

Registers in :data:`sysmap.metrics.registry.REGISTRY` the actor measure
``community`` (consensus communities and their stability), the network
measures ``communities`` (modularity, number of communities) and
``group_modularity``, and keeps one consensus result per network in its
:class:`~sysmap.metrics.store.MeasureStore` (:func:`consensus`), which
:func:`~sysmap.cluster.cluster_actors`, the findings' cluster rules, the
map's community colours and the comparison of waves share.
"""

from __future__ import annotations

import warnings

import pandas as pd

from ..metrics.registry import Request, register
from ..metrics.store import MeasureStore
from .consensus_clustering import ConsensusResult, consensus_communities
from .partitions import attribute_modularity

__all__ = ["CONSENSUS_RUNS", "consensus"]

#: Clustering runs per consensus round, for every consumer of a store.
CONSENSUS_RUNS = 20


def consensus(
    store: MeasureStore,
    *,
    n_runs: int = CONSENSUS_RUNS,
    method: str = "leiden",
    resolution: float = 1.0,
    warn: bool = True,
) -> ConsensusResult:
    """The consensus communities of the store's network, computed once per setting.

    ``consensus_communities(store.G, n_runs=n_runs, method=method,
    resolution=resolution, weight=store.weight, seed=store.seed,
    n_jobs=store.n_jobs)``. A
    :class:`~sysmap.exceptions.ConvergenceWarning` of the computation is
    recorded and repeated to every caller with `warn` (callers without it
    read ``result.converged``), so what a caller sees does not depend on who
    asked first.
    """

    def compute() -> tuple[ConsensusResult, list[warnings.WarningMessage]]:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = consensus_communities(
                store.G,
                n_runs=n_runs,
                method=method,
                resolution=resolution,
                weight=store.weight,
                seed=store.seed,
                progress=store.progress,
                n_jobs=store.n_jobs,
            )
        return result, caught

    key = ("consensus", store.key(store.weight), n_runs, method, resolution)
    result, caught = store.memo(key, compute)
    if warn:
        for w in caught:
            warnings.warn(w.message, w.category, stacklevel=2)
    return result


@register(
    "community",
    level="actor",
    columns=("community", "community_stability"),
    function=consensus_communities,
    reference="Lancichinetti & Fortunato (2012) consensus of Leiden runs (Traag et al. 2019)",
    reads=("weight",),
    table=False,
)
def _community(r: Request) -> pd.DataFrame:
    result = consensus(r.store)
    return pd.DataFrame({"community": result.labels, "community_stability": result.stability})


@register(
    "communities",
    level="network",
    columns=("modularity", "n_communities"),
    function=consensus_communities,
    reference="Newman & Girvan (2004) modularity of the consensus communities",
    reads=("weight",),
    table=False,
    waves=("modularity", "n_communities"),
    trend=("modularity",),
)
def _communities(r: Request) -> dict[str, float]:
    result = consensus(r.store)
    return {"modularity": result.modularity, "n_communities": float(result.labels.nunique())}


@register(
    "group_modularity",
    level="network",
    columns=("group_modularity",),
    function=attribute_modularity,
    reference="Newman & Girvan (2004) modularity of the group partition",
    reads=("group", "weight"),
    requires=("group",),
    table=False,
    waves=("group_modularity",),
)
def _group_modularity(r: Request) -> dict[str, float]:
    return {"group_modularity": attribute_modularity(r.G, r.group, weight=r.weight)}
