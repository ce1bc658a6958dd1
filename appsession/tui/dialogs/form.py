"""A small modal form: labelled one-line fields, Enter to save, Escape to cancel."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from appsession.i18n import _


@dataclass(frozen=True)
class Field:
    """One line of the form."""

    key: str
    label: str
    value: str = ""
    placeholder: str = ""
    required: bool = False


class FormDialog(ModalScreen[dict[str, str] | None]):
    """Returns the values by key, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="cancel"),
    ]

    def __init__(self, title: str, fields: list[Field], explanation: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.fields = fields
        self.explanation = explanation

    def compose(self) -> ComposeResult:
        """Title, fields, buttons."""
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="box-title", markup=False)
            if self.explanation:
                yield Static(self.explanation, classes="muted")
            for field in self.fields:
                yield Label(field.label + (" *" if field.required else ""))
                yield Input(
                    field.value,
                    placeholder=field.placeholder,
                    compact=True,
                    id=f"field-{field.key}",
                )
            yield Static("", id="status")
            with Horizontal(classes="buttons"):
                yield Button(_("Save"), variant="primary", id="save")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        """Focus the first field."""
        self.query(Input).first().focus()

    def values(self) -> dict[str, str]:
        """The fields' current values, trimmed."""
        return {f.key: self.query_one(f"#field-{f.key}", Input).value.strip() for f in self.fields}

    @on(Input.Submitted)
    def _next_or_save(self, event: Input.Submitted) -> None:
        inputs = list(self.query(Input))
        position = inputs.index(event.input)
        if position + 1 < len(inputs):
            inputs[position + 1].focus()
        else:
            self._save()

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        values = self.values()
        missing = [f.label for f in self.fields if f.required and not values[f.key]]
        if missing:
            self.query_one("#status", Static).update(
                _("Please fill in: {fields}").format(fields=", ".join(missing))
            )
            return
        self.dismiss(values)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
