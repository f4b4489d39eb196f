"""Tests for sysmap.maps.layout: determinism, packing, reuse across waves, CSV round trip."""

from __future__ import annotations

import random

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import sysmap
from sysmap.exceptions import GraphTypeError, InputError, ParameterError
from sysmap.maps.layout import compute_layout, read_layout, save_layout


@pytest.fixture
def two_groups() -> nx.Graph:
    """Two 5-cliques joined by one tie, a separate triangle, a pair and two isolates."""
    G = nx.Graph()
    G.add_edges_from(nx.complete_graph(["a1", "a2", "a3", "a4", "a5"]).edges)
    G.add_edges_from(nx.complete_graph(["b1", "b2", "b3", "b4", "b5"]).edges)
    G.add_edge("a1", "b1")
    G.add_edges_from([("t1", "t2"), ("t2", "t3"), ("t3", "t1"), ("p1", "p2")])
    G.add_nodes_from(["i1", "i2"])
    return G


def test_same_seed_same_positions_other_seed_other_positions(two_groups):
    one = compute_layout(two_groups, seed=3)
    assert one.equals(compute_layout(two_groups, seed=3))
    assert not np.allclose(one.to_numpy(), compute_layout(two_groups, seed=4).to_numpy())
    assert one.index.name == "actor" and list(one.columns) == ["x", "y"]
    assert one.index.tolist() == sorted(two_groups.nodes)


def test_no_global_random_state_is_touched(two_groups):
    random.seed(123)
    state = random.getstate()
    compute_layout(two_groups, seed=0)
    assert random.getstate() == state
    # and the layout does not depend on the global state either
    random.seed(1)
    a = compute_layout(two_groups, seed=0)
    random.seed(2)
    assert a.equals(compute_layout(two_groups, seed=0))


def test_components_do_not_overlap(two_groups):
    layout = compute_layout(two_groups, seed=0)
    boxes = []
    for comp in nx.connected_components(two_groups):
        xy = layout.loc[sorted(comp)].to_numpy()
        boxes.append((xy.min(axis=0), xy.max(axis=0)))
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            (lo1, hi1), (lo2, hi2) = boxes[i], boxes[j]
            apart = (hi1 < lo2).any() or (hi2 < lo1).any()
            assert apart, (i, j)


def test_groups_sit_apart(two_groups):
    layout = compute_layout(two_groups, seed=0)
    a = layout.loc[["a2", "a3", "a4", "a5"]].mean()
    b = layout.loc[["b2", "b3", "b4", "b5"]].mean()
    spread = layout.loc[["a2", "a3", "a4", "a5"]].std().max()
    assert np.hypot(*(a - b)) > 2 * spread


def test_isolates_and_pairs_stand_beside_the_network_without_stretching_it(two_groups):
    pos = compute_layout(two_groups, seed=0)
    network = pos.loc[[v for v in pos.index if v[0] in "abt"]]  # the cliques and the triangle
    beside = pos.loc[["p1", "p2", "i1", "i2"]]
    # right of the network's bounding box, within its height: the canvas is as high
    # as the network (the triangle has 3 > 10 % of the 10 actors of the largest
    # component, so it is packed with it, not beside it)
    assert beside["x"].min() > network["x"].max()
    assert beside["y"].between(network["y"].min(), network["y"].max()).all()
    assert pos["y"].max() - pos["y"].min() == network["y"].max() - network["y"].min()
    # the pair stays side by side (one row)
    assert pos.loc["p1", "y"] == pos.loc["p2", "y"]


def test_the_sample_isolates_do_not_stretch_the_canvas():
    G = sysmap.load_sample("bildungsallianz", wave=1, graph=True)
    isolates = list(nx.isolates(G))
    assert len(isolates) == 2  # the sample's two isolates (sample_networks/bildungsallianz)
    pos = compute_layout(G, seed=0)
    rest = pos.drop(index=isolates)
    assert pos.loc[isolates, "y"].between(rest["y"].min(), rest["y"].max()).all()
    # beside the network: wider by at most one column of isolates and a gap
    width, rest_width = np.ptp(pos["x"]), np.ptp(rest["x"])
    assert rest_width < width <= rest_width + 1.5 + 1.2 + 1e-9  # layout._GAP + _SPACING


def test_fixed_layout_keeps_known_actors_exactly_and_places_new_ones_near_partners(two_groups):
    wave1 = compute_layout(two_groups, seed=0)
    H = two_groups.copy()
    H.add_edges_from([("new", "b3"), ("new", "b4"), ("far1", "far2")])
    H.remove_node("i2")
    wave2 = compute_layout(H, fixed=wave1, seed=0)
    kept = sorted(set(two_groups) & set(H))
    assert wave2.loc[kept].equals(wave1.loc[kept])
    assert "i2" not in wave2.index
    # "new" sits next to its partners b3, b4: closer to them than to the a-clique
    new = wave2.loc["new"].to_numpy()
    near = np.hypot(*(wave1.loc[["b3", "b4"]].to_numpy() - new).T).max()
    far = np.hypot(*(wave1.loc[["a2", "a3"]].to_numpy() - new).T).min()
    assert near < far
    # an unconnected new pair goes beside the map it extends (right of its bounding box)
    assert wave2.loc[["far1", "far2"], "x"].min() > wave1.loc[kept, "x"].max()
    # deterministic too
    assert wave2.equals(compute_layout(H, fixed=wave1, seed=0))


def test_fixed_layout_without_relaxing_uses_mean_of_partners_plus_jitter(two_groups):
    wave1 = compute_layout(two_groups, seed=0)
    H = two_groups.copy()
    H.add_edges_from([("new", "b3"), ("new", "b4")])
    wave2 = compute_layout(H, fixed=wave1, seed=0, relax=False)
    mean = wave1.loc[["b3", "b4"]].mean().to_numpy()
    # offset drawn from N(0, 0.3) per axis: 5 sd = 1.5 layout units
    assert np.abs(wave2.loc["new"].to_numpy() - mean).max() < 1.5


def test_fixed_layout_matches_ids_by_text():
    G = nx.path_graph(4)  # integer ids
    layout = pd.DataFrame({"x": [0.0, 1.0, 2.0], "y": [0.0, 0.5, 0.0]}, index=["0", "1", "2"])
    out = compute_layout(G, fixed=layout, seed=0)
    assert out.loc[[0, 1, 2]].to_numpy().tolist() == layout.to_numpy().tolist()


def test_save_and_read_round_trip_exactly(tmp_path):
    G = nx.Graph([("=SUM(A1)", "Straße"), ("Straße", "+49"), ("+49", "東京")])
    layout = compute_layout(G, seed=5)
    path = save_layout(layout, tmp_path / "layout.csv")
    back = read_layout(path)
    assert back.index.tolist() == layout.index.tolist()
    assert back.to_numpy().tolist() == layout.to_numpy().tolist()
    text = path.read_text(encoding="utf-8-sig")
    assert "'=SUM(A1)" in text and "'+49" in text  # neutralized for spreadsheets
    again = compute_layout(G, fixed=path, seed=9)  # a path works as fixed= too
    assert again.equals(layout)


def test_bad_layout_files_and_tables_are_reported(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("actor,x\na,1\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"lacks column\(s\) \['y'\]"):
        read_layout(bad)
    bad.write_text("actor,x,y\na,1,north\n", encoding="utf-8")
    with pytest.raises(InputError, match="must be numbers"):
        read_layout(bad)
    G = nx.path_graph(["a", "b"])
    with pytest.raises(ParameterError, match="columns 'x' and 'y'"):
        compute_layout(G, fixed=pd.DataFrame({"x": [1.0]}, index=["a"]))
    dup = pd.DataFrame({"x": [1.0, 2.0], "y": [0.0, 0.0]}, index=["a", "a"])
    with pytest.raises(ParameterError, match="twice"):
        compute_layout(G, fixed=dup)
    nan = pd.DataFrame({"x": [np.nan], "y": [0.0]}, index=["a"])
    with pytest.raises(ParameterError, match="missing or infinite"):
        compute_layout(G, fixed=nan)
    with pytest.raises(ParameterError, match="iterations"):
        compute_layout(G, iterations=0)
    with pytest.raises(GraphTypeError):
        compute_layout([(1, 2)])


def test_graph_is_not_modified(two_groups):
    before = nx.node_link_data(two_groups, edges="edges")
    compute_layout(two_groups, seed=0, weight=None)
    assert nx.node_link_data(two_groups, edges="edges") == before


def test_edge_cases():
    assert compute_layout(nx.Graph()).shape == (0, 2)
    single = compute_layout(nx.empty_graph(["only"]))
    assert single.loc["only"].tolist() == [0.0, 0.0]
    D = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c"), ("c", "c")])
    assert compute_layout(D, seed=1).notna().all().all()
    W = nx.Graph([("a", "b", {"w": 3.0}), ("b", "c", {"w": 1.0})])
    assert compute_layout(W, weight="w", seed=0).shape == (3, 2)
    W.add_edge("c", "d", w=0.0)
    with pytest.raises(ParameterError, match="> 0"):
        compute_layout(W, weight="w")
