"""Idle and manual lock: what is typed is saved first, every screen goes, the session comes back."""

from __future__ import annotations

import dataclasses

from appsession.core.clock import FakeClock
from appsession.core.model import Session
from appsession.paths import Paths
from appsession.protocol_library import ProtocolLibrary
from appsession.services.planning import SessionRequest, create_session
from appsession.tui.app import AppSessionApp
from appsession.tui.screens.home import HomeScreen
from appsession.tui.screens.session import SessionScreen
from appsession.tui.screens.unlock import UnlockScreen
from appsession.tui.widgets.note_entry import NoteEntry
from appsession.vault import Vault
from tests.tui.conftest import PASSPHRASE, Cast, make_start
from tests.tui.pilot import settle, type_into


def running_session(
    vault: Vault, cast: Cast, situations: int = 1, day: str = "2026-01-15"
) -> Session:
    """A session of the seed protocol with everyone present and the frame stated."""
    protocol = ProtocolLibrary().get("app-classique")
    session = create_session(vault, SessionRequest(cast.group.id, day, protocol, 180, situations))
    present = tuple(person.id for person in cast.people.values())
    started = dataclasses.replace(session, attendance=present, frame_stated_at="2026-01-15T09:00")
    vault.update_session(started)
    return started


async def test_idle_lock_saves_the_typing_hides_everything_and_comes_back(
    paths: Paths, clock: FakeClock, vault: Vault, cast: Cast
) -> None:
    session = running_session(vault, cast)
    app = AppSessionApp(make_start(paths, clock, vault, auto_lock_minutes=2))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.context is not None
        app.push_screen(SessionScreen(app.context, session.id))
        await settle(pilot)
        await type_into(pilot, "elle hésite à")
        clock.advance(60)
        app.lock_if_idle()
        await settle(pilot, workers=app)
        assert not vault.is_locked
        clock.advance(61)
        app.lock_if_idle()
        await settle(pilot, workers=app)
        assert vault.is_locked
        assert [type(screen) for screen in app.screen_stack[1:]] == [UnlockScreen]
        assert app.screen.query_one("#secret").has_focus
        await type_into(pilot, PASSPHRASE)
        await pilot.press("enter")
        await settle(pilot, workers=app)
        assert isinstance(app.screen, SessionScreen)
        assert isinstance(app.screen_stack[-2], HomeScreen)
        assert app.screen.query_one(NoteEntry).value == "elle hésite à"
        assert vault.pending_text(session.id) == "elle hésite à"


async def test_ctrl_l_locks_at_once(paths: Paths, clock: FakeClock, vault: Vault) -> None:
    app = AppSessionApp(make_start(paths, clock, vault))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert vault.is_locked
        assert isinstance(app.screen, UnlockScreen)
        assert app.screen.check_action("recovery", ()) is False
