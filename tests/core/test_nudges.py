"""Nudges: disguised hypotheses in clarification, advice where the phase allows none."""

from __future__ import annotations

import dataclasses

import pytest

from appsession.core.model import NoteKind
from appsession.core.nudges import NudgeKind, is_clarification, nudges_for
from appsession.core.protocol import Phase, parse_protocol
from tests.protocols.sample import SAMPLE

PROTOCOL = parse_protocol(SAMPLE)
PHASES = {phase.id: phase for phase in PROTOCOL.phases}
CLARIFICATION = PHASES["questions"]
HYPOTHESES = PHASES["hypotheses"]
ADVICE_PHASE = dataclasses.replace(HYPOTHESES, advice_allowed=True)


def kinds(text: str, kind: NoteKind, phase: Phase) -> list[NudgeKind]:
    return [nudge.kind for nudge in nudges_for(text, kind, phase)]


def test_phases_are_recognised() -> None:
    assert is_clarification(CLARIFICATION)
    assert not is_clarification(HYPOTHESES)


@pytest.mark.parametrize(
    "text",
    [
        "Et si ta cheffe avait peur elle aussi ?",
        "et si c'était de la jalousie",
        "Tu ne penses pas que c'est lié à la réorganisation ?",
        "Vous ne croyez pas que la famille attendait autre chose ?",
        "Est-ce que tu as pensé à lui en parler avant ?",
        "Est-ce que tu as pensé à la direction ?",
        "N’aurais-tu pas dû prévenir l'équipe ?",
        "Tu n'aurais pas dû attendre ?",
        "What if she was afraid too?",
        "Don't you think it was about the reorganisation?",
        "Did you think about calling her first?",
        "Could it be that he felt left out?",
    ],
)
def test_disguised_hypotheses_in_clarification(text: str) -> None:
    assert NudgeKind.DISGUISED_HYPOTHESIS in kinds(text, NoteKind.QUESTION, CLARIFICATION)


@pytest.mark.parametrize(
    "text",
    [
        "Qui était présent ce jour-là ?",
        "Comment as-tu réagi ?",
        "Que s'est-il passé ensuite ?",
        "What did you think when she left?",
        "Who else was in the room?",
        "Est-ce que tu dois rendre un rapport ?",
        "Do you have to report it?",
    ],
)
def test_open_questions_raise_nothing(text: str) -> None:
    assert kinds(text, NoteKind.QUESTION, CLARIFICATION) == []


@pytest.mark.parametrize(
    "text",
    [
        "Tu devrais en parler à ta cheffe",
        "Il faut que tu poses des limites",
        "À ta place, je demanderais une mutation",
        "a ta place je partirais",
        "Pourquoi tu ne lui dis pas ?",
        "Pourquoi ne pas l'appeler ?",
        "Moi je ferais un signalement",
        "You should talk to HR",
        "If I were you I would leave",
        "Why don't you ask for help?",
        "You need to set limits",
    ],
)
def test_advice_where_the_phase_forbids_it(text: str) -> None:
    assert NudgeKind.ADVICE in kinds(text, NoteKind.HYPOTHESIS, HYPOTHESES)


def test_advice_is_fine_where_the_protocol_allows_it() -> None:
    assert kinds("Tu devrais en parler à ta cheffe", NoteKind.HYPOTHESIS, ADVICE_PHASE) == []


def test_hypotheses_are_fine_in_the_hypothesis_phase() -> None:
    text = "Et si la cheffe avait peur elle aussi"
    assert kinds(text, NoteKind.HYPOTHESIS, HYPOTHESES) == []


def test_a_hypothesis_note_in_clarification_is_not_a_disguised_question() -> None:
    assert kinds("et si elle avait peur", NoteKind.OBSERVATION, CLARIFICATION) == []


def test_a_verbatim_of_advice_in_another_phase_is_the_presenter_quoting() -> None:
    assert kinds("tu devrais partir", NoteKind.VERBATIM, HYPOTHESES) == []


def test_the_message_quotes_the_words_typed() -> None:
    (nudge,) = nudges_for("Et si ta cheffe avait peur ?", NoteKind.QUESTION, CLARIFICATION)
    assert "Et si" in nudge.message
