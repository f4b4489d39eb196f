"""The README's notebook example runs and prints what the README shows."""

from __future__ import annotations

import doctest
import os
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_readme_example_is_true():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(
        r"<!-- README-EXAMPLE-START -->\n```pycon\n(.*?)```\n<!-- README-EXAMPLE-END -->", text, re.S
    ).group(1)
    test = doctest.DocTestParser().get_doctest(block, {}, "README", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        runner.run(test)
    finally:
        os.chdir(cwd)
    assert runner.failures == 0 and runner.tries >= 5


def test_readme_has_the_two_commands():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert "make demo" in text and "make test" in text
    assert "make test" in (REPO / ".ci" / "run").read_text()
