"""Words for findings, recorded without a language: message keys, values, lists and numbers.

The rules say *what* to write (a key of the ``findings`` catalogue and its
values); the language is chosen only where the findings are shown
(:meth:`~sysmap.findings.Findings.in_language`). Every object made here is a
:class:`~sysmap.i18n.Msg`: a ``str`` reading as English that renders in any
language with ``.render(lang)``. Numbers, percentages, lists of names and
missing-value groups are the shared values of :mod:`sysmap.i18n`
(:class:`~sysmap.i18n.Percent`, :class:`~sysmap.i18n.Number`,
:class:`~sysmap.i18n.Names`, :class:`~sysmap.i18n.Group`,
:class:`~sysmap.i18n.Joined`), as in the comparison's statements.
"""

from __future__ import annotations

from collections.abc import Sequence

from .._attributes import is_missing_group
from ..i18n import Group, Msg, Names, Number, Percent, catalogue, message

__all__ = ["DOMAIN", "Phrase", "Text", "group_text"]

DOMAIN = "findings"
#: Names listed in a statement before "... and N more".
MAX_NAMES = 6


def _trim(text: str) -> str:
    """One full stop after a name ending in one ("Verein e.V.." -> "Verein e.V.")."""
    if text.endswith("..") and not text.endswith("..."):
        return text[:-1]
    return text


class Phrase(Msg):
    """A message of the ``findings`` catalogue (``Phrase(key, fields)``), one full stop
    after a name that ends with one."""

    def __new__(cls, key: str, fields: dict[str, object]) -> Phrase:
        self = str.__new__(cls, _trim(message(DOMAIN, key, "en", **fields)))
        self.domain, self.key, self.fields = DOMAIN, key, fields
        return self

    def render(self, lang: str = "en") -> str:
        return _trim(message(DOMAIN, self.key, lang, **self.fields))

    def __reduce__(self) -> tuple:
        return (type(self), (self.key, self.fields))


def group_text(label: object) -> object:
    """`label` for evidence: the missing-value groups as :class:`~sysmap.i18n.Group`,
    others as they are."""
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
        if not items:
            return ""
        return Names(tuple(items), limit=limit)
