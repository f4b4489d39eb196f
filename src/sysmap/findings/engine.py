"""Run every findings rule on a network, check each finding under other rules, rank them.

:func:`find_gaps` is the one call behind the report: it builds the network
with the chosen tie rule, runs the rules of :data:`~sysmap.findings.RULES`,
re-runs them under the other tie rules and without the non-respondents, marks
every finding robust or not (:mod:`sysmap.findings.robustness`), and returns
the ranked :class:`~sysmap.findings.Findings`, without a language: they are
rendered for a reader with :meth:`~sysmap.findings.Findings.in_language`.
"""

from __future__ import annotations

import os
from collections.abc import Hashable, Sequence
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from .._attributes import is_missing
from .._graph import GRAPH_TYPES, check_graph
from .._progress import show_progress
from .._random import seed_int
from ..build import build_network
from ..build.network import undirected_network
from ..build.ties import SYMMETRIZE, check_rule, is_survey, resolve_rule
from ..exceptions import InputError, ParameterError
from ..i18n import Joined, check_lang
from ..io.model import RESPONDED, NetworkData
from ..io.partnerships import read_affiliations
from ..metrics.store import MeasureStore
from ._context import Context, RuleSkipped
from ._text import Text
from .groups import AUTO, group_attributes, primary_attribute
from .model import Finding, Findings
from .plan import read_plan
from .robustness import assess
from .rules import RULES
from .thresholds import DEFAULT_THRESHOLDS, Thresholds, check_thresholds

__all__ = ["DEFAULT_THRESHOLDS", "Thresholds", "find_gaps"]

#: The missing-data alternative: the network without the non-respondents.
RESPONDENTS_ONLY = "respondents_only"


def find_gaps(
    data: NetworkData | nx.Graph,
    *,
    group: str | Sequence[str] | None = AUTO,
    plan: str | os.PathLike[str] | pd.DataFrame | None = None,
    affiliations: NetworkData | pd.DataFrame | str | os.PathLike[str] | None = None,
    symmetrize: str = "auto",
    lang: str | None = None,
    thresholds: Thresholds | dict[str, Any] | None = None,
    seed: None | int | np.random.Generator = 0,
    robustness: bool = True,
    progress: bool | None = None,
    store: MeasureStore | None = None,
) -> Findings:
    """Find the coordination gaps of a network, in plain language, with the evidence.

    The analysis has no language: the findings' words are messages that read
    as English and render in any language (:meth:`Findings.in_language
    <sysmap.findings.Findings.in_language>`), so a report in German and one
    in English describe the same run.

    Parameters
    ----------
    data : NetworkData or networkx.Graph or networkx.DiGraph
        Preferably what a reader returned (:func:`~sysmap.read_survey`, ...):
        it gives the response rate, the respondents' own reports and the
        ability to rebuild the network under other rules. A directed graph is
        read as the reports (symmetrized here with the same rules as
        :func:`~sysmap.build_network`). An undirected graph is used as it is:
        the robustness re-runs under other symmetrization rules are then
        skipped (and the findings say so); only the respondents-only check
        runs, when actors carry ``status``.
    group : "auto", str, list of str or None, default="auto"
        Node attributes with each actor's group, for the group rules (gaps
        between groups and the actors who hold them together, plan versus
        reality). ``"auto"``: every categorical attribute of the member list
        (sector, region, level, ...; see
        :func:`~sysmap._attributes.categorical_attributes`), the strongest
        split first; a name or a list of names narrows it to those; None
        compares no groups. ``sector``, when compared, names the groups in
        evidence and cluster names (else the first attribute). Rules that need
        a group are skipped (with the reason) when no actor has one; actors
        without a value are left out of the comparisons.
    plan : path or pandas.DataFrame, optional
        Intended collaboration matrix, group x group (labels are values of
        one of the group attributes) or actor x actor (actor ids or names);
        see :func:`~sysmap.findings.read_plan`.
    affiliations : NetworkData, pandas.DataFrame or path, optional
        Partnership records (organization x project, committee, grant), for
        recommended introductions: what :func:`~sysmap.read_affiliations`
        returns, a table with ``actor`` and ``affiliation`` columns (ids or
        names), or a file to read with the network's actors as member list.
    symmetrize : {"auto", "union", "mutual", "respondent_priority"}, default="auto"
        How directed reports become the undirected network the rules read
        (:mod:`sysmap.build.ties`); ``"auto"`` is the default rule of the data
        (reconstruction, ``"union"``, for surveys). Data that are not a survey
        fall back from ``"respondent_priority"`` to ``"union"`` (noted).
    lang : {"en", "de"}, optional
        Shorthand for ``find_gaps(...).in_language(lang)``: render the
        findings in this language at the end. The analysis does not depend
        on it; prefer rendering where the findings are shown.
    thresholds : Thresholds or dict, optional
        Rule parameters to change (see :class:`~sysmap.findings.Thresholds`).
    seed : None, int, numpy.random.Generator or numpy.random.RandomState, default=0
        Seed of the random steps (clusters, key players, sampled betweenness);
        the same seed gives identical findings.
    robustness : bool, default=True
        Re-run the rules under the other tie rules and without the
        non-respondents, and flag the findings whose conclusion changes there.
    progress : bool or None, default=None
        Show a progress bar over the rule runs.
        ``None``: shown if ``SYSMAP_PROGRESS=1``, or standard error is a
        terminal (:func:`~sysmap._progress.show_progress`).
    store : MeasureStore, optional
        The measures of the network the rules read (the network `data` gives
        under `symmetrize`), shared with the caller's tables and map
        (:func:`sysmap.report.gap_report` passes its own): each measure is
        computed once, and the store's seed and size policy apply (exact up
        to 2,000 actors, see :mod:`sysmap.metrics.store`). The alternative
        networks get stores with the same policy. Default: a store with
        `seed` and the default policy.

    Returns
    -------
    Findings
        Ranked by severity, then rule, then id; without a language unless
        `lang` is given (``.lang`` is then set). ``.frame`` is the tidy table;
        ``.skipped`` the rules that did not run and why; ``.notes`` what the
        engine did that a reader should know; ``.parameters`` everything
        used; ``.alternatives_only`` the findings that appeared only under an
        alternative rule.

    Raises
    ------
    ParameterError
        For an unknown language, rule, threshold or seed.
    GraphTypeError
        If `data` is neither NetworkData nor a simple networkx graph.
    InputError
        If the plan or the affiliation file cannot be read, or the plan's
        labels are neither groups nor actors of the network.

    Notes
    -----
    *Robustness.* With survey data, the rules run on the network built with
    `symmetrize` and again on each alternative: the other tie rules that
    apply (``"union"``, ``"mutual"``, ``"respondent_priority"``) and
    ``"respondents_only"`` (the main network without actors who did not
    respond). A finding is robust when its conclusion (the actors and groups
    it names, and its severity) is the same under every alternative; the
    definition is :func:`sysmap.findings.robustness.conclusion_change`. A
    finding that is not robust says, per alternative, how its conclusion
    changes there; the data-quality finding ``robustness`` gives the share
    of robust findings. Findings computed from the reports themselves
    (named-but-not-responding partners, one-sided ties, trust and value
    ratings) do not depend on the rule and are robust by construction;
    data-quality findings are not checked (``robust`` is None).

    Examples
    --------
    >>> import sysmap
    >>> from sysmap.findings import find_gaps
    >>> data = sysmap.load_sample("bildungsallianz", wave=1)
    >>> findings = find_gaps(data, robustness=False)
    >>> print(findings["sector_gap:Business|Health"].statement)
    Business and Health share none of their 128 possible ties; at the usual level
    of contact between sectors there would be about 6.4.
    >>> print(findings.in_language("de")["response_rate"].statement)
    85 von 100 Mitgliedern haben an der Befragung teilgenommen (85 %); das reicht
    für belastbare Ergebnisse.
    """
    if lang is not None:
        check_lang(lang)
    t = check_thresholds(thresholds)
    seed_value = seed_int(seed)
    check_rule(symmetrize)
    is_directed = getattr(data, "is_directed", bool)
    directed = data.directed if isinstance(data, NetworkData) else is_directed()
    if symmetrize is None and directed:
        msg = "symmetrize must be 'auto' or a rule: the rules read undirected ties."
        raise ParameterError(msg)
    if not (group is None or isinstance(group, str) or _names(group)):
        msg = f"group must be 'auto', an attribute name, a list of them or None; got {group!r}."
        raise ParameterError(msg)
    text = Text()
    notes: list[str] = []
    source = _Source(data, symmetrize, text, notes)
    G = source.G
    if store is None:
        store = MeasureStore(G, seed=seed_value, progress=False)
    elif not isinstance(store, MeasureStore) or not store.describes(G):
        msg = "store must be a MeasureStore of the network the rules read (data under symmetrize)."
        raise ParameterError(msg)
    else:
        G = source.G = store.G
    attributes = group_attributes(G, group)
    primary = primary_attribute(attributes, group)
    plan_frame = _resolve_plan(plan, G, attributes, text, notes) if plan is not None else None
    aff = _resolve_affiliations(affiliations, G, text, notes) if affiliations is not None else None
    _note_missing_group(G, primary, text, notes)

    def context(graph: nx.Graph, variant: str, wanted: set[str] | None = None) -> Context:
        return Context(
            store=store if graph is G else store.like(graph),
            G=graph,
            D=source.D,
            group=primary,
            attributes=tuple(attributes),
            thresholds=t,
            text=text,
            seed=seed_value,
            variant=variant,
            plan=plan_frame,
            affiliations=aff,
            report=source.report,
            progress=False,
            notes=notes,
            wanted=wanted,
        )

    alternatives = source.alternatives() if robustness else []
    reason = None
    if not robustness:
        reason = text.say("reason.disabled")
    elif not alternatives:
        reason = source.no_alternative_reason
    bar = tqdm(
        total=len(RULES) * (1 + len(alternatives)),
        desc="findings",
        unit="rule",
        disable=not show_progress(progress),
    )
    try:
        main = context(G, source.rule)
        results, skipped = _run(main, bar, alternative=False)
        wanted = {f.id for found in results.values() for f in found}
        alt_results: dict[str, dict[str, list[Finding]]] = {}
        for name, graph in alternatives:
            alt_results[name], _ = _run(context(graph, name, wanted), bar, alternative=True)
    finally:
        bar.close()
    for kind, (kept, total) in main.totals.items():
        notes.append(text.say("note.truncated", rule=kind, kept=kept, total=total))

    final, summary, alternatives_only = assess(
        main, results, {name: (graph, alt_results[name]) for name, graph in alternatives}, reason
    )
    if summary is not None:
        final.append(summary)
    parameters = {
        "group": primary,
        "attributes": attributes,
        "symmetrize": source.rule,
        "symmetrize_requested": symmetrize,
        "seed": seed_value,
        "robustness": robustness,
        "variants": [name for name, _ in alternatives],
        "plan": plan_frame.attrs.get("mode") if plan_frame is not None else None,
        "affiliations": aff is not None,
        "thresholds": {k: getattr(t, k) for k in DEFAULT_THRESHOLDS},
        "n_actors": G.number_of_nodes(),
        "n_ties": G.number_of_edges(),
    }
    found = Findings(
        final,
        rule_order=list(RULES),
        skipped=skipped,
        notes=list(dict.fromkeys(notes)),
        parameters=parameters,
        alternatives_only=alternatives_only,
    )
    return found if lang is None else found.in_language(lang)


# ----------------------------------------------------------------------------------
# running rules
# ----------------------------------------------------------------------------------


def _run(ctx: Context, bar: tqdm, *, alternative: bool) -> tuple[dict, dict]:
    results: dict[str, list[Finding]] = {}
    skipped: dict[str, str] = {}
    for name, spec in RULES.items():
        if alternative and (spec.data_only or (spec.from_reports and ctx.D is not None)):
            bar.update()
            continue
        try:
            results[name] = spec(ctx, ctx.thresholds)
        except RuleSkipped as skip:
            skipped[name] = ctx.text.say(skip.reason, **skip.values)
        bar.update()
    return results, skipped


# ----------------------------------------------------------------------------------
# the networks: main rule and alternatives
# ----------------------------------------------------------------------------------


class _Source:
    """The input, the main network and the alternative networks for robustness."""

    def __init__(self, data: object, symmetrize: str, text: Text, notes: list[str]) -> None:
        self.text = text
        self.report = None
        self.data = None
        self.D: nx.DiGraph | None = None
        self.no_alternative_reason = text.say("reason.not_survey")
        if isinstance(data, NetworkData):
            self.data = data
            self.report = data.report
            self.survey = is_survey(data)
            self.directed = bool(data.directed)
            if self.directed:
                self.D = build_network(data, symmetrize=None)
        elif isinstance(data, GRAPH_TYPES):
            data = check_graph(data)
            self.survey = is_survey(data)
            self.directed = data.is_directed()
            if self.directed:
                self.D = data
            else:
                self.no_alternative_reason = text.say("reason.graph")
        else:
            from ..exceptions import GraphTypeError

            msg = (
                f"data must be NetworkData (from a sysmap reader) or a networkx graph; "
                f"got {type(data).__name__}."
            )
            raise GraphTypeError(msg)
        rule = resolve_rule(symmetrize, data, undirected=True)
        if self.directed and rule == "respondent_priority" and not self.survey:
            rule = "union"
            notes.append(text.say("note.fallback_union"))
        self.rule = rule if self.directed else "undirected"
        self.G = self.build(self.rule) if self.directed else self._undirected(data)
        if not self.directed and self.survey and isinstance(data, nx.Graph):
            notes.append(text.say("note.graph_no_symmetrization"))

    def _undirected(self, data: object) -> nx.Graph:
        if isinstance(data, NetworkData):
            return build_network(data)
        return data  # type: ignore[return-value]

    def build(self, rule: str) -> nx.Graph:
        """The undirected network under `rule`, from the directed reports (read once)."""
        return undirected_network(self.D, rule)

    def alternatives(self) -> list[tuple[str, nx.Graph]]:
        out = []
        if self.directed:
            for rule in SYMMETRIZE:
                if rule == self.rule or (rule == "respondent_priority" and not self.survey):
                    continue
                out.append((rule, self.build(rule)))
        if self.survey:
            keep = [v for v, s in self.G.nodes(data="status", default=None) if s == RESPONDED]
            if len(keep) < self.G.number_of_nodes():
                out.append((RESPONDENTS_ONLY, self.G.subgraph(keep).copy()))
        return out


# ----------------------------------------------------------------------------------
# inputs: group, plan, affiliations
# ----------------------------------------------------------------------------------


def _names(value: object) -> bool:
    """Whether `value` is a list (or tuple) of attribute names."""
    return isinstance(value, Sequence) and all(isinstance(v, str) for v in value)


def _note_missing_group(G: nx.Graph, group: str | None, text: Text, notes: list[str]) -> None:
    if group is None:
        return
    missing = [v for v, g in G.nodes(data=group, default=None) if is_missing(g)]
    if missing and len(missing) < G.number_of_nodes():
        notes.append(
            text.say("note.missing_group", n=len(missing), count=len(missing), group=group)
        )


def _resolve_plan(
    plan: object, G: nx.Graph, attributes: Sequence[str], text: Text, notes: list[str]
) -> pd.DataFrame:
    matrix = read_plan(plan)  # type: ignore[arg-type]
    labels = [str(x) for x in matrix.index]
    group, group_map = _plan_groups(G, attributes, labels)
    actor_map: dict[str, Hashable] = {}
    names: dict[str, list[Hashable]] = {}
    for v, name in G.nodes(data="name", default=None):
        actor_map[str(v)] = v
        if not is_missing(name):
            names.setdefault(str(name), []).append(v)
    for name, ids in names.items():
        if len(ids) == 1:
            actor_map.setdefault(name, ids[0])
    where = "plan" if not isinstance(plan, (str, os.PathLike)) else f"plan '{os.fspath(plan)}'"
    if group_map and all(x in group_map for x in labels):
        mapping, mode = group_map, "group"
        absent = sorted(set(group_map) - set(labels))
        if absent:
            notes.append(text.say("note.plan_groups_missing", groups=", ".join(absent)))
    elif all(x in actor_map for x in labels):
        mapping, mode = actor_map, "actor"
    else:
        unknown_g = [x for x in labels if x not in group_map]
        unknown_a = [x for x in labels if x not in actor_map]
        if group_map and len(unknown_g) <= len(unknown_a):
            msg = (
                f"{where}: the label(s) {unknown_g[:10]} are not values of {group!r} "
                f"in the network, which has {sorted(group_map)[:20]}. Check the spelling "
                "(labels must match exactly) or pass group= the attribute the plan uses."
            )
        else:
            msg = (
                f"{where}: the label(s) {unknown_a[:10]} are neither actor ids nor actor "
                f"names of the network (and the labels are not values of {group!r}). "
                "Use the ids or names of the member list."
            )
        raise InputError(msg)
    out = matrix.copy()
    out.index = pd.Index([mapping[x] for x in labels], name=matrix.index.name)
    out.columns = pd.Index([mapping[str(x)] for x in matrix.columns], name=matrix.columns.name)
    out.attrs["mode"] = mode
    out.attrs["group"] = group
    return out


def _plan_groups(
    G: nx.Graph, attributes: Sequence[str], labels: list[str]
) -> tuple[str | None, dict[str, Hashable]]:
    """The group attribute whose values the plan's labels are (the first that has them
    all, else the first attribute), and its values by their text."""
    found = []
    for attribute in attributes:
        values: dict[str, Hashable] = {}
        for _, g in G.nodes(data=attribute, default=None):
            if not is_missing(g):
                values.setdefault(str(g), g)
        if values and all(x in values for x in labels):
            return attribute, values
        found.append((attribute, values))
    return found[0] if found else (None, {})


def _members_frame(G: nx.Graph) -> pd.DataFrame:
    rows = []
    for v, d in G.nodes(data=True):
        name = d.get("name")
        aliases = d.get("aliases")
        rows.append(
            {
                "actor": str(v),
                "name": str(v) if is_missing(name) else str(name),
                "aliases": "" if is_missing(aliases) else str(aliases),
            }
        )
    return pd.DataFrame(rows, columns=["actor", "name", "aliases"])


def _resolve_affiliations(
    affiliations: object, G: nx.Graph, text: Text, notes: list[str]
) -> pd.DataFrame:
    if isinstance(affiliations, NetworkData):
        frame = affiliations.affiliations
        if frame is None:
            msg = (
                "affiliations: this NetworkData has no affiliation records; pass what "
                "read_affiliations returned, or a table with 'actor' and 'affiliation'."
            )
            raise ParameterError(msg)
    elif isinstance(affiliations, pd.DataFrame):
        missing = [c for c in ("actor", "affiliation") if c not in affiliations.columns]
        if missing:
            msg = (
                f"affiliations needs the columns 'actor' and 'affiliation'; missing {missing}, "
                f"found {list(affiliations.columns)}."
            )
            raise ParameterError(msg)
        frame = affiliations
        known = set(map(str, G.nodes))
        if not frame["actor"].astype(str).isin(known).all():
            frame = _read_affiliations(frame.astype(str), G, text, notes)
    elif isinstance(affiliations, (str, os.PathLike)):
        frame = _read_affiliations(affiliations, G, text, notes)
    else:
        msg = (
            f"affiliations must be NetworkData, a DataFrame or a file path; got "
            f"{type(affiliations).__name__}."
        )
        raise ParameterError(msg)
    ids = {str(v): v for v in G.nodes}
    out = frame.assign(actor=frame["actor"].astype(str).map(ids))
    out = out.loc[out["actor"].notna() & frame["affiliation"].notna()]
    cols = ["actor", "affiliation"] + (["type"] if "type" in out.columns else [])
    return out[cols].reset_index(drop=True)


def _read_affiliations(source: object, G: nx.Graph, text: Text, notes: list[str]) -> pd.DataFrame:
    """Affiliation records with names resolved against the network's actors.

    Records naming organizations that are not in the network are dropped; the
    reader's first three warnings become a note (in the findings' language).
    They are read from the reader's report, not caught as Python warnings: the
    warning filters are global, and the app runs several sessions in threads.
    """
    data = read_affiliations(source, actors=_members_frame(G), unknown="drop", errors="collect")
    data.report.raise_if_errors()  # as errors="repair" does, without its warning
    warned = [problem.message for problem in data.report.warnings[:3]]
    if warned:
        notes.append(text.say("note.affiliations", message=Joined(warned, "; ")))
    return data.affiliations
