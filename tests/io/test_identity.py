"""Organization identity: normalization, aliases, fuzzy suggestions, ambiguity."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sysmap.exceptions import DuplicateActorError, ParameterError
from sysmap.io.identity import ActorRegistry, normalize_name


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Straße der Jugend", "Strasse der Jugend"),
        ("Jugendhilfe Nord e.V.", "Jugendhilfe Nord"),
        ("Jugendhilfe Nord e. V.", "jugendhilfe   nord"),
        ("Kinderhilfe gGmbH", "Kinderhilfe"),
        ("Stadtwerke GmbH", "STADTWERKE"),
        ("Rhine Valley Tech, Inc.", "rhine valley tech"),
        ("Müller-Stiftung", "Mueller Stiftung"),
        ("Café Lumière", "cafe lumiere"),
        ("Kunst & Kultur", "Kunst and Kultur"),
    ],
)
def test_normalize_equal(a, b):
    assert normalize_name(a) == normalize_name(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Stadt Rheinstadt", "Stadt Rheinburg"), ("Schule Nord", "Schule Süd"), ("AG", "AB")],
)
def test_normalize_distinct(a, b):
    assert normalize_name(a) != normalize_name(b)


def test_legal_form_only_name_is_kept():
    # a name that is nothing but a legal-form token must not normalize to ""
    assert normalize_name("AG") == "ag"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), max_size=30))
def test_normalize_is_idempotent(name):
    once = normalize_name(name)
    assert normalize_name(once) == once


@pytest.fixture
def registry():
    return ActorRegistry(
        {"A1": "Stadt Rheinstadt", "A2": "Straßenkinder e.V.", "A3": "Jugendhilfe Nord e.V."},
        aliases={"A1": ["Stadtverwaltung", "SR"], "A3": ["JH Nord"]},
    )


@pytest.mark.parametrize(
    ("name", "actor", "method"),
    [
        ("A2", "A2", "id"),
        ("Stadt Rheinstadt", "A1", "exact"),
        ("stadt  rheinstadt", "A1", "normalized"),
        ("Strassenkinder eV", "A2", "normalized"),
        ("SR", "A1", "alias"),
        ("jh nord", "A3", "alias"),
    ],
)
def test_resolve_order(registry, name, actor, method):
    match = registry.resolve(name)
    assert (match.actor, match.method) == (actor, method)


def test_fuzzy_is_suggested_not_merged(registry):
    match = registry.resolve("Stadt Rhinestadt")
    assert match.actor is None and match.method is None
    assert match.suggestions[0][:2] == ("A1", "Stadt Rheinstadt")


def test_fuzzy_merges_only_with_threshold(registry):
    match = registry.resolve("Stadt Rhinestadt", fuzzy_threshold=85)
    assert (match.actor, match.method) == ("A1", "fuzzy")
    assert 85 <= match.score < 100


def test_unrelated_name_gets_no_suggestion(registry):
    assert registry.resolve("Sportverein Blau-Weiß").suggestions == ()


def test_duplicate_display_name_is_an_error():
    with pytest.raises(DuplicateActorError, match=r"'A1' and 'A2' are both called 'Stadt'"):
        ActorRegistry({"A1": "Stadt", "A2": "Stadt"})


def test_alias_of_two_actors_is_an_error():
    with pytest.raises(DuplicateActorError, match=r"alias 'SR' of actor 'A2' .* actor 'A1'"):
        ActorRegistry({"A1": "Stadt", "A2": "Schule"}, aliases={"A1": ["SR"], "A2": ["SR"]})


def test_alias_equal_to_other_actors_name_is_an_error():
    with pytest.raises(DuplicateActorError, match="already a name or alias of actor 'A1'"):
        ActorRegistry({"A1": "Stadt", "A2": "Schule"}, aliases={"A2": ["Stadt"]})


def test_names_that_only_normalize_alike_are_ambiguous_not_merged():
    reg = ActorRegistry({"A1": "Jugendhilfe Nord e.V.", "A2": "Jugendhilfe Nord gGmbH"})
    assert reg.ambiguous == {"jugendhilfe nord": ["A1", "A2"]}
    assert reg.resolve("Jugendhilfe Nord gGmbH").actor == "A2"  # exact still works
    match = reg.resolve("Jugendhilfe Nord")
    assert match.actor is None
    assert {s[0] for s in match.suggestions} == {"A1", "A2"}


def test_alias_table_round_trip(registry):
    table = registry.alias_table()
    assert list(table.columns) == ["alias", "actor", "name"]
    assert len(table) == 3
    fresh = ActorRegistry({a: registry.name(a) for a in registry.actors})
    assert fresh.resolve("JH Nord").actor is None
    restored = fresh.with_alias_table(table)
    assert restored.resolve("JH Nord").actor == "A3"


def test_rename_declared_as_alias(registry):
    registry.add_alias("Kinder- und Jugendhilfe Nord e.V.", "A3")
    assert registry.resolve("Kinder- und Jugendhilfe Nord").actor == "A3"


def test_alias_table_with_unknown_actor(registry):
    import pandas as pd

    with pytest.raises(ParameterError, match=r"not in the member list: \['Z9'\]"):
        registry.with_alias_table(pd.DataFrame({"alias": ["x"], "actor": ["Z9"]}))
