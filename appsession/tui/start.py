"""What the app is started with: injected, so tests and the demo can choose everything."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from appsession.core.clock import Clock
from appsession.paths import Paths
from appsession.protocol_library import ProtocolLibrary
from appsession.tui.settings import TuiSettings

if TYPE_CHECKING:
    from appsession.vault import KdfParams, Vault


@dataclass
class AppStart:
    """The outside world of one app run."""

    paths: Paths
    clock: Clock
    library: ProtocolLibrary
    vault_path: Path
    settings: TuiSettings
    vault: Vault | None = None
    """Already unlocked (the demo); otherwise the app asks for the passphrase."""
    demo: bool = False
    """Open straight onto the latest session, in progress."""
    kdf: KdfParams | None = None
    """Key-derivation parameters for a new vault (None: calibrated on this machine)."""
