"""The pseudonymised layer of an intervention: what analysis, drafts and exports read.

Notes are pseudonymised by the anonymisation engine without its statistical model: roster
names in every spelling, known terms, patterns (phones, e-mails, NIR, IBAN…), context rules
and the spellings learned from them and during the review, minus what the facilitator
rejected or keeps. What a rule found but nobody decided yet is masked too (the safe side)
until the review says otherwise. That layer is deterministic and needs no model at workspace
load; identical texts are pseudonymised once per batch. The model is a suggestion engine for
the review (and, if asked, the export gate): what it suggests is learned, then masked by this
layer, and blocks exports until decided.

Every placeholder the engine hands out is saved in the vault map (``store``), with where it
came from, so that "[usager·e 2]" stays the same person from one opening to the next.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from appsession.anonymise import (
    GateContext,
    Hit,
    KnownTerm,
    Label,
    LanguageModel,
    Pseudonymised,
    Pseudonymiser,
    PseudonymMap,
    Reason,
    Roster,
    RosterPerson,
    Verdict,
    residual_scan,
)
from appsession.anonymise.normalise import fold, fold_phrase
from appsession.anonymise.spans import NAMED
from appsession.core.model import Note, Participant
from appsession.services.pseudonyms import store
from appsession.services.pseudonyms.changes import (
    Change,
    Decided,
    Entries,
    Learned,
    Observed,
    Renamed,
    Typed,
    honour,
    teaches,
)
from appsession.services.pseudonyms.store import MAIN, EntryId, Shard, StoredMap

if TYPE_CHECKING:
    from appsession.vault import Vault

NO_PSEUDONYM = "[participant·e]"
"""What stands for a participant saved without a pseudonym."""


Owners = Mapping[str, frozenset[Shard]]
"""Note id -> the parts its findings belong to, for texts that are not notes (draft items)."""


def shard_of(note: Note) -> Shard | None:
    """The part of the map a note's findings belong to (None for a text with no session)."""
    return Shard(note.session_id, note.speaker_id) if note.session_id else None


def shards_of(note: Note, owners: Owners | None = None) -> frozenset[Shard]:
    """Where a text's findings are kept: its owners if given, else its own part (or none)."""
    if owners is not None and note.id in owners:
        return owners[note.id]
    return _own_part(note.session_id, note.speaker_id)


@functools.lru_cache(maxsize=4096)
def _own_part(session_id: str, speaker_id: str) -> frozenset[Shard]:
    return frozenset({Shard(session_id, speaker_id)}) if session_id else frozenset()


class PseudonymLayer:
    """One intervention's roster and pseudonym map, and the text the rest of the app reads.

    Methods may be called from a worker thread and the interface's thread (a lock serialises
    them). Changes are saved by ``save`` (``texts`` saves the placeholders it hands out).
    """

    def __init__(
        self,
        vault: Vault | None,
        intervention_id: str,
        people: Sequence[Participant] | None = None,
    ) -> None:
        self.vault = vault
        self.intervention_id = intervention_id
        self._people = list(people) if people is not None else None
        self._lock = threading.RLock()
        self._stored: StoredMap | None = None
        self._changes: list[Change] = []
        self._roster: Roster | None = None
        self._fast: Pseudonymiser | None = None

    # -- state ------------------------------------------------------------------------------
    @property
    def stored(self) -> StoredMap:
        """The map with where each entry is kept (read from the vault on first use)."""
        with self._lock:
            if self._stored is None:
                vault = self.vault
                self._stored = store.load(vault, self.intervention_id) if vault else StoredMap()
            return self._stored

    @property
    def mapping(self) -> PseudonymMap:
        """The intervention's pseudonym map."""
        return self.stored.mapping

    def people(self) -> list[Participant]:
        """The intervention's participants (withdrawn ones are no longer in the vault)."""
        if self._people is None:
            self._people = []
            if self.vault is not None:
                for group in self.vault.groups(self.intervention_id):
                    self._people += self.vault.participants(group.id)
        return self._people

    def roster(self) -> Roster:
        """Participants with their pseudonyms, and the names of those who withdrew as they
        were written in other people's notes (masked without saying who they were)."""
        with self._lock:
            if self._roster is None:
                people = self.people()
                persons = tuple(
                    RosterPerson(p.name, p.pseudonym or NO_PSEUDONYM) for p in people if p.name
                )
                self._roster = Roster(persons, tuple(self._departed(people)))
            return self._roster

    def _departed(self, people: Sequence[Participant]) -> list[KnownTerm]:
        present = {p.id for p in people}
        words = {fold_phrase(w) for p in people for w in [p.name, *p.name.split()]}
        found: dict[str, KnownTerm] = {}
        for mentions in self.stored.mentions.values():
            for (form, participant), text in mentions.items():
                if participant not in present and form not in words:
                    found.setdefault(form, KnownTerm(text, Label.PERSON))
        return list(found.values())

    def known_terms(self) -> list[tuple[str, str]]:
        """(text, label) of every known term, departed participants' names included (for the
        re-identification warnings)."""
        terms = [*self.roster().known_terms, *self.mapping.known_terms]
        return [(t.text, t.label.value) for t in terms]

    def fast_engine(self) -> Pseudonymiser:
        """The engine without its model: the deterministic layer."""
        with self._lock:
            if self._fast is None:
                self._fast = Pseudonymiser(self.roster(), self.mapping)
            return self._fast

    def engine(self, model: LanguageModel | None) -> Pseudonymiser:
        """An engine on the same roster and map, with the model as a suggestion engine."""
        if model is None:
            return self.fast_engine()
        return Pseudonymiser(self.roster(), self.mapping, model=model)

    def gate_context(self, model: LanguageModel | None) -> GateContext:
        """What the export gate's residual scan needs (the model loaded first, if given)."""
        return GateContext(self.engine(model), wait_for_model=model is not None)

    def gate_scan(self, model: LanguageModel | None = None) -> Callable[[str], list[Hit]]:
        """The residual scan of a final text: every identifier left in it (a rejected form
        found by a context rule is not one, as in the layer)."""
        context = self.gate_context(model)

        def scan(text: str) -> list[Hit]:
            rejected = {f for f, v in self.mapping.verdicts.items() if v is Verdict.REJECT}
            hits = residual_scan(text, context)
            return [
                hit
                for hit in hits
                if hit.reason is not Reason.SUGGESTION or fold_phrase(hit.text) not in rejected
            ]

        return scan

    def refresh(self) -> bool:
        """Read the map again if it was saved elsewhere since; returns whether it was."""
        with self._lock:
            if self.vault is None or self._changes or self._stored is None:
                return False
            current = self.vault.document(store.MAP_DOCUMENT, self.intervention_id) or {}
            if int(current.get("revision", 0)) == self._stored.revision:
                return False
            self._reset(store.load(self.vault, self.intervention_id))
            return True

    def _reset(self, stored: StoredMap) -> None:
        self._stored, self._roster, self._fast = stored, None, None

    # -- the layer --------------------------------------------------------------------------
    def texts(self, notes: Sequence[Note]) -> list[str]:
        """The pseudonymised text of each note (placeholders handed out are saved).

        A name a rule found in one note ("Mme Lestrade") is learned, so it is masked in every
        note ("lestrade est revenue"), decided or not.
        """
        results = self.pseudonymise(notes, spread=True)
        self.save()
        return [result.text for result in results]

    def text(self, note: Note) -> str:
        """The pseudonymised text of one note."""
        return self.texts([note])[0]

    def pseudonymise(
        self,
        notes: Sequence[Note],
        engine: Pseudonymiser | None = None,
        owners: Owners | None = None,
        *,
        spread: bool = False,
    ) -> list[Pseudonymised]:
        """Each note pseudonymised (identical texts once), and what it taught the map.

        With ``spread``, spellings are first learned from the notes where a suggestion was
        found, and the notes that may hold them are done again.
        """
        with self._lock:
            engine = engine or self.fast_engine()
            before = set(self.mapping.entities)
            unique = list(dict.fromkeys(note.text for note in notes))
            done = dict(zip(unique, engine.pseudonymise_many(unique), strict=True))
            if spread:
                done |= self._spread(engine, notes, done, owners)
            rejected = {f for f, v in self.mapping.verdicts.items() if v is Verdict.REJECT}
            if rejected:
                done = {t: honour(t, result, rejected) for t, result in done.items()}
            results = [done[note.text] for note in notes]
            observed = self._observe(notes, results, before, owners)
            if observed:
                self._change(observed)
            return results

    def _spread(
        self,
        engine: Pseudonymiser,
        notes: Sequence[Note],
        done: Mapping[str, Pseudonymised],
        owners: Owners | None,
    ) -> dict[str, Pseudonymised]:
        """Learn from the notes with suggestions, then redo the texts that may hold what was
        learned (each learned word must appear in a text for it to match)."""
        known = self.mapping.learned.keys() | self.mapping.verdicts.keys()
        hinted = {text for text, result in done.items() if teaches(result, known)}
        learned = set(self.mapping.learned)
        self.learn([note for note in notes if note.text in hinted], engine, owners)
        pieces = {
            max(form.replace("-", " ").split(), key=len)
            for form in self.mapping.learned
            if form not in learned
        }
        if not pieces:
            return {}
        again = [text for text in done if any(piece in fold(text) for piece in pieces)]
        return dict(zip(again, engine.pseudonymise_many(again), strict=True))

    def _observe(
        self,
        notes: Sequence[Note],
        results: Sequence[Pseudonymised],
        before: set[str],
        owners: Owners | None,
    ) -> Observed:
        mapping = self.mapping
        observed = Observed([e for k, e in mapping.entities.items() if k not in before])
        entries = Entries(mapping)
        by_pseudonym = {p.pseudonym: p.id for p in self.people() if p.pseudonym}
        for note, result in zip(notes, results, strict=True):
            for shard in shards_of(note, owners):
                for replacement in result.replacements:
                    if replacement.label not in NAMED:
                        continue
                    if replacement.entity.startswith("p:"):
                        person = by_pseudonym.get(replacement.entity[2:], "")
                        if person and person != note.speaker_id and not shard.main:
                            surface = note.text[replacement.start : replacement.end]
                            self._mention(observed, shard, surface, person)
                        continue
                    for entry in entries.of(replacement.entity, replacement.form):
                        self._origin(observed, entry, shard)
        return observed

    def _mention(self, observed: Observed, shard: Shard, surface: str, person: str) -> None:
        key = (fold_phrase(surface), person)
        if key not in self.stored.mentions.get(shard, {}) and (shard, key) not in observed.seen:
            observed.seen.add((shard, key))
            observed.mentions.append((shard, surface, person))

    def _origin(self, observed: Observed, entry: EntryId, shard: Shard) -> None:
        known = self.stored.origins.get(entry, ())
        if shard in known or MAIN in known or (entry, shard) in observed.seen:
            return
        observed.seen.add((entry, shard))
        observed.origins.append((entry, shard))

    def learn(
        self,
        notes: Sequence[Note],
        engine: Pseudonymiser,
        owners: Owners | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> int:
        """Let the engine learn spellings from the notes, one distinct text at a time, so that
        each spelling is kept with the notes it came from; returns how many were learned."""
        where: dict[str, set[Shard]] = {}
        for note in notes:
            where.setdefault(note.text, set()).update(shards_of(note, owners))
        count = 0
        for done, (text, shards) in enumerate(where.items(), start=1):
            with self._lock:
                before = set(self.mapping.learned)
                count += engine.learn([text])
                new = [f for name, f in self.mapping.learned.items() if name not in before]
                for shard in sorted(shards) if new else ():
                    self._change(Learned(shard, new))
            if progress is not None and (done % 50 == 0 or done == len(where)):
                progress(done, len(where))
        return count

    # -- decisions --------------------------------------------------------------------------
    def decide(
        self, text: str, verdict: Verdict, label: Label, shards: Iterable[Shard] = ()
    ) -> None:
        """Accept, reject, always or never mask a form, from now on and in every past note."""
        self._change(Decided(text, verdict, label, frozenset(shards)))

    def rename(self, key: str, text: str) -> None:
        """The facilitator's own wording for a placeholder ("" gives back the numbered one)."""
        if key not in self.mapping.entities:
            raise KeyError(key)
        self._change(Renamed(key, text))

    def add_known_term(self, text: str, label: Label) -> None:
        """A term the facilitator knows to be identifying (a town, a local structure…)."""
        self._change(Typed(text.strip(), label))

    def add_kept_term(self, text: str) -> None:
        """A term never to mask (a programme, an institution the keep-list lacks)."""
        self._change(Typed(text.strip(), None))

    def _change(self, change: Change) -> None:
        with self._lock:
            change(self.stored)
            self._changes.append(change)
            if not isinstance(change, Observed | Learned):
                self._roster, self._fast = None, None

    def save(self) -> None:
        """Write what changed; if the map was saved elsewhere meanwhile, redo the changes on
        the newer map first (decisions and placeholders are never lost)."""
        with self._lock:
            if not self._changes:
                return
            if self.vault is None:
                self._changes.clear()
                return
            for _attempt in range(3):
                try:
                    store.save(self.vault, self.intervention_id, self.stored)
                except store.MapChanged:
                    fresh = store.load(self.vault, self.intervention_id)
                    for change in self._changes:
                        change(fresh)
                    self._reset(fresh)
                    continue
                self._changes.clear()
                return
            raise store.MapChanged()
