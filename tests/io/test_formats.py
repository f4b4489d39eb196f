"""Edge lists, adjacency matrices, Kumu workbooks, GraphML and GEXF: reading, checks, round trips.

Expected values are hand-derived from the small files written in each test (the
derivation is in the comments), or come from a dataset README (Knoke).
"""

from __future__ import annotations

import copy
import json
import math
import warnings
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sysmap.exceptions import (
    DataQualityWarning,
    GraphTypeError,
    InputError,
    ParameterError,
    RowError,
    SchemaError,
)
from sysmap.io.adjacency import read_adjacency
from sysmap.io.edgelist import read_edgelist
from sysmap.io.gexf import read_gexf, write_gexf
from sysmap.io.graphml import read_graphml, write_graphml
from sysmap.io.identity import normalize_name
from sysmap.io.kumu import read_kumu, write_kumu
from sysmap.io.members import read_actors

DATA = Path(__file__).resolve().parents[1] / "data"


# -- fixtures and helpers ------------------------------------------------------
@pytest.fixture
def write_file(tmp_path):
    """Write text in an encoding to tmp_path/name and return the path."""

    def _write(name: str, text: str, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return _write


@pytest.fixture
def write_book(tmp_path):
    """Write {sheet: DataFrame} as an xlsx workbook and return its path."""

    def _write(name: str, sheets: dict[str, pd.DataFrame]) -> Path:
        path = tmp_path / name
        with pd.ExcelWriter(path, engine="openpyxl") as book:
            for sheet, frame in sheets.items():
                frame.to_excel(book, sheet_name=sheet, index=False)
        return path

    return _write


@pytest.fixture
def members(write_file):
    return read_actors(write_file(
        "members.csv",
        "actor,name,aliases,sector\n"
        "A1,Stadt Rheinstadt,Stadtverwaltung,Government\n"
        "A2,Straßenkinder e.V.,,Civil society\n"
        "A3,Grundschule Am Mühlbach,GS Mühlbach,Schools\n",
    ))


def quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        return fn(*args, **kwargs)


def tie_set(data, *cols):
    cols = cols or ("source", "target")
    return set(data.ties[list(cols)].itertuples(index=False, name=None))


def errors_of(report):
    problems = report.problems
    errors = problems.loc[problems["severity"] == "error"]
    return {(int(r) if pd.notna(r) else None, c if isinstance(c, str) else None)
            for r, c in zip(errors["row"], errors["column"])}


# =============================================================================
# Edge lists
# =============================================================================
EDGES = (
    "source,target,relation,weight,note,budget\n"
    "Stadt,Schule,info,2,weekly,1.5\n"
    "Schule,Stadt,info,0.5,,\n"
    "Stadt,Verein,,1,monthly,3\n"
)


def test_edgelist_comma_utf8(write_file):
    data = read_edgelist(write_file("e.csv", EDGES))
    assert data.kind == "edgelist" and data.directed
    # rows as written; blank relation -> "tie"; sorted by source, target, relation
    assert list(data.ties[["source", "target", "relation", "row"]].itertuples(index=False)) == [
        ("Schule", "Stadt", "info", 3),
        ("Stadt", "Schule", "info", 2),
        ("Stadt", "Verein", "tie", 4),
    ]
    assert data.ties["weight"].tolist() == [0.5, 2.0, 1.0]
    # 'budget' is numeric in every non-blank cell -> float; 'note' is text
    assert data.ties["budget"].tolist()[1:] == [1.5, 3.0]
    assert math.isnan(data.ties["budget"].iloc[0])
    assert data.ties["note"].tolist() == ["", "weekly", "monthly"]
    assert data.actors.index.tolist() == ["Schule", "Stadt", "Verein"]
    assert set(data.actors["status"]) == {"not_surveyed"}
    assert data.report.ties_kept == 3 and data.report.rows_read == 3


def test_reading_leaves_the_warning_filters_alone(write_file, monkeypatch):
    """The app reads uploads in a worker thread while its event loop serves other
    sessions; Python's warning filters are global, so a reader that switched them to
    "error" turned a harmless warning in another session into a crash (seen in CI
    with Shiny's deprecation warnings)."""
    seen = []
    read_csv = pd.read_csv

    def spy(*args, **kwargs):
        seen.append(list(warnings.filters))
        return read_csv(*args, **kwargs)

    monkeypatch.setattr(pd, "read_csv", spy)
    with warnings.catch_warnings():
        warnings.simplefilter("default")  # as in the app (pytest's own filter is "error")
        outside = list(warnings.filters)
        read_edgelist(write_file("e.csv", EDGES))
    assert seen and all(filters == outside for filters in seen)


def test_edgelist_semicolon_decimal_comma_bom(write_file):
    text = "Quelle;Ziel;Gewicht\nStraße;Café;0,5\nCafé;Straße;2\n"
    path = write_file("de.csv", text, encoding="utf-8-sig")
    data = read_edgelist(path, columns={"source": "Quelle", "target": "Ziel", "weight": "Gewicht"})
    assert tie_set(data, "source", "target", "weight") == {("Straße", "Café", 0.5),
                                                           ("Café", "Straße", 2.0)}
    assert any("';'" in note for note in data.report.notes)


def test_edgelist_cp1252_umlauts(write_file):
    path = write_file("win.csv", "source;target\nMüller GmbH;Bürgerstiftung Köln\n",
                      encoding="cp1252")
    data = read_edgelist(path)
    assert tie_set(data) == {("Müller GmbH", "Bürgerstiftung Köln")}
    assert any("cp1252" in note for note in data.report.notes)


def test_edgelist_from_to_and_weight_parameter(write_file):
    data = read_edgelist(write_file("kumu.csv", "From,To,Strength\nA,B,3\n"), weight="Strength")
    assert tie_set(data, "source", "target", "weight") == {("A", "B", 3.0)}


def test_edgelist_without_weight_keeps_weight_column_as_attribute(write_file):
    data = read_edgelist(write_file("e.csv", "source,target,weight\nA,B,x\n"), weight=None)
    assert data.ties["weight"].tolist() == ["x"]  # not validated: weight=None


def test_edgelist_xlsx(write_book):
    frame = pd.DataFrame({"source": ["Jugendamt", "東京"], "target": ["東京", "Jugendamt"],
                          "weight": [1.0, 2.5]})
    path = write_book("e.xlsx", {"Ties": frame})
    data = read_edgelist(path, sheet="Ties")
    assert tie_set(data, "source", "target", "weight") == {("Jugendamt", "東京", 1.0),
                                                           ("東京", "Jugendamt", 2.5)}


def test_edgelist_dataframe_and_spelling_merge():
    frame = pd.DataFrame({"source": ["Stadt", "stadt"], "target": ["Schule", "Verein"]})
    data = read_edgelist(frame)
    # "stadt" normalizes like "Stadt"; ties = 2, "Stadt" (first alphabetically, equal counts)
    assert tie_set(data) == {("Stadt", "Schule"), ("Stadt", "Verein")}
    assert data.report.name_matches["name"].tolist() == ["stadt"]


def test_edgelist_single_bad_weight_is_row_error(write_file):
    path = write_file("edges.csv", "source,target,weight\nA,B,1\nB,C,abc\n")
    with pytest.raises(RowError, match=r"'edges\.csv' row 3, column 'weight': .*got 'abc'") as exc:
        read_edgelist(path, errors="raise")
    assert (exc.value.row, exc.value.column, exc.value.value) == (3, "weight", "abc")


def test_edgelist_bad_weight_is_repaired_as_missing_by_default(write_file):
    path = write_file("edges.csv", "source,target,weight\nA,B,1\nB,C,abc\n")
    with pytest.warns(DataQualityWarning, match=r"row 3, column 'weight'.*'abc'.*read as missing"):
        data = read_edgelist(path)
    assert tie_set(data, "source", "target", "row") == {("A", "B", 2), ("B", "C", 3)}
    assert math.isnan(data.ties.set_index("row").at[3, "weight"])
    problem = data.report.problems.iloc[0]
    assert (problem["severity"], problem["action"]) == ("warning", "repaired")


@pytest.mark.parametrize("value", ["-1", "inf", "1e999", "nan", "zwei"])
def test_edgelist_invalid_weights(write_file, value):
    path = write_file("edges.csv", f"source,target,weight\nA,B,{value}\n")
    with pytest.raises(RowError, match=rf"row 2, column 'weight'.*'{value}'"):
        read_edgelist(path, errors="raise")


def test_edgelist_blank_weight_is_nan(write_file):
    data = read_edgelist(write_file("e.csv", "source,target,weight\nA,B,\n"))
    assert math.isnan(data.ties["weight"].iloc[0])


def test_edgelist_reports_every_problem_at_once(write_file):
    path = write_file(
        "edges.csv",
        "source,target,weight\n"
        "A,B,1\n"        # row 2: fine
        "B,C,abc\n"      # row 3: bad weight
        ",C,1\n"         # row 4: blank source
        "C,D,-2\n"       # row 5: negative weight
        "A,B,5\n"        # row 6: conflicts with row 2
        "D,,1\n",        # row 7: blank target
    )
    with pytest.raises(InputError, match=r"5 problems in the input") as exc:
        read_edgelist(path, errors="raise")
    assert errors_of(exc.value.report) == {
        (3, "weight"), (4, "source"), (5, "weight"), (6, None), (7, "target")}
    messages = "\n".join(exc.value.report.problems["message"])
    assert "'edges.csv' row 6: names the same tie as row 2" in messages
    # the default repairs them: the valid rows are returned, five warnings, no error
    with pytest.warns(DataQualityWarning, match=r"5 data-quality warnings"):
        data = read_edgelist(path)
    assert tie_set(data, "source", "target", "row") == {("A", "B", 2), ("B", "C", 3),
                                                        ("C", "D", 5)}
    assert not data.report.errors and len(data.report.problems) == 5


def test_edgelist_missing_column_names_found_columns(write_file):
    path = write_file("e.csv", "source,zu\nA,B\n")  # 'zu' is no name of the target
    with pytest.raises(SchemaError, match=r"'e\.csv' column 'target': the edge list has no "
                                          r"column 'target'; found 'source', 'zu'"):
        read_edgelist(path)


def test_edgelist_self_tie_and_exact_duplicate_dropped_with_warning(write_file):
    path = write_file("e.csv", "source,target,weight\nA,A,1\nA,B,2\nA,B,2\n")
    with pytest.warns(DataQualityWarning, match=r"2 data-quality warnings") as rec:
        data = read_edgelist(path)
    assert "row 2, column 'source': 'A' names itself" in str(rec[0].message)
    assert tie_set(data, "source", "target", "row") == {("A", "B", 3)}
    assert data.report.count("dropped") == 2


def test_edgelist_undirected_reverse_rows_are_duplicates(write_file):
    path = write_file("e.csv", "source,target\nB,A\nA,B\nC,B\n")
    with pytest.warns(DataQualityWarning, match=r"row 3: repeats row 2"):
        data = read_edgelist(path, directed=False)
    assert not data.directed
    # source < target; B,A (row 2) is kept as A,B
    assert tie_set(data, "source", "target", "row") == {("A", "B", 2), ("B", "C", 4)}
    path = write_file("w.csv", "source,target,weight\nB,A,1\nA,B,2\n")
    with pytest.raises(RowError, match=r"row 3: names the same tie as row 2"):
        read_edgelist(path, directed=False, errors="raise")
    with pytest.warns(DataQualityWarning, match=r"row 2 was kept and this row dropped"):
        data = read_edgelist(path, directed=False)
    assert data.ties["weight"].tolist() == [1.0]


def test_edgelist_text_column_with_some_numbers_stays_text(write_file):
    data = read_edgelist(write_file("e.csv", "source,target,code,row\nA,B,7,x\nB,C,x7,y\n"))
    assert data.ties.set_index("source")["code"].to_dict() == {"A": "7", "B": "x7"}
    # a file column called 'row' does not overwrite the row numbers
    assert data.ties["row"].tolist() == [2, 3]
    assert data.ties["row_"].tolist() == ["x", "y"]


def test_edgelist_with_member_list(write_file, members):
    path = write_file("e.csv", "source,target\nStadtverwaltung,Strassenkinder eV\n"
                               "Stadt Rheinstadt,Neue Initiative\n")
    with pytest.warns(DataQualityWarning, match=r"'Neue Initiative' is not in the member list"):
        data = read_edgelist(path, actors=members)
    # alias and normalized spelling resolve to ids; the isolate A3 is an actor too
    assert tie_set(data) == {("A1", "A2"), ("A1", "Neue Initiative")}
    assert data.actors.index.tolist() == ["A1", "A2", "A3", "Neue Initiative"]
    assert data.actors.loc["A3", "sector"] == "Schools"
    assert data.actors["status"].tolist() == ["not_surveyed"] * 4
    with pytest.raises(RowError, match=r"row 3, column 'target': 'Neue Initiative' is not"):
        read_edgelist(path, actors=members, unknown="error")
    dropped = quiet(read_edgelist, path, actors=members, unknown="drop")
    assert tie_set(dropped) == {("A1", "A2")}


def test_edgelist_parameter_errors(write_file):
    path = write_file("e.csv", "source,target\nA,B\n")
    with pytest.raises(ParameterError, match=r"unknown roles \['partner'\]"):
        read_edgelist(path, columns={"partner": "x"})
    with pytest.raises(ParameterError, match="directed must be True or False"):
        read_edgelist(path, directed="yes")
    with pytest.raises(ParameterError, match="errors must be"):
        read_edgelist(path, errors="ignore")
    with pytest.raises(SchemaError, match="file not found"):
        read_edgelist(path.with_name("missing.csv"))


@pytest.mark.published("Knoke & Wood (1981) via UCINET KNOKBUR; tests/data/knoke_bureaucracies/"
                       "README.md: information density 49/90 = 0.544")
def test_knoke_information_network():
    folder = DATA / "knoke_bureaucracies"
    # columns are "source","target" holding node ids 1..10 (nodes.csv: id,label,...)
    members = read_actors(folder / "nodes.csv", columns={"actor": "id", "name": "label"})
    data = read_edgelist(folder / "edges_information.csv", actors=members)
    n, m = len(data.actors), len(data.ties)
    assert (n, m) == (10, 49)
    assert m / (n * (n - 1)) == pytest.approx(49 / 90, abs=5e-4)
    assert data.actors.loc["5", "name"] == "MAYR"
    assert data.actors.loc["1", "sector"] == "GOV"


# -- property: random edge tables either read cleanly or name exactly the bad cells
NAME_ALPHABET = "abcxyzäöüßéÄÖÜ東京大阪"
#: weight cell -> parsed value (None: invalid). Hand-written from the documented
#: rule: a number >= 0 and finite, decimal comma accepted, blank = NaN.
WEIGHT_CELLS = {
    "": math.nan, "0": 0.0, "1,5": 1.5, "2.25": 2.25, "1e2": 100.0, "3": 3.0,
    "abc": None, "n/a": None, "-1": None, "2.5.1": None, "inf": None, "nan": None,
    "∞": None, "1e999": None, "-0.5": None, "zwölf": None,
}


def _same(a, b):
    return (math.isnan(a) and math.isnan(b)) or a == b


@settings(max_examples=50, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_property_random_edge_tables(tmp_path, data):
    pool = data.draw(st.lists(st.text(NAME_ALPHABET, min_size=1, max_size=6), min_size=2,
                              max_size=5, unique_by=normalize_name))
    directed = data.draw(st.booleans())
    index = st.integers(0, len(pool) - 1)
    weight = st.one_of(st.sampled_from(sorted(WEIGHT_CELLS)),
                       st.integers(0, 10**6).map(str))
    rows = data.draw(st.lists(st.tuples(index, index, weight), min_size=1, max_size=12))
    frame = pd.DataFrame([(pool[s], pool[t], w) for s, t, w in rows],
                         columns=["source", "target", "weight"])
    path = tmp_path / "random.csv"
    frame.to_csv(path, index=False)
    # oracle: rows in file order (row = i + 2), self-ties dropped, then duplicates
    # compared with the first row of the same tie (A-B = B-A when undirected)
    bad: set[tuple[int, str | None]] = set()
    kept: dict[tuple[str, str], float] = {}
    for i, (s, t, w) in enumerate(rows):
        value = WEIGHT_CELLS[w] if w in WEIGHT_CELLS else float(w)
        if value is None:
            bad.add((i + 2, "weight"))
            value = math.nan
        if s == t:
            continue
        key = (pool[s], pool[t]) if directed else tuple(sorted((pool[s], pool[t])))
        if key in kept:
            if not _same(kept[key], value):
                bad.add((i + 2, None))
        else:
            kept[key] = value
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        if bad:
            with pytest.raises(InputError) as exc:
                read_edgelist(path, directed=directed, errors="raise")
            assert errors_of(exc.value.report) == bad
            repaired = read_edgelist(path, directed=directed)  # the default repairs them all
            assert len(repaired.ties) == len(kept)
            assert not repaired.report.errors
        else:
            got = read_edgelist(path, directed=directed)
            assert len(got.ties) == len(kept)
            for s, t, w in got.ties[["source", "target", "weight"]].itertuples(index=False):
                assert _same(kept[(s, t)], w)


# =============================================================================
# Adjacency matrices
# =============================================================================
def test_adjacency_directed_csv(write_file):
    path = write_file("m.csv", ",A,B,C\nA,0,1,\nB,0,0,2.5\nC,1,,0\n")
    data = read_adjacency(path)
    # asymmetric (A->B = 1 but B->A = 0) -> directed; blank cells are 0
    assert data.directed and data.kind == "adjacency"
    assert tie_set(data, "source", "target", "weight", "row") == {
        ("A", "B", 1.0, 2), ("B", "C", 2.5, 3), ("C", "A", 1.0, 4)}
    assert "not symmetric; read as directed" in data.report.notes[-1]


def test_adjacency_symmetric_is_undirected_and_isolates_kept(write_file):
    path = write_file("m.csv", "x;Stadt;Schule;Café\nStadt;0;1;0\nSchule;1;0;0\nCafé;0;0;0\n")
    data = read_adjacency(path)
    assert not data.directed
    assert tie_set(data, "source", "target", "weight") == {("Schule", "Stadt", 1.0)}
    assert data.actors.index.tolist() == ["Café", "Schule", "Stadt"]  # isolate Café kept
    assert data.actors.loc["Café", "name"] == "Café"
    both = read_adjacency(path, directed=True)
    assert tie_set(both) == {("Schule", "Stadt"), ("Stadt", "Schule")}


def test_adjacency_reordered_columns_decimal_comma_trailing_separator(write_file):
    path = write_file("m.csv", "x;B;A;\nA;0,5;0;\nB;0;0;\n")
    data = read_adjacency(path)
    assert tie_set(data, "source", "target", "weight") == {("A", "B", 0.5)}
    assert any("different order" in note for note in data.report.notes)


def test_adjacency_bad_cells_named(write_file):
    path = write_file("m.csv", ",A,B,C\nA,0,x,1\nB,-1,0,0\nC,0,0,0\n")
    with pytest.raises(InputError, match=r"'m\.csv' row 2, column 'B': expected a number >= 0 "
                                         r"for the tie from 'A' to 'B', got 'x'") as exc:
        read_adjacency(path, errors="raise")
    assert errors_of(exc.value.report) == {(2, "B"), (3, "A")}
    assert exc.value.report.problems["value"].tolist() == ["x", "-1"]


def test_adjacency_not_square(write_file):
    path = write_file("m.csv", ",A,B\nA,0,1\nB,1,0\nC,0,0\n")
    with pytest.raises(InputError, match=r"the matrix has 3 rows and 2 columns of values") as exc:
        read_adjacency(path)
    assert "only as row labels: 'C'; only as column labels: -." in str(exc.value)


def test_adjacency_label_differences_listed(write_file):
    path = write_file("m.csv", ",A,B,D\nA,0,1,0\nB,1,0,0\nC,0,0,0\n")
    with pytest.raises(SchemaError, match=r"only as row labels: 'C'; only as column "
                                          r"labels: 'D'"):
        read_adjacency(path)


def test_adjacency_blank_and_duplicate_labels(write_file):
    path = write_file("m.csv", ",A,B,C\nA,0,1,0\n,1,0,0\nA,0,0,0\n")
    with pytest.raises(InputError) as exc:
        read_adjacency(path)
    checks = exc.value.report.problems.set_index("row")["check"].dropna()
    assert checks.loc[3] == "blank_label" and checks.loc[4] == "duplicate_label"


def test_adjacency_diagonal_dropped_with_warning(write_file):
    path = write_file("m.csv", ",A,B\nA,3,1\nB,0,0\n")
    with pytest.warns(DataQualityWarning,
                      match=r"row 2, column 'A': the diagonal cell of 'A' is 3"):
        data = read_adjacency(path)
    assert tie_set(data) == {("A", "B")}


def test_adjacency_undirected_requires_symmetry(write_file):
    path = write_file("m.csv", ",A,B,C\nA,0,1,2\nB,0,0,0\nC,2,0,0\n")
    with pytest.raises(RowError, match=r"row 2, column 'B': cell \('A', 'B'\) is 1 but cell "
                                       r"\('B', 'A'\) is 0"):
        read_adjacency(path, directed=False)


def test_adjacency_xlsx_numeric_labels_and_dataframe(write_book):
    frame = pd.DataFrame({"": [1, 2, 3], 1: [0, 1, 0], 2: [0, 0, 1], 3: [0, 0, 0]})
    path = write_book("m.xlsx", {"Sheet1": frame})
    data = read_adjacency(path)
    assert tie_set(data) == {("2", "1"), ("3", "2")}
    square = pd.DataFrame([[0, 2], [2, 0]], index=["P", "Q"], columns=["P", "Q"])
    assert tie_set(read_adjacency(square), "source", "target", "weight") == {("P", "Q", 2.0)}


def test_adjacency_with_member_list(write_file, members):
    path = write_file("m.csv", ",Stadt Rheinstadt,GS Mühlbach\nStadt Rheinstadt,0,1\n"
                               "GS Mühlbach,0,0\n")
    data = read_adjacency(path, actors=members)
    assert tie_set(data) == {("A1", "A3")}
    assert data.actors.index.tolist() == ["A1", "A2", "A3"]


# =============================================================================
# Kumu
# =============================================================================
@pytest.fixture
def kumu_book(write_book):
    elements = pd.DataFrame({
        "Label": ["Jugendamt Köln", "Straßenkinder e.V.", "東京財団", "Café Olé"],
        "Type": ["Verwaltung", "Verein", "Stiftung", "Verein"],
        "Tags": ["youth|public", "youth", "", ""],
        "Description": ["Amt", "", "", ""],
        "Budget (EUR)": [1000, 250.5, None, 10],
    })
    connections = pd.DataFrame({
        "From": ["Jugendamt Köln", "Straßenkinder e.V.", "東京財団", "Jugendamt Köln"],
        "To": ["Straßenkinder e.V.", "Jugendamt Köln", "Straßenkinder e.V.", "Unbekannt"],
        "Type": ["funding", "information", "", "information"],
        "Strength": [3, 1, None, 2],
        "Direction": ["directed", "", "mutual", "undirected"],
        "Since": [2019, 2020, 2021, 2022],
    })
    return write_book("map.xlsx", {"Elements": elements, "Connections": connections})


def test_kumu_read(kumu_book):
    with pytest.warns(DataQualityWarning, match=r"'Unbekannt' is not an element label"):
        data = read_kumu(kumu_book)
    actors = data.actors
    assert actors.index.tolist() == ["Café Olé", "Jugendamt Köln", "Straßenkinder e.V.",
                                     "Unbekannt", "東京財団"]
    assert actors.loc["Jugendamt Köln", "type"] == "Verwaltung"
    assert actors.loc["Jugendamt Köln", "tags"] == "youth|public"
    assert actors.loc["Jugendamt Köln", "description"] == "Amt"
    assert actors.loc["Straßenkinder e.V.", "Budget (EUR)"] == 250.5
    assert math.isnan(actors.loc["東京財団", "Budget (EUR)"])
    assert actors.loc["Unbekannt", "name"] == "Unbekannt"
    # directed read: rows 4 (mutual) and 5 (undirected) give a tie each way
    ties = data.ties.set_index(["source", "target"])
    assert set(ties.index) == {
        ("Jugendamt Köln", "Straßenkinder e.V."), ("Straßenkinder e.V.", "Jugendamt Köln"),
        ("東京財団", "Straßenkinder e.V."), ("Straßenkinder e.V.", "東京財団"),
        ("Jugendamt Köln", "Unbekannt"), ("Unbekannt", "Jugendamt Köln")}
    assert ties.loc[("Jugendamt Köln", "Straßenkinder e.V."), "relation"] == "funding"
    assert ties.loc[("Jugendamt Köln", "Straßenkinder e.V."), "weight"] == 3.0
    assert ties.loc[("東京財団", "Straßenkinder e.V."), "relation"] == "tie"
    assert math.isnan(ties.loc[("東京財団", "Straßenkinder e.V."), "weight"])
    assert ties.loc[("Unbekannt", "Jugendamt Köln"), "Since"] == 2022.0
    assert "direction" not in data.ties.columns


def test_kumu_undirected_and_detected(kumu_book):
    data = quiet(read_kumu, kumu_book, directed=False)
    assert not data.directed
    # Jugendamt->Straßenkinder (funding) and Straßenkinder->Jugendamt (information)
    # are different relations, so both stay
    assert len(data.ties) == 4
    assert all(s < t for s, t in zip(data.ties["source"], data.ties["target"]))
    assert quiet(read_kumu, kumu_book, directed=None).directed  # row 2 is 'directed'


def test_kumu_id_column(write_book):
    # Kumu identifies elements by Label; with an ID column, connections may name either
    elements = pd.DataFrame({"ID": ["e1", "e2", ""], "Label": ["Amt", "Schule", "Verein"]})
    connections = pd.DataFrame({"From": ["Amt", "e2"], "To": ["e2", "Verein"]})
    data = read_kumu(write_book("ids.xlsx", {"Elements": elements, "Connections": connections}))
    assert tie_set(data) == {("e1", "e2"), ("e2", "Verein")}  # blank ID -> the label
    assert data.actors["name"].to_dict() == {"Verein": "Verein", "e1": "Amt", "e2": "Schule"}


def test_kumu_errors_reported_together(write_book):
    # (a row with only a blank Label would be a blank row, skipped: hence the Type column)
    elements = pd.DataFrame({"Label": ["A", "", "A", "B"], "Type": ["x", "y", "z", "w"]})
    connections = pd.DataFrame({"From": ["A", "B"], "To": ["B", "A"],
                                "Strength": ["stark", 1], "Direction": ["both", "directed"]})
    path = write_book("bad.xlsx", {"Elements": elements, "Connections": connections})
    with pytest.raises(InputError) as exc:
        read_kumu(path, errors="raise")
    problems = exc.value.report.problems
    errors = problems.loc[problems["severity"] == "error"]
    assert set(zip(errors["source"], errors["row"], errors["column"], errors["value"])) == {
        ("bad.xlsx [Elements]", 3, "Label", ""),
        ("bad.xlsx [Elements]", 4, "Label", "A"),
        ("bad.xlsx [Connections]", 2, "Strength", "stark"),
        ("bad.xlsx [Connections]", 2, "Direction", "both"),
    }
    assert "'bad.xlsx [Elements]' row 4, column 'Label': label 'A' is already used in row 2" \
        in str(exc.value)


def test_kumu_schema_errors(write_book, write_file):
    path = write_book("nolabel.xlsx", {"Elements": pd.DataFrame({"Name": ["A"]}),
                                       "Connections": pd.DataFrame({"From": ["A"], "To": ["B"]})})
    with pytest.raises(SchemaError, match=r"Kumu Elements sheet has no column 'Label'; "
                                          r"found 'Name'"):
        read_kumu(path)
    with pytest.raises(SchemaError, match=r"must be an Excel workbook"):
        read_kumu(write_file("map.csv", "From,To\nA,B\n"))
    other = write_book("other.xlsx", {"Sheet1": pd.DataFrame({"a": [1]})})
    with pytest.raises(SchemaError, match=r"has no sheet 'Elements' or 'Connections'; "
                                          r"found 'Sheet1'"):
        read_kumu(other)


def test_kumu_with_member_list(write_book, members):
    elements = pd.DataFrame({"Label": ["Stadtverwaltung", "Strassenkinder eV", "Neu"]})
    connections = pd.DataFrame({"From": ["Stadtverwaltung", "Neu"],
                                "To": ["GS Mühlbach", "Stadtverwaltung"]})
    path = write_book("m.xlsx", {"Elements": elements, "Connections": connections})
    with pytest.warns(DataQualityWarning, match=r"'Neu' is not in the member list"):
        data = read_kumu(path, actors=members)
    assert tie_set(data) == {("A1", "A3"), ("Neu", "A1")}
    assert data.actors.index.tolist() == ["A1", "A2", "A3", "Neu"]
    assert data.actors.loc["A2", "name"] == "Straßenkinder e.V."


def _unicode_graph(directed=True):
    G = nx.DiGraph() if directed else nx.Graph()
    G.graph["sysmap"] = {"reader": "survey", "params": {"unknown": "keep"}, "waves": [1, 2]}
    G.add_node("A1", name="Straßenkinder e.V.", sector="Civil society",
               budget=np.float64(1.5), tags=["youth", "education"], status="responded",
               member=np.bool_(True))
    G.add_node("A2", name="Müller & Söhne", sector="Business", budget=np.int64(3),
               status="did_not_respond", member=False)
    G.add_node("A3", name="東京都庁", sector="Government", status="not_on_roster", note=None)
    G.add_node("A4", name="Müller & Söhne", sector="Business", budget=2.0)
    G.add_node("A5", name="Café Olé — ä ö ü ß é", sector="Civil society")  # isolate
    G.add_edge("A1", "A2", weight=np.float64(2.5), relation="information",
               trust=np.float64(3.25), intensity=np.int64(3))
    G.add_edge("A2", "A1", weight=1.0, relation="information", intensity=2)
    G.add_edge("A1", "A3", weight=4.0, relation="funding", comment="über Stiftung")
    G.add_edge("A3", "A4", weight=np.int64(1), relation="funding", comment=None)
    return G


def test_kumu_round_trip(tmp_path):
    G = _unicode_graph()
    before = copy.deepcopy(G)
    path = write_kumu(G, tmp_path / "out.xlsx")
    assert nx.utils.graphs_equal(G, before) and G.graph == before.graph  # not mutated
    data = read_kumu(path)
    actors = data.actors
    assert actors.index.tolist() == ["A1", "A2", "A3", "A4", "A5"]  # ids kept via ID column
    # names shared by two actors get the id added to stay unique Kumu labels; the
    # sysmap sheet's 'name' field gives the names back
    labels = pd.read_excel(path, sheet_name="Elements")["Label"].tolist()
    assert labels[1] == "Müller & Söhne (A2)" and labels[3] == "Müller & Söhne (A4)"
    assert actors["name"].to_dict() == nx.get_node_attributes(G, "name")
    assert (actors["sector"] == pd.Series(nx.get_node_attributes(G, "sector"))).all()
    # Kumu's Type repeats 'sector' (the sysmap sheet says so): no 'type' attribute
    assert pd.read_excel(path, sheet_name="Elements")["Type"].tolist() == actors["sector"].tolist()
    assert "type" not in actors.columns
    assert actors["budget"].tolist()[:2] == [1.5, 3.0] and actors.loc["A4", "budget"] == 2.0
    assert actors.loc["A1", "tags"] == "youth|education"
    assert actors["status"].tolist() == ["responded", "did_not_respond", "not_on_roster",
                                         "not_surveyed", "not_surveyed"]
    ties = data.ties.set_index(["source", "target"])
    assert set(ties.index) == set(G.edges)
    for u, v, d in G.edges(data=True):
        assert ties.loc[(u, v), "relation"] == d["relation"]
        assert ties.loc[(u, v), "weight"] == float(d["weight"])
    assert ties.loc[("A1", "A2"), "trust"] == 3.25
    assert ties.loc[("A1", "A3"), "comment"] == "über Stiftung"
    assert ties.loc[("A3", "A4"), "comment"] == ""


def test_kumu_round_trip_undirected_and_edgeless(tmp_path):
    G = nx.Graph()
    G.add_edge("b", "a", weight=2)
    G.add_node("c")
    data = read_kumu(write_kumu(G, tmp_path / "u.xlsx"), directed=None)
    assert not data.directed
    assert tie_set(data, "source", "target", "weight") == {("a", "b", 2.0)}
    assert data.actors.index.tolist() == ["a", "b", "c"]
    H = nx.DiGraph()
    H.add_nodes_from(["x", "y"])
    empty = read_kumu(write_kumu(H, tmp_path / "e.xlsx"))
    assert empty.actors.index.tolist() == ["x", "y"] and len(empty.ties) == 0


def test_write_kumu_type_parameter(tmp_path):
    G = nx.DiGraph()
    G.add_node(1, kind="school", sector="edu")
    G.add_edge(1, 2)
    path = write_kumu(G, tmp_path / "k.xlsx", type="kind")
    elements = pd.read_excel(path, sheet_name="Elements")
    assert elements.columns.tolist() == ["Label", "Type", "kind", "sector"]
    assert elements["Type"].tolist()[0] == "school"
    with pytest.raises(GraphTypeError):
        write_kumu({"not": "a graph"}, tmp_path / "x.xlsx")


# =============================================================================
# GraphML and GEXF
# =============================================================================
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
@pytest.mark.parametrize("directed", [True, False])
def test_graph_file_round_trip(tmp_path, fmt, directed):
    G = _unicode_graph(directed)
    before = copy.deepcopy(G)
    write, read = (write_graphml, read_graphml) if fmt == "graphml" else (write_gexf, read_gexf)
    path = write(G, tmp_path / f"net.{fmt}")
    assert nx.utils.graphs_equal(G, before) and G.graph == before.graph  # not mutated
    data = read(path)
    assert data.kind == fmt and data.directed is directed
    actors = data.actors
    assert actors.index.tolist() == ["A1", "A2", "A3", "A4", "A5"]
    assert actors["name"].to_dict() == nx.get_node_attributes(G, "name")  # Unicode intact
    assert actors["sector"].to_dict() == nx.get_node_attributes(G, "sector")
    # np.float64 1.5, np.int64 3 and 2.0 -> one float attribute
    assert actors["budget"].tolist()[:2] == [1.5, 3.0] and actors.loc["A4", "budget"] == 2.0
    assert math.isnan(actors.loc["A3", "budget"])
    assert actors.loc["A1", "tags"] == "youth|education"  # list -> |-joined text
    assert "note" not in actors.columns  # None is omitted
    assert actors.loc["A1", "member"] == True
    assert actors.loc["A3", "status"] == "not_on_roster"
    ties = data.ties.set_index(["source", "target"])
    expected = {(u, v) if directed else tuple(sorted((u, v))) for u, v in G.edges}
    assert set(ties.index) == expected
    for u, v, d in G.edges(data=True):
        key = (u, v) if directed else tuple(sorted((u, v)))
        assert ties.loc[key, "relation"] == d["relation"]
        assert ties.loc[key, "weight"] == float(d["weight"])
    assert ties.loc[("A1", "A2"), "trust"] == 3.25
    if directed:
        assert ties.loc[("A2", "A1"), "intensity"] == 2
    assert ties.loc[("A1", "A3"), "comment"] == "über Stiftung"
    if fmt == "graphml":  # GEXF has no graph attributes besides its name
        assert data.provenance["graph"]["sysmap"] == G.graph["sysmap"]


def test_write_gexf_version_and_networkx_reads_it(tmp_path):
    path = write_gexf(_unicode_graph(), tmp_path / "g.gexf")
    head = path.read_text(encoding="utf-8")[:400]
    assert 'version="1.2"' in head and "http://www.gexf.net/1.2draft" in head
    H = nx.read_gexf(path)
    assert H.nodes["A3"]["label"] == "東京都庁"
    assert "name" not in H.nodes["A3"]


def test_write_graphml_sanitises(tmp_path):
    G = nx.Graph(created=pd.Timestamp("2024-05-01"), none=None)
    G.add_node(np.int64(1), when=pd.Timestamp("2024-05-01"), arr=np.array([1, 2]),
               s={"b", "a"}, mixed=1)
    G.add_node(2, mixed="zwei", d={"k": np.int64(1)})
    G.add_edge(np.int64(1), 2, weight=np.float32(0.5), na=np.nan)
    H = nx.read_graphml(write_graphml(G, tmp_path / "s.graphml"))
    assert {k: v for k, v in H.graph.items() if not k.endswith("_default")} == {
        "created": "2024-05-01T00:00:00", "node_id_type": "int"}  # ids 1 (numpy) and 2
    assert H.nodes["1"] == {"when": "2024-05-01T00:00:00", "arr": "1|2", "s": "a|b",
                            "mixed": "1"}
    assert H.nodes["2"] == {"mixed": "zwei", "d": '{"k": 1}'}
    assert H.edges["1", "2"] == {"weight": 0.5}


def test_writers_reject_ambiguous_ids(tmp_path):
    G = nx.Graph()
    G.add_edge(1, "1")
    with pytest.raises(ParameterError, match=r"node ids \['1'\] are written as the same text"):
        write_graphml(G, tmp_path / "x.graphml")


GEXF_13 = """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
  <graph defaultedgetype="directed" mode="static">
    <attributes class="node" mode="static">
      <attribute id="0" title="sector" type="string"/>
    </attributes>
    <nodes>
      <node id="n0" label="Jugendamt Köln">
        <attvalues><attvalue for="0" value="Verwaltung"/></attvalues>
        <viz:size value="10.0"/><viz:position x="1.0" y="2.0" z="0.0"/>
        <viz:color r="255" g="0" b="0"/>
      </node>
      <node id="n1" label="Café Olé"/>
      <node id="n2" label="北京"/>
    </nodes>
    <edges>
      <edge id="0" source="n0" target="n1" weight="2.5"/>
      <edge id="1" source="n1" target="n2" type="mutual" weight="1.0"/>
    </edges>
  </graph>
</gexf>
"""


def test_read_gephi_gexf_13(write_file):
    data = read_gexf(write_file("gephi.gexf", GEXF_13))
    assert data.actors["name"].to_dict() == {"n0": "Jugendamt Köln", "n1": "Café Olé",
                                             "n2": "北京"}
    assert data.actors.loc["n0", "sector"] == "Verwaltung"
    assert "viz" not in data.actors.columns and "label" not in data.actors.columns
    # the mutual edge gives a tie each way; edge ids are not kept
    assert tie_set(data, "source", "target", "weight") == {
        ("n0", "n1", 2.5), ("n1", "n2", 1.0), ("n2", "n1", 1.0)}
    assert "id" not in data.ties.columns


def test_multigraph_relations_and_parallel_edges(tmp_path):
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", relation="info", weight=1)
    G.add_edge("a", "b", relation="money", weight=5)
    G.add_edge("b", "a", type="info")
    data = read_graphml(write_graphml(G, tmp_path / "m.graphml"))
    assert tie_set(data, "source", "target", "relation") == {
        ("a", "b", "info"), ("a", "b", "money"), ("b", "a", "info")}
    P = nx.MultiGraph()
    P.add_edge("a", "b", weight=1)
    P.add_edge("a", "b", weight=1)
    with pytest.warns(DataQualityWarning, match=r"row 2: repeats row 1"):
        data = read_gexf(write_gexf(P, tmp_path / "p.gexf"))
    assert len(data.ties) == 1
    P.add_edge("b", "a", weight=7)
    with pytest.raises(InputError, match=r"row 3: names the same tie as row 1"):
        quiet(read_graphml, write_graphml(P, tmp_path / "p.graphml"), errors="raise")


def test_graph_file_problems(write_file, tmp_path):
    with pytest.raises(SchemaError, match=r"'bad\.graphml': cannot be read as GraphML"):
        read_graphml(write_file("bad.graphml", "<graphml><node id='a'"))
    with pytest.raises(SchemaError, match=r"file not found"):
        read_gexf(tmp_path / "missing.gexf")
    G = nx.DiGraph()
    G.add_edge("a", "a")
    G.add_edge("a", "b")
    with pytest.warns(DataQualityWarning, match=r"'a' names itself"):
        data = read_graphml(write_graphml(G, tmp_path / "loop.graphml"))
    assert tie_set(data) == {("a", "b")}


def test_graphml_with_member_list(tmp_path, members):
    G = nx.DiGraph()
    G.add_node("A1", name="whatever")      # a member id: kept
    G.add_node("n7", label="GS Mühlbach")  # resolved by its label (alias)
    G.add_edge("A1", "n7")
    data = read_graphml(write_graphml(G, tmp_path / "m.graphml"), actors=members)
    assert tie_set(data) == {("A1", "A3")}
    assert data.actors.loc["A3", "name"] == "Grundschule Am Mühlbach"
    assert json.dumps(data.provenance["reader"]) == '"graphml"'
