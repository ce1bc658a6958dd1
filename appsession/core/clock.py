"""Clocks are injected so that countdowns and timestamps can be tested without sleeping."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    """What the app asks of time."""

    def monotonic(self) -> float:
        """Seconds on a clock that never goes back (for countdowns)."""
        ...

    def now(self) -> datetime:
        """The current wall-clock time, timezone-aware (for records)."""
        ...


class SystemClock:
    """The real clock."""

    def monotonic(self) -> float:
        """Seconds from ``time.monotonic``."""
        return time.monotonic()

    def now(self) -> datetime:
        """The current UTC time."""
        return datetime.now(UTC)


class FakeClock:
    """A clock that moves only when told to; for tests and benchmarks."""

    def __init__(self, start: datetime | None = None) -> None:
        self.seconds = 0.0
        self.start = start or datetime(2026, 1, 15, 9, 0, tzinfo=UTC)

    def advance(self, seconds: float) -> None:
        """Move time forward."""
        self.seconds += seconds

    def monotonic(self) -> float:
        """Seconds since the fake clock was made."""
        return self.seconds

    def now(self) -> datetime:
        """The start time plus the seconds advanced."""
        from datetime import timedelta

        return self.start + timedelta(seconds=self.seconds)
