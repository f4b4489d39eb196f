"""Tests for sysmap.metrics.structural_holes (Burt's constraint, effective size, ...).

Where the numbers come from
---------------------------
* Borgatti (1997) example graph and the small directed graph ``D``: values from
  networkx 3.6.1 ``networkx/algorithms/tests/test_structuralholes.py``, which
  records them as "computed using UCINET and igraph, then by hand"; the
  unweighted effective sizes are also re-derived by hand (Borgatti's ``n - 2t/n``)
  in the comments.
* Live comparisons (tolerance 1e-12): python-igraph 1.0.0
  ``Graph.constraint(weights=...)``; networkx 3.6.1 ``nx.constraint(G, weight=w)``
  (vectorised, all nodes) and the per-node paths ``nx.constraint(G, nodes=...)``,
  ``nx.effective_size(G, nodes=..., weight=w)``. networkx's per-node paths give NaN
  to actors with only incoming ties (they test ``G[v]``, the successors), so those
  actors are compared with igraph and the naive reference only.
* ``naive``: Burt's formulas written out literally (a double loop over each
  actor's contacts; for the ego model, sums and maxima restricted to the ego
  network), the reference for the ego model and for hierarchy, which neither
  igraph nor networkx implement.
* Small graphs: hand computations shown in the comments.
"""

from __future__ import annotations

import math
from pathlib import Path

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest
import sysmap_test_strategies as strategies
from hypothesis import given, settings
from hypothesis import strategies as st

import sysmap.metrics.structural_holes as sh_module
from sysmap._graph import sorted_nodes
from sysmap.exceptions import GraphTypeError, ParameterError
from sysmap.metrics.structural_holes import (
    constraint,
    effective_size,
    efficiency,
    hierarchy,
    structural_hole_measures,
)

DATA = Path(__file__).resolve().parents[1] / "data"
COLS = ["constraint", "effective_size", "efficiency", "hierarchy"]
TOL = 1e-12
EMON_SITES = ["Cheyenne", "HurrFrederic", "LakePomona", "MtSi", "MtStHelens", "Texas", "Wichita"]


# --------------------------------------------------------------------------- reference


def _mutual(G: nx.Graph, weight: str | None) -> dict:
    """z[u][v] = a_uv + a_vu (directed) or a_uv (undirected); self-loops and zeros dropped."""
    z: dict = {u: {} for u in G}
    for u, v, d in G.edges(data=True):
        if u == v:
            continue
        w = 1.0 if weight is None else float(d.get(weight, 1))
        if G.is_directed():
            z[u][v] = z[u].get(v, 0.0) + w
            z[v][u] = z[v].get(u, 0.0) + w
        else:
            z[u][v] = z[v][u] = w
    return {u: {v: w for v, w in nb.items() if w > 0} for u, nb in z.items()}


def naive(G: nx.Graph, weight: str | None = None, model: str = "whole") -> pd.DataFrame:
    """Burt's four measures, formula by formula (slow reference).

    Whole model: every sum and maximum runs over the actor's contacts in G. Ego
    model: over its contacts inside ego's network (ego + ego's contacts).
    """
    Z = _mutual(G, weight)
    rows = {}
    for i in G:
        N = set(Z[i])
        if not N:
            rows[i] = [math.nan] * 4
            continue
        inside = N | {i}

        def z(u, v):
            return Z[u].get(v, 0.0)

        def ties(u):
            return [w for v, w in Z[u].items() if model == "whole" or v in inside]

        s = {u: sum(ties(u)) for u in inside}
        top = {u: max(ties(u)) for u in inside}

        def p(u, v):
            return z(u, v) / s[u]

        dyadic = {j: (p(i, j) + sum(p(i, q) * p(q, j) for q in N if q != j)) ** 2 for j in N}
        C = sum(dyadic.values())
        es = sum(1 - sum(p(i, q) * z(j, q) / top[j] for q in N if q != j) for j in N)
        n = len(N)
        if n > 1:
            r = [dyadic[j] / (C / n) for j in N]
            h = max(sum(x * math.log(x) for x in r) / (n * math.log(n)), 0.0)
        else:
            h = math.nan
        rows[i] = [C, es, es / n, h]
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=COLS)
    frame.index.name = "actor"
    return frame.loc[sorted_nodes(frame.index)]


def assert_frame_close(got: pd.DataFrame, want: pd.DataFrame, tol: float = TOL) -> None:
    assert list(got.index) == list(want.index)
    assert list(got.columns) == list(want.columns)
    np.testing.assert_allclose(got.to_numpy(float), want.to_numpy(float), rtol=tol, atol=tol)


# --------------------------------------------------------------------------- fixtures


def _read(edges: Path, nodes: Path, directed: bool, weight_col: str | None = None) -> nx.Graph:
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(pd.read_csv(nodes)["id"].tolist())
    for row in pd.read_csv(edges).itertuples(index=False):
        attrs = {"weight": float(getattr(row, weight_col))} if weight_col else {}
        G.add_edge(int(row.source), int(row.target), **attrs)
    return G


def knoke(relation: str) -> nx.DiGraph:
    d = DATA / "knoke_bureaucracies"
    return _read(d / f"edges_{relation}.csv", d / "nodes.csv", True)


def krackhardt(relation: str) -> nx.DiGraph:
    d = DATA / "krackhardt_hightech"
    return _read(d / f"edges_{relation}.csv", d / "nodes.csv", True)


def emon(site: str) -> nx.DiGraph:
    d = DATA / "emon_drabek"
    return _read(d / f"edges_{site}.csv", d / f"nodes_{site}.csv", True, "strength")


def karate() -> nx.Graph:
    d = DATA / "zachary_karate"
    return _read(d / "edges.csv", d / "nodes.csv", False)


def borgatti(weighted: bool = False) -> nx.Graph:
    """Borgatti (1997) example, as in networkx's test_structuralholes.py."""
    weights = {
        ("A", "B"): 2, ("A", "F"): 3, ("A", "G"): 5, ("A", "E"): 2, ("E", "G"): 8,
        ("F", "G"): 3, ("B", "G"): 4, ("B", "D"): 1, ("D", "G"): 3, ("G", "C"): 10,
    }  # fmt: skip
    G = nx.Graph()
    for (u, v), w in weights.items():
        G.add_edge(u, v, **({"weight": w} if weighted else {}))
    return G


def small_directed(weighted: bool = False) -> nx.DiGraph:
    """networkx's test graph D: 0->1, 0->2, 1->0, 2->1 (weights 2, 2, 1, 1)."""
    D = nx.DiGraph()
    for (u, v), w in {(0, 1): 2, (0, 2): 2, (1, 0): 1, (2, 1): 1}.items():
        D.add_edge(u, v, **({"weight": w} if weighted else {}))
    return D


def four_node_trap() -> nx.Graph:
    """Weighted graph where networkx's vectorised effective_size is wrong (2.5)."""
    G = nx.Graph()
    G.add_weighted_edges_from([(0, 1, 5), (0, 2, 2), (0, 3, 1), (1, 2, 1), (1, 3, 1)])
    return G


def ego_example(weighted: bool) -> nx.Graph:
    """0-1, 0-2, 1-2 inside 0's ego network; 2-3 leads outside (weight 4 if weighted)."""
    G = nx.Graph()
    G.add_edges_from([(0, 1), (0, 2), (1, 2)], weight=1)
    G.add_edge(2, 3, weight=4 if weighted else 1)
    return G


REAL = {
    "karate": (karate, None),
    "kite": (nx.krackhardt_kite_graph, None),
    "florentine": (nx.florentine_families_graph, None),
    "karate_weighted": (nx.karate_club_graph, "weight"),  # networkx's interaction counts
    "borgatti_weighted": (lambda: borgatti(True), "weight"),
    "knoke_information": (lambda: knoke("information"), None),
    "knoke_money": (lambda: knoke("money"), None),
    "krackhardt_advice": (lambda: krackhardt("advice"), None),
    "krackhardt_friendship": (lambda: krackhardt("friendship"), None),
    "krackhardt_reports_to": (lambda: krackhardt("reports_to"), None),
    **{f"emon_{s}": ((lambda s=s: emon(s)), "weight") for s in EMON_SITES},
}


def real_graph(name: str) -> tuple[nx.Graph, str | None]:
    make, weight = REAL[name]
    return make(), weight


def igraph_constraint(G: nx.Graph, weight: str | None) -> np.ndarray:
    nodes = sorted(G, key=str) if any(isinstance(n, str) for n in G) else sorted(G)
    index = {n: k for k, n in enumerate(nodes)}
    H = ig.Graph(
        n=len(nodes), edges=[(index[u], index[v]) for u, v in G.edges()], directed=G.is_directed()
    )
    weights = None
    if weight is not None:
        H.es["w"] = [float(d.get(weight, 1)) for _, _, d in G.edges(data=True)]
        weights = "w"
    return pd.Series(H.constraint(weights=weights), index=nodes)


# --------------------------------------------------------------------------- published values


@pytest.mark.published("Borgatti (1997), Connections 20(1):35-38, example; networkx test values")
def test_borgatti_1997_effective_size():
    # By hand (Borgatti's n - 2t/n): G has 6 contacts with t = 4 ties among them
    # (A-B, A-E, A-F, B-D): 6 - 8/6 = 4.667; A has 4 contacts (B, E, F, G) with
    # t = 3 (B-G, E-G, F-G): 4 - 6/4 = 2.5; C is a pendant: 1.
    got = effective_size(borgatti())
    assert got.loc["G", "effective_size"] == pytest.approx(14 / 3, abs=TOL)
    assert got.loc["A", "effective_size"] == pytest.approx(2.5, abs=TOL)
    assert got.loc["C", "effective_size"] == pytest.approx(1.0, abs=TOL)
    # Same numbers printed in networkx's tests (UCINET, abs 1e-2):
    assert got.loc["G", "effective_size"] == pytest.approx(4.67, abs=5e-3)
    # Efficiency = ES / degree: G (14/3)/6 = 7/9.
    assert efficiency(borgatti()).loc["G", "efficiency"] == pytest.approx(7 / 9, abs=TOL)


@pytest.mark.published(
    "networkx 3.6.1 test_structuralholes.py (UCINET/igraph values), Borgatti graph"
)
def test_borgatti_graph_networkx_published_values():
    G, W = borgatti(), borgatti(weighted=True)
    c, cw = constraint(G), constraint(W, weight="weight")
    esw = effective_size(W, weight="weight")
    assert c.loc["G", "constraint"] == pytest.approx(0.400, abs=5e-4)
    assert c.loc["A", "constraint"] == pytest.approx(0.595, abs=5e-4)
    assert c.loc["C", "constraint"] == pytest.approx(1.0, abs=TOL)
    assert cw.loc["G", "constraint"] == pytest.approx(0.299, abs=5e-4)
    assert cw.loc["A", "constraint"] == pytest.approx(0.795, abs=5e-4)
    assert esw.loc["G", "effective_size"] == pytest.approx(5.47, abs=5e-3)
    assert esw.loc["A", "effective_size"] == pytest.approx(2.47, abs=5e-3)
    assert esw.loc["C", "effective_size"] == pytest.approx(1.0, abs=TOL)


@pytest.mark.published("networkx 3.6.1 test_structuralholes.py (UCINET/igraph values), graph D")
def test_small_directed_networkx_published_values():
    got = structural_hole_measures(small_directed())
    assert got["constraint"].tolist() == pytest.approx([1.003, 1.003, 1.389], abs=5e-4)
    assert got["effective_size"].tolist() == pytest.approx([1.167, 1.167, 1.0], abs=5e-4)
    got = structural_hole_measures(small_directed(True), weight="weight")
    assert got["constraint"].tolist() == pytest.approx([0.840, 1.143, 1.378], abs=5e-4)
    assert got["effective_size"].tolist() == pytest.approx([1.567, 1.083, 1.0], abs=5e-4)


def test_four_node_weighted_trap_gives_burts_value():
    # PRODUCT.md section 3: networkx's vectorised effective_size (all nodes) gives 2.50
    # here; Burt's formula gives 1.9875. By hand for ego 0 (contacts 1, 2, 3 with
    # mutual weights 5, 2, 1; p = 5/8, 2/8, 1/8; contacts' largest ties 5, 2, 1):
    #   contact 1: p02*z12/5 + p03*z13/5 = (2/8)(1/5) + (1/8)(1/5) = 0.075
    #   contact 2: p01*z21/2 = (5/8)(1/2) = 0.3125
    #   contact 3: p01*z31/1 = 5/8 = 0.625
    # ES = 3 - 1.0125 = 1.9875.
    G = four_node_trap()
    got = effective_size(G, weight="weight")
    assert got.loc[0, "effective_size"] == pytest.approx(1.9875, abs=TOL)
    # networkx's per-node path agrees (networkx 3.6.1):
    per_node = nx.effective_size(G, weight="weight", nodes=list(G))
    np.testing.assert_allclose(got["effective_size"], [per_node[v] for v in sorted(G)], rtol=TOL)


# ------------------------------------------------------------------ reference implementations


@pytest.mark.parametrize("name", sorted(REAL))
def test_whole_model_matches_igraph_networkx_and_naive(name):
    G, weight = real_graph(name)
    got = structural_hole_measures(G, weight=weight)
    # igraph 1.0.0 Graph.constraint, every actor (NaN for isolates on both sides).
    ref = igraph_constraint(G, weight).reindex(got.index)
    np.testing.assert_allclose(got["constraint"], ref, rtol=TOL, atol=TOL)
    # networkx 3.6.1 vectorised constraint (all nodes) is right for constraint.
    nxc = nx.constraint(G, weight=weight)
    np.testing.assert_allclose(got["constraint"], [nxc[v] for v in got.index], rtol=TOL)
    # networkx per-node paths (slow: at most 8 actors per graph, evenly spread), for
    # actors with an outgoing tie (see module docstring).
    has_out = [v for v in got.index if any(u != v for u in G[v])]
    has_out = has_out[:: max(1, len(has_out) // 8)]
    nxc = nx.constraint(G, weight=weight, nodes=has_out)
    nxe = nx.effective_size(G, weight=weight, nodes=has_out)
    np.testing.assert_allclose(got.loc[has_out, "constraint"], [nxc[v] for v in has_out], rtol=TOL)
    np.testing.assert_allclose(
        got.loc[has_out, "effective_size"], [nxe[v] for v in has_out], rtol=TOL
    )
    # Everything, hierarchy included, against the formulas written out.
    assert_frame_close(got, naive(G, weight))


@pytest.mark.parametrize("name", sorted(REAL))
def test_ego_model_matches_naive(name):
    G, weight = real_graph(name)
    assert_frame_close(structural_hole_measures(G, weight=weight, model="ego"), naive(G, weight, "ego"))


@pytest.mark.parametrize("name", ["karate", "kite", "knoke_information", "krackhardt_advice"])
def test_ego_and_whole_effective_size_agree_on_unweighted_graphs(name):
    # Undirected binary ties: every contact's largest mutual weight is 1 in both
    # models, so effective size and efficiency coincide (Borgatti's n - 2t/n);
    # constraint does not (contacts' totals differ). Directed binary ties can differ
    # in effective size too (mutual weight 2 only for reciprocated ties).
    G, _ = real_graph(name)
    whole, ego = structural_hole_measures(G), structural_hole_measures(G, model="ego")
    cols = ["effective_size", "efficiency"]
    if not G.is_directed():
        np.testing.assert_allclose(whole[cols], ego[cols], rtol=TOL)
        und = G
    else:
        und = nx.Graph(G.to_undirected())
        np.testing.assert_allclose(
            structural_hole_measures(und)[cols], structural_hole_measures(und, model="ego")[cols], rtol=TOL
        )
    # Borgatti's shortcut n - 2t/n, t = ties among the n contacts.
    es = [
        len(und[v]) - 2 * und.subgraph(und[v]).number_of_edges() / len(und[v]) if und[v] else np.nan
        for v in sorted(und)
    ]
    np.testing.assert_allclose(structural_hole_measures(und, model="ego")["effective_size"], es, rtol=TOL)
    assert not np.allclose(whole["constraint"], ego["constraint"], equal_nan=True)


def test_subset_rows_equal_full_rows_on_emon():
    G, weight = real_graph("emon_Texas")
    full = structural_hole_measures(G, weight=weight)
    for model in ("whole", "ego"):
        full = structural_hole_measures(G, weight=weight, model=model)
        some = [10, 3, 22, 1]
        got = structural_hole_measures(G, weight=weight, model=model, nodes=some)
        assert_frame_close(got, full.loc[sorted(some)])


# --------------------------------------------------------------------------- hand computations


def test_ego_model_by_hand_unweighted():
    # Ego 0's contacts 1 and 2 are tied; 2 also knows 3, outside 0's ego network.
    # Whole model: strengths s1 = 2, s2 = 3.
    #   c01 = (1/2 + p02 p21)^2 = (1/2 + 1/2 * 1/3)^2 = 4/9
    #   c02 = (1/2 + p01 p12)^2 = (1/2 + 1/2 * 1/2)^2 = 9/16     C0 = 145/144
    # Ego model: 2's tie to 3 is ignored, s2 = 2: c01 = c02 = 9/16, C0 = 9/8.
    G = ego_example(weighted=False)
    whole, ego = structural_hole_measures(G).loc[0], structural_hole_measures(G, model="ego").loc[0]
    assert whole["constraint"] == pytest.approx(145 / 144, abs=TOL)
    assert ego["constraint"] == pytest.approx(9 / 8, abs=TOL)
    # Hierarchy, whole: N = 2, C/N = 145/288, r1 = (4/9)/(145/288) = 128/145,
    # r2 = (9/16)/(145/288) = 162/145; H = (r1 ln r1 + r2 ln r2) / (2 ln 2).
    r1, r2 = 128 / 145, 162 / 145
    assert whole["hierarchy"] == pytest.approx(
        (r1 * math.log(r1) + r2 * math.log(r2)) / (2 * math.log(2)), abs=TOL
    )
    assert whole["hierarchy"] == pytest.approx(0.0099382, abs=5e-8)
    # Ego model: both contacts constrain 9/16, r = 1, H = 0.
    assert ego["hierarchy"] == pytest.approx(0.0, abs=TOL)
    # Binary: ES = 2 - 2*1/2 = 1 in both models.
    assert whole["effective_size"] == ego["effective_size"] == pytest.approx(1.0, abs=TOL)


def test_ego_model_by_hand_weighted():
    # As above with w(2, 3) = 4: contact 2's largest tie is 4 in the whole network,
    # 1 within 0's ego network. p01 = p02 = 1/2.
    #   whole ES0 = 2 - [p02 z12/max1 + p01 z21/max2] = 2 - [1/2 * 1/1 + 1/2 * 1/4] = 11/8
    #   ego   ES0 = 2 - [1/2 + 1/2] = 1
    #   whole C0: s2 = 6: c01 = (1/2 + 1/2 * 1/6)^2 = 49/144, c02 = 81/144, C0 = 130/144
    #   ego   C0: s2 = 2 as in the unweighted case: 9/8
    G = ego_example(weighted=True)
    whole = structural_hole_measures(G, weight="weight").loc[0]
    ego = structural_hole_measures(G, weight="weight", model="ego").loc[0]
    assert whole["effective_size"] == pytest.approx(11 / 8, abs=TOL)
    assert whole["efficiency"] == pytest.approx(11 / 16, abs=TOL)
    assert ego["effective_size"] == pytest.approx(1.0, abs=TOL)
    assert ego["efficiency"] == pytest.approx(0.5, abs=TOL)
    assert whole["constraint"] == pytest.approx(130 / 144, abs=TOL)
    assert ego["constraint"] == pytest.approx(9 / 8, abs=TOL)


def test_hierarchy_by_hand_three_contacts():
    # Ego with contacts a, b, c; a-b tied. p = 1/3 each; s_a = s_b = 2.
    #   c_a = c_b = (1/3 + 1/3 * 1/2)^2 = 1/4, c_c = 1/9, C = 11/18 (= 0.6111)
    #   r_a = r_b = (1/4)/(11/54) = 27/22, r_c = (1/9)/(11/54) = 6/11
    #   H = [2 (27/22) ln(27/22) + (6/11) ln(6/11)] / (3 ln 3) = 0.052205...
    G = nx.Graph([("ego", "a"), ("ego", "b"), ("ego", "c"), ("a", "b")])
    got = structural_hole_measures(G).loc["ego"]
    want = (2 * 27 / 22 * math.log(27 / 22) + 6 / 11 * math.log(6 / 11)) / (3 * math.log(3))
    assert got["constraint"] == pytest.approx(11 / 18, abs=TOL)
    assert got["hierarchy"] == pytest.approx(want, abs=TOL)
    assert got["hierarchy"] == pytest.approx(0.0522, abs=5e-5)
    # Ego model: identical for ego (a's and b's only ties are inside ego's network).
    assert structural_hole_measures(G, model="ego").loc["ego", "hierarchy"] == pytest.approx(want, abs=TOL)


def test_hierarchy_zero_for_equal_constraint_and_star():
    # Star: every contact constrains 1/N^2; r = 1; H = 0. Constraint = N * 1/N^2 = 1/N.
    got = structural_hole_measures(nx.star_graph(5)).loc[0]
    assert got["hierarchy"] == 0.0
    assert got["constraint"] == pytest.approx(1 / 5, abs=TOL)
    assert got["effective_size"] == pytest.approx(5.0, abs=TOL)
    assert got["efficiency"] == pytest.approx(1.0, abs=TOL)


def test_directed_mutual_weights_combine_in_and_out_ties():
    # a -> b (3), b -> a (1), a -> c (2): z_ab = 4, z_ac = 2; p_ab = 2/3, p_ac = 1/3.
    # b and c are not tied: C_a = 4/9 + 1/9 = 5/9; ES_a = 2; H_a by hand:
    # C/N = 5/18, r_b = (4/9)/(5/18) = 8/5, r_c = (1/9)/(5/18) = 2/5.
    G = nx.DiGraph()
    G.add_weighted_edges_from([("a", "b", 3), ("b", "a", 1), ("a", "c", 2)])
    got = structural_hole_measures(G, weight="weight").loc["a"]
    assert got["constraint"] == pytest.approx(5 / 9, abs=TOL)
    assert got["effective_size"] == pytest.approx(2.0, abs=TOL)
    want = (1.6 * math.log(1.6) + 0.4 * math.log(0.4)) / (2 * math.log(2))
    assert got["hierarchy"] == pytest.approx(want, abs=TOL)
    # c has only an incoming tie: still one contact, constraint 1.
    assert structural_hole_measures(G, weight="weight").loc["c", "constraint"] == 1.0


# --------------------------------------------------------------------------- edge cases


def test_isolate_pendant_and_single_contact():
    G = nx.Graph([(0, 1), (1, 2)])
    G.add_node(9)
    got = structural_hole_measures(G)
    assert got.loc[9].isna().all()  # isolate: NaN everywhere
    assert got.loc[0, "constraint"] == 1.0  # pendant: (p01)^2 = 1
    assert got.loc[0, "effective_size"] == 1.0
    assert got.loc[0, "efficiency"] == 1.0
    assert math.isnan(got.loc[0, "hierarchy"])  # N = 1: 0/0
    assert got.loc[1, "hierarchy"] == 0.0


def test_empty_and_edgeless_graphs():
    got = structural_hole_measures(nx.Graph())
    assert got.empty and list(got.columns) == COLS and got.index.name == "actor"
    got = structural_hole_measures(nx.empty_graph(3, create_using=nx.DiGraph))
    assert got.isna().all().all() and list(got.index) == [0, 1, 2]


def test_self_loops_are_ignored():
    G = borgatti(True)
    H = G.copy()
    H.add_edge("A", "A", weight=7)
    H.add_edge("C", "C", weight=1)
    for model in ("whole", "ego"):
        assert_frame_close(
            structural_hole_measures(H, weight="weight", model=model),
            structural_hole_measures(G, weight="weight", model=model),
        )
        assert_frame_close(
            structural_hole_measures(H, weight="weight", model=model, nodes=["A", "C"]),
            structural_hole_measures(G, weight="weight", model=model, nodes=["A", "C"]),
        )


def test_zero_weight_tie_is_not_a_contact():
    G = nx.Graph()
    G.add_weighted_edges_from([(0, 1, 1), (0, 2, 0), (1, 2, 1)])
    got = structural_hole_measures(G, weight="weight")
    assert got.loc[0, "constraint"] == 1.0  # only contact 1
    assert got.loc[0, "effective_size"] == 1.0
    assert_frame_close(got.loc[[0]], structural_hole_measures(G, weight="weight", nodes=[0]))


def test_missing_weight_attribute_counts_as_one():
    G = borgatti(True)
    H = borgatti(True)
    del H["A"]["B"]["weight"]
    G["A"]["B"]["weight"] = 1
    assert_frame_close(structural_hole_measures(H, weight="weight"), structural_hole_measures(G, weight="weight"))
    assert_frame_close(
        structural_hole_measures(H, weight="weight", nodes="A"),
        structural_hole_measures(G, weight="weight", nodes="A"),
    )


@pytest.mark.parametrize("bad", [-1.0, math.inf, math.nan, None])
@pytest.mark.parametrize("nodes", [None, ["A"]])
def test_bad_weights_raise(bad, nodes):
    G = borgatti(True)
    G["A"]["B"]["weight"] = bad
    with pytest.raises(ParameterError, match="'weight'"):
        structural_hole_measures(G, weight="weight", nodes=nodes)


def test_parameter_errors():
    G = borgatti()
    with pytest.raises(ParameterError, match="model must be one of"):
        structural_hole_measures(G, model="egonet")
    with pytest.raises(ParameterError, match=r"1 actor\(s\) not in G: \['Z'\]"):
        structural_hole_measures(G, nodes=["A", "Z"])
    with pytest.raises(ParameterError, match="iterable of actors"):
        structural_hole_measures(G, nodes=42)
    with pytest.raises(GraphTypeError):
        structural_hole_measures(np.eye(3))


def test_single_actor_as_nodes_and_duplicates():
    G = borgatti()
    full = structural_hole_measures(G)
    assert_frame_close(structural_hole_measures(G, nodes="G"), full.loc[["G"]])
    assert_frame_close(structural_hole_measures(G, nodes=["G", "A", "G"]), full.loc[["A", "G"]])


def test_input_graph_not_mutated():
    G = emon("Texas")
    before = (list(G.nodes(data=True)), list(G.edges(data=True)))
    structural_hole_measures(G, weight="weight", model="ego")
    structural_hole_measures(G, weight="weight", nodes=[1, 2])
    assert (list(G.nodes(data=True)), list(G.edges(data=True))) == before


def test_wrappers_return_one_column_and_join():
    G = karate()
    full = structural_hole_measures(G, model="ego")
    for f, col in [
        (constraint, "constraint"),
        (effective_size, "effective_size"),
        (efficiency, "efficiency"),
        (hierarchy, "hierarchy"),
    ]:
        got = f(G, model="ego")
        assert list(got.columns) == [col]
        assert_frame_close(got, full[[col]])
    joined = constraint(G).join(effective_size(G)).join(efficiency(G)).join(hierarchy(G))
    assert_frame_close(joined, structural_hole_measures(G))


def test_chunked_paths_give_identical_results(monkeypatch):
    G, weight = real_graph("emon_LakePomona")
    want = {m: structural_hole_measures(G, weight=weight, model=m) for m in ("whole", "ego")}
    monkeypatch.setattr(sh_module, "_PAIR_CHUNK", 3)
    monkeypatch.setattr(sh_module, "_TRIANGLE_CHUNK", 5)
    for m in ("whole", "ego"):
        assert_frame_close(structural_hole_measures(G, weight=weight, model=m, progress=True), want[m])


def test_string_and_mixed_actor_ids_sorted():
    G = nx.Graph([("b", 1), (1, "a"), ("a", "b"), ("a", 2)])
    got = structural_hole_measures(G)
    assert list(got.index) == [1, 2, "a", "b"]  # sorted_nodes: by type name, then str
    assert_frame_close(got, naive(G).loc[list(got.index)])


# --------------------------------------------------------------------------- properties


def graphs(max_nodes: int = 9):
    """(G, weight): small networks with tie weights 1-4, read as weighted or not (None)."""
    return st.tuples(
        strategies.graphs(max_nodes=max_nodes, weights=(1, 4)), st.sampled_from(["weight", None])
    )


@settings(max_examples=50, deadline=None)
@given(graphs(), st.sampled_from(["whole", "ego"]))
def test_property_matches_naive_reference(case, model):
    G, weight = case
    assert_frame_close(structural_hole_measures(G, weight=weight, model=model), naive(G, weight, model))


@settings(max_examples=50, deadline=None)
@given(graphs(), st.sampled_from(["whole", "ego"]), st.randoms(use_true_random=False))
def test_property_relabelling_permutes_rows(case, model, rnd):
    G, weight = case
    perm = list(G)
    rnd.shuffle(perm)
    mapping = {v: f"n{perm[k]:02d}" for k, v in enumerate(G)}
    got = structural_hole_measures(nx.relabel_nodes(G, mapping), weight=weight, model=model)
    want = structural_hole_measures(G, weight=weight, model=model).rename(index=mapping).sort_index()
    assert_frame_close(got, want)


@settings(max_examples=50, deadline=None)
@given(graphs(), st.sampled_from(["whole", "ego"]))
def test_property_adding_isolate_leaves_rows_unchanged(case, model):
    G, weight = case
    H = G.copy()
    H.add_node("isolate")
    got = structural_hole_measures(H, weight=weight, model=model)
    assert got.loc["isolate"].isna().all()
    assert_frame_close(got.drop(index="isolate"), structural_hole_measures(G, weight=weight, model=model))


@settings(max_examples=50, deadline=None)
@given(graphs(), st.sampled_from(["whole", "ego"]))
def test_property_bounds(case, model):
    # 1 <= ES <= N (each m_jq <= 1), so 1/N <= efficiency <= 1; 0 <= H < 1; C > 0.
    G, weight = case
    got = structural_hole_measures(G, weight=weight, model=model).dropna(subset=["constraint"])
    degree = got["effective_size"] / got["efficiency"]
    assert (got["efficiency"] <= 1 + TOL).all() and (got["efficiency"] >= 0).all()
    assert (got["effective_size"] >= 1 - TOL).all()
    assert (got["efficiency"] >= 1 / degree - TOL).all()
    assert (got["constraint"] > 0).all()
    h = got["hierarchy"].dropna()
    assert ((h >= 0) & (h < 1)).all()


@settings(max_examples=50, deadline=None)
@given(graphs(), st.sampled_from(["whole", "ego"]), st.data())
def test_property_subset_equals_full(case, model, data):
    G, weight = case
    some = data.draw(st.lists(st.sampled_from(list(G)), min_size=1, unique=True))
    full = structural_hole_measures(G, weight=weight, model=model)
    got = structural_hole_measures(G, weight=weight, model=model, nodes=some)
    assert_frame_close(got, full.loc[sorted(some)])
