"""End to end on real-world exports: the messy two-wave German survey in tests/data/messy_de.

The files are what backbones' tools export (labels instead of codes, Excel's German
CSV, a workbook with a cover sheet, PARTNER-style and German headers) with the data
problems listed in ``planted.csv`` (file, spreadsheet row, column, kind). A
coordinator runs ``validate``, ``report --lang de`` and ``compare --lang de`` and must
get: no stop, every planted problem at its row, nothing English and no Python in the
German console, and a report that calls nobody isolated who named or was named.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from sysmap.cli import main

DATA = Path(__file__).parent / "data" / "messy_de"
PLANTED = pd.read_csv(DATA / "planted.csv", keep_default_na=False)

#: English words that must not appear in German console output (outside file names).
ENGLISH = re.compile(
    r"\b(row|rows|column|columns|Errors?|Wrote|Warnings?|Note|file|the|and|not|read|"
    r"ties|actors|findings|problems|expected|got|value|missing|member list|which|with)\b"
)
#: What a user must never see: tracebacks, warnings, paths of sysmap's modules.
PYTHON = re.compile(r"Traceback|Warning:|warnings\.warn|File \"|sysmap/[\w/]+\.py|\.py:\d+")


def not_german(text: str) -> list[str]:
    """English words and Python artefacts in `text` (file names and options left out)."""
    text = re.sub(r"\S*[/\\]\S*|\S+\.(csv|html|xlsx|txt)\b|--[\w-]+", " ", text)
    text = re.sub(r"'[^']*'", " ", text)  # quoted data: names, values, column headers
    return ENGLISH.findall(text) + PYTHON.findall(text)


def run(args: list[str], capsys) -> tuple[int, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def planted_rows(problems: pd.DataFrame, file: str) -> set[tuple[int, str]]:
    """(row, kind) of every planted problem of `file` that problems.csv reports at its row."""
    found = set()
    for p in PLANTED.loc[PLANTED["file"] == file].itertuples():
        at_row = problems.loc[(problems["source"] == file) & (problems["row"] == p.row)]
        if p.column:
            at_row = at_row.loc[at_row["column"].isin([p.column, "Organisation"])]
        if len(at_row):
            found.add((p.row, p.kind))
    return found


@pytest.fixture(scope="module")
def wave1(tmp_path_factory):
    return tmp_path_factory.mktemp("messy")


def test_validate_reports_every_planted_problem_at_its_row(wave1, capsys):
    code, out = run(
        ["validate", str(DATA / "befragung_welle1.csv"), "--actors",
         str(DATA / "mitglieder_welle1.csv"), "--lang", "de", "-o", str(wave1 / "v")],
        capsys,
    )
    assert code == 0, out
    assert not_german(out) == []
    problems = pd.read_csv(wave1 / "v" / "problems.csv", encoding="utf-8-sig")
    survey = PLANTED.loc[PLANTED["file"] == "befragung_welle1.csv"]
    expected = {(p.row, p.kind) for p in survey.itertuples() if p.kind != "misspelled"}
    assert planted_rows(problems, "befragung_welle1.csv") >= expected
    # the misspelled member is suggested, not merged
    suggestions = pd.read_csv(wave1 / "v" / "name_suggestions.csv", encoding="utf-8-sig")
    misspelled = survey.loc[survey["kind"] == "misspelled", "value"].iloc[0]
    assert misspelled in set(suggestions["name"])
    # the member with an empty sector cell is named, with its group
    assert "unbekannt" in out and "nicht auf der Mitgliederliste" in out


def test_german_report_runs_and_calls_nobody_isolated_who_has_a_tie(wave1, capsys):
    out_file = wave1 / "bericht.html"
    code, out = run(
        ["report", str(DATA / "befragung_welle1.csv"), "--actors",
         str(DATA / "mitglieder_welle1.csv"), "--lang", "de", "-o", str(out_file)],
        capsys,
    )
    assert code == 0, out
    assert not_german(out) == []
    actors = pd.read_csv(wave1 / "bericht-tables" / "actors.csv", encoding="utf-8-sig")
    survey = pd.read_csv(DATA / "befragung_welle1.csv", encoding="utf-8-sig")
    named = set(survey["Organisation"]) | set(survey["Partner"].dropna())
    degree = actors.set_index("name")["degree"]
    # reconstruction: every organization that named a partner or was named has a tie
    # (the self-nomination and the blank partner are the only rows without one)
    with_rows = {n for n in named if n in degree.index}
    assert len(with_rows) > 35
    assert (degree[sorted(with_rows)] > 0).all(), degree[sorted(with_rows)].loc[lambda d: d == 0]
    # the headline tie count is the network the findings use
    network = pd.read_csv(wave1 / "bericht-tables" / "network.csv", encoding="utf-8-sig")
    ties = network.set_index("metric").loc["n_ties", "value"]
    html = out_file.read_text(encoding="utf-8")
    assert f"<b>{int(float(ties))}</b>" in html


@pytest.mark.parametrize("wave2", ["befragung_welle2.xlsx", "befragung_welle2.csv"])
def test_german_comparison_runs_on_workbook_and_excel_csv(wave1, capsys, wave2):
    out_file = wave1 / f"vergleich-{Path(wave2).suffix[1:]}.html"
    code, out = run(
        ["compare", str(DATA / "befragung_welle1.csv"), str(DATA / wave2),
         "--actors", str(DATA / "mitglieder_welle1.csv"), str(DATA / "mitglieder_welle2.csv"),
         "--aliases", str(DATA / "aliases.csv"), "--labels", "2024", "2025",
         "--lang", "de", "--permutations", "100", "-o", str(out_file)],
        capsys,
    )
    assert code == 0, out
    assert not_german(out) == []
    problems = pd.read_csv(out_file.parent / f"{out_file.stem}-tables" / "problems.csv",
                           encoding="utf-8-sig")
    expected = {(p.row, p.kind) for p in PLANTED.loc[PLANTED["file"] == wave2].itertuples()
                if p.kind != "misspelled"}
    assert planted_rows(problems, wave2) >= expected
