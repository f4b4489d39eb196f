"""Groups across waves: the ties that first connect two groups or were their last, and
the pairs of groups that one or two actors hold together, wave by wave.

The tables :attr:`~sysmap.compare.Comparison.group_splits` and
:attr:`~sysmap.compare.Comparison.group_bridges` of :func:`~sysmap.compare.compare_waves`.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import networkx as nx
import pandas as pd

from .._attributes import (
    categorical_attributes,
    group_labels,
    group_order,
    is_missing,
    is_missing_group,
)
from .._graph import sorted_nodes
from ..exceptions import ParameterError
from ..metrics.group_splits import SPLIT_COLUMNS, group_splits
from .panel import Panel


def _has_values(graphs: list[nx.Graph], group: Hashable) -> bool:
    """Whether some actor has a value of `group` in one of `graphs`."""
    return any(not is_missing(x) for G in graphs for _, x in G.nodes(data=group))


def _groups_present(panel: Panel, group: Hashable, pairs: list[tuple[str, str]]) -> list:
    """Every group label of the compared pairs of waves, the explicit groups included.

    Raises :class:`MissingAttributeError` (from :func:`group_labels`) when no
    actor of any wave has a value of `group`.
    """
    group_labels(list(panel.graphs.values()), group)  # the attribute exists somewhere
    labels: set = set()
    for a, b in pairs:
        waves = [panel.graphs[b], panel.graphs[a]]  # the later wave's value first
        if _has_values(waves, group):
            labels.update(group_labels(waves, group).tolist())
    return sorted_nodes(labels)


def _check_attributes(
    panel: Panel, group: Hashable | None, attributes: Sequence[Hashable] | None
) -> list[Hashable]:
    """`group` first, then `attributes` (default: the categorical attributes of the waves)."""
    graphs = [panel.graphs[w] for w in reversed(panel.labels)]  # the latest value first
    if attributes is None:
        chosen: list[Hashable] = list(categorical_attributes(graphs))
    elif isinstance(attributes, (str, bytes)) or not isinstance(attributes, Sequence):
        msg = f"attributes must be a list of attribute names; got {attributes!r}."
        raise ParameterError(msg)
    else:
        chosen = list(dict.fromkeys(attributes))
        for name in chosen:
            group_labels(graphs, name)  # MissingAttributeError when no actor has a value
    if group is not None:
        chosen = [group, *(a for a in chosen if a != group)]
    return chosen


def _split_table(panel: Panel, restrict: str | None, attributes: list[Hashable]) -> pd.DataFrame:
    """:func:`group_splits` of every wave and attribute, ``wave`` and ``attribute`` first."""
    frames = []
    for w in panel.labels:
        G = _wave_graph(panel, w, restrict)
        for name in attributes:
            if _has_values([G], name):
                frames.append(group_splits(G, name).assign(wave=w, attribute=name))
    columns = ["wave", "attribute", *SPLIT_COLUMNS]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]


#: Columns of :attr:`Comparison.group_bridges`.
_BRIDGE_COLUMNS = [
    "wave_from",
    "wave_to",
    "attribute",
    "group_a",
    "group_b",
    "change",
    "source",
    "target",
    "source_name",
    "target_name",
]


def _cross_ties(G: nx.Graph, labels: pd.Series) -> dict[tuple, list[tuple]]:
    """The ties of `G` between two real groups, by pair of groups (in group order)."""
    order = {g: i for i, g in enumerate(group_order(set(labels)))}
    out: dict[tuple, list[tuple]] = {}
    for u, v in G.edges():
        gu, gv = labels[u], labels[v]
        if u == v or gu == gv or is_missing_group(gu) or is_missing_group(gv):
            continue
        if order[gu] > order[gv]:
            u, v, gu, gv = v, u, gv, gu
        out.setdefault((gu, gv), []).append((u, v))
    return out


def _bridge_table(
    panel: Panel,
    restrict: str | None,
    attributes: list[Hashable],
    pairs: list[tuple[str, str]],
) -> pd.DataFrame:
    """First and last direct ties between groups, and pairs of groups still without one."""
    rows = []
    for a, b in pairs:
        Ga, Gb = _wave_graph(panel, a, restrict), _wave_graph(panel, b, restrict)
        for name in attributes:
            if not _has_values([Gb, Ga], name):
                continue
            labels = group_labels([Gb, Ga], name)  # the later wave's value first
            before, after = _cross_ties(Ga, labels), _cross_ties(Gb, labels)
            both = set(labels[list(Ga)]) & set(labels[list(Gb)])
            real = [g for g in group_order(both) if not is_missing_group(g)]
            for i, ga in enumerate(real):
                for gb in real[i + 1 :]:
                    tb, ta = before.get((ga, gb), []), after.get((ga, gb), [])
                    if tb and ta:
                        continue
                    change, G, ties = (
                        ("first", Gb, ta) if ta else ("last", Ga, tb) if tb else ("none", Ga, [])
                    )
                    named = sorted(
                        ((u, v, _name(G, u), _name(G, v)) for u, v in ties),
                        key=lambda t: (t[2].casefold(), t[3].casefold()),
                    )
                    for u, v, nu, nv in named or [(None, None, None, None)]:
                        rows.append((a, b, name, ga, gb, change, u, v, nu, nv))
    return pd.DataFrame(rows, columns=_BRIDGE_COLUMNS)


def _wave_graph(panel: Panel, wave: str, restrict: str | None) -> nx.Graph:
    """The network of `wave` under `restrict` (read-only; a copy only when restricted)."""
    return panel.graphs[wave] if restrict is None else panel.graph(wave, restrict=restrict)


def _name(G: nx.Graph, v: Hashable) -> str:
    return str(G.nodes[v].get("name", v))
