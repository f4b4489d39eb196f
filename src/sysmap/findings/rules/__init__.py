r"""The findings rules: each turns measures of one network into zero or more findings.

Every rule is a function ``rule(context, thresholds) -> list[Finding]``,
registered with :func:`~sysmap.findings.rules._base.register` and listed in
:data:`RULES` in a fixed order (the order of the report). A rule returns its
findings most important first; the engine ranks them overall by severity and
keeps at most ``thresholds.max_per_rule`` per rule. A rule that cannot run on
the input (no sector attribute, no plan, no ratings...) raises
``RuleSkipped`` with the reason, which ends up in ``Findings.skipped``.

The rules come in families, one module each: :mod:`.gaps` (sector gaps, plan
versus reality), :mod:`.fragmentation` (single points of failure, key
players, over-reliance on one hub), :mod:`.periphery` (isolated and
peripheral partners, non-respondents, one-sided ties), :mod:`.ties` (weak
bridges, trust and value), :mod:`.clusters`, :mod:`.introductions` and
:mod:`.data_quality`. Statements, actions and metric definitions are keys of
the ``findings`` message catalogue (``sysmap/locales/<lang>/findings.json``),
rendered in a language only when shown; the citations are in
:mod:`sysmap.findings.references`.
"""

from __future__ import annotations

# the families register their rules when imported
from . import clusters, data_quality, fragmentation, gaps, introductions, periphery, ties  # noqa: F401
from ._base import REGISTRY, Rule

__all__ = ["RULES", "Rule", "rule_names"]

#: The rules, in report order: name -> :class:`Rule`.
RULES: dict[str, Rule] = {
    name: REGISTRY[name]
    for name in (
        "sector_gaps",
        "single_points_of_failure",
        "key_players",
        "over_reliance",
        "isolated_peripheral",
        "non_respondents",
        "one_sided_ties",
        "weak_bridges",
        "low_trust_value",
        "clusters",
        "plan_vs_reality",
        "introductions",
        "data_quality",
    )
}


def rule_names() -> list[str]:
    """The rule names, in report order."""
    return list(RULES)
