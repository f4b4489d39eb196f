"""The ingest report: what happened to every row of every input file."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .._text import clean_control_characters, shorten
from ..exceptions import DataQualityWarning, InputError, ParameterError, RowError, SchemaError
from ..i18n import Msg, check_lang, format_percent, message, render

__all__ = ["ERRORS", "IngestReport", "Problem"]

#: What a problem did to the data.
ACTIONS = ("none", "dropped", "merged", "repaired", "kept", "added")
SEVERITIES = ("error", "warning", "info")
PROBLEM_COLUMNS = ["source", "row", "column", "value", "check", "message", "severity", "action"]
#: What a reader does with problems (its ``errors=`` argument): ``"repair"`` fixes
#: what can be fixed (a bad cell read as missing, a blank row dropped; reported as
#: warnings) and raises only on structural problems; ``"raise"`` fails on every
#: problem (the command line's ``--strict``); ``"collect"`` never raises.
ERRORS = ("repair", "raise", "collect")
#: How many problems an exception message lists before it says "... and N more".
SHOWN_IN_MESSAGE = 5
#: Columns of :meth:`IngestReport.groups`.
GROUP_COLUMNS = [
    "severity",
    "source",
    "column",
    "check",
    "action",
    "count",
    "rows",
    "n_rows",
    "values",
    "n_values",
    "message",
]
#: Longest example value of a problem group, and longest value inside its message.
EXAMPLE_LENGTH = 40
FIELD_LENGTH = 80


@dataclass(frozen=True)
class Problem:
    """One finding about one cell, row or file.

    Parameters
    ----------
    source : str
        File (or table) name.
    row : int or None
        Row as a spreadsheet shows it (header = row 1); ``None`` for file-level problems.
    column : str or None
        Column the problem is in.
    value : object
        The offending value, as read.
    check : str
        Short machine-readable name of the check (``"scale"``, ``"self_tie"``, ...).
    message : Msg
        Full sentence for a person: where, what, and how to fix it. It reads
        as English; ``problem.message.render("de")`` gives German.
    severity : {"error", "warning", "info"}
        Errors stop ingest (with ``errors="raise"``); warnings and infos do not.
    action : {"none", "dropped", "merged", "repaired", "kept", "added"}
        What sysmap did with the data.
    """

    source: str
    row: int | None
    column: str | None
    value: Any
    check: str
    message: str
    severity: str = "error"
    action: str = "none"


def where(source: str, row: int | None = None, column: str | None = None) -> Msg:
    """The location prefix of a message: ``'file.csv' row 17, column 'x'``."""
    if row is not None and column is not None:
        return Msg("problems", "where_row_column", source=source, row=str(row), column=column)
    if row is not None:
        return Msg("problems", "where_row", source=source, row=str(row))
    if column is not None:
        return Msg("problems", "where_column", source=source, column=column)
    return Msg("problems", "where_file", source=source)


@dataclass
class IngestReport:
    """Everything a reader did to its input: counts, problems, merges, suggestions.

    Readers fill one report per call; :meth:`extend` combines the reports of
    several files (survey plus member list, say). Nothing is dropped, merged or
    repaired without a row in :attr:`problems`.

    Attributes
    ----------
    sources : list of str
        The files read, in order.
    rows_read : int
        Data rows read (blank rows excluded).
    ties_kept : int
        Ties in the resulting tie table.
    notes : list of str
        How files were read (encoding, delimiter, sheet), and summary facts.
    name_matches : pandas.DataFrame
        One row per distinct name that was not an exact id or display-name match:
        ``name, actor, method, score`` (method ``normalized``, ``alias``, ``fuzzy``).
    suggestions : pandas.DataFrame
        Fuzzy-match suggestions for review: ``name, suggestion, actor, score, merged``.
    respondents, roster_size : int or None
        Numbers behind :attr:`response_rate`.
    strict : bool
        Repairable problems (a bad cell, a conflicting duplicate) are errors
        instead of repaired warnings (``errors="raise"``, ``--strict``).
    """

    sources: list[str] = field(default_factory=list)
    rows_read: int = 0
    ties_kept: int = 0
    notes: list[str] = field(default_factory=list)
    _problems: list[Problem] = field(default_factory=list, repr=False)
    name_matches: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["name", "actor", "method", "score"]),
        repr=False,
    )
    suggestions: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(
            columns=["name", "suggestion", "actor", "score", "merged"]
        ),
        repr=False,
    )
    respondents: int | None = None
    roster_size: int | None = None
    strict: bool = False

    @classmethod
    def for_errors(cls, errors: str) -> IngestReport:
        """An empty report for a reader called with ``errors=`` (one of :data:`ERRORS`)."""
        if errors not in ERRORS:
            msg = f"errors must be one of {list(ERRORS)}; got {errors!r}."
            raise ParameterError(msg)
        return cls(strict=errors == "raise")

    # -- collecting -------------------------------------------------------------
    def add(
        self,
        source: str,
        row: int | None,
        column: str | None,
        value: Any,
        check: str,
        key: str | None = None,
        /,
        *,
        severity: str = "error",
        action: str = "none",
        repair: bool = False,
        **fields: object,
    ) -> Problem:
        """Record one problem.

        Parameters
        ----------
        source, row, column, value
            Where the problem is and the value as read.
        check : str
            Machine-readable name of the check (``"scale"``, ``"self_tie"``, ...).
        key : str, optional
            Message key in the ``problems`` catalogue (default: `check`); the
            message is the fix-it sentence after the location.
        severity, action : str
            See :class:`Problem`.
        repair : bool, default=False
            The problem was repaired (a bad cell read as missing, a row
            dropped) and analysis can go on: a warning, or an error when the
            report is :attr:`strict`.
        **fields
            The message's values (names, counts, the fix).
        """
        if key is None:
            key = check
        if " " in key:
            raise TypeError(f"pass a message key from the 'problems' catalogue, not {key!r}")
        if repair:
            severity = "error" if self.strict else "warning"
        if severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, got {severity!r}")
        if action not in ACTIONS:
            raise ValueError(f"action must be one of {ACTIONS}, got {action!r}")
        text = Msg(
            "problems",
            "located",
            where=where(source, row, column),
            text=Msg("problems", key, **fields),
        )
        problem = Problem(source, row, column, value, check, text, severity, action)
        self._problems.append(problem)
        return problem

    def note(self, key: str, /, **fields: object) -> Msg:
        """Record how a file was read (encoding, separator, sheet) or a summary fact.

        `key` names a message of the ``notes`` catalogue.
        """
        text = Msg("notes", key, **fields)
        self.notes.append(text)
        return text

    def extend(self, other: IngestReport) -> IngestReport:
        """Append everything `other` recorded to this report (in place) and return it."""
        self.sources += [s for s in other.sources if s not in self.sources]
        self.rows_read += other.rows_read
        self.notes += other.notes
        self._problems += other._problems
        self.name_matches = _concat(self.name_matches, other.name_matches)
        self.suggestions = _concat(self.suggestions, other.suggestions)
        if other.respondents is not None:
            self.respondents, self.roster_size = other.respondents, other.roster_size
        return self

    # -- reading ----------------------------------------------------------------
    @property
    def problems(self) -> pd.DataFrame:
        """All problems, one row each: ``source, row, column, value, check, message,
        severity, action`` (messages in English; :meth:`problems_in` for others)."""
        return self.problems_in("en")

    def problems_in(self, lang: str = "en") -> pd.DataFrame:
        """:attr:`problems` with the messages in `lang`."""
        rows = [{**p.__dict__, "message": render(p.message, lang)} for p in self._ordered()]
        frame = pd.DataFrame(rows, columns=PROBLEM_COLUMNS)
        return frame.astype({"row": "Int64"})

    def _ordered(self) -> list[Problem]:
        """Problems by file (in reading order), then file-level first, then by row."""
        order = {s: i for i, s in enumerate(self.sources)}
        return sorted(
            self._problems,
            key=lambda p: (order.get(p.source, len(order)), p.row is not None, p.row or 0),
        )

    @property
    def errors(self) -> list[Problem]:
        """Problems that stop ingest."""
        return [p for p in self._ordered() if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Problems that were repaired or reported, and did not stop ingest."""
        return [p for p in self._ordered() if p.severity == "warning"]

    @property
    def response_rate(self) -> float | None:
        """Share of roster actors who answered the survey (``None`` without a roster)."""
        if not self.roster_size or self.respondents is None:
            return None
        return self.respondents / self.roster_size

    @property
    def response_confidence(self) -> str | None:
        """``"high"`` (>= 80 %), ``"directional"`` (65-79 %) or ``"caution"`` (< 65 %).

        The bands are the field's common practice (see docs/methods, missing data).
        """
        rate = self.response_rate
        if rate is None:
            return None
        return "high" if rate >= 0.8 else "directional" if rate >= 0.65 else "caution"

    def count(self, action: str) -> int:
        """How many problems had `action` (``"dropped"``, ``"merged"``, ...)."""
        return sum(p.action == action for p in self._problems)

    def groups(self, lang: str = "en", *, rows: int = 5, values: int = 3) -> pd.DataFrame:
        """The problems grouped by kind and column: one row per group, for a
        terminal, a report section or an app that cannot list every cell.

        A group is every problem of one check (kind) in one column of one
        file, with the same severity and action: 230 unrecognised answer
        labels in ``frequency`` are one group. The counts add up to the
        number of problems (:attr:`problems` lists each of them).

        Parameters
        ----------
        lang : {"en", "de"}, default="en"
            Language of the ``message`` column.
        rows : int, default=5
            How many row numbers to keep per group (the first ones).
        values : int, default=3
            How many distinct example values to keep per group (the most
            frequent first), each cut to :data:`EXAMPLE_LENGTH` characters.

        Returns
        -------
        pandas.DataFrame
            Columns ``severity, source, column, check, action, count, rows,
            n_rows, values, n_values, message``: ``rows`` the first row
            numbers (list of int, spreadsheet numbering) of the ``n_rows``
            distinct rows, ``values`` example values (list of str, blanks left
            out) of the ``n_values`` distinct ones, ``message`` what is wrong
            and how to fix it,
            from the group's first problem, without its location, long values
            cut with an ellipsis. Errors first, then warnings, then notes;
            within each, in reading order (file, then first row).

        References
        ----------
        .. [1] Nielsen, J. (1994). Enhancing the explanatory power of usability
           heuristics. Proc. CHI '94, 152-158 (heuristic 9: error messages in
           plain language that precisely indicate the problem and suggest a
           solution).

        Examples
        --------
        >>> report = IngestReport(sources=["s.csv"])
        >>> for row in (2, 3, 4):
        ...     _ = report.add("s.csv", row, "intensity", "x", "scale", "scale_integer",
        ...                    repair=True, range="", item="intensity", value="x")
        >>> report.groups()[["column", "check", "count", "rows", "values"]]
              column  check  count       rows values
        0  intensity  scale      3  [2, 3, 4]    [x]
        """
        lang = check_lang(lang)
        grouped: dict[tuple, list[Problem]] = {}
        for p in self._ordered():
            column = None if _blank(p.column) else p.column  # a reader may leave NaN
            grouped.setdefault((p.severity, p.source, column, p.check, p.action), []).append(p)
        records = []
        for (severity, source, column, check, action), members in grouped.items():
            counts: dict[str, int] = {}
            for p in members:
                if not _blank(p.value):
                    text = shorten(clean_control_characters(str(p.value)), EXAMPLE_LENGTH)
                    counts[text] = counts.get(text, 0) + 1
            examples = sorted(counts, key=lambda v: -counts[v])[:values]
            all_rows = sorted({p.row for p in members if p.row is not None})
            records.append(
                {
                    "severity": severity,
                    "source": source,
                    "column": column,
                    "check": check,
                    "action": action,
                    "count": len(members),
                    "rows": all_rows[:rows],
                    "n_rows": len(all_rows),
                    "values": examples,
                    "n_values": len(counts),
                    "message": _fix(members[0].message, lang),
                }
            )
        rank = {s: i for i, s in enumerate(SEVERITIES)}
        records.sort(key=lambda r: rank[r["severity"]])  # stable: reading order within
        frame = pd.DataFrame(records, columns=GROUP_COLUMNS)
        frame["column"] = pd.Series([r["column"] for r in records], dtype=object)  # None stays
        return frame

    def summary(self, lang: str = "en") -> str:
        """A short plain-text summary for a terminal or a report, in English or German.

        Counts, the response rate and the notes, from the ``ingest`` and
        ``notes`` message catalogues.
        """

        def say(key: str, **values: object) -> str:
            return message("ingest", key, lang, **values)

        sources = ", ".join(self.sources) or say("no_file")
        lines = [say("read", n=self.rows_read, sources=sources)]
        lines.append(say("ties_kept", n=self.ties_kept))
        for action in ("dropped", "merged", "repaired", "added"):
            n = self.count(action)
            if n:
                lines.append(say(f"action_{action}", n=n))
        n_warn = sum(p.severity == "warning" for p in self._problems)
        lines.append(say("errors", errors=len(self.errors), warnings=n_warn))
        if len(self.suggestions):
            lines.append(say("suggestions", n=len(self.suggestions)))
        if self.response_rate is not None:
            lines.append(
                say(
                    "response",
                    respondents=self.respondents,
                    roster=self.roster_size,
                    rate=format_percent(self.response_rate, lang),
                    band=say(f"band_{self.response_confidence}"),
                )
            )
        lines += [say("note", text=render(n, lang)) for n in self.notes]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    # -- acting -----------------------------------------------------------------
    def raise_if_errors(self) -> None:
        """Raise one exception listing every error recorded, or return quietly.

        A single row-level error raises :class:`~sysmap.exceptions.RowError`;
        any error without a row raises :class:`~sysmap.exceptions.SchemaError`;
        several errors raise :class:`~sysmap.exceptions.InputError`. The full
        list is ``exc.report.problems``.
        """
        errors = self.errors
        if not errors:
            return
        shown = "\n  ".join(p.message for p in errors[:SHOWN_IN_MESSAGE])
        more = len(errors) - SHOWN_IN_MESSAGE
        tail = f"\n  ... and {more} more (see exc.report.problems)." if more > 0 else ""
        if len(errors) == 1:
            msg = errors[0].message
        else:
            msg = f"{len(errors)} problems in the input:\n  {shown}{tail}"
        first = errors[0]
        if any(p.row is None for p in errors):
            raise SchemaError(msg, report=self)
        if len(errors) == 1:
            raise RowError(
                msg,
                source=first.source,
                row=first.row,
                column=first.column,
                value=first.value,
                report=self,
            )
        raise InputError(msg, report=self)

    def warn(self, stacklevel: int = 3) -> None:
        """Issue one :class:`DataQualityWarning` summarising the warnings, if any."""
        warned = self.warnings
        if not warned:
            return
        shown = "\n  ".join(p.message for p in warned[:SHOWN_IN_MESSAGE])
        more = len(warned) - SHOWN_IN_MESSAGE
        tail = f"\n  ... and {more} more (see .report.problems)." if more > 0 else ""
        msg = f"{len(warned)} data-quality warnings:\n  {shown}{tail}"
        warnings.warn(msg, DataQualityWarning, stacklevel=stacklevel)


def _blank(value: Any) -> bool:
    if value is None or (isinstance(value, float) and value != value):
        return True
    return not str(value).strip()


def _fix(text: str, lang: str) -> str:
    """A problem's message in `lang` without its location (the sentence inside
    ``located``), long values cut."""
    if isinstance(text, Msg) and text.key == "located" and "text" in text.fields:
        text = text.fields["text"]
    if not isinstance(text, Msg):  # plain text: only its length can be limited
        return shorten(clean_control_characters(str(text)), 4 * FIELD_LENGTH)
    return render(_shortened(text), lang)


def _shortened(text: object, limit: int = FIELD_LENGTH) -> object:
    """`text` with every text field of a message cut to `limit` characters, so
    that a 10,000-character cell cannot flood a terminal."""
    if isinstance(text, Msg):
        fields = {k: _shortened(v, limit) for k, v in text.fields.items()}
        return Msg(text.domain, text.key, **fields)
    if isinstance(text, str):
        return shorten(clean_control_characters(text), limit)
    if isinstance(text, (list, tuple)):
        return [_shortened(v, limit) for v in text]
    return text


def _concat(a: pd.DataFrame, b: pd.DataFrame) -> pd.DataFrame:
    if b.empty:
        return a
    if a.empty:
        return b.reset_index(drop=True)
    return pd.concat([a, b], ignore_index=True)
