"""A session being run: who is there, where the plan is, the typing autosave and run state.

The notes themselves (saving, editing, veto, undo) are in ``session_notes``. Screens keep no
note text of their own beyond what ``LiveSession.notes`` holds.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from appsession.core.errors import UserError
from appsession.core.model import (
    Consent,
    Group,
    Note,
    Participant,
    Session,
    Situation,
    Theme,
)
from appsession.core.note_syntax import Speaker
from appsession.core.nudges import NudgeKind
from appsession.core.plan import plan_session
from appsession.core.protocol import Protocol
from appsession.core.session_run import SessionRun
from appsession.i18n import _
from appsession.services.roster import RUN_DOCUMENT, find_group
from appsession.services.session_notes import (
    NoteBook,
    NoteOutcome,
    UndoStep,
    created,
    default_kind,
)

__all__ = ["LiveSession", "NoteOutcome", "UndoStep", "created", "default_kind"]

if TYPE_CHECKING:
    from appsession.services import AppContext
    from appsession.vault import Vault


@dataclass
class LiveSession(NoteBook):
    """Everything the session screen shows, loaded once and kept in step with the vault."""

    context: AppContext
    session: Session
    group: Group
    protocol: Protocol
    run: SessionRun
    participants: dict[str, Participant]
    consents: dict[str, Consent]
    themes: list[Theme]
    notes: list[Note]
    situations: dict[str, Situation]
    protocol_changed: bool = False
    off_record_mode: bool = False
    muted: set[NudgeKind] = field(default_factory=set)
    undo_steps: list[UndoStep] = field(default_factory=list)
    last_pending: str = ""

    @classmethod
    def open(cls, context: AppContext, session_id: str) -> LiveSession:
        """Load a session, its protocol, people, codebook, notes and saved run state.

        Raises:
            UserError: the session's protocol is no longer in the library.
        """
        vault = context.vault
        session = vault.session(session_id)
        group = find_group(vault, session.group_id)
        protocols, _problems = context.library.load()
        protocol = protocols.get(session.protocol_id)
        if protocol is None:
            raise UserError(
                _("the protocol “{id}” of this session is not in the library any more").format(
                    id=session.protocol_id
                )
            )
        plan = plan_session(protocol, session.length_minutes, session.situations)
        state = vault.document(RUN_DOCUMENT, session.id)
        run = (
            SessionRun.from_state(plan, context.clock, state)
            if state
            else SessionRun.begin(plan, context.clock)
        )
        participants = {p.id: p for p in vault.participants(group.id)}
        live = cls(
            context=context,
            session=session,
            group=group,
            protocol=protocol,
            run=run,
            participants=participants,
            consents={pid: vault.consent(pid) for pid in participants},
            themes=vault.themes(group.intervention_id),
            notes=vault.notes(session.id),
            situations={s.id: s for s in vault.situations(group.id)},
            protocol_changed=protocol.sha256 != session.protocol_hash,
        )
        live.last_pending = vault.pending_text(session.id)
        return live

    @property
    def vault(self) -> Vault:
        """The open vault."""
        return self.context.vault

    # -- people --------------------------------------------------------------------------
    def present(self) -> list[Participant]:
        """The attendance, in the order it was ticked."""
        return [
            self.participants[pid] for pid in self.session.attendance if pid in self.participants
        ]

    def may_be_noted(self, participant_id: str) -> bool:
        """Only an explicit agreement lets a note be attributed to someone."""
        consent = self.consents.get(participant_id)
        return consent is not None and consent.note_taking is True

    def not_noted(self) -> list[Participant]:
        """Present people to whom no note may be attributed (they refused)."""
        return [p for p in self.present() if not self.may_be_noted(p.id)]

    def speakers(self) -> list[Speaker]:
        """The present people as the note syntax knows them."""
        return [Speaker(p.id, p.pseudonym, p.name, self.may_be_noted(p.id)) for p in self.present()]

    def situation(self) -> Situation | None:
        """The situation being worked on now, if chosen."""
        return self.situations.get(self.run.situation_id)

    def situation_for(self, number: int) -> Situation | None:
        """The situation chosen as the session's situation ``number``."""
        return self.situations.get(self.run.chosen.get(number, ""))

    def default_speaker(self) -> str:
        """The presenter, in a phase where only the presenter speaks (and agreed to notes)."""
        situation = self.situation()
        phase = self.run.step.phase
        if situation is None or phase.speakers != ("presenter",):
            return ""
        presenter = situation.presenter_id
        present = presenter in self.session.attendance
        return presenter if present and self.may_be_noted(presenter) else ""

    # -- notes ---------------------------------------------------------------------------
    # -- autosave and run state ------------------------------------------------------------
    def autosave(self, text: str) -> bool:
        """Keep what is being typed (encrypted); True if something was written."""
        if text == self.last_pending:
            return False
        self._write_pending(text)
        return True

    def _write_pending(self, text: str) -> None:
        self.vault.save_pending_text(self.session.id, text)
        self.vault.flush_pending()
        self.last_pending = text

    def save_run(self) -> None:
        """Store where the session is (step, time spent, chosen situations)."""
        self.vault.put_document(
            RUN_DOCUMENT, self.session.id, self.run.to_state(), session_id=self.session.id
        )

    def state_frame(self) -> None:
        """Record that the frame was stated (when, never what was said)."""
        moment = self.context.clock.now().isoformat(timespec="seconds")
        self.session = dataclasses.replace(self.session, frame_stated_at=moment)
        self.vault.update_session(self.session)
        self.vault.record_event("frame-stated", session_id=self.session.id)
