"""The page of wave maps: every wave's map side by side, one legend, synchronized views.

One self-contained HTML file like a single map's page (:mod:`sysmap.maps.html`):
vis-network, sysmap's ``common.js`` and ``waves.js`` and the data inlined,
under the same Content-Security-Policy. The data block holds each wave's
map in the single map's schema (``nodes``, ``edges``, fields) and one legend
for all waves, whose filter groups and counts are merged by title and label
(described in docs/maps.md, "The page's data").
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from ..i18n import catalogue, message
from .html import payload
from .labels import wave_name
from .overlays import BITS, OVERLAYS
from .page import app_scripts, asset, page_end, page_head, script_json, security_policy
from .style import RADIUS, panel_columns
from .vis import VIS_LICENSE, vis_network

if TYPE_CHECKING:  # WaveMaps imports this module to draw itself
    from .waves import WaveMaps

__all__ = ["render_waves", "waves_payload"]


def _merge_labels(lists: list[list[str]], missing: str) -> list[str]:
    """Union of ordered label lists, keeping each list's order (missing last)."""
    out: list[str] = []
    for labels in lists:
        previous = None
        for lab in labels:
            if lab not in out:
                position = out.index(previous) + 1 if previous in out else len(out)
                out.insert(position, lab)
            previous = lab
    if missing in out:
        out.remove(missing)
        out.append(missing)
    return out


def waves_payload(wm: WaveMaps) -> dict:
    """The data block of the wave page: every wave's map and one legend for all."""
    maps = wm.maps
    lang = wm.lang
    colours = sorted({str(c) for m in maps for c in m.nodes["color"]})
    colour_code = {c: i for i, c in enumerate(colours)}
    missing = message("map", "missing", lang)

    # filter groups (the colour categories and any filters=) shared by title
    titles: list[str] = []
    for m in maps:
        for g in m.filters:
            if g["title"] not in titles:
                titles.append(g["title"])
    groups = []
    for title in titles:
        per_wave = [next((g for g in m.filters if g["title"] == title), None) for m in maps]
        labels = _merge_labels([[it["label"] for it in g["items"]] for g in per_wave if g], missing)
        code = {lab: i for i, lab in enumerate(labels)}
        items = []
        for lab in labels:
            item: dict[str, Any] = {"label": lab, "counts": []}
            for g in per_wave:
                found = next((it for it in g["items"] if it["label"] == lab), None) if g else None
                item["counts"].append(found["count"] if found else 0)
                if found and found.get("color"):
                    item["color"] = found["color"]
            items.append(item)
        codes = []
        for g in per_wave:
            if g is None:
                codes.append(None)
                continue
            remap = [code[it["label"]] for it in g["items"]]
            codes.append([remap[c] if c < len(remap) else -1 for c in g["codes"]])
        groups.append(
            {
                "title": title,
                "colors": any(g and g.get("colors") for g in per_wave),
                "items": items,
                "codes": codes,
            }
        )

    waves = []
    for label, m in zip(wm.labels, maps, strict=True):
        p = payload(m)
        p["nodes"]["color"] = [colour_code[str(c)] for c in m.nodes["color"]]
        p["nodes"].pop("palette")
        for key in ("text", "filters", "legend", "version", "lang", "radius", "bits", "classes"):
            p.pop(key, None)
        p["label"] = wave_name(label, lang)
        p["summary"] = m.summary
        p["overlayLabels"] = {o["key"]: o["label"] for o in m.legend.get("overlays", [])}
        waves.append(p)

    first = maps[0].legend
    legend: dict[str, Any] = {"filters": groups, "directed": any(m.directed for m in maps)}
    color_legend = next((m.legend["color"] for m in maps if "color" in m.legend), None)
    if color_legend is not None and color_legend.get("kind") == "continuous":
        legend["continuous"] = {
            "title": color_legend["title"],
            "stops": color_legend["stops"],
            "ranges": [
                [m.legend["color"].get("min"), m.legend["color"].get("max")]
                if "color" in m.legend
                else [None, None]
                for m in maps
            ],
        }
    if "size" in first:
        legend["size"] = first["size"]
    width = next((m.legend["width"] for m in maps if "width" in m.legend), None)
    if width is not None:
        legend["width"] = width
    strength = [m.legend.get("strength") for m in maps]
    if any(strength):
        s0 = next(s for s in strength if s)
        legend["strength"] = {
            "strong": s0["strong"],
            "weak": s0["weak"],
            "strong_counts": [s["strong_count"] if s else 0 for s in strength],
            "weak_counts": [s["weak_count"] if s else 0 for s in strength],
        }
    overlays = []
    for key in OVERLAYS:
        present = [
            next((o for o in m.legend.get("overlays", []) if o["key"] == key), None) for m in maps
        ]
        if not any(present):
            continue
        overlays.append(
            {
                "key": key,
                "label": message("map", f"overlay_{key}", lang),
                "bit": BITS[key],
                "shown": any(o["shown"] for o in present if o),
                "counts": [o["count"] if o else 0 for o in present],
            }
        )
    legend["overlays"] = overlays
    return {
        "version": 1,
        "lang": lang,
        "title": wm.title,
        "text": catalogue("map", lang),
        "radius": list(RADIUS),
        "bits": dict(BITS),
        "palette": colours,
        "waves": waves,
        "legend": legend,
    }


def render_waves(wm: WaveMaps) -> str:
    """The complete page of the wave maps `wm`."""
    lang = wm.lang
    data = script_json(waves_payload(wm))
    vis = vis_network()
    scripts = (vis.script, *app_scripts("waves.js"))
    css = asset("map.css") + "\n" + asset("waves.css")
    libraries = f"vis-network {vis.version}, {VIS_LICENSE}"
    title = html.escape(wm.title)
    head = page_head(lang, security_policy(scripts), title, css, libraries)

    def t(key: str, **values: object) -> str:
        return html.escape(message("map", key, lang, **values))

    actors = len(wm.layout)
    summary = message("map", "waves_summary", lang, k=len(wm.maps), n=actors)
    tabs = "".join(
        f'<button type="button" role="tab" id="sysmap-tab-{i}" aria-selected="false" '
        f'aria-controls="sysmap-panel-{i}">{html.escape(wave_name(label, lang))}</button>'
        for i, label in enumerate(wm.labels)
    )
    panels = "".join(
        f'<section class="sysmap-panel" id="sysmap-panel-{i}" role="tabpanel" '
        f'aria-labelledby="sysmap-tab-{i}">'
        f'<div class="sysmap-panel-head"><h2>{html.escape(wave_name(label, lang))}</h2>'
        f'<span class="sysmap-panel-summary">{html.escape(m.summary)}</span></div>'
        f'<div class="sysmap-canvas" id="sysmap-canvas-{i}" role="img" '
        f'aria-label="{html.escape(wave_name(label, lang))}"></div></section>'
        for i, (label, m) in enumerate(zip(wm.labels, wm.maps, strict=True))
    )
    return f"""{head}
<body>
<header id="sysmap-header">
<h1 id="sysmap-title">{title}</h1>
<span id="sysmap-summary">{html.escape(summary)}</span>
<span id="sysmap-count" aria-live="polite"></span>
<div id="sysmap-tools">
<label class="sysmap-sr" for="sysmap-search">{t("search")}</label>
<input id="sysmap-search" type="search" placeholder="{t("search_placeholder")}"
 autocomplete="off" spellcheck="false">
<span id="sysmap-matches" aria-live="polite"></span>
<div id="sysmap-tabs" role="tablist" aria-label="{t("waves_tabs")}">{tabs}</div>
<button id="sysmap-mode" type="button" aria-pressed="false">{t("waves_one")}</button>
<button id="sysmap-fit" type="button">{t("fit")}</button>
<button id="sysmap-clear" type="button">{t("clear")}</button>
</div>
</header>
<main id="sysmap-main">
<div id="sysmap-panels" style="--cols:{panel_columns(len(wm.maps))}">{panels}</div>
{page_end(t("legend"), t("noscript"), data, scripts)}"""
