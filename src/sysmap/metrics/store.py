"""One network, each measure computed once: the measure store and the size policy.

A :class:`MeasureStore` holds one network and computes each registered
measure (:mod:`sysmap.metrics.registry`) at most once, on first request, with
one seed and one sampling decision that every consumer shares: the tables of
``sysmap metrics``, the report, its findings and its map read the same
numbers. The comparison of waves holds one store per wave
(:meth:`sysmap.compare.Panel.measures`).

The size policy
---------------
Every measure is computed exactly up to :data:`EXACT_UP_TO` actors (2,000).
Above it, the measures that need a search from every actor (betweenness,
average distance and betweenness centralization of the network summary,
distance fragmentation, the distance-fragmentation impact and, in a directed
network, the fragmentation impact) are estimated
from :data:`SAMPLE_SOURCES` (256) source actors drawn without replacement
with the store's seed, the same sources for all of them; every other measure
stays exact. Above :data:`FULL_SAMPLE_UP_TO` actors (100,000) the sample
shrinks so that its searches cost no more than 256 searches at that size,
``256 * 100,000 / n`` sources but at least :data:`MIN_SOURCES` (32): a million
actors get 32; there the spans of local bridges are searched up to
:data:`SPAN_LIMIT` (5) too, longer ones given as 6 ("longer than 5"), since in
large sparse networks most spans are 6 or more and searching them costs more
than all other measures together. ``exact=True`` computes everything exactly
whatever the size; ``sample=k`` uses `k` sources whatever the size (exact when
``k >= n``; spans stay limited above 100,000 actors).
:func:`sampled_sources` is the one place that decides, for the command line,
the Python API and the report alike; :meth:`MeasureStore.sampling` gives the
sample size and the error estimates that ``network.csv`` and the report's
methods section show.

Examples
--------
>>> import networkx as nx
>>> store = MeasureStore(nx.path_graph(4), seed=0)
>>> store.get("betweenness").tolist()
[0.0, 2.0, 2.0, 0.0]
>>> store.get("density", level="network")
0.5
>>> store.computed
['betweenness', 'network_summary']
>>> sampled_sources(2000), sampled_sources(2001), sampled_sources(2001, exact=True)
(None, 256, None)
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Hashable, Iterable
from typing import Any

import networkx as nx
import pandas as pd

from .._graph import Conversions, check_graph, check_n_jobs, conversions_kept
from .._progress import progress_bar
from .._random import Seed, seed_int
from ..exceptions import ParameterError
from .registry import REGISTRY, Measure, Request, measure_of, source_harmonic_sums
from .weak_ties import strength_attribute

__all__ = [
    "CONFIDENCE",
    "EXACT_UP_TO",
    "FULL_SAMPLE_UP_TO",
    "MIN_SOURCES",
    "SAMPLE_SOURCES",
    "SPAN_LIMIT",
    "MeasureStore",
    "betweenness_error",
    "sampled_sources",
]

#: Networks up to this many actors get every measure exactly.
EXACT_UP_TO = 2000
#: Source actors the sampled measures use above :data:`EXACT_UP_TO`.
SAMPLE_SOURCES = 256
#: Above this many actors the sample shrinks (the searches' cost stays that of 256 here).
FULL_SAMPLE_UP_TO = 100_000
#: The fewest sources a default sample has.
MIN_SOURCES = 32
#: Above :data:`FULL_SAMPLE_UP_TO` actors (unless exact), spans longer than this are
#: not searched: a local bridge with a longer span gets ``SPAN_LIMIT + 1``.
SPAN_LIMIT = 5
#: Confidence of the betweenness error bound written to ``network.csv``.
CONFIDENCE = 0.95


def sampled_sources(n: int, *, sample: int | None = None, exact: bool = False) -> int | None:
    """The size policy: how many sources the sampled measures of an `n`-actor network use.

    Parameters
    ----------
    n : int
        Number of actors.
    sample : int, optional
        Use this many sources whatever the size (``--sample K``).
    exact : bool, default=False
        Compute exactly whatever the size (``--exact``).

    Returns
    -------
    int or None
        None for exact computation: always with `exact`, up to
        :data:`EXACT_UP_TO` actors by default, and whenever the sample would
        hold every actor; else the number of sources (by default
        :data:`SAMPLE_SOURCES`, fewer above :data:`FULL_SAMPLE_UP_TO` actors).

    Raises
    ------
    ParameterError
        If `sample` is not a positive int, or both `sample` and `exact` are given.

    Examples
    --------
    >>> sampled_sources(2000), sampled_sources(2001), sampled_sources(10, sample=4)
    (None, 256, 4)
    >>> sampled_sources(200_000), sampled_sources(1_000_000)
    (128, 32)
    """
    if not isinstance(exact, bool):
        raise ParameterError(f"exact must be True or False; got {exact!r}.")
    if sample is not None:
        if isinstance(sample, bool) or not isinstance(sample, numbers.Integral) or sample < 1:
            msg = (
                f"sample must be None or a positive int (number of source actors); got {sample!r}."
            )
            raise ParameterError(msg)
        if exact:
            raise ParameterError("Give either sample or exact=True, not both.")
    if exact:
        return None
    k = sample
    if sample is None and n > EXACT_UP_TO:
        k = SAMPLE_SOURCES
        if n > FULL_SAMPLE_UP_TO:
            k = max(MIN_SOURCES, SAMPLE_SOURCES * FULL_SAMPLE_UP_TO // n)
    return None if k is None or k >= n else int(k)


def betweenness_error(n: int, k: int, *, directed: bool, confidence: float = CONFIDENCE) -> float:
    r"""Half-width that bounds each actor's sampled-betweenness error with `confidence`.

    Each sampled source contributes a dependency in :math:`[0, R]`, with
    :math:`R = n - 2` on digraphs and :math:`(n - 2)/2` on undirected graphs
    (unordered pairs), and the estimate is :math:`n` times their mean over
    `k` sources drawn without replacement. Serfling's inequality [1]_ gives,
    for every actor, :math:`P(|\hat b - b| \ge n R \varepsilon) \le \delta`
    with :math:`\varepsilon = \sqrt{\ln(2/\delta)\,(1 - (k-1)/n) / (2k)}` and
    :math:`\delta = 1 -` `confidence` (Hoeffding's bound, as in Brandes and
    Pich [2]_, tightened for sampling without replacement). The bound holds
    for any network and is loose; it is 0 when every actor is a source.

    References
    ----------
    .. [1] Serfling, Robert J. "Probability Inequalities for the Sum in Sampling
       without Replacement." *The Annals of Statistics* 2, no. 1 (1974): 39-48.
       https://doi.org/10.1214/aos/1176342611
    .. [2] Brandes, Ulrik, and Christian Pich. "Centrality Estimation in Large
       Networks." *International Journal of Bifurcation and Chaos* 17, no. 7
       (2007): 2303-2318. https://doi.org/10.1142/S0218127407018403

    Examples
    --------
    >>> round(betweenness_error(1000, 256, directed=False))  # pairs: 1000 * 998 / 2
    36559
    """
    if k >= n or n < 3:
        return 0.0
    eps = math.sqrt(math.log(2 / (1 - confidence)) * (1 - (k - 1) / n) / (2 * k))
    return eps * n * (n - 2) / (1 if directed else 2)


class MeasureStore:
    """The measures of one network, each computed at most once (see the module).

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The network (any graph sysmap accepts, see
        :func:`~sysmap._graph.check_graph`). Not modified; do not modify it
        while the store is in use.
    group : str, dict or pandas.Series, optional
        The actors' groups for the measures that read them (brokerage, E-I
        index, cross-group ties); a request can name another.
    weight : str, optional
        Tie attribute for the measures that read weights (structural holes,
        communities); binary by default.
    strength : str or None, default="auto"
        Tie attribute read as strength by the weak-tie measures (``"auto"``:
        ``intensity``, else ``weight``, else none).
    threshold : float, default=3
        Smallest strength counted as strong.
    seed : None, int, numpy.random.Generator or numpy.random.RandomState, default=0
        One seed for every random step (sampled sources, communities); an
        int is used as it is, anything else gives one int
        (:func:`~sysmap._random.seed_int`).
    sample : int, optional
        Sources for the sampled measures whatever the size (see :func:`sampled_sources`).
    exact : bool, default=False
        Compute every measure exactly whatever the size.
    n_jobs : int, optional
        Processes for the source searches (joblib's convention); the numbers
        do not depend on it.
    progress : bool or None, default=None
        Progress bars (see :func:`~sysmap._progress.show_progress`).

    Attributes
    ----------
    sample : int or None
        The sources the sampled measures use (None: exact).
    computed : list of str
        The measures computed so far, in order.

    Raises
    ------
    GraphTypeError
        If `G` is not a graph sysmap accepts.
    ParameterError
        For a bad seed, sample, `n_jobs` or `exact`.
    """

    def __init__(
        self,
        G: nx.Graph,
        *,
        group: object = None,
        weight: str | None = None,
        strength: str | None = "auto",
        threshold: float = 3,
        seed: Seed = 0,
        sample: int | None = None,
        exact: bool = False,
        n_jobs: int | None = None,
        progress: bool | None = None,
    ) -> None:
        self.G = check_graph(G)
        self.seed = seed_int(seed)
        self.sample = sampled_sources(self.G.number_of_nodes(), sample=sample, exact=exact)
        large = self.G.number_of_nodes() > FULL_SAMPLE_UP_TO and not exact
        self.max_span = SPAN_LIMIT if large else None
        check_n_jobs(n_jobs)
        self.group = group
        self.weight = weight
        self.strength = strength
        self.threshold = threshold
        self.n_jobs = n_jobs
        self.progress = progress
        self._policy = {"sample": sample, "exact": exact}
        self._results: dict[Hashable, Any] = {}
        self._conversions = Conversions(self.G)
        self._kept: list[object] = []  # unhashable option values, kept alive for their ids
        self.computed: list[str] = []

    def __repr__(self) -> str:
        how = "exact" if self.sample is None else f"{self.sample} sampled sources"
        return f"<MeasureStore {self.G.number_of_nodes()} actors, {how}, computed {self.computed}>"

    @property
    def sampled(self) -> bool:
        """Whether the sampled measures are estimated (else every measure is exact)."""
        return self.sample is not None

    def like(self, H: nx.Graph) -> MeasureStore:
        """A store for another network with the same options and policy (sized for `H`)."""
        return MeasureStore(
            H,
            group=self.group,
            weight=self.weight,
            strength=self.strength,
            threshold=self.threshold,
            seed=self.seed,
            n_jobs=self.n_jobs,
            progress=self.progress,
            **self._policy,
        )

    def describes(self, H: nx.Graph) -> bool:
        """Whether `H` has the store's actors, number of ties and direction (a copy, say)."""
        G = self.G
        return (
            H.is_directed() == G.is_directed()
            and H.number_of_edges() == G.number_of_edges()
            and H.number_of_nodes() == G.number_of_nodes()
            and all(v in G for v in H)
        )

    # -- caching ---------------------------------------------------------------------
    def key(self, value: object) -> Hashable:
        """A cache key for an option value (dicts and Series by identity, kept alive)."""
        try:
            hash(value)
        except TypeError:
            self._kept.append(value)
            return ("id", id(value))
        return value

    def memo(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """`compute()` once per `key` (results several measures or consumers share)."""
        key = ("memo", *key)  # apart from the measures' own keys
        if key not in self._results:
            self._results[key] = compute()
        return self._results[key]

    def request(self, name: str, **options: object) -> Request:
        """The :class:`~sysmap.metrics.registry.Request` measure `name` gets.

        `options` (``group``, ``weight``, ``strength``, ``threshold``)
        override the store's; ``strength="auto"`` is resolved here.
        """
        m = _measure(name)
        unknown = set(options) - {"group", "weight", "strength", "threshold"}
        if unknown:
            raise ParameterError(f"unknown options {sorted(unknown)}; use group, weight, strength.")
        merged = {
            "group": self.group,
            "weight": self.weight,
            "strength": self.strength,
            "threshold": self.threshold,
        }
        merged.update(options)
        if "strength" in m.reads:
            merged["strength"] = strength_attribute(self.G, merged["strength"])  # type: ignore[arg-type]
        return Request(
            self,
            group=merged["group"] if "group" in m.reads else None,
            weight=merged["weight"] if "weight" in m.reads else None,  # type: ignore[arg-type]
            strength=merged["strength"] if "strength" in m.reads else None,  # type: ignore[arg-type]
            threshold=merged["threshold"] if "strength" in m.reads else 3,  # type: ignore[arg-type]
            sample=self.sample if m.sampled else None,
        )

    def available(self, name: str, **options: object) -> bool:
        """Whether measure `name` can be computed (its required options are given)."""
        r = self.request(name, **options)
        return all(getattr(r, option) is not None for option in _measure(name).requires)

    # -- results ---------------------------------------------------------------------
    def table(self, name: str, **options: object) -> Any:
        """Measure `name`: a DataFrame (actor: indexed by ``actor``; tie) or a dict (network).

        Raises
        ------
        ParameterError
            If `name` is not registered, or needs an option that is None.
        """
        m = _measure(name)
        r = self.request(name, **options)
        missing = [o for o in m.requires if getattr(r, o) is None]
        if missing:
            raise ParameterError(f"measure {name!r} needs {missing[0]}=...; none is given.")
        key = (name, *(self.key(getattr(r, o)) for o in m.reads))
        if "strength" in m.reads:
            key += (r.threshold,)
        if key not in self._results:
            with conversions_kept(self._conversions):  # one node order and edge list for all
                self._results[key] = m.compute(r)
            self.computed.append(name)
        return self._results[key]

    def get(self, column: str, *, level: str = "actor", **options: object) -> Any:
        """One column: a Series indexed by ``actor`` (actor level) or a float (network level).

        Examples
        --------
        >>> import networkx as nx
        >>> MeasureStore(nx.star_graph(3)).get("degree_centralization", level="network")
        1.0
        """
        m = measure_of(column, level)
        values = self.table(m.name, **options)
        if level == "network":
            return float(values[column])
        return values[column]

    def actors(self, names: Iterable[str] | None = None, **options: object) -> pd.DataFrame:
        """Actor measures side by side, indexed by ``actor``.

        Default: every actor measure of ``sysmap metrics`` that is available
        (those needing a group only with one), in registry order.
        """
        return pd.concat(self._compute("actor", names, options), axis=1)

    def network(self, names: Iterable[str] | None = None, **options: object) -> dict[str, float]:
        """Network measures as one dict, in registry order (default as :meth:`actors`)."""
        out: dict[str, float] = {}
        for values in self._compute("network", names, options):
            out.update({k: float(v) for k, v in values.items()})
        return out

    def _compute(self, level: str, names: Iterable[str] | None, options: dict) -> list:
        if names is None:
            names = [
                m.name
                for m in REGISTRY.values()
                if m.level == level and m.table and self.available(m.name, **options)
            ]
        names = list(names)
        todo = [n for n in names if n not in self.computed]
        bar = progress_bar(
            total=len(todo), desc="measures", unit="measure", progress=self.progress, leave=False
        )
        out = []
        with bar:
            for name in names:
                bar.set_postfix_str(name, refresh=False)
                out.append(self.table(name, **options))
                if name in todo:
                    bar.update()
        return out

    def sampling(self) -> dict[str, float]:
        """The sample size and error estimates of the sampled measures (``network.csv``).

        ``sample_sources``
            Source actors of every sampled measure (the number of actors when exact).
        ``betweenness_error``
            With probability 0.95, each actor's betweenness is within this
            many pairs of its exact value (:func:`betweenness_error`); 0 when exact.
        ``distance_fragmentation_se``
            Standard error of distance fragmentation, from the spread of the
            sources' harmonic sums; 0 when exact.
        ``distance_fragmentation_impact_se``
            About at most twice ``distance_fragmentation_se``: each actor's
            impact is the difference of two estimates from the same sources,
            whose standard error is at most the sum of theirs (Minkowski's
            inequality), each about that of DF; 0 when exact.
        ``span_limit``
            The longest span searched (:data:`SPAN_LIMIT` above 100,000
            actors; a tie with ``span_limit + 1`` is longer); inf when every
            span is exact.

        Examples
        --------
        >>> import networkx as nx
        >>> MeasureStore(nx.path_graph(5), sample=3, seed=1).sampling()["sample_sources"]
        3.0
        """
        n = self.G.number_of_nodes()
        span_limit = math.inf if self.max_span is None else float(self.max_span)
        if self.sample is None:
            return {
                "sample_sources": float(n),
                "betweenness_error": 0.0,
                "distance_fragmentation_se": 0.0,
                "distance_fragmentation_impact_se": 0.0,
                "span_limit": span_limit,
            }
        se = source_harmonic_sums(self.request("distance_fragmentation")).standard_error
        return {
            "sample_sources": float(self.sample),
            "betweenness_error": betweenness_error(n, self.sample, directed=self.G.is_directed()),
            "distance_fragmentation_se": se,
            "distance_fragmentation_impact_se": 2 * se,
            "span_limit": span_limit,
        }


def _measure(name: str) -> Measure:
    if name not in REGISTRY:
        raise ParameterError(f"no measure {name!r}; registered: {list(REGISTRY)}.")
    return REGISTRY[name]
