"""The single place where SQLite connections are made, with every safety PRAGMA applied.

Nothing else in the app calls ``sqlite3.connect`` on a vault. Reading the header before the
passphrase is checked uses ``immutable=1`` (no lock, no -wal/-shm file created), so that a
wrong passphrase leaves every file byte-identical.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

import sqlite_utils

from .errors import FormatError, StorageError, VaultBusy

READ_WRITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA secure_delete=ON",
    "PRAGMA temp_store=MEMORY",
    "PRAGMA foreign_keys=ON",
    "PRAGMA trusted_schema=OFF",
    "PRAGMA cell_size_check=ON",
    "PRAGMA journal_size_limit=0",
    "PRAGMA busy_timeout=5000",
    "PRAGMA wal_autocheckpoint=16384",
)
READ_ONLY_PRAGMAS = (
    "PRAGMA temp_store=MEMORY",
    "PRAGMA trusted_schema=OFF",
    "PRAGMA cell_size_check=ON",
    "PRAGMA query_only=ON",
)


def _uri(path: Path, **params: str) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"file:{quote(str(path.resolve()))}?{query}"


def connect(path: Path, *, create: bool = False) -> sqlite3.Connection:
    """A read-write connection with WAL, synchronous=FULL, secure_delete and friends.

    ``isolation_level=None``: transactions are explicit (``BEGIN IMMEDIATE``), never implicit.
    """
    mode = "rwc" if create else "rw"
    try:
        conn = sqlite3.connect(
            _uri(path, mode=mode), uri=True, isolation_level=None, check_same_thread=False
        )
        for pragma in READ_WRITE_PRAGMAS:
            conn.execute(pragma)
    except sqlite3.DatabaseError as error:
        raise translate(error) from None
    return conn


def connect_for_header(path: Path) -> sqlite3.Connection:
    """A read-only connection that creates and modifies no file at all.

    With no write-ahead log on disk (a vault closed cleanly) the file is opened as immutable.
    After a crash the log holds committed data, so it must be read: SQLite then needs its
    shared-memory index (the only case where an attempt with a wrong passphrase can leave
    an -shm file behind; it holds no content).
    """
    wal = Path(f"{path}-wal")
    has_log = wal.exists() and wal.stat().st_size > 0
    uri = _uri(path, mode="ro") if has_log else _uri(path, mode="ro", immutable="1")
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        for pragma in READ_ONLY_PRAGMAS:
            conn.execute(pragma)
    except sqlite3.DatabaseError as error:
        raise translate(error) from None
    return conn


def database(conn: sqlite3.Connection) -> sqlite_utils.Database:
    """sqlite-utils on top of our connection: no plugins, no tracer."""
    return sqlite_utils.Database(conn, execute_plugins=False, recursive_triggers=False)


def translate(error: sqlite3.Error) -> Exception:
    """Map SQLite failures to the vault's errors, without SQL text or values.

    Busy or locked means another process holds the file; a corrupt or non-database file is
    a format error; anything else the disk refused (full, I/O, read-only) is a storage error.
    """
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return VaultBusy()
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_FORMAT):
        return FormatError("database")
    if isinstance(error, sqlite3.OperationalError | sqlite3.InternalError):
        return StorageError()
    return FormatError("database")


def restrict_permissions(path: Path) -> None:
    """Owner-only access for the vault file and its SQLite companions."""
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if candidate.exists():
            os.chmod(candidate, 0o600)


def checkpoint(conn: sqlite3.Connection, attempts: int = 50) -> bool:
    """``wal_checkpoint(TRUNCATE)`` and check its result row (busy = 0), retrying briefly.

    Returns False if readers kept the log busy for every attempt.
    """
    import time

    for _attempt in range(attempts):
        busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy == 0:
            return True
        time.sleep(0.02)
    return False
