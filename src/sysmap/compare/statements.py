"""Plain-language statements about change, in English and German.

A comparison first records *facts*: a message key from the ``compare``
catalogue (``sysmap/locales/<lang>/compare.json``) and the values that fill
it, typed so that each language formats them its own way (percentages,
decimals, p-values, nested phrases). :func:`render_statements` turns facts
into sentences in one language, so one comparison can be read in both.
Organization and group names are inserted as plain text: escape them when
writing HTML.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .._attributes import display_group
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
    """Several names joined as ``A, B and C`` / ``A, B und C``."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Group:
    """A group label; the explicit groups of missing values read in the language."""

    label: object


@dataclass(frozen=True)
class Fact:
    """One statement before rendering: where it belongs, its message key and values."""

    topic: str
    key: str
    fields: dict[str, Any]
    wave_from: str | None = None
    wave_to: str | None = None
    actor: object = None


def _format(value: Any, lang: str) -> str:
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
        return message(
            "compare", value.key, lang, **{k: _format(v, lang) for k, v in value.fields.items()}
        )
    if isinstance(value, Group):
        return isolate_bidi(str(display_group(value.label, lang)))
    if isinstance(value, Names):
        items = [isolate_bidi(str(x)) for x in value.items]  # each name apart (see sysmap._text)
        if len(items) < 2:
            return "".join(items)
        return message("compare", "and_list", lang, head=", ".join(items[:-1]), last=items[-1])
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return format_number(value, lang)
    if isinstance(value, float):
        if value.is_integer():
            return format_number(int(value), lang)
        return format_number(value, lang, digits=2)
    return str(value)


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
            message("compare", f.key, lang, **{k: _format(v, lang) for k, v in f.fields.items()}),
        )
        for f in facts
    ]
    return pd.DataFrame(rows, columns=STATEMENT_COLUMNS)
