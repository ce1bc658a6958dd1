"""Texts the draft screen shows: an item's card, its history, the draft's summary."""

from __future__ import annotations

from collections.abc import Sequence

from appsession.core.draft import Revision
from appsession.core.model import ItemKind
from appsession.core.reidentification import Risk, risk_label
from appsession.i18n import _, ngettext
from appsession.services.draft import DraftEntry, DraftSummary
from appsession.tui.screens.draft_dialogs import item_kind_label


def state_label(state: str) -> str:
    """A decision state in the user's language."""
    labels = {
        "pending": _("pending"),
        "approved": _("approved"),
        "amended": _("amended"),
        "withheld": _("withheld"),
        "deferred": _("deferred"),
    }
    return labels.get(state, state)


def entry_card(entry: DraftEntry) -> str:
    """Kind, section, evidence, decision, warnings and consent problems of an item."""
    evidence = entry.evidence
    groups = ", ".join(entry.group_names) or _("no group")
    people = ngettext(
        "{count} distinct participant", "{count} distinct participants", evidence.participants
    ).format(count=evidence.participants)
    notes = ngettext("{count} note", "{count} notes", evidence.notes).format(count=evidence.notes)
    lines = [
        _("Item {number} · {kind} · section “{section}”").format(
            number=entry.number, kind=item_kind_label(entry.item.kind), section=entry.item.section
        ),
        _("Evidence: {notes} from {groups}; {people}").format(
            notes=notes, groups=groups, people=people
        ),
        _("Group decision: {state}").format(state=state_label(entry.state.value)),
    ]
    if evidence.missing:
        lines.append(
            _("{count} linked note(s) are gone (deleted or withdrawn).").format(
                count=evidence.missing
            )
        )
    for warning in entry.warnings:
        detail = f" ({warning.detail})" if warning.risk is not Risk.FEW_PARTICIPANTS else ""
        lines.append(f"⚠ {warning.label}{detail}")
    lines.extend(f"✗ {problem}" for problem in entry.problems)
    return "\n".join(lines)


def history_text(history: Sequence[Revision]) -> str:
    """Earlier wordings, newest first."""
    if len(history) <= 1:
        return _("No earlier wording.")
    lines = [_("Earlier wordings:")]
    for revision in reversed(history[:-1]):
        text = " ".join(revision.text.split())
        lines.append(f"  r{revision.revision} {revision.saved_at[:16]}  {text}")
    return "\n".join(lines)


def summary_text(summary: DraftSummary) -> str:
    """How many items of each kind, and which carry warnings or consent problems."""
    kinds = ", ".join(
        f"{item_kind_label(kind)}: {summary.by_kind.get(kind, 0)}" for kind in ItemKind
    )
    lines = [_("{count} items ({kinds})").format(count=summary.items, kinds=kinds)]
    if summary.warned:
        lines.append(_("Re-identification warnings:"))
        for number, codes in summary.warned:
            labels = "; ".join(risk_label(Risk(code)) for code in codes)
            lines.append(f"  ⚠ {number}. {labels}")
    else:
        lines.append(_("No re-identification warning."))
    if summary.problems:
        numbers = ", ".join(str(n) for n in summary.problems)
        lines.append(_("✗ Evidence no longer allowed: items {numbers}").format(numbers=numbers))
    return "\n".join(lines)
