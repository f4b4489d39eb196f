"""find_gaps end to end: no false alarms, determinism, robustness, inputs and errors."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import sysmap
from sysmap.exceptions import GraphTypeError, InputError, ParameterError
from sysmap.findings import DEFAULT_THRESHOLDS, Thresholds, find_gaps
from sysmap.io import read_actors, read_survey

PLAN = sysmap.datasets.sample_path("bildungsallianz") / "plan.csv"


def survey_of(G: nx.Graph, responded=None, one_sided=(), **items) -> object:
    """A roster survey in which every actor reports each tie of undirected G (both ways).

    `one_sided` lists (u, v) reports to leave out (v does not name u... u's report of v
    stays). Tie items are constants given in `items`.
    """
    responded = set(G) if responded is None else set(responded)
    roster = pd.DataFrame({"actor": [str(v) for v in G],
                           "sector": [G.nodes[v].get("sector", "S") for v in G],
                           "responded": [int(v in responded) for v in G]})
    skip = {(str(u), str(v)) for u, v in one_sided}
    rows = [(str(u), str(v)) for a, b in G.edges() for u, v in ((a, b), (b, a))
            if u in responded and (str(u), str(v)) not in skip]
    ties = pd.DataFrame(rows, columns=["respondent", "partner"])
    for column, value in items.items():
        ties[column] = value
    return read_survey(ties, actors=read_actors(roster))


@pytest.fixture(scope="module")
def alliance():
    return sysmap.load_sample("bildungsallianz", wave=1)


@pytest.fixture(scope="module")
def alliance_findings(alliance):
    partnerships = sysmap.load_sample("bildungsallianz", wave=1, kind="partnerships")
    return find_gaps(alliance, plan=PLAN, affiliations=partnerships, seed=0)


# ------------------------------------------------------------------ no false alarms


@pytest.mark.parametrize("dense", [False, True])
def test_well_connected_network_gives_no_false_alarms(dense):
    if dense:  # 30 actors, 3 sectors, each pair tied with probability 0.6 (seeded)
        G = nx.gnp_random_graph(30, 0.6, seed=3)
        nx.set_node_attributes(G, {v: "ABC"[v % 3] for v in G}, "sector")
    else:  # complete graph of 12 actors in 3 sectors
        G = nx.complete_graph(12)
        nx.set_node_attributes(G, {v: "ABC"[v % 3] for v in G}, "sector")
    data = survey_of(G, intensity=4, reliability=4, mission_alignment=4, openness=4,
                     power_influence=4, involvement=4, resource_contribution=4)
    found = find_gaps(data, plan=None)
    # only the data-quality statement that all members answered (info)
    assert [(f.id, f.severity) for f in found] == [("response_rate", "info")]
    assert found["response_rate"].statement.startswith(
        f"{G.number_of_nodes()} of {G.number_of_nodes()} members answered the survey (100%)"
    )
    assert found.skipped == {"plan_vs_reality": "no plan given (plan=...)",
                             "introductions": "no partnership records given (affiliations=...)"}


# ------------------------------------------------------------------ determinism


def test_same_seed_same_findings(alliance):
    a = find_gaps(alliance, plan=PLAN, seed=7)
    b = find_gaps(alliance, plan=PLAN, seed=7)
    pd.testing.assert_frame_equal(a.frame, b.frame)
    for f, g in zip(a, b):
        pd.testing.assert_frame_equal(f.evidence, g.evidence)
    pd.testing.assert_frame_equal(a.alternatives_only, b.alternatives_only)


def test_generator_seed_is_accepted(alliance):
    found = find_gaps(alliance, seed=np.random.default_rng(1), robustness=False)
    assert isinstance(found.parameters["seed"], int)


# ------------------------------------------------------------------ robustness


def bridge_case():
    """Sector X triangle x1-x2-x3 and sector Y triangle y1-y2-y3, all mutual, plus the tie
    x1 - y1 that only x1 reports (both responded)."""
    G = nx.Graph([("x1", "x2"), ("x2", "x3"), ("x1", "x3"), ("y1", "y2"), ("y2", "y3"),
                  ("y1", "y3"), ("x1", "y1")])
    nx.set_node_attributes(G, {v: v[0].upper() for v in G}, "sector")
    return survey_of(G, one_sided=[("y1", "x1")])


def test_finding_only_under_union_is_flagged():
    data = bridge_case()
    # union keeps x1 - y1: without x1, {x2, x3} are cut off from {y1, y2, y3} (2 partners);
    # mutual and respondent priority drop the one-sided tie, and with it the finding
    found = find_gaps(data, symmetrize="union")
    spof = found["single_point_of_failure:x1"]
    assert spof.robust is False
    assert spof.robustness_note == (
        "Depends on how ties and missing answers are counted. If only ties that both sides "
        "name count (mutual), this finding does not hold. If a tie between two respondents "
        "counts only when both name it (respondent priority), this finding does not hold."
    )
    assert spof.robustness_note.render("de").startswith(
        "Hängt davon ab, wie Beziehungen und fehlende Antworten gezählt werden. Zählen nur "
        "Beziehungen, die beide Seiten nennen (gegenseitig), entfällt dieser Befund."
    )
    assert found.parameters["variants"] == ["mutual", "respondent_priority"]  # all responded
    summary = found["robustness"]
    assert summary.severity == "low"
    assert summary.values["not_robust"] >= 1
    assert "single_point_of_failure:x1" in summary.evidence["id"].tolist()
    # respondent priority drops the one-sided tie between two respondents: no such finding,
    # but it is listed among the findings that only other rules produce
    main = find_gaps(data, symmetrize="respondent_priority")
    assert "single_point_of_failure:x1" not in main
    only = main.alternatives_only.set_index("id")
    assert only.loc["single_point_of_failure:x1", "variants"] == (
        "union (a tie if either side named it)"
    )
    # one-sided ties come from the reports themselves: robust by construction
    assert main["one_sided_ties"].robust is True


def test_robust_findings_and_respondents_only(alliance_findings):
    found = alliance_findings
    assert found.parameters["symmetrize"] == "union"  # reconstruction, the survey default
    assert found.parameters["variants"] == ["mutual", "respondent_priority", "respondents_only"]
    gap = found["sector_gap:Business|Health"]  # never tied in wave 1 (sample README)
    assert gap.robust is True
    assert gap.robustness_note.startswith("Holds under every rule checked: mutual")
    assert found["response_rate"].robust is None
    flags = found.frame["robust"]
    assert flags.isna().sum() >= 2 and (flags == False).any()  # noqa: E712


def test_robustness_not_checked_for_undirected_graphs():
    G = nx.cycle_graph(5)
    G.add_node("x")
    found = find_gaps(G)
    iso = found["isolated"]
    assert iso.robust is None
    assert iso.robustness_note.startswith("Reason: an undirected graph was given")
    assert found["robustness"].statement.startswith("Robustness was not checked:")
    off = find_gaps(G, robustness=False)
    assert off["isolated"].robustness_note == (
        "Reason: the robustness check was switched off (robustness=False)."
    )


def test_directed_graph_input_gives_the_findings_of_the_data(alliance):
    D = sysmap.build_network(alliance, symmetrize=None)
    from_graph = find_gaps(D, plan=PLAN, robustness=False)
    from_data = find_gaps(alliance, plan=PLAN, robustness=False)
    # the same findings, except the response rate's report-based wording and ingest report
    same = [i for i in from_data.ids if i != "ingest_problems"]
    assert [i for i in from_graph.ids if i != "ingest_problems"] == same
    assert from_graph["sector_gap:Business|Health"].statement == (
        from_data["sector_gap:Business|Health"].statement
    )


def test_non_survey_data_falls_back_to_union():
    data = sysmap.load_sample("zachary_karate")
    found = find_gaps(data, group=None)
    assert found.parameters["symmetrize"] == "undirected"
    knoke = sysmap.load_sample("knoke_bureaucracies")  # directed, not a survey
    found = find_gaps(knoke, group=None, symmetrize="respondent_priority")
    assert found.parameters["symmetrize"] == "union"
    assert any("instead of respondent priority" in n for n in found.notes)


# ------------------------------------------------------------------ sample data


def test_sample_plan_vs_reality(alliance_findings):
    found = alliance_findings
    # sample README: Business-Health planned (plan.csv cell 1) and never tied in wave 1
    assert found["plan_missing:Business|Health"].severity == "high"
    # README: the plan leaves Business-Civil society and Higher education-Municipality
    # unplanned although they are observed
    assert "plan_unplanned:Business|Civil society" in found
    assert "plan_unplanned:Higher education|Municipality" in found


def test_sample_single_points_of_failure(alliance_findings):
    # README: BA063 is the only link of BA061, BA058 and BA052 to the rest
    spof = alliance_findings["single_point_of_failure:BA063"]
    assert sorted(spof.evidence.index) == ["BA052", "BA058", "BA061"]
    assert spof.values["cut_off"] == 3


def test_affiliation_inputs_agree(alliance):
    partnerships = sysmap.load_sample("bildungsallianz", wave=1, kind="partnerships")
    by_data = find_gaps(alliance, affiliations=partnerships, robustness=False)
    table = partnerships.affiliations[["actor", "affiliation"]]
    by_ids = find_gaps(alliance, affiliations=table, robustness=False)
    names = table.assign(actor=table["actor"].map(alliance.actors["name"]))
    by_names = find_gaps(alliance, affiliations=names, robustness=False)
    want = by_data.filter(rule="introductions").ids
    assert len(want) == 10
    assert by_ids.filter(rule="introductions").ids == want
    assert by_names.filter(rule="introductions").ids == want


def test_truncation_is_noted(alliance):
    found = find_gaps(alliance, robustness=False, thresholds={"max_per_rule": 1})
    assert len(found.filter(rule="single_points_of_failure")) == 1
    assert "single_point_of_failure: the 1 most important of 3 findings are shown." in (
        found.notes
    )


# ------------------------------------------------------------------ parameters and errors


def test_thresholds():
    assert DEFAULT_THRESHOLDS["gap_ratio"] == 0.25
    assert Thresholds.from_any({"gap_ratio": 0.5}).gap_ratio == 0.5
    with pytest.raises(ParameterError, match=r"unknown threshold\(s\) \['gap_rato'\]"):
        find_gaps(nx.path_graph(3), thresholds={"gap_rato": 0.5})
    with pytest.raises(ParameterError, match="'gap_ratio' must be a number >= 0"):
        find_gaps(nx.path_graph(3), thresholds={"gap_ratio": -1})
    with pytest.raises(ParameterError, match="'intro_max_distance' must be 2 or 3"):
        find_gaps(nx.path_graph(3), thresholds={"intro_max_distance": 5})
    with pytest.raises(ParameterError, match="must be an int >= 0"):
        find_gaps(nx.path_graph(3), thresholds={"key_players_k": 1.5})


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"lang": "fr"}, ParameterError, "lang must be one of"),
        ({"symmetrize": "both"}, ParameterError, "symmetrize must be"),
        ({"seed": 1.5}, ParameterError, "seed must be None, an int"),
        ({"group": 3}, ParameterError, "group must be 'auto', an attribute name"),
        ({"affiliations": 42}, ParameterError, "affiliations must be NetworkData"),
        ({"affiliations": pd.DataFrame({"org": ["a"]})}, ParameterError, "'affiliation'"),
    ],
)
def test_parameter_errors(kwargs, error, match):
    with pytest.raises(error, match=match):
        find_gaps(nx.path_graph(3), **kwargs)


def test_data_errors():
    with pytest.raises(GraphTypeError, match="NetworkData"):
        find_gaps("survey.csv")


def test_plan_labels_must_match(alliance):
    bad = pd.DataFrame([[1, 1], [1, 1]], index=["Health", "Helth"], columns=["Health", "Helth"])
    with pytest.raises(InputError, match=r"\['Helth'\] are not values of 'sector'"):
        find_gaps(alliance, plan=bad, robustness=False)
    with pytest.raises(InputError, match="neither actor ids nor actor names"):
        find_gaps(nx.path_graph(["a", "b"]), plan=pd.DataFrame([[1]], index=["q"],
                                                                columns=["q"]))


def test_plan_by_actor_names():
    G = nx.path_graph(["a", "b", "c"])
    nx.set_node_attributes(G, {"a": "Stadt", "b": "Schule", "c": "Verein"}, "name")
    plan = pd.DataFrame([[0, 1], [1, 0]], index=["Stadt", "Verein"], columns=["Stadt", "Verein"])
    found = find_gaps(G, plan=plan, group=None)
    assert found["plan_missing_ties"].evidence[["source", "target"]].values.tolist() == [
        ["a", "c"]
    ]
    assert found.parameters["plan"] == "actor"


def test_missing_group_values_are_noted():
    G = nx.Graph(itertools.combinations(range(6), 2))
    nx.set_node_attributes(G, {0: "A", 1: "A", 2: "B", 3: "B", 4: "B"}, "sector")
    found = find_gaps(G)
    assert (
        "1 actor has no 'sector'. It counts in the group 'not on the member list' or "
        "'unknown', which the sector rules do not compare as sectors."
    ) in found.notes


def test_progress_bar_runs(alliance, capsys):
    find_gaps(alliance, robustness=False, progress=True)
    assert "findings" in capsys.readouterr().err


def test_unknown_affiliation_names_are_dropped_and_noted(alliance):
    records = pd.DataFrame({"actor": ["Hochschule Rheinstadt", "Sparkasse Rheinstadt",
                                      "Unknown Org"], "affiliation": ["P", "P", "P"]})
    found = find_gaps(alliance, affiliations=records, robustness=False)
    # BA039 (Hochschule) and BA076 (Sparkasse) share P and are not tied
    assert found.filter(rule="introductions").ids == ["introduction:BA039|BA076"]
    assert found.notes == [
        "Partnership records: '<DataFrame>' row 4, column 'actor': 'Unknown Org' is not in the "
        "member list. The row was dropped (unknown='drop')."
    ]
    # the reader's problem itself in the findings' language, not only the frame around it
    assert found.in_language("de").notes == [
        "Partnerschaftsdaten: '<DataFrame>' Zeile 4, Spalte 'actor': 'Unknown Org' steht nicht "
        "auf der Mitgliederliste. Die Zeile wurde verworfen (unknown='drop')."
    ]
