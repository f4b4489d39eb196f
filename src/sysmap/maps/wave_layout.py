"""One layout for every survey wave, so that each actor stays in place from wave to wave.

Evaluators compare waves of the same initiative. The pictures only help if
every organization stays in the same place, so that what moves on the page is
what changed in the network. :func:`wave_layout` computes **one layout for
all waves**: the first wave's actors are laid out by force-directed
placement with the ties of *every* wave among them (the union of the waves,
in the spirit of the "foresighted layout" of Diehl, Görg and Kerren [1]_: a
compromise that reads well for every wave). Actors who join later are
placed, wave by wave, next to their partners (at the nearest free spot to
their partners' mean position) while nobody already placed moves.
``method="anchored"`` uses only the first wave's ties for the first layout,
so the first wave's picture is exactly its own map.

The wave maps (:mod:`sysmap.maps.waves`) and the difference map
(:mod:`sysmap.maps.difference`) draw with it; the inputs they share (the
waves as a list or a dict, their labels) are read here too.

References
----------
.. [1] Diehl, Stephan, Carsten Görg, and Andreas Kerren. "Preserving the Mental
   Map Using Foresighted Layout." In *Data Visualization 2001: Proceedings of
   the Joint Eurographics-IEEE TCVG Symposium on Visualization*, 175-184.
   Vienna: Springer, 2001. https://doi.org/10.1007/978-3-7091-6215-6_19
"""

from __future__ import annotations

import math
import os
from collections.abc import Hashable, Mapping, Sequence

import networkx as nx
import numpy as np
import pandas as pd

from .._random import check_seed
from ..exceptions import ParameterError
from ..io.model import NetworkData
from .builder import as_graph
from .layout import compute_layout

__all__ = ["wave_layout"]

_METHODS = ("union", "anchored")


# --------------------------------------------------------------------------- input


def wave_graphs(
    graphs: object, labels: Sequence[object] | None
) -> tuple[list[nx.Graph], list[str]]:
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
    waves = [as_graph(G, f"wave {i + 1}") for i, G in enumerate(items)]
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


def has_tie_attribute(G: nx.Graph, attr: str) -> bool:
    """Whether some tie of `G` has the attribute `attr`."""
    return any(attr in d for _, _, d in G.edges(data=True))


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
    waves, _ = wave_graphs(graphs, None)
    if method not in _METHODS:
        raise ParameterError(f"method must be one of {list(_METHODS)}; got {method!r}.")
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
