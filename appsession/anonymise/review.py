"""What the review screen shows and does: undecided suggestions, and the facilitator's verdicts.

Suggestions are grouped by form ("lestrade" in five notes is one line to decide). A verdict
is stored in the ``PseudonymMap`` by form, so it applies to every past note (the pseudonymised
layer is recomputed from the raw notes) and to every future one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from appsession.anonymise.engine import Pseudonymiser
from appsession.anonymise.mapping import Verdict
from appsession.anonymise.spans import Label, Source


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One undecided span in one note."""

    note_id: str
    start: int
    end: int
    text: str = field(repr=False)
    label: Label
    source: Source
    form: str = field(repr=False)
    """The folded form decisions are keyed on."""
    entity: str = field(repr=False)
    placeholder: str = field(repr=False)


@dataclass(frozen=True)
class PendingForm:
    """A form to decide once, with every place it occurs."""

    form: str = field(repr=False)
    label: Label
    occurrences: tuple[Suggestion, ...]

    @property
    def text(self) -> str:
        """The form as first written in the notes."""
        return self.occurrences[0].text


def pending(engine: Pseudonymiser, notes: Iterable[tuple[str, str]]) -> list[PendingForm]:
    """Undecided suggestions in ``(note_id, text)`` notes, one entry per form, in note order."""
    grouped: dict[str, list[Suggestion]] = {}
    notes = list(notes)
    results = engine.pseudonymise_many([text for _note_id, text in notes])
    for (note_id, text), result in zip(notes, results, strict=True):
        for replacement in result.replacements:
            if replacement.decided:
                continue
            suggestion = Suggestion(
                note_id,
                replacement.start,
                replacement.end,
                text[replacement.start : replacement.end],
                replacement.label,
                replacement.source,
                replacement.form,
                replacement.entity,
                replacement.placeholder,
            )
            grouped.setdefault(replacement.form, []).append(suggestion)
    return [PendingForm(form, found[0].label, tuple(found)) for form, found in grouped.items()]


def decide(engine: Pseudonymiser, text: str, verdict: Verdict, label: Label = Label.PERSON) -> None:
    """Accept, reject, always mask ("always") or never mask ("never") a form."""
    engine.mapping.decide(text, verdict, label)


def rename(engine: Pseudonymiser, entity: str, placeholder: str) -> None:
    """Give an entity the facilitator's own placeholder ("une usagère âgée")."""
    engine.mapping.rename(entity, placeholder)
