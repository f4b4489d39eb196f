"""Every registered measure passes the same checks (issue #13: one test for all of them).

For each measure of :data:`sysmap.metrics.registry.REGISTRY` (the cluster
measures included), on directed and undirected graphs: actor measures give a
DataFrame indexed by ``actor`` with one row per actor and exactly the
registered columns; tie measures give ``source``, ``target`` and registered
columns; network measures give exactly their registered metrics. The graph is
never changed; isolates, the empty graph and integer ids work. Values are
checked against the public function each entry names, so the registry adds
no numbers of its own (the functions' tests check those against R, igraph
and UCINET).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

import sysmap.cluster  # noqa: F401 - registers the cluster measures
from sysmap.exceptions import ParameterError
from sysmap.metrics import betweenness, brokerage_roles, fragmentation_impact
from sysmap.metrics.registry import (
    REGISTRY,
    measure_of,
    register,
    registry_markdown,
    registry_table,
)
from sysmap.metrics.store import EXACT_UP_TO, SAMPLE_SOURCES, MeasureStore

NAMES = list(REGISTRY)
ROOT = Path(__file__).resolve().parents[2]


def _graph(directed: bool, ids: str = "text") -> nx.Graph:
    """12 actors in two sectors, with tie intensity and an isolate (hand-made)."""
    G = nx.DiGraph() if directed else nx.Graph()
    ties = [(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 5), (5, 3), (1, 6), (6, 7), (7, 8)]
    ties += [(8, 9), (9, 6), (3, 10), (1, 0), (4, 3)]
    name = (lambda i: f"Org {i:02d} ä") if ids == "text" else (lambda i: i)
    for i in range(12):
        G.add_node(name(i), sector="Schools" if i % 2 else "Health", name=f"Org {i}")
    for k, (u, v) in enumerate(ties):
        G.add_edge(name(u), name(v), intensity=1 + k % 4, weight=1.0 + k % 3)
    return G  # actor 11 is an isolate


def _snapshot(G: nx.Graph) -> tuple:
    return (
        G.is_directed(),
        sorted(G.nodes(data=True), key=str),
        sorted(G.edges(data=True), key=str),
        dict(G.graph),
    )


def _check(name: str, G: nx.Graph) -> object:
    m = REGISTRY[name]
    store = MeasureStore(G, group="sector", weight="weight", seed=1)
    before = _snapshot(G)
    result = store.table(name)
    assert _snapshot(G) == before, "the graph must not change"
    directed = G.is_directed()
    if m.level == "actor":
        assert isinstance(result, pd.DataFrame) and result.index.name == "actor"
        assert list(result.index) == sorted(G.nodes), "one row per actor, sorted"
        assert list(result.columns) == list(m.columns_for(directed))
    elif m.level == "tie":
        assert list(result.columns[:2]) == ["source", "target"]
        assert set(result.columns[2:]) <= set(m.columns_for(directed))
        pairs = {frozenset(p) for p in G.edges if p[0] != p[1]}
        assert len(result) == len(pairs)
    else:
        assert isinstance(result, dict)
        assert list(result) == list(m.columns)
    return result


@pytest.mark.parametrize("directed", [False, True], ids=["undirected", "directed"])
@pytest.mark.parametrize("name", NAMES)
def test_every_measure_keeps_the_contract(name, directed):
    _check(name, _graph(directed))


@pytest.mark.parametrize("name", NAMES)
def test_every_measure_takes_integer_ids_and_keeps_them(name):
    text = _check(name, _graph(False))
    ints = _check(name, _graph(False, ids="int"))
    if REGISTRY[name].level == "actor":
        assert list(ints.index) == list(range(12))
        # the same network with other ids gives the same numbers, row for row
        pd.testing.assert_frame_equal(
            ints.reset_index(drop=True), text.reset_index(drop=True), check_dtype=False
        )


@pytest.mark.parametrize("name", NAMES)
def test_every_measure_on_the_empty_graph_and_isolates(name):
    m = REGISTRY[name]
    for nodes in ([], ["a", "b", "c"]):
        G = nx.Graph()
        G.add_nodes_from(nodes, sector="x")
        store = MeasureStore(G, group="sector", strength="intensity", seed=0)
        result = store.table(name)
        if m.level == "actor":
            assert list(result.index) == nodes and list(result.columns) == list(
                m.columns_for(False)
            )
        elif m.level == "tie":
            assert len(result) == 0
        else:
            assert list(result) == list(m.columns)
    # a measure that needs an option nobody gave says so
    if m.requires:
        store = MeasureStore(nx.path_graph(3), strength=None)
        assert not store.available(name)
        with pytest.raises(ParameterError, match="needs"):
            store.table(name)


def test_entries_repeat_the_functions_they_name():
    G = _graph(True)
    store = MeasureStore(G, group="sector", seed=0)
    pd.testing.assert_series_equal(store.get("betweenness"), betweenness(G)["betweenness"])
    roles = brokerage_roles(G, "sector")
    pd.testing.assert_series_equal(store.get("liaison_z", group="sector"), roles["liaison_z"])
    impact = fragmentation_impact(G)
    pd.testing.assert_series_equal(
        store.get("distance_fragmentation_impact"), impact["distance_fragmentation_impact"]
    )


def test_registry_table_and_lookups():
    table = registry_table()
    assert list(table.index) == NAMES
    assert table.loc["betweenness", "sampled"] and not table.loc["degree", "sampled"]
    assert measure_of("constraint_ego").name == "structural_holes_ego"
    assert measure_of("ei_index", "network").name == "ei_index_network"
    with pytest.raises(ParameterError, match="not a actor measure"):
        measure_of("no_such_column")


def test_a_measure_is_registered_once_and_columns_are_unique():
    with pytest.raises(ValueError, match="registered twice"):
        register("betweenness", level="actor", columns=("x",), function=len, reference="")(len)
    with pytest.raises(ValueError, match="taken"):
        register("other", level="actor", columns=("betweenness",), function=len, reference="")(len)
    assert "other" not in REGISTRY


def test_the_network_summary_reuses_the_stores_betweenness():
    G = _graph(False)
    store = MeasureStore(G, seed=0)
    store.network(["network_summary"])
    assert store.computed == ["betweenness", "network_summary"]
    star = MeasureStore(nx.star_graph(4))
    assert math.isclose(star.get("betweenness_centralization", level="network"), 1.0)


def test_docs_show_the_registry_as_it_is():
    text = (ROOT / "docs" / "metrics.md").read_text(encoding="utf-8")
    table = text.split("<!-- registry:start -->\n")[1].split("<!-- registry:end -->")[0]
    assert table == registry_markdown(), "regenerate with registry_markdown()"


def test_the_size_policy_is_stated_with_its_numbers():
    performance = (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
    assert f"Up to {EXACT_UP_TO:,} actors every measure is exact" in performance
    assert f"**{SAMPLE_SOURCES} source actors**" in performance
    for lang, budget in (("en", f"{EXACT_UP_TO:,}"), ("de", f"{EXACT_UP_TO:,}".replace(",", "."))):
        path = ROOT / "src" / "sysmap" / "locales" / lang / "cli.json"
        help_sample = json.loads(path.read_text(encoding="utf-8"))["help_sample"]
        assert budget in help_sample and str(SAMPLE_SOURCES) in help_sample
