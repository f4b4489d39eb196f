"""The app under test: ``sysmap app`` started as a user starts it, driven in Chromium.

One server per test process (``python -m sysmap app --no-browser``), its
temporary folder (``TMPDIR``) inside the test's own, so a test can see what the
app writes and that it is gone when a session ends. The address with the
access token is read from the line the command prints.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample_networks" / "bildungsallianz"
MESSY = REPO / "tests" / "data" / "messy_de"


@dataclass
class Server:
    url: str  # with ?token=
    base: str  # http://127.0.0.1:PORT
    tmp: Path  # the app's TMPDIR
    process: subprocess.Popen
    output: list[str]  # what it printed


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    """``sysmap app`` on a free port, its temporary files in a folder of its own."""
    tmp = tmp_path_factory.mktemp("app-tmp")
    env = {**os.environ, "TMPDIR": str(tmp), "SYSMAP_LANG": "en", "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "sysmap", "app", "--no-browser"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=tmp,
    )
    lines = []
    deadline = time.monotonic() + 60
    url = None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        match = re.search(r"(http://127\.0\.0\.1:\d+)/\?token=\S+", line)
        if match:
            url, base = match.group(0), match.group(1)
            break
    if url is None:
        process.kill()
        process.stdout.close()
        pytest.fail("sysmap app did not start:\n" + "".join(lines))
    # keep reading what the server prints (a full pipe would stop it)
    drain = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
    drain.start()
    yield Server(url, base, tmp, process, lines)
    process.terminate()
    process.wait(timeout=20)
    drain.join(timeout=5)
    process.stdout.close()
    printed = "".join(lines)
    # nothing went wrong inside: no traceback, no warning, no error logged by the server
    assert not re.search(r"Traceback|Warning|ERROR|Exception", printed), printed


@dataclass
class AppPage:
    """A browser tab on the app; requests to any other host are blocked and recorded."""

    context: object
    page: object
    downloads: Path
    outside: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def upload(self, input_id: str, path: Path) -> None:
        self.page.set_input_files(f"#{input_id}", str(path))
        self.page.locator(f"#{input_id}_progress").get_by_text("Upload complete").wait_for()

    def step(self, name: str) -> None:
        self.page.locator(f"a[data-value='{name}']").click()

    def download(self, button: str) -> Path:
        """Click a download button; the file saved under the name the app gave it."""
        with self.page.expect_download() as info:
            self.page.locator(f"#{button}").click()
        path = self.downloads / info.value.suggested_filename
        info.value.save_as(path)
        return path


@pytest.fixture
def open_app(browser, app_server, tmp_path):
    """``open_app(lang=None)``: a new browser context (its own session) on the app."""
    opened = []

    def _open(lang: str | None = None) -> AppPage:
        context = browser.new_context(accept_downloads=True, viewport={"width": 1200,
                                                                        "height": 900})
        downloads = tmp_path / f"downloads{len(opened)}"
        downloads.mkdir()
        app = AppPage(context, None, downloads)

        def route(r) -> None:
            url = r.request.url
            if url.startswith((app_server.base, "data:", "about:", "blob:")):
                r.continue_()
            else:
                app.outside.append(url)
                r.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("dialog", lambda d: (app.dialogs.append(d.message), d.dismiss()))
        page.goto(app_server.url + (f"&lang={lang}" if lang else ""))
        page.locator("#read").wait_for()
        app.page = page
        opened.append(app)
        return app

    yield _open
    for app in opened:
        app.context.close()
