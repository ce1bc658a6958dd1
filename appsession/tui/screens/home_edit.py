"""Editing what Home shows: an intervention's details, a group's name, a planned session's date."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from appsession.core.errors import UserError
from appsession.i18n import _
from appsession.services.planning import parse_day
from appsession.services.roster import SessionStatus
from appsession.tui.dialogs.form import Field, FormDialog

if TYPE_CHECKING:
    from appsession.tui.screens.home import HomeScreen
    from appsession.tui.widgets.home_tree import Pick


def edit_chosen(screen: HomeScreen, chosen: Pick) -> None:
    """Open the right form for the highlighted line."""
    if chosen.session is not None:
        _edit_session(screen, chosen)
    elif chosen.group is not None:
        _edit_group(screen, chosen)
    else:
        _edit_intervention(screen, chosen)


def _edit_intervention(screen: HomeScreen, chosen: Pick) -> None:
    from appsession.tui.screens.home import intervention_fields

    item = chosen.intervention.intervention
    values = {
        "title": item.title,
        "commissioner": item.commissioner,
        "period": item.period,
        "facilitator": item.facilitator,
    }

    def saved(result: dict[str, str] | None) -> None:
        if result:
            screen.context.vault.update_intervention(dataclasses.replace(item, **result))
            screen.refresh_lines(("intervention", item.id))

    screen.app.push_screen(FormDialog(_("Edit intervention"), intervention_fields(values)), saved)


def _edit_group(screen: HomeScreen, chosen: Pick) -> None:
    assert chosen.group is not None
    group = chosen.group.group

    def saved(result: dict[str, str] | None) -> None:
        if result:
            screen.context.vault.update_group(dataclasses.replace(group, name=result["name"]))
            screen.refresh_lines(("group", group.id))

    fields = [Field("name", _("Group name"), group.name, required=True)]
    screen.app.push_screen(FormDialog(_("Rename group"), fields), saved)


def _edit_session(screen: HomeScreen, chosen: Pick) -> None:
    assert chosen.session is not None
    if chosen.session.status is not SessionStatus.PLANNED:
        screen.notify(_("Only a planned session's date can be changed."), severity="warning")
        return
    session = chosen.session.session

    def saved(result: dict[str, str] | None) -> None:
        if not result:
            return
        try:
            day = parse_day(result["date"])
        except UserError as error:
            screen.notify(str(error), severity="error")
            return
        screen.context.vault.update_session(dataclasses.replace(session, date=day.isoformat()))
        screen.refresh_lines(("session", session.id))

    fields = [Field("date", _("Date"), session.date, "YYYY-MM-DD", required=True)]
    screen.app.push_screen(FormDialog(_("Change the date"), fields), saved)
