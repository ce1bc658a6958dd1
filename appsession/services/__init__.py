"""Services: what the TUI and CLI call; they combine the core rules with the vault.

Data flows one way: TUI → services → core and vault.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from appsession.core.clock import Clock
from appsession.paths import Paths
from appsession.protocol_library import ProtocolLibrary

if TYPE_CHECKING:
    from appsession.vault import Vault


@dataclass
class AppContext:
    """Everything a screen needs from outside: injected so tests can swap any of it."""

    vault: Vault
    clock: Clock
    paths: Paths
    library: ProtocolLibrary
