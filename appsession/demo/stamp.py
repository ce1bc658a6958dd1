"""What a session records of the protocol it ran with: id, version and the file's hash."""

from __future__ import annotations

from dataclasses import dataclass

from appsession.core.protocol import ProtocolInvalid, parse_protocol
from appsession.resources import data_folder

PROTOCOL_ID = "app-classique"
PROTOCOL_VERSION = "1.0"


@dataclass(frozen=True)
class ProtocolStamp:
    """What a session records of the protocol it ran with."""

    id: str
    version: str
    sha256: str
    phases: tuple[str, ...] = ()


def protocol_stamp() -> ProtocolStamp:
    """The shipped ``app-classique`` protocol's id, version and hash ("unknown" if absent)."""
    path = data_folder("protocols") / f"{PROTOCOL_ID}.toml"
    try:
        protocol = parse_protocol(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ProtocolInvalid):
        return ProtocolStamp(PROTOCOL_ID, PROTOCOL_VERSION, "unknown")
    return ProtocolStamp(
        protocol.id, protocol.version, protocol.sha256, tuple(p.id for p in protocol.phases)
    )
