"""What a withdrawal will reach, counted before the person confirms (TUI dialog, CLI).

Withdrawal must be as easy as giving consent and explained before it happens (GDPR art. 7(3)):
the counts here let the screen say exactly what is destroyed and what cannot be reached.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from appsession.privacy.access import Person, person_by_id

if TYPE_CHECKING:
    from appsession.vault import Vault, WithdrawalReport


@dataclass(frozen=True)
class WithdrawalPreview:
    """Counts of what a withdrawal destroys; ``session_number`` 0 means every session."""

    person: Person
    notes: int
    situations: int
    cited_items: int
    session_number: int = 0


def preview(vault: Vault, participant_id: str, session_id: str | None = None) -> WithdrawalPreview:
    """Count the person's notes, situations and the draft items citing those notes."""
    person = person_by_id(vault, participant_id)
    sessions = vault.sessions(person.group.id)
    chosen = [s for s in sessions if session_id is None or s.id == session_id]
    note_ids = {
        note.id
        for session in chosen
        for note in vault.notes(session.id)
        if note.speaker_id == participant_id
    }
    situations = 0
    if session_id is None:
        situations = sum(
            1 for s in vault.situations(person.group.id) if s.presenter_id == participant_id
        )
    cited = sum(
        1 for item in vault.draft_items(person.intervention.id) if note_ids & set(item.evidence)
    )
    number = chosen[0].number if session_id is not None and chosen else 0
    return WithdrawalPreview(person, len(note_ids), situations, cited, number)


def withdraw(vault: Vault, participant_id: str, session_id: str | None = None) -> WithdrawalReport:
    """Crypto-shred the person's contributions (everywhere, or in one session)."""
    return vault.withdraw(participant_id, session_id)
