"""Member lists: ids, names, aliases, respondent flags, and every error path."""

from __future__ import annotations

import pandas as pd
import pytest

from sysmap.exceptions import DataQualityWarning, InputError, RowError, SchemaError
from sysmap.io import read_actors


def test_reads_member_list(members_csv):
    members = read_actors(members_csv)
    assert list(members.actors.index) == ["A1", "A2", "A3", "A4"]
    assert members.actors.loc["A3", "name"] == "Grundschule Am Mühlbach"
    assert members.actors.loc["A1", "aliases"] == ["Stadtverwaltung", "SR"]
    assert members.actors["responded"].tolist() == [True, True, False, True]
    assert members.actors.loc["A2", "sector"] == "Civil society"
    assert members.registry.resolve("GS Mühlbach").actor == "A3"


def test_names_as_ids_when_no_id_column(write):
    path = write("m.csv", "name,sector\nStadt,City\nSchule,Schools\n")
    members = read_actors(path)
    assert list(members.actors.index) == ["Schule", "Stadt"]
    assert "names are used as actor ids" in members.report.notes[-1]


def test_columns_mapping(write):
    path = write("m.csv", "ID;Organisation;Bereich\n7;Stadt;City\n")
    members = read_actors(path, columns={"actor": "ID", "name": "Organisation", "sector": "Bereich"})
    assert members.actors.loc["7", "sector"] == "City"


def test_missing_id_and_name(write):
    path = write("m.csv", "org,sector\nStadt,City\n")
    with pytest.raises(SchemaError, match=r"'m.csv' column 'actor': the member list has no column "
                       r"'actor'; found 'org', 'sector'"):
        read_actors(path)


def test_all_problems_reported_at_once(write):
    path = write(
        "m.csv",
        "actor,name,responded\n"
        "A1,Stadt,yes\n"
        ",Schule,no\n"           # row 3: blank id
        "A1,Stiftung,yes\n"      # row 4: duplicate id
        "A4,Verein,vielleicht\n",  # row 5: bad yes/no
    )
    with pytest.raises(InputError) as exc:
        read_actors(path, errors="raise")
    problems = exc.value.report.problems
    assert problems["row"].tolist() == [3, 4, 5]
    assert problems["check"].tolist() == ["blank_id", "duplicate_id", "yes_no"]
    msg = str(exc.value)
    assert "3 problems" in msg
    assert "'m.csv' row 4, column 'actor': actor id 'A1' is already used in row 2" in msg
    assert "'m.csv' row 5, column 'responded': expected yes/no" in msg and "'vielleicht'" in msg


def test_single_bad_cell_is_a_row_error(write):
    path = write("m.csv", "actor,name,responded\nA1,Stadt,maybe\n")
    with pytest.raises(RowError, match=r"'m.csv' row 2, column 'responded'") as exc:
        read_actors(path, errors="raise")
    assert (exc.value.source, exc.value.row, exc.value.column, exc.value.value) == (
        "m.csv", 2, "responded", "maybe")


def test_collect_returns_valid_rows(write):
    path = write("m.csv", "actor,name\nA1,Stadt\nA1,Schule\n")
    members = read_actors(path, errors="collect")
    assert list(members.actors.index) == ["A1"]
    assert len(members.report.errors) == 0  # repaired: the second row is dropped
    with pytest.warns(DataQualityWarning, match=r"row 3, column 'actor'.*this row was dropped"):
        members = read_actors(path)
    assert members.actors.loc["A1", "name"] == "Stadt"
    assert members.report.problems[["check", "action"]].values.tolist() == [
        ["duplicate_id", "dropped"]]


def test_float_ids_from_excel_are_repaired(tmp_path):
    path = tmp_path / "m.xlsx"
    pd.DataFrame({"actor": [1.0, 2.0, 12.0], "name": ["Stadt", "Schule", "Verein"]}).to_excel(
        path, index=False
    )
    assert list(read_actors(path).actors.index) == ["1", "12", "2"]


def test_duplicate_names_are_an_error(write):
    path = write("m.csv", "actor,name\nA1,Stadt\nA2,Stadt\n")
    with pytest.raises(SchemaError, match="'A1' and 'A2' are both called 'Stadt'"):
        read_actors(path)


def test_alias_table(members_csv, write):
    aliases = write("aliases.csv", "alias,actor\nKinderhilfe Rheinstadt,A2\n")
    members = read_actors(members_csv, aliases=aliases)
    assert members.registry.resolve("Kinderhilfe Rheinstadt").actor == "A2"


def test_alias_table_errors(members_csv, write):
    aliases = write("aliases.csv", "alias,actor\nX,Z9\nSR,A2\nJH,A3\n")
    with pytest.raises(RowError, match=r"'aliases.csv' row 3, column 'alias': alias 'SR' of "
                       r"actor 'A2' is already a name or alias of actor 'A1'"):
        read_actors(members_csv, aliases=aliases)


def test_alias_table_across_waves_skips_absent_actors(members_csv, write):
    # one alias table is kept for all waves: actors who left are not an error
    aliases = write("aliases.csv", "alias,actor\nX,Z9\nJH,A3\n")
    members = read_actors(members_csv, aliases=aliases)
    assert members.registry.resolve("JH").actor == "A3"
    assert any("1 aliases name actors not on this member list" in n and "'X' (Z9, row 2)" in n
               for n in members.report.notes)


def test_empty_file(write):
    with pytest.raises(SchemaError, match="'m.csv': the file is empty"):
        read_actors(write("m.csv", ""))


def test_header_only(write):
    with pytest.raises(SchemaError, match="the table has no data rows"):
        read_actors(write("m.csv", "actor,name\n"))


def test_missing_file(tmp_path):
    with pytest.raises(SchemaError, match="file not found"):
        read_actors(tmp_path / "nope.csv")


def test_float_ids_in_csv_are_repaired_and_reported(write):
    members = read_actors(write("m.csv", "actor,name\n1.0,Stadt\n12.0,Schule\n"))
    assert list(members.actors.index) == ["1", "12"]
    problem = members.report.problems.iloc[0]
    assert (problem["check"], problem["action"], problem["row"]) == ("float_id", "repaired", 2)
    assert "2 ids were written as decimals (e.g. '1.0')" in problem["message"]


def test_gephi_node_table_id_and_label(write):
    members = read_actors(write("nodes.csv", "Id,Label,sector\n1,COUN,GOV\n2,COMM,PVT\n"))
    assert members.actors["name"].to_dict() == {"1": "COUN", "2": "COMM"}
    assert members.registry.resolve("COMM").actor == "2"
