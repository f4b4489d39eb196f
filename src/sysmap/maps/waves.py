"""Maps over time: every survey wave with one layout, side by side, and the difference map.

Evaluators compare waves of the same initiative. The pictures only help if
every organization stays in the same place, so that what moves on the page is
what changed in the network:

* :func:`wave_layout` computes **one layout for all waves**. The first
  wave's actors are laid out by force-directed placement with the ties of
  *every* wave among them (the union of the waves, in the spirit of the
  "foresighted layout" of Diehl, Görg and Kerren [1]_: a compromise that
  reads well for every wave). Actors who join later are placed, wave by
  wave, next to their partners (at the nearest free spot to their partners'
  mean position) while nobody already placed moves. ``method="anchored"``
  uses only the first wave's ties for the first layout, so the first wave's
  picture is exactly its own map.
* :func:`wave_maps` draws every wave with that layout, one palette (colours
  fixed by category across waves), one size scale and one tie-width scale,
  and writes them into **one page with synchronized panels side by side**
  (zoom and pan move all panels; clicking an actor finds it in every wave;
  a button switches to one wave at a time).
* :func:`difference_map` draws two waves in one picture: ties kept
  (strengthened, weakened), formed and dissolved, actors who joined, left or
  stayed, each class in its own colour, line pattern and width (so it reads
  in greyscale and with colour blindness), with a legend that can show or hide
  each class and tooltips that say what changed.
* :func:`trend_chart` draws small multiples of network metrics across waves
  (density, centralization, fragmentation, E-I index, modularity, response
  rate) with matplotlib.

References
----------
.. [1] Diehl, Stephan, Carsten Görg, and Andreas Kerren. "Preserving the Mental
   Map Using Foresighted Layout." In *Data Visualization 2001: Proceedings of
   the Joint Eurographics-IEEE TCVG Symposium on Visualization*, 175-184.
   Vienna: Springer, 2001. https://doi.org/10.1007/978-3-7091-6215-6_19
"""

from __future__ import annotations

import html as _html
import math
import numbers
import os
from collections.abc import Hashable, Mapping, Sequence
from functools import cached_property, partial
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from .._graph import check_graph, sorted_nodes
from .._text import figure_text
from ..cluster import measures as _cluster_measures  # noqa: F401 - registers modularity
from ..exceptions import GraphTypeError, ParameterError
from ..i18n import catalogue, check_lang, format_number, format_percent, message
from ..io.model import NetworkData
from ..metrics.registry import trend_columns
from ._values import attribute_names, is_number, numeric
from .core import (
    HIDDEN_ATTRIBUTES,
    RADIUS,
    WIDTH,
    NetworkMap,
    _display,
    _field,
    _field_label,
    _scale,
    inline_frame,
    inline_picture,
    network_map,
    save_by_suffix,
)
from .layout import compute_layout
from .overlays import OVERLAYS
from .palette import category_colors, is_missing

__all__ = [
    "ACTOR_CHANGES",
    "TIE_CHANGES",
    "TREND_METRICS",
    "WaveMaps",
    "difference_map",
    "trend_chart",
    "wave_layout",
    "wave_maps",
]

#: Classes of actors in a difference map, with their style: fill colour, border
#: colour and width, dashed border, hollow (white fill). Okabe-Ito blue for what
#: is new, vermilion for what is gone, grey for what stayed: distinguishable with
#: the common forms of colour blindness, and by border width and pattern in
#: greyscale.
ACTOR_CHANGES: dict[str, dict[str, Any]] = {
    "stayed": {
        "fill": "#CCCCCC",
        "border": "#777777",
        "borderWidth": 1,
        "dashes": False,
        "hollow": False,
    },
    "joined": {
        "fill": "#0072B2",
        "border": "#000000",
        "borderWidth": 3,
        "dashes": False,
        "hollow": False,
    },
    "left": {
        "fill": "#FFFFFF",
        "border": "#D55E00",
        "borderWidth": 3,
        "dashes": True,
        "hollow": True,
    },
}
#: Classes of ties in a difference map, with their style: colour, width (px) and
#: dash pattern (px; None = solid). Every class has its own width/pattern pair.
TIE_CHANGES: dict[str, dict[str, Any]] = {
    "kept": {"color": "#BBBBBB", "width": 1.5, "dashes": None},
    "strengthened": {"color": "#555555", "width": 3.5, "dashes": [12, 3]},
    "weakened": {"color": "#999999", "width": 1.5, "dashes": [2, 4]},
    "formed": {"color": "#0072B2", "width": 3.0, "dashes": None},
    "dissolved": {"color": "#D55E00", "width": 2.5, "dashes": [8, 5]},
}
#: Metrics drawn by :func:`trend_chart` by default (those present in the table): the
#: network measures the registry marks as trends (:func:`sysmap.metrics.registry.trend_columns`).
TREND_METRICS = trend_columns()
#: Metrics that are shares in [0, 1], labelled as percentages in trend charts.
_SHARES = {
    "density",
    "density_observed",
    "degree_centralization",
    "betweenness_centralization",
    "fragmentation",
    "distance_fragmentation",
    "response_rate",
    "transitivity",
    "reciprocity",
    "weak_share",
}
_METHODS = ("union", "anchored")
#: Options of :func:`~sysmap.maps.network_map` that wave maps set themselves.
_RESERVED = ("layout", "palette", "aggregate", "group", "max_actors", "title")


# --------------------------------------------------------------------------- input


def _graph(G: object, name: str) -> nx.Graph:
    if isinstance(G, NetworkData):
        from ..build.network import build_network

        G = build_network(G)
    return check_graph(G, name=name)


def _waves(graphs: object, labels: Sequence[object] | None) -> tuple[list[nx.Graph], list[str]]:
    """Graphs and their labels (text) from a sequence or a mapping label -> graph."""
    if isinstance(graphs, (nx.Graph, NetworkData)):
        msg = "give the waves as a list of graphs or a dict {label: graph}, not one graph."
        raise ParameterError(msg)
    if isinstance(graphs, Mapping):
        keys = list(graphs)
        items = [graphs[k] for k in keys]
        if labels is None:
            labels = keys
    elif isinstance(graphs, Sequence) and not isinstance(graphs, (str, bytes)):
        items = list(graphs)
    else:
        msg = (
            "graphs must be a list of networkx graphs (one per wave, in time order) or a "
            f"dict {{label: graph}}; got {type(graphs).__name__}."
        )
        raise ParameterError(msg)
    if not items:
        raise ParameterError("graphs is empty: give at least one wave.")
    waves = [_graph(G, f"wave {i + 1}") for i, G in enumerate(items)]
    if labels is None:
        labels = [str(i + 1) for i in range(len(waves))]
    if isinstance(labels, (str, bytes)) or not isinstance(labels, Sequence):
        raise ParameterError(f"labels must be a list of wave labels; got {labels!r}.")
    text = [str(v) for v in labels]
    if len(text) != len(waves):
        msg = f"labels has {len(text)} entries for {len(waves)} waves; give one label per wave."
        raise ParameterError(msg)
    if len(set(text)) != len(text):
        raise ParameterError(f"labels must differ from each other; got {text}.")
    return waves, text


def _wave_name(label: str, lang: str) -> str:
    return message("map", "wave_label", lang, label=label)


# --------------------------------------------------------------------------- layout


def _union(graphs: Sequence[nx.Graph]) -> nx.Graph:
    """Every actor of any wave; a tie (undirected) wherever any wave has one."""
    U = nx.Graph()
    for G in graphs:
        U.add_nodes_from(G)
    for G in graphs:
        U.add_edges_from((u, v) for u, v in G.edges() if u != v)
    return U


def wave_layout(
    graphs: Sequence[nx.Graph] | Mapping[Hashable, nx.Graph],
    *,
    seed: None | int | np.random.Generator = 0,
    layout: pd.DataFrame | str | os.PathLike[str] | None = None,
    method: str = "union",
) -> pd.DataFrame:
    """One layout for all waves, so that every actor stays in place from wave to wave.

    Parameters
    ----------
    graphs : sequence of networkx graphs, or mapping label -> graph
        The waves in time order (``NetworkData`` is built with
        :func:`~sysmap.build_network`'s defaults). Actors are matched by id
        across waves (align renamed organizations first, e.g. with
        ``sysmap.compare.Panel``). Not modified.
    seed : None, int, numpy.random.Generator or numpy.random.RandomState, default=0
        Random source of the layout; the same seed gives identical positions.
    layout : pandas.DataFrame or path, optional
        An earlier layout (e.g. of the first two waves, saved with
        :func:`~sysmap.maps.save_layout`): its actors keep their positions
        exactly, the others are placed next to their partners.
    method : {"union", "anchored"}, default="union"
        How the first wave's actors are placed. ``"union"``: force-directed
        (:func:`~sysmap.maps.compute_layout`) with the ties of every wave
        among them, so ties that form later already shape the picture (a
        "foresighted" layout [1]_); newcomers are placed with the ties of
        every wave too (a newcomer without ties when it joins still lands
        next to its later partners). ``"anchored"``: with the first wave's
        own ties only (its picture is exactly ``compute_layout(first_wave)``),
        newcomers next to their partners up to the wave they join. Use it
        when readers already know the first wave's map.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``actor`` (every actor of any wave, canonical order), float
        columns ``x`` and ``y`` (``y`` up), as
        :func:`~sysmap.maps.compute_layout` returns.

    Raises
    ------
    GraphTypeError
        If a wave is not a simple networkx graph.
    ParameterError
        For an empty list of waves or an unknown `method`.

    Notes
    -----
    Newcomers of each wave are placed in canonical order at the mean
    position of their placed partners (plus a small seeded offset), then
    moved to the nearest free spot: no other actor closer than 0.8 times the
    median nearest-neighbour distance, searched on rings around that point,
    the side facing away from the map's centre first. So a newcomer sits at
    the edge of its partners' group, not on top of them, and nobody else
    moves. Direction is ignored for placement (a tie pulls its two ends
    together whichever way it points). Actors who left keep their place
    (they are simply not drawn in later waves); newcomers with no tie to
    anybody placed sit in a block beside the map. Positions are computed
    once, in Python, so the maps need no physics in the browser.

    References
    ----------
    .. [1] Diehl, Stephan, Carsten Görg, and Andreas Kerren. "Preserving the
       Mental Map Using Foresighted Layout." In *Data Visualization 2001*,
       175-184. Vienna: Springer, 2001.
       https://doi.org/10.1007/978-3-7091-6215-6_19

    Examples
    --------
    >>> import networkx as nx
    >>> w1 = nx.Graph([("a", "b"), ("b", "c")])
    >>> w2 = nx.Graph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> layout = wave_layout([w1, w2], seed=0)
    >>> layout.index.tolist()
    ['a', 'b', 'c', 'd']
    >>> anchored = wave_layout([w1, w2], method="anchored")
    >>> anchored.loc[["a", "b", "c"]].equals(compute_layout(w1, seed=0))
    True
    """
    waves, _ = _waves(graphs, None)
    if method not in _METHODS:
        raise ParameterError(f"method must be one of {list(_METHODS)}; got {method!r}.")
    from .._random import check_seed

    rng = check_seed(seed)
    # "union": ties of every wave (foresight); "anchored": ties up to the wave drawn
    every = _union(waves)
    actors: set = set()
    positions = layout
    for k in range(len(waves)):
        actors |= set(waves[k])
        graph = every.subgraph(actors) if method == "union" else _union(waves[: k + 1])
        if k == 0:
            positions = compute_layout(graph, seed=rng, fixed=layout)
            continue
        known = positions.index
        grown = compute_layout(graph, seed=rng, fixed=positions, relax=False)
        positions = _make_room(grown, ~grown.index.isin(known))
    return positions


def _make_room(layout: pd.DataFrame, movable: np.ndarray) -> pd.DataFrame:
    """Move each newcomer (in canonical order) to the nearest free spot around where it is.

    A spot is free when no other actor is closer than 0.8 times the median
    nearest-neighbour distance of the actors already placed. Candidate spots
    lie on rings around the newcomer's position (its partners' mean), nearest
    ring first; on a ring, the spot pointing away from the centre of the map
    is tried first, so newcomers settle at the edge of their partners' group
    rather than on top of them.
    """
    xy = layout[["x", "y"]].to_numpy(dtype=float).copy()
    fixed = ~movable
    if not movable.any() or fixed.sum() < 2:
        return layout
    from scipy.spatial import cKDTree

    dist, _ = cKDTree(xy[fixed]).query(xy[fixed], k=2)
    near = dist[:, 1][np.isfinite(dist[:, 1]) & (dist[:, 1] > 1e-9)]
    if not len(near):
        return layout
    gap = 0.8 * float(np.median(near))
    centre = xy[fixed].mean(axis=0)
    placed = xy[fixed]
    for i in np.flatnonzero(movable):
        p = xy[i]
        if np.min(np.hypot(*(placed - p).T)) >= gap:
            placed = np.vstack([placed, p])
            continue
        away = p - centre
        start = math.atan2(away[1], away[0]) if np.hypot(*away) > 1e-9 else 0.0
        for ring in range(1, 200):
            k = 8 * ring
            steps = np.arange(k)
            # angles in the order start, start + d, start - d, start + 2d, ...
            offsets = np.where(steps % 2 == 1, (steps + 1) // 2, -(steps // 2)) * (2 * math.pi / k)
            angles = start + offsets
            cand = p + 0.5 * gap * ring * np.column_stack([np.cos(angles), np.sin(angles)])
            d = np.hypot(
                cand[:, None, 0] - placed[None, :, 0], cand[:, None, 1] - placed[None, :, 1]
            )
            ok = np.flatnonzero(d.min(axis=1) >= gap)
            if len(ok):
                p = cand[ok[0]]
                break
        xy[i] = p
        placed = np.vstack([placed, p])
    return pd.DataFrame({"x": xy[:, 0], "y": xy[:, 1]}, index=layout.index, dtype=float)


# --------------------------------------------------------------------------- wave maps


def _radius(values: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """Circle radius (area proportional to the value) on a scale shared by all waves."""
    finite = np.isfinite(values)
    if hi <= lo:
        return np.where(finite, (RADIUS[0] + RADIUS[1]) / 2, RADIUS[0])
    t = np.sqrt(np.clip((np.nan_to_num(values, nan=lo) - lo) / (hi - lo), 0, 1))
    return np.where(finite, RADIUS[0] + (RADIUS[1] - RADIUS[0]) * t, RADIUS[0])


def _widths(values: np.ndarray, lo: float, hi: float) -> np.ndarray:
    if hi <= lo:
        return np.full(len(values), 1.5)
    t = np.clip((np.nan_to_num(values, nan=lo) - lo) / (hi - lo), 0, 1)
    return WIDTH[0] + (WIDTH[1] - WIDTH[0]) * t


def _has_edge_attribute(G: nx.Graph, attr: str) -> bool:
    return any(attr in d for _, _, d in G.edges(data=True))


def _edge_width_attribute(waves: Sequence[nx.Graph], option: object) -> object:
    """The tie attribute for widths, chosen once for all waves (as ``network_map`` does)."""
    if option != "auto":
        return option
    for attr in ("weight", "intensity"):
        if any(_has_edge_attribute(G, attr) for G in waves):
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
        :func:`difference_map` or later maps as ``layout=``.
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
        return _render_waves(self)

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
        return _draw_waves(self, path, dpi=dpi, width=width, columns=columns, legend=legend)

    def save_layout(self, path: str | os.PathLike[str]) -> Path:
        """Write the shared layout as CSV (``actor, x, y``)."""
        from .layout import save_layout

        return save_layout(self.layout, path)

    def difference(
        self, before: int | str = 0, after: int | str = -1, **options: Any
    ) -> NetworkMap:
        """The :func:`difference_map` of two of these waves, with their layout and labels.

        Parameters
        ----------
        before, after : int or str, default=0 and -1
            Waves by position or label (default: the first and the last).
        **options
            Passed to :func:`difference_map`.
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
    positions (:func:`wave_layout`), the same colours per category, the same
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
        Positions to keep (see :func:`wave_layout`).
    palette : dict, optional
        Fixed colours ``{category: "#RRGGBB"}``; other categories take the
        next free colours (in sorted order of all waves' categories).
    lang : {"en", "de"}, default="en"
        Language of the page.
    title : str, optional
        Page title (default: "Network maps by wave").
    method : {"union", "anchored"}, default="union"
        Layout method, see :func:`wave_layout`.
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
    waves, names = _waves(graphs, labels)
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
        ew = width_attr if width_attr is None or _has_edge_attribute(G, width_attr) else None
        return network_map(
            G,
            color=color,
            size=size,
            layout=positions,
            seed=seed,
            palette=colours,
            lang=lang,
            title=_wave_name(names[k], lang),
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
    _common_scales(maps, waves, width_attr, positions)
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
) -> None:
    """One pixel scale, one size scale and one width scale for every wave's map."""
    scale = _scale(positions[["x", "y"]].to_numpy(dtype=float))
    values = [m.nodes["size_value"].to_numpy(dtype=float) for m in maps]
    finite = np.concatenate([v[np.isfinite(v)] for v in values]) if values else np.zeros(0)
    for m, v in zip(maps, values, strict=True):
        m.scale = scale
        if len(finite) and "size" in m.legend:
            lo, hi = float(finite.min()), float(finite.max())
            m.nodes["radius"] = _radius(v, lo, hi)
            m.legend["size"]["min"], m.legend["size"]["max"] = _plain(lo), _plain(hi)
    if not isinstance(width_attr, str):
        return
    per_wave = []
    for m, G in zip(maps, waves, strict=True):
        raw = [
            G.edges[s, t].get(width_attr)
            for s, t in zip(m.ties["source"], m.ties["target"], strict=True)
        ]
        per_wave.append(numeric(pd.Series(raw, dtype=object), "edge_width"))
    finite = np.concatenate([w[np.isfinite(w)] for w in per_wave])
    if not len(finite):
        return
    lo, hi = float(finite.min()), float(finite.max())
    for m, w in zip(maps, per_wave, strict=True):
        if "width" in m.legend:
            m.ties["width"] = _widths(w, lo, hi)
            m.legend["width"]["min"], m.legend["width"]["max"] = _plain(lo), _plain(hi)


def _plain(x: float) -> float | int:
    return int(x) if float(x).is_integer() else float(x)


# --------------------------------------------------------------------------- difference map


def _weight_attribute(before: nx.Graph, after: nx.Graph, weight: object) -> str | None:
    if weight is None:
        return None
    if weight == "auto":
        for attr in ("weight", "intensity"):
            if _has_edge_attribute(before, attr) or _has_edge_attribute(after, attr):
                return attr
        return None
    if not isinstance(weight, str):
        raise ParameterError(
            f"weight must be 'auto', a tie attribute name or None; got {weight!r}."
        )
    return weight


def _arcs(G: nx.Graph, index: dict, weight: str | None) -> dict[tuple[int, int], tuple]:
    """Ties of `G` keyed by actor positions (undirected: smaller position first)."""
    directed = G.is_directed()
    out = {}
    for u, v, d in G.edges(data=True):
        if u == v:
            continue
        a, b = index[u], index[v]
        if not directed and a > b:
            a, b = b, a
        value = d.get(weight) if weight is not None else None
        x = float(value) if is_number(value) and math.isfinite(float(value)) else math.nan
        out[(a, b)] = (d, x)
    return out


def difference_map(
    before: nx.Graph | NetworkData,
    after: nx.Graph | NetworkData,
    *,
    labels: Sequence[object] = ("1", "2"),
    layout: pd.DataFrame | str | os.PathLike[str] | None = None,
    seed: None | int | np.random.Generator = 0,
    lang: str = "en",
    color: str | pd.Series | Mapping | None = None,
    size: str | pd.Series | Mapping | None = None,
    label: str | None = "name",
    title: str | None = None,
    palette: Mapping[Hashable, str] | None = None,
    weight: str | None = "auto",
    tolerance: float = 0.0,
    height: str = "720px",
) -> NetworkMap:
    """The difference map of two waves: what was kept, formed, dissolved; who joined, left.

    Every actor of either wave and every tie of either wave is drawn in one
    picture, in the style of its change:

    ======================  ===========================================================
    class                   style
    ======================  ===========================================================
    tie kept                light grey, thin, solid
    tie kept, stronger      dark grey, thick, long dashes (valued ties only)
    tie kept, weaker        grey, thin, dotted (valued ties only)
    tie formed              blue, thick, solid
    tie dissolved           vermilion, medium, dashed
    actor stayed            grey, thin border
    actor joined            blue, thick black border
    actor left              hollow, thick dashed vermilion border
    ======================  ===========================================================

    The page's legend counts each class and shows or hides it with a
    checkbox; tooltips name the change and give both waves' values.

    Parameters
    ----------
    before, after : networkx.Graph, networkx.DiGraph or NetworkData
        The earlier and the later wave, both directed or both undirected,
        actors matched by id. Not modified.
    labels : pair of labels, default=("1", "2")
        The waves' labels, shown as "Wave <label>".
    layout : pandas.DataFrame or path, optional
        Positions to use, e.g. :attr:`WaveMaps.layout`, so that the
        difference map matches the side-by-side maps (actors missing from it
        are placed next to their partners). Default: :func:`wave_layout` of
        the two waves.
    seed : None, int, numpy.random.Generator or numpy.random.RandomState, default=0
        Random source of the layout.
    lang : {"en", "de"}, default="en"
        Language of the page.
    color : str, pandas.Series, dict or None, default=None
        None colours actors by their change (the table above). Otherwise
        what colours them, as for :func:`~sysmap.maps.network_map` (e.g.
        ``"sector"``; the later wave's attribute, else the earlier one's);
        joined and left actors keep their border styles.
    size : str, pandas.Series, dict or None, default=None
        What sizes the actors (a node attribute or values by actor; metrics
        would mix both waves); None: one size.
    label : str or None, default="name"
        Node attribute drawn as the label.
    title : str, optional
        Page title (default: "Changes from wave 1 to wave 2").
    palette : dict, optional
        Fixed category colours when `color` is given (e.g.
        :attr:`WaveMaps.palette`).
    weight : str or None, default="auto"
        Tie value compared for kept ties: ``"auto"`` uses ``weight``, else
        ``intensity`` when ties have them; None compares presence only (no
        strengthened / weakened classes).
    tolerance : float, default=0
        A kept tie counts as stronger or weaker only when its value moved by
        more than this.
    height : str, default="720px"
        Height of the inline notebook frame.

    Returns
    -------
    NetworkMap
        ``.nodes["change"]`` (``stayed``, ``joined``, ``left``),
        ``.ties["change"]`` (``kept``, ``strengthened``, ``weakened``,
        ``formed``, ``dissolved``) with ``weight_before``, ``weight_after``,
        and ``.classes`` (the legend's classes and counts);
        ``.save("diff.html")``, ``.save("diff.png")``.

    Raises
    ------
    GraphTypeError
        If a wave is not a simple networkx graph, or one is directed and the
        other not.
    ParameterError
        For invalid options.

    Notes
    -----
    Pairs are compared as :func:`sysmap.compare.tie_churn` compares them: in
    undirected networks a tie is an unordered pair; in directed networks each
    arc is compared on its own, so ``a -> b`` can be kept while ``b -> a`` is
    formed (drawn as two curved arcs). Self-loops are ignored. A kept tie with
    a missing value in either wave counts as kept. Ties of actors who joined
    are formed, ties of actors who left are dissolved. Tooltips show an
    actor's survey status and number of ties in both waves, and a tie's value
    in both waves.

    Examples
    --------
    >>> import networkx as nx
    >>> w1 = nx.Graph([("a", "b", {"weight": 2}), ("b", "c", {"weight": 3})])
    >>> w2 = nx.Graph([("a", "b", {"weight": 4}), ("c", "d", {"weight": 1})])
    >>> m = difference_map(w1, w2)
    >>> m.ties[["source", "target", "change"]].values.tolist()
    [['a', 'b', 'strengthened'], ['b', 'c', 'dissolved'], ['c', 'd', 'formed']]
    >>> m.nodes["change"].to_dict()
    {'a': 'stayed', 'b': 'stayed', 'c': 'stayed', 'd': 'joined'}
    """
    lang = check_lang(lang)
    before, after = _graph(before, "before"), _graph(after, "after")
    if before.is_directed() != after.is_directed():
        msg = (
            "before and after must both be directed or both undirected; build both waves "
            "with the same symmetrize= rule."
        )
        raise GraphTypeError(msg)
    _, names = _waves([before, after], labels)
    if isinstance(tolerance, bool) or not isinstance(tolerance, numbers.Real) or tolerance < 0:
        raise ParameterError(f"tolerance must be a number >= 0; got {tolerance!r}.")
    weight = _weight_attribute(before, after, weight)
    wave_a, wave_b = _wave_name(names[0], lang), _wave_name(names[1], lang)

    # actors and ties of both waves, classified ------------------------------------
    nodes = sorted_nodes(set(before) | set(after))
    index = {v: i for i, v in enumerate(nodes)}
    actor_change = [
        "stayed" if (v in before and v in after) else ("joined" if v in after else "left")
        for v in nodes
    ]
    arcs_a, arcs_b = _arcs(before, index, weight), _arcs(after, index, weight)
    H = nx.DiGraph() if after.is_directed() else nx.Graph()
    for v in nodes:
        H.add_node(v)
        H.nodes[v].update(after.nodes[v] if v in after else before.nodes[v])
    tie_change: dict[tuple[int, int], tuple[str, float, float]] = {}
    for key in sorted(set(arcs_a) | set(arcs_b)):
        if key in arcs_a and key in arcs_b:
            x, y = arcs_a[key][1], arcs_b[key][1]
            change = "kept"
            if weight is not None and math.isfinite(x) and math.isfinite(y):
                if y - x > tolerance:
                    change = "strengthened"
                elif x - y > tolerance:
                    change = "weakened"
            data = arcs_b[key][0]
        elif key in arcs_b:
            change, x, y, data = "formed", math.nan, arcs_b[key][1], arcs_b[key][0]
        else:
            change, x, y, data = "dissolved", arcs_a[key][1], math.nan, arcs_a[key][0]
        tie_change[key] = (change, x, y)
        H.add_edge(nodes[key[0]], nodes[key[1]])
        H.edges[nodes[key[0]], nodes[key[1]]].update(data)

    # positions ---------------------------------------------------------------------
    if layout is None:
        positions = wave_layout([before, after], seed=seed)
    else:
        positions = compute_layout(H, seed=seed, fixed=layout)

    # colours: by change (default) or by an attribute --------------------------------
    names_of = {
        key: message("map", f"change_{key}", lang) for key in (*ACTOR_CHANGES, *TIE_CHANGES)
    }
    if color is None:
        colour_values = pd.Series(
            [names_of[c] for c in actor_change],
            index=pd.Index(nodes, name="actor", dtype=object, tupleize_cols=False),
            dtype=object,
        )
        colours = {names_of[k]: style["fill"] for k, style in ACTOR_CHANGES.items()}
    else:
        colour_values, colours = color, palette
    hidden = {"status", label, *HIDDEN_ATTRIBUTES, "trust_received", "value_received"}
    tooltip = [a for a in attribute_names(H) if a not in hidden]
    if isinstance(size, str) and size not in tooltip and size in attribute_names(H):
        tooltip.append(size)
    m = network_map(
        H,
        color=colour_values,
        size=size,
        label=label,
        title=message("map", "diff_title", lang, before=wave_a, after=wave_b)
        if title is None
        else str(title),
        layout=positions,
        seed=seed,
        palette=colours,
        tooltip=tooltip,
        edge_width=None,
        strength=None,
        brokers=False,
        key_players=False,
        bridges=False,
        local_bridges=False,
        isolates=False,
        non_respondents=False,
        aggregate=False,
        renderer="vis",  # the change classes are drawn by the vis-network page only
        lang=lang,
        height=height,
    )
    if color is None:  # the change legend below replaces the colour legend
        m.legend.pop("color", None)
        m.filters = [g for g in m.filters if not g.get("colors")]

    # ties: class, style, both waves' values -------------------------------------------
    keys = [(int(a), int(b)) for a, b in zip(m._src, m._dst, strict=True)]
    changes = [tie_change[k][0] for k in keys]
    m.ties["change"] = pd.Series(changes, dtype=object)
    m.ties["width"] = [TIE_CHANGES[c]["width"] for c in changes]
    m.ties["dashed"] = [TIE_CHANGES[c]["dashes"] is not None for c in changes]
    m.ties["color"] = pd.Series([TIE_CHANGES[c]["color"] for c in changes], dtype=object)
    m.ties["weight_before"] = [tie_change[k][1] for k in keys]
    m.ties["weight_after"] = [tie_change[k][2] for k in keys]
    m.nodes["change"] = pd.Series(actor_change, index=m.nodes.index, dtype=object)

    def in_wave(field: str, wave: str) -> str:
        return message("map", "field_in_wave", lang, field=_field_label(field, lang), wave=wave)

    tie_fields = []
    if any("relation" in H.edges[nodes[a], nodes[b]] for a, b in keys):
        tie_fields.append(
            _field(
                _field_label("relation", lang),
                [H.edges[nodes[a], nodes[b]].get("relation") for a, b in keys],
            )
        )
    if weight is not None:
        tie_fields.append(_field(in_wave(weight, wave_a), m.ties["weight_before"].tolist()))
        tie_fields.append(_field(in_wave(weight, wave_b), m.ties["weight_after"].tolist()))
    m.tie_fields = tie_fields

    node_fields = [m.node_fields[0]]
    if any(str(v) != name for v, name in zip(nodes, m.node_fields[0]["values"], strict=True)):
        node_fields.append(_field(_field_label("actor", lang), [str(v) for v in nodes]))
    node_fields.extend(m.node_fields[1:])
    for G, wave in ((before, wave_a), (after, wave_b)):
        if any("status" in d for _, d in G.nodes(data=True)):
            node_fields.append(
                _field(
                    in_wave("status", wave),
                    [
                        _display("status", G.nodes[v].get("status"), lang) if v in G else None
                        for v in nodes
                    ],
                )
            )
        node_fields.append(
            _field(in_wave("degree", wave), [G.degree(v) if v in G else None for v in nodes])
        )
    m.node_fields = node_fields

    # classes, legend, summary -----------------------------------------------------------
    actor_counts = pd.Series(actor_change).value_counts()
    tie_counts = pd.Series(changes, dtype=object).value_counts()
    tie_keys = [
        k for k in TIE_CHANGES if weight is not None or k not in ("strengthened", "weakened")
    ]
    m.classes = {
        "nodes": {
            "column": "change",
            "title": message("map", "diff_actors_heading", lang, before=wave_a, after=wave_b),
            "items": [
                {
                    "key": k,
                    "label": names_of[k],
                    "count": int(actor_counts.get(k, 0)),
                    "shown": True,
                    **style,
                }
                for k, style in ACTOR_CHANGES.items()
            ],
        },
        "edges": {
            "column": "change",
            "title": message("map", "diff_ties_heading", lang, before=wave_a, after=wave_b),
            "items": [
                {
                    "key": k,
                    "label": names_of[k],
                    "count": int(tie_counts.get(k, 0)),
                    "shown": True,
                    **TIE_CHANGES[k],
                }
                for k in tie_keys
            ],
        },
    }
    if color is not None:  # colours come from the attribute; keep only the borders
        for item in m.classes["nodes"]["items"]:
            item["fill"] = None
    kept = sum(int(tie_counts.get(k, 0)) for k in ("kept", "strengthened", "weakened"))
    m.summary = message(
        "map",
        "diff_summary",
        lang,
        stayed=int(actor_counts.get("stayed", 0)),
        joined=int(actor_counts.get("joined", 0)),
        left=int(actor_counts.get("left", 0)),
        kept=kept,
        formed=int(tie_counts.get("formed", 0)),
        dissolved=int(tie_counts.get("dissolved", 0)),
    )
    m.layout = positions
    return m


# --------------------------------------------------------------------------- trend chart


def _metric_title(metric: str, lang: str) -> str:
    key = f"metric_{metric}"
    return message("map", key, lang) if key in catalogue("map", lang) else str(metric)


def _percent_tick(value: float, _pos: object = None, *, lang: str, digits: int) -> str:
    return format_percent(value, lang, digits=digits)


def _number_tick(value: float, _pos: object = None, *, lang: str, digits: int) -> str:
    text = format_number(round(value, digits), lang, digits)
    return "0" if text in ("-0", "−0") else text


def _trend_table(table: pd.DataFrame) -> pd.DataFrame:
    """Rows = waves, columns = metrics, from the wide, transposed or long forms."""
    if not isinstance(table, pd.DataFrame):
        raise ParameterError(f"table must be a pandas DataFrame; got {type(table).__name__}.")
    if {"wave", "metric", "value"} <= set(table.columns):
        waves = list(dict.fromkeys(table["wave"]))
        wide = table.pivot_table(
            index="wave", columns="metric", values="value", aggfunc="first", sort=False
        )
        return wide.reindex(waves)
    if table.index.name == "metric":  # sysmap.compare.wave_metrics: metrics x waves
        return table.T
    return table


def trend_chart(
    table: pd.DataFrame,
    *,
    metrics: Sequence[str] | None = None,
    lang: str = "en",
    columns: int | None = None,
    width: float | None = None,
):
    """Small multiples of network metrics across waves (matplotlib).

    One small chart per metric: the waves along the horizontal axis, the
    metric's value as a line with labelled points, shares (density,
    centralization, fragmentation, response rate) as percentages.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per wave (the index holds the wave labels, in time order) and
        one column per metric. Also accepted: a table indexed by ``metric``
        with one column per wave (as :func:`sysmap.compare.wave_metrics`
        returns), or a long table with columns ``wave``, ``metric``,
        ``value``.
    metrics : sequence of str, optional
        Metrics to draw, in this order (default: those of
        :data:`TREND_METRICS` in the table with a value, else every numeric
        column).
    lang : {"en", "de"}, default="en"
        Language of the titles and numbers.
    columns : int, optional
        Charts per row (default: up to 4).
    width : float, optional
        Figure width in inches (default: 2.6 per chart in a row).

    Returns
    -------
    matplotlib.figure.Figure
        Made without pyplot (no global state); show it in a notebook, or
        ``fig.savefig("trends.svg")``.

    Raises
    ------
    ParameterError
        If the table is not a DataFrame, names a metric it does not have, or
        has nothing to draw.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"density": [0.10, 0.12, 0.15], "ei_index": [-0.4, -0.3, -0.1]},
    ...                      index=["2023", "2024", "2025"])
    >>> fig = trend_chart(table)
    >>> [ax.get_title("left") for ax in fig.axes]
    ['Density', 'E-I index']
    """
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    lang = check_lang(lang)
    wide = _trend_table(table)
    if metrics is None:
        chosen = [
            mtr
            for mtr in TREND_METRICS
            if mtr in wide.columns and pd.to_numeric(wide[mtr], errors="coerce").notna().any()
        ]
        if not chosen:
            chosen = [
                c for c in wide.columns if pd.to_numeric(wide[c], errors="coerce").notna().any()
            ]
    else:
        if isinstance(metrics, str):
            metrics = [metrics]
        missing = [mtr for mtr in metrics if mtr not in wide.columns]
        if missing:
            msg = f"metrics {missing} are not in the table; it has {list(wide.columns)}."
            raise ParameterError(msg)
        chosen = list(metrics)
    if not chosen or not len(wide):
        raise ParameterError("the table has no numeric metric values to draw.")
    if columns is not None and (
        isinstance(columns, bool) or not isinstance(columns, int) or columns < 1
    ):
        raise ParameterError(f"columns must be a positive int; got {columns!r}.")
    ncols = min(len(chosen), columns or 4)
    nrows = math.ceil(len(chosen) / ncols)
    fig_w = 2.6 * ncols if width is None else float(width)
    fig = Figure(figsize=(fig_w, 2.2 * nrows + 0.2), dpi=100, layout="constrained")
    waves = [str(w) for w in wide.index]
    x = np.arange(len(waves))
    for k, metric in enumerate(chosen):
        ax = fig.add_subplot(nrows, ncols, k + 1)
        y = pd.to_numeric(wide[metric], errors="coerce").to_numpy(dtype=float)
        share = metric in _SHARES

        def show(v: float, share: bool = share) -> str:
            return format_percent(v, lang, digits=1) if share else format_number(v, lang, 2)

        ax.plot(x, y, marker="o", color="#0072B2", linewidth=1.8, markersize=5)
        for xi, yi in zip(x, y, strict=True):
            if np.isfinite(yi):
                ax.annotate(
                    show(yi),
                    (xi, yi),
                    textcoords="offset points",
                    xytext=(0, 6),
                    ha="center",
                    fontsize=7.5,
                    color="#333333",
                )
        ax.set_title(figure_text(_metric_title(metric, lang)), fontsize=9.5, loc="left")
        ax.set_xticks(x, [figure_text(w) for w in waves], fontsize=8)
        ax.tick_params(axis="y", labelsize=7.5)
        finite = y[np.isfinite(y)]
        if len(finite):
            lo, hi = float(finite.min()), float(finite.max())
            pad = 0.25 * (hi - lo) if hi > lo else max(abs(hi) * 0.25, 0.05)
            ax.set_ylim(lo - pad, hi + pad * 1.6)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))
        ticks = ax.get_yticks()
        step = float(np.min(np.diff(ticks))) if len(ticks) > 1 else 1.0
        # as many decimals as the tick spacing needs (percentages: two fewer)
        decimals = int(
            np.clip(
                -math.floor(math.log10(step))
                + (1 if step * 10 ** -math.floor(math.log10(step)) == 2.5 else 0),
                0,
                6,
            )
        )
        if share:
            tick = partial(_percent_tick, lang=lang, digits=max(decimals - 2, 0))
        else:
            tick = partial(_number_tick, lang=lang, digits=decimals)
        ax.yaxis.set_major_formatter(FuncFormatter(tick))
        ax.set_xlim(-0.4, len(waves) - 0.6)
        ax.grid(axis="y", color="#E5E5E5", linewidth=0.8)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    return fig


# --------------------------------------------------------------------------- the page


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


def _waves_payload(wm: WaveMaps) -> dict:
    from .core import BITS
    from .html import payload

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
        p["label"] = _wave_name(label, lang)
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


def _columns(k: int) -> int:
    return k if k <= 3 else (2 if k == 4 else 3)


def _render_waves(wm: WaveMaps) -> str:
    from .html import (
        _asset,
        _inline_script,
        _sha256,
        page_head,
        script_json,
        vis_network_js,
    )

    lang = wm.lang
    data = script_json(_waves_payload(wm))
    vis = vis_network_js()
    app = _inline_script(_asset("waves.js"))
    css = (_asset("map.css") + "\n" + _asset("waves.css")).replace("</", "<\\/")
    csp = (
        "default-src 'none'; "
        f"script-src {_sha256(vis)} {_sha256(app)}; "
        "style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )

    def t(key: str, **values: object) -> str:
        return _html.escape(message("map", key, lang, **values))

    title = _html.escape(wm.title)
    actors = len(wm.layout)
    summary = message("map", "waves_summary", lang, k=len(wm.maps), n=actors)
    tabs = "".join(
        f'<button type="button" role="tab" id="sysmap-tab-{i}" aria-selected="false" '
        f'aria-controls="sysmap-panel-{i}">{_html.escape(_wave_name(label, lang))}</button>'
        for i, label in enumerate(wm.labels)
    )
    panels = "".join(
        f'<section class="sysmap-panel" id="sysmap-panel-{i}" role="tabpanel" '
        f'aria-labelledby="sysmap-tab-{i}">'
        f'<div class="sysmap-panel-head"><h2>{_html.escape(_wave_name(label, lang))}</h2>'
        f'<span class="sysmap-panel-summary">{_html.escape(m.summary)}</span></div>'
        f'<div class="sysmap-canvas" id="sysmap-canvas-{i}" role="img" '
        f'aria-label="{_html.escape(_wave_name(label, lang))}"></div></section>'
        for i, (label, m) in enumerate(zip(wm.labels, wm.maps, strict=True))
    )
    return f"""{page_head(lang, csp, title, css)}
<body>
<header id="sysmap-header">
<h1 id="sysmap-title">{title}</h1>
<span id="sysmap-summary">{_html.escape(summary)}</span>
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
<div id="sysmap-panels" style="--cols:{_columns(len(wm.maps))}">{panels}</div>
<aside id="sysmap-legend" aria-label="{t("legend")}">
<div id="sysmap-details" hidden></div>
<div id="sysmap-legend-body"></div>
</aside>
</main>
<div id="sysmap-tooltip" role="tooltip" hidden></div>
<noscript><p>{t("noscript")}</p></noscript>
<script type="application/json" id="sysmap-data">{data}</script>
<script>{vis}</script>
<script>{app}</script>
</body>
</html>
"""


# --------------------------------------------------------------------------- static grid


def _draw_waves(
    wm: WaveMaps,
    path: str | os.PathLike[str],
    *,
    dpi: int,
    width: float | None,
    columns: int | None,
    legend: bool,
) -> Path:
    """A panel per wave: same positions, colours, sizes, tie widths and dashes."""
    import warnings

    from matplotlib import rc_context
    from matplotlib.collections import LineCollection, PatchCollection
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Circle

    from .static import _FORMATS, EDGE_RGBA, _shade, save_figure

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in _FORMATS:
        raise ParameterError(f"static maps are PNG, SVG or PDF; got {os.fspath(path)!r}.")
    if isinstance(dpi, bool) or not isinstance(dpi, int) or dpi < 10:
        raise ParameterError(f"dpi must be an int >= 10; got {dpi!r}.")
    if columns is not None and (
        isinstance(columns, bool) or not isinstance(columns, int) or columns < 1
    ):
        raise ParameterError(f"columns must be a positive int; got {columns!r}.")
    if width is not None and (not isinstance(width, (int, float)) or not 1 <= width <= 100):
        raise ParameterError(f"width must be a number of inches in [1, 100]; got {width!r}.")
    k = len(wm.maps)
    ncols = min(k, columns) if columns else _columns(k)
    nrows = math.ceil(k / ncols)
    xy_all = wm.layout[["x", "y"]].to_numpy(dtype=float)
    scale = wm.maps[0].scale
    rmax = RADIUS[1] / scale
    lo = xy_all.min(axis=0) - rmax if len(xy_all) else np.array([-1.0, -1.0])
    hi = xy_all.max(axis=0) + rmax if len(xy_all) else np.array([1.0, 1.0])
    span = np.maximum(hi - lo, 1e-9)
    panel_w = (5.0 * ncols if width is None else float(width)) / ncols
    panel_h = float(np.clip(panel_w * span[1] / span[0], 2.5, 8.0))
    legend_h = 0.9 if legend else 0.0
    fig = Figure(figsize=(panel_w * ncols, panel_h * nrows + 0.5 + legend_h), dpi=dpi)
    total_h = panel_h * nrows + 0.5 + legend_h
    title = figure_text(wm.title, 120)
    fig.text(0.01, 1 - 0.25 / total_h, title, fontsize=12, weight="bold", va="center")
    pts_per_unit = min(panel_w / span[0], panel_h / span[1]) * 72.0
    px_to_pts = pts_per_unit / scale
    for i, m in enumerate(wm.maps):
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
        heading = figure_text(f"{_wave_name(wm.labels[i], wm.lang)}: {m.summary}", 120)
        ax.set_title(heading, fontsize=8.5, loc="left")
        nodes, ties = m.nodes, m.ties
        xy = nodes[["x", "y"]].to_numpy(dtype=float)
        if len(ties):
            segs = np.stack([xy[m._src], xy[m._dst]], axis=1)
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
    if legend and wm.palette:
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
            for c in wm.palette.values()
        ]
        texts = [figure_text(_display("", c, wm.lang)) for c in wm.palette]
        fig.legend(
            handles[:30],
            texts[:30],
            loc="lower left",
            ncols=min(6, len(handles)),
            frameon=False,
            fontsize=7.5,
            bbox_to_anchor=(0.01, 0.01),
        )
    rc = {"svg.fonttype": "none", "pdf.fonttype": 42, "svg.hashsalt": "sysmap"}
    with warnings.catch_warnings(), rc_context(rc):
        warnings.filterwarnings("ignore", message=r"Glyph .* missing from", category=UserWarning)
        save_figure(fig, path, dpi=dpi)
    return path
