"""Generate a messy two-wave German partner survey, exported as real tools export it.

A fictional education alliance, "Bildungsnetz Wiesental", in a fictional rural
district: 48 member organisations in seven sectors and two regions (Nord,
Süd), coordinated by a backbone office. Everything is invented (CC0-1.0).

The data carry the structure a coordinator should learn from the report:

- a **sector gap**: Wirtschaft (business) and Gesundheit (health) share no tie;
- the **backbone as single point of failure**: in wave 1 the only ties
  between the north and the south run through the backbone office;
- in wave 2 two new ties first connect north and south directly
  (Volkshochschule Wiesental Nord - Gesundheitsamt Süd, Sparkasse Wiesental -
  Gymnasium Süd), three organisations join and two leave, and one is renamed
  (Jugendtreff Nord e.V. -> Jugendhaus Nordlicht e.V., declared in aliases.csv).

And the problems of real exports, each listed in ``planted.csv`` with the file,
its spreadsheet row and column:

- answers as German labels ("Kooperation", "wöchentlich", "ziemlich"), codes
  with labels ("3 - Koordination") and plain codes mixed in one column;
- PARTNER-style item headers (``trust_reliable`` ... ``value_resources``) and
  German headers (``Organisation``, ``Partner``, ``Intensität``, ``Häufigkeit``);
- Excel's German CSV (``;``, cp1252, CRLF, a quoted name with a comma in the
  first rows), a UTF-8-with-BOM survey-tool export, a workbook with a cover
  sheet before the data;
- an unknown answer label, an out-of-scale code, a partner not on the member
  list, a misspelled member, a member with an empty sector cell, a blank
  partner, a self-nomination, a conflicting duplicate, a zero-width space.

Usage: ``python generate.py [OUTDIR]`` (default: next to this script). The
script is deterministic (one seeded generator; sorted output).
"""

from __future__ import annotations

import argparse
import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20261207
BACKBONE = "W01"

# id, name, sector, region, joined wave (1/2), left after wave (None/1)
ORGS = [
    ("W01", "Bildungsnetz Wiesental (Geschäftsstelle)", "Zivilgesellschaft", "kreisweit", 1, None),
    ("W02", "Kreisverwaltung Wiesental – Schulamt", "Kommune", "kreisweit", 1, None),
    ("W03", "Gemeinde Nordheim – Jugendamt", "Kommune", "Nord", 1, None),
    ("W04", "Stadt Südfeld – Amt für Bildung", "Kommune", "Süd", 1, None),
    ("W05", "Grundschule am Bach", "Schule", "Nord", 1, None),
    ("W06", "Grundschule Lindenweg", "Schule", "Nord", 1, None),
    ("W07", "Förderschule Lindenweg", "Schule", "Nord", 1, None),
    ("W08", "Gesamtschule Nordheim", "Schule", "Nord", 1, None),
    ("W09", "Gymnasium Süd", "Schule", "Süd", 1, None),
    ("W10", "Realschule Südfeld", "Schule", "Süd", 1, None),
    ("W11", "Grundschule Am Markt Südfeld", "Schule", "Süd", 1, None),
    ("W12", "Berufskolleg Wiesental", "Schule", "Süd", 1, None),
    ("W13", "Bürgerstiftung Nordheim", "Stiftung", "Nord", 1, None),
    ("W14", "Stiftung Lesezeit", "Stiftung", "Süd", 1, None),
    ("W15", "Familie-Brandt-Stiftung", "Stiftung", "Nord", 1, 1),
    ("W16", "Müller, Schmidt & Partner GmbH", "Wirtschaft", "Nord", 1, None),
    ("W17", "Sparkasse Wiesental", "Wirtschaft", "Nord", 1, None),
    ("W18", "Handwerkskammer Wiesental", "Wirtschaft", "Süd", 1, None),
    ("W19", "Bäckerei Krüger GmbH & Co. KG", "Wirtschaft", "Süd", 1, None),
    ("W20", "Autohaus Weiß", "Wirtschaft", "Nord", 1, None),
    ("W21", "Hochschule Wiesental", "Hochschule", "Süd", 1, None),
    ("W22", "Pädagogische Hochschule Nordheim", "Hochschule", "Nord", 1, None),
    ("W23", "Diakonie Nord", "Zivilgesellschaft", "Nord", 1, None),
    ("W24", "Caritas Südfeld", "Zivilgesellschaft", "Süd", 1, None),
    ("W25", "Jugendtreff Nord e.V.", "Zivilgesellschaft", "Nord", 1, None),
    ("W26", "Lesepaten Südfeld e.V.", "Zivilgesellschaft", "Süd", 1, None),
    ("W27", "Türkischer Elternverein Wiesental e.V.", "Zivilgesellschaft", "Süd", 1, None),
    ("W28", "Sportverein Nordheim 1921 e.V.", "Zivilgesellschaft", "Nord", 1, None),
    ("W29", "Volkshochschule Wiesental Nord", "Zivilgesellschaft", "Nord", 1, None),
    ("W30", "Gesundheitsamt Süd", "Gesundheit", "Süd", 1, None),
    ("W31", "Kinderarztpraxis Dr. Özdemir", "Gesundheit", "Süd", 1, None),
    ("W32", "Klinikum Wiesental gGmbH", "Gesundheit", "Süd", 1, None),
    ("W33", "Suchtberatung Nordheim", "Gesundheit", "Nord", 1, None),
    ("W34", "Frühförderstelle Süd", "Gesundheit", "Süd", 1, 1),
    ("W35", "Stadtbibliothek Südfeld", "Kommune", "Süd", 1, None),
    ("W36", "Kita Regenbogen Nordheim", "Schule", "Nord", 1, None),
    ("W37", "Kita Kunterbunt Südfeld", "Schule", "Süd", 1, None),
    ("W38", "Musikschule Wiesental", "", "Süd", 1, None),  # empty sector cell
    ("W39", "Elternrat Nordheim", "Zivilgesellschaft", "Nord", 1, None),
    ("W40", "Jobcenter Wiesental", "Kommune", "Süd", 1, None),
    ("W41", "Agentur für Arbeit Südfeld", "Kommune", "Süd", 1, None),
    ("W42", "Mehrgenerationenhaus Nordheim", "Zivilgesellschaft", "Nord", 1, None),
    ("W43", "IHK Wiesental", "Wirtschaft", "Süd", 1, None),
    ("W44", "Landfrauenverein Nord", "Zivilgesellschaft", "Nord", 1, None),
    ("W45", "Grundschule Waldrand", "Schule", "Süd", 1, None),
    ("W46", "Schulpsychologische Beratung Wiesental", "Gesundheit", "Süd", 2, None),
    ("W47", "Stiftung Zukunft Nord", "Stiftung", "Nord", 2, None),
    ("W48", "Medienzentrum Wiesental", "Kommune", "Nord", 2, None),
]
RENAMED = {"W25": "Jugendhaus Nordlicht e.V."}  # the name from wave 2 on
NEW_BRIDGES = [("W29", "W30"), ("W17", "W09")]   # north-south ties formed in wave 2
NOT_ON_LIST = "Kita Sonnenschein"                 # named by respondents, not a member

INTENSITY = {1: "Kenntnis", 2: "Kooperation", 3: "Koordination", 4: "Integration"}
FREQUENCY = {1: "jährlich", 2: "quartalsweise", 3: "monatlich", 4: "wöchentlich", 5: "täglich"}
AMOUNT = {1: "gar nicht", 2: "etwas", 3: "ziemlich", 4: "sehr"}
ITEMS = ["trust_reliable", "trust_mission", "trust_open",
         "value_power", "value_involvement", "value_resources"]
HEADER = ["Organisation", "Partner", "Intensität", "Häufigkeit", *ITEMS]


def members(wave: int) -> list[tuple]:
    return [o for o in ORGS if o[4] <= wave and (o[5] is None or o[5] >= wave)]


def name(actor: str, wave: int) -> str:
    if wave >= 2 and actor in RENAMED:
        return RENAMED[actor]
    return next(o[1] for o in ORGS if o[0] == actor)


def true_ties(
    wave: int, rng: np.random.Generator, before: list[tuple[str, str, int]] | None = None
) -> list[tuple[str, str, int]]:
    """Undirected true ties (i < j) with intensity 1-4; about 75 % of the ties of the
    wave `before` persist (collaborations last), the rest form anew."""
    orgs = members(wave)
    kept = {(a, b): s for a, b, s in (before or []) if rng.random() < 0.75}
    ties = []
    for a in range(len(orgs)):
        for b in range(a + 1, len(orgs)):
            i, j = orgs[a], orgs[b]
            if {i[2], j[2]} == {"Wirtschaft", "Gesundheit"}:
                continue  # the sector gap
            if BACKBONE in (i[0], j[0]):
                p = 0.55
            elif "kreisweit" in (i[3], j[3]):
                p = 0.18
            elif i[3] != j[3]:
                p = 0.0  # north and south meet only through the backbone ...
            else:
                p = 0.30 if i[2] == j[2] else 0.16
            bridge = wave >= 2 and {i[0], j[0]} in [set(t) for t in NEW_BRIDGES]
            if (i[0], j[0]) in kept and p > 0:
                ties.append((i[0], j[0], kept[(i[0], j[0])]))
            elif bridge or rng.random() < (p if before is None else 0.3 * p):
                ties.append((i[0], j[0], int(rng.integers(1, 5))))  # bridges: from wave 2
    return ties


def respondents(wave: int, rng: np.random.Generator) -> set[str]:
    ids = [o[0] for o in members(wave)]
    answered = {a for a in ids if rng.random() < 0.82}
    answered |= {BACKBONE, "W05", "W23"}  # they answer (and must never look isolated)
    return answered


def survey_rows(
    wave: int, rng: np.random.Generator, ties: list[tuple[str, str, int]]
) -> tuple[list[list], set[str]]:
    answered = respondents(wave, rng)
    rows = []
    for a, b, strength in ties:
        for src, dst in ((a, b), (b, a)):
            # collaboration surveys have low reciprocity: each side names the
            # tie with a probability of about 0.6
            if src in answered and rng.random() < 0.6:
                rows.append((src, dst, strength))
    out = []
    for src, dst, strength in sorted(rows):
        perceived = int(np.clip(strength + rng.integers(-1, 2), 1, 4))
        freq = int(np.clip(perceived + rng.integers(0, 2), 1, 5))
        items = [int(np.clip(perceived + rng.integers(-1, 2), 1, 4)) for _ in ITEMS]
        out.append([name(src, wave), name(dst, wave), perceived, freq, *items])
    return out, answered


def as_labels(rows: list[list], rng: np.random.Generator) -> list[list]:
    """Answers as a survey tool exports them: mostly labels, some codes, some both."""
    out = []
    for row in rows:
        r = list(row)
        style = rng.random()
        r[2] = (INTENSITY[r[2]] if style < 0.7 else
                f"{r[2]} - {INTENSITY[r[2]]}" if style < 0.85 else str(r[2]))
        r[3] = FREQUENCY[r[3]] if rng.random() < 0.9 else str(r[3])
        for k in range(4, 4 + len(ITEMS)):
            r[k] = AMOUNT[r[k]] if rng.random() < 0.75 else str(r[k])
        out.append(r)
    return out


def plant(rows: list[list], wave: int, file: str) -> tuple[list[list], list[dict]]:
    """Add the data-quality problems; return rows and the planted list (1-based sheet rows)."""
    planted = []
    rows = [list(r) for r in rows]

    def at(index: int, column: str, kind: str, value: str) -> None:
        planted.append({"file": file, "row": index + 2, "column": column, "kind": kind,
                        "value": value})

    # an unknown answer label in two cells of Häufigkeit
    for k in (3, 17):
        rows[k][3] = "ab und zu"
        at(k, "Häufigkeit", "unknown_label", "ab und zu")
    # an out-of-scale code
    rows[8][2] = "7"
    at(8, "Intensität", "out_of_scale", "7")
    # a partner not on the member list, named twice
    for k, who in ((5, "W05"), (20, "W23")):
        rows.insert(k, [name(who, wave), NOT_ON_LIST, "Kooperation", "monatlich",
                        "ziemlich", "sehr", "ziemlich", "etwas", "etwas", "etwas"])
        planted.append({"file": file, "row": k + 2, "column": "Partner",
                        "kind": "not_on_member_list", "value": NOT_ON_LIST})
    # a misspelled member (a close name: suggested, not merged)
    k = 12
    words = rows[k][1].split(" ")
    w = max(range(len(words)), key=lambda i: len(words[i]))
    words[w] = words[w][:2] + words[w][3] + words[w][2] + words[w][4:]  # two letters swapped
    rows[k][1] = " ".join(words)
    at(k, "Partner", "misspelled", rows[k][1])
    # a zero-width space inside a name (matches after normalisation)
    k = 14
    rows[k][1] = rows[k][1][:4] + "\u200b" + rows[k][1][4:]
    # a blank partner
    rows.insert(25, [rows[24][0], "", "Kooperation", "monatlich", *(["etwas"] * 6)])
    at(25, "Partner", "blank_partner", "")
    # a self-nomination
    rows.insert(30, [rows[30][0], rows[30][0], "Integration", "täglich", *(["sehr"] * 6)])
    at(30, "Partner", "self_nomination", rows[30][0])
    # a conflicting duplicate of the row before
    dup = list(rows[40])
    dup[2] = "Kenntnis" if dup[2] != "Kenntnis" else "Integration"
    rows.insert(41, dup)
    at(41, "", "conflicting_duplicate", dup[1])
    # the planted rows shift as rows are inserted: recompute from the final table
    return rows, _locate(rows, planted)


def _locate(rows: list[list], planted: list[dict]) -> list[dict]:
    out = []
    for p in planted:
        column = HEADER.index(p["column"]) if p["column"] in HEADER else 1
        hits = [i + 2 for i, r in enumerate(rows)
                if str(r[column]) == p["value"] and (p["kind"] != "conflicting_duplicate")]
        if p["kind"] == "conflicting_duplicate":
            hits = [p["row"]]
        elif p["kind"] == "blank_partner":
            hits = [i + 2 for i, r in enumerate(rows) if r[1] == ""]
        elif p["kind"] == "self_nomination":
            hits = [i + 2 for i, r in enumerate(rows) if r[0] == r[1]]
        for row in sorted(set(hits)):
            out.append({**p, "row": row})
    return pd.DataFrame(out).drop_duplicates().to_dict("records")


def excel_csv(frame: pd.DataFrame, path: Path, *, quote_text: bool = False) -> None:
    """A spreadsheet's CSV in a German locale: ';', cp1252, CRLF; `quote_text` quotes
    every text cell (LibreOffice's "quote all text cells")."""
    buffer = io.StringIO()
    quoting = csv.QUOTE_NONNUMERIC if quote_text else csv.QUOTE_MINIMAL
    frame.to_csv(buffer, sep=";", index=False, lineterminator="\r\n", quoting=quoting)
    # (cp1252 has no zero-width space: Excel drops what it cannot encode)
    path.write_bytes(buffer.getvalue().replace("\u200b", "").encode("cp1252"))


def member_list(wave: int, answered: set[str]) -> pd.DataFrame:
    rows = []
    for actor, org, sector, region, _, _ in members(wave):
        rows.append({"Nr.": actor, "Organisation": name(actor, wave), "Sektor": sector,
                     "Region": region, "Backbone": "ja" if actor == BACKBONE else "",
                     "Teilgenommen": "ja" if actor in answered else "nein"})
    frame = pd.DataFrame(rows)
    # the name with a comma first, as a coordinator's list often starts with it
    first = frame["Nr."] == "W16"
    return pd.concat([frame[first], frame[~first]], ignore_index=True)


def main(out: Path) -> None:
    rng = np.random.default_rng(SEED)
    out.mkdir(parents=True, exist_ok=True)
    planted: list[dict] = []
    ties = None
    for wave in (1, 2):
        ties = true_ties(wave, rng, ties)
        rows, answered = survey_rows(wave, rng, ties)
        rows = as_labels(rows, rng)
        survey_file = "befragung_welle1.csv" if wave == 1 else "befragung_welle2.xlsx"
        rows, found = plant(rows, wave, survey_file)
        planted += found
        frame = pd.DataFrame(rows, columns=HEADER)
        if wave == 1:  # a survey tool's export: UTF-8 with BOM, commas
            frame.to_csv(out / survey_file, index=False, encoding="utf-8-sig")
        else:  # Excel: a cover sheet, then the answers
            with pd.ExcelWriter(out / survey_file) as book:
                pd.DataFrame({"Hinweise": ["Partnerbefragung 2025, Export vom 03.11.2025",
                                           "Bitte Blatt 'Antworten' verwenden."]}).to_excel(
                    book, sheet_name="Hinweise", index=False)
                frame.to_excel(book, sheet_name="Antworten", index=False)
            # and the same answers as Excel's German CSV
            excel_csv(frame, out / "befragung_welle2.csv")
            planted += [{**p, "file": "befragung_welle2.csv"} for p in found]
        roster = member_list(wave, answered)
        excel_csv(roster, out / f"mitglieder_welle{wave}.csv", quote_text=True)
        if wave == 1:
            empty = roster.index[roster["Sektor"] == ""]
            planted += [{"file": "mitglieder_welle1.csv", "row": int(i) + 2, "column": "Sektor",
                         "kind": "empty_sector", "value": roster.at[i, "Organisation"]}
                        for i in empty]
    pd.DataFrame({"alias": ["Jugendtreff Nord e.V."], "actor": ["W25"]}).to_csv(
        out / "aliases.csv", index=False)
    pd.DataFrame(planted).to_csv(out / "planted.csv", index=False)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=Path(__file__).parent, type=Path)
    main(parser.parse_args().out)
