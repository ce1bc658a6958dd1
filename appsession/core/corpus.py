"""Read a notes corpus (``roster.json`` and ``notes.jsonl``, see FORMAT.md) into plain data.

Every problem is reported with the file and the line (or participant) it is on, and never with
the text of a note or a name: error messages end up on screens and in terminal scrollback.
Nothing is imported unless the whole corpus reads cleanly, so the parser collects every problem
and raises once.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from appsession.core.errors import UserError
from appsession.i18n import _

FACILITATOR = "facilitator"
"""The speaker of the facilitator's own notes."""
PHASES = ("expose", "clarification", "hypotheses", "retour", "synthese", "other")
KINDS = ("verbatim", "paraphrase", "observation")
LABELS = ("PERSON", "PLACE", "ORG", "ADDRESS", "EMAIL", "PHONE", "ID", "DATE", "KEEP")


class CorpusError(UserError):
    """A corpus file that cannot be imported; the message names the file and the line."""

    exit_code = 2


@dataclass(frozen=True)
class RosterEntry:
    """A participant as the facilitator typed them before the sessions.

    ``note_taking`` is the optional agreement to have one's words noted (absent: not recorded).
    """

    name: str = field(repr=False)
    pseudonym: str = field(repr=False)
    note_taking: bool | None = None


@dataclass(frozen=True)
class KnownTerm:
    """A term already known to identify someone or somewhere."""

    text: str = field(repr=False)
    label: str


@dataclass(frozen=True)
class Roster:
    """The group, as ``roster.json`` describes it."""

    intervention: str = field(repr=False)
    participants: tuple[RosterEntry, ...]
    known_terms: tuple[KnownTerm, ...] = ()

    def by_name(self) -> dict[str, RosterEntry]:
        """Participants by their real name (the notes' ``speaker``)."""
        return {entry.name: entry for entry in self.participants}


@dataclass(frozen=True)
class Span:
    """A gold annotation: ``text[start:end]`` of a note and what it is."""

    start: int
    end: int
    label: str
    text: str = field(repr=False)
    in_roster: bool


@dataclass(frozen=True)
class CorpusNote:
    """One line of ``notes.jsonl``."""

    id: str
    session: int
    phase: str
    speaker: str = field(repr=False)
    kind: str
    text: str = field(repr=False)
    spans: tuple[Span, ...] = ()
    line: int = 0


def parse_roster(text: str, source: str) -> Roster:
    """Read ``roster.json``; raise ``CorpusError`` naming ``source`` on any problem."""
    data = _json_document(text, source)
    problems: list[str] = []
    intervention = data.get("intervention", "")
    if not isinstance(intervention, str):
        problems.append(_('"intervention" must be a text'))
    participants = _roster_participants(data.get("participants"), problems)
    terms = _known_terms(data.get("known_terms", []), problems)
    if problems:
        raise CorpusError(_located(source, problems))
    return Roster(str(intervention), participants, terms)


def _json_document(text: str, source: str) -> dict[str, Any]:
    """The top-level JSON object of a file, or a located error."""
    try:
        data = json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as error:
        where = _("{source}, line {line}").format(source=source, line=error.lineno)
        raise CorpusError(
            _("{where}: not valid JSON ({reason})").format(where=where, reason=error.msg)
        ) from None
    if not isinstance(data, dict):
        raise CorpusError(_("{source}: expected a JSON object").format(source=source))
    return data


def _roster_participants(raw: object, problems: list[str]) -> tuple[RosterEntry, ...]:
    """Participants with a unique name and pseudonym each."""
    if not isinstance(raw, list) or not raw:
        problems.append(_('"participants" must be a non-empty list'))
        return ()
    entries: list[RosterEntry] = []
    for number, item in enumerate(raw, start=1):
        entry = _roster_entry(item)
        if isinstance(entry, str):
            problems.append(
                _("participant {number}: {problem}").format(number=number, problem=entry)
            )
        else:
            entries.append(entry)
    _check_unique(entries, problems)
    return tuple(entries)


def _roster_entry(item: object) -> RosterEntry | str:
    """One participant, or the reason it is not one."""
    if not isinstance(item, dict):
        return _("expected a JSON object")
    name, pseudonym = item.get("name"), item.get("pseudonym")
    if not isinstance(name, str) or not name.strip():
        return _('"name" must be a non-empty text')
    if not isinstance(pseudonym, str) or not pseudonym.strip():
        return _('"pseudonym" must be a non-empty text')
    if name.strip().casefold() == FACILITATOR:
        return _('"facilitator" is reserved for the facilitator\'s own notes')
    consent = item.get("note_taking")
    if consent is not None and not isinstance(consent, bool):
        return _('"note_taking" must be true or false')
    return RosterEntry(name.strip(), pseudonym.strip(), consent)


def _check_unique(entries: list[RosterEntry], problems: list[str]) -> None:
    """Two participants may not share a name or a pseudonym."""
    names = [entry.name for entry in entries]
    pseudonyms = [entry.pseudonym.casefold() for entry in entries]
    for number, entry in enumerate(entries, start=1):
        if names.index(entry.name) != number - 1:
            problems.append(_("participant {number}: same name as another").format(number=number))
        if pseudonyms.index(entry.pseudonym.casefold()) != number - 1:
            problems.append(
                _("participant {number}: same pseudonym as another").format(number=number)
            )


def _known_terms(raw: object, problems: list[str]) -> tuple[KnownTerm, ...]:
    """The optional list of known sensitive terms."""
    if not isinstance(raw, list):
        problems.append(_('"known_terms" must be a list'))
        return ()
    terms: list[KnownTerm] = []
    for number, item in enumerate(raw, start=1):
        text = item.get("text") if isinstance(item, dict) else None
        label = item.get("label") if isinstance(item, dict) else None
        if not isinstance(text, str) or not text or label not in LABELS:
            problems.append(
                _("known term {number}: needs a text and a label").format(number=number)
            )
        else:
            terms.append(KnownTerm(text, str(label)))
    return tuple(terms)


def _located(source: str, problems: list[str]) -> str:
    """The first problem with its place, and how many more there are."""
    message = _("{source}: {problem}").format(source=source, problem=problems[0])
    if len(problems) > 1:
        message += " " + _("(and {count} more problems)").format(count=len(problems) - 1)
    return message


def parse_notes(text: str, source: str, roster: Roster) -> tuple[CorpusNote, ...]:
    """Read ``notes.jsonl`` (blank lines allowed); every line must be a valid note.

    A note spoken by a participant whose roster entry says ``"note_taking": false`` is refused:
    importing it would record words they asked not to be noted.
    """
    speakers = roster.by_name()
    notes: list[CorpusNote] = []
    problems: list[str] = []
    seen: set[str] = set()
    for number, line in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        if not line.strip():
            continue
        parsed = _note_line(line, number, speakers, seen)
        if isinstance(parsed, str):
            problems.append(_("line {line}: {problem}").format(line=number, problem=parsed))
        else:
            notes.append(parsed)
            seen.add(parsed.id)
    if not notes and not problems:
        problems.append(_("no note in the file"))
    if problems:
        raise CorpusError(_located(source, problems))
    return tuple(notes)


def _note_line(
    line: str, number: int, speakers: Mapping[str, RosterEntry], seen: set[str]
) -> CorpusNote | str:
    """One note, or the reason the line is not one."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        return _("not valid JSON ({reason})").format(reason=error.msg)
    if not isinstance(data, dict):
        return _("expected a JSON object")
    problem = _note_fields_problem(data, speakers, seen)
    if problem:
        return problem
    spans = _spans(data.get("spans", []), data["text"])
    if isinstance(spans, str):
        return spans
    return CorpusNote(
        id=data["id"],
        session=data["session"],
        phase=data["phase"],
        speaker=data["speaker"],
        kind=data["kind"],
        text=data["text"],
        spans=spans,
        line=number,
    )


def _note_fields_problem(
    data: dict[str, Any], speakers: Mapping[str, RosterEntry], seen: set[str]
) -> str:
    """What is wrong with a note's fields, or an empty string."""
    note_id, session = data.get("id"), data.get("session")
    if not isinstance(note_id, str) or not note_id:
        return _('"id" must be a non-empty text')
    if note_id in seen:
        return _('"id" is used by an earlier line')
    if isinstance(session, bool) or not isinstance(session, int) or session < 1:
        return _('"session" must be a whole number from 1')
    if data.get("phase") not in PHASES:
        return _('"phase" must be one of: {choices}').format(choices=", ".join(PHASES))
    if data.get("kind") not in KINDS:
        return _('"kind" must be one of: {choices}').format(choices=", ".join(KINDS))
    if not isinstance(data.get("text"), str) or not data["text"].strip():
        return _('"text" must be a non-empty text')
    return _speaker_problem(data.get("speaker"), speakers)


def _speaker_problem(speaker: object, speakers: Mapping[str, RosterEntry]) -> str:
    """A speaker must be the facilitator or a roster participant who agreed to note-taking."""
    if speaker == FACILITATOR:
        return ""
    if not isinstance(speaker, str) or speaker not in speakers:
        return _('"speaker" must be "facilitator" or a name from the roster')
    entry = speakers[speaker]
    if entry.note_taking is False:
        return _("{pseudonym} refused note-taking; their notes cannot be imported").format(
            pseudonym=entry.pseudonym
        )
    return ""


def _spans(raw: object, text: str) -> tuple[Span, ...] | str:
    """The optional gold spans, each exactly ``text[start:end]``."""
    if not isinstance(raw, list):
        return _('"spans" must be a list')
    spans: list[Span] = []
    for number, item in enumerate(raw, start=1):
        span = _span(item, text)
        if span is None:
            return _("span {number} is malformed or does not match the text").format(number=number)
        spans.append(span)
    return tuple(spans)


def _span(item: object, text: str) -> Span | None:
    """One span, or None when it is not one."""
    if not isinstance(item, dict):
        return None
    start, end, label = item.get("start"), item.get("end"), item.get("label")
    in_roster = item.get("in_roster", False)
    if isinstance(start, bool) or isinstance(end, bool) or not isinstance(in_roster, bool):
        return None
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
        return None
    if label not in LABELS or item.get("text", text[start:end]) != text[start:end]:
        return None
    return Span(start, end, str(label), text[start:end], in_roster)
