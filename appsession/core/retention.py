"""How long each class of data is kept, and what is due for a purge on a given day.

Storage limitation (GDPR art. 5(1)(e)) as the CNIL describes it: each purpose gets its own
period. Three classes, from the shortest-lived to the longest:

* raw session notes (notes, typed text, session records, attendance, situations): the end of
  the cycle plus N months, or each session's date plus N months;
* the validated synthesis (the intervention as a whole: roster, consents, codebook, draft,
  decisions): the end of the contract plus N months; purging it reaches everything left of the
  intervention;
* the content-free audit log: N months after each event (it proves withdrawals and purges).

Nothing is due while a date it depends on is unknown, or while the intervention is on hold
(a dispute, a report to the authorities): purging is irreversible, so no guess is made.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from appsession.core.errors import UserError
from appsession.i18n import _

DEFAULT_RAW_MONTHS = 3
DEFAULT_SYNTHESIS_MONTHS = 12
DEFAULT_AUDIT_MONTHS = 60
MAX_MONTHS = 600
"""Fifty years: anything longer is a typing mistake."""


class DataClass(StrEnum):
    """What a retention rule applies to."""

    RAW_NOTES = "raw-notes"
    SYNTHESIS = "synthesis"
    AUDIT_LOG = "audit-log"


class Anchor(StrEnum):
    """Where the raw-notes period starts: the end of the cycle, or each session's date."""

    CYCLE_END = "cycle-end"
    SESSION = "session"


@dataclass(frozen=True)
class RetentionRule:
    """One intervention's periods; ``cycle_end`` None: taken from the period, if it says."""

    intervention_id: str
    raw_months: int = DEFAULT_RAW_MONTHS
    raw_anchor: Anchor = Anchor.CYCLE_END
    synthesis_months: int = DEFAULT_SYNTHESIS_MONTHS
    cycle_end: date | None = None
    contract_end: date | None = None
    hold: bool = False


@dataclass(frozen=True)
class AuditRule:
    """How long audit events are kept (vault-wide: events belong to no intervention)."""

    months: int = DEFAULT_AUDIT_MONTHS


@dataclass(frozen=True)
class SessionFacts:
    """A session as retention sees it: its id and its date (None if unreadable)."""

    id: str
    day: date | None


@dataclass(frozen=True)
class SituationFacts:
    """A situation and the session it was presented in ("" if never presented)."""

    id: str
    session_id: str = ""


@dataclass(frozen=True)
class InterventionFacts:
    """What the rules need to know about an intervention."""

    id: str
    period: str = ""
    sessions: tuple[SessionFacts, ...] = ()
    situations: tuple[SituationFacts, ...] = ()


@dataclass(frozen=True)
class Purge:
    """Data due (or planned) for destruction, by id; ``due_on`` is the earliest deadline."""

    data_class: DataClass
    due_on: date
    intervention_id: str = ""
    session_ids: tuple[str, ...] = ()
    situation_ids: tuple[str, ...] = ()
    event_ids: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        """How many sessions, situations or events it covers (1 for a whole intervention)."""
        if self.data_class is DataClass.SYNTHESIS:
            return 1
        return len(self.session_ids) + len(self.situation_ids) + len(self.event_ids)


@dataclass(frozen=True)
class Deadline:
    """When a class of an intervention's data falls due (None: a date is missing)."""

    data_class: DataClass
    due_on: date | None
    items: int = 0


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, on the last day of a shorter month (31 Jan + 1 = 28 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})|(\d{1,2})/(\d{1,2})/(\d{4})")
_MONTH = re.compile(r"(\d{4})-(\d{2})(?!\d|-\d)|(\d{1,2})/(\d{4})")


def period_end(period: str) -> date | None:
    """The last date a period text names ("09/2025 – 06/2026" → 30 June 2026), or None."""
    found: list[tuple[int, date]] = []
    for match in _DAY.finditer(period):
        found += _day_of(match)
    for match in _MONTH.finditer(period):
        found += _month_end_of(match)
    return max(found)[1] if found else None


def _day_of(match: re.Match[str]) -> list[tuple[int, date]]:
    year, month, day = match.group(1, 2, 3) if match.group(1) else match.group(6, 5, 4)
    try:
        return [(match.end(), date(int(year), int(month), int(day)))]
    except ValueError:
        return []


def _month_end_of(match: re.Match[str]) -> list[tuple[int, date]]:
    year, month = match.group(1, 2) if match.group(1) else match.group(4, 3)
    if not 1 <= int(month) <= 12 or _inside_day(match):
        return []
    last = calendar.monthrange(int(year), int(month))[1]
    return [(match.end(), date(int(year), int(month), last))]


def _inside_day(match: re.Match[str]) -> bool:
    """True when a month match is part of a full date ("12/06/2026" is a day, not June)."""
    text, start, end = match.string, match.start(), match.end()
    return any(day.start() <= start and end <= day.end() for day in _DAY.finditer(text))


def cycle_end(rule: RetentionRule, facts: InterventionFacts) -> date | None:
    """The recorded end of the cycle, else the end the intervention's period names."""
    return rule.cycle_end or period_end(facts.period)


def contract_end(rule: RetentionRule, facts: InterventionFacts) -> date | None:
    """The recorded end of the contract, else the end of the cycle."""
    return rule.contract_end or cycle_end(rule, facts)


def synthesis_deadline(rule: RetentionRule, facts: InterventionFacts) -> date | None:
    """When the whole intervention falls due."""
    end = contract_end(rule, facts)
    return None if end is None else add_months(end, rule.synthesis_months)


def cycle_deadline(rule: RetentionRule, facts: InterventionFacts) -> date | None:
    """End of the cycle + the raw-notes period."""
    end = cycle_end(rule, facts)
    return None if end is None else add_months(end, rule.raw_months)


def session_deadline(
    rule: RetentionRule, facts: InterventionFacts, session: SessionFacts
) -> date | None:
    """When one session's raw notes fall due."""
    if rule.raw_anchor is Anchor.SESSION and session.day is not None:
        return add_months(session.day, rule.raw_months)
    return cycle_deadline(rule, facts)


def due_purges(rule: RetentionRule, facts: InterventionFacts, today: date) -> list[Purge]:
    """What of this intervention must be destroyed on ``today`` (nothing while on hold).

    A due synthesis is the whole intervention, raw notes included; otherwise the due sessions,
    the situations presented in them, and (past the cycle deadline) every situation left.
    """
    if rule.hold:
        return []
    whole = synthesis_deadline(rule, facts)
    if whole is not None and whole <= today:
        return [Purge(DataClass.SYNTHESIS, whole, facts.id)]
    raw = _raw_purge(rule, facts, today)
    return [raw] if raw is not None else []


def _raw_purge(rule: RetentionRule, facts: InterventionFacts, today: date) -> Purge | None:
    deadlines = {s.id: session_deadline(rule, facts, s) for s in facts.sessions}
    due = {sid: day for sid, day in deadlines.items() if day is not None and day <= today}
    cycle = cycle_deadline(rule, facts)
    cycle_due = cycle is not None and cycle <= today
    existing = {s.id for s in facts.sessions}
    situations = [
        s
        for s in facts.situations
        if s.session_id in due
        or (s.session_id and s.session_id not in existing)
        or (not s.session_id and cycle_due)
    ]
    if not due and not situations:
        return None
    dates = list(due.values()) + ([cycle] if cycle_due and cycle is not None else [])
    return Purge(
        DataClass.RAW_NOTES,
        min(dates, default=today),
        facts.id,
        session_ids=tuple(sorted(due)),
        situation_ids=tuple(sorted(s.id for s in situations)),
    )


def deadlines(rule: RetentionRule, facts: InterventionFacts) -> list[Deadline]:
    """The next deadline of each class of the intervention's data, for display."""
    upcoming = [session_deadline(rule, facts, s) for s in facts.sessions]
    known = [day for day in upcoming if day is not None]
    raw_day = min(known) if known and len(known) == len(upcoming) else cycle_deadline(rule, facts)
    return [
        Deadline(DataClass.RAW_NOTES, raw_day, len(facts.sessions) + len(facts.situations)),
        Deadline(DataClass.SYNTHESIS, synthesis_deadline(rule, facts), 1),
    ]


def audit_due(rule: AuditRule, events: Iterable[tuple[str, date]], today: date) -> Purge | None:
    """Audit events older than the rule allows, or None."""
    due = sorted(
        (add_months(day, rule.months), event_id)
        for event_id, day in events
        if add_months(day, rule.months) <= today
    )
    if not due:
        return None
    return Purge(DataClass.AUDIT_LOG, due[0][0], event_ids=tuple(sorted(e for _d, e in due)))


def rule_problems(rule: RetentionRule, facts: InterventionFacts) -> list[str]:
    """Translated warnings about a rule that cannot work as the facilitator expects."""
    problems: list[str] = []
    if cycle_end(rule, facts) is None:
        problems.append(
            _("no end of cycle is recorded: raw notes will not fall due until one is set")
        )
    raw, whole = cycle_deadline(rule, facts), synthesis_deadline(rule, facts)
    if raw is not None and whole is not None and whole < raw:
        problems.append(
            _(
                "the synthesis falls due before the raw notes: purging it on {day} "
                "will destroy the raw notes too"
            ).format(day=whole.isoformat())
        )
    if rule.hold:
        problems.append(_("this intervention is on hold: nothing of it will be purged"))
    return problems


def check_months(months: int) -> int:
    """``months`` if it is a sensible period; a ``UserError`` otherwise."""
    if not 0 <= months <= MAX_MONTHS:
        raise UserError(
            _("a retention period is between 0 and {most} months").format(most=MAX_MONTHS),
            exit_code=2,
        )
    return months
