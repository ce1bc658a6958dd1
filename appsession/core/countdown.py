"""A phase countdown whose truth is an injected clock, so a missed redraw never loses time."""

from __future__ import annotations

import math
from enum import StrEnum

from appsession.core.clock import Clock

WARNING_SECONDS = 120.0


class CountdownState(StrEnum):
    """What the clock face should show."""

    READY = "ready"
    RUNNING = "running"
    WARNING = "warning"
    OVERTIME = "overtime"
    PAUSED = "paused"


class Countdown:
    """Remaining time of a phase, with pause and resume; goes into overtime past zero."""

    def __init__(self, seconds: float, clock: Clock, spent: float = 0.0) -> None:
        """``spent``: seconds already counted before (a session restored after a restart)."""
        self.duration = float(seconds)
        self._clock = clock
        self._banked = float(spent)
        self._since: float | None = None
        self._started = spent > 0

    @property
    def running(self) -> bool:
        """True while time is flowing."""
        return self._since is not None

    @property
    def started(self) -> bool:
        """True once counting began, now or before a restart."""
        return self._started

    @property
    def elapsed(self) -> float:
        """Seconds counted so far, pauses excluded."""
        flowing = self._clock.monotonic() - self._since if self._since is not None else 0.0
        return self._banked + flowing

    @property
    def remaining(self) -> float:
        """Seconds left, never below zero."""
        return max(0.0, self.duration - self.elapsed)

    @property
    def overtime(self) -> float:
        """Seconds past the end, zero before it."""
        return max(0.0, self.elapsed - self.duration)

    @property
    def state(self) -> CountdownState:
        """Ready, running, warning (two minutes left), overtime or paused."""
        if not self._started:
            return CountdownState.READY
        if self.overtime > 0:
            return CountdownState.OVERTIME
        if not self.running:
            return CountdownState.PAUSED
        if self.remaining <= WARNING_SECONDS:
            return CountdownState.WARNING
        return CountdownState.RUNNING

    def start(self) -> None:
        """Start or resume counting."""
        if self._since is None:
            self._since = self._clock.monotonic()
            self._started = True

    def pause(self) -> None:
        """Stop counting, keeping what was counted."""
        if self._since is not None:
            self._banked += self._clock.monotonic() - self._since
            self._since = None

    def toggle(self) -> None:
        """Pause if running, otherwise start."""
        if self.running:
            self.pause()
        else:
            self.start()

    def add_spent(self, seconds: float) -> None:
        """Count time that passed while the app could not (a lock, a crash)."""
        if seconds > 0:
            self._banked += seconds
            self._started = True

    def extend(self, seconds: float) -> None:
        """Give the phase more (or, negative, less) time."""
        self.duration = max(0.0, self.duration + seconds)


def format_clock(seconds: float) -> str:
    """``mm:ss`` (or ``h:mm:ss``) for a clock face."""
    whole = math.ceil(seconds - 1e-6)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
