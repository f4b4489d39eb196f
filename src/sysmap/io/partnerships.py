"""Partnership and affiliation records: organization x project, committee or grant."""

from __future__ import annotations

import os
from collections.abc import Mapping

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..exceptions import ParameterError
from .assemble import drop_duplicates, finish, member_list, resolve_endpoints
from .columns import COLUMN_NAMES, find_columns
from .model import MemberList, NetworkData
from .report import IngestReport
from .tables import ROW, read_table, source_name

__all__ = ["AFFILIATION_COLUMNS", "WEIGHTINGS", "project_affiliations", "read_affiliations"]

#: Column names of an affiliation table per role, in order of preference
#: (override with ``columns=``; see :data:`sysmap.io.columns.COLUMN_NAMES`): the
#: organization (an id or a name) and the project, committee or grant.
AFFILIATION_COLUMNS = {
    "actor": (*COLUMN_NAMES["actor"], *COLUMN_NAMES["name"]),
    "affiliation": COLUMN_NAMES["affiliation"],
}
WEIGHTINGS = ("count", "newman")


def project_affiliations(affiliations: pd.DataFrame, *, weighting: str = "count") -> pd.DataFrame:
    r"""Project two-mode affiliations to weighted organization-organization ties.

    Parameters
    ----------
    affiliations : pandas.DataFrame
        Columns ``actor`` and ``affiliation``; one row per membership.
    weighting : {"count", "newman"}, default="count"
        ``"count"``: the weight of a tie is the number of shared affiliations.
        ``"newman"``: each shared affiliation *p* with :math:`k_p` members adds
        :math:`1/(k_p - 1)` [1]_, so a two-partner project counts more than a
        forty-member committee.

    Returns
    -------
    pandas.DataFrame
        Undirected ties ``source < target`` with ``weight`` and
        ``shared_affiliations`` (the number shared), sorted.

    References
    ----------
    .. [1] Newman, M. E. J. "Scientific Collaboration Networks. II. Shortest
       Paths, Weighted Networks, and Centrality." *Physical Review E* 64, no. 1
       (2001): 016132. https://doi.org/10.1103/PhysRevE.64.016132

    Examples
    --------
    >>> aff = pd.DataFrame({"actor": ["a", "b", "a", "b", "c"],
    ...                     "affiliation": ["P1", "P1", "P2", "P2", "P2"]})
    >>> project_affiliations(aff, weighting="newman")
      source target  weight  shared_affiliations
    0      a      b     1.5                    2
    1      a      c     0.5                    1
    2      b      c     0.5                    1
    """
    if weighting not in WEIGHTINGS:
        msg = f"weighting must be one of {WEIGHTINGS}; got {weighting!r}."
        raise ParameterError(msg)
    pairs = affiliations[["actor", "affiliation"]].drop_duplicates()
    actors = np.array(sorted(pairs["actor"].unique()), dtype=object)
    groups = np.array(sorted(pairs["affiliation"].unique()), dtype=object)
    rows = np.searchsorted(actors, pairs["actor"].to_numpy())
    cols = np.searchsorted(groups, pairs["affiliation"].to_numpy())
    B = sp.csr_array((np.ones(len(pairs)), (rows, cols)), shape=(len(actors), len(groups)))
    size = np.asarray(B.sum(axis=0)).ravel()
    shared = sp.triu(B @ B.T, k=1).tocoo()
    if weighting == "newman":
        scale = np.divide(1.0, size - 1, out=np.zeros_like(size), where=size > 1)
        weights = sp.triu((B * scale) @ B.T, k=1).tocsr()[shared.row, shared.col]
    else:
        weights = shared.data
    ties = pd.DataFrame(
        {
            "source": actors[shared.row],
            "target": actors[shared.col],
            "weight": np.asarray(weights, dtype=float).ravel(),
            "shared_affiliations": shared.data.astype(int),
        }
    )
    return ties.sort_values(["source", "target"]).reset_index(drop=True)


def read_affiliations(
    data: str | os.PathLike[str] | pd.DataFrame,
    *,
    actors: MemberList | str | os.PathLike[str] | pd.DataFrame | None = None,
    columns: Mapping[str, str] | None = None,
    weighting: str = "count",
    unknown: str = "keep",
    fuzzy_threshold: float | None = None,
    sheet: str | int | None = None,
    sep: str | None = None,
    source: str | None = None,
    errors: str = "repair",
) -> NetworkData:
    """Read partnership records (organization x project/committee/grant) and project them.

    Parameters
    ----------
    data : path or pandas.DataFrame
        One row per membership: columns ``actor`` (organization name or id)
        and ``affiliation`` (project, committee, grant, ...); other columns
        (``type``, ``wave``, ...) are kept in ``.affiliations``.
    weighting : {"count", "newman"}, default="count"
        How shared affiliations weight a tie (see :func:`project_affiliations`).

    Other parameters are as in :func:`~sysmap.read_survey`.

    Returns
    -------
    NetworkData
        ``.affiliations`` holds the two-mode records (actor ids resolved);
        ``.ties`` the undirected projection with ``weight`` and
        ``shared_affiliations``; ``relation`` is ``"shared affiliation"``.

    Examples
    --------
    >>> records = pd.DataFrame({"actor": ["Stadt", "Schule", "Stadt", "Stiftung"],
    ...                         "affiliation": ["Lesestart", "Lesestart", "MINT", "MINT"]})
    >>> data = read_affiliations(records)
    >>> data.ties[["source", "target", "weight"]]
       source    target  weight
    0  Schule     Stadt     1.0
    1   Stadt  Stiftung     1.0
    """
    if weighting not in WEIGHTINGS:
        msg = f"weighting must be one of {WEIGHTINGS}; got {weighting!r}."
        raise ParameterError(msg)
    report = IngestReport.for_errors(errors)
    members = member_list(actors, report)
    name = source_name(data, source)
    frame = read_table(data, report, source=name, sheet=sheet, sep=sep)
    records = pd.DataFrame(columns=["actor", "affiliation", "row"])
    extra: dict[str, str] = {}
    if frame is not None:
        wanted = {**AFFILIATION_COLUMNS, **(columns or {})}
        found = find_columns(
            frame,
            wanted,
            report,
            name,
            required=["actor", "affiliation"],
            table="affiliation table",
        )
        if len(found) == 2:
            records, extra = _records(frame, found, members, report, name, unknown, fuzzy_threshold)
    ties = project_affiliations(records, weighting=weighting) if len(records) else None
    if ties is None:
        ties = pd.DataFrame(columns=["source", "target", "weight", "shared_affiliations"])
    ties.insert(2, "relation", "shared affiliation")
    ties.insert(3, "row", 0)
    ids = set(records["actor"]) if len(records) else set()
    data_out = finish(
        ties,
        members,
        report,
        name,
        None,
        extra,
        errors,
        kind="affiliations",
        params={"weighting": weighting, "unknown": unknown},
        directed=False,
        affiliations=records.reset_index(drop=True),
        ids=ids,
    )
    return data_out


def _records(
    frame: pd.DataFrame,
    found: dict[str, str],
    members: MemberList | None,
    report: IngestReport,
    source: str,
    unknown: str,
    fuzzy_threshold: float | None,
) -> tuple[pd.DataFrame, dict[str, str]]:
    actor_col, aff_col = found["actor"], found["affiliation"]
    for col in (actor_col, aff_col):
        for idx in frame.index[frame[col] == ""]:
            report.add(
                source,
                int(frame.at[idx, ROW]),
                col,
                "",
                "blank_name",
                "blank_cell",
                repair=True,
                action="dropped",
            )
    work = frame.loc[(frame[actor_col] != "") & (frame[aff_col] != "")]
    resolved, extra = resolve_endpoints(
        work,
        [actor_col],
        members,
        report,
        source,
        unknown=unknown,
        fuzzy_threshold=fuzzy_threshold,
    )
    records = pd.DataFrame(
        {
            "source": resolved[actor_col].to_numpy(),
            "target": resolved[aff_col].to_numpy(),
            "relation": "affiliation",
            "row": resolved[ROW].astype("int64").to_numpy(),
        }
    )
    for col in resolved.columns:
        if col not in (ROW, actor_col, aff_col):
            records[col] = resolved[col].to_numpy()
    records = drop_duplicates(records, report, source)
    records = records.rename(columns={"source": "actor", "target": "affiliation"})
    return records.drop(columns="relation"), extra
