"""Pilot drives the workspace: filter, tag, open a matrix cell, make each kind of draft item."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import (
    Button,
    DataTable,
    Input,
    Select,
    SelectionList,
    TabbedContent,
    TextArea,
    Tree,
)

import appsession.tui
from appsession.core.model import ItemKind
from appsession.paths import Paths
from appsession.protocol_library import ProtocolLibrary
from appsession.services import AppContext
from appsession.tui.screens.draft_dialogs import ItemDialog
from appsession.tui.screens.workspace import WorkspaceScreen
from appsession.tui.screens.workspace_dialogs import MemoDialog, ThemePickerDialog
from appsession.tui.screens.workspace_filters import FilterBar
from appsession.tui.screens.workspace_memos import MemoTable
from appsession.tui.screens.workspace_notes import SHOWN, NoteTable
from appsession.tui.widgets.matrix import MatrixView
from tests.analysis.conftest import Demo

SIZE = (160, 50)


class Host(App[None]):
    """The app's style sheet and one screen."""

    CSS_PATH = str(Path(appsession.tui.__file__).parent / "app.tcss")

    def __init__(self, context: AppContext, intervention_id: str) -> None:
        super().__init__()
        self.context = context
        self.intervention_id = intervention_id

    def on_mount(self) -> None:
        self.push_screen(WorkspaceScreen(self.context, self.intervention_id))


@pytest.fixture
def host(demo: Demo, tmp_path: Path) -> Host:
    paths = Paths(data_dir=tmp_path / "data", config_dir=tmp_path / "config")
    context = AppContext(
        demo.vault, demo.clock, paths, ProtocolLibrary(user_folder=paths.user_protocols)
    )
    app = Host(context, demo.intervention_id)
    app.animation_level = "none"
    return app


async def ready(pilot: Pilot[None], app: Host) -> None:
    """Wait until the screen has loaded its notes in the background."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def shown(app: Host) -> list[str]:
    return [n.id for n in app.screen.query_one(NoteTable).notes]


async def test_filters_narrow_the_notes(host: Host, demo: Demo) -> None:
    async with host.run_test(size=SIZE) as pilot:
        await ready(pilot, host)
        service = host.screen.service  # type: ignore[attr-defined]
        everything = service.notes()
        assert len(shown(host)) == min(len(everything), SHOWN)
        group = service.roster.groups[1]
        bar = host.screen.query_one(FilterBar)
        bar.set_value("group", group.id)
        await pilot.pause()
        assert shown(host)
        assert {service.index().get(i).group_id for i in shown(host)} == {group.id}
        word = everything[0].text.split()[-1].strip(".,;:!?")
        bar.set_value("group", None)
        bar.set_value("text", word)
        await pilot.pause()
        assert everything[0].id in shown(host)
        assert len(shown(host)) < len(everything)
        bar.clear()
        bar.set_value("speaker", "@facilitator")
        await pilot.pause()
        assert all(service.index().get(i).speaker == "" for i in shown(host))


async def test_marked_notes_are_tagged_in_bulk(host: Host, demo: Demo) -> None:
    async with host.run_test(size=SIZE) as pilot:
        await ready(pilot, host)
        screen = host.screen
        table = screen.query_one(NoteTable)
        table.focus()
        first, second = table.notes[0].id, table.notes[1].id
        await pilot.press("space", "down", "space", "t")
        await pilot.pause()
        picker = host.screen
        assert isinstance(picker, ThemePickerDialog)
        theme = next(t for t in picker.codebook.themes if not picker.codebook.children(t.id))
        picker.query_one(SelectionList).select(theme.id)
        await pilot.click("#ok")
        await pilot.pause()
        for note_id in (first, second):
            assert theme.id in demo.vault.note(note_id).themes


async def test_opening_a_matrix_cell_lists_its_notes(host: Host, demo: Demo) -> None:
    async with host.run_test(size=SIZE) as pilot:
        await ready(pilot, host)
        screen = host.screen
        screen.query_one(TabbedContent).active = "tab-matrix"
        await pilot.pause()
        view = screen.query_one(MatrixView)
        matrix = view.matrix
        assert matrix is not None
        row, column = next(
            (r, c + 1)
            for r, theme in enumerate(matrix.rows)
            for c, col in enumerate(matrix.columns)
            if matrix.cell(theme.theme_id, col.key).count
        )
        expected = matrix.cell(matrix.rows[row].theme_id, matrix.columns[column - 1].key)
        table = view.query_one(DataTable)
        table.focus()
        table.move_cursor(row=row, column=column)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.query_one(TabbedContent).active == "tab-notes"
        assert sorted(shown(host)) == sorted(expected.notes)
        await pilot.press("escape")
        await pilot.pause()
        assert len(shown(host)) > len(expected.notes)


async def make_item(
    pilot: object, host: Host, note_ids: list[str], kind: ItemKind, text: str
) -> None:
    screen = host.screen
    table = screen.query_one(NoteTable)
    table.marked = set(note_ids)
    table.focus()
    await pilot.press("n")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    dialog = host.screen
    assert isinstance(dialog, ItemDialog)
    dialog.query_one("#item-kind", Select).value = kind.value
    await pilot.pause()  # type: ignore[attr-defined]
    dialog.query_one("#item-section", Input).value = "Constats"
    if text:
        dialog.query_one("#item-text").load_text(text)  # type: ignore[attr-defined]
    dialog.query_one("#save", Button).press()
    await pilot.pause()  # type: ignore[attr-defined]
    table.marked = set()


async def test_each_kind_of_item_is_made_from_notes(host: Host, demo: Demo) -> None:
    async with host.run_test(size=SIZE) as pilot:
        await ready(pilot, host)
        service = host.screen.service  # type: ignore[attr-defined]
        usable = [n for n in service.notes() if n.usable and n.speaker]
        quotable = next(n for n in service.notes() if n.quotable)
        refused = next((n for n in service.notes() if n.speaker and not n.usable), None)
        await make_item(pilot, host, [n.id for n in usable[:3]], ItemKind.ANALYSIS, "Un constat.")
        await make_item(pilot, host, [quotable.id], ItemKind.VERBATIM, "")
        await make_item(pilot, host, [usable[3].id], ItemKind.ACTION, "Un temps d'échange.")
        if refused is not None:
            await make_item(pilot, host, [refused.id], ItemKind.ANALYSIS, "Refusé.")
        items = demo.vault.draft_items(demo.intervention_id)
        assert sorted(i.kind.value for i in items) == ["action", "analysis", "verbatim"]
        quote = next(i for i in items if i.kind is ItemKind.VERBATIM)
        assert quote.text == quotable.text
        assert quote.evidence == (quotable.id,)


async def test_memos_are_written_listed_and_edited(host: Host, demo: Demo) -> None:
    async with host.run_test(size=SIZE) as pilot:
        await ready(pilot, host)
        screen = host.screen
        screen.query_one(NoteTable).focus()
        await pilot.press("m")
        await pilot.pause()
        dialog = host.screen
        assert isinstance(dialog, MemoDialog)
        dialog.query_one(TextArea).load_text("Le cadre a été redit.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        service = screen.service  # type: ignore[attr-defined]
        (memo,) = service.memos()
        assert memo.text == "Le cadre a été redit."
        screen.query_one(TabbedContent).active = "tab-memos"
        await pilot.pause()
        table = screen.query_one(MemoTable)
        assert table.row_count == 1
        table.focus()
        await pilot.press("enter")
        await pilot.pause()
        host.screen.query_one(TextArea).load_text("Le cadre a été redit deux fois.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [m.text for m in service.memos()] == ["Le cadre a été redit deux fois."]


async def test_renaming_a_theme_in_the_codebook_tab(host: Host, demo: Demo) -> None:
    async with host.run_test(size=SIZE) as pilot:
        await ready(pilot, host)
        screen = host.screen
        screen.query_one(TabbedContent).active = "tab-codebook"
        await pilot.pause()
        tree = screen.query_one("#codebook-tree", Tree)
        tree.focus()
        await pilot.press("down")
        await pilot.pause()
        theme_id = tree.cursor_node.data  # type: ignore[union-attr]
        tagged = {n.id for n in demo.analysis().notes() if theme_id in n.note.themes}
        await pilot.press("r")
        await pilot.pause()
        host.screen.query_one("#field-name", Input).value = "Thème renommé"
        await pilot.click("#save")
        await pilot.pause()
        book = demo.analysis().codebook()
        assert book.get(theme_id).name == "Thème renommé"
        assert {n.id for n in demo.analysis().notes() if theme_id in n.note.themes} == tagged
