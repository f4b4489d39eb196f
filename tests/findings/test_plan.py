"""read_plan: intended-collaboration matrices from CSV, Excel and frames, and its errors."""

from __future__ import annotations

import pandas as pd
import pytest

import sysmap
from sysmap.exceptions import InputError, ParameterError, RowError, SchemaError
from sysmap.findings import read_plan


def test_sample_plan():
    plan = read_plan(sysmap.datasets.sample_path("bildungsallianz") / "plan.csv")
    # plan.csv: 7 sectors, symmetric, diagonal 1; Business-Health planned, Business-Civil
    # society not (sample README)
    assert plan.shape == (7, 7)
    assert list(plan.index) == list(plan.columns)
    assert plan.index.name == "sector"
    assert plan.loc["Business", "Health"] == 1
    assert plan.loc["Business", "Civil society"] == 0
    assert (plan.to_numpy() == plan.to_numpy().T).all()
    assert plan.dtypes.unique().tolist() == ["int64"]


def test_semicolon_cp1252_counts_and_blanks(tmp_path):
    # Excel-style export: ';' separated, Windows encoding, a blank cell (= 0), a count and a
    # decimal comma; columns in a different order than the rows
    text = "Sektor;Gesundheitsämter;Schulen\nSchulen;1,5;\nGesundheitsämter;2;1\n"
    path = tmp_path / "plan.csv"
    path.write_bytes(text.encode("cp1252"))
    plan = read_plan(path)
    assert list(plan.index) == ["Schulen", "Gesundheitsämter"]
    assert list(plan.columns) == ["Schulen", "Gesundheitsämter"]
    assert plan.loc["Schulen", "Gesundheitsämter"] == 1.5  # "1,5"
    assert plan.loc["Schulen", "Schulen"] == 0.0  # blank
    assert plan.loc["Gesundheitsämter", "Gesundheitsämter"] == 2.0  # row 3, first cell
    assert plan.loc["Gesundheitsämter", "Schulen"] == 1.0


def test_frame_with_index_and_excel(tmp_path):
    frame = pd.DataFrame([[1, 0], [0, 1]], index=pd.Index(["Bürger", "Straße"], name="org"),
                         columns=["Bürger", "Straße"])
    plan = read_plan(frame)
    assert plan.loc["Bürger", "Bürger"] == 1 and plan.index.name == "org"
    path = tmp_path / "plan.xlsx"
    frame.reset_index().to_excel(path, index=False)
    pd.testing.assert_frame_equal(read_plan(path), plan)


def test_bad_value_names_file_row_column_value(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text("sector,A,B\nA,1,yes\nB,1,1\n", encoding="utf-8")
    with pytest.raises(RowError, match=r"'plan.csv' row 2, column 'B'.*got 'yes'") as err:
        read_plan(path)
    assert (err.value.row, err.value.column, err.value.value) == (2, "B", "yes")


def test_negative_values_all_listed(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text("sector,A,B\nA,-1,1\nB,1,-2\n", encoding="utf-8")
    with pytest.raises(InputError, match="2 problems") as err:
        read_plan(path)
    assert err.value.report.problems["column"].tolist() == ["A", "B"]


def test_labels_must_match(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text("sector,A,C\nA,1,1\nB,1,1\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"rows without a column: \[?'B'\]?; columns without "
                                          r"a row: \[?'C'\]?"):
        read_plan(path)


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("sector,A,B\nA,1,1\nA,1,1\n", "row label 'A' appears more than once"),
        ("sector,A\n,1\n", "blank row label"),
        ("sector\nA\n", "needs a label column and at least one column"),
        ("", "the file is empty"),
    ],
)
def test_shape_errors(tmp_path, text, match):
    path = tmp_path / "plan.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=match):
        read_plan(path)


def test_missing_file_and_wrong_type(tmp_path):
    with pytest.raises(SchemaError, match="file not found"):
        read_plan(tmp_path / "nope.csv")
    with pytest.raises(ParameterError, match="file path or a pandas DataFrame"):
        read_plan([[1]])
