"""Wording at the edge: findings are made once, without a language, and rendered on request.

The rules run once per network (main and each alternative); rendering in English
or German only formats the recorded messages. The tests count the rule calls to
show that a German report does not run the analysis again.
"""

from __future__ import annotations

import collections
import dataclasses
import pickle

import networkx as nx
import pandas as pd
import pytest

import sysmap
from sysmap.exceptions import ParameterError
from sysmap.findings import RULES, Finding, Findings, find_gaps
from sysmap.findings._text import Text
from sysmap.i18n import Group, Msg
from sysmap.io import read_actors, read_survey


@pytest.fixture
def calls(monkeypatch):
    """Rule name -> number of calls, for every rule of RULES."""
    counts: collections.Counter = collections.Counter()
    for name, rule in list(RULES.items()):

        def counted(ctx, t, _name=name, _func=rule.func):
            counts[_name] += 1
            return _func(ctx, t)

        monkeypatch.setitem(RULES, name, dataclasses.replace(rule, func=counted))
    return counts


@pytest.fixture(scope="module")
def alliance():
    return sysmap.load_sample("bildungsallianz", wave=1)


def test_german_findings_render_without_running_the_rules_again(alliance, calls):
    found = find_gaps(alliance, seed=0)
    ran = sum(calls.values())
    # 13 rules on the main network; on each of the 3 alternatives all but the ones that
    # do not depend on the network (non_respondents, one_sided_ties, low_trust_value and
    # data_quality): 13 + 3 * 9 = 40 calls
    assert ran == 13 + 3 * 9
    assert found.lang is None
    en, de = found.in_language("en"), found.in_language("de")
    assert sum(calls.values()) == ran  # rendering ran no rule
    assert (en.lang, de.lang) == ("en", "de")
    # the same findings, the same severities and robustness, worded in each language
    assert en.ids == de.ids == found.ids
    assert [f.severity for f in de] == [f.severity for f in en]
    assert [f.robust for f in de] == [f.robust for f in en]
    assert en["response_rate"].statement == (
        "85 of 100 members answered the survey (85%), enough for high confidence in the "
        "results."
    )
    assert de["response_rate"].statement == (
        "85 von 100 Mitgliedern haben an der Befragung teilgenommen (85 %); das reicht für "
        "belastbare Ergebnisse."
    )
    # the findings made by find_gaps read as English (the messages are str)
    assert found["response_rate"].statement == en["response_rate"].statement
    # rendered findings are plain text and can be rendered again in another language
    assert all(type(f.statement) is str and type(f.action) is str for f in de)
    assert de.in_language("en").to_text() == en.to_text() == found.to_text("en")
    assert de.to_text() == found.to_text("de")
    assert sum(calls.values()) == ran


def test_german_report_runs_the_rules_once(calls, tmp_path):
    from sysmap.report.gaps import gap_report

    # two triangles joined by x1 - y1, which only x1 reports (all respond)
    G = nx.Graph([("x1", "x2"), ("x2", "x3"), ("x1", "x3"), ("y1", "y2"), ("y2", "y3"),
                  ("y1", "y3"), ("x1", "y1")])
    roster = pd.DataFrame({"actor": list(G), "sector": [v[0].upper() for v in G],
                           "responded": 1})
    rows = [(u, v) for a, b in G.edges() for u, v in ((a, b), (b, a)) if (u, v) != ("y1", "x1")]
    data = read_survey(pd.DataFrame(rows, columns=["respondent", "partner"]),
                       actors=read_actors(roster))
    find_gaps(data, seed=0)
    once = dict(calls)
    calls.clear()
    report = gap_report(data, lang="de", seed=0)
    assert dict(calls) == once  # the report ran the analysis exactly once
    assert report.findings.lang == "de"
    assert "Hängt davon ab, wie Beziehungen" in report.findings[
        "single_point_of_failure:x1"].robustness_note
    assert report.tables["findings"]["statement"].equals(report.findings.frame["statement"])
    # the English words of the same run, without running it again
    english = report.findings.in_language("en")
    assert english.ids == report.findings.ids
    assert dict(calls) == once


def test_lang_shorthand_renders_the_same_findings(alliance, calls):
    found = find_gaps(alliance, seed=0, robustness=False, lang="de")
    assert found.lang == "de"
    assert found.to_text() == find_gaps(alliance, seed=0, robustness=False).to_text("de")
    with pytest.raises(ParameterError, match="lang must be one of"):
        find_gaps(alliance, robustness=False, lang="fr")


def test_findings_render_in_both_languages():
    say = Text()
    evidence = pd.DataFrame({"name": ["Schule am Bach"], "sector": [Group("unknown")]},
                            index=pd.Index(["s1"], name="actor"))
    finding = Finding(
        "isolated", "isolated_peripheral", "medium",
        say.say("isolated", n=1, count=1, name="Schule am Bach", names="Schule am Bach"),
        evidence=evidence, action=say.say("action.isolated"),
        metric=say.say("metric.isolated_peripheral"),
        robustness_note=say.say("robust.not_checked", reason=say.say("reason.disabled")),
    )
    found = Findings([finding], skipped={"plan_vs_reality": say.say("skip.no_plan")},
                     notes=[say.say("note.missing_group", n=2, count=2, group="sector")])
    # messages read as English until rendered (locales/en/findings.json "isolated.one")
    assert isinstance(found["isolated"].statement, Msg)
    assert found["isolated"].statement == "Schule am Bach has no tie to any other partner."
    de = found.in_language("de")
    assert de["isolated"].statement == (
        "Schule am Bach hat keine Beziehung zu anderen Partnern.")  # de "isolated.one"
    assert de["isolated"].evidence["sector"].tolist() == ["unbekannt"]
    assert found.evidence("de")["sector"].tolist() == ["unbekannt"]
    assert found.evidence()["sector"].tolist() == ["unknown"]
    assert de.skipped == {"plan_vs_reality": "kein Plan übergeben (plan=...)"}
    assert de.notes[0].startswith("2 Akteure haben kein Attribut „sector“.")
    frame = found.to_frame("de")
    assert frame.loc[0, "robustness_note"] == (
        "Grund: die Robustheitsprüfung wurde abgeschaltet (robustness=False).")
    assert "[mittel] isolated" in found.to_text("de")
    # a slice of rendered findings renders from the same source
    assert de[:1].in_language("en").to_text() == found.to_text("en")


def test_numbers_and_lists_render_per_language():
    say = Text()
    assert (say.percent(0.853, 1), say.percent(0.853, 1).render("de")) == ("85.3%", "85,3 %")
    assert say.number(1234.5).render("de") == "1.234,5"
    names = say.names(["A", "B", "C", "D", "E", "F", "G", "H"])
    assert (names, names.render("de")) == ("A, B, C, D, E, F and 2 more",
                                            "A, B, C, D, E, F und 2 weitere")
    assert say.count(1, "rating").render("de") == "1 Bewertung"
    # messages survive pickling (worker processes, caches) with their language-neutral form
    again = pickle.loads(pickle.dumps(names))
    assert (type(again), again.render("de")) == (type(names), "A, B, C, D, E, F und 2 weitere")
    # a sentence ending in a name that ends in a full stop keeps one full stop
    stop = say.say("single_point_of_failure", name="Z", cut_off=2, pairs=3,
                   names=say.names(["A", "Verein e.V."]))
    assert stop.endswith("A and Verein e.V.")
    assert stop.render("de").endswith("A und Verein e.V.")
