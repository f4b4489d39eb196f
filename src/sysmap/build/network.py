"""Build networkx graphs from :class:`~sysmap.io.NetworkData` (the only code adding nodes, ties).

Turning directed survey reports into an undirected network is a choice with
consequences: :mod:`sysmap.build.ties` owns the rules and the default, and
:func:`build_network` records the rule used, with the sources and time, in
``G.graph["sysmap"]``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from .._attributes import missing_values
from .._graph import GRAPH_TYPES, check_graph
from .._version import __version__
from ..exceptions import ParameterError
from ..i18n import Msg
from ..io.assemble import order_pairs
from ..io.model import NetworkData
from .ties import (
    AUTO,
    COMBINE,
    DEFAULT_COMBINE,
    SYMMETRIZE,
    check_combine,
    merge_ties,
    resolve_rule,
    symmetrize_ties,
    tie_frame,
)

__all__ = ["COMBINE", "SYMMETRIZE", "build_network", "received_scales", "undirected_network"]

_KEY = ["source", "target"]


def build_network(
    data: NetworkData | nx.Graph,
    *,
    relation: str | Sequence[str] | None = None,
    symmetrize: str | None = AUTO,
    combine: str = DEFAULT_COMBINE,
    weight: str | None = None,
) -> nx.DiGraph | nx.Graph:
    """Build the organization network from tidy network data.

    Parameters
    ----------
    data : NetworkData or graph
        What a reader returned (:func:`~sysmap.read_survey`, ...), or a graph
        you already have: a networkx graph (multigraphs too) or an
        :class:`igraph.Graph`. A graph is passed through as a copy (converted
        as :func:`sysmap._graph.check_graph` does), with `symmetrize` and
        `weight` applied and the provenance recorded; `relation` does not
        apply to it.
    relation : str or sequence of str, optional
        Keep only these relation types (e.g. ``"joint programs"``). By default
        all relations are merged into one tie per ordered pair; the tie's
        ``relation`` attribute lists them, ``|``-separated.
    symmetrize : {"auto", "union", "mutual", "respondent_priority"} or None, default="auto"
        How reported ties become ties (:mod:`sysmap.build.ties`). ``"auto"``
        uses :func:`~sysmap.build.ties.default_rule`: surveys are reconstructed
        (``"union"``: a tie exists if either side reports it), other directed
        data stay directed. ``None`` keeps reported ties directed (a
        :class:`networkx.DiGraph`). A rule builds an undirected
        :class:`networkx.Graph`:

        - ``"union"``: a tie exists if either side reports it (reconstruction);
        - ``"mutual"``: only if both sides report it (ties to non-respondents
          vanish, which is why this rule is a sensitivity check, not a default);
        - ``"respondent_priority"``: between two respondents, both must report
          the tie; between a respondent and a non-respondent, the respondent's
          report decides (the non-respondent's ties come from others' reports).
    combine : {"max", "min", "mean"}, default="max"
        How valued items (``weight``, ``intensity``, ``trust``, ...) are combined
        when two reports of one pair, or several relations, meet.
    weight : str, optional
        Tie item copied to the ``weight`` attribute that metrics use. Default:
        the ``weight`` column if present, else ``intensity``, else 1.

    Returns
    -------
    networkx.DiGraph or networkx.Graph
        Nodes are actor ids with the actor attributes (``name``, ``status``,
        ``sector``, ...; missing values are left out) plus ``trust_received`` /
        ``value_received`` when those scales exist (an actor column of that
        name, as in a file sysmap wrote and read back, is kept as it is: the
        ratings behind it are no longer in the ties). Ties carry their items,
        ``weight``, ``relation``, and, when symmetrized, ``reports`` (1 or 2).
        ``G.graph["sysmap"]`` holds the provenance.

    Raises
    ------
    ParameterError
        For an unknown relation or rule, or ``"respondent_priority"`` on data
        without respondent status.

    Notes
    -----
    Every actor of ``data.actors`` becomes a node, so members nobody named
    stay in the network as isolates. Input data is never modified.

    Examples
    --------
    >>> import pandas as pd
    >>> from sysmap.io import read_survey
    >>> survey = pd.DataFrame({"respondent": ["A", "B", "A"], "partner": ["B", "A", "C"],
    ...                        "intensity": [2, 4, 1]})
    >>> data = read_survey(survey)
    >>> G = build_network(data)                 # a survey: reconstructed ("union")
    >>> sorted(G.edges(data="weight")), G.graph["sysmap"]["symmetrize"]
    ([('A', 'B', 4.0), ('A', 'C', 1.0)], 'union')
    >>> build_network(data, symmetrize="mutual").number_of_edges()
    1
    >>> build_network(data, symmetrize=None).number_of_edges()    # the reports, directed
    3
    """
    if isinstance(data, GRAPH_TYPES):
        return _from_graph(data, relation, symmetrize, combine, weight)
    symmetrize = resolve_rule(symmetrize, data)
    check_combine(combine)
    ties = _select_relations(data.ties, relation)
    weight = _weight_column(ties, weight)
    ties = ties.assign(weight=ties[weight].astype(float) if weight else 1.0)
    ties = merge_ties(ties, combine)
    scales = received_scales(data, relation=relation)
    if symmetrize is None and data.directed:
        G: nx.Graph = nx.DiGraph()
    else:
        G = nx.Graph()
        if data.directed:
            ties = symmetrize_ties(ties, data.actors["status"], symmetrize, combine)
        else:
            ties = merge_ties(order_pairs(ties), combine)
    _add_nodes(G, data.actors, scales)
    _add_edges(G, ties)
    G.graph["sysmap"] = {
        **data.provenance,
        "relation": relation if relation is None or isinstance(relation, str) else list(relation),
        "symmetrize": symmetrize,
        "combine": combine,
        "weight": weight or "1",
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "sysmap_version": __version__,
    }
    return G


def _from_graph(
    graph: object,
    relation: str | Sequence[str] | None,
    symmetrize: str | None,
    combine: str,
    weight: str | None,
) -> nx.Graph:
    """:func:`build_network` of a graph: a checked copy, tie rule and weight applied."""
    if relation is not None:
        msg = (
            "relation= selects relation types while reading ties; a graph's ties are built "
            "already. Keep the ties you want first, e.g. G.edge_subgraph(...)."
        )
        raise ParameterError(msg)
    G = check_graph(graph)
    rule = resolve_rule(symmetrize, G)
    check_combine(combine)
    G = undirected_network(G, rule, combine) if rule is not None and G.is_directed() else G.copy()
    if weight is not None:
        values = nx.get_edge_attributes(G, weight)
        if not values:
            msg = f"weight={weight!r} is not a tie attribute of the graph."
            raise ParameterError(msg)
        nx.set_edge_attributes(G, values, "weight")
    info = G.graph.get("sysmap")  # the graph's own provenance, and a collapse recorded
    G.graph["sysmap"] = {
        **(info if isinstance(info, dict) else {}),
        "source": f"{type(graph).__module__.split('.')[0]}.{type(graph).__name__}",
        "symmetrize": rule,
        "combine": combine,
        "weight": weight or "weight",
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "sysmap_version": __version__,
    }
    return G


def undirected_network(
    D: nx.DiGraph, rule: str | None = AUTO, combine: str = DEFAULT_COMBINE
) -> nx.Graph:
    """The undirected network of a graph of reports `D` under a tie rule.

    The same network :func:`build_network` builds from the data the reports
    came from (same rules, same combined items, ``reports`` per tie).

    Parameters
    ----------
    D : networkx.DiGraph
        Reports as ties (e.g. ``build_network(data, symmetrize=None)``); node
        attribute ``status`` for ``"respondent_priority"``.
    rule : {"auto", "union", "mutual", "respondent_priority"}, default="auto"
        ``"auto"``: :func:`~sysmap.build.ties.default_rule` (``"union"``).
    combine : {"max", "min", "mean"}, default="max"

    Returns
    -------
    networkx.Graph
        Every node of `D` with its attributes; ``graph["sysmap"]["symmetrize"]``
        records the rule.
    """
    rule = resolve_rule(rule, D, undirected=True)
    check_combine(combine)
    ties = tie_frame(D)
    ties = ties.loc[ties["source"] != ties["target"]] if len(ties) else ties
    status = pd.Series(dict(D.nodes(data="status", default=None)), dtype=object)
    G = nx.Graph()
    G.add_nodes_from(D.nodes(data=True))
    G.graph.update(D.graph)
    if isinstance(G.graph.get("sysmap"), dict):
        G.graph["sysmap"] = {**G.graph["sysmap"], "symmetrize": rule, "combine": combine}
    if len(ties):
        _add_edges(G, symmetrize_ties(ties, status, rule, combine))
    return G


def received_scales(
    data: NetworkData,
    *,
    relation: str | Sequence[str] | None = None,
    scales: Sequence[str] = ("trust", "value"),
) -> pd.DataFrame:
    """Each actor's mean rating *received* on tie scales (PARTNER's actor scores).

    Parameters
    ----------
    data : NetworkData
        Survey data with per-tie scales (see :func:`~sysmap.read_survey`).
    relation : str or sequence of str, optional
        Only ratings given on these relations.
    scales : sequence of str, default=("trust", "value")
        Tie columns to average; absent ones are skipped.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``actor`` (those rated at least once): ``<scale>_received``
        (mean of the ratings others gave the actor) and ``<scale>_ratings``
        (how many ratings the mean is based on).

    Notes
    -----
    PARTNER CPRM scores trust and value per organization as the mean of the
    ratings it receives from its partners. With several relations, an actor
    rated by the same partner on two relations counts both ratings.
    """
    ties = _select_relations(data.ties, relation)
    present = [s for s in scales if s in ties.columns]
    if not present:
        return pd.DataFrame(index=pd.Index([], name="actor"))
    grouped = ties.groupby("target")[present]
    out = pd.concat(
        [grouped.mean().add_suffix("_received"), grouped.count().add_suffix("_ratings")], axis=1
    )
    out.index.name = "actor"
    return out.sort_index()


# -- steps -----------------------------------------------------------------------
def _select_relations(ties: pd.DataFrame, relation: str | Sequence[str] | None) -> pd.DataFrame:
    if relation is None:
        return ties
    wanted = [relation] if isinstance(relation, str) else list(relation)
    known = set(ties["relation"])
    missing = [r for r in wanted if r not in known]
    if missing:
        raise ParameterError(
            Msg(
                "problems",
                "relation_unknown",
                missing=", ".join(f"'{r}'" for r in missing),
                known=", ".join(f"'{r}'" for r in sorted(map(str, known))),
            )
        )
    return ties.loc[ties["relation"].isin(wanted)]


def _weight_column(ties: pd.DataFrame, weight: str | None) -> str | None:
    if weight is not None:
        if weight not in ties.columns:
            cols = [c for c in ties.columns if c not in ("source", "target", "relation", "row")]
            msg = f"weight column {weight!r} is not a tie item; the ties have {cols}."
            raise ParameterError(msg)
        if not pd.api.types.is_numeric_dtype(ties[weight]):
            raise ParameterError(f"weight column {weight!r} is not numeric.")
        return weight
    for candidate in ("weight", "intensity"):
        if candidate in ties.columns and pd.api.types.is_numeric_dtype(ties[candidate]):
            return candidate
    return None


def _add_nodes(G: nx.Graph, actors: pd.DataFrame, scales: pd.DataFrame | None = None) -> None:
    table = actors
    if scales is not None:  # values read back from a file sysmap wrote are kept, not recomputed
        scales = scales.drop(columns=scales.columns.intersection(actors.columns))
    if scales is not None and len(scales) and len(scales.columns):
        table = actors.join(scales, how="left")
        counts = [c for c in scales.columns if c.endswith("_ratings")]
        table[counts] = table[counts].astype("Int64")
    G.add_nodes_from(zip(table.index, _attribute_dicts(table)))


def _add_edges(G: nx.Graph, ties: pd.DataFrame) -> None:
    attrs = [c for c in ties.columns if c not in _KEY]
    G.add_edges_from(zip(ties["source"], ties["target"], _attribute_dicts(ties[attrs])))


def _attribute_dicts(table: pd.DataFrame) -> list[dict[str, Any]]:
    """One dict per row of `table` without its missing values (:func:`missing_values`),
    as plain Python scalars (numpy types break JSON and GraphML writers)."""
    names = list(table.columns)
    columns = []
    for name in names:
        values = table[name].tolist()  # numbers come out as Python scalars
        kind = pd.api.types.infer_dtype(table[name]) if table[name].dtype == object else ""
        if kind not in ("", "string", "empty"):  # anything: numpy scalars made plain
            values = [v.item() if isinstance(v, np.generic) else v for v in values]
        columns.append(values)
    if names:
        records = [dict(zip(names, row)) for row in zip(*columns)]
    else:
        records = [{} for _ in range(len(table))]
    for name in names:
        for i in np.flatnonzero(missing_values(table[name])).tolist():
            del records[i][name]
    return records
