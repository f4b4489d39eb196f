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
from collections.abc import Hashable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx
import pandas as pd

from .._attributes import is_missing
from .._graph import GRAPH_TYPES, check_graph, sorted_nodes
from ..build.network import build_network, undirected_network
from ..build.ties import is_survey, resolve_rule
from ..cluster.labels import ActorClusters, cluster_actors
from ..exceptions import GraphTypeError, ParameterError
from ..export import write_csv
from ..findings import Findings, find_gaps
from ..findings.groups import AUTO, group_attributes, primary_attribute
from ..i18n import check_lang, format_number, message
from ..io.model import RESPONDED, NetworkData
from ..metrics.store import MeasureStore
from .page import Page, Section, _text
from .profile_facts import (
    MIN_RATINGS,
    SCALES,
    Profile,
    _Context,
    _group_word,
    _intensity,
    _label,
    _sort_key,
    _t,
)

if TYPE_CHECKING:
    from .gaps import GapReport

__all__ = ["MIN_RATINGS", "Profile", "Profiles", "partner_profiles", "profile_slug"]

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
        page = Page(self.title, lang=self.lang, subtitle=self.subtitle, csp=CSP, css=CSS, nav=False)
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
