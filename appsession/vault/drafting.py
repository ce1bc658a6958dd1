"""Codebook themes, restitution draft items, group decisions, documents and the audit log."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
from typing import Any

from appsession.core.model import Decision as DecisionModel
from appsession.core.model import DecisionState, DraftItem, ItemKind, Theme

from .base import VaultBase
from .codec import as_tuple, from_payload, to_payload
from .keyring import new_id
from .owners import data_key, intervention_key, intervention_of_group, owner_key, participant_key
from .reports import AuditEvent
from .store import Row, Store


class DraftingMixin(VaultBase):
    """Later stages of the work: codebook, draft, decisions, generic documents, audit."""

    def add_theme(
        self, intervention_id: str, name: str, definition: str = "", parent_id: str = ""
    ) -> Theme:
        """A code of the intervention's codebook."""
        item = Theme(new_id(), intervention_id, name, definition, parent_id)
        self.update_theme(item)
        return item

    def update_theme(self, item: Theme) -> None:
        """Rename, redefine or move a theme."""
        store = self._store()
        with store.transaction():
            store.put(
                "themes",
                item.id,
                {"intervention_id": item.intervention_id},
                to_payload(item, ("id", "intervention_id")),
                intervention_key(store, item.intervention_id),
            )

    def delete_theme(self, theme_id: str) -> bool:
        """Remove a theme (notes keep the id; callers clean them up)."""
        return self._store().delete("themes", theme_id)

    def themes(self, intervention_id: str) -> list[Theme]:
        """The codebook, by name."""
        rows = self._store().rows("themes", intervention_id=intervention_id)
        items = [from_payload(Theme, row.payload, {"id": row.row_id, **row.owners}) for row in rows]
        return sorted(items, key=lambda item: (item.name, item.id))

    # -- draft items and decisions ---------------------------------------------------------
    def save_draft_item(self, item: DraftItem) -> DraftItem:
        """Insert or update; a verbatim item is owned by the quoted speaker (withdrawal)."""
        store = self._store()
        saved = dataclasses.replace(item, id=item.id or new_id())
        with store.transaction():
            owner = _verbatim_owner(store, saved)
            cipher = (
                participant_key(store, owner)
                if owner
                else intervention_key(store, saved.intervention_id)
            )
            revision = store.put(
                "draft_items",
                saved.id,
                {"intervention_id": saved.intervention_id, "participant_id": owner},
                to_payload(saved, ("id", "intervention_id", "revision")),
                cipher,
            )
        return dataclasses.replace(saved, revision=revision)

    def delete_draft_item(self, item_id: str) -> bool:
        """Remove an item and the decisions on it."""
        store = self._store()
        with store.transaction():
            for row in store.conn.execute(
                "SELECT id FROM decisions WHERE item_id = ?", (item_id,)
            ).fetchall():
                store.delete("decisions", row[0])
            return store.delete("draft_items", item_id)

    def draft_items(self, intervention_id: str) -> list[DraftItem]:
        """The draft in reading order (section, position)."""
        rows = self._store().rows("draft_items", intervention_id=intervention_id)
        items = [_draft_item(row) for row in rows]
        return sorted(items, key=lambda item: (item.section, item.position, item.id))

    def add_decision(self, decision: DecisionModel) -> DecisionModel:
        """Record a group's decision on an item (same owner key as the item)."""
        store = self._store()
        saved = dataclasses.replace(decision, id=decision.id or new_id())
        with store.transaction():
            item = store.conn.execute(
                "SELECT intervention_id, participant_id FROM draft_items WHERE id = ?",
                (saved.item_id,),
            ).fetchone()
            if item is not None and item[1]:
                cipher = participant_key(store, item[1])
            else:
                cipher = intervention_key(
                    store, item[0] if item else intervention_of_group(store, saved.group_id)
                )
            store.put(
                "decisions",
                saved.id,
                {"item_id": saved.item_id, "group_id": saved.group_id},
                to_payload(saved, ("id", "item_id", "group_id")),
                cipher,
            )
        return saved

    def decisions(self, item_id: str | None = None) -> list[DecisionModel]:
        """Decisions on one item, or all of them."""
        store = self._store()
        rows = store.rows("decisions", item_id=item_id) if item_id else store.rows("decisions")
        items = [
            from_payload(
                DecisionModel,
                row.payload,
                {"id": row.row_id, **row.owners},
                {"state": DecisionState},
            )
            for row in rows
        ]
        return sorted(items, key=lambda item: (item.decided_on, item.id))

    # -- generic documents ------------------------------------------------------------------
    def _document_row_id(self, kind: str, doc_id: str) -> str:
        key = self._state().doc_key
        message = kind.encode("utf-8") + b"\0" + doc_id.encode("utf-8")
        return hmac.new(key, message, hashlib.sha256).hexdigest()[:32]

    def put_document(
        self,
        kind: str,
        doc_id: str,
        data: dict[str, Any],
        *,
        intervention_id: str = "",
        session_id: str = "",
        participant_id: str = "",
    ) -> None:
        """Store a JSON document under the narrowest owner key (its id is not kept in clear)."""
        store = self._store()
        row_id = self._document_row_id(kind, doc_id)
        owners = {
            "kind": kind,
            "intervention_id": intervention_id,
            "session_id": session_id,
            "participant_id": participant_id,
        }
        with store.transaction():
            cipher = owner_key(
                store,
                intervention_id=intervention_id,
                session_id=session_id,
                participant_id=participant_id,
            )
            store.put("documents", row_id, owners, {"doc_id": doc_id, "data": data}, cipher)

    def document(self, kind: str, doc_id: str) -> dict[str, Any] | None:
        """The document's data, or None."""
        row = self._store().find("documents", self._document_row_id(kind, doc_id))
        return None if row is None else dict(row.payload["data"])

    def documents(
        self, kind: str, *, intervention_id: str | None = None
    ) -> list[tuple[str, dict[str, Any]]]:
        """(doc_id, data) of every document of a kind, optionally of one intervention."""
        where = {"kind": kind}
        if intervention_id is not None:
            where["intervention_id"] = intervention_id
        rows = self._store().rows("documents", **where)
        return sorted((str(row.payload["doc_id"]), dict(row.payload["data"])) for row in rows)

    def delete_document(self, kind: str, doc_id: str) -> bool:
        """Remove a document."""
        return self._store().delete("documents", self._document_row_id(kind, doc_id))

    # -- audit log --------------------------------------------------------------------------
    def record_event(self, kind: str, **ids_and_counts: str | int) -> None:
        """Append a content-free event (ids and counts only; the time is encrypted)."""
        store = self._store()
        payload = {
            "kind": kind,
            "at": self.clock.now().isoformat(timespec="seconds"),
            "details": ids_and_counts,
        }
        with store.transaction():
            store.put("audit_events", new_id(), {}, payload, data_key(store))

    def audit_events(self) -> list[AuditEvent]:
        """The audit log in time order."""
        rows = self._store().rows("audit_events")
        events = [
            AuditEvent(
                row.row_id,
                str(row.payload["kind"]),
                str(row.payload["at"]),
                dict(row.payload.get("details", {})),
            )
            for row in rows
        ]
        return sorted(events, key=lambda event: (event.at, event.id))


def _verbatim_owner(store: Store, item: DraftItem) -> str:
    """The speaker of a verbatim item's first spoken evidence note ("" otherwise)."""
    if item.kind is not ItemKind.VERBATIM:
        return ""
    for note_id in item.evidence:
        row = store.conn.execute(
            "SELECT participant_id FROM notes WHERE id = ?", (note_id,)
        ).fetchone()
        if row is not None and row[0]:
            return str(row[0])
    return ""


def _draft_item(row: Row) -> DraftItem:
    clear = {
        "id": row.row_id,
        "intervention_id": row.owners["intervention_id"],
        "revision": row.revision,
    }
    return from_payload(DraftItem, row.payload, clear, {"kind": ItemKind, "evidence": as_tuple})
