"""Tests for sysmap.cluster.blockmodel (structural equivalence, block images).

Where the numbers come from
---------------------------
All reference values were produced once with R 4.x, sna 2.7-1 (Debian
r-cran-sna) and hard-coded here; the tests do not need R. ``A`` below is the
0/1 (or valued) adjacency matrix in sorted actor order.

* Correlations: ``sna::sedist(A, method="correlation")`` (diag = FALSE).
* Trees and blocks: ``sna::equiv.clust(A, equiv.dist = -sedist(A,
  method="correlation"), cluster.method=m)`` (= ``hclust(as.dist(-S), m)``;
  ``equiv.clust(A, method="correlation")`` itself stops with "NA/NaN/Inf in
  foreign function call" on Knoke, whose correlation has undefined cells) and
  ``cutree(h, k=k)``; R heights are ``-r``, sysmap's ``1 - r``.
* Block images: ``sna::blockmodel(A, h, k=k)$block.model``.
* ``r_squared``: the definition written out (squared Pearson correlation of
  the off-diagonal cells of ``A`` and of the image expanded to actors).
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
import sysmap_test_strategies as strategies
from hypothesis import given, settings
from hypothesis import strategies as st

import sysmap.cluster.blockmodel as bm_module
from sysmap.cluster.blockmodel import BlockModel, block_image, structural_equivalence
from sysmap.exceptions import GraphTypeError, MissingAttributeError, ParameterError

DATA = Path(__file__).resolve().parents[1] / "data"
TOL = 1e-9


# --------------------------------------------------------------------------- fixtures


def _read(path: str, n: int, directed: bool) -> nx.Graph:
    edges = pd.read_csv(DATA / path)
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(range(1, n + 1))
    G.add_edges_from(zip(edges["source"], edges["target"]))
    return G


@pytest.fixture
def knoke() -> nx.DiGraph:
    """Knoke information network (UCINET KNOKBUR), actors 1..10."""
    G = _read("knoke_bureaucracies/edges_information.csv", 10, True)
    nodes = pd.read_csv(DATA / "knoke_bureaucracies/nodes.csv").set_index("id")
    nx.set_node_attributes(G, nodes["sector"].to_dict(), "sector")
    return G


@pytest.fixture
def hand() -> nx.DiGraph:
    """Small digraph used for the sna reference run (6 actors, 11 arcs)."""
    G = nx.DiGraph()
    G.add_nodes_from(range(1, 7))
    G.add_edges_from([(1, 2), (1, 3), (2, 3), (3, 1), (4, 1), (4, 2), (5, 1), (5, 2), (6, 4),
                      (6, 5), (2, 6)])
    return G


@pytest.fixture
def valued() -> nx.DiGraph:
    """Valued digraph: W[1,2]=3, W[1,3]=1, W[2,3]=2, W[3,1]=4, W[4,1]=1, W[4,2]=2.5,
    W[5,4]=1, W[2,5]=0.5, W[5,1]=2."""
    G = nx.DiGraph()
    G.add_nodes_from(range(1, 6))
    for u, v, w in [(1, 2, 3), (1, 3, 1), (2, 3, 2), (3, 1, 4), (4, 1, 1), (4, 2, 2.5),
                    (5, 4, 1), (2, 5, 0.5), (5, 1, 2)]:
        G.add_edge(u, v, weight=w)
    return G


def same_partition(a, b) -> bool:
    forward: dict = {}
    backward: dict = {}
    for x, y in zip(a, b, strict=True):
        if forward.setdefault(x, y) != y or backward.setdefault(y, x) != x:
            return False
    return True


def expanded_r_squared(G: nx.Graph, labels: pd.Series, weight=None) -> float:
    """Definition: squared correlation of A and the image expanded to actors, i != j."""
    nodes = list(labels.index)
    A = nx.to_numpy_array(G, nodelist=nodes, weight=weight)
    np.fill_diagonal(A, 0.0)
    codes = labels.to_numpy()
    k = codes.max() + 1
    dens = np.full((k, k), np.nan)
    for a in range(k):
        for b in range(k):
            rows, cols = np.flatnonzero(codes == a), np.flatnonzero(codes == b)
            cells = [(i, j) for i in rows for j in cols if i != j]
            if cells:
                dens[a, b] = np.mean([A[i, j] for i, j in cells])
    E = dens[codes][:, codes]
    off = ~np.eye(len(nodes), dtype=bool)
    if np.ptp(E[off]) == 0:  # one block (or equal densities): the image explains nothing
        return 0.0
    return float(np.corrcoef(A[off], E[off])[0, 1] ** 2)


# --------------------------------------------------------------------------- sna references

# sedist(KNOKI, method="correlation")
SNA_KNOKE_COR = [
    [1.0, 0.4236592728681617, 0.09759000729485331, 0.5, 0.3333333333333333, -0.07273929674533079,
     0.40451991747794525, 0.629940788348712, 0.629940788348712, 0.25819888974716115],
    [0.4236592728681617, 1.0, -0.4803844614152614, 0.4236592728681617, 0.7867957924694432,
     0.14907119849998599, 0.28941438070815306, 0.37210420376762537, 0.04134491152973615,
     0.29277002188455997],
    [0.09759000729485331, -0.4803844614152614, 1.0, 0.12598815766974242, -0.37796447300922725, 0.0,
     0.22084711628963774, 0.25819888974716115, 0.25819888974716115, 0.40451991747794525],
    [0.5, 0.4236592728681617, 0.12598815766974242, 1.0, 0.3333333333333333, -0.07273929674533079,
     0.42289003161103106, 0.629940788348712, 0.37796447300922725, 0.5238095238095238],
    [0.3333333333333333, 0.7867957924694432, -0.37796447300922725, 0.3333333333333333, 1.0, 0.0,
     0.09759000729485331, 0.29277002188455997, -0.09759000729485331, 0.25482359571881275],
    [-0.07273929674533079, 0.14907119849998599, 0.0, -0.07273929674533079, 0.0, 1.0,
     -0.3670584895244009, 0.0, -0.1008712554448004, 0.36369648372665397],
    [0.40451991747794525, 0.28941438070815306, 0.22084711628963774, 0.42289003161103106,
     0.09759000729485331, -0.3670584895244009, 1.0, 0.050964719143762556, 0.5945883900105632,
     -0.03481553119113957],
    [0.629940788348712, 0.37210420376762537, 0.25819888974716115, 0.629940788348712,
     0.29277002188455997, 0.0, 0.050964719143762556, 1.0, 0.49206349206349204,
     0.37796447300922725],
    [0.629940788348712, 0.04134491152973615, 0.25819888974716115, 0.37796447300922725,
     -0.09759000729485331, -0.1008712554448004, 0.5945883900105632, 0.49206349206349204, 1.0,
     0.12598815766974242],
    [0.25819888974716115, 0.29277002188455997, 0.40451991747794525, 0.5238095238095238,
     0.25482359571881275, 0.36369648372665397, -0.03481553119113957, 0.37796447300922725,
     0.12598815766974242, 1.0],
]
# hclust(as.dist(-S), "complete")$height on KNOKI
SNA_KNOKE_HEIGHTS = [
    -0.78679579246944320, -0.62994078834871203, -0.59458839001056318, -0.52380952380952384,
    -0.29277002188455997, -0.25482359571881275, -0.22084711628963774, 0.072739296745330792,
    0.48038446141526142,
]
# cutree(h, k) on KNOKI, complete linkage, k = 2..9 (R's cluster numbers)
SNA_KNOKE_CUTS = {
    2: [1, 1, 2, 1, 1, 1, 2, 1, 2, 1],
    3: [1, 1, 2, 1, 1, 3, 2, 1, 2, 1],
    4: [1, 1, 2, 1, 1, 3, 4, 1, 4, 1],
    5: [1, 1, 2, 3, 1, 4, 5, 1, 5, 3],
    6: [1, 2, 3, 4, 2, 5, 6, 1, 6, 4],
    7: [1, 2, 3, 4, 2, 5, 6, 1, 6, 7],
    8: [1, 2, 3, 4, 2, 5, 6, 1, 7, 8],
    9: [1, 2, 3, 4, 2, 5, 6, 7, 8, 9],
}
# hclust(as.dist(-S), "average") on KNOKI: merge heights
SNA_KNOKE_AVERAGE_HEIGHTS = [
    -0.78679579246944320, -0.62994078834871203, -0.59458839001056318, -0.56497039417435602,
    -0.40451991747794525, -0.39639057027569508, -0.25096187302930650, -0.18184824186332699,
    -0.068422672238670365,
]
# blockmodel(KNOKI, h, k=3)$block.model; sna's blocks {1,2,4,5,8,10}, {3,7,9}, {6} are
# sysmap's blocks 0, 1, 2 (by size).
SNA_KNOKE_IMAGE3 = [
    [0.69999999999999996, 0.72222222222222221, 0.0],
    [0.5, 0.33333333333333331, 0.33333333333333331],
    [0.0, 1.0, np.nan],
]
# sedist(H, method="correlation") for the hand digraph
SNA_HAND_COR = [
    [1.0, 0.5, -0.29277002188455997, 0.0, 0.0, -1.0],
    [0.5, 1.0, 0.0, -0.57735026918962573, -0.57735026918962573, -0.57735026918962573],
    [-0.29277002188455997, 0.0, 1.0, -0.066666666666666666, -0.066666666666666666,
     -0.066666666666666666],
    [0.0, -0.57735026918962573, -0.066666666666666666, 1.0, 1.0, -0.33333333333333331],
    [0.0, -0.57735026918962573, -0.066666666666666666, 1.0, 1.0, -0.33333333333333331],
    [-1.0, -0.57735026918962573, -0.066666666666666666, -0.33333333333333331,
     -0.33333333333333331, 1.0],
]
SNA_HAND_HEIGHTS = [-1.0, -0.5, 0.066666666666666666, 0.33333333333333331, 1.0]
SNA_HAND_CUTS = {
    2: [1, 1, 2, 2, 2, 2],
    3: [1, 1, 2, 2, 2, 3],
    4: [1, 1, 2, 3, 3, 4],
    5: [1, 2, 3, 4, 4, 5],
}
# blockmodel(H, h, k=3)$block.model: sna blocks {1,2}, {3,4,5}, {6} = sysmap's 1, 0, 2
SNA_HAND_IMAGE3 = {
    (1, 1): 0.5, (1, 0): 0.33333333333333331, (1, 2): 0.5,
    (0, 1): 0.83333333333333337, (0, 0): 0.0, (0, 2): 0.0,
    (2, 1): 0.0, (2, 0): 0.66666666666666663, (2, 2): np.nan,
}
# sedist(W, method="correlation") for the valued digraph
SNA_VALUED_COR = [
    [1.0, -0.25573907949350594, -0.38729833462074170, 0.44, -0.65465367070797720],
    [-0.25573907949350594, 1.0, -0.18113336514069048, -0.55417199404586626,
     -0.63786488334384339],
    [-0.38729833462074170, -0.18113336514069048, 1.0, -0.15803488531025350,
     0.76623376623376627],
    [0.44, -0.55417199404586626, -0.15803488531025350, 1.0, 0.13250826977378263],
    [-0.65465367070797720, -0.63786488334384339, 0.76623376623376627, 0.13250826977378263,
     1.0],
]
# cutree(hclust(as.dist(-S)), k=2) and blockmodel(W, h, k=2)$block.model: sna blocks
# {1,2,4} and {3,5} (sysmap 0 and 1)
SNA_VALUED_CUT2 = [1, 1, 2, 1, 2]
SNA_VALUED_IMAGE2 = [[1.0833333333333333, 0.58333333333333337],
                     [1.1666666666666667, 0.0]]
# Padgett marriage (16 families incl. the isolate Pucci = 12), undirected:
# cutree(hclust(as.dist(-sedist(M, method="correlation")), m), k) for k = 2..15, one hex
# digit per family (R's cluster numbers); R's "mcquitty" is sysmap's "weighted".
PADGETT_CUTS = {
    'complete': [
        '1112211111211121',  # k = 2
        '1112233133211121',  # k = 3
        '1112233144211121',  # k = 4
        '1213344255311132',  # k = 5
        '1213344255361132',  # k = 6
        '1213344255671162',  # k = 7
        '1213344255678162',  # k = 8
        '1213344256789172',  # k = 9
        '1213344256789a72',  # k = 10
        '121334526789ab82',  # k = 11
        '12133456789abc92',  # k = 12
        '1213456789abcda2',  # k = 13
        '1213456789abcdae',  # k = 14
        '123456789abcdebf',  # k = 15
    ],
    'average': [
        '1111122122111111',  # k = 2
        '1112233133211121',  # k = 3
        '1112233133241121',  # k = 4
        '1112233144251121',  # k = 5
        '1213344255361132',  # k = 6
        '1213344256371132',  # k = 7
        '1213344256781172',  # k = 8
        '1213344256789172',  # k = 9
        '121334526789a182',  # k = 10
        '12133456789ab192',  # k = 11
        '12133456789abc92',  # k = 12
        '1213456789abcda2',  # k = 13
        '1213456789abcdae',  # k = 14
        '123456789abcdebf',  # k = 15
    ],
    'single': [
        '1111111111121111',  # k = 2
        '1111122122131111',  # k = 3
        '1111122123141111',  # k = 4
        '1111122134151111',  # k = 5
        '1111122134561151',  # k = 6
        '1111123145671161',  # k = 7
        '1111123145678161',  # k = 8
        '1112234156789171',  # k = 9
        '111223456789a181',  # k = 10
        '12133456789ab192',  # k = 11
        '1213456789abc1a2',  # k = 12
        '1213456789abc1ad',  # k = 13
        '1213456789abcdae',  # k = 14
        '123456789abcdebf',  # k = 15
    ],
    'weighted': [
        '1111122122111111',  # k = 2
        '1112233133211121',  # k = 3
        '1112233133241121',  # k = 4
        '1112233144251121',  # k = 5
        '1213344255361132',  # k = 6
        '1213344256371132',  # k = 7
        '1213344256378132',  # k = 8
        '1213344256789172',  # k = 9
        '121334526789a182',  # k = 10
        '12133456789ab192',  # k = 11
        '12133456789abc92',  # k = 12
        '1213456789abcda2',  # k = 13
        '1213456789abcdae',  # k = 14
        '123456789abcdebf',  # k = 15
    ],
}


# sedist(B, method="correlation") for Padgett business (isolates 1, 2, 12, 13, 15): sna
# reports 0 for every undefined correlation, including its own diagonal.
SNA_BUSINESS_COR = [
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
    [0.0, 0.0, 1.0, 0.05504818825631803, 0.28426762180748055, 0.5310850045437944,
     -0.25819888974716115, 0.3, 0.05504818825631803, 0.4385290096535146, 0.15151515151515152, 0.0,
     0.0, 0.4385290096535146, 0.0, 0.4385290096535146],
    [0.0, 0.0, 0.05504818825631803, 1.0, 0.5757575757575758, -0.21320071635561044,
     0.6793662204867574, 0.7817359599705715, -0.3892494720807615, -0.14484136487558028,
     0.28426762180748055, 0.0, 0.0, -0.14484136487558028, 0.0, -0.14484136487558028],
    [0.0, 0.0, 0.28426762180748055, 0.5757575757575758, 1.0, 0.28426762180748055,
     0.28426762180748055, 0.28426762180748055, -0.0259499648053841, -0.14484136487558028,
     0.7817359599705715, 0.0, 0.0, -0.14484136487558028, 0.0, -0.14484136487558028],
    [0.0, 0.0, 0.5310850045437944, -0.21320071635561044, 0.28426762180748055, 1.0,
     -0.16666666666666666, -0.25819888974716115, 0.4385290096535146, 0.6793662204867574,
     0.19364916731037085, 0.0, 0.0, 0.6793662204867574, 0.0, 0.6793662204867574],
    [0.0, 0.0, -0.25819888974716115, 0.6793662204867574, 0.28426762180748055, -0.16666666666666666,
     1.0, 0.5310850045437944, -0.3042903097250923, -0.11322770341445958, 0.6454972243679028, 0.0,
     0.0, -0.11322770341445958, 0.0, -0.11322770341445958],
    [0.0, 0.0, 0.3, 0.7817359599705715, 0.28426762180748055, -0.25819888974716115,
     0.5310850045437944, 1.0, -0.4714045207910317, -0.17541160386140583, 0.5757575757575758, 0.0,
     0.0, -0.17541160386140583, 0.0, -0.17541160386140583],
    [0.0, 0.0, 0.05504818825631803, -0.3892494720807615, -0.0259499648053841, 0.4385290096535146,
     -0.3042903097250923, -0.4714045207910317, 1.0, 0.0, -0.1414213562373095, 0.0, 0.0, 0.0, 0.0,
     0.0],
    [0.0, 0.0, 0.4385290096535146, -0.14484136487558028, -0.14484136487558028, 0.6793662204867574,
     -0.11322770341445958, -0.17541160386140583, 0.0, 1.0, -0.17541160386140583, 0.0, 0.0, 1.0,
     0.0, 1.0],
    [0.0, 0.0, 0.15151515151515152, 0.28426762180748055, 0.7817359599705715, 0.19364916731037085,
     0.6454972243679028, 0.5757575757575758, -0.1414213562373095, -0.17541160386140583, 1.0, 0.0,
     0.0, -0.17541160386140583, 0.0, -0.17541160386140583],
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
    [0.0, 0.0, 0.4385290096535146, -0.14484136487558028, -0.14484136487558028, 0.6793662204867574,
     -0.11322770341445958, -0.17541160386140583, 0.0, 1.0, -0.17541160386140583, 0.0, 0.0, 1.0,
     0.0, 1.0],
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
    [0.0, 0.0, 0.4385290096535146, -0.14484136487558028, -0.14484136487558028, 0.6793662204867574,
     -0.11322770341445958, -0.17541160386140583, 0.0, 1.0, -0.17541160386140583, 0.0, 0.0, 1.0,
     0.0, 1.0],
]
BUSINESS_ISOLATES = [1, 2, 12, 13, 15]


# --------------------------------------------------------------------------- correlation


@pytest.mark.published("R sna 2.7-1 sedist(KNOKI, method='correlation')")
def test_correlation_knoke_matches_sna(knoke):
    got = structural_equivalence(knoke).correlation
    assert list(got.index) == list(range(1, 11))
    np.testing.assert_allclose(got.to_numpy(), SNA_KNOKE_COR, atol=TOL, rtol=0)


@pytest.mark.published("R sna 2.7-1 sedist(H, method='correlation'), hand digraph")
def test_correlation_hand_matches_sna(hand):
    got = structural_equivalence(hand).correlation.to_numpy()
    np.testing.assert_allclose(got, SNA_HAND_COR, atol=TOL, rtol=0)


def test_correlation_hand_value_by_hand(hand):
    # Actors 4 and 5 both send to 1 and 2 and receive from 6 only: identical profiles
    # once their own cells are dropped, r = 1. Actors 1 and 6: dropping the cells of
    # 1 and 6, profile(1) = out (2,3,4,5) + in (2,3,4,5) = (1,1,0,0, 0,1,1,1) and
    # profile(6) = (0,0,1,1, 1,0,0,0): exact complements, r = -1.
    R = structural_equivalence(hand).correlation
    assert R.loc[4, 5] == pytest.approx(1.0, abs=TOL)
    assert R.loc[1, 6] == pytest.approx(-1.0, abs=TOL)


@pytest.mark.published("R sna 2.7-1 sedist(W, method='correlation'), valued digraph")
def test_correlation_valued_matches_sna(valued):
    got = structural_equivalence(valued, weight="weight").correlation.to_numpy()
    np.testing.assert_allclose(got, SNA_VALUED_COR, atol=TOL, rtol=0)


@pytest.mark.published("R sna 2.7-1 sedist(B, method='correlation'), Padgett business")
def test_correlation_isolates_documented_deviation():
    G = _read("padgett_florentine/edges_business.csv", 16, False)
    got = structural_equivalence(G).correlation.to_numpy()
    want = np.array(SNA_BUSINESS_COR)
    iso = np.array(BUSINESS_ISOLATES) - 1
    # sysmap: two isolates are exactly equivalent (r = 1), and r(i, i) = 1; sna gives 0.
    want[np.ix_(iso, iso)] = 1.0
    np.fill_diagonal(want, 1.0)
    np.testing.assert_allclose(got, want, atol=TOL, rtol=0)


def test_undirected_equals_symmetric_digraph(knoke):
    # An undirected graph is the symmetric matrix; both give sna's values for it.
    U = knoke.to_undirected()
    D = nx.DiGraph(U)
    a = structural_equivalence(U)
    b = structural_equivalence(D)
    np.testing.assert_allclose(a.correlation, b.correlation, atol=1e-12, rtol=0)
    assert a.labels.equals(b.labels)


# --------------------------------------------------------------------------- trees and blocks


@pytest.mark.published("R sna 2.7-1 hclust(as.dist(-sedist(KNOKI)), 'complete')")
def test_heights_knoke_match_hclust(knoke):
    Z = structural_equivalence(knoke).linkage
    np.testing.assert_allclose(Z[:, 2], np.array(SNA_KNOKE_HEIGHTS) + 1.0, atol=TOL, rtol=0)
    assert Z[-1, 3] == 10


@pytest.mark.published("R sna 2.7-1 hclust(as.dist(-sedist(KNOKI)), 'average')")
def test_heights_knoke_average_match_hclust(knoke):
    Z = structural_equivalence(knoke, method="average").linkage
    np.testing.assert_allclose(Z[:, 2], np.array(SNA_KNOKE_AVERAGE_HEIGHTS) + 1.0, atol=TOL,
                               rtol=0)


@pytest.mark.published("R sna 2.7-1 cutree(equiv.clust(KNOKI), k), k = 2..9")
@pytest.mark.parametrize("k", range(2, 10))
def test_blocks_knoke_match_cutree(knoke, k):
    got = structural_equivalence(knoke, n_blocks=k)
    assert got.n_blocks == k
    assert same_partition(got.labels.tolist(), SNA_KNOKE_CUTS[k])


@pytest.mark.published("R sna 2.7-1 cutree(equiv.clust(H), k), hand digraph")
@pytest.mark.parametrize("k", range(2, 6))
def test_blocks_hand_match_cutree(hand, k):
    got = structural_equivalence(hand, n_blocks=k)
    assert same_partition(got.labels.tolist(), SNA_HAND_CUTS[k])
    np.testing.assert_allclose(structural_equivalence(hand).linkage[:, 2],
                               np.array(SNA_HAND_HEIGHTS) + 1.0, atol=TOL, rtol=0)


@pytest.mark.published("R sna 2.7-1 sedist + hclust + cutree, Padgett marriage (16 families)")
@pytest.mark.parametrize("method", ["complete", "average", "single", "weighted"])
def test_blocks_padgett_match_cutree_with_ties(method):
    # Many merge heights tie here (e.g. Pucci, an isolate, is at r = 0 from everyone):
    # the blocks equal R's only if R's tie-breaking is followed.
    G = _read("padgett_florentine/edges_marriage.csv", 16, False)
    for k, want in zip(range(2, 16), PADGETT_CUTS[method], strict=True):
        got = structural_equivalence(G, n_blocks=k, method=method).labels.tolist()
        assert same_partition(got, [int(c, 16) for c in want]), (method, k)


@pytest.mark.published("R sna 2.7-1 blockmodel(KNOKI, equiv.clust, k=3)$block.model")
def test_image_knoke_matches_sna_blockmodel(knoke):
    got = structural_equivalence(knoke, n_blocks=3)
    # block 0 = actors 1,2,4,5,8,10 (largest), block 1 = 3,7,9, block 2 = 6
    assert got.labels.tolist() == [0, 0, 1, 0, 0, 2, 1, 0, 1, 0]
    np.testing.assert_allclose(got.image.to_numpy(), SNA_KNOKE_IMAGE3, atol=TOL, rtol=0)
    assert got.image.index.name == "block" and list(got.image.columns) == [0, 1, 2]


@pytest.mark.published("R sna 2.7-1 blockmodel(H, equiv.clust, k=3)$block.model")
def test_image_hand_matches_sna_blockmodel(hand):
    got = structural_equivalence(hand, n_blocks=3)
    assert got.labels.tolist() == [1, 1, 0, 0, 0, 2]
    for (a, b), want in SNA_HAND_IMAGE3.items():
        assert got.image.loc[a, b] == pytest.approx(want, abs=TOL, nan_ok=True)


@pytest.mark.published("R sna 2.7-1 blockmodel(W, hclust(as.dist(-sedist(W))), k=2)")
def test_image_valued_matches_sna_blockmodel(valued):
    got = structural_equivalence(valued, n_blocks=2, weight="weight")
    assert same_partition(got.labels.tolist(), SNA_VALUED_CUT2)
    assert got.labels.tolist() == [0, 0, 1, 0, 1]
    np.testing.assert_allclose(got.image.to_numpy(), SNA_VALUED_IMAGE2, atol=TOL, rtol=0)


def test_default_cut_is_widest_gap(knoke):
    # Knoke heights (1 - r): 0.213, 0.370, 0.405, 0.476, 0.707, 0.745, 0.779, 1.073,
    # 1.480; the widest gap (0.408) is before the last merge -> 2 blocks.
    assert structural_equivalence(knoke).n_blocks == 2
    # Hand digraph heights 0, 0.5, 1.067, 1.333, 2: widest gap 0.667 (last merge) -> 2.
    G = nx.DiGraph([(1, 2), (1, 3), (2, 3), (3, 1), (4, 1), (4, 2), (5, 1), (5, 2), (6, 4),
                    (6, 5), (2, 6)])
    assert structural_equivalence(G).n_blocks == 2


def test_widest_gap_finds_the_equivalence_classes():
    # Four classes of exactly equivalent actors: senders s1, s2 -> {r1, r2}, senders
    # t1, t2 -> {r3, r4}, and the two receiver pairs. Within a class r = 1 (height 0);
    # between classes r is -1/11 or -0.2 (heights 1.091, 1.091, 1.2 with complete
    # linkage). Heights 0, 0, 0, 0, 1.091, 1.091, 1.2: the widest gap (1.091) lies
    # before the fifth merge -> 4 blocks, the four classes.
    G = nx.DiGraph([("s1", "r1"), ("s1", "r2"), ("s2", "r1"), ("s2", "r2"),
                    ("t1", "r3"), ("t1", "r4"), ("t2", "r3"), ("t2", "r4")])
    res = structural_equivalence(G)
    np.testing.assert_allclose(res.linkage[:, 2], [0, 0, 0, 0, 12 / 11, 12 / 11, 1.2],
                               atol=1e-12)
    assert res.n_blocks == 4
    assert res.labels.to_dict() == {"r1": 0, "r2": 0, "r3": 1, "r4": 1, "s1": 2, "s2": 2,
                                    "t1": 3, "t2": 3}
    assert res.r_squared == pytest.approx(1.0, abs=1e-12)


def test_labels_canonical_by_size_then_first_actor():
    # two blocks of equal size: the block holding the smallest actor id is 0
    G = nx.DiGraph([("b", "x"), ("b", "y"), ("a", "x"), ("a", "y")])
    res = structural_equivalence(G, n_blocks=2)
    assert res.labels.to_dict() == {"a": 0, "b": 0, "x": 1, "y": 1}
    assert res.labels.name == "block" and res.labels.index.name == "actor"


# --------------------------------------------------------------------------- fit, image


@pytest.mark.parametrize("k", [2, 3, 5])
def test_r_squared_matches_definition(knoke, k):
    got = structural_equivalence(knoke, n_blocks=k)
    assert got.r_squared == pytest.approx(expanded_r_squared(knoke, got.labels), abs=1e-12)


def test_r_squared_valued_undirected_matches_definition(valued):
    U = nx.Graph()
    for u, v, d in valued.edges(data=True):
        U.add_edge(u, v, weight=d["weight"])
    got = structural_equivalence(U, n_blocks=2, weight="weight")
    assert got.r_squared == pytest.approx(
        expanded_r_squared(U, got.labels, weight="weight"), abs=1e-12
    )


def test_r_squared_perfect_blocks():
    # senders tie to every receiver, nothing else: the image reproduces the data
    G = nx.DiGraph([("s1", "r1"), ("s1", "r2"), ("s2", "r1"), ("s2", "r2")])
    res = structural_equivalence(G, n_blocks=2)
    assert res.r_squared == pytest.approx(1.0, abs=1e-12)
    assert isinstance(res, BlockModel) and res.method == "complete"


def test_block_image_undirected_by_hand():
    # path a - b - c - d with blocks {a, b} and {c, d}: within {a,b} 1 edge of 1 -> 1.0;
    # between: edge b - c, 1 of 4 cells -> 0.25; within {c, d}: 1.0
    G = nx.path_graph(["a", "b", "c", "d"])
    got = block_image(G, {"a": "P", "b": "P", "c": "Q", "d": "Q"})
    assert got.to_dict() == {"P": {"P": 1.0, "Q": 0.25}, "Q": {"P": 0.25, "Q": 1.0}}


def test_block_image_weighted_and_attribute(knoke):
    # Knoke by sector (GOV 1,3,5,9; PVT 4,7; VOL 2,6,8,10): arcs among GOV (from
    # edges_information.csv): 1->5, 1->9, 3->5, 5->1, 5->3, 5->9, 9->5 -> 7 of 12 cells.
    got = block_image(knoke, "sector")
    assert got.loc["GOV", "GOV"] == pytest.approx(7 / 12, abs=1e-12)
    A = nx.to_numpy_array(knoke, nodelist=range(1, 11))
    gov, vol = [0, 2, 4, 8], [1, 5, 7, 9]
    assert got.loc["GOV", "VOL"] == pytest.approx(A[np.ix_(gov, vol)].mean(), abs=1e-12)
    H = knoke.copy()
    nx.set_edge_attributes(H, 2.5, "weight")
    assert block_image(H, "sector", weight="weight").loc["GOV", "GOV"] == pytest.approx(
        2.5 * 7 / 12, abs=1e-12)


def test_block_image_ignores_self_loops():
    G = nx.DiGraph([("a", "a"), ("a", "b")])
    got = block_image(G, {"a": 0, "b": 0})
    assert got.loc[0, 0] == pytest.approx(0.5)


def test_block_image_errors(knoke):
    with pytest.raises(MissingAttributeError, match="'colour'"):
        block_image(knoke, "colour")
    with pytest.raises(ParameterError, match="no block for 9 actor"):
        block_image(knoke, {1: "x"})
    with pytest.raises(ParameterError, match="missing"):
        block_image(knoke, pd.Series({v: (np.nan if v == 3 else 1) for v in knoke}))
    with pytest.raises(ParameterError, match="Series or mapping"):
        block_image(knoke, 3)
    with pytest.raises(GraphTypeError):
        block_image([(1, 2)], {1: 0, 2: 0})


# --------------------------------------------------------------------------- edge cases, errors


def test_small_graphs():
    empty = structural_equivalence(nx.Graph())
    assert empty.n_blocks == 0 and empty.labels.empty and empty.linkage.shape == (0, 4)
    one = structural_equivalence(nx.empty_graph(1))
    assert one.labels.tolist() == [0] and one.correlation.to_numpy().tolist() == [[1.0]]
    two = structural_equivalence(nx.path_graph(2))
    assert two.n_blocks == 2  # default for fewer than 3 actors: one block each
    assert two.correlation.loc[0, 1] == 0.0  # no profile entries left
    assert np.isnan(structural_equivalence(nx.empty_graph(3)).r_squared)


def test_isolates_form_one_block():
    G = nx.DiGraph([("a", "b"), ("a", "c"), ("d", "b"), ("d", "c")])
    G.add_nodes_from(["i1", "i2"])
    res = structural_equivalence(G, n_blocks=3)
    assert res.correlation.loc["i1", "i2"] == 1.0
    assert res.labels["i1"] == res.labels["i2"]


def test_input_not_mutated(knoke):
    before = nx.to_dict_of_dicts(knoke)
    structural_equivalence(knoke, n_blocks=3)
    block_image(knoke, "sector")
    assert nx.to_dict_of_dicts(knoke) == before


@pytest.mark.parametrize("bad", [0, 11, 2.0, True, "3"])
def test_bad_n_blocks(knoke, bad):
    with pytest.raises(ParameterError, match=r"n_blocks must be None or an int in \[1, 10\]"):
        structural_equivalence(knoke, n_blocks=bad)


def test_bad_method_and_size(knoke, monkeypatch):
    with pytest.raises(ParameterError, match="method must be one of"):
        structural_equivalence(knoke, method="ward")
    monkeypatch.setattr(bm_module, "MAX_EQUIVALENCE_ACTORS", 9)
    with pytest.raises(ParameterError, match="limited to 9 actors"):
        structural_equivalence(knoke)
    with pytest.raises(GraphTypeError):
        structural_equivalence([(1, 2)])
    G = nx.DiGraph([(1, 2, {"w": None}), (2, 3, {"w": 1})])
    with pytest.raises(ParameterError, match="'w'"):
        structural_equivalence(G, weight="w")


# --------------------------------------------------------------------------- properties


def digraphs(max_nodes: int = 9):
    """Directed networks of 3 to `max_nodes` actors."""
    return strategies.graphs(min_nodes=3, max_nodes=max_nodes, directed=True)


def naive_correlation(G: nx.DiGraph) -> np.ndarray:
    """sedist(method="correlation") written out, with sysmap's constant-profile rule."""
    nodes = sorted(G)
    A = nx.to_numpy_array(G, nodelist=nodes)
    n = len(nodes)
    R = np.eye(n)
    for i in range(n):
        for j in range(n):
            if i == j:
                continue
            keep = [k for k in range(n) if k not in (i, j)]
            x = np.concatenate([A[i, keep], A[keep, i]])
            y = np.concatenate([A[j, keep], A[keep, j]])
            if x.std() == 0 or y.std() == 0:
                R[i, j] = 1.0 if x.std() == 0 and y.std() == 0 and x[0] == y[0] else 0.0
            else:
                R[i, j] = np.corrcoef(x, y)[0, 1]
    return R


@settings(max_examples=50, deadline=None)
@given(digraphs())
def test_property_correlation_matches_naive(G):
    got = structural_equivalence(G).correlation.to_numpy()
    np.testing.assert_allclose(got, naive_correlation(G), atol=1e-9, rtol=0)


@settings(max_examples=50, deadline=None)
@given(digraphs(), st.randoms(use_true_random=False))
def test_property_relabelling_permutes_correlation(G, rnd):
    perm = list(G)
    rnd.shuffle(perm)
    mapping = {v: f"n{perm[k]:02d}" for k, v in enumerate(G)}
    got = structural_equivalence(nx.relabel_nodes(G, mapping)).correlation
    want = structural_equivalence(G).correlation.rename(index=mapping, columns=mapping)
    want = want.sort_index().sort_index(axis=1)
    np.testing.assert_allclose(got.to_numpy(), want.to_numpy(), atol=1e-12, rtol=0)


@settings(max_examples=50, deadline=None)
@given(digraphs(), st.integers(1, 4))
def test_property_blocks_are_a_partition_with_r_squared(G, k):
    k = min(k, G.number_of_nodes())
    res = structural_equivalence(G, n_blocks=k)
    assert res.n_blocks == k
    sizes = res.labels.value_counts().sort_index().to_numpy()
    assert (np.diff(sizes) <= 0).all()  # numbered by size
    want = expanded_r_squared(G, res.labels) if G.number_of_edges() and not (
        G.number_of_edges() == G.number_of_nodes() * (G.number_of_nodes() - 1)) else np.nan
    assert res.r_squared == pytest.approx(want, abs=1e-9, nan_ok=True)
