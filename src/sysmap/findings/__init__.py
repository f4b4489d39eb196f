"""Coordination-gap findings: plain-language statements with evidence, for backbone organizations.

:func:`find_gaps` runs every rule of :data:`RULES` on a network (sector gaps,
single points of failure, key players, over-reliance on one hub, isolated and
peripheral partners, non-respondents, one-sided ties, weak bridges, low trust
and value, clusters and brokers, plan versus reality, recommended
introductions, data quality), checks whether each finding's conclusion holds
under the other tie rules and without the non-respondents
(:mod:`~sysmap.findings.robustness`), and returns them ranked as
:class:`Findings`. The findings have no language: statements and actions are
messages of the English and German catalogues, rendered for a reader by
:meth:`Findings.in_language`.
"""

from .catalogue import *
from .catalogue import __all__ as _catalogue
from .engine import *
from .engine import __all__ as _engine
from .model import *
from .model import __all__ as _model
from .plan import *
from .plan import __all__ as _plan
from .rules import *
from .rules import __all__ as _rules
from .thresholds import *
from .thresholds import __all__ as _thresholds

__all__ = sorted(set([*_catalogue, *_engine, *_model, *_plan, *_rules, *_thresholds]))
