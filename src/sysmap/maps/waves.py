"""Maps of several survey waves with one layout, side by side in one page.

:func:`wave_maps` draws every wave with one layout
(:func:`~sysmap.maps.wave_layout`), one palette (colours fixed by category
across waves), one size scale and one tie-width scale, and writes them into
**one page with synchronized panels side by side** (zoom and pan move all
panels; clicking an actor finds it in every wave; a button switches to one
wave at a time). :class:`WaveMaps` holds the waves' map models; its page is
built by :mod:`sysmap.maps.wave_html`, its static figure (a panel per wave)
by :func:`sysmap.maps.static.draw_waves`, and :meth:`WaveMaps.difference`
makes the :func:`~sysmap.maps.difference_map` of two of its waves.
"""

from __future__ import annotations

import numbers
import os
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from .._graph import sorted_nodes
from ..exceptions import ParameterError
from ..i18n import check_lang, message
from ._values import numeric
from .builder import network_map
from .difference import difference_map
from .labels import wave_name
from .layout import save_layout
from .model import NetworkMap, inline_frame, inline_picture, save_by_suffix
from .palette import category_colors, is_missing
from .static import draw_waves
from .style import pixel_scale, radii, widths
from .wave_html import render_waves
from .wave_layout import has_tie_attribute, wave_graphs, wave_layout

__all__ = ["WaveMaps", "wave_maps"]

#: Options of :func:`~sysmap.maps.network_map` that wave maps set themselves.
_RESERVED = ("layout", "palette", "aggregate", "group", "max_actors", "title")


def _edge_width_attribute(waves: Sequence[nx.Graph], option: object) -> object:
    """The tie attribute for widths, chosen once for all waves (as ``network_map`` does)."""
    if option != "auto":
        return option
    for attr in ("weight", "intensity"):
        if any(has_tie_attribute(G, attr) for G in waves):
            return attr
    return None


def _attribute_values(waves: Sequence[nx.Graph], color: object) -> list | None:
    """Colour values of every wave when `color` is a node attribute or given values."""
    if isinstance(color, pd.DataFrame) and color.shape[1] == 1:
        color = color.iloc[:, 0]
    if isinstance(color, pd.Series):
        return list(color.to_numpy(dtype=object))
    if isinstance(color, Mapping):
        return list(color.values())
    if isinstance(color, str) and any(color in d for G in waves for _, d in G.nodes(data=True)):
        return [d.get(color) for G in waves for _, d in G.nodes(data=True)]
    return None


def _shared_palette(values: list | None, palette: Mapping | None) -> dict | None:
    if values is None:
        return dict(palette) if palette else None
    present = [v for v in values if not is_missing(v)]
    try:
        return category_colors(present, palette=palette)
    except TypeError:
        return dict(palette) if palette else None


class WaveMaps:
    """Maps of several survey waves with one layout, one palette and one size scale.

    Made by :func:`wave_maps`. Displays inline in notebooks (all waves side by
    side), :meth:`save` writes one self-contained page (or a PNG/SVG/PDF figure
    with one panel per wave), and it behaves like a list of the waves'
    :class:`~sysmap.maps.NetworkMap` objects (``len``, indexing, iteration).

    Attributes
    ----------
    maps : list of NetworkMap
        One map per wave, in time order, all with the same positions.
    labels : list of str
        The waves' labels (``"1"``, ``"2"``, ... by default).
    layout : pandas.DataFrame
        The shared layout (``x``, ``y`` per actor of any wave); pass it to
        :func:`~sysmap.maps.difference_map` or later maps as ``layout=``.
    palette : dict
        ``{category: colour}`` shared by every wave.
    title, lang, height
        As given to :func:`wave_maps`.
    """

    def __init__(
        self,
        maps: list[NetworkMap],
        labels: list[str],
        layout: pd.DataFrame,
        palette: dict,
        *,
        title: str,
        lang: str,
        height: str,
        graphs: list[nx.Graph],
        seed: object,
    ) -> None:
        self.maps = maps
        self.labels = labels
        self.layout = layout
        self.palette = palette
        self.title = title
        self.lang = lang
        self.height = height
        self._graphs = graphs
        self._seed = seed

    def __len__(self) -> int:
        return len(self.maps)

    def __getitem__(self, index: int) -> NetworkMap:
        return self.maps[index]

    def __iter__(self):
        return iter(self.maps)

    def __repr__(self) -> str:
        sizes = ", ".join(
            f"{label}: {len(m.nodes)}/{len(m.ties)}"
            for label, m in zip(self.labels, self.maps, strict=True)
        )
        return f"<WaveMaps {self.title!r}: {len(self.maps)} waves (actors/ties {sizes})>"

    @cached_property
    def html(self) -> str:
        """All waves side by side as one self-contained HTML page (str)."""
        return render_waves(self)

    def _repr_html_(self) -> str:
        """Inline display in notebooks: the page in a sandboxed ``<iframe srcdoc>``,
        as for a single map."""
        return inline_frame(self)

    def _repr_png_(self) -> bytes | None:
        """The static figure beside the page in a notebook's output (none above
        2,000 actors in all waves)."""
        return inline_picture(self, sum(len(m.nodes) for m in self.maps))

    def save(self, path: str | os.PathLike[str], **static_options: Any) -> Path:
        """Write all waves to `path` and return it.

        ``.html``/``.htm`` writes the side-by-side page (one file, everything
        inlined, nothing else written). ``.png``, ``.svg`` and ``.pdf`` write
        a figure with one panel per wave (:meth:`save_static`).

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
        columns: int | None = None,
        legend: bool = True,
    ) -> Path:
        """Write the waves as one static figure, a panel per wave (PNG, SVG or PDF).

        Parameters
        ----------
        path : str or path-like
            Target file; the format follows the extension.
        dpi : int, default=150
            Resolution of PNG output.
        width : float, optional
            Figure width in inches (default: 5 per column).
        columns : int, optional
            Panels per row (default: all waves in one row up to 3, else 3; 2
            for 4 waves).
        legend : bool, default=True
            Draw the shared colour legend below the panels.
        """
        return draw_waves(self, path, dpi=dpi, width=width, columns=columns, legend=legend)

    def save_layout(self, path: str | os.PathLike[str]) -> Path:
        """Write the shared layout as CSV (``actor, x, y``)."""
        return save_layout(self.layout, path)

    def difference(
        self, before: int | str = 0, after: int | str = -1, **options: Any
    ) -> NetworkMap:
        """The :func:`~sysmap.maps.difference_map` of two of these waves, with their layout
        and labels.

        Parameters
        ----------
        before, after : int or str, default=0 and -1
            Waves by position or label (default: the first and the last).
        **options
            Passed to :func:`~sysmap.maps.difference_map`.
        """
        i, j = self._index(before), self._index(after)
        options.setdefault("lang", self.lang)
        if options.get("color") is not None:
            options.setdefault("palette", self.palette)
        options.setdefault("seed", self._seed)
        return difference_map(
            self._graphs[i],
            self._graphs[j],
            labels=(self.labels[i], self.labels[j]),
            layout=self.layout,
            **options,
        )

    def _index(self, wave: int | str) -> int:
        if isinstance(wave, str):
            if wave not in self.labels:
                raise ParameterError(f"no wave labelled {wave!r}; the labels are {self.labels}.")
            return self.labels.index(wave)
        if isinstance(wave, bool) or not isinstance(wave, numbers.Integral):
            raise ParameterError(f"a wave is given by its position or label; got {wave!r}.")
        if not -len(self.maps) <= wave < len(self.maps):
            raise ParameterError(f"wave {wave} does not exist; there are {len(self.maps)} waves.")
        return int(wave) % len(self.maps)


def wave_maps(
    graphs: Sequence[nx.Graph] | Mapping[Hashable, nx.Graph],
    *,
    labels: Sequence[object] | None = None,
    color: str | pd.Series | Mapping | None = None,
    size: str | pd.Series | Mapping | None = "degree",
    seed: None | int | np.random.Generator = 0,
    layout: pd.DataFrame | str | os.PathLike[str] | None = None,
    palette: Mapping[Hashable, str] | None = None,
    lang: str = "en",
    title: str | None = None,
    method: str = "union",
    height: str = "760px",
    **map_options: Any,
) -> WaveMaps:
    """Maps of every survey wave with one layout, shown side by side in one page.

    Every wave is drawn by :func:`~sysmap.maps.network_map` with the same
    positions (:func:`~sysmap.maps.wave_layout`), the same colours per category, the same
    size scale and the same tie-width scale, so differences between the
    panels are differences in the network. The page shows the waves side by
    side with synchronized zoom and pan (or one at a time), one legend, one
    search box, and clicking an actor finds it in every wave.

    Parameters
    ----------
    graphs : sequence of networkx graphs, or mapping label -> graph
        The waves in time order (``NetworkData`` is built with
        :func:`~sysmap.build_network`'s defaults); actors matched by id.
        Not modified.
    labels : sequence, optional
        Wave labels, shown as "Wave <label>" (default: the mapping's keys, or
        ``"1"``, ``"2"``, ...).
    color : str, pandas.Series, dict or None, default=None
        What colours the actors, as for :func:`~sysmap.maps.network_map`
        (e.g. ``"sector"``). Categories keep their colour in every wave.
    size : str, pandas.Series, dict or None, default="degree"
        What sizes the actors (computed per wave); one scale for all waves, so
        a circle twice the area means twice the value in any wave.
    seed : None, int, numpy.random.Generator or numpy.random.RandomState, default=0
        Random source of the layout and of every map's computations.
    layout : pandas.DataFrame or path, optional
        Positions to keep (see :func:`~sysmap.maps.wave_layout`).
    palette : dict, optional
        Fixed colours ``{category: "#RRGGBB"}``; other categories take the
        next free colours (in sorted order of all waves' categories).
    lang : {"en", "de"}, default="en"
        Language of the page.
    title : str, optional
        Page title (default: "Network maps by wave").
    method : {"union", "anchored"}, default="union"
        Layout method, see :func:`~sysmap.maps.wave_layout`.
    height : str, default="760px"
        Height of the inline notebook frame.
    **map_options
        Further options of :func:`~sysmap.maps.network_map` for every wave
        (``label``, ``filters``, ``tooltip``, ``edge_width``, ``strength``,
        ``threshold``, overlays such as ``key_players=False``, ``sample``,
        ``color_scale``).

    Returns
    -------
    WaveMaps
        ``.save("waves.html")``, ``.save("waves.png")``, ``.maps``,
        ``.layout``, ``.palette``, ``.difference(0, 1)``.

    Raises
    ------
    ParameterError
        For invalid options, including ``layout``-like options of
        ``network_map`` that wave maps set themselves (``palette``,
        ``aggregate``, ``group``, ``max_actors``).

    Notes
    -----
    Every actor of every wave is drawn (no aggregated cluster view: clusters
    differ between waves and would not keep their places). Colours on a
    continuous scale (numbers with many values) are scaled per wave. Overlays
    (brokers, key players, ...) are computed per wave.

    Examples
    --------
    >>> import networkx as nx
    >>> w1 = nx.Graph([("a", "b"), ("b", "c")])
    >>> w2 = nx.Graph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> waves = wave_maps([w1, w2], labels=["2024", "2025"], key_players=False)
    >>> len(waves), waves.labels
    (2, ['2024', '2025'])
    >>> waves[0].nodes.loc["b", ["x", "y"]].equals(waves[1].nodes.loc["b", ["x", "y"]])
    True
    """
    lang = check_lang(lang)
    waves, names = wave_graphs(graphs, labels)
    clash = sorted(set(map_options) & set(_RESERVED))
    if clash:
        msg = (
            f"wave_maps sets {clash} itself (one layout, one palette, every actor drawn); "
            "pass layout= and palette= as wave_maps options and leave out aggregate/group."
        )
        raise ParameterError(msg)
    if not isinstance(height, str) or not height.strip():
        raise ParameterError(f"height must be a CSS length such as '760px'; got {height!r}.")
    title = message("map", "waves_title", lang) if title is None else str(title)
    positions = wave_layout(waves, seed=seed, layout=layout, method=method)
    shared = _shared_palette(
        _attribute_values(waves, color) if color is not None else None, palette
    )
    width_attr = _edge_width_attribute(waves, map_options.pop("edge_width", "auto"))

    def draw(k: int, colours: Mapping | None) -> NetworkMap:
        G = waves[k]
        ew = width_attr if width_attr is None or has_tie_attribute(G, width_attr) else None
        return network_map(
            G,
            color=color,
            size=size,
            layout=positions,
            seed=seed,
            palette=colours,
            lang=lang,
            title=wave_name(names[k], lang),
            aggregate=False,
            edge_width=ew,
            height=height,
            **map_options,
        )

    maps = [draw(k, shared) for k in range(len(waves))]
    # categories that were not known beforehand (e.g. colour by a metric): one palette
    found: list = []
    for m in maps:
        found.extend(m.palette)
    if found:
        unified = category_colors(found, palette=shared or palette)
        for k, m in enumerate(maps):
            if any(unified.get(c) != col for c, col in m.palette.items()):
                maps[k] = draw(k, unified)
        shared = {c: unified[c] for c in sorted_nodes(set(found))}
    else:  # no categorical colours (none asked for, or a continuous scale)
        shared = {}
    maps = _common_scales(maps, waves, width_attr, positions)
    return WaveMaps(
        maps,
        names,
        positions,
        dict(shared or {}),
        title=title,
        lang=lang,
        height=height,
        graphs=waves,
        seed=seed,
    )


def _common_scales(
    maps: list[NetworkMap], waves: list[nx.Graph], width_attr: object, positions: pd.DataFrame
) -> list[NetworkMap]:
    """The waves' maps with one pixel scale, one size scale and one width scale."""
    scale = pixel_scale(positions[["x", "y"]].to_numpy(dtype=float))
    sizes = [m.nodes["size_value"].to_numpy(dtype=float) for m in maps]
    size_range = _finite_range(sizes)
    tie_values: list[np.ndarray] = []
    width_range = None
    if isinstance(width_attr, str):
        for m, G in zip(maps, waves, strict=True):
            raw = [
                G.edges[s, t].get(width_attr)
                for s, t in zip(m.ties["source"], m.ties["target"], strict=True)
            ]
            tie_values.append(numeric(pd.Series(raw, dtype=object), "edge_width"))
        width_range = _finite_range(tie_values)
    out = []
    for k, m in enumerate(maps):
        nodes, ties, legend = m.nodes, m.ties, m.legend
        if size_range is not None and "size" in legend:
            lo, hi = size_range
            nodes = nodes.assign(radius=radii(sizes[k], lo, hi))
            legend = {**legend, "size": {**legend["size"], "min": _plain(lo), "max": _plain(hi)}}
        if width_range is not None and "width" in legend:
            lo, hi = width_range
            ties = ties.assign(width=widths(tie_values[k], lo, hi))
            legend = {
                **legend,
                "width": {**legend["width"], "min": _plain(lo), "max": _plain(hi)},
            }
        out.append(replace(m, scale=scale, nodes=nodes, ties=ties, legend=legend))
    return out


def _finite_range(values: list[np.ndarray]) -> tuple[float, float] | None:
    """Smallest and largest finite value of all arrays (None if there is none)."""
    finite = np.concatenate([v[np.isfinite(v)] for v in values]) if values else np.zeros(0)
    return (float(finite.min()), float(finite.max())) if len(finite) else None


def _plain(x: float) -> float | int:
    return int(x) if float(x).is_integer() else float(x)
