r"""The findings rules: each turns measures of one network into zero or more findings.

Every rule is a function ``rule(context, thresholds) -> list[Finding]``,
registered in :data:`RULES` in a fixed order (the order of the report). A rule
returns its findings most important first; the engine ranks them overall by
severity and keeps at most ``thresholds.max_per_rule`` per rule. A rule that
cannot run on the input (no sector attribute, no plan, no ratings...) raises
``RuleSkipped`` with the reason, which ends up in ``Findings.skipped``.

Statements, actions and metric definitions come from the ``findings``
message catalogue (``sysmap/locales/<lang>/findings.json``); references are
citations and the same in every language.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .._attributes import display_group, is_missing
from ..cluster import cluster_image
from ..io.model import DID_NOT_RESPOND, NOT_ON_ROSTER, RESPONDED
from ..metrics import bridges, key_players
from ._context import Context, RuleSkipped
from .model import Finding
from .thresholds import Thresholds

__all__ = ["RULES", "Rule", "rule_names"]

# ----------------------------------------------------------------------------------
# registry
# ----------------------------------------------------------------------------------

REF_EI = (
    'Krackhardt, David, and Robert N. Stern. "Informal Networks and Organizational Crises: '
    'An Experimental Simulation." Social Psychology Quarterly 51, no. 2 (1988): 123-140. '
    "https://doi.org/10.2307/2786835"
)
REF_BORGATTI = (
    'Borgatti, Stephen P. "Identifying Sets of Key Players in a Social Network." '
    "Computational and Mathematical Organization Theory 12, no. 1 (2006): 21-34. "
    "https://doi.org/10.1007/s10588-006-7084-x"
)
REF_FREEMAN = (
    'Freeman, Linton C. "Centrality in Social Networks Conceptual Clarification." '
    "Social Networks 1, no. 3 (1979): 215-239. https://doi.org/10.1016/0378-8733(78)90021-7"
)
REF_WF = (
    "Wasserman, Stanley, and Katherine Faust. Social Network Analysis: Methods and "
    "Applications. Cambridge University Press, 1994. https://doi.org/10.1017/CBO9780511815478"
)
REF_SMITH_MOODY = (
    'Smith, Jeffrey A., and James Moody. "Structural Effects of Network Sampling Coverage I: '
    'Nodes Missing at Random." Social Networks 35, no. 4 (2013): 652-668. '
    "https://doi.org/10.1016/j.socnet.2013.09.003"
)
REF_GRANOVETTER = (
    'Granovetter, Mark S. "The Strength of Weak Ties." American Journal of Sociology 78, '
    "no. 6 (1973): 1360-1380. https://doi.org/10.1086/225469"
)
REF_PARTNER = (
    'Varda, Danielle M., Anita Chandra, Stefan A. Stern, and Nicole Lurie. "Core Dimensions '
    'of Connectivity in Public Health Collaboratives." Journal of Public Health Management '
    "and Practice 14, no. 5 (2008): E1-E7 (PARTNER trust and value scales)."
)
REF_LEIDEN = (
    'Traag, Vincent A., Ludo Waltman, and Nees Jan van Eck. "From Louvain to Leiden: '
    'Guaranteeing Well-Connected Communities." Scientific Reports 9 (2019): 5233. '
    "https://doi.org/10.1038/s41598-019-41695-z; Lancichinetti, Andrea, and Santo Fortunato. "
    '"Consensus Clustering in Complex Networks." Scientific Reports 2 (2012): 336. '
    "https://doi.org/10.1038/srep00336"
)
REF_KANIA = (
    'Kania, John, and Mark Kramer. "Collective Impact." Stanford Social Innovation Review 9, '
    "no. 1 (2011): 36-41 (common agenda and theory of change)."
)
REF_CLOSURE = (
    "Easley, David, and Jon Kleinberg. Networks, Crowds, and Markets. Cambridge University "
    "Press, 2010, ch. 3-4 (triadic and focal closure). https://doi.org/10.1017/CBO9780511761942"
)


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
        Citation of the method.
    activities : tuple of str
        Backbone activities its actions belong to.
    from_reports : bool
        Computed from the survey reports themselves (not from the network built
        with a symmetrization rule), so other rules cannot change it.
    data_only : bool
        Describes the data, not the network (robustness does not apply).
    match : callable or None
        ``match(finding, other) -> bool``: whether a finding of this rule under
        another symmetrization rule is the same finding. None means "the same
        id"; clusters match by overlapping members (their ids depend on the
        hubs), lists of actors by overlapping lists.
    """

    name: str
    func: Callable[[Context, Thresholds], list[Finding]] = field(repr=False)
    params: tuple[str, ...] = ()
    reference: str = field(default="", repr=False)
    activities: tuple[str, ...] = ()
    from_reports: bool = False
    data_only: bool = False
    match: Callable[[Finding, Finding], bool] | None = field(default=None, repr=False)

    def __call__(self, context: Context, thresholds: Thresholds) -> list[Finding]:
        return self.func(context, thresholds)


#: The rules, in report order: name -> :class:`Rule`.
RULES: dict[str, Rule] = {}


def rule_names() -> list[str]:
    """The rule names, in report order."""
    return list(RULES)


def _register(
    name: str,
    *,
    params: tuple[str, ...],
    reference: str,
    activities: tuple[str, ...],
    from_reports: bool = False,
    data_only: bool = False,
    match: Callable | None = None,
):
    def wrap(func):
        RULES[name] = Rule(
            name, func, params, reference, activities, from_reports, data_only, match
        )
        return func

    return wrap


def _match_listed(f: Finding, g: Finding) -> bool:
    """Same id and, for findings listing actors, at least half of them listed again."""
    if f.id != g.id:
        return False
    mine = f.values.get("actors")
    if not mine:
        return True
    theirs = set(map(str, g.values.get("actors") or []))
    return sum(str(a) in theirs for a in mine) >= 0.5 * len(mine)


def _finding(
    ctx: Context,
    rule: str,
    id: str,  # noqa: A002 - the Finding field
    severity: str,
    statement: str,
    action: str,
    activity: str,
    evidence: pd.DataFrame,
    values: dict[str, Any],
) -> Finding:
    spec = RULES[rule]
    t = ctx.thresholds
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
    )


def _pair_id(a: object, b: object) -> str:
    x, y = sorted([str(a), str(b)])
    return f"{x}|{y}"


def _real(value: object) -> float:
    try:
        out = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan
    return out


@dataclass(frozen=True)
class _Candidate:
    """A finding not built yet: its rank key, id, and how to build it."""

    order: tuple
    id: str
    build: Callable[[], Finding]


def _collect(
    ctx: Context, candidates: list[_Candidate], limit: int | None = None, count: bool = True
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


# ----------------------------------------------------------------------------------
# sector gaps
# ----------------------------------------------------------------------------------


@_register(
    "sector_gaps",
    params=("gap_ratio", "gap_min_expected", "sector_gap_min_size", "ei_gap"),
    reference=REF_EI,
    activities=("aligned_activities", "vision_strategy"),
)
def sector_gaps(ctx: Context, t: Thresholds) -> list[Finding]:
    """Pairs of sectors with no or very few ties for their sizes, and sector silos overall.

    For groups *a* and *b* with :math:`n_a n_b` possible ties, the expected
    number of ties is :math:`n_a n_b \\bar d`, with :math:`\\bar d` the density
    of ties between different groups in the whole network. A pair with at
    least ``gap_min_expected`` expected ties is a gap when it has no tie
    (severity high) or at most ``gap_ratio`` times the expected number
    (medium). The network finding ``sector_mixing`` (low) reports when the
    E-I index is ``ei_gap`` or more below its value under random mixing.
    Actors without a sector count in all numbers, in their explicit groups
    ("not on the member list", "unknown"), but those groups are not sectors:
    no gap is reported for a pair that includes one.
    """
    if not ctx.has_group:
        raise RuleSkipped("skip.no_group", group=ctx.group or "")
    say = ctx.text
    mix = ctx.mixing
    base = ctx.between_density
    groups = ctx.ei.groups
    found: list[tuple[tuple, Finding]] = []
    if base == base and base > 0:
        for row in mix.itertuples(index=False):
            a, b = row.source, row.target
            if a == b or not (ctx.is_sector(a) and ctx.is_sector(b)):
                continue
            if min(groups.loc[a, "size"], groups.loc[b, "size"]) < t.sector_gap_min_size:
                continue
            expected = row.possible * base
            if expected < t.gap_min_expected or row.ties > t.gap_ratio * expected:
                continue
            ties = int(row.ties)
            key = "sector_gap.none" if ties == 0 else "sector_gap.few"
            values = {
                "ties": ties,
                "possible": int(row.possible),
                "density": float(row.density),
                "expected": float(expected),
                "between_density": base,
                "ratio": ties / expected,
            }
            evidence = groups.loc[[a, b], ["size", "internal", "external", "ei_index"]].copy()
            evidence.insert(1, "ties_between", ties)
            evidence.index.name = ctx.group
            finding = _finding(
                ctx,
                "sector_gaps",
                f"sector_gap:{_pair_id(a, b)}",
                "high" if ties == 0 else "medium",
                say.say(
                    key,
                    a=str(a),
                    b=str(b),
                    ties=ties,
                    possible=int(row.possible),
                    expected=say.number(expected),
                ),
                say.say("action.sector_gap", a=str(a), b=str(b)),
                "aligned_activities",
                evidence,
                values,
            )
            found.append(((ties / expected, -expected, finding.id), finding))
    out = [f for _, f in sorted(found, key=lambda x: x[0])]
    ei = ctx.ei
    if ei.network == ei.network and ei.expected - ei.network >= t.ei_gap:
        total = ei.internal + ei.external
        share = ei.internal / total
        possible = ei.possible_internal + ei.possible_external
        expected_share = ei.possible_internal / possible
        evidence = groups[["size", "internal", "external", "ei_index"]].copy()
        evidence.index = pd.Index(
            [display_group(g, say.lang) for g in evidence.index], name=ctx.group
        )
        out.append(
            _finding(
                ctx,
                "sector_gaps",
                "sector_mixing",
                "low",
                say.say(
                    "sector_mixing",
                    share=say.percent(share),
                    expected_share=say.percent(expected_share),
                    ei=say.number(ei.network, 2),
                    expected_ei=say.number(ei.expected, 2),
                ),
                say.say("action.sector_mixing"),
                "vision_strategy",
                evidence,
                {
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


# ----------------------------------------------------------------------------------
# single points of failure, key players
# ----------------------------------------------------------------------------------


@_register(
    "single_points_of_failure",
    params=("spof_min_cut_off", "spof_high_cut_off"),
    reference=REF_BORGATTI,
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
            return _finding(
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
            )

        found.append(_Candidate((-int(cut.size), -pairs), f"single_point_of_failure:{v}", build))
    return _collect(ctx, found)


@_register(
    "key_players",
    params=("key_players_k", "key_players_min_increase", "key_players_high_increase"),
    reference=REF_BORGATTI,
    activities=("vision_strategy",),
    match=_match_listed,
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
        _finding(
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
        )
    ]


# ----------------------------------------------------------------------------------
# over-reliance on the backbone or one hub
# ----------------------------------------------------------------------------------


@_register(
    "over_reliance",
    params=("hub_share", "hub_share_high", "centralization", "sample_above", "sample_size"),
    reference=REF_FREEMAN,
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
            _finding(
                ctx,
                "over_reliance",
                f"over_reliance:{v}",
                "high" if share[i] >= t.hub_share_high else "medium",
                say.say(key, name=ctx.name(v), share=say.percent(share[i])),
                say.say(f"action.{key}", name=ctx.name(v)),
                "vision_strategy" if is_backbone else "aligned_activities",
                table,
                values,
            )
        )
    # Freeman centralization, undirected maxima (sna): degree (n-1)(n-2), betweenness
    # (n-1)^2 (n-2) / 2.
    c_degree = float((degree.max() - degree).sum() / ((n - 1) * (n - 2)))
    c_between = float((bet.max() - bet).sum() / ((n - 1) ** 2 * (n - 2) / 2))
    if max(c_degree, c_between) >= t.centralization:
        out.append(
            _finding(
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


# ----------------------------------------------------------------------------------
# partners at the margin
# ----------------------------------------------------------------------------------


@_register(
    "isolated_peripheral",
    params=("isolated_high_share",),
    reference=REF_WF,
    activities=("aligned_activities",),
    match=_match_listed,
)
def isolated_peripheral(ctx: Context, t: Thresholds) -> list[Finding]:
    """Partners with no tie (isolated) and partners with exactly one (peripheral).

    Isolated partners are medium severity, high when they are at least
    ``isolated_high_share`` of all actors; peripheral partners are low.
    Non-respondents nobody named are isolated too: the statement says how
    many of the isolated partners did not answer the survey.
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
        out.append(
            _finding(
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
                say.say("action.isolated"),
                "aligned_activities",
                ctx.actor_table(isolated),
                {
                    "isolated": n_iso,
                    "share": share,
                    "did_not_respond": len(silent),
                    "actors": isolated,
                },
            )
        )
    if peripheral:
        contacts = [next(u for u in ctx.G[v] if u != v) for v in peripheral]
        n_per = len(peripheral)
        evidence = ctx.actor_table(
            peripheral, contact=contacts, contact_name=[ctx.name(u) for u in contacts]
        )
        out.append(
            _finding(
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
                say.say("action.peripheral"),
                "aligned_activities",
                evidence,
                {"peripheral": n_per, "share": n_per / ctx.n, "actors": peripheral},
            )
        )
    return out


def _named_by(ctx: Context) -> dict[Hashable, int]:
    """How many actors named each actor: in-degree of the reports, else degree."""
    if ctx.D is not None:
        D = ctx.D
        return {v: sum(1 for u in D.pred[v] if u != v) for v in D}
    return dict(ctx.degree)


@_register(
    "non_respondents",
    params=("nonrespondent_central",),
    reference=REF_SMITH_MOODY,
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
            _finding(
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
            )
        )
    outside = [v for v in statuses if statuses[v] == NOT_ON_ROSTER]
    outside.sort(key=lambda v: (-named.get(v, 0), str(v)))
    if outside:
        k = len(outside)
        out.append(
            _finding(
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
            )
        )
    return out


@_register(
    "one_sided_ties",
    params=("one_sided_min_share", "one_sided_medium_share"),
    reference=REF_WF,
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
        extra[strength] = [_real(D.edges[p].get(strength)) for p in one_sided]
    return [
        _finding(
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


# ----------------------------------------------------------------------------------
# weak bridges
# ----------------------------------------------------------------------------------


def _strength_label(ctx: Context, value: float) -> str:
    attr = ctx.thresholds.tie_strength
    if attr == "intensity" and value == value and float(value).is_integer() and 1 <= value <= 4:
        return ctx.text.say(f"intensity.{int(value)}")
    return ctx.text.say("strength.generic", attribute=attr, value=ctx.text.number(value))


@_register(
    "weak_bridges",
    params=("tie_strength", "strong_from", "weak_bridge_max_sector_ties", "weak_bridge_min_span"),
    reference=REF_GRANOVETTER,
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
                statement = say.say("weak_bridge.span", span=int(span), **names)
                severity = "low"
            evidence = ctx.tie_table(
                [(u, v)],
                strength=[value],
                bridge=[bool(is_bridge[i])],
                local_bridge=[bool(is_local[i])],
                span=[span],
            )
            return _finding(
                ctx,
                "weak_bridges",
                f"weak_bridge:{_pair_id(u, v)}",
                severity,
                statement,
                say.say("action.weak_bridge", a=ctx.name(u), b=ctx.name(v)),
                "aligned_activities",
                evidence,
                values,
            )

        found.append(_Candidate(order, f"weak_bridge:{_pair_id(u, v)}", build))
    out = _collect(ctx, found)
    if cross.any():
        n_cross = int(cross.sum())
        n_weak = int((cross & weak).sum())
        if n_weak:
            pairs = list(zip(ties["source"][cross & weak], ties["target"][cross & weak]))
            evidence = ctx.tie_table(pairs, strength=ties["strength"][cross & weak].to_numpy())
            out.append(
                _finding(
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


# ----------------------------------------------------------------------------------
# trust and value
# ----------------------------------------------------------------------------------


@_register(
    "low_trust_value",
    params=("low_rating", "min_ratings", "low_tie_rating", "low_tie_share"),
    reference=REF_PARTNER,
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
            (u, v, _real(d[scale]))
            for u, v, d in R.edges(data=True)
            if u != v and scale in d and _real(d[scale]) == _real(d[scale])
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
                return _finding(
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
                )

            found.append(_Candidate((mean,), f"low_{scale}:{v}", build))
        out += _collect(ctx, found)
        if arcs:
            low = [(u, v, x) for u, v, x in arcs if x <= t.low_tie_rating]
            share = len(low) / len(arcs)
            if low and share >= t.low_tie_share:
                low.sort(key=lambda r: (r[2], str(r[0]), str(r[1])))
                evidence = ctx.tie_table(
                    [(u, v) for u, v, _ in low], **{scale: [x for _, _, x in low]}
                )
                out.append(
                    _finding(
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


# ----------------------------------------------------------------------------------
# clusters
# ----------------------------------------------------------------------------------


def _cluster_members(finding: Finding) -> list[set]:
    ev = finding.evidence
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


@_register(
    "clusters",
    params=(
        "cluster_min_size",
        "cluster_runs",
        "gap_ratio",
        "gap_min_expected",
        "broker_min_share",
    ),
    reference=REF_LEIDEN,
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
    both clusters overlap with Jaccard similarity of at least 0.5.
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
    image = cluster_image(G, ctx.communities, normalize=None)  # ties between clusters
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
            pid = _pair_id(hub[a_], hub[b_])
            names = {
                "cluster_a": profiles.loc[a_, "name"],
                "cluster_b": profiles.loc[b_, "name"],
                "size_a": int(sizes[a_]),
                "size_b": int(sizes[b_]),
            }
            expected = sizes[a_] * sizes[b_] * base
            if base == base and expected >= t.gap_min_expected and ties <= t.gap_ratio * expected:
                key = "clusters_apart.none" if ties == 0 else "clusters_apart.few"
                finding = _finding(
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
                )
                found.append(((0, ties / expected, finding.id), finding))
            if ties >= 2:
                mask = ((cs == a_) & (ct == b_)) | ((cs == b_) & (ct == a_))
                ends = np.bincount(np.concatenate([src[mask], dst[mask]]), minlength=ctx.n)
                j = int(np.lexsort((np.arange(ctx.n), -ends))[0])
                held = int(ends[j])
                if held / ties >= t.broker_min_share:
                    v = ctx.nodes[j]
                    finding = _finding(
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
                    )
                    found.append(((1, -held / ties, finding.id), finding))
    return [f for _, f in sorted(found, key=lambda x: x[0])]


# ----------------------------------------------------------------------------------
# plan vs reality
# ----------------------------------------------------------------------------------


@_register(
    "plan_vs_reality",
    params=("plan_unplanned_min_ties",),
    reference=REF_KANIA,
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
    say = ctx.text
    mode = plan.attrs.get("mode", "group")
    labels = list(plan.index)
    P = plan.to_numpy(dtype=float)
    out = []
    if mode == "group":
        if not ctx.has_group:
            raise RuleSkipped("skip.no_group", group=ctx.group or "")
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
                pid = _pair_id(a, b)
                evidence = ctx.ei.groups.loc[
                    sorted({a, b}, key=str), ["size", "internal", "external"]
                ].copy()
                evidence.insert(1, "ties_between", ties)
                evidence.insert(2, "planned", planned)
                evidence.index.name = ctx.group
                values = {"planned": planned, "ties": ties, "within": within}
                if planned > 0 and ties < planned:
                    if ties == 0:
                        key = "plan_missing.within" if within else "plan_missing"
                    else:
                        key = "plan_short.within" if within else "plan_short"
                    f = _finding(
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
                    )
                    missing.append(((ties, -planned, f.id), f))
                elif planned == 0 and ties >= max(1, t.plan_unplanned_min_ties):
                    key = "plan_unplanned.within" if within else "plan_unplanned"
                    f = _finding(
                        ctx,
                        "plan_vs_reality",
                        f"plan_unplanned:{pid}",
                        "info",
                        say.say(key, n=ties, a=str(a), b=str(b), ties=ties),
                        say.say("action.plan_unplanned"),
                        "vision_strategy",
                        evidence,
                        values,
                    )
                    unplanned.append(((-ties, f.id), f))
        out += [f for _, f in sorted(missing, key=lambda x: x[0])]
        out += [f for _, f in sorted(unplanned, key=lambda x: x[0])]
        return out
    # actor plan
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
    if missing:
        share = len(missing) / len(planned_pairs)
        missing.sort(key=lambda p: (str(p[0]), str(p[1])))
        out.append(
            _finding(
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
            _finding(
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


# ----------------------------------------------------------------------------------
# recommended introductions
# ----------------------------------------------------------------------------------


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


@_register(
    "introductions",
    params=("intro_max_distance", "intro_min_shared", "intro_top"),
    reference=REF_CLOSURE,
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
            return _finding(
                ctx,
                "introductions",
                f"introduction:{_pair_id(u, v)}",
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
            )

        found.append(_Candidate((rank,), f"introduction:{_pair_id(u, v)}", build))
    return _collect(ctx, found, limit=t.intro_top, count=False)


def _edge_index(ctx: Context) -> tuple[np.ndarray, np.ndarray, None]:
    index = ctx.index
    pairs = [(index[u], index[v]) for u, v in ctx.G.edges() if u != v]
    if not pairs:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), None
    arr = np.asarray(pairs, dtype=np.int64)
    return arr[:, 0], arr[:, 1], None


# ----------------------------------------------------------------------------------
# data quality
# ----------------------------------------------------------------------------------


@_register(
    "data_quality",
    params=("response_high", "response_directional"),
    reference=REF_SMITH_MOODY,
    activities=("shared_measurement",),
    data_only=True,
)
def data_quality(ctx: Context, t: Thresholds) -> list[Finding]:
    """Response rate with its confidence band, and what reading the data changed.

    ``response_rate``: respondents / members, high confidence from
    ``response_high`` (info), directional from ``response_directional`` (low),
    caution below (medium). ``ingest_problems``: warnings, errors, merged
    names and dropped rows of the ingest report (low when anything was
    dropped or warned about, info when names were only matched).
    """
    say = ctx.text
    out = []
    report = ctx.report
    respondents = members = None
    if report is not None and report.response_rate is not None:
        respondents, members = int(report.respondents), int(report.roster_size)
    else:
        status = [s for s in ctx.status.values() if s in (RESPONDED, DID_NOT_RESPOND)]
        if status:
            respondents, members = sum(s == RESPONDED for s in status), len(status)
    if members:
        rate = respondents / members
        band = (
            "high"
            if rate >= t.response_high
            else "directional"
            if rate >= t.response_directional
            else "caution"
        )
        severity = {"high": "info", "directional": "low", "caution": "medium"}[band]
        counts = pd.Series(ctx.status).value_counts().sort_index()
        evidence = pd.DataFrame({"status": counts.index.astype(str), "actors": counts.to_numpy()})
        out.append(
            _finding(
                ctx,
                "data_quality",
                "response_rate",
                severity,
                say.say(
                    f"response_rate.{band}",
                    respondents=respondents,
                    members=members,
                    rate=say.percent(rate),
                ),
                say.say(
                    "action.response_rate.high" if band == "high" else "action.response_rate.low"
                ),
                "shared_measurement",
                evidence,
                {"respondents": respondents, "members": members, "rate": rate, "band": band},
            )
        )
    if report is not None:
        problems = report.problems
        if len(problems):
            warnings_ = int((problems["severity"] == "warning").sum())
            errors = int((problems["severity"] == "error").sum())
            merged = int((problems["action"] == "merged").sum())
            dropped = int((problems["action"] == "dropped").sum())
            severity = "low" if warnings_ or errors or dropped else "info"
            evidence = (
                problems.groupby(["check", "severity", "action"], sort=True)
                .size()
                .rename("count")
                .reset_index()
            )
            out.append(
                _finding(
                    ctx,
                    "data_quality",
                    "ingest_problems",
                    severity,
                    say.say(
                        "ingest_problems",
                        warnings=say.count(warnings_, "warning"),
                        errors=say.count(errors, "error"),
                        merged=say.count(merged, "merged"),
                        dropped=say.count(dropped, "dropped"),
                    ),
                    say.say("action.ingest_problems"),
                    "shared_measurement",
                    evidence,
                    {
                        "warnings": warnings_,
                        "errors": errors,
                        "merged": merged,
                        "dropped": dropped,
                        "problems": len(problems),
                    },
                )
            )
    return out


def robustness_summary(
    ctx: Context, checked: int, unstable: int, reason: str | None
) -> Finding | None:
    """The data-quality finding that sums up the robustness check (made by the engine)."""
    say = ctx.text
    if reason is not None:
        return _finding(
            ctx,
            "data_quality",
            "robustness",
            "info",
            say.say("robustness.skipped", reason=reason),
            say.say("action.robustness.skipped"),
            "shared_measurement",
            pd.DataFrame(),
            {"checked": 0, "not_robust": 0},
        )
    if not checked:
        return None
    key = "robustness.unstable" if unstable else "robustness.stable"
    return _finding(
        ctx,
        "data_quality",
        "robustness",
        "low" if unstable else "info",
        say.say(key, n=None if unstable else checked, unstable=unstable, checked=checked),
        say.say("action.robustness.unstable" if unstable else "action.robustness.stable"),
        "shared_measurement",
        pd.DataFrame(),
        {"checked": checked, "not_robust": unstable},
    )
