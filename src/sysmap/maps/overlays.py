"""Coordination-gap overlays of a map: brokers, key players, bridges, isolates, non-respondents.

Each overlay marks actors or ties that a backbone organization should look at:

* **brokers**: the actors with the highest betweenness (they sit on many
  shortest paths between others; if they are overloaded, information stalls);
* **key players**: the set of actors whose joint loss would fragment the
  network most (Borgatti's KPP-Neg, :func:`sysmap.metrics.key_players`);
* **bridges**: ties whose loss splits a component (as :func:`sysmap.metrics.bridges`);
* **local bridges**: ties whose two ends share no partner, so the tie is the
  only short link between two neighbourhoods (Granovetter; bridges are local
  bridges too, and are marked as bridges only);
* **isolates**: actors without any tie;
* **non-respondents**: actors whose ``status`` says they did not answer the
  survey (``did_not_respond``) or are not on the member list
  (``not_on_roster``): their ties come only from others' reports, so missing
  data stays visible instead of hidden.

Brokers read betweenness, bridges and local bridges the ``bridge`` and
``local_bridge`` columns of :func:`sysmap.metrics.tie_measures`, all from the
network's measure store (:class:`~sysmap.metrics.store.MeasureStore`), so a
map marks what its report's tables say.

Every overlay accepts ``True`` (compute it), ``False`` (leave it out) or the
actors / ties to mark; brokers and key players also accept an int (how many).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from .._graph import check_graph, sorted_nodes
from ..exceptions import ParameterError
from ..io.model import DID_NOT_RESPOND, NOT_ON_ROSTER, RESPONDED
from ._values import MetricCache

__all__ = [
    "ACTOR_OVERLAYS",
    "BITS",
    "NON_RESPONSE",
    "OVERLAYS",
    "TIE_OVERLAYS",
    "Overlay",
    "map_overlays",
]

#: Overlays that mark actors, in drawing priority (a key player drawn as a
#: key player even if it is also a broker).
ACTOR_OVERLAYS = ("key_players", "brokers", "isolates", "non_respondents")
#: Overlays that mark ties.
TIE_OVERLAYS = ("bridges", "local_bridges")
OVERLAYS = ACTOR_OVERLAYS + TIE_OVERLAYS
#: Bit of each overlay in the masks of nodes and ties (also read by the page's script).
BITS = {key: 1 << i for i, key in enumerate(OVERLAYS)}
#: ``status`` values counted as non-respondents (``not_surveyed`` marks data
#: that did not come from a survey, so nothing is missing there).
NON_RESPONSE = (DID_NOT_RESPOND, NOT_ON_ROSTER)
#: Statuses that only a survey gives: without them the map has no non-respondents overlay.
SURVEYED = (RESPONDED, *NON_RESPONSE)
#: Key players sought when ``key_players=True``.
DEFAULT_KEY_PLAYERS = 3


@dataclass(frozen=True)
class Overlay:
    """One overlay of a map.

    Attributes
    ----------
    key : str
        One of :data:`OVERLAYS`.
    members : tuple
        Marked actors (sorted), or marked ties as ``(source, target)`` pairs
        with ``source`` first in canonical actor order (sorted).
    computed : bool
        True when sysmap computed the members, False when they were given.
    k : int or None
        Brokers and key players: how many were asked for.
    """

    key: str
    members: tuple
    computed: bool
    k: int | None = None

    @property
    def on_ties(self) -> bool:
        """Whether the overlay marks ties (else actors)."""
        return self.key in TIE_OVERLAYS


def default_brokers(n: int) -> int:
    """Brokers marked with ``brokers=True``: the top 5 % (at least 3, at most 20)."""
    return min(20, max(3, math.ceil(0.05 * n)))


def _lookup(G: nx.Graph) -> tuple[dict, dict]:
    nodes = list(G.nodes)
    return {v: v for v in nodes}, {str(v): v for v in nodes}


def _actor(value: object, exact: dict, by_str: dict) -> Hashable | None:
    try:
        if value in exact:
            return exact[value]
    except TypeError:
        return None
    return by_str.get(str(value))


def _given_actors(G: nx.Graph, values: object, key: str) -> tuple:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        msg = f"{key} must be True, False or a list of actors; got {values!r}."
        raise ParameterError(msg)
    exact, by_str = _lookup(G)
    found, unknown = [], []
    for v in values:
        actor = _actor(v, exact, by_str)
        (unknown if actor is None else found).append(v if actor is None else actor)
    if unknown:
        msg = f"{key}: {len(unknown)} actor(s) are not in the network, e.g. {unknown[:5]!r}."
        raise ParameterError(msg)
    return tuple(sorted_nodes(set(found)))


def _pair(u: Hashable, v: Hashable, order: dict) -> tuple:
    return (u, v) if order[u] <= order[v] else (v, u)


def _given_ties(G: nx.Graph, values: object, key: str, order: dict) -> tuple:
    if isinstance(values, pd.DataFrame):
        if not {"source", "target"} <= set(values.columns):
            msg = f"{key}: a table of ties needs columns 'source' and 'target'."
            raise ParameterError(msg)
        values = zip(values["source"], values["target"], strict=True)
    elif isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        msg = f"{key} must be True, False or a list of (source, target) ties; got {values!r}."
        raise ParameterError(msg)
    exact, by_str = _lookup(G)
    found, unknown = set(), []
    for item in values:
        try:
            u, v = item
        except (TypeError, ValueError):
            raise ParameterError(f"{key}: ties are (source, target) pairs; got {item!r}.") from None
        a, b = _actor(u, exact, by_str), _actor(v, exact, by_str)
        if a is None or b is None or not (G.has_edge(a, b) or G.has_edge(b, a)):
            unknown.append((u, v))
            continue
        found.add(_pair(a, b, order))
    if unknown:
        msg = f"{key}: {len(unknown)} tie(s) are not in the network, e.g. {unknown[:5]!r}."
        raise ParameterError(msg)
    return tuple(sorted(found, key=lambda p: (order[p[0]], order[p[1]])))


def _count(value: object, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ParameterError(f"{key} must be True, False, a positive int or a list of actors.")
    return int(value)


def _brokers(cache: MetricCache, k: int) -> tuple:
    values = cache.get("betweenness").to_numpy(dtype=float)
    nodes = cache.nodes
    order = np.lexsort((np.arange(len(nodes)), -np.nan_to_num(values, nan=-1.0)))
    chosen = [nodes[i] for i in order[:k] if values[i] > 0]
    return tuple(sorted_nodes(chosen))


def _key_players(G: nx.Graph, k: int, seed: object) -> tuple:
    from ..metrics import key_players

    if G.number_of_nodes() < k + 2:
        return ()
    reading = "weak" if G.is_directed() else None
    return tuple(key_players(G, k, reading=reading, seed=seed).actors)


def _marked_ties(cache: MetricCache, key: str, order: dict) -> tuple:
    """The bridges or local bridges of the map's network, from its tie measures.

    Read from :func:`sysmap.metrics.tie_measures` through the network's
    measure store (computed once, shared with the tie table of a report):
    ``bridge`` for bridges, ``local_bridge`` without the bridges for local
    bridges (direction and self-loops ignored). Pairs in canonical actor order.
    """
    ties = cache.store.table("tie_measures")
    marked = ties["bridge"].to_numpy(dtype=bool)
    if key == "local_bridges":
        marked = ties["local_bridge"].to_numpy(dtype=bool) & ~marked
    nodes = cache.nodes
    pairs = {
        (min(order[u], order[v]), max(order[u], order[v]))
        for u, v in zip(ties["source"][marked], ties["target"][marked], strict=True)
    }
    return tuple((nodes[i], nodes[j]) for i, j in sorted(pairs))


def map_overlays(
    G: nx.Graph,
    *,
    brokers: bool | int | Iterable[Hashable] = True,
    key_players: bool | int | Iterable[Hashable] = True,
    bridges: bool | Iterable[tuple] | pd.DataFrame = True,
    local_bridges: bool | Iterable[tuple] | pd.DataFrame = True,
    isolates: bool | Iterable[Hashable] = True,
    non_respondents: bool | Iterable[Hashable] = True,
    seed: None | int | np.random.Generator = 0,
    sample: int | None | str = "auto",
    cache: MetricCache | None = None,
) -> dict[str, Overlay]:
    """Compute (or check) the coordination-gap overlays of a map.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The network. Not modified.
    brokers : bool, int or iterable of actors, default=True
        ``True``: the actors with the highest betweenness, the top 5 % (at
        least 3, at most 20; only actors with betweenness > 0); an int: that
        many; or the actors to mark.
    key_players : bool, int or iterable of actors, default=True
        ``True``: the 3 key players (KPP-Neg, fragmentation objective;
        directed networks are read without direction); an int: that many.
    bridges, local_bridges : bool, iterable of (source, target) or DataFrame, default=True
        ``True``: computed (local bridges that are also bridges are listed as
        bridges only); or the ties to mark (a table with ``source`` and
        ``target`` columns works, e.g. :func:`sysmap.metrics.bridges`).
    isolates : bool or iterable of actors, default=True
        ``True``: actors without a tie to another actor.
    non_respondents : bool or iterable of actors, default=True
        ``True``: actors whose ``status`` is ``did_not_respond`` or
        ``not_on_roster``; no overlay (and no legend entry) when no actor has
        a survey status (``responded``, ``did_not_respond``, ``not_on_roster``):
        a network from partnership records or a file has no non-respondents.
    seed : None, int, numpy.random.Generator or numpy.random.RandomState, default=0
        Random source of the key-player search and of sampled betweenness.
    sample : "auto", int or None, default="auto"
        Betweenness from this many sampled sources; ``"auto"`` samples 256
        above 2,000 actors and is exact below.
    cache : MetricCache, optional
        Metrics already computed for `G` (internal, used by :func:`network_map`).

    Returns
    -------
    dict
        Overlay key -> :class:`Overlay`, in :data:`OVERLAYS` order, for every
        overlay that is not ``False``.

    Raises
    ------
    ParameterError
        For an invalid setting, or given actors or ties that are not in `G`.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    >>> G.add_node("e")
    >>> found = map_overlays(G, key_players=1)
    >>> found["brokers"].members, found["bridges"].members, found["isolates"].members
    (('c',), (('c', 'd'),), ('e',))
    """
    G = check_graph(G)
    nodes = sorted_nodes(G)
    order = {v: i for i, v in enumerate(nodes)}
    if cache is None:
        cache = MetricCache(G, nodes, seed=seed, sample=sample)
    settings = {
        "key_players": key_players,
        "brokers": brokers,
        "isolates": isolates,
        "non_respondents": non_respondents,
        "bridges": bridges,
        "local_bridges": local_bridges,
    }
    out: dict[str, Overlay] = {}
    for key in OVERLAYS:
        value = settings[key]
        if value is False or value is None:
            continue
        if key in TIE_OVERLAYS:
            if value is True:
                out[key] = Overlay(key, _marked_ties(cache, key, order), True)
            else:
                out[key] = Overlay(key, _given_ties(G, value, key, order), False)
            continue
        if value is True or (
            key in ("brokers", "key_players") and isinstance(value, numbers.Integral)
        ):
            if key == "brokers":
                k = default_brokers(len(nodes)) if value is True else _count(value, key)
                out[key] = Overlay(key, _brokers(cache, k), True, k)
            elif key == "key_players":
                k = DEFAULT_KEY_PLAYERS if value is True else _count(value, key)
                out[key] = Overlay(key, _key_players(G, k, seed), True, k)
            elif key == "isolates":
                members = [v for v in nodes if not any(u != v for u in G.adj[v])]
                if G.is_directed():
                    members = [v for v in members if not any(u != v for u in G.pred[v])]
                out[key] = Overlay(key, tuple(members), True)
            else:
                statuses = [G.nodes[v].get("status") for v in nodes]
                if not any(s in SURVEYED for s in statuses):
                    continue  # no survey behind the network: nobody could not respond
                members = [v for v, s in zip(nodes, statuses, strict=True) if s in NON_RESPONSE]
                out[key] = Overlay(key, tuple(members), True)
            continue
        out[key] = Overlay(key, _given_actors(G, value, key), False)
    return out
