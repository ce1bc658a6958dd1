"""The manifests of an unlocked vault: loaded lazily, changed in memory, written at commit."""

from __future__ import annotations

import hashlib
import sqlite3

from . import aead
from .aead import AuthenticationFailed
from .errors import FormatError, IntegrityError
from .keyring import Cipher, KeyKind, Keyring, Owners
from .manifest import (
    VAULT_SCOPE,
    Entry,
    Problem,
    Root,
    RowKey,
    decode_entries,
    encode_entries,
    root_mac,
    root_matches,
)

Problems = dict[tuple[str, str], Problem]


class ManifestBook:
    """Every scope's manifest and the vault root, kept consistent with each transaction."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        vault_id: str,
        keyring: Keyring,
        mac_key: bytes,
        problems: Problems,
    ) -> None:
        self._conn = conn
        self._vault_id = vault_id
        self._keyring = keyring
        self._mac_key = mac_key
        self._problems = problems
        self._entries: dict[str, dict[RowKey, Entry]] = {}
        self._hashes: dict[str, bytes] = {}
        self._revisions: dict[str, int] = {}
        self._dirty: set[str] = set()
        self._snapshot: tuple[dict[str, bytes], dict[str, int], int] = ({}, {}, 0)
        self.epoch = 0
        self.root_ok = True
        self._load_root()

    def _load_root(self) -> None:
        for scope, revision, body in self._conn.execute("SELECT id, revision, body FROM manifests"):
            self._hashes[scope] = hashlib.sha256(body).digest()
            self._revisions[scope] = revision
        stored = self.stored_root()
        if stored is None:
            self.root_ok = not self._hashes
        else:
            self.epoch = stored.epoch
            self.root_ok = root_matches(self._mac_key, self._vault_id, stored, self._hashes)
        if not self.root_ok:
            self._problems[("meta", "root")] = Problem("meta", "root", "rolled_back")

    def stored_root(self) -> Root | None:
        """The root row as stored (None for a vault that never committed)."""
        row = self._conn.execute("SELECT body FROM meta WHERE name = 'root'").fetchone()
        if row is None:
            return None
        try:
            return Root.decode(row[0])
        except FormatError:
            self._problems[("meta", "root")] = Problem("meta", "root", "damaged")
            return Root(0, b"")

    def scopes(self) -> list[str]:
        """Every scope that has a manifest on disk or in this transaction."""
        return sorted(set(self._hashes) | set(self._entries))

    # -- reading --------------------------------------------------------------------------
    def entries(self, scope: str) -> dict[RowKey, Entry]:
        """The scope's entries, decrypted on first use (empty if it has none yet)."""
        found = self._entries.get(scope)
        if found is None:
            found = self._read(scope)
            self._entries[scope] = found
        return found

    def _read(self, scope: str) -> dict[RowKey, Entry]:
        row = self._conn.execute(
            "SELECT revision, key_id, body FROM manifests WHERE id = ?", (scope,)
        ).fetchone()
        if row is None:
            return {}
        revision, key_id, body = row
        try:
            cipher = self._keyring.cipher(key_id)
            plain = aead.unseal(cipher.aead, body, self._aad(scope, revision, cipher))
            return decode_entries(plain)
        except (IntegrityError, AuthenticationFailed, FormatError):
            self._problems[("manifests", scope)] = Problem("manifests", scope, "damaged")
            return {}

    def _aad(self, scope: str, revision: int, cipher: Cipher) -> bytes:
        return aead.record_aad(
            self._vault_id, "manifests", "body", scope, revision, cipher.key_id, cipher.version, ()
        )

    def matches(
        self, scope: str, table: str, row_id: str, revision: int, fingerprint: bytes
    ) -> bool:
        """True if the manifest lists exactly this revision and blob."""
        return self.entries(scope).get((table, row_id)) == (revision, fingerprint)

    def lists(self, scope: str, table: str, row_id: str) -> bool:
        """True if the manifest has an entry (of any revision) for this row."""
        return (table, row_id) in self.entries(scope)

    def listed(self, scope: str) -> list[RowKey]:
        """Every row the manifest expects."""
        return list(self.entries(scope))

    # -- writing --------------------------------------------------------------------------
    def record(
        self, scope: str, table: str, row_id: str, revision: int, fingerprint: bytes
    ) -> None:
        """Expect this revision and blob from now on (written at commit)."""
        self.entries(scope)[(table, row_id)] = (revision, fingerprint)
        self._dirty.add(scope)

    def forget(self, scope: str, table: str, row_id: str) -> None:
        """The row is gone on purpose."""
        self.entries(scope).pop((table, row_id), None)
        self._dirty.add(scope)

    def drop_scope(self, scope: str) -> None:
        """Forget a destroyed session's manifest (its key is gone; the row is deleted by the
        caller in the same transaction). A rollback restores it from the snapshot."""
        self._entries.pop(scope, None)
        self._hashes.pop(scope, None)
        self._revisions.pop(scope, None)
        self._dirty.discard(scope)

    def begin(self) -> None:
        """Remember the state to come back to if the transaction rolls back."""
        self._snapshot = (dict(self._hashes), dict(self._revisions), self.epoch)
        self._dirty = set()

    def rollback(self) -> None:
        """Forget changes made in memory since ``begin``."""
        self._hashes, self._revisions, self.epoch = (
            dict(self._snapshot[0]),
            dict(self._snapshot[1]),
            self._snapshot[2],
        )
        for scope in self._dirty:
            self._entries.pop(scope, None)
        self._dirty = set()

    def committed(self) -> None:
        """The transaction is durable: the in-memory state is the new baseline."""
        self._dirty = set()

    def flush(self) -> None:
        """Write every changed manifest, bump the epoch and re-MAC the root."""
        for scope in sorted(self._dirty):
            self._write(scope)
        self.epoch += 1
        mac = root_mac(self._mac_key, self._vault_id, self.epoch, self._hashes)
        self._conn.execute(
            "INSERT INTO meta (name, body) VALUES ('root', ?)"
            " ON CONFLICT(name) DO UPDATE SET body = excluded.body",
            (Root(self.epoch, mac).encode(),),
        )

    def _write(self, scope: str) -> None:
        cipher = self._cipher_for(scope)
        revision = self._revisions.get(scope, 0) + 1
        plain = encode_entries(self.entries(scope))
        body = aead.seal(cipher.aead, cipher.version, plain, self._aad(scope, revision, cipher))
        self._keyring.count_use(cipher)
        self._conn.execute(
            "INSERT INTO manifests (id, revision, key_id, body) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET revision = excluded.revision,"
            " key_id = excluded.key_id, body = excluded.body",
            (scope, revision, cipher.key_id, body),
        )
        self._revisions[scope] = revision
        self._hashes[scope] = hashlib.sha256(body).digest()

    def _cipher_for(self, scope: str) -> Cipher:
        if scope == VAULT_SCOPE:
            return self._keyring.current(KeyKind.DATA, Owners(), None)
        return self._keyring.session_cipher(scope)

    def hashes(self) -> dict[str, bytes]:
        """SHA-256 of each manifest blob as last written or read."""
        return dict(self._hashes)
