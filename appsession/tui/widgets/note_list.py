"""The situation's notes: one line each, newest at the bottom; keys to edit, re-tag, delete."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from appsession.core.model import Note, NoteKind
from appsession.core.note_syntax import theme_handle
from appsession.i18n import _
from appsession.services.session import LiveSession, created

KIND_MARKS = {NoteKind.QUESTION: "?", NoteKind.VERBATIM: "«", NoteKind.HYPOTHESIS: "~"}


def note_line(live: LiveSession, note: Note) -> Text:
    """How a note reads in the list: time, mark, speaker, text, themes."""
    line = Text(no_wrap=False)
    line.append(f"{created(note).astimezone():%H:%M} ", style="dim")
    line.append(KIND_MARKS.get(note.kind, "·") + " ", style="bold")
    person = live.participants.get(note.speaker_id)
    if person is not None:
        line.append(person.pseudonym + " ", style="bold")
    text = f"« {note.text} »" if note.kind is NoteKind.VERBATIM else note.text
    line.append(text, style="strike dim" if note.off_record else "")
    names = {theme.id: theme.name for theme in live.themes}
    for theme_id in note.themes:
        line.append(" #" + theme_handle(names.get(theme_id, "?")), style="italic dim")
    if note.off_record:
        line.append("  " + _("off the record"), style="bold")
    return line


class NoteList(OptionList):
    """Notes of the current situation, to pick one (shown with F7, in place of the feed)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e,enter", "edit", _("Edit"), id="note-edit"),
        Binding("t", "retag", _("Themes"), id="note-retag"),
        Binding("o", "off_record", _("On/off the record"), id="note-off"),
        Binding("delete", "delete", _("Delete"), id="note-delete"),
        Binding("escape", "back", _("Back to typing"), id="note-back"),
    ]

    class Act(Message):
        """The facilitator asks for something on the highlighted note."""

        def __init__(self, action: str, note_id: str) -> None:
            super().__init__()
            self.action = action
            self.note_id = note_id

    def show(self, live: LiveSession, notes: list[Note]) -> None:
        """Replace the lines, keeping the highlighted note (else the newest)."""
        previous = self.highlighted_id()
        self.clear_options()
        self.add_options([Option(note_line(live, note), id=note.id) for note in notes])
        if previous and previous in {note.id for note in notes}:
            self.highlighted = self.get_option_index(previous)
        elif notes:
            self.highlighted = len(notes) - 1
            self.call_after_refresh(self.scroll_to_highlight)

    def highlighted_id(self) -> str:
        """The id of the highlighted note ("" if none)."""
        if self.highlighted is None or self.option_count == 0:
            return ""
        return self.get_option_at_index(self.highlighted).id or ""

    def _act(self, action: str) -> None:
        note_id = self.highlighted_id()
        if note_id:
            self.post_message(self.Act(action, note_id))

    def action_edit(self) -> None:
        """Edit the highlighted note."""
        self._act("edit")

    def action_retag(self) -> None:
        """Change its themes or kind."""
        self._act("retag")

    def action_off_record(self) -> None:
        """Put it on or off the record."""
        self._act("off_record")

    def action_delete(self) -> None:
        """Delete it (Ctrl+Z brings it back)."""
        self._act("delete")

    def action_back(self) -> None:
        """Back to the entry line."""
        self.post_message(self.Act("back", ""))
