"""``withdraw``, ``backup`` and ``restore`` from the command line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from appsession.core.model import Consent, Note
from tests.cli.vault_helpers import PASSPHRASE, Cli, fingerprint, one_line_error

CANARY = "CANARY-7f3a Zoë-Ångström"


@dataclass(frozen=True)
class Fixture:
    """A vault with two groups that both have a "P1", and who said what."""

    vault: Path
    notes_of: dict[str, list[str]]
    sessions: list[str]


def two_groups(cli: Cli) -> Fixture:
    vault = cli.init(cli.tmp / "vaults" / "v.db")
    notes_of: dict[str, list[str]] = {}
    with cli.open(vault) as opened:
        intervention = opened.add_intervention("Cycle APP")
        sessions: list[str] = []
        for group_name in ("Conseillères France services", "Travailleurs sociaux"):
            group = opened.add_group(intervention.id, group_name)
            people = [
                opened.add_participant(group.id, f"{group_name} {i}", f"P{i}") for i in (1, 2)
            ]
            for person in people:
                opened.set_consent(Consent(person.id, note_taking=True))
            for number in (1, 2):
                session = opened.add_session(
                    group.id, number, "2026-01-15", "app-classique", "1.0", "x"
                )
                sessions.append(session.id)
                for person in people:
                    text = f"{CANARY} {group_name} {person.pseudonym} séance {number}"
                    note = opened.save_note(Note("", session.id, text, speaker_id=person.id))
                    notes_of.setdefault(f"{group_name}/{person.pseudonym}", []).append(note.id)
    return Fixture(vault, notes_of, sessions)


def remaining_notes(cli: Cli, vault: Path) -> set[str]:
    with cli.open(vault) as opened:
        return {note.id for note in opened.all_notes()}


def test_withdraw_asks_and_a_no_changes_nothing(cli: Cli) -> None:
    fixture = two_groups(cli)
    before = fingerprint(fixture.vault.parent)
    result = cli.run(
        "withdraw",
        "P2",
        "--group",
        "france",
        "--vault",
        str(fixture.vault),
        "--passphrase-file",
        str(cli.secret_file()),
        stdin="no\n",
    )
    assert result.code == 1
    assert "cancelled" in one_line_error(result)
    assert 'Type "yes" to withdraw' in result.out
    assert "Destroyed for good" in result.out
    assert "Not reached" in result.out
    assert fingerprint(fixture.vault.parent) == before


def test_withdraw_everywhere_after_yes(cli: Cli) -> None:
    fixture = two_groups(cli)
    result = cli.run(
        "withdraw",
        "p2",
        "--group",
        "france",
        "--vault",
        str(fixture.vault),
        "--passphrase-file",
        str(cli.secret_file()),
        stdin="oui\n",
    )
    assert result.code == 0, result.err
    assert "(2)" in result.out  # two notes announced
    assert "Withdrawn in " in result.out
    assert "keys erased: " in result.out
    assert "DOCX" in result.out
    gone = set(fixture.notes_of["Conseillères France services/P2"])
    left = remaining_notes(cli, fixture.vault)
    assert not gone & left
    assert set(fixture.notes_of["Travailleurs sociaux/P2"]) <= left
    assert len(left) == 6


def test_withdraw_from_one_session_with_yes_option(cli: Cli) -> None:
    fixture = two_groups(cli)
    result = cli.run(
        "withdraw",
        "P1",
        "--group",
        "sociaux",
        "--session",
        "2",
        "--yes",
        "--vault",
        str(fixture.vault),
        "--passphrase-file",
        str(cli.secret_file()),
    )
    assert result.code == 0, result.err
    assert "from session 2" in result.out
    first, second = fixture.notes_of["Travailleurs sociaux/P1"]
    left = remaining_notes(cli, fixture.vault)
    assert first in left
    assert second not in left


def test_passphrase_and_confirmation_both_from_standard_input(cli: Cli) -> None:
    fixture = two_groups(cli)
    result = cli.run(
        "withdraw",
        "P1",
        "--group",
        "france",
        "--vault",
        str(fixture.vault),
        "--passphrase-file",
        "-",
        stdin=f"{PASSPHRASE}\nyes\n",
    )
    assert result.code == 0, result.err
    assert not set(fixture.notes_of["Conseillères France services/P1"]) & remaining_notes(
        cli, fixture.vault
    )


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["P1"], "several groups"),
        (["P9"], "no participant"),
        (["P1", "--group", "nowhere"], "no participant"),
        (["P1", "--group", "france", "--session", "7"], "no session 7"),
    ],
)
def test_withdraw_bad_targets_change_nothing(cli: Cli, argv: list[str], expected: str) -> None:
    fixture = two_groups(cli)
    before = fingerprint(fixture.vault.parent)
    result = cli.run(
        "withdraw",
        *argv,
        "--yes",
        "--vault",
        str(fixture.vault),
        "--passphrase-file",
        str(cli.secret_file()),
    )
    assert result.code == 2
    assert expected in one_line_error(result)
    assert fingerprint(fixture.vault.parent) == before


def test_backup_then_restore_into_a_new_vault(cli: Cli) -> None:
    fixture = two_groups(cli)
    backup = cli.tmp / "copy.pgvb"
    secret = str(cli.secret_file())
    result = cli.run(
        "backup", "--out", str(backup), "--vault", str(fixture.vault), "--passphrase-file", secret
    )
    assert result.code == 0, result.err
    assert "Backup written" in result.out
    raw = backup.read_bytes()
    assert b"SQLite format 3" not in raw
    assert CANARY.encode() not in raw
    restored = cli.tmp / "restored" / "v.db"
    result = cli.run("restore", str(backup), "--vault", str(restored), "--passphrase-file", secret)
    assert result.code == 0, result.err
    assert remaining_notes(cli, restored) == remaining_notes(cli, fixture.vault)


def test_restore_reapplies_withdrawals_made_since_the_backup(cli: Cli) -> None:
    fixture = two_groups(cli)
    backup, secret = cli.tmp / "before.pgvb", str(cli.secret_file())
    assert (
        cli.run(
            "backup",
            "--out",
            str(backup),
            "--vault",
            str(fixture.vault),
            "--passphrase-file",
            secret,
        ).code
        == 0
    )
    assert (
        cli.run(
            "withdraw",
            "P1",
            "--group",
            "france",
            "--yes",
            "--vault",
            str(fixture.vault),
            "--passphrase-file",
            secret,
        ).code
        == 0
    )
    restored = cli.tmp / "restored.db"
    result = cli.run(
        "restore",
        str(backup),
        "--vault",
        str(restored),
        "--passphrase-file",
        secret,
        "--ledger-from",
        str(fixture.vault),
    )
    assert result.code == 0, result.err
    assert "applied again" in result.out
    left = remaining_notes(cli, restored)
    assert not set(fixture.notes_of["Conseillères France services/P1"]) & left
    assert len(left) == 6


def test_backup_never_overwrites(cli: Cli) -> None:
    fixture = two_groups(cli)
    backup = cli.tmp / "copy.pgvb"
    backup.write_bytes(b"precious")
    result = cli.run(
        "backup",
        "--out",
        str(backup),
        "--vault",
        str(fixture.vault),
        "--passphrase-file",
        str(cli.secret_file()),
    )
    assert result.code == 2
    assert "already exists" in one_line_error(result)
    assert backup.read_bytes() == b"precious"


def test_restore_refuses_an_existing_target_and_a_wrong_passphrase(cli: Cli) -> None:
    fixture = two_groups(cli)
    backup, secret = cli.tmp / "copy.pgvb", str(cli.secret_file())
    assert (
        cli.run(
            "backup",
            "--out",
            str(backup),
            "--vault",
            str(fixture.vault),
            "--passphrase-file",
            secret,
        ).code
        == 0
    )
    existing = cli.run(
        "restore", str(backup), "--vault", str(fixture.vault), "--passphrase-file", secret
    )
    assert existing.code == 2
    assert "already exists" in one_line_error(existing)
    target = cli.tmp / "new" / "v.db"
    wrong = cli.run(
        "restore",
        str(backup),
        "--vault",
        str(target),
        "--passphrase-file",
        str(cli.secret_file("not the right passphrase", name="wrong.txt")),
    )
    assert wrong.code == 2
    assert "wrong passphrase" in one_line_error(wrong)
    assert not target.exists()


def test_restore_of_a_damaged_backup_writes_nothing(cli: Cli) -> None:
    fixture = two_groups(cli)
    backup, secret = cli.tmp / "copy.pgvb", str(cli.secret_file())
    assert (
        cli.run(
            "backup",
            "--out",
            str(backup),
            "--vault",
            str(fixture.vault),
            "--passphrase-file",
            secret,
        ).code
        == 0
    )
    raw = bytearray(backup.read_bytes())
    raw[len(raw) // 2] ^= 0x40
    backup.write_bytes(bytes(raw))
    target = cli.tmp / "new.db"
    result = cli.run("restore", str(backup), "--vault", str(target), "--passphrase-file", secret)
    assert result.code != 0
    one_line_error(result)
    assert not target.exists()


def test_restore_of_a_missing_backup(cli: Cli) -> None:
    result = cli.run(
        "restore",
        str(cli.tmp / "none.pgvb"),
        "--vault",
        str(cli.tmp / "n.db"),
        "--passphrase-file",
        str(cli.secret_file()),
    )
    assert result.code == 2
    assert "no backup file" in one_line_error(result)
