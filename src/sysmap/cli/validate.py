"""``sysmap validate``: check the input files, show the problems grouped, the reminder list
(who has not answered) and what the data would give, without analysing.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from .._outputs import output_folder
from ..build.network import build_network
from ..build.ties import AUTO, resolve_rule
from ..exceptions import InputError
from ..export import write_csv
from ..io.model import NetworkData
from .console import Console, _show_input_error, _show_problems, _write_problems
from .reading import _describe, _errors, _groups, _inputs, _load, _named_groups, _say_group_absent

#: What each command writes into an output folder (checked against the inputs first).
VALIDATE_FILES = (
    "problems.csv",
    "reminders.csv",
    "name_suggestions.csv",
    "actors.csv",
    "ties.csv",
    "ingest_report.txt",
)


# ----------------------------------------------------------------------------- validate
def _cmd_validate(args: argparse.Namespace, say: Console) -> int:
    inputs = _inputs(args)
    out = output_folder(args.output, inputs, "-o", names=VALIDATE_FILES) if args.output else None
    try:
        data = _load(args, errors=_errors(args, collect=True))
        report = data.report
    except InputError as exc:
        if getattr(exc, "report", None) is None:
            raise
        data, report = None, exc.report
    print(report.summary(say.lang))
    if report.errors or (report.problems["severity"] == "warning").any():
        print()
        _show_problems(
            report,
            say,
            limit=args.show,
            written=out / "problems.csv" if out else None,
            hint="problems_hint_output",
        )
    if len(report.suggestions):
        print()
        say.print("suggestions_header")
        for row in report.suggestions.itertuples():
            say.print(
                "suggestion",
                name=str(row.name),
                suggestion=str(row.suggestion),
                actor=str(row.actor),
                score=say.number(float(row.score), 0),
            )
    tracking = _tracking(data)
    if tracking is not None:
        print()
        _show_tracking(tracking, say, written=out / "reminders.csv" if out else None)
    ok = data is not None and not report.errors
    if ok:
        ok = _dry_run(args, data, say)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        _write_problems(report, out / "problems.csv", say.lang)
        if tracking is not None:
            write_csv(tracking, out / "reminders.csv")
        write_csv(report.suggestions, out / "name_suggestions.csv", index=False)
        if data is not None:
            write_csv(data.actors, out / "actors.csv")
            write_csv(data.ties, out / "ties.csv", index=False)
        (out / "ingest_report.txt").write_text(report.summary(say.lang) + "\n", encoding="utf-8")
        say.print("validate_wrote", path=str(out))
    if not ok:
        say.print("validate_failed_strict" if args.strict else "validate_failed")
        return 1
    warned = (report.problems["severity"] == "warning").any()
    say.print("validate_ok_repaired" if warned else "validate_ok")
    return 0


def _tracking(data: NetworkData | None) -> pd.DataFrame | None:
    """The response-tracking list of survey data with a member list, else ``None``."""
    from ..io.tracking import response_tracking

    if data is None or data.kind != "survey" or not data.report.roster_size:
        return None
    return response_tracking(data)


#: Names shown per line of the response-tracking list (the rest: reminders.csv).
TRACKING_NAMES = 12


def _show_tracking(tracking: pd.DataFrame, say: Console, *, written: Path | None) -> None:
    """Whom to remind, by sector: not answered, then started but not submitted; then the
    organizations that answered from outside the member list."""
    from ..io.model import DID_NOT_RESPOND, NOT_ON_ROSTER
    from ..io.tracking import INCOMPLETE

    shown = False
    for status, key in (
        (DID_NOT_RESPOND, "tracking_missing"),
        (INCOMPLETE, "tracking_incomplete"),
        (NOT_ON_ROSTER, "tracking_other"),
    ):
        group = tracking.loc[tracking["status"] == status]
        if group.empty:
            continue
        shown = True
        say.print(key, n=len(group))
        sectors = group["sector"] if "sector" in group.columns else pd.Series("", group.index)
        sectors = sectors.map(lambda s: s if isinstance(s, str) and s.strip() else "")
        for sector in dict.fromkeys(sectors):
            names = [str(n) for n in group.loc[sectors == sector, "name"]]
            listed = ", ".join(names[:TRACKING_NAMES])
            if len(names) > TRACKING_NAMES:
                listed += " " + say("tracking_more", n=len(names) - TRACKING_NAMES)
            say.print("tracking_line", group=sector or say("tracking_no_sector"), n=len(names),
                      names=listed)  # fmt: skip
    if not shown:
        say.print("tracking_all")
    elif written is not None:
        say.print("tracking_written", path=str(written))
    else:
        say.print("tracking_hint")


def _dry_run(args: argparse.Namespace, data: NetworkData, say: Console) -> bool:
    """What ``sysmap report`` does before its analysis: build the network, look
    for the group attribute, read the plan and the partnership records."""
    rule = resolve_rule(args.symmetrize or AUTO, data, undirected=True)  # as gap_report
    G = build_network(data, symmetrize=rule)
    print()
    say.print("dry_run", network=_describe(G, say))
    ok = True
    from ..findings.groups import group_attributes

    absent = [name for name in _named_groups(args.group) if _say_group_absent(data, name, say)]
    compared = [a for a in group_attributes(G, _groups(args.group)) if a not in absent]
    if compared:
        say.print("groups_compared", names=", ".join(compared))
    for name in compared:
        _show_explicit_groups(G, name, say)
    if args.plan:
        ok &= _check_plan(args.plan, say)
    if args.affiliations:
        ok &= _check_affiliations(args, say)
    return ok


def _show_explicit_groups(G, group: str, say: Console) -> None:
    """Say how many actors fall into the explicit groups of missing values."""
    from .._attributes import MISSING_GROUPS, display_group, group_labels

    counts = group_labels(G, group).value_counts()
    for label in MISSING_GROUPS:
        if counts.get(label, 0):
            say.print(
                "group_explicit",
                n=int(counts[label]),
                group=group,
                label=str(display_group(label, say.lang)),
            )


def _check_plan(path: str, say: Console) -> bool:
    from ..findings.plan import read_plan

    try:
        matrix = read_plan(path)
    except InputError as exc:
        _show_input_error(exc, say)
        return False
    say.print("plan_read", path=path, n=len(matrix))
    return True


def _check_affiliations(args: argparse.Namespace, say: Console) -> bool:
    from ..io.partnerships import read_affiliations

    data = read_affiliations(args.affiliations, errors="collect")
    if data.report.errors:
        _show_problems(data.report, say)
        return False
    say.print("affiliations_read", path=args.affiliations, n=data.report.rows_read)
    return True
