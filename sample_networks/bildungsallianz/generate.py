"""Generate the synthetic sample "Bildungsallianz Rheinstadt / Rheinstadt Education Alliance".

A fictional collective-impact education alliance in the fictional German city of
Rheinstadt, surveyed three times (waves 1-3 = 2023, 2024, 2025). Everything is
invented; any resemblance to real organisations is coincidental. The data are
released under CC0-1.0 (see README.md).

The script is deterministic: one ``numpy.random.default_rng(SEED)`` drives every
random step, nothing iterates over a ``set`` or hash order, and every table is
sorted before it is written (UTF-8, comma-separated, ``\\n`` line endings).
Running it twice gives byte-identical files (with the same numpy version: numpy
does not promise identical random streams across releases).

How the data are made
---------------------
1. **Member list** (``ORGS`` below, written by hand): 122 organisations in 7
   sectors, with aliases, district, the wave they joined and the first wave they
   are no longer a member. One backbone organisation, four cross-sector brokers,
   two "single points of failure" (a hub whose departure cuts off a small group),
   a few isolates, one rename between waves 2 and 3.
2. **Affiliations** (``AFFILIATIONS``): 21 projects, committees and grants; each
   has core members plus members drawn by sector, renewed per wave.
3. **True relationships** per wave: an undirected tie between members i and j
   forms with probability ``block[sector_i, sector_j] * activity_i * activity_j``
   times factors for the same district, shared affiliations, brokers and the
   backbone; Health-Business pairs are zero (the deliberate sector gap). Later
   waves raise cross-sector probabilities (the initiative works). A tie persists
   to the next wave with probability ~0.7 (0.62 for intensity 1 .. 0.83 for 4);
   new ties form so that each pair's marginal probability matches its wave's.
   Intensity (1-4) is drawn weaker across sectors and stronger within.
4. **Response**: the backbone's member list marks who answered (85 %, 78 %, 62 %);
   peripheral members answer less often.
5. **Survey rows**: each respondent names each true partner with probability
   0.75 (intensity 1) .. 0.97 (3-4), perceives intensity within +-1, and rates
   trust and value items. Names are mostly copied from the member list; about
   4 % of partner names are typed variants (case, spaces, missing legal form,
   "ss" for "ß", "ue" for "ü", an alias), and the deliberate data-quality cases
   listed in ``README.md`` are added.

Usage::

    python generate.py            # writes the CSV files next to this script
    python generate.py OUTDIR     # writes them into OUTDIR
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20261123

SECTORS = (
    "Municipality",
    "Schools",
    "Foundations",
    "Business",
    "Higher education",
    "Civil society",
    "Health",
)
WAVES = (1, 2, 3)
WAVE_YEARS = {1: 2023, 2: 2024, 3: 2025}
#: Share of members who answer the survey, per wave (rounded to whole members).
RESPONSE_RATE = {1: 0.85, 2: 0.78, 3: 0.62}
RELATIONS = ("information sharing", "joint programs", "funding")

#: The one rename: (name in waves 1-2, name from wave 3 on).
RENAMED = ("Jugendhilfe Nord e.V.", "Kinder- und Jugendhilfe Nord e.V.")
RENAME_WAVE = 3
#: Deliberate data-quality cases (listed in README.md).
NON_ROSTER = "Sportverein Blau-Weiß Rheinstadt"
NON_ROSTER_WAVE = 2
NON_ROSTER_NAMED_BY = ("Jugendzentrum Kesselhaus e.V.", "Grundschule Rheinauen")
SELF_NOMINATION_WAVE = 2
SELF_NOMINATION_BY = "Stadtbibliothek Rheinstadt"
#: Respondents in wave 3 that name the renamed organisation by its old name.
OLD_NAME_USES = 4
#: Share of (respondent, partner) pairs whose partner name is typed as a variant.
VARIANT_SHARE = 0.035
#: Variants written once per wave on top of the random ones, so every kind occurs:
#: (name in the member list, name as typed).
GUARANTEED_VARIANTS = {
    1: (("Straßenkinder e.V.", "Strassenkinder e.V."),
        ("Grundschule Am Schloßpark", "Grundschule am Schlosspark"),
        ("Jugendhilfe Nord e.V.", "Jugendhilfe Nord")),
    2: (("Realschule Hüttenstraße", "Realschule Huettenstrasse"),
        ("Industrie- und Handelskammer Rheinstadt", "IHK"),
        ("Rhine Valley Tech Inc.", "Rhine Valley Tech")),
    3: (("Straßenkinder e.V.", "Strassenkinder eV"),
        ("Handwerkskammer Rheinstadt", "HWK")),
}

# ---------------------------------------------------------------------------
# The member list over all waves.
# name | aliases ("|"-separated) | sector | district | wave joined | first wave
# no longer a member (0 = still a member) | tags
# tags: backbone, broker, funder, hub (single point of failure),
#       enclave_a / enclave_b (small group hanging on one hub),
#       isolate<w> (no ties in wave w), peripheral, active
# ---------------------------------------------------------------------------
ORGS: tuple[tuple[str, str, str, str, int, int, str], ...] = (
    # Civil society (backbone first: it gets id BA001)
    ("Bildungsallianz Rheinstadt (Geschäftsstelle)",
     "Bildungsallianz|BAR|Rheinstadt Education Alliance", "Civil society", "citywide", 1, 0,
     "backbone"),
    # Municipality
    ("Stadt Rheinstadt – Amt für Schule und Bildung",
     "Amt für Schule und Bildung|Schulverwaltungsamt Rheinstadt", "Municipality", "citywide",
     1, 0, "funder active"),
    ("Stadt Rheinstadt – Jugendamt", "Jugendamt Rheinstadt", "Municipality", "citywide", 1, 0,
     "funder active"),
    ("Stadt Rheinstadt – Sozialamt", "Sozialamt Rheinstadt", "Municipality", "citywide", 1, 0, ""),
    ("Stadt Rheinstadt – Amt für Wirtschaftsförderung", "Wirtschaftsförderung Rheinstadt|WiFö",
     "Municipality", "citywide", 1, 0, ""),
    ("Stadt Rheinstadt – Kulturamt", "Kulturamt Rheinstadt", "Municipality", "citywide", 1, 0, ""),
    ("Stadtbibliothek Rheinstadt", "Stadtbücherei Rheinstadt", "Municipality", "Mitte", 1, 0,
     "active"),
    ("Volkshochschule Rheinstadt", "VHS|VHS Rheinstadt", "Municipality", "Mitte", 1, 0, ""),
    ("Kommunales Integrationszentrum Rheinstadt", "KI Rheinstadt", "Municipality", "citywide",
     1, 0, ""),
    ("Regionales Bildungsbüro Rheinstadt", "Bildungsbüro|RBB", "Municipality", "citywide", 1, 0,
     "broker"),
    ("Bezirksamt Rheinstadt-Nord", "", "Municipality", "Nord", 1, 0, ""),
    ("Bezirksamt Rheinstadt-Süd", "", "Municipality", "Süd", 1, 3, ""),
    ("Jobcenter Rheinstadt", "", "Municipality", "citywide", 1, 0, ""),
    ("Agentur für Arbeit Rheinstadt", "Arbeitsagentur Rheinstadt|AfA", "Municipality",
     "citywide", 1, 0, ""),
    ("Musikschule Rheinstadt", "", "Municipality", "Mitte", 2, 0, ""),
    ("Stadt Rheinstadt – Amt für Sport und Bäder", "Sportamt Rheinstadt", "Municipality",
     "citywide", 3, 0, ""),
    # Schools
    ("Grundschule Am Mühlbach", "GS Mühlbach", "Schools", "Nord", 1, 0, "active"),
    ("Grundschule Rheinauen", "GS Rheinauen", "Schools", "West", 1, 0, ""),
    ("Grundschule Lindenhof", "", "Schools", "Mitte", 1, 0, ""),
    ("Grundschule Sonnenhügel", "", "Schools", "Süd", 1, 0, ""),
    ("Katholische Grundschule St. Marien", "KGS St. Marien", "Schools", "Mitte", 1, 0, ""),
    ("Grundschule Am Schloßpark", "", "Schools", "Mitte", 1, 0, ""),
    ("Grundschule Kastanienallee", "", "Schools", "Ost", 1, 0, ""),
    ("Grundschule Nordstadt", "", "Schools", "Nord", 1, 0, ""),
    ("Gemeinschaftsgrundschule Im Weidenfeld", "GGS Weidenfeld", "Schools", "West", 1, 0, ""),
    ("Grundschule Brüder Grimm", "", "Schools", "Süd", 1, 0, ""),
    ("Grundschule Auf der Höhe", "", "Schools", "Ost", 1, 0, "peripheral"),
    ("Gesamtschule Rheinstadt-Nord", "GE Nord", "Schools", "Nord", 1, 0, "active"),
    ("Heinrich-Böll-Gesamtschule", "HBG", "Schools", "Süd", 1, 0, ""),
    ("Lise-Meitner-Gesamtschule", "LMG", "Schools", "Ost", 1, 0, ""),
    ("Sophie-Scholl-Gymnasium", "SSG", "Schools", "Mitte", 1, 0, ""),
    ("Gymnasium Am Römerturm", "", "Schools", "West", 1, 0, ""),
    ("Städtisches Gymnasium Rheinstadt-Mitte", "", "Schools", "Mitte", 1, 0, "peripheral"),
    ("Albert-Schweitzer-Realschule", "ASR", "Schools", "Nord", 1, 0, ""),
    ("Realschule Am Stadtgarten", "", "Schools", "Mitte", 1, 0, ""),
    ("Realschule Hüttenstraße", "", "Schools", "Ost", 1, 0, ""),
    ("Hauptschule Rheinstadt-Ost", "", "Schools", "Ost", 1, 3, ""),
    ("Sekundarschule Rheinstadt-West", "", "Schools", "West", 1, 0, ""),
    ("Berufskolleg Rheinstadt – Technik", "BK Technik", "Schools", "Mitte", 1, 0, ""),
    ("Berufskolleg für Wirtschaft und Verwaltung", "BKWV", "Schools", "Mitte", 1, 0, ""),
    ("Förderschule Am Brückentor", "", "Schools", "Süd", 1, 0, ""),
    ("Friedrich-Fröbel-Schule", "", "Schools", "Nord", 1, 0, ""),
    ("Montessori-Schule Rheinstadt", "", "Schools", "West", 3, 0, ""),
    ("Freie Waldorfschule Rheinstadt", "", "Schools", "Süd", 2, 0, "peripheral"),
    ("Rhine International School", "RIS", "Schools", "West", 2, 0, ""),
    ("Abendgymnasium Rheinstadt", "", "Schools", "Mitte", 3, 0, ""),
    # Foundations
    ("Bürgerstiftung Rheinstadt", "", "Foundations", "citywide", 1, 0, "broker funder"),
    ("Learning Futures Foundation", "LFF", "Foundations", "citywide", 1, 0, "funder"),
    ("Sparkassenstiftung Rheinstadt", "", "Foundations", "citywide", 1, 0, "funder"),
    ("Stiftung Lesefreude", "", "Foundations", "citywide", 1, 0, "funder"),
    ("Heinz-und-Gerda-Köhler-Stiftung", "Köhler-Stiftung", "Foundations", "citywide", 1, 0,
     "funder"),
    ("Stiftung Chancengleichheit Rheinland", "", "Foundations", "citywide", 1, 0, "funder"),
    ("Stiftung Bildungsbrücke gGmbH", "Bildungsbrücke", "Foundations", "citywide", 1, 0,
     "funder"),
    ("Rheinstädter Kulturstiftung", "", "Foundations", "citywide", 1, 0, "funder peripheral"),
    ("Familie-Großmann-Stiftung", "Großmann-Stiftung", "Foundations", "citywide", 1, 2,
     "funder"),
    ("Stiftung MINT-Zukunft", "", "Foundations", "citywide", 3, 0, "funder"),
    ("Brightpath Education Trust", "", "Foundations", "citywide", 2, 0, "funder"),
    ("Stiftung Forscherkinder", "", "Foundations", "citywide", 3, 0, "funder"),
    # Business
    ("Industrie- und Handelskammer Rheinstadt", "IHK|IHK Rheinstadt", "Business", "citywide",
     1, 0, "broker"),
    ("Handwerkskammer Rheinstadt", "HWK|HWK Rheinstadt", "Business", "citywide", 1, 0, ""),
    ("Stadtwerke Rheinstadt GmbH", "SWR", "Business", "citywide", 1, 0, "funder"),
    ("Sparkasse Rheinstadt", "", "Business", "citywide", 1, 0, "funder"),
    ("Volksbank Rheinstadt eG", "", "Business", "Mitte", 1, 0, "funder"),
    ("Rheinstädter Verkehrsbetriebe AG", "RVB", "Business", "citywide", 1, 0, ""),
    ("Rhine Valley Tech Inc.", "RVT", "Business", "West", 1, 0, ""),
    ("Müller & Söhne Maschinenbau GmbH", "Müller & Söhne", "Business", "Nord", 1, 0, ""),
    ("Bäckerei Schäfer GmbH & Co. KG", "Bäckerei Schäfer", "Business", "Süd", 1, 0,
     "peripheral"),
    ("Chemiepark Rheinstadt GmbH", "", "Business", "Nord", 1, 0, "peripheral"),
    ("Rheinstadt Logistics GmbH", "", "Business", "Ost", 1, 2, "peripheral"),
    ("Softwarehaus Weber AG", "", "Business", "Mitte", 1, 3, ""),
    ("Elektro Krämer GmbH", "", "Business", "Süd", 1, 2, "peripheral"),
    ("Rheinstädter Zeitungsverlag GmbH", "Rheinstädter Anzeiger", "Business", "Mitte", 1, 3,
     ""),
    ("Hotel Rheinblick GmbH", "", "Business", "Mitte", 1, 3, "isolate1 isolate2"),
    ("Green Energy Rheinland GmbH", "", "Business", "West", 2, 0, ""),
    ("DataBridge Solutions GmbH", "", "Business", "West", 2, 0, ""),
    ("Wohnungsbaugesellschaft Rheinstadt mbH", "WBG Rheinstadt", "Business", "citywide", 1, 0,
     ""),
    ("Brightline Consulting Ltd.", "", "Business", "Mitte", 2, 3, "peripheral"),
    ("Autohaus Özdemir GmbH", "", "Business", "Ost", 3, 0, "isolate3"),
    # Higher education
    ("Hochschule Rheinstadt", "HS Rheinstadt", "Higher education", "Mitte", 1, 0, "broker"),
    ("Universität Rheinstadt – Institut für Bildungswissenschaften", "IfB", "Higher education",
     "Mitte", 1, 0, ""),
    ("Universität Rheinstadt – Zentrum für Lehrerbildung", "ZfL", "Higher education", "Mitte",
     1, 0, ""),
    ("Pädagogische Hochschule Rheinstadt", "PH Rheinstadt", "Higher education", "Süd", 1, 0,
     ""),
    ("Technische Hochschule Rheinland – Campus Rheinstadt", "TH Rheinland", "Higher education",
     "Nord", 1, 0, ""),
    ("Katholische Hochschule für Soziale Arbeit Rheinstadt", "KatHO Rheinstadt",
     "Higher education", "Mitte", 1, 0, ""),
    ("Studierendenwerk Rheinstadt", "", "Higher education", "Mitte", 2, 0, "peripheral"),
    ("Rhine Institute for Education Research", "RIER", "Higher education", "citywide", 3, 0,
     ""),
    # Civil society
    (RENAMED[1], f"{RENAMED[0]}|JHN", "Civil society", "Nord", 1, 0, "active"),
    ("Kinder- und Jugendhilfe Süd gGmbH", "KJH Süd", "Civil society", "Süd", 1, 0, "active"),
    ("Straßenkinder e.V.", "", "Civil society", "Mitte", 1, 0, ""),
    ("Caritasverband Rheinstadt e.V.", "Caritas Rheinstadt", "Civil society", "citywide", 1, 0,
     "active"),
    ("Diakonisches Werk Rheinstadt", "Diakonie Rheinstadt", "Civil society", "citywide", 1, 0,
     ""),
    ("AWO Kreisverband Rheinstadt e.V.", "AWO Rheinstadt", "Civil society", "citywide", 1, 0,
     ""),
    ("Lesepaten Rheinstadt e.V.", "", "Civil society", "citywide", 1, 0, ""),
    ("Türkisch-Deutscher Elternverein Rheinstadt e.V.", "TDEV", "Civil society", "Ost", 1, 0,
     ""),
    ("Stadtelternrat Rheinstadt", "", "Civil society", "citywide", 1, 0, ""),
    ("Stadtschülervertretung Rheinstadt", "SSV Rheinstadt", "Civil society", "citywide", 1, 0,
     "peripheral"),
    ("Kinderschutzbund Ortsverband Rheinstadt e.V.", "Kinderschutzbund Rheinstadt",
     "Civil society", "citywide", 1, 0, ""),
    ("Migrantenselbstorganisation Brücke e.V.", "MSO Brücke", "Civil society", "Ost", 1, 0, ""),
    ("Jugendzentrum Kesselhaus e.V.", "Kesselhaus", "Civil society", "West", 1, 0, ""),
    ("Kulturwerkstatt Süd e.V.", "", "Civil society", "Süd", 1, 0, ""),
    ("Familienzentrum Regenbogen e.V.", "", "Civil society", "Nord", 1, 0, ""),
    ("Kita-Verbund Sonnenschein gGmbH", "", "Civil society", "West", 3, 0, ""),
    ("Quartiersmanagement Rheinstadt-Ost", "QM Ost", "Civil society", "Ost", 1, 0, "hub"),
    ("Nachbarschaftshilfe Ost e.V.", "", "Civil society", "Ost", 1, 0, "enclave_a"),
    ("Mieterinitiative Ostviertel", "", "Civil society", "Ost", 1, 0, "enclave_a"),
    ("Kulturcafé Ostviertel e.V.", "", "Civil society", "Ost", 1, 0, "enclave_a"),
    ("Ehrenamtsagentur Rheinstadt", "", "Civil society", "citywide", 1, 2, ""),
    ("Kids Code Club Rheinstadt", "", "Civil society", "West", 2, 0, ""),
    ("Welcome Education Network e.V.", "WEN", "Civil society", "citywide", 2, 0, ""),
    ("Erste Generation Studium e.V.", "", "Civil society", "citywide", 3, 0, ""),
    ("Lernhaus Weststadt e.V.", "", "Civil society", "West", 1, 2, "peripheral"),
    ("Evangelische Jugend Rheinstadt", "", "Civil society", "citywide", 3, 0, ""),
    # Health
    ("Gesundheitsamt Rheinstadt", "", "Health", "citywide", 1, 0, "active"),
    ("Klinikum Rheinstadt gGmbH", "", "Health", "Mitte", 1, 0, ""),
    ("Sozialpädiatrisches Zentrum Rheinstadt", "SPZ", "Health", "Süd", 1, 0, "hub"),
    ("Kinderärztliche Gemeinschaftspraxis Südstadt", "", "Health", "Süd", 1, 0, "enclave_b"),
    ("Frühförderstelle Lebenshilfe Süd e.V.", "Frühförderstelle Süd", "Health", "Süd", 1, 0,
     "enclave_b"),
    ("Suchtberatung Rheinstadt e.V.", "", "Health", "Mitte", 1, 0, ""),
    ("Gesundheitskasse Rheinland – Regionalbüro Rheinstadt", "GKR", "Health", "citywide", 1, 0,
     "funder"),
    ("St.-Josef-Krankenhaus Rheinstadt", "St. Josef", "Health", "Nord", 1, 3, ""),
    ("Healthy Kids Rhine e.V.", "", "Health", "citywide", 3, 0, ""),
    ("Arbeitskreis Jugendzahnpflege Rheinstadt", "AKJ", "Health", "citywide", 2, 0, "isolate2"),
)

#: Hub of each enclave (the single point of failure for that small group).
ENCLAVE_HUBS = {
    "enclave_a": "Quartiersmanagement Rheinstadt-Ost",
    "enclave_b": "Sozialpädiatrisches Zentrum Rheinstadt",
}
#: The one tie across the Health-Business gap, from wave 3 on (intensity 1).
GAP_TIE = ("Healthy Kids Rhine e.V.", "Rhine Valley Tech Inc.")

#: Founding years are drawn uniformly from these ranges.
FOUNDED = {
    "Municipality": (1948, 2012),
    "Schools": (1890, 2016),
    "Foundations": (1985, 2021),
    "Business": (1872, 2018),
    "Higher education": (1962, 2012),
    "Civil society": (1949, 2022),
    "Health": (1905, 2019),
}
FOUNDED_FIXED = {"Bildungsallianz Rheinstadt (Geschäftsstelle)": 2021, RENAMED[1]: 1992}

# ---------------------------------------------------------------------------
# Tie model
# ---------------------------------------------------------------------------
#: Base tie probability within each sector (wave 1, before multipliers).
P_WITHIN = {
    "Municipality": 0.32,
    "Schools": 0.20,
    "Foundations": 0.32,
    "Business": 0.22,
    "Higher education": 0.50,
    "Civil society": 0.20,
    "Health": 0.45,
}
#: Base tie probability between sectors (wave 1); pairs not listed use P_BETWEEN_DEFAULT.
P_BETWEEN_DEFAULT = 0.010
P_BETWEEN = {
    ("Municipality", "Schools"): 0.045,
    ("Municipality", "Civil society"): 0.04,
    ("Municipality", "Foundations"): 0.035,
    ("Municipality", "Health"): 0.035,
    ("Municipality", "Business"): 0.025,
    ("Municipality", "Higher education"): 0.025,
    ("Schools", "Civil society"): 0.035,
    ("Schools", "Higher education"): 0.02,
    ("Schools", "Foundations"): 0.02,
    ("Schools", "Business"): 0.012,
    ("Schools", "Health"): 0.018,
    ("Foundations", "Civil society"): 0.04,
    ("Business", "Higher education"): 0.045,
    ("Health", "Civil society"): 0.025,
    ("Business", "Health"): 0.0,  # the sector gap
}
#: Multipliers of the base probabilities per wave (the initiative works).
GROWTH_WITHIN = {1: 1.0, 2: 1.02, 3: 1.04}
GROWTH_BETWEEN = {1: 1.0, 2: 1.2, 3: 1.4}
SAME_DISTRICT = 1.8
CO_AFFILIATED = 2.2
BROKER_CROSS = 4.0
BACKBONE_P = 0.40
#: Intensity 1-4 distribution for a new tie, by kind of pair.
INTENSITY_P = {
    "within": (0.08, 0.25, 0.42, 0.25),
    "cross": (0.38, 0.40, 0.17, 0.05),
    "backbone": (0.08, 0.40, 0.37, 0.15),
}
#: Probability that a tie of intensity 1..4 survives to the next wave (mean ~0.7).
PERSIST = (0.62, 0.69, 0.76, 0.83)
#: Probability that a respondent names a true partner of intensity 1..4.
REPORT = (0.75, 0.88, 0.97, 0.97)

# ---------------------------------------------------------------------------
# Affiliations (two-mode): name, type, waves, core members, {sector: extra members drawn}
# ---------------------------------------------------------------------------
AFFILIATIONS: tuple[tuple[str, str, tuple[int, ...], tuple[str, ...], dict[str, int]], ...] = (
    ("Lesestart Rheinstadt", "project", (1, 2, 3),
     ("Stadtbibliothek Rheinstadt", "Lesepaten Rheinstadt e.V.", "Stiftung Lesefreude",
      "Familienzentrum Regenbogen e.V.", "Kita-Verbund Sonnenschein gGmbH",
      "Bildungsallianz Rheinstadt (Geschäftsstelle)"), {"Schools": 4}),
    ("MINT-Netzwerk Rheinstadt", "project", (1, 2, 3),
     ("Hochschule Rheinstadt", "Technische Hochschule Rheinland – Campus Rheinstadt",
      "Rhine Valley Tech Inc.", "Softwarehaus Weber AG", "Stiftung MINT-Zukunft",
      "Kids Code Club Rheinstadt"), {"Schools": 3, "Business": 1}),
    ("Ganztag gemeinsam gestalten", "project", (1, 2, 3),
     ("Stadt Rheinstadt – Amt für Schule und Bildung", "Stadt Rheinstadt – Jugendamt",
      "AWO Kreisverband Rheinstadt e.V.", "Caritasverband Rheinstadt e.V.",
      "Kinder- und Jugendhilfe Süd gGmbH"), {"Schools": 4}),
    ("Sprachförderung Plus", "project", (1, 2, 3),
     ("Kommunales Integrationszentrum Rheinstadt", "Volkshochschule Rheinstadt",
      "Migrantenselbstorganisation Brücke e.V.",
      "Türkisch-Deutscher Elternverein Rheinstadt e.V.", "Welcome Education Network e.V."),
     {"Schools": 3}),
    ("Gesunde Schule Rheinstadt", "project", (2, 3),
     ("Gesundheitsamt Rheinstadt", "Gesundheitskasse Rheinland – Regionalbüro Rheinstadt",
      "Suchtberatung Rheinstadt e.V.", "Arbeitskreis Jugendzahnpflege Rheinstadt",
      "Healthy Kids Rhine e.V."), {"Schools": 4}),
    ("Bildungspatenschaften Nord", "project", (1, 2, 3),
     (RENAMED[1], "Bezirksamt Rheinstadt-Nord", "Grundschule Am Mühlbach",
      "Grundschule Nordstadt", "Familienzentrum Regenbogen e.V.",
      "Gesamtschule Rheinstadt-Nord"), {}),
    ("Kulturrucksack Rheinstadt", "project", (1, 2, 3),
     ("Stadt Rheinstadt – Kulturamt", "Kulturwerkstatt Süd e.V.", "Rheinstädter Kulturstiftung",
      "Musikschule Rheinstadt", "Jugendzentrum Kesselhaus e.V."), {"Schools": 2}),
    ("Praxisforschung Bildungsübergänge", "project", (2, 3),
     ("Universität Rheinstadt – Institut für Bildungswissenschaften",
      "Universität Rheinstadt – Zentrum für Lehrerbildung", "Pädagogische Hochschule Rheinstadt",
      "Bildungsallianz Rheinstadt (Geschäftsstelle)", "Regionales Bildungsbüro Rheinstadt",
      "Rhine Institute for Education Research"), {"Schools": 2}),
    ("Steuerungsgruppe Bildungsallianz", "committee", (1, 2, 3),
     ("Bildungsallianz Rheinstadt (Geschäftsstelle)",
      "Stadt Rheinstadt – Amt für Schule und Bildung", "Stadt Rheinstadt – Jugendamt",
      "Bürgerstiftung Rheinstadt", "Industrie- und Handelskammer Rheinstadt",
      "Hochschule Rheinstadt", "Gesundheitsamt Rheinstadt", "Caritasverband Rheinstadt e.V.",
      "Stadtelternrat Rheinstadt", "Regionales Bildungsbüro Rheinstadt"), {}),
    ("Steuerungsgruppe Übergang Schule-Beruf", "committee", (1, 2, 3),
     ("Agentur für Arbeit Rheinstadt", "Jobcenter Rheinstadt",
      "Industrie- und Handelskammer Rheinstadt", "Handwerkskammer Rheinstadt",
      "Berufskolleg Rheinstadt – Technik", "Berufskolleg für Wirtschaft und Verwaltung",
      "Stadt Rheinstadt – Amt für Schule und Bildung", "Regionales Bildungsbüro Rheinstadt",
      "Stadt Rheinstadt – Amt für Wirtschaftsförderung"), {"Schools": 2}),
    ("Arbeitskreis Frühe Bildung", "committee", (1, 2, 3),
     ("Stadt Rheinstadt – Jugendamt", "Familienzentrum Regenbogen e.V.",
      "Kinderschutzbund Ortsverband Rheinstadt e.V.", "Sozialpädiatrisches Zentrum Rheinstadt",
      "Gesundheitsamt Rheinstadt", "Kita-Verbund Sonnenschein gGmbH"), {"Schools": 2}),
    ("Datenteam Gemeinsames Monitoring", "committee", (2, 3),
     ("Bildungsallianz Rheinstadt (Geschäftsstelle)", "Regionales Bildungsbüro Rheinstadt",
      "Stadt Rheinstadt – Amt für Schule und Bildung",
      "Universität Rheinstadt – Institut für Bildungswissenschaften",
      "Learning Futures Foundation"), {}),
    ("Fachbeirat Inklusion", "committee", (1, 2, 3),
     ("Förderschule Am Brückentor", "Friedrich-Fröbel-Schule",
      "Sozialpädiatrisches Zentrum Rheinstadt", "Stadt Rheinstadt – Sozialamt",
      "Caritasverband Rheinstadt e.V.", "Diakonisches Werk Rheinstadt"), {}),
    ("Elternnetzwerk Rheinstadt", "committee", (1, 2, 3),
     ("Stadtelternrat Rheinstadt", "Türkisch-Deutscher Elternverein Rheinstadt e.V.",
      "Migrantenselbstorganisation Brücke e.V."), {"Schools": 3}),
    ("Quartiersrunde Ost", "committee", (1, 2, 3),
     ("Quartiersmanagement Rheinstadt-Ost", "Nachbarschaftshilfe Ost e.V.",
      "Mieterinitiative Ostviertel", "Kulturcafé Ostviertel e.V."), {}),
    ("Fonds Bildungsgerechtigkeit (Bürgerstiftung)", "grant", (1, 2, 3),
     ("Bürgerstiftung Rheinstadt",), {"Civil society": 3, "Schools": 2}),
    ("Digital Classrooms Grant (Learning Futures)", "grant", (1, 2),
     ("Learning Futures Foundation", "Rhine Valley Tech Inc."), {"Schools": 3}),
    ("Zukunftsfonds Jugend (Sparkassenstiftung)", "grant", (1, 2, 3),
     ("Sparkassenstiftung Rheinstadt",), {"Civil society": 3}),
    ("Landesprogramm Chancen im Quartier", "grant", (2, 3),
     ("Stadt Rheinstadt – Amt für Schule und Bildung", "Quartiersmanagement Rheinstadt-Ost",
      "Grundschule Kastanienallee", "Lise-Meitner-Gesamtschule"), {}),
    ("Stipendienprogramm Erste Generation (Köhler-Stiftung)", "grant", (2, 3),
     ("Heinz-und-Gerda-Köhler-Stiftung", "Hochschule Rheinstadt", "Erste Generation Studium e.V."),
     {"Schools": 1}),
    ("Healthy Start Challenge Grant", "grant", (3,),
     ("Brightpath Education Trust", "Healthy Kids Rhine e.V.", "Gesundheitsamt Rheinstadt"),
     {"Schools": 2}),
)

#: The intended collaboration (theory of change): sector pairs planned to work together.
PLAN = (
    ("Municipality", "Schools"),
    ("Municipality", "Foundations"),
    ("Municipality", "Business"),
    ("Municipality", "Civil society"),
    ("Municipality", "Health"),
    ("Schools", "Higher education"),
    ("Schools", "Civil society"),
    ("Schools", "Health"),
    ("Schools", "Business"),
    ("Foundations", "Civil society"),
    ("Foundations", "Schools"),
    ("Business", "Higher education"),
    ("Business", "Health"),
    ("Civil society", "Health"),
)

#: Legal forms removed by the "missing legal form" name variant (longest first).
LEGAL_FORMS = (" GmbH & Co. KG", " gGmbH", " GmbH", " e.V.", " mbH", " AG", " eG", " Inc.",
               " Ltd.")
_UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}


# ---------------------------------------------------------------------------
# Building blocks
# ---------------------------------------------------------------------------
def build_actors(rng: np.random.Generator) -> pd.DataFrame:
    """Member list over all waves, indexed 0..n-1 in actor-id order, with model columns."""
    columns = ["name", "aliases", "sector", "district", "wave_joined", "wave_left", "tags"]
    frame = pd.DataFrame(list(ORGS), columns=columns)
    # ids: backbone first, then by wave joined, then alphabetically (the backbone's spreadsheet)
    frame["_backbone"] = frame["tags"].str.contains("backbone")
    frame = frame.sort_values(
        ["_backbone", "wave_joined", "name"], ascending=[False, True, True], kind="stable"
    ).reset_index(drop=True)
    frame["actor"] = [f"BA{i + 1:03d}" for i in range(len(frame))]
    frame["backbone"] = frame["_backbone"].astype(int)
    lows = np.array([FOUNDED[s][0] for s in frame["sector"]])
    highs = np.array([FOUNDED[s][1] for s in frame["sector"]])
    founded = rng.integers(lows, highs + 1)
    frame["founded"] = [
        FOUNDED_FIXED.get(name, int(year)) for name, year in zip(frame["name"], founded)
    ]
    # activity: how much an organisation networks (log-normal, clipped)
    activity = np.exp(rng.normal(0.0, 0.35, len(frame)))
    tags = frame["tags"]
    activity = np.where(tags.str.contains("peripheral"), 0.35 * activity, activity)
    activity = np.where(tags.str.contains(r"\bactive\b"), 1.5 * activity, activity)
    activity = np.where(tags.str.contains("hub"), np.maximum(activity, 1.2), activity)
    activity = np.where(tags.str.contains("broker"), np.maximum(activity, 1.6), activity)
    frame["activity"] = np.clip(activity, 0.15, 2.2)
    return frame.drop(columns="_backbone")


def members_of(actors: pd.DataFrame, wave: int) -> np.ndarray:
    """Boolean mask of the actors that are members in `wave`."""
    left = actors["wave_left"].to_numpy()
    return (actors["wave_joined"].to_numpy() <= wave) & ((left == 0) | (left > wave))


def wave_name(actors: pd.DataFrame, idx: int, wave: int) -> str:
    """Display name of actor `idx` valid in `wave` (old name before the rename)."""
    name = actors.at[idx, "name"]
    if name == RENAMED[1] and wave < RENAME_WAVE:
        return RENAMED[0]
    return name


def wave_aliases(actors: pd.DataFrame, idx: int, wave: int) -> list[str]:
    """Aliases of actor `idx` as the member list of `wave` gives them."""
    aliases = [a for a in actors.at[idx, "aliases"].split("|") if a]
    name = wave_name(actors, idx, wave)
    return [a for a in aliases if a != name]


def build_affiliations(rng: np.random.Generator, actors: pd.DataFrame) -> pd.DataFrame:
    """Organisation x affiliation rows per wave (two-mode data)."""
    index_of = {name: i for i, name in enumerate(actors["name"])}
    sectors = actors["sector"].to_numpy()
    blocked = actors["tags"].str.contains("enclave|isolate").to_numpy()
    rows = []
    for affiliation, kind, waves, core, extra in AFFILIATIONS:
        drawn: dict[str, list[int]] = {sector: [] for sector in extra}
        for wave in waves:
            member = members_of(actors, wave)
            chosen = [index_of[name] for name in core if member[index_of[name]]]
            for sector, count in extra.items():
                # keep last wave's drawn members with probability 0.8 (grants: 0.4)
                keep_p = 0.4 if kind == "grant" else 0.8
                kept = [i for i in drawn[sector] if member[i] and rng.random() < keep_p]
                pool = np.flatnonzero(
                    member & (sectors == sector) & ~blocked & ~np.isin(
                        np.arange(len(actors)), chosen + kept)
                )
                need = max(count - len(kept), 0)
                weights = actors["activity"].to_numpy()[pool]
                new = rng.choice(pool, size=need, replace=False, p=weights / weights.sum())
                drawn[sector] = kept + sorted(int(i) for i in new)
                chosen += drawn[sector]
            rows += [(actors.at[i, "actor"], affiliation, kind, wave) for i in chosen]
    frame = pd.DataFrame(rows, columns=["actor", "affiliation", "type", "wave"])
    return frame.sort_values(["wave", "affiliation", "actor"]).reset_index(drop=True)


def _co_affiliated(actors: pd.DataFrame, affiliations: pd.DataFrame, wave: int) -> np.ndarray:
    n = len(actors)
    pos = {a: i for i, a in enumerate(actors["actor"])}
    co = np.zeros((n, n), dtype=bool)
    for _, group in affiliations[affiliations["wave"] == wave].groupby("affiliation", sort=True):
        idx = np.array([pos[a] for a in group["actor"]])
        co[np.ix_(idx, idx)] = True
    np.fill_diagonal(co, False)
    return co


def tie_probabilities(
    actors: pd.DataFrame, affiliations: pd.DataFrame, wave: int
) -> np.ndarray:
    """Symmetric matrix of tie probabilities among the members of `wave`."""
    sector_pos = {s: k for k, s in enumerate(SECTORS)}
    block = np.full((7, 7), P_BETWEEN_DEFAULT)
    for (a, b), p in P_BETWEEN.items():
        block[sector_pos[a], sector_pos[b]] = block[sector_pos[b], sector_pos[a]] = p
    block *= GROWTH_BETWEEN[wave]
    for s, p in P_WITHIN.items():
        block[sector_pos[s], sector_pos[s]] = p * GROWTH_WITHIN[wave]
    sec = np.array([sector_pos[s] for s in actors["sector"]])
    prob = block[np.ix_(sec, sec)]
    act = actors["activity"].to_numpy()
    prob = prob * np.outer(act, act)
    district = actors["district"].to_numpy()
    same_district = (district[:, None] == district[None, :]) & (district[:, None] != "citywide")
    prob = np.where(same_district, prob * SAME_DISTRICT, prob)
    prob = np.where(_co_affiliated(actors, affiliations, wave), prob * CO_AFFILIATED, prob)
    tags = actors["tags"]
    cross = sec[:, None] != sec[None, :]
    broker = tags.str.contains("broker").to_numpy()
    either_broker = broker[:, None] | broker[None, :]
    prob = np.where(either_broker & cross, prob * BROKER_CROSS, prob)
    backbone = actors["backbone"].to_numpy().astype(bool)
    bb = np.flatnonzero(backbone)[0]
    prob[bb, :] = prob[:, bb] = np.minimum(BACKBONE_P * np.sqrt(act) * (1 + 0.1 * (wave - 1)), 0.9)
    # the sector gap: Health and Business never tie (one planted tie is added later)
    gap = (
        (sec[:, None] == sector_pos["Health"]) & (sec[None, :] == sector_pos["Business"])
    )
    prob[gap | gap.T] = 0.0
    # enclaves and isolates: no random ties at all
    blocked = tags.str.contains(f"enclave|isolate{wave}").to_numpy()
    prob[blocked, :] = 0.0
    prob[:, blocked] = 0.0
    member = members_of(actors, wave)
    prob[~member, :] = 0.0
    prob[:, ~member] = 0.0
    np.fill_diagonal(prob, 0.0)
    return np.clip(prob, 0.0, 0.9)


def _pair_kind(actors: pd.DataFrame) -> np.ndarray:
    """0 = within sector, 1 = cross sector, 2 = involves the backbone."""
    sec = actors["sector"].to_numpy()
    kind = np.where(sec[:, None] == sec[None, :], 0, 1)
    bb = np.flatnonzero(actors["backbone"].to_numpy())[0]
    kind[bb, :] = kind[:, bb] = 2
    return kind


def _draw_intensity(rng: np.random.Generator, kind: np.ndarray, wave: int) -> np.ndarray:
    dists = [INTENSITY_P["within"], INTENSITY_P["cross"], INTENSITY_P["backbone"]]
    u = rng.random(kind.shape)
    out = np.empty(kind.shape, dtype=int)
    for k, dist in enumerate(dists):
        cum = np.cumsum(dist)
        if k == 1:  # cross-sector ties grow a little stronger over time
            shifted = np.array(dist) + np.array([-0.05, 0.0, 0.04, 0.01]) * (wave - 1)
            cum = np.cumsum(shifted / shifted.sum())
        out = np.where(kind == k, 1 + np.searchsorted(cum, u, side="right"), out)
    return np.clip(out, 1, 4)


def simulate_ties(
    rng: np.random.Generator, actors: pd.DataFrame, affiliations: pd.DataFrame
) -> dict[int, np.ndarray]:
    """True relationship intensity (0 = no tie) per wave, symmetric integer matrices."""
    n = len(actors)
    upper = np.triu(np.ones((n, n), dtype=bool), k=1)
    kind = _pair_kind(actors)
    index_of = {name: i for i, name in enumerate(actors["name"])}
    ties: dict[int, np.ndarray] = {}
    prev_prob = None
    for wave in WAVES:
        prob = tie_probabilities(actors, affiliations, wave)
        u = rng.random((n, n))
        intensity = _draw_intensity(rng, kind, wave)
        if prev_prob is None:
            tie = u < prob
            level = np.where(tie, intensity, 0)
        else:
            prev = ties[wave - 1]
            was_member = members_of(actors, wave - 1)
            both_before = was_member[:, None] & was_member[None, :]
            # new ties form so that each pair's marginal probability is `prob`
            q = np.clip((prob - 0.7 * prev_prob) / np.maximum(1 - prev_prob, 1e-9), 0.0, 1.0)
            q = np.where(both_before, q, prob)
            persist = np.array((0.0,) + PERSIST)[prev]
            keep = (prev > 0) & (u < persist) & (prob > 0)
            new = (prev == 0) & (u < q)
            drift = rng.random((n, n))
            up_p = np.where(kind == 1, 0.25, 0.18)
            changed = prev + (drift < up_p) - (drift > 0.9)
            level = np.where(keep, np.clip(changed, 1, 4), np.where(new, intensity, 0))
        level = np.where(upper, level, 0)
        level = level + level.T
        # enclaves: complete small groups attached to their hub only (persistent, strong)
        member = members_of(actors, wave)
        for tag, hub in ENCLAVE_HUBS.items():
            group = [i for i in np.flatnonzero(actors["tags"].str.contains(tag)) if member[i]]
            group.append(index_of[hub])
            for a in group:
                for b in group:
                    if a != b:
                        level[a, b] = 3 if b == index_of[hub] or a == index_of[hub] else 4
        if wave >= 3:
            a, b = index_of[GAP_TIE[0]], index_of[GAP_TIE[1]]
            level[a, b] = level[b, a] = 1
        ties[wave] = level
        prev_prob = prob
    return ties


def choose_respondents(
    rng: np.random.Generator, actors: pd.DataFrame, ties: dict[int, np.ndarray]
) -> dict[int, np.ndarray]:
    """Boolean mask of respondents per wave (exactly round(rate * members))."""
    index_of = {name: i for i, name in enumerate(actors["name"])}
    forced_names = [
        actors.loc[actors["backbone"] == 1, "name"].iat[0],
        *ENCLAVE_HUBS.values(),
    ]
    out = {}
    for wave in WAVES:
        member = members_of(actors, wave)
        k = round(RESPONSE_RATE[wave] * member.sum())
        forced = list(forced_names)
        if wave == NON_ROSTER_WAVE:
            forced += list(NON_ROSTER_NAMED_BY)
        if wave == SELF_NOMINATION_WAVE:
            forced.append(SELF_NOMINATION_BY)
        chosen = [index_of[name] for name in forced]
        pool = np.array([i for i in np.flatnonzero(member) if i not in chosen])
        degree = (ties[wave][pool] > 0).sum(axis=1)
        weights = actors["activity"].to_numpy()[pool] ** 0.8 * (1.0 + np.sqrt(degree))
        extra = rng.choice(pool, size=k - len(chosen), replace=False, p=weights / weights.sum())
        mask = np.zeros(len(actors), dtype=bool)
        mask[chosen] = True
        mask[extra] = True
        out[wave] = mask
    return out


def _clip_round(x: np.ndarray | float, low: int, high: int) -> np.ndarray:
    return np.clip(np.rint(x), low, high).astype(int)


def _item(x: float, high: int = 4) -> int:
    """A rating: `x` rounded (half to even) to the nearest point of the scale 1..`high`."""
    return min(max(round(float(x)), 1), high)


def name_variant(rng: np.random.Generator, name: str, aliases: list[str]) -> str | None:
    """A realistic typed variant of `name`, or None if no variant applies."""
    kinds = ["case", "spaces"]
    if any(name.endswith(form) for form in LEGAL_FORMS):
        kinds.append("legal_form")
    if "ß" in name:
        kinds += ["sharp_s", "sharp_s"]
    if any(ch in name for ch in _UMLAUTS):
        kinds.append("umlaut")
    short = [a for a in aliases if a != RENAMED[0]]
    if short:
        kinds += ["alias", "alias"]
    kind = kinds[int(rng.integers(len(kinds)))]
    if kind == "case":
        return name.upper() if rng.random() < 0.4 else name.lower()
    if kind == "spaces":
        words = name.split(" ")
        if len(words) > 1 and rng.random() < 0.7:
            k = int(rng.integers(1, len(words)))
            return " ".join(words[:k]) + "  " + " ".join(words[k:])
        return name + " "
    if kind == "legal_form":
        form = next(f for f in LEGAL_FORMS if name.endswith(f))
        return name[: -len(form)]
    if kind == "sharp_s":
        return name.replace("ß", "ss")
    if kind == "umlaut":
        return "".join(_UMLAUTS.get(ch, ch) for ch in name)
    return short[int(rng.integers(len(short)))]


def survey_rows(
    rng: np.random.Generator,
    actors: pd.DataFrame,
    affiliations: pd.DataFrame,
    ties: np.ndarray,
    respondents: np.ndarray,
    wave: int,
) -> pd.DataFrame:
    """Long-form roster survey of one wave: one row per (respondent, partner, relation)."""
    n = len(actors)
    member = members_of(actors, wave)
    sectors = actors["sector"].to_numpy()
    tags = actors["tags"]
    funder = tags.str.contains("funder").to_numpy()
    foundation = sectors == "Foundations"
    influence_by_sector = {
        "Municipality": 2.9, "Schools": 2.1, "Foundations": 2.8, "Business": 2.3,
        "Higher education": 2.5, "Civil society": 2.0, "Health": 2.3,
    }
    influence = np.array([influence_by_sector[s] for s in sectors])
    influence = influence + np.where(tags.str.contains("broker").to_numpy(), 0.5, 0.0)
    influence = influence + 1.2 * actors["backbone"].to_numpy()
    projects = affiliations[(affiliations["wave"] == wave) & (affiliations["type"] == "project")]
    pos = {a: i for i, a in enumerate(actors["actor"])}
    co_project = np.zeros((n, n), dtype=bool)
    for _, group in projects.groupby("affiliation", sort=True):
        idx = np.array([pos[a] for a in group["actor"]])
        co_project[np.ix_(idx, idx)] = True
    trust_latent = rng.normal(0.0, 0.45, (n, n))
    trust_latent = np.triu(trust_latent, 1) + np.triu(trust_latent, 1).T

    # relations of each pair this wave (shared by both sides)
    upper_pairs = [(i, j) for i in range(n) for j in range(i + 1, n) if ties[i, j] > 0]
    pair_relations: dict[tuple[int, int], list[str]] = {}
    for i, j in upper_pairs:
        level = ties[i, j]
        rels = []
        if rng.random() < 0.93:
            rels.append("information sharing")
        joint_p = (0.0, 0.12, 0.5, 0.8)[level - 1]
        if co_project[i, j]:
            joint_p = min(joint_p + 0.4, 0.95)
        if rng.random() < joint_p:
            rels.append("joint programs")
        if funder[i] != funder[j]:
            fund_p = (0.05, 0.2, 0.35, 0.45)[level - 1]
            if foundation[i] or foundation[j]:
                fund_p *= 1.6
            if rng.random() < fund_p:
                rels.append("funding")
        if not rels:
            rels.append("information sharing")
        pair_relations[(i, j)] = rels

    # enclave ties are always reported (they carry the single points of failure)
    enclave = tags.str.startswith("enclave").to_numpy()
    hub = np.isin(actors["name"].to_numpy(), list(ENCLAVE_HUBS.values()))
    forced_pair = (enclave[:, None] & hub[None, :]) | (hub[:, None] & enclave[None, :])
    rows = []
    for i in np.flatnonzero(respondents):
        for j in np.flatnonzero(ties[i] > 0):
            level = int(ties[i, j])
            if not forced_pair[i, j] and rng.random() >= REPORT[level - 1]:
                continue
            seen = int(_clip_round(level + rng.choice([-1, 0, 0, 0, 0, 0, 1]), 1, 4))
            rels = pair_relations[(min(i, j), max(i, j))]
            named = [
                r for r in rels if rng.random() < (0.97 if r == "information sharing" else 0.9)
            ]
            named = named or rels[:1]
            tl = trust_latent[i, j]
            same = float(sectors[i] == sectors[j])
            gap = seen - 2.5
            items = {
                "intensity": seen,
                "frequency": _item(seen + 0.4 + rng.normal(0, 0.7), 5),
                "reliability": _item(2.5 + 0.45 * gap + tl + rng.normal(0, 0.45)),
                "mission_alignment": _item(2.6 + 0.3 * gap + 0.3 * same + tl
                                           + rng.normal(0, 0.45)),
                "openness": _item(2.5 + 0.35 * gap + tl + rng.normal(0, 0.5)),
                "power_influence": _item(influence[j] + rng.normal(0, 0.5)),
                "involvement": _item(seen + 0.2 + rng.normal(0, 0.55)),
                "resource_contribution": _item(1.8 + 1.0 * funder[j] + 0.3 * gap
                                               + rng.normal(0, 0.6)),
            }
            for rel in named:
                rows.append({"_r": i, "_p": j, "relation": rel, **items})
    frame = pd.DataFrame(rows)
    assert member[frame["_r"]].all() and member[frame["_p"]].all()
    return frame


def apply_names(
    rng: np.random.Generator, actors: pd.DataFrame, frame: pd.DataFrame, wave: int
) -> pd.DataFrame:
    """Turn actor positions into names as typed, with variants and deliberate cases."""
    frame = frame.copy()
    names = [wave_name(actors, i, wave) for i in range(len(actors))]
    frame["respondent"] = [names[i] for i in frame["_r"]]
    frame["partner"] = [names[j] for j in frame["_p"]]
    # typed variants of partner names: one decision per (respondent, partner) pair
    pairs = frame[["_r", "_p"]].drop_duplicates().sort_values(["_r", "_p"])
    pairs = pairs.to_numpy()
    picked = np.sort(rng.choice(len(pairs), size=round(VARIANT_SHARE * len(pairs)), replace=False))
    variant: dict[tuple[int, int], str] = {}
    for r, p in pairs[picked]:
        text = name_variant(rng, names[p], wave_aliases(actors, p, wave))
        if text is not None and text != names[p]:
            variant[(int(r), int(p))] = text
    for listed, typed in GUARANTEED_VARIANTS[wave]:
        p = names.index(listed)
        naming = sorted(int(r) for r in frame.loc[frame["_p"] == p, "_r"].unique()
                        if (r, p) not in variant)
        variant[(naming[int(rng.integers(len(naming)))], p)] = typed
    # wave 3: some respondents still use the old name of the renamed organisation
    if wave >= RENAME_WAVE:
        renamed = int(np.flatnonzero(actors["name"] == RENAMED[1])[0])
        naming = sorted(set(frame.loc[frame["_p"] == renamed, "_r"].tolist()))
        picked = rng.choice(naming, size=OLD_NAME_USES, replace=False)
        for k, r in enumerate(sorted(int(x) for x in picked)):
            variant[(r, renamed)] = RENAMED[0] if k < OLD_NAME_USES - 1 else "Jugendhilfe Nord"
    keys = list(zip(frame["_r"], frame["_p"]))
    frame["partner"] = [variant.get(k, name) for k, name in zip(keys, frame["partner"])]
    # one respondent per wave types its own name differently on every row
    counts = frame.groupby("_r").size()
    respondents = sorted(int(r) for r in counts.index[counts <= 10])
    who = respondents[int(rng.integers(len(respondents)))]
    own = name_variant(rng, names[who], [])
    if own is not None:
        frame.loc[frame["_r"] == who, "respondent"] = own
    return frame


def deliberate_rows(actors: pd.DataFrame, frame: pd.DataFrame, wave: int) -> pd.DataFrame:
    """Rows for the non-roster organisation and the self-nomination (wave 2)."""
    if wave != NON_ROSTER_WAVE:
        return frame
    index_of = {name: i for i, name in enumerate(actors["name"])}
    extra = []
    items = {"intensity": 2, "frequency": 3, "reliability": 3, "mission_alignment": 3,
             "openness": 3, "power_influence": 2, "involvement": 2, "resource_contribution": 2}
    for k, by in enumerate(NON_ROSTER_NAMED_BY):
        r = index_of[by]
        extra.append(dict(_r=r, _p=-1, relation="joint programs" if k == 0 else
                          "information sharing", respondent=frame.loc[frame["_r"] == r,
                          "respondent"].iat[0], partner=NON_ROSTER, **items))
    r = index_of[SELF_NOMINATION_BY]
    me = frame.loc[frame["_r"] == r, "respondent"].iat[0]
    extra.append(dict(_r=r, _p=r, relation="information sharing", respondent=me, partner=me,
                      **dict(items, intensity=4, frequency=5, reliability=4,
                             mission_alignment=4, openness=4, power_influence=3,
                             involvement=4, resource_contribution=3)))
    return pd.concat([frame, pd.DataFrame(extra)], ignore_index=True)


SURVEY_COLUMNS = [
    "respondent", "partner", "relation", "intensity", "frequency", "reliability",
    "mission_alignment", "openness", "power_influence", "involvement", "resource_contribution",
]


def _sorted_survey(frame: pd.DataFrame) -> pd.DataFrame:
    rel_rank = {r: k for k, r in enumerate(RELATIONS)}
    frame = frame.assign(
        _rel=frame["relation"].map(rel_rank), _pn=frame["partner"]
    ).sort_values(["_r", "_p", "_pn", "_rel"], kind="stable")
    return frame[SURVEY_COLUMNS].reset_index(drop=True)


def wide_export(actors: pd.DataFrame, frame: pd.DataFrame, wave: int) -> pd.DataFrame:
    """Survey-tool wide export: one row per respondent, Q5_<partner> = intensity."""
    member = np.flatnonzero(members_of(actors, wave))
    columns = [(j, f"Q5_{wave_name(actors, j, wave)}") for j in member]
    out = []
    for _, group in frame.groupby("_r", sort=True):
        row = {"Organisation": group["respondent"].iat[0]}
        info = group[group["relation"] == "information sharing"]
        values = dict(zip(info["_p"], info["intensity"]))
        for j, column in columns:
            row[column] = str(values[j]) if j in values else ""
        out.append(row)
    return pd.DataFrame(out)


def plan_matrix() -> pd.DataFrame:
    """Sector x sector 0/1 matrix of planned collaboration (symmetric, diagonal 1)."""
    mat = pd.DataFrame(np.eye(7, dtype=int), index=list(SECTORS), columns=list(SECTORS))
    for a, b in PLAN:
        mat.loc[a, b] = mat.loc[b, a] = 1
    mat.index.name = "sector"
    return mat.reset_index()


def _write(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def generate(seed: int = SEED) -> dict[str, pd.DataFrame]:
    """Build every table of the sample; returns ``{file name: frame}``."""
    rng = np.random.default_rng(seed)
    actors = build_actors(rng)
    affiliations = build_affiliations(rng, actors)
    ties = simulate_ties(rng, actors, affiliations)
    respondents = choose_respondents(rng, actors, ties)
    tables: dict[str, pd.DataFrame] = {}

    out = actors[["actor", "name", "aliases", "sector", "backbone", "district", "founded",
                  "wave_joined"]].copy()
    out["wave_left"] = [str(w) if w else "" for w in actors["wave_left"]]
    tables["actors.csv"] = out
    alias_rows = [
        (alias, actor)
        for actor, aliases in zip(actors["actor"], actors["aliases"])
        for alias in aliases.split("|") if alias
    ]
    tables["aliases.csv"] = pd.DataFrame(alias_rows, columns=["alias", "actor"])

    for wave in WAVES:
        member = np.flatnonzero(members_of(actors, wave))
        tables[f"members_wave{wave}.csv"] = pd.DataFrame({
            "actor": actors["actor"].to_numpy()[member],
            "name": [wave_name(actors, i, wave) for i in member],
            "aliases": ["|".join(wave_aliases(actors, i, wave)) for i in member],
            "sector": actors["sector"].to_numpy()[member],
            "backbone": actors["backbone"].to_numpy()[member],
            "responded": respondents[wave][member].astype(int),
        })
        rows = survey_rows(rng, actors, affiliations, ties[wave], respondents[wave], wave)
        rows = apply_names(rng, actors, rows, wave)
        rows = deliberate_rows(actors, rows, wave)
        tables[f"survey_wave{wave}.csv"] = _sorted_survey(rows)
        if wave == 1:
            tables["survey_wave1_wide.csv"] = wide_export(actors, rows, wave)

    tables["partnerships.csv"] = affiliations
    tables["plan.csv"] = plan_matrix()
    return dict(sorted(tables.items()))


def true_ties(seed: int = SEED) -> dict[int, pd.DataFrame]:
    """The simulated true relationships per wave (for checking the generator, not written)."""
    rng = np.random.default_rng(seed)
    actors = build_actors(rng)
    affiliations = build_affiliations(rng, actors)
    ties = simulate_ties(rng, actors, affiliations)
    ids = actors["actor"].to_numpy()
    out = {}
    for wave, level in ties.items():
        i, j = np.nonzero(np.triu(level, 1))
        out[wave] = pd.DataFrame({"source": ids[i], "target": ids[j], "intensity": level[i, j]})
    return out


def main(outdir: str | Path | None = None) -> list[Path]:
    """Write every CSV of the sample into `outdir` (default: this script's folder)."""
    outdir = Path(outdir) if outdir is not None else Path(__file__).resolve().parent
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for file_name, frame in generate().items():
        path = outdir / file_name
        _write(frame, path)
        written.append(path)
    return written


def _summary(outdir: Path) -> str:
    lines = []
    for wave in WAVES:
        members = pd.read_csv(outdir / f"members_wave{wave}.csv", dtype=str, keep_default_na=False)
        survey = pd.read_csv(outdir / f"survey_wave{wave}.csv", dtype=str, keep_default_na=False)
        exact = set(members["name"])
        k = int((members["responded"] == "1").sum())
        lines.append(
            f"wave {wave}: {len(members)} members, {k} respondents "
            f"({100 * k / len(members):.1f} %), {len(survey)} rows, "
            f"{(~survey['partner'].isin(exact)).sum()} partner names not verbatim, "
            f"{(~survey['respondent'].isin(exact)).sum()} respondent names not verbatim"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("outdir", nargs="?", default=None, help="output folder")
    args = parser.parse_args()
    paths = main(args.outdir)
    print(f"wrote {len(paths)} files to {paths[0].parent}")
    print(_summary(paths[0].parent))
