"""Changes to the pseudonym map, kept until saved so they can be redone on a newer map, and
the helpers the layer uses to read what the engine found.

Each change is a callable on a ``StoredMap``: applied at once to the layer's map, and again
to the map read from the vault when someone else saved in between.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Set
from dataclasses import dataclass, field

from appsession.anonymise import KnownTerm, Label, Pseudonymised, PseudonymMap, Verdict
from appsession.anonymise.mapping import Entity, LearnedForm
from appsession.anonymise.normalise import fold_phrase
from appsession.anonymise.spans import NAMED, Source
from appsession.services.pseudonyms.store import (
    ENTITY,
    LEARNED,
    MAIN,
    NEVER,
    TERM,
    VERDICT,
    EntryId,
    Shard,
    StoredMap,
)

Change = Callable[[StoredMap], None]
"""One change to the map."""


@dataclass
class Observed:
    """What pseudonymising some notes taught: new placeholders, where entries occur, mentions."""

    entities: list[Entity] = field(default_factory=list)
    origins: list[tuple[EntryId, Shard]] = field(default_factory=list)
    mentions: list[tuple[Shard, str, str]] = field(default_factory=list)
    seen: set[object] = field(default_factory=set, repr=False)

    def __bool__(self) -> bool:
        return bool(self.entities or self.origins or self.mentions)

    def __call__(self, stored: StoredMap) -> None:
        for entity in self.entities:
            stored.mapping.ensure(entity.key, entity.label, entity.category)
        for entry, shard in self.origins:
            stored.add_origin(entry, shard)
        for shard, text, participant in self.mentions:
            stored.mentions.setdefault(shard, {})[(fold_phrase(text), participant)] = text


@dataclass
class Learned:
    """Spellings the engine learned from the notes of one part."""

    shard: Shard
    forms: list[LearnedForm]

    def __call__(self, stored: StoredMap) -> None:
        for form in self.forms:
            stored.mapping.learn(form)
            stored.add_origin((LEARNED, " ".join(form.keys)), self.shard)


@dataclass
class Decided:
    """A verdict on a form, with the parts of the notes it was seen in."""

    text: str
    verdict: Verdict
    label: Label
    shards: frozenset[Shard]

    def __call__(self, stored: StoredMap) -> None:
        mapping, form = stored.mapping, fold_phrase(self.text)
        previous = mapping.verdicts.get(form)
        if previous is Verdict.ALWAYS and self.verdict is not Verdict.ALWAYS:
            mapping.known_terms = [t for t in mapping.known_terms if fold_phrase(t.text) != form]
        if previous is Verdict.NEVER and self.verdict is not Verdict.NEVER:
            mapping.never = [t for t in mapping.never if fold_phrase(t) != form]
        mapping.decide(self.text, self.verdict, self.label)
        entries: list[EntryId] = [(VERDICT, form)]
        entries += [(TERM, form)] if self.verdict is Verdict.ALWAYS else []
        entries += [(NEVER, form)] if self.verdict is Verdict.NEVER else []
        for entry in entries:
            for shard in self.shards or {MAIN}:
                stored.add_origin(entry, shard)


@dataclass
class Renamed:
    """The facilitator's own wording for a placeholder."""

    key: str
    text: str

    def __call__(self, stored: StoredMap) -> None:
        if self.key in stored.mapping.entities:
            stored.mapping.rename(self.key, self.text)


@dataclass
class Typed:
    """A known or kept term the facilitator typed (kept in the intervention's document)."""

    text: str
    label: Label | None
    """None for a kept term."""

    def __call__(self, stored: StoredMap) -> None:
        mapping, form = stored.mapping, fold_phrase(self.text)
        if self.label is None:
            if all(fold_phrase(t) != form for t in mapping.never):
                mapping.never.append(self.text)
            stored.add_origin((NEVER, form), MAIN)
        else:
            if all(fold_phrase(t.text) != form for t in mapping.known_terms):
                mapping.known_terms.append(KnownTerm(self.text, self.label))
            stored.add_origin((TERM, form), MAIN)
        mapping.revision += 1


class Entries:
    """The map entries a replacement rests on."""

    def __init__(self, mapping: PseudonymMap) -> None:
        self.mapping = mapping
        self.terms = {fold_phrase(t.text) for t in mapping.known_terms}

    def of(self, entity: str, form: str) -> list[EntryId]:
        mapping, entries = self.mapping, []
        if entity in mapping.entities:
            entries.append((ENTITY, entity))
        if form in mapping.learned:
            entries.append((LEARNED, form))
        if form in mapping.verdicts:
            entries.append((VERDICT, form))
        if entity.startswith("k:") and entity[2:] in self.terms:
            entries.append((TERM, entity[2:]))
        return entries


def teaches(result: Pseudonymised, known: Set[str]) -> bool:
    """Whether a note holds a name found by a rule or a suggestion, not yet learned."""
    return any(
        r.label in NAMED and r.source in _TEACHING and r.form not in known
        for r in result.replacements
    )


_TEACHING = frozenset({Source.RULE, Source.LEXICON, Source.MODEL})
"""Sources of names not yet learned (a learned form is already known to every note)."""


def honour(text: str, result: Pseudonymised, rejected: Set[str]) -> Pseudonymised:
    """The facilitator's "reject" also binds the context rules ("la famille Vaissier").

    The engine drops rejected forms from names and suggestions, not from its rules; until it
    does, the layer puts them back.
    """
    kept = tuple(r for r in result.replacements if r.source.certain or r.form not in rejected)
    if len(kept) == len(result.replacements):
        return result
    pieces, position = [], 0
    for r in kept:
        before = text[position : r.start]
        match = _ELISION.search(before)
        if match is not None and r.placeholder[:1].lower() not in _VOWELS:
            before = before[: match.start()] + match.group(1) + "e "
        pieces += [before, r.placeholder]
        position = r.end
    pieces.append(text[position:])
    return Pseudonymised("".join(pieces), kept)


_ELISION = re.compile(r"(?i)(?<!\w)(d|qu|jusqu|lorsqu|puisqu)['’]$")
"""As the engine writes it: "d'Amandine" becomes "de P16"."""
_VOWELS = "aeiouyéèêàâîôûh"
