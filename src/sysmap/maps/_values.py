"""What a map shows per actor: node attributes, metrics computed on the fly, aligned inputs.

``color=``, ``size=`` and the tooltip fields of a map may name a node
attribute, a metric (computed here with :mod:`sysmap.metrics` or
:mod:`sysmap.cluster`), or be given directly as a pandas Series, a one-column
DataFrame or a dict keyed by actor. Everything is aligned to the map's actor
order here, once.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Hashable, Mapping
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from .._attributes import attribute_names, group_labels, is_missing
from ..exceptions import MissingAttributeError, ParameterError

__all__ = ["METRICS", "MetricCache", "attribute_names", "jsonable", "resolve_values"]

#: Betweenness above this many actors is estimated from sampled sources when
#: ``sample="auto"``.
AUTO_SAMPLE_ACTORS = 2000
#: Sources sampled for betweenness with ``sample="auto"`` on large networks.
AUTO_SAMPLE_SOURCES = 256
#: Longest text shown in a tooltip cell.
MAX_TEXT = 300


def _degree(cache: MetricCache) -> pd.DataFrame:
    from ..metrics import degree

    return degree(cache.G)


def _betweenness(cache: MetricCache) -> pd.DataFrame:
    from ..metrics import betweenness

    return betweenness(cache.G, sample=cache.betweenness_sample, seed=cache.seed)


def _closeness(cache: MetricCache) -> pd.DataFrame:
    from ..metrics import closeness

    return closeness(cache.G)


def _harmonic(cache: MetricCache) -> pd.DataFrame:
    from ..metrics import harmonic

    return harmonic(cache.G)


def _holes(cache: MetricCache) -> pd.DataFrame:
    from ..metrics import structural_hole_measures

    return structural_hole_measures(cache.G)


def _fragmentation(cache: MetricCache) -> pd.DataFrame:
    from ..metrics import fragmentation_impact

    return fragmentation_impact(cache.G, distance=False)


def _distance_fragmentation(cache: MetricCache) -> pd.DataFrame:
    from ..metrics import fragmentation_impact

    return fragmentation_impact(cache.G, distance=True, seed=cache.seed)


def _communities(cache: MetricCache) -> pd.DataFrame:
    from ..cluster import consensus_communities

    result = consensus_communities(cache.G, seed=cache.seed)
    return pd.DataFrame({"community": result.labels, "community_stability": result.stability})


#: Metric name -> (function computing a table that has it, column).
METRICS: dict[str, tuple[Callable[[MetricCache], pd.DataFrame], str]] = {
    "degree": (_degree, "degree"),
    "in_degree": (_degree, "in_degree"),
    "out_degree": (_degree, "out_degree"),
    "betweenness": (_betweenness, "betweenness"),
    "closeness": (_closeness, "closeness"),
    "harmonic": (_harmonic, "harmonic"),
    "constraint": (_holes, "constraint"),
    "effective_size": (_holes, "effective_size"),
    "efficiency": (_holes, "efficiency"),
    "hierarchy": (_holes, "hierarchy"),
    "fragmentation_impact": (_fragmentation, "fragmentation_impact"),
    "pairs_disconnected": (_fragmentation, "pairs_disconnected"),
    "distance_fragmentation_impact": (_distance_fragmentation, "distance_fragmentation_impact"),
    "community": (_communities, "community"),
    "community_stability": (_communities, "community_stability"),
}


class MetricCache:
    """Metrics of one graph, computed at most once each, aligned to `nodes`."""

    def __init__(
        self,
        G: nx.Graph,
        nodes: list[Hashable],
        *,
        seed: None | int | np.random.Generator,
        sample: int | None | str,
    ) -> None:
        self.G = G
        self.nodes = nodes
        self.seed = seed
        if sample == "auto":
            sample = AUTO_SAMPLE_SOURCES if len(nodes) > AUTO_SAMPLE_ACTORS else None
        elif sample is not None and (
            isinstance(sample, bool) or not isinstance(sample, numbers.Integral) or sample < 1
        ):
            raise ParameterError(f"sample must be 'auto', None or a positive int; got {sample!r}.")
        if sample is not None and sample >= len(nodes):
            sample = None
        self.betweenness_sample = sample
        self._tables: dict[Callable, pd.DataFrame] = {}
        self.computed: list[str] = []

    def available(self, name: str) -> bool:
        if name not in METRICS:
            return False
        return not (name in ("in_degree", "out_degree") and not self.G.is_directed())

    def get(self, name: str) -> pd.Series:
        """The metric `name` per actor, in `nodes` order."""
        func, column = METRICS[name]
        if func not in self._tables:
            self._tables[func] = func(self)
        if name not in self.computed:
            self.computed.append(name)
        return self._tables[func][column].reindex(self.nodes)


def _align(values: pd.Series, nodes: list[Hashable], what: str) -> pd.Series:
    """`values` (indexed by actor) in `nodes` order; ids also matched by their text."""
    if values.index.has_duplicates:
        dup = values.index[values.index.duplicated()].unique()[:5].tolist()
        raise ParameterError(f"{what}: the values list some actors twice: {dup}.")
    lookup = dict(zip(values.index, range(len(values)), strict=True))
    by_str = {str(k): i for k, i in lookup.items()}
    rows = [lookup.get(v, by_str.get(str(v), -1)) for v in nodes]
    if len(nodes) and all(r < 0 for r in rows):
        shown = [str(v) for v in list(values.index[:3])]
        msg = (
            f"{what}: none of the actors are in the given values' index (e.g. {shown}); "
            "index the values by actor id, as sysmap's tables are."
        )
        raise ParameterError(msg)
    data = values.to_numpy(dtype=object)
    out = [data[r] if r >= 0 else None for r in rows]
    return pd.Series(
        out, index=pd.Index(nodes, name="actor", dtype=object, tupleize_cols=False), dtype=object
    )


def resolve_values(
    G: nx.Graph,
    nodes: list[Hashable],
    spec: object,
    cache: MetricCache,
    *,
    what: str,
    groups: bool = False,
) -> tuple[pd.Series, str]:
    """Values for `spec` (attribute, metric, Series, DataFrame or mapping) and their title.

    Node attributes win over metrics of the same name (a graph annotated with
    its own ``betweenness`` shows that). With `groups` (colours and filters),
    a node attribute that holds categories (not only numbers) is read as
    groups (:func:`~sysmap.metrics.groups.group_labels`): actors without a value are
    in the groups "not on the member list" or "unknown" instead of missing.

    Raises
    ------
    MissingAttributeError
        If `spec` is a name that is neither a node attribute nor a metric.
    ParameterError
        If `spec` has another type, or a DataFrame has several columns.
    """
    if isinstance(spec, pd.DataFrame):
        if spec.shape[1] != 1:
            msg = (
                f"{what}: a DataFrame must have exactly one column; got {list(spec.columns)}. "
                f"Pick one, e.g. {what}=table[{str(spec.columns[0])!r}]."
            )
            raise ParameterError(msg)
        spec = spec.iloc[:, 0]
    if isinstance(spec, pd.Series):
        title = str(spec.name) if spec.name is not None else what
        return _align(spec, nodes, what), title
    if isinstance(spec, Mapping):
        return _align(pd.Series(dict(spec), dtype=object), nodes, what), what
    if not isinstance(spec, str):
        msg = (
            f"{what} must be an attribute or metric name, a pandas Series indexed by actor, "
            f"a one-column DataFrame or a dict; got {type(spec).__name__}."
        )
        raise ParameterError(msg)
    attrs = G.nodes
    if any(spec in attrs[v] for v in nodes):
        values = [attrs[v].get(spec) for v in nodes]
        if groups and not all(is_number(x) for x in values if not is_missing(x)):
            return group_labels(G, spec, nodes=nodes), spec
        return pd.Series(
            values,
            index=pd.Index(nodes, name="actor", dtype=object, tupleize_cols=False),
            dtype=object,
        ), spec
    if cache.available(spec):
        return cache.get(spec).astype(object), spec
    found = attribute_names(G)
    metrics = [m for m in METRICS if cache.available(m)]
    msg = (
        f"{what}={spec!r}: no actor has that attribute and it is not a metric sysmap "
        f"computes for maps. Actors have {found}; metrics: {metrics}."
    )
    raise MissingAttributeError(msg)


def is_number(value: object) -> bool:
    """A real number (numpy scalars included), not a bool."""
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def numeric(values: pd.Series, what: str) -> np.ndarray:
    """`values` as floats (missing -> NaN); raise if some value is not a number."""
    inferred = pd.api.types.infer_dtype(values, skipna=True)
    if inferred in ("integer", "floating", "mixed-integer-float", "decimal", "empty"):
        out = np.array(
            pd.to_numeric(values, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        )
        out[~np.isfinite(out)] = np.nan
        return out
    out = np.full(len(values), np.nan)
    bad = []
    for k, v in enumerate(values.to_numpy(dtype=object)):
        if is_missing(v):
            continue
        if not is_number(v):
            if isinstance(v, (bool, np.bool_)):
                out[k] = float(v)
                continue
            bad.append(v)
            continue
        out[k] = float(v)
    if bad:
        msg = f"{what} must be numeric; got values such as {bad[:3]!r}."
        raise ParameterError(msg)
    out[~np.isfinite(out)] = np.nan
    return out


def jsonable(value: Any) -> Any:
    """A JSON-safe scalar: numpy/pandas numbers as Python numbers, NaN/NA/inf as None.

    Examples
    --------
    >>> [jsonable(v) for v in (np.int64(3), np.float32(0.5), float("nan"), pd.NA, "x")]
    [3, 0.5, None, None, 'x']
    """
    if is_missing(value):
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        x = float(value)
        return x if math.isfinite(x) else None
    if isinstance(value, str):
        return value if len(value) <= MAX_TEXT else value[: MAX_TEXT - 1] + "…"
    text = str(value)
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"
