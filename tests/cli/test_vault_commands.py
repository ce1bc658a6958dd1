"""``init``, ``passwd``, ``check``: passphrases only from a file, stdin or a hidden prompt."""

from __future__ import annotations

import contextlib
import io
import sqlite3
from pathlib import Path

import pytest

from appsession.cli import passphrase as passphrase_module
from appsession.cli.context import CliContext
from appsession.cli.vault_access import warn_about
from tests.cli.vault_helpers import (
    FLOOR,
    PASSPHRASE,
    Cli,
    fingerprint,
    one_line_error,
    terminal_answers,
)

NEW_PASSPHRASE = "une toute nouvelle phrase"


def test_init_from_a_passphrase_file_shows_the_unlock_time(cli: Cli) -> None:
    vault = cli.tmp / "notes" / "vault.db"
    result = cli.run(
        "init", "--vault", str(vault), "--passphrase-file", str(cli.secret_file()), *FLOOR
    )
    assert result.code == 0, result.err
    assert f"Vault created: {vault}" in result.out
    assert "Unlocking takes" in result.out
    assert vault.stat().st_mode & 0o077 == 0
    cli.open(vault).close()


def test_init_uses_the_default_vault(cli: Cli) -> None:
    result = cli.run("init", "--passphrase-file", str(cli.secret_file()), *FLOOR)
    assert result.code == 0, result.err
    assert cli.paths.vault.is_file()


def test_init_asks_twice_at_the_terminal(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    prompts = terminal_answers(monkeypatch, PASSPHRASE, PASSPHRASE)
    result = cli.run("init", "--vault", str(cli.tmp / "v.db"), *FLOOR)
    assert result.code == 0, result.err
    assert prompts == ["New passphrase: ", "Same passphrase again: "]
    cli.open(cli.tmp / "v.db").close()


def test_init_refuses_two_different_passphrases(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    terminal_answers(monkeypatch, PASSPHRASE, PASSPHRASE + "!")
    result = cli.run("init", "--vault", str(cli.tmp / "v.db"), *FLOOR)
    assert result.code == 2
    assert "differ" in one_line_error(result)
    assert not (cli.tmp / "v.db").exists()


@pytest.mark.usefixtures("no_terminal")
def test_without_terminal_or_file_nothing_is_asked(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("APPSESSION_PASSPHRASE", PASSPHRASE)
    result = cli.run("init", "--vault", str(cli.tmp / "v.db"), *FLOOR)
    assert result.code == 2
    assert "--passphrase-file" in one_line_error(result)
    assert not (cli.tmp / "v.db").exists()


def test_no_option_takes_a_passphrase_on_the_command_line(cli: Cli) -> None:
    result = cli.run("init", "--vault", str(cli.tmp / "v.db"), "--passphrase", PASSPHRASE)
    assert result.code == 2
    assert not (cli.tmp / "v.db").exists()


def test_init_refuses_a_short_passphrase_and_writes_nothing(cli: Cli) -> None:
    result = cli.run(
        "init",
        "--vault",
        str(cli.tmp / "v.db"),
        "--passphrase-file",
        str(cli.secret_file("too short")),
        *FLOOR,
    )
    assert result.code != 0
    assert "12 characters" in one_line_error(result)
    assert not (cli.tmp / "v.db").exists()


def test_init_never_overwrites(cli: Cli) -> None:
    vault = cli.init(cli.tmp / "vaults" / "v.db")
    before = fingerprint(cli.tmp / "vaults")
    result = cli.run(
        "init", "--vault", str(vault), "--passphrase-file", str(cli.secret_file()), *FLOOR
    )
    assert result.code == 2
    assert "already exists" in one_line_error(result)
    assert fingerprint(cli.tmp / "vaults") == before


def test_passphrase_file_keeps_spaces_and_drops_only_the_line_end(cli: Cli) -> None:
    spaced = "  spaced out passphrase  "
    vault = cli.tmp / "v.db"
    source = cli.tmp / "spaced.txt"
    source.write_bytes(spaced.encode() + b"\r\nsecond line ignored\n")
    source.chmod(0o600)
    assert (
        cli.run("init", "--vault", str(vault), "--passphrase-file", str(source), *FLOOR).code == 0
    )
    cli.open(vault, spaced).close()
    wrong = cli.run(
        "check", "--vault", str(vault), "--passphrase-file", str(cli.secret_file(spaced.strip()))
    )
    assert wrong.code == 2


def test_passphrase_from_standard_input(cli: Cli) -> None:
    vault = cli.tmp / "v.db"
    result = cli.run(
        "init", "--vault", str(vault), "--passphrase-file", "-", *FLOOR, stdin=PASSPHRASE + "\n"
    )
    assert result.code == 0, result.err
    assert (
        cli.run("check", "--vault", str(vault), "--passphrase-file", "-", stdin=PASSPHRASE).code
        == 0
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"", "empty"), (b"\n", "empty"), (b"\xff\xfe\x00bad", "UTF-8")],
)
def test_unusable_passphrase_files(cli: Cli, content: bytes, expected: str) -> None:
    source = cli.tmp / "bad.txt"
    source.write_bytes(content)
    source.chmod(0o600)
    result = cli.run("init", "--vault", str(cli.tmp / "v.db"), "--passphrase-file", str(source))
    assert result.code == 2
    assert expected in one_line_error(result)


def test_missing_passphrase_file(cli: Cli) -> None:
    result = cli.run(
        "init", "--vault", str(cli.tmp / "v.db"), "--passphrase-file", str(cli.tmp / "absent.txt")
    )
    assert result.code == 2
    assert "cannot read the passphrase file" in one_line_error(result)


def test_a_passphrase_file_others_can_read_is_flagged(cli: Cli) -> None:
    source = cli.secret_file()
    source.chmod(0o644)
    result = cli.run(
        "init", "--vault", str(cli.tmp / "v.db"), "--passphrase-file", str(source), *FLOOR
    )
    assert result.code == 0
    assert "other users can read" in result.err


def test_wrong_passphrase_leaves_every_file_as_it_was(cli: Cli) -> None:
    vault = cli.init(cli.tmp / "vaults" / "v.db")
    wrong = cli.secret_file("not the right passphrase", name="wrong.txt")
    before = fingerprint(cli.tmp / "vaults")
    result = cli.run("check", "--vault", str(vault), "--passphrase-file", str(wrong))
    assert result.code == 2
    assert "wrong passphrase" in one_line_error(result)
    assert fingerprint(cli.tmp / "vaults") == before


def test_check_on_a_missing_vault(cli: Cli) -> None:
    result = cli.run(
        "check", "--vault", str(cli.tmp / "none.db"), "--passphrase-file", str(cli.secret_file())
    )
    assert result.code == 2
    assert "no vault" in one_line_error(result)


def _vault_with_notes(cli: Cli) -> tuple[Path, list[str]]:
    vault = cli.init(cli.tmp / "v.db")
    with cli.open(vault) as opened:
        from appsession.core.model import Note

        intervention = opened.add_intervention("Cycle APP")
        group = opened.add_group(intervention.id, "Groupe 1")
        session = opened.add_session(group.id, 1, "2026-01-15", "app-classique", "1.0", "x")
        ids = [opened.save_note(Note("", session.id, f"note {i}")).id for i in range(3)]
    return vault, ids


def test_check_reports_a_whole_vault(cli: Cli) -> None:
    vault, _ids = _vault_with_notes(cli)
    result = cli.run("check", "--vault", str(vault), "--passphrase-file", str(cli.secret_file()))
    assert result.code == 0, result.err
    assert "The vault is whole." in result.out
    assert "Records verified: " in result.out


def test_check_names_a_damaged_note_and_exits_1(cli: Cli) -> None:
    vault, ids = _vault_with_notes(cli)
    with sqlite3.connect(vault) as conn:
        (body,) = conn.execute("SELECT body FROM notes WHERE id = ?", (ids[1],)).fetchone()
        flipped = body[:40] + bytes([body[40] ^ 1]) + body[41:]
        conn.execute("UPDATE notes SET body = ? WHERE id = ?", (flipped, ids[1]))
    conn.close()
    result = cli.run("check", "--vault", str(vault), "--passphrase-file", str(cli.secret_file()))
    assert result.code == 1
    assert f"record {ids[1]} in notes failed its integrity check" in result.out
    assert ids[0] not in result.out
    assert "Problems found: 1." in result.out


def test_check_names_a_deleted_note(cli: Cli) -> None:
    vault, ids = _vault_with_notes(cli)
    with sqlite3.connect(vault) as conn:
        conn.execute("DELETE FROM notes WHERE id = ?", (ids[2],))
    conn.close()
    result = cli.run("check", "--vault", str(vault), "--passphrase-file", str(cli.secret_file()))
    assert result.code == 1
    assert f"record {ids[2]} in notes is missing" in result.out


def test_passwd_from_files(cli: Cli) -> None:
    vault, _ids = _vault_with_notes(cli)
    new = cli.secret_file(NEW_PASSPHRASE, name="new.txt")
    result = cli.run(
        "passwd",
        "--vault",
        str(vault),
        "--passphrase-file",
        str(cli.secret_file()),
        "--new-passphrase-file",
        str(new),
        *FLOOR,
    )
    assert result.code == 0, result.err
    assert "Passphrase changed" in result.out
    old = cli.run("check", "--vault", str(vault), "--passphrase-file", str(cli.secret_file()))
    assert old.code == 2
    assert cli.run("check", "--vault", str(vault), "--passphrase-file", str(new)).code == 0


def test_passwd_both_from_standard_input(cli: Cli) -> None:
    vault = cli.init(cli.tmp / "v.db")
    result = cli.run(
        "passwd",
        "--vault",
        str(vault),
        "--passphrase-file",
        "-",
        "--new-passphrase-file",
        "-",
        *FLOOR,
        stdin=f"{PASSPHRASE}\n{NEW_PASSPHRASE}\n",
    )
    assert result.code == 0, result.err
    cli.open(vault, NEW_PASSPHRASE).close()


def test_passwd_at_the_terminal_keeps_the_old_one_on_a_typo(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = cli.init(cli.tmp / "vaults" / "v.db")
    before = fingerprint(cli.tmp / "vaults")
    prompts = terminal_answers(monkeypatch, PASSPHRASE, NEW_PASSPHRASE, NEW_PASSPHRASE + "x")
    result = cli.run("passwd", "--vault", str(vault), *FLOOR)
    assert result.code == 2
    assert prompts == ["Current passphrase: ", "New passphrase: ", "Same passphrase again: "]
    assert fingerprint(cli.tmp / "vaults") == before
    cli.open(vault).close()


def test_passwd_with_a_wrong_current_passphrase_changes_nothing(cli: Cli) -> None:
    vault = cli.init(cli.tmp / "vaults" / "v.db")
    before = fingerprint(cli.tmp / "vaults")
    result = cli.run(
        "passwd",
        "--vault",
        str(vault),
        "--passphrase-file",
        str(cli.secret_file("not the right passphrase")),
        "--new-passphrase-file",
        str(cli.secret_file(NEW_PASSPHRASE, name="new.txt")),
        *FLOOR,
    )
    assert result.code == 2
    assert "wrong passphrase" in one_line_error(result)
    assert fingerprint(cli.tmp / "vaults") == before


def test_messages_in_french(cli: Cli) -> None:
    result = cli.run(
        "--lang",
        "fr",
        "check",
        "--vault",
        str(cli.tmp / "absent.db"),
        "--passphrase-file",
        str(cli.secret_file()),
    )
    assert result.code == 2
    assert "coffre" in one_line_error(result)
    assert "Détruire" in _help(cli, "withdraw", "fr")


def _help(cli: Cli, command: str, lang: str) -> str:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        cli.run("--lang", lang, command, "--help")
    return buffer.getvalue()


def test_standard_input_without_a_line(cli: Cli) -> None:
    result = cli.run("init", "--vault", str(cli.tmp / "v.db"), "--passphrase-file", "-", *FLOOR)
    assert result.code == 2
    assert "no passphrase on standard input" in one_line_error(result)


def test_end_of_input_at_the_prompt(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    def end_of_input(_prompt: str) -> str:
        raise EOFError

    terminal_answers(monkeypatch)
    monkeypatch.setattr(passphrase_module, "ask_hidden", end_of_input)
    result = cli.run("init", "--vault", str(cli.tmp / "v.db"), *FLOOR)
    assert result.code == 2
    assert "no passphrase given" in one_line_error(result)
    assert not (cli.tmp / "v.db").exists()


def test_what_the_vault_noticed_at_opening_is_said_on_stderr(cli: Cli) -> None:
    class Opened:
        warnings = ("weak-kdf", "withdrawal-completed")

    err = io.StringIO()
    warn_about(Opened(), CliContext(stderr=err))  # type: ignore[arg-type]
    lines = err.getvalue().splitlines()
    assert len(lines) == 2
    assert all(line.startswith("appsession: warning: ") for line in lines)
    assert "withdrawal was completed" in lines[1]


@pytest.mark.parametrize("command", ["init", "demo"])
def test_an_impossible_folder_is_one_line_not_a_traceback(cli: Cli, command: str) -> None:
    blocker = cli.tmp / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = cli.run(
        command,
        "--vault",
        str(blocker / "sub" / "v.db"),
        "--passphrase-file",
        str(cli.secret_file()),
        "--no-tui" if command == "demo" else "--lang=en",
        *FLOOR,
    )
    assert result.code == 1
    assert "cannot use" in one_line_error(result)
