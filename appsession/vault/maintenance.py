"""Withdrawal, verification, backups and the erasure ledger, on an unlocked vault."""

from __future__ import annotations

import dataclasses
import hmac
import sqlite3
from pathlib import Path

from . import backup as sealed
from . import withdraw as shredding
from .check import run_check
from .drafting import DraftingMixin
from .errors import VaultExists
from .reports import CheckReport, WithdrawalReport
from .unlock import subkey


class MaintenanceMixin(DraftingMixin):
    """Operations on the vault as a whole."""

    def withdraw(self, participant_id: str, session_id: str | None = None) -> WithdrawalReport:
        """Crypto-shred a participant's contributions (everywhere, or in one session).

        Destroys PK_p (or CK_{p,s}) and every record under it, rebuilds the file so no
        freed byte remains, records the key ids in the erasure ledger, and returns the ids
        of draft items that cited the destroyed notes (flagged for review). Copies of the
        vault made before this call still hold the old keys: see docs/security.md.
        """
        self._flush_pending(self._state())
        store = self._store()
        key_ids = shredding.plan_for(store, participant_id, session_id or "")
        interventions = _interventions_of_keys(store.conn, key_ids)
        report, note_ids = shredding.run(store, participant_id, session_id or "", key_ids)
        flagged = self._flag_citing_items(interventions, set(note_ids))
        self.record_event(
            "withdrawal", keys=len(key_ids), records=report.records, partial=int(bool(session_id))
        )
        return dataclasses.replace(report, flagged_items=flagged)

    def _flag_citing_items(self, interventions: list[str], gone: set[str]) -> tuple[str, ...]:
        """Draft items (kept) whose evidence cited a destroyed note; stored as review flags."""
        flagged: list[str] = []
        for intervention_id in interventions:
            for item in self.draft_items(intervention_id):
                if gone.intersection(item.evidence):
                    flagged.append(item.id)
                    self.put_document(
                        "review-flag",
                        item.id,
                        {"reason": "withdrawal"},
                        intervention_id=intervention_id,
                    )
        return tuple(flagged)

    def check(self) -> CheckReport:
        """Decrypt and verify every key, record and manifest; report problems by id."""
        self._flush_pending(self._state())
        return run_check(self._store())

    def erasure_ledger(self) -> list[str]:
        """Key ids destroyed by withdrawals (ids only), whose MAC verifies."""
        store = self._store()
        rows = store.conn.execute("SELECT key_id, mac FROM erasures ORDER BY key_id")
        return [
            key_id
            for key_id, mac in rows
            if hmac.compare_digest(shredding.ledger_mac(store.mac_key, store.vault_id, key_id), mac)
        ]

    def apply_erasure_ledger(self, key_ids: list[str]) -> int:
        """Destroy again every listed key still present (after restoring an old copy)."""
        store = self._store()
        wanted = sorted(set(key_ids) | set(self.erasure_ledger()))
        present = [
            k
            for k in wanted
            if store.conn.execute("SELECT 1 FROM keyring WHERE id = ?", (k,)).fetchone()
        ]
        if not present:
            return 0
        key_list = shredding._with_descendants(store, present)
        report, _notes = shredding.run(store, "", "", key_list)
        return len(report.key_ids)

    def backup(self, out: Path, *, overwrite: bool = False) -> int:
        """Write a sealed backup container; returns its size in bytes."""
        live = self._state()
        self._flush_pending(live)
        if out.exists() and not overwrite:
            raise VaultExists()
        image = sealed.snapshot(live.store.conn)
        data = sealed.seal(image, self._raw_header, subkey(live.vault_key, "backup-wrap"))
        if overwrite:
            sealed.write_atomically(out, data)
        else:
            sealed.write_new(out, data)
        return len(data)


def _interventions_of_keys(conn: sqlite3.Connection, key_ids: list[str]) -> list[str]:
    if not key_ids:
        return []
    marks = ",".join("?" * len(key_ids))
    rows = conn.execute(
        f"SELECT DISTINCT intervention_id FROM keyring WHERE id IN ({marks})", key_ids
    )
    return sorted(str(row[0]) for row in rows if row[0])
