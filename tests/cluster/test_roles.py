"""Tests for sysmap.cluster.roles (actor features, ActorClustering, role descriptions).

Where the numbers come from
---------------------------
* Feature columns are cross-checked against reference implementations run in
  the test itself: networkx 3.6 ``betweenness_centrality(normalized=False)``,
  ``constraint``, ``clustering`` (on the undirected graph) and
  ``degree``; the structural-hole, brokerage and E-I values themselves are
  tested against UCINET / R sna in ``tests/metrics``.
* The brokerage toy (PRODUCT.md section 4): a->b, b->c, x->b, b->y with
  A = {a, b, c}, B = {x, y}: b is coordinator 1, itinerant 1, representative 1,
  gatekeeper 1, liaison 0, so each share is 1/4.
* Clustering: synthetic blobs with known membership; silhouette and BIC from
  scikit-learn (``silhouette_score``, ``GaussianMixture.bic``), recomputed in
  the tests.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
import sysmap_test_strategies as strategies
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.base import clone
from sklearn.metrics import silhouette_score

from sysmap.cluster.roles import (
    BASE_FEATURES,
    GROUP_FEATURES,
    ActorClustering,
    actor_features,
)
from sysmap.exceptions import (
    GraphTypeError,
    MissingAttributeError,
    NotFittedError,
    ParameterError,
)
from sysmap.i18n import Msg, catalogue

DATA = Path(__file__).resolve().parents[1] / "data"


# --------------------------------------------------------------------------- fixtures


@pytest.fixture
def knoke() -> nx.DiGraph:
    edges = pd.read_csv(DATA / "knoke_bureaucracies/edges_information.csv")
    nodes = pd.read_csv(DATA / "knoke_bureaucracies/nodes.csv").set_index("id")
    G = nx.DiGraph()
    G.add_nodes_from(nodes.index)
    G.add_edges_from(zip(edges["source"], edges["target"]))
    nx.set_node_attributes(G, nodes["sector"].to_dict(), "sector")
    return G


@pytest.fixture
def blobs() -> pd.DataFrame:
    """Three well separated groups of sizes 6, 4 and 3 in two features."""
    rng = np.random.default_rng(0)
    centres = {"big": (0.0, 0.0), "mid": (10.0, 0.0), "small": (0.0, 10.0)}
    sizes = {"big": 6, "mid": 4, "small": 3}
    rows, index = [], []
    for name, (x, y) in centres.items():
        for i in range(sizes[name]):
            rows.append((x + rng.normal(0, 0.3), y + rng.normal(0, 0.3)))
            index.append(f"{name}{i}")
    return pd.DataFrame(rows, index=pd.Index(index, name="actor"), columns=["f1", "f2"])


# --------------------------------------------------------------------------- actor_features


def test_features_knoke_columns_and_references(knoke):
    X = actor_features(knoke, group="sector")
    assert list(X.columns) == [
        "in_degree", "out_degree", "log_betweenness", "constraint", "effective_size",
        "efficiency", "hierarchy", "coreness", "clustering", *GROUP_FEATURES,
    ]
    assert list(X.index) == list(range(1, 11)) and X.index.name == "actor"
    assert not X.isna().any().any()
    btw = nx.betweenness_centrality(knoke, normalized=False)
    np.testing.assert_allclose(X["log_betweenness"], np.log1p([btw[v] for v in X.index]),
                               atol=1e-12)
    con = nx.constraint(knoke)
    np.testing.assert_allclose(X["constraint"], [con[v] for v in X.index], atol=1e-12)
    clu = nx.clustering(knoke.to_undirected())
    np.testing.assert_allclose(X["clustering"], [clu[v] for v in X.index], atol=1e-12)
    assert X["in_degree"].tolist() == [knoke.in_degree(v) for v in X.index]
    shares = X[[f"{r}_share" for r in ("coordinator", "itinerant", "representative",
                                       "gatekeeper", "liaison")]]
    brokers = shares.sum(axis=1) > 0
    np.testing.assert_allclose(shares[brokers].sum(axis=1), 1.0, atol=1e-12)


def test_features_brokerage_toy_shares():
    # PRODUCT.md toy: b is coordinator 1, itinerant 1, representative 1, gatekeeper 1
    G = nx.DiGraph([("a", "b"), ("b", "c"), ("x", "b"), ("b", "y")])
    nx.set_node_attributes(G, {"a": "A", "b": "A", "c": "A", "x": "B", "y": "B"}, "sector")
    X = actor_features(G, group="sector")
    assert X.loc["b", list(GROUP_FEATURES[:5])].tolist() == [0.25, 0.25, 0.25, 0.25, 0.0]
    # b's ties: a (A), c (A), x (B), y (B): E = 2, I = 2 -> E-I index 0
    assert X.loc["b", "ei_index"] == 0.0


def test_features_fill_values_for_isolates():
    G = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    G.add_node("iso")
    nx.set_node_attributes(G, {"a": 1, "b": 1, "c": 2, "d": 2, "iso": 1}, "sector")
    X = actor_features(G, group="sector")
    row = X.loc["iso"]
    assert row["degree"] == 0 and row["log_betweenness"] == 0
    assert row["constraint"] == 1.0  # undefined -> the value of a single contact
    assert row["effective_size"] == 0 and row["efficiency"] == 0 and row["hierarchy"] == 0
    assert row["coreness"] == 0 and row["clustering"] == 0
    assert row[list(GROUP_FEATURES)].eq(0).all()
    # d has one contact: constraint 1 (pendant), hierarchy undefined -> 0
    assert X.loc["d", "constraint"] == pytest.approx(1.0)
    assert X.loc["d", "hierarchy"] == 0


def test_features_undirected_and_weighted():
    G = nx.Graph()
    G.add_edge("a", "b", weight=2.0)
    G.add_edge("b", "c", weight=1.0)
    G.add_edge("c", "a", weight=1.0)
    G.add_edge("c", "d", weight=3.0)
    X = actor_features(G, weight="weight")
    assert list(X.columns) == [c for c in BASE_FEATURES if c not in ("in_degree", "out_degree")]
    assert X["degree"].to_dict() == {"a": 3.0, "b": 3.0, "c": 5.0, "d": 3.0}
    np.testing.assert_allclose(X["constraint"], [nx.constraint(G, weight="weight")[v]
                                                 for v in X.index], atol=1e-12)


def test_features_selection_and_errors(knoke):
    X = actor_features(knoke, features=["coreness", "in_degree"])
    assert list(X.columns) == ["coreness", "in_degree"]
    assert list(actor_features(knoke, features="coreness").columns) == ["coreness"]
    with pytest.raises(ParameterError, match=r"\['liaison_share'\].*need group"):
        actor_features(knoke, features=["liaison_share"])
    with pytest.raises(ParameterError, match="'degree'"):
        actor_features(knoke, features=["degree"])  # digraphs have in/out degree
    with pytest.raises(MissingAttributeError):
        actor_features(knoke, group="colour")
    with pytest.raises(GraphTypeError):
        actor_features([(1, 2)])


def test_features_sparse_graph_no_warning():
    # a tree: continuous coreness is the single-hub limit; actor_features stays quiet
    G = nx.Graph([("a", "b"), ("b", "c"), ("c", "d"), ("c", "e")])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        X = actor_features(G)
    assert X["coreness"].to_dict() == {"a": 0, "b": 0, "c": 1.0, "d": 0, "e": 0}


def test_features_do_not_mutate(knoke):
    before = (nx.to_dict_of_dicts(knoke), dict(knoke.nodes(data=True)))
    actor_features(knoke, group="sector")
    assert (nx.to_dict_of_dicts(knoke), dict(knoke.nodes(data=True))) == before


def graphs(max_nodes: int = 9):
    """Small networks whose actors have a ``sector`` A or B."""
    return strategies.graphs(max_nodes=max_nodes, groups="AB", attribute="sector")


@settings(max_examples=50, deadline=None)
@given(graphs(), st.randoms(use_true_random=False))
def test_property_relabelling_permutes_feature_rows(G, rnd):
    perm = list(G)
    rnd.shuffle(perm)
    mapping = {v: f"n{perm[k]:02d}" for k, v in enumerate(G)}
    want = actor_features(G, group="sector").rename(index=mapping).sort_index()
    got = actor_features(nx.relabel_nodes(G, mapping), group="sector")
    # coreness: ties between equal hubs in the single-hub limit follow actor order
    cols = [c for c in got.columns if c != "coreness"]
    np.testing.assert_allclose(got[cols].to_numpy(), want[cols].to_numpy(), atol=1e-9)


@settings(max_examples=50, deadline=None)
@given(graphs())
def test_property_adding_isolate_leaves_other_rows(G):
    H = G.copy()
    H.add_node(99, sector="A")
    want = actor_features(G, group="sector")
    got = actor_features(H, group="sector").drop(index=99)
    np.testing.assert_allclose(got.to_numpy(), want.to_numpy(), atol=1e-9)


# --------------------------------------------------------------------------- estimator API


def test_sklearn_conventions(blobs):
    model = ActorClustering(method="agglomerative", n_clusters=3)
    assert model.get_params() == {"k_range": (2, 8), "method": "agglomerative",
                                  "n_clusters": 3, "seed": None, "standardize": True}
    copy = clone(model.set_params(seed=5))
    assert copy.get_params()["seed"] == 5 and not hasattr(copy, "labels_")
    assert model.fit(blobs) is model
    assert "labels_" not in ActorClustering().__dict__
    assert repr(ActorClustering(n_clusters=4)) == "ActorClustering(n_clusters=4)"


def test_not_fitted_errors(blobs):
    model = ActorClustering()
    with pytest.raises(NotFittedError, match="not fitted yet"):
        model.labels_  # noqa: B018
    with pytest.raises(NotFittedError):
        model.predict(blobs)
    assert isinstance(NotFittedError("x"), AttributeError)
    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        model.nonsense  # noqa: B018


@pytest.mark.parametrize("params,message", [
    ({"n_clusters": 1}, "The 'n_clusters' parameter of ActorClustering must be an int in the "
                        "range [2, inf). Got 1 instead."),
    ({"n_clusters": 2.5}, "The 'n_clusters' parameter of ActorClustering must be an int in "
                          "the range [2, inf). Got 2.5 instead."),
    ({"method": "dbscan"}, "The 'method' parameter of ActorClustering must be a str among "),
    ({"k_range": (1, 4)}, "The 'k_range' parameter of ActorClustering must be a tuple (low, "
                          "high) of ints with 2 <= low <= high. Got (1, 4) instead."),
    ({"k_range": (5, 3)}, "The 'k_range' parameter"),
    ({"standardize": "yes"}, "The 'standardize' parameter of ActorClustering must be an "
                             "instance of 'bool'. Got 'yes' instead."),
    ({"seed": 1.5}, "The 'seed' parameter of ActorClustering must be None, an int or a "
                    "numpy.random.Generator. Got 1.5 instead."),
])
def test_parameter_errors(blobs, params, message):
    with pytest.raises(ParameterError) as info:
        ActorClustering(**params).fit(blobs)
    assert str(info.value).startswith(message)


def test_data_errors(blobs):
    bad = blobs.copy()
    bad.iloc[0, 1] = np.nan
    with pytest.raises(ParameterError, match=r"column\(s\) \['f2'\]"):
        ActorClustering().fit(bad)
    with pytest.raises(ParameterError, match="numbers only"):
        ActorClustering().fit(blobs.assign(f3="x"))
    with pytest.raises(ParameterError, match="needs at least 3 actors; got 2"):
        ActorClustering().fit(blobs.iloc[:2])
    with pytest.raises(ParameterError, match="exceeds the number of actors"):
        ActorClustering(n_clusters=20).fit(blobs)
    with pytest.raises(ParameterError, match="2-dimensional"):
        ActorClustering().fit(np.zeros(5))
    with pytest.raises(ParameterError, match=r"lacks the feature\(s\) \['f2'\]"):
        ActorClustering(n_clusters=3, seed=0).fit(blobs).predict(blobs[["f1"]])


# --------------------------------------------------------------------------- clustering


@pytest.mark.parametrize("method", ["kmeans", "agglomerative", "gmm"])
def test_recovers_blobs_and_numbers_by_size(blobs, method):
    model = ActorClustering(method=method, seed=0).fit(blobs)
    assert model.n_clusters_ == 3
    labels = model.labels_
    assert labels.name == "role" and labels.index.name == "actor"
    assert list(labels.index) == sorted(blobs.index)
    # largest cluster (big, 6) is 0, then mid (4) = 1, small (3) = 2
    for prefix, role in (("big", 0), ("mid", 1), ("small", 2)):
        assert set(labels[labels.index.str.startswith(prefix)]) == {role}
    assert list(model.scores_.index) == list(range(2, 9)) and model.scores_.index.name == "k"


def test_scores_are_sklearn_silhouettes(blobs):
    model = ActorClustering(method="agglomerative", k_range=(2, 4)).fit(blobs)
    Z = ((blobs - blobs.mean()) / blobs.std(ddof=0)).loc[sorted(blobs.index)]
    assert model.scores_.loc[3, "silhouette"] == pytest.approx(
        silhouette_score(Z, model.labels_), abs=1e-12)
    assert model.scores_["silhouette"].idxmax() == 3
    gmm = ActorClustering(method="gmm", seed=0, k_range=(2, 4)).fit(blobs)
    assert list(gmm.scores_.columns) == ["silhouette", "bic"]
    assert gmm.scores_["bic"].idxmin() == gmm.n_clusters_


def test_ties_in_size_go_to_smallest_actor():
    # two clusters of two; the one holding actor "a" is role 0
    X = pd.DataFrame({"f": [5.0, 0.0, 5.1, 0.1]}, index=["d", "a", "c", "b"])
    labels = ActorClustering(method="agglomerative", n_clusters=2).fit(X).labels_
    assert labels.to_dict() == {"a": 0, "b": 0, "c": 1, "d": 1}


def test_centres_in_original_units(blobs):
    model = ActorClustering(method="kmeans", n_clusters=3, seed=0).fit(blobs)
    want = blobs.loc[sorted(blobs.index)].groupby(model.labels_.to_numpy()).mean()
    np.testing.assert_allclose(model.cluster_centers_.to_numpy(), want.to_numpy(), atol=1e-12)
    assert model.cluster_centers_.index.name == "role"
    # standardised profile = (centre - mean) / std
    z = (model.cluster_centers_ - blobs.mean()) / blobs.std(ddof=0)
    np.testing.assert_allclose(model.cluster_profiles_.to_numpy(), z.to_numpy(), atol=1e-12)


def test_seeded_fits_are_identical_and_row_order_free(blobs):
    a = ActorClustering(seed=3, k_range=(2, 4)).fit(blobs)
    b = ActorClustering(seed=3, k_range=(2, 4)).fit(blobs.sample(frac=1.0, random_state=1))
    assert a.labels_.equals(b.labels_)
    assert a.scores_.equals(b.scores_)


def test_predict_reproduces_training_labels(blobs):
    for method in ("kmeans", "agglomerative", "gmm"):
        model = ActorClustering(method=method, n_clusters=3, seed=0).fit(blobs)
        pred = model.predict(blobs)
        assert pred.loc[model.labels_.index].equals(model.labels_), method
    new = pd.DataFrame({"f1": [9.8], "f2": [0.2]}, index=["newcomer"])
    assert model.predict(new).tolist() == [1]  # next to the "mid" blob


def test_fit_predict_returns_labels(blobs):
    model = ActorClustering(method="agglomerative", n_clusters=3)
    assert model.fit_predict(blobs).equals(model.labels_)


def test_unstandardized_and_array_input(blobs):
    model = ActorClustering(method="kmeans", n_clusters=3, seed=0, standardize=False)
    model.fit(blobs.to_numpy())
    assert list(model.feature_names_in_) == ["x0", "x1"] and model.n_features_in_ == 2
    assert (model.scale_ == 1).all() and (model.mean_ == 0).all()
    assert model.labels_.value_counts().sort_index().tolist() == [6, 4, 3]


def test_constant_feature_is_harmless(blobs):
    model = ActorClustering(method="agglomerative", n_clusters=3).fit(blobs.assign(c=1.0))
    assert model.scale_["c"] == 1.0
    assert model.cluster_profiles_["c"].eq(0).all()


@pytest.mark.parametrize("shuffle", range(4))
@pytest.mark.parametrize("method", ["kmeans", "agglomerative", "gmm"])
def test_row_order_does_not_matter(method, shuffle):
    rng = np.random.default_rng(shuffle)
    X = pd.DataFrame(rng.normal(size=(12, 3)), index=[f"a{i:02d}" for i in range(12)])
    a = ActorClustering(method=method, seed=1, n_clusters=3).fit(X)
    b = ActorClustering(method=method, seed=1, n_clusters=3).fit(X.iloc[rng.permutation(12)])
    assert a.labels_.equals(b.labels_)
    assert a.cluster_centers_.equals(b.cluster_centers_)


# --------------------------------------------------------------------------- descriptions


def describe(profile: dict, centre: dict | None = None) -> tuple[str, str]:
    """Name a single role from a hand-made standardised profile."""
    from sysmap.cluster.roles import _describe

    profile = pd.Series(profile, dtype=float)
    centre = pd.Series(centre if centre is not None else {"degree": 3.0}, dtype=float)
    return _describe(profile, centre)


def test_rule_table():
    assert describe({"log_betweenness": 1.5, "liaison_share": 1.2, "constraint": -0.9}) == (
        "cross-sector brokers",
        "cross-sector brokers: high betweenness, many liaison roles, low constraint",
    )
    assert describe({"degree": -1.0, "constraint": 0.8, "coreness": -0.2}) == (
        "peripheral members", "peripheral members: low degree, high constraint",
    )
    assert describe({"degree": 1.4, "coreness": 1.1, "log_betweenness": 0.2})[0] == "hubs"
    assert describe({"log_betweenness": 1.0, "constraint": -0.6})[0] == "brokers"
    assert describe({"gatekeeper_share": 1.0, "log_betweenness": 0.1})[0] == "gatekeepers"
    assert describe({"representative_share": 0.9})[0] == "representatives"
    assert describe({"coreness": 0.8, "degree": 0.3})[0] == "core members"
    assert describe({"coordinator_share": 0.9, "ei_index": -0.7})[0] == \
        "within-group coordinators"
    assert describe({"degree": 0.1, "constraint": -0.2}) == (
        "typical members", "typical members: close to the network average")
    assert describe({"in_degree": -2.0, "out_degree": -2.0},
                    {"in_degree": 0.0, "out_degree": 0.0})[0] == "isolates"


def test_traits_ranked_by_distance_from_average():
    _, sentence = describe({"a_b": 0.6, "clustering": -2.0, "efficiency": 1.0, "x": 0.4})
    assert sentence == ("typical members: low clustering, high efficiency, high a b")


def test_all_words_come_from_the_catalogue():
    words = catalogue("roles", "en")
    roles = {v for k, v in words.items() if k.startswith("role.")}
    assert roles >= {"hubs", "isolates", "cross-sector brokers"}
    features = {k.removeprefix("feature.") for k in words if k.startswith("feature.")}
    assert features == set(BASE_FEATURES) | set(GROUP_FEATURES)


def test_descriptions_are_messages_rendered_in_any_language():
    # the same description, worded from locales/en/roles.json and locales/de/roles.json
    name, sentence = describe({"log_betweenness": 1.5, "liaison_share": 1.2, "constraint": -0.9})
    assert isinstance(sentence, Msg)
    assert name.render("de") == "sektorübergreifende Vermittler"
    assert sentence.render("de") == (
        "sektorübergreifende Vermittler: hohe Betweenness, viele Verbindungsrollen, "
        "niedrige Einschränkung (Constraint)"
    )
    _, plain = describe({"degree": 0.1, "constraint": -0.2})
    assert plain.render("de") == "typische Mitglieder: nahe am Netzwerkdurchschnitt"
    assert "lang" not in ActorClustering().get_params()


def test_knoke_roles_in_words(knoke):
    X = actor_features(knoke, group="sector")
    model = ActorClustering(method="agglomerative", n_clusters=3).fit(X)
    # MAYR (5), COMM (2) and EDUC (3): most betweenness and liaison brokerage
    assert model.labels_[[2, 3, 5]].nunique() == 1
    role = model.labels_[5]
    assert model.role_names_[role] == "cross-sector brokers"
    assert model.descriptions_[role] == (
        "cross-sector brokers: high betweenness, many liaison roles, low constraint")
    assert model.descriptions_.index.name == "role"
