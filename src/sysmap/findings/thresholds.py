"""The parameters of the findings rules, with their defaults and meaning."""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

from ..exceptions import ParameterError

__all__ = ["DEFAULT_THRESHOLDS", "Thresholds", "check_thresholds"]


def _doc(text: str, default: Any) -> Any:
    return field(default=default, metadata={"doc": text})


@dataclass(frozen=True)
class Thresholds:
    """Parameters of the findings rules; every default is documented in docs/findings.md.

    Pass a :class:`Thresholds` or a dict of the fields to change to
    :func:`~sysmap.findings.find_gaps`; unknown names raise
    :class:`~sysmap.exceptions.ParameterError`. Each finding records the
    fields its rule used in ``Finding.threshold``.

    Examples
    --------
    >>> Thresholds().sector_gap_ratio
    0.25
    >>> Thresholds.from_any({"key_players_k": 2}).key_players_k
    2
    """

    # sector gaps and mixing
    gap_ratio: float = _doc(
        "A pair of groups (sectors or clusters) has 'few' ties when its tie count is at most "
        "this share of the count expected at the network's mean density between groups.",
        0.25,
    )
    gap_min_expected: float = _doc(
        "A pair of groups is assessed only when at least this many ties would be expected "
        "between them at the mean density between groups (small pairs are left out).",
        2.0,
    )
    sector_gap_min_size: int = _doc("Smallest group (sector) size assessed for gaps.", 2)
    ei_gap: float = _doc(
        "Report sector silos when the E-I index is at least this much below the E-I expected "
        "under random mixing.",
        0.5,
    )
    gap_broker_share: float = _doc(
        "A gap between two groups names the actor that at least this share of the shortest "
        "paths between their members runs through (the one who holds them together).",
        0.75,
    )
    # single points of failure and key players
    spof_min_cut_off: int = _doc(
        "Report an articulation point when its departure cuts off at least this many partners "
        "from the largest remaining part (a single pendant partner is reported as peripheral).",
        2,
    )
    spof_high_cut_off: int = _doc("Severity high from this many cut-off partners.", 5)
    key_players_k: int = _doc("Size of the key-player set (KPP-Neg).", 3)
    key_players_min_increase: float = _doc(
        "Report the key-player set when removing it raises fragmentation by at least this much.",
        0.1,
    )
    key_players_high_increase: float = _doc("Severity high from this increase.", 0.3)
    # over-reliance
    hub_share: float = _doc(
        "Report an actor when at least this share of the shortest paths between other "
        "connected partners runs through it (betweenness / connected pairs).",
        0.25,
    )
    hub_share_high: float = _doc("Severity high from this share.", 0.5)
    centralization: float = _doc(
        "Report a centralized network when degree or betweenness centralization reaches this.",
        0.5,
    )
    # partners at the margin
    isolated_high_share: float = _doc(
        "Isolated partners are high severity when they are at least this share of all actors.",
        0.1,
    )
    nonrespondent_central: int = _doc(
        "Named-but-not-responding partners are medium severity when one of them was named by "
        "at least this many others.",
        3,
    )
    # one-sided ties
    one_sided_min_share: float = _doc(
        "Report one-sided ties when at least this share of the ties between respondents was "
        "named by one side only.",
        0.1,
    )
    one_sided_medium_share: float = _doc("Severity medium from this share.", 0.3)
    # weak bridges
    tie_strength: str = _doc(
        "Tie attribute with the strength (PARTNER intensity 1-4 by default).", "intensity"
    )
    strong_from: float = _doc("Ties with strength below this value are weak.", 3.0)
    weak_bridge_max_sector_ties: int = _doc(
        "A weak cross-sector tie is worth strengthening when its two sectors share at most "
        "this many ties.",
        2,
    )
    weak_bridge_min_span: int = _doc(
        "A weak local bridge is reported when its ends would be at least this many steps apart "
        "without it.",
        4,
    )
    # trust and value
    low_rating: float = _doc(
        "An actor's mean trust or value received below this is low (PARTNER scales 1-4: "
        "1 not at all, 2 a small amount, 3 a fair amount, 4 a great deal).",
        2.0,
    )
    min_ratings: int = _doc("Ratings an actor needs before its mean is judged.", 3)
    low_tie_rating: float = _doc("A relationship rated at or below this is low.", 1.5)
    low_tie_share: float = _doc(
        "Report low-rated relationships when they are at least this share of the rated ones.",
        0.1,
    )
    # clusters
    cluster_min_size: int = _doc("Clusters smaller than this are not compared.", 3)
    cluster_runs: int = _doc("Leiden runs of the consensus clustering.", 20)
    broker_min_share: float = _doc(
        "Report a broker holding at least this share of the ties between two clusters.", 0.5
    )
    # plan vs reality
    plan_unplanned_min_ties: int = _doc(
        "Report an unplanned pair of sectors when it has at least this many ties.", 3
    )
    # introductions
    intro_max_distance: int = _doc(
        "Recommend introductions between partners at most this many steps apart (2 or 3).", 3
    )
    intro_min_shared: int = _doc("Shared affiliations a recommended pair needs.", 1)
    intro_top: int = _doc("How many introductions to recommend.", 10)
    # data quality
    response_high: float = _doc("Response rate from which confidence is high.", 0.8)
    response_directional: float = _doc(
        "Response rate from which results are directional (below: caution).", 0.65
    )
    # size limits
    max_per_rule: int = _doc(
        "Most findings of one kind (one id prefix, e.g. 'sector_gap') kept, the most important "
        "first; the rest are counted in Findings.notes.",
        25,
    )

    @property
    def sector_gap_ratio(self) -> float:
        """Alias of :attr:`gap_ratio` (sector gaps)."""
        return self.gap_ratio

    @classmethod
    def from_any(cls, value: Thresholds | Mapping[str, Any] | None) -> Thresholds:
        """A :class:`Thresholds` from None (defaults), a Thresholds or a dict of changes."""
        return check_thresholds(value)

    @classmethod
    def docs(cls) -> dict[str, tuple[Any, str]]:
        """Field name -> (default, description), in declaration order."""
        return {f.name: (f.default, f.metadata.get("doc", "")) for f in fields(cls)}


#: The defaults, as a plain dict (field name -> value).
DEFAULT_THRESHOLDS: dict[str, Any] = {f.name: f.default for f in fields(Thresholds)}


def check_thresholds(value: Thresholds | Mapping[str, Any] | None) -> Thresholds:
    """Validate `value` and return a :class:`Thresholds`.

    Raises
    ------
    ParameterError
        For an unknown name (the message lists the valid ones) or a value of
        the wrong type or range.
    """
    if value is None:
        return Thresholds()
    if isinstance(value, Thresholds):
        changes: dict[str, Any] = {}
        result = value
    elif isinstance(value, Mapping):
        unknown = sorted(set(value) - set(DEFAULT_THRESHOLDS))
        if unknown:
            msg = f"unknown threshold(s) {unknown}; valid names are {sorted(DEFAULT_THRESHOLDS)}."
            raise ParameterError(msg)
        changes = dict(value)
        result = replace(Thresholds(), **changes)
    else:
        msg = f"thresholds must be None, a dict or a Thresholds; got {type(value).__name__}."
        raise ParameterError(msg)
    for f in fields(Thresholds):
        v = getattr(result, f.name)
        default = f.default
        if isinstance(default, str):
            if not isinstance(v, str) or not v:
                raise ParameterError(f"threshold {f.name!r} must be a non-empty str; got {v!r}.")
        elif isinstance(default, int) and not isinstance(default, bool):
            if isinstance(v, bool) or not isinstance(v, numbers.Integral) or v < 0:
                raise ParameterError(f"threshold {f.name!r} must be an int >= 0; got {v!r}.")
        else:
            if isinstance(v, bool) or not isinstance(v, numbers.Real) or not v == v or v < 0:
                raise ParameterError(f"threshold {f.name!r} must be a number >= 0; got {v!r}.")
    if result.intro_max_distance not in (2, 3):
        raise ParameterError(
            f"threshold 'intro_max_distance' must be 2 or 3; got {result.intro_max_distance!r}."
        )
    if result.key_players_k < 1:
        raise ParameterError("threshold 'key_players_k' must be at least 1.")
    if result.cluster_runs < 1:
        raise ParameterError("threshold 'cluster_runs' must be at least 1.")
    return result
