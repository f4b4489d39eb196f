"""What a finding is: one plain-language statement with its evidence, and a ranked list of them.

A :class:`Finding` is one coordination gap (or one fact about the data) in a
form a backbone organization can act on and a researcher can check: a stable
id, a severity, one sentence with the numbers in it, the evidence table, the
key numbers, the thresholds and metric behind it, whether it survives other
symmetrization and missing-data rules, and a suggested action phrased in one
of the backbone's six activities. :class:`Findings` holds them ranked by
severity and turns them into a tidy table.
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


@dataclass(frozen=True)
class Finding:
    """One coordination gap, stated in plain language with the evidence behind it.

    Attributes
    ----------
    id : str
        Stable, deterministic identifier: the rule's key and what it is about,
        e.g. ``"sector_gap:Business|Health"`` (group labels and actor ids
        sorted). The same gap gets the same id in every run, language and
        symmetrization rule, which is how robustness is checked.
    rule : str
        Name of the rule that produced it (a key of
        :data:`sysmap.findings.RULES`).
    severity : {"high", "medium", "low", "info"}
        How urgently a backbone organization should look at it.
    statement : str
        One sentence in the chosen language, with the numbers in it.
        Organization names are inserted as given (plain text, not escaped).
    evidence : pandas.DataFrame
        The actors, ties, groups and values behind the statement (indexed by
        ``actor`` for actor tables; ``source``/``target`` columns for ties).
    values : dict
        The key numbers (JSON-able).
    threshold : dict
        The parameters the rule used (names and values).
    metric : str
        One-line definition of the metric, in the chosen language.
    reference : str
        Citation of the method.
    robust : bool or None
        Whether the finding also appears under every alternative
        symmetrization and missing-data rule; ``None`` when not checked.
    robustness_note : str
        Which alternatives were checked, or why none was.
    action : str
        Suggested action, in the chosen language.
    activity : str
        The backbone activity the action belongs to (a key of
        :data:`ACTIVITIES`).
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

    def __hash__(self) -> int:
        return hash((self.id, self.rule, self.severity, self.statement))

    def with_robustness(self, robust: bool | None, note: str) -> Finding:
        """A copy with the robustness flag and note set."""
        return replace(self, robust=robust, robustness_note=note)

    def to_dict(self) -> dict[str, Any]:
        """Everything but the evidence, as plain JSON-able Python."""
        return {
            "id": self.id,
            "rule": self.rule,
            "severity": self.severity,
            "statement": self.statement,
            "action": self.action,
            "activity": self.activity,
            "robust": self.robust,
            "robustness_note": self.robustness_note,
            "metric": self.metric,
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

    Parameters
    ----------
    findings : iterable of Finding
        In any order; ids must be unique.
    lang : {"en", "de"}, default="en"
        Language of the statements.
    rule_order : sequence of str, optional
        Order of the rules for ranking (default: alphabetical).
    skipped : mapping of str to str, optional
        Rules that did not run, with the reason.
    notes : sequence of str, optional
        What the engine did that a reader should know (fallbacks, actors left out).
    parameters : mapping, optional
        The parameters of the run (group, symmetrization rule, thresholds, seed...).
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
        lang: str = "en",
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
        self.lang = lang
        self.skipped = dict(skipped or {})
        self.notes = list(notes or [])
        self.parameters = dict(parameters or {})
        self.alternatives_only = (
            alternatives_only
            if alternatives_only is not None
            else pd.DataFrame(columns=["id", "rule", "severity", "statement", "variants"])
        )

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
        return Findings(
            items,
            lang=self.lang,
            rule_order=self._rule_order,
            skipped=self.skipped,
            notes=self.notes,
            parameters=self.parameters,
            alternatives_only=self.alternatives_only,
        )

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

    def to_frame(self) -> pd.DataFrame:
        """One row per finding, in ranking order.

        Returns
        -------
        pandas.DataFrame
            Columns ``id, rule, severity, statement, action, activity, robust,
            robustness_note, metric, reference, values, threshold``; ``values``
            and ``threshold`` hold JSON text (``json.loads`` gives the dict),
            ``robust`` is a nullable boolean.
        """
        rows = []
        for f in self._items:
            row = f.to_dict()
            row["values"] = json.dumps(f.values, ensure_ascii=False, sort_keys=True)
            row["threshold"] = json.dumps(f.threshold, ensure_ascii=False, sort_keys=True)
            rows.append(row)
        frame = pd.DataFrame(rows, columns=FRAME_COLUMNS)
        frame["robust"] = pd.array(list(frame["robust"]), dtype="boolean")
        return frame

    @property
    def frame(self) -> pd.DataFrame:
        """The findings as a tidy table (see :meth:`to_frame`)."""
        return self.to_frame()

    def to_text(self) -> str:
        """The findings as plain text in their language, for a terminal or an e-mail.

        One block per finding: ``[severity] id``, the statement, the suggested
        action with its backbone activity, and the robustness; then the rules
        not applied and the notes.
        """
        from ..i18n import message

        def say(key: str, **values: object) -> str:
            return message("findings", key, self.lang, **values)

        labels = {
            True: say("label.robust"),
            False: say("label.not_robust"),
            None: say("label.not_checked"),
        }
        blocks = []
        for f in self._items:
            lines = [f"[{say(f'severity.{f.severity}')}] {f.id}", f"  {f.statement}"]
            if f.action:
                lines.append(
                    f"  {say('heading.action')} ({say(f'activity.{f.activity}')}): {f.action}"
                )
            note = f" {f.robustness_note}" if f.robustness_note else ""
            lines.append(f"  {say('heading.robustness')}: {labels[f.robust]}.{note}")
            blocks.append("\n".join(lines))
        if self.skipped:
            blocks.append(
                "\n".join(
                    [f"{say('heading.skipped')}:"]
                    + [f"  {r}: {why}" for r, why in self.skipped.items()]
                )
            )
        if self.notes:
            blocks.append("\n".join([f"{say('heading.notes')}:"] + [f"  {n}" for n in self.notes]))
        return "\n\n".join(blocks) + "\n"

    def evidence(self) -> pd.DataFrame:
        """Every finding's evidence in one long table: ``id`` then the evidence columns.

        Actor indexes become an ``actor`` column; columns missing from a
        finding's evidence are empty.
        """
        parts = []
        for f in self._items:
            ev = f.evidence
            if ev.index.name is not None:
                ev = ev.reset_index()
            parts.append(ev.assign(id=f.id).loc[:, ["id", *[c for c in ev.columns]]])
        parts = [p for p in parts if len(p)]
        if not parts:
            return pd.DataFrame(columns=["id"])
        return pd.concat(parts, ignore_index=True, sort=False)
