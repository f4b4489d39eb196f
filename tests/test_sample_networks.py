"""Checks of the bundled sample networks in ``sample_networks/``.

The synthetic initiative (``bildungsallianz``) must be reproducible from its
generator, match what its README states, and ingest cleanly apart from the
deliberate data-quality cases the README lists. Every real sample must carry
its provenance and licence. The tests read only files inside the repository.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

SAMPLES = Path(__file__).parents[1] / "sample_networks"
BA = SAMPLES / "bildungsallianz"
WAVES = (1, 2, 3)
SECTORS = {
    "Municipality",
    "Schools",
    "Foundations",
    "Business",
    "Higher education",
    "Civil society",
    "Health",
}
REAL_SAMPLES = (
    "davis_southern_women",
    "emon_drabek",
    "knoke_bureaucracies",
    "krackhardt_hightech",
    "padgett_florentine",
    "zachary_karate",
)
# The deliberate cases, as listed in sample_networks/bildungsallianz/README.md.
NON_ROSTER = "Sportverein Blau-Weiß Rheinstadt"
OLD_NAME, NEW_NAME, RENAMED_ID = (
    "Jugendhilfe Nord e.V.",
    "Kinder- und Jugendhilfe Nord e.V.",
    "BA046",
)
SELF_NOMINATION = (2, "Stadtbibliothek Rheinstadt")
SILENT_RESPONDENTS = {2: {"BA101"}}  # responded = 1 but no survey rows
README_EXAMPLES = (
    "GRUNDSCHULE AUF DER HÖHE", "grundschule nordstadt", "Diakonisches  Werk Rheinstadt",
    "Hochschule Rheinstadt ", "Jugendhilfe Nord", "Rhine Valley Tech", "Volksbank Rheinstadt",
    "Strassenkinder e.V.", "Grundschule am Schlosspark", "Strassenkinder eV",
    "Realschule Huettenstrasse", "Friedrich-Froebel-Schule", "Regionales Bildungsbuero Rheinstadt",
    "IHK", "HWK", "SPZ", "GS Mühlbach", "Diakonie Rheinstadt", "Rheinstadt Education Alliance",
)
ITEMS = {
    "intensity": 4, "frequency": 5, "reliability": 4, "mission_alignment": 4, "openness": 4,
    "power_influence": 4, "involvement": 4, "resource_contribution": 4,
}

_TRANSLITERATE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_LEGAL_FORM = re.compile(
    r"\s+(e\.\s?v\.?|ev|ggmbh|gmbh & co\. kg|gmbh|mbh|ag|eg|inc\.?|ltd\.?)$"
)


def simple_normalize(name: str) -> str:
    """Case, white space, umlauts, ß and a trailing legal form ignored."""
    text = " ".join(name.casefold().translate(_TRANSLITERATE).split())
    return _LEGAL_FORM.sub("", text)


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(BA / name, dtype=str, keep_default_na=False, encoding="utf-8")


@pytest.fixture(scope="module")
def generator():
    """generate.py imported by path, without writing __pycache__ into sample_networks."""
    spec = importlib.util.spec_from_file_location("_ba_generate", BA / "generate.py")
    module = importlib.util.module_from_spec(spec)
    old = sys.dont_write_bytecode
    sys.dont_write_bytecode = True
    try:
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = old
    return module


@pytest.fixture(scope="module")
def readme_waves() -> pd.DataFrame:
    """The 'Waves and response' table of the README."""
    lines = (BA / "README.md").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| wave | year |"))
    header = [c.strip() for c in lines[start].strip("|").split("|")]
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in line.strip("|").split("|")])
    return pd.DataFrame(rows, columns=header).set_index("wave")


def resolver(members: pd.DataFrame) -> dict[str, str]:
    """Normalized member name or alias -> actor id; fails on any ambiguity."""
    table: dict[str, str] = {}
    for actor, name, aliases in zip(members["actor"], members["name"], members["aliases"]):
        for text in [name, *filter(None, aliases.split("|"))]:
            key = simple_normalize(text)
            assert table.setdefault(key, actor) == actor, f"{text!r} is ambiguous"
    return table


@pytest.fixture(scope="module")
def resolved() -> dict[int, pd.DataFrame]:
    """Each wave's survey with `r` and `p` = resolved actor ids (None if unknown)."""
    out = {}
    for wave in WAVES:
        members = read(f"members_wave{wave}.csv")
        lookup = resolver(members)
        survey = read(f"survey_wave{wave}.csv")
        survey["r"] = [lookup.get(simple_normalize(x)) for x in survey["respondent"]]
        survey["p"] = [lookup.get(simple_normalize(x)) for x in survey["partner"]]
        out[wave] = survey
    return out


def observed_graph(wave: int, survey: pd.DataFrame) -> nx.Graph:
    """Union of reported ties among members (self-nominations, unknown names left out)."""
    members = read(f"members_wave{wave}.csv")
    G = nx.Graph()
    G.add_nodes_from(members["actor"])
    ok = survey.dropna(subset=["r", "p"])
    G.add_edges_from((r, p) for r, p in zip(ok["r"], ok["p"]) if r != p)
    return G


# -- reproducibility ------------------------------------------------------------------
def test_generator_reproduces_files_byte_for_byte(generator, tmp_path):
    written = generator.main(tmp_path)
    assert generator.SEED == 20261123
    assert sorted(p.name for p in written) == sorted(p.name for p in BA.glob("*.csv"))
    for path in written:
        assert path.read_bytes() == (BA / path.name).read_bytes(), path.name


def test_files_are_utf8_with_unix_line_endings():
    for path in BA.glob("*.csv"):
        data = path.read_bytes()
        data.decode("utf-8")
        assert b"\r" not in data, path.name
        assert data.endswith(b"\n"), path.name


# -- counts ---------------------------------------------------------------------------
def test_member_list_counts():
    actors = read("actors.csv")
    assert list(actors.columns) == [
        "actor", "name", "aliases", "sector", "backbone", "district", "founded",
        "wave_joined", "wave_left",
    ]
    assert len(actors) == 122 and actors["actor"].is_unique and actors["name"].is_unique
    assert set(actors["sector"]) == SECTORS
    assert set(actors["district"]) == {"Nord", "Süd", "Mitte", "Ost", "West", "citywide"}
    assert set(actors["wave_joined"]) == {"1", "2", "3"}
    assert set(actors["wave_left"]) == {"", "2", "3"}
    assert actors.loc[actors["backbone"] == "1", "actor"].tolist() == ["BA001"]
    # README table: 100, 106, 110 members; 11 joined in wave 2 and 3; 5 and 7 left
    sizes = {}
    for wave in WAVES:
        members = read(f"members_wave{wave}.csv")
        assert list(members.columns) == [
            "actor", "name", "aliases", "sector", "backbone", "responded"
        ]
        left = actors["wave_left"].replace("", "99").astype(int)
        expected = actors.loc[(actors["wave_joined"].astype(int) <= wave) & (left > wave), "actor"]
        assert members["actor"].tolist() == expected.tolist()
        assert members.loc[members["backbone"] == "1", "actor"].tolist() == ["BA001"]
        assert set(members["responded"]) == {"0", "1"}
        sizes[wave] = len(members)
    assert sizes == {1: 100, 2: 106, 3: 110}
    assert actors["wave_joined"].value_counts().to_dict() == {"1": 100, "2": 11, "3": 11}
    assert actors["wave_left"].value_counts().to_dict() == {"": 110, "3": 7, "2": 5}


def test_exactly_one_rename():
    names = {w: read(f"members_wave{w}.csv").set_index("actor")["name"] for w in WAVES}
    changes = [
        (actor, w, names[w][actor], names[w + 1][actor])
        for w in (1, 2)
        for actor in names[w].index.intersection(names[w + 1].index)
        if names[w][actor] != names[w + 1][actor]
    ]
    assert changes == [(RENAMED_ID, 2, OLD_NAME, NEW_NAME)]
    actors = read("actors.csv").set_index("actor")
    assert actors.at[RENAMED_ID, "name"] == NEW_NAME
    assert OLD_NAME in actors.at[RENAMED_ID, "aliases"].split("|")
    aliases = read("aliases.csv")
    assert ((aliases["alias"] == OLD_NAME) & (aliases["actor"] == RENAMED_ID)).sum() == 1
    wave3 = read("members_wave3.csv").set_index("actor")
    assert OLD_NAME in wave3.at[RENAMED_ID, "aliases"].split("|")


def test_alias_table_matches_actors():
    actors = read("actors.csv")
    expected = [
        (alias, actor)
        for actor, aliases in zip(actors["actor"], actors["aliases"])
        for alias in aliases.split("|") if alias
    ]
    assert list(read("aliases.csv").itertuples(index=False, name=None)) == expected


def test_response_rates_match_readme(readme_waves, resolved):
    bands = {1: "high", 2: "directional", 3: "caution"}
    for wave in WAVES:
        row = readme_waves.loc[str(wave)]
        members = read(f"members_wave{wave}.csv")
        k = int((members["responded"] == "1").sum())
        rate = 100 * k / len(members)
        assert int(row["members"]) == len(members)
        assert int(row["respondents"]) == k
        assert row["response rate"] == f"{rate:.1f} %"
        band = "high" if rate >= 80 else "directional" if rate >= 65 else "caution"
        assert band == bands[wave] and row["confidence band"].startswith(band)
        survey = resolved[wave]
        assert int(row["survey rows"]) == len(survey)
        assert int(row["partner names not verbatim (rows)"]) == int(
            (~survey["partner"].isin(members["name"])).sum()
        )


# -- ingest: names, values, deliberate cases ------------------------------------------------
def test_every_name_resolves_except_documented_cases(resolved):
    for wave, survey in resolved.items():
        members = read(f"members_wave{wave}.csv").set_index("actor")
        # respondents: all resolve, all marked as responded
        assert survey["r"].notna().all()
        assert (members.loc[survey["r"].unique(), "responded"] == "1").all()
        silent = set(members.index[members["responded"] == "1"]) - set(survey["r"])
        assert silent == SILENT_RESPONDENTS.get(wave, set())
        # partners: only the non-roster organisation is unknown (wave 2, two rows)
        unknown = survey.loc[survey["p"].isna(), "partner"].tolist()
        assert unknown == ([NON_ROSTER, NON_ROSTER] if wave == 2 else [])
        # self-nominations: only the documented one
        selves = survey.loc[survey["r"] == survey["p"], "respondent"].tolist()
        assert selves == ([SELF_NOMINATION[1]] if wave == SELF_NOMINATION[0] else [])
        # old name of the renamed organisation: only in wave 3 as alias (4 respondents, 7 rows)
        old = survey[survey["partner"].str.startswith("Jugendhilfe Nord")]
        if wave == 3:
            assert set(old["p"]) == {RENAMED_ID}
            assert (old["respondent"].nunique(), len(old)) == (4, 7)


def test_survey_ingests_with_sysmap_registry(resolved):
    """The package's own ActorRegistry resolves the same names to the same actors."""
    from sysmap.io.identity import ActorRegistry

    for wave, survey in resolved.items():
        members = read(f"members_wave{wave}.csv").set_index("actor")
        registry = ActorRegistry.from_frame(members)
        for column, ids in (("respondent", "r"), ("partner", "p")):
            for text, expected in zip(survey[column], survey[ids]):
                expected = expected if isinstance(expected, str) else None
                assert registry.resolve(text).actor == expected, (wave, text)


def test_name_variants_are_about_four_percent(resolved):
    seen = set()
    for wave, survey in resolved.items():
        members = read(f"members_wave{wave}.csv")
        share = (~survey["partner"].isin(members["name"])).mean()
        assert 0.03 <= share <= 0.06, (wave, share)
        seen |= set(survey["partner"])
    missing = [x for x in README_EXAMPLES if x not in seen]
    assert not missing, f"README examples not in the surveys: {missing}"


def test_survey_values_are_valid(resolved):
    relations = {"information sharing", "joint programs", "funding"}
    for survey in resolved.values():
        assert list(survey.columns[:11]) == ["respondent", "partner", "relation", *ITEMS]
        assert set(survey["relation"]) == relations
        assert survey["relation"].value_counts().idxmax() == "information sharing"
        for item, top in ITEMS.items():
            assert set(survey[item]) <= {str(v) for v in range(1, top + 1)}, item
        key = survey["r"] + "|" + survey["p"].fillna(survey["partner"]) + "|" + survey["relation"]
        assert key.is_unique
        # one rating per (respondent, partner): tie items equal over relation rows
        per_pair = survey.groupby(["r", survey["p"].fillna(survey["partner"])])[list(ITEMS)]
        assert (per_pair.nunique() == 1).all().all()


def test_wide_export_matches_long_wave1(resolved):
    wide = read("survey_wave1_wide.csv")
    members = read("members_wave1.csv")
    assert wide.columns[0] == "Organisation"
    assert list(wide.columns[1:]) == [f"Q5_{name}" for name in members["name"]]
    long = resolved[1]
    info = long[long["relation"] == "information sharing"]
    expected = {(r, p): v for r, p, v in zip(info["respondent"], info["p"], info["intensity"])}
    name_to_id = dict(zip(members["name"], members["actor"]))
    got = {
        (org, name_to_id[col[3:]]): value
        for org, row in zip(wide["Organisation"], wide.iloc[:, 1:].to_dict("records"))
        for col, value in row.items() if value != ""
    }
    assert got == expected
    assert list(wide["Organisation"]) == list(dict.fromkeys(long["respondent"]))


def test_partnerships_and_plan():
    aff = read("partnerships.csv")
    assert list(aff.columns) == ["actor", "affiliation", "type", "wave"]
    assert 15 <= aff["affiliation"].nunique() <= 25
    assert set(aff["type"]) == {"project", "committee", "grant"}
    assert set(aff["wave"]) == {"1", "2", "3"}
    assert not aff.duplicated().any()
    for wave in WAVES:
        members = set(read(f"members_wave{wave}.csv")["actor"])
        assert set(aff.loc[aff["wave"] == str(wave), "actor"]) <= members
    plan = read("plan.csv").set_index("sector").astype(int)
    assert set(plan.index) == SECTORS and list(plan.columns) == list(plan.index)
    assert (plan.to_numpy() == plan.to_numpy().T).all()
    assert set(plan.to_numpy().ravel()) == {0, 1} and (plan.to_numpy().diagonal() == 1).all()
    assert plan.at["Business", "Health"] == 1  # planned, but the observed gap


# -- the designed structure ----------------------------------------------------------------
def test_designed_structure(resolved):
    sector = read("actors.csv").set_index("actor")["sector"]
    ties, cross, gap = [], [], []
    for wave, survey in resolved.items():
        G = observed_graph(wave, survey)
        ties.append(G.number_of_edges())
        cross.append(sum(sector[u] != sector[v] for u, v in G.edges()))
        gap.append(sum({sector[u], sector[v]} == {"Health", "Business"} for u, v in G.edges()))
        # the backbone reaches every other sector
        assert {sector[v] for v in G["BA001"]} >= SECTORS - {"Civil society"}
        # single points of failure: removing the hub cuts off exactly its small group
        for hub, group in (("BA063", {"BA052", "BA058", "BA061"}), ("BA075", {"BA019", "BA049"})):
            H = G.copy()
            H.remove_node(hub)
            assert group in [set(c) for c in nx.connected_components(H)]
    # README: 461, 570, 687 ties, of which 207, 276, 345 cross sectors
    assert ties == [461, 570, 687]
    assert cross == [207, 276, 345]
    assert gap == [0, 0, 1]


def test_weak_ties_across_strong_within(resolved):
    sector = read("actors.csv").set_index("actor")["sector"]
    for survey in resolved.values():
        ok = survey.dropna(subset=["p"])
        ok = ok[ok["r"] != ok["p"]].drop_duplicates(["r", "p"])
        across = ok["r"].map(sector) != ok["p"].map(sector)
        weak = ok["intensity"].astype(int) <= 2
        assert weak[across].mean() > 0.5 > weak[~across].mean()


# -- real samples ----------------------------------------------------------------------
@pytest.mark.parametrize("name", REAL_SAMPLES)
def test_real_sample_has_readme_with_licence(name):
    folder = SAMPLES / name
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert re.search(r"^.*\blicen[cs]e\b.*:", readme, flags=re.IGNORECASE | re.MULTILINE)
    assert "Copied from the sysmap kit's shared datasets." in readme
    assert list(folder.glob("*.csv"))


def test_index_readme_lists_every_sample():
    index = (SAMPLES / "README.md").read_text(encoding="utf-8")
    folders = sorted(p.name for p in SAMPLES.iterdir() if p.is_dir() and p.name[0] not in "._")
    assert folders == sorted([*REAL_SAMPLES, "bildungsallianz"])
    for name in folders:
        assert f"`{name}`" in index, name
