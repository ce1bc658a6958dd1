"""Pilot tests: a withdrawal, a purge, an access export and a paper, driven from the screens."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Button, DataTable, Input, Static

from appsession.paths import Paths
from appsession.privacy import certificates
from appsession.protocol_library import ProtocolLibrary
from appsession.services import AppContext
from appsession.tui.screens.privacy import PrivacyScreen
from appsession.tui.screens.privacy_dialogs import PurgeDialog, SaveDialog, WithdrawDialog
from tests.privacy.conftest import World

SIZE = (130, 60)


class Host(App[None]):
    """Just the privacy screen, as Home opens it."""

    def __init__(self, world: World, tmp: Path) -> None:
        super().__init__()
        paths = Paths(tmp / "data", tmp / "config")
        library = ProtocolLibrary(user_folder=paths.user_protocols)
        self.context = AppContext(world.vault, world.clock, paths, library)
        self.intervention_id = world.a.intervention.id

    def on_mount(self) -> None:
        self.push_screen(PrivacyScreen(self.context, self.intervention_id))


async def click(pilot: Pilot[None], selector: str) -> None:
    """Click, then wait out the button's 0.2 s "active" effect (it ignores clicks meanwhile)."""
    await pilot.click(selector)
    await pilot.pause(0.25)


def shown(app: App[None], selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_withdrawal_explains_then_withdraws_in_one_action(
    world: World, tmp_path: Path
) -> None:
    app = Host(world, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        people = app.screen.query_one("#people", DataTable)
        assert people.row_count == 3
        people.focus()
        await pilot.press("down")
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WithdrawDialog)
        does, cannot = shown(app, "#does"), shown(app, "#not-reached")
        assert "their notes (6 notes)" in does
        assert "situations they presented (1)" in does
        assert "1 draft item quotes these notes" in does
        assert "Copies of the vault made before now" in cannot
        assert "Documents already exported" in cannot
        assert len(world.vault.participants(world.a.group.id)) == 3
        await click(pilot, "#confirm")
        assert "Withdrawn:" in shown(app, "#outcome")
        assert "Not reached" in shown(app, "#outcome")
        left = [p.pseudonym for p in world.vault.participants(world.a.group.id)]
        assert left == ["PA0", "PA2"]
        await click(pilot, "#confirm")
        assert isinstance(app.screen, PrivacyScreen)
        assert app.screen.query_one("#people", DataTable).row_count == 2


async def test_cancelling_a_withdrawal_changes_nothing(world: World, tmp_path: Path) -> None:
    app = Host(world, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WithdrawDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PrivacyScreen)
    assert len(world.vault.participants(world.a.group.id)) == 3
    assert world.vault.erasure_ledger() == []


async def test_purge_from_the_screen_destroys_and_certifies(world: World, tmp_path: Path) -> None:
    app = Host(world, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#purge", Button).disabled
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, PurgeDialog)
        assert "Mission A: raw notes of Groupe A: sessions 1, 2, 3" in shown(app, "#due")
        assert len(world.vault.sessions(world.a.group.id)) == 3
        await click(pilot, "#confirm")
        assert "certificate" in shown(app, "#outcome")
        await click(pilot, "#confirm")
        assert isinstance(app.screen, PrivacyScreen)
        assert app.screen.query_one("#purge", Button).disabled
    assert world.vault.sessions(world.a.group.id) == []
    assert len(world.vault.sessions(world.b.group.id)) == 2
    [certificate] = certificates.certificates(world.vault)
    assert certificates.check(world.vault, certificate).ok


async def test_access_export_and_a_paper_from_the_screen(world: World, tmp_path: Path) -> None:
    app = Host(world, tmp_path)
    access_file, register_file = tmp_path / "pa0.md", tmp_path / "register.md"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, SaveDialog)
        app.screen.query_one("#path", Input).value = str(access_file)
        await click(pilot, "#confirm")
        assert "Written to" in shown(app, "#outcome")
        await click(pilot, "#confirm")
        await click(pilot, "#paper-register")
        assert isinstance(app.screen, SaveDialog)
        app.screen.query_one("#path", Input).value = str(register_file)
        await click(pilot, "#confirm")
        app.screen.query_one("#path", Input).value = str(tmp_path / "elsewhere.md")
        await pilot.press("escape")
        await pilot.pause()
    assert "CANARY-A-s1-PA0-0" in access_file.read_text(encoding="utf-8")
    assert "Record of processing" in register_file.read_text(encoding="utf-8")
    assert not (tmp_path / "elsewhere.md").exists()


async def test_a_refused_destination_is_said_in_the_dialog(world: World, tmp_path: Path) -> None:
    app = Host(world, tmp_path)
    taken = tmp_path / "taken.md"
    taken.write_text("mine", encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await click(pilot, "#paper-dpia")
        app.screen.query_one("#path", Input).value = str(taken)
        await click(pilot, "#confirm")
        assert "already exists" in shown(app, "#outcome")
        assert isinstance(app.screen, SaveDialog)
    assert taken.read_text(encoding="utf-8") == "mine"
