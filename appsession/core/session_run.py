"""A session being run: where the group is in the plan, and each step's countdown.

The truth of time is the injected clock, so a missed redraw or a test never sleeps. The whole
state is plain data (``to_state``/``from_state``), so that the running session survives a
lock, a crash or a restart at the same step with the time already spent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from appsession.core.clock import Clock
from appsession.core.countdown import Countdown
from appsession.core.plan import PlannedPhase, SessionPlan

STATE_VERSION = 1
BREAK_MINUTES = 10
CATCH_UP_SECONDS = 3600.0
"""A running step saved less than this long ago keeps counting the gap (a lock, a crash)."""


StepTimer = Countdown
"""A step's countdown; restored steps start with the time already spent."""


@dataclass
class Transition:
    """When the group entered a step (wall-clock ISO time), for the record."""

    index: int
    at: str


@dataclass
class SessionRun:
    """The live position in a session plan.

    Build it with ``SessionRun.begin(plan, clock)`` or ``SessionRun.from_state(...)``.
    """

    plan: SessionPlan
    clock: Clock
    timers: list[StepTimer]
    index: int = 0
    chosen: dict[int, str] = field(default_factory=dict)
    """Situation number (1, 2…) → id of the situation chosen for it."""
    log: list[Transition] = field(default_factory=list)
    entered_at: str = ""
    break_timer: StepTimer | None = None
    closed_at: str = ""

    @classmethod
    def begin(cls, plan: SessionPlan, clock: Clock) -> SessionRun:
        """A run at the first step, not yet started."""
        timers = [StepTimer(step.minutes * 60, clock) for step in plan.steps]
        return cls(plan, clock, timers)

    @property
    def step(self) -> PlannedPhase:
        """The current step of the plan."""
        return self.plan.steps[self.index]

    @property
    def timer(self) -> StepTimer:
        """The current step's countdown."""
        return self.timers[self.index]

    @property
    def situation(self) -> int:
        """The current situation number (0 outside the situations block)."""
        return self.step.situation

    @property
    def situation_id(self) -> str:
        """The id of the situation being worked on ("" if none is chosen or none applies)."""
        return self.chosen.get(self.situation, "")

    @property
    def is_first(self) -> bool:
        """True at the first step."""
        return self.index == 0

    @property
    def is_last(self) -> bool:
        """True at the last step."""
        return self.index == len(self.plan.steps) - 1

    @property
    def on_break(self) -> bool:
        """True during a break taken outside the plan."""
        return self.break_timer is not None

    def start(self) -> None:
        """Start the current step's countdown (the first time, or after a restore)."""
        if not self.entered_at:
            self._enter(self.index)
        if not self.on_break and not self.closed_at:
            self.timer.start()

    def toggle_pause(self) -> bool:
        """Pause or resume the current countdown; returns True if it now runs."""
        current = self.break_timer or self.timer
        if current.running:
            current.pause()
        else:
            current.start()
        return current.running

    def go_to(self, index: int) -> bool:
        """Move to step ``index``: the current countdown stops, the new one runs."""
        if not 0 <= index < len(self.plan.steps) or index == self.index:
            return False
        self.end_break()
        self.timer.pause()
        self._enter(index)
        self.timer.start()
        return True

    def next_phase(self) -> bool:
        """Move to the next step; False at the last one."""
        return self.go_to(self.index + 1)

    def previous_phase(self) -> bool:
        """Move back one step; False at the first one."""
        return self.go_to(self.index - 1)

    def first_step_of(self, situation: int) -> int | None:
        """Index of the first step of a situation, or None if the plan has no such situation."""
        return next(
            (i for i, step in enumerate(self.plan.steps) if step.situation == situation), None
        )

    def next_situation(self) -> bool:
        """Jump to the first step of the next situation; False if there is none."""
        target = self.first_step_of(max(self.situation, self._last_situation_seen()) + 1)
        return target is not None and self.go_to(target)

    def _last_situation_seen(self) -> int:
        return max((step.situation for step in self.plan.steps[: self.index + 1]), default=0)

    def needs_choice(self) -> int:
        """The situation number whose choice is due at this step, or 0.

        A choice is due at the first step of each situation not yet chosen, and already at
        the step that leads into the first situation (the protocol's moment of choice) when
        that step is not the opening one.
        """
        upcoming = 0
        if self.situation and self.first_step_of(self.situation) == self.index:
            upcoming = self.situation
        elif self.situation == 0 and self.index > 0 and self._last_situation_seen() == 0:
            following = self.plan.steps[self.index + 1 :]
            upcoming = following[0].situation if following else 0
        return upcoming if upcoming and upcoming not in self.chosen else 0

    def choose(self, situation: int, situation_id: str) -> None:
        """Record which situation the group works on as number ``situation``."""
        self.chosen[situation] = situation_id

    def start_break(self, minutes: int = BREAK_MINUTES) -> None:
        """A pause outside the plan: the step's countdown stops until the break ends."""
        if self.break_timer is None:
            self.timer.pause()
            self.break_timer = StepTimer(minutes * 60, self.clock)
            self.break_timer.start()

    def end_break(self) -> None:
        """Back to the step, whose countdown resumes."""
        if self.break_timer is not None:
            self.break_timer = None
            self.timer.start()

    def exchange_start(self, minutes: float) -> datetime:
        """Where the "current exchange" begins: the step's start, or ``minutes`` ago if later."""
        window = self.clock.now() - timedelta(minutes=minutes)
        if not self.entered_at:
            return window
        return max(window, datetime.fromisoformat(self.entered_at))

    def close(self) -> None:
        """Stop every countdown and record the end."""
        self.end_break()
        self.timer.pause()
        self.closed_at = self._now()

    def _enter(self, index: int) -> None:
        self.index = index
        self.entered_at = self._now()
        self.log.append(Transition(index, self.entered_at))

    def _now(self) -> str:
        return self.clock.now().isoformat(timespec="seconds")

    def to_state(self) -> dict[str, Any]:
        """Plain data for storage (seconds spent per step, not the clock's readings)."""
        return {
            "version": STATE_VERSION,
            "index": self.index,
            "elapsed": [round(timer.elapsed, 1) for timer in self.timers],
            "durations": [timer.duration for timer in self.timers],
            "running": self.timer.running,
            "saved_at": self._now(),
            "chosen": {str(key): value for key, value in self.chosen.items()},
            "log": [[item.index, item.at] for item in self.log],
            "entered_at": self.entered_at,
            "closed_at": self.closed_at,
        }

    @classmethod
    def from_state(cls, plan: SessionPlan, clock: Clock, state: dict[str, Any]) -> SessionRun:
        """Rebuild a run saved by ``to_state``; the countdown is left paused.

        A state that does not match the plan (another protocol version) restarts the plan
        but keeps the chosen situations.
        """
        run = cls.begin(plan, clock)
        run.chosen = {int(key): str(value) for key, value in dict(state.get("chosen", {})).items()}
        elapsed = list(state.get("elapsed", []))
        if len(elapsed) != len(plan.steps):
            return run
        durations = list(state.get("durations", []))
        if len(durations) != len(elapsed):
            durations = [timer.duration for timer in run.timers]
        run.timers = [
            StepTimer(float(duration), clock, float(spent))
            for duration, spent in zip(durations, elapsed, strict=False)
        ]
        run.index = min(max(int(state.get("index", 0)), 0), len(plan.steps) - 1)
        run.log = [Transition(int(i), str(at)) for i, at in state.get("log", [])]
        run.entered_at = str(state.get("entered_at", ""))
        run.closed_at = str(state.get("closed_at", ""))
        if state.get("running") and not run.closed_at:
            run.timer.add_spent(_gap(clock, str(state.get("saved_at", ""))))
        return run


def _gap(clock: Clock, saved_at: str) -> float:
    """Seconds since a running step was saved, if recent: the session went on meanwhile."""
    try:
        gap = (clock.now() - datetime.fromisoformat(saved_at)).total_seconds()
    except ValueError:
        return 0.0
    return gap if 0 <= gap <= CATCH_UP_SECONDS else 0.0
