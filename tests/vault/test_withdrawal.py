"""Consent withdrawal: crypto-shredding leaves no byte of the participant, even after a crash."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from appsession.core.clock import FakeClock
from appsession.core.model import DraftItem, ItemKind, Note
from appsession.vault import NotFound, Vault
from appsession.vault import withdraw as shredding

from .conftest import PASSPHRASE, Populated, folder_bytes, hits, make_vault, populate

CHILD = Path(__file__).with_name("child.py")
REPO = Path(__file__).resolve().parents[2]


def traces_of(populated: Populated, participant_id: str, session_id: str = "") -> list[bytes]:
    """Wrapped keys and the first 32 bytes of every blob that should disappear."""
    conn = populated.vault._conn
    where = "participant_id = ?" + (" AND session_id = ?" if session_id else "")
    params = (participant_id, session_id) if session_id else (participant_id,)
    keys = conn.execute(f"SELECT id, wrapped FROM keyring WHERE {where}", params).fetchall()
    needles = [bytes(wrapped) for _id, wrapped in keys]
    for table in ("notes", "participants", "consents", "situations", "documents"):
        for (body,) in conn.execute(
            f"SELECT body FROM {table} WHERE key_id IN ({','.join('?' * len(keys))})",
            [k[0] for k in keys],
        ):
            needles.append(bytes(body)[:32])
    return needles


def copy_files(folder: Path, destination: Path) -> Path:
    shutil.copytree(folder, destination)
    return destination / "vault.db"


def test_withdrawal_leaves_no_trace_in_a_copy(
    populated: Populated, tmp_path: Path, clock: FakeClock
) -> None:
    vault, person = populated.vault, populated.people[0]
    vault.put_document("memo", "m1", {"x": 1}, participant_id=person.id)
    vault.add_situation(populated.group.id, person.id, "Situation of P0")
    needles = traces_of(populated, person.id)
    name = person.name.encode("utf-8")
    report = vault.withdraw(person.id)
    assert report.seconds < 2.0
    assert report.records >= len(populated.notes_of(person))
    copy = copy_files(populated.path.parent, tmp_path / "copy")
    assert hits(folder_bytes(copy.parent), [*needles, name]) == []
    with Vault.open(copy, PASSPHRASE, clock=clock) as opened:
        assert isinstance(opened, Vault)
        gone = {n.id for n in populated.notes_of(person)}
        assert not gone & {n.id for n in opened.all_notes()}
        assert {n.id for n in opened.all_notes()} == {n.id for n in populated.notes} - gone
        assert [p.id for p in opened.participants(populated.group.id)] == [
            p.id for p in populated.people[1:]
        ]
        assert (
            opened._conn.execute(
                "SELECT count(*) FROM keyring WHERE participant_id = ?", (person.id,)
            ).fetchone()[0]
            == 0
        )
        assert opened.check().ok
        assert set(report.key_ids) <= set(opened.erasure_ledger())
    with pytest.raises(NotFound):
        vault.participant(person.id)


def test_partial_withdrawal_keeps_other_sessions(populated: Populated, tmp_path: Path) -> None:
    vault, person = populated.vault, populated.people[1]
    first, second = populated.sessions
    needles = traces_of(populated, person.id, first.id)
    vault.withdraw(person.id, first.id)
    remaining = {n.id for n in vault.all_notes()}
    assert not {n.id for n in populated.notes_of(person, first)} & remaining
    assert {n.id for n in populated.notes_of(person, second)} <= remaining
    assert vault.participant(person.id) == person
    copy = copy_files(populated.path.parent, tmp_path / "copy")
    assert hits(folder_bytes(copy.parent), needles) == []
    assert vault.check().ok


def test_drafts_citing_withdrawn_notes_are_flagged(populated: Populated) -> None:
    vault, person = populated.vault, populated.people[2]
    intervention_id = populated.group.intervention_id
    spoken = populated.notes_of(person)[0]
    analysis = vault.save_draft_item(
        DraftItem("", intervention_id, "A", ItemKind.ANALYSIS, "analyse", evidence=(spoken.id,))
    )
    verbatim = vault.save_draft_item(
        DraftItem("", intervention_id, "V", ItemKind.VERBATIM, "citation", evidence=(spoken.id,))
    )
    report = vault.withdraw(person.id)
    assert report.flagged_items == (analysis.id,)
    assert [item.id for item in vault.draft_items(intervention_id)] == [analysis.id]
    assert [doc_id for doc_id, _ in vault.documents("review-flag")] == [analysis.id]
    assert verbatim.id not in {d.id for d in vault.draft_items(intervention_id)}


@pytest.mark.parametrize("failing_step", ["shred", "compact", "clear_marker"])
def test_interrupted_withdrawal_is_completed_at_next_open(
    populated: Populated, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, failing_step: str
) -> None:
    person = populated.people[0]

    def crash(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(shredding, failing_step, crash)
    with pytest.raises(KeyboardInterrupt):
        populated.vault.withdraw(person.id)
    monkeypatch.undo()
    populated.vault.close()
    vault = Vault.open(populated.path, PASSPHRASE, clock=clock)
    populated.vault = vault
    assert "withdrawal-completed" in vault.warnings
    assert not {n.id for n in populated.notes_of(person)} & {n.id for n in vault.all_notes()}
    assert vault.check().ok
    assert (
        vault._conn.execute("SELECT count(*) FROM meta WHERE name = 'pending_erasure'").fetchone()[
            0
        ]
        == 0
    )


def run_child(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, str(CHILD), *args], stdout=subprocess.PIPE, text=True, env=env
    )


def test_kill_during_withdrawal(tmp_path: Path, clock: FakeClock) -> None:
    source = tmp_path / "source" / "vault.db"
    populated = populate(make_vault(source, clock), source, notes_per_person=40)
    person = populated.people[0]
    spoken = {n.id for n in populated.notes_of(person)}
    populated.vault.close()
    rng = random.Random(7)
    outcomes = set()
    for trial in range(4):
        path = copy_files(source.parent, tmp_path / f"trial{trial}")
        child = run_child("withdraw", str(path), person.id)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "open"
        time.sleep(rng.uniform(0, 0.08))
        child.send_signal(signal.SIGKILL)
        child.wait()
        with Vault.open(path, PASSPHRASE, clock=clock) as vault:
            assert isinstance(vault, Vault)
            left = spoken & {n.id for n in vault.all_notes()}
            assert left in (set(), spoken)
            outcomes.add(bool(left))
            assert vault.check().ok
    assert outcomes  # at least one trial ran to a verdict


def test_unknown_participant(populated: Populated) -> None:
    with pytest.raises(NotFound):
        populated.vault.withdraw("0" * 32)


def test_withdrawal_then_new_notes(populated: Populated) -> None:
    vault = populated.vault
    vault.withdraw(populated.people[0].id, populated.sessions[0].id)
    note = vault.save_note(
        Note("", populated.sessions[0].id, "after", speaker_id=populated.people[0].id)
    )
    assert vault.note(note.id).text == "after"
    assert vault.check().ok
