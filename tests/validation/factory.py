"""Draft items and decisions built directly, for the pure validation and gate tests."""

from __future__ import annotations

from appsession.core.model import Decision, DecisionState, DraftItem, ItemKind
from appsession.core.validation import ItemEvidence, ItemStatus, item_status, text_hash

GROUPS = ("g-a", "g-b", "g-c")


def item(
    item_id: str = "i1",
    text: str = "Les équipes manquent de relais.",
    *,
    kind: ItemKind = ItemKind.ANALYSIS,
    section: str = "Limites",
    position: int = 0,
    origin: str = "",
) -> DraftItem:
    """An item of intervention "iv"."""
    return DraftItem(
        id=item_id,
        intervention_id="iv",
        section=section,
        kind=kind,
        text=text,
        position=position,
        origin_group_id=origin,
    )


def decision(
    on: DraftItem,
    group: str,
    state: DecisionState,
    when: str,
    *,
    text: str | None = None,
    session: str = "s1",
) -> Decision:
    """A decision of ``group`` at time ``when`` on the item's wording (or on ``text``)."""
    return Decision(
        id=f"d-{group}-{when}",
        item_id=on.id,
        group_id=group,
        state=state,
        text_hash=text_hash(on.text if text is None else text),
        session_id=session,
        decided_on=when,
    )


def status(
    on: DraftItem,
    decisions: list[Decision],
    groups: frozenset[str] = frozenset({"g-a"}),
    *,
    participants: int = 4,
    withdrawn_since: str = "",
    number: int = 1,
    off_record: int = 0,
    unquotable: int = 0,
) -> ItemStatus:
    """The item's status with evidence from ``groups``."""
    evidence = ItemEvidence(
        groups=groups,
        participants=participants,
        withdrawn_since=withdrawn_since,
        off_record=off_record,
        unquotable=unquotable,
    )
    return item_status(on, number, decisions, evidence, GROUPS)


def t(minute: int) -> str:
    """A decision time, minute after 10:00 on a fixed day."""
    return f"2026-06-11T10:{minute:02d}:00.000000+00:00"
