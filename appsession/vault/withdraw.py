"""Consent withdrawal by crypto-shredding, crash-safe (design §2.9).

1. An encrypted pending-erasure marker (key ids only) is committed.
2. One transaction deletes the keys (PK_p, or CK_{p,s}), every record encrypted under them,
   updates the manifests and adds the key ids to the erasure ledger (ids + MAC).
3. ``wal_checkpoint(TRUNCATE)`` (checked), ``VACUUM``, ``wal_checkpoint(TRUNCATE)``:
   with ``secure_delete`` no freed cell, log frame or free page keeps the old bytes.
4. The marker is cleared (and the log checkpointed again).

If the process dies anywhere, ``Vault.open`` finds the marker and runs 2–4 again (every step
is idempotent) before returning, so no data of a withdrawn participant is ever shown.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time

from . import aead
from .aead import AuthenticationFailed
from .connection import checkpoint
from .errors import FormatError, IntegrityError, NotFound
from .migrations import RECORD_TABLES
from .owners import data_key
from .reports import WithdrawalReport
from .store import Store

MARKER = "pending_erasure"


def keys_to_destroy(store: Store, participant_id: str, session_id: str) -> list[str]:
    """CK_{p,s} for one session; PK_p and every CK_{p,·} for a full withdrawal."""
    if session_id:
        rows = store.conn.execute(
            "SELECT id FROM keyring WHERE kind = 'contribution' AND participant_id = ?"
            " AND session_id = ?",
            (participant_id, session_id),
        )
    else:
        rows = store.conn.execute(
            "SELECT id FROM keyring WHERE participant_id = ?", (participant_id,)
        )
    return _with_descendants(store, [str(row[0]) for row in rows])


def _with_descendants(store: Store, key_ids: list[str]) -> list[str]:
    found, frontier = list(key_ids), list(key_ids)
    while frontier:
        marks = ",".join("?" * len(frontier))
        children = [
            str(row[0])
            for row in store.conn.execute(
                f"SELECT id FROM keyring WHERE parent_id IN ({marks})", frontier
            )
        ]
        frontier = [child for child in children if child not in found]
        found += frontier
    return found


def _marker_aad(store: Store, key_id: str, version: int) -> bytes:
    return aead.record_aad(store.vault_id, "meta", "body", MARKER, 0, key_id, version, ())


def write_marker(store: Store, plan: dict[str, object]) -> None:
    """Step 1: commit the intent (ids only, encrypted under the data key)."""
    with store.transaction():
        cipher = data_key(store)
        body = aead.seal(
            cipher.aead,
            cipher.version,
            json.dumps(plan).encode("utf-8"),
            _marker_aad(store, cipher.key_id, cipher.version),
        )
        store.write(
            "INSERT INTO meta (name, body) VALUES (?, ?)"
            " ON CONFLICT(name) DO UPDATE SET body = excluded.body",
            (MARKER, cipher.key_id.encode("ascii") + b":" + body),
        )


def read_marker(store: Store) -> dict[str, object] | None:
    """The pending plan, if a withdrawal was interrupted."""
    row = store.conn.execute("SELECT body FROM meta WHERE name = ?", (MARKER,)).fetchone()
    if row is None:
        return None
    key_id, _sep, body = bytes(row[0]).partition(b":")
    try:
        cipher = store.keyring.cipher(key_id.decode("ascii"))
        plain = aead.unseal(cipher.aead, body, _marker_aad(store, cipher.key_id, cipher.version))
        plan = json.loads(plain.decode("utf-8"))
    except (AuthenticationFailed, FormatError, UnicodeDecodeError, ValueError):
        raise IntegrityError("meta", MARKER) from None
    if not isinstance(plan, dict):
        raise IntegrityError("meta", MARKER)
    return plan


def ledger_mac(mac_key: bytes, vault_id: str, key_id: str) -> bytes:
    """Binds a ledger entry to its vault (ids only, no names)."""
    message = aead.encode_aad(aead.AAD_LABEL, vault_id, "erasure", key_id)
    return hmac.new(mac_key, message, hashlib.sha256).digest()


def shred(store: Store, key_ids: list[str], mac_key: bytes) -> tuple[int, list[str]]:
    """Step 2: delete keys and their records in one transaction; returns (records, note ids)."""
    deleted, note_ids = 0, []
    marks = ",".join("?" * len(key_ids))
    with store.transaction():
        scopes = _detach_manifests(store, key_ids, marks)
        for table, owners in RECORD_TABLES.items():
            columns = ", ".join(("id", *owners))
            rows = store.conn.execute(
                f"SELECT {columns} FROM {table} WHERE key_id IN ({marks})", key_ids
            ).fetchall()
            for row_id, *values in rows:
                clear = dict(zip(owners, values, strict=True))
                store.write(f"DELETE FROM {table} WHERE id = ?", (row_id,))
                store.book.forget(store.scope_of(table, row_id, clear), table, row_id)
                store.problems.pop((table, row_id), None)
                note_ids += [row_id] if table == "notes" else []
            deleted += len(rows)
        for scope in scopes:
            store.book.drop_scope(scope)
        for key_id in _children_first(store, key_ids):
            store.write("DELETE FROM keyring WHERE id = ?", (key_id,))
        for key_id in key_ids:
            store.write(
                "INSERT OR IGNORE INTO erasures (key_id, mac) VALUES (?, ?)",
                (key_id, ledger_mac(mac_key, store.vault_id, key_id)),
            )
    store.keyring.forget_cache()
    return deleted, note_ids


def _detach_manifests(store: Store, key_ids: list[str], marks: str) -> list[str]:
    """Manifests sealed under a key that goes (a destroyed session): load, then delete them.

    Their entries stay in memory so that the loop above can forget rows one by one; the book
    then drops the whole scope, since nothing is left to list.
    """
    scopes = [
        row[0]
        for row in store.conn.execute(
            f"SELECT id FROM manifests WHERE key_id IN ({marks})", key_ids
        ).fetchall()
    ]
    for scope in scopes:
        store.book.entries(scope)
        store.write("DELETE FROM manifests WHERE id = ?", (scope,))
    return scopes


def _children_first(store: Store, key_ids: list[str]) -> list[str]:
    depth = {"data": 0, "intervention": 1, "participant": 2, "session": 2, "contribution": 3}
    marks = ",".join("?" * len(key_ids))
    rows = store.conn.execute(f"SELECT id, kind FROM keyring WHERE id IN ({marks})", key_ids)
    return [key_id for key_id, kind in sorted(rows, key=lambda r: -depth.get(r[1], 9))]


def compact(store: Store) -> None:
    """Step 3: push everything into the main file, rebuild it, empty the log."""
    checkpoint(store.conn)
    store.conn.execute("VACUUM")
    checkpoint(store.conn)


def clear_marker(store: Store) -> None:
    """Step 4: the withdrawal is complete."""
    with store.transaction():
        store.write("DELETE FROM meta WHERE name = ?", (MARKER,))
    checkpoint(store.conn)


def run(
    store: Store, participant_id: str, session_id: str, key_ids: list[str]
) -> tuple[WithdrawalReport, list[str]]:
    """Steps 1–4 for a plan; also what ``open`` calls to finish an interrupted one.

    Returns the report and the ids of the notes that were destroyed.
    """
    start = time.perf_counter()
    write_marker(
        store, {"participant_id": participant_id, "session_id": session_id, "key_ids": key_ids}
    )
    deleted, note_ids = shred(store, key_ids, store.mac_key) if key_ids else (0, [])
    compact(store)
    clear_marker(store)
    report = WithdrawalReport(
        participant_id, session_id, tuple(key_ids), deleted, seconds=time.perf_counter() - start
    )
    return report, note_ids


def resume(store: Store) -> WithdrawalReport | None:
    """Finish a withdrawal whose marker survived a crash (called by ``open``)."""
    plan = read_marker(store)
    if plan is None:
        return None
    key_ids = plan.get("key_ids")
    if not isinstance(key_ids, list) or not all(isinstance(k, str) for k in key_ids):
        raise IntegrityError("meta", MARKER)
    report, _notes = run(
        store, str(plan.get("participant_id", "")), str(plan.get("session_id", "")), key_ids
    )
    return report


def plan_for(store: Store, participant_id: str, session_id: str) -> list[str]:
    """The keys to destroy, or ``NotFound`` if there is nothing of this participant."""
    key_ids = keys_to_destroy(store, participant_id, session_id)
    exists = store.conn.execute(
        "SELECT 1 FROM participants WHERE id = ?", (participant_id,)
    ).fetchone()
    if not key_ids and exists is None:
        raise NotFound("participants", participant_id)
    return key_ids
