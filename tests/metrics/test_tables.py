"""The three metric tables and the `sysmap metrics` command keep their column contract."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

import sysmap
from sysmap.cli import main
from sysmap.metrics import (
    betweenness,
    brokerage_roles,
    fragmentation,
    fragmentation_impact,
    structural_hole_measures,
)
from sysmap.metrics.tables import actor_metrics, network_metrics, tie_metrics

# Column names fixed by issue #3 (users' scripts read them).
ACTOR_COLUMNS = [
    "degree", "in_degree", "out_degree", "betweenness", "constraint", "effective_size",
    "efficiency", "hierarchy", "fragmentation_impact", "distance_fragmentation_impact",
    "coordinator", "itinerant", "representative", "gatekeeper", "liaison", "brokerage_total",
    "coordinator_z", "itinerant_z", "representative_z", "gatekeeper_z", "liaison_z",
    "brokerage_total_z", "ei_index", "constraint_ego", "effective_size_ego", "efficiency_ego",
    "hierarchy_ego",
]
TIE_COLUMNS = ["bridge", "local_bridge", "span", "overlap", "strength_class", "cross_group"]
NETWORK_METRICS = [
    "n_actors", "n_ties", "density", "reciprocity", "components", "fragmentation",
    "distance_fragmentation", "degree_centralization", "betweenness_centralization", "ei_index",
]


@pytest.fixture(scope="module")
def knoke():
    return sysmap.load_sample("knoke_bureaucracies", table="information", graph=True)


def test_actor_table_has_contract_columns_and_family_values(knoke):
    table = actor_metrics(knoke, group="sector")
    assert set(ACTOR_COLUMNS) <= set(table.columns)
    assert table.index.name == "actor" and len(table) == 10
    # the table repeats the family functions, value for value
    pd.testing.assert_series_equal(table["betweenness"], betweenness(knoke)["betweenness"])
    holes = structural_hole_measures(knoke, model="ego")
    pd.testing.assert_series_equal(
        table["constraint_ego"], holes["constraint"], check_names=False
    )
    impact = fragmentation_impact(knoke)
    pd.testing.assert_series_equal(table["fragmentation_impact"], impact["fragmentation_impact"])
    roles = brokerage_roles(knoke, "sector")
    pd.testing.assert_series_equal(table["liaison_z"], roles["liaison_z"])


def test_actor_table_without_group_has_no_role_columns(knoke):
    table = actor_metrics(knoke, distance=False)
    assert "liaison" not in table and "ei_index" not in table
    assert "distance_fragmentation_impact" not in table


def test_tie_and_network_tables(knoke):
    ties = tie_metrics(knoke, group="sector")
    assert list(ties.columns[:2]) == ["source", "target"]
    assert set(TIE_COLUMNS) - {"strength_class"} <= set(ties.columns)
    network = network_metrics(knoke, group="sector")
    assert list(network.columns) == ["metric", "value"]
    assert NETWORK_METRICS == [m for m in network["metric"] if m in NETWORK_METRICS]
    values = network.set_index("metric")["value"]
    assert values["density"] == pytest.approx(49 / 90)  # Knoke README: 49 arcs of 90
    assert values["fragmentation"] == fragmentation(knoke)


def test_strength_classes_from_survey_intensity():
    G = sysmap.load_sample("bildungsallianz", wave=1, graph=True, symmetrize="union")
    ties = tie_metrics(G)
    assert set(ties["strength_class"]) == {"weak", "strong"}
    network = network_metrics(G).set_index("metric")["value"]
    assert 0 < network["weak_share"] < 1


def test_cli_metrics_writes_the_three_files(tmp_path, capsys):
    folder = sysmap.datasets.sample_path("knoke_bureaucracies")
    code = main([
        "metrics", str(folder / "edges_information.csv"), "--actors", str(folder / "nodes.csv"),
        "--group", "sector", "-o", str(tmp_path),
    ])
    assert code == 0
    actors = pd.read_csv(tmp_path / "actors.csv", encoding="utf-8-sig", dtype={"actor": str})
    ties = pd.read_csv(tmp_path / "ties.csv", encoding="utf-8-sig")
    network = pd.read_csv(tmp_path / "network.csv", encoding="utf-8-sig")
    assert actors.columns[0] == "actor" and set(ACTOR_COLUMNS) <= set(actors.columns)
    assert list(ties.columns[:2]) == ["source", "target"]
    assert set(NETWORK_METRICS) <= set(network["metric"])
    # ties.csv has one row per pair: 49 arcs of which 17 pairs are reciprocated -> 32 pairs
    assert len(actors) == 10 and len(ties) == 49 - 17
    assert ties["reciprocated"].sum() == 17
    assert "Wrote actors.csv, ties.csv and network.csv" in capsys.readouterr().out


def test_cli_metrics_undirected_and_errors(tmp_path, capsys):
    folder = sysmap.datasets.sample_path("knoke_bureaucracies")
    ties = str(folder / "edges_information.csv")
    assert main(["metrics", ties, "--undirected", "-o", str(tmp_path)]) == 0
    network = pd.read_csv(tmp_path / "network.csv", encoding="utf-8-sig").set_index("metric")
    assert network.loc["n_ties", "value"] == nx.Graph(
        sysmap.load_sample("knoke_bureaucracies", table="information", graph=True)
    ).number_of_edges()
    assert main(["metrics", ties, "--group", "sector", "-o", str(tmp_path)]) == 2
    assert "no actor has that attribute" in capsys.readouterr().err
