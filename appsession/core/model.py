"""The facilitator's world as plain data: interventions, groups, sessions, notes, drafts.

Every id is a random string made by the vault; text fields are kept out of ``repr`` so that a
traceback or a log line never carries note text or a name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class NoteKind(StrEnum):
    """What a note records; the protocol's phase says which kinds it offers."""

    OBSERVATION = "observation"
    PARAPHRASE = "paraphrase"
    VERBATIM = "verbatim"
    QUESTION = "question"
    HYPOTHESIS = "hypothesis"
    RESONANCE = "resonance"
    ACTION = "action"


class SituationStatus(StrEnum):
    """A situation is proposed, chosen for this session, kept for later, or done."""

    PROPOSED = "proposed"
    CHOSEN = "chosen"
    KEPT = "kept"
    DONE = "done"


class ItemKind(StrEnum):
    """The three kinds of item of a restitution draft."""

    ANALYSIS = "analysis"
    VERBATIM = "verbatim"
    ACTION = "action"


class DecisionState(StrEnum):
    """A group's decision on a draft item."""

    PENDING = "pending"
    APPROVED = "approved"
    AMENDED = "amended"
    WITHHELD = "withheld"
    DEFERRED = "deferred"


@dataclass(frozen=True)
class Intervention:
    """A commissioned cycle of sessions (one or more groups)."""

    id: str
    title: str = field(repr=False)
    commissioner: str = field(repr=False, default="")
    period: str = field(repr=False, default="")
    facilitator: str = field(repr=False, default="")


@dataclass(frozen=True)
class Group:
    """A stable group of professionals within an intervention."""

    id: str
    intervention_id: str
    name: str = field(repr=False)


@dataclass(frozen=True)
class Participant:
    """A member of a group; only the pseudonym may leave the vault."""

    id: str
    group_id: str
    name: str = field(repr=False)
    pseudonym: str = field(repr=False)
    role: str = field(repr=False, default="")


@dataclass(frozen=True)
class Consent:
    """A participant's agreement flags, kept apart from the GDPR legal basis.

    ``note_taking`` is None while nobody asked (a newcomer); False is a refusal.
    """

    participant_id: str
    note_taking: bool | None = None
    quotable: bool = False
    restitution: bool = False
    legal_basis: str = field(repr=False, default="")
    given_on: str = field(repr=False, default="")
    withdrawn_on: str = field(repr=False, default="")


@dataclass(frozen=True)
class Session:
    """One meeting of a group, run with one exact protocol definition."""

    id: str
    group_id: str
    number: int
    date: str = field(repr=False)
    protocol_id: str = ""
    protocol_version: str = ""
    protocol_hash: str = ""
    attendance: tuple[str, ...] = field(repr=False, default=())
    length_minutes: int = 180
    situations: int = 1
    frame_stated_at: str = field(repr=False, default="")


@dataclass(frozen=True)
class Situation:
    """A work situation proposed by a presenter; chosen now or kept for a later session."""

    id: str
    group_id: str
    presenter_id: str
    title: str = field(repr=False)
    status: SituationStatus = SituationStatus.PROPOSED
    session_id: str = ""


@dataclass(frozen=True)
class Note:
    """One line typed by the facilitator; ``speaker_id`` empty means the facilitator."""

    id: str
    session_id: str
    text: str = field(repr=False)
    phase_id: str = ""
    situation_id: str = ""
    speaker_id: str = ""
    kind: NoteKind = NoteKind.OBSERVATION
    themes: tuple[str, ...] = field(repr=False, default=())
    off_record: bool = False
    revision: int = 1
    created_at: str = field(repr=False, default="")


@dataclass(frozen=True)
class Theme:
    """A code of the codebook; ``parent_id`` makes the hierarchy."""

    id: str
    intervention_id: str
    name: str = field(repr=False)
    definition: str = field(repr=False, default="")
    parent_id: str = ""


@dataclass(frozen=True)
class DraftItem:
    """An item of the restitution draft, with links to its evidence notes."""

    id: str
    intervention_id: str
    section: str = field(repr=False)
    kind: ItemKind
    text: str = field(repr=False)
    evidence: tuple[str, ...] = ()
    revision: int = 1
    position: int = 0
    origin_group_id: str = ""


@dataclass(frozen=True)
class Decision:
    """A group's decision on one revision of a draft item; ``text_hash`` pins the wording."""

    id: str
    item_id: str
    group_id: str
    state: DecisionState
    text_hash: str
    session_id: str = ""
    decided_on: str = field(repr=False, default="")
