"""Node positions for maps: computed in Python, deterministic for a seed, reusable across waves.

:func:`compute_layout` places every actor with the Fruchterman-Reingold
force-directed algorithm [1]_ on igraph's compiled core (grid-accelerated above
300 actors). Each connected component is laid out on its own, turned so that
its long axis is horizontal, and the components are packed side by side
(largest first). Isolates, pairs and components of at most a tenth of the
largest one's actors stand in narrow columns beside the large components, no
higher than they are, so a few stray actors neither drift off to the edge of
the picture nor stretch it: the network keeps the canvas. The starting positions come from
`seed`, and igraph's random number generator is seeded for the duration of
the call, so the same graph and seed always give the same positions.

Given an earlier layout (``fixed=``), actors it contains keep their positions
exactly, and new actors are placed next to the partners they have there (the
mean position of their placed neighbours plus a small seeded offset), then
relaxed by a short force-directed run with everybody else pinned. Actors with
no path to a placed actor are laid out as a separate block beside the map.
This keeps every organization in the same place across survey waves.

Layouts are plain tables (``x``, ``y`` indexed by ``actor``; ``y`` points up)
and are stored as CSV or GEXF files with :func:`save_layout` /
:func:`read_layout`. Wherever sysmap takes a layout (``layout=``, ``fixed=``)
it also takes a networkx ``pos`` dictionary, a saved CSV file and a GEXF file
from Gephi (:func:`as_layout`), so a picture made elsewhere can be reused.

References
----------
.. [1] Fruchterman, Thomas M. J., and Edward M. Reingold. "Graph Drawing by
   Force-Directed Placement." *Software: Practice and Experience* 21, no. 11
   (1991): 1129-1164. https://doi.org/10.1002/spe.4380211102
"""

from __future__ import annotations

import os
import random
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd

from .._graph import check_graph, edge_arrays, gc_paused, sorted_nodes
from .._random import check_seed
from ..exceptions import InputError, ParameterError
from ..export import restore_formula_text, write_csv
from ..io.gexf import layout_table, read_gexf_viz, write_gexf

__all__ = ["as_layout", "compute_layout", "read_layout", "save_layout"]

#: Gap between packed components, in layout units (about one tie length).
_GAP = 1.5
#: Spacing of isolates and pairs in their block.
_SPACING = 1.2
#: Components of at most this share of the largest component's actors stand beside it.
SIDE_SHARE = 0.1
#: Components larger than this use igraph's grid-accelerated Fruchterman-Reingold.
GRID_ABOVE = 300
#: Standard deviation of the offset given to actors placed next to their partners.
_JITTER = 0.3


@contextmanager
def _igraph_seeded(rng: np.random.Generator) -> Iterator[None]:
    """Seed igraph's random number generator for the duration of the block.

    igraph draws from a process-wide generator (Python's :mod:`random` module by
    default). It is replaced by a private, seeded :class:`random.Random` and the
    default is restored afterwards, so no global random state changes.
    """
    ig.set_random_number_generator(random.Random(int(rng.integers(2**31 - 1))))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)


def _iterations(n: int) -> int:
    """Fruchterman-Reingold iterations: 500 up to 1,000 actors, fewer for larger components."""
    if n <= 1000:
        return 500
    return max(150, int(500 * (1000 / n) ** 0.5))


def _undirected_pairs(G: nx.Graph, nodes: list[Hashable]) -> tuple[np.ndarray, np.ndarray]:
    """Each tie once as ``(i, j)`` with ``i < j`` (direction and self-loops dropped)."""
    src, dst, _ = edge_arrays(G, nodes)
    lo, hi = np.minimum(src, dst), np.maximum(src, dst)
    keep = lo != hi
    pairs = np.unique(np.column_stack([lo[keep], hi[keep]]), axis=0)
    if not len(pairs):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return pairs[:, 0].astype(np.int64), pairs[:, 1].astype(np.int64)


def _orient(xy: np.ndarray) -> np.ndarray:
    """Centre `xy` and turn it so that its long axis is horizontal (sign fixed)."""
    xy = xy - xy.mean(axis=0)
    if len(xy) < 2:
        return xy
    _, vecs = np.linalg.eigh(np.cov(xy.T))
    xy = xy @ vecs[:, ::-1]  # first column = direction of largest spread
    for axis in (0, 1):  # deterministic sign: the first actor sits left of / below the centre
        if xy[0, axis] > 0:
            xy[:, axis] = -xy[:, axis]
    return xy


def _fr(
    n: int,
    a: np.ndarray,
    b: np.ndarray,
    start: np.ndarray,
    *,
    weights: np.ndarray | None = None,
    iterations: int | None = None,
    pinned: np.ndarray | None = None,
    start_temp: float | None = None,
) -> np.ndarray:
    """Fruchterman-Reingold on ``n`` vertices and edges ``(a, b)`` from `start`."""
    with gc_paused():
        H = ig.Graph(n=n, edges=np.column_stack([a, b]).tolist(), directed=False)
    kwargs: dict[str, object] = {
        "seed": start.tolist(),
        "niter": _iterations(n) if iterations is None else int(iterations),
        # the grid variant (repulsion from nearby actors only) is ~6x faster at
        # 1,000 actors and looks the same on sparse networks
        "grid": "grid" if n > GRID_ABOVE else "nogrid",
    }
    if weights is not None:
        kwargs["weights"] = weights.tolist()
    if start_temp is not None:
        kwargs["start_temp"] = float(start_temp)
    if pinned is not None and pinned.any():
        lo = np.full((n, 2), -np.inf)
        hi = np.full((n, 2), np.inf)
        lo[pinned], hi[pinned] = start[pinned], start[pinned]
        big = 1e12  # igraph wants finite bounds
        lo, hi = np.clip(lo, -big, big), np.clip(hi, -big, big)
        kwargs.update(minx=lo[:, 0].tolist(), maxx=hi[:, 0].tolist())
        kwargs.update(miny=lo[:, 1].tolist(), maxy=hi[:, 1].tolist())
    xy = np.asarray(H.layout_fruchterman_reingold(**kwargs).coords, dtype=float)
    if pinned is not None:
        xy[pinned] = start[pinned]  # exactly, not up to rounding
    return xy


def _components(n: int, a: np.ndarray, b: np.ndarray) -> list[np.ndarray]:
    """Connected components as sorted index arrays, largest first (ties: smallest index)."""
    H = ig.Graph(n=n, edges=np.column_stack([a, b]).tolist(), directed=False)
    comps = [np.array(sorted(c), dtype=np.int64) for c in H.connected_components()]
    comps.sort(key=lambda c: (-len(c), int(c[0])))
    return comps


def _fresh(
    n: int,
    a: np.ndarray,
    b: np.ndarray,
    w: np.ndarray | None,
    rng: np.random.Generator,
    iterations: int | None,
) -> np.ndarray:
    """Layout of all `n` vertices: components laid out one by one, then packed."""
    xy = np.zeros((n, 2))
    if n == 0:
        return xy
    comps = _components(n, a, b)
    local = np.full(n, -1, dtype=np.int64)
    comp_of = np.empty(n, dtype=np.int64)
    for k, comp in enumerate(comps):
        local[comp] = np.arange(len(comp))
        comp_of[comp] = k
    edge_comp = comp_of[a] if len(a) else np.zeros(0, dtype=np.int64)
    blocks: list[tuple[np.ndarray, np.ndarray]] = []  # (members, centred positions)
    side: list[tuple[np.ndarray, np.ndarray]] = []  # small components, beside the others
    small: list[np.ndarray] = []
    for k, comp in enumerate(comps):
        s = len(comp)
        if s <= 2:
            small.append(comp)
            continue
        mask = edge_comp == k
        ca, cb = local[a[mask]], local[b[mask]]
        start = rng.uniform(-1, 1, size=(s, 2)) * np.sqrt(s)
        cw = None if w is None else w[mask]
        block = (comp, _orient(_fr(s, ca, cb, start, weights=cw, iterations=iterations)))
        (side if blocks and s <= SIDE_SHARE * len(comps[0]) else blocks).append(block)
    if not blocks:  # isolates and pairs only: one square-ish grid
        blocks.append(_small_block(small))
        small = []
    _pack(blocks, xy)
    if side or small:
        packed = np.concatenate([members for members, _ in blocks])
        lo, hi = xy[packed].min(axis=0), xy[packed].max(axis=0)
        height = max(float(hi[1] - lo[1]), _SPACING)
        if small:
            side.append(_small_block(small, rows=int(height // _SPACING) + 1))
        _stack(side, xy, left=float(hi[0]) + _GAP, top=float(hi[1]), height=height)
    return xy - (xy.min(axis=0) + xy.max(axis=0)) / 2


def _small_block(small: list[np.ndarray], rows: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Pairs side by side, then isolates, on a grid: square-ish, or at most `rows` high."""
    members = np.concatenate(small)
    slots = sum(len(c) for c in small)
    if rows is None:
        cols = max(2, int(np.ceil(np.sqrt(slots))))
    else:
        cols = max(1, int(np.ceil(slots / max(rows, 1))))
    if cols % 2 and any(len(c) == 2 for c in small):
        cols += 1  # pairs never wrap
    positions = np.arange(slots)
    pos = np.column_stack([positions % cols, -(positions // cols)]).astype(float) * _SPACING
    return members, pos - pos.mean(axis=0)


def _stack(
    blocks: list[tuple[np.ndarray, np.ndarray]],
    xy: np.ndarray,
    *,
    left: float,
    top: float,
    height: float,
) -> None:
    """Blocks top to bottom in columns no higher than `height`, the first column's left
    edge at `left`, tops at `top`."""
    x0, y0, column_width = left, top, 0.0
    for members, pos in blocks:
        size = pos.max(axis=0) - pos.min(axis=0)
        if y0 < top and y0 - size[1] < top - height:  # full: the next column
            x0, y0, column_width = x0 + column_width + _GAP, top, 0.0
        xy[members] = pos - np.array([pos[:, 0].min(), pos[:, 1].max()]) + np.array([x0, y0])
        y0 -= float(size[1]) + _GAP
        column_width = max(column_width, float(size[0]))


def _pack(blocks: list[tuple[np.ndarray, np.ndarray]], xy: np.ndarray) -> None:
    """Shelf packing: blocks left to right in rows of about the total width."""
    sizes = [(p.max(axis=0) - p.min(axis=0)) + _GAP for _, p in blocks]
    area = sum(float(s[0] * s[1]) for s in sizes)
    width = max(max(float(s[0]) for s in sizes), 1.3 * np.sqrt(area))
    x0 = y0 = row_height = 0.0
    for (members, pos), size in zip(blocks, sizes, strict=True):
        if x0 > 0 and x0 + size[0] > width:
            x0, y0, row_height = 0.0, y0 - row_height, 0.0
        corner = np.array([x0, y0 - size[1]]) + _GAP / 2
        xy[members] = pos - pos.min(axis=0) + corner
        x0 += float(size[0])
        row_height = max(row_height, float(size[1]))


def _match_fixed(nodes: list[Hashable], fixed: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Rows of `fixed` (see :func:`as_layout`) for `nodes`, matched by id, else by
    ``str(id)``: mask and positions."""
    coords = fixed[["x", "y"]]
    if coords.index.has_duplicates:
        dup = coords.index[coords.index.duplicated()].unique()[:5].tolist()
        raise ParameterError(f"fixed layout lists some actors twice: {dup}.")
    exact = {k: i for i, k in enumerate(coords.index)}
    by_str = {str(k): i for i, k in enumerate(coords.index)}
    rows = np.array(
        [exact.get(v, by_str.get(str(v), -1)) if _hashable(v) else -1 for v in nodes],
        dtype=np.int64,
    )
    known = rows >= 0
    pos = np.zeros((len(nodes), 2))
    pos[known] = coords.to_numpy()[rows[known]]
    bad = known & ~np.isfinite(pos).all(axis=1)
    if bad.any():
        first = [nodes[i] for i in np.flatnonzero(bad)[:5]]
        raise ParameterError(f"fixed layout has missing or infinite x/y for {first}.")
    return known, pos


def _hashable(value: object) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _extend(
    n: int,
    a: np.ndarray,
    b: np.ndarray,
    w: np.ndarray | None,
    known: np.ndarray,
    pos: np.ndarray,
    rng: np.random.Generator,
    iterations: int | None,
    relax: bool,
) -> np.ndarray:
    """Keep known positions; place new actors next to placed partners; relax them."""
    xy = pos.copy()
    placed = known.copy()
    if placed.all():
        return xy
    if not placed.any():
        return _fresh(n, a, b, w, rng, iterations)
    both_a, both_b = np.concatenate([a, b]), np.concatenate([b, a])
    while True:  # rounds: actors next to placed ones take their partners' mean position
        sel = placed[both_a] & ~placed[both_b]
        if not sel.any():
            break
        targets, sources = both_b[sel], both_a[sel]
        count = np.bincount(targets, minlength=n)
        sx = np.bincount(targets, weights=xy[sources, 0], minlength=n)
        sy = np.bincount(targets, weights=xy[sources, 1], minlength=n)
        new = np.flatnonzero(count)
        jitter = rng.normal(0.0, _JITTER, size=(len(new), 2))
        xy[new] = np.column_stack([sx[new], sy[new]]) / count[new, None] + jitter
        placed[new] = True
    rest = np.flatnonzero(~placed)
    if len(rest):  # not connected to any placed actor: their own block beside the map
        local = np.full(n, -1, dtype=np.int64)
        local[rest] = np.arange(len(rest))
        inside = (local[a] >= 0) & (local[b] >= 0)
        sub = _fresh(
            len(rest),
            local[a[inside]],
            local[b[inside]],
            None if w is None else w[inside],
            rng,
            iterations,
        )
        right = xy[placed, 0].max() + _GAP - sub[:, 0].min()
        middle = (xy[placed, 1].min() + xy[placed, 1].max()) / 2
        xy[rest] = sub + np.array([right, middle])
    if relax:  # on the new actors and their partners (pinned), not the whole map; the
        # block beside the map has its own layout already
        moved = placed & ~known
        touched = moved.copy()
        touched[a[moved[b]]] = True
        touched[b[moved[a]]] = True
        sub = np.flatnonzero(touched)
        local = np.full(n, -1, dtype=np.int64)
        local[sub] = np.arange(len(sub))
        inside = touched[a] & touched[b]
        temp = max(0.5, 0.1 * np.sqrt(int(moved.sum())))
        niter = 100 if iterations is None else int(iterations)
        xy[sub] = _fr(
            len(sub),
            local[a[inside]],
            local[b[inside]],
            xy[sub],
            weights=None if w is None else w[inside],
            iterations=niter,
            pinned=known[sub],
            start_temp=temp,
        )
    return xy


def compute_layout(
    G: nx.Graph,
    *,
    seed: None | int | np.random.Generator = 0,
    fixed: pd.DataFrame | str | os.PathLike[str] | None = None,
    weight: str | None = None,
    iterations: int | None = None,
    relax: bool = True,
) -> pd.DataFrame:
    """Positions of every actor for a map, deterministic for a seed.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The network (direction is ignored for placement). Not modified.
    seed : None, int, numpy.random.Generator or numpy.random.RandomState, default=0
        Random source for the starting positions and the offsets of new
        actors; the same seed gives identical positions.
    fixed : pandas.DataFrame, dict or path, optional
        An earlier layout (columns ``x``, ``y`` indexed by actor, as returned
        by this function or :func:`read_layout`), a networkx ``pos``
        dictionary, or a layout file (CSV or GEXF; see :func:`as_layout`).
        Positions are used as given (a layout from Gephi keeps its scale).
        Actors found there keep their positions exactly (ids are matched as
        given, else by their text, so ids read back from a CSV file match
        integer ids); the others are placed next to their placed partners and
        relaxed (see `relax`). Actors of `fixed` that are not in `G` are
        ignored.
    weight : str, optional
        Edge attribute to use as attraction weights (stronger ties pull their
        ends closer); by default every tie pulls equally, which usually reads
        best.
    iterations : int, optional
        Force-directed iterations. Default: 500 for components up to 1,000
        actors, fewer above (at least 150; 223 for 5,000 actors), and 100
        for relaxing new actors next to a `fixed` layout.
    relax : bool, default=True
        With `fixed`: run a short force-directed pass that moves only the new
        actors (so they do not sit on top of each other).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``actor`` (canonical order), float columns ``x`` and ``y``
        (``y`` points up; one unit is about one tie length).

    Raises
    ------
    GraphTypeError
        If `G` is not a networkx graph or is a multigraph.
    ParameterError
        For an invalid `seed` or `iterations`, a `fixed` table without ``x``
        and ``y``, with duplicate actors or non-finite positions, or a missing
        or non-numeric `weight`.

    Notes
    -----
    igraph's Fruchterman-Reingold implementation draws random numbers from a
    process-wide generator; it is replaced by a seeded private one during the
    call and restored afterwards (do not lay out graphs from several threads
    at once). About 0.2 s for 1,000 actors and 5,000 ties, 1 s for 5,000 actors
    and 25,000 ties (one core). New
    actors next to a `fixed` layout are relaxed together with their partners
    (pinned); other placed actors do not push them.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.path_graph(["a", "b", "c"])
    >>> layout = compute_layout(G, seed=0)
    >>> layout.index.tolist(), layout.equals(compute_layout(G, seed=0))
    (['a', 'b', 'c'], True)
    >>> G.add_edge("c", "d")
    >>> wave2 = compute_layout(G, fixed=layout, seed=0)
    >>> wave2.loc[["a", "b", "c"]].equals(layout)
    True
    """
    G = check_graph(G)
    if iterations is not None and (
        isinstance(iterations, bool) or not isinstance(iterations, int) or iterations < 1
    ):
        raise ParameterError(f"iterations must be a positive int or None; got {iterations!r}.")
    rng = check_seed(seed)
    nodes = sorted_nodes(G)
    n = len(nodes)
    a, b = _undirected_pairs(G, nodes)
    w = None
    if weight is not None:
        w = _pair_weights(G, nodes, a, b, weight)
    with _igraph_seeded(rng):
        if fixed is None:
            xy = _fresh(n, a, b, w, rng, iterations)
        else:
            known, pos = _match_fixed(nodes, as_layout(fixed))
            xy = _extend(n, a, b, w, known, pos, rng, iterations, relax)
    return pd.DataFrame(
        {"x": xy[:, 0] if n else [], "y": xy[:, 1] if n else []},
        index=pd.Index(nodes, name="actor", dtype=object, tupleize_cols=False),
        dtype=float,
    )


def _pair_weights(
    G: nx.Graph, nodes: list[Hashable], a: np.ndarray, b: np.ndarray, weight: str
) -> np.ndarray:
    """Weight of each undirected pair: the larger of its arcs' weights (must be > 0)."""
    src, dst, w = edge_arrays(G, nodes, weight)
    lo, hi = np.minimum(src, dst), np.maximum(src, dst)
    keep = lo != hi
    frame = pd.DataFrame({"a": lo[keep], "b": hi[keep], "w": w[keep]})
    best = frame.groupby(["a", "b"])["w"].max()
    out = best.reindex(pd.MultiIndex.from_arrays([a, b])).to_numpy(dtype=float)
    if (out <= 0).any():
        raise ParameterError(f"edge attribute {weight!r} must be > 0 to weight the layout.")
    return out


def as_layout(layout: object) -> pd.DataFrame:
    """Any layout sysmap takes, as a table: ``x``, ``y`` (floats) indexed by actor.

    Parameters
    ----------
    layout : pandas.DataFrame, dict or path
        A table with columns ``x`` and ``y`` indexed by actor (other columns
        are dropped); a networkx ``pos`` dictionary ``{node: (x, y)}`` (from
        :func:`networkx.spring_layout`, ...); or a file :func:`read_layout`
        reads (``.gexf``: Gephi's node positions; any other: CSV).

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    ParameterError
        For another kind of object, a table without ``x`` and ``y``, or a
        position that is not a pair of numbers.
    InputError
        For a file that cannot be read as a layout.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.path_graph(3)
    >>> as_layout(nx.circular_layout(G)).round(2)
             x     y
    actor
    0      1.0  0.00
    1     -0.5  0.87
    2     -0.5 -0.87
    """
    if isinstance(layout, (str, os.PathLike)):
        return read_layout(layout)
    table = layout_table(layout)  # type: ignore[arg-type]
    try:
        coords = table[["x", "y"]].astype(float)
    except (TypeError, ValueError) as exc:
        raise ParameterError(f"layout: x and y must be numbers ({exc}).") from None
    coords.index = pd.Index(table.index, name="actor", dtype=object, tupleize_cols=False)
    return coords


def save_layout(layout: pd.DataFrame | dict, path: str | os.PathLike[str]) -> Path:
    """Write a layout as CSV (columns ``actor, x, y``, UTF-8) or, for ``.gexf``, as GEXF.

    Parameters
    ----------
    layout : pandas.DataFrame or dict
        Columns ``x``, ``y`` indexed by actor, or a networkx ``pos``
        dictionary (see :func:`as_layout`).
    path : path
        The file to write (overwritten). A ``.gexf`` file holds the actors
        with their positions (no ties; Gephi opens it, and
        :func:`read_layout` reads it back); any other name gets CSV.

    Returns
    -------
    pathlib.Path
        The file written.

    Notes
    -----
    CSV: text ids that a spreadsheet would read as a formula are written
    with a leading apostrophe (as :func:`sysmap.export.write_csv` does);
    :func:`read_layout` removes it again. Positions keep full precision in
    both formats. For a map with its colours, sizes and ties in Gephi, use
    ``sysmap.write_gexf(G, path, layout=m)``
    (:func:`~sysmap.io.gexf.write_gexf`).

    Examples
    --------
    >>> import networkx as nx, tempfile, os
    >>> layout = compute_layout(nx.path_graph(3), seed=1)
    >>> path = os.path.join(tempfile.mkdtemp(), "layout.csv")
    >>> _ = save_layout(layout, path)
    >>> read_layout(path).to_numpy().tolist() == layout.to_numpy().tolist()
    True
    """
    frame = as_layout(layout)
    if Path(path).suffix.lower() == ".gexf":
        G = nx.Graph()
        G.add_nodes_from(frame.index)
        return write_gexf(G, path, layout=frame)
    frame.index = pd.Index([str(v) for v in frame.index], name="actor", dtype=object)
    return write_csv(frame, path)


def read_layout(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a layout: a CSV file with ``actor, x, y`` (as :func:`save_layout`
    writes it) or a GEXF file (Gephi's node positions).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``actor``, float columns ``x`` and ``y``. CSV ids are text
        (:func:`compute_layout` matches them to integer ids too); GEXF ids are
        typed as :func:`~sysmap.io.gexf.read_gexf` types them, and nodes
        without a position are left out. Gephi's ``y`` points up, as
        sysmap's does.

    Raises
    ------
    InputError
        If the file lacks the columns, holds non-numeric positions, or is a
        GEXF file without node positions.

    Examples
    --------
    >>> import networkx as nx, tempfile, os
    >>> pos = nx.circular_layout(nx.path_graph(3))
    >>> path = save_layout(pos, os.path.join(tempfile.mkdtemp(), "layout.gexf"))
    >>> read_layout(path).to_numpy().tolist() == as_layout(pos).to_numpy().tolist()
    True
    """
    if Path(path).suffix.lower() == ".gexf":
        viz = read_gexf_viz(path)
        if not {"viz_x", "viz_y"} <= set(viz.columns):
            raise InputError(f"layout file {os.fspath(path)!r} has no node positions.")
        viz = viz.dropna(subset=["viz_x", "viz_y"])
        return viz[["viz_x", "viz_y"]].set_axis(["x", "y"], axis=1).astype(float)
    frame = pd.read_csv(
        path,
        dtype={"actor": str},
        encoding="utf-8-sig",
        keep_default_na=False,
    )
    missing = {"actor", "x", "y"} - set(frame.columns)
    if missing:
        msg = (
            f"layout file {os.fspath(path)!r} lacks column(s) {sorted(missing)}; "
            f"found {list(frame.columns)}."
        )
        raise InputError(msg)
    try:
        coords = frame[["x", "y"]].apply(pd.to_numeric).astype(float)
    except (TypeError, ValueError) as exc:
        msg = f"layout file {os.fspath(path)!r}: x and y must be numbers ({exc})."
        raise InputError(msg) from None
    ids = [restore_formula_text(v) for v in frame["actor"]]
    coords.index = pd.Index(ids, name="actor", dtype=object)
    return coords
