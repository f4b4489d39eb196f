"""sysmap: stakeholder-network and system-mapping analysis for collective-impact initiatives.

Read survey and partnership files into tidy network data, build networkx
graphs with explicit, recorded choices, and (in the subpackages) compute
metrics, clusters, findings and maps.

>>> import sysmap
>>> data = sysmap.load_sample("bildungsallianz", wave=1)
>>> G = sysmap.build_network(data, symmetrize="union")
>>> G.number_of_nodes(), data.report.response_confidence
(100, 'high')
"""

from . import datasets, exceptions
from ._version import __version__
from .build import build_network, build_two_mode, received_scales
from .datasets import list_samples, load_sample
from .exceptions import *  # noqa: F403
from .export import write_csv, write_excel
from .io import (
    ActorRegistry,
    IngestReport,
    MemberList,
    NetworkData,
    normalize_name,
    project_affiliations,
    read_actors,
    read_affiliations,
    read_survey,
    read_survey_wide,
)
from .io.adjacency import read_adjacency
from .io.detect import read
from .io.edgelist import read_edgelist
from .io.gexf import read_gexf, write_gexf
from .io.graphml import read_graphml, write_graphml
from .io.kumu import read_kumu, write_kumu
from .io.tracking import response_tracking

# Loaded on first use (PEP 562), so that `import sysmap` and the CLI start fast and
# worker processes do not import clustering, findings and plotting. ``sysmap.map``
# is :func:`network_map` under a short name; it is not in ``__all__``, so that
# ``from sysmap import *`` does not hide the builtin ``map``.
_LAZY = {
    "Comparison": ("sysmap.compare", "Comparison"),
    "Panel": ("sysmap.compare", "Panel"),
    "compare_waves": ("sysmap.compare", "compare_waves"),
    "suggest_aliases": ("sysmap.compare", "suggest_aliases"),
    "Finding": ("sysmap.findings", "Finding"),
    "Findings": ("sysmap.findings", "Findings"),
    "Thresholds": ("sysmap.findings", "Thresholds"),
    "find_gaps": ("sysmap.findings", "find_gaps"),
    "read_plan": ("sysmap.findings", "read_plan"),
    "gap_report": ("sysmap.report.gaps", "gap_report"),
    "partner_profiles": ("sysmap.report.profiles", "partner_profiles"),
    "NetworkMap": ("sysmap.maps", "NetworkMap"),
    "WaveMaps": ("sysmap.maps", "WaveMaps"),
    "compute_layout": ("sysmap.maps", "compute_layout"),
    "difference_map": ("sysmap.maps", "difference_map"),
    "comparison_report": ("sysmap.report.comparison", "comparison_report"),
    "trend_chart": ("sysmap.maps", "trend_chart"),
    "wave_layout": ("sysmap.maps", "wave_layout"),
    "wave_maps": ("sysmap.maps", "wave_maps"),
    "network_map": ("sysmap.maps", "network_map"),
    "read_layout": ("sysmap.maps", "read_layout"),
    "save_layout": ("sysmap.maps", "save_layout"),
    "map": ("sysmap.maps", "network_map"),
    "Instrument": ("sysmap.instrument", "Instrument"),
    "read_instrument": ("sysmap.instrument", "read_instrument"),
    "survey_instrument": ("sysmap.instrument", "survey_instrument"),
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        module, attribute = _LAZY[name]
        value = getattr(importlib.import_module(module), attribute)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'sysmap' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "ActorRegistry",
    "Comparison",
    "ConvergenceWarning",
    "DataQualityWarning",
    "DuplicateActorError",
    "Finding",
    "Findings",
    "GraphTypeError",
    "IngestReport",
    "InputError",
    "Instrument",
    "MemberList",
    "MissingAttributeError",
    "NetworkData",
    "NetworkMap",
    "NotFittedError",
    "OptionalDependencyError",
    "Panel",
    "ParameterError",
    "RowError",
    "SchemaError",
    "SysmapDeprecationWarning",
    "SysmapError",
    "SysmapWarning",
    "Thresholds",
    "UnknownActorError",
    "WaveMaps",
    "__version__",
    "build_network",
    "build_two_mode",
    "compare_waves",
    "comparison_report",
    "compute_layout",
    "datasets",
    "difference_map",
    "exceptions",
    "find_gaps",
    "gap_report",
    "list_samples",
    "load_sample",
    "network_map",
    "normalize_name",
    "partner_profiles",
    "project_affiliations",
    "read",
    "read_actors",
    "read_adjacency",
    "read_affiliations",
    "read_edgelist",
    "read_gexf",
    "read_graphml",
    "read_instrument",
    "read_kumu",
    "read_layout",
    "read_plan",
    "read_survey",
    "read_survey_wide",
    "received_scales",
    "response_tracking",
    "save_layout",
    "suggest_aliases",
    "survey_instrument",
    "trend_chart",
    "wave_layout",
    "wave_maps",
    "write_csv",
    "write_excel",
    "write_gexf",
    "write_graphml",
    "write_kumu",
]
