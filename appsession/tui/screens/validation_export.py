"""Exports from the validation screen: the group's working document, the commissioners' one.

The destination is asked every time (nothing is written before the facilitator confirms a
path); the commissioners' export shows the gate's reasons when it refuses.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from appsession.i18n import _, current_language
from appsession.services.export import ExportOutcome, ExportService
from appsession.tui.dialogs.form import Field, FormDialog


class ReasonsDialog(ModalScreen[None]):
    """Why the commissioners' export was refused, every reason on its line."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,enter", "close", _("Close"))]

    def __init__(self, reasons: list[str]) -> None:
        super().__init__()
        self.reasons = reasons

    def compose(self) -> ComposeResult:
        """The list and a button."""
        with Vertical(classes="dialog"):
            yield Static(_("The export to the commissioners was refused"), classes="box-title")
            with VerticalScroll():
                yield Static("\n".join(f"• {r}" for r in self.reasons), markup=False)
            with Horizontal(classes="buttons"):
                yield Button(_("Close"), variant="primary", id="close")

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        """Back to the validation."""
        self.dismiss(None)


def default_path(audience: str, moment: datetime) -> Path:
    """A file in the home folder, named after the audience and the day."""
    name = _("restitution-commissioners") if audience == "commissioners" else _("draft-group")
    return Path.home() / f"{name}-{moment:%Y-%m-%d}.docx"


def export_form(audience: str, moment: datetime) -> FormDialog:
    """Where to write (and, for the commissioners, an optional letterhead template)."""
    fields = [Field("path", _("File to write"), str(default_path(audience, moment)), required=True)]
    if audience == "commissioners":
        fields.append(Field("template", _("Letterhead template (optional .docx)")))
    title = (
        _("Export for the commissioners")
        if audience == "commissioners"
        else _("Export the group's working document")
    )
    explanation = _(
        "The file is readable by you only, but it is outside the vault's protection: "
        "send it, keep it and delete it with care."
    )
    return FormDialog(title, fields, explanation)


def run_export(
    service: ExportService, intervention_id: str, group_id: str, values: dict[str, str]
) -> ExportOutcome:
    """Write the chosen document; raises ``ExportRefused`` or ``UserError`` with a message."""
    path = Path(values["path"]).expanduser()
    lang = current_language()
    if group_id:
        return service.export_group(intervention_id, group_id, path, lang=lang)
    template = Path(values["template"]).expanduser() if values.get("template") else None
    return service.export_commissioners(intervention_id, path, lang=lang, template=template)


def outcome_message(outcome: ExportOutcome) -> str:
    """What was written, for a notification."""
    return _("Wrote {path} ({count} items).").format(path=outcome.path, count=outcome.items)
