"""The codebook tab: the theme tree with counts; add, rename, move, merge, split, delete.

Every change goes through the analysis service, which re-tags the notes it concerns.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static, Tree

from appsession.core import codebook as ops
from appsession.core.errors import UserError
from appsession.i18n import _
from appsession.services.analysis import AnalysisService
from appsession.tui.dialogs.confirm import ConfirmDialog
from appsession.tui.dialogs.form import Field, FormDialog
from appsession.tui.screens.workspace_dialogs import ThemePickerDialog


class CodebookPanel(Vertical):
    """The codebook as a tree; keys act on the highlighted theme."""

    DEFAULT_CSS = """
    CodebookPanel Tree { height: 1fr; }
    CodebookPanel #codebook-help { height: auto; color: $text-muted; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add(False)", _("New theme"), id="theme-add"),
        Binding("A", "add(True)", _("New sub-theme"), id="theme-add-child"),
        Binding("r", "rename", _("Rename"), id="theme-rename"),
        Binding("v", "move(False)", _("Move under…"), id="theme-move"),
        Binding("V", "move(True)", _("Move to the top"), id="theme-top"),
        Binding("g", "merge", _("Merge into…"), id="theme-merge"),
        Binding("s", "split", _("Split off marked notes"), id="theme-split"),
        Binding("x", "delete", _("Delete"), id="theme-delete"),
    ]

    class Changed(Message):
        """The codebook changed; ``retagged`` notes changed their tags."""

        def __init__(self, retagged: int) -> None:
            super().__init__()
            self.retagged = retagged

    def __init__(self, service: AnalysisService, marked: Callable[[], list[str]]) -> None:
        super().__init__(id="codebook-panel")
        self.service = service
        self.marked = marked

    def compose(self) -> ComposeResult:
        """The tree and a line of help."""
        yield Tree[str](_("Codebook"), id="codebook-tree")
        yield Static(
            _(
                "a new theme · A new sub-theme · r rename · v move under · V move to the top · "
                "g merge into another · s split off the marked notes · x delete"
            ),
            id="codebook-help",
        )

    def fill(self) -> None:
        """Rebuild the tree with each theme's count of analysable notes."""
        counts: Counter[str] = Counter(
            t for n in self.service.index().notes for t in set(n.note.themes)
        )
        book = self.service.codebook()
        tree = self.query_one(Tree)
        highlighted = self.highlighted()
        tree.clear()
        tree.root.expand()
        nodes = {"": tree.root}
        for theme, _depth in book.walk():
            parent = nodes[book.parent_of(theme.id)]
            label = f"{theme.name}  ({counts.get(theme.id, 0)})"
            nodes[theme.id] = parent.add(
                label, data=theme.id, expand=True, allow_expand=bool(book.children(theme.id))
            )
        if highlighted in nodes:
            tree.call_after_refresh(tree.move_cursor, nodes[highlighted])

    def highlighted(self) -> str:
        """The highlighted theme's id ("" for none)."""
        node = self.query_one(Tree).cursor_node
        return node.data if node is not None and node.data else ""

    def _apply(self, make: Callable[[ops.Codebook], ops.CodebookChange]) -> None:
        try:
            retagged = self.service.apply(make(self.service.codebook()))
        except UserError as error:
            self.app.notify(str(error), severity="error")
            return
        self.fill()
        self.post_message(self.Changed(retagged))

    def action_add(self, under: bool) -> None:
        """A new theme at the top, or under the highlighted one."""
        parent = self.highlighted() if under else ""
        fields = [Field("name", _("Name"), required=True), Field("definition", _("Definition"))]

        def done(values: dict[str, str] | None) -> None:
            if values:
                self._apply(
                    lambda book: ops.add_theme(
                        book,
                        self.service.intervention_id,
                        values["name"],
                        values["definition"],
                        parent,
                    )
                )

        self.app.push_screen(FormDialog(_("New theme"), fields), done)

    def action_rename(self) -> None:
        """A new name and definition for the highlighted theme."""
        theme_id = self.highlighted()
        if not theme_id:
            return
        theme = self.service.codebook().get(theme_id)
        fields = [
            Field("name", _("Name"), theme.name, required=True),
            Field("definition", _("Definition"), theme.definition),
        ]

        def done(values: dict[str, str] | None) -> None:
            if values:
                self._apply(
                    lambda book: ops.rename_theme(
                        book, theme_id, values["name"], values["definition"]
                    )
                )

        self.app.push_screen(FormDialog(_("Rename theme"), fields), done)

    def action_move(self, top: bool) -> None:
        """Put the highlighted theme under another one, or back at the top."""
        theme_id = self.highlighted()
        if not theme_id:
            return
        if top:
            self._apply(lambda b: ops.move_theme(b, theme_id, ""))
            return
        book = self.service.codebook()

        def done(chosen: list[str] | None) -> None:
            if chosen:
                self._apply(lambda b: ops.move_theme(b, theme_id, chosen[0]))

        excluded = {theme_id, *book.descendants(theme_id)}
        title = _("Move under which theme?")
        self.app.push_screen(ThemePickerDialog(title, book, excluded=excluded, single=True), done)

    def action_merge(self) -> None:
        """Fold the highlighted theme into another; its notes follow."""
        theme_id = self.highlighted()
        if not theme_id:
            return
        book = self.service.codebook()

        def done(chosen: list[str] | None) -> None:
            if chosen:
                self._apply(lambda b: ops.merge_themes(b, {theme_id}, chosen[0]))

        title = _("Merge “{name}” into which theme?").format(name=book.get(theme_id).name)
        self.app.push_screen(ThemePickerDialog(title, book, excluded={theme_id}, single=True), done)

    def action_split(self) -> None:
        """A new theme beside the highlighted one takes the marked notes coded with it."""
        theme_id = self.highlighted()
        marked = self.marked()
        if not theme_id or not marked:
            self.app.notify(_("Mark notes in the Notes tab first."), severity="warning")
            return
        fields = [Field("name", _("Name"), required=True), Field("definition", _("Definition"))]

        def done(values: dict[str, str] | None) -> None:
            if values:
                part = ops.SplitPart(values["name"], values["definition"])
                assignment = {note_id: {0} for note_id in marked}
                self._apply(lambda b: ops.split_theme(b, theme_id, [part], assignment))

        title = _("Split: the marked notes coded with this theme go to a new theme")
        self.app.push_screen(FormDialog(title, fields), done)

    def action_delete(self) -> None:
        """Delete the highlighted theme after asking."""
        theme_id = self.highlighted()
        if not theme_id:
            return
        name = self.service.codebook().get(theme_id).name
        question = _("Delete the theme “{name}”? Its notes lose this tag only.").format(name=name)

        def done(yes: bool | None) -> None:
            if yes:
                self._apply(lambda b: ops.delete_theme(b, theme_id))

        self.app.push_screen(ConfirmDialog(question), done)
