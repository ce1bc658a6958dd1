"""The pseudonym map in the vault, split by whose notes each part comes from.

Everything the map holds that comes from a note (a third party's name, a learned spelling, a
decision on a word, a mention of a participant) is stored in a part owned like that note: a
participant's words in a session under their contribution key, the facilitator's notes under
the session key. Withdrawing a participant (or purging a session) destroys those keys, so what
was learned only from their words is shredded with them, with no step to forget. What the
facilitator typed (known terms, kept terms, renames of known terms) and the placeholder
numbering live in the intervention's own document, which also carries the map's revision.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from appsession.anonymise import Entity, Label, PseudonymMap
from appsession.anonymise.mapping import CATEGORIES, FORMAT_VERSION, Verdict
from appsession.anonymise.normalise import fold_phrase
from appsession.i18n import _
from appsession.vault.errors import VaultError

if TYPE_CHECKING:
    from appsession.vault import Vault

MAP_DOCUMENT = "pseudonym-map"
"""The intervention's document: facilitator's terms, numbering, revision (doc id: the
intervention id)."""
PART_DOCUMENT = "pseudonym-map-part"
"""A part learned from the notes of one speaker in one session, owned like those notes."""
FORMAT = 1

ENTITY, LEARNED, VERDICT, TERM, NEVER = "entity", "learned", "verdict", "term", "never"
EntryId = tuple[str, str]
"""(kind of entry, its key): ("entity", "l:lestrade"), ("verdict", "lestrade")…"""

_LABEL_OF_CATEGORY = {"structure": Label.ORG, "commune": Label.PLACE, "lieu": Label.PLACE}


@dataclass(frozen=True, order=True)
class Shard:
    """Whose notes a part comes from: one speaker in one session ("" for the facilitator).

    ``Shard()`` is the intervention's own document.
    """

    session_id: str = ""
    speaker_id: str = ""

    @property
    def main(self) -> bool:
        """Whether this is the intervention's own document."""
        return not self.session_id and not self.speaker_id

    def doc_id(self, intervention_id: str) -> str:
        """The vault document id of this part."""
        return f"{intervention_id}/{self.session_id}/{self.speaker_id}"

    def owners(self, intervention_id: str) -> dict[str, str]:
        """The owners that pick its key: contribution, session, participant or intervention."""
        return {
            "intervention_id": intervention_id,
            "session_id": self.session_id,
            "participant_id": self.speaker_id,
        }


MAIN = Shard()


@dataclass
class StoredMap:
    """The merged map of an intervention, and where each of its entries is kept."""

    mapping: PseudonymMap = field(default_factory=PseudonymMap)
    origins: dict[EntryId, set[Shard]] = field(default_factory=dict)
    mentions: dict[Shard, dict[tuple[str, str], str]] = field(default_factory=dict)
    """Per part: (folded name as written, participant id) -> the name as written, for the
    participants the notes of that part mention (masked even after they withdraw)."""
    numbers: dict[str, int] = field(default_factory=dict)
    """Highest placeholder number ever given per category, so none is given twice."""
    revision: int = 0
    written: dict[Shard, str] = field(default_factory=dict, repr=False)
    """Each document as read or last written (unchanged parts are not written again)."""

    def add_origin(self, entry: EntryId, shard: Shard) -> bool:
        """Record that ``entry`` comes (also) from ``shard``; False if it was known."""
        found = self.origins.setdefault(entry, set())
        if shard in found:
            return False
        found.add(shard)
        return True


class MapChanged(Exception):
    """The map was saved by someone else since it was read (the caller merges and retries)."""


class MapUnreadable(VaultError):
    """A document of the map does not have the expected shape (a newer appsession wrote it)."""

    def __init__(self) -> None:
        super().__init__(
            _("the pseudonym map cannot be read (was it written by a newer appsession?)")
        )


# -- reading ----------------------------------------------------------------------------------
def load(vault: Vault, intervention_id: str) -> StoredMap:
    """The map of an intervention from its document and every part the vault still holds."""
    stored = StoredMap()
    main = vault.document(MAP_DOCUMENT, intervention_id)
    documents: list[tuple[int, Shard, Mapping[str, Any]]] = []
    if main is not None:
        stored.revision = int(main.get("revision", 0))
        stored.numbers = {str(k): int(v) for k, v in dict(main.get("numbers", {})).items()}
        documents.append((-1, MAIN, main))
    for _doc_id, part in vault.documents(PART_DOCUMENT, intervention_id=intervention_id):
        shard = Shard(str(part.get("session_id", "")), str(part.get("speaker_id", "")))
        documents.append((int(part.get("revision", 0)), shard, part))
    for _revision, shard, data in sorted(documents, key=lambda d: (d[0], d[1])):
        try:
            _merge(stored, shard, data)
        except (KeyError, TypeError, ValueError) as problem:
            raise MapUnreadable() from problem
        stored.written[shard] = _canonical(data)
    _tidy(stored.mapping)
    _reserve_numbers(stored)
    stored.mapping.revision = stored.revision
    return stored


def _merge(stored: StoredMap, shard: Shard, data: Mapping[str, Any]) -> None:
    """Add one document's entries (a later document's verdicts win)."""
    if data.get("format") != FORMAT:
        raise ValueError(f"unknown pseudonym map format {data.get('format')!r}")
    part = PseudonymMap.from_dict(data.get("map", {"version": FORMAT_VERSION}))
    target = stored.mapping
    for key, entity in part.entities.items():
        _merge_entity(target, entity)
        stored.add_origin((ENTITY, key), shard)
    for name, form in part.learned.items():
        target.learned.setdefault(name, form)
        stored.add_origin((LEARNED, name), shard)
    for decided, verdict in part.verdicts.items():
        target.verdicts[decided] = verdict
        stored.add_origin((VERDICT, decided), shard)
    for term in part.known_terms:
        if all(fold_phrase(t.text) != fold_phrase(term.text) for t in target.known_terms):
            target.known_terms.append(term)
        stored.add_origin((TERM, fold_phrase(term.text)), shard)
    for text in part.never:
        if all(fold_phrase(t) != fold_phrase(text) for t in target.never):
            target.never.append(text)
        stored.add_origin((NEVER, fold_phrase(text)), shard)
    for mention in data.get("mentions", ()):
        text, participant = str(mention["text"]), str(mention["participant"])
        stored.mentions.setdefault(shard, {})[(fold_phrase(text), participant)] = text


def _merge_entity(target: PseudonymMap, entity: Entity) -> None:
    found = target.entities.get(entity.key)
    if found is None:
        target.entities[entity.key] = entity
    elif entity.rename and not found.rename:
        found.rename = entity.rename


def _tidy(mapping: PseudonymMap) -> None:
    """Drop what later decisions undid: forms rejected since they were learned, terms whose
    "always" or "never" was changed."""
    verdicts = mapping.verdicts
    for name in [n for n in mapping.learned if verdicts.get(n) in _UNLEARN]:
        del mapping.learned[name]
    mapping.known_terms = [
        t
        for t in mapping.known_terms
        if verdicts.get(fold_phrase(t.text), Verdict.ALWAYS) is Verdict.ALWAYS
    ]
    mapping.never = [
        t for t in mapping.never if verdicts.get(fold_phrase(t), Verdict.NEVER) is Verdict.NEVER
    ]


_UNLEARN = (Verdict.REJECT, Verdict.NEVER)


def _reserve_numbers(stored: StoredMap) -> None:
    """Renumber clashes, then hold every number ever given with a word-free stand-in.

    An entity shredded with a withdrawal leaves a gap; "[usager·e 3]" must never be given to
    someone else, since memos and drafts may already say it.
    """
    entities = stored.mapping.entities
    taken: dict[tuple[str, int], str] = {}
    for key in sorted(k for k in entities if not k.startswith("x:")):
        entity = entities[key]
        if (entity.category, entity.number) in taken:
            entity.number = _highest(stored, entity.category) + 1
        taken[(entity.category, entity.number)] = key
        stored.numbers[entity.category] = max(stored.numbers.get(entity.category, 0), entity.number)
    for key in [k for k in entities if k.startswith("x:")]:
        if (entities[key].category, entities[key].number) in taken:
            del entities[key]
    for category, highest in stored.numbers.items():
        for number in range(1, highest + 1) if category in CATEGORIES else ():
            key = f"x:{category}:{number}"
            if (category, number) not in taken and key not in entities:
                label = _LABEL_OF_CATEGORY.get(category, Label.PERSON)
                entities[key] = Entity(key, label, category, number)


def _highest(stored: StoredMap, category: str) -> int:
    numbers = [e.number for e in stored.mapping.entities.values() if e.category == category]
    return max([stored.numbers.get(category, 0), *numbers])


# -- writing ----------------------------------------------------------------------------------
def save(vault: Vault, intervention_id: str, stored: StoredMap) -> None:
    """Write the parts that changed and the intervention's document, as one commit.

    Raises ``MapChanged`` when the stored revision is not the one ``stored`` was read at.
    """
    current = vault.document(MAP_DOCUMENT, intervention_id)
    if int((current or {}).get("revision", 0)) != stored.revision:
        raise MapChanged()
    revision = stored.revision + 1
    documents = split(stored, revision)
    with vault.batch():
        for shard, data in documents.items():
            if shard.main or _canonical(data, revision=False) != stored.written.get(shard, ""):
                _put(vault, intervention_id, shard, data)
        for shard in set(stored.written) - set(documents):
            vault.delete_document(PART_DOCUMENT, shard.doc_id(intervention_id))
    stored.revision = revision
    stored.mapping.revision = max(stored.mapping.revision, revision)
    stored.written = {shard: _canonical(data, revision=False) for shard, data in documents.items()}


def _put(vault: Vault, intervention_id: str, shard: Shard, data: dict[str, Any]) -> None:
    if shard.main:
        vault.put_document(MAP_DOCUMENT, intervention_id, data, intervention_id=intervention_id)
        return
    vault.put_document(
        PART_DOCUMENT, shard.doc_id(intervention_id), data, **shard.owners(intervention_id)
    )


def split(stored: StoredMap, revision: int) -> dict[Shard, dict[str, Any]]:
    """One document per part that holds something, and always the intervention's own."""
    mapping = stored.mapping
    parts: dict[Shard, PseudonymMap] = {MAIN: PseudonymMap()}
    homes = _Homes(stored)
    for key, entity in mapping.entities.items():
        for shard in homes.entity(key):
            parts.setdefault(shard, PseudonymMap()).entities[key] = entity
    for name, form in mapping.learned.items():
        for shard in homes.learned(name, form.entity):
            parts.setdefault(shard, PseudonymMap()).learned[name] = form
    for decided, verdict in mapping.verdicts.items():
        for shard in homes.of((VERDICT, decided)):
            parts.setdefault(shard, PseudonymMap()).verdicts[decided] = verdict
    for term in mapping.known_terms:
        for shard in homes.of((TERM, fold_phrase(term.text))):
            parts.setdefault(shard, PseudonymMap()).known_terms.append(term)
    for text in mapping.never:
        for shard in homes.of((NEVER, fold_phrase(text))):
            parts.setdefault(shard, PseudonymMap()).never.append(text)
    shards = set(parts) | {s for s, found in stored.mentions.items() if found}
    return {shard: _document(stored, shard, parts.get(shard), revision) for shard in shards}


class _Homes:
    """Where each entry is kept: where it was found, else the intervention's document.

    Names learned from notes whose origin is unknown (a situation title read alone) are not
    kept: they are found again from the notes themselves.
    """

    def __init__(self, stored: StoredMap) -> None:
        self.stored = stored
        self.terms = {
            fold_phrase(t.text): self.of((TERM, fold_phrase(t.text)))
            for t in stored.mapping.known_terms
        }

    def of(self, entry: EntryId) -> set[Shard]:
        return set(self.stored.origins.get(entry, ())) or {MAIN}

    def entity(self, key: str) -> set[Shard]:
        found = set(self.stored.origins.get((ENTITY, key), ()))
        if key.startswith("x:"):
            return {MAIN}
        if key.startswith("k:"):
            for term, homes in self.terms.items():
                if key[2:] == term or key[2:] in term:
                    found |= homes
            return {MAIN} if MAIN in found or not found else found
        return found

    def learned(self, name: str, entity: str) -> set[Shard]:
        found = set(self.stored.origins.get((LEARNED, name), ()))
        return found | set(self.stored.origins.get((ENTITY, entity), ()))


def _document(
    stored: StoredMap, shard: Shard, part: PseudonymMap | None, revision: int
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": FORMAT,
        "revision": revision,
        "session_id": shard.session_id,
        "speaker_id": shard.speaker_id,
        "map": (part or PseudonymMap()).to_dict(),
    }
    mentions = stored.mentions.get(shard, {})
    if mentions:
        data["mentions"] = [
            {"text": text, "participant": participant}
            for (_form, participant), text in sorted(mentions.items())
        ]
    if shard.main:
        numbers = dict(stored.numbers)
        for entity in stored.mapping.entities.values():
            numbers[entity.category] = max(numbers.get(entity.category, 0), entity.number)
        data["numbers"] = numbers
    return data


def _canonical(data: Mapping[str, Any], *, revision: bool = False) -> str:
    """A document's content for comparison (the revision aside, unless asked)."""
    shown = {k: v for k, v in data.items() if revision or k != "revision"}
    return json.dumps(shown, sort_keys=True, ensure_ascii=False)


def known_terms(stored: StoredMap) -> list[tuple[str, str]]:
    """(text, label) of every known term, for the re-identification warnings."""
    return [(t.text, t.label.value) for t in stored.mapping.known_terms]
