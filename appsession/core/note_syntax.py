"""The note entry's light inline syntax, read without any UI.

``@P3`` or ``@Sophie`` names the speaker (from the attendance), ``#theme`` adds a theme (from
the codebook, or a new one), and leading marks set the note's nature: a quote mark makes a
verbatim, ``?`` a question, ``!`` takes the note off the record. Markers are removed from the
saved text. ``complete`` gives candidates for the word being typed, for the completion.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from appsession.core.model import NoteKind

OPENING_QUOTES = "\"«“„‘'"
CLOSING_QUOTES = "\"»”“’'"
TRAILING_PUNCTUATION = ",.;:!?)"
_MARKER = re.compile(r"(?<![^\s!?\"«“„‘'])([@#])([^\s@#]+)")


@dataclass(frozen=True)
class Speaker:
    """Someone present who may be named with ``@``."""

    id: str
    pseudonym: str
    name: str = ""
    may_be_noted: bool = True
    """False when the person refused note-taking: nothing may be attributed to them."""


class ProblemKind(StrEnum):
    """Why a note cannot be saved as typed."""

    UNKNOWN_SPEAKER = "unknown-speaker"
    AMBIGUOUS_SPEAKER = "ambiguous-speaker"
    NOT_NOTED = "not-noted"
    TWO_SPEAKERS = "two-speakers"
    EMPTY = "empty"


@dataclass(frozen=True)
class SyntaxProblem:
    """One problem and the word that caused it (``@Xyz``)."""

    kind: ProblemKind
    token: str = ""


@dataclass(frozen=True)
class ParsedNote:
    """What the entry line says once its markers are read."""

    text: str
    kind: NoteKind | None = None
    """None: no mark was typed, the phase's usual kind applies."""
    off_record: bool = False
    speaker_id: str = ""
    themes: tuple[str, ...] = ()
    """Theme names: the codebook's spelling when known, as typed otherwise."""
    new_themes: tuple[str, ...] = ()
    problems: tuple[SyntaxProblem, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the note can be saved."""
        return not self.problems


def fold(text: str) -> str:
    """Case-, accent- and separator-insensitive form used for every match."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


def parse_note(
    line: str, speakers: Sequence[Speaker] = (), themes: Sequence[str] = ()
) -> ParsedNote:
    """Read an entry line.

    Args:
        line: what was typed.
        speakers: the people present (refusals included, so that naming them is caught).
        themes: the codebook's theme names.
    """
    problems: list[SyntaxProblem] = []
    speaker_ids: list[str] = []
    found_themes: list[str] = []
    new_themes: list[str] = []
    for sigil, word in _MARKER.findall(line):
        word = word.rstrip(TRAILING_PUNCTUATION)
        if not word:
            continue
        if sigil == "@":
            speaker, problem = _resolve_speaker(word, speakers)
            if problem is not None:
                problems.append(problem)
            elif speaker is not None and speaker.id not in speaker_ids:
                speaker_ids.append(speaker.id)
        else:
            _add_theme(word, themes, found_themes, new_themes)
    if len(speaker_ids) > 1:
        problems.append(SyntaxProblem(ProblemKind.TWO_SPEAKERS))
    text, kind, off_record = _read_marks(_strip_markers(line))
    if not text:
        problems.append(SyntaxProblem(ProblemKind.EMPTY))
    return ParsedNote(
        text=text,
        kind=kind,
        off_record=off_record,
        speaker_id=speaker_ids[0] if len(speaker_ids) == 1 else "",
        themes=tuple(found_themes),
        new_themes=tuple(new_themes),
        problems=tuple(problems),
    )


def _strip_markers(line: str) -> str:
    """The line without its ``@`` and ``#`` words, spaces tidied."""
    without = _MARKER.sub(lambda match: _keep_punctuation(match.group(2)), line)
    return " ".join(without.split())


def _keep_punctuation(word: str) -> str:
    stripped = word.rstrip(TRAILING_PUNCTUATION)
    return word[len(stripped) :] if stripped else word


def _read_marks(text: str) -> tuple[str, NoteKind | None, bool]:
    """Leading ``!``, ``?`` and quote marks, in any order."""
    kind: NoteKind | None = None
    off_record = False
    while text and text[0] in "!?" + OPENING_QUOTES:
        mark, text = text[0], text[1:].lstrip()
        if mark == "!":
            off_record = True
        elif mark == "?":
            kind = kind or NoteKind.QUESTION
        else:
            kind = NoteKind.VERBATIM
            if text and text[-1] in CLOSING_QUOTES:
                text = text[:-1].rstrip()
    text = text.lstrip(" ,:;")
    return text, kind, off_record


def _resolve_speaker(
    word: str, speakers: Sequence[Speaker]
) -> tuple[Speaker | None, SyntaxProblem | None]:
    key = fold(word)
    by_pseudonym = [s for s in speakers if fold(s.pseudonym) == key]
    matches = by_pseudonym or [s for s in speakers if key in _name_keys(s)]
    token = "@" + word
    if not matches:
        return None, SyntaxProblem(ProblemKind.UNKNOWN_SPEAKER, token)
    if len(matches) > 1:
        return None, SyntaxProblem(ProblemKind.AMBIGUOUS_SPEAKER, token)
    if not matches[0].may_be_noted:
        return None, SyntaxProblem(ProblemKind.NOT_NOTED, token)
    return matches[0], None


def _name_keys(speaker: Speaker) -> set[str]:
    words = speaker.name.split()
    return {fold(speaker.name), *(fold(word) for word in words)} - {""}


def _add_theme(word: str, codebook: Sequence[str], found: list[str], new: list[str]) -> None:
    key = fold(word)
    known = next((name for name in codebook if fold(name) == key), None)
    name = known or word
    if fold(name) in {fold(existing) for existing in found}:
        return
    found.append(name)
    if known is None:
        new.append(name)


def speaker_handle(speaker: Speaker, speakers: Sequence[Speaker]) -> str:
    """How to name someone after ``@``: their first name if nobody shares it, else the pseudonym."""
    words = speaker.name.split()
    if words:
        first = fold(words[0])
        sharing = [s for s in speakers if first in _name_keys(s) or fold(s.pseudonym) == first]
        if len(sharing) == 1:
            return words[0]
    return speaker.pseudonym


def theme_handle(name: str) -> str:
    """A theme name as one word after ``#`` (spaces and punctuation become dashes)."""
    return "-".join(re.sub(r"[^\w-]+", " ", name).split())


def complete(line: str, speakers: Sequence[Speaker] = (), themes: Sequence[str] = ()) -> list[str]:
    """Candidates for the ``@`` or ``#`` word at the end of ``line``, best first.

    Each candidate is the whole word to put in place of the one being typed (``@Sophie``).
    People who refused note-taking are never offered.
    """
    word = _typed_marker(line)
    if not word:
        return []
    typed = fold(word[1:])
    if word[0] == "@":
        return _speaker_candidates(typed, speakers)
    handles = [theme_handle(name) for name in themes]
    return ["#" + h for h in sorted(handles, key=str.casefold) if fold(h).startswith(typed)]


def _speaker_candidates(typed: str, speakers: Sequence[Speaker]) -> list[str]:
    noted = [s for s in speakers if s.may_be_noted]
    found: list[str] = []
    for speaker in sorted(noted, key=lambda s: _pseudonym_order(s.pseudonym)):
        handle = speaker_handle(speaker, noted)
        if fold(speaker.pseudonym).startswith(typed):
            found.append("@" + speaker.pseudonym)
        elif any(key.startswith(typed) for key in _name_keys(speaker)):
            found.append("@" + handle)
    return found


def _pseudonym_order(pseudonym: str) -> tuple[str, int]:
    """P2 before P10."""
    digits = "".join(ch for ch in pseudonym if ch.isdigit())
    letters = "".join(ch for ch in pseudonym if not ch.isdigit())
    return letters.casefold(), int(digits) if digits else 0


def _typed_marker(line: str) -> str:
    """The ``@…`` or ``#…`` word being typed at the end of ``line`` ("" if none)."""
    if not line or line[-1].isspace():
        return ""
    word = line.split()[-1].lstrip("!?" + OPENING_QUOTES)
    return word if word[:1] in ("@", "#") else ""


def complete_line(line: str, candidate: str) -> str:
    """``line`` with the marker word being typed replaced by ``candidate``."""
    word = _typed_marker(line)
    return line[: len(line) - len(word)] + candidate if word else line
