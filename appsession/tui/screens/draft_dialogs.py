"""Dialogs of the draft: make an item from notes, choose a section."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from appsession.core.model import ItemKind
from appsession.i18n import _
from appsession.tui.screens.workspace_dialogs import DIALOG_CSS


def item_kind_label(kind: ItemKind) -> str:
    """An item kind in the user's language."""
    labels = {
        ItemKind.ANALYSIS: _("analysis paragraph"),
        ItemKind.VERBATIM: _("verbatim quotation"),
        ItemKind.ACTION: _("lead for action"),
    }
    return labels[kind]


@dataclass(frozen=True)
class ItemRequest:
    """What the facilitator asked for: a kind, a section and a wording."""

    kind: ItemKind
    section: str
    text: str


class ItemDialog(ModalScreen[ItemRequest | None]):
    """Kind, section and wording of a new item; a quotation starts from its note's words."""

    DEFAULT_CSS = "ItemDialog { align: center middle; }" + DIALOG_CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel")),
        Binding("ctrl+s", "save", _("Save"), priority=True),
    ]

    def __init__(
        self,
        sections: Sequence[str],
        evidence: int,
        *,
        kind: ItemKind = ItemKind.ANALYSIS,
        quotation: str = "",
        section: str = "",
    ) -> None:
        super().__init__()
        self.sections = list(sections)
        self.evidence = evidence
        self.kind = kind
        self.quotation = quotation
        self.section = section or (self.sections[-1] if self.sections else "")

    def compose(self) -> ComposeResult:
        """Kind, section, text."""
        kinds = [(item_kind_label(k), k.value) for k in ItemKind]
        with Vertical(classes="analysis-dialog"):
            yield Static(_("New draft item"), classes="title")
            yield Static(
                _("Evidence: {count} note(s).").format(count=self.evidence), classes="explain"
            )
            yield Label(_("Kind"))
            yield Select(kinds, allow_blank=False, value=self.kind.value, id="item-kind")
            yield Label(_("Section"))
            yield Input(
                self.section,
                placeholder=_("e.g. Relationship with users"),
                suggester=SuggestFromList(self.sections, case_sensitive=False),
                id="item-section",
            )
            yield Label(_("Text"))
            yield TextArea(self._starting_text(self.kind), id="item-text")
            yield Static(self._hint(self.kind), classes="explain", id="item-hint")
            yield Static("", id="status")
            with Horizontal(classes="buttons"):
                yield Button(_("Create"), variant="primary", id="save")
                yield Button(_("Cancel"), id="cancel")

    def _starting_text(self, kind: ItemKind) -> str:
        return self.quotation if kind is ItemKind.VERBATIM else ""

    @staticmethod
    def _hint(kind: ItemKind) -> str:
        if kind is ItemKind.VERBATIM:
            return _("A quotation keeps the speaker's words: shorten it with […] only.")
        return _("Write the paragraph in your own words, without names, sites or dates.")

    def on_mount(self) -> None:
        """Focus the text."""
        self.query_one(TextArea).focus()

    @on(Select.Changed, "#item-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        if not isinstance(event.value, str):
            return
        kind = ItemKind(event.value)
        area = self.query_one(TextArea)
        if kind is ItemKind.VERBATIM or area.text == self.quotation:
            area.load_text(self._starting_text(kind))
        self.query_one("#item-hint", Static).update(self._hint(kind))

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Return the request (the service checks consent and wording)."""
        value = self.query_one("#item-kind", Select).value
        section = self.query_one("#item-section", Input).value.strip()
        text = self.query_one(TextArea).text.strip()
        if not section or not text or not isinstance(value, str):
            self.query_one("#status", Static).update(_("Give a section and a text."))
            return
        self.dismiss(ItemRequest(ItemKind(value), section, text))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without creating."""
        self.dismiss(None)


class SectionDialog(ModalScreen[str | None]):
    """Choose a section (or type a new one)."""

    DEFAULT_CSS = "SectionDialog { align: center middle; }" + DIALOG_CSS
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", _("Cancel"))]

    def __init__(self, title: str, sections: Sequence[str], value: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.sections = list(sections)
        self.value = value

    def compose(self) -> ComposeResult:
        """A field with the existing sections as suggestions."""
        with Vertical(classes="analysis-dialog"):
            yield Static(self.title_text, classes="title", markup=False)
            yield Input(
                self.value,
                suggester=SuggestFromList(self.sections, case_sensitive=False),
                id="section",
            )
            yield Static(", ".join(self.sections), classes="explain", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(_("OK"), variant="primary", id="ok")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        """Focus the field."""
        self.query_one(Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        value = self.query_one(Input).value.strip()
        if value:
            self.dismiss(value)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
