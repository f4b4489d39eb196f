"""The XLSForm converts to an XForm with pyxform, without errors or warnings.

pyxform (the XLSForm reference implementation used by KoboToolbox and ODK
Central) raises PyXFormError on an invalid form and lists warnings in
ConvertResult.warnings; the tests require neither.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

pyxform = pytest.importorskip("pyxform")
from pyxform.xls2xform import convert  # noqa: E402

from sysmap.instrument import survey_instrument  # noqa: E402

NS = {"x": "http://www.w3.org/2002/xforms", "h": "http://www.w3.org/1999/xhtml",
      "jr": "http://openrosa.org/javarosa"}


def _convert(survey, tmp_path):
    path = survey.save(tmp_path / "form.xlsx")
    warnings: list[str] = []
    result = convert(str(path), warnings=warnings)
    assert warnings == [] and result.warnings == []
    return ET.fromstring(result.xform)


def _items(root, instance):
    inst = root.find(f".//x:instance[@id='{instance}']", NS)
    return [(i.findtext("x:name", namespaces=NS), i.findtext("x:label", namespaces=NS),
             i.findtext("x:sector", namespaces=NS)) for i in inst.iterfind(".//x:item", NS)]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_sample_converts_without_warnings(sample_members, lang, tmp_path):
    survey = survey_instrument(sample_members, tool="xlsform", lang=lang)
    root = _convert(survey, tmp_path)
    members = _items(root, "members")
    assert members[:-1] == [(m.code, m.name, f"s{survey.sectors.index(m.sector) + 1}")
                            for m in survey.members]
    assert members[-1][:2] == ("other", survey.other.label)
    for item in survey.items:
        listed = _items(root, "relation" if item.multiple else item.name)
        assert [(code, label) for code, label, _ in listed] == [
            (c.code, c.label) for c in item.choices]
    binds = {b.get("nodeset"): b.attrib for b in root.iterfind(".//x:bind", NS)}
    assert binds["/data/respondent"]["required"] == "true()"
    assert "count-selected( /data/partners )" in binds["/data/ratings_count"]["calculate"]
    assert binds["/data/ratings/partner"]["calculate"].startswith("selected-at(")
    repeat = root.find(".//x:repeat", NS)
    assert repeat.get("nodeset") == "/data/ratings"
    assert repeat.get(f"{{{NS['jr']}}}count") == " /data/ratings_count "
    # one pick per sector, each filtered to its sector and without the own organization
    selects = root.findall(".//x:group[@ref='/data/partners_group']/x:select", NS)
    assert [s.findtext("x:label", namespaces=NS) for s in selects] == list(survey.sectors)
    for k, select in enumerate(selects, start=1):
        nodeset = select.find("x:itemset", NS).get("nodeset")
        assert f"sector = 's{k}'" in nodeset and "name !=  /data/respondent" in nodeset
    rated = [e.get("ref").rsplit("/", 1)[1]
             for e in root.find(".//x:repeat/x:group", NS) if e.get("ref")]
    assert rated == [item.name for item in survey.items]


def test_hostile_names_convert_and_stay_text(hostile_members, tmp_path):
    survey = survey_instrument(hostile_members, tool="xlsform")
    root = _convert(survey, tmp_path)
    labels = {code: label for code, label, _ in _items(root, "members")}
    for m in survey.members:
        assert labels[m.code] == m.name.replace("${", "$\u200b{")
    assert labels["H2"] == '=HYPERLINK("http://evil","click")'


def test_custom_items_convert(sample_members, tmp_path):
    items = ["intensity", {"item": "closeness", "question": "How close is ${x}?",
                           "answers": "1=far|2=close"}]
    survey = survey_instrument(sample_members, tool="xlsform", items=items)
    root = _convert(survey, tmp_path)
    assert [c for c, _, _ in _items(root, "closeness")] == ["1", "2"]
