"""Withdrawal, purge and "save a paper" dialogs: say what happens, then do it, then say so.

Withdrawing is one button, as easy as the consent toggle (GDPR art. 7(3)); what it destroys
and what it cannot reach are on screen before the button is pressed, and again afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from appsession.core.errors import UserError
from appsession.i18n import _, ngettext
from appsession.privacy import report, retention, withdrawal
from appsession.privacy.retention import DueItem
from appsession.services import AppContext
from appsession.vault import WithdrawalReport
from appsession.vault.purge import PurgeReport

DIALOG_CSS = """
    align: center middle;
    & > Vertical { width: 84; max-width: 100%; height: auto; max-height: 100%;
                   border: thick $error; background: $surface; padding: 1 2; }
    .title { text-style: bold; margin-bottom: 1; }
    .heading { text-style: bold; margin-top: 1; }
    .muted { color: $text-muted; }
    .error { color: $error; }
    .buttons { height: auto; margin-top: 1; }
    .buttons Button { margin-right: 2; }
    VerticalScroll { height: auto; max-height: 20; }
"""


def _lines(*texts: str) -> str:
    return "\n".join(f"• {text}" for text in texts if text)


class WithdrawDialog(ModalScreen[WithdrawalReport | None]):
    """Withdraw one participant's consent (everywhere, or from one session)."""

    DEFAULT_CSS = f"WithdrawDialog {{ {DIALOG_CSS} }}"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", _("Cancel"))]

    def __init__(
        self, context: AppContext, participant_id: str, session_id: str | None = None
    ) -> None:
        super().__init__()
        self.context = context
        self.participant_id = participant_id
        self.session_id = session_id
        self.preview = withdrawal.preview(context.vault, participant_id, session_id)
        self.result: WithdrawalReport | None = None

    def compose(self) -> ComposeResult:
        """Who, what is destroyed, what is not reached, one button."""
        preview = self.preview
        who = preview.person.participant.pseudonym
        with Vertical():
            yield Static(
                _("Withdraw {who}'s consent").format(who=who), classes="title", markup=False
            )
            yield Static(self._scope(), markup=False)
            yield Static(_("What it does"), classes="heading")
            yield Static(_lines(*self._does()), id="does", markup=False)
            yield Static(_("What it cannot reach"), classes="heading")
            yield Static(_lines(*self._not_reached()), id="not-reached", markup=False)
            yield Static("", id="outcome", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(_("Withdraw consent"), variant="error", id="confirm")
                yield Button(_("Cancel"), id="cancel")

    def _scope(self) -> str:
        preview = self.preview
        who, group = preview.person.participant.pseudonym, preview.person.group.name
        if preview.session_number:
            return _("{who} (group {group}) withdraws from session {number} only.").format(
                who=who, group=group, number=preview.session_number
            )
        return _("{who} (group {group}) withdraws from every session.").format(who=who, group=group)

    def _does(self) -> list[str]:
        preview = self.preview
        notes = ngettext("{count} note", "{count} notes", preview.notes).format(count=preview.notes)
        lines = [
            _("Destroys for good, by erasing their keys: their notes ({notes}).").format(
                notes=notes
            )
        ]
        if not preview.session_number:
            lines.append(
                _(
                    "Also destroys their name, their consent record and the situations they "
                    "presented ({count})."
                ).format(count=preview.situations)
            )
        lines.append(_("Leaves them out of every later analysis and export."))
        if preview.cited_items:
            lines.append(
                ngettext(
                    "{count} draft item quotes these notes: it will be flagged for review.",
                    "{count} draft items quote these notes: they will be flagged for review.",
                    preview.cited_items,
                ).format(count=preview.cited_items)
            )
        lines.append(_("What was done before the withdrawal stays lawful."))
        return lines

    @staticmethod
    def _not_reached() -> list[str]:
        return [
            _(
                "Copies of the vault made before now (backups, cloud sync, snapshots): "
                "the passphrase still opens them until they expire."
            ),
            _("Documents already exported, such as a report given to the commissioners."),
        ]

    @on(Button.Pressed, "#confirm")
    def _confirm(self) -> None:
        if self.result is not None:
            self.dismiss(self.result)
            return
        self.result = withdrawal.withdraw(self.context.vault, self.participant_id, self.session_id)
        self._show_outcome(self.result)

    def _show_outcome(self, outcome: WithdrawalReport) -> None:
        records = ngettext("{count} record", "{count} records", outcome.records)
        keys = ngettext("{count} key erased", "{count} keys erased", len(outcome.key_ids))
        done = _("Withdrawn: {records} deleted, {keys}.").format(
            records=records.format(count=outcome.records),
            keys=keys.format(count=len(outcome.key_ids)),
        )
        flagged = len(outcome.flagged_items)
        flags = ngettext(
            "{count} draft item flagged for review.",
            "{count} draft items flagged for review.",
            flagged,
        ).format(count=flagged)
        self.query_one("#outcome", Static).update(
            "\n".join([done, flags if flagged else "", report.not_reached()]).strip()
        )
        self.query_one("#confirm", Button).label = _("Close")
        self.query_one("#cancel", Button).display = False

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        """Close; returns the report if the withdrawal happened."""
        self.dismiss(self.result)


class PurgeDialog(ModalScreen[list[PurgeReport] | None]):
    """The purges due now, what they destroy, and one button to run them."""

    DEFAULT_CSS = f"PurgeDialog {{ {DIALOG_CSS} }}"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", _("Cancel"))]

    def __init__(self, context: AppContext, items: list[DueItem]) -> None:
        super().__init__()
        self.context = context
        self.items = items
        self.results: list[PurgeReport] | None = None

    def compose(self) -> ComposeResult:
        """Every due purge, the warnings, and the button."""
        due = [report.due_line(item) for item in self.items]
        warnings = [line for item in self.items for line in report.warning_lines(item)]
        with Vertical():
            yield Static(_("Purge the data whose retention is over"), classes="title")
            with VerticalScroll():
                yield Static(_lines(*due, *warnings), id="due", markup=False)
            yield Static(
                _("Destroyed for good, by erasing their keys; this cannot be undone."),
                classes="heading",
            )
            yield Static(report.not_reached(), markup=False)
            yield Static("", id="outcome", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(_("Purge now"), variant="error", id="confirm")
                yield Button(_("Cancel"), id="cancel")

    @on(Button.Pressed, "#confirm")
    def _confirm(self) -> None:
        if self.results is not None:
            self.dismiss(self.results)
            return
        today = self.context.clock.now().date()
        self.results = [retention.run(self.context.vault, item, today) for item in self.items]
        lines = [report.purged_line(outcome) for outcome in self.results]
        self.query_one("#outcome", Static).update("\n".join(lines))
        self.query_one("#confirm", Button).label = _("Close")
        self.query_one("#cancel", Button).display = False

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        """Close; returns the reports if the purge ran."""
        self.dismiss(self.results)


class SaveDialog(ModalScreen[Path | None]):
    """Ask where to write a document that leaves the vault, write it, say what was written."""

    DEFAULT_CSS = (
        f"SaveDialog {{ {DIALOG_CSS} }} SaveDialog > Vertical {{ border: thick $primary; }}"
    )
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", _("Cancel"))]

    def __init__(self, title: str, suggestion: Path, write: Callable[[Path], str]) -> None:
        super().__init__()
        self.heading = title
        self.suggestion = suggestion
        self.write = write
        self.written: Path | None = None

    def compose(self) -> ComposeResult:
        """The file name (.md for Markdown, .docx for Word) and the buttons."""
        with Vertical():
            yield Static(self.heading, classes="title", markup=False)
            yield Static(
                _(
                    "The file is outside the vault's protection (readable by you only). "
                    "Name it .md for Markdown or .docx for Word."
                ),
                classes="muted",
            )
            yield Input(str(self.suggestion), id="path")
            yield Static("", id="outcome", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(_("Write"), variant="primary", id="confirm")
                yield Button(_("Cancel"), id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#confirm")
    def _confirm(self) -> None:
        if self.written is not None:
            self.dismiss(self.written)
            return
        path = Path(self.query_one("#path", Input).value).expanduser()
        outcome = self.query_one("#outcome", Static)
        try:
            message = self.write(path)
        except UserError as error:
            outcome.set_class(True, "error")
            outcome.update(str(error))
            return
        self.written = path
        outcome.set_class(False, "error")
        outcome.update(message)
        self.query_one("#confirm", Button).label = _("Close")
        self.query_one("#cancel", Button).display = False

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        """Close; returns the file written, if any."""
        self.dismiss(self.written)
