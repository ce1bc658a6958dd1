"""The workspace's list of notes: one row per pseudonymised note, with marks for bulk actions.

A filter may keep tens of thousands of notes; the table shows the first ``SHOWN`` of them (the
status line says how many there are) so that it fills at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rich.markup import escape
from textual.widgets import DataTable

from appsession.core.matrix import AnalysisNote
from appsession.i18n import _

SHOWN = 300
TEXT_WIDTH = 70
GROUP_WIDTH = 12


@dataclass(frozen=True)
class NoteLabels:
    """What ids mean on screen: group names, theme names."""

    groups: Mapping[str, str] = field(default_factory=dict)
    themes: Mapping[str, str] = field(default_factory=dict)

    def themes_of(self, note: AnalysisNote) -> str:
        """The note's theme names, or a dot."""
        names = [self.themes[t] for t in note.note.themes if t in self.themes]
        return ", ".join(names) or "·"


def kind_label(kind: str) -> str:
    """A note kind in the user's language."""
    labels = {
        "observation": _("observation"),
        "paraphrase": _("paraphrase"),
        "verbatim": _("verbatim"),
        "question": _("question"),
        "hypothesis": _("hypothesis"),
        "resonance": _("resonance"),
        "action": _("action"),
    }
    return labels.get(kind, kind)


class NoteTable(DataTable[str]):
    """Notes as rows; space marks a row, and marks survive re-filtering."""

    DEFAULT_CSS = """
    NoteTable { height: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.notes: list[AnalysisNote] = []
        self.total = 0
        self.marked: set[str] = set()
        self.labels = NoteLabels()

    def on_mount(self) -> None:
        """The columns."""
        self.add_column("✓", key="mark", width=1)
        self.add_column(_("Session"), key="session")
        self.add_column(_("Group"), key="group")
        self.add_column(_("Phase"), key="phase")
        self.add_column(_("Kind"), key="kind")
        self.add_column(_("Speaker"), key="speaker")
        self.add_column(_("Text"), key="text")
        self.add_column(_("Themes"), key="themes")

    def show(self, notes: Sequence[AnalysisNote], labels: NoteLabels) -> None:
        """Replace the rows (the first ``SHOWN`` notes)."""
        self.labels = labels
        self.total = len(notes)
        self.notes = list(notes[:SHOWN])
        self.clear()
        for note in self.notes:
            self.add_row(*self._cells(note), key=note.id)

    def _cells(self, note: AnalysisNote) -> list[str]:
        """Plain escaped strings: several times faster to add than ``Text`` cells."""
        text = " ".join(note.text.split())
        if len(text) > TEXT_WIDTH:
            text = text[: TEXT_WIDTH - 1] + "…"
        speaker = note.speaker or _("facilitator")
        if note.speaker and not note.usable:
            speaker += " ⊘"
        elif note.quotable:
            speaker += " ❝"
        return [
            "●" if note.id in self.marked else " ",
            f"S{note.session_number}",
            escape(self.labels.groups.get(note.group_id, "")[:GROUP_WIDTH]),
            escape(note.note.phase_id),
            kind_label(note.note.kind.value),
            escape(speaker),
            escape(text),
            escape(self.labels.themes_of(note)[:40]),
        ]

    def current(self) -> AnalysisNote | None:
        """The note under the cursor."""
        if not self.notes or not 0 <= self.cursor_row < len(self.notes):
            return None
        return self.notes[self.cursor_row]

    def refresh_note(self, note: AnalysisNote) -> None:
        """Redraw one row after its themes or mark changed."""
        if note.id not in self.rows:
            return
        for key, value in zip(
            ("mark", "session", "group", "phase", "kind", "speaker", "text", "themes"),
            self._cells(note),
            strict=True,
        ):
            self.update_cell(note.id, key, value)
        self.notes = [note if n.id == note.id else n for n in self.notes]

    def toggle_mark(self) -> None:
        """Mark or unmark the note under the cursor."""
        note = self.current()
        if note is None:
            return
        self.marked.symmetric_difference_update({note.id})
        self.update_cell(note.id, "mark", "●" if note.id in self.marked else " ")

    def mark_all(self) -> None:
        """Mark every shown note (or clear the marks when they all are)."""
        shown = {n.id for n in self.notes}
        if shown <= self.marked:
            self.marked -= shown
        else:
            self.marked |= shown
        for note in self.notes:
            self.update_cell(note.id, "mark", "●" if note.id in self.marked else " ")

    def chosen(self) -> list[str]:
        """The marked notes, or the one under the cursor when none is marked."""
        if self.marked:
            return sorted(self.marked)
        note = self.current()
        return [note.id] if note is not None else []
