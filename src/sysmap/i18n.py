"""Messages in English and German, and numbers and dates formatted per language.

Every sentence sysmap shows a user (findings, report headings, map legends,
comparison statements) lives in a message catalogue, one JSON file per
language and domain: ``sysmap/locales/<lang>/<domain>.json``, a flat mapping
of message keys to :meth:`str.format` templates with named fields. Both
languages must define the same keys with the same fields (a test checks
every catalogue). Numbers and dates are formatted with Babel's CLDR data, so
German reads ``1.234,5`` and ``85 %`` where English reads ``1,234.5`` and
``85%``.

Values that each language writes its own way (a percentage, a decimal, a list of
names, a group of missing values) are :class:`Msg` objects too (:class:`Percent`,
:class:`Number`, :class:`Signed`, :class:`PValue`, :class:`Names`, :class:`Pair`,
:class:`Group`, :class:`Attribute`, :class:`Joined`): analysis code records them in
a message's fields, and the language is chosen only when the message is rendered.
Findings and comparison statements share them.

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
    "Attribute",
    "Group",
    "Joined",
    "Msg",
    "Names",
    "Number",
    "PValue",
    "Pair",
    "Percent",
    "Signed",
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


# --------------------------------------------------------------------------- values


class _Value(Msg):
    """A value written in each language its own way; it reads as its English text.

    A subclass names its arguments and their defaults in ``_args`` and formats
    them in ``_text``; the arguments are attributes (``Percent(0.5).value``).
    """

    _args: dict[str, object] = {}

    def __new__(cls, *args: object, **kwargs: object) -> _Value:
        values = dict(cls._args)
        values.update(zip(cls._args, args))
        values.update(kwargs)
        self = str.__new__(cls, cls._text(values, "en"))
        self.domain, self.key, self.fields = "", cls.__name__.lower(), values
        return self

    def __getattr__(self, name: str) -> object:
        try:
            return self.__dict__["fields"][name]
        except KeyError:
            raise AttributeError(name) from None

    @staticmethod
    def _text(values: dict, lang: str) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def render(self, lang: str = "en") -> str:
        return self._text(self.fields, check_lang(lang))

    def __reduce__(self) -> tuple:
        return (type(self), tuple(self.fields.values()))


class Percent(_Value):
    """A share in [0, 1] as a percentage with `digits` decimals: ``9.5%`` / ``9,5 %``."""

    _args = {"value": None, "digits": 1}

    @staticmethod
    def _text(values: dict, lang: str) -> str:
        return format_percent(values["value"], lang, digits=values["digits"])


class Number(_Value):
    """A number with at most `digits` decimals: ``0.41`` / ``0,41``."""

    _args = {"value": None, "digits": 2}

    @staticmethod
    def _text(values: dict, lang: str) -> str:
        value = values["value"]
        if value is not None and not isinstance(value, numbers.Integral):
            value = float(value)  # numpy and pandas scalars too
        return format_number(value, lang, digits=values["digits"])


class Signed(_Value):
    """A signed number (percentage points, tie changes): ``+1.2``, ``-3``; zero unsigned."""

    _args = {"value": None, "digits": 1}

    @staticmethod
    def _text(values: dict, lang: str) -> str:
        v = float(values["value"])
        if v != v:
            return format_number(v, lang)
        text = format_number(abs(v), lang, digits=values["digits"])
        zero = text.strip("0.,") == ""
        return text if zero else ("+" if v > 0 else "-") + text


class PValue(_Value):
    """A p-value: ``p = 0.012`` or ``p < 0.001``."""

    _args = {"value": None}

    @staticmethod
    def _text(values: dict, lang: str) -> str:
        p = float(values["value"])
        if p != p:
            return "p = " + format_number(p, lang)
        if p < 0.001:
            return "p < " + format_number(0.001, lang, digits=3)
        return "p = " + format_number(p, lang, digits=3)


class Group(_Value):
    """A group label; the explicit groups of missing values ("unknown", "not on the
    member list") read in the language."""

    _args = {"label": None}

    @staticmethod
    def _text(values: dict, lang: str) -> str:
        from ._attributes import display_group  # it formats with this module

        return isolate_bidi(str(display_group(values["label"], lang)))


class Attribute(_Value):
    """An attribute's name: sysmap's own (``sector``) in the language, others as given."""

    _args = {"name": None}

    @staticmethod
    def _text(values: dict, lang: str) -> str:
        from ._attributes import attribute_label  # it formats with this module

        return isolate_bidi(attribute_label(values["name"], lang))


class Pair(_Value):
    """A tie between two organizations: ``A ↔ B`` (names often hold dashes)."""

    _args = {"a": None, "b": None}

    @staticmethod
    def _text(values: dict, lang: str) -> str:
        return f"{isolate_bidi(str(values['a']))} ↔ {isolate_bidi(str(values['b']))}"


class Names(_Value):
    """Names joined as ``A, B and C`` / ``A, B und C`` (`conj` ``"or"``: ``A or B``);
    beyond `limit` names, ``A, B and 3 more`` / ``A, B und 3 weitere``.

    Items may be messages (rendered in the same language); other items are
    shown as text, each apart from the others (:func:`sysmap._text.isolate_bidi`).

    Examples
    --------
    >>> Names(("A", "B", "C", "D"), limit=2).render("de")
    'A, B und 2 weitere'
    """

    _args = {"items": (), "limit": None, "conj": "and"}

    @staticmethod
    def _text(values: dict, lang: str) -> str:
        items = [
            render(x, lang) if isinstance(x, Msg) else isolate_bidi(str(x)) for x in values["items"]
        ]
        limit = values["limit"]
        if limit is not None and len(items) > limit:
            return message(
                "common", "list.more", lang, head=", ".join(items[:limit]), n=len(items) - limit
            )
        if len(items) < 2:
            return "".join(items)
        key = "list.or" if values["conj"] == "or" else "list.and"
        return message("common", key, lang, head=", ".join(items[:-1]), last=items[-1])


class Joined(_Value):
    """Several messages joined by `separator`, each rendered in the same language."""

    _args = {"parts": (), "separator": " "}

    def __new__(cls, parts: object = (), separator: str = " ") -> Joined:
        return super().__new__(cls, tuple(parts), separator)

    @staticmethod
    def _text(values: dict, lang: str) -> str:
        return values["separator"].join(render(p, lang) for p in values["parts"])
