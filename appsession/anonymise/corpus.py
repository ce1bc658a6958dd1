"""Read a corpus in the shared format (``roster.json`` + ``notes.jsonl``), strictly.

A malformed line is reported with its number and nothing is processed: a half-anonymised
output is worse than none.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from appsession.anonymise.roster import Roster
from appsession.anonymise.spans import Label
from appsession.core.errors import UserError
from appsession.i18n import _

KEEP = "KEEP"
GOLD_LABELS = frozenset(label.value for label in Label) | {KEEP}
BAD_INPUT = 2
"""Exit code for malformed input."""


@dataclass(frozen=True, slots=True)
class GoldSpan:
    """An annotated span: what must be masked (or kept, for KEEP)."""

    start: int
    end: int
    label: str
    in_roster: bool


@dataclass(frozen=True)
class CorpusNote:
    """One note of a corpus, with its gold spans when it has them."""

    id: str
    text: str = field(repr=False)
    spans: tuple[GoldSpan, ...] = ()


def read_roster(path: Path) -> Roster:
    """The roster file, or a one-line error."""
    try:
        data = json.loads(_read(path))
    except json.JSONDecodeError as problem:
        raise _bad(path, problem.lineno, _("not valid JSON")) from None
    wrong = _roster_problem(data)
    if wrong:
        raise UserError(f"{path.name}: {wrong}", BAD_INPUT)
    return Roster.from_dict(data)


def _roster_problem(data: Any) -> str:
    """What is wrong with a roster document, or "" when it is well formed."""
    if not isinstance(data, Mapping):
        return _("expected a JSON object")
    checks = (("participants", ("name", "pseudonym")), ("known_terms", ("text", "label")))
    for section, keys in checks:
        items = data.get(section, [])
        if not isinstance(items, list):
            return _("{section} must be a list").format(section=section)
        for number, item in enumerate(items, start=1):
            if not isinstance(item, Mapping):
                return _("{section} {number}: expected a JSON object").format(
                    section=section, number=number
                )
            for key in keys:
                if not isinstance(item.get(key), str) or not item[key].strip():
                    return _("{section} {number}: missing key {key}").format(
                        section=section, number=number, key=repr(key)
                    )
            if section == "known_terms" and item["label"] not in GOLD_LABELS - {KEEP}:
                return _("{section} {number}: unknown label {label}").format(
                    section=section, number=number, label=repr(item["label"])
                )
    return ""


def read_notes(path: Path, *, with_spans: bool = False) -> list[CorpusNote]:
    """Every note of a ``.jsonl`` file; ``with_spans`` also checks the gold spans."""
    notes: list[CorpusNote] = []
    seen: set[str] = set()
    for number, line in enumerate(_read(path).splitlines(), start=1):
        if not line.strip():
            continue
        note = _note(path, number, line, with_spans)
        if note.id in seen:
            raise _bad(path, number, _("duplicate id {id}").format(id=note.id))
        seen.add(note.id)
        notes.append(note)
    return notes


def _note(path: Path, number: int, line: str, with_spans: bool) -> CorpusNote:
    try:
        data = json.loads(line)
    except json.JSONDecodeError:
        raise _bad(path, number, _("not valid JSON")) from None
    if not isinstance(data, dict):
        raise _bad(path, number, _("expected a JSON object"))
    for key in ("id", "text"):
        if key not in data:
            raise _bad(path, number, _("missing key {key}").format(key=repr(key)))
    if not isinstance(data["text"], str) or not isinstance(data["id"], str | int):
        raise _bad(path, number, _("'id' and 'text' must be a string"))
    spans = _spans(path, number, data, data["text"]) if with_spans else ()
    return CorpusNote(str(data["id"]), data["text"], spans)


def _spans(path: Path, number: int, data: dict[str, Any], text: str) -> tuple[GoldSpan, ...]:
    raw = data.get("spans")
    if not isinstance(raw, list):
        raise _bad(path, number, _("missing key {key}").format(key=repr("spans")))
    spans = []
    for span in raw:
        try:
            gold = GoldSpan(
                int(span["start"]),
                int(span["end"]),
                str(span["label"]),
                bool(span.get("in_roster", False)),
            )
        except (KeyError, TypeError, ValueError):
            raise _bad(path, number, _("malformed span {span}").format(span=span)) from None
        if gold.label not in GOLD_LABELS or not 0 <= gold.start < gold.end <= len(text):
            raise _bad(path, number, _("malformed span {span}").format(span=span))
        spans.append(gold)
    return tuple(spans)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(_("{path}: no such file").format(path=path), BAD_INPUT) from None
    except (OSError, UnicodeDecodeError) as problem:
        message = _("{path}: cannot read ({problem})").format(path=path, problem=problem)
        raise UserError(message, BAD_INPUT) from None


def _bad(path: Path, number: int, problem: str) -> UserError:
    message = _("{path}, line {number}: {problem}").format(
        path=path.name, number=number, problem=problem
    )
    return UserError(message, BAD_INPUT)
