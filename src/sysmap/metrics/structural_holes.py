r"""Burt's structural holes: constraint, effective size, efficiency and hierarchy.

An actor spans a *structural hole* when its contacts are not tied to one
another: it can broker between them. Burt (1992) measures this with four
numbers per actor, all built from the proportional tie strength

.. math::

   p_{ij} = \frac{z_{ij}}{\sum_k z_{ik}}, \qquad z_{ij} = a_{ij} + a_{ji},

where :math:`a_{ij}` is the weight of the tie ``i -> j`` (1 if unweighted) and
:math:`z_{ij}` the *mutual weight*: in- and out-ties are combined, so an actor's
contacts are its in- and out-neighbours.

=============== ===============================================================
measure         definition (sums over contacts; :math:`q \ne i, j`)
=============== ===============================================================
constraint      :math:`C_i = \sum_j c_{ij}`,
                :math:`c_{ij} = (p_{ij} + \sum_q p_{iq} p_{qj})^2`
effective size  :math:`ES_i = \sum_j [1 - \sum_q p_{iq} m_{jq}]`,
                :math:`m_{jq} = z_{jq} / \max_k z_{jk}`
efficiency      :math:`ES_i / N_i`, :math:`N_i` = number of contacts
hierarchy       :math:`H_i = \sum_j r_j \ln r_j / (N_i \ln N_i)`,
                :math:`r_j = c_{ij} / (C_i / N_i)`
=============== ===============================================================

Two models differ in which ties of the contacts count (UCINET offers both;
Borgatti 1997):

* ``model="whole"`` (igraph's and networkx's convention): :math:`p_{qj}` and
  :math:`m_{jq}` are normalised over *all* ties of the contact, including ties
  to third parties outside ego's network.
* ``model="ego"`` (UCINET's default): each ego is analysed as if its ego
  network (ego, its contacts and the ties among them) were the whole network,
  so a contact's ties to third parties are ignored.

The computation is sparse: the indirect terms only involve triangles
(``i``, ``q`` and ``j`` pairwise tied), which are listed once with a
degree-ordered forward algorithm and accumulated with ``numpy.bincount``. No
``n x n`` array is ever built.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Literal

import networkx as nx
import numpy as np
import pandas as pd

from .._graph import actor_frame, check_graph, sorted_nodes, to_csr
from .._progress import progress_bar
from ..exceptions import ParameterError

__all__ = [
    "constraint",
    "effective_size",
    "efficiency",
    "hierarchy",
    "structural_hole_measures",
]

_MODELS = ("whole", "ego")
_COLUMNS = ("constraint", "effective_size", "efficiency", "hierarchy")

# Candidate neighbour pairs examined per chunk while listing triangles, and
# triangles accumulated per chunk (both bound temporary memory).
_PAIR_CHUNK = 1 << 22
_TRIANGLE_CHUNK = 1 << 21

# --------------------------------------------------------------------------- graph gathering


@dataclass
class _Local:
    """Loop-free mutual-weight graph around the focal actors (local indices).

    ``eu < ev`` lists each tie once (sorted), ``ez`` its mutual weight (> 0).
    ``strength`` and ``top`` hold each local actor's total and largest mutual
    weight over *all* its ties in `G` (for the whole-network model).
    ``focal`` is the index array of the actors to report.
    """

    nodes: list[Hashable]
    eu: np.ndarray
    ev: np.ndarray
    ez: np.ndarray
    strength: np.ndarray
    top: np.ndarray
    focal: np.ndarray


def _check_weights(values: np.ndarray, weight: str | None) -> None:
    bad = ~np.isfinite(values) | (values < 0)
    if bad.any():
        msg = (
            f"edge attribute {weight!r} must be a finite number >= 0 on every tie; "
            f"found {values[bad][:5].tolist()}."
        )
        raise ParameterError(msg)


def _edge_list(n: int, r: np.ndarray, c: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, ...]:
    """Undirected, loop-free tie list ``u < v`` with summed mutual weights, zeros dropped."""
    keep = r != c
    r, c, w = r[keep], c[keep], w[keep]
    u, v = np.minimum(r, c), np.maximum(r, c)
    key = u * n + v
    uniq, inv = np.unique(key, return_inverse=True)
    z = np.bincount(inv, weights=w, minlength=len(uniq)) if len(uniq) else np.zeros(0)
    eu, ev = uniq // n if n else uniq, uniq % n if n else uniq
    pos = z > 0
    return eu[pos].astype(np.int64), ev[pos].astype(np.int64), z[pos]


def _strength_top(n: int, eu: np.ndarray, ev: np.ndarray, ez: np.ndarray) -> tuple[np.ndarray, ...]:
    ends = np.concatenate([eu, ev])
    z2 = np.concatenate([ez, ez])
    strength = np.bincount(ends, weights=z2, minlength=n)
    top = np.zeros(n)
    np.maximum.at(top, ends, z2)
    return strength, top


def _gather_all(G: nx.Graph, weight: str | None) -> _Local:
    nodes = sorted_nodes(G)
    n = len(nodes)
    A, _ = to_csr(G, weight=weight, nodes=nodes)
    _check_weights(A.data, weight)
    coo = A.tocoo()
    r, c, w = coo.row.astype(np.int64), coo.col.astype(np.int64), coo.data.astype(float)
    if not G.is_directed():
        # to_csr stores both directions; keep one so z_ij = a_ij (p and m are ratios,
        # so this equals networkx's 2 * a_ij convention exactly).
        keep = r <= c
        r, c, w = r[keep], c[keep], w[keep]
    eu, ev, ez = _edge_list(n, r, c, w)
    strength, top = _strength_top(n, eu, ev, ez)
    return _Local(nodes, eu, ev, ez, strength, top, np.arange(n, dtype=np.int64))


def _gather_subset(G: nx.Graph, weight: str | None, focal: list[Hashable]) -> _Local:
    """The focal actors, their contacts and the ties among them; cost ~ local volume.

    Every tie of a focal actor or of one of its contacts is read once (for the
    contacts' total and largest mutual weight); nothing else of `G` is touched.
    """
    index: dict[Hashable, int] = {v: k for k, v in enumerate(focal)}
    nodes = list(focal)
    adjs = (G.succ, G.pred) if G.is_directed() else (G.adj,)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[object] = []

    def read(members: Iterable[int]) -> None:
        for k in members:
            v = nodes[k]
            for adj in adjs:
                for nbr, data in adj[v].items():
                    if nbr == v:
                        continue
                    j = index.get(nbr)
                    if j is None:
                        j = index[nbr] = len(nodes)
                        nodes.append(nbr)
                    rows.append(k)
                    cols.append(j)
                    vals.append(1.0 if weight is None else data.get(weight, 1))

    def mutual() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        a = np.array(vals, dtype=float)
        if np.isnan(a).any():
            msg = (
                f"edge attribute {weight!r} is missing (None/NaN) on some ties; fill or drop them."
            )
            raise ParameterError(msg)
        _check_weights(a, weight)
        r, c = np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)
        n = len(nodes)
        key, inv = np.unique(r * n + c, return_inverse=True)  # a_vu + a_uv per pair
        z = np.bincount(inv, weights=a, minlength=len(key))
        pos = z > 0
        return key[pos] // n, key[pos] % n, z[pos]

    read(range(len(focal)))
    r, c, _ = mutual()
    inner = np.zeros(len(nodes), dtype=bool)
    inner[: len(focal)] = True
    inner[c] = True  # focal actors and their contacts
    read(np.flatnonzero(inner[len(focal) :]) + len(focal))
    r, c, z = mutual()
    n = len(nodes)  # now also counts contacts' contacts (no ties of their own read)
    inner = np.concatenate([inner, np.zeros(n - len(inner), dtype=bool)])
    strength = np.bincount(r, weights=z, minlength=n)
    top = np.zeros(n)
    np.maximum.at(top, r, z)
    keep = inner[r] & inner[c] & (r < c)
    eu, ev, ez = _edge_list(n, r[keep], c[keep], z[keep])
    return _Local(nodes, eu, ev, ez, strength, top, np.arange(len(focal), dtype=np.int64))


# --------------------------------------------------------------------------- triangles


def _triangles(
    n: int, eu: np.ndarray, ev: np.ndarray, progress: bool | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """List every triangle once: vertices ``(x, y, w)`` and tie ids ``(xy, xw, yw)``.

    Forward algorithm: orient each tie from the lower- to the higher-ranked end
    (rank = degree, then index), so out-degrees are at most ``sqrt(2m)``; every
    triangle is found exactly once as a pair of out-ties of its lowest-ranked
    vertex, closed by a tie looked up by binary search in the sorted tie keys.
    """
    m = len(eu)
    empty = np.empty(0, dtype=np.int64)
    if m == 0:
        return (empty,) * 6
    deg = np.bincount(eu, minlength=n) + np.bincount(ev, minlength=n)
    rank = np.empty(n, dtype=np.int64)
    rank[np.lexsort((np.arange(n), deg))] = np.arange(n)
    swap = rank[eu] > rank[ev]
    lo = np.where(swap, ev, eu)
    hi = np.where(swap, eu, ev)
    order = np.lexsort((rank[hi], lo))
    lo, hi, eid = lo[order], hi[order], order.astype(np.int64)
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(lo, minlength=n), out=ptr[1:])
    count = ptr[lo + 1] - np.arange(m) - 1  # pairs (p, p') with p' after p in p's segment
    cum = np.cumsum(count)
    keys = eu * n + ev  # sorted: (eu, ev) is lexicographically sorted

    bounds = []  # chunks of ties with about _PAIR_CHUNK pairs each (known up front: a total)
    start = 0
    while start < m:
        base = cum[start - 1] if start else 0
        stop = max(int(np.searchsorted(cum, base + _PAIR_CHUNK, side="right")), start + 1)
        bounds.append((start, stop))
        start = stop
    bar = progress_bar(
        total=len(bounds), desc="structural holes: triangles", unit="chunk", progress=progress
    )
    parts = []
    for start, stop in bounds:
        c = count[start:stop]
        total = int(c.sum())
        if total:
            first = np.repeat(np.arange(start, stop, dtype=np.int64), c)
            second = first + 1 + np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(c) - c, c)
            y, w = hi[first], hi[second]
            q = np.minimum(y, w) * n + np.maximum(y, w)
            pos = np.searchsorted(keys, q)
            pos[pos == m] = 0
            ok = keys[pos] == q
            parts.append((lo[first[ok]], y[ok], w[ok], eid[first[ok]], eid[second[ok]], pos[ok]))
        bar.update(1)
    bar.close()
    if not parts:
        return (empty,) * 6
    return tuple(np.concatenate(x) for x in zip(*parts))  # type: ignore[return-value]


# --------------------------------------------------------------------------- measures


def _compute(local: _Local, model: str, progress: bool) -> dict[str, np.ndarray]:
    n = len(local.nodes)
    eu, ev, ez = local.eu, local.ev, local.ez
    m = len(eu)
    src = np.concatenate([eu, ev])  # slot e: eu -> ev; slot e + m: ev -> eu
    z2 = np.concatenate([ez, ez])
    p = z2 / local.strength[src] if m else z2
    subset = len(local.focal) < n
    is_focal = np.zeros(n, dtype=bool)
    is_focal[local.focal] = True

    x, y, w, exy, exw, eyw = _triangles(n, eu, ev, progress)
    chunks = range(0, len(x), _TRIANGLE_CHUNK)
    passes = 1 if model == "whole" else 2
    desc = "structural holes: sums"
    with progress_bar(
        total=passes * len(chunks), desc=desc, unit="chunk", progress=progress
    ) as bar:

        def slot(e: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
            return e + m * (a > b)

        def orientations(lo: int, hi: int):
            """The six (i, q, j) readings of triangles lo:hi as slot arrays."""
            tx, ty, tw = x[lo:hi], y[lo:hi], w[lo:hi]
            xy, xw, yw = exy[lo:hi], exw[lo:hi], eyw[lo:hi]
            for i, q, j, iq, qj, ij in (
                (tx, ty, tw, xy, yw, xw),
                (tx, tw, ty, xw, yw, xy),
                (ty, tx, tw, xy, xw, yw),
                (ty, tw, tx, yw, xw, xy),
                (tw, tx, ty, xw, xy, yw),
                (tw, ty, tx, yw, xy, xw),
            ):
                s_iq, s_qj, s_ij = slot(iq, i, q), slot(qj, q, j), slot(ij, i, j)
                if subset:
                    keep = is_focal[i]
                    i, j = i[keep], j[keep]
                    s_iq, s_qj, s_ij = s_iq[keep], s_qj[keep], s_ij[keep]
                yield i, j, s_iq, s_qj, s_ij

        indirect = np.zeros(2 * m)
        redundancy = np.zeros(n)
        if model == "whole":
            for lo in chunks:
                for i, j, s_iq, s_qj, s_ij in orientations(lo, lo + _TRIANGLE_CHUNK):
                    indirect += np.bincount(s_ij, weights=p[s_iq] * p[s_qj], minlength=2 * m)
                    red = p[s_iq] * z2[s_qj] / local.top[j]
                    redundancy += np.bincount(i, weights=red, minlength=n)
                bar.update(1)
        else:
            # Ego-network model: a contact q's strength and largest tie, seen from ego i,
            # count only q's ties to i and to i's other contacts (per ordered tie i -> q).
            ego_strength = z2.copy()
            ego_top = z2.copy()
            for lo in chunks:
                for _, _, s_iq, s_qj, _ in orientations(lo, lo + _TRIANGLE_CHUNK):
                    ego_strength += np.bincount(s_iq, weights=z2[s_qj], minlength=2 * m)
                    np.maximum.at(ego_top, s_iq, z2[s_qj])
                bar.update(1)
            for lo in chunks:
                for i, _, s_iq, s_qj, s_ij in orientations(lo, lo + _TRIANGLE_CHUNK):
                    w_iq = p[s_iq] * z2[s_qj]
                    indirect += np.bincount(
                        s_ij, weights=w_iq / ego_strength[s_iq], minlength=2 * m
                    )
                    redundancy += np.bincount(i, weights=w_iq / ego_top[s_ij], minlength=n)
                bar.update(1)

    dyadic = (p + indirect) ** 2
    degree = np.bincount(src, minlength=n).astype(float)
    total = np.bincount(src, weights=dyadic, minlength=n).astype(float)  # float if m == 0
    with np.errstate(divide="ignore", invalid="ignore"):
        r = dyadic * degree[src] / total[src]
        spread = np.bincount(src, weights=r * np.log(r), minlength=n)
        hier = np.maximum(spread / (degree * np.log(degree)), 0.0)
        size = degree - redundancy
        eff = size / degree
    isolate = degree == 0
    hier[degree <= 1] = np.nan
    total[isolate] = np.nan
    size[isolate] = np.nan
    f = local.focal
    return {
        "constraint": total[f],
        "effective_size": size[f],
        "efficiency": eff[f],
        "hierarchy": hier[f],
    }


def _focal_nodes(G: nx.Graph, nodes: object) -> list[Hashable] | None:
    if nodes is None:
        return None
    try:
        if nodes in G:  # a single actor, as networkx's nbunch accepts
            return [nodes]
    except TypeError:
        pass
    if not isinstance(nodes, Iterable):
        msg = f"nodes must be None, an actor of G or an iterable of actors; got {nodes!r}."
        raise ParameterError(msg)
    wanted = list(dict.fromkeys(nodes))
    missing = [v for v in wanted if v not in G]
    if missing:
        msg = f"nodes contains {len(missing)} actor(s) not in G: {missing[:5]!r}."
        raise ParameterError(msg)
    return wanted


# --------------------------------------------------------------------------- public API


def structural_hole_measures(
    G: nx.Graph,
    *,
    weight: str | None = None,
    model: Literal["whole", "ego"] = "whole",
    nodes: Iterable[Hashable] | Hashable | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    r"""Burt's four structural-hole measures for every actor.

    Constraint, effective size, efficiency and hierarchy (Burt 1992 [1]_;
    Borgatti 1997 [2]_), from the proportional mutual tie strength
    :math:`p_{ij} = z_{ij} / \sum_k z_{ik}` with :math:`z_{ij} = a_{ij} + a_{ji}`
    (in- and out-ties combined)::

        constraint      C_i  = sum_j (p_ij + sum_q p_iq p_qj)^2
        effective_size  ES_i = sum_j [1 - sum_q p_iq m_jq],   m_jq = z_jq / max_k z_jk
        efficiency      ES_i / N_i                            (N_i contacts)
        hierarchy       H_i  = sum_j r_j ln r_j / (N_i ln N_i),  r_j = c_ij / (C_i / N_i)

    with sums over ``i``'s contacts ``j`` and ``q`` (``q != i, j``) and
    :math:`c_{ij}` the dyadic constraint (the summand of :math:`C_i`).
    Low constraint, high effective size and high efficiency mark brokers;
    high hierarchy means the constraint on an actor comes from one or a few
    contacts.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Tie network. Directed ties are combined in both directions.
    weight : str or None, default=None
        Edge attribute holding tie strength (e.g. ``"weight"`` or
        ``"intensity"``); ``None`` counts every tie as 1. Ties without the
        attribute count as 1.
    model : {"whole", "ego"}, default="whole"
        ``"whole"``: contacts' ties to third parties outside ego's network
        count when normalising :math:`p_{qj}` and :math:`m_{jq}` (igraph's and
        networkx's convention). ``"ego"``: each ego network (ego, its contacts
        and the ties among them) is analysed on its own, as in UCINET's
        default "ego network model".
    nodes : actor, iterable of actors or None, default=None
        Report only these actors. The cost is proportional to the ties around
        them (their contacts' ties), not to the size of `G`.
    progress : bool or None, default=None
        Show a progress bar (chunks of the triangle listing and accumulation).
        ``None``: shown if ``SYSMAP_PROGRESS=1``, or standard error is a
        terminal (:func:`~sysmap._progress.show_progress`).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``actor`` (sorted); float columns ``constraint``,
        ``effective_size``, ``efficiency``, ``hierarchy``.

    Raises
    ------
    GraphTypeError
        If `G` is not a networkx graph or is a multigraph.
    ParameterError
        If `model` is unknown, `nodes` names actors not in `G`, or a `weight`
        value is missing, negative or not finite.

    See Also
    --------
    constraint, effective_size, efficiency, hierarchy : one column each.

    Notes
    -----
    *Reference conventions.* With ``model="whole"``, constraint equals
    ``igraph.Graph.constraint`` and ``networkx.constraint``, and effective size
    equals networkx's per-actor ``effective_size(G, nodes=...)`` path, for
    directed, undirected, weighted and unweighted graphs. networkx's vectorised
    ``effective_size(G)`` (all nodes, networkx 3.5-3.6) divides by the wrong
    maximum on weighted or directed graphs and is not followed. networkx's
    per-actor paths return NaN for actors with only *incoming* ties; here, as
    in igraph, in-ties are contacts like any other.

    *Which measures the model changes.* The ego model replaces, for each ego
    ``i``, a contact's total and largest mutual weight by its total and
    largest mutual weight *within ego's network* (its ties to ``i`` and to
    ``i``'s other contacts); ego's own :math:`p_{ij}` are the same in both
    models. Constraint and hierarchy depend on the contacts' totals and
    differ between the models even for unweighted ties. Effective size and
    efficiency depend on the contacts' maxima only, so on undirected
    unweighted graphs both models give Borgatti's :math:`N - 2t/N`
    (:math:`t` ties among the :math:`N` contacts); they differ on weighted
    graphs, and on directed graphs where a contact's only reciprocated tie
    (mutual weight 2) leads outside ego's network. Ego networks of directed
    graphs contain in- and out-contacts (UCINET's "both").

    *Edge cases.* Isolates (no contacts) get NaN in all four columns. An actor
    with a single contact has constraint 1, effective size 1, efficiency 1
    and hierarchy NaN: :math:`N \ln N = 0` and there is no distribution of
    constraint to be concentrated (``0/0``; UCINET likewise reports undefined
    values as missing by default). Hierarchy is 0 when all contacts
    constrain equally and approaches 1 as one contact carries all the
    constraint (rounding below 0 is clipped to 0). Self-loops are ignored. A
    tie whose mutual weight is 0 is not a contact. Negative weights are
    rejected.

    References
    ----------
    .. [1] Burt, Ronald S. *Structural Holes: The Social Structure of
       Competition.* Cambridge, MA: Harvard University Press, 1992.
       https://doi.org/10.4159/9780674029095
    .. [2] Borgatti, Stephen P. "Structural Holes: Unpacking Burt's Redundancy
       Measures." *Connections* 20, no. 1 (1997): 35-38.

    Examples
    --------
    Ego has three contacts; two of them (``a``, ``b``) know each other:

    >>> import networkx as nx
    >>> G = nx.Graph([("ego", "a"), ("ego", "b"), ("ego", "c"), ("a", "b")])
    >>> structural_hole_measures(G).loc["ego"].round(4).to_dict()
    {'constraint': 0.6111, 'effective_size': 2.3333, 'efficiency': 0.7778, 'hierarchy': 0.0522}
    >>> structural_hole_measures(G, nodes=["c"])
           constraint  effective_size  efficiency  hierarchy
    actor
    c             1.0             1.0         1.0        NaN
    """
    G = check_graph(G)
    if model not in _MODELS:
        msg = f"model must be one of {_MODELS}; got {model!r}."
        raise ParameterError(msg)
    focal = _focal_nodes(G, nodes)
    local = _gather_all(G, weight) if focal is None else _gather_subset(G, weight, focal)
    values = _compute(local, model, progress)
    ids = [local.nodes[k] for k in local.focal]
    return actor_frame(ids, {c: values[c] for c in _COLUMNS})


def constraint(
    G: nx.Graph,
    *,
    weight: str | None = None,
    model: Literal["whole", "ego"] = "whole",
    nodes: Iterable[Hashable] | Hashable | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    r"""Burt's constraint: how much an actor's ties are invested in one cluster.

    :math:`C_i = \sum_j (p_{ij} + \sum_q p_{iq} p_{qj})^2` over ``i``'s
    contacts (Burt 1992 [1]_). Ranges from about :math:`1/N` (contacts
    unconnected) up to 1 for a single contact, and slightly above 1 in dense
    small cliques. See :func:`structural_hole_measures` for parameters, the ``model``
    choice and edge cases (isolates: NaN).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``actor``; one float column ``constraint``.

    References
    ----------
    .. [1] Burt, Ronald S. *Structural Holes: The Social Structure of
       Competition.* Cambridge, MA: Harvard University Press, 1992.
       https://doi.org/10.4159/9780674029095

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.star_graph(3)  # hub 0 with three unconnected contacts
    >>> constraint(G).join(effective_size(G)).loc[0].round(4).to_dict()
    {'constraint': 0.3333, 'effective_size': 3.0}
    """
    G = check_graph(G)
    return structural_hole_measures(G, weight=weight, model=model, nodes=nodes, progress=progress)[
        ["constraint"]
    ]


def effective_size(
    G: nx.Graph,
    *,
    weight: str | None = None,
    model: Literal["whole", "ego"] = "whole",
    nodes: Iterable[Hashable] | Hashable | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    r"""Burt's effective size: the number of contacts, less their redundancy.

    :math:`ES_i = \sum_j [1 - \sum_q p_{iq} m_{jq}]` with
    :math:`m_{jq} = z_{jq} / \max_k z_{jk}` (Burt 1992 [1]_); for unweighted
    undirected ties this is Borgatti's :math:`N - 2t/N` [2]_. See
    :func:`structural_hole_measures` for parameters, the ``model`` choice and edge
    cases (isolates: NaN).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``actor``; one float column ``effective_size``.

    References
    ----------
    .. [1] Burt, Ronald S. *Structural Holes: The Social Structure of
       Competition.* Cambridge, MA: Harvard University Press, 1992.
       https://doi.org/10.4159/9780674029095
    .. [2] Borgatti, Stephen P. "Structural Holes: Unpacking Burt's Redundancy
       Measures." *Connections* 20, no. 1 (1997): 35-38.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([(0, 1), (0, 2), (0, 3), (1, 2)])
    >>> float(effective_size(G).loc[0, "effective_size"].round(4))  # 3 - 2*1/3
    2.3333
    """
    G = check_graph(G)
    return structural_hole_measures(G, weight=weight, model=model, nodes=nodes, progress=progress)[
        ["effective_size"]
    ]


def efficiency(
    G: nx.Graph,
    *,
    weight: str | None = None,
    model: Literal["whole", "ego"] = "whole",
    nodes: Iterable[Hashable] | Hashable | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    r"""Burt's efficiency: effective size per contact, :math:`ES_i / N_i`.

    Between :math:`1/N_i` and 1 (Burt 1992 [1]_). Not ``networkx.efficiency``,
    which is a distance-based measure. See :func:`structural_hole_measures` for
    parameters, the ``model`` choice and edge cases (isolates: NaN).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``actor``; one float column ``efficiency``.

    References
    ----------
    .. [1] Burt, Ronald S. *Structural Holes: The Social Structure of
       Competition.* Cambridge, MA: Harvard University Press, 1992.
       https://doi.org/10.4159/9780674029095

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([(0, 1), (0, 2), (0, 3), (1, 2)])
    >>> float(efficiency(G).loc[0, "efficiency"].round(4))  # (3 - 2/3) / 3
    0.7778
    """
    G = check_graph(G)
    return structural_hole_measures(G, weight=weight, model=model, nodes=nodes, progress=progress)[
        ["efficiency"]
    ]


def hierarchy(
    G: nx.Graph,
    *,
    weight: str | None = None,
    model: Literal["whole", "ego"] = "whole",
    nodes: Iterable[Hashable] | Hashable | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    r"""Burt's hierarchy: how concentrated an actor's constraint is in few contacts.

    :math:`H_i = \sum_j r_j \ln r_j / (N_i \ln N_i)` with
    :math:`r_j = c_{ij} / (C_i / N_i)`, the Coleman-Theil disorder index of
    the dyadic constraints (Burt 1992 [1]_). 0 when every contact constrains
    equally; NaN for isolates and for actors with one contact (``0/0``). Not
    ``networkx.flow_hierarchy``. See :func:`structural_hole_measures` for parameters
    and the ``model`` choice.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``actor``; one float column ``hierarchy``.

    References
    ----------
    .. [1] Burt, Ronald S. *Structural Holes: The Social Structure of
       Competition.* Cambridge, MA: Harvard University Press, 1992.
       https://doi.org/10.4159/9780674029095

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.star_graph(3)  # equal constraint from every contact
    >>> float(hierarchy(G).loc[0, "hierarchy"])
    0.0
    """
    G = check_graph(G)
    return structural_hole_measures(G, weight=weight, model=model, nodes=nodes, progress=progress)[
        ["hierarchy"]
    ]
