"""Property: what the analysis shows never holds a participant's name, in any case or accent,
whatever the facilitator decided in the review (a roster name is always masked)."""

from __future__ import annotations

import itertools
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from appsession.anonymise import Label, Verdict
from appsession.anonymise.normalise import fold, units
from appsession.core.clock import FakeClock
from appsession.core.model import Consent, Note, NoteKind
from appsession.services.analysis import AnalysisService
from appsession.services.pseudonyms import PseudonymLayer
from appsession.vault import Vault
from tests.pseudonyms.world import make_vault

SYLLABLES = ["ka", "ri", "mé", "lo", "dju", "zè", "bas", "tien", "rou", "phi", "gna", "oua"]
SYLLABLES += ["thi", "bé", "ran", "dal", "vu", "kou", "ssé", "yo", "ël", "ch", "ïa", "nou"]
FILLERS = [
    "elle a appelé la CAF",
    "on en reparle en janvier",
    "c'est pas simple, dit-elle",
    "le maire a répondu par mail",
    "Mme Lestrade attend toujours",
]
COUNTER = itertools.count()


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


SPELLINGS = [
    lambda g, s: f"{g} {s}",
    lambda g, s: f"{s.upper()} {g}",
    lambda g, s: g,
    lambda g, s: s,
    lambda g, s: g.lower(),
    lambda g, s: s.lower(),
    lambda g, s: strip_accents(g).upper(),
    lambda g, s: strip_accents(s),
    lambda g, s: f"d'{g}",
    lambda g, s: f"Mme {s}",
    lambda g, s: f"{g} {s[0]}.",
]


def part() -> st.SearchStrategy[str]:
    """A made-up name part: two to four syllables, sometimes hyphenated."""
    word = st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=4).map("".join)
    single = word.map(str.capitalize)
    double = st.tuples(word, word).map(lambda pair: "-".join(p.capitalize() for p in pair))
    return st.one_of(single, single, double)


@st.composite
def intervention(draw: st.DrawFn) -> tuple[list[tuple[str, str]], list[str], list[Verdict]]:
    """Two participants, notes naming them in several spellings, decisions on those spellings."""
    people = [(draw(part()), draw(part())) for _ in range(2)]
    folded = [fold(p) for person in people for p in person]
    assume(len(set(folded)) == len(folded))
    notes = []
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        given_name, surname = draw(st.sampled_from(people))
        spelling = draw(st.sampled_from(SPELLINGS))(given_name, surname)
        notes.append(
            f"{draw(st.sampled_from(FILLERS))}, {spelling} : {draw(st.sampled_from(FILLERS))}."
        )
    verdicts = draw(st.lists(st.sampled_from(list(Verdict)), max_size=3))
    return people, notes, verdicts


def leaked(text: str, given_name: str, surname: str) -> list[str]:
    """Units of ``text`` that spell a name or one of its parts (four letters or more)."""
    names = {
        fold(given_name),
        fold(surname),
        *fold(given_name).split("-"),
        *fold(surname).split("-"),
    }
    names = {name for name in names if len(name) >= 4}
    return [u.text for u in units(text) if u.key in names or u.key.replace("-", " ") in names]


@pytest.fixture(scope="module")
def shared_vault() -> Iterator[Vault]:
    """One vault for every example (each example writes its own intervention)."""
    with tempfile.TemporaryDirectory() as folder:
        vault = make_vault(Path(folder) / "vault.db", FakeClock())
        yield vault
        vault.close()


def write(vault: Vault, people: list[tuple[str, str]], notes: list[str]) -> str:
    intervention_id = vault.add_intervention(f"APP {next(COUNTER)}").id
    group = vault.add_group(intervention_id, "Groupe")
    speakers = []
    for number, (given_name, surname) in enumerate(people, start=1):
        person = vault.add_participant(group.id, f"{given_name} {surname}", f"P{number}")
        vault.set_consent(Consent(person.id, note_taking=True, quotable=True, restitution=True))
        speakers.append(person.id)
    session = vault.add_session(group.id, 1, "2026-01-12", "app", "1", "h")
    for index, text in enumerate(notes):
        speaker = speakers[index % 2] if index % 3 else ""
        kind = NoteKind.VERBATIM if speaker else NoteKind.OBSERVATION
        vault.save_note(Note("", session.id, text, speaker_id=speaker, kind=kind))
    return intervention_id


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(intervention())
def test_the_analysis_never_shows_a_roster_name(
    shared_vault: Vault, case: tuple[list[tuple[str, str]], list[str], list[Verdict]]
) -> None:
    people, notes, verdicts = case
    intervention_id = write(shared_vault, people, notes)
    layer = PseudonymLayer(shared_vault, intervention_id)
    for verdict, (given_name, surname) in zip(verdicts, itertools.cycle(people), strict=False):
        layer.decide(surname, verdict, Label.PERSON)
        layer.decide(given_name.lower(), verdict, Label.PERSON)
    layer.save()
    shown = AnalysisService(shared_vault, intervention_id, FakeClock()).notes()
    assert len(shown) == len(notes)
    for note in shown:
        for given_name, surname in people:
            assert leaked(note.text, given_name, surname) == [], (note.note.text, note.text)
