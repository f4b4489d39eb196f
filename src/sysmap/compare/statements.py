"""Plain-language statements about change, in English and German.

A comparison first records *facts*: a message key from the ``compare``
catalogue (``sysmap/locales/<lang>/compare.json``) and the values that fill
it, typed so that each language formats them its own way (percentages,
decimals, p-values, nested phrases). :func:`render_statements` turns facts
into sentences in one language, so one comparison can be read in both, and
:func:`format_value` formats a value as the statements do (the comparison
report formats its tables with it, so that a sentence and the table beside it
show the same number). Organization and group names are inserted as plain
text: escape them when writing HTML.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .._attributes import attribute_label, display_group
from .._text import isolate_bidi
from ..i18n import check_lang, format_number, format_percent, message

__all__ = ["Fact", "render_statements"]

#: Columns of a statements table.
STATEMENT_COLUMNS = ["wave_from", "wave_to", "topic", "key", "actor", "text"]


@dataclass(frozen=True)
class Pct:
    """A share in [0, 1], shown as a percentage."""

    value: float
    digits: int = 1


@dataclass(frozen=True)
class Num:
    """A decimal number."""

    value: float
    digits: int = 2


@dataclass(frozen=True)
class Signed:
    """A signed number (percentage points, tie changes): ``+1.2``, ``-3``."""

    value: float
    digits: int = 1


@dataclass(frozen=True)
class PValue:
    """A p-value: ``p = 0.012`` or ``p < 0.001``."""

    value: float


@dataclass(frozen=True)
class Msg:
    """A nested message (a verb, a role phrase) rendered in the same language."""

    key: str
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Names:
    """Several names joined as ``A, B and C`` / ``A, B und C`` (`conj` ``"or"``:
    ``A or B``); beyond `limit` names, ``A, B and 3 more`` / ``A, B und 3 weitere``."""

    items: tuple[object, ...]
    limit: int | None = None
    conj: str = "and"


@dataclass(frozen=True)
class Pair:
    """A tie between two organizations: ``A ↔ B`` (names often hold dashes)."""

    a: str
    b: str


@dataclass(frozen=True)
class Group:
    """A group label; the explicit groups of missing values read in the language."""

    label: object


@dataclass(frozen=True)
class Attribute:
    """An attribute's name: sysmap's own (``sector``) in the language, others as given."""

    name: object


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
    """`value` as the statements show it in `lang` (a :class:`Pct`, :class:`Num`,
    :class:`Signed`, :class:`PValue`, nested :class:`Msg`, :class:`Names`,
    :class:`Pair`, :class:`Group`, a number or text).

    Examples
    --------
    >>> format_value(Pct(0.0953), "de"), format_value(Num(0.4149), "en")
    ('9,5 %', '0.41')
    >>> format_value(Names(("A", "B", "C", "D"), limit=2), "de")
    'A, B und 2 weitere'
    """
    if isinstance(value, Pct):
        return format_percent(value.value, lang, digits=value.digits)
    if isinstance(value, Num):
        return format_number(float(value.value), lang, digits=value.digits)
    if isinstance(value, Signed):
        v = float(value.value)
        if math.isnan(v):
            return format_number(v, lang)
        text = format_number(abs(v), lang, digits=value.digits)
        zero = text.strip("0.,") == ""
        return text if zero else ("+" if v > 0 else "-") + text
    if isinstance(value, PValue):
        p = float(value.value)
        if math.isnan(p):
            return "p = " + format_number(p, lang)
        if p < 0.001:
            return "p < " + format_number(0.001, lang, digits=3)
        return "p = " + format_number(p, lang, digits=3)
    if isinstance(value, Msg):
        return message("compare", value.key, lang, **_fields(value.fields, lang))
    if isinstance(value, Group):
        return isolate_bidi(str(display_group(value.label, lang)))
    if isinstance(value, Attribute):
        return isolate_bidi(attribute_label(value.name, lang))
    if isinstance(value, Pair):
        return f"{isolate_bidi(value.a)} ↔ {isolate_bidi(value.b)}"
    if isinstance(value, Names):
        # each name apart (see sysmap._text)
        items = [
            format_value(x, lang) if isinstance(x, (Pair, Group)) else isolate_bidi(str(x))
            for x in value.items
        ]
        if value.limit is not None and len(items) > value.limit:
            head = ", ".join(items[: value.limit])
            return message("compare", "more_list", lang, head=head, n=len(items) - value.limit)
        if len(items) < 2:
            return "".join(items)
        key = "or_list" if value.conj == "or" else "and_list"
        return message("compare", key, lang, head=", ".join(items[:-1]), last=items[-1])
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
    >>> fact = Fact("network", "metric_change",
    ...             {"metric": Msg("metric_density"), "verb": Msg("rose"),
    ...              "before": Pct(0.093), "after": Pct(0.115)}, "1", "3")
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
