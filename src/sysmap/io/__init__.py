"""Read survey, member-list, partnership and network files into tidy network data."""

from .identity import ActorRegistry, NameMatch, normalize_name
from .members import read_actors
from .model import MemberList, NetworkData
from .partnerships import project_affiliations, read_affiliations
from .report import IngestReport, Problem
from .survey import DEFAULT_COMPOSITES, DEFAULT_ITEMS, read_survey, read_survey_wide

__all__ = [
    "DEFAULT_COMPOSITES",
    "DEFAULT_ITEMS",
    "ActorRegistry",
    "IngestReport",
    "MemberList",
    "NameMatch",
    "NetworkData",
    "Problem",
    "normalize_name",
    "project_affiliations",
    "read_actors",
    "read_affiliations",
    "read_survey",
    "read_survey_wide",
]
