"""Opening the app: first run, unlock, three tries, the recovery key."""

from __future__ import annotations

import pytest
from textual.widgets import Checkbox, Input, Static

from appsession.core.clock import FakeClock
from appsession.paths import Paths
from appsession.tui.app import AppSessionApp
from appsession.tui.screens.first_run import FirstRunScreen
from appsession.tui.screens.home import HomeScreen
from appsession.tui.screens.recovery_key import RecoveryKeyScreen
from appsession.tui.screens.unlock import UnlockScreen
from appsession.tui.widgets.passphrase_pair import PassphrasePair
from appsession.vault import FLOOR, Vault
from tests.tui.conftest import PASSPHRASE, make_start
from tests.tui.pilot import settle, type_into

NEW = "une phrase assez longue pour tenir"


def status(app: AppSessionApp) -> str:
    return str(app.screen.query_one("#status", Static).render())


async def test_first_run_creates_the_vault_and_shows_the_recovery_key_once(
    paths: Paths, clock: FakeClock
) -> None:
    app = AppSessionApp(make_start(paths, clock))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, FirstRunScreen)
        pair = app.screen.query_one(PassphrasePair)
        await type_into(pilot, "trop court")
        await pilot.press("enter", "enter")
        assert "12 characters" in status(app)
        pair.first.value = NEW
        pair.second.value = NEW + "!"
        await pilot.press("ctrl+s")
        assert "differ" in status(app)
        pair.second.value = NEW
        assert app.screen.query_one("#recovery", Checkbox).value
        await pilot.press("ctrl+s")
        await settle(pilot, workers=app)
        assert isinstance(app.screen, RecoveryKeyScreen)
        key = app.screen.key
        assert pair.first.value == ""
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.lockdown.vault is not None
        app.lockdown.vault.close()
    Vault.open_with_recovery_key(paths.vault, key, clock=clock).close()
    Vault.open(paths.vault, NEW, clock=clock).close()


async def test_generated_passphrase_fills_both_fields(paths: Paths, clock: FakeClock) -> None:
    app = AppSessionApp(make_start(paths, clock))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.query_one("#generate").press()
        await pilot.pause()
        pair = app.screen.query_one(PassphrasePair)
        assert pair.first.value == pair.second.value
        assert len(pair.first.value) >= 12
        assert pair.first.value in str(pair.query_one("#generated", Static).render())
        assert pair.problem() == ""


async def test_three_wrong_passphrases_close_the_app(
    paths: Paths, clock: FakeClock, vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(UnlockScreen, "CLOSE_DELAY", 60.0)
    vault.close()
    app = AppSessionApp(make_start(paths, clock))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        for left in ("2", "1"):
            await type_into(pilot, "not the passphrase")
            await pilot.press("enter")
            await settle(pilot, workers=app)
            assert f"Tries left: {left}" in status(app)
            assert app.screen.query_one("#secret", Input).value == ""
        await type_into(pilot, "still not it")
        await pilot.press("enter")
        await settle(pilot, workers=app)
        assert "Three wrong tries" in status(app)
        screen = app.screen
        assert isinstance(screen, UnlockScreen)
        assert screen.query_one("#secret", Input).disabled
        screen._give_up()
        await settle(pilot)
    assert app.return_code == 0
    assert app.lockdown.vault is None


async def test_a_vault_open_elsewhere_is_said_plainly(
    paths: Paths, clock: FakeClock, vault: Vault
) -> None:
    app = AppSessionApp(make_start(paths, clock))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_into(pilot, PASSPHRASE)
        await pilot.press("enter")
        await settle(pilot, workers=app)
        assert "already open in another window" in status(app)
        assert isinstance(app.screen, UnlockScreen)


async def test_the_recovery_key_opens_and_a_new_passphrase_is_set(
    paths: Paths, clock: FakeClock
) -> None:
    created, key = Vault.create(paths.vault, PASSPHRASE, clock=clock, kdf=FLOOR, recovery_key=True)
    created.close()
    assert key is not None
    app = AppSessionApp(make_start(paths, clock))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await type_into(pilot, key.lower())
        await pilot.press("enter")
        await settle(pilot, workers=app)
        pair = app.screen.query_one(PassphrasePair)
        pair.first.value = pair.second.value = NEW
        await pilot.press("ctrl+s")
        await settle(pilot, workers=app)
        assert isinstance(app.screen, HomeScreen)
        assert app.lockdown.vault is not None
        app.lockdown.vault.close()
    Vault.open(paths.vault, NEW, clock=clock).close()
