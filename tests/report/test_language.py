"""The coordination-gap report speaks one language: the language scan in both directions.

A German report of the messy German survey (tests/data/messy_de) holds no English word
of sysmap's own (headers, statuses, rule names, parameters), and the English report of
the sample holds no German one. The data's own words (names, sectors, districts) and
the literature cited (marked ``lang="en"`` in the page) are left out of the scan.
"""

from __future__ import annotations

import html
import re
import warnings
from pathlib import Path

import pytest

import sysmap
from sysmap.report.gaps import gap_report

MESSY = Path(__file__).resolve().parents[1] / "data" / "messy_de"

#: English words that a German report must not contain (sysmap's words, not data).
ENGLISH = re.compile(
    r"\b(the|and|of|with|from|ties?|actors?|network|findings?|sector|group|None|True|"
    r"False|nan|respondent|responded|did_not_respond|community|size|metric|value|"
    r"broker|liaison|gatekeeper|constraint|betweenness|yes|no|not|only|share|cluster|"
    r"union|mutual|respondent_priority|internal_ties|key_members|n_actors)\b"
)
#: German words that an English report must not contain.
GERMAN = re.compile(
    r"\b(und|der|die|das|nicht|Beziehungen|Befunde?|Akteure|Partner|Gruppen?|Sektor|"
    r"ja|nein|keine|Quelle|Dichte|Rücklaufquote|Netzwerkkarte|gegenseitig)\b"
)


def visible_words(markup: str, data: sysmap.NetworkData) -> str:
    """The page's visible text without styles, scripts, cited literature and data
    (the actors' names and attributes, and the names of the attribute columns)."""
    markup = re.sub(r"<(style|script)\b.*?</\1>", " ", markup, flags=re.S)
    markup = re.sub(r'<(?!html)(\w+)[^>]*\blang="en"[^>]*>.*?</\1>', " ", markup, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", markup))
    values = {*data.actors.drop(columns="status").to_numpy().ravel(), *data.actors.index}
    values |= {f"„{c}“" for c in data.actors.columns}  # a column quoted by a German note
    words = {v for v in values if isinstance(v, str) and len(v) > 2}
    for value in sorted(words, key=len, reverse=True):
        text = text.replace(value, " ")
    return text


@pytest.fixture(scope="module")
def messy() -> sysmap.NetworkData:
    with warnings.catch_warnings():  # the planted problems (tests/test_messy_survey.py)
        warnings.simplefilter("ignore", sysmap.DataQualityWarning)
        members = sysmap.read_actors(MESSY / "mitglieder_welle1.csv")
        return sysmap.read_survey(MESSY / "befragung_welle1.csv", actors=members)


def test_german_report_has_no_english_words(messy):
    report = gap_report(messy, lang="de", seed=0)
    text = visible_words(report.html, messy)
    assert "Befunde" in text  # the scan reads the page's words
    assert ENGLISH.findall(text) == []


def test_english_report_has_no_german_words():
    data = sysmap.load_sample("bildungsallianz", wave=1)
    report = gap_report(data, lang="en", seed=0)
    text = visible_words(report.html, data)
    assert "Findings" in text
    assert GERMAN.findall(text) == []
