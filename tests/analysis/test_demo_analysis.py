"""The demo's analysis: a codebook, coded notes, memos, and a draft that shows every feature."""

from __future__ import annotations

from pathlib import Path

from appsession.core.model import ItemKind
from appsession.core.reidentification import Risk
from appsession.demo.analysis import add_demo_analysis
from appsession.demo.build import build_demo
from appsession.demo.plan import DemoSize
from appsession.services.analysis import AnalysisService
from appsession.services.draft import DraftService
from tests.analysis.conftest import Demo, new_vault


def test_the_demo_draft_has_every_kind_evidence_and_a_warning(demo: Demo) -> None:
    add_demo_analysis(demo.vault, demo.intervention_id, seed=5)
    draft = DraftService(demo.analysis())
    entries = draft.entries()
    assert {e.item.kind for e in entries} == set(ItemKind)
    assert len(draft.sections()) >= 3
    assert any(len(e.evidence.groups) >= 2 for e in entries)
    assert any(e.evidence.participants >= 3 for e in entries)
    assert any(Risk.RARE_ROLE in {w.risk for w in e.warnings} for e in entries)
    assert not any(e.problems for e in entries)
    assert draft.analysis.memos()
    assert draft.analysis.colors()
    quotes = [e for e in entries if e.item.kind is ItemKind.VERBATIM]
    index = draft.analysis.index()
    for quote in quotes:
        (note_id,) = quote.item.evidence
        note = index.get(note_id)
        assert note is not None
        assert note.quotable
        assert quote.item.text == note.text


def test_the_same_seed_gives_the_same_draft(demo: Demo, tmp_path: Path) -> None:
    twin = new_vault(tmp_path / "twin.db", demo.clock)
    summary = build_demo(twin, DemoSize(sessions=6, notes_per_session=30, seed=3))
    add_demo_analysis(demo.vault, demo.intervention_id, seed=5)
    add_demo_analysis(twin, summary.intervention_id, seed=5)
    twin_service = AnalysisService(twin, summary.intervention_id, demo.clock)

    def shape(service: AnalysisService) -> list[tuple[str, str, str, str]]:
        rows = DraftService(service).listing()
        return [(r["section"], r["kind"], r["text"], r["state"]) for r in rows]

    assert shape(demo.analysis()) == shape(twin_service)
    twin.close()
