"""What a partner profile says about one organization: its partners and who named it,
its role, the groups it connects, the ratings it received, the findings naming it and
one or two next steps (:class:`Profile`), each read once from the whole network.

:func:`~sysmap.report.profiles.partner_profiles` builds them; the pages are
:class:`~sysmap.report.profiles.Profiles`.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from .._attributes import attribute_label, display_group, is_missing
from .._graph import sorted_nodes
from ..cluster.labels import ActorClusters
from ..findings import Findings
from ..findings.groups import backbone_attribute
from ..i18n import Msg, Names, format_number, message, render
from ..io.members import parse_yes_no
from ..io.model import DID_NOT_RESPOND, NOT_ON_ROSTER, RESPONDED
from ..metrics.store import MeasureStore

__all__ = ["MIN_RATINGS", "Profile"]

#: Fewest ratings behind a trust or value average shown (fewer could be read back).
MIN_RATINGS = 3
#: Tie scales whose ratings received are shown (means of the reports' ``trust``, ``value``).
SCALES = ("trust", "value")
#: Next steps per profile.
MAX_STEPS = 2
#: Names listed in a sentence before "... and N more".
MAX_NAMES = 3
#: Partners (the best connected) searched for two who have only this actor in common.
MAX_PAIR_PARTNERS = 30
_DOMAIN = "profiles"


def _t(key: str, lang: str, **fields: object) -> str:
    """A message of the ``profiles`` catalogue; one full stop after a name ending in one."""
    text = message(_DOMAIN, key, lang, **fields)
    return text[:-1] if text.endswith("..") and not text.endswith("...") else text


def _label(attribute: str, lang: str, *, start: bool = True) -> str:
    """The attribute's name in `lang`, capitalised at the start of a line."""
    label = attribute_label(attribute, lang)
    return label[:1].upper() + label[1:] if start else label


def _group_word(value: object, lang: str) -> str:
    return "" if is_missing(value) else str(display_group(value, lang))


def _intensity(value: object, lang: str) -> str:
    if is_missing(value):
        return ""
    value = float(value)  # type: ignore[arg-type]
    if value.is_integer() and 1 <= value <= 4:
        return message("findings", f"intensity.{int(value)}", lang)
    return format_number(value, lang)


@dataclass(frozen=True)
class Profile:
    """One organization's profile, its words in one language.

    Attributes
    ----------
    actor : hashable
        The actor id.
    name : str
        Its name (the id when it has none).
    slug : str
        Anchor in the combined page and file stem of its own page
        (:func:`~sysmap.report.profiles.profile_slug`).
    groups : dict
        Its value of each group attribute (``{"sector": "Schools", ...}``).
    status : str or None
        ``responded``, ``did_not_respond``, ``not_on_roster`` or None (no survey).
    figures : dict
        ``partners`` (the degree in the network), ``named_by`` (organizations
        that named it), ``named`` (organizations it named; None when it did
        not answer), ``one_sided_in`` (named it, both answered, it did not
        name them), ``one_sided_out``, ``brokerage_pairs`` (pairs of its
        partners without a tie, reaching each other through it),
        ``brokerage_rank`` (1 = most such pairs) and ``<scale>_received`` /
        ``<scale>_ratings`` where rated. Without survey reports only the
        partners, brokerage and ratings.
    brokerage : dict
        ``brokerage_pairs`` split by the primary group attribute:
        ``within_own``, ``own_other``, ``within_other``, ``across`` (empty
        without groups).
    role : str
        Its role (:func:`~sysmap.cluster.cluster_actors`) in words.
    community : str
        The name of its cluster.
    text : dict of str to list
        The sentences of the page by part: ``facts``, ``role``,
        ``brokerage``, ``brokerage_note``, ``groups``, ``ratings``,
        ``introductions``, and ``findings`` as (severity, statement) pairs.
    rows : dict of str to list of dict
        The tables as plain rows (``partners``, ``connects``, ``steps``);
        :attr:`partners`, :attr:`connects` and :attr:`steps` are their frames.
    """

    actor: Hashable
    name: str
    slug: str
    groups: dict
    status: str | None
    figures: dict = field(repr=False)
    brokerage: dict = field(repr=False)
    role: str = ""
    community: str = ""
    text: dict = field(default_factory=dict, repr=False)
    rows: dict = field(default_factory=dict, repr=False)
    columns: tuple = field(default=(), repr=False)

    @cached_property
    def partners(self) -> pd.DataFrame:
        """Indexed by ``partner`` (actor id), ties first then by name: ``name``, the
        group attributes, ``tie`` (a tie in the network), ``named_by_actor`` and
        ``named_by_partner`` (who reported it; ``<NA>`` when that side did not
        answer), ``intensity`` (when reported) and ``note`` (``one_sided_in``,
        ``one_sided_out``, ``not_counted`` under the tie rule, or empty)."""
        frame = pd.DataFrame(self.rows["partners"], columns=["partner", *self.columns])
        for c in ("named_by_actor", "named_by_partner"):
            if c in frame.columns:
                frame[c] = frame[c].astype("boolean")
        return frame.set_index("partner")

    @cached_property
    def connects(self) -> pd.DataFrame:
        """Columns ``attribute``, ``group``, ``partners`` (its partners in that group)
        and ``own`` (its own group), the largest group first."""
        columns = ["attribute", "group", "partners", "own"]
        return pd.DataFrame(self.rows["connects"], columns=columns)

    @cached_property
    def steps(self) -> pd.DataFrame:
        """The next steps, most useful first: ``kind`` and ``text``."""
        return pd.DataFrame(self.rows["steps"], columns=["kind", "text"])

    def to_dict(self) -> dict[str, Any]:
        """The profile as plain Python (tables as lists of records)."""
        return {
            "actor": self.actor,
            "name": self.name,
            "slug": self.slug,
            "groups": dict(self.groups),
            "status": self.status,
            "figures": {k: _plain(v) for k, v in self.figures.items()},
            "brokerage": dict(self.brokerage),
            "role": self.role,
            "community": self.community,
            "text": {k: list(v) for k, v in self.text.items()},
            **{k: [{c: _plain(x) for c, x in r.items()} for r in v] for k, v in self.rows.items()},
        }


def _plain(value: object) -> object:
    if isinstance(value, np.generic):
        return value.item()
    return None if value is pd.NA else value


@dataclass
class _Context:
    """What every profile reads, computed once for the whole network."""

    G: nx.Graph
    D: nx.DiGraph | None
    store: MeasureStore
    attributes: list[str]
    primary: str | None
    clusters: ActorClusters
    findings: Findings
    lang: str

    def __post_init__(self) -> None:
        G = self.G
        self.names = {v: _name(G, v) for v in G}
        self.status = dict(G.nodes(data="status", default=None))
        self.degree = {v: len(set(G[v]) - {v}) for v in G}
        triangles = nx.triangles(G) if not G.is_directed() else {}
        self.pairs = {
            v: self.degree[v] * (self.degree[v] - 1) // 2 - triangles.get(v, 0) for v in G
        }
        counts = np.array(sorted(self.pairs.values(), reverse=True))
        # rank: 1 + how many actors stand between more pairs
        self.rank = {
            v: int(np.searchsorted(-counts, -p, side="left")) + 1 for v, p in self.pairs.items()
        }
        self.brokerage = None  # actor -> role -> count
        if self.primary is not None and G.number_of_nodes():
            table = self.store.table("brokerage", group=self.primary)
            self.brokerage = table.to_dict("index")
        columns = ["name", *self.attributes, "tie"]  # of every partners table
        if self.D is not None:
            columns += ["named_by_actor", "named_by_partner"]
        if any("intensity" in d for _, _, d in G.edges(data=True)):
            columns.append("intensity")
        self.columns = (*columns, "note")
        marked = backbone_attribute(G)
        self.backbone = []
        if marked is not None:
            self.backbone = [v for v, b in G.nodes(data=marked) if _yes(b)]
        self.ratings = {s: _ratings_received(G, self.D, s) for s in SCALES}
        self.scale_means = {}  # the mean of every rating given in the network
        for scale, received in self.ratings.items():
            total = sum(n for _, n in received.values())
            if total:
                self.scale_means[scale] = sum(m * n for m, n in received.values()) / total
        self.by_actor: dict[Hashable, list] = {}
        for f in self.findings:
            for v in dict.fromkeys(f.actors):
                self.by_actor.setdefault(v, []).append(f)
        self.role_key = _role_keys(self.clusters)
        self.community_names = self.clusters.communities["name"]
        self.community_sizes = self.clusters.communities["size"]
        if self.D is not None:
            self.out = {v: set(self.D.successors(v)) - {v} if v in self.D else set() for v in G}
            self.into = {v: set(self.D.predecessors(v)) - {v} if v in self.D else set() for v in G}

    # -- one profile -----------------------------------------------------------------
    def profile(self, v: Hashable, slug: str) -> Profile:
        lang = self.lang
        rows = self._partners(v)  # plain rows: a profile is built without pandas until the end
        notes = Counter(r["note"] for r in rows)
        figures: dict[str, Any] = {"partners": self.degree[v]}
        if self.D is not None:
            figures["named_by"] = len(self.into[v])
            figures["named"] = len(self.out[v]) if self.status[v] == RESPONDED else None
            figures["one_sided_in"] = notes["one_sided_in"]
            figures["one_sided_out"] = notes["one_sided_out"]
        figures["brokerage_pairs"] = self.pairs[v]
        figures["brokerage_rank"] = self.rank[v]
        for scale, received in self.ratings.items():
            if v in received:
                figures[f"{scale}_received"], figures[f"{scale}_ratings"] = received[v]
        split = self._brokerage_split(v)
        connects = self._connects(v, rows)
        role, community, role_text = self._role(v)
        text = {
            "facts": self._facts(v),
            "role": role_text,
            "brokerage": self._brokerage_text(v, split),
            "brokerage_note": [_t("brokerage_note", lang)] if split and self.pairs[v] else [],
            "groups": self._groups_text(connects),
            "ratings": self._ratings_text(figures),
            "introductions": [f.statement for f in self._findings(v, "introduction")],
            "findings": [
                (f.severity, f.statement)
                for f in self.by_actor.get(v, [])
                if f.kind != "introduction"
            ],
        }
        return Profile(
            actor=v,
            name=self.names[v],
            slug=slug,
            groups={a: self.G.nodes[v].get(a) for a in self.attributes},
            status=self.status[v],
            figures=figures,
            brokerage=split,
            role=role,
            community=community,
            text=text,
            rows={
                "partners": rows,
                "connects": connects,
                "steps": [{"kind": k, "text": t} for k, t in self._steps(v, rows)],
            },
            columns=self.columns,
        )

    def _findings(self, v: Hashable, kind: str) -> list:
        return [f for f in self.by_actor.get(v, []) if f.kind == kind]

    def _partners(self, v: Hashable) -> list[dict[str, Any]]:
        """One row per partner (tied, or in a report either way), ties first, by name."""
        G = self.G
        tied = set(G[v]) - {v}
        reported = (self.out[v] | self.into[v]) if self.D is not None else set()
        rows = []
        for u in tied | reported:
            row: dict[str, Any] = {"partner": u, "name": self.names[u]}
            for a in self.attributes:
                row[a] = G.nodes[u].get(a)
            row["tie"] = u in tied
            note = "" if u in tied else "not_counted"
            if self.D is not None:
                mine = u in self.out[v] if self.status[v] == RESPONDED else pd.NA
                theirs = v in self.out[u] if self.status[u] == RESPONDED else pd.NA
                row["named_by_actor"], row["named_by_partner"] = mine, theirs
                if note == "" and mine is True and theirs is False:
                    note = "one_sided_out"
                elif note == "" and mine is False and theirs is True:
                    note = "one_sided_in"
            if u in tied and "intensity" in G.edges[v, u]:
                row["intensity"] = G.edges[v, u]["intensity"]
            row["note"] = note
            rows.append(row)
        return sorted(rows, key=lambda r: (not r["tie"], _sort_key(r["name"]), str(r["partner"])))

    def _brokerage_split(self, v: Hashable) -> dict[str, int]:
        if self.brokerage is None:
            return {}
        row = self.brokerage[v]
        half = lambda *cols: int(round(sum(row[c] for c in cols) / 2))  # noqa: E731
        return {
            "within_own": half("coordinator"),
            "own_other": half("representative", "gatekeeper"),
            "within_other": half("itinerant"),
            "across": half("liaison"),
        }

    def _connects(self, v: Hashable, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        out = []
        for a in self.attributes:
            own = self.G.nodes[v].get(a)
            counts = Counter(r[a] for r in rows if r["tie"] and not is_missing(r[a]))
            for g, n in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0]))):
                out.append({"attribute": a, "group": g, "partners": n, "own": g == own})
        return out

    # -- sentences -------------------------------------------------------------------
    def _facts(self, v: Hashable) -> list[str]:
        lang, out = self.lang, []
        for a in self.attributes:
            value = self.G.nodes[v].get(a)
            if not is_missing(value):
                out.append(f"{_label(a, lang)}: {display_group(value, lang)}")
        status = self.status[v]
        if status in (RESPONDED, DID_NOT_RESPOND, NOT_ON_ROSTER) and self.D is not None:
            out.append(_t(f"status.{status}", lang))
        if v in self.backbone:
            out.append(_t("backbone", lang))
        return out

    def _role(self, v: Hashable) -> tuple[str, str, list[str]]:
        lang = self.lang
        actors = self.clusters.actors
        role = render(actors.at[v, "role"], lang)
        community = actors.at[v, "community"]
        name = str(self.community_names.get(community, ""))
        size = int(self.community_sizes.get(community, 0))
        if not self.degree[v]:  # an isolate's role and cluster say nothing about it
            return role, name, [_t("no_ties", lang)]
        key = self.role_key.get(v)
        plain = _t(f"role.{key}", lang) if key else ""
        lines = [_t("role_line", lang, role=role, plain=plain) if plain else
                 _t("role_line_bare", lang, role=role)]  # fmt: skip
        if size > 1:
            lines.append(_t("community_line", lang, community=name, n=size))
        return role, name, lines

    def _brokerage_text(self, v: Hashable, split: dict[str, int]) -> list[str]:
        lang, d, pairs = self.lang, self.degree[v], self.pairs[v]
        if d < 2:
            return [_t("brokerage_few", lang)]
        if pairs == 0:
            return [_t("brokerage_none", lang)]
        lines = [_t("brokerage_pairs", lang, n=pairs, rank=self.rank[v], total=len(self.G))]
        if split:
            own = self.G.nodes[v].get(self.primary)
            lines.append(
                _t(
                    "brokerage_split",
                    lang,
                    attribute=_label(self.primary, lang, start=False),
                    group=_group_word(own, lang) or _t("no_group", lang),
                    within_own=split["within_own"],
                    own_other=split["own_other"],
                    within_other=split["within_other"],
                    across=split["across"],
                )
            )
        return lines

    def _groups_text(self, connects: list[dict[str, Any]]) -> list[str]:
        lang, out = self.lang, []
        for a in self.attributes:
            rows = [r for r in connects if r["attribute"] == a]
            if not rows:
                continue
            label = _label(a, lang)
            items = [
                _t("group_own" if r["own"] else "group_count", lang,
                   group=_group_word(r["group"], lang), n=r["partners"])
                for r in rows
            ]  # fmt: skip
            if len(rows) == 1:
                out.append(_t("groups_one", lang, attribute=label, group=items[0]))
            else:
                out.append(_t("groups_many", lang, attribute=label, n=len(rows), groups=items))
        return out

    def _ratings_text(self, figures: dict) -> list[str]:
        lang, out = self.lang, []
        for scale, network in self.scale_means.items():
            name = _t(f"scale.{scale}", lang)
            n = int(figures.get(f"{scale}_ratings", 0))
            if n >= MIN_RATINGS:
                mean = format_number(figures[f"{scale}_received"], lang, digits=2)
                all_ = format_number(network, lang, digits=2)
                out.append(_t("rating_line", lang, scale=name, mean=mean, n=n, network=all_))
            elif n:
                out.append(_t("rating_few", lang, scale=name, n=n, min=MIN_RATINGS))
            else:
                out.append(_t("rating_none", lang, scale=name))
        return out

    # -- next steps ------------------------------------------------------------------
    def _steps(self, v: Hashable, rows: list[dict[str, Any]]) -> list[tuple[str, str]]:
        """Up to :data:`MAX_STEPS` concrete steps, the most useful first (see the docs)."""
        candidates = (
            self._step_first_ties,
            self._step_introduction,
            self._step_sole_link,
            self._step_answer,
            self._step_other_groups,
            self._step_only_link,
            self._step_confirm,
            self._step_new_group,
            self._step_strengthen,
        )
        out: list[tuple[str, str]] = []
        named: set[Hashable] = set()  # actors a step names already: not suggested twice
        for candidate in candidates:
            step = candidate(v, rows, named)
            if step is not None:
                out.append(step)
            if len(out) == MAX_STEPS:
                break
        return out

    def _names(self, actors: Sequence[Hashable]) -> str:
        return render(Names(tuple(self.names[u] for u in actors), limit=MAX_NAMES), self.lang)

    def _best(self, actors: Sequence[Hashable] | set) -> Hashable | None:
        """The best connected of `actors` (lowest id on a tie)."""
        actors = list(actors)
        if not actors:
            return None
        return min(actors, key=lambda u: (-self.degree[u], str(u)))

    def _step_first_ties(self, v, rows, named):
        if self.degree[v]:
            return None
        helper = [b for b in self.backbone if b != v]
        if helper:
            return "first_ties", _t("step.first_ties", self.lang, backbone=self._names(helper[:1]))
        return "first_ties", _t("step.first_ties_plain", self.lang)

    def _step_introduction(self, v, rows, named):
        for f in self._findings(v, "introduction"):
            other = next((u for u in f.actors if u != v), None)
            via = [u for u in f.values.get("via", []) if u in self.G]
            shared = f.values.get("affiliations", [])
            if other is None or not shared:
                continue
            fields = {"other": self.names[other], "affiliation": shared[0]}
            if via:
                return "introduction", _t(
                    "step.introduction", self.lang, via=self.names[via[0]], **fields
                )
            return "introduction", _t("step.introduction_direct", self.lang, **fields)
        return None

    def _step_sole_link(self, v, rows, named):
        cut: list[Hashable] = []
        for f in self._findings(v, "single_point_of_failure"):
            if tuple(f.actors) == (v,):
                cut = [u for u in f.evidence.index if u in self.G]
        if not cut:  # partners with no other partner
            cut = [u for u in sorted_nodes(set(self.G[v]) - {v}) if self.degree[u] == 1]
        if not cut:
            return None
        others = set(self.G[v]) - {v} - set(cut)
        example = self._best(others)
        if example is None:
            return None
        named.update(cut)
        return "sole_link", _t(
            "step.sole_link", self.lang, n=len(cut), names=self._names(cut),
            partner=self.names[example],
        )  # fmt: skip

    def _step_answer(self, v, rows, named):
        if self.D is None or self.status[v] != DID_NOT_RESPOND:
            return None
        n = len(self.into[v])
        return "answer", _t("step.answer" if n else "step.answer_none", self.lang, n=n)

    def _step_other_groups(self, v, rows, named):
        """All partners in one group: a partner's partner in another group."""
        mine = self._partner_groups(v)
        if len(mine) != 1:
            return None
        found = self._reach(v, mine)
        if found is None:
            return None
        u, w = found
        return "other_groups", _t(
            "step.other_groups", self.lang, group=_group_word(next(iter(mine)), self.lang),
            via=self.names[u], other=self.names[w],
            other_group=_group_word(self.G.nodes[w].get(self.primary), self.lang),
        )  # fmt: skip

    def _step_new_group(self, v, rows, named):
        """A group none of its partners is in: a partner's partner there."""
        mine = self._partner_groups(v)
        found = self._reach(v, mine) if mine else None
        if found is None:
            return None
        u, w = found
        return "new_group", _t(
            "step.new_group", self.lang, via=self.names[u], other=self.names[w],
            other_group=_group_word(self.G.nodes[w].get(self.primary), self.lang),
        )  # fmt: skip

    def _partner_groups(self, v: Hashable) -> set:
        """The groups (primary attribute) of `v` and its partners, missing values left out."""
        a, G = self.primary, self.G
        if a is None or not self.degree[v]:
            return set()
        groups = {G.nodes[u].get(a) for u in G[v]} | {G.nodes[v].get(a)}
        return {g for g in groups if not is_missing(g)}

    def _reach(self, v: Hashable, mine: set) -> tuple[Hashable, Hashable] | None:
        """(partner, its partner) with the latter in a group outside `mine`: the best
        connected such organization, through its best connected partner."""
        G, a = self.G, self.primary
        near = set(G[v]) | {v}
        best = None
        for u in set(G[v]) - {v}:
            for w in G[u]:
                g = G.nodes[w].get(a)
                if w in near or is_missing(g) or g in mine:
                    continue
                score = (-self.degree[w], -self.degree[u], str(w), str(u))
                if best is None or score < best[0]:
                    best = (score, u, w)
        return None if best is None else best[1:]

    def _step_only_link(self, v, rows, named):
        """Two partners without a tie whose only common partner is `v`, from two groups
        if possible, the best connected first."""
        G, a = self.G, self.primary
        if self.pairs[v] == 0:
            return None
        near = sorted(set(G[v]) - {v} - named, key=lambda u: (-self.degree[u], str(u)))
        near = near[:MAX_PAIR_PARTNERS]
        best = None
        for i, x in enumerate(near):
            for y in near[i + 1 :]:
                if G.has_edge(x, y) or (set(G[x]) & set(G[y])) - {v}:
                    continue
                gx, gy = (G.nodes[x].get(a), G.nodes[y].get(a)) if a else (None, None)
                across = not is_missing(gx) and not is_missing(gy) and gx != gy
                score = (not across, -(self.degree[x] + self.degree[y]), str(x), str(y))
                if best is None or score < best[0]:
                    best = (score, x, y)
        if best is None:
            return None
        (same_group, *_), x, y = best
        lang = self.lang
        if same_group:  # or groups unknown
            return "only_link", _t("step.only_link", lang, a=self.names[x], b=self.names[y])
        return "only_link", _t(
            "step.only_link_groups", lang, a=self.names[x], b=self.names[y],
            group_a=_group_word(G.nodes[x].get(a), lang),
            group_b=_group_word(G.nodes[y].get(a), lang),
        )  # fmt: skip

    def _step_strengthen(self, v, rows, named):
        """Its loosest tie below coordination (intensity 3), to turn into joint work."""
        loose = [
            r for r in rows
            if r["tie"] and r.get("intensity", 3) < 3 and r["partner"] not in named
        ]  # fmt: skip
        if not loose:
            return None
        r = min(loose, key=lambda r: (r["intensity"], -self.degree[r["partner"]], str(r["name"])))
        return "strengthen", _t(
            "step.strengthen", self.lang, partner=r["name"],
            level=_intensity(r["intensity"], self.lang),
        )  # fmt: skip

    def _step_confirm(self, v, rows, named):
        waiting = [r["partner"] for r in rows if r["note"] == "one_sided_in"]
        if not waiting:
            return None
        return "confirm", _t("step.confirm", self.lang, n=len(waiting), names=self._names(waiting))


def _sort_key(name: str) -> str:
    """`name` for alphabetical order: case and accents ignored (Bäckerei before Bildung)."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _name(G: nx.Graph, v: Hashable) -> str:
    name = G.nodes[v].get("name")
    return str(v) if is_missing(name) else str(name)


def _yes(value: object) -> bool:
    if is_missing(value):
        return False
    if isinstance(value, str):
        return bool(parse_yes_no(value))
    return bool(value)


def _ratings_received(G: nx.Graph, D: nx.DiGraph | None, scale: str) -> dict:
    """actor -> (mean rating received, raters) on `scale`: one rating per rater.

    From the reports `D` (several relations rated by one partner merged as
    the network merges them), as the findings count them, so that the
    profile, its findings and :data:`MIN_RATINGS` count raters; without
    reports from the ``<scale>_received`` / ``<scale>_ratings`` node attributes.
    """
    if D is not None and any(scale in d for _, _, d in D.edges(data=True)):
        given: dict[Hashable, list[float]] = {}
        for u, v, x in D.edges(data=scale):
            if u != v and not is_missing(x):
                given.setdefault(v, []).append(float(x))
        return {v: (float(np.mean(xs)), len(xs)) for v, xs in given.items()}
    means = nx.get_node_attributes(G, f"{scale}_received")
    counts = nx.get_node_attributes(G, f"{scale}_ratings")
    return {
        v: (float(m), int(counts.get(v, 0)))
        for v, m in means.items()
        if not is_missing(m) and not is_missing(counts.get(v))
    }


def _role_keys(clusters: ActorClusters) -> dict[Hashable, str]:
    """Each actor's role as a catalogue key (``hub``, ``broker``, ... or ``members``),
    from the role messages (also when the clusters were rendered already)."""
    names = getattr(clusters.role_model, "role_names_", None)
    if names is None:  # too few actors: one role
        return {v: "members" for v in clusters.actors.index}
    by_name = {str(name): role for role, name in clusters.roles["name"].items()}
    out = {}
    for v, shown in clusters.actors["role"].items():
        role = by_name.get(str(shown))
        msg = names.get(role) if role is not None else None
        while isinstance(msg, Msg) and msg.key == "numbered":
            msg = msg.fields.get("role")
        if isinstance(msg, Msg) and msg.key.startswith("role."):
            out[v] = msg.key.removeprefix("role.")
    return out
