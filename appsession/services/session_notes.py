"""The notes of a running session: saving, editing, the presenter's veto, and undo.

Every note is durable when ``add_note`` returns (one vault transaction that also clears the
typing autosave, so a note can never come back as "pending" after a crash).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from appsession.core.errors import UserError
from appsession.core.model import Consent, Group, Note, NoteKind, Session, Theme
from appsession.core.note_syntax import Speaker, SyntaxProblem, fold, parse_note
from appsession.core.nudges import Nudge, NudgeKind, nudges_for
from appsession.core.protocol import Phase
from appsession.core.session_run import SessionRun
from appsession.i18n import _

if TYPE_CHECKING:
    from appsession.vault import Vault


@dataclass(frozen=True)
class NoteOutcome:
    """What saving an entry line gave: the note, or the problems that kept it unsaved."""

    note: Note | None
    problems: tuple[SyntaxProblem, ...] = ()
    nudges: tuple[Nudge, ...] = ()
    new_themes: tuple[str, ...] = ()


@dataclass(frozen=True)
class UndoStep:
    """Notes as they were before a deletion or a veto."""

    kind: str
    notes: tuple[Note, ...]


def default_kind(phase: Phase) -> NoteKind:
    """The phase's main kind of note; a verbatim always needs its quote mark."""
    return next((k for k in phase.note_kinds if k is not NoteKind.VERBATIM), NoteKind.OBSERVATION)


def created(note: Note) -> datetime:
    """When the note was first saved."""
    return datetime.fromisoformat(note.created_at)


class NoteBook:
    """What ``LiveSession`` does with notes (it provides the state declared here)."""

    session: Session
    group: Group
    run: SessionRun
    themes: list[Theme]
    notes: list[Note]
    consents: dict[str, Consent]
    off_record_mode: bool
    muted: set[NudgeKind]
    undo_steps: list[UndoStep]
    last_pending: str

    @property
    def vault(self) -> Vault:
        """The open vault (``LiveSession`` provides it)."""
        raise NotImplementedError

    def speakers(self) -> list[Speaker]:
        """The people present (``LiveSession`` provides them)."""
        raise NotImplementedError

    def default_speaker(self) -> str:
        """Who speaks when no ``@`` is typed (``LiveSession`` decides)."""
        raise NotImplementedError

    def may_be_noted(self, participant_id: str) -> bool:
        """Whether a note may be attributed to someone (``LiveSession`` decides)."""
        raise NotImplementedError

    def _write_pending(self, text: str) -> None:
        raise NotImplementedError

    def theme_names(self) -> list[str]:
        """The codebook's names."""
        return [theme.name for theme in self.themes]

    def situation_notes(self) -> list[Note]:
        """The notes of the current situation (or, outside situations, of the session)."""
        wanted = self.run.situation_id if self.run.situation else ""
        return [note for note in self.notes if note.situation_id == wanted]

    def add_note(self, line: str) -> NoteOutcome:
        """Save an entry line as a note, durably, with the typing autosave cleared."""
        parsed = parse_note(line, self.speakers(), self.theme_names())
        if not parsed.ok:
            return NoteOutcome(None, parsed.problems)
        phase = self.run.step.phase
        kind = parsed.kind or default_kind(phase)
        with self.vault.batch():
            themes = self._theme_ids(parsed.themes)
            note = self.vault.save_note(
                Note(
                    id="",
                    session_id=self.session.id,
                    text=parsed.text,
                    phase_id=phase.id,
                    situation_id=self.run.situation_id,
                    speaker_id=parsed.speaker_id or self.default_speaker(),
                    kind=kind,
                    themes=tuple(theme.id for theme in themes),
                    off_record=parsed.off_record or self.off_record_mode,
                )
            )
            if self.last_pending:
                self._write_pending("")
        self._remember_themes(themes)
        self.notes.append(note)
        nudges = [n for n in nudges_for(parsed.text, kind, phase) if n.kind not in self.muted]
        return NoteOutcome(note, (), tuple(nudges), parsed.new_themes)

    def _theme_ids(self, names: tuple[str, ...]) -> list[Theme]:
        """The codebook's themes for ``names`` (matched loosely); new names are added."""
        known = {fold(theme.name): theme for theme in self.themes}
        found: dict[str, Theme] = {}
        for name in names:
            key = fold(name)
            if key and key not in found:
                found[key] = known.get(key) or self.vault.add_theme(
                    self.group.intervention_id, name
                )
        return list(found.values())

    def _remember_themes(self, themes: list[Theme]) -> None:
        known = {theme.id for theme in self.themes}
        self.themes.extend(theme for theme in themes if theme.id not in known)

    def update_note(self, note: Note) -> Note:
        """Save an edited note (its revision goes up)."""
        saved = self.vault.save_note(note)
        self._replace([saved])
        return saved

    def change_note(
        self,
        note: Note,
        text: str,
        kind: NoteKind,
        speaker_id: str,
        themes: tuple[str, ...],
        off_record: bool,
    ) -> Note:
        """Save an edit or a re-tag (its revision goes up).

        Raises:
            UserError: the new speaker refused note-taking.
        """
        if speaker_id and speaker_id != note.speaker_id and not self.may_be_noted(speaker_id):
            raise UserError(_("No note may be attributed to this person (no agreement)."))
        with self.vault.batch():
            found = self._theme_ids(themes)
            saved = self.vault.save_note(
                dataclasses.replace(
                    note,
                    text=text,
                    kind=kind,
                    speaker_id=speaker_id,
                    themes=tuple(theme.id for theme in found),
                    off_record=off_record,
                )
            )
        self._remember_themes(found)
        self._replace([saved])
        return saved

    def delete_note(self, note: Note) -> None:
        """Delete a note; ``undo`` brings it back."""
        self.vault.delete_note(note.id)
        self.notes = [n for n in self.notes if n.id != note.id]
        self.undo_steps.append(UndoStep("delete", (note,)))

    def exchange(self, minutes: float) -> list[Note]:
        """The current exchange: this step's notes on the record since ``run.exchange_start``."""
        since = self.run.exchange_start(minutes)
        phase_id, situation_id = self.run.step.phase.id, self.run.situation_id
        return [
            note
            for note in self.notes
            if note.phase_id == phase_id
            and note.situation_id == situation_id
            and not note.off_record
            and created(note) >= since
        ]

    def veto(self, minutes: float) -> list[Note]:
        """The presenter's veto: the current exchange goes off the record, and so do the next
        notes until ``resume_record`` (or the next phase)."""
        targets = self.exchange(minutes)
        with self.vault.batch():
            saved = [self.vault.save_note(dataclasses.replace(n, off_record=True)) for n in targets]
            self.vault.record_event("veto", session_id=self.session.id, notes=len(saved))
        self._replace(saved)
        self.undo_steps.append(UndoStep("veto", tuple(targets)))
        self.off_record_mode = True
        return saved

    def resume_record(self) -> None:
        """New notes are on the record again."""
        self.off_record_mode = False

    def undo(self) -> UndoStep | None:
        """Bring back the last deleted note, or put a vetoed exchange back on the record."""
        if not self.undo_steps:
            return None
        step = self.undo_steps.pop()
        with self.vault.batch():
            restored = [self.vault.save_note(note) for note in step.notes]
        if step.kind == "veto":
            self.off_record_mode = False
        self._replace(restored)
        return step

    def _replace(self, saved: list[Note]) -> None:
        by_id = {note.id: note for note in saved}
        kept = [by_id.pop(note.id, note) for note in self.notes]
        self.notes = sorted([*kept, *by_id.values()], key=lambda n: (n.created_at, n.id))
