"""Header parsing and tampering, wrong passphrases, KDF caps and floor, recovery key, lock file."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import struct
import time
from pathlib import Path

import pytest
from cryptography.exceptions import UnsupportedAlgorithm

from appsession.core.clock import FakeClock
from appsession.vault import (
    FLOOR,
    FormatError,
    HeaderCorrupted,
    KdfAlgorithm,
    KdfParams,
    UnsupportedParameters,
    Vault,
    VaultBusy,
    VaultMissing,
    WeakParameters,
    WeakPassphrase,
    WrongPassphrase,
    facade,
    kdf,
)
from appsession.vault import header as hdr

from .conftest import PASSPHRASE, make_vault


def fingerprint(folder: Path) -> dict[str, tuple[str, int]]:
    """Name → (SHA-256, mtime_ns) of every file in the folder."""
    return {
        path.name: (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
        for path in sorted(folder.iterdir())
    }


def read_header(path: Path) -> bytes:
    conn = sqlite3.connect(path)
    try:
        return bytes(conn.execute("SELECT body FROM vault_header").fetchone()[0])
    finally:
        conn.close()


def write_header(path: Path, raw: bytes) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE vault_header SET body = ?", (raw,))
    conn.close()


def reseal(raw: bytes, offset: int, value: bytes) -> bytes:
    """Replace bytes inside the header body and recompute the checksum."""
    body = bytearray(raw[:-32])
    body[offset : offset + len(value)] = value
    return bytes(body) + hashlib.sha256(bytes(body)).digest()


SLOT = 4 + 2 + 16 + 1  # where the first keyslot starts


@pytest.fixture
def closed_vault(vault_path: Path, clock: FakeClock) -> Path:
    make_vault(vault_path, clock).close()
    return vault_path


def test_wrong_passphrase_writes_nothing(closed_vault: Path, clock: FakeClock) -> None:
    before = fingerprint(closed_vault.parent)
    for attempt in ("wrong passphrase 1", "wrong passphrase 2", "wrong passphrase 3"):
        with pytest.raises(WrongPassphrase):
            Vault.open(closed_vault, attempt, clock=clock)
        assert fingerprint(closed_vault.parent) == before
    Vault.open(closed_vault, PASSPHRASE, clock=clock).close()


def test_wrong_passphrase_takes_the_full_kdf_time(closed_vault: Path, clock: FakeClock) -> None:
    salt = hdr.decode(read_header(closed_vault)).slots[0].salt
    kdf_time = min(kdf.timed_derive(b"x", salt, FLOOR).seconds for _ in range(2))
    start = time.perf_counter()
    with pytest.raises(WrongPassphrase):
        Vault.open(closed_vault, "not the passphrase", clock=clock)
    assert time.perf_counter() - start > 0.5 * kdf_time


def test_a_missing_vault_is_reported_without_creating_it(tmp_path: Path, clock: FakeClock) -> None:
    with pytest.raises(VaultMissing):
        Vault.open(tmp_path / "none.db", PASSPHRASE, clock=clock)
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_is_not_a_vault_is_a_format_error(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"just some text, not SQLite" * 100)
    with pytest.raises(FormatError):
        Vault.open(path, PASSPHRASE, clock=clock)


def test_checksum_mismatch_means_corrupted_header(closed_vault: Path, clock: FakeClock) -> None:
    raw = bytearray(read_header(closed_vault))
    raw[SLOT + 20] ^= 0x40  # inside the salt, checksum left as it was
    write_header(closed_vault, bytes(raw))
    before = fingerprint(closed_vault.parent)
    with pytest.raises(HeaderCorrupted):
        Vault.open(closed_vault, PASSPHRASE, clock=clock)
    assert fingerprint(closed_vault.parent) == before


@pytest.mark.parametrize(
    ("offset", "value"),
    [
        (SLOT + 14, b"\x55" * 16),  # salt
        (SLOT + 30, b"\x00" * 12),  # keyslot nonce
        (SLOT + 50, b"\xff"),  # wrapped vault key
        (4 + 2, b"\x00" * 16),  # vault id
        (SLOT + 6, struct.pack(">I", 4)),  # t = 4 (valid but different)
    ],
)
def test_consistent_but_altered_header_is_a_wrong_passphrase(
    closed_vault: Path, clock: FakeClock, offset: int, value: bytes
) -> None:
    write_header(closed_vault, reseal(read_header(closed_vault), offset, value))
    with pytest.raises(WrongPassphrase):
        Vault.open(closed_vault, PASSPHRASE, clock=clock)


@pytest.mark.parametrize(
    ("m", "t", "p"),
    [(2**32 - 1, 3, 4), (8 * 2**20, 3, 4), (65536, 10**6, 4), (65536, 3, 255), (0, 0, 0)],
)
def test_absurd_kdf_parameters_are_refused_fast(
    closed_vault: Path, clock: FakeClock, m: int, t: int, p: int
) -> None:
    write_header(
        closed_vault, reseal(read_header(closed_vault), SLOT + 2, struct.pack(">III", m, t, p))
    )
    before = fingerprint(closed_vault.parent)
    start = time.perf_counter()
    with pytest.raises(UnsupportedParameters):
        Vault.open(closed_vault, PASSPHRASE, clock=clock)
    assert time.perf_counter() - start < 0.05
    assert fingerprint(closed_vault.parent) == before


def test_a_newer_format_version_is_refused(closed_vault: Path, clock: FakeClock) -> None:
    write_header(closed_vault, reseal(read_header(closed_vault), 4, struct.pack(">H", 2)))
    with pytest.raises(FormatError):
        Vault.open(closed_vault, PASSPHRASE, clock=clock)


def test_header_round_trips() -> None:
    slot = hdr.Keyslot(hdr.SlotKind.PASSPHRASE, FLOOR, b"s" * 16, b"n" * 12, b"w" * 48)
    header = hdr.Header(b"v" * 16, (slot,))
    assert hdr.decode(hdr.encode(header)) == header


def test_creation_refuses_weak_passphrases_and_parameters(
    vault_path: Path, clock: FakeClock
) -> None:
    with pytest.raises(WeakPassphrase):
        Vault.create(vault_path, "short", clock=clock, kdf=FLOOR)
    weak = KdfParams(KdfAlgorithm.ARGON2ID, 32768, 3, 4)
    with pytest.raises(WeakParameters):
        Vault.create(vault_path, PASSPHRASE, clock=clock, kdf=weak)
    assert not vault_path.parent.exists() or not any(vault_path.parent.iterdir())


def test_nfc_and_nfd_passphrases_open_the_same_vault(vault_path: Path, clock: FakeClock) -> None:
    nfc, nfd = "Zo\u00eb \u00c5ngstr\u00f6m 2026", "Zoe\u0308 A\u030angstro\u0308m 2026"
    Vault.create(vault_path, nfc, clock=clock, kdf=FLOOR)[0].close()
    Vault.open(vault_path, nfd, clock=clock).close()
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_path, nfc + " ", clock=clock)


def test_recovery_key_opens_and_resets_the_passphrase(vault_path: Path, clock: FakeClock) -> None:
    vault, recovery = Vault.create(
        vault_path, PASSPHRASE, clock=clock, kdf=FLOOR, recovery_key=True
    )
    vault.close()
    assert recovery is not None
    assert len(recovery.replace("-", "")) == 26
    with pytest.raises(WrongPassphrase):
        Vault.open_with_recovery_key(vault_path, "AAAA-" + recovery[5:], clock=clock)
    with Vault.open_with_recovery_key(vault_path, recovery.lower(), clock=clock) as opened:
        assert isinstance(opened, Vault)
        opened.change_passphrase("a brand new passphrase")
    Vault.open(vault_path, "a brand new passphrase", clock=clock).close()
    Vault.open_with_recovery_key(vault_path, recovery, clock=clock).close()


def test_one_instance_per_vault(closed_vault: Path, clock: FakeClock) -> None:
    first = Vault.open(closed_vault, PASSPHRASE, clock=clock)
    try:
        with pytest.raises(VaultBusy):
            Vault.open(closed_vault, PASSPHRASE, clock=clock)
    finally:
        first.close()
    Vault.open(closed_vault, PASSPHRASE, clock=clock).close()


def test_files_are_private(closed_vault: Path, clock: FakeClock) -> None:
    vault = Vault.open(closed_vault, PASSPHRASE, clock=clock)
    vault.add_intervention("x")
    modes = {p.name: p.stat().st_mode & 0o777 for p in closed_vault.parent.iterdir()}
    vault.close()
    assert set(modes.values()) == {0o600}
    assert closed_vault.parent.stat().st_mode & 0o777 == 0o700


def test_scrypt_is_recorded_when_argon2id_is_unavailable(
    vault_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unavailable(**_kwargs: object) -> None:
        raise UnsupportedAlgorithm("no argon2")

    monkeypatch.setattr(kdf, "Argon2id", unavailable)
    vault, _ = Vault.create(vault_path, PASSPHRASE, clock=clock)
    vault.close()
    slot = hdr.decode(read_header(vault_path)).slots[0]
    assert slot.kdf == KdfParams(KdfAlgorithm.SCRYPT, 2**18, 8, 1)
    Vault.open(vault_path, PASSPHRASE, clock=clock).close()


def test_below_floor_vault_opens_with_a_warning(
    closed_vault: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = Vault.open(closed_vault, PASSPHRASE, clock=clock)
    assert vault.warnings == []
    # Simulate a vault made by an older, weaker version: re-wrap its keyslot below the floor.
    monkeypatch.setattr(facade, "require_floor", kdf.check_caps)
    vault.change_passphrase(PASSPHRASE, kdf=KdfParams(KdfAlgorithm.ARGON2ID, 32768, 3, 4))
    vault.close()
    monkeypatch.undo()
    vault = Vault.open(closed_vault, PASSPHRASE, clock=clock)
    assert vault.warnings == ["weak-kdf"]
    vault.close()


def test_absurd_parameters_never_reach_the_kdf() -> None:
    for params in (
        KdfParams(KdfAlgorithm.ARGON2ID, 2**40, 3, 4),
        KdfParams(KdfAlgorithm.SCRYPT, 2**30, 8, 1),
        KdfParams(KdfAlgorithm.HKDF_SHA256, 0, 0, 0),
    ):
        with pytest.raises(UnsupportedParameters):
            kdf.derive(b"x", b"s" * 16, params)


@pytest.mark.slow
def test_default_parameters_are_calibrated(tmp_path: Path) -> None:
    clock = FakeClock()
    path = tmp_path / "default.db"
    vault, _ = Vault.create(path, PASSPHRASE, clock=clock)
    vault.close()
    slot = hdr.decode(read_header(path)).slots[0]
    assert slot.kdf.algorithm is KdfAlgorithm.ARGON2ID
    assert FLOOR.memory_kib <= slot.kdf.memory_kib <= 1024 * 1024
    assert (slot.kdf.iterations, slot.kdf.lanes) == (3, 4)
    start = time.perf_counter()
    Vault.open(path, PASSPHRASE, clock=clock).close()
    elapsed = time.perf_counter() - start
    assert 0.05 < elapsed < 5.0, elapsed
    assert os.stat(path).st_mode & 0o777 == 0o600
