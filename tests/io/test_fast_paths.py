"""Ingest's fast paths give what the general path gives, cell for cell and problem for problem.

Each fast path (a whole column checked in one scan of its text, names factorized once,
one-word ASCII names normalized at once, ties sorted on integer codes) is compared with
the general path on random columns: integers, floats such as ``"12.0"``, codes with
leading zeros, decimal commas, names with umlauts and legal forms, case variants, blanks.
The expected values are the general path's own results (or, for merged spellings, the
rule as written before the fast path: ``value_counts`` order, most frequent spelling kept).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sysmap.io import _cells
from sysmap.io._cells import infer_attribute, repair_float_ids
from sysmap.io.assemble import _duplicated, _tie_order, order_pairs, resolve_endpoints
from sysmap.io.edgelist import read_edgelist
from sysmap.io.identity import _normalize, normalize_name
from sysmap.io.report import IngestReport
from sysmap.io.tables import ROW, _blank_rows, _stripped, lines

WORDS = ["Müller", "Mueller", "müller GmbH", "Straße", "STRASSE", "Stadt", "stadt", "e.V.",
         "AG", "GmbH", "Schule Nord", "Café", "x", "X"]  # fmt: skip
CELLS = st.one_of(
    st.integers(-(10**20), 10**20).map(str),  # beyond int64 too
    st.integers(0, 99).map(lambda i: f"0{i}"),  # codes with a leading zero
    st.integers(-500, 500).map(lambda i: f"{i}.0"),  # floats a spreadsheet wrote
    st.floats(-1e6, 1e6, allow_nan=False).map(str),
    st.floats(0, 100, allow_nan=False).map(lambda f: f"{f:.2f}".replace(".", ",")),
    st.sampled_from(["", "", "-0", "0", "1e3", "12.5", "1_000", "٣", " 7", "inf"]),
    st.sampled_from(WORDS),
)
ID_CELLS = st.one_of(
    st.integers(0, 30).map(str),
    st.integers(0, 30).map(lambda i: f"{i}.0"),
    st.sampled_from([w for w in WORDS if w]),
)


def _general(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every column take the general path (no joined text to scan)."""
    monkeypatch.setattr(_cells, "lines", lambda values: None)


def _problems(report: IngestReport) -> list[tuple]:
    return [tuple(p) for p in report.problems.itertuples(index=False)]


def test_lines_joins_text_cells_only():
    assert lines(pd.Series(["1", "", "Straße"], dtype=object)) == "1\n\nStraße"
    assert lines(pd.Series(["a", "b\nc"], dtype=object)) is None  # a line is not a cell
    assert lines(pd.Series(["a", 1.5], dtype=object)) is None  # a cell that is not text
    assert lines(pd.Series([], dtype=object)) == ""


@settings(max_examples=150, deadline=None)
@given(st.lists(CELLS, max_size=12), st.booleans())
def test_infer_attribute_fast_equals_general(cells, integers_only):
    if integers_only:  # the column the fast path parses at once
        cells = [str(abs(hash(c)) % 10**12) for c in cells]
    values = pd.Series(cells, dtype=object, name="intensity")
    fast = infer_attribute(values)
    with pytest.MonkeyPatch.context() as mp:
        _general(mp)
        general = infer_attribute(values)
    pd.testing.assert_series_equal(fast, general)


def test_infer_attribute_integer_column():
    # a whole-number column is Int64 (the general path's result; checked above on random columns)
    out = infer_attribute(pd.Series(["3", "10", "0"], dtype=object))
    assert out.dtype == "Int64" and out.tolist() == [3, 10, 0]
    # 19 digits, a leading zero, a sign: not the fast path, still read as before
    assert infer_attribute(pd.Series(["9" * 19], dtype=object)).dtype == "Int64"
    assert infer_attribute(pd.Series(["07", "8"], dtype=object)).tolist() == ["07", "8"]
    assert infer_attribute(pd.Series(["-2", "8"], dtype=object)).tolist() == [-2, 8]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(ID_CELLS, ID_CELLS), min_size=1, max_size=12))
def test_repair_float_ids_fast_equals_general(pairs):
    frame = pd.DataFrame(pairs, columns=["from", "to"], dtype=object)
    frame.insert(0, ROW, np.arange(2, len(frame) + 2))
    fast_report, general_report = IngestReport(), IngestReport()
    fast = repair_float_ids(frame, ["from", "to"], fast_report, "t.csv")
    with pytest.MonkeyPatch.context() as mp:
        _general(mp)
        general = repair_float_ids(frame, ["from", "to"], general_report, "t.csv")
    pd.testing.assert_frame_equal(fast, general)
    assert _problems(fast_report) == _problems(general_report)


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1)
    | st.sampled_from(["GmbH", "AG", "eV", "INC", "Ltd", "co", "0815", "e"])
)
def test_normalize_name_fast_path_equals_general(name):
    assert name.isascii() and name.isalnum()
    assert normalize_name(name) == _normalize(name)


def _merged_by_rule(frame: pd.DataFrame, columns: list[str]) -> tuple[dict, list[tuple]]:
    """The rule for merging spellings without a roster, as written before the fast path:
    names in ``value_counts`` order grouped by normalized key; the most frequent spelling
    (then the first in sort order) kept; each other one reported at its first cell."""
    stacked = pd.concat(
        [pd.DataFrame({"name": frame[c], "row": frame[ROW], "column": c}) for c in columns],
        ignore_index=True,
    )
    firsts = stacked.drop_duplicates("name")
    first_seen = dict(zip(firsts["name"], zip(firsts["row"].astype(int), firsts["column"])))
    counts = stacked["name"].value_counts().to_dict()
    groups: dict[str, list[str]] = {}
    for name in counts:
        groups.setdefault(normalize_name(name), []).append(name)
    mapping, merges = {}, []
    for spellings in groups.values():
        keep = sorted(spellings, key=lambda s: (-counts[s], s))[0]
        for s in sorted(spellings):
            mapping[s] = keep
            if s != keep:
                merges.append((first_seen[s], s, keep))
    return mapping, merges


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(ID_CELLS, ID_CELLS), min_size=1, max_size=15))
def test_merged_spellings_follow_the_rule(pairs):
    frame = pd.DataFrame(pairs, columns=["from", "to"], dtype=object)
    frame.insert(0, ROW, np.arange(2, len(frame) + 2))
    report = IngestReport()
    out, extra = resolve_endpoints(frame, ["from", "to"], None, report, "t.csv")
    repaired = repair_float_ids(frame, ["from", "to"], IngestReport(), "t.csv")
    mapping, merges = _merged_by_rule(repaired, ["from", "to"])
    assert extra == {}
    for col in ("from", "to"):
        assert out[col].tolist() == repaired[col].map(mapping).tolist()
    merged = [p for p in report._problems if p.check == "name_normalized"]
    assert [((p.row, p.column), p.value) for p in merged] == [(at, s) for at, s, _ in merges]
    expected = [(s, keep, "normalized", 100.0) for _, s, keep in merges]
    assert list(report.name_matches.itertuples(index=False, name=None)) == expected


def test_merged_spellings_reported_in_both_languages():
    # "Müller GmbH" and "Mueller" normalize alike; "Mueller" is named twice, so it is kept
    frame = pd.DataFrame(
        {
            ROW: [2, 3, 4],
            "from": ["Mueller", "Müller GmbH", "Stadt"],
            "to": ["Stadt"] * 2 + ["Mueller"],
        }
    )
    report = IngestReport()
    out, _ = resolve_endpoints(frame, ["from", "to"], None, report, "t.csv")
    assert out["from"].tolist() == ["Mueller", "Mueller", "Stadt"]
    problem = report.problems.iloc[0]
    assert (problem["row"], problem["column"], problem["value"]) == (3, "from", "Müller GmbH")
    assert "Mueller" in report.problems_in("de")["message"].iloc[0]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(ID_CELLS, ID_CELLS, st.sampled_from(["tie", "funding", "tie"])),
        max_size=15,
    )
)
def test_tie_order_equals_sort_values(rows):
    ties = pd.DataFrame(rows, columns=["source", "target", "relation"], dtype=object)
    ties["row"] = np.arange(len(ties))  # repeated keys keep their order (stable)
    order, actors = _tie_order(ties)
    expected = ties.sort_values(["source", "target", "relation"], kind="stable")
    assert ties["row"].to_numpy()[order].tolist() == expected["row"].tolist()
    assert sorted(actors) == sorted(set(ties["source"]) | set(ties["target"]))


def test_edgelist_fast_equals_general(tmp_path):
    # one file through read_edgelist with and without the column scans: same ties and problems
    rng = np.random.default_rng(16)
    names = ["12", "12.0", "7", "Müller", "Mueller GmbH", "Stadt", "STADT", "Straße", "08"]
    n = 300
    table = pd.DataFrame(
        {
            "source": rng.choice(names, n),
            "target": rng.choice(names, n),
            "intensity": rng.choice(["1", "2", "3", ""], n),
            "code": rng.choice(["01067", "10115"], n),
            "share": rng.choice(["0,5", "1", "2.5"], n),
        }
    )
    path = tmp_path / "ties.csv"
    table.to_csv(path, index=False)
    fast = read_edgelist(path, directed=False, errors="collect")
    with pytest.MonkeyPatch.context() as mp:
        _general(mp)
        general = read_edgelist(path, directed=False, errors="collect")
    pd.testing.assert_frame_equal(fast.ties, general.ties)
    pd.testing.assert_frame_equal(fast.actors, general.actors)
    assert _problems(fast.report) == _problems(general.report)
    assert fast.ties["intensity"].dtype == "Int64" and fast.ties["share"].dtype == float
    assert set(fast.ties["code"]) == {"01067", "10115"}  # codes keep their leading zero


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            ID_CELLS | st.integers(0, 3) | st.just(np.nan),  # ints and gaps: the general path
            ID_CELLS,
            st.sampled_from(["tie", "funding"]),
        ),
        max_size=15,
    ),
    st.booleans(),
)
def test_pairs_and_duplicates_equal_pandas(rows, text_only):
    if text_only:
        rows = [(str(s), t, r) for s, t, r in rows]
    ties = pd.DataFrame(rows, columns=["source", "target", "relation"], dtype=object)
    ordered = order_pairs(ties)
    swap = ties["source"].astype(str) > ties["target"].astype(str)  # order_pairs' definition
    assert ordered["source"].tolist() == ties["source"].where(~swap, ties["target"]).tolist()
    assert ordered["target"].tolist() == ties["target"].where(~swap, ties["source"]).tolist()
    pd.testing.assert_series_equal(_duplicated(ties), ties.duplicated(keep=False))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(["a", " a", "a ", "\ta", "a\xa0", "", " ", "b\nc", "ä ö", "\u2003x"]))
)
def test_stripped_and_blank_rows_equal_cell_by_cell(cells):
    assert _stripped(list(cells)) == [c.strip() for c in cells]
    frame = pd.DataFrame({"a": cells, "b": cells[::-1]}, dtype=object)
    expected = (frame == "").all(axis=1).to_numpy() if len(cells) else np.ones(0, dtype=bool)
    assert _blank_rows(frame).tolist() == expected.tolist()


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(ID_CELLS, ID_CELLS), min_size=1, max_size=15))
def test_ids_as_categories_equal_ids_as_text(pairs):
    # the edge-list reader's ids as sorted categories: every later step gives what text gives
    frame = pd.DataFrame(pairs, columns=["from", "to"], dtype=object)
    frame.insert(0, ROW, np.arange(2, len(frame) + 2))
    text, _ = resolve_endpoints(frame, ["from", "to"], None, IngestReport(), "t.csv")
    coded, _ = resolve_endpoints(
        frame, ["from", "to"], None, IngestReport(), "t.csv", categorical=True
    )
    assert coded["from"].astype(object).tolist() == text["from"].tolist()
    assert list(coded["from"].cat.categories) == sorted(coded["from"].cat.categories)

    def ties(table: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame(
            {"source": table["from"], "target": table["to"], "relation": "tie", "row": table[ROW]}
        )

    as_text, as_codes = order_pairs(ties(text)), order_pairs(ties(coded))
    for col in ("source", "target"):
        assert as_codes[col].astype(object).tolist() == as_text[col].tolist()
    pd.testing.assert_series_equal(_duplicated(as_codes), _duplicated(as_text))
    (order_text, actors_text), (order_codes, actors_codes) = (
        _tie_order(as_text),
        _tie_order(as_codes),
    )
    assert order_codes.tolist() == order_text.tolist() and actors_codes == actors_text
