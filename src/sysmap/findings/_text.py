"""Words for findings: messages from the ``findings`` catalogue, lists, counts and numbers."""

from __future__ import annotations

from collections.abc import Sequence

from .._text import isolate_bidi
from ..i18n import catalogue, check_lang, format_number, format_percent, message

__all__ = ["DOMAIN", "Text"]

DOMAIN = "findings"
#: Names listed in a statement before "... and N more".
MAX_NAMES = 6


class Text:
    """Message lookup for one language, with the plural and list conventions of findings.

    ``say(key, n=..., **values)`` uses the key ``key + ".one"`` when ``n == 1``
    and that key exists, so catalogues can word singular sentences properly.
    """

    def __init__(self, lang: str) -> None:
        self.lang = check_lang(lang)
        self._keys = catalogue(DOMAIN, self.lang)

    def has(self, key: str) -> bool:
        return key in self._keys

    def say(self, key: str, **values: object) -> str:
        """Message `key` filled with `values`; ``n=1`` selects the ``.one`` variant if any."""
        if values.get("n") == 1 and f"{key}.one" in self._keys:
            key = f"{key}.one"
        text = message(DOMAIN, key, self.lang, **values)
        if text.endswith("..") and not text.endswith("..."):  # a name ending in "e.V."
            text = text[:-1]
        return text

    def percent(self, share: float, digits: int = 0) -> str:
        return format_percent(share, self.lang, digits=digits)

    def number(self, value: float, digits: int = 1) -> str:
        return format_number(value, self.lang, digits=digits)

    def count(self, n: int, noun: str) -> str:
        """``"1 rating"`` / ``"3 ratings"`` from the keys ``count.<noun>[.one]``."""
        return self.say(f"count.{noun}", n=n, count=int(n))

    def names(self, items: Sequence[str], limit: int = MAX_NAMES) -> str:
        """``"A, B and C"``; beyond `limit` names ``"A, B, C and 4 more"``."""
        items = [isolate_bidi(str(x)) for x in items]  # each name apart (see sysmap._text)
        if not items:
            return ""
        if len(items) == 1:
            return items[0]
        if len(items) > limit:
            return self.say("list.more", names=", ".join(items[:limit]), count=len(items) - limit)
        return self.say("list.and", head=", ".join(items[:-1]), last=items[-1])
