"""Findings for reading: near-duplicates merged into cards, cards by theme, key points, work plan.

A steering group reads a handful of points, not forty findings. This module
turns ranked :class:`~sysmap.findings.Findings` into what a report shows:

- :func:`cards`: findings of one kind (and one group attribute) merged into
  one :class:`Card` that names all their subjects ("seven cluster brokers"
  become one card naming seven brokers), each card keeping its findings;
- :func:`by_theme`: the cards grouped by theme, the family of their rule
  (:attr:`~sysmap.findings.Rule.family`);
- :func:`key_points`: three to five cards from the most severe *distinct*
  findings, at most one per rule and group attribute;
- :func:`work_plan`: the suggested actions by backbone activity.

Everything here is language-neutral: a card's statement and action are
messages of the ``findings`` catalogue (rendered with the findings' language
when the findings are rendered), so the same selection is made in every
language.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..i18n import catalogue, render
from ._text import DOMAIN, Text
from .model import ACTIVITIES, SEVERITIES, Finding
from .rules import RULES

__all__ = ["THEMES", "Card", "by_theme", "cards", "key_points", "work_plan"]

#: Themes (rule families) in the order a report shows them.
THEMES = ("gaps", "fragmentation", "periphery", "ties", "clusters", "introductions", "data_quality")
#: Kinds whose merged action is another kind's (the same action for any group attribute).
_SAME_WORDS = {"group_gap": "sector_gap"}
#: Subjects a merged card's sentence names before "and N more" (its findings follow).
NAMES = 4
_RANK = {s: i for i, s in enumerate(SEVERITIES)}
_RULE_ORDER = {name: i for i, name in enumerate(RULES)}


@dataclass(frozen=True)
class Card:
    """One or more findings of the same kind, shown as one statement with one action.

    Attributes
    ----------
    findings : tuple of Finding
        The findings merged, most severe first (one for most cards).
    statement : str
        The finding's statement, or for several a sentence naming all their
        subjects (a message until rendered).
    action : str
        The finding's action, or the action for all of them.
    """

    findings: tuple[Finding, ...]
    statement: str
    action: str

    @property
    def first(self) -> Finding:
        """The most severe of the findings."""
        return self.findings[0]

    @property
    def id(self) -> str:
        """The first finding's id (stable; the page's anchor of the card)."""
        return self.first.id

    @property
    def ids(self) -> list[str]:
        return [f.id for f in self.findings]

    @property
    def merged(self) -> bool:
        """Whether the card holds more than one finding."""
        return len(self.findings) > 1

    @property
    def severity(self) -> str:
        return self.first.severity

    @property
    def rule(self) -> str:
        return self.first.rule

    @property
    def kind(self) -> str:
        return self.first.kind

    @property
    def attribute(self) -> str | None:
        """The group attribute of a group finding (``"sector"``, ``"Region"``), else None."""
        return self.first.values.get("attribute")

    @property
    def theme(self) -> str:
        """The family of the card's rule (see :data:`THEMES`)."""
        return RULES[self.rule].family

    @property
    def activity(self) -> str:
        """The backbone activity of the most severe finding's action."""
        return self.first.activity

    @property
    def actors(self) -> tuple:
        """Every actor the findings name, in order, once."""
        return tuple(dict.fromkeys(a for f in self.findings for a in f.actors))

    @property
    def robust(self) -> bool | None:
        """False if any finding is not robust, True if all are, else None."""
        flags = [f.robust for f in self.findings]
        if False in flags:
            return False
        return True if flags and all(flags) else None


def _key(f: Finding) -> tuple:
    """Findings with the same key are near-duplicates: one rule, one kind, one attribute."""
    return (f.rule, f.kind, f.values.get("attribute"))


def _order(card: Card, attributes: Sequence[str]) -> tuple:
    attribute = card.attribute
    place = list(attributes).index(attribute) if attribute in attributes else -1
    return (_RANK[card.severity], _RULE_ORDER.get(card.rule, len(_RULE_ORDER)), place, card.id)


def _merge(found: Sequence[Finding], lang: str | None, text: Text) -> Card:
    if len(found) == 1:
        f = found[0]
        return Card((f,), f.statement, f.action)
    kind = found[0].kind
    subjects = list(dict.fromkeys(render(f.subject, lang or "en") for f in found if f.subject))
    fields = {
        "count": len(found),
        "names": text.names(subjects, limit=NAMES),
        "attribute": str(found[0].values.get("attribute") or ""),
    }
    keys = catalogue(DOMAIN, "en")
    statement: object = text.say(f"merged.{kind}", **fields)
    activities = {f.activity for f in found}
    kind = _SAME_WORDS.get(kind, kind)
    action_key = f"action.merged.{kind}.{found[0].activity}"
    if len(activities) > 1 or action_key not in keys:  # the words for every activity
        action_key = f"action.merged.{kind}"
    action: object = text.say(action_key, **fields)
    if lang is not None:  # the findings are rendered: so are their cards
        statement, action = render(statement, lang), render(action, lang)
    return Card(tuple(found), statement, action)  # type: ignore[arg-type]


def cards(
    findings: Iterable[Finding], *, lang: str | None = None, attributes: Sequence[str] = ()
) -> list[Card]:
    """The findings with near-duplicates merged: one card per rule, kind and group attribute.

    Parameters
    ----------
    findings : iterable of Finding
        Ranked findings (as :class:`~sysmap.findings.Findings` holds them).
    lang : str, optional
        The findings' language when they are rendered (the merged sentences
        are rendered in it too); None keeps messages.
    attributes : sequence of str, optional
        The group attributes in the order of the run (strongest split first),
        which orders cards of one rule and severity.

    Returns
    -------
    list of Card
        Ranked by severity (of their most severe finding), rule, group
        attribute and id.
    """
    text = Text()
    groups: dict[tuple, list[Finding]] = {}
    for f in findings:
        groups.setdefault(_key(f), []).append(f)
    out = []
    for found in groups.values():
        found.sort(key=lambda f: _RANK[f.severity])  # stable: the findings' own order
        out.append(_merge(found, lang, text))
    return sorted(out, key=lambda c: _order(c, attributes))


def by_theme(deck: Sequence[Card]) -> list[tuple[str, list[Card]]]:
    """The cards grouped by theme (:data:`THEMES` order), each theme's cards ranked."""
    themes: dict[str, list[Card]] = {t: [] for t in THEMES}
    for card in deck:
        themes.setdefault(card.theme, []).append(card)
    return [(theme, found) for theme, found in themes.items() if found]


def key_points(deck: Sequence[Card], n: int = 5, minimum: int = 3) -> list[Card]:
    """The most severe distinct cards: at least `minimum` (when there are), at most `n`.

    Cards are taken in rank order (severity, then rule in report order, then
    group attribute), at most one per rule and group attribute, so that two
    gaps between sectors make one point and a gap between regions another;
    a card whose findings are all about pairs of groups already named (the
    plan's missing collaboration between two sectors without a tie) is left
    out. First the high and medium cards, then, while fewer than `minimum`
    are chosen, low cards and finally information.
    """
    chosen: list[Card] = []
    topics: set[tuple] = set()
    pairs: set[frozenset] = set()
    for pool in (("high", "medium"), ("low",), ("info",)):
        if len(chosen) >= minimum:
            break
        for card in deck:
            if len(chosen) >= n:
                break
            topic = (card.rule, card.attribute)
            named = [frozenset(map(str, f.groups)) for f in card.findings]
            repeated = all(named) and all(g in pairs for g in named)
            if card.severity in pool and topic not in topics and not repeated:
                chosen.append(card)
                topics.add(topic)
                pairs.update(g for g in named if g)
    return chosen


def work_plan(
    findings: Iterable[Finding], *, lang: str | None = None, attributes: Sequence[str] = ()
) -> list[tuple[str, list[Card]]]:
    """The suggested actions by backbone activity, a work plan for the backbone organization.

    Findings of severity info (which ask for no action) are left out; the
    others are merged into cards within each activity (:func:`cards`), so
    that e.g. the gaps with a funder appear under "mobilize funding" and the
    other gaps under "support aligned activities".

    Returns
    -------
    list of (activity, list of Card)
        In :data:`~sysmap.findings.ACTIVITIES` order; activities without an
        action are left out.
    """
    acting = [f for f in findings if f.severity != "info" and f.action]
    plan = []
    for activity in ACTIVITIES:
        mine = [f for f in acting if f.activity == activity]
        if mine:
            plan.append((activity, cards(mine, lang=lang, attributes=attributes)))
    return plan
