"""Robustness that means something: a finding's conclusion under the alternative networks.

Every network here is a roster survey built by hand (``survey_of``): each tie of
an undirected graph is reported by both sides unless listed as one-sided, so the
networks under each tie rule can be counted on paper (comments give the counts).
The definition under test is ``sysmap.findings.robustness.conclusion_change``.
"""

from __future__ import annotations

import itertools

import networkx as nx
import pandas as pd
import pytest

from sysmap.findings import Finding, find_gaps
from sysmap.findings.robustness import Change, Presence, conclusion_change
from sysmap.io import read_actors, read_survey


def survey_of(G: nx.Graph, responded=None, one_sided=()) -> object:
    """A roster survey: every tie of G reported by both ends, except the reports (u, v)
    in `one_sided` (u does not name v); actors not in `responded` report nothing."""
    responded = set(G) if responded is None else set(responded)
    roster = pd.DataFrame({"actor": [str(v) for v in G],
                           "sector": [G.nodes[v].get("sector", "S") for v in G],
                           "responded": [int(v in responded) for v in G]})
    skip = {(str(u), str(v)) for u, v in one_sided}
    rows = [(str(u), str(v)) for a, b in G.edges() for u, v in ((a, b), (b, a))
            if u in responded and (str(u), str(v)) not in skip]
    return read_survey(pd.DataFrame(rows, columns=["respondent", "partner"]),
                       actors=read_actors(roster))


def silo_case():
    """Sectors A, B, C of 4 actors each, complete inside (6 ties each, reported by both).
    A-B: a_i - b_i and A-C: a_i - c_i for i = 0..3 (8 ties), of which only a0 - b0 and
    a0 - c0 are reported by both sides; a_i does not name b_i / c_i for i = 1..3.
    B and C never name each other."""
    G = nx.Graph()
    for s in "ABC":
        members = [f"{s.lower()}{i}" for i in range(4)]
        G.add_nodes_from(members, sector=s)
        G.add_edges_from(itertools.combinations(members, 2))
    G.add_edges_from((f"a{i}", f"{s}{i}") for i in range(4) for s in "bc")
    one_sided = [(f"a{i}", f"{s}{i}") for i in range(1, 4) for s in "bc"]
    return survey_of(G, one_sided=one_sided)


def test_sector_gap_without_ties_under_every_rule_is_robust():
    data = silo_case()
    # Union: 8 ties between sectors of 3 * 16 = 48 possible pairs, density 1/6; B-C has
    # 16 possible pairs, 16/6 = 2.7 expected (>= gap_min_expected 2), 0 observed: high.
    found = find_gaps(data)
    gap = found["sector_gap:B|C"]
    assert (gap.severity, gap.values["ties"]) == ("high", 0)
    assert gap.values["expected"] == pytest.approx(16 / 6)
    # Mutual (and respondent priority, everyone responded) keep only a0-b0 and a0-c0:
    # density 2/48, B-C expects 16 * 2/48 = 0.67 < 2, so the rule alone does not report the
    # pair there. B and C still share no tie: the conclusion (B, C, high) is the same.
    alone = find_gaps(data, symmetrize="mutual", robustness=False)
    assert "sector_gap:B|C" not in alone
    assert gap.robust is True
    assert gap.robustness_note == (
        "Holds under every rule checked: mutual (a tie only if both sides named it) and "
        "respondent priority (respondents must confirm each other)."
    )
    # nothing in this network depends on the rule but the one-sided ties themselves
    assert found["robustness"].values["not_robust"] == 0
    assert found["robustness"].statement.startswith("All ")


def test_a_list_that_loses_an_actor_says_which():
    # Triangle x1-x2-x3; p1 - x1 reported by both, p2 - x2 only by p2.
    # Union: p1 and p2 have one tie each (peripheral). Mutual: p2 has none (isolated).
    G = nx.Graph([("x1", "x2"), ("x2", "x3"), ("x1", "x3"), ("p1", "x1"), ("p2", "x2")])
    found = find_gaps(survey_of(G, one_sided=[("x2", "p2")]), group=None)
    peripheral = found["peripheral"]
    assert peripheral.actors == ("p1", "p2")
    assert peripheral.robust is False
    assert peripheral.robustness_note.endswith(
        "If only ties that both sides name count (mutual), it no longer names p2. If a tie "
        "between two respondents counts only when both name it (respondent priority), it no "
        "longer names p2."
    )
    # p2 isolated appears only under the alternatives
    assert "isolated" in found.alternatives_only["id"].tolist()


def test_a_severity_change_is_explained():
    # A mutual 10-cycle, i1 without any tie, i2 tied to c0 by i2's report only (12 actors).
    # Union: i1 isolated, 1/12 = 8 % < isolated_high_share 10 %: medium.
    # Mutual: i1 and i2 isolated, 2/12 = 17 %: high.
    G = nx.cycle_graph([f"c{i}" for i in range(10)])
    G.add_node("i1")
    G.add_edge("i2", "c0")
    found = find_gaps(survey_of(G, one_sided=[("c0", "i2")]), group=None)
    isolated = found["isolated"]
    assert (isolated.severity, isolated.actors) == ("medium", ("i1",))
    assert isolated.robust is False
    assert "If only ties that both sides name count (mutual), it is rated high instead of " \
        "medium." in isolated.robustness_note
    assert "Zählen nur Beziehungen, die beide Seiten nennen (gegenseitig), wird er als hoch " \
        "statt mittel eingestuft." in isolated.robustness_note.render("de")


def test_actors_an_alternative_leaves_out_are_not_compared():
    # A mutual 6-cycle and n1, a member who did not answer and whom nobody named: isolated.
    # Without the non-respondents n1 is not in the network: that alternative cannot test the
    # finding; mutual and respondent priority keep n1 isolated.
    G = nx.cycle_graph([f"c{i}" for i in range(6)])
    G.add_node("n1")
    found = find_gaps(survey_of(G, responded=[f"c{i}" for i in range(6)]), group=None)
    assert found.parameters["variants"] == ["mutual", "respondent_priority", "respondents_only"]
    isolated = found["isolated"]
    assert isolated.robust is True
    assert isolated.robustness_note == (
        "Holds under every rule checked: mutual (a tie only if both sides named it) and "
        "respondent priority (respondents must confirm each other)."
    )


def make(id_, severity="medium", actors=(), groups=()):
    return Finding(id_, "r", severity, "s", evidence=pd.DataFrame(), actors=actors, groups=groups)


def test_conclusion_change_definition():
    f = make("isolated", actors=("a", "b"))
    # the same actors (and more) at the same severity: the conclusion holds
    assert conclusion_change(f, make("isolated", actors=("a", "b", "c")), {"a", "b", "c"}) is None
    # an actor left out of the alternative network is not compared
    assert conclusion_change(f, make("isolated", actors=("a",)), {"a"}) is None
    assert conclusion_change(f, None, {"a", "b"}) == Change(gone=True)
    assert conclusion_change(f, make("isolated", "high", ("a", "b")), {"a", "b"}) == Change(
        severity="high"
    )
    assert conclusion_change(f, make("isolated", actors=("a",)), {"a", "b"}) == Change(
        dropped=("b",)
    )


def test_what_an_alternative_can_test():
    here = Presence(frozenset({"a", "b"}), frozenset({"A"}))
    assert here.tests(make("over_reliance:a", actors=("a",)))
    assert not here.tests(make("weak_bridge:a|z", actors=("a", "z")))  # a subject: all of it
    assert here.tests(make("isolated", actors=("a", "z")))  # a list: one of them suffices
    assert not here.tests(make("isolated", actors=("y", "z")))
    assert not here.tests(make("sector_gap:A|B", groups=("A", "B")))
    assert here.tests(make("centralization"))  # about the whole network
