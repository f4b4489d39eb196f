"""Untrusted text made safe to show and to write: control characters, invisible
characters, right-to-left overrides, overlong labels and matplotlib's ``$``.

Organization names and free text come from surveys and from graphs users
build themselves; sysmap treats them as untrusted wherever it writes them.
This module is the one owner of the rules:

- :func:`clean_control_characters`: control characters (``\\x01``, a vertical
  tab ``\\x0b`` ...) are not allowed in XML, so Excel workbooks, GraphML and
  GEXF cannot hold them; ingest and every writer remove them.
- :func:`strip_invisible`: zero-width characters, soft hyphens and
  direction marks make two spellings of a name look identical; name matching
  ignores them.
- :func:`isolate_bidi` / :func:`balance_bidi`: a name with an unclosed
  right-to-left override (U+202E) reverses the rest of a sentence it is
  put into; names are isolated (Unicode bidirectional algorithm, UAX #9,
  rules X5a-X6a: first-strong isolate U+2068 ... U+2069).
- :func:`shorten` and :func:`figure_text`: labels are cut to a fixed length
  (a 10,000-character sector name must not make a figure 60,000 points
  wide), and ``$`` is escaped so matplotlib never reads a name as a formula
  ("Cost $5 to $10" is not math).

References
----------
.. [1] Unicode Standard Annex #9, Unicode Bidirectional Algorithm, sections 2.4
   (explicit directional isolates) and 3.3.2 (rules X5a-X8).
   https://www.unicode.org/reports/tr9/
.. [2] W3C, "Extensible Markup Language (XML) 1.0", production [2] ``Char``.
   https://www.w3.org/TR/xml/#charsets
.. [3] W3C Internationalization, "Inline markup and bidirectional text in HTML"
   (isolate inserted text). https://www.w3.org/International/articles/inline-bidi-markup/
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

__all__ = [
    "MAX_CELL",
    "MAX_LABEL",
    "balance_bidi",
    "clean_control_characters",
    "clean_control_frame",
    "figure_text",
    "isolate_bidi",
    "shorten",
    "strip_invisible",
]

#: Longest label drawn in a figure or next to a node (tooltips and exports keep the full text).
MAX_LABEL = 40
#: Longest text shown in a table cell of a report page (the full text is its tooltip).
MAX_CELL = 300

# Control characters XML 1.0 forbids (all C0 but tab, line feed, carriage return), DEL
# and the C1 block (allowed by XML but never meaningful in a name: they come from
# broken decodings), lone surrogates (cannot be written as UTF-8) and U+FFFE/U+FFFF.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Line-break-like controls become a space, so the words either side stay apart.
_AS_SPACE = {"\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f", "\x85"}
_SURROGATE = re.compile("[\ud800-\udfff]")

_EMBEDDINGS = "\u202a\u202b\u202d\u202e"  # LRE, RLE, LRO, RLO
_ISOLATES = "\u2066\u2067\u2068"  # LRI, RLI, FSI
_PDF, _PDI, _FSI = "\u202c", "\u2069", "\u2068"
# Text that can change the order of what surrounds it: explicit directional
# formatting characters, direction marks, and right-to-left letters (Hebrew,
# Arabic, Syriac, Thaana, N'Ko ...; presentation forms; RTL blocks of the SMP).
_BIDI = re.compile(
    "[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069"
    "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)


def clean_control_characters(text: str) -> str:
    """`text` without the control characters XML, Excel and terminals cannot take.

    Vertical tab, form feed, the information separators and NEL become a space
    (spreadsheets use them as line breaks); the other C0 and C1 controls and
    ``DEL`` are removed; lone surrogates become U+FFFD. Tab, line feed and
    carriage return are kept.

    Examples
    --------
    >>> clean_control_characters("Stadt\\x01werke\\x0bRheinstadt")
    'Stadtwerke Rheinstadt'
    >>> clean_control_characters("Straße\\tNord")
    'Straße\\tNord'
    """
    if not _CONTROL.search(text):
        return text
    text = _SURROGATE.sub("\ufffd", text)
    return _CONTROL.sub(lambda m: " " if m.group(0) in _AS_SPACE else "", text)


def clean_control_frame(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Clean every text cell and column name of `frame` with :func:`clean_control_characters`.

    Returns
    -------
    cleaned : pandas.DataFrame
        A cleaned copy of `frame` (`frame` itself when nothing changed).
    changes : pandas.DataFrame
        One row per changed value, column names first, then the cells column
        by column: ``row`` (the index label; None for a column name),
        ``column`` (the original column name) and ``value`` (the original text).

    Examples
    --------
    >>> frame = pd.DataFrame({"name": ["Stadt\\x01", "Schule"], "n": [1, 2]})
    >>> cleaned, changes = clean_control_frame(frame)
    >>> cleaned["name"].tolist(), changes[["row", "column"]].values.tolist()
    (['Stadt', 'Schule'], [[0, 'name']])
    """

    def dirty(value: object) -> bool:
        return isinstance(value, str) and _CONTROL.search(value) is not None

    def clean(value: object) -> object:
        return clean_control_characters(value) if isinstance(value, str) else value

    rows: list[tuple[object, object, str]] = [(None, c, c) for c in frame.columns if dirty(c)]
    out = frame.copy() if rows else frame
    for position, column in enumerate(frame.columns):
        values = frame.iloc[:, position]
        if pd.api.types.is_numeric_dtype(values):
            continue
        mask = values.map(dirty).to_numpy(dtype=bool)
        if not mask.any():
            continue
        if out is frame:
            out = frame.copy()
        out.isetitem(position, values.astype(object).map(clean))
        rows += [(label, column, v) for label, v in values[mask].items()]
    if out is not frame:
        out.columns = [clean(c) for c in frame.columns]
    changes = pd.DataFrame(rows, columns=["row", "column", "value"], dtype=object)
    return out, changes


def strip_invisible(text: str) -> str:
    """`text` without invisible format characters (Unicode category ``Cf``).

    Zero-width space, joiners and non-joiners, word joiner, byte-order mark,
    soft hyphen, left-to-right and right-to-left marks and every bidirectional
    embedding, override and isolate are removed, so names that look the same
    compare equal. For matching, never for display.

    Examples
    --------
    >>> strip_invisible("Stadt\\u200bwer\\u00adke\\u202e")
    'Stadtwerke'
    """
    if text.isascii():
        return text
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def balance_bidi(text: str) -> str:
    """`text` with every directional embedding, override and isolate closed.

    Closers without an opener (U+202C PDF, U+2069 PDI) are removed, and the
    closers for openers left open are appended, following the pairing rules
    of UAX #9 (X6a: a PDI closes its isolate and every embedding opened
    inside it; X7: a PDF never closes across an isolate). Nothing that
    follows the text can then be reordered by it.

    Examples
    --------
    >>> balance_bidi("C\\u202eevil") == "C\\u202eevil\\u202c"
    True
    >>> balance_bidi("x\\u2069\\u202c y")
    'x y'
    """
    if not any(c in text for c in _EMBEDDINGS + _ISOLATES + _PDF + _PDI):
        return text
    stack: list[str] = []
    out: list[str] = []
    for c in text:
        if c in _EMBEDDINGS or c in _ISOLATES:
            stack.append(c)
        elif c == _PDF:
            if not stack or stack[-1] not in _EMBEDDINGS:
                continue
            stack.pop()
        elif c == _PDI:
            if not any(s in _ISOLATES for s in stack):
                continue
            while stack.pop() not in _ISOLATES:
                pass
        out.append(c)
    out.extend(_PDI if s in _ISOLATES else _PDF for s in reversed(stack))
    return "".join(out)


def isolate_bidi(text: str) -> str:
    """`text` as a directional isolate when it could reorder the text around it.

    Text with right-to-left letters or directional formatting characters is
    balanced (:func:`balance_bidi`) and wrapped in FIRST STRONG ISOLATE
    (U+2068) ... POP DIRECTIONAL ISOLATE (U+2069), the plain-text equivalent
    of HTML's ``<bdi>``: a name with an unclosed right-to-left override then
    cannot reverse the sentence it is put into. Other text, and text whose
    right-to-left parts are all inside complete isolates already (a sentence
    of isolated names), is returned unchanged.

    Examples
    --------
    >>> isolate_bidi("Stadtwerke")
    'Stadtwerke'
    >>> isolate_bidi("C\\u202eevil") == "\\u2068C\\u202eevil\\u202c\\u2069"
    True
    """
    if not _BIDI.search(text):
        return text
    depth, outside = 0, []  # the characters not inside a complete isolate
    for c in text:
        if c in _ISOLATES:
            depth += 1
        elif c == _PDI and depth:
            depth -= 1
        elif not depth:
            outside.append(c)
    if not depth and not _BIDI.search("".join(outside)):
        return text
    return _FSI + balance_bidi(text) + _PDI


def shorten(text: str, limit: int = MAX_LABEL) -> str:
    """`text` cut to at most `limit` characters, an ellipsis marking the cut.

    Examples
    --------
    >>> shorten("Bürgerstiftung Rheinstadt", 12)
    'Bürgerstift…'
    """
    return text if len(text) <= limit else text[: limit - 1] + "…"


def figure_text(value: object, limit: int | None = MAX_LABEL) -> str:
    """`value` as text for a matplotlib figure: cleaned, shortened, never math.

    Control characters and invisible format characters are removed
    (matplotlib has no glyphs for them and does not reorder right-to-left
    text anyway), the text is cut to `limit` characters (None: not cut), and
    every ``$`` is escaped, so matplotlib draws the text as written instead
    of parsing it as mathtext (which turns "Cost $5 to $10" into
    "Cost 5to10" and stops on ``$x^$``).

    Examples
    --------
    >>> figure_text("Cost $5 to $10")
    'Cost \\\\$5 to \\\\$10'
    """
    text = strip_invisible(clean_control_characters(str(value)))
    if limit is not None:
        text = shorten(text, limit)
    if "$" not in text:
        return text
    import matplotlib

    if not matplotlib.rcParams["text.parse_math"] and not matplotlib.rcParams["text.usetex"]:
        return text  # mathtext is off: an escape would be drawn
    return text.replace("$", r"\$")
