"""Tests for sysmap.compare.changes: metrics side by side, actor changes, roles, clusters.

Network metrics are checked against the sysmap.metrics / sysmap.cluster
functions called directly on each wave's graph (which their own tests check
against sna, igraph and networkx); brokerage groups against a naive
enumeration of open two-paths; the rest against hand-worked toy networks.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter

import networkx as nx
import pandas as pd
import pytest

import sysmap
from sysmap.cluster import consensus_communities
from sysmap.compare import (
    Panel,
    actor_changes,
    cluster_evolution,
    cut_point_changes,
    metric_changes,
    role_transitions,
    wave_metrics,
    wave_pairs,
)
from sysmap.exceptions import ParameterError
from sysmap.metrics import density, distance_fragmentation, ei_index, fragmentation

LABELS = ["2023", "2024", "2025"]


@pytest.fixture(scope="module")
def panel() -> Panel:
    waves = [sysmap.load_sample("bildungsallianz", wave=w) for w in (1, 2, 3)]
    return Panel(waves, labels=LABELS)


def test_wave_metrics_equal_the_metrics_of_each_wave(panel):
    table = wave_metrics(panel, group="sector", seed=0)
    assert list(table.columns) == LABELS
    for w in LABELS:
        G = panel.graphs[w]
        assert table.at["density", w] == pytest.approx(density(G))
        assert table.at["density_observed", w] == pytest.approx(density(G, observed_only=True))
        assert table.at["fragmentation", w] == pytest.approx(fragmentation(G))
        assert table.at["distance_fragmentation", w] == pytest.approx(distance_fragmentation(G))
        assert table.at["ei_index", w] == pytest.approx(ei_index(G, "sector").network)
        assert table.at["modularity", w] == pytest.approx(
            consensus_communities(G, seed=0).modularity
        )
    # README: observed densities 0.093, 0.102, 0.115; response 85.0 %, 78.3 %, 61.8 %
    assert table.loc["density"].round(3).tolist() == [0.093, 0.102, 0.115]
    assert table.loc["response_rate"].round(3).tolist() == [0.85, 0.783, 0.618]
    assert table.loc["reciprocity"].isna().all()  # undirected networks


def test_restricted_metrics_use_the_same_actors_in_every_wave(panel):
    table = wave_metrics(panel, restrict="present")
    n = len(panel.actor_set(restrict="present"))
    assert table.loc["n_actors"].tolist() == [n, n, n]
    G = panel.graph("2025", restrict="present")
    assert table.at["density", "2025"] == pytest.approx(density(G))


def test_metric_changes_are_differences():
    m = pd.DataFrame(
        {"a": [0.1, 0.0], "b": [0.12, 0.3]},
        index=pd.Index(["density", "fragmentation"], name="metric"),
    )
    out = metric_changes(m, [("a", "b")]).set_index("metric")
    assert out.at["density", "change"] == pytest.approx(0.02)
    assert out.at["density", "relative_change"] == pytest.approx(0.2)
    assert math.isnan(out.at["fragmentation", "relative_change"])  # before is 0


def test_actor_changes_compare_actors_present_in_both_waves(panel):
    table = actor_changes(panel)
    assert table.index.names == ["wave_from", "wave_to", "actor"]
    pair = table.xs(("2023", "2024"))
    both = sorted(set(panel.graphs["2023"]) & set(panel.graphs["2024"]))
    assert list(pair.index) == both and len(both) == 95  # README: 100 - 5 left
    for v in ("BA001", "BA046", "BA066"):
        assert pair.at[v, "degree_before"] == panel.graphs["2023"].degree(v)
        assert pair.at[v, "degree_after"] == panel.graphs["2024"].degree(v)
    assert (pair["degree_change"] == pair["degree_after"] - pair["degree_before"]).all()
    assert set(table.index.get_level_values(0)) == {"2023", "2024"}  # 3 waves: 3 pairs
    assert len(table.xs(("2023", "2025"))) == len(
        set(panel.graphs["2023"]) & set(panel.graphs["2025"])
    )


def test_cut_point_changes_on_a_toy_network():
    # wave 1: cycle a-b-c-d-a (no cut point); wave 2: path a-b-c-d plus e joining at d.
    G1 = nx.cycle_graph(["a", "b", "c", "d"])
    G2 = nx.path_graph(["a", "b", "c", "d", "e"])
    table = cut_point_changes(Panel.from_graphs([G1, G2], labels=["1", "2"]))
    # b separates {a} from {c, d, e}: 3 pairs; c: {a, b} x {d, e} = 4; d: {a, b, c} x {e} = 3
    assert table[["actor", "change", "pairs_disconnected_after"]].values.tolist() == [
        ["c", "new", 4.0],
        ["b", "new", 3.0],
        ["d", "new", 3.0],
    ]
    back = cut_point_changes(Panel.from_graphs([G2, G1], labels=["1", "2"]))
    assert set(back.loc[back["change"] == "resolved", "actor"]) == {"b", "c", "d"}


@pytest.fixture
def broker_waves():
    sectors = {
        "b": "Business",
        "c1": "Business",
        "c2": "Business",
        "a1": "Schools",
        "a2": "Schools",
        "a3": "Schools",
        "a4": "Schools",
    }
    G1 = nx.Graph([("b", "c1"), ("c1", "c2"), ("a1", "a2"), ("a2", "a3"), ("a3", "a4")])
    G2 = G1.copy()
    G2.add_edges_from([("b", "a1"), ("b", "a2"), ("b", "a3"), ("b", "a4"), ("b", "c2")])
    for G in (G1, G2):
        nx.set_node_attributes(G, sectors, "sector")
    return Panel.from_graphs([G1, G2], labels=["1", "2"])


def test_role_transition_names_the_groups_brokered(broker_waves):
    table = role_transitions(broker_waves, "sector").set_index("actor")
    # In wave 2, b (Business) brokers 8 open paths between a Schools member and a
    # Business member (a_i - b - c_j): gatekeeper between Schools and Business.
    assert pd.isna(table.at["b", "role_before"])
    assert table.at["b", "role_after"] == "gatekeeper"
    assert table.at["b", "groups_after"] == ("Schools", "Business")
    assert table.at["b", "z_after"] > 1.96
    # c1 brokered b - c1 - c2 (all Business) in wave 1; b - c2 closes it in wave 2.
    assert table.at["c1", "role_before"] == "coordinator"
    assert pd.isna(table.at["c1", "role_after"])
    assert table.at["c1", "groups_before"] == ("Business", "Business")


def test_liaison_groups_match_a_naive_enumeration(panel):
    table = role_transitions(panel, "sector")
    row = table[(table["actor"] == "BA039") & (table["wave_to"] == "2024")].iloc[0]
    assert row["role_after"] == "liaison"
    G = panel.graphs["2024"]
    sector = nx.get_node_attributes(G, "sector")
    own = sector["BA039"]
    counts = Counter()
    for u, w in itertools.combinations(sorted(G["BA039"]), 2):
        if not G.has_edge(u, w) and len({sector[u], sector[w], own}) == 3:
            counts[tuple(sorted((sector[u], sector[w])))] += 1
    assert row["groups_after"] == counts.most_common(1)[0][0] == ("Business", "Schools")


def test_cluster_evolution_split_continue_and_agreement():
    two = nx.disjoint_union(nx.complete_graph(5), nx.complete_graph(5))
    one = two.copy()
    one.add_edges_from((i, j) for i in range(5) for j in range(5, 10))
    split = cluster_evolution(Panel.from_graphs([one, two], labels=["a", "b"]))
    assert split.events["event"].tolist() == ["split", "split"]
    assert split.events["jaccard"].tolist() == [0.5, 0.5]  # 5 of 10 members each
    same = cluster_evolution(Panel.from_graphs([two, two], labels=["a", "b"]))
    assert same.events["event"].tolist() == ["continued", "continued"]
    assert same.agreement.loc[("a", "b"), "ari"] == 1.0
    assert same.agreement.loc[("a", "b"), "n_common"] == 10
    grown = nx.disjoint_union(two, nx.complete_graph(4))  # a new group of 4 joins
    formed = cluster_evolution(Panel.from_graphs([two, grown], labels=["a", "b"]))
    assert "formed" in set(formed.events["event"])
    assert formed.communities.loc[("b", 2), "size"] == 4
    with pytest.raises(ParameterError, match="threshold"):
        cluster_evolution(Panel.from_graphs([two, two]), threshold=0)


def test_wave_pairs():
    panel = Panel.from_graphs([nx.path_graph(3)] * 4, labels=list("abcd"))
    assert wave_pairs(panel) == [("a", "b"), ("b", "c"), ("c", "d"), ("a", "d")]
    assert wave_pairs(panel, "baseline") == [("a", "b"), ("a", "c"), ("a", "d")]
    assert len(wave_pairs(panel, "all")) == 6
    assert wave_pairs(panel, [("d", "a")]) == [("d", "a")]
    with pytest.raises(ParameterError, match="pairs must be"):
        wave_pairs(panel, "every")
    with pytest.raises(ParameterError, match="two different waves"):
        wave_pairs(panel, [("a", "a")])
