"""The coordination-gap report: from survey data to one HTML file a backbone can e-mail.

:func:`gap_report` runs the whole pipeline on :class:`~sysmap.io.model.NetworkData`
(build the network, metrics, clusters, findings, map) and lays the results
out as one self-contained page (:class:`~sysmap.report.page.Page`): a summary
box, the ranked findings with their evidence, the interactive map with the
gap overlays, the sector mixing heat map, cluster profiles, top brokers,
metric tables, a methods appendix and the ingest report. The tables behind
it are written as CSV files and one Excel workbook, formula injection
neutralised. ``sysmap report`` is the command-line front end.
"""

from __future__ import annotations

import html
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from .._attributes import display_group, display_groups, is_missing
from .._progress import show_progress
from .._text import figure_text, shorten
from .._version import __version__
from ..build.network import build_network
from ..build.ties import resolve_rule
from ..cluster.labels import ActorClusters, cluster_actors
from ..findings import (
    ACTIVITIES,
    DEFAULT_THRESHOLDS,
    RULES,
    Findings,
    find_gaps,
    findings_catalogue,
    threshold_text,
)
from ..findings.cards import by_theme, key_points
from ..findings.groups import AUTO, group_attributes, primary_attribute
from ..i18n import catalogue, check_lang, format_number, format_percent, message
from ..io.model import NetworkData
from ..maps import NetworkMap, network_map
from ..metrics import mixing_matrix
from ..metrics.store import EXACT_UP_TO, MeasureStore
from ..metrics.tables import actor_metrics, network_metrics, tie_metrics
from ._base import MAX_ROWS, ReportFiles, add_glossary
from ._base import more_rows as _more
from ._base import text as _t
from .custom import SECTIONS, check_sections, read_logo, render_intro
from .page import Page

__all__ = ["GapReport", "gap_report"]

_BANDS = {"high": "band_high", "directional": "band_directional", "caution": "band_caution"}


@dataclass
class GapReport(ReportFiles):
    """The coordination-gap report: the page, and the results behind it.

    Attributes
    ----------
    page : Page
        The HTML page (:meth:`save` writes it).
    findings : sysmap.findings.Findings
        The ranked findings.
    graph : networkx.Graph or networkx.DiGraph
        The network the report describes, with cluster labels as node attributes.
    map : sysmap.maps.NetworkMap
        The interactive map in the page.
    clusters : sysmap.cluster.ActorClusters
        Communities and roles.
    tables : dict of str to pandas.DataFrame
        Every table of the report by file stem (``actors``, ``ties``,
        ``network``, ``findings``, ``clusters``, ``roles``, ``mixing``,
        ``problems``).
    """

    page: Page
    findings: Findings
    graph: nx.Graph
    map: NetworkMap
    clusters: ActorClusters
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)


def _mixing_figure(mixing: pd.DataFrame, lang: str, group: str):
    """The mixing heat map; labels are cut (:func:`sysmap._text.figure_text`), so the
    figure's size depends on the number of groups, never on the length of a name."""
    from matplotlib.figure import Figure  # no pyplot: no global state, nothing to close

    k = len(mixing)
    labels = [figure_text(display_group(v, lang)) for v in mixing.index]
    margin = 0.07 * max((len(s) for s in labels), default=0)  # inches for the tick labels
    fig = Figure(figsize=(2.2 + 0.75 * k + margin, 1.4 + 0.6 * k + 0.7 * margin))
    ax = fig.subplots()
    values = mixing.to_numpy(dtype=float)
    image = ax.imshow(np.nan_to_num(values, nan=0.0), cmap="Blues", vmin=0)
    ax.set_xticks(range(k), labels, rotation=40, ha="right")
    ax.set_yticks(range(k), labels)
    top = np.nanmax(values) if np.isfinite(values).any() else 0
    for i in range(k):
        for j in range(k):
            if np.isfinite(values[i, j]):
                text = format_percent(values[i, j], lang, digits=1)
                dark = values[i, j] > 0.6 * top
                ax.text(
                    j,
                    i,
                    text,
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if dark else "black",
                )
    ax.set_title(figure_text(_t("mixing_title", lang, group=shorten(group)), None), fontsize=10)
    bar = fig.colorbar(image, ax=ax, shrink=0.8, label=_t("mixing_colorbar", lang))
    bar.ax.yaxis.set_major_formatter(lambda v, _: format_percent(v, lang))
    fig.tight_layout()
    return fig


def gap_report(
    data: NetworkData,
    *,
    group: str | Sequence[str] | None = AUTO,
    plan: str | os.PathLike[str] | pd.DataFrame | None = None,
    affiliations: NetworkData | pd.DataFrame | str | os.PathLike[str] | None = None,
    symmetrize: str = "auto",
    lang: str = "en",
    title: str | None = None,
    intro: str | os.PathLike[str] | None = None,
    logo: str | os.PathLike[str] | None = None,
    sections: str | Sequence[str] | None = None,
    thresholds: dict | None = None,
    seed: int = 0,
    sample: int | None = None,
    exact: bool = False,
    n_jobs: int | None = None,
    progress: bool | None = None,
) -> GapReport:
    """Analyse a network and lay out the coordination-gap report.

    Parameters
    ----------
    data : NetworkData
        What a reader returned (e.g. :func:`~sysmap.read_survey` with a member list).
    group : "auto", str, list of str or None, default="auto"
        Actor attributes whose groups are compared: ``"auto"`` checks every
        categorical attribute of the member list (sector, region, level, ...)
        for gaps and for the actors who hold two groups together, the
        strongest split first (:func:`sysmap.findings.groups.group_attributes`);
        a name or a list of names narrows it. ``sector`` (else the first)
        also gives the brokerage roles, the mixing heat map and the map's
        colours. None (or attributes no actor has) leaves those parts out.
    plan : path or pandas.DataFrame, optional
        Intended collaboration matrix (see :func:`sysmap.findings.read_plan`).
    affiliations : NetworkData, pandas.DataFrame or path, optional
        Partnership records (projects, committees) for recommended introductions.
    symmetrize : {"auto", "union", "mutual", "respondent_priority"}, default="auto"
        How reported ties become the undirected network the report describes
        (:mod:`sysmap.build.ties`); ``"auto"`` is the data's default,
        reconstruction (``"union"``: a tie when either side reports it). The
        findings are re-checked under the other rules.
    lang : {"en", "de"}, default="en"
        Language of every text, number and date.
    title : str, optional
        Page title (default: a title in `lang`).
    intro : path or str, optional
        The coordinator's introduction, shown at the top: a Markdown file
        (``.md``, ``.txt``) or Markdown text; a safe subset is rendered (raw
        HTML shown as text, no images; :func:`sysmap.report.custom.render_intro`).
    logo : path, optional
        A PNG, JPEG or SVG logo for the header, embedded in the page (an SVG
        is cleaned of scripts and outside references and shown as an image;
        :func:`sysmap.report.custom.read_logo`).
    sections : str or list of str, optional
        The sections to show, in this order (names of :data:`SECTIONS`, e.g.
        ``["key_points", "actions", "map"]`` or ``"key_points,actions,map"``);
        default: all, in the order of :data:`SECTIONS`.
    thresholds : dict, optional
        Finding thresholds to change (see :class:`sysmap.findings.Thresholds`).
    seed : int, default=0
        Seed of every random step (clusters, key players, layout, sampled sources).
    sample : int, optional
        Estimate betweenness, distance fragmentation and the distance impact
        from this many sources whatever the size. Default: the size policy,
        exact up to 2,000 actors and 256 sources above
        (:mod:`sysmap.metrics.store`); the methods section says which applied.
    exact : bool, default=False
        Compute every measure exactly whatever the size.
    n_jobs : int, optional
        Processes for the source searches (joblib's convention); the numbers
        do not depend on it.
    progress : bool or None, default=None
        Show a progress bar over the stages.
        ``None``: shown if ``SYSMAP_PROGRESS=1``, or standard error is a
        terminal (:func:`~sysmap._progress.show_progress`).

    Returns
    -------
    GapReport

    Raises
    ------
    ParameterError
        If an option is invalid.
    """
    lang = check_lang(lang)
    symmetrize = resolve_rule(symmetrize, data, undirected=True)
    sections = check_sections(sections, SECTIONS)  # the coordinator's parts first: fail fast
    intro = render_intro(intro) if intro is not None else None
    logo = read_logo(logo) if logo is not None else None
    groups = group
    steps = ["network", "metrics", "clusters", "findings", "map", "page"]
    bar = tqdm(total=len(steps), disable=not show_progress(progress), unit="stage")

    def stage(name: str) -> None:
        bar.set_description(name)

    with bar:
        stage("network")
        G = build_network(data, symmetrize=symmetrize)
        group = primary_attribute(group_attributes(G, group), group)  # names groups, colours
        if group is not None and all(is_missing(v) for _, v in G.nodes(data=group)):
            group = None  # no actor has a value: no group sections
        # one store: every measure computed once, for the tables, clusters, findings and map
        store = MeasureStore(
            G, seed=seed, sample=sample, exact=exact, n_jobs=n_jobs, progress=progress
        )
        bar.update()

        stage("metrics")
        actors = actor_metrics(G, group=group, store=store)
        ties = tie_metrics(G, group=group, store=store)
        network = network_metrics(G, group=group, store=store)
        mixing = mixing_matrix(G, group) if group is not None else None
        bar.update()

        stage("clusters")
        clusters = cluster_actors(G, group=group, seed=seed, store=store).in_language(lang)
        H = clusters.annotate(G)
        actors = actors.join(clusters.actors)
        bar.update()

        stage("findings")
        findings = find_gaps(
            data,
            group=groups,
            plan=plan,
            affiliations=affiliations,
            symmetrize=symmetrize,
            thresholds=thresholds,
            seed=seed,
            store=store,
        ).in_language(lang)  # rendered once; the analysis has no language
        bar.update()

        stage("map")
        the_map = network_map(
            H,
            color=group or "community",
            size="betweenness",
            title=title or _t("map_title", lang),
            seed=seed,
            lang=lang,
            filters=["community"],
            store=store,
        )
        bar.update()

        stage("page")
        page = _page(
            data,
            findings,
            the_map,
            clusters,
            actors,
            network,
            mixing,
            group=group,
            symmetrize=symmetrize,
            lang=lang,
            title=title,
            seed=seed,
            store=store,
            intro=intro,
            logo=logo,
            sections=sections,
        )
        bar.update()

    tables = {
        "actors": actors,
        "ties": ties,
        "network": network,
        "findings": findings.frame,
        "clusters": clusters.communities,
        "roles": clusters.roles,
        "problems": data.report.problems_in(lang),
    }
    if mixing is not None:
        tables["mixing"] = mixing
    return GapReport(
        page=page, findings=findings, graph=H, map=the_map, clusters=clusters, tables=tables
    )


#: Id columns dropped from tables when the column with the name is there: people read names.
_ID_COLUMNS = {
    "source": "source_name",
    "target": "target_name",
    "rater": "rater_name",
    "contact": "contact_name",
    "actor": "name",
}
#: Columns of words shown in the report's language: column -> message prefix.
_WORD_COLUMNS = {"status": "status", "kind": "kind", "action": "action", "severity": "severity"}


@dataclass
class _Parts:
    """What the page shows, and the words to show it in."""

    data: NetworkData
    findings: Findings
    the_map: NetworkMap
    clusters: ActorClusters
    actors: pd.DataFrame
    network: pd.DataFrame
    mixing: pd.DataFrame | None
    group: str | None
    symmetrize: str
    lang: str
    seed: int
    store: MeasureStore
    linked: bool = True
    deck: list = field(default_factory=list)
    anchors: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.deck = self.findings.cards()  # near-duplicates merged, ranked
        for i, card in enumerate(self.deck, start=1):
            for f in card.findings:
                self.anchors[f.id] = f"card-{i}"

    def say(self, key: str, **values: object) -> str:
        return _t(key, self.lang, **values)

    def link(self, card) -> str | None:
        """The anchor of the findings' card that shows `card`'s first finding (None when
        the findings are not shown)."""
        return f"#{self.anchors[card.id]}" if self.linked else None

    def words(self, key: str, **values: object) -> str:
        """A message of the findings catalogue (severities, activities, themes)."""
        return message("findings", key, self.lang, **values)

    def name(self, actor: object) -> object:
        names = self.actors["name"] if "name" in self.actors.columns else {}
        return names.get(actor, actor)

    def cluster_name(self, community: object) -> object:
        table = self.clusters.communities
        return table["name"].get(community, community) if "name" in table else community

    def role_name(self, role: object) -> object:
        table = self.clusters.roles
        return table["name"].get(role, role) if "name" in table else role


def _label(name: object, lang: str) -> str:
    """A column heading in `lang`: the report's label, a group attribute's name in words,
    ``<label> A``/``B`` for the two ends of a tie, else the name as given (a column of
    the member list, in the coordinator's own words)."""
    keys = catalogue("report", lang)
    text = str(name)
    if f"col.{text}" in keys:
        return keys[f"col.{text}"]
    for suffix in ("_z", "_ego"):
        if text.endswith(suffix) and f"col.{text[: -len(suffix)]}" in keys:
            return _t(f"col.suffix{suffix}", lang, label=keys[f"col.{text[: -len(suffix)]}"])
    for side, end in (("source_", "A"), ("target_", "B")):
        if text.startswith(side):
            return f"{_label(text[len(side) :], lang)} {end}"
    return catalogue("common", lang).get(f"attribute.{text.casefold()}", text)


def _word(prefix: str, value: object, lang: str) -> object:
    """`value` in words (report key ``value.<prefix>.<value>``), else as it is."""
    if is_missing(value):
        return ""
    keys = catalogue("report", lang)
    return keys.get(f"value.{prefix}.{value}", value)


def _is_flag(values: pd.Series) -> bool:
    if pd.api.types.is_bool_dtype(values):
        return True
    return values.dtype == object and len(values) > 0 and all(isinstance(v, bool) for v in values)


def _for_people(
    frame: pd.DataFrame, parts: _Parts, labels: dict[str, str] | None = None
) -> pd.DataFrame:
    """A table as people read it: names instead of ids, clusters and roles by name, words
    (statuses, yes/no, severities) in the report's language, headings labelled
    (:func:`_label`; `labels` overrides single headings)."""
    lang = parts.lang
    out = frame
    if out.index.name == "actor" and "name" not in out.columns:
        out = out.set_axis(out.index.map(parts.name), axis=0)
    out = out.reset_index(drop=out.index.name is None)
    drop = [i for i, named in _ID_COLUMNS.items() if i in out.columns and named in out.columns]
    if "actor" in out.columns and "value" in out.columns:  # intermediaries: named in value
        drop.append("actor")
    out = out.drop(columns=drop + [c for c in ("cluster_key",) if c in out.columns])
    for column in out.columns:
        values = out[column]
        if _is_flag(values):
            out[column] = [_word("bool", str(bool(v)).lower(), lang) for v in values]
        elif column in _WORD_COLUMNS:
            out[column] = [_word(_WORD_COLUMNS[column], v, lang) for v in values]
        elif column == "role" and pd.api.types.is_integer_dtype(values):
            out[column] = [parts.role_name(v) for v in values]
        elif column == "community" and pd.api.types.is_integer_dtype(values):
            out[column] = [parts.cluster_name(v) for v in values]
    labels = labels or {}
    return out.set_axis([labels.get(c, _label(c, lang)) for c in out.columns], axis=1)


def _evidence(f, parts: _Parts) -> pd.DataFrame:
    """The evidence of finding `f` for people (see :func:`_for_people`)."""
    if f.kind == "ingest_problems":  # the problems by kind, with their messages
        groups = parts.data.report.groups(parts.lang)
        shown = groups[["severity", "source", "column", "count", "message"]]
        return _for_people(shown, parts)
    evidence = f.evidence
    if f.kind == "robustness" and "id" in evidence.columns:  # findings by their statement
        statements = {g.id: g.statement for g in parts.findings}
        evidence = evidence.assign(id=[statements.get(i, i) for i in evidence["id"]])
    labels = {"value": parts.say("col.entry")} if f.kind == "introduction" else None
    return _for_people(evidence, parts, labels)


def _card(section, card, parts: _Parts) -> None:
    """One card: the statement (for merged findings, each one listed), the suggested
    action, and the evidence (collapsed)."""
    lang = parts.lang
    items = []
    if card.merged:
        for f in card.findings:
            items.append(f.statement + (f" {f.robustness_note}" if f.robust is False else ""))
    activity = parts.words(f"activity.{card.activity}")
    details = []
    if not card.merged and card.first.robust is False:  # where the conclusion changes, how
        details.append(card.first.robustness_note)
    section.callout(
        card.statement,
        kind=card.severity,
        badge=parts.words(f"severity.{card.severity}"),
        detail=parts.say("finding_action", activity=activity, action=card.action),
        items=items,
        details=details,
        anchor=parts.anchors[card.id],
    )
    label = html.escape(parts.say("finding_evidence", n=len(card.findings)))
    section.raw(f'<details class="evidence"><summary>{label}</summary>')
    first = card.first
    section.labelled(parts.say("label_metric"), first.metric)
    if first.reference:
        section.labelled(parts.say("label_reference"), first.reference.rstrip("."), lang="en")
    if first.threshold:
        section.labelled(parts.say("label_thresholds"), threshold_text(first.threshold, lang))
    shown_note = None
    for f in card.findings:
        if card.merged and f.subject:
            section.heading(f.subject)
        if f.robustness_note and f.robust is not False and f.robustness_note != shown_note:
            section.paragraph(f.robustness_note, note=True)
            shown_note = f.robustness_note
        table = _evidence(f, parts)
        if len(table):
            section.table(table, index=False, max_rows=MAX_ROWS, more=_more(lang))
    section.raw("</details>")


def _key_points_section(page: Page, parts: _Parts) -> None:
    section = page.section(parts.say("sec_key_points"), anchor="key_points")
    points = key_points(parts.deck)
    if not points:
        section.paragraph(parts.say("no_findings"))
        return
    section.points(
        [
            (
                card.statement,
                card.severity,
                parts.words(f"severity.{card.severity}"),
                parts.link(card),
            )
            for card in points
        ],
        ordered=True,
        link=parts.say("key_point_link"),
    )


def _summary_section(page: Page, parts: _Parts) -> None:
    lang, findings = parts.lang, parts.findings
    report = parts.data.report
    values = parts.network.set_index("metric")["value"]
    band = report.response_confidence
    box = [
        (parts.say("box_actors"), int(values["n_actors"])),
        (parts.say("box_ties"), int(values["n_ties"])),
        (parts.say("box_density"), format_percent(values["density"], lang, digits=1)),
        (parts.say("box_fragmentation"), format_percent(values["fragmentation"], lang, digits=1)),
    ]
    if report.response_rate is not None and report.response_rate == report.response_rate:
        box.append(
            (
                parts.say("box_response", band=parts.say(_BANDS.get(band, "band_caution"))),
                format_percent(report.response_rate, lang),
            )
        )
    high = sum(f.severity == "high" for f in findings)
    box.append((parts.say("box_findings", high=high), len(findings)))
    if "robustness" in findings and "share" in findings["robustness"].values:
        share = findings["robustness"].values["share"]  # of the findings checked
        box.append((parts.words("label.robust_share"), format_percent(share, lang)))
    rule = parts.words(f"variant.{parts.symmetrize}")
    page.section(parts.say("sec_summary"), anchor="summary").summary(box).paragraph(
        parts.say("summary_note", rule=rule), note=True
    )


def _findings_section(page: Page, parts: _Parts) -> None:
    section = page.section(parts.say("sec_findings"), anchor="findings")
    if not len(parts.findings):
        section.paragraph(parts.say("no_findings"))
        return
    section.paragraph(
        parts.say("findings_intro", n=len(parts.findings), cards=len(parts.deck)), note=True
    )
    for theme, cards in by_theme(parts.deck):
        section.heading(parts.words(f"theme.{theme}"))
        for card in cards:
            _card(section, card, parts)


def _actions_section(page: Page, parts: _Parts) -> None:
    section = page.section(parts.say("sec_actions"), anchor="actions")
    plan = parts.findings.work_plan()
    if not plan:
        section.paragraph(parts.say("actions_none_at_all"))
        return
    section.paragraph(parts.say("actions_intro"), note=True)
    for activity, cards in plan:
        section.heading(parts.words(f"activity.{activity}"))
        section.points(
            [
                (
                    card.action,
                    card.severity,
                    parts.words(f"severity.{card.severity}"),
                    parts.link(card),
                )
                for card in cards
            ],
            link=parts.say("action_link"),
        )
    planned = {activity for activity, _ in plan}
    idle = [parts.words(f"activity.{a}") for a in ACTIVITIES if a not in planned]
    if idle:
        section.paragraph(parts.say("actions_none", activities="; ".join(idle)), note=True)


def _map_section(page: Page, parts: _Parts) -> None:
    section = page.section(parts.say("sec_map"), anchor="map")
    section.paragraph(parts.say("map_intro"), note=True).map(parts.the_map, parts.the_map.title)


def _mixing_section(page: Page, parts: _Parts) -> None:
    if parts.mixing is None:
        return
    group = _label(parts.group, parts.lang)
    page.section(parts.say("sec_mixing"), anchor="mixing").figure(
        _mixing_figure(parts.mixing, parts.lang, group),
        caption=parts.say("mixing_caption", group=group),
    )


def _clusters_section(page: Page, parts: _Parts) -> None:
    lang, clusters = parts.lang, parts.clusters
    section = page.section(parts.say("sec_clusters"), anchor="clusters")
    summary = clusters.summary.set_index("metric")["value"]
    modularity = format_number(float(summary["modularity"]), lang, digits=2)
    section.paragraph(
        parts.say("clusters_intro", n=int(summary["n_communities"]), q=modularity)
    )
    communities = display_groups(clusters.communities, ["dominant_group"], lang)
    first = ["name"] if "name" in communities.columns else []
    communities = communities[first + [c for c in communities.columns if c not in first]]
    shown = _for_people(communities.reset_index(drop=True), parts)
    section.table(shown, index=False, max_rows=MAX_ROWS, more=_more(lang))
    section.heading(parts.say("roles_heading"))
    section.table(
        _for_people(clusters.roles.reset_index(drop=True), parts),
        index=False,
        max_rows=MAX_ROWS,
        more=_more(lang),
    )


def _brokers_section(page: Page, parts: _Parts) -> None:
    actors, group = parts.actors, parts.group
    section = page.section(parts.say("sec_brokers"), anchor="brokers")
    cols = [
        c
        for c in (
            "name",
            group,
            "betweenness",
            "liaison",
            "gatekeeper",
            "representative",
            "constraint",
            "community",
            "role",
        )
        if c and c in actors.columns
    ]
    top = actors.sort_values("betweenness", ascending=False, kind="stable")[cols].head(10)
    top = display_groups(top, [group], parts.lang)
    section.paragraph(parts.say("brokers_intro"), note=True)
    section.table(_for_people(top, parts), index=False)


def _metrics_section(page: Page, parts: _Parts) -> None:
    lang = parts.lang
    section = page.section(parts.say("sec_metrics"), anchor="metrics")
    keys = catalogue("report", lang)
    network = parts.network.assign(
        metric=[keys.get(f"metric.{m}", m) for m in parts.network["metric"]]
    )
    section.table(
        _for_people(network, parts, {"value": parts.say("col.number")}),
        index=False,
        caption=parts.say("network_caption"),
    )
    section.table(
        _for_people(display_groups(parts.actors, [parts.group], lang), parts),
        index=False,
        caption=parts.say("actors_caption"),
        max_rows=MAX_ROWS,
        collapsed=True,
        more=_more(lang),
    )


def _methods_section(page: Page, parts: _Parts) -> None:
    lang = parts.lang
    section = page.section(parts.say("sec_methods"), anchor="methods")
    rule = parts.words(f"variant.{parts.symmetrize}")
    section.paragraph(parts.say("methods_network", rule=rule))
    section.paragraph(_sampling_text(parts.store, parts.network, lang, parts.seed))
    section.paragraph(parts.say("methods_seed", seed=str(parts.seed), version=__version__))
    table = findings_catalogue(lang)
    table = table.assign(
        thresholds=[
            threshold_text({p: DEFAULT_THRESHOLDS[p] for p in RULES[r].params}, lang)
            for r in table["rule"]
        ]
    )
    table = table.drop_duplicates("rule")[["title", "metric", "reference", "thresholds"]]
    section.table(
        _for_people(table.reset_index(drop=True), parts),
        index=False,
        caption=parts.say("methods_rules"),
        languages={parts.say("col.reference"): "en"},  # citations as published
    )


def _ingest_section(page: Page, parts: _Parts) -> None:
    lang, report = parts.lang, parts.data.report
    section = page.section(parts.say("sec_ingest"), anchor="ingest")
    for line in report.summary(lang).splitlines():
        section.paragraph(line)
    for note in parts.findings.notes:  # e.g. partnership records left out, in `lang`
        section.paragraph(note)
    if len(report.problems):
        shown = report.problems_in(lang)[["source", "row", "column", "value", "message"]]
        section.table(
            _for_people(shown, parts, {"value": parts.say("col.cell")}),
            index=False,
            max_rows=MAX_ROWS,
            collapsed=True,
            caption=parts.say("problems_caption", n=len(shown)),
            more=_more(lang),
        )


_BUILDERS = {
    "key_points": _key_points_section,
    "summary": _summary_section,
    "findings": _findings_section,
    "actions": _actions_section,
    "map": _map_section,
    "mixing": _mixing_section,
    "clusters": _clusters_section,
    "brokers": _brokers_section,
    "metrics": _metrics_section,
    "methods": _methods_section,
    "ingest": _ingest_section,
}


def _page(
    data,
    findings,
    the_map,
    clusters,
    actors,
    network,
    mixing,
    *,
    group,
    symmetrize,
    lang,
    title,
    seed,
    store,
    intro=None,
    logo=None,
    sections=None,
) -> Page:
    """The report page: the `sections` asked for (default :data:`SECTIONS`), in that order."""
    sections = sections or SECTIONS
    parts = _Parts(
        data, findings, the_map, clusters, actors, network, mixing, group, symmetrize, lang, seed,
        store, linked="findings" in sections,
    )
    sources = ", ".join(Path(str(s)).name for s in data.provenance.get("sources", []))
    page = Page(
        title or _t("title", lang),
        lang=lang,
        subtitle=_t("subtitle", lang, sources=sources) if sources else None,
        logo=logo,
        intro=intro,
    )
    glossary = None
    for name in sections:
        if name == "glossary":  # filled last: it explains the terms the other sections use
            glossary = page.section(parts.say("sec_glossary"), anchor="glossary")
        else:
            _BUILDERS[name](page, parts)
    if glossary is not None:
        add_glossary(page, glossary)
    return page


def _sampling_text(store: MeasureStore, network: pd.DataFrame, lang: str, seed: int) -> str:
    """The methods sentence on the size policy: all exact, or what was sampled, how well."""
    if not store.sampled:
        return _t("methods_exact", lang, budget=format_number(EXACT_UP_TO, lang, digits=0))
    values = network.set_index("metric")["value"]
    text = _t(
        "methods_sample",
        lang,
        k=int(values["sample_sources"]),
        n=int(values["n_actors"]),
        seed=str(seed),
        budget=format_number(EXACT_UP_TO, lang, digits=0),
        se=format_number(values["distance_fragmentation_se"], lang, digits=4),
        error=format_number(values["betweenness_error"], lang, digits=0),
    )
    if store.max_span is not None:
        limit = store.max_span
        text += " " + _t("methods_spans", lang, limit=limit, longer=limit + 1)
    return text
