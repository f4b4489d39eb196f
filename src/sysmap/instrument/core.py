"""The partner-survey instrument: members, items, codes, and the description each file carries.

:func:`survey_instrument` builds an :class:`Instrument` from a member list
and an item set (:func:`~sysmap.instrument.items.item_set`) for one survey
tool and one language; :meth:`Instrument.save` writes the tool's file
(:mod:`~sysmap.instrument.limesurvey`, :mod:`~sysmap.instrument.xlsform`,
:mod:`~sysmap.instrument.excel`).

Every file carries a machine-readable **description** of itself
(:meth:`Instrument.describe`, a JSON object) so that the answers can be read
back without any label mapping; :func:`read_instrument` recovers the
instrument from any file sysmap wrote. The description holds:

``sysmap_instrument``
    the format version (:data:`FORMAT_VERSION`);
``tool``, ``lang``, ``title``
    the survey tool, the language and the survey's title;
``members``
    every member in the order shown: ``code`` (what the tool stores: the
    actor id when every id is a valid code, else ``P001``, ``P002`` ...),
    ``actor`` (the member list's id), ``name`` and ``sector``;
``other``
    the option "other organization (not on the list)" of the respondent
    question: its ``code`` and ``label``;
``items``
    the items in the order asked: ``name`` (the column the readers fill),
    ``label``, ``question``, ``help``, ``scale`` (a built-in answer scale or
    ``null``), ``multiple`` (several answers allowed: the relation types) and
    ``choices``, each with ``code`` (what the tool stores), ``value`` (what
    the readers write: a number, or the relation type) and ``label``;
``fields``
    where the tool stores each answer (question codes, sheet and column
    names), described in the tool's module.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .._attributes import is_missing
from ..exceptions import ParameterError, SchemaError
from ..i18n import Msg, check_lang, message
from ..io.members import read_actors
from ..io.model import MemberList
from .items import Choice, Item, item_set

__all__ = [
    "FORMAT_VERSION",
    "TOOLS",
    "Instrument",
    "Member",
    "read_instrument",
    "survey_instrument",
]

#: Version of the description format; :func:`read_instrument` reads this and older.
FORMAT_VERSION = 1
#: The survey tools sysmap writes instruments for, with their file extensions.
TOOLS: dict[str, tuple[str, ...]] = {
    "limesurvey": (".txt", ".tsv"),
    "xlsform": (".xlsx",),
    "excel": (".xlsx",),
}
#: First cell of the sheet that holds the description in a workbook.
DESCRIPTION_MARK = "sysmap instrument"
#: Characters of the description per workbook cell (a cell holds at most 32,767).
_CHUNK = 30_000
_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9]{0,19}$")


@dataclass(frozen=True)
class Member:
    """One organization of the member list, as the survey shows it.

    Attributes
    ----------
    code : str
        What the survey tool stores for it (letters and digits).
    actor : str
        Its id in the member list.
    name : str
        Its name, as shown.
    sector : str
        Its sector (empty when the member list gives none).
    """

    code: str
    actor: str
    name: str
    sector: str = ""


@dataclass(frozen=True)
class Instrument:
    """A roster survey built from a member list: the questions, the answers and their codes.

    Built by :func:`survey_instrument`; read back from a file with
    :func:`read_instrument`.

    Attributes
    ----------
    tool : {"limesurvey", "xlsform", "excel"}
        The survey tool the instrument is written for.
    lang : {"en", "de"}
        The language of questions and answers.
    title : str
        The survey's title.
    members : tuple of Member
        The members in the order shown: by sector, then by name.
    items : tuple of Item
        What is asked about each partner, in order.
    other : Choice
        The respondent's option "Other organization (not on the list)": its
        code in the tool (``-oth-`` in LimeSurvey, ``other`` elsewhere) and label.
    """

    tool: str
    lang: str
    title: str
    members: tuple[Member, ...]
    items: tuple[Item, ...]
    other: Choice = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        label = message("instrument", "other", self.lang)
        code = "-oth-" if self.tool == "limesurvey" else "other"
        object.__setattr__(self, "other", Choice(code, "other", label))

    # -- what the survey shows ---------------------------------------------------
    @property
    def sectors(self) -> tuple[str, ...]:
        """The sectors in the order shown (members without a sector last, as ``""``)."""
        return tuple(dict.fromkeys(m.sector for m in self.members))

    def sector_label(self, sector: str) -> str:
        """How a sector is shown (members without one: "Other members")."""
        return sector or message("instrument", "no_sector", self.lang)

    def text(self, key: str, **fields: object) -> str:
        """A text of the ``instrument`` catalogue in the instrument's language."""
        return message("instrument", key, self.lang, **fields)

    def items_table(self) -> pd.DataFrame:
        """Every answer of every item: ``item``, ``question``, ``code``, ``value``, ``label``.

        Examples
        --------
        >>> members = pd.DataFrame({"name": ["Stadt Rheinstadt", "Tafel e.V."]})
        >>> table = survey_instrument(members, items=["intensity"]).items_table()
        >>> table[["item", "code", "value", "label"]].head(2)
                item code  value        label
        0  intensity    1    1.0    Awareness
        1  intensity    2    2.0  Cooperation
        """
        rows = [
            {
                "item": item.name,
                "question": item.question,
                "code": c.code,
                "value": c.value,
                "label": c.label,
            }
            for item in self.items
            for c in item.choices
        ]
        return pd.DataFrame(rows, columns=["item", "question", "code", "value", "label"])

    # -- the description ---------------------------------------------------------
    def describe(self) -> dict:
        """The machine-readable description every file of this instrument carries.

        Returns
        -------
        dict
            JSON-ready; see the module description for its keys.
        """
        return {
            "sysmap_instrument": FORMAT_VERSION,
            "tool": self.tool,
            "lang": self.lang,
            "title": self.title,
            "members": [
                {"code": m.code, "actor": m.actor, "name": m.name, "sector": m.sector}
                for m in self.members
            ],
            "other": {"code": self.other.code, "label": self.other.label},
            "items": [
                {
                    "name": item.name,
                    "label": item.label,
                    "question": item.question,
                    "help": item.help,
                    "scale": item.scale,
                    "multiple": item.multiple,
                    "choices": [
                        {"code": c.code, "value": c.value, "label": c.label} for c in item.choices
                    ],
                }
                for item in self.items
            ],
            "fields": _writer(self.tool).fields(self),
        }

    def description_json(self) -> str:
        """:meth:`describe` as compact JSON text (non-ASCII characters kept)."""
        return json.dumps(self.describe(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_description(cls, description: Mapping) -> Instrument:
        """The instrument a description (:meth:`describe`) was made from."""
        items = tuple(
            Item(
                d["name"],
                d["label"],
                d["question"],
                d["help"],
                tuple(Choice(c["code"], c["value"], c["label"]) for c in d["choices"]),
                d["scale"],
            )
            for d in description["items"]
        )
        members = tuple(
            Member(m["code"], m["actor"], m["name"], m["sector"]) for m in description["members"]
        )
        return cls(description["tool"], description["lang"], description["title"], members, items)

    # -- writing -----------------------------------------------------------------
    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the instrument as the tool's file.

        Parameters
        ----------
        path : path
            The file to write: ``.txt`` for LimeSurvey, ``.xlsx`` for XLSForm
            and the Excel workbook. It is replaced only once completely written.

        Returns
        -------
        Path

        Raises
        ------
        ParameterError
            If the extension does not fit the tool.
        """
        path = Path(path)
        if path.suffix.lower() not in TOOLS[self.tool]:
            raise ParameterError(
                Msg(
                    "cli",
                    "output_suffix",
                    option="path",
                    path=str(path),
                    suffixes=list(TOOLS[self.tool]),
                )
            )
        return _writer(self.tool).write(self, path)


def survey_instrument(
    members: MemberList | str | os.PathLike[str] | pd.DataFrame,
    *,
    items: str | os.PathLike[str] | pd.DataFrame | Sequence | None = None,
    tool: str = "excel",
    lang: str = "en",
    title: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> Instrument:
    """Build the roster-survey instrument for a member list.

    The respondent names its organization (from the list; "other" is
    allowed and marked), picks its partners from the list (grouped by
    sector) and answers the items about each partner picked.

    Parameters
    ----------
    members : MemberList, path or pandas.DataFrame
        The member list (see :func:`~sysmap.read_actors`).
    items : path, pandas.DataFrame or sequence, optional
        The item set (see :func:`~sysmap.instrument.items.item_set`); default:
        PARTNER's intensity, frequency, trust and value items and the types
        of collaboration.
    tool : {"excel", "limesurvey", "xlsform"}, default="excel"
        The survey tool: a fillable Excel workbook, LimeSurvey's survey
        structure (tab-separated ``.txt``), or an XLSForm for
        KoboToolbox/ODK.
    lang : {"en", "de"}, default="en"
        The language of the questions and answers.
    title : str, optional
        The survey's title (default: "Partner survey" / "Partnerbefragung").
    columns : mapping, optional
        Your column names of the member list (``{"name": "Einrichtung"}``).

    Returns
    -------
    Instrument
        ``.save(path)`` writes the file; ``.describe()`` the codes.

    Examples
    --------
    >>> members = pd.DataFrame({"actor": ["A1", "A2"], "name": ["Stadt", "Tafel e.V."],
    ...                         "sector": ["City", "Civil society"]})
    >>> survey = survey_instrument(members, tool="xlsform", lang="de")
    >>> [(m.code, m.name, m.sector) for m in survey.members]
    [('A1', 'Stadt', 'City'), ('A2', 'Tafel e.V.', 'Civil society')]
    >>> [item.name for item in survey.items][:2], survey.title
    (['intensity', 'frequency'], 'Partnerbefragung')
    """
    lang = check_lang(lang)
    if tool not in TOOLS:
        raise ParameterError(Msg("instrument", "tool", tool=str(tool), tools=", ".join(TOOLS)))
    if not isinstance(members, MemberList):
        members = read_actors(members, columns=columns)
    if not len(members.actors):
        raise SchemaError(Msg("instrument", "members_empty"))
    return Instrument(
        tool,
        lang,
        title or message("instrument", "title", lang),
        _members(members.actors),
        item_set(items, lang),
    )


def _members(actors: pd.DataFrame) -> tuple[Member, ...]:
    """Members by sector (sorted; those without one last), then by name; with their codes."""
    values = actors["sector"] if "sector" in actors.columns else pd.Series(None, actors.index)
    sector = {a: "" if is_missing(v) else str(v).strip() for a, v in values.items()}
    named = sorted({s for s in sector.values() if s}, key=_sort_key)
    order = {s: i for i, s in enumerate([*named, ""])}
    rows = sorted(
        ((str(actor), str(actors.at[actor, "name"]), sector[actor]) for actor in actors.index),
        key=lambda r: (order[r[2]], _sort_key(r[1]), r[0]),
    )
    codes = [r[0] for r in rows]
    folded = [c.casefold() for c in codes]
    valid = all(_CODE.match(c) for c in codes) and "other" not in folded
    if not valid or len(set(folded)) < len(folded):
        width = max(3, len(str(len(rows))))
        codes = [f"P{i:0{width}d}" for i in range(1, len(rows) + 1)]
    return tuple(Member(code, *row) for code, row in zip(codes, rows, strict=True))


def _sort_key(name: str) -> str:
    """Names sorted as people look them up: case, accents and umlauts ignored."""
    text = unicodedata.normalize("NFKD", name.casefold().replace("ß", "ss"))
    return "".join(c for c in text if not unicodedata.combining(c))


# ----------------------------------------------------------------------------- files
def _writer(tool: str):
    from . import excel, limesurvey, xlsform

    return {"limesurvey": limesurvey, "xlsform": xlsform, "excel": excel}[tool]


def description_chunks(instrument: Instrument) -> list[str]:
    """The description as JSON cut into pieces a workbook cell holds."""
    text = instrument.description_json()
    return [text[i : i + _CHUNK] for i in range(0, len(text), _CHUNK)] or [""]


def read_instrument(path: str | os.PathLike[str]) -> Instrument:
    """The instrument a file written by ``sysmap survey`` carries.

    Parameters
    ----------
    path : path
        A LimeSurvey structure (``.txt``), an XLSForm or an Excel workbook
        written by :meth:`Instrument.save`, or a returned copy of the
        workbook.

    Returns
    -------
    Instrument

    Raises
    ------
    SchemaError
        If the file carries no sysmap description, or one of a newer format.
    """
    path = Path(path)
    if path.suffix.lower() in (".txt", ".tsv"):
        from .limesurvey import read_description
    else:
        from ._workbook import read_description
    text = read_description(path)
    try:
        description = json.loads(text) if text else None
    except json.JSONDecodeError:
        description = None
    if not isinstance(description, dict) or "sysmap_instrument" not in description:
        raise SchemaError(Msg("instrument", "not_an_instrument", path=str(path)))
    if description["sysmap_instrument"] > FORMAT_VERSION:
        raise SchemaError(
            Msg(
                "instrument",
                "instrument_version",
                path=str(path),
                version=str(description["sysmap_instrument"]),
            )
        )
    return Instrument.from_description(description)
