"""Tests for sysmap.report.page: escaping, language formats, self-contained output."""

from __future__ import annotations

import datetime as dt
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from sysmap.exceptions import ParameterError  # noqa: E402
from sysmap.report import Page  # noqa: E402

EVIL = '<img src=x onerror=alert(1)></script><script>alert(2)</script>'


def test_every_text_is_escaped():
    page = Page(EVIL, subtitle=EVIL)
    section = page.section(EVIL)
    section.heading(EVIL).paragraph(EVIL).callout(EVIL, kind="high", badge=EVIL, detail=EVIL)
    section.summary([(EVIL, 3)])
    section.table(pd.DataFrame({EVIL: [EVIL]}, index=pd.Index([EVIL], name="i" + EVIL)), caption=EVIL)
    text = page.render()
    assert "<script" not in text and "<img" not in text
    assert text.count("&lt;img src=x onerror=alert(1)&gt;") >= 9


def test_numbers_and_dates_follow_the_language():
    frame = pd.DataFrame({"density": [0.08024], "ties": [1234]})
    de = Page("x", lang="de", date=dt.date(2026, 3, 1))
    de.section("a").table(frame, index=False)
    en = Page("x", lang="en", date=dt.date(2026, 3, 1))
    en.section("a").table(frame, index=False)
    assert ">0,08<" in de.render() and ">1.234<" in de.render()
    assert ">0.08<" in en.render() and ">1,234<" in en.render()
    assert "1. März 2026" in de.render() and "1 March 2026" in en.render()
    assert '<html lang="de">' in de.render()


def test_missing_values_are_blank_and_rows_can_be_capped():
    frame = pd.DataFrame({"v": [1.5, float("nan"), None, 4.0]})
    page = Page("x")
    page.section("a").table(frame, index=False, max_rows=2, more="{n} more")
    text = page.render()
    assert "<td></td>" in text and "2 more" in text and "4.0" not in text


def test_anchors_are_unique_and_linked():
    page = Page("x")
    for _ in range(3):
        page.section("Findings")
    text = page.render()
    assert re.findall(r'<section id="([^"]+)"', text) == ["findings", "findings-2", "findings-3"]
    assert 'href="#findings-3"' in text


def test_figures_are_embedded_not_linked(tmp_path):
    fig, ax = plt.subplots()
    ax.plot([0, 1], [1, 0])
    page = Page("x")
    page.section("a").figure(fig, caption="c").figure(fig, format="png", alt=EVIL)
    plt.close(fig)
    text = page.render()
    assert "<svg" in text and "data:image/png;base64," in text
    assert not re.search(r'(src|href)="(?!data:|#)', text)  # nothing fetched from elsewhere
    out = page.save(tmp_path / "r.html")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html"]
    assert out.read_text(encoding="utf-8") == text


def test_unknown_language_is_rejected():
    with pytest.raises(ParameterError):
        Page("x", lang="fr")
