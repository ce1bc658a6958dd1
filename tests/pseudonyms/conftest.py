"""Fixtures of the pseudonymisation tests: a small intervention in a fresh vault."""

from __future__ import annotations

from pathlib import Path

import pytest

from appsession.core.clock import FakeClock
from tests.pseudonyms.world import World, build_world, make_vault


@pytest.fixture
def world(tmp_path: Path, clock: FakeClock) -> World:
    """The test intervention in a vault at the floor key-derivation parameters."""
    return build_world(make_vault(tmp_path / "vault.db", clock))
