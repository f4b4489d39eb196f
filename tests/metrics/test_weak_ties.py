"""Tests for sysmap.metrics.weak_ties (bridges, span, overlap, tie strength).

Reference values come from (1) hand computations shown next to each test,
(2) networkx 3.6.1 (``nx.local_bridges(G, with_span=True)``, ``nx.bridges(G)``),
and (3) R 4.2.2 + igraph 1.3.5 via ``Rscript tests/data/weak_ties_reference.R``
(overlap, local bridges and spans by edge deletion, bridges, ``cor.test``).
"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
import sysmap_test_strategies as strategies
from hypothesis import given, settings
from hypothesis import strategies as st

from sysmap.exceptions import GraphTypeError, ParameterError
from sysmap.metrics import _span_search, weak_ties
from sysmap.metrics.weak_ties import WeakTieSummary, tie_measures, tie_strength, weak_tie_summary

DATA = Path(__file__).resolve().parents[1] / "data"
INF = math.inf


# ------------------------------------------------------------------------ fixtures


def _read(name: str, edges: str, value: str, *, directed: bool = False) -> nx.Graph:
    frame = pd.read_csv(DATA / name / edges)
    G = nx.DiGraph() if directed else nx.Graph()
    for row in frame.itertuples(index=False):
        G.add_edge(int(row.source), int(row.target), intensity=int(getattr(row, value)))
    return G


@pytest.fixture
def indiana() -> nx.Graph:
    """Indiana tobacco-control collaboration, 25 organisations, collaborate 2-4."""
    G = _read("indiana_tobacco_control", "edges_collaboration.csv", "collaborate")
    nodes = pd.read_csv(DATA / "indiana_tobacco_control" / "nodes.csv")
    nx.set_node_attributes(G, dict(zip(nodes.id, nodes.agency_cat_label)), "sector")
    return G


@pytest.fixture
def dhhs() -> nx.Graph:
    """DHHS tobacco-control leaders, 54 leaders in 11 agencies, collab 1-4."""
    G = _read("dhhs_tobacco_leaders", "edges.csv", "collab")
    nodes = pd.read_csv(DATA / "dhhs_tobacco_leaders" / "nodes.csv")
    nx.set_node_attributes(G, dict(zip(nodes.id, nodes.agency)), "agency")
    return G


@pytest.fixture
def mt_st_helens() -> nx.DiGraph:
    """Drabek's Mt St Helens search-and-rescue network (directed), strength 1-4."""
    return _read("emon_drabek", "edges_MtStHelens.csv", "strength", directed=True)


@pytest.fixture
def hand_graph() -> nx.Graph:
    """Triangle a-b-c, square c-d-e-f-c, pendant e-g, separate dyad h-i."""
    G = nx.Graph()
    G.add_edges_from(
        [("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"), ("d", "e"), ("e", "f"), ("c", "f")]
    )
    G.add_edges_from([("e", "g"), ("h", "i")])
    return G


def _two_triangles(triangle: float, bridge: float) -> nx.Graph:
    """Triangles 0-1-2 and 3-4-5 (sector A / B) joined by the tie 2-3."""
    G = nx.Graph()
    G.add_edges_from([(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5)], intensity=triangle)
    G.add_edge(2, 3, intensity=bridge)
    nx.set_node_attributes(G, {0: "A", 1: "A", 2: "A", 3: "B", 4: "B", 5: "B"}, "sector")
    return G


def _row(ties: pd.DataFrame, u: object, v: object) -> pd.Series:
    hit = ties[(ties.source == u) & (ties.target == v)]
    assert len(hit) == 1, (u, v)
    return hit.iloc[0]


def _local_bridges(ties: pd.DataFrame) -> list[tuple[object, object, float]]:
    lb = ties[ties.local_bridge]
    return [(s, t, float(x)) for s, t, x in zip(lb.source, lb.target, lb.span)]


def _bridges(ties: pd.DataFrame) -> list[tuple[object, object]]:
    br = ties[ties.bridge]
    return list(zip(br.source, br.target))


# ---------------------------------------------------------------- reference runs


def _networkx_reference(G: nx.Graph) -> tuple[dict, set, dict]:
    """networkx local bridges/bridges and Onnela overlap written out naively."""
    H = nx.Graph(G.to_undirected() if G.is_directed() else G)
    H.remove_edges_from(list(nx.selfloop_edges(H)))
    lb = {frozenset((u, v)): s for u, v, s in nx.local_bridges(H, with_span=True)}
    br = {frozenset(e) for e in nx.bridges(H)}
    overlap = {}
    for u, v in H.edges():
        nu, nv = set(H[u]), set(H[v])
        common = len(nu & nv)
        den = (len(nu) - 1) + (len(nv) - 1) - common
        overlap[frozenset((u, v))] = common / den if den > 0 else math.nan
    return lb, br, overlap


def _assert_matches_networkx(G: nx.Graph) -> None:
    ties = tie_measures(G, strength=None)
    lb, br, overlap = _networkx_reference(G)
    assert len(ties) == len(overlap)
    for row in ties.itertuples(index=False):
        key = frozenset((row.source, row.target))
        assert row.local_bridge == (key in lb), key
        assert row.bridge == (key in br), key
        if key in lb:
            assert row.span == lb[key], key
        else:
            assert math.isnan(row.span), key
        if math.isnan(overlap[key]):
            assert math.isnan(row.overlap), key
        else:
            assert row.overlap == pytest.approx(overlap[key], abs=1e-12), key


# ------------------------------------------------------------------------ overlap


@pytest.mark.published("networkx krackhardt_kite_graph; Onnela et al. (2007) PNAS 104:7332, eq. 1")
def test_kite_overlap_is_onnela_not_jaccard():
    # Kite tie (0, 1): N(0) = {1, 2, 3, 5}, N(1) = {0, 3, 4, 6}; one common neighbour (3),
    # k = 4 and 4: O = 1 / ((4 - 1) + (4 - 1) - 1) = 1/5 = 0.200. The Jaccard coefficient
    # of the same pair is 1/7 = 0.143 (networkx jaccard_coefficient, union of 7 nodes).
    G = nx.krackhardt_kite_graph()
    ties = tie_measures(G, strength=None)
    overlap = _row(ties, 0, 1)["overlap"]
    assert overlap == pytest.approx(0.2, abs=1e-12)
    jaccard = next(nx.jaccard_coefficient(G, [(0, 1)]))[2]
    assert jaccard == pytest.approx(1 / 7)
    assert not math.isclose(overlap, jaccard)
    assert _row(ties, 0, 1)["common_neighbours"] == 1


def test_overlap_by_hand(hand_graph):
    # Hand computation, k = number of neighbours, n = common neighbours:
    #   a-b: k 2, 2; n 1 (c) -> 1 / (1 + 1 - 1) = 1
    #   a-c, b-c: k 2, 4; n 1 -> 1 / (1 + 3 - 1) = 1/3
    #   c-d, c-f: k 4, 2; n 0 -> 0;  d-e, e-f: k 2, 3; n 0 -> 0;  e-g: k 3, 1 -> 0
    #   h-i: k 1, 1 -> denominator 0 -> NaN (isolated pair)
    ties = tie_measures(hand_graph, strength=None).set_index(["source", "target"])
    expected = {
        ("a", "b"): 1.0,
        ("a", "c"): 1 / 3,
        ("b", "c"): 1 / 3,
        ("c", "d"): 0.0,
        ("c", "f"): 0.0,
        ("d", "e"): 0.0,
        ("e", "f"): 0.0,
        ("e", "g"): 0.0,
    }
    for pair, value in expected.items():
        assert ties.loc[pair, "overlap"] == pytest.approx(value, abs=1e-12), pair
    assert math.isnan(ties.loc[("h", "i"), "overlap"])


def test_bridges_and_spans_by_hand(hand_graph):
    # Ties of the square have no common neighbour; without c-d the way round is
    # c-f-e-d (3 steps), likewise for c-f, d-e, e-f. e-g and h-i are bridges (span inf).
    # Triangle ties are not local bridges (span NaN, networkx convention).
    ties = tie_measures(hand_graph, strength=None)
    assert _local_bridges(ties) == [
        ("c", "d", 3.0),
        ("c", "f", 3.0),
        ("d", "e", 3.0),
        ("e", "f", 3.0),
        ("e", "g", INF),
        ("h", "i", INF),
    ]
    assert _bridges(ties) == [("e", "g"), ("h", "i")]
    assert ties.loc[~ties.local_bridge, "span"].isna().all()
    assert list(ties.columns) == [
        "source",
        "target",
        "bridge",
        "local_bridge",
        "span",
        "common_neighbours",
        "overlap",
    ]
    assert list(zip(ties.source, ties.target)) == sorted(zip(ties.source, ties.target))


@pytest.mark.published(
    "networkx 3.6.1: nx.local_bridges(nx.krackhardt_kite_graph(), with_span=True)"
)
def test_kite_local_bridges_match_networkx():
    # sorted(nx.local_bridges(nx.krackhardt_kite_graph(), with_span=True))
    #   -> [(7, 8, inf), (8, 9, inf)];  sorted(nx.bridges(...)) -> [(7, 8), (8, 9)]
    ties = tie_measures(nx.krackhardt_kite_graph(), strength=None)
    assert _local_bridges(ties) == [(7, 8, INF), (8, 9, INF)]
    assert _bridges(ties) == [(7, 8), (8, 9)]


@pytest.mark.published("networkx 3.6.1 local_bridges/bridges; R igraph 1.3.5 weak_ties_reference.R")
def test_dhhs_against_networkx_and_r(dhhs):
    # networkx: sorted(nx.local_bridges(G, with_span=True)) -> [(1, 2, inf), (4, 25, 3)],
    # sorted(nx.bridges(G)) -> [(1, 2)]; R (weak_ties_reference.R) prints the same and
    # "sum of overlap (defined): 170.14032002146664".
    ties = tie_measures(dhhs)
    assert len(ties) == 447
    assert _local_bridges(ties) == [(1, 2, INF), (4, 25, 3.0)]
    assert _bridges(ties) == [(1, 2)]
    assert ties.overlap.sum() == pytest.approx(170.14032002146664, abs=1e-9)


@pytest.mark.published("networkx 3.6.1 local_bridges/bridges; R igraph 1.3.5 weak_ties_reference.R")
def test_indiana_against_networkx_and_r(indiana):
    # networkx and R: no local bridges, no bridges in this dense coalition network.
    # R: "sum of overlap (defined): 78.563625145587721",
    #    "indiana overlap of tie 1-2: 0.69565217391304346" (= 16/23).
    ties = tie_measures(indiana)
    assert len(ties) == 161
    assert not ties.local_bridge.any() and not ties.bridge.any()
    assert ties.span.isna().all()
    assert ties.overlap.sum() == pytest.approx(78.563625145587721, abs=1e-9)
    assert _row(ties, 1, 2)["overlap"] == pytest.approx(0.69565217391304346, abs=1e-12)


@pytest.mark.published("networkx 3.6.1 local_bridges/bridges; R igraph 1.3.5 weak_ties_reference.R")
def test_directed_mt_st_helens(mt_st_helens):
    # Directed network analysed as its undirected version (95 ties from 123 arcs).
    # networkx on G.to_undirected(): local bridges [(11, 26, 3), (15, 24, inf),
    # (16, 27, inf)], bridges [(15, 24), (16, 27)]; 28 pairs have arcs both ways
    # (sum(G.has_edge(v, u) for u, v in G.edges) / 2). R: overlap sum 31.813876601031669.
    ties = tie_measures(mt_st_helens)
    assert len(ties) == 95
    assert _local_bridges(ties) == [(11, 26, 3.0), (15, 24, INF), (16, 27, INF)]
    assert _bridges(ties) == [(15, 24), (16, 27)]
    assert int(ties.reciprocated.sum()) == 28
    assert ties.overlap.sum() == pytest.approx(31.813876601031669, abs=1e-9)
    assert list(ties.columns[:3]) == ["source", "target", "reciprocated"]


@pytest.mark.parametrize(
    "G",
    [
        nx.cycle_graph(20),  # every span 19: exercises the per-tie searches
        nx.grid_2d_graph(6, 7),
        nx.petersen_graph(),
        nx.barbell_graph(4, 3),
        nx.random_regular_graph(3, 40, seed=1),
        nx.watts_strogatz_graph(60, 4, 0.2, seed=2),
        nx.gnm_random_graph(50, 70, seed=3),
        nx.les_miserables_graph(),
        nx.gnp_random_graph(30, 0.1, seed=4, directed=True),
    ],
    ids=["cycle", "grid", "petersen", "barbell", "regular3", "ws", "gnm", "lesmis", "digraph"],
)
def test_matches_networkx_on_graph_families(G):
    # Live run of the reference implementation (networkx local_bridges/bridges) and
    # the naive overlap formula on the same graph.
    _assert_matches_networkx(G)


@pytest.mark.parametrize(
    "tuning",
    [
        # every root over its work cap: per-tie searches only, in tiny batches
        {"_ROOT_WORK": -1, "_BATCH_ENTRIES": 64, "_BATCH_ENTRIES_MAX": 64},
        # some roots over the cap (roots whose first levels scan more than 12 entries)
        {"_ROOT_WORK": 12},
    ],
    ids=["per-tie-only", "mixed"],
)
def test_tuning_constants_do_not_change_results(monkeypatch, tuning):
    # Results must not depend on batch sizes or on which search settles a tie.
    calls = []
    searches = _span_search._spans_pairwise
    monkeypatch.setattr(
        _span_search, "_spans_pairwise", lambda *a: calls.append(len(a[3])) or searches(*a)
    )
    graphs = [
        nx.random_regular_graph(3, 40, seed=5),
        nx.random_regular_graph(3, 120, seed=6),  # spans 3-8: every search stage
        nx.grid_2d_graph(5, 6),
        nx.watts_strogatz_graph(80, 6, 0.1, seed=3),  # clustered: walks off by default
        nx.cycle_graph(7),
        nx.cycle_graph(8),
        nx.cycle_graph(9),
    ]
    expected = [tie_measures(G, strength=None) for G in graphs]
    for name, value in tuning.items():
        monkeypatch.setattr(_span_search, name, value)
    for G, want in zip(graphs, expected):
        pd.testing.assert_frame_equal(tie_measures(G, strength=None), want)
        _assert_matches_networkx(G)
    assert calls  # the per-tie searches really ran


@pytest.mark.parametrize("max_span", [2, 3, 5, 6, 7, 9])
def test_max_span_reports_longer_spans_as_one_more(monkeypatch, max_span):
    # Spans up to max_span are exact; a longer one is given as max_span + 1 (read
    # "longer"); bridges stay inf. The random 3-regular graph has spans 3-8 (every
    # stage of the search), the rings 7-9; also with every root over the cost cap.
    graphs = [nx.random_regular_graph(3, 120, seed=6), nx.cycle_graph(8), nx.cycle_graph(10)]
    graphs.append(nx.barbell_graph(5, 3))  # bridges
    for G in graphs:
        exact = tie_measures(G, strength=None)["span"]
        want = exact.where(~np.isfinite(exact) | (exact <= max_span), max_span + 1.0)
        got = tie_measures(G, strength=None, max_span=max_span)["span"]
        pd.testing.assert_series_equal(got, want)
        with monkeypatch.context() as mp:
            mp.setattr(_span_search, "_ROOT_WORK", -1)
            pd.testing.assert_series_equal(
                tie_measures(G, strength=None, max_span=max_span)["span"], want
            )


@pytest.mark.parametrize("length", [6, 7, 8, 9, 10])
def test_cycle_spans_by_hand(length):
    # In a cycle of `length` ties, removing one leaves a path of length - 1 steps
    # between its ends: span length - 1 for every tie (5 from the shared searches,
    # 6 and 7 from the far-end walks, 8 and 9 from the per-tie searches).
    ties = tie_measures(nx.cycle_graph(length), strength=None)
    assert ties.local_bridge.all() and not ties.bridge.any()
    assert (ties.span == length - 1).all()


def test_far_end_walks_skip_nodes_reached_only_through_the_tie():
    # Tie 0-1 closes an 8-cycle 0-10-11-12-13-14-15-1-0, so its span is 7 (by hand;
    # networkx 3.6.1 local_bridges agrees, checked below). Both ends also sit on a
    # 5-cycle (1-20-21-22-23, 0-30-31-32-33). From 0, node 22 is at depth 3 and
    # reached only through 1 (0-1-23-22); the walk 1-20-21-22 reaches it in 3 steps.
    # Counting it would close a "cycle" that uses the tie twice and report span 6.
    G = nx.Graph()
    nx.add_path(G, [0, 10, 11, 12, 13, 14, 15, 1])
    G.add_edge(0, 1)
    nx.add_cycle(G, [1, 20, 21, 22, 23])
    nx.add_cycle(G, [0, 30, 31, 32, 33])
    ties = tie_measures(G, strength=None)
    assert _row(ties, 0, 1)["span"] == 7.0
    assert _row(ties, 21, 22)["span"] == 4.0  # 5-cycle tie: the other 4 ties
    _assert_matches_networkx(G)


def test_self_loops_are_ignored():
    # A loop at 0 is not a tie: 0-1 in a 4-cycle stays a local bridge with span 3
    # (networkx would count 0 as its own neighbour and report no local bridge at 0).
    G = nx.cycle_graph(4)
    G.add_edge(0, 0, intensity=4)
    ties = tie_measures(G, strength=None)
    assert len(ties) == 4
    assert _row(ties, 0, 1)["span"] == 3.0
    assert tie_strength(G).shape[0] == 4


def test_mixed_node_types_and_isolates():
    G = nx.Graph()
    G.add_edge(1, "a")
    G.add_edge("a", "b")
    G.add_node("z")
    ties = tie_measures(G, strength=None)
    # sorted_nodes falls back to (type name, str): 1 (int) sorts before "a", "b" (str)
    assert list(zip(ties.source, ties.target)) == [(1, "a"), ("a", "b")]
    assert ties.bridge.all()


def test_empty_graph_has_all_columns():
    G = nx.Graph()
    G.add_nodes_from([(1, {"sector": "A"}), (2, {"sector": "B"})])
    ties = tie_measures(G, group="sector", strength="intensity")
    assert len(ties) == 0
    assert list(ties.columns) == [
        "source",
        "target",
        "bridge",
        "local_bridge",
        "span",
        "common_neighbours",
        "overlap",
        "strength",
        "strength_class",
        "cross_group",
    ]
    summary = weak_tie_summary(G)
    assert summary.n_ties == 0 and summary.direction == "undefined"
    assert math.isnan(summary.weak_share) and math.isnan(summary.correlation)


def test_input_graph_is_not_modified(dhhs):
    before = nx.to_dict_of_dicts(dhhs)
    nodes_before = dict(dhhs.nodes(data=True))
    tie_measures(dhhs, group="agency")
    weak_tie_summary(dhhs, group="agency")
    tie_strength(dhhs)
    assert nx.to_dict_of_dicts(dhhs) == before
    assert dict(dhhs.nodes(data=True)) == nodes_before


def test_progress_bar_does_not_change_results(capsys):
    G = nx.random_regular_graph(3, 30, seed=6)
    pd.testing.assert_frame_equal(
        tie_measures(G, strength=None, progress=True), tie_measures(G, strength=None)
    )


# ------------------------------------------------------------------ tie strength


def test_tie_strength_threshold_rule():
    # intensity 1-4 (awareness, cooperation, coordination, integration); >= 3 is strong
    G = nx.Graph()
    for k, value in enumerate([1, 2, 3, 4]):
        G.add_edge(k, k + 10, intensity=value)
    G.add_edge(20, 21)  # no intensity: unknown
    G.add_edge(22, 23, intensity=None)
    G.add_edge(24, 25, intensity=pd.NA)  # pandas' missing value, as read from a table
    out = tie_strength(G)
    assert list(out.strength_class) == ["weak", "weak", "strong", "strong"] + ["unknown"] * 3
    assert out.strength.iloc[:4].tolist() == [1.0, 2.0, 3.0, 4.0]
    assert out.strength.iloc[4:].isna().all()
    out = tie_strength(G, threshold=4, labels=("low", "high"))
    assert list(out.strength_class[:4]) == ["low", "low", "low", "high"]


def test_tie_strength_directed_keeps_arcs():
    G = nx.DiGraph()
    G.add_edge("b", "a", frequency=5)
    G.add_edge("a", "b", frequency=2)
    out = tie_strength(G, by="frequency", threshold=4)
    assert list(zip(out.source, out.target, out.strength_class)) == [
        ("a", "b", "weak"),
        ("b", "a", "strong"),
    ]


@pytest.mark.parametrize(("rule", "expected"), [("max", 4.0), ("min", 2.0), ("mean", 3.0)])
def test_reciprocal_rule_combines_two_arcs(rule, expected):
    G = nx.DiGraph()
    G.add_edge("a", "b", intensity=2)
    G.add_edge("b", "a", intensity=4)
    G.add_edge("b", "c", intensity=None)
    G.add_edge("c", "b", intensity=1)  # missing value ignored: 1
    ties = tie_measures(G, reciprocal=rule)
    assert _row(ties, "a", "b")["strength"] == expected
    assert _row(ties, "b", "c")["strength"] == 1.0
    assert ties.reciprocated.tolist() == [True, True]


def test_strength_columns_and_cross_group(dhhs):
    ties = tie_measures(dhhs, group="agency")
    assert set(ties.strength_class) <= {"weak", "strong"}
    assert ((ties.strength >= 3) == (ties.strength_class == "strong")).all()
    assert str(ties.cross_group.dtype) == "boolean"
    agency = nx.get_node_attributes(dhhs, "agency")
    expected = [agency[s] != agency[t] for s, t in zip(ties.source, ties.target)]
    assert ties.cross_group.tolist() == expected


def test_cross_group_with_a_missing_group_value():
    G = nx.path_graph(5)
    nx.set_node_attributes(G, {0: "A", 1: "A", 2: "B"}, "sector")  # 3 and 4 have none
    ties = tie_measures(G, group="sector", strength=None)
    # 3 and 4 are both in the explicit group "unknown": 2-3 crosses, 3-4 does not
    assert ties.cross_group.tolist() == [False, True, True, False]


# ---------------------------------------------------------------------- summary


@pytest.mark.parametrize(
    ("triangle", "bridge", "sign", "direction"),
    [(4, 1, 1, "positive"), (1, 4, -1, "negative")],
)
def test_correlation_sign_on_constructed_example(triangle, bridge, sign, direction):
    # Two triangles joined by one tie. Overlap: 1 for 0-1 and 4-5, 1/2 for the four
    # ties at 2 and 3, 0 for 2-3. Ranks of strength: 4.5 x6 and 1 (the bridge when it is
    # the weakest); ranks of overlap: 6.5 x2, 3.5 x4, 1. Deviations from the mean 4:
    # strength 0.5 x6, -3; overlap 2.5 x2, -0.5 x4, -3. Spearman r = 10.5 /
    # sqrt(10.5 * 22.5) = sqrt(7/15) = 0.683130..., negative when strengths are swapped.
    G = _two_triangles(triangle, bridge)
    summary = weak_tie_summary(G, group="sector")
    assert summary.correlation == pytest.approx(sign * math.sqrt(7 / 15), abs=1e-12)
    assert summary.direction == direction
    assert summary.interpretation.startswith(direction + ":")
    assert summary.n == 7 and summary.n_ties == 7
    assert summary.n_bridging == 1 and summary.n_cross_group == 1
    weak_bridge = 1.0 if bridge < 3 else 0.0
    assert summary.weak_share_bridging == weak_bridge
    assert summary.weak_share_cross_group == weak_bridge
    assert summary.weak_share == pytest.approx(1 / 7 if bridge < 3 else 6 / 7)


def test_interpretation_texts():
    positive = weak_tie_summary(_two_triangles(4, 1))
    assert "as Granovetter predicts" in positive.interpretation
    negative = weak_tie_summary(_two_triangles(1, 4))
    assert "contrary to Granovetter's prediction" in negative.interpretation
    # n = 7 ties: p > 0.05, so both say the result is not significant
    assert "not significant at the 5% level" in positive.interpretation


@pytest.mark.published("R 4.2.2 cor.test via tests/data/weak_ties_reference.R")
@pytest.mark.parametrize(
    ("fixture", "method", "r", "p", "n"),
    [
        # R: indiana_collaboration spearman r = 0.18326876529211489 p = 0.019962832058784991
        ("indiana", "spearman", 0.18326876529211489, 0.019962832058784991, 161),
        # R: indiana_collaboration pearson r = 0.16512185430315435 p = 0.036328897186322789
        ("indiana", "pearson", 0.16512185430315435, 0.036328897186322789, 161),
        # R: dhhs_collab spearman r = 0.26537091676655844 p = 1.2170086319935308e-08
        ("dhhs", "spearman", 0.26537091676655844, 1.2170086319935308e-08, 447),
        # R: dhhs_collab pearson r = 0.28379540776889323 p = 1.0002832057556405e-09
        ("dhhs", "pearson", 0.28379540776889323, 1.0002832057556405e-09, 447),
        # R: mtsthelens_strength_max (arcs combined by max) spearman
        #    r = 0.14425202278595187 p = 0.16310989721002622
        ("mt_st_helens", "spearman", 0.14425202278595187, 0.16310989721002622, 95),
    ],
)
def test_correlation_matches_r(request, fixture, method, r, p, n):
    G = request.getfixturevalue(fixture)
    summary = weak_tie_summary(G, method=method)
    assert summary.correlation == pytest.approx(r, abs=1e-9)
    assert summary.p_value == pytest.approx(p, rel=1e-9)
    assert summary.n == n
    assert summary.direction == "positive"
    assert summary.method == method


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 4), st.integers(0, 6)), min_size=3, max_size=40),
    st.sampled_from(["spearman", "pearson"]),
)
def test_correlation_matches_scipy(pairs, method):
    """Our correlation and p-value (computed without importing scipy.stats, which
    costs a second per run) equal scipy.stats.spearmanr / pearsonr."""
    from scipy import stats

    x, y = (np.array(v, dtype=float) for v in zip(*pairs))
    if np.ptp(x) == 0 or np.ptp(y) == 0:
        return
    r, p = weak_ties._correlation(x, y, method)
    expected = (stats.spearmanr if method == "spearman" else stats.pearsonr)(x, y)
    assert r == pytest.approx(expected.statistic, abs=1e-12)
    assert p == pytest.approx(expected.pvalue, rel=1e-9, abs=1e-7)  # |r| = 1 - 2e-16 at n = 3


def test_weak_shares_on_dhhs(dhhs):
    # Hand count from the data: 447 ties, collab 1: 163, 2: 111 (weak, < 3), 3: 94,
    # 4: 79 (strong) -> weak share 274 / 447. Bridging ties: 1-2 (collab 1, weak) and
    # 4-25 (collab 2, weak) -> 1.0.
    summary = weak_tie_summary(dhhs, group="agency")
    assert summary.n_ties == 447 and summary.n_classified == 447
    assert summary.weak_share == pytest.approx(274 / 447, abs=1e-12)
    assert summary.n_bridging == 2
    assert summary.weak_share_bridging == 1.0
    ties = tie_measures(dhhs, group="agency")
    cross = ties[ties.cross_group.to_numpy(dtype=bool)]
    assert summary.n_cross_group == len(cross)
    assert summary.weak_share_cross_group == pytest.approx((cross.strength < 3).mean(), abs=1e-12)
    assert dataclasses.asdict(summary)["n_ties"] == 447
    assert isinstance(summary, WeakTieSummary)


def test_correlation_undefined_without_variation():
    G = nx.krackhardt_kite_graph()
    nx.set_edge_attributes(G, 3, "intensity")
    summary = weak_tie_summary(G)
    assert summary.direction == "undefined"
    assert math.isnan(summary.correlation) and math.isnan(summary.p_value)
    assert summary.interpretation.startswith("undefined:")
    assert math.isnan(summary.weak_share_cross_group) and summary.n_cross_group == 0


# ------------------------------------------------------------------------ errors


def test_errors():
    G = nx.path_graph(3)
    with pytest.raises(GraphTypeError):
        tie_strength([(0, 1)])
    with pytest.raises(ParameterError, match="threshold"):
        tie_strength(G, threshold="3")
    with pytest.raises(ParameterError, match="threshold"):
        tie_measures(G, threshold=float("nan"))
    with pytest.raises(ParameterError, match="labels"):
        tie_strength(G, labels=("weak", "unknown"))
    with pytest.raises(ParameterError, match="labels"):
        tie_strength(G, labels=("same", "same"))
    with pytest.raises(ParameterError, match="reciprocal"):
        tie_measures(G, reciprocal="sum")
    with pytest.raises(ParameterError, match="method"):
        weak_tie_summary(G, method="kendall")
    with pytest.raises(ParameterError, match="no tie has 'intensity' or 'weight'"):
        weak_tie_summary(G)
    with pytest.raises(ParameterError, match="strength"):
        tie_measures(G, strength=3)
    G.add_edge(0, 1, intensity="strong")
    with pytest.raises(ParameterError, match=r"tie \(0, 1\) has intensity='strong'"):
        tie_measures(G)
    G.add_edge(0, 1, intensity=True)
    with pytest.raises(ParameterError, match="expected a number"):
        tie_strength(G)
    H = nx.path_graph(3)
    nx.set_node_attributes(H, {0: ["x"], 1: ["y"], 2: ["z"]}, "sector")
    with pytest.raises(ParameterError, match="hashable"):
        tie_measures(H, group="sector", strength=None)


# -------------------------------------------------------------------- properties


def graphs(max_nodes: int = 14):
    """Undirected networks of up to `max_nodes` actors and about 3 ties per actor at most."""
    return strategies.graphs(
        max_nodes=max_nodes, directed=False, distinct=False, max_ties=lambda n: 3 * n
    )


@settings(max_examples=50, deadline=None)
@given(graphs())
def test_property_matches_networkx(G):
    _assert_matches_networkx(G)


def sparse_graphs(max_nodes: int = 40):
    """Sparse graphs (about 1-1.5 ties per actor): long spans, all search stages."""
    return strategies.graphs(
        min_nodes=6,
        max_nodes=max_nodes,
        directed=False,
        distinct=False,
        min_ties=lambda n: n,
        max_ties=lambda n: 3 * n // 2,
    )


@settings(max_examples=50, deadline=None)
@given(sparse_graphs())
def test_property_long_spans_match_networkx(G):
    _assert_matches_networkx(G)


@settings(max_examples=50, deadline=None)
@given(graphs())
def test_property_overlap_between_zero_and_one(G):
    overlap = tie_measures(G, strength=None).overlap.dropna()
    assert ((overlap >= 0) & (overlap <= 1)).all()


@settings(max_examples=50, deadline=None)
@given(graphs(), st.randoms(use_true_random=False))
def test_property_relabelling_permutes_rows_only(G, rnd):
    nodes = list(G)
    shuffled = nodes[:]
    rnd.shuffle(shuffled)
    mapping = dict(zip(nodes, shuffled))
    H = nx.relabel_nodes(G, mapping)
    got = tie_measures(H, strength=None)
    base = tie_measures(G, strength=None)
    back = {v: k for k, v in mapping.items()}
    rows = {}
    for row in got.itertuples(index=False):
        s, t = sorted((back[row.source], back[row.target]))
        rows[(s, t)] = (row.bridge, row.local_bridge, row.span, row.common_neighbours, row.overlap)
    for row in base.itertuples(index=False):
        want = (row.bridge, row.local_bridge, row.span, row.common_neighbours, row.overlap)
        have = rows[(row.source, row.target)]
        assert have[:2] == want[:2] and have[3] == want[3]
        for a, b in ((have[2], want[2]), (have[4], want[4])):
            assert (math.isnan(a) and math.isnan(b)) or a == b


@settings(max_examples=50, deadline=None)
@given(graphs())
def test_property_adding_an_isolate_changes_nothing(G):
    H = G.copy()
    H.add_node(10_000)  # a new actor with no ties
    pd.testing.assert_frame_equal(tie_measures(H, strength=None), tie_measures(G, strength=None))


def test_overlap_is_symmetric_in_arc_direction():
    # Reversing every arc of a digraph leaves the undirected view, hence every
    # structural column, unchanged.
    G = nx.gnp_random_graph(25, 0.12, seed=7, directed=True)
    a = tie_measures(G, strength=None)
    b = tie_measures(G.reverse(copy=True), strength=None)
    pd.testing.assert_frame_equal(a, b)
    assert np.isfinite(a.overlap.dropna()).all()


def test_strength_auto_reads_intensity_else_weight_else_none():
    """strength="auto" (the default): a survey's intensity, else weight, else no strength;
    the output says which. Classes by hand: threshold 3, so 4 and 5 strong, 1 weak."""
    survey = nx.Graph(
        [(1, 2, {"intensity": 4, "weight": 1}), (2, 3, {"intensity": 1, "weight": 5})]
    )
    ties = tie_measures(survey)
    assert ties.attrs["strength"] == "intensity"
    assert ties["strength_class"].tolist() == ["strong", "weak"]
    counts = nx.Graph([(1, 2, {"weight": 1}), (2, 3, {"weight": 5})])  # e.g. parallel ties counted
    ties = tie_measures(counts)
    assert ties.attrs["strength"] == "weight"
    assert ties["strength_class"].tolist() == ["weak", "strong"]
    assert weak_tie_summary(counts).strength == "weight"
    plain = tie_measures(nx.path_graph(3))
    assert plain.attrs["strength"] is None and "strength_class" not in plain
    assert tie_measures(survey, strength="weight").attrs["strength"] == "weight"
