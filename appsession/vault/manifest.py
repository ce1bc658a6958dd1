"""Session manifests and the MACed vault root: detect deleted and rolled-back rows.

AEAD cannot see a missing row, or an older (revision, blob) pair that was valid once. Each
scope (a session, or "vault" for records outside sessions) has a manifest listing
``(table, row id, revision, SHA-256(blob)[:16])`` of every row in it, encrypted under the
session key (or the data key) and rewritten in the same transaction as every save. A root
row in ``meta`` holds a counter (the vault epoch) and an HMAC, under a key derived from the
vault key, over the epoch and every manifest's hash: rolling back one session's rows *and*
its manifest together is detected too. Per save this costs one manifest blob (a few KiB for
a session of 300 notes) and one 40-byte root: O(records in the session), not O(vault).
"""

from __future__ import annotations

import hashlib
import hmac
import struct
from dataclasses import dataclass

from .aead import AAD_LABEL, encode_aad
from .errors import FormatError
from .migrations import RECORD_TABLES

VAULT_SCOPE = "vault"
TABLE_CODES = {name: index for index, name in enumerate(RECORD_TABLES)}
TABLE_NAMES = dict(enumerate(RECORD_TABLES))
_ENTRY = struct.Struct(">B16sI16s")
_ROOT = struct.Struct(">Q32s")

Entry = tuple[int, bytes]
"""(revision, digest) of one row."""
RowKey = tuple[str, str]
"""(table, row id)."""


def digest(blob: bytes) -> bytes:
    """The 128-bit fingerprint of a stored blob."""
    return hashlib.sha256(blob).digest()[:16]


def encode_entries(entries: dict[RowKey, Entry]) -> bytes:
    """Sorted fixed-width entries (37 bytes each)."""
    packed = [
        _ENTRY.pack(TABLE_CODES[table], bytes.fromhex(row_id), revision, fingerprint)
        for (table, row_id), (revision, fingerprint) in entries.items()
    ]
    return b"".join(sorted(packed))


def decode_entries(raw: bytes) -> dict[RowKey, Entry]:
    """Inverse of ``encode_entries``; ``FormatError`` on a malformed manifest."""
    if len(raw) % _ENTRY.size:
        raise FormatError("manifest")
    entries: dict[RowKey, Entry] = {}
    for code, row_id, revision, fingerprint in _ENTRY.iter_unpack(raw):
        if code not in TABLE_NAMES:
            raise FormatError("manifest")
        entries[(TABLE_NAMES[code], row_id.hex())] = (revision, fingerprint)
    return entries


@dataclass(frozen=True)
class Root:
    """The vault epoch and its MAC."""

    epoch: int
    mac: bytes

    def encode(self) -> bytes:
        """Fixed-width bytes for the ``meta`` row."""
        return _ROOT.pack(self.epoch, self.mac)

    @staticmethod
    def decode(raw: bytes) -> Root:
        """Parse; ``FormatError`` if the row has the wrong size."""
        if not isinstance(raw, bytes) or len(raw) != _ROOT.size:
            raise FormatError("root")
        epoch, mac = _ROOT.unpack(raw)
        return Root(epoch, mac)


def root_mac(mac_key: bytes, vault_id: str, epoch: int, hashes: dict[str, bytes]) -> bytes:
    """HMAC-SHA256 over the epoch and every (scope, manifest hash), in sorted order."""
    fields: list[str | int | bytes] = [AAD_LABEL, vault_id, "root", epoch]
    for scope in sorted(hashes):
        fields += [scope, hashes[scope]]
    return hmac.new(mac_key, encode_aad(*fields), hashlib.sha256).digest()


def root_matches(mac_key: bytes, vault_id: str, root: Root, hashes: dict[str, bytes]) -> bool:
    """Constant-time check of a stored root against the manifests on disk."""
    expected = root_mac(mac_key, vault_id, root.epoch, hashes)
    return hmac.compare_digest(expected, root.mac)


@dataclass(frozen=True)
class Problem:
    """One record that is damaged, missing, rolled back or unexpected (ids only)."""

    table: str
    row_id: str
    kind: str
    """"damaged", "missing", "rolled_back" or "unexpected"."""
