"""The running session's services, without the screen: notes, veto, undo, autosave, resume."""

from __future__ import annotations

import pytest

from appsession.core.clock import FakeClock
from appsession.core.errors import UserError
from appsession.core.model import NoteKind
from appsession.core.note_syntax import ProblemKind
from appsession.core.nudges import NudgeKind
from appsession.paths import Paths
from appsession.protocol_library import ProtocolLibrary
from appsession.services import AppContext
from appsession.services.session import LiveSession
from appsession.services.situations import choose, close, proposals, propose
from appsession.vault import Vault
from tests.tui.conftest import PASSPHRASE, Cast
from tests.tui.test_lock import running_session


@pytest.fixture
def context(vault: Vault, clock: FakeClock, paths: Paths) -> AppContext:
    return AppContext(vault, clock, paths, ProtocolLibrary())


@pytest.fixture
def live(context: AppContext, cast: Cast) -> LiveSession:
    session = running_session(context.vault, cast)
    opened = LiveSession.open(context, session.id)
    opened.run.start()
    return opened


def walk_to(live: LiveSession, phase_id: str) -> None:
    while live.run.step.phase.id != phase_id:
        assert live.run.next_phase()


def test_a_note_is_durable_and_clears_the_typing_autosave(
    live: LiveSession, context: AppContext, paths: Paths, clock: FakeClock
) -> None:
    assert live.autosave("ambiance")
    assert not live.autosave("ambiance")
    outcome = live.add_note("ambiance calme")
    assert outcome.note is not None
    context.vault.close()
    reopened = Vault.open(paths.vault, PASSPHRASE, clock=clock)
    try:
        assert reopened.pending_text(live.session.id) == ""
        assert [n.text for n in reopened.notes(live.session.id)] == ["ambiance calme"]
    finally:
        reopened.close()


def test_nobody_can_be_named_who_refused(live: LiveSession, cast: Cast) -> None:
    outcome = live.add_note("@P3 ne dit rien")
    assert outcome.note is None
    assert [p.kind for p in outcome.problems] == [ProblemKind.NOT_NOTED]
    assert live.not_noted() == [cast.people["P3"], cast.people["P4"]]
    note = live.add_note("une remarque").note
    assert note is not None
    with pytest.raises(UserError, match="attributed"):
        live.change_note(note, "x", NoteKind.OBSERVATION, cast.people["P3"].id, (), False)


def test_the_presenter_speaks_by_default_in_the_exposé(live: LiveSession, cast: Cast) -> None:
    walk_to(live, "choice")
    situation = propose(live, cast.people["P1"].id, "Le refus de Mme X")
    choose(live, 1, situation)
    walk_to(live, "expose")
    told = live.add_note("elle raconte").note
    assert told is not None
    assert (told.speaker_id, told.kind, told.situation_id) == (
        cast.people["P1"].id,
        NoteKind.PARAPHRASE,
        situation.id,
    )
    walk_to(live, "clarification")
    asked = live.add_note("? qui était là").note
    assert asked is not None
    assert asked.speaker_id == ""


def test_new_themes_join_the_codebook_once(live: LiveSession, context: AppContext) -> None:
    first = live.add_note("#Burn-out #fatigue un")
    second = live.add_note("#burn-out deux")
    assert first.new_themes == ("Burn-out", "fatigue")
    assert second.new_themes == ()
    names = sorted(t.name for t in context.vault.themes(live.group.intervention_id))
    assert names == ["Burn-out", "fatigue"]
    assert first.note is not None
    assert second.note is not None
    assert first.note.themes[0] == second.note.themes[0]


def test_the_veto_reaches_this_phase_within_the_window(live: LiveSession, clock: FakeClock) -> None:
    early = live.add_note("avant le tour").note
    clock.advance(10 * 60)
    recent = live.add_note("le tour dérape").note
    live.run.next_phase()
    other = live.add_note("autre phase").note
    live.run.previous_phase()
    assert early is not None
    assert recent is not None
    assert other is not None
    assert [n.id for n in live.exchange(5)] == [recent.id]
    vetoed = live.veto(5)
    assert [n.id for n in vetoed] == [recent.id]
    assert live.off_record_mode
    after = live.add_note("suite").note
    assert after is not None
    assert after.off_record
    states = {n.id: n.off_record for n in live.notes}
    assert states[early.id] is False
    assert states[other.id] is False
    step = live.undo()
    assert step is not None
    assert step.kind == "veto"
    assert not live.off_record_mode
    assert {n.id: n.off_record for n in live.notes}[recent.id] is False


def test_delete_then_undo_brings_the_same_note_back(live: LiveSession) -> None:
    note = live.add_note("#fatigue à reprendre").note
    assert note is not None
    live.delete_note(note)
    assert live.vault.notes(live.session.id) == []
    live.undo()
    (back,) = live.vault.notes(live.session.id)
    assert (back.id, back.text, back.themes, back.created_at) == (
        note.id,
        note.text,
        note.themes,
        note.created_at,
    )
    assert live.undo() is None


def test_nudges_can_be_silenced_for_the_session(live: LiveSession) -> None:
    walk_to(live, "clarification")
    assert [n.kind for n in live.add_note("? et si elle avait peur").nudges] == [
        NudgeKind.DISGUISED_HYPOTHESIS
    ]
    live.muted.add(NudgeKind.DISGUISED_HYPOTHESIS)
    assert live.add_note("? et si c'était lui").nudges == ()


def test_a_reopened_session_resumes_at_its_step(
    live: LiveSession, context: AppContext, clock: FakeClock
) -> None:
    walk_to(live, "clarification")
    clock.advance(90)
    live.save_run()
    again = LiveSession.open(context, live.session.id)
    assert again.run.step.phase.id == "clarification"
    assert again.run.timer.elapsed == 90


def test_closing_keeps_what_was_not_chosen(live: LiveSession, cast: Cast) -> None:
    walk_to(live, "choice")
    chosen = propose(live, cast.people["P1"].id, "Le refus")
    kept = propose(live, cast.people["P2"].id, "La réunion")
    choose(live, 1, chosen)
    result = close(live, cast.people["P2"].id)
    assert result.next_presenter_id == cast.people["P2"].id
    statuses = {s.title: s.status.value for s in live.vault.situations(live.group.id)}
    assert statuses == {"Le refus": "done", "La réunion": "kept"}
    assert [s.id for s in proposals(live)] == [kept.id]
