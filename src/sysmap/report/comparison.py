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

import math
from dataclasses import dataclass, field

import pandas as pd
from tqdm.auto import tqdm

from .._attributes import attribute_label, display_groups
from .._progress import show_progress
from .._version import __version__
from ..compare import Comparison, Panel, compare_waves
from ..compare.facts import METRIC_FORMATS
from ..compare.statements import format_value
from ..i18n import Number, Pair, Percent, PValue, Signed, catalogue, check_lang, message
from ..maps import TREND_METRICS, difference_map, trend_chart, wave_maps
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


# --------------------------------------------------------------------------- tables as shown
#
# Every table is shown in the report's language (headers, statuses, methods,
# settings), and every number in it formatted as the statements format it
# (sysmap.compare.statements.format_value), so that a sentence and the table
# beside it show the same number.


def _say(key: str, lang: str, **fields: object) -> str:
    return message("compare", key, lang, **fields)


def _shown(frame: pd.DataFrame, lang: str, formats: dict | None = None) -> pd.DataFrame:
    """`frame` (flat) with its cells formatted by `formats` (column -> function of a
    value, None for a missing one) and its headers in `lang`."""
    out = frame.copy()
    for column, fmt in (formats or {}).items():
        if column in out:
            out[column] = [None if _missing(v) else fmt(v) for v in out[column]]
    labels = catalogue("compare", lang)
    return out.rename(columns=lambda c: labels.get(f"col_{c}", c))


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _as(kind: type, lang: str, **options: object):
    """A formatter: a value shown as `kind` (Percent, Number, Signed) would show it."""
    return lambda v: format_value(kind(float(v), **options), lang)


def _p(value: float, lang: str) -> str:
    """A p-value as in the statements, without the ``p``: ``0,349`` or ``< 0,001``."""
    return format_value(PValue(value), lang).removeprefix("p ").removeprefix("= ")


def _waves_table(comparison: Comparison, lang: str) -> pd.DataFrame:
    return _shown(comparison.waves.reset_index(), lang, {"response_rate": _as(Percent, lang)})


def _turnover_table(comparison: Comparison, lang: str) -> pd.DataFrame:
    """Who joined and who left between consecutive waves, with their groups."""
    table = comparison.turnover.reset_index()
    table = table[table["change"] != "stayed"]
    attributes = [a for a in comparison.parameters["attributes"] if a in comparison.actors]
    if attributes:
        # the group of an actor in the wave it was present in (the later one, or the earlier)
        wave = table["wave_to"].where(table["change"] == "joined", table["wave_from"])
        keys = pd.MultiIndex.from_arrays([wave, table["actor"]])
        for name in attributes:
            table[name] = comparison.actors[name].reindex(keys).to_numpy()
    table = table.sort_values(
        ["wave_from", "change", "name"], key=lambda c: c.astype(str).str.casefold(), kind="stable"
    )
    table = table[["wave_from", "wave_to", "name", "change", *attributes]]
    shown = _shown(table, lang, {"change": lambda v: _say(f"change_{v}", lang)})
    return shown.rename(columns={a: attribute_label(a, lang) for a in attributes})


def _tests_table(tests: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The tests of one pair of waves as the statements state them."""
    rows = []
    for _, t in tests.iterrows():
        kind = t["test"]
        pct = kind == "density_change"
        value = (lambda v: Percent(v)) if pct else (lambda v: Number(v))
        change = (lambda v: Signed(v * 100)) if pct else (lambda v: Number(v))
        rows.append(
            {
                "test": _say(f"test_{kind}", lang),
                "before": None if _missing(t["before"]) else format_value(value(t["before"]), lang),
                "after": None if _missing(t["after"]) else format_value(value(t["after"]), lang),
                "estimate": None
                if kind == "qap_correlation"
                else format_value(change(t["estimate"]), lang),
                "ci_low": None
                if _missing(t["ci_low"])
                else format_value(change(t["ci_low"]), lang),
                "ci_high": None
                if _missing(t["ci_high"])
                else format_value(change(t["ci_high"]), lang),
                "r": (
                    format_value(Number(t["estimate"]), lang) if kind == "qap_correlation" else None
                ),
                "p_value": _p(t["p_value"], lang),
                "significant": _say("yes" if t["significant"] else "no", lang),
                "method": _label("method", t["method"], lang),
                "n_actors": int(t["n_actors"]),
                "n_draws": int(t["n_draws"]) if t["n_draws"] else None,
                "actors": _label("actors", t["actors"], lang),
            }
        )
    return _shown(pd.DataFrame(rows), lang)


def _label(prefix: str, value: object, lang: str) -> str:
    """A value of the tables in `lang` (``<prefix>_<value>`` of the catalogue), else as is."""
    key = f"{prefix}_{value}"
    return _say(key, lang) if key in catalogue("compare", lang) else str(value)


def _network_table(network: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Network measures (rows, named as in the trend charts) per wave (columns)."""
    shown = network.dropna(how="all")
    rows = {}
    for metric, values in shown.iterrows():
        kind = METRIC_FORMATS.get(metric, "num")
        fmt = {"pct": _as(Percent, lang), "int": int, "num": _as(Number, lang)}[kind]
        key = f"metric_{metric}"
        label = message("map", key, lang) if key in catalogue("map", lang) else str(metric)
        rows[label] = [None if _missing(v) else fmt(v) for v in values]
    table = pd.DataFrame.from_dict(rows, orient="index", columns=[str(c) for c in shown.columns])
    table.index.name = _say("col_metric", lang)
    return table


def _churn_table(churn: pd.DataFrame, lang: str) -> pd.DataFrame:
    jaccard = _as(Number, lang)
    table = churn.reset_index()
    counts = [
        c for c in table.columns if c not in ("wave_from", "wave_to", "jaccard", "jaccard_stayers")
    ]
    formats = {c: int for c in counts}
    return _shown(table, lang, {**formats, "jaccard": jaccard, "jaccard_stayers": jaccard})


def _churn_group_table(by_group: pd.DataFrame, lang: str) -> pd.DataFrame:
    table = display_groups(by_group, ["group_a", "group_b"], lang).reset_index()
    skip = ("wave_from", "wave_to", "group_a", "group_b", "jaccard", "net_change")
    formats = {c: int for c in table.columns if c not in skip}
    net = lambda v: format_value(Signed(v, 0), lang)  # noqa: E731
    return _shown(table, lang, {**formats, "net_change": net, "jaccard": _as(Number, lang)})


def _splits_table(splits: pd.DataFrame, lang: str) -> pd.DataFrame:
    table = splits.assign(attribute=[attribute_label(a, lang) for a in splits["attribute"]])
    table = table[["wave", "attribute", "group_a", "group_b", "name", "path_share"]]
    return _shown(table, lang, {"path_share": _as(Percent, lang, digits=0)})


def _bridges_table(bridges: pd.DataFrame, lang: str) -> pd.DataFrame:
    table = bridges.assign(
        attribute=[attribute_label(a, lang) for a in bridges["attribute"]],
        change=[_say(f"change_{c}", lang) for c in bridges["change"]],
        tie=[
            None if _missing(a) else format_value(Pair(a, b), lang)
            for a, b in zip(bridges["source_name"], bridges["target_name"])
        ],
    )
    return _shown(table[["attribute", "group_a", "group_b", "change", "tie"]], lang)


def _cut_table(cuts: pd.DataFrame, lang: str) -> pd.DataFrame:
    share = _as(Percent, lang, digits=0)
    table = cuts[
        [
            "name",
            "change",
            "pairs_disconnected_before",
            "pairs_disconnected_after",
            "path_share_before",
            "path_share_after",
        ]
    ]
    formats = {
        "change": lambda v: _say(f"change_{v}", lang),
        "pairs_disconnected_before": int,
        "pairs_disconnected_after": int,
        "path_share_before": share,
        "path_share_after": share,
    }
    return _shown(table, lang, formats)


def _actors_table(comparison: Comparison, a: str, b: str, actors: list, lang: str) -> pd.DataFrame:
    """Partners and share of the shortest paths of the actors the statements name."""
    changes = comparison.actor_changes
    rows = changes.loc[[(a, b, v) for v in actors]].reset_index()
    share = _as(Percent, lang, digits=0)
    table = rows[["name", "degree_before", "degree_after", "path_share_before", "path_share_after"]]
    formats = {
        "degree_before": int,
        "degree_after": int,
        "path_share_before": share,
        "path_share_after": share,
    }
    return _shown(table, lang, formats)


def _parameters_table(parameters: dict, lang: str) -> pd.DataFrame:
    """The settings of the comparison, in words."""

    def words(name: str, value: object) -> str:
        if name == "waves":
            return ", ".join(map(str, value))
        if name == "pairs":
            return ", ".join(f"{x}–{y}" for x, y in value)
        if name == "group":
            return _say("none", lang) if value is None else attribute_label(value, lang)
        if name == "attributes":
            return ", ".join(attribute_label(x, lang) for x in value) or _say("none", lang)
        if name == "restrict":
            return _say(f"restrict_{value or 'none'}", lang)
        if name == "symmetrize":
            rule = {None: "directed", "as given": "given"}.get(value, value)
            return _label("rule", rule, lang)
        if name == "directed":
            return _say("yes" if value else "no", lang)
        if name in ("confidence", "alpha"):
            return format_value(Percent(value, 0) if name == "confidence" else value, lang)
        if value is None:
            return _say("none", lang)
        return format_value(value, lang)

    table = pd.DataFrame(
        {
            "parameter": [_label("param", k, lang) for k in parameters],
            "value": [words(k, v) for k, v in parameters.items()],
        }
    )
    return _shown(table, lang)


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
    more = _more(lang)

    section = page.section(_t("cmp_sec_waves", lang), anchor="waves")
    section.table(_waves_table(comparison, lang), index=False)
    caveats = statements[
        statements["topic"].isin(["caveats", "waves"]) & statements["wave_from"].isna()
    ]
    for text in caveats["text"]:
        section.callout(str(text), kind="medium")
    turnover = _turnover_table(comparison, lang)
    if len(turnover):
        section.table(
            turnover,
            index=False,
            caption=_say("caption_turnover", lang),
            collapsed=True,
            max_rows=MAX_ROWS * 4,
            more=more,
        )

    pairs = statements.dropna(subset=["wave_from"])[["wave_from", "wave_to"]].drop_duplicates()
    for a, b in pairs.itertuples(index=False):
        section = page.section(_t("cmp_sec_pair", lang, a=str(a), b=str(b)))
        here = statements[(statements["wave_from"] == a) & (statements["wave_to"] == b)]
        for text in here.loc[here["topic"].isin(["caveats", "waves"]), "text"]:
            section.callout(str(text), kind="info")
        for topic in TOPICS:
            chosen = here[here["topic"] == topic]
            if not len(chosen):
                continue
            heading = _say("topic_groups", lang) if topic == "groups" else None
            section.heading(heading or _t(f"cmp_topic_{topic}", lang))
            _statements(section, chosen)
            _topic_tables(section, comparison, topic, chosen, a, b, lang)
        if (a, b) in maps:
            section.heading(_t("cmp_difference_map", lang))
            section.map(maps[(a, b)], _t("cmp_difference_map", lang))

    section = page.section(_t("cmp_sec_maps", lang), anchor="maps")
    section.paragraph(_t("cmp_maps_intro", lang), note=True)
    section.map(maps["waves"], _t("cmp_sec_maps", lang))

    section = page.section(_t("cmp_sec_metrics", lang), anchor="metrics")
    network = comparison.network
    shown = [m for m in TREND_METRICS if m in network.index and network.loc[m].notna().any()]
    if shown:
        figure = trend_chart(network.loc[shown].T, lang=lang)
        section.figure(figure, caption=_t("cmp_trend_caption", lang))
    section.table(_network_table(network, lang), caption=_t("cmp_metrics_caption", lang))
    section.table(
        _churn_table(comparison.churn, lang), index=False, caption=_t("cmp_churn_caption", lang)
    )
    by_group = comparison.churn_by_group
    if len(by_group):
        group = attribute_label(comparison.parameters["group"], lang)
        section.table(
            _churn_group_table(by_group, lang),
            index=False,
            caption=_say("caption_churn_groups", lang, attribute=group),
            collapsed=True,
            max_rows=MAX_ROWS * 4,
            more=more,
        )

    section = page.section(_t("sec_methods", lang), anchor="methods")
    section.paragraph(_t("cmp_methods", lang, n=n_permutations))
    section.paragraph(_t("methods_seed", lang, seed=str(seed), version=__version__))
    section.table(
        _parameters_table(comparison.parameters, lang),
        index=False,
        caption=_t("cmp_parameters_caption", lang),
    )
    return page


def _topic_tables(section, comparison: Comparison, topic: str, chosen, a, b, lang: str) -> None:
    """The tables whose numbers the statements of `topic` for the pair of waves `a`, `b` use."""
    if topic == "tests":
        tests = comparison.tests
        tests = tests[(tests["wave_from"] == a) & (tests["wave_to"] == b)]
        if len(tests):
            section.table(
                _tests_table(tests, lang),
                index=False,
                caption=_t("cmp_tests_caption", lang),
                collapsed=True,
            )
    elif topic == "groups":
        splits = comparison.group_splits
        splits = splits[splits["wave"].isin([a, b])]
        if len(splits):
            section.table(
                _splits_table(splits, lang), index=False, caption=_say("caption_splits", lang)
            )
        bridges = comparison.group_bridges
        bridges = bridges[(bridges["wave_from"] == a) & (bridges["wave_to"] == b)]
        if len(bridges):
            section.table(
                _bridges_table(bridges, lang),
                index=False,
                caption=_say("caption_bridges", lang),
                collapsed=True,
                max_rows=MAX_ROWS * 2,
                more=_more(lang),
            )
    elif topic == "actors":
        measured = chosen["key"].str.startswith(("degree_", "betweenness_"))
        named = list(dict.fromkeys(chosen.loc[measured, "actor"]))
        if named:
            section.table(
                _actors_table(comparison, a, b, named, lang),
                index=False,
                caption=_say("caption_actors", lang),
                collapsed=True,
            )
        cuts = comparison.cut_points
        cuts = cuts[(cuts["wave_from"] == a) & (cuts["wave_to"] == b)]
        if len(cuts):
            section.table(
                _cut_table(cuts, lang),
                index=False,
                caption=_say("caption_cut_points", lang),
                collapsed=True,
                max_rows=MAX_ROWS,
                more=_more(lang),
            )
