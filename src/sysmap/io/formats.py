"""Read and write network file formats: edge lists, adjacency matrices, Kumu, GraphML, GEXF.

Every reader returns a :class:`~sysmap.io.model.NetworkData` built the same way
as :func:`~sysmap.io.survey.read_survey`: each cell is checked, every problem
is recorded in an :class:`~sysmap.io.report.IngestReport` (file, row, column,
value), and all problems are raised at once (``errors="raise"``) or returned
in ``.report`` (``errors="collect"``). None of these formats carries survey
response information, so actors get the status ``"not_surveyed"`` (GraphML,
GEXF and Kumu files written by sysmap keep the status they were written with).

Writers never mutate the graph they are given; values that a format cannot
hold are converted to plain text (see :func:`write_graphml`).
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from .._text import clean_control_characters
from ..exceptions import GraphTypeError, ParameterError
from ..export import replacing, restore_formula_text, write_excel
from ._assemble import (
    DEFAULT_RELATION,
    drop_duplicates,
    drop_self_ties,
    empty_ties,
    finish,
    member_list,
    order_pairs,
    resolve_endpoints,
)
from ._tables import (
    EXCEL_SUFFIXES,
    ROW,
    infer_attribute,
    read_table,
    source_name,
)
from .columns import COLUMN_NAMES, find_columns
from .model import NOT_SURVEYED, STATUSES, MemberList, NetworkData
from .report import IngestReport
from .scales import parse_numbers

__all__ = [
    "EDGELIST_COLUMNS",
    "KUMU_CONNECTION_COLUMNS",
    "KUMU_ELEMENT_COLUMNS",
    "read_adjacency",
    "read_edgelist",
    "read_gexf",
    "read_graphml",
    "read_kumu",
    "write_gexf",
    "write_graphml",
    "write_kumu",
]

#: Column names of an edge list per role, in order of preference (override with
#: ``columns=``): ``source``/``from``/``von``, ``target``/``to``/``an``, ... (see
#: :data:`sysmap.io.columns.COLUMN_NAMES`).
EDGELIST_COLUMNS = {role: COLUMN_NAMES[role] for role in ("source", "target", "relation")}
_EDGELIST_FALLBACK = {"source": "from", "target": "to"}

#: Kumu's standard Elements columns and the sysmap attribute each becomes.
KUMU_ELEMENT_COLUMNS = {
    "label": "Label",
    "id": "ID",
    "type": "Type",
    "tags": "Tags",
    "description": "Description",
}
#: Kumu's standard Connections columns and the sysmap role each fills.
KUMU_CONNECTION_COLUMNS = {
    "from": "From",
    "to": "To",
    "type": "Type",
    "strength": "Strength",
    "direction": "Direction",
    "tags": "Tags",
    "description": "Description",
    "label": "Label",
}
_KUMU_DIRECTIONS = ("directed", "undirected", "mutual")
#: Tie columns every reader fills; file columns with these names are renamed.
_RESERVED_TIE_COLUMNS = ("source", "target", "relation", "row")


# =============================================================================
# Edge lists
# =============================================================================
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
    source: str | None = None,
    sep: str | None = None,
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
            ties, extra = _table_ties(
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
            ties = _clean_ties(ties, report, name, found["source"], directed=bool(directed))
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


def _table_ties(
    frame: pd.DataFrame,
    found: dict[str, str],
    members: MemberList | None,
    report: IngestReport,
    name: str,
    *,
    unknown: str,
    fuzzy_threshold: float | None,
    merge_spellings: bool,
    rename: Mapping[str, str] | None = None,
    skip: Iterable[str] = (),
    lookup: Mapping[str, str] | None = None,
    relation: str = DEFAULT_RELATION,
) -> tuple[pd.DataFrame, dict[str, str]]:
    """Tie table from a frame with source/target (and optional relation/weight) columns.

    Blank names are errors; weights are validated; names are resolved. Rows are
    not yet de-duplicated (see :func:`_clean_ties`). `rename` maps other columns
    to attribute names, `skip` lists columns handled by the caller, and
    `lookup` (Kumu) maps names to element keys before resolution.
    """
    src_col, tgt_col = found["source"], found["target"]
    work = frame
    for col, role in ((src_col, "source"), (tgt_col, "target")):
        for idx in work.index[work[col] == ""]:
            report.add(
                name,
                int(work.at[idx, ROW]),
                col,
                "",
                "blank_name",
                "blank_endpoint",
                repair=True,
                action="dropped",
                role=role,
            )
    work = work.loc[(work[src_col] != "") & (work[tgt_col] != "")]
    weights = None
    if "weight" in found:
        weights = _parse_weight(work, found["weight"], report, name)
    if lookup is not None:
        work = work.copy()
        for col in (src_col, tgt_col):
            work[col] = work[col].map(lambda s: lookup.get(s, s))
    if members is None and not merge_spellings:
        resolved, extra = work, {}
    else:
        resolved, extra = resolve_endpoints(
            work,
            [src_col, tgt_col],
            members,
            report,
            name,
            unknown=unknown,
            fuzzy_threshold=fuzzy_threshold,
        )
    if "relation" in found:
        relation = resolved[found["relation"]].replace("", relation).to_numpy()
    ties = pd.DataFrame(
        {
            "source": resolved[src_col].to_numpy(dtype=object),
            "target": resolved[tgt_col].to_numpy(dtype=object),
            "relation": relation,
            "row": resolved[ROW].astype("int64").to_numpy(),
        },
        index=resolved.index,
    ).astype({"source": object, "target": object, "relation": object})
    if weights is not None:
        ties["weight"] = weights.reindex(resolved.index)
    used = {ROW, *found.values(), *skip}
    for col in frame.columns:
        if col in used:
            continue
        attr = (rename or {}).get(col, col)
        if attr in _RESERVED_TIE_COLUMNS or attr in ties.columns:
            new = f"{attr}_"
            report.note("column_renamed", source=name, column=col, attribute=new)
            attr = new
        ties[attr] = infer_attribute(resolved[col])
    return ties, extra


def _clean_ties(
    ties: pd.DataFrame, report: IngestReport, name: str, column: str, *, directed: bool
) -> pd.DataFrame:
    """Order undirected ties, drop self-ties and duplicates (all reported)."""
    if not directed:
        ties = order_pairs(ties)
    ties = drop_self_ties(ties, report, name, column)
    return drop_duplicates(ties, report, name)


def _parse_weight(frame: pd.DataFrame, column: str, report: IngestReport, name: str) -> pd.Series:
    """Weights: numbers >= 0 (decimal comma allowed), finite; blank -> NaN."""
    numbers = parse_numbers(frame, column, report, name, scale=(0.0, np.inf), what="weight")
    infinite = np.isinf(numbers.to_numpy(dtype=float))
    for idx in frame.index[infinite]:
        value = frame.at[idx, column]
        report.add(
            name,
            int(frame.at[idx, ROW]),
            column,
            value,
            "scale",
            "weight_infinite",
            repair=True,
            action="repaired",
            value=value,
        )
    return numbers.where(~infinite)


# =============================================================================
# Adjacency matrices
# =============================================================================
def read_adjacency(
    data: str | os.PathLike[str] | pd.DataFrame,
    *,
    actors: MemberList | str | os.PathLike[str] | pd.DataFrame | None = None,
    directed: bool | None = None,
    relation: str | None = None,
    sheet: str | int | None = None,
    source: str | None = None,
    sep: str | None = None,
    errors: str = "repair",
    unknown: str = "keep",
    fuzzy_threshold: float | None = None,
) -> NetworkData:
    """Read a square adjacency matrix: row labels in the first column, column labels as header.

    Parameters
    ----------
    data : path or pandas.DataFrame
        CSV or Excel file whose first column holds the row labels and whose
        header holds the column labels (the top-left cell is ignored). A
        square frame is read with its index as the row labels; any other frame
        must hold the labels in its first column.
    actors : MemberList, path or pandas.DataFrame, optional
        Member list to resolve the labels against (see :func:`read_edgelist`).
    directed : bool or None, default=None
        ``None``: a symmetric matrix is read as undirected, any other as
        directed (noted in ``report.notes``). ``False`` requires a symmetric
        matrix (each asymmetric pair is an error).
    relation : str, optional
        Relation name of the ties (default ``"tie"``).
    sheet, sep, source, errors, unknown, fuzzy_threshold
        As in :func:`read_edgelist`.

    Returns
    -------
    NetworkData
        ``kind="adjacency"``; one tie per nonzero off-diagonal cell (per pair
        for undirected matrices, with ``source < target``), ``weight`` = the
        cell value, ``row`` = the spreadsheet row of the tie's source (of the
        row holding the cell for undirected matrices, the upper triangle).
        Every label is an actor, also those without ties.

    Raises
    ------
    SchemaError
        If the matrix is not square or its row and column labels differ (the
        message lists the differences), or a label is blank or repeated.
    RowError, InputError
        For cells that are not numbers or are negative (row, column, value named).

    Notes
    -----
    Blank cells are 0. A decimal comma is accepted. Columns are matched to
    rows by label, so the two may be in different orders (noted). Nonzero
    diagonal cells are self-ties: dropped and reported (warning). Empty
    trailing columns (e.g. from a trailing separator) are ignored. Without a
    member list, labels are the actor ids as written (no spelling merges).

    Examples
    --------
    >>> import pandas as pd
    >>> labels = ["Amt", "Bäckerei", "Café"]
    >>> matrix = pd.DataFrame([[0, 1, 0], [1, 0, 2], [0, 2, 0]], index=labels, columns=labels)
    >>> data = read_adjacency(matrix)
    >>> data.directed, data.ties[["source", "target", "weight"]]
    (False,      source    target  weight
    0       Amt  Bäckerei     1.0
    1  Bäckerei      Café     2.0)
    >>> print(data.report.notes[-1])
    '<DataFrame>': the matrix is symmetric; read as undirected (pass directed=True to keep
    both directions).
    """
    if directed is not None and not isinstance(directed, (bool, np.bool_)):
        msg = f"directed must be True, False or None; got {directed!r}."
        raise ParameterError(msg)
    report = IngestReport.for_errors(errors)
    members = member_list(actors, report)
    name = source_name(data, source)
    if isinstance(data, pd.DataFrame) and data.shape[0] == data.shape[1]:
        data = data.rename_axis(None).reset_index()
    frame = read_table(data, report, source=name, sheet=sheet, sep=sep)
    ties = empty_ties()
    extra: dict[str, str] = {}
    names: dict[str, str] = {}
    is_directed = True if directed is None else bool(directed)
    if frame is not None:
        ties, extra, names, is_directed = _matrix_ties(
            frame,
            members,
            report,
            name,
            directed,
            relation or DEFAULT_RELATION,
            unknown,
            fuzzy_threshold,
        )
    data_out = finish(
        ties,
        members,
        report,
        name,
        None,
        extra,
        errors,
        kind="adjacency",
        directed=is_directed,
        params={
            "directed": directed,
            "relation": relation,
            "unknown": unknown,
            "fuzzy_threshold": fuzzy_threshold,
        },
    )
    return _with_actors(data_out, names, None)


def _matrix_ties(
    frame: pd.DataFrame,
    members: MemberList | None,
    report: IngestReport,
    name: str,
    directed: bool | None,
    relation: str,
    unknown: str,
    fuzzy_threshold: float | None,
) -> tuple[pd.DataFrame, dict[str, str], dict[str, str], bool]:
    label_col = frame.columns[1]
    value_cols = list(frame.columns[2:])
    # empty trailing columns (trailing separators, Excel blank columns)
    while (
        value_cols and value_cols[-1].startswith("Unnamed:") and (frame[value_cols[-1]] == "").all()
    ):
        report.note("empty_column_ignored", source=name, column=value_cols[-1])
        value_cols.pop()
    labels = frame[label_col].tolist()
    rows = frame[ROW].astype(int).tolist()
    ok = True
    first: dict[str, int] = {}
    for label, row in zip(labels, rows):
        if label == "":
            report.add(
                name,
                row,
                label_col,
                "",
                "blank_label",
                "matrix_blank_label",
            )
            ok = False
        elif label in first:
            report.add(
                name,
                row,
                label_col,
                label,
                "duplicate_label",
                "matrix_duplicate_label",
                label=label,
                first_row=str(first[label]),
            )
            ok = False
        else:
            first[label] = row
    n_rows, n_cols = len(labels), len(value_cols)
    if n_rows != n_cols:
        report.add(
            name,
            None,
            None,
            None,
            "not_square",
            rows=n_rows,
            columns=n_cols,
        )
        ok = False
    only_rows = [x for x in labels if x and x not in set(value_cols)]
    only_cols = [x for x in value_cols if x not in set(labels)]
    if only_rows or only_cols:
        report.add(
            name,
            None,
            None,
            None,
            "labels",
            "matrix_labels_differ",
            only_rows=", ".join(f"'{x}'" for x in only_rows) or "-",
            only_columns=", ".join(f"'{x}'" for x in only_cols) or "-",
        )
        ok = False
    # cell values, all checked
    cells = (
        frame[value_cols].to_numpy(dtype=object).astype(str)
        if value_cols
        else np.empty((n_rows, 0), dtype=str)
    )
    flat = pd.Series(cells.ravel(), dtype=object).str.strip()
    numbers = pd.to_numeric(flat.str.replace(",", ".", regex=False), errors="coerce")
    numbers = numbers.to_numpy(dtype=float)
    blank = (flat == "").to_numpy()
    bad = ~blank & (np.isnan(numbers) | (numbers < 0) | np.isinf(numbers))
    for k in np.flatnonzero(bad):
        i, j = divmod(int(k), n_cols)
        value = flat.iloc[k]
        report.add(
            name,
            rows[i],
            value_cols[j],
            value,
            "scale",
            "matrix_cell",
            repair=True,
            action="repaired",
            source_label=labels[i],
            target_label=value_cols[j],
            value=value,
        )
    values = np.where(blank | bad, 0.0, numbers).reshape(n_rows, n_cols)
    names = {lab: lab for lab in labels if lab}
    is_directed = True if directed is None else bool(directed)
    if not ok:
        return empty_ties(), {}, {}, is_directed
    if value_cols != labels:
        report.note("matrix_reordered", source=name)
        order = [value_cols.index(lab) for lab in labels]
        values = values[:, order]
    # labels -> actor ids
    ids = list(labels)
    extra: dict[str, str] = {}
    keep = np.ones(n_rows, dtype=bool)
    if members is not None:
        label_frame = pd.DataFrame({ROW: rows, label_col: labels})
        resolved, extra = resolve_endpoints(
            label_frame,
            [label_col],
            members,
            report,
            name,
            unknown=unknown,
            fuzzy_threshold=fuzzy_threshold,
        )
        mapping = dict(zip(label_frame.loc[resolved.index, label_col], resolved[label_col]))
        keep = np.array([lab in mapping for lab in labels])
        ids = [mapping.get(lab, lab) for lab in labels]
        seen: dict[str, tuple[str, int]] = {}
        for lab, actor, row, kept in zip(labels, ids, rows, keep):
            if not kept:
                continue
            if actor in seen:
                other, other_row = seen[actor]
                report.add(
                    name,
                    row,
                    label_col,
                    lab,
                    "duplicate_actor",
                    "matrix_duplicate_actor",
                    label=lab,
                    other=other,
                    other_row=str(other_row),
                    actor=actor,
                )
            else:
                seen[actor] = (lab, row)
        names = dict(extra)
    # self-ties
    for i in np.flatnonzero(keep & (np.diag(values) != 0)):
        report.add(
            name,
            rows[i],
            labels[i],
            _fmt_number(values[i, i]),
            "self_tie",
            "matrix_diagonal",
            severity="warning",
            action="dropped",
            label=labels[i],
            value=_fmt_number(values[i, i]),
        )
    np.fill_diagonal(values, 0.0)
    values[~keep, :] = 0.0
    values[:, ~keep] = 0.0
    symmetric = bool(np.array_equal(values, values.T))
    if directed is None:
        is_directed = not symmetric
        report.note("matrix_symmetric" if symmetric else "matrix_asymmetric", source=name)
    elif directed is False and not symmetric:
        ii, jj = np.nonzero(np.triu(values != values.T, k=1))
        for i, j in zip(ii.tolist(), jj.tolist()):
            report.add(
                name,
                rows[i],
                labels[j],
                _fmt_number(values[i, j]),
                "asymmetric",
                row_label=labels[i],
                column_label=labels[j],
                value=_fmt_number(values[i, j]),
                mirror=_fmt_number(values[j, i]),
            )
    src, dst = np.nonzero(values if is_directed else np.triu(values, k=1))
    id_arr = np.array(ids, dtype=object)
    ties = pd.DataFrame(
        {
            "source": id_arr[src] if len(src) else np.array([], dtype=object),
            "target": id_arr[dst] if len(dst) else np.array([], dtype=object),
            "relation": relation,
            "row": np.asarray(rows, dtype="int64")[src],
            "weight": values[src, dst],
        }
    ).astype({"source": object, "target": object, "relation": object})
    if not is_directed:
        ties = order_pairs(ties)
    if members is None:
        names = {lab: lab for lab in labels}
    return ties, extra, names, is_directed


def _fmt_number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


# =============================================================================
# Kumu
# =============================================================================
def read_kumu(
    path: str | os.PathLike[str],
    *,
    actors: MemberList | str | os.PathLike[str] | pd.DataFrame | None = None,
    elements_sheet: str = "Elements",
    connections_sheet: str = "Connections",
    directed: bool | None = True,
    unknown: str = "keep",
    fuzzy_threshold: float | None = None,
    source: str | None = None,
    errors: str = "repair",
) -> NetworkData:
    """Read a Kumu workbook: an Elements sheet (actors) and a Connections sheet (ties).

    Parameters
    ----------
    path : path
        An ``.xlsx`` workbook in Kumu's import layout.
    actors : MemberList, path or pandas.DataFrame, optional
        Member list. Without one, each element's ``ID`` (if the sheet has that
        column) or else its ``Label`` is the actor id. With one, those are
        resolved to the member list's ids (see :func:`read_edgelist`).
    elements_sheet, connections_sheet : str
        Sheet names (matched ignoring case).
    directed : bool or None, default=True
        ``True``: ``From -> To`` ties; connections whose ``Direction`` is
        ``"undirected"`` or ``"mutual"`` give a tie each way. ``False``: every
        connection is one undirected tie (``source < target``). ``None``:
        undirected when no connection is directed (a blank Direction counts as
        Kumu's default, ``"directed"``).
    unknown, fuzzy_threshold, source, errors
        As in :func:`read_edgelist`.

    Returns
    -------
    NetworkData
        ``kind="kumu"``. Actors: one per element, plus organizations that
        only occur in connections; ``name`` = ``Label``, attributes ``type``,
        ``tags``, ``description`` and every other field under its own name.
        Ties: ``relation`` = ``Type`` (``"tie"`` when blank), ``weight`` =
        ``Strength``, attributes ``tags``, ``description``, ``label`` and the
        other fields.

    Raises
    ------
    SchemaError
        If the file is not a workbook, or ``Label`` / ``From`` / ``To`` are missing.
    RowError, InputError
        For blank or repeated labels, invalid ``Strength`` or ``Direction``.

    Notes
    -----
    Multi-valued fields (``Tags``: ``"a|b"``) are kept as ``|``-joined text.
    Fields whose non-blank cells are all numbers become floats. Connection
    endpoints are matched to element labels exactly, then to element ids;
    names found in no element are reported (warning) and kept as actors.
    A ``status`` field with sysmap's status values (as written by
    :func:`write_kumu`) is kept as the actor status. A sheet that is present
    but empty means no elements (or no connections).

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = pathlib.Path(folder.name) / "map.xlsx"
    >>> with pd.ExcelWriter(path) as xl:
    ...     pd.DataFrame({"Label": ["Stadt", "Schule", "Verein"], "Type": ["GOV", "EDU", "NGO"]}
    ...                  ).to_excel(xl, sheet_name="Elements", index=False)
    ...     pd.DataFrame({"From": ["Stadt"], "To": ["Schule"], "Strength": [3],
    ...                   "Direction": ["mutual"]}
    ...                  ).to_excel(xl, sheet_name="Connections", index=False)
    >>> data = read_kumu(path)
    >>> data.actors[["name", "type"]]
              name type
    actor
    Schule  Schule  EDU
    Stadt    Stadt  GOV
    Verein  Verein  NGO
    >>> data.ties[["source", "target", "weight"]]
       source  target  weight
    0  Schule   Stadt     3.0
    1   Stadt  Schule     3.0
    >>> folder.cleanup()
    """
    if directed is not None and not isinstance(directed, (bool, np.bool_)):
        msg = f"directed must be True, False or None; got {directed!r}."
        raise ParameterError(msg)
    report = IngestReport.for_errors(errors)
    members = member_list(actors, report)
    name = source_name(path, source)
    report.sources.append(name)
    ties = empty_ties()
    extra: dict[str, str] = {}
    names: dict[str, str] = {}
    attrs: pd.DataFrame | None = None
    is_directed = True if directed is None else bool(directed)
    sheets = _kumu_sheets(path, name, report, elements_sheet, connections_sheet)
    if sheets is not None:
        el_sheet, co_sheet = sheets
        elements = connections = None
        if el_sheet:
            elements = _read_sheet(path, el_sheet, f"{name} [{el_sheet}]", report)
        if co_sheet:
            connections = _read_sheet(path, co_sheet, f"{name} [{co_sheet}]", report)
        lookup: dict[str, str] = {}
        if elements is not None:
            names, attrs, lookup, el_extra = _kumu_elements(
                elements, members, report, f"{name} [{el_sheet}]", unknown, fuzzy_threshold
            )
            extra.update(el_extra)
        if connections is not None:
            ties, co_extra, is_directed = _kumu_connections(
                connections,
                members,
                report,
                f"{name} [{co_sheet}]",
                lookup,
                directed,
                unknown,
                fuzzy_threshold,
            )
            extra.update(co_extra)
    data = finish(
        ties,
        members,
        report,
        name,
        None,
        extra,
        errors,
        kind="kumu",
        directed=is_directed,
        params={"directed": directed, "unknown": unknown, "fuzzy_threshold": fuzzy_threshold},
    )
    return _with_actors(data, names, attrs)


def _kumu_sheets(
    path: object, name: str, report: IngestReport, elements: str, connections: str
) -> tuple[str | None, str | None] | None:
    p = Path(path)  # type: ignore[arg-type]
    if not p.exists():
        report.add(name, None, None, str(p), "file", "file_not_found")
        return None
    if p.suffix.lower() not in EXCEL_SUFFIXES:
        report.add(
            name,
            None,
            None,
            p.suffix,
            "format",
            "kumu_not_excel",
            elements=elements,
            connections=connections,
        )
        return None
    try:
        with pd.ExcelFile(p) as book:
            available = [str(s) for s in book.sheet_names]
    except Exception as exc:  # corrupt or not a workbook  # noqa: BLE001
        report.add(name, None, None, None, "parse", "excel_unreadable", detail=str(exc))
        return None
    folded = {s.casefold(): s for s in available}
    el, co = folded.get(elements.casefold()), folded.get(connections.casefold())
    if el is None and co is None:
        report.add(
            name,
            None,
            None,
            None,
            "sheet",
            "kumu_no_sheets",
            elements=elements,
            connections=connections,
            found=", ".join(f"'{a}'" for a in available),
        )
        return None
    for wanted, got in ((elements, el), (connections, co)):
        if got is None:
            report.note("kumu_sheet_missing", source=name, sheet=wanted)
    return el, co


def _read_sheet(path: object, sheet: str, name: str, report: IngestReport) -> pd.DataFrame | None:
    """One sheet; an empty sheet is noted (not an error)."""
    sub = IngestReport(strict=report.strict)
    frame = read_table(path, sub, source=name, sheet=sheet)  # type: ignore[arg-type]
    if frame is not None:  # text write_kumu wrote with a leading apostrophe (see write_excel)
        frame = frame.map(restore_formula_text)
        frame.columns = [restore_formula_text(c) for c in frame.columns]
    if frame is None and all(p.check == "empty" for p in sub.errors):
        sub._problems = [p for p in sub._problems if p.check != "empty"]
        sub.note("sheet_empty", source=name, sheet=sheet)
    report.extend(sub)
    return frame


def _kumu_elements(
    frame: pd.DataFrame,
    members: MemberList | None,
    report: IngestReport,
    name: str,
    unknown: str,
    fuzzy_threshold: float | None,
) -> tuple[dict[str, str], pd.DataFrame | None, dict[str, str], dict[str, str]]:
    """Element ids -> labels, attributes (indexed by id), name -> key lookup, extra names."""
    found = find_columns(
        frame, KUMU_ELEMENT_COLUMNS, report, name, required=["label"], table="Kumu Elements sheet"
    )
    if "label" not in found:
        return {}, None, {}, {}
    label_col = found["label"]
    labels = frame[label_col]
    keys = labels.copy()
    if "id" in found:
        keys = frame[found["id"]].where(frame[found["id"]] != "", labels)
    keep = pd.Series(True, index=frame.index)
    first_label: dict[str, int] = {}
    first_key: dict[str, int] = {}
    for idx in frame.index:
        row, label, key = int(frame.at[idx, ROW]), labels[idx], keys[idx]
        if label == "":
            report.add(
                name,
                row,
                label_col,
                "",
                "blank_label",
                "kumu_blank_label",
                repair=True,
                action="dropped",
            )
            keep[idx] = False
            continue
        if label in first_label:
            report.add(
                name,
                row,
                label_col,
                label,
                "duplicate_label",
                "kumu_duplicate_label",
                repair=True,
                action="dropped",
                label=label,
                first_row=str(first_label[label]),
            )
            keep[idx] = False
            continue
        first_label[label] = row
        if key in first_key:
            col = found.get("id", label_col)
            report.add(
                name,
                row,
                col,
                key,
                "duplicate_id",
                "kumu_duplicate_id",
                repair=True,
                action="dropped",
                key=key,
                first_row=str(first_key[key]),
            )
            keep[idx] = False
            continue
        first_key[key] = row
    frame, labels, keys = frame.loc[keep], labels[keep], keys[keep]
    lookup = {**dict(zip(keys, keys)), **dict(zip(labels, keys))}  # labels first
    extra: dict[str, str] = {}
    ids = keys
    if members is not None:
        key_frame = pd.DataFrame({ROW: frame[ROW], label_col: keys}, index=frame.index)
        resolved, extra = resolve_endpoints(
            key_frame,
            [label_col],
            members,
            report,
            name,
            unknown=unknown,
            fuzzy_threshold=fuzzy_threshold,
        )
        ids = resolved[label_col]
        frame, labels = frame.loc[resolved.index], labels[resolved.index]
        lookup = {k: v for k, v in lookup.items() if v in set(keys[resolved.index])}
        to_id = dict(zip(keys[resolved.index], ids))
        lookup = {k: to_id[v] for k, v in lookup.items()}
    names = dict(zip(ids, labels)) if members is None else dict(extra)
    attrs = pd.DataFrame(index=pd.Index(list(ids), name="actor"))
    skip = {ROW, label_col, found.get("id")}
    for col in frame.columns:
        if col in skip:
            continue
        role = next((r for r, c in found.items() if c == col), None)
        attrs[role or col] = infer_attribute(frame[col]).to_numpy()
    return names, attrs, lookup, extra


def _kumu_connections(
    frame: pd.DataFrame,
    members: MemberList | None,
    report: IngestReport,
    name: str,
    lookup: dict[str, str],
    directed: bool | None,
    unknown: str,
    fuzzy_threshold: float | None,
) -> tuple[pd.DataFrame, dict[str, str], bool]:
    found = find_columns(
        frame,
        KUMU_CONNECTION_COLUMNS,
        report,
        name,
        required=["from", "to"],
        table="Kumu Connections sheet",
    )
    if "from" not in found or "to" not in found:
        return empty_ties(), {}, True if directed is None else bool(directed)
    roles = {"source": found["from"], "target": found["to"]}
    if "type" in found:
        roles["relation"] = found["type"]
    if "strength" in found:
        roles["weight"] = found["strength"]
    # directions, checked on every row
    if "direction" in found:
        col = found["direction"]
        direction = frame[col].str.strip().str.casefold().replace("", "directed")
        for idx in frame.index[~direction.isin(_KUMU_DIRECTIONS)]:
            report.add(
                name,
                int(frame.at[idx, ROW]),
                col,
                frame.at[idx, col],
                "direction",
                "kumu_direction",
                repair=True,
                action="repaired",
                value=frame.at[idx, col],
                choices=", ".join(_KUMU_DIRECTIONS),
            )
        direction = direction.where(direction.isin(_KUMU_DIRECTIONS), "directed")
    else:
        direction = pd.Series("directed", index=frame.index)
    # endpoints that are not elements
    known = set(lookup)
    for col in (found["from"], found["to"]):
        for idx in frame.index[(frame[col] != "") & ~frame[col].isin(known)]:
            value = frame.at[idx, col]
            report.add(
                name,
                int(frame.at[idx, ROW]),
                col,
                value,
                "unknown_element",
                severity="warning",
                action="added",
                name=value,
            )
    rename = {c: r for r, c in found.items() if r in ("tags", "description", "label")}
    work = frame
    extra: dict[str, str] = {}
    to_id = dict(lookup)
    if members is not None:
        # element keys were resolved with the Elements sheet; resolve the other names here
        others = []
        for col in (found["from"], found["to"]):
            mask = (frame[col] != "") & ~frame[col].isin(known)
            others.append(pd.DataFrame({ROW: frame.loc[mask, ROW], "name": frame.loc[mask, col]}))
        other_frame = pd.concat(others).drop_duplicates("name")
        if len(other_frame):
            resolved, extra = resolve_endpoints(
                other_frame,
                ["name"],
                members,
                report,
                name,
                unknown=unknown,
                fuzzy_threshold=fuzzy_threshold,
            )
            to_id.update(dict(zip(other_frame.loc[resolved.index, "name"], resolved["name"])))
            lost = set(other_frame["name"]) - set(other_frame.loc[resolved.index, "name"])
            if lost:
                drop = frame[found["from"]].isin(lost) | frame[found["to"]].isin(lost)
                work = frame.loc[~drop]
    ties, _ = _table_ties(
        work,
        roles,
        None,
        report,
        name,
        unknown=unknown,
        fuzzy_threshold=fuzzy_threshold,
        merge_spellings=False,
        rename=rename,
        skip=[found["direction"]] if "direction" in found else [],
        lookup=to_id,
    )
    direction = direction.reindex(ties.index)
    if directed is None:
        is_directed = bool((direction == "directed").any()) or not len(ties)
        report.note("kumu_directed" if is_directed else "kumu_undirected", source=name)
    else:
        is_directed = bool(directed)
    if is_directed:
        both = direction.isin(["undirected", "mutual"]).to_numpy()
        if both.any():
            back = ties.loc[both].copy()
            back["source"], back["target"] = ties.loc[both, "target"], ties.loc[both, "source"]
            ties = pd.concat([ties, back], ignore_index=True)
            report.note("kumu_mutual_both_ways", source=name, n=int(both.sum()))
    else:
        n_dir = int((direction == "directed").sum())
        if n_dir and directed is False:
            report.note("kumu_directed_as_undirected", source=name, n=n_dir)
    ties = _clean_ties(ties, report, name, found["from"], directed=is_directed)
    return ties, extra, is_directed


def write_kumu(
    G: nx.Graph,
    path: str | os.PathLike[str],
    *,
    type: str | None = None,
) -> Path:
    """Write `G` as a Kumu import workbook (sheets Elements and Connections).

    Parameters
    ----------
    G : networkx.Graph
        Any networkx graph (directed, undirected, multigraph). Node attribute
        ``name`` gives the label; edge attributes ``relation`` and ``weight``
        give the connection Type and Strength.
    path : path
        The ``.xlsx`` file to write (overwritten).
    type : str, optional
        Node attribute for Kumu's element ``Type``; by default ``"sector"`` if
        some actor has it, else ``"type"`` if some actor has it, else none.

    Returns
    -------
    pathlib.Path
        The file written.

    Notes
    -----
    The workbook is written by :func:`sysmap.export.write_excel`: text that a
    spreadsheet would run as a formula (``=HYPERLINK(...)``, also in a
    header) gets a leading apostrophe, which :func:`read_kumu` removes again;
    control characters are removed; the file is replaced only once complete.
    Elements: ``Label`` = ``name`` (or the node id), made unique by adding the
    id in parentheses where two actors share a name; ``ID`` = the node id
    (written only when some label differs from its id, so the ids survive a
    round trip through :func:`read_kumu`); ``Type``; then every other node
    attribute as a field (also the one used for ``Type``, so it keeps its own
    name). Connections: ``From``, ``To`` (labels), ``Type`` (``relation``),
    ``Strength`` (``weight``), ``Direction`` (``"directed"`` for directed
    graphs, else ``"undirected"``), then the other edge attributes. Lists
    become ``|``-joined text, dictionaries JSON, ``None``/``NaN`` blank cells.
    `G` is not modified. Read an undirected graph back with
    ``read_kumu(path, directed=None)`` (the default, ``directed=True``, gives a
    tie each way).

    Examples
    --------
    >>> import tempfile, pathlib, networkx as nx
    >>> G = nx.DiGraph()
    >>> G.add_node("A1", name="Stadt", sector="GOV")
    >>> G.add_node("A2", name="Schule", sector="EDU")
    >>> G.add_edge("A1", "A2", weight=2.0, relation="info")
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = write_kumu(G, pathlib.Path(folder.name) / "map.xlsx")
    >>> data = read_kumu(path)
    >>> data.actors[["name", "type", "sector"]]
             name type sector
    actor
    A1      Stadt  GOV    GOV
    A2     Schule  EDU    EDU
    >>> data.ties[["source", "target", "relation", "weight"]]
      source target relation  weight
    0     A1     A2     info     2.0
    >>> folder.cleanup()
    """
    if not isinstance(G, nx.Graph):
        msg = f"G must be a networkx graph; got {_type_name(G)}."
        raise GraphTypeError(msg)
    path = Path(path)
    nodes = list(G.nodes)
    ids = _string_ids(nodes)
    if type is None:
        type = next(
            (a for a in ("sector", "type") if any(a in d for _, d in G.nodes(data=True))), None
        )
    raw_names = [
        str(_plain(G.nodes[n].get("name")))
        if _plain(G.nodes[n].get("name")) is not None
        else ids[n]
        for n in nodes
    ]
    labels = _unique_labels(raw_names, [ids[n] for n in nodes])
    label_of = dict(zip(nodes, labels))
    elements: dict[str, list] = {"Label": labels}
    if any(label != ids[n] for n, label in zip(nodes, labels)):
        elements["ID"] = [ids[n] for n in nodes]
    if type is not None:
        elements["Type"] = [_cell(G.nodes[n].get(type)) for n in nodes]
    node_keys = _attribute_keys(d for _, d in G.nodes(data=True))
    for key in node_keys:
        if key == "name":
            continue
        column = key if key not in elements else f"{key} (attribute)"
        elements[column] = [_cell(G.nodes[n].get(key)) for n in nodes]
    edge_rows = list(G.edges(data=True))
    connections: dict[str, list] = {
        "From": [label_of[u] for u, _, _ in edge_rows],
        "To": [label_of[v] for _, v, _ in edge_rows],
        "Type": [_cell(d.get("relation")) for _, _, d in edge_rows],
        "Strength": [_cell(d.get("weight")) for _, _, d in edge_rows],
        "Direction": ["directed" if G.is_directed() else "undirected"] * len(edge_rows),
    }
    for key in _attribute_keys(d for _, _, d in edge_rows):
        if key in ("relation", "weight"):
            continue
        column = key if key not in connections else f"{key} (attribute)"
        connections[column] = [_cell(d.get(key)) for _, _, d in edge_rows]
    sheets = {"Elements": pd.DataFrame(elements), "Connections": pd.DataFrame(connections)}
    return write_excel(sheets, path, index=False)


def _type_name(obj: object) -> str:
    return type(obj).__name__ if not isinstance(obj, str) else "str"


def _attribute_keys(dicts: Iterable[Mapping]) -> list[str]:
    """Attribute names in order of first appearance."""
    keys: dict[str, None] = {}
    for d in dicts:
        for k in d:
            keys.setdefault(str(k), None)
    return list(keys)


def _unique_labels(names: list[str], ids: list[str]) -> list[str]:
    counts = Counter(names)
    labels = [f"{n} ({i})" if counts[n] > 1 else n for n, i in zip(names, ids)]
    seen: set[str] = set()
    out = []
    for label in labels:
        candidate, k = label, 2
        while candidate in seen:
            candidate = f"{label} #{k}"
            k += 1
        seen.add(candidate)
        out.append(candidate)
    return out


def _cell(value: object) -> object:
    """A value for a spreadsheet cell: plain scalar or text, None for blank."""
    return _plain(value)


# =============================================================================
# GraphML and GEXF
# =============================================================================
def read_graphml(
    path: str | os.PathLike[str],
    *,
    actors: MemberList | str | os.PathLike[str] | pd.DataFrame | None = None,
    unknown: str = "keep",
    fuzzy_threshold: float | None = None,
    source: str | None = None,
    errors: str = "repair",
) -> NetworkData:
    """Read a GraphML file (yEd, Gephi, igraph, networkx, sysmap) into network data.

    Parameters
    ----------
    path : path
        A ``.graphml`` file.
    actors : MemberList, path or pandas.DataFrame, optional
        Member list; node ids that are member ids are kept, other nodes are
        resolved by their name (see :func:`read_edgelist`).
    unknown, fuzzy_threshold, source, errors
        As in :func:`read_edgelist`.

    Returns
    -------
    NetworkData
        ``kind="graphml"``, directed as the file says. Actors: node ids as
        strings; ``name`` from the node attribute ``name``, else ``label``,
        else the id; other node attributes as columns. Ties: edge attributes
        as columns; ``relation`` from the edge attribute ``relation`` or
        ``type`` (else ``"tie"``); ``row`` = the edge's position in the file
        (1 = first edge). Graph attributes are in ``provenance["graph"]``
        (JSON text decoded).

    Raises
    ------
    SchemaError
        If the file is missing or is not valid GraphML.
    InputError
        If parallel edges of one relation carry different attributes.

    Notes
    -----
    Self-loops are dropped (warning). Parallel edges (multigraph files) are
    separate ties when they differ in ``relation``/``type``; otherwise they
    are duplicates: identical ones are dropped (warning), different ones are
    an error (add a ``relation`` attribute, or collapse them first). Edge
    attribute ``id`` (the file's edge identifiers) is not kept. A node
    attribute ``status`` with one of sysmap's status values is kept.

    Examples
    --------
    >>> import tempfile, pathlib, networkx as nx
    >>> G = nx.Graph()
    >>> G.add_edge("A1", "A2", weight=1.5)
    >>> G.add_node("A1", name="Jugendamt Köln")
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = write_graphml(G, pathlib.Path(folder.name) / "net.graphml")
    >>> data = read_graphml(path)
    >>> data.actors["name"].tolist(), data.ties[["source", "target", "weight"]].values.tolist()
    (['Jugendamt Köln', 'A2'], [['A1', 'A2', 1.5]])
    >>> folder.cleanup()
    """
    return _read_graph_file(
        path,
        "graphml",
        nx.read_graphml,
        actors=actors,
        unknown=unknown,
        fuzzy_threshold=fuzzy_threshold,
        source=source,
        errors=errors,
    )


def read_gexf(
    path: str | os.PathLike[str],
    *,
    actors: MemberList | str | os.PathLike[str] | pd.DataFrame | None = None,
    unknown: str = "keep",
    fuzzy_threshold: float | None = None,
    source: str | None = None,
    errors: str = "repair",
) -> NetworkData:
    """Read a GEXF file (Gephi; versions 1.1, 1.2 and 1.3) into network data.

    Parameters and results are as in :func:`read_graphml` (``kind="gexf"``).
    The node ``label`` is the actor's name. Visual attributes (colour, size,
    position) and the edge ids are not kept; mutual edges give a tie each way.

    Examples
    --------
    >>> import tempfile, pathlib, networkx as nx
    >>> G = nx.DiGraph()
    >>> G.add_node("A1", name="Straßenkinder e.V.", sector="NGO")
    >>> G.add_edge("A1", "A2", weight=3)
    >>> folder = tempfile.TemporaryDirectory()
    >>> data = read_gexf(write_gexf(G, pathlib.Path(folder.name) / "net.gexf"))
    >>> data.actors[["name", "sector"]]
                         name sector
    actor
    A1     Straßenkinder e.V.    NGO
    A2                     A2    NaN
    >>> folder.cleanup()
    """
    return _read_graph_file(
        path,
        "gexf",
        nx.read_gexf,
        actors=actors,
        unknown=unknown,
        fuzzy_threshold=fuzzy_threshold,
        source=source,
        errors=errors,
    )


def _read_graph_file(
    path: object,
    kind: str,
    reader: Any,
    *,
    actors: object,
    unknown: str,
    fuzzy_threshold: float | None,
    source: str | None,
    errors: str,
) -> NetworkData:
    report = IngestReport.for_errors(errors)
    members = member_list(actors, report)
    name = source_name(path, source)  # type: ignore[arg-type]
    report.sources.append(name)
    G = None
    p = Path(path)  # type: ignore[arg-type]
    if not p.exists():
        report.add(name, None, None, str(p), "file", "file_not_found")
    else:
        try:
            G = reader(p)
        except (
            nx.NetworkXError,
            ET.ParseError,
            ValueError,
            KeyError,
            TypeError,
            AttributeError,
            IndexError,
        ) as exc:
            report.add(
                name,
                None,
                None,
                None,
                "parse",
                "graph_file_unreadable",
                kind="GEXF" if kind == "gexf" else "GraphML",
                detail=f"{type(exc).__name__}: {exc}",
            )
    ties = empty_ties()
    extra: dict[str, str] = {}
    names: dict[str, str] = {}
    attrs = None
    directed = True
    graph_attrs: dict[str, Any] = {}
    if G is not None:
        directed = G.is_directed()
        ties, extra, names, attrs = _graph_ties(
            G, kind, members, report, name, unknown, fuzzy_threshold
        )
        graph_attrs = _graph_attributes(G)
        report.note(
            "graph_file_"
            + ("directed" if directed else "undirected")
            + ("_multi" if G.is_multigraph() else ""),
            source=name,
            nodes=G.number_of_nodes(),
            edges=G.number_of_edges(),
        )
    data = finish(
        ties,
        members,
        report,
        name,
        None,
        extra,
        errors,
        kind=kind,
        directed=directed,
        params={"unknown": unknown, "fuzzy_threshold": fuzzy_threshold},
    )
    data = _with_actors(data, names, attrs)
    if graph_attrs:
        data.provenance["graph"] = graph_attrs
    return data


def _graph_ties(
    G: nx.Graph,
    kind: str,
    members: MemberList | None,
    report: IngestReport,
    name: str,
    unknown: str,
    fuzzy_threshold: float | None,
) -> tuple[pd.DataFrame, dict[str, str], dict[str, str], pd.DataFrame]:
    node_list = list(G.nodes)
    node_names: dict[Hashable, str] = {}
    node_rows = []
    for n in node_list:
        data = dict(G.nodes[n])
        data.pop("viz", None)
        label = data.pop("label", None)
        own = data.pop("name", None)
        display = own if own not in (None, "") else label if label not in (None, "") else str(n)
        if own not in (None, "") and label not in (None, "") and str(label) != str(own):
            data["label"] = label
        node_names[n] = str(display)
        node_rows.append({k: _cell_value(v) for k, v in data.items()})
    ids = {n: str(n) for n in node_list}
    extra: dict[str, str] = {}
    if members is not None:
        keys = [ids[n] if ids[n] in members.registry else node_names[n] for n in node_list]
        key_frame = pd.DataFrame({ROW: np.arange(1, len(node_list) + 1), "node": keys})
        resolved, extra = resolve_endpoints(
            key_frame,
            ["node"],
            members,
            report,
            name,
            unknown=unknown,
            fuzzy_threshold=fuzzy_threshold,
        )
        resolved_ids = dict(zip(resolved.index, resolved["node"]))
        kept = [n for i, n in enumerate(node_list) if i in resolved_ids]
        ids = {n: resolved_ids[i] for i, n in enumerate(node_list) if i in resolved_ids}
        node_rows = [r for i, r in enumerate(node_rows) if i in resolved_ids]
        node_list = kept
        names = dict(extra)
    else:
        names = {ids[n]: node_names[n] for n in node_list}
    attrs = pd.DataFrame(node_rows, index=pd.Index([ids[n] for n in node_list], name="actor"))
    if attrs.index.has_duplicates:  # two nodes resolved to one actor: keep the first's values
        attrs = attrs.loc[~attrs.index.duplicated()]
    records = []
    edges = (
        G.edges(keys=True, data=True)
        if G.is_multigraph()
        else ((u, v, None, d) for u, v, d in G.edges(data=True))
    )
    for position, (u, v, _key, data) in enumerate(edges, start=1):
        if u not in ids or v not in ids:  # endpoint dropped (unknown="drop")
            continue
        data = dict(data)
        data.pop("id", None)
        if G.is_multigraph():
            data.pop("key", None)
        relation = data.pop("relation", None)
        if relation in (None, ""):
            relation = data.pop("type", None)
        record = {
            "source": ids[u],
            "target": ids[v],
            "relation": DEFAULT_RELATION if relation in (None, "") else str(relation),
            "row": position,
        }
        for k, value in data.items():
            attr = f"{k}_" if k in _RESERVED_TIE_COLUMNS else str(k)
            record[attr] = _cell_value(value)
        records.append(record)
    if records:
        ties = pd.DataFrame.from_records(records)
        ties = ties.astype({"source": object, "target": object, "relation": object, "row": "int64"})
    else:
        ties = empty_ties()
    ties = _clean_ties(ties, report, name, "source", directed=G.is_directed())
    return ties, extra, names, attrs


def _cell_value(value: object) -> object:
    """A file attribute as a table cell: scalars kept, lists joined, dicts as JSON."""
    plain = _plain(value)
    return np.nan if plain is None else plain


def _graph_attributes(G: nx.Graph) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in G.graph.items():
        if key in ("node_default", "edge_default"):
            continue
        if isinstance(value, str) and value[:1] in "{[":
            try:
                value = json.loads(value)
            except ValueError:
                pass
        out[str(key)] = value
    return out


def write_graphml(G: nx.Graph, path: str | os.PathLike[str]) -> Path:
    """Write `G` as GraphML (UTF-8), converting values GraphML cannot hold.

    Parameters
    ----------
    G : networkx.Graph
        Any networkx graph; it is not modified.
    path : path
        The ``.graphml`` file to write (overwritten).

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    GraphTypeError
        If `G` is not a networkx graph.
    ParameterError
        If two node ids have the same text (e.g. ``1`` and ``"1"``).

    Notes
    -----
    Node ids are written as text. Attribute values are made writable:
    ``None`` and ``NaN`` are omitted, numpy scalars become Python scalars,
    lists/tuples/sets/arrays become ``|``-joined text, dictionaries (such as
    ``G.graph["sysmap"]``) become JSON text under the same key, dates ISO
    text and anything else ``str(value)``. An attribute holding ints and
    floats is written as float; one mixing text with other types as text.
    Control characters, which XML cannot hold, are removed from ids, keys
    and text (:func:`sysmap._text.clean_control_characters`). The file is
    replaced only once it is completely written.

    Examples
    --------
    >>> import tempfile, pathlib, networkx as nx, numpy as np
    >>> G = nx.Graph(sysmap={"reader": "survey"})
    >>> G.add_edge("A", "B", weight=np.float64(0.5), tags=["x", "y"])
    >>> folder = tempfile.TemporaryDirectory()
    >>> H = nx.read_graphml(write_graphml(G, pathlib.Path(folder.name) / "g.graphml"))
    >>> H.edges["A", "B"], H.graph["sysmap"]
    ({'weight': 0.5, 'tags': 'x|y'}, '{"reader": "survey"}')
    >>> folder.cleanup()
    """
    H = _writable_copy(G)
    path = Path(path)
    with replacing(path) as tmp:
        nx.write_graphml(H, tmp, encoding="utf-8")
    return path


def write_gexf(G: nx.Graph, path: str | os.PathLike[str]) -> Path:
    """Write `G` as GEXF 1.2draft for Gephi; node labels are the ``name`` attribute.

    Parameters
    ----------
    G : networkx.Graph
        Any networkx graph; it is not modified.
    path : path
        The ``.gexf`` file to write (overwritten).

    Returns
    -------
    pathlib.Path
        The file written.

    Notes
    -----
    Values are made writable as in :func:`write_graphml`. The node label is
    ``name`` (else the id), and ``name`` is not repeated as an attribute.
    Node and edge attributes called ``id`` (which GEXF reserves) are written
    as ``id_``. Graph attributes other than ``name`` are not part of GEXF and
    are not written. Colours and positions are not written.

    Examples
    --------
    >>> import tempfile, pathlib, networkx as nx
    >>> G = nx.DiGraph()
    >>> G.add_node(1, name="東京都庁")
    >>> G.add_edge(1, 2)
    >>> folder = tempfile.TemporaryDirectory()
    >>> H = nx.read_gexf(write_gexf(G, pathlib.Path(folder.name) / "g.gexf"))
    >>> H.nodes["1"]["label"], list(H.edges)
    ('東京都庁', [('1', '2')])
    >>> folder.cleanup()
    """
    H = _writable_copy(G, gexf=True)
    path = Path(path)
    with replacing(path) as tmp:
        nx.write_gexf(H, tmp, encoding="utf-8", version="1.2draft")
    return path


def _writable_copy(G: nx.Graph, *, gexf: bool = False) -> nx.Graph:
    """A new graph with string node ids and attribute values every format can hold."""
    if not isinstance(G, nx.Graph):
        msg = f"G must be a networkx graph; got {_type_name(G)}."
        raise GraphTypeError(msg)
    cls = {
        (False, False): nx.Graph,
        (True, False): nx.DiGraph,
        (False, True): nx.MultiGraph,
        (True, True): nx.MultiDiGraph,
    }[(G.is_directed(), G.is_multigraph())]
    H = cls()
    ids = _string_ids(G.nodes)
    node_data = [_plain_dict(d) for _, d in G.nodes(data=True)]
    if gexf:
        for d in node_data:
            if "id" in d:
                d["id_"] = d.pop("id")
            if "name" in d:
                d["label"] = str(d.pop("name"))
    _unify_types(node_data)
    H.add_nodes_from((ids[n], d) for n, d in zip(G.nodes, node_data))
    if G.is_multigraph():
        rows = list(G.edges(keys=True, data=True))
        edge_data = [_plain_dict(d) for _, _, _, d in rows]
    else:
        rows = list(G.edges(data=True))
        edge_data = [_plain_dict(d) for _, _, d in rows]
    if gexf:
        for d in edge_data:
            if "id" in d:
                d["id_"] = d.pop("id")
    _unify_types(edge_data)
    if G.is_multigraph():
        H.add_edges_from((ids[u], ids[v], _clean(k), d) for (u, v, k, _), d in zip(rows, edge_data))
    else:
        H.add_edges_from((ids[u], ids[v], d) for (u, v, _), d in zip(rows, edge_data))
    graph_data = {}
    for key, value in G.graph.items():
        if isinstance(value, Mapping):
            graph_data[str(key)] = json.dumps(_jsonable(value), ensure_ascii=False, sort_keys=True)
        else:
            plain = _plain(value)
            if plain is not None:
                graph_data[clean_control_characters(str(key))] = _clean(plain)
    _unify_types([graph_data])
    H.graph.update(graph_data)
    return H


def _string_ids(nodes: Iterable[Hashable]) -> dict[Hashable, str]:
    ids = {
        n: clean_control_characters(str(_plain(n)) if isinstance(n, np.generic) else str(n))
        for n in nodes
    }
    if len(set(ids.values())) < len(ids):
        clash = Counter(ids.values())
        dup = sorted(k for k, c in clash.items() if c > 1)[:5]
        msg = f"node ids {dup} are written as the same text; relabel the nodes first."
        raise ParameterError(msg)
    return ids


def _plain_dict(data: Mapping) -> dict[str, Any]:
    """Attributes as writable values under text keys, without control characters."""
    out = {}
    for key, value in data.items():
        plain = _plain(value)
        if plain is not None:
            out[clean_control_characters(str(key))] = _clean(plain)
    return out


def _clean(value: object) -> object:
    return clean_control_characters(value) if isinstance(value, str) else value


def _plain(value: object) -> Any:
    """A Python scalar or text for `value`; ``None`` for missing (None, NaN, NA)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return None if np.isnan(value) else value
    if isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, Mapping):
        return json.dumps(_jsonable(value), ensure_ascii=False, sort_keys=True)
    if isinstance(value, (set, frozenset)):
        value = sorted(value, key=str)
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        parts = [_plain(v) for v in value]
        return "|".join(str(p) for p in parts if p is not None)
    if isinstance(value, (_dt.date, _dt.datetime, pd.Timestamp)):
        return value.isoformat()
    return str(value)


def _jsonable(value: object) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset, np.ndarray)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else list(value)
        return [_jsonable(v) for v in items]
    if isinstance(value, np.generic):
        return value.item()
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (_dt.date, _dt.datetime, pd.Timestamp)):
        return value.isoformat()
    return str(value)


def _unify_types(rows: list[dict[str, Any]]) -> None:
    """One type per attribute: ints and floats -> float, any other mix -> text (in place)."""
    kinds: dict[str, set[type]] = {}
    for d in rows:
        for key, value in d.items():
            kinds.setdefault(key, set()).add(type(value))
    for key, types in kinds.items():
        if len(types) <= 1:
            continue
        to = float if types <= {int, float} else str
        for d in rows:
            if key in d:
                d[key] = to(d[key])


# =============================================================================
# Shared: actors that have no ties, actor attributes from the file
# =============================================================================
def _with_actors(
    data: NetworkData, names: Mapping[str, str], attrs: pd.DataFrame | None
) -> NetworkData:
    """Add actors without ties (from `names`) and file attributes to ``data.actors``."""
    actors = data.actors.copy()
    known = [a for a in names if a in actors.index]
    if known:
        actors.loc[known, "name"] = [names[a] for a in known]
    missing = [a for a in names if a not in actors.index]
    if missing:
        add = pd.DataFrame(
            {"name": [names[a] for a in missing], "status": NOT_SURVEYED},
            index=pd.Index(missing, name="actor"),
        )
        actors = pd.concat([actors, add]) if len(actors) else add
    if attrs is not None and len(attrs.columns):
        attrs = attrs.loc[attrs.index.isin(actors.index) & ~attrs.index.duplicated()]
        if "status" in attrs.columns:
            status = attrs.pop("status")
            valid = status[status.isin(STATUSES)]
            actors.loc[valid.index, "status"] = valid
            if len(valid) < status.notna().sum():
                data.report.note("status_values_ignored", statuses=", ".join(STATUSES))
        for col in attrs.columns:
            values = attrs[col].reindex(actors.index)
            if col in actors.columns:
                current = actors[col]
                blank = current.isna() | (current.astype(str) == "")
                actors[col] = current.where(~blank, values)
            else:
                actors[col] = values
    actors.index.name = "actor"
    data.actors = actors.loc[sorted(actors.index)]
    return data
