"""The map model: :class:`NetworkMap` holds a finished map, ready to draw.

A map is data: tidy tables (``nodes`` indexed by actor, ``ties`` with
``source`` and ``target``) with positions, colours, sizes and overlays, plus
the legend, tooltip fields and filters of the page, all in the map's
language. :func:`~sysmap.maps.network_map` builds it
(:mod:`sysmap.maps.builder`); the renderers take it and draw the same map:
the interactive page (:mod:`sysmap.maps.html`, vis-network or WebGL) and the
static figure (:mod:`sysmap.maps.static`). The model is frozen: a variant of
a map (the difference map of two waves, wave maps on one scale) is a new
model made with :func:`dataclasses.replace`, never an edited one.
"""

from __future__ import annotations

import html as _html
import os
import tempfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..exceptions import ParameterError
from ..i18n import message
from .html import render_html
from .layout import save_layout
from .overlays import ACTOR_OVERLAYS, BITS, TIE_OVERLAYS, Overlay
from .static import draw_static

__all__ = ["INLINE_PICTURE_DPI", "INLINE_PICTURE_LIMIT", "NetworkMap", "static_picture"]

#: Largest map (actors over all panels) whose notebook display also carries a picture.
INLINE_PICTURE_LIMIT = 2000
#: Resolution of that picture: small enough to keep saved notebooks light (~100 KB).
INLINE_PICTURE_DPI = 60


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class NetworkMap:
    """A network map: positions, colours, sizes, overlays and legend, ready to draw.

    Made by :func:`~sysmap.maps.network_map` (and
    :func:`~sysmap.maps.difference_map`). Display it in a notebook (it renders
    inline), write it with :meth:`save` (one self-contained HTML file, or a
    PNG/SVG/PDF figure), or take its tables for other tools. It is frozen:
    make a variant with :func:`dataclasses.replace`.

    Attributes
    ----------
    nodes : pandas.DataFrame
        Indexed by ``actor``: ``label`` (the name), ``x``, ``y`` (layout units,
        ``y`` up), ``radius`` (pixels), ``color`` (``#RRGGBB``), ``category``
        (the value that chose the colour), ``size_value`` (the value that
        chose the size), and one bool column per actor overlay (``brokers``,
        ``key_players``, ``isolates``, ``non_respondents``).
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
    title, lang, directed, aggregated
        As given or decided by :func:`~sysmap.maps.network_map`.
    scale : float
        Pixels per layout unit at zoom 1 (:func:`~sysmap.maps.style.pixel_scale`).
    legend, node_fields, tie_fields, filters : dict or list
        The page's legend, tooltip fields and filter groups, in the map's
        language (described under "The page's data" in docs/maps.md).
    summary : str
        One line under the title ("100 actors, 461 ties (undirected)").
    renderer : str
        What draws the page: ``"vis"`` (vis-network) or ``"webgl"`` (sigma.js,
        for large networks; see :func:`~sysmap.maps.webgl.choose_renderer`).
    height : str
        Height of the inline notebook frame.
    notice : str or None
        A sentence shown above the map (e.g. why clusters are drawn as nodes).
    clusters : pandas.Series or None
        For an aggregated map, each actor's cluster (index ``actor``).
    classes : dict or None
        Change classes of a difference map
        (:func:`~sysmap.maps.difference_map`): ``{"nodes": spec,
        "edges": spec}``, each spec naming the column of :attr:`nodes` /
        :attr:`ties` that holds the class key, a ``title`` and ``items``
        (``key``, ``label``, ``count`` and the drawing style). The page has a
        legend section with a checkbox per class; None for other maps.
    """

    nodes: pd.DataFrame
    ties: pd.DataFrame
    layout: pd.DataFrame
    palette: dict
    overlays: dict[str, Overlay]
    title: str
    lang: str
    directed: bool
    aggregated: bool
    scale: float
    legend: dict
    node_fields: list[dict]
    tie_fields: list[dict]
    filters: list[dict]
    summary: str
    renderer: str = "vis"
    height: str = "720px"
    notice: str | None = None
    clusters: pd.Series | None = None
    classes: dict | None = None

    def __repr__(self) -> str:
        kind = "aggregated, " if self.aggregated else ""
        return (
            f"<NetworkMap {self.title!r}: {kind}{len(self.nodes)} nodes, "
            f"{len(self.ties)} ties, overlays={list(self.overlays)}>"
        )

    # -- what the renderers read -----------------------------------------------------
    @cached_property
    def tie_ends(self) -> tuple[np.ndarray, np.ndarray]:
        """Positions in :attr:`nodes` of each tie's source and target (int arrays)."""
        position = {v: i for i, v in enumerate(self.nodes.index)}
        ends = [
            np.fromiter((position[v] for v in self.ties[end]), dtype=np.int64, count=len(self.ties))
            for end in ("source", "target")
        ]
        return ends[0], ends[1]

    @cached_property
    def node_bits(self) -> np.ndarray:
        """Each actor's overlays as a bit mask (:data:`~sysmap.maps.overlays.BITS`)."""
        return _bits(self.nodes, ACTOR_OVERLAYS)

    @cached_property
    def tie_bits(self) -> np.ndarray:
        """Each tie's overlays as a bit mask (:data:`~sysmap.maps.overlays.BITS`)."""
        return _bits(self.ties, TIE_OVERLAYS)

    # -- output ----------------------------------------------------------------------
    @cached_property
    def html(self) -> str:
        """The map as one self-contained HTML page (str)."""
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
            False: no actor labels. Default (None or True): every label that
            fits, placed in :func:`~sysmap.maps.labels.label_order` (the
            backbone first, then key players and brokers, then the largest);
            a label that would overlap one drawn before it is left out.
        legend : bool, default=True
            Draw the legend beside the map.
        """
        return draw_static(self, path, dpi=dpi, width=width, labels=labels, legend=legend)

    def save_layout(self, path: str | os.PathLike[str]) -> Path:
        """Write :attr:`layout` for later maps: CSV (``actor, x, y``), or GEXF for a
        ``.gexf`` name (see :func:`~sysmap.maps.layout.save_layout`)."""
        return save_layout(self.layout, path)


def _bits(table: pd.DataFrame, keys: tuple[str, ...]) -> np.ndarray:
    bits = np.zeros(len(table), dtype=np.int64)
    for key in keys:
        if key in table:
            bits[table[key].to_numpy(dtype=bool)] |= BITS[key]
    return bits


# ------------------------------------------------------------- shared by the map classes


def save_by_suffix(drawing: Any, path: str | os.PathLike[str], static_options: dict) -> Path:
    """Write ``drawing.html`` for ``.html``/``.htm``, else ``drawing.save_static`` for
    ``.png``/``.svg``/``.pdf`` (with `static_options`)."""
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


def inline_frame(drawing: Any) -> str:
    """``drawing.html`` escaped into a sandboxed ``<iframe srcdoc>`` for notebooks.

    The frame's content is a one-line note ("Run the cell to see the
    interactive map."): browsers never show it, but a viewer that strips
    the frame from saved output (GitHub, an untrusted notebook in
    JupyterLab) shows it instead of a blank area.
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
    display down).
    """
    if n_actors > INLINE_PICTURE_LIMIT:
        return None
    return static_picture(drawing, dpi=INLINE_PICTURE_DPI)


def static_picture(drawing: Any, *, dpi: int = 150, **static_options: Any) -> bytes:
    """``drawing``'s static figure as PNG bytes (``drawing.save_static`` into a
    private temporary folder, removed at once): the picture a notebook saves
    beside the page and a printed report shows in place of the map."""
    with tempfile.TemporaryDirectory(prefix="sysmap-") as folder:
        path = drawing.save_static(Path(folder) / "map.png", dpi=dpi, **static_options)
        return path.read_bytes()
