"""Changing the passphrase rewrites one row, removes the old keyslot and survives kill -9."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from appsession.core.clock import FakeClock
from appsession.vault import Vault, WrongPassphrase

from .conftest import PASSPHRASE, Populated, folder_bytes, hits, make_vault, populate

CHILD = Path(__file__).with_name("child.py")
REPO = Path(__file__).resolve().parents[2]
NEW = "a completely new passphrase"


def every_row(path: Path) -> dict[tuple[str, object], tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            (table, row[0]): tuple(row)
            for table in tables
            for row in conn.execute(f"SELECT * FROM {table}")
        }
    finally:
        conn.close()


def test_change_rewrites_one_row_and_removes_the_old_slot(
    populated: Populated, clock: FakeClock
) -> None:
    populated.vault.close()
    before = every_row(populated.path)
    old_header = before[("vault_header", "header")][1]
    assert isinstance(old_header, bytes)
    Vault.change_passphrase_of(populated.path, PASSPHRASE, NEW, clock=clock)
    after = every_row(populated.path)
    changed = {key for key in before if before[key] != after.get(key)}
    assert changed == {("vault_header", "header")}
    assert set(after) == set(before)
    old_slot = old_header[23 + 14 : 23 + 90]  # salt, nonce and wrapped key of the old slot
    assert hits(folder_bytes(populated.path.parent), [old_slot]) == []
    with pytest.raises(WrongPassphrase):
        Vault.open(populated.path, PASSPHRASE, clock=clock)
    populated.vault = Vault.open(populated.path, NEW, clock=clock)
    assert {n.id for n in populated.vault.all_notes()} == {n.id for n in populated.notes}


def test_change_requires_a_long_enough_passphrase(populated: Populated) -> None:
    from appsession.vault import WeakPassphrase

    with pytest.raises(WeakPassphrase):
        populated.vault.change_passphrase("short")


def test_kill_during_change_leaves_exactly_one_passphrase(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "vault" / "vault.db"
    populate(make_vault(path, clock), path, notes_per_person=2).vault.close()
    current, other = PASSPHRASE, NEW
    rng = random.Random(3)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for _trial in range(8):
        child = subprocess.Popen(
            [sys.executable, str(CHILD), "passwd", str(path), current, other],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        time.sleep(rng.uniform(0.2, 0.9))
        child.send_signal(signal.SIGKILL)
        child.wait()
        opens = [phrase for phrase in (current, other) if _opens(path, phrase, clock)]
        assert len(opens) == 1
        if opens == [other]:
            current, other = other, current


def _opens(path: Path, passphrase: str, clock: FakeClock) -> bool:
    try:
        vault = Vault.open(path, passphrase, clock=clock)
    except WrongPassphrase:
        return False
    ok = vault.check().ok
    vault.close()
    assert ok
    return True
