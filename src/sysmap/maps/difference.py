"""The difference map of two waves: what was kept, formed, dissolved; who joined, left.

:func:`difference_map` draws two waves in one picture: ties kept
(strengthened, weakened), formed and dissolved, actors who joined, left or
stayed, each class in its own colour, line pattern and width (so it reads in
greyscale and with colour blindness), with a legend that can show or hide
each class and tooltips that say what changed. It is an ordinary map of the
union of both waves (:func:`~sysmap.maps.network_map`, with the layout of
:func:`~sysmap.maps.wave_layout`) whose tie styles, legend, tooltips and
summary are then replaced by the changes: a new map model, made with
:func:`dataclasses.replace`.
"""

from __future__ import annotations

import math
import numbers
import os
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import replace
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from .._graph import sorted_nodes
from ..exceptions import GraphTypeError, ParameterError
from ..i18n import check_lang, message
from ..io.model import NetworkData
from ._values import attribute_names, is_number
from .builder import as_graph, network_map
from .fields import HIDDEN_ATTRIBUTES, display_value, field_column, field_label
from .labels import wave_name
from .layout import compute_layout
from .model import NetworkMap
from .wave_layout import has_tie_attribute, wave_graphs, wave_layout

__all__ = ["ACTOR_CHANGES", "TIE_CHANGES", "difference_map"]


#: Classes of actors in a difference map, with their style: fill colour, border
#: colour and width, dashed border, hollow (white fill). Okabe-Ito blue for what
#: is new, vermilion for what is gone, grey for what stayed: distinguishable with
#: the common forms of colour blindness, and by border width and pattern in
#: greyscale.
ACTOR_CHANGES: dict[str, dict[str, Any]] = {
    "stayed": {
        "fill": "#CCCCCC",
        "border": "#777777",
        "borderWidth": 1,
        "dashes": False,
        "hollow": False,
    },
    "joined": {
        "fill": "#0072B2",
        "border": "#000000",
        "borderWidth": 3,
        "dashes": False,
        "hollow": False,
    },
    "left": {
        "fill": "#FFFFFF",
        "border": "#D55E00",
        "borderWidth": 3,
        "dashes": True,
        "hollow": True,
    },
}
#: Classes of ties in a difference map, with their style: colour, width (px) and
#: dash pattern (px; None = solid). Every class has its own width/pattern pair.
TIE_CHANGES: dict[str, dict[str, Any]] = {
    "kept": {"color": "#BBBBBB", "width": 1.5, "dashes": None},
    "strengthened": {"color": "#555555", "width": 3.5, "dashes": [12, 3]},
    "weakened": {"color": "#999999", "width": 1.5, "dashes": [2, 4]},
    "formed": {"color": "#0072B2", "width": 3.0, "dashes": None},
    "dissolved": {"color": "#D55E00", "width": 2.5, "dashes": [8, 5]},
}


def _weight_attribute(before: nx.Graph, after: nx.Graph, weight: object) -> str | None:
    if weight is None:
        return None
    if weight == "auto":
        for attr in ("weight", "intensity"):
            if has_tie_attribute(before, attr) or has_tie_attribute(after, attr):
                return attr
        return None
    if not isinstance(weight, str):
        raise ParameterError(
            f"weight must be 'auto', a tie attribute name or None; got {weight!r}."
        )
    return weight


def _arcs(G: nx.Graph, index: dict, weight: str | None) -> dict[tuple[int, int], tuple]:
    """Ties of `G` keyed by actor positions (undirected: smaller position first)."""
    directed = G.is_directed()
    out = {}
    for u, v, d in G.edges(data=True):
        if u == v:
            continue
        a, b = index[u], index[v]
        if not directed and a > b:
            a, b = b, a
        value = d.get(weight) if weight is not None else None
        x = float(value) if is_number(value) and math.isfinite(float(value)) else math.nan
        out[(a, b)] = (d, x)
    return out


def difference_map(
    before: nx.Graph | NetworkData,
    after: nx.Graph | NetworkData,
    *,
    labels: Sequence[object] = ("1", "2"),
    layout: pd.DataFrame | str | os.PathLike[str] | None = None,
    seed: None | int | np.random.Generator = 0,
    lang: str = "en",
    color: str | pd.Series | Mapping | None = None,
    size: str | pd.Series | Mapping | None = None,
    label: str | None = "name",
    title: str | None = None,
    palette: Mapping[Hashable, str] | None = None,
    weight: str | None = "auto",
    tolerance: float = 0.0,
    height: str = "720px",
) -> NetworkMap:
    """The difference map of two waves: what was kept, formed, dissolved; who joined, left.

    Every actor of either wave and every tie of either wave is drawn in one
    picture, in the style of its change:

    ======================  ===========================================================
    class                   style
    ======================  ===========================================================
    tie kept                light grey, thin, solid
    tie kept, stronger      dark grey, thick, long dashes (valued ties only)
    tie kept, weaker        grey, thin, dotted (valued ties only)
    tie formed              blue, thick, solid
    tie dissolved           vermilion, medium, dashed
    actor stayed            grey, thin border
    actor joined            blue, thick black border
    actor left              hollow, thick dashed vermilion border
    ======================  ===========================================================

    The page's legend counts each class and shows or hides it with a
    checkbox; tooltips name the change and give both waves' values.

    Parameters
    ----------
    before, after : networkx.Graph, networkx.DiGraph or NetworkData
        The earlier and the later wave, both directed or both undirected,
        actors matched by id. Not modified.
    labels : pair of labels, default=("1", "2")
        The waves' labels, shown as "Wave <label>".
    layout : pandas.DataFrame or path, optional
        Positions to use, e.g. :attr:`~sysmap.maps.WaveMaps.layout`, so that the
        difference map matches the side-by-side maps (actors missing from it
        are placed next to their partners). Default: :func:`~sysmap.maps.wave_layout` of
        the two waves.
    seed : None, int, numpy.random.Generator or numpy.random.RandomState, default=0
        Random source of the layout.
    lang : {"en", "de"}, default="en"
        Language of the page.
    color : str, pandas.Series, dict or None, default=None
        None colours actors by their change (the table above). Otherwise
        what colours them, as for :func:`~sysmap.maps.network_map` (e.g.
        ``"sector"``; the later wave's attribute, else the earlier one's);
        joined and left actors keep their border styles.
    size : str, pandas.Series, dict or None, default=None
        What sizes the actors (a node attribute or values by actor; metrics
        would mix both waves); None: one size.
    label : str or None, default="name"
        Node attribute drawn as the label.
    title : str, optional
        Page title (default: "Changes from wave 1 to wave 2").
    palette : dict, optional
        Fixed category colours when `color` is given (e.g.
        :attr:`~sysmap.maps.WaveMaps.palette`).
    weight : str or None, default="auto"
        Tie value compared for kept ties: ``"auto"`` uses ``weight``, else
        ``intensity`` when ties have them; None compares presence only (no
        strengthened / weakened classes).
    tolerance : float, default=0
        A kept tie counts as stronger or weaker only when its value moved by
        more than this.
    height : str, default="720px"
        Height of the inline notebook frame.

    Returns
    -------
    NetworkMap
        ``.nodes["change"]`` (``stayed``, ``joined``, ``left``),
        ``.ties["change"]`` (``kept``, ``strengthened``, ``weakened``,
        ``formed``, ``dissolved``) with ``weight_before``, ``weight_after``,
        and ``.classes`` (the legend's classes and counts);
        ``.save("diff.html")``, ``.save("diff.png")``.

    Raises
    ------
    GraphTypeError
        If a wave is not a simple networkx graph, or one is directed and the
        other not.
    ParameterError
        For invalid options.

    Notes
    -----
    Pairs are compared as :func:`sysmap.compare.tie_churn` compares them: in
    undirected networks a tie is an unordered pair; in directed networks each
    arc is compared on its own, so ``a -> b`` can be kept while ``b -> a`` is
    formed (drawn as two curved arcs). Self-loops are ignored. A kept tie with
    a missing value in either wave counts as kept. Ties of actors who joined
    are formed, ties of actors who left are dissolved. Tooltips show an
    actor's survey status and number of ties in both waves, and a tie's value
    in both waves.

    Examples
    --------
    >>> import networkx as nx
    >>> w1 = nx.Graph([("a", "b", {"weight": 2}), ("b", "c", {"weight": 3})])
    >>> w2 = nx.Graph([("a", "b", {"weight": 4}), ("c", "d", {"weight": 1})])
    >>> m = difference_map(w1, w2)
    >>> m.ties[["source", "target", "change"]].values.tolist()
    [['a', 'b', 'strengthened'], ['b', 'c', 'dissolved'], ['c', 'd', 'formed']]
    >>> m.nodes["change"].to_dict()
    {'a': 'stayed', 'b': 'stayed', 'c': 'stayed', 'd': 'joined'}
    """
    lang = check_lang(lang)
    before, after = as_graph(before, "before"), as_graph(after, "after")
    if before.is_directed() != after.is_directed():
        msg = (
            "before and after must both be directed or both undirected; build both waves "
            "with the same symmetrize= rule."
        )
        raise GraphTypeError(msg)
    _, names = wave_graphs([before, after], labels)
    if isinstance(tolerance, bool) or not isinstance(tolerance, numbers.Real) or tolerance < 0:
        raise ParameterError(f"tolerance must be a number >= 0; got {tolerance!r}.")
    weight = _weight_attribute(before, after, weight)
    wave_a, wave_b = wave_name(names[0], lang), wave_name(names[1], lang)

    # actors and ties of both waves, classified ------------------------------------
    nodes = sorted_nodes(set(before) | set(after))
    index = {v: i for i, v in enumerate(nodes)}
    actor_change = [
        "stayed" if (v in before and v in after) else ("joined" if v in after else "left")
        for v in nodes
    ]
    arcs_a, arcs_b = _arcs(before, index, weight), _arcs(after, index, weight)
    H = nx.DiGraph() if after.is_directed() else nx.Graph()
    for v in nodes:
        H.add_node(v)
        H.nodes[v].update(after.nodes[v] if v in after else before.nodes[v])
    tie_change: dict[tuple[int, int], tuple[str, float, float]] = {}
    for key in sorted(set(arcs_a) | set(arcs_b)):
        if key in arcs_a and key in arcs_b:
            x, y = arcs_a[key][1], arcs_b[key][1]
            change = "kept"
            if weight is not None and math.isfinite(x) and math.isfinite(y):
                if y - x > tolerance:
                    change = "strengthened"
                elif x - y > tolerance:
                    change = "weakened"
            data = arcs_b[key][0]
        elif key in arcs_b:
            change, x, y, data = "formed", math.nan, arcs_b[key][1], arcs_b[key][0]
        else:
            change, x, y, data = "dissolved", arcs_a[key][1], math.nan, arcs_a[key][0]
        tie_change[key] = (change, x, y)
        H.add_edge(nodes[key[0]], nodes[key[1]])
        H.edges[nodes[key[0]], nodes[key[1]]].update(data)

    # positions ---------------------------------------------------------------------
    if layout is None:
        positions = wave_layout([before, after], seed=seed)
    else:
        positions = compute_layout(H, seed=seed, fixed=layout)

    # colours: by change (default) or by an attribute --------------------------------
    names_of = {
        key: message("map", f"change_{key}", lang) for key in (*ACTOR_CHANGES, *TIE_CHANGES)
    }
    if color is None:
        colour_values = pd.Series(
            [names_of[c] for c in actor_change],
            index=pd.Index(nodes, name="actor", dtype=object, tupleize_cols=False),
            dtype=object,
        )
        colours = {names_of[k]: style["fill"] for k, style in ACTOR_CHANGES.items()}
    else:
        colour_values, colours = color, palette
    hidden = {"status", label, *HIDDEN_ATTRIBUTES, "trust_received", "value_received"}
    tooltip = [a for a in attribute_names(H) if a not in hidden]
    if isinstance(size, str) and size not in tooltip and size in attribute_names(H):
        tooltip.append(size)
    m = network_map(
        H,
        color=colour_values,
        size=size,
        label=label,
        title=message("map", "diff_title", lang, before=wave_a, after=wave_b)
        if title is None
        else str(title),
        layout=positions,
        seed=seed,
        palette=colours,
        tooltip=tooltip,
        edge_width=None,
        strength=None,
        brokers=False,
        key_players=False,
        bridges=False,
        local_bridges=False,
        isolates=False,
        non_respondents=False,
        aggregate=False,
        renderer="vis",  # the change classes are drawn by the vis-network page only
        lang=lang,
        height=height,
    )
    legend, filters = m.legend, m.filters
    if color is None:  # the change legend below replaces the colour legend
        legend = {key: value for key, value in legend.items() if key != "color"}
        filters = [g for g in filters if not g.get("colors")]

    # ties: class, style, both waves' values -------------------------------------------
    keys = [(int(a), int(b)) for a, b in zip(*m.tie_ends, strict=True)]
    changes = [tie_change[k][0] for k in keys]
    ties = m.ties.assign(
        change=pd.Series(changes, dtype=object),
        width=[TIE_CHANGES[c]["width"] for c in changes],
        dashed=[TIE_CHANGES[c]["dashes"] is not None for c in changes],
        color=pd.Series([TIE_CHANGES[c]["color"] for c in changes], dtype=object),
        weight_before=[tie_change[k][1] for k in keys],
        weight_after=[tie_change[k][2] for k in keys],
    )
    tie_fields = []
    if any("relation" in H.edges[nodes[a], nodes[b]] for a, b in keys):
        tie_fields.append(
            field_column(
                field_label("relation", lang),
                [H.edges[nodes[a], nodes[b]].get("relation") for a, b in keys],
            )
        )
    if weight is not None:
        for column, wave in (("weight_before", wave_a), ("weight_after", wave_b)):
            tie_fields.append(field_column(_in_wave(weight, wave, lang), ties[column].tolist()))

    # classes and summary ------------------------------------------------------------
    actor_counts = pd.Series(actor_change).value_counts()
    tie_counts = pd.Series(changes, dtype=object).value_counts()
    kept = sum(int(tie_counts.get(k, 0)) for k in ("kept", "strengthened", "weakened"))
    summary = message(
        "map",
        "diff_summary",
        lang,
        stayed=int(actor_counts.get("stayed", 0)),
        joined=int(actor_counts.get("joined", 0)),
        left=int(actor_counts.get("left", 0)),
        kept=kept,
        formed=int(tie_counts.get("formed", 0)),
        dissolved=int(tie_counts.get("dissolved", 0)),
    )
    return replace(
        m,
        nodes=m.nodes.assign(change=pd.Series(actor_change, index=m.nodes.index, dtype=object)),
        ties=ties,
        layout=positions,
        legend=legend,
        filters=filters,
        node_fields=_actor_fields(m.node_fields, nodes, before, after, (wave_a, wave_b), lang),
        tie_fields=tie_fields,
        classes=_classes(
            actor_counts,
            tie_counts,
            names_of,
            (wave_a, wave_b),
            valued=weight is not None,
            filled=color is None,
            lang=lang,
        ),
        summary=summary,
    )


def _in_wave(field: str, wave: str, lang: str) -> str:
    """The label of `field` in `wave` ("Degree in wave 1")."""
    return message("map", "field_in_wave", lang, field=field_label(field, lang), wave=wave)


def _actor_fields(
    fields: list[dict],
    nodes: list[Hashable],
    before: nx.Graph,
    after: nx.Graph,
    waves: tuple[str, str],
    lang: str,
) -> list[dict]:
    """The map's tooltip fields of actors, with the id and each wave's status and degree."""
    out = [fields[0]]
    if any(str(v) != name for v, name in zip(nodes, fields[0]["values"], strict=True)):
        out.append(field_column(field_label("actor", lang), [str(v) for v in nodes]))
    out.extend(fields[1:])
    for G, wave in zip((before, after), waves, strict=True):
        if any("status" in d for _, d in G.nodes(data=True)):
            status = [
                display_value("status", G.nodes[v].get("status"), lang) if v in G else None
                for v in nodes
            ]
            out.append(field_column(_in_wave("status", wave, lang), status))
        degree = [G.degree(v) if v in G else None for v in nodes]
        out.append(field_column(_in_wave("degree", wave, lang), degree))
    return out


def _classes(
    actor_counts: pd.Series,
    tie_counts: pd.Series,
    names_of: dict[str, str],
    waves: tuple[str, str],
    *,
    valued: bool,
    filled: bool,
    lang: str,
) -> dict:
    """The change classes of the legend (:attr:`NetworkMap.classes`): per kind the
    column, the title and the items with their counts and styles. Without
    values (`valued` False) ties are not strengthened or weakened; without
    `filled`, actors keep the colours of the attribute and only the borders."""
    before, after = waves
    actor_items = [
        {
            "key": k,
            "label": names_of[k],
            "count": int(actor_counts.get(k, 0)),
            "shown": True,
            **style,
            **({} if filled else {"fill": None}),
        }
        for k, style in ACTOR_CHANGES.items()
    ]
    tie_items = [
        {
            "key": k,
            "label": names_of[k],
            "count": int(tie_counts.get(k, 0)),
            "shown": True,
            **style,
        }
        for k, style in TIE_CHANGES.items()
        if valued or k not in ("strengthened", "weakened")
    ]
    return {
        "nodes": {
            "column": "change",
            "title": message("map", "diff_actors_heading", lang, before=before, after=after),
            "items": actor_items,
        },
        "edges": {
            "column": "change",
            "title": message("map", "diff_ties_heading", lang, before=before, after=after),
            "items": tie_items,
        },
    }
