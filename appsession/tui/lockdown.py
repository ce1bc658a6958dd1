"""Unlocking, locking and resuming: the only place that opens the vault for the app.

Locking first asks every screen to save what it holds (typed text, run state), then drops
the keys and removes every screen, so no decrypted widget survives behind the lock screen.
After unlocking, the app comes back to the session that was open. The vault's modules are
imported only when needed (they weigh a few hundred milliseconds), so the unlock screen
appears at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from appsession.services import AppContext

if TYPE_CHECKING:
    from appsession.tui.app import AppSessionApp
    from appsession.vault import Vault


class Lockdown:
    """Owns the vault's open/locked life for one app."""

    def __init__(self, app: AppSessionApp) -> None:
        self.app = app
        self.vault: Vault | None = None
        self.resume = ""
        """The session to come back to after an unlock ("" for Home)."""

    def begin(self) -> None:
        """The first screen: straight in (demo), unlock, or create the vault."""
        from appsession.tui.screens.first_run import FirstRunScreen
        from appsession.tui.screens.unlock import UnlockScreen

        start = self.app.start
        if start.vault is not None:
            self.unlocked(start.vault)
        elif start.vault_path.exists():
            self.app.push_screen(
                UnlockScreen(start.vault_path, self._open, recovery=self._recover), self.unlocked
            )
        else:
            self.app.push_screen(
                FirstRunScreen(start.vault_path, start.clock, start.kdf), self.unlocked
            )

    def _open(self, passphrase: str) -> Vault:
        from appsession.vault import Vault

        start = self.app.start
        return Vault.open(start.vault_path, passphrase, clock=start.clock, auto_lock_seconds=0)

    def _recover(self, recovery_key: str) -> Vault:
        from appsession.vault import Vault

        start = self.app.start
        return Vault.open_with_recovery_key(
            start.vault_path, recovery_key, clock=start.clock, auto_lock_seconds=0
        )

    def unlocked(self, vault: Vault | None) -> None:
        """Show Home (and the session that was open) once the vault is open."""
        from appsession.tui.screens.home import HomeScreen
        from appsession.tui.screens.session import session_screen

        if vault is None:
            self.app.exit()
            return
        self.vault = vault
        start = self.app.start
        context = AppContext(vault, start.clock, start.paths, start.library)
        self.app.context = context
        self.app.last_input = start.clock.monotonic()
        self.app.push_screen(HomeScreen(context))
        resume = self.resume or (self._demo_session(context) if start.demo else "")
        self.resume = ""
        if resume:
            screen = session_screen(self.app, context, resume)
            if screen is not None:
                self.app.push_screen(screen)

    def _demo_session(self, context: AppContext) -> str:
        from appsession.services.demo_view import session_in_progress

        self.app.start.demo = False
        return session_in_progress(context)

    def flush_screens(self) -> None:
        """Ask each open screen to save what it holds (a vault error is reported, not raised)."""
        from appsession.vault import VaultError

        for screen in reversed(self.app.screen_stack):
            before_lock = getattr(screen, "before_lock", None)
            if callable(before_lock):
                try:
                    before_lock()
                except VaultError as error:
                    self.app.notify(str(error), severity="error")

    async def lock(self) -> None:
        """Save, drop the keys, remove every screen, and ask for the passphrase again."""
        from appsession.tui.screens.unlock import UnlockScreen

        vault = self.vault
        if vault is None or self.app.context is None:
            return
        self.flush_screens()
        self.resume = next(
            (
                str(getattr(screen, "session_id", ""))
                for screen in reversed(self.app.screen_stack)
                if getattr(screen, "session_id", "")
            ),
            "",
        )
        self.app.context = None
        vault.lock()
        while len(self.app.screen_stack) > 1:
            await self.app.pop_screen()
        self.app.push_screen(UnlockScreen(vault.path, self._relock(vault)), self.unlocked)

    @staticmethod
    def _relock(vault: Vault) -> Callable[[str], Vault]:
        def attempt(passphrase: str) -> Vault:
            vault.unlock(passphrase)
            return vault

        return attempt
