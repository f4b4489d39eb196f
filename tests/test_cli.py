"""The command line: validate and demo, exit codes, messages."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd

from sysmap.cli import main


def test_validate_clean_file(survey_csv, members_csv, tmp_path, capsys):
    code = main(["validate", str(survey_csv), "--actors", str(members_csv), "-o", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0
    assert "Ties kept: 5." in out and "Response rate: 3 of 4 (75%, directional)." in out
    problems = pd.read_csv(tmp_path / "problems.csv", encoding="utf-8-sig")
    assert set(problems["check"]) == {"name_alias", "name_normalized"}
    assert (tmp_path / "ingest_report.txt").read_text(encoding="utf-8").startswith("Read 5 rows")


def test_validate_reports_errors_and_exit_code(write, capsys):
    path = write("bad.csv", "respondent,partner,intensity\nA,B,9\nA,,2\n")
    code = main(["validate", str(path)])
    out = capsys.readouterr().out
    assert code == 1
    assert "Errors: 2." in out
    assert "'bad.csv' row 2, column 'intensity'" in out and "'bad.csv' row 3, column 'partner'" in out


def test_schema_error_is_reported(write, capsys):
    path = write("bad.csv", "org,partner\nA,B\n")
    assert main(["validate", str(path), "--format", "survey"]) == 1
    assert "has no column 'respondent'" in capsys.readouterr().out


def test_demo_writes_files(tmp_path, capsys):
    assert main(["demo", "-o", str(tmp_path / "demo")]) == 0
    out = capsys.readouterr().out
    assert "Response rate: 85 of 100 (85%, high)." in out
    assert (tmp_path / "demo" / "ingest" / "ingest_report.txt").is_file()
    assert (tmp_path / "demo" / "report.html").is_file()
    assert (tmp_path / "demo" / "report-tables" / "report.xlsx").is_file()
    assert "Open file://" in out


def test_python_dash_m(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "sysmap", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("sysmap ")
