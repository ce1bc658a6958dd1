"""Creating a vault, and turning a passphrase or recovery key into the vault key.

Nothing is written until the vault key is unwrapped: the header is read through an immutable
read-only connection, the KDF parameters are checked against the caps, then the KDF runs.
"""

from __future__ import annotations

import base64
import os
import sqlite3
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from . import header as hdr
from .connection import connect_for_header
from .errors import FormatError, VaultMissing, WeakPassphrase, WrongPassphrase
from .kdf import SALT_BYTES, KdfAlgorithm, KdfParams, below_floor, derive, normalize
from .secret import Secret

MIN_PASSPHRASE = 12
RECOVERY_BYTES = 16


@dataclass(frozen=True)
class Unlocked:
    """What a successful unlock gives: the header bytes as read and the vault key."""

    raw_header: bytes
    header: hdr.Header
    vault_key: Secret
    weak_kdf: bool


def check_passphrase(passphrase: str) -> None:
    """At least 12 characters (after NFC), as the design requires."""
    if len(unicodedata.normalize("NFC", passphrase)) < MIN_PASSPHRASE:
        raise WeakPassphrase(MIN_PASSPHRASE)


def read_raw_header(path: Path) -> bytes:
    """The header row, read without creating or modifying any file."""
    if not path.is_file():
        raise VaultMissing()
    try:
        conn = connect_for_header(path)
        try:
            row = conn.execute("SELECT body FROM vault_header WHERE name = 'header'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        raise FormatError("database") from None
    if row is None or not isinstance(row[0], bytes):
        raise FormatError("header")
    return bytes(row[0])


def wrap_slot(
    kind: hdr.SlotKind,
    vault_id: bytes,
    params: KdfParams,
    salt: bytes,
    kek: Secret,
    vault_key: Secret,
) -> hdr.Keyslot:
    """A keyslot holding the vault key under ``kek``."""
    draft = hdr.Keyslot(kind, params, salt, os.urandom(hdr.NONCE_BYTES), b"")
    wrapped = AESGCM(kek.reveal()).encrypt(draft.nonce, vault_key.reveal(), draft.aad(vault_id))
    return hdr.Keyslot(kind, params, salt, draft.nonce, wrapped)


def unwrap_slot(slot: hdr.Keyslot, vault_id: bytes, kek: Secret) -> Secret:
    """The vault key, or ``WrongPassphrase`` (also for a consistent but altered header)."""
    try:
        raw = AESGCM(kek.reveal()).decrypt(slot.nonce, slot.wrapped, slot.aad(vault_id))
    except InvalidTag:
        raise WrongPassphrase() from None
    return Secret(raw)


def unlock_with_passphrase(path: Path, passphrase: str) -> Unlocked:
    """Header → caps → KDF → unwrap. Raises before any write."""
    return unlock_header(read_raw_header(path), passphrase)


def unlock_header(raw: bytes, passphrase: str) -> Unlocked:
    """Checksum and caps (``decode``), then the KDF, then the unwrap."""
    header = hdr.decode(raw)
    slot = header.slot(hdr.SlotKind.PASSPHRASE)
    assert slot is not None  # decode() requires one
    kek = derive(normalize(passphrase), slot.salt, slot.kdf)
    try:
        vault_key = unwrap_slot(slot, header.vault_id, kek)
    finally:
        kek.wipe()
    return Unlocked(raw, header, vault_key, below_floor(slot.kdf))


# -- recovery key ----------------------------------------------------------------------------
RECOVERY_PARAMS = KdfParams(KdfAlgorithm.HKDF_SHA256, 0, 0, 0)


def new_recovery_key() -> tuple[str, bytes]:
    """128 random bits, shown once as base32 groups of four (e.g. ``ABCD-EFGH-…``)."""
    raw = os.urandom(RECOVERY_BYTES)
    text = base64.b32encode(raw).decode("ascii").rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4)), raw


def parse_recovery_key(text: str) -> bytes:
    """Accepts any case, spaces and dashes; a malformed key is just a wrong one."""
    cleaned = "".join(ch for ch in text.upper() if ch not in " -\t\n")
    try:
        raw = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except ValueError:
        raise WrongPassphrase() from None
    if len(raw) != RECOVERY_BYTES:
        raise WrongPassphrase()
    return raw


def recovery_kek(raw: bytes, salt: bytes) -> Secret:
    """A full-entropy key needs only HKDF, not a memory-hard KDF."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"pgv1/recovery")
    return Secret(hkdf.derive(raw))


def recovery_slot(vault_id: bytes, raw: bytes, vault_key: Secret) -> hdr.Keyslot:
    """Keyslot 2: the same vault key under the recovery key."""
    salt = os.urandom(SALT_BYTES)
    return wrap_slot(
        hdr.SlotKind.RECOVERY, vault_id, RECOVERY_PARAMS, salt, recovery_kek(raw, salt), vault_key
    )


def unlock_with_recovery(path: Path, recovery_key: str) -> Unlocked:
    """Open with the recovery key instead of the passphrase."""
    raw_key = parse_recovery_key(recovery_key)
    raw = read_raw_header(path)
    header = hdr.decode(raw)
    slot = header.slot(hdr.SlotKind.RECOVERY)
    if slot is None:
        raise WrongPassphrase()
    vault_key = unwrap_slot(slot, header.vault_id, recovery_kek(raw_key, slot.salt))
    return Unlocked(raw, header, vault_key, False)


def subkey(vault_key: Secret, purpose: str) -> bytes:
    """HKDF subkeys of VK, only for keys that never need shredding (MACs, backup wrap)."""
    hkdf = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=f"pgv1/{purpose}".encode("ascii")
    )
    return hkdf.derive(vault_key.reveal())
