"""Regenerate the screenshots of ``sysmap app`` in docs/images/ (docs/app.md, ohne-terminal.md).

Run: ``python docs/make_app_screenshots.py`` (needs the ``app`` and ``test`` extras and
Debian's Chromium at /usr/bin/chromium, all installed by ``make test``). Starts the app
as a user does, goes through every step with the messy German two-wave survey of the
tests (tests/data/messy_de) in English and in German, and writes
``app-<step>.png`` and ``app-de-<step>.png``.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

DOCS = Path(__file__).resolve().parent
IMAGES = DOCS / "images"
MESSY = DOCS.parent / "tests" / "data" / "messy_de"


def _start() -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen([sys.executable, "-m", "sysmap", "app", "--no-browser"],
                               stdout=subprocess.PIPE, text=True)  # fmt: skip
    for line in process.stdout:
        match = re.search(r"http://\S+token=\S+", line)
        if match:
            return process, match.group(0)
    raise RuntimeError("sysmap app did not start")


def _upload(page, input_id: str, path: Path) -> None:
    page.set_input_files(f"#{input_id}", str(path))
    page.locator(f"#{input_id}_progress").get_by_text("Upload complete").wait_for()


def _shoot(page, name: str) -> None:
    page.wait_for_timeout(400)
    page.screenshot(path=str(IMAGES / f"{name}.png"))
    print(f"Wrote {IMAGES / name}.png")


def _steps(browser, url: str, prefix: str) -> None:
    page = browser.new_page(viewport={"width": 1200, "height": 860}, accept_downloads=True)
    page.goto(url)
    _upload(page, "members", MESSY / "mitglieder_welle2.csv")
    _upload(page, "survey", MESSY / "befragung_welle2.csv")
    _upload(page, "aliases", MESSY / "aliases.csv")
    _shoot(page, f"{prefix}data")
    page.locator("#read").click()
    page.locator("#fix-labels").wait_for()
    page.locator("#label_0").select_option("2")
    page.locator("input[name=name_0][value=yes]").check()
    page.locator("#fix-labels").scroll_into_view_if_needed()
    _shoot(page, f"{prefix}check")
    page.locator("#apply").click()
    page.locator("#get_labels").wait_for()  # read again with the fixes
    page.locator("a[data-value='report']").click()
    page.locator("#make_report").click()
    page.locator("#report-points li").first.wait_for(timeout=120_000)
    _shoot(page, f"{prefix}report")
    page.locator("a[data-value='waves']").click()
    _upload(page, "wave_survey", MESSY / "befragung_welle1.csv")
    _upload(page, "wave_members", MESSY / "mitglieder_welle1.csv")
    page.locator("#wave_label").fill("2024")
    page.locator("#add_wave").click()
    page.locator("#compare").click()
    page.locator("#comparison-points").wait_for(timeout=120_000)
    _shoot(page, f"{prefix}waves")
    page.locator("a[data-value='survey']").click()
    page.locator("#make_survey").click()
    page.locator("#survey-done").wait_for()
    _shoot(page, f"{prefix}survey")
    page.close()


def main() -> None:
    process, url = _start()
    try:
        with sync_playwright() as p, tempfile.TemporaryDirectory():
            browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                        args=["--no-sandbox"])  # fmt: skip
            _steps(browser, url, "app-")
            _steps(browser, url + "&lang=de", "app-de-")
            browser.close()
    finally:
        process.terminate()
        process.wait()


if __name__ == "__main__":
    main()
