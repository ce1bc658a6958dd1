"""Situations: proposed, chosen for a session, kept for the next one, done; and the closing.

A proposal that is not chosen is kept: the next session of the group offers it again.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from appsession.core.model import Situation, SituationStatus

if TYPE_CHECKING:
    from appsession.services.session import LiveSession
    from appsession.vault import Vault

NEXT_PRESENTER = "next-presenter"
"""Document kind (one per group): who said they would present at the next session."""
WAITING = (SituationStatus.PROPOSED, SituationStatus.KEPT)


@dataclass(frozen=True)
class Closing:
    """What the closing records and reports."""

    notes: int
    off_record: int
    next_presenter_id: str


def proposals(live: LiveSession) -> list[Situation]:
    """Situations waiting to be chosen, and those chosen for this session."""
    return [
        s
        for s in live.situations.values()
        if s.status in WAITING
        or (s.status is SituationStatus.CHOSEN and s.session_id == live.session.id)
    ]


def propose(live: LiveSession, presenter_id: str, title: str) -> Situation:
    """A new proposal (owned by its presenter, so their withdrawal removes it)."""
    situation = live.vault.add_situation(live.group.id, presenter_id, title.strip())
    live.situations[situation.id] = situation
    return situation


def choose(live: LiveSession, number: int, situation: Situation) -> Situation:
    """Work on ``situation`` as the session's situation ``number``; the others are kept."""
    vault = live.vault
    chosen = dataclasses.replace(
        situation, status=SituationStatus.CHOSEN, session_id=live.session.id
    )
    with vault.batch():
        vault.update_situation(chosen)
        previous = live.situations.get(live.run.chosen.get(number, ""))
        if previous is not None and previous.id != chosen.id:
            _set(live, dataclasses.replace(previous, status=SituationStatus.KEPT, session_id=""))
        for other in list(live.situations.values()):
            if other.status is SituationStatus.PROPOSED:
                _set(live, dataclasses.replace(other, status=SituationStatus.KEPT))
        live.situations[chosen.id] = chosen
        live.run.choose(number, chosen.id)
        live.save_run()
    return chosen


def _set(live: LiveSession, situation: Situation) -> None:
    live.vault.update_situation(situation)
    live.situations[situation.id] = situation


def next_presenter(vault: Vault, group_id: str) -> str:
    """Who said at the last closing they would present next (participant id or "")."""
    data = vault.document(NEXT_PRESENTER, group_id)
    return str(data.get("participant_id", "")) if data else ""


def close(live: LiveSession, next_presenter_id: str) -> Closing:
    """End the session: situations worked on are done, the run is closed and stored."""
    vault = live.vault
    with vault.batch():
        for number, situation_id in live.run.chosen.items():
            situation = live.situations.get(situation_id)
            if situation is not None and number:
                _set(live, dataclasses.replace(situation, status=SituationStatus.DONE))
        live.run.close()
        live.save_run()
        if next_presenter_id:
            vault.put_document(
                NEXT_PRESENTER,
                live.group.id,
                {"participant_id": next_presenter_id},
                intervention_id=live.group.intervention_id,
                participant_id=next_presenter_id,
            )
        else:
            vault.delete_document(NEXT_PRESENTER, live.group.id)
        off = sum(1 for note in live.notes if note.off_record)
        vault.record_event(
            "session-closed", session_id=live.session.id, notes=len(live.notes), off_record=off
        )
    return Closing(len(live.notes), off, next_presenter_id)
