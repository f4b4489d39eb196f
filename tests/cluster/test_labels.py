"""Tests for sysmap.cluster.labels (communities and roles in one table) and ``--clusters``.

Where the numbers come from
---------------------------
* Planted partitions: networkx ``stochastic_block_model`` (three blocks of 30,
  p_in 0.5, p_out 0.01, seed 3): every reasonable clustering recovers the
  blocks; the test asserts ARI > 0.9 between communities and the planted
  block attribute, as issue #4 asks.
* Zachary karate club (tests/data/zachary_karate): the two factions after the
  split (Zachary 1977), used as the group attribute; the consensus communities
  refine them, so the NMI is well above 0 but below 1 (asserted > 0.5).
* Every other number is checked against the function it is built from
  (``consensus_communities``, ``compare_partitions``, ``modularity``,
  ``attribute_modularity``) or against counts made in the test.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

import sysmap
from sysmap.cli import main
from sysmap.cluster import (
    ActorClusters,
    attribute_modularity,
    cluster_actors,
    compare_partitions,
    modularity,
)
from sysmap.exceptions import ParameterError


def planted(seed: int = 3) -> nx.Graph:
    G = nx.stochastic_block_model(
        [30, 30, 30], [[0.5, 0.01, 0.01], [0.01, 0.5, 0.01], [0.01, 0.01, 0.5]], seed=seed
    )
    nx.set_node_attributes(G, {v: ["city", "schools", "business"][v // 30] for v in G}, "sector")
    G.graph.clear()
    for v in G:
        del G.nodes[v]["block"]
    return G


@pytest.fixture(scope="module")
def result() -> ActorClusters:
    return cluster_actors(planted(), group="sector", seed=7)


def test_actor_table_columns_and_index(result):
    G = planted()
    assert result.actors.columns.tolist() == ["community", "community_stability", "role"]
    assert result.actors.index.tolist() == sorted(G)
    assert result.actors["community_stability"].between(0, 1).all()
    assert set(result.actors["role"]) == set(result.roles["name"])
    assert result.roles["size"].sum() == G.number_of_nodes()


def test_planted_sectors_are_recovered(result):
    summary = result.summary.set_index("metric")["value"]
    assert summary["group_ari"] > 0.9
    assert summary["n_communities"] == 3
    assert summary["group_modularity"] == pytest.approx(
        attribute_modularity(planted(), "sector", weight=None), abs=1e-12
    )
    agreement = compare_partitions(result.actors["community"], "sector", G=planted())
    assert summary["group_nmi"] == pytest.approx(agreement["nmi"], abs=1e-12)
    assert summary["modularity"] == pytest.approx(
        modularity(planted(), result.actors["community"], weight=None), abs=1e-12
    )


def test_community_profiles_add_mean_stability(result):
    profiles = result.communities
    assert profiles.index.name == "community"
    expected = result.actors.groupby("community")["community_stability"].mean()
    pd.testing.assert_series_equal(profiles["mean_stability"], expected, check_names=False)
    assert (
        profiles["size"].tolist() == result.actors["community"].value_counts().sort_index().tolist()
    )
    assert profiles["size"].is_monotonic_decreasing  # canonical labels: largest first


def test_same_seed_same_result_and_n_jobs_does_not_matter():
    G = planted()
    a = cluster_actors(G, group="sector", seed=11)
    b = cluster_actors(G, group="sector", seed=11, n_jobs=2)
    pd.testing.assert_frame_equal(a.actors, b.actors)
    pd.testing.assert_frame_equal(a.communities, b.communities)
    pd.testing.assert_frame_equal(a.roles, b.roles)


def test_annotate_copies_and_never_mutates():
    G = sysmap.load_sample("zachary_karate", graph=True)
    before = {v: dict(d) for v, d in G.nodes(data=True)}
    result = cluster_actors(G, group="club", seed=1)
    H = result.annotate(G)
    assert {v: dict(d) for v, d in G.nodes(data=True)} == before
    for actor, row in result.actors.iterrows():
        attrs = H.nodes[actor]
        assert attrs["community"] == row["community"]
        assert attrs["role"] == row["role"]
        assert attrs["community_name"] == result.communities.loc[row["community"], "name"]
        assert attrs["club"] == before[actor]["club"]
    assert H.number_of_edges() == G.number_of_edges()
    summary = result.summary.set_index("metric")["value"]
    assert 0.5 < summary["group_nmi"] < 1


def test_annotate_rejects_another_graph(result):
    with pytest.raises(ParameterError, match="annotate the graph that was clustered"):
        result.annotate(nx.path_graph(4))


def test_two_actors_form_one_role():
    G = nx.Graph([("a", "b")])
    result = cluster_actors(G, seed=0)
    assert result.actors["role"].tolist() == ["members", "members"]
    assert result.roles["size"].tolist() == [2]
    german = result.in_language("de")  # locales/de/roles.json: members, too_few
    assert german.actors["role"].tolist() == ["Mitglieder", "Mitglieder"]
    assert german.roles.loc[0, "description"] == (
        "Mitglieder: zu wenige Akteure, um Rollen zu unterscheiden"
    )


def test_roles_sharing_a_name_are_numbered_in_every_language():
    from sysmap.cluster.labels import _unique
    from sysmap.i18n import Msg

    names = pd.Series({0: Msg("roles", "role.hub"), 1: Msg("roles", "role.broker"),
                       2: Msg("roles", "role.hub")})
    unique = _unique(names)
    assert unique.tolist() == ["hubs [0]", "brokers", "hubs [2]"]
    german = [m.render("de") for m in unique]
    assert german == ["Knotenpunkte [0]", "Vermittler", "Knotenpunkte [2]"]


def test_cli_clusters_adds_columns_and_tables(tmp_path, capsys):
    folder = sysmap.datasets.sample_path("knoke_bureaucracies")
    args = [
        "metrics",
        str(folder / "edges_information.csv"),
        "--actors",
        str(folder / "nodes.csv"),
        "--group",
        "sector",
        "-o",
        str(tmp_path),
    ]
    assert main([*args, "--clusters"]) == 0
    out = capsys.readouterr().out
    assert "Wrote actors.csv, ties.csv, network.csv, clusters.csv and roles.csv" in out
    actors = pd.read_csv(tmp_path / "actors.csv", encoding="utf-8-sig", dtype={"actor": str})
    assert {"community", "community_stability", "role"} <= set(actors.columns)
    clusters = pd.read_csv(tmp_path / "clusters.csv", encoding="utf-8-sig")
    roles = pd.read_csv(tmp_path / "roles.csv", encoding="utf-8-sig")
    assert clusters.columns[0] == "community" and clusters["size"].sum() == len(actors) == 10
    assert roles["size"].sum() == 10
    network = pd.read_csv(tmp_path / "network.csv", encoding="utf-8-sig").set_index("metric")
    assert {"modularity", "group_ari", "group_nmi"} <= set(network.index)

    other = tmp_path / "plain"
    assert main([*args[:-1], str(other)]) == 0
    assert not (other / "clusters.csv").exists()
    assert "community" not in pd.read_csv(other / "actors.csv", encoding="utf-8-sig").columns


def test_roles_in_german():
    # the same clustering, worded from the German catalogue (locales/de/roles.json)
    G = planted()
    en = cluster_actors(G, group="sector", seed=7)
    de = en.in_language("de")
    pd.testing.assert_series_equal(en.actors["community"], de.actors["community"])
    assert (de.roles["size"] == en.roles["size"]).all()
    # rendered: plain text, and English rendering gives back the English words
    assert all(type(name) is str for name in de.roles["name"])
    assert en.in_language("en").roles["name"].tolist() == en.roles["name"].tolist()
    assert de.actors["role"].tolist() == [
        de.roles["name"].loc[en.roles.index[en.roles["name"] == r][0]] for r in en.actors["role"]
    ]
    german = {"typische Mitglieder", "Randmitglieder", "Knotenpunkte", "Vermittler",
              "sektorübergreifende Vermittler", "Kernmitglieder", "Türöffner",
              "Repräsentanten", "Koordinatoren innerhalb der Gruppe", "Isolierte"}
    assert set(de.roles["name"].str.replace(r" \[\d+\]$", "", regex=True)) <= german
    assert len(de.roles) == len(en.roles)
