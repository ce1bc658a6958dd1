"""What is due for a purge in the vault today, running it, and reading its certificates back.

The rules are pure (``core.retention``); this module feeds them facts read from the vault and
hands what is due to the vault's crypto-shredding (``vault.purge``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from appsession.core.model import Intervention
from appsession.core.retention import (
    DataClass,
    InterventionFacts,
    Purge,
    SessionFacts,
    SituationFacts,
    audit_due,
    due_purges,
)
from appsession.privacy.settings import load_audit_rule, load_rule
from appsession.vault import purge as shredding
from appsession.vault.purge import PurgeReport

if TYPE_CHECKING:
    from appsession.vault import Vault


@dataclass(frozen=True)
class DueItem:
    """A due purge with what a person needs to decide: whose, which sessions, what it cuts."""

    purge: Purge
    title: str = field(repr=False, default="")
    sessions: tuple[tuple[str, int], ...] = field(repr=False, default=())
    """(group name, session number) of each session it destroys."""
    notes: int = 0
    cited_items: int = 0
    """Draft items whose evidence cites a note it destroys (their text stays)."""
    reported: bool = True
    """A report to the commissioners was exported for the intervention (audit log)."""


def parse_day(text: str) -> date | None:
    """An ISO date at the start of ``text`` (dates and timestamps), else None."""
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def intervention_facts(vault: Vault, intervention: Intervention) -> InterventionFacts:
    """Its sessions (with dates) and situations, read from the vault."""
    sessions: list[SessionFacts] = []
    situations: list[SituationFacts] = []
    for group in vault.groups(intervention.id):
        sessions += [SessionFacts(s.id, parse_day(s.date)) for s in vault.sessions(group.id)]
        situations += [SituationFacts(s.id, s.session_id) for s in vault.situations(group.id)]
    return InterventionFacts(
        intervention.id, intervention.period, tuple(sessions), tuple(situations)
    )


def due(vault: Vault, today: date) -> list[DueItem]:
    """Every purge due on ``today``: per intervention, then the audit log."""
    found: list[DueItem] = []
    for intervention in vault.interventions():
        facts = intervention_facts(vault, intervention)
        for purge in due_purges(load_rule(vault, intervention.id), facts, today):
            found.append(_describe(vault, intervention, purge))
    events = [(event.id, parse_day(event.at)) for event in vault.audit_events()]
    dated = [(event_id, day) for event_id, day in events if day is not None]
    old = audit_due(load_audit_rule(vault), dated, today)
    if old is not None:
        found.append(DueItem(old))
    return found


def _describe(vault: Vault, intervention: Intervention, purge: Purge) -> DueItem:
    if purge.data_class is DataClass.SYNTHESIS:
        session_ids = {
            s.id for group in vault.groups(intervention.id) for s in vault.sessions(group.id)
        }
    else:
        session_ids = set(purge.session_ids)
    labels: list[tuple[str, int]] = []
    note_ids: set[str] = set()
    for group in vault.groups(intervention.id):
        for session in vault.sessions(group.id):
            if session.id in session_ids:
                labels.append((group.name, session.number))
                note_ids |= {note.id for note in vault.notes(session.id)}
    cited = sum(1 for item in vault.draft_items(intervention.id) if note_ids & set(item.evidence))
    cited = 0 if purge.data_class is DataClass.SYNTHESIS else cited
    reported = purge.data_class is DataClass.SYNTHESIS or _reported(vault, intervention.id)
    return DueItem(purge, intervention.title, tuple(sorted(labels)), len(note_ids), cited, reported)


def _reported(vault: Vault, intervention_id: str) -> bool:
    """True if the audit log records an export of the report to the commissioners."""
    return any(
        event.kind == "export"
        and event.details.get("audience") == "commissioners"
        and event.details.get("intervention") == intervention_id
        for event in vault.audit_events()
    )


def run(vault: Vault, item: DueItem, today: date) -> PurgeReport:
    """Destroy what ``item`` names and leave its certificate in the audit log."""
    purge = item.purge
    details: dict[str, str | int] = {
        "data_class": str(purge.data_class),
        "intervention": purge.intervention_id,
        "sessions": len(item.sessions),
        "situations": len(purge.situation_ids),
        "events": len(purge.event_ids),
        "notes": item.notes,
        "due_on": purge.due_on.isoformat(),
        "purged_on": today.isoformat(),
        **_rule_details(vault, purge),
    }
    if purge.data_class is DataClass.SYNTHESIS:
        return shredding.purge_intervention(vault, purge.intervention_id, details=details)
    if purge.data_class is DataClass.RAW_NOTES:
        return shredding.purge_sessions(
            vault, purge.session_ids, purge.situation_ids, details=details
        )
    return shredding.purge_audit_events(vault, purge.event_ids, details=details)


def _rule_details(vault: Vault, purge: Purge) -> dict[str, str | int]:
    """The rule that made it due, as it stood (for the certificate)."""
    if purge.data_class is DataClass.AUDIT_LOG:
        return {"months": load_audit_rule(vault).months}
    rule = load_rule(vault, purge.intervention_id)
    if purge.data_class is DataClass.SYNTHESIS:
        return {"months": rule.synthesis_months, "anchor": "contract-end"}
    return {"months": rule.raw_months, "anchor": str(rule.raw_anchor)}


def run_due(vault: Vault, today: date) -> list[PurgeReport]:
    """Run every purge due on ``today``; finishes an interrupted one first."""
    shredding.resume(vault)
    return [run(vault, item, today) for item in due(vault, today)]
