"""Putting the demo's latest session "in progress", so a newcomer lands in the heart of it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from appsession.core.model import SituationStatus
from appsession.services.roster import RUN_DOCUMENT
from appsession.services.session import LiveSession

if TYPE_CHECKING:
    from appsession.services import AppContext


def latest_session(context: AppContext) -> str:
    """The id of the most recent session of the vault ("" if there is none)."""
    vault = context.vault
    found = [
        (session.date, session.number, session.id)
        for intervention in vault.interventions()
        for group in vault.groups(intervention.id)
        for session in vault.sessions(group.id)
    ]
    return max(found)[2] if found else ""


def session_in_progress(context: AppContext) -> str:
    """The latest session, placed at the phase of its last note with its situation chosen.

    A session that already has a run state is left as it is.
    """
    session_id = latest_session(context)
    if not session_id or context.vault.document(RUN_DOCUMENT, session_id) is not None:
        return session_id
    live = LiveSession.open(context, session_id)
    if not live.session.frame_stated_at:
        live.state_frame()
    chosen = [
        s
        for s in live.situations.values()
        if s.status is SituationStatus.CHOSEN and s.session_id == session_id
    ]
    for number, situation in enumerate(chosen[: live.run.plan.situations], start=1):
        live.run.choose(number, situation.id)
    last_phase = live.notes[-1].phase_id if live.notes else ""
    steps = [i for i, step in enumerate(live.run.plan.steps) if step.phase.id == last_phase]
    live.run.start()
    if steps:
        live.run.go_to(steps[-1])
    live.save_run()
    return session_id
