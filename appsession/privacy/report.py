"""One-line, translated descriptions of rules and purges, shared by the CLI and the TUI."""

from __future__ import annotations

from datetime import date
from itertools import groupby
from typing import TYPE_CHECKING

from appsession.core.model import Intervention
from appsession.core.retention import (
    Anchor,
    DataClass,
    RetentionRule,
    contract_end,
    cycle_end,
    deadlines,
    rule_problems,
)
from appsession.i18n import _, ngettext
from appsession.privacy.retention import DueItem, intervention_facts
from appsession.privacy.settings import load_audit_rule, load_rule
from appsession.vault.purge import PurgeReport

if TYPE_CHECKING:
    from appsession.vault import Vault


def class_label(data_class: DataClass) -> str:
    """The name of a class of data, for people."""
    labels = {
        DataClass.RAW_NOTES: _("raw session notes"),
        DataClass.SYNTHESIS: _("whole intervention (validated synthesis and everything left)"),
        DataClass.AUDIT_LOG: _("audit log"),
    }
    return labels[data_class]


def sessions_text(item: DueItem) -> str:
    """ "Group A: 1, 2; Group B: 3"."""
    parts = []
    for group, numbers in groupby(item.sessions, key=lambda pair: pair[0]):
        listed = ", ".join(str(number) for _group, number in numbers)
        parts.append(_("{group}: sessions {numbers}").format(group=group, numbers=listed))
    return "; ".join(parts)


def due_line(item: DueItem) -> str:
    """What one due purge destroys, in one line."""
    purge = item.purge
    since = purge.due_on.isoformat()
    if purge.data_class is DataClass.AUDIT_LOG:
        count = len(purge.event_ids)
        events = ngettext("{count} audit event", "{count} audit events", count).format(count=count)
        return _("Audit log: {events} past their retention (due since {day}).").format(
            events=events, day=since
        )
    notes = ngettext("{count} note", "{count} notes", item.notes).format(count=item.notes)
    if purge.data_class is DataClass.SYNTHESIS:
        return _(
            "{title}: the whole intervention (roster, consents, draft, decisions, {notes}) "
            "(due since {day})."
        ).format(title=item.title, notes=notes, day=since)
    situations = len(purge.situation_ids)
    return _(
        "{title}: raw notes of {sessions} ({notes}, {situations} situations) (due since {day})."
    ).format(
        title=item.title,
        sessions=sessions_text(item) or _("no session"),
        notes=notes,
        situations=situations,
        day=since,
    )


def cited_line(item: DueItem) -> str:
    """A warning when draft items cite notes that the purge destroys ("" otherwise)."""
    if not item.cited_items:
        return ""
    return ngettext(
        "{count} draft item cites these notes; its text stays, its evidence goes.",
        "{count} draft items cite these notes; their text stays, their evidence goes.",
        item.cited_items,
    ).format(count=item.cited_items)


def report_line(item: DueItem) -> str:
    """A warning when raw notes go before any report was exported ("" otherwise)."""
    if item.reported:
        return ""
    return _(
        "No report to the commissioners was exported for this intervention yet: once the raw "
        "notes are gone, the theme × session annex cannot be rebuilt."
    )


def warning_lines(item: DueItem) -> list[str]:
    """Every warning about one due purge."""
    return [line for line in (cited_line(item), report_line(item)) if line]


def not_reached() -> str:
    """What no purge or withdrawal can reach (said before and after)."""
    return _(
        "Not reached: copies of the vault made before now (backups, cloud sync, snapshots), "
        "which the passphrase still opens, and documents already exported."
    )


def purged_line(report: PurgeReport) -> str:
    """The outcome of one purge, with its certificate id."""
    records = ngettext("{count} record", "{count} records", report.records).format(
        count=report.records
    )
    keys = ngettext("{count} key erased", "{count} keys erased", len(report.key_ids)).format(
        count=len(report.key_ids)
    )
    return _("Purged: {records}, {keys}, in {seconds:.2f} s; certificate {certificate}.").format(
        records=records, keys=keys, seconds=report.seconds, certificate=report.certificate[:8]
    )


def rule_lines(vault: Vault, intervention: Intervention, today: date) -> list[str]:
    """The intervention's rule, its deadlines and any problem, for ``retention show``."""
    rule = load_rule(vault, intervention.id)
    facts = intervention_facts(vault, intervention)
    lines = [
        _("{title} ({id})").format(title=intervention.title, id=intervention.id[:8]),
        _("  end of cycle: {day}").format(
            day=_day(cycle_end(rule, facts), rule.cycle_end, _("from the intervention's period"))
        ),
        _("  end of contract: {day}").format(
            day=_day(contract_end(rule, facts), rule.contract_end, _("the end of the cycle"))
        ),
        "  " + _raw_rule(rule),
        ngettext(
            "  whole intervention: {months} month after the end of the contract",
            "  whole intervention: {months} months after the end of the contract",
            rule.synthesis_months,
        ).format(months=rule.synthesis_months),
    ]
    for deadline in deadlines(rule, facts):
        day = deadline.due_on.isoformat() if deadline.due_on else _("unknown")
        state = _("due") if deadline.due_on and deadline.due_on <= today else _("not yet due")
        if not deadline.items:
            state = _("nothing left")
        lines.append(
            _("  next deadline, {data}: {day} ({state})").format(
                data=class_label(deadline.data_class), day=day, state=state
            )
        )
    lines += ["  ! " + problem for problem in rule_problems(rule, facts)]
    return lines


def _raw_rule(rule: RetentionRule) -> str:
    months = rule.raw_months
    if rule.raw_anchor is Anchor.SESSION:
        text = ngettext(
            "raw notes: {months} month after each session",
            "raw notes: {months} months after each session",
            months,
        )
    else:
        text = ngettext(
            "raw notes: {months} month after the end of the cycle",
            "raw notes: {months} months after the end of the cycle",
            months,
        )
    return text.format(months=months)


def _day(day: date | None, recorded: date | None, source: str) -> str:
    """The date, saying where it comes from when it was not recorded as such."""
    if day is None:
        return _("not recorded")
    if recorded is None:
        return _("{day} ({source})").format(day=day.isoformat(), source=source)
    return day.isoformat()


def audit_line(vault: Vault) -> str:
    """The vault-wide audit-log rule."""
    months = load_audit_rule(vault).months
    return ngettext(
        "Audit log (whole vault): {months} month after each event.",
        "Audit log (whole vault): {months} months after each event.",
        months,
    ).format(months=months)
