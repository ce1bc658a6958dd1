"""The workspace's filters: group, session, situation, phase, kind, speaker, theme, free text."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Input, Label, Select

from appsession.core.matrix import NoteFilter
from appsession.core.model import NoteKind
from appsession.i18n import _
from appsession.tui.screens.workspace_notes import kind_label

FACILITATOR = "@facilitator"
UNTAGGED = "@untagged"

Options = Sequence[tuple[str, str]]


@dataclass(frozen=True)
class FilterChoices:
    """What each filter offers, as (label, value) pairs."""

    groups: Options = ()
    sessions: Options = ()
    situations: Options = ()
    phases: Options = ()
    speakers: Options = ()
    themes: Options = ()
    session_ids: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Session number (as text) → ids of the sessions with that number."""


class FilterBar(VerticalScroll):
    """Selects and a search field; every change posts ``Changed``."""

    DEFAULT_CSS = """
    FilterBar { width: 34; height: 1fr; padding: 0 1; border-right: solid $panel; }
    FilterBar Label { margin-top: 1; color: $text-muted; }
    FilterBar Select { width: 100%; }
    """

    class Changed(Message):
        """The filter changed."""

        def __init__(self, wanted: NoteFilter) -> None:
            super().__init__()
            self.wanted = wanted

    def __init__(self, choices: FilterChoices, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.choices = choices

    def compose(self) -> ComposeResult:
        """One labelled field per criterion."""
        c = self.choices
        kinds = [(kind_label(k.value), k.value) for k in NoteKind]
        speakers = [(_("facilitator"), FACILITATOR), *c.speakers]
        themes = [(_("(no theme yet)"), UNTAGGED), *c.themes]
        yield Label(_("Search the text"))
        yield Input(placeholder=_("words, “a phrase”"), id="filter-text")
        for key, label, options in (
            ("group", _("Group"), c.groups),
            ("session", _("Session"), c.sessions),
            ("situation", _("Situation"), c.situations),
            ("phase", _("Phase"), c.phases),
            ("kind", _("Kind"), kinds),
            ("speaker", _("Speaker"), speakers),
            ("theme", _("Coded with"), themes),
        ):
            yield Label(label)
            yield Select(options, prompt=_("all"), id=f"filter-{key}")

    def _value(self, key: str) -> str | None:
        value = self.query_one(f"#filter-{key}", Select).value
        return value if isinstance(value, str) else None

    def current(self) -> NoteFilter:
        """The filter as the fields say."""
        group, session, theme = self._value("group"), self._value("session"), self._value("theme")
        speaker, kind = self._value("speaker"), self._value("kind")
        return NoteFilter(
            group_ids=frozenset({group} if group else ()),
            session_ids=self.choices.session_ids.get(session, frozenset())
            if session
            else frozenset(),
            situation_ids=_one(self._value("situation")),
            phase_ids=_one(self._value("phase")),
            kinds=frozenset({NoteKind(kind)} if kind else ()),
            speakers=frozenset({"" if speaker == FACILITATOR else speaker} if speaker else ()),
            theme_ids=_one(theme if theme != UNTAGGED else None),
            untagged=theme == UNTAGGED,
            text=self.query_one("#filter-text", Input).value,
        )

    def set_value(self, key: str, value: str | None) -> None:
        """Choose a value programmatically (None clears the field)."""
        if key == "text":
            self.query_one("#filter-text", Input).value = value or ""
            return
        select = self.query_one(f"#filter-{key}", Select)
        if value is None:
            select.clear()
        else:
            select.value = value

    def set_options(self, key: str, options: Options) -> None:
        """Offer other choices in one field (known only once the notes are loaded)."""
        self.query_one(f"#filter-{key}", Select).set_options(options)

    def clear(self) -> None:
        """Every field back to "all"."""
        for select in self.query(Select):
            select.clear()
        self.query_one("#filter-text", Input).value = ""

    @on(Select.Changed)
    @on(Input.Changed, "#filter-text")
    def _changed(self) -> None:
        self.post_message(self.Changed(self.current()))


def _one(value: str | None) -> frozenset[str]:
    return frozenset({value}) if value else frozenset()
