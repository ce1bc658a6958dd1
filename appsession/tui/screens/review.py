"""The anonymisation review: decide what the detectors found, for a session or everything.

The list shows each undecided form once, with every note it occurs in, pseudonymised except
the candidate. Keys: accept, reject, always mask (a known term from now on), never mask (the
keep-list), rename its placeholder. Decisions apply to every past note and every future one.
The statistical model loads on a worker thread: the list first shows what the roster, known
terms, patterns and rules found, then grows when the model is ready. Real names appear only
while the facilitator asks, for a minute at most, and each time is noted in the audit log.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    LoadingIndicator,
    Select,
    Static,
    TabbedContent,
    TabPane,
)
from textual.worker import get_current_worker

from appsession.anonymise import LanguageModel, Verdict, shared_model
from appsession.i18n import _, ngettext
from appsession.services import AppContext
from appsession.services.pseudonyms.review import Candidate, Placeholder, ReviewService, Scope
from appsession.tui.dialogs.form import Field, FormDialog
from appsession.tui.screens.review_view import explanation, in_context, placeholder_row, row
from appsession.vault import VaultError

WHOLE = "whole"
"""The scope selector's value for the whole intervention."""


class ReviewScreen(Screen[None]):
    """Undecided candidates of one intervention, and every placeholder to rename."""

    DEFAULT_CSS = """
    ReviewScreen #review-bar { height: 3; padding: 0 1; }
    ReviewScreen #review-scope { width: 48; }
    ReviewScreen #review-loading { width: 6; height: 1; margin: 1 1 0 1; display: none; }
    ReviewScreen #review-loading.busy { display: block; }
    ReviewScreen #review-status { width: 1fr; padding: 1 1 0 1; color: $text-muted; }
    ReviewScreen #review-body { height: 1fr; }
    ReviewScreen #review-tabs { width: 3fr; }
    ReviewScreen #review-detail { width: 2fr; padding: 0 1; border-left: solid $panel; }
    ReviewScreen #review-explanation { color: $text-muted; margin-bottom: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "decide('accept')", _("Accept"), id="accept"),
        Binding("r", "decide('reject')", _("Reject"), id="reject"),
        Binding("t", "decide('always')", _("Always mask"), id="always"),
        Binding("k", "decide('never')", _("Never mask"), id="never"),
        Binding("e", "rename", _("Rename"), id="rename"),
        Binding("n", "real_names", _("Real names"), id="real-names"),
        Binding("escape", "back", _("Back"), id="back"),
    ]
    REAL_NAMES_SECONDS = 60.0
    """Real names hide themselves after this long."""

    def __init__(
        self, context: AppContext, intervention_id: str, model: LanguageModel | None = None
    ) -> None:
        super().__init__()
        self.context = context
        self.service = ReviewService(
            context.vault, intervention_id, model if model is not None else shared_model()
        )
        self.scope = Scope()
        self.candidates: list[Candidate] = []
        self.placeholders: list[Placeholder] = []
        self.real_names = False
        self._scanning = False
        self._again = False
        self._hide: Timer | None = None

    # -- layout -----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """The scope and status bar, the two lists, the candidate in context."""
        yield Header()
        with Horizontal(id="review-bar"):
            yield Select(self._scopes(), allow_blank=False, value=WHOLE, id="review-scope")
            yield LoadingIndicator(id="review-loading")
            yield Static("", id="review-status", markup=False)
        with Horizontal(id="review-body"):
            with TabbedContent(id="review-tabs"):
                with TabPane(_("To decide"), id="tab-decide"):
                    yield DataTable(id="review-candidates", cursor_type="row", zebra_stripes=True)
                with TabPane(_("Placeholders"), id="tab-placeholders"):
                    yield DataTable(id="review-placeholders", cursor_type="row")
            with VerticalScroll(id="review-detail"):
                yield Static(explanation(False), id="review-explanation", markup=False)
                yield Static("", id="review-context")
        yield Footer()

    def _scopes(self) -> list[tuple[str, str]]:
        choices = [(_("The whole intervention (notes and draft)"), WHOLE)]
        for session, group in self.service.sessions():
            label = _("S{number} · {group} · {date}").format(
                number=session.number, group=group, date=session.date
            )
            choices.append((label, session.id))
        return choices

    def on_mount(self) -> None:
        """Columns, then the first review in the background."""
        self.title = _("Anonymisation review")
        self.query_one("#review-candidates", DataTable).add_columns(
            _("Found"), _("Kind"), _("Found by"), _("Placeholder"), _("Times")
        )
        self.query_one("#review-placeholders", DataTable).add_columns(
            _("Placeholder"), _("Kind"), _("Stands for")
        )
        self.start_scan()

    # -- scanning ---------------------------------------------------------------------------
    def start_scan(self) -> None:
        """Review the chosen scope (once the running review ends, if one is running)."""
        if self._scanning:
            self._again = True
            return
        self._scanning, self._again = True, False
        self.query_one("#review-candidates", DataTable).loading = True
        self.scan(self.scope)

    @work(thread=True, group="review", exit_on_error=False)
    def scan(self, scope: Scope) -> None:
        """Without the model first (quick), then again once the model is loaded."""
        worker = get_current_worker()
        model = self.service.model
        try:
            self._from_thread(self._status, _("Reading the notes…"), busy=True)
            self.service.scan(scope, self._progress)
            self._from_thread(self._shown)
            if model is not None and not model.ready and not worker.is_cancelled:
                self._from_thread(self._status, _("Loading the French language model…"), busy=True)
                model.load()
                if model.ready and not worker.is_cancelled:
                    self._from_thread(self._status, _("The model reads the notes…"), busy=True)
                    self.service.scan(scope, self._progress)
        except VaultError as error:
            self._from_thread(self.notify, str(error), severity="error")
        self._from_thread(self._finished)

    def _from_thread(self, callback: object, *args: object, **kwargs: object) -> None:
        """Run on the interface's thread, unless the app has gone."""
        if self.app.is_running and callable(callback):
            self.app.call_from_thread(callback, *args, **kwargs)

    def _progress(self, done: int, total: int) -> None:
        message = _("Reading the notes… {done} of {total} texts").format(done=done, total=total)
        self._from_thread(self._status, message, busy=True)

    def _finished(self) -> None:
        self._scanning = False
        if not self.is_attached:
            return
        self._shown()
        if self._again:
            self.start_scan()

    def _status(self, message: str, *, busy: bool = False) -> None:
        if self.is_attached:
            self.query_one("#review-status", Static).update(message)
            self.query_one("#review-loading").set_class(busy, "busy")

    def _summary(self) -> str:
        model = self.service.model
        count = len(self.candidates)
        forms = ngettext("{count} form to decide", "{count} forms to decide", count)
        text = forms.format(count=count) if count else _("Nothing to decide.")
        if model is None or model.error:
            return text + " " + _("(without the language model)")
        if not model.ready:
            return text + " " + _("(the language model is loading)")
        return text

    # -- showing ----------------------------------------------------------------------------
    def _shown(self) -> None:
        """Fill both lists from the service (decisions taken meanwhile included)."""
        if not self.is_attached:
            return
        self.candidates = self.service.candidates()
        self.placeholders = self.service.placeholders()
        table = self.query_one("#review-candidates", DataTable)
        position = table.cursor_row
        table.clear()
        for candidate in self.candidates:
            table.add_row(*row(candidate), key=candidate.id)
        table.loading = self._scanning and not self.candidates
        if self.candidates:
            table.move_cursor(row=min(position, len(self.candidates) - 1))
        self._fill_placeholders()
        self._status(self._summary(), busy=self._scanning)
        self._show_context()

    def _fill_placeholders(self) -> None:
        table = self.query_one("#review-placeholders", DataTable)
        position = table.cursor_row
        table.clear()
        for entry in self.placeholders:
            table.add_row(*placeholder_row(entry, real_names=self.real_names), key=entry.id)
        if self.placeholders:
            table.move_cursor(row=min(position, len(self.placeholders) - 1))

    def current(self) -> Candidate | None:
        """The highlighted candidate, if any."""
        table = self.query_one("#review-candidates", DataTable)
        if not self.candidates or table.cursor_row >= len(self.candidates):
            return None
        return self.candidates[max(table.cursor_row, 0)]

    def current_placeholder(self) -> Placeholder | None:
        """The highlighted placeholder (tab "Placeholders"), if any."""
        table = self.query_one("#review-placeholders", DataTable)
        if not self.placeholders or table.cursor_row >= len(self.placeholders):
            return None
        return self.placeholders[max(table.cursor_row, 0)]

    def _show_context(self) -> None:
        candidate = self.current()
        detail = self.query_one("#review-context", Static)
        if candidate is None:
            detail.update("")
            return
        detail.update(in_context(self.service, candidate, real_names=self.real_names))

    @on(DataTable.RowHighlighted, "#review-candidates")
    def _highlighted(self) -> None:
        self._show_context()

    @on(Select.Changed, "#review-scope")
    def _scope_changed(self, event: Select.Changed) -> None:
        value = str(event.value)
        scope = Scope() if value == WHOLE else Scope(value)
        if scope != self.scope:
            self.scope = scope
            self.start_scan()

    # -- actions ----------------------------------------------------------------------------
    def _on_candidates(self) -> bool:
        return self.query_one("#review-tabs", TabbedContent).active == "tab-decide"

    def action_decide(self, verdict: str) -> None:
        """Accept, reject, always or never mask the highlighted form, everywhere."""
        candidate = self.current() if self._on_candidates() else None
        if candidate is None:
            return
        try:
            self.service.decide(candidate, Verdict(verdict))
        except VaultError as error:
            self.notify(str(error), severity="error")
            return
        self.notify(_decided(Verdict(verdict), candidate))
        self._shown()

    def action_rename(self) -> None:
        """Give the highlighted placeholder the facilitator's own wording."""
        target = self._rename_target()
        if target is None:
            self.notify(_("Only a person, place or structure has a placeholder to rename."))
            return
        key, placeholder = target

        def renamed(values: dict[str, str] | None) -> None:
            if values is None:
                return
            try:
                self.service.rename(key, values["placeholder"])
            except VaultError as error:
                self.notify(str(error), severity="error")
                return
            self._shown()

        fields = [Field("placeholder", _("Placeholder"), placeholder, _("e.g. une usagère âgée"))]
        explain = _("Every note shows this wording instead; leave it empty for the numbered one.")
        self.app.push_screen(FormDialog(_("Rename a placeholder"), fields, explain), renamed)

    def _rename_target(self) -> tuple[str, str] | None:
        if self._on_candidates():
            candidate = self.current()
            if candidate is None or candidate.entity not in self.service.layer.mapping.entities:
                return None
            return candidate.entity, candidate.placeholder
        entry = self.current_placeholder()
        return (entry.key, entry.placeholder) if entry is not None else None

    def action_real_names(self) -> None:
        """Show real names for a moment, or hide them again."""
        self._set_real_names(not self.real_names)

    def _set_real_names(self, shown: bool) -> None:
        if shown == self.real_names:
            return
        self.real_names = shown
        if self._hide is not None:
            self._hide.stop()
            self._hide = None
        if shown:
            self._hide = self.set_timer(
                self.REAL_NAMES_SECONDS, lambda: self._set_real_names(False)
            )
        try:
            self.service.record_real_names(shown)
        except VaultError as error:
            self.notify(str(error), severity="error")
        if self.is_attached:
            self.query_one("#review-explanation", Static).update(explanation(shown))
            self._fill_placeholders()
            self._show_context()

    def before_lock(self) -> None:
        """Hide real names before the vault locks."""
        self._set_real_names(False)

    def action_back(self) -> None:
        """Hide real names and go back."""
        self._set_real_names(False)
        self.app.pop_screen()


def _decided(verdict: Verdict, candidate: Candidate) -> str:
    """What a decision did, without repeating the name."""
    count = len(candidate.occurrences)
    messages = {
        Verdict.ACCEPT: _("Masked in every note ({count} here)."),
        Verdict.REJECT: _("Not a name: shown as written ({count} here)."),
        Verdict.ALWAYS: _("Now a known term: masked in every spelling ({count} here)."),
        Verdict.NEVER: _("Added to the keep-list: never masked ({count} here)."),
    }
    return messages[verdict].format(count=count)
