"""Actors without a group value never stop the analysis: they form explicit groups.

A partner named in the survey but not on the member list (status
``not_on_roster``) and a member with an empty sector cell have no ``sector``.
Every group measure reads the attribute through ``sysmap._attributes.group_labels``,
which puts them in the groups "not on the member list" and "unknown".

Where the numbers come from
---------------------------
* ``chain``: E-I index, mixing counts and group sizes counted by hand in the
  comments (Krackhardt & Stern's (E - I) / (E + I)).
* Every other measure is checked against the same measure on a copy of the
  graph whose missing values were replaced by the explicit labels by hand: a
  missing value must behave exactly like that label.
* Modularity of the explicit partition: networkx's ``modularity``.
* End to end: ``tests/data/missing_groups`` (made up, see its README).
"""

from __future__ import annotations

import itertools
import json
import math
import re
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from sysmap._attributes import (
    NOT_ON_MEMBER_LIST,
    UNKNOWN,
    display_group,
    display_groups,
    group_labels,
    group_order,
    is_missing,
)
from sysmap.cli import main
from sysmap.cluster import attribute_modularity, cluster_profiles
from sysmap.compare import Panel, compare_waves, ei_change, tie_churn
from sysmap.exceptions import MissingAttributeError, ParameterError
from sysmap.findings import find_gaps
from sysmap.maps import network_map
from sysmap.metrics import (
    brokerage_roles,
    brokerage_summary,
    ei_index,
    group_summary,
    mixing_matrix,
    tie_measures,
)

DATA = Path(__file__).resolve().parent / "data" / "missing_groups"
FAST = {"key_players": False, "local_bridges": False}


@pytest.fixture
def chain() -> nx.Graph:
    """a - b - c - x - z and c - y.

    a, b, c: sector A; x: blank cell; z: NaN; y: no sector, not on the member list.
    """
    G = nx.Graph([("a", "b"), ("b", "c"), ("c", "x"), ("x", "z"), ("c", "y")])
    nx.set_node_attributes(G, {"a": "A", "b": "A", "c": "A", "x": " ", "z": math.nan}, "sector")
    G.nodes["y"]["status"] = "not_on_roster"
    G.nodes["x"]["status"] = "responded"
    return G


def labelled(G: nx.Graph) -> nx.Graph:
    """`G` with the explicit labels written in by hand."""
    H = G.copy()
    for v, d in H.nodes(data=True):
        if is_missing(d.get("sector")):
            d["sector"] = NOT_ON_MEMBER_LIST if d.get("status") == "not_on_roster" else UNKNOWN
    return H


# --------------------------------------------------------------------------- the helper


def test_one_definition_of_a_missing_value():
    missing = [None, math.nan, np.float64("nan"), pd.NA, pd.NaT, "", "   ", "\t\n"]
    present = ["Schools", " x ", 0, 0.0, False, "nan", "n/a"]
    assert all(is_missing(v) for v in missing)
    assert not any(is_missing(v) for v in present)


def test_group_labels(chain):
    labels = group_labels(chain, "sector")
    assert labels.index.name == "actor" and labels.name == "sector"
    assert labels.to_dict() == {
        "a": "A",
        "b": "A",
        "c": "A",
        "x": UNKNOWN,
        "y": NOT_ON_MEMBER_LIST,
        "z": UNKNOWN,
    }
    assert group_labels(chain, "sector", nodes=["z", "y"]).tolist() == [UNKNOWN, NOT_ON_MEMBER_LIST]
    assert group_order(labels) == ["A", NOT_ON_MEMBER_LIST, UNKNOWN]


def test_group_labels_over_waves_latest_first():
    later = nx.Graph([("p", "q"), ("q", "r")])
    earlier = nx.Graph([("p", "q"), ("s", "p")])
    nx.set_node_attributes(later, {"p": "", "q": "Schools"}, "sector")
    nx.set_node_attributes(earlier, {"p": "City", "q": "Health"}, "sector")
    earlier.nodes["s"]["status"] = "not_on_roster"
    labels = group_labels([later, earlier], "sector")
    # p: blank later, City earlier; q: the later value wins; r: none anywhere;
    # s: only in the earlier wave, not on its member list
    assert labels.to_dict() == {"p": "City", "q": "Schools", "r": UNKNOWN, "s": NOT_ON_MEMBER_LIST}


def test_attribute_absent_from_every_actor_is_an_error(chain):
    with pytest.raises(MissingAttributeError) as info:
        group_labels(chain, "region")
    message = str(info.value)
    assert "'region'" in message and "['sector', 'status']" in message
    assert "member list" in message and "--actors" in message
    blank = nx.Graph([(1, 2)])
    nx.set_node_attributes(blank, {1: "", 2: None}, "sector")
    with pytest.raises(MissingAttributeError, match="'sector'"):
        ei_index(blank, "sector")
    assert group_labels(nx.Graph(), "sector").empty  # no actor: nothing to label


def test_unhashable_values_are_an_error(chain):
    chain.nodes["a"]["sector"] = ["A"]
    with pytest.raises(ParameterError, match="hashable"):
        group_labels(chain, "sector")


def test_display_in_the_language():
    assert display_group(NOT_ON_MEMBER_LIST, "de") == "nicht auf der Mitgliederliste"
    assert display_group(UNKNOWN, "de") == "unbekannt"
    assert display_group(UNKNOWN, "en") == "unknown"
    assert display_group("Schools", "de") == "Schools"
    index = pd.MultiIndex.from_tuples([("A", UNKNOWN)], names=["group_a", "group_b"])
    table = pd.DataFrame({"sector": [NOT_ON_MEMBER_LIST], "kind": [UNKNOWN]}, index=index)
    shown = display_groups(table, ["sector", "group_b", "absent"], "de")
    assert shown["sector"].tolist() == ["nicht auf der Mitgliederliste"]
    assert shown["kind"].tolist() == [UNKNOWN]  # not a group column: left alone
    assert shown.index.tolist() == [("A", "unbekannt")]
    assert table["sector"].tolist() == [NOT_ON_MEMBER_LIST]  # the data is not changed


# --------------------------------------------------------------------------- measures


def test_ei_index_and_mixing_by_hand(chain):
    # ties: a-b I, b-c I, c-x E (A/unknown), x-z I (unknown/unknown), c-y E
    # -> E = 2, I = 3, E-I = (2 - 3) / 5 = -0.2
    res = ei_index(chain, "sector")
    assert (res.external, res.internal) == (2, 3)
    assert res.network == pytest.approx(-0.2, abs=1e-15)
    groups = res.groups
    assert groups.index.tolist() == ["A", NOT_ON_MEMBER_LIST, UNKNOWN]  # explicit groups last
    assert groups["size"].tolist() == [3, 1, 2]
    assert groups["internal"].tolist() == [2, 0, 1]
    assert groups["external"].tolist() == [2, 1, 1]
    counts = mixing_matrix(chain, "sector", normalized=None)
    assert counts.loc["A", UNKNOWN] == 1 and counts.loc[UNKNOWN, UNKNOWN] == 1
    assert counts.loc["A", NOT_ON_MEMBER_LIST] == 1 and counts.loc["A", "A"] == 2


def test_missing_values_behave_as_their_explicit_group(chain):
    H = labelled(chain)
    D, DH = chain.to_directed(), H.to_directed()
    pd.testing.assert_frame_equal(ei_index(chain, "sector").groups, ei_index(H, "sector").groups)
    pd.testing.assert_frame_equal(brokerage_roles(D, "sector"), brokerage_roles(DH, "sector"))
    pd.testing.assert_frame_equal(brokerage_summary(D, "sector"), brokerage_summary(DH, "sector"))
    pd.testing.assert_frame_equal(group_summary(chain, "sector"), group_summary(H, "sector"))
    assert group_summary(chain, "sector")["n_actors"].tolist() == [3.0, 1.0, 2.0]
    pd.testing.assert_frame_equal(
        tie_measures(chain, group="sector", strength=None),
        tie_measures(H, group="sector", strength=None),
    )
    communities = [{"a", "b", "c"}, {"y"}, {"x", "z"}]
    expected = nx.algorithms.community.modularity(chain, communities, weight=None)
    assert attribute_modularity(chain, "sector") == pytest.approx(expected, abs=1e-12)
    clusters = {"a": 0, "b": 0, "c": 0, "x": 1, "z": 1, "y": 1}
    profiles = cluster_profiles(chain, clusters, group="sector")
    # cluster 1 = x, z (unknown) and y (not on the member list): the explicit
    # groups are data (dominant_group) but never words in the names
    assert profiles.loc[1, "dominant_group"] == UNKNOWN
    assert profiles.loc[1, "dominant_share"] == pytest.approx(2 / 3)
    assert profiles.loc[1, "groups"] == "" and profiles.loc[0, "groups"] == "A 100 %"
    assert UNKNOWN not in profiles.loc[1, "name"]


def test_no_sector_gap_with_an_explicit_group():
    # sectors A, B, C of 4 actors, complete inside, A-B and A-C joined by 4 ties
    # each, B-C by none: a sector gap B-C (high). Without C's sectors, C is the
    # group "unknown": it counts, but a gap with it is not a sector gap.
    G = nx.Graph()
    for s in "ABC":
        members = [f"{s.lower()}{i}" for i in range(4)]
        G.add_nodes_from(members, sector=s)
        G.add_edges_from(itertools.combinations(members, 2))
    for i in range(4):
        G.add_edges_from([(f"a{i}", f"b{i}"), (f"a{i}", f"c{i}")])
    found = find_gaps(G, robustness=False)
    assert "sector_gap:B|C" in found.ids
    for i in range(4):
        G.nodes[f"c{i}"]["sector"] = ""
    found = find_gaps(G, robustness=False)
    assert not [i for i in found.ids if i.startswith("sector_gap:")]
    assert "4 actors have no 'sector'." in " ".join(found.notes)
    german = find_gaps(G, robustness=False, lang="de")
    assert "4 Akteure haben kein Attribut „sector“." in " ".join(german.notes)


def test_findings_evidence_shows_the_explicit_group_in_the_language(chain):
    found = find_gaps(chain, robustness=False, lang="de")
    evidence = found["not_on_roster"].evidence  # y: named, not on the member list
    assert evidence.loc["y", "sector"] == "nicht auf der Mitgliederliste"


# --------------------------------------------------------------------------- waves


def test_comparison_counts_explicit_groups_but_names_only_sectors(chain):
    before = chain.copy()
    after = chain.copy()
    after.add_edge("a", "x")
    H1, H2 = labelled(before), labelled(after)
    got = ei_change(before, after, "sector", method="exact")
    want = ei_change(H1, H2, "sector", method="exact")
    assert (got.before, got.after, got.p_value) == (want.before, want.after, want.p_value)
    churn = tie_churn(before, after, group="sector").set_index(["source", "target"])
    assert churn.loc[("a", "x"), "target_sector"] == UNKNOWN
    panel = Panel.from_graphs([before, after], labels=["1", "2"])
    result = compare_waves(panel, group="sector", n_permutations=19, seed=0, lang="de")
    assert UNKNOWN in set(result.churn_by_group.index.get_level_values("group_b"))
    statements = result.statements
    groups = statements[statements["topic"] == "groups"]
    assert not groups["text"].str.contains("unbekannt|Mitgliederliste|unknown").any()


# --------------------------------------------------------------------------- maps


def test_map_legend_and_filters_in_the_language(chain):
    m = network_map(chain, color="sector", filters="sector", lang="de", **FAST)
    labels = [item["label"] for item in m.legend["color"]["items"]]
    assert labels == ["A", "nicht auf der Mitgliederliste", "unbekannt"]
    assert [item["count"] for item in m.legend["color"]["items"]] == [3, 1, 2]
    assert [i["label"] for i in m.filters[-1]["items"]] == labels
    assert m.palette[UNKNOWN] != m.palette[NOT_ON_MEMBER_LIST]  # two greys


# --------------------------------------------------------------------------- end to end


def _map_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="sysmap-data">(.*?)</script>', html)
    return json.loads(match.group(1))


# the console's own handling of the ingest warnings is tested in tests/test_cli.py
@pytest.mark.filterwarnings("ignore::sysmap.exceptions.DataQualityWarning")
@pytest.mark.parametrize("lang", ["en", "de"])
def test_cli_runs_on_a_survey_with_missing_groups(tmp_path, lang):
    wave1, wave2 = str(DATA / "survey_wave1.csv"), str(DATA / "survey_wave2.csv")
    members = str(DATA / "members.csv")
    shown = {
        "en": ("not on the member list", "unknown"),
        "de": ("nicht auf der Mitgliederliste", "unbekannt"),
    }[lang]

    report = tmp_path / "report.html"
    assert main(["report", wave1, "--actors", members, "--lang", lang, "-o", str(report)]) == 0
    page = report.read_text(encoding="utf-8")
    for text in shown:
        assert f"<td>{text}</td>" in page  # tables of the report
    actors = pd.read_csv(tmp_path / "report-tables" / "actors.csv", encoding="utf-8-sig")
    sector = dict(zip(actors["name"], actors["sector"]))
    # the exported tables keep the language-neutral labels
    assert sector["Volkshochschule Rheinau"] == UNKNOWN
    assert sector["Stadtteilcafé Ost"] == NOT_ON_MEMBER_LIST

    out = tmp_path / "metrics"
    assert main(["metrics", wave1, "--actors", members, "--group", "sector", "-o", str(out)]) == 0
    actors = pd.read_csv(out / "actors.csv", encoding="utf-8-sig")
    assert set(actors["sector"]) >= {UNKNOWN, NOT_ON_MEMBER_LIST}
    network = pd.read_csv(out / "network.csv", encoding="utf-8-sig").set_index("metric")
    assert np.isfinite(network.loc["ei_index", "value"])

    html = tmp_path / "map.html"
    code = main(
        ["map", wave1, "--actors", members, "--color", "sector", "--lang", lang, "-o", str(html)]
    )
    assert code == 0
    legend = _map_data(html.read_text(encoding="utf-8"))["legend"]["color"]["items"]
    assert [item["label"] for item in legend][-2:] == list(shown)

    comparison = tmp_path / "compare.html"
    code = main(
        [
            "compare",
            wave1,
            wave2,
            "--actors",
            members,
            "--lang",
            lang,
            "--permutations",
            "19",
            "-o",
            str(comparison),
        ]
    )
    assert code == 0
    assert f"<td>{shown[1]}</td>" in comparison.read_text(encoding="utf-8")
    by_group = pd.read_csv(tmp_path / "compare-tables" / "churn_by_group.csv", encoding="utf-8-sig")
    assert UNKNOWN in set(by_group["group_b"])


@pytest.mark.parametrize("dtype", [None, object, "string", "category"])
def test_missing_values_is_is_missing_on_every_cell(dtype):
    # the array twin of is_missing (used to build node and tie attributes) gives the
    # same answer cell by cell, for text, mixed, string and categorical columns
    from sysmap._attributes import is_missing, missing_values

    cells = ["Schulen", "", "  ", None, "Stadt", "\t"]
    if dtype not in ("string", "category"):
        cells += [float("nan"), 0, 2.5]
    column = pd.Series(cells, dtype=dtype)
    assert missing_values(column).tolist() == [is_missing(v) for v in column]
