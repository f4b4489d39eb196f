"""Each findings rule on small hand-built networks: one that must trigger it, one that must not.

Every number a test checks is counted by hand in the comment next to it.
Graphs are plain networkx graphs (then actor ids are the names) or
NetworkData read from small survey tables with ``read_survey``.
"""

from __future__ import annotations

import itertools
import warnings

import networkx as nx
import pandas as pd
import pytest

from sysmap.exceptions import DataQualityWarning
from sysmap.findings import RULES, find_gaps, rule_names
from sysmap.io import read_actors, read_survey


def sectors(G: nx.Graph, mapping: dict) -> nx.Graph:
    nx.set_node_attributes(G, mapping, "sector")
    return G


def survey(members: list[tuple], ties: list[tuple], **items) -> object:
    """NetworkData from (actor, sector, responded) and (respondent, partner[, intensity]) rows."""
    roster = pd.DataFrame(members, columns=["actor", "sector", "responded"])
    roster["name"] = roster["actor"]
    rows = pd.DataFrame(ties, columns=["respondent", "partner", "intensity"][: len(ties[0])])
    for column, values in items.items():
        rows[column] = values
    return read_survey(rows, actors=read_actors(roster))


def three_sectors(bc_ties: int = 0) -> nx.Graph:
    """Sectors A, B, C of 4 actors each, complete inside; A-B and A-C 4 ties each."""
    G = nx.Graph()
    groups = {s: [f"{s.lower()}{i}" for i in range(4)] for s in "ABC"}
    for s, members in groups.items():
        G.add_nodes_from(members, sector=s)
        G.add_edges_from(itertools.combinations(members, 2))
    for i in range(4):
        G.add_edge(f"a{i}", f"b{i}")
        G.add_edge(f"a{i}", f"c{i}")
    for i in range(bc_ties):
        G.add_edge(f"b{i}", f"c{i}")
    return G


def run(data, lang="en", **kwargs):
    """The findings without the robustness re-runs, rendered in `lang`."""
    kwargs.setdefault("robustness", False)
    return find_gaps(data, **kwargs).in_language(lang)


def test_registry_order_is_fixed():
    assert rule_names() == [
        "sector_gaps", "single_points_of_failure", "key_players", "over_reliance",
        "isolated_peripheral", "non_respondents", "one_sided_ties", "weak_bridges",
        "low_trust_value", "clusters", "plan_vs_reality", "introductions", "data_quality",
    ]
    assert all(RULES[name].reference for name in RULES)
    # every registered rule has its place in the report order, and one family module
    from sysmap.findings.rules._base import REGISTRY

    assert set(REGISTRY) == set(RULES)
    assert {rule.family for rule in RULES.values()} == {
        "gaps", "fragmentation", "periphery", "ties", "clusters", "introductions", "data_quality"
    }


# ------------------------------------------------------------------ sector gaps


def test_sector_gap_none():
    # Between-sector ties: A-B 4 + A-C 4 = 8 of 3 * 16 = 48 possible pairs -> density 1/6.
    # B-C: 16 possible pairs, 16/6 = 2.67 ties expected (>= 2), 0 observed -> high.
    found = run(three_sectors())
    gap = found["sector_gap:B|C"]
    assert gap.severity == "high"
    assert gap.statement == (
        "B and C share none of their 16 possible ties; at the usual level of contact "
        "between sectors there would be about 2.7."
    )
    assert gap.values["ties"] == 0 and gap.values["possible"] == 16
    assert gap.values["expected"] == pytest.approx(16 / 6)
    assert gap.activity == "aligned_activities"
    assert list(gap.evidence.index) == ["B", "C"]
    assert gap.evidence.loc["B", "internal"] == 6  # C(4, 2) ties inside B
    # A-B: 4 ties, expected 2.67: no gap
    assert "sector_gap:A|B" not in found and "sector_gap:A|C" not in found


def test_sector_gap_few_in_german():
    # A-B 4 + A-C 4 + B-C 1 = 9 of 48 -> density 0.1875; B-C expected 16 * 0.1875 = 3.0;
    # 1 <= 0.25 * 3.0 = 0.75? No -> no gap at the default ratio; with gap_ratio 0.4:
    # 1 <= 1.2 -> a medium gap.
    assert "sector_gap:B|C" not in run(three_sectors(bc_ties=1))
    found = run(three_sectors(bc_ties=1), lang="de", thresholds={"gap_ratio": 0.4})
    gap = found["sector_gap:B|C"]
    assert gap.severity == "medium"
    assert gap.statement == (
        "Zwischen B und C gibt es nur 1 von 16 möglichen Beziehungen; beim üblichen Maß an "
        "Kontakten zwischen Sektoren wären es etwa 3."
    )
    assert gap.action.startswith("Laden Sie B und C zu einem gemeinsamen Treffen")


def test_no_sector_gap_when_pairs_are_too_small_to_judge():
    # gap_min_expected=3 > 2.67 expected B-C ties: not assessed.
    assert "sector_gap:B|C" not in run(three_sectors(), thresholds={"gap_min_expected": 3})


def test_sector_mixing():
    # E = 8, I = 3 * 6 = 18: E-I = (8 - 18) / 26 = -0.385; possible inside 18, between 48:
    # expected E-I = (48 - 18) / 66 = 0.455; gap 0.84 >= 0.5. Internal share 18/26 = 69 %,
    # expected 18/66 = 27 %.
    found = run(three_sectors())
    mix = found["sector_mixing"]
    assert mix.severity == "low"
    assert mix.statement == (
        "69% of all ties stay within one sector; if partners chose each other regardless of "
        "sector, it would be about 27% (E-I index -0.38, expected 0.45)."
    )
    assert mix.values["ei_index"] == pytest.approx(-10 / 26)
    # a complete graph mixes as expected: no silo finding
    K = sectors(nx.complete_graph(12), {i: "ABC"[i % 3] for i in range(12)})
    assert "sector_mixing" not in run(K)


def test_sector_rules_skip_without_group():
    # no attribute at all: nothing divides the actors into groups
    found = run(nx.path_graph(5))
    assert "sector_gaps" in found.skipped
    assert "no actor attribute divides" in found.skipped["sector_gaps"]
    # an attribute asked for by name that no actor has
    found = run(nx.path_graph(5), group="sector")
    assert "'sector'" in found.skipped["sector_gaps"]


# ------------------------------------------------------------------ single points of failure


def two_triangles() -> nx.Graph:
    """Triangle a-b-c, tie c-d, triangle d-e-f: c and d are articulation points."""
    return nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"),
                     ("d", "e"), ("e", "f"), ("d", "f")])


def test_single_point_of_failure():
    found = run(two_triangles())
    spof = found["single_point_of_failure:c"]
    # without c: {a, b} and {d, e, f}; the rest is {d, e, f}, cut off {a, b}: 2 x 3 = 6 pairs
    assert spof.severity == "medium"
    assert spof.statement == (
        "If c dropped out, 2 partners would lose their only connection to the rest of the "
        "network (6 pairs of partners could no longer reach each other): a and b."
    )
    assert list(spof.evidence.index) == ["a", "b"]
    assert spof.values["cut_off"] == 2 and spof.values["pairs_disconnected"] == 6
    assert "single_point_of_failure:d" in found  # symmetric: cuts off e and f


def test_single_point_of_failure_high_and_none():
    # a star with 6 leaves: without the centre, 6 isolates; the rest is leaf 1, 5 cut off
    found = run(nx.star_graph(6))
    assert found["single_point_of_failure:0"].severity == "high"  # 5 >= 5
    assert found["single_point_of_failure:0"].values["cut_off"] == 5
    # a cycle has no articulation point; a pendant on a cycle cuts off only 1 partner
    G = nx.cycle_graph(5)
    assert not run(G).filter(rule="single_points_of_failure")
    G.add_edge(0, "p")
    assert not run(G).filter(rule="single_points_of_failure")


def test_key_players():
    # barbell: two K4 (0-3, 5-8) joined through 4. Without 4: two components of 4:
    # F = 1 - (4*3 + 4*3) / (8*7) = 1 - 24/56 = 0.571 (now 0) -> increase >= 0.3: high.
    found = run(nx.barbell_graph(4, 1), thresholds={"key_players_k": 1})
    kp = found["key_players"]
    assert kp.severity == "high"
    assert kp.values["actors"] == [4]
    assert kp.values["fragmentation_after"] == pytest.approx(1 - 24 / 56)
    assert kp.statement == (
        "If 4 dropped out, 57% of the pairs of partners could no longer reach each other "
        "(now 0%)."
    )
    # K8 minus any 3 actors is K5: F stays 0
    assert "key_players" not in run(nx.complete_graph(8))


# ------------------------------------------------------------------ over-reliance


def test_over_reliance_on_the_backbone_and_centralization():
    G = nx.star_graph(5)
    nx.set_node_attributes(G, {0: 1}, "backbone")
    nx.set_node_attributes(G, {i: f"Org {i}" for i in G}, "name")
    found = run(G)
    hub = found["over_reliance:0"]
    # betweenness of the centre = C(5, 2) = 10 pairs of leaves, all through it: 100 %
    assert hub.severity == "high"
    assert hub.values["path_share"] == pytest.approx(1.0)
    assert hub.statement == (
        "100% of the shortest paths between other partners run through the backbone "
        "organization Org 0."
    )
    assert hub.activity == "vision_strategy"
    # a star is the most centralized graph: degree and betweenness centralization 1
    cent = found["centralization"]
    assert cent.values["degree_centralization"] == pytest.approx(1.0)
    assert cent.values["betweenness_centralization"] == pytest.approx(1.0)


def test_over_reliance_on_a_hub_and_none_on_a_cycle():
    found = run(nx.star_graph(5))
    assert found["over_reliance:0"].statement.endswith("run through 0.")
    assert found["over_reliance:0"].activity == "aligned_activities"
    # C6: every actor has betweenness 2 (pair totals: 6 pairs at distance 2 x 1 + 3 opposite
    # pairs x 2 = 12, over 6 actors) of C(5, 2) = 10 pairs: 20 % < 25 %; centralization 0
    found = run(nx.cycle_graph(6))
    assert not found.filter(rule="over_reliance")


# ------------------------------------------------------------------ margins


def test_isolated_and_peripheral():
    G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("a", "p")])
    G.add_node("x")
    found = run(G)
    iso = found["isolated"]
    assert iso.statement == "x has no tie to any other partner."
    assert iso.severity == "high"  # 1 of 5 actors = 20 % >= 10 %
    per = found["peripheral"]
    assert per.statement == "p is tied to the network through a single partner only (a)."
    assert per.evidence.loc["p", "contact"] == "a"
    assert not run(nx.cycle_graph(4)).filter(rule="isolated_peripheral")


def test_isolated_nonrespondents_counted():
    data = survey([("A", "S", 1), ("B", "S", 1), ("C", "S", 1), ("X", "S", 0), ("Y", "S", 0)],
                  [("A", "B"), ("B", "A")])
    found = run(data)
    # C responded and named nobody; X and Y did not respond and nobody named them
    assert found["isolated"].statement == (
        "3 partners have no tie to any other partner (2 of them did not answer the survey): "
        "C, X and Y."
    )
    assert found["isolated"].severity == "high"  # 3 of 5


def test_named_not_responding_and_not_on_roster():
    members = [("A", "S", 1), ("B", "S", 1), ("C", "T", 1), ("D", "T", 0)]
    with pytest.warns(DataQualityWarning, match="Zeta"):
        data = survey(members, [("A", "D"), ("B", "D"), ("C", "D"), ("A", "Zeta"),
                                ("A", "B"), ("B", "A")])
    found = run(data)
    nr = found["named_not_responding"]
    # D was named by A, B and C (3 >= nonrespondent_central = 3): medium
    assert nr.severity == "medium"
    assert nr.statement == (
        "D did not answer the survey although other partners named it (3 mentions), so its "
        "own view of its ties is missing."
    )
    assert nr.evidence.loc["D", "named_by"] == 3
    roster = found["not_on_roster"]
    assert roster.statement == "Zeta was named as a partner but is not on the member list."
    assert roster.activity == "public_will"
    # everyone responded: no finding
    data = survey(members[:3], [("A", "B"), ("B", "A"), ("C", "A"), ("A", "C")])
    assert not run(data).filter(rule="non_respondents")


def test_non_respondent_rule_skips_without_status():
    found = run(nx.path_graph(3))
    assert found.skipped["non_respondents"].startswith("needs respondent status")


# ------------------------------------------------------------------ one-sided ties


def test_one_sided_ties():
    members = [("A", "S", 1), ("B", "S", 1), ("C", "S", 1)]
    data = survey(members, [("A", "B"), ("B", "A"), ("A", "C"), ("B", "C"), ("C", "B")])
    found = run(data)
    # pairs AB (both named), AC (only A named C), BC (both): 1 of 3 = 33 % >= 30 % -> medium
    one = found["one_sided_ties"]
    assert one.severity == "medium"
    assert one.statement == (
        "Only one side named 1 of the 3 relationships between respondents (33%)."
    )
    assert one.evidence[["source", "target"]].values.tolist() == [["A", "C"]]
    mutual = survey(members, [("A", "B"), ("B", "A"), ("A", "C"), ("C", "A")])
    assert "one_sided_ties" not in run(mutual)


def test_one_sided_ties_need_reports():
    assert "one_sided_ties" in run(nx.path_graph(3)).skipped


# ------------------------------------------------------------------ weak bridges


def test_weak_bridge_between_two_groups():
    G = two_triangles()
    nx.set_edge_attributes(G, 4, "intensity")
    G.edges["c", "d"]["intensity"] = 1
    found = run(G)
    wb = found["weak_bridge:c|d"]
    # removing c-d leaves {a, b, c} and {d, e, f}: 3 x 3 = 9 pairs; the side of c is 3
    assert wb.severity == "medium"
    assert wb.values["pairs_disconnected"] == 9
    assert wb.statement == (
        "The weak tie between c and d (awareness) is the only connection between 3 partners "
        "around c and the rest of the network."
    )
    nx.set_edge_attributes(G, 4, "intensity")
    assert not run(G).filter(rule="weak_bridges")


def test_weak_shortcut_and_only_tie_between_sectors():
    # C5 with one weak tie 0-1: no common neighbour, 4 steps apart without it
    G = nx.cycle_graph(5)
    nx.set_edge_attributes(G, 3, "intensity")
    G.edges[0, 1]["intensity"] = 2
    found = run(G)
    assert found["weak_bridge:0|1"].statement == (
        "The weak tie between 0 and 1 (cooperation) is a shortcut: without it they would be "
        "4 steps apart."
    )
    # sectors: {0, 1, 2} S and {3, 4} T: ties 2-3 and 4-0 cross; make 2-3 the weak one
    G = sectors(nx.cycle_graph(5), {0: "S", 1: "S", 2: "S", 3: "T", 4: "T"})
    nx.set_edge_attributes(G, 4, "intensity")
    G.edges[2, 3]["intensity"] = 1
    found = run(G, lang="de")
    assert found["weak_bridge:2|3"].statement == (
        "Die Beziehung zwischen 2 (S) und 3 (T) ist schwach (Kenntnis), dabei ist sie eine von "
        "nur 2 Beziehungen zwischen S und T."
    )
    # 1 of the 2 cross-sector ties is weak
    assert found["weak_cross_sector"].values == {"weak": 1, "cross_group": 2, "share": 0.5}


def test_weak_shortcut_longer_than_the_searched_spans(monkeypatch):
    # Above 100,000 actors spans longer than 5 are not searched (size policy): C8
    # with one weak tie is 7 steps round, which the finding gives as "more than 5".
    from sysmap.metrics import store as store_module
    from sysmap.metrics.store import MeasureStore

    monkeypatch.setattr(store_module, "FULL_SAMPLE_UP_TO", 4)
    G = nx.cycle_graph(8)
    nx.set_edge_attributes(G, 3, "intensity")
    G.edges[0, 1]["intensity"] = 2
    store = MeasureStore(G, sample=4, seed=0)
    for lang, text in (
        ("en", "without it they would be more than 5 steps apart."),
        ("de", "Ohne sie lägen die beiden mehr als 5 Schritte auseinander."),
    ):
        assert run(G, lang, store=store)["weak_bridge:0|1"].statement.endswith(text)
    exact = MeasureStore(G, exact=True)
    assert run(G, store=exact)["weak_bridge:0|1"].statement.endswith("would be 7 steps apart.")


def test_weak_bridges_skip_without_strength():
    assert run(nx.path_graph(4)).skipped["weak_bridges"] == "the ties have no 'intensity' values"


# ------------------------------------------------------------------ trust and value


def test_low_trust_actor_and_ties():
    members = [("A", "S", 1), ("B", "S", 1), ("C", "S", 1), ("D", "S", 1)]
    ties = [("A", "D"), ("B", "D"), ("C", "D"), ("A", "B"), ("B", "A")]
    scores = [1, 2, 2, 4, 4]  # reliability = mission alignment = openness -> trust
    data = survey(members, ties, reliability=scores, mission_alignment=scores, openness=scores)
    found = run(data)
    low = found["low_trust:D"]
    # D received 1, 2, 2: mean 1.67 < 2.0 with 3 ratings
    assert low.statement == (
        "Partners rate their trust in D at 1.67 on average (3 ratings), below 2."
    )
    assert low.evidence["trust"].tolist() == [1.0, 2.0, 2.0]
    ties_low = found["low_trust_ties"]
    # ratings <= 1.5: one (A -> D) of 5 rated relationships = 20 % >= 10 %
    assert ties_low.values == {"low": 1, "rated": 5, "share": 0.2}
    high = [4] * 5
    data = survey(members, ties, reliability=high, mission_alignment=high, openness=high)
    assert not run(data).filter(rule="low_trust_value")


def test_low_trust_skips_without_ratings():
    assert "low_trust_value" in run(nx.path_graph(3)).skipped


# ------------------------------------------------------------------ clusters


def three_cliques() -> nx.Graph:
    """K5 groups a, b, c; a-b ties a0-b0, a0-b1, a1-b2; a-c ties a2-c0, a3-c1, a4-c2."""
    G = nx.Graph()
    for s in "abc":
        G.add_edges_from(itertools.combinations([f"{s}{i}" for i in range(5)], 2))
    G.add_edges_from([("a0", "b0"), ("a0", "b1"), ("a1", "b2"),
                      ("a2", "c0"), ("a3", "c1"), ("a4", "c2")])
    return G


def test_clusters_apart_and_broker():
    found = run(three_cliques())
    # between-cluster ties 6 of 3 * 25 = 75 pairs -> 0.08; b-c: 25 * 0.08 = 2.0 expected, 0 seen
    apart = found["clusters_apart:b0|c0"]
    assert apart.severity == "medium"
    assert apart.values["ties"] == 0 and apart.values["expected"] == pytest.approx(2.0)
    assert apart.statement == (
        "The clusters b0, b1 (5 partners) and c0, c1 (5 partners) share none of their 25 "
        "possible ties; at the usual level of contact between clusters there would be about 2."
    )
    # a0 is an end of 2 of the 3 a-b ties (67 % >= 50 %)
    broker = found["cluster_broker:a0:a0|b0"]
    assert broker.values["held"] == 2 and broker.values["ties"] == 3
    assert broker.statement == (
        "a0 is part of 2 of the 3 ties between the clusters a0, a1 and b0, b1."
    )
    # one clique: one cluster, nothing to compare
    assert not run(nx.complete_graph(10)).filter(rule="clusters")


# ------------------------------------------------------------------ plan vs reality


def test_plan_sectors():
    plan = pd.DataFrame(
        [[1, 1, 0], [1, 1, 1], [0, 1, 1]],
        index=pd.Index(["A", "B", "C"], name="sector"), columns=["A", "B", "C"],
    )
    found = run(three_sectors(), plan=plan)
    missing = found["plan_missing:B|C"]  # planned, 0 ties
    assert missing.severity == "high"
    assert missing.statement == (
        "The plan foresees collaboration between B and C, but there is no tie between them."
    )
    unplanned = found["plan_unplanned:A|C"]  # not planned, 4 ties >= 3
    assert unplanned.severity == "info"
    assert unplanned.statement == (
        "A and C have 4 ties, although the plan does not foresee collaboration between them."
    )
    assert "plan_missing:A|B" not in found  # planned and 4 ties
    assert found.parameters["plan"] == "group"


def test_plan_counts_and_within():
    # B-C planned 2 ties, 1 observed -> short (medium); within C planned, 6 ties: fine
    plan = pd.DataFrame([[0, 0, 0], [0, 0, 2], [0, 2, 1]], index=["A", "B", "C"],
                        columns=["A", "B", "C"])
    found = run(three_sectors(bc_ties=1), plan=plan, lang="de")
    short = found["plan_missing:B|C"]
    assert short.severity == "medium"
    assert short.statement == (
        "Der Plan sieht 2 Beziehungen zwischen B und C vor; tatsächlich gibt es 1."
    )
    # within A: 6 ties, not planned
    assert found["plan_unplanned:A|A"].statement == (
        "Innerhalb von A gibt es 6 Beziehungen, obwohl der Plan keine Zusammenarbeit innerhalb "
        "von A vorsieht."
    )


def test_plan_actors():
    G = nx.path_graph(["x", "y", "z"])
    plan = pd.DataFrame([[0, 1, 1], [1, 0, 0], [1, 0, 0]], index=["x", "y", "z"],
                        columns=["x", "y", "z"])
    found = run(G, plan=plan, thresholds={"plan_unplanned_min_ties": 1})
    # planned x-y (exists) and x-z (missing): 1 of 2 = 50 % -> high
    missing = found["plan_missing_ties"]
    assert missing.severity == "high"
    assert missing.statement == "Planned partnerships that do not exist yet: 1 of 2 (50%)."
    assert missing.evidence[["source", "target"]].values.tolist() == [["x", "z"]]
    # y-z exists, not planned: 1 of 2 ties
    assert found["plan_unplanned_ties"].values["unplanned"] == 1
    assert run(G).skipped["plan_vs_reality"] == "no plan given (plan=...)"


# ------------------------------------------------------------------ introductions


def test_introductions_ranked_with_reason():
    # a - m - b, c - m - d - e - f; a, b share P1 and P2; c, e share P1 (distance 3:
    # c-m-d-e); a, f share P4 (distance 4: a-m-d-e-f)
    G = nx.Graph([("a", "m"), ("m", "b"), ("c", "m"), ("m", "d"), ("d", "e"), ("e", "f")])
    aff = pd.DataFrame({"actor": ["a", "b", "a", "b", "c", "e", "a", "f"],
                        "affiliation": ["P1", "P1", "P2", "P2", "P1", "P1", "P4", "P4"]})
    found = run(G, affiliations=aff)
    intro = found["introduction:a|b"]
    assert intro.values["rank"] == 1 and intro.values["shared"] == 2
    assert intro.statement == (
        "a and b both take part in P1 and P2 but do not work together yet; m knows both and "
        "could introduce them."
    )
    assert intro.action == (
        "Ask m to introduce a and b, with their shared work in P1 as the occasion."
    )
    three = found["introduction:c|e"]
    assert three.values["distance"] == 3
    assert three.statement.endswith("they are three steps apart (via m and d).")
    # P1 members a, b, c, e: untied pairs a-b, a-c, b-c (distance 2), a-e, b-e (3), c-e (3)
    ids = {f.id for f in found.filter(rule="introductions")}
    assert ids == {"introduction:" + p for p in ("a|b", "a|c", "b|c", "a|e", "b|e", "c|e")}
    assert "introduction:a|f" not in ids  # 4 steps apart
    # tied pairs are never recommended
    G.add_edge("a", "b")
    assert "introduction:a|b" not in run(G, affiliations=aff)


def test_introductions_skip_without_affiliations():
    assert "introductions" in run(nx.path_graph(3)).skipped


# ------------------------------------------------------------------ data quality


def test_response_rate_bands():
    members = [("A", "S", 1), ("B", "S", 1), ("C", "S", 1), ("D", "S", 0)]
    data = survey(members, [("A", "B"), ("B", "A"), ("C", "D")])
    rate = run(data)["response_rate"]
    # 3 of 4 = 75 %: directional (65-79 %)
    assert rate.severity == "low"
    assert rate.statement == (
        "3 of 4 members answered the survey (75%): the results show the direction, but details "
        "may change with more answers."
    )
    assert rate.values["band"] == "directional"
    caution = run(data, thresholds={"response_directional": 0.8, "response_high": 0.9})
    assert caution["response_rate"].severity == "medium"
    assert caution["response_rate"].statement.startswith("Only 3 of 4 members")


def test_ingest_problems_reported():
    members = [("A", "S", 1), ("B", "S", 1)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        data = survey(members, [("A", "B"), ("B", "A"), ("A", "A")])  # a self-nomination
    problems = run(data)["ingest_problems"]
    assert problems.values["problems"] == len(data.report.problems) >= 1
    assert problems.statement.startswith("Ingest report:")
