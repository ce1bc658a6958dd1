"""Reading a notes corpus: the shipped dev corpus reads whole; each malformed line is located."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appsession.core.corpus import CorpusError, Roster, parse_notes, parse_roster

DEV_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev"

ROSTER = {
    "intervention": "APP fictive",
    "participants": [
        {"name": "Rose Martin", "pseudonym": "P1"},
        {"name": "Karima Benali", "pseudonym": "P2", "note_taking": False},
    ],
    "known_terms": [{"text": "Montbrugnac", "label": "PLACE"}],
}
GOOD_NOTE = {
    "id": "s01-n001",
    "session": 1,
    "phase": "expose",
    "speaker": "Rose Martin",
    "kind": "verbatim",
    "text": "Je suis allée à Montbrugnac.",
    "spans": [{"start": 16, "end": 27, "label": "PLACE", "text": "Montbrugnac", "in_roster": True}],
}


def roster() -> Roster:
    return parse_roster(json.dumps(ROSTER), "roster.json")


def notes_text(*lines: dict[str, object]) -> str:
    return "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n"


def with_field(**changes: object) -> dict[str, object]:
    """A second note (its own id) with some fields changed."""
    return {**GOOD_NOTE, "id": "s01-n002", **changes}


def test_dev_corpus_reads_whole() -> None:
    parsed_roster = parse_roster((DEV_CORPUS / "roster.json").read_text("utf-8"), "roster.json")
    notes = parse_notes(
        (DEV_CORPUS / "notes.jsonl").read_text("utf-8"), "notes.jsonl", parsed_roster
    )
    assert len(parsed_roster.participants) == 18
    assert len(notes) == 173
    assert sum(len(note.spans) for note in notes) == 389
    assert {note.session for note in notes} == {1, 2, 3, 4, 5, 6}


def test_good_note_reads_with_its_spans_and_line() -> None:
    parsed = parse_roster(json.dumps(ROSTER), "roster.json")
    (note,) = parse_notes("\n" + notes_text(GOOD_NOTE), "notes.jsonl", parsed)
    assert (note.id, note.session, note.phase, note.kind, note.line) == (
        "s01-n001",
        1,
        "expose",
        "verbatim",
        2,
    )
    assert note.spans[0].text == "Montbrugnac"
    assert parsed.participants[1].note_taking is False
    assert parsed.participants[0].note_taking is None


@pytest.mark.parametrize(
    ("bad_line", "expected"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        (json.dumps(with_field(id="")), '"id"'),
        (json.dumps(with_field(session=0)), '"session"'),
        (json.dumps(with_field(session=True)), '"session"'),
        (json.dumps(with_field(session="3")), '"session"'),
        (json.dumps(with_field(phase="debrief")), '"phase" must be one of'),
        (json.dumps(with_field(kind="rumour")), '"kind" must be one of'),
        (json.dumps(with_field(text="   ")), '"text"'),
        (json.dumps(with_field(speaker="Someone Else")), '"speaker"'),
        (json.dumps(with_field(speaker="Karima Benali")), "P2 refused note-taking"),
        (json.dumps(with_field(spans={"start": 1})), '"spans" must be a list'),
        (json.dumps(with_field(spans=[{"start": 0, "end": 99, "label": "PLACE"}])), "span 1"),
        (json.dumps(with_field(spans=[{"start": 0, "end": 2, "label": "CITY"}])), "span 1"),
        (
            json.dumps(with_field(spans=[{"start": 0, "end": 2, "label": "PLACE", "text": "x"}])),
            "span 1",
        ),
    ],
)
def test_malformed_line_is_named_by_file_and_line(bad_line: str, expected: str) -> None:
    text = notes_text(GOOD_NOTE) + bad_line + "\n"
    with pytest.raises(CorpusError) as raised:
        parse_notes(text, "notes.jsonl", roster())
    message = str(raised.value)
    assert message.startswith("notes.jsonl: line 2: ")
    assert expected in message
    assert raised.value.exit_code == 2


def test_error_message_never_repeats_note_text_or_names() -> None:
    bad = with_field(speaker="Jean-Luc Morel", text="secret CANARY-7f3a")
    with pytest.raises(CorpusError) as raised:
        parse_notes(notes_text(bad), "notes.jsonl", roster())
    assert "CANARY" not in str(raised.value)
    assert "Morel" not in str(raised.value)


def test_duplicate_ids_and_count_of_other_problems() -> None:
    text = notes_text(GOOD_NOTE, GOOD_NOTE, with_field(id="x", kind="?"))
    with pytest.raises(CorpusError) as raised:
        parse_notes(text, "notes.jsonl", roster())
    assert str(raised.value).startswith('notes.jsonl: line 2: "id" is used by an earlier line')
    assert "(and 1 more problems)" in str(raised.value)


def test_empty_notes_file_is_refused() -> None:
    with pytest.raises(CorpusError, match="no note"):
        parse_notes("\n\n", "notes.jsonl", roster())


@pytest.mark.parametrize(
    ("roster_text", "expected"),
    [
        ("{", "roster.json, line 1: not valid JSON"),
        ("[]", "expected a JSON object"),
        (json.dumps({"participants": []}), '"participants" must be a non-empty list'),
        (json.dumps({"participants": [{"name": "A"}]}), 'participant 1: "pseudonym"'),
        (json.dumps({"participants": [{"name": "", "pseudonym": "P1"}]}), 'participant 1: "name"'),
        (
            json.dumps({"participants": [{"name": "facilitator", "pseudonym": "P1"}]}),
            "reserved",
        ),
        (
            json.dumps({"participants": [{"name": "A", "pseudonym": "P1", "note_taking": "yes"}]}),
            '"note_taking"',
        ),
        (
            json.dumps(
                {
                    "participants": [
                        {"name": "A", "pseudonym": "P1"},
                        {"name": "B", "pseudonym": "p1"},
                    ]
                }
            ),
            "participant 2: same pseudonym",
        ),
        (
            json.dumps(
                {
                    "participants": [
                        {"name": "A", "pseudonym": "P1"},
                        {"name": "A", "pseudonym": "P2"},
                    ]
                }
            ),
            "participant 2: same name",
        ),
        (
            json.dumps(
                {"participants": [{"name": "A", "pseudonym": "P1"}], "known_terms": [{"text": "x"}]}
            ),
            "known term 1",
        ),
    ],
)
def test_malformed_roster_is_named(roster_text: str, expected: str) -> None:
    with pytest.raises(CorpusError) as raised:
        parse_roster(roster_text, "roster.json")
    assert str(raised.value).startswith("roster.json")
    assert expected in str(raised.value)


@settings(max_examples=300)
@given(st.text())
def test_any_notes_text_gives_notes_or_a_corpus_error(text: str) -> None:
    try:
        notes = parse_notes(text, "notes.jsonl", roster())
    except CorpusError:
        return
    assert notes


@settings(max_examples=300)
@given(st.text())
def test_any_roster_text_gives_a_roster_or_a_corpus_error(text: str) -> None:
    with contextlib.suppress(CorpusError):
        parse_roster(text, "roster.json")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 300) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
NOTE_LIKE = st.fixed_dictionaries(
    {},
    optional={key: JSON_VALUES | st.just(value) for key, value in GOOD_NOTE.items()},
)


@settings(max_examples=500)
@given(st.lists(NOTE_LIKE, max_size=4))
def test_note_like_lines_give_notes_or_a_corpus_error(lines: list[dict[str, object]]) -> None:
    try:
        parse_notes(notes_text(*lines), "notes.jsonl", roster())
    except CorpusError as error:
        message = str(error)
    else:
        message = "notes.jsonl: read"
    assert message.startswith("notes.jsonl: ")
