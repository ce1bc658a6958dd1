"""The one entry line that is always ready, with completion of ``@speaker`` and ``#theme``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.suggester import Suggester
from textual.widgets import Input

from appsession.core.note_syntax import Speaker, complete, complete_line, fold
from appsession.i18n import _


class NoteSuggester(Suggester):
    """Ghost text for the word being typed after ``@`` or ``#`` (→ accepts it)."""

    def __init__(
        self, speakers: Callable[[], Sequence[Speaker]], themes: Callable[[], Sequence[str]]
    ) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.speakers = speakers
        self.themes = themes

    async def get_suggestion(self, value: str) -> str | None:
        """The line completed with the best candidate, if it adds anything."""
        candidates = complete(value, self.speakers(), self.themes())
        if not candidates:
            return None
        completed = complete_line(value, candidates[0])
        typed = value.split()[-1]
        if len(completed) <= len(value) or not fold(candidates[0]).startswith(fold(typed)):
            return None
        return completed


class NoteEntry(Input):
    """An Input that says what its syntax is; Tab accepts the completion."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "complete", _("Complete"), show=False),
    ]

    DEFAULT_CSS = """
    NoteEntry { margin: 0 0; }
    """

    def __init__(
        self, suggester: NoteSuggester, *, placeholder: str = "", id: str | None = None
    ) -> None:
        super().__init__(
            placeholder=placeholder
            or _('Type a note, Enter saves · @name · #theme · "quote · ?question · !off'),
            suggester=suggester,
            id=id,
        )

    def action_complete(self) -> None:
        """Accept the ghost completion; otherwise stay here (typing never leaves the line)."""
        # Input keeps its ghost text in a private reactive; accepting it is its own action.
        if self._suggestion and self.cursor_at_end:
            self.action_cursor_right()
