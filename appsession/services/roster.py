"""Interventions, groups, participants and consents, as the Home screen shows them.

Counts come from clear structure (ids and owners) or from small documents, so that the Home
screen of a 72,000-note vault opens without decrypting every note.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from appsession.core.model import Consent, Group, Intervention, Participant, Session

if TYPE_CHECKING:
    from appsession.vault import Vault

RUN_DOCUMENT = "session-run"
"""Document kind holding a running session's state (``SessionRun.to_state``)."""


class SessionStatus(StrEnum):
    """Where a session stands, for the Home screen."""

    PLANNED = "planned"
    IN_PROGRESS = "in-progress"
    DONE = "done"


@dataclass(frozen=True)
class SessionLine:
    """A session with its status."""

    session: Session
    status: SessionStatus


@dataclass(frozen=True)
class GroupLine:
    """A group with its members and sessions, past and next."""

    group: Group
    participants: tuple[Participant, ...]
    sessions: tuple[SessionLine, ...]

    @property
    def next_session(self) -> SessionLine | None:
        """The first session not done yet, if any."""
        return next((line for line in self.sessions if line.status is not SessionStatus.DONE), None)

    @property
    def past(self) -> tuple[SessionLine, ...]:
        """Sessions done, latest first."""
        done = [line for line in self.sessions if line.status is SessionStatus.DONE]
        return tuple(reversed(done))


@dataclass(frozen=True)
class InterventionLine:
    """An intervention and its groups."""

    intervention: Intervention
    groups: tuple[GroupLine, ...] = field(default=())


def overview(vault: Vault, today: date) -> list[InterventionLine]:
    """Every intervention → group → session, with statuses (no note is decrypted)."""
    runs = {doc_id: data for doc_id, data in vault.documents(RUN_DOCUMENT)}
    lines = []
    for intervention in vault.interventions():
        groups = tuple(
            GroupLine(
                group,
                tuple(vault.participants(group.id)),
                tuple(
                    SessionLine(session, session_status(session, runs.get(session.id), today))
                    for session in vault.sessions(group.id)
                ),
            )
            for group in vault.groups(intervention.id)
        )
        lines.append(InterventionLine(intervention, groups))
    return lines


def session_status(session: Session, run: dict[str, object] | None, today: date) -> SessionStatus:
    """Done when closed (or past and never run here), in progress once started, else planned."""
    if run is not None:
        return SessionStatus.DONE if run.get("closed_at") else SessionStatus.IN_PROGRESS
    try:
        day = date.fromisoformat(session.date)
    except ValueError:
        return SessionStatus.PLANNED
    return SessionStatus.DONE if day < today else SessionStatus.PLANNED


def find_group(vault: Vault, group_id: str) -> Group:
    """A group by id (the vault lists groups per intervention).

    Raises:
        KeyError: no readable group has that id.
    """
    for intervention in vault.interventions():
        for group in vault.groups(intervention.id):
            if group.id == group_id:
                return group
    raise KeyError(group_id)


def next_pseudonym(participants: list[Participant]) -> str:
    """``P{n}`` with n one more than the highest used, so pseudonyms are never reused."""
    numbers = [
        int(p.pseudonym[1:])
        for p in participants
        if p.pseudonym[:1] == "P" and p.pseudonym[1:].isdigit()
    ]
    return f"P{max(numbers, default=0) + 1}"


def consent_needed(vault: Vault, participant_ids: list[str]) -> list[Participant]:
    """The people among ``participant_ids`` never asked about note-taking (newcomers)."""
    needed = []
    for participant_id in participant_ids:
        if vault.consent(participant_id).note_taking is None:
            needed.append(vault.participant(participant_id))
    return needed


def record_consent(
    vault: Vault, participant_id: str, agrees: bool, quotable: bool, restitution: bool, day: date
) -> Consent:
    """Save a participant's answer; a refusal clears the other flags."""
    current = vault.consent(participant_id)
    consent = dataclasses.replace(
        current,
        note_taking=agrees,
        quotable=agrees and quotable,
        restitution=agrees and restitution,
        given_on=day.isoformat(),
    )
    vault.set_consent(consent)
    vault.record_event("consent-recorded", participant_id=participant_id)
    return consent
