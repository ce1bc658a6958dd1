"""Pilot drives the review screen: decide, rename, show real names for a moment, change scope.

A stand-in language model (it calls "Condat" a place) keeps these tests fast; it can be held
back to check that loading it never blocks the screen.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, Static, TabbedContent

import appsession.tui
from appsession.anonymise import LanguageModel, Verdict
from appsession.core.clock import FakeClock
from appsession.paths import Paths
from appsession.protocol_library import ProtocolLibrary
from appsession.services import AppContext
from appsession.services.analysis import AnalysisService
from appsession.services.pseudonyms import PseudonymLayer
from appsession.tui.dialogs.form import FormDialog
from appsession.tui.screens.home import LATER_SCREENS
from appsession.tui.screens.review import ReviewScreen
from tests.pseudonyms.standin import StandInModel
from tests.pseudonyms.world import World

SIZE = (150, 40)


class Host(App[None]):
    """The app's style sheet and the review screen."""

    CSS_PATH = str(Path(appsession.tui.__file__).parent / "app.tcss")

    def __init__(self, context: AppContext, intervention_id: str, model: LanguageModel) -> None:
        super().__init__()
        self.context = context
        self.intervention_id = intervention_id
        self.model = model

    def on_mount(self) -> None:
        self.push_screen(ReviewScreen(self.context, self.intervention_id, self.model))


@pytest.fixture
def model() -> StandInModel:
    return StandInModel()


@pytest.fixture
def host(world: World, clock: FakeClock, tmp_path: Path, model: StandInModel) -> Host:
    paths = Paths(data_dir=tmp_path / "data", config_dir=tmp_path / "config")
    library = ProtocolLibrary(user_folder=paths.user_protocols)
    app = Host(AppContext(world.vault, clock, paths, library), world.intervention_id, model)
    app.animation_level = "none"
    return app


async def ready(pilot: Pilot[None], app: Host) -> ReviewScreen:
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


def listed(screen: ReviewScreen) -> list[str]:
    return [c.text for c in screen.candidates]


async def highlight(pilot: Pilot[None], screen: ReviewScreen, text: str) -> None:
    table = screen.query_one("#review-candidates", DataTable)
    table.move_cursor(row=listed(screen).index(text))
    await pilot.pause()


def context_text(screen: ReviewScreen) -> str:
    return str(screen.query_one("#review-context", Static).render())


def test_home_opens_this_screen() -> None:
    module, name = LATER_SCREENS["review"]
    assert getattr(importlib.import_module(module), name) is ReviewScreen


async def test_the_list_grows_when_the_model_is_ready(host: Host, model: StandInModel) -> None:
    model.gate.clear()
    async with host.run_test(size=SIZE) as pilot:
        for _ in range(200):  # up to ten seconds on a busy machine
            await pilot.pause(0.05)
            screen = host.screen
            status = str(screen.query_one("#review-status", Static).render())
            if "Loading the French language model" in status:
                break
        assert "Loading the French language model" in status
        assert screen.query_one("#review-loading").has_class("busy")
        assert isinstance(screen, ReviewScreen)
        assert "Lestrade" in listed(screen)
        assert "Condat" not in listed(screen)
        await pilot.press("n")  # the screen answers while the model loads
        assert screen.real_names
        model.gate.set()
        screen = await ready(pilot, host)
        assert "Condat" in listed(screen)
        assert not screen.query_one("#review-loading").has_class("busy")


@pytest.mark.parametrize(
    ("key", "verdict"),
    [("a", Verdict.ACCEPT), ("r", Verdict.REJECT), ("t", Verdict.ALWAYS), ("k", Verdict.NEVER)],
)
async def test_each_key_decides_for_every_note(
    host: Host, world: World, clock: FakeClock, key: str, verdict: Verdict
) -> None:
    async with host.run_test(size=SIZE) as pilot:
        screen = await ready(pilot, host)
        await highlight(pilot, screen, "Condat")
        await pilot.press(key)
        await pilot.pause()
        assert "Condat" not in listed(screen)
    layer = PseudonymLayer(world.vault, world.intervention_id)
    assert layer.mapping.verdicts["condat"] is verdict
    shown = [n.text for n in AnalysisService(world.vault, world.intervention_id, clock).notes()]
    masked = not any("Condat" in text for text in shown)
    assert masked is (verdict in (Verdict.ACCEPT, Verdict.ALWAYS))


async def test_renaming_a_placeholder(host: Host, world: World, clock: FakeClock) -> None:
    async with host.run_test(size=SIZE) as pilot:
        screen = await ready(pilot, host)
        await highlight(pilot, screen, "Lestrade")
        await pilot.press("e")
        await pilot.pause()
        dialog = host.screen
        assert isinstance(dialog, FormDialog)
        field = dialog.query_one(Input)
        field.value = "une usagère âgée"
        await pilot.press("enter")
        await pilot.pause()
        assert host.screen is screen
        screen.query_one("#review-tabs", TabbedContent).active = "tab-placeholders"
        await pilot.pause()
        assert "une usagère âgée" in [p.placeholder for p in screen.placeholders]
    shown = [n.text for n in AnalysisService(world.vault, world.intervention_id, clock).notes()]
    assert "une usagère âgée est revenue lundi, toujours pour sa carte grise." in shown


async def test_real_names_show_for_a_moment_and_are_logged(host: Host, world: World) -> None:
    async with host.run_test(size=SIZE) as pilot:
        screen = await ready(pilot, host)
        await highlight(pilot, screen, "Lestrade")
        assert "Cagette" not in context_text(screen)
        assert "[structure 1]" in context_text(screen)
        screen.REAL_NAMES_SECONDS = 0.2
        await pilot.press("n")
        await pilot.pause()
        assert "Cagette" in context_text(screen)
        for _ in range(50):  # the timer fires after 0.2 s, later on a busy machine
            await pilot.pause(0.1)
            if not screen.real_names:
                break
        assert not screen.real_names
        assert "Cagette" not in context_text(screen)
    kinds = [e.kind for e in world.vault.audit_events()]
    assert kinds.count("real-names-shown") == 1
    assert kinds.count("real-names-hidden") == 1


async def test_one_session_at_a_time(host: Host, world: World) -> None:
    async with host.run_test(size=SIZE) as pilot:
        screen = await ready(pilot, host)
        assert "Grégoire Vaissier" in listed(screen)
        screen.query_one("#review-scope", Select).value = world.sessions[0].id
        screen = await ready(pilot, host)
        assert "Lestrade" in listed(screen)
        assert "Grégoire Vaissier" not in listed(screen)
        places = {o.note_id for c in screen.candidates for o in c.occurrences}
        assert {world.vault.note(n).session_id for n in places} == {world.sessions[0].id}
