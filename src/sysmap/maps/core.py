"""The map object: :func:`network_map` computes what to draw, :class:`NetworkMap` draws it.

A :class:`NetworkMap` holds everything the pictures need in tidy tables
(``nodes`` indexed by actor, ``ties`` with ``source``, ``target``), so the
interactive page (:mod:`sysmap.maps.html`) and the static figure
(:mod:`sysmap.maps.static`) show the same positions, colours and sizes.
"""

from __future__ import annotations

import html as _html
import numbers
import os
import tempfile
from collections.abc import Hashable, Iterable, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from .._attributes import display_group, is_missing_group
from .._graph import check_graph, sorted_nodes
from ..exceptions import ParameterError
from ..i18n import catalogue, check_lang, format_number, message
from ..io.model import NetworkData
from ..metrics.store import MeasureStore
from ._values import (
    MAX_TEXT,
    MetricCache,
    attribute_names,
    is_number,
    jsonable,
    numeric,
    resolve_values,
)
from .aggregate import aggregate_network
from .layout import compute_layout, save_layout
from .overlays import ACTOR_OVERLAYS, OVERLAYS, TIE_OVERLAYS, Overlay, map_overlays
from .palette import MISSING_COLOR, VIRIDIS, category_colors, is_missing, sequential_colors
from .webgl import RENDERERS, choose_renderer

__all__ = ["DEFAULT_COLOR", "MAX_ACTORS", "NetworkMap", "network_map"]

#: Above this many actors a map shows clusters as nodes unless ``aggregate=False``
#: (up to it every actor is drawn: with WebGL above 3,000 actors; see docs/maps.md).
MAX_ACTORS = 50_000
#: Node colour when nothing colours the map (Okabe-Ito sky blue).
DEFAULT_COLOR = "#56B4E9"
#: Node radius range in pixels (area proportional to the size value).
RADIUS = (8.0, 32.0)
#: Radius when all actors have the same size.
RADIUS_PLAIN = 12.0
#: Tie width range in pixels.
WIDTH = (1.0, 5.0)
#: Median distance from an actor to its nearest neighbour on screen, in pixels, at zoom 1.
NEIGHBOUR_PIXELS = 40.0
#: Shades of the continuous colour scale.
SHADES = 32
#: Categorical colouring for numbers with at most this many distinct values.
MAX_NUMERIC_CATEGORIES = 12
#: Bits of the overlay mask of nodes and ties (also used by the page's script).
BITS = {key: 1 << i for i, key in enumerate(OVERLAYS)}
#: Edge attributes shown in a tie's tooltip when present.
TIE_FIELDS = ("relation", "intensity", "weight", "frequency", "trust", "value")
#: Node attributes left out of tooltips by default (bookkeeping, not content).
HIDDEN_ATTRIBUTES = ("trust_ratings", "value_ratings")
_COLOR_SCALES = ("auto", "categorical", "continuous")


def _text(value: object) -> str:
    return "" if is_missing(value) else str(value)


def save_by_suffix(drawing: Any, path: str | os.PathLike[str], static_options: dict) -> Path:
    """Write ``drawing.html`` for ``.html``/``.htm``, else ``drawing.save_static`` for
    ``.png``/``.svg``/``.pdf`` (with `static_options`); shared by the map classes."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        if static_options:
            raise ParameterError(f"options {sorted(static_options)} apply to PNG/SVG/PDF only.")
        path.write_text(drawing.html, encoding="utf-8")
        return path
    if suffix in (".png", ".svg", ".pdf"):
        return drawing.save_static(path, **static_options)
    msg = f"cannot tell the format of {os.fspath(path)!r}: use .html, .png, .svg or .pdf."
    raise ParameterError(msg)


#: Largest map (actors over all panels) whose notebook display also carries a picture.
INLINE_PICTURE_LIMIT = 2000
#: Resolution of that picture: small enough to keep saved notebooks light (~100 KB).
INLINE_PICTURE_DPI = 60


def inline_frame(drawing: Any) -> str:
    """``drawing.html`` escaped into a sandboxed ``<iframe srcdoc>`` for notebooks.

    The frame's content is a one-line note ("Run the cell to see the
    interactive map."): browsers never show it, but a viewer that strips
    the frame from saved output (GitHub, an untrusted notebook in
    JupyterLab) shows it instead of a blank area. Shared by the map classes.
    """
    page = _html.escape(drawing.html, quote=True)
    note = _html.escape(message("map", "inline_fallback", drawing.lang))
    return (
        f'<iframe srcdoc="{page}" sandbox="allow-scripts" '
        f'style="width:100%;height:{_html.escape(drawing.height)};border:1px solid #ddd" '
        f'title="{_html.escape(drawing.title)}">{note}</iframe>'
    )


def inline_picture(drawing: Any, n_actors: int) -> bytes | None:
    """``drawing``'s static figure as PNG bytes for a notebook's saved output.

    None above :data:`INLINE_PICTURE_LIMIT` actors (drawing would slow every
    display down). Shared by the map classes.
    """
    if n_actors > INLINE_PICTURE_LIMIT:
        return None
    with tempfile.TemporaryDirectory(prefix="sysmap-") as folder:
        path = drawing.save_static(Path(folder) / "map.png", dpi=INLINE_PICTURE_DPI)
        return path.read_bytes()


class NetworkMap:
    """A network map: positions, colours, sizes, overlays and legend, ready to draw.

    Made by :func:`network_map`. Display it in a notebook (it renders inline),
    write it with :meth:`save` (one self-contained HTML file, or a PNG/SVG/PDF
    figure), or take its tables for other tools.

    Attributes
    ----------
    nodes : pandas.DataFrame
        Indexed by ``actor``: ``label``, ``x``, ``y`` (layout units, ``y`` up),
        ``radius`` (pixels), ``color`` (``#RRGGBB``), ``category`` (the value
        that chose the colour), ``size_value`` (the value that chose the size),
        and one bool column per actor overlay (``brokers``, ``key_players``,
        ``isolates``, ``non_respondents``).
    ties : pandas.DataFrame
        One row per drawn tie (arcs for directed networks; self-loops are not
        drawn): ``source``, ``target``, ``width`` (pixels), ``strength``,
        ``strength_class`` (``weak``, ``strong`` or ``unknown``), ``dashed``,
        ``curved`` (directed arcs whose reverse arc exists) and one bool
        column per tie overlay (``bridges``, ``local_bridges``).
    layout : pandas.DataFrame
        ``x``, ``y`` per actor: pass it as ``layout=`` to later maps (or save it
        with :meth:`save_layout`) to keep every actor in place.
    palette : dict
        ``{category: colour}`` of the colour legend: pass it as ``palette=`` to
        later maps to keep the colours.
    overlays : dict
        Overlay key -> :class:`~sysmap.maps.overlays.Overlay`.
    clusters : pandas.Series or None
        For an aggregated map, each actor's cluster (index ``actor``).
    classes : dict or None
        Change classes of a difference map
        (:func:`~sysmap.maps.waves.difference_map`): ``{"nodes": spec,
        "edges": spec}``, each spec naming the column of :attr:`nodes` /
        :attr:`ties` that holds the class key, a ``title`` and ``items``
        (``key``, ``label``, ``count`` and the drawing style). The page has a
        legend section with a checkbox per class; None for other maps.
    title, lang, directed, aggregated, notice
        As given or decided by :func:`network_map`.
    renderer : str
        What draws the page: ``"vis"`` (vis-network) or ``"webgl"`` (sigma.js,
        for large networks; see :func:`~sysmap.maps.webgl.choose_renderer`).
    """

    def __init__(self, **parts: Any) -> None:
        self.nodes: pd.DataFrame = parts["nodes"]
        self.ties: pd.DataFrame = parts["ties"]
        self.layout: pd.DataFrame = parts["layout"]
        self.palette: dict = parts["palette"]
        self.overlays: dict[str, Overlay] = parts["overlays"]
        self.clusters: pd.Series | None = parts.get("clusters")
        self.classes: dict | None = parts.get("classes")
        self.title: str = parts["title"]
        self.lang: str = parts["lang"]
        self.directed: bool = parts["directed"]
        self.aggregated: bool = parts["aggregated"]
        self.notice: str | None = parts.get("notice")
        self.scale: float = parts["scale"]
        self.legend: dict = parts["legend"]
        self.node_fields: list[dict] = parts["node_fields"]
        self.tie_fields: list[dict] = parts["tie_fields"]
        self.filters: list[dict] = parts["filters"]
        self.summary: str = parts["summary"]
        self.height: str = parts.get("height", "720px")
        self.renderer: str = parts.get("renderer", "vis")
        # index arrays of the drawn ties into ``nodes`` and the overlay bit masks
        self._src: np.ndarray = parts["_src"]
        self._dst: np.ndarray = parts["_dst"]
        self._node_bits: np.ndarray = parts["node_bits"]
        self._edge_bits: np.ndarray = parts["edge_bits"]

    def __repr__(self) -> str:
        kind = "aggregated, " if self.aggregated else ""
        return (
            f"<NetworkMap {self.title!r}: {kind}{len(self.nodes)} nodes, "
            f"{len(self.ties)} ties, overlays={list(self.overlays)}>"
        )

    @cached_property
    def html(self) -> str:
        """The map as one self-contained HTML page (str)."""
        from .html import render_html

        return render_html(self)

    def _repr_html_(self) -> str:
        """Inline display in Jupyter, JupyterLab and VS Code: an ``<iframe srcdoc>``.

        The page is escaped into the ``srcdoc`` attribute, so nothing is
        written to disk and no server is needed. The frame is sandboxed
        (scripts run, but cannot reach the notebook). Where a viewer strips
        the frame from a saved notebook, it says to run the cell.
        """
        return inline_frame(self)

    def _repr_png_(self) -> bytes | None:
        """The static figure (:meth:`save_static`, 60 dpi) beside the page in a
        notebook's output, for viewers that do not run the page (GitHub, nbviewer
        without scripts); none for maps of more than 2,000 actors."""
        return inline_picture(self, len(self.nodes))

    def save(self, path: str | os.PathLike[str], **static_options: Any) -> Path:
        """Write the map to `path` and return it.

        ``.html``/``.htm`` writes the interactive page: exactly one file, with
        every script and style inlined, nothing else written anywhere.
        ``.png``, ``.svg`` and ``.pdf`` write the static figure
        (:meth:`save_static`; `static_options` go there).

        Raises
        ------
        ParameterError
            For another file extension.
        """
        return save_by_suffix(self, path, static_options)

    def save_static(
        self,
        path: str | os.PathLike[str],
        *,
        dpi: int = 150,
        width: float | None = None,
        labels: bool | None = None,
        legend: bool = True,
    ) -> Path:
        """Write the same map as a static PNG, SVG or PDF figure (matplotlib).

        Same positions, colours, sizes, tie styles and overlays as the
        interactive page (the active overlays, all shown).

        Parameters
        ----------
        path : str or path-like
            Target file; the format follows the extension.
        dpi : int, default=150
            Resolution of PNG output.
        width : float, optional
            Figure width in inches (default: 10, plus room for the legend).
        labels : bool, optional
            Draw actor labels; default: all on maps of at most 40 nodes, else
            only the marked brokers and key players.
        legend : bool, default=True
            Draw the legend beside the map.
        """
        from .static import draw_static

        return draw_static(self, path, dpi=dpi, width=width, labels=labels, legend=legend)

    def save_layout(self, path: str | os.PathLike[str]) -> Path:
        """Write :attr:`layout` for later maps: CSV (``actor, x, y``), or GEXF for a
        ``.gexf`` name (see :func:`~sysmap.maps.layout.save_layout`)."""
        return save_layout(self.layout, path)


# --------------------------------------------------------------------------- building


def _check_choice(value: object, name: str, choices: Sequence[object]) -> None:
    if value not in choices:
        raise ParameterError(f"{name} must be one of {list(choices)}; got {value!r}.")


def _display(field: str, value: object, lang: str) -> object:
    """Translate values that sysmap defines (survey status, booleans, missing groups)."""
    if is_missing_group(value):
        return display_group(value, lang)
    if isinstance(value, (bool, np.bool_)):
        return message("map", "yes" if value else "no", lang)
    if field == "aliases" and isinstance(value, str):
        return value.replace("|", ", ")
    if field == "status" and isinstance(value, str):
        key = f"status_{value}"
        if key in catalogue("map", lang):
            return message("map", key, lang)
    return value


def _field_label(field: str, lang: str) -> str:
    key = f"field_{field}"
    return message("map", key, lang) if key in catalogue("map", lang) else field


def _field(label: str, values: Sequence[object]) -> dict:
    """A tooltip column: numbers, text, or text coded by category (compact)."""
    series = pd.Series(list(values), dtype=object)
    inferred = pd.api.types.infer_dtype(series, skipna=True)
    if inferred in ("integer", "floating", "mixed-integer-float", "decimal"):
        x = pd.to_numeric(series, errors="coerce").to_numpy(dtype=float)
        ok = np.isfinite(x)
        out = np.where(ok, np.round(x, 6), np.nan).tolist()
        return {
            "label": label,
            "type": "number",
            "values": [v if good else None for v, good in zip(out, ok.tolist(), strict=True)],
        }
    if inferred in ("string", "empty"):
        text = [
            jsonable(v)
            if isinstance(v, str) and len(v) > MAX_TEXT
            else (v if isinstance(v, str) else None)
            for v in series
        ]
    else:
        clean = [jsonable(v) for v in series]
        present = [v for v in clean if v is not None]
        if present and all(is_number(v) for v in present):
            return {"label": label, "type": "number", "values": clean}
        text = [None if v is None else str(v) for v in clean]
    categories = sorted({t for t in text if t is not None})
    if len(text) > 20 and len(categories) <= len(text) // 2:
        code = {c: i for i, c in enumerate(categories)}
        return {
            "label": label,
            "type": "code",
            "categories": categories,
            "values": [-1 if t is None else code[t] for t in text],
        }
    return {"label": label, "type": "text", "values": text}


def _edges(G: nx.Graph, nodes: list[Hashable], attrs: Sequence[str]):
    """Drawn ties (self-loops dropped) as index arrays plus the listed attributes."""
    index = {v: i for i, v in enumerate(nodes)}
    directed = G.is_directed()
    src, dst, data = [], [], []
    for u, nbrs in G.adjacency():
        iu = index[u]
        for v, d in nbrs.items():
            iv = index[v]
            if iu == iv or (not directed and iu > iv):
                continue
            src.append(iu)
            dst.append(iv)
            data.append(d)
    src_a = np.array(src, dtype=np.int64)
    dst_a = np.array(dst, dtype=np.int64)
    order = np.lexsort((dst_a, src_a))
    values = {a: [data[k].get(a) for k in order] for a in attrs}
    return src_a[order], dst_a[order], values


def _edge_attribute_names(G: nx.Graph) -> list[str]:
    seen: dict[str, None] = {}
    for _, _, d in G.edges(data=True):
        for key in d:
            seen.setdefault(key, None)
    return list(seen)


def _radius(values: np.ndarray) -> np.ndarray:
    finite = np.isfinite(values)
    if not finite.any():
        return np.full(len(values), RADIUS_PLAIN)
    lo, hi = float(values[finite].min()), float(values[finite].max())
    if hi <= lo:
        return np.where(finite, (RADIUS[0] + RADIUS[1]) / 2, RADIUS[0])
    t = np.sqrt(np.clip((np.nan_to_num(values, nan=lo) - lo) / (hi - lo), 0, 1))
    return np.where(finite, RADIUS[0] + (RADIUS[1] - RADIUS[0]) * t, RADIUS[0])


def _widths(values: np.ndarray) -> np.ndarray:
    finite = np.isfinite(values)
    if not finite.any():
        return np.full(len(values), 1.5)
    lo, hi = float(values[finite].min()), float(values[finite].max())
    if hi <= lo:
        return np.full(len(values), 1.5)
    t = np.clip((np.nan_to_num(values, nan=lo) - lo) / (hi - lo), 0, 1)
    return WIDTH[0] + (WIDTH[1] - WIDTH[0]) * t


def _scale(xy: np.ndarray) -> float:
    """Pixels per layout unit: the median distance to the nearest other actor is
    ``NEIGHBOUR_PIXELS`` (so circles rarely overlap at zoom 1)."""
    if len(xy) >= 2:
        from scipy.spatial import cKDTree

        dist, _ = cKDTree(xy).query(xy, k=2)
        near = dist[:, 1]
        near = near[np.isfinite(near) & (near > 1e-9)]
        if len(near):
            return NEIGHBOUR_PIXELS / float(np.median(near))
    return NEIGHBOUR_PIXELS


def _coloring(
    values: pd.Series,
    title: str,
    field: str | None,
    *,
    scale: str,
    palette: Mapping | None,
    lang: str,
) -> tuple[list[str], dict, dict, dict | None]:
    """Node colours, palette, colour legend and the colour filter group."""
    raw = values.to_numpy(dtype=object)
    present = [v for v in raw if not is_missing(v)]
    numbers_only = bool(present) and all(is_number(v) for v in present)
    distinct = len(set(present)) if numbers_only else 0
    continuous = numbers_only and (
        scale == "continuous" or (scale == "auto" and distinct > MAX_NUMERIC_CATEGORIES)
    )
    if scale == "continuous" and not numbers_only:
        raise ParameterError(f"color_scale='continuous' needs numbers; {title!r} holds text.")
    if continuous:
        x = numeric(values, "color")
        finite = x[np.isfinite(x)]
        lo, hi = (float(finite.min()), float(finite.max())) if len(finite) else (0.0, 0.0)
        # 32 shades are indistinguishable from a smooth scale and keep the page light
        t = np.round((x - lo) / (hi - lo) * (SHADES - 1)) / (SHADES - 1) if hi > lo else x * 0.0
        colors = sequential_colors(t, vmin=0.0, vmax=1.0)
        legend = {
            "kind": "continuous",
            "title": title,
            "min": jsonable(finite.min()) if len(finite) else None,
            "max": jsonable(finite.max()) if len(finite) else None,
            "stops": list(VIRIDIS),
            "missing": int((~np.isfinite(x)).sum()),
        }
        return colors, {}, legend, None
    try:
        mapping = category_colors(present, palette=palette)
    except TypeError:
        raise ParameterError(f"colour values of {title!r} must be hashable.") from None
    colors = [MISSING_COLOR if is_missing(v) else mapping[v] for v in raw]
    categories = list(mapping)
    code = {c: i for i, c in enumerate(categories)}
    codes = [len(categories) if is_missing(v) else code[v] for v in raw]
    counts = np.bincount(np.array(codes, dtype=np.int64), minlength=len(categories) + 1)
    items = [
        {"label": str(_display(field or "", c, lang)), "color": mapping[c], "count": int(k)}
        for c, k in zip(categories, counts, strict=False)
    ]
    if counts[-1]:
        items.append(
            {
                "label": message("map", "missing", lang),
                "color": MISSING_COLOR,
                "count": int(counts[-1]),
            }
        )
    legend = {"kind": "categorical", "title": title, "items": items}
    group = {"title": title, "codes": codes, "items": items}
    return colors, dict(mapping), legend, group


def _filter_group(values: pd.Series, title: str, field: str, lang: str) -> dict:
    raw = values.to_numpy(dtype=object)
    try:
        categories = sorted_nodes({v for v in raw if not is_missing(v)})
    except TypeError:
        raise ParameterError(f"filter values of {title!r} must be hashable.") from None
    code = {c: i for i, c in enumerate(categories)}
    codes = [len(categories) if is_missing(v) else code[v] for v in raw]
    counts = np.bincount(np.array(codes, dtype=np.int64), minlength=len(categories) + 1)
    items = [
        {"label": str(_display(field, c, lang)), "count": int(k)}
        for c, k in zip(categories, counts, strict=False)
    ]
    if counts[-1]:
        items.append({"label": message("map", "missing", lang), "count": int(counts[-1])})
    return {"title": title, "codes": codes, "items": items}


def _overlay_spec(value: object) -> object:
    """numpy booleans count as booleans."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    return value


def network_map(
    G: nx.Graph | NetworkData,
    *,
    color: str | pd.Series | pd.DataFrame | Mapping | None = None,
    size: str | pd.Series | pd.DataFrame | Mapping | None = "degree",
    label: str | None = "name",
    title: str | None = None,
    layout: pd.DataFrame | Mapping | str | os.PathLike[str] | None = None,
    seed: None | int | np.random.Generator = 0,
    palette: Mapping[Hashable, str] | None = None,
    color_scale: str = "auto",
    filters: str | Sequence[str] | None = None,
    tooltip: Sequence[str] | None = None,
    edge_width: str | None = "auto",
    strength: str | None = "intensity",
    threshold: float = 3,
    brokers: bool | int | Iterable[Hashable] = True,
    key_players: bool | int | Iterable[Hashable] = True,
    bridges: bool | Iterable[tuple] | pd.DataFrame = True,
    local_bridges: bool | Iterable[tuple] | pd.DataFrame = True,
    isolates: bool | Iterable[Hashable] = True,
    non_respondents: bool | Iterable[Hashable] = True,
    sample: int | None | str = "auto",
    aggregate: bool | None = None,
    group: str | pd.Series | Mapping | None = None,
    max_actors: int = MAX_ACTORS,
    renderer: str = "auto",
    lang: str = "en",
    height: str = "720px",
    store: MeasureStore | None = None,
) -> NetworkMap:
    """Make an interactive map of a stakeholder network.

    One call gives a map that colours actors by an attribute or cluster,
    sizes them by a metric, draws ties by strength (weak ties dashed, arrows
    for directed ties), marks coordination gaps (brokers, key players,
    bridges, isolates, non-respondents) and has a legend, tooltips, search,
    filters and neighbourhood highlighting. Positions are computed in Python
    (:func:`~sysmap.maps.layout.compute_layout`), deterministic for `seed`.

    Parameters
    ----------
    G : networkx.Graph, networkx.DiGraph or NetworkData
        The network (NetworkData is built with
        :func:`~sysmap.build_network`'s defaults). Not modified.
    color : str, pandas.Series, one-column DataFrame, dict or None, default=None
        What colours the actors: a node attribute (``"sector"``), a metric
        name (``"community"`` computes consensus communities), or values
        indexed by actor (``result.actors["community"]``). Text and numbers
        with at most 12 distinct values get categorical colours (stable:
        assigned in sorted order); other numbers the viridis scale. None: one
        colour.
    size : str, pandas.Series, one-column DataFrame, dict or None, default="degree"
        What sizes the actors (area proportional to the value): a numeric node
        attribute, a metric computed on the fly (``"degree"``,
        ``"in_degree"``, ``"out_degree"``, ``"betweenness"``, ``"closeness"``,
        ``"harmonic"``, ``"constraint"``, ``"effective_size"``,
        ``"efficiency"``, ``"hierarchy"``, ``"fragmentation_impact"``,
        ``"pairs_disconnected"``, ``"distance_fragmentation_impact"``,
        ``"community_stability"``) or values indexed by actor. None: one size.
    label : str or None, default="name"
        Node attribute drawn as the label (falls back to the actor id).
    title : str, optional
        Page and legend title (default: "Network map" in `lang`).
    layout : pandas.DataFrame, dict or path, optional
        Positions to reuse (from an earlier map's :attr:`NetworkMap.layout`,
        :func:`~sysmap.maps.layout.compute_layout`, a networkx ``pos``
        dictionary, a saved layout file, or a GEXF file laid out in Gephi;
        see :func:`~sysmap.maps.layout.as_layout`): those actors keep their
        place, new actors are placed next to their partners. Default:
        computed with `seed`. To open the map in Gephi, write it with
        ``sysmap.write_gexf(G, "map.gexf", layout=m)``.
    seed : None, int, numpy.random.Generator or numpy.random.RandomState, default=0
        Random source of the layout, key players, sampled betweenness and
        communities. The same seed gives the same map.
    palette : dict, optional
        Fixed colours ``{category: "#RRGGBB"}`` (e.g. an earlier map's
        :attr:`NetworkMap.palette`); other categories take the next free
        colours.
    color_scale : {"auto", "categorical", "continuous"}, default="auto"
        Force categorical or continuous colouring of numbers.
    filters : str or list of str, optional
        Further node attributes to filter by (checkboxes per value). The
        colour categories can always be filtered.
    tooltip : list of str, optional
        Attributes and metrics shown when hovering an actor (default: the
        name, id, every attribute, degree and the metrics the map computed).
    edge_width : str or None, default="auto"
        Edge attribute for tie width: ``"auto"`` uses ``weight`` if ties have
        it, else ``intensity``; None draws all ties alike.
    strength : str or None, default="intensity"
        Edge attribute classifying ties as weak (dashed) or strong, by the
        rule of :func:`sysmap.metrics.tie_strength` (strong when at least
        `threshold`; missing values: unknown, drawn solid); ignored when no
        tie has it.
    threshold : float, default=3
        Smallest `strength` counted as strong (3 = coordination on the 1-4
        intensity scale).
    brokers, key_players, bridges, local_bridges, isolates, non_respondents : default=True
        Coordination-gap overlays, each toggleable in the page: ``True``
        computes it, ``False`` leaves it out, or give the actors / ties to
        mark (brokers and key players also take a count). See
        :func:`~sysmap.maps.overlays.map_overlays`.
    sample : "auto", int or None, default="auto"
        Sources sampled for betweenness (brokers, ``size="betweenness"``)
        and the distance impact: ``"auto"`` follows the size policy, exact up
        to 2,000 actors and 256 sources above (:mod:`sysmap.metrics.store`);
        None is exact whatever the size.
    aggregate : bool or None, default=None
        Draw clusters as nodes instead of actors. None: only above
        `max_actors` actors (the page says so).
    group : str, pandas.Series or dict, optional
        Clusters for the aggregated view (default: consensus communities).
    max_actors : int, default=50000
        Largest network drawn actor by actor when `aggregate` is None.
    renderer : {"auto", "vis", "webgl"}, default="auto"
        What draws the page: vis-network (``"vis"``; can relax the layout
        and drag actors) or sigma.js with WebGL (``"webgl"``; smooth with
        tens of thousands of actors). ``"auto"`` draws with WebGL above
        3,000 actors or 15,000 ties (:func:`~sysmap.maps.webgl.choose_renderer`).
        Both pages show the same map, legend, overlays, search and tooltips.
    lang : {"en", "de"}, default="en"
        Language of the legend, buttons and tooltips.
    height : str, default="720px"
        Height of the inline notebook frame.
    store : MeasureStore, optional
        The measures of `G` (the report passes its own, so the map shows the
        numbers of its tables and findings): sizes, colours, tooltips and the
        brokers overlay read them from it, and its seed and size policy
        replace `sample`.

    Returns
    -------
    NetworkMap
        Displays inline in notebooks; ``.save("map.html")``,
        ``.save("map.png")``, ``.html``, ``.layout``, ``.palette``.

    Raises
    ------
    GraphTypeError
        If `G` is not a networkx graph or is a multigraph.
    MissingAttributeError
        If `color`, `size`, a filter or a tooltip field is neither a node
        attribute nor a metric.
    ParameterError
        For invalid options (the message says which and what is allowed).

    Notes
    -----
    Self-loops (self-nominations) are not drawn. A tie with a missing
    `strength` is drawn solid. Directed ties are drawn as arcs with arrows;
    a reciprocated pair as two curved arcs.

    Examples
    --------
    >>> import sysmap
    >>> G = sysmap.load_sample("bildungsallianz", wave=1, graph=True)
    >>> m = network_map(G, color="sector", size="betweenness", key_players=False)
    >>> len(m.nodes), len(m.ties), list(m.overlays)
    (100, 794, ['brokers', 'isolates', 'non_respondents', 'bridges', 'local_bridges'])
    >>> m.nodes.loc["BA001", ["color", "category"]].tolist()
    ['#56B4E9', 'Civil society']
    >>> int(m.nodes["non_respondents"].sum())
    15
    """
    if isinstance(G, NetworkData):
        from ..build.network import build_network

        G = build_network(G)
    G = check_graph(G)
    lang = check_lang(lang)
    _check_choice(color_scale, "color_scale", _COLOR_SCALES)
    _check_choice(renderer, "renderer", RENDERERS)
    if isinstance(max_actors, bool) or not isinstance(max_actors, int) or max_actors < 1:
        raise ParameterError(f"max_actors must be a positive int; got {max_actors!r}.")
    if aggregate not in (None, True, False):
        raise ParameterError(f"aggregate must be None, True or False; got {aggregate!r}.")
    if not isinstance(height, str) or not height.strip():
        raise ParameterError(f"height must be a CSS length such as '720px'; got {height!r}.")
    n = G.number_of_nodes()
    title = message("map", "title_default", lang) if title is None else str(title)
    if aggregate or (aggregate is None and n > max_actors):
        m = _aggregated(
            G,
            group=group,
            seed=seed,
            lang=lang,
            title=title,
            palette=palette,
            forced=bool(aggregate),
            max_actors=max_actors,
            height=height,
            store=store,
        )
    else:
        m = _build(
            G,
            color=color,
            size=size,
            label=label,
            title=title,
            layout=layout,
            seed=seed,
            palette=palette,
            color_scale=color_scale,
            filters=filters,
            tooltip=tooltip,
            edge_width=edge_width,
            strength=strength,
            threshold=threshold,
            overlay_settings={
                "brokers": _overlay_spec(brokers),
                "key_players": _overlay_spec(key_players),
                "bridges": _overlay_spec(bridges),
                "local_bridges": _overlay_spec(local_bridges),
                "isolates": _overlay_spec(isolates),
                "non_respondents": _overlay_spec(non_respondents),
            },
            sample=sample,
            lang=lang,
            height=height,
            store=store,
        )
    m.renderer = choose_renderer(renderer, len(m.nodes), len(m.ties))
    return m


def _aggregated(
    G: nx.Graph,
    *,
    group: object,
    seed: object,
    lang: str,
    title: str,
    palette: Mapping | None,
    forced: bool,
    max_actors: int,
    height: str,
    store: MeasureStore | None,
) -> NetworkMap:
    nodes = sorted_nodes(G)
    cache = MetricCache(G, nodes, seed=seed, sample="auto", store=store)
    H, clusters = aggregate_network(G, by=group, seed=seed, cache=cache)
    by = message("map", "communities", lang) if group is None else str(clusters.name)
    values = pd.Series({c: c for c in H.nodes}, dtype=object, name=by)
    fields = ["name", "members", "internal_ties", "density", "top_members"]
    k = H.number_of_nodes()
    if forced:
        notice = message("map", "aggregated_notice", lang, by=by, k=k)
    else:
        notice = message(
            "map", "large_notice", lang, n=G.number_of_nodes(), limit=max_actors, k=k, by=by
        )
    m = _build(
        H,
        color=values,
        size="members",
        label="name",
        title=title,
        layout=None,
        seed=seed,
        palette=palette,
        color_scale="categorical",
        filters=None,
        tooltip=fields,
        edge_width="ties",
        strength=None,
        threshold=3,
        overlay_settings=dict.fromkeys(OVERLAYS, False),
        sample=None,
        lang=lang,
        height=height,
        notice=notice,
        aggregated=True,
        source_counts=(G.number_of_nodes(), G.number_of_edges(), G.is_directed()),
    )
    m.clusters = clusters
    return m


def _build(
    G: nx.Graph,
    *,
    color: object,
    size: object,
    label: str | None,
    title: str,
    layout: object,
    seed: object,
    palette: Mapping | None,
    color_scale: str,
    filters: object,
    tooltip: Sequence[str] | None,
    edge_width: str | None,
    strength: str | None,
    threshold: float,
    overlay_settings: dict,
    sample: object,
    lang: str,
    height: str,
    notice: str | None = None,
    aggregated: bool = False,
    source_counts: tuple[int, int, bool] | None = None,
    store: MeasureStore | None = None,
) -> NetworkMap:
    nodes = sorted_nodes(G)
    n = len(nodes)
    index = pd.Index(nodes, name="actor", dtype=object, tupleize_cols=False)
    attrs = G.nodes
    cache = MetricCache(G, nodes, seed=seed, sample=sample, store=store)

    # positions -----------------------------------------------------------------
    if layout is None:
        positions = compute_layout(G, seed=seed)
    else:
        positions = compute_layout(G, seed=seed, fixed=layout)
    xy = positions[["x", "y"]].to_numpy(dtype=float)

    # labels --------------------------------------------------------------------
    if label is not None and not isinstance(label, str):
        raise ParameterError(f"label must be a node attribute name or None; got {label!r}.")
    names = []
    for v in nodes:
        value = attrs[v].get(label) if label is not None else None
        names.append(_text(value) or str(v))

    # colours -------------------------------------------------------------------
    legend: dict[str, Any] = {}
    filter_groups: list[dict] = []
    used_palette: dict = {}
    if color is None:
        colors = [DEFAULT_COLOR] * n
        category = pd.Series([None] * n, index=index, dtype=object)
    else:
        category, color_title = resolve_values(G, nodes, color, cache, what="color", groups=True)
        field = color if isinstance(color, str) else None
        if field is not None:
            color_title = _field_label(field, lang)
        colors, used_palette, legend["color"], group0 = _coloring(
            category, color_title, field, scale=color_scale, palette=palette, lang=lang
        )
        if group0 is not None:
            group0["colors"] = True
            filter_groups.append(group0)

    # sizes ---------------------------------------------------------------------
    if size is None:
        size_values = np.full(n, np.nan)
        radius = np.full(n, RADIUS_PLAIN)
    else:
        raw, size_title = resolve_values(G, nodes, size, cache, what="size")
        size_field = size_title
        if isinstance(size, str):
            size_title = _field_label(size, lang)
        size_values = numeric(raw, "size")
        radius = _radius(size_values)
        finite = size_values[np.isfinite(size_values)]
        legend["size"] = {
            "title": size_title,
            "min": jsonable(finite.min()) if len(finite) else None,
            "max": jsonable(finite.max()) if len(finite) else None,
            "sampled": cache.betweenness_sample if size_field == "betweenness" else None,
        }

    # extra filters -------------------------------------------------------------
    if isinstance(filters, str):
        filters = [filters]
    for name in filters or ():
        values, ftitle = resolve_values(G, nodes, name, cache, what="filters", groups=True)
        if isinstance(name, str):
            ftitle = _field_label(name, lang)
        filter_groups.append(_filter_group(values, ftitle, str(name), lang))

    # overlays ------------------------------------------------------------------
    overlays = map_overlays(G, seed=seed, cache=cache, **overlay_settings)
    order = {v: i for i, v in enumerate(nodes)}
    node_bits = np.zeros(n, dtype=np.int64)
    flags = {}
    for key in ACTOR_OVERLAYS:
        mask = np.zeros(n, dtype=bool)
        if key in overlays:
            mask[[order[v] for v in overlays[key].members]] = True
            node_bits[mask] |= BITS[key]
        flags[key] = mask

    # ties ----------------------------------------------------------------------
    edge_names = _edge_attribute_names(G)
    if edge_width == "auto":
        edge_width = (
            "weight"
            if "weight" in edge_names
            else ("intensity" if "intensity" in edge_names else None)
        )
    elif edge_width is not None and edge_width not in edge_names and G.number_of_edges():
        msg = f"edge_width={edge_width!r}: no tie has that attribute; ties have {edge_names}."
        raise ParameterError(msg)
    use_strength = strength is not None and strength in edge_names
    wanted = [a for a in TIE_FIELDS if a in edge_names]
    for extra in (edge_width, strength if use_strength else None):
        if extra is not None and extra not in wanted:
            wanted.append(extra)
    src, dst, evalues = _edges(G, nodes, wanted)
    m = len(src)
    width_values = (
        numeric(pd.Series(evalues[edge_width], dtype=object), "edge_width")
        if edge_width is not None
        else np.full(m, np.nan)
    )
    widths = _widths(width_values) if edge_width is not None else np.full(m, 1.5)
    strength_class = np.full(m, "unknown", dtype=object)
    strength_value = np.full(m, np.nan)
    if use_strength:  # the rule of sysmap.metrics.tie_strength: strong when >= threshold
        if isinstance(threshold, bool) or not isinstance(threshold, numbers.Real):
            raise ParameterError(f"threshold must be a number; got {threshold!r}.")
        strength_value = numeric(pd.Series(evalues[strength], dtype=object), "strength")
        known = np.isfinite(strength_value)
        strength_class[known & (strength_value >= threshold)] = "strong"
        strength_class[known & (strength_value < threshold)] = "weak"
    dashed = strength_class == "weak"
    curved = np.zeros(m, dtype=bool)
    if G.is_directed() and m:
        pairs = set(zip(src.tolist(), dst.tolist(), strict=True))
        curved = np.array(
            [(b, a) in pairs for a, b in zip(src.tolist(), dst.tolist(), strict=True)]
        )
    edge_bits = np.zeros(m, dtype=np.int64)
    tie_flags = {}
    lo, hi = np.minimum(src, dst), np.maximum(src, dst)
    keys = lo * max(n, 1) + hi
    for key in TIE_OVERLAYS:
        mask = np.zeros(m, dtype=bool)
        if key in overlays and overlays[key].members:
            marked = np.array(
                [
                    min(order[a], order[b]) * max(n, 1) + max(order[a], order[b])
                    for a, b in overlays[key].members
                ],
                dtype=np.int64,
            )
            mask = np.isin(keys, marked)
            edge_bits[mask] |= BITS[key]
        tie_flags[key] = mask

    scale = _scale(xy)

    # tooltips ------------------------------------------------------------------
    node_fields = _node_fields(G, nodes, names, cache, tooltip, lang, label)
    tie_fields = []
    for attr in wanted:
        label_text = _field_label(attr, lang)
        tie_fields.append(_field(label_text, evalues[attr]))
    if use_strength:
        words = {c: message("map", f"strength_{c}", lang) for c in ("weak", "strong", "unknown")}
        tie_fields.append(
            _field(_field_label("strength_class", lang), [words[c] for c in strength_class])
        )

    # legend --------------------------------------------------------------------
    if edge_width is not None:
        finite = width_values[np.isfinite(width_values)]
        legend["width"] = {
            "title": _field_label(edge_width, lang),
            "min": jsonable(finite.min()) if len(finite) else None,
            "max": jsonable(finite.max()) if len(finite) else None,
        }
    if use_strength:
        legend["strength"] = {
            "strong": message(
                "map",
                "tie_strong",
                lang,
                attr=_field_label(strength, lang),
                threshold=format_number(threshold, lang),
            ),
            "weak": message(
                "map",
                "tie_weak",
                lang,
                attr=_field_label(strength, lang),
                threshold=format_number(threshold, lang),
            ),
            "weak_count": int(dashed.sum()),
            "strong_count": int((strength_class == "strong").sum()),
        }
    legend["overlays"] = [
        {
            "key": key,
            "label": _overlay_label(overlays[key], lang),
            "count": len(overlays[key].members),
            "bit": BITS[key],
            # where most ties are local bridges (sparse networks without triangles)
            # the overlay says little and paints everything: start with it off
            "shown": not (key == "local_bridges" and len(overlays[key].members) > m / 2),
        }
        for key in OVERLAYS
        if key in overlays
    ]
    legend["directed"] = bool(G.is_directed())

    if source_counts is None:
        kind = message("map", "directed" if G.is_directed() else "undirected", lang)
        summary = message("map", "summary", lang, n=n, m=G.number_of_edges(), kind=kind)
    else:
        kind = message("map", "directed" if source_counts[2] else "undirected", lang)
        summary = message("map", "summary", lang, n=source_counts[0], m=source_counts[1], kind=kind)

    node_table = pd.DataFrame(
        {
            "label": names,
            "x": xy[:, 0],
            "y": xy[:, 1],
            "radius": radius,
            "color": colors,
            "category": category.to_numpy(dtype=object),
            "size_value": size_values,
            **flags,
        },
        index=index,
    )
    tie_table = pd.DataFrame(
        {
            "source": pd.Series([nodes[i] for i in src], dtype=object),
            "target": pd.Series([nodes[i] for i in dst], dtype=object),
            "width": widths,
            "strength": strength_value,
            "strength_class": pd.Series(strength_class, dtype=object),
            "dashed": dashed,
            "curved": curved,
            **tie_flags,
        }
    )
    return NetworkMap(
        nodes=node_table,
        ties=tie_table,
        layout=positions,
        palette=used_palette,
        overlays=overlays,
        title=title,
        lang=lang,
        directed=bool(G.is_directed()),
        aggregated=aggregated,
        notice=notice,
        scale=scale,
        legend=legend,
        node_fields=node_fields,
        tie_fields=tie_fields,
        filters=filter_groups,
        summary=summary,
        height=height,
        _src=src,
        _dst=dst,
        node_bits=node_bits,
        edge_bits=edge_bits,
    )


def _overlay_label(overlay: Overlay, lang: str) -> str:
    if overlay.key == "brokers" and overlay.computed:
        return message("map", "overlay_brokers_top", lang, k=overlay.k)
    if overlay.key == "key_players" and overlay.computed:
        return message("map", "overlay_key_players_k", lang, k=overlay.k)
    return message("map", f"overlay_{overlay.key}", lang)


def _node_fields(
    G: nx.Graph,
    nodes: list[Hashable],
    names: list[str],
    cache: MetricCache,
    tooltip: Sequence[str] | None,
    lang: str,
    label: str | None,
) -> list[dict]:
    """Tooltip columns: the name first, then the id, attributes and metrics."""
    attrs = G.nodes
    fields: list[dict] = [
        {"label": _field_label("name", lang), "type": "text", "values": names, "title": True}
    ]
    if tooltip is None:
        if any(str(v) != names[i] for i, v in enumerate(nodes)):
            fields.append(_field(_field_label("actor", lang), [str(v) for v in nodes]))
        chosen = [a for a in attribute_names(G) if a not in (label, *HIDDEN_ATTRIBUTES)]
        for metric in ("degree", "in_degree", "out_degree"):
            if cache.available(metric) and metric not in chosen:
                chosen.append(metric)
        for metric in cache.computed:
            if metric not in chosen:
                chosen.append(metric)
    else:
        if isinstance(tooltip, str):
            tooltip = [tooltip]
        chosen = [t for t in tooltip if t not in ("name", label)]
    for name in chosen:
        if any(name in attrs[v] for v in nodes):
            values = [_display(name, attrs[v].get(name), lang) for v in nodes]
        else:
            series, _ = resolve_values(G, nodes, name, cache, what="tooltip")
            values = list(series.to_numpy(dtype=object))
        fields.append(_field(_field_label(name, lang), values))
    return fields
