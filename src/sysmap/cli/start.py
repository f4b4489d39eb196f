"""Getting started: ``sysmap survey`` (the partner survey to send), ``sysmap demo``
(everything on the bundled sample) and ``sysmap app`` (the local web app).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .._outputs import input_file, output_file, output_folder
from ..exceptions import ParameterError
from ..i18n import Msg
from ..io.members import read_actors
from .console import SHOWN_GROUPS, Console, _show_problems
from .reading import _errors, _load
from .reports import _report_output, _write_report
from .validate import _cmd_validate


# ----------------------------------------------------------------------------- survey
def _cmd_survey(args: argparse.Namespace, say: Console) -> int:
    from ..instrument import TOOLS, survey_instrument
    from ..io.columns import parse_columns

    inputs = [input_file(args.members, "MEMBERS")]
    if args.items:
        inputs.append(input_file(args.items, "--items"))
    suffix = Path(args.output).suffix.lower()
    tool = args.tool or ("limesurvey" if suffix in TOOLS["limesurvey"] else "excel")
    out = output_file(
        args.output, inputs, "-o", suffixes=TOOLS[tool], example="partner_survey" + TOOLS[tool][0]
    )
    columns: dict[str, str] = {}
    for value in args.columns or ():
        columns.update(parse_columns(value))
    members = read_actors(
        args.members, columns=columns or None, sep=args.sep, sheet=args.sheet, errors=_errors(args)
    )
    _show_problems(members.report, say)
    instrument = survey_instrument(
        members, items=args.items, tool=tool, lang=say.lang, title=args.title
    )
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
    from ..datasets import load_sample, sample_path

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
        from ..app import serve
    except ImportError as exc:
        raise ParameterError(Msg("cli", "app_missing")) from exc
    serve(host=args.host, port=args.port, open_browser=not args.no_browser, lang=say.lang)
    return 0
