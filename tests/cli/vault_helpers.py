"""Run vault commands in-process with files on tmp_path, streams in memory, fast key derivation."""

from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from appsession.cli import passphrase as passphrase_module
from appsession.cli.context import CliContext
from appsession.cli.main import run
from appsession.core.clock import FakeClock
from appsession.paths import Paths
from appsession.vault import Vault

PASSPHRASE = "correct horse battery staple"
FLOOR = ("--kdf-profile", "floor")


@dataclass(frozen=True)
class Result:
    """What a command returned and printed."""

    code: int
    out: str
    err: str


@dataclass
class Cli:
    """One user's folders, with helpers to run commands against a vault."""

    tmp: Path
    paths: Paths
    clock: FakeClock

    def run(self, *argv: str, stdin: str = "") -> Result:
        out, err = io.StringIO(), io.StringIO()
        context = CliContext(
            paths=self.paths, clock=self.clock, stdin=io.StringIO(stdin), stdout=out, stderr=err
        )
        code = run(list(argv), context)
        return Result(code, out.getvalue(), err.getvalue())

    def secret_file(self, text: str = PASSPHRASE, name: str = "passphrase.txt") -> Path:
        path = self.tmp / name
        path.write_text(text + "\n", encoding="utf-8")
        path.chmod(0o600)
        return path

    def init(self, vault: Path, passphrase: str = PASSPHRASE) -> Path:
        result = self.run(
            "init",
            "--vault",
            str(vault),
            "--passphrase-file",
            str(self.secret_file(passphrase)),
            *FLOOR,
        )
        assert result.code == 0, result.err
        return vault

    def open(self, vault: Path, passphrase: str = PASSPHRASE) -> Vault:
        return Vault.open(vault, passphrase, clock=self.clock)


def terminal_answers(monkeypatch: pytest.MonkeyPatch, *answers: str) -> list[str]:
    """A person at the terminal typing ``answers`` in turn; returns the prompts shown."""
    prompts: list[str] = []
    queue = list(answers)

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        return queue.pop(0)

    monkeypatch.setattr(passphrase_module, "terminal_available", lambda _stream: True)
    monkeypatch.setattr(passphrase_module, "ask_hidden", ask)
    return prompts


def fingerprint(folder: Path) -> dict[str, tuple[str, int]]:
    """SHA-256 and mtime of every file under ``folder``: proof that nothing was written."""
    return {
        str(path.relative_to(folder)): (
            hashlib.sha256(path.read_bytes()).hexdigest(),
            os.stat(path).st_mtime_ns,
        )
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def one_line_error(result: Result) -> str:
    """Bad input gives exactly one line on stderr, starting with "appsession: "."""
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert len(lines) == 1, result.err
    assert lines[0].startswith("appsession: "), result.err
    assert "Traceback" not in result.err
    return lines[0]
