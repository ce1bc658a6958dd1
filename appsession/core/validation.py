"""Group validation of the restitution draft: who decided what, on which exact wording.

Each group alone decides what of the analysis may reach the commissioners. The rules:

* a decision pins the exact wording it was taken on (``text_hash``); an approval counts only
  while the item still has that wording, so editing an approved item puts it back to pending;
* every group the item's evidence comes from must approve it (a group's own item: that group;
  an item without evidence, written by the facilitator: every group of the intervention);
* a group that withholds an item keeps it with the group, whatever the others decided;
* approvals given before a withdrawal removed part of the item's evidence no longer count, and
  the item is flagged for review.

Pure functions over ``core.model`` records: the service layer reads and writes the vault.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum

from appsession.core.errors import UserError
from appsession.core.model import Decision, DecisionState, DraftItem, ItemKind
from appsession.i18n import _

APPROVING = frozenset({DecisionState.APPROVED, DecisionState.AMENDED})
"""States that let an item go to the commissioners (at the wording they pinned)."""


class Flag(StrEnum):
    """Why an item needs attention during validation."""

    EDITED_SINCE_APPROVAL = "edited-since-approval"
    CITED_WITHDRAWN = "cited-withdrawn"
    GROUP_ITEM = "group-item"
    AWAITS_OTHER_GROUPS = "awaits-other-groups"


@dataclass(frozen=True)
class ItemEvidence:
    """What validation needs to know about an item's evidence (never names).

    ``withdrawn_since`` is the time (ISO, UTC) at which part of the evidence was found to come
    from a participant who withdrew; approvals given before it no longer count.
    ``off_record`` and ``unquotable`` count evidence notes that must never reach anyone: notes
    taken off the record, and quotations of a speaker who did not agree to be quoted.
    """

    groups: frozenset[str] = frozenset()
    participants: int = 0
    withdrawn_since: str = ""
    off_record: int = 0
    unquotable: int = 0


@dataclass(frozen=True)
class WarningNote:
    """A re-identification warning on an item: a stable code and a label for people."""

    code: str
    label: str = field(repr=False, default="")
    detail: str = field(repr=False, default="")


@dataclass(frozen=True)
class WarningAcceptance:
    """The facilitator accepted a warning on one exact wording of an item."""

    item_id: str
    code: str
    text_hash: str
    accepted_on: str = field(repr=False, default="")


@dataclass(frozen=True)
class GroupStanding:
    """Where one group stands on one item, as of the item's current wording."""

    group_id: str
    state: DecisionState
    decision: Decision | None = None
    edited_since: bool = False
    void_by_withdrawal: bool = False


@dataclass(frozen=True)
class ItemStatus:
    """An item with its number in the draft and the combined decision of its groups."""

    item: DraftItem
    number: int
    text_hash: str
    required_groups: tuple[str, ...]
    standings: tuple[GroupStanding, ...]
    state: DecisionState
    flags: frozenset[Flag]
    evidence: ItemEvidence

    @property
    def exportable(self) -> bool:
        """True when every concerned group approved the current wording."""
        return self.state in APPROVING

    def standing(self, group_id: str) -> GroupStanding | None:
        """This group's standing, or None when the item does not concern the group."""
        return next((s for s in self.standings if s.group_id == group_id), None)


@dataclass(frozen=True)
class GroupSummary:
    """Per group: how many of the items that concern it are in each state."""

    group_id: str
    counts: Mapping[DecisionState, int]
    own_items: int = 0
    flagged: int = 0
    accepted_warnings: tuple[tuple[int, WarningAcceptance], ...] = ()

    def count(self, state: DecisionState) -> int:
        """How many items stand in ``state`` for this group."""
        return self.counts.get(state, 0)


def text_hash(text: str) -> str:
    """The fingerprint of an exact wording (NFC, so that two keyboards give the same hash)."""
    normalised = unicodedata.normalize("NFC", text)
    return hashlib.sha256(b"appsession/draft-item\x00" + normalised.encode("utf-8")).hexdigest()


def timestamp(moment: datetime) -> str:
    """A decision time as sortable ISO text in UTC, to the microsecond."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def required_groups(
    item: DraftItem, evidence: ItemEvidence, all_groups: Sequence[str]
) -> tuple[str, ...]:
    """The groups whose approval the item needs, in the intervention's group order."""
    wanted = set(evidence.groups)
    if item.origin_group_id:
        wanted.add(item.origin_group_id)
    if not wanted:
        wanted = set(all_groups)
    ordered = [group for group in all_groups if group in wanted]
    return tuple(ordered + sorted(wanted - set(ordered)))


def latest_decisions(decisions: Iterable[Decision], item_id: str) -> dict[str, Decision]:
    """Each group's last decision on an item (by time, then by the order given)."""
    mine = [decision for decision in decisions if decision.item_id == item_id]
    mine.sort(key=lambda decision: decision.decided_on)
    return {decision.group_id: decision for decision in mine}


def group_standing(
    group_id: str, latest: Decision | None, current_hash: str, evidence: ItemEvidence
) -> GroupStanding:
    """A group's effective state: approvals of an older wording or older evidence lapse."""
    if latest is None:
        return GroupStanding(group_id, DecisionState.PENDING)
    if latest.state not in APPROVING:
        return GroupStanding(group_id, latest.state, latest)
    if latest.text_hash != current_hash:
        return GroupStanding(group_id, DecisionState.PENDING, latest, edited_since=True)
    if evidence.withdrawn_since and latest.decided_on < evidence.withdrawn_since:
        return GroupStanding(group_id, DecisionState.PENDING, latest, void_by_withdrawal=True)
    return GroupStanding(group_id, latest.state, latest)


def combined_state(standings: Sequence[GroupStanding]) -> DecisionState:
    """Withheld by one is withheld; approved only when all approved; else deferred or pending."""
    states = {standing.state for standing in standings}
    if DecisionState.WITHHELD in states:
        return DecisionState.WITHHELD
    if standings and states <= APPROVING:
        return DecisionState.AMENDED if DecisionState.AMENDED in states else DecisionState.APPROVED
    if DecisionState.DEFERRED in states:
        return DecisionState.DEFERRED
    return DecisionState.PENDING


def item_flags(
    item: DraftItem, standings: Sequence[GroupStanding], evidence: ItemEvidence
) -> frozenset[Flag]:
    """The reasons an item needs attention."""
    flags: set[Flag] = set()
    if item.origin_group_id:
        flags.add(Flag.GROUP_ITEM)
    if evidence.withdrawn_since and any(
        s.decision is None or s.decision.decided_on < evidence.withdrawn_since for s in standings
    ):
        flags.add(Flag.CITED_WITHDRAWN)
    if any(standing.edited_since for standing in standings):
        flags.add(Flag.EDITED_SINCE_APPROVAL)
    approving = [standing.state in APPROVING for standing in standings]
    if any(approving) and not all(approving):
        flags.add(Flag.AWAITS_OTHER_GROUPS)
    return frozenset(flags)


def item_status(
    item: DraftItem,
    number: int,
    decisions: Iterable[Decision],
    evidence: ItemEvidence,
    all_groups: Sequence[str],
) -> ItemStatus:
    """Combine the decisions of every concerned group on the item's current wording."""
    current = text_hash(item.text)
    latest = latest_decisions(decisions, item.id)
    groups = required_groups(item, evidence, all_groups)
    standings = tuple(group_standing(g, latest.get(g), current, evidence) for g in groups)
    return ItemStatus(
        item=item,
        number=number,
        text_hash=current,
        required_groups=groups,
        standings=standings,
        state=combined_state(standings),
        flags=item_flags(item, standings, evidence),
        evidence=evidence,
    )


def draft_order(items: Iterable[DraftItem]) -> list[DraftItem]:
    """Sections by the first position of their items, then items by position."""
    listed = list(items)
    first: dict[str, tuple[int, int]] = {}
    for index, item in enumerate(listed):
        key = (item.position, index)
        first[item.section] = min(first.get(item.section, key), key)
    order = {id(item): index for index, item in enumerate(listed)}
    return sorted(listed, key=lambda i: (first[i.section], i.position, order[id(i)]))


def draft_statuses(
    items: Iterable[DraftItem],
    decisions: Sequence[Decision],
    evidence: Mapping[str, ItemEvidence],
    all_groups: Sequence[str],
) -> list[ItemStatus]:
    """Every item of a draft, numbered from 1 in the order given, with its combined state.

    Callers give the draft's reading order (``core.draft.outline``, or ``draft_order``).
    """
    by_item: dict[str, list[Decision]] = {}
    for decision in decisions:
        by_item.setdefault(decision.item_id, []).append(decision)
    return [
        item_status(
            item,
            number,
            by_item.get(item.id, []),
            evidence.get(item.id, ItemEvidence()),
            all_groups,
        )
        for number, item in enumerate(items, start=1)
    ]


def approved_at_current_text(status: ItemStatus) -> bool:
    """Recheck, from the decisions themselves, that every concerned group approved this wording."""
    current = text_hash(status.item.text)
    if current != status.text_hash or not status.required_groups:
        return False
    for group in status.required_groups:
        standing = status.standing(group)
        decision = standing.decision if standing else None
        if decision is None or decision.state not in APPROVING or decision.text_hash != current:
            return False
        if (
            status.evidence.withdrawn_since
            and decision.decided_on < status.evidence.withdrawn_since
        ):
            return False
    return True


def edit_item(item: DraftItem, text: str) -> DraftItem:
    """A new wording of an item (its approvals lapse because the hash changes)."""
    cleaned = text.strip()
    if not cleaned:
        raise UserError(_("an item cannot be empty"), exit_code=2)
    if cleaned == item.text:
        return item
    return replace(item, text=cleaned, revision=item.revision + 1)


def group_item(
    intervention_id: str, group_id: str, section: str, kind: ItemKind, text: str, position: int
) -> DraftItem:
    """An item a group adds to the draft itself; it is marked as the group's."""
    cleaned = text.strip()
    if not cleaned:
        raise UserError(_("an item cannot be empty"), exit_code=2)
    return DraftItem(
        id="",
        intervention_id=intervention_id,
        section=section,
        kind=kind,
        text=cleaned,
        position=position,
        origin_group_id=group_id,
    )


def decide(
    status: ItemStatus,
    group_id: str,
    state: DecisionState,
    *,
    session_id: str,
    decided_on: str,
    new_text: str | None = None,
) -> tuple[DraftItem, Decision]:
    """A group's decision on the item as it reads now; ``amended`` first rewrites it.

    Returns the item (a new revision when amended) and the decision to store, which pins the
    hash of the exact wording decided on.
    """
    if group_id not in status.required_groups:
        raise UserError(_("this item does not concern that group"), exit_code=2)
    item = status.item
    if state is DecisionState.AMENDED:
        if new_text is None or new_text.strip() == item.text:
            raise UserError(_("an amendment needs a new wording"), exit_code=2)
        item = edit_item(item, new_text)
    elif new_text is not None and new_text.strip() != item.text:
        raise UserError(_("a new wording can only be recorded as an amendment"), exit_code=2)
    decision = Decision(
        id="",
        item_id=item.id,
        group_id=group_id,
        state=state,
        text_hash=text_hash(item.text),
        session_id=session_id,
        decided_on=decided_on,
    )
    return item, decision


def later_than(moment: str, decisions: Iterable[Decision]) -> str:
    """``moment``, moved just after the latest of ``decisions`` if the clock lags behind.

    Decisions are ordered by time; two on the same item must never share one.
    """
    latest = max((d.decided_on for d in decisions), default="")
    if moment > latest:
        return moment
    after = datetime.fromisoformat(latest).timestamp() + 1e-6
    return timestamp(datetime.fromtimestamp(after, UTC))


def group_summaries(
    statuses: Sequence[ItemStatus],
    group_ids: Sequence[str],
    acceptances: Sequence[WarningAcceptance] = (),
) -> list[GroupSummary]:
    """Per group: the items that concern it, counted by the group's own standing."""
    by_id = {status.item.id: status for status in statuses}
    result = []
    for group in group_ids:
        counts: dict[DecisionState, int] = {}
        own = flagged = 0
        for status in statuses:
            standing = status.standing(group)
            if standing is None:
                continue
            counts[standing.state] = counts.get(standing.state, 0) + 1
            own += status.item.origin_group_id == group
            flagged += bool(status.flags - {Flag.GROUP_ITEM})
        accepted = tuple(
            (by_id[a.item_id].number, a)
            for a in acceptances
            if a.item_id in by_id and by_id[a.item_id].standing(group) is not None
        )
        result.append(GroupSummary(group, counts, own, flagged, accepted))
    return result
