"""The gate before any export: a residual scan of the final text.

The export calls ``residual_scan`` on each item's final text. Any roster name or variant,
known term, pattern hit (e-mail, phone, ID, date, address) or suggestion still present blocks
the export; each hit says where it is and why, so the facilitator can fix the item. Placeholders
and pseudonyms are not hits. The model is loaded (synchronously) before scanning, so the scan
is as thorough as the pseudonymisation itself: call it off the UI thread.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from appsession.anonymise.engine import Pseudonymiser
from appsession.anonymise.mapping import Verdict
from appsession.anonymise.spans import Detection, Label, Source


class Reason(StrEnum):
    """Why a hit blocks the export."""

    ROSTER = "roster"
    """A participant's name or a variant of it."""
    KNOWN_TERM = "known-term"
    PATTERN = "pattern"
    ACCEPTED = "accepted"
    """A form the facilitator already accepted as identifying."""
    SUGGESTION = "suggestion"
    """A likely name nobody has decided about yet."""


@dataclass(frozen=True, slots=True)
class Hit:
    """One residual identifier in a text to export."""

    start: int
    end: int
    text: str = field(repr=False)
    label: Label
    reason: Reason
    item: str = ""
    """The export item it was found in (``scan_items``)."""


@dataclass
class GateContext:
    """What the gate knows: the intervention's pseudonymiser (roster, mapping, model)."""

    pseudonymiser: Pseudonymiser
    wait_for_model: bool = True
    """Load the model before scanning (the default; a gate without it misses more)."""


def residual_scan(text: str, context: GateContext) -> list[Hit]:
    """Every identifier left in ``text``; an empty list means the text may leave."""
    engine = context.pseudonymiser
    if context.wait_for_model and engine.model is not None:
        engine.model.load()
    blanked = blank(text, engine.placeholder_texts())
    return [_hit(text, detection, engine) for detection in engine.detect(blanked)]


def scan_items(items: Iterable[tuple[str, str]], context: GateContext) -> list[Hit]:
    """``residual_scan`` over ``(item_id, text)`` pairs, each hit carrying its item id."""
    hits: list[Hit] = []
    for item, text in items:
        hits += [
            Hit(hit.start, hit.end, hit.text, hit.label, hit.reason, item)
            for hit in residual_scan(text, context)
        ]
    return hits


def blank(text: str, placeholders: Iterable[str]) -> str:
    """``text`` with every placeholder and pseudonym replaced by underscores (same length)."""
    for placeholder in sorted(set(placeholders), key=len, reverse=True):
        if not placeholder:
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(placeholder)}(?!\w)")
        text = pattern.sub(lambda match: "_" * len(match.group()), text)
    return text


def _hit(text: str, detection: Detection, engine: Pseudonymiser) -> Hit:
    return Hit(
        detection.start,
        detection.end,
        text[detection.start : detection.end],
        detection.label,
        _reason(detection, engine),
    )


def _reason(detection: Detection, engine: Pseudonymiser) -> Reason:
    if detection.source is Source.ROSTER:
        return Reason.ROSTER
    if detection.source is Source.KNOWN:
        return Reason.KNOWN_TERM
    if detection.source is Source.PATTERN:
        return Reason.PATTERN
    if engine.mapping.verdict(detection.form) in (Verdict.ACCEPT, Verdict.ALWAYS):
        return Reason.ACCEPTED
    return Reason.SUGGESTION
