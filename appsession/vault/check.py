"""``vault.check()``: decrypt every record and key, compare every row with its manifest.

Reports each damaged, missing, rolled-back or unexpected record by table and id, plus keys
listed in the erasure ledger that exist again (an old copy pasted back), a root whose MAC
does not match the manifests, and SQLite's own ``integrity_check``.
"""

from __future__ import annotations

import hmac
import sqlite3

from .errors import IntegrityError
from .manifest import Problem, root_matches
from .manifest_store import ManifestBook
from .migrations import RECORD_TABLES
from .reports import CheckReport
from .store import Row, Store
from .withdraw import ledger_mac


def run_check(store: Store) -> CheckReport:
    """Verify everything; read-only."""
    problems: dict[tuple[str, str], Problem] = {}
    sqlite_ok = _sqlite_ok(store.conn)
    problems.update(_check_keys(store))
    fresh = ManifestBook(store.conn, store.vault_id, store.keyring, store.mac_key, problems)
    stored = fresh.stored_root()
    root_ok = stored is not None and root_matches(
        store.mac_key, store.vault_id, stored, fresh.hashes()
    )
    seen: dict[str, set[tuple[str, str]]] = {}
    good = 0
    for table in RECORD_TABLES:
        for raw in store.select(table, "1", ()):
            result = store.verify(table, raw, fresh)
            scope = store.scope_of(
                table, raw[0], result.owners if isinstance(result, Row) else _owners(table, raw)
            )
            seen.setdefault(scope, set()).add((table, raw[0]))
            if isinstance(result, Problem):
                problems[(result.table, result.row_id)] = result
            else:
                good += 1
    for scope in fresh.scopes():
        for key in fresh.listed(scope):
            if key not in seen.get(scope, set()) and key not in problems:
                problems[key] = Problem(key[0], key[1], "missing")
    problems.update(_check_ledger(store))
    ordered = tuple(sorted(problems.values(), key=lambda p: (p.table, p.row_id, p.kind)))
    epoch = stored.epoch if stored else 0
    return CheckReport(good, ordered, sqlite_ok, root_ok, epoch)


def _owners(table: str, raw: tuple[object, ...]) -> dict[str, str]:
    return {name: str(value) for name, value in zip(RECORD_TABLES[table], raw[3:-1], strict=True)}


def _sqlite_ok(conn: sqlite3.Connection) -> bool:
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError:
        return False
    return rows == [("ok",)] and not fk


def _check_keys(store: Store) -> dict[tuple[str, str], Problem]:
    found: dict[tuple[str, str], Problem] = {}
    for (key_id,) in store.conn.execute("SELECT id FROM keyring").fetchall():
        try:
            store.keyring.cipher(key_id)
        except IntegrityError:
            found[("keyring", key_id)] = Problem("keyring", key_id, "damaged")
    return found


def _check_ledger(store: Store) -> dict[tuple[str, str], Problem]:
    found: dict[tuple[str, str], Problem] = {}
    rows = store.conn.execute(
        "SELECT e.key_id, e.mac, k.id FROM erasures e LEFT JOIN keyring k ON k.id = e.key_id"
    ).fetchall()
    for key_id, mac, still_there in rows:
        if not hmac.compare_digest(ledger_mac(store.mac_key, store.vault_id, key_id), mac):
            found[("erasures", key_id)] = Problem("erasures", key_id, "damaged")
        elif still_there is not None:
            found[("keyring", key_id)] = Problem("keyring", key_id, "not_erased")
    return found
