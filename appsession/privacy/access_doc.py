"""The access export as a document the participant can read (Markdown or DOCX)."""

from __future__ import annotations

from datetime import date

from appsession.core.model import Note, Session
from appsession.privacy.access import AccessRecord
from appsession.privacy.document import Block, Bullets, Document, Fields, Heading, Paragraph, Table
from appsession.privacy.facts import PaperFacts
from appsession.privacy.parts import or_blank, retention_lines, rights
from appsession.privacy.retention import parse_day
from appsession.privacy.texts import Texts


def access_document(record: AccessRecord, facts: PaperFacts, texts: Texts) -> Document:
    """Every section of the answer to an access request, in the participant's language."""

    def t(key: str) -> str:
        return texts.get(f"access.{key}")

    person = record.person
    controller = facts.controller.name or person.intervention.facilitator
    title = f"{t('title')} — {person.participant.pseudonym}"
    blocks: list[Block] = [
        Heading(title, 0),
        Paragraph(
            texts.fill(
                "access.intro",
                today=texts.date(facts.today),
                controller=or_blank(controller, texts),
            ),
            small=True,
        ),
        Heading(t("identity"), 1),
        _identity(record, texts),
        Heading(t("consent"), 1),
        _consent(record, texts),
        Heading(t("attendance"), 1),
        *_attendance(record, texts),
        Heading(t("situations"), 1),
        *_situations(record, texts),
        Heading(t("notes"), 1),
        *_notes(record.notes, texts, "notes_none", speaker=False),
        Heading(t("mentions"), 1),
        Paragraph(t("mentions_intro"), small=True),
        *_notes(record.mentions, texts, "mentions_none", speaker=True),
        Heading(t("draft"), 1),
        *_draft(record, texts),
        Heading(t("retention"), 1),
        Bullets(tuple(retention_lines(facts.rule, facts.facts, facts.audit, texts))),
        Heading(t("rights"), 1),
        *rights(facts, texts),
        Paragraph(t("copies"), small=True),
    ]
    return Document(title, texts.language, tuple(blocks), texts.get("footer.access"))


def _identity(record: AccessRecord, texts: Texts) -> Fields:
    person = record.person
    pairs = (
        ("name", person.participant.name),
        ("pseudonym", person.participant.pseudonym),
        ("role", person.participant.role or "—"),
        ("group", person.group.name),
        ("intervention", person.intervention.title),
        ("commissioner", person.intervention.commissioner or "—"),
    )
    return Fields(tuple((texts.get(f"access.{key}"), value) for key, value in pairs))


def _consent(record: AccessRecord, texts: Texts) -> Fields:
    consent = record.consent
    pairs = [
        (_flag_label(texts, "note_taking"), texts.yes_no(consent.note_taking)),
        (_flag_label(texts, "quotable"), texts.yes_no(consent.quotable)),
        (_flag_label(texts, "restitution"), texts.yes_no(consent.restitution)),
        (texts.get("access.given_on"), _day(consent.given_on, texts)),
    ]
    if consent.withdrawn_on:
        pairs.append((texts.get("access.withdrawn_on"), _day(consent.withdrawn_on, texts)))
    pairs.append((texts.get("access.legal_basis"), or_blank(consent.legal_basis, texts)))
    return Fields(tuple(pairs))


def _flag_label(texts: Texts, flag: str) -> str:
    return texts.get(f"access.flag.{flag}")


def _day(text: str, texts: Texts) -> str:
    day: date | None = parse_day(text) if text else None
    return texts.date(day) if day else (text or "—")


def _attendance(record: AccessRecord, texts: Texts) -> list[Block]:
    if not record.attendance:
        return [Paragraph(texts.get("access.attendance_none"))]
    rows = tuple((str(s.number), _day(s.date, texts)) for s in record.attendance)
    return [Table((texts.get("access.session"), texts.get("access.date")), rows, (30, 70))]


def _situations(record: AccessRecord, texts: Texts) -> list[Block]:
    if not record.situations:
        return [Paragraph(texts.get("access.situations_none"))]
    rows = tuple(
        (
            situation.title,
            texts.get(f"access.status.{situation.status}"),
            str(number) if number else "—",
        )
        for situation, number in record.situations
    )
    header = (texts.get("access.situation"), texts.get("access.status_label"))
    return [Table((*header, texts.get("access.session")), rows, (60, 25, 15))]


def _notes(
    notes: tuple[tuple[Session, Note], ...], texts: Texts, empty: str, *, speaker: bool
) -> list[Block]:
    if not notes:
        return [Paragraph(texts.get(f"access.{empty}"))]
    header = [texts.get("access.session"), texts.get("access.phase"), texts.get("access.kind")]
    header += [texts.get("access.speaker")] if speaker else []
    rows = []
    for session, note in notes:
        kind = texts.table["kinds"].get(str(note.kind), str(note.kind))
        if note.off_record:
            kind = f"{kind} ({texts.get('access.off_record')})"
        cells = [f"{session.number} — {_day(session.date, texts)}", note.phase_id or "—", kind]
        if speaker:
            who = "speaker_other" if note.speaker_id else "speaker_facilitator"
            cells.append(texts.get(f"access.{who}"))
        rows.append((*cells, note.text))
    widths = (18, 14, 14, 14, 40) if speaker else (18, 14, 14, 54)
    return [Table((*header, texts.get("access.text")), tuple(rows), widths)]


def _draft(record: AccessRecord, texts: Texts) -> list[Block]:
    if not record.cited:
        return [Paragraph(texts.get("access.draft_none"))]
    rows = []
    for cited in record.cited:
        item = cited.item
        states = "; ".join(
            f"{group} — {texts.table['decisions'].get(str(state), str(state))}"
            for group, state in cited.decisions
        )
        kind = texts.table["kinds"].get(str(item.kind), str(item.kind))
        rows.append((item.section, kind, item.text, states or texts.get("access.decision_none")))
    header = tuple(texts.get(f"access.{key}") for key in ("section", "kind", "item", "decision"))
    return [
        Paragraph(texts.get("access.draft_intro"), small=True),
        Table(header, tuple(rows), (18, 12, 45, 25)),
    ]
