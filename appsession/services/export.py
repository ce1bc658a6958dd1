"""Exports: gather what a document may show, pass the gate, write it, log it (content-free).

The group's working document shows the items that concern one group, whatever their state.
The commissioners' document shows approved items only, and only after the gate found nothing
to object to. Both are built in memory, written owner-only, and recorded in the audit log with
their audience, the ids of the items included and the file's hash.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from appsession.core.clock import Clock
from appsession.core.errors import UserError
from appsession.core.gate import GateReason, GateResult, ResidualScan, commissioners_gate, name_scan
from appsession.core.validation import APPROVING, Flag, ItemStatus
from appsession.export import (
    DecisionLine,
    ExportData,
    ExportItem,
    ExportSection,
    GroupValidation,
    ThemeMatrix,
    WarningLine,
    build_commissioners_docx,
    build_group_docx,
    load_layout,
    write_private,
)
from appsession.i18n import _
from appsession.protocol_library import ProtocolLibrary
from appsession.services.validation import (
    ReidentificationWarnings,
    ValidationService,
    ValidationView,
    WarningFactory,
)

if TYPE_CHECKING:
    from appsession.anonymise import LanguageModel
    from appsession.vault import Vault

ScanFactory = Callable[["Vault", str], ResidualScan]
"""Builds the residual scan of one intervention (roster, known terms, patterns)."""


def anonymisation_scan(
    vault: Vault, intervention_id: str, *, model: LanguageModel | None = None
) -> ResidualScan:
    """The anonymisation engine's residual scan on the intervention's pseudonymised layer.

    Roster names in any spelling, known terms, patterns, context rules, forms the facilitator
    accepted and the suggestions the review found but nobody decided all block; forms the
    facilitator rejected or keeps do not (``services.pseudonyms``). With ``model`` (the
    statistical model, loaded first: call it off the interface's thread) its own suggestions
    in the final text block too, until decided in the review.
    """
    try:
        from appsession.services.pseudonyms import PseudonymLayer
    except ImportError:  # pragma: no cover - a build without the anonymisation engine
        participants = [p for g in vault.groups(intervention_id) for p in vault.participants(g.id)]
        return name_scan([p.name for p in participants])
    return PseudonymLayer(vault, intervention_id).gate_scan(model)


def reader_flags(status: ItemStatus, group_id: str) -> tuple[str, ...]:
    """What the reading group should know about an item, without other groups' decisions."""
    standing = status.standing(group_id)
    flags = []
    if standing is not None and standing.edited_since:
        flags.append(Flag.EDITED_SINCE_APPROVAL.value)
    if Flag.CITED_WITHDRAWN in status.flags:
        flags.append(Flag.CITED_WITHDRAWN.value)
    if standing is not None and standing.state in APPROVING and not status.exportable:
        flags.append(Flag.AWAITS_OTHER_GROUPS.value)
    return tuple(flags)


class ExportRefused(UserError):
    """The gate refused the commissioners' export; the message lists every reason."""

    exit_code = 3

    def __init__(self, reasons: Sequence[GateReason]) -> None:
        lines = [_("the export to the commissioners was refused:")]
        lines += [f"  - {reason.message}" for reason in reasons]
        super().__init__("\n".join(lines))
        self.reasons = tuple(reasons)


@dataclass(frozen=True)
class ExportOutcome:
    """What was written: where, for whom, how many items, and the file's SHA-256."""

    path: Path
    audience: str
    items: int
    sha256: str
    accepted: int = 0


@dataclass(frozen=True)
class CommissionersCheck:
    """The gate's answer, the document it was asked about, and the ids of its items."""

    result: GateResult
    data: ExportData
    item_ids: tuple[str, ...]


class ExportService:
    """Both exports of one vault."""

    def __init__(
        self,
        vault: Vault,
        clock: Clock,
        library: ProtocolLibrary | None = None,
        scan_factory: ScanFactory = anonymisation_scan,
        warnings: WarningFactory = ReidentificationWarnings,
    ) -> None:
        self.vault = vault
        self.clock = clock
        self.library = library or ProtocolLibrary()
        self.scan_factory = scan_factory
        self.validation = ValidationService(vault, clock, warnings)

    # -- commissioners ----------------------------------------------------------------------
    def check_commissioners(self, intervention_id: str, lang: str) -> CommissionersCheck:
        """Run the gate without writing anything (the TUI shows the reasons)."""
        view = self.validation.load(intervention_id)
        included = [status for status in view.statuses if status.exportable]
        data = self.commissioners_data(view, included, lang)
        other_texts: dict[str, str] = {}  # the title page names the commission, on purpose
        for number, section in enumerate(data.sections, start=1):
            other_texts[_("the title of section {number}").format(number=number)] = section.title
        for number, record in enumerate(data.validations, start=1):
            other_texts[_("the name of group {number}").format(number=number)] = record.group
        for number, (theme, _counts) in enumerate(data.matrix.rows, start=1):
            other_texts[_("theme {number} of the annex").format(number=number)] = theme
        result = commissioners_gate(
            included,
            scan=self.scan_factory(self.vault, intervention_id),
            warnings=view.warnings,
            acceptances=view.acceptances,
            other_texts=other_texts,
        )
        return CommissionersCheck(result, data, tuple(status.item.id for status in included))

    def export_commissioners(
        self,
        intervention_id: str,
        out: Path,
        *,
        lang: str,
        template: Path | None = None,
        overwrite: bool = False,
    ) -> ExportOutcome:
        """Gate, build, write and log the commissioners' document."""
        check = self.check_commissioners(intervention_id, lang)
        result, data, ids = check.result, check.data, list(check.item_ids)
        if not result.passed:
            self.vault.record_event(
                "export-refused",
                audience="commissioners",
                intervention=intervention_id,
                reasons=len(result.reasons),
            )
            raise ExportRefused(result.reasons)
        content = build_commissioners_docx(data, load_layout("commissioners"), lang, template)
        digest = write_private(out, content, overwrite=overwrite)
        self._log(intervention_id, "commissioners", ids, digest, accepted=len(result.accepted))
        return ExportOutcome(out, "commissioners", len(ids), digest, len(result.accepted))

    def commissioners_data(
        self, view: ValidationView, included: Sequence[ItemStatus], lang: str
    ) -> ExportData:
        """Approved items at their approved wording, with the frame, the validations, the annex."""
        sections: dict[str, list[ExportItem]] = {}
        for status in included:
            item = status.item
            export_item = ExportItem(
                status.number,
                item.kind,
                item.text,
                status.state,
                own_group=bool(item.origin_group_id),
            )
            sections.setdefault(item.section, []).append(export_item)
        return self._frame(view, lang, sections, self.matrix(view, included))

    # -- group ------------------------------------------------------------------------------
    def export_group(
        self, intervention_id: str, group_id: str, out: Path, *, lang: str, overwrite: bool = False
    ) -> ExportOutcome:
        """Build, write and log one group's working document."""
        view = self.validation.load(intervention_id)
        data = self.group_data(view, group_id, lang)
        content = build_group_docx(data, load_layout("group"), lang)
        digest = write_private(out, content, overwrite=overwrite)
        ids = [s.item.id for s in view.for_group(group_id)]
        self._log(intervention_id, "group", ids, digest, group=group_id)
        return ExportOutcome(out, "group", len(ids), digest)

    def group_data(self, view: ValidationView, group_id: str, lang: str) -> ExportData:
        """Every item that concerns the group, with where the group stands on it."""
        sections: dict[str, list[ExportItem]] = {}
        for status in view.for_group(group_id):
            sections.setdefault(status.item.section, []).append(
                self._group_item(view, status, group_id)
            )
        data = self._frame(view, lang, sections, ThemeMatrix())
        return replace(data, group=view.group_name(group_id))

    def _group_item(self, view: ValidationView, status: ItemStatus, group_id: str) -> ExportItem:
        standing = status.standing(group_id)
        decision = standing.decision if standing else None
        line = None
        if standing is not None and decision is not None:
            number = next(
                (s.number for s in view.sessions.get(group_id, []) if s.id == decision.session_id),
                0,
            )
            line = DecisionLine(
                view.group_name(group_id), standing.state, number, decision.decided_on
            )
        accepted = {
            a.code
            for a in view.acceptances
            if a.item_id == status.item.id and a.text_hash == status.text_hash
        }
        warnings = [WarningLine(w.code, w.detail) for w in view.warnings.get(status.item.id, [])]
        return ExportItem(
            number=status.number,
            kind=status.item.kind,
            text=status.item.text,
            state=standing.state if standing else status.state,
            own_group=status.item.origin_group_id == group_id,
            groups=len(status.evidence.groups),
            includes_reader_group=group_id in status.evidence.groups,
            participants=status.evidence.participants,
            warnings=tuple(w for w in warnings if w.code not in accepted),
            accepted_warnings=tuple(w for w in warnings if w.code in accepted),
            flags=reader_flags(status, group_id),
            decision=line,
        )

    # -- shared -----------------------------------------------------------------------------
    def _frame(
        self,
        view: ValidationView,
        lang: str,
        sections: dict[str, list[ExportItem]],
        matrix: ThemeMatrix,
    ) -> ExportData:
        """The parts every document shares: title page, frame and method, validations."""
        intervention = view.intervention
        all_sessions = [s for sessions in view.sessions.values() for s in sessions]
        participants = sum(len(self.vault.participants(g.id)) for g in view.groups)
        return ExportData(
            title=intervention.title,
            commissioner=intervention.commissioner,
            period=intervention.period,
            facilitator=intervention.facilitator,
            protocols=self._protocol_names(
                {s.protocol_id for s in all_sessions if s.protocol_id}, lang
            ),
            sessions=len(all_sessions),
            groups=len(view.groups),
            participants=participants,
            sections=tuple(ExportSection(title, tuple(items)) for title, items in sections.items()),
            validations=self._validations(view),
            matrix=matrix,
            exported_at=self.clock.now(),
        )

    def _protocol_names(self, ids: set[str], lang: str) -> tuple[str, ...]:
        protocols, _problems = self.library.load()
        names = []
        for protocol_id in sorted(ids):
            protocol = protocols.get(protocol_id)
            names.append(protocol.label.get(lang) or protocol_id if protocol else protocol_id)
        return tuple(names)

    def _validations(self, view: ValidationView) -> tuple[GroupValidation, ...]:
        """Each group's last validation session and date."""
        latest: dict[str, tuple[str, str]] = {}
        for status in view.statuses:
            for standing in status.standings:
                decision = standing.decision
                if (
                    decision is not None
                    and decision.decided_on > latest.get(standing.group_id, ("", ""))[0]
                ):
                    latest[standing.group_id] = (decision.decided_on, decision.session_id)
        records = []
        for group in view.groups:
            when, session_id = latest.get(group.id, ("", ""))
            number = next(
                (s.number for s in view.sessions.get(group.id, []) if s.id == session_id), 0
            )
            records.append(GroupValidation(group.name, number, when))
        return tuple(records)

    def matrix(self, view: ValidationView, included: Sequence[ItemStatus]) -> ThemeMatrix:
        """Notes per theme and session number, for the themes the approved items rest on.

        Counted like the analysis matrix: never off-record notes, nor the words of someone who
        did not agree to appear in the restitution (the facilitator's own notes count).
        """
        wanted = self._themes_of(included)
        agreed = {
            p.id
            for g in view.groups
            for p in self.vault.participants(g.id)
            if self.vault.consent(p.id).restitution
        }
        counts: Counter[tuple[str, int]] = Counter()
        numbers: set[int] = set()
        for sessions in view.sessions.values():
            for session in sessions:
                numbers.add(session.number)
                for note in self.vault.notes(session.id):
                    if note.off_record or (note.speaker_id and note.speaker_id not in agreed):
                        continue
                    counts.update((theme, session.number) for theme in set(note.themes) & wanted)
        columns = tuple(sorted(numbers))
        themes = [t for t in self.vault.themes(view.intervention.id) if t.id in wanted]
        rows = tuple((t.name, tuple(counts[(t.id, n)] for n in columns)) for t in themes)
        return ThemeMatrix(columns, rows)

    def _themes_of(self, included: Sequence[ItemStatus]) -> set[str]:
        """The themes coded on the evidence notes of the approved items."""
        from appsession.vault import IntegrityError, NotFound

        wanted: set[str] = set()
        for status in included:
            for note_id in status.item.evidence:
                try:
                    wanted.update(self.vault.note(note_id).themes)
                except (NotFound, IntegrityError):
                    continue
        return wanted

    def _log(
        self, intervention_id: str, audience: str, ids: list[str], digest: str, **extra: str | int
    ) -> None:
        self.vault.record_event(
            "export",
            audience=audience,
            intervention=intervention_id,
            items=len(ids),
            item_ids=",".join(ids),
            sha256=digest,
            **extra,
        )
