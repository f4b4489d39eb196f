"""Comparing waves: panels of surveys, tie churn, changes and tests of change."""

from .changes import *
from .changes import __all__ as _changes
from .churn import *
from .churn import __all__ as _churn
from .panel import *
from .panel import __all__ as _panel
from .stats import *
from .stats import __all__ as _stats

__all__ = sorted([*_changes, *_churn, *_panel, *_stats])
