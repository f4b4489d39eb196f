"""How a map looks: node sizes, tie widths, colours and the pixel scale.

Every picture of a map (the vis-network page, the WebGL page, the static
figure, the wave panels) takes these numbers from the map model, so they are
decided once, here: circle radii in pixels with the area proportional to the
value, tie widths in pixels proportional to the value, categorical colours
from :mod:`sysmap.maps.palette` (or viridis for numbers with many values),
and the pixels per layout unit that keep neighbouring circles apart.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..exceptions import ParameterError
from ..i18n import message
from ._values import is_number, jsonable, numeric
from .fields import display_value
from .palette import MISSING_COLOR, VIRIDIS, category_colors, is_missing, sequential_colors

__all__ = [
    "COLOR_SCALES",
    "DEFAULT_COLOR",
    "MAX_NUMERIC_CATEGORIES",
    "NEIGHBOUR_PIXELS",
    "RADIUS",
    "RADIUS_PLAIN",
    "SHADES",
    "WIDTH",
    "WIDTH_PLAIN",
    "coloring",
    "panel_columns",
    "pixel_scale",
    "radii",
    "widths",
]

#: Node colour when nothing colours the map (Okabe-Ito sky blue).
DEFAULT_COLOR = "#56B4E9"
#: Node radius range in pixels (area proportional to the size value).
RADIUS = (8.0, 32.0)
#: Radius when all actors have the same size.
RADIUS_PLAIN = 12.0
#: Tie width range in pixels.
WIDTH = (1.0, 5.0)
#: Tie width when all ties are drawn alike.
WIDTH_PLAIN = 1.5
#: Median distance from an actor to its nearest neighbour on screen, in pixels, at zoom 1.
NEIGHBOUR_PIXELS = 40.0
#: Shades of the continuous colour scale.
SHADES = 32
#: Categorical colouring for numbers with at most this many distinct values.
MAX_NUMERIC_CATEGORIES = 12
#: Values of ``network_map(color_scale=...)``.
COLOR_SCALES = ("auto", "categorical", "continuous")


def _range(values: np.ndarray, lo: float | None, hi: float | None) -> tuple[float, float] | None:
    """`lo` and `hi`, else the finite values' minimum and maximum (None if there are none)."""
    if lo is not None and hi is not None:
        return lo, hi
    finite = values[np.isfinite(values)]
    if not len(finite):
        return None
    return float(finite.min()), float(finite.max())


def radii(values: np.ndarray, lo: float | None = None, hi: float | None = None) -> np.ndarray:
    """Circle radius in pixels for each size value: the area grows with the value.

    The value range [`lo`, `hi`] (default: that of `values`; wave maps give
    one range for all waves) maps onto :data:`RADIUS` by the square root of
    the position in the range. Missing values get the smallest radius; all
    values equal, the middle one; no values at all, :data:`RADIUS_PLAIN`.

    Examples
    --------
    >>> radii(np.array([0.0, 1.0, 4.0, np.nan])).tolist()
    [8.0, 20.0, 32.0, 8.0]
    """
    bounds = _range(values, lo, hi)
    if bounds is None:
        return np.full(len(values), RADIUS_PLAIN)
    lo, hi = bounds
    finite = np.isfinite(values)
    if hi <= lo:
        return np.where(finite, (RADIUS[0] + RADIUS[1]) / 2, RADIUS[0])
    t = np.sqrt(np.clip((np.nan_to_num(values, nan=lo) - lo) / (hi - lo), 0, 1))
    return np.where(finite, RADIUS[0] + (RADIUS[1] - RADIUS[0]) * t, RADIUS[0])


def widths(values: np.ndarray, lo: float | None = None, hi: float | None = None) -> np.ndarray:
    """Tie width in pixels for each value, linear on [`lo`, `hi`] onto :data:`WIDTH`.

    Missing values get the thinnest width; with no range (all values equal,
    or none) every tie is :data:`WIDTH_PLAIN` wide.

    Examples
    --------
    >>> widths(np.array([1.0, 2.0, 3.0])).tolist()
    [1.0, 3.0, 5.0]
    """
    bounds = _range(values, lo, hi)
    if bounds is None or bounds[1] <= bounds[0]:
        return np.full(len(values), WIDTH_PLAIN)
    lo, hi = bounds
    t = np.clip((np.nan_to_num(values, nan=lo) - lo) / (hi - lo), 0, 1)
    return WIDTH[0] + (WIDTH[1] - WIDTH[0]) * t


def pixel_scale(xy: np.ndarray) -> float:
    """Pixels per layout unit: the median distance to the nearest other actor is
    :data:`NEIGHBOUR_PIXELS` (so circles rarely overlap at zoom 1).

    Examples
    --------
    >>> pixel_scale(np.array([[0.0, 0.0], [2.0, 0.0]]))
    20.0
    """
    if len(xy) >= 2:
        from scipy.spatial import cKDTree

        dist, _ = cKDTree(xy).query(xy, k=2)
        near = dist[:, 1]
        near = near[np.isfinite(near) & (near > 1e-9)]
        if len(near):
            return NEIGHBOUR_PIXELS / float(np.median(near))
    return NEIGHBOUR_PIXELS


def coloring(
    values: pd.Series,
    title: str,
    field: str | None,
    *,
    scale: str,
    palette: Mapping | None,
    lang: str,
) -> tuple[list[str], dict, dict, dict | None]:
    """Node colours for `values`: the colours, the palette used, the colour legend
    and the colour filter group (None on a continuous scale).

    Categories (text, and numbers with at most :data:`MAX_NUMERIC_CATEGORIES`
    values unless `scale` is ``"continuous"``) take
    :func:`~sysmap.maps.palette.category_colors` (stable; `palette` pins
    colours); other numbers take viridis in :data:`SHADES` shades. Missing
    values are :data:`~sysmap.maps.palette.MISSING_COLOR`.

    Raises
    ------
    ParameterError
        For ``scale="continuous"`` with text values, or unhashable categories.
    """
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
        {"label": str(display_value(field or "", c, lang)), "color": mapping[c], "count": int(k)}
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
    group = {"title": title, "codes": codes, "items": items, "colors": True}
    return colors, dict(mapping), legend, group


def panel_columns(k: int) -> int:
    """Panels per row for `k` waves (page and figure): all in one row up to 3, 2 for
    4, else 3."""
    return k if k <= 3 else (2 if k == 4 else 3)
