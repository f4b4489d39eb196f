"""The partner survey as an XLSForm, for KoboToolbox, ODK Collect/Central and Enketo.

An XLSForm is a workbook with the sheets ``survey`` (one row per question),
``choices`` (the answer lists) and ``settings`` [1]_; :mod:`pyxform` converts it
to the XForm the tools run. The form sysmap writes:

1. ``respondent`` (``select_one members``, searchable with the
   ``autocomplete`` appearance): the respondent's organization from the
   member list, or ``other``; then ``respondent_other`` (text), asked only
   for ``other``;
2. a page ``partners_group`` with one ``select_multiple members`` per sector
   (``partners_1``, ``partners_2`` ..., labelled with the sector; a
   ``choice_filter`` shows that sector's members except the respondent's own
   organization); the calculate ``partners`` joins every pick
   (space-separated member codes);
3. a ``repeat`` ``ratings`` with one entry per partner picked
   (``repeat_count`` = ``count-selected(${partners})``): ``partner`` (the
   member code, ``selected-at``), ``partner_name`` (``jr:choice-name``), and a
   page ``rating`` with one question per item: ``select_one <item>`` for
   ratings, ``select_multiple relation`` for the types of collaboration.

Choice names are the codes of the instrument (member codes, answer codes).
Labels are texts, never expressions: ``${`` in a name is written with a
zero-width space after the ``$`` so that pyxform does not read it as a
reference. A hidden sheet ``sysmap`` holds the description
(:meth:`~sysmap.instrument.core.Instrument.describe`); its ``fields`` give the
names above (``respondent``, ``respondent_other``, ``pick``: the
``select_multiple`` per sector, ``partners``, ``repeat``, ``partner``, and
``items``: item -> its path inside the repeat).

References
----------
.. [1] XLSForm specification. https://xlsform.org/en/
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from ._workbook import add_description, save, text_cell
from .items import RELATION

__all__ = ["fields", "write"]

SURVEY_COLUMNS = (
    "type", "name", "label", "hint", "required", "relevance", "choice_filter", "appearance",
    "repeat_count", "calculation",
)  # fmt: skip
_REPEAT, _GROUP = "ratings", "rating"


def fields(instrument) -> dict:
    """Where the form stores each answer (the ``fields`` of the description)."""
    return {
        "respondent": "respondent",
        "respondent_other": "respondent_other",
        "pick": [
            {"name": f"partners_{i}", "sector": sector}
            for i, sector in enumerate(instrument.sectors, start=1)
        ],
        "partners": "partners",
        "repeat": _REPEAT,
        "partner": "partner",
        "items": {item.name: [_REPEAT, _GROUP, item.name] for item in instrument.items},
    }


def write(instrument, path: Path) -> Path:
    """Write the XLSForm workbook (``survey``, ``choices``, ``settings``, hidden ``sysmap``)."""
    from .core import DESCRIPTION_MARK, description_chunks

    wb = Workbook()
    survey = wb.active
    survey.title = "survey"
    _rows(survey, SURVEY_COLUMNS, _survey_rows(instrument))
    choices = wb.create_sheet("choices")
    _rows(choices, ("list_name", "name", "label", "sector"), _choice_rows(instrument))
    settings = wb.create_sheet("settings")
    _rows(
        settings,
        ("form_title", "form_id", "style"),
        [{"form_title": instrument.title, "form_id": "sysmap_partner_survey", "style": "pages"}],
    )
    add_description(wb, description_chunks(instrument), DESCRIPTION_MARK)
    return save(wb, path)


def _survey_rows(instrument) -> list[dict]:
    t = instrument.text
    picks = [f"partners_{i}" for i in range(1, len(instrument.sectors) + 1)]
    joined = ", ' ', ".join(f"${{{p}}}" for p in picks)
    partners = (
        f"normalize-space(concat({joined}))"
        if len(picks) > 1
        else (f"normalize-space(${{{picks[0]}}})")
    )
    rows = [
        {
            "type": "select_one members",
            "name": "respondent",
            "label": t("q_respondent"),
            "hint": t("help_respondent"),
            "required": "yes",
            "appearance": "autocomplete",
        },
        {
            "type": "text",
            "name": "respondent_other",
            "label": t("q_respondent_other"),
            "required": "yes",
            "relevance": "${respondent} = 'other'",
        },
        {
            "type": "begin_group",
            "name": "partners_group",
            "label": t("group_partners"),
            "hint": t("help_partners"),
            "appearance": "field-list",
        },
    ]
    for i, sector in enumerate(instrument.sectors, start=1):
        rows.append(
            {
                "type": "select_multiple members",
                "name": f"partners_{i}",
                "label": instrument.sector_label(sector),
                "choice_filter": f"sector = 's{i}' and name != ${{respondent}}",
            }
        )
    rows += [
        {"type": "end_group"},
        {"type": "calculate", "name": "partners", "calculation": partners},
        {
            "type": "begin_repeat",
            "name": _REPEAT,
            "label": t("group_ratings"),
            "relevance": "count-selected(${partners}) > 0",
            "repeat_count": "count-selected(${partners})",
        },
        {
            "type": "calculate",
            "name": "partner",
            "calculation": "selected-at(${partners}, position(..) - 1)",
        },
        {
            "type": "calculate",
            "name": "partner_name",
            "calculation": "jr:choice-name(${partner}, '${respondent}')",
        },
        {
            "type": "begin_group",
            "name": _GROUP,
            "appearance": "field-list",
            "label": t("rating_group", partner="${partner_name}"),
        },
    ]
    for item in instrument.items:
        kind = "select_multiple" if item.multiple else "select_one"
        rows.append(
            {
                "type": f"{kind} {_list(item)}",
                "name": item.name,
                "label": _label(item.question),
                "hint": _label(item.help),
            }
        )
    rows += [{"type": "end_group"}, {"type": "end_repeat"}]
    return rows


def _choice_rows(instrument) -> list[dict]:
    sector_code = {s: f"s{i}" for i, s in enumerate(instrument.sectors, start=1)}
    rows = [
        {
            "list_name": "members",
            "name": m.code,
            "label": _label(m.name),
            "sector": sector_code[m.sector],
        }
        for m in instrument.members
    ]
    rows.append(
        {"list_name": "members", "name": instrument.other.code, "label": instrument.other.label}
    )
    for item in instrument.items:
        rows += [
            {"list_name": _list(item), "name": c.code, "label": _label(c.label)}
            for c in item.choices
        ]
    return rows


def _list(item) -> str:
    return RELATION if item.multiple else item.name


def _label(text: str) -> str:
    """A text shown as is: ``${`` would be read as a reference to a question."""
    return text.replace("${", "$\u200b{")


def _rows(ws, columns: tuple[str, ...], rows: list[dict]) -> None:
    for j, name in enumerate(columns, start=1):
        text_cell(ws, 1, j, name).font = Font(bold=True)
    for i, row in enumerate(rows, start=2):
        for j, name in enumerate(columns, start=1):
            value = row.get(name)
            if value:
                text_cell(ws, i, j, value)
