"""The analysis workspace: every analysable note of an intervention, pseudonymised.

Tabs: the notes (filters, marks, bulk tagging, memos, new draft items), the theme matrix (a
cell opens its notes), the codebook, and the memos. Off-record notes and notes of participants
who withdrew never reach this screen: the analysis service leaves them out.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Select, Static, TabbedContent, TabPane

from appsession.core.errors import UserError
from appsession.core.matrix import AnalysisNote, Axis, NoteFilter
from appsession.core.model import ItemKind, Note
from appsession.i18n import _
from appsession.services import AppContext
from appsession.services.analysis import AnalysisService, Memo, MemoTarget, pseudonymised_text
from appsession.services.draft import DraftService
from appsession.tui.screens.draft_dialogs import ItemDialog, ItemRequest
from appsession.tui.screens.workspace_codebook import CodebookPanel
from appsession.tui.screens.workspace_dialogs import (
    MemoDialog,
    MemoRequest,
    ThemePickerDialog,
)
from appsession.tui.screens.workspace_filters import FilterBar, FilterChoices
from appsession.tui.screens.workspace_memos import MemoTable
from appsession.tui.screens.workspace_notes import SHOWN, NoteLabels, NoteTable
from appsession.tui.widgets.matrix import MatrixView
from appsession.vault import VaultError


class WorkspaceScreen(Screen[None]):
    """Read, filter, code and gather evidence across sessions and groups."""

    DEFAULT_CSS = """
    WorkspaceScreen #notes-pane { height: 1fr; }
    WorkspaceScreen #note-status { height: 1; padding: 0 1; color: $text-muted; }
    WorkspaceScreen #note-detail {
        height: auto; max-height: 8; padding: 0 1; border-top: solid $panel;
    }
    WorkspaceScreen #matrix-options { height: auto; padding: 0 1; }
    WorkspaceScreen #matrix-options Select { width: 30; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "mark", _("Mark"), id="mark"),
        Binding("asterisk", "mark_all", _("Mark all shown"), id="mark-all", show=False),
        Binding("t", "tag", _("Tag"), id="tag"),
        Binding("u", "untag", _("Untag"), id="untag"),
        Binding("m", "memo", _("Memo"), id="memo"),
        Binding("n", "new_item", _("Draft item"), id="new-item"),
        Binding("D", "open_draft", _("Open the draft"), id="open-draft", show=False),
        Binding("slash", "search", _("Search"), id="search", show=False),
        Binding("escape", "back", _("Back"), id="back"),
    ]

    def __init__(self, context: AppContext, intervention_id: str) -> None:
        super().__init__()
        self.context = context
        self.service = AnalysisService.from_context(context, intervention_id)
        self.draft = DraftService(self.service)
        self.cell: tuple[str, NoteFilter] | None = None
        self.labels: NoteLabels | None = None
        self.matrix_stale = True

    # -- layout -----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Tabs with the notes, the matrix, the codebook and the memos."""
        yield Header()
        with TabbedContent(id="workspace-tabs"):
            with TabPane(_("Notes"), id="tab-notes"), Horizontal(id="notes-pane"):
                yield FilterBar(self._choices(), id="filters")
                with Vertical():
                    yield NoteTable(id="notes")
                    yield Static("", id="note-status", markup=False)
                    yield Static("", id="note-detail", markup=False)
            with TabPane(_("Matrix"), id="tab-matrix"):
                with Horizontal(id="matrix-options"):
                    yield Select(
                        [(_("by session"), Axis.SESSION.value), (_("by group"), Axis.GROUP.value)],
                        allow_blank=False,
                        value=Axis.SESSION.value,
                        id="matrix-axis",
                    )
                    yield Select(
                        [(_("themes alone"), "alone"), (_("with sub-themes"), "rollup")],
                        allow_blank=False,
                        value="alone",
                        id="matrix-rollup",
                    )
                yield MatrixView(id="matrix")
            with TabPane(_("Codebook"), id="tab-codebook"):
                yield CodebookPanel(self.service, self._marked)
            with TabPane(_("Memos"), id="tab-memos"):
                yield MemoTable(self.service)
        yield Footer()

    def _choices(self) -> FilterChoices:
        roster = self.service.roster
        numbers = sorted({s.number for s in roster.sessions})
        by_number = {
            str(n): frozenset(s.id for s in roster.sessions if s.number == n) for n in numbers
        }
        book = self.service.codebook()
        return FilterChoices(
            groups=[(g.name, g.id) for g in roster.groups],
            sessions=[(f"S{n}", str(n)) for n in numbers],
            situations=[(self._situation_label(s.id), s.id) for s in roster.situations],
            speakers=[(p, p) for p in self.service.speakers()],
            themes=[("  " * depth + t.name, t.id) for t, depth in book.walk()],
            session_ids=by_number,
        )

    def _situation_label(self, situation_id: str) -> str:
        situation = next(s for s in self.service.roster.situations if s.id == situation_id)
        title = pseudonymised_text(Note("", "", situation.title), self.service.pseudonyms)
        return title[:40]

    def on_mount(self) -> None:
        """Load the notes in the background (decrypting thousands takes seconds)."""
        self.title = _("Analysis workspace")
        self.query_one("#workspace-tabs").loading = True
        self.load_notes()

    @work(thread=True, exclusive=True, group="analysis-load", exit_on_error=False)
    def load_notes(self) -> None:
        """Decrypt, pseudonymise and fold every analysable note, off the interface's loop."""
        try:
            self.service.index().prepare()
        except VaultError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error")
            return
        self.app.call_from_thread(self._loaded)

    def _loaded(self) -> None:
        """Fill every tab once the notes are in memory (unless the screen was closed)."""
        if not self.is_attached:
            return
        self.query_one("#workspace-tabs").loading = False
        phases = sorted({n.note.phase_id for n in self.service.index().notes if n.note.phase_id})
        self.query_one(FilterBar).set_options("phase", [(p, p) for p in phases])
        self.refresh_notes()
        self.refresh_matrix()
        self.query_one(CodebookPanel).fill()
        self.query_one(MemoTable).fill()
        self.query_one(NoteTable).focus()

    def _labels(self) -> NoteLabels:
        if self.labels is None:
            book = self.service.codebook()
            groups = {g.id: g.name for g in self.service.roster.groups}
            self.labels = NoteLabels(groups, {t.id: t.name for t in book.themes})
        return self.labels

    # -- notes ------------------------------------------------------------------------------
    def current_filter(self) -> NoteFilter:
        """The opened matrix cell, else what the filter bar says."""
        return self.cell[1] if self.cell else self.query_one(FilterBar).current()

    def refresh_notes(self) -> None:
        """Re-run the filter and redraw the list."""
        notes = self.service.notes(self.current_filter())
        table = self.query_one(NoteTable)
        table.show(notes, self._labels())
        shown = _("{count} notes").format(count=len(notes))
        if len(notes) > SHOWN:
            shown = _("{count} notes (first {shown} shown; narrow the filter)").format(
                count=len(notes), shown=SHOWN
            )
        if self.cell:
            shown = _("Cell {label}: {count} notes. Escape returns to the filter.").format(
                label=self.cell[0], count=len(notes)
            )
        marked = _("{count} marked").format(count=len(table.marked))
        self.query_one("#note-status", Static).update(f"{shown} · {marked}")
        self._detail(table.current())

    def _detail(self, note: AnalysisNote | None) -> None:
        detail = self.query_one("#note-detail", Static)
        if note is None:
            detail.update("")
            return
        labels = self._labels()
        consent = ""
        if note.speaker and not note.usable:
            consent = _("⊘ the speaker did not agree to appear in the restitution")
        elif note.quotable:
            consent = _("❝ can be quoted")
        detail.update(f"{note.text}\n{_('Themes')}: {labels.themes_of(note)}  {consent}".rstrip())

    @on(FilterBar.Changed)
    def _filtered(self) -> None:
        self.cell = None
        self.refresh_notes()
        self.refresh_matrix()

    @on(DataTable.RowHighlighted, "#notes")
    def _row(self) -> None:
        self._detail(self.query_one(NoteTable).current())

    def _marked(self) -> list[str]:
        return sorted(self.query_one(NoteTable).marked)

    def action_mark(self) -> None:
        """Mark or unmark the highlighted note."""
        self.query_one(NoteTable).toggle_mark()
        self.refresh_status()

    def action_mark_all(self) -> None:
        """Mark every shown note (again: unmark them)."""
        self.query_one(NoteTable).mark_all()
        self.refresh_status()

    def refresh_status(self) -> None:
        """Redraw the status line (marks changed)."""
        table = self.query_one(NoteTable)
        text = str(self.query_one("#note-status", Static).render()).split(" · ")[0]
        marked = _("{count} marked").format(count=len(table.marked))
        self.query_one("#note-status", Static).update(f"{text} · {marked}")

    def action_search(self) -> None:
        """Jump to the search field."""
        self.query_one(TabbedContent).active = "tab-notes"
        self.query_one("#filter-text").focus()

    def action_back(self) -> None:
        """Leave an opened cell, else the screen."""
        if self.cell is not None:
            self.cell = None
            self.refresh_notes()
            return
        self.app.pop_screen()

    # -- tagging ----------------------------------------------------------------------------
    def action_tag(self) -> None:
        """Add themes to the marked notes (or the highlighted one)."""
        self._retag(add=True)

    def action_untag(self) -> None:
        """Remove themes from the marked notes (or the highlighted one)."""
        self._retag(add=False)

    def _retag(self, *, add: bool) -> None:
        chosen = self.query_one(NoteTable).chosen()
        if not chosen:
            return
        title = (
            _("Tag {count} note(s) with…") if add else _("Remove from {count} note(s)…")
        ).format(count=len(chosen))

        def done(themes: list[str] | None) -> None:
            if not themes:
                return
            changed = self.service.tag(chosen, themes if add else [], [] if add else themes)
            self.notify(_("{count} note(s) changed.").format(count=changed))
            self.refresh_notes()
            self.refresh_matrix()
            self.query_one(CodebookPanel).fill()

        self.app.push_screen(ThemePickerDialog(title, self.service.codebook()), done)

    @on(CodebookPanel.Changed)
    def _codebook_changed(self, event: CodebookPanel.Changed) -> None:
        self.labels = None
        self.notify(_("Codebook saved; {count} note(s) re-tagged.").format(count=event.retagged))
        self.refresh_notes()
        self.refresh_matrix()

    # -- matrix -----------------------------------------------------------------------------
    def refresh_matrix(self) -> None:
        """Recount the matrix over the filter (themes aside), when it is in view."""
        if self.query_one(TabbedContent).active != "tab-matrix":
            self.matrix_stale = True
            return
        self.matrix_stale = False
        axis_value = self.query_one("#matrix-axis", Select).value
        axis = Axis(axis_value) if isinstance(axis_value, str) else Axis.SESSION
        rollup = self.query_one("#matrix-rollup", Select).value == "rollup"
        wanted = self.query_one(FilterBar).current()
        scope = NoteFilter(
            group_ids=wanted.group_ids,
            session_ids=wanted.session_ids,
            situation_ids=wanted.situation_ids,
            phase_ids=wanted.phase_ids,
            kinds=wanted.kinds,
            speakers=wanted.speakers,
            text=wanted.text,
        )
        self.query_one(MatrixView).show(self.service.matrix(axis, scope, rollup=rollup))

    @on(TabbedContent.TabActivated)
    def _tab(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "tab-matrix" and self.matrix_stale:
            self.refresh_matrix()

    @on(Select.Changed, "#matrix-axis, #matrix-rollup")
    def _matrix_options(self) -> None:
        self.refresh_matrix()

    @on(MatrixView.CellOpened)
    def open_cell(self, event: MatrixView.CellOpened) -> None:
        """List a cell's notes in the Notes tab."""
        self.cell = (event.label, NoteFilter(note_ids=frozenset(event.cell.notes)))
        self.query_one(TabbedContent).active = "tab-notes"
        self.refresh_notes()
        self.query_one(NoteTable).focus()

    # -- memos ------------------------------------------------------------------------------
    def action_memo(self) -> None:
        """A memo on a theme of the filter, or the highlighted note's situation or session."""
        targets = self._memo_targets()
        if not targets:
            self.notify(_("Choose a theme or highlight a note first."), severity="warning")
            return

        def done(request: MemoRequest | None) -> None:
            if request is None:
                return
            try:
                self.service.save_memo(Memo("", request.target, request.target_id, request.text))
            except UserError as error:
                self.notify(str(error), severity="error")
                return
            self.notify(_("Memo saved."))
            self.query_one(MemoTable).fill()

        self.app.push_screen(MemoDialog(targets), done)

    def _memo_targets(self) -> list[tuple[str, MemoTarget, str]]:
        targets: list[tuple[str, MemoTarget, str]] = []
        book = self.service.codebook()
        for theme_id in sorted(self.query_one(FilterBar).current().theme_ids):
            targets.append((book.label(theme_id), MemoTarget.THEME, theme_id))
        note = self.query_one(NoteTable).current()
        if note is not None:
            if note.note.situation_id:
                label = self._situation_label(note.note.situation_id)
                targets.append((label, MemoTarget.SITUATION, note.note.situation_id))
            group = self.service.roster.group_name(note.group_id)
            label = f"S{note.session_number} — {group}"
            targets.append((label, MemoTarget.SESSION, note.note.session_id))
            for theme_id in note.note.themes:
                if theme_id in book and all(t[2] != theme_id for t in targets):
                    targets.append((book.label(theme_id), MemoTarget.THEME, theme_id))
        return targets

    # -- draft ------------------------------------------------------------------------------
    def action_new_item(self) -> None:
        """A draft item from the marked notes (a quotation from one verbatim note)."""
        chosen = self.query_one(NoteTable).chosen()
        first = self.service.index().get(chosen[0]) if chosen else None
        quotable = first is not None and first.quotable and len(chosen) == 1
        sections = [s.title for s in self.draft.sections()]
        dialog = ItemDialog(
            sections,
            len(chosen),
            kind=ItemKind.VERBATIM if quotable else ItemKind.ANALYSIS,
            quotation=first.text if first is not None and quotable else "",
        )

        def done(request: ItemRequest | None) -> None:
            if request is None:
                return
            try:
                self.draft.create_item(request.section, request.kind, chosen, request.text)
            except UserError as error:
                self.notify(str(error), severity="error", timeout=8)
                return
            self.notify(_("Item added to the draft ({section}).").format(section=request.section))

        self.app.push_screen(dialog, done)

    def action_open_draft(self) -> None:
        """Open the draft of this intervention."""
        from appsession.tui.screens.draft import DraftScreen

        self.app.push_screen(DraftScreen(self.context, self.service.intervention_id))
