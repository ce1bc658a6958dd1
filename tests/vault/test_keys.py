"""Key hierarchy: nonces never repeat, keys rotate at the usage cap, wrapped keys are bound."""

from __future__ import annotations

import sqlite3

import pytest

from appsession.core.clock import FakeClock
from appsession.core.model import Note
from appsession.vault import IntegrityError, Vault, aead, keyring

from .conftest import PASSPHRASE, Populated


def test_no_nonce_repeats_under_a_key(populated: Populated) -> None:
    vault = populated.vault
    with vault.batch():
        for index in range(1500):
            person = populated.people[index % 3]
            session = populated.sessions[index % 2]
            vault.save_note(Note("", session.id, f"n{index}", speaker_id=person.id))
    conn = vault._conn
    pairs = [
        (key_id, aead.parse(bytes(body))[1])
        for table in ("notes", "participants", "sessions", "manifests", "consents")
        for key_id, body in conn.execute(f"SELECT key_id, body FROM {table}")
    ]
    pairs += [
        (key_id, aead.parse(bytes(w))[1])
        for key_id, w in conn.execute("SELECT parent_id, wrapped FROM keyring")
    ]
    assert len(pairs) > 1500
    assert len(set(pairs)) == len(pairs)


def test_key_rotates_at_the_usage_cap(
    populated: Populated, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keyring, "KEY_USE_CAP", 100)
    vault, person, session = populated.vault, populated.people[0], populated.sessions[0]
    populated.vault.lock()
    populated.vault.unlock(PASSPHRASE)
    saved = [
        vault.save_note(Note("", session.id, f"rot {i}", speaker_id=person.id)) for i in range(120)
    ]
    versions = vault._conn.execute(
        "SELECT version, uses FROM keyring WHERE kind = 'contribution' AND participant_id = ?"
        " AND session_id = ? ORDER BY version",
        (person.id, session.id),
    ).fetchall()
    assert [v for v, _ in versions] == [1, 2]
    assert versions[0][1] == 100
    vault.close()
    populated.vault = Vault.open(populated.path, PASSPHRASE, clock=clock)
    assert {n.id for n in saved} <= {n.id for n in populated.vault.all_notes()}
    assert populated.vault.check().ok


def test_a_wrapped_key_cannot_move_to_another_owner(populated: Populated, clock: FakeClock) -> None:
    populated.vault.close()
    conn = sqlite3.connect(populated.path)
    first, second = populated.people[:2]
    with conn:
        conn.execute(
            "UPDATE keyring SET participant_id = ? WHERE kind = 'participant'"
            " AND participant_id = ?",
            (second.id, first.id),
        )
    conn.close()
    vault = Vault.open(populated.path, PASSPHRASE, clock=clock)
    populated.vault = vault
    problems = vault.check().problems
    assert any(p.table == "keyring" and p.kind == "damaged" for p in problems)
    with pytest.raises(IntegrityError):
        vault.participant(first.id)


def test_participant_keys_are_random_not_derived(populated: Populated) -> None:
    wrapped = [
        bytes(w)
        for (w,) in populated.vault._conn.execute(
            "SELECT wrapped FROM keyring WHERE kind = 'participant'"
        )
    ]
    assert len(set(wrapped)) == len(populated.people)
    store = populated.vault._store()
    ciphers = [
        store.keyring.cipher(key_id)
        for (key_id,) in populated.vault._conn.execute(
            "SELECT id FROM keyring WHERE kind = 'participant'"
        )
    ]
    probe = [c.aead.encrypt(b"\0" * 12, b"probe", None) for c in ciphers]
    assert len(set(probe)) == len(ciphers)


def test_record_aad_fast_path_matches_the_reference_encoder(populated: Populated) -> None:
    store = populated.vault._store()
    note = populated.notes[0]
    cipher = store.keyring.cipher(
        store.conn.execute("SELECT key_id FROM notes WHERE id = ?", (note.id,)).fetchone()[0]
    )
    owners = {"session_id": note.session_id, "participant_id": note.speaker_id}
    expected = aead.record_aad(
        store.vault_id,
        "notes",
        "body",
        note.id,
        7,
        cipher.key_id,
        cipher.version,
        [note.session_id, note.speaker_id],
    )
    assert store._aad("notes", note.id, 7, cipher, owners) == expected
