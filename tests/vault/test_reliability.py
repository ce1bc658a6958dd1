"""Acknowledged saves survive kill -9; a failing disk gives a clear error and loses nothing."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from appsession.core.clock import FakeClock
from appsession.core.model import Note
from appsession.vault import StorageError, Vault

from .conftest import PASSPHRASE, Populated, make_vault

CHILD = Path(__file__).with_name("child.py")
REPO = Path(__file__).resolve().parents[2]


def test_kill_during_rapid_saves_loses_no_acknowledged_save(
    tmp_path: Path, clock: FakeClock
) -> None:
    path = tmp_path / "vault" / "vault.db"
    vault = make_vault(path, clock)
    group = vault.add_group(vault.add_intervention("M").id, "G")
    session = vault.add_session(group.id, 1, "2026-01-01", "app", "1", "h")
    vault.close()
    rng = random.Random(11)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    acknowledged: set[str] = set()
    for _trial in range(3):
        child = subprocess.Popen(
            [sys.executable, str(CHILD), "saves", str(path), session.id],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "open"
        deadline = time.monotonic() + rng.uniform(0.2, 0.6)
        while time.monotonic() < deadline:
            acknowledged.add(child.stdout.readline().strip())
        child.send_signal(signal.SIGKILL)
        child.wait()
        with Vault.open(path, PASSPHRASE, clock=clock) as reopened:
            assert isinstance(reopened, Vault)
            stored = {n.id for n in reopened.notes(session.id)}
            assert acknowledged - {""} <= stored
            assert reopened.check().ok
    assert len(acknowledged) > 100


class FailingConnection:
    """Delegates to a real connection but fails like a full disk or an I/O error."""

    def __init__(self, real: sqlite3.Connection, statement: str, code: int) -> None:
        self.real = real
        self.statement = statement
        self.code = code

    def execute(self, sql: str, *args: Any) -> Any:
        if sql.startswith(self.statement):
            error = sqlite3.OperationalError("disk I/O error")
            error.sqlite_errorcode = self.code  # type: ignore[attr-defined]
            raise error
        return self.real.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


@pytest.mark.parametrize(
    ("statement", "code"),
    [
        ("COMMIT", sqlite3.SQLITE_FULL),
        ("INSERT INTO notes", sqlite3.SQLITE_IOERR),
        ("BEGIN IMMEDIATE", sqlite3.SQLITE_IOERR),
    ],
)
def test_disk_failure_is_a_clear_error_and_the_vault_stays_consistent(
    populated: Populated, clock: FakeClock, statement: str, code: int
) -> None:
    vault = populated.vault
    store = vault._store()
    real = store.conn
    session = populated.sessions[0]
    before = {n.id: n for n in vault.notes(session.id)}
    typed = Note("", session.id, "text the facilitator must not lose")
    store.conn = FailingConnection(real, statement, code)  # type: ignore[assignment]
    with pytest.raises(StorageError) as caught:
        vault.save_note(typed)
    assert "disk full" in str(caught.value)
    assert typed.text == "text the facilitator must not lose"
    store.conn = real
    assert {n.id: n for n in vault.notes(session.id)} == before
    assert vault.check().ok
    saved = vault.save_note(typed)
    assert vault.note(saved.id).text == typed.text
    vault.close()
    assert {p.name for p in populated.path.parent.iterdir()} == {"vault.db", "vault.db.lock"}
    populated.vault = Vault.open(populated.path, PASSPHRASE, clock=clock)
    assert populated.vault.check().ok
