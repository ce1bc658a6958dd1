"""The demo written into a real vault reads back whole, with ids wired as planned."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from appsession.core.clock import FakeClock
from appsession.core.model import NoteKind, SituationStatus
from appsession.demo.build import SITUATION_PHASES, DemoSummary, build_demo
from appsession.demo.cast import CIRCLES, COMMISSIONER, LEGAL_BASIS
from appsession.demo.codebook import CODEBOOK
from appsession.demo.phrases import PHASE_WEIGHTS
from appsession.demo.plan import DemoSize, demo_sessions
from appsession.demo.stamp import protocol_stamp
from appsession.vault import FLOOR, Vault

PASSPHRASE = "demo passphrase for tests"
SIZE = DemoSize(sessions=6, notes_per_session=30, seed=5)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoSummary]:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    vault, _recovery = Vault.create(path, PASSPHRASE, clock=FakeClock(), kdf=FLOOR)
    progress: list[tuple[int, int]] = []
    with vault:
        summary = build_demo(
            vault, SIZE, progress=lambda done, total: progress.append((done, total))
        )
    assert progress == [(i, 6) for i in range(1, 7)]
    return path, summary


def opened(demo: tuple[Path, DemoSummary]) -> Vault:
    return Vault.open(demo[0], PASSPHRASE, clock=FakeClock())


def test_summary_counts(demo: tuple[Path, DemoSummary]) -> None:
    _path, summary = demo
    assert (summary.groups, summary.sessions, summary.notes) == (2, 6, 180)
    assert summary.participants == sum(len(circle.members) for circle in CIRCLES)


def test_cast_consents_and_codebook(demo: tuple[Path, DemoSummary]) -> None:
    with opened(demo) as vault:
        (intervention,) = vault.interventions()
        assert intervention.commissioner == COMMISSIONER
        themes = vault.themes(intervention.id)
        assert len(themes) == len(CODEBOOK)
        by_name = {theme.name: theme for theme in themes}
        for code in CODEBOOK:
            parent = next((c for c in CODEBOOK if c.key == code.parent), None)
            expected_parent = by_name[parent.name].id if parent else ""
            assert by_name[code.name].parent_id == expected_parent
        groups = sorted(vault.groups(intervention.id), key=lambda g: g.name)
        assert [g.name for g in groups] == sorted(c.name for c in CIRCLES)
        consents = [vault.consent(p.id) for g in groups for p in vault.participants(g.id)]
        assert sum(c.note_taking is False for c in consents) == 1
        assert any(c.note_taking and not c.quotable for c in consents)
        assert all(c.legal_basis == LEGAL_BASIS and c.given_on for c in consents)


def test_sessions_notes_and_situations_as_planned(demo: tuple[Path, DemoSummary]) -> None:
    planned = {(s.group, s.number): s for s in demo_sessions(SIZE)}
    circle_of = {circle.name: circle.key for circle in CIRCLES}
    stamp = protocol_stamp()
    with opened(demo) as vault:
        (intervention,) = vault.interventions()
        for group in vault.groups(intervention.id):
            people = {p.id: p for p in vault.participants(group.id)}
            refused = {pid for pid in people if vault.consent(pid).note_taking is False}
            situations = {s.id: s for s in vault.situations(group.id)}
            for session in vault.sessions(group.id):
                plan = planned[(circle_of[group.name], session.number)]
                assert session.date == plan.day.isoformat()
                assert (session.protocol_id, session.protocol_version) == ("app-classique", "1.0")
                assert session.protocol_hash == stamp.sha256
                assert len(session.attendance) == len(plan.attendance)
                notes = vault.notes(session.id)
                assert [n.text for n in notes] == [n.text for n in plan.notes]
                order = list(PHASE_WEIGHTS)
                assert [order.index(n.phase_id) for n in notes] == sorted(
                    order.index(n.phase_id) for n in notes
                )
                for note in notes:
                    assert note.speaker_id not in refused
                    assert not note.speaker_id or note.speaker_id in session.attendance
                    assert isinstance(note.kind, NoteKind)
                    if note.phase_id in SITUATION_PHASES:
                        situation = situations[note.situation_id]
                        assert situation.session_id == session.id
                        assert situation.status is SituationStatus.CHOSEN
                    else:
                        assert note.situation_id == ""
            statuses = Counter(s.status for s in situations.values())
            assert statuses[SituationStatus.CHOSEN] == len(vault.sessions(group.id))
            assert statuses[SituationStatus.KEPT] >= 1


def test_vault_checks_whole_after_the_demo(demo: tuple[Path, DemoSummary]) -> None:
    with opened(demo) as vault:
        report = vault.check()
    assert report.ok
