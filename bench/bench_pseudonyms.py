"""Pseudonymised-layer figures on a demo vault (default: 240 sessions × 300 notes = 72,000).

Builds the demo with ``appsession demo`` in a child process (floor KDF), adds the demo's
pseudonym map, then times what the facilitator waits for: reading the map, pseudonymising
every analysable note when the workspace opens (the first time, when placeholders are handed
out and saved, then every later time), the same notes made all distinct (no two notes alike,
the worst case for real notes), the export gate on one item, and the review of one session
without and with the language model. ``--quick`` (or ``APPSESSION_BENCH_QUICK=1``): 24 × 100.
``--vault PATH`` works on a copy of an existing demo vault instead of building one.
"""

from __future__ import annotations

import argparse
import os
import shutil
import string
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from appsession.anonymise import shared_model
from appsession.core.clock import SystemClock
from appsession.core.model import Note
from appsession.demo.pseudonyms import add_demo_pseudonyms
from appsession.services.analysis import AnalysisService, load_roster
from appsession.services.export import anonymisation_scan
from appsession.services.pseudonyms import PseudonymLayer
from appsession.services.pseudonyms.review import ReviewService, Scope
from appsession.vault import Vault

PASSPHRASE = "benchmark passphrase, fictional data only"
OPEN_TARGET = 3.0
"""Seconds: pseudonymising every note must fit in the workspace's opening (a few seconds)."""


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="24 × 100 notes")
    parser.add_argument("--vault", type=Path, help="a demo vault to copy instead of building one")
    parser.add_argument("--sessions", type=int, help="sessions (default 240; quick 24)")
    parser.add_argument("--notes-per-session", type=int, help="(default 300; quick 100)")
    args = parser.parse_args()
    args.quick = args.quick or os.environ.get("APPSESSION_BENCH_QUICK") == "1"
    args.sessions = args.sessions or (24 if args.quick else 240)
    args.notes_per_session = args.notes_per_session or (100 if args.quick else 300)
    return args


def say(name: str, seconds: float, limit: float | None = None) -> None:
    """One figure, its target, and whether it meets it."""
    verdict = "" if limit is None else ("  ok" if seconds < limit else "  OVER TARGET")
    aim = f"target < {limit:.1f} s" if limit is not None else ""
    print(f"  {name:<60} {seconds:>8.2f} s   {aim}{verdict}".rstrip(), flush=True)


def timed(action: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def build(folder: Path, args: argparse.Namespace) -> Path:
    """The demo vault, made by the real command in a child process (or copied)."""
    vault = folder / "bench.db"
    if args.vault is not None:
        shutil.copyfile(args.vault, vault)
        return vault
    secret = folder / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    secret.chmod(0o600)
    command = [sys.executable, "-m", "appsession", "demo", "--no-tui", "--vault", str(vault)]
    command += ["--passphrase-file", str(secret), "--kdf-profile", "floor", "--lang", "en"]
    command += ["--sessions", str(args.sessions), "--notes-per-session"]
    command += [str(args.notes_per_session)]
    seconds, _done = timed(lambda: subprocess.run(command, check=True, stdout=subprocess.DEVNULL))
    print(f"  built the demo vault in {seconds:.1f} s", flush=True)
    return vault


def analysable(vault: Vault, intervention_id: str) -> list[Note]:
    """The notes the workspace shows (off-record and excluded speakers left out)."""
    roster = load_roster(vault, intervention_id)
    return [
        note
        for session in roster.sessions
        for note in vault.notes(session.id)
        if not note.off_record
        and not (note.speaker_id and roster.excluded_speaker(note.speaker_id))
    ]


def distinct(notes: list[Note]) -> list[Note]:
    """The same notes, each made unlike any other by a lower-case word of its own."""
    letters = string.ascii_lowercase

    def word(number: int) -> str:
        out = ""
        for _ in range(4):
            number, digit = divmod(number, 26)
            out += letters[digit]
        return out

    return [replace(n, text=f"{n.text} ({word(i)})") for i, n in enumerate(notes)]


def measure(vault: Vault, intervention_id: str) -> None:
    """Every figure."""
    seconds, _done = timed(lambda: add_demo_pseudonyms(vault, intervention_id, seed=1))
    say("add the demo's pseudonym map", seconds)
    start = time.perf_counter()
    notes = analysable(vault, intervention_id)
    seconds = time.perf_counter() - start
    say(f"decrypt the {len(notes):,} analysable notes (for comparison)", seconds)
    unique = len({n.text for n in notes})
    first = PseudonymLayer(vault, intervention_id)
    seconds, _done = timed(lambda: first.texts(notes))
    say(f"first opening: pseudonymise ({unique:,} distinct texts), save the map", seconds)
    later = PseudonymLayer(vault, intervention_id)
    load, _done = timed(lambda: later.stored)
    documents = len(later.stored.written)
    say(f"read the map ({documents:,} documents)", load)
    seconds, _done = timed(lambda: later.texts(notes))
    say(
        f"later openings: read the map + pseudonymise {len(notes):,} notes",
        load + seconds,
        OPEN_TARGET,
    )
    service = AnalysisService(vault, intervention_id, SystemClock())
    seconds, _done = timed(lambda: service.index().prepare())
    say("the whole workspace opening (decrypt, pseudonymise, fold)", seconds)
    worst_case(vault, intervention_id, notes)
    gate_and_review(vault, intervention_id, notes)


def worst_case(vault: Vault, intervention_id: str, notes: list[Note]) -> None:
    """Every note different from every other (real notes): per note, then for all of them."""
    sample = distinct(notes[: min(len(notes), 5000)])
    layer = PseudonymLayer(None, intervention_id, PseudonymLayer(vault, intervention_id).people())
    seconds, _done = timed(lambda: layer.texts(sample))
    per_note = seconds / len(sample)
    print(f"  all-distinct notes: {per_note * 1000:.2f} ms per note", flush=True)
    say(f"  → {len(notes):,} distinct notes (extrapolated)", per_note * len(notes), OPEN_TARGET)


def gate_and_review(vault: Vault, intervention_id: str, notes: list[Note]) -> None:
    scan = anonymisation_scan(vault, intervention_id)
    texts = PseudonymLayer(vault, intervention_id).texts(notes[:1000])
    seconds, _done = timed(lambda: [scan(text) for text in texts])
    print(f"  export gate: {seconds:.2f} s for 1,000 item texts", flush=True)
    session = next(s.id for s in load_roster(vault, intervention_id).sessions)
    review = ReviewService(vault, intervention_id)
    seconds, _done = timed(lambda: review.scan(Scope(session)))
    say("review one session without the model", seconds)
    model = shared_model()
    seconds, _done = timed(model.load)
    say("load the language model (on a worker thread in the app)", seconds)
    review = ReviewService(vault, intervention_id, model)
    start = time.perf_counter()
    found = review.scan(Scope(session))
    say(
        f"review one session with the model ({len(found):,} forms to decide)",
        time.perf_counter() - start,
    )


def main() -> int:
    args = arguments()
    total = args.sessions * args.notes_per_session
    size = f"{args.sessions} × {args.notes_per_session} = {total:,} notes"
    print(f"pseudonymised layer on a demo vault of {size}")
    with tempfile.TemporaryDirectory() as folder:
        path = build(Path(folder), args)
        vault = Vault.open(path, PASSPHRASE, clock=SystemClock())
        try:
            measure(vault, vault.interventions()[0].id)
        finally:
            vault.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
