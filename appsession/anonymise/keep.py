"""Generic institutions, programmes and roles that must never be masked.

"la CAF", "France Travail", "l'assistante sociale", "le maire", "le 115": masking them would
destroy the analysis. The list ships as ``data/keep_fr.txt`` and the facilitator extends it
("never" decisions). Kept spans block suggestions; they never block a roster name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from appsession.anonymise import wordlists
from appsession.anonymise.matcher import Case, PhraseIndex
from appsession.anonymise.normalise import Unit, fold_phrase
from appsession.anonymise.roster import keys_of

STRUCTURE = "structure"
INSTITUTION = "institution"
ROLE = "role"
COMMON = "common"
NUMBER = "number"
NEVER = "never"
"""Kind of a term the facilitator added."""

_DIGITS = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class Kept:
    """A kept term found in a note."""

    start: int
    end: int
    first: int
    """Index of its first unit."""
    last: int
    kinds: frozenset[str]


class KeepList:
    """Terms never masked, searchable in a note."""

    def __init__(self, terms: Iterable[tuple[str, str]]) -> None:
        self._index: PhraseIndex[str] = PhraseIndex()
        self._kinds: dict[str, set[str]] = {}
        self.numbers: frozenset[str] = frozenset()
        numbers: set[str] = set()
        for text, kind in terms:
            if _DIGITS.search(text):
                numbers.add("".join(_DIGITS.findall(text)))
                continue
            keys = keys_of(text)
            if keys:
                self._index.add(keys, _case_of(text), kind)
                self._kinds.setdefault(" ".join(keys), set()).add(kind)
        self.numbers = frozenset(numbers)

    @classmethod
    def default(cls, extra: Iterable[str] = ()) -> KeepList:
        """The shipped list, plus the facilitator's own terms."""
        return cls([*wordlists.keep_terms(), *((term, NEVER) for term in extra)])

    def kinds_of(self, phrase: str) -> frozenset[str]:
        """The kinds of a whole term ("mairie" -> {"structure"}), empty when not kept."""
        return frozenset(self._kinds.get(fold_phrase(phrase), ()))

    def contains(self, phrase: str) -> bool:
        """Whether a whole phrase is a kept term."""
        return fold_phrase(phrase) in self._kinds

    def find(self, text: str, found: list[Unit]) -> list[Kept]:
        """Kept terms in a note, longest first, without overlaps."""
        taken: list[Kept] = []
        matches = sorted(self._index.find(text, found), key=lambda m: (m.start, -m.end))
        for match in matches:
            if taken and match.start < taken[-1].end:
                continue
            kinds = frozenset(self._kinds[" ".join(match.phrase.keys)])
            taken.append(Kept(match.start, match.end, match.first, match.last, kinds))
        return taken


def _case_of(text: str) -> Case:
    """Acronyms ("CAF", "AS") must be written in capitals; other terms in any case."""
    letters = [char for char in text if char.isalpha()]
    return Case.UPPER if letters and all(char.isupper() for char in letters) else Case.ANY
