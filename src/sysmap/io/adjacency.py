"""Adjacency matrices: row labels in the first column, column labels as the header.

:func:`read_adjacency` checks every cell and label, reports all problems at
once (as :func:`~sysmap.io.edgelist.read_edgelist` does) and keeps every label
as an actor, also those without ties.
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd

from ..exceptions import ParameterError
from ._files import with_actors
from .assemble import (
    DEFAULT_RELATION,
    empty_ties,
    finish,
    member_list,
    order_pairs,
    resolve_endpoints,
)
from .model import MemberList, NetworkData
from .report import IngestReport
from .tables import ROW, read_table, source_name

__all__ = ["read_adjacency"]


def read_adjacency(
    data: str | os.PathLike[str] | pd.DataFrame,
    *,
    actors: MemberList | str | os.PathLike[str] | pd.DataFrame | None = None,
    directed: bool | None = None,
    relation: str | None = None,
    sheet: str | int | None = None,
    sep: str | None = None,
    source: str | None = None,
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
        Member list to resolve the labels against (see :func:`~sysmap.io.edgelist.read_edgelist`).
    directed : bool or None, default=None
        ``None``: a symmetric matrix is read as undirected, any other as
        directed (noted in ``report.notes``). ``False`` requires a symmetric
        matrix (each asymmetric pair is an error).
    relation : str, optional
        Relation name of the ties (default ``"tie"``).
    sheet, sep, source, errors, unknown, fuzzy_threshold
        As in :func:`~sysmap.io.edgelist.read_edgelist`.

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
    return with_actors(data_out, names, None)


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
