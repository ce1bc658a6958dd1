"""Asking a participant (a newcomer) for their agreement to note-taking, there and then."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Static

from appsession.core.model import Consent, Participant
from appsession.i18n import _


@dataclass(frozen=True)
class ConsentAnswer:
    """The participant's answer."""

    agrees: bool
    quotable: bool
    restitution: bool


class ConsentDialog(ModalScreen[ConsentAnswer | None]):
    """One person, one question, two extra flags; Escape asks later (nothing recorded)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "later", _("Ask later"), id="later"),
        Binding("y,o", "answer(True)", _("Agrees"), show=False),
        Binding("n", "answer(False)", _("Refuses"), show=False),
    ]

    def __init__(self, person: Participant, current: Consent | None = None) -> None:
        super().__init__()
        self.person = person
        self.current = current or Consent(person.id)

    def compose(self) -> ComposeResult:
        """The question in plain words."""
        with Vertical(classes="dialog"):
            yield Static(
                _("Note-taking agreement: {pseudonym} · {name}").format(
                    pseudonym=self.person.pseudonym, name=self.person.name
                ),
                classes="box-title",
                markup=False,
            )
            yield Static(
                _(
                    "Ask now: do they agree that you take notes on what they say during the "
                    "sessions? If they refuse, they stay in the group, and no note will be "
                    "attributed to them."
                )
            )
            yield Checkbox(
                _("may be quoted in the group's synthesis"),
                self.current.quotable,
                compact=True,
                id="quotable",
            )
            yield Checkbox(
                _("may appear, unnamed, in the restitution"),
                self.current.restitution,
                compact=True,
                id="restitution",
            )
            with Horizontal(classes="buttons"):
                yield Button(_("Agrees"), variant="success", id="agrees")
                yield Button(_("Refuses"), variant="error", id="refuses")
            yield Static(_("y: agrees · n: refuses · Esc: ask later"), classes="muted")

    def on_mount(self) -> None:
        """Start on the first flag."""
        self.query_one("#quotable", Checkbox).focus()

    @on(Button.Pressed)
    def _answered(self, event: Button.Pressed) -> None:
        self.action_answer(event.button.id == "agrees")

    def action_answer(self, agrees: bool) -> None:
        """Record the answer with the two flags as ticked."""
        self.dismiss(
            ConsentAnswer(
                agrees=agrees,
                quotable=self.query_one("#quotable", Checkbox).value,
                restitution=self.query_one("#restitution", Checkbox).value,
            )
        )

    def action_later(self) -> None:
        """Close without recording anything."""
        self.dismiss(None)
