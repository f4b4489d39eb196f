"""Organization identity: one actor id per organization, however its name is written.

Survey respondents type names, tools export them with stray spaces, and
organizations rename between waves. :class:`ActorRegistry` resolves a name to
a persistent actor id in a fixed order, never guessing silently:

1. ``id``: the text is an actor id;
2. ``exact``: the display name, letter for letter;
3. ``normalized``: equal after :func:`normalize_name` (case, white space,
   punctuation, legal forms, umlauts and ß);
4. ``alias``: an alias from the member list or alias table (exact, then normalized);
5. ``fuzzy``: a close spelling (rapidfuzz) is *suggested* for review; it is
   merged only when the caller sets ``fuzzy_threshold`` and the score reaches it.

A wrong merge is worse than a missed one, so ambiguous names (one normalized
name or alias pointing to two actors) are errors, and fuzzy matches are only
suggestions by default.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd
from rapidfuzz import fuzz, process

from .._text import clean_control_characters, strip_invisible
from ..exceptions import DuplicateActorError, ParameterError
from ..i18n import Msg

__all__ = ["ActorRegistry", "NameMatch", "normalize_name"]

#: Legal-form tokens removed by :func:`normalize_name` (after punctuation is stripped).
LEGAL_FORMS = frozenset(
    """
    ev gev ggmbh gmbh mbh ag kg kgaa ohg gbr ug gug eg se kdor adr
    inc incorporated ltd limited llc llp plc corp corporation co company cic gemeinnuetzige
    """.split()
)
_TRANSLITERATE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "o"})
_PUNCT = re.compile(r"[^\w\s]+")
#: Multi-letter legal forms written with dots or spaces, joined before tokenising.
_DOTTED = re.compile(r"\b(e|g|k)\s*\.\s*(v|g)\s*\.?(?=\s|$)|\bgem\.\s*e\s*\.\s*v\b")
#: Lowest score at which a fuzzy suggestion is reported.
SUGGEST_SCORE = 80.0


def normalize_name(name: str) -> str:
    """Reduce an organization name to a key that ignores spelling noise.

    Case, accents, umlauts (``ü`` = ``ue``), ``ß`` = ``ss``, punctuation,
    repeated white space and legal forms (e.V., gGmbH, GmbH, AG, Inc., Ltd., ...)
    are ignored, and so are invisible characters (zero-width spaces and
    joiners, soft hyphens, direction marks and overrides; see
    :func:`sysmap._text.strip_invisible`) and control characters.

    Examples
    --------
    >>> normalize_name("Straßenkinder e.V.")
    'strassenkinder'
    >>> normalize_name("STRASSENKINDER  eV") == normalize_name("Straßenkinder e. V.")
    True
    >>> normalize_name("Müller GmbH") == normalize_name("Mueller")
    True
    >>> normalize_name("Rhine Valley Tech, Inc.")
    'rhine valley tech'
    >>> normalize_name("Stadt\\u200bwer\\u00adke") == normalize_name("Stadtwerke")
    True
    """
    text = str(name)
    if text.isascii() and text.isalnum():  # one word of ASCII letters and digits (an id)
        return text.lower()  # what _normalize gives it, at a fraction of the time
    return _normalize(text)


def _normalize(text: str) -> str:
    """:func:`normalize_name`'s steps, for any text."""
    text = strip_invisible(clean_control_characters(text))
    text = unicodedata.normalize("NFKC", text).casefold().translate(_TRANSLITERATE)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = _DOTTED.sub(lambda m: "".join(ch for ch in m.group(0) if ch.isalpha()), text)
    text = text.replace("&", " and ")
    tokens = _PUNCT.sub(" ", text).split()
    kept = [t for t in tokens if t not in LEGAL_FORMS]
    return " ".join(kept or tokens)


@dataclass(frozen=True)
class NameMatch:
    """How one name was resolved.

    Attributes
    ----------
    name : str
        The name as written in the input.
    actor : str or None
        The actor id, or ``None`` when the name is unknown.
    method : str or None
        ``"id"``, ``"exact"``, ``"normalized"``, ``"alias"``, ``"fuzzy"`` or ``None``.
    score : float or None
        Fuzzy score (0-100) for ``"fuzzy"``; 100 otherwise; ``None`` when unknown.
    suggestions : tuple of (str, str, float)
        ``(actor, name, score)`` of the closest roster names, best first; filled
        for unknown names and fuzzy merges.
    """

    name: str
    actor: str | None
    method: str | None
    score: float | None = None
    suggestions: tuple[tuple[str, str, float], ...] = ()


class ActorRegistry:
    """Persistent actor ids with their display names and aliases.

    Parameters
    ----------
    names : mapping of str to str
        Actor id -> display name.
    aliases : mapping of str to iterable of str, optional
        Actor id -> alternative names (acronyms, old names, variants).

    Raises
    ------
    DuplicateActorError
        If two actors share a display name, or an alias is another actor's name
        or alias; the message names both actors. (Two actors whose names only
        *normalize* alike are allowed; such names are listed in :attr:`ambiguous`
        and resolved only exactly.)

    Examples
    --------
    >>> reg = ActorRegistry({"BA01": "Straßenkinder e.V.", "BA02": "Stadt Rheinstadt"},
    ...                     aliases={"BA02": ["Stadtverwaltung"]})
    >>> reg.resolve("strassenkinder").actor, reg.resolve("strassenkinder").method
    ('BA01', 'normalized')
    >>> reg.resolve("Stadtverwaltung").method
    'alias'
    >>> reg.resolve("Stadt Rheinstad").actor is None     # fuzzy: suggested, not merged
    True
    >>> reg.resolve("Stadt Rheinstad").suggestions[0][:2]
    ('BA02', 'Stadt Rheinstadt')
    """

    def __init__(
        self, names: Mapping[str, str], aliases: Mapping[str, Iterable[str]] | None = None
    ) -> None:
        self._names: dict[str, str] = {str(k): str(v) for k, v in names.items()}
        self._aliases: dict[str, list[str]] = {a: [] for a in self._names}
        self._by_name: dict[str, str] = {}
        self._by_alias: dict[str, str] = {}
        self._name_keys: dict[str, set[str]] = {}
        self._alias_keys: dict[str, set[str]] = {}
        problems: list[Msg] = []
        for actor, name in self._names.items():
            other = self._by_name.setdefault(name, actor)
            if other != actor:
                problems.append(
                    Msg("problems", "same_display_name", actor=other, other=actor, name=name)
                )
            self._name_keys.setdefault(normalize_name(name), set()).add(actor)
        for actor, alias_list in (aliases or {}).items():
            for alias in alias_list:
                problems += self._add_alias(str(alias).strip(), str(actor))
        if problems:
            msg = "Ambiguous organization names:\n  " + "\n  ".join(problems)
            raise DuplicateActorError(msg, problems=problems)

    # -- building ---------------------------------------------------------------
    def _add_alias(self, alias: str, actor: str) -> list[Msg]:
        if actor not in self._names:
            msg = f"alias {alias!r} names actor {actor!r}, which is not in the member list."
            raise ParameterError(msg)
        if not alias or alias in self._aliases[actor]:
            return []
        other = self._by_alias.get(alias) or self._by_name.get(alias)
        if other is not None and other != actor:
            return [
                Msg(
                    "problems",
                    "alias_taken",
                    alias=alias,
                    actor=actor,
                    other=other,
                    name=self._names[other],
                )
            ]
        self._by_alias[alias] = actor
        self._alias_keys.setdefault(normalize_name(alias), set()).add(actor)
        self._aliases[actor].append(alias)
        return []

    def add_alias(self, alias: str, actor: str) -> None:
        """Declare `alias` as another name of `actor` (e.g. an old name after a rename).

        Raises
        ------
        DuplicateActorError
            If the alias already is a name or alias of another actor.
        ParameterError
            If `actor` is not in the registry.
        """
        problems = self._add_alias(str(alias).strip(), str(actor))
        if problems:
            raise DuplicateActorError(problems[0], problems=problems)

    @property
    def ambiguous(self) -> dict[str, list[str]]:
        """Normalized names shared by several actors (never resolved by normalization)."""
        shared = {}
        for keys in (self._name_keys, self._alias_keys):
            for key, actors in keys.items():
                if len(actors) > 1:
                    shared[key] = sorted(actors | set(shared.get(key, ())))
        return shared

    @classmethod
    def from_frame(
        cls, actors: pd.DataFrame, *, name: str = "name", aliases: str | None = "aliases"
    ) -> ActorRegistry:
        """Registry from a member-list frame indexed by actor id.

        `aliases` is a column of ``|``-separated names or of lists.
        """
        names = (
            actors[name].astype(str).to_dict() if name in actors else {a: a for a in actors.index}
        )
        alias_map: dict[str, list[str]] = {}
        if aliases is not None and aliases in actors:
            for actor, value in actors[aliases].items():
                alias_map[actor] = _split_aliases(value)
        return cls(names, alias_map)

    # -- reading ----------------------------------------------------------------
    @property
    def actors(self) -> list[str]:
        """Actor ids in the order they were registered."""
        return list(self._names)

    def name(self, actor: str) -> str:
        """Display name of `actor`."""
        return self._names[actor]

    def aliases(self, actor: str) -> list[str]:
        """Aliases of `actor`."""
        return list(self._aliases[actor])

    def __contains__(self, actor: object) -> bool:
        return actor in self._names

    def __len__(self) -> int:
        return len(self._names)

    def alias_table(self) -> pd.DataFrame:
        """The editable alias table: one row per alias (``alias, actor, name``).

        Save it, edit it, and pass it back with :meth:`with_alias_table` for the
        next wave, so organizations keep their ids.
        """
        rows = [
            (alias, actor, self._names[actor])
            for actor, alias_list in self._aliases.items()
            for alias in alias_list
        ]
        return pd.DataFrame(rows, columns=["alias", "actor", "name"])

    def with_alias_table(self, table: pd.DataFrame) -> ActorRegistry:
        """A copy of the registry with the aliases of `table` (columns ``alias, actor``) added."""
        aliases = {a: list(v) for a, v in self._aliases.items()}
        unknown = sorted(set(table["actor"].astype(str)) - set(self._names))
        if unknown:
            msg = (
                f"alias table names actors that are not in the member list: {unknown[:5]}. "
                "Fix the actor ids or add the actors to the member list."
            )
            raise ParameterError(msg)
        for alias, actor in zip(table["alias"].astype(str), table["actor"].astype(str)):
            aliases[actor].append(alias)
        return ActorRegistry(self._names, aliases)

    # -- resolving --------------------------------------------------------------
    def resolve(
        self, name: str, *, fuzzy_threshold: float | None = None, n_suggestions: int = 3
    ) -> NameMatch:
        """Resolve one name to an actor id (see the module docstring for the order).

        Parameters
        ----------
        name : str
            The name as written.
        fuzzy_threshold : float, optional
            Merge a fuzzy match whose score (0-100, rapidfuzz ``token_sort_ratio``
            on normalized names) reaches this value. ``None`` (default): never
            merge by fuzzy matching, only suggest.
        n_suggestions : int, default=3
            Closest names to suggest for an unknown or fuzzy-matched name.
        """
        text = str(name).strip()
        if text in self._names:
            return NameMatch(text, text, "id", 100.0)
        if text in self._by_name:
            return NameMatch(text, self._by_name[text], "exact", 100.0)
        key = normalize_name(text)
        found = self._name_keys.get(key, set())
        if len(found) == 1:
            return NameMatch(text, next(iter(found)), "normalized", 100.0)
        if not found and text in self._by_alias:
            return NameMatch(text, self._by_alias[text], "alias", 100.0)
        aliased = self._alias_keys.get(key, set())
        if not found and len(aliased) == 1:
            return NameMatch(text, next(iter(aliased)), "alias", 100.0)
        shared = sorted(found | aliased)
        if shared:  # one key, several actors: never merge, suggest them all
            suggestions = tuple((a, self._names[a], 100.0) for a in shared)
            return NameMatch(text, None, None, None, suggestions)
        suggestions = self.suggest(text, limit=n_suggestions)
        if suggestions and fuzzy_threshold is not None and suggestions[0][2] >= fuzzy_threshold:
            return NameMatch(text, suggestions[0][0], "fuzzy", suggestions[0][2], suggestions)
        return NameMatch(text, None, None, None, suggestions)

    def suggest(
        self, name: str, *, limit: int = 3, min_score: float = SUGGEST_SCORE
    ) -> tuple[tuple[str, str, float], ...]:
        """Closest actors to `name`: ``(actor, display name, score)``, best first.

        Scores are rapidfuzz ``token_sort_ratio`` (0-100) between normalized
        names, over display names and aliases; ties are broken by actor id.
        """
        keys = sorted(set(self._name_keys) | set(self._alias_keys))
        if not keys:
            return ()
        found = process.extract(
            normalize_name(name),
            keys,
            scorer=fuzz.token_sort_ratio,
            limit=None,
            score_cutoff=min_score,
        )
        best: dict[str, float] = {}
        for key, score, _ in found:
            for actor in self._name_keys.get(key, set()) | self._alias_keys.get(key, set()):
                best[actor] = max(best.get(actor, 0.0), float(score))
        ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))[:limit]
        return tuple((actor, self._names[actor], round(score, 1)) for actor, score in ranked)


def _split_aliases(value: object) -> list[str]:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value).split("|") if part.strip()]
