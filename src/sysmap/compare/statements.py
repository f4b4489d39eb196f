"""Plain-language statements about change, in English and German.

A comparison first records *facts*: a message key from the ``compare``
catalogue (``sysmap/locales/<lang>/compare.json``) and the values that fill
it, typed so that each language formats them its own way: the values of
:mod:`sysmap.i18n` (:class:`~sysmap.i18n.Percent`, :class:`~sysmap.i18n.Number`,
:class:`~sysmap.i18n.Signed`, :class:`~sysmap.i18n.PValue`,
:class:`~sysmap.i18n.Names`, :class:`~sysmap.i18n.Pair`, :class:`~sysmap.i18n.Group`,
:class:`~sysmap.i18n.Attribute`) and nested messages (:class:`~sysmap.i18n.Msg`),
as the findings use them. :func:`render_statements` turns facts
into sentences in one language, so one comparison can be read in both, and
:func:`format_value` formats a value as the statements do (the comparison
report formats its tables with it, so that a sentence and the table beside it
show the same number). Organization and group names are inserted as plain
text: escape them when writing HTML.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..i18n import Msg, check_lang, format_number, message

__all__ = ["Fact", "render_statements"]

#: Columns of a statements table.
STATEMENT_COLUMNS = ["wave_from", "wave_to", "topic", "key", "actor", "text"]


@dataclass(frozen=True)
class Fact:
    """One statement before rendering: where it belongs, its message key and values."""

    topic: str
    key: str
    fields: dict[str, Any]
    wave_from: str | None = None
    wave_to: str | None = None
    actor: object = None


def format_value(value: Any, lang: str) -> str:
    """`value` as the statements show it in `lang`: a message or value of
    :mod:`sysmap.i18n` rendered, a number formatted (integers without decimals,
    others with two), anything else as text.

    Examples
    --------
    >>> from sysmap.i18n import Names, Number, Percent
    >>> format_value(Percent(0.0953), "de"), format_value(Number(0.4149), "en")
    ('9,5 %', '0.41')
    >>> format_value(Names(("A", "B", "C", "D"), limit=2), "de")
    'A, B und 2 weitere'
    """
    if isinstance(value, Msg):
        return value.render(lang)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return format_number(value, lang)
    if isinstance(value, float):
        if value.is_integer():
            return format_number(int(value), lang)
        return format_number(value, lang, digits=2)
    return str(value)


def _fields(fields: dict[str, Any], lang: str) -> dict[str, Any]:
    """Fields of a message in `lang`; integers stay numbers, so that a catalogue's
    singular (``<key>.one``, used when ``n`` is 1) applies."""
    return {
        k: v if isinstance(v, int) and not isinstance(v, bool) else format_value(v, lang)
        for k, v in fields.items()
    }


#: A sentence's full stop after a name that ends with one ("Verein e.V.."), the
#: name perhaps closed by a directional isolate; the doubled stop is dropped.
_DOUBLE_STOP = re.compile(r"(?<!\.)\.([\u202c\u2069]*)\.(?!\.)")


def _sentence(text: str) -> str:
    return _DOUBLE_STOP.sub(r".\1", text)


def render_statements(facts: Sequence[Fact], lang: str = "en") -> pd.DataFrame:
    """Sentences for `facts` in `lang`, one row each.

    Parameters
    ----------
    facts : sequence of Fact
        What a comparison found (``Comparison.facts``).
    lang : {"en", "de"}, default="en"
        Language of the sentences.

    Returns
    -------
    pandas.DataFrame
        Columns ``wave_from``, ``wave_to``, ``topic`` (``"waves"``,
        ``"caveats"``, ``"tests"``, ``"ties"``, ``"groups"``, ``"network"``,
        ``"actors"``, ``"clusters"``), ``key`` (the message key), ``actor``
        (the actor a statement is about, else None) and ``text``.

    Raises
    ------
    ParameterError
        If `lang` is not supported.

    Examples
    --------
    >>> from sysmap.i18n import Percent
    >>> fact = Fact("network", "metric_change",
    ...             {"metric": Msg("compare", "metric_density"), "verb": Msg("compare", "rose"),
    ...              "before": Percent(0.093), "after": Percent(0.115)}, "1", "3")
    >>> render_statements([fact], "de")["text"].iloc[0]
    'Die Dichte stieg von 9,3 % auf 11,5 %.'
    """
    lang = check_lang(lang)
    rows = [
        (
            f.wave_from,
            f.wave_to,
            f.topic,
            f.key,
            f.actor,
            _sentence(message("compare", f.key, lang, **_fields(f.fields, lang))),
        )
        for f in facts
    ]
    return pd.DataFrame(rows, columns=STATEMENT_COLUMNS)
