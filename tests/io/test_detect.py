"""Format detection (extension, sheets, header columns) and the `read` dispatcher."""

from __future__ import annotations

import warnings
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from sysmap.exceptions import DataQualityWarning, ParameterError, SchemaError
from sysmap.io.detect import FORMATS, detect_format, read
from sysmap.io.gexf import write_gexf
from sysmap.io.graphml import write_graphml
from sysmap.io.kumu import write_kumu


@pytest.fixture
def write_file(tmp_path):
    def _write(name: str, text: str, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return _write


@pytest.fixture
def write_book(tmp_path):
    def _write(name: str, sheets: dict[str, pd.DataFrame]) -> Path:
        path = tmp_path / name
        with pd.ExcelWriter(path, engine="openpyxl") as book:
            for sheet, frame in sheets.items():
                frame.to_excel(book, sheet_name=sheet, index=False)
        return path

    return _write


@pytest.fixture
def small_graph():
    G = nx.DiGraph()
    G.add_node("A", name="Jugendamt Köln")
    G.add_edge("A", "B", weight=2.0)
    return G


def test_formats_tuple():
    assert FORMATS == ("survey", "survey_wide", "edgelist", "adjacency", "affiliations",
                       "members", "kumu", "graphml", "gexf")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("respondent,partner,intensity\nA,B,3\n", "survey"),
        ("Respondent ; Partner\nA;B\n", "survey"),            # case and spaces ignored
        ("source,target,weight\nA,B,1\n", "edgelist"),
        ("FROM;TO;Strength\nA;B;1\n", "edgelist"),
        ("actor,affiliation\nA,P1\n", "affiliations"),
        ("actor,name,sector\nA1,Stadt,GOV\n", "members"),
        ("Name,Sektor\nStadt,GOV\n", "members"),
        (",A,B\nA,0,1\nB,1,0\n", "adjacency"),                 # blank first header cell
        ("x;A;B\nA;0;1\nB;1;0\n", "adjacency"),                # header labels = first column
    ],
)
def test_detect_csv_by_header(write_file, text, expected):
    assert detect_format(write_file("t.csv", text)) == expected


def test_detect_cp1252_and_long_adjacency(write_file):
    assert detect_format(write_file("w.csv", "Quelle;Ziel\nMü;Bä\n".replace("Quelle", "source")
                                    .replace("Ziel", "target"), encoding="cp1252")) == "edgelist"
    labels = [f"Org {i}" for i in range(80)]  # more rows than the detector inspects
    rows = ["x," + ",".join(labels)] + [lab + "," + ",".join("0" * 80) for lab in labels]
    assert detect_format(write_file("big.csv", "\n".join(rows) + "\n")) == "adjacency"


def test_detect_excel(write_book):
    kumu = write_book("map.xlsx", {"Elements": pd.DataFrame({"Label": ["A"]}),
                                   "Connections": pd.DataFrame({"From": ["A"], "To": ["B"]})})
    assert detect_format(kumu) == "kumu"
    assert detect_format(kumu, sheet="Connections") == "edgelist"
    edges = write_book("e.xlsx", {"Ties": pd.DataFrame({"Source": ["A"], "Target": ["B"]})})
    assert detect_format(edges) == "edgelist"
    matrix = write_book("m.xlsx", {"M": pd.DataFrame({"": ["A", "B"], "A": [0, 1], "B": [1, 0]})})
    assert detect_format(matrix) == "adjacency"


def test_detect_graph_files(tmp_path, small_graph, write_file):
    assert detect_format(write_graphml(small_graph, tmp_path / "g.graphml")) == "graphml"
    assert detect_format(write_gexf(small_graph, tmp_path / "g.gexf")) == "gexf"
    xml = (tmp_path / "g.graphml").read_text(encoding="utf-8")
    assert detect_format(write_file("g.xml", xml)) == "graphml"
    with pytest.raises(SchemaError, match="neither GraphML nor GEXF"):
        detect_format(write_file("o.xml", "<root/>"))


def test_detect_unknown_lists_columns_and_formats(write_file):
    path = write_file("odd.csv", "Stichwort,Datum,Bemerkung\nStadt,,3\n")
    with pytest.raises(SchemaError) as exc:
        detect_format(path)
    message = exc.value.args[0]
    assert "'odd.csv': cannot tell the format from its columns " \
           "['Stichwort', 'Datum', 'Bemerkung']" in message
    assert ", ".join(FORMATS) in message and "--format" in message
    assert "das Format ist an den Spalten ['Stichwort'" in message.render("de")
    with pytest.raises(SchemaError, match="file not found"):
        detect_format(path.with_name("missing.csv"))
    with pytest.raises(SchemaError, match="empty"):
        detect_format(write_file("empty.csv", "\n\n"))


def test_detect_wrong_separator_says_which_to_try(write_file):
    """A header read as one column containing ';' (here: --sep given wrongly) asks
    for --sep ';', not for --format; in German too."""
    path = write_file("de.csv", 'respondent;partner\n"Stadt, Amt";"Schule, Nord"\n', "cp1252")
    assert detect_format(path) == "survey"
    with pytest.raises(SchemaError) as exc:
        detect_format(path, sep=",")
    message = exc.value.args[0]
    assert message == (
        "'de.csv': cannot tell the format: the header was read as one column "
        "('respondent;partner'), but it contains ';': the file seems to be separated by "
        "';'. Name the separator: sep=';' (command line: --sep ';')."
    )
    assert "--format" not in message
    assert "Kommandozeile: --sep ';'" in message.render("de")


def test_read_dispatches_and_notes_format(write_file):
    data = read(write_file("e.csv", "source,target\nA,B\nB,C\n"), directed=False)
    assert data.kind == "edgelist" and not data.directed
    assert data.report.notes[0] == "'e.csv': read as format 'edgelist' (detected)."
    survey = read(write_file("s.csv", "respondent,partner\nA,B\n"))
    assert survey.kind == "survey"
    assert survey.actors["status"].to_dict() == {"A": "responded", "B": "not_on_roster"}
    matrix = read(write_file("m.csv", ",A,B\nA,0,1\nB,0,0\n"))
    assert matrix.kind == "adjacency" and len(matrix.ties) == 1
    forced = read(write_file("x.csv", "von,an\nA,B\n"), format="edgelist",
                  columns={"source": "von", "target": "an"})
    assert forced.report.notes[0] == "'x.csv': read as format 'edgelist' (given)."


def test_read_survey_wide_detected_or_named(write_file):
    path = write_file("wide.csv", "Organisation,Q5_Stadt,Q5_Schule\nStadt,,3\nSchule,4,\n")
    assert detect_format(path) == "survey_wide"  # Q5_<respondent name> columns
    named = read(path, format="survey_wide", respondent="Organisation",
                 questions={"intensity": "Q5_{partner}"})
    detected = read(path)
    for data in (named, detected):
        assert data.ties[["source", "target", "intensity"]].values.tolist() == [
            ["Schule", "Stadt", 4.0], ["Stadt", "Schule", 3.0]]
    assert detected.report.notes[0] == "'wide.csv': read as format 'survey_wide' (detected)."


def test_read_graph_formats(tmp_path, small_graph, write_book):
    for path in (write_graphml(small_graph, tmp_path / "g.graphml"),
                 write_gexf(small_graph, tmp_path / "g.gexf"),
                 write_kumu(small_graph, tmp_path / "g.xlsx")):
        data = read(path)
        assert set(zip(data.ties["source"], data.ties["target"])) == {("A", "B")}
        assert data.actors.loc["A", "name"] == "Jugendamt Köln"
    assert read(tmp_path / "g.xlsx").kind == "kumu"


def test_read_affiliations(write_file):
    data = read(write_file("p.csv", "actor,affiliation\nA,P1\nB,P1\nC,P2\n"))
    assert data.kind == "affiliations"


def test_read_rejects_members_and_unknown_format(write_file):
    with pytest.raises(SchemaError, match=r"'m\.csv': is a member list .* --actors"):
        read(write_file("m.csv", "actor,name\nA1,Stadt\n"))
    with pytest.raises(ParameterError, match="format must be one of"):
        read(write_file("e.csv", "source,target\nA,B\n"), format="pajek")


def test_read_dataframe():
    with warnings.catch_warnings():
        warnings.simplefilter("error", DataQualityWarning)
        data = read(pd.DataFrame({"From": ["A"], "To": ["B"]}))
    assert data.kind == "edgelist"
    assert detect_format(pd.DataFrame({"actor": ["A"], "affiliation": ["P"]})) == "affiliations"
