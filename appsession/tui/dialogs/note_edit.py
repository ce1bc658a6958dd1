"""Editing one note: its text, kind, speaker, themes, and whether it is on the record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select

from appsession.core.model import Note, NoteKind
from appsession.i18n import _
from appsession.protocol_texts import note_kind_text
from appsession.services.session import LiveSession


@dataclass(frozen=True)
class NoteChange:
    """The note's new values (themes by name: new ones join the codebook)."""

    text: str
    kind: NoteKind
    speaker_id: str
    themes: tuple[str, ...]
    off_record: bool


class NoteEditDialog(ModalScreen[NoteChange | None]):
    """Returns the change, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="cancel"),
        Binding("ctrl+s", "save", _("Save"), id="save"),
    ]

    def __init__(self, live: LiveSession, note: Note, focus_themes: bool = False) -> None:
        super().__init__()
        self.live = live
        self.note = note
        self.focus_themes = focus_themes

    def compose(self) -> ComposeResult:
        """One field per property."""
        names = {theme.id: theme.name for theme in self.live.themes}
        speakers = [(_("Facilitator"), "")] + [
            (f"{p.pseudonym} · {p.name}", p.id)
            for p in self.live.present()
            if self.live.may_be_noted(p.id) or p.id == self.note.speaker_id
        ]
        with Vertical(classes="dialog"):
            yield Label(_("Text"))
            yield Input(self.note.text, id="text")
            with Horizontal(classes="form-row"):
                yield Select(
                    [(note_kind_text(kind), kind.value) for kind in NoteKind],
                    value=self.note.kind.value,
                    allow_blank=False,
                    id="kind",
                )
                yield Select(speakers, value=self.note.speaker_id, allow_blank=False, id="speaker")
            yield Label(_("Themes, separated by commas"))
            yield Input(
                ", ".join(names.get(theme_id, "") for theme_id in self.note.themes), id="themes"
            )
            yield Checkbox(_("Off the record"), self.note.off_record, id="off-record")
            with Horizontal(classes="buttons"):
                yield Button(_("Save"), variant="primary", id="save")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        """Start on the text, or on the themes for a re-tag."""
        self.query_one("#themes" if self.focus_themes else "#text", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Return the new values."""
        text = self.query_one("#text", Input).value.strip()
        if not text:
            self.notify(_("A note needs some text."), severity="warning")
            return
        themes = tuple(
            name.strip().lstrip("#")
            for name in self.query_one("#themes", Input).value.split(",")
            if name.strip().lstrip("#")
        )
        self.dismiss(
            NoteChange(
                text=text,
                kind=NoteKind(str(self.query_one("#kind", Select).value)),
                speaker_id=str(self.query_one("#speaker", Select).value),
                themes=themes,
                off_record=self.query_one("#off-record", Checkbox).value,
            )
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Leave the note as it was."""
        self.dismiss(None)
