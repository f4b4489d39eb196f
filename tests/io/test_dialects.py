"""CSV dialects, encodings, workbooks and broken files, as users export them.

Every file is built in the test (tmp_path) from the bytes the named program
writes: Excel's "CSV (Trennzeichen-getrennt)" in a German locale is
``;``-separated cp1252 with CRLF line ends; Excel's "Unicode text" is UTF-16
LE with a byte-order mark and tabs; Excel for Mac's "CSV (Macintosh)" ends
lines with a bare CR.
"""

from __future__ import annotations

import csv
import warnings
import zipfile

import openpyxl
import pandas as pd
import pytest
import sysmap_test_strategies as strategies
from hypothesis import HealthCheck, given, settings

from sysmap.exceptions import DataQualityWarning, ParameterError, SchemaError
from sysmap.io.detect import detect_format, read
from sysmap.io.dialect import detect_separator, parse_sep
from sysmap.io.edgelist import read_edgelist
from sysmap.io.report import IngestReport
from sysmap.io.tables import ROW, read_table

# Excel (German locale) "CSV": the first data rows hold quoted names with commas.
GERMAN_EXCEL = (
    "respondent;partner;intensity;Bemerkung\r\n"
    '"Stadt Essen, Jugendamt";"Schule am Park, Grundschule";3;"wöchentlich, gut"\r\n'
    '"Schule am Park, Grundschule";Bürgerstiftung Süd;2;\r\n'
    'Bürgerstiftung Süd;"Stadt Essen, Jugendamt";4;Straße\r\n'
)


def table(path, **kwargs):
    """read_table with a fresh report: (frame, report)."""
    report = IngestReport()
    return read_table(path, report, **kwargs), report


def messages(report, lang="en"):
    return report.problems_in(lang)["message"].tolist()


# -- separators ----------------------------------------------------------------
def test_excel_german_csv_with_quoted_commas(tmp_path):
    path = tmp_path / "welle1.csv"
    path.write_bytes(GERMAN_EXCEL.encode("cp1252"))
    assert detect_separator(GERMAN_EXCEL) == ";"
    frame, report = table(path)
    assert frame.columns.tolist() == [ROW, "respondent", "partner", "intensity", "Bemerkung"]
    assert frame["respondent"].tolist() == [
        "Stadt Essen, Jugendamt",
        "Schule am Park, Grundschule",
        "Bürgerstiftung Süd",
    ]
    assert frame["Bemerkung"].tolist() == ["wöchentlich, gut", "", "Straße"]
    assert frame[ROW].tolist() == [2, 3, 4]
    assert report.notes == [
        "'welle1.csv' is not UTF-8; read it as cp1252 (a Windows/Excel export). If names "
        "look wrong, save the file as 'CSV UTF-8' and read it again.",
        "'welle1.csv': columns separated by ';'.",
    ]
    data = read(path)  # the format is detected from the ';'-split header
    assert data.kind == "survey"
    assert ("Stadt Essen, Jugendamt", "Schule am Park, Grundschule") in set(
        zip(data.ties["source"], data.ties["target"])
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a,b\n1,2\n", ","),
        ("a;b\n1,5;2,5\n", ";"),  # decimal commas do not make ',' the separator
        ("a\tb\n1\t2\n", "\t"),
        ("a|b\n1|2\n", "|"),
        ('a;b\n"x, y, z";"1;2"\n', ";"),
        ("name\nStadt\n", ","),  # one column: nothing to detect, comma
        # a header cell with a comma, rows without: ';' is consistent, ',' is not
        ("Name, Ort;Partner\nA;B\nC;D\n", ";"),
        # found by hypothesis: csv.Sniffer (used before) says ';' for this
        ('"respondent","partner","intensity"\n";;",";;","1"\n";;",";;","1"\n', ","),
    ],
)
def test_detect_separator(text, expected):
    assert detect_separator(text) == expected


def test_separator_tie_broken_by_needed_columns():
    # Both ',' and ';' give two columns on every row; only ';' gives the needed header.
    text = "respondent;partner,x\nA;B,1\n"
    assert detect_separator(text) == ","
    assert detect_separator(text, lambda h: {"respondent", "partner,x"} <= set(h)) == ";"


def test_sep_given(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("a|b,c\n1|2,3\n", encoding="utf-8")  # ',' and '|' both fit
    assert table(path)[0].columns.tolist() == [ROW, "a|b", "c"]  # ties go to ','
    assert table(path, sep="|")[0].columns.tolist() == [ROW, "a", "b,c"]
    assert [parse_sep(s) for s in (",", ";", "|", "\t", "tab", "TAB", "\\t")] == [
        ",", ";", "|", "\t", "\t", "\t", "\t",
    ]  # fmt: skip
    with pytest.raises(ParameterError) as exc:
        table(path, sep="::")
    assert exc.value.args[0] == "sep must be ',', ';', 'tab' (or '\\t') or '|'; got '::'."
    assert exc.value.args[0].render("de").startswith("sep muss ")


def test_wrong_separator_is_shown_split_with_the_fix(tmp_path):
    path = tmp_path / "welle1.csv"
    path.write_bytes(GERMAN_EXCEL.encode("cp1252"))
    frame, report = table(path, sep=",")
    assert frame.columns[1] == "respondent;partner;intensity;Bemerkung"  # nothing dropped
    assert len(frame) == 3
    hint = (
        "'welle1.csv': the header was read as one column ('respondent;partner;intensity;"
        "Bemerkung'), but it contains ';': the file seems to be separated by ';'. Name the "
        "separator: sep=';' (command line: --sep ';')."
    )
    assert messages(report) == [hint]
    assert "(Kommandozeile: --sep ';')" in messages(report, "de")[0]
    # the reader's missing-column error comes with the hint
    with pytest.raises(SchemaError) as exc:
        read_edgelist(path, sep=",", columns={"source": "respondent", "target": "partner"})
    assert hint in exc.value.report.problems["message"].tolist()


def test_row_with_extra_cells_is_dropped_and_named(tmp_path):
    path = tmp_path / "e.csv"
    path.write_text("source,target\nA,B\nStadt Essen, Jugendamt,C\nC,D,,\n", encoding="utf-8")
    frame, report = table(path)
    assert frame[ROW].tolist() == [2, 4]  # row 4's extra cells are blank: kept
    assert messages(report) == [
        "'e.csv' row 3: the row has 3 cells but the header has 2 columns (extra cells: "
        "'C'); the row was dropped. Put names that contain the separator ',' in quotes, "
        "or remove the extra separator."
    ]
    assert report.count("dropped") == 1


def test_header_without_corner_cell(tmp_path):
    # R's write.table(m) writes no header cell above the row labels.
    path = tmp_path / "m.csv"
    path.write_text('"A" "B"\n"A" 0 1\n"B" 1 0\n'.replace(" ", ","), encoding="utf-8")
    frame, report = table(path)
    assert frame.columns.tolist() == [ROW, "Unnamed: 0", "A", "B"]
    assert frame["Unnamed: 0"].tolist() == ["A", "B"]
    assert "the first column was read as the row labels" in report.notes[0]
    assert detect_format(path) == "adjacency"


# -- encodings and line endings --------------------------------------------------
@pytest.mark.parametrize(
    ("encoding", "bom", "note"),
    [
        ("utf-8", b"", None),
        ("utf-8", b"\xef\xbb\xbf", None),
        ("cp1252", b"", "read it as cp1252"),
        ("latin-1", b"", "read it as cp1252"),  # the same bytes for these letters
        ("utf-16-le", b"\xff\xfe", "read as UTF-16 LE (Excel's 'Unicode text')"),
        ("utf-16-be", b"\xfe\xff", "read as UTF-16 BE (Excel's 'Unicode text')"),
        ("utf-32-le", b"\xff\xfe\x00\x00", "read as UTF-32 LE"),
        ("utf-16-le", b"", "read as UTF-16 LE (recognised by its NUL bytes"),
        ("utf-16-be", b"", "read as UTF-16 BE (recognised by its NUL bytes"),
    ],
)
def test_encodings(tmp_path, encoding, bom, note):
    text = "respondent\tpartner\r\nBürgerstiftung Süd\tStraßenbahn Nord\r\n"
    path = tmp_path / "unicode.txt"
    path.write_bytes(bom + text.encode(encoding))
    frame, report = table(path)
    assert frame.columns.tolist() == [ROW, "respondent", "partner"]  # no BOM in the name
    assert frame.iloc[0, 1:].tolist() == ["Bürgerstiftung Süd", "Straßenbahn Nord"]
    encoding_notes = [n for n in report.notes if "read" in n]
    assert (encoding_notes == []) if note is None else (note in encoding_notes[0])


def test_latin1_only_bytes(tmp_path):
    # 0x81 is undefined in cp1252: the file can only be Latin-1.
    path = tmp_path / "l.csv"
    path.write_bytes(b"name,sector\nA\x81,GOV\n")
    frame, report = table(path)
    assert "read it as latin-1" in report.notes[0]
    assert frame["name"].tolist() == ["A"]  # U+0081 is a control character: removed
    assert report.problems["check"].tolist() == ["control_characters"]


def test_broken_utf16_is_a_message(tmp_path):
    path = tmp_path / "u.txt"
    # byte-order mark (2 bytes), 4 characters (8 bytes), then half a character at byte 10
    path.write_bytes(b"\xff\xfe" + "a\tb\n".encode("utf-16-le") + b"\x00")
    frame, report = table(path)
    assert frame is None
    assert messages(report) == [
        "'u.txt': is marked as UTF-16 LE but is not valid UTF-16 LE (at byte 10). Save the "
        "file again, e.g. as 'CSV UTF-8'."
    ]


@pytest.mark.parametrize("ending", ["\r", "\r\n", "\n", "mixed"])
def test_line_endings(tmp_path, ending):
    lines = ["source;target", '"Stadt, Amt";B', "B;C", "", "C;D"]
    if ending == "mixed":
        text = "source;target\r" + '"Stadt, Amt";B\r\n' + "B;C\n\rC;D\r\n"
    else:
        text = ending.join(lines) + ending
    path = tmp_path / "mac.csv"
    path.write_bytes(text.encode("cp1252"))
    frame, report = table(path)
    assert frame[["source", "target"]].values.tolist() == [["Stadt, Amt", "B"], ["B", "C"],
                                                           ["C", "D"]]  # fmt: skip
    assert frame[ROW].tolist() == [2, 3, 5]  # the blank row 4 is counted
    assert "1 blank row(s) skipped" in report.notes[-1]


# -- broken files ------------------------------------------------------------------
def test_unclosed_quote(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text('source,target\nA,B\nC,"D\nE,F\nG,H\n', encoding="utf-8")
    frame, report = table(path)
    assert messages(report) == [
        "'q.csv' row 3: a quote (\") opened in this row is never closed, so the rest of "
        "the file was read as one cell. Close the quote or remove it."
    ]
    assert report.errors  # structural: the reader stops
    with pytest.raises(Exception, match="never closed"):
        read_edgelist(path)
    # a closed quote spanning lines is a cell with a line break, not an error
    path.write_text('source,target\nA,"B\nC"\nD,E\n', encoding="utf-8")
    frame, report = table(path)
    assert frame["target"].tolist() == ["B\nC", "E"] and not messages(report)


def test_field_over_the_csv_limit(tmp_path):
    # csv.field_size_limit() is 131,072 characters by default.
    long = "x" * 200_000
    path = tmp_path / "long.csv"
    path.write_text(f"source,target,note\nA,B,{long}\nB,C,{long},{long}\n", encoding="utf-8")
    limit = csv.field_size_limit()
    frame, report = table(path)
    assert csv.field_size_limit() == limit  # restored
    assert len(frame.loc[0, "note"]) == 200_000
    (message,) = messages(report)  # the second row has a cell too many
    assert len(message) < 400 and "'xxxxxxxx" in message and "…'" in message


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
        (b"\x1f\x8b\x08\x00" + bytes(100), "a compressed (gzip) file"),
        (b"a,b\n" + bytes(range(256)) * 4, "binary data (NUL bytes or control codes)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), None),  # old .xls: see below
    ],
)
def test_binary_junk_is_a_message(tmp_path, content, kind):
    path = tmp_path / "survey.csv"
    path.write_bytes(content)
    frame, report = table(path)
    assert frame is None
    (message,) = messages(report)
    if kind is None:
        assert message.startswith("'survey.csv': is an old Excel workbook (.xls)")
    else:
        assert message == (
            f"'survey.csv': is not a table but {kind}. Open it in the program that made it "
            "and save it as 'CSV UTF-8' or as an Excel workbook (.xlsx)."
        )
    with pytest.raises(SchemaError) as exc:
        detect_format(path)
    assert exc.value.args[0] == message
    assert exc.value.args[0].render("de").startswith("'survey.csv': ist ")


def test_zip_renamed_csv(tmp_path):
    path = tmp_path / "data.csv"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert messages(table(path)[1]) == [
        "'data.csv': is not a table but a ZIP archive. Open it in the program that made it "
        "and save it as 'CSV UTF-8' or as an Excel workbook (.xlsx)."
    ]


def test_wrong_extensions_read_by_content(tmp_path):
    book = tmp_path / "edges.csv"  # a workbook saved under a .csv name
    pd.DataFrame({"source": ["A"], "target": ["B"]}).to_excel(book, index=False)
    frame, report = table(book)
    assert frame[["source", "target"]].values.tolist() == [["A", "B"]]
    assert report.notes[0] == (
        "'edges.csv' is an Excel workbook although its name ends in '.csv'; read as Excel."
    )
    text = tmp_path / "edges.xlsx"  # a CSV saved under an .xlsx name
    text.write_text("source;target\nA;B\n", encoding="utf-8")
    frame, report = table(text)
    assert frame[["source", "target"]].values.tolist() == [["A", "B"]]
    assert "is a text table although its name ends in '.xlsx'" in report.notes[0]
    assert read(text).kind == "edgelist"


def test_folder_and_missing_file(tmp_path):
    folder = tmp_path / "daten"
    folder.mkdir()
    (folder / "welle1.csv").write_text("a,b\n", encoding="utf-8")
    (folder / "notes.docx").write_bytes(b"")
    frame, report = table(folder)
    assert frame is None
    assert messages(report) == [
        "'daten': is a folder, not a file. Name a CSV or Excel file in it, e.g. welle1.csv."
    ]
    assert messages(report, "de") == [
        "'daten': ist ein Ordner, keine Datei. Nennen Sie eine CSV- oder Excel-Datei darin, "
        "z. B. welle1.csv."
    ]
    with pytest.raises(SchemaError, match="is a folder"):
        read(folder)
    with pytest.raises(SchemaError, match="is a folder"):
        read_edgelist(folder)
    with pytest.raises(SchemaError) as exc:
        read(tmp_path / "missing.csv")
    assert exc.value.args[0].render("de") == (
        "'missing.csv': Datei nicht gefunden. Prüfen Sie den Pfad."
    )


def test_empty_files(tmp_path):
    for name, content in [("a.csv", b""), ("b.csv", b"\r\n\r\n"), ("c.txt", b"\xff\xfe")]:
        path = tmp_path / name
        path.write_bytes(content)
        assert messages(table(path)[1]) == [f"'{name}': the file is empty. Check the file."]
    header_only = tmp_path / "h.csv"
    header_only.write_text("source,target\n", encoding="utf-8")
    assert messages(table(header_only)[1]) == [
        "'h.csv': the table has no data rows. Check the file."
    ]


# -- control characters ------------------------------------------------------------
def test_control_characters_removed_and_reported(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("source,tar\x01get\nStadt\x01werke,B\nC\x0bD,E\nF,G\x7fH\n", encoding="utf-8")
    frame, report = table(path)
    assert frame.columns.tolist() == [ROW, "source", "target"]
    assert frame["source"].tolist() == ["Stadtwerke", "C D", "F"]  # \x0b reads as a space
    assert frame["target"].tolist() == ["B", "E", "GH"]
    assert messages(report) == [
        "'c.csv' column 'target': the column name contained control characters "
        "(invisible codes, e.g. 'tar\\x01get'); they were removed.",
        "'c.csv' row 2, column 'source': 2 cell(s) contained control characters (invisible "
        "codes, e.g. 'Stadt\\x01werke'); they were removed. Rows: 2, 3.",
        "'c.csv' row 4, column 'target': 1 cell(s) contained control characters (invisible "
        "codes, e.g. 'G\\x7fH'); they were removed. Rows: 4.",
    ]
    assert set(report.problems["action"]) == {"repaired"}
    assert not report.errors
    assert "Steuerzeichen" in messages(report, "de")[1]


def test_control_characters_in_a_frame():
    frame, report = table(pd.DataFrame({"name": ["A\x01", "B"]}))
    assert frame["name"].tolist() == ["A", "B"]
    assert report.problems["row"].tolist() == [2]


# -- workbooks ---------------------------------------------------------------------
@pytest.fixture
def two_sheet_book(tmp_path):
    """A cover sheet, then the data under a title row and a blank row."""
    path = tmp_path / "befragung.xlsx"
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "Deckblatt"
    cover["A1"] = "Partnerbefragung 2024"
    cover["A3"] = "Bildungsallianz Rheinstadt"
    data = book.create_sheet("Daten")
    data["A1"] = "Partnerbefragung 2024 - Export vom 3. Mai"
    data.append([])
    data.append(["respondent", "partner", "intensity"])
    data.append(["Stadt Essen, Jugendamt", "Schule am Park", 3])
    data.append(["Schule am Park", "Bürgerstiftung", 2])
    book.create_sheet("Leer")
    book.save(path)
    return path


def test_workbook_first_sheet_with_the_needed_columns(two_sheet_book):
    frame, report = table(two_sheet_book)
    assert frame.columns.tolist() == [ROW, "respondent", "partner", "intensity"]
    assert frame[ROW].tolist() == [4, 5]  # Excel's row numbers
    assert frame["intensity"].tolist() == ["3", "2"]
    assert report.notes == [
        "'befragung.xlsx': read sheet 'Daten', the first with the columns needed (sheets: "
        "'Deckblatt', 'Daten', 'Leer'). Choose another with sheet='NAME' (command line: "
        "--sheet NAME).",
        "'befragung.xlsx': sheet 'Daten': title rows above the header skipped; the header "
        "is row 3.",
    ]
    data = read(two_sheet_book)
    assert data.kind == "survey" and len(data.ties) == 2
    assert data.ties["row"].tolist() == [4, 5] or sorted(data.ties["row"]) == [4, 5]


def test_workbook_sheet_by_name_or_position(two_sheet_book):
    for sheet in ("Daten", "daten", 1):
        frame, report = table(two_sheet_book, sheet=sheet)
        assert frame["respondent"].tolist() == ["Stadt Essen, Jugendamt", "Schule am Park"]
        assert report.notes[0] == "'befragung.xlsx': read sheet 'Daten'."
    frame, report = table(two_sheet_book, sheet="Leer")
    assert messages(report) == [
        "'befragung.xlsx': sheet 'Leer' is empty. Name the sheet with the data: "
        "sheet='NAME' (command line: --sheet NAME)."
    ]
    for sheet, shown in (("Data", "'Data'"), (7, "7")):
        frame, report = table(two_sheet_book, sheet=sheet)
        assert frame is None
        assert messages(report) == [
            f"'befragung.xlsx': there is no sheet {shown}; the workbook has the sheets "
            "'Deckblatt', 'Daten', 'Leer'. Name one of them: sheet='NAME' (command line: "
            "--sheet NAME)."
        ]


def test_workbook_without_a_fitting_sheet(two_sheet_book):
    frame, report = table(two_sheet_book, needed=lambda header: "Organisation" in header)
    assert frame is None
    assert messages(report) == [
        "'befragung.xlsx': no sheet has the columns needed. The sheets and their first rows: "
        "'Deckblatt' ('Partnerbefragung 2024'); 'Daten' ('respondent', 'partner', "
        "'intensity'); 'Leer' (—). Name the sheet to read: sheet='NAME' (command line: "
        "--sheet NAME)."
    ]
    assert "(Kommandozeile: --sheet NAME)" in messages(report, "de")[0]


def test_single_column_sheet_is_not_a_title(tmp_path):
    path = tmp_path / "names.xlsx"
    pd.DataFrame({"name": ["Stadt", "Schule"]}).to_excel(path, index=False)
    frame, report = table(path)
    assert frame["name"].tolist() == ["Stadt", "Schule"] and report.notes == []


# -- the same table in every dialect -------------------------------------------------
@settings(max_examples=80, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(case=strategies.dialect_tables())
def test_any_dialect_reads_the_same_table_and_network(tmp_path, case):
    dialect, rows = case
    reference = strategies.Dialect(",", csv.QUOTE_MINIMAL, "utf-8", "\n")
    expected_path = reference.write(tmp_path / "reference.csv", rows)
    path = dialect.write(tmp_path / "export.csv", rows)
    frame, report = table(path)
    assert frame.columns.tolist() == [ROW, *rows[0]], dialect
    assert frame.drop(columns=ROW).values.tolist() == rows[1:], dialect
    assert frame[ROW].tolist() == list(range(2, len(rows) + 1))
    assert not report.errors
    with warnings.catch_warnings():  # self-ties, merged spellings: compared below
        warnings.simplefilter("ignore", DataQualityWarning)
        got, expected = read(path), read(expected_path)
    assert got.kind == expected.kind == "survey"
    located = ["row", "column", "check"]
    pd.testing.assert_frame_equal(got.report.problems[located], expected.report.problems[located])
    columns = ["source", "target", "intensity"]
    pd.testing.assert_frame_equal(got.ties[columns], expected.ties[columns])
    pd.testing.assert_frame_equal(got.actors, expected.actors)
