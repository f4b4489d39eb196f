"""Member lists for the instrument tests: the bundled sample and one with hostile names."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sysmap import read_actors

REPO = Path(__file__).resolve().parents[2]
SAMPLE_MEMBERS = REPO / "sample_networks" / "bildungsallianz" / "members_wave1.csv"

#: Names every writer must carry through unchanged: commas, quotes, umlauts, text
#: that spreadsheets run as formulas, LimeSurvey expressions, XLSForm references,
#: HTML, LimeSurvey's category separator and a right-to-left override.
HOSTILE = [
    ("H1", 'Verein "Brücke", Nord e.V.', "Civil society"),
    ("H2", "=HYPERLINK(\"http://evil\",\"click\")", "Civil society"),
    ("H3", "+49 Straßenbau GmbH", "Business"),
    ("H4", "-Minus & Söhne", "Business"),
    ("H5", "@home Jugendtreff", ""),
    ("H6", "Schule {if(1,2,3)} am See", "Schools"),
    ("H7", "Kita ${respondent} Sonnenschein", "Schools"),
    ("H8", "<script>alert(1)</script> Zentrum", "Health"),
    ("H9", "Amt für Schule::Bildung", "Municipality"),
    ("H10", "O'Brien's Café; Tab", "Business"),
    ("H11", "Zentrum \u202eNord", "Health"),
]


@pytest.fixture(scope="session")
def sample_members():
    return read_actors(SAMPLE_MEMBERS)


@pytest.fixture(scope="session")
def hostile_members():
    frame = pd.DataFrame(HOSTILE, columns=["actor", "name", "sector"])
    return read_actors(frame)
