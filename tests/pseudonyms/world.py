"""A small intervention for the pseudonymisation tests: one group, two sessions, real names.

Participants talk about third parties (Mme Lestrade, a neighbour), places of the territory
(Condat, the épicerie La Cagette), and type phone numbers; one note is off the record, one
participant refused note-taking.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from appsession.core.clock import FakeClock
from appsession.core.model import Consent, Note, NoteKind, Participant, Session
from appsession.vault import FLOOR, Vault

PASSPHRASE = "correct horse battery staple"
PEOPLE = {
    "amandine": ("Amandine Rochette", "P1"),
    "karima": ("Karima Benali", "P2"),
    "yann": ("Yann Le Gall", "P3"),
    "gisele": ("Gisèle Aymard", "P4"),
}
NOTES = {
    1: [
        ("", "Tour de table : Amandine arrive en retard, Karima présente sa situation."),
        ("karima", "Mme Lestrade vient chaque semaine à l'accueil de Condat."),
        ("karima", "Elle m'a laissé son numéro, le 06 12 34 56 78, pour que je la rappelle."),
        ("amandine", "Chez nous à l'épicerie La Cagette, Lestrade a aussi été reçue."),
        ("yann", "Je pense à ce que disait Amandine la dernière fois."),
        ("", "Off: Mme Orsini, la cheffe de Karima, la harcèle."),
    ],
    2: [
        ("yann", "Mon voisin Grégoire Vaissier m'a appelé pour le dossier."),
        ("amandine", "La famille Vaissier, on les connaît bien à Condat."),
        ("karima", "lestrade est revenue lundi, toujours pour sa carte grise."),
        ("", "Yann évoque la CAF et France Travail, sans nommer personne."),
    ],
}
OFF_RECORD = "Off: Mme Orsini, la cheffe de Karima, la harcèle."


@dataclass
class World:
    """The vault and what the tests need to find in it."""

    vault: Vault
    intervention_id: str
    people: dict[str, Participant] = field(default_factory=dict)
    sessions: list[Session] = field(default_factory=list)
    notes: dict[str, Note] = field(default_factory=dict)
    """By text."""


def make_vault(path: Path, clock: FakeClock) -> Vault:
    """A new vault at the floor key-derivation parameters."""
    vault, _recovery = Vault.create(path, PASSPHRASE, clock=clock, kdf=FLOOR)
    return vault


def build_world(vault: Vault) -> World:
    """Write the intervention through the vault's public API."""
    intervention = vault.add_intervention("APP — test", commissioner="Communauté test")
    world = World(vault, intervention.id)
    group = vault.add_group(intervention.id, "Accueil")
    for key, (name, pseudonym) in PEOPLE.items():
        person = vault.add_participant(group.id, name, pseudonym)
        refused = key == "gisele"
        vault.set_consent(
            Consent(person.id, note_taking=not refused, quotable=True, restitution=not refused)
        )
        world.people[key] = person
    for number, notes in NOTES.items():
        session = vault.add_session(group.id, number, f"2026-03-0{number}", "app", "1", "h")
        world.sessions.append(session)
        for speaker, text in notes:
            speaker_id = world.people[speaker].id if speaker else ""
            kind = NoteKind.VERBATIM if speaker else NoteKind.OBSERVATION
            note = Note(
                "",
                session.id,
                text,
                speaker_id=speaker_id,
                kind=kind,
                off_record=text == OFF_RECORD,
            )
            world.notes[text] = vault.save_note(note)
    return world
