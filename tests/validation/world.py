"""A small intervention written through the vault facade: two groups, notes, a draft.

Every text carries a unique canary so that tests can say exactly what reached a document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from appsession.core.clock import FakeClock
from appsession.core.model import (
    Consent,
    DraftItem,
    Group,
    ItemKind,
    Note,
    NoteKind,
    Participant,
    Session,
)
from appsession.vault import FLOOR, Vault

PASSPHRASE = "correct horse battery staple"
ROSTER = {
    "Groupe du mardi": [
        "Zoë-Ångström-Δ Lemaire",
        "Sophie Chassang",
        "Karim Benali",
        "Élodie Ferrand",
    ],
    "Groupe du jeudi": [
        "Jean-Luc Petitjean",
        "CANARY-7f3a Roux",
        "Nathalie Vasseur",
        "Hugo Marchetti",
    ],
}
THEMES = ("Les limites du métier", "La relation aux usagers", "L'organisation du travail")


@dataclass
class World:
    """What was written, with the canaries needed to check exports."""

    vault: Vault
    intervention_id: str
    groups: list[Group]
    sessions: dict[str, list[Session]]
    people: dict[str, list[Participant]]
    notes: dict[str, list[Note]]
    themes: list[str]
    items: list[DraftItem] = field(default_factory=list)
    off_record: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        """Every participant's real name."""
        return [p.name for people in self.people.values() for p in people]

    def session(self, group: int, number: int = 3) -> Session:
        """A session of group 0 or 1 by number."""
        return next(s for s in self.sessions[self.groups[group].id] if s.number == number)


def make_vault(path: Path, clock: FakeClock) -> Vault:
    """A new vault at the floor KDF parameters."""
    vault, _recovery = Vault.create(path, PASSPHRASE, clock=clock, kdf=FLOOR)
    return vault


def build_world(vault: Vault, tag: str = "w") -> World:
    """Two groups of four, three sessions each, tagged notes, one off-record note per session."""
    intervention = vault.add_intervention(
        "Analyse des pratiques — Pôle solidarités",
        commissioner="Conseil départemental",
        period="2025-2026",
        facilitator="Claire Fontanel",
    )
    themes = [vault.add_theme(intervention.id, name).id for name in THEMES]
    world = World(vault, intervention.id, [], {}, {}, {}, themes)
    with vault.batch():
        for index, (name, people) in enumerate(ROSTER.items()):
            _write_group(world, name, people, index, tag)
    return world


def _write_group(world: World, name: str, people: list[str], index: int, tag: str) -> None:
    vault = world.vault
    group = vault.add_group(world.intervention_id, name)
    world.groups.append(group)
    members = [
        vault.add_participant(group.id, person, f"P{k + 1}") for k, person in enumerate(people)
    ]
    for k, member in enumerate(members):
        vault.set_consent(Consent(member.id, note_taking=True, quotable=k != 3, restitution=True))
    world.people[group.id] = members
    world.sessions[group.id] = []
    for number in (1, 2, 3):
        session = vault.add_session(
            group.id, number, f"2026-0{number + 2}-1{index}", "app", "1", "h"
        )
        world.sessions[group.id].append(session)
        notes = []
        for k, member in enumerate(members):
            text = f"NOTE-{tag}-{index}{number}{k} P{k + 1} parle de la charge de travail."
            theme = world.themes[(k + number) % len(world.themes)]
            note = Note(
                "", session.id, text, speaker_id=member.id, kind=NoteKind.VERBATIM, themes=(theme,)
            )
            notes.append(vault.save_note(note))
        secret = f"OFFRECORD-{tag}-{index}{number} ce qui a été dit hors enregistrement"
        notes.append(
            vault.save_note(
                Note("", session.id, secret, off_record=True, themes=(world.themes[0],))
            )
        )
        world.off_record.append(secret)
        world.notes[session.id] = notes


def evidence(world: World, group: int, count: int = 3) -> tuple[str, ...]:
    """Ids of ``count`` recorded notes of a group (spoken by distinct participants)."""
    session = world.session(group)
    return tuple(n.id for n in world.notes[session.id] if not n.off_record)[:count]


def add_item(
    world: World,
    text: str,
    *,
    groups: tuple[int, ...] = (0,),
    kind: ItemKind = ItemKind.ANALYSIS,
    section: str = "Les limites du métier",
    count: int = 3,
) -> DraftItem:
    """A draft item resting on notes of the given groups."""
    notes = tuple(note for g in groups for note in evidence(world, g, count))
    position = len(world.items)
    item = DraftItem("", world.intervention_id, section, kind, text, notes, position=position)
    saved = world.vault.save_draft_item(item)
    world.items.append(saved)
    return saved
