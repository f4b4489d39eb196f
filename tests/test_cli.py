"""The command line: messages in the user's language, grouped problems, exit codes,
--strict, and output paths checked before any work starts."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pandas as pd
import pytest

import sysmap.cli
from sysmap.cli import main
from sysmap.datasets import sample_path
from sysmap.io.report import IngestReport

SAMPLE = sample_path("bildungsallianz")

#: English words that must not appear in German console output (outside file names).
ENGLISH = re.compile(
    r"\b(row|rows|column|columns|Errors?|Wrote|Warnings?|Note|file|the|and|not|read|"
    r"ties|actors|findings|problems|expected|got|value|missing|member list|which|with)\b"
)
#: Things a user must never see: tracebacks, warnings, paths of sysmap's modules.
PYTHON = re.compile(r"Traceback|Warning:|warnings\.warn|File \"|sysmap/[\w/]+\.py|\.py:\d+")

MEMBERS = (
    "actor,name,sector,responded\n"
    "A1,Stadt Rheinstadt,Kommune,ja\n"
    "A2,Straßenkinder e.V.,Zivilgesellschaft,ja\n"
    "A3,Grundschule Am Mühlbach,Schule,nein\n"
    "A4,Bürgerstiftung Rheinstadt,Stiftung,ja\n"
)
# Row 3: an intensity of 9 (scale 1-4); row 4: a blank partner; row 5: a partner not on
# the member list; row 6: a self-nomination. All four are repairable.
SURVEY = (
    "respondent,partner,intensity\n"
    "Stadt Rheinstadt,Straßenkinder e.V.,3\n"
    "Stadt Rheinstadt,Grundschule Am Mühlbach,9\n"
    "Straßenkinder e.V.,,2\n"
    "Bürgerstiftung Rheinstadt,Kita Sonnenschein,2\n"
    "Bürgerstiftung Rheinstadt,Bürgerstiftung Rheinstadt,1\n"
    "Bürgerstiftung Rheinstadt,Stadt Rheinstadt,2\n"
)


def german_problems(text: str) -> list[str]:
    """English words and Python artefacts in `text`, file names and options left out."""
    text = re.sub(r"\S*[/\\]\S*|\S+\.(csv|html|xlsx|txt)\b|--[\w-]+", " ", text)
    return ENGLISH.findall(text) + PYTHON.findall(text)


@pytest.fixture
def survey(write):
    return write("befragung.csv", SURVEY), write("mitglieder.csv", MEMBERS)


# ----------------------------------------------------------------------------- validate
def test_validate_clean_file(survey_csv, members_csv, tmp_path, capsys):
    out = tmp_path / "checked"
    code = main(["validate", str(survey_csv), "--actors", str(members_csv), "-o", str(out)])
    text = capsys.readouterr().out
    assert code == 0
    assert "Ties kept: 5." in text and "Response rate: 3 of 4 (75%, directional)." in text
    assert "The input is ready" in text
    problems = pd.read_csv(out / "problems.csv", encoding="utf-8-sig")
    assert set(problems["check"]) == {"name_alias", "name_normalized"}
    assert (out / "ingest_report.txt").read_text(encoding="utf-8").startswith("Read 5 rows")


def test_validate_repairs_and_groups(survey, tmp_path, capsys):
    ties, members = survey
    code = main(["validate", str(ties), "--actors", str(members), "-o", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert code == 0  # every problem is repairable: the report would run
    # the four problems of SURVEY, each a group of one with its file, row and column
    assert "Errors: 0. Warnings: 4." in out
    assert "Problems in the input (errors: 0, warnings: 4), grouped by kind and column (4):" in out
    assert "- 'befragung.csv' row 3, column 'intensity': expected a number in [1, 4]" in out
    assert "- 'befragung.csv' row 4, column 'partner'" in out
    assert "'Kita Sonnenschein' is not in the member list" in out
    assert "repairs the problems above" in out
    problems = pd.read_csv(tmp_path / "out" / "problems.csv", encoding="utf-8-sig")
    assert (problems["severity"] == "warning").sum() == 4


def test_validate_strict_fails_on_repairable_problems(survey, capsys):
    ties, members = survey
    assert main(["validate", str(ties), "--actors", str(members), "--strict"]) == 1
    out = capsys.readouterr().out
    assert "'befragung.csv' row 3, column 'intensity'" in out
    assert "--strict: the input has problems" in out


def test_schema_error_is_reported(write, capsys):
    path = write("bad.csv", "von,partner\nA,B\n")
    assert main(["validate", str(path), "--format", "survey"]) == 1
    out = capsys.readouterr().out
    assert "has no column 'respondent'" in out and "cannot be analysed yet" in out


def test_validate_runs_the_reports_checks(survey, write, capsys):
    ties, members = survey
    plan = write("plan.csv", "sector,Kommune,Schule\nKommune,0,1\nSchule,1,0\n")
    bad_plan = write("plan2.csv", "sector,Kommune\nKommune,viel\n")
    assert main(["validate", str(ties), "--actors", str(members), "--plan", str(plan)]) == 0
    out = capsys.readouterr().out
    # 5 actors: the 4 members and 'Kita Sonnenschein' (named, not on the member list)
    assert "What the report would analyse: 5 actors" in out
    assert f"Plan '{plan}': 2 rows read." in out  # the rows Kommune and Schule
    assert "without a value of 'sector': 1. They are shown as the group 'not on the" in out
    assert main(["validate", str(ties), "--actors", str(members), "--plan", str(bad_plan)]) == 1
    assert "'viel'" in capsys.readouterr().err
    assert main(["validate", str(ties), "--group", "region"]) == 0
    assert "No actor has a value of 'region'" in capsys.readouterr().out


def test_two_hundred_bad_cells_are_grouped(write, tmp_path, capsys):
    # 200 bad cells: 8 item columns x 25 rows, each cell a different label
    items = ["intensity", "frequency", "reliability", "mission_alignment", "openness",
             "power_influence", "involvement", "resource_contribution"]  # fmt: skip
    lines = ["respondent,partner," + ",".join(items)]
    for i in range(25):
        lines.append(f"Org {i},Org {i + 1}," + ",".join(f"label {i}-{k}" for k in range(8)))
    path = write("survey.csv", "\n".join(lines) + "\n")
    assert main(["validate", str(path), "-o", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    block = out[out.index("Problems in the input") : out.index("Every problem")]
    assert len(block.strip().splitlines()) <= 20
    assert "Warnings: 200." in out
    assert "(errors: 0, warnings: 200), grouped by kind and column (8)" in out
    assert "- 'survey.csv' column 'intensity', 25 times (rows 2, 3, 4, 5, 6, …; values" in out
    problems = pd.read_csv(tmp_path / "out" / "problems.csv", encoding="utf-8-sig")
    assert len(problems) == 200 and problems["row"].between(2, 26).all()


def test_more_groups_than_shown(write, capsys):
    # 15 columns with one bad value each in 3 rows: 15 groups of 3; 10 shown
    items = ["intensity", "frequency"] + [f"q{k}" for k in range(13)]
    body = [f"A,B{i}," + ",".join(["x"] * 2 + ["x"] * 13) for i in range(3)]
    scales = ",".join(items)
    path = write("survey.csv", f"respondent,partner,{scales}\n" + "\n".join(body) + "\n")
    assert main(["validate", str(path), "--show", "4"]) == 0
    out = capsys.readouterr().out
    # only intensity and frequency are items sysmap checks: 2 groups of 3 warnings
    assert "(errors: 0, warnings: 6), grouped by kind and column (2)" in out
    assert main(["validate", str(path), "--show", "1"]) == 0
    out = capsys.readouterr().out
    assert "… and 1 more (problems in them: 3)." in out
    assert "problems.csv with -o FOLDER" in out


def test_a_huge_cell_is_cut(write, capsys):
    path = write("survey.csv", "respondent,partner,intensity\nA,B," + "x" * 10_000 + "\n")
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) < 1000  # values cut to 80 characters
    assert "x" * 79 + "…" in out and "x" * 81 not in out


def test_groups_of_an_ingest_report():
    report = IngestReport(sources=["s.csv"])
    # three scale problems in 'intensity' (rows 4, 2, 3) and one blank partner (row 5)
    for row, value in ((4, "x"), (2, "y"), (3, "x")):
        report.add("s.csv", row, "intensity", value, "scale", "scale_integer", repair=True,
                   range="", item="intensity", value=value)  # fmt: skip
    report.add("s.csv", 5, "partner", "", "blank_partner", severity="error", action="dropped")
    groups = report.groups("de", rows=2, values=1)
    assert groups["check"].tolist() == ["blank_partner", "scale"]  # errors first
    assert groups["count"].tolist() == [1, 3] and groups["count"].sum() == len(report.problems)
    scale = groups.iloc[1]
    assert scale["rows"] == [2, 3] and scale["n_rows"] == 3  # the first two of three
    assert scale["values"] == ["x"] and scale["n_values"] == 2  # 'x' twice, 'y' once
    assert scale["message"].startswith("erwartet wurde eine ganze Zahl")  # no location
    report.add("s.csv", None, None, None, "no_data_rows", severity="error")
    assert report.groups().iloc[0]["column"] is None  # a file-level problem has no column


# ----------------------------------------------------------------------------- reading
def test_excel_german_csv_with_sep(write, capsys):
    # semicolons, cp1252, a quoted name with commas in the first data row
    text = (
        "respondent;partner;intensity\n"
        '"Müller, Schmidt & Co. KG";Stadt Rheinstadt;3\n'
        'Stadt Rheinstadt;"Müller, Schmidt & Co. KG";2\n'
    )
    path = write("excel.csv", text, encoding="cp1252")
    assert main(["validate", str(path), "--sep", ";"]) == 0
    out = capsys.readouterr().out
    assert "Ties kept: 2." in out and "Warnings: 0." in out
    assert main(["validate", str(path), "--sep", "xy"]) == 2
    err = capsys.readouterr().err
    assert "xy" in err and not PYTHON.findall(err)


def test_answer_labels_and_scales_file(write, tmp_path, capsys):
    path = write("survey.csv", "respondent,partner,frequency\nA,B,ab und zu\nB,A,monatlich\n")
    assert main(["validate", str(path)]) == 0  # 'ab und zu' is no built-in label
    assert "Warnings: 1." in capsys.readouterr().out
    scales = write("labels.csv", "column,label,value\nfrequency,ab und zu,2\n")
    args = ["validate", str(path), "--scales", str(scales), "-o", str(tmp_path / "out")]
    assert main(args) == 0
    assert "Warnings: 0." in capsys.readouterr().out
    ties = pd.read_csv(tmp_path / "out" / "ties.csv", encoding="utf-8-sig")
    assert ties.set_index("source").loc["A", "frequency"] == 2  # from labels.csv


def test_columns_option(write, capsys):
    path = write("survey.csv", "Einrichtung,Partnerin,Stufe\nA,B,3\nB,C,2\n")
    args = ["--columns", "respondent=Einrichtung,partner=Partnerin", "--columns", "intensity=Stufe"]
    assert main(["validate", str(path), "--format", "survey", *args]) == 0
    assert "Ties kept: 2." in capsys.readouterr().out


def test_survey_wide_from_the_command_line(capsys):
    wide = SAMPLE / "survey_wave1_wide.csv"
    cells = pd.read_csv(wide, dtype=str, keep_default_na=False).filter(like="Q5_")
    named = int(((cells != "") & (cells != "0")).to_numpy().sum())  # one tie per named partner
    for args in (["--format", "survey_wide"], ["--questions", "intensity=Q5_{partner}"]):
        assert main(["validate", str(wide), *args]) == 0
        assert f"Ties kept: {named}." in capsys.readouterr().out


def test_an_option_the_format_does_not_take(tmp_path, capsys):
    import networkx as nx

    path = tmp_path / "g.graphml"
    nx.write_graphml(nx.path_graph(3), path)
    assert main(["validate", str(path), "--columns", "source=von"]) == 2
    assert "--columns does not apply to this kind of file" in capsys.readouterr().err


def test_compare_strict_and_problems(survey, tmp_path, capsys):
    ties, members = survey
    args = ["compare", str(ties), str(ties), "--actors", str(members), "--labels", "a", "b",
            "--permutations", "20", "-o", str(tmp_path / "c.html")]  # fmt: skip
    assert main([*args, "--strict"]) == 1
    assert "--strict: the input has problems" in capsys.readouterr().err
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Wave a:" in out and "Wave b:" in out
    problems = pd.read_csv(tmp_path / "c-tables" / "problems.csv", encoding="utf-8-sig")
    warned = problems.loc[problems["severity"] == "warning", "wave"].value_counts()
    assert warned.to_dict() == {"a": 4, "b": 4}  # SURVEY's four problems, in each wave


# ----------------------------------------------------------------------------- language
def test_german_console_has_no_english(survey, tmp_path, capsys):
    ties, members = survey
    args = [str(ties), "--actors", str(members), "--lang", "de"]
    assert main(["validate", *args, "-o", str(tmp_path / "geprüft")]) == 0
    assert main(["report", *args, "-o", str(tmp_path / "bericht.html")]) == 0
    assert main(["metrics", *args, "--clusters", "-o", str(tmp_path / "kennzahlen")]) == 0
    assert main(["map", *args, "-o", str(tmp_path / "karte.html")]) == 0
    assert main(["validate", *args, "--strict"]) == 1
    assert main(["report", *args, "--seed", "-1", "-o", str(tmp_path / "x.html")]) == 2
    assert main(["report", str(tmp_path / "fehlt.csv"), "--lang", "de", "-o", "x.html"]) == 1
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert "Probleme in der Eingabe (Fehler: 0, Warnungen: 4)" in text
    assert "Bericht gespeichert in" in text and "Befunde: " in text
    assert german_problems(text) == []
    assert (tmp_path / "kennzahlen" / "problems.csv").is_file()
    assert (tmp_path / "bericht-tables" / "problems.csv").is_file()


def test_sysmap_lang_is_the_default(survey, monkeypatch, capsys):
    ties, members = survey
    monkeypatch.setenv("SYSMAP_LANG", "de_DE.UTF-8")
    assert main(["validate", str(ties), "--actors", str(members)]) == 0
    assert "Übernommene Beziehungen" in capsys.readouterr().out
    assert main(["validate", str(ties), "--actors", str(members), "--lang", "en"]) == 0
    assert "Ties kept" in capsys.readouterr().out
    monkeypatch.setenv("SYSMAP_LANG", "fr")  # not spoken: English
    assert main(["validate", str(ties)]) == 0
    assert "Ties kept" in capsys.readouterr().out


def test_usage_errors_in_german(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["report", "x.csv", "--lang", "de"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "es fehlt: -o/--output" in err and "sysmap report --help" in err
    with pytest.raises(SystemExit) as exc:
        main(["report", "--help", "--lang", "de"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("Aufruf: sysmap report") and "Einlesen der Dateien" in out
    assert not re.findall(r"\b(the|show|file|default)\b", out)


def test_every_command_takes_lang_and_debug():
    parser = sysmap.cli.build_parser()
    commands = parser._subparsers._group_actions[0].choices
    for name, command in commands.items():
        options = {o for action in command._actions for o in action.option_strings}
        assert {"--lang", "--debug"} <= options, name
        if name in ("demo", "app"):  # they read no table named on the command line
            continue
        # every command that reads a table reads it the same way
        assert {"--strict", "--sep", "--sheet", "--columns"} <= options, name
        if name != "survey":  # survey reads a member list: no answer labels
            assert "--scales" in options, name


# ----------------------------------------------------------------------------- errors
def test_no_traceback_and_debug_shows_it(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "missing.csv")]) == 1
    err = capsys.readouterr().err
    assert "TIES" in err and "file not found" in err and not PYTHON.findall(err)
    assert main(["validate", str(tmp_path / "missing.csv"), "--debug"]) == 1
    assert "Traceback" in capsys.readouterr().err


def test_structural_errors_stop_the_analysis(write, tmp_path, capsys):
    path = write("ties.csv", "respondent,partner\n")  # no data rows
    assert main(["report", str(path), "-o", str(tmp_path / "r.html")]) == 1
    err = capsys.readouterr().err
    assert "no data rows" in err and not PYTHON.findall(err)
    assert not (tmp_path / "r.html").exists()


def test_strict_stops_report_repair_goes_on(survey, tmp_path, capsys):
    ties, members = survey
    args = ["report", str(ties), "--actors", str(members)]
    assert main([*args, "--strict", "-o", str(tmp_path / "a.html")]) == 1
    captured = capsys.readouterr()
    # with --strict the scale value and the blank partner are errors (the unknown partner
    # and the self-nomination stay warnings: dropping or keeping them loses no answer)
    assert "--strict: the input has problems (listed above; errors: 2)" in captured.err
    assert "row 3, column 'intensity'" in captured.out
    assert not (tmp_path / "a.html").exists()
    assert main([*args, "-o", str(tmp_path / "b.html")]) == 0  # repaired, reported, written
    out = capsys.readouterr().out
    assert "(errors: 0, warnings: 4)" in out and (tmp_path / "b.html").is_file()
    problems = pd.read_csv(tmp_path / "b-tables" / "problems.csv", encoding="utf-8-sig")
    assert (problems["severity"] == "warning").sum() == 4


# ----------------------------------------------------------------------------- outputs
@pytest.fixture
def no_reading(monkeypatch):
    """Fail if a command reads its input: output checks must come first."""

    def refuse(*args, **kwargs):
        raise AssertionError("the input was read before the output paths were checked")

    monkeypatch.setattr(sysmap.cli.reading, "read", refuse)


def _refused(args: list[str], capsys, *expected: str, code: int = 2) -> str:
    assert main(args) == code
    err = capsys.readouterr().err
    for text in expected:
        assert text in err, err
    assert len(err.strip().splitlines()) == 1 and not PYTHON.findall(err)
    return err


def test_outputs_never_overwrite_inputs(survey, tmp_path, no_reading, capsys):
    ties, members = survey
    before = {p: p.read_bytes() for p in (ties, members)}
    base = ["map", str(ties), "--actors", str(members), "-o", str(tmp_path / "m.html")]
    _refused([*base, "--save-layout", str(members)], capsys, "is the input file")
    link = tmp_path / "link.csv"
    link.symlink_to(members)
    _refused([*base, "--save-layout", str(link)], capsys, "is a link to the input file")
    # validate/metrics -o . next to an actors.csv they read
    actors = tmp_path / "actors.csv"
    actors.write_text(MEMBERS, encoding="utf-8")
    before[actors] = actors.read_bytes()
    for command in ("validate", "metrics"):
        args = [command, str(ties), "--actors", str(actors), "-o", str(tmp_path)]
        _refused(args, capsys, "is the input file", "actors.csv")
    # an input inside the folder a report writes its tables to
    folder = tmp_path / "r-tables"
    folder.mkdir()
    inside = folder / "ties.csv"
    inside.write_text(SURVEY, encoding="utf-8")
    before[inside] = inside.read_bytes()
    _refused(["report", str(inside), "-o", str(tmp_path / "r.html")], capsys, "holds the input")
    assert {p: p.read_bytes() for p in before} == before


def test_output_paths_checked_first(survey, tmp_path, no_reading, capsys):
    ties, members = survey
    base = [str(ties), "--actors", str(members)]
    (tmp_path / "folder").mkdir()
    _refused(["report", *base, "-o", str(tmp_path / "folder")], capsys, "is a folder")
    (tmp_path / "b-tables").write_text("", encoding="utf-8")
    _refused(["report", *base, "-o", str(tmp_path / "b.html")], capsys, "a file has that name")
    (tmp_path / "notes.txt").write_text("", encoding="utf-8")
    _refused(["report", *base, "-o", str(tmp_path / "notes.txt" / "r.html")], capsys,
             "notes.txt' is a file, not a folder")  # fmt: skip
    _refused(["metrics", *base, "-o", str(tmp_path / "notes.txt")], capsys, "is a file")
    _refused(["report", *base, "-o", str(tmp_path / "r.pdf")], capsys, ".html")
    _refused(["report", *base, "--seed", "-1", "-o", "r.html"], capsys, "--seed must be at least 0")
    _refused(["map", *base, "--layout", str(tmp_path / "gone.csv"), "-o", "m.html"], capsys,
             "--layout", "file not found", code=1)  # fmt: skip
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"\x00\xff\xfe garbage \x01\x02")
    _refused(["map", *base, "--layout", str(junk), "-o", "m.html"], capsys,
             "is not a layout file", code=1)  # fmt: skip
    _refused(["validate", str(tmp_path / "folder")], capsys, "is a folder", code=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "b-tables", "befragung.csv", "folder", "junk.csv", "mitglieder.csv", "notes.txt",
    ]  # fmt: skip


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_output(survey, tmp_path, no_reading, capsys):
    ties, _ = survey
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    _refused(["report", str(ties), "-o", str(locked / "r.html")], capsys, "permission denied")


# ----------------------------------------------------------------------------- demo
def test_demo_writes_files(tmp_path, capsys):
    assert main(["demo", "-o", str(tmp_path / "demo")]) == 0
    out = capsys.readouterr().out
    assert "Response rate: 85 of 100 (85%, high)." in out
    assert (tmp_path / "demo" / "ingest" / "ingest_report.txt").is_file()
    assert (tmp_path / "demo" / "report.html").is_file()
    assert (tmp_path / "demo" / "report-tables" / "report.xlsx").is_file()
    assert "Open file://" in out


def test_a_real_process_prints_no_warnings(survey, tmp_path):
    ties, members = survey  # four repairable problems: a DataQualityWarning in Python
    command = [sys.executable, "-m", "sysmap", "metrics", str(ties), "--actors", str(members)]
    command += ["-o", str(tmp_path / "out")]
    env = {**os.environ, "SYSMAP_LANG": "de", "PYTHONWARNINGS": "default"}
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    assert result.returncode == 0 and "(Fehler: 0, Warnungen: 4)" in result.stdout
    assert result.stderr == "" and not PYTHON.findall(result.stdout)


def test_python_dash_m(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "sysmap", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("sysmap ")
