"""Clusters of actors: modularity communities, consensus, profiles, roles, blockmodels.

Every function takes a networkx graph and returns a pandas Series of labels
(indexed by ``actor``, canonical label order), a DataFrame, or a small dataclass.
"""

from .blockmodel import *
from .blockmodel import __all__ as _blockmodel
from .communities import *
from .communities import __all__ as _communities
from .coreperiphery import *
from .coreperiphery import __all__ as _coreperiphery
from .labels import *
from .labels import __all__ as _labels
from .measures import consensus  # noqa: F401 - registers the cluster measures
from .profiles import *
from .profiles import __all__ as _profiles
from .roles import *
from .roles import __all__ as _roles

__all__ = sorted(
    [
        *_blockmodel,
        *_communities,
        *_coreperiphery,
        *_labels,
        *_profiles,
        *_roles,
    ]
)
