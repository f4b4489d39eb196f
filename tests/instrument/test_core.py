"""The instrument: members in the order shown, their codes, the description read back."""

from __future__ import annotations

import pandas as pd
import pytest

import sysmap
from sysmap.exceptions import ParameterError, SchemaError
from sysmap.instrument import Instrument, read_instrument, survey_instrument

TOOLS = {"limesurvey": ".txt", "xlsform": ".xlsx", "excel": ".xlsx"}


def test_members_by_sector_then_name_with_their_ids_as_codes(sample_members):
    survey = survey_instrument(sample_members)
    members = survey.members
    assert len(members) == 100  # members_wave1.csv has 100 members
    # sectors alphabetically (sample README: seven sectors), names alphabetically in each
    assert survey.sectors == ("Business", "Civil society", "Foundations", "Health",
                              "Higher education", "Municipality", "Schools")
    business = [m.name for m in members if m.sector == "Business"]
    assert business[:2] == ["Bäckerei Schäfer GmbH & Co. KG", "Chemiepark Rheinstadt GmbH"]
    assert all(m.code == m.actor for m in members)  # BA001 ... are valid codes


def test_members_without_a_sector_come_last_and_ids_that_are_no_codes_get_positions():
    frame = pd.DataFrame({"actor": ["1", "2", "3"], "name": ["Zoo", "Ärztekammer", "Amt"],
                          "sector": ["", "Health", "Health"]})
    survey = survey_instrument(frame, lang="de")
    assert [(m.code, m.actor, m.name) for m in survey.members] == [
        ("P001", "3", "Amt"), ("P002", "2", "Ärztekammer"), ("P003", "1", "Zoo")]
    assert survey.sectors == ("Health", "")
    assert survey.sector_label("") == "Weitere Mitglieder"


def test_sysmap_exports_the_instrument_functions():
    assert sysmap.survey_instrument is survey_instrument
    assert sysmap.read_instrument is read_instrument


@pytest.mark.parametrize("tool", TOOLS)
@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_file_carries_its_description(tool, lang, sample_members, hostile_members,
                                            tmp_path):
    for members in (sample_members, hostile_members):
        survey = survey_instrument(members, tool=tool, lang=lang)
        path = survey.save(tmp_path / f"survey{TOOLS[tool]}")
        back = read_instrument(path)
        assert back == survey
        assert back.describe()["members"] == survey.describe()["members"]


def test_description_lists_codes_values_and_labels(hostile_members):
    description = survey_instrument(hostile_members, tool="xlsform").describe()
    assert description["sysmap_instrument"] == 1
    assert description["other"] == {"code": "other",
                                    "label": "Other organization (not on the list)"}
    names = {m["actor"]: m["name"] for m in description["members"]}
    assert names["H2"] == '=HYPERLINK("http://evil","click")'
    intensity = description["items"][0]
    assert intensity["choices"][3] == {"code": "4", "value": 4.0, "label": "Integration"}


def test_a_file_without_a_description_is_refused(tmp_path, write):
    path = write("other.txt", "class\tname\nQ\tq1\n")
    with pytest.raises(SchemaError, match="holds no sysmap instrument description"):
        read_instrument(path)
    with pytest.raises(SchemaError, match="holds no sysmap instrument description"):
        read_instrument(write("other.xlsx", "not a workbook"))


def test_the_suffix_must_fit_the_tool(sample_members, tmp_path):
    with pytest.raises(ParameterError, match=r"must end in \.txt"):
        survey_instrument(sample_members, tool="limesurvey").save(tmp_path / "x.xlsx")
    with pytest.raises(ParameterError, match="tool must be one of"):
        survey_instrument(sample_members, tool="surveymonkey")


def test_items_table_is_tidy(sample_members):
    table = survey_instrument(sample_members, items=["openness"], lang="de").items_table()
    assert table["label"].tolist() == ["Gar nicht", "Etwas", "Ziemlich", "Sehr"]
    survey = survey_instrument(sample_members)
    assert Instrument.from_description(survey.describe()) == survey
