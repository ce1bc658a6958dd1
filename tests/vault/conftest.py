"""Vault fixtures: floor KDF parameters, a populated vault with canaries, file helpers."""

from __future__ import annotations

import base64
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from appsession.core.clock import FakeClock
from appsession.core.model import Consent, Group, Note, NoteKind, Participant, Session
from appsession.vault import FLOOR, Vault

PASSPHRASE = "correct horse battery staple"
CANARIES = ("CANARY-7f3a", "Zoë-Ångström-Δ", "CANARY-names-91c2", "CANARY-theme-5d0e")


@dataclass
class Populated:
    """A vault with an intervention, a group, three participants, two sessions and notes."""

    vault: Vault
    path: Path
    group: Group
    people: list[Participant]
    sessions: list[Session]
    notes: list[Note] = field(default_factory=list)

    def notes_of(self, participant: Participant, session: Session | None = None) -> list[Note]:
        """The notes this participant spoke (in one session, or all)."""
        return [
            n
            for n in self.notes
            if n.speaker_id == participant.id and (session is None or n.session_id == session.id)
        ]


def make_vault(path: Path, clock: FakeClock, **kwargs: object) -> Vault:
    """A new vault at the floor KDF parameters (fast enough for unit tests)."""
    vault, _recovery = Vault.create(path, PASSPHRASE, clock=clock, kdf=FLOOR, **kwargs)  # type: ignore[arg-type]
    return vault


def populate(vault: Vault, path: Path, notes_per_person: int = 5) -> Populated:
    """Canaries in names, session dates, themes and note text."""
    intervention = vault.add_intervention(f"Mission {CANARIES[0]}", commissioner="Ville")
    group = vault.add_group(intervention.id, "Groupe du mardi")
    people = [
        vault.add_participant(group.id, f"{CANARIES[1]} {k}", f"P{k}", role=CANARIES[2])
        for k in range(3)
    ]
    for person in people:
        vault.set_consent(Consent(person.id, note_taking=True, given_on="2026-01-05"))
    sessions = [
        vault.add_session(group.id, k + 1, f"2026-0{k + 1}-12", "app", "1", "h") for k in range(2)
    ]
    populated = Populated(vault, path, group, people, sessions)
    for session in sessions:
        for index in range(notes_per_person):
            for person in [*people, None]:
                text = f"{CANARIES[0]} note {index} {person.pseudonym if person else 'fac'}"
                note = Note(
                    "",
                    session.id,
                    text,
                    speaker_id=person.id if person else "",
                    kind=NoteKind.OBSERVATION,
                    themes=(CANARIES[3],),
                )
                populated.notes.append(vault.save_note(note))
    return populated


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    """Where the test vault lives (its folder holds nothing else)."""
    return tmp_path / "vault" / "vault.db"


@pytest.fixture
def vault(vault_path: Path, clock: FakeClock) -> Iterator[Vault]:
    """An empty open vault."""
    opened = make_vault(vault_path, clock)
    yield opened
    opened.close()


@pytest.fixture
def populated(vault_path: Path, clock: FakeClock) -> Iterator[Populated]:
    """A vault with people, sessions and canary notes."""
    opened = make_vault(vault_path, clock)
    yield populate(opened, vault_path)
    opened.close()


def encodings(text: str) -> list[bytes]:
    """A canary as it could appear in a file: UTF-8, UTF-16LE/BE and base64 (3 alignments)."""
    raw = text.encode("utf-8")
    forms = [raw, text.encode("utf-16-le"), text.encode("utf-16-be")]
    for shift in range(3):
        encoded = base64.b64encode(b"\0" * shift + raw)
        forms.append(encoded[4 * ((shift + 2) // 3) : -4] if len(encoded) > 12 else encoded)
    return forms


def folder_bytes(*folders: Path) -> dict[Path, bytes]:
    """Every regular file under the folders."""
    found: dict[Path, bytes] = {}
    for folder in folders:
        for root, _dirs, files in os.walk(folder):
            for name in files:
                path = Path(root) / name
                found[path] = path.read_bytes()
    return found


def hits(files: dict[Path, bytes], needles: list[bytes]) -> list[tuple[Path, bytes]]:
    """(file, needle) for every needle found in a file."""
    return [
        (path, needle)
        for path, data in files.items()
        for needle in needles
        if needle and needle in data
    ]
