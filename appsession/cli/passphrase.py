"""Where a command's passphrases come from: a file, standard input, or a hidden prompt.

Never from the command line or the environment: both end up in shell history, ``ps`` output and
crash reports. A passphrase file holds the passphrase on its first line; only the line ending is
removed, every other character (spaces included) counts, as in the vault's key derivation.
"""

from __future__ import annotations

import getpass
import math
import os
import secrets
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from appsession.cli.context import CliContext
from appsession.cli.passphrase_words import WORDS
from appsession.core.errors import UserError
from appsession.i18n import _

STDIN = "-"
GENERATED_WORDS = 5


def ask_hidden(prompt: str) -> str:
    """Ask on the terminal without echo (tests replace this function)."""
    return getpass.getpass(prompt)


def terminal_available(stream: TextIO) -> bool:
    """True when a person can be asked at a terminal (tests replace this function)."""
    return stream.isatty()


@dataclass
class PassphraseSource:
    """The passphrases of one command run.

    ``file`` is the ``--passphrase-file`` value (``-`` for standard input) or None for the
    terminal. Several passphrases read from standard input come one a line, in the order asked.
    """

    ctx: CliContext
    file: str | None = None

    def current(self, prompt: str | None = None) -> str:
        """The passphrase that opens the vault."""
        if self.file is not None:
            return self.from_file(self.file)
        return self.ask(prompt or _("Passphrase: "))

    def new(self, file: str | None, prompt: str | None = None) -> str:
        """A new passphrase: from ``file`` if given, else asked twice at the terminal."""
        if file is not None:
            return self.from_file(file)
        first = self.ask(prompt or _("New passphrase: "))
        if self.ask(_("Same passphrase again: ")) != first:
            raise UserError(_("the two passphrases differ; nothing was changed"), exit_code=2)
        return first

    def from_file(self, file: str) -> str:
        """The first line of ``file`` (``-``: the next line of standard input)."""
        line = self._stdin_line() if file == STDIN else _read_first_line(Path(file), self.ctx)
        passphrase = line.removesuffix("\n").removesuffix("\r")
        if not passphrase:
            raise UserError(_("the passphrase file is empty"), exit_code=2)
        return passphrase

    def _stdin_line(self) -> str:
        """The next line of standard input."""
        try:
            line = self.ctx.stdin.readline()
        except UnicodeDecodeError:
            raise UserError(_("the passphrase file is not UTF-8 text"), exit_code=2) from None
        if not line:
            raise UserError(_("no passphrase on standard input"), exit_code=2)
        return line

    def ask(self, prompt: str) -> str:
        """A hidden prompt, only when a person is at the terminal."""
        if not terminal_available(self.ctx.stdin):
            raise UserError(
                _("no terminal to ask the passphrase: use --passphrase-file FILE (- for stdin)"),
                exit_code=2,
            )
        try:
            return ask_hidden(prompt)
        except EOFError:
            raise UserError(_("no passphrase given; nothing was changed"), exit_code=2) from None


def _read_first_line(path: Path, ctx: CliContext) -> str:
    """Read a passphrase file, warning when other users may read it too."""
    try:
        data = path.read_bytes()
        mode = path.stat().st_mode
    except OSError as error:
        raise UserError(
            _("cannot read the passphrase file {path} ({reason})").format(
                path=path, reason=error.strerror or type(error).__name__
            ),
            exit_code=2,
        ) from None
    if os.name == "posix" and stat.S_ISREG(mode) and mode & 0o077:
        print(
            _("appsession: warning: other users can read {path} (chmod 600 it)").format(path=path),
            file=ctx.stderr,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UserError(_("the passphrase file is not UTF-8 text"), exit_code=2) from None
    return text.removeprefix("\ufeff").split("\n", 1)[0]


def generate_passphrase(
    words: int = GENERATED_WORDS, choose: Callable[[tuple[str, ...]], str] = secrets.choice
) -> str:
    """Random words from a French/English list, separated by dashes (easy to type and read)."""
    return "-".join(choose(WORDS) for _ in range(words))


def generated_entropy_bits(words: int = GENERATED_WORDS) -> float:
    """How many bits of randomness a generated passphrase holds."""
    return words * math.log2(len(WORDS))
