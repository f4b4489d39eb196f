"""The source-chunked work gives the same bits on any joblib backend and on a Dask cluster.

Betweenness, distance fragmentation and its impact split their sources into
fixed chunks (:func:`sysmap._graph.igraph_map`); the permutation tests of
:mod:`sysmap.compare` split their draws into seeded chunks. Whichever backend
runs the chunks (this process, threads, a Dask ``LocalCluster`` reached
through a ``Client`` in scope or ``parallel_config(backend="dask")``), the
results are combined in chunk order, so every number must be identical.
The reference is the serial run of the same call.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from joblib import parallel_config

from sysmap._parallel import external_backend, run_chunks
from sysmap.cluster import consensus_communities
from sysmap.compare import qap_correlation
from sysmap.metrics import betweenness, distance_fragmentation, fragmentation_impact
from sysmap.metrics.store import MeasureStore

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def graph() -> nx.Graph:
    """300 actors in a seeded small world: several chunks of sources (32 per chunk)."""
    return nx.connected_watts_strogatz_graph(300, 6, 0.1, seed=3)


def _search_measures(G: nx.Graph) -> dict[str, object]:
    return {
        "betweenness exact": betweenness(G)["betweenness"].to_numpy(),
        "betweenness sampled": betweenness(G, sample=100, seed=1)["betweenness"].to_numpy(),
        "DF exact": distance_fragmentation(G),
        "DF sampled": distance_fragmentation(G, sample=100, seed=1),
        "DF impact": fragmentation_impact(G)["distance_fragmentation_impact"].to_numpy(),
        "DF impact sampled": fragmentation_impact(G, sample=100, seed=1)[
            "distance_fragmentation_impact"
        ].to_numpy(),
    }


def _assert_same(expected: dict, got: dict) -> None:
    assert expected.keys() == got.keys()
    for name, value in expected.items():
        np.testing.assert_array_equal(got[name], value, err_msg=name)


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0"
    ) as local:
        yield local


def test_no_backend_chosen_means_joblibs_default():
    assert external_backend() is None
    with parallel_config(backend="threading"):
        assert external_backend() == "threading"
    assert run_chunks(divmod, [(7, 2), (9, 4)], n_jobs=None, progress=False, desc=None) == [
        (3, 1),
        (2, 1),
    ]


def test_threads_give_the_serial_bits(graph):
    serial = _search_measures(graph)
    with parallel_config(backend="threading", n_jobs=2):
        _assert_same(serial, _search_measures(graph))


def test_dask_client_in_scope_runs_the_chunks_and_gives_the_serial_bits(graph, cluster):
    serial = _search_measures(graph)
    with distributed.Client(cluster) as client:
        assert external_backend() == "dask"
        with distributed.get_task_stream(client) as stream:
            on_dask = _search_measures(graph)
    # betweenness exact: 10 chunks of 30 sources; every measure had >= 2 chunks
    assert len(stream.data) >= 6 * 2
    assert any(task["key"].startswith("_chunk") or "batch" in task["key"] for task in stream.data)
    _assert_same(serial, on_dask)
    assert external_backend() is None  # the client is closed: back to the default


def test_parallel_config_dask_and_the_store_give_the_serial_bits(graph, cluster):
    nx.set_node_attributes(graph, {v: f"S{v % 3}" for v in graph}, "sector")
    serial = MeasureStore(graph, group="sector", sample=100, seed=5)
    with distributed.Client(cluster), parallel_config(backend="dask"):
        assert external_backend() == "dask"
        on_dask = MeasureStore(graph, group="sector", sample=100, seed=5)
        actors = on_dask.actors()
        network = on_dask.network()
    pd.testing.assert_frame_equal(actors, serial.actors(), check_exact=True)
    assert network == serial.network()


def test_permutation_tests_on_a_client_in_scope(graph, cluster):
    other = nx.double_edge_swap(graph.copy(), nswap=60, max_tries=10_000, seed=2)
    serial = qap_correlation(graph, other, n_permutations=300, seed=7)
    with distributed.Client(cluster) as client, distributed.get_task_stream(client) as stream:
        on_dask = qap_correlation(graph, other, n_permutations=300, seed=7)
    assert len(stream.data) >= 2
    np.testing.assert_array_equal(serial.distribution, on_dask.distribution)
    assert serial.p_value == on_dask.p_value


def test_consensus_runs_on_processes_and_a_client_in_scope(graph, cluster):
    # each run is one task with its own seed, drawn before the round: the same labels
    # in this process, in two worker processes and on the cluster
    serial = consensus_communities(graph, n_runs=6, method="louvain", seed=4)
    on_processes = consensus_communities(graph, n_runs=6, method="louvain", seed=4, n_jobs=2)
    with distributed.Client(cluster) as client, distributed.get_task_stream(client) as stream:
        on_dask = consensus_communities(graph, n_runs=6, method="louvain", seed=4)
    assert sum(task["key"].startswith("batch_of__run_") for task in stream.data) >= 6
    for result in (on_processes, on_dask):
        pd.testing.assert_series_equal(result.labels, serial.labels)
        pd.testing.assert_series_equal(result.stability, serial.stability)
        np.testing.assert_array_equal(result.runs_modularity, serial.runs_modularity)
    assert len(np.unique(serial.runs_modularity)) > 1  # the runs differ: seeds really vary
