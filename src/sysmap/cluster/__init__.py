"""Clusters of actors: modularity communities, consensus, profiles, roles, blockmodels.

Every function takes a networkx graph and returns a pandas Series of labels
(indexed by ``actor``, canonical label order), a DataFrame, or a small dataclass.
"""

from .communities import *
from .communities import __all__ as _communities
from .profiles import *
from .profiles import __all__ as _profiles
# TEMP from .roles import *
# TEMP from .roles import __all__ as _roles
# TEMP from .blockmodel import *
# TEMP from .blockmodel import __all__ as _blockmodel
# TEMP from .core_periphery import *
# TEMP from .core_periphery import __all__ as _core_periphery

__all__ = sorted(
    [
        *_communities,
        *_profiles,
        # TEMP *_roles,
        # TEMP *_blockmodel,
        # TEMP *_core_periphery,
    ]
)
