"""The printed report (issue #14): a complete A4 document, checked in headless Chromium.

The steering group prints the report. Printed, the interactive map (an iframe)
is replaced by the same map's static picture, wide tables wrap to the page,
and evidence and collapsed tables are open. These tests print the German
report of the bundled sample to PDF (Chromium's own printing, as a user's
"Save as PDF") and read the PDF: the map picture is in it, and every section's
heading is among the PDF's bookmarks (Chromium bookmarks the headings it lays
out on paper).
"""

from __future__ import annotations

import base64
import re
import struct

import networkx as nx
import pytest

import sysmap
from sysmap.maps import network_map, wave_maps
from sysmap.report.gaps import gap_report
from sysmap.report.page import MAP_PRINT_DPI, Page

SAMPLE = sysmap.datasets.sample_path("bildungsallianz")
#: A4 minus the print style's margins (12 mm left and right), in CSS pixels (96/inch).
A4_CONTENT_PX = int((210 - 2 * 12) / 25.4 * 96)
#: A4 landscape minus its margins (10 mm), where tables of many columns print.
A4_LANDSCAPE_PX = int((297 - 2 * 10) / 25.4 * 96)


@pytest.fixture(scope="module")
def report_de():
    data = sysmap.load_sample("bildungsallianz", wave=1)
    return gap_report(data, plan=SAMPLE / "plan.csv", seed=0, lang="de")


def _png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (bytes 16-24)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def _pdf_string(token: bytes) -> str:
    """A PDF string object: ``<FEFF...>`` (UTF-16BE hex) or ``(...)`` (literal)."""
    if token.startswith(b"<"):
        raw = bytes.fromhex(token[1:-1].decode("ascii"))
        return raw[2:].decode("utf-16-be") if raw[:2] == b"\xfe\xff" else raw.decode("latin-1")
    body = re.sub(rb"\\([()\\])", rb"\1", token[1:-1])
    return body.decode("latin-1")


def _bookmarks(pdf: bytes) -> list[str]:
    return [
        _pdf_string(t) for t in re.findall(rb"/Title\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f]+>)", pdf)
    ]


def test_pdf_string_reader():
    # the reader the PDF test relies on: hex UTF-16 with a byte-order mark, and literals
    assert _pdf_string(b"<FEFF00DC00620065007200730069006300680074>") == "Übersicht"
    assert _pdf_string(rb"(Karte \(Netz\))") == "Karte (Netz)"


def test_the_map_has_a_picture_for_print(report_de):
    text = report_de.html
    # one map: the iframe for the screen, the picture of the same map for print
    assert text.count('<iframe class="map"') == 1 and text.count('class="map-print"') == 1
    uri = re.search(r'<img class="map-print" src="data:image/png;base64,([^"]+)"', text)[1]
    width, height = _png_size(base64.b64decode(uri))
    # the static figure: 10 inches of map plus 3.6 of legend, at MAP_PRINT_DPI
    assert width == round(13.6 * MAP_PRINT_DPI) and height > 0.4 * width
    assert "@media print" in text


def test_wave_maps_get_a_picture_too():
    w1, w2 = nx.path_graph(4), nx.path_graph(5)
    page = Page("Vergleich", lang="de")
    page.section("Karten").map(wave_maps([w1, w2], key_players=False), "Karten je Welle")
    page.section("Karte").map(network_map(w1, key_players=False), 'Karte "A" <B>')
    text = page.render()
    assert text.count('class="map-print"') == 2 and text.count('<iframe class="map"') == 2
    assert 'alt="Karte &quot;A&quot; &lt;B&gt;"' in text  # the title escaped in attributes


def test_printed_report_is_a_complete_a4_document(report_de, offline_page, tmp_path):
    path = report_de.save(tmp_path / "bericht.html")
    view = offline_page(path, width=A4_CONTENT_PX, height=1100, ready=False)
    page = view.page
    headings = page.locator("main h2").all_inner_texts()
    assert len(headings) == len(report_de.page.sections) >= 10

    def visible(selector: str) -> list[bool]:
        return page.eval_on_selector_all(selector, "els => els.map(e => e.checkVisibility())")

    closed = "details:not([open]) > :not(summary)"
    assert visible("iframe.map") == [True] and visible("img.map-print") == [False]
    assert len(visible(closed)) >= 5 and not any(visible(closed))  # collapsed on screen
    page.emulate_media(media="print")
    assert visible("iframe.map") == [False] and visible("img.map-print") == [True]
    assert all(visible(closed))  # evidence and collapsed tables open on paper
    # every table fits the width of its page (long cells wrap instead): portrait, or
    # landscape for the tables of many columns (the measures per organization)
    too_wide = (
        "limit => [...document.querySelectorAll('.table-wrap:not(.wide) table')]"
        ".filter(t => t.getBoundingClientRect().right > limit + 1)"
        ".map(t => t.innerText.slice(0, 60))"
    )
    assert page.evaluate(too_wide, A4_CONTENT_PX) == []
    assert page.locator(".table-wrap.wide").count() >= 1
    page.set_viewport_size({"width": A4_LANDSCAPE_PX, "height": 800})
    assert page.evaluate(too_wide.replace(":not(.wide)", ".wide"), A4_LANDSCAPE_PX) == []

    pdf = page.pdf(format="A4", outline=True, tagged=True, print_background=True)
    assert pdf.startswith(b"%PDF-")
    # A4 in points (595 x 842), several pages
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert len(boxes) >= 5 and {(round(float(w)), round(float(h))) for w, h in boxes} == {
        (596, 843),
        (843, 596),  # the wide tables' pages
    }
    # the map picture, at its own size (Chromium embeds the PNG's pixels as they are)
    uri = re.search(rb'class="map-print" src="data:image/png;base64,([^"]+)"', path.read_bytes())[1]
    width, height = _png_size(base64.b64decode(uri))
    images = re.findall(rb"/Subtype\s*/Image\s*/Width (\d+)\s*/Height (\d+)", pdf)
    assert (str(width).encode(), str(height).encode()) in images
    # every section is printed: its heading is laid out on paper (a bookmark)
    bookmarks = _bookmarks(pdf)
    assert report_de.page.title in bookmarks
    missing = [h for h in headings if h not in bookmarks]
    assert missing == []
    view.clean()
