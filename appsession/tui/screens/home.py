"""Home: interventions → groups → sessions, and every way into the work."""

from __future__ import annotations

import importlib
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Tree

from appsession.i18n import _
from appsession.services import AppContext
from appsession.services.roster import InterventionLine, SessionStatus, overview
from appsession.tui.dialogs.confirm import ConfirmDialog
from appsession.tui.dialogs.form import Field, FormDialog
from appsession.tui.widgets.home_details import HomeDetails
from appsession.tui.widgets.home_tree import HomeTree, Pick

LATER_SCREENS = {
    "workspace": ("appsession.tui.screens.workspace", "WorkspaceScreen"),
    "draft": ("appsession.tui.screens.draft", "DraftScreen"),
    "validation": ("appsession.tui.screens.validation", "ValidationScreen"),
    "review": ("appsession.tui.screens.review", "ReviewScreen"),
    "privacy": ("appsession.tui.screens.privacy", "PrivacyScreen"),
}
"""Screens of the analysis stage, written elsewhere: opened only if their module exists."""


class HomeScreen(Screen[None]):
    """The facilitator's map of their work."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_session", _("New session"), id="new-session"),
        Binding("p", "participants", _("Participants"), id="participants"),
        Binding("i", "new_intervention", _("New intervention"), id="new-intervention"),
        Binding("g", "new_group", _("New group"), id="new-group", show=False),
        Binding("e", "edit", _("Edit"), id="edit"),
        Binding("w", "later('workspace')", _("Analysis"), id="workspace", show=False),
        Binding("d", "later('draft')", _("Draft"), id="draft", show=False),
        Binding("v", "later('validation')", _("Group validation"), id="validation", show=False),
        Binding("r", "later('review')", _("Anonymisation review"), id="review", show=False),
        Binding("x", "later('privacy')", _("Data protection"), id="privacy", show=False),
        Binding("l", "protocols", _("Protocols"), id="protocols", show=False),
    ]

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.lines: list[InterventionLine] = []

    def compose(self) -> ComposeResult:
        """The tree on the left, the card of the highlighted line on the right."""
        yield Header(icon="")
        with Horizontal(id="home"):
            yield HomeTree()
            with VerticalScroll(id="home-card"):
                yield HomeDetails()
        yield Footer()

    def on_mount(self) -> None:
        """Fill the tree."""
        self.title = _("Home")
        self.refresh_lines()
        self.query_one(HomeTree).focus()

    def on_screen_resume(self) -> None:
        """Counts change while other screens are open (nothing to read once locked)."""
        if not self.context.vault.is_locked:
            self.refresh_lines(self._kept())

    def refresh_lines(self, keep: tuple[str, str] | None = None) -> None:
        """Reload everything from the vault."""
        self.lines = overview(self.context.vault, self.context.clock.now().astimezone().date())
        self.query_one(HomeTree).fill(self.lines, keep)
        if not self.lines:
            self.query_one(HomeDetails).show(self.context, None)

    def _kept(self) -> tuple[str, str] | None:
        pending = self.query_one(HomeTree).pending
        if pending is not None:
            return pending
        chosen = self.chosen()
        if chosen is None:
            return None
        if chosen.session is not None:
            return ("session", chosen.session.session.id)
        if chosen.group is not None:
            return ("group", chosen.group.group.id)
        return ("intervention", chosen.intervention.intervention.id)

    def chosen(self) -> Pick | None:
        """The highlighted line's meaning."""
        node = self.query_one(HomeTree).cursor_node
        return node.data if node is not None else None

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[Pick]) -> None:
        self.query_one(HomeDetails).show(self.context, event.node.data)

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected[Pick]) -> None:
        chosen = event.node.data
        if chosen is not None and chosen.session is not None:
            self.open_session(chosen)
        elif chosen is not None and chosen.kind == "group":
            self.action_participants()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out what needs a highlighted group or intervention."""
        chosen = self.chosen()
        if action in ("new_session", "participants"):
            return chosen is not None and chosen.group is not None
        if action in ("new_group", "edit", "later"):
            return chosen is not None
        return True

    def open_session(self, chosen: Pick) -> None:
        """Resume a session, start a planned one, or reopen a closed one after asking."""
        assert chosen.session is not None
        line = chosen.session
        if line.status is not SessionStatus.DONE:
            self._start(line.session.id, bool(line.session.attendance))
            return
        question = _("Session {number} is closed. Open it to read or correct its notes?").format(
            number=line.session.number
        )
        self.app.push_screen(
            ConfirmDialog(question),
            lambda yes: self._start(line.session.id, True) if yes else None,
        )

    def _start(self, session_id: str, has_attendance: bool) -> None:
        from appsession.tui.screens.attendance import AttendanceScreen
        from appsession.tui.screens.session import session_screen

        if has_attendance:
            screen = session_screen(self.app, self.context, session_id)
            if screen is not None:
                self.app.push_screen(screen)
        else:
            self.app.push_screen(AttendanceScreen(self.context, session_id))

    def action_new_session(self) -> None:
        """Plan a session for the highlighted group."""
        from appsession.tui.screens.new_session import NewSessionScreen

        chosen = self.chosen()
        if chosen is not None and chosen.group is not None:
            self.app.push_screen(NewSessionScreen(self.context, chosen.group.group))

    def action_participants(self) -> None:
        """The highlighted group's participants."""
        from appsession.tui.screens.participants import ParticipantsScreen

        chosen = self.chosen()
        if chosen is not None and chosen.group is not None:
            self.app.push_screen(ParticipantsScreen(self.context, chosen.group.group))

    def action_new_intervention(self) -> None:
        """Create an intervention."""
        self.app.push_screen(
            FormDialog(_("New intervention"), intervention_fields()), self._intervention_saved
        )

    def _intervention_saved(self, values: dict[str, str] | None) -> None:
        if values:
            item = self.context.vault.add_intervention(**values)
            self.refresh_lines(("intervention", item.id))

    def action_new_group(self) -> None:
        """Create a group in the highlighted intervention."""
        chosen = self.chosen()
        if chosen is None:
            return
        intervention_id = chosen.intervention.intervention.id
        fields = [Field("name", _("Group name"), required=True)]

        def saved(values: dict[str, str] | None) -> None:
            if values:
                group = self.context.vault.add_group(intervention_id, values["name"])
                self.refresh_lines(("group", group.id))

        self.app.push_screen(FormDialog(_("New group"), fields), saved)

    def action_edit(self) -> None:
        """Edit the highlighted intervention or group."""
        from appsession.tui.screens.home_edit import edit_chosen

        chosen = self.chosen()
        if chosen is not None:
            edit_chosen(self, chosen)

    def action_protocols(self) -> None:
        """Browse the protocols the library holds (shipped and the user's own)."""
        from appsession.tui.screens.protocols import ProtocolsScreen

        protocols, _problems = self.context.library.load()
        self.app.push_screen(ProtocolsScreen(protocols))

    def action_later(self, name: str) -> None:
        """Open an analysis-stage screen for the highlighted intervention, if installed."""
        chosen = self.chosen()
        if chosen is None:
            return
        module_name, class_name = LATER_SCREENS[name]
        try:
            screen_class = getattr(importlib.import_module(module_name), class_name)
        except ModuleNotFoundError as missing:
            if missing.name != module_name:
                raise
            self.notify(_("This part of appsession is not available yet."), severity="warning")
            return
        self.app.push_screen(screen_class(self.context, chosen.intervention.intervention.id))


def intervention_fields(values: dict[str, str] | None = None) -> list[Field]:
    """The intervention form's fields, filled with ``values``."""
    values = values or {}
    return [
        Field("title", _("Title"), values.get("title", ""), required=True),
        Field("commissioner", _("Commissioner"), values.get("commissioner", "")),
        Field("period", _("Period"), values.get("period", ""), _("e.g. 2026–2027")),
        Field("facilitator", _("Facilitator"), values.get("facilitator", "")),
    ]
