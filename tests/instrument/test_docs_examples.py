"""The items files shown in docs/survey.md and docs/befragung.md work as described."""

from __future__ import annotations

import pytest

from sysmap.instrument import item_set

from .conftest import REPO


def _blocks(page: str) -> list[tuple[str, str]]:
    """(language, text) of every fenced code block of a docs page."""
    blocks, current, lang = [], None, ""
    for line in (REPO / "docs" / page).read_text(encoding="utf-8").splitlines():
        if line.startswith("```") and current is None:
            current, lang = [], line[3:].strip()
        elif line.startswith("```"):
            blocks.append((lang, "\n".join(current) + "\n"))
            current = None
        elif current is not None:
            current.append(line)
    return blocks


@pytest.mark.parametrize("page", ["survey.md", "befragung.md"])
def test_documented_items_files(page, write):
    blocks = _blocks(page)
    csv_block = next(text for lang, text in blocks if text.startswith("item,"))
    yaml_block = next(text for lang, text in blocks if lang == "yaml")
    items = item_set(write("items.csv", csv_block), "de")
    assert [i.name for i in items] == ["intensity", "frequency", "closeness", "reliability",
                                       "relation"]
    assert items[1].question == "Wie oft haben Sie Kontakt?" and items[1].label == "Kontakt"
    assert [c.label for c in items[2].choices] == ["fern", "eher fern", "eher nah", "nah"]
    assert items[3].scale == "agree4"
    assert [c.value for c in items[4].choices] == ["information sharing", "joint programs",
                                                   "events"]
    yaml_items = item_set(write("items.yaml", yaml_block), "en")
    assert [c.label for c in yaml_items[1].choices] == ["distant", "rather distant",
                                                        "rather close", "close"]
