"""Nothing readable at rest: canary scans, schema audit, connection settings, no temp files."""

from __future__ import annotations

import re
import sqlite3
import tempfile
from pathlib import Path

import pytest
import sqlite_utils

from appsession.core.clock import FakeClock
from appsession.core.model import Note
from appsession.vault import aead
from appsession.vault.connection import connect, database

from .conftest import CANARIES, PASSPHRASE, Populated, encodings, folder_bytes, hits

ALLOWED_CLEAR = {
    "id",
    "revision",
    "key_id",
    "intervention_id",
    "group_id",
    "session_id",
    "participant_id",
    "item_id",
    "kind",
    "version",
    "parent_id",
    "uses",
    "name",
    "migration_set",
    "applied_at",
}
ENCRYPTED = {"body", "wrapped", "mac"}
DATE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{2}:\d{2}")


def canary_needles(populated: Populated) -> list[bytes]:
    texts = [*CANARIES, PASSPHRASE, "Groupe du mardi", "2026-01-12"]
    return [form for text in texts for form in encodings(text)]


def test_canaries_never_reach_any_file(
    populated: Populated, clock: FakeClock, tmp_path: Path
) -> None:
    vault, needles = populated.vault, canary_needles(populated)
    for index in range(50):
        vault.save_note(Note("", populated.sessions[0].id, f"{CANARIES[1]} extra {index}"))
    vault.save_pending_text(populated.sessions[1].id, f"typing {CANARIES[0]}")
    scan = [populated.path.parent, Path(tempfile.gettempdir()) / "appsession-none"]
    assert list(populated.path.parent.glob("*-wal"))  # scanned while the log is live
    assert hits(folder_bytes(*[p for p in scan if p.exists()]), needles) == []
    vault.backup(tmp_path / "backup.pgvb")
    vault.close()
    assert hits(folder_bytes(populated.path.parent, tmp_path), needles) == []
    populated.vault = type(vault).open(populated.path, PASSPHRASE, clock=clock)


def test_schema_has_only_ids_in_clear(populated: Populated) -> None:
    populated.vault.close()
    conn = sqlite3.connect(populated.path)
    try:
        audit_schema(conn)
        audit_rows(conn)
    finally:
        conn.close()
    populated.vault = type(populated.vault).open(populated.path, PASSPHRASE, clock=FakeClock())


def audit_schema(conn: sqlite3.Connection) -> None:
    objects = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    for kind, name, _table, sql in objects:
        assert "fts" not in (sql or "").lower(), name
        assert "virtual" not in (sql or "").lower(), name
        if kind == "table" and not name.startswith(("sqlite_", "_sqlite_migrations")):
            assert sql.rstrip().endswith("STRICT"), name
        if kind == "index":
            columns = [row[2] for row in conn.execute(f"PRAGMA index_info('{name}')")]
            assert set(columns) <= ALLOWED_CLEAR - {"name"} | {"migration_set", "name"}, name
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        for _cid, column, _type, *_rest in conn.execute(f"PRAGMA table_info('{table}')"):
            assert column in ALLOWED_CLEAR | ENCRYPTED, (table, column)


def audit_rows(conn: sqlite3.Connection) -> None:
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    for table in tables:
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info('{table}')")]
        for row in conn.execute(f"SELECT * FROM {table}"):
            for column, value in zip(columns, row, strict=True):
                check_value(table, column, value)


def check_value(table: str, column: str, value: object) -> None:
    if column == "body" and table not in ("vault_header", "meta"):
        assert isinstance(value, bytes)
        assert (len(value) - aead.OVERHEAD) % aead.BUCKET == 0, table
        assert len(value) > aead.OVERHEAD, table
        aead.parse(value)
    elif isinstance(value, str):
        assert not DATE.search(value), (table, column)
        assert re.fullmatch(r"[0-9a-f]{32}|[a-z_\-0-9.]*|vault", value), (table, column, value)
    elif isinstance(value, int):
        assert value < 10**8, (table, column)  # no epoch seconds


def test_connection_settings(populated: Populated) -> None:
    vault = populated.vault
    connections = [vault._conn, vault._checkpointer.connection_for_tests, connect(populated.path)]
    for conn in connections:
        values = [
            conn.execute(f"PRAGMA {name}").fetchone()[0]
            for name in (
                "journal_mode",
                "synchronous",
                "secure_delete",
                "temp_store",
                "foreign_keys",
                "trusted_schema",
                "cell_size_check",
            )
        ]
        assert values == ["wal", 2, 1, 2, 1, 0, 1]
    connections[-1].close()


def test_sqlite_utils_runs_no_plugin_and_no_tracer(
    populated: Populated, monkeypatch: pytest.MonkeyPatch
) -> None:
    def forbidden() -> None:
        raise AssertionError("plugins must not load")

    monkeypatch.setattr(sqlite_utils.db, "ensure_plugins_loaded", forbidden)
    conn = connect(populated.path)
    try:
        db = database(conn)
        assert db._tracer is None
    finally:
        conn.close()


def test_records_of_different_sizes_share_buckets(populated: Populated) -> None:
    vault, session = populated.vault, populated.sessions[0]
    lengths = {}
    for text in ("a", "x" * 50, "y" * 100):
        note = vault.save_note(Note("", session.id, text))
        lengths[text] = len(
            vault._conn.execute("SELECT body FROM notes WHERE id = ?", (note.id,)).fetchone()[0]
        )
    assert len(set(lengths.values())) == 1


def test_no_temporary_file_is_created(
    populated: Populated, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock
) -> None:
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(private_tmp))
    monkeypatch.setenv("SQLITE_TMPDIR", str(private_tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    vault = populated.vault
    for index in range(30):
        vault.save_note(Note("", populated.sessions[0].id, f"temp test {index}"))
    vault.all_notes()
    vault.check()
    vault.backup(tmp_path / "b.pgvb")
    vault.withdraw(populated.people[0].id)
    vault.lock()
    vault.unlock(PASSPHRASE)
    vault.close()
    restored = type(vault).restore(
        tmp_path / "b.pgvb", tmp_path / "r" / "vault.db", PASSPHRASE, clock=clock
    )
    restored.close()
    assert list(private_tmp.iterdir()) == []
    names = {p.name for p in populated.path.parent.iterdir()}
    assert names == {"vault.db", "vault.db.lock"}
    populated.vault = type(vault).open(populated.path, PASSPHRASE, clock=clock)


def test_the_scanner_finds_planted_canaries(tmp_path: Path) -> None:
    import base64

    planted = tmp_path / "planted.bin"
    for prefix in (b"", b"x", b"xy"):
        planted.write_bytes(b"garbage" + base64.b64encode(prefix + CANARIES[1].encode()) + b"==")
        assert hits(folder_bytes(tmp_path), encodings(CANARIES[1]))
    planted.write_bytes(b"\0\0" + CANARIES[0].encode("utf-16-be"))
    assert hits(folder_bytes(tmp_path), encodings(CANARIES[0]))
