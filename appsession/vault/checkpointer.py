"""Copies the write-ahead log into the main file from a background thread.

With ``synchronous=FULL`` a commit costs one fsync of the log. SQLite's automatic
checkpoint would, every thousand pages, make one unlucky save also copy the log into the
main file and fsync it (tens of milliseconds). Here a second connection from the same
factory runs ``wal_checkpoint(PASSIVE)`` on its own thread, so saves never wait for it;
the main connection keeps a high automatic threshold only as a safety net.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

from .connection import connect

WAL_THRESHOLD_BYTES = 4 * 1024 * 1024


class Checkpointer:
    """One background thread per open vault; holds no key and reads no record."""

    def __init__(self, path: Path) -> None:
        self._wal = Path(f"{path}-wal")
        self._conn = connect(path)
        self._wake = threading.Event()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="vault-checkpoint", daemon=True)
        self._thread.start()

    def poke(self) -> None:
        """Called after each commit: wake the thread if the log has grown large."""
        try:
            size = self._wal.stat().st_size
        except FileNotFoundError:
            return
        if size >= WAL_THRESHOLD_BYTES:
            self._wake.set()

    def _run(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            if self._stopping:
                break
            try:
                self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            except sqlite3.Error:
                continue
        self._conn.close()

    def stop(self) -> None:
        """Finish the current checkpoint (if any), close the connection, end the thread."""
        if not self._thread.is_alive():
            return
        self._stopping = True
        self._wake.set()
        self._thread.join()

    @property
    def connection_for_tests(self) -> sqlite3.Connection:
        """The thread's connection (tests read its PRAGMAs)."""
        return self._conn


def wal_size(path: Path) -> int:
    """Bytes in the vault's write-ahead log (0 if there is none)."""
    try:
        return os.stat(f"{path}-wal").st_size
    except FileNotFoundError:
        return 0
