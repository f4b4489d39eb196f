"""Exports neutralise spreadsheet formulas and keep Unicode."""

from __future__ import annotations

import pandas as pd
from openpyxl import load_workbook

from sysmap.export import neutralize_formulas, write_csv, write_excel

EVIL = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "Straße"]


def test_neutralize_text_not_numbers():
    frame = pd.DataFrame({"name": EVIL, "value": [-1, 2, 3, 4, 5, 6]}, index=EVIL)
    out = neutralize_formulas(frame)
    assert out["name"].tolist()[:5] == ["'" + e for e in EVIL[:5]]
    assert out["name"].tolist()[5] == "Straße"
    assert out["value"].tolist() == [-1, 2, 3, 4, 5, 6]
    assert out.index[0].startswith("'=")
    assert frame["name"].tolist() == EVIL  # input untouched


def test_csv_and_excel(tmp_path):
    frame = pd.DataFrame({"name": EVIL, "value": range(6)})
    text = write_csv(frame, tmp_path / "t.csv", index=False).read_text(encoding="utf-8-sig")
    assert "\n\"'=HYPERLINK" in text and "\n'+1+1," in text and "Straße" in text
    path = write_excel({"actors": frame}, tmp_path / "t.xlsx", index=False)
    cells = [c.value for c in load_workbook(path)["actors"]["A"]][1:]
    assert cells[0] == "'" + EVIL[0] and cells[5] == "Straße"
    assert all(not str(c).startswith(("=", "+", "-", "@")) for c in cells)
