"""Trends of network measures across survey waves: small multiples drawn with matplotlib.

:func:`trend_chart` draws one small chart per measure (density,
centralization, fragmentation, E-I index, modularity, response rate, ...):
the waves along the horizontal axis, the values as a line with labelled
points, shares as percentages. By default it draws the network measures the
registry marks as trends (:func:`sysmap.metrics.registry.trend_columns`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import partial

import numpy as np
import pandas as pd

from .._text import figure_text
from ..cluster import measures as _cluster_measures  # noqa: F401 - registers modularity
from ..exceptions import ParameterError
from ..i18n import catalogue, check_lang, format_number, format_percent, message
from ..metrics.registry import trend_columns

__all__ = ["TREND_METRICS", "trend_chart"]

#: Metrics drawn by :func:`trend_chart` by default (those present in the table): the
#: network measures the registry marks as trends (:func:`sysmap.metrics.registry.trend_columns`).
TREND_METRICS = trend_columns()
#: Metrics that are shares in [0, 1], labelled as percentages in trend charts.
_SHARES = {
    "density",
    "density_observed",
    "degree_centralization",
    "betweenness_centralization",
    "fragmentation",
    "distance_fragmentation",
    "response_rate",
    "transitivity",
    "reciprocity",
    "weak_share",
}


def _metric_title(metric: str, lang: str) -> str:
    key = f"metric_{metric}"
    return message("map", key, lang) if key in catalogue("map", lang) else str(metric)


def _percent_tick(value: float, _pos: object = None, *, lang: str, digits: int) -> str:
    return format_percent(value, lang, digits=digits)


def _number_tick(value: float, _pos: object = None, *, lang: str, digits: int) -> str:
    text = format_number(round(value, digits), lang, digits)
    return "0" if text in ("-0", "−0") else text


def _trend_table(table: pd.DataFrame) -> pd.DataFrame:
    """Rows = waves, columns = metrics, from the wide, transposed or long forms."""
    if not isinstance(table, pd.DataFrame):
        raise ParameterError(f"table must be a pandas DataFrame; got {type(table).__name__}.")
    if {"wave", "metric", "value"} <= set(table.columns):
        waves = list(dict.fromkeys(table["wave"]))
        wide = table.pivot_table(
            index="wave", columns="metric", values="value", aggfunc="first", sort=False
        )
        return wide.reindex(waves)
    if table.index.name == "metric":  # sysmap.compare.wave_metrics: metrics x waves
        return table.T
    return table


def trend_chart(
    table: pd.DataFrame,
    *,
    metrics: Sequence[str] | None = None,
    lang: str = "en",
    columns: int | None = None,
    width: float | None = None,
):
    """Small multiples of network metrics across waves (matplotlib).

    One small chart per metric: the waves along the horizontal axis, the
    metric's value as a line with labelled points, shares (density,
    centralization, fragmentation, response rate) as percentages.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per wave (the index holds the wave labels, in time order) and
        one column per metric. Also accepted: a table indexed by ``metric``
        with one column per wave (as :func:`sysmap.compare.wave_metrics`
        returns), or a long table with columns ``wave``, ``metric``,
        ``value``.
    metrics : sequence of str, optional
        Metrics to draw, in this order (default: those of
        :data:`TREND_METRICS` in the table with a value, else every numeric
        column).
    lang : {"en", "de"}, default="en"
        Language of the titles and numbers.
    columns : int, optional
        Charts per row (default: up to 4).
    width : float, optional
        Figure width in inches (default: 2.6 per chart in a row).

    Returns
    -------
    matplotlib.figure.Figure
        Made without pyplot (no global state); show it in a notebook, or
        ``fig.savefig("trends.svg")``.

    Raises
    ------
    ParameterError
        If the table is not a DataFrame, names a metric it does not have, or
        has nothing to draw.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"density": [0.10, 0.12, 0.15], "ei_index": [-0.4, -0.3, -0.1]},
    ...                      index=["2023", "2024", "2025"])
    >>> fig = trend_chart(table)
    >>> [ax.get_title("left") for ax in fig.axes]
    ['Density', 'E-I index']
    """
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    lang = check_lang(lang)
    wide = _trend_table(table)
    if metrics is None:
        chosen = [
            mtr
            for mtr in TREND_METRICS
            if mtr in wide.columns and pd.to_numeric(wide[mtr], errors="coerce").notna().any()
        ]
        if not chosen:
            chosen = [
                c for c in wide.columns if pd.to_numeric(wide[c], errors="coerce").notna().any()
            ]
    else:
        if isinstance(metrics, str):
            metrics = [metrics]
        missing = [mtr for mtr in metrics if mtr not in wide.columns]
        if missing:
            msg = f"metrics {missing} are not in the table; it has {list(wide.columns)}."
            raise ParameterError(msg)
        chosen = list(metrics)
    if not chosen or not len(wide):
        raise ParameterError("the table has no numeric metric values to draw.")
    if columns is not None and (
        isinstance(columns, bool) or not isinstance(columns, int) or columns < 1
    ):
        raise ParameterError(f"columns must be a positive int; got {columns!r}.")
    ncols = min(len(chosen), columns or 4)
    nrows = math.ceil(len(chosen) / ncols)
    fig_w = 2.6 * ncols if width is None else float(width)
    fig = Figure(figsize=(fig_w, 2.2 * nrows + 0.2), dpi=100, layout="constrained")
    waves = [str(w) for w in wide.index]
    x = np.arange(len(waves))
    for k, metric in enumerate(chosen):
        ax = fig.add_subplot(nrows, ncols, k + 1)
        y = pd.to_numeric(wide[metric], errors="coerce").to_numpy(dtype=float)
        share = metric in _SHARES

        def show(v: float, share: bool = share) -> str:
            return format_percent(v, lang, digits=1) if share else format_number(v, lang, 2)

        ax.plot(x, y, marker="o", color="#0072B2", linewidth=1.8, markersize=5)
        for xi, yi in zip(x, y, strict=True):
            if np.isfinite(yi):
                ax.annotate(
                    show(yi),
                    (xi, yi),
                    textcoords="offset points",
                    xytext=(0, 6),
                    ha="center",
                    fontsize=7.5,
                    color="#333333",
                )
        ax.set_title(figure_text(_metric_title(metric, lang)), fontsize=9.5, loc="left")
        ax.set_xticks(x, [figure_text(w) for w in waves], fontsize=8)
        ax.tick_params(axis="y", labelsize=7.5)
        finite = y[np.isfinite(y)]
        if len(finite):
            lo, hi = float(finite.min()), float(finite.max())
            pad = 0.25 * (hi - lo) if hi > lo else max(abs(hi) * 0.25, 0.05)
            ax.set_ylim(lo - pad, hi + pad * 1.6)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))
        ticks = ax.get_yticks()
        step = float(np.min(np.diff(ticks))) if len(ticks) > 1 else 1.0
        # as many decimals as the tick spacing needs (percentages: two fewer)
        decimals = int(
            np.clip(
                -math.floor(math.log10(step))
                + (1 if step * 10 ** -math.floor(math.log10(step)) == 2.5 else 0),
                0,
                6,
            )
        )
        if share:
            tick = partial(_percent_tick, lang=lang, digits=max(decimals - 2, 0))
        else:
            tick = partial(_number_tick, lang=lang, digits=decimals)
        ax.yaxis.set_major_formatter(FuncFormatter(tick))
        ax.set_xlim(-0.4, len(waves) - 0.6)
        ax.grid(axis="y", color="#E5E5E5", linewidth=0.8)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    return fig
