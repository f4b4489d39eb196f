"""What the rules look at: one network (under one tie rule), computed once.

A :class:`Context` holds the undirected network the rules read, the directed
survey reports when they exist, the group attribute, the plan and the
affiliations. It reads the measures the rules need (cut points, betweenness,
E-I index, communities, tie measures) from the network's
:class:`~sysmap.metrics.store.MeasureStore`, which computes each once (the
report passes its own, shared with its tables and map), and caches the
structural helpers (mixing table, components).
"""

from __future__ import annotations

import copy
import math
from collections.abc import Hashable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd

from .._attributes import group_labels, is_missing, is_missing_group
from .._graph import edge_arrays, sorted_nodes
from ..cluster import cluster_profiles
from ..cluster.measures import consensus
from ..exceptions import MissingAttributeError
from ..io.model import DID_NOT_RESPOND, RESPONDED
from ..io.report import IngestReport
from ..metrics import mixing_table
from ..metrics.registry import ei_of
from ..metrics.store import MeasureStore
from ._text import Text, group_text
from .groups import backbone_actors
from .thresholds import Thresholds

__all__ = ["Context", "RuleSkipped"]

ROSTER = (RESPONDED, DID_NOT_RESPOND)
#: Cached measures that depend on the group attribute (recomputed by ``for_group``).
_GROUP_MEASURES = ("groups", "mixing", "ei", "between_density", "ties", "cluster_profiles")


class RuleSkipped(Exception):  # noqa: N818 - a signal, not an error
    """Raised by a rule that cannot run on this input; the argument is the reason key."""

    def __init__(self, reason: str, **values: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.values = values


@dataclass
class Context:
    """One network and everything the rules need to read it.

    Parameters
    ----------
    G : networkx.Graph
        Undirected network the structural rules read.
    D : networkx.DiGraph or None
        The directed reports (who named whom), when known.
    group : str or None
        Node attribute with each actor's group (``"sector"``): the groups
        named in evidence, in cluster names and by the sector-aware rules.
    thresholds : Thresholds
    text : Text
        The findings' words (messages, rendered in a language only when shown).
    seed : int
        Seed of every random step.
    variant : str
        Name of the tie rule or missing-data treatment this network was built with.
    plan : pandas.DataFrame or None
    affiliations : pandas.DataFrame or None
        ``actor``, ``affiliation`` (and ``type``), actor ids of `G`.
    report : IngestReport or None
    progress : bool
    notes : list of str
        Shared with the engine: what a reader of the findings should know.
    wanted : set of str or None
        Ids the engine needs built whatever their rank (the main findings,
        when an alternative network is checked); None for the main network.
    totals : dict
        Kinds of finding with more candidates than were built:
        kind -> (built, total).
    attributes : tuple of str
        Every group attribute the group rules compare (`group` among them);
        :meth:`for_group` gives the context of one of them.
    store : MeasureStore or None
        The measures of `G` (its seed and size policy apply); None makes one
        with `seed` and the default policy.
    """

    G: nx.Graph
    D: nx.DiGraph | None
    group: str | None
    thresholds: Thresholds
    text: Text
    seed: int = 0
    variant: str = "union"
    plan: pd.DataFrame | None = None
    affiliations: pd.DataFrame | None = None
    report: IngestReport | None = None
    progress: bool = False
    notes: list[str] = field(default_factory=list)
    wanted: set[str] | None = None
    totals: dict[str, tuple[int, int]] = field(default_factory=dict)
    attributes: tuple[str, ...] = ()
    store: MeasureStore | None = None

    def for_group(self, attribute: str | None) -> Context:
        """The same network read with `attribute` as the group (measures of the
        network itself are shared, those of the groups computed anew)."""
        if attribute == self.group:
            return self
        view = copy.copy(self)  # shares notes, totals and the cached network measures
        view.group = attribute
        for name in _GROUP_MEASURES:
            view.__dict__.pop(name, None)
        return view

    @property
    def group_contexts(self) -> list[Context]:
        """One context per group attribute compared (`group` alone when no list was given)."""
        attributes = self.attributes or ((self.group,) if self.group is not None else ())
        return [self.for_group(a) for a in attributes]

    # -- actors --------------------------------------------------------------------
    @cached_property
    def nodes(self) -> list[Hashable]:
        return sorted_nodes(self.G)

    @property
    def n(self) -> int:
        return len(self.nodes)

    @cached_property
    def names(self) -> dict[Hashable, str]:
        attr = dict(self.G.nodes(data="name", default=None))
        if self.D is not None:
            for v, name in self.D.nodes(data="name", default=None):
                attr.setdefault(v, name)
        return {v: str(v) if is_missing(x) else str(x) for v, x in attr.items()}

    def name(self, actor: Hashable) -> str:
        return self.names.get(actor, str(actor))

    @cached_property
    def status(self) -> dict[Hashable, str | None]:
        return {v: s for v, s in self.G.nodes(data="status", default=None)}

    @cached_property
    def is_survey(self) -> bool:
        return any(s in ROSTER for s in self.status.values())

    @cached_property
    def backbone(self) -> set[Hashable]:
        """The backbone organization(s): attribute ``backbone`` (any case) true, ``ja``, ``x``."""
        return backbone_actors(self.G)

    @cached_property
    def groups(self) -> dict[Hashable, Any]:
        """Actor -> group label for every actor ({} when no actor has a group value).

        Actors without a value are in an explicit group (see
        :func:`~sysmap.metrics.groups.group_labels`): they count in every group
        measure, but these groups are not sectors, so the sector rules never
        name them (:meth:`is_sector`).
        """
        if self.group is None:
            return {}
        try:
            return group_labels(self.G, self.group).to_dict()
        except MissingAttributeError:
            return {}

    @staticmethod
    def is_sector(label: object) -> bool:
        """Whether a group label is a real group (not an explicit group of missing values)."""
        return not is_missing_group(label)

    @property
    def has_group(self) -> bool:
        return len({g for g in self.groups.values() if self.is_sector(g)}) >= 2

    def group_of(self, actor: Hashable) -> Any:
        return self.groups.get(actor, "")

    def group_text(self, actor: Hashable) -> Any:
        """The actor's group as shown in evidence (missing-value groups as messages)."""
        return group_text(self.group_of(actor))

    def rechecks(self, finding_id: str) -> bool:
        """Whether this is an alternative network re-checking the main finding `finding_id`.

        A rule then decides the finding by its conclusion alone and leaves out
        the conditions that only decide whether a finding is worth reporting
        (minimum sizes and expected counts; see :mod:`sysmap.findings.robustness`).
        """
        return self.wanted is not None and finding_id in self.wanted

    def actor_table(self, actors: list[Hashable], **columns: Any) -> pd.DataFrame:
        """Evidence indexed by ``actor``: ``name``, the group, ``status``, then `columns`."""
        index = pd.Index(list(actors), name="actor")
        data: dict[str, Any] = {"name": [self.name(v) for v in actors]}
        if self.group is not None:  # object dtype keeps the messages (see model.render_frame)
            texts = [self.group_text(v) for v in actors]
            data[self.group] = pd.Series(texts, index=index, dtype=object)
        if any(self.status.get(v) for v in actors):
            data["status"] = [self.status.get(v) or "" for v in actors]
        data.update(columns)
        return pd.DataFrame(data, index=index)

    def tie_table(self, pairs: list[tuple[Hashable, Hashable]], **columns: Any) -> pd.DataFrame:
        """Evidence per tie: ``source``, ``target``, their names and groups, then `columns`."""
        data: dict[str, Any] = {
            "source": [u for u, _ in pairs],
            "target": [v for _, v in pairs],
            "source_name": [self.name(u) for u, _ in pairs],
            "target_name": [self.name(v) for _, v in pairs],
        }
        if self.group is not None:
            for side, ends in (("source", data["source"]), ("target", data["target"])):
                texts = [self.group_text(x) for x in ends]
                data[f"{side}_{self.group}"] = pd.Series(texts, dtype=object)
        data.update(columns)
        return pd.DataFrame(data)

    # -- structure -----------------------------------------------------------------
    @cached_property
    def degree(self) -> dict[Hashable, int]:
        """Number of other actors each actor is tied to (self-loops ignored)."""
        return {v: sum(1 for u in self.G[v] if u != v) for v in self.G}

    @cached_property
    def index(self) -> dict[Hashable, int]:
        return {v: i for i, v in enumerate(self.nodes)}

    @cached_property
    def igraph(self) -> ig.Graph:
        src, dst, _ = edge_arrays(self.G, self.nodes)
        keep = src != dst
        return ig.Graph(n=self.n, edges=list(zip(src[keep].tolist(), dst[keep].tolist())))

    @cached_property
    def components(self) -> np.ndarray:
        """Component label of every actor (in `nodes` order)."""
        return np.asarray(self.igraph.connected_components().membership, dtype=np.int64)

    @cached_property
    def measures(self) -> MeasureStore:
        """The measures of `G`, computed once (the report's store, or one made here)."""
        if self.store is not None:
            return self.store
        return MeasureStore(self.G, seed=self.seed, progress=self.progress)

    @property
    def cut_points(self) -> pd.DataFrame:
        """``articulation_point`` and ``pairs_disconnected`` per actor."""
        return self.measures.table("fragmentation_impact")

    @property
    def betweenness(self) -> pd.Series:
        return self.measures.get("betweenness")

    @property
    def betweenness_sampled(self) -> bool:
        return self.measures.sampled

    # -- groups --------------------------------------------------------------------
    @cached_property
    def mixing(self) -> pd.DataFrame:
        return mixing_table(self.G, self.group)

    @cached_property
    def ei(self):
        return ei_of(self.measures, self.group)

    @cached_property
    def between_density(self) -> float:
        """Density of ties between different groups (ties / possible pairs)."""
        off = self.mixing[self.mixing["source"] != self.mixing["target"]]
        possible = off["possible"].sum()
        return float(off["ties"].sum() / possible) if possible else math.nan

    # -- ties ----------------------------------------------------------------------
    def has_edge_attribute(self, attr: str, graph: nx.Graph | None = None) -> bool:
        H = self.G if graph is None else graph
        return any(attr in d and not is_missing(d[attr]) for _, _, d in H.edges(data=True))

    @cached_property
    def ties(self) -> pd.DataFrame:
        strength = self.thresholds.tie_strength
        return self.measures.table(
            "tie_measures",
            group=self.group if self.has_group else None,
            strength=strength if self.has_edge_attribute(strength) else None,
            threshold=self.thresholds.strong_from,
        )

    # -- clusters ------------------------------------------------------------------
    @cached_property
    def communities(self) -> pd.Series:
        result = consensus(self.measures, n_runs=self.thresholds.cluster_runs, warn=False)
        if not result.converged:
            variant = self.text.say(f"variant.{self.variant}")
            self.notes.append(self.text.say("note.no_convergence", variant=variant))
        return result.labels

    @cached_property
    def cluster_profiles(self) -> pd.DataFrame:
        group = self.group if self.has_group else None
        return cluster_profiles(self.G, self.communities, group=group)
