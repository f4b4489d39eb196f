"""The bundled samples load by name, with the counts their READMEs state."""

from __future__ import annotations

import pytest

from sysmap.datasets import SAMPLES, list_samples, load_sample, sample_path
from sysmap.exceptions import ParameterError


@pytest.mark.parametrize(
    ("name", "table", "n_actors", "n_ties"),
    [
        ("knoke_bureaucracies", "information", 10, 49),  # README: density 49/90
        ("knoke_bureaucracies", "money", 10, 22),  # README: 22 arcs
        ("padgett_florentine", "marriage", 16, 20),  # README: 16 families, 20 edges
        ("zachary_karate", None, 34, 78),  # README: 34 members, 78 edges
        ("krackhardt_hightech", "advice", 21, 190),  # README: 190 arcs
        ("emon_drabek", "Cheyenne", 14, 83),  # README: Cheyenne 14 orgs
    ],
)
def test_real_samples(name, table, n_actors, n_ties):
    data = load_sample(name, table=table)
    assert (len(data.actors), len(data.ties)) == (n_actors, n_ties)
    assert (sample_path(name) / "README.md").is_file()


def test_every_sample_loads():
    for name, sample in SAMPLES.items():
        for table in sample.tables:
            if name == "bildungsallianz":
                data = load_sample(name, wave=int(table))
            else:
                data = load_sample(name, table=table or None)
            assert len(data.actors) > 0 and not data.report.errors


def test_alliance_waves():
    rates = [load_sample("bildungsallianz", wave=w).report.response_confidence for w in (1, 2, 3)]
    assert rates == ["high", "directional", "caution"]
    G = load_sample("bildungsallianz", wave=3, graph=True, symmetrize="union")
    assert not G.is_directed() and G.number_of_nodes() == 110


def test_alliance_wide_and_partnerships():
    wide = load_sample("bildungsallianz", kind="survey_wide")
    long = load_sample("bildungsallianz", wave=1)
    info = long.ties.query("relation == 'information sharing'")
    assert len(wide.ties) == len(info)
    assert load_sample("bildungsallianz", kind="partnerships").affiliations is not None


def test_davis_two_mode():
    data = load_sample("davis_southern_women")
    assert len(data.actors) == 18 and len(data.affiliations) == 89  # README: 89 attendances


def test_list_and_errors():
    assert "bildungsallianz" in list_samples().index
    with pytest.raises(ParameterError, match="no sample called 'nope'"):
        load_sample("nope")
    with pytest.raises(ParameterError, match="has tables"):
        load_sample("knoke_bureaucracies", table="gossip")
    with pytest.raises(ParameterError, match="waves 1, 2 and 3"):
        load_sample("bildungsallianz", wave=4)
