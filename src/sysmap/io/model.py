"""The network model every reader returns: actors, ties, report, provenance."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .identity import ActorRegistry
from .report import IngestReport

__all__ = [
    "DID_NOT_RESPOND",
    "NOT_ON_ROSTER",
    "NOT_SURVEYED",
    "RESPONDED",
    "STATUSES",
    "MemberList",
    "NetworkData",
]

#: Respondent status of an actor (node attribute ``status``).
RESPONDED = "responded"
DID_NOT_RESPOND = "did_not_respond"
NOT_ON_ROSTER = "not_on_roster"
NOT_SURVEYED = "not_surveyed"
STATUSES = (RESPONDED, DID_NOT_RESPOND, NOT_ON_ROSTER, NOT_SURVEYED)


@dataclass
class MemberList:
    """A validated member list (roster): actors, their names, aliases and attributes.

    Attributes
    ----------
    actors : pandas.DataFrame
        Indexed by ``actor`` (persistent id, str); columns ``name``, ``aliases``
        (list of str), ``responded`` (bool or NA when the list does not say) and
        every other column of the file (``sector``, ...).
    registry : ActorRegistry
        Resolves names and aliases to actor ids.
    report : IngestReport
        What happened while reading the list.
    """

    actors: pd.DataFrame
    registry: ActorRegistry
    report: IngestReport = field(default_factory=IngestReport)

    def __len__(self) -> int:
        return len(self.actors)


@dataclass
class NetworkData:
    """Tidy network data: one table of actors, one of ties, and what was done to get them.

    Every reader (:func:`~sysmap.read_survey`, :func:`~sysmap.read_edgelist`, ...)
    returns this model; :func:`~sysmap.build_network` turns it into a networkx graph.

    Attributes
    ----------
    actors : pandas.DataFrame
        Indexed by ``actor`` (str ids, sorted; integer ids when a GraphML,
        GEXF or Kumu file records them); columns ``name``, ``status``
        (``"responded"``, ``"did_not_respond"``, ``"not_on_roster"`` or
        ``"not_surveyed"``) and the member list's attributes.
    ties : pandas.DataFrame
        One row per reported tie: ``source``, ``target`` (actor ids), ``relation``
        (str; ``"tie"`` when the input has one relation), then tie items
        (``weight``, ``intensity``, ``trust``, ...). For surveys ``source`` is
        the respondent. ``row`` holds the input row each tie came from.
    directed : bool
        Whether ties were reported with a direction (surveys: yes).
    report : IngestReport
        Everything the reader did: problems, merges, drops, response rate.
    kind : str
        The reader (``"survey"``, ``"edgelist"``, ``"affiliations"``, ...).
    affiliations : pandas.DataFrame or None
        Two-mode data (``actor``, ``affiliation``, ...) for partnership records.
    provenance : dict
        Source files and reader parameters; copied onto built graphs.
    responses : pandas.DataFrame or None
        A survey tool's export (:func:`~sysmap.read_survey` of the answers
        to a survey sysmap wrote): one row per response read, ``actor``,
        ``name``, ``source``, ``row``, ``submitted``, ``complete`` (``False``:
        started, not submitted) and ``kept`` (``False``: another response of
        the organization was read). See :func:`~sysmap.response_tracking`.
    """

    actors: pd.DataFrame
    ties: pd.DataFrame
    directed: bool = True
    report: IngestReport = field(default_factory=IngestReport)
    kind: str = "edgelist"
    affiliations: pd.DataFrame | None = None
    provenance: dict[str, Any] = field(default_factory=dict)
    responses: pd.DataFrame | None = None

    @property
    def relations(self) -> list[str]:
        """The relation types present, sorted."""
        return sorted(self.ties["relation"].unique()) if len(self.ties) else []

    def __repr__(self) -> str:
        return (
            f"<NetworkData {self.kind}: {len(self.actors)} actors, {len(self.ties)} ties, "
            f"{'directed' if self.directed else 'undirected'}, "
            f"relations={self.relations}, {len(self.report.errors)} errors>"
        )
