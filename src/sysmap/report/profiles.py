"""Partner profiles: one short page per organization, to send back to each partner.

A backbone organization owes its partners something for answering the
survey: their own place in the network. :func:`partner_profiles` writes one
page per organization (PARTNER CPRM's member profiles are the model) with

- its partners and who named it: the ties reported out and in, one-sided
  ones marked, and the organizations that could not say (did not answer);
- its role in plain words (the role of :func:`~sysmap.cluster.cluster_actors`
  and its cluster), and how many pairs of its partners reach each other only
  through it, split by group as Gould and Fernandez's brokerage roles
  (:func:`~sysmap.metrics.brokerage_roles`);
- the groups it connects (sectors, regions, ... among its partners);
- trust and value received, where the survey asked (averages only, and only
  from :data:`MIN_RATINGS` ratings on, so that no single rating can be read
  back);
- the introductions suggested for it and the other findings that name it
  (:func:`~sysmap.find_gaps`);
- what to do next: one or two concrete steps derived from that evidence
  ("ask X to introduce you to Y", "you are the only partner A and B have in
  common: introduce them").

Everything is computed once: one network, one
:class:`~sysmap.metrics.store.MeasureStore`, one run of the findings (the gap
report passes its own). The pages are one self-contained HTML file (no
script, a Content-Security-Policy that forbids every request, A4 print with a
page break between partners) with an index at the top, or one file per
partner (:meth:`Profiles.save_split`) to e-mail each partner its own page.
Every name is escaped and bidi-isolated (:mod:`sysmap._text`); file names and
anchors come from the actor id (:func:`profile_slug`), never from a name.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np
import pandas as pd

from .._attributes import attribute_label, display_group, is_missing
from .._graph import GRAPH_TYPES, check_graph, sorted_nodes
from ..build.network import build_network, undirected_network
from ..build.ties import is_survey, resolve_rule
from ..cluster.labels import ActorClusters, cluster_actors
from ..exceptions import GraphTypeError, ParameterError
from ..export import write_csv
from ..findings import Findings, find_gaps
from ..findings.groups import AUTO, backbone_attribute, group_attributes, primary_attribute
from ..i18n import Msg, check_lang, format_number, message, render
from ..io.members import parse_yes_no
from ..io.model import DID_NOT_RESPOND, NOT_ON_ROSTER, RESPONDED, NetworkData
from ..metrics.store import MeasureStore
from .page import Page, Section, _text

if TYPE_CHECKING:
    from .gaps import GapReport

__all__ = ["MIN_RATINGS", "Profile", "Profiles", "partner_profiles", "profile_slug"]

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
#: Nothing is fetched, nothing runs: styles inline, images only as data: URIs.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)
#: A4 print: each profile after the first section starts a new page.
CSS = """
@page { size: A4; margin: 14mm 12mm; }
section + section[id^="profile-"] { break-before: page; }
section[id^="profile-"] .facts { color: var(--muted); margin-top: -8px; }
table.index a { color: var(--accent); text-decoration: none; }
table, tr, .callout { break-inside: avoid; }
@media print { body { font-size: 12px; } main { padding: 0 8px; }
               a { color: inherit; text-decoration: none; } }
"""
_DOMAIN = "profiles"


def _t(key: str, lang: str, **fields: object) -> str:
    """A message of the ``profiles`` catalogue; one full stop after a name ending in one."""
    text = message(_DOMAIN, key, lang, **fields)
    return text[:-1] if text.endswith("..") and not text.endswith("...") else text


def profile_slug(actor: Hashable, taken: set[str] | None = None) -> str:
    """A safe anchor and file stem for `actor`: ``profile-`` and its id, never its name.

    ASCII letters (accents dropped), digits, ``-`` and ``_`` of the id are
    kept (at most 60), the rest become ``-``; an id that leaves nothing
    becomes ``actor``. Stems already in
    `taken` (compared case-insensitively, as Windows and macOS file systems
    do) get ``-2``, ``-3``, ...; the new stem is added to `taken`.

    Examples
    --------
    >>> profile_slug("BA001"), profile_slug("../etc/passwd"), profile_slug("Türk <b>")
    ('profile-BA001', 'profile-etc-passwd', 'profile-Turk-b')
    >>> taken = set()
    >>> profile_slug("A b", taken), profile_slug("A-b", taken), profile_slug("a_b", taken)
    ('profile-A-b', 'profile-A-b-2', 'profile-a_b')
    """
    ascii_ = unicodedata.normalize("NFKD", str(actor)).encode("ascii", "ignore").decode()
    core = re.sub(r"[^A-Za-z0-9_-]+", "-", ascii_).strip("-_")[:60].strip("-_") or "actor"
    slug, k = f"profile-{core}", 2
    if taken is not None:
        while slug.casefold() in taken:
            slug, k = f"profile-{core}-{k}", k + 1
        taken.add(slug.casefold())
    return slug


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
        Anchor in the combined page and file stem of its own page (:func:`profile_slug`).
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


class Profiles(Mapping[Hashable, Profile]):
    """Every organization's profile, and the page(s) that show them.

    A read-only mapping from actor id to :class:`Profile`, in page order
    (by name). :attr:`frame` is one row per organization; :attr:`steps` every
    next step; :meth:`save` writes the combined page, :meth:`save_split` one
    page per organization.

    Attributes
    ----------
    lang : str
        The language of every word.
    title : str
        Title of the combined page.
    findings : sysmap.findings.Findings
        The findings the profiles quote (rendered in `lang`).
    graph : networkx.Graph
        The network the profiles describe.
    """

    def __init__(
        self,
        profiles: Sequence[Profile],
        *,
        lang: str,
        title: str,
        subtitle: str | None,
        attributes: Sequence[str],
        findings: Findings,
        graph: nx.Graph,
        rule: str | None,
    ) -> None:
        self._profiles = {p.actor: p for p in profiles}
        self.lang = lang
        self.title = title
        self.subtitle = subtitle
        self.attributes = list(attributes)
        self.findings = findings
        self.graph = graph
        self.rule = rule

    def __getitem__(self, actor: Hashable) -> Profile:
        return self._profiles[actor]

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self._profiles)

    def __len__(self) -> int:
        return len(self._profiles)

    def __repr__(self) -> str:
        return f"<Profiles of {len(self)} organizations ({self.lang})>"

    @property
    def frame(self) -> pd.DataFrame:
        """One row per organization, indexed by ``actor``: name, groups, status and figures."""
        rows = []
        for p in self.values():
            rows.append(
                {
                    "actor": p.actor,
                    "name": p.name,
                    **{a: p.groups.get(a) for a in self.attributes},
                    "status": p.status,
                    **p.figures,
                    "role": p.role,
                    "community": p.community,
                    "introductions": len(p.text.get("introductions", [])),
                    "next_steps": len(p.rows["steps"]),
                }
            )
        return pd.DataFrame(rows).set_index("actor")

    @property
    def steps(self) -> pd.DataFrame:
        """Every next step: ``actor``, ``name``, ``step`` (1, 2), ``kind``, ``text``."""
        rows = [
            {"actor": p.actor, "name": p.name, "step": i, **row}
            for p in self.values()
            for i, row in enumerate(p.rows["steps"], start=1)
        ]
        return pd.DataFrame(rows, columns=["actor", "name", "step", "kind", "text"])

    # -- pages ---------------------------------------------------------------------
    def page(self, actor: Hashable | None = None) -> Page:
        """The combined page with its index (default), or the page of one `actor`."""
        if actor is not None:
            profile = self[actor]
            page = Page(
                _t("title_one", self.lang, name=profile.name),
                lang=self.lang,
                subtitle=self.subtitle,
                csp=CSP,
                css=CSS,
                nav=False,
            )
            _profile_section(page, profile, self.attributes, self.lang)
            return page
        page = Page(
            self.title, lang=self.lang, subtitle=self.subtitle, csp=CSP, css=CSS, nav=False
        )
        self._index(page.section(_t("index", self.lang), anchor="index"))
        for profile in self.values():
            _profile_section(page, profile, self.attributes, self.lang)
        return page

    @property
    def html(self) -> str:
        """The combined page as one string."""
        return self.page().render()

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the combined page (one self-contained HTML file) to `path`; returns it."""
        return self.page().save(path)

    def save_split(self, folder: str | os.PathLike[str]) -> list[Path]:
        """Write one page per organization into `folder`, ``<slug>.html`` each.

        File names come from the actor ids (:func:`profile_slug`), never from
        names; ``index.csv`` lists which file is whose. Returns the paths written.
        """
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        written = [self.page(actor).save(folder / f"{p.slug}.html") for actor, p in self.items()]
        index = pd.DataFrame(
            {
                "actor": [p.actor for p in self.values()],
                "name": [p.name for p in self.values()],
                "file": [f"{p.slug}.html" for p in self.values()],
            }
        )
        written.append(write_csv(index, folder / "index.csv", index=False))
        return written

    def _index(self, section: Section) -> None:
        lang = self.lang
        section.paragraph(_t("index_intro", lang, n=len(self)))
        if any(f"{s}_received" in p.figures for p in self.values() for s in SCALES):
            section.paragraph(_t("index_privacy", lang, n=MIN_RATINGS), note=True)
        section.raw(self.index_table())

    def index_table(self, href: str = "") -> str:
        """The index as an HTML table linking each name to ``{href}#{slug}`` (names escaped)."""
        lang = self.lang
        primary = self.attributes[0] if self.attributes else None
        head = [_t("col_organization", lang)]
        if primary is not None:
            head.append(_label(primary, lang))
        head += [_t("col_partners", lang), _t("col_named_by", lang)]
        rows = []
        for p in self.values():
            cells = [f'<td><a href="{_text(href)}#{p.slug}"><bdi>{_text(p.name)}</bdi></a></td>']
            if primary is not None:
                cells.append(f"<td>{_text(_group_word(p.groups.get(primary), lang))}</td>")
            for key in ("partners", "named_by"):
                value = p.figures.get(key)
                shown = "" if value is None else format_number(value, lang)
                cells.append(f'<td class="num">{shown}</td>')
            rows.append(f"<tr>{''.join(cells)}</tr>")
        header = "".join(f"<th>{_text(h)}</th>" for h in head)
        return (
            f'<table class="index"><thead><tr>{header}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )


    def add_section(self, page: Page, href: str) -> Section:
        """Add a section listing every organization to `page` (e.g. a gap report's),
        each name linking to its profile in the file `href` (relative to the page).

        The section comes before the glossary and methods when the page has them.
        """
        section = page.section(_t("report_section", self.lang), anchor="profiles")
        section.paragraph(_t("report_intro", self.lang, file=href))
        section.raw(self.index_table(href))
        anchors = [s.anchor for s in page.sections]
        before = [anchors.index(a) for a in ("glossary", "methods") if a in anchors]
        if before:
            page.sections.insert(min(before), page.sections.pop())
        return section


def _label(attribute: str, lang: str, *, start: bool = True) -> str:
    """The attribute's name in `lang`, capitalised at the start of a line."""
    label = attribute_label(attribute, lang)
    return label[:1].upper() + label[1:] if start else label


def _group_word(value: object, lang: str) -> str:
    return "" if is_missing(value) else str(display_group(value, lang))


# ----------------------------------------------------------------------------- the pages
def _profile_section(page: Page, p: Profile, attributes: Sequence[str], lang: str) -> None:
    """One organization's section: facts, next steps, partners, role, groups, ratings."""
    s = page.section(p.name, anchor=p.slug)
    if p.text["facts"]:
        s.raw(f'<p class="facts">{_text(" · ".join(p.text["facts"]))}</p>')
    f = p.figures
    boxes = [(_t("box_partners", lang, n=f["partners"]), f["partners"])]
    if f.get("named_by") is not None:
        boxes.append((_t("box_named_by", lang, n=f["named_by"]), f["named_by"]))
    if f.get("named") is not None and p.status == RESPONDED:
        boxes.append((_t("box_named", lang, n=f["named"]), f["named"]))
    for scale in SCALES:
        mean = f.get(f"{scale}_received")
        if mean is not None and f.get(f"{scale}_ratings", 0) >= MIN_RATINGS:
            boxes.append((_t(f"box_{scale}", lang), format_number(mean, lang, digits=2)))
    s.summary(boxes)

    s.heading(_t("sec_steps", lang))
    for step in p.rows["steps"]:
        s.callout(step["text"], kind="low")

    s.heading(_t("sec_partners", lang))
    if p.rows["partners"]:
        s.table(_partner_table(p, attributes, lang), index=False)
    else:
        s.paragraph(_t("no_partners", lang))

    s.heading(_t("sec_role", lang))
    for text in p.text["role"] + p.text["brokerage"]:
        s.paragraph(text)
    if p.text["brokerage_note"]:
        s.paragraph(p.text["brokerage_note"][0], note=True)

    if p.text["groups"]:
        s.heading(_t("sec_groups", lang))
        for text in p.text["groups"]:
            s.paragraph(text)

    if p.text["ratings"]:
        s.heading(_t("sec_ratings", lang))
        for text in p.text["ratings"]:
            s.paragraph(text)

    if p.text["introductions"]:
        s.heading(_t("sec_introductions", lang))
        for text in p.text["introductions"]:
            s.paragraph(text)

    if p.text["findings"]:
        s.heading(_t("sec_findings", lang))
        for severity, text in p.text["findings"]:
            badge = message("findings", f"severity.{severity}", lang)
            s.callout(text, kind=severity, badge=badge)


def _partner_table(p: Profile, attributes: Sequence[str], lang: str) -> pd.DataFrame:
    """The partners as the page shows them: words in `lang`, one-sided ties marked."""
    rows = p.rows["partners"]

    def said(value: object, silent: str) -> str:
        return _t(silent if value is pd.NA else "yes" if value else "no", lang)

    columns = {_t("col_partner", lang): [r["name"] for r in rows]}
    for a in attributes:
        columns[_label(a, lang)] = [_group_word(r.get(a), lang) for r in rows]
    if "named_by_actor" in p.columns:
        columns[_t("col_named_by_actor", lang)] = [
            said(r["named_by_actor"], "no_answer_you") for r in rows
        ]
        columns[_t("col_named_by_partner", lang)] = [
            said(r["named_by_partner"], "no_answer") for r in rows
        ]
    if "intensity" in p.columns:
        columns[_t("col_intensity", lang)] = [_intensity(r.get("intensity"), lang) for r in rows]
    columns[_t("col_note", lang)] = [_t(r["note"], lang) if r["note"] else "" for r in rows]
    return pd.DataFrame(columns)


def _intensity(value: object, lang: str) -> str:
    if is_missing(value):
        return ""
    value = float(value)  # type: ignore[arg-type]
    if value.is_integer() and 1 <= value <= 4:
        return message("findings", f"intensity.{int(value)}", lang)
    return format_number(value, lang)


# ----------------------------------------------------------------------------- analysis
def partner_profiles(
    data: NetworkData | nx.Graph,
    *,
    lang: str | None = None,
    group: str | Sequence[str] | None = AUTO,
    affiliations: NetworkData | pd.DataFrame | str | os.PathLike[str] | None = None,
    plan: str | os.PathLike[str] | pd.DataFrame | None = None,
    symmetrize: str = "auto",
    thresholds: dict | None = None,
    seed: int = 0,
    title: str | None = None,
    findings: Findings | None = None,
    clusters: ActorClusters | None = None,
    store: MeasureStore | None = None,
    report: GapReport | None = None,
) -> Profiles:
    """One short profile per organization, to send back to each partner.

    Parameters
    ----------
    data : NetworkData or networkx.Graph
        What a reader returned (:func:`~sysmap.read_survey` with a member
        list gives who named whom, who answered, trust and value), or a
        graph (a directed graph is read as the reports).
    lang : {"en", "de"}, optional
        Language of every word (default: the `report`'s, else English).
    group : "auto", str, list of str or None, default="auto"
        Group attributes (as :func:`~sysmap.find_gaps`): every categorical
        attribute of the member list by default; the first (``sector`` when
        found automatically) splits the brokerage counts.
    affiliations : NetworkData, pandas.DataFrame or path, optional
        Partnership records, for the suggested introductions.
    plan : path or pandas.DataFrame, optional
        Intended collaboration (for the findings that name an organization).
    symmetrize : {"auto", "union", "mutual", "respondent_priority"}, default="auto"
        How reports become the network's ties (:mod:`sysmap.build.ties`).
    thresholds : dict, optional
        Finding thresholds to change (:class:`~sysmap.findings.Thresholds`).
    seed : int, default=0
        Seed of every random step (clusters, findings).
    title : str, optional
        Title of the combined page.
    findings, clusters, store : optional
        Results computed already for this network (the gap report passes
        its own, so that nothing is computed twice): the findings of
        :func:`~sysmap.find_gaps` (without a language, or in `lang`), the
        :func:`~sysmap.cluster.cluster_actors` result, and the
        :class:`~sysmap.metrics.store.MeasureStore` of the network under
        `symmetrize`. Default: computed here (findings without the
        robustness re-runs, which change no profile).
    report : GapReport, optional
        A gap report of `data` (:func:`~sysmap.gap_report`): its findings,
        clusters, network, group attributes and tie rule are used (`group`,
        `symmetrize`, `findings` and `clusters` are then not), so the profiles
        say what the report says. :meth:`Profiles.add_section` then links the
        report to them.

    Returns
    -------
    Profiles

    Raises
    ------
    ParameterError
        If an option is invalid, or `findings` are in another language.
    GraphTypeError
        If `data` is neither NetworkData nor a graph.

    See Also
    --------
    sysmap.gap_report : The report (``sysmap report --profiles`` writes both, linked).

    Notes
    -----
    *Partners* are the actor's ties in the network (degree); *named by* counts
    the organizations whose survey answers name it (in-reports), *named*
    those it named. A tie is *one-sided* when both sides answered and only
    one named the other. *Brokerage pairs* are the pairs of its partners
    without a tie between them: :math:`\\binom{d}{2}` minus its triangles;
    split by group they are the Gould-Fernandez roles of the undirected
    network halved (each pair is two two-paths there): coordinator (both in
    its group), representative = gatekeeper (one in its group), itinerant
    (both in one other group) and liaison (two other groups) [1]_. Ratings
    received follow PARTNER CPRM: the mean of the ratings others gave,
    shown from :data:`MIN_RATINGS` ratings on.

    References
    ----------
    .. [1] Gould, Roger V., and Roberto M. Fernandez. "Structures of Mediation:
       A Formal Approach to Brokerage in Transaction Networks." *Sociological
       Methodology* 19 (1989): 89-126. https://doi.org/10.2307/270949
    .. [2] Visible Network Labs, PARTNER CPRM: member profiles, trust and
       value scores. https://visiblenetworklabs.com/partner-platform/

    Examples
    --------
    >>> import sysmap
    >>> data = sysmap.load_sample("bildungsallianz", wave=1)
    >>> profiles = sysmap.partner_profiles(data, lang="de")
    >>> p = profiles["BA001"]
    >>> p.name, p.figures["partners"], p.figures["named_by"]
    ('Bildungsallianz Rheinstadt (Geschäftsstelle)', 33, 28)
    """
    graph = store.G if store is not None else None
    if report is not None:  # the report's results, words and network
        findings, clusters, graph = report.findings, report.clusters, report.graph
        symmetrize = findings.parameters.get("symmetrize", symmetrize)
        group = findings.parameters.get("attributes") or None
        lang = lang or findings.lang
    lang = check_lang(lang or "en")
    if findings is not None and findings.lang not in (None, lang):
        msg = f"findings are in {findings.lang!r}; pass them without a language or in {lang!r}."
        raise ParameterError(msg)
    D, G, rule = _networks(data, symmetrize, graph)
    if store is None or not store.describes(G):
        store = MeasureStore(G, seed=seed, progress=False)
    attributes = [a for a in group_attributes(G, group) if _has_values(G, a)]
    primary = primary_attribute(attributes, group)
    if report is not None:
        primary = report.findings.parameters.get("group") or primary
    if primary is not None:  # the primary first: it names groups and splits brokerage
        attributes = [primary, *(a for a in attributes if a != primary)]
    if findings is None:
        findings = find_gaps(
            data,
            group=attributes or None,
            plan=plan,
            affiliations=affiliations,
            symmetrize=symmetrize,
            thresholds=thresholds,
            seed=seed,
            robustness=False,
            store=store,
        )
    if findings.lang is None:
        findings = findings.in_language(lang)
    if clusters is None:
        clusters = cluster_actors(G, group=primary, seed=seed, store=store)
    context = _Context(G, D, store, attributes, primary, clusters, findings, lang)
    order = sorted(sorted_nodes(G), key=lambda v: (_sort_key(context.names[v]), str(v)))
    taken: set[str] = set()
    profiles = [context.profile(v, profile_slug(v, taken)) for v in order]
    sources = ", ".join(Path(str(s)).name for s in _provenance(data).get("sources", []))
    return Profiles(
        profiles,
        lang=lang,
        title=title or _t("title", lang),
        subtitle=_t("subtitle", lang, sources=sources) if sources else None,
        attributes=attributes,
        findings=findings,
        graph=G,
        rule=rule,
    )


def _provenance(data: object) -> dict:
    if isinstance(data, NetworkData):
        return data.provenance
    info = getattr(data, "graph", {}).get("sysmap")
    return info if isinstance(info, dict) else {}


def _has_values(G: nx.Graph, attribute: str) -> bool:
    return any(not is_missing(x) for _, x in G.nodes(data=attribute))


def _networks(
    data: object, symmetrize: str, graph: nx.Graph | None
) -> tuple[nx.DiGraph | None, nx.Graph, str | None]:
    """The reports (None without them), the undirected network and its tie rule.

    As :func:`~sysmap.find_gaps` builds them: the network from the reports
    under the rule (``respondent_priority`` falls back to ``union`` for data
    that are not a survey); `graph` when given (a store's or a report's network,
    checked to have the data's actors).
    """
    if isinstance(data, NetworkData):
        directed = bool(data.directed)
        D = build_network(data, symmetrize=None) if directed else None
        survey = is_survey(data)
    elif isinstance(data, GRAPH_TYPES):
        data = check_graph(data)
        directed = data.is_directed()
        D = data if directed else None
        survey = is_survey(data)
    else:
        msg = (
            "data must be NetworkData (from a sysmap reader) or a networkx graph; "
            f"got {type(data).__name__}."
        )
        raise GraphTypeError(msg)
    rule = None
    if D is not None:
        rule = resolve_rule(symmetrize, data, undirected=True)
        rule = "union" if rule == "respondent_priority" and not survey else rule
    if graph is not None:  # built already (its actors must be the data's)
        actors = set(D) if D is not None else set(_actors(data))
        if set(graph) != actors:
            msg = "the store's or report's network does not have the actors of data."
            raise ParameterError(msg)
        return D, graph, rule
    if D is not None:
        return D, undirected_network(D, rule), rule
    return D, build_network(data) if isinstance(data, NetworkData) else data, rule


def _actors(data: object) -> list[Hashable]:
    return list(data.actors.index) if isinstance(data, NetworkData) else list(data)


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
        from ..findings._text import Text

        return render(Text().names([self.names[u] for u in actors], MAX_NAMES), self.lang)

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
        return "confirm", _t(
            "step.confirm", self.lang, n=len(waiting), names=self._names(waiting)
        )


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
