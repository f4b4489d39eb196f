"""Read roster surveys: long form (one row per named partner) and wide exports."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from ..exceptions import ParameterError
from ._assemble import (
    DEFAULT_RELATION,
    drop_duplicates,
    drop_self_ties,
    empty_ties,
    finish,
    member_list,
    resolve_endpoints,
)
from ._tables import ROW, find_columns, parse_numbers, read_table, source_name
from .model import MemberList, NetworkData
from .report import IngestReport

__all__ = ["DEFAULT_ITEMS", "DEFAULT_SCALES", "SURVEY_COLUMNS", "read_survey", "read_survey_wide"]

#: Default column names of a long roster survey (override with ``columns=``).
SURVEY_COLUMNS = {"respondent": "respondent", "partner": "partner", "relation": "relation"}

#: Tie items sysmap recognises by default, with their valid range. Relationship
#: intensity follows PARTNER's 1-4 scale (awareness, cooperation, coordination,
#: integration); trust and value items are PARTNER's 1-4 ratings.
DEFAULT_ITEMS: dict[str, tuple[float, float]] = {
    "weight": (0.0, np.inf),
    "intensity": (1, 4),
    "frequency": (1, 5),
    "reliability": (1, 4),
    "mission_alignment": (1, 4),
    "openness": (1, 4),
    "power_influence": (1, 4),
    "involvement": (1, 4),
    "resource_contribution": (1, 4),
}

#: Composite scales: PARTNER trust = mean(reliability, mission alignment,
#: openness); value = mean(power/influence, involvement, resource contribution).
DEFAULT_SCALES: dict[str, tuple[str, ...]] = {
    "trust": ("reliability", "mission_alignment", "openness"),
    "value": ("power_influence", "involvement", "resource_contribution"),
}


def read_survey(
    data: str | os.PathLike[str] | pd.DataFrame,
    *,
    actors: MemberList | str | os.PathLike[str] | pd.DataFrame | None = None,
    columns: Mapping[str, str] | None = None,
    items: Mapping[str, tuple[float, float]] | None = None,
    scales: Mapping[str, Sequence[str]] | None = None,
    unknown: str = "keep",
    fuzzy_threshold: float | None = None,
    sheet: str | int | None = None,
    source: str | None = None,
    errors: str = "repair",
) -> NetworkData:
    """Read a roster survey in long form: one row per (respondent, named partner).

    Parameters
    ----------
    data : path or pandas.DataFrame
        CSV (any common delimiter and encoding) or Excel file, or a frame.
    actors : MemberList, path or pandas.DataFrame, optional
        The member list (see :func:`read_actors`). With it, names are
        resolved to persistent ids, every member becomes an actor (also those
        nobody named) and each actor's respondent status is known.
    columns : mapping, optional
        Your column names for sysmap's roles: ``respondent``, ``partner``
        (required) and ``relation`` (optional; e.g. "information sharing").
    items : mapping of str to (min, max), optional
        Tie items to validate and parse as numbers, with their valid range.
        Defaults to :data:`DEFAULT_ITEMS` (``intensity`` 1-4, ``frequency`` 1-5,
        PARTNER trust and value items 1-4, ``weight`` >= 0); your mapping is
        added to (and overrides) the defaults. Items are looked up by column
        name; absent ones are skipped. Other columns are kept as text.
    scales : mapping of str to sequence of str, optional
        Composite scales computed per tie as the mean of the answered items.
        Defaults to :data:`DEFAULT_SCALES` (PARTNER ``trust`` and ``value``).
        Pass ``{}`` for none.
    unknown : {"keep", "drop", "error"}, default="keep"
        What to do with partner names that are not in the member list (see
        :func:`~sysmap.io._resolve.resolve_endpoints`); always reported.
    fuzzy_threshold : float, optional
        Merge close misspellings scoring at least this (0-100). By default
        they are only suggested in ``report.suggestions``.
    sheet, source
        Excel sheet, and the table's name in messages.
    errors : {"repair", "raise", "collect"}, default="repair"
        ``"repair"``: fix what can be fixed (a bad cell is read as missing,
        a row without a name is dropped) and report it; raise one
        :class:`~sysmap.InputError` only for structural problems (a missing
        column, an unreadable file). ``"raise"``: raise on every problem
        (fail fast). ``"collect"``: never raise; the problems are in ``.report``.

    Returns
    -------
    NetworkData
        Directed ties from respondent to partner, with items and scales.

    Notes
    -----
    Checks made on every row, all reported at once: required columns, blank
    names, ratings outside their scale or not numbers, unknown names (with the
    closest member-list names), self-nominations (dropped, warning), exact
    duplicate rows (dropped, warning) and contradictory duplicates (the same
    respondent, partner and relation rated differently: an error).

    Examples
    --------
    >>> import pandas as pd
    >>> survey = pd.DataFrame({"respondent": ["Stadt", "Stadt", "Schule A"],
    ...                        "partner": ["Schule A", "Stiftung B", "stadt"],
    ...                        "intensity": [3, 2, 4]})
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
    report = IngestReport.for_errors(errors)
    members = member_list(actors, report)
    name = source_name(data, source)
    frame = read_table(data, report, source=name, sheet=sheet)
    ties = empty_ties()
    respondents: set[str] = set()
    extra: dict[str, str] = {}
    if frame is not None:
        wanted = {**SURVEY_COLUMNS, **(columns or {})}
        found = find_columns(
            frame, wanted, report, name, required=["respondent", "partner"], table="survey table"
        )
        if "respondent" in found and "partner" in found:
            ties, respondents, extra = _survey_ties(
                frame, found, members, report, name, items, scales, unknown, fuzzy_threshold
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
    questions: Mapping[str, str],
    respondent: str = "respondent",
    actors: MemberList | str | os.PathLike[str] | pd.DataFrame | None = None,
    relation: str | None = None,
    absent: Sequence[str] = ("", "0"),
    items: Mapping[str, tuple[float, float]] | None = None,
    scales: Mapping[str, Sequence[str]] | None = None,
    unknown: str = "keep",
    fuzzy_threshold: float | None = None,
    sheet: str | int | None = None,
    source: str | None = None,
    errors: str = "repair",
) -> NetworkData:
    """Read a survey export in wide form: one row per respondent, one column per partner.

    Survey tools export roster questions as one column per (question, partner),
    e.g. ``Q5_Stadt Essen``, ``Q5_RuhrFutur``. Name each question's column
    pattern with ``{partner}`` where the partner's name stands; sysmap
    reshapes the table to long form and reads it like :func:`read_survey`.

    Parameters
    ----------
    questions : mapping of str to str
        Tie item -> column pattern, e.g. ``{"intensity": "Q5_{partner}",
        "reliability": "Q6_{partner}"}``. A partner is named when any of its
        cells is not in `absent`.
    respondent : str, default="respondent"
        Column holding the respondent's organization.
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
    >>> data = read_survey_wide(wide, questions={"intensity": "Q5_{partner}"},
    ...                         respondent="Organisation")
    >>> data.ties[["source", "target", "intensity"]]
            source       target  intensity
    0    RuhrFutur  Stadt Essen        3.0
    1  Stadt Essen    RuhrFutur        4.0
    """
    report = IngestReport.for_errors(errors)
    if not questions:
        raise ParameterError("questions must map at least one tie item to a column pattern.")
    patterns = {}
    for item, pattern in questions.items():
        if pattern.count("{partner}") != 1:
            msg = f"question pattern {pattern!r} for {item!r} must contain '{{partner}}' once."
            raise ParameterError(msg)
        before, after = pattern.split("{partner}")
        patterns[item] = re.compile(f"^{re.escape(before)}(?P<partner>.+?){re.escape(after)}$")
    members = member_list(actors, report)
    name = source_name(data, source)
    frame = read_table(data, report, source=name, sheet=sheet)
    ties = empty_ties()
    respondents: set[str] = set()
    extra: dict[str, str] = {}
    if frame is not None:
        found = find_columns(
            frame,
            {"respondent": respondent},
            report,
            name,
            required=["respondent"],
            table="survey table",
        )
        cells = _wide_cells(frame, patterns, absent)
        if not cells and "respondent" in found:
            report.add(
                name,
                None,
                None,
                None,
                "schema",
                "no_question_columns",
                patterns=", ".join(f"'{q}'" for q in questions.values()),
                found=", ".join(f"'{c}'" for c in frame.columns if c != ROW),
            )
        if "respondent" in found and cells:
            long = _reshape(frame, found["respondent"], cells, absent)
            cell_names = {(r, p): c for r, p, c in long.pop("_cells")}
            long_found = {"respondent": "respondent", "partner": "partner"}
            ties, respondents, extra = _survey_ties(
                long,
                long_found,
                members,
                report,
                name,
                items,
                scales,
                unknown,
                fuzzy_threshold,
                relation=relation,
                all_respondents=frame[found["respondent"]],
                cell_names=cell_names,
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
        params={"questions": dict(questions), "unknown": unknown},
    )


# -- shared steps ----------------------------------------------------------------
def _wide_cells(
    frame: pd.DataFrame, patterns: Mapping[str, re.Pattern[str]], absent: Sequence[str]
) -> dict[str, dict[str, str]]:
    """Partner -> item -> column name, for the columns matching a pattern."""
    cells: dict[str, dict[str, str]] = {}
    for column in frame.columns:
        for item, pattern in patterns.items():
            match = pattern.match(column)
            if match:
                cells.setdefault(match.group("partner").strip(), {})[item] = column
    return cells


def _reshape(
    frame: pd.DataFrame, respondent: str, cells: dict[str, dict[str, str]], absent: Sequence[str]
) -> pd.DataFrame:
    items = sorted({item for by_item in cells.values() for item in by_item})
    rows = []
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
                    "_cells": (frame.at[idx, ROW], partner, by_item),
                }
            )
    long = pd.DataFrame(rows, columns=[ROW, "respondent", "partner", *items, "_cells"])
    return long


def _survey_ties(
    frame: pd.DataFrame,
    found: dict[str, str],
    members: MemberList | None,
    report: IngestReport,
    source: str,
    items: Mapping[str, tuple[float, float]] | None,
    scales: Mapping[str, Sequence[str]] | None,
    unknown: str,
    fuzzy_threshold: float | None,
    *,
    relation: str | None = None,
    all_respondents: pd.Series | None = None,
    cell_names: dict | None = None,
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
    # numeric items
    item_ranges = {**DEFAULT_ITEMS, **(items or {})}
    numeric = {}
    for item, scale in item_ranges.items():
        col = _column_for(work, item)
        if col is None:
            continue
        lo, hi = scale
        numbers = _parse_item(work, col, report, source, (lo, hi), item, cell_names)
        numeric[item] = numbers
    # names -> ids
    resolved_respondents = list(all_respondents) if all_respondents is not None else []
    names_frame = work.copy()
    if all_respondents is not None:  # respondents with no ties are respondents too
        pad = pd.DataFrame(
            {
                ROW: [0] * len(resolved_respondents),
                resp_col: resolved_respondents,
                part_col: resolved_respondents,
            }
        )
        names_frame = pd.concat([names_frame, pad], ignore_index=True)
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
    used = {ROW, resp_col, part_col, found.get("relation")} | {
        _column_for(work, i) for i in numeric
    }
    for col in work.columns:
        if col not in used and not col.startswith("_"):
            ties[col] = work[col].reindex(resolved.index)
    ties = _add_scales(ties, scales)
    ties = drop_self_ties(ties, report, source, resp_col)
    ties = drop_duplicates(ties, report, source)
    return ties, respondents, extra


def _column_for(frame: pd.DataFrame, item: str) -> str | None:
    if item in frame.columns:
        return item
    folded = {c.casefold().replace(" ", "_"): c for c in frame.columns}
    return folded.get(item.casefold())


def _parse_item(
    frame: pd.DataFrame,
    col: str,
    report: IngestReport,
    source: str,
    scale: tuple[float, float],
    item: str,
    cell_names: dict | None,
) -> pd.Series:
    if cell_names is None:
        return parse_numbers(frame, col, report, source, scale=scale, what=item)
    # wide form: report the original cell's column, not the reshaped one
    sub = IngestReport(strict=report.strict)
    numbers = parse_numbers(frame, col, sub, source, scale=scale, what=item)
    for problem, idx in zip(sub._problems, frame.index[numbers.isna() & (frame[col] != "")]):
        wide_col = cell_names[(frame.at[idx, ROW], frame.at[idx, "partner"])].get(item, col)
        text = problem.message.fields["text"]
        report.add(
            source,
            problem.row,
            wide_col,
            problem.value,
            problem.check,
            text.key,
            severity=problem.severity,
            action=problem.action,
            **text.fields,
        )
    return numbers


def _add_scales(ties: pd.DataFrame, scales: Mapping[str, Sequence[str]] | None) -> pd.DataFrame:
    scales = DEFAULT_SCALES if scales is None else scales
    for scale, scale_items in scales.items():
        present = [i for i in scale_items if i in ties.columns]
        if present:
            ties[scale] = ties[present].astype(float).mean(axis=1, skipna=True)
    return ties
