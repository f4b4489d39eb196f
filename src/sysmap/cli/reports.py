"""``sysmap report`` (the coordination-gap report), ``sysmap profiles`` (partner
profiles) and ``sysmap compare`` (waves compared).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from .._outputs import output_file, output_folder
from .._progress import show_progress
from ..build.ties import AUTO
from ..exceptions import ParameterError
from ..export import write_csv
from ..i18n import Msg, format_percent, message, render
from ..io.model import NetworkData
from .console import Console, _show_problems
from .reading import (
    _call_reader,
    _errors,
    _group_missing,
    _groups,
    _inputs,
    _named_groups,
    _read_for_analysis,
    _reader_options,
    _say_group_absent,
)


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
    from ..report.gaps import gap_report

    report = gap_report(data, progress=show_progress(), lang=say.lang, **options)
    pages = None
    if profiles is not None:  # the partners' own pages, from the report's results, linked
        from ..report.profiles import partner_profiles

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
    from ..report.profiles import partner_profiles

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
    from ..compare import Panel
    from ..report.comparison import comparison_report

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
