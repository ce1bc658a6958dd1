"""Every kind of malformed protocol gives a problem naming the key path and what was expected."""

from __future__ import annotations

import pytest

from appsession.core.protocol import ProtocolInvalid, parse_protocol
from tests.protocols.sample import SAMPLE


def problems_of(text: str) -> list[tuple[str, str]]:
    with pytest.raises(ProtocolInvalid) as caught:
        parse_protocol(text)
    return [(problem.path, problem.message) for problem in caught.value.problems]


def test_sample_is_valid() -> None:
    protocol = parse_protocol(SAMPLE)
    assert protocol.id == "sample"
    assert [phase.id for phase in protocol.phases] == [
        "opening",
        "expose",
        "questions",
        "pause",
        "hypotheses",
        "closing",
    ]
    assert protocol.phases[2].timebox.hard is True
    assert protocol.phases[3].is_break is True
    assert len(protocol.sha256) == 64


def test_syntax_error_names_the_line() -> None:
    broken = SAMPLE.replace('version = "1.0"', 'version = "1.0')
    [(path, message)] = problems_of(broken)
    assert path == "line 4"
    assert message.startswith("invalid TOML")


@pytest.mark.parametrize(
    ("old", "new", "path", "expected"),
    [
        ('version = "1.0"\n', "", "version", "missing key"),
        ('version = "1.0"\n', 'version = "1.0"\ncolour = "blue"\n', "colour", "unknown key"),
        ("session_minutes = 120", 'session_minutes = "long"', "session_minutes", "whole number"),
        ('id = "sample"', 'id = "Sample Protocol"', "id", "lowercase"),
        (
            "timebox = { default = 30, min = 15, max = 40, hard = true }",
            "timebox = { default = 30, min = 45, max = 40, hard = true }",
            "phases[2].timebox.min",
            "min ≤ max",
        ),
        (
            "timebox = { default = 30, min = 15, max = 40, hard = true }",
            "timebox = { default = 30, min = 15, max = 40, hard = 1 }",
            "phases[2].timebox.hard",
            "true or false",
        ),
        ('presenter = "silent"', 'presenter = "mute"', "phases[4].presenter", "one of: speaks"),
        (
            'label = { fr = "Hypothèses", en = "Hypotheses" }',
            'label = { fr = "Hypothèses" }',
            "phases[4].label.en",
            "missing key",
        ),
        ('id = "closing"', 'id = "opening"', "phases[5].id", "duplicate phase id"),
        (
            'note_kinds = ["question"]',
            'note_kinds = ["gossip"]',
            "phases[2].note_kinds[0]",
            "one of",
        ),
        ('speakers = ["presenter"]', 'speakers = ["audience"]', "phases[1].speakers[0]", "one of"),
        ('fr = ["Confidentialité"]', "fr = []", "frame.fr", "non-empty list"),
        (
            "situations = { default = 1, min = 1, max = 2 }",
            "situations = { default = 3, min = 1, max = 2 }",
            "situations.default",
            "between min and max",
        ),
        ("schema = 1", "schema = 7", "schema", "expected 1"),
    ],
)
def test_each_error_names_path_and_expectation(
    old: str, new: str, path: str, expected: str
) -> None:
    assert old in SAMPLE
    found = problems_of(SAMPLE.replace(old, new, 1))
    assert any(p == path and expected in m for p, m in found), found


def test_per_situation_phases_must_be_contiguous() -> None:
    text = SAMPLE.replace('id = "pause"', 'id = "pause"').replace(
        "per_situation = true\nbreak = true", "per_situation = false\nbreak = true"
    )
    found = problems_of(text)
    assert ("phases", "phases with per_situation = true must follow each other") in found


def test_wrong_types_everywhere_are_all_reported() -> None:
    text = SAMPLE.replace('version = "1.0"', "version = 1").replace(
        "advice_allowed = false", 'advice_allowed = "no"', 1
    )
    paths = [path for path, _message in problems_of(text)]
    assert "version" in paths
    assert "phases[0].advice_allowed" in paths


def test_speakers_must_be_named_roles() -> None:
    text = SAMPLE.replace(
        'speakers = ["members"]\npresenter = "silent"',
        'speakers = ["observer"]\npresenter = "silent"',
    )
    assert ("phases[4].speakers[0]", "expected a role named in [roles]") in problems_of(text)


def test_silent_presenter_cannot_be_a_speaker() -> None:
    text = SAMPLE.replace(
        'speakers = ["members"]\npresenter = "silent"',
        'speakers = ["members", "presenter"]\npresenter = "silent"',
    )
    found = problems_of(text)
    assert any(path == "phases[4].presenter" and "speaks or answers" in msg for path, msg in found)
