"""A vault written by format version 1 must open with exactly its content, forever.

``fixtures/format1.db.gz`` was made by ``write_fixture`` below (run
``python -m tests.vault.test_golden OUT.db``, then gzip it). Never regenerate it for an
existing format version: a failure here means old vaults would no longer open.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

from appsession.core.clock import FakeClock
from appsession.core.model import Consent, Note, NoteKind
from appsession.vault import FLOOR, Vault

FIXTURES = Path(__file__).with_name("fixtures")
GOLDEN_PASSPHRASE = "format one golden vault"


def write_fixture(path: Path) -> None:
    """Create the golden vault (only when a new format version is introduced)."""
    vault, _ = Vault.create(path, GOLDEN_PASSPHRASE, clock=FakeClock(), kdf=FLOOR)
    intervention = vault.add_intervention("Mission golden", "Ville", "2026", "Camille")
    group = vault.add_group(intervention.id, "Groupe A")
    ana = vault.add_participant(group.id, "Ana Dupont", "P1", "éducatrice")
    vault.set_consent(Consent(ana.id, True, True, False, "contrat", "2026-01-05"))
    session = vault.add_session(group.id, 1, "2026-01-12", "app-classique", "1", "abc")
    vault.save_note(
        Note(
            "",
            session.id,
            "Première note, accentuée : é à ç",
            speaker_id=ana.id,
            kind=NoteKind.VERBATIM,
            themes=("t1",),
        )
    )
    vault.save_note(Note("", session.id, "Note de l'animatrice", kind=NoteKind.HYPOTHESIS))
    vault.close()


def content(vault: Vault) -> dict[str, object]:
    [intervention] = vault.interventions()
    [group] = vault.groups(intervention.id)
    [person] = vault.participants(group.id)
    [session] = vault.sessions(group.id)
    notes = sorted(vault.notes(session.id), key=lambda n: n.text)
    return {
        "intervention": [
            intervention.title,
            intervention.commissioner,
            intervention.period,
            intervention.facilitator,
        ],
        "group": group.name,
        "person": [person.name, person.pseudonym, person.role],
        "consent": [vault.consent(person.id).note_taking, vault.consent(person.id).legal_basis],
        "session": [session.number, session.date, session.protocol_id],
        "notes": [[n.text, n.kind.value, list(n.themes), bool(n.speaker_id)] for n in notes],
    }


EXPECTED = {
    "intervention": ["Mission golden", "Ville", "2026", "Camille"],
    "group": "Groupe A",
    "person": ["Ana Dupont", "P1", "éducatrice"],
    "consent": [True, "contrat"],
    "session": [1, "2026-01-12", "app-classique"],
    "notes": [
        ["Note de l'animatrice", "hypothesis", [], False],
        ["Première note, accentuée : é à ç", "verbatim", ["t1"], True],
    ],
}


def test_format_1_vault_opens_with_its_exact_content(tmp_path: Path) -> None:
    path = tmp_path / "golden" / "vault.db"
    path.parent.mkdir(mode=0o700)
    path.write_bytes(gzip.decompress((FIXTURES / "format1.db.gz").read_bytes()))
    with Vault.open(path, GOLDEN_PASSPHRASE, clock=FakeClock()) as vault:
        assert isinstance(vault, Vault)
        assert json.loads(json.dumps(content(vault))) == EXPECTED
        assert vault.check().ok


if __name__ == "__main__":
    write_fixture(Path(sys.argv[1]))
