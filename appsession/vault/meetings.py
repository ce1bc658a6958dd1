"""Sessions, situations, notes and the typing autosave."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from appsession.core.model import Note, NoteKind, Session, Situation, SituationStatus

from .base import PENDING_FLUSH_SECONDS, Live, VaultBase
from .codec import as_tuple, from_payload, to_payload
from .keyring import new_id
from .owners import (
    contribution_key,
    group_of_session,
    intervention_key,
    intervention_of_group,
    participant_key,
    session_key,
)
from .store import Row

_NOTE_CLEAR = ("id", "session_id", "speaker_id", "revision")


class MeetingsMixin(VaultBase):
    """What happens in sessions: notes are owned by (speaker, session) or by the session."""

    def add_session(
        self,
        group_id: str,
        number: int,
        date: str,
        protocol_id: str,
        protocol_version: str,
        protocol_hash: str,
        length_minutes: int = 180,
        situations: int = 1,
    ) -> Session:
        """A session of the group, with its own random session key."""
        item = Session(
            new_id(),
            group_id,
            number,
            date,
            protocol_id,
            protocol_version,
            protocol_hash,
            length_minutes=length_minutes,
            situations=situations,
        )
        self.update_session(item)
        return item

    def update_session(self, item: Session) -> None:
        """Save attendance, date, frame statement time…"""
        store = self._store()
        with store.transaction():
            intervention_of_group(store, item.group_id)
            store.put(
                "sessions",
                item.id,
                {"group_id": item.group_id},
                to_payload(item, ("id", "group_id")),
                session_key(store, item.id, item.group_id),
            )

    def sessions(self, group_id: str) -> list[Session]:
        """The group's sessions by number."""
        rows = self._store().rows("sessions", group_id=group_id)
        items = [_session(row) for row in rows]
        return sorted(items, key=lambda item: (item.number, item.id))

    def session(self, session_id: str) -> Session:
        """One session."""
        return _session(self._store().get("sessions", session_id))

    def add_situation(self, group_id: str, presenter_id: str, title: str) -> Situation:
        """A situation proposed by a participant (owned by them: withdrawal removes it)."""
        item = Situation(new_id(), group_id, presenter_id, title)
        self.update_situation(item)
        return item

    def update_situation(self, item: Situation) -> None:
        """Change title, status or the session it was chosen for."""
        store = self._store()
        with store.transaction():
            if item.presenter_id:
                cipher = participant_key(store, item.presenter_id)
            else:
                cipher = intervention_key(store, intervention_of_group(store, item.group_id))
            store.put(
                "situations",
                item.id,
                {"group_id": item.group_id, "participant_id": item.presenter_id},
                to_payload(item, ("id", "group_id", "presenter_id")),
                cipher,
            )

    def situations(self, group_id: str) -> list[Situation]:
        """The group's situations (order of proposal is not kept in clear: by title)."""
        rows = self._store().rows("situations", group_id=group_id)
        items = [
            from_payload(
                Situation,
                row.payload,
                {
                    "id": row.row_id,
                    "group_id": row.owners["group_id"],
                    "presenter_id": row.owners["participant_id"],
                },
                {"status": SituationStatus},
            )
            for row in rows
        ]
        return sorted(items, key=lambda item: (item.title, item.id))

    # -- notes ------------------------------------------------------------------------------
    def save_note(self, note: Note) -> Note:
        """Insert (empty or unknown id) or update (revision + 1); durable when it returns."""
        store = self._store()
        note_id = note.id or new_id()
        created = note.created_at or self.clock.now().isoformat(timespec="seconds")
        saved = dataclasses.replace(note, id=note_id, created_at=created)
        with store.transaction():
            if note.speaker_id:
                cipher = contribution_key(store, note.speaker_id, note.session_id)
            else:
                cipher = session_key(store, note.session_id)
            revision = store.put(
                "notes",
                note_id,
                {"session_id": note.session_id, "participant_id": note.speaker_id},
                to_payload(saved, _NOTE_CLEAR),
                cipher,
            )
        return dataclasses.replace(saved, revision=revision)

    def delete_note(self, note_id: str) -> bool:
        """Delete a note (secure_delete zeroes its cells); False if it was not there."""
        return self._store().delete("notes", note_id)

    def note(self, note_id: str) -> Note:
        """One note (``IntegrityError`` naming it if damaged or rolled back)."""
        return _note(self._store().get("notes", note_id))

    def notes(self, session_id: str) -> list[Note]:
        """The session's readable notes in typing order; damaged ones go to ``problems``."""
        rows = self._store().rows("notes", session_id=session_id)
        return sorted((_note(row) for row in rows), key=lambda n: (n.created_at, n.id))

    def all_notes(self) -> Iterator[Note]:
        """Every readable note of the vault, session by session."""
        store = self._store()
        sessions = [row[0] for row in store.conn.execute("SELECT id FROM sessions ORDER BY id")]
        for session_id in sessions:
            yield from self.notes(session_id)

    # -- typing autosave --------------------------------------------------------------------
    def save_pending_text(self, session_id: str, text: str) -> None:
        """Keep what is being typed; written at most every 2 s, and on lock and close."""
        live = self._state()
        live.pending[session_id] = text
        last = live.flushed_at.get(session_id)
        if last is None or self.clock.monotonic() - last >= PENDING_FLUSH_SECONDS:
            self._write_pending(live, session_id)

    def pending_text(self, session_id: str) -> str:
        """The latest typed text of the session (buffered or stored), "" if none."""
        live = self._state()
        if session_id in live.pending:
            return live.pending[session_id]
        row = live.store.find("pending_texts", session_id)
        return "" if row is None else str(row.payload.get("text", ""))

    def flush_pending(self) -> None:
        """Write every buffered typed text now."""
        self._flush_pending(self._state())

    def _flush_pending(self, live: Live) -> None:
        for session_id in list(live.pending):
            self._write_pending(live, session_id)

    def _write_pending(self, live: Live, session_id: str) -> None:
        store = live.store
        with store.transaction():
            store.put(
                "pending_texts",
                session_id,
                {"session_id": session_id},
                {"text": live.pending[session_id]},
                session_key(store, session_id),
            )
        live.pending.pop(session_id, None)
        live.flushed_at[session_id] = self.clock.monotonic()

    def group_of_session(self, session_id: str) -> str:
        """The group id of a session (clear link, no decryption)."""
        return group_of_session(self._store(), session_id)


def _session(row: Row) -> Session:
    return from_payload(
        Session, row.payload, {"id": row.row_id, **row.owners}, {"attendance": as_tuple}
    )


def _note(row: Row) -> Note:
    """Built field by field: this runs for every note loaded (72,000 in a large vault)."""
    payload = row.payload
    return Note(
        id=row.row_id,
        session_id=row.owners["session_id"],
        text=payload.get("text", ""),
        phase_id=payload.get("phase_id", ""),
        situation_id=payload.get("situation_id", ""),
        speaker_id=row.owners["participant_id"],
        kind=NoteKind(payload.get("kind", NoteKind.OBSERVATION)),
        themes=tuple(payload.get("themes", ())),
        off_record=bool(payload.get("off_record", False)),
        revision=row.revision,
        created_at=payload.get("created_at", ""),
    )
