"""The measure registry: every measure sysmap computes, registered once.

A :class:`Measure` says what a measure is (its name, its level: ``"actor"``,
``"tie"`` or ``"network"``, the columns it gives, the public function behind
it, the reference it follows), whether it is estimated from sampled sources
above the size budget (:mod:`sysmap.metrics.store`), and which options it
reads (``group``, ``weight``, ``strength``). Every consumer reads this
registry through a :class:`~sysmap.metrics.store.MeasureStore`: the tables of
``sysmap metrics`` (:mod:`sysmap.metrics.tables`), the sizes and colours of
maps, the network measures compared between waves and drawn as trends, and
the findings.

Adding a measure takes one function (in its family module, returning a tidy
table) and one entry here::

    @register(
        "closeness",
        level="actor",
        columns=("closeness",),
        function=closeness,
        reference="Freeman (1979); Wasserman & Faust (1994)",
    )
    def _closeness(r: Request) -> pd.DataFrame:
        return closeness(r.G, progress=r.progress)

The entry's function receives a :class:`Request` (the graph, the options the
measure reads, the store's sampling decision) and returns, for actor
measures, a DataFrame indexed by ``actor``; for tie measures, a DataFrame with
``source`` and ``target``; for network measures, a dict of column -> float.
:mod:`sysmap.cluster` adds the community measures to this registry.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx
import numpy as np
import pandas as pd

from .._attributes import GroupSpec
from .._random import check_seed
from ..exceptions import ParameterError
from .brokerage import ROLES, brokerage_roles
from .centrality import betweenness, closeness, degree, harmonic
from .fragmentation import distance_fragmentation, fragmentation, fragmentation_impact
from .groups import EIResult, ei_index
from .network import SUMMARY_METRICS, density, network_summary
from .structural_holes import structural_hole_measures
from .weak_ties import summary_of_ties, tie_measures, weak_tie_summary

if TYPE_CHECKING:
    from .store import MeasureStore

__all__ = [
    "LEVELS",
    "REGISTRY",
    "Measure",
    "Request",
    "ei_of",
    "measure_of",
    "register",
    "registry_markdown",
    "registry_table",
    "trend_columns",
    "wave_columns",
]

#: The levels a measure describes.
LEVELS = ("actor", "tie", "network")
#: The options a measure may read (what its result depends on besides the graph).
OPTIONS = ("group", "weight", "strength")
#: Burt's four measures, in the order of the tables.
HOLES = ("constraint", "effective_size", "efficiency", "hierarchy")
#: Gould-Fernandez roles and their total, in the order of the tables.
BROKERAGE = (*ROLES, "brokerage_total")


@dataclass(frozen=True)
class Request:
    """What a measure's entry gets: the store (graph, seed, sampling) and its options.

    Attributes
    ----------
    store : MeasureStore
        The store computing the measure; ``store.G`` is the network.
    group : str, dict, pandas.Series or None
        The actors' groups (measures that read ``group``).
    weight : str or None
        Tie attribute read as weight (measures that read ``weight``).
    strength : str or None
        Tie attribute read as strength, ``"auto"`` resolved (measures that read ``strength``).
    threshold : float
        Smallest strength counted as strong.
    sample : int or None
        Sampled sources for this measure (None: exact); set for sampled measures only.
    """

    store: MeasureStore
    group: GroupSpec | None = None
    weight: str | None = None
    strength: str | None = None
    threshold: float = 3
    sample: int | None = None

    @property
    def G(self) -> nx.Graph:  # noqa: N802 - networkx's name for a graph
        return self.store.G

    @property
    def seed(self) -> int:
        return self.store.seed

    @property
    def progress(self) -> bool | None:
        return self.store.progress

    @property
    def n_jobs(self) -> int | None:
        return self.store.n_jobs

    def memo(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """A result several entries share (computed once per store)."""
        return self.store.memo(key, compute)


@dataclass(frozen=True)
class Measure:
    """One registered measure.

    Attributes
    ----------
    name : str
        Its name (``store.table(name)``).
    level : {"actor", "tie", "network"}
        What one row (actor, tie) or one value (network) describes.
    columns : tuple of str
        Every column it can give (actor and tie measures: table columns;
        network measures: the metrics). Some appear only on directed graphs
        (``directed``) or with an option.
    compute : callable
        ``compute(request)``: the table, or for network measures a dict.
    function : callable
        The public function behind it (documentation; its docstring has the definition).
    reference : str
        Who defined it, and the implementation it matches.
    sampled : bool
        Estimated from sampled sources above the size budget (see
        :mod:`sysmap.metrics.store`); exact up to it.
    reads : tuple of str
        Options its result depends on (``group``, ``weight``, ``strength``).
    requires : tuple of str
        Options it cannot do without (it is not available when one is None).
    table : bool
        A column of ``sysmap metrics`` (``actors.csv``, ``ties.csv``, ``network.csv``).
    waves : tuple of str
        Network columns compared between waves (:func:`sysmap.compare.wave_metrics`).
    trend : tuple of str
        Network columns drawn as trends by default (:func:`sysmap.maps.trend_chart`).
    directed : tuple of str
        Columns given only on directed graphs.
    """

    name: str
    level: Literal["actor", "tie", "network"]
    columns: tuple[str, ...]
    compute: Callable[[Request], Any]
    function: Callable
    reference: str
    sampled: bool = False
    reads: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    table: bool = True
    waves: tuple[str, ...] = ()
    trend: tuple[str, ...] = ()
    directed: tuple[str, ...] = ()

    def columns_for(self, directed: bool) -> tuple[str, ...]:
        """The columns it gives on a directed or an undirected graph."""
        return (
            self.columns if directed else tuple(c for c in self.columns if c not in self.directed)
        )


#: Every measure by name, in the order of the tables.
REGISTRY: dict[str, Measure] = {}


def register(
    name: str,
    *,
    level: str,
    columns: tuple[str, ...],
    function: Callable,
    reference: str,
    sampled: bool = False,
    reads: tuple[str, ...] = (),
    requires: tuple[str, ...] = (),
    table: bool = True,
    waves: tuple[str, ...] = (),
    trend: tuple[str, ...] = (),
    directed: tuple[str, ...] = (),
) -> Callable[[Callable[[Request], Any]], Callable[[Request], Any]]:
    """Register the decorated ``compute(request)`` as the measure `name` (see the module).

    Raises
    ------
    ValueError
        If `name` is registered already, a column is another measure's, or an
        option or level is unknown (a programming error, raised at import).
    """

    def decorate(compute: Callable[[Request], Any]) -> Callable[[Request], Any]:
        if name in REGISTRY:
            raise ValueError(f"measure {name!r} is registered twice")
        if level not in LEVELS or not set(reads) <= set(OPTIONS) or not set(requires) <= set(reads):
            raise ValueError(f"measure {name!r}: bad level or options")
        taken = {c for m in REGISTRY.values() if m.level == level for c in m.columns}
        if level != "tie" and taken & set(columns):
            raise ValueError(f"measure {name!r}: columns {sorted(taken & set(columns))} are taken")
        if not set(waves) | set(trend) | set(directed) <= set(columns):
            raise ValueError(f"measure {name!r}: waves, trend and directed must be columns")
        REGISTRY[name] = Measure(
            name,
            level,  # type: ignore[arg-type]
            tuple(columns),
            compute,
            function,
            reference,
            sampled,
            tuple(reads),
            tuple(requires),
            table,
            tuple(waves),
            tuple(trend),
            tuple(directed),
        )
        return compute

    return decorate


def measure_of(column: str, level: str = "actor") -> Measure:
    """The measure giving `column` at `level` (a measure's own name also works).

    Raises
    ------
    ParameterError
        If no registered measure gives it.
    """
    if column in REGISTRY and REGISTRY[column].level == level:
        return REGISTRY[column]
    for m in REGISTRY.values():
        if m.level == level and column in m.columns:
            return m
    known = [c for m in REGISTRY.values() if m.level == level for c in m.columns]
    raise ParameterError(f"{column!r} is not a {level} measure sysmap computes; known: {known}.")


def wave_columns() -> tuple[str, ...]:
    """The network columns compared between waves, in registry order."""
    return tuple(c for m in REGISTRY.values() if m.level == "network" for c in m.waves)


def trend_columns() -> tuple[str, ...]:
    """The network columns drawn as trends by default, in registry order."""
    return tuple(c for m in REGISTRY.values() if m.level == "network" for c in m.trend)


def registry_table() -> pd.DataFrame:
    """The registry as a table, one row per measure (``docs/metrics.md`` shows it).

    Examples
    --------
    >>> row = registry_table().loc["betweenness"]
    >>> row["level"], row["columns"], bool(row["sampled"])
    ('actor', 'betweenness', True)
    """
    rows = [
        {
            "measure": m.name,
            "level": m.level,
            "columns": ", ".join(m.columns),
            "function": f"{m.function.__module__.rsplit('.', 1)[0]}.{m.function.__name__}",
            "reference": m.reference,
            "sampled": m.sampled,
            "reads": ", ".join(m.reads),
            "in sysmap metrics": m.table,
        }
        for m in REGISTRY.values()
    ]
    return pd.DataFrame(rows).set_index("measure")


def registry_markdown() -> str:
    """The registry as the Markdown table of ``docs/metrics.md`` (a test keeps them equal)."""
    lines = [
        "| measure | level | columns | function | reference | sampled | reads | `sysmap metrics` |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, row in registry_table().iterrows():
        columns = ", ".join(f"`{c}`" for c in row["columns"].split(", "))
        cells = [
            f"`{name}`",
            row["level"],
            columns,
            f"`{row['function']}`",
            row["reference"],
            "above the budget" if row["sampled"] else "",
            row["reads"],
            "yes" if row["in sysmap metrics"] else "",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------------
# actor measures
# ----------------------------------------------------------------------------------


@register(
    "degree",
    level="actor",
    columns=("degree", "in_degree", "out_degree"),
    directed=("in_degree", "out_degree"),
    function=degree,
    reference="Freeman (1979); sna::degree",
)
def _degree(r: Request) -> pd.DataFrame:
    return degree(r.G)


@register(
    "betweenness",
    level="actor",
    columns=("betweenness",),
    function=betweenness,
    reference="Freeman (1977); Brandes (2001); sampled: Brandes & Pich (2007); igraph, sna",
    sampled=True,
)
def _betweenness(r: Request) -> pd.DataFrame:
    return betweenness(r.G, sample=r.sample, seed=r.seed, progress=r.progress, n_jobs=r.n_jobs)


@register(
    "closeness",
    level="actor",
    columns=("closeness",),
    function=closeness,
    reference="Freeman (1979); Wasserman & Faust (1994); networkx, igraph",
    table=False,
)
def _closeness(r: Request) -> pd.DataFrame:
    return closeness(r.G, progress=r.progress)


@register(
    "harmonic",
    level="actor",
    columns=("harmonic",),
    function=harmonic,
    reference="Marchiori & Latora (2000); Boldi & Vigna (2014); igraph",
    table=False,
)
def _harmonic(r: Request) -> pd.DataFrame:
    return harmonic(r.G, progress=r.progress)


@register(
    "structural_holes",
    level="actor",
    columns=HOLES,
    function=structural_hole_measures,
    reference="Burt (1992), whole-network model; igraph::constraint, networkx",
    reads=("weight",),
)
def _holes(r: Request) -> pd.DataFrame:
    frame = structural_hole_measures(r.G, weight=r.weight, model="whole", progress=r.progress)
    return frame[list(HOLES)]


@register(
    "structural_holes_ego",
    level="actor",
    columns=tuple(f"{c}_ego" for c in HOLES),
    function=structural_hole_measures,
    reference="Burt (1992), ego-network model; UCINET",
    reads=("weight",),
)
def _holes_ego(r: Request) -> pd.DataFrame:
    frame = structural_hole_measures(r.G, weight=r.weight, model="ego", progress=r.progress)
    return frame[list(HOLES)].add_suffix("_ego")


@register(
    "fragmentation_impact",
    level="actor",
    columns=("fragmentation_impact", "pairs_disconnected", "articulation_point"),
    function=fragmentation_impact,
    reference="Borgatti (2006); UCINET node fragmentation (sampled in directed networks only)",
    sampled=True,
)
def _fragmentation_impact(r: Request) -> pd.DataFrame:
    frame = _removal_impacts(r)
    return frame[["fragmentation_impact", "pairs_disconnected", "articulation_point"]]


@register(
    "distance_fragmentation_impact",
    level="actor",
    columns=("distance_fragmentation_impact",),
    function=fragmentation_impact,
    reference="Borgatti (2006); UCINET distance-weighted fragmentation",
    sampled=True,
)
def _distance_impact(r: Request) -> pd.DataFrame:
    return _removal_impacts(r)[["distance_fragmentation_impact"]]


def _removal_impacts(r: Request) -> pd.DataFrame:
    """Both impact measures from one run (in a directed network the distance impact's
    searches also give the pairs each departure disconnects)."""
    return r.memo(
        ("fragmentation_impact", r.sample),
        lambda: fragmentation_impact(
            r.G, sample=r.sample, seed=r.seed, progress=r.progress, n_jobs=r.n_jobs
        ),
    )


@register(
    "brokerage",
    level="actor",
    columns=(*BROKERAGE, *(f"{b}_z" for b in BROKERAGE)),
    function=brokerage_roles,
    reference="Gould & Fernandez (1989); sna::brokerage",
    reads=("group",),
    requires=("group",),
)
def _brokerage(r: Request) -> pd.DataFrame:
    roles = brokerage_roles(r.G, r.group, progress=r.progress)
    return roles[[*BROKERAGE, *(f"{b}_z" for b in BROKERAGE)]]


def ei_of(store: MeasureStore, group: GroupSpec) -> EIResult:
    """The store's :func:`~sysmap.metrics.ei_index` result for `group` (computed once)."""
    return store.memo(("ei_index", store.key(group)), lambda: ei_index(store.G, group))


def _ei(r: Request) -> EIResult:
    return ei_of(r.store, r.group)


@register(
    "ei_index",
    level="actor",
    columns=("ei_index",),
    function=ei_index,
    reference="Krackhardt & Stern (1988); UCINET E-I",
    reads=("group",),
    requires=("group",),
)
def _ei_actors(r: Request) -> pd.DataFrame:
    return _ei(r).actors[["ei_index"]]


# ----------------------------------------------------------------------------------
# tie measures
# ----------------------------------------------------------------------------------


@register(
    "tie_measures",
    level="tie",
    columns=(
        "reciprocated",
        "bridge",
        "local_bridge",
        "span",
        "common_neighbours",
        "overlap",
        "strength",
        "strength_class",
        "cross_group",
    ),
    directed=("reciprocated",),
    function=tie_measures,
    reference="Granovetter (1973); Onnela et al. (2007); networkx local_bridges",
    reads=("group", "strength"),
)
def _ties(r: Request) -> pd.DataFrame:
    return tie_measures(
        r.G,
        group=r.group,
        strength=r.strength,
        threshold=r.threshold,
        max_span=r.store.max_span,
        progress=r.progress,
    )


# ----------------------------------------------------------------------------------
# network measures
# ----------------------------------------------------------------------------------


@register(
    "network_summary",
    level="network",
    columns=SUMMARY_METRICS,
    function=network_summary,
    reference="sna::gden, grecip, connectedness, gtrans, centralization (Freeman 1979)",
    sampled=True,
    waves=(
        "n_actors",
        "n_ties",
        "density",
        "reciprocity",
        "components",
        "average_distance",
        "transitivity",
        "degree_centralization",
        "betweenness_centralization",
        "response_rate",
        "trust",
        "value",
    ),
    trend=(
        "density",
        "degree_centralization",
        "betweenness_centralization",
        "response_rate",
        "trust",
    ),
)
def _summary(r: Request) -> dict[str, float]:
    from .network import _summary as summary  # one owner of the summary's definitions

    # betweenness centralization from the store's betweenness (computed once)
    values = r.store.get("betweenness").to_numpy(dtype=float)
    return summary(r.G, sample=r.sample, seed=r.seed, betweenness=values, n_jobs=r.n_jobs)


@register(
    "density_observed",
    level="network",
    columns=("density_observed",),
    function=density,
    reference="sna::gden with non-respondents' rows missing",
    waves=("density_observed",),
)
def _density_observed(r: Request) -> dict[str, float]:
    statuses = [s for _, s in r.G.nodes(data="status")]
    known = "responded" in statuses and None not in statuses
    return {"density_observed": density(r.G, observed_only=True) if known else math.nan}


@register(
    "fragmentation",
    level="network",
    columns=("fragmentation",),
    function=fragmentation,
    reference="Borgatti (2006); 1 - sna::connectedness",
    waves=("fragmentation",),
    trend=("fragmentation",),
)
def _fragmentation(r: Request) -> dict[str, float]:
    return {"fragmentation": fragmentation(r.G)}


@register(
    "distance_fragmentation",
    level="network",
    columns=("distance_fragmentation",),
    function=distance_fragmentation,
    reference="Borgatti (2006); sampled: Eppstein & Wang (2004)",
    sampled=True,
    waves=("distance_fragmentation",),
    trend=("distance_fragmentation",),
)
def _distance_fragmentation(r: Request) -> dict[str, float]:
    if r.sample is None:
        value = distance_fragmentation(r.G, progress=r.progress, n_jobs=r.n_jobs)
        return {"distance_fragmentation": value}
    return {"distance_fragmentation": source_harmonic_sums(r).estimate}


@register(
    "ei_index_network",
    level="network",
    columns=("ei_index", "ei_index_rescaled", "ei_index_expected"),
    function=ei_index,
    reference="Krackhardt & Stern (1988); UCINET E-I",
    reads=("group",),
    requires=("group",),
    waves=("ei_index",),
    trend=("ei_index",),
)
def _ei_network(r: Request) -> dict[str, float]:
    ei = _ei(r)
    return {
        "ei_index": ei.network,
        "ei_index_rescaled": ei.rescaled,
        "ei_index_expected": ei.expected,
    }


@register(
    "weak_ties",
    level="network",
    columns=("weak_share", "weak_share_bridging", "overlap_strength_correlation"),
    function=weak_tie_summary,
    reference="Granovetter (1973); Onnela et al. (2007)",
    reads=("group", "strength"),
    requires=("strength",),
)
def _weak_ties(r: Request) -> dict[str, float]:
    # from the store's tie table (computed once), as weak_tie_summary computes it
    ties = r.store.table("tie_measures", group=r.group, strength=r.strength, threshold=r.threshold)
    weak = summary_of_ties(ties, strength=r.strength, grouped=r.group is not None)  # type: ignore[arg-type]
    return {
        "weak_share": weak.weak_share,
        "weak_share_bridging": weak.weak_share_bridging,
        "overlap_strength_correlation": weak.correlation,
    }


# ----------------------------------------------------------------------------------
# sampled distance fragmentation with its standard error
# ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class HarmonicSums:
    """Harmonic sums of the sampled sources: DF's estimate and its standard error."""

    n: int
    sums: np.ndarray

    @property
    def estimate(self) -> float:
        """:func:`~sysmap.metrics.distance_fragmentation` with the same sources, bit for bit."""
        n, k = self.n, self.sums.size
        total = self.sums.sum() * n / k
        return float(1.0 - total / (n * (n - 1)))

    @property
    def standard_error(self) -> float:
        r"""Standard error of the estimate: :math:`\sqrt{1 - k/n}\, s_h / (\sqrt{k}\,(n - 1))`.

        :math:`s_h` is the standard deviation of the sources' harmonic sums;
        the factor :math:`\sqrt{1 - k/n}` corrects for sampling without
        replacement (Cochran 1977, eq. 2.12).
        """
        n, k = self.n, self.sums.size
        if k < 2:
            return math.nan
        spread = float(np.std(self.sums, ddof=1))
        return math.sqrt(max(0.0, 1 - k / n)) * spread / (math.sqrt(k) * (n - 1))


def source_harmonic_sums(r: Request) -> HarmonicSums:
    """The sampled sources' harmonic sums (the sources of every sampled measure of the store).

    The sources are those :func:`~sysmap.metrics.distance_fragmentation`,
    :func:`~sysmap.metrics.betweenness` and
    :func:`~sysmap.metrics.fragmentation_impact` draw with the same seed and
    sample (``np.sort(check_seed(seed).choice(n, k, replace=False))``).
    """
    from ._fragmentation_engine import _distance_graph, _harmonic, _prepare, _resolve_reading

    def compute() -> HarmonicSums:
        net = _prepare(r.G)
        D = _distance_graph(net.n, net.src, net.dst, net.w, _resolve_reading(r.G, None))
        sources = np.sort(check_seed(r.seed).choice(net.n, size=r.sample, replace=False))
        return HarmonicSums(net.n, _harmonic(D, sources, progress=r.progress, n_jobs=r.n_jobs))

    return r.memo(("harmonic_sums", r.sample), compute)
