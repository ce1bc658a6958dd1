"""The retention rules (pure): month arithmetic, period parsing, what is due on a given day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from appsession.core.errors import UserError
from appsession.core.retention import (
    Anchor,
    AuditRule,
    DataClass,
    InterventionFacts,
    RetentionRule,
    SessionFacts,
    SituationFacts,
    add_months,
    audit_due,
    check_months,
    deadlines,
    due_purges,
    period_end,
    rule_problems,
)

FACTS = InterventionFacts(
    "i",
    "09/2025 – 11/2025",
    (SessionFacts("s1", date(2025, 9, 10)), SessionFacts("s2", date(2025, 11, 12))),
    (SituationFacts("chosen", "s1"), SituationFacts("kept")),
)
ORPHANED = InterventionFacts(
    "i", "", FACTS.sessions, (*FACTS.situations, SituationFacts("orphan", "purged-before"))
)
"""A situation whose session went in an earlier purge (e.g. one cut short by a crash)."""


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
        (date(2025, 12, 15), 1, date(2026, 1, 15)),
        (date(2025, 5, 5), 0, date(2025, 5, 5)),
        (date(2025, 5, 5), 120, date(2035, 5, 5)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1)), st.integers(0, 600))
def test_add_months_lands_in_the_right_month_never_later_in_it(day: date, months: int) -> None:
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day <= day.day
    assert result.day == day.day or (result + timedelta(days=1)).day == 1


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("09/2025 – 06/2026", date(2026, 6, 30)),
        ("2025-09 – 2026-02", date(2026, 2, 28)),
        ("du 01/09/2025 au 12/06/2026", date(2026, 6, 12)),
        ("2025-09-01 → 2026-06-30", date(2026, 6, 30)),
        ("septembre 2025 – juin 2026", None),
        ("2025-2026", None),
        ("13/2026", None),
        ("", None),
    ],
)
def test_period_end(period: str, expected: date | None) -> None:
    assert period_end(period) == expected


def test_raw_notes_fall_due_at_the_end_of_the_cycle_plus_n_months() -> None:
    rule = RetentionRule("i", raw_months=3)
    assert due_purges(rule, FACTS, date(2026, 2, 27)) == []
    [purge] = due_purges(rule, FACTS, date(2026, 2, 28))
    assert purge.data_class is DataClass.RAW_NOTES
    assert purge.due_on == date(2026, 2, 28)
    assert purge.session_ids == ("s1", "s2")
    assert purge.situation_ids == ("chosen", "kept")


def test_session_anchor_makes_each_session_due_on_its_own() -> None:
    rule = RetentionRule("i", raw_months=2, raw_anchor=Anchor.SESSION)
    [purge] = due_purges(rule, FACTS, date(2025, 11, 10))
    assert purge.session_ids == ("s1",)
    assert purge.situation_ids == ("chosen",)
    assert purge.due_on == date(2025, 11, 10)


def test_a_due_synthesis_is_the_whole_intervention_and_nothing_else() -> None:
    rule = RetentionRule("i", synthesis_months=1, contract_end=date(2025, 12, 31))
    [purge] = due_purges(rule, FACTS, date(2026, 1, 31))
    assert (purge.data_class, purge.intervention_id, purge.size) == (DataClass.SYNTHESIS, "i", 1)


def test_nothing_is_due_while_on_hold() -> None:
    rule = RetentionRule("i", raw_months=0, synthesis_months=0, hold=True)
    assert due_purges(rule, FACTS, date(2040, 1, 1)) == []
    assert any("hold" in problem for problem in rule_problems(rule, FACTS))


def test_without_an_end_date_only_leftovers_of_earlier_purges_are_due() -> None:
    [purge] = due_purges(RetentionRule("i"), ORPHANED, date(2040, 1, 1))
    assert (purge.session_ids, purge.situation_ids) == ((), ("orphan",))
    undated = InterventionFacts("i", "2025-2026", FACTS.sessions, FACTS.situations)
    assert due_purges(RetentionRule("i", raw_months=0), undated, date(2040, 1, 1)) == []
    assert any("end of cycle" in problem for problem in rule_problems(RetentionRule("i"), undated))


def test_a_recorded_cycle_end_wins_over_the_period() -> None:
    rule = RetentionRule("i", raw_months=1, cycle_end=date(2026, 3, 15))
    assert due_purges(rule, FACTS, date(2026, 4, 14)) == []
    assert due_purges(rule, FACTS, date(2026, 4, 15))


def test_the_default_rule_keeps_the_synthesis_longer_than_the_raw_notes() -> None:
    rule = RetentionRule("i")
    raw, whole = deadlines(rule, FACTS)
    assert raw.due_on is not None
    assert whole.due_on is not None
    assert raw.due_on < whole.due_on
    assert rule_problems(rule, FACTS) == []


def test_a_synthesis_due_before_the_raw_notes_is_reported() -> None:
    rule = RetentionRule("i", raw_months=12, synthesis_months=0)
    [problem] = rule_problems(rule, FACTS)
    assert "2025-11-30" in problem


def test_audit_events_fall_due_one_by_one() -> None:
    events = [("old", date(2020, 1, 1)), ("new", date(2025, 6, 1))]
    purge = audit_due(AuditRule(60), events, date(2025, 1, 1))
    assert purge is not None
    assert (purge.data_class, purge.event_ids, purge.due_on) == (
        DataClass.AUDIT_LOG,
        ("old",),
        date(2025, 1, 1),
    )
    assert audit_due(AuditRule(60), events, date(2024, 12, 31)) is None


@given(
    st.integers(0, 24),
    st.sampled_from(list(Anchor)),
    st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 1, 1)),
)
def test_whatever_is_due_stays_due_later(months: int, anchor: Anchor, today: date) -> None:
    rule = RetentionRule("i", raw_months=months, raw_anchor=anchor)
    now = {p.data_class: p for p in due_purges(rule, FACTS, today)}
    later = {p.data_class: p for p in due_purges(rule, FACTS, today + timedelta(days=40))}
    if DataClass.SYNTHESIS in now:
        assert DataClass.SYNTHESIS in later
    elif DataClass.RAW_NOTES in now and DataClass.RAW_NOTES in later:
        assert set(now[DataClass.RAW_NOTES].session_ids) <= set(
            later[DataClass.RAW_NOTES].session_ids
        )


@pytest.mark.parametrize("months", [-1, 601])
def test_absurd_periods_are_refused(months: int) -> None:
    with pytest.raises(UserError):
        check_months(months)
