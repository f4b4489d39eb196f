"""Golden files: the English and German findings for the bildungsallianz sample, wave 1.

The files hold ``Findings.to_text(lang)`` of one run of
``find_gaps(load_sample("bildungsallianz", wave=1), plan=plan.csv,
affiliations=<wave-1 partnership records>, seed=0)``, rendered in English and
German. Any change to a statement, an action, a threshold, a rule or the
robustness check shows up as a diff here; review it, then regenerate the files
with::

    SYSMAP_UPDATE_GOLDEN=1 .venv/bin/pytest tests/findings/test_golden.py

The figures they contain are cross-checked by hand against the sample's
design in its README (Business-Health gap, BA063's neighbourhood, isolates,
response rate 85 of 100) in test_engine.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import sysmap
from sysmap.findings import find_gaps

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("SYSMAP_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def found():
    data = sysmap.load_sample("bildungsallianz", wave=1)
    partnerships = sysmap.load_sample("bildungsallianz", wave=1, kind="partnerships")
    plan = sysmap.datasets.sample_path("bildungsallianz") / "plan.csv"
    return find_gaps(data, plan=plan, affiliations=partnerships, seed=0)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_golden_statements(found, lang):
    text = found.to_text(lang)
    path = GOLDEN / f"bildungsallianz_wave1_{lang}.txt"
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert text == expected, (
        f"findings text differs from {path.name}; if the change is intended, regenerate with "
        "SYSMAP_UPDATE_GOLDEN=1"
    )


def test_golden_files_agree_across_languages():
    en = (GOLDEN / "bildungsallianz_wave1_en.txt").read_text(encoding="utf-8")
    de = (GOLDEN / "bildungsallianz_wave1_de.txt").read_text(encoding="utf-8")

    def ids(text: str) -> list[str]:
        return [line.split("] ", 1)[1] for line in text.splitlines() if line.startswith("[")]

    # the same findings in the same order, whatever the language
    assert ids(en) == ids(de)
    assert "[high] sector_gap:Business|Health" in en
    assert "[hoch] sector_gap:Business|Health" in de
    assert "85 von 100 Mitgliedern haben an der Befragung teilgenommen (85 %)" in de
