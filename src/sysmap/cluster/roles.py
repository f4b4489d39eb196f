r"""Actor roles: a position profile for every actor, clustered into plain-language roles.

:func:`actor_features` collects each actor's position in one table (degree,
betweenness, Burt's structural-hole measures, brokerage roles by group,
E-I index, coreness, clustering). :class:`ActorClustering` is a
scikit-learn style estimator that groups actors with similar profiles
(k-means, Ward agglomerative clustering or a Gaussian mixture), chooses the
number of roles itself if asked, and describes every role in words
("cross-sector brokers: high betweenness, low constraint, many liaison
roles").
"""

from __future__ import annotations

import numbers
import warnings
from collections.abc import Hashable, Sequence

import networkx as nx
import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClusterMixin
from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.exceptions import ConvergenceWarning as SklearnConvergenceWarning
from sklearn.metrics import silhouette_score
from sklearn.mixture import GaussianMixture
from threadpoolctl import threadpool_limits

from .._graph import actor_frame, check_graph, sorted_nodes, to_igraph
from .._random import check_seed, sklearn_random_state
from ..exceptions import ConvergenceWarning, NotFittedError, ParameterError
from ..i18n import Msg, catalogue
from ..metrics.brokerage import ROLES
from ..metrics.centrality import degree
from ..metrics.store import MeasureStore
from .blockmodel import _canonical
from .coreperiphery import core_periphery

__all__ = [
    "BASE_FEATURES",
    "GROUP_FEATURES",
    "ActorClustering",
    "actor_features",
]

#: Features computed for every graph (``in_degree``/``out_degree`` replace
#: ``degree`` on directed graphs).
BASE_FEATURES = (
    "degree",
    "in_degree",
    "out_degree",
    "log_betweenness",
    "constraint",
    "effective_size",
    "efficiency",
    "hierarchy",
    "coreness",
    "clustering",
)
#: Features computed only when a `group` attribute is given.
GROUP_FEATURES = tuple(f"{role}_share" for role in ROLES) + ("ei_index",)


# Features described as counts ("many"/"few") rather than levels ("high"/"low").
_COUNT_FEATURES = frozenset({f"{role}_share" for role in ROLES} | {"in_degree", "out_degree"})
# |z| from which a cluster centre counts as high or low.
_THRESHOLD = 0.5
_MAX_TRAITS = 3
# Variance floor of the mixture components (standardised features: 1 % of a
# feature's variance), so that one or two identical actors cannot form a
# zero-variance component of infinite likelihood.
_GMM_REG_COVAR = 1e-2
# Above this many actors the silhouette is estimated on a seeded sample (it is O(n^2)).
_SILHOUETTE_SAMPLE = 2_000
_METHODS = ("agglomerative", "gmm", "kmeans")
_FITTED = frozenset(
    {
        "labels_",
        "n_clusters_",
        "scores_",
        "cluster_centers_",
        "cluster_profiles_",
        "descriptions_",
        "role_names_",
        "feature_names_in_",
        "n_features_in_",
        "mean_",
        "scale_",
        "model_",
    }
)


# --------------------------------------------------------------------------- features


def _clustering(G: nx.Graph, nodes: list[Hashable]) -> np.ndarray:
    H, _ = to_igraph(G, nodes=nodes)
    if H.is_directed():
        H.to_undirected(mode="collapse")
    H.simplify()
    return np.asarray(H.transitivity_local_undirected(mode="zero"), dtype=float)


def actor_features(
    G: nx.Graph,
    *,
    group: Hashable | None = None,
    weight: str | None = None,
    features: Sequence[str] | None = None,
    sample: int | None = None,
    seed: None | int | np.random.Generator = None,
    progress: bool | None = None,
    n_jobs: int | None = None,
    store: MeasureStore | None = None,
) -> pd.DataFrame:
    r"""Position profile of every actor, ready for clustering into roles.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Tie network.
    group : hashable, dict or pandas.Series, optional
        Node attribute holding each actor's group (e.g. ``"sector"``), or the
        labels by actor; adds
        the brokerage role shares and the E-I index.
    weight : str or None, default=None
        Tie attribute for degree (weighted degree), the structural-hole
        measures and coreness. Betweenness and clustering always use the
        binary ties.
    features : sequence of str, optional
        Keep only these columns (in this order). Default: all available.
    sample : int, optional
        Estimate betweenness from this many source actors whatever the size
        (default: the size policy, exact up to 2,000 actors).
    seed : None, int, numpy.random.Generator or numpy.random.RandomState, default=None
        Randomness for `sample`.
    progress : bool or None, default=None
        Show progress bars of the underlying measures.
        ``None``: shown if ``SYSMAP_PROGRESS=1``, or standard error is a
        terminal (:func:`~sysmap._progress.show_progress`).
    n_jobs : int or None, default=None
        Processes for betweenness (see :func:`~sysmap.metrics.betweenness`);
        the result does not depend on it.
    store : MeasureStore, optional
        The measures of `G` (betweenness, structural holes, brokerage, E-I
        index), computed once and shared with other tables; its seed and
        size policy apply (`sample`, `seed`, `progress`, `n_jobs` are then
        not used) and its weight must be `weight`. Default: a store made
        here, which samples betweenness by the size policy of
        :mod:`sysmap.metrics.store` unless `sample` is given.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``actor`` (sorted), float columns, no NaN:

        ``degree`` (undirected) or ``in_degree``, ``out_degree`` (directed)
            Ties (or summed `weight`), self-loops ignored.
        ``log_betweenness``
            :math:`\ln(1 + b)` of the raw betweenness :math:`b` (unordered
            pairs for undirected graphs); the log tames its skew.
        ``constraint``, ``effective_size``, ``efficiency``, ``hierarchy``
            Burt's measures, whole-network model (as igraph / networkx).
        ``coreness``
            Continuous core-periphery coreness (MINRES, unit length; see
            :func:`~sysmap.cluster.core_periphery`). On very
            sparse networks (trees, stars) the model's answer is the single-hub
            limit (1 for the main hub, 0 for everyone else); its warning is
            not repeated here.
        ``clustering``
            Local clustering coefficient of the undirected, unweighted graph.
        ``<role>_share`` (with `group`)
            ``coordinator_share``, ``itinerant_share``,
            ``representative_share``, ``gatekeeper_share``, ``liaison_share``:
            each Gould-Fernandez role as a share of the actor's open two-paths
            (brokerage total), so they sum to 1 for every broker.
        ``ei_index`` (with `group`)
            The actor's E-I index, :math:`(E - I)/(E + I)` over its ties.

    Raises
    ------
    GraphTypeError
        If `G` is not a simple networkx graph.
    MissingAttributeError
        If `group` is given and no actor has a value of it (actors without a
        value form explicit groups, see :func:`~sysmap.metrics.groups.group_labels`).
    ParameterError
        If `features` names an unknown or unavailable column, or another
        argument is invalid.

    Notes
    -----
    *Undefined values are filled*, so that every actor can be clustered, and
    filled the way that places the actor at the unconnected end of each
    scale: isolates get constraint 1 (the value of a single contact),
    effective size 0 and efficiency 0; hierarchy, undefined for isolates and
    for actors with one contact, is 0; role shares of actors that broker no
    pair are 0; the E-I index of an actor without ties is 0 (neither inward
    nor outward). Clustering is 0 for actors with fewer than two contacts.

    *Shares, not z-scores.* The brokerage z-scores of ``sna::brokerage``
    mostly reflect group sizes and are undefined in small groups; shares
    describe the kind of brokerage, while ``log_betweenness`` carries its
    volume. On undirected graphs each open path counts in both directions,
    so ``representative_share`` equals ``gatekeeper_share``.

    See Also
    --------
    sysmap.metrics.tables.actor_metrics : the raw measures, unfilled.
    ActorClustering : groups the actors by these features.

    Examples
    --------
    >>> import sysmap
    >>> G = sysmap.load_sample("knoke_bureaucracies", table="information", graph=True)
    >>> X = actor_features(G, group="sector")
    >>> X.loc["5", ["in_degree", "out_degree", "constraint", "liaison_share"]].round(3).to_dict()
    {'in_degree': 8.0, 'out_degree': 8.0, 'constraint': 0.387, 'liaison_share': 0.185}
    """
    G = check_graph(G)
    if store is None:
        store = MeasureStore(
            G, weight=weight, seed=seed, sample=sample, progress=progress, n_jobs=n_jobs
        )
    elif not isinstance(store, MeasureStore) or not store.describes(G) or store.weight != weight:
        raise ParameterError("store must be a MeasureStore of G with the same weight.")
    directed = G.is_directed()
    nodes = sorted_nodes(G)
    columns: dict[str, np.ndarray] = {}
    deg = degree(G, weight=weight)
    if directed:
        columns["in_degree"] = deg["in_degree"].to_numpy(float)
        columns["out_degree"] = deg["out_degree"].to_numpy(float)
    else:
        columns["degree"] = deg["degree"].to_numpy(float)
    btw = store.get("betweenness")
    columns["log_betweenness"] = np.log1p(btw.to_numpy(float))
    holes = store.table("structural_holes")
    columns["constraint"] = holes["constraint"].fillna(1.0).to_numpy(float)
    columns["effective_size"] = holes["effective_size"].fillna(0.0).to_numpy(float)
    columns["efficiency"] = holes["efficiency"].fillna(0.0).to_numpy(float)
    columns["hierarchy"] = holes["hierarchy"].fillna(0.0).to_numpy(float)
    with warnings.catch_warnings():
        # sparse networks: the single-hub limit is the documented answer, not a failure
        warnings.filterwarnings(
            "ignore", message=".*single-hub|.*star alone", category=ConvergenceWarning
        )
        coreness = core_periphery(G, model="continuous", weight=weight).coreness
    columns["coreness"] = coreness.to_numpy(float)
    columns["clustering"] = _clustering(G, nodes) if nodes else np.zeros(0)
    if group is not None:
        roles = store.table("brokerage", group=group)
        total = roles["brokerage_total"].to_numpy(float)
        for role in ROLES:
            counts = roles[role].to_numpy(float)
            columns[f"{role}_share"] = np.divide(
                counts, total, out=np.zeros(len(nodes)), where=total > 0
            )
        ei = store.get("ei_index", group=group)
        columns["ei_index"] = ei.fillna(0.0).to_numpy(float)
    frame = actor_frame(nodes, columns)
    if features is None:
        return frame
    if isinstance(features, str):
        features = [features]
    features = list(features)
    unknown = [f for f in features if f not in frame.columns]
    if unknown:
        msg = (
            f"features {unknown} are not available for this graph; choose from "
            f"{list(frame.columns)}"
            + ("" if group is not None else " (role shares and ei_index need group=...)")
            + "."
        )
        raise ParameterError(msg)
    return frame[features]


# --------------------------------------------------------------------------- estimator


def _param_error(name: str, constraint: str, value: object) -> ParameterError:
    msg = f"The {name!r} parameter of ActorClustering must be {constraint}. Got {value!r} instead."
    return ParameterError(msg)


def _as_frame(X: object) -> pd.DataFrame:
    if isinstance(X, pd.DataFrame):
        frame = X.copy()
    else:
        array = np.asarray(X)
        if array.ndim != 2:
            msg = f"X must be 2-dimensional (actors x features); got shape {array.shape}."
            raise ParameterError(msg)
        frame = pd.DataFrame(array, columns=[f"x{i}" for i in range(array.shape[1])])
    frame.index.name = "actor"
    frame.columns = [str(c) for c in frame.columns]
    try:
        frame = frame.astype(float)
    except (TypeError, ValueError) as exc:
        msg = f"X must hold numbers only; {exc}"
        raise ParameterError(msg) from None
    bad = [c for c in frame.columns if not np.isfinite(frame[c].to_numpy()).all()]
    if bad:
        msg = (
            f"X has missing or infinite values in column(s) {bad}; fill them first "
            "(actor_features returns a complete table)."
        )
        raise ParameterError(msg)
    return frame


class ActorClustering(ClusterMixin, BaseEstimator):
    r"""Cluster actors into roles by their position profiles, and name the roles.

    A scikit-learn estimator (``get_params``, ``set_params``, ``clone``
    work); ``fit`` takes a feature table indexed by actor, typically from
    :func:`actor_features`.

    Parameters
    ----------
    method : {"kmeans", "agglomerative", "gmm"}, default="kmeans"
        k-means (10 initialisations), Ward agglomerative clustering (memory
        grows with the square of the number of actors: up to about 10,000),
        or a Gaussian mixture with diagonal covariances (5 initialisations,
        variance floor ``reg_covar=0.01``).
    n_clusters : int or None, default=None
        Number of roles (>= 2). None chooses it from `k_range`: the largest
        mean silhouette (kmeans, agglomerative) or the smallest BIC (gmm);
        ties go to the smaller number. Silhouettes of more than 2,000 actors
        are estimated on a seeded sample of 2,000.
    k_range : tuple of int, default=(2, 8)
        Smallest and largest number of roles tried when `n_clusters` is None
        (capped at the number of actors minus one).
    seed : None, int, numpy.random.Generator or numpy.random.RandomState, default=None
        Randomness of k-means and the mixture: one int is drawn from
        ``check_seed(seed)`` per ``fit`` and passed as ``random_state``.
    standardize : bool, default=True
        Scale every feature to mean 0 and standard deviation 1 before
        clustering (constant features become 0), so that no measure
        dominates by its units.

    Attributes
    ----------
    labels_ : pandas.Series
        Role of every actor (int), indexed by ``actor`` (sorted), named
        ``role``. Roles are numbered by size: 0 is the largest; equal sizes
        are ordered by their first actor.
    n_clusters_ : int
        Number of roles found.
    scores_ : pandas.DataFrame
        Indexed by ``k`` (the numbers tried): ``silhouette`` (NaN where
        undefined) and, for gmm, ``bic``.
    cluster_centers_ : pandas.DataFrame
        Role x feature means in the original units of `X`, indexed by ``role``.
    cluster_profiles_ : pandas.DataFrame
        The same means in standard units (z-scores against all actors).
    role_names_ : pandas.Series
        Short name of every role (``"hubs"``, ``"peripheral members"``...),
        indexed by ``role``: a :class:`~sysmap.i18n.Msg` that reads as English
        and renders in German with ``.render("de")``.
    descriptions_ : pandas.Series
        One sentence per role: its name and its 2-3 most distinctive features
        (a :class:`~sysmap.i18n.Msg`, as the names).
    feature_names_in_ : numpy.ndarray
        Column names of `X`.
    n_features_in_ : int
        Number of features.
    mean_, scale_ : pandas.Series
        Standardisation applied before clustering (0 and 1 if
        ``standardize=False``).
    model_ : object
        The fitted scikit-learn model for the chosen number of roles.

    Raises
    ------
    ParameterError
        From ``fit``, if a parameter is invalid (scikit-learn style message,
        e.g. "The 'n_clusters' parameter of ActorClustering must be an int in
        the range [2, inf). Got 1 instead.") or `X` is not a complete numeric
        table with enough actors.
    NotFittedError
        If a fitted attribute or ``predict`` is used before ``fit``.

    Notes
    -----
    *Naming roles.* Each role's standardised centre is compared with 0 (the
    network average); :math:`|z| \ge 0.5` counts as high or low. The first
    matching rule names the role: *isolates* (mean degree 0);
    *cross-sector brokers* (high betweenness, high liaison share or E-I
    index, constraint at most average); *gatekeepers* / *representatives*
    (high share of that role, betweenness at least average; on undirected
    graphs the two shares are equal and the role is called gatekeepers); *brokers* (high
    betweenness, constraint at most average); *hubs* (high degree, coreness
    not low); *core members* (high coreness); *within-group coordinators*
    (high coordinator share, low E-I index); *peripheral members* (low
    degree or coreness, or high constraint); otherwise *typical members*.
    Rules skip features the table lacks. The description lists the (at
    most three) features with the largest :math:`|z| \ge 0.5`. All words come
    from the ``roles`` message catalogue: names and descriptions are recorded
    as messages and rendered in a language where they are shown
    (:meth:`ActorClusters.in_language <sysmap.cluster.ActorClusters.in_language>`).

    *Choosing k with the mixture.* BIC assumes Gaussian clusters; position
    features are skewed and have point masses (isolates, shares of 0 or 1),
    so BIC often keeps improving up to the largest k tried, especially on
    small networks. Prefer ``"kmeans"`` or fix `n_clusters` there.

    *Reproducibility.* Rows are sorted by actor before fitting, so the row
    order of `X` does not matter; an int `seed` gives identical results on
    every fit.

    *Cost.* With more than 2,000 actors the silhouette of each k is estimated
    on a seeded sample of 2,000 actors (it costs O(n^2)). scikit-learn runs
    single-threaded inside ``fit``: on a busy two-core machine OpenMP threads
    made k-means twenty times slower, and the tables here are small (actors x
    about 16 features); results do not depend on the thread count.

    References
    ----------
    .. [1] Rousseeuw, Peter J. "Silhouettes: A Graphical Aid to the
       Interpretation and Validation of Cluster Analysis." *Journal of
       Computational and Applied Mathematics* 20 (1987): 53-65.
       https://doi.org/10.1016/0377-0427(87)90125-7
    .. [2] Schwarz, Gideon. "Estimating the Dimension of a Model." *Annals of
       Statistics* 6, no. 2 (1978): 461-464. https://doi.org/10.1214/aos/1176344136

    Examples
    --------
    >>> import sysmap
    >>> G = sysmap.load_sample("knoke_bureaucracies", table="information", graph=True)
    >>> X = actor_features(G, group="sector")
    >>> model = ActorClustering(method="agglomerative", n_clusters=3).fit(X)
    >>> model.labels_.value_counts().sort_index().tolist()
    [4, 3, 3]
    >>> G.nodes["5"]["name"], int(model.labels_["5"])
    ('MAYR', 2)
    >>> print(model.descriptions_[2])
    cross-sector brokers: high betweenness, many liaison roles, low constraint
    >>> model.role_names_[2].render("de")
    'sektorübergreifende Vermittler'
    """

    def __init__(
        self,
        method: str = "kmeans",
        n_clusters: int | None = None,
        k_range: tuple[int, int] = (2, 8),
        seed: None | int | np.random.Generator = None,
        standardize: bool = True,
    ) -> None:
        self.method = method
        self.n_clusters = n_clusters
        self.k_range = k_range
        self.seed = seed
        self.standardize = standardize

    def __getattr__(self, name: str):
        if name in _FITTED:
            msg = (
                f"This ActorClustering instance is not fitted yet (no {name!r}). Call "
                "'fit' with appropriate arguments before using this estimator."
            )
            raise NotFittedError(msg)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    # ------------------------------------------------------------------ checks

    def _validate(self) -> None:
        if not isinstance(self.method, str) or self.method not in _METHODS:
            raise _param_error("method", f"a str among {set(_METHODS)}", self.method)
        k = self.n_clusters
        if k is not None and (isinstance(k, bool) or not isinstance(k, numbers.Integral) or k < 2):
            raise _param_error("n_clusters", "an int in the range [2, inf)", k)
        rng = self.k_range
        ok = (
            isinstance(rng, tuple | list)
            and len(rng) == 2
            and all(isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in rng)
            and 2 <= rng[0] <= rng[1]
        )
        if not ok:
            raise _param_error("k_range", "a tuple (low, high) of ints with 2 <= low <= high", rng)
        if not isinstance(self.standardize, bool | np.bool_):
            raise _param_error("standardize", "an instance of 'bool'", self.standardize)
        try:
            check_seed(self.seed)
        except ParameterError:
            raise _param_error(
                "seed", "None, an int or a numpy.random.Generator", self.seed
            ) from None

    # ------------------------------------------------------------------ fitting

    def _model(self, k: int, random_state: int):
        if self.method == "kmeans":
            return KMeans(n_clusters=k, n_init=10, random_state=random_state)
        if self.method == "agglomerative":
            return AgglomerativeClustering(n_clusters=k, linkage="ward")
        return GaussianMixture(
            n_components=k,
            covariance_type="diag",
            n_init=5,
            reg_covar=_GMM_REG_COVAR,
            random_state=random_state,
        )

    def _fit_k(self, Z: np.ndarray, k: int, random_state: int):
        model = self._model(k, random_state)
        with warnings.catch_warnings():
            # duplicate actors (e.g. several isolates) leave k-means with fewer
            # distinct clusters than asked; the silhouette then judges that k
            warnings.simplefilter("ignore", SklearnConvergenceWarning)
            if self.method == "gmm":
                model.fit(Z)
                raw = model.predict(Z)
            else:
                raw = model.fit_predict(Z)
        n_labels = len(np.unique(raw))
        sil = np.nan
        if 2 <= n_labels <= len(Z) - 1:
            sample = _SILHOUETTE_SAMPLE if len(Z) > _SILHOUETTE_SAMPLE else None
            sil = float(silhouette_score(Z, raw, sample_size=sample, random_state=random_state))
        bic = float(model.bic(Z)) if self.method == "gmm" else np.nan
        return model, raw, sil, bic

    def fit(self, X: pd.DataFrame, y: None = None) -> ActorClustering:
        """Cluster the actors (rows of `X`) into roles.

        Parameters
        ----------
        X : pandas.DataFrame or array-like
            Actors x features, numeric and complete (e.g. from
            :func:`actor_features`); the index holds the actor ids.
        y : None
            Ignored (scikit-learn convention).

        Returns
        -------
        ActorClustering
            The fitted estimator (``self``).
        """
        self._validate()
        frame = _as_frame(X)
        frame = frame.loc[sorted_nodes(frame.index)] if len(frame) else frame
        n = len(frame)
        if self.n_clusters is not None:
            ks = [int(self.n_clusters)]
            if ks[0] > n:
                msg = f"n_clusters={ks[0]} exceeds the number of actors ({n})."
                raise ParameterError(msg)
        else:
            lo, hi = int(self.k_range[0]), min(int(self.k_range[1]), n - 1)
            if hi < lo:
                msg = (
                    f"choosing the number of roles needs at least {lo + 1} actors; got {n}. "
                    "Pass n_clusters or a smaller k_range."
                )
                raise ParameterError(msg)
            ks = list(range(lo, hi + 1))
        if self.standardize:
            mean = frame.mean()
            scale = frame.std(ddof=0).replace(0.0, 1.0)
        else:
            mean = pd.Series(0.0, index=frame.columns)
            scale = pd.Series(1.0, index=frame.columns)
        Z = ((frame - mean) / scale).to_numpy(float)
        random_state = sklearn_random_state(self.seed)

        with threadpool_limits(limits=1):  # see Notes: faster, same result
            fits = [self._fit_k(Z, k, random_state) for k in ks]
        scores = pd.DataFrame({"silhouette": [f[2] for f in fits]}, index=pd.Index(ks, name="k"))
        if self.method == "gmm":
            scores["bic"] = [f[3] for f in fits]
            best = int(np.argmin(scores["bic"].to_numpy()))
        else:
            sil = scores["silhouette"].to_numpy()
            best = int(np.nanargmax(sil)) if np.isfinite(sil).any() else 0
        model, raw, _, _ = fits[best]

        codes = _canonical(raw)
        index = pd.Index(frame.index, name="actor")
        roles = pd.Index(range(int(codes.max()) + 1), name="role")
        self.feature_names_in_ = np.asarray(frame.columns, dtype=object)
        self.n_features_in_ = frame.shape[1]
        self.mean_, self.scale_ = mean, scale
        self.model_ = model
        self._raw_to_role = dict(zip(raw.tolist(), codes.tolist()))
        self.labels_ = pd.Series(codes, index=index, name="role")
        self.n_clusters_ = len(roles)
        self.scores_ = scores
        centers = frame.groupby(codes).mean()
        centers.index = roles
        self.cluster_centers_ = centers
        profiles = pd.DataFrame(Z, index=index, columns=frame.columns).groupby(codes).mean()
        profiles.index = roles
        self.cluster_profiles_ = profiles
        names, sentences = {}, {}
        for role in roles:
            names[role], sentences[role] = _describe(profiles.loc[role], centers.loc[role])
        self.role_names_ = pd.Series(names, name="role_name").rename_axis("role")
        self.descriptions_ = pd.Series(sentences, name="description").rename_axis("role")
        return self

    def fit_predict(self, X: pd.DataFrame, y: None = None) -> pd.Series:
        """Fit and return ``labels_`` (a Series indexed by actor)."""
        return self.fit(X).labels_

    def predict(self, X: pd.DataFrame) -> pd.Series:
        """Assign new actors (rows of `X`, same features) to the fitted roles.

        k-means and the mixture use their own assignment rule; agglomerative
        clustering, which has none, assigns the nearest role centre (in the
        standardised units used for fitting).

        Returns
        -------
        pandas.Series
            Role of each row of `X` (in the order of `X`), named ``role``.
        """
        model = self.model_  # raises NotFittedError before fit
        frame = _as_frame(X)
        missing = [c for c in self.feature_names_in_ if c not in frame.columns]
        if missing:
            msg = f"X lacks the feature(s) {missing} seen in fit."
            raise ParameterError(msg)
        frame = frame[list(self.feature_names_in_)]
        Z = ((frame - self.mean_) / self.scale_).to_numpy(float)
        centres = self.cluster_profiles_.to_numpy(float)
        nearest = np.argmin(((Z[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2), axis=1)
        if self.method == "agglomerative":
            codes = nearest
        else:
            raw = model.predict(Z)
            codes = np.array([self._raw_to_role.get(r, near) for r, near in zip(raw, nearest)])
        return pd.Series(codes.astype(np.int64), index=frame.index, name="role")


# --------------------------------------------------------------------------- descriptions


def _z(profile: pd.Series, name: str) -> float:
    if name == "degree" and "degree" not in profile.index:
        parts = [profile[c] for c in ("in_degree", "out_degree") if c in profile.index]
        return float(np.mean(parts)) if parts else float("nan")
    return float(profile[name]) if name in profile.index else float("nan")


def _role_key(profile: pd.Series, centre: pd.Series) -> str:
    def high(name: str) -> bool:
        return _z(profile, name) >= _THRESHOLD

    def low(name: str) -> bool:
        return _z(profile, name) <= -_THRESHOLD

    def not_above(name: str) -> bool:  # at most average, or unknown
        value = _z(profile, name)
        return not value > 0

    def not_below(name: str) -> bool:
        value = _z(profile, name)
        return not value < 0

    degree_cols = [c for c in ("degree", "in_degree", "out_degree") if c in centre.index]
    if degree_cols and float(centre[degree_cols].sum()) == 0:
        return "isolate"
    if (
        high("log_betweenness")
        and (high("liaison_share") or high("ei_index"))
        and not_above("constraint")
    ):
        return "cross_sector_broker"
    representative = _z(profile, "representative_share")
    if (
        high("gatekeeper_share")
        and not_below("log_betweenness")
        and not (representative > _z(profile, "gatekeeper_share"))
    ):
        return "gatekeeper"
    if high("representative_share") and not_below("log_betweenness"):
        return "representative"
    if high("log_betweenness") and not_above("constraint"):
        return "broker"
    if high("degree") and not low("coreness"):
        return "hub"
    if high("coreness"):
        return "core_member"
    if high("coordinator_share") and low("ei_index"):
        return "coordinator"
    if low("degree") or low("coreness") or high("constraint"):
        return "peripheral_member"
    return "typical_member"


def _describe(profile: pd.Series, centre: pd.Series) -> tuple[Msg, Msg]:
    """Role name and sentence for one cluster (standardised and original centre), as messages."""
    known = catalogue("roles", "en")
    role = Msg("roles", f"role.{_role_key(profile, centre)}")
    ranked = profile[profile.abs() >= _THRESHOLD]
    ranked = ranked.reindex(ranked.abs().sort_values(ascending=False, kind="stable").index)
    traits = []
    for name, value in ranked.iloc[:_MAX_TRAITS].items():
        key = f"feature.{name}"
        feature = Msg("roles", key) if key in known else str(name).replace("_", " ")
        if name in _COUNT_FEATURES:
            level = "many" if value > 0 else "few"
        else:
            level = "high" if value > 0 else "low"
        traits.append(Msg("roles", level, feature=feature))
    return role, Msg("roles", "sentence", role=role, traits=traits or Msg("roles", "average"))
