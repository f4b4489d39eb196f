"""The quality of ties: weak ties that bridge distant parts, and low trust and value."""

from __future__ import annotations

import math
from collections.abc import Hashable
from typing import Any

import numpy as np
import pandas as pd

from ..._attributes import is_missing
from ...metrics import bridges
from .._context import Context, RuleSkipped
from ..model import Finding
from ..thresholds import Thresholds
from ._base import Candidate, collect, finding, pair_id, real, register

__all__ = ["low_trust_value", "weak_bridges"]


def _strength_label(ctx: Context, value: float) -> object:
    attr = ctx.thresholds.tie_strength
    if attr == "intensity" and value == value and float(value).is_integer() and 1 <= value <= 4:
        return ctx.text.say(f"intensity.{int(value)}")
    return ctx.text.say("strength.generic", attribute=attr, value=ctx.text.number(value))


@register(
    "weak_bridges",
    params=("tie_strength", "strong_from", "weak_bridge_max_sector_ties", "weak_bridge_min_span"),
    reference="granovetter_1973",
    activities=("aligned_activities",),
)
def weak_bridges(ctx: Context, t: Thresholds) -> list[Finding]:
    """Weak ties (strength below ``strong_from``) that hold distant parts together.

    A weak tie is worth strengthening when it is (in this order) a bridge
    between two actors who both have other ties (its loss splits the
    network; medium), one of at most ``weak_bridge_max_sector_ties`` ties
    between its two sectors (medium when it is the only one, else low), or a
    local bridge whose ends would be ``weak_bridge_min_span`` or more steps
    apart without it (low). Ties to a partner with no other tie are left to
    ``isolated_peripheral``. ``weak_cross_sector`` (info) gives the share of
    weak ties among all ties between sectors (ties of actors without a sector,
    in the groups "not on the member list" or "unknown", are not among them).
    """
    strength = t.tie_strength
    if not ctx.has_edge_attribute(strength):
        raise RuleSkipped("skip.no_strength", attribute=strength)
    say = ctx.text
    ties = ctx.ties
    if not len(ties):
        return []
    deg = ctx.degree
    weak = (ties["strength"] < t.strong_from).to_numpy()
    both = np.array(
        [deg[u] >= 2 and deg[v] >= 2 for u, v in zip(ties["source"], ties["target"])], dtype=bool
    )
    cross = np.zeros(len(ties), dtype=bool)
    if "cross_group" in ties:  # between two sectors (not the groups of missing values)
        sector = {v: ctx.is_sector(g) for v, g in ctx.groups.items()}
        cross = ties["cross_group"].fillna(False).to_numpy(dtype=bool) & np.array(
            [sector[u] and sector[v] for u, v in zip(ties["source"], ties["target"])],
            dtype=bool,
        )
    sector_ties: dict[tuple, int] = {}
    if ctx.has_group:
        for row in ctx.mixing.itertuples(index=False):
            sector_ties[(row.source, row.target)] = int(row.ties)
            sector_ties[(row.target, row.source)] = int(row.ties)
    bridge_sides = {}
    if (weak & ties["bridge"].to_numpy() & both).any():
        for row in bridges(ctx.G).itertuples(index=False):
            bridge_sides[(row.source, row.target)] = (
                row.source_side,
                row.target_side,
                row.pairs_disconnected,
            )
    src, dst = ties["source"].to_numpy(), ties["target"].to_numpy()
    value_of = ties["strength"].to_numpy(dtype=float)
    span_of = ties["span"].to_numpy(dtype=float)
    is_bridge = ties["bridge"].to_numpy(dtype=bool)
    is_local = ties["local_bridge"].to_numpy(dtype=bool)
    found = []
    for i in np.flatnonzero(weak):
        u, v = src[i], dst[i]
        span = float(span_of[i])
        gu, gv = ctx.group_of(u), ctx.group_of(v)
        if is_bridge[i] and both[i]:
            kind, order = "bridge", (0, -bridge_sides[(u, v)][2])
        elif cross[i] and sector_ties.get((gu, gv), math.inf) <= t.weak_bridge_max_sector_ties:
            kind, order = "sector", (1, sector_ties[(gu, gv)])
        elif is_local[i] and both[i] and span >= t.weak_bridge_min_span:
            kind, order = "span", (2, -span)
        else:
            continue

        def build(i=i, u=u, v=v, span=span, gu=gu, gv=gv, kind=kind) -> Finding:
            value = float(value_of[i])
            values: dict[str, Any] = {
                "strength": value,
                "kind": kind,
                "span": span if math.isfinite(span) else None,
            }
            names = {"a": ctx.name(u), "b": ctx.name(v), "label": _strength_label(ctx, value)}
            if kind == "bridge":
                su, sv, pairs = bridge_sides[(u, v)]
                small, centre = (su, u) if su <= sv else (sv, v)
                values.update(side=int(small), pairs_disconnected=int(pairs))
                statement = say.say(
                    "weak_bridge.bridge", side=int(small), centre=ctx.name(centre), **names
                )
                severity = "medium"
            elif kind == "sector":
                n_sector = sector_ties[(gu, gv)]
                values.update(sector_ties=n_sector)
                statement = say.say(
                    "weak_bridge.sector",
                    n=n_sector,
                    count=n_sector,
                    ga=str(gu),
                    gb=str(gv),
                    **names,
                )
                severity = "medium" if n_sector == 1 else "low"
            else:
                limit = ctx.measures.max_span  # above it, spans were not searched
                if limit is not None and span > limit:
                    statement = say.say("weak_bridge.span_longer", limit=limit, **names)
                else:
                    statement = say.say("weak_bridge.span", span=int(span), **names)
                severity = "low"
            evidence = ctx.tie_table(
                [(u, v)],
                strength=[value],
                bridge=[bool(is_bridge[i])],
                local_bridge=[bool(is_local[i])],
                span=[span],
            )
            return finding(
                ctx,
                "weak_bridges",
                f"weak_bridge:{pair_id(u, v)}",
                severity,
                statement,
                say.say("action.weak_bridge", a=ctx.name(u), b=ctx.name(v)),
                "aligned_activities",
                evidence,
                values,
                actors=[u, v],
            )

        found.append(Candidate(order, f"weak_bridge:{pair_id(u, v)}", build))
    out = collect(ctx, found)
    if cross.any():
        n_cross = int(cross.sum())
        n_weak = int((cross & weak).sum())
        if n_weak:
            pairs = list(zip(ties["source"][cross & weak], ties["target"][cross & weak]))
            evidence = ctx.tie_table(pairs, strength=ties["strength"][cross & weak].to_numpy())
            out.append(
                finding(
                    ctx,
                    "weak_bridges",
                    "weak_cross_sector",
                    "info",
                    say.say(
                        "weak_cross_sector",
                        weak=n_weak,
                        total=n_cross,
                        share=say.percent(n_weak / n_cross),
                        threshold=say.number(t.strong_from),
                        attribute=say.say("attribute.intensity")
                        if strength == "intensity"
                        else strength,
                    ),
                    say.say("action.weak_cross_sector"),
                    "aligned_activities",
                    evidence,
                    {"weak": n_weak, "cross_group": n_cross, "share": n_weak / n_cross},
                )
            )
    return out


@register(
    "low_trust_value",
    params=("low_rating", "min_ratings", "low_tie_rating", "low_tie_share"),
    reference="varda_2008",
    activities=("vision_strategy", "aligned_activities"),
    from_reports=True,
)
def low_trust_value(ctx: Context, t: Thresholds) -> list[Finding]:
    """Partners rated low in trust or value, and how many relationships are rated low.

    PARTNER-style scales (1-4): an actor's mean rating *received* below
    ``low_rating`` with at least ``min_ratings`` ratings is reported (medium);
    the share of rated relationships at or below ``low_tie_rating`` is
    reported from ``low_tie_share`` (low). Ratings come from the directed
    reports when available: one rating per rater and rated partner (several
    relations reported for one partner are combined by their maximum, as
    :func:`~sysmap.build_network` does); an undirected graph gives the
    actors' ``trust_received`` / ``value_received`` and its ties' ratings.
    """
    R = ctx.D if ctx.D is not None else ctx.G
    present = [s for s in ("trust", "value") if ctx.has_edge_attribute(s, R)]
    if not present:
        raise RuleSkipped("skip.no_ratings")
    say = ctx.text
    out = []
    for scale in present:
        arcs = [
            (u, v, real(d[scale]))
            for u, v, d in R.edges(data=True)
            if u != v and scale in d and real(d[scale]) == real(d[scale])
        ]
        ratings: dict[Hashable, list[tuple[Hashable, float]]] = {}
        if R.is_directed():
            for u, v, x in arcs:
                ratings.setdefault(v, []).append((u, x))
        found = []
        # one rating per rater (the reports); an undirected graph only has the actor means
        received = dict(R.nodes(data=f"{scale}_received", default=None))
        counts = dict(R.nodes(data=f"{scale}_ratings", default=None))
        for v in sorted(ratings if R.is_directed() else received, key=str):
            if v in ratings:
                mean = float(np.mean([x for _, x in ratings[v]]))
                n_r = len(ratings[v])
            elif not is_missing(received.get(v)) and not is_missing(counts.get(v)):
                mean, n_r = float(received[v]), int(counts[v])
            else:
                continue
            if n_r < t.min_ratings or not mean < t.low_rating:
                continue

            def build(v=v, mean=mean, n_r=n_r, scale=scale) -> Finding:
                if v in ratings:
                    raters = sorted(ratings[v], key=lambda r: (r[1], str(r[0])))
                    evidence = pd.DataFrame(
                        {
                            "rater": [r for r, _ in raters],
                            "rater_name": [ctx.name(r) for r, _ in raters],
                            scale: [x for _, x in raters],
                        }
                    )
                else:
                    evidence = ctx.actor_table(
                        [v], **{f"{scale}_received": [mean], f"{scale}_ratings": [n_r]}
                    )
                return finding(
                    ctx,
                    "low_trust_value",
                    f"low_{scale}:{v}",
                    "medium",
                    say.say(
                        f"low_{scale}",
                        name=ctx.name(v),
                        mean=say.number(mean, 2),
                        ratings=say.count(n_r, "rating"),
                        threshold=say.number(t.low_rating),
                    ),
                    say.say(f"action.low_{scale}", name=ctx.name(v)),
                    "vision_strategy" if scale == "trust" else "aligned_activities",
                    evidence,
                    {"mean": mean, "ratings": n_r},
                    actors=[v],
                )

            found.append(Candidate((mean,), f"low_{scale}:{v}", build))
        out += collect(ctx, found)
        if arcs:
            low = [(u, v, x) for u, v, x in arcs if x <= t.low_tie_rating]
            share = len(low) / len(arcs)
            if low and share >= t.low_tie_share:
                low.sort(key=lambda r: (r[2], str(r[0]), str(r[1])))
                evidence = ctx.tie_table(
                    [(u, v) for u, v, _ in low], **{scale: [x for _, _, x in low]}
                )
                out.append(
                    finding(
                        ctx,
                        "low_trust_value",
                        f"low_{scale}_ties",
                        "low",
                        say.say(
                            f"low_{scale}_ties",
                            n=len(low),
                            total=len(arcs),
                            share=say.percent(share),
                            threshold=say.number(t.low_tie_rating),
                        ),
                        say.say(f"action.low_{scale}_ties"),
                        "vision_strategy" if scale == "trust" else "aligned_activities",
                        evidence,
                        {"low": len(low), "rated": len(arcs), "share": share},
                    )
                )
    return out
