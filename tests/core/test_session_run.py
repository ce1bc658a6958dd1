"""A running session: steps, countdowns on a fake clock, choices, breaks, saved state."""

from __future__ import annotations

from datetime import timedelta

import pytest

from appsession.core.clock import FakeClock
from appsession.core.countdown import CountdownState
from appsession.core.plan import SessionPlan, plan_session
from appsession.core.protocol import parse_protocol
from appsession.core.session_run import SessionRun
from tests.protocols.sample import SAMPLE

PROTOCOL = parse_protocol(SAMPLE)


def plan(situations: int = 1) -> SessionPlan:
    return plan_session(PROTOCOL, 120 if situations == 1 else 180, situations)


def ids(run: SessionRun) -> list[tuple[str, int]]:
    return [(step.phase.id, step.situation) for step in run.plan.steps]


def test_a_new_run_waits_at_the_first_step(clock: FakeClock) -> None:
    run = SessionRun.begin(plan(), clock)
    assert run.index == 0
    assert run.timer.state is CountdownState.READY
    run.start()
    clock.advance(60)
    assert run.timer.elapsed == 60
    assert run.timer.state is CountdownState.RUNNING


def test_next_and_previous_phase_keep_each_steps_time(clock: FakeClock) -> None:
    run = SessionRun.begin(plan(), clock)
    run.start()
    clock.advance(120)
    assert run.next_phase()
    clock.advance(30)
    assert run.timers[0].elapsed == 120
    assert run.timer.elapsed == 30
    assert run.previous_phase()
    clock.advance(10)
    assert run.timer.elapsed == 130
    assert run.timers[1].elapsed == 30
    assert not run.previous_phase()


def test_overtime_and_warning(clock: FakeClock) -> None:
    run = SessionRun.begin(plan(), clock)
    run.start()
    duration = run.timer.duration
    clock.advance(duration - 60)
    assert run.timer.state is CountdownState.WARNING
    clock.advance(90)
    assert run.timer.state is CountdownState.OVERTIME
    assert run.timer.overtime == 30


def test_pause_and_resume(clock: FakeClock) -> None:
    run = SessionRun.begin(plan(), clock)
    run.start()
    clock.advance(10)
    assert run.toggle_pause() is False
    assert run.timer.state is CountdownState.PAUSED
    clock.advance(500)
    assert run.toggle_pause() is True
    clock.advance(5)
    assert run.timer.elapsed == 15


def test_the_last_step_has_no_next(clock: FakeClock) -> None:
    run = SessionRun.begin(plan(), clock)
    run.start()
    while run.next_phase():
        pass
    assert run.is_last
    assert run.step.phase.id == "closing"


def test_choice_is_due_when_a_situation_begins(clock: FakeClock) -> None:
    run = SessionRun.begin(plan(2), clock)
    run.start()
    assert ids(run)[:2] == [("opening", 0), ("expose", 1)]
    assert run.needs_choice() == 0
    run.next_phase()
    assert run.needs_choice() == 1
    run.choose(1, "sit-a")
    assert run.needs_choice() == 0
    assert run.situation_id == "sit-a"
    run.next_phase()
    assert run.needs_choice() == 0


def test_next_situation_jumps_to_its_first_step(clock: FakeClock) -> None:
    run = SessionRun.begin(plan(2), clock)
    run.start()
    run.next_phase()
    run.choose(1, "sit-a")
    assert run.next_situation()
    assert (run.step.phase.id, run.situation) == ("expose", 2)
    assert run.needs_choice() == 2
    assert not run.next_situation()


def test_the_break_between_situations_does_not_ask_for_a_choice(clock: FakeClock) -> None:
    run = SessionRun.begin(plan(2), clock)
    run.start()
    run.choose(1, "sit-a")
    while not run.step.phase.is_break:
        run.next_phase()
    assert run.needs_choice() == 0


def test_a_break_outside_the_plan_stops_the_step(clock: FakeClock) -> None:
    run = SessionRun.begin(plan(), clock)
    run.start()
    clock.advance(60)
    run.start_break(5)
    clock.advance(300)
    assert run.on_break
    assert run.break_timer is not None
    assert run.break_timer.remaining == 0
    assert run.timer.elapsed == 60
    run.end_break()
    clock.advance(5)
    assert run.timer.elapsed == 65
    assert not run.on_break


def test_the_current_exchange_starts_at_the_step_or_minutes_ago(clock: FakeClock) -> None:
    run = SessionRun.begin(plan(), clock)
    run.start()
    entered = clock.now()
    clock.advance(60)
    assert run.exchange_start(5) == entered
    clock.advance(600)
    assert run.exchange_start(5) == clock.now() - timedelta(minutes=5)


def test_state_round_trip_resumes_at_the_same_step(clock: FakeClock) -> None:
    run = SessionRun.begin(plan(2), clock)
    run.start()
    clock.advance(100)
    run.next_phase()
    run.choose(1, "sit-a")
    clock.advance(42)
    run.timer.extend(120)
    saved = run.to_state()
    later = FakeClock()
    restored = SessionRun.from_state(plan(2), later, saved)
    assert restored.index == 1
    assert restored.chosen == {1: "sit-a"}
    assert restored.timers[0].elapsed == 100
    assert restored.timer.elapsed == 42
    assert restored.timer.duration == run.timer.duration
    assert restored.timer.state is CountdownState.PAUSED
    restored.start()
    later.advance(8)
    assert restored.timer.elapsed == 50
    assert [t.index for t in restored.log] == [0, 1]


def test_a_state_from_another_plan_restarts_but_keeps_choices(clock: FakeClock) -> None:
    run = SessionRun.begin(plan(2), clock)
    run.choose(1, "sit-a")
    restored = SessionRun.from_state(plan(1), clock, run.to_state())
    assert restored.index == 0
    assert restored.chosen == {1: "sit-a"}


def test_closing_stops_time(clock: FakeClock) -> None:
    run = SessionRun.begin(plan(), clock)
    run.start()
    clock.advance(10)
    run.close()
    clock.advance(100)
    assert run.timer.elapsed == 10
    assert run.closed_at


@pytest.mark.parametrize("situations", [1, 2])
def test_walking_the_whole_plan_visits_every_step_once(clock: FakeClock, situations: int) -> None:
    run = SessionRun.begin(plan(situations), clock)
    run.start()
    seen = [run.index]
    clock.advance(60)
    while run.next_phase():
        clock.advance(60)
        seen.append(run.index)
    assert seen == list(range(len(run.plan.steps)))
    assert all(timer.elapsed == 60 for timer in run.timers)


def test_a_running_step_keeps_counting_while_the_app_was_locked(clock: FakeClock) -> None:
    run = SessionRun.begin(plan(), clock)
    run.start()
    clock.advance(100)
    saved = run.to_state()
    clock.advance(240)
    restored = SessionRun.from_state(plan(), clock, saved)
    assert restored.timer.elapsed == 340


@pytest.mark.parametrize("gap", [2 * 3600.0, -60.0])
def test_an_old_or_future_save_adds_nothing(clock: FakeClock, gap: float) -> None:
    run = SessionRun.begin(plan(), clock)
    run.start()
    clock.advance(100)
    saved = run.to_state()
    later = FakeClock(clock.now() + timedelta(seconds=gap))
    assert SessionRun.from_state(plan(), later, saved).timer.elapsed == 100


def test_a_paused_step_stays_as_it_was(clock: FakeClock) -> None:
    run = SessionRun.begin(plan(), clock)
    run.start()
    clock.advance(100)
    run.toggle_pause()
    saved = run.to_state()
    clock.advance(240)
    assert SessionRun.from_state(plan(), clock, saved).timer.elapsed == 100
