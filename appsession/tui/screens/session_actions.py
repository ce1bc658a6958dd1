"""What the session screen's keys do to notes: save, edit, re-tag, delete, veto, undo."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from textual import on
from textual.app import SystemCommand
from textual.screen import Screen
from textual.widgets import Input, Static

from appsession.core.errors import UserError
from appsession.core.nudges import NudgeKind
from appsession.i18n import _
from appsession.services import AppContext
from appsession.services.session import LiveSession
from appsession.tui.dialogs.note_edit import NoteChange, NoteEditDialog
from appsession.tui.settings import TuiSettings
from appsession.tui.texts import problems_text
from appsession.tui.widgets.note_feed import NoteFeed
from appsession.tui.widgets.note_list import NoteList
from appsession.vault import VaultError


class SessionActions(Screen[None]):
    """The session screen's behaviour; ``SessionScreen`` adds layout and timers."""

    context: AppContext
    live: LiveSession
    nudge_kinds: list[str]

    def refresh_all(self) -> None:
        """Redraw everything (the screen implements it)."""
        raise NotImplementedError

    def tick(self) -> None:
        """Redraw the clock (the screen implements it)."""
        raise NotImplementedError

    def save_run(self) -> None:
        """Store the run state (the screen implements it)."""
        raise NotImplementedError

    def app_settings(self) -> TuiSettings:
        """The app's settings (defaults when run outside appsession's app)."""
        settings = getattr(self.app, "settings", None)
        return settings if isinstance(settings, TuiSettings) else TuiSettings()

    def entry(self) -> Input:
        """The entry line."""
        return self.query_one("#entry", Input)

    # -- notes ---------------------------------------------------------------------------
    @on(Input.Submitted, "#entry")
    def _save_note(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            return
        try:
            outcome = self.live.add_note(event.value)
        except VaultError as error:
            self.notify(str(error), title=_("Not saved"), severity="error")
            return
        if outcome.note is None:
            self.notify(problems_text(outcome.problems), title=_("Not saved"), severity="warning")
            return
        event.input.value = ""
        self.query_one(NoteFeed).add_note(self.live, outcome.note)
        if outcome.new_themes:
            self.notify(
                _("New theme(s) in the codebook: {names}").format(
                    names=", ".join(outcome.new_themes)
                )
            )
        self._show_nudges([(n.kind.value, n.message) for n in outcome.nudges])
        self.tick()

    def _show_nudges(self, nudges: list[tuple[str, str]]) -> None:
        bar = self.query_one("#nudge", Static)
        self.nudge_kinds = [kind for kind, _message in nudges]
        if not nudges:
            bar.set_class(False, "-visible")
            return
        text = " ".join(message for _kind, message in nudges)
        bar.update(text + "  " + _("(Esc: dismiss)"))
        bar.set_class(True, "-visible")

    def action_dismiss_nudge(self) -> None:
        """Hide the reminder."""
        self._show_nudges([])

    def mute_nudges(self) -> None:
        """No more reminders of the kinds shown, for this session."""
        self.live.muted.update(NudgeKind(kind) for kind in self.nudge_kinds)
        self._show_nudges([])
        self.notify(_("No more such reminders in this session."))

    def action_notes(self) -> None:
        """Go to the notes list to edit, re-tag or delete."""
        notes = self.query_one(NoteList)
        if self.live.situation_notes():
            self.add_class("-editing")
            notes.clear_options()
            notes.show(self.live, self.live.situation_notes())
            notes.focus()
        else:
            self.notify(_("No notes yet in this part of the session."))

    @on(NoteList.Act)
    def _note_action(self, event: NoteList.Act) -> None:
        if event.action == "back":
            self.back_to_typing()
            return
        note = next((n for n in self.live.notes if n.id == event.note_id), None)
        if note is None:
            return
        try:
            if event.action in ("edit", "retag"):
                self._edit(note.id, event.action == "retag")
            elif event.action == "off_record":
                self.live.update_note(dataclasses.replace(note, off_record=not note.off_record))
            elif event.action == "delete":
                self.live.delete_note(note)
                self.notify(_("Note deleted. Ctrl+Z brings it back."))
        except VaultError as error:
            self.notify(str(error), severity="error")
        self.refresh_all()

    def back_to_typing(self) -> None:
        """The feed again, and the entry line."""
        self.remove_class("-editing")
        self.query_one(NoteFeed).show(self.live, self.live.situation_notes())
        self.entry().focus()

    def _edit(self, note_id: str, themes: bool) -> None:
        if any(isinstance(screen, NoteEditDialog) for screen in self.app.screen_stack):
            return
        note = next(n for n in self.live.notes if n.id == note_id)

        def changed(change: NoteChange | None) -> None:
            if change is None:
                return
            try:
                self.live.change_note(note, **dataclasses.asdict(change))
            except UserError as error:
                self.notify(str(error), severity="error")
            self.refresh_all()

        self.app.push_screen(NoteEditDialog(self.live, note, focus_themes=themes), changed)

    def action_undo(self) -> None:
        """Bring back the last deleted note, or undo the last veto."""
        step = self.live.undo()
        if step is None:
            self.notify(_("Nothing to undo."))
        elif step.kind == "veto":
            self.notify(_("The exchange is back on the record."))
        else:
            self.notify(_("The note is back."))
        self.refresh_all()

    def action_veto(self) -> None:
        """The presenter's veto: the current exchange goes off the record at once."""
        if self.live.off_record_mode:
            self.live.resume_record()
            self.notify(_("Back on the record."))
        else:
            minutes = self.app_settings().exchange_minutes
            saved = self.live.veto(minutes)
            self.notify(
                _(
                    "Veto: {count} note(s) of the last {minutes} min off the record. "
                    "New notes stay off the record until F8."
                ).format(count=len(saved), minutes=f"{minutes:g}"),
                title=_("Off the record"),
            )
        self.refresh_all()

    def palette_commands(self) -> Iterable[SystemCommand]:
        """Commands without a key."""
        yield SystemCommand(
            _("Reminders: silence these for the session"),
            _("No more reminders of the kind just shown"),
            self.mute_nudges,
        )
