"""Turn a protocol, a session length and a number of situations into a concrete timeline."""

from __future__ import annotations

import math
from dataclasses import dataclass

from appsession.core.errors import UserError
from appsession.core.protocol import Phase, Protocol
from appsession.i18n import _


@dataclass(frozen=True)
class PlannedPhase:
    """A phase placed in the session: its minutes and the situation it belongs to (0 = none)."""

    phase: Phase
    minutes: int
    situation: int


@dataclass(frozen=True)
class SessionPlan:
    """The ordered timeline the facilitator follows."""

    protocol: Protocol
    length_minutes: int
    situations: int
    steps: tuple[PlannedPhase, ...]

    @property
    def total_minutes(self) -> int:
        """The sum of the planned minutes."""
        return sum(step.minutes for step in self.steps)

    @property
    def fits(self) -> bool:
        """True when the phases' bounds allowed filling the session exactly."""
        return self.total_minutes == self.length_minutes

    def starts(self) -> list[int]:
        """The minute at which each step begins."""
        offsets, elapsed = [], 0
        for step in self.steps:
            offsets.append(elapsed)
            elapsed += step.minutes
        return offsets


def plan_session(
    protocol: Protocol, length_minutes: int | None = None, situations: int | None = None
) -> SessionPlan:
    """Lay out the protocol's phases for a session, scaled to its length.

    Raises:
        UserError: when the length is not positive or the number of situations is outside
            what the protocol allows.
    """
    length = protocol.session_minutes if length_minutes is None else length_minutes
    count = protocol.situations_default if situations is None else situations
    if length <= 0:
        raise UserError(_("the session length must be a positive number of minutes"), exit_code=2)
    if not protocol.situations_min <= count <= protocol.situations_max:
        raise UserError(
            _("this protocol takes {low} to {high} situations per session").format(
                low=protocol.situations_min, high=protocol.situations_max
            ),
            exit_code=2,
        )
    sequence = _sequence(protocol.phases, count)
    minutes = _fit([step[0] for step in sequence], length)
    steps = tuple(
        PlannedPhase(phase, minute, situation)
        for (phase, situation), minute in zip(sequence, minutes, strict=True)
    )
    return SessionPlan(protocol, length, count, steps)


def _sequence(phases: tuple[Phase, ...], count: int) -> list[tuple[Phase, int]]:
    """Phases in order, the per-situation block repeated, one break between the halves."""
    block = [index for index, phase in enumerate(phases) if phase.per_situation]
    if not block:
        return [(phase, 0) for phase in phases]
    first, last = block[0], block[-1]
    pre = [(phase, 0) for phase in phases[:first]]
    post = [(phase, 0) for phase in phases[last + 1 :]]
    inner = phases[first : last + 1]
    if count == 1:
        return pre + [(phase, 1) for phase in inner] + post
    work = [phase for phase in inner if not phase.is_break]
    pauses = [(phase, 0) for phase in inner if phase.is_break]
    middle = math.ceil(count / 2)
    repeated: list[tuple[Phase, int]] = []
    for situation in range(1, count + 1):
        repeated += [(phase, situation) for phase in work]
        if situation == middle:
            repeated += pauses
    return pre + repeated + post


def _fit(phases: list[Phase], length: int) -> list[int]:
    """Whole minutes near each default scaled to ``length``, within bounds, summing to it."""
    lows = [phase.timebox.min for phase in phases]
    highs = [phase.timebox.max for phase in phases]
    if length <= sum(lows):
        return lows
    if length >= sum(highs):
        return highs
    scale = _scale_for(phases, length)
    exact = [_clamp(phase.timebox.default * scale, phase) for phase in phases]
    whole = [math.floor(value) for value in exact]
    order = sorted(range(len(phases)), key=lambda i: exact[i] - whole[i], reverse=True)
    missing = length - sum(whole)
    while missing > 0:
        for index in order:
            if missing and whole[index] < highs[index]:
                whole[index] += 1
                missing -= 1
    return whole


def _scale_for(phases: list[Phase], length: int) -> float:
    """The factor on default minutes that fills ``length`` once bounds are applied."""
    low, high = 0.0, 1.0
    while sum(_clamp(p.timebox.default * high, p) for p in phases) < length and high < 1e6:
        high *= 2
    for _step in range(60):
        middle = (low + high) / 2
        if sum(_clamp(p.timebox.default * middle, p) for p in phases) < length:
            low = middle
        else:
            high = middle
    return high


def _clamp(value: float, phase: Phase) -> float:
    return min(max(value, float(phase.timebox.min)), float(phase.timebox.max))
