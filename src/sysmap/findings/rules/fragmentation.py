"""Fragmentation: single points of failure, key players, and over-reliance on one hub."""

from __future__ import annotations

import numpy as np

from ...metrics import key_players
from .._context import Context
from ..model import Finding
from ..thresholds import Thresholds
from ._base import Candidate, collect, finding, register

__all__ = ["key_player_set", "over_reliance", "single_points_of_failure"]


@register(
    "single_points_of_failure",
    params=("spof_min_cut_off", "spof_high_cut_off"),
    reference="borgatti_2006",
    activities=("aligned_activities",),
)
def single_points_of_failure(ctx: Context, t: Thresholds) -> list[Finding]:
    """Articulation points whose departure cuts partners off from the rest of the network.

    Removing an articulation point splits its component. The largest part is
    "the rest of the network"; the partners in the other parts are *cut off*.
    A finding needs at least ``spof_min_cut_off`` cut-off partners (a single
    pendant is reported by ``isolated_peripheral``); severity is high from
    ``spof_high_cut_off``. ``pairs_disconnected`` counts the pairs of other
    partners that could reach each other before and not after.
    """
    cp = ctx.cut_points
    arts = [v for v in cp.index[cp["articulation_point"].to_numpy()]]
    if not arts:
        return []
    say = ctx.text
    H = ctx.igraph
    comps = ctx.components
    order = np.arange(ctx.n)
    found = []
    for v in arts:
        i = ctx.index[v]
        members = order[comps == comps[i]]
        keep = members[members != i]
        pieces = H.induced_subgraph(keep.tolist()).connected_components().membership
        pieces = np.asarray(pieces)
        sizes = np.bincount(pieces)
        first = np.array([keep[pieces == p].min() for p in range(sizes.size)])
        rest = int(np.lexsort((first, -sizes))[0])
        cut = keep[pieces != rest]
        if cut.size < t.spof_min_cut_off:
            continue
        pairs = int(cp.loc[v, "pairs_disconnected"])

        def build(
            v=v,
            cut=cut,
            keep=keep,
            pieces=pieces,
            first=first,
            sizes=sizes,
            members=members,
            pairs=pairs,
        ) -> Finding:
            cut_actors = [ctx.nodes[j] for j in sorted(cut.tolist())]
            part_of = {a: int(pieces[np.searchsorted(keep, ctx.index[a])]) for a in cut_actors}
            number = {
                p: k + 1
                for k, p in enumerate(sorted(set(part_of.values()), key=lambda p: first[p]))
            }
            evidence = ctx.actor_table(cut_actors, part=[number[part_of[a]] for a in cut_actors])
            values = {
                "cut_off": int(cut.size),
                "pairs_disconnected": pairs,
                "parts": int(sizes.size),
                "component_size": int(members.size),
            }
            return finding(
                ctx,
                "single_points_of_failure",
                f"single_point_of_failure:{v}",
                "high" if cut.size >= t.spof_high_cut_off else "medium",
                say.say(
                    "single_point_of_failure",
                    name=ctx.name(v),
                    cut_off=int(cut.size),
                    pairs=pairs,
                    names=say.names([ctx.name(a) for a in cut_actors]),
                ),
                say.say("action.single_point_of_failure", name=ctx.name(v)),
                "aligned_activities",
                evidence,
                values,
                actors=[v],
            )

        found.append(Candidate((-int(cut.size), -pairs), f"single_point_of_failure:{v}", build))
    return collect(ctx, found)


@register(
    "key_players",
    params=("key_players_k", "key_players_min_increase", "key_players_high_increase"),
    reference="borgatti_2006",
    activities=("vision_strategy",),
)
def key_player_set(ctx: Context, t: Thresholds) -> list[Finding]:
    """The set of ``key_players_k`` actors whose joint departure fragments the network most.

    Borgatti's KPP-Neg with the fragmentation objective (greedy plus swap,
    seeded; exhaustive on small networks). Reported when fragmentation rises by
    at least ``key_players_min_increase`` (high from
    ``key_players_high_increase``).
    """
    k = t.key_players_k
    G = ctx.G
    if ctx.n < k + 3 or G.number_of_edges() == 0:
        return []
    result = key_players(G, k, seed=ctx.seed, n_restarts=3 if ctx.n <= 1000 else 1)
    increase = result.value - result.baseline
    if not increase >= t.key_players_min_increase:
        return []
    say = ctx.text
    actors = list(result.actors)
    cp = ctx.cut_points
    evidence = ctx.actor_table(
        actors,
        degree=[ctx.degree[a] for a in actors],
        pairs_disconnected_alone=[int(cp.loc[a, "pairs_disconnected"]) for a in actors],
    )
    values = {
        "fragmentation_before": result.baseline,
        "fragmentation_after": result.value,
        "increase": increase,
        "k": k,
        "actors": actors,
        "method": result.method,
    }
    return [
        finding(
            ctx,
            "key_players",
            "key_players",
            "high" if increase >= t.key_players_high_increase else "medium",
            say.say(
                "key_players",
                n=len(actors),
                names=say.names([ctx.name(a) for a in actors]),
                after=say.percent(result.value),
                before=say.percent(result.baseline),
            ),
            say.say("action.key_players", names=say.names([ctx.name(a) for a in actors])),
            "vision_strategy",
            evidence,
            values,
            actors=actors,
        )
    ]


@register(
    "over_reliance",
    params=("hub_share", "hub_share_high", "centralization"),
    reference="freeman_1979",
    activities=("vision_strategy", "aligned_activities"),
)
def over_reliance(ctx: Context, t: Thresholds) -> list[Finding]:
    """Actors that a large share of shortest paths runs through, and a centralized network.

    An actor's *path share* is its betweenness (unordered pairs) divided by
    the number of pairs of other actors that are connected at all: the share
    of the connections between other partners that run through it (split
    equally over equally short paths). Reported from ``hub_share`` (high from
    ``hub_share_high``); the backbone organization (node attribute
    ``backbone`` true) gets its own wording. The network finding
    ``centralization`` reports Freeman degree or betweenness centralization of
    at least ``centralization``.
    """
    n = ctx.n
    if n < 3 or ctx.G.number_of_edges() == 0:
        return []
    say = ctx.text
    bet = ctx.betweenness.reindex(ctx.nodes).to_numpy(dtype=float)
    comps = ctx.components
    sizes = np.bincount(comps)
    total_pairs = float((sizes * (sizes - 1) // 2).sum())
    own = sizes[comps] - 1
    pairs = total_pairs - own
    share = np.divide(bet, pairs, out=np.zeros(n), where=pairs > 0)
    top = np.lexsort((np.arange(n), -share))
    degree = np.array([ctx.degree[v] for v in ctx.nodes])
    shown = top[: min(10, n)]
    table = ctx.actor_table(
        [ctx.nodes[i] for i in shown],
        degree=degree[shown],
        betweenness=bet[shown],
        path_share=share[shown],
    )
    out = []
    for i in top:
        if share[i] < t.hub_share:
            break
        v = ctx.nodes[i]
        is_backbone = v in ctx.backbone
        key = "over_reliance.backbone" if is_backbone else "over_reliance.hub"
        values = {
            "path_share": float(share[i]),
            "betweenness": float(bet[i]),
            "connected_pairs": float(pairs[i]),
            "backbone": is_backbone,
            "estimated": ctx.betweenness_sampled,
        }
        out.append(
            finding(
                ctx,
                "over_reliance",
                f"over_reliance:{v}",
                "high" if share[i] >= t.hub_share_high else "medium",
                say.say(key, name=ctx.name(v), share=say.percent(share[i])),
                say.say(f"action.{key}", name=ctx.name(v)),
                "vision_strategy" if is_backbone else "aligned_activities",
                table,
                values,
                actors=[v],
            )
        )
    # Freeman centralization, undirected maxima (sna): degree (n-1)(n-2), betweenness
    # (n-1)^2 (n-2) / 2.
    c_degree = float((degree.max() - degree).sum() / ((n - 1) * (n - 2)))
    c_between = float((bet.max() - bet).sum() / ((n - 1) ** 2 * (n - 2) / 2))
    if max(c_degree, c_between) >= t.centralization:
        out.append(
            finding(
                ctx,
                "over_reliance",
                "centralization",
                "medium",
                say.say(
                    "centralization",
                    degree=say.percent(c_degree),
                    betweenness=say.percent(c_between),
                ),
                say.say("action.centralization"),
                "vision_strategy",
                table,
                {
                    "degree_centralization": c_degree,
                    "betweenness_centralization": c_between,
                    "estimated": ctx.betweenness_sampled,
                },
            )
        )
    return out
