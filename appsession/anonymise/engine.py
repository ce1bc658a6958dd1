"""The pseudonymiser: every detector on a note, one placeholder per person, place, structure.

Detectors, strongest first: the roster and known terms (never missed, any spelling), patterns
(e-mails, phones, IDs, dates, addresses), context rules (titles, families, local structures,
streets), then suggestions (capitalised non-words, the spaCy model, forms learned in other
notes of the same intervention). Participants become their pseudonym; third parties get a
placeholder numbered per intervention ("[usager·e 1]") and stored in the ``PseudonymMap``.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from appsession.anonymise import heuristics, patterns, rules
from appsession.anonymise.cues import category
from appsession.anonymise.keep import KeepList
from appsession.anonymise.learning import entity_for, learned_forms
from appsession.anonymise.lexicon import Lexicon
from appsession.anonymise.mapping import PATTERN_PLACEHOLDERS, PseudonymMap, Verdict
from appsession.anonymise.model import Entity as ModelEntity
from appsession.anonymise.model import LanguageModel
from appsession.anonymise.names import NameIndex
from appsession.anonymise.normalise import Unit, fold, fold_phrase, overlapping, units
from appsession.anonymise.resolve import resolve
from appsession.anonymise.roster import Roster
from appsession.anonymise.spans import NAMED, Detection, Label, Source, Tier
from appsession.anonymise.view import NoteView


@dataclass(frozen=True, slots=True)
class Replacement:
    """A masked span of the original note and what replaces it."""

    start: int
    end: int
    label: Label
    source: Source
    entity: str
    placeholder: str
    decided: bool
    """False for a suggestion the facilitator has not yet accepted."""
    form: str


@dataclass(frozen=True)
class Pseudonymised:
    """A note's pseudonymised text and the replacements made (offsets into the original)."""

    text: str
    replacements: tuple[Replacement, ...]


class Pseudonymiser:
    """Detects and replaces identifying text in the notes of one intervention.

    One instance per intervention; its methods may be called from several threads (a lock
    serialises them). The mapping is shared state: save it (``mapping.to_dict()``) after
    ``learn``, ``pseudonymise`` (new placeholders) and every decision.
    """

    def __init__(
        self,
        roster: Roster,
        mapping: PseudonymMap | None = None,
        *,
        keep: KeepList | None = None,
        model: LanguageModel | None = None,
    ) -> None:
        self.roster = roster
        self.mapping = mapping if mapping is not None else PseudonymMap()
        self.model = model
        self._shipped_keep = keep if keep is not None else KeepList.default()
        self._index: NameIndex | None = None
        self._never: KeepList | None = None
        self._built_at = (-1, False)
        self._entities: dict[str, list[ModelEntity]] = {}
        self._pseudonyms = {participant.pseudonym for participant in roster.participants}
        self._lock = threading.RLock()

    def detect(self, text: str) -> list[Detection]:
        """Every span to mask in ``text``, without overlaps, in text order."""
        return self.detect_many([text])[0]

    def detect_many(self, texts: Sequence[str]) -> list[list[Detection]]:
        """``detect`` for many notes, running the model in batches."""
        with self._lock:
            entities = self._model_entities(texts)
            return [self._detect(text, found) for text, found in zip(texts, entities, strict=True)]

    def learn(self, texts: Sequence[str]) -> int:
        """Look for third parties in all the notes, so every note masks them all.

        Returns how many new spellings were learned (they are suggestions for the review).
        """
        count = 0
        with self._lock:
            for text, detections in zip(texts, self.detect_many(texts), strict=True):
                for detection in detections:
                    if detection.label in NAMED and not detection.source.certain:
                        entity = entity_for(self.mapping, detection, text)
                        for form in learned_forms(text, detection, entity, self._lexicon()):
                            count += self.mapping.learn(form)
        return count

    def pseudonymise(self, text: str) -> Pseudonymised:
        """The note with every detection replaced."""
        return self.pseudonymise_many([text])[0]

    def pseudonymise_many(self, texts: Sequence[str]) -> list[Pseudonymised]:
        """``pseudonymise`` for many notes, running the model in batches."""
        with self._lock:
            found = self.detect_many(texts)
            return [
                self._render(text, detections)
                for text, detections in zip(texts, found, strict=True)
            ]

    def placeholder_texts(self) -> set[str]:
        """Pseudonyms and placeholders, which the export gate must not flag."""
        return self._pseudonyms | set(self.mapping.placeholders())

    def _detect(self, text: str, entities: list[ModelEntity]) -> list[Detection]:
        index, never = self._current_index()
        found = units(text, fold(text))
        view = NoteView(text, found, self._shipped_keep.find(text, found), self._lexicon())
        view.model_labels = _model_labels(found, entities)
        names = [d for d in index.find(view) if self._still_wanted(d)]
        view.people = _people(found, names)
        candidates = names + _patterns(text, self._shipped_keep) + _rules(view)
        if view.lexicon is not None:
            candidates += [d for d in _suggestions(view) if self._still_wanted(d)]
        kept = [(k.start, k.end) for k in view.kept]
        never_spans = [(k.start, k.end) for k in never.find(text, found)]
        return resolve(text, candidates, kept, never_spans)

    def _still_wanted(self, detection: Detection) -> bool:
        verdict = self.mapping.verdict(detection.form)
        return detection.source.certain or verdict not in (Verdict.REJECT, Verdict.NEVER)

    def _render(self, text: str, detections: list[Detection]) -> Pseudonymised:
        pieces: list[str] = []
        position = 0
        found = units(text)
        replacements = tuple(self._replacement(text, found, d) for d in detections)
        for replacement in replacements:
            before = text[position : replacement.start]
            pieces += [_unelide(before, replacement.placeholder), replacement.placeholder]
            position = replacement.end
        pieces.append(text[position:])
        return Pseudonymised("".join(pieces), replacements)

    def _replacement(self, text: str, found: list[Unit], detection: Detection) -> Replacement:
        placeholder, entity = self._placeholder(text, found, detection)
        verdict = self.mapping.verdict(detection.form)
        decided = detection.source.certain or verdict in (Verdict.ACCEPT, Verdict.ALWAYS)
        return Replacement(
            detection.start,
            detection.end,
            detection.label,
            detection.source,
            entity,
            placeholder,
            decided,
            detection.form,
        )

    def _placeholder(self, text: str, found: list[Unit], detection: Detection) -> tuple[str, str]:
        if detection.label not in NAMED:
            return PATTERN_PLACEHOLDERS[detection.label], ""
        if detection.entity.startswith("p:"):
            return detection.entity[2:], detection.entity
        key = detection.entity or entity_for(self.mapping, detection, text)
        inside = overlapping(found, detection.start, detection.end)
        first, last = inside.start, max(inside.start, inside.stop - 1)
        entity = self.mapping.ensure(
            key, detection.label, category(detection.label, found, first, last)
        )
        return entity.placeholder, key

    def _current_index(self) -> tuple[NameIndex, KeepList]:
        state = (self.mapping.revision, self._lexicon() is not None)
        if self._index is None or self._never is None or state != self._built_at:
            self._index = NameIndex.build(
                self.roster,
                self.mapping.known_terms,
                self.mapping.learned.values(),
                self._lexicon(),
                self._shipped_keep.contains,
            )
            self._never = KeepList([(term, "never") for term in self.mapping.never])
            self._built_at = state
        return self._index, self._never

    def _lexicon(self) -> Lexicon | None:
        return self.model.lexicon if self.model is not None else None

    def _model_entities(self, texts: Sequence[str]) -> list[list[ModelEntity]]:
        if self.model is None or not self.model.ready:
            return [[] for _ in texts]
        missing = [text for text in dict.fromkeys(texts) if text not in self._entities]
        if missing:
            if len(self._entities) > 20_000:
                self._entities.clear()
            self._entities.update(zip(missing, self.model.entities(missing), strict=True))
        return [self._entities[text] for text in texts]


_ELISION = re.compile(r"(?i)(?<!\w)(d|qu|jusqu|lorsqu|puisqu)['’]$")


def _unelide(before: str, placeholder: str) -> str:
    """ "d'Amandine" becomes "de P16", not "d'P16" (the placeholder starts with no vowel)."""
    match = _ELISION.search(before)
    if match is None or placeholder[:1].lower() in "aeiouyéèêàâîôûh":
        return before
    return before[: match.start()] + match.group(1) + "e "


def _model_labels(found: list[Unit], entities: list[ModelEntity]) -> dict[int, str]:
    """Unit index -> the label of the model's entity over it."""
    return {
        index: entity.label
        for entity in entities
        for index in overlapping(found, entity.start, entity.end)
    }


def _people(found: list[Unit], names: list[Detection]) -> set[int]:
    """Units that a roster or known name already calls a person."""
    return {
        index
        for name in names
        if name.label is Label.PERSON
        for index in overlapping(found, name.start, name.end)
    }


def _patterns(text: str, keep: KeepList) -> list[Detection]:
    return [
        Detection(hit.start, hit.end, hit.label, Source.PATTERN, "", Tier.CONTAINER, hit.kind)
        for hit in patterns.find_all(text, keep.numbers)
    ]


def _rules(view: NoteView) -> list[Detection]:
    found = []
    for hit in rules.find_all(view):
        tier = Tier.CONTAINER if hit.container else Tier.SUGGESTION
        form = _form(view.text[hit.start : hit.end])
        found.append(Detection(hit.start, hit.end, hit.label, Source.RULE, "", tier, form))
    return found


def _suggestions(view: NoteView) -> list[Detection]:
    return [
        Detection(
            s.start,
            s.end,
            s.label,
            s.source,
            "",
            Tier.SUGGESTION,
            _form(view.text[s.start : s.end]),
        )
        for s in heuristics.suggest(view)
    ]


def _form(text: str) -> str:
    return fold_phrase(text)
