"""Answer scales: labels and codes read as numbers, user mappings, unknown labels.

Expected codes come from the vocabularies documented in sysmap.io.scales and
docs/input-formats.md: PARTNER intensity 1 awareness ... 4 integration and
trust/value 1 not at all ... 4 a great deal (Varda et al. 2008); frequency
0 never, 1 yearly, 1.5 half-yearly, 2 quarterly, 3 monthly, 4 weekly, 5 daily.
A 5-point scale read for a 1-4 item is rescaled linearly: v' = 1 + (v - 1) * 3/4,
so 1, 2, 3, 4, 5 -> 1, 1.75, 2.5, 3.25, 4.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from sysmap.exceptions import DataQualityWarning, InputError, ParameterError
from sysmap.i18n import catalogue
from sysmap.io import IngestReport, read_survey
from sysmap.io.answers import parse_numbers, read_items
from sysmap.io.scales import ANSWER_SCALES, read_scales, uncalculated_formulas

DATA = Path(__file__).resolve().parents[1] / "data" / "surveys"


def read_cells(cells, item, scale=(1, 4), **kwargs):
    """Read one column of `cells` as `item`; return (values, report)."""
    frame = pd.DataFrame({"_row": range(2, len(cells) + 2), "col": cells})
    report = IngestReport(sources=["s.csv"])
    values = read_items(frame, {item: "col"}, {item: scale}, report, "s.csv", **kwargs)[item]
    return values.tolist(), report


@pytest.mark.parametrize(
    ("item", "scale", "cells", "codes"),
    [
        (
            "intensity",
            (1, 4),
            ["awareness", "cooperation", "coordination", "integration"],
            [1, 2, 3, 4],
        ),
        (
            "intensity",
            (1, 4),
            ["Kenntnis", "Kooperation", "Koordination", "Integration"],
            [1, 2, 3, 4],
        ),
        (
            "intensity",
            (1, 4),
            ["Bewusstsein", "Zusammenarbeit", "Abstimmung", "integriert"],
            [1, 2, 3, 4],
        ),
        (
            "intensity",
            (1, 4),
            ["Cooperative", "Coordinated", "Integrated", "Awareness"],
            [2, 3, 4, 1],
        ),
        (
            "frequency",
            (0, 5),
            [
                "nie",
                "jährlich",
                "halbjährlich",
                "quartalsweise",
                "monatlich",
                "wöchentlich",
                "täglich",
            ],
            [0, 1, 1.5, 2, 3, 4, 5],
        ),
        (
            "frequency",
            (0, 5),
            [
                "never",
                "once a year or less",
                "twice a year",
                "about once a quarter",
                "monthly",
                "every week",
                "every day",
            ],
            [0, 1, 1.5, 2, 3, 4, 5],
        ),
        ("reliability", (1, 4), ["gar nicht", "etwas", "ziemlich", "sehr"], [1, 2, 3, 4]),
        (
            "openness",
            (1, 4),
            ["not at all", "a small amount", "a fair amount", "a great deal"],
            [1, 2, 3, 4],
        ),
        ("involvement", (1, 4), ["not at all", "somewhat", "quite", "very"], [1, 2, 3, 4]),
        (
            "reliability",
            (1, 4),
            ["stimme nicht zu", "stimme eher nicht zu", "stimme eher zu", "stimme zu"],
            [1, 2, 3, 4],
        ),
        (
            "reliability",
            (1, 4),
            ["strongly disagree", "disagree", "agree", "strongly agree"],
            [1, 2, 3, 4],
        ),
        # 5-point agreement on a 1-4 item: rescaled (module docstring formula)
        (
            "reliability",
            (1, 4),
            [
                "stimme gar nicht zu",
                "stimme eher nicht zu",
                "teils/teils",
                "stimme eher zu",
                "stimme voll zu",
            ],
            [1, 1.75, 2.5, 3.25, 4],
        ),
        (
            "openness",
            (1, 4),
            ["strongly disagree", "disagree", "neutral", "agree", "strongly agree"],
            [1, 1.75, 2.5, 3.25, 4],
        ),
        # 5-point amount (gar nicht, wenig, mittelmäßig, ziemlich, sehr)
        (
            "involvement",
            (1, 4),
            ["gar nicht", "wenig", "mittelmäßig", "ziemlich", "sehr"],
            [1, 1.75, 2.5, 3.25, 4],
        ),
        ("joint_funding", (0, 1), ["ja", "nein", "Yes", "no", "x"], [1, 0, 1, 0, 1]),
    ],
)
def test_builtin_vocabularies(item, scale, cells, codes):
    values, report = read_cells(cells, item, scale)
    assert values == pytest.approx(codes)
    assert report.problems.empty


def test_labels_match_ignoring_case_spaces_punctuation_and_umlaut_spelling():
    cells = ["  KOORDINATION. ", "kooperation!", '"Integration"', "Kenntnis;"]
    assert read_cells(cells, "intensity")[0] == [3, 2, 4, 1]
    cells = ["woechentlich", "Taeglich", "JAEHRLICH", "quartalsweise"]
    assert read_cells(cells, "frequency", (0, 5))[0] == [4, 5, 1, 2]
    # labels that start with a number are labels, not codes
    assert read_cells(["1x im Jahr", "2x jährlich", "1x pro Woche"], "frequency", (0, 5))[0] == [
        1,
        1.5,
        4,
    ]


def test_codes_written_with_their_label():
    cells = [
        "3 - coordination",
        "3 – Koordination",
        "(3) Koordination",
        "Koordination (3)",
        "3: Koordination",
        "Koordination [3]",
        "3) Koordination",
        "2 = Kooperation",
    ]
    values, report = read_cells(cells, "intensity")
    assert values == [3, 3, 3, 3, 3, 3, 3, 2]
    assert report.problems.empty


def test_the_label_decides_when_code_and_label_disagree():
    # a survey that coded frequency 1-7 wrote "5 - monatlich"; sysmap's monthly is 3
    values, report = read_cells(["5 - monatlich", "3"], "frequency", (0, 5))
    assert values == [3, 3]
    assert any("'5 - monatlich', read as 3" in n for n in report.notes)


def test_mixed_codes_and_labels_in_one_column_with_unknown_labels():
    """tests/data/surveys/mixed_codes_labels.csv: a survey-tool export (UTF-8 with BOM)."""
    data = read_survey(DATA / "mixed_codes_labels.csv", errors="collect")
    ties = data.ties.set_index("row")
    # rows 2-7: '3 - Koordination', '(2) Kooperation', 'Koordination (3)', '4',
    # '1 – Kenntnis', 'Integration'
    assert ties["intensity"].sort_index().tolist() == [3, 2, 3, 4, 1, 4]
    # frequency '4', 'monatlich' (3), '2 – quartalsweise' (2); rows 5-7 unknown labels
    assert ties["frequency"].sort_index().tolist()[:3] == [4, 3, 2]
    assert ties["frequency"].loc[[5, 6, 7]].isna().all()  # the ties stay
    problems = data.report.problems
    unknown = problems[problems["check"] == "unknown_label"]
    # one problem per cell, at its spreadsheet row (problems.csv lists each)
    assert unknown[["row", "column", "value"]].values.tolist() == [
        [5, "Häufigkeit", "ab und zu"],
        [6, "Häufigkeit", "ab und zu"],
        [7, "Häufigkeit", "selten"],
    ]
    assert (unknown["severity"] == "warning").all()
    # each names every unknown label of the column with its count, the rows and the fix
    message = unknown["message"].iloc[0]
    assert "Unknown answers in this column: 'ab und zu' (2), 'selten' (1) (rows 5, 6, 7)" in message
    assert "Häufigkeit,ab und zu,<number>" in message and "--scales FILE" in message
    german = data.report.problems_in("de")["message"].iloc[unknown.index[0]]
    assert "Unbekannte Antworten in dieser Spalte: 'ab und zu' (2), 'selten' (1)" in german
    assert "täglich (5)" in german and "daily" not in german


def test_unknown_labels_fail_fast_with_errors_raise():
    with pytest.raises(InputError, match="3 problems"):
        read_survey(DATA / "mixed_codes_labels.csv", errors="raise")


def test_many_unknown_rows_are_shortened_in_the_message():
    values, report = read_cells(["oft"] * 12, "frequency", (0, 5))
    assert all(math.isnan(v) for v in values)
    assert len(report.problems) == 12  # every cell is a problem ...
    # ... and the message names the first ten rows and how many more (rows 2-13)
    assert "(rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, … (+2))" in report.problems["message"][0]


def test_not_answered_labels_are_missing_and_noted():
    values, report = read_cells(
        ["weiß nicht", "keine Angabe", "k. A.", "don't know", "sehr"], "reliability"
    )
    assert values[-1] == 4 and all(math.isnan(v) for v in values[:4])
    assert report.problems.empty
    assert any("read as not answered (e.g. 'weiß nicht'): 4" in n for n in report.notes)


def test_numbers_only_columns_report_text_as_bad_numbers():
    frame = pd.DataFrame({"_row": [2, 3, 4], "weight": ["2,5", "n/a", "abc"]})
    report = IngestReport()
    values = parse_numbers(frame, "weight", report, "e.csv", scale=(0, math.inf), what="weight")
    assert values[0] == 2.5 and values[1:].isna().all()
    assert report.problems["check"].tolist() == ["scale", "scale"]


def test_frequency_codes_keep_their_meaning():
    # sysmap's numeric frequency codes 1 yearly ... 5 daily stay valid; 0 = never
    values, report = read_cells(["0", "1", "5", "6"], "frequency", (0, 5))
    assert values[:3] == [0, 1, 5] and math.isnan(values[3])
    assert report.problems["value"].tolist() == ["6"]


def test_one_note_per_scale_lists_its_columns():
    """tests/data/surveys/partner_en_labels.csv: six PARTNER items with 4-point labels
    (4 answers each, one 'Don't know' in trust_open)."""
    notes = read_survey(DATA / "partner_en_labels.csv").report.notes
    assert (
        "'partner_en_labels.csv': answers read as labels of the 4-point amount scale: "
        "'trust_reliable' (4), 'trust_mission' (4), 'trust_open' (3), 'value_power' (4), "
        "'value_involvement' (4), 'value_resources' (4)."
    ) in notes


def test_whole_column_rescaled_when_its_labels_are_five_point():
    # '5' is a code of the same 5-point scale as 'teils/teils' (3): both rescaled
    values, report = read_cells(["teils/teils", "5", "1"], "reliability")
    assert values == [2.5, 4, 1]
    assert any("rescaled from 1-5 to 1-4" in n for n in report.notes)


def test_your_numbers_are_not_rescaled():
    # the column reads as 5-point agreement (rescaled); your 'ab und zu' = 2 stays 2
    values, report = read_cells(
        ["teils/teils", "ab und zu", "ab und zu"],
        "reliability",
        mapping=read_scales({"*": {"ab und zu": 2}}),
    )
    assert values == [2.5, 2, 2]
    values, report = read_cells(
        ["teils/teils", "ab und zu"], "reliability", mapping=read_scales({"*": {"ab und zu": 5}})
    )
    assert math.isnan(values[1])  # 5 is outside the item's 1-4
    assert "in [1, 4]" in report.problems["message"][0]


def test_trust_and_value_items_share_one_scale_decision():
    # 'teils/teils' exists only on the 5-point agreement scale; it decides for all
    # PARTNER items of the file, so 'stimme eher zu' is 4 -> 3.25 in both columns
    frame = pd.DataFrame(
        {
            "_row": [2, 3],
            "a": ["stimme eher zu", "teils/teils"],
            "b": ["stimme eher zu", "stimme voll zu"],
        }
    )
    report = IngestReport()
    out = read_items(
        frame,
        {"reliability": "a", "openness": "b"},
        {"reliability": (1, 4), "openness": (1, 4)},
        report,
        "s.csv",
    )
    assert out["reliability"].tolist() == [3.25, 2.5]
    assert out["openness"].tolist() == [3.25, 4]


def test_user_mapping_from_a_file_extends_and_overrides():
    """tests/data/surveys/antworten.csv: 'Spalte;Antwort;Wert' rows
    Häufigkeit;ab und zu;2 / Häufigkeit;selten;1 / *;keine Angabe;(blank)."""
    data = read_survey(DATA / "mixed_codes_labels.csv", scales=DATA / "antworten.csv")
    ties = data.ties.set_index("row")["frequency"].sort_index()
    assert ties.tolist() == [4, 3, 2, 2, 2, 1]
    assert data.report.problems.empty
    assert (
        "'mixed_codes_labels.csv': answers read with your mapping from antworten.csv: "
        "'Häufigkeit' (3)." in data.report.notes
    )


def test_user_mapping_as_dict_and_frame_overrides_builtin():
    mapping = {"Intensität": {"Kooperation": 3}, "*": {"selten": 1, "ab und zu": 2}}
    data = read_survey(DATA / "mixed_codes_labels.csv", scales=mapping)
    ties = data.ties.set_index("row").sort_index()
    assert ties.loc[3, "intensity"] == 3  # '(2) Kooperation': your label wins
    assert ties["frequency"].tolist() == [4, 3, 2, 2, 2, 1]
    frame = pd.DataFrame(
        {
            "column": ["frequency", "frequency"],
            "label": ["ab und zu", "selten"],
            "value": ["2", "1"],
        }
    )
    by_item = read_survey(DATA / "mixed_codes_labels.csv", scales=frame)  # item name works
    assert by_item.ties["frequency"].isna().sum() == 0


def test_bad_user_mapping_names_rows(write):
    path = write(
        "map.csv", "column,label,value\nfrequency,oft,4\nfrequency,selten,viel\nfrequency,oft,5\n"
    )
    with pytest.raises(InputError) as exc:
        read_scales(path)
    problems = exc.value.report.problems
    assert problems[["row", "check"]].values.tolist() == [[3, "scales_file"], [4, "scales_file"]]
    assert "already has another value in row 2" in problems["message"][1]
    with pytest.raises(ParameterError, match="must be a number or blank"):
        read_scales({"frequency": {"oft": "viel"}})


def test_scale_display_in_catalogue_matches_the_vocabulary():
    """The labels shown in messages are the vocabularies' first labels (no drift)."""
    for lang in ("en", "de"):
        notes = catalogue("notes", lang)
        for name, scale in ANSWER_SCALES.items():
            assert notes[f"scale_points_{name}"] == scale.display(lang), (lang, name)


def test_every_scale_point_has_an_english_and_a_german_label():
    for scale in ANSWER_SCALES.values():
        assert len(scale.de) == len(scale.points)
        for (code, labels), german in zip(scale.points, scale.de, strict=True):
            assert scale.code(labels[0]) == code and scale.code(german) == code


def test_formulas_without_stored_result_are_reported(tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "f.xlsx"
    book = Workbook()  # openpyxl stores formulas without calculating them
    sheet = book.active
    sheet.append(["Partnerbefragung 2025"])  # a title row above the header
    sheet.append(["respondent", "partner", "intensity"])
    sheet.append(["A", "B", 3])
    sheet.append(["A", "C", "=C3+1"])
    sheet.append(["B", "C", "=1+1"])
    book.save(path)
    with pytest.warns(DataQualityWarning, match="2 data-quality warnings"):
        data = read_survey(path)  # repaired: read as blank, reported, the ties stay
    assert data.ties["intensity"].isna().sum() == 2 and len(data.ties) == 3
    problems = data.report.problems.query("check == 'formula'")
    assert problems[["row", "column", "value"]].values.tolist() == [
        [4, "intensity", "=C3+1"],
        [5, "intensity", "=1+1"],
    ]
    assert "'=C3+1' without a stored result" in problems["message"].iloc[0]
    # the check itself, on a frame already read (as read_table calls it)
    report = IngestReport()
    frame = pd.DataFrame({"_row": [4], "intensity": [""]})
    uncalculated_formulas(path, None, frame, report, "f.xlsx")
    assert report.problems["row"].tolist() == [4]
