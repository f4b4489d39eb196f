"""Shared fixtures: tiny member lists and surveys written as real files."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[1]

# The shared Hypothesis strategies, importable by every test as
# ``sysmap_test_strategies`` (the tests are not a package).
_spec = importlib.util.spec_from_file_location(
    "sysmap_test_strategies", Path(__file__).with_name("strategies.py")
)
if _spec.name not in sys.modules:
    sys.modules[_spec.name] = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(sys.modules[_spec.name])


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


# --------------------------------------------------------------------------- browser tests

CHROMIUM = Path("/usr/bin/chromium")


def pytest_collection_modifyitems(items):
    """Tests that drive Chromium are slow: ``make test-fast`` (``-m "not slow"``) leaves
    them out, ``make test`` runs them."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


def _browser_unavailable(reason: str):
    if os.environ.get("SYSMAP_REQUIRE_BROWSER") == "1":
        pytest.fail(
            f"{reason}; `make test` installs Debian's chromium (packages chromium, "
            "chromium-driver)."
        )
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium, driven by Playwright (one per test process).

    Skipped when Chromium or Playwright is missing, unless SYSMAP_REQUIRE_BROWSER=1
    (set by `make test`), which turns a missing browser into a failure.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _browser_unavailable("playwright is not installed")
    if not CHROMIUM.exists():
        _browser_unavailable(f"no Chromium at {CHROMIUM}")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield b
        b.close()


class OfflinePage:
    """A page opened with every request outside file:, data: and about: aborted and
    recorded; console errors, dialogs and CSP violations are kept for :meth:`clean`."""

    def __init__(self, browser, path: Path, *, width: int = 1200, height: int = 800,
                 ready: bool = True) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.context.route("**/*", self._route)
        page = self.context.new_page()
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.add_init_script(
            "window.__csp = []; document.addEventListener('securitypolicyviolation',"
            " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        page.goto(path.as_uri())
        if ready:  # the map pages mark <html data-sysmap-ready> once drawn; a selector,
            # because polling a JS expression needs eval, which the pages' CSP forbids
            page.locator("html[data-sysmap-ready]").wait_for(timeout=60_000)
        self.page = page

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "about:")):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def clean(self) -> None:
        assert self.requests == []
        assert self.errors == []
        assert self.dialogs == []
        assert self.js("window.__csp") == []
        assert self.js("window.__pwned") is None

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def offline_page(browser):
    """Open a file as an :class:`OfflinePage`: ``offline_page(path, width=..., ready=...)``."""
    pages: list[OfflinePage] = []

    def _open(path: Path, **options) -> OfflinePage:
        page = OfflinePage(browser, Path(path), **options)
        pages.append(page)
        return page

    yield _open
    for page in pages:
        page.close()
