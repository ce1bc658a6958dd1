"""Every kind of record goes in and comes back; revisions, batches, documents, audit log."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from appsession.core.clock import FakeClock
from appsession.core.model import (
    Consent,
    Decision,
    DecisionState,
    DraftItem,
    ItemKind,
    Note,
    NoteKind,
    SituationStatus,
)
from appsession.vault import FLOOR, NotFound, Vault

from .conftest import PASSPHRASE, Populated


def reopen(populated: Populated, clock: FakeClock) -> Vault:
    populated.vault.close()
    populated.vault = Vault.open(populated.path, PASSPHRASE, clock=clock)
    return populated.vault


def test_structure_round_trips_through_a_reopen(populated: Populated, clock: FakeClock) -> None:
    vault = reopen(populated, clock)
    [intervention] = vault.interventions()
    assert intervention.title.startswith("Mission")
    assert intervention.commissioner == "Ville"
    assert vault.groups(intervention.id) == [populated.group]
    assert vault.participants(populated.group.id) == populated.people
    assert vault.sessions(populated.group.id) == populated.sessions
    consent = vault.consent(populated.people[0].id)
    assert consent.note_taking is True
    assert consent.given_on == "2026-01-05"
    assert vault.consent("f" * 32) == Consent("f" * 32)


def test_updates_keep_ids_and_bump_revisions(populated: Populated, clock: FakeClock) -> None:
    vault = populated.vault
    note = populated.notes[0]
    edited = vault.save_note(dataclasses.replace(note, text="edited", kind=NoteKind.QUESTION))
    assert (edited.id, edited.revision) == (note.id, 2)
    person = dataclasses.replace(populated.people[0], pseudonym="Renamed")
    vault.update_participant(person)
    session = dataclasses.replace(populated.sessions[0], attendance=(person.id,))
    vault.update_session(session)
    vault = reopen(populated, clock)
    assert vault.note(note.id) == edited
    assert vault.participant(person.id) == person
    assert vault.session(session.id).attendance == (person.id,)


def test_notes_come_back_per_session_and_all(populated: Populated) -> None:
    vault = populated.vault
    first = {n.id for n in vault.notes(populated.sessions[0].id)}
    assert first == {n.id for n in populated.notes if n.session_id == populated.sessions[0].id}
    assert {n.id for n in vault.all_notes()} == {n.id for n in populated.notes}
    assert vault.problems == []


def test_delete_note(populated: Populated) -> None:
    vault = populated.vault
    note = populated.notes[3]
    assert vault.delete_note(note.id) is True
    assert vault.delete_note(note.id) is False
    with pytest.raises(NotFound):
        vault.note(note.id)
    assert vault.check().ok


def test_situations_themes_drafts_decisions(populated: Populated, clock: FakeClock) -> None:
    vault = populated.vault
    presenter = populated.people[1]
    situation = vault.add_situation(populated.group.id, presenter.id, "Un cas difficile")
    chosen = dataclasses.replace(
        situation, status=SituationStatus.CHOSEN, session_id=populated.sessions[0].id
    )
    vault.update_situation(chosen)
    intervention_id = populated.group.intervention_id
    parent = vault.add_theme(intervention_id, "Cadre", "Le cadre de travail")
    child = vault.add_theme(intervention_id, "Horaires", parent_id=parent.id)
    item = vault.save_draft_item(
        DraftItem(
            "",
            intervention_id,
            "Analyse",
            ItemKind.ANALYSIS,
            "Texte",
            evidence=(populated.notes[0].id,),
        )
    )
    decision = vault.add_decision(
        Decision(
            "", item.id, populated.group.id, DecisionState.APPROVED, "abc", decided_on="2026-02"
        )
    )
    vault = reopen(populated, clock)
    assert vault.situations(populated.group.id) == [chosen]
    assert vault.themes(intervention_id) == [parent, child]
    assert vault.draft_items(intervention_id) == [item]
    assert vault.decisions(item.id) == vault.decisions() == [decision]
    assert vault.delete_draft_item(item.id)
    assert vault.decisions() == []
    assert vault.delete_theme(child.id)
    assert vault.themes(intervention_id) == [parent]


def test_documents_are_keyed_without_clear_ids(populated: Populated) -> None:
    vault = populated.vault
    intervention_id = populated.group.intervention_id
    vault.put_document(
        "memo", "memo-1", {"text": "secret memo", "n": 3}, intervention_id=intervention_id
    )
    vault.put_document(
        "memo",
        "memo-2",
        {"text": "other"},
        session_id=populated.sessions[0].id,
        participant_id=populated.people[0].id,
    )
    assert vault.document("memo", "memo-1") == {"text": "secret memo", "n": 3}
    assert vault.document("memo", "nope") is None
    assert [d for d, _ in vault.documents("memo")] == ["memo-1", "memo-2"]
    assert [d for d, _ in vault.documents("memo", intervention_id=intervention_id)] == ["memo-1"]
    ids = [row[0] for row in vault._store().conn.execute("SELECT id FROM documents")]
    assert "memo-1" not in ids
    assert all(len(i) == 32 for i in ids)
    assert vault.delete_document("memo", "memo-1")
    assert vault.document("memo", "memo-1") is None


def test_audit_log_is_content_free_and_ordered(populated: Populated, clock: FakeClock) -> None:
    vault = populated.vault
    vault.record_event("export", notes=3, intervention=populated.group.intervention_id)
    clock.advance(60)
    vault.record_event("import", notes=10)
    events = vault.audit_events()
    assert [e.kind for e in events] == ["export", "import"]
    assert events[0].details == {"notes": 3, "intervention": populated.group.intervention_id}
    assert events[0].at < events[1].at


def test_a_failed_batch_saves_nothing(populated: Populated) -> None:
    vault = populated.vault
    session = populated.sessions[0]
    before = {n.id for n in vault.notes(session.id)}
    epoch = vault.epoch

    def import_with_a_bad_line() -> None:
        with vault.batch():
            for index in range(5):
                vault.save_note(Note("", session.id, f"imported {index}"))
            vault.add_participant(populated.group.id, "Nouvelle", "N")
            raise RuntimeError("malformed line 6")

    with pytest.raises(RuntimeError):
        import_with_a_bad_line()
    assert {n.id for n in vault.notes(session.id)} == before
    assert len(vault.participants(populated.group.id)) == 3
    assert vault.epoch == epoch
    vault.save_note(Note("", session.id, "after the failure"))
    assert vault.check().ok


def test_a_batch_commits_once(populated: Populated) -> None:
    vault = populated.vault
    epoch = vault.epoch
    with vault.batch():
        for index in range(20):
            vault.save_note(Note("", populated.sessions[1].id, f"bulk {index}"))
    assert vault.epoch == epoch + 1
    assert vault.check().ok


def test_pending_text_is_buffered_then_flushed(populated: Populated, clock: FakeClock) -> None:
    vault = populated.vault
    session = populated.sessions[0]
    assert vault.pending_text(session.id) == ""
    vault.save_pending_text(session.id, "first words")
    vault.save_pending_text(session.id, "first words and more")  # within 2 s: buffered
    assert vault.pending_text(session.id) == "first words and more"
    vault = reopen(populated, clock)  # close flushes
    assert vault.pending_text(session.id) == "first words and more"


def test_every_record_is_checked(populated: Populated) -> None:
    report = populated.vault.check()
    assert report.ok
    assert report.records > len(populated.notes)
    assert report.problems == ()
    assert report.sqlite_ok
    assert report.root_ok


def test_epoch_rollback_warning(populated: Populated, clock: FakeClock) -> None:
    epoch = populated.vault.epoch
    populated.vault.close()
    vault = Vault.open(populated.path, PASSPHRASE, clock=clock, last_epoch=epoch + 5)
    assert "rollback" in vault.warnings
    populated.vault = vault


def test_a_new_vault_folder_is_private(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "a" / "b" / "vault.db"
    vault, _ = Vault.create(path, PASSPHRASE, clock=clock, kdf=FLOOR)
    vault.close()
    assert (tmp_path / "a" / "b").stat().st_mode & 0o777 == 0o700


def test_ids_are_made_by_the_vault(populated: Populated) -> None:
    with pytest.raises(ValueError, match="32 lowercase hex"):
        populated.vault.save_note(Note("corpus-line-12", populated.sessions[0].id, "x"))
    assert populated.vault.check().ok
