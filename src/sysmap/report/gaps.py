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
from ..findings import Findings, find_gaps, findings_catalogue
from ..i18n import check_lang, format_percent, message
from ..io.model import NetworkData
from ..maps import NetworkMap, network_map
from ..metrics import mixing_matrix
from ..metrics.tables import actor_metrics, network_metrics, tie_metrics
from ._base import MAX_ROWS, ReportFiles
from ._base import more_rows as _more
from ._base import text as _t
from .page import Page

__all__ = ["GapReport", "gap_report"]

#: Above this many actors the heavy measures are estimated from sampled sources.
SAMPLE_ABOVE = 2_000
_SAMPLE = 256
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


def _findings_section(page: Page, findings: Findings, lang: str) -> None:
    section = page.section(_t("sec_findings", lang), anchor="findings")
    if not len(findings):
        section.paragraph(_t("no_findings", lang))
        return
    section.paragraph(_t("findings_intro", lang, n=len(findings)), note=True)
    minor = [f for f in findings if f.severity in ("low", "info")]
    for finding in findings:
        if minor and finding is minor[0]:  # low and info findings start collapsed
            label = html.escape(_t("findings_minor", lang, n=len(minor)))
            section.raw(f"<details><summary>{label}</summary>")
        severity = message("findings", f"severity.{finding.severity}", lang)
        activity = message("findings", f"activity.{finding.activity}", lang)
        detail = _t("finding_action", lang, activity=activity, action=finding.action)
        if finding.robust is False:  # says under which rule the conclusion changes, and how
            detail += " " + finding.robustness_note
        section.callout(finding.statement, kind=finding.severity, badge=severity, detail=detail)
        label = html.escape(_t("finding_evidence", lang, id=finding.id))
        section.raw(f"<details><summary>{label}</summary>")
        threshold = ", ".join(f"{k} = {v}" for k, v in finding.threshold.items())
        section.paragraph(
            _t(
                "finding_basis",
                lang,
                metric=finding.metric,
                reference=finding.reference,
                threshold=threshold or "-",
            ),
            note=True,
        )
        if finding.robustness_note and finding.robust is not False:
            section.paragraph(finding.robustness_note, note=True)
        if len(finding.evidence):
            section.table(
                finding.evidence,
                index=finding.evidence.index.name is not None,
                max_rows=MAX_ROWS,
                more=_more(lang),
            )
        section.raw("</details>")
    if minor:
        section.raw("</details>")


def _map_block(the_map: NetworkMap) -> str:
    """The map's own page in an iframe (``srcdoc`` escaped), so its scripts stay apart."""
    return (
        f'<iframe class="map" title="{html.escape(the_map.title)}" '
        f'sandbox="allow-scripts" srcdoc="{html.escape(the_map.html, quote=True)}"></iframe>'
    )


def gap_report(
    data: NetworkData,
    *,
    group: str | None = "sector",
    plan: str | os.PathLike[str] | pd.DataFrame | None = None,
    affiliations: NetworkData | pd.DataFrame | str | os.PathLike[str] | None = None,
    symmetrize: str = "auto",
    lang: str = "en",
    title: str | None = None,
    thresholds: dict | None = None,
    seed: int = 0,
    progress: bool | None = None,
) -> GapReport:
    """Analyse a network and lay out the coordination-gap report.

    Parameters
    ----------
    data : NetworkData
        What a reader returned (e.g. :func:`~sysmap.read_survey` with a member list).
    group : str or None, default="sector"
        Actor attribute for sector gaps, brokerage roles, mixing and colours.
        None (or an attribute no actor has) leaves those parts out.
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
    thresholds : dict, optional
        Finding thresholds to change (see :class:`sysmap.findings.Thresholds`).
    seed : int, default=0
        Seed of every random step (clusters, key players, layout).
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
    steps = ["network", "metrics", "clusters", "findings", "map", "page"]
    bar = tqdm(total=len(steps), disable=not show_progress(progress), unit="stage")

    def stage(name: str) -> None:
        bar.set_description(name)

    with bar:
        stage("network")
        G = build_network(data, symmetrize=symmetrize)
        if group is not None and all(is_missing(v) for _, v in G.nodes(data=group)):
            group = None  # no actor has a value: no group sections
        sample = _SAMPLE if G.number_of_nodes() > SAMPLE_ABOVE else None
        bar.update()

        stage("metrics")
        options = {"sample": sample, "seed": seed}
        # the distance-fragmentation impact needs a distance search per removed actor
        actors = actor_metrics(G, group=group, distance=sample is None, **options)
        ties = tie_metrics(G, group=group)
        network = network_metrics(G, group=group, **options)
        mixing = mixing_matrix(G, group) if group is not None else None
        bar.update()

        stage("clusters")
        clusters = cluster_actors(G, group=group, sample=sample, seed=seed).in_language(lang)
        H = clusters.annotate(G)
        actors = actors.join(clusters.actors)
        bar.update()

        stage("findings")
        findings = find_gaps(
            data,
            group=group,
            plan=plan,
            affiliations=affiliations,
            symmetrize=symmetrize,
            thresholds=thresholds,
            seed=seed,
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
            sample=sample,
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
    sample,
) -> Page:
    report = data.report
    values = network.set_index("metric")["value"]
    sources = ", ".join(Path(str(s)).name for s in data.provenance.get("sources", []))
    page = Page(
        title or _t("title", lang),
        lang=lang,
        subtitle=_t("subtitle", lang, sources=sources) if sources else None,
    )

    # at a glance
    band = report.response_confidence
    box = [
        (_t("box_actors", lang), int(values["n_actors"])),
        (_t("box_ties", lang), int(values["n_ties"])),
        (_t("box_density", lang), format_percent(values["density"], lang, digits=1)),
        (_t("box_fragmentation", lang), format_percent(values["fragmentation"], lang, digits=1)),
    ]
    if report.response_rate is not None and report.response_rate == report.response_rate:
        box.append(
            (
                _t("box_response", lang, band=_t(_BANDS.get(band, "band_caution"), lang)),
                format_percent(report.response_rate, lang),
            )
        )
    high = sum(f.severity == "high" for f in findings)
    box.append((_t("box_findings", lang, high=high), len(findings)))
    if "share" in (findings["robustness"].values if "robustness" in findings else {}):
        share = findings["robustness"].values["share"]  # of the findings checked
        box.append((message("findings", "label.robust_share", lang), format_percent(share, lang)))
    page.section(_t("sec_summary", lang), anchor="summary").summary(box).paragraph(
        _t("summary_note", lang, rule=symmetrize), note=True
    )

    _findings_section(page, findings, lang)

    section = page.section(_t("sec_map", lang), anchor="map")
    section.paragraph(_t("map_intro", lang), note=True).raw(_map_block(the_map))

    if mixing is not None:
        page.section(_t("sec_mixing", lang), anchor="mixing").figure(
            _mixing_figure(mixing, lang, group), caption=_t("mixing_caption", lang, group=group)
        )

    section = page.section(_t("sec_clusters", lang), anchor="clusters")
    summary = clusters.summary.set_index("metric")["value"]
    section.paragraph(
        _t("clusters_intro", lang, n=int(summary["n_communities"]), q=float(summary["modularity"]))
    )
    communities = clusters.communities.drop(columns=["name"])
    communities = display_groups(communities, ["dominant_group"], lang)
    section.table(communities, max_rows=MAX_ROWS, more=_more(lang))
    section.heading(_t("roles_heading", lang))
    section.table(clusters.roles, max_rows=MAX_ROWS, more=_more(lang))

    section = page.section(_t("sec_brokers", lang), anchor="brokers")
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
    top = display_groups(top, [group], lang)
    section.paragraph(_t("brokers_intro", lang), note=True).table(top)

    section = page.section(_t("sec_metrics", lang), anchor="metrics")
    section.table(network, index=False, caption=_t("network_caption", lang))
    section.table(
        display_groups(actors, [group], lang),
        caption=_t("actors_caption", lang),
        max_rows=MAX_ROWS,
        collapsed=True,
        more=_more(lang),
    )

    section = page.section(_t("sec_methods", lang), anchor="methods")
    section.paragraph(_t("methods_network", lang, rule=symmetrize))
    if sample is not None:
        section.paragraph(_t("methods_sample", lang, k=sample))
    section.paragraph(_t("methods_seed", lang, seed=str(seed), version=__version__))
    catalogue = findings_catalogue(lang)[["title", "metric", "reference", "thresholds"]]
    section.table(catalogue, caption=_t("methods_rules", lang))

    section = page.section(_t("sec_ingest", lang), anchor="ingest")
    for line in report.summary(lang).splitlines():
        section.paragraph(line)
    if len(report.problems):
        shown = report.problems_in(lang)[["source", "row", "column", "value", "message"]]
        section.table(
            shown,
            index=False,
            max_rows=MAX_ROWS,
            collapsed=True,
            caption=_t("problems_caption", lang, n=len(shown)),
            more=_more(lang),
        )
    return page
