"""sysmap: stakeholder-network and system-mapping analysis for collective-impact initiatives."""

from __future__ import annotations

from . import exceptions
from .exceptions import *  # noqa: F403

__version__ = "0.1.0.dev0"

__all__ = sorted([*exceptions.__all__, "exceptions", "__version__"])
