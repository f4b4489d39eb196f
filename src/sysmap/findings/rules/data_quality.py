"""Data quality: the response rate, what reading the data changed, and the robustness check."""

from __future__ import annotations

import pandas as pd

from ...io.model import DID_NOT_RESPOND, RESPONDED
from .._context import Context
from ..model import Finding
from ..thresholds import Thresholds
from ._base import finding, register

__all__ = ["data_quality"]


@register(
    "data_quality",
    params=("response_high", "response_directional"),
    reference="smith_moody_2013",
    activities=("shared_measurement",),
    data_only=True,
)
def data_quality(ctx: Context, t: Thresholds) -> list[Finding]:
    """Response rate with its confidence band, and what reading the data changed.

    ``response_rate``: respondents / members, high confidence from
    ``response_high`` (info), directional from ``response_directional`` (low),
    caution below (medium). ``ingest_problems``: warnings, errors, merged
    names and dropped rows of the ingest report (low when anything was
    dropped or warned about, info when names were only matched).
    """
    say = ctx.text
    out = []
    report = ctx.report
    respondents = members = None
    if report is not None and report.response_rate is not None:
        respondents, members = int(report.respondents), int(report.roster_size)
    else:
        status = [s for s in ctx.status.values() if s in (RESPONDED, DID_NOT_RESPOND)]
        if status:
            respondents, members = sum(s == RESPONDED for s in status), len(status)
    if members:
        rate = respondents / members
        band = (
            "high"
            if rate >= t.response_high
            else "directional"
            if rate >= t.response_directional
            else "caution"
        )
        severity = {"high": "info", "directional": "low", "caution": "medium"}[band]
        counts = pd.Series(ctx.status).value_counts().sort_index()
        evidence = pd.DataFrame({"status": counts.index.astype(str), "actors": counts.to_numpy()})
        out.append(
            finding(
                ctx,
                "data_quality",
                "response_rate",
                severity,
                say.say(
                    f"response_rate.{band}",
                    respondents=respondents,
                    members=members,
                    rate=say.percent(rate),
                ),
                say.say(
                    "action.response_rate.high" if band == "high" else "action.response_rate.low"
                ),
                "shared_measurement",
                evidence,
                {"respondents": respondents, "members": members, "rate": rate, "band": band},
            )
        )
    if report is not None:
        problems = report.problems
        if len(problems):
            warnings_ = int((problems["severity"] == "warning").sum())
            errors = int((problems["severity"] == "error").sum())
            merged = int((problems["action"] == "merged").sum())
            dropped = int((problems["action"] == "dropped").sum())
            severity = "low" if warnings_ or errors or dropped else "info"
            evidence = (
                problems.groupby(["check", "severity", "action"], sort=True)
                .size()
                .rename("count")
                .reset_index()
            )
            out.append(
                finding(
                    ctx,
                    "data_quality",
                    "ingest_problems",
                    severity,
                    say.say(
                        "ingest_problems",
                        warnings=say.count(warnings_, "warning"),
                        errors=say.count(errors, "error"),
                        merged=say.count(merged, "merged"),
                        dropped=say.count(dropped, "dropped"),
                    ),
                    say.say("action.ingest_problems"),
                    "shared_measurement",
                    evidence,
                    {
                        "warnings": warnings_,
                        "errors": errors,
                        "merged": merged,
                        "dropped": dropped,
                        "problems": len(problems),
                    },
                )
            )
    return out
