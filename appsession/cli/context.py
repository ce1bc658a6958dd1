"""What every command receives: its paths, clock and streams (injected by tests)."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from appsession.core.clock import Clock, SystemClock
from appsession.paths import Paths


@dataclass
class CliContext:
    """The outside world as a command sees it."""

    paths: Paths = field(default_factory=Paths.default)
    clock: Clock = field(default_factory=SystemClock)
    stdin: TextIO = field(default_factory=lambda: sys.stdin)
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)

    def vault_path(self, override: Path | None) -> Path:
        """The vault named by ``--vault``, else the default one in the user data folder."""
        return override if override is not None else self.paths.vault

    def say(self, text: str) -> None:
        """Print a line for the user on standard output."""
        print(text, file=self.stdout)
