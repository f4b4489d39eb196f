"""The documentation builds without a warning, and no internal link is broken.

Sphinx (MyST Markdown pages, API reference from the numpydoc docstrings, CLI
reference from the argument parser) runs with ``-W``: a broken cross-reference,
a malformed docstring or a page missing from the table of contents fails the
test. Relative links in README.md and docs/*.md are checked here too, with
their ``#anchors`` (GitHub's heading slugs).

The build also runs every notebook in ``notebooks/`` top to bottom (MyST-NB,
a cell error fails it), so this is the test that the notebooks work: their
pages must show outputs, the maps, and a link to download the ``.ipynb``, and
running them must leave nothing behind next to them.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")


def _slug(heading: str) -> str:
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    return {_slug(m) for m in re.findall(r"^#{1,6} (.+)$", text, flags=re.M)}


def _markdown_files() -> list[Path]:
    return [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]


@pytest.mark.parametrize("path", _markdown_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_internal_links_resolve(path):
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    broken = []
    for target in LINK.findall(text):
        if re.match(r"[a-z]+:", target):  # http:, https:, mailto:
            continue
        file_part, _, anchor = target.partition("#")
        linked = (path.parent / file_part).resolve() if file_part else path
        if not linked.exists():
            broken.append(f"{target} (no such file)")
        elif anchor and linked.suffix == ".md" and anchor not in _anchors(linked):
            broken.append(f"{target} (no heading #{anchor})")
    assert not broken, f"{path.name}: broken links: {broken}"


NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
#: Maps each notebook displays (01: the survey map; 03: the waves side by side and the
#: difference map), each an ``<iframe srcdoc>`` on its page.
MAPS = {"01_from_survey_to_map": 1, "03_comparing_waves": 2}


def _listing(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.mark.slow  # builds the documentation and runs every notebook
def test_sphinx_builds_without_warnings(tmp_path):
    before = _listing(REPO / "notebooks")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
         str(REPO / "docs"), str(tmp_path / "html")],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr[-5000:]
    assert (tmp_path / "html" / "cli.html").read_text(encoding="utf-8").count("--clusters") >= 1
    api = (tmp_path / "html" / "api.html").read_text(encoding="utf-8")
    assert "brokerage_roles" in api and "cluster_actors" in api

    # the notebooks ran where they are and wrote their files elsewhere (a temporary folder)
    assert _listing(REPO / "notebooks") == before
    assert set(MAPS) <= {p.stem for p in NOTEBOOKS}
    for notebook in NOTEBOOKS:
        page = (tmp_path / "html" / "notebooks" / f"{notebook.stem}.html").read_text("utf-8")
        assert 'class="cell_output' in page, f"{notebook.name}: no outputs on its page"
        assert page.count("<iframe srcdoc=") == MAPS.get(notebook.stem, 0), notebook.name
        download = rf'download="" href="\.\./_downloads/\w+/{re.escape(notebook.name)}"'
        assert re.search(download, page), f"{notebook.name}: no download link"
        # sysmap's data-quality warnings (about the sample's messy rows) are the only
        # thing a notebook writes to stderr: no deprecation or library warnings
        for block in re.findall(r'class="output stderr.*?</pre>', page, flags=re.S):
            assert "DataQualityWarning" in block, f"{notebook.name}: {block[:500]}"
