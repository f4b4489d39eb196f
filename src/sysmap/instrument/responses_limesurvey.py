"""LimeSurvey's response export of a survey sysmap wrote.

LimeSurvey exports responses (*Responses > Export*) as CSV (UTF-8 with a
byte-order mark, every value quoted, comma or semicolon) or Excel, one row
per response, one column per answer field [1]_. A field's heading is, as
chosen in the export dialogue:

* its **question code**: the question's code, then the subquestion's code in
  brackets (``org``, ``org[other]``, ``partners1[BA001]``,
  ``intensity[BA001]``, ``relation[BA001_R1]``), or in the Expression
  Manager form with underscores (``partners1_BA001``);
* the **full question text**: the question, a space, and the subquestion
  texts in brackets (``Business [Bäckerei Schäfer]``,
  ``What does your organization do ... [Tafel e.V.][Funding]``), HTML
  removed, optionally with spaces as underscores;
* both (**code and text**, the code first).

Answers are the **answer codes** (member codes, ``-oth-``, the answer codes
of each item, ``Y`` or blank for a ticked or unticked partner, ``1`` for a
ticked type of collaboration; "Y" and "N" possibly converted, by default
to ``1`` and ``2``) or the **full answers** (the member's answer text,
``Other``, the answer labels, ``Yes``/``No`` in the survey's language).
Both are read through the instrument's codes and labels. ``submitdate``
(*Date submitted*) is blank for a response not yet submitted: it is read and
marked incomplete. Abbreviated headings (cut to 15 characters) cannot be
told apart: export with question codes or full texts.

References
----------
.. [1] LimeSurvey Manual, "Export responses"; LimeSurvey's
   ``application/helpers/admin/export/Writer.php`` (headings: question
   code, text, code and text) and ``SurveyObj.php`` (full answers).
   https://manual.limesurvey.org/Export_responses
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from ..io.report import IngestReport
from ..io.tables import ROW
from . import limesurvey
from .core import Instrument
from .responses import (
    OTHER,
    Choices,
    Response,
    Tie,
    answer_problem,
    item_choices,
    member_choices,
    no_respondent_column,
    records,
    text_key,
    tick_problem,
    ticked,
    unmask,
)

__all__ = ["has_meta", "looks_like", "read", "score"]

#: LimeSurvey's own columns (code, English and German full heading) that sysmap reads.
META = {
    "submitdate": ("submitdate", "Date submitted", "Datum Abgeschickt"),
    "id": ("id", "Response ID", "Antwort ID"),
}
#: LimeSurvey's other own columns (codes, English headings): not read, not listed as unread.
OWN = (
    "lastpage", "startlanguage", "seed", "token", "startdate", "datestamp", "ipaddr", "refurl",
    "Last page", "Start language", "Seed", "Token", "Access code", "Date started",
    "Date last action", "IP address", "Referrer URL",
)  # fmt: skip
_CODE_PREFIX = re.compile(r"^\s*([A-Za-z0-9_]+(?:\[[^\[\]]*\])*)(?=[^A-Za-z0-9_\[]|$)")
_SYSMAP_CODE = re.compile(r"^partners\d+(\[[^\]]+\]|_\w+)$")


@dataclass(frozen=True)
class Column:
    """What a column of the export holds.

    ``kind``: ``respondent``, ``other``, ``pick``, ``rating``, ``relation``,
    ``submitdate`` or ``id``; ``member``: the member code; ``item``: the
    item; ``value``: the type of collaboration of a ``relation`` column.
    """

    kind: str
    member: str = ""
    item: str = ""
    value: object = None


class Columns:
    """The export's possible headings -> :class:`Column`, by code and by text."""

    def __init__(self, instrument: Instrument) -> None:
        self.codes: dict[str, Column] = {}
        self.texts: dict[str, Column | None] = {}
        fields = limesurvey.fields(instrument)
        t = instrument.text
        respondent = fields["respondent"]
        self._add([respondent], [t("q_respondent")], Column("respondent"))
        self.other_prefix = text_key(t("q_respondent") + "[")
        self._add([f"{respondent}[other]", f"{respondent}_other"], [], Column("other"))
        for pick in fields["pick"]:
            question, label = pick["question"], instrument.sector_label(pick["sector"])
            for m in instrument.members:
                if m.sector == pick["sector"]:
                    self._add(
                        [f"{question}[{m.code}]", f"{question}_{m.code}"],
                        [f"{label} [{m.name}]"],
                        Column("pick", m.code),
                    )
        for item in instrument.items:
            code = fields["items"][item.name]
            for m in instrument.members:
                if item.multiple:
                    for c in item.choices:
                        self._add(
                            [f"{code}[{m.code}_{c.code}]", f"{code}_{m.code}_{c.code}"],
                            [f"{item.question} [{m.name}][{c.label}]"],
                            Column("relation", m.code, item.name, c.value),
                        )
                else:
                    self._add(
                        [f"{code}[{m.code}]", f"{code}_{m.code}"],
                        [f"{item.question} [{m.name}]"],
                        Column("rating", m.code, item.name),
                    )
        for kind, (code, *texts) in META.items():
            self._add([code], texts, Column(kind))
        self._add(list(OWN), list(OWN), Column("own"))

    def _add(self, codes: list[str], texts: list[str], column: Column) -> None:
        for code in codes:
            self.codes.setdefault(code.casefold(), column)
        for text in texts:
            key = text_key(text)
            if key in self.texts and self.texts[key] != column:
                self.texts[key] = None  # two fields with one text: not readable by text
            else:
                self.texts[key] = column

    def match(self, header: str) -> Column | None:
        """The column a heading names: by code, by full text, or code and text."""
        found = self.codes.get(header.strip().casefold())
        if found is not None:
            return found
        key = text_key(header)
        found = self.texts.get(key)
        if found is not None:
            return found
        if key.startswith(self.other_prefix) and key.endswith("]"):
            return Column("other")
        prefix = _CODE_PREFIX.match(header)
        if prefix and prefix.group(1) != header.strip():
            return self.codes.get(prefix.group(1).casefold())
        return None


def _code(header: str) -> str:
    """The question code of a heading (all of it, or the code before the text)."""
    prefix = _CODE_PREFIX.match(header)
    return prefix.group(1) if prefix else header.strip()


def looks_like(header: list[str]) -> bool:
    """Whether a header has sysmap's LimeSurvey question codes (``org``, ``partners1[...]``)."""
    codes = [_code(h) for h in header]
    return "org" in {c.casefold() for c in codes} and any(_SYSMAP_CODE.match(c) for c in codes)


def has_meta(header: list[str]) -> bool:
    """Whether a header has LimeSurvey's own columns (response id and submission date)."""
    folded = {text_key(h) for h in header} | {_code(h).casefold() for h in header}
    return all(any(text_key(x) in folded for x in META[key]) for key in ("submitdate", "id"))


def score(instrument: Instrument, tables: Mapping[str, pd.DataFrame]) -> tuple[int, int]:
    """How well the instrument fits an export: (columns it names, respondents it knows)."""
    columns = Columns(instrument)
    best = (0, 0)
    for frame in tables.values():
        matched = {h: columns.match(str(h)) for h in frame.columns if h != ROW}
        named = sum(c is not None and c.kind not in (*META, "own") for c in matched.values())
        if not any(c is not None and c.kind == "respondent" for c in matched.values()):
            continue
        header = next(h for h, c in matched.items() if c is not None and c.kind == "respondent")
        members = member_choices(instrument, limesurvey.fields(instrument)["category_separator"])
        known = sum(members.get(str(v)) is not None for v in frame[header] if str(v).strip())
        best = max(best, (named, known))
    return best


def read(
    tables: Mapping[str, pd.DataFrame], instrument: Instrument, report: IngestReport
) -> list[Response]:
    """Every response of the export (its first table that names the respondent)."""
    columns = Columns(instrument)
    for name, frame in tables.items():
        matched = {h: columns.match(str(h)) for h in frame.columns if h != ROW}
        if any(c is not None and c.kind == "respondent" for c in matched.values()):
            return _read(name, frame, matched, instrument, report)
    return no_respondent_column(tables, instrument, report, "LimeSurvey")


def _read(
    name: str,
    frame: pd.DataFrame,
    matched: dict[str, Column | None],
    instrument: Instrument,
    report: IngestReport,
) -> list[Response]:
    unused = [h for h, c in matched.items() if c is None]
    if unused:
        report.note(
            "responses_columns_unused",
            source=name,
            n=len(unused),
            columns=", ".join(f"'{h}'" for h in unused[:8]) + (" ..." if len(unused) > 8 else ""),
        )
    by_kind: dict[str, list[tuple[str, Column]]] = {}
    for header, column in matched.items():
        if column is not None:
            by_kind.setdefault(column.kind, []).append((header, column))
    respondent = by_kind["respondent"][0][0]
    other = by_kind.get("other", [(None, None)])[0][0]
    submitted = by_kind.get("submitdate", [(None, None)])[0][0]
    members = member_choices(instrument, limesurvey.fields(instrument)["category_separator"])
    items = {item.name: item for item in instrument.items}
    choices = {item.name: item_choices(item) for item in instrument.items}
    out = []
    for record in records(frame):
        row = int(record[ROW])
        answer = record[respondent]
        response = Response(instrument, name, row, respondent)
        if submitted is not None:
            response.submitted = record[submitted]
            response.complete = bool(record[submitted])
        response.order = (response.submitted, row)
        code = members.get(answer) if answer else None
        if code is OTHER or (not answer and other and record[other]):
            response.other = unmask(record[other]) if other else ""
            response.column = other or respondent
            if not response.other:
                report.add(
                    name,
                    row,
                    respondent,
                    answer,
                    "blank_name",
                    "responses_other_blank",
                    repair=True,
                    action="dropped",
                )
                continue
        elif code is not None:
            response.respondent = str(code)
        elif answer:
            report.add(
                name,
                row,
                respondent,
                answer,
                "unknown_name",
                "responses_code_unknown",
                repair=True,
                action="dropped",
                value=answer,
            )
            continue
        response.ties = _ties(record, row, name, by_kind, items, choices, report)
        out.append(response)
    return out


def _ties(
    record: dict,
    row: int,
    name: str,
    by_kind: Mapping[str, list[tuple[str, Column]]],
    items: Mapping,
    choices: Mapping[str, Choices],
    report: IngestReport,
) -> list[Tie]:
    ties: dict[str, Tie] = {}
    for header, column in by_kind.get("pick", []):
        value = record[header]
        is_ticked = ticked(value)
        if is_ticked is None:
            tick_problem(report, name, row, header, value)
        elif is_ticked:
            ties.setdefault(column.member, Tie(column.member, "", row, header))
    for header, column in [*by_kind.get("rating", []), *by_kind.get("relation", [])]:
        value = record[header]
        if not value:
            continue
        tie = ties.get(column.member)
        if tie is None:
            report.add(
                name,
                row,
                header,
                value,
                "not_picked",
                "responses_not_picked",
                severity="warning",
                action="dropped",
            )
            continue
        if column.kind == "relation":
            is_ticked = ticked(value)
            if is_ticked is None:
                tick_problem(report, name, row, header, value)
            elif is_ticked:
                tie.relations.append(str(column.value))
            continue
        found = choices[column.item].get(value)
        if found is None:
            answer_problem(report, name, row, header, value, items[column.item])
        else:
            tie.values[column.item] = float(found)
    return list(ties.values())
