"""A read-only list of the protocols the facilitator can run, with each one's plan."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from appsession.core.countdown import format_clock
from appsession.core.plan import plan_session
from appsession.core.protocol import Protocol
from appsession.i18n import _, pick
from appsession.protocol_texts import presenter_status_text


class ProtocolsScreen(Screen[None]):
    """Protocols on the left, the selected one's timed phases below."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "app.pop_screen", _("Back"), id="back"),
    ]

    def __init__(self, protocols: dict[str, Protocol]) -> None:
        super().__init__()
        self.protocols = protocols

    def compose(self) -> ComposeResult:
        """A table of protocols, and a table of the highlighted one's plan."""
        yield Header(icon="")
        yield DataTable(id="protocols", cursor_type="row")
        yield Static(id="description")
        yield DataTable(id="phases", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        """Fill the protocol table."""
        self.title = _("Protocols")
        table = self.query_one("#protocols", DataTable)
        table.add_columns(_("ID"), _("Name"), _("Phases"))
        for protocol in self.protocols.values():
            table.add_row(
                protocol.id, pick(protocol.label), str(len(protocol.phases)), key=protocol.id
            )
        self.query_one("#phases", DataTable).add_columns(
            _("Start"), _("Min"), _("Phase"), _("Presenter")
        )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Show the highlighted protocol's description and plan."""
        if event.data_table.id != "protocols" or event.row_key.value is None:
            return
        protocol = self.protocols[event.row_key.value]
        self.query_one("#description", Static).update(pick(protocol.description))
        phases = self.query_one("#phases", DataTable)
        phases.clear()
        plan = plan_session(protocol)
        for start, step in zip(plan.starts(), plan.steps, strict=True):
            phases.add_row(
                format_clock(start * 60),
                str(step.minutes),
                pick(step.phase.label),
                presenter_status_text(step.phase.presenter),
            )
