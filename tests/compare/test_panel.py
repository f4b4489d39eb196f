"""Tests for sysmap.compare.panel: aligning waves, renames, mergers, restrictions, bad ids.

Expected figures for the bundled sample come from its README
(sample_networks/bildungsallianz/README.md, "Waves and response",
"Deliberate data-quality cases") or are recomputed here from the member-list
CSV files with pandas, independently of sysmap.
"""

from __future__ import annotations

import warnings

import networkx as nx
import pandas as pd
import pytest

import sysmap
from sysmap.compare import Panel, read_alias_table, suggest_aliases
from sysmap.exceptions import (
    DataQualityWarning,
    GraphTypeError,
    InputError,
    ParameterError,
    SchemaError,
)

FOLDER = sysmap.datasets.sample_path("bildungsallianz")
LABELS = ["2023", "2024", "2025"]


def members(wave: int) -> pd.DataFrame:
    return pd.read_csv(FOLDER / f"members_wave{wave}.csv", dtype=str, keep_default_na=False)


def from_files(member_lists, aliases=FOLDER / "aliases.csv", **kwargs) -> Panel:
    with warnings.catch_warnings():  # the sample's deliberate name variants
        warnings.simplefilter("ignore", DataQualityWarning)
        return Panel.from_files(
            [FOLDER / f"survey_wave{w}.csv" for w in (1, 2, 3)],
            actors=member_lists,
            aliases=aliases,
            labels=LABELS,
            **kwargs,
        )


@pytest.fixture(scope="module")
def panel() -> Panel:
    return from_files([FOLDER / f"members_wave{w}.csv" for w in (1, 2, 3)])


# --------------------------------------------------------------------------- the sample


def test_sample_waves_match_the_readme(panel):
    # README "Waves and response": members 100/106/110, joined 11/11, left 5/7,
    # response 85.0 %, 78.3 %, 61.8 %; observed ties 461/570/687 (union rule).
    summary = panel.summary()
    assert summary["n_actors"].tolist() == [100, 106, 110]
    assert summary["joined"].tolist() == [0, 11, 11]
    assert summary["left"].tolist() == [0, 5, 7]
    assert summary["response_rate"].round(3).tolist() == [0.85, 0.783, 0.618]
    assert summary["n_ties"].tolist() == [461, 570, 687]
    assert panel.symmetrize == "union" and not panel.directed


def test_renamed_organisation_aligns_through_the_alias_table(panel):
    # README case 3: BA046 is "Jugendhilfe Nord e.V." in waves 1-2 and
    # "Kinder- und Jugendhilfe Nord e.V." from wave 3; four wave-3 respondents
    # still use the old name (Friedrich-Fröbel-Schule, Kulturwerkstatt Süd e.V.,
    # Lesepaten Rheinstadt e.V., Erste Generation Studium e.V.).
    assert panel.membership.loc["BA046"].tolist() == [True, True, True]
    assert panel.renamed.to_dict("records") == [
        {
            "actor": "BA046",
            "wave_from": "2024",
            "wave_to": "2025",
            "name_from": "Jugendhilfe Nord e.V.",
            "name_to": "Kinder- und Jugendhilfe Nord e.V.",
        }
    ]
    ids = members(3).set_index("name")["actor"]
    old_name_users = ids[
        [
            "Friedrich-Fröbel-Schule",
            "Kulturwerkstatt Süd e.V.",
            "Lesepaten Rheinstadt e.V.",
            "Erste Generation Studium e.V.",
        ]
    ]
    ties = panel.data["2025"].ties
    named = set(ties.loc[ties["target"] == "BA046", "source"])
    assert set(old_name_users) <= named
    assert all(panel.graphs["2025"].has_edge(a, "BA046") for a in old_name_users)


def test_member_lists_without_ids_align_only_with_the_alias_table():
    # Without ids the names are the ids, so the rename splits the organisation
    # in two, unless the alias table declares the old name as the new one.
    lists = [members(w).drop(columns="actor") for w in (1, 2, 3)]
    new, old = "Kinder- und Jugendhilfe Nord e.V.", "Jugendhilfe Nord e.V."
    table = pd.DataFrame({"alias": [old], "actor": [new], "type": ["rename"]})
    aligned = from_files(lists, aliases=table)
    assert aligned.membership.loc[new].tolist() == [True, True, True]
    assert old not in aligned.membership.index
    assert aligned.aliases_used[["wave", "alias", "actor"]].values.tolist() == [
        ["2023", old, new],
        ["2024", old, new],
    ]
    assert aligned.renamed["actor"].tolist() == [new]
    unaligned = from_files(lists, aliases=None)
    assert unaligned.membership.loc[old].tolist() == [True, True, False]
    assert unaligned.membership.loc[new].tolist() == [False, False, True]


def test_restrictions_match_the_member_lists(panel):
    lists = [members(w) for w in (1, 2, 3)]
    everywhere = set.intersection(*(set(m["actor"]) for m in lists))
    answered = set.intersection(*(set(m.loc[m["responded"] == "1", "actor"]) for m in lists))
    assert panel.actor_set(restrict="present") == sorted(everywhere)
    assert panel.actor_set(restrict="responded_all") == sorted(answered)
    assert len(panel.actor_set()) == 122  # README: 122 organisations over all waves
    G = panel.graph("2024", restrict="present")
    assert set(G) == everywhere
    assert panel.graphs["2024"].number_of_nodes() == 106  # the copy left the original alone
    pair = panel.actor_set(waves=["2023", "2024"], restrict="present")
    assert pair == sorted(set(lists[0]["actor"]) & set(lists[1]["actor"]))


def test_actor_table_covers_every_actor_in_every_wave(panel):
    table = panel.actors
    assert table.index.names == ["wave", "actor"]
    assert len(table) == 3 * 122
    row = table.loc[("2023", "BA101")]  # BA101 joins in wave 2 (README, isolates)
    assert not row["present"] and pd.isna(row["responded"])
    assert table.loc[("2024", "BA101"), "responded"]  # responded, named nobody (case 6)
    assert table.loc[("2025", "BA046"), "name"] == "Kinder- und Jugendhilfe Nord e.V."
    assert table.loc[("2023", "BA046"), "sector"] == "Civil society"
    turnover = panel.turnover.xs(("2023", "2024"))
    assert (turnover["change"] == "joined").sum() == 11
    assert turnover.loc["BA001", "change"] == "stayed"


def test_non_members_named_in_a_survey_are_left_out(panel):
    # README case 4: "Sportverein Blau-Weiß Rheinstadt" is named in wave 2 but is
    # no member; it would otherwise appear to join and leave.
    assert not any("Sportverein" in str(v) for v in panel.graphs["2024"])
    kept = Panel(list(panel.data.values()), labels=LABELS, roster_only=False)
    assert kept.graphs["2024"].number_of_nodes() == 107


def test_surveys_without_member_lists_combine_name_variants_through_the_alias_table():
    # Without a member list the ids are the names as written. README case 1: wave 2
    # respondents write BA046 as "Jugendhilfe Nord e.V." and "JHN" (aliases.csv rows
    # of BA046): both become BA046. The response rate is unknown without a roster.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        bare = Panel.from_files(
            [FOLDER / f"survey_wave{w}.csv" for w in (1, 2, 3)],
            aliases=FOLDER / "aliases.csv",
            labels=LABELS,
        )
    assert bare.rosters == dict.fromkeys(LABELS, False)
    used = bare.aliases_used[bare.aliases_used["wave"] == "2024"]
    assert {"JHN", "Jugendhilfe Nord e.V."} <= set(used.loc[used["actor"] == "BA046", "alias"])
    assert "BA046" in bare.graphs["2024"] and "JHN" not in bare.graphs["2024"]
    assert bare.summary()["response_rate"].isna().all()
    assert bare.summary()["n_respondents"].tolist() == [85, 82, 68]  # BA101 named nobody


def test_one_member_list_for_all_waves_counts_who_answered_or_was_named():
    # With actors.csv for every wave, presence comes from the surveys: the
    # README's wave-1 isolates BA040 and BA086 were neither respondents nor named.
    shared = from_files(FOLDER / "actors.csv")
    present = shared.membership["2023"]
    assert present.sum() == 98
    assert not present.reindex(["BA040", "BA086"], fill_value=False).any()
    assert shared.summary()["n_actors"].iloc[0] == 98


# --------------------------------------------------------------------------- mergers and aliases


def test_declared_merger_combines_the_two_organisations():
    waves = [sysmap.load_sample("bildungsallianz", wave=w) for w in (1, 2)]
    table = pd.DataFrame({"alias": ["BA002"], "actor": ["BA001"], "type": ["merger"]})
    merged = Panel(waves, labels=LABELS[:2], aliases=table)
    plain = Panel(waves, labels=LABELS[:2])
    G, H = merged.graphs["2023"], plain.graphs["2023"]
    assert "BA002" not in G
    assert set(G["BA001"]) == (set(H["BA001"]) | set(H["BA002"])) - {"BA001", "BA002"}
    assert G.number_of_nodes() == H.number_of_nodes() - 1
    assert merged.merged["actor"].tolist() == ["BA002", "BA002"]
    assert merged.merged["merged_into"].tolist() == ["BA001", "BA001"]


def test_alias_mapping_two_organisations_to_one_id_is_an_error_naming_both():
    waves = [sysmap.load_sample("bildungsallianz", wave=w) for w in (1, 2)]
    table = {"BA002": "BA001"}  # an alias, not a declared merger
    with pytest.raises(
        InputError,
        match=r"'BA001' \(Bildungsallianz Rheinstadt.*'BA002' "
        r"\(AWO Kreisverband Rheinstadt e\.V\.\)",
    ) as info:
        Panel(waves, labels=LABELS[:2], aliases=table)
    assert "type 'merger'" in str(info.value) and "'2023'" in str(info.value)


def test_alias_table_checks():
    table = read_alias_table(
        pd.DataFrame({"alias": ["a", "b", "JHN"], "actor": ["b", "c", "x"], "type": ["", "", ""]})
    )
    assert table.set_index("alias")["actor"].to_dict() == {"JHN": "x", "a": "c", "b": "c"}
    with pytest.raises(InputError, match="alias 'JHN' stands for actor 'y' and for actor 'x'"):
        read_alias_table(pd.DataFrame({"alias": ["JHN", "JHN"], "actor": ["x", "y"]}))
    with pytest.raises(InputError, match="cycle"):
        read_alias_table({"a": "b", "b": "a"})
    with pytest.raises(InputError, match="column 'type': the type 'fusion' is not one of") as info:
        read_alias_table(pd.DataFrame({"alias": ["a"], "actor": ["b"], "type": ["fusion"]}))
    german = info.value.report.problems_in("de")["message"].iloc[0]
    assert "die Art 'fusion' ist keine von 'alias', 'rename', 'merger'" in german
    with pytest.raises(SchemaError, match="no column 'actor'"):
        read_alias_table(pd.DataFrame({"alias": ["a"], "id": ["b"]}))


# --------------------------------------------------------------------------- id schemes


def test_waves_with_different_id_schemes_are_refused_with_a_suggestion():
    renumbered = members(2).assign(actor=lambda m: [f"M{i:03d}" for i in range(len(m))])
    lists = [members(1), renumbered, members(3)]
    with pytest.raises(InputError, match="share only 0 of 100 and 106 actor ids") as info:
        from_files(lists, aliases=None)
    message = str(info.value)
    assert "different id schemes" in message and "alias table" in message
    assert "may be 'BA" in message and "suggest_aliases" in message
    german = info.value.args[0].render("de")
    assert "haben nur 0 von 100 und 106 Akteurs-IDs gemeinsam" in german
    assert "ist vielleicht 'BA" in german


def test_reused_ids_for_other_organisations_are_refused():
    shuffled = members(2)
    shuffled["actor"] = shuffled["actor"].sample(frac=1, random_state=0).to_numpy()
    with pytest.raises(InputError, match="carry different names"):
        from_files([members(1), shuffled, members(3)], aliases=None)


def test_suggest_aliases_drafts_a_table_for_review():
    renumbered = members(2).assign(actor=lambda m: [f"M{i:03d}" for i in range(len(m))])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        w1 = sysmap.read_survey(FOLDER / "survey_wave1.csv", actors=sysmap.read_actors(members(1)))
        w2 = sysmap.read_survey(FOLDER / "survey_wave2.csv", actors=sysmap.read_actors(renumbered))
    draft = suggest_aliases([w1, w2], labels=LABELS[:2])
    # the 95 organisations in both waves (README: 100 - 5 left) match by exact name
    exact = draft[draft["method"] == "exact"]
    assert len(exact) == 95
    truth = members(2).set_index("name")["actor"]
    assert (exact["actor"] == exact["name"].map(truth)).all()
    aligned = Panel([w1, w2], labels=LABELS[:2], aliases=exact[["alias", "actor"]])
    assert aligned.summary()["stayed"].tolist() == [100, 95]


# --------------------------------------------------------------------------- graphs and options


def test_from_graphs_needs_one_kind_of_graph_and_two_waves():
    G = nx.path_graph(3)
    with pytest.raises(GraphTypeError, match="directed and others undirected"):
        Panel.from_graphs([G, nx.DiGraph(G)])
    with pytest.raises(ParameterError, match="at least two waves"):
        Panel.from_graphs([G])
    with pytest.raises(ParameterError, match="labels must be unique"):
        Panel.from_graphs([G, G], labels=["x", "x"])
    with pytest.raises(ParameterError, match="from_graphs"):
        Panel([G, G])
    panel = Panel.from_graphs([G, G])
    with pytest.raises(ParameterError, match="needs respondent status"):
        panel.actor_set(restrict="responded_all")
    with pytest.raises(ParameterError, match="restrict must be one of"):
        panel.actor_set(restrict="both")
    with pytest.raises(ParameterError, match="no wave 'z'"):
        panel.graph("z")


def test_from_graphs_never_changes_the_input():
    G = nx.Graph([("a", "b"), ("b", "c")])
    nx.set_node_attributes(
        G, {"a": "not_on_roster", "b": "responded", "c": "did_not_respond"}, "status"
    )
    before = nx.to_dict_of_dicts(G)
    panel = Panel.from_graphs([G, G.copy()], labels=["x", "y"])
    assert "a" not in panel.graphs["x"]  # not on the roster: left out of the panel
    assert nx.to_dict_of_dicts(G) == before and "a" in G


def test_select_keeps_waves_and_unicode_ids():
    G1 = nx.Graph([("Straße", "Müller"), ("Müller", "東京")])
    G2 = nx.Graph([("Straße", "東京")])
    panel = Panel.from_graphs([G1, G2, G1], labels=["a", "b", "c"])
    sub = panel.select(["a", "c"])
    assert sub.labels == ["a", "c"] and sub.summary()["stayed"].tolist() == [3, 3]
    assert panel.membership.loc["Müller"].tolist() == [True, False, True]
