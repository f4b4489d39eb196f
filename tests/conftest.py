"""Shared fixtures: tiny member lists and surveys written as real files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def write(tmp_path):
    """Write text to a file in tmp_path (encoding selectable) and return its path."""

    def _write(name: str, text: str, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return _write


@pytest.fixture
def members_csv(write):
    return write(
        "members.csv",
        "actor,name,aliases,sector,responded\n"
        "A1,Stadt Rheinstadt,Stadtverwaltung|SR,Municipality,yes\n"
        "A2,Straßenkinder e.V.,,Civil society,yes\n"
        "A3,Grundschule Am Mühlbach,GS Mühlbach,Schools,no\n"
        "A4,Bürgerstiftung Rheinstadt,,Foundations,yes\n",
    )


@pytest.fixture
def survey_csv(write):
    return write(
        "wave1.csv",
        "respondent,partner,relation,intensity,reliability,mission_alignment,openness\n"
        "Stadt Rheinstadt,Straßenkinder e.V.,information sharing,3,4,3,2\n"
        "Stadt Rheinstadt,GS Mühlbach,information sharing,2,3,3,3\n"
        "Straßenkinder e.V.,Stadt Rheinstadt,information sharing,4,4,4,4\n"
        "Strassenkinder eV,Bürgerstiftung Rheinstadt,joint programs,1,,2,2\n"
        "Bürgerstiftung Rheinstadt,Stadtverwaltung,information sharing,2,2,2,2\n",
    )


@pytest.fixture
def tiny_survey() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "respondent": ["A", "A", "B", "C"],
            "partner": ["B", "C", "A", "D"],
            "intensity": [2, 3, 4, 1],
        }
    )
