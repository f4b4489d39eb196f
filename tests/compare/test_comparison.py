"""Tests for sysmap.compare.compare_waves and its plain-language statements.

Facts about the sample come from sample_networks/bildungsallianz/README.md
("Waves and response", "Designed structure": Health and Business are never
tied in waves 1-2 and share one weak tie in wave 3; "Deliberate data-quality
cases": the rename of BA046). Identical waves must show no change at all.
"""

from __future__ import annotations

import re

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import sysmap
from sysmap.compare import (
    Comparison,
    Panel,
    churn_summary,
    compare_waves,
    render_statements,
    tie_churn,
)
from sysmap.exceptions import MissingAttributeError, ParameterError
from sysmap.i18n import catalogue

LABELS = ["2023", "2024", "2025"]


@pytest.fixture(scope="module")
def panel() -> Panel:
    waves = [sysmap.load_sample("bildungsallianz", wave=w) for w in (1, 2, 3)]
    return Panel(waves, labels=LABELS)


@pytest.fixture(scope="module")
def result(panel) -> Comparison:
    return compare_waves(panel, n_permutations=200, seed=0)


def texts(result: Comparison, key: str, lang: str = "en") -> list[str]:
    table = result.statements_in(lang)
    return table.loc[table["key"] == key, "text"].tolist()


def test_identical_waves_show_no_change():
    G = nx.karate_club_graph()
    for v in G:
        G.nodes[v]["name"] = f"Org {v}"
    out = compare_waves(
        Panel.from_graphs([G, G], labels=["a", "b"]), group="club", n_permutations=99
    )
    churn = out.churn.loc[("a", "b")]
    assert churn["kept"] == 78 and churn["formed"] == churn["dissolved"] == 0
    assert churn["jaccard"] == 1.0
    tests = out.tests.set_index("test")
    assert tests.at["qap_correlation", "estimate"] == pytest.approx(1.0)
    assert tests.at["qap_correlation", "p_value"] == pytest.approx(1 / 100)
    assert tests.at["density_change", "estimate"] == 0
    assert tests.at["density_change", "p_value"] == 1.0
    assert tests.at["ei_change", "estimate"] == 0 and tests.at["ei_change", "p_value"] == 1.0
    assert (out.network_changes["change"].fillna(0) == 0).all()
    assert out.actor_changes["degree_change"].eq(0).all()
    assert out.role_transitions.empty and out.cut_points.empty
    assert set(out.cluster_events["event"]) == {"continued"}
    # Zachary's karate club: 78 ties among 34 members, 78 / (34 * 33 / 2) = 13.9 %
    assert texts(out, "density_compared") == [
        "Density stayed at 13.9% among the 34 organisations compared (bootstrap 95% confidence "
        "interval of the change: 0 to 0 percentage points; p = 1: could be chance)."
    ]
    assert texts(out, "ei_compared")[0].startswith("The E-I index (club) stayed at ")


def test_sample_statements_follow_the_readme(result):
    # README "Waves and response": joined 11 / left 5, then 11 / 7.
    assert texts(result, "turnover") == [
        "Between wave 2023 and wave 2024, 11 organisations joined, 5 left and 95 stayed.",
        "Between wave 2024 and wave 2025, 11 organisations joined, 7 left and 99 stayed.",
    ]
    # the joiners and leavers by name (README "Waves and response"); 11 joiners: 8 named
    joined = texts(result, "joined_names")
    assert joined[0].startswith("Joined: Arbeitskreis Jugendzahnpflege Rheinstadt, ")
    assert joined[0].endswith(" and 3 more.") and joined[0].count(", ") == 7
    assert texts(result, "left_names")[0] == (
        "Left: Ehrenamtsagentur Rheinstadt, Elektro Krämer GmbH, Familie-Großmann-Stiftung, "
        "Lernhaus Weststadt e.V. and Rheinstadt Logistics GmbH."  # one full stop after "e.V."
    )
    # README "Sector gap": Health and Business never tied in waves 1-2; one tie in wave 3.
    assert "Still no direct tie between Business and Health (sector)." in texts(result, "group_gap")
    bridges = result.group_bridges
    first = bridges[(bridges["change"] == "first") & (bridges["group_b"] == "Health")]
    assert first[["wave_from", "wave_to", "group_a"]].values.tolist() == [
        ["2024", "2025", "Business"],
        ["2023", "2025", "Business"],
    ]
    tie = first.iloc[0]
    assert (
        f"A new tie connects Business and Health (sector) directly for the first time: "
        f"{tie['source_name']} ↔ {tie['target_name']}"
    ) in texts(result, "bridge_first")[0]
    # README case 3: the rename
    assert texts(result, "renamed") == [
        "Jugendhilfe Nord e.V. is called Kinder- und Jugendhilfe Nord e.V. from wave 2025 on; "
        "the alias table keeps it one organisation."
    ]
    # README: wave 3 response 61.8 % is in the caution band (< 65 %)
    assert texts(result, "caveat_low_response") == [
        "Only 61.8% of the members responded in wave 2025: read the results for this wave "
        "with caution."
    ]


def test_statements_exist_in_english_and_german(result):
    en, de = result.statements_in("en"), result.statements_in("de")
    assert len(en) == len(de) == len(result.facts) > 40
    assert (en["key"] == de["key"]).all()
    keys = set(catalogue("compare", "en"))
    assert set(en["key"]) <= keys
    assert not en["text"].str.contains(r"\{|\}").any()  # every field filled
    assert result.statements.equals(en)
    density = de.loc[de["key"] == "density_all", "text"].iloc[0]
    assert density.startswith("Die Dichte stieg von ")
    assert "unter den 95 Organisationen, die in beiden Wellen dabei sind, stieg sie von" in density
    assert re.search(r"\d,\d %", density)  # German decimal comma and "%" with a space


def test_density_statement_matches_the_network_and_test_tables(result):
    row = result.tests.set_index(["wave_from", "wave_to", "test"]).loc[
        ("2023", "2024", "density_change")
    ]
    network = result.network.loc["density"]
    sentence = texts(result, "density_all")[0]
    low, high = f"{row['ci_low'] * 100:+.1f}", f"{row['ci_high'] * 100:+.1f}"
    # all organisations of each wave (the network table, the trend chart) ...
    assert sentence.startswith(f"Density rose from {network['2023']:.1%} to {network['2024']:.1%}")
    # ... and the 95 present in both waves (the test)
    assert f"it rose from {row['before']:.1%} to {row['after']:.1%}" in sentence
    assert f"{low} to {high} percentage points" in sentence
    assert row["ci_low"] < row["estimate"] < row["ci_high"]
    assert row["actors"] == "present in both waves" and row["n_actors"] == 95


def test_churn_table_equals_tie_churn_on_the_wave_graphs(result, panel):
    direct = tie_churn(panel.graphs["2023"], panel.graphs["2024"], group="sector")
    ties = result.ties[(result.ties["wave_from"] == "2023") & (result.ties["wave_to"] == "2024")]
    assert len(ties) == len(direct)
    pd.testing.assert_series_equal(
        result.churn.loc[("2023", "2024")].rename(None),
        churn_summary(direct).rename(None),
        check_names=False,
    )


def test_restriction_is_applied_and_stated(panel):
    out = compare_waves(panel, restrict="responded_all", n_permutations=50, pairs="consecutive")
    n = len(panel.actor_set(restrict="responded_all"))
    assert texts(out, "restriction_responded_all") == [
        f"Only the {n} organisations present and responding in every wave are compared, so "
        "differences in who answered do not move the figures."
    ]
    assert (out.tests["actors"] == "responded in all waves").all()
    assert (out.tests["n_actors"] == n).all()
    assert out.network.loc["n_actors"].tolist() == [n, n, n]
    assert not texts(out, "caveat_response")  # respondents only: nothing to caveat
    assert out.parameters["restrict"] == "responded_all"


def test_same_seed_same_result_and_tables_are_flat(panel):
    a = compare_waves(panel, n_permutations=100, seed=3, pairs="consecutive")
    b = compare_waves(panel, n_permutations=100, seed=3, pairs="consecutive")
    pd.testing.assert_frame_equal(a.tests, b.tests)
    pd.testing.assert_frame_equal(a.statements, b.statements)
    tables = a.tables()
    assert set(tables) >= {"waves", "ties", "churn", "tests", "statements", "communities"}
    for name, frame in tables.items():
        assert isinstance(frame, pd.DataFrame), name
        assert not isinstance(frame.index, pd.MultiIndex), name
    assert {"wave_from", "wave_to", "group_a", "group_b"} <= set(tables["churn_by_group"])


def test_a_pairs_p_values_do_not_depend_on_the_other_pairs(panel):
    one = compare_waves(panel, n_permutations=100, pairs=[("2024", "2025")], group=None)
    two = compare_waves(panel, n_permutations=100, pairs="all", group=None)
    same = two.tests[(two.tests["wave_from"] == "2024") & (two.tests["wave_to"] == "2025")]
    np.testing.assert_array_equal(same["p_value"].to_numpy(), one.tests["p_value"].to_numpy())
    other = two.tests[(two.tests["wave_from"] == "2023") & (two.tests["wave_to"] == "2024")]
    assert not np.array_equal(other["p_value"].to_numpy(), same["p_value"].to_numpy())


def test_render_statements_escapes_nothing_and_keeps_unicode():
    from sysmap.compare.statements import Fact

    fact = Fact("actors", "spof_left", {"name": "<b>Straße & Söhne 東京</b>", "wave_from": "1"})
    assert render_statements([fact], "de")["text"].iloc[0] == (
        "<b>Straße & Söhne 東京</b>, in Welle 1 eine einzelne Schwachstelle, ist ausgeschieden."
    )


def test_errors(panel):
    with pytest.raises(ParameterError, match="restrict must be one of"):
        compare_waves(panel, restrict="all")
    with pytest.raises(ParameterError, match="lang must be one of"):
        compare_waves(panel, lang="fr")
    with pytest.raises(ParameterError, match="must be a sysmap.compare.Panel"):
        compare_waves([panel.graphs["2023"], panel.graphs["2024"]])
    with pytest.raises(
        MissingAttributeError, match="no actor has a value of the attribute 'department'"
    ):
        compare_waves(panel, group="department")
    with pytest.raises(ParameterError, match="alpha"):
        compare_waves(panel, alpha=5)


def test_declared_merger_is_stated_once():
    waves = [sysmap.load_sample("bildungsallianz", wave=w) for w in (1, 2)]
    table = pd.DataFrame({"alias": ["BA002"], "actor": ["BA001"], "type": ["merger"]})
    out = compare_waves(Panel(waves, labels=LABELS[:2], aliases=table), n_permutations=20)
    assert texts(out, "merged") == [
        "AWO Kreisverband Rheinstadt e.V. merged into Bildungsallianz Rheinstadt "
        "(Geschäftsstelle); their ties in waves 2023 and 2024 count as ties of "
        "Bildungsallianz Rheinstadt (Geschäftsstelle)."
    ]
