"""The coordinator's own report: introduction, logo and sections (sysmap.report.custom),
in Python and on the command line."""

from __future__ import annotations

import base64
import re

import pytest

import sysmap
from sysmap.cli import main
from sysmap.exceptions import ParameterError
from sysmap.report.custom import SECTIONS, check_sections, read_logo, render_intro
from sysmap.report.gaps import gap_report

SAMPLE = sysmap.datasets.sample_path("bildungsallianz")
#: The smallest valid PNG: one transparent pixel.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)
HOSTILE_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'width="40" height="20" onload="alert(1)"><script>alert(2)</script>'
    '<foreignObject><iframe src="https://evil.example"/></foreignObject>'
    '<rect width="40" height="20" fill="#0b5cad" onclick="alert(3)"/>'
    '<image xlink:href="https://evil.example/x.png"/><a href="javascript:alert(4)"><text>x</text></a>'
    "</svg>"
)


# ----------------------------------------------------------------------------- introduction
def test_intro_renders_a_safe_subset_of_markdown(tmp_path):
    path = tmp_path / "intro.md"
    path.write_text(
        "# Liebe Partner\n\n**Fett**, *kursiv* und <b>roh</b> <script>alert(1)</script>\n\n"
        "- [Website](https://example.org)\n- [böse](javascript:alert(1))\n\n"
        "![Bild](https://evil.example/x.png)\n",
        encoding="utf-8",
    )
    markup = render_intro(path)
    assert "<h3>Liebe Partner</h3>" in markup  # headings below the page title (h1, h2)
    assert "<strong>Fett</strong>" in markup and "<em>kursiv</em>" in markup
    assert "&lt;b&gt;roh&lt;/b&gt; &lt;script&gt;" in markup  # raw HTML shown as text
    assert 'href="https://example.org" rel="noopener noreferrer"' in markup
    assert "javascript:" not in markup.replace("[böse](javascript:alert(1))", "")
    assert "<img" not in markup  # a report loads nothing
    assert render_intro("Nur **Text**") == "<p>Nur <strong>Text</strong></p>"


def test_intro_errors(tmp_path):
    with pytest.raises(ParameterError, match="does not exist"):
        render_intro(tmp_path / "missing.md")
    latin = tmp_path / "latin.md"
    latin.write_bytes("Grüße".encode("cp1252"))
    with pytest.raises(ParameterError, match="not UTF-8"):
        render_intro(latin)


# ----------------------------------------------------------------------------- logo
def test_png_and_jpeg_are_embedded_as_they_are(tmp_path):
    path = tmp_path / "logo.png"
    path.write_bytes(PNG)
    assert read_logo(path) == "data:image/png;base64," + base64.b64encode(PNG).decode()
    jpeg = tmp_path / "logo.jpg"
    jpeg.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 16)
    assert read_logo(jpeg).startswith("data:image/jpeg;base64,")


def test_svg_is_cleaned_and_shown_as_an_image(tmp_path):
    path = tmp_path / "logo.svg"
    path.write_text(HOSTILE_SVG, encoding="utf-8")
    uri = read_logo(path)
    assert uri.startswith("data:image/svg+xml;base64,")
    svg = base64.b64decode(uri.split(",", 1)[1]).decode()
    for bad in ("<script", "onload", "onclick", "foreignObject", "iframe", "evil.example",
                "javascript:"):
        assert bad not in svg, bad
    assert "<rect" in svg and 'fill="#0b5cad"' in svg  # the drawing itself is kept


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (b"GIF89a....", "not a PNG, JPEG or SVG"),
        (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]><svg>&x;</svg>', "plain SVG"),
        (b"<svg><unclosed></svg>", "plain SVG"),
    ],
)
def test_bad_logos_are_refused(tmp_path, content, match):
    path = tmp_path / "logo.bin"
    path.write_bytes(content)
    with pytest.raises(ParameterError, match=match):
        read_logo(path)
    with pytest.raises(ParameterError, match="does not exist"):
        read_logo(tmp_path / "none.png")


# ----------------------------------------------------------------------------- sections
def test_sections_are_chosen_and_ordered():
    assert check_sections(None, SECTIONS) == list(SECTIONS)
    assert check_sections("actions, key_points", SECTIONS) == ["actions", "key_points"]
    assert check_sections(["map"], SECTIONS) == ["map"]
    with pytest.raises(ParameterError, match="Unknown report section.*summery.*key_points"):
        check_sections("key_points,summery", SECTIONS)


def test_report_with_own_title_intro_logo_and_sections(tmp_path):
    logo = tmp_path / "logo.svg"
    logo.write_text(HOSTILE_SVG, encoding="utf-8")
    report = gap_report(
        sysmap.load_sample("bildungsallianz", wave=1),
        title="Bildungsallianz: unser Netzwerk 2024",
        intro="Liebe Steuerungsgruppe, <b>hier</b> ist der Bericht.",
        logo=logo,
        sections=["key_points", "actions", "map"],
        lang="de",
    )
    text = report.html
    assert "<h1>Bildungsallianz: unser Netzwerk 2024</h1>" in text
    assert '<div class="intro"><p>Liebe Steuerungsgruppe, &lt;b&gt;hier&lt;/b&gt;' in text
    assert re.search(r'<img class="logo" src="data:image/svg\+xml;base64,[\w+/=]+" alt="">', text)
    assert re.findall(r'<section id="(\w+)">', text) == ["key_points", "actions", "map"]
    # without the findings section there are no cards to link to
    assert 'href="#card-' not in text


# ----------------------------------------------------------------------------- command line
def test_cli_options(tmp_path, capsys):
    intro = tmp_path / "intro.md"
    intro.write_text("**Willkommen**", encoding="utf-8")
    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG)
    out = tmp_path / "bericht.html"
    args = ["report", str(SAMPLE / "survey_wave1.csv"), "--actors",
            str(SAMPLE / "members_wave1.csv"), "--lang", "de", "--title", "Unser Bericht",
            "--intro", str(intro), "--logo", str(logo), "--sections", "key_points,findings",
            "-o", str(out)]
    assert main(args) == 0
    text = out.read_text(encoding="utf-8")
    assert "<strong>Willkommen</strong>" in text and "data:image/png;base64," in text
    assert re.findall(r'<section id="(\w+)">', text) == ["key_points", "findings"]
    assert 'href="#card-1"' in text and 'id="card-1"' in text
    capsys.readouterr()
    # a wrong section or logo stops before any work, in the user's language
    assert main([*args[:-2], "--sections", "karte", "-o", str(out)]) == 2
    assert "Unbekannte Berichtsabschnitte: karte" in capsys.readouterr().err
    bad = tmp_path / "logo.gif"
    bad.write_bytes(b"GIF89a")
    i = args.index("--logo")
    assert main([*args[: i + 1], str(bad), *args[i + 2 :]]) == 2
    assert "kein PNG-, JPEG- oder SVG-Bild" in capsys.readouterr().err
    assert main([*args[: i + 1], str(tmp_path / "fehlt.png"), *args[i + 2 :]]) != 0
    assert "--logo" in capsys.readouterr().err
