r"""Structural equivalence: actors with the same ties to the same others, and their blocks.

Two actors are structurally equivalent when they send ties to, and receive
ties from, the same third parties (Lorrain and White 1971). As in R's
``sna::equiv.clust``, :func:`structural_equivalence` correlates the actors'
tie profiles (Burt 1976; Breiger, Boorman and Arabie 1975), clusters the
actors hierarchically on those correlations and cuts the tree into blocks;
:func:`block_image` gives the density of ties within and between blocks.
"""

from __future__ import annotations

import numbers
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Literal

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from .._attributes import group_labels
from .._graph import check_graph, edge_arrays, sorted_nodes
from ..exceptions import ParameterError

__all__ = ["MAX_EQUIVALENCE_ACTORS", "BlockModel", "block_image", "structural_equivalence"]

#: Largest network :func:`structural_equivalence` accepts: its correlation
#: matrix is dense (n x n floats; 5,000 actors take 200 MB).
MAX_EQUIVALENCE_ACTORS = 5_000

_METHODS = ("complete", "average", "single", "weighted")
_CHUNK = 512  # rows of the correlation matrix computed at once
_DECIMALS = 12  # correlations are rounded so that equal similarities tie exactly


@dataclass(frozen=True)
class BlockModel:
    """Result of :func:`structural_equivalence`.

    Attributes
    ----------
    labels : pandas.Series
        Block of each actor (int, ``0 .. n_blocks - 1``), indexed by ``actor``
        (sorted), named ``block``. Block 0 is the largest; equal sizes are
        ordered by their first actor.
    n_blocks : int
        Number of blocks.
    correlation : pandas.DataFrame
        Actor x actor correlation of tie profiles (dense; index and columns
        are the sorted actors).
    linkage : numpy.ndarray
        SciPy linkage matrix (``(n - 1) x 4``) of the hierarchical
        clustering on the dissimilarity ``1 - correlation``; row ``k`` merges
        clusters ``Z[k, 0]`` and ``Z[k, 1]`` at height ``Z[k, 2]``, leaves
        numbered in sorted actor order.
    image : pandas.DataFrame
        Block x block density (see :func:`block_image`).
    r_squared : float
        Share of the variance of the tie values (off-diagonal cells)
        explained by the block means (squared correlation between the data
        and the image matrix); NaN if all cells are equal.
    method : str
        Linkage method.
    """

    labels: pd.Series
    n_blocks: int
    correlation: pd.DataFrame
    linkage: np.ndarray
    image: pd.DataFrame
    r_squared: float
    method: str


# --------------------------------------------------------------------------- helpers


def _adjacency(G: nx.Graph, weight: str | None, nodes: list[Hashable]) -> sp.csr_array:
    """Adjacency without the diagonal (undirected: symmetric)."""
    n = len(nodes)
    src, dst, w = edge_arrays(G, nodes, weight)
    keep = src != dst
    src, dst, w = src[keep], dst[keep], w[keep]
    if not np.isfinite(w).all():
        msg = f"edge attribute {weight!r} must be finite."
        raise ParameterError(msg)
    if not G.is_directed():
        src, dst, w = np.concatenate([src, dst]), np.concatenate([dst, src]), np.concatenate([w, w])
    A = sp.csr_array((w, (src, dst)), shape=(n, n))
    A.sum_duplicates()
    return A


def _profile_correlation(A: sp.csr_array) -> np.ndarray:
    """sna's ``sedist(method="correlation")``: row and column of each actor, pairwise."""
    n = A.shape[0]
    scale = float(np.abs(A.data).max()) if A.nnz else 1.0
    A = A / (scale or 1.0)  # correlation is scale-free; keeps the sums small
    AT = A.T.tocsr()
    A2 = A.multiply(A).tocsr()
    t = np.asarray(A.sum(axis=1)).ravel() + np.asarray(A.sum(axis=0)).ravel()
    t2 = np.asarray(A2.sum(axis=1)).ravel() + np.asarray(A2.sum(axis=0)).ravel()
    m = 2.0 * (n - 2)  # profile entries left after removing i's and j's cells
    R = np.zeros((n, n))
    if m <= 0:
        np.fill_diagonal(R, 1.0)
        return R
    cross = (A @ AT + AT @ A).tocsr()  # sum_k a_ik a_jk + a_ki a_kj
    P = (A + AT).tocsr()  # a_ij + a_ji
    P2 = (A2 + A2.T).tocsr()  # a_ij^2 + a_ji^2
    for lo in range(0, n, _CHUNK):
        hi = min(lo + _CHUNK, n)
        p = P[lo:hi].toarray()
        p2 = P2[lo:hi].toarray()
        sxy = cross[lo:hi].toarray()
        sx = t[lo:hi, None] - p
        sy = t[None, :] - p
        sxx = t2[lo:hi, None] - p2
        syy = t2[None, :] - p2
        vx = m * sxx - sx * sx
        vy = m * syy - sy * sy
        const_x = vx <= 1e-10 * np.maximum(m * sxx, 1e-300)
        const_y = vy <= 1e-10 * np.maximum(m * syy, 1e-300)
        block = np.zeros_like(vx)
        ok = ~const_x & ~const_y
        block[ok] = (m * sxy[ok] - sx[ok] * sy[ok]) / np.sqrt(vx[ok] * vy[ok])
        both = const_x & const_y  # two constant profiles: equivalent iff equal
        block[both & np.isclose(sx, sy, rtol=1e-9, atol=1e-9)] = 1.0
        R[lo:hi] = block
    np.clip(R, -1.0, 1.0, out=R)
    R = np.round((R + R.T) / 2, _DECIMALS) + 0.0  # exact symmetry and ties; no -0.0
    np.fill_diagonal(R, 1.0)
    return R


def _hclust(D: np.ndarray, method: str) -> np.ndarray:
    """R's ``hclust`` (Murtagh's nearest-neighbour-list algorithm), as a SciPy linkage.

    Follows ``stats/src/hclust.f`` step by step, including its tie-breaking
    (the first pair in index order wins), so that blocks equal R's even when
    merge heights tie. `D` (full symmetric dissimilarities) is overwritten.
    """
    n = len(D)
    Z = np.zeros((max(n - 1, 0), 4))
    if n < 2:
        return Z
    inf = 1e300
    flag = np.ones(n, dtype=bool)
    members = np.ones(n)
    cluster_id = np.arange(n)
    nn = np.zeros(n, dtype=np.int64)
    disnn = np.full(n, inf)
    for i in range(n - 1):  # nearest neighbour to the right of i
        j = int(np.argmin(D[i, i + 1 :]))
        nn[i], disnn[i] = i + 1 + j, D[i, i + 1 + j]
    head = np.arange(n - 1)
    for step in range(n - 1):
        cand = np.where(flag[:-1], disnn[:-1], inf)
        im = int(np.argmin(cand))
        i2, j2 = min(im, int(nn[im])), max(im, int(nn[im]))
        crit = float(disnn[im])
        flag[j2] = False
        ks = np.flatnonzero(flag)
        ks = ks[ks != i2]
        a, b = D[i2, ks], D[j2, ks]
        if method == "complete":
            new = np.maximum(a, b)
        elif method == "single":
            new = np.minimum(a, b)
        elif method == "average":
            new = (members[i2] * a + members[j2] * b) / (members[i2] + members[j2])
        else:  # weighted (McQuitty)
            new = (a + b) / 2
        D[i2, ks] = new
        D[ks, i2] = new
        right = ks > i2
        if right.any():
            j = int(np.argmin(new[right]))
            nn[i2], disnn[i2] = ks[right][j], new[right][j]
        else:
            disnn[i2] = inf
        left, vals = ks[~right], new[~right]
        better = vals < disnn[left]  # R's fix for neighbours to the left of i2
        nn[left[better]], disnn[left[better]] = i2, vals[better]
        members[i2] += members[j2]
        Z[step] = (
            min(cluster_id[i2], cluster_id[j2]),
            max(cluster_id[i2], cluster_id[j2]),
            crit,
            members[i2],
        )
        cluster_id[i2] = n + step
        redo = head[flag[:-1] & ((nn[:-1] == i2) | (nn[:-1] == j2))]
        for i in redo:
            cols = np.flatnonzero(flag[i + 1 :]) + i + 1
            if len(cols):
                j = int(np.argmin(D[i, cols]))
                nn[i], disnn[i] = cols[j], D[i, cols[j]]
            else:
                disnn[i] = inf
    return Z


def _cut(Z: np.ndarray, n: int, k: int) -> np.ndarray:
    """Cluster ids after the first ``n - k`` merges of the linkage (union-find)."""
    parent = np.arange(2 * n - 1)

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for step in range(n - k):
        a, b = int(Z[step, 0]), int(Z[step, 1])
        parent[find(a)] = n + step
        parent[find(b)] = n + step
    return np.array([find(i) for i in range(n)])


def _canonical(raw: np.ndarray) -> np.ndarray:
    """Renumber clusters by size (largest 0), ties by their first member."""
    _, first, inverse, counts = np.unique(
        raw, return_index=True, return_inverse=True, return_counts=True
    )
    order = np.lexsort((first, -counts))
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank[inverse.ravel()]


def _largest_gap(heights: np.ndarray, n: int) -> int:
    """Number of blocks (2 .. n-1) at the widest gap between successive merge heights."""
    if n < 3:
        return n
    # g blocks = stop before merge n - g (0-based), gap = h[n-g] - h[n-g-1]
    g = np.arange(2, n)
    gaps = heights[n - g] - heights[n - g - 1]
    return int(g[np.argmax(gaps)])  # ties: fewest blocks


def _block_labels(G: nx.Graph, labels: object, nodes: list[Hashable]) -> pd.Series:
    if isinstance(labels, str) and not isinstance(labels, pd.Series):
        return pd.Series(group_labels(G, labels, nodes=nodes).to_numpy(), index=nodes)
    if isinstance(labels, Mapping | pd.Series):
        series = pd.Series(labels) if not isinstance(labels, pd.Series) else labels
        missing = [v for v in nodes if v not in series.index]
        if missing:
            msg = f"labels give no block for {len(missing)} actor(s), e.g. {missing[:5]}."
            raise ParameterError(msg)
        out = series.loc[nodes] if nodes else series.iloc[:0]
        if out.isna().any():
            msg = "labels contain missing (NaN) blocks."
            raise ParameterError(msg)
        return pd.Series(out.to_numpy(), index=nodes)
    msg = (
        "labels must be a pandas Series or mapping actor -> block, or the name of a "
        f"node attribute; got {type(labels).__name__}."
    )
    raise ParameterError(msg)


def _block_sums(A: sp.csr_array, codes: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    coo = A.tocoo()
    cell = codes[coo.row] * k + codes[coo.col]
    s = np.bincount(cell, weights=coo.data, minlength=k * k).reshape(k, k)
    q = np.bincount(cell, weights=coo.data**2, minlength=k * k).reshape(k, k)
    return s, q


def _cells(sizes: np.ndarray) -> np.ndarray:
    cells = np.outer(sizes, sizes).astype(float)
    np.fill_diagonal(cells, sizes * (sizes - 1.0))
    return cells


def _r_squared(A: sp.csr_array, codes: np.ndarray, k: int) -> float:
    n = A.shape[0]
    N = n * (n - 1.0)
    if N <= 0:
        return float("nan")
    s, _ = _block_sums(A, codes, k)
    cells = _cells(np.bincount(codes, minlength=k))
    total = float(A.sum())
    sq = float(A.multiply(A).sum())
    ss_total = sq - total * total / N
    if ss_total <= 1e-12 * max(sq, 1e-300):
        return float("nan")
    used = cells > 0
    ss_between = float((s[used] ** 2 / cells[used]).sum()) - total * total / N
    return float(min(max(ss_between / ss_total, 0.0), 1.0))


def _image(A: sp.csr_array, codes: np.ndarray, blocks: list[Hashable]) -> pd.DataFrame:
    k = len(blocks)
    s, _ = _block_sums(A, codes, k)
    cells = _cells(np.bincount(codes, minlength=k))
    density = np.divide(s, cells, out=np.full((k, k), np.nan), where=cells > 0)
    frame = pd.DataFrame(
        density, index=pd.Index(blocks, name="block"), columns=pd.Index(blocks, name="block")
    )
    return frame


# --------------------------------------------------------------------------- public


def block_image(
    G: nx.Graph, labels: pd.Series | Mapping | str, *, weight: str | None = None
) -> pd.DataFrame:
    r"""Density of ties within and between blocks (the image matrix).

    Entry :math:`(a, b)` is the sum of the tie values from actors in block
    :math:`a` to actors in block :math:`b`, divided by the number of possible
    ties: :math:`n_a n_b` between blocks and :math:`n_a (n_a - 1)` within a
    block (no self-ties), as ``sna::blockmodel``.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Tie network. Self-loops are ignored.
    labels : pandas.Series, mapping or str
        Block of every actor (e.g. ``structural_equivalence(G).labels``), or
        the name of a node attribute (e.g. ``"sector"``).
    weight : str or None, default=None
        Edge attribute holding tie values; binary density by default.

    Returns
    -------
    pandas.DataFrame
        Block x block densities; rows are the sending block, columns the
        receiving block (symmetric for undirected graphs). Index and columns
        are the sorted block labels (named ``block``). A block of one actor
        has a NaN diagonal cell (no possible tie).

    Raises
    ------
    GraphTypeError
        If `G` is not a simple networkx graph.
    MissingAttributeError
        If `labels` names a node attribute that no actor has. Actors without a
        value form explicit groups (see :func:`~sysmap.metrics.groups.group_labels`).
    ParameterError
        If `labels` misses actors or has missing values.

    Notes
    -----
    On an undirected graph an edge fills both cells, so the diagonal density
    :math:`2 m_a / (n_a (n_a - 1))` is the usual undirected density of the
    block. With `weight` the entries are mean tie values over possible ties.

    References
    ----------
    .. [1] White, Harrison C., Scott A. Boorman, and Ronald L. Breiger. "Social
       Structure from Multiple Networks. I. Blockmodels of Roles and
       Positions." *American Journal of Sociology* 81, no. 4 (1976): 730-780.
       https://doi.org/10.1086/226141

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b"), ("b", "a"), ("a", "c"), ("b", "c")])
    >>> block_image(G, {"a": "X", "b": "X", "c": "Y"})
    block    X    Y
    block
    X      1.0  1.0
    Y      0.0  NaN
    """
    G = check_graph(G)
    nodes = sorted_nodes(G)
    series = _block_labels(G, labels, nodes)
    blocks = sorted_nodes(series.unique())
    index = {b: i for i, b in enumerate(blocks)}
    codes = np.array([index[b] for b in series.to_numpy()], dtype=np.int64)
    A = _adjacency(G, weight, nodes)
    return _image(A, codes, blocks)


def structural_equivalence(
    G: nx.Graph,
    *,
    n_blocks: int | None = None,
    method: Literal["complete", "average", "single", "weighted"] = "complete",
    weight: str | None = None,
) -> BlockModel:
    r"""Blocks of structurally equivalent actors by correlating their tie profiles.

    The profile of actor :math:`i` is its row and its column of the adjacency
    matrix (ties sent and received). The similarity of :math:`i` and
    :math:`j` is the Pearson correlation of their profiles after dropping the
    entries for :math:`i` and :math:`j` themselves (Burt 1976 [2]_; R's
    ``sna::sedist(method="correlation")``). Actors are clustered
    hierarchically on :math:`1 - r` and the tree is cut into `n_blocks`
    blocks, as ``sna::equiv.clust`` followed by ``cutree`` [4]_. Actors in one
    block are (approximately) structurally equivalent [1]_ [3]_.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Tie network. Self-loops are ignored.
    n_blocks : int or None, default=None
        Number of blocks (1 to the number of actors). None cuts the tree
        at the widest gap between successive merge heights (see Notes).
    method : {"complete", "average", "single", "weighted"}, default="complete"
        Linkage (R ``hclust``'s complete, average = UPGMA, single, mcquitty).
    weight : str or None, default=None
        Edge attribute holding tie values; binary by default.

    Returns
    -------
    BlockModel
        ``labels``, ``n_blocks``, ``correlation``, ``linkage``, ``image``,
        ``r_squared``, ``method``.

    Raises
    ------
    GraphTypeError
        If `G` is not a simple networkx graph.
    ParameterError
        If `n_blocks` or `method` is invalid, a tie value is missing, or `G`
        has more than :data:`MAX_EQUIVALENCE_ACTORS` actors (the correlation
        matrix is dense: this method is meant for networks of up to a few
        thousand actors).

    Notes
    -----
    *Reference implementation.* The correlations equal
    ``sna::sedist(A, method="correlation")`` (sna 2.7-1, diag = FALSE) to
    1e-12. The tree is built by R's ``hclust`` algorithm itself (Murtagh's
    nearest-neighbour list, ported from ``stats/src/hclust.f``) on sna's
    dissimilarity ``-r`` (``code.diss=TRUE``), reported as ``1 - r`` (heights
    shifted by 1), so merges and blocks equal ``equiv.clust`` + ``cutree``,
    including R's tie-breaking (the first pair in actor order). Correlations
    are rounded to 12 decimals so that mathematically equal correlations tie
    exactly. R compares its unrounded values, so where correlations tie
    mathematically its order follows the last bits of its arithmetic; on
    networks with many tied correlations (hundreds of actors with few ties
    each) the two trees can then differ, both being valid trees for the
    method. Undirected graphs give each actor a profile of its row twice,
    which leaves the correlation that of the rows.

    *Undefined correlations.* When a profile is constant once the two
    actors' own entries are dropped (e.g. an isolate), Pearson's r is
    undefined; sna then reports 0 (and ``equiv.clust`` stops with an error).
    sysmap also uses 0, except that two constant profiles with the same value
    (two isolates, say) get 1: they are exactly equivalent. Networks of one
    or two actors have no profile entries left: off-diagonal correlations 0.

    *Number of blocks.* With ``n_blocks=None`` the tree is cut where the
    next merge would join clusters much less similar than all merges before
    it: for :math:`g = 2, \ldots, n-1` blocks the gap is
    :math:`h_{n-g+1} - h_{n-g}` (merge heights :math:`h_1 \le \ldots`), and
    the widest gap wins (ties: fewer blocks). Networks of one or two
    actors give one block per actor. Inspect ``linkage`` (e.g. with
    ``scipy.cluster.hierarchy.dendrogram``) to choose another cut.

    *Fit.* ``r_squared`` is :math:`SS_{between} / SS_{total}` of the
    off-diagonal cells grouped by (sending block, receiving block), i.e. the
    squared correlation between the adjacency matrix and the image matrix
    expanded to actors. CONCOR (Breiger, Boorman and Arabie 1975) is not
    implemented; its blocks often agree with these.

    *Cost.* The correlation matrix is built in row chunks from sparse
    products, in O(n^2) memory for the result only.

    References
    ----------
    .. [1] Lorrain, François, and Harrison C. White. "Structural Equivalence of
       Individuals in Social Networks." *Journal of Mathematical Sociology* 1,
       no. 1 (1971): 49-80. https://doi.org/10.1080/0022250X.1971.9989788
    .. [2] Burt, Ronald S. "Positions in Networks." *Social Forces* 55, no. 1
       (1976): 93-122. https://doi.org/10.2307/2577097
    .. [3] Breiger, Ronald L., Scott A. Boorman, and Phipps Arabie. "An
       Algorithm for Clustering Relational Data with Applications to Social
       Network Analysis and Comparison with Multidimensional Scaling."
       *Journal of Mathematical Psychology* 12, no. 3 (1975): 328-383.
       https://doi.org/10.1016/0022-2496(75)90028-0
    .. [4] Butts, Carter T. "Social Network Analysis with sna." *Journal of
       Statistical Software* 24, no. 6 (2008): 1-51.
       https://doi.org/10.18637/jss.v024.i06

    Examples
    --------
    Two senders tie to the same two receivers:

    >>> import networkx as nx
    >>> G = nx.DiGraph([("s1", "r1"), ("s1", "r2"), ("s2", "r1"), ("s2", "r2")])
    >>> bm = structural_equivalence(G, n_blocks=2)
    >>> bm.labels.tolist()
    [0, 0, 1, 1]
    >>> bm.image
    block    0    1
    block
    0      0.0  0.0
    1      1.0  0.0
    >>> bm.r_squared
    1.0
    """
    G = check_graph(G)
    if method not in _METHODS:
        msg = f"method must be one of {_METHODS}; got {method!r}."
        raise ParameterError(msg)
    n = G.number_of_nodes()
    if n > MAX_EQUIVALENCE_ACTORS:
        msg = (
            f"structural_equivalence builds a dense {n:,} x {n:,} correlation matrix; "
            f"it is limited to {MAX_EQUIVALENCE_ACTORS:,} actors."
        )
        raise ParameterError(msg)
    if n_blocks is not None and (
        isinstance(n_blocks, bool)
        or not isinstance(n_blocks, numbers.Integral)
        or not 1 <= n_blocks <= max(n, 1)
    ):
        msg = f"n_blocks must be None or an int in [1, {max(n, 1)}]; got {n_blocks!r}."
        raise ParameterError(msg)
    nodes = sorted_nodes(G)
    A = _adjacency(G, weight, nodes)
    R = _profile_correlation(A)
    Z = _hclust(-R, method)  # sna's dissimilarity -r; heights reported as 1 - r
    Z[:, 2] += 1.0
    k = _largest_gap(Z[:, 2], n) if n_blocks is None else int(n_blocks)
    codes = _canonical(_cut(Z, n, k)) if n else np.zeros(0, dtype=np.int64)
    k = int(codes.max()) + 1 if n else 0
    index = pd.Index(nodes, name="actor")
    labels = pd.Series(codes, index=index, name="block")
    correlation = pd.DataFrame(R, index=index, columns=pd.Index(nodes, name="actor"))
    image = _image(A, codes, list(range(k)))
    return BlockModel(labels, k, correlation, Z, image, _r_squared(A, codes, k), method)
