"""The findings catalogue: complete in both languages, used by the code, documented.

tests/test_i18n.py already checks that en and de have the same keys and
fields; these tests check that the keys the rules use exist, that every key
is used, and that docs/findings.md shows every rule, threshold and wording.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sysmap.findings import DEFAULT_THRESHOLDS, MESSAGES, RULES, Thresholds, findings_catalogue
from sysmap.i18n import catalogue

SRC = Path(__file__).resolve().parents[2] / "src" / "sysmap" / "findings"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "findings.md"
#: Keys looked up by prefix in code (f-strings), not literally.
DYNAMIC = ("severity.", "activity.", "variant.", "intensity.", "count.", "rule.", "metric.",
           "heading.", "label.", "skip.", "reason.", "note.", "robust.", "list.",
           "response_rate.", "action.response_rate.", "low_", "action.low_",
           "action.over_reliance.", "strength.", "attribute.", "over_reliance.", "when.",
           "theme.", "merged.", "action.merged.", "threshold.")


@pytest.mark.parametrize("lang", ["en", "de"])
def test_catalogue_table(lang):
    table = findings_catalogue(lang)
    assert set(table["rule"]) == set(RULES)
    assert table.index.is_unique
    assert table.notna().all().all() and (table != "").all().all()
    assert table.loc["key_players", "thresholds"] == (
        "key_players_k=3; key_players_min_increase=0.1; key_players_high_increase=0.3"
    )


def test_every_literal_key_exists_and_every_key_is_used():
    keys = set(catalogue("findings", "en"))
    code = "\n".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py"))
    literal = set(re.findall(r'say\(\s*"([a-z_.]+)"', code))
    assert sorted(literal - keys) == []
    used = {k for kinds in MESSAGES.values() for _, st, ac in kinds for k in (*st, *ac)}
    unused = [k for k in sorted(keys)
              if k.removesuffix(".one") not in used | literal
              and f'"{k.removesuffix(".one")}"' not in code and not k.startswith(DYNAMIC)]
    assert unused == []


def test_thresholds_are_documented():
    docs = Thresholds.docs()
    assert list(docs) == list(DEFAULT_THRESHOLDS)
    assert all(text for _, text in docs.values())
    params = {p for rule in RULES.values() for p in rule.params}
    assert params <= set(DEFAULT_THRESHOLDS)


def test_docs_show_every_rule_threshold_and_wording():
    text = DOCS.read_text(encoding="utf-8")
    for lang in ("en", "de"):
        table = findings_catalogue(lang)
        for column in ("title", "meaning", "metric"):
            for value in table[column].unique():
                assert value in text, (lang, column, value)
        for value in table["statements"].tolist() + table["actions"].tolist():
            for template in value.split(" | "):
                assert template in text, (lang, template)
    for name, default in DEFAULT_THRESHOLDS.items():
        assert f"`{name}`" in text and f"| {default} |" in text, name
