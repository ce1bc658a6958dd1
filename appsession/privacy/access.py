"""The right of access (GDPR art. 15): everything the vault holds about one participant.

Gathered through the vault's facade: identity, agreements, attendance, situations presented,
their own notes (off-record ones included: they are theirs), other people's notes that name
them, and the draft items that rely on their words, with each group's decision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from appsession.core.errors import UserError
from appsession.core.model import (
    Consent,
    DecisionState,
    DraftItem,
    Group,
    Intervention,
    Note,
    Participant,
    Session,
    Situation,
)
from appsession.core.search import fold
from appsession.i18n import _

if TYPE_CHECKING:
    from appsession.vault import Vault


@dataclass(frozen=True)
class Person:
    """A participant with their group and intervention."""

    participant: Participant
    group: Group
    intervention: Intervention


@dataclass(frozen=True)
class CitedItem:
    """A draft item relying on the person's words, and each group's latest decision."""

    item: DraftItem
    decisions: tuple[tuple[str, DecisionState], ...] = field(repr=False, default=())


@dataclass(frozen=True)
class AccessRecord:
    """What the vault holds about one person."""

    person: Person
    consent: Consent
    attendance: tuple[Session, ...] = ()
    situations: tuple[tuple[Situation, int], ...] = ()
    """(situation, session number or 0)."""
    notes: tuple[tuple[Session, Note], ...] = ()
    mentions: tuple[tuple[Session, Note], ...] = ()
    cited: tuple[CitedItem, ...] = ()


def find_person(vault: Vault, pseudonym: str, group_name: str | None = None) -> Person:
    """The one participant with this pseudonym (in the named group, if given)."""
    wanted = pseudonym.strip().casefold()
    matches = [
        Person(participant, group, intervention)
        for intervention in vault.interventions()
        for group in vault.groups(intervention.id)
        if group_name is None or group.id == group_name or fold(group_name) in fold(group.name)
        for participant in vault.participants(group.id)
        if participant.pseudonym.casefold() == wanted
    ]
    if not matches:
        raise UserError(_("no participant with this pseudonym"), exit_code=2)
    if len(matches) > 1:
        names = "; ".join(match.group.name for match in matches)
        raise UserError(
            _("several groups have this pseudonym ({groups}): name one with --group").format(
                groups=names
            ),
            exit_code=2,
        )
    return matches[0]


def person_by_id(vault: Vault, participant_id: str) -> Person:
    """A participant by id, with their group and intervention."""
    participant = vault.participant(participant_id)
    for intervention in vault.interventions():
        for group in vault.groups(intervention.id):
            if group.id == participant.group_id:
                return Person(participant, group, intervention)
    raise UserError(_("no participant with this pseudonym"), exit_code=2)


def mention_pattern(participant: Participant) -> re.Pattern[str]:
    """Whole-word matches of the pseudonym or the full name (accents and case folded).

    A first name alone is not searched: it would pull in notes about namesakes, that is other
    people's data. Names typed at capture are replaced by pseudonyms anyway.
    """
    words = {fold(participant.pseudonym).strip(), fold(participant.name).strip()}
    alternatives = "|".join(
        re.escape(word) for word in sorted(words, key=len, reverse=True) if word
    )
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def gather(vault: Vault, person: Person) -> AccessRecord:
    """Everything about ``person`` that the vault holds now."""
    me = person.participant.id
    pattern = mention_pattern(person.participant)
    sessions = vault.sessions(person.group.id)
    numbers = {session.id: session.number for session in sessions}
    own: list[tuple[Session, Note]] = []
    mentions: list[tuple[Session, Note]] = []
    for session in sessions:
        for note in vault.notes(session.id):
            if note.speaker_id == me:
                own.append((session, note))
            elif pattern.search(fold(note.text)):
                mentions.append((session, note))
    situations = tuple(
        (s, numbers.get(s.session_id, 0))
        for s in vault.situations(person.group.id)
        if s.presenter_id == me
    )
    noted = {note.id for _session, note in own}
    return AccessRecord(
        person=person,
        consent=vault.consent(me),
        attendance=tuple(s for s in sessions if me in s.attendance),
        situations=situations,
        notes=tuple(own),
        mentions=tuple(mentions),
        cited=tuple(_cited(vault, person, noted, pattern)),
    )


def _cited(
    vault: Vault, person: Person, noted: set[str], pattern: re.Pattern[str]
) -> list[CitedItem]:
    groups = {group.id: group.name for group in vault.groups(person.intervention.id)}
    found: list[CitedItem] = []
    for item in vault.draft_items(person.intervention.id):
        if not (noted & set(item.evidence) or pattern.search(fold(item.text))):
            continue
        latest: dict[str, DecisionState] = {}
        for decision in vault.decisions(item.id):
            latest[decision.group_id] = decision.state
        found.append(
            CitedItem(item, tuple((groups.get(g, g), state) for g, state in sorted(latest.items())))
        )
    return found
