"""Tampering with stored rows: bit flips, swaps, deletions and rollbacks are named by id."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from appsession.core.clock import FakeClock
from appsession.core.model import Note
from appsession.vault import IntegrityError, Problem, Vault, VaultError

from .conftest import PASSPHRASE, Populated, make_vault, populate


@pytest.fixture
def outside(populated: Populated) -> Iterator[sqlite3.Connection]:
    """A second connection, as an attacker with the file would use (fast, not durable)."""
    conn = sqlite3.connect(populated.path, isolation_level=None)
    conn.execute("PRAGMA synchronous=OFF")
    yield conn
    conn.close()


def blob(conn: sqlite3.Connection, table: str, row_id: str, column: str = "body") -> bytes:
    return bytes(
        conn.execute(f"SELECT {column} FROM {table} WHERE id = ?", (row_id,)).fetchone()[0]
    )


def put(
    conn: sqlite3.Connection, table: str, row_id: str, value: object, column: str = "body"
) -> None:
    conn.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", (value, row_id))


def assert_only_damaged(populated: Populated, *damaged: str) -> None:
    vault = populated.vault
    for note_id in damaged:
        with pytest.raises(IntegrityError) as caught:
            vault.note(note_id)
        assert (caught.value.table, caught.value.row_id) == ("notes", note_id)
    readable = {n.id for n in vault.all_notes()}
    assert readable == {n.id for n in populated.notes} - set(damaged)
    assert {p.row_id for p in vault.problems if p.table == "notes"} == set(damaged)


def test_every_single_bit_flip_is_named(populated: Populated, outside: sqlite3.Connection) -> None:
    vault, target = populated.vault, populated.notes[4]
    original = blob(outside, "notes", target.id)
    others = [n for n in populated.notes if n.session_id == target.session_id and n != target]
    for bit in range(len(original) * 8):
        flipped = bytearray(original)
        flipped[bit // 8] ^= 1 << (bit % 8)
        put(outside, "notes", target.id, bytes(flipped))
        with pytest.raises(IntegrityError) as caught:
            vault.note(target.id)
        assert (caught.value.table, caught.value.row_id) == ("notes", target.id)
        assert "CANARY" not in str(caught.value)
    assert len(vault.notes(target.session_id)) == len(others)
    assert vault.problems == [Problem("notes", target.id, "damaged")]
    put(outside, "notes", target.id, original)
    assert vault.note(target.id) == target
    assert not vault.is_locked


def test_swaps_between_rows_participants_and_sessions(
    populated: Populated, outside: sqlite3.Connection
) -> None:
    p0, p1 = populated.people[:2]
    s0, s1 = populated.sessions
    same_person = populated.notes_of(p0, s0)[:2]
    across_people = [populated.notes_of(p0, s0)[2], populated.notes_of(p1, s0)[0]]
    across_sessions = [populated.notes_of(p1, s0)[1], populated.notes_of(p1, s1)[0]]
    for first, second in (same_person, across_people, across_sessions):
        a, b = blob(outside, "notes", first.id), blob(outside, "notes", second.id)
        put(outside, "notes", first.id, b)
        put(outside, "notes", second.id, a)
    damaged = [n.id for pair in (same_person, across_people, across_sessions) for n in pair]
    assert_only_damaged(populated, *damaged)


def test_moving_a_note_to_another_speaker_or_session(
    populated: Populated, outside: sqlite3.Connection
) -> None:
    note = populated.notes_of(populated.people[0], populated.sessions[0])[0]
    other = populated.notes_of(populated.people[2], populated.sessions[0])[0]
    put(outside, "notes", note.id, populated.people[1].id, column="participant_id")
    put(outside, "notes", other.id, populated.sessions[1].id, column="session_id")
    populated.vault.all_notes()
    with pytest.raises(IntegrityError):
        populated.vault.note(note.id)
    with pytest.raises(IntegrityError):
        populated.vault.note(other.id)


def test_swap_between_columns(populated: Populated, outside: sqlite3.Connection) -> None:
    person = populated.people[0]
    note = populated.notes_of(person)[0]
    put(outside, "participants", person.id, blob(outside, "notes", note.id))
    assert populated.vault.participants(populated.group.id) == populated.people[1:]
    assert Problem("participants", person.id, "damaged") in populated.vault.problems


def test_swap_between_two_vaults_with_the_same_passphrase(
    populated: Populated, outside: sqlite3.Connection, tmp_path: Path, clock: FakeClock
) -> None:
    other = populate(make_vault(tmp_path / "other" / "vault.db", clock), tmp_path)
    try:
        stolen = (
            other.vault._store()
            .conn.execute("SELECT body FROM notes WHERE id = ?", (other.notes[0].id,))
            .fetchone()[0]
        )
    finally:
        other.vault.close()
    target = populated.notes[0]
    put(outside, "notes", target.id, stolen)
    assert_only_damaged(populated, target.id)


def test_deleted_row_is_reported_missing(populated: Populated, outside: sqlite3.Connection) -> None:
    gone = populated.notes[2]
    outside.execute("DELETE FROM notes WHERE id = ?", (gone.id,))
    report = populated.vault.check()
    assert not report.ok
    assert report.problems == (Problem("notes", gone.id, "missing"),)
    populated.vault.notes(gone.session_id)
    assert Problem("notes", gone.id, "missing") in populated.vault.problems


def test_rolled_back_row_is_reported(populated: Populated, outside: sqlite3.Connection) -> None:
    note = populated.notes[1]
    old = outside.execute("SELECT revision, body FROM notes WHERE id = ?", (note.id,)).fetchone()
    populated.vault.save_note(
        Note(note.id, note.session_id, "corrected", speaker_id=note.speaker_id)
    )
    outside.execute("UPDATE notes SET revision = ?, body = ? WHERE id = ?", (*old, note.id))
    report = populated.vault.check()
    assert report.problems == (Problem("notes", note.id, "rolled_back"),)
    with pytest.raises(IntegrityError):
        populated.vault.note(note.id)


def test_rolling_back_a_whole_session_breaks_the_root(
    populated: Populated, outside: sqlite3.Connection
) -> None:
    session = populated.sessions[0]
    note = populated.notes[0]
    saved = outside.execute("SELECT * FROM notes WHERE id = ?", (note.id,)).fetchone()
    manifest = outside.execute("SELECT * FROM manifests WHERE id = ?", (session.id,)).fetchone()
    populated.vault.save_note(Note(note.id, session.id, "changed", speaker_id=note.speaker_id))
    outside.execute("DELETE FROM notes WHERE id = ?", (note.id,))
    outside.execute(f"INSERT INTO notes VALUES ({','.join('?' * len(saved))})", saved)
    outside.execute("DELETE FROM manifests WHERE id = ?", (session.id,))
    outside.execute(f"INSERT INTO manifests VALUES ({','.join('?' * len(manifest))})", manifest)
    report = populated.vault.check()
    assert not report.root_ok
    assert not report.ok


def test_unexpected_row_is_reported(populated: Populated, outside: sqlite3.Connection) -> None:
    note = populated.notes[0]
    copy = list(outside.execute("SELECT * FROM notes WHERE id = ?", (note.id,)).fetchone())
    copy[0] = "e" * 32
    outside.execute(f"INSERT INTO notes VALUES ({','.join('?' * len(copy))})", copy)
    problems = populated.vault.check().problems
    assert Problem("notes", "e" * 32, "damaged") in problems


def test_damaged_key_is_named(populated: Populated, outside: sqlite3.Connection) -> None:
    key_id = outside.execute(
        "SELECT id FROM keyring WHERE kind = 'contribution' LIMIT 1"
    ).fetchone()[0]
    wrapped = bytearray(blob(outside, "keyring", key_id, column="wrapped"))
    wrapped[-1] ^= 1
    outside.execute("UPDATE keyring SET wrapped = ? WHERE id = ?", (bytes(wrapped), key_id))
    populated.vault.lock()
    populated.vault.unlock(PASSPHRASE)
    report = populated.vault.check()
    assert Problem("keyring", key_id, "damaged") in report.problems
    assert report.records > 0


def damage_is_reported(path: Path, clock: FakeClock) -> bool:
    """A clear ``VaultError`` or a check report that is not ok; never another exception."""
    try:
        vault = Vault.open(path, PASSPHRASE, clock=clock)
    except VaultError:
        return True
    try:
        return not vault.check().ok
    except VaultError:
        return True
    finally:
        vault.close()


def test_truncated_file_gives_a_clear_error(
    populated: Populated, clock: FakeClock, tmp_path: Path
) -> None:
    populated.vault.close()
    copy = tmp_path / "half" / "vault.db"
    copy.parent.mkdir()
    shutil.copy(populated.path, copy)
    with copy.open("r+b") as handle:
        handle.truncate(copy.stat().st_size // 2)
    assert damage_is_reported(copy, clock)
    populated.vault = Vault.open(populated.path, PASSPHRASE, clock=clock)


@pytest.mark.parametrize("page_from_end", [1, 3, 6])
def test_overwritten_page_is_reported(
    populated: Populated, clock: FakeClock, page_from_end: int
) -> None:
    populated.vault.close()
    size = populated.path.stat().st_size
    with populated.path.open("r+b") as handle:
        handle.seek(size - 4096 * page_from_end)
        handle.write(b"\xa5" * 4096)
    assert damage_is_reported(populated.path, clock)
    populated.vault = make_vault(populated.path.with_name("fresh.db"), clock)


def test_write_ahead_log_deleted_mid_session(populated: Populated, clock: FakeClock) -> None:
    vault = populated.vault
    wal = Path(f"{populated.path}-wal")
    assert wal.exists()
    wal.unlink()
    later = [vault.save_note(Note("", populated.sessions[0].id, f"after {i}")) for i in range(5)]
    vault.close()
    populated.vault = Vault.open(populated.path, PASSPHRASE, clock=clock)
    report = populated.vault.check()
    assert report.ok
    assert {n.id for n in [*populated.notes, *later]} == {n.id for n in populated.vault.all_notes()}
