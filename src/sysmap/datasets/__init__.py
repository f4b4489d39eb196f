"""Bundled sample networks: a synthetic collective-impact initiative and real public data.

>>> from sysmap.datasets import load_sample
>>> data = load_sample("bildungsallianz", wave=1)
>>> len(data.actors), data.report.response_confidence
(100, 'high')
>>> G = load_sample("knoke_bureaucracies", table="information", graph=True)
>>> G.number_of_nodes(), G.number_of_edges()
(10, 49)
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pandas as pd

from ..build.network import build_network
from ..exceptions import DataQualityWarning, ParameterError
from ..io.edgelist import read_edgelist
from ..io.members import read_actors
from ..io.model import NetworkData
from ..io.partnerships import read_affiliations
from ..io.survey import read_survey, read_survey_wide

__all__ = ["SAMPLES", "list_samples", "load_sample", "sample_path"]


@dataclass(frozen=True)
class Sample:
    """How to read one bundled sample."""

    description: str
    directed: bool = True
    tables: tuple[str, ...] = ("",)  # edge-file suffixes: edges_<table>.csv ("" = edges.csv)
    weight: str | None = None  # edge column to read as weight
    groups: tuple[str, ...] = ()  # natural group attributes
    two_mode: tuple[str, str] | None = None  # (actor column, affiliation column)
    node_files_per_table: bool = False
    extra: dict = field(default_factory=dict)


SAMPLES: dict[str, Sample] = {
    "bildungsallianz": Sample(
        "Synthetic education alliance (Rheinstadt): 3 survey waves, ~100 organizations in 7 "
        "sectors, partnerships and a collaboration plan",
        tables=("1", "2", "3"),
        groups=("sector", "district"),
    ),
    "knoke_bureaucracies": Sample(
        "Knoke & Wood: 10 organizations in Indianapolis, information and money exchange",
        tables=("information", "money"),
        groups=("sector",),
    ),
    "emon_drabek": Sample(
        "Drabek et al.: search-and-rescue organization networks at 7 disaster sites",
        tables=("Cheyenne", "HurrFrederic", "LakePomona", "MtSi", "MtStHelens", "Texas", "Wichita"),
        weight="strength",
        groups=("Sponsorship", "Location"),
        node_files_per_table=True,
    ),
    "padgett_florentine": Sample(
        "Padgett's Florentine families: marriage and business ties",
        directed=False,
        tables=("marriage", "business"),
    ),
    "zachary_karate": Sample(
        "Zachary's karate club, 34 members, with the post-split factions",
        directed=False,
        groups=("club",),
    ),
    "krackhardt_hightech": Sample(
        "Krackhardt's high-tech managers: advice, friendship, reports-to",
        tables=("advice", "friendship", "reports_to"),
        groups=("dept", "level"),
    ),
    "davis_southern_women": Sample(
        "Davis's Southern women: 18 women x 14 social events (two-mode)",
        directed=False,
        two_mode=("woman", "event"),
    ),
}


def _root() -> Path:
    here = Path(__file__).resolve()
    for candidate in (here.parent.parent / "sample_networks", here.parents[3] / "sample_networks"):
        if candidate.is_dir():
            return candidate
    msg = "the bundled sample_networks folder was not found; reinstall sysmap."
    raise FileNotFoundError(msg)


def sample_path(name: str) -> Path:
    """Folder of the bundled sample `name` (its README.md says where the data come from)."""
    _check(name)
    return _root() / name


def list_samples() -> pd.DataFrame:
    """The bundled samples: name, description, directed, tables, group attributes."""
    rows = [
        {
            "name": name,
            "description": s.description,
            "directed": s.directed,
            "tables": ", ".join(t for t in s.tables if t) if s.two_mode is None else "two-mode",
            "groups": ", ".join(s.groups),
        }
        for name, s in SAMPLES.items()
    ]
    return pd.DataFrame(rows).set_index("name")


def load_sample(
    name: str,
    *,
    table: str | None = None,
    wave: int | None = None,
    kind: str = "survey",
    graph: bool = False,
    **build_options: object,
) -> NetworkData | nx.Graph:
    """Load a bundled sample as :class:`~sysmap.io.NetworkData` (or a graph).

    Parameters
    ----------
    name : str
        One of :func:`list_samples`.
    table : str, optional
        Which relation or site (e.g. ``"information"`` for Knoke,
        ``"Cheyenne"`` for the Drabek EMONs). Defaults to the first.
    wave : int, optional
        ``bildungsallianz`` only: survey wave 1, 2 or 3 (default 1).
    kind : {"survey", "survey_wide", "partnerships"}, default="survey"
        ``bildungsallianz`` only: the long survey, the wide export of wave 1,
        or the partnership records of `wave`.
    graph : bool, default=False
        Return ``build_network(data, **build_options)`` instead of the data.

    Notes
    -----
    The synthetic sample contains deliberate data-quality cases (name
    variants, a non-member, a self-nomination); their warnings are silenced
    here and remain in ``data.report``.
    """
    sample = SAMPLES[_check(name)]
    folder = sample_path(name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        if name == "bildungsallianz":
            data = _load_alliance(folder, wave or 1, kind)
        elif sample.two_mode is not None:
            data = _load_two_mode(folder, sample)
        else:
            data = _load_edges(folder, sample, table)
    return build_network(data, **build_options) if graph else data


def _check(name: str) -> str:
    if name not in SAMPLES:
        msg = f"no sample called {name!r}; choose one of {sorted(SAMPLES)}."
        raise ParameterError(msg)
    return name


def _load_alliance(folder: Path, wave: int, kind: str) -> NetworkData:
    if wave not in (1, 2, 3):
        raise ParameterError(f"bildungsallianz has waves 1, 2 and 3; got {wave!r}.")
    members = read_actors(folder / f"members_wave{wave}.csv", aliases=folder / "aliases.csv")
    if kind == "survey":
        return read_survey(folder / f"survey_wave{wave}.csv", actors=members)
    if kind == "survey_wide":
        return read_survey_wide(
            folder / "survey_wave1_wide.csv",
            questions={"intensity": "Q5_{partner}"},
            respondent="Organisation",
            relation="information sharing",
            actors=read_actors(folder / "members_wave1.csv", aliases=folder / "aliases.csv"),
        )
    if kind == "partnerships":
        records = pd.read_csv(folder / "partnerships.csv", dtype=str)
        records = records.loc[records["wave"] == str(wave)]
        return read_affiliations(records, actors=members, source="partnerships.csv")
    raise ParameterError(f"kind must be 'survey', 'survey_wide' or 'partnerships'; got {kind!r}.")


def _members_from_nodes(path: Path) -> object:
    return read_actors(path, columns={"actor": "id", "name": "label"})


def _load_edges(folder: Path, sample: Sample, table: str | None) -> NetworkData:
    table = sample.tables[0] if table is None else table
    if table not in sample.tables:
        msg = f"{folder.name} has tables {list(sample.tables)}; got {table!r}."
        raise ParameterError(msg)
    suffix = f"_{table}" if table else ""
    nodes = folder / (f"nodes{suffix}.csv" if sample.node_files_per_table else "nodes.csv")
    weight = sample.extra.get("weights", {}).get(table, sample.weight)
    columns = {"weight": weight} if weight else None
    data = read_edgelist(
        folder / f"edges{suffix}.csv",
        actors=_members_from_nodes(nodes),
        directed=sample.directed,
        columns=columns,
    )
    if table:
        data.ties["relation"] = table
    return data


def _load_two_mode(folder: Path, sample: Sample) -> NetworkData:
    actor_col, affiliation_col = sample.two_mode
    nodes = pd.read_csv(folder / "nodes.csv", dtype=str)
    members = read_actors(
        nodes.loc[nodes["mode"] == actor_col],
        columns={"actor": "id", "name": "label"},
        source="nodes.csv",
    )
    return read_affiliations(
        folder / "edges.csv",
        actors=members,
        columns={"actor": actor_col, "affiliation": affiliation_col},
    )
