"""Sentences the session screen says about notes (one place, so they stay consistent)."""

from __future__ import annotations

from appsession.core.note_syntax import ProblemKind, SyntaxProblem
from appsession.i18n import _


def problem_text(problem: SyntaxProblem) -> str:
    """Why a note was not saved, and what to do."""
    token = problem.token
    texts = {
        ProblemKind.UNKNOWN_SPEAKER: _(
            "Nobody present answers to {token}. Type @ to see who is here."
        ),
        ProblemKind.AMBIGUOUS_SPEAKER: _(
            "{token} could be several people: use the pseudonym (P3)."
        ),
        ProblemKind.NOT_NOTED: _(
            "{token} did not agree to note-taking: no note can be attributed to them. "
            "Remove {token} to keep the note as yours."
        ),
        ProblemKind.TWO_SPEAKERS: _("One speaker per note, please."),
        ProblemKind.EMPTY: _("The note has no text yet."),
    }
    return texts[problem.kind].format(token=token)


def problems_text(problems: tuple[SyntaxProblem, ...]) -> str:
    """All the problems of a line, one sentence each."""
    return " ".join(problem_text(problem) for problem in problems)
