"""The WebGL renderer: the same map drawn by sigma.js for networks too large for vis-network.

vis-network draws every actor and tie on a 2D canvas; with physics off it
stays responsive up to about 2,000-3,000 actors (10,000-15,000 ties): above
that one frame (a hover, a click, a zoom step) takes more than 0.1 s, and
tens of thousands of actors take seconds per frame. sigma.js draws with WebGL
instead: a 50,000-actor, 250,000-tie map opens in about 10 s even where the
browser renders WebGL in software (no graphics card; headless), and pans and
zooms smoothly (above 50,000 ties the ties are hidden while the map moves).
:func:`choose_renderer` picks the renderer for a map
(``network_map(renderer="auto"|"vis"|"webgl")``).

Both pages read the same data block (:func:`sysmap.maps.html.payload`) and
share the script that builds the legend, filters, overlays, search, tooltips
and details (``assets/common.js``); the WebGL page has no "relax layout"
button (no physics) and no node dragging.
The libraries are vendored in ``assets/vendor`` exactly as published on the
npm registry (sigma 3.0.3 and graphology 0.26.0, both MIT-licensed; see the
README there) and inlined with their licence texts, under the same
Content-Security-Policy as the vis page: nothing is fetched.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from ..exceptions import ParameterError
from .page import app_scripts, inline_script

__all__ = [
    "GRAPHOLOGY_VERSION",
    "RENDERERS",
    "SIGMA_VERSION",
    "WEBGL_ACTORS",
    "WEBGL_LIBRARIES",
    "WEBGL_LICENSE",
    "WEBGL_TIES",
    "choose_renderer",
    "webgl_scripts",
]

#: The sigma.js release inlined into WebGL pages (``assets/vendor/sigma.min.js``).
SIGMA_VERSION = "3.0.3"
#: The graphology release inlined with it (``assets/vendor/graphology.umd.min.js``).
GRAPHOLOGY_VERSION = "0.26.0"
#: Licence of both libraries.
WEBGL_LICENSE = "MIT"
#: The libraries as named in the page's ``generator`` meta tag.
WEBGL_LIBRARIES = f"sigma.js {SIGMA_VERSION}, graphology {GRAPHOLOGY_VERSION}, {WEBGL_LICENSE}"
#: ``renderer="auto"`` draws with WebGL above this many actors ...
WEBGL_ACTORS = 3000
#: ... or above this many ties (vis-network's frame time passes 0.1 s near both).
WEBGL_TIES = 15000
#: Values of ``network_map(renderer=...)``.
RENDERERS = ("auto", "vis", "webgl")

_VENDOR = (
    ("graphology.umd.min.js", "LICENSE-graphology.txt", f"graphology {GRAPHOLOGY_VERSION}"),
    ("sigma.min.js", "LICENSE-sigma.txt", f"sigma.js {SIGMA_VERSION}"),
)


def choose_renderer(renderer: str, actors: int, ties: int) -> str:
    """The renderer that draws a map of `actors` actors and `ties` ties.

    Parameters
    ----------
    renderer : {"auto", "vis", "webgl"}
        ``"vis"`` and ``"webgl"`` are taken as given; ``"auto"`` picks
        ``"webgl"`` above :data:`WEBGL_ACTORS` actors or :data:`WEBGL_TIES`
        ties, else ``"vis"``.
    actors, ties : int
        Size of the drawn network (the clusters of an aggregated map).

    Returns
    -------
    str
        ``"vis"`` or ``"webgl"``.

    Raises
    ------
    ParameterError
        For another `renderer`.

    References
    ----------
    The thresholds come from ``benchmarks/bench_maps.py --frames`` (see the
    "Speed" section of docs/maps.md).

    Examples
    --------
    >>> choose_renderer("auto", 500, 2_000), choose_renderer("auto", 50_000, 250_000)
    ('vis', 'webgl')
    >>> choose_renderer("webgl", 10, 12)
    'webgl'
    """
    if renderer not in RENDERERS:
        raise ParameterError(f"renderer must be one of {list(RENDERERS)}; got {renderer!r}.")
    if renderer != "auto":
        return renderer
    return "webgl" if actors > WEBGL_ACTORS or ties > WEBGL_TIES else "vis"


@cache
def webgl_scripts() -> tuple[str, ...]:
    """The page's scripts, ready to inline: graphology, sigma.js (each behind a
    comment with its licence), then sysmap's ``common.js`` and ``map_webgl.js``."""
    vendor = resources.files("sysmap.maps") / "assets" / "vendor"
    scripts = []
    for script, licence, name in _VENDOR:
        notice = (vendor / licence).read_text(encoding="utf-8").strip().replace("*/", "* /")
        code = (vendor / script).read_text(encoding="utf-8")
        scripts.append(inline_script(f"/*! {name} (MIT License)\n\n{notice}\n*/\n{code}"))
    return (*scripts, *app_scripts("map_webgl.js"))
