"""Small dialogs of the workspace: choose themes, write a memo."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Select, SelectionList, Static, TextArea

from appsession.core.codebook import Codebook
from appsession.i18n import _
from appsession.services.analysis import MemoTarget

DIALOG_CSS = """
.analysis-dialog {
    width: 80%; max-width: 100; height: auto; max-height: 90%;
    padding: 1 2; border: thick $primary; background: $surface;
}
.analysis-dialog .title { text-style: bold; color: $accent; margin-bottom: 1; }
.analysis-dialog .explain { color: $text-muted; margin-bottom: 1; }
.analysis-dialog .buttons { height: auto; margin-top: 1; }
.analysis-dialog .buttons Button { margin-right: 2; }
.analysis-dialog SelectionList { height: auto; max-height: 20; }
.analysis-dialog TextArea { height: 10; }
.analysis-dialog #status { color: $error; height: auto; }
"""


class ThemePickerDialog(ModalScreen[list[str] | None]):
    """Tick themes of the codebook; returns their ids, or None when cancelled."""

    DEFAULT_CSS = "ThemePickerDialog { align: center middle; }" + DIALOG_CSS
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", _("Cancel"))]

    def __init__(
        self,
        title: str,
        codebook: Codebook,
        chosen: Iterable[str] = (),
        *,
        single: bool = False,
        excluded: Iterable[str] = (),
    ) -> None:
        super().__init__()
        self.title_text = title
        self.codebook = codebook
        self.chosen = set(chosen)
        self.single = single
        self.excluded = set(excluded)

    def compose(self) -> ComposeResult:
        """The codebook as an indented list of ticks."""
        options = [
            ("  " * depth + theme.name, theme.id, theme.id in self.chosen)
            for theme, depth in self.codebook.walk()
            if theme.id not in self.excluded
        ]
        with Vertical(classes="analysis-dialog"):
            yield Static(self.title_text, classes="title", markup=False)
            if self.single:
                yield Static(_("Tick one theme."), classes="explain")
            yield SelectionList[str](*options, id="themes")
            yield Static("", id="status")
            with Horizontal(classes="buttons"):
                yield Button(_("OK"), variant="primary", id="ok")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        """Focus the list."""
        self.query_one(SelectionList).focus()

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        chosen = list(self.query_one("#themes", SelectionList).selected)
        if not chosen or (self.single and len(chosen) != 1):
            message = _("Tick one theme.") if self.single else _("Tick at least one theme.")
            self.query_one("#status", Static).update(message)
            return
        self.dismiss(chosen)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)


@dataclass(frozen=True)
class MemoRequest:
    """What the memo dialog returns."""

    target: MemoTarget
    target_id: str
    text: str


def memo_target_label(target: MemoTarget) -> str:
    """What a memo is about, in the user's language."""
    labels = {
        MemoTarget.THEME: _("theme"),
        MemoTarget.SITUATION: _("situation"),
        MemoTarget.SESSION: _("session"),
    }
    return labels[target]


class MemoDialog(ModalScreen[MemoRequest | None]):
    """Choose what the memo is about, then write it."""

    DEFAULT_CSS = "MemoDialog { align: center middle; }" + DIALOG_CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel")),
        Binding("ctrl+s", "save", _("Save"), priority=True),
    ]

    def __init__(self, targets: Sequence[tuple[str, MemoTarget, str]], text: str = "") -> None:
        super().__init__()
        self.targets = list(targets)
        self.text = text

    def compose(self) -> ComposeResult:
        """The target and the text."""
        options = [
            (f"{memo_target_label(kind)} — {label}", f"{kind.value}:{target_id}")
            for label, kind, target_id in self.targets
        ]
        with Vertical(classes="analysis-dialog"):
            yield Static(_("Memo"), classes="title")
            yield Select(options, allow_blank=False, id="memo-target")
            yield TextArea(self.text, id="memo-text")
            yield Static(_("Ctrl+S saves."), classes="explain")
            yield Static("", id="status")
            with Horizontal(classes="buttons"):
                yield Button(_("Save"), variant="primary", id="save")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        """Start typing at once."""
        self.query_one(TextArea).focus()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Return the memo."""
        text = self.query_one(TextArea).text.strip()
        value = self.query_one("#memo-target", Select).value
        if not text or not isinstance(value, str):
            self.query_one("#status", Static).update(_("A memo cannot be empty."))
            return
        kind, _sep, target_id = value.partition(":")
        self.dismiss(MemoRequest(MemoTarget(kind), target_id, text))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
