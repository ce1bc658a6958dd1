"""Error paths never carry the passphrase, keys or note text (messages, tracebacks, logs)."""

from __future__ import annotations

import base64
import logging
import sqlite3
import traceback
from pathlib import Path

import pytest

from appsession.core.clock import FakeClock
from appsession.core.model import Note
from appsession.vault import FLOOR, Vault, VaultError

CANARY_PASSPHRASE = "CANARY-passphrase-Zoë-4242"
CANARY_TEXT = "CANARY-note-text-8e1b"


def rendered(error: BaseException) -> str:
    """What a crash report without locals would show."""
    return "".join(traceback.format_exception(error)) + repr(error) + str(error)


def test_error_paths_leak_nothing(
    tmp_path: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    path = tmp_path / "v" / "vault.db"
    vault, _ = Vault.create(path, CANARY_PASSPHRASE, clock=clock, kdf=FLOOR)
    live = vault._live
    assert live is not None
    secrets = [
        live.vault_key.reveal(),
        *(c.aead.encrypt(b"\0" * 12, b"", None) for c in live.store.keyring.cached()),
    ]
    group = vault.add_group(vault.add_intervention(CANARY_TEXT).id, CANARY_TEXT)
    session = vault.add_session(group.id, 1, "2026-03-03", "app", "1", "h")
    note = vault.save_note(Note("", session.id, CANARY_TEXT))
    errors: list[BaseException] = []
    outside = sqlite3.connect(path)
    with outside:
        outside.execute("UPDATE notes SET body = zeroblob(289) WHERE id = ?", (note.id,))
    outside.close()
    for action in (
        lambda: vault.note(note.id),
        lambda: vault.change_passphrase("short"),
        lambda: Vault.open(path, CANARY_PASSPHRASE, clock=clock),
    ):
        try:
            action()
        except VaultError as error:
            errors.append(error)
    vault.lock()
    try:
        vault.notes(session.id)
    except VaultError as error:
        errors.append(error)
    vault.close()
    try:
        Vault.open(path, CANARY_PASSPHRASE + "x", clock=clock)
    except VaultError as error:
        errors.append(error)
    assert len(errors) == 5
    text = "".join(rendered(e) for e in errors) + caplog.text + repr(vault) + repr(note)
    forbidden = [CANARY_PASSPHRASE, CANARY_TEXT, "2026-03-03"]
    for secret in secrets:
        forbidden += [secret.hex(), base64.b64encode(secret).decode()]
    assert [item for item in forbidden if item in text] == []
    assert all(error.__cause__ is None for error in errors)


def test_vault_objects_have_no_revealing_repr(tmp_path: Path, clock: FakeClock) -> None:
    vault, _ = Vault.create(tmp_path / "v.db", CANARY_PASSPHRASE, clock=clock, kdf=FLOOR)
    try:
        live = vault._live
        assert live is not None
        assert repr(live.vault_key) == "<Secret redacted>"
        assert CANARY_PASSPHRASE not in repr(vault.__dict__)
        assert live.vault_key.reveal().hex() not in repr(live) + repr(vault.__dict__)
    finally:
        vault.close()
