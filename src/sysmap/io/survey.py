"""Read roster surveys: long form (one row per named partner) and wide exports."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from ..exceptions import ParameterError
from ..i18n import Msg
from .answers import read_items
from .assemble import (
    DEFAULT_RELATION,
    display_names,
    drop_duplicates,
    drop_self_ties,
    empty_ties,
    finish,
    member_list,
    resolve_endpoints,
)
from .columns import (
    COLUMN_NAMES,
    check_roles,
    find_columns,
    has_roles,
    names_match,
    note_columns,
    wanted_columns,
)
from .identity import normalize_name
from .model import MemberList, NetworkData
from .report import IngestReport
from .scales import ANSWER_SCALES, AnswerMapping, read_scales
from .tables import ROW, read_table, source_name

__all__ = [
    "DEFAULT_COMPOSITES",
    "DEFAULT_ITEMS",
    "SURVEY_COLUMNS",
    "detect_questions",
    "is_tool_export",
    "parse_questions",
    "read_survey",
    "read_survey_wide",
    "survey_ties",
]

#: sysmap's own column names of a long roster survey; other names are
#: recognised too (:data:`sysmap.io.columns.COLUMN_NAMES`; ``columns=`` overrides).
SURVEY_COLUMNS = {"respondent": "respondent", "partner": "partner", "relation": "relation"}

#: Tie items sysmap recognises by default, with their valid range. Relationship
#: intensity follows PARTNER's 1-4 scale (awareness, cooperation, coordination,
#: integration); trust and value items are PARTNER's 1-4 ratings; frequency is
#: 0 never, 1 yearly, 1.5 half-yearly, 2 quarterly, 3 monthly, 4 weekly, 5 daily
#: (see :data:`sysmap.io.scales.ANSWER_SCALES`).
DEFAULT_ITEMS: dict[str, tuple[float, float]] = {
    "weight": (0.0, np.inf),
    "intensity": (1, 4),
    "frequency": (0, 5),
    "reliability": (1, 4),
    "mission_alignment": (1, 4),
    "openness": (1, 4),
    "power_influence": (1, 4),
    "involvement": (1, 4),
    "resource_contribution": (1, 4),
}

#: Composite scales: PARTNER trust = mean(reliability, mission alignment,
#: openness); value = mean(power/influence, involvement, resource contribution).
DEFAULT_COMPOSITES: dict[str, tuple[str, ...]] = {
    "trust": ("reliability", "mission_alignment", "openness"),
    "value": ("power_influence", "involvement", "resource_contribution"),
}

Scales = str | os.PathLike[str] | pd.DataFrame | Mapping | AnswerMapping | None


def read_survey(
    data: str | os.PathLike[str] | pd.DataFrame,
    *,
    actors: MemberList | str | os.PathLike[str] | pd.DataFrame | None = None,
    columns: Mapping[str, str] | None = None,
    items: Mapping[str, tuple[float, float]] | None = None,
    composites: Mapping[str, Sequence[str]] | None = None,
    scales: Scales = None,
    unknown: str = "keep",
    fuzzy_threshold: float | None = None,
    sheet: str | int | None = None,
    sep: str | None = None,
    source: str | None = None,
    errors: str = "repair",
    instrument: object = None,
) -> NetworkData:
    """Read a roster survey in long form: one row per (respondent, named partner).

    The answers to a survey ``sysmap survey`` wrote are read straight from
    the tool's export, through the survey's codes: LimeSurvey's response
    export, a KoboToolbox/ODK export, a returned Excel workbook or a folder
    of them (see :func:`sysmap.instrument.responses.read_responses`).

    Parameters
    ----------
    data : path or pandas.DataFrame
        CSV (any common separator and encoding) or Excel file, or a frame;
        or a survey tool's export of a survey sysmap wrote (a file or a
        folder of returned workbooks).
    actors : MemberList, path or pandas.DataFrame, optional
        The member list (see :func:`read_actors`). With it, names are
        resolved to persistent ids, every member becomes an actor (also those
        nobody named) and each actor's respondent status is known.
    columns : mapping, optional
        Your column names for sysmap's roles, e.g. ``{"partner":
        "Kooperationspartner", "intensity": "Stufe"}``: ``respondent`` and
        ``partner`` (required), ``relation`` (e.g. "information sharing") and
        the tie items. Without it the usual English and German names are
        recognised (``Organisation``, ``Partner``, ``Intensität``,
        ``Häufigkeit``, PARTNER's ``trust_reliable`` ... ``value_resources``;
        see :data:`sysmap.io.columns.COLUMN_NAMES`). Roles of other tables
        (``sector``) are ignored.
    items : mapping of str to (min, max), optional
        Tie items to read as numbers, with their valid range. Defaults to
        :data:`DEFAULT_ITEMS` (``intensity`` 1-4, ``frequency`` 0-5, PARTNER
        trust and value items 1-4, ``weight`` >= 0); your mapping is added to
        (and overrides) the defaults. Absent items are skipped. Other columns
        are kept as text.
    composites : mapping of str to sequence of str, optional
        Composite scales computed per tie as the mean of the answered items.
        Defaults to :data:`DEFAULT_COMPOSITES` (PARTNER ``trust`` and
        ``value``). Pass ``{}`` for none.
    scales : path, pandas.DataFrame, mapping or AnswerMapping, optional
        Your answer labels and their numbers, added to (and overriding) the
        built-in English and German vocabularies (see
        :func:`~sysmap.io.scales.read_scales`): a file or frame with the
        columns ``column, label, value``, or ``{column: {label: value}}``;
        column ``"*"`` applies to every item column.
    unknown : {"keep", "drop", "error"}, default="keep"
        What to do with partner names that are not in the member list (see
        :func:`~sysmap.io.assemble.resolve_endpoints`); always reported.
    fuzzy_threshold : float, optional
        Merge close misspellings scoring at least this (0-100). By default
        they are only suggested in ``report.suggestions``.
    sheet, sep, source
        Excel sheet (default: the first with respondent and partner columns),
        CSV separator (default: detected), and the table's name in messages.
    errors : {"repair", "raise", "collect"}, default="repair"
        ``"repair"``: fix what can be fixed (a bad cell is read as missing,
        a row without a name is dropped) and report it; raise one
        :class:`~sysmap.InputError` only for structural problems (a missing
        column, an unreadable file). ``"raise"``: raise on every problem
        (fail fast). ``"collect"``: never raise; the problems are in ``.report``.
    instrument : Instrument or path, optional
        The survey sysmap wrote (the file ``sysmap survey`` saved): `data` is
        its tools' export. Not needed for a returned workbook (it carries
        the survey) or when the survey file lies next to the export.

    Returns
    -------
    NetworkData
        Directed ties from respondent to partner, with items and composites.

    Notes
    -----
    Checks made on every row, all reported at once: required columns, blank
    names, answers that are neither a known label nor a number in range,
    unknown names (with the closest member-list names), self-nominations
    (dropped, warning), exact duplicate rows (dropped, warning) and
    contradictory duplicates (the same respondent, partner and relation rated
    differently). The report notes which column was read as what, which
    columns were not analysed, and which answer scale each item column used.

    Examples
    --------
    >>> import pandas as pd
    >>> survey = pd.DataFrame({"Organisation": ["Stadt", "Stadt", "Schule A"],
    ...                        "Partner": ["Schule A", "Stiftung B", "stadt"],
    ...                        "Intensität": ["3 - Koordination", "Kooperation", "4"]})
    >>> data = read_survey(survey)
    >>> data.ties[["source", "target", "intensity"]]
         source      target  intensity
    0  Schule A       Stadt        4.0
    1     Stadt    Schule A        3.0
    2     Stadt  Stiftung B        2.0
    >>> data.report.name_matches[["name", "actor", "method"]]
        name  actor      method
    0  stadt  Stadt  normalized
    """
    if instrument is not None or is_tool_export(data):
        from ..instrument.responses import read_responses

        return read_responses(
            data,  # type: ignore[arg-type]
            instrument=instrument,  # type: ignore[arg-type]
            actors=actors,
            composites=composites,
            unknown=unknown,
            fuzzy_threshold=fuzzy_threshold,
            sep=sep,
            source=source,
            errors=errors,
        )
    report = IngestReport.for_errors(errors)
    mapping = read_scales(scales)
    item_ranges = {**DEFAULT_ITEMS, **(items or {})}
    roles = ["respondent", "partner", "relation", *item_ranges]
    check_roles(columns, roles)
    members = member_list(actors, report)
    name = source_name(data, source)
    frame = read_table(
        data, report, source=name, sheet=sheet, sep=sep, needed=has_roles("respondent", "partner")
    )
    ties = empty_ties()
    respondents: set[str] = set()
    extra: dict[str, str] = {}
    if frame is not None:
        found = find_columns(
            frame,
            wanted_columns(roles, columns),
            report,
            name,
            required=["respondent", "partner"],
            table="survey",
            note="kept",
        )
        if "respondent" in found and "partner" in found:
            ties, respondents, extra = _survey_ties(
                frame,
                found,
                members,
                report,
                name,
                item_ranges,
                composites,
                mapping,
                unknown,
                fuzzy_threshold,
            )
    return finish(
        ties,
        members,
        report,
        name,
        respondents,
        extra,
        errors,
        kind="survey",
        params={"unknown": unknown, "fuzzy_threshold": fuzzy_threshold},
    )


def read_survey_wide(
    data: str | os.PathLike[str] | pd.DataFrame,
    *,
    questions: Mapping[str, str] | str | None = None,
    respondent: str | None = None,
    actors: MemberList | str | os.PathLike[str] | pd.DataFrame | None = None,
    columns: Mapping[str, str] | None = None,
    relation: str | None = None,
    absent: Sequence[str] = ("", "0"),
    items: Mapping[str, tuple[float, float]] | None = None,
    composites: Mapping[str, Sequence[str]] | None = None,
    scales: Scales = None,
    unknown: str = "keep",
    fuzzy_threshold: float | None = None,
    sheet: str | int | None = None,
    sep: str | None = None,
    source: str | None = None,
    errors: str = "repair",
) -> NetworkData:
    """Read a survey export in wide form: one row per respondent, one column per partner.

    Survey tools export roster questions as one column per (question, partner),
    e.g. ``Q5_Stadt Essen``, ``Q5 - RuhrFutur`` or ``Q5[Stadt Essen]``. sysmap
    reshapes the table to long form and reads it like :func:`read_survey`.

    Parameters
    ----------
    questions : mapping of str to str, or str, optional
        Tie item -> column pattern with ``{partner}`` where the partner's name
        stands, e.g. ``{"intensity": "Q5_{partner}", "reliability":
        "Q6_{partner}"}``, or the same as text (``"intensity=Q5_{partner},
        reliability=Q6_{partner}"``, see :func:`parse_questions`). By default
        the questions are detected (:func:`detect_questions`): columns sharing
        a question code whose suffixes name respondents or members. A question
        named like an item (``Intensität - Stadt Essen``) is that item; a single
        other question is ``intensity``; several others keep their code as the
        item name (text attributes). The report notes what was detected.
        A partner is named when any of its cells is not in `absent`.
    respondent : str, optional
        Column holding the respondent's organization (default: recognised by
        name, e.g. ``respondent``, ``Organisation``; same as
        ``columns={"respondent": ...}``).
    relation : str, optional
        Relation name for all ties (e.g. ``"information sharing"``).
    absent : sequence of str, default=("", "0")
        Cell values meaning "not named".

    Other parameters are as in :func:`read_survey`. Messages point to the
    cell in the wide file (its row and column).

    Examples
    --------
    >>> import pandas as pd
    >>> wide = pd.DataFrame({"Organisation": ["Stadt Essen", "RuhrFutur"],
    ...                      "Q5_Stadt Essen": ["", "3"], "Q5_RuhrFutur": ["4", ""]})
    >>> data = read_survey_wide(wide)
    >>> data.ties[["source", "target", "intensity"]]
            source       target  intensity
    0    RuhrFutur  Stadt Essen        3.0
    1  Stadt Essen    RuhrFutur        4.0
    >>> print(data.report.notes[-1])
    '<DataFrame>': question columns detected: 'Q5_{partner}' (partners: 2) as intensity. ...
    """
    report = IngestReport.for_errors(errors)
    if isinstance(questions, str):
        questions = parse_questions(questions)
    if questions is not None:
        if not questions:
            raise ParameterError(Msg("problems", "questions_option", value=""))
        for item, pattern in questions.items():
            if str(pattern).count("{partner}") != 1:
                raise ParameterError(
                    Msg("problems", "questions_option", value=f"{item}={pattern}")
                )
    mapping = read_scales(scales)
    item_ranges = {**DEFAULT_ITEMS, **(items or {})}
    given = dict(columns or {})
    if respondent is not None:
        given["respondent"] = respondent
    check_roles(given, ["respondent", *item_ranges])
    members = member_list(actors, report)
    name = source_name(data, source)
    frame = read_table(
        data, report, source=name, sheet=sheet, sep=sep, needed=has_roles("respondent")
    )
    ties = empty_ties()
    respondents: set[str] = set()
    extra: dict[str, str] = {}
    if frame is not None:
        found = find_columns(
            frame,
            wanted_columns(["respondent"], given),
            report,
            name,
            required=["respondent"],
            table="survey",
        )
        if "respondent" in found:
            resp_col = found["respondent"]
            others = [c for c in frame.columns if c not in (ROW, resp_col)]
            detected = questions is None
            if detected:
                names = _known_names(frame[resp_col], members)
                questions = detect_questions(others, names, values=frame, absent=absent)
            patterns = {item: _compile(p) for item, p in questions.items()}
            cells = _wide_cells(others, patterns)
            if not cells:
                found_text = ", ".join(f"'{c}'" for c in others[:20])
                if detected:
                    report.add(name, None, None, None, "schema", "no_questions_found",
                               found=found_text)
                else:
                    report.add(name, None, None, None, "schema", "no_question_columns",
                               patterns=", ".join(f"'{q}'" for q in questions.values()),
                               found=found_text)
            else:
                used = {c for by_item in cells.values() for c in by_item.values()}
                _note_questions(report, name, resp_col, questions, cells, others, used, detected)
                long, cell_columns = _reshape(frame, resp_col, cells, absent)
                ties, respondents, extra = _survey_ties(
                    long,
                    {"respondent": "respondent", "partner": "partner",
                     **{item: item for item in questions if item in long.columns}},
                    members,
                    report,
                    name,
                    item_ranges,
                    composites,
                    mapping,
                    unknown,
                    fuzzy_threshold,
                    relation=relation,
                    all_respondents=frame[resp_col],
                    cell_columns=cell_columns,
                    shown=dict(questions),
                )
    return finish(
        ties,
        members,
        report,
        name,
        respondents,
        extra,
        errors,
        kind="survey",
        params={"questions": dict(questions or {}), "unknown": unknown},
    )


# -- questions of wide exports ------------------------------------------------------
_QUESTION_SPLITS = (
    re.compile(r"^(?P<q>.*?\S)\s*\[(?P<p>[^\[\]]+)\]$"),  # Q5[Stadt Essen]
    re.compile(r"^(?P<q>.+?)\s+[-–—:]\s+(?P<p>.+)$"),  # Q5 - Stadt Essen
    re.compile(r"^(?P<q>[^_]+?)_(?P<p>.+)$"),  # Q5_Stadt Essen
    re.compile(r"^(?P<q>[^-\s]+?)-(?P<p>.+)$"),  # Q5-Stadt Essen
)
_QUESTION_CODE = re.compile(r"^[A-Za-z]{0,12}\d+[A-Za-z0-9.]*$")
_ITEMS = (
    "intensity", "frequency", "reliability", "mission_alignment", "openness",
    "power_influence", "involvement", "resource_contribution",
)


def parse_questions(text: str) -> dict[str, str]:
    """The ``--questions`` text as a mapping: ``"intensity=Q5_{partner},frequency=Q6_*"``.

    Pairs are separated by commas (or semicolons), item and pattern by ``=``.
    The pattern holds ``{partner}`` (or ``*``) once, where the partner's name
    stands in the column header.

    Raises
    ------
    ParameterError
        For a pair without ``=``, a pattern without exactly one placeholder,
        or an item named twice; the message (a :class:`~sysmap.i18n.Msg`,
        English and German) shows the expected form.

    Examples
    --------
    >>> parse_questions("intensity=Q5_{partner}, frequency = Q6 - *")
    {'intensity': 'Q5_{partner}', 'frequency': 'Q6 - {partner}'}
    """
    out: dict[str, str] = {}
    for part in re.split(r"[,;]", text or ""):
        if not part.strip():
            continue
        item, eq, pattern = part.partition("=")
        item, pattern = item.strip(), pattern.strip()
        if "{partner}" not in pattern and pattern.count("*") == 1:
            pattern = pattern.replace("*", "{partner}")
        if not eq or not item or pattern.count("{partner}") != 1 or item in out:
            raise ParameterError(Msg("problems", "questions_option", value=part.strip()))
        out[item] = pattern
    if not out:
        raise ParameterError(Msg("problems", "questions_option", value=text or ""))
    return out


def detect_questions(
    columns: Sequence[str],
    names: Iterable[str],
    *,
    values: pd.DataFrame | None = None,
    absent: Sequence[str] = ("", "0"),
) -> dict[str, str]:
    """Find the roster questions of a wide export from its column headers.

    A question is a group of columns sharing a question part and a separator
    (``Q5_<partner>``, ``Q5 - <partner>``, ``Q5: <partner>``, ``Q5[<partner>]``,
    ``Q5-<partner>``; tried in that order) whose partner parts are mostly
    (at least half) known names, or, with three or more columns, whose
    question part is a code such as ``Q5`` or ``F12a``.

    Parameters
    ----------
    columns : sequence of str
        The headers (without the respondent column).
    names : iterable of str
        Known organization names: the respondents, and the member list's
        names and aliases (compared after :func:`~sysmap.io.normalize_name`).
    values : pandas.DataFrame, optional
        The table, to tell a yes/no "named" question (only ``x``, ``1``,
        ``ja``, ...) from a rating.
    absent : sequence of str
        Cells meaning "not named".

    Returns
    -------
    dict
        Item -> pattern (``"Q5_{partner}"``), in column order. A question
        named like an item (``Intensität``, ``frequency``, ``trust_reliable``)
        is that item; a single other question is ``intensity`` unless it only
        holds yes/no answers; other questions keep their question part as the
        item name.

    Examples
    --------
    >>> detect_questions(["Q5_Stadt", "Q5_Schule", "Häufigkeit - Stadt", "Häufigkeit - Schule",
    ...                   "Kommentar"], ["Stadt", "Schule"])
    {'intensity': 'Q5_{partner}', 'frequency': 'Häufigkeit - {partner}'}
    """
    keys = {normalize_name(n) for n in names if str(n).strip()}
    left = list(columns)
    groups: dict[str, list[tuple[str, str]]] = {}
    questions: dict[str, str] = {}
    for split in _QUESTION_SPLITS:
        candidates: dict[str, list[tuple[str, str]]] = {}
        for column in left:
            m = split.match(column)
            if m:
                pattern = column[: m.start("p")] + "{partner}" + column[m.end("p") :]
                candidates.setdefault(pattern, []).append((column, m.group("p").strip()))
        for pattern, members in candidates.items():
            known = sum(normalize_name(p) in keys for _, p in members)
            question = pattern.split("{partner}")[0].strip(" _-–—:[")
            coded = len(members) >= 3 and bool(_QUESTION_CODE.match(question))
            if (known and 2 * known >= len(members)) or coded:
                groups[pattern] = members
                questions[pattern] = question
        taken = {c for members in groups.values() for c, _ in members}
        left = [c for c in left if c not in taken]
    order = sorted(groups, key=lambda p: list(columns).index(groups[p][0][0]))
    named: dict[str, str] = {}
    unnamed: list[str] = []
    for pattern in order:
        item = next(
            (i for i in _ITEMS if any(names_match(questions[pattern], n) for n in COLUMN_NAMES[i])),
            None,
        )
        if item is not None and item not in named:
            named[item] = pattern
        else:
            unnamed.append(pattern)
    out = dict(named)
    for pattern in unnamed:
        cols = [c for c, _ in groups[pattern]]
        single = len(unnamed) == 1 and "intensity" not in named
        if single and not _yes_only(values, cols, absent):
            out["intensity"] = pattern
        else:
            out[questions[pattern]] = pattern
    return dict(sorted(out.items(), key=lambda kv: order.index(kv[1])))


def _yes_only(values: pd.DataFrame | None, columns: list[str], absent: Sequence[str]) -> bool:
    """Whether the named cells only say "yes" (a checkbox question, not a rating)."""
    if values is None:
        return False
    cells = pd.unique(values[columns].to_numpy().ravel())
    named = [c for c in cells if c not in set(absent)]
    yes = ANSWER_SCALES["yes_no"]
    return bool(named) and all(c == "1" or yes.code(c) == 1 for c in named)


def _known_names(respondents: pd.Series, members: MemberList | None) -> list[str]:
    names = [str(n) for n in respondents if str(n).strip()]
    if members is not None:
        table = members.actors
        names += [str(a) for a in table.index] + [str(n) for n in table["name"]]
        names += [str(a) for aliases in table["aliases"] for a in aliases]
    return names


def _compile(pattern: str) -> re.Pattern[str]:
    before, after = pattern.split("{partner}")
    return re.compile(f"^{re.escape(before)}(?P<partner>.+?){re.escape(after)}$")


def _wide_cells(
    columns: Sequence[str], patterns: Mapping[str, re.Pattern[str]]
) -> dict[str, dict[str, str]]:
    """Partner -> item -> column name, for the columns matching a pattern."""
    cells: dict[str, dict[str, str]] = {}
    for column in columns:
        for item, pattern in patterns.items():
            match = pattern.match(column)
            if match:
                cells.setdefault(match.group("partner").strip(), {})[item] = column
                break
    return cells


def _note_questions(
    report: IngestReport,
    source: str,
    resp_col: str,
    questions: Mapping[str, str],
    cells: Mapping[str, Mapping[str, str]],
    others: Sequence[str],
    used: set[str],
    detected: bool,
) -> None:
    """Note the respondent column, each question (as which item), and unused columns."""
    parts = []
    for item, pattern in questions.items():
        n = sum(item in by_item for by_item in cells.values())
        if n:
            role = Msg("notes", f"role_{item}") if item in COLUMN_NAMES else item
            parts.append(Msg("notes", "question_as", pattern=pattern, n=n, item=role))
    note_columns(report, source, {"respondent": resp_col}, [c for c in others if c not in used],
                 kept=False)
    if detected:
        example = next(iter(questions.values()))
        report.note("questions_detected", source=source, questions=parts, example=example)
    else:
        report.note("questions_read", source=source, questions=parts)


def _reshape(
    frame: pd.DataFrame, respondent: str, cells: dict[str, dict[str, str]], absent: Sequence[str]
) -> tuple[pd.DataFrame, dict[str, pd.Series]]:
    """Long form (``_row, respondent, partner, <items>``) and, per item, each
    long row's column in the wide file."""
    items = list(dict.fromkeys(item for by_item in cells.values() for item in by_item))
    rows, where = [], []
    absent_set = set(absent)
    for idx in frame.index:
        for partner, by_item in cells.items():
            values = {item: frame.at[idx, col] for item, col in by_item.items()}
            if all(v in absent_set for v in values.values()):
                continue
            rows.append(
                {
                    ROW: frame.at[idx, ROW],
                    "respondent": frame.at[idx, respondent],
                    "partner": partner,
                    **{i: values.get(i, "") for i in items},
                }
            )
            where.append(by_item)
    long = pd.DataFrame(rows, columns=[ROW, "respondent", "partner", *items])
    cell_columns = {
        item: pd.Series([w.get(item, item) for w in where], index=long.index, dtype=object)
        for item in items
    }
    return long, cell_columns


# -- survey tools' exports -----------------------------------------------------
def is_tool_export(data: object) -> bool:
    """Whether `data` is a survey tool's export of a survey sysmap wrote (or a folder
    of returned workbooks): the hook through which :func:`read_survey`,
    :func:`~sysmap.read` and format detection reach
    :mod:`sysmap.instrument.responses`.

    The survey kit owns the instrument and imports :mod:`sysmap.io`; it is
    imported here only when a path is looked at, so that :mod:`sysmap.io`
    does not depend on it when it is loaded.
    """
    if not isinstance(data, (str, os.PathLike)):
        return False
    from ..instrument.responses import is_export

    return is_export(data)


def survey_ties(
    frame: pd.DataFrame,
    found: dict[str, str],
    members: MemberList | None,
    report: IngestReport,
    source: str,
    *,
    composites: Mapping[str, Sequence[str]] | None = None,
) -> pd.DataFrame:
    """The ties of a long table another reader built, checked as :func:`read_survey` checks.

    For :mod:`sysmap.instrument.responses`: `frame` holds ``_row``, the
    ``respondent``, ``partner`` and ``relation`` columns `found` names, and
    the items as numbers (already read). Names are resolved, composites
    added, self-ties and duplicates dropped (reported).
    """
    ties, _, _ = _survey_ties(frame, found, members, report, source, {}, composites, None,
                              "keep", None)  # fmt: skip
    return ties


# -- shared steps ----------------------------------------------------------------
def _survey_ties(
    frame: pd.DataFrame,
    found: dict[str, str],
    members: MemberList | None,
    report: IngestReport,
    source: str,
    item_ranges: Mapping[str, tuple[float, float]],
    composites: Mapping[str, Sequence[str]] | None,
    mapping: AnswerMapping | None,
    unknown: str,
    fuzzy_threshold: float | None,
    *,
    relation: str | None = None,
    all_respondents: pd.Series | None = None,
    cell_columns: Mapping[str, pd.Series] | None = None,
    shown: Mapping[str, str] | None = None,
) -> tuple[pd.DataFrame, set[str], dict[str, str]]:
    resp_col, part_col = found["respondent"], found["partner"]
    work = frame.copy()
    # blank names
    for col in (resp_col, part_col):
        for idx in work.index[work[col] == ""]:
            report.add(
                source,
                int(work.at[idx, ROW]),
                col,
                "",
                "blank_name",
                "blank_respondent" if col == resp_col else "blank_partner",
                repair=True,
                action="dropped",
            )
    work = work.loc[(work[resp_col] != "") & (work[part_col] != "")]
    # item answers -> numbers
    item_columns = {item: found[item] for item in item_ranges if item in found}
    numeric = read_items(
        work,
        item_columns,
        item_ranges,
        report,
        source,
        mapping=mapping,
        cells={i: s.loc[work.index] for i, s in (cell_columns or {}).items()},
        shown=shown,
    )
    # names -> ids
    names_frame = work.copy()
    if all_respondents is not None:  # respondents with no ties are respondents too
        padded = list(all_respondents)
        start = int(work.index.max()) + 1 if len(work) else 0
        pad = pd.DataFrame(
            {ROW: [0] * len(padded), resp_col: padded, part_col: padded},
            index=pd.RangeIndex(start, start + len(padded)),
        )
        names_frame = pd.concat([names_frame, pad])
    resolved, extra = resolve_endpoints(
        names_frame,
        [resp_col, part_col],
        members,
        report,
        source,
        unknown=unknown,
        fuzzy_threshold=fuzzy_threshold,
    )
    respondents = set(resolved[resp_col])
    resolved = resolved.loc[resolved[ROW] > 0] if all_respondents is not None else resolved
    ties = pd.DataFrame(
        {
            "source": resolved[resp_col].to_numpy(),
            "target": resolved[part_col].to_numpy(),
            "relation": (
                resolved[found["relation"]].replace("", DEFAULT_RELATION).to_numpy()
                if "relation" in found
                else relation or DEFAULT_RELATION
            ),
            "row": resolved[ROW].astype("int64").to_numpy(),
        },
        index=resolved.index,
    )
    for item, numbers in numeric.items():
        ties[item] = numbers.reindex(resolved.index)
    used = {ROW, resp_col, part_col, found.get("relation"), *item_columns.values()}
    for col in work.columns:
        if col not in used and not col.startswith("_") and col not in ties.columns:
            ties[col] = work[col].reindex(resolved.index)
    ties = _add_composites(ties, composites)
    names = display_names(members, extra)
    ties = drop_self_ties(ties, report, source, resp_col, names)
    ties = drop_duplicates(ties, report, source, names)
    return ties, respondents, extra


def _add_composites(
    ties: pd.DataFrame, composites: Mapping[str, Sequence[str]] | None
) -> pd.DataFrame:
    composites = DEFAULT_COMPOSITES if composites is None else composites
    for name, parts in composites.items():
        present = [i for i in parts if i in ties.columns]
        if present:
            ties[name] = ties[present].astype(float).mean(axis=1, skipna=True)
    return ties
