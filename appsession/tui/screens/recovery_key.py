"""The recovery key, shown once, large, until the facilitator says it is written down."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Button, Static

from appsession.i18n import _


class RecoveryKeyScreen(Screen[bool]):
    """Shows the key; the only way on is to confirm it was written down."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key

    def compose(self) -> ComposeResult:
        """The key and what it is for."""
        with Center(), Vertical(id="recovery-box", classes="box"):
            yield Static(_("Your recovery key"), classes="box-title")
            yield Static(self.key, id="recovery-key", markup=False)
            yield Static(
                _(
                    "Write it on paper and keep it away from this computer. It opens the vault "
                    "if the passphrase is forgotten. It will not be shown again."
                )
            )
            yield Button(_("I have written it down"), variant="primary", id="done")

    def on_mount(self) -> None:
        """The button is the only thing to do."""
        self.query_one("#done", Button).focus()

    @on(Button.Pressed, "#done")
    def _done(self) -> None:
        self.query_one("#recovery-key", Static).update("")
        self.dismiss(True)
