"""The session screen's other keys: projector view, time, break, help, palette, late arrival."""

from __future__ import annotations

from textual.pilot import Pilot

from appsession.core.clock import FakeClock
from appsession.paths import Paths
from appsession.tui.app import AppSessionApp
from appsession.tui.screens.attendance import AttendanceScreen
from appsession.tui.screens.choice import ChoiceScreen
from appsession.tui.screens.help import HelpScreen
from appsession.tui.screens.session import SessionScreen, session_screen
from appsession.tui.widgets.note_entry import NoteEntry
from appsession.tui.widgets.phase_clock import PhaseClock
from appsession.vault import Vault
from tests.tui.conftest import Cast, make_start
from tests.tui.pilot import settle, type_into
from tests.tui.test_lock import running_session


async def open_session(pilot: Pilot[None], app: AppSessionApp, session_id: str) -> SessionScreen:
    await settle(pilot)
    assert app.context is not None
    app.push_screen(SessionScreen(app.context, session_id))
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, SessionScreen)
    return screen


async def test_time_break_projector_help_and_palette(
    paths: Paths, clock: FakeClock, vault: Vault, cast: Cast
) -> None:
    session = running_session(vault, cast)
    app = AppSessionApp(make_start(paths, clock, vault, auto_lock_minutes=30))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_session(pilot, app, session.id)
        timer = screen.live.run.timer
        planned = timer.duration
        await pilot.press("ctrl+up", "ctrl+up", "ctrl+down")
        assert timer.duration == planned + 60
        await pilot.press("f6")
        clock.advance(120)
        screen.tick()
        assert screen.query_one(PhaseClock).has_class("-break")
        assert timer.elapsed == 0
        await pilot.press("f6")
        assert not screen.live.run.on_break
        await pilot.press("ctrl+b")
        assert screen.has_class("-projector")
        assert screen.query_one(NoteEntry).password
        await pilot.press("ctrl+b")
        assert not screen.query_one(NoteEntry).password
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        shown = app.screen.text
        assert "Opening: frame and check-in" in shown
        assert "Respect for speaking turns" in shown
        await pilot.press("escape")
        titles = [command.title for command in app.get_system_commands(screen)]
        assert "Next phase" in titles
        assert "Reminders: silence these for the session" in titles
        assert not [title for title in titles if "creenshot" in title]


async def test_a_late_arrival_joins_the_attendance(
    paths: Paths, clock: FakeClock, vault: Vault, cast: Cast
) -> None:
    session = running_session(vault, cast)
    vault.update_session(
        type(session)(**{**session.__dict__, "attendance": (cast.people["P1"].id,)})
    )
    app = AppSessionApp(make_start(paths, clock, vault, auto_lock_minutes=30))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_session(pilot, app, session.id)
        assert [p.pseudonym for p in screen.live.present()] == ["P1"]
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, AttendanceScreen)
        await pilot.press("a", "ctrl+s")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is screen
        assert [p.pseudonym for p in screen.live.present()] == ["P1", "P2", "P3", "P4"]
        assert vault.consent(cast.people["P4"].id).note_taking is False
        assert "P3, P4" in screen.status_text


async def test_a_session_whose_protocol_is_gone_says_so(
    paths: Paths, clock: FakeClock, vault: Vault, cast: Cast
) -> None:
    lost = vault.add_session(cast.group.id, 1, "2026-01-15", "retired-method", "1", "0" * 64)
    app = AppSessionApp(make_start(paths, clock, vault))
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.context is not None
        assert session_screen(app, app.context, lost.id) is None
        await settle(pilot)
        messages = [str(n.message) for n in app._notifications]
        assert any("retired-method" in message for message in messages)


async def test_f5_leaves_the_situation_for_the_next_one(
    paths: Paths, clock: FakeClock, vault: Vault, cast: Cast
) -> None:
    session = running_session(vault, cast, situations=2)
    app = AppSessionApp(make_start(paths, clock, vault, auto_lock_minutes=30))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_session(pilot, app, session.id)
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        await type_into(pilot, "@P1 Le refus")
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert screen.live.run.step.phase.id == "choice"
        await pilot.press("f3")
        assert (screen.live.run.step.phase.id, screen.live.run.situation) == ("expose", 1)
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("ctrl+n")
        await type_into(pilot, "@P2 La réunion")
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert (screen.live.run.step.phase.id, screen.live.run.situation) == ("expose", 2)
        chosen = screen.live.situation()
        assert chosen is not None
        assert chosen.title == "La réunion"
        await pilot.press("f5")
        assert screen.live.run.situation == 2
