"""KoboToolbox and ODK exports of the XLSForm sysmap wrote.

**KoboToolbox** exports (*Data > Downloads*) an XLSX workbook with one sheet
for the form (one row per submission) and one per repeat group (here
``ratings``: one row per partner picked), joined by ``_index`` and
``_parent_index`` and by ``_submission__uuid`` = ``_uuid`` [1]_; or a CSV file
with the form's sheet only (semicolons; the repeat group is not in it, so
the ties are read without ratings). **ODK Central** exports CSV files: the
form's (``<form>.csv``) and the repeat group's (``<form>-ratings.csv``)
joined by ``PARENT_KEY`` = ``KEY`` [2]_; put them in one folder and read the
form's file.

Headings are the form's names, with or without their groups
(``partners_group/partners_1``, ``rating-intensity``), or the questions'
labels (with or without the group labels before a ``/``). A
``select_multiple`` is one column with the choices separated by spaces (names,
or labels), and with Kobo's "separate columns" option one column per choice
(``partners_1/BA001`` or ``<label>/<choice label>``, ``1`` or ``0``). Values
are the XML values (codes) or the labels; both are read through the
instrument. The calculated ``partners`` (every partner picked, by code) and
``partner`` (the partner of a repeat row) are codes in every export.

References
----------
.. [1] KoboToolbox's export library formpack,
   ``src/formpack/reporting/export.py`` (sheets, ``_index``,
   ``_parent_index``, ``_submission_`` copies) and
   ``src/formpack/schema/fields.py`` (select_multiple columns).
   https://github.com/kobotoolbox/formpack
.. [2] ODK Central, "Submissions: export to CSV".
   https://docs.getodk.org/central-submissions/
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..io.report import IngestReport
from ..io.tables import ROW, read_table
from . import xlsform
from .core import Instrument
from .responses import (
    OTHER,
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

__all__ = ["has_meta", "looks_like", "read", "repeat_files", "score"]

#: The tools' own columns sysmap reads: key -> the headings that hold it.
META = {
    "index": ("_index",),
    "parent_index": ("_parent_index",),
    "uuid": ("_uuid",),
    "submission_uuid": ("_submission__uuid",),
    "id": ("_id",),
    "submission_id": ("_submission__id",),
    "key": ("KEY",),
    "parent_key": ("PARENT_KEY",),
    "submitted": ("_submission_time", "SubmissionDate"),
}
#: Pairs of (form sheet, repeat sheet) columns that join a repeat row to its submission.
JOINS = (
    ("index", "parent_index"),
    ("uuid", "submission_uuid"),
    ("id", "submission_id"),
    ("key", "parent_key"),
)
#: ODK Central's own columns; KoboToolbox's all start with "_": not read, not listed as unread.
OWN = frozenset(
    {"SubmitterID", "SubmitterName", "AttachmentsPresent", "AttachmentsExpected", "Status",
     "ReviewState", "DeviceID", "Edits", "FormVersion", "meta-instanceID", "meta/instanceID",
     "instanceID", "start", "end", "today", "deviceid", "__version__"}
)  # fmt: skip
_SPLIT = re.compile(r"[/-]")
_PICK = re.compile(r"^partners_\d+$")


@dataclass(frozen=True)
class Column:
    """What a column holds: ``kind`` (``respondent``, ``other``, ``partners``,
    ``pick``, ``pick_choice``, ``partner``, ``partner_name``, ``rating``,
    ``relation``, ``relation_choice`` or a key of :data:`META`), the item,
    and the member code or relation value of a one-choice column."""

    kind: str
    item: str = ""
    value: object = None


class Columns:
    """The headings of an export -> :class:`Column`, by the form's names and by its labels."""

    def __init__(self, instrument: Instrument) -> None:
        fields = xlsform.fields(instrument)
        t = instrument.text
        self.meta = {h: Column(kind) for kind, headers in META.items() for h in headers}
        self.names: dict[str, Column] = {
            fields["respondent"]: Column("respondent"),
            fields["respondent_other"]: Column("other"),
            fields["partners"]: Column("partners"),
            fields["partner"]: Column("partner"),
            "partner_name": Column("partner_name"),
        }
        self.choices: dict[str, dict[str, Column]] = {}
        self.labels: dict[str, Column | None] = {}
        self._label(t("q_respondent"), Column("respondent"))
        self._label(t("q_respondent_other"), Column("other"))
        self.sector_members: dict[str, list] = {}
        for pick in fields["pick"]:
            members = [m for m in instrument.members if m.sector == pick["sector"]]
            self.sector_members[pick["name"]] = members
            label = instrument.sector_label(pick["sector"])
            self.names[pick["name"]] = Column("pick", pick["name"])
            self._label(label, Column("pick", pick["name"]))
            self.choices[pick["name"]] = {}
            for m in members:
                column = Column("pick_choice", pick["name"], m.code)
                self.choices[pick["name"]][m.code] = column
                self._label(f"{label}/{m.name}", column)
        for item in instrument.items:
            kind = "relation" if item.multiple else "rating"
            self.names[item.name] = Column(kind, item.name)
            self._label(item.question, Column(kind, item.name))
            if item.multiple:
                self.choices[item.name] = {}
                for c in item.choices:
                    column = Column("relation_choice", item.name, c.value)
                    self.choices[item.name][c.code] = column
                    self._label(f"{item.question}/{c.label}", column)

    def _label(self, text: str, column: Column) -> None:
        key = text_key(text)
        if key in self.labels and self.labels[key] != column:
            self.labels[key] = None  # two questions with one label: not readable by label
        else:
            self.labels[key] = column

    def match(self, header: str) -> Column | None:
        """The column a heading names: a tool's column, a name (with groups), a label."""
        header = header.strip()
        if header in self.meta:
            return self.meta[header]
        tokens = [t for t in _SPLIT.split(header) if t]
        if len(tokens) >= 2 and tokens[-2] in self.choices:
            found = self.choices[tokens[-2]].get(tokens[-1])
            if found is not None:
                return found
        if tokens and tokens[-1] in self.names:
            return self.names[tokens[-1]]
        key = text_key(header)
        if key in self.labels:
            return self.labels[key]
        for i, char in enumerate(header):  # group labels before a "/"
            if char == "/":
                found = self.labels.get(text_key(header[i + 1 :]))
                if found is not None:
                    return found
        return Column("own") if header in OWN or header.startswith("_") else None


def looks_like(header: list[str]) -> bool:
    """Whether a header is a KoboToolbox/ODK export of sysmap's form (its names)."""
    last = {(_SPLIT.split(h.strip()) or [""])[-1] for h in header}
    return "respondent" in last and any(_PICK.match(x) for x in last) and has_meta(header)


def has_meta(header: list[str]) -> bool:
    """Whether a header has KoboToolbox's or ODK Central's own columns."""
    names = {h.strip() for h in header}
    return bool(names & {"_uuid", "_submission_time", "_parent_index", "KEY", "SubmissionDate"})


def score(instrument: Instrument, tables: Mapping[str, pd.DataFrame]) -> tuple[int, int]:
    """How well the instrument fits an export: (columns it names, respondents it knows)."""
    columns = Columns(instrument)
    members = member_choices(instrument)
    named, known = 0, 0
    for frame in tables.values():
        matched = {h: columns.match(str(h)) for h in frame.columns if h != ROW}
        named += sum(c is not None and c.kind not in (*META, "own") for c in matched.values())
        for header, column in matched.items():
            if column is not None and column.kind == "respondent":
                known += sum(members.get(str(v)) is not None for v in frame[header] if v)
    return named, known


def repeat_files(
    path: Path, name: str, tables: Mapping[str, pd.DataFrame], report: IngestReport, sep: str | None
) -> dict[str, pd.DataFrame]:
    """ODK Central's repeat-group CSV files next to the form's (``<form>-ratings.csv``)."""
    if len(tables) > 1 or path.suffix.lower() not in (".csv", ".tsv", ".txt"):
        return {}
    out = {}
    for other in sorted(path.parent.glob(f"{path.stem}[-_]*{path.suffix}")):
        if other != path and other.is_file():
            frame = read_table(other, report, source=other.name, sep=sep)
            if frame is not None:
                out[other.name] = frame
    return out


def read(
    tables: Mapping[str, pd.DataFrame], instrument: Instrument, report: IngestReport
) -> list[Response]:
    """Every submission: the form's table, its repeat rows joined to it."""
    columns = Columns(instrument)
    matched = {
        name: {h: columns.match(str(h)) for h in frame.columns if h != ROW}
        for name, frame in tables.items()
    }

    def has(name: str, kind: str) -> str | None:
        return next((h for h, c in matched[name].items() if c is not None and c.kind == kind), None)

    main = next((n for n in tables if has(n, "respondent")), None)
    if main is None:
        return no_respondent_column(tables, instrument, report, "KoboToolbox/ODK")
    repeats = [n for n in tables if n != main and (has(n, "partner") or has(n, "partner_name"))]
    for name in tables:
        unused = [h for h, c in matched[name].items() if c is None]
        if unused and (name == main or name in repeats):
            report.note(
                "responses_columns_unused",
                source=name,
                n=len(unused),
                columns=", ".join(f"'{h}'" for h in unused[:8])
                + (" ..." if len(unused) > 8 else ""),
            )
    reader = _Reader(instrument, columns, report)
    responses = {}
    for record in records(tables[main]):
        response = reader.submission(main, record, matched[main])
        if response is not None:
            responses[int(record[ROW])] = (record, response)
    if not repeats:
        report.note("responses_no_ratings", source=main)
    for name in repeats:
        join = next(
            ((a, b) for a, b in JOINS if has(main, a) and has(name, b)),
            None,
        )
        if join is None:
            report.add(name, None, None, "", "schema", "responses_no_join", main=main)
            continue
        by_key = {str(rec[has(main, join[0])]): resp for rec, resp in responses.values()}
        parent = has(name, join[1])
        for record in records(tables[name]):
            response = by_key.get(str(record[parent]))
            if response is not None:
                reader.rating(name, record, matched[name], response)
    return [response for _, response in responses.values()]


class _Reader:
    """Reads a submission's row and its repeat rows into a :class:`Response`."""

    def __init__(self, instrument: Instrument, columns: Columns, report: IngestReport) -> None:
        self.instrument = instrument
        self.columns = columns
        self.report = report
        self.members = member_choices(instrument)
        self.items = {item.name: item for item in instrument.items}
        self.choices = {item.name: item_choices(item) for item in instrument.items}
        self.codes = {m.code for m in instrument.members}

    def submission(
        self, name: str, record: dict, matched: Mapping[str, Column | None]
    ) -> Response | None:
        row = int(record[ROW])
        by_kind: dict[str, list[tuple[str, Column]]] = {}
        for header, column in matched.items():
            if column is not None:
                by_kind.setdefault(column.kind, []).append((header, column))
        respondent = by_kind["respondent"][0][0]
        response = Response(self.instrument, name, row, respondent)
        submitted = by_kind.get("submitted")
        if submitted:
            response.submitted = record[submitted[0][0]]
        response.order = (response.submitted, row)
        answer = record[respondent]
        code = self.members.get(answer) if answer else None
        other = by_kind.get("other")
        other_text = unmask(record[other[0][0]]) if other else ""
        if code is OTHER or (not answer and other_text):
            if not other_text:
                self.report.add(
                    name,
                    row,
                    respondent,
                    answer,
                    "blank_name",
                    "responses_other_blank",
                    repair=True,
                    action="dropped",
                )
                return None
            response.other = other_text
            response.column = other[0][0]
        elif code is not None:
            response.respondent = str(code)
        elif answer:
            self.report.add(
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
            return None
        for code, header in self._picks(name, row, record, by_kind).items():
            response.ties.append(Tie(code, "", row, header))
        return response

    def _picks(self, name: str, row: int, record: dict, by_kind: Mapping) -> dict[str, str]:
        """The partners picked (code -> the column naming it): the calculated
        ``partners``, else the picks per sector."""
        if by_kind.get("partners"):
            header = by_kind["partners"][0][0]
            codes = record[header].split()
            unknown = [c for c in codes if c not in self.codes]
            for code in unknown:
                self.report.add(
                    name,
                    row,
                    header,
                    code,
                    "unknown_name",
                    "responses_code_unknown",
                    repair=True,
                    action="dropped",
                    value=code,
                )
            return {c: header for c in codes if c in self.codes}
        picked: dict[str, str] = {}
        detailed = {c.item for _, c in by_kind.get("pick_choice", [])}
        for header, column in by_kind.get("pick_choice", []):
            is_ticked = ticked(record[header])
            if is_ticked is None:
                tick_problem(self.report, name, row, header, record[header])
            elif is_ticked:
                picked.setdefault(str(column.value), header)
        for header, column in by_kind.get("pick", []):
            if column.item in detailed or not record[header]:
                continue
            members = self.columns.sector_members[column.item]
            found = _split(
                record[header], {m.code: m.code for m in members}, {m.name: m.code for m in members}
            )
            if found is None:
                self.report.add(
                    name,
                    row,
                    header,
                    record[header],
                    "unknown_name",
                    "responses_picks_unknown",
                    repair=True,
                    action="dropped",
                )
            else:
                for code in found:
                    picked.setdefault(code, header)
        return picked

    def rating(
        self, name: str, record: dict, matched: Mapping[str, Column | None], response: Response
    ) -> None:
        """One repeat row: the answers about one partner."""
        row = int(record[ROW])
        by_kind: dict[str, list[tuple[str, Column]]] = {}
        for header, column in matched.items():
            if column is not None:
                by_kind.setdefault(column.kind, []).append((header, column))
        code = ""
        if by_kind.get("partner") and record[by_kind["partner"][0][0]] in self.codes:
            code = record[by_kind["partner"][0][0]]
        elif by_kind.get("partner_name"):
            found = self.members.get(record[by_kind["partner_name"][0][0]])
            code = found if isinstance(found, str) else ""
        if not code:
            header = (by_kind.get("partner") or by_kind["partner_name"])[0][0]
            self.report.add(
                name,
                row,
                header,
                record[header],
                "unknown_name",
                "responses_code_unknown",
                repair=True,
                action="dropped",
                value=record[header],
            )
            return
        tie = next((t for t in response.ties if t.partner == code), None)
        if tie is None:  # rated, not among the picks: the rating names it
            tie = Tie(code, "", response.row, response.column)
            response.ties.append(tie)
        for header, column in by_kind.get("rating", []):
            value = record[header]
            if not value:
                continue
            found = self.choices[column.item].get(value)
            if found is None:
                answer_problem(self.report, name, row, header, value, self.items[column.item])
            else:
                tie.values[column.item] = float(found)
        detailed = {c.item for _, c in by_kind.get("relation_choice", [])}
        for header, column in by_kind.get("relation_choice", []):
            is_ticked = ticked(record[header])
            if is_ticked is None:
                tick_problem(self.report, name, row, header, record[header])
            elif is_ticked and str(column.value) not in tie.relations:
                tie.relations.append(str(column.value))
        for header, column in by_kind.get("relation", []):
            if column.item in detailed or not record[header]:
                continue
            item = self.items[column.item]
            found = _split(
                record[header],
                {c.code: c.value for c in item.choices},
                {c.label: c.value for c in item.choices},
            )
            if found is None:
                answer_problem(self.report, name, row, header, record[header], item)
                continue
            for value in found:
                if str(value) not in tie.relations:
                    tie.relations.append(str(value))


def _split(text: str, codes: Mapping[str, object], labels: Mapping[str, object]) -> list | None:
    """The choices of a ``select_multiple`` cell: names separated by spaces, or labels
    joined by spaces (cut back into labels; ``None`` if they cannot be told apart)."""
    words = text.split()
    if all(w in codes for w in words):
        return [codes[w] for w in words]
    options = [
        (tuple(text_key(w) for w in label.split()), value) for label, value in labels.items()
    ]
    keys = [text_key(w) for w in words]
    ways: list[list[list] | None] = [None] * (len(keys) + 1)
    ways[0] = [[]]
    for i in range(len(keys)):
        if not ways[i]:
            continue
        for option, value in options:
            j = i + len(option)
            if option and tuple(keys[i:j]) == option:
                ways[j] = (ways[j] or []) + [w + [value] for w in ways[i]]
                ways[j] = ways[j][:2]  # two ways are already ambiguous
    found = ways[len(keys)]
    return found[0] if found and len(found) == 1 else None
