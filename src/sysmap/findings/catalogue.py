"""The findings catalogue: every rule with its meaning, metric, reference and wording."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..i18n import catalogue as _messages
from ..i18n import check_lang, format_number, format_percent, message
from ._text import DOMAIN
from .rules import RULES
from .thresholds import DEFAULT_THRESHOLDS

__all__ = ["MESSAGES", "findings_catalogue", "threshold_text"]

#: Thresholds that are shares (shown as percentages).
SHARES = frozenset(
    {
        "gap_ratio",
        "gap_broker_share",
        "key_players_min_increase",
        "key_players_high_increase",
        "hub_share",
        "hub_share_high",
        "centralization",
        "isolated_high_share",
        "one_sided_min_share",
        "one_sided_medium_share",
        "low_tie_share",
        "broker_min_share",
        "response_high",
        "response_directional",
    }
)

MARGIN = ("action.margin.funding", "action.margin.policy", "action.margin.public_will")

#: Message keys of each rule: (finding id prefix, statement keys, action keys).
MESSAGES: dict[str, list[tuple[str, tuple[str, ...], tuple[str, ...]]]] = {
    "sector_gaps": [
        (
            "sector_gap",
            ("sector_gap.none", "sector_gap.few", "gap_broker", "gap_broker.backbone"),
            (
                "action.sector_gap",
                "action.sector_gap.funding",
                "action.sector_gap.policy",
                "action.sector_gap.public_will",
                "action.gap_broker",
            ),
        ),
        ("sector_mixing", ("sector_mixing",), ("action.sector_mixing",)),
        (
            "group_gap",
            ("group_gap.none", "group_gap.few", "gap_broker", "gap_broker.backbone"),
            (
                "action.sector_gap",
                "action.sector_gap.funding",
                "action.sector_gap.policy",
                "action.sector_gap.public_will",
                "action.gap_broker",
            ),
        ),
        ("group_mixing", ("group_mixing",), ("action.group_mixing",)),
    ],
    "single_points_of_failure": [
        (
            "single_point_of_failure",
            ("single_point_of_failure",),
            ("action.single_point_of_failure",),
        ),
    ],
    "key_players": [("key_players", ("key_players", "key_players.one"), ("action.key_players",))],
    "over_reliance": [
        (
            "over_reliance",
            ("over_reliance.backbone", "over_reliance.hub"),
            ("action.over_reliance.backbone", "action.over_reliance.hub"),
        ),
        ("centralization", ("centralization",), ("action.centralization",)),
    ],
    "isolated_peripheral": [
        (
            "isolated",
            ("isolated", "isolated.one", "isolated.nonrespondents", "isolated.nonrespondents.one"),
            ("action.isolated", *MARGIN),
        ),
        ("peripheral", ("peripheral", "peripheral.one"), ("action.peripheral", *MARGIN)),
    ],
    "non_respondents": [
        (
            "named_not_responding",
            ("named_not_responding", "named_not_responding.one"),
            ("action.named_not_responding",),
        ),
        ("not_on_roster", ("not_on_roster", "not_on_roster.one"), ("action.not_on_roster",)),
    ],
    "one_sided_ties": [("one_sided_ties", ("one_sided_ties",), ("action.one_sided_ties",))],
    "weak_bridges": [
        (
            "weak_bridge",
            (
                "weak_bridge.bridge",
                "weak_bridge.sector",
                "weak_bridge.sector.one",
                "weak_bridge.span",
            ),
            ("action.weak_bridge",),
        ),
        ("weak_cross_sector", ("weak_cross_sector",), ("action.weak_cross_sector",)),
    ],
    "low_trust_value": [
        ("low_trust", ("low_trust",), ("action.low_trust",)),
        ("low_value", ("low_value",), ("action.low_value",)),
        ("low_trust_ties", ("low_trust_ties",), ("action.low_trust_ties",)),
        ("low_value_ties", ("low_value_ties",), ("action.low_value_ties",)),
    ],
    "clusters": [
        (
            "clusters_apart",
            ("clusters_apart.none", "clusters_apart.few"),
            ("action.clusters_apart",),
        ),
        ("cluster_broker", ("cluster_broker",), ("action.cluster_broker",)),
    ],
    "plan_vs_reality": [
        (
            "plan_missing",
            ("plan_missing", "plan_missing.within", "plan_short", "plan_short.within"),
            ("action.plan_missing", "action.plan_missing.within"),
        ),
        (
            "plan_unplanned",
            (
                "plan_unplanned",
                "plan_unplanned.one",
                "plan_unplanned.within",
                "plan_unplanned.within.one",
            ),
            ("action.plan_unplanned",),
        ),
        ("plan_missing_ties", ("plan_missing_ties",), ("action.plan_missing_ties",)),
        ("plan_unplanned_ties", ("plan_unplanned_ties",), ("action.plan_unplanned",)),
    ],
    "introductions": [
        ("introduction", ("introduction.two", "introduction.three"), ("action.introduction",)),
    ],
    "data_quality": [
        (
            "response_rate",
            ("response_rate.high", "response_rate.directional", "response_rate.caution"),
            ("action.response_rate.high", "action.response_rate.low"),
        ),
        ("ingest_problems", ("ingest_problems",), ("action.ingest_problems",)),
        (
            "robustness",
            (
                "robustness.stable",
                "robustness.stable.one",
                "robustness.unstable",
                "robustness.skipped",
            ),
            ("action.robustness.stable", "action.robustness.unstable", "action.robustness.skipped"),
        ),
    ],
}


def findings_catalogue(lang: str = "en") -> pd.DataFrame:
    """Every finding the rules can produce, with its wording in `lang`.

    Parameters
    ----------
    lang : {"en", "de"}, default="en"
        Language of titles, meanings, metric definitions and message templates.

    Returns
    -------
    pandas.DataFrame
        One row per kind of finding, indexed by ``finding`` (the id prefix,
        e.g. ``sector_gap``), with columns ``rule``, ``title``, ``meaning``
        (what it means for a backbone organization), ``metric``,
        ``reference``, ``activities`` (backbone activities of the rule, in
        `lang`), ``thresholds`` (``name=default`` of the parameters the rule
        reads, ``"; "``-joined), ``statements`` and ``actions`` (the message
        templates, ``" | "``-joined; fields in braces).

    Examples
    --------
    >>> table = findings_catalogue("de")
    >>> table.loc["sector_gap", "title"]
    'Lücken zwischen Sektoren'
    >>> table.loc["sector_gap", "thresholds"].split("; ")[0]
    'gap_ratio=0.25'
    """
    lang = check_lang(lang)
    messages = _messages(DOMAIN, lang)
    rows = []
    for rule, kinds in MESSAGES.items():
        spec = RULES[rule]
        for finding, statements, actions in kinds:
            rows.append(
                {
                    "finding": finding,
                    "rule": rule,
                    "title": messages[f"rule.{rule}.title"],
                    "meaning": messages[f"rule.{rule}.meaning"],
                    "metric": messages[f"metric.{rule}"],
                    "reference": spec.reference,
                    "activities": ", ".join(messages[f"activity.{a}"] for a in spec.activities),
                    "thresholds": "; ".join(f"{p}={DEFAULT_THRESHOLDS[p]}" for p in spec.params),
                    "statements": " | ".join(messages[k] for k in statements),
                    "actions": " | ".join(messages[k] for k in actions),
                }
            )
    return pd.DataFrame(rows).set_index("finding")


def threshold_text(threshold: Mapping[str, object], lang: str = "en") -> str:
    """The thresholds a finding used, in words: ``"label: value; ..."`` in `lang`.

    Shares are percentages, numbers are formatted for `lang`, the tie
    strength attribute is named in words.

    Examples
    --------
    >>> threshold_text({"gap_ratio": 0.25, "sector_gap_min_size": 2}, "en")
    'few ties up to this share of the expected number: 25%; smallest group assessed: 2'
    """
    lang = check_lang(lang)
    keys = _messages(DOMAIN, lang)
    parts = []
    for name, value in threshold.items():
        label = keys.get(f"threshold.{name}", name)
        if isinstance(value, bool) or value is None:
            shown = str(value)
        elif name in SHARES and isinstance(value, (int, float)):
            shown = format_percent(float(value), lang)
        elif isinstance(value, (int, float)):
            shown = format_number(value, lang, digits=2)
        elif f"attribute.{value}" in keys:
            shown = message(DOMAIN, f"attribute.{value}", lang)
        else:
            shown = str(value)
        parts.append(f"{label}: {shown}")
    return "; ".join(parts)
