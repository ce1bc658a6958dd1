"""What the review screen writes: kinds and detectors in words, and candidates in context."""

from __future__ import annotations

from rich.text import Text

from appsession.i18n import _
from appsession.services.pseudonyms.review import (
    Candidate,
    Placeholder,
    ReviewService,
    label_name,
    source_name,
)

SHOWN_PLACES = 8
"""Occurrences shown in context under the list (the count says how many there are)."""


def row(candidate: Candidate) -> tuple[Text, ...]:
    """The table's cells for one candidate (plain text: a "[" is never markup)."""
    return (
        Text(candidate.text),
        Text(label_name(candidate.label)),
        Text(source_name(candidate.source)),
        Text(candidate.placeholder),
        Text(str(len(candidate.occurrences)), justify="right"),
    )


def placeholder_row(entry: Placeholder, *, real_names: bool) -> tuple[Text, ...]:
    """The placeholders table's cells; who it stands for only while real names are shown."""
    return (
        Text(entry.placeholder),
        Text(label_name(entry.label)),
        Text(entry.form if real_names else "•••"),
    )


def in_context(service: ReviewService, candidate: Candidate, *, real_names: bool) -> Text:
    """Where the candidate occurs, each time in its note, the candidate highlighted."""
    lines = Text()
    for place in candidate.occurrences[:SHOWN_PLACES]:
        context = service.context(place, real_names=real_names)
        lines.append(service.where(place) + "\n", style="dim")
        lines.append(context.before)
        lines.append(context.candidate, style="bold reverse")
        lines.append(context.after + "\n\n")
    hidden = len(candidate.occurrences) - SHOWN_PLACES
    if hidden > 0:
        lines.append(_("…and {count} more").format(count=hidden), style="dim")
    return lines


def explanation(real_names: bool) -> str:
    """What the context shows, and how to change it."""
    if real_names:
        return _("Real names are shown for a moment: press n to hide them.")
    return _("Other names stay pseudonymised; n shows real names for a moment.")
