"""Analysis fixtures: a small demo vault, and a hand-made cast with every kind of consent."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from appsession.core.clock import FakeClock
from appsession.core.model import Consent, Note, NoteKind, Participant, Session
from appsession.demo.build import build_demo
from appsession.demo.plan import DemoSize
from appsession.services.analysis import AnalysisService
from appsession.services.draft import DraftService
from appsession.vault import FLOOR, Vault

PASSPHRASE = "correct horse battery staple"


def new_vault(path: Path, clock: FakeClock) -> Vault:
    """A vault at the floor key-derivation parameters (fast enough for tests)."""
    vault, _recovery = Vault.create(path, PASSPHRASE, clock=clock, kdf=FLOOR)
    return vault


@dataclass
class Demo:
    """A small demo intervention in an open vault."""

    vault: Vault
    path: Path
    intervention_id: str
    clock: FakeClock

    def analysis(self) -> AnalysisService:
        return AnalysisService(self.vault, self.intervention_id, self.clock)


@pytest.fixture
def demo(tmp_path: Path, clock: FakeClock) -> Iterator[Demo]:
    """Two groups, six sessions of thirty notes (themes and consents from the demo cast)."""
    path = tmp_path / "demo.db"
    vault = new_vault(path, clock)
    summary = build_demo(vault, DemoSize(sessions=6, notes_per_session=30, seed=3))
    yield Demo(vault, path, summary.intervention_id, clock)
    vault.close()


@dataclass
class Cast:
    """Two groups; people with each consent; notes of each kind, one off-record."""

    vault: Vault
    intervention_id: str
    clock: FakeClock
    people: dict[str, Participant] = field(default_factory=dict)
    sessions: list[Session] = field(default_factory=list)
    notes: dict[str, Note] = field(default_factory=dict)

    def analysis(self) -> AnalysisService:
        return AnalysisService(self.vault, self.intervention_id, self.clock)

    def draft(self) -> DraftService:
        return DraftService(self.analysis())


CONSENTS = {
    "quotable": Consent("", note_taking=True, quotable=True, restitution=True),
    "unquotable": Consent("", note_taking=True, quotable=False, restitution=True),
    "private": Consent("", note_taking=True, quotable=True, restitution=False),
    "leaving": Consent("", note_taking=True, quotable=True, restitution=True),
    "other": Consent("", note_taking=True, quotable=True, restitution=True),
}
"""Who is who: "leaving" withdraws in some tests; "other" is in the second group."""


def note(cast: Cast, key: str, speaker: str, kind: NoteKind, *, off: bool = False) -> None:
    session = cast.sessions[1 if speaker == "other" else 0]
    saved = cast.vault.save_note(
        Note(
            "",
            session.id,
            f"Ce que {key} a dit sur le guichet et les démarches en ligne.",
            phase_id="hypotheses",
            speaker_id=cast.people[speaker].id if speaker else "",
            kind=kind,
            off_record=off,
        )
    )
    cast.notes[key] = saved


@pytest.fixture
def cast(tmp_path: Path, clock: FakeClock) -> Iterator[Cast]:
    vault = new_vault(tmp_path / "cast.db", clock)
    intervention = vault.add_intervention("Mission test", commissioner="Ville")
    first = vault.add_group(intervention.id, "Groupe A")
    second = vault.add_group(intervention.id, "Groupe B")
    made = Cast(vault, intervention.id, clock)
    for index, (key, consent) in enumerate(CONSENTS.items()):
        group = second if key == "other" else first
        person = vault.add_participant(
            group.id, f"Personne{key.title()} Nom{index}", f"P{index + 1}"
        )
        vault.set_consent(
            Consent(person.id, consent.note_taking, consent.quotable, consent.restitution)
        )
        made.people[key] = person
    made.sessions = [
        vault.add_session(first.id, 1, "2026-01-12", "app", "1", "h"),
        vault.add_session(second.id, 1, "2026-01-13", "app", "1", "h"),
    ]
    for speaker in CONSENTS:
        note(made, f"{speaker}-verbatim", speaker, NoteKind.VERBATIM)
        note(made, f"{speaker}-paraphrase", speaker, NoteKind.PARAPHRASE)
    note(made, "facilitator", "", NoteKind.OBSERVATION)
    note(made, "off-record", "quotable", NoteKind.VERBATIM, off=True)
    yield made
    vault.close()
