"""A vault with two interventions full of canaries: one past its raw-notes deadline, one not.

Intervention A ran 09–11/2025 (raw notes due since 28 Feb 2026; the whole intervention falls
due on 30 Nov 2026). Intervention B runs through 2026 (nothing due). "Today" is 23 Nov 2026.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from appsession.core.clock import FakeClock
from appsession.core.model import (
    Consent,
    Decision,
    DecisionState,
    DraftItem,
    Group,
    Intervention,
    ItemKind,
    Note,
    NoteKind,
    Participant,
    Session,
    Situation,
    SituationStatus,
)
from appsession.vault import FLOOR, Vault

PASSPHRASE = "correct horse battery staple"
TODAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
LEGAL_BASIS = "Intérêt légitime (art. 6.1.f) — convention CANARY-basis"


@dataclass
class Side:
    """One intervention of the world and everything written into it."""

    intervention: Intervention
    group: Group
    people: list[Participant]
    sessions: list[Session]
    notes: list[Note] = field(default_factory=list)
    situations: list[Situation] = field(default_factory=list)
    items: list[DraftItem] = field(default_factory=list)

    def notes_of(self, person: Participant) -> list[Note]:
        """The notes this person spoke."""
        return [note for note in self.notes if note.speaker_id == person.id]


@dataclass
class World:
    """The vault, its path and the two interventions."""

    vault: Vault
    path: Path
    clock: FakeClock
    a: Side
    b: Side

    def reopen(self) -> Vault:
        """Close and open again (what the next run of the app sees)."""
        self.vault.close()
        self.vault = Vault.open(self.path, PASSPHRASE, clock=self.clock)
        return self.vault


def build_side(vault: Vault, tag: str, period: str, months: tuple[int, ...], year: int) -> Side:
    """An intervention with one group, three people, sessions, notes, situations and a draft."""
    intervention = vault.add_intervention(
        f"Mission {tag}", commissioner=f"Ville {tag}", period=period, facilitator="Anne Roussel"
    )
    group = vault.add_group(intervention.id, f"Groupe {tag}")
    people = [
        vault.add_participant(group.id, f"Zoë-{tag}{k} Ångström", f"P{tag}{k}", role="CANARY-role")
        for k in range(3)
    ]
    for person in people:
        vault.set_consent(
            Consent(
                person.id,
                note_taking=True,
                quotable=True,
                restitution=True,
                legal_basis=LEGAL_BASIS,
                given_on=f"{year}-{months[0]:02d}-10",
            )
        )
    side = Side(intervention, group, people, [])
    for number, month in enumerate(months, start=1):
        session = vault.add_session(group.id, number, f"{year}-{month:02d}-10", "app", "1", "h")
        attended = replace(session, attendance=tuple(p.id for p in people))
        vault.update_session(attended)
        side.sessions.append(attended)
        _write_notes(vault, side, attended, tag)
    _write_situations(vault, side, tag)
    _write_draft(vault, side, tag)
    return side


def _write_notes(vault: Vault, side: Side, session: Session, tag: str) -> None:
    for index in range(2):
        for person in [*side.people, None]:
            who = person.pseudonym if person else "fac"
            text = f"CANARY-{tag}-s{session.number}-{who}-{index} dit « Zoë-Ångström-Δ »"
            note = Note(
                "",
                session.id,
                text,
                phase_id="hypotheses",
                speaker_id=person.id if person else "",
                kind=NoteKind.HYPOTHESIS,
            )
            side.notes.append(vault.save_note(note))
    mention = Note(
        "", session.id, f"CANARY-{tag}-s{session.number}-mention: {side.people[1].pseudonym} hésite"
    )
    side.notes.append(vault.save_note(mention))


def _write_situations(vault: Vault, side: Side, tag: str) -> None:
    chosen = vault.add_situation(side.group.id, side.people[0].id, f"CANARY-{tag}-situation-chosen")
    chosen = replace(chosen, status=SituationStatus.CHOSEN, session_id=side.sessions[0].id)
    vault.update_situation(chosen)
    kept = vault.add_situation(side.group.id, side.people[1].id, f"CANARY-{tag}-situation-kept")
    side.situations += [chosen, kept]


def _write_draft(vault: Vault, side: Side, tag: str) -> None:
    first = side.notes_of(side.people[0])[0]
    analysis = vault.save_draft_item(
        DraftItem(
            "",
            side.intervention.id,
            "Thèmes",
            ItemKind.ANALYSIS,
            f"CANARY-{tag}-draft-analysis",
            evidence=(first.id,),
        )
    )
    quoted = side.notes_of(side.people[1])[0]
    verbatim = vault.save_draft_item(
        DraftItem(
            "",
            side.intervention.id,
            "Paroles",
            ItemKind.VERBATIM,
            f"CANARY-{tag}-draft-verbatim",
            evidence=(quoted.id,),
            position=1,
        )
    )
    vault.add_decision(
        Decision(
            "", analysis.id, side.group.id, DecisionState.APPROVED, "x", decided_on="2025-11-10"
        )
    )
    side.items += [analysis, verbatim]


def make_world(path: Path, clock: FakeClock, **kwargs: object) -> World:
    """The two interventions in a new vault (floor KDF)."""
    options: dict[str, object] = {"kdf": FLOOR, **kwargs}
    vault, _recovery = Vault.create(path, PASSPHRASE, clock=clock, **options)  # type: ignore[arg-type]
    a = build_side(vault, "A", "09/2025 – 11/2025", (9, 10, 11), 2025)
    b = build_side(vault, "B", "01/2026 – 12/2026", (1, 2), 2026)
    return World(vault, path, clock, a, b)


@pytest.fixture
def clock() -> FakeClock:
    """23 November 2026, 9:00 UTC."""
    return FakeClock(TODAY)


@pytest.fixture
def world(tmp_path: Path, clock: FakeClock) -> Iterator[World]:
    """The populated vault, closed at the end."""
    made = make_world(tmp_path / "vault" / "vault.db", clock)
    yield made
    made.vault.close()


# -- file scanning ------------------------------------------------------------------------------
def encodings(text: str) -> list[bytes]:
    """A needle as it could sit in a file: UTF-8, UTF-16LE/BE, base64 at 3 alignments."""
    raw = text.encode("utf-8")
    forms = [raw, text.encode("utf-16-le"), text.encode("utf-16-be")]
    for shift in range(3):
        encoded = base64.b64encode(b"\0" * shift + raw)
        forms.append(encoded[4 * ((shift + 2) // 3) : -4] if len(encoded) > 12 else encoded)
    return forms


def all_files(*folders: Path) -> dict[Path, bytes]:
    """Every regular file under the folders (the DB, its -wal and -shm, anything else)."""
    found: dict[Path, bytes] = {}
    for folder in folders:
        for root, _dirs, names in os.walk(folder):
            for name in names:
                found[Path(root) / name] = (Path(root) / name).read_bytes()
    return found


def hits(files: dict[Path, bytes], needles: list[bytes]) -> list[tuple[str, bytes]]:
    """(file name, needle) for every needle found."""
    return [
        (path.name, needle)
        for path, data in files.items()
        for needle in needles
        if needle and needle in data
    ]
