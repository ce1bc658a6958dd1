"""``purge``, ``retention``, ``participant export`` and ``papers`` from the command line."""

from __future__ import annotations

import io
import stat
from dataclasses import dataclass
from pathlib import Path

import pytest

from appsession.cli.context import CliContext
from appsession.cli.main import run
from appsession.core.clock import FakeClock
from appsession.export.files import docx_texts
from appsession.paths import Paths
from tests.cli.vault_helpers import fingerprint, one_line_error
from tests.privacy.conftest import PASSPHRASE, World, make_world


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


@dataclass
class Shell:
    """A user at the command line, with the world's vault closed on disk."""

    world: World
    tmp: Path

    def run(self, *argv: str, stdin: str = "") -> Result:
        secret = self.tmp / "passphrase.txt"
        if not secret.exists():
            secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
            secret.chmod(0o600)
        out, err = io.StringIO(), io.StringIO()
        context = CliContext(
            paths=Paths(self.tmp / "data", self.tmp / "config"),
            clock=self.world.clock,
            stdin=io.StringIO(stdin),
            stdout=out,
            stderr=err,
        )
        vault = ("--vault", str(self.world.path), "--passphrase-file", str(secret))
        code = run([*argv, *vault], context)
        return Result(code, out.getvalue(), err.getvalue())


@pytest.fixture
def shell(tmp_path: Path, clock: FakeClock) -> Shell:
    made = make_world(tmp_path / "vault" / "vault.db", clock)
    made.vault.close()
    return Shell(made, tmp_path)


def test_retention_show_names_the_rules_and_what_is_due(shell: Shell) -> None:
    result = shell.run("retention", "show")
    assert result.code == 0, result.err
    assert "Mission A" in result.out
    assert "end of cycle: 2025-11-30 (from the intervention's period)" in result.out
    assert "next deadline, raw session notes: 2026-02-28 (due)" in result.out
    assert "Due today: 1 purge; run `appsession purge --due`." in result.out


def test_retention_set_changes_only_what_is_given(shell: Shell) -> None:
    result = shell.run(
        "retention",
        "set",
        "--intervention",
        "Mission B",
        "--raw-months",
        "1",
        "--cycle-end",
        "2026-01-31",
        "--audit-months",
        "72",
    )
    assert result.code == 0, result.err
    assert "end of cycle: 2026-01-31" in result.out
    assert "raw notes: 1 month after the end of the cycle" in result.out
    assert "whole intervention: 12 months" in result.out
    assert "72 months after each event" in result.out
    shown = shell.run("retention", "show", "--intervention", "Mission B").out
    assert "next deadline, raw session notes: 2026-02-28 (due)" in shown


def test_retention_set_refuses_bad_input_on_one_line(shell: Shell) -> None:
    bad_date = shell.run("retention", "set", "--intervention", "Mission A", "--cycle-end", "soon")
    assert bad_date.code == 2
    assert "is not a date" in one_line_error(bad_date)
    too_long = shell.run("retention", "set", "--intervention", "Mission A", "--raw-months", "900")
    assert too_long.code == 2
    assert "between 0 and 600 months" in one_line_error(too_long)
    ambiguous = shell.run("retention", "set", "--raw-months", "2")
    assert "name one with --intervention" in one_line_error(ambiguous)


def test_purge_asks_first_and_a_no_changes_nothing(shell: Shell) -> None:
    before = fingerprint(shell.world.path.parent)
    result = shell.run("purge", "--due", stdin="no\n")
    assert result.code == 1
    assert "cancelled" in one_line_error(result)
    assert "Mission A: raw notes of Groupe A: sessions 1, 2, 3" in result.out
    assert "2 draft items cite these notes" in result.out
    assert "Not reached" in result.out
    assert fingerprint(shell.world.path.parent) == before


def test_purge_yes_destroys_certifies_and_exports_the_certificate(shell: Shell) -> None:
    out = shell.tmp / "certificate.md"
    result = shell.run("purge", "--due", "--out", str(out), stdin="yes\n")
    assert result.code == 0, result.err
    assert "Purged:" in result.out
    certificate = out.read_text(encoding="utf-8")
    assert "Raw session notes" in certificate
    assert "keys are absent from the vault and listed in its erasure ledger" in certificate
    assert "CANARY" not in certificate
    assert "Zoë" not in certificate
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    listed = shell.run("purge", "--list")
    [line] = listed.out.splitlines()
    assert "raw session notes" in line
    again = shell.run("purge", "--due")
    assert again.out.strip() == "Nothing is due for purge today."
    docx_out = shell.tmp / "again.docx"
    exported = shell.run("purge", "--certificate", line.split()[0], "--out", str(docx_out))
    assert exported.code == 0, exported.err
    text = "\n".join(docx_texts(docx_out.read_bytes()).values())
    assert "Purge certificate" in text


def test_purge_certificate_needs_out_and_a_known_id(shell: Shell) -> None:
    assert "needs --out" in one_line_error(shell.run("purge", "--certificate", "abc"))
    unknown = shell.run("purge", "--certificate", "abcdef12", "--out", str(shell.tmp / "c.md"))
    assert "no single purge certificate" in one_line_error(unknown)


def test_participant_export_writes_their_file(shell: Shell) -> None:
    out = shell.tmp / "pa1.md"
    result = shell.run("participant", "export", "PA1", "--out", str(out))
    assert result.code == 0, result.err
    assert "3 notes by other people that name this participant" in result.out
    text = out.read_text(encoding="utf-8")
    assert "CANARY-A-s2-PA1-1" in text
    assert "CANARY-A-s2-PA0-1" not in text
    refused = shell.run("participant", "export", "PA1", "--out", str(out))
    assert refused.code == 2
    assert "already exists" in one_line_error(refused)
    assert shell.run("participant", "export", "PA1", "--out", str(out), "--force").code == 0


@pytest.mark.parametrize("kind", ["consent-form", "notice", "register", "dpia"])
def test_papers_are_written_in_the_chosen_language(shell: Shell, kind: str) -> None:
    out = shell.tmp / f"{kind}.docx"
    result = shell.run(
        "--lang", "fr", "papers", kind, "--intervention", "Mission A", "--out", str(out)
    )
    assert result.code == 0, result.err
    text = "\n".join(docx_texts(out.read_bytes()).values())
    assert "Mission A" in text
    assert "Zoë" not in text
    assert "RGPD" in text or "accord" in text


def test_paper_settings_are_kept_and_used(shell: Shell) -> None:
    result = shell.run(
        "papers",
        "settings",
        "--intervention",
        "Mission A",
        "--controller",
        "Anne Roussel EI",
        "--contact",
        "anne@example.org",
        "--role",
        "processor",
    )
    assert result.code == 0, result.err
    assert "controller: Anne Roussel EI" in result.out
    assert "role: processor" in result.out
    out = shell.tmp / "notice.md"
    shell.run("papers", "notice", "--intervention", "Mission A", "--out", str(out))
    notice = out.read_text(encoding="utf-8")
    assert "anne@example.org" in notice
    assert "processor on behalf of the commissioner (Ville A)" in notice


def test_papers_need_one_intervention(shell: Shell) -> None:
    result = shell.run("papers", "register", "--out", str(shell.tmp / "r.md"))
    assert result.code == 2
    assert "several interventions match" in one_line_error(result)


def test_a_hold_suspends_purges_until_released(shell: Shell) -> None:
    held = shell.run("retention", "set", "--intervention", "Mission A", "--hold")
    assert held.code == 0, held.err
    assert "on hold: nothing of it will be purged" in held.out
    assert shell.run("purge", "--due").out.strip() == "Nothing is due for purge today."
    shell.run("retention", "set", "--intervention", "Mission A", "--release")
    assert "Due for purge" in shell.run("purge", "--due", stdin="no\n").out


def test_purge_refuses_a_taken_certificate_file_before_purging(shell: Shell) -> None:
    taken = shell.tmp / "taken.md"
    taken.write_text("mine", encoding="utf-8")
    before = fingerprint(shell.world.path.parent)
    result = shell.run("purge", "--due", "--yes", "--out", str(taken))
    assert result.code == 2
    assert "already exists" in one_line_error(result)
    assert fingerprint(shell.world.path.parent) == before
