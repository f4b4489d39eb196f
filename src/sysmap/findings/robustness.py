"""Robustness: whether a finding's conclusion holds under the alternative networks.

How reported ties become ties (the tie rule) and what to do about members who
did not answer are method choices (:mod:`sysmap.build.ties`). The engine runs
the rules on the main network and again on each alternative: the other tie
rules and the network without the non-respondents. This module says, in one
place, what it means for a finding to survive that: :func:`conclusion_change`
is the definition, :func:`assess` applies it to every finding and words the
result, and :func:`robustness_summary` states the share of robust findings.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pandas as pd

from .._attributes import is_missing
from ..i18n import Joined, Msg
from ._context import Context
from .model import Finding
from .rules import RULES
from .rules._base import finding

__all__ = ["Change", "Presence", "assess", "conclusion_change", "robustness_summary"]


@dataclass(frozen=True)
class Presence:
    """The actors and groups of one alternative network (who can be checked there)."""

    actors: frozenset
    groups: frozenset

    @classmethod
    def of(cls, G: nx.Graph, attributes: Iterable[str]) -> Presence:
        """The actors of `G` and the values of its group `attributes`."""
        groups = {
            g
            for attribute in attributes
            for _, g in G.nodes(data=attribute, default=None)
            if not is_missing(g)
        }
        return cls(frozenset(G.nodes), frozenset(groups))

    def tests(self, f: Finding) -> bool:
        """Whether the network holds what `f` is about, so that it can test `f`.

        A finding about one subject (an id ``kind:subject``: a gap between two
        sectors, one actor, one tie) needs all the actors and groups it names;
        a finding that lists actors (an id without a subject) needs at least
        one of them; a finding that names nothing is about the whole network.
        """
        if any(g not in self.groups for g in f.groups):
            return False
        if not f.actors:
            return True
        inside = [a in self.actors for a in f.actors]
        return all(inside) if ":" in f.id else any(inside)


@dataclass(frozen=True)
class Change:
    """How a finding's conclusion differs under one alternative network.

    Attributes
    ----------
    gone : bool
        The alternative has no counterpart of the finding.
    severity : str or None
        The counterpart's severity when it differs.
    dropped : tuple
        Actors the finding names that are in the alternative network but
        that its counterpart no longer names.
    """

    gone: bool = False
    severity: str | None = None
    dropped: tuple = ()


def conclusion_change(
    f: Finding, counterpart: Finding | None, present: Iterable[Hashable]
) -> Change | None:
    """How the conclusion of `f` changes under one alternative network; None if it holds.

    **Definition.** A finding's *conclusion* is what it names (the actors
    and groups in ``Finding.actors`` and ``Finding.groups``) and its severity
    class. The conclusion holds under an alternative network when the rule
    finds the counterpart there (the finding with the same id; for clusters,
    whose ids depend on their hubs, the finding whose clusters overlap,
    ``Rule.match``) with the same severity, naming again every actor of `f`
    that the alternative network contains. Naming more actors does not
    change the conclusion (under stricter rules more partners can be
    isolated; the ones named are still isolated), and actors the alternative
    leaves out (non-respondents) are not compared. A finding is **robust**
    when its conclusion holds under every alternative network that contains
    what it is about (:meth:`Presence.tests`).

    The numbers in the statement may differ: a sector pair without a tie
    under every rule is robust even though the expected number of ties
    changes with the rule. To make that so, a rule re-checking a main finding
    on an alternative network leaves out the conditions that only decide
    whether a finding is worth reporting (``Context.rechecks``).

    Parameters
    ----------
    f : Finding
        A finding of the main network.
    counterpart : Finding or None
        Its counterpart under the alternative network, if the rule found one.
    present : iterable
        The actors of the alternative network.

    Returns
    -------
    Change or None
    """
    if counterpart is None:
        return Change(gone=True)
    present = set(present)
    theirs = set(counterpart.actors)
    dropped = tuple(a for a in f.actors if a in present and a not in theirs)
    severity = counterpart.severity if counterpart.severity != f.severity else None
    if severity is None and not dropped:
        return None
    return Change(severity=severity, dropped=dropped)


def _counterpart(f: Finding, found: Sequence[Finding], match: Callable | None) -> Finding | None:
    for g in found:
        if match(f, g) if match is not None else g.id == f.id:
            return g
    return None


def _explain(ctx: Context, f: Finding, variant: str, change: Change) -> Msg:
    """One sentence: under which alternative the conclusion changes, and how."""
    say = ctx.text
    when = say.say(f"when.{variant}")
    if change.gone:
        return say.say("change.gone", when=when)
    names = say.names([ctx.name(a) for a in change.dropped])
    if change.severity is None:
        return say.say("change.names", when=when, names=names)
    severity = say.say(f"severity.{change.severity}")
    main = say.say(f"severity.{f.severity}")
    if change.dropped:
        key, names = "change.severity_names", {"names": names}
    else:
        key, names = "change.severity", {}
    return say.say(key, when=when, severity=severity, main=main, **names)


def assess(
    ctx: Context,
    results: dict[str, list[Finding]],
    alternatives: dict[str, tuple[nx.Graph, dict[str, list[Finding]]]],
    reason: Msg | None,
) -> tuple[list[Finding], Finding | None, pd.DataFrame]:
    """Mark every main finding robust or not, with the words that say why.

    Parameters
    ----------
    ctx : Context
        The main network's context (names, reports, words).
    results : dict
        Rule name -> findings of the main network.
    alternatives : dict
        Alternative name -> (its network, rule name -> its findings).
    reason : Msg or None
        Why no alternative was checked (None when some were).

    Returns
    -------
    findings : list of Finding
        The main findings with ``robust`` and ``robustness_note`` set.
    summary : Finding or None
        The data-quality finding ``robustness`` (:func:`robustness_summary`).
    alternatives_only : pandas.DataFrame
        Findings of the alternatives without a counterpart among the main
        findings (``id``, ``rule``, ``severity``, ``statement``, ``variants``).
    """
    say = ctx.text
    attributes = ctx.attributes or ([ctx.group] if ctx.group is not None else [])
    presence = {name: Presence.of(G, attributes) for name, (G, _) in alternatives.items()}
    matched: dict[str, set[str]] = {name: set() for name in alternatives}
    out: list[Finding] = []
    checked: list[Finding] = []
    for rule_name, found in results.items():
        spec = RULES[rule_name]
        for f in found:
            if spec.data_only:
                robust, note = None, say.say("robust.data")
            elif spec.from_reports and ctx.D is not None and alternatives:
                robust, note = True, say.say("robust.reports")
            elif not alternatives:
                robust, note = None, say.say("robust.not_checked", reason=reason)
            else:
                holds, changes = [], []
                for name, (_, by_rule) in alternatives.items():
                    other = _counterpart(f, by_rule.get(rule_name, []), spec.match)
                    if other is not None:
                        matched[name].add(other.id)
                    if not presence[name].tests(f):
                        continue
                    change = conclusion_change(f, other, presence[name].actors)
                    if change is None:
                        holds.append(say.say(f"variant.{name}"))
                    else:
                        changes.append(_explain(ctx, f, name, change))
                if changes:
                    robust, note = False, say.say("robust.no", changes=Joined(changes))
                elif holds:
                    robust, note = True, say.say("robust.yes", variants=say.names(holds, 10))
                else:
                    robust, note = None, say.say("robust.untested")
                if robust is not None:
                    checked.append(f.with_robustness(robust, note))
            out.append(f.with_robustness(robust, note))
    summary = robustness_summary(ctx, checked, reason if not alternatives else None)
    return out, summary, _alternatives_only(ctx, results, alternatives, matched)


def robustness_summary(ctx: Context, checked: list[Finding], reason: Msg | None) -> Finding | None:
    """The data-quality finding that sums up the robustness check.

    Its statement gives the share of robust findings among those checked;
    its evidence lists the others with the sentence that says under which
    rule each one's conclusion changes and how. None when nothing was
    checked although alternatives exist.
    """
    say = ctx.text
    if reason is not None:
        return finding(
            ctx,
            "data_quality",
            "robustness",
            "info",
            say.say("robustness.skipped", reason=reason),
            say.say("action.robustness.skipped"),
            "shared_measurement",
            pd.DataFrame(),
            {"checked": 0, "robust": 0, "not_robust": 0},
        ).with_robustness(None, say.say("robust.data"))
    if not checked:
        return None
    fragile = [f for f in checked if f.robust is False]
    n, k = len(checked), len(checked) - len(fragile)
    values: dict[str, Any] = {"checked": n, "robust": k, "not_robust": len(fragile), "share": k / n}
    evidence = pd.DataFrame(
        {
            "id": [f.id for f in fragile],
            "severity": [f.severity for f in fragile],
            "robustness_note": pd.Series([f.robustness_note for f in fragile], dtype=object),
        }
    )
    if fragile:
        statement = say.say(
            "robustness.unstable",
            share=say.percent(k / n),
            robust=k,
            checked=n,
            unstable=len(fragile),
        )
    else:
        statement = say.say("robustness.stable", n=n, checked=n)
    return finding(
        ctx,
        "data_quality",
        "robustness",
        "low" if fragile else "info",
        statement,
        say.say("action.robustness.unstable" if fragile else "action.robustness.stable"),
        "shared_measurement",
        evidence,
        values,
    ).with_robustness(None, say.say("robust.data"))


def _alternatives_only(
    ctx: Context,
    results: dict[str, list[Finding]],
    alternatives: dict[str, tuple[nx.Graph, dict[str, list[Finding]]]],
    matched: dict[str, set[str]],
) -> pd.DataFrame:
    main_ids = {f.id for found in results.values() for f in found}
    rows: dict[str, dict[str, Any]] = {}
    for name, (_, by_rule) in alternatives.items():
        for found in by_rule.values():
            for g in found:
                if g.id in main_ids or g.id in matched[name]:
                    continue
                row = rows.setdefault(
                    g.id,
                    {
                        "id": g.id,
                        "rule": g.rule,
                        "severity": g.severity,
                        "statement": g.statement,
                        "variants": [],
                    },
                )
                row["variants"].append(ctx.text.say(f"variant.{name}"))
    for row in rows.values():
        row["variants"] = Joined(row["variants"], ", ")
    columns = ["id", "rule", "severity", "statement", "variants"]
    frame = pd.DataFrame(list(rows.values()), columns=columns, dtype=object)  # keeps messages
    return frame.sort_values("id").reset_index(drop=True)
