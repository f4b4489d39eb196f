"""CSV dialects: the separator of a text table (detected or given) and hints when a
header looks wrongly read (another separator, UTF-8 read as Windows text).

Part of reading tables (:func:`sysmap.io.tables.read_table`).
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections.abc import Callable, Iterator, Sequence

from .._text import shorten
from ..exceptions import ParameterError
from ..i18n import Msg

__all__ = ["SEPARATORS", "detect_separator", "dialect_hint", "parse_sep"]

#: CSV separators sysmap detects, in the order ties are broken.
SEPARATORS = (",", ";", "\t", "|")
_SEP_NAMES = {",": ",", ";": ";", "|": "|", "\t": "\t", "\\t": "\t", "tab": "\t"}
# UTF-8 read as Windows text: 'Ã¤' for 'ä', 'â€' starting a quote mark or dash.
_MOJIBAKE = re.compile("[\u00c2\u00c3][\u0080-\u00bf]|\u00e2\u20ac")
_SNIFF_CHARS = 1024 * 1024  # characters inspected for the separator
_SNIFF_ROWS = 50  # rows compared for the separator
_MAX_FIELD = 2**31 - 1  # largest csv.field_size_limit on every platform (a C long)
_SHOWN_CELL = 60  # characters of a cell shown in a message
_SHOWN_COLUMNS = 12  # header cells shown in a message


def parse_sep(sep: str | None) -> str | None:
    """The separator character for a user's ``sep=`` (``None``: detect it).

    Accepts ``","``, ``";"``, ``"|"`` and a tab written as ``"\\t"``, ``"tab"``
    or a backslash and ``t`` (as typed on a command line).

    Raises
    ------
    ParameterError
        For anything else.

    Examples
    --------
    >>> parse_sep("tab"), parse_sep(";"), parse_sep(None)
    ('\\t', ';', None)
    """
    if sep is None:
        return None
    found = _SEP_NAMES.get(sep.casefold() if isinstance(sep, str) else sep)
    if found is None:
        raise ParameterError(Msg("problems", "sep_invalid", value=repr(sep)))
    return found


def detect_separator(text: str, needed: Callable[[list[str]], bool] | None = None) -> str:
    """The separator of a CSV text: the one giving the most rows with the header's
    field count (over the first 50 rows), more than one header cell.

    Each of ``,`` ``;`` tab ``|`` is tried with a real CSV parser, so quoted
    cells with separators inside do not count. Ties are broken by `needed`
    (the header has the columns the reader needs), then by the share of
    non-blank header cells, then in the order ``,`` ``;`` tab ``|``. A text
    where no separator gives two columns is read with ``,``.

    Examples
    --------
    >>> detect_separator('Befragte;Partner\\n"Stadt Essen, Jugendamt";"Schule, Nord"\\n')
    ';'
    >>> detect_separator("a\\tb\\n1\\t2\\n")
    '\\t'
    """
    sample = text[:_SNIFF_CHARS]
    best, best_key = ",", None
    for order, sep in enumerate(SEPARATORS):
        rows = _sample_rows(sample, sep, cut=len(text) > len(sample))
        if not rows:
            continue
        header = [c.strip() for c in rows[0]]
        width = len(header)
        filled = sum(bool(c) for c in header)
        body = rows[1:]
        fits = sum(
            len(r) == width or (len(r) > width and not any(c.strip() for c in r[width:]))
            for r in body
        )
        key = (
            filled > 1,
            fits / len(body) if body and filled > 1 else float(filled > 1),
            bool(needed(header)) if needed is not None and filled > 1 else False,
            filled / width,
            -order,
        )
        if best_key is None or key > best_key:
            best, best_key = sep, key
    return best if best_key is not None and best_key[0] else ","


def _sample_rows(sample: str, sep: str, *, cut: bool) -> list[list[str]]:
    """The first non-blank records of `sample` (without a last, possibly cut one)."""
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=sep, skipinitialspace=True)
    rows: list[list[str]] = []
    with _no_field_size_limit():
        try:
            for row in reader:
                if any(c.strip() for c in row):
                    rows.append(row)
                if len(rows) > _SNIFF_ROWS:
                    return rows[:-1] if cut else rows
        except csv.Error:  # pragma: no cover - a safety net
            return rows
    return rows[:-1] if cut and len(rows) > 1 else rows


@contextlib.contextmanager
def _no_field_size_limit() -> Iterator[None]:
    """Let the csv module read cells of any length (its default stops at 131,072
    characters); the previous limit is restored afterwards."""
    previous = csv.field_size_limit()
    csv.field_size_limit(_MAX_FIELD)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def dialect_hint(header: Sequence[str], sep: str | None) -> Msg | None:
    """What to try when `header` looks wrongly read, as a message; ``None`` if it looks fine.

    A header read as one column that contains another separator suggests
    that separator (``--sep``); column names with the marks of UTF-8 read as
    Windows text (``Ã¤`` for ``ä``) suggest exporting again as UTF-8.

    Examples
    --------
    >>> hint = dialect_hint(["respondent;partner;intensity"], ",")
    >>> "the file seems to be separated by ';'" in hint, hint.fields["code"]
    (True, "';'")
    >>> dialect_hint(["respondent", "partner"], ",") is None
    True
    """
    shown = _shown_header(header)
    if len(header) == 1:
        counts = {c: header[0].count(c) for c in SEPARATORS if c != sep}
        other = max(counts, key=counts.__getitem__)
        if counts[other]:
            return Msg(
                "problems",
                "separator_hint",
                header=shown,
                separator=_sep_shown(other),
                code=_sep_code(other),
            )
    if any(_MOJIBAKE.search(c) for c in header):
        return Msg("problems", "encoding_hint", header=shown)
    return None


def _shown_header(header: Sequence[str]) -> str:
    cells = ", ".join(f"'{shorten(str(c), _SHOWN_CELL)}'" for c in header[:_SHOWN_COLUMNS])
    return cells + (", …" if len(header) > _SHOWN_COLUMNS else "")


def _sep_shown(sep: str) -> str:
    return Msg("notes", "sep_tab") if sep == "\t" else f"'{sep}'"


def _sep_code(sep: str) -> str:
    return "'tab'" if sep == "\t" else f"'{sep}'"
