"""What every findings rule shares: the registry, building a finding, ranking candidates."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .._context import Context
from ..model import Finding
from ..references import REFERENCES
from ..thresholds import Thresholds

__all__ = ["REGISTRY", "Rule", "collect", "finding", "pair_id", "real", "register"]

#: Between the two sides of a finding's subject (two groups, two actors).
SUBJECT_SEPARATOR = " ↔ "


@dataclass(frozen=True)
class Rule:
    """One registered rule.

    Attributes
    ----------
    name : str
        Key of the rule (``Finding.rule``).
    func : callable
        ``func(context, thresholds) -> list[Finding]``.
    params : tuple of str
        The :class:`~sysmap.findings.Thresholds` fields it reads.
    reference : str
        Citation of the method (from :data:`~sysmap.findings.references.REFERENCES`).
    activities : tuple of str
        Backbone activities its actions belong to.
    from_reports : bool
        Computed from the survey reports themselves (not from the network built
        with a tie rule), so other rules cannot change it.
    data_only : bool
        Describes the data, not the network (robustness does not apply).
    match : callable or None
        ``match(finding, other) -> bool``: whether a finding of this rule
        under an alternative network is the counterpart of `finding`. None
        means "the same id"; clusters match by overlapping members (their ids
        depend on their hubs).
    family : str
        The family of rules it belongs to (its module in
        :mod:`sysmap.findings.rules`: ``gaps``, ``fragmentation``,
        ``periphery``, ``ties``, ``clusters``, ``introductions``,
        ``data_quality``), a theme for grouping findings.
    """

    name: str
    func: Callable[[Context, Thresholds], list[Finding]] = field(repr=False)
    params: tuple[str, ...] = ()
    reference: str = field(default="", repr=False)
    activities: tuple[str, ...] = ()
    from_reports: bool = False
    data_only: bool = False
    match: Callable[[Finding, Finding], bool] | None = field(default=None, repr=False)
    family: str = ""

    def __call__(self, context: Context, thresholds: Thresholds) -> list[Finding]:
        return self.func(context, thresholds)


#: Every registered rule by name, in registration order
#: (:data:`sysmap.findings.RULES` puts them in report order).
REGISTRY: dict[str, Rule] = {}


def register(
    name: str,
    *,
    params: tuple[str, ...],
    reference: str,
    activities: tuple[str, ...],
    from_reports: bool = False,
    data_only: bool = False,
    match: Callable | None = None,
):
    """Register the decorated function as the rule `name` (`reference`: a key of REFERENCES)."""

    def wrap(func):
        family = func.__module__.rsplit(".", 1)[-1]
        REGISTRY[name] = Rule(
            name,
            func,
            params,
            REFERENCES[reference],
            activities,
            from_reports,
            data_only,
            match,
            family,
        )
        return func

    return wrap


def finding(
    ctx: Context,
    rule: str,
    id: str,  # noqa: A002 - the Finding field
    severity: str,
    statement: str,
    action: str,
    activity: str,
    evidence: pd.DataFrame,
    values: dict[str, Any],
    *,
    actors: tuple | list = (),
    groups: tuple | list = (),
    subject: str | None = None,
) -> Finding:
    """A finding of `rule`, with the rule's thresholds, metric and reference filled in.

    `subject` defaults to the groups it names (``"A – B"``), else the names of
    the one or two actors it names (:attr:`Finding.subject`).
    """
    spec = REGISTRY[rule]
    t = ctx.thresholds
    if subject is None:
        if groups:
            subject = SUBJECT_SEPARATOR.join(map(str, groups))
        elif 0 < len(actors) <= 2:
            subject = SUBJECT_SEPARATOR.join(ctx.name(a) for a in actors)
        else:
            subject = ""
    return Finding(
        id=id,
        rule=rule,
        severity=severity,
        statement=statement,
        evidence=evidence,
        values=values,
        threshold={p: getattr(t, p) for p in spec.params},
        metric=ctx.text.say(f"metric.{rule}"),
        reference=spec.reference,
        action=action,
        activity=activity,
        actors=tuple(actors),
        groups=tuple(groups),
        subject=subject,
    )


def pair_id(a: object, b: object) -> str:
    """``"a|b"`` with the two labels sorted as text (the subject of a pair's finding id)."""
    x, y = sorted([str(a), str(b)])
    return f"{x}|{y}"


def real(value: object) -> float:
    """`value` as a float, NaN when it is not a number."""
    try:
        out = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan
    return out


@dataclass(frozen=True)
class Candidate:
    """A finding not built yet: its rank key, id, and how to build it."""

    order: tuple
    id: str
    build: Callable[[], Finding]


def collect(
    ctx: Context, candidates: list[Candidate], limit: int | None = None, count: bool = True
) -> list[Finding]:
    """Build the candidates worth building, most important first.

    Per kind of finding (id prefix) the first `limit` (default
    ``thresholds.max_per_rule``) are built, plus any whose id the engine
    wants (the main findings, when checking an alternative rule). Building
    statements and evidence is the costly part on large networks.
    """
    limit = ctx.thresholds.max_per_rule if limit is None else limit
    wanted = ctx.wanted or set()
    seen: dict[str, int] = {}
    out = []
    for c in sorted(candidates, key=lambda c: (c.order, c.id)):
        kind = c.id.split(":")[0]
        seen[kind] = seen.get(kind, 0) + 1
        if seen[kind] <= limit or c.id in wanted:
            out.append(c.build())
    if count:
        for kind, n in seen.items():
            if n > limit:
                ctx.totals[kind] = (limit, n)
    return out
