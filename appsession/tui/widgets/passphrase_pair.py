"""Two hidden fields for a new passphrase, with a generator and a live hint."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Static

from appsession.i18n import _

MIN_LENGTH = 12


class PassphrasePair(Vertical):
    """A new passphrase, typed twice (or generated and shown once to be written down)."""

    DEFAULT_CSS = """
    PassphrasePair { height: auto; }
    PassphrasePair Input { margin: 1 0 0 0; }
    PassphrasePair #generated { color: $accent; text-style: bold; padding: 0 1; height: auto; }
    PassphrasePair #hint { color: $text-muted; padding: 0 1; height: auto; }
    PassphrasePair Horizontal { height: auto; }
    """

    def compose(self) -> ComposeResult:
        """Two fields, a hint, a generator."""
        yield Input(
            placeholder=_("New passphrase (at least 12 characters)"),
            password=True,
            compact=True,
            id="first",
        )
        yield Input(
            placeholder=_("The same passphrase again"), password=True, compact=True, id="second"
        )
        yield Static(_("At least 12 characters."), id="hint")
        with Horizontal():
            yield Button(_("Generate one for me"), compact=True, id="generate")
        yield Static("", id="generated", markup=False)

    @property
    def first(self) -> Input:
        """The first field."""
        return self.query_one("#first", Input)

    @property
    def second(self) -> Input:
        """The confirmation field."""
        return self.query_one("#second", Input)

    def problem(self) -> str:
        """Why the passphrase cannot be used yet ("" when it can)."""
        first, second = self.first.value, self.second.value
        if len(first) < MIN_LENGTH:
            return _("The passphrase needs at least 12 characters ({count} so far).").format(
                count=len(first)
            )
        if first != second:
            return _("The two passphrases differ.")
        return ""

    class Ready(Message):
        """Enter in the second field: the facilitator wants to go on."""

    @on(Input.Submitted, "#first")
    def _to_second(self) -> None:
        self.second.focus()

    @on(Input.Submitted, "#second")
    def _ready(self) -> None:
        self.post_message(self.Ready())

    @on(Input.Changed)
    def _update_hint(self) -> None:
        problem = self.problem()
        self.query_one("#hint", Static).update(problem or _("The passphrases match."))

    @on(Button.Pressed, "#generate")
    def generate(self) -> None:
        """Five random words, shown once to be written down, filled in both fields."""
        from appsession.cli.passphrase import generate_passphrase

        passphrase = generate_passphrase()
        self.first.value = passphrase
        self.second.value = passphrase
        self.query_one("#generated", Static).update(
            _(
                "Your passphrase: {passphrase}\nWrite it down now; it will not be shown again."
            ).format(passphrase=passphrase)
        )

    def clear(self) -> None:
        """Forget what was typed (and the generated passphrase on screen)."""
        self.first.value = ""
        self.second.value = ""
        self.query_one("#generated", Static).update("")
