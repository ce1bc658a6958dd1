"""Session plans: phases repeated per situation, one break, minutes scaled within bounds."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from appsession.core.errors import UserError
from appsession.core.plan import plan_session
from appsession.core.protocol import parse_protocol
from tests.protocols.sample import SAMPLE

PROTOCOL = parse_protocol(SAMPLE)


def ids(plan_steps: tuple[object, ...]) -> list[str]:
    return [step.phase.id for step in plan_steps]  # type: ignore[attr-defined]


def test_default_plan_keeps_defaults() -> None:
    plan = plan_session(PROTOCOL)
    assert plan.length_minutes == 120
    assert [step.minutes for step in plan.steps] == [10, 20, 30, 10, 40, 10]
    assert plan.fits
    assert plan.starts() == [0, 10, 30, 60, 70, 110]


def test_two_situations_repeat_the_block_with_one_break_between() -> None:
    plan = plan_session(PROTOCOL, 180, 2)
    assert ids(plan.steps) == [
        "opening",
        "expose",
        "questions",
        "hypotheses",
        "pause",
        "expose",
        "questions",
        "hypotheses",
        "closing",
    ]
    assert [step.situation for step in plan.steps] == [0, 1, 1, 1, 0, 2, 2, 2, 0]
    assert plan.total_minutes == 180


def test_scaling_respects_bounds() -> None:
    plan = plan_session(PROTOCOL, 90)
    for step in plan.steps:
        assert step.phase.timebox.min <= step.minutes <= step.phase.timebox.max
    assert plan.total_minutes == 90


def test_too_short_a_session_uses_minimums_and_says_it_does_not_fit() -> None:
    plan = plan_session(PROTOCOL, 20)
    assert [step.minutes for step in plan.steps] == [5, 10, 15, 5, 20, 5]
    assert not plan.fits


@pytest.mark.parametrize(("minutes", "situations"), [(0, 1), (-5, 1), (120, 3), (120, 0)])
def test_impossible_requests_are_user_errors(minutes: int, situations: int) -> None:
    with pytest.raises(UserError):
        plan_session(PROTOCOL, minutes, situations)


@given(st.integers(min_value=60, max_value=400), st.integers(min_value=1, max_value=2))
def test_any_feasible_length_is_filled_exactly(minutes: int, situations: int) -> None:
    plan = plan_session(PROTOCOL, minutes, situations)
    lows = sum(step.phase.timebox.min for step in plan.steps)
    highs = sum(step.phase.timebox.max for step in plan.steps)
    if lows <= minutes <= highs:
        assert plan.total_minutes == minutes
    for step in plan.steps:
        assert step.phase.timebox.min <= step.minutes <= step.phase.timebox.max
