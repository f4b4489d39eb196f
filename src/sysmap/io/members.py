"""Read a member list (roster): ids, names, aliases, sector and other attributes."""

from __future__ import annotations

import os
from collections.abc import Mapping

import pandas as pd

from ..exceptions import DuplicateActorError
from ..i18n import Msg
from ._cells import infer_attribute, repair_float_ids
from .columns import (
    COLUMN_NAMES,
    ROLE_GROUPS,
    check_roles,
    find_columns,
    match_roles,
    report_missing,
    wanted_columns,
)
from .identity import ActorRegistry, _split_aliases
from .model import MemberList
from .report import IngestReport
from .scales import ANSWER_SCALES
from .tables import ROW, read_table, source_name

__all__ = ["MEMBER_COLUMNS", "parse_yes_no", "read_actors"]

#: sysmap's own column names of a member list; other names are recognised too
#: (``id``/``label`` of Gephi, igraph and R node tables, ``Nr.``, ``Organisation``,
#: ``Sektor``, ``Teilgenommen``, ...; see :data:`sysmap.io.columns.COLUMN_NAMES`).
MEMBER_COLUMNS = {role: COLUMN_NAMES[role][0] for role in ROLE_GROUPS["members"]}
_YES = {"1", "responded", "ok"}
_NO = {"0", "", "-"}


def parse_yes_no(text: str) -> bool | None:
    """``True``/``False`` for the usual yes/no spellings (English and German), else ``None``.

    The yes/no answer scale (:data:`sysmap.io.scales.ANSWER_SCALES`), plus
    ``1``/``0``, ``responded``, ``ok``, and blank or ``-`` for no.

    Examples
    --------
    >>> parse_yes_no("Ja"), parse_yes_no("x"), parse_yes_no(""), parse_yes_no("vielleicht")
    (True, True, False, None)
    """
    folded = str(text).strip().casefold()
    if folded in _YES or folded in _NO:
        return folded in _YES
    code = ANSWER_SCALES["yes_no"].code(folded)
    return None if code is None else code == 1


def read_actors(
    data: str | os.PathLike[str] | pd.DataFrame,
    *,
    columns: Mapping[str, str] | None = None,
    aliases: str | os.PathLike[str] | pd.DataFrame | None = None,
    sheet: str | int | None = None,
    sep: str | None = None,
    source: str | None = None,
    errors: str = "repair",
) -> MemberList:
    """Read and validate a member list (the roster of organizations).

    Parameters
    ----------
    data : path or pandas.DataFrame
        CSV or Excel file (or a frame) with one row per organization.
    columns : mapping, optional
        Your column names for sysmap's roles, e.g. ``{"actor": "Kennung"}``.
        Roles: ``actor`` (persistent id), ``name`` (display name), ``aliases``
        (``|``-separated other names), ``sector``, ``responded`` (yes/no, 1/0,
        ja/nein). Without it the usual English and German names are
        recognised (``id``/``label`` of Gephi, igraph and R node tables,
        ``Nr.``, ``Organisation``, ``Sektor``, ``Teilgenommen``; see
        :data:`sysmap.io.columns.COLUMN_NAMES`); roles of other tables are
        ignored. Only one of ``actor`` and ``name`` is required; when ids are
        missing the name is the id. Every other column is kept as an attribute.
    aliases : path or pandas.DataFrame, optional
        An alias table (columns ``alias, actor``), e.g. one saved with
        ``member_list.registry.alias_table()`` and edited by hand.
    sheet : str or int, optional
        Excel sheet to read (name, or position from 0).
    sep : {",", ";", "tab", "|"}, optional
        CSV separator (``"\\t"`` for a tab too); detected when omitted.
    source : str, optional
        Name of the table in messages (defaults to the file name).
    errors : {"repair", "raise", "collect"}, default="repair"
        ``"repair"``: fix what can be fixed (a bad cell is read as missing,
        a row without a name is dropped) and report it; raise one
        :class:`~sysmap.InputError` only for structural problems (a missing
        column, an unreadable file). ``"raise"``: raise on every problem
        (fail fast). ``"collect"``: never raise; the problems are in ``.report``.

    Returns
    -------
    MemberList
        ``.actors`` (indexed by ``actor``), ``.registry``, ``.report``.

    Raises
    ------
    SchemaError
        If neither an id nor a name column exists, or the file is empty.
    InputError
        For blank or duplicate ids, duplicate names, aliases that point to two
        organizations, or unreadable ``responded`` values (all listed at once).

    Examples
    --------
    >>> import pandas as pd
    >>> roster = pd.DataFrame({"actor": ["A1", "A2"],
    ...                        "name": ["Stadt Rheinstadt", "Straßenkinder e.V."],
    ...                        "aliases": ["Stadtverwaltung", ""],
    ...                        "sector": ["City", "Civil society"],
    ...                        "responded": ["ja", "nein"]})
    >>> members = read_actors(roster)
    >>> members.actors[["name", "sector", "responded"]]
                         name         sector  responded
    actor
    A1       Stadt Rheinstadt           City       True
    A2     Straßenkinder e.V.  Civil society      False
    >>> members.registry.resolve("Stadtverwaltung").actor
    'A1'
    """
    report = IngestReport.for_errors(errors)
    roles = ROLE_GROUPS["members"]
    check_roles(columns, roles)
    wanted = wanted_columns(roles, columns)
    name = source_name(data, source)
    ids = {"actor": wanted["actor"], "name": wanted["name"]}
    frame = read_table(
        data, report, source=name, sheet=sheet, sep=sep, needed=lambda h: bool(match_roles(h, ids))
    )
    actors = pd.DataFrame(
        columns=["name", "aliases", "responded"], index=pd.Index([], name="actor")
    )
    if frame is not None:
        found = find_columns(frame, wanted, report, name, table="members", note="kept")
        if "actor" not in found and "name" not in found:
            report_missing(frame, wanted, "actor", report, name, table="members")
        else:
            actors = _validate(frame, found, report, name)
    registry = _registry(actors, report, name)
    for key, shared in registry.ambiguous.items():
        report.add(
            name,
            None,
            "name",
            key,
            "similar_names",
            severity="warning",
            actors=", ".join(shared),
        )
    if aliases is not None and not report.errors:
        registry = _add_alias_table(registry, aliases, report)
    if errors != "collect":
        report.raise_if_errors()
        report.warn()
    return MemberList(actors=actors, registry=registry, report=report)


def _validate(
    frame: pd.DataFrame, found: dict[str, str], report: IngestReport, source: str
) -> pd.DataFrame:
    id_col = found.get("actor", found.get("name"))
    name_col = found.get("name", id_col)
    if "actor" not in found:
        report.note("no_id_column", source=source)
    frame = repair_float_ids(frame, [id_col], report, source)
    ids = frame[id_col]
    keep = pd.Series(True, index=frame.index)
    for idx in frame.index[ids == ""]:
        report.add(
            source,
            int(frame.at[idx, ROW]),
            id_col,
            "",
            "blank_id",
            repair=True,
            action="dropped",
        )
        keep[idx] = False
    kept = ids[keep]
    repeated = kept.duplicated()  # one pass in pandas; a loop over rows only for repeats
    firsts = kept[~repeated & kept.isin(kept[repeated])]
    first_row = dict(zip(firsts, frame.loc[firsts.index, ROW].astype(int)))
    for idx in kept.index[repeated]:
        actor = ids[idx]
        report.add(
            source,
            int(frame.at[idx, ROW]),
            id_col,
            actor,
            "duplicate_id",
            repair=True,
            action="dropped",
            actor=actor,
            first_row=str(first_row[actor]),
        )
        keep[idx] = False
    names = frame[name_col].where(frame[name_col] != "", ids)
    responded = pd.Series(pd.NA, index=frame.index, dtype="boolean")
    if "responded" in found:
        col = found["responded"]
        for idx, text in frame[col].items():
            value = parse_yes_no(text)
            if value is None:
                report.add(
                    source,
                    int(frame.at[idx, ROW]),
                    col,
                    text,
                    "yes_no",
                    repair=True,
                    action="repaired",
                    value=text,
                )
            else:
                responded[idx] = value
    out = pd.DataFrame(
        {
            "name": names,
            "aliases": frame[found["aliases"]].map(_split_aliases)
            if "aliases" in found
            else [[] for _ in range(len(frame))],
            "responded": responded,
        },
        index=frame.index,
    )
    used = {found.get(role) for role in ("actor", "name", "aliases", "responded")}
    for col in frame.columns:
        if col != ROW and col not in used:
            role = next((r for r, c in found.items() if c == col), col)
            out[role] = infer_attribute(frame[col])
    out.index = pd.Index(ids, name="actor")
    out = out.loc[keep.to_numpy()]
    return out.loc[sorted(out.index)]


def _registry(actors: pd.DataFrame, report: IngestReport, source: str) -> ActorRegistry:
    try:
        return ActorRegistry.from_frame(actors)
    except DuplicateActorError as exc:
        for problem in exc.problems:
            report.add(source, None, "name", None, "duplicate_name", problem.key, **problem.fields)
        return ActorRegistry({a: a for a in actors.index})


def _add_alias_table(
    registry: ActorRegistry, aliases: object, report: IngestReport
) -> ActorRegistry:
    name = source_name(aliases)
    table = read_table(aliases, report, source=name)
    if table is None:
        return registry
    found = find_columns(
        table,
        {"alias": "alias", "actor": "actor"},
        report,
        name,
        required=["alias", "actor"],
        table="aliases",
    )
    if len(found) < 2:
        return registry
    elsewhere = []
    ok = True
    for idx in table.index:
        alias, actor = table.at[idx, found["alias"]], table.at[idx, found["actor"]]
        row = int(table.at[idx, ROW])
        if actor not in registry:
            elsewhere.append(Msg("notes", "alias_at_row", alias=alias, actor=actor, row=str(row)))
            continue
        try:
            registry.add_alias(alias, actor)
        except DuplicateActorError as exc:
            for problem in exc.problems:
                report.add(
                    name,
                    row,
                    found["alias"],
                    alias,
                    "ambiguous_alias",
                    problem.key,
                    **problem.fields,
                )
            ok = False
    if elsewhere:
        # an alias table kept across waves names organizations that left or join later
        report.note(
            "aliases_elsewhere",
            source=name,
            n=len(elsewhere),
            aliases=[*elsewhere[:5], *(["..."] if len(elsewhere) > 5 else [])],
        )
    if ok:
        report.note("aliases_used", source=name, n=len(table) - len(elsewhere))
    return registry
