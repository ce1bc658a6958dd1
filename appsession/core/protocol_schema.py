"""The checks behind ``appsession protocols check``: every key, type and rule of a protocol.

Each problem names its key path (``phases[2].timebox.min``) and what was expected, so that the
CLI can print one line per problem.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from appsession.i18n import _

LANGS = ("fr", "en")
ROLES = ("presenter", "members", "facilitator", "observer")
REQUIRED_ROLES = ("presenter", "members", "facilitator")
PRESENTER_STATUSES = ("speaks", "answers", "silent", "absent")
NOTE_KINDS = (
    "observation",
    "paraphrase",
    "verbatim",
    "question",
    "hypothesis",
    "resonance",
    "action",
)
SCHEMA_VERSION = 1
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a protocol file."""

    path: str
    message: str

    @classmethod
    def syntax(cls, decoder_message: str) -> Problem:
        """A TOML syntax error, located by line when the decoder says where."""
        found = re.search(r"\(at line (\d+), column (\d+)\)", decoder_message)
        reason = re.sub(r"\s*\(at line.*\)$", "", decoder_message)
        where = _("line {line}").format(line=found.group(1)) if found else _("file")
        return cls(where, _("invalid TOML: {reason}").format(reason=reason))


Check = Callable[[object, str, list[Problem]], None]


def check_protocol(data: dict[str, object]) -> list[Problem]:
    """All problems of a parsed protocol table (empty when it is usable)."""
    problems: list[Problem] = []
    _check_table(data, "", TOP_LEVEL, problems)
    if not problems:
        _check_rules(data, problems)
    return problems


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _check_table(
    value: object, path: str, spec: Mapping[str, tuple[bool, Check]], problems: list[Problem]
) -> None:
    if not isinstance(value, dict):
        problems.append(Problem(path or _("file"), _("expected a table")))
        return
    for key, (required, check) in spec.items():
        if key in value:
            check(value[key], _join(path, key), problems)
        elif required:
            problems.append(Problem(_join(path, key), _("missing key")))
    for key in value:
        if key not in spec:
            problems.append(Problem(_join(path, key), _("unknown key")))


def _string(value: object, path: str, problems: list[Problem]) -> None:
    if not isinstance(value, str) or not value.strip():
        problems.append(Problem(path, _("expected a non-empty string")))


def _identifier(value: object, path: str, problems: list[Problem]) -> None:
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        problems.append(Problem(path, _("expected an id of lowercase letters, digits and dashes")))


def _boolean(value: object, path: str, problems: list[Problem]) -> None:
    if not isinstance(value, bool):
        problems.append(Problem(path, _("expected true or false")))


def _minutes(value: object, path: str, problems: list[Problem]) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 600:
        problems.append(Problem(path, _("expected a whole number of minutes from 0 to 600")))


def _positive(value: object, path: str, problems: list[Problem]) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 20:
        problems.append(Problem(path, _("expected a whole number from 1 to 20")))


def _schema(value: object, path: str, problems: list[Problem]) -> None:
    if value != SCHEMA_VERSION:
        problems.append(Problem(path, _("expected {version}").format(version=SCHEMA_VERSION)))


def _labels(value: object, path: str, problems: list[Problem]) -> None:
    _check_table(value, path, {lang: (True, _string) for lang in LANGS}, problems)


def _string_list(value: object, path: str, problems: list[Problem]) -> None:
    if not isinstance(value, list) or not value:
        problems.append(Problem(path, _("expected a non-empty list of strings")))
        return
    for index, item in enumerate(value):
        _string(item, f"{path}[{index}]", problems)


def _lang_lists(value: object, path: str, problems: list[Problem]) -> None:
    _check_table(value, path, {lang: (True, _string_list) for lang in LANGS}, problems)


def _choice(choices: tuple[str, ...]) -> Check:
    def check(value: object, path: str, problems: list[Problem]) -> None:
        if value not in choices:
            problems.append(
                Problem(path, _("expected one of: {choices}").format(choices=", ".join(choices)))
            )

    return check


def _choices(choices: tuple[str, ...]) -> Check:
    one = _choice(choices)

    def check(value: object, path: str, problems: list[Problem]) -> None:
        if not isinstance(value, list) or not value:
            problems.append(Problem(path, _("expected a non-empty list")))
            return
        for index, item in enumerate(value):
            one(item, f"{path}[{index}]", problems)

    return check


def _roles(value: object, path: str, problems: list[Problem]) -> None:
    spec = {role: (role in REQUIRED_ROLES, _labels) for role in ROLES}
    _check_table(value, path, spec, problems)


def _situations(value: object, path: str, problems: list[Problem]) -> None:
    spec = {key: (True, _positive) for key in ("default", "min", "max")}
    _check_table(value, path, spec, problems)


def _timebox(value: object, path: str, problems: list[Problem]) -> None:
    spec: dict[str, tuple[bool, Check]] = {
        key: (True, _minutes) for key in ("default", "min", "max")
    }
    spec["hard"] = (False, _boolean)
    _check_table(value, path, spec, problems)


PHASE: dict[str, tuple[bool, Check]] = {
    "id": (True, _identifier),
    "label": (True, _labels),
    "purpose": (True, _labels),
    "speakers": (True, _choices(ROLES)),
    "presenter": (True, _choice(PRESENTER_STATUSES)),
    "advice_allowed": (True, _boolean),
    "timebox": (True, _timebox),
    "note_kinds": (True, _choices(NOTE_KINDS)),
    "prompts": (True, _lang_lists),
    "per_situation": (True, _boolean),
    "break": (False, _boolean),
}


def _phases(value: object, path: str, problems: list[Problem]) -> None:
    if not isinstance(value, list) or not value:
        problems.append(Problem(path, _("expected at least one [[phases]] table")))
        return
    for index, phase in enumerate(value):
        _check_table(phase, f"{path}[{index}]", PHASE, problems)


TOP_LEVEL: dict[str, tuple[bool, Check]] = {
    "schema": (True, _schema),
    "id": (True, _identifier),
    "version": (True, _string),
    "label": (True, _labels),
    "description": (True, _labels),
    "sources": (False, _string_list),
    "roles": (True, _roles),
    "frame": (True, _lang_lists),
    "session_minutes": (True, _minutes),
    "situations": (True, _situations),
    "phases": (True, _phases),
}


def _check_rules(data: dict[str, object], problems: list[Problem]) -> None:
    """Rules across keys, checked once every key has the right type."""
    _check_range(data["situations"], "situations", problems)
    phases = data["phases"]
    assert isinstance(phases, list)
    seen: dict[str, int] = {}
    for index, phase in enumerate(phases):
        path = f"phases[{index}]"
        if phase["id"] in seen:
            problems.append(
                Problem(
                    f"{path}.id",
                    _("duplicate phase id (also phases[{other}])").format(other=seen[phase["id"]]),
                )
            )
        seen.setdefault(phase["id"], index)
        _check_range(phase["timebox"], f"{path}.timebox", problems)
        _check_speakers(phase, path, data["roles"], problems)
    flags = [bool(phase["per_situation"]) for phase in phases]
    if True in flags:
        first = flags.index(True)
        last = len(flags) - 1 - flags[::-1].index(True)
        if not all(flags[first : last + 1]):
            problems.append(
                Problem("phases", _("phases with per_situation = true must follow each other"))
            )


def _check_range(box: object, path: str, problems: list[Problem]) -> None:
    assert isinstance(box, dict)
    low, default, high = box["min"], box["default"], box["max"]
    if low > high:
        problems.append(
            Problem(
                f"{path}.min", _("expected min ≤ max ({low} > {high})").format(low=low, high=high)
            )
        )
    elif not low <= default <= high:
        problems.append(Problem(f"{path}.default", _("expected a default between min and max")))


def _check_speakers(
    phase: dict[str, object], path: str, roles: object, problems: list[Problem]
) -> None:
    """Speakers must be roles the protocol names; a silent or absent presenter cannot speak."""
    assert isinstance(roles, dict)
    speakers = phase["speakers"]
    assert isinstance(speakers, list)
    for index, speaker in enumerate(speakers):
        if speaker not in roles:
            problems.append(
                Problem(f"{path}.speakers[{index}]", _("expected a role named in [roles]"))
            )
    if phase["presenter"] in ("silent", "absent") and "presenter" in speakers:
        problems.append(
            Problem(
                f"{path}.presenter",
                _("expected speaks or answers, since the presenter is among the speakers"),
            )
        )
