"""The group validation rules: exact wording, every group concerned, withdrawals, group items."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from appsession.core.errors import UserError
from appsession.core.model import Decision, DecisionState, DraftItem, ItemKind
from appsession.core.validation import (
    APPROVING,
    Flag,
    ItemEvidence,
    WarningAcceptance,
    approved_at_current_text,
    decide,
    draft_order,
    draft_statuses,
    edit_item,
    group_item,
    group_summaries,
    later_than,
    text_hash,
    timestamp,
)
from tests.validation.factory import GROUPS, decision, item, status, t

A, B = "g-a", "g-b"
BOTH = frozenset({A, B})


def test_an_approval_pins_the_exact_wording() -> None:
    draft = item()
    approved = status(draft, [decision(draft, A, DecisionState.APPROVED, t(1))])
    assert approved.state is DecisionState.APPROVED
    assert approved.exportable
    assert approved_at_current_text(approved)


def test_editing_an_approved_item_puts_it_back_to_pending() -> None:
    draft = item()
    edited = edit_item(draft, "Les équipes manquent de relais extérieurs.")
    after = status(edited, [decision(draft, A, DecisionState.APPROVED, t(1))])
    assert edited.revision == draft.revision + 1
    assert after.state is DecisionState.PENDING
    assert Flag.EDITED_SINCE_APPROVAL in after.flags
    assert not approved_at_current_text(after)


def test_hash_ignores_unicode_composition_but_not_wording() -> None:
    assert text_hash("Zoé") == text_hash("Zoe\u0301")
    assert text_hash("Zoé") != text_hash("Zoé.")


def test_an_item_from_several_groups_needs_each_of_them() -> None:
    draft = item()
    one = status(draft, [decision(draft, A, DecisionState.APPROVED, t(1))], BOTH)
    assert one.state is DecisionState.PENDING
    assert Flag.AWAITS_OTHER_GROUPS in one.flags
    both = status(
        draft,
        [
            decision(draft, A, DecisionState.APPROVED, t(1)),
            decision(draft, B, DecisionState.APPROVED, t(2)),
        ],
        BOTH,
    )
    assert both.state is DecisionState.APPROVED
    assert both.required_groups == (A, B)


def test_one_group_withholding_keeps_the_item_with_the_groups() -> None:
    draft = item()
    decisions = [
        decision(draft, A, DecisionState.APPROVED, t(1)),
        decision(draft, B, DecisionState.WITHHELD, t(2)),
    ]
    assert status(draft, decisions, BOTH).state is DecisionState.WITHHELD


def test_withholding_survives_an_edit_of_the_text() -> None:
    draft = item()
    edited = edit_item(draft, "Autre formulation.")
    assert (
        status(edited, [decision(draft, A, DecisionState.WITHHELD, t(1))]).state
        is DecisionState.WITHHELD
    )


def test_deferred_and_pending() -> None:
    draft = item()
    assert status(draft, []).state is DecisionState.PENDING
    deferred = status(draft, [decision(draft, A, DecisionState.DEFERRED, t(1))])
    assert deferred.state is DecisionState.DEFERRED
    assert not deferred.exportable


def test_the_last_decision_of_a_group_counts() -> None:
    draft = item()
    decisions = [
        decision(draft, A, DecisionState.APPROVED, t(3)),
        decision(draft, A, DecisionState.WITHHELD, t(1)),
    ]
    assert status(draft, decisions).state is DecisionState.APPROVED
    decisions.append(decision(draft, A, DecisionState.DEFERRED, t(5)))
    assert status(draft, decisions).state is DecisionState.DEFERRED


def test_an_amendment_rewrites_then_approves_the_new_wording() -> None:
    draft = item()
    before = status(draft, [decision(draft, B, DecisionState.APPROVED, t(1))], BOTH)
    new_item, amended = decide(
        before,
        A,
        DecisionState.AMENDED,
        session_id="s9",
        decided_on=t(2),
        new_text="  Nouvelle formulation. ",
    )
    assert new_item.text == "Nouvelle formulation."
    assert new_item.revision == 2
    assert amended.text_hash == text_hash("Nouvelle formulation.")
    assert amended.session_id == "s9"
    assert amended.group_id == A
    after = status(new_item, [*([decision(draft, B, DecisionState.APPROVED, t(1))]), amended], BOTH)
    assert after.state is DecisionState.PENDING  # group B approved the old wording only
    assert after.standing(A) is not None
    assert after.standing(A).state is DecisionState.AMENDED
    final = status(new_item, [amended, decision(new_item, B, DecisionState.APPROVED, t(3))], BOTH)
    assert final.state is DecisionState.AMENDED
    assert final.exportable


@pytest.mark.parametrize(
    ("state", "new_text", "message"),
    [
        (DecisionState.AMENDED, None, "new wording"),
        (DecisionState.AMENDED, "Les équipes manquent de relais.", "new wording"),
        (DecisionState.APPROVED, "Autre chose.", "amendment"),
    ],
)
def test_decisions_refuse_what_they_cannot_record(
    state: DecisionState, new_text: str | None, message: str
) -> None:
    draft = item()
    with pytest.raises(UserError, match=message):
        decide(status(draft, []), A, state, session_id="s1", decided_on=t(1), new_text=new_text)


def test_a_group_cannot_decide_on_an_item_that_does_not_concern_it() -> None:
    draft = item()
    with pytest.raises(UserError, match="does not concern"):
        decide(status(draft, []), B, DecisionState.APPROVED, session_id="s1", decided_on=t(1))


def test_an_item_citing_a_withdrawn_participant_goes_back_to_pending() -> None:
    draft = item()
    before = [decision(draft, A, DecisionState.APPROVED, t(1))]
    flagged = status(draft, before, withdrawn_since=t(2))
    assert flagged.state is DecisionState.PENDING
    assert Flag.CITED_WITHDRAWN in flagged.flags
    assert flagged.standing(A).void_by_withdrawal  # type: ignore[union-attr]
    again = status(
        draft, [*before, decision(draft, A, DecisionState.APPROVED, t(3))], withdrawn_since=t(2)
    )
    assert again.state is DecisionState.APPROVED
    assert Flag.CITED_WITHDRAWN not in again.flags


def test_a_groups_own_item_needs_that_group_and_is_marked() -> None:
    own = group_item("iv", B, "Limites", ItemKind.ACTION, "  Créer un temps d'échange mensuel. ", 9)
    own = replace(own, id="own")
    assert own.origin_group_id == B
    assert own.text == "Créer un temps d'échange mensuel."
    pending = status(own, [], frozenset())
    assert pending.required_groups == (B,)
    assert Flag.GROUP_ITEM in pending.flags
    assert status(own, [decision(own, B, DecisionState.APPROVED, t(1))], frozenset()).exportable


def test_an_item_without_evidence_needs_every_group() -> None:
    draft = item()
    assert status(draft, [], frozenset()).required_groups == GROUPS


def test_empty_texts_are_refused() -> None:
    with pytest.raises(UserError):
        edit_item(item(), "   ")
    with pytest.raises(UserError):
        group_item("iv", A, "S", ItemKind.ANALYSIS, "", 0)


def test_later_than_never_gives_two_decisions_the_same_time() -> None:
    draft = item()
    earlier = [decision(draft, A, DecisionState.APPROVED, t(5))]
    assert later_than(t(6), earlier) == t(6)
    moved = later_than(t(5), earlier)
    assert moved > t(5)
    assert moved.startswith("2026-06-11T10:05:00.000001")
    assert timestamp(datetime(2026, 1, 1, tzinfo=UTC)) == "2026-01-01T00:00:00.000000+00:00"


def test_draft_order_keeps_sections_together_by_their_first_position() -> None:
    items = [
        item("x", section="B", position=5),
        item("y", section="A", position=2),
        item("z", section="B", position=1),
        item("w", section="A", position=3),
    ]
    assert [i.id for i in draft_order(items)] == ["z", "x", "y", "w"]


def test_group_summaries_count_each_groups_own_standing() -> None:
    one, two, three = item("i1"), item("i2", position=1), item("i3", position=2)
    decisions = [
        decision(one, A, DecisionState.APPROVED, t(1)),
        decision(one, B, DecisionState.WITHHELD, t(2)),
        decision(two, A, DecisionState.DEFERRED, t(3)),
    ]
    evidence = {
        "i1": ItemEvidence(BOTH, 3),
        "i2": ItemEvidence(frozenset({A}), 3),
        "i3": ItemEvidence(BOTH, 3),
    }
    statuses = draft_statuses([one, two, three], decisions, evidence, GROUPS)
    acceptance = WarningAcceptance("i2", "few-participants", statuses[1].text_hash)
    summary_a, summary_b, summary_c = group_summaries(statuses, GROUPS, [acceptance])
    assert summary_a.count(DecisionState.APPROVED) == 1
    assert summary_a.count(DecisionState.DEFERRED) == 1
    assert summary_a.count(DecisionState.PENDING) == 1
    assert summary_b.count(DecisionState.WITHHELD) == 1
    assert summary_b.count(DecisionState.PENDING) == 1
    assert sum(summary_c.counts.values()) == 0
    assert [number for number, _a in summary_a.accepted_warnings] == [2]
    assert summary_b.accepted_warnings == ()


STATES = st.sampled_from(list(DecisionState))


@given(
    steps=st.lists(
        st.tuples(st.sampled_from([A, B]), STATES, st.booleans(), st.integers(0, 2)), max_size=12
    ),
    withdrawn_at=st.one_of(st.none(), st.integers(0, 13)),
)
def test_exportable_exactly_when_every_group_last_approved_this_wording(
    steps: list[tuple[str, DecisionState, bool, int]], withdrawn_at: int | None
) -> None:
    wordings = ["Texte un.", "Texte deux.", "Texte trois."]
    current = item(text=wordings[0])
    decisions: list[Decision] = []
    for minute, (group, state, on_current, wording) in enumerate(steps):
        current = replace(current, text=wordings[wording])
        text = current.text if on_current else "Un autre texte."
        decisions.append(decision(current, group, state, t(minute), text=text))
    since = "" if withdrawn_at is None else t(withdrawn_at)
    result = status(current, decisions, BOTH, withdrawn_since=since)
    assert result.exportable == _oracle(current, decisions, since)
    assert result.exportable == approved_at_current_text(result)


def _oracle(current: DraftItem, decisions: list[Decision], since: str) -> bool:
    """Independent statement of the rule, from the raw decisions."""
    for group in (A, B):
        mine = [d for d in decisions if d.group_id == group]
        if not mine:
            return False
        last = max(mine, key=lambda d: d.decided_on)
        if last.state not in APPROVING or last.text_hash != text_hash(current.text):
            return False
        if since and last.decided_on < since:
            return False
    return not any(
        max((d for d in decisions if d.group_id == g), key=lambda d: d.decided_on).state
        is DecisionState.WITHHELD
        for g in (A, B)
    )
