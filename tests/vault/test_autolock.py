"""Locking flushes typed text, drops every key and cache, and unlocking runs the KDF again."""

from __future__ import annotations

import gc
import weakref

import pytest

from appsession.core.clock import FakeClock
from appsession.core.model import Note
from appsession.vault import Locked, WrongPassphrase
from appsession.vault import base as vault_base

from .conftest import PASSPHRASE, Populated


def key_references(populated: Populated) -> list[weakref.ref[object]]:
    live = populated.vault._live
    assert live is not None
    populated.vault.all_notes()
    list(populated.vault.all_notes())
    holders: list[object] = [*live.store.keyring.cached(), live.vault_key, live.store]
    assert len(holders) > 5
    return [weakref.ref(holder) for holder in holders]


def test_lock_drops_keys_and_caches(populated: Populated) -> None:
    refs = key_references(populated)
    populated.vault.lock()
    gc.collect()
    assert [ref for ref in refs if ref() is not None] == []
    assert populated.vault.is_locked
    with pytest.raises(Locked):
        populated.vault.notes(populated.sessions[0].id)
    with pytest.raises(Locked):
        populated.vault.save_note(Note("", populated.sessions[0].id, "too late"))


def test_idle_timeout_locks_after_flushing_typed_text(
    populated: Populated, clock: FakeClock
) -> None:
    vault = populated.vault
    vault.auto_lock_seconds = 1
    session = populated.sessions[0]
    vault.save_pending_text(session.id, "typed before the pause")
    clock.advance(0.5)
    vault.save_pending_text(session.id, "typed before the pause, continued")  # buffered
    refs = key_references(populated)
    clock.advance(1.5)
    assert vault.lock_if_idle() is True
    gc.collect()
    assert [ref for ref in refs if ref() is not None] == []
    with pytest.raises(Locked):
        vault.pending_text(session.id)
    with pytest.raises(WrongPassphrase):
        vault.unlock("not the passphrase")
    vault.unlock(PASSPHRASE)
    assert vault.pending_text(session.id) == "typed before the pause, continued"


def test_any_call_after_the_timeout_locks_and_raises(
    populated: Populated, clock: FakeClock
) -> None:
    vault = populated.vault
    vault.auto_lock_seconds = 60
    clock.advance(30)
    vault.notes(populated.sessions[0].id)  # activity resets the countdown
    clock.advance(45)
    assert vault.lock_if_idle() is False
    clock.advance(61)
    with pytest.raises(Locked):
        vault.notes(populated.sessions[0].id)
    assert vault.is_locked


def test_unlock_runs_the_full_kdf(populated: Populated, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    original = vault_base.unlock_header

    def counting(*args: object) -> object:
        calls.append(1)
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(vault_base, "unlock_header", counting)
    populated.vault.lock()
    populated.vault.unlock(PASSPHRASE)
    assert calls == [1]
    assert len(list(populated.vault.all_notes())) == len(populated.notes)


def test_auto_lock_can_be_disabled(populated: Populated, clock: FakeClock) -> None:
    populated.vault.auto_lock_seconds = 0
    clock.advance(10**6)
    assert populated.vault.lock_if_idle() is False
    assert populated.vault.notes(populated.sessions[0].id)
