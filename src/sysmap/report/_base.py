"""What the reports share: their message catalogue, and writing the page and its tables."""

from __future__ import annotations

import os
from pathlib import Path

from ..export import write_csv, write_excel
from ..i18n import catalogue, message

#: Rows shown per table in a page (every row is in the CSV files).
MAX_ROWS = 25


def text(key: str, lang: str, **values: object) -> str:
    """A message of the ``report`` catalogue in `lang`."""
    return message("report", key, lang, **values)


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
