"""After opening with the recovery key: a new passphrase is required."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from appsession.core.errors import UserError
from appsession.i18n import _
from appsession.tui.widgets.passphrase_pair import PassphrasePair
from appsession.vault import Vault


class NewPassphraseDialog(ModalScreen[bool]):
    """Choose the passphrase that replaces the forgotten one (cannot be skipped)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", _("Save"), id="save-passphrase"),
    ]

    def __init__(self, vault: Vault) -> None:
        super().__init__()
        self.vault = vault

    def on_mount(self) -> None:
        """Type at once."""
        self.query_one(PassphrasePair).first.focus()

    def compose(self) -> ComposeResult:
        """The pair of fields and a button."""
        with Vertical(classes="dialog"):
            yield Static(_("Choose a new passphrase"), classes="box-title")
            yield Static(
                _(
                    "The recovery key opened the vault. "
                    "Choose the passphrase you will use from now on."
                )
            )
            yield PassphrasePair()
            yield Static("", id="status")
            yield Button(_("Save the new passphrase"), variant="primary", id="save")

    @on(Button.Pressed, "#save")
    @on(PassphrasePair.Ready)
    def action_save(self) -> None:
        """Check, then re-wrap the vault key under the new passphrase (in a thread)."""
        pair = self.query_one(PassphrasePair)
        problem = pair.problem()
        if problem:
            self.query_one("#status", Static).update(problem)
            return
        self.query_one("#save", Button).disabled = True
        self.query_one("#status", Static).update(_("Saving…"))
        self._change(pair.first.value)
        pair.clear()

    @work(thread=True, exclusive=True, group="passphrase")
    def _change(self, passphrase: str) -> None:
        try:
            self.vault.change_passphrase(passphrase)
        except UserError as error:
            self.app.call_from_thread(self._failed, str(error))
        else:
            self.app.call_from_thread(self.dismiss, True)

    def _failed(self, message: str) -> None:
        self.query_one("#status", Static).update(message)
        self.query_one("#save", Button).disabled = False
