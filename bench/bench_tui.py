"""The live session's speed, measured the way a facilitator feels it, in a real terminal.

* start to unlock screen: ``python -m appsession`` in a pseudo-terminal, until the passphrase
  field is drawn (target < 1 s);
* Enter to note shown and durably saved, in a 72,000-note demo vault (240 sessions × 300
  notes): the app runs on the demo's latest session; each note is typed key by key, then the
  time from the Enter key to the note drawn in the list is taken from the terminal's output
  (the save, encrypted and committed with ``synchronous=FULL``, happens before the list is
  redrawn) (target p99 < 50 ms). The same is measured on a bare Textual app (an entry line
  and a log, no storage): the floor of the machine it runs on;
* the save alone (``LiveSession.add_note``: parse, encrypt, durable commit), in this process.

``--quick`` (or ``APPSESSION_BENCH_QUICK=1``): 24 × 100 notes and fewer runs.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import shlex
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

PASSPHRASE = "benchmark passphrase, fictional data only"
TYPING_SECONDS = 0.008
REPO = Path(__file__).resolve().parent.parent


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="24 × 100 notes, fewer runs")
    parser.add_argument("--notes", type=int, help="notes typed for the latency (default 300)")
    parser.add_argument("--starts", type=int, help="cold starts measured (default 7)")
    parser.add_argument("--child", nargs=2, metavar=("VAULT", "PASSFILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.quick = args.quick or os.environ.get("APPSESSION_BENCH_QUICK") == "1"
    args.sessions, args.per_session = (24, 100) if args.quick else (240, 300)
    args.notes = args.notes or (60 if args.quick else 300)
    args.starts = args.starts or (3 if args.quick else 7)
    return args


def say(name: str, value: str, target: str = "", ok: bool | None = None) -> None:
    """One figure, its target, and whether it meets it."""
    verdict = "" if ok is None else ("  ok" if ok else "  OVER TARGET")
    aim = f"target {target}" if target else ""
    print(f"  {name:<44} {value:>10}   {aim}{verdict}".rstrip(), flush=True)


def percentile(values: list[float], share: float) -> float:
    """The ``share`` percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


class Terminal:
    """A command in a 100×30 pseudo-terminal, its output collected in the background."""

    def __init__(self, command: list[str], environment: dict[str, str]) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            command, stdin=slave, stdout=slave, stderr=slave, env=environment, cwd=REPO
        )
        os.close(slave)
        self.master = master
        self.output = bytearray()
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output.extend(chunk)

    def wait_for(self, text: str, after: int = 0, timeout: float = 60.0) -> float:
        """Seconds (perf_counter) at which ``text`` appeared in the output after ``after``."""
        needle = text.encode("utf-8")
        deadline = time.perf_counter() + timeout
        while needle not in self.output[after:]:
            if time.perf_counter() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"{text!r} never shown: …{self.visible()[-800:]}")
            time.sleep(0.0005)
        return time.perf_counter()

    def visible(self) -> str:
        """The output without escape sequences (for error messages)."""
        raw = self.output.decode("utf-8", "replace")
        return re.sub(r"\x1b(\[[0-9;?<>=]*[a-zA-Z]|[\]P][^\x07\x1b]*(\x07|\x1b\\)?)", "", raw)

    def write(self, text: str) -> None:
        os.write(self.master, text.encode("utf-8"))

    def type(self, text: str) -> None:
        """Keys at 125 a second: faster than anyone types, but one at a time."""
        for character in text:
            self.write(character)
            time.sleep(TYPING_SECONDS)

    def stop(self) -> None:
        self.process.kill()
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
    }


def build(folder: Path, args: argparse.Namespace) -> tuple[Path, Path]:
    """The demo vault, made by the real command."""
    secret = folder / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    secret.chmod(0o600)
    vault = folder / "bench.db"
    command = [sys.executable, "-m", "appsession", "demo", "--no-tui", "--vault", str(vault)]
    command += ["--passphrase-file", str(secret), "--sessions", str(args.sessions)]
    command += ["--notes-per-session", str(args.per_session), "--kdf-profile", "floor"]
    command += ["--lang", "en"]
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    say("demo vault built", f"{time.perf_counter() - start:.1f} s")
    say("notes in the vault", f"{args.sessions * args.per_session:,}")
    return vault, secret


APP_ONLY = (
    "from appsession import i18n; i18n.set_language('en');"
    "from appsession.cli.context import CliContext;"
    "from appsession.tui.launch import launch; raise SystemExit(launch(CliContext()))"
)
"""The app without the command line (whose parser imports every command's modules)."""


def cold_starts(vault: Path, folder: Path, runs: int) -> None:
    """Process start until the passphrase field is drawn: the whole command, then the app.

    Measured in tmux, a terminal that answers the queries Textual sends at start (a bare
    pseudo-terminal does not, and Textual then waits about a second for the answers).
    """
    if shutil.which("tmux") is None:
        say("start to unlock screen", "no tmux: not measured")
        return
    home = folder / "start"
    data = home / "data" / "appsession"
    data.mkdir(parents=True, exist_ok=True)
    target = data / "vault.db"
    if not target.exists():
        target.symlink_to(vault)
    commands = {
        "appsession": [sys.executable, "-m", "appsession", "--lang", "en"],
        "tui.launch alone": [sys.executable, "-c", APP_ONLY],
    }
    for name, command in commands.items():
        times = [tmux_start(command, environment(home)) for _ in range(runs)]
        slowest = max(times)
        say(f"start to unlock ({name}), median", f"{statistics.median(times) * 1000:.0f} ms")
        say(f"start to unlock ({name}), max", f"{slowest * 1000:.0f} ms", "< 1000 ms", slowest < 1)


def tmux_start(command: list[str], environment: dict[str, str]) -> float:
    """Seconds from starting ``command`` in a fresh 100×30 tmux to the passphrase field."""
    server = ["tmux", "-L", f"appsession-bench-{os.getpid()}-{time.monotonic_ns()}"]
    line = " ".join(shlex.quote(part) for part in command)
    kept = {key: value for key, value in environment.items() if key != "TERM"}
    exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in kept.items())
    start = time.perf_counter()
    subprocess.run(
        [*server, "new-session", "-d", "-x", "100", "-y", "30", f"env {exports} {line}"],
        check=True,
    )
    try:
        while True:
            screen = subprocess.run(
                [*server, "capture-pane", "-p"], capture_output=True, text=True, check=False
            ).stdout
            if "Passphrase" in screen:
                return time.perf_counter() - start
            if time.perf_counter() - start > 30:
                raise RuntimeError("the unlock screen never appeared")
            time.sleep(0.005)
    finally:
        subprocess.run([*server, "kill-server"], check=False, capture_output=True)


BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Input, RichLog
class Bare(App):
    def compose(self):
        yield Header()
        yield RichLog(wrap=True)
        yield Input(placeholder="Enter saves")
        yield Footer()
    def on_mount(self):
        self.query_one(Input).focus()
    def on_input_submitted(self, event):
        self.query_one(RichLog).write(event.value); event.input.value = ""
Bare().run()
"""
"""The floor of this machine: a bare Textual app with an entry line and a log, no storage."""


def enter_to_shown(vault: Path, secret: Path, folder: Path, notes: int) -> None:
    """The floor of this machine first, then the app on the demo's latest session."""
    bare = enter_latencies([sys.executable, "-c", BARE_APP], folder / "bare", notes)
    say("bare Textual app: Enter to line shown, median", f"{statistics.median(bare):.1f} ms")
    say("bare Textual app: Enter to line shown, p99", f"{percentile(bare, 0.99):.1f} ms")
    child = [sys.executable, str(Path(__file__).resolve()), "--child", str(vault), str(secret)]
    ms = enter_latencies(child, folder / "run", notes)
    say("Enter to note shown and saved, median", f"{statistics.median(ms):.1f} ms")
    p99 = percentile(ms, 0.99)
    say("Enter to note shown and saved, p99", f"{p99:.1f} ms", "< 50 ms", p99 < 50)


def enter_latencies(command: list[str], home: Path, notes: int) -> list[float]:
    """Type notes; time each Enter until the note is drawn (milliseconds)."""
    terminal = Terminal(command, environment(home))
    latencies = []
    try:
        terminal.wait_for("Enter saves")
        for number in range(notes):
            token = f"bench{number:05d}"
            terminal.type(f"#fatigue elle reprend la parole sur le dossier {token}")
            terminal.wait_for(token)
            time.sleep(0.05)
            offset = len(terminal.output)
            pressed = time.perf_counter()
            terminal.write("\r")
            latencies.append((terminal.wait_for(token, after=offset) - pressed) * 1000)
    finally:
        terminal.stop()
    return latencies


def save_only(vault: Path, notes: int) -> None:
    """``LiveSession.add_note`` alone: parse, encrypt, durable commit."""
    from appsession.core.clock import SystemClock
    from appsession.paths import Paths
    from appsession.protocol_library import ProtocolLibrary
    from appsession.services import AppContext
    from appsession.services.demo_view import latest_session
    from appsession.services.session import LiveSession
    from appsession.vault import Vault

    opened = Vault.open(vault, PASSPHRASE, clock=SystemClock(), auto_lock_seconds=0)
    try:
        paths = Paths(vault.parent / "data", vault.parent / "config")
        context = AppContext(opened, SystemClock(), paths, ProtocolLibrary())
        live = LiveSession.open(context, latest_session(context))
        times = []
        for number in range(notes):
            start = time.perf_counter()
            assert live.add_note(f"#fatigue sauvegarde {number} du dossier").note is not None
            times.append((time.perf_counter() - start) * 1000)
    finally:
        opened.close()
    say("save alone (encrypt + commit), median", f"{statistics.median(times):.2f} ms")
    say("save alone (encrypt + commit), p99", f"{percentile(times, 0.99):.2f} ms")


def child(vault: str, secret: str) -> int:
    """The app on the demo's latest session, already unlocked (what ``appsession demo`` does)."""
    from appsession import i18n
    from appsession.cli.context import CliContext
    from appsession.tui.launch import launch_demo

    i18n.set_language("en")
    passphrase = Path(secret).read_text(encoding="utf-8").splitlines()[0]
    return launch_demo(CliContext(), Path(vault), passphrase)


def main() -> int:
    args = arguments()
    if args.child:
        return child(*args.child)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        vault, secret = build(folder, args)
        cold_starts(vault, folder, args.starts)
        enter_to_shown(vault, secret, folder, args.notes)
        save_only(vault, args.notes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
