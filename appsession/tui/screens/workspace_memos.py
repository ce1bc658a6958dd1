"""The memos tab: every memo of the intervention, what it is about; Enter edits, x deletes."""

from __future__ import annotations

from typing import ClassVar

from rich.markup import escape
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from appsession.core.errors import UserError
from appsession.core.model import Note
from appsession.i18n import _
from appsession.services.analysis import AnalysisService, Memo, pseudonymised_text
from appsession.tui.dialogs.confirm import ConfirmDialog
from appsession.tui.screens.workspace_dialogs import MemoDialog, MemoRequest, memo_target_label


class MemoTable(DataTable[str]):
    """Memos, newest first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "edit", _("Edit"), id="memo-edit"),
        Binding("x", "delete", _("Delete"), id="memo-delete"),
    ]

    def __init__(self, service: AnalysisService) -> None:
        super().__init__(id="memos", cursor_type="row")
        self.service = service
        self.memos: list[Memo] = []

    def on_mount(self) -> None:
        """The columns."""
        self.add_column(_("About"), key="about")
        self.add_column(_("Updated"), key="updated")
        self.add_column(_("Memo"), key="text")

    def fill(self) -> None:
        """Reload the memos."""
        self.memos = self.service.memos()
        self.clear()
        for memo in self.memos:
            about = f"{memo_target_label(memo.target)} — {self.subject(memo)}"
            text = " ".join(memo.text.split())
            self.add_row(escape(about[:50]), memo.updated_at[:16], escape(text[:100]), key=memo.id)

    def subject(self, memo: Memo) -> str:
        """What the memo is about, by name (themes), title (situations) or number (sessions)."""
        roster = self.service.roster
        book = self.service.codebook()
        if memo.target_id in book:
            return book.label(memo.target_id)
        situation = next((s for s in roster.situations if s.id == memo.target_id), None)
        if situation is not None:
            return pseudonymised_text(Note("", "", situation.title), self.service.pseudonyms)
        session = next((s for s in roster.sessions if s.id == memo.target_id), None)
        if session is not None:
            return f"S{session.number} — {roster.group_name(session.group_id)}"
        return "?"

    def current(self) -> Memo | None:
        """The memo under the cursor."""
        if not self.memos or not 0 <= self.cursor_row < len(self.memos):
            return None
        return self.memos[self.cursor_row]

    def action_edit(self) -> None:
        """Rewrite the highlighted memo."""
        memo = self.current()
        if memo is None:
            return

        def done(request: MemoRequest | None) -> None:
            if request is None:
                return
            try:
                self.service.save_memo(
                    Memo(memo.id, request.target, request.target_id, request.text)
                )
            except UserError as error:
                self.app.notify(str(error), severity="error")
                return
            self.fill()

        targets = [(self.subject(memo), memo.target, memo.target_id)]
        self.app.push_screen(MemoDialog(targets, memo.text), done)

    def action_delete(self) -> None:
        """Delete the highlighted memo after asking."""
        memo = self.current()
        if memo is None:
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.service.delete_memo(memo.id)
                self.fill()

        self.app.push_screen(ConfirmDialog(_("Delete this memo?")), done)
