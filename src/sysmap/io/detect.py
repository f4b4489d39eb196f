"""Recognise an input file's format and read it with the matching reader.

:func:`detect_format` looks at the file extension, then at the sheet names
of a workbook, then at the header row (case-insensitive), and never guesses
silently: a file it cannot place raises a :class:`~sysmap.exceptions.SchemaError`
that lists the columns it found and the formats sysmap knows.
:func:`read` dispatches to the reader of a detected or named format.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ..exceptions import ParameterError, SchemaError
from ..i18n import Msg
from .columns import COLUMN_NAMES, has_roles, match_roles, wanted_columns
from .dialect import _shown_header, dialect_hint
from .model import MemberList, NetworkData
from .report import IngestReport, where
from .survey import is_tool_export
from .tables import EXCEL_SUFFIXES, ROW, read_table

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

#: The column roles that identify each table format, checked in this order; a
#: role is recognised by any of its names (English, German, PARTNER-style; see
#: :data:`sysmap.io.columns.COLUMN_NAMES`): ``Organisation`` + ``Partner`` is a survey.
_SIGNATURES: tuple[tuple[str, Callable[[Sequence[str]], bool]], ...] = (
    ("survey", has_roles("respondent", "partner")),
    ("edgelist", has_roles("source", "target")),
    (
        "affiliations",
        has_roles(
            "actor", "affiliation", names={"actor": (*COLUMN_NAMES["actor"], *COLUMN_NAMES["name"])}
        ),
    ),
)
_MEMBER_COLUMNS = frozenset({"actor", "name"})


def _is_wide_survey(header: Sequence[str], first: Sequence[str]) -> bool:
    """A respondent column and question columns (``Q5_<partner>``, see
    :func:`~sysmap.io.survey.detect_questions`); the first column's cells are
    the respondents' names the partner parts are compared with."""
    from .survey import detect_questions

    found = match_roles(header, wanted_columns(["respondent"]))
    if not found:
        return False
    others = [c for c in header if str(c).strip() and c not in found["respondent"]]
    return bool(detect_questions(others, first))


def _is_member_list(header: Sequence[str]) -> bool:
    return bool(match_roles(header, wanted_columns(_MEMBER_COLUMNS)))
_HEADER_ROWS = 50
_TABLE_FORMATS = ("survey", "survey_wide", "edgelist", "adjacency", "affiliations")


def _fold(name: object) -> str:
    return "".join(str(name).split()).casefold().replace("-", "_")


def _error(name: str, key: str, **fields: object) -> SchemaError:
    """A :class:`SchemaError` whose message is the catalogue message `key` about file `name`."""
    text = Msg("problems", "located", where=where(name), text=Msg("problems", key, **fields))
    return SchemaError(text)


def detect_format(
    path: str | os.PathLike[str] | pd.DataFrame,
    *,
    sheet: str | int | None = None,
    sep: str | None = None,
) -> str:
    """Name the format of an input file (one of :data:`FORMATS`).

    Parameters
    ----------
    path : path or pandas.DataFrame
        The file (CSV, Excel, GraphML, GEXF), or a frame (judged by its columns).
    sheet : str or int, optional
        Excel sheet whose header is inspected (default: the first sheet with
        the columns of a format, below any title rows).
    sep : {",", ";", "tab", "|"}, optional
        CSV separator (default: detected, see :func:`~sysmap.io.tables.read_table`).

    Returns
    -------
    str
        ``"graphml"`` / ``"gexf"`` (by extension, or by the root element of an
        ``.xml`` file); ``"kumu"`` (a workbook with sheets Elements and
        Connections); ``"survey"`` for a survey tool's export of a survey
        sysmap wrote, or a folder of returned workbooks (see
        :func:`~sysmap.io.survey.is_tool_export`); then by header columns,
        ignoring case: ``"survey"`` (``respondent`` and ``partner``), ``"edgelist"`` (``source`` and
        ``target``, or ``from`` and ``to``), ``"affiliations"`` (``actor`` and
        ``affiliation``), ``"adjacency"`` (blank first header cell, or the
        header labels equal the first column's labels), ``"members"``
        (``actor`` or ``name`` without tie columns), ``"survey_wide"`` (a
        respondent column and question columns such as ``Q5_<partner>``, see
        :func:`~sysmap.io.survey.detect_questions`). Columns are recognised
        by any of their names (:data:`sysmap.io.columns.COLUMN_NAMES`):
        ``Organisation`` and ``Partner`` make a survey.

    Raises
    ------
    SchemaError
        If the file is missing, a folder, not a table or unreadable, or its
        columns match no format. The message (a :class:`~sysmap.i18n.Msg`,
        English and German) shows the columns as read and says what to try:
        the separator when the header reads as one column containing another
        separator, else the formats sysmap knows.

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
    sysmap.exceptions.SchemaError: '<DataFrame>': cannot tell the format from its columns ...
    """
    return _detect(path, sheet, sep)[0]


def _detect(
    path: str | os.PathLike[str] | pd.DataFrame, sheet: str | int | None, sep: str | None
) -> tuple[str, str | None]:
    """The format, and the workbook sheet whose header decided it (else ``None``)."""
    if isinstance(path, pd.DataFrame):
        frame = path
        if len(frame) and set(map(str, frame.index)) == set(map(str, frame.columns)):
            header = ["", *map(str, frame.columns)]
            first = [str(x) for x in frame.index]
        else:
            header = [str(c) for c in frame.columns]
            first = [str(x) for x in frame.iloc[:_HEADER_ROWS, 0]] if frame.shape[1] else []
        return _by_header(header, first, "<DataFrame>", None), None
    p = Path(path)
    name = p.name
    suffix = p.suffix.lower()
    if p.is_file() and suffix in (".graphml", ".gexf"):
        return suffix[1:], None
    if p.is_file() and suffix == ".xml":
        head = p.read_bytes()[:4096].decode("utf-8", errors="replace").casefold()
        for fmt in ("graphml", "gexf"):
            if f"<{fmt}" in head:
                return fmt, None
        raise _error(name, "xml_not_graph", formats=list(FORMATS))
    if sheet is None and suffix in EXCEL_SUFFIXES and _is_kumu(p):
        return "kumu", None
    if sheet is None and is_tool_export(p):  # answers to a survey sysmap wrote
        return "survey", None
    report = IngestReport()
    frame = read_table(p, report, sheet=sheet, sep=sep, needed=_has_format, nrows=_HEADER_ROWS)
    if report.errors or frame is None:
        raise SchemaError(report.errors[0].message, report=report)
    header = [str(c) for c in frame.columns if c != ROW]
    first = frame[header[0]].tolist() if header else []
    fmt = _by_header(header, first, name, frame.attrs.get("sep"))
    return fmt, frame.attrs.get("sheet")


def _is_kumu(path: Path) -> bool:
    """Whether `path` is a workbook with the sheets Elements and Connections."""
    try:
        with pd.ExcelFile(path) as book:
            folded = {str(s).casefold() for s in book.sheet_names}
    except Exception:  # noqa: BLE001 - not a workbook: read_table says why
        return False
    return {"elements", "connections"} <= folded


def _has_format(header: list[str]) -> bool:
    """Whether a header names the columns of a format (picks a workbook's sheet)."""
    folded = {_fold(c) for c in header if str(c).strip()}
    if any(fits(header) for _, fits in _SIGNATURES):
        return True
    blank_corner = bool(header) and not str(header[0]).strip() and len(folded) > 1
    return blank_corner or _is_member_list(header)


def _by_header(header: list[str], first: list[str], name: str, sep: str | None) -> str:
    for fmt, fits in _SIGNATURES:
        if fits(header):
            return fmt
    labels = [str(c).strip() for c in header[1:]]
    if header and (not str(header[0]).strip() or str(header[0]).startswith("Unnamed:")) and labels:
        return "adjacency"
    body = [str(x).strip() for x in first]
    if body and labels[: len(body)] == body:
        return "adjacency"
    if _is_wide_survey(header, first):
        return "survey_wide"
    if _is_member_list(header):
        return "members"
    named = [str(c) for c in header if str(c).strip() and not str(c).startswith("Unnamed:")]
    hint = dialect_hint(named, sep) if sep is not None else None
    if hint is not None:
        raise _error(name, "unknown_format_dialect", hint=hint)
    found = f"[{_shown_header(header)}]"
    raise _error(name, "unknown_format", found=found, formats=list(FORMATS))


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
        :func:`~sysmap.io.survey.read_survey_wide` (question columns detected),
        :func:`~sysmap.io.edgelist.read_edgelist`,
        :func:`~sysmap.io.adjacency.read_adjacency`,
        :func:`~sysmap.io.partnerships.read_affiliations`,
        :func:`~sysmap.io.kumu.read_kumu`,
        :func:`~sysmap.io.graphml.read_graphml` or
        :func:`~sysmap.io.gexf.read_gexf`.

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
        raise ParameterError(
            Msg("problems", "format_invalid", formats=list(FORMATS), value=repr(format))
        )
    for option in ("sep", "sheet"):  # None means "detect"; readers of graph files have neither
        if kwargs.get(option, 0) is None:
            del kwargs[option]
    if format is None and kwargs.get("instrument") is not None:
        format = "survey"  # the answers to a survey sysmap wrote
    detected = format is None
    if detected:
        fmt, sheet = _detect(path, kwargs.get("sheet"), kwargs.get("sep"))
        if sheet is not None and fmt in _TABLE_FORMATS:
            kwargs["sheet"] = sheet  # the sheet whose header was recognised
    else:
        fmt = format
    name = kwargs.get("source") or (
        Path(path).name if not isinstance(path, pd.DataFrame) else "<DataFrame>"
    )
    if fmt == "members":
        raise _error(name, "members_not_ties")
    if fmt not in _TABLE_FORMATS:
        kwargs.pop("sep", None)
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
    from .adjacency import read_adjacency
    from .edgelist import read_edgelist
    from .gexf import read_gexf
    from .graphml import read_graphml
    from .kumu import read_kumu

    return {
        "edgelist": read_edgelist,
        "adjacency": read_adjacency,
        "kumu": read_kumu,
        "graphml": read_graphml,
        "gexf": read_gexf,
    }[fmt]
