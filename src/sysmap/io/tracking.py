"""Fieldwork: who has answered the partner survey so far, and whom to remind.

:func:`response_tracking` turns survey data read with a member list (or the
answers to a survey sysmap wrote, whose member list is the survey's) into
the coordinator's list: every member with its status, the ones to remind
first. The response rate so far and its confidence band are the ingest
report's (:attr:`~sysmap.io.report.IngestReport.response_rate`,
:attr:`~sysmap.io.report.IngestReport.response_confidence`); ``sysmap
validate`` shows both and writes the list as ``reminders.csv``.
"""

from __future__ import annotations

import pandas as pd

from ..exceptions import ParameterError
from ..i18n import Msg
from .identity import normalize_name
from .model import DID_NOT_RESPOND, NOT_ON_ROSTER, RESPONDED, NetworkData

__all__ = ["INCOMPLETE", "TRACKING_COLUMNS", "TRACKING_STATUSES", "response_tracking"]

#: Status of a member whose response was started but not submitted (LimeSurvey).
INCOMPLETE = "incomplete"
#: The statuses of the tracking list, in the order listed: whom to remind first.
TRACKING_STATUSES = (DID_NOT_RESPOND, INCOMPLETE, RESPONDED, NOT_ON_ROSTER)
#: Columns of :func:`response_tracking` (``sector`` only when the member list has one).
TRACKING_COLUMNS = ["name", "sector", "status", "remind", "source", "row", "submitted"]


def response_tracking(data: NetworkData) -> pd.DataFrame:
    """The response-tracking list: every member, whether it answered, whom to remind.

    Parameters
    ----------
    data : NetworkData
        Survey data with a member list: :func:`~sysmap.read_survey` (or
        :func:`~sysmap.read`) with ``actors=``, or of a survey tool's export
        of a survey sysmap wrote (the survey's member list).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``actor``; columns ``name``, ``sector`` (if the member
        list has it), ``status`` (``"did_not_respond"``, ``"incomplete"``:
        started, not submitted; ``"responded"``; ``"not_on_roster"``: an
        organization that answered under "other"), ``remind`` (the first
        two), and for a tool's export ``source``, ``row`` and ``submitted``
        of the response read. Members to remind first, then by sector and
        name.

    Raises
    ------
    ParameterError
        If `data` is not survey data read with a member list.

    Examples
    --------
    >>> import pandas as pd, sysmap
    >>> members = pd.DataFrame({"name": ["Stadt", "Tafel", "Schule"]})
    >>> survey = pd.DataFrame({"respondent": ["Stadt"], "partner": ["Tafel"]})
    >>> data = sysmap.read_survey(survey, actors=members)
    >>> sysmap.response_tracking(data)[["status", "remind"]]
                     status  remind
    actor
    Schule  did_not_respond    True
    Tafel   did_not_respond    True
    Stadt         responded   False
    >>> data.report.response_rate
    0.3333333333333333
    """
    if data.kind != "survey" or not data.report.roster_size:
        raise ParameterError(Msg("problems", "tracking_needs_members", kind=data.kind))
    status = data.actors["status"]
    on_roster = status.isin([RESPONDED, DID_NOT_RESPOND])
    respondents = set(data.ties["source"]) if len(data.ties) else set()
    responses = data.responses
    read = None
    if responses is not None and len(responses):
        read = responses.loc[responses["kept"]].drop_duplicates("actor").set_index("actor")
        respondents |= set(read.index)
    shown = on_roster | (status.eq(NOT_ON_ROSTER) & data.actors.index.isin(list(respondents)))
    table = data.actors.loc[shown]
    out = pd.DataFrame({"name": table["name"]}, index=table.index)
    if "sector" in table.columns:
        out["sector"] = table["sector"]
    out["status"] = table["status"]
    if read is not None:
        incomplete = read.index[~read["complete"].astype(bool)]
        out.loc[out.index.isin(incomplete) & out["status"].eq(RESPONDED), "status"] = INCOMPLETE
        for column in ("source", "row", "submitted"):
            out[column] = read[column].reindex(out.index)
    out["remind"] = out["status"].isin([DID_NOT_RESPOND, INCOMPLETE])
    rank = {s: i for i, s in enumerate(TRACKING_STATUSES)}
    order = sorted(
        out.index,
        key=lambda a: (
            rank[out.at[a, "status"]],
            _sort_key(out.at[a, "sector"]) if "sector" in out.columns else "",
            _sort_key(out.at[a, "name"]),
            str(a),
        ),
    )
    out = out.loc[order, [c for c in TRACKING_COLUMNS if c in out.columns]]
    out.index.name = "actor"
    return out


def _sort_key(value: object) -> str:
    """Names and sectors as people look them up (case, accents, umlauts ignored); none last."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return "\uffff"
    return normalize_name(str(value))
