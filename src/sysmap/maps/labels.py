"""The names a map writes next to its actors.

Each actor has a *name* (its ``label`` attribute, ``name`` by default, else
its id), shown whole in tooltips and the details panel, and a drawn *label*:
the name cut to :data:`~sysmap._text.MAX_LABEL` characters. Which labels are
drawn is decided here too: every picture places labels in one order
(:func:`label_order`: the backbone organization first, then the marked key
players and brokers, then the largest circles) and leaves out a label that
would overlap one already placed (:func:`non_overlapping` in the static
figure; on the pages ``common.js`` does the same at every zoom, so zooming
in shows more names).
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx
import numpy as np
import pandas as pd

from .._text import MAX_LABEL, shorten
from ..exceptions import ParameterError
from ..i18n import message
from .palette import is_missing

__all__ = [
    "actor_names",
    "drawn_labels",
    "label_order",
    "non_overlapping",
    "wave_name",
]


def actor_names(G: nx.Graph, nodes: list[Hashable], label: str | None) -> list[str]:
    """Each actor's name: the node attribute `label` as text, else the actor id.

    Raises
    ------
    ParameterError
        If `label` is neither a node attribute name nor None.

    Examples
    --------
    >>> G = nx.Graph([(1, 2)])
    >>> G.nodes[1]["name"] = "Stadt"
    >>> actor_names(G, [1, 2], "name")
    ['Stadt', '2']
    """
    if label is not None and not isinstance(label, str):
        raise ParameterError(f"label must be a node attribute name or None; got {label!r}.")
    attrs = G.nodes
    names = []
    for v in nodes:
        value = attrs[v].get(label) if label is not None else None
        names.append(("" if is_missing(value) else str(value)) or str(v))
    return names


def drawn_labels(names: list[str]) -> list[str]:
    """The labels drawn on the map: names cut to :data:`~sysmap._text.MAX_LABEL`
    characters (tooltips show the whole name)."""
    return [shorten(name, MAX_LABEL) for name in names]


def label_order(nodes: pd.DataFrame) -> np.ndarray:
    """Positions of the actors in `nodes` (a map's node table) in the order their labels
    are placed: the backbone organization first, then the actors an overlay marks as
    key players or brokers, then the largest circles (ties: table order).

    Every picture writes labels in this order and leaves out a label that would
    overlap one already written, so the labels that matter most are the ones shown.

    Examples
    --------
    >>> nodes = pd.DataFrame({"radius": [8.0, 20.0, 12.0], "backbone": [False, False, True]})
    >>> label_order(nodes).tolist()
    [2, 1, 0]
    """
    n = len(nodes)

    def flag(column: str) -> np.ndarray:
        return nodes[column].to_numpy(dtype=bool) if column in nodes else np.zeros(n, bool)

    marked = flag("key_players") | flag("brokers")
    radius = nodes["radius"].to_numpy(dtype=float)
    return np.lexsort((np.arange(n), -radius, ~marked, ~flag("backbone")))


def non_overlapping(boxes: np.ndarray, order: np.ndarray) -> np.ndarray:
    """Which of the label `boxes` to draw so that no two overlap (bool per box).

    `boxes` holds one row ``(left, bottom, right, top)`` per label; they are
    taken in `order` (positions into `boxes`, e.g. from :func:`label_order`),
    and a box that overlaps one already taken is left out.

    Examples
    --------
    >>> boxes = np.array([[0, 0, 4, 1], [3, 0, 7, 1], [5, 0, 9, 1]], dtype=float)
    >>> non_overlapping(boxes, np.array([1, 0, 2])).tolist()
    [False, True, False]
    >>> non_overlapping(boxes, np.array([0, 1, 2])).tolist()
    [True, False, True]
    """
    keep = np.zeros(len(boxes), dtype=bool)
    taken = np.empty((0, 4))
    for i in order:
        left, bottom, right, top = boxes[i]
        hit = (
            (taken[:, 0] < right)
            & (left < taken[:, 2])
            & (taken[:, 1] < top)
            & (bottom < taken[:, 3])
        )
        if not hit.any():
            keep[i] = True
            taken = np.vstack([taken, boxes[i]])
    return keep


def wave_name(label: str, lang: str) -> str:
    """How a wave is called on the page and in figures: "Wave 2024" / "Welle 2024"."""
    return message("map", "wave_label", lang, label=label)
