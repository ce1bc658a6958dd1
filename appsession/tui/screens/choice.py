"""Choice of situation: proposals (presenter + short title), one chosen, the others kept."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from appsession.core.model import Situation, SituationStatus
from appsession.core.note_syntax import Speaker, parse_note
from appsession.i18n import _
from appsession.services.session import LiveSession
from appsession.services.situations import choose, next_presenter, proposals, propose
from appsession.tui.widgets.note_entry import NoteEntry, NoteSuggester


class ChoiceScreen(ModalScreen[Situation | None]):
    """Returns the situation chosen as number ``number``, or None (choose later)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "propose", _("New proposal"), id="propose"),
        Binding("escape", "later", _("Later"), id="choice-later"),
    ]

    def __init__(self, live: LiveSession, number: int) -> None:
        super().__init__()
        self.live = live
        self.number = number
        self.shown: list[Situation] = []

    def compose(self) -> ComposeResult:
        """Proposals, then a line to add one."""
        with Vertical(classes="dialog", id="choice"):
            yield Static(
                _("Choice of situation {number}").format(number=self.number), classes="box-title"
            )
            yield Static(
                _("Enter chooses the highlighted situation · Ctrl+N new proposal · Esc later"),
                classes="muted",
            )
            yield OptionList(id="proposals")
            yield Static(_("No proposal yet: add one below."), id="no-proposal")
            with Vertical(id="new-proposal"):
                yield Label(_("New proposal: @who presents, then a short title, then Enter"))
                yield NoteEntry(
                    NoteSuggester(self.presenters, list),
                    placeholder=_("@Anne The meeting that went wrong"),
                    id="proposal",
                )

    def on_mount(self) -> None:
        """List the proposals; start on the list, or on the form if there are none."""
        self.reload()
        if self.shown:
            self.query_one("#proposals", OptionList).focus()
        else:
            self.query_one("#proposal", NoteEntry).focus()

    def reload(self, highlight: str = "") -> None:
        """Proposals waiting (kept from earlier sessions first), then those of today."""
        planned = next_presenter(self.live.vault, self.live.group.id)
        elsewhere = {sid for num, sid in self.live.run.chosen.items() if num != self.number}
        waiting = [s for s in proposals(self.live) if s.id not in elsewhere]
        waiting.sort(key=lambda s: (s.status is not SituationStatus.KEPT, s.title.casefold()))
        self.shown = waiting
        options = self.query_one("#proposals", OptionList)
        options.clear_options()
        options.add_options([Option(self._label(s, planned), id=s.id) for s in waiting])
        if highlight:
            options.highlighted = options.get_option_index(highlight)
        elif waiting:
            options.highlighted = 0
        options.display = bool(waiting)
        self.query_one("#no-proposal", Static).display = not waiting

    def _label(self, situation: Situation, planned: str) -> Text:
        person = self.live.participants.get(situation.presenter_id)
        who = person.pseudonym if person else "?"
        label = Text(f"{who}  ", style="bold")
        label.append(situation.title)
        notes = []
        if situation.status is SituationStatus.KEPT:
            notes.append(_("kept from an earlier session"))
        if situation.presenter_id == planned:
            notes.append(_("said they would present"))
        if situation.presenter_id not in self.live.session.attendance:
            notes.append(_("absent today"))
        elif not self.live.may_be_noted(situation.presenter_id):
            notes.append(_("no notes may be attributed"))
        if notes:
            label.append("  (" + ", ".join(notes) + ")", style="italic")
        return label

    @on(OptionList.OptionSelected, "#proposals")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        situation = next(s for s in self.shown if s.id == event.option.id)
        if situation.presenter_id not in self.live.session.attendance:
            self.notify(_("The presenter of this situation is absent today."), severity="warning")
            return
        self.dismiss(choose(self.live, self.number, situation))

    def presenters(self) -> list[Speaker]:
        """Everyone present may present (a refusal only forbids attributing notes)."""
        return [Speaker(p.id, p.pseudonym, p.name) for p in self.live.present()]

    @on(Input.Submitted, "#proposal")
    def _add(self, event: Input.Submitted) -> None:
        parsed = parse_note(event.value, self.presenters())
        if not parsed.speaker_id or not parsed.ok:
            self.notify(
                _("Start with @ and who presents (for example @P2), then a short title."),
                severity="warning",
            )
            return
        situation = propose(self.live, parsed.speaker_id, parsed.text)
        event.input.value = ""
        self.reload(situation.id)
        self.query_one("#proposals", OptionList).focus()

    def action_propose(self) -> None:
        """Go to the new proposal line."""
        self.query_one("#proposal", NoteEntry).focus()

    def action_later(self) -> None:
        """Leave without choosing."""
        self.dismiss(None)
