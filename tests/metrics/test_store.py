"""The measure store: each measure once per network, one size policy for every consumer."""

from __future__ import annotations

import math
from collections import Counter

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import sysmap
import sysmap._graph as sysmap_graph
import sysmap.cluster.measures
import sysmap.metrics.centrality
import sysmap.metrics.network
from sysmap.cli import main
from sysmap.exceptions import ParameterError
from sysmap.findings import find_gaps
from sysmap.maps import network_map
from sysmap.metrics import betweenness, distance_fragmentation, harmonic
from sysmap.metrics import store as store_module
from sysmap.metrics.registry import Request, source_harmonic_sums
from sysmap.metrics.store import (
    EXACT_UP_TO,
    SAMPLE_SOURCES,
    MeasureStore,
    betweenness_error,
    sampled_sources,
)
from sysmap.metrics.tables import actor_metrics, network_metrics
from sysmap.report.gaps import gap_report

FAST_MAP = {"key_players": False, "bridges": False, "local_bridges": False}


# -- the size policy -------------------------------------------------------------------


def test_exact_up_to_the_budget_and_sampled_one_actor_above():
    assert EXACT_UP_TO == 2000 and SAMPLE_SOURCES == 256  # docs/performance.md states them
    assert sampled_sources(EXACT_UP_TO) is None
    assert sampled_sources(EXACT_UP_TO + 1) == SAMPLE_SOURCES
    assert sampled_sources(10**6, exact=True) is None
    assert sampled_sources(10, sample=4) == 4
    assert sampled_sources(10, sample=10) is None  # every actor a source: exact
    with pytest.raises(ParameterError, match="not both"):
        sampled_sources(10, sample=4, exact=True)
    for bad in (0, -1, 2.5, True, "256"):
        with pytest.raises(ParameterError, match="positive int"):
            sampled_sources(10, sample=bad)


@pytest.fixture
def small_budget(monkeypatch):
    """A budget of 30 actors and 10 sources, so the boundary is cheap to test."""
    monkeypatch.setattr(store_module, "EXACT_UP_TO", 30)
    monkeypatch.setattr(store_module, "SAMPLE_SOURCES", 10)


@pytest.mark.parametrize(("n", "sampled"), [(30, False), (31, True)])
def test_tables_findings_and_maps_take_the_same_decision(small_budget, n, sampled):
    G = nx.star_graph(n - 1)  # the hub carries every path: an over-reliance finding
    network = network_metrics(G, seed=0).set_index("metric")["value"]
    assert network["sample_sources"] == (10 if sampled else n)
    findings = find_gaps(G, group=None, robustness=False)
    hub = findings["over_reliance:0"]
    assert hub.values["estimated"] is sampled
    the_map = network_map(G, size="betweenness", **FAST_MAP)
    assert the_map.legend["size"]["sampled"] == (10 if sampled else None)
    # --exact and --sample override it the same way everywhere
    assert MeasureStore(G, exact=True).sample is None
    assert MeasureStore(G, sample=5).sample == 5


# -- each measure once ---------------------------------------------------------------


@pytest.fixture
def counted(monkeypatch):
    """Count betweenness runs and consensus clusterings, per network (actors, ties)."""
    calls: Counter = Counter()
    between = sysmap.metrics.centrality._betweenness_values
    consensus = sysmap.cluster.measures.consensus_communities

    def count_between(H, **kwargs):
        calls["betweenness", H.vcount(), H.ecount()] += 1
        return between(H, **kwargs)

    def count_consensus(G, **kwargs):
        calls["consensus", G.number_of_nodes(), G.number_of_edges()] += 1
        return consensus(G, **kwargs)

    monkeypatch.setattr(sysmap.metrics.centrality, "_betweenness_values", count_between)
    monkeypatch.setattr(sysmap.metrics.network, "_betweenness_values", count_between)
    monkeypatch.setattr(sysmap.cluster.measures, "consensus_communities", count_consensus)
    return calls


def test_the_report_computes_each_measure_once_per_network(counted):
    data = sysmap.load_sample("bildungsallianz", wave=1)
    report = gap_report(data, progress=False)
    G = report.graph
    main_network = (G.number_of_nodes(), G.number_of_edges())
    # betweenness feeds the actor table, the network summary, the roles, the
    # over-reliance findings and the map: computed once; the communities feed the
    # clusters, the cluster findings and the map's colours: computed once
    assert counted[("betweenness", *main_network)] == 1
    assert counted[("consensus", *main_network)] == 1
    # the findings' alternative networks (other tie rules, respondents only) get
    # their own store each: at most once per network as well
    assert max(counted.values()) == 1
    assert len(counted) > 2


def test_a_store_computes_on_first_request_only(counted):
    G = nx.karate_club_graph()
    store = MeasureStore(G, seed=0)
    first = store.get("betweenness")
    store.actors(["betweenness", "degree"])
    store.network(["network_summary"])
    assert store.get("betweenness") is first or store.get("betweenness").equals(first)
    assert counted["betweenness", 34, 78] == 1
    assert store.computed == ["betweenness", "degree", "network_summary"]


def test_the_report_passes_its_store_to_tables_findings_and_map():
    data = sysmap.load_sample("bildungsallianz", wave=1)
    report = gap_report(data, progress=False)
    actors = report.tables["actors"]
    # every column of `sysmap metrics` is there, the distance impact included
    assert actors["distance_fragmentation_impact"].notna().all()
    network = report.tables["network"].set_index("metric")["value"]
    assert network["sample_sources"] == report.graph.number_of_nodes()  # exact: 100 actors
    assert "Every measure was computed exactly" in report.page.render()


# -- error estimates -----------------------------------------------------------------


def test_sampled_distance_fragmentation_is_the_functions_value_with_its_standard_error():
    G = nx.connected_watts_strogatz_graph(300, 6, 0.1, seed=3)
    store = MeasureStore(G, sample=40, seed=5)
    value = store.get("distance_fragmentation", level="network")
    assert value == distance_fragmentation(G, sample=40, seed=5)  # the same sources, bit for bit
    # the standard error by hand: harmonic sums of the 40 sources (Cochran 1977, eq. 2.12)
    h = harmonic(G)["harmonic"].to_numpy()
    sources = np.sort(np.random.default_rng(5).choice(300, size=40, replace=False))
    expected = math.sqrt(1 - 40 / 300) * np.std(h[sources], ddof=1) / (math.sqrt(40) * 299)
    sampling = store.sampling()
    assert sampling["distance_fragmentation_se"] == pytest.approx(expected, rel=1e-12)
    assert sampling["distance_fragmentation_impact_se"] == pytest.approx(2 * expected)
    # and the exact value lies within a few standard errors of the estimate
    assert abs(value - distance_fragmentation(G)) < 4 * expected
    sums = source_harmonic_sums(Request(store, sample=40))
    assert sums.sums.size == 40


def test_betweenness_error_is_serflings_bound_and_holds():
    # eps = sqrt(ln(2 / 0.05) (1 - (k - 1) / n) / (2 k)), times n (n - 2) / 2 pairs
    n, k = 300, 40
    eps = math.sqrt(math.log(40) * (1 - (k - 1) / n) / (2 * k))
    assert betweenness_error(n, k, directed=False) == pytest.approx(eps * n * (n - 2) / 2)
    assert betweenness_error(n, k, directed=True) == pytest.approx(eps * n * (n - 2))
    assert betweenness_error(n, n, directed=False) == 0.0
    G = nx.connected_watts_strogatz_graph(n, 6, 0.1, seed=3)
    store = MeasureStore(G, sample=k, seed=5)
    gap = (store.get("betweenness") - betweenness(G)["betweenness"]).abs()
    assert gap.max() <= store.sampling()["betweenness_error"]


def test_exact_stores_say_so_in_the_sampling_rows():
    rows = MeasureStore(nx.path_graph(5)).sampling()
    assert rows == {
        "sample_sources": 5.0,
        "betweenness_error": 0.0,
        "distance_fragmentation_se": 0.0,
        "distance_fragmentation_impact_se": 0.0,
        "span_limit": math.inf,
    }


def test_spans_are_limited_above_the_full_sample_size(monkeypatch):
    # above FULL_SAMPLE_UP_TO actors spans longer than SPAN_LIMIT are not searched
    # (given as SPAN_LIMIT + 1, network.csv says so); exact=True searches them all
    monkeypatch.setattr(store_module, "FULL_SAMPLE_UP_TO", 50)
    monkeypatch.setattr(store_module, "EXACT_UP_TO", 10)
    G = nx.random_regular_graph(3, 120, seed=6)  # spans 3-8
    exact = MeasureStore(G, exact=True)
    limited = MeasureStore(G, sample=20, seed=0)
    assert exact.sampling()["span_limit"] == math.inf
    assert limited.sampling()["span_limit"] == store_module.SPAN_LIMIT == 5
    want = exact.table("tie_measures")["span"]
    got = limited.table("tie_measures")["span"]
    assert want.max() > 6  # the limit really cuts
    keep = want.isna() | ~np.isfinite(want) | (want <= 5)  # not local bridges; bridges
    pd.testing.assert_series_equal(got, want.where(keep, 6.0))


# -- the tables keep every column, and take a store -----------------------------------


def test_every_column_is_present_above_the_budget(small_budget):
    G = nx.connected_watts_strogatz_graph(40, 4, 0.2, seed=1)
    table = actor_metrics(G, seed=0)
    assert table["distance_fragmentation_impact"].notna().all()
    store = MeasureStore(G, seed=0)
    assert store.sample == 10
    pd.testing.assert_frame_equal(actor_metrics(G, store=store), table)


def test_a_store_of_another_network_is_refused():
    store = MeasureStore(nx.path_graph(4))
    with pytest.raises(ParameterError, match="another network"):
        actor_metrics(nx.path_graph(5), store=store)
    with pytest.raises(ParameterError, match="store"):
        network_map(nx.path_graph(5), store=store)


# -- the command line ----------------------------------------------------------------


def _edges(tmp_path, n: int):
    path = tmp_path / "ties.csv"
    G = nx.connected_watts_strogatz_graph(n, 4, 0.2, seed=2)
    pd.DataFrame(list(G.edges), columns=["source", "target"]).to_csv(path, index=False)
    return path


@pytest.mark.parametrize(
    ("options", "sources"), [([], 10), (["--exact"], 40), (["--sample", "7"], 7)]
)
def test_cli_metrics_exact_and_sample(tmp_path, small_budget, options, sources):
    ties = _edges(tmp_path, 40)
    out = tmp_path / "out"
    assert main(["metrics", str(ties), "--undirected", "-o", str(out), *options]) == 0
    network = pd.read_csv(out / "network.csv").set_index("metric")["value"]
    assert network["sample_sources"] == sources
    actors = pd.read_csv(out / "actors.csv")
    assert actors["distance_fragmentation_impact"].notna().all()


def test_cli_sample_and_exact_exclude_each_other(tmp_path, capsys):
    ties = _edges(tmp_path, 12)
    for command in (
        ["metrics", "-o", str(tmp_path / "o")],
        ["map", "-o", str(tmp_path / "m.html")],
    ):
        with pytest.raises(SystemExit):
            main([command[0], str(ties), "--exact", "--sample", "3", *command[1:]])
        assert "--exact" in capsys.readouterr().err


def test_cli_report_and_map_take_exact_and_sample(tmp_path, monkeypatch, survey_csv, members_csv):
    seen = []
    original = store_module.MeasureStore.__init__

    def spy(self, G, **kwargs):
        original(self, G, **kwargs)
        seen.append((kwargs.get("sample"), kwargs.get("exact")))

    monkeypatch.setattr(store_module.MeasureStore, "__init__", spy)
    folder = sysmap.datasets.sample_path("knoke_bureaucracies")
    ties = str(folder / "edges_information.csv")
    assert main(["map", ties, "--exact", "-o", str(tmp_path / "m.html")]) == 0
    assert (None, True) in seen
    seen.clear()
    assert main(["map", ties, "--sample", "4", "-o", str(tmp_path / "m.html")]) == 0
    assert (4, False) in seen
    seen.clear()
    survey = [str(survey_csv), "--actors", str(members_csv)]
    assert main(["report", *survey, "--exact", "-o", str(tmp_path / "r.html")]) == 0
    assert seen[0] == (None, True)  # the report's store (the findings' alternatives copy it)
    assert "Every measure was computed exactly" in (tmp_path / "r.html").read_text("utf-8")
    assert main(["report", *survey, "--sample", "2", "-o", str(tmp_path / "s.html")]) == 0
    page = (tmp_path / "s.html").read_text("utf-8")
    assert "were estimated from 2 of the" in page and "Standard error of distance" in page


@pytest.mark.parametrize("directed", [False, True])
def test_sampled_network_measures_in_worker_processes_give_the_same_bits(monkeypatch, directed):
    # the sampled sources' searches (average distance, DF, betweenness) run in chunks
    # of 8 sources; the worker processes compute every chunk: not one bit changes
    monkeypatch.setattr(sysmap_graph, "PARALLEL_MIN_WORK", 0)
    G = nx.gnm_random_graph(300, 900, seed=4, directed=directed)
    serial = MeasureStore(G, sample=40, seed=3).network()
    monkeypatch.setattr(sysmap_graph, "_PARENT_COMPUTES", False)
    workers = MeasureStore(G, sample=40, seed=3, n_jobs=2)
    assert workers.network() == serial
    assert sysmap_graph._executor is not None  # the worker path really ran
