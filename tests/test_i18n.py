"""Tests for sysmap.i18n: catalogues complete in both languages, numbers per language.

Expected strings follow the CLDR conventions Babel implements: German uses
"." for thousands, "," for decimals and a space before "%" (DIN 5008);
English uses "," and "." and no space.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources

import pytest

from sysmap.exceptions import ParameterError
from sysmap.i18n import (
    LANGUAGES,
    catalogue,
    fields,
    format_date,
    format_number,
    format_percent,
    message,
)

LOCALES = resources.files("sysmap") / "locales"
DOMAINS = sorted(p.name.removesuffix(".json") for p in (LOCALES / "en").iterdir()
                 if p.name.endswith(".json"))


def test_every_language_has_every_domain():
    for lang in LANGUAGES:
        present = sorted(p.name.removesuffix(".json") for p in (LOCALES / lang).iterdir()
                         if p.name.endswith(".json"))
        assert present == DOMAINS, lang


@pytest.mark.parametrize("domain", DOMAINS)
def test_catalogues_have_the_same_keys_and_fields(domain):
    en, de = catalogue(domain, "en"), catalogue(domain, "de")
    assert sorted(en) == sorted(de)
    for key in en:
        assert fields(en[key]) == fields(de[key]), f"{domain}:{key}"
        assert de[key].strip(), f"{domain}:{key} is empty in German"


@pytest.mark.parametrize("domain", DOMAINS)
def test_catalogue_files_are_valid_utf8_json(domain):
    for lang in LANGUAGES:
        text = (LOCALES / lang / f"{domain}.json").read_text(encoding="utf-8")
        assert isinstance(json.loads(text), dict)


def test_numbers_per_language():
    assert format_number(1234567.891, "de", digits=2) == "1.234.567,89"
    assert format_number(1234567.891, "en", digits=2) == "1,234,567.89"
    assert format_number(3, "de") == "3"
    assert format_number(0.5, "de") == "0,5"
    assert format_number(float("nan"), "de") == "k. A."
    assert format_percent(0.62, "de") == "62 %"
    assert format_percent(0.625, "en", digits=1) == "62.5%"


def test_dates_per_language():
    day = dt.date(2026, 3, 1)
    assert format_date(day, "de") == "1. März 2026"
    assert format_date(day, "en") == "1 March 2026"


def test_message_fills_and_formats():
    assert message("common", "actors", "en", n=1234) == "1,234 actors"
    assert message("common", "actors", "de", n=1234) == "1.234 Akteure"
    with pytest.raises(ParameterError, match="needs the field"):
        message("common", "actors", "de")
    with pytest.raises(ParameterError, match="missing from"):
        message("common", "no_such_key", "en")
    with pytest.raises(ParameterError, match="lang must be one of"):
        message("common", "actors", "fr", n=1)
