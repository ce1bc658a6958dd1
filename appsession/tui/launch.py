"""Start the terminal app from the command line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App

from appsession.protocol_library import ProtocolLibrary
from appsession.tui.screens.protocols import ProtocolsScreen

if TYPE_CHECKING:
    from appsession.cli.context import CliContext


class ProtocolsApp(App[None]):
    """The protocol browser."""

    def __init__(self, library: ProtocolLibrary) -> None:
        super().__init__()
        self.library = library

    def on_mount(self) -> None:
        """Open on the list of protocols."""
        protocols, _problems = self.library.load()
        self.push_screen(ProtocolsScreen(protocols))


def launch(ctx: CliContext) -> int:
    """Run the app until the user quits; returns the exit code."""
    ProtocolsApp(ProtocolLibrary(user_folder=ctx.paths.user_protocols)).run()
    return 0
