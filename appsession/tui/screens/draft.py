"""The restitution draft: sections and items, evidence, warnings, wording and its history.

Left, the outline (⚠ marks an item with re-identification warnings, ✗ one whose evidence no
longer meets the consent rules) and the draft's summary; right, the highlighted item: its
evidence (groups, number of participants, never names), its warnings, its text in an editor,
and its earlier wordings.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TextArea, Tree

from appsession.core.errors import UserError
from appsession.core.model import ItemKind
from appsession.i18n import _
from appsession.services import AppContext
from appsession.services.draft import DraftEntry, DraftService
from appsession.tui.dialogs.confirm import ConfirmDialog
from appsession.tui.screens.draft_dialogs import (
    ItemDialog,
    ItemRequest,
    SectionDialog,
    item_kind_label,
)
from appsession.tui.screens.draft_pickers import NotePickerDialog
from appsession.tui.screens.draft_view import entry_card, history_text, summary_text

KIND_MARKS = {ItemKind.ANALYSIS: "¶", ItemKind.VERBATIM: "❝", ItemKind.ACTION: "→"}
Place = tuple[str, str]
"""("section", title) or ("item", id): what a line of the outline is."""


class DraftScreen(Screen[None]):
    """Build the restitution draft from evidence, in the app alone."""

    DEFAULT_CSS = """
    DraftScreen #draft-left { width: 45%; border-right: solid $panel; }
    DraftScreen #draft-outline { height: 1fr; }
    DraftScreen #draft-summary { height: auto; max-height: 10; padding: 0 1; }
    DraftScreen #draft-right { width: 1fr; padding: 0 1; }
    DraftScreen #item-card { height: auto; }
    DraftScreen #item-editor { height: 1fr; min-height: 6; }
    DraftScreen #item-history { height: auto; max-height: 10; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_item", _("New item"), id="draft-new"),
        Binding("e", "edit", _("Edit"), id="draft-edit"),
        Binding("ctrl+s", "save", _("Save wording"), id="draft-save", priority=True),
        Binding("K", "shift(-1)", _("Item up"), id="draft-up"),
        Binding("J", "shift(1)", _("Item down"), id="draft-down"),
        Binding("M", "move_to_section", _("Move to section"), id="draft-move"),
        Binding("E", "add_evidence", _("Add evidence"), id="draft-evidence", show=False),
        Binding("S", "new_section", _("New section"), id="draft-section", show=False),
        Binding("R", "rename_section", _("Rename section"), id="draft-rename", show=False),
        Binding("left_square_bracket", "shift_section(-1)", _("Section up"), show=False),
        Binding("right_square_bracket", "shift_section(1)", _("Section down"), show=False),
        Binding("x", "delete", _("Delete"), id="draft-delete", show=False),
        Binding("w", "workspace", _("Workspace"), id="draft-workspace", show=False),
        Binding("escape", "back", _("Back"), id="back"),
    ]

    def __init__(self, context: AppContext, intervention_id: str) -> None:
        super().__init__()
        self.context = context
        self.service = DraftService.from_context(context, intervention_id)
        self.entries: dict[str, DraftEntry] = {}

    def compose(self) -> ComposeResult:
        """Outline and summary on the left, the item on the right."""
        yield Header()
        with Horizontal():
            with Vertical(id="draft-left"):
                yield Tree[Place](_("Draft"), id="draft-outline")
                yield Static("", id="draft-summary", markup=False)
            with Vertical(id="draft-right"):
                yield Static("", id="item-card", markup=False)
                yield TextArea("", id="item-editor", soft_wrap=True)
                with VerticalScroll(id="item-history"):
                    yield Static("", id="item-history-text", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """Fill the outline."""
        self.title = _("Restitution draft")
        tree = self.query_one(Tree)
        tree.show_root = False
        self.refresh_draft()
        tree.focus()

    # -- outline ----------------------------------------------------------------------------
    def chosen(self) -> Place | None:
        """What the highlighted outline line is."""
        node = self.query_one(Tree).cursor_node
        return node.data if node is not None else None

    def chosen_entry(self) -> DraftEntry | None:
        """The highlighted item, if an item is highlighted."""
        place = self.chosen()
        return self.entries.get(place[1]) if place and place[0] == "item" else None

    def chosen_section(self) -> str:
        """The highlighted section, or the highlighted item's section."""
        place = self.chosen()
        if place is None:
            return ""
        if place[0] == "section":
            return place[1]
        entry = self.entries.get(place[1])
        return entry.item.section if entry else ""

    def refresh_draft(self, keep: Place | None = None) -> None:
        """Reload the draft and redraw the outline and summary."""
        keep = keep or self.chosen()
        listed = self.service.entries()
        self.entries = {e.item.id: e for e in listed}
        tree = self.query_one(Tree)
        tree.clear()
        target = None
        for section in self.service.sections():
            node = tree.root.add(section.title, data=("section", section.title), expand=True)
            target = node if keep == ("section", section.title) else target
            for item in section.items:
                leaf = node.add_leaf(self._line(self.entries[item.id]), data=("item", item.id))
                target = leaf if keep == ("item", item.id) else target
        if target is not None:
            # A cleared tree lays its lines out at the next refresh; move the cursor then.
            tree.call_after_refresh(tree.move_cursor, target)
        self.query_one("#draft-summary", Static).update(summary_text(self.service.summary(listed)))
        self._show(self.entries.get(keep[1]) if keep and keep[0] == "item" else None)

    @staticmethod
    def _line(entry: DraftEntry) -> str:
        flags = ("⚠" if entry.warnings else "") + ("✗" if entry.problems else "")
        text = " ".join(entry.item.text.split())
        text = text[:60] + "…" if len(text) > 60 else text
        return f"{entry.number}. {KIND_MARKS[entry.item.kind]}{flags} {text}"

    def _show(self, entry: DraftEntry | None) -> None:
        card = self.query_one("#item-card", Static)
        editor = self.query_one("#item-editor", TextArea)
        history = self.query_one("#item-history-text", Static)
        if entry is None:
            card.update(_("Highlight an item, or press n to make one from notes."))
            editor.load_text("")
            editor.disabled = True
            history.update("")
            return
        editor.disabled = False
        card.update(entry_card(entry))
        if editor.text != entry.item.text:
            editor.load_text(entry.item.text)
        history.update(history_text(self.service.history(entry.item.id)))

    @on(Tree.NodeHighlighted)
    def _highlighted(self) -> None:
        self._show(self.chosen_entry())

    def _attempt(self, action: object) -> bool:
        """Run a service call; a refusal becomes a notification."""
        try:
            if callable(action):
                action()
        except UserError as error:
            self.notify(str(error), severity="error", timeout=8)
            return False
        return True

    # -- items ------------------------------------------------------------------------------
    def action_new_item(self) -> None:
        """Choose evidence notes, then the item's kind, section and wording."""
        picker = NotePickerDialog(self.service.analysis, _("Evidence for the new item"))
        self.app.push_screen(picker, self._evidence_chosen)

    def _evidence_chosen(self, note_ids: list[str] | None) -> None:
        if note_ids is None:
            return
        index = self.service.analysis.index()
        first = index.get(note_ids[0]) if note_ids else None
        quotable = first is not None and first.quotable and len(note_ids) == 1
        sections = [s.title for s in self.service.sections()]

        def done(request: ItemRequest | None) -> None:
            if request is None:
                return
            made: list[str] = []

            def create() -> None:
                made.append(
                    self.service.create_item(
                        request.section, request.kind, note_ids, request.text
                    ).id
                )

            if self._attempt(create):
                self.refresh_draft(("item", made[0]))
                self.notify(
                    _("{kind} added.").format(kind=item_kind_label(request.kind).capitalize())
                )

        dialog = ItemDialog(
            sections,
            len(note_ids),
            kind=ItemKind.VERBATIM if quotable else ItemKind.ANALYSIS,
            quotation=first.text if first is not None and quotable else "",
            section=self.chosen_section(),
        )
        self.app.push_screen(dialog, done)

    def action_edit(self) -> None:
        """Put the cursor in the item's text."""
        if self.chosen_entry() is not None:
            self.query_one("#item-editor", TextArea).focus()

    def action_save(self) -> None:
        """Save the edited wording as a new revision."""
        entry = self.chosen_entry()
        if entry is None:
            return
        text = self.query_one("#item-editor", TextArea).text
        if self._attempt(lambda: self.service.edit_item(entry.item.id, text)):
            self.refresh_draft(("item", entry.item.id))
            self.notify(_("Wording saved."))

    def before_lock(self) -> None:
        """The app is locking: keep an edited wording rather than lose it."""
        entry = self.chosen_entry()
        text = self.query_one("#item-editor", TextArea).text
        if entry is not None and text.strip() and text.strip() != entry.item.text:
            try:
                self.service.edit_item(entry.item.id, text)
            except UserError as error:
                self.notify(str(error), severity="error")

    def action_shift(self, offset: int) -> None:
        """Move the item one step (across section edges)."""
        entry = self.chosen_entry()
        if entry is not None and self._attempt(
            lambda: self.service.shift_item(entry.item.id, offset)
        ):
            self.refresh_draft(("item", entry.item.id))

    def action_move_to_section(self) -> None:
        """Send the item to another (or a new) section."""
        entry = self.chosen_entry()
        if entry is None:
            return
        titles = [s.title for s in self.service.sections()]

        def done(title: str | None) -> None:
            if not title:
                return

            def move() -> None:
                if title not in titles:
                    self.service.add_section(title)
                self.service.move_item(entry.item.id, title)

            if self._attempt(move):
                self.refresh_draft(("item", entry.item.id))

        self.app.push_screen(SectionDialog(_("Move to which section?"), titles), done)

    def action_add_evidence(self) -> None:
        """Link more notes to the item."""
        entry = self.chosen_entry()
        if entry is None:
            return

        def done(note_ids: list[str] | None) -> None:
            if note_ids and self._attempt(
                lambda: self.service.add_evidence(entry.item.id, note_ids)
            ):
                self.refresh_draft(("item", entry.item.id))

        self.app.push_screen(NotePickerDialog(self.service.analysis, _("More evidence")), done)

    def action_delete(self) -> None:
        """Delete the item (or an empty section) after asking."""
        entry = self.chosen_entry()
        if entry is None:
            section = self.chosen_section()
            if section and self._attempt(lambda: self.service.remove_section(section)):
                self.refresh_draft()
            return
        question = _("Delete item {number} and its history?").format(number=entry.number)

        def done(yes: bool | None) -> None:
            if yes:
                self.service.delete_item(entry.item.id)
                self.refresh_draft()

        self.app.push_screen(ConfirmDialog(question), done)

    # -- sections ---------------------------------------------------------------------------
    def action_new_section(self) -> None:
        """An empty section at the end."""
        titles = [s.title for s in self.service.sections()]

        def done(title: str | None) -> None:
            if title and self._attempt(lambda: self.service.add_section(title)):
                self.refresh_draft(("section", " ".join(title.split())))

        self.app.push_screen(SectionDialog(_("New section"), titles), done)

    def action_rename_section(self) -> None:
        """Rename the highlighted section (its items follow)."""
        old = self.chosen_section()
        if not old:
            return

        def done(title: str | None) -> None:
            if title and self._attempt(lambda: self.service.rename_section(old, title)):
                self.refresh_draft(("section", " ".join(title.split())))

        self.app.push_screen(SectionDialog(_("Rename section"), [], old), done)

    def action_shift_section(self, offset: int) -> None:
        """Move the highlighted section up or down."""
        section = self.chosen_section()
        if section and self._attempt(lambda: self.service.move_section(section, offset)):
            self.refresh_draft(self.chosen())

    def action_workspace(self) -> None:
        """Open the analysis workspace."""
        from appsession.tui.screens.workspace import WorkspaceScreen

        self.app.push_screen(WorkspaceScreen(self.context, self.service.intervention_id))

    def action_back(self) -> None:
        """Back to where the draft was opened from."""
        self.app.pop_screen()
