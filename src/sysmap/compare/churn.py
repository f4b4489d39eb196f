"""Tie churn between two waves: which ties were kept, formed, dissolved, strengthened, weakened.

The evidence behind "the network changed": one row per tie present in either
wave, then counts per pair of waves and per pair of groups (sectors). Works
on edge tables (pandas), never on n x n matrices.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence

import networkx as nx
import numpy as np
import pandas as pd

from .._attributes import UNKNOWN, GroupSpec, group_labels, group_name
from .._graph import check_graph, sorted_nodes
from ..exceptions import GraphTypeError, ParameterError

__all__ = ["CHURN_STATUSES", "TRENDS", "churn_by_group", "churn_summary", "tie_churn"]

#: Status of a tie between two waves.
CHURN_STATUSES = ("kept", "formed", "dissolved")
#: How the value of a kept tie moved.
TRENDS = ("strengthened", "weakened", "unchanged")


def _edge_frame(
    G: nx.Graph, nodes: set | None, order: dict[Hashable, int], weight: str | None
) -> pd.DataFrame:
    rows = []
    directed = G.is_directed()
    for u, v, data in G.edges(data=True):
        if u == v or (nodes is not None and (u not in nodes or v not in nodes)):
            continue
        if not directed and order[v] < order[u]:
            u, v = v, u
        value = data.get(weight, math.nan) if weight is not None else 1.0
        rows.append((u, v, math.nan if value is None else float(value)))
    return pd.DataFrame(rows, columns=["source", "target", "weight"])


def tie_churn(
    G1: nx.Graph,
    G2: nx.Graph,
    *,
    nodes: Iterable[Hashable] | None = None,
    weight: str | None = "weight",
    group: GroupSpec | None = None,
    tolerance: float = 0.0,
) -> pd.DataFrame:
    """Every tie of two waves with its fate: kept, formed or dissolved.

    Parameters
    ----------
    G1, G2 : networkx.Graph or networkx.DiGraph
        The earlier and the later wave (both directed or both undirected).
    nodes : iterable of actors, optional
        Compare only ties among these actors (e.g. those present in both
        waves). By default every tie counts, including ties of actors who
        joined or left (flagged in ``turnover``).
    weight : str or None, default="weight"
        Tie value compared for kept ties (``sysmap.build_network`` puts the
        PARTNER intensity 1-4 there). ``None`` compares presence only.
    group : hashable, dict or pandas.Series, optional
        Node attribute (e.g. ``"sector"``) added for both ends, with
        ``cross_group``, or labels by actor (the columns are then named after
        the Series, or ``group``). The later wave's value is used, else the
        earlier one; actors without a value in either wave form explicit
        groups (see :func:`~sysmap._attributes.group_labels`).
    tolerance : float, default=0
        A kept tie counts as strengthened or weakened only when its value
        moved by more than this.

    Returns
    -------
    pandas.DataFrame
        One row per tie present in either wave, sorted by ``source``,
        ``target`` (undirected ties with ``source`` first in sorted order):
        ``status`` (``"kept"``, ``"formed"``, ``"dissolved"``),
        ``weight_before``, ``weight_after``, ``weight_change`` (NaN where a
        wave has no tie or no value), ``trend`` (``"strengthened"``,
        ``"weakened"``, ``"unchanged"`` for kept ties with values, else
        missing), ``turnover`` (True when an end is not in both graphs: a
        tie formed by a newcomer or lost with a leaver) and, with `group`,
        ``source_<group>``, ``target_<group>`` and ``cross_group``.

    Raises
    ------
    GraphTypeError
        If a graph is not a simple networkx graph, or one is directed and the
        other not.
    MissingAttributeError
        If `group` is given and no actor has a value of it in either wave.
    ParameterError
        If `tolerance` is negative.

    Examples
    --------
    >>> import networkx as nx
    >>> G1 = nx.Graph([("a", "b", {"weight": 2}), ("b", "c", {"weight": 3})])
    >>> G2 = nx.Graph([("a", "b", {"weight": 4}), ("c", "d", {"weight": 1})])
    >>> tie_churn(G1, G2)[["source", "target", "status", "trend", "turnover"]]
      source target     status         trend  turnover
    0      a      b       kept  strengthened     False
    1      b      c  dissolved           NaN     False
    2      c      d     formed           NaN      True
    """
    G1 = check_graph(G1, name="G1")
    G2 = check_graph(G2, name="G2")
    if G1.is_directed() != G2.is_directed():
        msg = "G1 and G2 must both be directed or both undirected; use one symmetrize= rule."
        raise GraphTypeError(msg)
    if not isinstance(tolerance, (int, float)) or tolerance < 0:
        raise ParameterError(f"tolerance must be a number >= 0; got {tolerance!r}.")
    keep = None if nodes is None else set(nodes)
    everyone = sorted_nodes(set(G1) | set(G2))
    order = {v: i for i, v in enumerate(everyone)}
    before = _edge_frame(G1, keep, order, weight)
    after = _edge_frame(G2, keep, order, weight)
    table = before.merge(
        after,
        on=["source", "target"],
        how="outer",
        suffixes=("_before", "_after"),
        indicator=True,
    )
    status = table["_merge"].map({"both": "kept", "left_only": "dissolved", "right_only": "formed"})
    table = table.drop(columns="_merge")
    table.insert(2, "status", status.astype(object))
    table["weight_change"] = table["weight_after"] - table["weight_before"]
    trend = pd.Series(np.nan, index=table.index, dtype=object)
    change = table["weight_change"]
    kept = (table["status"] == "kept") & change.notna()
    trend[kept & (change > tolerance)] = "strengthened"
    trend[kept & (change < -tolerance)] = "weakened"
    trend[kept & (change.abs() <= tolerance)] = "unchanged"
    table["trend"] = trend
    both = set(G1) & set(G2)
    table["turnover"] = ~(table["source"].isin(both) & table["target"].isin(both))
    if group is not None:
        labels = group_labels([G2, G1], group, nodes=everyone)
        source, target = f"source_{labels.name}", f"target_{labels.name}"
        table[source] = table["source"].map(labels.to_dict())
        table[target] = table["target"].map(labels.to_dict())
        table["cross_group"] = table[source] != table[target]
    table["_s"] = table["source"].map(order)
    table["_t"] = table["target"].map(order)
    table = table.sort_values(["_s", "_t"]).drop(columns=["_s", "_t"]).reset_index(drop=True)
    return table


def _jaccard(kept: int, formed: int, dissolved: int) -> float:
    total = kept + formed + dissolved
    return kept / total if total else math.nan


def churn_summary(churn: pd.DataFrame) -> pd.Series:
    """Counts of a :func:`tie_churn` table and the Jaccard similarity of the tie sets.

    Parameters
    ----------
    churn : pandas.DataFrame
        The result of :func:`tie_churn`.

    Returns
    -------
    pandas.Series
        Indexed by ``metric``: ``ties_before``, ``ties_after``, ``kept``,
        ``formed``, ``dissolved``, ``strengthened``, ``weakened``,
        ``unchanged``, ``jaccard`` (kept / ties in either wave; NaN without
        ties), ``formed_turnover`` and ``dissolved_turnover`` (ties formed by
        newcomers, lost with leavers) and ``jaccard_stayers`` (the Jaccard
        similarity among ties whose ends are in both waves).

    Examples
    --------
    >>> import networkx as nx
    >>> G1, G2 = nx.path_graph(4), nx.cycle_graph(4)
    >>> churn_summary(tie_churn(G1, G2, weight=None))[["kept", "formed", "jaccard"]].tolist()
    [3.0, 1.0, 0.75]
    """
    status = churn["status"]
    trend = churn["trend"]
    counts = {
        "ties_before": int((status != "formed").sum()),
        "ties_after": int((status != "dissolved").sum()),
    }
    for name in CHURN_STATUSES:
        counts[name] = int((status == name).sum())
    for name in TRENDS:
        counts[name] = int((trend == name).sum())
    counts["jaccard"] = _jaccard(counts["kept"], counts["formed"], counts["dissolved"])
    counts["formed_turnover"] = int(((status == "formed") & churn["turnover"]).sum())
    counts["dissolved_turnover"] = int(((status == "dissolved") & churn["turnover"]).sum())
    stay = churn.loc[~churn["turnover"], "status"]
    counts["jaccard_stayers"] = _jaccard(
        int((stay == "kept").sum()), int((stay == "formed").sum()), int((stay == "dissolved").sum())
    )
    index = pd.Index(list(counts), name="metric")
    return pd.Series([float(v) for v in counts.values()], index=index, name="value")


def churn_by_group(
    churn: pd.DataFrame,
    group: GroupSpec,
    *,
    directed: bool = False,
    groups: Sequence[Hashable] | None = None,
) -> pd.DataFrame:
    """Tie churn per pair of groups (sectors): where ties formed and dissolved.

    Parameters
    ----------
    churn : pandas.DataFrame
        The result of :func:`tie_churn` with ``group=`` the same attribute.
    group : hashable, dict or pandas.Series
        The `group` given to :func:`tie_churn` (e.g. ``"sector"``).
    directed : bool, default=False
        Keep ``(A, B)`` and ``(B, A)`` apart (for directed ties); otherwise
        each unordered pair of groups is one row with ``group_a <= group_b``.
    groups : sequence, optional
        All group values, so that pairs without any tie in either wave get a
        row of zeros ("still no tie between Health and Business").

    Returns
    -------
    pandas.DataFrame
        Indexed by ``(group_a, group_b)``: ``ties_before``, ``ties_after``,
        ``kept``, ``formed``, ``dissolved``, ``strengthened``, ``weakened``,
        ``net_change`` (after - before) and ``jaccard``.

    Raises
    ------
    ParameterError
        If the table has no ``source_<group>`` / ``target_<group>`` columns.

    Examples
    --------
    >>> import networkx as nx
    >>> G1, G2 = nx.Graph([("a", "b")]), nx.Graph([("a", "b"), ("a", "c")])
    >>> for G in (G1, G2):
    ...     nx.set_node_attributes(G, {"a": "X", "b": "X", "c": "Y"}, "sector")
    >>> table = churn_by_group(tie_churn(G1, G2, group="sector"), "sector")
    >>> table[["kept", "formed", "net_change"]]
                     kept  formed  net_change
    group_a group_b
    X       X           1       0           0
            Y           0       1           1
    """
    group = group_name(group)
    a_col, b_col = f"source_{group}", f"target_{group}"
    if a_col not in churn or b_col not in churn:
        msg = (
            f"the churn table has no {a_col!r}/{b_col!r} columns; "
            f"call tie_churn(..., group={group!r})."
        )
        raise ParameterError(msg)
    a = churn[a_col].astype(object).where(churn[a_col].notna(), UNKNOWN).to_numpy(dtype=object)
    b = churn[b_col].astype(object).where(churn[b_col].notna(), UNKNOWN).to_numpy(dtype=object)
    if not directed:
        swap = np.array([sorted_nodes([x, y])[0] != x for x, y in zip(a, b)], dtype=bool)
        a, b = np.where(swap, b, a), np.where(swap, a, b)
    frame = pd.DataFrame(
        {
            "group_a": a,
            "group_b": b,
            "before": (churn["status"] != "formed").to_numpy(),
            "after": (churn["status"] != "dissolved").to_numpy(),
            "kept": (churn["status"] == "kept").to_numpy(),
            "formed": (churn["status"] == "formed").to_numpy(),
            "dissolved": (churn["status"] == "dissolved").to_numpy(),
            "strengthened": (churn["trend"] == "strengthened").to_numpy(),
            "weakened": (churn["trend"] == "weakened").to_numpy(),
        }
    )
    table = frame.groupby(["group_a", "group_b"], sort=False).sum().astype(int)
    table = table.rename(columns={"before": "ties_before", "after": "ties_after"})
    if groups is not None:
        values = sorted_nodes(set(groups))
        pairs = [
            (x, y) for i, x in enumerate(values) for j, y in enumerate(values) if directed or i <= j
        ]
        table = table.reindex(
            pd.MultiIndex.from_tuples(sorted(set(pairs) | set(table.index), key=_pair_key)),
            fill_value=0,
        )
    else:
        table = table.loc[sorted(table.index, key=_pair_key)]
    table.index.names = ["group_a", "group_b"]
    table["net_change"] = table["ties_after"] - table["ties_before"]
    total = table["kept"] + table["formed"] + table["dissolved"]
    table["jaccard"] = (table["kept"] / total.where(total > 0)).astype(float)
    return table


def _pair_key(pair: tuple) -> tuple[str, str, str, str]:
    return tuple(x for v in pair for x in (type(v).__name__, str(v)))  # type: ignore[return-value]
