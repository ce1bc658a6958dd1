"""What the detectors find: labelled spans of a note, with where each came from."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum


class Label(StrEnum):
    """Kinds of identifying text (the corpus format's labels, KEEP aside)."""

    PERSON = "PERSON"
    PLACE = "PLACE"
    ORG = "ORG"
    ADDRESS = "ADDRESS"
    EMAIL = "EMAIL"
    PHONE = "PHONE"
    ID = "ID"
    DATE = "DATE"


NAMED = frozenset({Label.PERSON, Label.PLACE, Label.ORG})
"""Labels that name an entity and get a numbered placeholder."""


class Source(StrEnum):
    """Which detector found a span; roster, known terms and patterns need no review."""

    ROSTER = "roster"
    KNOWN = "known"
    PATTERN = "pattern"
    RULE = "rule"
    LEARNED = "learned"
    LEXICON = "lexicon"
    MODEL = "model"

    @property
    def certain(self) -> bool:
        """Whether a hit of this source is masked without asking the facilitator."""
        return self in (Source.ROSTER, Source.KNOWN, Source.PATTERN)


class Tier(IntEnum):
    """Who wins when spans overlap: containers, then anchors, then suggestions."""

    SUGGESTION = 1
    ANCHOR = 2
    CONTAINER = 3


@dataclass(frozen=True, slots=True)
class Detection:
    """One span to mask in a note."""

    start: int
    end: int
    label: Label
    source: Source
    entity: str
    """Who or what it names: a participant's pseudonym key, a known term, or a learned form."""
    tier: Tier = Tier.SUGGESTION
    form: str = ""
    """The folded surface form, the unit of the facilitator's decisions."""

    def overlaps(self, start: int, end: int) -> bool:
        """Whether the span shares a character with ``[start, end)``."""
        return self.start < end and start < self.end

    def covers(self, start: int, end: int) -> bool:
        """Whether the span contains ``[start, end)``."""
        return self.start <= start and end <= self.end
