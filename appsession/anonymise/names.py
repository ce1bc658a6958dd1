"""Roster names, known terms and learned forms: found in every spelling, never missed.

A name that is also a French word ("Rose", "Petit", "Blanc", "Pierre") is masked when written
as a name: capitalised inside a sentence, capitalised at its start unless a noun or adjective
follows ("Petit retour"), or in lower case where a name stands ("rose, Natahlie",
". rose note…") but not after an article or a preposition ("pas tout rose", "noir sur
blanc", "maison en pierre", "huile d'olive"). Typos of a participant's name one letter off
("Natahlie") are caught too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from appsession.anonymise import wordlists
from appsession.anonymise.lexicon import Lexicon, common_word_use
from appsession.anonymise.mapping import LearnedForm
from appsession.anonymise.matcher import Case, Match, PhraseIndex
from appsession.anonymise.normalise import UNIT, fold_phrase
from appsession.anonymise.roster import (
    KnownTerm,
    Roster,
    Variant,
    keys_of,
    org_tail,
    person_variants,
    place_variants,
    short_forms,
    split_name,
)
from appsession.anonymise.spans import Detection, Label, Source, Tier
from appsession.anonymise.view import NoteView

_NAME_SLOT = frozenset({"et", "ou", "avec", "pour", "chez", "selon", "par", "a", "dit", "vu"})


@dataclass(frozen=True, slots=True)
class Target:
    """What a roster, known or learned phrase stands for."""

    entity: str
    """``p:<pseudonym>`` for a participant, ``k:<form>`` for a known term, else learned."""
    label: Label
    source: Source
    ambiguous: bool = False
    """A single word that is also a common French word: its context decides."""


def participant_key(pseudonym: str) -> str:
    """The entity key of a participant."""
    return f"p:{pseudonym}"


def known_key(text: str) -> str:
    """The entity key of a known term."""
    return f"k:{fold_phrase(text)}"


class NameIndex:
    """Every spelling of every known name, searchable in a note."""

    def __init__(self, lexicon: Lexicon | None, is_kept: Callable[[str], bool]) -> None:
        self.lexicon = lexicon
        self.is_kept = is_kept
        self.phrases: PhraseIndex[Target] = PhraseIndex()
        self._typo_targets: dict[str, Target] = {}
        self._initials: dict[str, set[str]] = {}
        self._given: dict[str, str] = {}
        """Participant key -> folded given name (to link a nickname given as a known term)."""
        self._words: set[str] = set()

    @classmethod
    def build(
        cls,
        roster: Roster,
        extra_terms: Iterable[KnownTerm],
        learned: Iterable[LearnedForm],
        lexicon: Lexicon | None,
        is_kept: Callable[[str], bool] = lambda phrase: False,
    ) -> NameIndex:
        """The index of one intervention (``is_kept`` vetoes generated short forms)."""
        index = cls(lexicon, is_kept)
        for person in roster.participants:
            index.add_participant(person.name, person.pseudonym, person.aliases)
        for term in (*roster.known_terms, *extra_terms):
            index.add_known(term)
        for form in learned:
            target = Target(form.entity, form.label, Source.LEARNED, index._ambiguous(form.keys))
            index.phrases.add(form.keys, form.case, target)
        return index

    def _ambiguous(self, keys: tuple[str, ...]) -> bool:
        return len(keys) == 1 and keys[0] in self._words

    def _note_words(self, text: str) -> None:
        """Remember which parts of a name are common words (checked with their accents)."""
        if self.lexicon is None:
            return
        for word in UNIT.findall(text):
            for part in word.lower().split("-"):
                if self.lexicon.is_word(part):
                    self._words.add(fold_phrase(part))

    def add_participant(self, name: str, pseudonym: str, aliases: Iterable[str] = ()) -> None:
        """A participant's name in all its spellings, short forms and aliases."""
        self._note_words(name)
        key = participant_key(pseudonym)
        self._add_person(name, key, Source.ROSTER)
        given, surname = split_name(name)
        if given:
            self._initials.setdefault(given[0][0], set()).add(key)
            self._given[key] = given[0]
        for part in given + surname:
            if len(part) >= 5:
                self._typo_targets.setdefault(part, Target(key, Label.PERSON, Source.ROSTER))
        for short in self._short_forms(name):
            self.phrases.add((short,), Case.CAPITALISED, Target(key, Label.PERSON, Source.ROSTER))
        for alias in aliases:
            self._note_words(alias)
            self.phrases.add(keys_of(alias), Case.ANY, Target(key, Label.PERSON, Source.ROSTER))

    def _short_forms(self, name: str) -> list[str]:
        """Known nicknames, and first letters that are neither a word nor another name."""
        given = next(match.group() for match in UNIT.finditer(name))
        table = wordlists.nicknames()
        found = []
        for short in short_forms(given, table):
            if short in table:
                found.append(short)
                continue
            is_other_name = wordlists.is_first_name(short) or wordlists.is_surname(short)
            is_word = self.lexicon is not None and self.lexicon.is_word(short)
            if not is_other_name and not is_word and not self.is_kept(short):
                found.append(short)
        return found

    def _add_person(self, name: str, key: str, source: Source) -> None:
        for variant in person_variants(name):
            target = Target(key, Label.PERSON, source, self._ambiguous(variant.keys))
            self.phrases.add(variant.keys, variant.case, target)

    def add_known(self, term: KnownTerm) -> None:
        """A known term; persons, places and structures in all their spellings."""
        self._note_words(term.text)
        key = known_key(term.text)
        if term.label is Label.PERSON and (owner := self._nickname_owner(term.text)):
            target = Target(owner, Label.PERSON, Source.ROSTER, self._ambiguous(keys_of(term.text)))
            self.phrases.add(keys_of(term.text), Case.ANY, target)
            return
        if term.label is Label.PERSON:
            self._add_person(term.text, key, Source.KNOWN)
            given, _surname = split_name(term.text)
            if given:
                self._initials.setdefault(given[0][0], set()).add(key)
            return
        variants = [Variant(keys_of(term.text), Case.ANY, "full")]
        if term.label is Label.PLACE:
            variants = place_variants(term.text)
        for variant in variants:
            target = Target(key, term.label, Source.KNOWN, self._ambiguous(variant.keys))
            self.phrases.add(variant.keys, variant.case, target)
        if term.label is Label.ORG:
            self._add_org_tail(term.text, key)

    def _nickname_owner(self, text: str) -> str | None:
        """The one participant a one-word known person is a nickname of ("Nath", "Véro")."""
        keys = keys_of(text)
        if len(keys) != 1 or len(keys[0]) < 3:
            return None
        short, table = keys[0], wordlists.nicknames()
        owners = [
            key
            for key, given in self._given.items()
            if (given.startswith(short) and given != short) or given in table.get(short, ())
        ]
        return owners[0] if len(owners) == 1 else None

    def _add_org_tail(self, text: str, key: str) -> None:
        """ "La Cagette" stands for "épicerie solidaire La Cagette"; "Cézallier" is a place."""
        tail, after_de = org_tail(text)
        if not tail:
            return
        label = Label.PLACE if after_de else Label.ORG
        entity = f"k:{' '.join(tail)}" if after_de else key
        for variant in place_variants(" ".join(tail)):
            case = Case.CAPITALISED if len(variant.keys) == 1 else variant.case
            self.phrases.add(variant.keys, case, Target(entity, label, Source.KNOWN))

    def find(self, view: NoteView) -> list[Detection]:
        """Roster, known and learned names in a note, each checked against its context."""
        found = [
            _detection(match, view)
            for match in self.phrases.find(view.text, view.units)
            if not match.phrase.payload.ambiguous or _reads_as_name(view, match)
        ]
        found += self._typos(view, found)
        return found + self._lone_initials(view, found)

    def _lone_initials(self, view: NoteView, found: list[Detection]) -> list[Detection]:
        """ "(demande de K.)": a lone initial shared by no other participant or known person."""
        hits: list[Detection] = []
        for index, unit in enumerate(view.units):
            owners = self._initials.get(unit.key, set())
            if not (unit.is_letter and unit.upper and len(owners) == 1):
                continue
            if view.text[unit.end : unit.end + 1] != "." or not _initial_slot(view, index):
                continue
            if not any(d.overlaps(unit.start, unit.end) for d in found):
                entity = next(iter(owners))
                source = Source.ROSTER if entity.startswith("p:") else Source.KNOWN
                hits.append(
                    Detection(
                        unit.start,
                        unit.end + 1,
                        Label.PERSON,
                        source,
                        entity,
                        Tier.ANCHOR,
                        unit.key,
                    )
                )
        return hits

    def _typos(self, view: NoteView, found: list[Detection]) -> list[Detection]:
        """Capitalised words one edit away from a participant's name ("Natahlie")."""
        hits: list[Detection] = []
        for unit in view.units:
            if not unit.capitalised or len(unit.key) < 5 or view.is_word(unit):
                continue
            if view.is_first_name(unit) or any(d.overlaps(unit.start, unit.end) for d in found):
                continue
            for name, target in self._typo_targets.items():
                if abs(len(name) - len(unit.key)) <= 1 and one_edit_apart(name, unit.key):
                    hits.append(
                        Detection(
                            unit.start,
                            unit.end,
                            Label.PERSON,
                            Source.ROSTER,
                            target.entity,
                            Tier.ANCHOR,
                            unit.key,
                        )
                    )
                    break
        return hits


def _detection(match: Match[Target], view: NoteView) -> Detection:
    target = match.phrase.payload
    end = match.end
    last = view.units[match.last].key.split("-")
    if all(len(part) == 1 for part in last) and view.text[end : end + 1] == ".":
        end += 1
    tier = Tier.SUGGESTION if target.source is Source.LEARNED else Tier.ANCHOR
    form = " ".join(match.phrase.keys)
    return Detection(match.start, end, target.label, target.source, target.entity, tier, form)


def _reads_as_name(view: NoteView, match: Match[Target]) -> bool:
    """Whether a name that is also a common word is used as a name here.

    After a placeholder blanked by the export gate ("__ rose"), a word reads as it did after
    the name it replaced ("Karima rose"): not as a name.
    """
    unit = view.units[match.first]
    if unit.capitalised:
        return not unit.initial or not common_word_use(view.lexicon, view.next_word(match.first))
    if view.text[: unit.start].rstrip(" ").endswith("_"):
        return False
    previous = view.unit(match.first - 1)
    if previous is None or not view.joined(match.first - 1, match.first):
        return True
    return previous.key in _NAME_SLOT


def _initial_slot(view: NoteView, index: int) -> bool:
    """An initial standing alone where a name goes: not "Rose M.", not "K. Benali", not
    "M." (Monsieur), not before a placeholder."""
    previous, following = view.unit(index - 1), view.unit(index + 1)
    if view.units[index].key == "m":
        return False
    if view.text[view.units[index].end + 1 :].lstrip()[:1] in ("[", "_"):
        return False
    if following is not None and following.capitalised and view.joined_loose(index, index + 1):
        return False
    if previous is None or not view.joined_loose(index - 1, index):
        return True
    return previous.key in _NAME_SLOT or previous.key in ("de", "d", "a")


def one_edit_apart(left: str, right: str) -> bool:
    """Damerau-Levenshtein distance of exactly one (one typo, or two letters swapped)."""
    if left == right:
        return False
    if len(left) == len(right):
        diffs = [i for i, (a, b) in enumerate(zip(left, right, strict=True)) if a != b]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and left[diffs[0]] == right[diffs[1]]
            and left[diffs[1]] == right[diffs[0]]
        )
    shorter, longer = sorted((left, right), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))
