"""Fixtures for the app's tests: a small vault (floor KDF), a group, and the app factory."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from appsession.core.clock import FakeClock
from appsession.core.model import Consent, Group, Intervention, Participant
from appsession.paths import Paths
from appsession.protocol_library import ProtocolLibrary
from appsession.tui.app import AppSessionApp
from appsession.tui.settings import TuiSettings
from appsession.tui.start import AppStart
from appsession.vault import FLOOR, Vault

PASSPHRASE = "correct horse battery staple"


@dataclass
class Cast:
    """What the seeded vault holds."""

    intervention: Intervention
    group: Group
    people: dict[str, Participant]


@pytest.fixture
def vault(paths: Paths, clock: FakeClock) -> Iterator[Vault]:
    """A fresh vault at the default place, floor KDF, no idle lock of its own."""
    created, _key = Vault.create(
        paths.vault, PASSPHRASE, clock=clock, kdf=FLOOR, auto_lock_seconds=0
    )
    yield created
    created.close()


def seed(vault: Vault) -> Cast:
    """An intervention, a group, four members (one refused notes, one never asked)."""
    intervention = vault.add_intervention("CHU Nord — APP soignants", "Direction des soins")
    group = vault.add_group(intervention.id, "Groupe A")
    people = {}
    for pseudonym, name, role, agrees in (
        ("P1", "Sophie Martin", "infirmière", True),
        ("P2", "Éloïse Durand", "aide-soignante", True),
        ("P3", "Marc Petit", "infirmier", False),
        ("P4", "Julie Bernard", "cadre", None),
    ):
        person = vault.add_participant(group.id, name, pseudonym, role)
        if agrees is not None:
            vault.set_consent(Consent(person.id, note_taking=agrees))
        people[pseudonym] = person
    return Cast(intervention, group, people)


@pytest.fixture
def cast(vault: Vault) -> Cast:
    """The seeded group."""
    return seed(vault)


def make_start(
    paths: Paths, clock: FakeClock, vault: Vault | None = None, **settings: float
) -> AppStart:
    """The app's start with shipped protocols, fast settings and the floor KDF."""
    return AppStart(
        paths=paths,
        clock=clock,
        library=ProtocolLibrary(user_folder=paths.user_protocols),
        vault_path=paths.vault,
        settings=TuiSettings(**settings),
        vault=vault,
        kdf=FLOOR,
    )


def make_app(paths: Paths, clock: FakeClock, vault: Vault | None = None) -> AppSessionApp:
    """The app, already unlocked when ``vault`` is given."""
    app = AppSessionApp(make_start(paths, clock, vault))
    app.animation_level = "none"
    return app


def no_blink(app: AppSessionApp) -> None:
    """Steady cursors, for stable snapshots."""
    for widget in app.screen.query(Input):
        widget.cursor_blink = False
    for area in app.screen.query(TextArea):
        area.cursor_blink = False


@pytest.fixture
def here(tmp_path: Path) -> Path:
    """The test's folder."""
    return tmp_path
