"""The comparison report: what changed between survey waves, and whether it is real.

:func:`comparison_report` runs :func:`sysmap.compare.compare_waves` on a
:class:`~sysmap.compare.Panel` and lays the result out as one self-contained
page: the waves and the caveats first, then for each pair of waves the tests
of change, tie churn (overall and by sector pair), the network measures side
by side with trend charts, actor and cluster changes, the maps of every wave
in one layout side by side, and a difference map per pair of consecutive
waves. ``sysmap compare`` is the command-line front end.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import pandas as pd
from tqdm.auto import tqdm

from .._attributes import display_groups
from .._progress import show_progress
from .._version import __version__
from ..compare import Comparison, Panel, compare_waves
from ..i18n import check_lang
from ..maps.waves import TREND_METRICS, difference_map, trend_chart, wave_maps
from ._base import MAX_ROWS, ReportFiles
from ._base import more_rows as _more
from ._base import text as _t
from .page import Page

__all__ = ["ComparisonReport", "comparison_report"]

#: Statement topics, in the order the page shows them within a pair of waves.
TOPICS = ("tests", "ties", "groups", "network", "actors", "clusters")


@dataclass
class ComparisonReport(ReportFiles):
    """The comparison report: the page and the results behind it.

    Attributes
    ----------
    page : Page
        The HTML page (:meth:`save` writes it).
    comparison : sysmap.compare.Comparison
        Every table and statement of the comparison.
    maps : dict
        ``"waves"``: the side-by-side wave maps; ``(label_a, label_b)``: the
        difference map of two consecutive waves.
    tables : dict of str to pandas.DataFrame
        Every table, by file stem.
    """

    page: Page
    comparison: Comparison
    maps: dict = field(default_factory=dict)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)


def _iframe(markup: str, title: str, css: str = "map") -> str:
    return (
        f'<iframe class="{css}" title="{html.escape(title)}" sandbox="allow-scripts" '
        f'srcdoc="{html.escape(markup, quote=True)}"></iframe>'
    )


def comparison_report(
    panel: Panel,
    *,
    group: str | None = "sector",
    restrict: str | None = None,
    n_permutations: int = 1000,
    seed: int = 0,
    n_jobs: int | None = None,
    lang: str = "en",
    title: str | None = None,
    progress: bool | None = None,
) -> ComparisonReport:
    """Compare the waves of `panel` and lay out the comparison report.

    Parameters
    ----------
    panel : sysmap.compare.Panel
        Two or more waves of the same initiative.
    group : str or None, default="sector"
        Actor attribute for churn by sector pair, E-I change, roles and colours.
    restrict : {None, "present", "responded_all"}, optional
        Compare only actors present (and responding) in all compared waves;
        see :func:`sysmap.compare.compare_waves`.
    n_permutations : int, default=1000
        Permutations (and bootstrap draws) of the tests.
    seed : int, default=0
        Seed of every random step; the same seed gives the same report
        whatever `n_jobs`.
    n_jobs : int, optional
        Processes for the tests (joblib).
    lang : {"en", "de"}, default="en"
        Language of every text, number and date.
    title : str, optional
        Page title.
    progress : bool or None, default=None
        Progress bars.
        ``None``: shown if ``SYSMAP_PROGRESS=1``, or standard error is a
        terminal (:func:`~sysmap._progress.show_progress`).

    Returns
    -------
    ComparisonReport
    """
    lang = check_lang(lang)
    bar = tqdm(total=3, disable=not show_progress(progress), unit="stage")
    with bar:
        bar.set_description("comparison")
        comparison = compare_waves(
            panel,
            group=group,
            restrict=restrict,
            n_permutations=n_permutations,
            seed=seed,
            n_jobs=n_jobs,
            lang=lang,
            progress=progress,
        )
        bar.update()
        bar.set_description("maps")
        graphs = dict(panel.graphs)
        color = (
            group
            if group
            and all(any(group in d for _, d in G.nodes(data=True)) for G in graphs.values())
            else None
        )
        waves = wave_maps(graphs, color=color, seed=seed, lang=lang)
        maps: dict = {"waves": waves}
        labels = list(panel.labels)
        for a, b in zip(labels, labels[1:]):
            maps[(a, b)] = difference_map(
                graphs[a],
                graphs[b],
                labels=(str(a), str(b)),
                layout=waves.layout,
                seed=seed,
                lang=lang,
            )
        bar.update()
        bar.set_description("page")
        page = _page(
            comparison,
            maps,
            labels,
            lang=lang,
            title=title,
            seed=seed,
            n_permutations=n_permutations,
        )
        bar.update()
    tables = comparison.tables()  # flat tables: a column per index level
    return ComparisonReport(page=page, comparison=comparison, maps=maps, tables=tables)


def _statements(section, statements: pd.DataFrame) -> None:
    for text in statements["text"]:
        section.paragraph(str(text))


def _page(
    comparison: Comparison,
    maps: dict,
    labels: list,
    *,
    lang: str,
    title: str | None,
    seed: int,
    n_permutations: int,
) -> Page:
    page = Page(
        title or _t("cmp_title", lang),
        lang=lang,
        subtitle=_t("cmp_subtitle", lang, waves=", ".join(map(str, labels))),
    )
    statements = comparison.statements

    section = page.section(_t("cmp_sec_waves", lang), anchor="waves")
    section.table(comparison.waves)
    caveats = statements[
        statements["topic"].isin(["caveats", "waves"]) & statements["wave_from"].isna()
    ]
    for text in caveats["text"]:
        section.callout(str(text), kind="medium")

    pairs = statements.dropna(subset=["wave_from"])[["wave_from", "wave_to"]].drop_duplicates()
    for a, b in pairs.itertuples(index=False):
        section = page.section(_t("cmp_sec_pair", lang, a=str(a), b=str(b)))
        here = statements[(statements["wave_from"] == a) & (statements["wave_to"] == b)]
        for text in here.loc[here["topic"].isin(["caveats", "waves"]), "text"]:
            section.callout(str(text), kind="info")
        for topic in TOPICS:
            chosen = here[here["topic"] == topic]
            if len(chosen):
                section.heading(_t(f"cmp_topic_{topic}", lang))
                _statements(section, chosen)
        tests = comparison.tests
        tests = tests[(tests["wave_from"] == a) & (tests["wave_to"] == b)]
        if len(tests):
            section.table(
                tests.drop(columns=["wave_from", "wave_to"]),
                index=False,
                caption=_t("cmp_tests_caption", lang),
                collapsed=True,
            )
        if (a, b) in maps:
            section.heading(_t("cmp_difference_map", lang))
            section.raw(_iframe(maps[(a, b)].html, _t("cmp_difference_map", lang)))

    section = page.section(_t("cmp_sec_maps", lang), anchor="maps")
    section.paragraph(_t("cmp_maps_intro", lang), note=True)
    section.raw(_iframe(maps["waves"].html, _t("cmp_sec_maps", lang)))

    section = page.section(_t("cmp_sec_metrics", lang), anchor="metrics")
    network = comparison.network
    shown = [m for m in TREND_METRICS if m in network.index]
    if shown:
        figure = trend_chart(network.loc[shown].T, lang=lang)
        section.figure(figure, caption=_t("cmp_trend_caption", lang))
    section.table(network, caption=_t("cmp_metrics_caption", lang))
    section.table(comparison.churn, caption=_t("cmp_churn_caption", lang))
    by_group = comparison.churn_by_group
    if len(by_group):
        section.table(
            display_groups(by_group, ["group_a", "group_b"], lang),
            caption=_t("cmp_churn_group_caption", lang),
            collapsed=True,
            max_rows=MAX_ROWS * 4,
            more=_more(lang),
        )

    section = page.section(_t("sec_methods", lang), anchor="methods")
    section.paragraph(_t("cmp_methods", lang, n=n_permutations))
    section.paragraph(_t("methods_seed", lang, seed=str(seed), version=__version__))
    parameters = pd.DataFrame(
        {"value": [str(v) for v in comparison.parameters.values()]},
        index=pd.Index(list(comparison.parameters), name="parameter"),
    )
    section.table(parameters, caption=_t("cmp_parameters_caption", lang))
    return page
