"""The coordinator's own parts of a report: an introduction, a logo, the choice of sections.

A backbone organization sends the report to its steering group under its
own name: :func:`render_intro` turns the coordinator's Markdown text into
safe HTML for the top of the page (a safe subset: raw HTML is shown as text,
images and scripts are never loaded), :func:`read_logo` embeds a PNG, JPEG or
SVG logo as a ``data:`` URI (an SVG is cleaned of scripts, event handlers and
outside references, and shown as an image, never as markup), and
:func:`check_sections` validates the sections asked for and their order.

Markdown is rendered by markdown-it-py (CommonMark; a well-kept parser is
safer than our own).
"""

from __future__ import annotations

import base64
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from markdown_it import MarkdownIt

from ..exceptions import ParameterError
from ..i18n import Msg

__all__ = ["MAX_LOGO_BYTES", "SECTIONS", "check_sections", "read_logo", "render_intro"]

#: The sections of the coordination-gap report, in their default order (``sections=``
#: chooses and orders them; ``--sections`` on the command line).
SECTIONS = (
    "key_points",
    "summary",
    "findings",
    "actions",
    "map",
    "mixing",
    "clusters",
    "brokers",
    "metrics",
    "glossary",
    "methods",
    "ingest",
)
#: Largest logo file embedded (bytes).
MAX_LOGO_BYTES = 2_000_000
_SVG = "{http://www.w3.org/2000/svg}"
#: SVG elements that run code, load other documents or embed HTML.
#: References an SVG logo may keep: its own elements and embedded raster images.
_INSIDE = ("#", "data:image/png", "data:image/jpeg")
_UNSAFE = {"script", "foreignObject", "iframe", "object", "embed", "audio", "video", "handler"}


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ParameterError(Msg("report", "intro_encoding", path=str(path))) from None


def render_intro(source: str | os.PathLike[str]) -> str:
    """The coordinator's introduction as HTML: a Markdown file or Markdown text.

    CommonMark with a safe subset: paragraphs, emphasis, lists, headings
    (shown two levels below the page title), quotes, code and links
    (``http``, ``https``, ``mailto``; opened in a new tab). Raw HTML is shown
    as text, images are not loaded (a report never fetches anything).

    Parameters
    ----------
    source : path or str
        A ``.md``/``.txt`` file (UTF-8), or the Markdown text itself (a
        :class:`str` that is not an existing file's path).

    Returns
    -------
    str
        HTML to pass to :class:`~sysmap.report.page.Page` as ``intro``.

    Examples
    --------
    >>> print(render_intro("**Liebe Partner,** <script>alert(1)</script>"))
    <p><strong>Liebe Partner,</strong> &lt;script&gt;alert(1)&lt;/script&gt;</p>
    """
    if isinstance(source, os.PathLike) or (
        isinstance(source, str)
        and "\n" not in source
        and len(source) < 4096
        and Path(source).suffix.lower() in {".md", ".markdown", ".txt"}
    ):
        path = Path(source)
        if not path.is_file():
            raise ParameterError(Msg("report", "intro_missing", path=str(path)))
        text = _read_text(path)
    else:
        text = str(source)
    md = MarkdownIt("commonmark", {"html": False}).disable("image")
    md.validateLink = lambda url: bool(re.match(r"(https?:|mailto:)", url.strip(), re.I))
    tokens = md.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + 2)}"
        for child in token.children or []:
            if child.type == "link_open":
                child.attrSet("rel", "noopener noreferrer")
                child.attrSet("target", "_blank")
    return md.renderer.render(tokens, md.options, {}).strip()


def _media_type(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    head = data[:512].lstrip(b"\xef\xbb\xbf").lstrip().lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--")) and b"<svg" in data[:4096].lower():
        return "image/svg+xml"
    return None


def _clean_svg(data: bytes, path: Path) -> bytes:
    """The SVG without scripts, event handlers, embedded HTML and outside references."""
    text = data.decode("utf-8-sig", errors="strict")
    if re.search(r"<!(DOCTYPE|ENTITY)", text, re.I):  # entity expansion, outside DTDs
        raise ParameterError(Msg("report", "logo_svg", path=str(path)))
    try:
        root = ET.fromstring(text)
    except ET.ParseError:
        raise ParameterError(Msg("report", "logo_svg", path=str(path))) from None
    if root.tag not in (f"{_SVG}svg", "svg"):
        raise ParameterError(Msg("report", "logo_svg", path=str(path)))
    for parent in list(root.iter()):
        for child in list(parent):
            local = str(child.tag).rsplit("}", 1)[-1]
            if local in _UNSAFE:
                parent.remove(child)
        for name in list(parent.attrib):
            local = name.rsplit("}", 1)[-1].lower()
            value = parent.attrib[name].strip().lower()
            outside = local == "href" and not value.startswith(_INSIDE)
            if local.startswith("on") or outside or "javascript:" in value:
                del parent.attrib[name]
    ET.register_namespace("", _SVG[1:-1])
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    return ET.tostring(root, encoding="utf-8")


def read_logo(source: str | os.PathLike[str]) -> str:
    """A logo file as a ``data:`` URI to embed in the page header.

    PNG and JPEG are embedded as they are; an SVG is cleaned first (scripts,
    event handlers, embedded HTML and references to other files removed) and
    shown with an ``<img>`` element, where browsers run no script and load
    nothing else anyway.

    Parameters
    ----------
    source : path
        A PNG, JPEG or SVG file of at most :data:`MAX_LOGO_BYTES` bytes
        (recognized by its content, not its name).

    Raises
    ------
    ParameterError
        If the file is missing, too large, not one of these formats, or an
        SVG that cannot be read.
    """
    path = Path(source)
    if not path.is_file():
        raise ParameterError(Msg("report", "logo_missing", path=str(path)))
    size = path.stat().st_size
    if size > MAX_LOGO_BYTES:
        limit = MAX_LOGO_BYTES // 1000
        raise ParameterError(
            Msg("report", "logo_large", path=str(path), size=size // 1000, limit=limit)
        )
    data = path.read_bytes()
    kind = _media_type(data)
    if kind is None:
        raise ParameterError(Msg("report", "logo_format", path=str(path)))
    if kind == "image/svg+xml":
        data = _clean_svg(data, path)
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def check_sections(sections: str | Sequence[str] | None, available: Sequence[str]) -> list[str]:
    """The sections to show, in order: all of `available` (None), or those named.

    Parameters
    ----------
    sections : str, sequence of str or None
        Names (``"key_points,findings,map"`` or a list); each once.
    available : sequence of str
        The report's sections in their default order.

    Raises
    ------
    ParameterError
        For an unknown name (the message lists the valid ones) or none at all.
    """
    if sections is None:
        return list(available)
    names = sections.split(",") if isinstance(sections, str) else list(sections)
    names = [str(n).strip() for n in names if str(n).strip()]
    unknown = [n for n in names if n not in available]
    if unknown or not names:
        raise ParameterError(
            Msg(
                "report",
                "sections_unknown",
                names=", ".join(unknown) or "-",
                valid=", ".join(available),
            )
        )
    return list(dict.fromkeys(names))
