"""New session: date, protocol (shipped or the user's own), length, situations; plan preview."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Input, Label, Select, Static

from appsession.core.countdown import format_clock
from appsession.core.errors import UserError
from appsession.core.model import Group
from appsession.core.protocol import Protocol
from appsession.i18n import _, pick
from appsession.protocol_texts import presenter_status_text
from appsession.services import AppContext
from appsession.services.planning import SessionRequest, check_request, create_session


class NewSessionScreen(Screen[None]):
    """Plans a session of a group; can go straight on to the attendance."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", _("Back"), id="back"),
        Binding("ctrl+s", "create(True)", _("Start now"), id="start-now"),
    ]

    def __init__(self, context: AppContext, group: Group) -> None:
        super().__init__()
        self.context = context
        self.group = group
        self.protocols, self.problems = context.library.load()

    def compose(self) -> ComposeResult:
        """The form on top, the plan below."""
        yield Header(icon="")
        with VerticalScroll(id="new-session"):
            with Horizontal(classes="form-row"):
                with Vertical():
                    yield Label(_("Date"))
                    yield Input(self.context.clock.now().astimezone().date().isoformat(), id="date")
                with Vertical():
                    yield Label(_("Minutes"))
                    yield Input(id="length", type="integer")
                with Vertical():
                    yield Label(_("Situations"))
                    yield Input(id="situations", type="integer")
            yield Label(_("Protocol"))
            yield Select(
                [(pick(p.label), key) for key, p in self.protocols.items()],
                allow_blank=False,
                id="protocol",
            )
            yield Static("", id="protocol-description")
            yield DataTable(id="plan", cursor_type="none")
            yield Static("", id="status")
            with Horizontal(classes="buttons"):
                yield Button(_("Start now"), variant="primary", id="start")
                yield Button(_("Plan for later"), id="later")
        yield Footer()

    def on_mount(self) -> None:
        """Defaults from the protocol; warn about unreadable protocol files."""
        self.title = _("New session · {group}").format(group=self.group.name)
        self.query_one("#plan", DataTable).add_columns(
            _("Start"), _("Min"), _("Phase"), _("Situation"), _("Presenter")
        )
        if not self.protocols:
            self._status(_("No protocol found: add one to the protocols folder."), error=True)
            return
        if self.problems:
            self.notify(
                _("Some protocol files have problems: run 'appsession protocols check'."),
                severity="warning",
            )
        self._use_defaults(self.protocol())
        self.query_one("#date", Input).focus()

    def protocol(self) -> Protocol:
        """The selected protocol."""
        value = self.query_one("#protocol", Select).value
        return self.protocols[str(value)]

    def _use_defaults(self, protocol: Protocol) -> None:
        self.query_one("#length", Input).value = str(protocol.session_minutes)
        self.query_one("#situations", Input).value = str(protocol.situations_default)
        self.query_one("#protocol-description", Static).update(pick(protocol.description))
        self._preview()

    @on(Select.Changed, "#protocol")
    def _protocol_changed(self) -> None:
        if self.protocols:
            self._use_defaults(self.protocol())

    @on(Input.Changed)
    def _preview(self) -> None:
        table = self.query_one("#plan", DataTable)
        table.clear()
        try:
            plan = check_request(self.request())
        except UserError as error:
            self._status(str(error), error=True)
            return
        for start, step in zip(plan.starts(), plan.steps, strict=True):
            table.add_row(
                format_clock(start * 60),
                str(step.minutes),
                pick(step.phase.label),
                str(step.situation or ""),
                presenter_status_text(step.phase.presenter),
            )
        fits = "" if plan.fits else _(" (the phases' limits give {total} minutes)")
        self._status(
            _("{steps} steps, {minutes} minutes").format(
                steps=len(plan.steps), minutes=plan.total_minutes
            )
            + fits.format(total=plan.total_minutes)
        )

    def request(self) -> SessionRequest:
        """What the form says.

        Raises:
            UserError: a number field is empty or not a number.
        """
        try:
            length = int(self.query_one("#length", Input).value)
            situations = int(self.query_one("#situations", Input).value)
        except ValueError:
            raise UserError(_("Minutes and situations must be whole numbers.")) from None
        return SessionRequest(
            self.group.id,
            self.query_one("#date", Input).value,
            self.protocol(),
            length,
            situations,
        )

    @on(Button.Pressed, "#start")
    def _start_pressed(self) -> None:
        self.action_create(True)

    @on(Button.Pressed, "#later")
    def _later_pressed(self) -> None:
        self.action_create(False)

    def action_create(self, start: bool) -> None:
        """Save the session; go on to the attendance, or back Home."""
        from appsession.tui.screens.attendance import AttendanceScreen

        if not self.protocols:
            return
        try:
            session = create_session(self.context.vault, self.request())
        except UserError as error:
            self._status(str(error), error=True)
            return
        if start:
            self.app.switch_screen(AttendanceScreen(self.context, session.id))
        else:
            self.notify(_("Session {number} planned.").format(number=session.number))
            self.app.pop_screen()

    def _status(self, message: str, error: bool = False) -> None:
        status = self.query_one("#status", Static)
        status.update(message)
        status.set_class(error, "error")
