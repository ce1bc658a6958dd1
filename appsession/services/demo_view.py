"""Putting the demo's latest session "in progress", so a newcomer lands in the heart of it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from appsession.core.model import SituationStatus
from appsession.core.nudges import is_clarification
from appsession.core.session_run import SessionRun
from appsession.services.roster import RUN_DOCUMENT
from appsession.services.session import LiveSession

IN_PROGRESS = 0.4
"""Share of the current phase already spent when the demo opens."""

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
    """The latest session, placed at the phase of its last situation note, as if run until then.

    The situation chosen for it is set, the frame is stated, earlier phases took their planned
    time and the current one is under way. A session that already has a run state is left as
    it is.
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
    state = live.run.to_state()
    state["chosen"] = {str(number): s.id for number, s in enumerate(chosen, start=1)}
    index = _heart_of(live)
    durations = state["durations"]
    state["elapsed"] = [
        *durations[:index],
        durations[index] * IN_PROGRESS,
        *[0.0] * (len(durations) - index - 1),
    ]
    state["index"] = index
    live.run = SessionRun.from_state(live.run.plan, context.clock, state)
    live.save_run()
    return session_id


def _heart_of(live: LiveSession) -> int:
    """The step of the situation's last note, so that every note shown is already past.

    Without situation notes, the first clarification step (else the middle of the plan).
    """
    steps = live.run.plan.steps
    noted = {note.phase_id for note in live.notes if note.situation_id}
    worked = [i for i, step in enumerate(steps) if step.situation and step.phase.id in noted]
    if worked:
        return worked[-1]
    for index, step in enumerate(steps):
        if step.situation and is_clarification(step.phase):
            return index
    return len(steps) // 2
