"""What a session records of the protocol it ran with: id, version and the file's hash.

The demo and imported sessions run with the shipped ``app-classique`` protocol. When its file is
missing or invalid the id and version are still recorded, with the hash "unknown".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from appsession.core.protocol import ProtocolInvalid, parse_protocol
from appsession.resources import data_folder

PROTOCOL_ID = "app-classique"
PROTOCOL_VERSION = "1.0"
UNKNOWN_HASH = "unknown"


@dataclass(frozen=True)
class ProtocolStamp:
    """The protocol's id, version, SHA-256 of its file, and its phases with their note kinds."""

    id: str
    version: str
    sha256: str
    note_kinds: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def phases(self) -> tuple[str, ...]:
        """The protocol's phase ids, in order (none when the file was not read)."""
        return tuple(self.note_kinds)


def protocol_stamp(folder: Path | None = None) -> ProtocolStamp:
    """Read ``app-classique.toml`` from ``folder`` (default: the shipped protocols)."""
    path = (folder or data_folder("protocols")) / f"{PROTOCOL_ID}.toml"
    try:
        protocol = parse_protocol(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ProtocolInvalid):
        return ProtocolStamp(PROTOCOL_ID, PROTOCOL_VERSION, UNKNOWN_HASH)
    kinds = {phase.id: tuple(str(kind) for kind in phase.note_kinds) for phase in protocol.phases}
    return ProtocolStamp(protocol.id, protocol.version, protocol.sha256, kinds)
