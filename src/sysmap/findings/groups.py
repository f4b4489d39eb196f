"""Which actor attributes the group rules compare, and what kind of sector a group is.

The group rules (gaps between groups, the actors who hold two groups
together, plan versus reality) read every *categorical* attribute of the
member list, not only ``sector``: a region, a level of government, a type of
school (:func:`sysmap._attributes.categorical_attributes` finds them).
:func:`group_attributes` resolves the ``group=`` parameter of
:func:`~sysmap.findings.find_gaps` (``"auto"``, one attribute, a list of
them, or None), strongest split first.

:func:`sector_role` tells the funders, the public administration and civil
society apart by the words of a sector label (English and German), so that a
gap involving them can suggest the backbone activity that fits: mobilize
funding, advance policy, build public will.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import networkx as nx

from .._attributes import attribute_names, categorical_attributes, is_missing
from ..exceptions import ParameterError
from ..metrics import ei_index

__all__ = [
    "AUTO",
    "backbone_actors",
    "backbone_attribute",
    "group_attributes",
    "primary_attribute",
    "sector_role",
]

#: ``group="auto"``: every categorical attribute of the actors.
AUTO = "auto"
#: Folded names of the attribute that marks the backbone organization.
_BACKBONE = {"backbone", "backboneorganization", "backboneorganisation"}
_FOLD = re.compile(r"[\W_]+")


def backbone_attribute(G: nx.Graph) -> str | None:
    """The node attribute that marks the backbone organization (``backbone``, any case).

    Examples
    --------
    >>> G = nx.Graph([(1, 2)])
    >>> G.nodes[1]["Backbone"] = "ja"
    >>> backbone_attribute(G), backbone_attribute(nx.Graph([(1, 2)]))
    ('Backbone', None)
    """
    for name in attribute_names(G):
        if _FOLD.sub("", str(name).casefold()) in _BACKBONE:
            return name
    return None


def _truthy(value: object) -> bool:
    if is_missing(value):
        return False
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "ja", "y", "j", "x", "wahr"}
    try:
        return bool(value)
    except (TypeError, ValueError):
        return False


def backbone_actors(G: nx.Graph) -> set:
    """The backbone organization(s): attribute ``backbone`` (any case) true, ``ja``, ``x``.

    Examples
    --------
    >>> G = nx.Graph([(1, 2), (2, 3)])
    >>> G.nodes[1]["Backbone"], G.nodes[2]["Backbone"] = "ja", "nein"
    >>> backbone_actors(G), backbone_actors(nx.Graph([(1, 2)]))
    ({1}, set())
    """
    name = backbone_attribute(G)
    if name is None:
        return set()
    return {v for v, b in G.nodes(data=name, default=None) if _truthy(b)}


def _split(G: nx.Graph, attribute: str) -> float:
    """How much more the ties stay inside the groups than random mixing would give."""
    if G.number_of_edges() == 0:
        return 0.0
    result = ei_index(G, attribute)
    gap = result.expected - result.network
    return gap if math.isfinite(gap) else 0.0


def group_attributes(G: nx.Graph, group: str | Sequence[str] | None = AUTO) -> list[str]:
    """The attributes the group rules compare, as `group` asks for them.

    Parameters
    ----------
    G : networkx.Graph
    group : "auto", str, sequence of str or None, default="auto"
        ``"auto"``: ``sector`` (when an actor has one) and every categorical
        attribute (:func:`~sysmap._attributes.categorical_attributes`), the
        strongest split first (the attribute whose ties stay most inside
        their groups compared with random mixing: expected minus observed
        E-I index). A name or a list of names: those attributes, in that
        order, whether or not they look categorical. None: none.

    Returns
    -------
    list of str

    Raises
    ------
    ParameterError
        If `group` is neither of these.
    """
    if group is None:
        return []
    if isinstance(group, str):
        if group != AUTO:
            return [group]
        found = categorical_attributes(G)
        if "sector" not in found and any(not is_missing(s) for _, s in G.nodes(data="sector")):
            found.insert(0, "sector")  # the member list's own group column, always compared
        strength = {a: _split(G, a) for a in found}
        return sorted(found, key=lambda a: -strength[a])  # stable: first appearance on ties
    if isinstance(group, Sequence) and all(isinstance(g, str) for g in group):
        return list(dict.fromkeys(group))
    msg = f"group must be 'auto', an attribute name, a list of them or None; got {group!r}."
    raise ParameterError(msg)


def primary_attribute(attributes: Sequence[str], group: object = AUTO) -> str | None:
    """The attribute that names the groups of actors in evidence, cluster names and colours.

    ``sector`` when it is among automatically found `attributes`, else the
    first (the one the caller named first).
    """
    if not attributes:
        return None
    if group == AUTO and "sector" in attributes:
        return "sector"
    return attributes[0]


#: Words of sector labels, by role (case-insensitive parts of the label).
_ROLES = {
    "funding": (
        "foundation", "funder", "funding", "philanthrop", "donor", "grantmak", "stiftung",
        "förder", "foerder", "geldgeber", "spender",
    ),
    "policy": (
        "government", "municipal", "city", "county", "council", "public administration",
        "public sector", "ministry", "department", "authority", "policy", "kommune",
        "kommunal", "stadt", "gemeinde", "verwaltung", "behörde", "behoerde", "landkreis",
        "ministerium", "öffentliche", "oeffentliche", "politik",
    ),
    "public_will": (
        "civil society", "community", "nonprofit", "non-profit", "ngo", "grassroots",
        "residents", "citizens", "volunteer", "association", "faith", "zivilgesellschaft",
        "verein", "bürger", "buerger", "ehrenamt", "initiative", "wohlfahrt", "selbsthilfe",
    ),
}  # fmt: skip


def sector_role(label: object) -> str | None:
    """The backbone activity a sector's label points to: funders, government, civil society.

    Returns ``"funding"`` for funders (foundations, donors), ``"policy"`` for
    the public administration (city, municipality, county, ministry) and
    ``"public_will"`` for civil society (associations, community groups,
    residents), from words of the label in English or German; None for
    other sectors (schools, business, health, ...) and for missing values.

    Examples
    --------
    >>> [sector_role(s) for s in ("Foundations", "Kommune", "Zivilgesellschaft", "Schools")]
    ['funding', 'policy', 'public_will', None]
    """
    if is_missing(label) or not isinstance(label, str):
        return None
    text = label.casefold()
    for role, words in _ROLES.items():
        if any(w in text for w in words):
            return role
    return None
