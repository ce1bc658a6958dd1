"""Validation with the groups: read the draft and its decisions, record new ones faithfully.

Evidence is summarised from the notes themselves (groups, number of distinct speakers, never
names). Every decision, group item and warning acceptance is stored in the vault and noted in
the content-free audit log.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from appsession.core.clock import Clock
from appsession.core.draft import outline
from appsession.core.errors import UserError
from appsession.core.model import (
    DecisionState,
    DraftItem,
    Group,
    Intervention,
    ItemKind,
    Note,
    Session,
)
from appsession.core.reidentification import item_warnings, roster_facts
from appsession.core.validation import (
    GroupSummary,
    ItemEvidence,
    ItemStatus,
    WarningAcceptance,
    WarningNote,
    decide,
    draft_statuses,
    group_item,
    group_summaries,
    later_than,
    timestamp,
)
from appsession.i18n import _
from appsession.services.draft import OUTLINE_DOCUMENT

if TYPE_CHECKING:
    from appsession.vault import Vault

ACCEPTANCE = "warning-acceptance"
"""Vault document kind: the facilitator accepted a re-identification warning."""
VALIDATION_FLAG = "validation-flag"
"""Vault document kind: when an item was first seen to cite removed evidence."""
REVIEW_FLAG = "review-flag"
"""Vault document kind written by ``Vault.withdraw`` on items citing destroyed notes."""

WarningSource = Callable[[DraftItem, ItemEvidence], Sequence[WarningNote]]
"""Re-identification warnings of one item."""


class ReidentificationWarnings:
    """The analysis module's re-identification rules, with this intervention's roster facts."""

    def __init__(self, vault: Vault, intervention_id: str) -> None:
        participants = [p for g in vault.groups(intervention_id) for p in vault.participants(g.id)]
        self.facts = roster_facts(participants, known_terms(vault, intervention_id))

    def __call__(self, item: DraftItem, evidence: ItemEvidence) -> list[WarningNote]:
        """One note per warning, the code being what an acceptance refers to."""
        found = item_warnings(item.text, evidence.participants, self.facts)
        return [WarningNote(w.risk.value, w.label, w.detail) for w in found]


WarningFactory = Callable[["Vault", str], WarningSource]
"""Builds the warning rules of one intervention."""


def known_terms(vault: Vault, intervention_id: str) -> list[tuple[str, str]]:
    """(text, label) of the intervention's known identifying terms, from its pseudonym map."""
    from appsession.services.pseudonyms import PseudonymLayer

    return PseudonymLayer(vault, intervention_id).known_terms()


@dataclass
class ValidationView:
    """The draft of one intervention as the groups see it during validation."""

    intervention: Intervention
    groups: list[Group]
    statuses: list[ItemStatus]
    warnings: dict[str, list[WarningNote]]
    acceptances: list[WarningAcceptance]
    summaries: list[GroupSummary]
    sessions: dict[str, list[Session]] = field(default_factory=dict)

    def status(self, item_id: str) -> ItemStatus:
        """The status of one item."""
        return next(s for s in self.statuses if s.item.id == item_id)

    def group_name(self, group_id: str) -> str:
        """A group's name ("" if unknown)."""
        return next((g.name for g in self.groups if g.id == group_id), "")

    def unresolved(self, status: ItemStatus) -> list[WarningNote]:
        """The item's warnings that no acceptance covers at its current wording."""
        accepted = {
            a.code
            for a in self.acceptances
            if a.item_id == status.item.id and a.text_hash == status.text_hash
        }
        return [w for w in self.warnings.get(status.item.id, []) if w.code not in accepted]

    def for_group(self, group_id: str) -> list[ItemStatus]:
        """The items that concern a group, in draft order."""
        return [s for s in self.statuses if group_id in s.required_groups]


class ValidationService:
    """Reads and records validation through the vault's public API."""

    def __init__(
        self, vault: Vault, clock: Clock, warnings: WarningFactory = ReidentificationWarnings
    ) -> None:
        self.vault = vault
        self.clock = clock
        self.warning_factory = warnings

    # -- reading ----------------------------------------------------------------------------
    def load(self, intervention_id: str) -> ValidationView:
        """Every item with its evidence, decisions, warnings and each group's summary."""
        vault = self.vault
        intervention = vault.intervention(intervention_id)
        groups = vault.groups(intervention_id)
        group_ids = [g.id for g in groups]
        items = self.ordered_items(intervention_id)
        evidence = {item.id: self.evidence(item) for item in items}
        item_ids = {item.id for item in items}
        decisions = [d for d in vault.decisions() if d.item_id in item_ids]
        statuses = draft_statuses(items, decisions, evidence, group_ids)
        source = self.warning_factory(vault, intervention_id)
        warnings = {s.item.id: list(source(s.item, s.evidence)) for s in statuses}
        acceptances = self.acceptances(intervention_id)
        return ValidationView(
            intervention=intervention,
            groups=groups,
            statuses=statuses,
            warnings=warnings,
            acceptances=acceptances,
            summaries=group_summaries(statuses, group_ids, acceptances),
            sessions={g.id: sorted(vault.sessions(g.id), key=lambda s: s.number) for g in groups},
        )

    def ordered_items(self, intervention_id: str) -> list[DraftItem]:
        """The draft in reading order, as the draft screen numbers it."""
        data = self.vault.document(OUTLINE_DOCUMENT, intervention_id) or {}
        titles = [str(title) for title in data.get("sections", [])]
        items = self.vault.draft_items(intervention_id)
        return [item for section in outline(items, titles) for item in section.items]

    def evidence(self, item: DraftItem) -> ItemEvidence:
        """Groups and distinct speakers of an item's notes; removed notes flag the item."""
        notes, missing = self._evidence_notes(item)
        groups = frozenset(self.vault.group_of_session(note.session_id) for note in notes)
        speakers = {note.speaker_id for note in notes if note.speaker_id}
        unquotable = (
            sum(1 for s in speakers if not self._quotable(s))
            if item.kind is ItemKind.VERBATIM
            else 0
        )
        return ItemEvidence(
            groups=groups,
            participants=len(speakers),
            withdrawn_since=self._flagged_since(item, missing),
            off_record=sum(1 for note in notes if note.off_record),
            unquotable=unquotable,
        )

    def _evidence_notes(self, item: DraftItem) -> tuple[list[Note], int]:
        from appsession.vault import IntegrityError, NotFound

        notes, missing = [], 0
        for note_id in item.evidence:
            try:
                notes.append(self.vault.note(note_id))
            except (NotFound, IntegrityError):
                missing += 1
        return notes, missing

    def _quotable(self, participant_id: str) -> bool:
        from appsession.vault import NotFound

        try:
            return self.vault.consent(participant_id).quotable
        except NotFound:
            return False

    def _flagged_since(self, item: DraftItem, missing: int) -> str:
        """When the item was first seen to cite removed evidence ("" if it never did).

        The vault marks items whose notes a withdrawal destroyed; notes may also have been
        deleted. The first time either is seen (and each time more evidence is gone), the
        moment is stored: approvals given before it no longer count.
        """
        flag = self.vault.document(VALIDATION_FLAG, item.id)
        if flag is not None and missing <= int(flag.get("missing", 0)):
            return str(flag["since"])
        if flag is None and missing == 0 and self.vault.document(REVIEW_FLAG, item.id) is None:
            return ""
        since = timestamp(self.clock.now())
        data = {"since": since, "missing": missing}
        self.vault.put_document(
            VALIDATION_FLAG, item.id, data, intervention_id=item.intervention_id
        )
        return since

    def acceptances(self, intervention_id: str) -> list[WarningAcceptance]:
        """The facilitator's explicit acceptances of warnings."""
        return [
            WarningAcceptance(
                item_id=str(data["item_id"]),
                code=str(data["code"]),
                text_hash=str(data["text_hash"]),
                accepted_on=str(data.get("accepted_on", "")),
            )
            for _doc_id, data in self.vault.documents(ACCEPTANCE, intervention_id=intervention_id)
        ]

    # -- recording --------------------------------------------------------------------------
    def record(
        self,
        status: ItemStatus,
        group_id: str,
        state: DecisionState,
        session_id: str,
        new_text: str | None = None,
    ) -> DraftItem:
        """Record a group's decision (an amendment rewrites the item first); returns the item."""
        if session_id and self.vault.group_of_session(session_id) != group_id:
            raise UserError(_("this session is not one of that group's"), exit_code=2)
        earlier = self.vault.decisions(status.item.id)
        moment = later_than(timestamp(self.clock.now()), earlier)
        item, decision = decide(
            status, group_id, state, session_id=session_id, decided_on=moment, new_text=new_text
        )
        with self.vault.batch():
            if item is not status.item:
                item = self.vault.save_draft_item(item)
            self.vault.add_decision(decision)
            self.vault.record_event(
                "decision", item=item.id, group=group_id, session=session_id, state=state.value
            )
        return item

    def add_group_item(
        self, intervention_id: str, group_id: str, section: str, kind: ItemKind, text: str
    ) -> DraftItem:
        """An item the group writes itself, at the end of the section (marked as the group's)."""
        if kind is ItemKind.VERBATIM:
            raise UserError(
                _("a group adds analysis or leads for action, not quotations"), exit_code=2
            )
        items = self.vault.draft_items(intervention_id)
        position = max((i.position for i in items), default=0) + 1
        item = self.vault.save_draft_item(
            group_item(intervention_id, group_id, section, kind, text, position)
        )
        self.vault.record_event("group-item", item=item.id, group=group_id)
        return item

    def accept_warning(self, status: ItemStatus, warning: WarningNote) -> WarningAcceptance:
        """The facilitator takes responsibility for one warning on the item's current wording."""
        acceptance = WarningAcceptance(
            item_id=status.item.id,
            code=warning.code,
            text_hash=status.text_hash,
            accepted_on=timestamp(self.clock.now()),
        )
        data = {
            "item_id": acceptance.item_id,
            "code": acceptance.code,
            "text_hash": acceptance.text_hash,
            "accepted_on": acceptance.accepted_on,
        }
        doc_id = f"{status.item.id}:{warning.code}"
        self.vault.put_document(
            ACCEPTANCE, doc_id, data, intervention_id=status.item.intervention_id
        )
        self.vault.record_event("warning-accepted", item=status.item.id, code=warning.code)
        return acceptance
