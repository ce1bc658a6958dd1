"""A vault at the floor KDF parameters with a two-group intervention."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from appsession.core.clock import FakeClock
from appsession.vault import Vault
from tests.validation.world import World, build_world, make_vault


@pytest.fixture
def vault(tmp_path: Path, clock: FakeClock) -> Iterator[Vault]:
    """An empty vault, closed after the test."""
    opened = make_vault(tmp_path / "vault.db", clock)
    yield opened
    opened.close()


@pytest.fixture
def world(vault: Vault) -> World:
    """Two groups of four, three sessions each, notes with canaries."""
    return build_world(vault)
