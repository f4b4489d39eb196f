"""Tie rules: how reported ties become the ties of the network (the one owner).

A partner survey records *reports*: organization A says it works with B. The
network needs *ties*. Turning one into the other is a method choice with
consequences, and it is made here only: :func:`default_rule` states the rule
every entry point uses unless told otherwise (the Python API, every command,
the report, the wave comparison, the maps), :func:`symmetrize_ties` applies a
rule, :func:`merge_ties` combines several reports of one pair, and
:func:`rule_counts` says how many ties each rule keeps (the report's
sensitivity sentence).

The rules
---------
``"union"`` (reconstruction, the default for surveys)
    A tie exists when either side reports it; a non-respondent's ties come from
    the reports of others. Collaboration surveys have low reciprocity of
    reports, so requiring both reports throws most real ties away and invents
    isolates; reconstruction is the field's default for undirected analysis
    (Stork and Richards 1992; Huisman 2009).
``"mutual"``
    Only when both sides report it. A sensitivity check: ties to
    non-respondents vanish.
``"respondent_priority"``
    Between two respondents both must report the tie; between a respondent and
    a non-respondent the respondent's report decides. A sensitivity check.

References
----------
.. [1] Stork, Diana, and William D. Richards. "Nonrespondents in Communication
   Network Studies: Problems and Possibilities." *Group & Organization
   Management* 17, no. 2 (1992): 193-209. https://doi.org/10.1177/1059601192172006
.. [2] Huisman, Mark. "Imputation of Missing Network Data: Some Simple
   Procedures." *Journal of Social Structure* 10, no. 1 (2009): 1-29.
   https://doi.org/10.21307/joss-2019-032
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx
import numpy as np
import pandas as pd

from ..exceptions import ParameterError
from ..io.assemble import order_pairs
from ..io.model import DID_NOT_RESPOND, NOT_SURVEYED, RESPONDED, NetworkData

__all__ = [
    "AUTO",
    "COMBINE",
    "DEFAULT_COMBINE",
    "SYMMETRIZE",
    "check_combine",
    "check_rule",
    "default_rule",
    "is_survey",
    "merge_ties",
    "resolve_rule",
    "rule_counts",
    "symmetrize_ties",
    "tie_frame",
]

#: Rules for turning reported (directed) ties into undirected ones; the first is
#: the default for surveys.
SYMMETRIZE = ("union", "mutual", "respondent_priority")
#: How valued tie items are combined when two reports (or relations) of one pair meet.
COMBINE = ("max", "min", "mean")
DEFAULT_COMBINE = "max"
#: Value of ``symmetrize=`` that asks for :func:`default_rule`.
AUTO = "auto"
_KEY = ["source", "target"]


def is_survey(data: NetworkData | nx.Graph) -> bool:
    """Whether `data` knows who responded (a roster survey read with a member list)."""
    if isinstance(data, NetworkData):
        status = data.actors["status"] if "status" in data.actors else pd.Series(dtype=object)
        return bool(status.isin([RESPONDED, DID_NOT_RESPOND]).any())
    return any(s in (RESPONDED, DID_NOT_RESPOND) for _, s in data.nodes(data="status"))


def default_rule(data: NetworkData | nx.Graph, *, undirected: bool = False) -> str | None:
    """The tie rule sysmap uses for `data` when none is named.

    Parameters
    ----------
    data : NetworkData or networkx.Graph
        What a reader returned, or a graph of reports.
    undirected : bool, default=False
        The analysis needs undirected ties (findings, the report, wave
        comparisons, ``--undirected``).

    Returns
    -------
    str or None
        ``"union"`` (reconstruction) for reported ties of a survey, and for any
        directed data when `undirected` is asked for; ``None`` (keep the ties
        as they are: directed data stay directed, undirected stay undirected)
        otherwise.

    Examples
    --------
    >>> import pandas as pd
    >>> from sysmap import read_edgelist, read_survey
    >>> default_rule(read_survey(pd.DataFrame({"respondent": ["A"], "partner": ["B"]})))
    'union'
    >>> edges = read_edgelist(pd.DataFrame({"source": ["A"], "target": ["B"]}))
    >>> default_rule(edges), default_rule(edges, undirected=True)
    (None, 'union')
    """
    directed = data.directed if isinstance(data, NetworkData) else data.is_directed()
    if not directed:
        return None
    if undirected or (isinstance(data, NetworkData) and data.kind == "survey") or is_survey(data):
        return SYMMETRIZE[0]
    return None


def check_rule(symmetrize: object) -> None:
    """Raise :class:`~sysmap.exceptions.ParameterError` for an unknown tie rule."""
    if symmetrize not in (None, AUTO, *SYMMETRIZE):
        msg = f"symmetrize must be 'auto', None or one of {SYMMETRIZE}; got {symmetrize!r}."
        raise ParameterError(msg)


def check_combine(combine: object) -> None:
    """Raise :class:`~sysmap.exceptions.ParameterError` for an unknown `combine`."""
    if combine not in COMBINE:
        msg = f"combine must be one of {COMBINE}; got {combine!r}."
        raise ParameterError(msg)


def resolve_rule(
    symmetrize: str | None, data: NetworkData | nx.Graph, *, undirected: bool = False
) -> str | None:
    """`symmetrize` with ``"auto"`` replaced by :func:`default_rule`."""
    check_rule(symmetrize)
    return default_rule(data, undirected=undirected) if symmetrize == AUTO else symmetrize


def merge_ties(
    ties: pd.DataFrame, combine: str = DEFAULT_COMBINE, key: list[str] | None = None
) -> pd.DataFrame:
    """One row per pair (`key`): numbers combined with `combine`, text joined with ``|``.

    Text values are treated as ``|``-separated lists (relations merged earlier):
    each distinct part appears once, sorted.

    Several reports of one pair (two respondents, or several relations) meet
    here; ``row`` (the input row) is dropped.
    """
    key = key or _KEY
    ties = ties.drop(columns="row", errors="ignore")
    if not ties.duplicated(key).any():
        return ties.reset_index(drop=True)
    numeric = [c for c in ties.columns if c not in key and pd.api.types.is_numeric_dtype(ties[c])]
    text = [c for c in ties.columns if c not in key and c not in numeric]
    if not numeric and not text:
        return ties.drop_duplicates(key).sort_values(key).reset_index(drop=True)
    grouped = ties.groupby(key, sort=True)
    parts = [grouped[numeric].agg(combine)] if numeric else []
    if text:
        parts.append(grouped[text].agg(_join_unique))
    return pd.concat(parts, axis=1).reset_index()


def _join_unique(values: pd.Series) -> str:
    """The distinct parts of ``|``-joined texts, sorted and joined (``"a|b"`` + ``"a"`` -> ``"a|b"``)."""
    seen = {part for v in values if not pd.isna(v) for part in str(v).split("|") if part != ""}
    return "|".join(sorted(seen))


def symmetrize_ties(
    ties: pd.DataFrame,
    status: Mapping[object, str] | pd.Series,
    rule: str,
    combine: str = DEFAULT_COMBINE,
) -> pd.DataFrame:
    """Undirected ties (``source < target``) from directed reports under `rule`.

    Parameters
    ----------
    ties : pandas.DataFrame
        Reports, one row per (reporter, named partner): ``source``, ``target``
        and tie items; a pair may be reported in both directions.
    status : mapping or pandas.Series
        Each actor's respondent status (``"responded"``, ...).
    rule : {"union", "mutual", "respondent_priority"}
    combine : {"max", "min", "mean"}
        How the items of two reports of one pair combine.

    Returns
    -------
    pandas.DataFrame
        One row per kept tie, items combined, plus ``reports`` (1 or 2).
    """
    check_rule(rule)
    check_combine(combine)
    status = pd.Series(status, dtype=object) if not isinstance(status, pd.Series) else status
    if rule == "respondent_priority" and not status.isin([RESPONDED, DID_NOT_RESPOND]).any():
        msg = (
            "symmetrize='respondent_priority' needs respondent status: read a survey "
            "with a member list (actors=...). Use 'union' or 'mutual' for other data."
        )
        raise ParameterError(msg)
    pairs = order_pairs(merge_ties(ties, combine))  # one report per direction
    reports = pairs.groupby(_KEY).size().rename("reports")
    pairs = merge_ties(pairs, combine).merge(reports.reset_index(), on=_KEY)
    if rule == "union":
        keep = np.ones(len(pairs), dtype=bool)
    elif rule == "mutual":
        keep = (pairs["reports"] == 2).to_numpy()
    else:
        both = (
            (pairs["source"].map(status) == RESPONDED) & (pairs["target"].map(status) == RESPONDED)
        ).to_numpy()
        keep = ~both | (pairs["reports"] == 2).to_numpy()
    return pairs.loc[keep].reset_index(drop=True)


def tie_frame(G: nx.Graph) -> pd.DataFrame:
    """The ties of `G` as a frame: ``source``, ``target`` and every tie attribute."""
    rows = [{"source": u, "target": v, **d} for u, v, d in G.edges(data=True)]
    frame = pd.DataFrame(rows, columns=None if rows else _KEY)
    for column in frame.columns[2:]:  # numbers stay numbers across missing values
        converted = pd.to_numeric(frame[column], errors="coerce")
        if converted.notna().sum() == frame[column].notna().sum():
            frame[column] = converted
    return frame


def rule_counts(data: NetworkData | nx.DiGraph) -> dict[str, int]:
    """How many undirected ties each rule keeps (``{}`` for undirected data).

    ``respondent_priority`` is left out when respondent status is unknown.
    """
    if isinstance(data, NetworkData):
        if not data.directed:
            return {}
        ties, status = data.ties, data.actors["status"]
    else:
        if not data.is_directed():
            return {}
        ties = tie_frame(data)
        status = pd.Series(dict(data.nodes(data="status", default=NOT_SURVEYED)), dtype=object)
    ties = ties.loc[ties["source"] != ties["target"], _KEY]
    rules = SYMMETRIZE if is_survey(data) else SYMMETRIZE[:2]
    return {rule: len(symmetrize_ties(ties, status, rule)) for rule in rules}
