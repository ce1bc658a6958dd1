"""One answer per character: when detectors disagree, who wins.

Containers (e-mails, phones, IDs, addresses, a structure with its town) win over the names
they contain, and the longer of a container and a roster or known name wins when they cross;
roster and known names win over suggestions; a suggestion that overlaps a kept term is
dropped; and a span that overlaps a stronger one keeps what is left of it, so that "Sylvie
Rose" never loses "Sylvie" because "Rose" is a participant, nor "2847193" its digits because
"12 rue des Tilleuls" follows.
"""

from __future__ import annotations

from collections.abc import Iterable

from appsession.anonymise.normalise import fold_phrase
from appsession.anonymise.spans import Detection, Label, Source, Tier

_LABEL_RANK = {
    Label.EMAIL: 8,
    Label.PHONE: 7,
    Label.ADDRESS: 6,
    Label.ID: 5,
    Label.DATE: 4,
    Label.ORG: 3,
    Label.PLACE: 2,
    Label.PERSON: 1,
}


_SOURCE_RANK = {
    Source.ROSTER: 0,
    Source.KNOWN: 0,
    Source.PATTERN: 1,
    Source.RULE: 2,
    Source.LEARNED: 3,
    Source.LEXICON: 4,
    Source.MODEL: 5,
}


def resolve(
    text: str,
    candidates: Iterable[Detection],
    kept: Iterable[tuple[int, int]],
    never: Iterable[tuple[int, int]] = (),
) -> list[Detection]:
    """Non-overlapping detections in text order."""
    kept, never = list(kept), list(never)
    allowed = [d for d in candidates if _allowed(d, kept, never)]
    allowed.sort(key=_strength)
    chosen: list[Detection] = []
    for detection in allowed:
        chosen += _leftovers(text, detection, chosen)
    return sorted(chosen, key=lambda d: d.start)


def _strength(detection: Detection) -> tuple[int, int, int, int, int]:
    """Containers and anchors by length (an anchor first on a tie), then suggestions by
    length, a rule before a learned form before a bare capital or the model."""
    strong = detection.tier is not Tier.SUGGESTION
    return (
        0 if strong else 1,
        -(detection.end - detection.start),
        _SOURCE_RANK[detection.source],
        -_LABEL_RANK[detection.label],
        detection.start,
    )


def _allowed(
    detection: Detection, kept: list[tuple[int, int]], never: list[tuple[int, int]]
) -> bool:
    """Kept terms stop suggestions; the facilitator's "never" stops all but the roster."""
    if detection.tier is not Tier.ANCHOR and _touches(detection, never):
        return False
    return detection.tier is not Tier.SUGGESTION or not _touches(detection, kept)


def _touches(detection: Detection, spans: list[tuple[int, int]]) -> bool:
    return any(detection.overlaps(start, end) for start, end in spans)


def _leftovers(text: str, detection: Detection, chosen: list[Detection]) -> list[Detection]:
    """The parts of a detection not already taken, trimmed of spaces and punctuation."""
    pieces = [(detection.start, detection.end)]
    for taken in chosen:
        pieces = [part for start, end in pieces for part in _minus(start, end, taken)]
    if pieces == [(detection.start, detection.end)]:
        return [detection]
    wanted = str.isalpha if detection.tier is Tier.SUGGESTION else str.isalnum
    found = []
    for start, end in pieces:
        while start < end and not text[start].isalnum():
            start += 1
        while end > start and not text[end - 1].isalnum() and text[end - 1] != ".":
            end -= 1
        if end - start >= 2 and any(wanted(char) for char in text[start:end]):
            found.append(_cut(detection, start, end, text))
    return found


def _minus(start: int, end: int, taken: Detection) -> list[tuple[int, int]]:
    if not taken.overlaps(start, end):
        return [(start, end)]
    return [(s, e) for s, e in ((start, taken.start), (taken.end, end)) if s < e]


def _cut(detection: Detection, start: int, end: int, text: str) -> Detection:
    if (start, end) == (detection.start, detection.end):
        return detection
    form = fold_phrase(text[start:end])
    entity = detection.entity if detection.tier is Tier.ANCHOR else ""
    return Detection(start, end, detection.label, detection.source, entity, detection.tier, form)
