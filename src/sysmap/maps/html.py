"""The interactive page of a map: one self-contained HTML file.

The page inlines everything it needs: the drawing library (vis-network from
the installed pyvis package, :mod:`sysmap.maps.vis`; or sigma.js and
graphology for large networks, :mod:`sysmap.maps.webgl`), each with its
licence text, sysmap's scripts (``common.js``, then ``map.js`` or
``map_webgl.js``) and styles, and the map's data as one JSON block
(:func:`payload`). It loads nothing from the network (a
Content-Security-Policy forbids every request and allows only the page's own
scripts, by hash), writes nothing, and opens from an e-mail attachment on a
machine without internet.

Safety: the data block is JSON inside ``<script type="application/json">``
with ``<``, ``>``, ``&`` and U+2028/U+2029 written as ``\\u003c`` etc., so no
text (an organization called ``</script><script>...``) can end the block; the
scripts put every text into the page with ``textContent`` (never as HTML);
the few texts written into the HTML itself (title, buttons) are escaped.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..i18n import catalogue, message
from .labels import drawn_labels, label_order
from .overlays import BITS
from .page import app_scripts, asset, page_end, page_head, script_json, security_policy
from .style import RADIUS
from .vis import VIS_LICENSE, vis_network
from .webgl import WEBGL_LIBRARIES, webgl_scripts

if TYPE_CHECKING:  # the model imports this module to draw itself
    from .model import NetworkMap

__all__ = ["payload", "render_html"]


def _round(values: np.ndarray, digits: int = 1) -> list:
    return np.round(np.asarray(values, dtype=float), digits).tolist()


def payload(m: NetworkMap) -> dict:
    """The data block of the page (everything the scripts draw): one schema for the
    vis-network and the WebGL page, described in docs/maps.md ("The page's data")."""
    nodes = m.nodes
    x = nodes["x"].to_numpy(dtype=float) * m.scale
    y = -nodes["y"].to_numpy(dtype=float) * m.scale  # screen y points down
    names = next(f["values"] for f in m.node_fields if f.get("title"))
    ties = m.ties
    codes, colors = pd.factorize(nodes["color"], sort=True)
    src, dst = m.tie_ends
    return {
        "version": 1,
        "lang": m.lang,
        "title": m.title,
        "directed": m.directed,
        "radius": list(RADIUS),
        "aggregated": m.aggregated,
        "text": catalogue("map", m.lang),
        "bits": dict(BITS),
        "nodes": {
            "actor": [str(v) for v in nodes.index],
            "name": list(names),
            "label": drawn_labels(nodes["label"].tolist()),  # the tooltip shows the whole name
            "x": _round(x),
            "y": _round(y),
            "size": _round(nodes["radius"].to_numpy()),
            "palette": [str(c) for c in colors],
            "color": codes.tolist(),
            "overlay": m.node_bits.tolist(),
        },
        "edges": {
            "from": src.tolist(),
            "to": dst.tolist(),
            "width": _round(ties["width"].to_numpy(), 2),
            "dashes": ties["dashed"].to_numpy().astype(np.int8).tolist(),
            "curved": ties["curved"].to_numpy().astype(np.int8).tolist(),
            "overlay": m.tie_bits.tolist(),
        },
        "labelOrder": label_order(nodes).tolist(),
        "nodeFields": m.node_fields,
        "edgeFields": m.tie_fields,
        "filters": m.filters,
        "legend": m.legend,
        "classes": _classes(m),
    }


def _classes(m: NetworkMap) -> dict | None:
    """Change classes (difference maps): per kind the items and each node's / tie's item code."""
    if not m.classes:
        return None
    out = {}
    for kind, table in (("nodes", m.nodes), ("edges", m.ties)):
        spec = m.classes.get(kind)
        if not spec:
            continue
        code = {item["key"]: i for i, item in enumerate(spec["items"])}
        out[kind] = {
            "title": spec["title"],
            "items": [dict(item) for item in spec["items"]],
            "codes": [code[key] for key in table[spec["column"]]],
        }
    return out


def render_html(m: NetworkMap) -> str:
    """The complete page for the map `m`."""
    lang = m.lang
    data = script_json(payload(m))
    if m.renderer == "webgl":  # sigma.js, for networks too large for vis-network
        scripts, libraries = webgl_scripts(), WEBGL_LIBRARIES
    else:
        vis = vis_network()
        scripts = (vis.script, *app_scripts("map.js"))
        libraries = f"vis-network {vis.version}, {VIS_LICENSE}"

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
    head = page_head(lang, security_policy(scripts), title, asset("map.css"), libraries)
    return f"""{head}
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
{page_end(t("legend"), t("noscript"), data, scripts)}"""
