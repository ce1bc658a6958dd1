"""Attendance: tick who is present; newcomers are asked for their note-taking agreement."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, SelectionList, Static
from textual.widgets.selection_list import Selection

from appsession.core.model import Participant
from appsession.i18n import _
from appsession.services import AppContext
from appsession.services.roster import consent_needed, find_group, next_pseudonym, record_consent
from appsession.tui.dialogs.consent import ConsentAnswer, ConsentDialog
from appsession.tui.dialogs.form import FormDialog
from appsession.tui.screens.participants import consent_text, participant_fields


class AttendanceScreen(Screen[None]):
    """Who is here today; then the agreement of anyone never asked; then the session."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "done", _("Continue"), id="attendance-done"),
        Binding("a", "all", _("All present"), id="all-present"),
        Binding("n", "newcomer", _("Newcomer"), id="newcomer"),
        Binding("escape", "app.pop_screen", _("Back"), id="back"),
    ]

    def __init__(self, context: AppContext, session_id: str, *, during: bool = False) -> None:
        super().__init__()
        self.context = context
        self.target = session_id
        self.during = during
        """True when opened from a running session (late arrival): it closes, nothing opens."""
        self.session = context.vault.session(session_id)
        self.group = find_group(context.vault, self.session.group_id)
        self.people: list[Participant] = []

    def compose(self) -> ComposeResult:
        """The list of members, ticked when present."""
        yield Header(icon="")
        yield Static(
            _("Space ticks who is present. n adds a newcomer. Ctrl+S continues."), classes="muted"
        )
        yield SelectionList[str](id="attendance")
        with Horizontal(classes="buttons"):
            yield Button(_("Continue"), variant="primary", id="done")
        yield Footer()

    def on_mount(self) -> None:
        """List the group."""
        self.title = _("Attendance · {group} · session {number}").format(
            group=self.group.name, number=self.session.number
        )
        self.reload(set(self.session.attendance))
        self.query_one(SelectionList).focus()

    def reload(self, present: set[str]) -> None:
        """Rebuild the list, keeping who is ticked."""
        vault = self.context.vault
        self.people = vault.participants(self.group.id)
        chooser: SelectionList[str] = self.query_one(SelectionList)
        chooser.clear_options()
        for person in self.people:
            agreement = vault.consent(person.id).note_taking
            label = f"{person.pseudonym}  {person.name}"
            if agreement is not True:
                label += "  (" + consent_text(agreement) + ")"
            chooser.add_option(Selection(label, person.id, person.id in present))

    def present(self) -> list[str]:
        """The ticked ids, in the group's order."""
        ticked = set(self.query_one(SelectionList).selected)
        return [p.id for p in self.people if p.id in ticked]

    def action_all(self) -> None:
        """Everyone is here."""
        self.query_one(SelectionList).select_all()

    def action_newcomer(self) -> None:
        """Add someone to the group, present today."""
        fields = participant_fields(None, next_pseudonym(self.people))

        def saved(values: dict[str, str] | None) -> None:
            if values:
                values["pseudonym"] = values["pseudonym"] or next_pseudonym(self.people)
                person = self.context.vault.add_participant(self.group.id, **values)
                self.reload({*self.present(), person.id})

        self.app.push_screen(FormDialog(_("Newcomer"), fields), saved)

    @on(Button.Pressed, "#done")
    def action_done(self) -> None:
        """Save the attendance, ask the agreements still missing, then open the session."""
        present = self.present()
        if not present:
            self.notify(_("Tick at least one person present."), severity="warning")
            return
        self.session = dataclasses.replace(self.session, attendance=tuple(present))
        self.context.vault.update_session(self.session)
        self._ask(consent_needed(self.context.vault, present))

    def _ask(self, waiting: list[Participant]) -> None:
        if not waiting:
            self._open_session()
            return
        person, rest = waiting[0], waiting[1:]

        def answered(answer: ConsentAnswer | None) -> None:
            if answer is not None:
                record_consent(
                    self.context.vault,
                    person.id,
                    answer.agrees,
                    answer.quotable,
                    answer.restitution,
                    self.context.clock.now().astimezone().date(),
                )
            self._ask(rest)

        self.app.push_screen(ConsentDialog(person), answered)

    def _open_session(self) -> None:
        from appsession.tui.screens.session import session_screen

        screen = None if self.during else session_screen(self.app, self.context, self.target)
        if screen is None:
            self.dismiss(None)
        else:
            self.app.switch_screen(screen)
