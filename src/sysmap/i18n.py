"""Messages in English and German, and numbers and dates formatted per language.

Every sentence sysmap shows a user (findings, report headings, map legends,
comparison statements) lives in a message catalogue, one JSON file per
language and domain: ``sysmap/locales/<lang>/<domain>.json``, a flat mapping
of message keys to :meth:`str.format` templates with named fields. Both
languages must define the same keys with the same fields (a test checks
every catalogue). Numbers and dates are formatted with Babel's CLDR data, so
German reads ``1.234,5`` and ``85 %`` where English reads ``1,234.5`` and
``85%``.

Examples
--------
>>> format_number(1234.5, "de"), format_number(1234.5, "en")
('1.234,5', '1,234.5')
>>> format_percent(0.853, "de"), format_percent(0.853, "en", digits=1)
('85 %', '85.3%')
"""

from __future__ import annotations

import datetime as _dt
import json
import numbers
import string
from functools import cache
from importlib import resources

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal
from babel.numbers import format_percent as _babel_percent

from ._text import isolate_bidi
from .exceptions import ParameterError

__all__ = [
    "LANGUAGES",
    "Msg",
    "catalogue",
    "check_lang",
    "fields",
    "format_date",
    "format_number",
    "format_percent",
    "message",
    "render",
]

#: Languages with a full set of catalogues.
LANGUAGES = ("en", "de")


def check_lang(lang: object) -> str:
    """Return `lang` if sysmap speaks it; raise :class:`ParameterError` otherwise."""
    if lang not in LANGUAGES:
        msg = f"lang must be one of {list(LANGUAGES)}; got {lang!r}."
        raise ParameterError(msg)
    return str(lang)


@cache
def catalogue(domain: str, lang: str = "en") -> dict[str, str]:
    """All messages of `domain` (e.g. ``"findings"``) in `lang`, key -> template.

    Raises
    ------
    ParameterError
        If `lang` is not supported or the catalogue does not exist.
    """
    lang = check_lang(lang)
    path = resources.files("sysmap") / "locales" / lang / f"{domain}.json"
    if not path.is_file():
        msg = f"no message catalogue {domain!r} for language {lang!r} ({path})."
        raise ParameterError(msg)
    return json.loads(path.read_text(encoding="utf-8"))


def fields(template: str) -> set[str]:
    """Names of the fields a template fills, e.g. ``{"n", "sector"}``."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def format_number(value: float, lang: str = "en", digits: int = 1) -> str:
    """`value` with the language's separators and at most `digits` decimals
    (integers keep none); NaN reads ``"n/a"`` / ``"k. A."``."""
    lang = check_lang(lang)
    if value is None or (isinstance(value, float) and value != value):
        return "k. A." if lang == "de" else "n/a"
    if isinstance(value, numbers.Integral):
        return format_decimal(int(value), locale=lang)
    pattern = "#,##0" + ("." + "#" * digits if digits > 0 else "")
    return format_decimal(float(value), format=pattern, locale=lang)


def format_percent(share: float, lang: str = "en", digits: int = 0) -> str:
    """A share in [0, 1] as a percentage, ``85 %`` (de) or ``85%`` (en)."""
    lang = check_lang(lang)
    if share is None or share != share:
        return format_number(float("nan"), lang)
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "") + " %"
    if lang == "en":
        pattern = pattern.replace(" %", "%")
    return _babel_percent(float(share), format=pattern, locale=lang)


def format_date(value: _dt.date | _dt.datetime, lang: str = "en") -> str:
    """A date written out, ``23 November 2026`` / ``23. November 2026``."""
    lang = check_lang(lang)
    if isinstance(value, _dt.datetime):
        value = value.date()
    if lang == "en":
        return f"{value.day} {_babel_date(value, 'MMMM yyyy', locale='en')}"
    return _babel_date(value, format="long", locale=lang)


def message(domain: str, key: str, lang: str = "en", **values: object) -> str:
    """The message `key` of `domain` in `lang`, its fields filled from `values`.

    Floats are formatted with :func:`format_number`, integers with grouping;
    pass pre-formatted strings (e.g. :func:`format_percent`) for anything else.
    A catalogue may give the singular as ``"<key>.one"``: it is used when the
    field ``n`` is 1 (``"1 actor"``, ``"2 actors"``).

    Raises
    ------
    ParameterError
        If the key does not exist or a field has no value.

    Examples
    --------
    >>> message("common", "actors", "de", n=1234), message("common", "actors", "en", n=1)
    ('1.234 Akteure', '1 actor')
    """
    templates = catalogue(domain, lang)
    if key not in templates:
        msg = f"message {key!r} is missing from the {lang!r} catalogue {domain!r}."
        raise ParameterError(msg)
    template = templates[key]
    if values.get("n") == 1 and f"{key}.one" in templates:
        template = templates[f"{key}.one"]
    missing = fields(template) - set(values)
    if missing:
        msg = f"message {domain}:{key} needs the field(s) {sorted(missing)}."
        raise ParameterError(msg)
    shown = {name: _shown(v, lang) for name, v in values.items()}
    return template.format(**shown)


def _shown(value: object, lang: str) -> object:
    if isinstance(value, Msg):
        return value.render(lang)
    if isinstance(value, (list, tuple)):  # a list of phrases, joined with commas
        return ", ".join(str(_shown(v, lang)) for v in value)
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        return format_number(value, lang)
    if isinstance(value, str):  # a name with a right-to-left override cannot reverse the rest
        return isolate_bidi(value)
    return value


class Msg(str):
    """A message that reads as its English text and renders in any language.

    Data and analysis code record *what* to say (a catalogue key and its
    values); the text in the reader's language is chosen only where it is
    shown (a terminal, a report page). A ``Msg`` is a ``str`` holding the
    English text, so logs, tests and ``print`` work unchanged; fields may be
    ``Msg`` themselves (rendered in the same language).

    Parameters
    ----------
    domain, key : str
        Catalogue and message key, as for :func:`message`.
    **fields
        The template's values.

    Examples
    --------
    >>> note = Msg("common", "actors", n=1234)
    >>> note, note.render("de")
    ('1,234 actors', '1.234 Akteure')
    """

    domain: str
    key: str
    fields: dict[str, object]

    def __new__(cls, domain: str, key: str, /, **fields: object) -> Msg:
        self = super().__new__(cls, message(domain, key, "en", **fields))
        self.domain, self.key, self.fields = domain, key, fields
        return self

    def render(self, lang: str = "en") -> str:
        """The message in `lang` (plain ``str``)."""
        return message(self.domain, self.key, lang, **self.fields)

    def __reduce__(self) -> tuple:
        return (_restore_msg, (self.domain, self.key, self.fields))


def _restore_msg(domain: str, key: str, fields: dict[str, object]) -> Msg:
    return Msg(domain, key, **fields)


def render(text: object, lang: str = "en") -> str:
    """`text` in `lang`: a :class:`Msg` is rendered, anything else is ``str(text)``."""
    return text.render(lang) if isinstance(text, Msg) else str(text)
