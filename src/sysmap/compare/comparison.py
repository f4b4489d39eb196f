"""One call for the whole wave-to-wave comparison: :func:`compare_waves`."""

from __future__ import annotations

import math
import numbers
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._graph import check_n_jobs, sorted_nodes
from .._progress import progress_bar
from .._validation import check_int
from ..exceptions import ParameterError
from ..i18n import check_lang
from .changes import (
    actor_changes,
    cut_point_changes,
    metric_changes,
    role_transitions,
    wave_metrics,
    wave_pairs,
)
from .churn import churn_by_group, churn_summary, tie_churn
from .clusters import cluster_evolution
from .facts import _facts
from .group_changes import (
    _bridge_table,
    _check_attributes,
    _groups_present,
    _has_values,
    _split_table,
)
from .panel import Panel, _check_restrict, _ordered_index
from .qap import qap_correlation
from .resampling import seed_sequence
from .statements import Fact, render_statements
from .stats import density_change, ei_change

__all__ = ["Comparison", "compare_waves"]

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


def _front(frame: pd.DataFrame, first: list[str]) -> pd.DataFrame:
    return frame[first + [c for c in frame.columns if c not in first]]


# --------------------------------------------------------------------------- shortest paths


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
