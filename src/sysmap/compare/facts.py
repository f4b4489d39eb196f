"""What a comparison states: the facts behind its plain-language statements.

Each fact is a message key of the ``compare`` catalogue and the values that fill
it (:mod:`sysmap.compare.statements`), read off the tables of a
:class:`~sysmap.compare.Comparison`, so that every number stated is the number
of a table. The thresholds below decide what is worth a statement.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

import networkx as nx
import pandas as pd

from .._attributes import group_labels, is_missing_group
from ..i18n import Attribute, Group, Msg, Names, Number, Pair, Percent, PValue, Signed
from .group_changes import _wave_graph
from .panel import Panel, _ordered_index
from .statements import Fact, format_value

if TYPE_CHECKING:
    from .comparison import Comparison

#: Network metrics stated in words (beyond density and E-I, which carry tests).
STATED_METRICS = (
    "fragmentation",
    "distance_fragmentation",
    "degree_centralization",
    "betweenness_centralization",
    "modularity",
    "trust",
    "value",
)
#: Network metrics that are shares in [0, 1]: statements, the report's tables and
#: its trend charts show them as percentages with one decimal, other metrics with
#: two decimals (counts as integers).
METRIC_FORMATS = {
    "density": "pct",
    "density_observed": "pct",
    "fragmentation": "pct",
    "distance_fragmentation": "pct",
    "transitivity": "pct",
    "reciprocity": "pct",
    "degree_centralization": "pct",
    "betweenness_centralization": "pct",
    "response_rate": "pct",
    "n_actors": "int",
    "n_ties": "int",
    "components": "int",
    "n_communities": "int",
}
#: Response rates further apart than this get a caveat.
RESPONSE_GAP = 0.05
#: Response rate below which a wave gets the "caution" caveat (PRODUCT.md).
LOW_RESPONSE = 0.65
#: QAP correlation from which tie patterns are "strongly" / "moderately" alike.
QAP_STRONG, QAP_MODERATE = 0.5, 0.3
#: Adjusted Rand index from which clusters are "stable" / "partly reorganised".
ARI_STABLE, ARI_PARTLY = 0.65, 0.3
#: Clusters smaller than this are not described in statements (isolates, pairs).
MIN_CLUSTER = 3
#: Smallest net change of ties between two groups worth a statement.
MIN_GROUP_CHANGE = 2
#: A former single point of failure (cut point) is "no longer a single point of
#: failure" only when its share of the shortest paths between other actors fell
#: materially: below ``SPOF_SHARE`` (50 %), and by at least ``SPOF_DROP`` (20
#: percentage points) or to at most half of what it was. Otherwise the statements
#: say that it is no longer a cut point but still carries its share of the paths.
SPOF_SHARE, SPOF_DROP = 0.5, 0.2
#: Organizations (or ties) named in one statement before "and N more".
MAX_NAMED = 8


def _pair_rows(frame: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Rows of a ``(wave_from, wave_to, ...)``-indexed frame for one pair, pair levels dropped."""
    mask = (frame.index.get_level_values(0) == a) & (frame.index.get_level_values(1) == b)
    return frame[mask].droplevel([0, 1])


def _metric_value(metric: str, value: float) -> object:
    """How a network metric is shown in statements and in the report's tables and charts:
    shares as percentages with one decimal, other measures with two decimals."""
    return Percent(value) if METRIC_FORMATS.get(metric, "num") == "pct" else Number(value)


def _facts(panel: Panel, result: Comparison, *, top: int) -> list[Fact]:
    facts: list[Fact] = []
    params = result.parameters
    restrict = params["restrict"]
    group = params["group"]
    alpha = params["alpha"]
    level = Percent(params["confidence"], 0)
    sym = params["symmetrize"]
    key = {
        None: "symmetrize_directed",
        "as given": "symmetrize_given",
    }.get(sym, f"symmetrize_{sym}")
    facts.append(Fact("caveats", key, {}))
    if restrict is not None:
        n = len(panel.actor_set(restrict=restrict))
        facts.append(Fact("caveats", f"restriction_{restrict}", {"n": n}))
    rates = result.waves["response_rate"]
    for w in panel.labels:
        rate = rates[w]
        if not math.isnan(rate) and rate < LOW_RESPONSE:
            facts.append(
                Fact(
                    "caveats", "caveat_low_response", {"wave": w, "rate": Percent(rate)}, wave_to=w
                )
            )
    for _, row in result.renamed.iterrows():
        facts.append(
            Fact(
                "waves",
                "renamed",
                {
                    "name_from": row["name_from"],
                    "name_to": row["name_to"],
                    "wave_to": row["wave_to"],
                },
                row["wave_from"],
                row["wave_to"],
                row["actor"],
            )
        )
    for target, part in result.merged.groupby("merged_into", sort=False):
        present = [w for w in panel.labels if panel.membership.at[target, w]]
        name = panel.actors.loc[(present[-1], target), "name"] if present else target
        waves = tuple(w for w in panel.labels if w in set(part["wave"]))
        facts.append(
            Fact(
                "waves",
                "merged",
                {
                    "parts": Names(tuple(dict.fromkeys(part["name"]))),
                    "name": name,
                    "waves": Names(waves),
                },
                wave_to=waves[-1],
                actor=target,
            )
        )
    tests = _ordered_index(
        result.tests,
        ["wave_from", "wave_to", "test"],
        {"wave_from": panel.labels, "wave_to": panel.labels},
    )
    for a, b in params["pairs"]:
        pair = {"wave_from": a, "wave_to": b}

        def add(topic: str, key: str, fields: dict, actor: object = None) -> None:
            facts.append(Fact(topic, key, fields, a, b, actor))

        if (a, b) in zip(panel.labels, panel.labels[1:]):
            _turnover_facts(add, panel, result.waves, a, b)
        ra, rb = rates[a], rates[b]
        if (
            not (math.isnan(ra) or math.isnan(rb))
            and abs(ra - rb) > RESPONSE_GAP
            and restrict != "responded_all"
        ):
            add(
                "caveats",
                "caveat_response",
                {**pair, "rate_from": Percent(ra), "rate_to": Percent(rb)},
            )
        if restrict is None:
            n = int(tests.loc[(a, b, "density_change"), "n_actors"])
            add("caveats", "restriction_none", {"n": n})
        _test_facts(add, tests, result.network, a, b, group, alpha, level)
        _churn_facts(add, result, a, b, group)
        for name in params["attributes"]:
            _split_facts(add, panel, result, a, b, name)
            _bridge_facts(add, result, a, b, name)
        _metric_facts(add, result, a, b)
        _actor_facts(add, panel, result, a, b, top)
        _cluster_facts(add, result, a, b)
    return facts


def _turnover_facts(add, panel: Panel, summary: pd.DataFrame, a: str, b: str) -> None:
    """How many organizations joined, left and stayed, and who joined and left, by name."""
    add(
        "waves",
        "turnover",
        {
            "wave_from": a,
            "wave_to": b,
            "joined": Msg("compare", "organisations", n=int(summary.at[b, "joined"])),
            "left": int(summary.at[b, "left"]),
            "stayed": int(summary.at[b, "stayed"]),
        },
    )
    turnover = panel.turnover.xs((a, b), level=["wave_from", "wave_to"])
    for change in ("joined", "left"):
        names = sorted(
            turnover.loc[turnover["change"] == change, "name"].astype(str), key=str.casefold
        )
        if names:
            add("waves", f"{change}_names", {"names": Names(tuple(names), limit=MAX_NAMED)})


def _significance(p: float, alpha: float) -> Msg:
    return Msg("compare", "significant" if p < alpha else "not_significant", p=PValue(p))


def _verb(change: float) -> Msg:
    return Msg("compare", "rose" if change > 0 else "fell")


def _change(before: object, after: object, change: float, pronoun: str | None = None) -> Msg:
    """``rose from X to Y`` / ``fell ...``, or ``stayed at Y`` when both read the same;
    with `pronoun` (a metric's name), ``it rose ...`` / ``stieg sie ...``."""
    fields: dict[str, Any] = (
        {} if pronoun is None else {"pronoun": Msg("compare", f"pronoun_{pronoun}")}
    )
    suffix = "" if pronoun is None else "_pronoun"
    if _same(before, after):
        return Msg("compare", f"stayed{suffix}", **fields, value=after)
    return Msg(
        "compare",
        f"moved{suffix}",
        **fields,
        verb=_verb(change),
        before=before,
        after=after,
    )


def _test_facts(add, tests, network, a, b, group, alpha, level) -> None:
    """The three tests. Density and the E-I index are stated for all actors of each wave
    (the numbers of the network table and the trend chart) and, when those differ, also
    for the actors the test compares (the numbers of the tests table)."""
    dens = tests.loc[(a, b, "density_change")]
    ci = {
        "ci_low": Signed(dens["ci_low"] * 100),
        "ci_high": Signed(dens["ci_high"] * 100),
        "level": level,
        "significance": _significance(dens["p_value"], alpha),
        "metric": Msg("compare", "metric_density"),
        "n": int(dens["n_actors"]),
    }
    before, after = Percent(dens["before"]), Percent(dens["after"])
    wide_before, wide_after = Percent(network.at["density", a]), Percent(network.at["density", b])
    change = network.at["density", b] - network.at["density", a]
    if _same(wide_before, before) and _same(wide_after, after):
        add("tests", "density_compared", {**ci, "change": _change(before, after, dens["estimate"])})
    else:
        add(
            "tests",
            "density_all",
            {
                **ci,
                "change": _change(wide_before, wide_after, change),
                "change_compared": _change(before, after, dens["estimate"], "density"),
            },
        )
    qap = tests.loc[(a, b, "qap_correlation")]
    fields = {
        "wave_from": a,
        "wave_to": b,
        "r": Number(qap["estimate"]),
        "p": PValue(qap["p_value"]),
    }
    if qap["p_value"] < alpha and qap["estimate"] > 0:
        r = qap["estimate"]
        strength = (
            "qap_strong" if r >= QAP_STRONG else "qap_moderate" if r >= QAP_MODERATE else "qap_weak"
        )
        add("tests", "qap_alike", {**fields, "strength": Msg("compare", strength)})
    elif not math.isnan(qap["estimate"]):
        add("tests", "qap_unrelated", fields)
    if group is None or (a, b, "ei_change") not in tests.index:
        return
    ei = tests.loc[(a, b, "ei_change")]
    if math.isnan(ei["estimate"]):
        return
    compared = _change(Number(ei["before"]), Number(ei["after"]), ei["estimate"])
    moved = compared.key == "moved"
    fields: dict[str, Any] = {
        "metric": Msg("compare", "metric_ei_index"),
        "attribute": Attribute(group),
        "significance": _significance(ei["p_value"], alpha),
        "n": int(ei["n_actors"]),
        "direction": Msg("compare", "ei_more" if ei["estimate"] > 0 else "ei_less")
        if moved
        else "",
    }
    before, after = network.at["ei_index", a], network.at["ei_index", b]
    same = _same(Number(before), Number(ei["before"])) and _same(Number(after), Number(ei["after"]))
    if math.isnan(before) or math.isnan(after) or same:
        add("tests", "ei_compared", {**fields, "change": compared})
    else:
        fields["change_compared"] = _change(
            Number(ei["before"]), Number(ei["after"]), ei["estimate"], "ei_index"
        )
        add(
            "tests",
            "ei_all",
            {**fields, "change": _change(Number(before), Number(after), after - before)},
        )


def _same(x: object, y: object) -> bool:
    return format_value(x, "en") == format_value(y, "en")


def _churn_facts(add, result: Comparison, a, b, group) -> None:
    s = result.churn.loc[(a, b)]
    add(
        "ties",
        "churn",
        {
            "kept": int(s["kept"]),
            "formed": int(s["formed"]),
            "dissolved": int(s["dissolved"]),
            "jaccard": Number(s["jaccard"]),
            "formed_turnover": int(s["formed_turnover"]),
            "dissolved_turnover": int(s["dissolved_turnover"]),
        },
    )
    if s["strengthened"] + s["weakened"] > 0:
        add(
            "ties",
            "churn_strength",
            {
                "kept": int(s["kept"]),
                "strengthened": int(s["strengthened"]),
                "weakened": int(s["weakened"]),
            },
        )
    if group is None or not len(result.churn_by_group):
        return
    table = _pair_rows(result.churn_by_group, a, b)
    # statements about groups name real groups only, never the explicit groups
    # of missing values ("not on the member list", "unknown")
    cross = table[
        [x != y and not (is_missing_group(x) or is_missing_group(y)) for x, y in table.index]
    ]
    if not len(cross):
        return
    up = cross.sort_values("net_change", ascending=False, kind="stable")
    if up["net_change"].iloc[0] >= MIN_GROUP_CHANGE:
        (ga, gb), row = up.index[0], up.iloc[0]
        add(
            "groups",
            "group_growth",
            {
                "group_a": Group(ga),
                "group_b": Group(gb),
                "attribute": Attribute(group),
                "net": Signed(row["net_change"], 0),
            },
        )
    down = cross.sort_values("net_change", kind="stable")
    if down["net_change"].iloc[0] <= -MIN_GROUP_CHANGE:
        (ga, gb), row = down.index[0], down.iloc[0]
        add(
            "groups",
            "group_loss",
            {
                "group_a": Group(ga),
                "group_b": Group(gb),
                "attribute": Attribute(group),
                "net": Signed(row["net_change"], 0),
            },
        )


def _holders(rows: pd.DataFrame) -> Names:
    """The actors holding a split together, the one carrying most shortest paths first."""
    return Names(tuple(rows["name"]), conj="or")


def _carries(rows: pd.DataFrame, past: bool = False) -> object:
    """With two or more holders: which of them carries what share of the shortest paths."""
    if len(rows) < 2:
        return ""
    top = rows.iloc[0]
    key = "split_share_past" if past else "split_share"
    return Msg("compare", key, name=top["name"], share=Percent(top["path_share"], 0))


def _split_facts(add, panel: Panel, result: Comparison, a, b, name) -> None:
    """Pairs of groups that one or two actors hold together, in either wave of the pair."""
    splits = result.group_splits
    splits = splits[splits["attribute"] == name]
    before, after = splits[splits["wave"] == a], splits[splits["wave"] == b]
    keys = dict.fromkeys(
        list(zip(before["group_a"], before["group_b"]))
        + list(zip(after["group_a"], after["group_b"]))
    )
    bridges = result.group_bridges
    for ga, gb in keys:
        was = before[(before["group_a"] == ga) & (before["group_b"] == gb)]
        now = after[(after["group_a"] == ga) & (after["group_b"] == gb)]
        fields = {"group_a": Group(ga), "group_b": Group(gb), "attribute": Attribute(name)}
        if len(was) and len(now):
            if set(was["actor"]) == set(now["actor"]):
                add(
                    "groups",
                    "split_still",
                    {**fields, "holders": _holders(now), "share": _carries(now)},
                )
            else:
                add(
                    "groups",
                    "split_moved",
                    {
                        **fields,
                        "wave_from": a,
                        "wave_to": b,
                        "holders": _holders(now),
                        "holders_before": _holders(was),
                        "share": _carries(now),
                    },
                )
        elif len(now):
            add(
                "groups",
                "split_new",
                {**fields, "wave_to": b, "holders": _holders(now), "share": _carries(now)},
            )
        else:
            bridged = (
                (bridges["wave_from"] == a)
                & (bridges["wave_to"] == b)
                & (bridges["attribute"] == name)
                & (bridges["group_a"] == ga)
                & (bridges["group_b"] == gb)
                & (bridges["change"] == "first")
            ).any()
            if bridged:
                outcome = "split_bridged"
            else:
                outcome = (
                    "split_routes" if _connected(panel, result, b, name, ga, gb) else "split_apart"
                )
            add(
                "groups",
                "split_ended",
                {
                    **fields,
                    "wave_from": a,
                    "wave_to": b,
                    "holders": _holders(was),
                    "share": _carries(was, past=True),
                    "outcome": Msg("compare", outcome),
                },
            )


def _connected(panel: Panel, result: Comparison, wave: str, name, ga, gb) -> bool:
    """Whether some member of group `ga` reaches some member of `gb` in `wave`."""
    G = _wave_graph(panel, wave, result.parameters["restrict"])
    labels = group_labels(G, name)
    U = G.to_undirected(as_view=True) if G.is_directed() else G
    for part in nx.connected_components(U):
        found = set(labels[list(part)])
        if ga in found and gb in found:
            return True
    return False


def _bridge_facts(add, result: Comparison, a, b, name) -> None:
    """Ties that first connect two groups or were their last direct tie; groups still apart."""
    table = result.group_bridges
    table = table[
        (table["wave_from"] == a) & (table["wave_to"] == b) & (table["attribute"] == name)
    ]
    for change, key in (("first", "bridge_first"), ("last", "bridge_last"), ("none", "group_gap")):
        chosen = table[table["change"] == change]
        for (ga, gb), part in chosen.groupby(["group_a", "group_b"], sort=False):
            fields = {"group_a": Group(ga), "group_b": Group(gb), "attribute": Attribute(name)}
            if change != "none":
                ties = tuple(Pair(u, v) for u, v in zip(part["source_name"], part["target_name"]))
                fields.update(n=len(ties), ties=Names(ties, limit=MAX_NAMED))
            add("groups", key, fields)


def _metric_facts(add, result: Comparison, a, b) -> None:
    for metric in STATED_METRICS:
        before, after = result.network.at[metric, a], result.network.at[metric, b]
        if math.isnan(before) or math.isnan(after):
            continue
        x, y = _metric_value(metric, before), _metric_value(metric, after)
        name = Msg("compare", f"metric_{metric}")
        if _same(x, y):
            add("network", "metric_same", {"metric": name, "value": y})
        else:
            add(
                "network",
                "metric_change",
                {"metric": name, "verb": _verb(after - before), "before": x, "after": y},
            )


def _role(role: str, groups: tuple) -> Msg:
    """The role phrase; `groups` as :func:`role_transitions` gives them."""
    g1, g2 = (Group(g) for g in groups)
    return Msg(
        "compare",
        f"role_{role}",
        **{"g1": g1} if role in ("coordinator", "itinerant") else {"g1": g1, "g2": g2},
    )


def _actor_facts(add, panel: Panel, result: Comparison, a, b, top: int) -> None:
    roles = result.role_transitions
    roles = roles[(roles["wave_from"] == a) & (roles["wave_to"] == b)]
    became = roles[roles["role_after"].notna() & (roles["role_after"] != "coordinator")]
    for _, row in became.head(top).iterrows():
        add(
            "actors",
            "role_became",
            {
                "name": row["name"],
                "wave_to": b,
                "role": _role(row["role_after"], row["groups_after"]),
            },
            row["actor"],
        )
    lost = roles[
        roles["role_before"].notna()
        & roles["role_after"].isna()
        & (roles["role_before"] != "coordinator")
    ]
    lost = lost.sort_values("z_before", ascending=False, kind="stable")
    for _, row in lost.head(top).iterrows():
        add(
            "actors",
            "role_lost",
            {
                "name": row["name"],
                "wave_to": b,
                "role": _role(row["role_before"], row["groups_before"]),
            },
            row["actor"],
        )
    for actor, key, row in _changed_actors(result, a, b, top):
        measure = "degree" if key.startswith("degree") else "path_share"
        fmt = int if measure == "degree" else (lambda v: Percent(v, 0))
        add(
            "actors",
            key,
            {
                "name": row["name"],
                "before": fmt(row[f"{measure}_before"]),
                "after": fmt(row[f"{measure}_after"]),
            },
            actor,
        )
    cuts = result.cut_points
    cuts = cuts[(cuts["wave_from"] == a) & (cuts["wave_to"] == b)]
    for _, row in cuts[cuts["change"] == "new"].head(top).iterrows():
        add(
            "actors",
            "spof_new",
            {"name": row["name"], "pairs": int(row["pairs_disconnected_after"])},
            row["actor"],
        )
    for _, row in cuts[cuts["change"] == "resolved"].head(top).iterrows():
        actor = row["actor"]
        if actor not in panel.graphs[b]:
            add("actors", "spof_left", {"name": row["name"], "wave_from": a}, actor)
            continue
        before, after = row["path_share_before"], row["path_share_after"]
        shares = {"name": row["name"], "before": Percent(before, 0), "after": Percent(after, 0)}
        if _fell_materially(before, after):
            add("actors", "spof_resolved", shares, actor)
        else:
            add("actors", "spof_cut_only", {**shares, "wave_from": a}, actor)


def _fell_materially(before: float, after: float) -> bool:
    """Whether a share of the shortest paths fell materially (:data:`SPOF_SHARE`,
    :data:`SPOF_DROP`); False when either is unknown."""
    return after < SPOF_SHARE and (before - after >= SPOF_DROP - 1e-12 or after <= before / 2)


def _changed_actors(result: Comparison, a, b, top: int) -> list[tuple[Hashable, str, pd.Series]]:
    """The actors whose partners (degree) and share of the shortest paths grew or fell
    most: ``(actor, key, row)``, `top` per kind, in the order stated."""
    changes = _pair_rows(result.actor_changes, a, b)
    out = []
    for measure, stem in (("degree", "degree"), ("path_share", "betweenness")):
        delta = changes[f"{measure}_after"] - changes[f"{measure}_before"]
        if measure == "path_share":  # as stated: equal when the rounded shares are equal
            delta = delta.where(
                changes[f"{measure}_after"].round(2) != changes[f"{measure}_before"].round(2), 0
            )
        ranked = changes.assign(_delta=delta).sort_values("_delta", ascending=False, kind="stable")
        gains = ranked[ranked["_delta"] > 0].head(top)
        losses = ranked[ranked["_delta"] < 0].iloc[::-1].head(top)
        out += [(actor, f"{stem}_gain", row) for actor, row in gains.iterrows()]
        out += [(actor, f"{stem}_loss", row) for actor, row in losses.iterrows()]
    return out


def _cluster_facts(add, result: Comparison, a, b) -> None:
    if (a, b) not in result.cluster_agreement.index:
        return
    agree = result.cluster_agreement.loc[(a, b)]
    ari = agree["ari"]
    if not math.isnan(ari):
        state = (
            "clusters_stable"
            if ari >= ARI_STABLE
            else "clusters_partly"
            if ari >= ARI_PARTLY
            else "clusters_reorganised"
        )
        add(
            "clusters",
            "clusters_agreement",
            {"stability": Msg("compare", state), "ari": Number(ari), "n": int(agree["n_common"])},
        )
    names = result.cluster_names
    events = result.cluster_events
    events = events[(events["wave_from"] == a) & (events["wave_to"] == b)]

    def size(wave: str, community: object) -> int:
        return int(names.at[(wave, community), "size"])

    for ca, part in events[events["event"] == "split"].groupby("community_from", sort=True):
        if size(a, ca) >= MIN_CLUSTER:
            add(
                "clusters",
                "cluster_split",
                {"name": part["name_from"].iloc[0], "parts": Names(tuple(part["name_to"]))},
            )
    for cb, part in events[events["event"] == "merged"].groupby("community_to", sort=True):
        if size(b, cb) >= MIN_CLUSTER:
            add(
                "clusters",
                "cluster_merged",
                {"name": part["name_to"].iloc[0], "parts": Names(tuple(part["name_from"]))},
            )
    for _, row in events[events["event"] == "formed"].iterrows():
        if size(b, row["community_to"]) >= MIN_CLUSTER:
            add("clusters", "cluster_formed", {"name": row["name_to"]})
    for _, row in events[events["event"] == "dissolved"].iterrows():
        if size(a, row["community_from"]) >= MIN_CLUSTER:
            add("clusters", "cluster_dissolved", {"name": row["name_from"]})
