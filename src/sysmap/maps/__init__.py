"""Interactive network maps that work everywhere: offline, fast, safe, reproducible.

:func:`network_map` turns a network into a :class:`NetworkMap`: one
self-contained HTML page (vis-network inlined; nothing fetched, nothing else
written), shown inline in notebooks, with a static PNG/SVG/PDF twin. Layouts
are computed in Python (:func:`compute_layout`), deterministic for a seed, and
reusable across survey waves (:func:`save_layout`, :func:`read_layout`).
:func:`wave_maps` draws several waves with one layout side by side,
:func:`difference_map` shows what changed between two waves, and
:func:`trend_chart` plots network metrics across waves.
"""

from .aggregate import *
from .aggregate import __all__ as _aggregate
from .core import *
from .core import __all__ as _core
from .layout import *
from .layout import __all__ as _layout
from .overlays import *
from .overlays import __all__ as _overlays
from .palette import *
from .palette import __all__ as _palette
from .waves import *
from .waves import __all__ as _waves

__all__ = sorted([*_aggregate, *_core, *_layout, *_overlays, *_palette, *_waves])
