"""Choose evidence notes from the draft screen: search, filter by group, mark, confirm."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static

from appsession.core.matrix import NoteFilter
from appsession.i18n import _
from appsession.services.analysis import AnalysisService
from appsession.tui.screens.workspace_dialogs import DIALOG_CSS
from appsession.tui.screens.workspace_notes import NoteLabels, NoteTable


class NotePickerDialog(ModalScreen[list[str] | None]):
    """Marked notes (space marks), or None when cancelled."""

    DEFAULT_CSS = (
        "NotePickerDialog { align: center middle; }"
        + DIALOG_CSS
        + """
    NotePickerDialog .analysis-dialog { width: 95%; max-width: 160; height: 90%; }
    NotePickerDialog #picker-filters { height: auto; }
    NotePickerDialog #picker-filters Input { width: 1fr; }
    NotePickerDialog #picker-filters Select { width: 40; }
    NotePickerDialog NoteTable { height: 1fr; }
    """
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel")),
        Binding("space", "mark", _("Mark"), show=False),
        Binding("ctrl+s", "done", _("Use the marked notes"), priority=True),
    ]

    def __init__(self, service: AnalysisService, title: str) -> None:
        super().__init__()
        self.service = service
        self.title_text = title

    def compose(self) -> ComposeResult:
        """Search field, group choice, notes."""
        groups = [(g.name, g.id) for g in self.service.roster.groups]
        with Vertical(classes="analysis-dialog"):
            yield Static(self.title_text, classes="title", markup=False)
            with Horizontal(id="picker-filters"):
                yield Input(placeholder=_("search the notes"), id="picker-text")
                yield Select(groups, prompt=_("all groups"), id="picker-group")
            yield NoteTable(id="picker-notes")
            yield Static(_("Space marks a note; Ctrl+S uses the marked notes."), classes="explain")
            with Horizontal(classes="buttons"):
                yield Button(_("Use the marked notes"), variant="primary", id="ok")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        """Show every note at first."""
        self._refresh()
        self.query_one(Input).focus()

    def _refresh(self) -> None:
        group = self.query_one("#picker-group", Select).value
        wanted = NoteFilter(
            group_ids=frozenset({group}) if isinstance(group, str) else frozenset(),
            text=self.query_one("#picker-text", Input).value,
        )
        book = self.service.codebook()
        labels = NoteLabels(
            {g.id: g.name for g in self.service.roster.groups}, {t.id: t.name for t in book.themes}
        )
        self.query_one(NoteTable).show(self.service.notes(wanted), labels)

    @on(Input.Changed, "#picker-text")
    @on(Select.Changed, "#picker-group")
    def _changed(self) -> None:
        self._refresh()

    @on(Input.Submitted, "#picker-text")
    def _to_table(self) -> None:
        self.query_one(NoteTable).focus()

    def action_mark(self) -> None:
        """Mark or unmark the highlighted note."""
        self.query_one(NoteTable).toggle_mark()

    @on(Button.Pressed, "#ok")
    def action_done(self) -> None:
        """Return the marked notes."""
        marked = sorted(self.query_one(NoteTable).marked)
        self.dismiss(marked)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
