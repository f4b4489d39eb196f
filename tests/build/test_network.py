"""build_network: symmetrization rules, combining values, relations, scales, provenance."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from sysmap.build import build_network, build_two_mode, received_scales
from sysmap.exceptions import ParameterError
from sysmap.io import project_affiliations, read_actors, read_affiliations, read_survey


@pytest.fixture
def survey():
    """Four members; D did not respond; E is not on the roster.

    Reports: A->B (2), B->A (4), A->C (3), C->D (1), D named by C only,
    B->E (2) (E not on the roster), A->D (2).
    """
    members = read_actors(pd.DataFrame({
        "actor": list("ABCD"), "name": ["Amt", "Bund", "Club", "Dienst"],
        "sector": ["City", "City", "Civil", "Health"], "responded": [1, 1, 1, 0]}))
    frame = pd.DataFrame({
        "respondent": ["A", "B", "A", "C", "B", "A"],
        "partner": ["B", "A", "C", "D", "E", "D"],
        "intensity": [2, 4, 3, 1, 2, 2],
        "reliability": [4, 2, 3, 1, 4, 4],
    })
    with pytest.warns(Warning):  # E is not on the roster
        return read_survey(frame, actors=members)


def edges(G, attr=None):
    if attr is None:
        return sorted(tuple(sorted(e)) if not G.is_directed() else e for e in G.edges())
    return sorted(
        ((*sorted((u, v)), d) if not G.is_directed() else (u, v, d))
        for u, v, d in G.edges(data=attr)
    )


def test_survey_default_is_reconstruction(survey):
    # Stork & Richards 1992, Huisman 2009: a tie when either side reports it
    G = build_network(survey)
    assert not G.is_directed() and G.graph["sysmap"]["symmetrize"] == "union"
    assert edges(G) == edges(build_network(survey, symmetrize="union"))


def test_directed_keeps_reports(survey):
    G = build_network(survey, symmetrize=None)
    assert isinstance(G, nx.DiGraph)
    assert edges(G) == [("A", "B"), ("A", "C"), ("A", "D"), ("B", "A"), ("B", "E"), ("C", "D")]
    assert G.nodes["D"]["status"] == "did_not_respond"
    assert G.nodes["E"]["status"] == "not_on_roster"
    assert G.nodes["A"]["sector"] == "City" and G.nodes["A"]["name"] == "Amt"
    assert G["A"]["B"]["weight"] == 2.0  # intensity is the default weight


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        # every reported pair
        ("union", [("A", "B"), ("A", "C"), ("A", "D"), ("B", "E"), ("C", "D")]),
        # only pairs both sides reported: A-B
        ("mutual", [("A", "B")]),
        # A, B, C responded: A-C is one-sided between respondents -> dropped;
        # pairs with a non-respondent (D) or non-roster actor (E) use the report
        ("respondent_priority", [("A", "B"), ("A", "D"), ("B", "E"), ("C", "D")]),
    ],
)
def test_symmetrize_rules(survey, rule, expected):
    G = build_network(survey, symmetrize=rule)
    assert not G.is_directed()
    assert edges(G) == expected
    assert set(G) == set("ABCDE")  # nodes never dropped by a rule
    assert G.graph["sysmap"]["symmetrize"] == rule


@pytest.mark.parametrize(("combine", "value"), [("max", 4.0), ("min", 2.0), ("mean", 3.0)])
def test_combine_two_reports(survey, combine, value):
    G = build_network(survey, symmetrize="union", combine=combine)
    assert G["A"]["B"]["weight"] == value
    assert G["A"]["B"]["reports"] == 2 and G["A"]["C"]["reports"] == 1


def test_relations_filter_and_merge():
    frame = pd.DataFrame({
        "respondent": ["A", "A", "B"], "partner": ["B", "B", "C"],
        "relation": ["info", "funding", "info"], "intensity": [1, 3, 2]})
    data = read_survey(frame)
    G = build_network(data)
    assert G["A"]["B"]["relation"] == "funding|info"
    assert G["A"]["B"]["weight"] == 3.0
    Gf = build_network(data, relation="funding")
    assert edges(Gf) == [("A", "B")]
    assert set(Gf) == {"A", "B", "C"}
    with pytest.raises(ParameterError, match=r"relation type\(s\) 'money' not in the data; it has "
                       r"'funding', 'info'") as caught:
        build_network(data, relation="money")
    assert "Beziehungsart(en) 'money'" in caught.value.args[0].render("de")


def test_weight_choice(survey):
    G = build_network(survey, weight="reliability")
    assert G["A"]["B"]["weight"] == 4.0
    with pytest.raises(ParameterError, match="weight column 'strength' is not a tie item"):
        build_network(survey, weight="strength")


def test_received_scales_are_means_of_ratings_received(survey):
    scales = received_scales(survey)
    # A received trust ratings from B only: reliability 2 -> trust 2.0
    # D received from C (1) and A (4): mean 2.5 over 2 ratings
    assert scales.loc["A", "trust_received"] == 2.0
    assert scales.loc["D", "trust_received"] == 2.5
    assert scales.loc["D", "trust_ratings"] == 2
    G = build_network(survey)
    assert G.nodes["D"]["trust_received"] == 2.5
    assert G.nodes["C"]["trust_received"] == 3.0  # from A: reliability 3


def test_respondent_priority_needs_status():
    data = read_survey(pd.DataFrame({"respondent": ["A"], "partner": ["B"]}))
    data.actors["status"] = "not_surveyed"
    with pytest.raises(ParameterError, match="needs respondent status"):
        build_network(data, symmetrize="respondent_priority")


def test_bad_parameters(survey):
    with pytest.raises(ParameterError, match="symmetrize must be 'auto', None or one of"):
        build_network(survey, symmetrize="both")
    with pytest.raises(ParameterError, match="combine must be one of"):
        build_network(survey, combine="sum")


def test_input_is_not_mutated_and_provenance_recorded(survey):
    before = survey.ties.copy(), survey.actors.copy()
    G = build_network(survey, symmetrize="union")
    pd.testing.assert_frame_equal(survey.ties, before[0])
    pd.testing.assert_frame_equal(survey.actors, before[1])
    prov = G.graph["sysmap"]
    assert prov["reader"] == "survey" and prov["combine"] == "max"
    assert prov["sources"] == ["<DataFrame>"] and "created" in prov


def test_deterministic(survey):
    a, b = build_network(survey), build_network(survey)
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(data=True)) == list(b.edges(data=True))


# -- partnerships -----------------------------------------------------------------
def test_newman_projection_by_hand():
    # P1 has 2 members (a, b): 1/(2-1) = 1 each pair; P2 has 3 (a, b, c): 1/2 per pair;
    # P3 has 1 member (d): contributes nothing, but d stays an actor.
    aff = pd.DataFrame({"actor": ["a", "b", "a", "b", "c", "d"],
                        "affiliation": ["P1", "P1", "P2", "P2", "P2", "P3"]})
    ties = project_affiliations(aff, weighting="newman").set_index(["source", "target"])
    assert ties.loc[("a", "b"), "weight"] == 1.5
    assert ties.loc[("a", "c"), "weight"] == 0.5
    assert ties.loc[("a", "b"), "shared_affiliations"] == 2
    counts = project_affiliations(aff).set_index(["source", "target"])["weight"]
    assert counts.to_dict() == {("a", "b"): 2.0, ("a", "c"): 1.0, ("b", "c"): 1.0}
    data = read_affiliations(aff, weighting="newman")
    G = build_network(data)
    assert not G.is_directed() and set(G) == {"a", "b", "c", "d"}
    assert G["a"]["b"]["weight"] == 1.5


def test_two_mode_graph(members_csv, write):
    path = write("p.csv", "actor,affiliation,type\nStadt Rheinstadt,Lesestart,project\n"
                 "SR,MINT,committee\nStraßenkinder e.V.,Lesestart,project\n")
    data = read_affiliations(path, actors=members_csv)
    B = build_two_mode(data)
    assert nx.is_bipartite(B)
    assert B.nodes[("affiliation", "Lesestart")]["bipartite"] == 1
    assert B["A1"][("affiliation", "MINT")]["type"] == "committee"
    assert B.nodes["A4"]["bipartite"] == 0  # members without records stay in
    G = build_network(data)
    assert list(G.edges(data="shared_affiliations")) == [("A1", "A2", 1)]


def test_affiliation_errors(write):
    path = write("p.csv", "actor,vorhaben\nA,P\n")
    with pytest.raises(Exception, match=r"has no column 'affiliation'; found 'actor', 'vorhaben'"):
        read_affiliations(path)
    assert len(read_affiliations(path, columns={"affiliation": "vorhaben"}).affiliations) == 1
