"""Read the answers to a survey sysmap wrote, straight from each tool's export.

:func:`read_responses` reads

* **LimeSurvey**'s response export (*Responses > Export*; CSV or Excel):
  headings as question codes (``org``, ``partners1[BA001]``,
  ``intensity[BA001]``, ``relation[BA001_R1]``; also the Expression Manager
  form ``partners1_BA001``), as full question texts (``Which organization
  ...``, ``Business [Bäckerei Schäfer]``) or both; answers as codes or as
  full answers (labels, ``Yes``/``Ja``, the "Y"/"N" conversions); see
  :mod:`~sysmap.instrument.responses_limesurvey`;
* **KoboToolbox** and **ODK** exports of the XLSForm: Kobo's XLSX (the
  main sheet and the repeat group's sheet ``ratings``, joined by
  ``_index``/``_parent_index`` or ``_uuid``/``_submission__uuid``) or CSV,
  ODK Central's CSV files (``...-ratings.csv`` joined by ``KEY`` and
  ``PARENT_KEY``); XML values or labels, with or without group names in the
  headers; see :mod:`~sysmap.instrument.responses_kobo`;
* the **returned Excel workbooks**: one workbook, or a folder of them,
  each file a source of its own in the ingest report; see
  :mod:`~sysmap.instrument.responses_excel`.

Every answer code is mapped through the instrument that generated the
survey (:func:`~sysmap.instrument.core.read_instrument`): the file given as
``instrument=`` (``--instrument FILE``), the description inside a returned
workbook, or the survey file found next to the export (the LimeSurvey
``.txt`` or the XLSForm ``.xlsx`` that ``sysmap survey`` wrote, in the
export's folder). So no answer-label mapping is ever needed. Respondents and
partners are identified by the member codes of the instrument, that is by
the member list's persistent actor ids; an organization written under
"other" is kept as an organization not on the member list (reported).

The result is the :class:`~sysmap.io.model.NetworkData` :func:`~sysmap.read_survey`
returns for a long survey table: one tie per (respondent, partner, type of
collaboration) with the items' values, the PARTNER composites ``trust`` and
``value``, and every member as an actor with its respondent status (the
member list is the instrument's unless ``actors=`` gives one).
``data.responses`` lists every response read (see
:func:`~sysmap.io.tracking.response_tracking`, the fieldwork list of who
has answered).

Each organization is read once: when it answered twice, the complete
response submitted last is read and the other one reported. LimeSurvey's
incomplete responses (started, not submitted) are read and marked, so that
the coordinator can remind them to finish.

Reading here needs the instrument, which the package :mod:`sysmap.instrument`
owns (it imports :mod:`sysmap.io`); :func:`~sysmap.read_survey`, :func:`~sysmap.read`
and format detection reach this module through one hook
(:func:`sysmap.io.survey.is_tool_export`) that imports it only when an export is read.
"""

from __future__ import annotations

import functools
import html
import math
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .._text import clean_control_characters, strip_invisible
from ..exceptions import ParameterError, SchemaError
from ..i18n import Msg
from ..io.assemble import display_names, empty_ties, finish, member_list, resolve_endpoints
from ..io.identity import ActorRegistry
from ..io.members import read_actors
from ..io.model import MemberList, NetworkData
from ..io.report import IngestReport, where
from ..io.scales import ANSWER_SCALES
from ..io.survey import survey_ties
from ..io.tables import EXCEL_SUFFIXES, ROW, read_table, source_name
from .core import Instrument, read_instrument
from .items import Item

__all__ = ["RESPONSE_COLUMNS", "Response", "Tie", "is_export", "read_responses"]

#: Columns of ``NetworkData.responses``: one row per response read.
RESPONSE_COLUMNS = ["actor", "name", "source", "row", "submitted", "complete", "kept"]
#: Words survey tools write for "other" in a full-answer export (LimeSurvey: "Other").
OTHER_WORDS = ("other", "sonstiges", "andere", "anderes", "-oth-")
#: Words LimeSurvey and the Excel workbook write for an unticked box.
NOT_TICKED = frozenset({"", "0", "2", "n", "no", "nein", "false", "falsch", "not selected"})
#: Files larger than this are not searched for the instrument next to an export.
_LARGEST_INSTRUMENT = 50 * 1024 * 1024
_INSTRUMENT_SUFFIXES = (".txt", ".tsv", ".xlsx", ".xlsm")
_MASKED = re.compile(r"^'(?=[=+\-@])")


# ----------------------------------------------------------------------------- records
@dataclass
class Tie:
    """One partner a respondent picked, with the answers about it.

    Attributes
    ----------
    partner : str
        The partner's member code ("" when only its name is known).
    name : str
        The partner's name as written (a returned workbook; else "").
    row, column : int, str
        The cell that names the partner (spreadsheet numbering).
    relations : list of str
        The types of collaboration ticked (the ``relation`` values).
    values : dict of str to float
        Item -> the value of the answer.
    """

    partner: str
    name: str
    row: int
    column: str
    relations: list[str] = field(default_factory=list)
    values: dict[str, float] = field(default_factory=dict)


@dataclass
class Response:
    """One respondent's answers, as a survey tool exported them.

    Attributes
    ----------
    instrument : Instrument
        The instrument whose codes the answers use.
    source : str
        The file (or sheet) the response is in.
    row, column : int, str
        Where the respondent's organization is given.
    respondent : str
        Its member code ("" when it chose "other" or gave none).
    other : str
        The organization's name written under "other".
    submitted : str
        When it was submitted, as the tool wrote it ("" if not known).
    complete : bool
        Submitted (LimeSurvey's incomplete responses are ``False``).
    order : tuple
        Sort key among responses of one organization: the greatest is read.
    ties : list of Tie
    """

    instrument: Instrument
    source: str
    row: int
    column: str
    respondent: str = ""
    other: str = ""
    submitted: str = ""
    complete: bool = True
    order: tuple = ()
    ties: list[Tie] = field(default_factory=list)


# ----------------------------------------------------------------------------- texts
@functools.lru_cache(maxsize=2**16)
def text_key(text: str) -> str:
    """A cell or header as compared with the instrument's texts.

    HTML character references are decoded (LimeSurvey's texts), invisible
    and control characters, white space and underscores (LimeSurvey's
    "spaces to underscores") are ignored, case is folded.
    """
    value = strip_invisible(clean_control_characters(html.unescape(str(text))))
    return re.sub(r"[\s_]+", "", value).casefold()


def unmask(text: str) -> str:
    """`text` without the apostrophe a tool puts before ``=``, ``+``, ``-`` or ``@``
    to stop a spreadsheet from running it (LimeSurvey's "mask equations")."""
    return _MASKED.sub("", text.strip())


def ticked(text: str, extra_yes: Iterable[str] = ()) -> bool | None:
    """Whether a checkbox cell is ticked: ``True``, ``False`` or ``None`` (unreadable).

    Ticked: ``Y``, ``1``, ``yes``, ``ja``, ``x``, ``true`` (and `extra_yes`);
    not ticked: blank, ``N``, ``0``, ``2`` (LimeSurvey's default for "N"),
    ``no``, ``nein``, ``Not selected``.
    """
    value = unmask(text).casefold()
    if value in NOT_TICKED:
        return False
    if value == "1" or value in {y.casefold() for y in extra_yes}:
        return True
    code = ANSWER_SCALES["yes_no"].code(value)
    return None if code is None else code == 1


class Choices:
    """Cells -> values through codes (first) and labels: an item's answers, or the members.

    Parameters
    ----------
    pairs : iterable of (code, label, value)
    """

    def __init__(self, pairs: Iterable[tuple[str, str, object]]) -> None:
        self.codes: dict[str, object] = {}
        self.labels: dict[str, object] = {}
        for code, label, value in pairs:
            self.codes.setdefault(str(code).strip().casefold(), value)
            if str(label).strip():
                self.labels.setdefault(text_key(str(label)), value)

    def get(self, text: str) -> object | None:
        """The value of a cell (code or label), or ``None``."""
        value = unmask(text)
        found = self.codes.get(value.casefold())
        if found is None:
            found = self.codes.get(_integral(value))
        if found is None:
            found = self.labels.get(text_key(value))
        return found


def records(frame: pd.DataFrame) -> list[dict]:
    """The rows of a table as dictionaries (column -> cell), fast for wide exports."""
    columns = list(frame.columns)
    return [dict(zip(columns, row)) for row in frame.to_numpy(dtype=object).tolist()]


def _integral(text: str) -> str:
    """``"3"`` for ``"3.0"`` or ``"3,0"`` (a code a spreadsheet stored as a number)."""
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return text
    return str(int(number)) if math.isfinite(number) and number.is_integer() else text


#: Value of the member choices for "other".
OTHER = object()


def member_choices(instrument: Instrument, separator: str = "") -> Choices:
    """The members by code and by name (and ``sector<separator>name``), and "other"."""
    pairs: list[tuple[str, str, object]] = []
    for m in instrument.members:
        pairs.append((m.code, m.name, m.code))
        if separator:
            pairs.append(
                (m.code, f"{instrument.sector_label(m.sector)}{separator}{m.name}", m.code)
            )
    pairs.append((instrument.other.code, instrument.other.label, OTHER))
    pairs += [(word, word, OTHER) for word in OTHER_WORDS]
    return Choices(pairs)


def item_choices(item: Item) -> Choices:
    """An item's answers by code and by label."""
    return Choices((c.code, c.label, c.value) for c in item.choices)


def answer_problem(
    report: IngestReport, source: str, row: int, column: str, value: str, item: Item
) -> None:
    """An answer that is no answer of the item: read as not answered (reported)."""
    answers = ", ".join(f"{c.code} = {c.label}" for c in item.choices)
    report.add(
        source,
        row,
        column,
        value,
        "scale",
        "responses_answer_unknown",
        repair=True,
        action="repaired",
        value=value,
        item=item.name,
        answers=answers,
    )


def no_respondent_column(
    tables: Mapping[str, pd.DataFrame], instrument: Instrument, report: IngestReport, tool: str
) -> list:
    """Report that no table of an export of `tool` names the respondent (the instrument's
    question, and the first columns found), raise it, and return no responses."""
    name = next(iter(tables))
    report.add(
        name,
        None,
        None,
        "",
        "schema",
        "responses_no_columns",
        tool=tool,
        question=instrument.text("q_respondent"),
        found=", ".join(f"'{c}'" for c in list(tables[name].columns)[1:13]),
    )
    report.raise_if_errors()
    return []


def tick_problem(report: IngestReport, source: str, row: int, column: str, value: str) -> None:
    """A checkbox cell that is neither ticked nor blank: read as not ticked (reported)."""
    report.add(
        source,
        row,
        column,
        value,
        "scale",
        "responses_tick_unknown",
        repair=True,
        action="repaired",
        value=value,
    )


# ----------------------------------------------------------------------------- reading
def read_responses(
    data: str | os.PathLike[str],
    *,
    instrument: Instrument | str | os.PathLike[str] | None = None,
    actors: MemberList | str | os.PathLike[str] | pd.DataFrame | None = None,
    composites: Mapping[str, Sequence[str]] | None = None,
    unknown: str = "keep",
    fuzzy_threshold: float | None = None,
    sep: str | None = None,
    source: str | None = None,
    errors: str = "repair",
) -> NetworkData:
    """Read a survey tool's response export of a survey sysmap wrote.

    Usually called through :func:`~sysmap.read_survey` (or
    :func:`~sysmap.read`, ``sysmap validate``), which recognise the exports.

    Parameters
    ----------
    data : path
        LimeSurvey's response export (CSV or Excel), a KoboToolbox/ODK export
        (XLSX with the repeat sheet, or CSV), a returned Excel workbook, or a
        folder of returned workbooks.
    instrument : Instrument or path, optional
        The survey sysmap wrote (the file ``sysmap survey`` saved, or
        :func:`~sysmap.instrument.core.survey_instrument`'s result). Default:
        inside a returned workbook, else the survey file next to the export.
    actors : MemberList, path or pandas.DataFrame, optional
        A member list with more attributes than the instrument's members
        (its ``responded`` column is not used: the export says who answered).
        Default: the instrument's members (id, name, sector).
    composites, unknown, fuzzy_threshold, errors
        As for :func:`~sysmap.read_survey`; `unknown` and `fuzzy_threshold`
        apply to names written under "other" (and, in a workbook, partner
        names typed instead of chosen).
    sep, source
        CSV separator (default: detected) and the export's name in messages.

    Returns
    -------
    NetworkData
        ``kind="survey"``; ``responses`` lists every response read
        (:data:`RESPONSE_COLUMNS`).

    Raises
    ------
    SchemaError
        If no instrument is given or found, the file is the survey itself
        rather than its answers, or the export has none of the survey's
        columns (the message says what was found and how to fix it).
    """
    report = IngestReport.for_errors(errors)
    if not isinstance(data, (str, os.PathLike)):
        raise ParameterError(Msg("problems", "responses_path", kind=type(data).__name__))
    path = Path(data)
    name = source_name(path, source)
    given = _as_instrument(instrument)
    responses = _read_export(path, name, given, report, sep)
    members, roster = _roster(actors, responses, given, report)
    return _network(
        responses,
        members,
        roster,
        report,
        name,
        composites=composites,
        unknown=unknown,
        fuzzy_threshold=fuzzy_threshold,
        errors=errors,
    )


def _as_instrument(instrument: object) -> Instrument | None:
    if instrument is None or isinstance(instrument, Instrument):
        return instrument
    if isinstance(instrument, (str, os.PathLike)):
        return read_instrument(instrument)
    raise ParameterError(
        Msg("problems", "responses_instrument_type", kind=type(instrument).__name__)
    )


def _located(name: str, key: str, **fields: object) -> SchemaError:
    return SchemaError(
        Msg("problems", "located", where=where(name), text=Msg("problems", key, **fields))
    )


def carried_instrument(path: Path) -> Instrument | None:
    """The instrument a file carries (a survey file or a returned workbook), or ``None``.

    Remembered per file version (its path, size and modification time): format
    detection and reading look at the same files more than once.
    """
    if path.suffix.lower() not in _INSTRUMENT_SUFFIXES or not path.is_file():
        return None
    stat = path.stat()
    return _carried(str(path.resolve()), stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=256)
def _carried(path: str, size: int, mtime: int) -> Instrument | None:
    if Path(path).suffix.lower() in (".txt", ".tsv"):
        from .limesurvey import read_description
    else:
        from ._workbook import read_description
    if read_description(Path(path)) is None:
        return None
    return read_instrument(path)


def _read_export(
    path: Path, name: str, given: Instrument | None, report: IngestReport, sep: str | None
) -> list[Response]:
    from . import responses_excel, responses_kobo, responses_limesurvey

    if path.is_dir():
        return responses_excel.read_folder(path, given, report)
    own = carried_instrument(path)
    if own is not None:
        if own.tool == "excel":
            return responses_excel.read_workbooks([path], path.parent, given, report)
        raise _located(name, "responses_is_survey", tool=own.tool)
    tables = _tables(path, name, report, sep)
    if not tables:
        report.raise_if_errors()
        raise _located(name, "responses_unreadable")
    instrument = given or _instrument_next_to(path, name, tables, report)
    if instrument.tool == "limesurvey":
        return responses_limesurvey.read(tables, instrument, report)
    if instrument.tool == "xlsform":
        tables.update(responses_kobo.repeat_files(path, name, tables, report, sep))
        return responses_kobo.read(tables, instrument, report)
    raise _located(name, "responses_workbook_instrument")


def _tables(
    path: Path, name: str, report: IngestReport, sep: str | None
) -> dict[str, pd.DataFrame]:
    """The export's tables: its sheets (name -> frame; the first under the file's
    name, the others as ``file (sheet)``), or the CSV file."""
    if path.suffix.lower() not in EXCEL_SUFFIXES:
        frame = read_table(path, report, source=name, sep=sep)
        return {} if frame is None else {name: frame}
    try:
        with pd.ExcelFile(path) as book:
            sheets = [str(s) for s in book.sheet_names]
    except Exception:  # noqa: BLE001 - not a workbook: read_table says why
        frame = read_table(path, report, source=name)
        return {} if frame is None else {name: frame}
    out = {}
    for i, sheet in enumerate(sheets):
        label = name if i == 0 else f"{name} ({sheet})"
        sub = IngestReport(strict=report.strict)
        frame = read_table(path, sub, source=label, sheet=sheet)
        if frame is None:  # an empty sheet (a repeat nobody reached) is no problem
            sub._problems = [p for p in sub._problems if p.check != "empty"]
        else:
            out[label] = frame
        report.extend(sub)
    return out


def _instrument_next_to(
    path: Path, name: str, tables: Mapping[str, pd.DataFrame], report: IngestReport
) -> Instrument:
    """The survey file sysmap wrote that fits the export best, from the export's folder."""
    from . import responses_kobo, responses_limesurvey

    scorers = {"limesurvey": responses_limesurvey.score, "xlsform": responses_kobo.score}
    scored: list[tuple[tuple[int, int], Path, Instrument]] = []
    for candidate in _candidates(path):
        try:
            instrument = carried_instrument(candidate)
        except SchemaError:
            continue
        if instrument is None or instrument.tool not in scorers:
            continue
        score = scorers[instrument.tool](instrument, tables)
        if score[0] > 0:
            scored.append((score, candidate, instrument))
    if not scored:
        raise _located(name, "responses_no_instrument", folder=str(path.parent))
    best = max(score for score, _, _ in scored)
    fits = [(p, i) for score, p, i in scored if score == best]
    chosen_path, chosen = fits[0]
    if any(_codes(i) != _codes(chosen) for _, i in fits[1:]):
        raise _located(
            name, "responses_instruments_ambiguous", files=", ".join(p.name for p, _ in fits)
        )
    report.note("responses_instrument_found", source=name, instrument=chosen_path.name)
    return chosen


def _candidates(path: Path) -> list[Path]:
    try:
        files = sorted(path.parent.iterdir())
    except OSError:
        return []
    out = []
    for f in files:
        if (
            f == path
            or f.name.startswith(("~$", "."))
            or f.suffix.lower() not in _INSTRUMENT_SUFFIXES
        ):
            continue
        try:
            if f.is_file() and f.stat().st_size <= _LARGEST_INSTRUMENT:
                out.append(f)
        except OSError:
            continue
    return out


def _codes(instrument: Instrument) -> tuple:
    """What reading answers depends on, apart from the texts: the tool, member codes, item codes."""
    return (
        instrument.tool,
        tuple((m.code, m.actor) for m in instrument.members),
        tuple((i.name, tuple((c.code, c.value) for c in i.choices)) for i in instrument.items),
    )


def is_export(path: str | os.PathLike[str]) -> bool:
    """Whether `path` holds answers to (or the file of) a survey sysmap wrote.

    True for a folder of returned workbooks, a workbook or survey file
    carrying a sysmap description, a LimeSurvey export with sysmap's question
    codes, a KoboToolbox/ODK export with the form's names, and an export
    with any headings for which a fitting survey file lies next to it. Only
    the headers are read.
    """
    from . import responses_excel, responses_kobo, responses_limesurvey

    p = Path(path)
    try:
        if p.is_dir():
            return responses_excel.has_workbooks(p)
        if not p.is_file():
            return False
        if carried_instrument(p) is not None:
            return True
    except (OSError, SchemaError):
        return False
    headers = _headers(p)
    if any(responses_limesurvey.looks_like(h) or responses_kobo.looks_like(h) for h in headers):
        return True
    if not any(responses_limesurvey.has_meta(h) or responses_kobo.has_meta(h) for h in headers):
        return False
    tables = {str(i): pd.DataFrame(columns=h) for i, h in enumerate(headers)}
    try:
        _instrument_next_to(p, p.name, tables, IngestReport())
    except SchemaError:
        return False
    return True


def _headers(path: Path) -> list[list[str]]:
    """The header row of each sheet (or of the CSV file)."""
    if path.suffix.lower() in EXCEL_SUFFIXES:
        from openpyxl import load_workbook

        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception:  # noqa: BLE001 - not a workbook
            return []
        try:
            out = []
            for ws in wb.worksheets:
                first = next(ws.iter_rows(min_row=1, max_row=1, values_only=True), ())
                out.append([str(c).strip() for c in first if c is not None])
            return out
        finally:
            wb.close()
    frame = read_table(path, IngestReport(), nrows=1)
    return [] if frame is None else [[c for c in frame.columns if c != ROW]]


# ----------------------------------------------------------------------------- the network
def _roster(
    actors: object,
    responses: Sequence[Response],
    given: Instrument | None,
    report: IngestReport,
) -> tuple[MemberList, bool]:
    """The member list, and whether it is the user's (else the instruments')."""
    if actors is not None:
        members = member_list(actors, report)
        said = members.actors["responded"]
        if said.notna().any():
            report.note("responses_responded_ignored")
        members.actors["responded"] = pd.NA
        return members, True
    rows: dict[str, dict[str, str]] = {}
    instruments = [r.instrument for r in responses] or ([given] if given else [])
    for instrument in instruments:
        for m in instrument.members:
            rows.setdefault(m.actor, {"actor": m.actor, "name": m.name, "sector": m.sector or None})
    frame = pd.DataFrame(list(rows.values()), columns=["actor", "name", "sector"])
    return read_actors(frame, source="instrument", errors="collect"), False


def _text(instrument: Instrument, code: str, members: MemberList, own: bool) -> str:
    """How a member code is written for name resolution: its actor id (its name when
    the user's member list does not have that id)."""
    member = next(m for m in instrument.members if m.code == code)
    if not own or member.actor in members.registry:
        return member.actor
    return member.name


def _network(
    responses: list[Response],
    members: MemberList,
    own: bool,
    report: IngestReport,
    name: str,
    *,
    composites: Mapping[str, Sequence[str]] | None,
    unknown: str,
    fuzzy_threshold: float | None,
    errors: str,
) -> NetworkData:
    """The network of the responses: names resolved once, where they are written
    (respondents in their response's cell, partners in theirs), then the ties
    checked as :func:`~sysmap.read_survey` checks them."""
    codes: dict[tuple[int, str], str] = {}

    def text(response: Response, code: str) -> str:
        key = (id(response.instrument), code)
        if key not in codes:
            codes[key] = _text(response.instrument, code, members, own)
        return codes[key]

    named = []
    for r in responses:
        if r.respondent or r.other:
            named.append(r)
        else:
            report.add(
                r.source,
                r.row,
                r.column,
                "",
                "blank_name",
                "responses_no_organization",
                severity="warning" if r.complete else "info",
                action="dropped",
                n=len(r.ties),
            )
    resolve = {"unknown": unknown, "fuzzy_threshold": fuzzy_threshold}
    extra: dict[str, str] = {}
    ids: dict[int, str] = {}
    for source, group in _by_source(named).items():
        cells = [
            (r.row, r.column, text(r, r.respondent) if r.respondent else r.other, r) for r in group
        ]
        for r, actor in _resolve(cells, members, report, source, extra, resolve):
            ids[id(r)] = actor
    kept = _one_per_organization([r for r in named if id(r) in ids], ids, report)
    ties_parts = []
    for source, group in _by_source(kept).items():
        pairs = [(r, t) for r in group for t in r.ties]
        cells = [
            (t.row, t.column, text(r, t.partner) if t.partner else t.name, (r, t)) for r, t in pairs
        ]
        rows = []
        for (r, t), partner in _resolve(cells, members, report, source, extra, resolve):
            for relation in t.relations or [""]:
                rows.append({ROW: t.row, "respondent": ids[id(r)], "partner": partner,
                             "relation": relation, **t.values})  # fmt: skip
        if rows:
            frame = pd.DataFrame(rows)
            frame[["respondent", "partner", "relation"]] = frame[
                ["respondent", "partner", "relation"]
            ].fillna("")
            known = set(frame["respondent"]) | set(frame["partner"])
            names = display_names(members, extra)
            ties = survey_ties(
                frame,
                {role: role for role in ("respondent", "partner", "relation")},
                MemberList(  # the ids resolved above, named as the messages name them
                    pd.DataFrame({"name": [names.get(a, a) for a in sorted(known)]},
                                 index=sorted(known)),
                    ActorRegistry({a: a for a in known}),
                ),
                report,
                source,
                composites=composites,
            )
            ties_parts.append(ties)
    ties = pd.concat(ties_parts, ignore_index=True) if ties_parts else empty_ties()
    for item in dict.fromkeys(i.name for r in kept for i in r.instrument.items if not i.multiple):
        if item not in ties.columns:  # asked, never answered
            ties[item] = float("nan")
    data = finish(
        ties,
        members,
        report,
        name,
        set(ids.values()),
        extra,
        errors,
        kind="survey",
        params=dict(resolve),
    )
    data.responses = _responses_table(named, kept, ids, data)
    return data


def _resolve(
    cells: list[tuple[int, str, str, object]],
    members: MemberList,
    report: IngestReport,
    source: str,
    extra: dict[str, str],
    options: Mapping[str, object],
) -> list[tuple[object, str]]:
    """Names -> actor ids, each reported at its cell (``(row, column, name, what)``);
    the cells dropped (``unknown="drop"``) are left out."""
    out = []
    by_column: dict[str, list[tuple[int, str, object]]] = {}
    for row, column, name, what in cells:
        if name in members.registry:  # an actor id (a member code's): nothing to resolve
            out.append((what, name))
        else:
            by_column.setdefault(column, []).append((row, name, what))
    for column, entries in by_column.items():
        frame = pd.DataFrame(
            {ROW: [row for row, _, _ in entries], column: [name for _, name, _ in entries]}
        )
        resolved, more = resolve_endpoints(frame, [column], members, report, source, **options)
        extra.update(more)
        out += [(entries[i][2], resolved.at[i, column]) for i in resolved.index]
    return out


def _by_source(responses: Iterable[Response]) -> dict[str, list[Response]]:
    out: dict[str, list[Response]] = {}
    for r in responses:
        out.setdefault(r.source, []).append(r)
    return out


def _one_per_organization(
    responses: list[Response], ids: Mapping[int, str], report: IngestReport
) -> list[Response]:
    """Each organization's (actor's) complete response submitted last; the others are reported."""
    groups: dict[str, list[Response]] = {}
    for r in responses:
        groups.setdefault(ids[id(r)], []).append(r)
    kept = []
    for group in groups.values():
        best = max(group, key=lambda r: (r.complete, r.order))
        kept.append(best)
        for r in group:
            if r is best:
                continue
            organization = r.other or next(
                m.name for m in r.instrument.members if m.code == r.respondent
            )
            report.add(
                r.source,
                r.row,
                r.column,
                organization,
                "duplicate_response",
                "responses_replaced",
                severity="warning",
                action="dropped",
                name=organization,
                kept=where(best.source, best.row),
                reason=Msg(
                    "problems",
                    "responses_reason_complete"
                    if best.complete and not r.complete
                    else "responses_reason_later",
                ),
            )
    return [r for r in responses if any(r is k for k in kept)]


def _responses_table(
    named: list[Response], kept: list[Response], ids: Mapping[int, str], data: NetworkData
) -> pd.DataFrame:
    kept_ids = {id(r) for r in kept}
    names = data.actors["name"] if len(data.actors) else pd.Series(dtype=object)
    rows = []
    for r in named:
        actor = ids.get(id(r))
        rows.append(
            {
                "actor": actor,
                "name": names.get(actor, r.other)
                if actor is not None
                else (
                    r.other or next(m.name for m in r.instrument.members if m.code == r.respondent)
                ),
                "source": r.source,
                "row": r.row,
                "submitted": r.submitted,
                "complete": r.complete,
                "kept": id(r) in kept_ids and actor is not None,
            }
        )
    return pd.DataFrame(rows, columns=RESPONSE_COLUMNS).astype({"row": "Int64"})
