"""One note as the rules see it: its units, kept terms, roster hits and the model's opinion."""

from __future__ import annotations

from dataclasses import dataclass, field

from appsession.anonymise import wordlists
from appsession.anonymise.keep import Kept
from appsession.anonymise.lexicon import Lexicon
from appsession.anonymise.normalise import Unit

ARTICLES = frozenset({"la", "le", "les", "l", "un", "une", "des", "du", "de", "d", "au", "aux"})
LINKS = frozenset({"de", "du", "des", "d", "la", "le", "les", "l", "sur", "sous", "en", "aux"})


@dataclass
class NoteView:
    """A note cut into units, with what is already known about each unit."""

    text: str
    units: list[Unit]
    kept: list[Kept] = field(default_factory=list)
    lexicon: Lexicon | None = None
    model_labels: dict[int, str] = field(default_factory=dict)
    """Unit index -> the model's label (PERSON, PLACE, ORG, MISC) when it saw a name there."""
    people: set[int] = field(default_factory=set)
    """Units that the roster or known terms already name as persons."""
    _kept_at: dict[int, Kept] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for kept in self.kept:
            for index in range(kept.first, kept.last + 1):
                self._kept_at[index] = kept

    def kept_at(self, index: int) -> Kept | None:
        """The kept term covering a unit, if any."""
        return self._kept_at.get(index)

    def unit(self, index: int) -> Unit | None:
        """The unit at ``index``, or None past either end."""
        return self.units[index] if 0 <= index < len(self.units) else None

    def joined(self, left: int, right: int) -> bool:
        """Whether two neighbouring units belong to one phrase (spaces or an elision only)."""
        if not (0 <= left < right < len(self.units)):
            return False
        between = self.text[self.units[left].end : self.units[right].start]
        return 0 < len(between) <= 2 and between.strip(" '’") == ""

    def joined_loose(self, left: int, right: int) -> bool:
        """Joined, or separated by an abbreviation's dot ("M. Delpuech", "S. Pierre")."""
        if not (0 <= left < right < len(self.units)):
            return False
        between = self.text[self.units[left].end : self.units[right].start]
        return 0 < len(between) <= 3 and between.strip(" '’.") == ""

    def is_word(self, unit: Unit) -> bool:
        """Whether a unit is a common French word (every part of a compound, if hyphenated)."""
        if self.lexicon is None:
            return False
        lower = unit.text.lower()
        if self.lexicon.is_word(lower):
            return True
        parts = [part for part in lower.replace(".", "").split("-") if part]
        return len(parts) > 1 and all(self.lexicon.is_word(part) for part in parts)

    def is_first_name(self, unit: Unit) -> bool:
        """Whether a unit is a known given name."""
        return wordlists.is_first_name(unit.key)

    def is_name(self, unit: Unit) -> bool:
        """Whether a unit is a known given name or a frequent surname."""
        return wordlists.is_first_name(unit.key) or wordlists.is_surname(unit.key)

    def name_like(self, index: int) -> bool:
        """A capitalised unit that is not kept and reads as a name rather than a word.

        The word list has a few names in it ("dupont", "vasseur"), so a known given name or
        frequent surname is a name whatever the word list says; without the word list (model
        not loaded yet) only those count, so that no common word is taken for a name.
        """
        unit = self.unit(index)
        if unit is None or not unit.capitalised or index in self._kept_at:
            return False
        if unit.is_letter or (unit.upper and len(unit.text) <= 4):
            return False
        if self.lexicon is None:
            return self.is_name(unit)
        return not self.is_word(unit) or self.is_name(unit)

    def next_word(self, index: int) -> str | None:
        """The text of the unit after ``index`` when it is in the same phrase."""
        return self.units[index + 1].text if self.joined(index, index + 1) else None
