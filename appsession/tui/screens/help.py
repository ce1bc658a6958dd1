"""F1: the keys of the screen underneath, the note syntax, and the current phase's rules."""

from __future__ import annotations

from typing import ClassVar

from rich.markdown import Markdown as RichMarkdown
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from appsession.i18n import _, pick
from appsession.protocol_texts import note_kind_text, presenter_status_text, role_text
from appsession.tui.screens.frame import frame_rules
from appsession.tui.widgets.phase_brief import phase_prompts


def keys_markdown(screen: Screen[object]) -> str:
    """A table of the keys that work on ``screen`` now."""
    rows = [f"| {_('Key')} | {_('What it does')} |", "|---|---|"]
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or binding.id is None or binding.id in seen:
            continue
        seen.add(binding.id)
        shown = screen.app.get_key_display(binding)
        rows.append(f"| `{shown}` | {binding.description} |")
    return "\n".join(rows)


def syntax_markdown() -> str:
    """The entry line's syntax."""
    return "\n".join(
        [
            "## " + _("Typing notes"),
            "",
            _("Enter saves the note at once (encrypted)."),
            "",
            "- `@P3`, `@Sophie`: " + _("who is speaking (from the attendance)"),
            "- `#theme`: " + _("a theme of the codebook; a new word makes a new theme"),
            '- `"…`, `«…`: ' + _("a verbatim (their exact words)"),
            "- `?…`: " + _("a question"),
            "- `!…`: " + _("off the record (never analysed, never exported)"),
            "- →: " + _("accept the completion"),
        ]
    )


def phase_markdown(screen: Screen[object]) -> str:
    """The current phase's rules, when ``screen`` is a session."""
    live = getattr(screen, "live", None)
    if live is None:
        return ""
    phase = live.run.step.phase
    speakers = ", ".join(role_text(live.protocol, role) for role in phase.speakers)
    lines = [
        "## " + _("This phase: {name}").format(name=pick(phase.label)),
        "",
        pick(phase.purpose),
        "",
        "- " + _("Who speaks: {speakers}").format(speakers=speakers),
        "- " + presenter_status_text(phase.presenter),
        "- " + (_("advice is allowed") if phase.advice_allowed else _("no advice")),
        "- "
        + _("Notes: {kinds}").format(kinds=", ".join(note_kind_text(k) for k in phase.note_kinds)),
    ]
    prompts = phase_prompts(live)
    if prompts:
        lines += ["", "### " + _("Prompts"), ""] + [f"- {prompt}" for prompt in prompts]
    return "\n".join(lines)


def frame_markdown(screen: Screen[object]) -> str:
    """The protocol's frame, when ``screen`` is a session."""
    live = getattr(screen, "live", None)
    if live is None:
        return ""
    rules = [f"- {rule}" for rule in frame_rules(live.protocol)]
    return "\n".join(["## " + _("The frame"), "", *rules])


class HelpScreen(ModalScreen[None]):
    """Keys, syntax and rules; Escape or F1 closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "app.pop_screen", _("Close"), id="close-help"),
    ]

    def __init__(self, under: Screen[object]) -> None:
        super().__init__()
        self.under = under
        self.text = ""
        """The help as Markdown."""

    def compose(self) -> ComposeResult:
        """One Markdown document."""
        in_session = getattr(self.under, "live", None) is not None
        parts = [
            phase_markdown(self.under),
            syntax_markdown() if in_session else "",
            "## " + _("Keys"),
            keys_markdown(self.under),
            frame_markdown(self.under),
        ]
        self.text = "\n\n".join(part for part in parts if part)
        with VerticalScroll():
            # Rich's Markdown renders at once; Textual's Markdown widget takes a second here.
            yield Static(RichMarkdown(self.text))

    def on_mount(self) -> None:
        """Arrows and Page keys scroll at once."""
        self.query_one(VerticalScroll).focus()
