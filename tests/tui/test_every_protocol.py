"""Every shipped protocol can be run from the first phase to the closing."""

from __future__ import annotations

import dataclasses

import pytest

from appsession.core.clock import FakeClock
from appsession.paths import Paths
from appsession.protocol_library import ProtocolLibrary
from appsession.services import AppContext
from appsession.services.planning import SessionRequest, create_session
from appsession.services.session import LiveSession
from appsession.services.situations import choose, close, propose
from appsession.vault import Vault
from tests.tui.conftest import Cast

SHIPPED = sorted(ProtocolLibrary().load()[0])


def test_the_seed_and_the_other_methods_are_shipped() -> None:
    assert "app-classique" in SHIPPED
    assert len(SHIPPED) >= 5


@pytest.mark.parametrize("protocol_id", SHIPPED)
@pytest.mark.parametrize("most", [False, True], ids=["default", "most-situations"])
def test_a_session_runs_through(
    protocol_id: str, most: bool, vault: Vault, cast: Cast, clock: FakeClock, paths: Paths
) -> None:
    library = ProtocolLibrary()
    protocol = library.get(protocol_id)
    count = protocol.situations_max if most else protocol.situations_default
    request = SessionRequest(cast.group.id, "2026-01-15", protocol, protocol.session_minutes, count)
    session = create_session(vault, request)
    present = tuple(p.id for p in cast.people.values())
    vault.update_session(dataclasses.replace(session, attendance=present))
    live = LiveSession.open(AppContext(vault, clock, paths, library), session.id)
    live.run.start()
    presenters = [cast.people["P1"], cast.people["P2"], cast.people["P1"], cast.people["P2"]]
    visited = []
    while True:
        number = live.run.needs_choice()
        if number:
            proposal = propose(live, presenters[number - 1].id, f"situation {number}")
            choose(live, number, proposal)
        clock.advance(60)
        outcome = live.add_note(f"note of step {live.run.index}")
        assert outcome.note is not None
        visited.append((live.run.step.phase.id, outcome.note.phase_id, outcome.note.situation_id))
        if not live.run.next_phase():
            break
    assert len(visited) == len(live.run.plan.steps)
    assert all(step == noted for step, noted, _situation in visited)
    chosen = {situation for _step, _noted, situation in visited if situation}
    assert len(chosen) == (count if any(p.per_situation for p in protocol.phases) else 0)
    result = close(live, cast.people["P2"].id)
    assert result.notes == len(visited)
