"""The analysis workspace: analysable notes, the codebook, bulk tagging, memos and the matrix.

Only the pseudonymised layer is shown: off-record notes never, notes of a participant who
withdrew (or refused note-taking) never, speakers by pseudonym, text through
``pseudonymised_text``. Codebook colours and memos are encrypted vault documents.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from importlib import resources
from typing import TYPE_CHECKING

from appsession import i18n
from appsession.core.clock import Clock
from appsession.core.codebook import (
    Codebook,
    CodebookChange,
    StarterTheme,
    random_id,
    seed_codebook,
    starter_themes,
    tag_notes,
)
from appsession.core.errors import UserError
from appsession.core.matrix import (
    AnalysisIndex,
    AnalysisNote,
    Axis,
    Column,
    Matrix,
    NoteFilter,
    build_matrix,
)
from appsession.core.model import (
    Consent,
    Group,
    Note,
    NoteKind,
    Participant,
    Session,
    Situation,
)
from appsession.core.qdc import (
    codebook_csv,
    codebook_qdc,
    csv_entries,
    import_entries,
    qdc_entries,
)
from appsession.i18n import _

if TYPE_CHECKING:
    from appsession.services import AppContext
    from appsession.services.pseudonyms import PseudonymLayer
    from appsession.vault import Vault

COLORS_DOCUMENT = "codebook-colors"
MEMO_DOCUMENT = "memo"
DEFAULT_CODEBOOK = "codebook_default.toml"


# -- pseudonymisation -------------------------------------------------------------------------
@dataclass(frozen=True)
class PseudonymContext:
    """What pseudonymising an intervention's notes needs: its roster and pseudonym map."""

    intervention_id: str
    people: Mapping[str, Participant] = field(repr=False)
    layer: PseudonymLayer = field(repr=False)
    vault: Vault | None = field(repr=False, default=None)


def pseudonym_context(
    intervention_id: str, people: Sequence[Participant], vault: Vault | None = None
) -> PseudonymContext:
    """The intervention's pseudonymised layer (``services.pseudonyms``), read when first used."""
    from appsession.services.pseudonyms import PseudonymLayer

    layer = PseudonymLayer(vault, intervention_id, people)
    return PseudonymContext(intervention_id, {p.id: p for p in people}, layer, vault)


def pseudonymised_text(note: Note, context: PseudonymContext) -> str:
    """The text of a note as the analysis and the draft may show it: roster names, known
    terms, patterns, context rules and what the review taught, replaced (``PseudonymLayer``)."""
    return context.layer.text(note)


def pseudonymised_texts(notes: Sequence[Note], context: PseudonymContext) -> list[str]:
    """``pseudonymised_text`` for many notes at once (identical texts are done once)."""
    return context.layer.texts(notes)


# -- memos ------------------------------------------------------------------------------------
class MemoTarget(StrEnum):
    """What a memo is attached to."""

    THEME = "theme"
    SITUATION = "situation"
    SESSION = "session"


@dataclass(frozen=True)
class Memo:
    """An analytic memo of the facilitator."""

    id: str
    target: MemoTarget
    target_id: str
    text: str = field(repr=False)
    updated_at: str = field(repr=False, default="")


@dataclass(frozen=True)
class Roster:
    """The intervention's groups, sessions, situations and people, loaded once."""

    groups: tuple[Group, ...]
    sessions: tuple[Session, ...]
    situations: tuple[Situation, ...]
    people: tuple[Participant, ...] = field(repr=False)
    consents: Mapping[str, Consent] = field(repr=False)

    def group_name(self, group_id: str) -> str:
        """A group's name ("" if unknown)."""
        return next((g.name for g in self.groups if g.id == group_id), "")

    def agreement(self, note: Note) -> tuple[bool, bool]:
        """(may back the restitution, may be quoted) for a note, from its speaker's consent."""
        if not note.speaker_id:
            return True, False
        consent = self.consents.get(note.speaker_id)
        usable = consent is not None and consent.restitution
        quotable = usable and bool(consent and consent.quotable) and note.kind is NoteKind.VERBATIM
        return usable, quotable

    def excluded_speaker(self, speaker_id: str) -> bool:
        """A speaker whose words may not be analysed: withdrawn, refused, or unknown."""
        consent = self.consents.get(speaker_id)
        return consent is None or bool(consent.withdrawn_on) or consent.note_taking is False


def load_roster(vault: Vault, intervention_id: str) -> Roster:
    """Read the intervention's structure from the vault."""
    groups = tuple(vault.groups(intervention_id))
    sessions = tuple(s for g in groups for s in vault.sessions(g.id))
    situations = tuple(s for g in groups for s in vault.situations(g.id))
    people = tuple(p for g in groups for p in vault.participants(g.id))
    consents = {p.id: vault.consent(p.id) for p in people}
    return Roster(groups, sessions, situations, people, consents)


def choose_intervention(vault: Vault, wanted: str | None) -> str:
    """The intervention asked for, or the only one; a clear error otherwise."""
    known = vault.interventions()
    if wanted:
        if any(i.id == wanted for i in known):
            return wanted
        raise UserError(_("no intervention with this id in the vault"), exit_code=2)
    if len(known) == 1:
        return known[0].id
    if not known:
        raise UserError(_("the vault holds no intervention yet"), exit_code=2)
    raise UserError(
        _("the vault holds several interventions; choose one with --intervention: {ids}").format(
            ids=", ".join(i.id for i in known)
        ),
        exit_code=2,
    )


def default_starters() -> list[StarterTheme]:
    """The shipped starting codebook."""
    text = (
        resources.files("appsession")
        .joinpath("analysis_data", DEFAULT_CODEBOOK)
        .read_text(encoding="utf-8")
    )
    return starter_themes(tomllib.loads(text))


class AnalysisService:
    """One intervention's analysis, for the workspace screen and the commands."""

    def __init__(self, vault: Vault, intervention_id: str, clock: Clock) -> None:
        self.vault = vault
        self.intervention_id = intervention_id
        self.clock = clock
        self.roster = load_roster(vault, intervention_id)
        self.pseudonyms = pseudonym_context(intervention_id, list(self.roster.people), vault)
        self._index: AnalysisIndex | None = None

    @classmethod
    def from_context(cls, context: AppContext, intervention_id: str) -> AnalysisService:
        """The service on the app's vault and clock."""
        return cls(context.vault, intervention_id, context.clock)

    # -- notes ------------------------------------------------------------------------------
    def index(self) -> AnalysisIndex:
        """Every analysable note (loaded and pseudonymised once)."""
        if self._index is None:
            self._index = AnalysisIndex(self._analysable())
        return self._index

    def _analysable(self) -> Iterable[AnalysisNote]:
        pseudonyms = {p.id: p.pseudonym for p in self.roster.people}
        kept = [
            (session, note)
            for session in self.roster.sessions
            for note in self.vault.notes(session.id)
            if not note.off_record
            and not (note.speaker_id and self.roster.excluded_speaker(note.speaker_id))
        ]
        texts = pseudonymised_texts([note for _session, note in kept], self.pseudonyms)
        for (session, note), text in zip(kept, texts, strict=True):
            yield AnalysisNote(
                note,
                text,
                session.group_id,
                session.number,
                pseudonyms.get(note.speaker_id, ""),
                *self.roster.agreement(note),
            )

    def notes(self, wanted: NoteFilter | None = None) -> list[AnalysisNote]:
        """The analysable notes that pass the filter."""
        return self.index().select(wanted or NoteFilter())

    def speakers(self) -> list[str]:
        """Pseudonyms that can be filtered on."""
        return sorted({p.pseudonym for p in self.roster.people if p.pseudonym})

    # -- codebook ---------------------------------------------------------------------------
    def codebook(self) -> Codebook:
        """The intervention's themes as a tree."""
        return Codebook(self.vault.themes(self.intervention_id))

    def colors(self) -> dict[str, str]:
        """Theme colours (for QDA tools)."""
        data = self.vault.document(COLORS_DOCUMENT, self.intervention_id) or {}
        return {str(k): str(v) for k, v in dict(data.get("colors", {})).items()}

    def apply(self, change: CodebookChange, colors: Mapping[str, str] | None = None) -> int:
        """Write a codebook change and re-tag every note it concerns; returns notes re-tagged."""
        retagged: list[Note] = []
        with self.vault.batch():
            for theme in change.saved:
                self.vault.update_theme(theme)
            if change.theme_map or change.note_map:
                for session in self.roster.sessions:
                    for note in change.retagged(self.vault.notes(session.id)):
                        retagged.append(self.vault.save_note(note))
            for theme_id in change.deleted:
                self.vault.delete_theme(theme_id)
            self._save_colors(change, colors or {})
        if self._index is not None:
            self._index.replace(retagged)
        return len(retagged)

    def _save_colors(self, change: CodebookChange, added: Mapping[str, str]) -> None:
        current = self.colors()
        merged = {k: v for k, v in current.items() if k not in change.deleted} | dict(added)
        if merged != current:
            self.vault.put_document(
                COLORS_DOCUMENT,
                self.intervention_id,
                {"colors": merged},
                intervention_id=self.intervention_id,
            )

    def export_codebook(self, fmt: str) -> str:
        """The codebook as "csv" or REFI-QDA "qdc" text (no note ever leaves)."""
        from appsession import __version__

        if fmt == "qdc":
            return codebook_qdc(self.codebook(), self.colors(), f"appsession {__version__}")
        return codebook_csv(self.codebook(), self.colors())

    def import_codebook(self, text: str, fmt: str) -> tuple[int, int]:
        """Add or update themes from a "csv" or "qdc" text; returns (added, updated)."""
        entries = qdc_entries(text) if fmt == "qdc" else csv_entries(text)
        book = self.codebook()
        change, colors = import_entries(book, self.intervention_id, entries)
        self.apply(change, colors)
        added = sum(1 for t in change.saved if t.id not in book)
        return added, len(change.saved) - added

    def seed_default_codebook(self, language: str | None = None) -> int:
        """Add the shipped starting themes that are missing; returns how many were added."""
        change, colors = seed_codebook(
            self.codebook(),
            self.intervention_id,
            default_starters(),
            language or i18n.current_language(),
        )
        self.apply(change, colors)
        return len(change.saved)

    def tag(self, note_ids: Collection[str], add: Sequence[str], remove: Sequence[str] = ()) -> int:
        """Bulk tagging of analysable notes; returns how many notes changed."""
        book = self.codebook()
        if any(t not in book for t in [*add, *remove]):
            raise UserError(_("no such theme in this codebook"), exit_code=2)
        index = self.index()
        notes = [n.note for n in (index.get(i) for i in note_ids) if n is not None]
        saved = []
        with self.vault.batch():
            for note in tag_notes(notes, add, remove):
                saved.append(self.vault.save_note(note))
        index.replace(saved)
        return len(saved)

    # -- matrix -----------------------------------------------------------------------------
    def columns(self, axis: Axis) -> list[Column]:
        """Session numbers of the cycle, or the groups, as matrix columns."""
        if axis is Axis.GROUP:
            return [Column(g.id, g.name) for g in self.roster.groups]
        numbers = sorted({s.number for s in self.roster.sessions})
        return [Column(str(n), _("S{number}").format(number=n)) for n in numbers]

    def matrix(
        self, axis: Axis = Axis.SESSION, wanted: NoteFilter | None = None, *, rollup: bool = False
    ) -> Matrix:
        """Themes × sessions (or groups) over the notes that pass the filter."""
        return build_matrix(
            self.notes(wanted), self.codebook(), axis, self.columns(axis), rollup=rollup
        )

    # -- memos ------------------------------------------------------------------------------
    def save_memo(self, memo: Memo) -> Memo:
        """Create (empty id) or update a memo; owned like what it is about."""
        text = memo.text.strip()
        if not text:
            raise UserError(_("a memo cannot be empty"), exit_code=2)
        saved = replace(
            memo,
            id=memo.id or random_id(),
            text=text,
            updated_at=self.clock.now().isoformat(timespec="seconds"),
        )
        owners = self._memo_owners(saved)
        data = {"target": saved.target.value, "target_id": saved.target_id, "text": saved.text}
        data["updated_at"] = saved.updated_at
        self.vault.put_document(MEMO_DOCUMENT, saved.id, data, **owners)
        return saved

    def _memo_owners(self, memo: Memo) -> dict[str, str]:
        """A session memo goes with its session, a situation memo with its presenter."""
        owners = {"intervention_id": self.intervention_id}
        if memo.target is MemoTarget.SESSION:
            owners["session_id"] = memo.target_id
        elif memo.target is MemoTarget.SITUATION:
            situation = next((s for s in self.roster.situations if s.id == memo.target_id), None)
            if situation is None:
                raise UserError(_("no such situation in this intervention"), exit_code=2)
            if situation.presenter_id:
                owners["participant_id"] = situation.presenter_id
        return owners

    def memos(self, target: MemoTarget | None = None, target_id: str = "") -> list[Memo]:
        """Memos of the intervention, optionally about one thing, newest first."""
        found = []
        for memo_id, data in self.vault.documents(
            MEMO_DOCUMENT, intervention_id=self.intervention_id
        ):
            memo = Memo(
                memo_id,
                MemoTarget(str(data["target"])),
                str(data["target_id"]),
                str(data["text"]),
                str(data.get("updated_at", "")),
            )
            if (target is None or memo.target is target) and (
                not target_id or memo.target_id == target_id
            ):
                found.append(memo)
        return sorted(found, key=lambda m: (m.updated_at, m.id), reverse=True)

    def delete_memo(self, memo_id: str) -> bool:
        """Remove a memo."""
        return self.vault.delete_document(MEMO_DOCUMENT, memo_id)
