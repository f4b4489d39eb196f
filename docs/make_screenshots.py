"""Regenerate the screenshots in docs/images/ (README and docs) from the bundled sample.

Run: ``python docs/make_screenshots.py`` (needs Playwright and Debian's Chromium at
/usr/bin/chromium, both installed by ``make test``). Writes map.png and report.png.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

import sysmap

HERE = Path(__file__).resolve().parent / "images"


def main() -> None:
    folder = sysmap.datasets.sample_path("bildungsallianz")
    data = sysmap.load_sample("bildungsallianz", wave=1)
    with tempfile.TemporaryDirectory() as tmp:
        report = sysmap.gap_report(data, plan=folder / "plan.csv", seed=0)
        report_path = report.save(Path(tmp) / "report.html")
        map_path = report.map.save(Path(tmp) / "map.html")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                        args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(map_path.as_uri())
            page.locator("html[data-sysmap-ready]").wait_for()
            page.screenshot(path=str(HERE / "map.png"))
            page.goto(report_path.as_uri())
            page.wait_for_timeout(500)
            page.screenshot(path=str(HERE / "report.png"))
            browser.close()
    print(f"Wrote {HERE / 'map.png'} and {HERE / 'report.png'}")


if __name__ == "__main__":
    main()
