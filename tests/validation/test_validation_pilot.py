"""Pilot drives a validation run on the demo vault with its two groups, then both exports."""

from __future__ import annotations

import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Input, Static, TextArea

import appsession.tui
from appsession.core.clock import FakeClock
from appsession.core.model import DecisionState, ItemKind
from appsession.demo.analysis import add_demo_analysis
from appsession.demo.build import build_demo
from appsession.demo.plan import DemoSize
from appsession.export import docx_texts
from appsession.paths import Paths
from appsession.protocol_library import ProtocolLibrary
from appsession.services import AppContext
from appsession.services.export import ExportService
from appsession.services.validation import ValidationService
from appsession.tui.dialogs.form import FormDialog
from appsession.tui.screens.validation import ValidationScreen
from appsession.tui.screens.validation_dialogs import GroupItemDialog
from appsession.tui.screens.validation_export import ReasonsDialog
from appsession.vault import Vault
from tests.validation.world import make_vault


@dataclass
class Demo:
    vault: Vault
    intervention_id: str
    clock: FakeClock


@pytest.fixture
def demo(tmp_path: Path, clock: FakeClock) -> Iterator[Demo]:
    vault = make_vault(tmp_path / "demo.db", clock)
    summary = build_demo(vault, DemoSize(sessions=6, notes_per_session=30, seed=3))
    add_demo_analysis(vault, summary.intervention_id, 3)
    yield Demo(vault, summary.intervention_id, clock)
    vault.close()


class Host(App[None]):
    CSS_PATH = str(Path(appsession.tui.__file__).parent / "app.tcss")

    def __init__(self, context: AppContext, intervention_id: str) -> None:
        super().__init__()
        self.context = context
        self.intervention_id = intervention_id

    def on_mount(self) -> None:
        self.push_screen(ValidationScreen(self.context, self.intervention_id))


def host(demo: Demo, tmp_path: Path) -> Host:
    paths = Paths(data_dir=tmp_path / "data", config_dir=tmp_path / "config")
    context = AppContext(
        demo.vault, demo.clock, paths, ProtocolLibrary(user_folder=paths.user_protocols)
    )
    app = Host(context, demo.intervention_id)
    app.animation_level = "none"
    return app


def shown(screen: ValidationScreen, widget: str) -> str:
    return str(screen.query_one(f"#{widget}", Static).render())


async def test_two_groups_validate_the_demo_draft(demo: Demo, tmp_path: Path) -> None:
    validation = ValidationService(demo.vault, demo.clock)
    before = validation.load(demo.intervention_id)
    first, second = before.groups
    shared = [s for s in before.statuses if set(s.required_groups) == {first.id, second.id}]
    only_first = [s for s in before.statuses if s.required_groups == (first.id,)]
    warned = next(s for s in only_first if before.unresolved(s))
    app = host(demo, tmp_path)
    async with app.run_test(size=(150, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ValidationScreen)
        assert first.name in shown(screen, "validation-bar")
        assert shown(screen, "validation-text").strip() == shared[0].item.text
        assert "Evidence: this group and 1 other group" in shown(screen, "validation-facts")
        await pilot.press("a")  # approve the first shared item, move on
        await pilot.pause()
        assert shown(screen, "validation-text").strip() == shared[1].item.text
        await pilot.press("m")  # amend the second one in place
        await pilot.pause()
        editor = screen.query_one("#validation-editor", TextArea)
        assert editor.has_focus
        editor.text = "Une formulation que le groupe a choisie ensemble."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not screen.has_class("amending")
        for _step in range(len(before.statuses)):
            if shown(screen, "validation-text").strip() == f"« {warned.item.text} »":
                break
            await pilot.press("right")
            await pilot.pause()
        assert "⚠" in shown(screen, "validation-facts")
        await pilot.press("k")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert "✓ Warning accepted" in shown(screen, "validation-facts")
        await pilot.press("w")  # the group keeps this quotation for itself
        await pilot.pause()
        await pilot.press("g")  # the second group's turn: its own items only
        await pilot.pause()
        assert second.name in shown(screen, "validation-bar")
        assert f"item 1 of {len(before.for_group(second.id))}" in shown(screen, "validation-bar")
        await pilot.press("a", "a")  # the first shared item, then the amended one
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, GroupItemDialog)
        dialog.query_one("#group-item-text", TextArea).text = "Un temps d'échange entre équipes."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Added by this group." in shown(screen, "validation-facts")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        summary = shown(screen, "validation-summary")
        assert re.search(r"own items +1", summary)
        assert re.search(r"withheld by the group +1", summary)

    after = validation.load(demo.intervention_id)
    states = {s.item.id: s.state for s in after.statuses}
    assert states[shared[0].item.id] is DecisionState.APPROVED
    assert states[shared[1].item.id] is DecisionState.AMENDED
    assert states[warned.item.id] is DecisionState.WITHHELD
    own = next(s for s in after.statuses if s.item.origin_group_id == second.id)
    assert own.item.kind is ItemKind.ACTION
    assert own.state is DecisionState.APPROVED
    latest = max(after.sessions[second.id], key=lambda s: s.number)
    assert {d.session_id for d in demo.vault.decisions() if d.group_id == second.id} == {latest.id}

    service = ExportService(demo.vault, demo.clock)
    commissioners = tmp_path / "commanditaires.docx"
    outcome = service.export_commissioners(demo.intervention_id, commissioners, lang="fr")
    assert outcome.items == 3
    text = docx_texts(commissioners.read_bytes())["word/document.xml"]
    assert "Une formulation que le groupe a choisie ensemble." in text
    assert shared[1].item.text not in text
    assert warned.item.text not in text
    group_doc = tmp_path / "groupe.docx"
    service.export_group(demo.intervention_id, first.id, group_doc, lang="fr")
    assert warned.item.text in docx_texts(group_doc.read_bytes())["word/document.xml"]


async def test_exports_from_the_screen_ask_where_and_show_refusals(
    demo: Demo, tmp_path: Path
) -> None:
    app = host(demo, tmp_path)
    refused_path = tmp_path / "refused.docx"
    group_path = tmp_path / "groupe.docx"
    async with app.run_test(size=(150, 45)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDialog)
        form.query_one("#field-path", Input).value = str(refused_path)
        await pilot.click("#save")
        await app.workers.wait_for_complete()
        await pilot.pause()
        reasons = app.screen
        assert isinstance(reasons, ReasonsDialog)
        assert "no item is approved for export yet" in "\n".join(reasons.reasons)
        assert not refused_path.exists()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDialog)
        form.query_one("#field-path", Input).value = str(group_path)
        await pilot.click("#save")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ValidationScreen)
    assert group_path.read_bytes()[:2] == b"PK"
    assert stat.S_IMODE(group_path.stat().st_mode) == 0o600
