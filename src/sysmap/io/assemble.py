"""Steps every tie reader shares: names to actor ids, checks on ties, the actor table.

A survey, an edge list and a Kumu workbook resolve names, report merges, drop
self-ties and duplicates, and flag unknown organizations the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from ..exceptions import ParameterError
from ..i18n import Msg
from ._cells import repair_float_ids
from .identity import ActorRegistry, NameMatch, normalize_name
from .members import read_actors
from .model import (
    DID_NOT_RESPOND,
    NOT_ON_ROSTER,
    NOT_SURVEYED,
    RESPONDED,
    MemberList,
    NetworkData,
)
from .report import IngestReport
from .tables import ROW

__all__ = [
    "DEFAULT_RELATION",
    "UNKNOWN_POLICIES",
    "actor_table",
    "display_names",
    "drop_duplicates",
    "drop_self_ties",
    "empty_ties",
    "finish",
    "member_list",
    "order_pairs",
    "resolve_endpoints",
]

#: Relation name used when the input has no relation column.
DEFAULT_RELATION = "tie"

UNKNOWN_POLICIES = ("keep", "drop", "error")


def _check_unknown(unknown: str) -> None:
    if unknown not in UNKNOWN_POLICIES:
        msg = f"unknown must be one of {UNKNOWN_POLICIES}; got {unknown!r}."
        raise ParameterError(msg)


def resolve_endpoints(
    frame: pd.DataFrame,
    columns: Sequence[str],
    members: MemberList | None,
    report: IngestReport,
    source: str,
    *,
    unknown: str = "keep",
    fuzzy_threshold: float | None = None,
    categorical: bool = False,
) -> tuple[pd.DataFrame, dict[str, str]]:
    """Replace the names in `columns` by actor ids; report every non-exact match.

    Parameters
    ----------
    frame : pandas.DataFrame
        Table with a ``_row`` column.
    columns : sequence of str
        Columns holding organization names (e.g. respondent and partner).
    members : MemberList or None
        Roster to resolve against. Without one, names that normalize alike
        are merged into the most frequent spelling (reported).
    unknown : {"keep", "drop", "error"}
        Names not in the roster: keep them as actors with status
        ``"not_on_roster"`` (a warning listing the closest roster names),
        drop their rows (a warning per row), or make them errors.
    fuzzy_threshold : float, optional
        Merge close spellings whose score reaches this value (0-100); by
        default they are only suggested.
    categorical : bool, default=False
        Without a roster: return the id columns as one categorical type whose
        categories are the ids sorted as text (when all are text), for readers
        that order, compare and de-duplicate them next (by integer codes);
        :func:`finish` turns them back into text.

    Returns
    -------
    (pandas.DataFrame, dict)
        The frame with ids in `columns` (dropped rows removed), and the
        display names of actors not on the roster (id -> name).
    """
    _check_unknown(unknown)
    out = repair_float_ids(frame, list(columns), report, source).copy()
    if members is None:
        return _merge_spellings(out, list(columns), report, source, categorical=categorical), {}
    stacked = pd.concat(
        [pd.DataFrame({"name": out[c], "row": out[ROW], "column": c}) for c in columns],
        ignore_index=True,
    )
    firsts = stacked.drop_duplicates("name")  # first column, then first row, as read
    first_seen = dict(zip(firsts["name"], zip(firsts["row"].astype(int), firsts["column"])))
    registry = members.registry
    matches = {name: registry.resolve(name, fuzzy_threshold=fuzzy_threshold) for name in first_seen}
    mapping: dict[str, str] = {}
    extra: dict[str, str] = {}
    unknown_names = sorted(n for n, m in matches.items() if m.actor is None)
    unknown_ids = _unknown_ids(unknown_names, registry)
    # every cell naming an unknown name, in reading order (only those: one group per name)
    read = stacked.loc[(stacked["row"] > 0) & stacked["name"].isin(unknown_names)]
    read = read.sort_values(["row", "column"], kind="stable")
    cells = {
        name: list(zip(group["row"].astype(int), group["column"]))
        for name, group in read.groupby("name", sort=False)
    }
    records = []
    for name in sorted(matches):
        match = matches[name]
        row, col = first_seen[name]
        if match.actor is not None:
            mapping[name] = match.actor
            if match.method in ("normalized", "alias", "fuzzy"):
                records.append((name, match.actor, match.method, match.score))
                _report_merge(report, source, row, col, match, registry)
            if match.method == "fuzzy":
                _record_suggestions(report, match, merged=True)
            continue
        _record_suggestions(report, match, merged=False)
        hint = _hint(match)
        if unknown == "keep":
            mapping[name] = unknown_ids[name]
            extra.setdefault(unknown_ids[name], name)
        if unknown in ("keep", "error"):  # every cell that names it, so each row is listed
            for i, (row, col) in enumerate(cells.get(name, [first_seen[name]])):
                report.add(
                    source,
                    row,
                    col,
                    name,
                    "unknown_name",
                    f"unknown_name_{'kept' if unknown == 'keep' else 'error'}",
                    severity="warning" if unknown == "keep" else "error",
                    action=("added" if i == 0 else "kept") if unknown == "keep" else "none",
                    name=name,
                    hint=hint,
                )
    if records:
        matched = pd.DataFrame(records, columns=["name", "actor", "method", "score"])
        report.name_matches = (
            pd.concat([report.name_matches, matched], ignore_index=True)
            if len(report.name_matches)
            else matched
        )
    keep = pd.Series(True, index=out.index)
    for col in columns:
        missing = ~out[col].isin(mapping)
        if unknown == "drop":
            for idx in out.index[missing & keep]:
                report.add(
                    source,
                    int(out.at[idx, ROW]),
                    col,
                    out.at[idx, col],
                    "unknown_name",
                    "unknown_name_dropped",
                    severity="warning",
                    action="dropped",
                    name=out.at[idx, col],
                    hint=_hint(matches[out.at[idx, col]]),
                )
        keep &= ~missing
        out[col] = out[col].map(mapping)
    return out.loc[keep], extra


def _unknown_ids(names: Iterable[str], registry: ActorRegistry) -> dict[str, str]:
    """Ids for names not on the roster: spellings that normalize alike share one id."""
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(normalize_name(name), []).append(name)
    ids = {}
    for spellings in groups.values():
        canonical = sorted(spellings)[0]
        actor = canonical if canonical not in registry else f"{canonical} (not on roster)"
        ids.update({s: actor for s in spellings})
    return ids


def _hint(match: NameMatch) -> Msg | str:
    if not match.suggestions:
        return ""
    names = ", ".join(f"'{name}' ({actor})" for actor, name, _ in match.suggestions)
    return Msg("problems", "hint_closest_names", names=names)


def _report_merge(
    report: IngestReport,
    source: str,
    row: int,
    col: str,
    match: NameMatch,
    registry: ActorRegistry,
) -> None:
    report.add(
        source,
        row,
        col,
        match.name,
        f"name_{match.method}",
        severity="warning" if match.method == "fuzzy" else "info",
        action="merged",
        name=match.name,
        member=registry.name(match.actor),
        actor=match.actor,
        score=f"{match.score:.0f}",
    )


def _record_suggestions(report: IngestReport, match: NameMatch, *, merged: bool) -> None:
    if not match.suggestions:
        return
    rows = [
        (match.name, name, actor, score, merged and i == 0)
        for i, (actor, name, score) in enumerate(match.suggestions)
    ]
    new = pd.DataFrame(rows, columns=["name", "suggestion", "actor", "score", "merged"])
    report.suggestions = (
        pd.concat([report.suggestions, new], ignore_index=True) if len(report.suggestions) else new
    )


def _merge_spellings(
    frame: pd.DataFrame,
    columns: list[str],
    report: IngestReport,
    source: str,
    *,
    categorical: bool = False,
) -> pd.DataFrame:
    """Without a roster: spellings that normalize alike become the most frequent one.

    The spelling kept is the most frequent (then the first in sort order); each
    other spelling is reported once, at its first cell (first column, then first
    row, as read), in the order of ``value_counts`` (most frequent first, then
    as read). The names are factorized once, so only the distinct names are
    normalized and only spellings that share a key are looked at one by one.
    """
    n = len(frame)
    cells = np.concatenate([frame[c].to_numpy(dtype=object) for c in columns])
    codes, names = pd.factorize(cells)  # names in reading order: first column, then first row
    names = np.asarray(names, dtype=object)
    counts = np.bincount(codes[codes >= 0], minlength=len(names))
    try:
        joined = "".join(names)
    except TypeError:  # a name that is not text
        joined = ""
    digits = joined.isascii() and joined.isdigit()
    if digits:  # ids of ASCII digits are their own keys, and all differ: nothing to merge
        shared = np.array([], dtype=np.intp)
    else:
        keys = pd.Series([normalize_name(name) for name in names], dtype=object)
        shared = np.flatnonzero(keys.duplicated(keep=False).to_numpy())
    if not len(shared):  # every name its own spelling: nothing merged
        return _as_categories(frame, columns, codes, names) if categorical else frame
    # where each name is first read: the first cell of each code (codes appear in order)
    seen = np.maximum.accumulate(codes)
    first_cell = np.flatnonzero(np.r_[True, codes[1:] > seen[:-1]] & (codes >= 0))
    rows = frame[ROW].to_numpy()
    groups: dict[str, list[int]] = {}
    for i in shared[np.argsort(-counts[shared], kind="stable")]:  # value_counts order
        groups.setdefault(keys[i], []).append(int(i))
    canonical = names.copy()
    records = []
    for group in groups.values():
        spellings = {names[i]: i for i in group}
        keep = min(spellings, key=lambda s: (-counts[spellings[s]], s))
        for s in sorted(spellings):
            canonical[spellings[s]] = keep
            if s != keep:
                cell = first_cell[spellings[s]]
                records.append((s, keep, "normalized", 100.0))
                report.add(
                    source,
                    int(rows[cell % n]),
                    columns[cell // n],
                    s,
                    "name_normalized",
                    "name_normalized_without_roster",
                    severity="info",
                    action="merged",
                    name=s,
                    canonical=keep,
                )
    report.name_matches = pd.DataFrame(records, columns=["name", "actor", "method", "score"])
    if categorical:
        kept, canonical = pd.factorize(canonical)
        return _as_categories(frame, columns, np.append(kept, -1)[codes], canonical)
    merged = np.append(canonical, np.nan)[codes]  # a missing cell (code -1) stays missing
    out = frame.copy()
    for k, col in enumerate(columns):
        out[col] = merged[k * n : (k + 1) * n]
    return out


def _as_categories(
    frame: pd.DataFrame, columns: list[str], codes: np.ndarray, names: np.ndarray
) -> pd.DataFrame:
    """`frame` with `columns` (stacked: ``codes`` of `names`, -1 missing) as one
    :class:`pandas.Categorical` type whose categories are the names sorted as text,
    so later steps compare, sort and de-duplicate the columns by their integer codes.
    Names that are not all text stay as they are (object columns)."""
    names = np.asarray(names, dtype=object)
    if pd.api.types.infer_dtype(names, skipna=False) != "string":
        return frame
    rank, ordered = _text_order(names.tolist())
    dtype = pd.CategoricalDtype(pd.Index(ordered, dtype=object))
    codes = np.append(rank, -1)[codes]  # missing (-1) stays missing
    out = frame.copy()
    n = len(frame)
    for k, col in enumerate(columns):
        out[col] = pd.Categorical.from_codes(codes[k * n : (k + 1) * n], dtype=dtype)
    return out


def actor_table(
    ids: Iterable[str],
    members: MemberList | None,
    extra_names: dict[str, str],
    *,
    respondents: set[str] | None = None,
    report: IngestReport | None = None,
    source: str = "",
) -> pd.DataFrame:
    """The actor table of a network: roster actors plus organizations named by others.

    Parameters
    ----------
    ids : iterable of str
        Actor ids that occur in ties.
    members : MemberList or None
        The roster; all its actors are included (isolates too).
    extra_names : dict
        Id -> display name of actors not on the roster.
    respondents : set of str, optional
        Survey data only: actors who answered. With a roster that has a
        ``responded`` column, that column decides; answering actors marked as
        non-respondents are set to responded (reported).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``actor`` (sorted), with ``name``, ``status`` and attributes.
    """
    ids = dict.fromkeys(ids)  # in order: sorting ids already sorted is quick
    if members is not None:
        table = members.actors.drop(columns=["aliases", "responded"], errors="ignore").copy()
        table["aliases"] = members.actors["aliases"].map(lambda a: "|".join(a))
    else:
        table = pd.DataFrame({"name": pd.Series(dtype=str)}, index=pd.Index([], name="actor"))
    known = set(table.index)
    others = sorted(a for a in ids if a not in known)
    if others:
        add = pd.DataFrame(
            {"name": [extra_names.get(a, a) for a in others]}, index=pd.Index(others, name="actor")
        )
        table = pd.concat([table, add]) if len(table) else add
    status = pd.Series(NOT_SURVEYED, index=table.index, dtype=object)
    if respondents is not None:
        status[:] = NOT_ON_ROSTER
        if members is not None:
            on_roster = table.index.isin(members.actors.index)
            said = members.actors["responded"].reindex(table.index)
            answered = table.index.isin(list(respondents))
            has_column = said.notna().any()
            responded = (
                said.fillna(False).astype(bool)
                if has_column
                else pd.Series(answered, index=table.index)
            )
            contradict = on_roster & answered & ~responded.to_numpy()
            for actor in table.index[contradict]:
                if report is not None:
                    report.add(
                        source,
                        None,
                        "responded",
                        actor,
                        "responded_flag",
                        severity="warning",
                        action="repaired",
                        actor=actor,
                    )
            responded = responded | pd.Series(contradict, index=table.index)
            status[on_roster] = DID_NOT_RESPOND
            status[on_roster & responded.to_numpy()] = RESPONDED
        else:
            status[table.index.isin(list(respondents))] = RESPONDED
    table["status"] = status
    table.index.name = "actor"
    return table if table.index.is_monotonic_increasing else table.loc[sorted(table.index)]


def member_list(actors: object, report: IngestReport) -> MemberList | None:
    if actors is None:
        return None
    members = actors if isinstance(actors, MemberList) else read_actors(actors, errors="collect")
    report.extend(members.report)
    report.rows_read -= members.report.rows_read  # count tie rows only
    return members


def empty_ties() -> pd.DataFrame:
    return pd.DataFrame({"source": [], "target": [], "relation": [], "row": []}).astype(
        {"source": object, "target": object, "relation": object, "row": "int64"}
    )


def display_names(members: MemberList | None, extra: Mapping[str, str]) -> dict[str, str]:
    """Actor id -> the name people know it by: the member list's names, then the
    names of actors not on it (`extra`), for messages that name actors."""
    names = dict(extra)
    if members is not None and "name" in members.actors.columns:
        names.update(members.actors["name"].astype(str).to_dict())
    return names


def drop_self_ties(
    ties: pd.DataFrame,
    report: IngestReport,
    source: str,
    column: str,
    names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """`ties` without self-ties, each dropped one reported at its row by the actor's
    name (`names`: id -> name, :func:`display_names`; ids when not given)."""
    names = names or {}
    self_tie = ties["source"] == ties["target"]
    for idx in ties.index[self_tie]:
        actor = ties.at[idx, "source"]
        report.add(
            source,
            int(ties.at[idx, "row"]),
            column,
            names.get(actor, actor),
            "self_tie",
            severity="warning",
            action="dropped",
            name=names.get(actor, actor),
        )
    return ties.loc[~self_tie]


def order_pairs(ties: pd.DataFrame) -> pd.DataFrame:
    """Undirected ties with ``source < target`` (compared as text); a new frame."""
    ties = ties.copy()
    if len(ties):
        source, target = ties["source"].copy(), ties["target"].copy()
        n = len(ties)
        coded = _category_codes(ties)
        if coded is not None and (coded[0] >= 0).all():  # ids as categories, none missing
            swap = coded[0][:n] > coded[0][n:]  # categories sorted as text: compare codes
            dtype = source.dtype
            ties["source"] = pd.Categorical.from_codes(
                np.where(swap, coded[0][n:], coded[0][:n]), dtype=dtype
            )
            ties["target"] = pd.Categorical.from_codes(
                np.where(swap, coded[0][:n], coded[0][n:]), dtype=dtype
            )
            return ties
        ends = np.concatenate([source.to_numpy(dtype=object), target.to_numpy(dtype=object)])
        codes, names = _sorted_codes(ends)
        text = pd.api.types.infer_dtype(np.asarray(names, dtype=object), skipna=False)
        if text == "string" and codes.max() < len(names):  # all text, none missing
            swap = codes[:n] > codes[n:]  # codes sorted as the text is: compared as integers
        else:
            swap = source.astype(str) > target.astype(str)
        ties["source"] = source.where(~swap, target)
        ties["target"] = target.where(~swap, source)
    return ties


def _category_codes(ties: pd.DataFrame) -> tuple[np.ndarray, pd.Index] | None:
    """The codes of source then target (-1: missing) and their categories (sorted
    as text), when both columns have one categorical type (:func:`resolve_endpoints`
    with ``categorical=True``); else ``None``."""
    source, target = ties["source"], ties["target"]
    if not isinstance(source.dtype, pd.CategoricalDtype) or source.dtype != target.dtype:
        return None
    codes = np.concatenate([source.cat.codes.to_numpy(), target.cat.codes.to_numpy()])
    return codes.astype(np.int64), source.cat.categories


def _same_value(a: object, b: object) -> bool:
    """Whether two cells hold the same value (both missing counts as the same; a
    missing cell and a filled one do not, also in a nullable ``Int64`` column)."""
    if pd.isna(a) or pd.isna(b):
        return bool(pd.isna(a) and pd.isna(b))
    return bool(a == b)


def _duplicated(key: pd.DataFrame) -> pd.Series:
    """``key.duplicated(keep=False)`` for (source, target, relation): the two endpoint
    columns factorized together (once), the rows compared as pairs of integers."""
    n = len(key)
    coded = _category_codes(key)
    if coded is not None:
        codes, names = coded
    else:
        ends = np.concatenate([key[c].to_numpy(dtype=object) for c in ("source", "target")])
        codes, names = pd.factorize(ends)
    relation, _ = pd.factorize(key["relation"].to_numpy(dtype=object))
    width = len(names) + 1  # codes from -1 (missing) to len(names) - 1
    pair = (codes[:n] + 1) * width + (codes[n:] + 1)
    frame = pd.DataFrame({"pair": pair, "relation": relation}, index=key.index)
    return frame.duplicated(keep=False)


def drop_duplicates(
    ties: pd.DataFrame,
    report: IngestReport,
    source: str,
    names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """`ties` with each (source, target, relation) once: the first row kept, the others
    reported by the actors' names (`names`, as :func:`drop_self_ties`)."""
    names = names or {}
    key = ["source", "target", "relation"]
    values = [c for c in ties.columns if c not in (*key, "row")]
    dup = _duplicated(ties[key])
    if not dup.any():
        return ties
    keep = pd.Series(True, index=ties.index)
    for _, group in ties.loc[dup].groupby(key, sort=False):
        first = group.iloc[0]
        first_row = int(first["row"])
        for idx, other in group.iloc[1:].iterrows():
            same = all(_same_value(first[c], other[c]) for c in values)
            ends = {
                "source": names.get(first["source"], first["source"]),
                "target": names.get(first["target"], first["target"]),
            }
            pair = (
                Msg("problems", "pair", **ends)
                if first["relation"] == DEFAULT_RELATION
                else Msg("problems", "pair_relation", **ends, relation=first["relation"])
            )
            if same:
                report.add(
                    source,
                    int(other["row"]),
                    None,
                    pair,
                    "duplicate_row",
                    severity="warning",
                    action="dropped",
                    first_row=str(first_row),
                    pair=pair,
                )
            else:
                report.add(
                    source,
                    int(other["row"]),
                    None,
                    pair,
                    "conflicting_duplicate",
                    repair=True,
                    action="dropped",
                    first_row=str(first_row),
                    pair=pair,
                )
            keep[idx] = False
    return ties.loc[keep]


def _tie_order(ties: pd.DataFrame) -> tuple[np.ndarray, list]:
    """The positions that sort `ties` by source, target and relation (stable, missing
    last: ``ties.sort_values(["source", "target", "relation"], kind="stable")``),
    and the actors the ties name. Source and target are factorized together, once,
    with sorted codes, so the sort runs on integers.
    """
    n = len(ties)
    coded = _category_codes(ties)
    if coded is not None:  # categories sorted as text: the codes sort the ties
        codes, categories = coded
        used = np.bincount(codes[codes >= 0], minlength=len(categories)) > 0
        actors = categories[used].tolist()
        codes = np.where(codes < 0, len(categories), codes)
    else:
        ends = np.concatenate([ties[c].to_numpy(dtype=object) for c in ("source", "target")])
        codes, actors = _sorted_codes(ends)
    relation, _ = _sorted_codes(ties["relation"].to_numpy(dtype=object))
    return np.lexsort((relation, codes[n:], codes[:n])), actors


def _sorted_codes(values: np.ndarray) -> tuple[np.ndarray, list]:
    """``pd.factorize(values, sort=True)`` with missing values coded last; text is
    sorted by Python's ``sorted`` (several times faster than an object argsort)."""
    codes, uniques = pd.factorize(values)
    names = list(uniques)
    if pd.api.types.infer_dtype(uniques, skipna=False) != "string":  # mixed: pandas' order
        codes, uniques = pd.factorize(values, sort=True)
        return np.where(codes < 0, len(uniques), codes), list(uniques)
    rank, ordered = _text_order(names)
    return np.append(rank, len(names))[codes], ordered  # code -1 (missing) last


def _text_order(names: list[str]) -> tuple[np.ndarray, list[str]]:
    """Each name's position in text order, and the names in that order (Python's
    ``sorted``: several times faster than an argsort of objects)."""
    order = sorted(range(len(names)), key=names.__getitem__)
    rank = np.empty(len(names), dtype=np.intp)
    rank[order] = np.arange(len(names))
    return rank, [names[i] for i in order]


def finish(
    ties: pd.DataFrame,
    members: MemberList | None,
    report: IngestReport,
    source: str,
    respondents: set[str] | None,
    extra: dict[str, str],
    errors: str,
    *,
    kind: str,
    params: dict,
    directed: bool = True,
    affiliations: pd.DataFrame | None = None,
    ids: Iterable[str] = (),
) -> NetworkData:
    """Sort the ties, build the actor table, count, then raise or warn; return the model.

    `ids` are actors to include even without ties (e.g. sole members of a project).
    """
    order, endpoints = _tie_order(ties)
    ties = ties.take(order).reset_index(drop=True)
    for col in ("source", "target"):
        if isinstance(ties[col].dtype, pd.CategoricalDtype):  # ids as text again
            ties[col] = ties[col].astype(object)
    actors = actor_table(
        endpoints + sorted(respondents or ()) + list(ids),
        members,
        extra,
        respondents=respondents,
        report=report,
        source=source,
    )
    report.ties_kept = len(ties)
    if respondents is not None and members is not None:
        on_roster = actors["status"].isin(["responded", "did_not_respond"])
        report.roster_size = int(on_roster.sum())
        report.respondents = int((actors["status"] == "responded").sum())
    if errors != "collect":
        report.raise_if_errors()
        report.warn(stacklevel=4)
    provenance = {
        "reader": kind,
        "sources": list(report.sources),
        **{k: v for k, v in params.items() if v is not None},
    }
    return NetworkData(
        actors=actors,
        ties=ties,
        directed=directed,
        report=report,
        kind=kind,
        affiliations=affiliations,
        provenance=provenance,
    )
