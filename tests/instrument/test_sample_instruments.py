"""The sample's instrument files are what `sysmap survey` writes today.

sample_networks/bildungsallianz/instrument/ holds the wave-1 member list's survey for
each tool and language (its README gives the commands). The LimeSurvey text must be
identical byte for byte; workbooks (whose zip timestamps differ) must hold the same
cells, data validations and sheet states.
"""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from sysmap.instrument import read_instrument, survey_instrument

from .conftest import REPO, SAMPLE_MEMBERS

FOLDER = REPO / "sample_networks" / "bildungsallianz" / "instrument"
FILES = [(tool, lang, f"{tool}_{lang}{'.txt' if tool == 'limesurvey' else '.xlsx'}")
         for tool in ("limesurvey", "xlsform", "excel") for lang in ("en", "de")]


def _content(path):
    wb = load_workbook(path)
    return {
        ws.title: (
            ws.sheet_state,
            [[(c.value, c.data_type) for c in row] for row in ws.iter_rows()],
            sorted((str(dv.sqref), dv.formula1) for dv in ws.data_validations.dataValidation),
        )
        for ws in wb.worksheets
    }


@pytest.mark.parametrize(("tool", "lang", "name"), FILES)
def test_sample_instrument_is_current(tool, lang, name, tmp_path):
    committed = FOLDER / name
    fresh = survey_instrument(SAMPLE_MEMBERS, tool=tool, lang=lang).save(tmp_path / name)
    if tool == "limesurvey":
        assert committed.read_bytes() == fresh.read_bytes()
    else:
        assert _content(committed) == _content(fresh)
    assert read_instrument(committed) == read_instrument(fresh)
