"""Clusters that hardly talk to each other, and the brokers between them."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ...cluster import cluster_image
from ...i18n import Joined
from .._context import Context
from ..model import Finding
from ..thresholds import Thresholds
from ._base import SUBJECT_SEPARATOR, finding, pair_id, register

__all__ = ["clusters"]


def _cluster_members(f: Finding) -> list[set]:
    ev = f.evidence
    return [set(ev.index[ev["cluster_key"] == key]) for key in ("a", "b")]


def _jaccard(x: set, y: set) -> float:
    return len(x & y) / len(x | y) if x | y else 1.0


def _match_clusters(f: Finding, g: Finding) -> bool:
    """Same kind, (same broker,) and both clusters overlap by Jaccard >= 0.5 (either order)."""
    if f.id.split(":")[0] != g.id.split(":")[0]:
        return False
    if f.id.startswith("cluster_broker") and f.values.get("broker") != g.values.get("broker"):
        return False
    (a1, b1), (a2, b2) = _cluster_members(f), _cluster_members(g)
    straight = min(_jaccard(a1, a2), _jaccard(b1, b2))
    crossed = min(_jaccard(a1, b2), _jaccard(b1, a2))
    return max(straight, crossed) >= 0.5


@register(
    "clusters",
    params=(
        "cluster_min_size",
        "cluster_runs",
        "gap_ratio",
        "gap_min_expected",
        "broker_min_share",
    ),
    reference="traag_2019",
    activities=("aligned_activities",),
    match=_match_clusters,
)
def clusters(ctx: Context, t: Thresholds) -> list[Finding]:
    """Clusters that hardly talk to each other, and brokers who hold two clusters together.

    Clusters are seeded Leiden consensus communities. For two clusters of at
    least ``cluster_min_size`` actors, the expected ties are their possible
    pairs times the mean density between such clusters; a pair with at least
    ``gap_min_expected`` expected ties and at most ``gap_ratio`` times as many
    observed is reported (medium without any tie, else low). An actor that is
    an end of at least ``broker_min_share`` of the (two or more) ties between
    two clusters is their broker (medium).

    Cluster ids use each cluster's hub (its member with most ties inside,
    lowest id first); under other rules two cluster findings are the same when
    both clusters overlap with Jaccard similarity of at least 0.5. As for
    sector gaps, a re-check of a main finding on an alternative network does
    not apply ``gap_min_expected``, which only decides whether a pair is worth
    reporting.
    """
    G = ctx.G
    if ctx.n < 2 * t.cluster_min_size or G.number_of_edges() == 0:
        return []
    labels = ctx.communities.reindex(ctx.nodes).to_numpy()
    sizes = np.bincount(labels)
    big = [c for c in range(sizes.size) if sizes[c] >= t.cluster_min_size]
    if len(big) < 2:
        return []
    say = ctx.text
    profiles = ctx.cluster_profiles
    index = ctx.index
    src, dst = [], []
    for u, v in G.edges():
        if u != v:
            src.append(index[u])
            dst.append(index[v])
    src, dst = np.asarray(src, dtype=np.int64), np.asarray(dst, dtype=np.int64)
    cs, ct = labels[src], labels[dst]
    inside = np.bincount(src[cs == ct], minlength=ctx.n) + np.bincount(
        dst[cs == ct], minlength=ctx.n
    )
    hub = {}
    for c in big:
        members = np.flatnonzero(labels == c)
        hub[c] = ctx.nodes[members[np.lexsort((members, -inside[members]))[0]]]
    image = cluster_image(G, ctx.communities, normalized=None)  # ties between clusters
    counts = image.reindex(index=range(sizes.size), columns=range(sizes.size)).to_numpy()
    possible = sum(int(sizes[a] * sizes[b]) for i, a in enumerate(big) for b in big[i + 1 :])
    between = sum(int(counts[a, b]) for i, a in enumerate(big) for b in big[i + 1 :])
    base = between / possible if possible else math.nan
    found = []

    def evidence(a: int, b: int) -> pd.DataFrame:
        members = [ctx.nodes[i] for i in np.flatnonzero((labels == a) | (labels == b))]
        other = {a: b, b: a}
        ties_other = [
            sum(1 for u in G[v] if u != v and labels[index[u]] == other[labels[index[v]]])
            for v in members
        ]
        table = ctx.actor_table(
            members,
            cluster=[profiles.loc[labels[index[v]], "name"] for v in members],
            ties_to_other_cluster=ties_other,
        )
        table["cluster_key"] = ["a" if labels[index[v]] == a else "b" for v in members]
        return table

    for i, a in enumerate(big):
        for b in big[i + 1 :]:
            a_, b_ = (a, b) if str(hub[a]) <= str(hub[b]) else (b, a)
            ties = int(counts[a_, b_])
            pid = pair_id(hub[a_], hub[b_])
            names = {
                "cluster_a": profiles.loc[a_, "name"],
                "cluster_b": profiles.loc[b_, "name"],
                "size_a": int(sizes[a_]),
                "size_b": int(sizes[b_]),
            }
            expected = sizes[a_] * sizes[b_] * base
            worth = expected >= t.gap_min_expected or ctx.rechecks(f"clusters_apart:{pid}")
            if base == base and worth and ties <= t.gap_ratio * expected:
                key = "clusters_apart.none" if ties == 0 else "clusters_apart.few"
                item = finding(
                    ctx,
                    "clusters",
                    f"clusters_apart:{pid}",
                    "medium" if ties == 0 else "low",
                    say.say(
                        key,
                        ties=ties,
                        possible=int(sizes[a_] * sizes[b_]),
                        expected=say.number(expected),
                        **names,
                    ),
                    say.say("action.clusters_apart"),
                    "aligned_activities",
                    evidence(a_, b_),
                    {
                        "ties": ties,
                        "possible": int(sizes[a_] * sizes[b_]),
                        "expected": float(expected),
                        "size_a": int(sizes[a_]),
                        "size_b": int(sizes[b_]),
                        "hub_a": hub[a_],
                        "hub_b": hub[b_],
                    },
                    subject=Joined([names["cluster_a"], names["cluster_b"]], SUBJECT_SEPARATOR),
                )
                found.append(((0, ties / expected if expected else 0.0, item.id), item))
            if ties >= 2:
                mask = ((cs == a_) & (ct == b_)) | ((cs == b_) & (ct == a_))
                ends = np.bincount(np.concatenate([src[mask], dst[mask]]), minlength=ctx.n)
                j = int(np.lexsort((np.arange(ctx.n), -ends))[0])
                held = int(ends[j])
                if held / ties >= t.broker_min_share:
                    v = ctx.nodes[j]
                    item = finding(
                        ctx,
                        "clusters",
                        f"cluster_broker:{v}:{pid}",
                        "medium",
                        say.say("cluster_broker", name=ctx.name(v), held=held, ties=ties, **names),
                        say.say("action.cluster_broker", name=ctx.name(v)),
                        "aligned_activities",
                        evidence(a_, b_),
                        {
                            "broker": v,
                            "held": held,
                            "ties": ties,
                            "share": held / ties,
                            "hub_a": hub[a_],
                            "hub_b": hub[b_],
                        },
                        actors=[v],
                    )
                    found.append(((1, -held / ties, item.id), item))
    return [f for _, f in sorted(found, key=lambda x: x[0])]
