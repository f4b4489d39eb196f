"""What the reports share: their message catalogue, the glossary box, writing page and tables."""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..export import write_csv, write_excel
from ..i18n import catalogue, message

if TYPE_CHECKING:
    from .page import Page, Section

#: Rows shown per table in a page (every row is in the CSV files).
MAX_ROWS = 25
#: Technical terms a glossary box may explain (keys ``glossary.<term>.*`` of the
#: report catalogue: the term, one sentence, and the words that show it is used).
GLOSSARY = (
    "density",
    "fragmentation",
    "betweenness",
    "centralization",
    "cut_point",
    "key_players",
    "brokerage",
    "constraint",
    "effective_size",
    "ei_index",
    "mixing",
    "modularity",
    "cluster",
    "weak_tie",
    "bridge",
    "reconstruction",
    "robustness",
    "response_rate",
    "qap",
    "jaccard",
    "bootstrap",
)
_TAGS = re.compile(r"<[^>]*>")


def text(key: str, lang: str, **values: object) -> str:
    """A message of the ``report`` catalogue in `lang`."""
    return message("report", key, lang, **values)


def visible_text(markup: str) -> str:
    """The text a reader sees in `markup` (tags and their attributes removed)."""
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S | re.I)
    return html.unescape(_TAGS.sub(" ", markup))


def glossary_entries(text: str, lang: str) -> list[tuple[str, str]]:
    """The terms of :data:`GLOSSARY` that `text` uses, each with its one-sentence
    explanation, in `lang` (the wording of docs/glossary.md)."""
    keys = catalogue("report", lang)
    found = []
    for term in GLOSSARY:
        words = keys[f"glossary.{term}.match"].split("|")
        if any(re.search(rf"(?<!\w){re.escape(w)}", text, re.I) for w in words):
            found.append((keys[f"glossary.{term}.term"], keys[f"glossary.{term}.text"]))
    return found


def add_glossary(page: Page, section: Section) -> None:
    """Fill `section` with the glossary of the technical terms the page's other
    sections use (or say that it uses none)."""
    text = " ".join(visible_text(s.render()) for s in page.sections if s is not section)
    entries = glossary_entries(text, page.lang)
    if entries:
        section.paragraph(message("report", "glossary_intro", page.lang), note=True)
        section.glossary(entries)
    else:
        section.paragraph(message("report", "glossary_none", page.lang), note=True)


def more_rows(lang: str) -> str:
    """The "n more rows" template, its ``{n}`` filled in by the table."""
    return catalogue("report", lang)["more_rows"]


class ReportFiles:
    """Writing a report: ``html``, ``save`` and ``save_tables`` over ``page`` and ``tables``."""

    @property
    def html(self) -> str:
        """The whole report page as one string."""
        return self.page.render()

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the HTML report to `path` (one self-contained file, nothing else)."""
        return self.page.save(path)

    def save_tables(
        self, folder: str | os.PathLike[str], *, workbook: str = "tables.xlsx"
    ) -> list[Path]:
        """Write every table as ``<name>.csv`` and all of them into one Excel `workbook`.

        Text cells that would start a spreadsheet formula are neutralised
        (see :func:`sysmap.export.neutralize_formulas`).
        """
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        frames = {}
        for name, table in self.tables.items():
            named = table.index.name is not None  # a meaningful index, e.g. actor
            written.append(write_csv(table, folder / f"{name}.csv", index=named))
            frames[name] = table if named else table.reset_index(drop=True)
        written.append(write_excel(frames, folder / workbook))
        return written

    def write(self, output: str | os.PathLike[str]) -> Path:
        """Write the page to `output` and the tables to ``<stem>-tables/`` beside it
        (CSV files and ``<stem>.xlsx``); returns the tables folder."""
        out = Path(output)
        out.parent.mkdir(parents=True, exist_ok=True)
        self.save(out)
        tables = out.parent / f"{out.stem}-tables"
        self.save_tables(tables, workbook=f"{out.stem}.xlsx")
        return tables
