"""Findings for reading: cards, themes, key points, the work plan, every group attribute.

Small planted networks check that the key points name what was planted (a
sector gap, a single point of failure, a two-region split held together by
one organization); the bundled sample and the messy German survey check the
merging of near-duplicates and the activities of the actions. The numbers
each test relies on are worked out in its comments.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

import sysmap
from sysmap.findings import ACTIVITIES, Finding, Findings, find_gaps
from sysmap.findings.cards import THEMES, key_points
from sysmap.findings.groups import group_attributes, primary_attribute, sector_role

MESSY = Path(__file__).parents[1] / "data" / "messy_de"


def run(G, **kwargs):
    kwargs.setdefault("robustness", False)
    return find_gaps(G, **kwargs)


# ----------------------------------------------------------------------------- planted networks


def planted() -> nx.Graph:
    """Two regions of 8 (North: n0-n7, South: s0-s7), each a complete graph, whose only
    link is the hub H (region "county") tied to every actor of both; sectors alternate
    Schools / Business in the north and Schools / Health in the south, so Business
    (n1, n3, n5, n7) and Health (s1, s3, s5, s7) never meet; and a chain of five
    partners p0-p4 (Civil society, county) hangs off n0 alone."""
    G = nx.Graph()
    north = [f"n{i}" for i in range(8)]
    south = [f"s{i}" for i in range(8)]
    for side, region, other in ((north, "North", "Business"), (south, "South", "Health")):
        G.add_edges_from(itertools.combinations(side, 2))
        for i, v in enumerate(side):
            G.add_edge("H", v)
            G.nodes[v].update(region=region, sector="Schools" if i % 2 == 0 else other)
    G.nodes["H"].update(region="county", sector="Civil society", backbone="yes", name="Hub")
    chain = [f"p{i}" for i in range(5)]
    nx.add_path(G, ["n0", *chain])
    for v in chain:
        G.nodes[v].update(region="county", sector="Civil society")
    return G


@pytest.fixture(scope="module")
def planted_findings():
    return run(planted())


def test_every_categorical_attribute_is_compared_without_naming_it(planted_findings):
    # region: North 8, South 8, county 6 -> 3 values over 22 actors; sector: 3 values
    assert planted_findings.parameters["attributes"] == ["region", "sector"]  # region splits more
    assert planted_findings.parameters["group"] == "sector"  # names the groups in evidence
    assert "group_gap:region:North|South" in planted_findings
    assert "sector_gap:Business|Health" in planted_findings


def test_the_split_names_the_backbone_that_holds_it_together(planted_findings):
    # every shortest path between a northern and a southern actor runs n - H - s (length
    # 2): H carries all 8 * 8 = 64 pairs
    gap = planted_findings["group_gap:region:North|South"]
    assert gap.severity == "high" and gap.actors == ("H",)
    assert gap.values["broker_share"] == pytest.approx(1.0)
    assert gap.statement.startswith("By region: North and South share none of their 64 possible")
    assert "run through the backbone organization Hub, which holds them together" in gap.statement


def test_planted_gap_point_of_failure_and_split_are_key_points(planted_findings):
    points = planted_findings.key_points()
    assert 3 <= len(points) <= 5
    ids = {i for card in points for i in card.ids}
    assert "group_gap:region:North|South" in ids  # the two-region split
    assert "sector_gap:Business|Health" in ids  # the sector gap
    # n0 is the only link of the chain p0-p4: 5 partners cut off (spof_high_cut_off 5)
    assert "single_point_of_failure:n0" in ids
    assert planted_findings["single_point_of_failure:n0"].severity == "high"


def test_group_narrows_the_comparison():
    found = run(planted(), group="sector")
    assert found.parameters["attributes"] == ["sector"]
    assert not any(i.startswith("group_gap") for i in found.ids)
    found = run(planted(), group=["region"])
    assert found.parameters["attributes"] == ["region"] and found.parameters["group"] == "region"
    assert "group_gap:region:North|South" in found and "sector_gap:Business|Health" not in found


def test_gap_broker_share_is_group_to_group_betweenness():
    # brute force on a path with a shortcut: A = {a1, a2}, B = {b1}; a1 - x - b1 and
    # a2 - y - b1, a2 - x too: pairs (a1, b1) via x only, (a2, b1) via x or y (1/2 each):
    # x carries 1 + 1/2 of 2 pairs = 0.75
    G = nx.Graph([("a1", "x"), ("x", "b1"), ("a2", "y"), ("y", "b1"), ("a2", "x")])
    groups = {"a1": "A", "a2": "A", "b1": "B", "x": "C", "y": "C"}
    nx.set_node_attributes(G, groups, "sector")
    pairs = [(a, "b1") for a in ("a1", "a2")]
    share = sum(
        sum("x" in p[1:-1] for p in paths) / len(paths)
        for paths in (list(nx.all_shortest_paths(G, a, b)) for a, b in pairs)
    ) / len(pairs)
    assert share == pytest.approx(0.75)
    found = run(G, thresholds={"gap_min_expected": 0, "sector_gap_min_size": 1})
    gap = found["sector_gap:A|B"]
    assert gap.values["broker"] == "x" and gap.values["broker_share"] == pytest.approx(share)


# ----------------------------------------------------------------------------- activities


def test_sector_roles():
    assert sector_role("Foundations") == sector_role("Stiftung") == "funding"
    assert sector_role("Municipality") == sector_role("Kommune") == "policy"
    assert sector_role("Civil society") == sector_role("Zivilgesellschaft") == "public_will"
    assert sector_role("Schools") is None and sector_role(float("nan")) is None


def gap_between(a: str, b: str) -> nx.Graph:
    """Sectors a, b and Schools, 4 actors each, each sector a complete graph; Schools is
    tied to everyone of a and b (4 * 4 * 2 = 32 ties between groups of 3 * 16 = 48 possible,
    density 2/3); a-b has none of 16 possible, expected 16 * 2/3 = 10.7: a gap."""
    G = nx.Graph()
    members = {s: [f"{s[:3]}{i}" for i in range(4)] for s in (a, b, "Schools")}
    for sector, vs in members.items():
        G.add_edges_from(itertools.combinations(vs, 2))
        for v in vs:
            G.nodes[v]["sector"] = sector
    G.add_edges_from((s, v) for s in members["Schools"] for v in members[a] + members[b])
    return G


@pytest.mark.parametrize(
    ("a", "b", "activity"),
    [
        ("Foundations", "Health", "funding"),
        ("Health", "Municipality", "policy"),
        ("Civil society", "Health", "public_will"),
        ("Business", "Health", "aligned_activities"),
    ],
)
def test_a_gap_asks_for_the_activity_of_its_sectors(a, b, activity):
    found = run(gap_between(a, b)).in_language("en")
    gap = found[f"sector_gap:{a}|{b}"]
    assert gap.activity == activity
    plan = dict(found.work_plan())
    assert gap.id in [f.id for card in plan[activity] for f in card.findings]


def test_isolated_civil_society_asks_for_public_will():
    G = gap_between("Business", "Health")
    G.add_nodes_from(["c1", "c2", "c3"], sector="Civil society")
    G.nodes["c3"]["sector"] = "Business"  # 2 of 3 isolated partners are civil society
    found = run(G).in_language("en")
    assert found["isolated"].activity == "public_will"
    assert found["isolated"].action.startswith("Make the work of these community organizations")


# ----------------------------------------------------------------------------- the sample


@pytest.fixture(scope="module")
def sample():
    data = sysmap.load_sample("bildungsallianz", wave=1)
    partnerships = sysmap.load_sample("bildungsallianz", wave=1, kind="partnerships")
    plan = sysmap.datasets.sample_path("bildungsallianz") / "plan.csv"
    return find_gaps(data, plan=plan, affiliations=partnerships, seed=0).in_language("en")


def test_near_duplicates_share_one_card(sample):
    # the golden file lists three single points of failure (BA063, BA075, BA098) and ten
    # introductions: one card each, naming every subject
    cards = {card.kind: card for card in sample.cards()}
    spof = cards["single_point_of_failure"]
    assert spof.ids == ["single_point_of_failure:BA063", "single_point_of_failure:BA075",
                        "single_point_of_failure:BA098"]
    assert spof.statement == (
        "3 partners are single points of failure; if one of them dropped out, others would "
        "lose their only connection to the network: Quartiersmanagement Rheinstadt-Ost, "
        "Sozialpädiatrisches Zentrum Rheinstadt and Volksbank Rheinstadt eG."
    )
    assert len(cards["introduction"].findings) == 10
    # every finding is on exactly one card
    ids = [i for card in sample.cards() for i in card.ids]
    assert sorted(ids) == sorted(sample.ids)


def test_key_points_of_the_sample(sample):
    # high: the Business-Health and Business-Foundations gaps (one card) and the plan's
    # missing Business-Health collaboration (about the same pair: left out); medium: the
    # points of failure, key players, isolated partners, non-respondents in rule order
    points = sample.key_points()
    assert [card.kind for card in points] == [
        "sector_gap", "single_point_of_failure", "key_players", "isolated",
        "named_not_responding",
    ]
    assert len(sample.key_points(n=3)) == 3


def test_key_points_fill_up_with_lower_findings():
    def finding(fid, rule, severity):
        return Finding(fid, rule, severity, f"{fid}.", evidence=pd.DataFrame())

    # no high or medium finding: the low one, then information, up to three
    found = Findings([finding("peripheral", "isolated_peripheral", "low"),
                      finding("response_rate", "data_quality", "info"),
                      finding("robustness", "data_quality", "info")])
    points = key_points(found.cards())
    assert [card.id for card in points] == ["peripheral", "response_rate"]  # one per rule
    # enough high and medium findings: no low one
    found = Findings([finding(f"over_reliance:{v}", "over_reliance", "high") for v in "ab"]
                     + [finding("key_players", "key_players", "medium"),
                        finding("isolated", "isolated_peripheral", "medium"),
                        finding("peripheral", "isolated_peripheral", "low")])
    assert [card.kind for card in found.key_points()] == [
        "over_reliance", "key_players", "isolated"]


def test_themes_in_order(sample):
    themes = [theme for theme, _ in sample.by_theme()]
    assert themes == [t for t in THEMES if t in themes]
    assert themes[0] == "gaps" and "introductions" in themes


def test_work_plan_covers_the_activities_the_evidence_supports(sample):
    plan = dict(sample.work_plan())
    assert list(plan) == [a for a in ACTIVITIES if a in plan]
    # Business-Foundations: a funder sector -> mobilize funding
    funding = [f.id for card in plan["funding"] for f in card.findings]
    assert funding == ["sector_gap:Business|Foundations"]
    assert all(f.severity != "info" for cards in plan.values() for c in cards for f in c.findings)


def test_cards_are_the_same_in_every_language(sample):
    en = [card.ids for card in sample.cards()]
    de = [card.ids for card in sample.in_language("de").cards()]
    assert en == de
    card = next(c for c in sample.in_language("de").cards() if c.kind == "single_point_of_failure")
    assert card.statement.startswith("3 Partner sind Schwachstellen")


# ----------------------------------------------------------------------------- messy survey


def test_messy_survey_north_south_split_found_without_group():
    data = sysmap.read_survey(MESSY / "befragung_welle1.csv",
                              actors=MESSY / "mitglieder_welle1.csv", errors="collect")
    found = find_gaps(data, robustness=False)
    G = sysmap.build_network(data)
    assert group_attributes(G) == ["Region", "sector"]  # Backbone is a flag, not a group
    assert primary_attribute(["Region", "sector"]) == "sector"
    points = found.key_points()
    ids = {i for card in points for i in card.ids}
    # generate.py: no tie between north and south; W01 (Backbone: ja) carries 98.8 % of
    # the shortest paths between them (W02, also county-wide, the rest: group_splits)
    assert "group_gap:Region:Nord|Süd" in ids
    assert found["group_gap:Region:Nord|Süd"].values["broker"] == "W01"
    assert "sector_gap:Gesundheit|Wirtschaft" in ids  # the planted sector gap
    assert "over_reliance:W01" in ids  # the backbone: 68 % of all shortest paths
    assert found["over_reliance:W01"].statement.startswith(
        "68% of the shortest paths between other partners run through the backbone organization"
    )
