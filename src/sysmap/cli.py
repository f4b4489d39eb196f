"""The ``sysmap`` command line: thin commands over the library.

Commands import the analysis they need when they run, so that ``sysmap --help``
and ``sysmap validate`` start fast.

Each command takes a TIES file in any supported format (detected from the
extension and columns; ``--format`` overrides) and an optional member list
(``--actors``). Exit codes: 0 success, 1 the input has errors, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ._version import __version__
from .build.network import SYMMETRIZE, build_network
from .exceptions import DataQualityWarning, InputError, SysmapError
from .export import write_csv
from .io.detect import FORMATS, read
from .io.members import read_actors
from .io.model import NetworkData

__all__ = ["main"]


def _add_input_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "ties", metavar="TIES", help="survey, edge list, matrix, Kumu, GraphML or GEXF file"
    )
    parser.add_argument(
        "--actors", metavar="FILE", help="member list (id, name, aliases, sector, responded)"
    )
    parser.add_argument(
        "--aliases", metavar="FILE", help="alias table (alias, actor) to add to the member list"
    )
    parser.add_argument("--format", choices=FORMATS, help="input format (default: detected)")
    parser.add_argument(
        "--unknown",
        choices=("keep", "drop", "error"),
        default="keep",
        help="names not in the member list: keep as 'not on roster' "
        "(default), drop their rows, or treat as errors",
    )
    parser.add_argument(
        "--fuzzy-threshold",
        type=float,
        metavar="SCORE",
        help="merge misspelled names scoring at least SCORE (0-100); by "
        "default close names are only suggested",
    )


def _add_network_arguments(parser: argparse.ArgumentParser) -> None:
    """Direction and relation options, read by :func:`_network`."""
    direction = parser.add_mutually_exclusive_group()
    direction.add_argument(
        "--directed",
        action="store_true",
        help="keep ties directed (default for surveys and directed edge lists)",
    )
    direction.add_argument(
        "--undirected",
        action="store_true",
        help="symmetrize ties (rule: --symmetrize, default union)",
    )
    parser.add_argument(
        "--symmetrize",
        choices=SYMMETRIZE,
        help="how reported ties become undirected ties (implies --undirected)",
    )
    parser.add_argument(
        "--relation",
        action="append",
        metavar="NAME",
        help="only this relation type (repeatable); default: all relations merged",
    )


def _load(args: argparse.Namespace, *, errors: str = "raise") -> NetworkData:
    members = None
    if args.actors:
        members = read_actors(args.actors, aliases=args.aliases, errors=errors)
    elif args.aliases:
        raise SysmapError("--aliases needs --actors (aliases belong to a member list).")
    kwargs = {"unknown": args.unknown, "fuzzy_threshold": args.fuzzy_threshold}
    return read(args.ties, format=args.format, actors=members, errors=errors, **kwargs)


def _cmd_validate(args: argparse.Namespace) -> int:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        data = _load(args, errors="collect")
    report = data.report
    print(report.summary())
    problems = report.problems
    if len(problems):
        print()
        for line in problems.loc[problems["severity"] != "info", "message"].head(args.show):
            print(f"- {line}")
        hidden = int((problems["severity"] != "info").sum()) - args.show
        if hidden > 0:
            print(f"... and {hidden} more (write them all with -o DIR).")
    if len(report.suggestions):
        print("\nName suggestions to review (not merged unless --fuzzy-threshold):")
        for row in report.suggestions.itertuples():
            print(f"- {row.name!r} -> {row.suggestion!r} ({row.actor}, score {row.score:.0f})")
    if args.output:
        out = Path(args.output)
        out.mkdir(parents=True, exist_ok=True)
        write_csv(problems, out / "problems.csv", index=False)
        write_csv(report.suggestions, out / "name_suggestions.csv", index=False)
        write_csv(data.actors, out / "actors.csv")
        write_csv(data.ties, out / "ties.csv", index=False)
        (out / "ingest_report.txt").write_text(report.summary() + "\n", encoding="utf-8")
        print(f"\nWrote the ingest report and tables to {out}/")
    return 1 if report.errors else 0


def _network(args: argparse.Namespace, data: NetworkData):
    """Build the graph the way the direction flags ask."""
    if args.undirected or args.symmetrize:
        rule = args.symmetrize or "union"
        return build_network(data, relation=args.relation, symmetrize=rule)
    if args.directed and not data.directed:
        raise SysmapError(
            f"{args.ties} holds undirected ties; --directed needs directed data "
            "(a survey or a directed edge list)."
        )
    return build_network(data, relation=args.relation)


def _cmd_metrics(args: argparse.Namespace) -> int:
    from .cluster.labels import cluster_actors
    from .metrics.tables import actor_metrics, network_metrics, tie_metrics

    data = _load(args)
    G = _network(args, data)
    if args.group and not any(args.group in d for _, d in G.nodes(data=True)):
        found = sorted({k for _, d in G.nodes(data=True) for k in d})
        raise SysmapError(
            f"--group {args.group!r}: no actor has that attribute; actors have {found}. "
            "Group attributes come from the member list (--actors)."
        )
    progress = sys.stderr.isatty()
    options = {"sample": args.sample, "seed": args.seed, "n_jobs": args.n_jobs}
    kind = "directed" if G.is_directed() else "undirected"
    print(f"{G.number_of_nodes()} actors, {G.number_of_edges()} ties ({kind}).")
    actors = actor_metrics(G, group=args.group, progress=progress, **options)
    ties = tie_metrics(G, group=args.group, progress=progress)
    network = network_metrics(G, group=args.group, **options)
    written = ["actors.csv", "ties.csv", "network.csv"]
    tables = {}
    if args.clusters:
        clusters = cluster_actors(G, group=args.group, progress=progress, **options)
        actors = actors.join(clusters.actors)
        network = pd.concat([network, clusters.summary], ignore_index=True)
        tables = {"clusters.csv": clusters.communities, "roles.csv": clusters.roles}
        written += list(tables)
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    write_csv(actors, out / "actors.csv")
    write_csv(ties, out / "ties.csv", index=False)
    write_csv(network, out / "network.csv", index=False)
    for name, table in tables.items():
        write_csv(table, out / name)
    print(network.set_index("metric")["value"].head(9).round(4).to_string())
    if args.clusters:
        print(f"{len(clusters.communities)} communities, {len(clusters.roles)} roles:")
        for role in clusters.roles.itertuples():
            print(f"- {role.description} ({role.size} actors)")
    print(f"Wrote {', '.join(written[:-1])} and {written[-1]} to {out}/")
    return 0


def _cmd_map(args: argparse.Namespace) -> int:
    from .maps import network_map
    from .maps.overlays import OVERLAYS

    data = _load(args)
    G = _network(args, data)
    chosen = {o.strip() for o in args.overlays.split(",") if o.strip()}
    if chosen == {"all"}:
        chosen = set(OVERLAYS)
    elif chosen == {"none"}:
        chosen = set()
    unknown = chosen - set(OVERLAYS)
    if unknown:
        raise SysmapError(
            f"--overlays: unknown overlay(s) {sorted(unknown)}; choose from {list(OVERLAYS)}, "
            "'all' or 'none' (comma-separated)."
        )
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
        layout=args.layout,
        seed=args.seed,
        filters=args.filter,
        sample="auto" if args.sample is None else args.sample,
        aggregate=args.aggregate,
        group=args.group,
        max_actors=args.max_actors,
        lang=args.lang,
        **overlays,
    )
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    m.save(out)
    kind = "directed" if G.is_directed() else "undirected"
    print(f"{G.number_of_nodes()} actors, {G.number_of_edges()} ties ({kind}).")
    if m.notice:
        print(m.notice)
    for key, overlay in m.overlays.items():
        print(f"- {key.replace('_', ' ')}: {len(overlay.members)}")
    if args.save_layout:
        m.save_layout(args.save_layout)
        print(f"Wrote the layout to {args.save_layout} (reuse it with --layout).")
    print(f"Wrote {out} ({out.stat().st_size / 1024:,.0f} kB).")
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    data = _load(args)
    return _write_report(
        data,
        args.output,
        group=args.group,
        plan=args.plan,
        affiliations=args.affiliations,
        symmetrize=args.symmetrize,
        lang=args.lang,
        title=args.title,
        seed=args.seed,
    )


def _write_report(data: NetworkData, output: str, **options: object) -> int:
    from .report.gaps import gap_report

    report = gap_report(data, progress=sys.stderr.isatty(), **options)
    out = Path(output)
    tables = report.write(out)
    counts = report.findings.frame["severity"].value_counts()
    kinds = ", ".join(f"{counts[k]} {k}" for k in ("high", "medium", "low", "info") if k in counts)
    print(f"{len(report.findings)} findings ({kinds or 'none'}). Most urgent:")
    for finding in list(report.findings)[:3]:
        print(f"- {finding.statement}")
    print(f"Wrote the report to {out} and its tables (CSV, {out.stem}.xlsx) to {tables}/")
    return 0


def _cmd_compare(args: argparse.Namespace) -> int:
    from .compare import Panel
    from .report.comparison import comparison_report

    actors = args.actors
    if actors and len(actors) not in (1, len(args.waves)):
        raise SysmapError(
            f"--actors: give one member list for all waves or one per wave "
            f"({len(args.waves)}); got {len(actors)}."
        )
    if args.labels and len(args.labels) != len(args.waves):
        raise SysmapError(
            f"--labels: give one label per wave ({len(args.waves)}); got {len(args.labels)}."
        )
    panel = Panel.from_files(
        args.waves,
        actors=None if not actors else actors[0] if len(actors) == 1 else actors,
        aliases=args.aliases,
        labels=args.labels,
        symmetrize=args.symmetrize,
    )
    print(panel.summary().to_string())
    report = comparison_report(
        panel,
        group=args.group,
        restrict=args.restrict,
        n_permutations=args.permutations,
        seed=args.seed,
        n_jobs=args.n_jobs,
        lang=args.lang,
        title=args.title,
        progress=sys.stderr.isatty(),
    )
    out = Path(args.output)
    tables = report.write(out)
    statements = report.comparison.statements
    print()
    for text in statements.loc[statements["topic"] == "tests", "text"].head(6):
        print(f"- {text}")
    print(f"Wrote the comparison to {out} and its tables (CSV, {out.stem}.xlsx) to {tables}/")
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from .datasets import load_sample, sample_path

    folder = sample_path("bildungsallianz")
    print(f"sysmap demo: the bundled sample initiative ({folder}).\n")
    out = Path(args.output)
    ns = argparse.Namespace(
        ties=str(folder / "survey_wave1.csv"),
        actors=str(folder / "members_wave1.csv"),
        aliases=str(folder / "aliases.csv"),
        format=None,
        unknown="keep",
        fuzzy_threshold=None,
        output=str(out / "ingest"),
        show=10,
    )
    code = _cmd_validate(ns)
    if code:
        return code
    print()
    code = _write_report(
        _load(ns),
        str(out / "report.html"),
        group="sector",
        plan=str(folder / "plan.csv"),
        affiliations=load_sample("bildungsallianz", wave=1, kind="partnerships"),
        lang=args.lang,
    )
    print(f"\nOpen {(out / 'report.html').resolve().as_uri()} in a browser.")
    return code


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used to generate the CLI reference in the docs)."""
    parser = argparse.ArgumentParser(
        prog="sysmap",
        description="Stakeholder-network analysis for collective-impact initiatives.",
    )
    parser.add_argument("--version", action="version", version=f"sysmap {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "validate",
        help="check an input file and print the ingest report",
        description="Read TIES (and the member list), check every row, and "
        "report what was read, merged, dropped or is wrong. Exit code 1 when "
        "the input has errors.",
    )
    _add_input_arguments(p)
    p.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        help="write problems.csv, "
        "name_suggestions.csv, actors.csv, ties.csv and ingest_report.txt here",
    )
    p.add_argument(
        "--show", type=int, default=20, metavar="N", help="problems to print (default 20)"
    )
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser(
        "metrics",
        help="compute actor, tie and network measures",
        description="Compute every measure and write OUTDIR/actors.csv (one row per "
        "actor), OUTDIR/ties.csv (one row per tie) and OUTDIR/network.csv (metric, value); "
        "with --clusters also OUTDIR/clusters.csv and OUTDIR/roles.csv.",
    )
    _add_input_arguments(p)
    p.add_argument(
        "--group",
        metavar="COLUMN",
        help="actor attribute for brokerage roles and the E-I index (e.g. sector)",
    )
    _add_network_arguments(p)
    p.add_argument(
        "--sample",
        type=int,
        metavar="K",
        help="estimate betweenness and distance fragmentation from K sampled sources",
    )
    p.add_argument(
        "--clusters",
        action="store_true",
        help="also find communities and roles: adds community, community_stability and "
        "role to actors.csv, and writes clusters.csv (one row per community) and roles.csv",
    )
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument(
        "--n-jobs",
        type=int,
        default=1,
        metavar="N",
        help="processes for betweenness and distance fragmentation (-1 = all CPUs; default 1); "
        "results do not depend on it",
    )
    p.add_argument("-o", "--output", metavar="OUTDIR", required=True, help="output folder")
    p.set_defaults(func=_cmd_metrics)

    p = sub.add_parser(
        "map",
        help="draw an interactive network map (one self-contained HTML file)",
        description="Draw TIES as an interactive map: OUTPUT.html is one self-contained "
        "file (no internet needed, nothing else written); .png, .svg or .pdf writes the "
        "same map as a static figure.",
    )
    _add_input_arguments(p)
    p.add_argument(
        "--color", metavar="COLUMN", help="colour actors by this attribute or by 'community'"
    )
    p.add_argument(
        "--size",
        metavar="METRIC",
        default="degree",
        help="size actors by this metric (degree, betweenness, constraint, ...) or numeric "
        "attribute; 'none' for one size (default: degree)",
    )
    p.add_argument(
        "--label", metavar="COLUMN", default="name", help="attribute shown as label (default: name)"
    )
    p.add_argument("--title", help="title of the map")
    p.add_argument(
        "--filter",
        action="append",
        metavar="COLUMN",
        help="attribute to filter by in the page (repeatable)",
    )
    p.add_argument(
        "--overlays",
        default="all",
        metavar="LIST",
        help="comma-separated coordination-gap overlays: brokers, key_players, isolates, "
        "non_respondents, bridges, local_bridges; 'all' (default) or 'none'",
    )
    p.add_argument("--brokers", type=int, metavar="N", help="mark the N top brokers")
    p.add_argument("--key-players", type=int, metavar="K", help="mark K key players (default 3)")
    p.add_argument(
        "--layout", metavar="FILE", help="reuse positions from a saved layout (e.g. last wave's)"
    )
    p.add_argument("--save-layout", metavar="FILE", help="write the positions as CSV")
    aggregate = p.add_mutually_exclusive_group()
    aggregate.add_argument(
        "--aggregate",
        action="store_true",
        default=None,
        help="draw clusters as nodes (default only above --max-actors actors)",
    )
    aggregate.add_argument(
        "--no-aggregate",
        dest="aggregate",
        action="store_false",
        help="draw every actor, however many",
    )
    p.add_argument(
        "--group",
        metavar="COLUMN",
        help="clusters of the aggregated view (default: consensus communities)",
    )
    p.add_argument(
        "--max-actors",
        type=int,
        default=5000,
        metavar="N",
        help="largest network drawn actor by actor (default 5000)",
    )
    _add_network_arguments(p)
    p.add_argument(
        "--sample",
        type=int,
        metavar="K",
        help="estimate betweenness from K sampled sources (default: exact up to 2,000 "
        "actors, 256 sources above)",
    )
    p.add_argument("--lang", choices=("en", "de"), default="en", help="language (default en)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument(
        "-o", "--output", metavar="OUTPUT", required=True, help="map.html, or .png/.svg/.pdf"
    )
    p.set_defaults(func=_cmd_map)

    p = sub.add_parser(
        "report",
        help="write the coordination-gap report (one self-contained HTML file)",
        description="Analyse TIES and write OUTPUT.html: the findings in plain language "
        "with their evidence, the interactive map with gap overlays, sector mixing, "
        "clusters, top brokers, metric tables, methods and the ingest report. The tables "
        "go to OUTPUT-tables/ as CSV files and one Excel workbook.",
    )
    _add_input_arguments(p)
    p.add_argument(
        "--group",
        metavar="COLUMN",
        default="sector",
        help="actor attribute for sector gaps, mixing and colours (default: sector)",
    )
    p.add_argument(
        "--plan",
        metavar="FILE",
        help="intended collaboration matrix (sector x sector or actor x actor)",
    )
    p.add_argument(
        "--affiliations",
        metavar="FILE",
        help="partnership records (actor, affiliation) for recommended introductions",
    )
    p.add_argument(
        "--symmetrize",
        choices=SYMMETRIZE,
        help="how reported ties become undirected ties (default: respondent_priority for "
        "surveys, union otherwise); findings are re-checked under the other rules",
    )
    p.add_argument("--lang", choices=("en", "de"), default="en", help="report language")
    p.add_argument("--title", help="report title")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument("-o", "--output", metavar="OUTPUT.html", required=True, help="report file")
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser(
        "compare",
        help="compare survey waves: churn, tests, same-layout and difference maps",
        description="Align WAVE1 WAVE2 [WAVE3 ...] through persistent actor ids and the "
        "alias table, and write OUTPUT.html: what changed (ties kept, formed, dissolved; "
        "network measures; roles, clusters), whether it is real (QAP, paired density "
        "bootstrap, E-I permutation test), every wave in one layout and a difference "
        "map, in English or German. Tables go to OUTPUT-tables/ (CSV and Excel).",
    )
    p.add_argument("waves", metavar="WAVE", nargs="+", help="survey file of each wave, in order")
    p.add_argument(
        "--actors",
        metavar="FILE",
        nargs="+",
        help="member list: one for all waves, or one per wave (in the order of the waves)",
    )
    p.add_argument(
        "--aliases",
        metavar="FILE",
        help="alias table (alias, actor[, type]) with renames and mergers between waves",
    )
    p.add_argument("--labels", metavar="LABEL", nargs="+", help="wave labels, e.g. 2024 2025")
    p.add_argument(
        "--group",
        metavar="COLUMN",
        default="sector",
        help="actor attribute for churn by sector and E-I change (default: sector)",
    )
    p.add_argument(
        "--restrict",
        choices=("present", "responded_all"),
        help="compare only actors present (and responding) in all compared waves",
    )
    p.add_argument(
        "--symmetrize",
        choices=SYMMETRIZE,
        default="respondent_priority",
        help="how reported ties become undirected ties, the same in every wave "
        "(default: respondent_priority)",
    )
    p.add_argument(
        "--permutations",
        type=int,
        default=1000,
        metavar="N",
        help="permutations and bootstrap draws per test (default 1000)",
    )
    p.add_argument("--lang", choices=("en", "de"), default="en", help="report language")
    p.add_argument("--title", help="report title")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument(
        "--n-jobs",
        type=int,
        default=1,
        metavar="N",
        help="processes for the tests (-1 = all CPUs); results do not depend on it",
    )
    p.add_argument("-o", "--output", metavar="OUTPUT.html", required=True, help="report file")
    p.set_defaults(func=_cmd_compare)

    p = sub.add_parser(
        "demo",
        help="run sysmap on the bundled sample initiative",
        description="Check the bundled sample survey and write its coordination-gap "
        "report: DIR/ingest/ (ingest report), DIR/report.html and DIR/report-tables/.",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        default="sysmap-demo",
        help="output folder (default: sysmap-demo)",
    )
    p.add_argument("--lang", choices=("en", "de"), default="en", help="report language")
    p.set_defaults(func=_cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``sysmap`` command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except InputError as exc:
        print(f"sysmap: error: {exc}", file=sys.stderr)
        return 1
    except SysmapError as exc:
        print(f"sysmap: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
