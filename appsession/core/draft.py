"""The restitution draft: ordered sections of items, their revisions, evidence and consent rules.

Order is carried by ``DraftItem.position``, numbered across the whole draft in reading order,
so that sections follow the first position of their items (the rule ``core.validation`` reads).
Empty sections live only in the outline the service keeps beside the items.

Consent rules, checked on every path into the draft (new item, added evidence, change of kind,
edit of a quotation): nothing from an off-record note, nothing from a participant who withdrew
or did not agree to appear in the restitution; a verbatim quotation comes from exactly one
verbatim note of a participant who agreed to be quoted, and its text stays that note's words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from appsession.core.errors import UserError
from appsession.core.model import Consent, DraftItem, ItemKind, NoteKind
from appsession.core.search import fold
from appsession.i18n import _

MAX_SECTION_TITLE = 200


@dataclass(frozen=True)
class Section:
    """A section of the draft and its items in order."""

    title: str = field(repr=False)
    items: tuple[DraftItem, ...] = ()


def outline(items: Iterable[DraftItem], titles: Sequence[str] = ()) -> tuple[Section, ...]:
    """Sections in reading order: the outline's titles first, then sections met only on items.

    Items go by position inside their section; sections absent from ``titles`` follow in the
    order of their first item.
    """
    by_section: dict[str, list[DraftItem]] = {}
    first: dict[str, tuple[int, str]] = {}
    for item in items:
        by_section.setdefault(item.section, []).append(item)
        key = (item.position, item.id)
        first[item.section] = min(first.get(item.section, key), key)
    order = list(dict.fromkeys(titles))
    order += sorted((t for t in by_section if t not in order), key=lambda t: first[t])
    return tuple(
        Section(t, tuple(sorted(by_section.get(t, []), key=lambda i: (i.position, i.id))))
        for t in order
    )


def renumbered(sections: Sequence[Section]) -> tuple[Section, ...]:
    """The same sections with positions 0, 1, 2… across the whole draft."""
    result, position = [], 0
    for section in sections:
        items = []
        for item in section.items:
            items.append(replace(item, section=section.title, position=position))
            position += 1
        result.append(Section(section.title, tuple(items)))
    return tuple(result)


def changed_items(before: Iterable[DraftItem], after: Sequence[Section]) -> list[DraftItem]:
    """Items whose section or position differ from ``before`` (the ones to write)."""
    old = {item.id: item for item in before}
    return [
        item
        for section in after
        for item in section.items
        if item.id not in old
        or (old[item.id].section, old[item.id].position) != (item.section, item.position)
    ]


def clean_title(title: str) -> str:
    """A section title on one line, not empty."""
    cleaned = " ".join(title.split())
    if not cleaned:
        raise UserError(_("a section needs a title"), exit_code=2)
    if len(cleaned) > MAX_SECTION_TITLE:
        raise UserError(
            _("a section title has at most {count} characters").format(count=MAX_SECTION_TITLE),
            exit_code=2,
        )
    return cleaned


def _index_of(sections: Sequence[Section], title: str) -> int:
    for index, section in enumerate(sections):
        if section.title == title:
            return index
    raise UserError(_("no such section in the draft"), exit_code=2)


def _locate(sections: Sequence[Section], item_id: str) -> tuple[int, int]:
    for s, section in enumerate(sections):
        for i, item in enumerate(section.items):
            if item.id == item_id:
                return s, i
    raise UserError(_("no such item in the draft"), exit_code=2)


def add_section(
    sections: Sequence[Section], title: str, index: int | None = None
) -> tuple[Section, ...]:
    """A new empty section (at the end, or at ``index``)."""
    cleaned = clean_title(title)
    if any(s.title.casefold() == cleaned.casefold() for s in sections):
        raise UserError(_("the draft already has a section with this title"), exit_code=2)
    result = list(sections)
    result.insert(len(result) if index is None else index, Section(cleaned))
    return renumbered(result)


def rename_section(sections: Sequence[Section], title: str, new_title: str) -> tuple[Section, ...]:
    """A new title; its items follow."""
    index = _index_of(sections, title)
    cleaned = clean_title(new_title)
    if any(s.title.casefold() == cleaned.casefold() for i, s in enumerate(sections) if i != index):
        raise UserError(_("the draft already has a section with this title"), exit_code=2)
    result = list(sections)
    result[index] = Section(cleaned, sections[index].items)
    return renumbered(result)


def remove_section(sections: Sequence[Section], title: str) -> tuple[Section, ...]:
    """Remove an empty section (items are never dropped silently)."""
    index = _index_of(sections, title)
    if sections[index].items:
        raise UserError(_("move or delete the section's items first"), exit_code=2)
    return renumbered([s for i, s in enumerate(sections) if i != index])


def move_section(sections: Sequence[Section], title: str, offset: int) -> tuple[Section, ...]:
    """Move a section up (negative) or down (positive), within the draft."""
    index = _index_of(sections, title)
    target = max(0, min(len(sections) - 1, index + offset))
    result = list(sections)
    result.insert(target, result.pop(index))
    return renumbered(result)


def move_item(
    sections: Sequence[Section], item_id: str, title: str, index: int | None = None
) -> tuple[Section, ...]:
    """Put an item in section ``title`` at ``index`` (at the end when None)."""
    s, i = _locate(sections, item_id)
    target = _index_of(sections, title)
    item = sections[s].items[i]
    result = [list(section.items) for section in sections]
    result[s].pop(i)
    place = len(result[target]) if index is None else max(0, min(index, len(result[target])))
    result[target].insert(place, item)
    return renumbered(
        [
            Section(section.title, tuple(items))
            for section, items in zip(sections, result, strict=True)
        ]
    )


def shift_item(sections: Sequence[Section], item_id: str, offset: int) -> tuple[Section, ...]:
    """One step up or down; past a section's edge the item goes to the neighbouring section."""
    s, i = _locate(sections, item_id)
    target = i + offset
    if 0 <= target < len(sections[s].items):
        return move_item(sections, item_id, sections[s].title, target)
    neighbour = s + (1 if offset > 0 else -1)
    if not 0 <= neighbour < len(sections):
        return tuple(sections)
    place = None if offset < 0 else 0
    return move_item(sections, item_id, sections[neighbour].title, place)


def insert_item(sections: Sequence[Section], item: DraftItem) -> tuple[Section, ...]:
    """A new item at the end of its section (made if missing)."""
    titles = [section.title for section in sections]
    result = list(sections) if item.section in titles else [*sections, Section(item.section)]
    index = _index_of(result, item.section)
    result[index] = Section(result[index].title, (*result[index].items, item))
    return renumbered(result)


# -- revisions --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Revision:
    """One wording of an item, as saved; ``revision`` counts wordings from 1."""

    revision: int
    text: str = field(repr=False)
    saved_at: str = field(repr=False, default="")


def revised(item: DraftItem, text: str) -> DraftItem:
    """The item with a new wording (unchanged when the text is the same)."""
    cleaned = text.strip()
    if not cleaned:
        raise UserError(_("an item cannot be empty"), exit_code=2)
    return item if cleaned == item.text else replace(item, text=cleaned)


def history_data(history: Sequence[Revision]) -> dict[str, object]:
    """Revisions as a document for the vault."""
    return {"revisions": [[r.revision, r.text, r.saved_at] for r in history]}


def history_from_data(data: Mapping[str, object] | None) -> list[Revision]:
    """Revisions read back from the vault (oldest first); [] when there are none."""
    rows = data.get("revisions", []) if data else []
    if not isinstance(rows, list):
        return []
    return [Revision(int(r[0]), str(r[1]), str(r[2])) for r in rows if isinstance(r, list)]


def with_revision(history: Sequence[Revision], item: DraftItem, saved_at: str) -> list[Revision]:
    """The history after saving ``item`` (a new entry only when the wording changed)."""
    if history and history[-1].text == item.text:
        return list(history)
    return [*history, Revision(len(history) + 1, item.text, saved_at)]


# -- evidence and consent ---------------------------------------------------------------------
@dataclass(frozen=True)
class EvidenceNote:
    """What the rules need to know about one evidence note (never its text)."""

    note_id: str
    group_id: str
    speaker_id: str = ""
    kind: NoteKind = NoteKind.OBSERVATION
    off_record: bool = False
    consent: Consent | None = None


@dataclass(frozen=True)
class EvidenceSummary:
    """Where an item's evidence comes from: groups, distinct participants, notes."""

    groups: tuple[str, ...] = ()
    participants: int = 0
    notes: int = 0
    missing: int = 0
    """Linked notes that are no longer readable (deleted, or a participant withdrew)."""


def evidence_summary(item: DraftItem, known: Mapping[str, EvidenceNote]) -> EvidenceSummary:
    """Groups and distinct participants behind an item's evidence."""
    found = [known[n] for n in dict.fromkeys(item.evidence) if n in known]
    return EvidenceSummary(
        groups=tuple(sorted({e.group_id for e in found})),
        participants=len({e.speaker_id for e in found if e.speaker_id}),
        notes=len(found),
        missing=len(set(item.evidence)) - len(found),
    )


class Refusal(StrEnum):
    """Why a note may not back a draft item."""

    UNKNOWN = "unknown-note"
    OFF_RECORD = "off-record"
    WITHDRAWN = "withdrawn"
    NO_AGREEMENT = "no-restitution-agreement"
    NOT_QUOTABLE = "not-quotable"
    NOT_SPOKEN = "not-spoken"
    NOT_VERBATIM = "not-verbatim-note"
    ONE_NOTE = "one-note-per-quotation"


def _messages() -> dict[Refusal, str]:
    return {
        Refusal.UNKNOWN: _("a linked note is not available for analysis"),
        Refusal.OFF_RECORD: _("an off-record note can never back the draft"),
        Refusal.WITHDRAWN: _("a participant who withdrew can no longer back the draft"),
        Refusal.NO_AGREEMENT: _(
            "the speaker did not agree to appear in the restitution; this note cannot be used"
        ),
        Refusal.NOT_QUOTABLE: _("the speaker did not agree to be quoted"),
        Refusal.NOT_SPOKEN: _("a quotation must come from a participant's note"),
        Refusal.NOT_VERBATIM: _("a quotation must come from a verbatim note"),
        Refusal.ONE_NOTE: _("a quotation comes from exactly one note"),
    }


def refusal_message(refusal: Refusal) -> str:
    """The reason in the user's language."""
    return _messages()[refusal]


def note_refusal(evidence: EvidenceNote | None) -> Refusal | None:
    """Why this note may back no item at all, or None."""
    if evidence is None:
        return Refusal.UNKNOWN
    if evidence.off_record:
        return Refusal.OFF_RECORD
    if not evidence.speaker_id:
        return None
    consent = evidence.consent
    if consent is None:
        return Refusal.NO_AGREEMENT
    if consent.withdrawn_on:
        return Refusal.WITHDRAWN
    if consent.note_taking is False or not consent.restitution:
        return Refusal.NO_AGREEMENT
    return None


def evidence_refusals(
    kind: ItemKind, evidence: Sequence[EvidenceNote | None]
) -> list[tuple[str, Refusal]]:
    """Every (note id, refusal) that stops these notes from backing an item of ``kind``."""
    found: list[tuple[str, Refusal]] = []
    for note in evidence:
        refusal = note_refusal(note)
        if refusal is not None:
            found.append((note.note_id if note else "", refusal))
    if kind is ItemKind.VERBATIM:
        if len(evidence) != 1:
            found.append(("", Refusal.ONE_NOTE))
        for note in evidence:
            if note is not None:
                found.extend((note.note_id, r) for r in _quotation_refusals(note))
    return found


def _quotation_refusals(note: EvidenceNote) -> list[Refusal]:
    if not note.speaker_id:
        return [Refusal.NOT_SPOKEN]
    refusals = []
    if note.kind is not NoteKind.VERBATIM:
        refusals.append(Refusal.NOT_VERBATIM)
    if note.consent is not None and not note.consent.quotable:
        refusals.append(Refusal.NOT_QUOTABLE)
    return refusals


def require_evidence(kind: ItemKind, evidence: Sequence[EvidenceNote | None]) -> None:
    """Raise a ``UserError`` naming the first reason these notes cannot back the item."""
    refusals = evidence_refusals(kind, evidence)
    if refusals:
        reasons = list(dict.fromkeys(refusal_message(r) for _note, r in refusals))
        raise UserError("; ".join(reasons), exit_code=3)


_ELLIPSIS = re.compile(r"\[\s*(?:…|\.\.\.)\s*\]|\(\s*(?:…|\.\.\.)\s*\)|…|\.\.\.")


def is_excerpt(text: str, source: str) -> bool:
    """True when ``text`` keeps the source's words: cuts marked “[…]”, nothing reworded."""
    folded_source = fold(source)
    position = 0
    for fragment in _ELLIPSIS.split(text):
        words = fold(fragment).strip()
        if not words:
            continue
        found = folded_source.find(f" {words} ", position)
        if found < 0:
            return False
        position = found + len(words)
    return bool(fold(text).strip())


def require_excerpt(text: str, source: str) -> None:
    """A quotation may be shortened with “[…]” but never reworded."""
    if not is_excerpt(text, source):
        raise UserError(
            _("a quotation keeps the speaker's words: shorten it with […], do not reword it"),
            exit_code=3,
        )
