"""The million-actor code path of ``sysmap metrics``, at 10,000 actors.

``benchmarks/bench_million.py`` times ``sysmap metrics ties.csv --undirected
-o out/`` on 1,000,000 actors / 5,000,000 ties; this test runs the same command
on a seeded 10,000-actor edge list: every column is written, the sampled
measures say how they were sampled, and the network is converted to arrays
once for all measures (each conversion costs about 20 s at a million actors).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import sysmap._graph as sysmap_graph
from sysmap.cli import main
from sysmap.metrics.registry import REGISTRY
from sysmap.metrics.store import (
    FULL_SAMPLE_UP_TO,
    MIN_SOURCES,
    SAMPLE_SOURCES,
    betweenness_error,
    sampled_sources,
)

N, M = 10_000, 25_000


def _edge_list(path, n: int = N, m: int = M, seed: int = 0) -> pd.DataFrame:
    """`m` distinct random ties among `n` actors named ``a0 ... a{n-1}`` (seeded)."""
    rng = np.random.default_rng(seed)
    pairs = np.empty(0, dtype=np.int64)
    while pairs.size < m:
        u, v = rng.integers(0, n, (2, 2 * m))
        keep = u != v
        key = np.minimum(u, v)[keep] * n + np.maximum(u, v)[keep]
        pairs = np.unique(np.concatenate([pairs, key]))
    pairs = rng.permutation(pairs)[:m]
    ties = pd.DataFrame({"source": pairs // n, "target": pairs % n})
    ties = "a" + ties.astype(str)
    ties["intensity"] = rng.integers(1, 5, m)
    ties.to_csv(path, index=False)
    return ties


def test_metrics_on_a_large_edge_list_every_column_one_conversion(tmp_path, monkeypatch):
    ties = _edge_list(tmp_path / "ties.csv")
    conversions = []
    convert = sysmap_graph._edge_arrays

    def counted(G, nodes, weight):
        conversions.append(weight)
        return convert(G, nodes, weight)

    monkeypatch.setattr(sysmap_graph, "_edge_arrays", counted)
    out = tmp_path / "out"
    code = main(["metrics", str(tmp_path / "ties.csv"), "--undirected", "-o", str(out), "--quiet"])
    assert code == 0
    actors = pd.read_csv(out / "actors.csv", index_col=0)
    network = pd.read_csv(out / "network.csv").set_index("metric")["value"]
    written = pd.read_csv(out / "ties.csv")
    n = len(set(ties["source"]) | set(ties["target"]))  # isolates are not in an edge list
    assert len(actors) == n and len(written) == M
    expected = [
        c
        for m in REGISTRY.values()
        if m.level == "actor" and m.table and "group" not in m.requires
        for c in m.columns_for(directed=False)
    ]
    assert set(expected) <= set(actors.columns)
    searched = ["betweenness", "distance_fragmentation_impact", "fragmentation_impact"]
    assert actors[searched].notna().all().all()
    # 10,000 actors: 256 sampled sources (the size policy), with the error bound
    assert network["sample_sources"] == SAMPLE_SOURCES
    assert network["betweenness_error"] == pytest.approx(
        betweenness_error(n, SAMPLE_SOURCES, directed=False)
    )
    assert 0 < network["distance_fragmentation_se"] < 0.01
    # one binary edge list for all measures (+ one reading intensities, if any)
    assert conversions.count(None) == 1 and len(conversions) <= 2, conversions


def test_sample_shrinks_above_the_full_sample_size():
    """256 sources up to 100,000 actors; 256 * 100,000 / n above; never below 32."""
    assert sampled_sources(FULL_SAMPLE_UP_TO) == SAMPLE_SOURCES
    assert sampled_sources(FULL_SAMPLE_UP_TO + 1) == 255  # 25,600,000 // 100,001
    assert sampled_sources(400_000) == 64
    assert sampled_sources(1_000_000) == MIN_SOURCES == 32  # 25.6 -> at least 32
    assert sampled_sources(10**8) == MIN_SOURCES
    assert sampled_sources(1_000_000, sample=500) == 500  # --sample K still decides
    assert sampled_sources(1_000_000, exact=True) is None


def test_spans_are_searched_up_to_five_above_the_full_sample_size(tmp_path, monkeypatch):
    # the million-actor path at 2,000 actors: the size policy moved down to 1,000
    from sysmap.metrics import store as store_module

    monkeypatch.setattr(store_module, "FULL_SAMPLE_UP_TO", 1_000)
    monkeypatch.setattr(store_module, "EXACT_UP_TO", 500)
    _edge_list(tmp_path / "ties.csv", n=2_000, m=5_000)
    runs = {}
    for name, extra in (("limited", []), ("exact", ["--exact"])):
        out = tmp_path / name
        args = ["metrics", str(tmp_path / "ties.csv"), "--undirected", "-o", str(out), "--quiet"]
        assert main(args + extra) == 0
        network = pd.read_csv(out / "network.csv").set_index("metric")["value"]
        runs[name] = (network["span_limit"], pd.read_csv(out / "ties.csv")["span"])
    (limit, limited), (unlimited, exact) = runs["limited"], runs["exact"]
    assert limit == 5 and unlimited == np.inf
    assert (exact > 6).any()  # mean degree 5: many spans of 6 and more
    keep = exact.isna() | ~np.isfinite(exact) | (exact <= 5)
    pd.testing.assert_series_equal(limited, exact.where(keep, 6.0))
