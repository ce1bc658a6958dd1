"""What the facilitator already knows: participants and sensitive known terms.

Each participant and known term expands into the ways notes actually write it: full name,
first name, surname, surname first ("CHASSANG Élodie"), initials ("Sandrine P.", "S. Pierre",
"Virginie F-L", "MC"), short forms ("Nath", "Véro"), spaced or hyphenated compounds, a town's
short name ("Riom" for "Riom-ès-Montagnes", "St-Genès"), a structure's proper name
("La Cagette" for "épicerie solidaire La Cagette").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from appsession.anonymise.matcher import Case
from appsession.anonymise.normalise import UNIT, fold_phrase
from appsession.anonymise.spans import Label
from appsession.core.model import Participant

PARTICLES = frozenset(
    {"de", "d", "du", "des", "da", "das", "do", "dos", "di", "del", "della", "van", "von", "der"}
    | {"den", "ter", "ten", "le", "la", "les", "ben", "bent", "ibn", "bin", "el", "al", "ould"}
)
_PLACE_LINKS = frozenset({"es", "en", "la", "le", "les", "sur", "sous", "de", "du", "des", "d"})
_PLACE_LINKS_ALL = _PLACE_LINKS | {"l", "lez", "aux", "et"}
_SAINTS = {"saint": ("st",), "sainte": ("ste",), "st": ("saint",), "ste": ("sainte",)}


@dataclass(frozen=True)
class RosterPerson:
    """A participant: real name, pseudonym, and any other names the facilitator knows."""

    name: str = field(repr=False)
    pseudonym: str
    aliases: tuple[str, ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class KnownTerm:
    """An identifying term known in advance (a town, a local structure, a third party)."""

    text: str = field(repr=False)
    label: Label


@dataclass(frozen=True)
class Roster:
    """Participants and known terms of one intervention (the corpus ``roster.json``)."""

    participants: tuple[RosterPerson, ...] = ()
    known_terms: tuple[KnownTerm, ...] = ()
    intervention: str = field(default="", repr=False)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Roster:
        """Read the corpus format; raises KeyError, TypeError or ValueError when malformed."""
        people = tuple(
            RosterPerson(
                str(person["name"]),
                str(person["pseudonym"]),
                tuple(str(alias) for alias in person.get("aliases", ())),
            )
            for person in data.get("participants", ())
        )
        terms = tuple(
            KnownTerm(str(term["text"]), Label(term["label"]))
            for term in data.get("known_terms", ())
        )
        return cls(people, terms, str(data.get("intervention", "")))

    @classmethod
    def from_participants(
        cls, participants: Iterable[Participant], known_terms: Iterable[KnownTerm] = ()
    ) -> Roster:
        """The roster of an intervention held in the vault."""
        people = tuple(RosterPerson(p.name, p.pseudonym) for p in participants)
        return cls(people, tuple(known_terms))

    def to_dict(self) -> dict[str, Any]:
        """The corpus format."""
        return {
            "intervention": self.intervention,
            "participants": [
                {"name": p.name, "pseudonym": p.pseudonym, "aliases": list(p.aliases)}
                for p in self.participants
            ],
            "known_terms": [{"text": t.text, "label": t.label.value} for t in self.known_terms],
        }


@dataclass(frozen=True, slots=True)
class Variant:
    """One way of writing a name: unit keys and how they must be written."""

    keys: tuple[str, ...]
    case: Case
    kind: str
    """full, given, surname, initials, short, head or tail."""


def keys_of(text: str) -> tuple[str, ...]:
    """The unit keys of a phrase ("Marie Claude" -> ("marie", "claude"))."""
    return tuple(fold_phrase(text).split())


def split_name(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(given names, surname) as unit keys; capitals mark the surname ("DUPONT Marie")."""
    words = [match.group() for match in UNIT.finditer(name)]
    shouted = [w for w in words if len(w) > 1 and w.isupper()]
    if shouted and len(shouted) < len(words):
        given = [w for w in words if w not in shouted]
        return keys_of(" ".join(given)), keys_of(" ".join(shouted))
    if len(words) == 1:
        return keys_of(words[0]), ()
    return keys_of(words[0]), keys_of(" ".join(words[1:]))


def person_variants(name: str) -> list[Variant]:
    """Every way of writing a person's name that the roster should catch."""
    given, surname = split_name(name)
    found = [Variant(given + surname, Case.ANY, "full"), Variant(surname + given, Case.ANY, "full")]
    found += _spelled(given, "given") + _spelled(surname, "surname")
    found += _initials(given, surname)
    return list(dict.fromkeys(variant for variant in found if variant.keys))


def _spelled(keys: tuple[str, ...], kind: str) -> list[Variant]:
    """A name alone, hyphens as spaces, without a leading particle, each hyphen part."""
    if not keys:
        return []
    found = [Variant(keys, Case.ANY, kind)]
    spaced = tuple(part for key in keys for part in key.split("-"))
    if spaced != keys:
        found.append(Variant(spaced, Case.ANY, kind))
    if kind == "surname":
        found += _surname_parts(keys, spaced)
    return list(dict.fromkeys(found))


def _surname_parts(keys: tuple[str, ...], spaced: tuple[str, ...]) -> list[Variant]:
    """ "de La Fontaine" -> "La Fontaine", "Fontaine"; "Fabre-Lacoste" -> "Fabre", "Lacoste"."""
    found: list[Variant] = []
    rest = keys
    while len(rest) > 1 and rest[0] in PARTICLES:
        rest = rest[1:]
        found.append(Variant(rest, Case.CAPITALISED, "surname"))
    if len(spaced) > 1:
        found += [
            Variant((part,), Case.CAPITALISED, "surname")
            for part in spaced
            if len(part) > 2 and part not in PARTICLES
        ]
    return found


def _initials(given: tuple[str, ...], surname: tuple[str, ...]) -> list[Variant]:
    """ "Sandrine P.", "S. Pierre", "Virginie F-L", "MC", "M.-C.", "RM"."""
    found: list[Variant] = []
    for compound in _compound_initials(given):
        found.append(Variant(compound, Case.INITIALS, "initials"))
    if not surname:
        return found
    for letters in [*_compound_initials(surname), (surname[0][0],)]:
        found.append(Variant(given + letters, Case.INITIALS, "initials"))
    found.append(Variant((given[0][0], *surname), Case.INITIALS, "initials"))
    whole = "".join(part[0] for key in given + surname for part in key.split("-"))
    if 2 <= len(whole) <= 4:
        found.append(Variant((whole,), Case.INITIALS, "initials"))
    return found


def _compound_initials(keys: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Initials of a hyphenated or multi-word name: ("m-c",), ("mc",), ("m", "c")."""
    parts = [part for key in keys for part in key.split("-") if part not in PARTICLES]
    if len(parts) < 2:
        return []
    letters = [part[0] for part in parts]
    return [("-".join(letters),), ("".join(letters),), tuple(letters)]


def short_forms(given: str, nicknames: Mapping[str, frozenset[str]]) -> Iterator[str]:
    """Short forms of a first name: known nicknames, and its first 3 to 5 letters."""
    key = fold_phrase(given)
    for short, fulls in nicknames.items():
        if key in fulls and short != key:
            yield short
    first = key.split("-")[0]
    if len(first) >= 6:
        for length in range(3, min(5, len(first) - 2) + 1):
            yield first[:length]


def place_variants(text: str) -> list[Variant]:
    """A place, its short name before "-ès-", "-sur-"…, and "Saint"/"St" spellings."""
    keys = keys_of(text)
    spellings = [(keys, "full")] + [(head, "head") for head in _place_heads(keys)]
    spellings += [(other, kind) for each, kind in spellings for other in _saint_spellings(each)]
    if len(keys) > 1 and keys[0] in ("la", "le", "les"):
        spellings.append((keys[1:], "head"))
    found: list[Variant] = []
    for each, kind in spellings:
        bare = kind == "head" and keys[0] in ("la", "le", "les")
        found.append(Variant(each, Case.CAPITALISED if bare else Case.ANY, kind))
        spaced = tuple(part for key in each for part in key.split("-"))
        if spaced != each:
            found.append(Variant(spaced, Case.ANY, kind))
    return list(dict.fromkeys(found))


def _place_heads(keys: tuple[str, ...]) -> list[tuple[str, ...]]:
    """ "riom-es-montagnes" -> "riom"; "saint-genes-la-veze" -> "saint-genes"."""
    if len(keys) != 1 or "-" not in keys[0]:
        return []
    parts = keys[0].split("-")
    start = 2 if parts[0] in _SAINTS and len(parts) > 2 else 1
    for index in range(start, len(parts)):
        if parts[index] in _PLACE_LINKS:
            return [("-".join(parts[:index]),)]
    return []


def _saint_spellings(keys: tuple[str, ...]) -> list[tuple[str, ...]]:
    if len(keys) != 1:
        return []
    parts = keys[0].split("-")
    return [("-".join((other, *tuple(parts[1:]))),) for other in _SAINTS.get(parts[0], ())]


def org_tail(text: str) -> tuple[tuple[str, ...], bool]:
    """The proper name inside a structure's name, and whether it follows "de" (a place).

    "épicerie solidaire La Cagette" -> ("la", "cagette"), False;
    "centre social des Hauts de Rhue" -> ("hauts", "de", "rhue"), True.
    """
    words = [match.group() for match in UNIT.finditer(text)]
    for index in range(1, len(words)):
        linked = fold_phrase(words[index - 1]) in ("de", "du", "des", "d")
        if linked and words[index][0].isupper():
            return keys_of(" ".join(words[index:])), True
    for index in range(1, len(words)):
        if words[index][0].isupper():
            return keys_of(" ".join(words[index:])), False
    return (), False
