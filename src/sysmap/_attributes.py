"""Actor attributes: the one definition of a missing value, and group labels.

Group measures (E-I index, mixing, brokerage roles, group modularity, churn by
sector, ...) read a categorical actor attribute such as ``sector``. Real data
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
from collections.abc import Hashable, Iterable, Sequence

import networkx as nx
import numpy as np
import pandas as pd

from ._graph import sorted_nodes
from .exceptions import MissingAttributeError, ParameterError
from .i18n import message

__all__ = [
    "MISSING_GROUPS",
    "NOT_ON_MEMBER_LIST",
    "UNKNOWN",
    "attribute_names",
    "display_group",
    "display_groups",
    "group_labels",
    "group_order",
    "is_missing",
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


def group_order(labels: Iterable[Hashable]) -> list[Hashable]:
    """`labels` sorted (as :func:`~sysmap._graph.sorted_nodes`), the missing-value groups last."""
    labels = set(labels)
    missing = [g for g in MISSING_GROUPS if g in labels]
    return sorted_nodes(labels.difference(missing)) + missing


def group_labels(
    G: nx.Graph | Sequence[nx.Graph],
    group: Hashable,
    *,
    nodes: Iterable[Hashable] | None = None,
) -> pd.Series:
    """Every actor's group: the value of the node attribute `group`, never missing.

    An actor whose value is missing (absent, None, NaN, ``pd.NA`` or blank
    text; see :func:`is_missing`) gets an explicit group instead of being
    dropped or stopping the analysis: :data:`NOT_ON_MEMBER_LIST`
    (``"not on the member list"``) when its ``status`` is ``"not_on_roster"``
    (a partner named in the survey who is not on the member list), else
    :data:`UNKNOWN` (``"unknown"``, e.g. an empty sector cell). These two
    labels stay English in the data; :func:`display_group` shows them in the
    reader's language. A real value equal to one of them joins that group.

    Parameters
    ----------
    G : networkx.Graph or sequence of networkx.Graph
        The network. Several graphs (survey waves, the latest first) are read
        in turn: an actor's group is its first non-missing value, and its
        status for the explicit group the first status found.
    group : hashable
        Node attribute holding the group (e.g. ``"sector"``).
    nodes : iterable of actors, optional
        Actors to label, in this order; default: all actors, sorted.

    Returns
    -------
    pandas.Series
        Group label per actor (object dtype), indexed by ``actor``, named `group`.

    Raises
    ------
    MissingAttributeError
        If no actor of `G` has a value of `group`: the attribute was not read
        at all. The message names the attributes the actors have.
    ParameterError
        If a value is unhashable.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> nx.set_node_attributes(G, {"a": "Schools", "b": " "}, "sector")
    >>> G.nodes["d"]["status"] = "not_on_roster"
    >>> group_labels(G, "sector").tolist()
    ['Schools', 'unknown', 'unknown', 'not on the member list']
    """
    from .io.model import NOT_ON_ROSTER  # io imports little of sysmap; keep it that way

    graphs = [G] if isinstance(G, nx.Graph) else list(G)
    if nodes is None:
        nodes = sorted_nodes(set().union(*graphs)) if len(graphs) > 1 else sorted_nodes(G)
    else:
        nodes = list(nodes)
    labels: list[Hashable] = []
    found = False
    for v in nodes:
        label, status = None, None
        for H in graphs:
            data = H.nodes.get(v)
            if data is None:
                continue
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
                msg = f"node attribute {group!r} must hold hashable values (str, int, ...): {exc}"
                raise ParameterError(msg) from exc
        labels.append(label)
    if not found:  # perhaps only the actors asked for lack it
        found = any(not is_missing(d.get(group)) for H in graphs for _, d in H.nodes(data=True))
    if not found and any(len(H) for H in graphs):
        have = list(dict.fromkeys(a for H in graphs for a in attribute_names(H)))
        msg = (
            f"no actor has a value of the attribute {group!r}; the actors have {have}. "
            "Group attributes such as sectors come from the member list: give it with "
            "--actors FILE on the command line (actors=... when reading in Python), "
            "or choose another attribute."
        )
        raise MissingAttributeError(msg)
    index = pd.Index(nodes, name="actor", dtype=object, tupleize_cols=False)
    return pd.Series(labels, index=index, name=group, dtype=object)


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
