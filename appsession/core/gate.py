"""The commissioners' export gate: the list of reasons not to let a document leave.

The gate is the last check before anything reaches the commissioners. It rechecks every item
it is given (never trusting the selection it receives), runs the anonymisation residual scan on
every text that would appear in the document, and requires each re-identification warning to be
resolved or accepted explicitly by the facilitator on the item's current wording. An empty list
means the export may go ahead; messages name items by their number, never by their text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from appsession.core.model import ItemKind
from appsession.core.validation import (
    APPROVING,
    ItemStatus,
    WarningAcceptance,
    WarningNote,
    approved_at_current_text,
)
from appsession.i18n import _


class ResidualHit(Protocol):
    """What the anonymisation residual scan reports for one hit (its kind, never the text)."""

    @property
    def label(self) -> str:
        """The kind of identifier found (PERSON, PLACE, PHONE…)."""
        ...


ResidualScan = Callable[[str], Sequence[ResidualHit]]
"""Scan one final text for anything identifying that is left (anonymisation's residual scan)."""


@dataclass(frozen=True)
class NameHit:
    """A hit of ``name_scan``: what kind of identifier, never the text."""

    label: str


WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower case without accents, so that "Zoé", "ZOE" and "zoe" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def name_scan(names: Iterable[str], terms: Iterable[str] = ()) -> ResidualScan:
    """A residual scan from the roster alone: full names and known terms in any case, accent
    or punctuation, first names and surnames when written as proper nouns (so that "Petit" the
    surname is found but "un petit groupe" is not).

    The anonymisation engine's own scan goes further (variants, initials, patterns); this one is
    what the gate falls back on so that it never runs without any scan at all.
    """
    phrases: dict[tuple[str, ...], str] = {}
    for label, texts in (("PERSON", names), ("TERM", terms)):
        for text in texts:
            words = tuple(fold(w) for w in WORD.findall(text))
            if words:
                phrases.setdefault(words, label)
    parts = {fold(p) for n in names for p in WORD.findall(n) if len(p) >= 3}
    longest = max((len(p) for p in phrases), default=0)

    def scan(text: str) -> Sequence[ResidualHit]:
        words = WORD.findall(text)
        folded = [fold(w) for w in words]
        hits: list[ResidualHit] = []
        index = 0
        while index < len(words):
            size = next(
                (n for n in range(longest, 0, -1) if tuple(folded[index : index + n]) in phrases), 0
            )
            if size:
                hits.append(NameHit(phrases[tuple(folded[index : index + size])]))
                index += size
                continue
            if words[index][0].isupper() and folded[index] in parts:
                hits.append(NameHit("PERSON"))
            index += 1
        return hits

    return scan


class ReasonKind(StrEnum):
    """The kinds of refusal, so that callers and tests can tell them apart."""

    NOTHING_APPROVED = "nothing-approved"
    NOT_APPROVED = "not-approved"
    FORBIDDEN_EVIDENCE = "forbidden-evidence"
    RESIDUAL = "residual"
    WARNING = "warning"


@dataclass(frozen=True)
class GateReason:
    """One reason to refuse, with the item's number when it concerns one item."""

    kind: ReasonKind
    message: str
    item_number: int = 0
    code: str = field(default="")


@dataclass(frozen=True)
class GateResult:
    """The gate's answer: reasons to refuse, and the warning acceptances it relied on."""

    reasons: tuple[GateReason, ...]
    accepted: tuple[tuple[int, WarningAcceptance], ...] = ()

    @property
    def passed(self) -> bool:
        """True when nothing stands in the way."""
        return not self.reasons


def why_not_approved(status: ItemStatus) -> str:
    """A short explanation of what is missing for an item to go out."""
    number = status.number
    if any(standing.edited_since for standing in status.standings):
        return _("item {number} was edited after its approval").format(number=number)
    if any(standing.void_by_withdrawal for standing in status.standings):
        return _("item {number} cited a participant who withdrew: approve it again").format(
            number=number
        )
    if not any(standing.state in APPROVING for standing in status.standings):
        return _("item {number} is not approved ({state})").format(
            number=number, state=status.state.value
        )
    missing = sum(1 for s in status.standings if s.state not in APPROVING)
    return _("item {number} still needs the approval of {count} group(s)").format(
        number=number, count=max(missing, 1)
    )


def approval_reasons(included: Sequence[ItemStatus]) -> list[GateReason]:
    """Every included item must be approved by all its groups at its current wording."""
    if not included:
        return [GateReason(ReasonKind.NOTHING_APPROVED, _("no item is approved for export yet"))]
    return [
        GateReason(ReasonKind.NOT_APPROVED, why_not_approved(status), status.number)
        for status in included
        if not approved_at_current_text(status)
    ]


def evidence_reasons(included: Sequence[ItemStatus]) -> list[GateReason]:
    """Nothing may rest on an off-the-record note or quote someone who did not agree to it."""
    reasons = []
    for status in included:
        if status.evidence.off_record:
            message = _("item {number} rests on a note taken off the record").format(
                number=status.number
            )
            reasons.append(GateReason(ReasonKind.FORBIDDEN_EVIDENCE, message, status.number))
        if status.evidence.unquotable and status.item.kind is ItemKind.VERBATIM:
            message = _("item {number} quotes someone who did not agree to be quoted").format(
                number=status.number
            )
            reasons.append(GateReason(ReasonKind.FORBIDDEN_EVIDENCE, message, status.number))
    return reasons


def describe_hits(hits: Sequence[ResidualHit]) -> str:
    """ "2 PERSON, 1 PLACE": how many hits of each kind, never what was found."""
    counted = Counter(hit.label for hit in hits)
    return ", ".join(f"{count} {label}" for label, count in sorted(counted.items()))


def residual_reasons(
    included: Sequence[ItemStatus], other_texts: Mapping[str, str], scan: ResidualScan
) -> list[GateReason]:
    """The residual scan must find nothing in the items nor in any other text shown."""
    reasons = []
    for status in included:
        hits = scan(status.item.text)
        if hits:
            message = _("item {number}: the anonymisation scan found {hits}").format(
                number=status.number, hits=describe_hits(hits)
            )
            reasons.append(GateReason(ReasonKind.RESIDUAL, message, status.number))
    for place, text in other_texts.items():
        hits = scan(text)
        if hits:
            message = _("{place}: the anonymisation scan found {hits}").format(
                place=place, hits=describe_hits(hits)
            )
            reasons.append(GateReason(ReasonKind.RESIDUAL, message))
    return reasons


def find_acceptance(
    status: ItemStatus, warning: WarningNote, acceptances: Sequence[WarningAcceptance]
) -> WarningAcceptance | None:
    """The facilitator's acceptance of this warning on this exact wording, if any."""
    for acceptance in acceptances:
        if (
            acceptance.item_id == status.item.id
            and acceptance.code == warning.code
            and acceptance.text_hash == status.text_hash
        ):
            return acceptance
    return None


def warning_reasons(
    included: Sequence[ItemStatus],
    warnings: Mapping[str, Sequence[WarningNote]],
    acceptances: Sequence[WarningAcceptance],
) -> tuple[list[GateReason], list[tuple[int, WarningAcceptance]]]:
    """Each re-identification warning on an included item is refused unless accepted."""
    reasons: list[GateReason] = []
    accepted: list[tuple[int, WarningAcceptance]] = []
    for status in included:
        for warning in warnings.get(status.item.id, ()):
            acceptance = find_acceptance(status, warning, acceptances)
            if acceptance is not None:
                accepted.append((status.number, acceptance))
                continue
            message = _("item {number}: re-identification warning not resolved ({warning})").format(
                number=status.number, warning=warning.label or warning.code
            )
            reasons.append(GateReason(ReasonKind.WARNING, message, status.number, warning.code))
    return reasons, accepted


def commissioners_gate(
    included: Sequence[ItemStatus],
    *,
    scan: ResidualScan,
    warnings: Mapping[str, Sequence[WarningNote]],
    acceptances: Sequence[WarningAcceptance] = (),
    other_texts: Mapping[str, str] | None = None,
) -> GateResult:
    """Check everything the commissioners' document would hold; refuse with every reason.

    Args:
        included: the items the document would contain, with their decisions.
        scan: the anonymisation residual scan.
        warnings: unresolved re-identification warnings, by item id.
        acceptances: the facilitator's explicit acceptances of warnings.
        other_texts: every other text the document shows (section titles, group names, theme
            names, title page), by a label naming where it appears.
    """
    reasons = approval_reasons(included)
    reasons += evidence_reasons(included)
    reasons += residual_reasons(included, other_texts or {}, scan)
    warned, accepted = warning_reasons(included, warnings, acceptances)
    reasons += warned
    return GateResult(tuple(reasons), tuple(accepted))
