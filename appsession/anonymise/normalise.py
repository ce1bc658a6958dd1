"""Case-, accent- and elision-insensitive views of a note that keep every offset.

Notes are typed fast: "Elodie" for "Élodie", "karima", "d'Amandine", "Marie Claude" for
"Marie-Claude". Matching works on *units*: runs of letters joined by hyphens ("Fabre-Lacoste",
"Saint-Genès-la-Vèze", "L.-R."), split at spaces, punctuation and elision apostrophes, so that
a roster surname never matches inside a longer compound ("Saint-Martin-Valmeroux").
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_SAME_LENGTH = {
    "\u2019": "'",
    "\u2018": "'",
    "\u02bc": "'",
    "`": "'",
    "\u00b4": "'",
    "\u2010": "-",
    "\u2011": "-",
    "\u2013": "-",
    "\u2012": "-",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
}


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """One character, lower-cased and without accents; always exactly one character."""
    if char in _SAME_LENGTH:
        return _SAME_LENGTH[char]
    base = unicodedata.normalize("NFD", char)[0]
    lowered = base.lower()
    return lowered if len(lowered) == 1 else base


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table that learns each new character once."""

    def __missing__(self, code: int) -> str:
        folded = fold_char(chr(code))
        self[code] = folded
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """``text`` lower-cased, accents removed, quotes and dashes unified; same length."""
    return text.translate(_TABLE)


def fold_phrase(text: str) -> str:
    """A phrase as a matching key: folded, hyphens and spaces unified, trimmed."""
    words = UNIT.findall(fold(text))
    return " ".join(_HYPHEN_DOTS.sub("-", word) for word in words)


UNIT = re.compile(r"[^\W\d_]+(?:\.?[-\u2010\u2011][^\W\d_]+)*")
"""Letters, possibly hyphen-joined ("Jean-Luc", "L.-R."), never digits or apostrophes."""

_HYPHEN_DOTS = re.compile(r"\.?[-\u2010\u2011]")
_SENTENCE_END = re.compile(r"[.!?…\n]")
_ABBREVIATIONS = frozenset(
    {"m", "mme", "mmes", "mlle", "mr", "dr", "pr", "me", "st", "ste", "cf", "etc", "n", "no"}
)


@dataclass(frozen=True, slots=True)
class Unit:
    """One word or hyphen compound of a note, with its place in the original text."""

    start: int
    end: int
    text: str
    key: str
    """Folded, with hyphens (and a dot before them) unified to "-": "L.-R." gives "l-r"."""
    initial: bool
    """First of its sentence (so its capital letter says nothing)."""

    @property
    def capitalised(self) -> bool:
        """Starts with a capital letter."""
        return self.text[0].isupper()

    @property
    def upper(self) -> bool:
        """Written in capitals only ("CAF", "BOUYSSOU")."""
        return self.text.isupper()

    @property
    def is_letter(self) -> bool:
        """A single letter, as in initials ("K", "M")."""
        return len(self.text) == 1


def units(text: str, folded: str | None = None) -> list[Unit]:
    """The units of ``text`` in order (``folded`` may be given when already computed)."""
    folded = fold(text) if folded is None else folded
    found: list[Unit] = []
    previous_end = 0
    for match in UNIT.finditer(text):
        start, end = match.span()
        key = _HYPHEN_DOTS.sub("-", folded[start:end])
        initial = _starts_sentence(text, found, previous_end, start)
        found.append(Unit(start, end, match.group(), key, initial))
        previous_end = end
    return found


def overlapping(found: list[Unit], start: int, end: int) -> range:
    """Indexes of the units that overlap ``[start, end)`` (units are sorted, disjoint)."""
    first = bisect.bisect_right(found, start, key=lambda unit: unit.end)
    last = bisect.bisect_left(found, end, key=lambda unit: unit.start)
    return range(first, last)


def _starts_sentence(text: str, before: list[Unit], gap_start: int, start: int) -> bool:
    """Whether the gap before a unit ends a sentence (an abbreviation's dot does not)."""
    if not before:
        return not any(char.isdigit() for char in text[:start])
    gap = text[gap_start:start]
    if not _SENTENCE_END.search(gap):
        return False
    previous = before[-1]
    if gap.lstrip().startswith("\n"):
        return True
    abbreviated = previous.key in _ABBREVIATIONS or (previous.is_letter and previous.upper)
    return not (abbreviated and gap.startswith(".") and "\n" not in gap)


def gap(text: str, left: Unit, right: Unit) -> str:
    """What lies between two units."""
    return text[left.end : right.start]


def joined(text: str, left: Unit, right: Unit) -> bool:
    """Whether two units sit next to each other in one phrase (spaces, no punctuation)."""
    between = text[left.end : right.start]
    return 0 < len(between) <= 3 and between.strip() == "" and "\n" not in between
