"""The ``sysmap`` command line: thin commands over the library.

Commands import the analysis they need when they run, so that ``sysmap --help``
and ``sysmap validate`` start fast.

Each command takes a TIES file in any supported format (detected from the
extension and columns; ``--format`` overrides) and an optional member list
(``--actors``). Every line the command line prints comes from the ``cli``
message catalogue, in the language of ``--lang`` (default: the environment
variable ``SYSMAP_LANG``, else English). Problems in the input are grouped by
kind and column; the full list goes to ``problems.csv``. A user mistake
prints one message with the fix, never a traceback (``--debug`` shows it).

Exit codes: 0 success; 1 the input has errors or cannot be read; 2 a usage
error (an option or an output path); 3 an unexpected internal error.
"""

from __future__ import annotations

import argparse
import csv
import errno
import os
import re
import sys
import traceback
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from ._outputs import input_file, output_file, output_folder
from ._progress import ENVIRONMENT_VARIABLE as PROGRESS_VARIABLE
from ._progress import show_progress
from ._version import __version__
from .build.network import SYMMETRIZE, build_network
from .build.ties import AUTO, resolve_rule
from .exceptions import (
    DataQualityWarning,
    InputError,
    ParameterError,
    SysmapError,
    SysmapWarning,
)
from .export import write_csv
from .i18n import LANGUAGES, Msg, format_number, format_percent, message, render
from .io.detect import FORMATS, read
from .io.members import read_actors
from .io.model import NetworkData
from .io.report import IngestReport, where
from .report.custom import SECTIONS

__all__ = ["build_parser", "main"]

#: Environment variable holding the default language of every command.
LANG_VARIABLE = "SYSMAP_LANG"
#: Problem groups printed by the analysis commands (validate prints --show of them).
SHOWN_GROUPS = 10
#: Reader parameters set by command-line options (named in messages as the option).
READER_OPTIONS = {
    "sep": "--sep",
    "sheet": "--sheet",
    "columns": "--columns",
    "scales": "--scales",
    "questions": "--questions",
    "instrument": "--instrument",
}
#: What each command writes into an output folder (checked against the inputs first).
VALIDATE_FILES = (
    "problems.csv",
    "reminders.csv",
    "name_suggestions.csv",
    "actors.csv",
    "ties.csv",
    "ingest_report.txt",
)
METRICS_FILES = (
    "actors.csv",
    "ties.csv",
    "network.csv",
    "clusters.csv",
    "roles.csv",
    "problems.csv",
)
#: Lower bounds of numeric options (checked before any work starts).
MINIMUM = {
    "seed": 0,
    "show": 0,
    "sample": 1,
    "permutations": 1,
    "max_actors": 1,
    "brokers": 0,
    "key_players": 1,
}


# ----------------------------------------------------------------------------- console
class Console:
    """Prints catalogue messages of the ``cli`` domain in one language."""

    def __init__(self, lang: str = "en", *, strict: bool = False) -> None:
        self.lang = lang
        self.strict = strict  # --strict: problems stop the command

    def __call__(self, key: str, /, **fields: object) -> str:
        """The message `key` in the console's language."""
        return message("cli", key, self.lang, **fields)

    def print(self, key: str, /, **fields: object) -> None:
        """Print the message `key` to standard output."""
        print(self(key, **fields))

    def error(self, text: object) -> None:
        """Print an error (a :class:`~sysmap.i18n.Msg` renders in the console's language)."""
        print(self("error", text=render(text, self.lang)), file=sys.stderr)

    def number(self, value: float, digits: int = 1) -> str:
        """`value` formatted for the console's language."""
        return format_number(value, self.lang, digits=digits)

    def listing(self, items: Sequence[str]) -> str:
        """``a, b and c`` (``a, b und c``)."""
        items = list(items)
        if len(items) < 2:
            return "".join(items)
        return self("list_and", items=", ".join(items[:-1]), last=items[-1])


def _default_lang() -> str:
    """The language of ``SYSMAP_LANG`` (``de``, ``de_DE.UTF-8`` ...), else English."""
    value = os.environ.get(LANG_VARIABLE, "").strip().lower()
    value = re.split(r"[_.@-]", value)[0] if value else ""
    return value if value in LANGUAGES else "en"


def _lang_in(argv: Sequence[str]) -> str:
    """The ``--lang`` of a command line that may not parse (for usage errors)."""
    for i, arg in enumerate(argv):
        value = None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value in LANGUAGES:
            return value
    return _default_lang()


# argparse's own messages (Python 3.10-3.13), mapped to catalogue keys by pattern.
_USAGE_MESSAGES = (
    (r"the following arguments are required: (?P<names>.*)", "usage_required"),
    (r"unrecognized arguments: (?P<names>.*)", "usage_unrecognized"),
    (r"argument (?P<option>\S+): invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)",
     "usage_choice"),
    (r"argument (?P<option>\S+): invalid \w+ value: (?P<value>.*)", "usage_value"),
    (r"argument (?P<option>\S+): expected (?:one|at least one) argument", "usage_expected"),
    (r"argument (?P<option>\S+): not allowed with argument (?P<other>.*)", "usage_conflict"),
    (r"ambiguous option: (?P<option>\S+) could match (?P<names>.*)", "usage_ambiguous"),
)  # fmt: skip


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors speak the user's language."""

    lang = "en"

    def error(self, message: str):  # type: ignore[override]
        say = Console(self.lang)
        text = message
        for pattern, key in _USAGE_MESSAGES:
            match = re.fullmatch(pattern, message)
            if match:
                text = say(key, **match.groupdict())
                break
        print(self.format_usage().rstrip(), file=sys.stderr)
        print(say("usage_error", prog=self.prog, text=text), file=sys.stderr)
        self.exit(2)


# ----------------------------------------------------------------------------- problems
def _show_problems(
    report: IngestReport,
    say: Console,
    *,
    limit: int = SHOWN_GROUPS,
    written: Path | None = None,
    hint: str | None = None,
) -> None:
    """Print the problems of `report` grouped by kind and column (errors and
    warnings; at most `limit` groups), and where the full list is."""
    groups = report.groups(say.lang)
    groups = groups.loc[groups["severity"] != "info"]
    if groups.empty:
        return
    n_errors = int(groups.loc[groups["severity"] == "error", "count"].sum())
    n_warnings = int(groups.loc[groups["severity"] == "warning", "count"].sum())
    say.print(
        "problems_header",
        errors=n_errors,
        warnings=n_warnings,
        groups=len(groups),
    )
    for row in groups.head(limit).itertuples(index=False):
        print(_group_line(row, say))
    rest = groups.iloc[limit:]
    if len(rest):
        say.print("groups_more", groups=len(rest), n=int(rest["count"].sum()))
    if written is not None:
        say.print("problems_written", path=str(written))
    elif hint is not None:
        say.print(hint)


def _group_line(row: object, say: Console) -> str:
    """One line for one problem group (see :meth:`IngestReport.groups`)."""
    if row.count == 1:
        return say("group_one", text=_located(row, say))
    details = []
    if row.rows:
        more = ", …" if row.n_rows > len(row.rows) else ""
        details.append(say("group_rows", rows=", ".join(map(str, row.rows)) + more))
    if row.values:
        quoted = [f"'{v}'" for v in row.values] + (["…"] if row.n_values > len(row.values) else [])
        details.append(say("group_values", values=", ".join(quoted)))
    place = where(row.source, None, row.column)
    if not details:
        return say("group_many_plain", where=place, n=row.count, text=row.message)
    return say("group_many", where=place, n=row.count, details="; ".join(details), text=row.message)


def _located(row: object, say: Console) -> str:
    """A one-problem group as its message with file, row and column."""
    place = where(row.source, row.rows[0] if row.rows else None, row.column)
    return message("problems", "located", say.lang, where=place, text=row.message)


def _write_problems(report: IngestReport, path: Path, lang: str) -> Path:
    """Every problem, one per row, messages in `lang` (formulas neutralised)."""
    return write_csv(report.problems_in(lang), path, index=False)


# ----------------------------------------------------------------------------- reading
def _inputs(args: argparse.Namespace) -> list[Path]:
    """Check every input file the command names; return them (for the output checks)."""
    named: list[tuple[str, object]] = []
    for option, attr in (
        ("TIES", "ties"),
        ("WAVE", "waves"),
        ("--actors", "actors"),
        ("--aliases", "aliases"),
        ("--plan", "plan"),
        ("--affiliations", "affiliations"),
        ("--layout", "layout"),
        ("--scales", "scales"),
        ("--instrument", "instrument"),
        ("--intro", "intro"),
        ("--logo", "logo"),
    ):
        value = getattr(args, attr, None)
        for path in value if isinstance(value, list) else [value]:
            if path is not None:
                named.append((option, path))
    from .io.survey import is_tool_export

    out = []
    for option, path in named:  # TIES may be a folder of returned survey workbooks
        if option in ("TIES", "WAVE") and Path(path).is_dir() and is_tool_export(path):
            out += [f for f in sorted(Path(path).iterdir()) if f.is_file()]
        else:
            out.append(input_file(path, option))
    return out


def _reader_options(args: argparse.Namespace) -> dict[str, object]:
    """Keyword arguments for the readers from the reading options (those given).

    The texts are parsed by the reader side's own parsers, so that a mistake
    fails here, before any file is read, with the readers' message.
    """
    from .io._dialect import parse_sep
    from .io.columns import parse_columns
    from .io.survey import parse_questions

    parse_sep(args.sep)
    columns: dict[str, str] = {}
    for value in args.columns or ():
        columns.update(parse_columns(value))
    questions: dict[str, str] = {}
    for value in getattr(args, "questions", None) or ():
        questions.update(parse_questions(value))
    given = {
        "sep": args.sep,
        "sheet": args.sheet,
        "columns": columns or None,
        "scales": args.scales,
        "questions": questions or None,
        "instrument": getattr(args, "instrument", None),
    }
    return {k: v for k, v in given.items() if v is not None}


def _errors(args: argparse.Namespace, collect: bool = False) -> str:
    """The readers' ``errors=``: ``raise`` with --strict, else repair (or collect)."""
    if getattr(args, "strict", False):
        return "raise"
    return "collect" if collect else "repair"


def _call_reader(func: Callable, *args: object, **kwargs: object):
    """Call a reader; an option it does not take is a usage error, not a TypeError."""
    try:
        return func(*args, **kwargs)
    except TypeError as exc:
        match = re.search(r"unexpected keyword argument '(\w+)'", str(exc))
        if not match or match.group(1) not in READER_OPTIONS:
            raise
        option = READER_OPTIONS[match.group(1)]
        raise ParameterError(Msg("cli", "option_not_for_file", option=option)) from exc


def _load(args: argparse.Namespace, *, errors: str) -> NetworkData:
    """Read TIES (and the member list) with the reading options of `args`.

    ``--columns`` goes to both readers (each takes the roles of its table);
    ``--sep``, ``--sheet``, ``--scales`` and ``--questions`` to the TIES reader.
    """
    options = _reader_options(args)
    members = None
    if args.actors:
        columns = {"columns": options["columns"]} if "columns" in options else {}
        members = read_actors(args.actors, aliases=args.aliases, errors=errors, **columns)
    elif args.aliases:
        raise ParameterError(Msg("cli", "aliases_need_actors"))
    fmt = args.format or ("survey_wide" if "questions" in options else None)
    if fmt == "survey_wide":
        options.setdefault("questions", None)  # None: the patterns are detected
    return _call_reader(
        read,
        args.ties,
        format=fmt,
        actors=members,
        errors=errors,
        unknown=args.unknown,
        fuzzy_threshold=args.fuzzy_threshold,
        **options,
    )


def _read_for_analysis(
    args: argparse.Namespace, say: Console, *, written: Path | None
) -> NetworkData:
    """Read the input for an analysis command and show its problems (the
    analysis goes on unless they are structural, or any with --strict)."""
    data = _load(args, errors=_errors(args))
    _show_problems(
        data.report, say, written=written, hint=None if written else "problems_hint_validate"
    )
    return data


def _describe(G, say: Console) -> str:
    kind = say("kind_directed" if G.is_directed() else "kind_undirected")
    actors = message("common", "actors", say.lang, n=G.number_of_nodes())
    ties = message("common", "ties", say.lang, n=G.number_of_edges())
    return say("network", actors=actors, ties=ties, kind=kind)


def _network(args: argparse.Namespace, data: NetworkData):
    """Build the graph the way the direction flags ask."""
    if args.undirected or args.symmetrize:
        rule = args.symmetrize or "union"
        return build_network(data, relation=args.relation, symmetrize=rule)
    if args.directed:
        if not data.directed:
            raise ParameterError(Msg("cli", "directed_needs_directed", path=str(args.ties)))
        return build_network(data, relation=args.relation, symmetrize=None)
    return build_network(data, relation=args.relation, symmetrize=AUTO)


def _group_missing(data: NetworkData, group: str | None) -> bool:
    """Whether no actor has a value of `group` (the report then leaves it out)."""
    from ._attributes import is_missing

    if not group:
        return False
    return group not in data.actors.columns or data.actors[group].map(is_missing).all()


def _groups(value: str | None) -> str | list[str]:
    """``--group``: every categorical attribute (not given), or those named (comma-separated)."""
    names = _named_groups(value)
    if not names:
        return "auto"
    return names[0] if len(names) == 1 else names


def _named_groups(value: str | None) -> list[str]:
    """The attributes ``--group`` names (none: every categorical attribute is compared)."""
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def _say_group_absent(data: NetworkData, group: str | None, say: Console) -> bool:
    """Explain that no actor has a value of `group` (if so) and return whether none has."""
    if not _group_missing(data, group):
        return False
    found = [str(c) for c in data.actors.columns if c not in ("name", "status")]
    if found:
        say.print("group_absent", group=group, found=", ".join(found))
    else:
        say.print("group_absent_none", group=group)
    return True


def _check_numbers(args: argparse.Namespace) -> None:
    for name, low in MINIMUM.items():
        value = getattr(args, name, None)
        if value is not None and value < low:
            option = "--" + name.replace("_", "-")
            raise ParameterError(Msg("cli", "option_minimum", option=option, low=low, value=value))
    if getattr(args, "n_jobs", None) == 0:
        raise ParameterError(Msg("cli", "n_jobs_zero"))
    threshold = getattr(args, "fuzzy_threshold", None)
    if threshold is not None and not 0 <= threshold <= 100:
        raise ParameterError(Msg("cli", "fuzzy_range", value=threshold))


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
    from .io.tracking import response_tracking

    if data is None or data.kind != "survey" or not data.report.roster_size:
        return None
    return response_tracking(data)


#: Names shown per line of the response-tracking list (the rest: reminders.csv).
TRACKING_NAMES = 12


def _show_tracking(tracking: pd.DataFrame, say: Console, *, written: Path | None) -> None:
    """Whom to remind, by sector: not answered, then started but not submitted; then the
    organizations that answered from outside the member list."""
    from .io.model import DID_NOT_RESPOND, NOT_ON_ROSTER
    from .io.tracking import INCOMPLETE

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
    from .findings.groups import group_attributes

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
    from ._attributes import MISSING_GROUPS, display_group, group_labels

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
    from .findings.plan import read_plan

    try:
        matrix = read_plan(path)
    except InputError as exc:
        _show_input_error(exc, say)
        return False
    say.print("plan_read", path=path, n=len(matrix))
    return True


def _check_affiliations(args: argparse.Namespace, say: Console) -> bool:
    from .io.partnerships import read_affiliations

    data = read_affiliations(args.affiliations, errors="collect")
    if data.report.errors:
        _show_problems(data.report, say)
        return False
    say.print("affiliations_read", path=args.affiliations, n=data.report.rows_read)
    return True


# ----------------------------------------------------------------------------- metrics
def _cmd_metrics(args: argparse.Namespace, say: Console) -> int:
    from .metrics.store import MeasureStore
    from .metrics.tables import actor_metrics, network_metrics, tie_metrics

    inputs = _inputs(args)
    out = output_folder(args.output, inputs, "-o", names=METRICS_FILES)
    data = _read_for_analysis(args, say, written=out / "problems.csv")
    G = _network(args, data)
    if args.group and not any(args.group in d for _, d in G.nodes(data=True)):
        found = sorted({k for _, d in G.nodes(data=True) for k in d})
        raise ParameterError(Msg("cli", "group_unknown", group=args.group, found=found))
    progress = show_progress()  # --progress / --quiet, SYSMAP_PROGRESS, a terminal
    print(_describe(G, say))
    # one store: each measure once, one seed and one size policy (--sample, --exact)
    store = MeasureStore(
        G,
        seed=args.seed,
        sample=args.sample,
        exact=args.exact,
        n_jobs=args.n_jobs,
        progress=progress,
    )
    actors = actor_metrics(G, group=args.group, store=store)
    ties = tie_metrics(G, group=args.group, store=store)
    network = network_metrics(G, group=args.group, store=store)
    written = ["actors.csv", "ties.csv", "network.csv"]
    tables = {}
    if args.clusters:
        from .cluster.labels import cluster_actors  # scikit-learn: imported only when needed

        clusters = cluster_actors(G, group=args.group, seed=args.seed, store=store)
        clusters = clusters.in_language(say.lang)
        actors = actors.join(clusters.actors)
        network = pd.concat([network, clusters.summary], ignore_index=True)
        tables = {"clusters.csv": clusters.communities, "roles.csv": clusters.roles}
        written += list(tables)
    out.mkdir(parents=True, exist_ok=True)
    write_csv(actors, out / "actors.csv")
    write_csv(ties, out / "ties.csv", index=False)
    write_csv(network, out / "network.csv", index=False)
    for name, table in tables.items():
        write_csv(table, out / name)
    _write_problems(data.report, out / "problems.csv", say.lang)
    for metric, value in network.set_index("metric")["value"].head(9).items():
        label = _metric_label(str(metric), say.lang)
        say.print("metric", metric=label, value=say.number(float(value), 4))
    if args.clusters:
        say.print("clusters", communities=len(clusters.communities), roles=len(clusters.roles))
        for role in clusters.roles.itertuples():
            actors_n = message("common", "actors", say.lang, n=int(role.size))
            say.print("role", role=str(role.description), actors=actors_n)
    say.print("wrote_files", files=say.listing(written), path=str(out))
    return 0


def _metric_label(metric: str, lang: str) -> str:
    """The metric's name from the map legend catalogue (its column name if none)."""
    from .i18n import catalogue

    key = f"metric_{metric}"
    return message("map", key, lang) if key in catalogue("map", lang) else metric


# ----------------------------------------------------------------------------- map
def _cmd_map(args: argparse.Namespace, say: Console) -> int:
    from .maps import network_map
    from .maps.layout import read_layout
    from .maps.overlays import OVERLAYS

    inputs = _inputs(args)
    suffixes = (".html", ".htm", ".png", ".svg", ".pdf")
    out = output_file(args.output, inputs, "-o", suffixes=suffixes, example="map.html")
    if args.save_layout:
        output_file(args.save_layout, inputs, "--save-layout", example="layout.csv")
        if Path(args.save_layout).resolve() == out.resolve():
            raise ParameterError(Msg("cli", "outputs_clash", path=args.save_layout))
    chosen = {o.strip() for o in args.overlays.split(",") if o.strip()}
    if chosen == {"all"}:
        chosen = set(OVERLAYS)
    elif chosen == {"none"}:
        chosen = set()
    unknown = chosen - set(OVERLAYS)
    if unknown:
        raise ParameterError(
            Msg(
                "cli", "unknown_overlays", unknown=str(sorted(unknown)), choices=str(list(OVERLAYS))
            )
        )
    layout = None
    if args.layout:
        try:
            layout = read_layout(args.layout)
        except (SysmapError, ValueError, UnicodeDecodeError, csv.Error) as exc:
            raise InputError(Msg("cli", "layout_unreadable", path=args.layout)) from exc
    data = _read_for_analysis(args, say, written=None)
    G = _network(args, data)
    overlays: dict[str, object] = {key: key in chosen for key in OVERLAYS}
    if args.brokers is not None and overlays["brokers"]:
        overlays["brokers"] = args.brokers
    if args.key_players is not None and overlays["key_players"]:
        overlays["key_players"] = args.key_players
    m = network_map(
        G,
        color=args.color,
        size=None if args.size == "none" else args.size,
        label=args.label,
        title=args.title,
        layout=layout,
        seed=args.seed,
        filters=args.filter,
        sample=None if args.exact else "auto" if args.sample is None else args.sample,
        aggregate=args.aggregate,
        group=args.group,
        max_actors=args.max_actors,
        renderer=args.renderer,
        lang=say.lang,
        **overlays,
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    m.save(out)
    print(_describe(G, say))
    if m.notice:
        print(render(m.notice, say.lang))
    for key, overlay in m.overlays.items():
        label = message("map", f"overlay_{key}", say.lang)
        say.print("overlay", overlay=label, n=len(overlay.members))
    if args.save_layout:
        m.save_layout(args.save_layout)
        say.print("layout_wrote", path=args.save_layout)
    size = say.number(out.stat().st_size / 1024, 0)
    say.print("map_wrote", path=str(out), size=size)
    return 0


# ----------------------------------------------------------------------------- report
def _report_output(path: str, inputs: list[Path]) -> Path:
    """Check a report's HTML file and its ``<stem>-tables`` folder before the analysis."""
    out = output_file(path, inputs, "-o", suffixes=(".html", ".htm"))
    tables = out.parent / f"{out.stem}-tables"
    if tables.exists() and not tables.is_dir():
        raise ParameterError(Msg("cli", "tables_taken", path=str(tables)))
    output_folder(tables, inputs, "-o")
    return out


def _cmd_report(args: argparse.Namespace, say: Console) -> int:
    inputs = _inputs(args)
    out = _report_output(args.output, inputs)
    tables = out.parent / f"{out.stem}-tables"
    profiles = None
    if args.profiles:  # beside the report, checked before the analysis
        profiles = output_file(out.parent / f"{out.stem}-profiles.html", inputs, "--profiles")
    data = _read_for_analysis(args, say, written=tables / "problems.csv")
    for name in _named_groups(args.group):
        _say_group_absent(data, name, say)
    return _write_report(
        data,
        out,
        say,
        profiles=profiles,
        group=_groups(args.group),
        plan=args.plan,
        affiliations=args.affiliations,
        symmetrize=args.symmetrize or AUTO,
        title=args.title,
        intro=args.intro,
        logo=args.logo,
        sections=args.sections,
        seed=args.seed,
        sample=args.sample,
        exact=args.exact,
    )


def _write_report(
    data: NetworkData, out: Path, say: Console, *, profiles: Path | None = None, **options: object
) -> int:
    from .report.gaps import gap_report

    report = gap_report(data, progress=show_progress(), lang=say.lang, **options)
    pages = None
    if profiles is not None:  # the partners' own pages, from the report's results, linked
        from .report.profiles import partner_profiles

        pages = partner_profiles(data, report=report, seed=options.get("seed", 0))
        pages.add_section(report.page, profiles.name)
    tables = report.write(out)
    if pages is not None:
        pages.save(profiles)
    counts = report.findings.frame["severity"].value_counts()
    kinds = [
        f"{message('findings', f'severity.{k}', say.lang)}: {say.number(int(counts[k]))}"
        for k in ("high", "medium", "low", "info")
        if k in counts
    ]
    if len(report.findings):
        say.print("findings", n=len(report.findings), kinds=", ".join(kinds))
    else:
        say.print("findings_none")
    for card in report.findings.key_points()[:3]:  # the report's first points
        say.print("finding", text=render(card.statement, say.lang))
    say.print("report_wrote", path=str(out), workbook=f"{out.stem}.xlsx", tables=str(tables))
    if pages is not None:
        say.print("profiles_wrote", n=len(pages), path=str(profiles))
    return 0


# ----------------------------------------------------------------------------- profiles
def _cmd_profiles(args: argparse.Namespace, say: Console) -> int:
    from .report.profiles import partner_profiles

    inputs = _inputs(args)
    if args.split:
        out = output_folder(args.output, inputs, "-o")
    else:
        out = output_file(args.output, inputs, "-o", suffixes=(".html", ".htm"),
                          example="profiles.html")  # fmt: skip
    data = _read_for_analysis(args, say, written=None)
    for name in _named_groups(args.group):
        _say_group_absent(data, name, say)
    profiles = partner_profiles(
        data,
        lang=say.lang,
        group=_groups(args.group),
        plan=args.plan,
        affiliations=args.affiliations,
        symmetrize=args.symmetrize or AUTO,
        title=args.title,
        seed=args.seed,
    )
    if args.split:
        profiles.save_split(out)
        say.print("profiles_wrote_split", n=len(profiles), path=str(out))
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        profiles.save(out)
        say.print("profiles_wrote", n=len(profiles), path=str(out))
    return 0


# ----------------------------------------------------------------------------- compare
def _cmd_compare(args: argparse.Namespace, say: Console) -> int:
    from .compare import Panel
    from .report.comparison import comparison_report

    actors = args.actors
    if actors and len(actors) not in (1, len(args.waves)):
        raise ParameterError(Msg("cli", "compare_actors", waves=len(args.waves), n=len(actors)))
    if args.labels and len(args.labels) != len(args.waves):
        raise ParameterError(
            Msg("cli", "compare_labels", waves=len(args.waves), n=len(args.labels))
        )
    inputs = _inputs(args)
    out = _report_output(args.output, inputs)
    tables = out.parent / f"{out.stem}-tables"
    options = _reader_options(args)
    panel = _call_reader(
        Panel.from_files,
        args.waves,
        actors=None if not actors else actors[0] if len(actors) == 1 else actors,
        aliases=args.aliases,
        labels=args.labels,
        symmetrize=args.symmetrize,
        errors=_errors(args),
        **options,
    )
    problems = []
    for label, data in panel.data.items():
        if data is None:
            continue
        if (data.report.problems["severity"] != "info").any():
            say.print("wave_problems", wave=str(label))
            _show_problems(data.report, say, written=None)
        frame = data.report.problems_in(say.lang)
        problems.append(frame.assign(wave=str(label))[["wave", *frame.columns]])
    summary = panel.summary()
    for label, row in summary.iterrows():
        say.print(
            "wave",
            wave=str(label),
            actors=message("common", "actors", say.lang, n=int(row["n_actors"])),
            ties=message("common", "ties", say.lang, n=int(row["n_ties"])),
            rate=format_percent(float(row["response_rate"]), say.lang),
            joined=int(row["joined"]),
            left=int(row["left"]),
        )
    if _group_missing(next(iter(panel.data.values())), args.group):
        say.print("group_absent_waves", group=args.group)
    report = comparison_report(
        panel,
        group=args.group,
        restrict=args.restrict,
        n_permutations=args.permutations,
        seed=args.seed,
        n_jobs=args.n_jobs,
        lang=say.lang,
        title=args.title,
        progress=show_progress(),
    )
    written = report.write(out)
    if problems:
        write_csv(pd.concat(problems, ignore_index=True), written / "problems.csv", index=False)
        say.print("problems_written", path=str(tables / "problems.csv"))
    statements = report.comparison.statements
    print()
    for text in statements.loc[statements["topic"] == "tests", "text"].head(6):
        say.print("finding", text=render(text, say.lang))
    say.print("compare_wrote", path=str(out), workbook=f"{out.stem}.xlsx", tables=str(written))
    return 0


# ----------------------------------------------------------------------------- survey
def _cmd_survey(args: argparse.Namespace, say: Console) -> int:
    from .instrument import TOOLS, survey_instrument
    from .io.columns import parse_columns

    inputs = [input_file(args.members, "MEMBERS")]
    if args.items:
        inputs.append(input_file(args.items, "--items"))
    suffix = Path(args.output).suffix.lower()
    tool = args.tool or ("limesurvey" if suffix in TOOLS["limesurvey"] else "excel")
    out = output_file(args.output, inputs, "-o", suffixes=TOOLS[tool],
                      example="partner_survey" + TOOLS[tool][0])
    columns: dict[str, str] = {}
    for value in args.columns or ():
        columns.update(parse_columns(value))
    members = read_actors(args.members, columns=columns or None, sep=args.sep, sheet=args.sheet,
                          errors=_errors(args))
    _show_problems(members.report, say)
    instrument = survey_instrument(members, items=args.items, tool=tool, lang=say.lang,
                                   title=args.title)
    instrument.save(out)
    say.print(
        "survey_wrote",
        path=str(out),
        tool=say(f"survey_tool_{tool}"),
        members=say("members_count", n=len(instrument.members)),
        sectors=say("sectors", n=len(instrument.sectors)),
        items=len(instrument.items),
        names=", ".join(item.name for item in instrument.items),
    )
    say.print(f"survey_next_{tool}")
    return 0


# ----------------------------------------------------------------------------- demo
def _cmd_demo(args: argparse.Namespace, say: Console) -> int:
    from .datasets import load_sample, sample_path

    folder = sample_path("bildungsallianz")
    out = output_folder(args.output, [], "-o")
    output_folder(out / "ingest", [], "-o")
    _report_output(str(out / "report.html"), [])
    say.print("demo_intro", path=str(folder))
    print()
    ns = argparse.Namespace(
        ties=str(folder / "survey_wave1.csv"),
        actors=str(folder / "members_wave1.csv"),
        aliases=str(folder / "aliases.csv"),
        format=None,
        unknown="keep",
        fuzzy_threshold=None,
        output=str(out / "ingest"),
        show=SHOWN_GROUPS,
        strict=False,
        group="sector",
        plan=str(folder / "plan.csv"),
        affiliations=None,
        symmetrize=None,
        sep=None,
        sheet=None,
        columns=None,
        scales=None,
        questions=None,
        instrument=None,
    )
    code = _cmd_validate(ns, say)
    if code:
        return code
    print()
    code = _write_report(
        _load(ns, errors="repair"),
        out / "report.html",
        say,
        profiles=out / "report-profiles.html",
        group="sector",
        plan=str(folder / "plan.csv"),
        affiliations=load_sample("bildungsallianz", wave=1, kind="partnerships"),
    )
    print()
    say.print("demo_open", uri=(out / "report.html").resolve().as_uri())
    return code


# ----------------------------------------------------------------------------- app
def _cmd_app(args: argparse.Namespace, say: Console) -> int:
    try:
        from .app import serve
    except ImportError as exc:
        raise ParameterError(Msg("cli", "app_missing")) from exc
    serve(host=args.host, port=args.port, open_browser=not args.no_browser, lang=say.lang)
    return 0


def _add_app_parser(sub, t: Callable[..., str]) -> None:
    """``sysmap app [--host H] [--port P] [--no-browser] [--lang en|de]`` (sysmap.app)."""
    p = sub.add_parser("app", help=t("cmd_app"), description=t("desc_app"))
    p.add_argument("--host", default="127.0.0.1", help=t("help_host"))
    p.add_argument("--port", type=int, help=t("help_port"))
    p.add_argument("--no-browser", action="store_true", help=t("help_no_browser"))
    _add_common_arguments(p, t)
    p.set_defaults(func=_cmd_app)


# ----------------------------------------------------------------------------- parser
def _add_common_arguments(parser: argparse.ArgumentParser, t: Callable[..., str]) -> None:
    """--lang and --debug, on every command."""
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=t("help_lang", variable=LANG_VARIABLE),
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        help=t("help_debug"),
    )


def _add_size_arguments(parser: argparse.ArgumentParser, t: Callable[..., str]) -> None:
    """--sample K and --exact: override the size policy (sysmap.metrics.store)."""
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--sample", type=int, metavar="K", help=t("help_sample"))
    size.add_argument("--exact", action="store_true", help=t("help_exact"))


def _add_progress_arguments(parser: argparse.ArgumentParser, t: Callable[..., str]) -> None:
    """--progress and --quiet, on the long commands (default: bars when stderr is a terminal)."""
    shown = parser.add_mutually_exclusive_group()
    shown.add_argument(
        "--progress",
        action="store_true",
        default=None,
        help=t("help_progress", variable=PROGRESS_VARIABLE),
    )
    shown.add_argument("--quiet", dest="progress", action="store_false", help=t("help_quiet"))


@contextmanager
def _progress_setting(args: argparse.Namespace) -> Iterator[None]:
    """--progress / --quiet for everything the command runs: ``SYSMAP_PROGRESS`` is set
    while it runs (and restored after), so every bar of the library follows it."""
    chosen = getattr(args, "progress", None)
    if chosen is None:
        yield
        return
    before = os.environ.get(PROGRESS_VARIABLE)
    os.environ[PROGRESS_VARIABLE] = "1" if chosen else "0"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(PROGRESS_VARIABLE, None)
        else:
            os.environ[PROGRESS_VARIABLE] = before


def _add_reading_arguments(
    parser: argparse.ArgumentParser, t: Callable[..., str], *, wide: bool = True
) -> None:
    """How the files are read: separator, sheet, column names, answer labels, strictness."""
    group = parser.add_argument_group(t("help_reading"))
    group.add_argument(
        "--sep",
        metavar="SEP",
        help=t("help_sep"),
    )
    group.add_argument("--sheet", metavar="NAME", help=t("help_sheet"))
    group.add_argument(
        "--columns",
        metavar="ROLE=HEADER,...",
        action="append",
        help=t("help_columns"),
    )
    group.add_argument(
        "--scales",
        metavar="FILE",
        help=t("help_scales"),
    )
    if wide:
        group.add_argument(
            "--questions",
            metavar="ITEM=PATTERN,...",
            action="append",
            help=t("help_questions"),
        )
    group.add_argument(
        "--strict",
        action="store_true",
        help=t("help_strict"),
    )


def _add_input_arguments(parser: argparse.ArgumentParser, t: Callable[..., str]) -> None:
    parser.add_argument("ties", metavar="TIES", help=t("help_ties"))
    parser.add_argument("--actors", metavar="FILE", help=t("help_actors"))
    parser.add_argument("--instrument", metavar="FILE", help=t("help_instrument"))
    parser.add_argument("--aliases", metavar="FILE", help=t("help_aliases"))
    parser.add_argument("--format", choices=FORMATS, help=t("help_format"))
    parser.add_argument(
        "--unknown",
        choices=("keep", "drop", "error"),
        default="keep",
        help=t("help_unknown"),
    )
    parser.add_argument(
        "--fuzzy-threshold",
        type=float,
        metavar="SCORE",
        help=t("help_fuzzy_threshold"),
    )
    _add_reading_arguments(parser, t)


def _add_network_arguments(parser: argparse.ArgumentParser, t: Callable[..., str]) -> None:
    """Direction and relation options, read by :func:`_network`."""
    direction = parser.add_mutually_exclusive_group()
    direction.add_argument(
        "--directed",
        action="store_true",
        help=t("help_directed"),
    )
    direction.add_argument(
        "--undirected",
        action="store_true",
        help=t("help_undirected"),
    )
    parser.add_argument(
        "--symmetrize",
        choices=SYMMETRIZE,
        help=t("help_symmetrize"),
    )
    parser.add_argument(
        "--relation",
        action="append",
        metavar="NAME",
        help=t("help_relation"),
    )


def _add_report_inputs(parser: argparse.ArgumentParser, t: Callable[..., str]) -> None:
    """The report's own inputs (validate checks them too)."""
    parser.add_argument(
        "--group",
        metavar="COLUMNS",
        help=t("help_group"),
    )
    parser.add_argument(
        "--plan",
        metavar="FILE",
        help=t("help_plan"),
    )
    parser.add_argument(
        "--affiliations",
        metavar="FILE",
        help=t("help_affiliations"),
    )
    parser.add_argument(
        "--symmetrize",
        choices=SYMMETRIZE,
        help=t("help_symmetrize_report"),
    )


def build_parser(lang: str = "en") -> argparse.ArgumentParser:
    """The argument parser, its help in `lang` (in English it generates the CLI
    reference of the docs)."""

    def t(key: str, /, **fields: object) -> str:
        return message("cli", key, lang, **fields)

    parser = _Parser(
        prog="sysmap",
        description=t("desc_sysmap"),
    )
    parser.add_argument("--version", action="version", version=f"sysmap {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "validate",
        help=t("cmd_validate"),
        description=t("desc_validate"),
    )
    _add_input_arguments(p, t)
    _add_report_inputs(p, t)
    p.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        help=t("help_output"),
    )
    p.add_argument(
        "--show",
        type=int,
        default=SHOWN_GROUPS,
        metavar="N",
        help=t("help_show", n=SHOWN_GROUPS),
    )
    _add_common_arguments(p, t)
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser(
        "metrics",
        help=t("cmd_metrics"),
        description=t("desc_metrics"),
    )
    _add_input_arguments(p, t)
    p.add_argument(
        "--group",
        metavar="COLUMN",
        help=t("help_group_metrics"),
    )
    _add_network_arguments(p, t)
    _add_size_arguments(p, t)
    p.add_argument(
        "--clusters",
        action="store_true",
        help=t("help_clusters"),
    )
    p.add_argument("--seed", type=int, default=0, help=t("help_seed"))
    p.add_argument(
        "--n-jobs",
        type=int,
        default=1,
        metavar="N",
        help=t("help_n_jobs"),
    )
    p.add_argument("-o", "--output", metavar="OUTDIR", required=True, help=t("help_output_metrics"))
    _add_progress_arguments(p, t)
    _add_common_arguments(p, t)
    p.set_defaults(func=_cmd_metrics)

    p = sub.add_parser(
        "map",
        help=t("cmd_map"),
        description=t("desc_map"),
    )
    _add_input_arguments(p, t)
    p.add_argument("--color", metavar="COLUMN", help=t("help_color"))
    p.add_argument(
        "--size",
        metavar="METRIC",
        default="degree",
        help=t("help_size"),
    )
    p.add_argument("--label", metavar="COLUMN", default="name", help=t("help_label"))
    p.add_argument("--title", help=t("help_title"))
    p.add_argument(
        "--filter",
        action="append",
        metavar="COLUMN",
        help=t("help_filter"),
    )
    p.add_argument(
        "--overlays",
        default="all",
        metavar="LIST",
        help=t("help_overlays"),
    )
    p.add_argument("--brokers", type=int, metavar="N", help=t("help_brokers"))
    p.add_argument("--key-players", type=int, metavar="K", help=t("help_key_players"))
    p.add_argument("--layout", metavar="FILE", help=t("help_layout"))
    p.add_argument("--save-layout", metavar="FILE", help=t("help_save_layout"))
    aggregate = p.add_mutually_exclusive_group()
    aggregate.add_argument(
        "--aggregate",
        action="store_true",
        default=None,
        help=t("help_aggregate"),
    )
    aggregate.add_argument(
        "--no-aggregate",
        dest="aggregate",
        action="store_false",
        help=t("help_no_aggregate"),
    )
    p.add_argument(
        "--group",
        metavar="COLUMN",
        help=t("help_group_map"),
    )
    p.add_argument(
        "--max-actors",
        type=int,
        default=50000,
        metavar="N",
        help=t("help_max_actors"),
    )
    p.add_argument(
        "--renderer",
        choices=("auto", "vis", "webgl"),
        default="auto",
        help=t("help_renderer"),
    )
    _add_network_arguments(p, t)
    _add_size_arguments(p, t)
    p.add_argument("--seed", type=int, default=0, help=t("help_seed"))
    p.add_argument("-o", "--output", metavar="OUTPUT", required=True, help=t("help_output_map"))
    _add_progress_arguments(p, t)
    _add_common_arguments(p, t)
    p.set_defaults(func=_cmd_map)

    p = sub.add_parser(
        "report",
        help=t("cmd_report"),
        description=t("desc_report"),
    )
    _add_input_arguments(p, t)
    _add_report_inputs(p, t)
    p.add_argument("--title", help=t("help_title_report"))
    p.add_argument("--intro", metavar="FILE", help=t("help_intro"))
    p.add_argument("--logo", metavar="FILE", help=t("help_logo"))
    p.add_argument("--sections", metavar="LIST", help=t("help_sections", names=",".join(SECTIONS)))
    p.add_argument("--seed", type=int, default=0, help=t("help_seed"))
    _add_size_arguments(p, t)
    p.add_argument("--profiles", action="store_true", help=t("help_profiles"))
    p.add_argument(
        "-o", "--output", metavar="OUTPUT.html", required=True, help=t("help_output_report")
    )
    _add_progress_arguments(p, t)
    _add_common_arguments(p, t)
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser(
        "profiles",
        help=t("cmd_profiles"),
        description=t("desc_profiles"),
    )
    _add_input_arguments(p, t)
    _add_report_inputs(p, t)
    p.add_argument("--split", action="store_true", help=t("help_split"))
    p.add_argument("--title", help=t("help_title_profiles"))
    p.add_argument("--seed", type=int, default=0, help=t("help_seed"))
    p.add_argument(
        "-o", "--output", metavar="OUTPUT", required=True, help=t("help_output_profiles")
    )
    _add_common_arguments(p, t)
    p.set_defaults(func=_cmd_profiles)

    p = sub.add_parser(
        "compare",
        help=t("cmd_compare"),
        description=t("desc_compare"),
    )
    p.add_argument("waves", metavar="WAVE", nargs="+", help=t("help_waves"))
    p.add_argument(
        "--actors",
        metavar="FILE",
        nargs="+",
        help=t("help_actors_compare"),
    )
    p.add_argument(
        "--aliases",
        metavar="FILE",
        help=t("help_aliases_compare"),
    )
    p.add_argument("--labels", metavar="LABEL", nargs="+", help=t("help_labels"))
    p.add_argument(
        "--group",
        metavar="COLUMN",
        default="sector",
        help=t("help_group_compare"),
    )
    p.add_argument(
        "--restrict",
        choices=("present", "responded_all"),
        help=t("help_restrict"),
    )
    p.add_argument(
        "--symmetrize",
        choices=SYMMETRIZE,
        default=AUTO,
        help=t("help_symmetrize_compare"),
    )
    p.add_argument(
        "--permutations",
        type=int,
        default=1000,
        metavar="N",
        help=t("help_permutations"),
    )
    p.add_argument("--title", help=t("help_title_report"))
    p.add_argument("--seed", type=int, default=0, help=t("help_seed"))
    p.add_argument(
        "--n-jobs",
        type=int,
        default=1,
        metavar="N",
        help=t("help_n_jobs_compare"),
    )
    p.add_argument(
        "-o", "--output", metavar="OUTPUT.html", required=True, help=t("help_output_report")
    )
    _add_reading_arguments(p, t, wide=False)
    _add_progress_arguments(p, t)
    _add_common_arguments(p, t)
    p.set_defaults(func=_cmd_compare)

    p = sub.add_parser(
        "survey",
        help=t("cmd_survey"),
        description=t("desc_survey"),
    )
    p.add_argument("members", metavar="MEMBERS", help=t("help_members"))
    p.add_argument("--items", metavar="FILE", help=t("help_items"))
    p.add_argument("--tool", choices=("limesurvey", "xlsform", "excel"), help=t("help_tool"))
    p.add_argument("--title", help=t("help_title_survey"))
    p.add_argument("--sep", metavar="SEP", help=t("help_sep"))
    p.add_argument("--sheet", metavar="NAME", help=t("help_sheet"))
    p.add_argument("--columns", metavar="ROLE=HEADER,...", action="append", help=t("help_columns"))
    p.add_argument("--strict", action="store_true", help=t("help_strict"))
    p.add_argument(
        "-o", "--output", metavar="OUT", required=True, help=t("help_output_survey")
    )
    _add_common_arguments(p, t)
    p.set_defaults(func=_cmd_survey)

    p = sub.add_parser(
        "demo",
        help=t("cmd_demo"),
        description=t("desc_demo"),
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        default="sysmap-demo",
        help=t("help_output_demo"),
    )
    _add_common_arguments(p, t)
    p.set_defaults(func=_cmd_demo)
    _add_app_parser(sub, t)
    for each in (parser, *sub.choices.values()):
        _localize(each, t)
    return parser


def _localize(parser: argparse.ArgumentParser, t: Callable[..., str]) -> None:
    """argparse's own words (usage, section titles, --help, --version) in the language of `t`."""
    prefix = t("help_usage")

    class Formatter(argparse.HelpFormatter):
        def add_usage(self, usage, actions, groups, prefix=prefix):
            super().add_usage(usage, actions, groups, prefix)

    parser.formatter_class = Formatter
    parser._positionals.title = t("help_positionals")
    parser._optionals.title = t("help_optionals")
    for action in parser._actions:
        if "--help" in action.option_strings:
            action.help = t("help_help")
        elif "--version" in action.option_strings:
            action.help = t("help_version")


# ----------------------------------------------------------------------------- main
def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``sysmap`` command line; returns the exit code.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 success; 1 the input has errors or cannot be read; 2 a usage error
        (an option, an output path); 3 an unexpected internal error.
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    _Parser.lang = _lang_in(argv)
    args = build_parser(_Parser.lang).parse_args(argv)
    say = Console(args.lang or _default_lang(), strict=getattr(args, "strict", False))
    with _warnings_shown(say, debug=args.debug), _progress_setting(args):
        try:
            _check_numbers(args)
            return int(args.func(args, say) or 0)
        except KeyboardInterrupt:
            print(file=sys.stderr)
            say.error(Msg("cli", "interrupted"))
            return 130
        except Exception as exc:  # every failure becomes one message (--debug: traceback)
            if args.debug:
                traceback.print_exc()
            return _report_failure(exc, say)


def _report_failure(exc: BaseException, say: Console) -> int:
    """Print `exc` for a person; return the exit code."""
    if isinstance(exc, InputError):
        _show_input_error(exc, say)
        return 1
    if isinstance(exc, SysmapError):
        say.error(exc.args[0] if exc.args else exc)
        return 2
    if isinstance(exc, OSError):
        say.error(_os_message(exc))
        return 1
    if isinstance(exc, (UnicodeError, csv.Error, pd.errors.ParserError, pd.errors.EmptyDataError)):
        say.error(Msg("cli", "unreadable_table", detail=_short(exc)))
        return 1
    say.error(Msg("cli", "internal_error", kind=type(exc).__name__, detail=_short(exc)))
    return 3


def _show_input_error(exc: InputError, say: Console) -> None:
    """An input error: its report's problems grouped when it has several, else its message."""
    report = getattr(exc, "report", None)
    errors = len(report.errors) if report is not None else 0
    if errors > 1:
        _show_problems(report, say, hint="problems_hint_validate")
        say.error(Msg("cli", "input_stops_strict" if say.strict else "input_stops", n=errors))
    elif errors == 1:
        groups = report.groups(say.lang)
        say.error(_located(next(groups.loc[groups["severity"] == "error"].itertuples()), say))
    else:
        say.error(exc.args[0] if exc.args else exc)


def _short(exc: BaseException) -> str:
    from ._text import shorten

    return shorten(" ".join(str(exc).split()), 200)


def _os_message(exc: OSError) -> Msg:
    reasons = {
        errno.ENOENT: "reason_missing",
        errno.EACCES: "reason_denied",
        errno.EPERM: "reason_denied",
        errno.EISDIR: "reason_folder",
        errno.ENOTDIR: "reason_not_folder",
        errno.ENOSPC: "reason_full",
        errno.EROFS: "reason_read_only",
    }
    key = reasons.get(exc.errno or 0)
    reason = (
        Msg("cli", key) if key else Msg("cli", "reason_other", detail=exc.strerror or _short(exc))
    )
    path = exc.filename if exc.filename is not None else "?"
    return Msg("cli", "os_error", path=str(path), reason=reason)


@contextmanager
def _warnings_shown(say: Console, *, debug: bool) -> Iterator[None]:
    """Collect the warnings of a command. Data-quality warnings are left out
    (the grouped problems show them); other sysmap warnings with a catalogue
    message are printed in the user's language; everything else only with --debug."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield
        finally:
            for warning in caught:
                text = warning.message.args[0] if warning.message.args else ""
                if debug:
                    print(warnings.formatwarning(
                        warning.message, warning.category, warning.filename, warning.lineno
                    ).rstrip(), file=sys.stderr)  # fmt: skip
                elif (
                    issubclass(warning.category, SysmapWarning)
                    and not issubclass(warning.category, DataQualityWarning)
                    and isinstance(text, Msg)
                ):
                    say.print("warning", text=text.render(say.lang))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
