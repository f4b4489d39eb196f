"""What each step of the app does, as plain functions over the library (no Shiny here).

The app (:mod:`sysmap.app.workflow`) runs these in a thread and shows what
they return. Each one calls the library the way the command line does
(:mod:`sysmap.cli`): the same readers with the same options, the same report,
comparison and survey functions. The fixes a coordinator makes in the page
are written as the files the command line reads: the answer-label mapping
(``--scales``), the alias table (``--aliases``), and the member list of the
next wave (``--actors``) with the sectors given to organizations that were
not on it. The readers' data-quality warnings are left to the caller: the app's
process ignores them (:func:`sysmap.app.serve.serve`), the check step shows the
problems grouped.
"""

from __future__ import annotations

import csv
import dataclasses
import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..build.ties import default_rule, rule_counts
from ..exceptions import InputError, SysmapError
from ..export import write_csv
from ..i18n import message, render
from ..io.columns import COLUMN_NAMES, find_columns, fold
from ..io.detect import read
from ..io.members import read_actors
from ..io.model import NOT_ON_ROSTER, MemberList, NetworkData
from ..io.report import IngestReport
from ..io.scales import ANSWER_SCALES, ITEM_SCALES, read_scales
from ..io.tables import read_table

__all__ = [
    "Inputs",
    "Output",
    "Reading",
    "alias_rows",
    "answer_choices",
    "compare_waves",
    "failure_text",
    "make_report",
    "make_survey",
    "outsiders",
    "read_inputs",
    "rule_text",
    "unknown_labels",
    "with_sectors",
    "write_aliases",
    "write_label_mapping",
    "write_next_members",
]

#: The fix files, as the command line takes them.
LABELS_FILE = "answer_labels.csv"  # --scales
ALIASES_FILE = "aliases.csv"  # --aliases
MEMBERS_FILE = "members_next_wave.csv"  # --actors
#: Value of an answer label read as "not answered" (a blank value in the scales file).
NOT_ANSWERED = "na"


@dataclass
class Inputs:
    """The files of one wave, as uploaded (paths in the session's folder)."""

    survey: Path | None = None
    members: Path | None = None
    aliases: Path | None = None
    scales: Path | None = None
    partnerships: Path | None = None
    plan: Path | None = None


@dataclass
class Reading:
    """What reading the files gave: the data, or a message saying why not."""

    data: NetworkData | None = None
    members: MemberList | None = None
    error: list[str] = field(default_factory=list)
    rules: dict[str, int] = field(default_factory=dict)
    rule: str | None = None


def failure_text(exc: BaseException, lang: str) -> list[str]:
    """A failed step as lines for a person (as the command line says it, no traceback)."""
    report = getattr(exc, "report", None)
    if isinstance(exc, InputError) and report is not None and report.errors:
        groups = report.groups(lang)
        return [str(m) for m in groups.loc[groups["severity"] == "error", "message"]]
    if isinstance(exc, SysmapError):
        return [render(exc.args[0] if exc.args else exc, lang)]
    if isinstance(exc, (OSError, UnicodeError, csv.Error, pd.errors.ParserError)):
        return [message("cli", "unreadable_table", lang, detail=str(exc)[:200])]
    return [message("cli", "internal_error", lang, kind=type(exc).__name__,
                    detail=str(exc)[:200])]  # fmt: skip


def read_inputs(files: Inputs, lang: str) -> Reading:
    """Read the member list and the survey export as ``sysmap validate`` does
    (``errors="repair"``: problems are repaired and reported, not raised)."""
    try:
        members = None
        if files.members is not None:
            members = read_actors(files.members, aliases=files.aliases, errors="repair")
        data = read(files.survey, actors=members, errors="repair", scales=files.scales)
    except Exception as exc:  # every failure becomes a message in the page
        return Reading(error=failure_text(exc, lang))
    rule = default_rule(data, undirected=True) if data.directed else None
    return Reading(data=data, members=members, rules=rule_counts(data), rule=rule)


# ----------------------------------------------------------------------------- label mapping
def unknown_labels(report: IngestReport) -> list[tuple[str, str]]:
    """The distinct ``(column, answer)`` pairs the readers did not know, in reading order."""
    problems = report.problems
    unknown = problems.loc[problems["check"] == "unknown_label", ["column", "value"]]
    return list(dict.fromkeys((str(c), str(v)) for c, v in unknown.itertuples(index=False)))


def answer_choices(column: str, lang: str) -> dict[str, str]:
    """The answers a label of `column` can be mapped to: "not answered" and the
    points of the column's answer scale (:data:`~sysmap.io.scales.ITEM_SCALES`),
    or the codes 0-5 when the column is not a known item."""
    choices = {"": message("app", "choose", lang),
               NOT_ANSWERED: message("app", "not_answered", lang)}  # fmt: skip
    item = next((role for role, names in COLUMN_NAMES.items()
                 if role in ITEM_SCALES and fold(column) in map(fold, names)), None)  # fmt: skip
    scales = ITEM_SCALES.get(item) if item else None
    if not scales:
        return choices | {str(code): str(code) for code in range(6)}
    scale = ANSWER_SCALES[scales[0]]
    for i, (code, labels) in enumerate(scale.points):
        name = scale.de[i] if lang == "de" and scale.de else labels[0]
        text = f"{code:g}".replace(".", "," if lang == "de" else ".")
        choices[f"{code:g}"] = f"{text} – {name}"
    return choices


def write_label_mapping(
    folder: Path, chosen: dict[tuple[str, str], str], earlier: Path | None
) -> Path:
    """Write the answer-label mapping (``column,label,value``) the command line reads
    with ``--scales``: the rows of an earlier mapping file, then the labels mapped here."""
    rows = []
    if earlier is not None:
        mapping = read_scales(earlier, errors="collect")
        for column, labels in (mapping.labels if mapping else {}).items():
            rows += [(column, label, "" if math.isnan(v) else f"{v:g}")
                     for label, v in labels.items()]  # fmt: skip
    for (column, label), value in chosen.items():
        rows.append((column, label, "" if value == NOT_ANSWERED else value))
    path = folder / LABELS_FILE
    write_csv(pd.DataFrame(rows, columns=["column", "label", "value"]), path, index=False)
    return path


# ----------------------------------------------------------------------------- aliases
def alias_rows(path: Path | None) -> pd.DataFrame:
    """The ``alias, actor`` rows of an alias table file (empty if none or unreadable)."""
    empty = pd.DataFrame(columns=["alias", "actor"])
    if path is None:
        return empty
    report = IngestReport(strict=False)
    table = read_table(path, report, source=path.name)
    if table is None:
        return empty
    found = find_columns(table, {"alias": "alias", "actor": "actor"}, report, path.name,
                         required=["alias", "actor"], table="aliases")  # fmt: skip
    if len(found) < 2:
        return empty
    return table[[found["alias"], found["actor"]]].set_axis(["alias", "actor"], axis=1)


def write_aliases(folder: Path, accepted: dict[str, str], earlier: Path | None) -> Path:
    """Write the alias table (``alias,actor``) the command line reads with ``--aliases``:
    the rows of the uploaded alias table, then each accepted name suggestion."""
    added = pd.DataFrame(list(accepted.items()), columns=["alias", "actor"])
    table = pd.concat([alias_rows(earlier), added], ignore_index=True).drop_duplicates()
    path = folder / ALIASES_FILE
    write_csv(table, path, index=False)
    return path


# ----------------------------------------------------------------------------- sectors
def outsiders(data: NetworkData) -> list[tuple[str, str]]:
    """``(actor, name)`` of the organizations named in the survey but not on the member list."""
    actors = data.actors
    if "status" not in actors:
        return []
    out = actors.loc[actors["status"] == NOT_ON_ROSTER, "name"]
    return [(str(a), str(n)) for a, n in out.items()]


def with_sectors(data: NetworkData, sectors: dict[str, str]) -> NetworkData:
    """`data` with the sectors given to organizations not on the member list."""
    given = {a: s for a, s in sectors.items() if s and a in data.actors.index}
    if not given or "sector" not in data.actors:
        return data
    actors = data.actors.copy()
    for actor, sector in given.items():
        actors.loc[actor, "sector"] = sector
    return dataclasses.replace(data, actors=actors)


def write_next_members(folder: Path, members: MemberList, data: NetworkData) -> Path:
    """The member list for the next wave (``--actors``): this wave's members, then
    the organizations not on it with the sectors given here (their name as id)."""
    table = members.actors.drop(columns=["responded"], errors="ignore").copy()
    table["aliases"] = table["aliases"].map("|".join)
    extra = data.actors.loc[[a for a, _ in outsiders(data)]]
    extra = extra.reindex(columns=table.columns)
    extra["aliases"] = ""
    path = folder / MEMBERS_FILE
    write_csv(pd.concat([table, extra]), path)
    return path


# ----------------------------------------------------------------------------- outputs
@dataclass
class Output:
    """A report written into the session's folder."""

    html: str = ""
    files: dict[str, Path] = field(default_factory=dict)
    points: list[str] = field(default_factory=list)
    error: list[str] = field(default_factory=list)


def make_report(
    data: NetworkData, files: Inputs, folder: Path, *, rule: str | None, lang: str
) -> Output:
    """``sysmap report --profiles``: the gap report, its workbook and the partner
    profiles, written into `folder`."""
    from ..report.gaps import gap_report
    from ..report.profiles import partner_profiles

    try:
        report = gap_report(data, plan=files.plan, affiliations=files.partnerships,
                            symmetrize=rule or "auto", lang=lang, progress=False)  # fmt: skip
        pages = partner_profiles(data, report=report, seed=0)
        pages.add_section(report.page, "report-profiles.html")
        tables = report.write(folder / "report.html")
        pages.save(folder / "report-profiles.html")
    except Exception as exc:
        return Output(error=failure_text(exc, lang))
    points = [render(card.statement, lang) for card in report.findings.key_points()[:5]]
    written = {"html": folder / "report.html", "xlsx": tables / "report.xlsx",
               "profiles": folder / "report-profiles.html"}  # fmt: skip
    return Output(html=report.html, files=written, points=points)


def compare_waves(
    waves: list[tuple[str, Path, Path | None]], aliases: Path | None, folder: Path, *, lang: str
) -> Output:
    """``sysmap compare``: the waves in order, each with its member list (else the last one's)."""
    from ..compare import Panel
    from ..report.comparison import comparison_report

    fallback = next((m for _, _, m in reversed(waves) if m is not None), None)
    actors = [m or fallback for _, _, m in waves] if fallback is not None else None
    try:
        panel = Panel.from_files([s for _, s, _ in waves], actors=actors, aliases=aliases,
                                 labels=[label for label, _, _ in waves])  # fmt: skip
        report = comparison_report(panel, lang=lang, progress=False)
        tables = report.write(folder / "comparison.html")
    except Exception as exc:
        return Output(error=failure_text(exc, lang))
    statements = report.comparison.statements
    points = [render(t, lang) for t in statements.loc[statements["topic"] == "tests", "text"][:5]]
    written = {"html": folder / "comparison.html", "xlsx": tables / "comparison.xlsx"}
    return Output(html=report.html, files=written, points=points)


def make_survey(members: Path, folder: Path, *, tool: str, lang: str) -> Output:
    """``sysmap survey``: the instrument for the next wave from the member list."""
    from ..instrument import TOOLS, survey_instrument

    try:
        instrument = survey_instrument(read_actors(members), tool=tool, lang=lang)
        path = folder / f"partner_survey{TOOLS[tool][0]}"
        instrument.save(path)
    except Exception as exc:
        return Output(error=failure_text(exc, lang))
    text = message("cli", "survey_wrote", lang, path=path.name,
                   tool=message("cli", f"survey_tool_{tool}", lang),
                   members=message("cli", "members_count", lang, n=len(instrument.members)),
                   sectors=message("cli", "sectors", lang, n=len(instrument.sectors)),
                   items=len(instrument.items),
                   names=", ".join(item.name for item in instrument.items))  # fmt: skip
    next_step = message("cli", f"survey_next_{tool}", lang)
    return Output(files={"survey": path}, points=[text, next_step])


def rule_text(rule: str, n: int, lang: str) -> str:
    """One sentence on a tie rule and the ties it keeps."""
    ties = message("common", "ties", lang, n=n)
    return message("app", f"rule_{rule}", lang, ties=ties)

