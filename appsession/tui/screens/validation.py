"""Group validation, made for a projector: one item at a time, large, and the group decides.

The screen shows only the items that concern the group in the room (never another group's
material nor its decisions): the wording, its evidence as counts, its re-identification
warnings. The group approves, amends (the wording becomes editable; Ctrl+S approves the new
wording), withholds or defers; each decision is recorded with the group, the session, the date
and the hash of the exact wording. The group can also add items of its own.
"""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TextArea

from appsession.core.errors import UserError
from appsession.core.model import DecisionState, Session
from appsession.core.validation import ItemStatus
from appsession.i18n import _
from appsession.services import AppContext
from appsession.services.export import ExportRefused, ExportService
from appsession.services.validation import ValidationService, ValidationView
from appsession.tui.dialogs.confirm import ConfirmDialog
from appsession.tui.screens.validation_dialogs import GroupItemDialog, GroupItemRequest
from appsession.tui.screens.validation_export import (
    ReasonsDialog,
    export_form,
    outcome_message,
    run_export,
)
from appsession.tui.screens.validation_view import (
    bar_text,
    facts_text,
    item_heading,
    item_words,
    summary_text,
)


class ValidationScreen(Screen[None]):
    """Validate the restitution draft with one group at a time."""

    DEFAULT_CSS = """
    ValidationScreen #validation-bar { height: auto; padding: 0 2; background: $panel; }
    ValidationScreen #validation-main { height: 1fr; }
    ValidationScreen #validation-stage { width: 1fr; padding: 1 4; }
    ValidationScreen #validation-heading { height: auto; margin-bottom: 1; }
    ValidationScreen #validation-text { height: auto; padding: 1 2; border: tall $primary; }
    ValidationScreen #validation-editor { height: 12; display: none; }
    ValidationScreen.amending #validation-editor { display: block; }
    ValidationScreen.amending #validation-text { display: none; }
    ValidationScreen #validation-facts { height: auto; margin-top: 1; }
    ValidationScreen #validation-summary {
        width: 46; padding: 1 2; border-left: solid $panel; display: none;
    }
    ValidationScreen.with-summary #validation-summary { display: block; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,n", "step(1)", _("Next"), id="validation-next"),
        Binding("left,p", "step(-1)", _("Previous"), id="validation-previous", show=False),
        Binding("a", "decide('approved')", _("Approve"), id="validation-approve"),
        Binding("m", "amend", _("Amend"), id="validation-amend"),
        Binding("w", "decide('withheld')", _("Withhold"), id="validation-withhold"),
        Binding("d", "decide('deferred')", _("Defer"), id="validation-defer"),
        Binding("u", "decide('pending')", _("Reopen"), id="validation-reopen", show=False),
        Binding("g", "next_group", _("Group"), id="validation-group"),
        Binding("s", "next_session", _("Session"), id="validation-session", show=False),
        Binding("i", "add_item", _("Own item"), id="validation-add"),
        Binding("k", "accept_warnings", _("Accept warnings"), id="validation-accept", show=False),
        Binding("t", "toggle_summary", _("Summary"), id="validation-summary"),
        Binding("e", "export('group')", _("Group DOCX"), id="validation-export-group"),
        Binding("c", "export('commissioners')", _("Commissioners DOCX"), id="validation-export"),
        Binding("ctrl+s", "save_amendment", _("Approve new wording"), priority=True, show=False),
        Binding("escape", "back", _("Back"), id="back"),
    ]

    def __init__(self, context: AppContext, intervention_id: str) -> None:
        super().__init__()
        self.context = context
        self.intervention_id = intervention_id
        self.service = ValidationService(context.vault, context.clock)
        self.view: ValidationView | None = None
        self.group_index = 0
        self.position = 0
        self.sessions: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        """The bar, the item on stage, and the summary beside it."""
        yield Header()
        yield Static("", id="validation-bar")
        with Horizontal(id="validation-main"):
            with VerticalScroll(id="validation-stage"):
                yield Static("", id="validation-heading")
                yield Static("", id="validation-text")
                yield TextArea("", id="validation-editor", soft_wrap=True)
                yield Static("", id="validation-facts")
            yield Static("", id="validation-summary")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Load the draft and show the first item of the first group."""
        self.title = _("Group validation")
        self.reload()

    # -- state ------------------------------------------------------------------------------
    def reload(self, keep_item: str = "") -> None:
        """Read the draft and decisions again, and redraw (staying on ``keep_item``)."""
        self.view = self.service.load(self.intervention_id)
        items = self.items()
        if keep_item:
            self.position = next((i for i, s in enumerate(items) if s.item.id == keep_item), 0)
        self.position = max(0, min(self.position, len(items) - 1))
        self.redraw()

    def group_id(self) -> str:
        """The group in the room ("" when the intervention has none)."""
        groups = self.view.groups if self.view else []
        return groups[self.group_index % len(groups)].id if groups else ""

    def items(self) -> list[ItemStatus]:
        """The items that concern the group in the room, in draft order."""
        return self.view.for_group(self.group_id()) if self.view else []

    def current(self) -> ItemStatus | None:
        """The item on stage."""
        items = self.items()
        return items[self.position] if items else None

    def session(self) -> Session | None:
        """The group's chosen session (by default its latest)."""
        sessions = self.view.sessions.get(self.group_id(), []) if self.view else []
        if not sessions:
            return None
        chosen = self.sessions.get(self.group_id())
        return next((s for s in sessions if s.id == chosen), sessions[-1])

    # -- drawing ----------------------------------------------------------------------------
    def redraw(self) -> None:
        """Bar, item, facts and summary for the current group and item."""
        assert self.view is not None
        group_id = self.group_id()
        items = self.items()
        status = self.current()
        name = self.view.group_name(group_id) or _("No group yet")
        bar = bar_text(name, self.session(), self.position + 1, len(items))
        self.query_one("#validation-bar", Static).update(bar)
        self.query_one("#validation-summary", Static).update(summary_text(self.view, group_id))
        heading = self.query_one("#validation-heading", Static)
        text = self.query_one("#validation-text", Static)
        facts = self.query_one("#validation-facts", Static)
        if status is None:
            heading.update("")
            text.update(_("Nothing in the draft concerns this group yet."))
            facts.update("")
            return
        heading.update(item_heading(status))
        text.update(item_words(status))
        facts.update(facts_text(self.view, status, group_id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While amending, only saving and cancelling make sense."""
        if self.has_class("amending"):
            return action in ("save_amendment", "back")
        return action != "save_amendment"

    # -- moving -----------------------------------------------------------------------------
    def action_step(self, delta: int) -> None:
        """The next or previous item of this group."""
        items = self.items()
        if items:
            self.position = max(0, min(len(items) - 1, self.position + delta))
            self.redraw()

    def action_next_group(self) -> None:
        """The next group takes its turn (its own items only)."""
        if self.view and self.view.groups:
            self.group_index = (self.group_index + 1) % len(self.view.groups)
            self.position = 0
            self.redraw()

    def action_next_session(self) -> None:
        """Record decisions in another of the group's sessions."""
        sessions = self.view.sessions.get(self.group_id(), []) if self.view else []
        current = self.session()
        if sessions and current is not None:
            index = sessions.index(current)
            self.sessions[self.group_id()] = sessions[(index - 1) % len(sessions)].id
            self.redraw()

    def action_toggle_summary(self) -> None:
        """Show or hide the per-group summary."""
        self.toggle_class("with-summary")

    def action_back(self) -> None:
        """Cancel an amendment, or leave the screen."""
        if self.has_class("amending"):
            self.remove_class("amending")
            self.refresh_bindings()
            return
        self.app.pop_screen()

    # -- deciding ---------------------------------------------------------------------------
    def action_decide(self, state: str) -> None:
        """Record the group's decision on the wording shown, then move on."""
        self.record(DecisionState(state))

    def record(self, state: DecisionState, new_text: str | None = None) -> bool:
        """Record and move to the next item; a refusal is shown, nothing is lost."""
        status = self.current()
        if status is None:
            return False
        session = self.session()
        try:
            item = self.service.record(
                status, self.group_id(), state, session.id if session else "", new_text
            )
        except UserError as error:
            self.notify(str(error), severity="error")
            return False
        self.reload(keep_item=item.id)
        self.action_step(1)
        return True

    def action_amend(self) -> None:
        """Put the wording in an editor; Ctrl+S records the new wording as approved."""
        status = self.current()
        if status is None:
            return
        editor = self.query_one("#validation-editor", TextArea)
        editor.text = status.item.text
        self.add_class("amending")
        self.refresh_bindings()
        editor.focus()

    def action_save_amendment(self) -> None:
        """The group approves the wording it just edited."""
        text = self.query_one("#validation-editor", TextArea).text
        if self.record(DecisionState.AMENDED, text):
            self.remove_class("amending")
            self.refresh_bindings()

    def action_accept_warnings(self) -> None:
        """The facilitator accepts the item's warnings explicitly (recorded, shown)."""
        status = self.current()
        if status is None or self.view is None:
            return
        pending = self.view.unresolved(status)
        if not pending:
            self.notify(_("This item has no warning left to accept."))
            return
        labels = "\n".join(f"  ⚠ {w.label}" for w in pending)
        question = _(
            "Accept these re-identification warnings on item {number}, as it reads now?\n{labels}\n"
            "The acceptance is recorded and shown in the group's summary."
        ).format(number=status.number, labels=labels)

        def accept(answer: bool | None) -> None:
            if answer:
                for warning in pending:
                    self.service.accept_warning(status, warning)
                self.reload(keep_item=status.item.id)

        self.app.push_screen(ConfirmDialog(question), accept)

    def action_add_item(self) -> None:
        """The group writes an item of its own."""
        if self.view is None or not self.group_id():
            return
        sections = list(dict.fromkeys(s.item.section for s in self.view.statuses))
        sections = sections or [_("Contributions of the groups")]

        def add(request: GroupItemRequest | None) -> None:
            if request is None:
                return
            try:
                item = self.service.add_group_item(
                    self.intervention_id,
                    self.group_id(),
                    request.section,
                    request.kind,
                    request.text,
                )
            except UserError as error:
                self.notify(str(error), severity="error")
                return
            self.reload(keep_item=item.id)

        name = self.view.group_name(self.group_id())
        self.app.push_screen(GroupItemDialog(name, sections), add)

    # -- exporting --------------------------------------------------------------------------
    def action_export(self, audience: str) -> None:
        """Ask where to write, then export in the background (the gate may load a model)."""
        group_id = self.group_id() if audience == "group" else ""
        if audience == "group" and not group_id:
            return

        def write(values: dict[str, str] | None) -> None:
            if values is not None:
                self.notify(_("Checking and writing the document…"))
                self.export_in_background(group_id, values)

        self.app.push_screen(export_form(audience, self.context.clock.now()), write)

    @work(thread=True, exclusive=True, group="validation-export", exit_on_error=False)
    def export_in_background(self, group_id: str, values: dict[str, str]) -> None:
        """Run the export off the interface's thread and report back on it."""
        service = ExportService(self.context.vault, self.context.clock, self.context.library)
        try:
            outcome = run_export(service, self.intervention_id, group_id, values)
        except ExportRefused as refused:
            reasons = [reason.message for reason in refused.reasons]
            self.app.call_from_thread(self.app.push_screen, ReasonsDialog(reasons))
            return
        except UserError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error")
            return
        self.app.call_from_thread(self.notify, outcome_message(outcome))
