"""The unlock screen: passphrase (or recovery key), key derivation in a thread, three tries."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from appsession.core.errors import UserError
from appsession.i18n import _

if TYPE_CHECKING:
    from appsession.vault import Vault

MAX_TRIES = 3
WARM_UP_DELAY = 0.3
"""Seconds after the screen appears before the storage's code is loaded in the background."""
Attempt = Callable[[str], "Vault"]


class UnlockScreen(Screen["Vault | None"]):
    """Asks for the passphrase; returns the open vault, or None after three wrong tries."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+r",
            "recovery",
            _("Recovery key"),
            id="recovery",
            tooltip=_("Open with the recovery key instead of the passphrase"),
        ),
    ]

    CLOSE_DELAY = 3.0
    """Seconds the "three wrong tries" message stays before the app closes."""

    def __init__(
        self, vault_path: Path, attempt: Attempt, *, recovery: Attempt | None = None
    ) -> None:
        super().__init__()
        self.vault_path = vault_path
        self.attempt = attempt
        self.recovery = recovery
        self.failures = 0
        self.with_recovery = False

    def compose(self) -> ComposeResult:
        """A centred box with one hidden field."""
        with Center(), Vertical(id="unlock-box", classes="box"):
            yield Static("appsession", classes="box-title")
            yield Static(_("Your notes are locked."), id="lead")
            yield Static(str(self.vault_path), classes="muted", markup=False)
            yield Input(placeholder=_("Passphrase"), password=True, id="secret")
            yield Static(_("Enter: unlock"), id="status")
        yield Footer()

    def on_mount(self) -> None:
        """Type at once; the vault's code loads meanwhile."""
        self.query_one("#secret", Input).focus()
        self.set_timer(WARM_UP_DELAY, self._warm_up)

    @work(thread=True, group="warm-up")
    def _warm_up(self) -> None:
        # Importing the storage and the next screens while the passphrase is typed keeps both
        # the first frame and the moment after Enter fast.
        import appsession.tui.screens.home
        import appsession.tui.screens.session
        import appsession.vault  # noqa: F401

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The recovery key is offered only when opening (not after an idle lock)."""
        if action == "recovery":
            return self.recovery is not None and not self.with_recovery
        return True

    def action_recovery(self) -> None:
        """Switch to the recovery key."""
        self.with_recovery = True
        secret = self.query_one("#secret", Input)
        secret.value = ""
        secret.password = False
        secret.placeholder = _("Recovery key (groups of four characters)")
        self.query_one("#lead", Static).update(_("Open with your recovery key."))
        self.refresh_bindings()

    @on(Input.Submitted, "#secret")
    def _submit(self, event: Input.Submitted) -> None:
        if not event.value:
            return
        secret = event.input
        secret.disabled = True
        self._status(_("Unlocking… (the key derivation takes about a second)"))
        attempt = self.recovery if self.with_recovery and self.recovery else self.attempt
        self._unlock(attempt, event.value, self.with_recovery)
        secret.value = ""

    @work(thread=True, exclusive=True, group="unlock")
    def _unlock(self, attempt: Attempt, secret: str, recovery: bool) -> None:
        from appsession.vault import VaultBusy, WrongPassphrase

        try:
            vault = attempt(secret)
        except (WrongPassphrase, VaultBusy) as error:
            self.app.call_from_thread(self._refused, error)
        except UserError as error:
            self.app.call_from_thread(self._failed, str(error))
        else:
            self.app.call_from_thread(self._opened, vault, recovery)

    def _opened(self, vault: Vault, recovery: bool) -> None:
        if not recovery:
            self.dismiss(vault)
            return
        from appsession.tui.dialogs.new_passphrase import NewPassphraseDialog

        def changed(_done: bool | None) -> None:
            self.dismiss(vault)

        self.app.push_screen(NewPassphraseDialog(vault), changed)

    def _refused(self, error: UserError) -> None:
        from appsession.vault import VaultBusy

        if isinstance(error, VaultBusy):
            self._failed(_("This vault is already open in another window. Close it there first."))
            return
        self.failures += 1
        left = MAX_TRIES - self.failures
        if left <= 0:
            self._status(_("Three wrong tries: appsession closes. Start it again to retry."))
            self.set_timer(self.CLOSE_DELAY, self._give_up)
            return
        self._failed(_("Wrong passphrase. Tries left: {count}.").format(count=left))

    def _give_up(self) -> None:
        self.dismiss(None)

    def _failed(self, message: str) -> None:
        self._status(message, error=True)
        secret = self.query_one("#secret", Input)
        secret.disabled = False
        secret.focus()

    def _status(self, message: str, error: bool = False) -> None:
        status = self.query_one("#status", Static)
        status.update(message)
        status.set_class(error, "error")
