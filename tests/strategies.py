"""Hypothesis strategies shared by sysmap's tests.

The tests are not a package (pytest runs with ``--import-mode=importlib``):
``tests/conftest.py`` loads this file as the module ``sysmap_test_strategies``,
so a test writes ``from sysmap_test_strategies import graphs``. Every test that
draws graphs or tables uses these strategies; add a parameter here rather than a
strategy of a test's own.

Strategies
----------
graphs(...)
    Small random networks (directed, undirected or either; ties as distinct
    pairs, or as random endpoint pairs with repeats and optional self-loops;
    optional group labels and integer tie weights).
dialects()
    How a spreadsheet program or survey tool may write the same CSV table:
    separator, quoting, encoding and line ending.
survey_tables(alphabet)
    A small long-form survey table (header ``respondent, partner,
    intensity``) whose organization names hold separators, quotes, umlauts
    and ``ß``.
dialect_tables()
    A dialect and a survey table it can encode (cp1252 only gets characters
    cp1252 has).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from hypothesis import strategies as st

#: Characters of organization names that cp1252 (Windows Western) can encode:
#: every separator sysmap detects except the tab, the quote mark, umlauts and ß.
#: No byte of these in cp1252 is a UTF-8 continuation byte (0x80-0xBF), so a
#: cp1252 file of them is never also valid UTF-8 ("Ä€" would be: C4 80).
CP1252_NAME_CHARS = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,;|\"'.-&()/äöüÄÖÜßéèàçñ"
)
#: Name characters for the Unicode encodings: the above plus a tab, the euro
#: sign and letters outside cp1252.
UNICODE_NAME_CHARS = CP1252_NAME_CHARS + "\t€łőčğŞ中"
SEPARATORS = (",", ";", "\t", "|")
ENCODINGS = ("utf-8", "utf-8-sig", "cp1252", "utf-16")
LINE_ENDINGS = ("\n", "\r\n", "\r")


@dataclass(frozen=True)
class Dialect:
    """One way of writing a CSV table."""

    sep: str
    quoting: int  # csv.QUOTE_MINIMAL or csv.QUOTE_ALL
    encoding: str  # a Python codec; "utf-16" writes a byte-order mark
    newline: str

    def write(self, path: Path, rows: list[list[str]]) -> Path:
        """Write `rows` (header first) to `path` in this dialect."""
        text = io.StringIO()
        writer = csv.writer(
            text, delimiter=self.sep, quoting=self.quoting, lineterminator=self.newline
        )
        writer.writerows(rows)
        path.write_bytes(text.getvalue().encode(self.encoding))
        return path


def dialects() -> st.SearchStrategy[Dialect]:
    """Separators ``, ; tab |``, minimal or full quoting, UTF-8 with and without
    byte-order mark, cp1252, UTF-16 with byte-order mark, and ``\\n``, ``\\r\\n`` or
    old-Mac ``\\r`` line endings."""
    return st.builds(
        Dialect,
        sep=st.sampled_from(SEPARATORS),
        quoting=st.sampled_from((csv.QUOTE_MINIMAL, csv.QUOTE_ALL)),
        encoding=st.sampled_from(ENCODINGS),
        newline=st.sampled_from(LINE_ENDINGS),
    )


def org_names(alphabet: str = UNICODE_NAME_CHARS) -> st.SearchStrategy[str]:
    """Organization names of `alphabet`: words joined by spaces, separators or
    quotes (``Stadt Essen, Jugendamt``, ``Verein "Lesen"; Nord``), no outer spaces."""
    letters = "".join(c for c in alphabet if c.isalnum())
    joints = [
        j
        for j in (" ", ", ", ";", " | ", "\t", ' "', '" ', "'", "-", ",,", ";;", "||", ";,|")
        if set(j) <= set(alphabet)
    ]
    word = st.text(letters, min_size=1, max_size=8)
    part = st.tuples(st.sampled_from(joints), word).map("".join)
    name = st.tuples(word, st.lists(part, max_size=3)).map(lambda t: t[0] + "".join(t[1]))
    return st.one_of(name, st.text(alphabet, min_size=1, max_size=20)).map(str.strip).filter(bool)


@st.composite
def survey_tables(draw: st.DrawFn, alphabet: str = UNICODE_NAME_CHARS) -> list[list[str]]:
    """A long-form survey table, header first: respondent, partner, intensity (1-4)."""
    names = draw(st.lists(org_names(alphabet), min_size=2, max_size=6, unique=True))
    pair = st.tuples(st.sampled_from(names), st.sampled_from(names), st.integers(1, 4))
    rows = draw(st.lists(pair, min_size=1, max_size=10))
    return [["respondent", "partner", "intensity"]] + [[a, b, str(x)] for a, b, x in rows]


@st.composite
def dialect_tables(draw: st.DrawFn) -> tuple[Dialect, list[list[str]]]:
    """A dialect and a survey table whose names it can encode."""
    dialect = draw(dialects())
    alphabet = CP1252_NAME_CHARS if dialect.encoding == "cp1252" else UNICODE_NAME_CHARS
    return dialect, draw(survey_tables(alphabet))


@st.composite
def graphs(
    draw: st.DrawFn,
    *,
    min_nodes: int = 1,
    max_nodes: int = 9,
    directed: bool | None = None,
    distinct: bool = True,
    min_ties: int | Callable[[int], int] = 0,
    max_ties: int | Callable[[int], int] | None = None,
    self_loops: bool = False,
    groups: str | None = None,
    attribute: str = "g",
    weights: tuple[int, int] | None = None,
) -> nx.Graph:
    """A small network on the actors ``0 .. n-1`` (``min_nodes <= n <= max_nodes``).

    Parameters
    ----------
    directed : bool or None
        A directed or undirected graph; ``None`` draws which.
    distinct : bool
        Ties as distinct pairs of two different actors (each possible tie at most
        once). Otherwise as random endpoint pairs: repeats collapse into one tie,
        and pairs of one actor with itself are self-loops when `self_loops`, else
        dropped.
    min_ties, max_ties : int or callable of n
        Number of endpoint pairs drawn when not `distinct` (``max_ties`` None: no
        limit but Hypothesis's own).
    groups : str, optional
        Group labels drawn for every actor (e.g. ``"PQR"``), stored as node
        attribute `attribute`.
    weights : (int, int), optional
        Integer tie weights drawn from this range, as edge attribute ``weight``.
    """
    n = draw(st.integers(min_nodes, max_nodes))
    is_directed = draw(st.booleans()) if directed is None else directed
    G = nx.DiGraph() if is_directed else nx.Graph()
    if groups:
        labels = draw(st.lists(st.sampled_from(groups), min_size=n, max_size=n))
        G.add_nodes_from((v, {attribute: labels[v]}) for v in range(n))
    else:
        G.add_nodes_from(range(n))
    if distinct:
        pairs = [(u, v) for u in range(n) for v in range(n) if u != v and (is_directed or u < v)]
        ties = (
            draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs)))
            if pairs
            else []
        )
    else:
        low = min_ties(n) if callable(min_ties) else min_ties
        high = max_ties(n) if callable(max_ties) else max_ties
        ends = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))
        ties = draw(st.lists(ends, min_size=low, max_size=high))
        ties = [(u, v) for u, v in ties if self_loops or u != v]
    if weights is None:
        G.add_edges_from(ties)
    else:
        G.add_edges_from((u, v, {"weight": draw(st.integers(*weights))}) for u, v in ties)
    return G
