"""Random data keys, stored only wrapped, each bound to its owners by the wrapping AAD.

Hierarchy: VK wraps the vault data key DK and each intervention key IK_i; IK_i wraps the
participant keys PK_p and session keys SK_s of its intervention; PK_p wraps the contribution
keys CK_{p,s}. Deleting a key row therefore makes everything below it unreadable, which is
what withdrawal and retention purges rely on. Keys that may be shredded are never derived.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from dataclasses import dataclass
from enum import StrEnum

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from . import aead
from .aead import AuthenticationFailed
from .errors import FormatError, IntegrityError, Locked
from .secret import Secret

KEY_USE_CAP = 2**24
"""Encryptions per key before a new key version is made (far below GCM's 2**32 limit)."""


class KeyKind(StrEnum):
    """What a key protects."""

    DATA = "data"
    INTERVENTION = "intervention"
    PARTICIPANT = "participant"
    SESSION = "session"
    CONTRIBUTION = "contribution"


@dataclass(frozen=True)
class Owners:
    """Whose data a key protects (random ids, or empty)."""

    intervention_id: str = ""
    session_id: str = ""
    participant_id: str = ""


class Cipher:
    """An unwrapped key ready to use; weak-referenceable so tests can prove it is dropped."""

    __slots__ = ("__weakref__", "aead", "key_id", "version")

    def __init__(self, key_id: str, version: int, key: Secret) -> None:
        self.key_id = key_id
        self.version = version
        self.aead = AESGCM(key.reveal())

    def __repr__(self) -> str:
        return f"<Cipher {self.key_id} v{self.version}>"


def new_id() -> str:
    """A random 128-bit id (uuid4 hex); never a rowid."""
    return uuid.uuid4().hex


class Keyring:
    """Unwraps keys on demand, caches them while unlocked, creates and rotates them."""

    def __init__(self, conn: sqlite3.Connection, vault_id: str, vault_key: Secret) -> None:
        self._conn = conn
        self._vault_id = vault_id
        self._root: Cipher | None = Cipher("vault", 0, vault_key)
        self._ciphers: dict[str, Cipher] = {}
        self._current: dict[tuple[KeyKind, Owners], str] = {}
        self._uses: dict[str, int] = {}

    def _aad(self, kind: str, key_id: str, version: int, owners: Owners, parent: str) -> bytes:
        return aead.encode_aad(
            aead.AAD_LABEL,
            self._vault_id,
            "keyring",
            kind,
            key_id,
            version,
            owners.intervention_id,
            owners.session_id,
            owners.participant_id,
            parent,
        )

    def cipher(self, key_id: str) -> Cipher:
        """The unwrapped key; ``IntegrityError("keyring", id)`` if missing or tampered."""
        found = self._ciphers.get(key_id)
        if found is not None:
            return found
        row = self._conn.execute(
            "SELECT kind, version, parent_id, intervention_id, session_id, participant_id,"
            " uses, wrapped FROM keyring WHERE id = ?",
            (key_id,),
        ).fetchone()
        if row is None:
            raise IntegrityError("keyring", key_id)
        kind, version, parent, intervention, session, participant, uses, wrapped = row
        wrapper = self._wrapper(parent)
        owners = Owners(intervention, session, participant)
        aad = self._aad(kind, key_id, version, owners, parent or "")
        try:
            raw = aead.unseal(wrapper.aead, wrapped, aad, padded=False)
        except (AuthenticationFailed, FormatError):
            raise IntegrityError("keyring", key_id) from None
        if aead.parse(wrapped)[0] != version or len(raw) != 32:
            raise IntegrityError("keyring", key_id)
        cipher = Cipher(key_id, version, Secret(raw))
        self._ciphers[key_id] = cipher
        self._uses[key_id] = uses
        return cipher

    def _wrapper(self, parent: str | None) -> Cipher:
        if parent is not None:
            return self.cipher(parent)
        if self._root is None:
            raise Locked()
        return self._root

    def session_cipher(self, session_id: str) -> Cipher:
        """The newest key of a session (its manifest is encrypted under it)."""
        row = self._conn.execute(
            "SELECT intervention_id, parent_id FROM keyring WHERE kind = 'session'"
            " AND session_id = ? ORDER BY version DESC LIMIT 1",
            (session_id,),
        ).fetchone()
        if row is None:
            raise IntegrityError("keyring", session_id)
        return self.current(KeyKind.SESSION, Owners(row[0], session_id), row[1])

    def current(self, kind: KeyKind, owners: Owners, parent: str | None) -> Cipher:
        """The newest key of these owners, made on first use and rotated at the usage cap."""
        slot = (kind, owners)
        key_id = self._current.get(slot) or self._lookup(kind, owners)
        if key_id is not None:
            cipher = self.cipher(key_id)
            if self._uses.get(key_id, 0) < KEY_USE_CAP:
                self._current[slot] = key_id
                return cipher
            return self._create(kind, owners, parent, cipher.version + 1)
        return self._create(kind, owners, parent, 1)

    def _lookup(self, kind: KeyKind, owners: Owners) -> str | None:
        row = self._conn.execute(
            "SELECT id FROM keyring WHERE kind = ? AND intervention_id = ? AND session_id = ?"
            " AND participant_id = ? ORDER BY version DESC LIMIT 1",
            (str(kind), owners.intervention_id, owners.session_id, owners.participant_id),
        ).fetchone()
        return None if row is None else str(row[0])

    def _create(self, kind: KeyKind, owners: Owners, parent: str | None, version: int) -> Cipher:
        key_id = new_id()
        raw = Secret(os.urandom(32))
        wrapper = self._wrapper(parent)
        aad = self._aad(str(kind), key_id, version, owners, parent or "")
        wrapped = aead.seal(wrapper.aead, version, raw.reveal(), aad, padded=False)
        self._conn.execute(
            "INSERT INTO keyring (id, kind, version, parent_id, intervention_id, session_id,"
            " participant_id, uses, wrapped) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)",
            (
                key_id,
                str(kind),
                version,
                parent,
                owners.intervention_id,
                owners.session_id,
                owners.participant_id,
                wrapped,
            ),
        )
        cipher = Cipher(key_id, version, raw)
        raw.wipe()
        self._ciphers[key_id] = cipher
        self._uses[key_id] = 0
        self._current[(kind, owners)] = key_id
        return cipher

    def count_use(self, cipher: Cipher) -> None:
        """Record one more encryption under this key (same transaction as the record)."""
        self._uses[cipher.key_id] = self._uses.get(cipher.key_id, 0) + 1
        self._conn.execute("UPDATE keyring SET uses = uses + 1 WHERE id = ?", (cipher.key_id,))

    def forget_cache(self) -> None:
        """Drop every cached key except the vault key (after a rollback or a shred)."""
        self._ciphers.clear()
        self._current.clear()
        self._uses.clear()

    def drop(self) -> None:
        """Forget every key, the vault key included (lock and close)."""
        self.forget_cache()
        self._root = None

    def cached(self) -> list[Cipher]:
        """Every key currently held in memory (tests check they die on lock)."""
        root = [] if self._root is None else [self._root]
        return [*root, *self._ciphers.values()]
