"""The encrypted vault: one SQLite file where every sensitive value is AES-256-GCM encrypted.

Other parts of the app use only this facade (never SQL). Design: docs/security.md.

Opening and closing::

    vault, recovery = Vault.create(path, passphrase, clock=clock, kdf=None, recovery_key=False)
    vault = Vault.open(path, passphrase, clock=clock, last_epoch=None)  # finishes withdrawals
    vault = Vault.open_with_recovery_key(path, recovery_key, clock=clock)
    vault.lock(); vault.unlock(passphrase); vault.is_locked; vault.lock_if_idle()
    vault.close()                       # or ``with Vault.open(...) as vault:``
    vault.change_passphrase(new, kdf=None) -> float      # one row rewritten
    Vault.change_passphrase_of(path, old, new, clock=clock)
    vault.unlock_seconds, vault.warnings ("weak-kdf", "rollback"), vault.epoch
    vault.problems -> list[Problem]     # records skipped by listings (damaged, missing…)
    with vault.batch(): ...             # many writes, one durable commit (import, demo)

Domain records (``core.model`` dataclasses in and out; ids are uuid4 hex made here)::

    add_intervention(title, commissioner="", period="", facilitator="") -> Intervention
    update_intervention(item); interventions(); intervention(id)
    add_group(intervention_id, name) -> Group; update_group(g); groups(intervention_id)
    add_participant(group_id, name, pseudonym, role="") -> Participant
    update_participant(p); participants(group_id); participant(id)
    set_consent(Consent); consent(participant_id) -> Consent
    add_session(group_id, number, date, protocol_id, protocol_version, protocol_hash,
                length_minutes=180, situations=1) -> Session
    update_session(s); sessions(group_id); session(id); group_of_session(id)
    add_situation(group_id, presenter_id, title) -> Situation; update_situation; situations
    save_note(Note) -> Note; delete_note(id) -> bool; note(id); notes(session_id); all_notes()
    save_pending_text(session_id, text); pending_text(session_id); flush_pending()
    add_theme(intervention_id, name, definition="", parent_id="") -> Theme
    update_theme(t); delete_theme(id); themes(intervention_id)
    save_draft_item(DraftItem) -> DraftItem; delete_draft_item(id); draft_items(intervention_id)
    add_decision(Decision) -> Decision; decisions(item_id=None)
    put_document(kind, doc_id, data, *, intervention_id="", session_id="", participant_id="")
    document(kind, doc_id); documents(kind, *, intervention_id=None); delete_document(kind, id)
    record_event(kind, **ids_and_counts); audit_events() -> list[AuditEvent]

Whole-vault operations::

    vault.withdraw(participant_id, session_id=None) -> WithdrawalReport   # crypto-shredding
    vault.check() -> CheckReport        # every damaged/missing/rolled-back record by id
    vault.backup(out, *, overwrite=False) -> int      # sealed PGVB1 container, bytes written
    Vault.restore(backup, new_path, passphrase, *, clock, erasure_ledger=()) -> Vault
    vault.erasure_ledger() -> list[str]; vault.apply_erasure_ledger(key_ids) -> int
    describe_problem(Problem) -> str; describe_warning(code) -> str   # translated one-liners

Interrupted withdrawals and retention purges (``vault/purge.py``) are finished by ``open``
before it returns (``warnings`` then holds "withdrawal-completed" / "purge-completed").

Errors: every error is a ``VaultError`` (a ``UserError`` with a translated one-line message):
``WrongPassphrase``, ``HeaderCorrupted``, ``UnsupportedParameters``, ``FormatError``,
``IntegrityError(table, row_id)``, ``Locked``, ``VaultBusy``, ``VaultMissing``,
``VaultExists``, ``WeakPassphrase``, ``WeakParameters``, ``StorageError``, ``NotFound``.
"""

from __future__ import annotations

from .errors import (
    FormatError,
    HeaderCorrupted,
    IntegrityError,
    Locked,
    NotFound,
    StorageError,
    UnsupportedParameters,
    VaultBusy,
    VaultError,
    VaultExists,
    VaultMissing,
    WeakParameters,
    WeakPassphrase,
    WrongPassphrase,
)
from .facade import Vault
from .kdf import DEFAULT, FLOOR, KdfAlgorithm, KdfParams
from .manifest import Problem
from .reports import (
    AuditEvent,
    CheckReport,
    WithdrawalReport,
    describe_problem,
    describe_warning,
)

__all__ = [
    "DEFAULT",
    "FLOOR",
    "AuditEvent",
    "CheckReport",
    "FormatError",
    "HeaderCorrupted",
    "IntegrityError",
    "KdfAlgorithm",
    "KdfParams",
    "Locked",
    "NotFound",
    "Problem",
    "StorageError",
    "UnsupportedParameters",
    "Vault",
    "VaultBusy",
    "VaultError",
    "VaultExists",
    "VaultMissing",
    "WeakParameters",
    "WeakPassphrase",
    "WithdrawalReport",
    "WrongPassphrase",
    "describe_problem",
    "describe_warning",
]
