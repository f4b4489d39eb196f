"""The static figure of a map (PNG, SVG, PDF) for reports and papers, drawn with matplotlib.

It draws the same :class:`~sysmap.maps.NetworkMap` as the interactive page:
the same positions (``y`` up in both), colours, node sizes and shapes, tie
widths, dashed weak ties, arrows, and overlay styles, with a legend beside
the map. Sizes keep their proportions to the layout, as the page at zoom
"fit" does. Names are drawn as written (:func:`sysmap._text.figure_text`: a
``$`` is never mathtext) and cut to :data:`~sysmap._text.MAX_LABEL`
characters. matplotlib is used through its object API (no pyplot, no global
state), so drawing a figure changes nothing else in the session.
"""

from __future__ import annotations

import math
import os
import textwrap
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from .._text import MAX_LABEL, figure_text, shorten
from ..exceptions import ParameterError
from ..export import replacing
from ..i18n import format_number, message
from .fields import display_value
from .labels import label_order, non_overlapping, wave_name
from .palette import MISSING_COLOR, VIRIDIS
from .style import RADIUS, panel_columns

__all__ = ["draw_static", "draw_waves"]

EDGE_RGBA = (110 / 255, 110 / 255, 110 / 255, 0.55)
BRIDGE = "#000000"
LOCAL_BRIDGE = "#AA3377"
#: Longest title or summary line drawn above the map.
TITLE_LIMIT = 120
_FORMATS = {".png", ".svg", ".pdf"}
_METADATA = {".svg": {"Date": None}, ".pdf": {"CreationDate": None}, ".png": {}}


def _shade(hex_color: str, f: float = 0.6) -> tuple[float, float, float]:
    r, g, b = (int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return (r * f, g * f, b * f)


def _star(cx: float, cy: float, r: float) -> np.ndarray:
    angles = np.pi / 2 + np.arange(10) * np.pi / 5
    radii = np.where(np.arange(10) % 2 == 0, r, r * 0.45)
    return np.column_stack([cx + radii * np.cos(angles), cy + radii * np.sin(angles)])


def _shapes(m: Any) -> list[str]:
    """Node shape per actor, with the page's precedence (key player > broker > isolate)."""
    nodes = m.nodes
    shapes = np.full(len(nodes), "dot", dtype=object)
    for key, shape in (("isolates", "square"), ("brokers", "diamond"), ("key_players", "star")):
        if key in m.overlays:
            shapes[nodes[key].to_numpy(dtype=bool)] = shape
    return shapes.tolist()


def draw_static(
    m: Any,
    path: str | os.PathLike[str],
    *,
    dpi: int = 150,
    width: float | None = None,
    labels: bool | None = None,
    legend: bool = True,
) -> Path:
    """Draw the map `m` with matplotlib and write it to `path` (PNG, SVG or PDF).

    See :meth:`sysmap.maps.NetworkMap.save_static` for the parameters.

    Raises
    ------
    ParameterError
        For an unsupported extension or invalid `dpi` / `width`.
    """
    from matplotlib.collections import LineCollection, PatchCollection, PolyCollection
    from matplotlib.colors import LinearSegmentedColormap
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Circle, Patch, Polygon, RegularPolygon

    path = _check_output(path, dpi, width)

    nodes, ties = m.nodes, m.ties
    n = len(nodes)
    xy = nodes[["x", "y"]].to_numpy(dtype=float) if n else np.zeros((0, 2))
    r = nodes["radius"].to_numpy(dtype=float) / m.scale if n else np.zeros(0)
    if n:
        lo = (xy - r[:, None]).min(axis=0)
        hi = (xy + r[:, None]).max(axis=0)
    else:
        lo, hi = np.array([-1.0, -1.0]), np.array([1.0, 1.0])
    span = np.maximum(hi - lo, 1e-9)
    pad = 0.04 * span.max()
    lo, hi = lo - pad, hi + pad
    span = hi - lo
    map_width = 10.0 if width is None else float(width)
    legend_width = 3.6 if legend else 0.0
    if width is not None and legend:
        legend_width = min(3.6, 0.36 * map_width)
        map_width -= legend_width
    map_height = float(np.clip(map_width * span[1] / span[0], 4.0, 16.0))
    fig = Figure(figsize=(map_width + legend_width, map_height + 0.6), dpi=dpi)
    total_w = map_width + legend_width
    ax = fig.add_axes((0.0, 0.0, map_width / total_w, map_height / (map_height + 0.6)))
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    ax.set_aspect("equal", adjustable="datalim")
    ax.set_axis_off()
    # points per layout unit (the axes keep the data's aspect)
    pts_per_unit = min(map_width / span[0], map_height / span[1]) * 72.0
    px_to_pts = pts_per_unit / m.scale

    # ties ----------------------------------------------------------------------
    if len(ties):
        src, dst = m.tie_ends
        a, b = xy[src].copy(), xy[dst].copy()
        vec = b - a
        length = np.hypot(vec[:, 0], vec[:, 1])
        unit = np.divide(vec, length[:, None], out=np.zeros_like(vec), where=length[:, None] > 0)
        normal = np.column_stack([-unit[:, 1], unit[:, 0]])
        curved = ties["curved"].to_numpy(dtype=bool)
        shift = (3.0 / m.scale) * curved[:, None] * normal  # reciprocated arcs side by side
        a, b = a + shift, b + shift
        widths = ties["width"].to_numpy(dtype=float).copy()
        colors = np.array([EDGE_RGBA] * len(ties), dtype=float)
        if "local_bridges" in m.overlays and _shown(m, "local_bridges"):
            mask = ties["local_bridges"].to_numpy(dtype=bool)
            colors[mask] = (*_rgb(LOCAL_BRIDGE), 1.0)
        if "bridges" in m.overlays:
            mask = ties["bridges"].to_numpy(dtype=bool)
            colors[mask] = (0, 0, 0, 1.0)
            widths[mask] += 2
        head = np.zeros(len(ties))
        if m.directed:
            head = np.maximum(6.0, 3.0 * widths) / m.scale
            b = b - unit * (r[dst] + head)[:, None]
        lw = np.maximum(widths * px_to_pts, 0.15)
        dashed = ties["dashed"].to_numpy(dtype=bool)
        styles = [("solid", ~dashed), ((0, (4, 2.5)), dashed)]
        tie_classes = (m.classes or {}).get("edges")
        if tie_classes:  # difference maps: each change class in its colour and pattern
            column = ties[tie_classes["column"]].to_numpy(dtype=object)
            styles = []
            for item in tie_classes["items"]:
                mask = column == item["key"]
                colors[mask] = (*_rgb(item["color"]), 1.0)
                styles.append((_dash(item), mask))
        for style, mask in styles:
            if mask.any():
                segs = np.stack([a[mask], b[mask]], axis=1)
                ax.add_collection(
                    LineCollection(
                        segs,
                        colors=colors[mask],
                        linewidths=lw[mask],
                        linestyles=style,
                        zorder=1,
                        capstyle="butt",
                    )
                )
        if m.directed:
            tip = b + unit * head[:, None]
            half = head * 0.45
            left = b + normal * half[:, None]
            right = b - normal * half[:, None]
            tris = np.stack([tip, left, right], axis=1)
            ax.add_collection(PolyCollection(tris, facecolors=colors, edgecolors="none", zorder=1))

    # nodes ---------------------------------------------------------------------
    shapes = _shapes(m)
    hollow = (
        nodes["non_respondents"].to_numpy(dtype=bool)
        if "non_respondents" in m.overlays
        else np.zeros(n, bool)
    )
    node_classes = (m.classes or {}).get("nodes")
    node_style: list[dict | None] = [None] * n
    if node_classes:
        by_key = {item["key"]: item for item in node_classes["items"]}
        node_style = [by_key[k] for k in nodes[node_classes["column"]]]
    patches, faces, edges, styles, lws = [], [], [], [], []
    for i in range(n):
        cx, cy, ri = xy[i, 0], xy[i, 1], r[i]
        shape = shapes[i]
        if shape == "dot":
            patch = Circle((cx, cy), ri)
        elif shape == "diamond":
            patch = RegularPolygon((cx, cy), numVertices=4, radius=ri * 1.25)
        elif shape == "square":
            patch = RegularPolygon(
                (cx, cy), numVertices=4, radius=ri * 1.3, orientation=math.pi / 4
            )
        else:
            patch = Polygon(_star(cx, cy, ri * 1.3), closed=True)
        color = nodes["color"].iat[i]
        patches.append(patch)
        style = node_style[i]
        if style is not None:  # change class of a difference map: its border (and hollow)
            faces.append("#FFFFFF" if style.get("hollow") else color)
            edges.append(style.get("border") or _shade(color))
            styles.append((0, (3, 2)) if style.get("dashes") else "solid")
            lws.append(max(float(style.get("borderWidth") or 1) * px_to_pts, 0.3))
        elif hollow[i]:
            faces.append("#FFFFFF")
            edges.append(color)
            styles.append((0, (3, 2)))
            lws.append(max(3.0 * px_to_pts, 0.6))
        else:
            faces.append(color)
            edges.append(_shade(color))
            styles.append("solid")
            lws.append(max((1.0 if shape == "dot" else 2.0) * px_to_pts, 0.3))
    if patches:
        ax.add_collection(
            PatchCollection(
                patches,
                facecolors=faces,
                edgecolors=edges,
                linestyles=styles,
                linewidths=lws,
                zorder=2,
                match_original=False,
            )
        )

    labelled = np.full(n, labels is not False)  # None or True: every label that fits
    if labelled.any():
        font = max(4.0, min(9.0, 14.0 * px_to_pts))
        # only labels that fit: boxes (in layout units) placed in label order, a label
        # that would overlap one already placed is left out (as on the page)
        texts = [figure_text(label) for label in nodes["label"]]
        unit = font / pts_per_unit  # one font size in layout units
        half = np.array([0.31 * len(text) + 0.2 for text in texts]) * unit
        top = xy[:, 1] - r * 1.35
        # at the edges moved inside the picture rather than cut
        fits = 2 * half < hi[0] - lo[0]
        x_text = np.where(fits, np.clip(xy[:, 0], lo[0] + half, hi[0] - half), xy[:, 0])
        boxes = np.column_stack([x_text - half, top - 1.3 * unit, x_text + half, top])
        order = label_order(nodes)
        labelled &= non_overlapping(boxes, order[labelled[order]])
        # a light box, not a stroke path effect: SVG/PDF keep the labels as text
        box = {
            "boxstyle": "round,pad=0.08",
            "facecolor": "white",
            "edgecolor": "none",
            "alpha": 0.7,
        }
        for i in np.flatnonzero(labelled):
            ax.text(
                x_text[i],
                xy[i, 1] - r[i] * 1.35,
                texts[i],
                ha="center",
                va="top",
                fontsize=font,
                zorder=3,
                bbox=box,
                clip_on=True,
            )

    title, summary = figure_text(m.title, TITLE_LIMIT), figure_text(m.summary, TITLE_LIMIT)
    fig.text(0.01, 1 - 0.3 / (map_height + 0.6), title, fontsize=13, weight="bold", va="center")
    fig.text(0.01, 1 - 0.52 / (map_height + 0.6), summary, fontsize=8, color="#555555", va="center")
    if m.notice:
        notice = figure_text(m.notice, 3 * TITLE_LIMIT)
        fig.text(0.01, 0.01, notice, fontsize=7, color="#7a5b00", wrap=True)

    # legend --------------------------------------------------------------------
    if legend:
        handles, texts = [], []
        lang = m.lang

        def heading(text: str) -> None:
            handles.append(Patch(visible=False))
            texts.append(text)

        for kind in ("nodes", "edges"):
            spec = (m.classes or {}).get(kind)
            if not spec:
                continue
            heading(spec["title"])
            for item in spec["items"]:
                if kind == "edges":
                    handles.append(
                        Line2D(
                            [],
                            [],
                            color=item["color"],
                            linewidth=min(float(item["width"]), 4.0),
                            linestyle=_dash(item),
                        )
                    )
                else:
                    handles.append(
                        Line2D(
                            [],
                            [],
                            marker="o",
                            linestyle="",
                            markersize=8,
                            markerfacecolor="#FFFFFF"
                            if item.get("hollow")
                            else (item.get("fill") or "#BBBBBB"),
                            markeredgecolor=item.get("border") or "#555555",
                            markeredgewidth=min(float(item.get("borderWidth") or 1), 2.5),
                        )
                    )
                texts.append(_entry(item))
        color_legend = m.legend.get("color")
        if color_legend and color_legend["kind"] == "categorical":
            heading(message("map", "color_heading", lang, title=color_legend["title"]))
            for item in color_legend["items"][:30]:
                handles.append(
                    Line2D(
                        [],
                        [],
                        marker="o",
                        linestyle="",
                        markersize=8,
                        markerfacecolor=item["color"],
                        markeredgecolor=_shade(item["color"]),
                    )
                )
                texts.append(_entry(item))
        if m.legend.get("size"):
            s = m.legend["size"]
            heading(message("map", "size_heading", lang, title=s["title"]))
            handles.append(Patch(visible=False))
            texts.append(
                message("map", "range", lang, min=_num(s["min"], lang), max=_num(s["max"], lang))
            )
        strength = m.legend.get("strength")
        if strength or m.directed or m.legend.get("width"):
            heading(message("map", "ties_heading", lang))
        if m.legend.get("width"):
            w = m.legend["width"]
            handles.append(Line2D([], [], color=EDGE_RGBA, linewidth=2))
            texts.append(
                message("map", "tie_width", lang, title=w["title"])
                + ": "
                + message("map", "range", lang, min=_num(w["min"], lang), max=_num(w["max"], lang))
            )
        if strength:
            handles.append(Line2D([], [], color=EDGE_RGBA, linewidth=1.5))
            texts.append(strength["strong"])
            handles.append(Line2D([], [], color=EDGE_RGBA, linewidth=1.5, linestyle=(0, (4, 2.5))))
            texts.append(strength["weak"])
        if m.legend.get("overlays"):
            heading(message("map", "overlays_heading", lang))
            markers = {"key_players": "*", "brokers": "D", "isolates": "s"}
            for item in m.legend["overlays"]:
                key = item["key"]
                if not item["shown"]:
                    continue
                if key in markers:
                    handles.append(
                        Line2D(
                            [],
                            [],
                            marker=markers[key],
                            linestyle="",
                            markersize=9,
                            markerfacecolor="#999999",
                            markeredgecolor="#333333",
                        )
                    )
                elif key == "non_respondents":
                    handles.append(
                        Line2D(
                            [],
                            [],
                            marker="o",
                            linestyle="",
                            markersize=9,
                            markerfacecolor="white",
                            markeredgecolor="#555555",
                            markeredgewidth=1.5,
                        )
                    )
                else:
                    handles.append(
                        Line2D(
                            [], [], color=BRIDGE if key == "bridges" else LOCAL_BRIDGE, linewidth=3
                        )
                    )
                texts.append(_entry(item))
        if handles:
            texts = [figure_text(textwrap.fill(shorten(t, 92), 46), None) for t in texts]
            leg = fig.legend(
                handles,
                texts,
                loc="upper left",
                frameon=False,
                fontsize=7.5,
                bbox_to_anchor=(map_width / total_w + 0.005, 0.96),
                handlelength=2.2,
                borderaxespad=0.0,
            )
            for handle, text in zip(leg.legend_handles, leg.get_texts(), strict=False):
                if isinstance(handle, Patch) and not handle.get_visible():
                    text.set_weight("bold")
        if color_legend and color_legend["kind"] == "continuous":
            cax = fig.add_axes(
                (map_width / total_w + 0.02, 0.08, 0.6 * legend_width / total_w, 0.02)
            )
            cmap = LinearSegmentedColormap.from_list("viridis9", list(VIRIDIS))
            gradient = np.linspace(0, 1, 256)[None, :]
            cax.imshow(gradient, aspect="auto", cmap=cmap, extent=(0, 1, 0, 1))
            cax.set_yticks([])
            cax.set_xticks(
                [0, 1], [_num(color_legend["min"], lang), _num(color_legend["max"], lang)]
            )
            cax.tick_params(labelsize=7)
            cax.set_title(
                figure_text(message("map", "color_heading", lang, title=color_legend["title"])),
                fontsize=7.5,
                loc="left",
            )
            if color_legend.get("missing"):
                cax.text(
                    0,
                    -2.2,
                    f"{message('map', 'missing', lang)}: {color_legend['missing']}",
                    fontsize=7,
                    color=MISSING_COLOR,
                    transform=cax.transAxes,
                )

    _save(fig, path, dpi=dpi)
    return path


def _check_output(path: str | os.PathLike[str], dpi: object, width: object) -> Path:
    """`path` as a Path, once the format, `dpi` and `width` are checked."""
    path = Path(path)
    if path.suffix.lower() not in _FORMATS:
        raise ParameterError(f"static maps are PNG, SVG or PDF; got {os.fspath(path)!r}.")
    if isinstance(dpi, bool) or not isinstance(dpi, int) or dpi < 10:
        raise ParameterError(f"dpi must be an int >= 10; got {dpi!r}.")
    if width is not None and (not isinstance(width, (int, float)) or not 1 <= width <= 100):
        raise ParameterError(f"width must be a number of inches in [1, 100]; got {width!r}.")
    return path


def _save(fig: Any, path: Path, *, dpi: int) -> None:
    """Write `fig` in the format of `path`'s suffix, text as text and without a date
    (the same map gives the same file); the file is replaced only once complete.
    Glyphs missing from the installed fonts are drawn as boxes, without a warning."""
    from matplotlib import rc_context

    suffix = path.suffix.lower()
    rc = {"svg.fonttype": "none", "pdf.fonttype": 42, "svg.hashsalt": "sysmap"}
    with warnings.catch_warnings(), rc_context(rc), replacing(path) as tmp:
        warnings.filterwarnings("ignore", message=r"Glyph .* missing from", category=UserWarning)
        warnings.filterwarnings(
            "ignore", message=r"Matplotlib currently does not support", category=UserWarning
        )
        fig.savefig(tmp, format=suffix[1:], dpi=dpi, metadata=_METADATA[suffix], facecolor="white")


def _dash(item: dict) -> object:
    """A class's dash pattern (pixels in the page) in matplotlib's units (line widths)."""
    pattern = item.get("dashes")
    if not pattern:
        return "solid"
    width = max(float(item.get("width") or 1.0), 0.5)
    return (0, tuple(float(d) / width for d in pattern))


def _shown(m: Any, key: str) -> bool:
    """Whether the page starts with overlay `key` switched on."""
    return any(o["key"] == key and o["shown"] for o in m.legend.get("overlays", []))


def _entry(item: dict) -> str:
    """A legend entry: the (shortened) label and its count."""
    return f"{shorten(str(item['label']), MAX_LABEL)} ({item['count']})"


def _rgb(hex_color: str) -> tuple[float, float, float]:
    return tuple(int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def _num(value: object, lang: str) -> str:
    if value is None:
        return message("map", "not_available", lang)
    return format_number(value, lang, digits=2)


def draw_waves(
    waves: Any,
    path: str | os.PathLike[str],
    *,
    dpi: int = 150,
    width: float | None = None,
    columns: int | None = None,
    legend: bool = True,
) -> Path:
    """Draw wave maps (:class:`~sysmap.maps.WaveMaps`) as one figure, a panel per wave:
    the same positions, colours, sizes, tie widths and dashes in every panel.

    See :meth:`sysmap.maps.WaveMaps.save_static` for the parameters.

    Raises
    ------
    ParameterError
        For an unsupported extension or invalid `dpi`, `width` or `columns`.
    """
    from matplotlib.collections import LineCollection, PatchCollection
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Circle

    path = _check_output(path, dpi, width)
    if columns is not None and (
        isinstance(columns, bool) or not isinstance(columns, int) or columns < 1
    ):
        raise ParameterError(f"columns must be a positive int; got {columns!r}.")
    k = len(waves.maps)
    ncols = min(k, columns) if columns else panel_columns(k)
    nrows = math.ceil(k / ncols)
    xy_all = waves.layout[["x", "y"]].to_numpy(dtype=float)
    scale = waves.maps[0].scale
    rmax = RADIUS[1] / scale
    lo = xy_all.min(axis=0) - rmax if len(xy_all) else np.array([-1.0, -1.0])
    hi = xy_all.max(axis=0) + rmax if len(xy_all) else np.array([1.0, 1.0])
    span = np.maximum(hi - lo, 1e-9)
    panel_w = (5.0 * ncols if width is None else float(width)) / ncols
    panel_h = float(np.clip(panel_w * span[1] / span[0], 2.5, 8.0))
    legend_h = 0.9 if legend else 0.0
    fig = Figure(figsize=(panel_w * ncols, panel_h * nrows + 0.5 + legend_h), dpi=dpi)
    total_h = panel_h * nrows + 0.5 + legend_h
    title = figure_text(waves.title, TITLE_LIMIT)
    fig.text(0.01, 1 - 0.25 / total_h, title, fontsize=12, weight="bold", va="center")
    pts_per_unit = min(panel_w / span[0], panel_h / span[1]) * 72.0
    px_to_pts = pts_per_unit / scale
    for i, m in enumerate(waves.maps):
        row, col = divmod(i, ncols)
        ax = fig.add_axes(
            (
                col / ncols,
                (legend_h + (nrows - 1 - row) * panel_h) / total_h,
                1 / ncols,
                (panel_h - 0.1) / total_h,
            )
        )
        ax.set_xlim(lo[0], hi[0])
        ax.set_ylim(lo[1], hi[1])
        ax.set_aspect("equal", adjustable="box")
        ax.set_axis_off()
        heading = f"{wave_name(waves.labels[i], waves.lang)}: {m.summary}"
        ax.set_title(figure_text(heading, TITLE_LIMIT), fontsize=8.5, loc="left")
        nodes, ties = m.nodes, m.ties
        xy = nodes[["x", "y"]].to_numpy(dtype=float)
        if len(ties):
            src, dst = m.tie_ends
            segs = np.stack([xy[src], xy[dst]], axis=1)
            lw = np.maximum(ties["width"].to_numpy(dtype=float) * px_to_pts, 0.15)
            dashed = ties["dashed"].to_numpy(dtype=bool)
            for style, mask in (("solid", ~dashed), ((0, (4, 2.5)), dashed)):
                if mask.any():
                    ax.add_collection(
                        LineCollection(
                            segs[mask],
                            colors=[EDGE_RGBA],
                            linewidths=lw[mask],
                            linestyles=style,
                            zorder=1,
                        )
                    )
        r = nodes["radius"].to_numpy(dtype=float) / scale
        patches = [
            Circle((float(a), float(b)), float(ri)) for (a, b), ri in zip(xy, r, strict=True)
        ]
        colors = nodes["color"].tolist()
        if patches:
            ax.add_collection(
                PatchCollection(
                    patches,
                    facecolors=colors,
                    edgecolors=[_shade(c) for c in colors],
                    linewidths=max(px_to_pts, 0.3),
                    zorder=2,
                    match_original=False,
                )
            )
    if legend and waves.palette:
        handles = [
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markersize=7,
                markerfacecolor=c,
                markeredgecolor=_shade(c),
            )
            for c in waves.palette.values()
        ]
        texts = [figure_text(display_value("", c, waves.lang)) for c in waves.palette]
        fig.legend(
            handles[:30],
            texts[:30],
            loc="lower left",
            ncols=min(6, len(handles)),
            frameon=False,
            fontsize=7.5,
            bbox_to_anchor=(0.01, 0.01),
        )
    _save(fig, path, dpi=dpi)
    return path
