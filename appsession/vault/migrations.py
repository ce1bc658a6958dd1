"""Schema migrations from day one: STRICT tables, random TEXT ids, BLOB ciphertexts only.

Clear columns are limited to what §2.7 of the design allows: random ids and owner ids used
for joins and shredding, key ids and versions, revisions and the usage counter of each key.
No full-text index and no index over anything but id columns. sqlite-utils records applied
migrations; its ``applied_at`` wall-clock time is replaced by an empty string, because
timestamps stay out of clear columns.
"""

from __future__ import annotations

from typing import Any

import sqlite_utils
from sqlite_utils.migrations import Migrations

RECORD_TABLES: dict[str, tuple[str, ...]] = {
    "interventions": (),
    "groups": ("intervention_id",),
    "participants": ("group_id",),
    "consents": ("participant_id",),
    "sessions": ("group_id",),
    "situations": ("group_id", "participant_id"),
    "notes": ("session_id", "participant_id"),
    "themes": ("intervention_id",),
    "draft_items": ("intervention_id", "participant_id"),
    "decisions": ("item_id", "group_id"),
    "pending_texts": ("session_id",),
    "documents": ("kind", "intervention_id", "session_id", "participant_id"),
    "audit_events": (),
}
"""Each record table and its clear owner columns (all ids; bound into every blob's AAD)."""


class VaultMigrations(Migrations):
    """sqlite-utils migrations that keep wall-clock time out of the clear schema."""

    def _record_applied(self, db: sqlite_utils.Database, name: str) -> None:
        db.table(self.migrations_table).insert(
            {"migration_set": self.name, "name": name, "applied_at": ""}
        )


MIGRATIONS = VaultMigrations("appsession.vault")


def _record_table(owners: tuple[str, ...], name: str) -> str:
    columns = "".join(f"    {owner} TEXT NOT NULL DEFAULT '',\n" for owner in owners)
    return (
        f"CREATE TABLE {name} (\n"
        "    id TEXT PRIMARY KEY NOT NULL,\n"
        "    revision INTEGER NOT NULL,\n"
        "    key_id TEXT NOT NULL REFERENCES keyring(id),\n"
        f"{columns}"
        "    body BLOB NOT NULL\n"
        ") STRICT"
    )


@MIGRATIONS(name="0001_initial")
def _initial(db: Any) -> None:
    """Header, keyring, manifests, metadata, erasure ledger and the record tables."""
    conn = db.conn
    conn.execute(
        "CREATE TABLE vault_header (name TEXT PRIMARY KEY NOT NULL, body BLOB NOT NULL) STRICT"
    )
    conn.execute(
        "CREATE TABLE keyring (\n"
        "    id TEXT PRIMARY KEY NOT NULL,\n"
        "    kind TEXT NOT NULL,\n"
        "    version INTEGER NOT NULL,\n"
        "    parent_id TEXT REFERENCES keyring(id),\n"
        "    intervention_id TEXT NOT NULL DEFAULT '',\n"
        "    session_id TEXT NOT NULL DEFAULT '',\n"
        "    participant_id TEXT NOT NULL DEFAULT '',\n"
        "    uses INTEGER NOT NULL DEFAULT 0,\n"
        "    wrapped BLOB NOT NULL\n"
        ") STRICT"
    )
    conn.execute("CREATE INDEX keyring_owner ON keyring (participant_id, session_id)")
    conn.execute("CREATE INDEX keyring_parent ON keyring (parent_id)")
    conn.execute(
        "CREATE TABLE manifests (id TEXT PRIMARY KEY NOT NULL, revision INTEGER NOT NULL,"
        " key_id TEXT NOT NULL REFERENCES keyring(id), body BLOB NOT NULL) STRICT"
    )
    conn.execute("CREATE TABLE meta (name TEXT PRIMARY KEY NOT NULL, body BLOB NOT NULL) STRICT")
    conn.execute(
        "CREATE TABLE erasures (key_id TEXT PRIMARY KEY NOT NULL, mac BLOB NOT NULL) STRICT"
    )
    for name, owners in RECORD_TABLES.items():
        conn.execute(_record_table(owners, name))
        conn.execute(f"CREATE INDEX {name}_key ON {name} (key_id)")
        for owner in owners:
            if owner != "kind":
                conn.execute(f"CREATE INDEX {name}_{owner} ON {name} ({owner})")


def migrate(db: sqlite_utils.Database) -> None:
    """Apply pending migrations (only ever called after a successful unlock)."""
    MIGRATIONS.apply(db)
