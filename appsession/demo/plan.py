"""A deterministic demo intervention: the same seed and sizes always give the same content.

The plan is plain data with its own keys (no vault ids); ``demo.build`` writes it into a vault.
Sessions are produced one at a time so that a 72,000-note demo never sits in memory whole.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from appsession.demo.cast import CIRCLES, Circle
from appsession.demo.fillers import FILLERS, SITUATIONS
from appsession.demo.phrases import PHASE_WEIGHTS, PHRASES, Phrase

FIRST_MONTH = date(2025, 9, 1)
"""Sessions are monthly from September 2025, on the group's weekday of the second week."""
OFF_RECORD_SHARE = 0.03
"""Share of the facilitator's notes marked off the record."""
CODED_SHARE = 0.7
"""Share of notes whose template themes the facilitator actually tagged."""
_ELISION = re.compile(r"\b([dD]|[qQ]u)e (une?\b|[aeiouyhéèêàâîôûAEIOUYHÉÈÊÀÂÎÔÛ])")
"""French elision once slots are filled: "de un" → "d'un", "que une" → "qu'une"."""


@dataclass(frozen=True)
class DemoSize:
    """How big a demo to make: ``sessions`` in all (over both groups), notes in each."""

    sessions: int = 12
    notes_per_session: int = 40
    seed: int = 1

    def sessions_of(self, group_index: int) -> int:
        """Group 1 gets the odd session slots, group 2 the even ones."""
        return (self.sessions + (1 - group_index)) // 2


@dataclass(frozen=True)
class DemoNote:
    """A note with the keys of its speaker ("" for the facilitator) and themes."""

    phase: str
    kind: str
    text: str = field(repr=False)
    speaker: str = ""
    themes: tuple[str, ...] = ()
    off_record: bool = False


@dataclass(frozen=True)
class DemoSituation:
    """A situation proposed in a session: chosen for it, or kept for later."""

    key: str
    presenter: str
    title: str = field(repr=False)


@dataclass(frozen=True)
class DemoSession:
    """One meeting: who came, which situation was chosen, which were kept, and the notes."""

    group: str
    number: int
    day: date
    attendance: tuple[str, ...]
    chosen: DemoSituation
    kept: tuple[DemoSituation, ...]
    notes: tuple[DemoNote, ...] = field(repr=False)


def member_key(circle: Circle, index: int) -> str:
    """A participant's key in the plan: the group key and their place in it."""
    return f"{circle.key}-{index + 1:02d}"


def session_day(circle: Circle, number: int) -> date:
    """The group's weekday in the second week of the session's month."""
    month_index = FIRST_MONTH.month - 1 + number - 1
    first = date(FIRST_MONTH.year + month_index // 12, month_index % 12 + 1, 8)
    return first + timedelta(days=(circle.weekday - first.weekday()) % 7)


def spread(total: int) -> dict[str, int]:
    """Split ``total`` notes over the phases by weight (largest remainders; order kept)."""
    weights = sum(PHASE_WEIGHTS.values())
    exact = {phase: total * weight / weights for phase, weight in PHASE_WEIGHTS.items()}
    counts = {phase: int(share) for phase, share in exact.items()}
    leftover = total - sum(counts.values())
    by_remainder = sorted(exact, key=lambda phase: (counts[phase] - exact[phase], phase))
    for phase in by_remainder[:leftover]:
        counts[phase] += 1
    return counts


def demo_sessions(size: DemoSize) -> Iterator[DemoSession]:
    """Every session of both groups, alternating, in date order within each group."""
    writers = [_GroupWriter(circle, size, index) for index, circle in enumerate(CIRCLES)]
    for slot in range(size.sessions):
        writer = writers[slot % len(writers)]
        yield writer.next_session()


class _GroupWriter:
    """Writes one group's sessions in turn, remembering the situations kept for later."""

    def __init__(self, circle: Circle, size: DemoSize, index: int) -> None:
        self.circle = circle
        self.size = size
        self.random = random.Random(f"{size.seed}/{circle.key}")
        self.number = 0
        self.kept: list[DemoSituation] = []
        self.situation_count = 0
        self.speakers = [
            member_key(circle, i) for i, member in enumerate(circle.members) if member.note_taking
        ]
        self.next_presenter = ""
        self.decks: dict[str, list[Phrase]] = {}

    def next_session(self) -> DemoSession:
        """The group's next monthly session."""
        self.number += 1
        present = self._attendance()
        chosen, kept_now = self._situations(present)
        self.next_presenter = kept_now[0].presenter if kept_now else chosen.presenter
        notes = self._notes(chosen, present)
        return DemoSession(
            group=self.circle.key,
            number=self.number,
            day=session_day(self.circle, self.number),
            attendance=tuple(present),
            chosen=chosen,
            kept=tuple(kept_now),
            notes=tuple(notes),
        )

    def _attendance(self) -> list[str]:
        """Most members come; at least four who agreed to note-taking always do."""
        keys = [member_key(self.circle, i) for i in range(len(self.circle.members))]
        present = [key for key in keys if self.random.random() < 0.85]
        for key in self.speakers[:4]:
            if key not in present:
                present.append(key)
        return sorted(present)

    def _new_situation(self, presenter: str) -> DemoSituation:
        self.situation_count += 1
        title = self._fill(self.random.choice(SITUATIONS), presenter)
        return DemoSituation(f"{self.circle.key}-s{self.situation_count:04d}", presenter, title)

    def _situations(self, present: list[str]) -> tuple[DemoSituation, list[DemoSituation]]:
        """A kept situation whose presenter came is chosen first; one new one is kept."""
        candidates = [key for key in self.speakers if key in present]
        waiting = [s for s in self.kept if s.presenter in present]
        chosen = waiting[0] if waiting else self._new_situation(self.random.choice(candidates))
        if chosen in self.kept:
            self.kept.remove(chosen)
        others = [key for key in candidates if key != chosen.presenter]
        kept_now = [self._new_situation(self.random.choice(others))] if others else []
        self.kept.extend(kept_now)
        return chosen, kept_now

    def _notes(self, chosen: DemoSituation, present: list[str]) -> list[DemoNote]:
        """The session's notes, phase by phase."""
        members = [key for key in self.speakers if key in present and key != chosen.presenter]
        notes: list[DemoNote] = []
        for phase, count in spread(self.size.notes_per_session).items():
            for _ in range(count):
                phrase = self._draw(phase)
                notes.append(self._note(phase, phrase, chosen.presenter, members))
        return notes

    def _draw(self, phase: str) -> Phrase:
        """The phase's templates in a shuffled round, so that repeats are spread out."""
        deck = self.decks.setdefault(phase, [])
        if not deck:
            deck.extend(self.random.sample(PHRASES[phase], len(PHRASES[phase])))
        return deck.pop()

    def _note(self, phase: str, phrase: Phrase, presenter: str, members: list[str]) -> DemoNote:
        speaker = {"presenter": presenter, "facilitator": ""}.get(phrase.who)
        if speaker is None:
            speaker = self.random.choice(members) if members else presenter
        coded = phrase.themes and self.random.random() < CODED_SHARE
        off_record = not speaker and self.random.random() < OFF_RECORD_SHARE
        return DemoNote(
            phase=phase,
            kind=phrase.kind,
            text=self._fill(phrase.text, presenter),
            speaker=speaker,
            themes=phrase.themes if coded else (),
            off_record=off_record,
        )

    def _fill(self, template: str, presenter: str) -> str:
        """Fill every slot: ``{prenom}`` is the presenter's first name, ``{suivant}`` the next's."""
        values = {slot: self.random.choice(words) for slot, words in FILLERS.items()}
        text = template.format(
            prenom=self._first_name(presenter),
            suivant=self._first_name(self.next_presenter or presenter),
            **values,
        )
        text = _ELISION.sub(r"\1'\2", text)
        return text[0].upper() + text[1:]

    def _first_name(self, key: str) -> str:
        index = int(key.rsplit("-", 1)[1]) - 1
        return self.circle.members[index].name.split()[0]
