"""What the current phase asks: its name, the situation, the presenter's status, the prompts."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from appsession.i18n import _, current_language, pick
from appsession.protocol_texts import presenter_status_text
from appsession.services.session import LiveSession

MAX_PROMPTS = 3


def phase_prompts(live: LiveSession) -> tuple[str, ...]:
    """The facilitator's prompts for this phase, in the current language."""
    prompts = live.run.step.phase.prompts
    return prompts.get(current_language()) or prompts.get("en") or ()


class PhaseBrief(Static):
    """A few lines the facilitator can read at a glance (and the room on a projector)."""

    DEFAULT_CSS = """
    PhaseBrief { width: 1fr; height: auto; padding: 0 1; }
    """

    def show(self, live: LiveSession) -> None:
        """Describe the current step."""
        run = live.run
        phase = run.step.phase
        brief = Text()
        brief.append(pick(phase.label), style="bold")
        brief.append(f"   {run.index + 1}/{len(run.plan.steps)}\n", style="dim")
        situation = live.situation()
        if run.situation and situation is not None:
            presenter = live.participants.get(situation.presenter_id)
            who = presenter.pseudonym if presenter else "?"
            brief.append(
                _("Situation {number}: {title} ({who})").format(
                    number=run.situation, title=situation.title, who=who
                )
                + "\n"
            )
        elif not run.situation and run.chosen:
            brief.append(self._chosen(live))
        elif run.situation:
            brief.append(
                _("Situation {number}: not chosen yet (Ctrl+O)").format(number=run.situation)
                + "\n",
                style="italic",
            )
        status = presenter_status_text(phase.presenter)
        brief.append(status[:1].upper() + status[1:], style="bold")
        if not phase.advice_allowed:
            brief.append(" · " + _("no advice"))
        brief.append("\n")
        for prompt in phase_prompts(live)[:MAX_PROMPTS]:
            brief.append("› " + prompt + "\n", style="italic")
        brief.rstrip()
        self.update(brief)

    @staticmethod
    def _chosen(live: LiveSession) -> Text:
        """Outside the situations: what was chosen (shown during the choice and after)."""
        lines = Text()
        for number in sorted(live.run.chosen):
            situation = live.situations.get(live.run.chosen[number])
            if situation is None:
                continue
            presenter = live.participants.get(situation.presenter_id)
            who = presenter.pseudonym if presenter else "?"
            lines.append(
                _("Chosen, situation {number}: {title} ({who})").format(
                    number=number, title=situation.title, who=who
                )
                + "\n"
            )
        return lines
