"""Closing: who presents next time, the confidentiality reminder, and the session's end."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Label, Select, Static

from appsession.core.model import SituationStatus
from appsession.i18n import _
from appsession.services.session import LiveSession
from appsession.services.situations import Closing, close, next_presenter


class ClosingScreen(Screen[Closing | None]):
    """Returns what was recorded, or None to go back to the session."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "close", _("Close the session"), id="close-session"),
        Binding("escape", "back", _("Back to the session"), id="closing-back"),
    ]

    def __init__(self, live: LiveSession) -> None:
        super().__init__()
        self.live = live

    def compose(self) -> ComposeResult:
        """Reminder, next presenter, counts."""
        live = self.live
        off = sum(1 for note in live.notes if note.off_record)
        with VerticalScroll(id="closing"):
            yield Static(_("Closing"), classes="box-title")
            yield Static(
                _(
                    "What was said here stays here: no names and no situations outside the "
                    "group. Nothing reaches the commissioner without the group's agreement."
                ),
                id="confidentiality",
            )
            yield Label(_("Who presents next time?"))
            yield Select(self._candidates(), prompt=_("Nobody yet"), id="next-presenter")
            yield Static(
                _("Notes: {notes}, off the record: {off}. Situations not chosen are kept.").format(
                    notes=len(live.notes), off=off
                ),
                classes="muted",
            )
            with Horizontal(classes="buttons"):
                yield Button(_("Close the session"), variant="primary", id="close")
                yield Button(_("Back to the session"), id="back")
        yield Footer()

    def _candidates(self) -> list[tuple[str, str]]:
        """The group's members, those with a situation waiting first."""
        waiting = {
            s.presenter_id
            for s in self.live.situations.values()
            if s.status in (SituationStatus.KEPT, SituationStatus.PROPOSED)
        }
        people = sorted(self.live.participants.values(), key=lambda p: p.id not in waiting)
        return [
            (f"{p.pseudonym} · {p.name}" + (" *" if p.id in waiting else ""), p.id) for p in people
        ]

    def on_mount(self) -> None:
        """Preselect whoever was planned; start on the choice."""
        planned = next_presenter(self.live.vault, self.live.group.id)
        chooser = self.query_one("#next-presenter", Select)
        if planned in self.live.participants:
            chooser.value = planned
        chooser.focus()

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        """Record the end and the next presenter."""
        value = self.query_one("#next-presenter", Select).value
        self.dismiss(close(self.live, value if isinstance(value, str) else ""))

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Not yet."""
        self.dismiss(None)
