"""Interactive network maps that work everywhere: offline, fast, safe, reproducible.

:func:`network_map` turns a network into a :class:`NetworkMap`: one
self-contained HTML page (vis-network inlined; nothing fetched, nothing else
written), shown inline in notebooks, with a static PNG/SVG/PDF twin. Layouts
are computed in Python (:func:`compute_layout`), deterministic for a seed, and
reusable across survey waves (:func:`save_layout`, :func:`read_layout`).
:func:`wave_maps` draws several waves with one layout side by side,
:func:`difference_map` shows what changed between two waves, and
:func:`trend_chart` plots network metrics across waves.

The modules, in the order a map is made:

* :mod:`~sysmap.maps.layout` (positions), :mod:`~sysmap.maps.labels` (names),
  :mod:`~sysmap.maps.style` and :mod:`~sysmap.maps.palette` (sizes, widths,
  colours), :mod:`~sysmap.maps.fields` (tooltips, filters),
  :mod:`~sysmap.maps.overlays` (coordination gaps) and
  :mod:`~sysmap.maps.aggregate` (clusters as nodes);
* :mod:`~sysmap.maps.builder` puts them together into the map model,
  :mod:`~sysmap.maps.model` (:class:`NetworkMap`, frozen);
* the renderers take the model: :mod:`~sysmap.maps.html` (the page, built from
  :mod:`~sysmap.maps.page`, drawn by :mod:`~sysmap.maps.vis` or
  :mod:`~sysmap.maps.webgl`) and :mod:`~sysmap.maps.static` (matplotlib);
* over time: :mod:`~sysmap.maps.wave_layout`, :mod:`~sysmap.maps.waves` (with
  its page, :mod:`~sysmap.maps.wave_html`), :mod:`~sysmap.maps.difference`
  and :mod:`~sysmap.maps.trends`.
"""

from .aggregate import *
from .aggregate import __all__ as _aggregate
from .builder import MAX_ACTORS, network_map
from .difference import *
from .difference import __all__ as _difference
from .layout import *
from .layout import __all__ as _layout
from .model import NetworkMap
from .overlays import *
from .overlays import __all__ as _overlays
from .palette import *
from .palette import __all__ as _palette
from .style import DEFAULT_COLOR
from .trends import *
from .trends import __all__ as _trends
from .wave_layout import *
from .wave_layout import __all__ as _wave_layout
from .waves import *
from .waves import __all__ as _waves

__all__ = ["DEFAULT_COLOR", "MAX_ACTORS", "NetworkMap", "network_map"]
__all__ += [*_aggregate, *_difference, *_layout, *_overlays, *_palette, *_trends]
__all__ += [*_wave_layout, *_waves]
__all__.sort()
