"""Reports and small records the vault returns (ids and counts only, never content)."""

from __future__ import annotations

from dataclasses import dataclass, field

from appsession.i18n import _

from .manifest import Problem


@dataclass(frozen=True)
class AuditEvent:
    """A content-free audit log entry: what happened, when, to which ids, how many."""

    id: str
    kind: str
    at: str = field(repr=False)
    details: dict[str, str | int] = field(default_factory=dict)


@dataclass(frozen=True)
class WithdrawalReport:
    """What a withdrawal destroyed.

    Attributes:
        participant_id: who withdrew.
        session_id: the one session withdrawn from, or "" for everything.
        key_ids: the keys destroyed (also written to the erasure ledger).
        records: how many records were deleted.
        flagged_items: draft items that cited withdrawn notes and need review.
        seconds: how long the shred took, checkpoint and VACUUM included.
    """

    participant_id: str
    session_id: str
    key_ids: tuple[str, ...]
    records: int
    flagged_items: tuple[str, ...] = ()
    seconds: float = 0.0


@dataclass(frozen=True)
class CheckReport:
    """The result of verifying every record, manifest and key.

    Attributes:
        records: how many records decrypted and matched their manifest.
        problems: each damaged, missing, rolled-back or unexpected record, by id.
        sqlite_ok: SQLite's own ``integrity_check`` said "ok".
        root_ok: the MACed root matched every manifest.
        epoch: the vault epoch.
    """

    records: int
    problems: tuple[Problem, ...]
    sqlite_ok: bool
    root_ok: bool
    epoch: int

    @property
    def ok(self) -> bool:
        """True when nothing at all is wrong."""
        return not self.problems and self.sqlite_ok and self.root_ok


def describe_problem(problem: Problem) -> str:
    """A translated one-line description of a record problem (ids only)."""
    messages = {
        "damaged": _("record {row_id} in {table} failed its integrity check"),
        "missing": _("record {row_id} in {table} is missing (deleted outside the app)"),
        "rolled_back": _("record {row_id} in {table} was rolled back to an older version"),
        "unexpected": _("record {row_id} in {table} is not listed in its manifest"),
        "not_erased": _("key {row_id} was erased by a withdrawal but is present again"),
    }
    template = messages.get(problem.kind, messages["damaged"])
    return template.format(row_id=problem.row_id, table=problem.table)


def describe_warning(code: str) -> str:
    """A translated one-line text for a code of ``Vault.warnings``."""
    messages = {
        "weak-kdf": _(
            "this vault's key derivation is below the recommended floor; "
            "change the passphrase to strengthen it"
        ),
        "rollback": _(
            "this vault is older than the last one opened on this device "
            "(it may have been replaced by an old copy)"
        ),
        "withdrawal-completed": _("an interrupted consent withdrawal was completed"),
        "purge-completed": _("an interrupted retention purge was completed"),
    }
    return messages.get(code, code)
