"""Tests for the partner profiles (sysmap.report.profiles) and ``sysmap profiles``.

The numbers of a profile come from the network: partners = degree of the
reconstructed network, named by = the organizations whose answers name it,
brokerage pairs = pairs of partners without a tie (C(d, 2) minus triangles).
A five-organization survey worked by hand checks every count, mark and next
step; the bundled sample and the messy German survey check that every actor
gets a profile; hostile names check the escaping; Chromium checks that the
file fetches nothing and prints one profile per page.
"""

from __future__ import annotations

import html
import json
import re
import warnings
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

import sysmap
from sysmap.cli import main
from sysmap.report.profiles import CSP, MIN_RATINGS, partner_profiles, profile_slug

REPO = Path(__file__).resolve().parents[2]
SAMPLE = sysmap.datasets.sample_path("bildungsallianz")
MESSY = REPO / "tests" / "data" / "messy_de"
XSS = '"><img src=x onerror="window.__pwned=1">'
SCRIPT = "<script>window.__pwned=2</script>"
RLO = "Stadt\u202eevil"  # an unclosed right-to-left override

#: English words of the profile pages that must not appear in a German profile.
ENGLISH = re.compile(
    r"\b(the|and|your|you|with|named|partners|organizations?|survey|trust|value|pairs|"
    r"role|group|groups|answered|ratings?|introduce|next|index|yes|no|not|only)\b"
)
#: German words of the profile pages that must not appear in an English profile.
GERMAN = re.compile(
    r"\b(und|Ihre?|Sie|Partnerprofile?|genannt|Gruppen?|Bewertungen?|nicht|Rolle|"
    r"Vertrauen|Nutzen|Befragung|Organisationen|Übersicht|ja|nein)\b"
)


def page_text(markup: str) -> str:
    """The visible text of a page: tags, the style sheet and entities removed."""
    markup = re.sub(r"<style>.*?</style>", " ", markup, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def without(text: str, values) -> str:
    """`text` without the data's own words (names, group labels), longest first."""
    words = {v for v in values if isinstance(v, str) and len(v) > 2}
    for value in sorted(words, key=len, reverse=True):
        text = text.replace(value, " ")
    return text


@pytest.fixture(scope="module")
def wave1():
    return sysmap.load_sample("bildungsallianz", wave=1)


@pytest.fixture(scope="module")
def sample(wave1):
    partnerships = sysmap.load_sample("bildungsallianz", wave=1, kind="partnerships")
    return partner_profiles(wave1, affiliations=partnerships, seed=0)


@pytest.fixture
def small(write):
    """Five organizations worked by hand (see test_small_network_by_hand)."""
    members = write(
        "members.csv",
        "actor,name,sector,responded\n"
        "A,Amt,City,yes\nB,Bezirk,City,yes\nC,Club,Civil,no\nD,Dom,Church,yes\n"
        "E,Eltern,Civil,yes\n",
    )
    survey = write(
        "survey.csv", "respondent,partner,intensity\nA,B,3\nA,C,2\nB,A,4\nD,A,1\nE,C,2\n"
    )
    return sysmap.read_survey(survey, actors=sysmap.read_actors(members))


@pytest.fixture
def hostile_files(write):
    members = write(
        "members.csv",
        "actor,name,sector,responded\n"
        f'A1,"{XSS.replace(chr(34), chr(34) * 2)}",Schools,yes\n'
        f"A2,{SCRIPT},Schools,yes\n"
        f"A3,{RLO},Health,yes\n"
        '"../A4",Bürgerstiftung,</td><b>Sector</b>,no\n',
    )
    survey = write(
        "survey.csv", "respondent,partner,intensity\nA1,A2,3\nA2,A3,2\nA3,A1,4\nA3,../A4,1\n"
    )
    return survey, members


@pytest.fixture
def hostile(hostile_files):
    survey, members = hostile_files
    return sysmap.read_survey(survey, actors=sysmap.read_actors(members))


# ----------------------------------------------------------------------------- numbers
def test_small_network_by_hand(small):
    # union of the reports A-B, A-C, B-A, D-A, E-C: ties A-B, A-C, A-D, C-E
    profiles = partner_profiles(small, group="sector", seed=0)  # 5 actors: not "auto"
    a = profiles["A"]
    assert a.figures["partners"] == 3  # B, C, D
    assert a.figures["named_by"] == 2 and a.figures["named"] == 2  # by B and D; names B, C
    assert a.figures["one_sided_in"] == 1 and a.figures["one_sided_out"] == 0  # D named A
    marks = a.partners["note"].to_dict()
    # B mutual; C did not answer (no mark, "did not answer"); D one-sided towards A
    assert marks == {"B": "", "C": "", "D": "one_sided_in"}
    assert a.partners.loc["C", "named_by_partner"] is pd.NA
    # pairs of A's partners without a tie: B-C, B-D, C-D = 3; by sector (A: City):
    # B(City)-C(Civil) and B-D(Church) link A's group with another, C-D two other groups
    assert a.figures["brokerage_pairs"] == 3
    assert a.brokerage == {"within_own": 0, "own_other": 2, "within_other": 0, "across": 1}
    # B and D have no partner but A (degree 1): the sole-link step names them and C, A's
    # other partner; then D, who named A unanswered, is to be confirmed
    assert a.steps["kind"].tolist() == ["sole_link", "confirm"]
    assert "Bezirk and Dom reach the rest" in a.steps["text"][0] and "Club" in a.steps["text"][0]
    c = profiles["C"]  # did not answer: named by A and E; E has no other partner
    assert c.figures["named_by"] == 2 and c.figures["named"] is None
    assert c.steps["kind"].tolist() == ["sole_link", "answer"]
    assert c.steps["text"][1].startswith("2 organizations named you")
    # C's groups: one partner in City (A), one in its own group Civil (E)
    assert c.connects[["group", "partners", "own"]].values.tolist() == [
        ["City", 1, False],
        ["Civil", 1, True],
    ]


def test_every_actor_of_the_sample_has_a_profile_that_agrees_with_the_network(wave1, sample):
    G = sysmap.build_network(wave1)  # reconstruction (union), the default
    assert set(sample) == set(G) and len(sample) == 100
    reports = wave1.ties.loc[wave1.ties["source"] != wave1.ties["target"]]
    named_by = reports.groupby("target")["source"].nunique()
    named = reports.groupby("source")["target"].nunique()
    triangles = nx.triangles(G)
    for v, p in sample.items():
        d = G.degree(v)
        assert p.figures["partners"] == d == int(p.partners["tie"].sum()), v
        assert p.figures["named_by"] == named_by.get(v, 0), v
        if p.status == "responded":
            assert p.figures["named"] == named.get(v, 0), v
        assert p.figures["brokerage_pairs"] == d * (d - 1) // 2 - triangles[v], v
        assert sum(p.brokerage.values()) == p.figures["brokerage_pairs"], v
        assert 1 <= len(p.steps) <= 2, v
    # ratings received: PARTNER's mean of the ratings others gave, one rating per rater
    # (a partner's ratings on several relations merged by their maximum, as the network
    # merges them), so the count is the raters, as in the findings on the same page
    rated = reports.groupby(["source", "target"])["value"].max().groupby("target")
    for v in ("BA001", "BA063"):
        p = sample[v]
        assert p.figures["value_received"] == pytest.approx(rated.mean()[v])
        assert p.figures["value_ratings"] == rated.count()[v]
    low = sample.findings["low_value:BA063"].values  # medium finding: 1.97 from 13 raters
    assert sample["BA063"].figures["value_received"] == pytest.approx(low["mean"])
    assert sample["BA063"].figures["value_ratings"] == low["ratings"] == 13
    # the backbone brokers the most pairs of partners without a tie
    assert sample["BA001"].figures["brokerage_rank"] == 1


def test_introductions_come_from_the_findings(sample):
    introductions = [f for f in sample.findings if f.kind == "introduction"]
    assert introductions
    for f in introductions:
        for v in f.actors:
            assert f.statement in sample[v].text["introductions"]
    # the first introduction's step names its intermediary and the other organization
    first = introductions[0]
    u, v = first.actors
    step = sample[u].steps.set_index("kind").loc["introduction", "text"]
    assert sample[v].name in step and sample.graph.nodes[first.values["via"][0]]["name"] in step


def test_few_ratings_are_not_shown(sample):
    few = [p for p in sample.values() if 0 < p.figures.get("trust_ratings", 0) < MIN_RATINGS]
    assert few  # the sample has organizations rated by one or two partners
    for p in few:
        mean = sysmap.i18n.format_number(p.figures["trust_received"], "en", digits=2)
        text = " ".join(p.text["ratings"])
        assert "not shown" in text and f" {mean} on average" not in text


def test_data_access(sample):
    frame = sample.frame
    assert frame.index.name == "actor" and len(frame) == 100
    assert {"partners", "named_by", "brokerage_pairs", "role", "next_steps"} <= set(frame)
    steps = sample.steps
    assert list(steps.columns) == ["actor", "name", "step", "kind", "text"]
    assert set(steps["actor"]) == set(sample)
    json.dumps(sample["BA001"].to_dict())  # plain Python throughout


def test_the_report_results_are_reused(small):
    from sysmap.cluster import cluster_actors
    from sysmap.metrics.store import MeasureStore

    G = sysmap.build_network(small)
    store = MeasureStore(G, seed=0)
    findings = sysmap.find_gaps(small, group="sector", seed=0, robustness=False, store=store)
    clusters = cluster_actors(G, group="sector", seed=0, store=store).in_language("de")
    profiles = partner_profiles(
        small, lang="de", group="sector", findings=findings, clusters=clusters, store=store
    )
    assert profiles.graph is store.G and store.computed.count("brokerage") == 1
    assert profiles["A"].role == clusters.actors.loc["A", "role"]
    with pytest.raises(sysmap.ParameterError, match="findings are in 'de'"):
        partner_profiles(small, lang="en", findings=findings.in_language("de"), store=store)


# ----------------------------------------------------------------------------- the page
def test_index_links_every_profile_and_each_starts_a_printed_page(sample):
    markup = sample.html
    for p in sample.values():
        assert f'<section id="{p.slug}">' in markup and f'href="#{p.slug}"' in markup
    assert "section + section[id^=\"profile-\"] { break-before: page; }" in markup
    assert "@page { size: A4;" in markup


def test_the_page_fetches_nothing(sample):
    markup = sample.html
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', markup)[1]
    assert csp == CSP and "default-src 'none'" in csp and "script-src" not in csp
    assert not re.search(r"<(script|iframe|link|img|object|embed|base)\b", markup, re.I)
    assert not re.search(r"(src|href)=\"(?!#)", markup)  # only links within the page
    assert "@import" not in markup and "url(" not in markup


def test_hostile_names_are_escaped_and_isolated(hostile, tmp_path):
    profiles = partner_profiles(hostile, seed=0)
    markup = profiles.html
    assert "<img" not in markup and "<script" not in markup.lower()
    assert "<b>Sector</b>" not in markup and "&lt;/td&gt;&lt;b&gt;Sector" in markup
    assert "&lt;script&gt;" in markup and "onerror=&quot;" in markup
    # every right-to-left override is closed before the element it is in ends
    assert markup.count("\u202e") >= 3
    assert all("\u202c" in chunk for chunk in re.findall("\u202e[^<]*", markup))
    # in sentences the name is isolated, so it cannot reverse the rest
    a3 = profiles["A3"]
    assert any("\u2068" + RLO in line for line in a3.text["role"] + a3.text["brokerage"]
               + [t for t in a3.steps["text"]] + [t for t in profiles["A1"].steps["text"]])
    # file names and anchors from ids, never names
    written = profiles.save_split(tmp_path / "split")
    assert sorted(p.name for p in written) == [
        "index.csv", "profile-A1.html", "profile-A2.html", "profile-A3.html", "profile-A4.html",
    ]
    assert all(p.parent == tmp_path / "split" for p in written)
    one = (tmp_path / "split" / "profile-A2.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned=2&lt;/script&gt;" in one and "<script" not in one


def test_slugs_are_safe_and_unique():
    taken: set[str] = set()
    slugs = [profile_slug(v, taken) for v in ("a/b", "a-b", "A-B", "..", "", "x" * 200, "ä")]
    assert slugs == ["profile-a-b", "profile-a-b-2", "profile-A-B-3", "profile-actor",
                     "profile-actor-2", "profile-" + "x" * 60, "profile-a"]
    assert all(re.fullmatch(r"profile-[A-Za-z0-9_-]+", s) for s in slugs)


def test_in_a_browser_offline_and_printed(offline_page, hostile, tmp_path):
    path = partner_profiles(hostile, seed=0).save(tmp_path / "profiles.html")
    view = offline_page(path, width=1200, height=1600, ready=False)
    assert view.js("document.querySelectorAll('section[id^=\"profile-\"]').length") == 4
    assert view.js("document.querySelectorAll('table.index a').length") == 4
    view.page.emulate_media(media="print")
    breaks = view.js(
        "[...document.querySelectorAll('section[id^=\"profile-\"]')]"
        ".map(s => getComputedStyle(s).breakBefore)"
    )
    assert breaks == ["page"] * 4
    pdf = view.page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 5  # the index, then a page each
    view.clean()  # no request, no script error, no CSP violation, nothing injected


# ----------------------------------------------------------------------------- languages
def test_german_profiles_of_the_messy_survey(tmp_path, capsys):
    out = tmp_path / "profile.html"
    code = main(["profiles", str(MESSY / "befragung_welle1.csv"), "--actors",
                 str(MESSY / "mitglieder_welle1.csv"), "--lang", "de", "-o", str(out)])
    printed = capsys.readouterr().out
    assert code == 0 and "Partnerprofile gespeichert" in printed
    markup = out.read_text(encoding="utf-8")
    sections = re.findall(r'<section id="(profile-[^"]+)">', markup)
    with warnings.catch_warnings():  # the planted problems (tests/test_messy_survey.py)
        warnings.simplefilter("ignore", sysmap.DataQualityWarning)
        data = sysmap.read_survey(MESSY / "befragung_welle1.csv",
                                  actors=sysmap.read_actors(MESSY / "mitglieder_welle1.csv"))
    assert len(sections) == len(data.actors)  # every organization, named ones not on the list
    groups = [c for c in data.actors.columns if c not in ("status", "aliases")]
    values = [*data.actors[groups].to_numpy().ravel(), *data.actors.index]
    text = without(page_text(markup), values)
    assert ENGLISH.findall(text) == []
    assert "Was Sie als Nächstes tun können" in text and "Ihre Partner" in text


def test_english_profiles_have_no_german_words(tiny_survey):
    profiles = partner_profiles(sysmap.read_survey(tiny_survey), lang="en")
    assert GERMAN.findall(page_text(profiles.html)) == []
    assert "What to do next" in profiles.html


# ----------------------------------------------------------------------------- command line
def test_command_writes_one_file_or_one_per_partner(hostile_files, tmp_path, capsys):
    survey, members = hostile_files
    args = ["profiles", str(survey), "--actors", str(members)]
    assert main([*args, "-o", str(tmp_path / "profiles.html")]) == 0
    assert "Wrote 4 partner profiles" in capsys.readouterr().out
    assert main([*args, "--split", "-o", str(tmp_path / "each")]) == 0
    files = sorted(p.name for p in (tmp_path / "each").iterdir())
    assert files == ["index.csv", "profile-A1.html", "profile-A2.html", "profile-A3.html",
                     "profile-A4.html"]
    index = pd.read_csv(tmp_path / "each" / "index.csv", encoding="utf-8-sig")
    assert index.set_index("actor").loc["../A4", "file"] == "profile-A4.html"
    # an output that is an input is refused before any work
    assert main([*args, "-o", str(members)]) == 2
    assert "-o" in capsys.readouterr().err


def test_report_links_every_profile(hostile_files, tmp_path, capsys):
    survey, members = hostile_files
    out = tmp_path / "report.html"
    args = ["report", str(survey), "--actors", str(members), "--profiles", "-o", str(out)]
    assert main(args) == 0
    assert "Wrote 4 partner profiles" in capsys.readouterr().out
    report = out.read_text(encoding="utf-8")
    profiles = (tmp_path / "report-profiles.html").read_text(encoding="utf-8")
    links = re.findall(r'href="report-profiles\.html#([^"]+)"', report)
    anchors = re.findall(r'<section id="(profile-[^"]+)">', profiles)
    assert sorted(links) == sorted(anchors) and len(anchors) == 4
    # the section comes before the methods; its names are escaped like every other
    sections = re.findall(r'<section id="([^"]+)">', report)
    assert sections.index("profiles") < sections.index("methods")
    block = report[report.index('<section id="profiles">'):]
    block = block[: block.index("</section>")]
    assert "<img" not in block and "&lt;script&gt;" in block
