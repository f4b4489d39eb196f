"""Recommended introductions: unconnected partners with shared affiliations and a short path."""

from __future__ import annotations

from collections.abc import Hashable

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .._context import Context, RuleSkipped
from ..model import Finding
from ..thresholds import Thresholds
from ._base import Candidate, collect, finding, pair_id, register

__all__ = ["introductions"]


def _via(ctx: Context, u: Hashable, v: Hashable, distance: int) -> list[Hashable]:
    """Intermediaries on one shortest path u - ... - v (the best connected, lowest id)."""
    G, deg = ctx.G, ctx.degree

    def rank(x: Hashable) -> tuple:
        return (-deg[x], str(x))

    if distance == 2:
        common = (set(G[u]) & set(G[v])) - {u, v}
        return [min(common, key=rank)]
    best = None
    for x in sorted(set(G[u]) - {u, v}, key=rank):
        for y in sorted((set(G[x]) & set(G[v])) - {u, v, x}, key=rank):
            score = (-(deg[x] + deg[y]), str(x), str(y))
            if best is None or score < best[0]:
                best = (score, [x, y])
    return best[1] if best else []


@register(
    "introductions",
    params=("intro_max_distance", "intro_min_shared", "intro_top"),
    reference="easley_kleinberg_2010",
    activities=("aligned_activities",),
)
def introductions(ctx: Context, t: Thresholds) -> list[Finding]:
    """Unconnected partners with shared projects, committees or grants and a short path.

    Candidates are pairs without a tie that share at least
    ``intro_min_shared`` affiliations and are 2 or 3 (at most
    ``intro_max_distance``) steps apart, so a common partner can introduce
    them. They are ranked by shared affiliations (more first), distance
    (shorter first), common partners (more first) and ids; the top
    ``intro_top`` are reported (low severity), with ``values["rank"]``.
    """
    aff = ctx.affiliations
    if aff is None:
        raise RuleSkipped("skip.no_affiliations")
    G = ctx.G
    aff = aff.loc[aff["actor"].isin(set(G.nodes))]
    if not len(aff):
        return []
    say = ctx.text
    index = ctx.index
    names = sorted(aff["affiliation"].astype(str).unique())
    col = {a: j for j, a in enumerate(names)}
    rows = aff["actor"].map(index).to_numpy()
    cols = aff["affiliation"].astype(str).map(col).to_numpy()
    B = sp.csr_array((np.ones(len(rows)), (rows, cols)), shape=(ctx.n, len(names)))
    B.data[:] = 1.0
    B.sum_duplicates()
    B.data[:] = 1.0
    S = sp.triu(B @ B.T, k=1).tocoo()
    keep = S.data >= max(1, t.intro_min_shared)
    ci, cj, shared = S.row[keep], S.col[keep], S.data[keep].astype(np.int64)
    if not ci.size:
        return []
    src, dst, _ = _edge_index(ctx)
    A = sp.csr_array(
        (np.ones(2 * src.size), (np.r_[src, dst], np.r_[dst, src])), shape=(ctx.n, ctx.n)
    )
    tied = np.asarray(A[ci, cj]).ravel() > 0
    ci, cj, shared = ci[~tied], cj[~tied], shared[~tied]
    distance = np.full(ci.size, 0, dtype=np.int64)
    common = np.zeros(ci.size, dtype=np.int64)
    order = np.argsort(ci, kind="stable")
    sources = np.unique(ci)
    for start in range(0, sources.size, 256):
        chunk = sources[start : start + 256]
        A2 = (A[chunk] @ A).tocsr()
        A3 = (A2 @ A).tocsr() if t.intro_max_distance >= 3 else None
        where = {s: r for r, s in enumerate(chunk)}
        sel = order[np.isin(ci[order], chunk)]
        r = np.array([where[s] for s in ci[sel]], dtype=np.int64)
        two = np.asarray(A2[r, cj[sel]]).ravel()
        common[sel] = two.astype(np.int64)
        distance[sel] = np.where(two > 0, 2, 0)
        if A3 is not None:
            three = np.asarray(A3[r, cj[sel]]).ravel()
            distance[sel] = np.where((two == 0) & (three > 0), 3, distance[sel])
    ok = distance > 0
    ci, cj, shared, distance, common = ci[ok], cj[ok], shared[ok], distance[ok], common[ok]
    if not ci.size:
        return []
    ranked = np.lexsort((cj, ci, -common, distance, -shared))
    member = aff.assign(affiliation=aff["affiliation"].astype(str))
    by_actor = member.groupby("actor")["affiliation"].apply(lambda s: set(s)).to_dict()
    types = {}
    if "type" in member:
        types = member.drop_duplicates("affiliation").set_index("affiliation")["type"].to_dict()
    found = []
    for rank, k in enumerate(ranked.tolist(), start=1):
        u, v = ctx.nodes[ci[k]], ctx.nodes[cj[k]]

        def build(rank=rank, k=k, u=u, v=v) -> Finding:
            both = sorted(by_actor[u] & by_actor[v])
            via = _via(ctx, u, v, int(distance[k]))
            key = "introduction.two" if distance[k] == 2 else "introduction.three"
            evidence = pd.DataFrame(
                {
                    "kind": ["shared_affiliation"] * len(both) + ["intermediary"] * len(via),
                    "value": both + [ctx.name(x) for x in via],
                    "actor": [""] * len(both) + [str(x) for x in via],
                    "type": [str(types.get(a, "")) for a in both] + [""] * len(via),
                }
            )
            return finding(
                ctx,
                "introductions",
                f"introduction:{pair_id(u, v)}",
                "low",
                say.say(
                    key,
                    a=ctx.name(u),
                    b=ctx.name(v),
                    affiliations=say.names(both, 3),
                    via=say.names([ctx.name(x) for x in via]),
                ),
                say.say(
                    "action.introduction",
                    a=ctx.name(u),
                    b=ctx.name(v),
                    via=ctx.name(via[0]) if via else "",
                    first=both[0],
                ),
                "aligned_activities",
                evidence,
                {
                    "rank": rank,
                    "shared": int(shared[k]),
                    "distance": int(distance[k]),
                    "common_partners": int(common[k]),
                    "affiliations": both,
                    "via": [str(x) for x in via],
                    "cross_group": bool(
                        ctx.has_group
                        and ctx.is_sector(ctx.group_of(u))
                        and ctx.is_sector(ctx.group_of(v))
                        and ctx.group_of(u) != ctx.group_of(v)
                    ),
                },
                actors=[u, v],
            )

        found.append(Candidate((rank,), f"introduction:{pair_id(u, v)}", build))
    return collect(ctx, found, limit=t.intro_top, count=False)


def _edge_index(ctx: Context) -> tuple[np.ndarray, np.ndarray, None]:
    index = ctx.index
    pairs = [(index[u], index[v]) for u, v in ctx.G.edges() if u != v]
    if not pairs:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), None
    arr = np.asarray(pairs, dtype=np.int64)
    return arr[:, 0], arr[:, 1], None
