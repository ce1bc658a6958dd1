"""Data protection for one intervention: retention, due purges, participants' rights, papers.

Opened from Home. Everything here goes through ``appsession.privacy``; the dialogs explain
each irreversible action before it runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Static

from appsession.core.model import Intervention
from appsession.i18n import _, current_language
from appsession.privacy import access, papers, report, retention
from appsession.privacy.access_doc import access_document
from appsession.privacy.facts import gather
from appsession.privacy.output import choose_format, save
from appsession.privacy.retention import DueItem
from appsession.privacy.texts import load_texts
from appsession.services import AppContext
from appsession.tui.screens.privacy_dialogs import PurgeDialog, SaveDialog, WithdrawDialog
from appsession.vault import NotFound
from appsession.vault.purge import resume


class PrivacyScreen(Screen[None]):
    """Retention rules and due purges, the roster's agreements, and the papers."""

    DEFAULT_CSS = """
    PrivacyScreen { padding: 0 1; }
    PrivacyScreen .heading { text-style: bold; margin-top: 1; }
    PrivacyScreen #rules { height: auto; color: $text-muted; }
    PrivacyScreen #due-list { height: auto; margin-top: 1; color: $warning; }
    PrivacyScreen DataTable { height: auto; max-height: 12; }
    PrivacyScreen .buttons { height: auto; margin-top: 1; }
    PrivacyScreen .buttons Button { margin-right: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", _("Back")),
        Binding("u", "purge", _("Purge due data")),
        Binding("w", "withdraw", _("Withdraw consent")),
        Binding("a", "access", _("Access export")),
    ]

    def __init__(self, context: AppContext, intervention_id: str) -> None:
        super().__init__()
        self.context = context
        self.intervention_id = intervention_id
        self.due: list[DueItem] = []

    @property
    def intervention(self) -> Intervention:
        """The intervention shown (read again: a purge may have removed it)."""
        return self.context.vault.intervention(self.intervention_id)

    def compose(self) -> ComposeResult:
        """Rules, due purges, participants, papers."""
        yield Header()
        with VerticalScroll():
            yield Static(_("Retention"), classes="heading")
            yield Static(id="rules", markup=False)
            yield Static(id="due-list", markup=False)
            yield Static(_("Participants and their agreements"), classes="heading")
            yield DataTable(id="people", cursor_type="row")
            with Horizontal(classes="buttons"):
                yield Button(_("Purge due data…"), variant="error", id="purge")
                yield Button(_("Withdraw consent…"), variant="warning", id="withdraw")
                yield Button(_("Access export…"), id="access")
            yield Static(_("Papers"), classes="heading")
            with Horizontal(classes="buttons"):
                for kind, label in self._paper_labels().items():
                    yield Button(label, id=f"paper-{kind}")
        yield Footer()

    @staticmethod
    def _paper_labels() -> dict[str, str]:
        return {
            "consent-form": _("Consent form"),
            "notice": _("Information notice"),
            "register": _("Record of processing"),
            "dpia": _("DPIA template"),
        }

    def on_mount(self) -> None:
        """Finish an interrupted purge, then fill everything."""
        resume(self.context.vault)
        self.query_one("#people", DataTable).add_columns(
            _("Pseudonym"), _("Group"), _("Notes"), _("Quoted"), _("Report")
        )
        self.refresh_data()

    def refresh_data(self) -> None:
        """Read the rules, due purges and roster again."""
        vault, today = self.context.vault, self.context.clock.now().date()
        try:
            intervention = self.intervention
        except NotFound:  # purged with everything it held: nothing left to show
            self.app.pop_screen()
            return
        self.title = _("Data protection — {title}").format(title=intervention.title)
        lines = [*report.rule_lines(vault, intervention, today), report.audit_line(vault)]
        self.query_one("#rules", Static).update("\n".join(lines))
        self.due = retention.due(vault, today)
        self._fill_due()
        self._fill_people()

    def _fill_due(self) -> None:
        lines = [f"• {report.due_line(item)}" for item in self.due]
        text = "\n".join(lines) or _("Nothing is due for purge today.")
        self.query_one("#due-list", Static).update(text)
        self.query_one("#purge", Button).disabled = not self.due

    def _fill_people(self) -> None:
        vault = self.context.vault
        table = self.query_one("#people", DataTable)
        table.clear()
        for group in vault.groups(self.intervention_id):
            for person in vault.participants(group.id):
                consent = vault.consent(person.id)
                table.add_row(
                    person.pseudonym,
                    group.name,
                    _answer(consent.note_taking),
                    _answer(consent.quotable),
                    _answer(consent.restitution),
                    key=person.id,
                )
        empty = table.row_count == 0
        self.query_one("#withdraw", Button).disabled = empty
        self.query_one("#access", Button).disabled = empty

    def _selected_person(self) -> str | None:
        table = self.query_one("#people", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return str(key) if key else None

    # -- actions ----------------------------------------------------------------------------
    @on(Button.Pressed, "#purge")
    def action_purge(self) -> None:
        """Open the purge dialog on what is due now."""
        if self.due:
            self.app.push_screen(PurgeDialog(self.context, self.due), self._after)

    @on(Button.Pressed, "#withdraw")
    def action_withdraw(self) -> None:
        """Open the withdrawal dialog for the selected participant."""
        person = self._selected_person()
        if person:
            self.app.push_screen(WithdrawDialog(self.context, person), self._after)

    @on(Button.Pressed, "#access")
    def action_access(self) -> None:
        """Write what the vault holds about the selected participant."""
        person_id = self._selected_person()
        if not person_id:
            return
        person = access.person_by_id(self.context.vault, person_id)
        title = _("What the vault holds about {who}").format(who=person.participant.pseudonym)
        suggestion = Path.home() / f"access-{person.participant.pseudonym}.md"

        def write(path: Path) -> str:
            vault = self.context.vault
            record = access.gather(vault, person)
            facts = gather(vault, person.intervention, self.context.clock.now().date())
            document = access_document(record, facts, load_texts(current_language()))
            fmt = choose_format(path, None)
            save(vault, document, path, fmt=fmt, paper="access", participant=person_id)
            warning = _("Read the notes by other people before sending.") if record.mentions else ""
            return " ".join([_("Written to {path}.").format(path=path), warning]).strip()

        self.app.push_screen(SaveDialog(title, suggestion, write))

    @on(Button.Pressed, ".buttons Button")
    def _paper(self, event: Button.Pressed) -> None:
        button_id = event.button.id or ""
        if not button_id.startswith("paper-"):
            return
        kind = button_id.removeprefix("paper-")
        suggestion = Path.home() / f"{kind}.docx"

        def write(path: Path) -> str:
            vault = self.context.vault
            facts = gather(vault, self.intervention, self.context.clock.now().date())
            document = papers.build_paper(kind, facts, load_texts(current_language()), None)
            fmt = choose_format(path, None)
            save(vault, document, path, fmt=fmt, paper=kind, intervention=self.intervention_id)
            return _("Written to {path}.").format(path=path)

        self.app.push_screen(SaveDialog(self._paper_labels()[kind], suggestion, write))

    def _after(self, _result: object) -> None:
        self.refresh_data()


def _answer(value: bool | None) -> str:
    if value is None:
        return _("not asked")
    return _("yes") if value else _("no")
