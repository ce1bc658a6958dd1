"""The Textual app: wiring only (start screen, idle lock, palette, theme, leak guards)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from appsession.i18n import _
from appsession.services import AppContext
from appsession.tui.commands import screen_commands
from appsession.tui.lockdown import Lockdown
from appsession.tui.settings import save_settings
from appsession.tui.start import AppStart

ACTIVITY = (events.Key, events.MouseDown, events.MouseScrollUp, events.MouseScrollDown)


class AppSessionApp(App[None]):
    """appsession in the terminal: unlock, Home, and the live session."""

    CSS_PATH = "app.tcss"
    TITLE = "appsession"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", _("Help"), id="help", tooltip=_("Keys and the phase's rules")),
        Binding(
            "ctrl+l", "lock", _("Lock"), id="lock", tooltip=_("Hide everything now"), show=False
        ),
        Binding("ctrl+q", "quit", _("Quit"), id="quit", priority=True, show=False),
    ]

    def __init__(self, start: AppStart) -> None:
        super().__init__()
        self.start = start
        self.settings = start.settings
        self.context: AppContext | None = None
        self.lockdown = Lockdown(self)
        self.last_input = start.clock.monotonic()

    def on_mount(self) -> None:
        """Open on the unlock (or first-run) screen, or straight in for the demo."""
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.set_interval(1.0, self.lock_if_idle, name="idle-lock")
        self.lockdown.begin()

    def watch_theme(self, theme: str) -> None:
        """Remember the chosen theme."""
        if theme != self.settings.theme:
            self.settings = dataclasses.replace(self.settings, theme=theme)
            save_settings(self.start.paths, self.settings)

    async def on_event(self, event: events.Event) -> None:
        """Note the time of every key or click, for the idle lock."""
        if isinstance(event, ACTIVITY):
            self.last_input = self.start.clock.monotonic()
        await super().on_event(event)

    def lock_if_idle(self) -> None:
        """Lock once idle for longer than the setting."""
        idle = self.start.clock.monotonic() - self.last_input
        if self.context is not None and idle > self.settings.auto_lock_minutes * 60:
            self.run_worker(self.lockdown.lock(), group="lock", exclusive=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Locking makes sense only while unlocked."""
        if action == "lock":
            return self.context is not None
        return True

    async def action_lock(self) -> None:
        """Lock now: save what is being typed, drop the keys, hide every screen."""
        await self.lockdown.lock()

    def action_help(self) -> None:
        """F1: the keys of this screen and, in a session, the current phase's rules."""
        from appsession.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_settings(self) -> None:
        """The few numbers a facilitator may tune."""
        from appsession.tui.dialogs.settings import open_settings

        open_settings(self)

    async def action_quit(self) -> None:
        """Save what is being typed, then leave (the vault is closed by ``launch``)."""
        self.lockdown.flush_screens()
        self.exit()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette: this screen's commands, then theme, keys and quit (no screenshot)."""
        yield from screen_commands(screen)
        yield SystemCommand(_("Theme"), _("Change the colours"), self.action_change_theme)
        yield SystemCommand(
            _("Settings"), _("Idle lock, autosave, veto window"), self.action_settings
        )
        yield SystemCommand(
            _("Keys"), _("Show the keys of the focused part"), self.action_show_help_panel
        )
        yield SystemCommand(_("Quit"), _("Save and leave appsession"), self.action_quit)

    def _handle_exception(self, error: Exception) -> None:
        """A screen that reads the vault after it locked shows the lock screen, not a crash."""
        from appsession.vault import Locked

        if isinstance(error, Locked) and self.lockdown.vault is not None:
            self.run_worker(self.lockdown.lock(), group="lock", exclusive=True)
            return
        super()._handle_exception(error)

    def copy_to_clipboard(self, text: str) -> None:
        """Copy inside the app only: decrypted text never reaches the system clipboard."""
        self._clipboard = text

    def _fatal_error(self) -> None:
        """On a crash, a traceback without local variables (they may hold note text)."""
        from rich.segment import Segments
        from rich.traceback import Traceback

        self.bell()
        traceback = Traceback(show_locals=False, width=None)
        self._exit_renderables.append(
            Segments(self.console.render(traceback, self.console.options))
        )
        self._close_messages_no_wait()
