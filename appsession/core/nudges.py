"""Gentle reminders of the protocol's frame, from what the facilitator notes.

Two slips are common enough to deserve a nudge: a "question" in a clarification phase that is
really a hypothesis in disguise ("et si…", "didn't you think…"), and advice given where the
protocol allows none ("tu devrais…", "you should…"). A nudge never blocks anything: the note is
saved as typed, and the facilitator may dismiss the reminder or silence it for the session.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from appsession.core.model import NoteKind
from appsession.core.protocol import Phase
from appsession.i18n import _


class NudgeKind(StrEnum):
    """Which frame rule the note seems to bend."""

    DISGUISED_HYPOTHESIS = "disguised-hypothesis"
    ADVICE = "advice"


@dataclass(frozen=True)
class Nudge:
    """One reminder, with the words that triggered it."""

    kind: NudgeKind
    trigger: str

    @property
    def message(self) -> str:
        """What the facilitator reads (in the current language)."""
        if self.kind is NudgeKind.DISGUISED_HYPOTHESIS:
            return _(
                "“{trigger}…” sounds like a hypothesis in the form of a question: "
                "this phase is for factual, open questions."
            ).format(trigger=self.trigger)
        return _("“{trigger}…” sounds like advice, which this phase does not allow.").format(
            trigger=self.trigger
        )


_HYPOTHESIS_PATTERNS = (
    r"et si\b",
    r"(?:tu|vous) ne (?:penses?|pensez|crois|croyez) pas que",
    r"(?:tu|vous) (?:penses?|pensez|crois|croyez) pas que",
    r"(?:ne crois-tu|ne croyez-vous|ne penses-tu|ne pensez-vous) pas",
    r"est-ce que (?:tu as|t'as|vous avez) pense a",
    r"(?:as-tu|avez-vous) pense a",
    r"(?:n'aurais-tu|n'auriez-vous) pas (?:du|pu)",
    r"(?:tu|vous) n'aurai(?:s|ez) pas (?:du|pu)",
    r"ce ne serait pas (?:parce que|plutot)",
    r"ne serait-ce pas",
    r"what if\b",
    r"(?:don't|do not|didn't|did not) you think",
    r"^(?:have|did) you (?:thought|think|considered|consider)(?: of| about| that)?",
    r"(?:could|might|can) it be (?:that|because)",
    r"(?:shouldn't|should not) you have",
    r"isn't it (?:because|rather)",
)
_ADVICE_PATTERNS = (
    r"(?:tu|vous) (?:devrais|devriez)\b",
    r"(?<!que )(?:tu|vous) (?:dois|devez)\b",
    r"il (?:faut|faudrait) que (?:tu|vous)",
    r"il (?:te|vous) (?:faut|faudrait)",
    r"a (?:ta|votre) place",
    r"moi,? je (?:ferais|ferai)\b",
    r"moi,? j'aurais fait",
    r"pourquoi (?:tu|vous) n(?:e |')",
    r"pourquoi ne pas",
    r"^(?:essaie|essayez) de",
    r"you should\b",
    r"you ought to\b",
    r"(?<!do )(?<!did )(?<!would )you (?:have|need) to\b",
    r"if i (?:were|was) you",
    r"in your (?:place|shoes)",
    r"why (?:don't|do not) you",
)


def _compile(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w'])(?:" + "|".join(patterns) + r")")


_HYPOTHESIS = _compile(_HYPOTHESIS_PATTERNS)
_ADVICE = _compile(_ADVICE_PATTERNS)


def plain(text: str) -> str:
    """Lower case without accents, with typographic apostrophes made straight."""
    text = text.replace("’", "'").replace("‘", "'").casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


def is_clarification(phase: Phase) -> bool:
    """A phase of questions where hypotheses have no place yet (the presenter answers)."""
    return NoteKind.QUESTION in phase.note_kinds and NoteKind.HYPOTHESIS not in phase.note_kinds


def nudges_for(text: str, kind: NoteKind, phase: Phase) -> list[Nudge]:
    """The reminders a note deserves in ``phase`` (usually none).

    Args:
        text: the note's text, markers removed.
        kind: the note's kind once the phase default is applied.
        phase: the phase the note was typed in.
    """
    if kind is NoteKind.VERBATIM and not is_clarification(phase):
        return []
    found: list[Nudge] = []
    words = plain(text)
    if is_clarification(phase) and kind in (NoteKind.QUESTION, NoteKind.VERBATIM):
        hit = _HYPOTHESIS.search(words)
        if hit:
            found.append(Nudge(NudgeKind.DISGUISED_HYPOTHESIS, _excerpt(text, words, hit)))
    if not phase.advice_allowed:
        hit = _ADVICE.search(words)
        if hit:
            found.append(Nudge(NudgeKind.ADVICE, _excerpt(text, words, hit)))
    return found


def _excerpt(text: str, words: str, hit: re.Match[str]) -> str:
    """The triggering words as the facilitator typed them, when the lengths allow it."""
    if len(words) == len(text):
        return text[hit.start() : hit.end()].strip()
    return hit.group(0).strip()
