"""Edge lists: one row per tie, with a source and a target column (CSV or Excel).

:func:`read_edgelist` returns a :class:`~sysmap.io.model.NetworkData` built the
same way as :func:`~sysmap.io.survey.read_survey`: each cell is checked, every
problem is recorded in an :class:`~sysmap.io.report.IngestReport` (file, row,
column, value), and all problems are raised at once (``errors="raise"``) or
returned in ``.report`` (``errors="collect"``). Edge lists carry no survey
response information, so actors get the status ``"not_surveyed"``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..exceptions import ParameterError
from ._files import clean_ties, table_ties
from .assemble import DEFAULT_RELATION, display_names, empty_ties, finish, member_list
from .columns import COLUMN_NAMES, find_columns
from .model import MemberList, NetworkData
from .report import IngestReport
from .tables import read_table, source_name

__all__ = ["EDGELIST_COLUMNS", "read_edgelist"]

#: Column names of an edge list per role, in order of preference (override with
#: ``columns=``): ``source``/``from``/``von``, ``target``/``to``/``an``, ... (see
#: :data:`sysmap.io.columns.COLUMN_NAMES`).
EDGELIST_COLUMNS = {role: COLUMN_NAMES[role] for role in ("source", "target", "relation")}
_EDGELIST_FALLBACK = {"source": "from", "target": "to"}


def read_edgelist(
    data: str | os.PathLike[str] | pd.DataFrame,
    *,
    actors: MemberList | str | os.PathLike[str] | pd.DataFrame | None = None,
    columns: Mapping[str, str] | None = None,
    directed: bool = True,
    weight: str | None = "weight",
    relation: str | None = None,
    unknown: str = "keep",
    fuzzy_threshold: float | None = None,
    sheet: str | int | None = None,
    sep: str | None = None,
    source: str | None = None,
    errors: str = "repair",
) -> NetworkData:
    """Read an edge list: one row per tie, with a source and a target column.

    Parameters
    ----------
    data : path or pandas.DataFrame
        CSV (any common delimiter and encoding) or Excel file, or a frame.
    actors : MemberList, path or pandas.DataFrame, optional
        The member list (see :func:`~sysmap.io.members.read_actors`). With it,
        names are resolved to persistent ids and every member becomes an actor.
    columns : mapping, optional
        Your column names for sysmap's roles: ``source``, ``target`` (required;
        ``from``/``to`` are recognised too), ``relation`` and ``weight``
        (optional), e.g. ``{"source": "Von", "target": "An"}``.
    directed : bool, default=True
        Whether a row ``A, B`` means a tie from A to B. With ``False`` the rows
        ``A, B`` and ``B, A`` name the same tie, and ``source < target`` in the
        result.
    weight : str or None, default="weight"
        Column holding tie weights (numbers >= 0, checked cell by cell; a
        decimal comma is accepted). The result column is always ``weight``.
        ``None``: no weight column.
    relation : str, optional
        Relation name for ties without a ``relation`` column or cell (default
        ``"tie"``), e.g. ``"information"``.
    unknown : {"keep", "drop", "error"}, default="keep"
        Names not in the member list: keep (status ``"not_on_roster"``), drop
        their rows, or make them errors; always reported.
    fuzzy_threshold : float, optional
        Merge close misspellings scoring at least this (0-100). By default
        they are only suggested in ``report.suggestions``.
    sheet : str or int, optional
        Excel sheet to read (name, or position from 0); by default the first
        with the needed columns.
    sep : {",", ";", "tab", "|"}, optional
        CSV separator (``"\\t"`` for a tab too); detected when omitted.
    source : str, optional
        The table's name in messages (defaults to the file name).
    errors : {"repair", "raise", "collect"}, default="repair"
        ``"repair"``: fix what can be fixed (a bad cell is read as missing,
        a row without a name is dropped) and report it; raise one
        :class:`~sysmap.InputError` only for structural problems (a missing
        column, an unreadable file). ``"raise"``: raise on every problem
        (fail fast). ``"collect"``: never raise; the problems are in ``.report``.

    Returns
    -------
    NetworkData
        ``kind="edgelist"``. Ties have ``source``, ``target``, ``relation``,
        ``row``, ``weight`` (if present) and every other column as a tie
        attribute. Actors have status ``"not_surveyed"``.

    Raises
    ------
    SchemaError
        If the file cannot be read or a required column is missing.
    RowError
        If exactly one cell is invalid.
    InputError
        If several problems were found; ``exc.report.problems`` lists them all.
    ParameterError
        For invalid arguments (``columns`` roles, ``errors``, ``unknown``).

    Notes
    -----
    Checked on every row and reported together: blank names (error), weights
    that are not numbers, negative or infinite (error), self-ties (dropped,
    warning), exact duplicate rows (dropped, warning) and duplicates with
    different values (error). Blank weight cells give ``NaN`` (not reported).
    Without a member list, spellings that normalize alike (``"Stadt"`` and
    ``"stadt"``) are merged into the most frequent one (reported).

    Other columns are kept as tie attributes: as floats when every non-blank
    cell is a number (decimal comma accepted), otherwise as text. Columns named
    ``source``, ``target``, ``relation`` or ``row`` that are not used for their
    role are renamed with a trailing underscore.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"From": ["Stadt", "Stadt", "Schule"],
    ...                       "To": ["Schule", "Stiftung", "Stadt"],
    ...                       "weight": ["2", "0,5", "1"]})
    >>> data = read_edgelist(table)
    >>> data.ties[["source", "target", "weight"]]
       source    target  weight
    0  Schule     Stadt     1.0
    1   Stadt    Schule     2.0
    2   Stadt  Stiftung     0.5
    >>> undirected = read_edgelist(table, directed=False, errors="collect")
    >>> undirected.report.problems[["row", "check"]]   # Stadt-Schule twice, weights 2 and 1
       row                  check
    0    4  conflicting_duplicate
    """
    report = IngestReport.for_errors(errors)
    if not isinstance(directed, (bool, np.bool_)):
        msg = f"directed must be True or False; got {directed!r}."
        raise ParameterError(msg)
    wanted = dict(EDGELIST_COLUMNS)
    if weight is not None:
        wanted["weight"] = weight
    roles = {"source", "target", "relation", "weight"}
    bad_roles = sorted(set(columns or {}) - roles)
    if bad_roles:
        msg = f"columns has unknown roles {bad_roles}; the roles are {sorted(roles)}."
        raise ParameterError(msg)
    wanted.update(columns or {})
    members = member_list(actors, report)
    name = source_name(data, source)
    frame = read_table(data, report, source=name, sheet=sheet, sep=sep)
    ties = empty_ties()
    extra: dict[str, str] = {}
    if frame is not None:
        for role, fallback in _EDGELIST_FALLBACK.items():
            if (
                role not in (columns or {})
                and not find_columns(frame, {role: wanted[role]}, IngestReport(), name)
                and find_columns(frame, {role: fallback}, IngestReport(), name)
            ):
                wanted[role] = fallback
        found = find_columns(
            frame, wanted, report, name, required=["source", "target"], table="edge list"
        )
        if "source" in found and "target" in found:
            ties, extra = table_ties(
                frame,
                found,
                members,
                report,
                name,
                unknown=unknown,
                fuzzy_threshold=fuzzy_threshold,
                merge_spellings=True,
                relation=relation or DEFAULT_RELATION,
            )
            ties = clean_ties(
                ties,
                report,
                name,
                found["source"],
                directed=bool(directed),
                names=display_names(members, extra),
            )
    return finish(
        ties,
        members,
        report,
        name,
        None,
        extra,
        errors,
        kind="edgelist",
        directed=bool(directed),
        params={
            "directed": bool(directed),
            "weight": weight,
            "unknown": unknown,
            "fuzzy_threshold": fuzzy_threshold,
        },
    )
