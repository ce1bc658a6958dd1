"""The installed ``appsession`` script, run from outside the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(sys.executable).with_name("appsession")


def run_script(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    environ["LC_ALL"] = "C.UTF-8"
    return subprocess.run(
        [str(SCRIPT), *argv],
        cwd=cwd,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_init_and_check_with_the_console_script(tmp_path: Path) -> None:
    secret = tmp_path / "passphrase.txt"
    secret.write_text("a passphrase for the script\n", encoding="utf-8")
    secret.chmod(0o600)
    init = run_script(
        "init",
        "--vault",
        "v.db",
        "--passphrase-file",
        "passphrase.txt",
        "--kdf-profile",
        "floor",
        cwd=tmp_path,
    )
    assert init.returncode == 0, init.stderr
    assert "Vault created: v.db" in init.stdout
    check = run_script(
        "check", "--vault", "v.db", "--passphrase-file", "passphrase.txt", cwd=tmp_path
    )
    assert check.returncode == 0, check.stderr
    assert "The vault is whole." in check.stdout
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase at all\n", encoding="utf-8")
    wrong.chmod(0o600)
    refused = run_script("check", "--vault", "v.db", "--passphrase-file", "wrong.txt", cwd=tmp_path)
    assert refused.returncode == 2
    assert refused.stderr.strip() == "appsession: wrong passphrase (or modified vault header)"
    assert "passphrase for the script" not in refused.stderr + refused.stdout
