"""Write a demo plan into an unlocked vault, through the vault's public API only."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from appsession.core.model import Consent, Note, NoteKind, Situation, SituationStatus
from appsession.demo.cast import (
    CIRCLES,
    COMMISSIONER,
    FACILITATOR,
    INTERVENTION_TITLE,
    LEGAL_BASIS,
    Circle,
)
from appsession.demo.codebook import CODEBOOK
from appsession.demo.plan import (
    FIRST_MONTH,
    DemoSession,
    DemoSituation,
    DemoSize,
    demo_sessions,
    member_key,
    session_day,
)
from appsession.demo.stamp import ProtocolStamp, protocol_stamp

if TYPE_CHECKING:
    from appsession.vault import Vault

SITUATION_PHASES = frozenset({"expose", "clarification", "hypotheses", "break", "return"})
"""Phases whose notes are about the chosen situation."""
SESSION_START_HOUR = 9


@dataclass(frozen=True)
class DemoSummary:
    """What was written, for the command to report."""

    intervention_id: str
    groups: int
    participants: int
    sessions: int
    situations: int
    notes: int
    seconds: float


Progress = Callable[[int, int], None]
"""Called with (sessions written, sessions in all) after each session."""


def build_demo(vault: Vault, size: DemoSize, progress: Progress | None = None) -> DemoSummary:
    """Write a whole demo intervention into ``vault`` (one transaction per session)."""
    start = time.perf_counter()
    writer = _DemoWriter(vault, protocol_stamp())
    with vault.batch():
        intervention_id = writer.write_cast(size)
    for done, session in enumerate(demo_sessions(size), start=1):
        with vault.batch():
            writer.write_session(session)
        if progress is not None:
            progress(done, size.sessions)
    return DemoSummary(
        intervention_id=intervention_id,
        groups=len(CIRCLES),
        participants=len(writer.people),
        sessions=writer.sessions,
        situations=len(writer.situations),
        notes=writer.notes,
        seconds=time.perf_counter() - start,
    )


class _DemoWriter:
    """Maps the plan's keys to the vault's ids while writing."""

    def __init__(self, vault: Vault, stamp: ProtocolStamp) -> None:
        self.vault = vault
        self.stamp = stamp
        self.groups: dict[str, str] = {}
        self.people: dict[str, str] = {}
        self.themes: dict[str, str] = {}
        self.situations: dict[str, Situation] = {}
        self.sessions = 0
        self.notes = 0

    def write_cast(self, size: DemoSize) -> str:
        """The intervention, its codebook, groups, participants and their consents."""
        last = max(size.sessions_of(0), 1)
        period = f"{FIRST_MONTH:%m/%Y} – {session_day(CIRCLES[0], last):%m/%Y}"
        intervention = self.vault.add_intervention(
            INTERVENTION_TITLE, commissioner=COMMISSIONER, period=period, facilitator=FACILITATOR
        )
        for code in CODEBOOK:
            theme = self.vault.add_theme(
                intervention.id, code.name, code.definition, self.themes.get(code.parent, "")
            )
            self.themes[code.key] = theme.id
        for circle in CIRCLES:
            self._write_circle(intervention.id, circle)
        return intervention.id

    def _write_circle(self, intervention_id: str, circle: Circle) -> None:
        """A group, its members (pseudonyms P1, P2…) and the consent each gave at session 1."""
        group = self.vault.add_group(intervention_id, circle.name)
        self.groups[circle.key] = group.id
        for index, member in enumerate(circle.members):
            person = self.vault.add_participant(
                group.id, member.name, f"P{index + 1}", role=member.role
            )
            self.people[member_key(circle, index)] = person.id
            consent = Consent(
                person.id,
                note_taking=member.note_taking,
                quotable=member.quotable,
                restitution=member.restitution,
                legal_basis=LEGAL_BASIS,
                given_on=session_day(circle, 1).isoformat(),
            )
            self.vault.set_consent(consent)

    def write_session(self, planned: DemoSession) -> None:
        """One session, its situations and its notes."""
        session = self.vault.add_session(
            self.groups[planned.group],
            planned.number,
            planned.day.isoformat(),
            self.stamp.id,
            self.stamp.version,
            self.stamp.sha256,
        )
        attendance = tuple(self.people[key] for key in planned.attendance)
        self.vault.update_session(replace(session, attendance=attendance))
        chosen = self._propose(planned.group, planned.chosen, SituationStatus.CHOSEN, session.id)
        for kept in planned.kept:
            self._propose(planned.group, kept, SituationStatus.KEPT, "")
        for note in self._notes(planned, session.id, chosen.id):
            self.vault.save_note(note)
            self.notes += 1
        self.sessions += 1

    def _propose(
        self, group: str, planned: DemoSituation, status: SituationStatus, session_id: str
    ) -> Situation:
        """Create the situation the first time it is proposed, then set its status."""
        situation = self.situations.get(planned.key)
        if situation is None:
            situation = self.vault.add_situation(
                self.groups[group], self.people[planned.presenter], planned.title
            )
        situation = replace(situation, status=status, session_id=session_id)
        self.vault.update_situation(situation)
        self.situations[planned.key] = situation
        return situation

    def _notes(self, planned: DemoSession, session_id: str, situation_id: str) -> Iterator[Note]:
        """The planned notes as model notes, timed through a three-hour session."""
        count = max(len(planned.notes), 1)
        for index, note in enumerate(planned.notes):
            yield Note(
                id="",
                session_id=session_id,
                text=note.text,
                phase_id=note.phase,
                situation_id=situation_id if note.phase in SITUATION_PHASES else "",
                speaker_id=self.people[note.speaker] if note.speaker else "",
                kind=NoteKind(note.kind),
                themes=tuple(self.themes[key] for key in note.themes),
                off_record=note.off_record,
                created_at=_typed_at(planned.day, index, count),
            )


def _typed_at(day: date, index: int, count: int) -> str:
    """When the ``index``-th of ``count`` notes was typed: spread over 180 minutes from 9:00."""
    start = datetime(day.year, day.month, day.day, SESSION_START_HOUR, tzinfo=UTC)
    moment = start + timedelta(seconds=index * 180 * 60 // count)
    return moment.isoformat(timespec="seconds")
