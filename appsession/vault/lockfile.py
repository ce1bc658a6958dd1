"""One instance per vault: an advisory ``flock`` on ``<vault>.lock``.

The lock file is made when a vault is created (or at the first successful unlock of a vault
copied without it) and never deleted, so that a wrong passphrase creates no file at all.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from .errors import VaultBusy


def lock_path(vault: Path) -> Path:
    """Where the lock of a vault lives."""
    return vault.with_name(vault.name + ".lock")


def ensure_free(vault: Path) -> None:
    """Fail fast (before any key derivation) if another process holds the vault."""
    path = lock_path(vault)
    if not path.exists():
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise VaultBusy() from None
    finally:
        os.close(fd)


class InstanceLock:
    """Held for as long as a vault is open in this process."""

    def __init__(self, vault: Path) -> None:
        path = lock_path(vault)
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self._fd)
            raise VaultBusy() from None

    def release(self) -> None:
        """Let another process open the vault."""
        if self._fd >= 0:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = -1
