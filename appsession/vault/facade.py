"""``Vault``: the one object the rest of the app uses (see the package docstring)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

from appsession.core.clock import Clock

from . import backup as sealed
from . import header as hdr
from . import withdraw as shredding
from .base import DEFAULT_AUTO_LOCK_SECONDS, create_file
from .connection import checkpoint, connect, database, restrict_permissions
from .errors import FormatError, VaultExists, VaultMissing
from .kdf import (
    SALT_BYTES,
    Calibration,
    KdfParams,
    below_floor,
    calibrate,
    derive,
    normalize,
    require_floor,
    timed_derive,
)
from .lockfile import InstanceLock, ensure_free
from .maintenance import MaintenanceMixin
from .meetings import MeetingsMixin
from .migrations import migrate
from .owners import data_key
from .people import PeopleMixin
from .secret import Secret
from .unlock import (
    Unlocked,
    check_passphrase,
    new_recovery_key,
    recovery_slot,
    subkey,
    unlock_with_passphrase,
    unlock_with_recovery,
    unwrap_slot,
    wrap_slot,
)


class Vault(MaintenanceMixin, MeetingsMixin, PeopleMixin):
    """An open vault. Make one with ``create``, ``open`` or ``open_with_recovery_key``."""

    @classmethod
    def create(
        cls,
        path: Path,
        passphrase: str,
        *,
        clock: Clock,
        kdf: KdfParams | None = None,
        recovery_key: bool = False,
        auto_lock_seconds: float = DEFAULT_AUTO_LOCK_SECONDS,
    ) -> tuple[Vault, str | None]:
        """A new vault file; returns it open, and the recovery key (shown once) if asked.

        ``kdf=None`` calibrates Argon2id on this machine; explicit parameters below
        ``kdf.FLOOR`` are refused. ``vault.unlock_seconds`` says how long unlocking takes.
        """
        check_passphrase(passphrase)
        if path.exists():
            raise VaultExists()
        salt = os.urandom(SALT_BYTES)
        if kdf is None:
            result = calibrate(normalize(passphrase), salt)
        else:
            require_floor(kdf)
            result = timed_derive(normalize(passphrase), salt, kdf)
        unlocked, recovery_text = _new_keys(result, salt, recovery_key)
        vault = cls._initialise(path, unlocked, clock, auto_lock_seconds)
        vault.unlock_seconds = result.seconds
        return vault, recovery_text

    @classmethod
    def _initialise(
        cls, path: Path, unlocked: Unlocked, clock: Clock, auto_lock_seconds: float
    ) -> Vault:
        create_file(path)
        try:
            instance = InstanceLock(path)
            conn = connect(path, create=True)
            migrate(database(conn))
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(
                "INSERT INTO vault_header (name, body) VALUES ('header', ?)", (unlocked.raw_header,)
            )
            conn.execute("COMMIT")
            restrict_permissions(path)
        except BaseException:
            _remove_partial(path)
            raise
        vault = cls(
            path, conn, instance, unlocked, clock=clock, auto_lock_seconds=auto_lock_seconds
        )
        store = vault._store()
        with store.transaction():
            data_key(store)
        return vault

    @classmethod
    def open(
        cls,
        path: Path,
        passphrase: str,
        *,
        clock: Clock,
        last_epoch: int | None = None,
        auto_lock_seconds: float = DEFAULT_AUTO_LOCK_SECONDS,
    ) -> Vault:
        """Unlock an existing vault; nothing is written unless the passphrase is right.

        A withdrawal interrupted by a crash is completed before this returns. If
        ``last_epoch`` (remembered by the caller) is higher than the vault's epoch, a
        "rollback" warning is added to ``warnings``.
        """
        ensure_free(path)
        unlocked = unlock_with_passphrase(path, passphrase)
        return cls._open_unlocked(path, unlocked, clock, last_epoch, auto_lock_seconds)

    @classmethod
    def open_with_recovery_key(
        cls,
        path: Path,
        recovery_key: str,
        *,
        clock: Clock,
        auto_lock_seconds: float = DEFAULT_AUTO_LOCK_SECONDS,
    ) -> Vault:
        """Unlock with the recovery key (then set a new passphrase with change_passphrase)."""
        ensure_free(path)
        unlocked = unlock_with_recovery(path, recovery_key)
        return cls._open_unlocked(path, unlocked, clock, None, auto_lock_seconds)

    @classmethod
    def _open_unlocked(
        cls,
        path: Path,
        unlocked: Unlocked,
        clock: Clock,
        last_epoch: int | None,
        auto_lock_seconds: float,
    ) -> Vault:
        conn, instance = cls._connect_unlocked(path, unlocked)
        vault = cls(
            path, conn, instance, unlocked, clock=clock, auto_lock_seconds=auto_lock_seconds
        )
        try:
            vault._after_unlock(last_epoch)
        except BaseException:
            vault.close()
            raise
        return vault

    def _after_unlock(self, last_epoch: int | None) -> None:
        """Finish interrupted withdrawals before any data is shown; check the epoch."""
        resumed = shredding.resume(self._store())
        if resumed is not None:
            self.warnings.append("withdrawal-completed")
        from . import purge  # a retention purge interrupted by a crash is finished too

        if purge.resume(self) is not None:
            self.warnings.append("purge-completed")
        if last_epoch is not None and self.epoch < last_epoch:
            self.warnings.append("rollback")

    def change_passphrase(self, new_passphrase: str, *, kdf: KdfParams | None = None) -> float:
        """Re-wrap the vault key under a new passphrase: one row, then a log checkpoint.

        Returns the new unlock time in seconds. Data rows are untouched.
        """
        check_passphrase(new_passphrase)
        live = self._state()
        current = self._header()
        old = current.slot(hdr.SlotKind.PASSPHRASE)
        assert old is not None
        params = kdf or old.kdf
        require_floor(params)
        salt = os.urandom(SALT_BYTES)
        result = timed_derive(normalize(new_passphrase), salt, params)
        slot = wrap_slot(
            hdr.SlotKind.PASSPHRASE, current.vault_id, params, salt, result.key, live.vault_key
        )
        raw = hdr.encode(current.with_slot(slot))
        self._replace_header(raw)
        return result.seconds

    def _replace_header(self, raw: bytes) -> None:
        with self._store().bare_transaction():
            self._conn.execute("UPDATE vault_header SET body = ? WHERE name = 'header'", (raw,))
        self._raw_header = raw
        checkpoint(self._conn)

    @classmethod
    def restore(
        cls,
        backup: Path,
        new_path: Path,
        passphrase: str,
        *,
        clock: Clock,
        erasure_ledger: Iterable[str] = (),
        auto_lock_seconds: float = DEFAULT_AUTO_LOCK_SECONDS,
    ) -> Vault:
        """Verify a backup whole, write it as a new vault, re-apply the erasure ledger.

        The passphrase is the one the vault had when the backup was made. ``erasure_ledger``
        adds key ids destroyed since (from ``erasure_ledger()`` of the live vault); they and
        the backup's own ledger are destroyed before this returns.
        """
        if new_path.exists():
            raise VaultExists()
        image, unlocked = _restore_image(backup, passphrase)
        if not new_path.parent.exists():
            new_path.parent.mkdir(parents=True, mode=0o700)
        sealed.write_new(new_path, image)
        vault = cls._open_unlocked(new_path, unlocked, clock, None, auto_lock_seconds)
        try:
            vault.apply_erasure_ledger(list(erasure_ledger))
        except BaseException:
            vault.close()
            raise
        return vault

    @classmethod
    def change_passphrase_of(
        cls, path: Path, old_passphrase: str, new_passphrase: str, *, clock: Clock
    ) -> None:
        """Open with the old passphrase, change it, close."""
        with cls.open(path, old_passphrase, clock=clock) as vault:
            assert isinstance(vault, Vault)
            vault.change_passphrase(new_passphrase)


def _new_keys(result: Calibration, salt: bytes, recovery_key: bool) -> tuple[Unlocked, str | None]:
    """A random vault id and vault key, wrapped in the passphrase (and recovery) keyslots."""
    vault_id, vault_key = os.urandom(16), Secret(os.urandom(32))
    slots = [
        wrap_slot(hdr.SlotKind.PASSPHRASE, vault_id, result.params, salt, result.key, vault_key)
    ]
    recovery_text = None
    if recovery_key:
        recovery_text, raw = new_recovery_key()
        slots.append(recovery_slot(vault_id, raw, vault_key))
    raw_header = hdr.encode(hdr.Header(vault_id, tuple(slots)))
    return Unlocked(raw_header, hdr.decode(raw_header), vault_key, False), recovery_text


def _restore_image(backup: Path, passphrase: str) -> tuple[bytes, Unlocked]:
    """Read, unlock and authenticate a whole container in memory (nothing written)."""
    if not backup.is_file():
        raise VaultMissing()
    if backup.stat().st_size > sealed.MAX_BACKUP:
        raise FormatError("backup")
    container = sealed.parse(backup.read_bytes())
    header = hdr.decode(container.vault_header)
    slot = header.slot(hdr.SlotKind.PASSPHRASE)
    assert slot is not None
    kek = derive(normalize(passphrase), slot.salt, slot.kdf)
    vault_key = unwrap_slot(slot, header.vault_id, kek)
    image = sealed.open_container(container, subkey(vault_key, "backup-wrap"))
    sealed.verify_image(image, container.vault_header)
    return image, Unlocked(container.vault_header, header, vault_key, below_floor(slot.kdf))


def _remove_partial(path: Path) -> None:
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(FileNotFoundError):
            candidate.unlink()
