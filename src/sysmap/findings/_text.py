"""Words for findings, recorded without a language: message keys, values, lists and numbers.

The rules say *what* to write (a key of the ``findings`` catalogue and its
values); the language is chosen only where the findings are shown
(:meth:`~sysmap.findings.Findings.in_language`). Every object made here is a
:class:`~sysmap.i18n.Msg`: a ``str`` reading as English that renders in any
language with ``.render(lang)``. Numbers, percentages, lists of names and
missing-value groups are values of that kind too, so each language formats
them its own way when the sentence is rendered.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .._attributes import display_group, is_missing_group
from .._text import isolate_bidi
from ..i18n import Msg, catalogue, format_number, format_percent, message, render

__all__ = ["DOMAIN", "Group", "Joined", "Number", "Percent", "Phrase", "Text", "group_text"]

DOMAIN = "findings"
#: Names listed in a statement before "... and N more".
MAX_NAMES = 6


def _trim(text: str) -> str:
    """One full stop after a name ending in one ("Verein e.V.." -> "Verein e.V.")."""
    if text.endswith("..") and not text.endswith("..."):
        return text[:-1]
    return text


class _Rendered(Msg):
    """A :class:`~sysmap.i18n.Msg` computed by :meth:`_text` (subclasses define it)."""

    def __new__(cls, *args: object) -> _Rendered:
        self = str.__new__(cls, cls._text(args, "en"))
        self.domain, self.key, self.fields = DOMAIN, cls.__name__.lower(), {"args": args}
        self.args = args
        return self

    @staticmethod
    def _text(args: tuple, lang: str) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def render(self, lang: str = "en") -> str:
        return self._text(self.args, lang)

    def __reduce__(self) -> tuple:
        return (type(self), self.args)


class Phrase(_Rendered):
    """A message of the ``findings`` catalogue (``Phrase(key, fields)``)."""

    def __new__(cls, key: str, fields: dict[str, object]) -> Phrase:
        self = super().__new__(cls, key, fields)
        self.key, self.fields = key, fields
        return self

    @staticmethod
    def _text(args: tuple, lang: str) -> str:
        key, fields = args
        return _trim(message(DOMAIN, key, lang, **fields))


class Percent(_Rendered):
    """A share in [0, 1] as a percentage (``Percent(share, digits)``)."""

    @staticmethod
    def _text(args: tuple, lang: str) -> str:
        return format_percent(args[0], lang, digits=args[1])


class Number(_Rendered):
    """A number with at most `digits` decimals (``Number(value, digits)``)."""

    @staticmethod
    def _text(args: tuple, lang: str) -> str:
        return format_number(args[0], lang, digits=args[1])


class Group(_Rendered):
    """A group label of missing values ("unknown"), shown in the reader's language."""

    @staticmethod
    def _text(args: tuple, lang: str) -> str:
        return str(display_group(args[0], lang))


class Joined(_Rendered):
    """Several messages joined by a separator (``Joined(parts, separator)``)."""

    def __new__(cls, parts: Iterable[object], separator: str = " ") -> Joined:
        return super().__new__(cls, tuple(parts), separator)

    @staticmethod
    def _text(args: tuple, lang: str) -> str:
        parts, separator = args
        return separator.join(render(p, lang) for p in parts)


def group_text(label: object) -> object:
    """`label` for evidence: the missing-value groups as :class:`Group`, others as they are."""
    return Group(label) if is_missing_group(label) else label


class Text:
    """The findings' words, without a language (every method returns a renderable value).

    ``say(key, n=..., **values)`` uses the key ``key + ".one"`` when ``n == 1``
    and that key exists, so catalogues can word singular sentences properly
    (both languages have the same keys).
    """

    def __init__(self) -> None:
        self._keys = catalogue(DOMAIN, "en")

    def say(self, key: str, **values: object) -> Phrase:
        """Message `key` filled with `values`; ``n=1`` selects the ``.one`` variant if any."""
        if values.get("n") == 1 and f"{key}.one" in self._keys:
            key = f"{key}.one"
        return Phrase(key, values)

    @staticmethod
    def percent(share: float, digits: int = 0) -> Percent:
        return Percent(float(share), digits)

    @staticmethod
    def number(value: float, digits: int = 1) -> Number:
        return Number(value, digits)

    def count(self, n: int, noun: str) -> Phrase:
        """``"1 rating"`` / ``"3 ratings"`` from the keys ``count.<noun>[.one]``."""
        return self.say(f"count.{noun}", n=n, count=int(n))

    def names(self, items: Sequence[object], limit: int = MAX_NAMES) -> object:
        """``"A, B and C"``; beyond `limit` names ``"A, B, C and 4 more"``."""
        # each name apart (see sysmap._text); phrases keep their language
        items = [x if isinstance(x, Msg) else isolate_bidi(str(x)) for x in items]
        if not items:
            return ""
        if len(items) == 1:
            return items[0]
        if len(items) > limit:
            more = len(items) - limit
            return self.say("list.more", names=Joined(items[:limit], ", "), count=more)
        return self.say("list.and", head=Joined(items[:-1], ", "), last=items[-1])
