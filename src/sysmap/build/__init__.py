"""Build networkx graphs from tidy network data."""

from .network import *  # noqa: F403
from .network import __all__ as _network_all
from .projection import *  # noqa: F403
from .projection import __all__ as _projection_all

__all__ = [*_network_all, *_projection_all]
