"""Killed mid-typing (kill -9), restarted: the text being typed is there.

The app runs in a real pseudo-terminal, in another process, exactly as a facilitator starts it.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

from appsession.core.clock import SystemClock
from appsession.paths import Paths
from appsession.vault import FLOOR, Vault
from tests.conftest import REPO
from tests.tui.conftest import PASSPHRASE, seed
from tests.tui.test_lock import running_session

TYPED = "elle dit que personne ne l'écoute"


class Terminal:
    """The app in a pseudo-terminal of 100×30, its output collected in the background."""

    def __init__(self, environment: dict[str, str]) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "appsession", "--lang", "en"],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=environment,
            cwd=REPO,
            start_new_session=True,
        )
        os.close(slave)
        self.master = master
        self.output = bytearray()
        self.reader = threading.Thread(target=self._drain, daemon=True)
        self.reader.start()

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output.extend(chunk)

    def wait_for(self, text: str, timeout: float = 20.0) -> None:
        """Wait until ``text`` has been drawn."""
        deadline = time.monotonic() + timeout
        needle = text.encode("utf-8")
        while needle not in self.output:
            assert time.monotonic() < deadline, f"{text!r} never shown: {self.visible()[-600:]}"
            assert self.process.poll() is None, "the app stopped"
            time.sleep(0.05)

    def visible(self) -> str:
        """The output without escape sequences (for failure messages)."""
        return re.sub(
            r"\x1b\[[0-9;?<>=]*[a-zA-Z]|\x1b[\]P][^\x07\x1b]*(\x07|\x1b\\)?",
            "",
            self.output.decode("utf-8", "replace"),
        )

    def type(self, text: str) -> None:
        """Keys, as a person types them."""
        for character in text:
            os.write(self.master, character.encode("utf-8"))
            time.sleep(0.01)

    def kill(self) -> None:
        """kill -9, no chance to save anything."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        os.close(self.master)


def environment(root: Path) -> dict[str, str]:
    keep = {key: value for key, value in os.environ.items() if key in ("PATH", "HOME")}
    return {
        **keep,
        "XDG_DATA_HOME": str(root / "data"),
        "XDG_CONFIG_HOME": str(root / "config"),
        "TERM": "xterm-256color",
        "LANG": "en_US.UTF-8",
        "COLORTERM": "truecolor",
    }


def test_text_being_typed_survives_kill_9(tmp_path: Path) -> None:
    paths = Paths(tmp_path / "data" / "appsession", tmp_path / "config" / "appsession")
    clock = SystemClock()
    vault, _key = Vault.create(paths.vault, PASSPHRASE, clock=clock, kdf=FLOOR)
    today = clock.now().astimezone().date().isoformat()
    session = running_session(vault, seed(vault), day=today)
    vault.close()
    paths.ensure()
    (paths.config_dir / "tui.json").write_text(json.dumps({"autosave_seconds": 0.3}))

    first = Terminal(environment(tmp_path))
    try:
        first.wait_for("Passphrase")
        first.type(PASSPHRASE + "\r")
        first.wait_for("open the session")
        first.type("\r")
        first.wait_for("Enter saves")
        first.type(TYPED)
        time.sleep(1.5)
    finally:
        first.kill()

    after = Vault.open(paths.vault, PASSPHRASE, clock=clock)
    try:
        assert after.pending_text(session.id) == TYPED
        assert after.notes(session.id) == []
    finally:
        after.close()

    second = Terminal(environment(tmp_path))
    try:
        second.wait_for("Passphrase")
        second.type(PASSPHRASE + "\r")
        second.wait_for("open the session")
        second.type("\r")
        second.wait_for("is back")
        second.wait_for(TYPED[-12:])
    finally:
        second.kill()
