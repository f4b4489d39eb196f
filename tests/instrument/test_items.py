"""The item set: PARTNER's default items and the --items file (CSV, Excel, YAML).

Expected codes and labels come from sysmap's answer scales
(sysmap.io.scales.ANSWER_SCALES): intensity 1 awareness ... 4 integration,
trust and value 1 "not at all" ... 4 "a great deal" (PARTNER, Varda et al.
2008), frequency 1 yearly ... 5 daily (the sample data's codes).
"""

from __future__ import annotations

import pandas as pd
import pytest

from sysmap.exceptions import InputError, ParameterError, SchemaError
from sysmap.instrument import DEFAULT_ITEMS, item_set
from sysmap.io.scales import ANSWER_SCALES


def _codes(item):
    return [(c.code, c.value, c.label) for c in item.choices]


def test_default_items_are_partners_with_the_scales_codes_and_labels():
    items = item_set()
    assert [i.name for i in items] == list(DEFAULT_ITEMS)
    assert _codes(items[0]) == [("1", 1.0, "Awareness"), ("2", 2.0, "Cooperation"),
                                ("3", 3.0, "Coordination"), ("4", 4.0, "Integration")]
    assert [c.value for c in items[1].choices] == [1.0, 2.0, 3.0, 4.0, 5.0]
    for item in items[2:8]:  # trust and value: PARTNER's 1-4 amount scale
        assert item.scale == "amount4"
        assert [c.label.lower() for c in item.choices] == [
            labels[0] for _, labels in ANSWER_SCALES["amount4"].points
        ]
    relation = items[-1]
    assert relation.multiple and [c.value for c in relation.choices] == [
        "information sharing", "joint programs", "funding"]
    assert [c.code for c in relation.choices] == ["R1", "R2", "R3"]


def test_german_labels_are_the_scales_german_names():
    items = {i.name: i for i in item_set(lang="de")}
    assert [c.label for c in items["intensity"].choices] == list(ANSWER_SCALES["intensity"].de)
    assert [c.label for c in items["reliability"].choices] == ["Gar nicht", "Etwas", "Ziemlich",
                                                               "Sehr"]
    assert [c.label for c in items["frequency"].choices] == ["Jährlich", "Quartalsweise",
                                                             "Monatlich", "Wöchentlich", "Täglich"]
    assert items["relation"].choices[0].label == "Informationsaustausch"
    assert items["intensity"].question.startswith("Wie würden Sie")


ITEMS_CSV = (
    "item;question_de;question_en;label_de;scale;answers_de;answers_en\n"
    "frequency;Wie oft?;;;;;\n"
    "intensity;;;Stufe;;;\n"
    'closeness;"Wie nah, ehrlich?";How close?;Nähe;;1=fern|2=nah|3=sehr nah;'
    "1=far|2=close|3=very close\n"
    "reliability;;;;agree5;1=gar nicht|5=völlig;\n"
    "relation;;;;;information sharing=Infos|events=Veranstaltungen;information sharing|events\n"
)


def test_items_file_chooses_renames_reorders_and_translates(write):
    path = write("items.csv", ITEMS_CSV, encoding="cp1252")  # Excel's German CSV
    de = item_set(path, "de")
    assert [i.name for i in de] == ["frequency", "intensity", "closeness", "reliability",
                                    "relation"]
    assert de[0].question == "Wie oft?" and de[1].label == "Stufe"
    assert _codes(de[2]) == [("1", 1.0, "fern"), ("2", 2.0, "nah"), ("3", 3.0, "sehr nah")]
    assert de[2].question == "Wie nah, ehrlich?" and de[2].scale is None
    # a built-in scale: the codes choose its points, the labels rename them
    assert de[3].scale == "agree5" and _codes(de[3]) == [("1", 1.0, "gar nicht"),
                                                         ("5", 5.0, "völlig")]
    assert _codes(de[4]) == [("R1", "information sharing", "Infos"),
                             ("R2", "events", "Veranstaltungen")]
    en = item_set(path, "en")
    assert en[0].question == "How often does your organization work with this partner?"
    assert _codes(en[2])[2] == ("3", 3.0, "very close")
    assert en[3].choices[1].label == "Strongly agree"  # agree5's 5, its English name
    assert _codes(en[4])[1] == ("R2", "events", "events")


def test_yaml_items_give_the_same_item_set(write):
    path = write("items.yaml", (
        "items:\n"
        "  - frequency\n"
        "  - item: closeness\n"
        "    question: {en: 'How close?', de: 'Wie nah?'}\n"
        "    answers_en: {1: far, 2: close}\n"
        "    answers_de: 1=fern|2=nah\n"
    ))
    items = item_set(path, "en")
    assert [i.name for i in items] == ["frequency", "closeness"]
    assert _codes(items[1]) == [("1", 1.0, "far"), ("2", 2.0, "close")]
    assert item_set(path, "de")[1].question == "Wie nah?"


def test_codes_that_are_not_whole_numbers_become_positional_codes():
    items = item_set([{"item": "frequency", "answers": "0|1|1.5|2"}])
    assert _codes(items[0])[1:3] == [("A2", 1.0, "Yearly"), ("A3", 1.5, "Half-yearly")]


def test_every_problem_of_an_items_file_is_reported_at_once(write):
    path = write("items.csv", (
        "item,scale,answers,questoin\n"
        "intensity,,,\n"
        "2nd item,,,\n"
        "closeness,often,,\n"
        "trust_x,,1=low|high,\n"
        "intensity,,,\n"
        "partners,,,\n"
        "own,,1=a|2=b,\n"
        "relation,amount4,,\n"
        "reliability,amount4,7,\n"
    ))
    with pytest.raises(InputError) as info:
        item_set(path)
    problems = info.value.report.problems
    assert sorted(set(problems["row"].dropna())) == [3, 4, 5, 6, 7, 8, 9, 10]
    text = " ".join(problems["message"])
    assert "'2nd item' cannot be an item name" in text  # row 3
    assert "'often' is not an answer scale" in text  # row 4
    assert "answer code 'high'" in text  # row 5
    assert "already given in row 2" in text  # row 6
    assert "'partners' is the name of a question" in text  # row 7
    assert "item 'own' has no question" in text  # row 8
    assert "take no scale" in text  # row 9
    assert "'7' is not a point of the scale 'amount4'" in text  # row 10
    assert "column 'questoin': this is not an items-file column" in text
    assert set(problems["check"]) == {"items"}


def test_a_broken_yaml_file_names_the_file(write):
    path = write("items.yaml", "- item: closeness\n  question: {en: How close?}\n")
    with pytest.raises(SchemaError, match="'items.yaml' cannot be read as YAML"):
        item_set(path)


def test_items_of_the_wrong_type_are_a_parameter_error():
    with pytest.raises(ParameterError, match="items= must be"):
        item_set(42)


def test_a_frame_works_like_a_file():
    frame = pd.DataFrame({"item": ["openness", "intensity"], "label": ["Offen", None]})
    items = item_set(frame)
    assert [(i.name, i.label) for i in items] == [("openness", "Offen"),
                                                  ("intensity", "Level of collaboration")]
