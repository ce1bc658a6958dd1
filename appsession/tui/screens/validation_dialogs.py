"""The group writes an item of its own: an analysis or a lead for action, in a section."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Select, Static, TextArea

from appsession.core.model import ItemKind
from appsession.i18n import _
from appsession.tui.screens.validation_view import kind_text


@dataclass(frozen=True)
class GroupItemRequest:
    """What the group wants to add."""

    section: str
    kind: ItemKind
    text: str


class GroupItemDialog(ModalScreen[GroupItemRequest | None]):
    """Kind, section and wording of the group's own item (Ctrl+S saves, Escape cancels)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="cancel"),
        Binding("ctrl+s", "save", _("Save"), id="save", priority=True),
    ]
    DEFAULT_CSS = """
    GroupItemDialog #group-item-text { height: 8; }
    GroupItemDialog Select { margin-bottom: 1; }
    """

    def __init__(self, group: str, sections: list[str]) -> None:
        super().__init__()
        self.group = group
        self.sections = sections

    def compose(self) -> ComposeResult:
        """Kind, section, wording, buttons."""
        with Vertical(classes="dialog"):
            title = _("An item of the group “{group}”").format(group=self.group)
            yield Static(title, classes="box-title", markup=False)
            yield Label(_("Kind"))
            kinds = [(kind_text(k), k.value) for k in (ItemKind.ANALYSIS, ItemKind.ACTION)]
            yield Select(
                kinds, value=ItemKind.ACTION.value, allow_blank=False, id="group-item-kind"
            )
            yield Label(_("Section"))
            choices = [(title, title) for title in self.sections]
            yield Select(
                choices, value=self.sections[0], allow_blank=False, id="group-item-section"
            )
            yield Label(_("Wording"))
            yield TextArea("", id="group-item-text", soft_wrap=True)
            yield Static("", id="status")
            with Horizontal(classes="buttons"):
                yield Button(_("Save"), variant="primary", id="save")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        """Start typing the wording."""
        self.query_one("#group-item-text", TextArea).focus()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Return the request, unless the wording is empty."""
        text = self.query_one("#group-item-text", TextArea).text.strip()
        if not text:
            self.query_one("#status", Static).update(_("Please write the item's wording."))
            return
        kind = ItemKind(str(self.query_one("#group-item-kind", Select).value))
        section = str(self.query_one("#group-item-section", Select).value)
        self.dismiss(GroupItemRequest(section, kind, text))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without adding anything."""
        self.dismiss(None)
