"""Progress bars: --progress / --quiet, SYSMAP_PROGRESS, a terminal, and bars with totals."""

from __future__ import annotations

import re
import sys

import networkx as nx
import pytest

from sysmap._progress import ENVIRONMENT_VARIABLE, show_progress
from sysmap.cli import main
from sysmap.metrics import betweenness
from sysmap.metrics.tables import actor_metrics, tie_metrics

#: A tqdm bar that knows its total prints "done/total" (and the time left).
WITH_TOTAL = re.compile(r"\d+/\d+ \[")
#: One without a total prints only a count and a unit, e.g. "0it [" or "12chunk [".
WITHOUT_TOTAL = re.compile(r"(^|\s)\d+(it|chunk|run)(/s)? \[")
#: Terminal control sequences (cursor up, erase line) between nested bars.
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class _Terminal:
    def __init__(self, tty: bool) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


@pytest.mark.parametrize(
    ("argument", "variable", "tty", "shown"),
    [
        (True, "0", False, True),  # the argument decides first
        (False, "1", True, False),
        (None, "1", False, True),  # then SYSMAP_PROGRESS
        (None, "yes", False, True),
        (None, "0", True, False),
        (None, "off", True, False),
        (None, None, True, True),  # then whether stderr is a terminal
        (None, None, False, False),
        (None, "maybe", True, True),  # an unknown value counts as unset
    ],
)
def test_show_progress_order(monkeypatch, argument, variable, tty, shown):
    if variable is None:
        monkeypatch.delenv(ENVIRONMENT_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(ENVIRONMENT_VARIABLE, variable)
    monkeypatch.setattr(sys, "stderr", _Terminal(tty))
    assert show_progress(argument) is shown


def test_the_environment_variable_switches_library_bars_on(monkeypatch, capsys):
    G = nx.karate_club_graph()
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "1")
    betweenness(G, sample=20, seed=0)
    assert "100%" in capsys.readouterr().err
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "0")
    betweenness(G, sample=20, seed=0)
    assert capsys.readouterr().err == ""


def test_every_bar_has_a_total(capsys):
    """Each bar of the actor and tie tables (betweenness, structural holes, fragmentation
    impact, brokerage permutations, span searches) prints done/total, never "0it"."""
    G = nx.connected_watts_strogatz_graph(60, 4, 0.1, seed=1)  # cycles: spans need searches
    nx.set_node_attributes(G, {v: "AB"[v % 2] for v in G}, "sector")
    actor_metrics(G, group="sector", progress=True)
    tie_metrics(G, progress=True)
    err = ANSI_ESCAPE.sub("", capsys.readouterr().err)  # nested bars move the cursor
    bars = [line for line in re.split(r"[\r\n]", err) if line.strip()]
    assert bars
    for line in bars:
        assert WITH_TOTAL.search(line) and not WITHOUT_TOTAL.search(line), line


@pytest.mark.parametrize(("flag", "shown"), [("--progress", True), ("--quiet", False)])
def test_cli_flags(tmp_path, monkeypatch, capsys, flag, shown):
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "0" if shown else "1")  # the flag wins
    ties = tmp_path / "ties.csv"
    ties.write_text("source,target\nA,B\nB,C\nC,D\nD,A\nA,C\n", encoding="utf-8")
    code = main(["metrics", str(ties), "-o", str(tmp_path / "out"), flag, "--lang", "en"])
    assert code == 0
    err = capsys.readouterr().err
    assert ("100%" in err) is shown
    import os

    assert os.environ[ENVIRONMENT_VARIABLE] == ("0" if shown else "1")  # restored
