"""Nothing decrypted leaves the app: not to the clipboard, not in a crash's traceback."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from appsession.core.clock import FakeClock
from appsession.paths import Paths
from appsession.tui.app import AppSessionApp
from appsession.vault import Vault
from tests.tui.conftest import make_start
from tests.tui.pilot import settle

CANARY = "Madame Canari a dit son secret"


class Recorder:
    """Stands in for the terminal driver: keeps what would be written to the terminal."""

    def __init__(self) -> None:
        self.written: list[str] = []

    def write(self, data: str) -> None:
        self.written.append(data)


async def test_copy_stays_inside_the_app(paths: Paths, clock: FakeClock, vault: Vault) -> None:
    app = AppSessionApp(make_start(paths, clock, vault))
    async with app.run_test() as pilot:
        await settle(pilot)
        recorder = Recorder()
        real = app._driver
        app._driver = recorder  # type: ignore[assignment]
        try:
            app.copy_to_clipboard(CANARY)
        finally:
            app._driver = real
        assert recorder.written == []
        assert app.clipboard == CANARY


class Exploding(Screen[None]):
    """A screen whose mount fails while a note's text sits in a local variable."""

    def compose(self) -> ComposeResult:
        yield Static("")

    def on_mount(self) -> None:
        text_of_the_note = CANARY
        raise RuntimeError(f"failed on a note of {len(text_of_the_note)} characters")


async def crash(app: AppSessionApp) -> None:
    """Run the app into the exploding screen."""
    async with app.run_test() as pilot:
        await settle(pilot)
        app.push_screen(Exploding())
        await settle(pilot)


async def test_a_crash_shows_no_local_variables(
    paths: Paths, clock: FakeClock, vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = AppSessionApp(make_start(paths, clock, vault))
    shown = io.StringIO()
    console = Console(file=shown, width=120)

    def capture() -> None:
        for renderable in app._exit_renderables:
            console.print(renderable)

    monkeypatch.setattr(app, "_print_error_renderables", capture)
    with pytest.raises(RuntimeError):
        await crash(app)
    printed = shown.getvalue()
    assert "RuntimeError" in printed
    assert CANARY not in printed
