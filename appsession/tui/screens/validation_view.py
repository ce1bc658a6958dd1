"""What the validation screen shows, as text: the item card, its facts, the summary.

Only what the group in the room may see: its own standing on the item (never another group's
decision), the evidence as counts (groups, participants, never names), the warnings.
"""

from __future__ import annotations

from rich.text import Text

from appsession.core.model import DecisionState, ItemKind, Session
from appsession.core.validation import APPROVING, Flag, GroupSummary, ItemStatus
from appsession.i18n import _, ngettext
from appsession.services.validation import ValidationView

STATE_STYLES = {
    DecisionState.PENDING: "bold",
    DecisionState.APPROVED: "bold green",
    DecisionState.AMENDED: "bold green",
    DecisionState.WITHHELD: "bold magenta",
    DecisionState.DEFERRED: "bold yellow",
}
SUMMARY_ORDER = (
    DecisionState.APPROVED,
    DecisionState.AMENDED,
    DecisionState.PENDING,
    DecisionState.DEFERRED,
    DecisionState.WITHHELD,
)


def kind_text(kind: ItemKind) -> str:
    """Analysis, quotation, lead for action."""
    return {
        ItemKind.ANALYSIS: _("Analysis"),
        ItemKind.VERBATIM: _("Quotation"),
        ItemKind.ACTION: _("Lead for action"),
    }[kind]


def state_text(state: DecisionState) -> str:
    """The decision in words."""
    return {
        DecisionState.PENDING: _("pending"),
        DecisionState.APPROVED: _("approved"),
        DecisionState.AMENDED: _("amended and approved"),
        DecisionState.WITHHELD: _("withheld by the group"),
        DecisionState.DEFERRED: _("deferred"),
    }[state]


def session_text(session: Session | None) -> str:
    """ "session 5 (2026-06-11)", or a dash."""
    if session is None:
        return _("no session")
    return _("session {number} ({date})").format(number=session.number, date=session.date[:10])


def bar_text(group: str, session: Session | None, position: int, total: int) -> Text:
    """Which group decides, in which session, and where we are in its items."""
    parts: list[str | tuple[str, str]] = [(group, "bold"), "   —   ", session_text(session)]
    if total:
        parts += ["   —   ", _("item {position} of {total}").format(position=position, total=total)]
    return Text.assemble(*parts)


def item_heading(status: ItemStatus) -> Text:
    """ "3 · Quotation · section title"."""
    heading = Text()
    heading.append(f" {status.number} ", style="bold reverse")
    heading.append(f"  {kind_text(status.item.kind)}", style="bold")
    heading.append(f"  ·  {status.item.section}", style="dim")
    return heading


def item_words(status: ItemStatus) -> Text:
    """The wording, large and plain (a quotation between guillemets)."""
    text = status.item.text
    if status.item.kind is ItemKind.VERBATIM:
        text = f"« {text} »"
    return Text(text, style="bold italic" if status.item.kind is ItemKind.VERBATIM else "bold")


def evidence_text(status: ItemStatus, group_id: str) -> str:
    """Counts only: how many groups (this one included?) and distinct participants."""
    evidence = status.evidence
    if status.item.origin_group_id:
        return (
            _("Added by a group.")
            if status.item.origin_group_id != group_id
            else _("Added by this group.")
        )
    if not evidence.groups:
        return _("Written by the facilitator, without session notes.")
    others = len(evidence.groups - {group_id})
    participants = ngettext(
        "{count} participant", "{count} participants", evidence.participants
    ).format(count=evidence.participants)
    if group_id in evidence.groups and others:
        groups = ngettext(
            "this group and {count} other group", "this group and {count} other groups", others
        ).format(count=others)
    elif group_id in evidence.groups:
        groups = _("this group")
    else:
        groups = ngettext("{count} group", "{count} groups", others).format(count=others)
    return _("Evidence: {groups}, {participants}.").format(groups=groups, participants=participants)


def facts_text(view: ValidationView, status: ItemStatus, group_id: str) -> Text:
    """Evidence, warnings (accepted or not), flags, and this group's standing."""
    facts = Text()
    facts.append(evidence_text(status, group_id) + "\n", style="dim")
    facts.append(warning_lines(view, status))
    standing = status.standing(group_id)
    if standing is not None:
        facts.append(flag_lines(status, group_id), style="yellow")
        facts.append(_("This group: "), style="dim")
        facts.append(state_text(standing.state), style=STATE_STYLES[standing.state])
    return facts


def warning_lines(view: ValidationView, status: ItemStatus) -> Text:
    """⚠ for each warning still open, ✓ for each one the facilitator accepted."""
    lines = Text()
    accepted = {
        a.code
        for a in view.acceptances
        if a.item_id == status.item.id and a.text_hash == status.text_hash
    }
    open_ones = 0
    for warning in view.warnings.get(status.item.id, []):
        label = warning.label
        if warning.detail and warning.code != "few-participants":
            label += f" ({warning.detail})"
        if warning.code in accepted:
            lines.append(
                "✓ " + _("Warning accepted: {warning}").format(warning=label) + "\n", "dim"
            )
        else:
            open_ones += 1
            lines.append("⚠ " + label + "\n", "bold yellow")
    if open_ones:
        hint = _("(k: the facilitator accepts these warnings; the acceptance is recorded)")
        lines.append(hint + "\n", "dim")
    return lines


def flag_lines(status: ItemStatus, group_id: str) -> str:
    """What the group should know: edited since approval, evidence withdrawn, others to agree."""
    standing = status.standing(group_id)
    lines = []
    if standing is not None and standing.edited_since:
        lines.append(_("The wording changed since this group approved it."))
    if Flag.CITED_WITHDRAWN in status.flags:
        lines.append(_("Part of its evidence was withdrawn at a participant's request."))
    if standing is not None and standing.state in APPROVING and not status.exportable:
        lines.append(_("It goes to the commissioners only if every group concerned agrees."))
    return "".join(line + "\n" for line in lines)


def summary_text(view: ValidationView, group_id: str) -> Text:
    """Per group: how many of its items are approved, amended, pending, deferred, withheld."""
    summary = Text()
    summary.append(_("Summary") + "\n", style="bold underline")
    for group_summary in view.summaries:
        current = group_summary.group_id == group_id
        summary.append(
            "\n" + view.group_name(group_summary.group_id) + "\n",
            style="bold" if current else "dim bold",
        )
        summary.append(counts_lines(group_summary), style="" if current else "dim")
        if current:
            summary.append(accepted_lines(view, group_summary), style="dim")
    return summary


def counts_lines(summary: GroupSummary) -> str:
    """One state a line, with its count; then the group's own items."""
    rows = [(state_text(state), summary.count(state)) for state in SUMMARY_ORDER]
    rows.append((_("own items"), summary.own_items))
    width = max(len(label) for label, _count in rows)
    return "".join(f"  {label.ljust(width)}  {count:>3}\n" for label, count in rows)


def accepted_lines(view: ValidationView, summary: GroupSummary) -> str:
    """The warnings the facilitator accepted on this group's items."""
    lines = []
    for number, acceptance in summary.accepted_warnings:
        labels = {w.code: w.label for w in view.warnings.get(acceptance.item_id, [])}
        label = labels.get(acceptance.code, acceptance.code)
        lines.append(
            "  ✓ "
            + _("item {number}: warning accepted ({warning})").format(number=number, warning=label)
        )
    return "".join(line + "\n" for line in lines)
