"""The countdown reads an injected clock: tested without sleeping."""

from __future__ import annotations

import pytest

from appsession.core.clock import FakeClock
from appsession.core.countdown import Countdown, CountdownState, format_clock


def test_counts_down_and_into_overtime(clock: FakeClock) -> None:
    countdown = Countdown(600, clock)
    assert countdown.state is CountdownState.READY
    countdown.start()
    clock.advance(100)
    assert countdown.remaining == 500
    assert countdown.state is CountdownState.RUNNING
    clock.advance(400)
    assert countdown.state is CountdownState.WARNING
    clock.advance(130)
    assert countdown.remaining == 0
    assert countdown.overtime == 30
    assert countdown.state is CountdownState.OVERTIME


def test_pause_stops_time_and_resume_continues(clock: FakeClock) -> None:
    countdown = Countdown(300, clock)
    countdown.start()
    clock.advance(60)
    countdown.toggle()
    assert countdown.state is CountdownState.PAUSED
    clock.advance(1000)
    assert countdown.elapsed == 60
    countdown.toggle()
    clock.advance(30)
    assert countdown.remaining == 210


def test_start_twice_does_not_reset(clock: FakeClock) -> None:
    countdown = Countdown(300, clock)
    countdown.start()
    clock.advance(50)
    countdown.start()
    assert countdown.elapsed == 50


def test_extend_gives_more_time(clock: FakeClock) -> None:
    countdown = Countdown(60, clock)
    countdown.start()
    clock.advance(90)
    countdown.extend(60)
    assert countdown.remaining == 30
    assert countdown.state is CountdownState.WARNING


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "00:00"), (0.2, "00:01"), (59.5, "01:00"), (61, "01:01"), (3725, "1:02:05")],
)
def test_clock_face(seconds: float, shown: str) -> None:
    assert format_clock(seconds) == shown


def test_restored_countdown_keeps_the_time_already_spent(clock: FakeClock) -> None:
    countdown = Countdown(600, clock, spent=550)
    assert countdown.started
    assert countdown.state is CountdownState.PAUSED
    countdown.add_spent(100)
    assert countdown.overtime == 50
    assert countdown.state is CountdownState.OVERTIME
    fresh = Countdown(600, clock)
    fresh.add_spent(0)
    assert not fresh.started
