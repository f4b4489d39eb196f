"""Tests for sysmap.cluster.communities (Leiden/Louvain, consensus, modularity, comparison).

Where the numbers come from
---------------------------
* Zachary karate club (tests/data/zachary_karate, unweighted, 34 actors / 78 ties):
  maximum modularity 0.4197896120973046 with 4 communities, computed exactly by
  igraph 1.0.0 ``Graph.Famous("Zachary").community_optimal_modularity()`` (GLPK
  integer programme); the optimal membership it returns is hard-coded below.
  Modularity of the two-faction split, 0.3582347140039448, from networkx 3.6.1
  ``nx.community.modularity(G, [Mr. Hi's members, Officer's members])``.
* Modularity against networkx 3.6.1 ``nx.community.modularity`` and igraph 1.0.0
  ``Graph.modularity`` run in the tests themselves (tolerance 1e-12), plus hand
  computations written out in the comments.
* ARI / NMI: hand computations in the comments (contingency tables);
  scikit-learn computes the values in the code.
* Planted partitions: networkx ``stochastic_block_model`` with the seeds given;
  the observed ARI values are stated and asserted.
"""

from __future__ import annotations

import math
from pathlib import Path

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sysmap.cluster import (
    ConsensusResult,
    attribute_modularity,
    communities,
    compare_partitions,
    consensus_communities,
    modularity,
)
from sysmap.cluster.communities import _canonical
from sysmap.cluster.consensus_clustering import _stability, _threshold
from sysmap.exceptions import ConvergenceWarning, GraphTypeError, ParameterError

DATA = Path(__file__).resolve().parents[1] / "data"

# igraph 1.0.0: Graph.Famous("Zachary").community_optimal_modularity().membership
# (vertex i = karate actor i + 1); modularity 0.4197896120973046.
KARATE_OPTIMUM = [int(c) for c in "0000111022100022102020233323322322"]
KARATE_Q_MAX = 0.4197896120973046


@pytest.fixture(scope="module")
def karate() -> nx.Graph:
    nodes = pd.read_csv(DATA / "zachary_karate/nodes.csv")
    edges = pd.read_csv(DATA / "zachary_karate/edges.csv")
    G = nx.Graph()
    G.add_nodes_from((int(r.id), {"club": r.club}) for r in nodes.itertuples())
    G.add_edges_from(zip(edges["source"].astype(int), edges["target"].astype(int)))
    return G


@pytest.fixture(scope="module")
def club(karate) -> pd.Series:
    return pd.Series(nx.get_node_attributes(karate, "club")).sort_index()


def planted(p_in: float, p_out: float, seed: int = 7) -> nx.Graph:
    """Four planted blocks of 40, 30, 30, 20 actors (node attribute ``block``)."""
    sizes = [40, 30, 30, 20]
    probs = [[p_in if a == b else p_out for b in range(4)] for a in range(4)]
    G = nx.stochastic_block_model(sizes, probs, seed=seed)
    G.graph.clear()
    return G


def nx_partition(labels: pd.Series) -> list[set]:
    return [set(labels.index[labels == k]) for k in labels.unique()]


def cliques(sizes: list[int], offset: int = 0) -> nx.Graph:
    G = nx.Graph()
    start = offset
    for s in sizes:
        G.add_nodes_from(range(start, start + s))
        G.add_edges_from(nx.complete_graph(range(start, start + s)).edges())
        start += s
    return G


# --------------------------------------------------------------------------- communities


@pytest.mark.published("igraph 1.0.0 community_optimal_modularity (exact), Zachary: Q = 0.4197896")
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_leiden_finds_karate_optimum(karate, seed):
    labels = communities(karate, seed=seed)
    assert modularity(karate, labels) == pytest.approx(KARATE_Q_MAX, abs=1e-12)
    optimum = pd.Series(KARATE_OPTIMUM, index=range(1, 35))
    assert compare_partitions(labels, optimum)["ari"] == 1.0
    # canonical labels: sizes 12 (actor 9's group), 11 (actor 1's), 6, 5
    assert labels.value_counts().sort_index().tolist() == [12, 11, 6, 5]
    assert labels.loc[1] == 1 and labels.loc[9] == 0


def test_result_shape(karate):
    labels = communities(karate, seed=0)
    assert isinstance(labels, pd.Series)
    assert labels.name == "community"
    assert labels.index.name == "actor"
    assert labels.index.tolist() == list(range(1, 35))
    assert labels.dtype == np.int64


def test_louvain_modularity_is_consistent(karate):
    labels = communities(karate, method="louvain", seed=0)
    # Seed 0 reaches the optimum with igraph 1.0.0 multilevel (observed); other seeds
    # give 0.4188 or less, so only check against networkx.
    q = nx.community.modularity(karate, nx_partition(labels))
    assert modularity(karate, labels) == pytest.approx(q, abs=1e-12)
    assert 0.39 < q <= KARATE_Q_MAX + 1e-12


@pytest.mark.parametrize("method", ["leiden", "louvain"])
def test_planted_partition_recovered_exactly(method):
    # p_in 0.3 vs p_out 0.03: both methods recover the blocks exactly (ARI 1.0 for
    # seeds 0-2 observed with igraph 1.0.0).
    G = planted(0.3, 0.03)
    for seed in range(3):
        got = compare_partitions(communities(G, method=method, seed=seed), "block", G=G)
        assert got == {"ari": 1.0, "nmi": 1.0}


def test_same_seed_same_labels(karate):
    G = planted(0.2, 0.04)  # hard enough that seeds give different partitions
    a = communities(G, seed=3)
    b = communities(G, seed=3)
    pd.testing.assert_series_equal(a, b)
    c = communities(G, seed=np.random.default_rng(3))
    d = communities(G, seed=np.random.default_rng(3))
    pd.testing.assert_series_equal(c, d)
    # Observed: seeds 0, 1, 2 give ARI 0.71, 0.82, 0.87 against the blocks.
    aris = {
        round(compare_partitions(communities(G, seed=s), "block", G=G)["ari"], 2) for s in range(3)
    }
    assert len(aris) > 1


def test_equal_partitions_compare_equal_across_seeds(karate):
    # Every seed finds the same optimal partition; canonical labels make them equal.
    first = communities(karate, seed=0)
    for seed in (1, 2, 11, 12345):
        pd.testing.assert_series_equal(communities(karate, seed=seed), first)


def test_canonical_order_rules():
    # K4 on 10-13, K3 on 5-7, K3 on 1-3, isolates 0 and 20.
    G = cliques([4], offset=10)
    G.update(cliques([3], offset=5))
    G.update(cliques([3], offset=1))
    G.add_nodes_from([0, 20])
    labels = communities(G, seed=0)
    expected = {0: 3, 1: 1, 2: 1, 3: 1, 5: 2, 6: 2, 7: 2, 10: 0, 11: 0, 12: 0, 13: 0, 20: 4}
    # largest (K4) = 0; equal K3s ordered by smallest actor (1 < 5); singletons 0 < 20.
    assert labels.to_dict() == expected


def test_canonical_helper():
    assert _canonical(np.array([5, 5, 2, 9, 2, 2])).tolist() == [1, 1, 0, 2, 0, 0]
    assert _canonical(np.array([7, 3, 3, 7])).tolist() == [0, 1, 1, 0]  # tie: first member
    assert _canonical(np.array([], dtype=int)).tolist() == []


def test_isolates_and_edgeless_graphs():
    G = nx.Graph()
    G.add_nodes_from(["c", "a", "b"])
    assert communities(G, seed=0).to_dict() == {"a": 0, "b": 1, "c": 2}
    assert communities(nx.Graph(), seed=0).empty
    # zero total weight: every actor on its own
    H = nx.Graph([("a", "b", {"weight": 0.0})])
    assert communities(H, seed=0).tolist() == [0, 1]
    # an isolate next to a clique is its own community
    K = nx.complete_graph(4)
    K.add_node(9)
    assert communities(K, seed=0).tolist() == [0, 0, 0, 0, 1]


def test_weights_change_the_partition():
    # 4-cycle a-b-c-d-a; heavy ties pull their ends together.
    G = nx.cycle_graph(["a", "b", "c", "d"])
    nx.set_edge_attributes(G, 1.0, "weight")
    G["a"]["b"]["weight"] = G["c"]["d"]["weight"] = 10.0
    assert communities(G, seed=0).to_dict() == {"a": 0, "b": 0, "c": 1, "d": 1}
    G["a"]["b"]["weight"] = G["c"]["d"]["weight"] = 1.0
    G["b"]["c"]["weight"] = G["d"]["a"]["weight"] = 10.0
    assert communities(G, seed=0).to_dict() == {"a": 0, "b": 1, "c": 1, "d": 0}


def test_missing_weight_counts_one_and_weight_none_ignores(karate):
    G = planted(0.2, 0.04)
    H = G.copy()
    for i, (u, v) in enumerate(H.edges()):
        if i % 2:
            H[u][v]["weight"] = 1.0  # the others lack it: count 1
    pd.testing.assert_series_equal(communities(G, seed=4), communities(H, seed=4))
    W = G.copy()
    nx.set_edge_attributes(W, 5.0, "strength")
    pd.testing.assert_series_equal(communities(G, seed=4), communities(W, weight=None, seed=4))


def test_directed_graph_uses_undirected_version_with_summed_arcs():
    # Two 5-cliques as mutual arcs plus one one-way bridge; the undirected version
    # with weights 2 (mutual) and 1 (one-way) gives the same partition.
    D = nx.DiGraph()
    for block in (range(5), range(5, 10)):
        D.add_edges_from((u, v) for u in block for v in block if u != v)
    D.add_edge(4, 5)
    U = nx.Graph()
    U.add_weighted_edges_from((u, v, 2.0) for u, v in D.edges() if u < v and D.has_edge(v, u))
    U.add_edge(4, 5, weight=1.0)
    got = communities(D, seed=0)
    assert got.tolist() == [0] * 5 + [1] * 5
    pd.testing.assert_series_equal(got, communities(U, seed=0))


def test_resolution_gives_more_communities(karate):
    low = communities(karate, resolution=0.5, seed=0)
    high = communities(karate, resolution=2.0, seed=0)
    assert low.max() < 3 < high.max()
    # resolution 0: each connected component in one community
    assert set(communities(karate, resolution=0.0, seed=0)) == {0}


def test_input_is_not_mutated(karate):
    before = (nx.to_dict_of_dicts(karate), dict(karate.nodes(data=True)))
    communities(karate, seed=0)
    consensus_communities(karate, n_runs=3, seed=0)
    assert before == (nx.to_dict_of_dicts(karate), dict(karate.nodes(data=True)))


def test_igraph_default_rng_restored():
    import random

    def draw() -> list:
        random.seed(5)
        return ig.Graph.Erdos_Renyi(n=30, p=0.2).get_edgelist()

    before = draw()
    random.seed(99)
    expected = random.random()
    random.seed(99)
    communities(nx.karate_club_graph(), seed=0)
    # igraph drew from its own seeded generator, not from the random module ...
    assert random.random() == expected
    # ... and afterwards draws from the random module again
    assert draw() == before


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"method": "walktrap"}, "method"),
        ({"resolution": -1.0}, "resolution"),
        ({"resolution": math.nan}, "resolution"),
        ({"resolution": "1"}, "resolution"),
        ({"seed": 1.5}, "seed"),
    ],
)
def test_parameter_errors(karate, kwargs, match):
    with pytest.raises(ParameterError, match=match):
        communities(karate, **kwargs)


def test_graph_and_weight_errors():
    with pytest.raises(GraphTypeError):
        communities([(0, 1)])
    with pytest.raises(ParameterError, match="negative"):
        communities(nx.Graph([(0, 1, {"weight": -1.0})]))
    with pytest.raises(ParameterError, match="missing"):
        communities(nx.Graph([(0, 1, {"weight": None})]))


@settings(max_examples=50, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 6), min_size=1, max_size=6),
    perm_seed=st.integers(0, 2**32 - 1),
    seed=st.integers(0, 1000),
)
def test_property_cliques_get_canonical_labels_under_any_relabelling(sizes, perm_seed, seed):
    G = cliques(sizes)
    n = G.number_of_nodes()
    perm = np.random.default_rng(perm_seed).permutation(n)
    H = nx.relabel_nodes(G, {v: int(perm[v]) for v in G})
    labels = communities(H, seed=seed)
    # expected: the cliques, ordered by size (desc) then smallest relabelled member
    groups = []
    start = 0
    for s in sizes:
        groups.append(sorted(int(perm[v]) for v in range(start, start + s)))
        start += s
    groups.sort(key=lambda g: (-len(g), g[0]))
    expected = {v: k for k, g in enumerate(groups) for v in g}
    assert labels.to_dict() == expected


@settings(max_examples=50, deadline=None)
@given(n=st.integers(2, 25), p=st.floats(0.05, 0.6), gseed=st.integers(0, 10_000))
def test_property_order_preserving_relabelling_keeps_labels(n, p, gseed):
    G = nx.gnp_random_graph(n, p, seed=gseed)
    H = nx.relabel_nodes(G, {v: f"org{v:03d}" for v in G})  # same sorted order
    a = communities(G, seed=gseed)
    b = communities(H, seed=gseed)
    assert b.tolist() == a.tolist()
    assert b.index.tolist() == [f"org{v:03d}" for v in a.index]


# --------------------------------------------------------------------------- consensus


def test_consensus_karate_recovers_factions(karate, club):
    res = consensus_communities(karate, seed=0)
    assert isinstance(res, ConsensusResult)
    assert res.converged and res.n_iterations == 0  # all 20 Leiden runs agree (observed)
    assert res.modularity == pytest.approx(KARATE_Q_MAX, abs=1e-12)
    np.testing.assert_allclose(res.runs_modularity, KARATE_Q_MAX, atol=1e-12)
    assert res.n_runs == 20 and len(res.runs_modularity) == 20
    assert (res.stability == 1.0).all()
    # Merge the 4 communities into 2 by majority club: only actor 9 (who joined
    # Mr. Hi's club although most of his ties are to the Officer's side) is off.
    majority = {k: club[res.labels == k].mode().iloc[0] for k in res.labels.unique()}
    merged = res.labels.map(majority)
    assert list(merged.index[merged != club]) == [9]
    # ARI of the 4-community consensus against the 2 clubs: 0.46459 (observed,
    # scikit-learn 1.9.1); after merging: 0.88226.
    assert compare_partitions(res.labels, club)["ari"] == pytest.approx(0.46459109844332, abs=1e-12)
    assert compare_partitions(merged, club)["ari"] == pytest.approx(0.88225754135582, abs=1e-12)


def test_consensus_louvain_needs_a_round(karate):
    # igraph's Louvain runs disagree on karate (Q 0.392-0.420); one consensus round
    # makes them agree on a partition with Q = 0.4155982905982906 (observed with each
    # run seeded on its own from seed 0; equal to networkx's modularity of the
    # labels, checked below).
    res = consensus_communities(karate, method="louvain", seed=0)
    assert res.converged and res.n_iterations == 1
    q = nx.community.modularity(karate, nx_partition(res.labels))
    assert res.modularity == pytest.approx(q, abs=1e-12)
    assert res.modularity == pytest.approx(0.4155982905982906, abs=1e-12)
    assert res.runs_modularity.min() < res.modularity
    assert 0.5 < res.stability.min() < 1.0
    assert ((res.stability >= 0) & (res.stability <= 1)).all()


def test_consensus_planted_partition():
    # p_in 0.25 vs p_out 0.04: single Leiden runs give ARI 0.916-0.936 (seeds 0-2);
    # the consensus (seed 0) gives ARI 0.936, after one round (observed).
    G = planted(0.25, 0.04)
    res = consensus_communities(G, seed=0)
    got = compare_partitions(res.labels, "block", G=G)
    assert got["ari"] > 0.9
    assert res.converged


def test_consensus_determinism():
    G = planted(0.2, 0.04)
    a = consensus_communities(G, n_runs=8, seed=1)
    b = consensus_communities(G, n_runs=8, seed=1)
    pd.testing.assert_series_equal(a.labels, b.labels)
    pd.testing.assert_series_equal(a.stability, b.stability)
    np.testing.assert_array_equal(a.runs_modularity, b.runs_modularity)
    assert a.stability.name == "community_stability" and a.labels.name == "community"


def test_consensus_not_converged_warns():
    G = planted(0.2, 0.04)
    with pytest.warns(ConvergenceWarning, match="did not converge"):
        res = consensus_communities(G, n_runs=10, max_iter=0, seed=0)
    assert not res.converged
    # the returned partition is the best run of the (only) round
    assert res.modularity == pytest.approx(res.runs_modularity.max(), abs=1e-15)


def test_consensus_edge_cases():
    res = consensus_communities(nx.Graph(), seed=0)
    assert res.labels.empty and res.stability.empty and math.isnan(res.modularity)
    G = nx.Graph()
    G.add_nodes_from([2, 1])
    res = consensus_communities(G, n_runs=3, seed=0)
    assert res.labels.to_dict() == {1: 0, 2: 1}
    assert res.stability.tolist() == [1.0, 1.0]
    assert np.isnan(res.runs_modularity).all()


def test_consensus_progress_bar(karate, capsys):
    consensus_communities(karate, n_runs=2, seed=0, progress=True)
    assert "consensus runs" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"n_runs": 0}, "n_runs"),
        ({"n_runs": 2.0}, "n_runs"),
        ({"max_iter": -1}, "max_iter"),
        ({"threshold": 1.5}, "threshold"),
        ({"threshold": "0.5"}, "threshold"),
        ({"method": "x"}, "method"),
    ],
)
def test_consensus_parameter_errors(karate, kwargs, match):
    with pytest.raises(ParameterError, match=match):
        consensus_communities(karate, **kwargs)


def test_stability_hand_example():
    # consensus {0,1} {2,3}; run 1 equal; run 2 {0,1,2} {3}.
    # Run 2 Jaccard: actor 0: |{0,1}| / |{0,1,2}| = 2/3; actor 1 the same;
    # actor 2: |{2}| / |{0,1,2,3}| = 1/4; actor 3: |{3}| / |{2,3}| = 1/2.
    runs = np.array([[0, 0, 1, 1], [0, 0, 0, 1]])
    got = _stability(runs, np.array([0, 0, 1, 1]))
    np.testing.assert_allclose(got, [(1 + 2 / 3) / 2, (1 + 2 / 3) / 2, (1 + 1 / 4) / 2, 3 / 4])


def test_threshold_keeps_strongest_tie_of_stranded_actor():
    # ties 0-1 (D 0.9), 1-2 (0.3), 2-3 (0.2), 3-4 (0.0); threshold 0.5.
    # Actor 2 keeps 1-2 (its strongest); 3 keeps 2-3; 4 has only a zero tie: stays alone.
    src, dst = np.array([0, 1, 2, 3]), np.array([1, 2, 3, 4])
    d = np.array([0.9, 0.3, 0.2, 0.0])
    s, t, w = _threshold(5, src, dst, d, 0.5)
    assert list(zip(s.tolist(), t.tolist(), w.tolist())) == [(0, 1, 0.9), (1, 2, 0.3), (2, 3, 0.2)]
    # equal strengths: actor 1 (ties 0-1 and 1-2, both 0.4) keeps the tie to the
    # lower-indexed neighbour 0; actors 0 and 2 keep their strong ties 0-3 and 2-4.
    src, dst = np.array([0, 1, 0, 2]), np.array([1, 2, 3, 4])
    s, t, _ = _threshold(5, src, dst, np.array([0.4, 0.4, 0.9, 0.9]), 0.5)
    assert list(zip(s.tolist(), t.tolist())) == [(0, 1), (0, 3), (2, 4)]


# --------------------------------------------------------------------------- modularity


@pytest.mark.published("networkx 3.6.1 nx.community.modularity on the karate club split: 0.3582347")
def test_modularity_karate_club_split(karate, club):
    assert modularity(karate, club) == pytest.approx(0.3582347140039448, abs=1e-12)
    assert attribute_modularity(karate, "club") == pytest.approx(0.3582347140039448, abs=1e-12)


def test_modularity_hand_example():
    # Two triangles joined by one tie: m = 7, L = 3 + 3, K = 7 + 7.
    # Q = 6/7 - 2 (7/14)^2 = 6/7 - 1/2 = 5/14.
    G = nx.barbell_graph(3, 0)
    labels = {v: int(v >= 3) for v in G}
    assert modularity(G, labels) == pytest.approx(5 / 14, abs=1e-15)
    # resolution 2: 6/7 - 2 * 2 (1/2)^2 ... = 6/7 - 1 = -1/7
    assert modularity(G, labels, resolution=2.0) == pytest.approx(-1 / 7, abs=1e-15)


def _igraph_of(G: nx.Graph, weight: str | None) -> tuple[ig.Graph, list]:
    nodes = sorted(G)
    index = {v: i for i, v in enumerate(nodes)}
    H = ig.Graph(
        n=len(nodes), edges=[(index[u], index[v]) for u, v in G.edges()], directed=G.is_directed()
    )
    if weight:
        H.es["weight"] = [d.get(weight, 1.0) for _, _, d in G.edges(data=True)]
    return H, nodes


@pytest.mark.parametrize("resolution", [1.0, 0.5, 1.7])
@pytest.mark.parametrize("kind", ["weighted", "unweighted", "directed", "loops"])
def test_modularity_matches_networkx_and_igraph(kind, resolution):
    rng = np.random.default_rng(42)
    G = nx.gnp_random_graph(40, 0.15, seed=3, directed=kind == "directed")
    weight = None
    if kind == "weighted":
        weight = "weight"
        for u, v in G.edges():
            G[u][v]["weight"] = float(rng.integers(1, 5))
    if kind == "loops":
        G.add_edges_from([(0, 0), (5, 5)])
    labels = pd.Series(rng.integers(0, 4, 40), index=range(40))
    want_nx = nx.community.modularity(G, nx_partition(labels), weight=weight, resolution=resolution)
    H, nodes = _igraph_of(G, weight)
    want_ig = H.modularity(
        labels.loc[nodes].tolist(),
        weights="weight" if weight else None,
        resolution=resolution,
        directed=True,
    )
    got = modularity(G, labels, weight=weight, resolution=resolution)
    assert got == pytest.approx(want_nx, abs=1e-12)
    assert got == pytest.approx(want_ig, abs=1e-12)


def test_modularity_of_communities_matches_igraph_on_weighted_karate():
    G = nx.karate_club_graph()  # networkx adds interaction counts as "weight"
    labels = communities(G, seed=0)
    H, nodes = _igraph_of(G, "weight")
    want = H.modularity(labels.loc[nodes].tolist(), weights="weight")
    assert modularity(G, labels) == pytest.approx(want, abs=1e-12)
    # the weighted partition beats the club split on weighted modularity
    assert modularity(G, labels) > attribute_modularity(G, "club")


def test_modularity_errors_and_nan():
    G = nx.path_graph(3)
    with pytest.raises(ParameterError, match="no label"):
        modularity(G, {0: 0, 1: 0})
    with pytest.raises(ParameterError, match="no label"):
        modularity(G, {0: 0, 1: 0, 2: None})
    with pytest.raises(ParameterError, match="not in the graph"):
        modularity(G, {0: 0, 1: 0, 2: 1, 3: 1})
    with pytest.raises(ParameterError, match="duplicate"):
        modularity(G, pd.Series([0, 0, 1, 1], index=[0, 1, 2, 2]))
    with pytest.raises(ParameterError, match="Series or a mapping"):
        modularity(G, [0, 0, 1])
    E = nx.empty_graph(3)
    assert math.isnan(modularity(E, {0: 0, 1: 0, 2: 1}))


def test_attribute_modularity_missing_values_form_one_group():
    # Two triangles 0-1-2 and 3-4-5 joined by 2-3; sector known only for 0, 1, 2.
    # Actors 3, 4, 5 (absent, None, NaN) form one extra group -> Q = 5/14 as above.
    G = nx.barbell_graph(3, 0)
    nx.set_node_attributes(G, {0: "A", 1: "A", 2: "A", 4: None, 5: math.nan}, "sector")
    assert attribute_modularity(G, "sector") == pytest.approx(5 / 14, abs=1e-15)


@settings(max_examples=50, deadline=None)
@given(
    n=st.integers(2, 20),
    p=st.floats(0.1, 0.7),
    k=st.integers(1, 5),
    gseed=st.integers(0, 10_000),
    directed=st.booleans(),
)
def test_property_modularity_equals_networkx(n, p, k, gseed, directed):
    G = nx.gnp_random_graph(n, p, seed=gseed, directed=directed)
    if G.number_of_edges() == 0:
        return
    rng = np.random.default_rng(gseed)
    for u, v in G.edges():
        G[u][v]["weight"] = float(rng.uniform(0.5, 3))
    labels = pd.Series(rng.integers(0, k, n), index=range(n))
    want = nx.community.modularity(G, nx_partition(labels))
    assert modularity(G, labels) == pytest.approx(want, abs=1e-12)
    # adding an isolate leaves modularity unchanged
    G.add_node(n)
    assert modularity(G, pd.concat([labels, pd.Series({n: 0})])) == pytest.approx(want, abs=1e-12)


# --------------------------------------------------------------------------- comparison


def test_compare_partitions_hand_examples():
    a = pd.Series([0, 0, 1, 2], index=list("wxyz"))
    b = pd.Series([0, 0, 1, 1], index=list("wxyz"))
    got = compare_partitions(a, b)
    # ARI (Hubert & Arabie): contingency {w,x}, {y}, {z}: sum C(n_ij, 2) = 1;
    # rows C: 1 + 0 + 0 = 1; columns C: 1 + 1 = 2; C(4, 2) = 6; expected 1 * 2 / 6 = 1/3;
    # ARI = (1 - 1/3) / ((1 + 2)/2 - 1/3) = 4/7 (scikit-learn docs: 0.57).
    assert got["ari"] == pytest.approx(4 / 7, abs=1e-12)
    # NMI: H(a) = 1.5 ln 2, H(b) = ln 2, I = H(b) = ln 2 (b is a function of a);
    # arithmetic normalisation ln 2 / (1.25 ln 2) = 0.8.
    assert got["nmi"] == pytest.approx(0.8, abs=1e-12)
    assert compare_partitions(a, a) == {"ari": 1.0, "nmi": 1.0}


def test_compare_partitions_label_names_do_not_matter():
    a = pd.Series([5, 5, 7, 7], index=list("wxyz"))
    b = pd.Series({"z": "q", "y": "q", "x": "r", "w": "r"})  # same grouping, other names/order
    assert compare_partitions(a, b) == {"ari": 1.0, "nmi": 1.0}
    c = {"w": "p", "y": "p", "x": "q", "z": "q"}  # crosses a completely
    # contingency all ones: sum C(n_ij,2) = 0, expected 2*2/6 = 2/3, max 2:
    # ARI = (0 - 2/3) / (2 - 2/3) = -1/2; NMI 0 (independent).
    got = compare_partitions(a, c)
    assert got["ari"] == pytest.approx(-0.5, abs=1e-12)
    assert got["nmi"] == pytest.approx(0.0, abs=1e-12)


def test_compare_partitions_with_attribute(karate, club):
    labels = communities(karate, seed=0)
    assert compare_partitions(labels, "club", G=karate) == compare_partitions(labels, club)
    # missing attribute values form one extra group
    G = nx.path_graph(4)
    nx.set_node_attributes(G, {0: "A", 1: "A"}, "sector")
    got = compare_partitions({0: 0, 1: 0, 2: 1, 3: 1}, "sector", G=G)
    assert got == {"ari": 1.0, "nmi": 1.0}


def test_compare_partitions_errors(karate):
    a = pd.Series([0, 1], index=["x", "y"])
    with pytest.raises(ParameterError, match="not in the graph"):
        compare_partitions(a, pd.Series([0, 1, 1], index=["x", "y", "z"]))
    with pytest.raises(ParameterError, match="no label"):
        compare_partitions(a, pd.Series([0], index=["x"]))
    with pytest.raises(ParameterError, match="pass G"):
        compare_partitions(a, "sector")
    with pytest.raises(ParameterError, match="no label"):
        compare_partitions(a, "club", G=karate)
    with pytest.raises(ParameterError, match="Series or a mapping"):
        compare_partitions([0, 1], pd.Series([0, 1], index=["x", "y"]))


@settings(max_examples=50, deadline=None)
@given(
    a=st.lists(st.integers(0, 3), min_size=2, max_size=15),
    shift=st.integers(0, 14),
)
def test_property_compare_is_symmetric_and_relabel_invariant(a, shift):
    n = len(a)
    b = [(x * 7 + shift) % 5 for x in a]  # some other partition
    sa = pd.Series(a, index=[f"v{i}" for i in range(n)])
    sb = pd.Series(b, index=sa.index)
    ab, ba = compare_partitions(sa, sb), compare_partitions(sb, sa)
    assert ab["ari"] == pytest.approx(ba["ari"], abs=1e-12)
    assert ab["nmi"] == pytest.approx(ba["nmi"], abs=1e-12)
    # renaming the labels and reordering the actors changes nothing
    sa2 = sa.map(lambda x: f"group{x}").iloc[::-1]
    assert compare_partitions(sa2, sb) == pytest.approx(ab)
