"""Find notes by their words, in memory, after unlock.

Nothing here touches the disk: a plaintext index on disk would defeat the vault's encryption
(security design §2.7). The index keeps one folded form per note (lower case, no accents, no
punctuation), built once on the first search, so that a search over 72,000 notes is a plain
substring scan well under 200 ms.

A query matches a note when every one of its words (or "quoted phrases") occurs in the note,
regardless of case and accents; a word also matches longer words that contain it ("famille"
finds "familles"). Whole-word occurrences rank above partial ones.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from appsession.core.model import Note

_NOT_A_WORD = re.compile(r"[\W_]+")
_QUOTED = re.compile(r'"([^"]*)"|«([^»]*)»|“([^”]*)”')
_ASCII_FOLD = bytes(c if chr(c).isalnum() else 32 for c in range(128)) + bytes([32] * 128)
"""Byte table: ASCII letters and digits stay, everything else becomes a space."""
_FRENCH_EXTRAS = (
    ("’", " "),
    ("‘", " "),
    ("«", " "),
    ("»", " "),
    ("“", " "),
    ("”", " "),
    ("…", " "),
    ("–", " "),
    ("—", " "),
    ("\u00a0", " "),
    ("\u202f", " "),
    ("œ", "oe"),
    ("æ", "ae"),
)
"""Characters of typed French that NFKD leaves alone: typographic punctuation and ligatures."""
_FRENCH_MARKS = ("\u0301", "\u0300", "\u0302", "\u0308", "\u0327")
"""French accents after NFKD: acute, grave, circumflex, diaeresis, cedilla."""


def fold(text: str) -> str:
    """The searchable form of ``text``: lower case, without accents, words separated by one space.

    The result has a space at each end so that `` word `` tests a whole word. French text takes
    a fast path through ASCII bytes; anything else (other scripts, rarer marks) the general one.
    """
    folded = text.casefold()
    if folded.isascii():
        return _spaced(folded.encode("ascii").translate(_ASCII_FOLD).decode("ascii"))
    # Compatibility forms such as "ᴬ" decompose to capitals: fold case again after NFKD.
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", folded).casefold())
    for character, replacement in _FRENCH_EXTRAS:
        if character in folded:
            folded = folded.replace(character, replacement)
    ascii_bytes = folded.encode("ascii", "ignore")
    dropped = len(folded) - len(ascii_bytes)
    if dropped == sum(folded.count(mark) for mark in _FRENCH_MARKS):
        return _spaced(ascii_bytes.translate(_ASCII_FOLD).decode("ascii"))
    return _fold_any_script(folded)


def _spaced(words: str) -> str:
    """Single spaces between words, and one at each end (a lone space when there is no word)."""
    joined = " ".join(words.split())
    return f" {joined} " if joined else " "


def _fold_any_script(decomposed: str) -> str:
    """General path: drop every combining mark, keep letters of any script."""
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _spaced(_NOT_A_WORD.sub(" ", bare))


@dataclass(frozen=True)
class Query:
    """A parsed query: each term must occur in a note (a term may be a phrase of several words)."""

    terms: tuple[str, ...]

    @property
    def is_empty(self) -> bool:
        """True when the query holds no word at all."""
        return not self.terms


def parse_query(text: str) -> Query:
    """Split a query into folded terms; text in quotes stays together as one phrase."""
    terms: list[str] = []
    for match in _QUOTED.finditer(text):
        phrase = fold(next(group for group in match.groups() if group is not None)).strip()
        if phrase:
            terms.append(phrase)
    rest = _QUOTED.sub(" ", text)
    terms.extend(fold(rest).split())
    unique = tuple(dict.fromkeys(terms))
    return Query(terms=unique)


class SearchHit(NamedTuple):
    """A note that matched, with its score (higher is better)."""

    note: Note
    score: int


_INDEX_BITS = 24
"""A note's place in the index (up to 16 million notes) in the low bits of its sort key."""
_SESSION_BITS = 20
"""Then its session number; then the score above both."""
_SESSION_CAP = (1 << _SESSION_BITS) - 1
_SCORE_CAP = (1 << 20) - 1
_SCORE_SHIFT = _INDEX_BITS + _SESSION_BITS


class NoteIndex:
    """Every decrypted note of an unlocked vault, ready to be searched many times.

    Built in memory only; drop it when the vault locks.
    """

    def __init__(
        self,
        notes: Iterable[Note],
        *,
        group_of_session: Mapping[str, str] | None = None,
        session_number: Mapping[str, int] | None = None,
    ) -> None:
        groups = group_of_session or {}
        numbers = session_number or {}
        self._notes = list(notes)
        if len(self._notes) >= 1 << _INDEX_BITS:
            raise ValueError("too many notes for one index")
        self._groups = [groups.get(note.session_id, "") for note in self._notes]
        self._order = [
            min(numbers.get(note.session_id, 0), _SESSION_CAP) << _INDEX_BITS | i
            for i, note in enumerate(self._notes)
        ]
        self._folded: list[str] | None = None

    def __len__(self) -> int:
        return len(self._notes)

    def _texts(self) -> list[str]:
        """One folded form per note, computed on first use."""
        if self._folded is None:
            self._folded = [fold(note.text) for note in self._notes]
        return self._folded

    def prepare(self) -> None:
        """Fold every note now (otherwise the first search does it)."""
        self._texts()

    def search(
        self,
        query: str | Query,
        *,
        group_ids: Collection[str] | None = None,
        theme_ids: Collection[str] | None = None,
        limit: int | None = None,
    ) -> list[SearchHit]:
        """Notes holding every term of ``query``, best first, then by session and order.

        ``group_ids`` keeps notes of sessions of those groups; ``theme_ids`` keeps notes coded
        with at least one of those themes. An empty query with a filter lists what the filter
        keeps.
        """
        parsed = query if isinstance(query, Query) else parse_query(query)
        texts = self._texts()
        found: Iterable[int] = range(len(texts))
        for term in parsed.terms:
            found = [i for i in found if term in texts[i]]
        if group_ids is not None:
            wanted_groups = frozenset(group_ids)
            found = [i for i in found if self._groups[i] in wanted_groups]
        if theme_ids is not None:
            wanted_themes = frozenset(theme_ids)
            found = [i for i in found if not wanted_themes.isdisjoint(self._notes[i].themes)]
        return self._ranked(found, parsed.terms, limit)

    def _ranked(
        self, found: Iterable[int], terms: tuple[str, ...], limit: int | None
    ) -> list[SearchHit]:
        """Sort by score, then session number, then index order, through one integer key each."""
        texts, order = self._texts(), self._order
        keys = sorted(
            (_SCORE_CAP - _score(texts[i], terms)) << _SCORE_SHIFT | order[i] for i in found
        )
        if limit is not None:
            keys = keys[:limit]
        index_mask = (1 << _INDEX_BITS) - 1
        return [
            SearchHit(self._notes[key & index_mask], _SCORE_CAP - (key >> _SCORE_SHIFT))
            for key in keys
        ]


def _score(text: str, terms: tuple[str, ...]) -> int:
    """Occurrences of each term, whole-word ones counting three times (capped for the sort key)."""
    score = sum(text.count(term) + 2 * text.count(f" {term} ") for term in terms)
    return min(score, _SCORE_CAP)
