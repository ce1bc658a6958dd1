"""The vault's lifecycle: create, open, lock, unlock, close, and the idle auto-lock.

An unlocked vault holds a ``Live`` state (keys, store, caches). Locking flushes the pending
text, drops the whole state, collects garbage and checkpoints the log; every later call
raises ``Locked`` until ``unlock`` runs the full KDF again.
"""

from __future__ import annotations

import gc
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from appsession.core.clock import Clock

from . import header as hdr
from .checkpointer import Checkpointer
from .connection import checkpoint, connect, database, restrict_permissions, translate
from .errors import FormatError, Locked, VaultBusy, VaultExists
from .keyring import Keyring
from .lockfile import InstanceLock, ensure_free
from .manifest import Problem
from .migrations import migrate
from .secret import Secret
from .store import Store
from .unlock import Unlocked, subkey, unlock_header

DEFAULT_AUTO_LOCK_SECONDS = 300.0
PENDING_FLUSH_SECONDS = 2.0


@dataclass(eq=False)
class Live:
    """Everything that exists only while the vault is unlocked."""

    store: Store
    vault_key: Secret
    doc_key: bytes = field(repr=False)
    pending: dict[str, str] = field(default_factory=dict, repr=False)
    flushed_at: dict[str, float] = field(default_factory=dict)

    def wipe(self) -> None:
        """Drop keys and caches (Python cannot guarantee the memory is overwritten)."""
        self.pending.clear()
        self.store.keyring.drop()
        self.store.problems.clear()
        self.vault_key.wipe()


class VaultBase:
    """Open/lock/unlock/close; the domain methods live in the mixins of ``Vault``."""

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        instance: InstanceLock,
        unlocked: Unlocked,
        *,
        clock: Clock,
        auto_lock_seconds: float,
    ) -> None:
        self.path = path
        self.clock = clock
        self.auto_lock_seconds = auto_lock_seconds
        """Idle seconds before the vault locks itself (0 disables it)."""
        self.warnings: list[str] = []
        """Non-fatal notices from unlock (weak KDF, lower epoch than last seen…)."""
        self.unlock_seconds = 0.0
        self._conn = conn
        self._instance: InstanceLock | None = instance
        self._checkpointer = Checkpointer(path)
        self._live: Live | None = None
        self._last_activity = clock.monotonic()
        self._start(unlocked)

    # -- opening ----------------------------------------------------------------------------
    @staticmethod
    def _connect_unlocked(
        path: Path, unlocked: Unlocked
    ) -> tuple[sqlite3.Connection, InstanceLock]:
        """Take the instance lock, open read-write, migrate; only after a good unlock."""
        instance = InstanceLock(path)
        try:
            conn = connect(path)
            try:
                current = conn.execute(
                    "SELECT body FROM vault_header WHERE name = 'header'"
                ).fetchone()
                if current is None or bytes(current[0]) != unlocked.raw_header:
                    raise VaultBusy()
                migrate(database(conn))
            except sqlite3.Error as error:
                conn.close()
                raise translate(error) from None
            except BaseException:
                conn.close()
                raise
            restrict_permissions(path)
        except BaseException:
            instance.release()
            raise
        return conn, instance

    def _start(self, unlocked: Unlocked) -> None:
        vault_id = unlocked.header.vault_id.hex()
        keyring = Keyring(self._conn, vault_id, unlocked.vault_key)
        store = Store(self._conn, vault_id, keyring, subkey(unlocked.vault_key, "manifest-mac"))
        store.after_commit = self._checkpointer.poke
        self._live = Live(store, unlocked.vault_key, subkey(unlocked.vault_key, "document-id"))
        self._raw_header = unlocked.raw_header
        self._last_activity = self.clock.monotonic()
        if unlocked.weak_kdf:
            self.warnings.append("weak-kdf")

    def _state(self) -> Live:
        """The unlocked state; locks first if the vault sat idle too long."""
        live = self._live
        if live is None:
            raise Locked()
        now = self.clock.monotonic()
        if self.auto_lock_seconds and now - self._last_activity > self.auto_lock_seconds:
            self.lock()
            raise Locked()
        self._last_activity = now
        return live

    def _store(self) -> Store:
        return self._state().store

    # -- locking ----------------------------------------------------------------------------
    @property
    def is_locked(self) -> bool:
        """True after ``lock()`` or an idle timeout."""
        return self._live is None

    def lock_if_idle(self) -> bool:
        """For a UI timer: lock if idle longer than ``auto_lock_seconds``; True if locked."""
        if self._live is None:
            return True
        idle = self.clock.monotonic() - self._last_activity
        if self.auto_lock_seconds and idle > self.auto_lock_seconds:
            self.lock()
            return True
        return False

    def lock(self) -> None:
        """Flush pending text, drop keys and caches, collect garbage, checkpoint the log.

        The vault locks even if the flush fails (disk full): the error is raised after the
        keys are dropped, so the caller can tell the user and keep the text on screen.
        """
        live = self._live
        if live is None:
            return
        try:
            self._flush_pending(live)
        finally:
            self._live = None
            live.wipe()
            del live
            gc.collect()
            checkpoint(self._conn)

    def unlock(self, passphrase: str) -> None:
        """Run the full KDF again and restore the unlocked state."""
        if self._live is not None:
            return
        if self._instance is None:
            raise Locked()
        row = self._conn.execute("SELECT body FROM vault_header WHERE name = 'header'").fetchone()
        if row is None:
            raise FormatError("header")
        self._start(unlock_header(bytes(row[0]), passphrase))

    def close(self) -> None:
        """Lock, checkpoint, close the file and release the instance lock."""
        if self._instance is None:
            return
        try:
            self._checkpointer.stop()
            self.lock()
        finally:
            self._conn.close()
            self._instance.release()
            self._instance = None

    def __enter__(self) -> VaultBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _flush_pending(self, live: Live) -> None:
        """Overridden by the meetings mixin (pending typed text)."""

    @property
    def problems(self) -> list[Problem]:
        """Records that listings skipped since unlock: damaged, missing, rolled back…"""
        return sorted(self._store().problems.values(), key=lambda p: (p.table, p.row_id, p.kind))

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Many writes in one transaction, durable once at the end; all or nothing."""
        with self._store().transaction():
            yield

    @property
    def epoch(self) -> int:
        """The vault epoch (bumped by every commit); store it to detect whole-file rollback."""
        return self._store().epoch()

    def _header(self) -> hdr.Header:
        return hdr.decode(self._raw_header)


def create_file(path: Path) -> None:
    """An empty 0600 file in a 0700 folder (the folder is created if missing)."""
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        raise VaultExists() from None
    os.close(fd)


def ensure_unlocked_path(path: Path) -> None:
    """Fail early if another process has the vault open."""
    ensure_free(path)
