"""Column roles: which column of a table is the respondent, the partner, the sector, ...

sysmap reads every table by *role* (``respondent``, ``partner``, ``intensity``,
``sector``, ...). Each role has a documented list of column names it is
recognised by, English and German, including the PARTNER tool's item names
(:data:`COLUMN_NAMES`). Names match after folding (:func:`fold`): case,
spaces, hyphens, underscores and other punctuation are ignored, umlauts match
either spelling ("Intensität" = "Intensitaet" = "Intensitat", "ß" = "ss"), and
a trailing note in brackets is dropped ("Intensität (1-4)"). Your own names
come first: ``columns={"partner": "Kooperationspartner"}`` in Python,
``--columns partner=Kooperationspartner`` on the command line.

:func:`find_columns` matches the roles of one reader against a table's header,
reports a missing required column with the columns it found and how to map
them, reports two columns that both fit a role (or a header written twice) as
an error naming both, and notes which columns were recognised as what and
which were not used.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence

import pandas as pd

from ..exceptions import ParameterError
from ..i18n import Msg
from .report import IngestReport
from .tables import ROW

__all__ = [
    "COLUMN_NAMES",
    "ROLE_GROUPS",
    "column_letter",
    "find_columns",
    "fold",
    "has_roles",
    "match_roles",
    "names_match",
    "note_columns",
    "parse_columns",
    "report_missing",
    "wanted_columns",
]

#: The column names each role is recognised by, in order of preference (the
#: first is sysmap's own name). Matching ignores case, spaces, hyphens,
#: underscores, punctuation and the spelling of umlauts (see :func:`fold`).
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    # -- roster survey --------------------------------------------------------
    "respondent": (
        "respondent", "respondent organization", "respondent organisation", "organization",
        "organisation", "org", "ego", "reporting organization", "your organization",
        "befragte organisation", "befragte einrichtung", "befragte", "antwortende organisation",
        "ihre organisation", "meine organisation", "einrichtung",
    ),
    "partner": (
        "partner", "partner organization", "partner organisation", "partner name",
        "named partner", "alter", "partnerorganisation", "partnereinrichtung",
        "kooperationspartner", "netzwerkpartner", "genannte organisation", "genannter partner",
    ),
    "relation": (
        "relation", "relationship", "relation type", "relationship type", "tie type",
        "type of relationship", "beziehung", "beziehungsart", "art der beziehung",
        "art der zusammenarbeit", "kooperationsart",
    ),
    "intensity": (
        "intensity", "level of collaboration", "collaboration level", "relationship intensity",
        "intensity of collaboration", "level of relationship", "intensität",
        "intensität der zusammenarbeit", "kooperationsintensität", "stufe der zusammenarbeit",
    ),
    "frequency": (
        "frequency", "contact frequency", "frequency of contact", "frequency of interaction",
        "how often", "häufigkeit", "kontakthäufigkeit", "häufigkeit der zusammenarbeit",
        "häufigkeit des kontakts", "wie oft",
    ),
    # PARTNER trust items (Varda et al. 2008)
    "reliability": (
        "reliability", "trust_reliable", "trust reliability", "reliable", "zuverlässigkeit",
        "zuverlässig", "vertrauen zuverlässigkeit", "vertrauen zuverlässig",
    ),
    "mission_alignment": (
        "mission_alignment", "trust_mission", "trust mission alignment", "mission alignment",
        "mission", "shared mission", "in support of mission", "gemeinsame mission",
        "gemeinsame ziele", "zielübereinstimmung", "übereinstimmung der ziele",
        "vertrauen mission", "vertrauen ziele",
    ),
    "openness": (
        "openness", "trust_open", "trust openness", "open to discussion", "open", "offenheit",
        "offen", "gesprächsbereitschaft", "vertrauen offenheit", "vertrauen offen",
    ),
    # PARTNER value items
    "power_influence": (
        "power_influence", "value_power", "value power influence", "value influence",
        "power influence", "power", "influence", "macht einfluss", "einfluss", "macht",
        "wert einfluss", "wert macht",
    ),
    "involvement": (
        "involvement", "value_involvement", "level of involvement", "engagement", "beteiligung",
        "wert engagement", "wert beteiligung",
    ),
    "resource_contribution": (
        "resource_contribution", "value_resources", "value resource contribution",
        "value resource", "resource contribution", "resources", "contributing resources",
        "ressourcenbeitrag", "ressourcen", "beitrag an ressourcen", "wert ressourcen",
    ),
    "weight": ("weight", "tie strength", "strength", "gewicht", "stärke"),
    # -- member list ------------------------------------------------------------
    "actor": (
        "actor", "id", "actor id", "org id", "organization id", "organisation id", "akteur",
        "akteur id", "nr", "nummer", "kennung", "kennziffer",
    ),
    "name": (
        "name", "label", "organization", "organisation", "organization name",
        "organisation name", "org name", "organisationsname", "name der organisation",
        "einrichtung", "institution", "bezeichnung", "akteursname",
    ),
    "aliases": (
        "aliases", "alias", "other names", "also known as", "aka", "acronym", "abbreviation",
        "aliasnamen", "weitere namen", "andere namen", "kurzname", "abkürzung",
    ),
    "sector": (
        "sector", "organization type", "organisation type", "type of organization",
        "sektor", "bereich", "branche", "handlungsfeld", "organisationstyp",
        "art der organisation",
    ),
    "responded": (
        "responded", "response", "answered", "participated", "survey completed", "teilgenommen",
        "geantwortet", "beantwortet", "rücklauf", "teilnahme",
    ),
    # -- edge lists and partnership records -----------------------------------
    "source": ("source", "from", "sender", "von", "quelle"),
    "target": ("target", "to", "receiver", "an", "nach", "ziel"),
    "affiliation": (
        "affiliation", "project", "committee", "grant", "event", "projekt", "gremium",
        "arbeitskreis", "förderung", "veranstaltung", "zugehörigkeit",
    ),
}

#: The roles each kind of table is read by (the command line passes one
#: ``--columns`` mapping to every reader; each takes its own roles).
ROLE_GROUPS: dict[str, tuple[str, ...]] = {
    "survey": (
        "respondent", "partner", "relation", "intensity", "frequency", "reliability",
        "mission_alignment", "openness", "power_influence", "involvement",
        "resource_contribution", "weight",
    ),
    "members": ("actor", "name", "aliases", "sector", "responded"),
    "edgelist": ("source", "target", "relation", "weight"),
    "affiliations": ("actor", "affiliation"),
}

_BRACKET_NOTE = re.compile(r"^(.*\S)\s*[\(\[][^\)\]]*[\)\]]\s*$")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NOT_WORD = re.compile(r"[\W_]+")
_MANGLED = re.compile(r"^(?P<base>.+)\.(?P<n>\d+)$")


def fold(name: object) -> str:
    """The form names are compared in: lower case, letters and digits only,
    umlauts written out (``ä`` -> ``ae``), a trailing bracketed note dropped.

    Examples
    --------
    >>> fold("Intensität (1-4)"), fold("trust_reliable"), fold(" Nr. ")
    ('intensitaet', 'trustreliable', 'nr')
    """
    text = unicodedata.normalize("NFKC", str(name)).strip().casefold()
    note = _BRACKET_NOTE.match(text)
    if note:
        text = note.group(1)
    return _NOT_WORD.sub("", text.translate(_UMLAUTS))


def _keys(name: object) -> set[str]:
    """Folded forms of `name`: umlauts written out, and umlauts and accents dropped."""
    text = fold(name)
    plain = unicodedata.normalize("NFKD", str(name)).strip().casefold().replace("ß", "ss")
    note = _BRACKET_NOTE.match(plain)
    plain = note.group(1) if note else plain
    plain = _NOT_WORD.sub("", "".join(c for c in plain if not unicodedata.combining(c)))
    return {k for k in (text, plain) if k}


def names_match(a: object, b: object) -> bool:
    """Whether two column names are the same after folding (:func:`fold`).

    Examples
    --------
    >>> names_match("Intensitaet", "Intensität"), names_match("Intensitat", "intensität")
    (True, True)
    >>> names_match("value-power", "Value_Power"), names_match("power", "value_power")
    (True, False)
    """
    return bool(_keys(a) & _keys(b))


def wanted_columns(
    roles: Iterable[str],
    columns: Mapping[str, str] | None = None,
    *,
    extra: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, tuple[str, ...]]:
    """The names to look for per role: the user's name alone, else :data:`COLUMN_NAMES`.

    Parameters
    ----------
    roles : iterable of str
        The roles of the reader, in the order they claim columns.
    columns : mapping of str to str, optional
        The user's ``columns=`` (role -> header). Roles of other tables are
        ignored (the command line passes one mapping to every reader).
    extra : mapping, optional
        Names for roles outside :data:`COLUMN_NAMES` (a custom survey item is
        looked for under its own name), or extra names appended to a role's.
    """
    given = dict(columns or {})
    out: dict[str, tuple[str, ...]] = {}
    for role in roles:
        if role in given:
            out[role] = (str(given[role]),)
        else:
            names = COLUMN_NAMES.get(role, (role,))
            out[role] = tuple(dict.fromkeys([*names, *(extra or {}).get(role, ())]))
    return out


def check_roles(columns: Mapping[str, str] | None, roles: Iterable[str]) -> None:
    """Raise :class:`ParameterError` for a role in `columns` that sysmap does not know.

    Roles of other tables (``sector`` given to a survey reader) are allowed:
    the command line passes one ``--columns`` mapping to every reader.
    """
    known = set(COLUMN_NAMES) | set(roles)
    unknown = sorted(set(columns or {}) - known)
    if unknown:
        shown = ", ".join(sorted(known))
        raise ParameterError(Msg("problems", "unknown_role", roles=", ".join(unknown), known=shown))


def parse_columns(text: str | None) -> dict[str, str]:
    """A ``--columns`` value as a mapping: ``"partner=Partner,intensity=Stufe"``.

    Pairs are separated by commas (or semicolons), role and column by ``=``;
    spaces around them are ignored. A column name with a comma cannot be given
    this way: use ``columns=`` in Python.

    Raises
    ------
    ParameterError
        For a pair without ``=``, an empty role or column, or a role named twice
        (the message is a :class:`~sysmap.i18n.Msg`, English and German).

    Examples
    --------
    >>> parse_columns("respondent=Organisation, partner = Partnerorganisation")
    {'respondent': 'Organisation', 'partner': 'Partnerorganisation'}
    """
    out: dict[str, str] = {}
    for part in re.split(r"[,;]", text or ""):
        if not part.strip():
            continue
        role, eq, column = part.partition("=")
        role, column = role.strip(), column.strip()
        if not eq or not role or not column or role in out:
            raise ParameterError(Msg("problems", "columns_option", value=part.strip()))
        out[role] = column
    return out


def column_letter(index: int) -> str:
    """The spreadsheet letter of the column at `index` (0 -> ``A``, 26 -> ``AA``).

    Examples
    --------
    >>> column_letter(0), column_letter(4), column_letter(27)
    ('A', 'E', 'AB')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def match_roles(
    header: Sequence[str], wanted: Mapping[str, str | Sequence[str]]
) -> dict[str, list[str]]:
    """For each role, the header cells that match its best-matching name.

    Roles claim columns in the order of `wanted`; a column matched by an
    earlier role is not offered to a later one. A role maps to more than one
    column only when several columns match the same name (an ambiguity the
    caller reports). No report is written: see :func:`find_columns`.

    Examples
    --------
    >>> match_roles(["Organisation", "Partner", "Intensität"],
    ...             wanted_columns(["respondent", "partner", "intensity"]))
    {'respondent': ['Organisation'], 'partner': ['Partner'], 'intensity': ['Intensität']}
    """
    cells = [str(c) for c in header if str(c) != ROW and str(c).strip()]
    keys = {c: _keys(c) for c in cells}
    taken: set[str] = set()
    out: dict[str, list[str]] = {}
    for role, names in wanted.items():
        for name in [names] if isinstance(names, str) else names:
            wanted_keys = _keys(name)
            hits = [c for c in cells if c == name or (c not in taken and keys[c] & wanted_keys)]
            if hits:
                out[role] = hits
                taken.update(hits)
                break
    return out


def has_roles(
    *roles: str, names: Mapping[str, Sequence[str]] | None = None
) -> Callable[[Sequence[str]], bool]:
    """A test whether a header has a column for every one of `roles` (any known name;
    `names` replaces the names of some roles).

    For :func:`~sysmap.io.tables.read_table`'s ``needed=`` (which sheet of a
    workbook, which separator) and for format detection.

    Examples
    --------
    >>> has_roles("respondent", "partner")(["Organisation", "Partner", "Häufigkeit"])
    True
    """
    wanted = {**wanted_columns(roles), **(names or {})}

    def needed(header: Sequence[str]) -> bool:
        return set(match_roles(header, wanted)) >= set(roles)

    return needed


def find_columns(
    frame: pd.DataFrame,
    wanted: Mapping[str, str | Sequence[str]],
    report: IngestReport,
    source: str,
    *,
    required: Sequence[str] = (),
    table: str | Msg = "table",
    note: str | None = None,
    header: Sequence[str] | None = None,
) -> dict[str, str]:
    """Match sysmap's column roles to the frame's columns, and report how.

    Parameters
    ----------
    frame : pandas.DataFrame
        Table as read by :func:`~sysmap.io.tables.read_table` (repeated
        header cells arrive as ``name``, ``name.1``).
    wanted : mapping
        Role -> column name, or names in order of preference (see
        :func:`wanted_columns`).
    report : IngestReport
        Receives the problems and, with `note`, the columns note.
    source : str
        File name for messages.
    required : sequence of str
        Roles that must be found; each missing one is an error naming the
        columns that were found and how to map them.
    table : str or Msg
        What the table is, for messages (``"survey"``, ``"members"``,
        ``"edgelist"``, ``"affiliations"``, ``"aliases"``, ``"scales"``).
    note : {"kept", "unused"}, optional
        Note the columns recognised (as what) and the other columns: kept as
        attributes (``"kept"``) or not used (``"unused"``).
    header : sequence of str, optional
        The header as written in the file, when the caller knows it (tells a
        repeated header cell from a column really called ``name.1``); else
        ``frame.attrs["header"]`` when present, else the ``.1`` pattern.

    Returns
    -------
    dict
        Role -> actual column, for the roles found. A role whose column is
        ambiguous (two columns fit, or its header is written twice) is an error
        and left out.
    """
    actual = [c for c in frame.columns if c != ROW]
    repeats = _repeated(actual, header if header is not None else frame.attrs.get("header"))
    matched = match_roles(actual, wanted)
    found: dict[str, str] = {}
    for role, hits in matched.items():
        column = hits[0]
        clash = hits[1:] + repeats.get(column, [])
        if clash:
            report.add(
                source,
                None,
                column,
                ", ".join([column, *clash]),
                "duplicate_column",
                role=_role(role),
                option=role,
                columns=[_at(actual, c, _unmangled(c, repeats)) for c in hits + clash],
            )
            continue
        found[role] = column
    used = set(found.values())
    for column, copies in repeats.items():
        if column not in used and column not in {c for h in matched.values() for c in h}:
            report.add(
                source,
                None,
                column,
                column,
                "duplicate_column",
                "duplicate_column_kept",
                severity="warning",
                action="kept",
                columns=[_at(actual, c, column) for c in [column, *copies]],
                kept=[f"'{c}'" for c in copies],
            )
    for role in required:
        if role not in matched:
            report_missing(frame, wanted, role, report, source, table=table)
    if note is not None and found:
        copies = {c for cs in repeats.values() for c in cs}
        rest = [c for c in actual if c not in used and c not in copies]
        note_columns(report, source, found, rest, kept=note == "kept")
    return found


def report_missing(
    frame: pd.DataFrame,
    wanted: Mapping[str, str | Sequence[str]],
    role: str,
    report: IngestReport,
    source: str,
    *,
    table: str | Msg = "table",
) -> None:
    """Report that no column of `frame` is the `role` (an error naming the columns
    found and how to map one)."""
    names = wanted[role]
    first = names if isinstance(names, str) else names[0]
    report.add(
        source,
        None,
        first,
        None,
        "schema",
        "missing_column",
        table=_table(table),
        column=first,
        found=", ".join(f"'{c}'" for c in frame.columns if c != ROW),
        role=role,
    )


def note_columns(
    report: IngestReport,
    source: str,
    found: Mapping[str, str | Sequence[str]],
    rest: Sequence[str],
    *,
    kept: bool,
) -> None:
    """Note the columns read as what, and the columns kept as attributes or not used.

    `found` maps a role to its column, or to several columns (a wide survey's
    question columns, shown as the first and a count).
    """
    parts = []
    for role, column in found.items():
        if isinstance(column, str):
            parts.append(Msg("notes", "column_as", column=column, role=_role(role)))
        else:
            parts.append(
                Msg("notes", "columns_as", column=column[0], n=len(column), role=_role(role))
            )
    report.note("columns_read", source=source, columns=parts)
    if rest:
        shown = [f"'{c}'" for c in rest[:20]] + (["…"] if len(rest) > 20 else [])
        report.note("columns_kept" if kept else "columns_unused", source=source, columns=shown)


def _role(role: str) -> Msg | str:
    """A role's name for a sentence (catalogued for sysmap's roles, else as given)."""
    if role in COLUMN_NAMES:
        return Msg("notes", f"role_{role}")
    return role


_TABLES = {
    "survey table": "survey",
    "member list": "members",
    "edge list": "edgelist",
    "affiliation table": "affiliations",
    "alias table": "aliases",
    "Kumu Elements sheet": "kumu_elements",
    "Kumu Connections sheet": "kumu_connections",
}
_TABLE_KEYS = (
    "survey", "members", "edgelist", "affiliations", "aliases", "scales", "kumu_elements",
    "kumu_connections",
)


def _table(table: str | Msg) -> Msg | str:
    if isinstance(table, Msg):
        return table
    key = _TABLES.get(table, table)
    return Msg("notes", f"table_{key}") if key in _TABLE_KEYS else table


def _repeated(actual: list[str], header: Sequence[str] | None) -> dict[str, list[str]]:
    """First column -> its repeats (``name.1``, ...) for header cells written twice."""
    out: dict[str, list[str]] = {}
    if header is not None:
        written = [str(c).strip() for c in header]
        counts = {c: written.count(c) for c in written if c}
        for column in actual:
            m = _MANGLED.match(column)
            if m and counts.get(m.group("base"), 0) > 1 and column not in written:
                out.setdefault(m.group("base"), []).append(column)
        return out
    present = set(actual)
    for column in actual:
        m = _MANGLED.match(column)
        if m and m.group("base") in present:
            out.setdefault(m.group("base"), []).append(column)
    return out


def _unmangled(column: str, repeats: Mapping[str, list[str]]) -> str:
    for base, copies in repeats.items():
        if column in copies:
            return base
    return column


def _at(actual: list[str], column: str, shown: str) -> Msg:
    """``'Partner' (column E)``: a column's name and its spreadsheet letter."""
    return Msg("notes", "column_at", column=shown, letter=column_letter(actual.index(column)))
