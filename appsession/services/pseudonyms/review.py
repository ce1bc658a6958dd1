"""The anonymisation review: what the detectors found that nobody has decided yet, and the
facilitator's decisions on it.

A review covers one session or the whole intervention (its notes and the draft's items). The
statistical model, when given and loaded, adds its suggestions; every spelling found is
learned, so one decision covers every note. Decisions are kept by form in the pseudonym map:
they apply to every past note (the layer is recomputed from the raw notes) and to every
future one. Off-record notes and the words of participants who withdrew or refused
note-taking are never read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from appsession.anonymise import LanguageModel, Pseudonymised, Pseudonymiser, Verdict
from appsession.anonymise.spans import Label, Source
from appsession.core.model import Note, Session
from appsession.i18n import _
from appsession.services.analysis import Roster, load_roster
from appsession.services.pseudonyms.layer import Owners, PseudonymLayer, shards_of
from appsession.services.pseudonyms.store import MAIN, Shard

if TYPE_CHECKING:
    from appsession.vault import Vault

ITEM_PREFIX = "item:"
"""Draft items are reviewed as texts whose id starts with this."""
WINDOW = 70
"""Characters of context shown on each side of a candidate."""
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Occurrence:
    """Where a candidate is: a note (or a draft item) and the span in its raw text."""

    note_id: str
    start: int
    end: int

    @property
    def in_draft(self) -> bool:
        """Whether it is in a draft item rather than a note."""
        return self.note_id.startswith(ITEM_PREFIX)


@dataclass(frozen=True)
class Candidate:
    """A form to decide once, with every place it occurs in the reviewed notes."""

    id: str
    """A short id that stays the same from one review to the next (``appsession review``)."""
    form: str = field(repr=False)
    text: str = field(repr=False)
    """The form as first written."""
    label: Label
    source: Source
    entity: str = field(repr=False)
    placeholder: str = field(repr=False)
    occurrences: tuple[Occurrence, ...] = field(repr=False)


@dataclass(frozen=True)
class Placeholder:
    """A third party, place or structure of the map, for renaming."""

    id: str
    key: str = field(repr=False)
    placeholder: str = field(repr=False)
    label: Label
    renamed: bool
    form: str = field(repr=False, default="")
    """Who or what it stands for, folded (shown only with real names)."""


@dataclass(frozen=True)
class Context:
    """A candidate in its note: the text before it, the candidate, the text after it."""

    before: str = field(repr=False)
    candidate: str = field(repr=False)
    after: str = field(repr=False)


@dataclass(frozen=True)
class Scope:
    """One session's notes, or the whole intervention's notes and draft items."""

    session_id: str = ""

    @property
    def whole(self) -> bool:
        """Whether it is the whole intervention."""
        return not self.session_id


def short_id(kind: str, key: str) -> str:
    """A stable id for a form ("f") or a placeholder ("e")."""
    return kind + hashlib.blake2b(key.encode("utf-8"), digest_size=4).hexdigest()


class ReviewService:
    """One intervention's review, for the review screen and ``appsession review``."""

    def __init__(
        self, vault: Vault, intervention_id: str, model: LanguageModel | None = None
    ) -> None:
        self.vault = vault
        self.intervention_id = intervention_id
        self.model = model
        self.roster: Roster = load_roster(vault, intervention_id)
        self.layer = PseudonymLayer(vault, intervention_id, self.roster.people)
        self._texts: dict[str, Note] = {}
        self._results: dict[str, Pseudonymised] = {}
        self._owners: dict[str, frozenset[Shard]] = {}
        self._cached_engine: Pseudonymiser | None = None

    # -- what can be reviewed ----------------------------------------------------------------
    def sessions(self) -> list[tuple[Session, str]]:
        """Each session with its group's name, in cycle order."""
        names = {g.id: g.name for g in self.roster.groups}
        ordered = sorted(self.roster.sessions, key=lambda s: (s.number, names.get(s.group_id, "")))
        return [(s, names.get(s.group_id, "")) for s in ordered]

    def material(self, scope: Scope) -> tuple[list[Note], Owners]:
        """The texts a scope covers, and where the findings of draft items are kept."""
        notes = [
            note
            for session in self.roster.sessions
            if scope.whole or session.id == scope.session_id
            for note in self.vault.notes(session.id)
            if self._readable(note)
        ]
        owners: dict[str, frozenset[Shard]] = {}
        if scope.whole:
            for item in self.vault.draft_items(self.intervention_id):
                text = Note(ITEM_PREFIX + item.id, "", item.text)
                notes.append(text)
                owners[text.id] = self._item_owners(item.evidence)
        return notes, owners

    def _readable(self, note: Note) -> bool:
        """Off-record notes and excluded speakers' words are never read."""
        if note.off_record:
            return False
        return not (note.speaker_id and self.roster.excluded_speaker(note.speaker_id))

    def _item_owners(self, evidence: Sequence[str]) -> frozenset[Shard]:
        """An item's findings go with its evidence notes (the intervention's if it has none)."""
        from appsession.vault import IntegrityError, NotFound

        found: set[Shard] = set()
        for note_id in evidence:
            try:
                note = self.vault.note(note_id)
            except (NotFound, IntegrityError):
                continue
            if self._readable(note):
                found |= shards_of(note)
        return frozenset(found or {MAIN})

    # -- scanning ----------------------------------------------------------------------------
    def scan(self, scope: Scope, progress: Progress | None = None) -> list[Candidate]:
        """Learn from the scope's texts, then list every undecided candidate, by form.

        Slow with the model on many notes: call it off the interface's thread.
        """
        notes, owners = self.material(scope)
        engine = self._engine()
        self.layer.learn(notes, engine, owners, progress)
        results = self.layer.pseudonymise(notes, engine, owners)
        self.layer.save()
        self._texts = {note.id: note for note in notes}
        self._results = {note.id: result for note, result in zip(notes, results, strict=True)}
        self._owners = {note.id: shards_of(note, owners) for note in notes}
        return self.candidates()

    def _engine(self) -> Pseudonymiser:
        """The engine with the model once it is ready, kept while the map is the same one (it
        remembers what the model found in each text)."""
        model = self.model if self.model is not None and self.model.ready else None
        engine = self._cached_engine
        if engine is None or engine.mapping is not self.layer.mapping or engine.model is not model:
            engine = self._cached_engine = self.layer.engine(model)
        return engine

    def candidates(self) -> list[Candidate]:
        """The undecided candidates of the last scan that are still undecided, in note order."""
        grouped: dict[str, list[tuple[Occurrence, str, Label, Source, str, str]]] = {}
        verdicts, names = self.layer.mapping.verdicts, self._placeholders()
        for note_id, result in self._results.items():
            text = self._texts[note_id].text
            for r in result.replacements:
                if r.decided or r.form in verdicts:
                    continue
                place = Occurrence(note_id, r.start, r.end)
                placeholder = names.get(r.entity, r.placeholder)
                grouped.setdefault(r.form, []).append(
                    (place, text[r.start : r.end], r.label, r.source, r.entity, placeholder)
                )
        return [
            Candidate(
                short_id("f", form),
                form,
                found[0][1],
                found[0][2],
                found[0][3],
                found[0][4],
                found[0][5],
                tuple(f[0] for f in found),
            )
            for form, found in grouped.items()
        ]

    def _placeholders(self) -> dict[str, str]:
        """Entity key -> its placeholder now (a rename shows at once)."""
        return {key: e.placeholder for key, e in self.layer.mapping.entities.items()}

    def find(self, candidate_id: str) -> Candidate | None:
        """A candidate of the last scan by its id."""
        return next((c for c in self.candidates() if c.id == candidate_id), None)

    # -- decisions ---------------------------------------------------------------------------
    def decide(self, candidate: Candidate, verdict: Verdict) -> None:
        """Accept, reject, always or never mask a candidate, everywhere, and save."""
        shards = {s for o in candidate.occurrences for s in self._owners.get(o.note_id, ())}
        self.layer.decide(candidate.text, verdict, candidate.label, shards)
        self.layer.save()

    def placeholders(self) -> list[Placeholder]:
        """The map's third parties, places and structures, by placeholder."""
        entities = [e for e in self.layer.mapping.entities.values() if not e.key.startswith("x:")]
        return [
            Placeholder(
                short_id("e", e.key), e.key, e.placeholder, e.label, bool(e.rename), e.key[2:]
            )
            for e in sorted(entities, key=lambda e: (e.category, e.number))
        ]

    def rename(self, entity: str, text: str) -> None:
        """The facilitator's own wording for a placeholder, everywhere, and save."""
        self.layer.rename(entity, text)
        self.layer.save()

    # -- showing a candidate -----------------------------------------------------------------
    def context(self, place: Occurrence, *, real_names: bool = False) -> Context:
        """The note around a candidate, pseudonymised except the candidate (unless real names
        are shown, which the facilitator chooses for a moment)."""
        text = self._texts[place.note_id].text
        result = self._results[place.note_id]
        before, after = text[: place.start], text[place.end :]
        if not real_names:
            names = self._placeholders()
            before = _masked(text, result, 0, place.start, names)
            after = _masked(text, result, place.end, len(text), names)
        return Context(_tail(before), text[place.start : place.end], _head(after))

    def where(self, place: Occurrence) -> str:
        """Where an occurrence is: "S3 · group · P2", or "draft item"."""
        if place.in_draft:
            return _("draft item")
        note = self._texts[place.note_id]
        session = next((s for s in self.roster.sessions if s.id == note.session_id), None)
        speaker = next((p for p in self.roster.people if p.id == note.speaker_id), None)
        who = speaker.pseudonym if speaker is not None else _("facilitator")
        if session is None:
            return who
        group = self.roster.group_name(session.group_id)
        return _("S{number} · {group} · {who}").format(number=session.number, group=group, who=who)

    def record_real_names(self, shown: bool) -> None:
        """Note in the audit log that real names were shown or hidden again (no content)."""
        kind = "real-names-shown" if shown else "real-names-hidden"
        self.vault.record_event(kind, intervention=self.intervention_id)


def _masked(
    text: str, result: Pseudonymised, start: int, end: int, names: Mapping[str, str]
) -> str:
    """``text[start:end]`` with every replacement inside it applied (renames included)."""
    pieces, position = [], start
    for r in result.replacements:
        if r.end <= start or r.start >= end:
            continue
        pieces += [text[position : max(position, r.start)], names.get(r.entity, r.placeholder)]
        position = max(position, r.end)
    pieces.append(text[position:end])
    return "".join(pieces)


def _tail(text: str) -> str:
    return text if len(text) <= WINDOW else "…" + text[-WINDOW:].lstrip()


def _head(text: str) -> str:
    return text if len(text) <= WINDOW else text[:WINDOW].rstrip() + "…"


def label_name(label: Label) -> str:
    """A kind of identifier as the facilitator says it."""
    names = {
        Label.PERSON: _("person"),
        Label.PLACE: _("place"),
        Label.ORG: _("structure"),
        Label.ADDRESS: _("address"),
        Label.EMAIL: _("e-mail"),
        Label.PHONE: _("phone"),
        Label.ID: _("number"),
        Label.DATE: _("date"),
    }
    return names[label]


def source_name(source: Source) -> str:
    """Which detector found it."""
    names = {
        Source.ROSTER: _("roster"),
        Source.KNOWN: _("known term"),
        Source.PATTERN: _("pattern"),
        Source.RULE: _("context"),
        Source.LEARNED: _("other notes"),
        Source.LEXICON: _("capital letter"),
        Source.MODEL: _("language model"),
    }
    return names[source]
