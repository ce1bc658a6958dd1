"""Retention purges by crypto-shredding: whole sessions, a whole intervention, old audit events.

The withdrawal mechanics of ``withdraw.py`` (design §2.9) applied to what a retention rule
makes due:

1. an encrypted pending-purge marker (ids only) is committed;
2. one transaction destroys the keys (SK_s and every CK_{·,s} of the sessions, or IK_i and
   everything under it), every record encrypted under them, the sessions' manifests, the
   extra rows named by the plan (situations, audit events), adds the key ids to the erasure
   ledger, and writes the content-free certificate into the audit log;
3. ``wal_checkpoint(TRUNCATE)``, ``VACUUM``, ``wal_checkpoint(TRUNCATE)``;
4. the marker is cleared.

Step 2 is all or nothing, so a crash never leaves a half purge or a purge without its
certificate. ``resume`` finishes an interrupted one (it is called before every purge; the
facade should also call it on unlock, as it does for withdrawals).

Functions take a ``Vault``; the facade may expose them as methods later.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import aead
from . import header as hdr
from . import withdraw as shredding
from .aead import AuthenticationFailed
from .backup import MAGIC as BACKUP_MAGIC
from .connection import checkpoint
from .errors import FormatError, IntegrityError, NotFound
from .kdf import KEY_BYTES, KdfParams, below_floor
from .keyring import KEY_USE_CAP, new_id
from .manifest_store import ManifestBook
from .owners import data_key
from .store import Store

if TYPE_CHECKING:
    from .facade import Vault

MARKER = "pending_purge"
EVENT = "purge"
Details = Mapping[str, str | int]


@dataclass(frozen=True)
class PurgeReport:
    """What a purge destroyed (ids and counts only).

    Attributes:
        certificate: the id of its certificate in the audit log (``details["certificate"]``).
        key_ids: the keys destroyed (also in the erasure ledger).
        records: how many records were deleted.
        seconds: how long it took, checkpoint and VACUUM included.
    """

    certificate: str
    key_ids: tuple[str, ...]
    records: int
    seconds: float = 0.0


@dataclass(frozen=True)
class _Plan:
    certificate: str
    keys: tuple[str, ...]
    scopes: tuple[str, ...]
    rows: tuple[tuple[str, str], ...]
    details: dict[str, str | int] = field(default_factory=dict)

    def encode(self) -> bytes:
        body = {
            "certificate": self.certificate,
            "keys": list(self.keys),
            "scopes": list(self.scopes),
            "rows": [list(row) for row in self.rows],
            "details": self.details,
        }
        return json.dumps(body, sort_keys=True).encode("utf-8")


def key_digest(key_ids: Iterable[str]) -> str:
    """SHA-256 of the sorted key ids: lets a certificate be checked against the ledger."""
    return hashlib.sha256("\n".join(sorted(key_ids)).encode("ascii")).hexdigest()


# -- what to destroy ------------------------------------------------------------------------
def purge_sessions(
    vault: Vault, session_ids: Sequence[str], situation_ids: Sequence[str] = (), *, details: Details
) -> PurgeReport:
    """Destroy sessions (records, attendance, notes, typed text, documents) and situations.

    Destroys each session's key SK_s and every contribution key CK_{p,s}: participants,
    their consents and the draft stay.
    """
    store = vault._store()
    keys: list[str] = []
    for session_id in session_ids:
        keys += _column(store, "SELECT id FROM keyring WHERE session_id = ?", (session_id,))
    rows = tuple(("situations", row_id) for row_id in situation_ids)
    return _purge(vault, keys, tuple(session_ids), rows, details)


def purge_intervention(vault: Vault, intervention_id: str, *, details: Details) -> PurgeReport:
    """Destroy everything of an intervention: its key IK_i and every key under it.

    The audit log (content-free, under the data key) stays.
    """
    store = vault._store()
    keys = _column(store, "SELECT id FROM keyring WHERE intervention_id = ?", (intervention_id,))
    if not keys:
        raise NotFound("interventions", intervention_id)
    sessions = _column(
        store,
        "SELECT DISTINCT session_id FROM keyring WHERE intervention_id = ? AND kind = 'session'",
        (intervention_id,),
    )
    return _purge(vault, keys, tuple(sessions), (), details)


def purge_audit_events(vault: Vault, event_ids: Sequence[str], *, details: Details) -> PurgeReport:
    """Delete audit events past their retention (no key: they share the data key)."""
    rows = tuple(("audit_events", event_id) for event_id in event_ids)
    return _purge(vault, [], (), rows, details)


def present_keys(vault: Vault, key_ids: Sequence[str]) -> set[str]:
    """Which of these keys still exist (a certificate's check: after a purge, none)."""
    store = vault._store()
    found: set[str] = set()
    for start in range(0, len(key_ids), 500):
        chunk = tuple(key_ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        found |= set(_column(store, f"SELECT id FROM keyring WHERE id IN ({marks})", chunk))
    return found


def _column(store: Store, sql: str, params: tuple[str, ...]) -> list[str]:
    return [str(row[0]) for row in store.conn.execute(sql, params)]


# -- how ------------------------------------------------------------------------------------
def _purge(
    vault: Vault,
    keys: list[str],
    scopes: tuple[str, ...],
    rows: tuple[tuple[str, str], ...],
    details: Details,
) -> PurgeReport:
    resume(vault)
    vault.flush_pending()
    store = vault._store()
    start = time.perf_counter()
    all_keys = tuple(shredding._with_descendants(store, keys)) if keys else ()
    plan = _Plan(new_id(), all_keys, scopes, rows, dict(details))
    _write_marker(store, plan)
    records = _execute(vault, plan, certified=False)
    shredding.compact(store)
    _clear_marker(store)
    return PurgeReport(plan.certificate, all_keys, records, time.perf_counter() - start)


def _execute(vault: Vault, plan: _Plan, *, certified: bool) -> int:
    """Step 2, in one transaction; every part is idempotent (a resume runs it again)."""
    store = vault._store()
    with store.transaction():
        detach_manifests(store, plan.scopes)
        records = 0
        if plan.keys:
            records, _notes = shredding.shred(store, list(plan.keys), store.mac_key)
        forget_manifests(store.book, plan.scopes)
        for table, row_id in plan.rows:
            records += int(store.delete(table, row_id))
        if not certified:
            vault.record_event(
                EVENT,
                certificate=plan.certificate,
                **plan.details,
                keys=len(plan.keys),
                key_ids=",".join(plan.keys),
                key_digest=key_digest(plan.keys),
                records=records,
            )
    return records


def detach_manifests(store: Store, scopes: Sequence[str]) -> None:
    """Before a session key goes: read its manifest into memory, delete the stored row.

    The row references the key (foreign key) and is encrypted under it; the entries stay in
    memory so that ``shred`` can still forget the session's rows one by one.
    """
    for scope in scopes:
        store.book.entries(scope)
        store.write("DELETE FROM manifests WHERE id = ?", (scope,))


def forget_manifests(book: ManifestBook, scopes: Sequence[str]) -> None:
    """After the keys went: drop the sessions' manifests from the book (rolled back with it)."""
    for scope in scopes:
        book.drop_scope(scope)


def resume(vault: Vault) -> PurgeReport | None:
    """Finish a purge interrupted by a crash; returns what it did, or None."""
    store = vault._store()
    plan = _read_marker(store)
    if plan is None:
        return None
    start = time.perf_counter()
    done = any(
        event.kind == EVENT and event.details.get("certificate") == plan.certificate
        for event in vault.audit_events()
    )
    records = _execute(vault, plan, certified=done)
    shredding.compact(store)
    _clear_marker(store)
    return PurgeReport(plan.certificate, plan.keys, records, time.perf_counter() - start)


# -- the marker -----------------------------------------------------------------------------
def _marker_aad(store: Store, key_id: str, version: int) -> bytes:
    return aead.record_aad(store.vault_id, "meta", "body", MARKER, 0, key_id, version, ())


def _write_marker(store: Store, plan: _Plan) -> None:
    with store.transaction():
        cipher = data_key(store)
        aad = _marker_aad(store, cipher.key_id, cipher.version)
        body = aead.seal(cipher.aead, cipher.version, plan.encode(), aad)
        store.write(
            "INSERT INTO meta (name, body) VALUES (?, ?)"
            " ON CONFLICT(name) DO UPDATE SET body = excluded.body",
            (MARKER, cipher.key_id.encode("ascii") + b":" + body),
        )


def _read_marker(store: Store) -> _Plan | None:
    row = store.conn.execute("SELECT body FROM meta WHERE name = ?", (MARKER,)).fetchone()
    if row is None:
        return None
    key_id, _sep, body = bytes(row[0]).partition(b":")
    try:
        cipher = store.keyring.cipher(key_id.decode("ascii"))
        plain = aead.unseal(cipher.aead, body, _marker_aad(store, cipher.key_id, cipher.version))
        raw = json.loads(plain.decode("utf-8"))
        return _Plan(
            str(raw["certificate"]),
            tuple(str(k) for k in raw["keys"]),
            tuple(str(s) for s in raw["scopes"]),
            tuple((str(t), str(r)) for t, r in raw["rows"]),
            {str(k): v for k, v in dict(raw["details"]).items() if isinstance(v, str | int)},
        )
    except (AuthenticationFailed, FormatError, ValueError, KeyError, TypeError):
        raise IntegrityError("meta", MARKER) from None


def _clear_marker(store: Store) -> None:
    with store.transaction():
        store.write("DELETE FROM meta WHERE name = ?", (MARKER,))
    checkpoint(store.conn)


# -- what the papers state --------------------------------------------------------------------
PRAGMAS = ("journal_mode", "synchronous", "secure_delete", "temp_store", "foreign_keys")


@dataclass(frozen=True)
class VaultSettings:
    """The security settings of an open vault, read back from its header and connection."""

    format_version: int
    kdf: KdfParams
    kdf_below_floor: bool
    recovery_key: bool
    record_cipher: str
    nonce_bits: int
    padding_bytes: int
    key_use_cap: int
    pragmas: dict[str, str]
    auto_lock_seconds: float
    erased_keys: int
    backup_format: str


def settings(vault: Vault) -> VaultSettings:
    """What the record of processing and the DPIA state as implemented measures."""
    store = vault._store()
    header = vault._header()
    slot = header.slot(hdr.SlotKind.PASSPHRASE)
    assert slot is not None
    pragmas = {name: str(store.conn.execute(f"PRAGMA {name}").fetchone()[0]) for name in PRAGMAS}
    return VaultSettings(
        format_version=header.version,
        kdf=slot.kdf,
        kdf_below_floor=below_floor(slot.kdf),
        recovery_key=header.slot(hdr.SlotKind.RECOVERY) is not None,
        record_cipher=f"AES-{KEY_BYTES * 8}-GCM",
        nonce_bits=aead.NONCE_BYTES * 8,
        padding_bytes=aead.BUCKET,
        key_use_cap=KEY_USE_CAP,
        pragmas=pragmas,
        auto_lock_seconds=vault.auto_lock_seconds,
        erased_keys=len(vault.erasure_ledger()),
        backup_format=BACKUP_MAGIC.decode("ascii"),
    )
