"""Sealed backups: nothing readable inside, verified whole before anything is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from appsession.core.clock import FakeClock
from appsession.core.model import Note
from appsession.vault import (
    FormatError,
    HeaderCorrupted,
    IntegrityError,
    Vault,
    VaultExists,
    WrongPassphrase,
)
from appsession.vault import backup as sealed
from appsession.vault import header as hdr
from appsession.vault.kdf import derive, normalize
from appsession.vault.unlock import subkey, unwrap_slot

from .conftest import (
    CANARIES,
    PASSPHRASE,
    Populated,
    encodings,
    folder_bytes,
    hits,
    make_vault,
    populate,
)


@pytest.fixture
def backup_file(populated: Populated, tmp_path: Path) -> Path:
    """A backup of several chunks (the notes are long enough to exceed 3 × 64 KiB)."""
    vault = populated.vault
    with vault.batch():
        for index in range(400):
            vault.save_note(Note("", populated.sessions[1].id, f"{CANARIES[0]} {index} " * 20))
    out = tmp_path / "backups" / "vault.pgvb"
    out.parent.mkdir()
    vault.backup(out)
    return out


def snapshot_of(vault: Vault) -> dict[str, object]:
    """Everything a user can see, for equality between source and restore."""
    intervention = vault.interventions()[0]
    groups = vault.groups(intervention.id)
    return {
        "interventions": vault.interventions(),
        "groups": groups,
        "participants": [vault.participants(g.id) for g in groups],
        "sessions": [vault.sessions(g.id) for g in groups],
        "notes": sorted(vault.all_notes(), key=lambda n: n.id),
    }


def test_restore_equals_source(
    populated: Populated, backup_file: Path, tmp_path: Path, clock: FakeClock
) -> None:
    restored = Vault.restore(
        backup_file, tmp_path / "restored" / "vault.db", PASSPHRASE, clock=clock
    )
    try:
        assert snapshot_of(restored) == snapshot_of(populated.vault)
        assert restored.check().ok
        assert restored._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        restored.close()


def test_backup_holds_nothing_readable(populated: Populated, backup_file: Path) -> None:
    data = backup_file.read_bytes()
    assert b"SQLite format 3" not in data
    assert backup_file.stat().st_mode & 0o777 == 0o600
    needles = [form for text in CANARIES for form in encodings(text)]
    assert hits({backup_file: data}, needles) == []


@pytest.fixture(scope="module")
def shared_backup(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One multi-chunk backup for the tampering tests (read-only)."""
    folder = tmp_path_factory.mktemp("shared")
    vault = make_vault(folder / "vault" / "vault.db", FakeClock())
    populated = populate(vault, folder / "vault" / "vault.db", notes_per_person=2)
    with vault.batch():
        for index in range(400):
            vault.save_note(Note("", populated.sessions[1].id, f"{CANARIES[0]} {index} " * 20))
    vault.backup(folder / "vault.pgvb")
    vault.close()
    return folder / "vault.pgvb"


def tampered(data: bytes, kind: str, where: int) -> bytes:
    chunk = sealed.CHUNK + sealed.TAG
    header_len = len(data) - len(sealed.parse(data).body)
    if kind == "flip":
        raw = bytearray(data)
        raw[where] ^= 0x01
        return bytes(raw)
    if kind == "truncate_last":
        return data[: header_len + chunk * ((len(data) - header_len) // chunk)]
    if kind == "truncate":
        return data[:where]
    first, second = header_len + chunk * where, header_len + chunk * (where + 1)
    return (
        data[:first] + data[second : second + chunk] + data[first:second] + data[second + chunk :]
    )


@pytest.mark.parametrize(
    ("kind", "where"),
    [
        ("flip", 0),
        ("flip", 8),
        ("flip", 40),
        ("flip", 200),
        ("flip", -1),
        ("flip", -70000),
        ("flip", 300),
        ("truncate_last", 0),
        ("truncate", 100),
        ("truncate", 70000),
        ("swap", 0),
        ("swap", 1),
    ],
)
def test_tampered_backup_fails_before_writing(
    shared_backup: Path, tmp_path: Path, clock: FakeClock, kind: str, where: int
) -> None:
    data = shared_backup.read_bytes()
    assert len(sealed.parse(data).body) > 3 * sealed.CHUNK
    bad = tmp_path / "bad.pgvb"
    bad.write_bytes(tampered(data, kind, where if where >= 0 else len(data) + where))
    target = tmp_path / "restore" / "vault.db"
    with pytest.raises((IntegrityError, FormatError, HeaderCorrupted, WrongPassphrase)):
        Vault.restore(bad, target, PASSPHRASE, clock=clock)
    assert not target.parent.exists()


def test_every_byte_of_the_container_header_is_authenticated(shared_backup: Path) -> None:
    data = shared_backup.read_bytes()
    container = sealed.parse(data)
    header = hdr.decode(container.vault_header)
    slot = header.slots[0]
    kek = derive(normalize(PASSPHRASE), slot.salt, slot.kdf)
    wrap_key = subkey(unwrap_slot(slot, header.vault_id, kek), "backup-wrap")
    assert sealed.open_container(container, wrap_key)[:16] == b"SQLite format 3\0"
    for index in range(len(container.header_bytes)):
        raw = bytearray(data)
        raw[index] ^= 0x80
        with pytest.raises((IntegrityError, FormatError)):
            sealed.open_container(sealed.parse(bytes(raw)), wrap_key)


def test_wrong_passphrase_writes_nothing(
    backup_file: Path, tmp_path: Path, clock: FakeClock
) -> None:
    target = tmp_path / "restore" / "vault.db"
    with pytest.raises(WrongPassphrase):
        Vault.restore(backup_file, target, "not the passphrase", clock=clock)
    assert not target.parent.exists()


def test_restore_never_overwrites(
    populated: Populated, backup_file: Path, clock: FakeClock
) -> None:
    with pytest.raises(VaultExists):
        Vault.restore(backup_file, populated.path, PASSPHRASE, clock=clock)
    with pytest.raises(VaultExists):
        populated.vault.backup(backup_file)
    populated.vault.backup(backup_file, overwrite=True)
    assert [p.name for p in backup_file.parent.iterdir()] == ["vault.pgvb"]


def test_restoring_an_old_backup_replays_the_erasure_ledger(
    populated: Populated, backup_file: Path, tmp_path: Path, clock: FakeClock
) -> None:
    person = populated.people[0]
    report = populated.vault.withdraw(person.id)
    ledger = populated.vault.erasure_ledger()
    assert set(report.key_ids) <= set(ledger)
    target = tmp_path / "restored" / "vault.db"
    restored = Vault.restore(backup_file, target, PASSPHRASE, clock=clock, erasure_ledger=ledger)
    try:
        spoken = {n.id for n in populated.notes_of(person)}
        assert not spoken & {n.id for n in restored.all_notes()}
        assert person.id not in {p.id for p in restored.participants(populated.group.id)}
        assert restored.check().ok
    finally:
        restored.close()
    wrapped = [bytes(w) for (w,) in populated.vault._conn.execute("SELECT wrapped FROM keyring")]
    assert wrapped
    name = person.name.encode("utf-8")
    assert hits(folder_bytes(target.parent), [name]) == []


def test_a_backup_made_after_withdrawal_carries_its_ledger(
    populated: Populated, tmp_path: Path, clock: FakeClock
) -> None:
    populated.vault.withdraw(populated.people[1].id)
    out = tmp_path / "after.pgvb"
    populated.vault.backup(out)
    restored = Vault.restore(out, tmp_path / "r" / "vault.db", PASSPHRASE, clock=clock)
    try:
        assert restored.erasure_ledger() == populated.vault.erasure_ledger()
    finally:
        restored.close()
