"""The interactive page: one self-contained HTML file drawn by vis-network.

The page inlines everything it needs: the vis-network library (version 9.1.2,
dual-licensed Apache-2.0 or MIT, taken from the installed pyvis package),
sysmap's own script and styles, and the map's data as one JSON block. It loads
nothing from the network (a Content-Security-Policy forbids every request and
allows only the page's own two scripts, by hash), writes nothing, and opens
from an e-mail attachment on a machine without internet.

Safety: the data block is JSON inside ``<script type="application/json">``
with ``<``, ``>``, ``&`` and U+2028/U+2029 written as ``\\u003c`` etc., so no
text (an organization called ``</script><script>...``) can end the block; the
script puts every text into the page with ``textContent`` (never as HTML);
the few texts written into the HTML itself (title, buttons) are escaped.
"""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.util
import json
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._text import shorten
from .._version import __version__
from ..exceptions import OptionalDependencyError
from ..i18n import catalogue, message

__all__ = ["VIS_LICENSE", "VIS_VERSION", "render_html", "script_json", "vis_network_js"]

#: The vis-network release inlined into every page.
VIS_VERSION = "9.1.2"
#: Its licence (the file's own header: "dual licensed under both the Apache 2.0
#: License and the MIT License ... may be distributed under either license").
VIS_LICENSE = "Apache-2.0 OR MIT"

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


@cache
def vis_network_js() -> str:
    """The vis-network 9.1.2 standalone script shipped with pyvis.

    Raises
    ------
    OptionalDependencyError
        If pyvis (and with it the script) is not installed.
    """
    # Locate pyvis without importing it (its import pulls in jinja2 and IPython).
    spec = importlib.util.find_spec("pyvis")
    try:
        if spec is None or not spec.submodule_search_locations:
            raise FileNotFoundError("pyvis")
        folder = Path(next(iter(spec.submodule_search_locations)))
        text = (folder / "lib" / f"vis-{VIS_VERSION}" / "vis-network.min.js").read_text(
            encoding="utf-8"
        )
    except FileNotFoundError as exc:
        msg = (
            f"the map needs vis-network {VIS_VERSION}, which sysmap takes from the pyvis "
            "package; install it with: pip install 'pyvis>=0.3.2'."
        )
        raise OptionalDependencyError(msg) from exc
    return _inline_script(text)


@cache
def _asset(name: str) -> str:
    return (resources.files("sysmap.maps") / "assets" / name).read_text(encoding="utf-8")


def _inline_script(text: str) -> str:
    """Script text that cannot end its ``<script>`` element early."""
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE).replace("<!--", "<\\!--")


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _round(values: np.ndarray, digits: int = 1) -> list:
    return np.round(np.asarray(values, dtype=float), digits).tolist()


def payload(m: Any) -> dict:
    """The data block of the page (everything the script draws): one schema for the
    vis-network and the WebGL page, described in docs/maps.md ("The page's data")."""
    nodes = m.nodes
    x = nodes["x"].to_numpy(dtype=float) * m.scale
    y = -nodes["y"].to_numpy(dtype=float) * m.scale  # screen y points down
    names = next(f["values"] for f in m.node_fields if f.get("title"))
    ties = m.ties
    codes, colors = pd.factorize(nodes["color"], sort=True)
    from .core import RADIUS

    return {
        "version": 1,
        "lang": m.lang,
        "title": m.title,
        "directed": m.directed,
        "radius": list(RADIUS),
        "aggregated": m.aggregated,
        "text": catalogue("map", m.lang),
        "bits": {key: bit for key, bit in _bits().items()},
        "nodes": {
            "actor": [str(v) for v in nodes.index],
            "name": list(names),
            "label": nodes["label"].map(shorten).tolist(),  # the tooltip shows the whole name
            "x": _round(x),
            "y": _round(y),
            "size": _round(nodes["radius"].to_numpy()),
            "palette": [str(c) for c in colors],
            "color": codes.tolist(),
            "overlay": m._node_bits.tolist(),
        },
        "edges": {
            "from": m._src.tolist(),
            "to": m._dst.tolist(),
            "width": _round(ties["width"].to_numpy(), 2),
            "dashes": ties["dashed"].to_numpy().astype(np.int8).tolist(),
            "curved": ties["curved"].to_numpy().astype(np.int8).tolist(),
            "overlay": m._edge_bits.tolist(),
        },
        "nodeFields": m.node_fields,
        "edgeFields": m.tie_fields,
        "filters": m.filters,
        "legend": m.legend,
        "classes": _classes(m),
    }


def _classes(m: Any) -> dict | None:
    """Change classes (difference maps): per kind the items and each node's / tie's item code."""
    specs = getattr(m, "classes", None)
    if not specs:
        return None
    out = {}
    for kind, table in (("nodes", m.nodes), ("edges", m.ties)):
        spec = specs.get(kind)
        if not spec:
            continue
        code = {item["key"]: i for i, item in enumerate(spec["items"])}
        out[kind] = {
            "title": spec["title"],
            "items": [{k: v for k, v in item.items()} for item in spec["items"]],
            "codes": [code[key] for key in table[spec["column"]]],
        }
    return out


def _bits() -> dict[str, int]:
    from .core import BITS

    return BITS


def page_head(lang: str, csp: str, title: str, css: str, libraries: str | None = None) -> str:
    """``<!DOCTYPE html>`` to ``</head>`` of a map page: charset, the content security
    policy `csp`, the generator (with the inlined `libraries`, default vis-network), the
    (already escaped) `title` and the inline `css`."""
    libraries = libraries or f"vis-network {VIS_VERSION}, {VIS_LICENSE}"
    generator = html.escape(f"sysmap {__version__} ({libraries})")
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


def render_html(m: Any) -> str:
    """The complete page for the map `m` (a :class:`~sysmap.maps.NetworkMap`)."""
    lang = m.lang
    data = script_json(payload(m))
    libraries = None
    if m.renderer == "webgl":  # sigma.js, for networks too large for vis-network
        from .webgl import WEBGL_LIBRARIES, webgl_scripts

        scripts, libraries = webgl_scripts(), WEBGL_LIBRARIES
    else:
        scripts = (vis_network_js(), _inline_script(_asset("map.js")))
    css = _asset("map.css").replace("</", "<\\/")
    csp = (
        "default-src 'none'; "
        f"script-src {' '.join(_sha256(script) for script in scripts)}; "
        "style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )

    def t(key: str, **values: object) -> str:
        return html.escape(message("map", key, lang, **values))

    notice = (
        f'<div id="sysmap-notice" role="status">{html.escape(m.notice)}</div>' if m.notice else ""
    )
    title = html.escape(m.title)
    relax = (
        ""
        if m.renderer == "webgl"
        else f'<button id="sysmap-relax" type="button" aria-pressed="false">{t("relax")}</button>\n'
    )
    script_tags = "".join(f"<script>{script}</script>\n" for script in scripts)
    return f"""{page_head(lang, csp, title, css, libraries)}
<body>
<header id="sysmap-header">
<h1 id="sysmap-title">{title}</h1>
<span id="sysmap-summary">{html.escape(m.summary)}</span>
<span id="sysmap-count" aria-live="polite"></span>
<div id="sysmap-tools">
<label class="sysmap-sr" for="sysmap-search">{t("search")}</label>
<input id="sysmap-search" type="search" placeholder="{t("search_placeholder")}"
 autocomplete="off" spellcheck="false">
<span id="sysmap-matches" aria-live="polite"></span>
<button id="sysmap-fit" type="button">{t("fit")}</button>
{relax}<button id="sysmap-clear" type="button">{t("clear")}</button>
</div>
</header>
{notice}
<main id="sysmap-main">
<div id="sysmap-canvas" role="img" aria-label="{title}"></div>
<aside id="sysmap-legend" aria-label="{t("legend")}">
<div id="sysmap-details" hidden></div>
<div id="sysmap-legend-body"></div>
</aside>
</main>
<div id="sysmap-tooltip" role="tooltip" hidden></div>
<noscript><p>{t("noscript")}</p></noscript>
<script type="application/json" id="sysmap-data">{data}</script>
{script_tags}</body>
</html>
"""
