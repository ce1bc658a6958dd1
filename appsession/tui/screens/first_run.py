"""First run: create the vault, say what the passphrase protects, offer a recovery key."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Footer, Static

from appsession.core.clock import Clock
from appsession.core.errors import UserError
from appsession.i18n import _
from appsession.tui.widgets.passphrase_pair import PassphrasePair

if TYPE_CHECKING:
    from appsession.vault import KdfParams, Vault


class FirstRunScreen(Screen["Vault | None"]):
    """Creates the vault; returns it open."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "create", _("Create the vault"), id="create-vault"),
    ]

    def __init__(self, vault_path: Path, clock: Clock, kdf: KdfParams | None = None) -> None:
        super().__init__()
        self.vault_path = vault_path
        self.clock = clock
        self.kdf = kdf

    def compose(self) -> ComposeResult:
        """Explanations, the passphrase pair, the recovery option."""
        with Center(), VerticalScroll(id="first-run-box", classes="box"):
            yield Static(_("Welcome to appsession"), classes="box-title")
            yield Static(
                _(
                    "Your notes will live in one encrypted file on this computer:\n{path}\n"
                    "Nobody can read them without your passphrase, not even the authors of "
                    "appsession: a forgotten passphrase without a recovery key means lost notes. "
                    "A sentence of several words is easy to remember and hard to guess."
                ).format(path=self.vault_path),
                markup=False,
            )
            yield PassphrasePair()
            yield Checkbox(
                _("Also make a recovery key (recommended, shown only once)"),
                True,
                compact=True,
                id="recovery",
            )
            yield Button(_("Create my vault"), variant="primary", id="create")
            yield Static("", id="status")
        yield Footer()

    def on_mount(self) -> None:
        """Type the passphrase at once."""
        self.query_one(PassphrasePair).first.focus()

    @on(Button.Pressed, "#create")
    @on(PassphrasePair.Ready)
    def action_create(self) -> None:
        """Check the passphrase, then create the vault in a thread (the KDF takes a second)."""
        pair = self.query_one(PassphrasePair)
        problem = pair.problem()
        if problem:
            self._status(problem, error=True)
            return
        self.query_one("#create", Button).disabled = True
        self._status(_("Creating the vault… (measuring this computer, a few seconds)"))
        self._create(pair.first.value, self.query_one("#recovery", Checkbox).value)
        pair.clear()

    @work(thread=True, exclusive=True, group="create")
    def _create(self, passphrase: str, recovery: bool) -> None:
        from appsession.vault import Vault

        try:
            vault, key = Vault.create(
                self.vault_path,
                passphrase,
                clock=self.clock,
                kdf=self.kdf,
                recovery_key=recovery,
                auto_lock_seconds=0,
            )
        except UserError as error:
            self.app.call_from_thread(self._failed, str(error))
        else:
            self.app.call_from_thread(self._created, vault, key)

    def _created(self, vault: Vault, key: str | None) -> None:
        if key is None:
            self.dismiss(vault)
            return
        from appsession.tui.screens.recovery_key import RecoveryKeyScreen

        def written_down(_seen: bool | None) -> None:
            self.dismiss(vault)

        self.app.push_screen(RecoveryKeyScreen(key), written_down)

    def _failed(self, message: str) -> None:
        self._status(message, error=True)
        self.query_one("#create", Button).disabled = False

    def _status(self, message: str, error: bool = False) -> None:
        status = self.query_one("#status", Static)
        status.update(message)
        status.set_class(error, "error")
