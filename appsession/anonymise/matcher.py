"""Find many phrases at once in a note, unit by unit, in one pass.

A phrase is a tuple of unit keys ("marie-claude", "vidal") with a rule on how it must be
written: any case, capitals only (acronyms), capitalised (names that are also common words)
or with capital initials ("Mme L.-R."). Lookup is by first unit, so the cost grows with the
note's length, not with the number of phrases.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from appsession.anonymise.normalise import Unit

Payload = TypeVar("Payload")

_JOINERS = frozenset(" '.\t")


class Case(StrEnum):
    """How a phrase must be written to count."""

    ANY = "any"
    UPPER = "upper"
    """Acronyms: all capitals ("CAF"), or capitalised when three letters or more ("Caf")."""
    CAPITALISED = "capitalised"
    INITIALS = "initials"
    """Single letters must be capitals, the rest may be in any case ("Sandrine P.")."""


@dataclass(frozen=True, slots=True)
class Phrase(Generic[Payload]):
    """A phrase to find and what it stands for."""

    keys: tuple[str, ...]
    case: Case
    payload: Payload


@dataclass(frozen=True, slots=True)
class Match(Generic[Payload]):
    """One occurrence of a phrase: units ``first``..``last`` and character offsets."""

    first: int
    last: int
    start: int
    end: int
    phrase: Phrase[Payload]


class PhraseIndex(Generic[Payload]):
    """A set of phrases, searchable in a list of units."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[Phrase[Payload]]] = {}

    def __len__(self) -> int:
        return sum(len(phrases) for phrases in self._by_first.values())

    def add(self, keys: tuple[str, ...], case: Case, payload: Payload) -> None:
        """Add a phrase (an empty one is ignored)."""
        if not keys or not all(keys):
            return
        phrases = self._by_first.setdefault(keys[0], [])
        phrases.append(Phrase(keys, case, payload))
        phrases.sort(key=lambda phrase: -len(phrase.keys))

    def phrases(self) -> Iterator[Phrase[Payload]]:
        """Every phrase, in no particular order."""
        for phrases in self._by_first.values():
            yield from phrases

    def find(self, text: str, found: list[Unit]) -> list[Match[Payload]]:
        """Every occurrence, longest phrase first at each unit; occurrences may overlap."""
        matches: list[Match[Payload]] = []
        for index, unit in enumerate(found):
            for phrase in self._by_first.get(unit.key, ()):
                last = index + len(phrase.keys) - 1
                if self._fits(text, found, index, phrase) and _written(found, index, phrase):
                    matches.append(
                        Match(index, last, unit.start, found[last].end, phrase),
                    )
        return matches

    @staticmethod
    def _fits(text: str, found: list[Unit], index: int, phrase: Phrase[Payload]) -> bool:
        if index + len(phrase.keys) > len(found):
            return False
        for offset in range(1, len(phrase.keys)):
            left, right = found[index + offset - 1], found[index + offset]
            if right.key != phrase.keys[offset] or not _close(text, left, right):
                return False
        return True


def _close(text: str, left: Unit, right: Unit) -> bool:
    """Two units of one phrase: separated by a space, an apostrophe or an initial's dot."""
    between = text[left.end : right.start]
    return 0 < len(between) <= 3 and all(char in _JOINERS for char in between)


def _written(found: list[Unit], index: int, phrase: Phrase[Payload]) -> bool:
    """Whether the occurrence is written as the phrase's case rule asks."""
    span = found[index : index + len(phrase.keys)]
    if phrase.case is Case.ANY:
        return True
    if phrase.case is Case.UPPER:
        return all(unit.upper or (len(unit.text) >= 3 and unit.capitalised) for unit in span)
    if phrase.case is Case.CAPITALISED:
        return span[0].capitalised
    return all(_initial_ok(unit) for unit in span)


def _initial_ok(unit: Unit) -> bool:
    letters = [part for part in unit.key.split("-") if part]
    if all(len(part) == 1 for part in letters):
        return unit.text.replace(".", "").replace("-", "").isupper()
    return True
