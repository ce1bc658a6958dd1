"""The shipped protocols are valid, bilingual, and fill their default session exactly."""

from __future__ import annotations

import pytest

from appsession.core.plan import plan_session
from appsession.protocol_library import ProtocolLibrary

SHIPPED = ProtocolLibrary().load()


def test_the_six_methods_are_shipped_without_problems() -> None:
    protocols, problems = SHIPPED
    assert not problems
    assert {
        "app-classique",
        "gapp-gfapp",
        "gease",
        "codeveloppement",
        "balint",
        "intervision",
    } <= set(protocols)


@pytest.mark.parametrize("protocol_id", sorted(SHIPPED[0]))
def test_every_allowed_situation_count_fits_the_default_length(protocol_id: str) -> None:
    protocol = SHIPPED[0][protocol_id]
    for count in range(protocol.situations_min, protocol.situations_max + 1):
        plan = plan_session(protocol, situations=count)
        assert plan.fits, (protocol_id, count, plan.total_minutes)


@pytest.mark.parametrize("protocol_id", sorted(SHIPPED[0]))
def test_frame_and_prompts_exist_in_both_languages(protocol_id: str) -> None:
    protocol = SHIPPED[0][protocol_id]
    assert len(protocol.frame["fr"]) == len(protocol.frame["en"]) >= 3
    for phase in protocol.phases:
        assert len(phase.prompts["fr"]) == len(phase.prompts["en"]) >= 1


def test_seed_protocol_follows_the_app_method() -> None:
    protocol = SHIPPED[0]["app-classique"]
    by_id = {phase.id: phase for phase in protocol.phases}
    clarification = next(p for p in protocol.phases if "clarification" in p.id)
    hypotheses = next(p for p in protocol.phases if "hypothes" in p.id)
    assert clarification.presenter == "answers"
    assert hypotheses.presenter == "silent"
    assert not any(phase.advice_allowed for phase in protocol.phases)
    assert len(by_id) == len(protocol.phases)
