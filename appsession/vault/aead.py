"""Record blobs: AES-256-GCM with fresh random nonces, 256-byte padding buckets, bound AAD.

Blob layout (format 1): ``fmt(1) ‖ key_version(4, big-endian) ‖ nonce(12) ‖ ciphertext ‖
tag(16)``. The plaintext is ``length(4) ‖ payload ‖ zeros`` padded to a multiple of 256
bytes, so every record blob is exactly 33 + 256·k bytes long. Wrapped keys use the same
layout without padding.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .errors import FormatError

BLOB_FORMAT = 1
NONCE_BYTES = 12
TAG_BYTES = 16
HEADER_BYTES = 1 + 4 + NONCE_BYTES
OVERHEAD = HEADER_BYTES + TAG_BYTES
BUCKET = 256
AAD_LABEL = "pgv1"
_MAX_FIELD = 0xFFFF


class AuthenticationFailed(Exception):
    """A blob did not authenticate; callers turn it into ``IntegrityError(table, row_id)``."""


def encode_aad(*fields: str | int | bytes) -> bytes:
    """Length-prefixed canonical encoding (u16 length ‖ bytes), so ``a|bc`` ≠ ``ab|c``.

    Integers are encoded as decimal text, strings as UTF-8. (Hot path: every record read.)
    """
    parts: list[bytes] = []
    for field in fields:
        kind = type(field)
        if kind is str:
            raw = field.encode("utf-8")  # type: ignore[union-attr]
        elif kind is int:
            raw = str(field).encode("ascii")
        elif kind is bytes:
            raw = field
        else:
            raise TypeError("AAD fields are str, int or bytes")
        if len(raw) > _MAX_FIELD:
            raise FormatError("aad")
        parts.append(len(raw).to_bytes(2, "big"))
        parts.append(raw)
    return b"".join(parts)


def encode_text_aad(fields: list[str]) -> bytes:
    """``encode_aad`` for text fields only (the hot path of record reads)."""
    out = bytearray()
    for text in fields:
        raw = text.encode("utf-8")
        if len(raw) > _MAX_FIELD:
            raise FormatError("aad")
        out += len(raw).to_bytes(2, "big")
        out += raw
    return bytes(out)


def record_aad(
    vault_id: str,
    table: str,
    column: str,
    row_id: str,
    revision: int,
    key_id: str,
    key_version: int,
    owners: Iterable[str],
) -> bytes:
    """What a record blob is bound to: vault, table, column, row, revision, key, owners."""
    return encode_aad(
        AAD_LABEL, vault_id, table, column, row_id, revision, key_id, key_version, *owners
    )


def pad(payload: bytes) -> bytes:
    """Prefix the length and pad with zeros to the next multiple of 256 bytes."""
    framed = struct.pack(">I", len(payload)) + payload
    return framed + bytes(-len(framed) % BUCKET)


def unpad(plaintext: bytes) -> bytes:
    """Inverse of ``pad``; raises ``FormatError`` on an inconsistent frame."""
    if len(plaintext) < 4 or len(plaintext) % BUCKET:
        raise FormatError("padding")
    (length,) = struct.unpack(">I", plaintext[:4])
    end = 4 + length
    if end > len(plaintext) or plaintext.count(0, end) != len(plaintext) - end:
        raise FormatError("padding")
    return plaintext[4 : 4 + length]


def seal(
    cipher: AESGCM, key_version: int, plaintext: bytes, aad: bytes, *, padded: bool = True
) -> bytes:
    """Encrypt under a fresh random nonce (never reused, even for a re-save)."""
    nonce = os.urandom(NONCE_BYTES)
    body = pad(plaintext) if padded else plaintext
    header = struct.pack(">BI", BLOB_FORMAT, key_version) + nonce
    return header + cipher.encrypt(nonce, body, header + aad)


def parse(blob: bytes) -> tuple[int, bytes]:
    """Split a blob into (key_version, nonce); ``FormatError`` if it cannot be a blob."""
    if not isinstance(blob, bytes) or len(blob) < OVERHEAD or blob[0] != BLOB_FORMAT:
        raise FormatError("record")
    (key_version,) = struct.unpack(">I", blob[1:5])
    return key_version, blob[5:HEADER_BYTES]


def unseal(cipher: AESGCM, blob: bytes, aad: bytes, *, padded: bool = True) -> bytes:
    """Decrypt and authenticate; ``AuthenticationFailed`` on any tampering."""
    parse(blob)
    header, nonce = blob[:HEADER_BYTES], blob[5:HEADER_BYTES]
    try:
        plaintext = cipher.decrypt(nonce, blob[HEADER_BYTES:], header + aad)
    except InvalidTag:
        raise AuthenticationFailed() from None
    return unpad(plaintext) if padded else plaintext
