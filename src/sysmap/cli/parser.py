"""The argument parser of every command, its help in the user's language
(:func:`build_parser`; ``docs/cli.md`` is generated from it).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .._progress import ENVIRONMENT_VARIABLE as PROGRESS_VARIABLE
from .._version import __version__
from ..build.network import SYMMETRIZE
from ..build.ties import AUTO
from ..i18n import LANGUAGES, message
from ..io.detect import FORMATS
from ..report.custom import SECTIONS
from .analysis import _cmd_map, _cmd_metrics
from .console import LANG_VARIABLE, SHOWN_GROUPS, _Parser
from .reports import _cmd_compare, _cmd_profiles, _cmd_report
from .start import _cmd_app, _cmd_demo, _cmd_survey
from .validate import _cmd_validate


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
        default=-1,
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
    p.add_argument("-o", "--output", metavar="OUT", required=True, help=t("help_output_survey"))
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
