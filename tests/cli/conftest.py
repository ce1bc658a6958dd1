"""Fixtures for the command tests: a user's folders on tmp_path, no terminal unless faked."""

from __future__ import annotations

from pathlib import Path

import pytest

from appsession.cli import passphrase as passphrase_module
from appsession.core.clock import FakeClock
from appsession.paths import Paths
from tests.cli.vault_helpers import Cli


@pytest.fixture
def cli(tmp_path: Path, paths: Paths, clock: FakeClock) -> Cli:
    return Cli(tmp_path, paths, clock)


@pytest.fixture
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nobody at a terminal: any prompt would be an error."""
    monkeypatch.setattr(passphrase_module, "terminal_available", lambda _stream: False)
