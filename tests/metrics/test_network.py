"""Tests for sysmap.metrics.network.

Reference values marked "R sna" / "R igraph" were computed once with
``Rscript tests/data/sna_centrality_reference.R`` (R 4.2.2, sna 2.7-1, R igraph
1.3.5, Debian bookworm packages) and are hard-coded here; the R script shows
the exact calls. Live comparisons call networkx 3.6.
"""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
import sysmap_test_strategies as strategies
from hypothesis import given, settings
from hypothesis import strategies as st

from sysmap.exceptions import GraphTypeError, MissingAttributeError, ParameterError
from sysmap.metrics.network import (
    SUMMARY_METRICS,
    centralization,
    density,
    group_summary,
    network_summary,
)

DATA = Path(__file__).resolve().parents[1] / "data"


def _load(dataset: str, edges: str, directed: bool) -> nx.Graph:
    nodes = pd.read_csv(DATA / dataset / "nodes.csv")
    ties = pd.read_csv(DATA / dataset / edges)
    G = nx.DiGraph() if directed else nx.Graph()
    for row in nodes.to_dict("records"):
        G.add_node(row.pop("id"), **row)
    G.add_edges_from(zip(ties["source"].tolist(), ties["target"].tolist()))
    return G


@pytest.fixture
def knoke() -> nx.DiGraph:
    """Knoke information network: 10 organisations, 49 arcs, node attribute ``sector``."""
    return _load("knoke_bureaucracies", "edges_information.csv", directed=True)


@pytest.fixture
def padgett() -> nx.Graph:
    """Padgett marriage network: 16 families, 20 edges, Pucci (12) isolated."""
    return _load("padgett_florentine", "edges_marriage.csv", directed=False)


@pytest.fixture
def krackhardt() -> nx.DiGraph:
    """Krackhardt high-tech advice network: 21 managers, 190 arcs."""
    return _load("krackhardt_hightech", "edges_advice.csv", directed=True)


def _with_status(G: nx.Graph, nonrespondents) -> nx.Graph:
    H = G.copy()
    nx.set_node_attributes(
        H, {v: "did_not_respond" if v in nonrespondents else "responded" for v in H}, "status"
    )
    return H


# ---------------------------------------------------------------------------
# density
# ---------------------------------------------------------------------------

# (fixture, non-respondents, gden(M, mode), gden(M with those rows NA, mode)) from R sna 2.7-1
DENSITY_CASES = [
    ("knoke", [3, 7], 0.5444444444444444, 0.55555555555555558),
    ("padgett", [9, 12], 0.16666666666666666, 0.16190476190476191),
    ("krackhardt", [1, 2, 3], 0.45238095238095238, 0.46111111111111114),
]


@pytest.mark.published("R sna 2.7-1: gden(M, mode=...) and gden(M with non-respondent rows NA)")
@pytest.mark.parametrize(("fixture", "nonresp", "full", "observed"), DENSITY_CASES)
def test_density_matches_sna_gden(request, fixture, nonresp, full, observed):
    G = _with_status(request.getfixturevalue(fixture), nonresp)
    assert density(G) == pytest.approx(full, abs=1e-9)
    assert density(G, observed_only=True) == pytest.approx(observed, abs=1e-9)


def test_density_observed_by_hand(knoke):
    # Knoke, rows 3 (EDUC) and 7 (NEWS) missing: 49 arcs - out(3)=6 - out(7)=3 = 40 observed
    # arcs over 8 observed rows x 9 cells = 72 -> 40/72 (= sna's 0.5555...).
    G = _with_status(knoke, [3, 7])
    assert density(G, observed_only=True) == pytest.approx(40 / 72, abs=1e-15)
    # not_on_roster / not_surveyed rows are unobserved too.
    G.nodes[1]["status"] = "not_on_roster"  # out(1) = 4
    assert density(G, observed_only=True) == pytest.approx(36 / 63, abs=1e-15)


def test_density_undirected_and_weighted_by_hand():
    # Path a-b-c: 2 ties of 3 possible -> 2/3; weights 1.5 and 0.5 -> 2/3 too; 3 and 1 -> 4/3.
    G = nx.Graph()
    G.add_edge("a", "b", w=3.0)
    G.add_edge("b", "c", w=1.0)
    G.add_edge("c", "c", w=9.0)  # self-loop ignored (sna diag=FALSE)
    assert density(G) == pytest.approx(2 / 3, abs=1e-15)
    assert density(G, weight="w") == pytest.approx(4 / 3, abs=1e-15)
    D = nx.DiGraph(G)  # both directions of each tie: 4 arcs of 6
    assert density(D) == pytest.approx(4 / 6, abs=1e-15)


def test_density_degenerate_and_errors(knoke):
    assert math.isnan(density(nx.Graph()))
    one = nx.DiGraph()
    one.add_node(0)
    assert math.isnan(density(one))
    with pytest.raises(MissingAttributeError, match="status"):
        density(knoke, observed_only=True)
    nobody = _with_status(knoke, list(knoke))
    assert math.isnan(density(nobody, observed_only=True))
    with pytest.raises(GraphTypeError):
        density(knoke.edges)


# ---------------------------------------------------------------------------
# centralization
# ---------------------------------------------------------------------------

# (fixture, degree, betweenness, degree raw, betweenness raw) from R sna 2.7-1:
# centralization(M, sna::degree, mode=m), centralization(M, sna::betweenness, mode=m),
# and the same with normalize=FALSE.
CENTRALIZATION_CASES = [
    ("knoke", 0.43055555555555558, 0.20113168724279831, 62.0, 130.33333333333331),
    ("padgett", 0.26666666666666666, 0.3834920634920635, 56.0, 604.0),
    ("krackhardt", 0.38421052631578945, 0.21029605263157899, 292.0, 1598.2500000000005),
]


@pytest.mark.published("R sna 2.7-1: centralization(M, sna::degree / sna::betweenness, mode=...)")
@pytest.mark.parametrize(("fixture", "deg", "bet", "deg_raw", "bet_raw"), CENTRALIZATION_CASES)
def test_centralization_matches_sna(request, fixture, deg, bet, deg_raw, bet_raw):
    G = request.getfixturevalue(fixture)
    assert centralization(G) == pytest.approx(deg, abs=1e-9)
    assert centralization(G, "betweenness") == pytest.approx(bet, abs=1e-9)
    assert centralization(G, "degree", normalized=False) == pytest.approx(deg_raw, abs=1e-9)
    assert centralization(G, "betweenness", normalized=False) == pytest.approx(bet_raw, abs=1e-9)


def test_centralization_krackhardt_theoretical_maximum_by_hand(krackhardt):
    # sna degree(tmaxdev=TRUE), digraph freeman: (n-1)(2(n-1)-2) = 20 * 38 = 760; 292/760.
    assert centralization(krackhardt) == pytest.approx(292 / 760, abs=1e-15)
    # betweenness, digraph: (n-1)^2 (n-2) = 400 * 19 = 7600.
    raw = centralization(krackhardt, "betweenness", normalized=False)
    assert centralization(krackhardt, "betweenness") == pytest.approx(raw / 7600, abs=1e-15)


@pytest.mark.parametrize("n", [3, 4, 7])
def test_star_has_centralization_one(n):
    # Freeman (1979): the star is the most centralized graph, for degree and betweenness.
    star = nx.star_graph(n - 1)
    assert centralization(star) == pytest.approx(1.0, abs=1e-15)
    assert centralization(star, "betweenness") == pytest.approx(1.0, abs=1e-15)
    mutual = nx.DiGraph(star)  # every tie both ways
    assert centralization(mutual) == pytest.approx(1.0, abs=1e-15)
    assert centralization(mutual, "betweenness") == pytest.approx(1.0, abs=1e-15)


def test_one_way_star_and_regular_graphs_by_hand():
    # Directed out-star on 6 nodes: centre in+out = 5, leaves 1; sum 5 * 4 = 20 over
    # sna's maximum 2 * 5 * 4 = 40 -> 0.5. No two-paths, so betweenness centralization 0.
    out_star = nx.DiGraph([(0, k) for k in range(1, 6)])
    assert centralization(out_star) == pytest.approx(0.5, abs=1e-15)
    assert centralization(out_star, "betweenness") == 0.0
    # Cycles are regular: every actor equal -> 0.
    assert centralization(nx.cycle_graph(6)) == 0.0
    assert centralization(nx.cycle_graph(6), "betweenness") == 0.0


def test_centralization_degenerate_and_errors():
    assert math.isnan(centralization(nx.Graph()))
    assert math.isnan(centralization(nx.Graph([(0, 1)])))  # max (n-1)(n-2) = 0: NaN as sna
    assert centralization(nx.Graph([(0, 1)]), normalized=False) == 0.0
    with pytest.raises(ParameterError, match="measure"):
        centralization(nx.star_graph(3), "closeness")
    with pytest.raises(ParameterError, match="sample"):
        centralization(nx.star_graph(3), "degree", sample=2)


def test_centralization_betweenness_sample_all_sources_is_exact(krackhardt):
    exact = centralization(krackhardt, "betweenness")
    assert centralization(krackhardt, "betweenness", sample=21, seed=0) == pytest.approx(
        exact, abs=1e-12
    )


# ---------------------------------------------------------------------------
# network_summary
# ---------------------------------------------------------------------------

# R sna 2.7-1 / R igraph 1.3.5 values (see R script): grecip(M, "edgewise"),
# components(M, connected="weak"/"strong"), connectedness(M), mean_distance(g,
# unconnected=TRUE), gtrans(M, mode, "weak"), and the centralizations above.
# fmt: off
SUMMARY_CASES = {
    "knoke": {
        "n_actors": 10, "n_ties": 49, "density": 0.5444444444444444,
        "reciprocity": 0.69387755102040816, "components": 1, "strong_components": 1,
        "connectedness": 1.0, "average_distance": 1.5333333333333334,
        "transitivity": 0.67281105990783407, "degree_centralization": 0.43055555555555558,
        "betweenness_centralization": 0.20113168724279831,
    },
    "padgett": {
        "n_actors": 16, "n_ties": 20, "density": 0.16666666666666666, "reciprocity": math.nan,
        "components": 2, "strong_components": math.nan, "connectedness": 0.875,
        "average_distance": 2.4857142857142858, "transitivity": 0.19148936170212766,
        "degree_centralization": 0.26666666666666666,
        "betweenness_centralization": 0.3834920634920635,
    },
    "krackhardt": {
        "n_actors": 21, "n_ties": 190, "density": 0.45238095238095238,
        "reciprocity": 0.47368421052631576, "components": 1, "strong_components": 1,
        "connectedness": 1.0, "average_distance": 1.6404761904761904,
        "transitivity": 0.66397849462365588, "degree_centralization": 0.38421052631578945,
        "betweenness_centralization": 0.21029605263157899,
    },
}
# fmt: on


@pytest.mark.published("R sna 2.7-1 / R igraph 1.3.5 on Knoke, Padgett, Krackhardt (see R script)")
@pytest.mark.parametrize("fixture", sorted(SUMMARY_CASES))
def test_network_summary_matches_r(request, fixture):
    got = network_summary(request.getfixturevalue(fixture))
    assert isinstance(got, pd.Series)
    assert got.index.tolist() == list(SUMMARY_METRICS)
    assert got.index.name == "metric" and got.name == "value"
    for metric, expected in SUMMARY_CASES[fixture].items():
        if math.isnan(expected):
            assert math.isnan(got[metric]), metric
        else:
            assert got[metric] == pytest.approx(expected, abs=1e-9), metric
    # no status / trust / value attributes on these graphs
    assert got[["response_rate", "trust", "value"]].isna().all()


def test_network_summary_survey_fields_by_hand():
    # 5 actors: 3 responded, 1 did_not_respond, 1 not_on_roster -> response rate 3/4.
    # trust on 2 of 3 ties: (2 + 4)/2 = 3; value on 1 tie: 1.5; self-loop ignored.
    G = nx.DiGraph()
    statuses = ["responded", "responded", "responded", "did_not_respond", "not_on_roster"]
    for i, s in enumerate(statuses):
        G.add_node(i, status=s)
    G.add_edge(0, 1, trust=2, value=1.5)
    G.add_edge(1, 2, trust=4.0)
    G.add_edge(2, 3)
    G.add_edge(3, 3, trust=100.0, value=100.0)
    got = network_summary(G)
    assert got["response_rate"] == pytest.approx(0.75, abs=1e-15)
    assert got["trust"] == pytest.approx(3.0, abs=1e-15)
    assert got["value"] == pytest.approx(1.5, abs=1e-15)
    assert got["n_ties"] == 3
    assert got["reciprocity"] == 0.0
    # sna gtrans weak: two-paths 0->1->2 and 1->2->3, neither closed -> 0/2
    assert got["transitivity"] == 0.0
    # add 0->2: two-paths 0->1->2 (closed by 0->2), 1->2->3, 0->2->3 -> 1/3
    G.add_edge(0, 2)
    assert network_summary(G)["transitivity"] == pytest.approx(1 / 3, abs=1e-15)


def test_network_summary_trust_not_numeric_raises():
    G = nx.Graph()
    G.add_edge(0, 1, trust="high")
    with pytest.raises(ParameterError, match="trust"):
        network_summary(G)


def _naive_gtrans(G: nx.DiGraph) -> float:
    """sna::gtrans(measure="weak") written out: sum(A * A2) / sum(A2) off the diagonal."""
    A = nx.to_numpy_array(G, nodelist=sorted(G))
    np.fill_diagonal(A, 0)
    A2 = A @ A
    off = ~np.eye(len(A), dtype=bool)
    den = A2[off].sum()
    return float((A * A2)[off].sum() / den) if den else math.nan


@pytest.mark.parametrize("seed", range(4))
def test_directed_transitivity_matches_sna_formula(seed):
    G = nx.gnm_random_graph(40, 300, seed=seed, directed=True)
    assert network_summary(G)["transitivity"] == pytest.approx(_naive_gtrans(G), abs=1e-12)


def test_summary_matches_networkx_live():
    # networkx 3.6: overall_reciprocity, transitivity, components, average_shortest_path_length.
    D = nx.gnm_random_graph(60, 400, seed=3, directed=True)
    got = network_summary(D)
    assert got["reciprocity"] == pytest.approx(nx.overall_reciprocity(D), abs=1e-12)
    assert got["components"] == nx.number_weakly_connected_components(D)
    assert got["strong_components"] == nx.number_strongly_connected_components(D)
    U = nx.gnm_random_graph(60, 150, seed=3)
    U.remove_nodes_from([v for v in U if U.degree(v) == 0])
    U.add_edges_from([(100, 101), (101, 102)])  # a second component
    got = network_summary(U)
    assert got["transitivity"] == pytest.approx(nx.transitivity(U), abs=1e-12)
    # mean over connected pairs, by components: sum of d over pairs / number of pairs
    total, pairs = 0.0, 0
    for comp in nx.connected_components(U):
        k = len(comp)
        if k > 1:
            total += nx.average_shortest_path_length(U.subgraph(comp)) * k * (k - 1)
            pairs += k * (k - 1)
    assert got["average_distance"] == pytest.approx(total / pairs, abs=1e-12)
    sizes = [len(c) for c in nx.connected_components(U)]
    n = U.number_of_nodes()
    assert got["connectedness"] == pytest.approx(
        sum(s * (s - 1) for s in sizes) / (n * (n - 1)), abs=1e-15
    )


def test_group_summary(knoke):
    got = group_summary(knoke, "sector")
    assert isinstance(got, pd.DataFrame)
    assert got.index.name == "sector" and got.index.tolist() == ["GOV", "PVT", "VOL"]
    assert list(got.columns) == list(SUMMARY_METRICS)
    # From nodes.csv: GOV = 1, 3, 5, 9; PVT = 4, 7; VOL = 2, 6, 8, 10.
    assert got["n_actors"].tolist() == [4, 2, 4]
    ties = pd.read_csv(DATA / "knoke_bureaucracies" / "edges_information.csv")
    sector = pd.read_csv(DATA / "knoke_bureaucracies" / "nodes.csv").set_index("id")["sector"]
    inside = ties[sector.loc[ties["source"]].to_numpy() == sector.loc[ties["target"]].to_numpy()]
    counts = inside["source"].map(sector).value_counts()
    assert got["n_ties"].tolist() == [counts.get(g, 0) for g in ["GOV", "PVT", "VOL"]]
    members = {g: [v for v in knoke if knoke.nodes[v]["sector"] == g] for g in got.index}
    for g in got.index:
        alone = network_summary(knoke.subgraph(members[g]))
        pd.testing.assert_series_equal(got.loc[g], alone, check_names=False)
    with pytest.raises(MissingAttributeError, match="region"):
        group_summary(knoke, "region")
    H = knoke.copy()
    H.nodes[4]["sector"] = float("nan")  # as read from a blank spreadsheet cell
    by_group = group_summary(H, "sector")
    assert by_group.index[-1] == "unknown"  # the explicit group comes last
    assert by_group.loc["unknown", "n_actors"] == 1
    assert by_group["n_actors"].sum() == knoke.number_of_nodes()


def test_network_summary_sample(krackhardt):
    exact = network_summary(krackhardt)
    full = network_summary(krackhardt, sample=21, seed=0)
    pd.testing.assert_series_equal(exact, full, check_exact=False, atol=1e-12, rtol=0)
    a = network_summary(krackhardt, sample=5, seed=1)
    b = network_summary(krackhardt, sample=5, seed=1)
    pd.testing.assert_series_equal(a, b)
    # only the two sampled metrics may differ from the exact summary
    same = exact.drop(["average_distance", "betweenness_centralization"])
    pd.testing.assert_series_equal(a.loc[same.index], same)
    assert 1.0 <= a["average_distance"] <= 3.0
    with pytest.raises(ParameterError, match="sample"):
        network_summary(krackhardt, sample=0)


def test_network_summary_degenerate_graphs():
    empty = network_summary(nx.Graph())
    assert empty["n_actors"] == 0 and empty["components"] == 0
    assert empty["connectedness"] == 1.0  # sna: n <= 1 -> 1
    assert (
        empty[["density", "average_distance", "transitivity", "degree_centralization"]].isna().all()
    )
    isolates = nx.DiGraph()
    isolates.add_nodes_from(range(3))
    got = network_summary(isolates)
    assert got["density"] == 0.0 and got["connectedness"] == 0.0
    assert math.isnan(got["reciprocity"]) and math.isnan(got["average_distance"])
    assert got["components"] == 3 and got["strong_components"] == 3


def test_network_summary_does_not_mutate(knoke):
    before = (nx.to_dict_of_dicts(knoke), dict(knoke.nodes(data=True)))
    group_summary(knoke, "sector", sample=3, seed=0)
    density(_with_status(knoke, [1]), observed_only=True)
    assert (nx.to_dict_of_dicts(knoke), dict(knoke.nodes(data=True))) == before


# ---------------------------------------------------------------------------
# properties
# ---------------------------------------------------------------------------


def small_graphs():
    """Networks of up to 10 actors (none included), directed or not."""
    return strategies.graphs(min_nodes=0, max_nodes=10)


@settings(max_examples=50, deadline=None)
@given(G=small_graphs(), data=st.data())
def test_summary_is_invariant_under_relabelling(G, data):
    perm = data.draw(st.permutations(list(G.nodes)))
    H = nx.relabel_nodes(G, {v: f"x{perm[i]}" for i, v in enumerate(G.nodes)})
    pd.testing.assert_series_equal(
        network_summary(G), network_summary(H), check_exact=False, atol=1e-12, rtol=0
    )


@settings(max_examples=50, deadline=None)
@given(G=small_graphs())
def test_summary_bounds_and_networkx_agreement(G):
    s = network_summary(G)
    n = G.number_of_nodes()
    if n >= 2:
        # networkx 3.6 nx.density uses the same formulas
        assert s["density"] == pytest.approx(nx.density(G), abs=1e-12)
        assert 0.0 <= s["density"] <= 1.0
    for metric in (
        "connectedness",
        "degree_centralization",
        "betweenness_centralization",
        "transitivity",
        "reciprocity",
    ):
        if not math.isnan(s[metric]):
            assert -1e-12 <= s[metric] <= 1.0 + 1e-12, metric
    if G.is_directed() and n >= 3:
        assert s["transitivity"] == pytest.approx(_naive_gtrans(G), abs=1e-12, nan_ok=True)
