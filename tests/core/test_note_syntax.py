"""The entry line's inline syntax: speakers, themes, and the leading marks."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from appsession.core.model import NoteKind
from appsession.core.note_syntax import (
    ProblemKind,
    Speaker,
    complete,
    complete_line,
    parse_note,
    speaker_handle,
)

PRESENT = (
    Speaker("id-sophie", "P3", "Sophie Martin"),
    Speaker("id-eloise", "P1", "Éloïse Durand"),
    Speaker("id-marc", "P7", "Marc Petit", may_be_noted=False),
    Speaker("id-sophia", "P10", "Sophia Leroy"),
)
CODEBOOK = ("Charge de travail", "Autorité", "Relation aux familles")


@pytest.mark.parametrize(
    ("line", "speaker"),
    [
        ("@P3 elle n'a rien dit", "id-sophie"),
        ("@p3 elle n'a rien dit", "id-sophie"),
        ("@Sophie elle n'a rien dit", "id-sophie"),
        ("@sophie: elle n'a rien dit", "id-sophie"),
        ("elle n'a rien dit @Martin", "id-sophie"),
        ("@eloise parle de sa collègue", "id-eloise"),
        ("@ÉLOÏSE parle de sa collègue", "id-eloise"),
        ("@P10 autre chose", "id-sophia"),
    ],
)
def test_speaker_is_found_by_pseudonym_or_name(line: str, speaker: str) -> None:
    parsed = parse_note(line, PRESENT, CODEBOOK)
    assert parsed.ok
    assert parsed.speaker_id == speaker
    assert "@" not in parsed.text


def test_no_speaker_means_the_facilitator() -> None:
    parsed = parse_note("ambiance tendue en début de séance", PRESENT)
    assert parsed.speaker_id == ""
    assert parsed.kind is None
    assert parsed.text == "ambiance tendue en début de séance"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("@Zoé a dit ça", ProblemKind.UNKNOWN_SPEAKER),
        ("@Marc a dit ça", ProblemKind.NOT_NOTED),
        ("@P7 a dit ça", ProblemKind.NOT_NOTED),
        ("@P3 @P1 ont dit ça", ProblemKind.TWO_SPEAKERS),
        ("@P3 #autorité", ProblemKind.EMPTY),
        ("   ", ProblemKind.EMPTY),
    ],
)
def test_problems_keep_the_note_from_being_saved(line: str, problem: ProblemKind) -> None:
    parsed = parse_note(line, PRESENT, CODEBOOK)
    assert not parsed.ok
    assert problem in {p.kind for p in parsed.problems}


def test_an_ambiguous_first_name_is_refused() -> None:
    twins = (*PRESENT, Speaker("id-s2", "P4", "Sophie Bernard"))
    parsed = parse_note("@Sophie oui", twins)
    assert [p.kind for p in parsed.problems] == [ProblemKind.AMBIGUOUS_SPEAKER]
    assert parse_note("@Bernard oui", twins).speaker_id == "id-s2"


def test_themes_match_the_codebook_and_new_ones_are_kept() -> None:
    parsed = parse_note("#charge-de-travail trop de dossiers #AUTORITE #burn-out", (), CODEBOOK)
    assert parsed.themes == ("Charge de travail", "Autorité", "burn-out")
    assert parsed.new_themes == ("burn-out",)
    assert parsed.text == "trop de dossiers"


def test_a_theme_given_twice_counts_once() -> None:
    parsed = parse_note("#autorité le chef #Autorité", (), CODEBOOK)
    assert parsed.themes == ("Autorité",)


@pytest.mark.parametrize(
    ("line", "kind", "off_record", "text"),
    [
        ('"Je n\'en peux plus"', NoteKind.VERBATIM, False, "Je n'en peux plus"),
        ("« on m'a lâchée »", NoteKind.VERBATIM, False, "on m'a lâchée"),
        ("“c'est lui”", NoteKind.VERBATIM, False, "c'est lui"),
        ("? qui était présent", NoteKind.QUESTION, False, "qui était présent"),
        ("?qui était présent", NoteKind.QUESTION, False, "qui était présent"),
        ("! elle parle de sa santé", None, True, "elle parle de sa santé"),
        ('! "je vais craquer"', NoteKind.VERBATIM, True, "je vais craquer"),
        ("!? et après", NoteKind.QUESTION, True, "et après"),
        ('@P3 "c\'est trop"', NoteKind.VERBATIM, False, "c'est trop"),
        ("elle dit ! non", None, False, "elle dit ! non"),
        ("et alors ?", None, False, "et alors ?"),
    ],
)
def test_leading_marks(line: str, kind: NoteKind | None, off_record: bool, text: str) -> None:
    parsed = parse_note(line, PRESENT, CODEBOOK)
    assert (parsed.kind, parsed.off_record, parsed.text) == (kind, off_record, text)


def test_markers_inside_words_are_text() -> None:
    parsed = parse_note("écrire à marie@example.org en C#", PRESENT)
    assert parsed.ok
    assert parsed.text == "écrire à marie@example.org en C#"
    assert parsed.themes == ()


def test_punctuation_after_a_marker_stays_in_the_text() -> None:
    parsed = parse_note("il a dit non #autorité, puis il est parti", (), CODEBOOK)
    assert parsed.text == "il a dit non , puis il est parti"
    assert parsed.themes == ("Autorité",)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("@", ["@P1", "@P3", "@P10"]),
        ("@P1", ["@P1", "@P10"]),
        ("@so", ["@Sophie", "@Sophia"]),
        ("bonjour @Él", ["@Éloïse"]),
        ("@Ma", ["@Sophie"]),
        ("@Zz", []),
        ("#aut", ["#Autorité"]),
        ("#", ["#Autorité", "#Charge-de-travail", "#Relation-aux-familles"]),
        ("#rel", ["#Relation-aux-familles"]),
        ("texte ", []),
        ("texte", []),
    ],
)
def test_completion_candidates(line: str, expected: list[str]) -> None:
    assert complete(line, PRESENT, CODEBOOK) == expected


def test_completion_offers_a_unique_first_name() -> None:
    sophie, eloise = PRESENT[0], PRESENT[1]
    assert speaker_handle(eloise, PRESENT) == "Éloïse"
    assert speaker_handle(sophie, PRESENT) == "Sophie"
    twins = (*PRESENT, Speaker("id-s2", "P4", "Sophie Bernard"))
    assert speaker_handle(sophie, twins) == "P3"


def test_complete_line_replaces_the_last_word() -> None:
    assert complete_line("elle dit @So", "@Sophie") == "elle dit @Sophie"
    assert complete_line("#au", "#Autorité") == "#Autorité"
    assert complete_line("?@Él", "@Éloïse") == "?@Éloïse"
    assert complete_line("rien à compléter", "@Éloïse") == "rien à compléter"


def test_a_marker_right_after_a_leading_mark_counts() -> None:
    assert complete("?@Él", PRESENT) == ["@Éloïse"]
    assert complete('"#aut', PRESENT, CODEBOOK) == ["#Autorité"]
    parsed = parse_note("?@P1 et ensuite", PRESENT)
    assert (parsed.kind, parsed.speaker_id, parsed.text) == (
        NoteKind.QUESTION,
        "id-eloise",
        "et ensuite",
    )


def test_every_candidate_parses_back_to_its_person() -> None:
    for candidate in complete("@", PRESENT, CODEBOOK):
        assert parse_note(f"{candidate} oui", PRESENT).ok


@given(st.text(max_size=80))
def test_parsing_never_fails_and_never_invents_speakers(line: str) -> None:
    parsed = parse_note(line, PRESENT, CODEBOOK)
    assert parsed.speaker_id in {"", *(s.id for s in PRESENT if s.may_be_noted)}
    assert parsed.text == parsed.text.strip()
