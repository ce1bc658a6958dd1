"""The session plan as one line: done steps muted, the current one highlighted."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from appsession.core.session_run import SessionRun
from appsession.i18n import pick

SEPARATOR = " › "
WIDTHS = (40, 24, 16, 12, 9)
CURRENT_WIDTH = 28
"""Label widths tried in turn until the whole plan fits; the narrowest keeps a window."""


def step_label(run: SessionRun, index: int, width: int, full: bool = False) -> str:
    """A step's label within ``width`` (the part before a colon unless ``full``)."""
    step = run.plan.steps[index]
    label = pick(step.phase.label)
    if not full:
        label = label.split(":")[0].strip() or label
    if len(label) > width:
        label = label[: width - 1] + "…"
    if run.plan.situations > 1 and step.situation:
        label = f"{step.situation}·{label}"
    return label


def fitting_labels(run: SessionRun, room: int) -> list[str]:
    """The longest labels that show the whole plan in ``room`` columns (else the shortest).

    The current step keeps a readable label whatever happens to the others.
    """
    count = len(run.plan.steps)
    options = [[step_label(run, i, 60, full=True) for i in range(count)]]
    options += [[step_label(run, i, width) for i in range(count)] for width in WIDTHS]
    chosen = options[-1]
    for labels in options:
        if sum(len(label) + 2 for label in labels) + len(SEPARATOR) * (count - 1) <= room:
            chosen = labels
            break
    chosen = list(chosen)
    chosen[run.index] = step_label(run, run.index, CURRENT_WIDTH, full=True)
    return chosen


class PhaseBar(Widget):
    """Fits the plan in the width, keeping the current step in view."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"phase-bar--current", "phase-bar--done"}
    DEFAULT_CSS = """
    PhaseBar { height: 1; padding: 0 1; }
    PhaseBar > .phase-bar--current { background: $accent; color: $text; text-style: bold; }
    PhaseBar > .phase-bar--done { color: $text-muted; }
    """

    def __init__(self, run: SessionRun, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.run = run

    def render(self) -> Text:
        """The window of steps around the current one."""
        room = max(self.size.width - 2, 10)
        labels = fitting_labels(self.run, room)
        first, last = self._window(labels, room)
        text = Text(no_wrap=True, overflow="ellipsis")
        if first > 0:
            text.append("…" + SEPARATOR, style=self._style("done"))
        for index in range(first, last + 1):
            if index > first:
                text.append(SEPARATOR, style=self._style("done"))
            text.append(f" {labels[index]} ", style=self._step_style(index))
        if last < len(labels) - 1:
            text.append(SEPARATOR + "…", style=self._style("done"))
        return text

    def _window(self, labels: list[str], width: int) -> tuple[int, int]:
        """The widest run of steps around the current one that fits."""
        first = last = self.run.index
        used = len(labels[first]) + 2

        def cost(index: int) -> int:
            return len(labels[index]) + 2 + len(SEPARATOR)

        growing = True
        while growing:
            growing = False
            if last + 1 < len(labels) and used + cost(last + 1) + 4 <= width:
                last += 1
                used += cost(last)
                growing = True
            if first > 0 and used + cost(first - 1) + 4 <= width:
                first -= 1
                used += cost(first)
                growing = True
        return first, last

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"phase-bar--{name}")

    def _step_style(self, index: int) -> Style:
        if index == self.run.index:
            return self._style("current")
        if index < self.run.index:
            return self._style("done")
        return Style()
