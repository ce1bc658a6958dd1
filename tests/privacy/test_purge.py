"""A retention purge destroys exactly what is due, in every file, keeps the rest, and certifies.

The same file-level checks as a withdrawal (design §3, test 20): after the purge, a copy of
every file holds none of the destroyed keys' wrapped bytes, none of the first 32 bytes of the
destroyed records' blobs and no canary in any encoding, while everything else still decrypts.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from appsession.core.retention import Anchor, AuditRule, DataClass, RetentionRule
from appsession.privacy import certificates, report, retention, settings
from appsession.vault import Vault
from appsession.vault import purge as shredding
from tests.privacy.conftest import PASSPHRASE, Side, World, all_files, encodings, hits

TODAY = date(2026, 11, 23)


def raw_rows(path: Path, sql: str, params: tuple[str, ...] = ()) -> list[bytes]:
    """Read blobs straight from the file, as an attacker with a copy would."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [bytes(row[0]) for row in conn.execute(sql, params)]
    finally:
        conn.close()


def secrets_of_sessions(path: Path, side: Side) -> list[bytes]:
    """Wrapped keys and blob prefixes of everything encrypted under the side's session keys."""
    ids = tuple(s.id for s in side.sessions)
    marks = ",".join("?" * len(ids))
    keys = raw_rows(path, f"SELECT wrapped FROM keyring WHERE session_id IN ({marks})", ids)
    blobs = raw_rows(path, f"SELECT body FROM notes WHERE session_id IN ({marks})", ids)
    blobs += raw_rows(path, f"SELECT body FROM sessions WHERE id IN ({marks})", ids)
    situations = tuple(s.id for s in side.situations)
    blobs += raw_rows(
        path,
        f"SELECT body FROM situations WHERE id IN ({','.join('?' * len(situations))})",
        situations,
    )
    return keys + [blob[:32] for blob in blobs]


def canaries_of_sessions(side: Side) -> list[bytes]:
    """Every note text and situation title of the side, in every encoding."""
    texts = [note.text for note in side.notes] + [s.title for s in side.situations]
    return [form for text in texts for form in encodings(text)]


def test_only_intervention_a_raw_notes_are_due(world: World) -> None:
    due = retention.due(world.vault, TODAY)
    assert [(d.purge.data_class, d.purge.intervention_id) for d in due] == [
        (DataClass.RAW_NOTES, world.a.intervention.id)
    ]
    [item] = due
    assert set(item.purge.session_ids) == {s.id for s in world.a.sessions}
    assert set(item.purge.situation_ids) == {s.id for s in world.a.situations}
    assert item.notes == len(world.a.notes)
    assert item.cited_items == 2


def test_purge_leaves_nothing_of_the_due_data_in_any_file(world: World) -> None:
    folder = world.path.parent
    secrets = secrets_of_sessions(world.path, world.a)
    assert len(secrets) > 10
    assert not hits(all_files(folder), canaries_of_sessions(world.a))
    [item] = retention.due(world.vault, TODAY)
    retention.run(world.vault, item, TODAY)
    for moment in ("open", "closed"):
        files = all_files(folder)
        assert not hits(files, secrets), moment
        assert not hits(files, canaries_of_sessions(world.a)), moment
        if moment == "open":
            world.vault.close()


def test_purge_keeps_everything_else(world: World) -> None:
    [item] = retention.due(world.vault, TODAY)
    retention.run(world.vault, item, TODAY)
    vault = world.reopen()
    assert vault.sessions(world.a.group.id) == []
    assert vault.situations(world.a.group.id) == []
    assert [p.id for p in vault.participants(world.a.group.id)] == [p.id for p in world.a.people]
    assert vault.consent(world.a.people[0].id).legal_basis.startswith("Intérêt")
    assert {i.text for i in vault.draft_items(world.a.intervention.id)} == {
        i.text for i in world.a.items
    }
    assert len(vault.decisions()) == 2
    kept = [note.text for session in world.b.sessions for note in vault.notes(session.id)]
    assert sorted(kept) == sorted(note.text for note in world.b.notes)
    assert len(vault.situations(world.b.group.id)) == 2
    report = vault.check()
    assert report.ok, report


def test_the_certificate_is_in_the_audit_log_and_checks_out(world: World) -> None:
    [item] = retention.due(world.vault, TODAY)
    outcome = retention.run(world.vault, item, TODAY)
    vault = world.reopen()
    [certificate] = certificates.certificates(vault)
    assert certificate.id == outcome.certificate
    assert certificate.data_class == "raw-notes"
    assert certificate.intervention == world.a.intervention.id
    assert certificate.counts["sessions"] == 3
    assert certificate.counts["situations"] == 2
    assert certificate.counts["notes"] == len(world.a.notes)
    assert certificate.counts["records"] == outcome.records
    assert set(certificate.key_ids) == set(outcome.key_ids)
    assert certificate.key_digest == shredding.key_digest(outcome.key_ids)
    assert (certificate.months, certificate.anchor, certificate.due_on) == (
        3,
        "cycle-end",
        "2026-02-28",
    )
    assert set(outcome.key_ids) <= set(vault.erasure_ledger())
    check = certificates.check(vault, certificate)
    assert check.ok
    assert check.keys == len(outcome.key_ids) > 3


def test_nothing_is_due_after_the_purge(world: World) -> None:
    [item] = retention.due(world.vault, TODAY)
    retention.run(world.vault, item, TODAY)
    assert retention.due(world.vault, TODAY) == []


def test_whole_intervention_purge_destroys_it_all_and_only_it(world: World) -> None:
    settings.save_rule(
        world.vault,
        RetentionRule(world.a.intervention.id, synthesis_months=6, contract_end=date(2026, 1, 31)),
    )
    [item] = retention.due(world.vault, TODAY)
    assert item.purge.data_class is DataClass.SYNTHESIS
    names = [form for p in world.a.people for form in encodings(p.name)]
    drafts = [form for i in world.a.items for form in encodings(i.text)]
    keys = raw_rows(
        world.path,
        "SELECT wrapped FROM keyring WHERE intervention_id = ?",
        (world.a.intervention.id,),
    )
    retention.run(world.vault, item, TODAY)
    vault = world.reopen()
    assert [i.id for i in vault.interventions()] == [world.b.intervention.id]
    assert not hits(all_files(world.path.parent), keys + names + drafts)
    assert vault.participants(world.a.group.id) == []
    assert vault.draft_items(world.a.intervention.id) == []
    assert len(vault.participants(world.b.group.id)) == 3
    assert vault.check().ok
    [certificate] = certificates.certificates(vault)
    assert certificate.data_class == "synthesis"
    assert certificates.check(vault, certificate).ok


def test_old_audit_events_are_deleted_and_newer_kept(world: World) -> None:
    world.vault.auto_lock_seconds = 0
    settings.save_audit_rule(world.vault, AuditRule(1))
    old = {event.id for event in world.vault.audit_events()}
    world.clock.advance(40 * 86400)
    world.vault.record_event("export", audience="group")
    later = world.clock.now().date()
    [item] = [d for d in retention.due(world.vault, later) if d.purge.event_ids]
    assert item.purge.data_class is DataClass.AUDIT_LOG
    assert set(item.purge.event_ids) == old
    retention.run(world.vault, item, later)
    kinds = sorted(event.kind for event in world.vault.audit_events())
    assert kinds == ["export", "purge"]
    [certificate] = certificates.certificates(world.vault)
    assert certificate.counts["events"] == len(old) == certificate.counts["records"]


def test_a_failed_purge_is_all_or_nothing_then_finished_at_next_open(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    [item] = retention.due(world.vault, TODAY)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk pulled out")

    monkeypatch.setattr(shredding, "forget_manifests", broken)
    with pytest.raises(RuntimeError):
        retention.run(world.vault, item, TODAY)
    monkeypatch.undo()
    assert len(world.vault.sessions(world.a.group.id)) == 3
    assert certificates.certificates(world.vault) == []
    assert world.vault.check().ok
    vault = world.reopen()
    assert "purge-completed" in vault.warnings
    assert vault.sessions(world.a.group.id) == []
    [certificate] = certificates.certificates(vault)
    assert certificates.check(vault, certificate).ok


def test_a_purge_killed_after_its_marker_is_finished_with_one_certificate(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    [item] = retention.due(world.vault, TODAY)

    def crash(*_args: object, **_kwargs: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(shredding, "_execute", crash)
    with pytest.raises(KeyboardInterrupt):
        retention.run(world.vault, item, TODAY)
    monkeypatch.undo()
    vault = world.reopen()
    assert "purge-completed" in vault.warnings
    assert vault.sessions(world.a.group.id) == []
    assert not hits(all_files(world.path.parent), canaries_of_sessions(world.a))
    [certificate] = certificates.certificates(vault)
    assert certificates.check(vault, certificate).ok
    assert shredding.resume(vault) is None
    vault = world.reopen()
    assert "purge-completed" not in vault.warnings
    assert len(certificates.certificates(vault)) == 1


def test_a_purge_killed_after_its_commit_is_compacted_without_a_second_certificate(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    [item] = retention.due(world.vault, TODAY)

    def crash(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(shredding.shredding, "compact", crash)
    with pytest.raises(KeyboardInterrupt):
        retention.run(world.vault, item, TODAY)
    monkeypatch.undo()
    vault = world.reopen()
    assert "purge-completed" in vault.warnings
    assert len(certificates.certificates(vault)) == 1
    assert vault.check().ok


def test_session_anchor_purges_only_old_sessions(world: World) -> None:
    rule = RetentionRule(world.b.intervention.id, raw_months=10, raw_anchor=Anchor.SESSION)
    settings.save_rule(world.vault, rule)
    due = {d.purge.intervention_id: d for d in retention.due(world.vault, TODAY)}
    first, second = world.b.sessions
    chosen, kept = world.b.situations
    item = due[world.b.intervention.id]
    assert (item.purge.session_ids, item.purge.situation_ids) == ((first.id,), (chosen.id,))
    retention.run(world.vault, item, TODAY)
    assert [s.id for s in world.vault.sessions(world.b.group.id)] == [second.id]
    assert [s.id for s in world.vault.situations(world.b.group.id)] == [kept.id]
    left = {n.text for n in world.vault.notes(second.id)}
    assert left == {n.text for n in world.b.notes if n.session_id == second.id}
    assert world.vault.check().ok


def test_restoring_a_backup_from_before_the_purge_purges_again(
    world: World, tmp_path: Path
) -> None:
    backup = tmp_path / "before.pgvb"
    world.vault.backup(backup)
    [item] = retention.due(world.vault, TODAY)
    retention.run(world.vault, item, TODAY)
    ledger = world.vault.erasure_ledger()
    restored = Vault.restore(
        backup,
        tmp_path / "restored" / "vault.db",
        PASSPHRASE,
        clock=world.clock,
        erasure_ledger=ledger,
    )
    try:
        assert restored.sessions(world.a.group.id) == []
    finally:
        restored.close()


def test_raw_notes_going_before_any_report_is_exported_is_said(world: World) -> None:
    [item] = retention.due(world.vault, TODAY)
    assert not item.reported
    assert any("No report to the commissioners" in line for line in report.warning_lines(item))
    world.vault.record_event(
        "export", audience="commissioners", intervention=world.a.intervention.id, items=2
    )
    [item] = retention.due(world.vault, TODAY)
    assert item.reported
    assert report.warning_lines(item) == [report.cited_line(item)]


def test_leftover_situations_alone_can_be_purged(world: World) -> None:
    kept = world.b.situations[1]
    world.vault.update_situation(replace(kept, session_id="0" * 32))
    due = {d.purge.intervention_id: d for d in retention.due(world.vault, TODAY)}
    item = due[world.b.intervention.id]
    assert (item.purge.session_ids, item.purge.situation_ids) == ((), (kept.id,))
    outcome = retention.run(world.vault, item, TODAY)
    assert (outcome.records, outcome.key_ids) == (1, ())
    assert [s.id for s in world.vault.situations(world.b.group.id)] == [world.b.situations[0].id]
    assert len(world.vault.sessions(world.b.group.id)) == 2
