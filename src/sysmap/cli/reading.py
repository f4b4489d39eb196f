"""Reading the input of a command: the files, the reading options, the network built from
them, and the checks every analysing command shares.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from pathlib import Path

from .._outputs import input_file
from ..build.network import build_network
from ..build.ties import AUTO
from ..exceptions import ParameterError
from ..i18n import Msg, message
from ..io.detect import read
from ..io.members import read_actors
from ..io.model import NetworkData
from .console import Console, _show_problems

#: Reader parameters set by command-line options (named in messages as the option).
READER_OPTIONS = {
    "sep": "--sep",
    "sheet": "--sheet",
    "columns": "--columns",
    "scales": "--scales",
    "questions": "--questions",
    "instrument": "--instrument",
}
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
    from ..io.survey import is_tool_export

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
    from ..io.columns import parse_columns
    from ..io.dialect import parse_sep
    from ..io.survey import parse_questions

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
    from .._attributes import is_missing

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
