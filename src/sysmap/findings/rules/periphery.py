"""Partners at the margin: isolated and peripheral partners, non-respondents, one-sided ties."""

from __future__ import annotations

from collections.abc import Hashable

from ...io.model import DID_NOT_RESPOND, NOT_ON_ROSTER, RESPONDED
from .._context import Context, RuleSkipped
from ..groups import sector_role
from ..model import Finding
from ..thresholds import Thresholds
from ._base import finding, real, register

__all__ = ["isolated_peripheral", "non_respondents", "one_sided_ties"]


def _margin_action(ctx: Context, actors: list[Hashable], key: str) -> tuple[object, str]:
    """The action for partners at the margin, and its backbone activity.

    When more than half of the partners are funders, public offices or civil
    society (by their group, :func:`~sysmap.findings.groups.sector_role`), the
    action fits them: mobilize funding, advance policy, build public will;
    else support aligned activities with `key`.
    """
    roles = [sector_role(ctx.group_of(v)) for v in actors]
    for role in ("funding", "policy", "public_will"):
        if roles.count(role) > len(actors) / 2:
            return ctx.text.say(f"action.margin.{role}"), role
    return ctx.text.say(key), "aligned_activities"


@register(
    "isolated_peripheral",
    params=("isolated_high_share",),
    reference="wasserman_faust_1994",
    activities=("aligned_activities", "public_will", "policy", "funding"),
)
def isolated_peripheral(ctx: Context, t: Thresholds) -> list[Finding]:
    """Partners with no tie (isolated) and partners with exactly one (peripheral).

    Isolated partners are medium severity, high when they are at least
    ``isolated_high_share`` of all actors; peripheral partners are low.
    Non-respondents nobody named are isolated too: the statement says how
    many of the isolated partners did not answer the survey. When more than
    half of them are civil society (or funders, or public offices), the
    action is to build public will (mobilize funding, advance policy):
    see :func:`_margin_action`.
    """
    say = ctx.text
    isolated = [v for v in ctx.nodes if ctx.degree[v] == 0]
    peripheral = [v for v in ctx.nodes if ctx.degree[v] == 1]
    out = []
    if isolated:
        silent = [v for v in isolated if ctx.status.get(v) == DID_NOT_RESPOND]
        n_iso = len(isolated)
        key = "isolated.nonrespondents" if silent else "isolated"
        share = n_iso / ctx.n
        action, activity = _margin_action(ctx, isolated, "action.isolated")
        out.append(
            finding(
                ctx,
                "isolated_peripheral",
                "isolated",
                "high" if share >= t.isolated_high_share else "medium",
                say.say(
                    key,
                    n=n_iso,
                    count=n_iso,
                    k=len(silent),
                    name=ctx.name(isolated[0]),
                    names=say.names([ctx.name(v) for v in isolated]),
                ),
                action,
                activity,
                ctx.actor_table(isolated),
                {
                    "isolated": n_iso,
                    "share": share,
                    "did_not_respond": len(silent),
                    "actors": isolated,
                },
                actors=isolated,
            )
        )
    if peripheral:
        contacts = [next(u for u in ctx.G[v] if u != v) for v in peripheral]
        n_per = len(peripheral)
        action, activity = _margin_action(ctx, peripheral, "action.peripheral")
        evidence = ctx.actor_table(
            peripheral, contact=contacts, contact_name=[ctx.name(u) for u in contacts]
        )
        out.append(
            finding(
                ctx,
                "isolated_peripheral",
                "peripheral",
                "low",
                say.say(
                    "peripheral",
                    n=n_per,
                    count=n_per,
                    name=ctx.name(peripheral[0]),
                    contact=ctx.name(contacts[0]),
                    names=say.names([ctx.name(v) for v in peripheral]),
                ),
                action,
                activity,
                evidence,
                {"peripheral": n_per, "share": n_per / ctx.n, "actors": peripheral},
                actors=peripheral,
            )
        )
    return out


def _named_by(ctx: Context) -> dict[Hashable, int]:
    """How many actors named each actor: in-degree of the reports, else degree."""
    if ctx.D is not None:
        D = ctx.D
        return {v: sum(1 for u in D.pred[v] if u != v) for v in D}
    return dict(ctx.degree)


@register(
    "non_respondents",
    params=("nonrespondent_central",),
    reference="smith_moody_2013",
    activities=("shared_measurement", "public_will"),
    from_reports=True,
)
def non_respondents(ctx: Context, t: Thresholds) -> list[Finding]:
    """Members named by others who did not answer, and organizations named but not on the list.

    ``named_not_responding`` lists members with status ``did_not_respond``
    that at least one respondent named (medium when one of them was named by
    ``nonrespondent_central`` or more, else low): their own view of their ties
    is missing. ``not_on_roster`` lists organizations named as partners that
    are not on the member list (low).
    """
    statuses = {v: s for v, s in (ctx.D or ctx.G).nodes(data="status", default=None)}
    if not any(s in (RESPONDED, DID_NOT_RESPOND) for s in statuses.values()):
        raise RuleSkipped("skip.no_status")
    say = ctx.text
    named = _named_by(ctx)
    out = []
    silent = [
        v
        for v in sorted(statuses, key=str)
        if statuses[v] == DID_NOT_RESPOND and named.get(v, 0) > 0
    ]
    silent.sort(key=lambda v: (-named[v], str(v)))
    if silent:
        k = len(silent)
        top = named[silent[0]]
        out.append(
            finding(
                ctx,
                "non_respondents",
                "named_not_responding",
                "medium" if top >= t.nonrespondent_central else "low",
                say.say(
                    "named_not_responding",
                    n=k,
                    count=k,
                    name=ctx.name(silent[0]),
                    mentions=say.count(top, "mention"),
                    names=say.names([ctx.name(v) for v in silent]),
                ),
                say.say("action.named_not_responding"),
                "shared_measurement",
                ctx.actor_table(silent, named_by=[named[v] for v in silent]),
                {"count": k, "most_named": top, "actors": silent},
                actors=silent,
            )
        )
    outside = [v for v in statuses if statuses[v] == NOT_ON_ROSTER]
    outside.sort(key=lambda v: (-named.get(v, 0), str(v)))
    if outside:
        k = len(outside)
        out.append(
            finding(
                ctx,
                "non_respondents",
                "not_on_roster",
                "low",
                say.say(
                    "not_on_roster",
                    n=k,
                    count=k,
                    name=ctx.name(outside[0]),
                    names=say.names([ctx.name(v) for v in outside]),
                ),
                say.say("action.not_on_roster"),
                "public_will",
                ctx.actor_table(outside, named_by=[named.get(v, 0) for v in outside]),
                {"count": k, "actors": outside},
                actors=outside,
            )
        )
    return out


@register(
    "one_sided_ties",
    params=("one_sided_min_share", "one_sided_medium_share"),
    reference="wasserman_faust_1994",
    activities=("shared_measurement",),
    from_reports=True,
)
def one_sided_ties(ctx: Context, t: Thresholds) -> list[Finding]:
    """Ties between two respondents that only one side named.

    Among pairs of respondents where at least one named the other, the share
    named by one side only. Reported from ``one_sided_min_share`` (low),
    medium from ``one_sided_medium_share``. The evidence lists each one-sided
    tie with ``source`` = the side that named it.
    """
    D = ctx.D
    if D is None:
        raise RuleSkipped("skip.no_reports")
    status = dict(D.nodes(data="status", default=None))
    if not any(s == RESPONDED for s in status.values()):
        raise RuleSkipped("skip.no_status")
    pairs: set[tuple] = set()
    one_sided = []
    for u, v in D.edges():
        if u == v or status.get(u) != RESPONDED or status.get(v) != RESPONDED:
            continue
        key = (u, v) if str(u) <= str(v) else (v, u)
        pairs.add(key)
        if not D.has_edge(v, u):
            one_sided.append((u, v))
    total = len(pairs)
    if not total:
        return []
    share = len(one_sided) / total
    if share < t.one_sided_min_share or not one_sided:
        return []
    one_sided.sort(key=lambda p: (str(p[0]), str(p[1])))
    say = ctx.text
    strength = t.tie_strength
    extra = {}
    if any(strength in D.edges[p] for p in one_sided):
        extra[strength] = [real(D.edges[p].get(strength)) for p in one_sided]
    return [
        finding(
            ctx,
            "one_sided_ties",
            "one_sided_ties",
            "medium" if share >= t.one_sided_medium_share else "low",
            say.say("one_sided_ties", n=len(one_sided), total=total, share=say.percent(share)),
            say.say("action.one_sided_ties"),
            "shared_measurement",
            ctx.tie_table(one_sided, **extra),
            {"one_sided": len(one_sided), "pairs": total, "share": share},
        )
    ]
