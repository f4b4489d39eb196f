"""Messages of the command line: the console (every line from the ``cli`` catalogue, in
the user's language), usage errors in that language, and problems in the input grouped
by kind and column (the full list to ``problems.csv``).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from ..exceptions import InputError
from ..export import write_csv
from ..i18n import LANGUAGES, Msg, format_number, message, render
from ..io.report import IngestReport, where

#: Environment variable holding the default language of every command.
LANG_VARIABLE = "SYSMAP_LANG"
#: Problem groups printed by the analysis commands (validate prints --show of them).
SHOWN_GROUPS = 10


# ----------------------------------------------------------------------------- console
class Console:
    """Prints catalogue messages of the ``cli`` domain in one language."""

    def __init__(self, lang: str = "en", *, strict: bool = False) -> None:
        self.lang = lang
        self.strict = strict  # --strict: problems stop the command

    def __call__(self, key: str, /, **fields: object) -> str:
        """The message `key` in the console's language."""
        return message("cli", key, self.lang, **fields)

    def print(self, key: str, /, **fields: object) -> None:
        """Print the message `key` to standard output."""
        print(self(key, **fields))

    def error(self, text: object) -> None:
        """Print an error (a :class:`~sysmap.i18n.Msg` renders in the console's language)."""
        print(self("error", text=render(text, self.lang)), file=sys.stderr)

    def number(self, value: float, digits: int = 1) -> str:
        """`value` formatted for the console's language."""
        return format_number(value, self.lang, digits=digits)

    def listing(self, items: Sequence[str]) -> str:
        """``a, b and c`` (``a, b und c``)."""
        items = list(items)
        if len(items) < 2:
            return "".join(items)
        return self("list_and", items=", ".join(items[:-1]), last=items[-1])


def _default_lang() -> str:
    """The language of ``SYSMAP_LANG`` (``de``, ``de_DE.UTF-8`` ...), else English."""
    value = os.environ.get(LANG_VARIABLE, "").strip().lower()
    value = re.split(r"[_.@-]", value)[0] if value else ""
    return value if value in LANGUAGES else "en"


def _lang_in(argv: Sequence[str]) -> str:
    """The ``--lang`` of a command line that may not parse (for usage errors)."""
    for i, arg in enumerate(argv):
        value = None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value in LANGUAGES:
            return value
    return _default_lang()


# argparse's own messages (Python 3.10-3.13), mapped to catalogue keys by pattern.
_USAGE_MESSAGES = (
    (r"the following arguments are required: (?P<names>.*)", "usage_required"),
    (r"unrecognized arguments: (?P<names>.*)", "usage_unrecognized"),
    (r"argument (?P<option>\S+): invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)",
     "usage_choice"),
    (r"argument (?P<option>\S+): invalid \w+ value: (?P<value>.*)", "usage_value"),
    (r"argument (?P<option>\S+): expected (?:one|at least one) argument", "usage_expected"),
    (r"argument (?P<option>\S+): not allowed with argument (?P<other>.*)", "usage_conflict"),
    (r"ambiguous option: (?P<option>\S+) could match (?P<names>.*)", "usage_ambiguous"),
)  # fmt: skip


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors speak the user's language."""

    lang = "en"

    def error(self, message: str):  # type: ignore[override]
        say = Console(self.lang)
        text = message
        for pattern, key in _USAGE_MESSAGES:
            match = re.fullmatch(pattern, message)
            if match:
                text = say(key, **match.groupdict())
                break
        print(self.format_usage().rstrip(), file=sys.stderr)
        print(say("usage_error", prog=self.prog, text=text), file=sys.stderr)
        self.exit(2)


# ----------------------------------------------------------------------------- problems
def _show_problems(
    report: IngestReport,
    say: Console,
    *,
    limit: int = SHOWN_GROUPS,
    written: Path | None = None,
    hint: str | None = None,
) -> None:
    """Print the problems of `report` grouped by kind and column (errors and
    warnings; at most `limit` groups), and where the full list is."""
    groups = report.groups(say.lang)
    groups = groups.loc[groups["severity"] != "info"]
    if groups.empty:
        return
    n_errors = int(groups.loc[groups["severity"] == "error", "count"].sum())
    n_warnings = int(groups.loc[groups["severity"] == "warning", "count"].sum())
    say.print(
        "problems_header",
        errors=n_errors,
        warnings=n_warnings,
        groups=len(groups),
    )
    for row in groups.head(limit).itertuples(index=False):
        print(_group_line(row, say))
    rest = groups.iloc[limit:]
    if len(rest):
        say.print("groups_more", groups=len(rest), n=int(rest["count"].sum()))
    if written is not None:
        say.print("problems_written", path=str(written))
    elif hint is not None:
        say.print(hint)


def _group_line(row: object, say: Console) -> str:
    """One line for one problem group (see :meth:`IngestReport.groups`)."""
    if row.count == 1:
        return say("group_one", text=_located(row, say))
    details = []
    if row.rows:
        more = ", …" if row.n_rows > len(row.rows) else ""
        details.append(say("group_rows", rows=", ".join(map(str, row.rows)) + more))
    if row.values:
        quoted = [f"'{v}'" for v in row.values] + (["…"] if row.n_values > len(row.values) else [])
        details.append(say("group_values", values=", ".join(quoted)))
    place = where(row.source, None, row.column)
    if not details:
        return say("group_many_plain", where=place, n=row.count, text=row.message)
    return say("group_many", where=place, n=row.count, details="; ".join(details), text=row.message)


def _located(row: object, say: Console) -> str:
    """A one-problem group as its message with file, row and column."""
    place = where(row.source, row.rows[0] if row.rows else None, row.column)
    return message("problems", "located", say.lang, where=place, text=row.message)


def _write_problems(report: IngestReport, path: Path, lang: str) -> Path:
    """Every problem, one per row, messages in `lang` (formulas neutralised)."""
    return write_csv(report.problems_in(lang), path, index=False)


def _show_input_error(exc: InputError, say: Console) -> None:
    """An input error: its report's problems grouped when it has several, else its message."""
    report = getattr(exc, "report", None)
    errors = len(report.errors) if report is not None else 0
    if errors > 1:
        _show_problems(report, say, hint="problems_hint_validate")
        say.error(Msg("cli", "input_stops_strict" if say.strict else "input_stops", n=errors))
    elif errors == 1:
        groups = report.groups(say.lang)
        say.error(_located(next(groups.loc[groups["severity"] == "error"].itertuples()), say))
    else:
        say.error(exc.args[0] if exc.args else exc)
