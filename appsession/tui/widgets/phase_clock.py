"""The big countdown: remaining time, then overtime in the warning colour; pause shown."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static

from appsession.core.countdown import CountdownState, format_clock
from appsession.core.session_run import StepTimer
from appsession.i18n import _

STATE_CLASSES = {
    CountdownState.WARNING: "-warning",
    CountdownState.OVERTIME: "-overtime",
    CountdownState.PAUSED: "-paused",
    CountdownState.READY: "-paused",
}


class PhaseClock(Vertical):
    """Digits and a caption; the classes follow the countdown's state."""

    DEFAULT_CSS = """
    PhaseClock { width: auto; min-width: 20; height: auto; padding: 0 1; }
    PhaseClock Digits { width: auto; color: $success; }
    PhaseClock.-warning Digits { color: $warning; }
    PhaseClock.-overtime Digits { color: $error; text-style: bold; }
    PhaseClock.-paused Digits { color: $text-muted; }
    PhaseClock.-break Digits { color: $secondary; }
    PhaseClock #clock-caption { color: $text-muted; width: auto; }
    PhaseClock.-overtime #clock-caption { color: $error; }
    """

    caption = ""
    """The caption shown (kept to redraw it only when it changes)."""

    def compose(self) -> ComposeResult:
        """The face and its caption."""
        yield Digits("00:00", id="clock-face")
        yield Static("", id="clock-caption")

    def show(self, timer: StepTimer, on_break: bool = False) -> None:
        """Redraw from ``timer``; only what changed is redrawn (called twice a second)."""
        state = timer.state
        overtime = state is CountdownState.OVERTIME
        face = "+" + format_clock(timer.overtime) if overtime else format_clock(timer.remaining)
        digits = self.query_one("#clock-face", Digits)
        if digits.value != face:
            digits.update(face)
        caption = self._caption(timer, state, on_break)
        if caption != self.caption:
            self.caption = caption
            self.query_one("#clock-caption", Static).update(caption)
        for candidate in ("-warning", "-overtime", "-paused"):
            self.set_class(STATE_CLASSES.get(state) == candidate, candidate)
        self.set_class(on_break, "-break")

    @staticmethod
    def _caption(timer: StepTimer, state: CountdownState, on_break: bool) -> str:
        minutes = round(timer.duration / 60)
        if on_break:
            caption = _("break · F6 to resume")
        elif state is CountdownState.OVERTIME:
            caption = _("over the {minutes} min planned").format(minutes=minutes)
        else:
            caption = _("of {minutes} min").format(minutes=minutes)
        if not timer.running and not on_break:
            caption += " · " + _("paused (F2)")
        return caption
