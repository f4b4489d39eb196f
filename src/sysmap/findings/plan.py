"""Intended collaboration: read a plan matrix (sector x sector or actor x actor).

A theory of change often says which sectors (or which organizations) should
work together. :func:`read_plan` reads that intention as a square matrix so
the ``plan_vs_reality`` rule can compare it with the observed ties.
"""

from __future__ import annotations

import math
import os

import numpy as np
import pandas as pd

from ..exceptions import ParameterError
from ..io.report import IngestReport
from ..io.tables import ROW, read_table, source_name

__all__ = ["read_plan"]


def _number(text: str) -> float | None:
    """A cell as a number (``"1"``, ``"2.0"``, ``"1,5"``); blank is 0; None if not a number."""
    text = text.strip()
    if text == "":
        return 0.0
    if text.count(",") == 1 and "." not in text:  # a decimal comma (1,5)
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


def read_plan(
    plan: str | os.PathLike[str] | pd.DataFrame,
    *,
    sheet: str | int | None = None,
    sep: str | None = None,
    source: str | None = None,
) -> pd.DataFrame:
    """Read an intended-collaboration matrix (sector x sector or actor x actor).

    Parameters
    ----------
    plan : path or pandas.DataFrame
        A CSV (any delimiter and common encoding) or Excel file, or a frame.
        The first column holds the row labels (its header names the matrix,
        e.g. ``sector``); the other headers are the column labels; cells are
        0/1 (planned or not) or counts (the number of ties planned). Blank
        cells read as 0. A frame whose index is not a plain range is read with
        its index as the row labels.
    sheet : str or int, optional
        Excel sheet (the first by default).
    sep : {",", ";", "tab", "|"}, optional
        CSV separator (``"\\t"`` for a tab too); detected when omitted.
    source : str, optional
        Name of the table in messages (default: the file name).

    Returns
    -------
    pandas.DataFrame
        Square, index and columns both the labels in the order of the rows
        (index and columns named after the first header); int values when
        every cell is a whole number, float otherwise.

    Raises
    ------
    SchemaError
        If the file cannot be read, has no data rows, or its row and column
        labels differ (the message lists the labels missing on each side), or
        a label is blank or repeated.
    RowError
        If one cell is not a number >= 0; the message names file, row,
        column and value.
    InputError
        If several cells are wrong (all are listed in ``exc.report.problems``).

    Notes
    -----
    The matrix is taken as given; the ``plan_vs_reality`` rule reads it as
    undirected, so a pair counts as planned when either of its two cells is
    positive (the larger value is the planned number of ties).

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"sector": ["Health", "Schools"], "Health": [1, 1],
    ...                       "Schools": [1, 0]})
    >>> read_plan(frame)
    sector   Health  Schools
    sector
    Health        1        1
    Schools       1        0
    """
    if isinstance(plan, pd.DataFrame) and not isinstance(plan.index, pd.RangeIndex):
        plan = plan.reset_index()
    elif not isinstance(plan, (pd.DataFrame, str, os.PathLike)):
        msg = f"plan must be a file path or a pandas DataFrame; got {type(plan).__name__}."
        raise ParameterError(msg)
    report = IngestReport()
    name = source_name(plan, source)
    frame = read_table(plan, report, source=name, sheet=sheet, sep=sep)
    if frame is None:
        report.raise_if_errors()
    columns = [c for c in frame.columns if c != ROW]
    if len(columns) < 2:
        report.add(
            name,
            None,
            None,
            columns,
            "plan_shape",
            found=", ".join(f"'{c}'" for c in columns),
        )
        report.raise_if_errors()
    label_col, col_labels = columns[0], columns[1:]
    rows = frame[label_col].astype(str).str.strip()
    for i, label in zip(frame[ROW], rows):
        if label == "":
            report.add(name, int(i), label_col, label, "plan_label", "plan_blank_label")
    for label in sorted({x for x in rows if (rows == x).sum() > 1 and x != ""}):
        report.add(
            name,
            None,
            label_col,
            label,
            "plan_label",
            "plan_duplicate_label",
            label=label,
        )
    blank_cols = [c for c in col_labels if c == "" or c.startswith("Unnamed:")]
    for c in blank_cols:
        report.add(
            name,
            None,
            c,
            c,
            "plan_label",
            "plan_blank_column",
        )
    report.raise_if_errors()
    missing_cols = [x for x in rows if x not in col_labels]
    missing_rows = [c for c in col_labels if c not in set(rows)]
    if missing_cols or missing_rows:
        report.add(
            name,
            None,
            None,
            None,
            "plan_square",
            rows_only=", ".join(f"'{x}'" for x in missing_cols) or "-",
            columns_only=", ".join(f"'{x}'" for x in missing_rows) or "-",
        )
        report.raise_if_errors()
    values = np.zeros((len(rows), len(col_labels)))
    for r, (row_number, record) in enumerate(zip(frame[ROW], frame[col_labels].to_numpy())):
        for c, cell in enumerate(record):
            number = _number(str(cell))
            if number is None or not math.isfinite(number) or number < 0:
                report.add(
                    name,
                    int(row_number),
                    col_labels[c],
                    cell,
                    "plan_value",
                    value=cell,
                )
            else:
                values[r, c] = number
    report.raise_if_errors()
    labels = list(rows)
    matrix = pd.DataFrame(values, index=labels, columns=col_labels).loc[labels, labels]
    if np.all(matrix.to_numpy() == np.round(matrix.to_numpy())):
        matrix = matrix.astype(np.int64)
    axis = "label" if label_col == "" or label_col.startswith("Unnamed:") else label_col
    matrix.index.name = axis
    matrix.columns.name = axis
    return matrix
