"""The frame: the protocol's rules shown large, and a record that they were stated."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from appsession.core.protocol import Protocol
from appsession.i18n import _, current_language


def frame_rules(protocol: Protocol) -> tuple[str, ...]:
    """The frame in the current language (English, or any, when missing)."""
    frame = protocol.frame
    return frame.get(current_language()) or frame.get("en") or next(iter(frame.values()), ())


class FrameScreen(Screen[bool]):
    """Returns True once the facilitator confirms the frame was stated."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "stated", _("The frame was stated"), id="frame-stated"),
        Binding("escape", "later", _("Later"), id="frame-later"),
    ]

    def __init__(self, protocol: Protocol) -> None:
        super().__init__()
        self.protocol = protocol

    def compose(self) -> ComposeResult:
        """One rule per block, in large type."""
        with VerticalScroll(id="frame"):
            yield Static(_("The frame"), classes="box-title")
            rules = Text()
            for rule in frame_rules(self.protocol):
                rules.append("•  " + rule + "\n\n", style="bold")
            yield Static(rules, id="frame-rules")
            yield Static(
                _("Say the rules aloud, then press Enter. Only the time is recorded."),
                classes="muted",
            )
        yield Footer()

    def on_mount(self) -> None:
        """Keys work at once."""
        self.query_one("#frame", VerticalScroll).focus()

    def action_stated(self) -> None:
        """Record and go on."""
        self.dismiss(True)

    def action_later(self) -> None:
        """Go on without recording it (F1 shows the frame again)."""
        self.dismiss(False)
