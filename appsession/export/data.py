"""What an export shows, as plain data gathered by the export service.

The builders never see the vault nor a name from the roster: only the texts that may appear,
counts, and group names. The commissioners' builder refuses any item not approved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from appsession.core.model import DecisionState, ItemKind


@dataclass(frozen=True)
class DecisionLine:
    """One group's standing on an item, for the group's working document."""

    group: str = field(repr=False)
    state: DecisionState
    session_number: int = 0
    date: str = field(repr=False, default="")


@dataclass(frozen=True)
class WarningLine:
    """A re-identification warning: its code (worded by the texts file) and what triggered it."""

    code: str
    detail: str = field(repr=False, default="")


@dataclass(frozen=True)
class ExportItem:
    """One item of the draft, numbered in draft order."""

    number: int
    kind: ItemKind
    text: str = field(repr=False)
    state: DecisionState
    own_group: bool = False
    groups: int = 0
    includes_reader_group: bool = False
    participants: int = 0
    warnings: tuple[WarningLine, ...] = field(repr=False, default=())
    accepted_warnings: tuple[WarningLine, ...] = field(repr=False, default=())
    flags: tuple[str, ...] = ()
    decision: DecisionLine | None = None


@dataclass(frozen=True)
class ExportSection:
    """A section of the draft and its items, in order."""

    title: str = field(repr=False)
    items: tuple[ExportItem, ...] = ()


@dataclass(frozen=True)
class GroupValidation:
    """When a group validated: its last validation session (number and date)."""

    group: str = field(repr=False)
    session_number: int = 0
    date: str = field(repr=False, default="")


@dataclass(frozen=True)
class ThemeMatrix:
    """Notes per theme (rows) and session number (columns), for the annex."""

    sessions: tuple[int, ...] = ()
    rows: tuple[tuple[str, tuple[int, ...]], ...] = field(repr=False, default=())


@dataclass(frozen=True)
class ExportData:
    """Everything one document shows.

    ``group`` is the reading group's name for the group's working document, "" for the
    commissioners.
    """

    title: str = field(repr=False)
    commissioner: str = field(repr=False, default="")
    period: str = field(repr=False, default="")
    facilitator: str = field(repr=False, default="")
    protocols: tuple[str, ...] = ()
    sessions: int = 0
    groups: int = 0
    participants: int = 0
    sections: tuple[ExportSection, ...] = ()
    validations: tuple[GroupValidation, ...] = ()
    matrix: ThemeMatrix = field(default_factory=ThemeMatrix)
    exported_at: datetime | None = None
    group: str = field(repr=False, default="")

    def items(self) -> list[ExportItem]:
        """Every item, in document order."""
        return [item for section in self.sections for item in section.items]
