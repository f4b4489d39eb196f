"""What the page says about an actor or a tie: tooltip and details fields, filters, labels.

A *field* is one row of a tooltip (and of the details panel under the
legend): a label in the page's language and one value per actor or tie,
stored compactly as numbers, text, or text coded by category (see "The
page's data" in docs/maps.md). A *filter group* is a set of checkboxes, one
per value of an attribute, with each actor's value as a code. The words come
from the ``map`` catalogue: ``field_<name>`` names a field (``sector`` ->
"Sector" / "Sektor"), ``status_<value>`` a survey status, and overlay labels
say how many brokers or key players were marked.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import networkx as nx
import numpy as np
import pandas as pd

from .._attributes import display_group, is_missing_group
from .._graph import sorted_nodes
from ..exceptions import ParameterError
from ..i18n import catalogue, message
from ._values import MAX_TEXT, MetricCache, attribute_names, is_number, jsonable, resolve_values
from .overlays import Overlay
from .palette import is_missing

__all__ = [
    "HIDDEN_ATTRIBUTES",
    "TIE_FIELDS",
    "display_value",
    "field_column",
    "field_label",
    "filter_group",
    "node_fields",
    "overlay_label",
]

#: Edge attributes shown in a tie's tooltip when present.
TIE_FIELDS = ("relation", "intensity", "weight", "frequency", "trust", "value")
#: Node attributes left out of tooltips by default (bookkeeping, not content).
HIDDEN_ATTRIBUTES = ("trust_ratings", "value_ratings")


def display_value(field: str, value: object, lang: str) -> object:
    """`value` of `field` as the page shows it: sysmap's own values (survey status,
    booleans, the groups of missing values, ``|``-separated aliases) in `lang`,
    anything else unchanged.

    Examples
    --------
    >>> display_value("status", "did_not_respond", "de"), display_value("x", True, "en")
    ('hat nicht geantwortet', 'yes')
    """
    if is_missing_group(value):
        return display_group(value, lang)
    if isinstance(value, (bool, np.bool_)):
        return message("map", "yes" if value else "no", lang)
    if field == "aliases" and isinstance(value, str):
        return value.replace("|", ", ")
    if field == "status" and isinstance(value, str):
        key = f"status_{value}"
        if key in catalogue("map", lang):
            return message("map", key, lang)
    return value


def field_label(field: str, lang: str) -> str:
    """The label of attribute or measure `field` in `lang` (the name itself when the
    catalogue has none).

    Examples
    --------
    >>> field_label("betweenness", "de"), field_label("my_column", "de")
    ('Betweenness', 'my_column')
    """
    key = f"field_{field}"
    return message("map", key, lang) if key in catalogue("map", lang) else field


def field_column(label: str, values: Sequence[object]) -> dict:
    """A tooltip field: numbers, text, or text coded by category (compact).

    Returns ``{"label", "type", "values"}`` with ``type`` ``"number"`` (floats
    rounded to 6 digits, missing values None), ``"text"``, or ``"code"`` (with
    ``"categories"``; ``values`` index them, -1 for missing) when more than 20
    values repeat at most half as many categories.

    Examples
    --------
    >>> field_column("Degree", [1, 2.5, None])
    {'label': 'Degree', 'type': 'number', 'values': [1.0, 2.5, None]}
    """
    series = pd.Series(list(values), dtype=object)
    inferred = pd.api.types.infer_dtype(series, skipna=True)
    if inferred in ("integer", "floating", "mixed-integer-float", "decimal"):
        x = pd.to_numeric(series, errors="coerce").to_numpy(dtype=float)
        ok = np.isfinite(x)
        out = np.where(ok, np.round(x, 6), np.nan).tolist()
        return {
            "label": label,
            "type": "number",
            "values": [v if good else None for v, good in zip(out, ok.tolist(), strict=True)],
        }
    if inferred in ("string", "empty"):
        text = [
            jsonable(v)
            if isinstance(v, str) and len(v) > MAX_TEXT
            else (v if isinstance(v, str) else None)
            for v in series
        ]
    else:
        clean = [jsonable(v) for v in series]
        present = [v for v in clean if v is not None]
        if present and all(is_number(v) for v in present):
            return {"label": label, "type": "number", "values": clean}
        text = [None if v is None else str(v) for v in clean]
    categories = sorted({t for t in text if t is not None})
    if len(text) > 20 and len(categories) <= len(text) // 2:
        code = {c: i for i, c in enumerate(categories)}
        return {
            "label": label,
            "type": "code",
            "categories": categories,
            "values": [-1 if t is None else code[t] for t in text],
        }
    return {"label": label, "type": "text", "values": text}


def node_fields(
    G: nx.Graph,
    nodes: list[Hashable],
    names: list[str],
    cache: MetricCache,
    tooltip: Sequence[str] | str | None,
    lang: str,
    label: str | None,
) -> list[dict]:
    """An actor's tooltip fields: the name first (``title: True``), then the id
    (where it differs from the name), the attributes and the measures.

    Default (`tooltip` None): every node attribute except `label` and
    :data:`HIDDEN_ATTRIBUTES`, the degrees, and the measures the map computed
    (for sizes, colours, brokers). Otherwise the attributes and measures named.
    """
    attrs = G.nodes
    fields: list[dict] = [
        {"label": field_label("name", lang), "type": "text", "values": names, "title": True}
    ]
    if tooltip is None:
        if any(str(v) != names[i] for i, v in enumerate(nodes)):
            fields.append(field_column(field_label("actor", lang), [str(v) for v in nodes]))
        chosen = [a for a in attribute_names(G) if a not in (label, *HIDDEN_ATTRIBUTES)]
        if "community_name" in chosen and "community" in chosen:
            chosen.remove("community")  # the cluster's name says it; its number does not
        for metric in ("degree", "in_degree", "out_degree"):
            if cache.available(metric) and metric not in chosen:
                chosen.append(metric)
        for metric in cache.computed:
            if metric not in chosen:
                chosen.append(metric)
    else:
        if isinstance(tooltip, str):
            tooltip = [tooltip]
        chosen = [t for t in tooltip if t not in ("name", label)]
    for name in chosen:
        if any(name in attrs[v] for v in nodes):
            values = [display_value(name, attrs[v].get(name), lang) for v in nodes]
        else:
            series, _ = resolve_values(G, nodes, name, cache, what="tooltip")
            values = list(series.to_numpy(dtype=object))
        fields.append(field_column(field_label(name, lang), values))
    return fields


def filter_group(values: pd.Series, title: str, field: str, lang: str) -> dict:
    """Checkboxes for the values of `field`: ``{"title", "codes", "items"}``, the
    items in sorted order with their counts, "missing" last; ``codes[i]`` is
    actor ``i``'s item."""
    raw = values.to_numpy(dtype=object)
    try:
        categories = sorted_nodes({v for v in raw if not is_missing(v)})
    except TypeError:
        raise ParameterError(f"filter values of {title!r} must be hashable.") from None
    code = {c: i for i, c in enumerate(categories)}
    codes = [len(categories) if is_missing(v) else code[v] for v in raw]
    counts = np.bincount(np.array(codes, dtype=np.int64), minlength=len(categories) + 1)
    items = [
        {"label": str(display_value(field, c, lang)), "count": int(k)}
        for c, k in zip(categories, counts, strict=False)
    ]
    if counts[-1]:
        items.append({"label": message("map", "missing", lang), "count": int(counts[-1])})
    return {"title": title, "codes": codes, "items": items}


def overlay_label(overlay: Overlay, lang: str) -> str:
    """The legend's name of `overlay` (with how many brokers or key players sysmap chose)."""
    if overlay.key == "brokers" and overlay.computed:
        return message("map", "overlay_brokers_top", lang, k=overlay.k)
    if overlay.key == "key_players" and overlay.computed:
        return message("map", "overlay_key_players_k", lang, k=overlay.k)
    return message("map", f"overlay_{overlay.key}", lang)
