"""The partner survey as a LimeSurvey survey structure (tab-separated ``.txt``).

LimeSurvey imports a survey from a tab-separated text file, one row per
survey setting, group, question, subquestion and answer, related by their
order ("Tab Separated Value import and export of survey structure" in the
LimeSurvey manual [1]_; read by ``TSVImportSurvey`` in LimeSurvey's
``import_helper.php``). The file is UTF-8 with a byte-order mark, as
LimeSurvey exports it; its columns are the documented ``id``,
``related_id``, ``class``, ``type/scale``, ``name``, ``relevance``, ``text``,
``help``, ``language``, ``validation``, ``mandatory``, ``encrypted``,
``other``, ``default``, ``same_default``, then the question attributes used
(alphabetically, as LimeSurvey writes them).

The survey sysmap writes (question codes in brackets):

1. group "Your organization": the respondent's organization (``org``, list
   drop-down ``!``, mandatory) with every member as an answer (code: the
   member code; grouped by sector with the ``category_separator``
   attribute) and LimeSurvey's "other" option (``other`` = ``Y``, labelled
   with ``other_replace_text``);
2. group "Your partners": one multiple-choice question (``M``) per sector
   (``partners1``, ``partners2`` ...) with that sector's members as
   subquestions; each member's relevance ``org.NAOK != '<code>'`` hides the
   respondent's own organization;
3. group "Your relationship with each partner": one array question per
   rating item (``F``, code: the item name without ``_``, e.g.
   ``missionalignment``) with a row (subquestion) per member and the item's
   answers; the types of collaboration as an array of checkboxes (``:`` with
   ``multiflexible_checkbox``), a column (scale-1 subquestion ``R1``, ``R2``
   ...) per type. Every row carries the relevance equation
   ``partners<k>_<code>.NAOK == 'Y'``, so it is shown only for the partners
   the respondent picked (and a question without rows is not shown).

Texts are HTML for LimeSurvey: names and questions are escaped, and ``{``
``}`` are written as character references so that the Expression Manager
does not evaluate them; a text starting with ``=``, ``+``, ``-`` or ``@``
starts with a character reference, so that a spreadsheet opening the file
runs no formula. A hidden text-display question ``sysmap`` (attribute
``hidden``) holds the description
(:meth:`~sysmap.instrument.core.Instrument.describe`); its ``fields`` give
``respondent`` (``org``), ``other_code`` (``-oth-``), ``category_separator``,
``pick`` (question code per sector) and ``items`` (item -> question code).

References
----------
.. [1] LimeSurvey Manual, "Tab Separated Value survey structure".
   https://manual.limesurvey.org/Tab_Separated_Value_survey_structure
"""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

from .._text import clean_control_characters
from ..export import replacing

__all__ = ["COLUMNS", "fields", "read_description", "write"]

#: The columns of the file: LimeSurvey's base columns, then the attributes used.
COLUMNS = (
    "id", "related_id", "class", "type/scale", "name", "relevance", "text", "help", "language",
    "validation", "mandatory", "encrypted", "other", "default", "same_default",
    "category_separator", "hidden", "multiflexible_checkbox", "other_replace_text",
)  # fmt: skip
_SEPARATORS = ("::", "~~", "||")
_FORMULA_START = {"=": "&#61;", "+": "&#43;", "-": "&#45;", "@": "&#64;"}
_NOT_CODE = re.compile(r"[^A-Za-z0-9]")
#: Longest question code LimeSurvey takes.
_CODE_LENGTH = 20


def fields(instrument) -> dict:
    """Where LimeSurvey stores each answer (the ``fields`` of the description)."""
    return {
        "respondent": "org",
        "other_code": instrument.other.code,
        "category_separator": _separator(instrument),
        "pick": [
            {"question": f"partners{i}", "sector": sector}
            for i, sector in enumerate(instrument.sectors, start=1)
        ],
        "items": _item_codes(instrument),
    }


def write(instrument, path: Path) -> Path:
    """Write the survey structure as UTF-8 tab-separated text with a byte-order mark."""
    out = io.StringIO()
    writer = csv.DictWriter(
        out, COLUMNS, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL, restval=""
    )
    writer.writeheader()
    writer.writerows(_rows(instrument))
    with replacing(path) as tmp:
        tmp.write_text(out.getvalue(), encoding="utf-8-sig", newline="")
    return path


def read_description(path: Path) -> str | None:
    """The description a survey structure written by sysmap carries, or ``None``."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    for row in csv.DictReader(io.StringIO(text), delimiter="\t"):
        if row.get("class") == "Q" and row.get("name") == "sysmap":
            return html.unescape(row.get("text") or "")
    return None


# ----------------------------------------------------------------------------- rows
def _rows(instrument) -> list[dict]:
    lang, t = instrument.lang, instrument.text
    rows = [
        {"class": "S", "name": "language", "text": lang},
        {"class": "S", "name": "format", "text": "G"},
        *(
            {"class": "SL", "name": name, "text": text, "language": lang}
            for name, text in (
                ("surveyls_title", _html(instrument.title)),
                ("surveyls_language", lang),
                ("surveyls_welcometext", _html(t("welcome"))),
                ("surveyls_endtext", _html(t("end"))),
            )
        ),
    ]
    ids = iter(range(1, 10**9))

    def question(kind: str, name: str, text: str, help_text: str = "", **more: str) -> int:
        qid = next(ids)
        rows.append(
            {
                "id": qid,
                "class": "Q",
                "type/scale": kind,
                "name": name,
                "text": text,
                "help": help_text,
                "language": lang,
                **more,
            }
        )
        return qid

    def subquestion(name: str, text: str, relevance: str = "", scale: int = 0) -> None:
        rows.append(
            {
                "id": next(ids),
                "class": "SQ",
                "type/scale": scale or "",
                "name": name,
                "text": text,
                "relevance": relevance,
                "language": lang,
            }
        )

    def answers(qid: int, choices) -> None:
        rows.extend(
            {"id": qid, "class": "A", "type/scale": 0, "name": code, "text": text, "language": lang}
            for code, text in choices
        )

    # 1. the respondent's organization
    rows.append(_group(1, t("group_you"), "", lang))
    separator = _separator(instrument)
    qid = question(
        "!",
        "org",
        _html(t("q_respondent")),
        _html(t("help_respondent")),
        mandatory="Y",
        other="Y",
        category_separator=separator,
        other_replace_text=_html(instrument.other.label),
    )
    answers(
        qid,
        [
            (
                m.code,
                _html(instrument.sector_label(m.sector)) + separator + _html(m.name)
                if separator
                else _html(m.name),
            )
            for m in instrument.members
        ],
    )
    question(
        "X",
        "sysmap",
        _html(instrument.description_json()),
        _html(t("description_note")),
        hidden="1",
    )
    # 2. the partners, by sector
    rows.append(_group(2, t("group_partners"), _html(t("help_partners")), lang))
    pick = {}
    for i, sector in enumerate(instrument.sectors, start=1):
        question("M", f"partners{i}", _html(instrument.sector_label(sector)))
        for m in instrument.members:
            if m.sector == sector:
                subquestion(m.code, _html(m.name), f"org.NAOK != '{m.code}'")
                pick[m.code] = f"partners{i}_{m.code}.NAOK == 'Y'"
    # 3. the items, one row per member picked
    rows.append(_group(3, t("group_ratings"), _html(t("help_ratings")), lang))
    codes = _item_codes(instrument)
    for item in instrument.items:
        kind, extra = (":", {"multiflexible_checkbox": "1"}) if item.multiple else ("F", {})
        qid = question(kind, codes[item.name], _html(item.question), _html(item.help), **extra)
        for m in instrument.members:
            subquestion(m.code, _html(m.name), pick[m.code])
        if item.multiple:
            for c in item.choices:
                subquestion(c.code, _html(c.label), scale=1)
        else:
            answers(qid, [(c.code, _html(c.label)) for c in item.choices])
    return rows


def _group(order: int, name: str, text: str, lang: str) -> dict:
    return {
        "id": order,
        "class": "G",
        "type/scale": order,
        "name": _html(name),
        "text": text,
        "language": lang,
    }


def _item_codes(instrument) -> dict[str, str]:
    """Item -> question code: letters and digits only, distinct from the survey's own codes."""
    used = {"org", "sysmap", *(f"partners{i}" for i in range(1, len(instrument.sectors) + 1))}
    out = {}
    for item in instrument.items:
        base = _NOT_CODE.sub("", item.name)[:_CODE_LENGTH]
        code, k = base, 2
        while code.casefold() in used:
            code, k = f"{base[: _CODE_LENGTH - len(str(k))]}{k}", k + 1
        used.add(code.casefold())
        out[item.name] = code
    return out


def _separator(instrument) -> str:
    """The drop-down's sector separator: one no member or sector name contains ("" if none)."""
    texts = [m.name for m in instrument.members] + [
        instrument.sector_label(s) for s in instrument.sectors
    ]
    return next((s for s in _SEPARATORS if not any(s in x for x in texts)), "")


def _html(text: str) -> str:
    """`text` as LimeSurvey HTML: escaped, braces and leading formula characters as references."""
    text = clean_control_characters(str(text)).replace("\r\n", "\n").replace("\r", "\n")
    text = html.escape(text.replace("\t", " "), quote=True)
    text = text.replace("{", "&#123;").replace("}", "&#125;").replace("\n", "<br />")
    if text[:1] in _FORMULA_START:
        text = _FORMULA_START[text[0]] + text[1:]
    return text
