"""The live session: the plan, the countdown, the phase's frame, and the notes.

The entry line keeps the focus; F-keys and free Ctrl keys drive the session, because the
entry swallows letters. Everything typed is autosaved (encrypted) every few seconds.
"""

from __future__ import annotations

import time
from typing import Any, ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Footer, Header, Input, Static

from appsession.core.errors import UserError
from appsession.core.note_syntax import complete
from appsession.i18n import _, pick
from appsession.services import AppContext
from appsession.services.session import LiveSession
from appsession.tui.screens.session_moves import SessionMoves
from appsession.tui.widgets.note_entry import NoteEntry, NoteSuggester
from appsession.tui.widgets.note_feed import NoteFeed
from appsession.tui.widgets.note_list import NoteList
from appsession.tui.widgets.phase_bar import PhaseBar
from appsession.tui.widgets.phase_brief import PhaseBrief
from appsession.tui.widgets.phase_clock import PhaseClock
from appsession.vault import VaultError

RUN_SAVE_SECONDS = 30.0
TYPING_PAUSE = 0.4
"""Seconds without a key before the typing autosave writes."""


class SessionScreen(SessionMoves):
    """One session, from the first phase to the closing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "pause", _("Pause"), id="pause", tooltip=_("Pause or resume the countdown")),
        Binding("f3", "next_phase", _("Next phase"), id="next-phase"),
        Binding("f4", "previous_phase", _("Previous phase"), id="previous-phase", show=False),
        Binding("f5", "next_situation", _("Next situation"), id="next-situation", show=False),
        Binding("f6", "take_break", _("Break"), id="break", show=False),
        Binding("f7", "notes", _("Notes"), id="notes", tooltip=_("Edit, re-tag or delete")),
        Binding(
            "f8", "veto", _("Veto"), id="veto", tooltip=_("The current exchange goes off record")
        ),
        Binding("f9", "closing", _("Close the session"), id="closing", show=False),
        Binding("ctrl+z", "undo", _("Undo"), id="undo", show=False),
        Binding("ctrl+o", "choose", _("Choose the situation"), id="choose", show=False),
        Binding("ctrl+n", "attendance", _("Attendance"), id="attendance", show=False),
        Binding("ctrl+b", "projector", _("Projector view"), id="projector", show=False),
        Binding("ctrl+up", "extend(1)", _("One more minute"), id="more-time", show=False),
        Binding("ctrl+down", "extend(-1)", _("One minute less"), id="less-time", show=False),
        Binding("ctrl+g", "home", _("Home"), id="home", show=False),
        Binding("escape", "dismiss_nudge", show=False),
    ]

    VERTICAL_BREAKPOINTS = [(0, "-short"), (28, "-tall")]  # noqa: RUF012 (typed by Textual)

    def __init__(self, context: AppContext, session_id: str) -> None:
        super().__init__()
        self.context = context
        self.session_id = session_id
        self.live = LiveSession.open(context, session_id)
        self.belled: set[int] = set()
        self.status_text = ""
        self.hint_text = ""
        self.typed_at = 0.0
        self.saved_at = time.monotonic()
        self.nudge_kinds: list[str] = []

    def compose(self) -> ComposeResult:
        """Plan, clock and brief on top; notes; the entry line at the bottom."""
        live = self.live
        yield Header(icon="")
        yield PhaseBar(live.run, id="phase-bar")
        with Horizontal(id="session-top"):
            yield PhaseClock(id="phase-clock")
            yield PhaseBrief(id="phase-brief")
        yield NoteFeed(id="feed")
        yield NoteList(id="notes")
        yield Static("", id="nudge")
        yield Static("", id="session-status")
        yield NoteEntry(NoteSuggester(live.speakers, live.theme_names), id="entry")
        yield Footer()

    def on_mount(self) -> None:
        """Start the clock, restore what was being typed, then the frame and the choice."""
        live = self.live
        self.title = _("Session {number} · {group}").format(
            number=live.session.number, group=live.group.name
        )
        self.sub_title = pick(live.protocol.label)
        if not live.run.closed_at:
            live.run.start()
        entry = self.query_one("#entry", NoteEntry)
        if live.last_pending:
            entry.value = live.last_pending
            self.notify(_("The note you were typing before the interruption is back."))
        if live.protocol_changed:
            self.notify(
                _("The protocol file changed since this session was planned."), severity="warning"
            )
        self.refresh_all()
        self.set_interval(0.5, self.tick, name="clock")
        self.set_interval(self.app_settings().autosave_seconds, self.autosave, name="autosave")
        self.set_interval(RUN_SAVE_SECONDS, self.save_run, name="run-state")
        entry.focus()
        self.call_after_refresh(self.frame_then_choice)

    def refresh_all(self) -> None:
        """Redraw every part from the live session."""
        live = self.live
        self.query_one(PhaseBar).refresh()
        self.query_one(PhaseBrief).show(live)
        if self.has_class("-editing"):
            self.query_one(NoteList).show(live, live.situation_notes())
        else:
            self.query_one(NoteFeed).show(live, live.situation_notes())
        self.tick()

    def tick(self) -> None:
        """Redraw the clock and the status line; ring once when a phase runs over."""
        run = self.live.run
        timer = run.break_timer or run.timer
        self.query_one(PhaseClock).show(timer, run.on_break)
        if timer.overtime > 0 and not run.on_break and run.index not in self.belled:
            self.belled.add(run.index)
            self.app.bell()
        self._show_status()

    def _show_status(self) -> None:
        """The status line; while an @ or # word is typed, its completions instead.

        Its height never changes, so typing never costs a new layout.
        """
        status = self.query_one("#session-status", Static)
        status.set_class(self.live.off_record_mode and not self.hint_text, "-off-record")
        status.set_class(bool(self.hint_text), "-hint")
        text = self.hint_text or self._status_text()
        if text != self.status_text:
            self.status_text = text
            status.update(text, layout=False)

    def _status_text(self) -> str:
        live = self.live
        if live.off_record_mode:
            return _("OFF THE RECORD: new notes stay off the record · F8 to go back on")
        parts = [_("Present: {count}").format(count=len(live.session.attendance))]
        refused = live.not_noted()
        if refused:
            names = ", ".join(p.pseudonym for p in refused)
            parts.append(_("no notes: {names}").format(names=names))
        minutes = self.app_settings().exchange_minutes
        parts.append(
            _("F8 veto → this phase, last {minutes} min: {count} note(s)").format(
                minutes=f"{minutes:g}", count=len(live.exchange(minutes))
            )
        )
        return " · ".join(parts)

    @on(Input.Changed, "#entry")
    def _typing(self, event: Input.Changed) -> None:
        candidates = complete(event.value, self.live.speakers(), self.live.theme_names())
        self.typed_at = time.monotonic()
        text = "  ".join(candidates[:8]) + (" …" if len(candidates) > 8 else "")
        if text != self.hint_text:
            self.hint_text = text
            self._show_status()

    def autosave(self) -> None:
        """Save (encrypted) what is being typed, if it changed.

        The write waits for a short pause in the typing (so that a keystroke or Enter never
        waits on the disk), but never longer than three intervals.
        """
        now = time.monotonic()
        interval = self.app_settings().autosave_seconds
        typing = now - self.typed_at < TYPING_PAUSE
        if self.context.vault.is_locked or (typing and now - self.saved_at < 3 * interval):
            return
        try:
            if self.live.autosave(self.query_one("#entry", NoteEntry).value):
                self.saved_at = now
        except VaultError as error:
            self.notify(str(error), severity="error")

    def save_run(self) -> None:
        """Store where the session is."""
        if self.context.vault.is_locked:
            return
        try:
            self.live.save_run()
        except VaultError as error:
            self.notify(str(error), severity="error")

    def before_lock(self) -> None:
        """Called before locking or quitting: nothing typed or timed may be lost."""
        self.live.autosave(self.query_one("#entry", NoteEntry).value)
        self.live.save_run()


def session_screen(app: App[Any], context: AppContext, session_id: str) -> SessionScreen | None:
    """The screen of a session, or None after telling why it cannot open (protocol gone…)."""
    try:
        return SessionScreen(context, session_id)
    except UserError as error:
        app.notify(str(error), title=_("Cannot open the session"), severity="error")
        return None
