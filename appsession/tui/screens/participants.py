"""A group's participants: real name, pseudonym, role, and their note-taking agreement."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from appsession.core.model import Group, Participant
from appsession.i18n import _
from appsession.services import AppContext
from appsession.services.roster import next_pseudonym, record_consent
from appsession.tui.dialogs.consent import ConsentAnswer, ConsentDialog
from appsession.tui.dialogs.form import Field, FormDialog


def consent_text(note_taking: bool | None) -> str:
    """An agreement in words."""
    return {True: _("agrees"), False: _("refused"), None: _("not asked yet")}[note_taking]


def participant_fields(person: Participant | None, pseudonym: str) -> list[Field]:
    """The participant form (the pseudonym is what may ever leave the vault)."""
    return [
        Field("name", _("Name"), person.name if person else "", required=True),
        Field("pseudonym", _("Pseudonym"), person.pseudonym if person else pseudonym, "P1"),
        Field("role", _("Role"), person.role if person else "", _("e.g. nurse, educator")),
    ]


class ParticipantsScreen(Screen[None]):
    """The group's members; add, edit, record an agreement."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", _("Add"), id="add-participant"),
        Binding("e", "edit", _("Edit"), id="edit-participant"),
        Binding("c", "consent", _("Agreement"), id="consent"),
        Binding("escape", "app.pop_screen", _("Back"), id="back"),
    ]

    def __init__(self, context: AppContext, group: Group) -> None:
        super().__init__()
        self.context = context
        self.group = group
        self.people: list[Participant] = []

    def compose(self) -> ComposeResult:
        """A table and an explanation."""
        yield Header(icon="")
        yield Static(
            _("Only the pseudonym may ever leave the vault; names stay inside."), classes="muted"
        )
        yield DataTable(cursor_type="row", id="people")
        yield Footer()

    def on_mount(self) -> None:
        """Fill the table."""
        self.title = _("Participants of {group}").format(group=self.group.name)
        table = self.query_one(DataTable)
        table.add_columns(_("Pseudonym"), _("Name"), _("Role"), _("Notes"))
        self.reload()
        table.focus()

    def reload(self, cursor: str = "") -> None:
        """Read the participants again."""
        vault = self.context.vault
        self.people = vault.participants(self.group.id)
        table = self.query_one(DataTable)
        table.clear()
        for person in self.people:
            agreement = consent_text(vault.consent(person.id).note_taking)
            table.add_row(person.pseudonym, person.name, person.role, agreement, key=person.id)
        if cursor:
            table.move_cursor(row=table.get_row_index(cursor))

    def highlighted(self) -> Participant | None:
        """The participant under the cursor."""
        table = self.query_one(DataTable)
        if not self.people or table.cursor_row < 0:
            return None
        return self.people[min(table.cursor_row, len(self.people) - 1)]

    def on_data_table_row_selected(self) -> None:
        """Enter edits the highlighted member."""
        self.action_edit()

    def action_add(self) -> None:
        """A new member (a newcomer's agreement is asked right after)."""
        fields = participant_fields(None, next_pseudonym(self.people))

        def saved(values: dict[str, str] | None) -> None:
            if values:
                values["pseudonym"] = values["pseudonym"] or next_pseudonym(self.people)
                person = self.context.vault.add_participant(self.group.id, **values)
                self.reload(person.id)
                self._ask(person)

        self.app.push_screen(FormDialog(_("New participant"), fields), saved)

    def action_edit(self) -> None:
        """Change the highlighted member's name, pseudonym or role."""
        person = self.highlighted()
        if person is None:
            return

        def saved(values: dict[str, str] | None) -> None:
            if values:
                values["pseudonym"] = values["pseudonym"] or person.pseudonym
                self.context.vault.update_participant(dataclasses.replace(person, **values))
                self.reload(person.id)

        fields = participant_fields(person, person.pseudonym)
        self.app.push_screen(FormDialog(_("Edit participant"), fields), saved)

    def action_consent(self) -> None:
        """Record the highlighted member's agreement."""
        person = self.highlighted()
        if person is not None:
            self._ask(person)

    def _ask(self, person: Participant) -> None:
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
                self.reload(person.id)

        current = self.context.vault.consent(person.id)
        self.app.push_screen(ConsentDialog(person, current), answered)
