"""Pilot drives the draft screen: warnings shown, wording edited with history, items moved."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Input, Static, TextArea, Tree

import appsession.tui
from appsession.core.model import ItemKind
from appsession.paths import Paths
from appsession.protocol_library import ProtocolLibrary
from appsession.services import AppContext
from appsession.services.draft import DraftService
from appsession.tui.screens.draft import DraftScreen
from appsession.tui.screens.draft_dialogs import SectionDialog
from tests.analysis.conftest import Demo


class Host(App[None]):
    CSS_PATH = str(Path(appsession.tui.__file__).parent / "app.tcss")

    def __init__(self, context: AppContext, intervention_id: str) -> None:
        super().__init__()
        self.context = context
        self.intervention_id = intervention_id

    def on_mount(self) -> None:
        self.push_screen(DraftScreen(self.context, self.intervention_id))


@pytest.fixture
def drafted(demo: Demo) -> tuple[Demo, list[str]]:
    draft = DraftService(demo.analysis())
    usable = [n for n in draft.analysis.notes() if n.usable and n.speaker]
    made = [
        draft.create_item("Constats", ItemKind.ANALYSIS, [n.id for n in usable[:6]], "Un constat."),
        draft.create_item(
            "Pistes",
            ItemKind.ACTION,
            [usable[0].id],
            "La directrice du site de Brumerolles, en arrêt maladie depuis mars.",
        ),
    ]
    return demo, [m.id for m in made]


def host_for(demo: Demo, tmp_path: Path) -> Host:
    paths = Paths(data_dir=tmp_path / "data", config_dir=tmp_path / "config")
    library = ProtocolLibrary(user_folder=paths.user_protocols)
    app = Host(AppContext(demo.vault, demo.clock, paths, library), demo.intervention_id)
    app.animation_level = "none"
    return app


def select(screen: DraftScreen, item_id: str) -> None:
    tree = screen.query_one(Tree)
    node = next(n for n in tree.root.children for n in n.children if n.data == ("item", item_id))
    tree.move_cursor(node)


async def test_warnings_edits_and_moves(drafted: tuple[Demo, list[str]], tmp_path: Path) -> None:
    demo, (finding, lead) = drafted
    app = host_for(demo, tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DraftScreen)
        summary = str(screen.query_one("#draft-summary", Static).render())
        assert "2." in summary
        select(screen, lead)
        await pilot.pause()
        card = str(screen.query_one("#item-card", Static).render())
        assert "⚠" in card
        assert "arrêt maladie" in card
        select(screen, finding)
        await pilot.pause()
        editor = screen.query_one("#item-editor", TextArea)
        editor.load_text("Un constat, reformulé par le groupe.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        draft = DraftService(demo.analysis())
        assert draft.vault_item(finding).text == "Un constat, reformulé par le groupe."
        assert [r.text for r in draft.history(finding)] == [
            "Un constat.",
            "Un constat, reformulé par le groupe.",
        ]
        assert screen.chosen() == ("item", finding)
        assert "Un constat." in str(screen.query_one("#item-history-text", Static).render())
        screen.query_one(Tree).focus()
        await pilot.press("J")
        await pilot.pause()
        sections = {
            s.title: [i.id for i in s.items] for s in DraftService(demo.analysis()).sections()
        }
        assert sections == {"Constats": [], "Pistes": [finding, lead]}
        await pilot.press("M")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SectionDialog)
        dialog.query_one(Input).value = "Nouvelle partie"
        await pilot.press("enter")
        await pilot.pause()
        titles = [s.title for s in DraftService(demo.analysis()).sections()]
        assert titles == ["Constats", "Pistes", "Nouvelle partie"]


async def test_an_edited_wording_is_kept_when_the_app_locks(
    drafted: tuple[Demo, list[str]], tmp_path: Path
) -> None:
    demo, (finding, _lead) = drafted
    app = host_for(demo, tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DraftScreen)
        select(screen, finding)
        await pilot.pause()
        screen.query_one("#item-editor", TextArea).load_text("Formulation en cours.")
        screen.before_lock()
        assert DraftService(demo.analysis()).vault_item(finding).text == "Formulation en cours."
