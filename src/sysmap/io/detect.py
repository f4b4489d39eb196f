"""Recognise an input file's format and read it with the matching reader.

:func:`detect_format` looks at the file extension, then at the sheet names
of a workbook, then at the header row (case-insensitive), and never guesses
silently: a file it cannot place raises a :class:`~sysmap.exceptions.SchemaError`
that lists the columns it found and the formats sysmap knows.
:func:`read` dispatches to the reader of a detected or named format.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from ..exceptions import ParameterError, SchemaError
from ._tables import ENCODINGS, EXCEL_SUFFIXES, _sniff_delimiter
from .model import MemberList, NetworkData

__all__ = ["FORMATS", "detect_format", "read"]

#: The input formats sysmap reads (names for ``format=`` and the CLI's ``--format``).
FORMATS = (
    "survey",
    "survey_wide",
    "edgelist",
    "adjacency",
    "affiliations",
    "members",
    "kumu",
    "graphml",
    "gexf",
)

#: Header columns (folded: case, spaces, hyphens) that identify each table format,
#: checked in this order; each entry is a list of alternative column sets.
_SIGNATURES: tuple[tuple[str, tuple[frozenset[str], ...]], ...] = (
    ("survey", (frozenset({"respondent", "partner"}),)),
    ("edgelist", (frozenset({"source", "target"}), frozenset({"from", "to"}))),
    ("affiliations", (frozenset({"actor", "affiliation"}),)),
)
_MEMBER_COLUMNS = frozenset({"actor", "name"})
_HEADER_BYTES = 256 * 1024
_HEADER_ROWS = 50


def _fold(name: object) -> str:
    return "".join(str(name).split()).casefold().replace("-", "_")


def detect_format(
    path: str | os.PathLike[str] | pd.DataFrame, *, sheet: str | int | None = None
) -> str:
    """Name the format of an input file (one of :data:`FORMATS`).

    Parameters
    ----------
    path : path or pandas.DataFrame
        The file (CSV, Excel, GraphML, GEXF), or a frame (judged by its columns).
    sheet : str or int, optional
        Excel sheet whose header is inspected (default: the first).

    Returns
    -------
    str
        ``"graphml"`` / ``"gexf"`` (by extension, or by the root element of an
        ``.xml`` file); ``"kumu"`` (a workbook with sheets Elements and
        Connections); then by header columns, ignoring case: ``"survey"``
        (``respondent`` and ``partner``), ``"edgelist"`` (``source`` and
        ``target``, or ``from`` and ``to``), ``"affiliations"`` (``actor`` and
        ``affiliation``), ``"adjacency"`` (blank first header cell, or the
        header labels equal the first column's labels), ``"members"``
        (``actor`` or ``name`` without tie columns). ``"survey_wide"`` is
        never detected; name it with ``format="survey_wide"``.

    Raises
    ------
    SchemaError
        If the file is missing or unreadable, or its columns match no format;
        the message lists the columns found and the known formats.

    Examples
    --------
    >>> import pandas as pd
    >>> detect_format(pd.DataFrame({"From": ["A"], "To": ["B"]}))
    'edgelist'
    >>> detect_format(pd.DataFrame({"Respondent": ["A"], "Partner": ["B"], "intensity": [3]}))
    'survey'
    >>> detect_format(pd.DataFrame({"A": [0, 1], "B": [1, 0]}, index=["A", "B"]))
    'adjacency'
    >>> detect_format(pd.DataFrame({"x": [1]}))
    Traceback (most recent call last):
    ...
    sysmap.exceptions.SchemaError: cannot tell the format of '<DataFrame>' from its columns ...
    """
    if isinstance(path, pd.DataFrame):
        frame = path
        if len(frame) and set(map(str, frame.index)) == set(map(str, frame.columns)):
            header = ["", *map(str, frame.columns)]
            first = [str(x) for x in frame.index]
        else:
            header = [str(c) for c in frame.columns]
            first = [str(x) for x in frame.iloc[:_HEADER_ROWS, 0]] if frame.shape[1] else []
        return _by_header(header, first, "<DataFrame>")
    p = Path(path)
    name = p.name
    if not p.exists():
        msg = f"'{name}': file not found. Check the path."
        raise SchemaError(msg)
    suffix = p.suffix.lower()
    if suffix == ".graphml":
        return "graphml"
    if suffix == ".gexf":
        return "gexf"
    if suffix == ".xml":
        head = p.read_bytes()[:4096].decode("utf-8", errors="replace").casefold()
        for fmt in ("graphml", "gexf"):
            if f"<{fmt}" in head:
                return fmt
        msg = f"'{name}' is XML but neither GraphML nor GEXF. Known formats: {list(FORMATS)}."
        raise SchemaError(msg)
    if suffix in EXCEL_SUFFIXES:
        header, first = _excel_header(p, sheet)
        if header is None:
            return "kumu"
    else:
        header, first = _csv_header(p)
    return _by_header(header, first, name)


def _by_header(header: list[str], first: list[str], name: str) -> str:
    folded = {_fold(c) for c in header if str(c).strip()}
    for fmt, alternatives in _SIGNATURES:
        if any(cols <= folded for cols in alternatives):
            return fmt
    labels = [str(c).strip() for c in header[1:]]
    if header and (not str(header[0]).strip() or str(header[0]).startswith("Unnamed:")) and labels:
        return "adjacency"
    body = [str(x).strip() for x in first]
    if body and labels[: len(body)] == body:
        return "adjacency"
    if folded & _MEMBER_COLUMNS:
        return "members"
    found = [str(c) for c in header]
    msg = (
        f"cannot tell the format of '{name}' from its columns {found}. sysmap reads the "
        f"formats {list(FORMATS)}: a survey needs columns 'respondent' and 'partner', an "
        "edge list 'source' and 'target' (or 'from' and 'to'), affiliations 'actor' and "
        "'affiliation', a member list 'actor' or 'name'; an adjacency matrix has its labels "
        "in the header and the first column. Rename the columns, or name the format: "
        "format='edgelist' (command line: --format edgelist)."
    )
    raise SchemaError(msg)


def _csv_header(path: Path) -> tuple[list[str], list[str]]:
    """Header cells and first-column cells of the first rows, without reading the file."""
    with path.open("rb") as fh:
        raw = fh.read(_HEADER_BYTES)
    if len(raw) == _HEADER_BYTES and b"\n" in raw:
        raw = raw[: raw.rindex(b"\n")]
    text = None
    for encoding in ENCODINGS:
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if not text or not text.strip():
        msg = f"'{path.name}': the file is empty. Check the file."
        raise SchemaError(msg)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else _sniff_delimiter(text)
    rows = []
    for row in csv.reader(io.StringIO(text), delimiter=delimiter, skipinitialspace=True):
        if any(cell.strip() for cell in row):
            rows.append(row)
        if len(rows) > _HEADER_ROWS:
            break
    if not rows:
        msg = f"'{path.name}': the file is empty. Check the file."
        raise SchemaError(msg)
    header = [c.strip() for c in rows[0]]
    first = [r[0].strip() if r else "" for r in rows[1:]]
    return header, first


def _excel_header(path: Path, sheet: str | int | None) -> tuple[list[str] | None, list[str]]:
    """``(None, [])`` for a Kumu workbook, else the header and first-column cells."""
    try:
        with pd.ExcelFile(path) as book:
            names = [str(s) for s in book.sheet_names]
            folded = {s.casefold() for s in names}
            if sheet is None and {"elements", "connections"} <= folded:
                return None, []
            frame = pd.read_excel(
                book,
                sheet_name=0 if sheet is None else sheet,
                header=None,
                nrows=_HEADER_ROWS + 1,
                dtype=object,
            )
    except Exception as exc:
        msg = f"'{path.name}' cannot be read as Excel ({exc})."
        raise SchemaError(msg) from exc
    frame = frame.dropna(how="all")
    if frame.empty:
        msg = f"'{path.name}': the sheet is empty. Check the file."
        raise SchemaError(msg)

    def text(x: object) -> str:
        if x is None or (isinstance(x, float) and pd.isna(x)):
            return ""
        if isinstance(x, float) and x.is_integer():
            return str(int(x))
        return str(x).strip()

    header = [text(x) for x in frame.iloc[0]]
    while header and header[-1] == "":
        header.pop()
    first = [text(x) for x in frame.iloc[1:, 0]]
    return header, first


def read(
    path: str | os.PathLike[str] | pd.DataFrame,
    *,
    format: str | None = None,
    actors: MemberList | str | os.PathLike[str] | pd.DataFrame | None = None,
    **kwargs: Any,
) -> NetworkData:
    """Read tie data in any format sysmap knows, detecting the format if not named.

    Parameters
    ----------
    path : path or pandas.DataFrame
        The input file (or frame).
    format : str, optional
        One of :data:`FORMATS`; detected with :func:`detect_format` when omitted.
    actors : MemberList, path or pandas.DataFrame, optional
        Member list, passed to the reader.
    **kwargs
        Passed to the reader: :func:`~sysmap.io.survey.read_survey`,
        :func:`~sysmap.io.survey.read_survey_wide` (needs ``questions=``),
        :func:`~sysmap.io.formats.read_edgelist`,
        :func:`~sysmap.io.formats.read_adjacency`,
        :func:`~sysmap.io.partnerships.read_affiliations`,
        :func:`~sysmap.io.formats.read_kumu`,
        :func:`~sysmap.io.formats.read_graphml` or
        :func:`~sysmap.io.formats.read_gexf`.

    Returns
    -------
    NetworkData
        What the reader returns; ``report.notes`` records the detected format.

    Raises
    ------
    ParameterError
        If `format` is not one of :data:`FORMATS`.
    SchemaError
        If the format cannot be detected, or the file is a member list (it has
        no ties: pass it as ``actors=``).

    Examples
    --------
    >>> import pandas as pd
    >>> data = read(pd.DataFrame({"source": ["A", "B"], "target": ["B", "C"]}))
    >>> data.kind, len(data.ties), data.report.notes[0]
    ('edgelist', 2, "'<DataFrame>': read as format 'edgelist' (detected).")
    """
    if format is not None and format not in FORMATS:
        msg = f"format must be one of {list(FORMATS)}; got {format!r}."
        raise ParameterError(msg)
    detected = format is None
    fmt = detect_format(path, sheet=kwargs.get("sheet")) if detected else format
    name = kwargs.get("source") or (
        Path(path).name if not isinstance(path, pd.DataFrame) else "<DataFrame>"
    )
    if fmt == "members":
        msg = (
            f"'{name}' is a member list (actors and attributes, no ties). Pass it as "
            "actors=... (command line: --actors) together with a file of ties."
        )
        raise SchemaError(msg)
    if fmt == "survey_wide" and "questions" not in kwargs:
        msg = (
            "format 'survey_wide' needs questions=, e.g. {'intensity': 'Q5_{partner}'} "
            "(see read_survey_wide)."
        )
        raise ParameterError(msg)
    reader = _reader(fmt)
    data = reader(path, actors=actors, **kwargs)
    data.report.note("format_detected" if detected else "format_given", source=name, format=fmt)
    data.report.notes.insert(0, data.report.notes.pop())
    return data


def _reader(fmt: str) -> Callable[..., NetworkData]:
    if fmt in ("survey", "survey_wide"):
        from . import survey

        return survey.read_survey if fmt == "survey" else survey.read_survey_wide
    if fmt == "affiliations":
        from .partnerships import read_affiliations  # the lead's module

        return read_affiliations
    from . import formats

    return {
        "edgelist": formats.read_edgelist,
        "adjacency": formats.read_adjacency,
        "kumu": formats.read_kumu,
        "graphml": formats.read_graphml,
        "gexf": formats.read_gexf,
    }[fmt]
