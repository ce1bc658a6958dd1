"""Protocols as data: the phases, roles and frame of a practice-analysis method.

A protocol arrives as TOML text (from ``protocols/`` or the user's folder); ``parse_protocol``
checks every key and returns a frozen ``Protocol`` or raises ``ProtocolInvalid`` listing each
problem with its key path, so that a facilitator editing a file can fix it line by line.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from enum import StrEnum

from appsession.core.model import NoteKind
from appsession.core.protocol_schema import Problem, check_protocol


class PresenterStatus(StrEnum):
    """What the presenter may do during a phase."""

    SPEAKS = "speaks"
    ANSWERS = "answers"
    SILENT = "silent"
    ABSENT = "absent"


@dataclass(frozen=True)
class Timebox:
    """Minutes for a phase at the protocol's default length; ``hard`` means stop at zero."""

    default: int
    min: int
    max: int
    hard: bool = False


@dataclass(frozen=True)
class Phase:
    """One step of the method."""

    id: str
    label: dict[str, str]
    purpose: dict[str, str]
    speakers: tuple[str, ...]
    presenter: PresenterStatus
    advice_allowed: bool
    timebox: Timebox
    note_kinds: tuple[NoteKind, ...]
    prompts: dict[str, tuple[str, ...]]
    per_situation: bool
    is_break: bool = False


@dataclass(frozen=True)
class Protocol:
    """A whole method, with the hash of the exact text it was read from."""

    id: str
    version: str
    label: dict[str, str]
    description: dict[str, str]
    sources: tuple[str, ...]
    roles: dict[str, dict[str, str]]
    frame: dict[str, tuple[str, ...]]
    session_minutes: int
    situations_default: int
    situations_min: int
    situations_max: int
    phases: tuple[Phase, ...]
    sha256: str


class ProtocolInvalid(Exception):
    """A protocol text that cannot be used; ``problems`` say where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def parse_protocol(text: str) -> Protocol:
    """Read and check a protocol's TOML text.

    Raises:
        ProtocolInvalid: with one problem per error (syntax errors carry their line).
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ProtocolInvalid([Problem.syntax(str(error))]) from None
    problems = check_protocol(data)
    if problems:
        raise ProtocolInvalid(problems)
    return _build(data, hashlib.sha256(text.encode("utf-8")).hexdigest())


def _build(data: dict[str, object], sha256: str) -> Protocol:
    raw: dict[str, object] = data
    situations = _table(raw["situations"])
    return Protocol(
        id=str(raw["id"]),
        version=str(raw["version"]),
        label=_labels(raw["label"]),
        description=_labels(raw["description"]),
        sources=tuple(str(source) for source in _list(raw.get("sources", []))),
        roles={name: _labels(value) for name, value in _table(raw["roles"]).items()},
        frame={
            lang: tuple(str(rule) for rule in _list(rules))
            for lang, rules in _table(raw["frame"]).items()
        },
        session_minutes=int(str(raw["session_minutes"])),
        situations_default=int(str(situations["default"])),
        situations_min=int(str(situations["min"])),
        situations_max=int(str(situations["max"])),
        phases=tuple(_phase(_table(item)) for item in _list(raw["phases"])),
        sha256=sha256,
    )


def _phase(raw: dict[str, object]) -> Phase:
    box = _table(raw["timebox"])
    return Phase(
        id=str(raw["id"]),
        label=_labels(raw["label"]),
        purpose=_labels(raw["purpose"]),
        speakers=tuple(str(role) for role in _list(raw["speakers"])),
        presenter=PresenterStatus(str(raw["presenter"])),
        advice_allowed=bool(raw["advice_allowed"]),
        timebox=Timebox(
            default=int(str(box["default"])),
            min=int(str(box["min"])),
            max=int(str(box["max"])),
            hard=bool(box.get("hard", False)),
        ),
        note_kinds=tuple(NoteKind(str(kind)) for kind in _list(raw["note_kinds"])),
        prompts={
            lang: tuple(str(p) for p in _list(items))
            for lang, items in _table(raw["prompts"]).items()
        },
        per_situation=bool(raw["per_situation"]),
        is_break=bool(raw.get("break", False)),
    )


def _table(value: object) -> dict[str, object]:
    assert isinstance(value, dict)
    return value


def _list(value: object) -> list[object]:
    assert isinstance(value, list)
    return value


def _labels(value: object) -> dict[str, str]:
    return {lang: str(text) for lang, text in _table(value).items()}
