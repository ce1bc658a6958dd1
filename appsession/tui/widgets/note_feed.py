"""The notes as they are typed: an append-only view that stays instant in a long session.

Adding a line to a selectable list makes it measure every line again; this feed only renders
the new note. ``NoteList`` (F7) takes over to pick a note to edit, re-tag or delete.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widgets import RichLog

from appsession.core.model import Note
from appsession.i18n import _
from appsession.services.session import LiveSession
from appsession.tui.widgets.note_list import note_line

SCROLLBAR = 1
SHOWN = 120
"""Notes drawn when the feed is rebuilt (older ones are one F7 away)."""


class NoteFeed(RichLog):
    """The situation's notes, newest at the bottom."""

    DEFAULT_CSS = """
    NoteFeed { background: $surface; padding: 0 1; overflow-y: auto; scrollbar-size-vertical: 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(wrap=True, min_width=20, auto_scroll=True, id=id)

    def show(self, live: LiveSession, notes: list[Note]) -> None:
        """Redraw from ``notes`` (phase change, edit, deletion)."""
        self.live = live
        self.drawn_width = self.size.width
        self.clear()
        self.empty = not notes
        if not notes:
            self.write(Text(_("No notes here yet. Type below; Enter saves."), style="dim italic"))
            return
        earlier = max(0, len(notes) - SHOWN)
        if earlier:
            more = _("… {count} earlier notes: F7 lists them all").format(count=earlier)
            self.write(Text(more, style="dim italic"))
        for note in notes[earlier:]:
            self.write(note_line(live, note), width=self._width())

    def add_note(self, live: LiveSession, note: Note) -> None:
        """Append the note just saved."""
        if self.empty:
            self.clear()
            self.empty = False
        self.write(note_line(live, note), width=self._width(), scroll_end=False)
        # RichLog scrolls after the next refresh; the new note would show one frame late.
        self.scroll_end(animate=False, immediate=True, x_axis=False)

    def _width(self) -> int | None:
        """Wrap at the feed's own width, a scrollbar's room kept (the console's may differ)."""
        room = self.size.width - self.styles.gutter.width - SCROLLBAR
        return room if room > 0 else None

    def on_resize(self, event: events.Resize) -> None:
        """Lines are wrapped when written: a new width needs them written again.

        (Textual also runs ``RichLog``'s own resize handler, which writes deferred lines.)
        """
        if self.live is not None and self.size.width != self.drawn_width:
            self.show(self.live, self.live.situation_notes())

    empty = True
    """True while the feed shows its "no notes yet" line."""
    live: LiveSession | None = None
    """The session whose notes are shown (to redraw them at a new width)."""
    drawn_width = 0
