"""Tests for sysmap.compare.churn: kept, formed, dissolved, strengthened, weakened ties.

Expected counts are worked out by hand in the comments (tiny graphs) or by
set operations on the edge lists, independently of the implementation.
"""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import pytest

from sysmap.compare import churn_by_group, churn_summary, tie_churn
from sysmap.exceptions import GraphTypeError, ParameterError


@pytest.fixture
def waves():
    """Two waves of five organisations in two sectors, with intensities."""
    G1 = nx.Graph()
    G1.add_edges_from(
        [
            ("a", "b", {"weight": 2}),
            ("b", "c", {"weight": 3}),
            ("c", "d", {"weight": 4}),
            ("a", "c", {"weight": 1}),
        ]
    )
    G2 = nx.Graph()
    G2.add_edges_from(
        [
            ("a", "b", {"weight": 4}),
            ("b", "c", {"weight": 3}),
            ("c", "d", {"weight": 1}),
            ("d", "e", {"weight": 2}),
            ("b", "d", {"weight": 2}),
        ]
    )
    sectors = {"a": "Schools", "b": "Schools", "c": "Business", "d": "Business", "e": "Health"}
    for G in (G1, G2):
        nx.set_node_attributes(G, {v: sectors[v] for v in G}, "sector")
    return G1, G2


def test_identical_waves_have_zero_churn_and_jaccard_one():
    G = nx.karate_club_graph()
    table = tie_churn(G, G.copy())
    summary = churn_summary(table)
    assert summary["kept"] == G.number_of_edges() == 78
    assert summary["formed"] == summary["dissolved"] == 0
    assert summary["jaccard"] == 1.0 == summary["jaccard_stayers"]
    assert summary["strengthened"] == summary["weakened"] == 0
    assert summary["unchanged"] == 78  # every kept tie has its weight in both waves


def test_hand_counted_churn(waves):
    G1, G2 = waves
    table = tie_churn(G1, G2, group="sector").set_index(["source", "target"])
    # kept: a-b (2 -> 4, stronger), b-c (3 -> 3), c-d (4 -> 1, weaker);
    # dissolved: a-c; formed: b-d, d-e (e joined in wave 2, so turnover).
    assert table["status"].to_dict() == {
        ("a", "b"): "kept",
        ("a", "c"): "dissolved",
        ("b", "c"): "kept",
        ("b", "d"): "formed",
        ("c", "d"): "kept",
        ("d", "e"): "formed",
    }
    assert table.loc[("a", "b"), "trend"] == "strengthened"
    assert table.loc[("c", "d"), "trend"] == "weakened"
    assert table.loc[("b", "c"), "trend"] == "unchanged"
    assert table.loc[("c", "d"), "weight_change"] == -3
    assert table["turnover"].to_dict()[("d", "e")] and not table.loc[("b", "d"), "turnover"]
    assert table.loc[("b", "d"), "cross_group"] and not table.loc[("a", "b"), "cross_group"]
    assert table.loc[("d", "e"), "target_sector"] == "Health"
    s = churn_summary(table.reset_index())
    assert s[["ties_before", "ties_after", "kept", "formed", "dissolved"]].tolist() == [
        4,
        5,
        3,
        2,
        1,
    ]
    assert s["jaccard"] == pytest.approx(3 / 6)  # kept / (kept + formed + dissolved)
    assert s["formed_turnover"] == 1 and s["dissolved_turnover"] == 0
    assert s["jaccard_stayers"] == pytest.approx(3 / 5)  # without d-e


def test_churn_matches_set_operations_on_a_random_pair():
    G1 = nx.gnp_random_graph(40, 0.1, seed=1)
    G2 = nx.gnp_random_graph(40, 0.1, seed=2)
    e1 = {frozenset(e) for e in G1.edges()}
    e2 = {frozenset(e) for e in G2.edges()}
    s = churn_summary(tie_churn(G1, G2, weight=None))
    assert (s["kept"], s["formed"], s["dissolved"]) == (len(e1 & e2), len(e2 - e1), len(e1 - e2))
    assert s["jaccard"] == pytest.approx(len(e1 & e2) / len(e1 | e2))


def test_tolerance_and_nodes(waves):
    G1, G2 = waves
    table = tie_churn(G1, G2, tolerance=2.5)
    trends = table.set_index(["source", "target"])["trend"]
    assert trends[("a", "b")] == "unchanged"  # +2 is within the tolerance
    assert trends[("c", "d")] == "weakened"  # -3 is not
    inner = tie_churn(G1, G2, nodes=["a", "b", "c"])
    assert sorted(zip(inner["source"], inner["target"], inner["status"])) == [
        ("a", "b", "kept"),
        ("a", "c", "dissolved"),
        ("b", "c", "kept"),
    ]


def test_directed_ties_keep_their_direction():
    G1 = nx.DiGraph([("a", "b")])
    G2 = nx.DiGraph([("b", "a")])
    table = tie_churn(G1, G2, weight=None)
    assert list(zip(table["source"], table["target"], table["status"])) == [
        ("a", "b", "dissolved"),
        ("b", "a", "formed"),
    ]
    assert math.isnan(churn_summary(tie_churn(nx.DiGraph(), nx.DiGraph()))["jaccard"])


def test_churn_by_group_counts_pairs_of_sectors(waves):
    G1, G2 = waves
    table = churn_by_group(
        tie_churn(G1, G2, group="sector"), "sector", groups=["Schools", "Business", "Health"]
    )
    # Business-Schools: a-c (dissolved), b-c (kept), b-d (formed)
    row = table.loc[("Business", "Schools")]
    assert (
        row["ties_before"],
        row["ties_after"],
        row["kept"],
        row["formed"],
        row["dissolved"],
        row["net_change"],
    ) == (2, 2, 1, 1, 1, 0)
    assert row["jaccard"] == pytest.approx(1 / 3)
    assert table.loc[("Business", "Health"), "formed"] == 1  # d-e
    empty = table.loc[("Health", "Schools")]
    assert empty["ties_before"] == empty["ties_after"] == 0 and math.isnan(empty["jaccard"])
    assert table.loc[("Business", "Business"), "weakened"] == 1  # c-d
    assert len(table) == 6  # 3 groups: 3 within + 3 between
    assert list(table.index.names) == ["group_a", "group_b"]


def test_errors():
    with pytest.raises(GraphTypeError, match="both be directed or both undirected"):
        tie_churn(nx.Graph(), nx.DiGraph())
    with pytest.raises(ParameterError, match="tolerance"):
        tie_churn(nx.Graph(), nx.Graph(), tolerance=-1)
    with pytest.raises(ParameterError, match="call tie_churn"):
        churn_by_group(pd.DataFrame({"status": []}), "sector")
