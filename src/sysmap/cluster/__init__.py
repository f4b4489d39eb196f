"""Clusters of actors: modularity communities, consensus, profiles, roles, blockmodels.

Every function takes a networkx graph and returns a pandas Series of labels
(indexed by ``actor``, canonical label order), a DataFrame, or a small dataclass.
"""

from .blockmodel import *
from .blockmodel import __all__ as _blockmodel
from .communities import *
from .communities import __all__ as _communities
from .consensus_clustering import *
from .consensus_clustering import __all__ as _consensus_clustering
from .coreperiphery import *
from .coreperiphery import __all__ as _coreperiphery
from .labels import *
from .labels import __all__ as _labels
from .measures import consensus  # noqa: F401 - registers the cluster measures
from .partitions import *
from .partitions import __all__ as _partitions
from .profiles import *
from .profiles import __all__ as _profiles
from .roles import *
from .roles import __all__ as _roles

__all__ = sorted(
    [
        *_blockmodel,
        *_communities,
        *_consensus_clustering,
        *_coreperiphery,
        *_labels,
        *_partitions,
        *_profiles,
        *_roles,
    ]
)
