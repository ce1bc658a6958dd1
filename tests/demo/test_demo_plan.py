"""The demo plan: deterministic, the sizes asked, every phase and kind, consents respected."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from appsession.core.model import NoteKind
from appsession.core.protocol import parse_protocol
from appsession.demo.build import SITUATION_PHASES
from appsession.demo.cast import CIRCLES, COMMUNES
from appsession.demo.codebook import CODEBOOK
from appsession.demo.phrases import PHASE_WEIGHTS, PHRASES
from appsession.demo.plan import DemoSession, DemoSize, demo_sessions, member_key, spread
from appsession.demo.stamp import protocol_stamp
from appsession.resources import data_folder
from tests.protocols.sample import SAMPLE


def plan(sessions: int = 12, notes: int = 40, seed: int = 1) -> list[DemoSession]:
    return list(demo_sessions(DemoSize(sessions, notes, seed)))


def test_same_seed_same_plan_other_seed_other_plan() -> None:
    assert plan(seed=3) == plan(seed=3)
    assert [n.text for s in plan(seed=3) for n in s.notes] != [
        n.text for s in plan(seed=4) for n in s.notes
    ]


@pytest.mark.parametrize(("sessions", "notes"), [(1, 1), (5, 7), (12, 40), (3, 300)])
def test_sizes_are_exact(sessions: int, notes: int) -> None:
    made = plan(sessions, notes)
    assert len(made) == sessions
    assert all(len(session.notes) == notes for session in made)


def test_groups_alternate_and_meet_monthly_on_their_weekday() -> None:
    made = plan(sessions=24)
    for circle in CIRCLES:
        mine = [s for s in made if s.group == circle.key]
        assert [s.number for s in mine] == list(range(1, 13))
        assert all(s.day.weekday() == circle.weekday for s in mine)
        months = [(s.day.year, s.day.month) for s in mine]
        assert months[0] == (2025, 9)
        assert len(set(months)) == 12
        assert months == sorted(months)
        assert all(8 <= s.day.day <= 14 for s in mine)


def test_default_demo_has_every_phase_and_kind() -> None:
    notes = [note for session in plan() for note in session.notes]
    assert {note.phase for note in notes} == set(PHASE_WEIGHTS)
    offered = {kind.value for kind in NoteKind} - {"action"}  # app-classique offers no "action"
    assert {note.kind for note in notes} == offered
    assert any(note.off_record for note in notes)
    assert any(note.themes for note in notes)
    assert any(not note.speaker for note in notes)


def test_notes_follow_the_phase_order() -> None:
    order = list(PHASE_WEIGHTS)
    for session in plan():
        positions = [order.index(note.phase) for note in session.notes]
        assert positions == sorted(positions)


def test_who_speaks_respects_consent_attendance_and_roles() -> None:
    refused = {
        member_key(circle, i)
        for circle in CIRCLES
        for i, member in enumerate(circle.members)
        if not member.note_taking
    }
    assert len(refused) == 1
    for session in plan(sessions=24):
        assert session.chosen.presenter in session.attendance
        assert session.chosen.presenter not in refused
        for note in session.notes:
            assert note.speaker not in refused
            assert not note.speaker or note.speaker in session.attendance
            if note.kind in ("hypothesis", "question", "resonance"):
                assert note.speaker != session.chosen.presenter


def test_consents_include_a_refusal_and_a_not_quotable_member() -> None:
    members = [member for circle in CIRCLES for member in circle.members]
    assert sum(not m.note_taking for m in members) == 1
    assert any(m.note_taking and not m.quotable for m in members)
    assert all(8 <= len(circle.members) <= 12 for circle in CIRCLES)


def test_kept_situations_are_chosen_later() -> None:
    made = plan(sessions=24)
    kept = {s.key for session in made for s in session.kept}
    chosen = [session.chosen.key for session in made]
    assert kept
    assert kept & set(chosen)
    assert len(chosen) == len(set(chosen))


def test_themes_come_from_the_codebook_whose_parents_come_first() -> None:
    keys = [code.key for code in CODEBOOK]
    assert len(keys) == len(set(keys))
    for index, code in enumerate(CODEBOOK):
        assert not code.parent or code.parent in keys[:index]
    used = {t for phrases in PHRASES.values() for phrase in phrases for t in phrase.themes}
    assert used <= set(keys)


def test_templates_fill_without_leftover_slots() -> None:
    for session in plan(sessions=24, notes=60):
        for note in session.notes:
            assert "{" not in note.text
            assert note.text[0].isupper()
        assert "{" not in session.chosen.title


def test_places_are_invented() -> None:
    real = {"Condat", "Allanche", "Riom-ès-Montagnes", "Murat", "Mauriac"}
    assert not real & set(COMMUNES)
    texts = " ".join(note.text for session in plan() for note in session.notes)
    assert not any(place in texts for place in real)


def test_phases_and_kinds_fit_the_shipped_protocol() -> None:
    stamp = protocol_stamp()
    assert stamp.sha256 != "unknown", "protocols/app-classique.toml is not shipped"
    assert set(PHASE_WEIGHTS) <= set(stamp.phases)
    for phase, kinds in stamp.note_kinds.items():
        for phrase in PHRASES.get(phase, ()):
            assert phrase.kind in kinds, (phase, phrase.kind)


def test_situation_phases_are_the_protocols_per_situation_block() -> None:
    path = data_folder("protocols") / "app-classique.toml"
    assert path.is_file(), "protocols/app-classique.toml is not shipped"
    protocol = parse_protocol(path.read_text(encoding="utf-8"))
    assert {phase.id for phase in protocol.phases if phase.per_situation} == SITUATION_PHASES
    assert list(PHASE_WEIGHTS) == [p.id for p in protocol.phases if p.id in PHASE_WEIGHTS]


@given(st.integers(min_value=0, max_value=5000))
def test_spread_gives_every_note_a_phase(total: int) -> None:
    counts = spread(total)
    assert sum(counts.values()) == total
    assert list(counts) == list(PHASE_WEIGHTS)
    weights = sum(PHASE_WEIGHTS.values())
    for phase, count in counts.items():
        assert abs(count - total * PHASE_WEIGHTS[phase] / weights) < 1


def test_first_session_date() -> None:
    first = plan(sessions=2)
    assert first[0].day == date(2025, 9, 9)
    assert Counter(s.group for s in first) == {"fs": 1, "ts": 1}


def test_stamp_reads_the_protocol_file(tmp_path: Path) -> None:
    text = SAMPLE.replace('id = "sample"', 'id = "app-classique"')
    (tmp_path / "app-classique.toml").write_text(text, encoding="utf-8")
    stamp = protocol_stamp(tmp_path)
    assert (stamp.id, stamp.version) == ("app-classique", "1.0")
    assert stamp.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert stamp.phases[:2] == ("opening", "expose")
    assert stamp.note_kinds["opening"] == ("observation",)


@pytest.mark.parametrize("content", [None, "not = [toml", 'schema = 1\nid = "x"'])
def test_stamp_without_a_readable_protocol_is_unknown(tmp_path: Path, content: str | None) -> None:
    if content is not None:
        (tmp_path / "app-classique.toml").write_text(content, encoding="utf-8")
    stamp = protocol_stamp(tmp_path)
    assert (stamp.id, stamp.version, stamp.sha256, stamp.phases) == (
        "app-classique",
        "1.0",
        "unknown",
        (),
    )


def test_french_elision_after_filling() -> None:
    texts = [n.text for s in plan(sessions=24, notes=80) for n in s.notes]
    titles = [k.title for s in plan(sessions=24) for k in (s.chosen, *s.kept)]
    for text in texts + titles:
        assert not re.search(r"\b(de|que) (un|une|[aeiou])", text, re.IGNORECASE), text


def test_closing_announces_whoever_presents_next() -> None:
    circle = {circle.key: circle for circle in CIRCLES}
    for session in plan(sessions=12, notes=120):
        announce = [n.text for n in session.notes if n.text.startswith("Prochaine séance")]
        if announce and session.kept:
            index = int(session.kept[0].presenter.rsplit("-", 1)[1]) - 1
            first_name = circle[session.group].members[index].name.split()[0]
            assert all(first_name in text for text in announce)


def test_templates_take_turns_within_a_phase() -> None:
    (session,) = plan(sessions=1, notes=200)
    hypotheses = [n.text.split()[0:4] for n in session.notes if n.phase == "hypotheses"]
    first_round = hypotheses[: len(PHRASES["hypotheses"])]
    assert len({" ".join(words) for words in first_round}) == len(first_round)
