"""Comparing waves: what changed between survey waves, and is it real?

- :class:`Panel` aligns two or more waves on persistent actor ids and an
  alias table (renames and mergers declared, never guessed);
  :func:`suggest_aliases` drafts alias rows for review.
- :func:`tie_churn`, :func:`churn_summary`, :func:`churn_by_group`: ties kept,
  formed, dissolved, strengthened, weakened.
- :func:`wave_metrics`, :func:`actor_changes`, :func:`role_transitions`,
  :func:`cut_point_changes`, :func:`cluster_evolution`: what changed.
- :func:`qap_correlation`, :func:`density_change`, :func:`ei_change`: is it real?
- :func:`compare_waves`: all of it, with plain-language statements (en, de).
"""

from .aliases import *
from .aliases import __all__ as _aliases
from .changes import *
from .changes import __all__ as _changes
from .churn import *
from .churn import __all__ as _churn
from .clusters import *
from .clusters import __all__ as _clusters
from .comparison import *
from .comparison import __all__ as _comparison
from .panel import *
from .panel import __all__ as _panel
from .qap import *
from .qap import __all__ as _qap
from .resampling import *
from .resampling import __all__ as _resampling
from .statements import *
from .statements import __all__ as _statements
from .stats import *
from .stats import __all__ as _stats

__all__ = sorted(
    [
        *_aliases,
        *_changes,
        *_churn,
        *_clusters,
        *_comparison,
        *_panel,
        *_statements,
        *_stats,
        *_qap,
        *_resampling,
    ]
)
