"""One call for the whole wave-to-wave comparison: :func:`compare_waves`."""

from __future__ import annotations

import math
import numbers
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from .._attributes import (
    categorical_attributes,
    group_labels,
    group_order,
    is_missing,
    is_missing_group,
)
from .._graph import check_n_jobs, sorted_nodes
from .._progress import progress_bar
from .._validation import check_int
from ..exceptions import ParameterError
from ..i18n import check_lang
from ..metrics.group_splits import SPLIT_COLUMNS, group_splits
from .changes import (
    actor_changes,
    cluster_evolution,
    cut_point_changes,
    metric_changes,
    role_transitions,
    wave_metrics,
    wave_pairs,
)
from .churn import churn_by_group, churn_summary, tie_churn
from .panel import Panel, _check_restrict, _ordered_index
from .statements import (
    Attribute,
    Fact,
    Group,
    Msg,
    Names,
    Num,
    Pair,
    Pct,
    PValue,
    Signed,
    format_value,
    render_statements,
)
from .stats import density_change, ei_change, qap_correlation, seed_sequence

__all__ = ["Comparison", "compare_waves"]

#: Network metrics stated in words (beyond density and E-I, which carry tests).
STATED_METRICS = (
    "fragmentation",
    "distance_fragmentation",
    "degree_centralization",
    "betweenness_centralization",
    "modularity",
    "trust",
    "value",
)
#: Network metrics that are shares in [0, 1]: statements, the report's tables and
#: its trend charts show them as percentages with one decimal, other metrics with
#: two decimals (counts as integers).
METRIC_FORMATS = {
    "density": "pct",
    "density_observed": "pct",
    "fragmentation": "pct",
    "distance_fragmentation": "pct",
    "transitivity": "pct",
    "reciprocity": "pct",
    "degree_centralization": "pct",
    "betweenness_centralization": "pct",
    "response_rate": "pct",
    "n_actors": "int",
    "n_ties": "int",
    "components": "int",
    "n_communities": "int",
}
#: Response rates further apart than this get a caveat.
RESPONSE_GAP = 0.05
#: Response rate below which a wave gets the "caution" caveat (PRODUCT.md).
LOW_RESPONSE = 0.65
#: QAP correlation from which tie patterns are "strongly" / "moderately" alike.
QAP_STRONG, QAP_MODERATE = 0.5, 0.3
#: Adjusted Rand index from which clusters are "stable" / "partly reorganised".
ARI_STABLE, ARI_PARTLY = 0.65, 0.3
#: Clusters smaller than this are not described in statements (isolates, pairs).
MIN_CLUSTER = 3
#: Smallest net change of ties between two groups worth a statement.
MIN_GROUP_CHANGE = 2
#: A former single point of failure (cut point) is "no longer a single point of
#: failure" only when its share of the shortest paths between other actors fell
#: materially: below ``SPOF_SHARE`` (50 %), and by at least ``SPOF_DROP`` (20
#: percentage points) or to at most half of what it was. Otherwise the statements
#: say that it is no longer a cut point but still carries its share of the paths.
SPOF_SHARE, SPOF_DROP = 0.5, 0.2
#: Organizations (or ties) named in one statement before "and N more".
MAX_NAMED = 8
#: The tables of a Comparison (all carry ``.attrs["restrict"]`` and ``["symmetrize"]``).
_TABLES = (
    "waves",
    "actors",
    "turnover",
    "renamed",
    "merged",
    "network",
    "network_changes",
    "ties",
    "churn",
    "churn_by_group",
    "actor_changes",
    "role_transitions",
    "cut_points",
    "group_splits",
    "group_bridges",
    "communities",
    "cluster_names",
    "cluster_matches",
    "cluster_events",
    "cluster_agreement",
    "tests",
)
#: Tests run for each pair of waves.
TESTS = ("density_change", "qap_correlation", "ei_change")


@dataclass
class Comparison:
    """Everything :func:`compare_waves` found, as tidy tables plus statements.

    Attributes
    ----------
    parameters : dict
        The options used (waves, pairs, group, restriction, symmetrization,
        permutations, seed, ...).
    waves : pandas.DataFrame
        One row per wave (:meth:`Panel.summary`): actors, respondents,
        response rate, ties, joined, left, stayed.
    actors : pandas.DataFrame
        Indexed by ``(wave, actor)``: present, status, responded, name,
        attributes (:attr:`Panel.actors`).
    turnover : pandas.DataFrame
        Joined / left / stayed per consecutive pair (:attr:`Panel.turnover`).
    renamed, merged : pandas.DataFrame
        Renames seen and mergers applied (:attr:`Panel.renamed`, :attr:`Panel.merged`).
    network : pandas.DataFrame
        Network metrics (rows) of every wave (columns), :func:`wave_metrics`.
    network_changes : pandas.DataFrame
        The same as changes per pair of waves, :func:`metric_changes`.
    ties : pandas.DataFrame
        Every tie of every pair of waves with its fate (:func:`tie_churn`),
        with ``wave_from`` and ``wave_to`` columns first.
    churn : pandas.DataFrame
        Indexed by ``(wave_from, wave_to)``: :func:`churn_summary` per pair.
    churn_by_group : pandas.DataFrame
        Indexed by ``(wave_from, wave_to, group_a, group_b)``: :func:`churn_by_group`.
    actor_changes : pandas.DataFrame
        Indexed by ``(wave_from, wave_to, actor)``: :func:`actor_changes`,
        plus ``path_share_before`` and ``path_share_after``: the share of the
        shortest paths between other actors that run through the actor
        (betweenness divided by the pairs of other actors, as
        ``normalized=True`` in :func:`sysmap.metrics.betweenness`).
    role_transitions : pandas.DataFrame
        :func:`role_transitions` (empty without `group`).
    cut_points : pandas.DataFrame
        New and resolved single points of failure, :func:`cut_point_changes`,
        plus ``path_share_before`` and ``path_share_after`` (as in
        :attr:`actor_changes`; NaN for an actor absent from a wave).
    group_splits : pandas.DataFrame
        For every wave and attribute (:attr:`parameters` ``["attributes"]``),
        the pairs of groups without a direct tie that one or two actors hold
        together (:func:`sysmap.metrics.group_splits`), with ``wave`` and
        ``attribute`` columns first.
    group_bridges : pandas.DataFrame
        For every pair of waves and attribute, the pairs of groups (both
        present in both waves) whose direct contact began, ended or is still
        missing: ``wave_from``, ``wave_to``, ``attribute``, ``group_a``,
        ``group_b``, ``change`` (``"first"``: a tie of the later wave between
        groups with no direct tie in the earlier; ``"last"``: a tie of the
        earlier wave between groups with none in the later; ``"none"``: no
        direct tie in either wave, one row without a tie), ``source``,
        ``target``, ``source_name``, ``target_name`` (``source`` in
        ``group_a``).
    communities : pandas.DataFrame
        Indexed by ``(wave, actor)``: consensus ``community`` and
        ``community_stability``.
    cluster_names : pandas.DataFrame
        Indexed by ``(wave, community)``: ``name``, ``size``.
    cluster_matches, cluster_events, cluster_agreement : pandas.DataFrame
        :func:`cluster_evolution`'s tables.
    tests : pandas.DataFrame
        One row per pair of waves and test (``density_change``,
        ``qap_correlation``, ``ei_change``): ``before``, ``after``,
        ``estimate`` (the change, or r for QAP), ``ci_low``, ``ci_high``,
        ``se``, ``z``, ``p_value``, ``significant``, ``method``,
        ``n_actors``, ``n_draws``, ``actors`` (which actors: the restriction).
    statements : pandas.DataFrame
        Plain-language statements in :attr:`lang` (:func:`render_statements`).
    lang : str
        Language of :attr:`statements`.
    facts : list of Fact
        The statements before rendering; :meth:`statements_in` renders them
        in another language.
    """

    parameters: dict[str, Any]
    waves: pd.DataFrame
    actors: pd.DataFrame
    turnover: pd.DataFrame
    renamed: pd.DataFrame
    merged: pd.DataFrame
    network: pd.DataFrame
    network_changes: pd.DataFrame
    ties: pd.DataFrame
    churn: pd.DataFrame
    churn_by_group: pd.DataFrame
    actor_changes: pd.DataFrame
    role_transitions: pd.DataFrame
    cut_points: pd.DataFrame
    group_splits: pd.DataFrame
    group_bridges: pd.DataFrame
    communities: pd.DataFrame
    cluster_names: pd.DataFrame
    cluster_matches: pd.DataFrame
    cluster_events: pd.DataFrame
    cluster_agreement: pd.DataFrame
    tests: pd.DataFrame
    statements: pd.DataFrame
    lang: str
    facts: list[Fact] = field(default_factory=list, repr=False)

    def __repr__(self) -> str:
        p = self.parameters
        return (
            f"<Comparison waves={p['waves']}, pairs={len(p['pairs'])}, group={p['group']!r}, "
            f"restrict={p['restrict']!r}, symmetrize={p['symmetrize']!r}, "
            f"{len(self.statements)} statements ({self.lang})>"
        )

    def statements_in(self, lang: str) -> pd.DataFrame:
        """The statements rendered in `lang` (``"en"`` or ``"de"``)."""
        return render_statements(self.facts, lang)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by name, flat (index as columns), ready for CSV or Excel export.

        Includes ``parameters`` (``parameter``, ``value``): the options used,
        among them the restriction and the symmetrization rule, so that every
        exported set of tables says how it was made.
        """
        names = [*_TABLES, "statements"]
        out = {
            "parameters": pd.DataFrame(
                {
                    "parameter": list(self.parameters),
                    "value": [str(v) for v in self.parameters.values()],
                }
            )
        }
        for name in names:
            frame = getattr(self, name)
            named = [n for n in frame.index.names if n is not None]
            out[name] = frame.reset_index() if named else frame.reset_index(drop=True)
        return out


def _has_values(graphs: list[nx.Graph], group: Hashable) -> bool:
    """Whether some actor has a value of `group` in one of `graphs`."""
    return any(not is_missing(x) for G in graphs for _, x in G.nodes(data=group))


def _groups_present(panel: Panel, group: Hashable, pairs: list[tuple[str, str]]) -> list:
    """Every group label of the compared pairs of waves, the explicit groups included.

    Raises :class:`MissingAttributeError` (from :func:`group_labels`) when no
    actor of any wave has a value of `group`.
    """
    group_labels(list(panel.graphs.values()), group)  # the attribute exists somewhere
    labels: set = set()
    for a, b in pairs:
        waves = [panel.graphs[b], panel.graphs[a]]  # the later wave's value first
        if _has_values(waves, group):
            labels.update(group_labels(waves, group).tolist())
    return sorted_nodes(labels)


def _seed_int(seed: object) -> int:
    if isinstance(seed, numbers.Integral) and not isinstance(seed, bool):
        return int(seed)
    return int(seed_sequence(seed).generate_state(1)[0])  # type: ignore[arg-type]


def compare_waves(
    panel: Panel,
    *,
    group: Hashable | None = "sector",
    attributes: Sequence[Hashable] | None = None,
    restrict: str | None = None,
    pairs: object = None,
    n_permutations: int = 1000,
    n_bootstrap: int | None = None,
    confidence: float = 0.95,
    alpha: float = 0.05,
    seed: None | int | np.random.Generator = 0,
    n_jobs: int | None = None,
    sample: int | None = None,
    top: int = 3,
    lang: str = "en",
    progress: bool | None = None,
) -> Comparison:
    r"""Compare the waves of a panel: what changed, and is it real?

    Runs every comparison of ``sysmap.compare`` on the panel and states the
    results in plain language: turnover of organizations (joiners and leavers
    named), tie churn (also by pair of groups), for every categorical
    attribute the ties that first connect two groups or were their last
    direct tie, and the pairs of groups that only one or two actors hold
    together, network metrics side by side, actors' changes (brokerage roles,
    gains and losses in partners and shortest paths, single points of
    failure), cluster evolution, and three tests per pair of waves (paired
    density bootstrap, QAP correlation, E-I change), with their caveats.
    Every number in a statement is the number of a table of the result,
    rounded as :func:`~sysmap.compare.statements.format_value` rounds it.

    Parameters
    ----------
    panel : Panel
        The aligned waves.
    group : hashable or None, default="sector"
        Node attribute of the groups (sectors) for E-I, brokerage roles and
        churn by group; ``None`` skips those. Actors without a value form
        explicit groups (see :func:`~sysmap.metrics.groups.group_labels`); they
        count in the tables and tests, but statements about groups
        (gaps, growth) name only real groups.
    attributes : sequence of hashable, optional
        Categorical attributes checked for groups that first connect, lose
        their last direct tie, or hang together through one or two actors
        only. Default: `group` and every categorical attribute of the member
        lists (:func:`~sysmap._attributes.categorical_attributes`: sector,
        region, ...); ``[]`` checks `group` only.
    restrict : {None, "present", "responded_all"}, default=None
        ``None``: each wave with all its actors (tests on the actors present
        in both waves of a pair); ``"present"``: only actors present in every
        wave; ``"responded_all"``: only actors present and responding in every
        wave. Every output states the restriction.
    pairs : optional
        Pairs of waves (:func:`wave_pairs`): default consecutive waves plus
        first against last.
    n_permutations : int, default=1000
        Permutations of the QAP test (and of the E-I test when its exact
        distribution is too large).
    n_bootstrap : int, optional
        Bootstrap samples of the density test (default `n_permutations`).
    confidence : float, default=0.95
        Level of the bootstrap confidence interval.
    alpha : float, default=0.05
        Significance level used in the statements.
    seed : None, int, numpy.random.Generator or numpy.random.RandomState, default=0
        Seed of every random step (tests, communities).
    n_jobs : int or None, default=None
        Workers for the permutation and bootstrap chunks (joblib); see
        :func:`qap_correlation`. Results do not depend on it.
    sample : int, optional
        Source sample for betweenness and distance measures (large networks).
    top : int, default=3
        Actors named per kind of change in the statements.
    lang : {"en", "de"}, default="en"
        Language of the statements (:meth:`Comparison.statements_in` gives
        the other).
    progress : bool or None, default=None
        Show a progress bar over the steps.
        ``None``: shown if ``SYSMAP_PROGRESS=1``, or standard error is a
        terminal (:func:`~sysmap._progress.show_progress`).

    Returns
    -------
    Comparison

    Raises
    ------
    ParameterError
        For bad options (restriction, pairs, counts, seed, language).
    MissingAttributeError
        If `group` (or one of `attributes`) is given and no actor of any wave
        has a value of it.

    Notes
    -----
    Each test's seed is ``SeedSequence(seed, spawn_key=(i, j, test))`` with
    ``i``, ``j`` the positions of the two waves in the panel, so a pair's
    p-values do not depend on which other pairs are compared. The tests use only
    actors present in both waves of the pair (or the restriction's actors),
    and say so in ``tests["actors"]``.

    Examples
    --------
    >>> import sysmap
    >>> from sysmap.compare import Panel, compare_waves
    >>> waves = [sysmap.load_sample("bildungsallianz", wave=w) for w in (1, 2)]
    >>> result = compare_waves(Panel(waves, labels=["2023", "2024"]), n_permutations=200)
    >>> result.churn.loc[("2023", "2024"), ["kept", "formed", "dissolved"]].tolist()
    [304.0, 266.0, 157.0]
    >>> print(result.statements.query("key == 'density_all'")["text"].iloc[0])
    Density rose from 9.3% to 10.2% (all organisations of each wave); among the 95
    organisations present in both waves it rose from 9.9% to 10.8% (bootstrap 95% confidence
    interval of the change: -0.4 to +2.3 percentage points; p = 0.189: could be chance).
    """
    if not isinstance(panel, Panel):
        raise ParameterError(f"panel must be a sysmap.compare.Panel; got {type(panel).__name__}.")
    restrict = _check_restrict(restrict)
    lang = check_lang(lang)
    n_permutations = check_int(n_permutations, "n_permutations", minimum=0)
    n_bootstrap = (
        n_permutations if n_bootstrap is None else check_int(n_bootstrap, "n_bootstrap", minimum=0)
    )
    top = check_int(top, "top", minimum=0)
    check_n_jobs(n_jobs)
    if not isinstance(alpha, numbers.Real) or not 0 < alpha < 1:
        raise ParameterError(f"alpha must be in (0, 1); got {alpha!r}.")
    if not isinstance(confidence, numbers.Real) or not 0 < confidence < 1:
        raise ParameterError(f"confidence must be in (0, 1); got {confidence!r}.")
    root = seed_sequence(seed)
    seed_int = _seed_int(seed)
    pair_list = wave_pairs(panel, pairs)
    groups = _groups_present(panel, group, pair_list) if group is not None else []
    attributes = _check_attributes(panel, group, attributes)
    steps = progress_bar(
        total=5 + len(pair_list), desc="compare waves", unit="step", progress=progress
    )
    with steps:
        waves = panel.summary()
        network = wave_metrics(panel, group=group, restrict=restrict, seed=seed_int, sample=sample)
        changes = metric_changes(network, pair_list)
        steps.update()
        everyone = None if restrict is None else panel.actor_set(restrict=restrict)
        tie_frames, summaries, by_group = [], [], []
        for a, b in pair_list:
            # a pair of waves without any group value gets no group columns
            by = (
                group
                if group is not None and _has_values([panel.graphs[b], panel.graphs[a]], group)
                else None
            )
            table = tie_churn(panel.graphs[a], panel.graphs[b], nodes=everyone, group=by)
            tie_frames.append(table.assign(wave_from=a, wave_to=b))
            summaries.append(churn_summary(table).rename((a, b)))
            if by is not None:
                per = churn_by_group(table, group, directed=panel.directed, groups=groups)
                by_group.append(per.assign(wave_from=a, wave_to=b))
        ties = _front(pd.concat(tie_frames, ignore_index=True), ["wave_from", "wave_to"])
        order = {"wave_from": panel.labels, "wave_to": panel.labels}
        churn = pd.DataFrame([s.to_dict() for s in summaries])
        churn.insert(0, "wave_from", [a for a, _ in pair_list])
        churn.insert(1, "wave_to", [b for _, b in pair_list])
        churn = _ordered_index(churn, ["wave_from", "wave_to"], order)
        if by_group:
            groups_table = pd.concat(by_group).reset_index()
            groups_table = _ordered_index(
                groups_table, ["wave_from", "wave_to", "group_a", "group_b"], order
            )
        else:
            groups_table = pd.DataFrame(
                index=pd.MultiIndex.from_tuples(
                    [], names=["wave_from", "wave_to", "group_a", "group_b"]
                )
            )
        steps.update()
        actors = actor_changes(
            panel, group=group, restrict=restrict, pairs=pair_list, seed=seed_int, sample=sample
        )
        roles = (
            role_transitions(panel, group, restrict=restrict, pairs=pair_list, seed=seed_int)
            if group is not None
            else pd.DataFrame(
                columns=[
                    "wave_from",
                    "wave_to",
                    "actor",
                    "name",
                    "role_before",
                    "role_after",
                    "z_before",
                    "z_after",
                    "groups_before",
                    "groups_after",
                ]
            )
        )
        cuts = cut_point_changes(panel, restrict=restrict, pairs=pair_list, seed=seed_int)
        actors, cuts = _with_path_shares(actors, cuts, network, panel.directed)
        splits = _split_table(panel, restrict, attributes)
        bridges = _bridge_table(panel, restrict, attributes, pair_list)
        steps.update()
        evolution = cluster_evolution(
            panel, group=group, restrict=restrict, pairs=pair_list, seed=seed_int
        )
        steps.update()
        test_rows = []
        for a, b in pair_list:
            test_rows += _tests(
                panel,
                a,
                b,
                (panel.labels.index(a), panel.labels.index(b)),
                restrict=restrict,
                group=group,
                root=root,
                n_permutations=n_permutations,
                n_bootstrap=n_bootstrap,
                confidence=confidence,
                alpha=alpha,
                n_jobs=n_jobs,
            )
            steps.update()
        tests = pd.DataFrame(test_rows, columns=_TEST_COLUMNS)
        parameters = {
            "waves": list(panel.labels),
            "pairs": pair_list,
            "group": group,
            "attributes": attributes,
            "restrict": restrict,
            "symmetrize": panel.symmetrize,
            "directed": panel.directed,
            "n_permutations": n_permutations,
            "n_bootstrap": n_bootstrap,
            "confidence": confidence,
            "alpha": alpha,
            "seed": seed if isinstance(seed, (int, type(None))) else "generator",
            "sample": sample,
        }
        result = Comparison(
            parameters=parameters,
            waves=waves,
            actors=panel.actors,
            turnover=panel.turnover,
            renamed=panel.renamed,
            merged=panel.merged,
            network=network,
            network_changes=changes,
            ties=ties,
            churn=churn,
            churn_by_group=groups_table,
            actor_changes=actors,
            role_transitions=roles,
            cut_points=cuts,
            group_splits=splits,
            group_bridges=bridges,
            communities=evolution.actors,
            cluster_names=evolution.communities,
            cluster_matches=evolution.matches,
            cluster_events=evolution.events,
            cluster_agreement=evolution.agreement,
            tests=tests,
            statements=pd.DataFrame(),
            lang=lang,
        )
        for name in _TABLES:
            frame = getattr(result, name)
            frame = frame.copy() if name in ("actors", "turnover", "renamed", "merged") else frame
            frame.attrs.update(restrict=restrict, symmetrize=panel.symmetrize)
            setattr(result, name, frame)
        result.facts = _facts(panel, result, top=top)
        result.statements = render_statements(result.facts, lang)
        steps.update()
    return result


def _pair_rows(frame: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Rows of a ``(wave_from, wave_to, ...)``-indexed frame for one pair, pair levels dropped."""
    mask = (frame.index.get_level_values(0) == a) & (frame.index.get_level_values(1) == b)
    return frame[mask].droplevel([0, 1])


def _front(frame: pd.DataFrame, first: list[str]) -> pd.DataFrame:
    return frame[first + [c for c in frame.columns if c not in first]]


# --------------------------------------------------------------------------- groups


def _check_attributes(
    panel: Panel, group: Hashable | None, attributes: Sequence[Hashable] | None
) -> list[Hashable]:
    """`group` first, then `attributes` (default: the categorical attributes of the waves)."""
    graphs = [panel.graphs[w] for w in reversed(panel.labels)]  # the latest value first
    if attributes is None:
        chosen: list[Hashable] = list(categorical_attributes(graphs))
    elif isinstance(attributes, (str, bytes)) or not isinstance(attributes, Sequence):
        msg = f"attributes must be a list of attribute names; got {attributes!r}."
        raise ParameterError(msg)
    else:
        chosen = list(dict.fromkeys(attributes))
        for name in chosen:
            group_labels(graphs, name)  # MissingAttributeError when no actor has a value
    if group is not None:
        chosen = [group, *(a for a in chosen if a != group)]
    return chosen


def _path_share(betweenness: pd.Series, n: pd.Series, directed: bool) -> pd.Series:
    """Betweenness as the share of the pairs of other actors (``normalized=True``)."""
    pairs = (n - 1) * (n - 2) / (1 if directed else 2)
    return betweenness / pairs.where(pairs > 0)


def _with_path_shares(
    actors: pd.DataFrame, cuts: pd.DataFrame, network: pd.DataFrame, directed: bool
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`actors` and `cuts` with each actor's share of the shortest paths before and after."""
    size = network.loc["n_actors"]
    actors = actors.copy()
    for side, level in (("before", "wave_from"), ("after", "wave_to")):
        n = pd.Series(actors.index.get_level_values(level), index=actors.index).map(size)
        actors[f"path_share_{side}"] = _path_share(actors[f"betweenness_{side}"], n, directed)
    shares = actors[["path_share_before", "path_share_after"]]
    keys = pd.MultiIndex.from_frame(cuts[["wave_from", "wave_to", "actor"]])
    cuts = cuts.copy()
    for column in shares:
        cuts[column] = shares[column].reindex(keys).to_numpy()
    return actors, cuts


def _split_table(panel: Panel, restrict: str | None, attributes: list[Hashable]) -> pd.DataFrame:
    """:func:`group_splits` of every wave and attribute, ``wave`` and ``attribute`` first."""
    frames = []
    for w in panel.labels:
        G = _wave_graph(panel, w, restrict)
        for name in attributes:
            if _has_values([G], name):
                frames.append(group_splits(G, name).assign(wave=w, attribute=name))
    columns = ["wave", "attribute", *SPLIT_COLUMNS]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]


#: Columns of :attr:`Comparison.group_bridges`.
_BRIDGE_COLUMNS = [
    "wave_from",
    "wave_to",
    "attribute",
    "group_a",
    "group_b",
    "change",
    "source",
    "target",
    "source_name",
    "target_name",
]


def _cross_ties(G: nx.Graph, labels: pd.Series) -> dict[tuple, list[tuple]]:
    """The ties of `G` between two real groups, by pair of groups (in group order)."""
    order = {g: i for i, g in enumerate(group_order(set(labels)))}
    out: dict[tuple, list[tuple]] = {}
    for u, v in G.edges():
        gu, gv = labels[u], labels[v]
        if u == v or gu == gv or is_missing_group(gu) or is_missing_group(gv):
            continue
        if order[gu] > order[gv]:
            u, v, gu, gv = v, u, gv, gu
        out.setdefault((gu, gv), []).append((u, v))
    return out


def _bridge_table(
    panel: Panel,
    restrict: str | None,
    attributes: list[Hashable],
    pairs: list[tuple[str, str]],
) -> pd.DataFrame:
    """First and last direct ties between groups, and pairs of groups still without one."""
    rows = []
    for a, b in pairs:
        Ga, Gb = _wave_graph(panel, a, restrict), _wave_graph(panel, b, restrict)
        for name in attributes:
            if not _has_values([Gb, Ga], name):
                continue
            labels = group_labels([Gb, Ga], name)  # the later wave's value first
            before, after = _cross_ties(Ga, labels), _cross_ties(Gb, labels)
            both = set(labels[list(Ga)]) & set(labels[list(Gb)])
            real = [g for g in group_order(both) if not is_missing_group(g)]
            for i, ga in enumerate(real):
                for gb in real[i + 1 :]:
                    tb, ta = before.get((ga, gb), []), after.get((ga, gb), [])
                    if tb and ta:
                        continue
                    change, G, ties = (
                        ("first", Gb, ta) if ta else ("last", Ga, tb) if tb else ("none", Ga, [])
                    )
                    named = sorted(
                        ((u, v, _name(G, u), _name(G, v)) for u, v in ties),
                        key=lambda t: (t[2].casefold(), t[3].casefold()),
                    )
                    for u, v, nu, nv in named or [(None, None, None, None)]:
                        rows.append((a, b, name, ga, gb, change, u, v, nu, nv))
    return pd.DataFrame(rows, columns=_BRIDGE_COLUMNS)


def _wave_graph(panel: Panel, wave: str, restrict: str | None) -> nx.Graph:
    """The network of `wave` under `restrict` (read-only; a copy only when restricted)."""
    return panel.graphs[wave] if restrict is None else panel.graph(wave, restrict=restrict)


def _name(G: nx.Graph, v: Hashable) -> str:
    return str(G.nodes[v].get("name", v))


# --------------------------------------------------------------------------- tests

_TEST_COLUMNS = [
    "wave_from",
    "wave_to",
    "test",
    "before",
    "after",
    "estimate",
    "ci_low",
    "ci_high",
    "se",
    "z",
    "p_value",
    "significant",
    "method",
    "n_actors",
    "n_draws",
    "actors",
]


def _tests(
    panel: Panel,
    a: str,
    b: str,
    key: tuple[int, int],
    *,
    restrict: str | None,
    group: Hashable | None,
    root: np.random.SeedSequence,
    n_permutations: int,
    n_bootstrap: int,
    confidence: float,
    alpha: float,
    n_jobs: int | None,
) -> list[tuple]:
    Ga, Gb = panel.graphs[a], panel.graphs[b]
    if restrict is None:
        nodes = sorted_nodes(set(Ga) & set(Gb))
        which = "present in both waves"
    else:
        nodes = panel.actor_set(restrict=restrict)
        which = "present in all waves" if restrict == "present" else "responded in all waves"

    def ss(j: int) -> np.random.SeedSequence:
        return np.random.SeedSequence(root.entropy, spawn_key=(*root.spawn_key, *key, j))

    rows = []
    dens = density_change(
        Ga,
        Gb,
        nodes=nodes,
        n_bootstrap=n_bootstrap,
        confidence=confidence,
        seed=ss(0),
        n_jobs=n_jobs,
    )
    rows.append(
        (
            a,
            b,
            "density_change",
            dens.before,
            dens.after,
            dens.change,
            dens.ci_low,
            dens.ci_high,
            dens.se,
            dens.z,
            dens.p_value,
            dens.p_value < alpha,
            "paired vertex bootstrap",
            dens.n_actors,
            dens.n_bootstrap,
            which,
        )
    )
    qap = qap_correlation(
        Ga, Gb, nodes=nodes, n_permutations=n_permutations, seed=ss(1), n_jobs=n_jobs
    )
    rows.append(
        (
            a,
            b,
            "qap_correlation",
            math.nan,
            math.nan,
            qap.correlation,
            math.nan,
            math.nan,
            qap.null_sd,
            math.nan,
            qap.p_value,
            qap.p_value < alpha,
            "QAP (rows and columns permuted)",
            qap.n_actors,
            qap.n_permutations,
            which,
        )
    )
    if group is not None and _has_values([Gb, Ga], group):
        ei = ei_change(
            Ga, Gb, group, nodes=nodes, n_permutations=n_permutations, seed=ss(2), n_jobs=n_jobs
        )
        rows.append(
            (
                a,
                b,
                "ei_change",
                ei.before,
                ei.after,
                ei.change,
                math.nan,
                math.nan,
                math.nan,
                math.nan,
                ei.p_value,
                ei.p_value < alpha,
                f"dyad permutation ({ei.method})",
                ei.n_actors,
                ei.n_permutations,
                which,
            )
        )
    return rows


# --------------------------------------------------------------------------- statements


def _metric_value(metric: str, value: float) -> object:
    """How a network metric is shown in statements and in the report's tables and charts:
    shares as percentages with one decimal, other measures with two decimals."""
    return Pct(value) if METRIC_FORMATS.get(metric, "num") == "pct" else Num(value)


def _facts(panel: Panel, result: Comparison, *, top: int) -> list[Fact]:
    facts: list[Fact] = []
    params = result.parameters
    restrict = params["restrict"]
    group = params["group"]
    alpha = params["alpha"]
    level = Pct(params["confidence"], 0)
    sym = params["symmetrize"]
    key = {
        None: "symmetrize_directed",
        "as given": "symmetrize_given",
    }.get(sym, f"symmetrize_{sym}")
    facts.append(Fact("caveats", key, {}))
    if restrict is not None:
        n = len(panel.actor_set(restrict=restrict))
        facts.append(Fact("caveats", f"restriction_{restrict}", {"n": n}))
    rates = result.waves["response_rate"]
    for w in panel.labels:
        rate = rates[w]
        if not math.isnan(rate) and rate < LOW_RESPONSE:
            facts.append(
                Fact("caveats", "caveat_low_response", {"wave": w, "rate": Pct(rate)}, wave_to=w)
            )
    for _, row in result.renamed.iterrows():
        facts.append(
            Fact(
                "waves",
                "renamed",
                {
                    "name_from": row["name_from"],
                    "name_to": row["name_to"],
                    "wave_to": row["wave_to"],
                },
                row["wave_from"],
                row["wave_to"],
                row["actor"],
            )
        )
    for target, part in result.merged.groupby("merged_into", sort=False):
        present = [w for w in panel.labels if panel.membership.at[target, w]]
        name = panel.actors.loc[(present[-1], target), "name"] if present else target
        waves = tuple(w for w in panel.labels if w in set(part["wave"]))
        facts.append(
            Fact(
                "waves",
                "merged",
                {
                    "parts": Names(tuple(dict.fromkeys(part["name"]))),
                    "name": name,
                    "waves": Names(waves),
                },
                wave_to=waves[-1],
                actor=target,
            )
        )
    tests = _ordered_index(
        result.tests,
        ["wave_from", "wave_to", "test"],
        {"wave_from": panel.labels, "wave_to": panel.labels},
    )
    for a, b in params["pairs"]:
        pair = {"wave_from": a, "wave_to": b}

        def add(topic: str, key: str, fields: dict, actor: object = None) -> None:
            facts.append(Fact(topic, key, fields, a, b, actor))

        if (a, b) in zip(panel.labels, panel.labels[1:]):
            _turnover_facts(add, panel, result.waves, a, b)
        ra, rb = rates[a], rates[b]
        if (
            not (math.isnan(ra) or math.isnan(rb))
            and abs(ra - rb) > RESPONSE_GAP
            and restrict != "responded_all"
        ):
            add("caveats", "caveat_response", {**pair, "rate_from": Pct(ra), "rate_to": Pct(rb)})
        if restrict is None:
            n = int(tests.loc[(a, b, "density_change"), "n_actors"])
            add("caveats", "restriction_none", {"n": n})
        _test_facts(add, tests, result.network, a, b, group, alpha, level)
        _churn_facts(add, result, a, b, group)
        for name in params["attributes"]:
            _split_facts(add, panel, result, a, b, name)
            _bridge_facts(add, result, a, b, name)
        _metric_facts(add, result, a, b)
        _actor_facts(add, panel, result, a, b, top)
        _cluster_facts(add, result, a, b)
    return facts


def _turnover_facts(add, panel: Panel, summary: pd.DataFrame, a: str, b: str) -> None:
    """How many organizations joined, left and stayed, and who joined and left, by name."""
    add(
        "waves",
        "turnover",
        {
            "wave_from": a,
            "wave_to": b,
            "joined": Msg("organisations", {"n": int(summary.at[b, "joined"])}),
            "left": int(summary.at[b, "left"]),
            "stayed": int(summary.at[b, "stayed"]),
        },
    )
    turnover = panel.turnover.xs((a, b), level=["wave_from", "wave_to"])
    for change in ("joined", "left"):
        names = sorted(
            turnover.loc[turnover["change"] == change, "name"].astype(str), key=str.casefold
        )
        if names:
            add("waves", f"{change}_names", {"names": Names(tuple(names), limit=MAX_NAMED)})


def _significance(p: float, alpha: float) -> Msg:
    return Msg("significant" if p < alpha else "not_significant", {"p": PValue(p)})


def _verb(change: float) -> Msg:
    return Msg("rose" if change > 0 else "fell")


def _change(before: object, after: object, change: float, pronoun: str | None = None) -> Msg:
    """``rose from X to Y`` / ``fell ...``, or ``stayed at Y`` when both read the same;
    with `pronoun` (a metric's name), ``it rose ...`` / ``stieg sie ...``."""
    fields: dict[str, Any] = {} if pronoun is None else {"pronoun": Msg(f"pronoun_{pronoun}")}
    suffix = "" if pronoun is None else "_pronoun"
    if _same(before, after):
        return Msg(f"stayed{suffix}", {**fields, "value": after})
    return Msg(
        f"moved{suffix}", {**fields, "verb": _verb(change), "before": before, "after": after}
    )


def _test_facts(add, tests, network, a, b, group, alpha, level) -> None:
    """The three tests. Density and the E-I index are stated for all actors of each wave
    (the numbers of the network table and the trend chart) and, when those differ, also
    for the actors the test compares (the numbers of the tests table)."""
    dens = tests.loc[(a, b, "density_change")]
    ci = {
        "ci_low": Signed(dens["ci_low"] * 100),
        "ci_high": Signed(dens["ci_high"] * 100),
        "level": level,
        "significance": _significance(dens["p_value"], alpha),
        "metric": Msg("metric_density"),
        "n": int(dens["n_actors"]),
    }
    before, after = Pct(dens["before"]), Pct(dens["after"])
    wide_before, wide_after = Pct(network.at["density", a]), Pct(network.at["density", b])
    change = network.at["density", b] - network.at["density", a]
    if _same(wide_before, before) and _same(wide_after, after):
        add("tests", "density_compared", {**ci, "change": _change(before, after, dens["estimate"])})
    else:
        add(
            "tests",
            "density_all",
            {
                **ci,
                "change": _change(wide_before, wide_after, change),
                "change_compared": _change(before, after, dens["estimate"], "density"),
            },
        )
    qap = tests.loc[(a, b, "qap_correlation")]
    fields = {"wave_from": a, "wave_to": b, "r": Num(qap["estimate"]), "p": PValue(qap["p_value"])}
    if qap["p_value"] < alpha and qap["estimate"] > 0:
        r = qap["estimate"]
        strength = (
            "qap_strong" if r >= QAP_STRONG else "qap_moderate" if r >= QAP_MODERATE else "qap_weak"
        )
        add("tests", "qap_alike", {**fields, "strength": Msg(strength)})
    elif not math.isnan(qap["estimate"]):
        add("tests", "qap_unrelated", fields)
    if group is None or (a, b, "ei_change") not in tests.index:
        return
    ei = tests.loc[(a, b, "ei_change")]
    if math.isnan(ei["estimate"]):
        return
    compared = _change(Num(ei["before"]), Num(ei["after"]), ei["estimate"])
    moved = compared.key == "moved"
    fields: dict[str, Any] = {
        "metric": Msg("metric_ei_index"),
        "attribute": Attribute(group),
        "significance": _significance(ei["p_value"], alpha),
        "n": int(ei["n_actors"]),
        "direction": Msg("ei_more" if ei["estimate"] > 0 else "ei_less") if moved else "",
    }
    before, after = network.at["ei_index", a], network.at["ei_index", b]
    same = _same(Num(before), Num(ei["before"])) and _same(Num(after), Num(ei["after"]))
    if math.isnan(before) or math.isnan(after) or same:
        add("tests", "ei_compared", {**fields, "change": compared})
    else:
        fields["change_compared"] = _change(
            Num(ei["before"]), Num(ei["after"]), ei["estimate"], "ei_index"
        )
        add(
            "tests",
            "ei_all",
            {**fields, "change": _change(Num(before), Num(after), after - before)},
        )


def _same(x: object, y: object) -> bool:
    return format_value(x, "en") == format_value(y, "en")


def _churn_facts(add, result: Comparison, a, b, group) -> None:
    s = result.churn.loc[(a, b)]
    add(
        "ties",
        "churn",
        {
            "kept": int(s["kept"]),
            "formed": int(s["formed"]),
            "dissolved": int(s["dissolved"]),
            "jaccard": Num(s["jaccard"]),
            "formed_turnover": int(s["formed_turnover"]),
            "dissolved_turnover": int(s["dissolved_turnover"]),
        },
    )
    if s["strengthened"] + s["weakened"] > 0:
        add(
            "ties",
            "churn_strength",
            {
                "kept": int(s["kept"]),
                "strengthened": int(s["strengthened"]),
                "weakened": int(s["weakened"]),
            },
        )
    if group is None or not len(result.churn_by_group):
        return
    table = _pair_rows(result.churn_by_group, a, b)
    # statements about groups name real groups only, never the explicit groups
    # of missing values ("not on the member list", "unknown")
    cross = table[
        [x != y and not (is_missing_group(x) or is_missing_group(y)) for x, y in table.index]
    ]
    if not len(cross):
        return
    up = cross.sort_values("net_change", ascending=False, kind="stable")
    if up["net_change"].iloc[0] >= MIN_GROUP_CHANGE:
        (ga, gb), row = up.index[0], up.iloc[0]
        add(
            "groups",
            "group_growth",
            {
                "group_a": Group(ga),
                "group_b": Group(gb),
                "attribute": Attribute(group),
                "net": Signed(row["net_change"], 0),
            },
        )
    down = cross.sort_values("net_change", kind="stable")
    if down["net_change"].iloc[0] <= -MIN_GROUP_CHANGE:
        (ga, gb), row = down.index[0], down.iloc[0]
        add(
            "groups",
            "group_loss",
            {
                "group_a": Group(ga),
                "group_b": Group(gb),
                "attribute": Attribute(group),
                "net": Signed(row["net_change"], 0),
            },
        )


def _holders(rows: pd.DataFrame) -> Names:
    """The actors holding a split together, the one carrying most shortest paths first."""
    return Names(tuple(rows["name"]), conj="or")


def _carries(rows: pd.DataFrame, past: bool = False) -> object:
    """With two or more holders: which of them carries what share of the shortest paths."""
    if len(rows) < 2:
        return ""
    top = rows.iloc[0]
    key = "split_share_past" if past else "split_share"
    return Msg(key, {"name": top["name"], "share": Pct(top["path_share"], 0)})


def _split_facts(add, panel: Panel, result: Comparison, a, b, name) -> None:
    """Pairs of groups that one or two actors hold together, in either wave of the pair."""
    splits = result.group_splits
    splits = splits[splits["attribute"] == name]
    before, after = splits[splits["wave"] == a], splits[splits["wave"] == b]
    keys = dict.fromkeys(
        list(zip(before["group_a"], before["group_b"]))
        + list(zip(after["group_a"], after["group_b"]))
    )
    bridges = result.group_bridges
    for ga, gb in keys:
        was = before[(before["group_a"] == ga) & (before["group_b"] == gb)]
        now = after[(after["group_a"] == ga) & (after["group_b"] == gb)]
        fields = {"group_a": Group(ga), "group_b": Group(gb), "attribute": Attribute(name)}
        if len(was) and len(now):
            if set(was["actor"]) == set(now["actor"]):
                add(
                    "groups",
                    "split_still",
                    {**fields, "holders": _holders(now), "share": _carries(now)},
                )
            else:
                add(
                    "groups",
                    "split_moved",
                    {
                        **fields,
                        "wave_from": a,
                        "wave_to": b,
                        "holders": _holders(now),
                        "holders_before": _holders(was),
                        "share": _carries(now),
                    },
                )
        elif len(now):
            add(
                "groups",
                "split_new",
                {**fields, "wave_to": b, "holders": _holders(now), "share": _carries(now)},
            )
        else:
            bridged = (
                (bridges["wave_from"] == a)
                & (bridges["wave_to"] == b)
                & (bridges["attribute"] == name)
                & (bridges["group_a"] == ga)
                & (bridges["group_b"] == gb)
                & (bridges["change"] == "first")
            ).any()
            if bridged:
                outcome = "split_bridged"
            else:
                outcome = (
                    "split_routes" if _connected(panel, result, b, name, ga, gb) else "split_apart"
                )
            add(
                "groups",
                "split_ended",
                {
                    **fields,
                    "wave_from": a,
                    "wave_to": b,
                    "holders": _holders(was),
                    "share": _carries(was, past=True),
                    "outcome": Msg(outcome),
                },
            )


def _connected(panel: Panel, result: Comparison, wave: str, name, ga, gb) -> bool:
    """Whether some member of group `ga` reaches some member of `gb` in `wave`."""
    G = _wave_graph(panel, wave, result.parameters["restrict"])
    labels = group_labels(G, name)
    U = G.to_undirected(as_view=True) if G.is_directed() else G
    for part in nx.connected_components(U):
        found = set(labels[list(part)])
        if ga in found and gb in found:
            return True
    return False


def _bridge_facts(add, result: Comparison, a, b, name) -> None:
    """Ties that first connect two groups or were their last direct tie; groups still apart."""
    table = result.group_bridges
    table = table[
        (table["wave_from"] == a) & (table["wave_to"] == b) & (table["attribute"] == name)
    ]
    for change, key in (("first", "bridge_first"), ("last", "bridge_last"), ("none", "group_gap")):
        chosen = table[table["change"] == change]
        for (ga, gb), part in chosen.groupby(["group_a", "group_b"], sort=False):
            fields = {"group_a": Group(ga), "group_b": Group(gb), "attribute": Attribute(name)}
            if change != "none":
                ties = tuple(Pair(u, v) for u, v in zip(part["source_name"], part["target_name"]))
                fields.update(n=len(ties), ties=Names(ties, limit=MAX_NAMED))
            add("groups", key, fields)


def _metric_facts(add, result: Comparison, a, b) -> None:
    for metric in STATED_METRICS:
        before, after = result.network.at[metric, a], result.network.at[metric, b]
        if math.isnan(before) or math.isnan(after):
            continue
        x, y = _metric_value(metric, before), _metric_value(metric, after)
        name = Msg(f"metric_{metric}")
        if _same(x, y):
            add("network", "metric_same", {"metric": name, "value": y})
        else:
            add(
                "network",
                "metric_change",
                {"metric": name, "verb": _verb(after - before), "before": x, "after": y},
            )


def _role(role: str, groups: tuple) -> Msg:
    """The role phrase; `groups` as :func:`role_transitions` gives them."""
    g1, g2 = (Group(g) for g in groups)
    return Msg(
        f"role_{role}", {"g1": g1} if role in ("coordinator", "itinerant") else {"g1": g1, "g2": g2}
    )


def _actor_facts(add, panel: Panel, result: Comparison, a, b, top: int) -> None:
    roles = result.role_transitions
    roles = roles[(roles["wave_from"] == a) & (roles["wave_to"] == b)]
    became = roles[roles["role_after"].notna() & (roles["role_after"] != "coordinator")]
    for _, row in became.head(top).iterrows():
        add(
            "actors",
            "role_became",
            {
                "name": row["name"],
                "wave_to": b,
                "role": _role(row["role_after"], row["groups_after"]),
            },
            row["actor"],
        )
    lost = roles[
        roles["role_before"].notna()
        & roles["role_after"].isna()
        & (roles["role_before"] != "coordinator")
    ]
    lost = lost.sort_values("z_before", ascending=False, kind="stable")
    for _, row in lost.head(top).iterrows():
        add(
            "actors",
            "role_lost",
            {
                "name": row["name"],
                "wave_to": b,
                "role": _role(row["role_before"], row["groups_before"]),
            },
            row["actor"],
        )
    for actor, key, row in _changed_actors(result, a, b, top):
        measure = "degree" if key.startswith("degree") else "path_share"
        fmt = int if measure == "degree" else (lambda v: Pct(v, 0))
        add(
            "actors",
            key,
            {
                "name": row["name"],
                "before": fmt(row[f"{measure}_before"]),
                "after": fmt(row[f"{measure}_after"]),
            },
            actor,
        )
    cuts = result.cut_points
    cuts = cuts[(cuts["wave_from"] == a) & (cuts["wave_to"] == b)]
    for _, row in cuts[cuts["change"] == "new"].head(top).iterrows():
        add(
            "actors",
            "spof_new",
            {"name": row["name"], "pairs": int(row["pairs_disconnected_after"])},
            row["actor"],
        )
    for _, row in cuts[cuts["change"] == "resolved"].head(top).iterrows():
        actor = row["actor"]
        if actor not in panel.graphs[b]:
            add("actors", "spof_left", {"name": row["name"], "wave_from": a}, actor)
            continue
        before, after = row["path_share_before"], row["path_share_after"]
        shares = {"name": row["name"], "before": Pct(before, 0), "after": Pct(after, 0)}
        if _fell_materially(before, after):
            add("actors", "spof_resolved", shares, actor)
        else:
            add("actors", "spof_cut_only", {**shares, "wave_from": a}, actor)


def _fell_materially(before: float, after: float) -> bool:
    """Whether a share of the shortest paths fell materially (:data:`SPOF_SHARE`,
    :data:`SPOF_DROP`); False when either is unknown."""
    return after < SPOF_SHARE and (before - after >= SPOF_DROP - 1e-12 or after <= before / 2)


def _changed_actors(result: Comparison, a, b, top: int) -> list[tuple[Hashable, str, pd.Series]]:
    """The actors whose partners (degree) and share of the shortest paths grew or fell
    most: ``(actor, key, row)``, `top` per kind, in the order stated."""
    changes = _pair_rows(result.actor_changes, a, b)
    out = []
    for measure, stem in (("degree", "degree"), ("path_share", "betweenness")):
        delta = changes[f"{measure}_after"] - changes[f"{measure}_before"]
        if measure == "path_share":  # as stated: equal when the rounded shares are equal
            delta = delta.where(
                changes[f"{measure}_after"].round(2) != changes[f"{measure}_before"].round(2), 0
            )
        ranked = changes.assign(_delta=delta).sort_values("_delta", ascending=False, kind="stable")
        gains = ranked[ranked["_delta"] > 0].head(top)
        losses = ranked[ranked["_delta"] < 0].iloc[::-1].head(top)
        out += [(actor, f"{stem}_gain", row) for actor, row in gains.iterrows()]
        out += [(actor, f"{stem}_loss", row) for actor, row in losses.iterrows()]
    return out


def _cluster_facts(add, result: Comparison, a, b) -> None:
    if (a, b) not in result.cluster_agreement.index:
        return
    agree = result.cluster_agreement.loc[(a, b)]
    ari = agree["ari"]
    if not math.isnan(ari):
        state = (
            "clusters_stable"
            if ari >= ARI_STABLE
            else "clusters_partly"
            if ari >= ARI_PARTLY
            else "clusters_reorganised"
        )
        add(
            "clusters",
            "clusters_agreement",
            {"stability": Msg(state), "ari": Num(ari), "n": int(agree["n_common"])},
        )
    names = result.cluster_names
    events = result.cluster_events
    events = events[(events["wave_from"] == a) & (events["wave_to"] == b)]

    def size(wave: str, community: object) -> int:
        return int(names.at[(wave, community), "size"])

    for ca, part in events[events["event"] == "split"].groupby("community_from", sort=True):
        if size(a, ca) >= MIN_CLUSTER:
            add(
                "clusters",
                "cluster_split",
                {"name": part["name_from"].iloc[0], "parts": Names(tuple(part["name_to"]))},
            )
    for cb, part in events[events["event"] == "merged"].groupby("community_to", sort=True):
        if size(b, cb) >= MIN_CLUSTER:
            add(
                "clusters",
                "cluster_merged",
                {"name": part["name_to"].iloc[0], "parts": Names(tuple(part["name_from"]))},
            )
    for _, row in events[events["event"] == "formed"].iterrows():
        if size(b, row["community_to"]) >= MIN_CLUSTER:
            add("clusters", "cluster_formed", {"name": row["name_to"]})
    for _, row in events[events["event"] == "dissolved"].iterrows():
        if size(a, row["community_from"]) >= MIN_CLUSTER:
            add("clusters", "cluster_dissolved", {"name": row["name_from"]})
