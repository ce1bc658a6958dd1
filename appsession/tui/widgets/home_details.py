"""What the Home screen says about the highlighted intervention, group or session."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from appsession.core.model import SituationStatus
from appsession.i18n import _, pick
from appsession.services.situations import next_presenter
from appsession.tui.widgets.home_tree import Pick, status_text

if TYPE_CHECKING:
    from appsession.services import AppContext
    from appsession.services.roster import GroupLine, InterventionLine, SessionLine

EMPTY_HELP = _(
    "No intervention yet.\n\n"
    "An intervention is a commissioned cycle of sessions. Press i to create one, then g to add "
    "a group, p to enter its participants and n to plan a session."
)


class HomeDetails(Static):
    """A short card for the highlighted line, with the keys that apply to it."""

    DEFAULT_CSS = """
    HomeDetails { padding: 0 1; height: auto; }
    """

    def show(self, context: AppContext, chosen: Pick | None) -> None:
        """Describe ``chosen`` (or explain how to begin)."""
        if chosen is None:
            self.update(EMPTY_HELP)
        elif chosen.kind == "intervention":
            self.update(_intervention(chosen.intervention))
        elif chosen.kind == "group" and chosen.group is not None:
            self.update(_group(context, chosen.group))
        elif chosen.session is not None:
            self.update(_session(context, chosen.session))

    def on_mount(self) -> None:
        """Start with the explanation."""
        self.update(EMPTY_HELP)


def _title(text: str) -> Text:
    card = Text()
    card.append(text, style="bold")
    card.append("\n")
    return card


def _intervention(line: InterventionLine) -> Text:
    item = line.intervention
    card = _title(item.title)
    for label, value in (
        (_("Commissioner"), item.commissioner),
        (_("Period"), item.period),
        (_("Facilitator"), item.facilitator),
    ):
        if value:
            card.append(_("{label}: {value}").format(label=label, value=value) + "\n")
    people = sum(len(group.participants) for group in line.groups)
    sessions = sum(len(group.sessions) for group in line.groups)
    card.append(
        _("{groups} group(s), {people} participants, {sessions} sessions").format(
            groups=len(line.groups), people=people, sessions=sessions
        )
        + "\n\n"
    )
    card.append(
        _("g new group · e edit · w analysis · d draft · v validation · r review · x data"),
        "dim",
    )
    return card


def _group(context: AppContext, line: GroupLine) -> Text:
    card = _title(line.group.name)
    presenter = next_presenter(context.vault, line.group.id)
    kept = [
        s
        for s in context.vault.situations(line.group.id)
        if s.status in (SituationStatus.KEPT, SituationStatus.PROPOSED)
    ]
    for person in line.participants:
        consent = context.vault.consent(person.id).note_taking
        mark = {True: "", False: "  " + _("no notes"), None: "  " + _("consent not asked")}
        role = f" · {person.role}" if person.role else ""
        card.append(f"{person.pseudonym}  {person.name}{role}")
        card.append(mark[consent] + "\n", style="italic")
    if not line.participants:
        card.append(_("No participants yet: press p.") + "\n")
    by_id = {p.id: p for p in line.participants}
    if presenter in by_id:
        card.append("\n" + _("Presents next: {who}").format(who=by_id[presenter].pseudonym) + "\n")
    card.append(_("Situations waiting: {count}").format(count=len(kept)) + "\n\n")
    card.append(_("n new session · p participants · e rename"), "dim")
    return card


def _session(context: AppContext, line: SessionLine) -> Text:
    session = line.session
    card = _title(_("Session {number} · {date}").format(number=session.number, date=session.date))
    protocols, _problems = context.library.load()
    protocol = protocols.get(session.protocol_id)
    name = pick(protocol.label) if protocol else session.protocol_id
    card.append(_("Protocol: {name}").format(name=name) + "\n")
    card.append(
        _("{minutes} minutes · {situations} situation(s)").format(
            minutes=session.length_minutes, situations=session.situations
        )
        + "\n"
    )
    card.append(_("Status: {status}").format(status=status_text(line.status)) + "\n")
    notes = context.vault.notes(session.id)
    off = sum(1 for note in notes if note.off_record)
    card.append(
        _("Present: {present} · notes: {notes} (off the record: {off})").format(
            present=len(session.attendance), notes=len(notes), off=off
        )
        + "\n\n"
    )
    card.append(_("Enter: open the session · e: change its date"), "dim")
    return card
