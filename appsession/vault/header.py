"""The vault header: format version, vault id and keyslots, with an unkeyed SHA-256 checksum.

Layout (all integers big-endian)::

    magic "PGVH" ‖ version u16 ‖ vault_id 16 B ‖ slot count u8 ‖ slots… ‖ SHA-256 of all before
    slot = kind u8 ‖ kdf u8 ‖ m u32 ‖ t u32 ‖ p u32 ‖ salt 16 B ‖ nonce 12 B ‖ wrapped VK 48 B

Each keyslot wraps the vault key with AES-256-GCM; its AAD is the canonical encoding of the
format version, the vault id, the slot kind and the slot's KDF parameters and salt, so a
consistent but altered header fails as "wrong passphrase" and slots are independent (changing
the passphrase never needs the recovery key).
"""

from __future__ import annotations

import hashlib
import hmac
import struct
from dataclasses import dataclass, replace
from enum import IntEnum

from .aead import AAD_LABEL, encode_aad
from .errors import FormatError, HeaderCorrupted
from .kdf import KdfAlgorithm, KdfParams, check_caps

MAGIC = b"PGVH"
FORMAT_VERSION = 1
NONCE_BYTES = 12
WRAPPED_BYTES = 48
MAX_SLOTS = 4
_PREFIX = struct.Struct(">4sH16sB")
_SLOT = struct.Struct(">BBIII16s12s48s")
_CHECKSUM = 32


class SlotKind(IntEnum):
    """What opens a keyslot."""

    PASSPHRASE = 1
    RECOVERY = 2


@dataclass(frozen=True)
class Keyslot:
    """One way to unwrap the vault key."""

    kind: SlotKind
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes

    def aad(self, vault_id: bytes) -> bytes:
        """Binds the slot to its vault, kind and KDF settings."""
        kdf = self.kdf
        return encode_aad(
            AAD_LABEL,
            "keyslot",
            FORMAT_VERSION,
            vault_id,
            int(self.kind),
            int(kdf.algorithm),
            kdf.memory_kib,
            kdf.iterations,
            kdf.lanes,
            self.salt,
        )


@dataclass(frozen=True)
class Header:
    """The parsed header (what the passphrase needs before anything else is read)."""

    vault_id: bytes
    slots: tuple[Keyslot, ...]
    version: int = FORMAT_VERSION

    def slot(self, kind: SlotKind) -> Keyslot | None:
        """The slot of this kind, if the vault has one."""
        return next((slot for slot in self.slots if slot.kind is kind), None)

    def with_slot(self, new: Keyslot) -> Header:
        """A copy where ``new`` replaces the slot of the same kind."""
        others = tuple(slot for slot in self.slots if slot.kind is not new.kind)
        return replace(self, slots=tuple(sorted((*others, new), key=lambda s: s.kind)))


def encode(header: Header) -> bytes:
    """Canonical bytes, checksum included."""
    body = _PREFIX.pack(MAGIC, header.version, header.vault_id, len(header.slots))
    for slot in header.slots:
        kdf = slot.kdf
        body += _SLOT.pack(
            int(slot.kind),
            int(kdf.algorithm),
            kdf.memory_kib,
            kdf.iterations,
            kdf.lanes,
            slot.salt,
            slot.nonce,
            slot.wrapped,
        )
    return body + hashlib.sha256(body).digest()


def decode(raw: bytes) -> Header:
    """Parse and verify; ``FormatError``, ``HeaderCorrupted`` or ``UnsupportedParameters``.

    The checksum is checked first and the KDF caps last, all before any key derivation.
    """
    if not isinstance(raw, bytes) or len(raw) < _PREFIX.size + _CHECKSUM:
        raise FormatError("header")
    body, checksum = raw[:-_CHECKSUM], raw[-_CHECKSUM:]
    if raw[:4] != MAGIC:
        raise FormatError("header")
    if not hmac.compare_digest(hashlib.sha256(body).digest(), checksum):
        raise HeaderCorrupted()
    _magic, version, vault_id, count = _PREFIX.unpack_from(body)
    if version != FORMAT_VERSION:
        raise FormatError("header version")
    if not 1 <= count <= MAX_SLOTS or len(body) != _PREFIX.size + count * _SLOT.size:
        raise FormatError("header")
    slots = tuple(_slot(body, _PREFIX.size + i * _SLOT.size) for i in range(count))
    if len({slot.kind for slot in slots}) != count or not any(
        slot.kind is SlotKind.PASSPHRASE for slot in slots
    ):
        raise FormatError("header")
    return Header(vault_id=vault_id, slots=slots, version=version)


def _slot(body: bytes, offset: int) -> Keyslot:
    kind, algorithm, m, t, p, salt, nonce, wrapped = _SLOT.unpack_from(body, offset)
    try:
        slot_kind, kdf_id = SlotKind(kind), KdfAlgorithm(algorithm)
    except ValueError:
        raise FormatError("keyslot") from None
    params = KdfParams(kdf_id, m, t, p)
    if slot_kind is SlotKind.PASSPHRASE:
        check_caps(params)
    elif kdf_id is not KdfAlgorithm.HKDF_SHA256:
        raise FormatError("keyslot")
    return Keyslot(slot_kind, params, salt, nonce, wrapped)
