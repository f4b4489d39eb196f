"""Colours for maps: a colour-blind-safe categorical palette that stays put across maps.

Categories are coloured by the Okabe-Ito palette [1]_ (seven colours; its
black is kept for outlines), continued by Paul Tol's *muted* and *light*
schemes [2]_, all designed to stay distinguishable with the common forms of
colour blindness. Colours are assigned in the **sorted order of the category
values**, so the same set of categories always gets the same colours, in the
interactive map, the static figure and every other map of the same data. An
explicit ``palette={category: colour}`` (for example the :attr:`palette` of an
earlier map) pins colours; the other categories take the first unused
palette colours, again in sorted order. Missing values are grey, and so are
the explicit groups of missing values ("not on the member list" dark, "unknown"
light grey), which come last.

Numeric attributes with many distinct values (a trust score, a metric) are
coloured on the perceptually uniform, colour-blind-safe *viridis* scale [3]_.

References
----------
.. [1] Okabe, Masataka, and Kei Ito. "Color Universal Design (CUD): How to Make
   Figures and Presentations That Are Friendly to Colorblind People." J*FLY,
   2008. https://jfly.uni-koeln.de/color/
.. [2] Tol, Paul. "Colour Schemes." SRON Technical Note SRON/EPS/TN/09-002,
   issue 3.2, 2021. https://personal.sron.nl/~pault/data/colourschemes.pdf
.. [3] van der Walt, Stéfan, and Nathaniel Smith. "mpl colormaps" (viridis),
   2015. https://bids.github.io/colormap/
"""

from __future__ import annotations

import math
import re
from collections.abc import Hashable, Iterable, Mapping

import numpy as np

from .._attributes import NOT_ON_MEMBER_LIST, UNKNOWN, group_order, is_missing
from ..exceptions import ParameterError

__all__ = [
    "CATEGORICAL",
    "MISSING_COLOR",
    "MISSING_GROUP_COLORS",
    "OKABE_ITO",
    "TOL_LIGHT",
    "TOL_MUTED",
    "VIRIDIS",
    "category_colors",
    "check_color",
    "is_missing",
    "sequential_colors",
]

#: Okabe-Ito's colour-universal-design palette without black (orange, sky blue,
#: bluish green, yellow, blue, vermilion, reddish purple).
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")
#: Paul Tol's muted scheme (rose, indigo, sand, green, cyan, wine, teal, olive, purple).
TOL_MUTED = (
    "#CC6677",
    "#332288",
    "#DDCC77",
    "#117733",
    "#88CCEE",
    "#882255",
    "#44AA99",
    "#999933",
    "#AA4499",
)
#: Paul Tol's light scheme (light blue, orange, yellow, pink, light cyan, mint,
#: pear, olive; its pale grey is left out, it is too close to missing).
TOL_LIGHT = ("#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33", "#AAAA00")
#: The categorical palette: Okabe-Ito first, then Tol's muted and light schemes
#: (24 colours); beyond that colours repeat (the legend still tells them apart).
CATEGORICAL = OKABE_ITO + TOL_MUTED + TOL_LIGHT
#: Colour of actors whose value is missing (Tol's grey).
MISSING_COLOR = "#BBBBBB"
#: Colours of the explicit groups of missing values (see
#: :func:`~sysmap.metrics.groups.group_labels`): greys, so that they do not read as sectors.
MISSING_GROUP_COLORS = {NOT_ON_MEMBER_LIST: "#808080", UNKNOWN: MISSING_COLOR}
#: Nine anchor colours of viridis (matplotlib's values at 0, 1/8, ..., 1).
VIRIDIS = (
    "#440154",
    "#472D7B",
    "#3B528B",
    "#2C728E",
    "#21918C",
    "#28AE80",
    "#5EC962",
    "#ADDC30",
    "#FDE725",
)

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{6})$")


def check_color(color: object, *, name: str = "colour") -> str:
    """Return `color` as ``#RRGGBB`` (upper case) or raise :class:`ParameterError`.

    Only hex colours are accepted: they go into the page's data, into CSS and
    into matplotlib, and must mean the same everywhere.

    Examples
    --------
    >>> check_color("#0072b2")
    '#0072B2'
    """
    if not isinstance(color, str) or not _HEX.match(color):
        msg = f"{name} must be a hex colour such as '#0072B2'; got {color!r}."
        raise ParameterError(msg)
    return color.upper()


def category_colors(
    values: Iterable[Hashable], *, palette: Mapping[Hashable, str] | None = None
) -> dict[Hashable, str]:
    """Colour of every category among `values`, stable across maps.

    Parameters
    ----------
    values : iterable of hashable
        Category values (duplicates and missing values are ignored).
    palette : mapping, optional
        Fixed colours ``{category: "#RRGGBB"}``. Listed categories keep their
        colour; the others get the first :data:`CATEGORICAL` colours not used by
        `palette`, in sorted order of the category values. The explicit groups
        of missing values come last, in :data:`MISSING_GROUP_COLORS` unless
        `palette` names them.

    Returns
    -------
    dict
        ``{category: "#RRGGBB"}`` in sorted category order (missing values
        excluded; they are drawn in :data:`MISSING_COLOR`).

    Raises
    ------
    ParameterError
        If a `palette` colour is not a hex colour.

    Examples
    --------
    >>> category_colors(["Schools", "City", "Schools"])
    {'City': '#E69F00', 'Schools': '#56B4E9'}
    >>> category_colors(["Schools", "City", "Health"], palette={"Schools": "#000000"})
    {'City': '#E69F00', 'Health': '#56B4E9', 'Schools': '#000000'}
    """
    fixed = {k: check_color(v, name=f"palette[{k!r}]") for k, v in (palette or {}).items()}
    fixed = {**MISSING_GROUP_COLORS, **fixed}
    categories = group_order({v for v in values if not is_missing(v)})
    used = set(fixed.values())
    free = iter([c for c in CATEGORICAL if c not in used] or list(CATEGORICAL))
    out: dict[Hashable, str] = {}
    spare = 0
    for category in categories:
        if category in fixed:
            out[category] = fixed[category]
            continue
        colour = next(free, None)
        if colour is None:  # more categories than colours: repeat in order
            colour = CATEGORICAL[spare % len(CATEGORICAL)]
            spare += 1
        out[category] = colour
    return out


def _hex_to_rgb(colors: Iterable[str]) -> np.ndarray:
    return np.array([[int(c[i : i + 2], 16) for i in (1, 3, 5)] for c in colors], dtype=float)


def sequential_colors(
    values: Iterable[float], *, vmin: float | None = None, vmax: float | None = None
) -> list[str]:
    """Viridis colour of every value (missing values: :data:`MISSING_COLOR`).

    Values are scaled linearly between `vmin` and `vmax` (default: their
    minimum and maximum) and interpolated between the :data:`VIRIDIS` anchors.

    Examples
    --------
    >>> sequential_colors([0.0, 0.5, 1.0, float("nan")])
    ['#440154', '#21918C', '#FDE725', '#BBBBBB']
    """
    x = np.array([np.nan if is_missing(v) else float(v) for v in values], dtype=float)
    finite = np.isfinite(x)
    if not finite.any():
        return [MISSING_COLOR] * len(x)
    lo = float(np.nanmin(x[finite])) if vmin is None else float(vmin)
    hi = float(np.nanmax(x[finite])) if vmax is None else float(vmax)
    span = hi - lo
    t = np.zeros_like(x) if span <= 0 or math.isnan(span) else (x - lo) / span
    t = np.clip(np.nan_to_num(t), 0.0, 1.0) * (len(VIRIDIS) - 1)
    anchors = _hex_to_rgb(VIRIDIS)
    low = np.minimum(np.floor(t).astype(int), len(VIRIDIS) - 2)
    frac = (t - low)[:, None]
    rgb = np.rint(anchors[low] * (1 - frac) + anchors[low + 1] * frac).astype(int)
    out = [f"#{r:02X}{g:02X}{b:02X}" for r, g, b in rgb]
    return [c if ok else MISSING_COLOR for c, ok in zip(out, finite, strict=True)]
