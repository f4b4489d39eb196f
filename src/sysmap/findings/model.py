"""What a finding is: one plain-language statement with its evidence, and a ranked list of them.

A :class:`Finding` is one coordination gap (or one fact about the data) in a
form a backbone organization can act on and a researcher can check: a stable
id, a severity, one sentence with the numbers in it, the evidence table, the
key numbers, the thresholds and metric behind it, the actors and groups it
names, whether its conclusion survives other tie rules and missing-data
treatments, and a suggested action phrased in one of the backbone's six
activities. :class:`Findings` holds them ranked by severity and turns them
into a tidy table.

Findings are made without a language: statements, actions, notes and the
words in evidence tables are :class:`~sysmap.i18n.Msg` values (a ``str``
reading as English that renders in any language), and
:meth:`Findings.in_language` renders them all for one reader, so a report in
another language never re-runs the analysis.
"""

from __future__ import annotations

import json
import math
import numbers
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, overload

import numpy as np
import pandas as pd

from ..exceptions import ParameterError
from ..i18n import Msg, check_lang, message, render

__all__ = ["ACTIVITIES", "SEVERITIES", "Finding", "Findings"]

#: Severities, most serious first (the ranking order of :class:`Findings`).
SEVERITIES = ("high", "medium", "low", "info")
#: The backbone organization's six activities, as stable keys.
ACTIVITIES = (
    "vision_strategy",
    "aligned_activities",
    "shared_measurement",
    "public_will",
    "policy",
    "funding",
)
#: Columns of :attr:`Findings.frame`, in order.
FRAME_COLUMNS = [
    "id",
    "rule",
    "severity",
    "statement",
    "action",
    "activity",
    "robust",
    "robustness_note",
    "metric",
    "reference",
    "values",
    "threshold",
]


def _plain(value: Any) -> Any:
    """`value` as plain JSON-able Python (numpy scalars, tuples, NaN -> None)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset, np.ndarray)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return [_plain(v) for v in items]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, numbers.Number):
        return float(value)
    return str(value)


def _render_value(value: Any, lang: str) -> Any:
    return value.render(lang) if isinstance(value, Msg) else value


def render_frame(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """`frame` with every :class:`~sysmap.i18n.Msg` cell and index label rendered in `lang`.

    Only text columns (object or string dtype) can hold messages; other
    columns are kept as they are. Columns holding messages are made with
    object dtype (a string dtype backed by Arrow would turn them into plain
    English text).
    """

    def words(values: pd.Series | pd.Index) -> bool:
        return pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values)

    out = frame
    for i in range(frame.shape[1]):
        values = frame.iloc[:, i]
        if words(values) and any(isinstance(v, Msg) for v in values):
            if out is frame:
                out = frame.copy()
            out.isetitem(i, values.map(lambda v: _render_value(v, lang)).astype(object))
    if words(frame.index) and any(isinstance(v, Msg) for v in frame.index):
        out = out.copy() if out is frame else out
        out.index = pd.Index([_render_value(v, lang) for v in frame.index], name=frame.index.name)
    return out


@dataclass(frozen=True)
class Finding:
    """One coordination gap, stated in plain language with the evidence behind it.

    Attributes
    ----------
    id : str
        Stable, deterministic identifier: the kind of finding and what it is
        about, e.g. ``"sector_gap:Business|Health"`` (group labels and actor
        ids sorted); findings that list actors have the kind alone
        (``"isolated"``). The same gap gets the same id in every run, language
        and tie rule, which is how robustness is checked.
    rule : str
        Name of the rule that produced it (a key of
        :data:`sysmap.findings.RULES`).
    severity : {"high", "medium", "low", "info"}
        How urgently a backbone organization should look at it.
    statement : str
        One sentence with the numbers in it: a :class:`~sysmap.i18n.Msg`
        (reads as English, ``.render(lang)`` in any language) until rendered
        by :meth:`in_language`. Organization names are inserted as given
        (plain text, not escaped).
    evidence : pandas.DataFrame
        The actors, ties, groups and values behind the statement (indexed by
        ``actor`` for actor tables; ``source``/``target`` columns for ties).
        Cells that are words (missing-value groups, tie strengths) are
        messages until rendered.
    values : dict
        The key numbers (JSON-able).
    threshold : dict
        The parameters the rule used (names and values).
    metric : str
        One-line definition of the metric (a message until rendered).
    reference : str
        Citation of the method.
    robust : bool or None
        Whether the finding's conclusion (the actors and groups it names and
        its severity) is the same under every alternative tie rule and
        missing-data treatment (:func:`~sysmap.findings.robustness.conclusion_change`);
        ``None`` when not checked.
    robustness_note : str
        Which alternatives were checked, or how the conclusion changes under
        the alternatives where it does not hold, or why none was checked.
    action : str
        Suggested action (a message until rendered).
    activity : str
        The backbone activity the action belongs to (a key of
        :data:`ACTIVITIES`).
    actors : tuple
        The actors the finding names (its subject, e.g. the single point of
        failure or the two ends of a weak tie, or the actors it lists).
    groups : tuple
        The groups the finding names (e.g. the two sectors of a gap).
    subject : str
        What the finding is about, in words: the two groups of a gap
        (``"Business – Health"``), the name of the actor, the two ends of a
        tie; empty for findings about many actors or the whole network. It
        names the finding where several are merged into one card
        (:meth:`Findings.cards`).
    """

    id: str
    rule: str
    severity: str
    statement: str
    evidence: pd.DataFrame = field(compare=False, repr=False)
    values: dict = field(default_factory=dict, repr=False)
    threshold: dict = field(default_factory=dict, repr=False)
    metric: str = field(default="", repr=False)
    reference: str = field(default="", repr=False)
    robust: bool | None = None
    robustness_note: str = field(default="", repr=False)
    action: str = field(default="", repr=False)
    activity: str = "vision_strategy"
    actors: tuple = field(default=(), repr=False)
    groups: tuple = field(default=(), repr=False)
    subject: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            msg = f"severity must be one of {SEVERITIES}; got {self.severity!r}."
            raise ParameterError(msg)
        if self.activity not in ACTIVITIES:
            msg = f"activity must be one of {ACTIVITIES}; got {self.activity!r}."
            raise ParameterError(msg)
        if not isinstance(self.evidence, pd.DataFrame):
            msg = f"evidence must be a pandas DataFrame; got {type(self.evidence).__name__}."
            raise ParameterError(msg)
        object.__setattr__(self, "values", _plain(dict(self.values)))
        object.__setattr__(self, "threshold", _plain(dict(self.threshold)))
        object.__setattr__(self, "actors", tuple(self.actors))
        object.__setattr__(self, "groups", tuple(self.groups))

    def __hash__(self) -> int:
        return hash((self.id, self.rule, self.severity, self.statement))

    @property
    def kind(self) -> str:
        """The kind of finding: the id up to the first ``:`` (``"sector_gap"``)."""
        return self.id.split(":", 1)[0]

    def with_robustness(self, robust: bool | None, note: str) -> Finding:
        """A copy with the robustness flag and note set."""
        return replace(self, robust=robust, robustness_note=note)

    def in_language(self, lang: str) -> Finding:
        """A copy with statement, action, metric, note and evidence words in `lang` (plain ``str``).

        Raises
        ------
        ParameterError
            If sysmap does not speak `lang`.
        """
        lang = check_lang(lang)
        return replace(
            self,
            statement=render(self.statement, lang),
            action=render(self.action, lang),
            metric=render(self.metric, lang),
            robustness_note=render(self.robustness_note, lang),
            evidence=render_frame(self.evidence, lang),
            subject=render(self.subject, lang),
        )

    def to_dict(self) -> dict[str, Any]:
        """Everything but the evidence, as plain JSON-able Python (words in English)."""
        return {
            "id": self.id,
            "rule": self.rule,
            "severity": self.severity,
            "statement": str(self.statement),
            "action": str(self.action),
            "activity": self.activity,
            "robust": self.robust,
            "robustness_note": str(self.robustness_note),
            "metric": str(self.metric),
            "reference": self.reference,
            "values": self.values,
            "threshold": self.threshold,
        }


def _as_set(value: str | Iterable[str] | None, name: str, allowed: Sequence[str] | None):
    if value is None:
        return None
    wanted = {value} if isinstance(value, str) else set(value)
    if allowed is not None:
        unknown = sorted(wanted - set(allowed))
        if unknown:
            msg = f"{name} must be among {list(allowed)}; got {unknown}."
            raise ParameterError(msg)
    return wanted


class Findings(Sequence[Finding]):
    """Findings ranked by severity, then rule (in :data:`~sysmap.findings.RULES` order), then id.

    A read-only sequence: ``len(findings)``, iteration, ``findings[0]`` and
    ``findings["sector_gap:Business|Health"]`` (by id) work; ``id in findings``
    tests for an id.

    What :func:`~sysmap.findings.find_gaps` returns has no language: its
    words are :class:`~sysmap.i18n.Msg` values that read as English.
    :meth:`in_language` renders everything for one reader (``lang`` is then
    set); :meth:`to_frame`, :meth:`to_text` and :meth:`evidence` take the
    language too.

    Parameters
    ----------
    findings : iterable of Finding
        In any order; ids must be unique.
    lang : {"en", "de"} or None, default=None
        The language the words were rendered in; None for findings whose
        words are messages (rendered on request).
    rule_order : sequence of str, optional
        Order of the rules for ranking (default: alphabetical).
    skipped : mapping of str to str, optional
        Rules that did not run, with the reason.
    notes : sequence of str, optional
        What the engine did that a reader should know (fallbacks, actors left out).
    parameters : mapping, optional
        The parameters of the run (group, tie rule, thresholds, seed...).
    alternatives_only : pandas.DataFrame, optional
        Findings that appeared only under alternative rules (``id``, ``rule``,
        ``severity``, ``statement``, ``variants``).

    Attributes
    ----------
    lang, skipped, notes, parameters, alternatives_only
        As given.

    Examples
    --------
    >>> import pandas as pd
    >>> low = Finding("b:1", "r", "low", "B is quiet.", evidence=pd.DataFrame())
    >>> high = Finding("a:1", "r", "high", "A is loud.", evidence=pd.DataFrame())
    >>> found = Findings([low, high])
    >>> found.ids, found["b:1"].statement
    (['a:1', 'b:1'], 'B is quiet.')
    >>> found.frame[["id", "severity", "robust"]]
        id severity  robust
    0  a:1     high    <NA>
    1  b:1      low    <NA>
    """

    def __init__(
        self,
        findings: Iterable[Finding] = (),
        *,
        lang: str | None = None,
        rule_order: Sequence[str] | None = None,
        skipped: Mapping[str, str] | None = None,
        notes: Sequence[str] | None = None,
        parameters: Mapping[str, Any] | None = None,
        alternatives_only: pd.DataFrame | None = None,
    ) -> None:
        items = list(findings)
        for f in items:
            if not isinstance(f, Finding):
                msg = f"Findings holds Finding objects; got {type(f).__name__}."
                raise ParameterError(msg)
        ids = [f.id for f in items]
        if len(set(ids)) != len(ids):
            dup = sorted({i for i in ids if ids.count(i) > 1})
            raise ParameterError(f"finding ids must be unique; repeated: {dup[:5]}.")
        order = {r: i for i, r in enumerate(rule_order or sorted({f.rule for f in items}))}
        rank = {s: i for i, s in enumerate(SEVERITIES)}
        self._items: tuple[Finding, ...] = tuple(
            sorted(
                items, key=lambda f: (rank[f.severity], order.get(f.rule, len(order)), f.rule, f.id)
            )
        )
        self._by_id = {f.id: f for f in self._items}
        self._rule_order = tuple(order)
        self.lang = None if lang is None else check_lang(lang)
        self.skipped = dict(skipped or {})
        self.notes = list(notes or [])
        self.parameters = dict(parameters or {})
        self.alternatives_only = (
            alternatives_only
            if alternatives_only is not None
            else pd.DataFrame(columns=["id", "rule", "severity", "statement", "variants"])
        )
        self._source: Findings | None = None  # the findings these were rendered from

    # -- sequence -------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self._items)

    @overload
    def __getitem__(self, key: int | str) -> Finding: ...

    @overload
    def __getitem__(self, key: slice) -> Findings: ...

    def __getitem__(self, key):
        if isinstance(key, str):
            try:
                return self._by_id[key]
            except KeyError:
                near = [i for i in self._by_id if i.split(":")[0] == key.split(":")[0]][:5]
                hint = f" Ids of that kind: {near}." if near else ""
                raise KeyError(f"no finding with id {key!r}.{hint}") from None
        if isinstance(key, slice):
            return self._copy(self._items[key])
        return self._items[key]

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            return key in self._by_id
        return key in self._items

    def __repr__(self) -> str:
        counts = {s: sum(f.severity == s for f in self._items) for s in SEVERITIES}
        shown = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
        return f"<Findings: {len(self)} ({shown or 'none'}), lang={self.lang!r}>"

    def _copy(self, items: Iterable[Finding]) -> Findings:
        out = Findings(
            items,
            lang=self.lang,
            rule_order=self._rule_order,
            skipped=self.skipped,
            notes=self.notes,
            parameters=self.parameters,
            alternatives_only=self.alternatives_only,
        )
        if self._source is not None:  # a part of rendered findings renders from its source
            keep = {f.id for f in out}
            out._source = self._source._copy(f for f in self._source if f.id in keep)
        return out

    # -- language -------------------------------------------------------------------
    def in_language(self, lang: str) -> Findings:
        """The same findings with every word in `lang`: statements, actions, metrics,
        robustness notes, evidence words, skipped reasons and notes (plain ``str``).

        Rendering only formats the recorded messages: no rule runs again.
        Rendered findings can be rendered again in another language.

        Raises
        ------
        ParameterError
            If sysmap does not speak `lang`.

        Examples
        --------
        >>> import sysmap
        >>> found = sysmap.find_gaps(sysmap.load_sample("bildungsallianz", wave=1),
        ...                          robustness=False)
        >>> print(found.in_language("de")["response_rate"].statement)
        85 von 100 Mitgliedern haben an der Befragung teilgenommen (85 %); das reicht
        für belastbare Ergebnisse.
        """
        lang = check_lang(lang)
        source = self._source if self._source is not None else self
        alternatives = render_frame(source.alternatives_only, lang)
        out = Findings(
            (f.in_language(lang) for f in source),
            lang=lang,
            rule_order=source._rule_order,
            skipped={rule: render(why, lang) for rule, why in source.skipped.items()},
            notes=[render(note, lang) for note in source.notes],
            parameters=source.parameters,
            alternatives_only=alternatives,
        )
        out._source = source
        return out

    def _rendered(self, lang: str | None) -> Findings:
        """These findings in `lang` (default: their own language, else English)."""
        if lang is None:
            lang = self.lang or "en"
        return self if self.lang == lang else self.in_language(lang)

    # -- views ----------------------------------------------------------------------
    @property
    def ids(self) -> list[str]:
        """The ids, in ranking order."""
        return [f.id for f in self._items]

    def filter(
        self,
        *,
        rule: str | Iterable[str] | None = None,
        severity: str | Iterable[str] | None = None,
        activity: str | Iterable[str] | None = None,
        robust: bool | None | str = "any",
    ) -> Findings:
        """The findings of the given rule(s), severities, activities and robustness.

        Parameters
        ----------
        rule, severity, activity : str or iterable of str, optional
            Keep findings whose field is one of these.
        robust : bool, None or "any", default="any"
            Keep findings with this robustness flag (``None``: not checked).

        Raises
        ------
        ParameterError
            For an unknown severity or activity.
        """
        rules = _as_set(rule, "rule", None)
        sev = _as_set(severity, "severity", SEVERITIES)
        act = _as_set(activity, "activity", ACTIVITIES)
        if robust not in (True, False, None, "any"):
            raise ParameterError(f"robust must be True, False, None or 'any'; got {robust!r}.")
        return self._copy(
            f
            for f in self._items
            if (rules is None or f.rule in rules)
            and (sev is None or f.severity in sev)
            and (act is None or f.activity in act)
            and (robust == "any" or f.robust is robust)
        )

    # -- for reading ----------------------------------------------------------------
    def cards(self) -> list:
        """The findings with near-duplicates merged into cards, ranked.

        Findings of one rule, kind and group attribute become one
        :class:`~sysmap.findings.cards.Card` naming all their subjects (e.g.
        all the brokers between clusters); a card's words are in the
        findings' language (messages for findings not rendered yet).

        Examples
        --------
        >>> import sysmap
        >>> found = sysmap.find_gaps(sysmap.load_sample("bildungsallianz", wave=1),
        ...                          robustness=False).in_language("en")
        >>> card = next(c for c in found.cards() if c.kind == "single_point_of_failure")
        >>> len(card.findings), card.statement[:40]
        (3, '3 partners are single points of failure;')
        """
        from .cards import cards

        return cards(self, lang=self.lang, attributes=self.parameters.get("attributes", ()))

    def by_theme(self) -> list:
        """The cards (:meth:`cards`) grouped by theme, the family of their rule:
        ``[(theme, [card, ...]), ...]`` in :data:`~sysmap.findings.cards.THEMES` order."""
        from .cards import by_theme

        return by_theme(self.cards())

    def key_points(self, n: int = 5) -> list:
        """Three to `n` cards from the most severe distinct findings (one per rule and group
        attribute), for the top of a report; see :func:`sysmap.findings.cards.key_points`.

        Examples
        --------
        >>> import sysmap
        >>> found = sysmap.find_gaps(sysmap.load_sample("bildungsallianz", wave=1),
        ...                          robustness=False)
        >>> [card.kind for card in found.key_points()]  # doctest: +NORMALIZE_WHITESPACE
        ['sector_gap', 'single_point_of_failure', 'key_players', 'isolated',
         'named_not_responding']
        """
        from .cards import key_points

        return key_points(self.cards(), n=n)

    def work_plan(self) -> list:
        """The suggested actions by backbone activity: ``[(activity, [card, ...]), ...]``
        in :data:`ACTIVITIES` order (see :func:`sysmap.findings.cards.work_plan`)."""
        from .cards import work_plan

        attributes = self.parameters.get("attributes", ())
        return work_plan(self, lang=self.lang, attributes=attributes)

    def to_frame(self, lang: str | None = None) -> pd.DataFrame:
        """One row per finding, in ranking order, words in `lang`.

        Parameters
        ----------
        lang : {"en", "de"}, optional
            Language of statements, actions, metrics and notes (default: the
            findings' language, English for findings not rendered yet).

        Returns
        -------
        pandas.DataFrame
            Columns ``id, rule, severity, statement, action, activity, robust,
            robustness_note, metric, reference, values, threshold``; ``values``
            and ``threshold`` hold JSON text (``json.loads`` gives the dict),
            ``robust`` is a nullable boolean.
        """
        rows = []
        for f in self._rendered(lang):
            row = f.to_dict()
            row["values"] = json.dumps(f.values, ensure_ascii=False, sort_keys=True)
            row["threshold"] = json.dumps(f.threshold, ensure_ascii=False, sort_keys=True)
            rows.append(row)
        frame = pd.DataFrame(rows, columns=FRAME_COLUMNS)
        frame["robust"] = pd.array(list(frame["robust"]), dtype="boolean")
        return frame

    @property
    def frame(self) -> pd.DataFrame:
        """The findings as a tidy table in their language (see :meth:`to_frame`)."""
        return self.to_frame()

    def to_text(self, lang: str | None = None) -> str:
        """The findings as plain text in `lang`, for a terminal or an e-mail.

        One block per finding: ``[severity] id``, the statement, the suggested
        action with its backbone activity, and the robustness; then the rules
        not applied and the notes. `lang` defaults to the findings' language
        (English for findings not rendered yet).
        """
        shown = self._rendered(lang)
        lang = shown.lang or "en"

        def say(key: str, **values: object) -> str:
            return message("findings", key, lang, **values)

        labels = {
            True: say("label.robust"),
            False: say("label.not_robust"),
            None: say("label.not_checked"),
        }
        blocks = []
        for f in shown:
            lines = [f"[{say(f'severity.{f.severity}')}] {f.id}", f"  {f.statement}"]
            if f.action:
                lines.append(
                    f"  {say('heading.action')} ({say(f'activity.{f.activity}')}): {f.action}"
                )
            note = f" {f.robustness_note}" if f.robustness_note else ""
            lines.append(f"  {say('heading.robustness')}: {labels[f.robust]}.{note}")
            blocks.append("\n".join(lines))
        if shown.skipped:
            blocks.append(
                "\n".join(
                    [f"{say('heading.skipped')}:"]
                    + [f"  {r}: {why}" for r, why in shown.skipped.items()]
                )
            )
        if shown.notes:
            blocks.append("\n".join([f"{say('heading.notes')}:"] + [f"  {n}" for n in shown.notes]))
        return "\n\n".join(blocks) + "\n"

    def evidence(self, lang: str | None = None) -> pd.DataFrame:
        """Every finding's evidence in one long table: ``id`` then the evidence columns.

        Actor indexes become an ``actor`` column; columns missing from a
        finding's evidence are empty; words are in `lang` (default: the
        findings' language, English for findings not rendered yet).
        """
        parts = []
        for f in self._rendered(lang):
            ev = f.evidence
            if ev.index.name is not None:
                ev = ev.reset_index()
            parts.append(ev.assign(id=f.id).loc[:, ["id", *[c for c in ev.columns]]])
        parts = [p for p in parts if len(p)]
        if not parts:
            return pd.DataFrame(columns=["id"])
        return pd.concat(parts, ignore_index=True, sort=False)
