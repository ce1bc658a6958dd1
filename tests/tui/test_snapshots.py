"""A few stable pictures of the main screens (pytest-textual-snapshot, from sync tests).

Update with ``pytest tests/tui/test_snapshots.py --snapshot-update`` after looking at the
report. Times are shown in UTC here, and the vault sits at a relative path, so that the
pictures do not depend on the machine.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from appsession.core.clock import FakeClock
from appsession.paths import Paths
from appsession.protocol_library import ProtocolLibrary
from appsession.services import AppContext
from appsession.services.session import LiveSession
from appsession.services.situations import choose, propose
from appsession.tui.app import AppSessionApp
from appsession.tui.screens.session import SessionScreen
from appsession.vault import FLOOR, Vault
from tests.tui.conftest import PASSPHRASE, Cast, make_start, no_blink, seed
from tests.tui.test_lock import running_session

SnapCompare = Callable[..., bool]


@pytest.fixture
def stable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Paths]:
    """UTC times and a vault at ``data/vault.db`` relative to the test's folder."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    monkeypatch.chdir(tmp_path)
    yield Paths(Path("data"), Path("config"))
    monkeypatch.undo()
    time.tzset()


def open_vault(paths: Paths, clock: FakeClock) -> Vault:
    created, _key = Vault.create(
        paths.vault, PASSPHRASE, clock=clock, kdf=FLOOR, auto_lock_seconds=0
    )
    return created


def app_for(paths: Paths, clock: FakeClock, vault: Vault | None) -> AppSessionApp:
    app = AppSessionApp(make_start(paths, clock, vault, auto_lock_minutes=30))
    app.animation_level = "none"
    return app


def session_in_clarification(vault: Vault, cast: Cast, paths: Paths, clock: FakeClock) -> str:
    """A session with a chosen situation, notes of every kind, 12 minutes into clarification."""
    session = running_session(vault, cast)
    live = LiveSession.open(AppContext(vault, clock, paths, ProtocolLibrary()), session.id)
    live.run.start()
    live.add_note("tout le monde est là, ambiance calme")
    live.run.next_phase()
    choose(live, 1, propose(live, cast.people["P1"].id, "Le refus de Mme X"))
    propose(live, cast.people["P2"].id, "Une réunion tendue")
    live.run.next_phase()
    for line in ("elle raconte la visite du fils #famille", '"je me suis sentie seule"'):
        clock.advance(240)
        assert live.add_note(line).note is not None
    live.run.next_phase()
    for line in (
        "?@P2 qui était présent ce jour-là",
        "@P1 #autorité la cadre n'était pas prévenue",
        "! parle de sa propre mère",
    ):
        clock.advance(200)
        assert live.add_note(line).note is not None
    clock.advance(120)
    live.save_run()
    return session.id


async def show_session(pilot: Pilot[None], session_id: str) -> None:
    app = pilot.app
    assert isinstance(app, AppSessionApp)
    assert app.context is not None
    app.push_screen(SessionScreen(app.context, session_id))
    await pilot.pause()
    await pilot.pause()
    no_blink(app)
    await pilot.pause()


def test_unlock_screen(snap_compare: SnapCompare, stable: Paths, clock: FakeClock) -> None:
    open_vault(stable, clock).close()
    app = app_for(stable, clock, None)

    async def steady(pilot: Pilot[None]) -> None:
        await pilot.pause()
        no_blink(pilot.app)  # type: ignore[arg-type]

    assert snap_compare(app, terminal_size=(80, 24), run_before=steady)


def test_home(snap_compare: SnapCompare, stable: Paths, clock: FakeClock) -> None:
    vault = open_vault(stable, clock)
    cast = seed(vault)
    session_in_clarification(vault, cast, stable, clock)
    running_session(vault, cast, day="2026-02-12")
    try:
        assert snap_compare(app_for(stable, clock, vault), terminal_size=(100, 30))
    finally:
        vault.close()


@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
def test_session_screen(
    snap_compare: SnapCompare, stable: Paths, clock: FakeClock, size: tuple[int, int]
) -> None:
    vault = open_vault(stable, clock)
    session_id = session_in_clarification(vault, seed(vault), stable, clock)

    async def run_before(pilot: Pilot[None]) -> Any:
        await show_session(pilot, session_id)

    try:
        assert snap_compare(
            app_for(stable, clock, vault), terminal_size=size, run_before=run_before
        )
    finally:
        vault.close()
