"""The demo's validation: partly validated by each group, so that the two exports differ."""

from __future__ import annotations

from pathlib import Path

import pytest

from appsession.core.clock import FakeClock
from appsession.core.model import DecisionState
from appsession.demo.analysis import add_demo_analysis
from appsession.demo.build import build_demo
from appsession.demo.plan import DemoSize
from appsession.demo.validation import add_demo_validation
from appsession.export import docx_texts
from appsession.services.export import ExportService
from appsession.services.validation import ValidationService, ValidationView
from appsession.vault import Vault
from tests.validation.world import make_vault


def demo_states(tmp_path: Path, clock: FakeClock, size: DemoSize) -> tuple[list[str], Path]:
    vault = make_vault(tmp_path / f"demo-{size.sessions}-{size.seed}.db", clock)
    try:
        summary = build_demo(vault, size)
        add_demo_analysis(vault, summary.intervention_id, size.seed)
        add_demo_validation(vault, summary.intervention_id, size.seed)
        view = ValidationService(vault, clock).load(summary.intervention_id)
        states = [s.state.value for s in view.statuses]
        if size.sessions > 1:
            export_both(vault, clock, summary.intervention_id, tmp_path, view)
        return states, tmp_path
    finally:
        vault.close()


def export_both(
    vault: Vault, clock: FakeClock, intervention: str, folder: Path, view: ValidationView
) -> None:
    service = ExportService(vault, clock)
    commissioners = folder / "commanditaires.docx"
    outcome = service.export_commissioners(intervention, commissioners, lang="fr")
    group = folder / "groupe.docx"
    service.export_group(intervention, view.groups[0].id, group, lang="fr")
    for_commissioners = docx_texts(commissioners.read_bytes())["word/document.xml"]
    for_group = docx_texts(group.read_bytes())["word/document.xml"]
    statuses = view.statuses
    assert outcome.items == sum(1 for s in statuses if s.exportable)
    for status in statuses:
        if status.exportable:
            assert status.item.text in for_commissioners
        else:
            assert status.item.text not in for_commissioners
    assert any(s.item.text in for_group and not s.exportable for s in statuses)


def test_the_demo_is_partly_validated_and_both_exports_differ(
    tmp_path: Path, clock: FakeClock
) -> None:
    states, _folder = demo_states(
        tmp_path, clock, DemoSize(sessions=6, notes_per_session=30, seed=3)
    )
    for state in DecisionState:
        assert state.value in states, state
    assert states.count(DecisionState.AMENDED.value) == 1


def test_the_same_seed_gives_the_same_validation(tmp_path: Path, clock: FakeClock) -> None:
    size = DemoSize(sessions=6, notes_per_session=30, seed=5)
    first, _ = (
        demo_states(tmp_path / "a", clock, size) if (tmp_path / "a").mkdir() is None else ([], None)
    )
    second, _ = (
        demo_states(tmp_path / "b", clock, size) if (tmp_path / "b").mkdir() is None else ([], None)
    )
    assert first == second


@pytest.mark.parametrize("sessions", [1, 2])
def test_a_tiny_demo_is_validated_without_failing(
    tmp_path: Path, clock: FakeClock, sessions: int
) -> None:
    states, _ = demo_states(
        tmp_path, clock, DemoSize(sessions=sessions, notes_per_session=20, seed=1)
    )
    assert isinstance(states, list)
