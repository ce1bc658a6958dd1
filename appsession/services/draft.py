"""The restitution draft of an intervention: sections, items, evidence, revisions, warnings.

Every way into the draft goes through ``_require_evidence``, which reads the evidence notes and
their speakers' consent from the vault itself (not from what a screen shows), so the consent
rules hold whatever the caller. A verbatim item's text is the pseudonymised note, shortened at
most; it is owned by the quoted speaker (withdrawal removes it, and its revision history).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from appsession.core import draft as rules
from appsession.core.codebook import random_id
from appsession.core.draft import EvidenceNote, EvidenceSummary, Revision, Section
from appsession.core.errors import UserError
from appsession.core.model import DecisionState, DraftItem, ItemKind, Note
from appsession.core.reidentification import ReidWarning, RosterFacts, item_warnings, roster_facts
from appsession.core.validation import ItemEvidence, draft_statuses
from appsession.i18n import _
from appsession.services.analysis import AnalysisService, pseudonymised_text
from appsession.vault import NotFound

if TYPE_CHECKING:
    from appsession.services import AppContext

OUTLINE_DOCUMENT = "draft-outline"
REVISIONS_DOCUMENT = "draft-revisions"
KNOWN_TERMS_DOCUMENT = "pseudonym-map"
"""The pseudonym map's document kind (``services.pseudonyms.MAP_DOCUMENT``); its known terms
are read through ``PseudonymLayer.known_terms`` (some are kept with the notes they came from)."""


@dataclass(frozen=True)
class DraftEntry:
    """An item with what the draft screen and the commands show beside it."""

    item: DraftItem
    number: int
    evidence: EvidenceSummary
    group_names: tuple[str, ...] = field(repr=False)
    warnings: tuple[ReidWarning, ...] = ()
    problems: tuple[str, ...] = ()
    """Consent problems found now (a consent changed since the item was made)."""
    state: DecisionState = DecisionState.PENDING
    revision: int = 1
    """How many wordings the item has had (its history)."""


@dataclass(frozen=True)
class DraftSummary:
    """The draft at a glance: items per kind, and every item that carries a warning."""

    items: int
    by_kind: Mapping[ItemKind, int]
    warned: tuple[tuple[int, tuple[str, ...]], ...]
    """(item number, warning codes) for each item with warnings."""
    problems: tuple[int, ...]
    """Numbers of items whose evidence no longer meets the consent rules."""


class DraftService:
    """Edit one intervention's draft; the analysis service supplies notes and pseudonyms."""

    def __init__(self, analysis: AnalysisService) -> None:
        self.analysis = analysis
        self.vault = analysis.vault
        self.intervention_id = analysis.intervention_id
        self._facts: RosterFacts | None = None

    @classmethod
    def from_context(cls, context: AppContext, intervention_id: str) -> DraftService:
        """The service on the app's vault and clock."""
        return cls(AnalysisService.from_context(context, intervention_id))

    # -- reading ----------------------------------------------------------------------------
    def items(self) -> list[DraftItem]:
        """The draft's items."""
        return self.vault.draft_items(self.intervention_id)

    def sections(self) -> tuple[Section, ...]:
        """Sections in order with their items (empty sections included)."""
        return rules.outline(self.items(), self._titles())

    def _titles(self) -> list[str]:
        data = self.vault.document(OUTLINE_DOCUMENT, self.intervention_id) or {}
        return [str(t) for t in data.get("sections", [])]

    def entries(self) -> list[DraftEntry]:
        """Every item in reading order with its evidence, warnings, problems and state."""
        ordered = [i for s in self.sections() for i in s.items]
        known = self._evidence_notes({n for i in ordered for n in i.evidence})
        facts = self.facts()
        summaries = {i.id: rules.evidence_summary(i, known) for i in ordered}
        states = self._states(ordered, summaries)
        return [
            DraftEntry(
                item=item,
                number=number,
                evidence=summaries[item.id],
                group_names=tuple(
                    self.analysis.roster.group_name(g) for g in summaries[item.id].groups
                ),
                warnings=tuple(item_warnings(item.text, summaries[item.id].participants, facts)),
                problems=self._problems(item, known),
                state=states.get(item.id, DecisionState.PENDING),
                revision=max(1, len(self.history(item.id))),
            )
            for number, item in enumerate(ordered, start=1)
        ]

    def _states(
        self, ordered: Sequence[DraftItem], summaries: Mapping[str, EvidenceSummary]
    ) -> dict[str, DecisionState]:
        """Each item's combined group decision (pending until groups decide)."""
        wanted = {i.id for i in ordered}
        decisions = [d for d in self.vault.decisions() if d.item_id in wanted]
        if not decisions:
            return {}
        evidence = {
            i: ItemEvidence(frozenset(s.groups), s.participants) for i, s in summaries.items()
        }
        groups = [g.id for g in self.analysis.roster.groups]
        return {s.item.id: s.state for s in draft_statuses(ordered, decisions, evidence, groups)}

    def _problems(self, item: DraftItem, known: Mapping[str, EvidenceNote]) -> tuple[str, ...]:
        present = [known[n] for n in item.evidence if n in known]
        refusals = rules.evidence_refusals(item.kind, present) if item.evidence else []
        return tuple(dict.fromkeys(rules.refusal_message(r) for _n, r in refusals))

    def summary(self, entries: Sequence[DraftEntry] | None = None) -> DraftSummary:
        """Counts per kind, items with warnings, items with consent problems."""
        listed = self.entries() if entries is None else list(entries)
        by_kind = {kind: sum(1 for e in listed if e.item.kind is kind) for kind in ItemKind}
        warned = tuple(
            (e.number, tuple(dict.fromkeys(w.risk.value for w in e.warnings)))
            for e in listed
            if e.warnings
        )
        return DraftSummary(
            len(listed), by_kind, warned, tuple(e.number for e in listed if e.problems)
        )

    def facts(self) -> RosterFacts:
        """Roles, sites, names and pseudonyms that re-identification looks for."""
        if self._facts is None:
            terms = self.analysis.pseudonyms.layer.known_terms()
            self._facts = roster_facts(self.analysis.roster.people, terms)
        return self._facts

    def history(self, item_id: str) -> list[Revision]:
        """The item's wordings, oldest first."""
        return rules.history_from_data(self.vault.document(REVISIONS_DOCUMENT, item_id))

    def source_text(self, item: DraftItem) -> str:
        """The pseudonymised text of a quotation's note ("" if it is gone)."""
        notes = [self._note(n) for n in item.evidence[:1]]
        return pseudonymised_text(notes[0], self.analysis.pseudonyms) if notes and notes[0] else ""

    # -- evidence and consent ---------------------------------------------------------------
    def _note(self, note_id: str) -> Note | None:
        try:
            return self.vault.note(note_id)
        except NotFound:
            return None

    def _evidence_notes(self, note_ids: Iterable[str]) -> dict[str, EvidenceNote]:
        roster = self.analysis.roster
        groups = {s.id: s.group_id for s in roster.sessions}
        found = {}
        for note_id in note_ids:
            note = self._note(note_id)
            if note is None or note.session_id not in groups:
                continue
            found[note_id] = EvidenceNote(
                note.id,
                groups[note.session_id],
                note.speaker_id,
                note.kind,
                note.off_record,
                roster.consents.get(note.speaker_id) if note.speaker_id else None,
            )
        return found

    def _require_evidence(self, kind: ItemKind, note_ids: Sequence[str]) -> None:
        known = self._evidence_notes(note_ids)
        rules.require_evidence(kind, [known.get(n) for n in dict.fromkeys(note_ids)])

    # -- writing ----------------------------------------------------------------------------
    def _save(self, item: DraftItem) -> DraftItem:
        """Save an item and, when its wording is new, a revision in its history."""
        saved = self.vault.save_draft_item(item)
        self._record(saved)
        return saved

    def _record(self, saved: DraftItem) -> None:
        history = self.history(saved.id)
        updated = rules.with_revision(
            history, saved, self.analysis.clock.now().isoformat(timespec="seconds")
        )
        if updated != history:
            owner = self._quoted_speaker(saved)
            owners = {"participant_id": owner} if owner else {}
            self.vault.put_document(
                REVISIONS_DOCUMENT,
                saved.id,
                rules.history_data(updated),
                intervention_id=self.intervention_id,
                **owners,
            )

    def _quoted_speaker(self, item: DraftItem) -> str:
        if item.kind is not ItemKind.VERBATIM:
            return ""
        note = self._note(item.evidence[0]) if item.evidence else None
        return note.speaker_id if note else ""

    def _write_order(self, before: Sequence[DraftItem], after: Sequence[Section]) -> None:
        with self.vault.batch():
            for item in rules.changed_items(before, after):
                self.vault.save_draft_item(item)
            titles = [s.title for s in after]
            if titles != self._titles():
                self.vault.put_document(
                    OUTLINE_DOCUMENT,
                    self.intervention_id,
                    {"sections": titles},
                    intervention_id=self.intervention_id,
                )

    def create_item(
        self, section: str, kind: ItemKind, note_ids: Sequence[str], text: str = ""
    ) -> DraftItem:
        """A new item at the end of ``section``, backed by ``note_ids``.

        A quotation takes the pseudonymised text of its one note (``text`` may shorten it);
        an analysis paragraph or a lead for action needs its own ``text``.
        """
        title = rules.clean_title(section)
        evidence = tuple(dict.fromkeys(note_ids))
        self._require_evidence(kind, evidence)
        wording = text.strip()
        if kind is ItemKind.VERBATIM:
            source = self.source_text(DraftItem("", "", "", kind, "", evidence))
            wording = wording or source
            rules.require_excerpt(wording, source)
        elif not wording:
            raise UserError(_("an item cannot be empty"), exit_code=2)
        item = DraftItem(random_id(), self.intervention_id, title, kind, wording, evidence)
        with self.vault.batch():
            before = self.items()
            placed = rules.insert_item(rules.outline(before, self._titles()), item)
            self._write_order(before, placed)
            self._record(self.vault_item(item.id))
        return self.vault_item(item.id)

    def vault_item(self, item_id: str) -> DraftItem:
        """One item as stored now."""
        found = next((i for i in self.items() if i.id == item_id), None)
        if found is None:
            raise UserError(_("no such item in the draft"), exit_code=2)
        return found

    def edit_item(self, item_id: str, text: str) -> DraftItem:
        """A new wording (kept in the history); a quotation can only be shortened."""
        item = self.vault_item(item_id)
        changed = rules.revised(item, text)
        if changed is item:
            return item
        if item.kind is ItemKind.VERBATIM:
            self._require_evidence(item.kind, item.evidence)
            rules.require_excerpt(changed.text, self.source_text(item))
        return self._save(changed)

    def set_evidence(self, item_id: str, note_ids: Sequence[str]) -> DraftItem:
        """Replace an item's evidence (checked like a new item)."""
        item = self.vault_item(item_id)
        evidence = tuple(dict.fromkeys(note_ids))
        if item.kind is ItemKind.VERBATIM:
            raise UserError(_("a quotation keeps its one note; make a new quotation"), exit_code=2)
        self._require_evidence(item.kind, evidence)
        return self._save(replace(item, evidence=evidence))

    def add_evidence(self, item_id: str, note_ids: Sequence[str]) -> DraftItem:
        """Link more notes to an item."""
        item = self.vault_item(item_id)
        return self.set_evidence(item_id, [*item.evidence, *note_ids])

    def change_kind(self, item_id: str, kind: ItemKind) -> DraftItem:
        """Turn an analysis paragraph into a lead for action or back (never into a quotation)."""
        item = self.vault_item(item_id)
        if kind is item.kind:
            return item
        if ItemKind.VERBATIM in (kind, item.kind):
            raise UserError(_("a quotation is made from a note, not converted"), exit_code=2)
        self._require_evidence(kind, item.evidence)
        return self._save(replace(item, kind=kind))

    def delete_item(self, item_id: str) -> None:
        """Remove an item, its decisions and its history."""
        with self.vault.batch():
            self.vault.delete_draft_item(item_id)
            self.vault.delete_document(REVISIONS_DOCUMENT, item_id)

    # -- order ------------------------------------------------------------------------------
    def _reorder(self, change: Callable[[tuple[Section, ...]], tuple[Section, ...]]) -> None:
        before = self.items()
        after = change(rules.outline(before, self._titles()))
        self._write_order(before, after)

    def move_item(self, item_id: str, section: str, index: int | None = None) -> None:
        """Move an item to a section (at ``index``, or at its end)."""
        self._reorder(lambda s: rules.move_item(s, item_id, section, index))

    def shift_item(self, item_id: str, offset: int) -> None:
        """One step up (-1) or down (+1), across section edges."""
        self._reorder(lambda s: rules.shift_item(s, item_id, offset))

    def add_section(self, title: str, index: int | None = None) -> None:
        """A new empty section."""
        self._reorder(lambda s: rules.add_section(s, title, index))

    def rename_section(self, title: str, new_title: str) -> None:
        """Rename a section; its items follow."""
        self._reorder(lambda s: rules.rename_section(s, title, new_title))

    def remove_section(self, title: str) -> None:
        """Remove an empty section."""
        self._reorder(lambda s: rules.remove_section(s, title))

    def move_section(self, title: str, offset: int) -> None:
        """Move a section up or down."""
        self._reorder(lambda s: rules.move_section(s, title, offset))

    # -- listing ----------------------------------------------------------------------------
    def listing(self) -> list[dict[str, Any]]:
        """The draft as plain data (``appsession draft list --json``)."""
        return [
            {
                "id": e.item.id,
                "section": e.item.section,
                "kind": e.item.kind.value,
                "text": e.item.text,
                "revision": e.revision,
                "groups": list(e.group_names),
                "participants": e.evidence.participants,
                "warnings": [
                    {"code": w.risk.value, "label": w.label, "detail": w.detail} for w in e.warnings
                ],
                "state": e.state.value,
            }
            for e in self.entries()
        ]
