"""Encrypted rows in, dictionaries out: the only code that writes record tables.

Every write runs in a ``BEGIN IMMEDIATE`` transaction that also rewrites the affected
manifests and the MACed root before ``COMMIT`` (durable with ``synchronous=FULL``). A batch
(``with store.transaction():`` around many writes) commits once at the end. Reads decrypt
one row at a time: a damaged row raises ``IntegrityError`` for a single read, and is skipped
and recorded in ``problems`` by listings, so the rest of the vault stays usable.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from typing import Any

from . import aead
from .aead import AuthenticationFailed
from .connection import translate
from .errors import FormatError, IntegrityError, NotFound
from .keyring import Cipher, Keyring
from .manifest import VAULT_SCOPE, Problem, Root, digest
from .manifest_store import ManifestBook
from .migrations import RECORD_TABLES

SCOPE_COLUMN = {
    "notes": "session_id",
    "sessions": "id",
    "pending_texts": "session_id",
    "documents": "session_id",
}
"""Tables whose rows belong to a session manifest; every other table is in the vault scope."""
Payload = dict[str, Any]
_ROW_ID = re.compile(r"[0-9a-f]{32}")


def encode_payload(payload: Mapping[str, Any]) -> bytes:
    """Canonical JSON (sorted keys, no spaces, UTF-8)."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def decode_payload(raw: bytes) -> Payload:
    """Inverse of ``encode_payload``; ``FormatError`` unless it is a JSON object."""
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise FormatError("record") from None
    if not isinstance(value, dict):
        raise FormatError("record")
    return value


def _nothing() -> None:
    """The default after-commit hook."""


class Row:
    """One decrypted record: its id, revision, clear owner ids and payload."""

    __slots__ = ("owners", "payload", "revision", "row_id")

    def __init__(
        self, row_id: str, revision: int, owners: dict[str, str], payload: Payload
    ) -> None:
        self.row_id = row_id
        self.revision = revision
        self.owners = owners
        self.payload = payload


class Store:
    """The unlocked vault's storage: connection, keys, manifests and transactions."""

    def __init__(
        self, conn: sqlite3.Connection, vault_id: str, keyring: Keyring, mac_key: bytes
    ) -> None:
        self.conn = conn
        self.vault_id = vault_id
        self.keyring = keyring
        self.mac_key = mac_key
        self.problems: dict[tuple[str, str], Problem] = {}
        self.book = ManifestBook(conn, vault_id, keyring, mac_key, self.problems)
        self._depth = 0
        self._prefixes: dict[str, bytes] = {}
        self.after_commit: Callable[[], None] = _nothing

    # -- transactions -------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One durable transaction; nested calls join the outermost one (a batch)."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._depth = 1
        try:
            self.book.begin()
            self._execute("BEGIN IMMEDIATE")
            yield
            self.book.flush()
            self._execute("COMMIT")
            self.book.committed()
            self.after_commit()
        except BaseException:
            self._rollback()
            raise
        finally:
            self._depth = 0

    @contextmanager
    def bare_transaction(self) -> Iterator[None]:
        """A transaction that writes no manifest and no root (the one-row header change)."""
        if self._depth:
            raise RuntimeError("bare transactions cannot be nested")
        self._execute("BEGIN IMMEDIATE")
        try:
            yield
            self._execute("COMMIT")
        except sqlite3.Error as error:
            self._rollback()
            raise translate(error) from None
        except BaseException:
            self._rollback()
            raise

    def _execute(self, sql: str) -> None:
        try:
            self.conn.execute(sql)
        except sqlite3.Error as error:
            raise translate(error) from None

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            with suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
        self.book.rollback()
        self.keyring.forget_cache()

    def write(self, sql: str, params: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        """Run one statement inside the current transaction, with errors translated."""
        assert self._depth, "writes happen inside a transaction"
        try:
            return self.conn.execute(sql, params)
        except sqlite3.Error as error:
            raise translate(error) from None

    # -- records --------------------------------------------------------------------------
    def _aad(
        self, table: str, row_id: str, revision: int, cipher: Cipher, owners: Mapping[str, str]
    ) -> bytes:
        """``aead.record_aad`` with the constant prefix of each table computed once."""
        prefix = self._prefixes.get(table)
        if prefix is None:
            prefix = aead.encode_aad(aead.AAD_LABEL, self.vault_id, table, "body")
            self._prefixes[table] = prefix
        fields = [row_id, str(revision), cipher.key_id, str(cipher.version)]
        fields += [owners[name] for name in RECORD_TABLES[table]]
        return prefix + aead.encode_text_aad(fields)

    @staticmethod
    def scope_of(table: str, row_id: str, owners: Mapping[str, str]) -> str:
        """The manifest a row belongs to."""
        column = SCOPE_COLUMN.get(table)
        if column is None:
            return VAULT_SCOPE
        return (row_id if column == "id" else owners[column]) or VAULT_SCOPE

    def put(
        self, table: str, row_id: str, owners: Mapping[str, str], payload: Payload, cipher: Cipher
    ) -> int:
        """Insert or update a record (revision + 1); returns the new revision."""
        if not _ROW_ID.fullmatch(row_id):
            raise ValueError("record ids are 32 lowercase hex characters made by the vault")
        with self.transaction():
            old = self._clear_row(table, row_id)
            revision = 1 if old is None else int(old["revision"]) + 1
            aad = self._aad(table, row_id, revision, cipher, owners)
            blob = aead.seal(cipher.aead, cipher.version, encode_payload(payload), aad)
            self.keyring.count_use(cipher)
            columns = ["id", "revision", "key_id", *RECORD_TABLES[table], "body"]
            values = [
                row_id,
                revision,
                cipher.key_id,
                *(owners[name] for name in RECORD_TABLES[table]),
                blob,
            ]
            updates = ", ".join(f"{name} = excluded.{name}" for name in columns[1:])
            self.write(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES"
                f" ({', '.join('?' * len(columns))}) ON CONFLICT(id) DO UPDATE SET {updates}",
                tuple(values),
            )
            scope = self.scope_of(table, row_id, owners)
            if old is not None and (old_scope := self.scope_of(table, row_id, old)) != scope:
                self.book.forget(old_scope, table, row_id)
            self.book.record(scope, table, row_id, revision, digest(blob))
            self.problems.pop((table, row_id), None)
        return revision

    def _clear_row(self, table: str, row_id: str) -> dict[str, str] | None:
        names = ["revision", *RECORD_TABLES[table]]
        row = self.conn.execute(
            f"SELECT {', '.join(names)} FROM {table} WHERE id = ?", (row_id,)
        ).fetchone()
        return None if row is None else dict(zip(names, row, strict=True))

    def delete(self, table: str, row_id: str) -> bool:
        """Delete a record and drop it from its manifest; False if it did not exist."""
        with self.transaction():
            old = self._clear_row(table, row_id)
            if old is None:
                return False
            self.write(f"DELETE FROM {table} WHERE id = ?", (row_id,))
            self.book.forget(self.scope_of(table, row_id, old), table, row_id)
            self.problems.pop((table, row_id), None)
        return True

    def get(self, table: str, row_id: str) -> Row:
        """One record; ``NotFound`` or ``IntegrityError`` (damaged or rolled back)."""
        rows = list(self.select(table, "id = ?", (row_id,)))
        if not rows:
            raise NotFound(table, row_id)
        found = self._open(table, rows[0])
        if isinstance(found, Problem):
            raise IntegrityError(table, row_id)
        return found

    def find(self, table: str, row_id: str) -> Row | None:
        """Like ``get`` but None when absent (still raises on damage)."""
        try:
            return self.get(table, row_id)
        except NotFound:
            return None

    def rows(self, table: str, **where: str) -> list[Row]:
        """Every readable record matching clear owner ids; damaged ones go to ``problems``."""
        clause = " AND ".join(f"{name} = ?" for name in where) or "1"
        found: list[Row] = []
        seen: set[str] = set()
        for raw in self.select(table, clause, tuple(where.values())):
            seen.add(raw[0])
            opened = self._open(table, raw)
            if isinstance(opened, Row):
                found.append(opened)
        self._report_missing(table, where, seen)
        return found

    def select(self, table: str, clause: str, params: tuple[str, ...]) -> Iterator[tuple[Any, ...]]:
        """Raw rows (id, revision, key_id, owners…, body), SQLite errors translated."""
        names = ", ".join(RECORD_TABLES[table])
        columns = f"id, revision, key_id, {names + ', ' if names else ''}body"
        sql = f"SELECT {columns} FROM {table} WHERE {clause}"
        try:
            cursor = self.conn.execute(sql, params)
            while batch := cursor.fetchmany(512):
                yield from batch
        except sqlite3.Error as error:
            raise translate(error) from None

    def verify(self, table: str, raw: tuple[Any, ...], book: ManifestBook) -> Row | Problem:
        """Decrypt one selected row and compare it with ``book``; never raises for damage."""
        row_id, revision, key_id, *rest = raw
        owners = dict(zip(RECORD_TABLES[table], rest[:-1], strict=True))
        blob = rest[-1]
        scope = self.scope_of(table, row_id, owners)
        try:
            cipher = self.keyring.cipher(key_id)
            aad = self._aad(table, row_id, revision, cipher, owners)
            payload = decode_payload(aead.unseal(cipher.aead, blob, aad))
        except (IntegrityError, AuthenticationFailed, FormatError):
            return Problem(table, row_id, "damaged")
        if not book.matches(scope, table, row_id, revision, digest(blob)):
            kind = "rolled_back" if book.lists(scope, table, row_id) else "unexpected"
            return Problem(table, row_id, kind)
        return Row(row_id, revision, owners, payload)

    def _open(self, table: str, raw: tuple[Any, ...]) -> Row | Problem:
        result = self.verify(table, raw, self.book)
        if isinstance(result, Problem):
            self.problems[(table, result.row_id)] = result
        return result

    def _problem(self, table: str, row_id: str, kind: str) -> Problem:
        problem = Problem(table, row_id, kind)
        self.problems[(table, row_id)] = problem
        return problem

    def _report_missing(self, table: str, where: Mapping[str, str], seen: set[str]) -> None:
        column = SCOPE_COLUMN.get(table)
        if column is None or set(where) != {column}:
            return
        for listed_table, row_id in self.book.listed(where[column]):
            if listed_table == table and row_id not in seen:
                self._problem(table, row_id, "missing")

    def epoch(self) -> int:
        """The vault epoch (bumped by every commit)."""
        return self.book.epoch

    def root(self) -> Root | None:
        """The stored root row, if any."""
        return self.book.stored_root()
