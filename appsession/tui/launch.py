"""Start the terminal app from the command line (normal start, or the demo)."""

from __future__ import annotations

import contextlib
import resource
from pathlib import Path
from typing import TYPE_CHECKING

from appsession.core.clock import Clock
from appsession.paths import Paths
from appsession.protocol_library import ProtocolLibrary
from appsession.tui.settings import load_settings
from appsession.tui.start import AppStart

if TYPE_CHECKING:
    from appsession.cli.context import CliContext
    from appsession.tui.app import AppSessionApp
    from appsession.vault import Vault


def no_core_dumps() -> None:
    """A crash must not write memory (keys, notes) to a core file."""
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def make_start(paths: Paths, clock: Clock, vault_path: Path) -> AppStart:
    """The app's start, shared by ``launch``, ``launch_demo`` and the tests."""
    return AppStart(
        paths=paths,
        clock=clock,
        library=ProtocolLibrary(user_folder=paths.user_protocols),
        vault_path=vault_path,
        settings=load_settings(paths),
    )


def run_app(start: AppStart) -> int:
    """Run until the user quits; the vault is always closed (pending text flushed) after."""
    from appsession.tui.app import AppSessionApp

    no_core_dumps()
    app: AppSessionApp = AppSessionApp(start)
    try:
        app.run()
    finally:
        _close(app.lockdown.vault or start.vault)
    return app.return_code or 0


def _close(vault: Vault | None) -> None:
    if vault is not None:
        vault.close()


def launch(ctx: CliContext, vault_path: Path | None = None) -> int:
    """Open the vault (unlock, or create it on first run) and run the app."""
    return run_app(make_start(ctx.paths, ctx.clock, ctx.vault_path(vault_path)))


def launch_demo(ctx: CliContext, vault_path: Path, passphrase: str) -> int:
    """Open a demo vault already unlocked, straight onto its latest session, in progress."""
    from appsession.vault import Vault

    vault = Vault.open(vault_path, passphrase, clock=ctx.clock, auto_lock_seconds=0)
    start = make_start(ctx.paths, ctx.clock, vault_path)
    start.vault = vault
    start.demo = True
    return run_app(start)
