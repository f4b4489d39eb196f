"""Network measures: centrality, fragmentation, brokerage, structural holes, weak ties, groups.

Every function takes a networkx graph and returns a tidy pandas DataFrame
indexed by ``actor`` (or with ``source``, ``target`` columns per tie), or a
number / small dataclass for network-level measures. Key players and group
centrality score sets of actors (:mod:`sysmap.metrics.key_players`).
"""

from .brokerage import *
from .brokerage import __all__ as _brokerage
from .centrality import *
from .centrality import __all__ as _centrality
from .fragmentation import *
from .fragmentation import __all__ as _fragmentation
from .group_splits import *
from .group_splits import __all__ as _group_splits
from .groups import *
from .groups import __all__ as _groups
from .key_players import *
from .key_players import __all__ as _key_players
from .network import *
from .network import __all__ as _network
from .structural_holes import *
from .structural_holes import __all__ as _structural_holes
from .weak_ties import *
from .weak_ties import __all__ as _weak_ties

__all__ = sorted(
    [
        *_brokerage,
        *_centrality,
        *_fragmentation,
        *_group_splits,
        *_groups,
        *_key_players,
        *_network,
        *_structural_holes,
        *_weak_ties,
    ]
)
