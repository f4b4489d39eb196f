"""The map builder: :func:`network_map` turns a network into a :class:`~sysmap.maps.NetworkMap`.

Building a map is a sequence of steps, each with its own function here, and
each reading its rules from the module that owns them:

1. **positions** (:func:`~sysmap.maps.layout.compute_layout`, seeded);
2. **names** (:mod:`sysmap.maps.labels`);
3. **colours** and **sizes** (:mod:`sysmap.maps.style`; values from node
   attributes or the registered measures, :mod:`sysmap.maps._values`);
4. **filters** and **tooltip fields** (:mod:`sysmap.maps.fields`);
5. **overlays** (:mod:`sysmap.maps.overlays`) as bool columns;
6. **ties**: widths, weak or strong, curved reciprocated arcs;
7. the **legend** and the one-line **summary**.

Networks above ``max_actors`` actors (or with ``aggregate=True``) are first
collapsed into their clusters (:mod:`sysmap.maps.aggregate`) and those are
drawn. The result is a frozen model; nothing is drawn here.
"""

from __future__ import annotations

import numbers
import os
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from .._graph import check_graph, sorted_nodes
from ..cluster.profiles import cluster_profiles
from ..exceptions import ParameterError
from ..findings.groups import backbone_actors
from ..i18n import check_lang, format_number, message
from ..io.model import NetworkData
from ..metrics.store import MeasureStore
from ._values import MetricCache, attribute_names, jsonable, numeric, resolve_values
from .aggregate import aggregate_network
from .fields import TIE_FIELDS, field_column, field_label, filter_group, node_fields, overlay_label
from .labels import actor_names
from .layout import compute_layout
from .model import NetworkMap
from .overlays import ACTOR_OVERLAYS, BITS, OVERLAYS, TIE_OVERLAYS, Overlay, map_overlays
from .style import (
    COLOR_SCALES,
    DEFAULT_COLOR,
    RADIUS_PLAIN,
    WIDTH_PLAIN,
    coloring,
    pixel_scale,
    radii,
    widths,
)
from .webgl import RENDERERS, choose_renderer

__all__ = ["MAX_ACTORS", "as_graph", "network_map"]

#: Above this many actors a map shows clusters as nodes unless ``aggregate=False``
#: (up to it every actor is drawn: with WebGL above 3,000 actors; see docs/maps.md).
MAX_ACTORS = 50_000


def as_graph(G: object, name: str = "G") -> nx.Graph:
    """The graph a map draws: `G` checked, NetworkData built with
    :func:`~sysmap.build_network`'s defaults."""
    if isinstance(G, NetworkData):
        from ..build.network import build_network

        G = build_network(G)
    return check_graph(G, name=name)


def _check_choice(value: object, name: str, choices: Sequence[object]) -> None:
    if value not in choices:
        raise ParameterError(f"{name} must be one of {list(choices)}; got {value!r}.")


def _overlay_spec(value: object) -> object:
    """numpy booleans count as booleans."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    return value


def network_map(
    G: nx.Graph | NetworkData,
    *,
    color: str | pd.Series | pd.DataFrame | Mapping | None = None,
    size: str | pd.Series | pd.DataFrame | Mapping | None = "degree",
    label: str | None = "name",
    title: str | None = None,
    layout: pd.DataFrame | Mapping | str | os.PathLike[str] | None = None,
    seed: None | int | np.random.Generator = 0,
    palette: Mapping[Hashable, str] | None = None,
    color_scale: str = "auto",
    filters: str | Sequence[str] | None = None,
    tooltip: Sequence[str] | None = None,
    edge_width: str | None = "auto",
    strength: str | None = "intensity",
    threshold: float = 3,
    brokers: bool | int | Iterable[Hashable] = True,
    key_players: bool | int | Iterable[Hashable] = True,
    bridges: bool | Iterable[tuple] | pd.DataFrame = True,
    local_bridges: bool | Iterable[tuple] | pd.DataFrame = True,
    isolates: bool | Iterable[Hashable] = True,
    non_respondents: bool | Iterable[Hashable] = True,
    sample: int | None | str = "auto",
    aggregate: bool | None = None,
    group: str | pd.Series | Mapping | None = None,
    max_actors: int = MAX_ACTORS,
    renderer: str = "auto",
    lang: str = "en",
    height: str = "720px",
    store: MeasureStore | None = None,
) -> NetworkMap:
    """Make an interactive map of a stakeholder network.

    One call gives a map that colours actors by an attribute or cluster,
    sizes them by a metric, draws ties by strength (weak ties dashed, arrows
    for directed ties), marks coordination gaps (brokers, key players,
    bridges, isolates, non-respondents) and has a legend, tooltips, search,
    filters and neighbourhood highlighting. Positions are computed in Python
    (:func:`~sysmap.maps.layout.compute_layout`), deterministic for `seed`.

    Parameters
    ----------
    G : networkx.Graph, networkx.DiGraph or NetworkData
        The network (NetworkData is built with
        :func:`~sysmap.build_network`'s defaults). Not modified.
    color : str, pandas.Series, one-column DataFrame, dict or None, default=None
        What colours the actors: a node attribute (``"sector"``), a metric
        name (``"community"`` computes consensus communities), or values
        indexed by actor (``result.actors["community"]``). Text and numbers
        with at most 12 distinct values get categorical colours (stable:
        assigned in sorted order); other numbers the viridis scale. None: one
        colour.
    size : str, pandas.Series, one-column DataFrame, dict or None, default="degree"
        What sizes the actors (area proportional to the value): a numeric node
        attribute, a metric computed on the fly (``"degree"``,
        ``"in_degree"``, ``"out_degree"``, ``"betweenness"``, ``"closeness"``,
        ``"harmonic"``, ``"constraint"``, ``"effective_size"``,
        ``"efficiency"``, ``"hierarchy"``, ``"fragmentation_impact"``,
        ``"pairs_disconnected"``, ``"distance_fragmentation_impact"``,
        ``"community_stability"``) or values indexed by actor. None: one size.
    label : str or None, default="name"
        Node attribute drawn as the label (falls back to the actor id).
    title : str, optional
        Page and legend title (default: "Network map" in `lang`).
    layout : pandas.DataFrame, dict or path, optional
        Positions to reuse (from an earlier map's :attr:`NetworkMap.layout`,
        :func:`~sysmap.maps.layout.compute_layout`, a networkx ``pos``
        dictionary, a saved layout file, or a GEXF file laid out in Gephi;
        see :func:`~sysmap.maps.layout.as_layout`): those actors keep their
        place, new actors are placed next to their partners. Default:
        computed with `seed`. To open the map in Gephi, write it with
        ``sysmap.write_gexf(G, "map.gexf", layout=m)``.
    seed : None, int, numpy.random.Generator or numpy.random.RandomState, default=0
        Random source of the layout, key players, sampled betweenness and
        communities. The same seed gives the same map.
    palette : dict, optional
        Fixed colours ``{category: "#RRGGBB"}`` (e.g. an earlier map's
        :attr:`NetworkMap.palette`); other categories take the next free
        colours.
    color_scale : {"auto", "categorical", "continuous"}, default="auto"
        Force categorical or continuous colouring of numbers.
    filters : str or list of str, optional
        Further node attributes to filter by (checkboxes per value). The
        colour categories can always be filtered.
    tooltip : list of str, optional
        Attributes and metrics shown when hovering an actor (default: the
        name, id, every attribute, degree and the metrics the map computed).
    edge_width : str or None, default="auto"
        Edge attribute for tie width: ``"auto"`` uses ``weight`` if ties have
        it, else ``intensity``; None draws all ties alike.
    strength : str or None, default="intensity"
        Edge attribute classifying ties as weak (dashed) or strong, by the
        rule of :func:`sysmap.metrics.tie_strength` (strong when at least
        `threshold`; missing values: unknown, drawn solid); ignored when no
        tie has it.
    threshold : float, default=3
        Smallest `strength` counted as strong (3 = coordination on the 1-4
        intensity scale).
    brokers, key_players, bridges, local_bridges, isolates, non_respondents : default=True
        Coordination-gap overlays, each toggleable in the page: ``True``
        computes it, ``False`` leaves it out, or give the actors / ties to
        mark (brokers and key players also take a count). See
        :func:`~sysmap.maps.overlays.map_overlays`.
    sample : "auto", int or None, default="auto"
        Sources sampled for betweenness (brokers, ``size="betweenness"``)
        and the distance impact: ``"auto"`` follows the size policy, exact up
        to 2,000 actors and 256 sources above (:mod:`sysmap.metrics.store`);
        None is exact whatever the size.
    aggregate : bool or None, default=None
        Draw clusters as nodes instead of actors. None: only above
        `max_actors` actors (the page says so).
    group : str, pandas.Series or dict, optional
        Clusters for the aggregated view (default: consensus communities).
    max_actors : int, default=50000
        Largest network drawn actor by actor when `aggregate` is None.
    renderer : {"auto", "vis", "webgl"}, default="auto"
        What draws the page: vis-network (``"vis"``; can relax the layout
        and drag actors) or sigma.js with WebGL (``"webgl"``; smooth with
        tens of thousands of actors). ``"auto"`` draws with WebGL above
        3,000 actors or 15,000 ties (:func:`~sysmap.maps.webgl.choose_renderer`).
        Both pages show the same map, legend, overlays, search and tooltips.
    lang : {"en", "de"}, default="en"
        Language of the legend, buttons and tooltips.
    height : str, default="720px"
        Height of the inline notebook frame.
    store : MeasureStore, optional
        The measures of `G` (the report passes its own, so the map shows the
        numbers of its tables and findings): sizes, colours, tooltips and the
        brokers and bridge overlays read them from it, and its seed and size
        policy replace `sample`.

    Returns
    -------
    NetworkMap
        Displays inline in notebooks; ``.save("map.html")``,
        ``.save("map.png")``, ``.html``, ``.layout``, ``.palette``.

    Raises
    ------
    GraphTypeError
        If `G` is not a networkx graph or is a multigraph.
    MissingAttributeError
        If `color`, `size`, a filter or a tooltip field is neither a node
        attribute nor a metric.
    ParameterError
        For invalid options (the message says which and what is allowed).

    Notes
    -----
    Self-loops (self-nominations) are not drawn. A tie with a missing
    `strength` is drawn solid. Directed ties are drawn as arcs with arrows;
    a reciprocated pair as two curved arcs.

    Examples
    --------
    >>> import sysmap
    >>> G = sysmap.load_sample("bildungsallianz", wave=1, graph=True)
    >>> m = network_map(G, color="sector", size="betweenness", key_players=False)
    >>> len(m.nodes), len(m.ties), list(m.overlays)
    (100, 461, ['brokers', 'isolates', 'non_respondents', 'bridges', 'local_bridges'])
    >>> m.nodes.loc["BA001", ["color", "category"]].tolist()
    ['#56B4E9', 'Civil society']
    >>> int(m.nodes["non_respondents"].sum())
    15
    """
    G = as_graph(G)
    lang = check_lang(lang)
    _check_choice(color_scale, "color_scale", COLOR_SCALES)
    _check_choice(renderer, "renderer", RENDERERS)
    if isinstance(max_actors, bool) or not isinstance(max_actors, int) or max_actors < 1:
        raise ParameterError(f"max_actors must be a positive int; got {max_actors!r}.")
    if aggregate not in (None, True, False):
        raise ParameterError(f"aggregate must be None, True or False; got {aggregate!r}.")
    if not isinstance(height, str) or not height.strip():
        raise ParameterError(f"height must be a CSS length such as '720px'; got {height!r}.")
    n = G.number_of_nodes()
    title = message("map", "title_default", lang) if title is None else str(title)
    if aggregate or (aggregate is None and n > max_actors):
        return _aggregated(
            G,
            group=group,
            seed=seed,
            lang=lang,
            title=title,
            palette=palette,
            forced=bool(aggregate),
            max_actors=max_actors,
            height=height,
            renderer=renderer,
            store=store,
        )
    return _build(
        G,
        color=color,
        size=size,
        label=label,
        title=title,
        layout=layout,
        seed=seed,
        palette=palette,
        color_scale=color_scale,
        filters=filters,
        tooltip=tooltip,
        edge_width=edge_width,
        strength=strength,
        threshold=threshold,
        overlay_settings={
            "brokers": _overlay_spec(brokers),
            "key_players": _overlay_spec(key_players),
            "bridges": _overlay_spec(bridges),
            "local_bridges": _overlay_spec(local_bridges),
            "isolates": _overlay_spec(isolates),
            "non_respondents": _overlay_spec(non_respondents),
        },
        sample=sample,
        lang=lang,
        height=height,
        renderer=renderer,
        store=store,
    )


def _aggregated(
    G: nx.Graph,
    *,
    group: object,
    seed: object,
    lang: str,
    title: str,
    palette: Mapping | None,
    forced: bool,
    max_actors: int,
    height: str,
    renderer: str,
    store: MeasureStore | None,
) -> NetworkMap:
    """The map of `G`'s clusters: one node per cluster, sized by its members."""
    nodes = sorted_nodes(G)
    cache = MetricCache(G, nodes, seed=seed, sample="auto", store=store)
    H, clusters = aggregate_network(G, by=group, seed=seed, cache=cache)
    by = message("map", "communities", lang) if group is None else str(clusters.name)
    values = pd.Series({c: c for c in H.nodes}, dtype=object, name=by)
    k = H.number_of_nodes()
    if forced:
        notice = message("map", "aggregated_notice", lang, by=by, k=k)
    else:
        notice = message(
            "map", "large_notice", lang, n=G.number_of_nodes(), limit=max_actors, k=k, by=by
        )
    return _build(
        H,
        color=values,
        size="members",
        label="name",
        title=title,
        layout=None,
        seed=seed,
        palette=palette,
        color_scale="categorical",
        filters=None,
        tooltip=["name", "members", "internal_ties", "density", "top_members"],
        edge_width="ties",
        strength=None,
        threshold=3,
        overlay_settings=dict.fromkeys(OVERLAYS, False),
        sample=None,
        lang=lang,
        height=height,
        renderer=renderer,
        notice=notice,
        clusters=clusters,
        source_counts=(G.number_of_nodes(), G.number_of_edges(), G.is_directed()),
    )


def _build(
    G: nx.Graph,
    *,
    color: object,
    size: object,
    label: str | None,
    title: str,
    layout: object,
    seed: object,
    palette: Mapping | None,
    color_scale: str,
    filters: object,
    tooltip: Sequence[str] | None,
    edge_width: str | None,
    strength: str | None,
    threshold: float,
    overlay_settings: dict,
    sample: object,
    lang: str,
    height: str,
    renderer: str = "auto",
    notice: str | None = None,
    clusters: pd.Series | None = None,
    source_counts: tuple[int, int, bool] | None = None,
    store: MeasureStore | None = None,
) -> NetworkMap:
    """The map model of `G`, actor by actor (the options of :func:`network_map`).

    `source_counts` (actors, ties, directed) are the counts the summary line
    states when `G` stands for a larger network (its clusters); `clusters`
    is each of that network's actors' cluster.
    """
    nodes = sorted_nodes(G)
    index = pd.Index(nodes, name="actor", dtype=object, tupleize_cols=False)
    cache = MetricCache(G, nodes, seed=seed, sample=sample, store=store)

    positions = compute_layout(G, seed=seed, fixed=layout)
    xy = positions[["x", "y"]].to_numpy(dtype=float)
    names = actor_names(G, nodes, label)
    legend: dict[str, Any] = {}
    filter_groups: list[dict] = []

    # colours and sizes -------------------------------------------------------------
    if color is None:
        colors = [DEFAULT_COLOR] * len(nodes)
        category = pd.Series([None] * len(nodes), index=index, dtype=object)
        used_palette: dict = {}
    else:
        category, color_title = resolve_values(G, nodes, color, cache, what="color", groups=True)
        category = _named_clusters(G, category, color, color)
        field = color if isinstance(color, str) else None
        if field is not None:
            color_title = field_label(field, lang)
        colors, used_palette, legend["color"], color_group = coloring(
            category, color_title, field, scale=color_scale, palette=palette, lang=lang
        )
        if color_group is not None:
            filter_groups.append(color_group)
    size_values, radius, size_legend = _sizes(G, nodes, size, cache, lang)
    if size_legend is not None:
        legend["size"] = size_legend

    # filters and overlays ----------------------------------------------------------
    for name in [filters] if isinstance(filters, str) else filters or ():
        values, ftitle = resolve_values(G, nodes, name, cache, what="filters", groups=True)
        values = _named_clusters(G, values, name, color)
        if isinstance(name, str):
            ftitle = field_label(name, lang)
        filter_groups.append(filter_group(values, ftitle, str(name), lang))
    overlays = map_overlays(G, seed=seed, cache=cache, **overlay_settings)
    order = {v: i for i, v in enumerate(nodes)}
    backbone = backbone_actors(G)  # its label is placed first (labels.label_order)
    flags = {}
    for key in ACTOR_OVERLAYS:
        mask = np.zeros(len(nodes), dtype=bool)
        if key in overlays:
            mask[[order[v] for v in overlays[key].members]] = True
        flags[key] = mask

    # ties --------------------------------------------------------------------------
    ties, tie_fields, tie_legend = _ties(
        G, nodes, overlays, edge_width=edge_width, strength=strength, threshold=threshold, lang=lang
    )
    legend.update(tie_legend)
    legend["overlays"] = [
        {
            "key": key,
            "label": overlay_label(overlays[key], lang),
            "count": len(overlays[key].members),
            "bit": BITS[key],
            # where most ties are local bridges (sparse networks without triangles)
            # the overlay says little and paints everything: start with it off
            "shown": not (key == "local_bridges" and len(overlays[key].members) > len(ties) / 2),
        }
        for key in OVERLAYS
        if key in overlays
    ]
    legend["directed"] = bool(G.is_directed())

    n_actors, n_ties, directed = source_counts or (
        len(nodes),
        G.number_of_edges(),
        G.is_directed(),
    )
    kind = message("map", "directed" if directed else "undirected", lang)
    node_table = pd.DataFrame(
        {
            "label": names,
            "x": xy[:, 0],
            "y": xy[:, 1],
            "radius": radius,
            "color": colors,
            "category": category.to_numpy(dtype=object),
            "size_value": size_values,
            "backbone": np.array([v in backbone for v in nodes], dtype=bool),
            **flags,
        },
        index=index,
    )
    return NetworkMap(
        nodes=node_table,
        ties=ties,
        layout=positions,
        palette=used_palette,
        overlays=overlays,
        title=title,
        lang=lang,
        directed=bool(G.is_directed()),
        aggregated=clusters is not None,
        scale=pixel_scale(xy),
        legend=legend,
        # after the sizes, colours and overlays: the default tooltip lists the
        # measures the map computed for them
        node_fields=node_fields(G, nodes, names, cache, tooltip, lang, label),
        tie_fields=tie_fields,
        filters=filter_groups,
        summary=message("map", "summary", lang, n=n_actors, m=n_ties, kind=kind),
        renderer=choose_renderer(renderer, len(nodes), len(ties)),
        height=height,
        notice=notice,
        clusters=clusters,
    )


def _named_clusters(G: nx.Graph, values: pd.Series, spec: object, color: object) -> pd.Series:
    """Communities (``spec="community"``, numbered clusters) by their names, so
    filters and legends read "Schools (Grundschule Am Mühlbach, ...)", not "3": the
    actors' ``community_name`` (set by :meth:`~sysmap.cluster.ActorClusters.annotate`),
    else the names of :func:`~sysmap.cluster.cluster_profiles` (the leading groups of
    the colour attribute and two key members)."""
    if not isinstance(spec, str) or spec != "community" or values.isna().any():
        return values
    if not all(isinstance(v, numbers.Integral) for v in values):
        return values
    given = [G.nodes[v].get("community_name") for v in values.index]
    if all(isinstance(name, str) and name for name in given):
        return pd.Series(given, index=values.index, dtype=object)
    group = color if isinstance(color, str) and color in attribute_names(G) else None
    names = cluster_profiles(G, values, group=group)["name"]
    return values.map(names).astype(object)


def _sizes(
    G: nx.Graph, nodes: list[Hashable], size: object, cache: MetricCache, lang: str
) -> tuple[np.ndarray, np.ndarray, dict | None]:
    """Size values, radii and the size legend (None when every actor has one size)."""
    if size is None:
        return np.full(len(nodes), np.nan), np.full(len(nodes), RADIUS_PLAIN), None
    raw, size_title = resolve_values(G, nodes, size, cache, what="size")
    sampled = cache.betweenness_sample if size_title == "betweenness" else None
    if isinstance(size, str):
        size_title = field_label(size, lang)
    values = numeric(raw, "size")
    finite = values[np.isfinite(values)]
    legend = {
        "title": size_title,
        "min": jsonable(finite.min()) if len(finite) else None,
        "max": jsonable(finite.max()) if len(finite) else None,
        "sampled": sampled,
    }
    return values, radii(values), legend


def _ties(
    G: nx.Graph,
    nodes: list[Hashable],
    overlays: dict[str, Overlay],
    *,
    edge_width: str | None,
    strength: str | None,
    threshold: float,
    lang: str,
) -> tuple[pd.DataFrame, list[dict], dict]:
    """The tie table, the ties' tooltip fields and the legend's ``width`` and ``strength``."""
    edge_names = _edge_attribute_names(G)
    if edge_width == "auto":
        edge_width = (
            "weight"
            if "weight" in edge_names
            else ("intensity" if "intensity" in edge_names else None)
        )
    elif edge_width is not None and edge_width not in edge_names and G.number_of_edges():
        msg = f"edge_width={edge_width!r}: no tie has that attribute; ties have {edge_names}."
        raise ParameterError(msg)
    use_strength = strength is not None and strength in edge_names
    wanted = [a for a in TIE_FIELDS if a in edge_names]
    for extra in (edge_width, strength if use_strength else None):
        if extra is not None and extra not in wanted:
            wanted.append(extra)
    src, dst, evalues = _edges(G, nodes, wanted)
    m = len(src)
    width_values = (
        numeric(pd.Series(evalues[edge_width], dtype=object), "edge_width")
        if edge_width is not None
        else np.full(m, np.nan)
    )
    tie_widths = widths(width_values) if edge_width is not None else np.full(m, WIDTH_PLAIN)
    strength_class = np.full(m, "unknown", dtype=object)
    strength_value = np.full(m, np.nan)
    if use_strength:  # the rule of sysmap.metrics.tie_strength: strong when >= threshold
        if isinstance(threshold, bool) or not isinstance(threshold, numbers.Real):
            raise ParameterError(f"threshold must be a number; got {threshold!r}.")
        strength_value = numeric(pd.Series(evalues[strength], dtype=object), "strength")
        known = np.isfinite(strength_value)
        strength_class[known & (strength_value >= threshold)] = "strong"
        strength_class[known & (strength_value < threshold)] = "weak"
    dashed = strength_class == "weak"
    curved = np.zeros(m, dtype=bool)
    if G.is_directed() and m:
        pairs = set(zip(src.tolist(), dst.tolist(), strict=True))
        curved = np.array(
            [(b, a) in pairs for a, b in zip(src.tolist(), dst.tolist(), strict=True)]
        )
    table = pd.DataFrame(
        {
            "source": pd.Series([nodes[i] for i in src], dtype=object),
            "target": pd.Series([nodes[i] for i in dst], dtype=object),
            "width": tie_widths,
            "strength": strength_value,
            "strength_class": pd.Series(strength_class, dtype=object),
            "dashed": dashed,
            "curved": curved,
            **_tie_flags(src, dst, nodes, overlays),
        }
    )

    fields = [field_column(field_label(attr, lang), evalues[attr]) for attr in wanted]
    legend: dict[str, Any] = {}
    if edge_width is not None:
        finite = width_values[np.isfinite(width_values)]
        legend["width"] = {
            "title": field_label(edge_width, lang),
            "min": jsonable(finite.min()) if len(finite) else None,
            "max": jsonable(finite.max()) if len(finite) else None,
        }
    if use_strength:
        words = {c: message("map", f"strength_{c}", lang) for c in ("weak", "strong", "unknown")}
        fields.append(
            field_column(field_label("strength_class", lang), [words[c] for c in strength_class])
        )
        attr, limit = field_label(strength, lang), format_number(threshold, lang)
        legend["strength"] = {
            "strong": message("map", "tie_strong", lang, attr=attr, threshold=limit),
            "weak": message("map", "tie_weak", lang, attr=attr, threshold=limit),
            "weak_count": int(dashed.sum()),
            "strong_count": int((strength_class == "strong").sum()),
        }
    return table, fields, legend


def _tie_flags(
    src: np.ndarray, dst: np.ndarray, nodes: list[Hashable], overlays: dict[str, Overlay]
) -> dict[str, np.ndarray]:
    """One bool column per tie overlay (a marked pair marks its arcs both ways)."""
    n = max(len(nodes), 1)
    order = {v: i for i, v in enumerate(nodes)}
    keys = np.minimum(src, dst) * n + np.maximum(src, dst)
    flags = {}
    for key in TIE_OVERLAYS:
        mask = np.zeros(len(src), dtype=bool)
        if key in overlays and overlays[key].members:
            marked = np.array(
                [
                    min(order[a], order[b]) * n + max(order[a], order[b])
                    for a, b in overlays[key].members
                ],
                dtype=np.int64,
            )
            mask = np.isin(keys, marked)
        flags[key] = mask
    return flags


def _edges(
    G: nx.Graph, nodes: list[Hashable], attrs: Sequence[str]
) -> tuple[np.ndarray, np.ndarray, dict[str, list]]:
    """Drawn ties (self-loops dropped) as index arrays into `nodes`, sorted, plus
    the listed attributes' values."""
    index = {v: i for i, v in enumerate(nodes)}
    directed = G.is_directed()
    src, dst, data = [], [], []
    for u, nbrs in G.adjacency():
        iu = index[u]
        for v, d in nbrs.items():
            iv = index[v]
            if iu == iv or (not directed and iu > iv):
                continue
            src.append(iu)
            dst.append(iv)
            data.append(d)
    src_a = np.array(src, dtype=np.int64)
    dst_a = np.array(dst, dtype=np.int64)
    order = np.lexsort((dst_a, src_a))
    values = {a: [data[k].get(a) for k in order] for a in attrs}
    return src_a[order], dst_a[order], values


def _edge_attribute_names(G: nx.Graph) -> list[str]:
    seen: dict[str, None] = {}
    for _, _, d in G.edges(data=True):
        for key in d:
            seen.setdefault(key, None)
    return list(seen)
