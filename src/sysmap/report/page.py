"""A self-contained HTML page: sections, tables, figures, all untrusted text escaped.

The reports (`sysmap report`, `sysmap compare`) are built from this page:
one file with every style inlined and every figure embedded as an inline SVG
or a ``data:`` PNG, so it opens from an e-mail attachment without internet
and writes nothing beside itself. Text and table cells are always escaped
(organization names come from surveys); only the page's own markup and
figures pass through unescaped, through :meth:`Section.raw`, which callers
use for HTML they produced themselves (an embedded map, an SVG from
matplotlib).

Every text also has its directional embeddings and overrides closed
(:func:`sysmap._text.balance_bidi`), so an organization name ending in an
unclosed right-to-left override (U+202E) cannot reverse what follows it;
names inside sentences come isolated from the message catalogue
(:func:`sysmap._text.isolate_bidi`). Table cells longer than
:data:`~sysmap._text.MAX_CELL` characters are cut with an ellipsis, the
whole text in their tooltip (and in the CSV tables).
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import numbers
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import matplotlib
import pandas as pd

from .._text import MAX_CELL, balance_bidi, shorten
from ..exceptions import ParameterError
from ..export import replacing
from ..i18n import check_lang, format_date, format_number
from ..maps.model import static_picture

__all__ = ["MAP_PRINT_DPI", "Page", "Section"]

#: Resolution of the map's picture in a printed report (a 13.6-inch figure: about
#: 220 dpi on the width of an A4 page).
MAP_PRINT_DPI = 120

_CSS = """
:root { --ink:#1f2328; --muted:#57606a; --line:#d0d7de; --bg:#f6f8fa; --accent:#0b5cad;
        --high:#b42318; --medium:#b54708; --low:#027a48; --info:#475467; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
       sans-serif; color: var(--ink); margin: 0; }
header { background: var(--bg); border-bottom: 1px solid var(--line); padding: 24px 32px; }
header h1 { margin: 0 0 4px; font-size: 26px; }
header p { margin: 0; color: var(--muted); }
nav { padding: 8px 32px; border-bottom: 1px solid var(--line); font-size: 14px; }
nav a { margin-right: 16px; color: var(--accent); text-decoration: none; }
main { padding: 8px 32px 48px; max-width: 1200px; }
section { margin-top: 32px; }
h2 { font-size: 21px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 17px; margin-bottom: 4px; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top;
         unicode-bidi: plaintext; }
main, header { overflow-wrap: break-word; }
th { background: var(--bg); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
caption { caption-side: top; text-align: left; color: var(--muted); padding-bottom: 4px; }
.note { color: var(--muted); font-size: 13px; }
.callout { border-left: 4px solid var(--accent); background: var(--bg); padding: 8px 12px;
           margin: 8px 0; }
.callout.high { border-color: var(--high); } .callout.medium { border-color: var(--medium); }
.callout.low { border-color: var(--low); } .callout.info { border-color: var(--info); }
.badge { display: inline-block; font-size: 12px; padding: 0 6px; border-radius: 8px;
         color: #fff; background: var(--info); margin-right: 6px; }
.badge.high { background: var(--high); } .badge.medium { background: var(--medium); }
.badge.low { background: var(--low); }
.summary { display: flex; flex-wrap: wrap; gap: 12px; }
.summary div { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px;
               min-width: 150px; }
.summary b { display: block; font-size: 22px; }
figure { margin: 8px 0 16px; } figure img, figure svg { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 13px; }
details { margin: 4px 0 12px; } summary { cursor: pointer; color: var(--accent); }
header { display: flex; align-items: center; gap: 24px; }
header img.logo { max-height: 72px; max-width: 240px; }
.intro { margin-top: 16px; }
ol.points { padding-left: 24px; } ol.points li, ul.points li { margin: 6px 0; }
ul.points { padding-left: 20px; }
.points a, .callout a { margin-left: 6px; font-size: 13px; color: var(--accent); }
.callout ul { margin: 4px 0; padding-left: 20px; }
dl.glossary { border: 1px solid var(--line); border-radius: 6px; background: var(--bg);
              padding: 8px 14px; }
dl.glossary dt { font-weight: 600; margin-top: 6px; } dl.glossary dd { margin: 0 0 4px; }
iframe.map { width: 100%; height: 720px; border: 1px solid var(--line); }
figure.map img.map-print { display: none; }
.table-wrap { overflow-x: auto; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { font-size: 10pt; }
  header { background: none; padding: 0 0 8px; }
  nav, iframe.map { display: none; }
  main { padding: 0; max-width: none; }
  figure.map img.map-print { display: block; width: 100%; height: auto; }
  .table-wrap { overflow: visible; }
  table { width: 100%; font-size: 8pt; }
  th, td { padding: 2px 4px; overflow-wrap: break-word; hyphens: auto; }
  th { overflow-wrap: anywhere; }
  td.num { white-space: nowrap; }
  @page wide { size: A4 landscape; margin: 10mm; }
  .table-wrap.wide { page: wide; }
  .table-wrap.wide table { font-size: 6pt; }
  .table-wrap.wide th, .table-wrap.wide td { padding: 1px; }
  .table-wrap.wide td.num { white-space: normal; overflow-wrap: anywhere; }
  thead { display: table-header-group; }
  tr, .callout, figure, .summary div, dl.glossary dd { break-inside: avoid; }
  h2, h3, summary, caption { break-after: avoid; }
  details::details-content { content-visibility: visible; display: block; }
  summary { color: var(--ink); font-weight: 600; list-style: none; }
  a { color: inherit; text-decoration: none; }
  .badge, .callout, th { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"""


#: Tables with more columns than this print on landscape pages, in a smaller type.
WIDE_TABLE = 10

#: What a logo may be: an embedded PNG, JPEG or SVG image (see sysmap.report.custom).
_LOGO = re.compile(r"data:image/(png|jpeg|svg\+xml);base64,[\w+/=]+")


def _attr(text: object) -> str:
    """Text for an attribute value (quotes escaped)."""
    return html.escape(str(text), quote=True)


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "section"


def _text(text: object) -> str:
    """Untrusted text as HTML: escaped, its directional overrides closed."""
    return html.escape(balance_bidi(str(text)))


def _is_number(value: object) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


def _value(value: object, lang: str, digits: int) -> str:
    """HTML of one value: a number formatted per language, or escaped text."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    if _is_number(value):
        return html.escape(format_number(value, lang, digits=digits))
    return _text(value)


def _cell(tag: str, value: object, lang: str, digits: int, cell_lang: str | None = None) -> str:
    """One table cell (element `tag`): numbers right-aligned, text cut to
    :data:`~sysmap._text.MAX_CELL` characters with the whole text as its tooltip;
    `cell_lang` marks text in another language than the page (a citation)."""
    if _is_number(value) and value == value:
        return f'<{tag} class="num">{_value(value, lang, digits)}</{tag}>'
    mark = f' lang="{_attr(cell_lang)}"' if cell_lang else ""
    text = _value(value, lang, digits)
    if len(str(value)) <= MAX_CELL:
        return f"<{tag}{mark}>{text}</{tag}>"
    return f'<{tag}{mark} title="{text}">{_text(shorten(str(value), MAX_CELL))}</{tag}>'


class Section:
    """One section of a :class:`Page`: its blocks in order. Create with :meth:`Page.section`."""

    def __init__(self, title: str, anchor: str, lang: str) -> None:
        self.title = title
        self.anchor = anchor
        self._lang = lang
        self._blocks: list[str] = []

    def heading(self, text: str) -> Section:
        """A sub-heading (escaped)."""
        self._blocks.append(f"<h3>{_text(text)}</h3>")
        return self

    def paragraph(self, text: str, *, note: bool = False) -> Section:
        """A paragraph of plain text (escaped); `note` prints it small and grey."""
        css = ' class="note"' if note else ""
        self._blocks.append(f"<p{css}>{_text(text)}</p>")
        return self

    def labelled(
        self, label: str, text: str, *, note: bool = True, lang: str | None = None
    ) -> Section:
        """A paragraph ``label: text`` (both escaped); `lang` marks text in another
        language than the page (a citation)."""
        css = ' class="note"' if note else ""
        inner = _text(text) if lang is None else f'<span lang="{_attr(lang)}">{_text(text)}</span>'
        self._blocks.append(f"<p{css}>{_text(label)}: {inner}</p>")
        return self

    def callout(
        self,
        text: str,
        *,
        kind: str = "info",
        badge: str | None = None,
        detail: str | None = None,
        items: Sequence[str] = (),
        anchor: str | None = None,
        details: Sequence[str] = (),
    ) -> Section:
        """A highlighted statement (e.g. a finding); `kind` is high/medium/low/info.

        `items` are listed under the statement (e.g. the findings of a merged
        card), `detail` and `details` follow as small paragraphs; all escaped.
        `anchor` is the element's id, for links to it.
        """
        kind = kind if kind in {"high", "medium", "low", "info"} else "info"
        head = f'<span class="badge {kind}">{_text(badge)}</span>' if badge else ""
        body = f"<p>{head}{_text(text)}</p>"
        if items:
            body += "<ul>" + "".join(f"<li>{_text(item)}</li>" for item in items) + "</ul>"
        for line in [detail, *details]:
            if line:
                body += f'<p class="note">{_text(line)}</p>'
        ident = f' id="{_attr(anchor)}"' if anchor else ""
        self._blocks.append(f'<div class="callout {kind}"{ident}>{body}</div>')
        return self

    def points(
        self,
        items: Sequence[tuple[str, str | None, str | None, str | None]],
        *,
        ordered: bool = False,
        link: str = "",
    ) -> Section:
        """A list of sentences, each ``(text, kind, badge, href)`` (all escaped).

        `kind` (high/medium/low/info) with a `badge` text puts a coloured badge
        before the sentence; an `href` to an anchor of the page (``#...``)
        puts the link text `link` after it (nothing else is linked).
        """
        tag = "ol" if ordered else "ul"
        rows = []
        for text, kind, badge, href in items:
            mark = ""
            if badge and kind in {"high", "medium", "low", "info"}:
                mark = f'<span class="badge {kind}">{_text(badge)}</span>'
            ref = ""
            if href and href.startswith("#") and link:
                ref = f'<a href="{_attr(href)}">{_text(link)}</a>'
            rows.append(f"<li>{mark}{_text(text)}{ref}</li>")
        self._blocks.append(f'<{tag} class="points">{"".join(rows)}</{tag}>')
        return self

    def glossary(self, entries: Sequence[tuple[str, str]]) -> Section:
        """Terms with a one-sentence explanation each, in a box (all escaped)."""
        rows = "".join(f"<dt>{_text(term)}</dt><dd>{_text(text)}</dd>" for term, text in entries)
        self._blocks.append(f'<dl class="glossary">{rows}</dl>')
        return self

    def summary(self, items: Sequence[tuple[str, object]]) -> Section:
        """Key figures in boxes: (label, value) pairs, numbers formatted per language."""
        boxes = []
        for label, value in items:
            boxes.append(f"<div><b>{_value(value, self._lang, 2)}</b>{_text(label)}</div>")
        self._blocks.append(f'<div class="summary">{"".join(boxes)}</div>')
        return self

    def table(
        self,
        frame: pd.DataFrame,
        *,
        index: bool = True,
        caption: str | None = None,
        digits: int = 3,
        max_rows: int | None = None,
        collapsed: bool = False,
        more: str = "{n} more rows in the CSV tables",
        languages: Mapping[str, str] | None = None,
    ) -> Section:
        """A table with every cell escaped; numbers right-aligned and formatted per language.

        Rows beyond `max_rows` are left out with a note (`more`, ``{n}`` = rows
        left out); `collapsed` puts the table in a ``<details>`` element. Text
        longer than :data:`~sysmap._text.MAX_CELL` characters is cut, the
        whole text in the cell's tooltip. `languages` maps columns whose text is
        in another language than the page (citations) to that language.
        """
        shown = frame if max_rows is None else frame.head(max_rows)
        if index:
            shown = shown.reset_index()
        head = "".join(_cell("th", str(c), self._lang, digits) for c in shown.columns)
        rows = []
        marks = [(languages or {}).get(str(c)) for c in shown.columns]
        for values in shown.itertuples(index=False, name=None):
            cells = "".join(
                _cell("td", v, self._lang, digits, mark) for v, mark in zip(values, marks)
            )
            rows.append(f"<tr>{cells}</tr>")
        cap = f"<caption>{_text(caption)}</caption>" if caption else ""
        wide = " wide" if len(shown.columns) > WIDE_TABLE else ""
        block = (
            f'<div class="table-wrap{wide}"><table>{cap}<thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>"
        )
        left_out = len(frame) - len(shown)
        if left_out > 0:
            block += f'<p class="note">{_text(more.format(n=left_out))}</p>'
        if collapsed:
            label = _text(caption or self.title)
            block = f"<details><summary>{label}</summary>{block}</details>"
        self._blocks.append(block)
        return self

    def figure(
        self, figure: object, *, caption: str | None = None, alt: str = "", format: str = "svg"
    ) -> Section:
        """A matplotlib figure, embedded as inline SVG (default) or a ``data:`` PNG."""
        buffer = io.BytesIO()
        metadata = {"Date": None} if format == "svg" else {"Software": None}
        with matplotlib.rc_context({"svg.hashsalt": "sysmap"}):  # stable ids: same page
            figure.savefig(buffer, format=format, bbox_inches="tight", metadata=metadata)
        if format == "svg":
            svg = buffer.getvalue().decode("utf-8")
            body = svg[svg.index("<svg") :]
        else:
            data = base64.b64encode(buffer.getvalue()).decode("ascii")
            body = f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}">'
        cap = f"<figcaption>{_text(caption)}</figcaption>" if caption else ""
        self._blocks.append(f"<figure>{body}{cap}</figure>")
        return self

    def map(self, drawing: object, title: str) -> Section:
        """An interactive map with its static twin for print.

        `drawing` is a map (:class:`~sysmap.maps.NetworkMap`, or wave maps):
        on screen its own page runs in a sandboxed ``<iframe srcdoc>`` (its
        scripts stay apart from the report); in print the iframe is hidden and
        the same map's static figure (same layout, colours and legend; PNG at
        :data:`MAP_PRINT_DPI` dpi, a ``data:`` URI) takes its place.
        """
        picture = base64.b64encode(static_picture(drawing, dpi=MAP_PRINT_DPI)).decode("ascii")
        self._blocks.append(
            f'<figure class="map"><iframe class="map" title="{_attr(title)}" '
            f'sandbox="allow-scripts" srcdoc="{html.escape(drawing.html, quote=True)}"></iframe>'
            f'<img class="map-print" src="data:image/png;base64,{picture}" alt="{_attr(title)}">'
            "</figure>"
        )
        return self

    def raw(self, markup: str) -> Section:
        """Markup the caller produced itself and escaped where needed (never survey text)."""
        self._blocks.append(markup)
        return self

    def render(self) -> str:
        return (
            f'<section id="{self.anchor}"><h2>{_text(self.title)}</h2>'
            f"{''.join(self._blocks)}</section>"
        )


class Page:
    """A self-contained HTML report page.

    Parameters
    ----------
    title : str
        Page title (escaped).
    lang : {"en", "de"}, default="en"
        Language of the page (``<html lang>``, number and date formats).
    subtitle : str, optional
        Line under the title (escaped).
    date : datetime.date, optional
        Date shown in the header (default: today).
    csp : str, optional
        A Content-Security-Policy for the page's ``<meta>`` tag (e.g.
        ``"default-src 'none'; style-src 'unsafe-inline'"`` for a page without
        scripts or frames). None: no policy (an embedded map's ``srcdoc``
        frame would inherit it).
    css : str, default=""
        Style rules added after the page's own.
    nav : bool, default=True
        Show the links to every section under the header.
    logo : str, optional
        A ``data:image/...`` URI shown in the header (see
        :func:`sysmap.report.custom.read_logo`); nothing else is accepted.
    intro : str, optional
        HTML shown at the top of the page, before the sections: markup the
        caller made safe itself (:func:`sysmap.report.custom.render_intro`).

    Examples
    --------
    >>> import pandas as pd
    >>> page = Page("Netzwerk <Bericht>", lang="de")
    >>> page.section("Übersicht").table(pd.DataFrame({"dichte": [0.0802]}), index=False)
    <sysmap.report.page.Section object at ...>
    >>> text = page.render()
    >>> "Netzwerk &lt;Bericht&gt;" in text, "0,08" in text, "<script" in text
    (True, True, False)
    """

    def __init__(
        self,
        title: str,
        *,
        lang: str = "en",
        subtitle: str | None = None,
        date: dt.date | None = None,
        csp: str | None = None,
        css: str = "",
        nav: bool = True,
        logo: str | None = None,
        intro: str | None = None,
    ) -> None:
        self.title = title
        self.lang = check_lang(lang)
        self.subtitle = subtitle
        self.date = date or dt.date.today()
        self.csp, self.css, self.nav = csp, css, nav
        if logo is not None and not _LOGO.fullmatch(logo):
            raise ParameterError("logo must be a data:image/png, jpeg or svg+xml base64 URI.")
        self.logo, self.intro = logo, intro
        self.sections: list[Section] = []

    def section(self, title: str, *, anchor: str | None = None) -> Section:
        """Append a new section and return it."""
        taken = {s.anchor for s in self.sections}
        base = anchor or _slug(title)
        anchor, k = base, 2
        while anchor in taken:
            anchor, k = f"{base}-{k}", k + 1
        section = Section(title, anchor, self.lang)
        self.sections.append(section)
        return section

    def render(self) -> str:
        """The whole page as one string."""
        nav = "".join(f'<a href="#{s.anchor}">{_text(s.title)}</a>' for s in self.sections)
        nav = f"<nav>{nav}</nav>" if self.nav else ""
        policy = ""
        if self.csp:  # the page's own constant; quotes kept readable, as the map pages do
            csp = html.escape(self.csp, quote=False).replace('"', "&quot;")
            policy = f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        sub = [_text(self.subtitle)] if self.subtitle else []
        sub.append(html.escape(format_date(self.date, self.lang)))
        body = "".join(s.render() for s in self.sections)
        if self.intro:
            body = f'<div class="intro">{self.intro}</div>{body}'
        logo = f'<img class="logo" src="{self.logo}" alt="">' if self.logo else ""
        return (
            f'<!DOCTYPE html>\n<html lang="{self.lang}"><head><meta charset="utf-8">{policy}'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_text(self.title)}</title><style>{_CSS}{self.css}</style></head>"
            f"<body><header>{logo}<div><h1>{_text(self.title)}</h1><p>{' · '.join(sub)}</p>"
            "</div></header>"
            f"{nav}<main>{body}</main></body></html>\n"
        )

    def save(self, path: str | Path) -> Path:
        """Write the page (UTF-8) to `path` and nothing else; returns the path.

        The file is replaced only once it is completely written.
        """
        path = Path(path)
        text = self.render()
        with replacing(path) as tmp:
            tmp.write_text(text, encoding="utf-8")
        return path
