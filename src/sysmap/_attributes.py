"""Actor attributes: the one definition of a missing value, and group labels.

Group measures (E-I index, mixing, brokerage roles, group modularity, churn by
sector, ...) read a categorical actor attribute such as ``sector``, or take
the labels as a dict or a pandas Series. Real data
leaves it empty: partners named in the survey but not on the member list
(status ``"not_on_roster"``) have no member-list row, and member lists have
blank cells. Every group measure reads the attribute through
:func:`group_labels`, which never drops an actor: an actor without a value gets
an explicit group, :data:`NOT_ON_MEMBER_LIST` or :data:`UNKNOWN`. These labels
are data (the same in every language); :func:`display_group` renders them in
the reader's language.
"""

from __future__ import annotations

import math
import re
from collections.abc import Hashable, Iterable, Mapping, Sequence

import networkx as nx
import numpy as np
import pandas as pd

from ._graph import sorted_nodes
from .exceptions import MissingAttributeError, ParameterError
from .i18n import catalogue, message

__all__ = [
    "MAX_CATEGORIES",
    "MISSING_GROUPS",
    "GroupSpec",
    "NOT_ON_MEMBER_LIST",
    "UNKNOWN",
    "attribute_label",
    "attribute_names",
    "categorical_attributes",
    "display_group",
    "display_groups",
    "group_labels",
    "group_name",
    "group_order",
    "is_missing",
    "missing_values",
    "is_missing_group",
]

#: Group of an actor without a group value that is not on the member list
#: (status ``"not_on_roster"``: named as a partner by others).
NOT_ON_MEMBER_LIST = "not on the member list"
#: Group of any other actor without a group value (an empty member-list cell).
UNKNOWN = "unknown"
#: The explicit groups of missing values, in the order they are listed (after
#: the real groups).
MISSING_GROUPS = (NOT_ON_MEMBER_LIST, UNKNOWN)
_MESSAGE_KEYS = {NOT_ON_MEMBER_LIST: "group.not_on_member_list", UNKNOWN: "group.unknown"}
#: What a ``group`` parameter may be: a node attribute name, or labels by actor
#: (a dict or a pandas Series); see :func:`group_labels`.
GroupSpec = Hashable | Mapping[Hashable, Hashable] | pd.Series
#: Most groups a member-list column may have to count as a categorical attribute
#: (the maps' categorical colours stop at the same number).
MAX_CATEGORIES = 12
#: Columns that are never groups: ids, names, survey status, the backbone flag,
#: layout coordinates, results (compared case- and punctuation-insensitively).
_NOT_GROUPS = frozenset(
    {
        "actor",
        "id",
        "name",
        "label",
        "alias",
        "aliases",
        "status",
        "responded",
        "present",
        "backbone",
        "backboneorganization",
        "backboneorganisation",
        "x",
        "y",
        "community",
        "communitystability",
        "cluster",
        "role",
        "wave",
    }
)
_FOLD = re.compile(r"[\W_]+")


def is_missing(value: object) -> bool:
    """Whether `value` is a missing value: None, NaN, ``pd.NA``, ``pd.NaT`` or blank text.

    Blank text is an empty string or one of only whitespace (an empty
    spreadsheet cell). This is sysmap's one definition of a missing value.

    Examples
    --------
    >>> [is_missing(v) for v in (None, float("nan"), pd.NA, "", "  ", "Schools", 0)]
    [True, True, True, True, True, False, False]
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (float, np.floating)):
        return math.isnan(value)
    return False


def missing_values(column: pd.Series) -> np.ndarray:
    """:func:`is_missing` of every value of `column` at once (a boolean array).

    Examples
    --------
    >>> missing_values(pd.Series([None, float("nan"), "", " ", "Schools", 0])).tolist()
    [True, True, True, True, False, False]
    """
    if isinstance(column.dtype, pd.CategoricalDtype):  # its categories may be blank text
        column = column.astype(object)
    missing = column.isna().to_numpy(dtype=bool, copy=True)
    kinds = ("string", "mixed", "mixed-integer", "mixed-integer-float")
    if not pd.api.types.is_numeric_dtype(column) and pd.api.types.infer_dtype(column) in kinds:
        missing |= column.str.strip().eq("").fillna(False).to_numpy(dtype=bool)
    return missing


def is_missing_group(label: object) -> bool:
    """Whether `label` is one of the explicit groups of missing values (:data:`MISSING_GROUPS`)."""
    return isinstance(label, str) and label in _MESSAGE_KEYS


def attribute_names(G: nx.Graph) -> list[str]:
    """Node attribute names of `G`, in order of first appearance."""
    seen: dict[str, None] = {}
    for _, data in G.nodes(data=True):
        for key in data:
            seen.setdefault(key, None)
    return list(seen)


def categorical_attributes(
    G: nx.Graph | Sequence[nx.Graph], *, max_groups: int = MAX_CATEGORIES
) -> list[str]:
    """The node attributes that divide the actors into groups (sector, region, level, ...).

    An attribute counts when at least half of the member-list actors have a
    value, the values are words (not numbers, codes or years), there are 2 to
    `max_groups` of them and at most one per two actors (names and contact
    persons are near-unique), and at least two groups have two or more
    members. Never counted: ids, names, the survey status, the backbone flag,
    cluster labels, yes/no columns (flags, not groups; see
    :func:`sysmap.io.members.parse_yes_no`) and the ``*_received`` /
    ``*_ratings`` summaries of the survey. ``sector`` comes first, then the
    other attributes in the order the actors carry them.

    Parameters
    ----------
    G : networkx.Graph or sequence of networkx.Graph
        The network, or several waves (the latest first): an actor's value is
        its first non-missing one.
    max_groups : int, default=12
        Most distinct values.

    Returns
    -------
    list of str

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.path_graph(4)
    >>> nx.set_node_attributes(G, dict(enumerate(["Nord", "Nord", "Süd", "Süd"])), "Region")
    >>> nx.set_node_attributes(G, dict(enumerate(["ja", "", "", ""])), "Backbone")
    >>> nx.set_node_attributes(G, dict(enumerate(["Ann", "Bo", "Cy", "Di"])), "contact")
    >>> nx.set_node_attributes(G, dict(enumerate(["1990", "2001", "1990", "2001"])), "founded")
    >>> nx.set_node_attributes(G, dict(enumerate(["A", "B", "A", "B"])), "sector")
    >>> categorical_attributes(G)
    ['sector', 'Region']
    """
    from .io.members import parse_yes_no  # io imports little of sysmap; keep it that way
    from .io.model import NOT_ON_ROSTER

    graphs = [G] if isinstance(G, nx.Graph) else list(G)
    members: dict[Hashable, dict] = {}  # each actor's data in the first graph that has it
    for H in graphs:
        for v, data in H.nodes(data=True):
            members.setdefault(v, data)
    members = {v: d for v, d in members.items() if d.get("status") != NOT_ON_ROSTER}
    names = dict.fromkeys(a for H in graphs for a in attribute_names(H))
    found = []
    for name in names:
        if (
            not isinstance(name, str)
            or _FOLD.sub("", name.casefold()) in _NOT_GROUPS
            or name.endswith(("_received", "_ratings"))
        ):
            continue
        values = []
        for v in members:
            for H in graphs:  # the first non-missing value, latest wave first
                x = H.nodes[v].get(name) if v in H else None
                if not is_missing(x):
                    values.append(x)
                    break
        if len(values) < max(1, len(members) / 2) or not all(isinstance(x, str) for x in values):
            continue
        if any(_is_number(x) for x in values) or all(parse_yes_no(x) is not None for x in values):
            continue
        counts = pd.Series([x.strip() for x in values]).value_counts()
        if 2 <= len(counts) <= min(max_groups, len(values) / 2) and (counts >= 2).sum() >= 2:
            found.append(name)
    return sorted(found, key=lambda n: n != "sector")


def _is_number(text: str) -> bool:
    """Whether `text` reads as a number (``"1990"``, ``"2,5"``): a code, not a group."""
    try:
        float(text.strip().replace(",", "."))
    except ValueError:
        return False
    return True


def attribute_label(name: object, lang: str = "en") -> str:
    """What an attribute is called in `lang`: sysmap's own names (``sector``)
    translated, the member list's own column names (``Region``) as they are.

    Examples
    --------
    >>> attribute_label("sector", "de"), attribute_label("Landkreis", "de")
    ('Sektor', 'Landkreis')
    """
    key = f"attribute.{name}"
    return message("common", key, lang) if key in catalogue("common", lang) else str(name)


def group_order(labels: Iterable[Hashable]) -> list[Hashable]:
    """`labels` sorted (as :func:`~sysmap._graph.sorted_nodes`), the missing-value groups last."""
    labels = set(labels)
    missing = [g for g in MISSING_GROUPS if g in labels]
    return sorted_nodes(labels.difference(missing)) + missing


def group_labels(
    G: nx.Graph | Sequence[nx.Graph],
    group: GroupSpec,
    *,
    nodes: Iterable[Hashable] | None = None,
) -> pd.Series:
    """Every actor's group, never missing: from a node attribute or from labels given.

    `group` is what every group measure of sysmap takes (E-I index, mixing,
    brokerage roles, ...), in one of three forms:

    - the name of a node attribute (``"sector"``);
    - a dict ``{actor: label}``;
    - a :class:`pandas.Series` of labels indexed by actor (as R's
      ``sna::brokerage(g, cl)`` takes a vector of group labels).

    An actor whose value is missing (absent from the attribute or from the
    labels, None, NaN, ``pd.NA`` or blank text; see :func:`is_missing`) gets
    an explicit group instead of being dropped or stopping the analysis:
    :data:`NOT_ON_MEMBER_LIST` (``"not on the member list"``) when its
    ``status`` is ``"not_on_roster"`` (a partner named in the survey who is
    not on the member list), else :data:`UNKNOWN` (``"unknown"``, e.g. an
    empty sector cell). These two labels stay English in the data;
    :func:`display_group` shows them in the reader's language. A real value
    equal to one of them joins that group. Labels for actors not in the graph
    are ignored.

    Parameters
    ----------
    G : networkx.Graph or sequence of networkx.Graph
        The network. Several graphs (survey waves, the latest first) are read
        in turn: an actor's group is its first non-missing value, and its
        status for the explicit group the first status found.
    group : hashable, dict or pandas.Series
        Node attribute holding the group, or the labels themselves (see above).
    nodes : iterable of actors, optional
        Actors to label, in this order; default: all actors, sorted.

    Returns
    -------
    pandas.Series
        Group label per actor (object dtype), indexed by ``actor``, named
        :func:`group_name` of `group` (the attribute name, the Series' name,
        or ``"group"``).

    Raises
    ------
    MissingAttributeError
        If no actor of `G` has a value of `group`: the attribute was not read
        at all, or the labels are indexed by something else than the actor
        ids. The message names the attributes the actors have, or the first
        labels given.
    ParameterError
        If a value is unhashable, a Series has duplicate actors in its index,
        or `group` is a list (labels need actors: give a dict or a Series).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> nx.set_node_attributes(G, {"a": "Schools", "b": " "}, "sector")
    >>> G.nodes["d"]["status"] = "not_on_roster"
    >>> group_labels(G, "sector").tolist()
    ['Schools', 'unknown', 'unknown', 'not on the member list']
    >>> group_labels(G, pd.Series({"a": "Schools", "c": "City"}, name="sector")).tolist()
    ['Schools', 'unknown', 'City', 'not on the member list']
    """
    from .io.model import NOT_ON_ROSTER  # io imports little of sysmap; keep it that way

    graphs = [G] if isinstance(G, nx.Graph) else list(G)
    given = _given_labels(group)
    if nodes is None:
        nodes = sorted_nodes(set().union(*graphs)) if len(graphs) > 1 else sorted_nodes(G)
    else:
        nodes = list(nodes)
    labels: list[Hashable] = []
    found = False
    for v in nodes:
        label, status = None, None
        if given is not None:
            value = given.get(v)
            if not is_missing(value):
                label = value
        for H in graphs:
            if label is not None:
                break
            data = H.nodes.get(v)
            if data is None:
                continue
            if given is None:
                value = data.get(group)
                if not is_missing(value):
                    label = value
                    break
            if status is None:
                status = data.get("status")
        if label is None:
            label = NOT_ON_MEMBER_LIST if status == NOT_ON_ROSTER else UNKNOWN
        else:
            found = True
            try:
                hash(label)
            except TypeError as exc:
                msg = f"group labels must be hashable values (str, int, ...): {exc}"
                raise ParameterError(msg) from exc
        labels.append(label)
    if not found and any(len(H) for H in graphs):  # perhaps only the actors asked for lack it
        _check_some_label(graphs, group, given)
    index = pd.Index(nodes, name="actor", dtype=object, tupleize_cols=False)
    return pd.Series(labels, index=index, name=group_name(group), dtype=object)


def group_name(group: GroupSpec) -> Hashable:
    """What the groups of `group` are called in results: the attribute name, the
    Series' name, or ``"group"`` (a dict, or a Series without a name).

    Examples
    --------
    >>> group_name("sector"), group_name({"a": 1}), group_name(pd.Series({"a": 1}, name="cl"))
    ('sector', 'group', 'cl')
    """
    if isinstance(group, pd.Series):
        return "group" if group.name is None else group.name
    if isinstance(group, Mapping):
        return "group"
    return group


def _given_labels(group: object) -> Mapping[Hashable, Hashable] | None:
    """The labels of a dict or Series `group` as a mapping; None for an attribute name."""
    if isinstance(group, pd.Series):
        if not group.index.is_unique:
            dup = group.index[group.index.duplicated()].unique().tolist()[:5]
            msg = f"group labels must name each actor once; the Series repeats {dup}."
            raise ParameterError(msg)
        return group.to_dict()
    if isinstance(group, Mapping):
        return group
    try:
        hash(group)
    except TypeError:
        msg = (
            "group must be a node attribute name, a dict {actor: label} or a pandas Series "
            f"indexed by actor; got a {type(group).__name__}."
        )
        raise ParameterError(msg) from None
    return None


def _check_some_label(
    graphs: list[nx.Graph], group: object, given: Mapping[Hashable, Hashable] | None
) -> None:
    """Raise :class:`MissingAttributeError` if no actor of `graphs` has a group value."""
    if given is not None:
        if any(not is_missing(given.get(v)) for H in graphs for v in H):
            return
        first = list(given)[:5]
        msg = (
            f"none of the actors has a group label: the labels given are for {first}"
            f"{' ...' if len(given) > 5 else ''}, which are not actors of the graph. "
            "Index the labels by actor id."
        )
        raise MissingAttributeError(msg)
    if any(not is_missing(d.get(group)) for H in graphs for _, d in H.nodes(data=True)):
        return
    have = list(dict.fromkeys(a for H in graphs for a in attribute_names(H)))
    msg = (
        f"no actor has a value of the attribute {group!r}; the actors have {have}. "
        "Group attributes such as sectors come from the member list: give it with "
        "--actors FILE on the command line (actors=... when reading in Python), "
        "or choose another attribute."
    )
    raise MissingAttributeError(msg)


def display_group(label: object, lang: str = "en") -> object:
    """`label` as shown to a reader: the missing-value groups in `lang`, others unchanged.

    Examples
    --------
    >>> display_group("not on the member list", "de"), display_group("Schools", "de")
    ('nicht auf der Mitgliederliste', 'Schools')
    """
    if is_missing_group(label):
        return message("common", _MESSAGE_KEYS[label], lang)
    return label


def display_groups(frame: pd.DataFrame, names: Iterable[object], lang: str = "en") -> pd.DataFrame:
    """A copy of `frame` for display: group columns and index levels `names` in `lang`.

    Columns or index levels named in `names` (absent ones are skipped) show
    the explicit groups of missing values in `lang` (:func:`display_group`);
    every other value is kept.

    Examples
    --------
    >>> table = pd.DataFrame({"sector": ["Schools", "unknown"], "degree": [3, 1]})
    >>> display_groups(table, ["sector"], "de")["sector"].tolist()
    ['Schools', 'unbekannt']
    """
    out = frame.copy()
    for name in names:
        if name is None:
            continue
        if name in out.columns:
            out[name] = out[name].map(lambda v: display_group(v, lang)).astype(object)
        elif name in out.index.names:
            if isinstance(out.index, pd.MultiIndex):
                out = out.rename(index=lambda v: display_group(v, lang), level=name)
            else:
                out.index = pd.Index(
                    [display_group(v, lang) for v in out.index], name=out.index.name
                )
    return out
