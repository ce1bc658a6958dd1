"""Sealed backups: the ``PGVB1`` container (design §2.12), modelled on age's STREAM.

Layout::

    "PGVB1" ‖ header length u32 ‖ vault header ‖ backup id 16 B ‖ stream nonce 16 B
            ‖ wrap nonce 12 B ‖ file key wrapped under HKDF(VK, "backup-wrap") 48 B
    chunks: AES-256-GCM under HKDF(file key, stream nonce, "payload"), 64 KiB of plaintext
            each, nonce = 11-byte counter ‖ last-chunk flag, chunk 0's AAD = the whole header

The plaintext is a compact copy of the database made with ``VACUUM INTO`` an in-memory
database (no staging file). Opening checks everything (header, every chunk, the final
flag, no trailing bytes, SQLite's integrity check, the embedded header) before any byte of
the restored vault is written.
"""

from __future__ import annotations

import os
import sqlite3
import struct
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from . import header as hdr
from .errors import FormatError, IntegrityError
from .secret import Secret

MAGIC = b"PGVB1"
CHUNK = 64 * 1024
TAG = 16
MAX_HEADER = 4096
MAX_BACKUP = 8 * 1024**3
_FIXED = struct.Struct(">5sI")
_TAIL = 16 + 16 + 12 + 48


@dataclass(frozen=True)
class Container:
    """A parsed (not yet authenticated) container."""

    prefix: bytes
    vault_header: bytes
    stream_nonce: bytes
    wrap_nonce: bytes
    wrapped_key: bytes
    body: bytes

    @property
    def header_bytes(self) -> bytes:
        """Everything before the chunks (the AAD of chunk 0)."""
        return self.prefix + self.wrap_nonce + self.wrapped_key


def _payload_key(file_key: bytes, stream_nonce: bytes) -> AESGCM:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=stream_nonce, info=b"payload")
    return AESGCM(hkdf.derive(file_key))


def _nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def seal(database: bytes, vault_header: bytes, wrap_key: bytes) -> bytes:
    """The whole container for a database image."""
    file_key = Secret(os.urandom(32))
    stream_nonce = os.urandom(16)
    prefix = (
        _FIXED.pack(MAGIC, len(vault_header)) + vault_header + uuid.uuid4().bytes + stream_nonce
    )
    wrap_nonce = os.urandom(12)
    wrapped = AESGCM(wrap_key).encrypt(wrap_nonce, file_key.reveal(), prefix)
    head = prefix + wrap_nonce + wrapped
    cipher = _payload_key(file_key.reveal(), stream_nonce)
    file_key.wipe()
    chunks = [database[i : i + CHUNK] for i in range(0, len(database), CHUNK)] or [b""]
    out = [head]
    for index, chunk in enumerate(chunks):
        last = index == len(chunks) - 1
        out.append(cipher.encrypt(_nonce(index, last), chunk, head if index == 0 else b""))
    return b"".join(out)


def parse(data: bytes) -> Container:
    """Split a container; ``FormatError`` for anything that is not one."""
    if not isinstance(data, bytes) or len(data) < _FIXED.size or data[:5] != MAGIC:
        raise FormatError("backup")
    _magic, length = _FIXED.unpack_from(data)
    if length > MAX_HEADER or len(data) < _FIXED.size + length + _TAIL + TAG:
        raise FormatError("backup")
    vault_header = data[_FIXED.size : _FIXED.size + length]
    offset = _FIXED.size + length + 32
    prefix = data[:offset]
    return Container(
        prefix,
        vault_header,
        data[offset - 16 : offset],
        data[offset : offset + 12],
        data[offset + 12 : offset + 60],
        data[offset + 60 :],
    )


def open_container(container: Container, wrap_key: bytes) -> bytes:
    """Authenticate every chunk and return the database image, or ``IntegrityError``."""
    try:
        file_key = AESGCM(wrap_key).decrypt(
            container.wrap_nonce, container.wrapped_key, container.prefix
        )
    except InvalidTag:
        raise IntegrityError("backup", "header") from None
    cipher = _payload_key(file_key, container.stream_nonce)
    body, head, out = container.body, container.header_bytes, []
    step = CHUNK + TAG
    count = max(1, -(-len(body) // step))
    for index in range(count):
        piece = body[index * step : (index + 1) * step]
        last = index == count - 1
        try:
            out.append(cipher.decrypt(_nonce(index, last), piece, head if index == 0 else b""))
        except InvalidTag:
            raise IntegrityError("backup", f"chunk {index}") from None
        if not last and len(out[-1]) != CHUNK:
            raise IntegrityError("backup", f"chunk {index}")
    return b"".join(out)


def snapshot(conn: sqlite3.Connection) -> bytes:
    """A compact image of the live database, via ``VACUUM INTO`` a private in-memory db."""
    name = f"file:pgvb-{uuid.uuid4().hex}?mode=memory&cache=shared"
    holder = sqlite3.connect(name, uri=True)
    try:
        conn.execute("VACUUM INTO ?", (name,))
        return holder.serialize()
    finally:
        holder.close()


def verify_image(image: bytes, vault_header: bytes) -> None:
    """The decrypted image must be a sound SQLite database holding the same header."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(image)
        ok = conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        row = conn.execute("SELECT body FROM vault_header WHERE name = 'header'").fetchone()
    except sqlite3.DatabaseError:
        raise IntegrityError("backup", "database") from None
    finally:
        conn.close()
    if not ok or row is None or bytes(row[0]) != vault_header:
        raise IntegrityError("backup", "database")
    hdr.decode(vault_header)


def write_new(path: Path, data: bytes) -> None:
    """Write a new owner-only file durably (refuses to overwrite)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(path: Path, data: bytes) -> None:
    """Staging name in the same folder (encrypted bytes only), fsync, then rename."""
    staging = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.partial")
    try:
        write_new(staging, data)
        os.replace(staging, path)
    finally:
        staging.unlink(missing_ok=True)
    _fsync_dir(path.parent)
