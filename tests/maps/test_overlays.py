"""Tests for sysmap.maps.overlays on a graph whose answers are known by hand."""

from __future__ import annotations

import networkx as nx
import pytest

from sysmap.exceptions import ParameterError
from sysmap.maps.overlays import OVERLAYS, default_brokers, map_overlays
from sysmap.metrics import bridges, key_players, tie_measures


@pytest.fixture
def gaps() -> nx.Graph:
    """Triangle a-b-c, path c-d-e, square e-g-h-i, isolate f (hand-drawn)."""
    G = nx.Graph()
    G.add_edges_from([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "e")])
    G.add_edges_from([("e", "g"), ("g", "h"), ("h", "i"), ("i", "e")])
    G.add_node("f")
    status = {"a": "responded", "b": "did_not_respond", "c": "not_on_roster", "d": "not_surveyed"}
    nx.set_node_attributes(G, status, "status")
    return G


def test_computed_overlays(gaps):
    found = map_overlays(gaps, key_players=1)
    assert list(found) == list(OVERLAYS)
    # Betweenness by hand (unordered pairs): e 12.5 = 4*3 pairs across + 1/2 (g-i);
    # d 12 = 3*4 pairs across; c 10 = 2*5; g = i = 2.5; h 0.5. Top 3: c, d, e.
    assert found["brokers"].members == ("c", "d", "e")
    assert found["brokers"].computed and found["brokers"].k == 3
    # removing c-d or d-e disconnects; the square's ties lie on a cycle
    assert found["bridges"].members == (("c", "d"), ("d", "e"))
    # square ties: their ends share no neighbour (local bridges of span 3), not bridges;
    # triangle ties share a neighbour
    assert found["local_bridges"].members == (("e", "g"), ("e", "i"), ("g", "h"), ("h", "i"))
    assert found["isolates"].members == ("f",)
    # not_surveyed is not missing data
    assert found["non_respondents"].members == ("b", "c")
    # removing d or e leaves components of 3 and 4 (+ isolate): the best single removals
    assert found["key_players"].members in {("d",), ("e",)}
    assert found["key_players"].members == key_players(gaps, 1).actors


def test_default_number_of_brokers():
    # top 5 %, at least 3, at most 20
    assert [default_brokers(n) for n in (10, 100, 101, 1000)] == [3, 5, 6, 20]


def test_given_members_are_checked_and_used(gaps):
    found = map_overlays(
        gaps,
        brokers=["a"],
        key_players=["b", "a"],
        bridges=bridges(gaps),
        local_bridges=[("g", "e")],
        isolates=False,
        non_respondents=["f"],
    )
    assert found["brokers"].members == ("a",) and not found["brokers"].computed
    assert found["key_players"].members == ("a", "b")
    assert found["bridges"].members == (("c", "d"), ("d", "e"))
    assert found["local_bridges"].members == (("e", "g"),)  # canonical order
    assert "isolates" not in found
    assert map_overlays(gaps, brokers=2)["brokers"].members == ("d", "e")


def test_invalid_overlays_are_reported(gaps):
    with pytest.raises(ParameterError, match=r"brokers: 1 actor\(s\) are not in the network"):
        map_overlays(gaps, brokers=["zz"])
    with pytest.raises(ParameterError, match=r"bridges: 1 tie\(s\) are not in the network"):
        map_overlays(gaps, bridges=[("a", "f")])
    with pytest.raises(ParameterError, match="positive int"):
        map_overlays(gaps, brokers=0)
    with pytest.raises(ParameterError, match="list of actors"):
        map_overlays(gaps, isolates=3)
    with pytest.raises(ParameterError, match="pairs"):
        map_overlays(gaps, bridges=["abc"])


def test_directed_graphs(gaps):
    D = nx.DiGraph(gaps)
    D.remove_edge("d", "c")  # c -> d only
    found = map_overlays(D, key_players=1)
    assert found["bridges"].members == (("c", "d"), ("d", "e"))
    assert found["isolates"].members == ("f",)
    # an actor that is only named (in-ties only) is not an isolate
    D.add_edge("x", "f")
    assert map_overlays(D, key_players=False)["isolates"].members == ()


def test_small_graphs_have_no_key_players():
    assert map_overlays(nx.path_graph(3))["key_players"].members == ()


@pytest.mark.parametrize("directed", [False, True])
def test_local_bridges_agree_with_tie_measures(directed):
    # reference: sysmap.metrics.tie_measures (itself checked against networkx.local_bridges)
    G = nx.gnm_random_graph(80, 150, seed=3, directed=directed)
    G.add_edge(5, 5)  # a self-loop is no neighbour
    ties = tie_measures(G, strength=None)
    expected = {
        (u, v)
        for u, v, local, bridge in zip(
            ties.source, ties.target, ties.local_bridge, ties.bridge, strict=True
        )
        if local and not bridge
    }
    found = map_overlays(G, brokers=False, key_players=False)["local_bridges"].members
    assert len(expected) > 10 and set(found) == expected and len(found) == len(expected)
