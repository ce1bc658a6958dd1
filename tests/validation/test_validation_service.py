"""Recording validation through the vault: decisions, amendments, group items, withdrawals."""

from __future__ import annotations

import pytest

from appsession.core.clock import FakeClock
from appsession.core.errors import UserError
from appsession.core.model import DecisionState, ItemKind
from appsession.core.validation import Flag, text_hash
from appsession.services.validation import ValidationService
from tests.validation.world import World, add_item


def service(world: World, clock: FakeClock) -> ValidationService:
    return ValidationService(world.vault, clock)


def test_evidence_is_summarised_by_groups_and_distinct_speakers(
    world: World, clock: FakeClock
) -> None:
    both = add_item(world, "Analyse commune.", groups=(0, 1), count=3)
    one = add_item(world, "Analyse d'un groupe.", groups=(1,), count=2)
    view = service(world, clock).load(world.intervention_id)
    first, second = view.statuses
    assert first.evidence.groups == {world.groups[0].id, world.groups[1].id}
    assert first.evidence.participants == 6
    assert set(first.required_groups) == {world.groups[0].id, world.groups[1].id}
    assert second.item.id == one.id
    assert second.required_groups == (world.groups[1].id,)
    assert [w.code for w in view.warnings[second.item.id]] == ["few-participants"]
    assert view.warnings[both.id] == []


def test_a_decision_is_stored_with_group_session_date_and_hash(
    world: World, clock: FakeClock
) -> None:
    item = add_item(world, "Analyse commune.")
    validation = service(world, clock)
    status = validation.load(world.intervention_id).statuses[0]
    session = world.session(0)
    validation.record(status, world.groups[0].id, DecisionState.APPROVED, session.id)
    [stored] = world.vault.decisions(item.id)
    assert stored.group_id == world.groups[0].id
    assert stored.session_id == session.id
    assert stored.decided_on.startswith("2026-01-15T09:00:00")
    assert stored.text_hash == text_hash("Analyse commune.")
    assert validation.load(world.intervention_id).statuses[0].exportable
    [event] = [e for e in world.vault.audit_events() if e.kind == "decision"]
    assert event.details == {
        "item": item.id,
        "group": world.groups[0].id,
        "session": session.id,
        "state": "approved",
    }


def test_decisions_in_the_same_instant_keep_their_order(world: World, clock: FakeClock) -> None:
    add_item(world, "Analyse commune.")
    validation = service(world, clock)
    group, session = world.groups[0].id, world.session(0).id
    for state in (DecisionState.APPROVED, DecisionState.WITHHELD, DecisionState.APPROVED):
        status = validation.load(world.intervention_id).statuses[0]
        validation.record(status, group, state, session)
    assert validation.load(world.intervention_id).statuses[0].state is DecisionState.APPROVED
    times = [d.decided_on for d in world.vault.decisions()]
    assert len(set(times)) == 3


def test_an_amendment_saves_a_new_revision_and_approves_it(world: World, clock: FakeClock) -> None:
    item = add_item(world, "Première formulation.", groups=(0, 1))
    validation = service(world, clock)
    status = validation.load(world.intervention_id).statuses[0]
    validation.record(status, world.groups[1].id, DecisionState.APPROVED, world.session(1).id)
    status = validation.load(world.intervention_id).statuses[0]
    clock.advance(60)
    saved = validation.record(
        status,
        world.groups[0].id,
        DecisionState.AMENDED,
        world.session(0).id,
        "Formulation du groupe.",
    )
    assert saved.text == "Formulation du groupe."
    assert saved.revision == item.revision + 1
    after = validation.load(world.intervention_id).statuses[0]
    assert after.state is DecisionState.PENDING
    assert after.standing(world.groups[1].id).edited_since  # type: ignore[union-attr]
    assert Flag.EDITED_SINCE_APPROVAL in after.flags


def test_a_session_of_another_group_is_refused(world: World, clock: FakeClock) -> None:
    add_item(world, "Analyse commune.", groups=(0, 1))
    validation = service(world, clock)
    status = validation.load(world.intervention_id).statuses[0]
    with pytest.raises(UserError, match="not one of that group"):
        validation.record(status, world.groups[0].id, DecisionState.APPROVED, world.session(1).id)


def test_a_group_adds_its_own_item(world: World, clock: FakeClock) -> None:
    add_item(world, "Analyse commune.")
    validation = service(world, clock)
    own = validation.add_group_item(
        world.intervention_id, world.groups[1].id, "Pistes", ItemKind.ACTION, "Un temps d'échange."
    )
    view = validation.load(world.intervention_id)
    status = view.status(own.id)
    assert status.required_groups == (world.groups[1].id,)
    assert Flag.GROUP_ITEM in status.flags
    assert status.number == 2
    [summary] = [s for s in view.summaries if s.group_id == world.groups[1].id]
    assert summary.own_items == 1
    with pytest.raises(UserError, match="not quotations"):
        validation.add_group_item(
            world.intervention_id, world.groups[1].id, "P", ItemKind.VERBATIM, "x"
        )


def test_an_approval_lapses_when_a_cited_participant_withdraws(
    world: World, clock: FakeClock
) -> None:
    item = add_item(world, "Analyse qui cite trois personnes.", count=3)
    validation = service(world, clock)
    group, session = world.groups[0].id, world.session(0).id
    validation.record(
        validation.load(world.intervention_id).statuses[0], group, DecisionState.APPROVED, session
    )
    clock.advance(120)
    report = world.vault.withdraw(world.people[group][0].id)
    assert item.id in report.flagged_items
    flagged = validation.load(world.intervention_id).statuses[0]
    assert flagged.state is DecisionState.PENDING
    assert Flag.CITED_WITHDRAWN in flagged.flags
    assert flagged.evidence.participants == 2
    clock.advance(60)
    validation.record(flagged, group, DecisionState.APPROVED, session)
    again = validation.load(world.intervention_id).statuses[0]
    assert again.exportable
    assert Flag.CITED_WITHDRAWN not in again.flags


def test_a_warning_acceptance_is_recorded_and_shown_in_the_summary(
    world: World, clock: FakeClock
) -> None:
    item = add_item(world, "Ce que deux personnes ont dit.", count=2)
    validation = service(world, clock)
    view = validation.load(world.intervention_id)
    status = view.statuses[0]
    [warning] = view.unresolved(status)
    validation.accept_warning(status, warning)
    view = validation.load(world.intervention_id)
    assert view.unresolved(view.statuses[0]) == []
    summaries = {s.group_id: s for s in view.summaries}
    [(number, acceptance)] = summaries[world.groups[0].id].accepted_warnings
    assert number == 1
    assert acceptance.item_id == item.id
    assert summaries[world.groups[1].id].accepted_warnings == ()
    assert any(e.kind == "warning-accepted" for e in world.vault.audit_events())
