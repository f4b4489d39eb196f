r"""Gaps between groups: sectors that hardly work together, and the plan versus reality."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ...i18n import Joined
from .._context import Context, RuleSkipped
from .._text import group_text
from ..groups import sector_role
from ..model import Finding
from ..thresholds import Thresholds
from ._base import finding, pair_id, register

__all__ = ["plan_vs_reality", "sector_gaps"]


def _ids(ctx: Context) -> tuple[str, str]:
    """Id prefixes of a gap and of the silo finding: ``sector_gap`` and ``sector_mixing``
    for the attribute ``sector``, ``group_gap:<attribute>`` and ``group_mixing:<attribute>``
    for any other."""
    if ctx.group == "sector":
        return "sector_gap", "sector_mixing"
    return f"group_gap:{ctx.group}", f"group_mixing:{ctx.group}"


def _gap_broker(ctx: Context, a: object, b: object) -> tuple[object, float] | None:
    """The actor the largest share of shortest paths between members of `a` and `b` runs
    through, and that share; None when no member of `a` reaches one of `b`.

    The share is the actor's betweenness counted over the connected pairs of a
    member of `a` and a member of `b` (each pair split equally over its shortest
    paths), divided by the number of those pairs it is not part of: the
    group-to-group betweenness of Everett and Borgatti (1999), as
    ``path_share`` of :func:`sysmap.metrics.group_splits`. igraph's subset
    betweenness counts each pair of an undirected graph in both directions and
    halves the sum, so one pass from `a` to `b` is doubled.
    On networks whose measures are sampled (:mod:`sysmap.metrics.store`), at most as
    many members of `a` as the store samples are the sources (seeded).
    """
    labels = [ctx.groups.get(v) for v in ctx.nodes]
    A = [i for i, g in enumerate(labels) if g == a]
    B = [i for i, g in enumerate(labels) if g == b]
    k = ctx.measures.sample
    if k is not None and len(A) > k:
        rng = np.random.default_rng(ctx.seed)
        A = sorted(rng.choice(A, size=k, replace=False).tolist())
    comps = ctx.components
    size = int(comps.max()) + 1
    in_a, in_b = np.bincount(comps[A], minlength=size), np.bincount(comps[B], minlength=size)
    pairs = float(in_b[comps[A]].sum())
    if not pairs:
        return None
    # each actor's share among the connected pairs it is not part of
    own = np.zeros(ctx.n)
    own[A] += in_b[comps[A]]
    own[B] += in_a[comps[B]]
    others = pairs - own
    raw = 2 * np.asarray(ctx.igraph.betweenness(sources=A, targets=B))
    through = np.divide(raw, others, out=np.zeros(ctx.n), where=others > 0)
    best = int(np.lexsort((np.arange(ctx.n), -through))[0])
    return ctx.nodes[best], float(through[best])


def _gap_action(ctx: Context, a: object, b: object) -> tuple[object, str]:
    """The suggested action for a gap between `a` and `b` and its backbone activity:
    mobilize funding when one side funds, advance policy when one side is the public
    administration, build public will when one side is civil society, else support
    aligned activities (:func:`~sysmap.findings.groups.sector_role`)."""
    say = ctx.text
    roles = {sector_role(a): a, sector_role(b): b}
    for role, key in (("funding", "funder"), ("policy", "public"), ("public_will", "civil")):
        if role in roles:
            side = roles[role]
            other = b if side == a else a
            return say.say(f"action.sector_gap.{role}", **{key: str(side)}, other=str(other)), role
    return say.say("action.sector_gap", a=str(a), b=str(b)), "aligned_activities"


@register(
    "sector_gaps",
    params=("gap_ratio", "gap_min_expected", "sector_gap_min_size", "ei_gap", "gap_broker_share"),
    reference="krackhardt_stern_1988",
    activities=("aligned_activities", "funding", "policy", "public_will", "vision_strategy"),
)
def sector_gaps(ctx: Context, t: Thresholds) -> list[Finding]:
    """Pairs of groups with no or very few ties for their sizes, who holds them together,
    and silos overall; for every group attribute compared (sector, region, ...).

    For groups *a* and *b* with :math:`n_a n_b` possible ties, the expected
    number of ties is :math:`n_a n_b \\bar d`, with :math:`\\bar d` the density
    of ties between different groups in the whole network. A pair with at
    least ``gap_min_expected`` expected ties is a gap when it has no tie
    (severity high) or at most ``gap_ratio`` times the expected number
    (medium). When at least ``gap_broker_share`` of the shortest paths between
    the members of the two groups run through one actor, the gap names it: it
    holds the two groups together (:func:`_gap_broker`). The action fits the
    groups: mobilize funding with a funder, advance policy with the public
    administration, build public will with civil society, else support aligned
    activities. The network finding ``sector_mixing`` (low) reports when the
    E-I index is ``ei_gap`` or more below its value under random mixing.
    Actors without a group value count in all numbers, in their explicit
    groups ("not on the member list", "unknown"), but those groups are not
    groups of the attribute: no gap is reported for a pair that includes one.

    Ids: ``sector_gap:<a>|<b>`` and ``sector_mixing`` for the attribute
    ``sector``; ``group_gap:<attribute>:<a>|<b>`` and
    ``group_mixing:<attribute>`` for the others.

    The group sizes and the expected count decide whether a pair is worth
    reporting; its conclusion is the number of ties. When the engine
    re-checks a gap under an alternative network, these two conditions are
    not applied again, so that a pair without a tie under every rule stays
    the same finding (see :mod:`sysmap.findings.robustness`).
    """
    views = [view for view in ctx.group_contexts if view.has_group]
    if not views:
        if ctx.group is None:
            raise RuleSkipped("skip.no_groups")
        raise RuleSkipped("skip.no_group", group=ctx.group)
    out: list[Finding] = []
    for view in views:
        out += _group_gaps(view, t)
    return out


def _group_gaps(ctx: Context, t: Thresholds) -> list[Finding]:
    say = ctx.text
    gap_kind, mixing_id = _ids(ctx)
    sector = ctx.group == "sector"
    mix = ctx.mixing
    base = ctx.between_density
    groups = ctx.ei.groups
    found: list[tuple[tuple, Finding]] = []
    if base == base and (base > 0 or ctx.wanted):
        for row in mix.itertuples(index=False):
            a, b = row.source, row.target
            if a == b or not (ctx.is_sector(a) and ctx.is_sector(b)):
                continue
            fid = f"{gap_kind}:{pair_id(a, b)}"
            rechecked = ctx.rechecks(fid)
            small = min(groups.loc[a, "size"], groups.loc[b, "size"]) < t.sector_gap_min_size
            expected = row.possible * base
            if not rechecked and (small or expected < t.gap_min_expected):
                continue
            if row.ties > t.gap_ratio * expected:
                continue
            ties = int(row.ties)
            key = ("sector_gap" if sector else "group_gap") + (".none" if ties == 0 else ".few")
            ratio = ties / expected if expected else math.nan
            values = {
                "attribute": ctx.group,
                "ties": ties,
                "possible": int(row.possible),
                "density": float(row.density),
                "expected": float(expected),
                "between_density": base,
                "ratio": ratio,
            }
            evidence = groups.loc[[a, b], ["size", "internal", "external", "ei_index"]].copy()
            evidence.insert(1, "ties_between", ties)
            evidence.index.name = ctx.group
            statement = say.say(
                key,
                a=str(a),
                b=str(b),
                ties=ties,
                possible=int(row.possible),
                expected=say.number(expected),
                attribute=str(ctx.group),
            )
            action, activity = _gap_action(ctx, a, b)
            broker = _gap_broker(ctx, a, b)
            actors = []
            if broker is not None and broker[1] >= t.gap_broker_share:
                v, share = broker
                values.update(broker=v, broker_share=share)
                which = "gap_broker.backbone" if v in ctx.backbone else "gap_broker"
                held = say.say(which, name=ctx.name(v), share=say.percent(share))
                statement = Joined([statement, held])
                action = Joined([action, say.say("action.gap_broker", name=ctx.name(v))])
                actors = [v]
            gap = finding(
                ctx,
                "sector_gaps",
                fid,
                "high" if ties == 0 else "medium",
                statement,
                action,
                activity,
                evidence,
                values,
                actors=actors,
                groups=sorted([a, b], key=str),
            )
            found.append(((ratio, -expected, gap.id), gap))
    out = [f for _, f in sorted(found, key=lambda x: x[0])]
    ei = ctx.ei
    if ei.network == ei.network and ei.expected - ei.network >= t.ei_gap:
        total = ei.internal + ei.external
        share = ei.internal / total
        possible = ei.possible_internal + ei.possible_external
        expected_share = ei.possible_internal / possible
        evidence = groups[["size", "internal", "external", "ei_index"]].copy()
        texts = [group_text(g) for g in evidence.index]
        evidence.index = pd.Index(texts, name=ctx.group, dtype=object)
        out.append(
            finding(
                ctx,
                "sector_gaps",
                mixing_id,
                "low",
                say.say(
                    "sector_mixing" if sector else "group_mixing",
                    share=say.percent(share),
                    expected_share=say.percent(expected_share),
                    ei=say.number(ei.network, 2),
                    expected_ei=say.number(ei.expected, 2),
                    attribute=str(ctx.group),
                ),
                say.say("action.sector_mixing" if sector else "action.group_mixing",
                        attribute=str(ctx.group)),
                "vision_strategy",
                evidence,
                {
                    "attribute": ctx.group,
                    "ei_index": ei.network,
                    "expected_ei_index": ei.expected,
                    "internal": ei.internal,
                    "external": ei.external,
                    "internal_share": share,
                    "expected_internal_share": expected_share,
                },
            )
        )
    return out


@register(
    "plan_vs_reality",
    params=("plan_unplanned_min_ties",),
    reference="kania_kramer_2011",
    activities=("vision_strategy",),
)
def plan_vs_reality(ctx: Context, t: Thresholds) -> list[Finding]:
    """Planned collaboration that does not exist, and existing collaboration that was not planned.

    *Sector plan* (labels are groups): a pair of groups (or one group with
    itself, on the diagonal) is planned when either cell is positive; the
    larger cell is the planned number of ties. A planned pair with fewer ties
    is reported (high without any tie, medium otherwise); an unplanned pair
    with at least ``plan_unplanned_min_ties`` ties is reported as info.
    *Actor plan* (labels are actors): one finding for the planned ties that do
    not exist (high when they are half or more of the plan, else medium) and
    one (info) for ties between planned actors that the plan does not foresee.
    """
    plan = ctx.plan
    if plan is None:
        raise RuleSkipped("skip.no_plan")
    if plan.attrs.get("mode", "group") == "group":
        ctx = ctx.for_group(plan.attrs.get("group", ctx.group))
        if not ctx.has_group:
            raise RuleSkipped("skip.no_group", group=ctx.group or "")
        return _sector_plan(ctx, t)
    return _actor_plan(ctx, t)


def _sector_plan(ctx: Context, t: Thresholds) -> list[Finding]:
    say = ctx.text
    plan = ctx.plan
    labels = list(plan.index)
    P = plan.to_numpy(dtype=float)
    observed = {}
    sizes = ctx.ei.groups["size"]
    for row in ctx.mixing.itertuples(index=False):
        observed[(row.source, row.target)] = int(row.ties)
        observed[(row.target, row.source)] = int(row.ties)
    missing, unplanned = [], []
    for i, a in enumerate(labels):
        for j in range(i, len(labels)):
            b = labels[j]
            planned = max(P[i, j], P[j, i])
            ties = observed.get((a, b), 0)
            within = a == b
            if within and sizes.get(a, 0) < 2:
                continue
            pid = pair_id(a, b)
            named = sorted({a, b}, key=str)
            evidence = ctx.ei.groups.loc[named, ["size", "internal", "external"]].copy()
            evidence.insert(1, "ties_between", ties)
            evidence.insert(2, "planned", planned)
            evidence.index.name = ctx.group
            values = {"planned": planned, "ties": ties, "within": within}
            if planned > 0 and ties < planned:
                if ties == 0:
                    key = "plan_missing.within" if within else "plan_missing"
                else:
                    key = "plan_short.within" if within else "plan_short"
                f = finding(
                    ctx,
                    "plan_vs_reality",
                    f"plan_missing:{pid}",
                    "high" if ties == 0 else "medium",
                    say.say(
                        key,
                        a=str(a),
                        b=str(b),
                        ties=ties,
                        planned=int(planned) if float(planned).is_integer() else planned,
                    ),
                    say.say(
                        "action.plan_missing.within" if within else "action.plan_missing",
                        a=str(a),
                        b=str(b),
                    ),
                    "vision_strategy",
                    evidence,
                    values,
                    groups=named,
                )
                missing.append(((ties, -planned, f.id), f))
            elif planned == 0 and ties >= max(1, t.plan_unplanned_min_ties):
                key = "plan_unplanned.within" if within else "plan_unplanned"
                f = finding(
                    ctx,
                    "plan_vs_reality",
                    f"plan_unplanned:{pid}",
                    "info",
                    say.say(key, n=ties, a=str(a), b=str(b), ties=ties),
                    say.say("action.plan_unplanned"),
                    "vision_strategy",
                    evidence,
                    values,
                    groups=named,
                )
                unplanned.append(((-ties, f.id), f))
    out = [f for _, f in sorted(missing, key=lambda x: x[0])]
    return out + [f for _, f in sorted(unplanned, key=lambda x: x[0])]


def _actor_plan(ctx: Context, t: Thresholds) -> list[Finding]:
    say = ctx.text
    plan = ctx.plan
    labels = list(plan.index)
    P = plan.to_numpy(dtype=float)
    G = ctx.G
    present = [a for a in labels if a in G]
    pos = {a: i for i, a in enumerate(labels)}
    planned_pairs, missing = [], []
    for x, a in enumerate(present):
        for b in present[x + 1 :]:
            if max(P[pos[a], pos[b]], P[pos[b], pos[a]]) > 0:
                pair = (a, b) if str(a) <= str(b) else (b, a)
                planned_pairs.append(pair)
                if not G.has_edge(a, b):
                    missing.append(pair)
    planned_set = set(planned_pairs)
    inside = set(present)
    existing = sorted(
        {(u, v) if str(u) <= str(v) else (v, u) for u, v in G.subgraph(inside).edges() if u != v},
        key=lambda p: (str(p[0]), str(p[1])),
    )
    unplanned = [p for p in existing if p not in planned_set]
    out = []
    if missing:
        share = len(missing) / len(planned_pairs)
        missing.sort(key=lambda p: (str(p[0]), str(p[1])))
        out.append(
            finding(
                ctx,
                "plan_vs_reality",
                "plan_missing_ties",
                "high" if share >= 0.5 else "medium",
                say.say(
                    "plan_missing_ties",
                    missing=len(missing),
                    planned=len(planned_pairs),
                    share=say.percent(share),
                ),
                say.say("action.plan_missing_ties"),
                "vision_strategy",
                ctx.tie_table(missing),
                {"missing": len(missing), "planned": len(planned_pairs), "share": share},
            )
        )
    if unplanned and len(unplanned) >= max(1, t.plan_unplanned_min_ties):
        share = len(unplanned) / len(existing)
        out.append(
            finding(
                ctx,
                "plan_vs_reality",
                "plan_unplanned_ties",
                "info",
                say.say(
                    "plan_unplanned_ties",
                    n=len(unplanned),
                    ties=len(existing),
                    share=say.percent(share),
                ),
                say.say("action.plan_unplanned"),
                "vision_strategy",
                ctx.tie_table(unplanned),
                {"unplanned": len(unplanned), "ties": len(existing), "share": share},
            )
        )
    return out
