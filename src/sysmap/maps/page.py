"""The building blocks of every map page: safe inlining, the security policy, the head.

Every page sysmap writes (a map drawn by vis-network or WebGL, the wave maps
side by side) is one self-contained HTML file built from these parts:

* the data as JSON in ``<script type="application/json" id="sysmap-data">``
  (:func:`script_json`: nothing in it can end the element);
* the libraries and sysmap's scripts, inlined (:func:`inline_script`):
  ``common.js`` (legend, tooltips, details, search, filters, escaping,
  shared by all pages) first, then the page's own script (:func:`app_scripts`);
* a Content-Security-Policy that forbids every request and allows exactly
  the inlined scripts, by the SHA-256 hash of what is inlined
  (:func:`security_policy`);
* the page's head with the policy, the generator and the styles (:func:`page_head`).

The data block's schema is described once, in docs/maps.md ("The page's data").
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

from .._version import __version__

__all__ = [
    "app_scripts",
    "asset",
    "inline_script",
    "page_end",
    "page_head",
    "script_json",
    "script_tags",
    "security_policy",
]

_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def script_json(data: Any) -> str:
    """`data` as JSON that is safe inside a ``<script>`` element.

    ``<``, ``>``, ``&`` and the line separators U+2028/U+2029 are written as
    ``\\u`` escapes, so no string in `data` can close the element or open a
    comment; lone surrogates (undecodable bytes) become U+FFFD. NaN and
    infinity are not allowed (pass None).

    Examples
    --------
    >>> script_json({"name": "</script><b>&"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = _SURROGATE.sub("\ufffd", text)
    return _JSON_UNSAFE.sub(lambda match: _JSON_ESCAPES[match.group(0)], text)


def inline_script(text: str) -> str:
    """Script text that cannot end its ``<script>`` element early.

    Examples
    --------
    >>> inline_script("s = '</script>'; t = '<!--';")
    "s = '<\\\\/script>'; t = '<\\\\!--';"
    """
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE).replace("<!--", "<\\!--")


@cache
def asset(name: str) -> str:
    """The text of ``sysmap/maps/assets/<name>`` (a script or a style sheet)."""
    return (resources.files("sysmap.maps") / "assets" / name).read_text(encoding="utf-8")


@cache
def app_scripts(name: str) -> tuple[str, str]:
    """sysmap's scripts of a page, ready to inline: ``common.js`` (the code every
    page shares), then the page's own script `name`."""
    return inline_script(asset("common.js")), inline_script(asset(name))


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def security_policy(scripts: Sequence[str]) -> str:
    """The page's Content-Security-Policy: no request of any kind; inline styles;
    exactly the inlined `scripts` (identified by the SHA-256 of their text)."""
    return (
        "default-src 'none'; "
        f"script-src {' '.join(_sha256(script) for script in scripts)}; "
        "style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


def script_tags(scripts: Sequence[str]) -> str:
    """The inlined `scripts` as ``<script>`` elements, one per line."""
    return "".join(f"<script>{script}</script>\n" for script in scripts)


def page_end(legend: str, noscript: str, data: str, scripts: Sequence[str]) -> str:
    """From the legend panel to ``</html>``, the same on every map page: the legend and
    details panel (`legend`: its escaped label), ``</main>``, the tooltip, the escaped
    `noscript` note, the `data` block (:func:`script_json`) and the inlined `scripts`."""
    return f"""<aside id="sysmap-legend" aria-label="{legend}">
<div id="sysmap-details" hidden></div>
<div id="sysmap-legend-body"></div>
</aside>
</main>
<div id="sysmap-tooltip" role="tooltip" hidden></div>
<noscript><p>{noscript}</p></noscript>
<script type="application/json" id="sysmap-data">{data}</script>
{script_tags(scripts)}</body>
</html>
"""


def page_head(lang: str, csp: str, title: str, css: str, libraries: str) -> str:
    """``<!DOCTYPE html>`` to ``</head>`` of a map page: charset, the content security
    policy `csp`, the generator (with the inlined `libraries`), the (already
    escaped) `title` and the inline `css`."""
    generator = html.escape(f"sysmap {__version__} ({libraries})")
    css = css.replace("</", "<\\/")
    return f"""<!DOCTYPE html>
<html lang="{html.escape(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{html.escape(csp, quote=False)}">
<meta name="generator" content="{generator}">
<title>{title}</title>
<style>
{css}
</style>
</head>"""
