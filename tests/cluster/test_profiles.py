"""Tests for sysmap.cluster.profiles (cluster profiles and the cluster image).

Where the numbers come from
---------------------------
* Hand graphs (two triangles joined by one tie, a small directed graph): every
  count, density and share is worked out in the comments.
* cluster_image against sysmap.metrics.mixing_matrix with the labels set as a
  node attribute on a copy of the graph (the documented equivalence), on the
  Zachary karate club (tests/data/zachary_karate).
"""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sysmap.cluster import cluster_image, cluster_profiles, communities
from sysmap.cluster import profiles as profiles_module
from sysmap.exceptions import GraphTypeError, ParameterError
from sysmap.metrics import mixing_matrix

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def triangles() -> nx.Graph:
    """Triangles a-b-c and x-y-z joined by c-x; names and sectors on the actors."""
    G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z")])
    G.add_edge("c", "x")
    nx.set_node_attributes(
        G,
        {
            "a": "Grundschule Am Mühlbach",
            "b": "Kita Sonnenschein",
            "c": "Stadt Rheinstadt",
            "x": "Gesundheitsamt",
            "y": "Praxis Dr. Weber",
            "z": "AOK",
        },
        "name",
    )
    nx.set_node_attributes(
        G,
        {
            "a": "Schools",
            "b": "Schools",
            "c": "Municipality",
            "x": "Health",
            "y": "Health",
            "z": "Health",
        },
        "sector",
    )
    return G


@pytest.fixture
def halves() -> dict:
    return {"a": 0, "b": 0, "c": 0, "x": 1, "y": 1, "z": 1}


@pytest.fixture(scope="module")
def karate() -> nx.Graph:
    nodes = pd.read_csv(DATA / "zachary_karate/nodes.csv")
    edges = pd.read_csv(DATA / "zachary_karate/edges.csv")
    G = nx.Graph()
    G.add_nodes_from((int(r.id), {"club": r.club}) for r in nodes.itertuples())
    G.add_edges_from(zip(edges["source"].astype(int), edges["target"].astype(int)))
    return G


# --------------------------------------------------------------------------- profiles


def test_profiles_two_triangles(triangles, halves):
    prof = cluster_profiles(triangles, halves, group="sector")
    assert prof.index.name == "cluster" and prof.index.tolist() == [0, 1]
    assert prof.columns.tolist() == [
        "size",
        "internal_ties",
        "external_ties",
        "internal_density",
        "groups",
        "dominant_group",
        "dominant_share",
        "key_members",
        "name",
    ]
    # each triangle: 3 actors, 3 of 3 possible ties inside, the bridge c-x outside
    assert prof["size"].tolist() == [3, 3]
    assert prof["internal_ties"].tolist() == [3, 3]
    assert prof["external_ties"].tolist() == [1, 1]
    assert prof["internal_density"].tolist() == [1.0, 1.0]
    # cluster 0: Schools 2 of 3 (67 %), Municipality 1 of 3 (33 %)
    assert prof.loc[0, "groups"] == "Schools 67 %, Municipality 33 %"
    assert prof.loc[0, "dominant_group"] == "Schools"
    assert prof.loc[0, "dominant_share"] == pytest.approx(2 / 3)
    assert prof.loc[1, "groups"] == "Health 100 %"
    # key members: 2 ties inside each; c and x also hold the bridge (3 ties in all),
    # then actor order
    assert prof.loc[0, "key_members"] == (
        "Stadt Rheinstadt; Grundschule Am Mühlbach; Kita Sonnenschein"
    )
    assert prof.loc[1, "key_members"] == "Gesundheitsamt; Praxis Dr. Weber; AOK"
    # names: dominant group, + second group (33 % >= 20 %), two key members
    assert prof.loc[0, "name"] == (
        "Schools + Municipality (Stadt Rheinstadt, Grundschule Am Mühlbach)"
    )
    assert prof.loc[1, "name"] == "Health (Gesundheitsamt, Praxis Dr. Weber)"


def test_profiles_without_group_and_names():
    G = nx.barbell_graph(3, 0)  # triangles 0-1-2 and 3-4-5, bridge 2-3
    prof = cluster_profiles(G, {v: "left" if v < 3 else "right" for v in G}, top=2)
    assert prof.columns.tolist() == [
        "size",
        "internal_ties",
        "external_ties",
        "internal_density",
        "key_members",
        "name",
    ]
    assert prof.index.tolist() == ["left", "right"]
    # no name attribute: actor ids; 2 and 3 hold the bridge
    assert prof["key_members"].tolist() == ["2; 0", "3; 4"]
    assert prof["name"].tolist() == ["2, 0", "3, 4"]


def test_second_group_only_from_20_percent():
    # one cluster of 6: A x4 (67 %), B x1 (17 %), C x1 (17 %) -> only "A" in the name
    G = nx.complete_graph(6)
    nx.set_node_attributes(G, dict(enumerate("AAAABC")), "sector")
    prof = cluster_profiles(G, {v: 0 for v in G}, group="sector", top=2)
    assert prof.loc[0, "groups"] == "A 67 %, B 17 %"
    assert prof.loc[0, "name"] == "A (0, 1)"
    # 5 actors: A x3 (60 %), B x1 (20 %), C x1 (20 %): B and C tie at 20 %, B first by label
    H = nx.complete_graph(5)
    nx.set_node_attributes(H, dict(enumerate("ABACA")), "sector")
    prof = cluster_profiles(H, {v: 0 for v in H}, group="sector")
    assert prof.loc[0, "groups"] == "A 60 %, B 20 %, C 20 %"
    assert prof.loc[0, "name"] == "A + B (0, 1)"


def test_missing_group_and_duplicate_names():
    # two separate pairs with the same names and groups -> names get the label
    G = nx.Graph([(0, 1), (2, 3)])
    nx.set_node_attributes(G, {0: "P", 1: "Q", 2: "P", 3: "Q"}, "name")
    nx.set_node_attributes(G, {0: "S", 2: "S", 1: None}, "sector")  # 1 None, 3 absent
    prof = cluster_profiles(G, {0: "u", 1: "u", 2: "w", 3: "w"}, group="sector")
    # 1 and 3 form the group "unknown": counted (dominant_share), listed after S
    # on equal shares, and left out of the text columns
    assert prof["dominant_group"].tolist() == ["S", "S"]
    assert prof["dominant_share"].tolist() == [0.5, 0.5]
    assert prof["groups"].tolist() == ["S 50 %"] * 2
    assert prof["name"].tolist() == ["S (P, Q) [u]", "S (P, Q) [w]"]


def test_profiles_singleton_and_weights():
    # path a-b-c plus isolate d; clusters {a, b} and {c} and {d}
    G = nx.Graph([("a", "b", {"weight": 2.5}), ("b", "c", {"weight": 4.0})])
    G.add_node("d")
    labels = {"a": 0, "b": 0, "c": 1, "d": 2}
    prof = cluster_profiles(G, labels)
    assert prof["size"].tolist() == [2, 1, 1]
    assert prof["internal_ties"].tolist() == [1, 0, 0]
    assert prof["external_ties"].tolist() == [1, 1, 0]
    assert prof["internal_density"].iloc[0] == 1.0
    assert prof["internal_density"].iloc[1:].isna().all()  # one actor: no pair possible
    assert prof["internal_ties"].dtype == np.int64
    w = cluster_profiles(G, labels, weight="weight")
    # weighted: 2.5 inside {a, b} (density 2.5 / 1 pair), 4.0 on the b-c tie
    assert w["internal_ties"].tolist() == [2.5, 0.0, 0.0]
    assert w["external_ties"].tolist() == [4.0, 4.0, 0.0]
    assert w.loc[0, "internal_density"] == 2.5


def test_profiles_directed():
    # arcs a->b, b->a, b->c, c->d; clusters {a, b, c}, {d}
    D = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c"), ("c", "d")])
    prof = cluster_profiles(D, {"a": 0, "b": 0, "c": 0, "d": 1})
    # 3 arcs inside of 3 * 2 possible ordered pairs; c->d leaves
    assert prof["internal_ties"].tolist() == [3, 0]
    assert prof["external_ties"].tolist() == [1, 1]
    assert prof.loc[0, "internal_density"] == pytest.approx(0.5)
    # b has 3 arcs inside (a->b, b->a, b->c), a 2, c 1
    assert prof.loc[0, "key_members"] == "b; a; c"


def test_profiles_accept_communities_output(karate):
    labels = communities(karate, seed=0)
    prof = cluster_profiles(karate, labels, group="club", top=3)
    assert prof["size"].tolist() == [12, 11, 6, 5]  # canonical: largest first
    assert prof["size"].sum() == 34
    # every tie counted once inside or twice across (once for each cluster)
    assert prof["internal_ties"].sum() + prof["external_ties"].sum() / 2 == 78
    # Mr. Hi (actor 1) leads his community; the Officer (34) leads the largest
    assert prof.loc[1, "key_members"].split("; ")[0] == "1"
    assert prof.loc[0, "key_members"].split("; ")[0] == "34"
    assert prof.loc[0, "dominant_group"] == "Officer"


def test_profiles_do_not_mutate(triangles, halves):
    before = (nx.to_dict_of_dicts(triangles), dict(triangles.nodes(data=True)))
    cluster_profiles(triangles, halves, group="sector")
    cluster_image(triangles, halves)
    assert before == (nx.to_dict_of_dicts(triangles), dict(triangles.nodes(data=True)))


def test_profiles_errors(triangles, halves):
    with pytest.raises(ParameterError, match="top"):
        cluster_profiles(triangles, halves, top=0)
    with pytest.raises(ParameterError, match="no label"):
        cluster_profiles(triangles, {"a": 0})
    with pytest.raises(ParameterError, match="not in the graph"):
        cluster_profiles(triangles, {**halves, "q": 3})
    with pytest.raises(GraphTypeError):
        cluster_profiles(list(triangles.edges), halves)


# --------------------------------------------------------------------------- image


def test_image_two_triangles(triangles, halves):
    img = cluster_image(triangles, halves)
    # diagonal: 3 of 3 pairs; off-diagonal: 1 tie of 3 * 3 pairs = 1/9
    expected = np.array([[1.0, 1 / 9], [1 / 9, 1.0]])
    np.testing.assert_allclose(img.to_numpy(), expected, rtol=0, atol=1e-15)
    assert img.index.name == img.columns.name == "cluster"
    counts = cluster_image(triangles, halves, normalized=None)
    assert counts.to_numpy().tolist() == [[3, 1], [1, 3]]
    assert counts.to_numpy().dtype == np.int64
    total = cluster_image(triangles, halves, normalized="total")
    # 7 ties: 3/7 inside each triangle, 1/7 across
    np.testing.assert_allclose(total.to_numpy(), np.array([[3, 1], [1, 3]]) / 7, atol=1e-15)


def test_image_directed():
    D = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c"), ("c", "d")])
    img = cluster_image(D, {"a": 0, "b": 0, "c": 0, "d": 1}, normalized=None)
    # rows send: 3 arcs inside cluster 0, 1 arc 0 -> 1, none back
    assert img.to_numpy().tolist() == [[3, 1], [0, 0]]
    dens = cluster_image(D, {"a": 0, "b": 0, "c": 0, "d": 1})
    assert dens.iloc[0, 0] == 0.5 and dens.iloc[0, 1] == pytest.approx(1 / 3)
    assert math.isnan(dens.iloc[1, 1])  # one actor: no pair


@pytest.mark.parametrize("normalize", ["density", None, "total"])
@pytest.mark.parametrize("weight", [None, "weight"])
@pytest.mark.parametrize("directed", [False, True])
def test_image_equals_mixing_matrix(karate, normalize, weight, directed):
    G = karate.to_directed() if directed else karate.copy()
    rng = np.random.default_rng(0)
    if directed:  # drop some arcs so the graph is not symmetric
        G.remove_edges_from([e for e in list(G.edges()) if rng.random() < 0.3])
    for u, v in G.edges():
        G[u][v]["weight"] = float(rng.integers(1, 5))
    labels = communities(karate, seed=0)
    H = G.copy()
    nx.set_node_attributes(H, labels.to_dict(), "cluster_label")
    want = mixing_matrix(H, "cluster_label", normalized=normalize, weight=weight)
    got = cluster_image(G, labels, normalized=normalize, weight=weight)
    np.testing.assert_allclose(got.to_numpy(), want.to_numpy(), rtol=0, atol=1e-12)
    assert got.index.tolist() == want.index.tolist()


def test_image_errors(triangles, halves, monkeypatch):
    with pytest.raises(ParameterError, match="normalize"):
        cluster_image(triangles, halves, normalized="rows")
    monkeypatch.setattr(profiles_module, "_MAX_IMAGE", 1)
    with pytest.raises(ParameterError, match="dense"):
        cluster_image(triangles, halves)


# --------------------------------------------------------------------------- properties


@settings(max_examples=50, deadline=None)
@given(
    n=st.integers(1, 25),
    p=st.floats(0.05, 0.6),
    k=st.integers(1, 4),
    gseed=st.integers(0, 10_000),
    directed=st.booleans(),
)
def test_property_profiles_add_up_and_relabelling(n, p, k, gseed, directed):
    G = nx.gnp_random_graph(n, p, seed=gseed, directed=directed)
    rng = np.random.default_rng(gseed)
    labels = pd.Series(rng.integers(0, k, n), index=range(n))
    prof = cluster_profiles(G, labels)
    m = G.number_of_edges()
    assert prof["size"].sum() == n
    assert prof["internal_ties"].sum() + prof["external_ties"].sum() / 2 == m
    img = cluster_image(G, labels, normalized=None)
    assert img.to_numpy().sum() == (m if directed else m + np.triu(img.to_numpy(), 1).sum())
    # relabelling actors (order-preserving names) changes nothing but the names
    H = nx.relabel_nodes(G, {v: f"org{v:02d}" for v in G})
    named = pd.Series(labels.to_numpy(), index=[f"org{v:02d}" for v in labels.index])
    prof2 = cluster_profiles(H, named)
    cols = ["size", "internal_ties", "external_ties", "internal_density"]
    pd.testing.assert_frame_equal(prof[cols], prof2[cols])
    pd.testing.assert_frame_equal(img, cluster_image(H, named, normalized=None))
    # renaming clusters renames the index only
    prof3 = cluster_profiles(G, labels.map(lambda c: f"c{c}"))
    assert prof3.index.tolist() == [f"c{c}" for c in prof.index]
    np.testing.assert_array_equal(prof3["internal_ties"], prof["internal_ties"])
