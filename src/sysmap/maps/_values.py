"""What a map shows per actor: node attributes, registered measures, aligned inputs.

``color=``, ``size=`` and the tooltip fields of a map may name a node
attribute, an actor measure of the registry (:mod:`sysmap.metrics.registry`,
computed once by the network's :class:`~sysmap.metrics.store.MeasureStore`,
the report's own when it passes one), or be given directly as a pandas
Series, a one-column DataFrame or a dict keyed by actor. Everything is
aligned to the map's actor order here, once.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Hashable, Mapping
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from .._attributes import attribute_names, group_labels, is_missing
from ..exceptions import MissingAttributeError, ParameterError
from ..i18n import Msg
from ..metrics.registry import REGISTRY
from ..metrics.store import MeasureStore

__all__ = ["MetricCache", "attribute_names", "jsonable", "map_metrics", "resolve_values"]

#: Longest text shown in a tooltip cell.
MAX_TEXT = 300


def map_metrics(directed: bool = False) -> list[str]:
    """The measures a map computes by name: every actor column of the registry
    that needs no option (no group), for a directed or an undirected network.

    Examples
    --------
    >>> "betweenness" in map_metrics() and "community" in map_metrics()
    True
    """
    from .. import cluster  # noqa: F401 - registers the community measures

    return [
        c
        for m in REGISTRY.values()
        if m.level == "actor" and not m.requires
        for c in m.columns_for(directed)
    ]


class MetricCache:
    """The registered actor measures of one graph, aligned to `nodes`.

    A thin view on the graph's :class:`~sysmap.metrics.store.MeasureStore`
    (`store`, or one made on first use with `seed` and `sample`): ``"auto"``
    follows the size policy (exact up to 2,000 actors), an int samples that
    many sources, None computes exactly.
    """

    def __init__(
        self,
        G: nx.Graph,
        nodes: list[Hashable],
        *,
        seed: None | int | np.random.Generator,
        sample: int | None | str,
        store: MeasureStore | None = None,
    ) -> None:
        count = isinstance(sample, numbers.Integral) and not isinstance(sample, bool)
        if not (sample in ("auto", None) or (count and sample >= 1)):
            raise ParameterError(f"sample must be 'auto', None or a positive int; got {sample!r}.")
        if store is not None and not (isinstance(store, MeasureStore) and store.describes(G)):
            raise ParameterError("store must be the MeasureStore of the map's network.")
        self.G = G
        self.nodes = nodes
        self.seed = seed
        self._sample = sample
        self._store = store
        self.computed: list[str] = []

    @property
    def store(self) -> MeasureStore:
        """The measures of the map's network (made on first use)."""
        if self._store is None:
            sample = self._sample
            self._store = MeasureStore(
                self.G,
                seed=self.seed,
                sample=None if sample in ("auto", None) else sample,  # type: ignore[arg-type]
                exact=sample is None,
            )
        return self._store

    @property
    def betweenness_sample(self) -> int | None:
        """Sources behind the betweenness values (None: exact)."""
        return self.store.sample

    def available(self, name: str) -> bool:
        return name in map_metrics(self.G.is_directed())

    def get(self, name: str) -> pd.Series:
        """The measure `name` per actor, in `nodes` order."""
        values = self.store.get(name)
        if name not in self.computed:
            self.computed.append(name)
        return values.reindex(self.nodes)


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
    metrics = map_metrics(G.is_directed())
    raise MissingAttributeError(
        Msg(
            "problems",
            "map_attribute_unknown",
            what=what,
            spec=spec,
            found=", ".join(map(str, found)),
            metrics=", ".join(metrics),
        )
    )


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
