"""Analysis figures on a demo vault (default: 240 sessions × 300 notes = 72,000 notes).

Builds the vault with ``appsession demo`` in a child process (floor KDF: unlocking is measured
by ``bench_vault``), adds the demo analysis, then times what the facilitator waits for in the
workspace: loading and pseudonymising the analysable notes (once per opening), filtering,
the theme matrix (by session, by group, with sub-themes), opening a matrix cell (the service
call, then the workspace screen redrawing its note list), and listing the draft with its
evidence and warnings. ``--quick`` (or ``APPSESSION_BENCH_QUICK=1``): 24 × 100 notes.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from appsession.core.clock import SystemClock
from appsession.core.matrix import Axis, Cell, NoteFilter
from appsession.core.model import NoteKind
from appsession.paths import Paths
from appsession.protocol_library import ProtocolLibrary
from appsession.services import AppContext
from appsession.services.analysis import AnalysisService
from appsession.services.draft import DraftService
from appsession.vault import Vault

PASSPHRASE = "benchmark passphrase, fictional data only"
RUNS = 5


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="24 × 100 notes")
    parser.add_argument("--sessions", type=int, help="sessions (default 240; quick 24)")
    parser.add_argument("--notes-per-session", type=int, help="(default 300; quick 100)")
    args = parser.parse_args()
    args.quick = args.quick or os.environ.get("APPSESSION_BENCH_QUICK") == "1"
    args.sessions = args.sessions or (24 if args.quick else 240)
    args.notes_per_session = args.notes_per_session or (100 if args.quick else 300)
    return args


def say(name: str, seconds: float, limit: float | None) -> None:
    """One figure in milliseconds, its target, and whether it meets it."""
    verdict = "" if limit is None else ("  ok" if seconds < limit else "  OVER TARGET")
    aim = f"target < {limit * 1000:.0f} ms" if limit is not None else ""
    print(f"  {name:<52} {seconds * 1000:>9.1f} ms   {aim}{verdict}".rstrip(), flush=True)


def build(folder: Path, args: argparse.Namespace) -> Path:
    """The demo vault, made by the real command in a child process."""
    secret = folder / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    secret.chmod(0o600)
    vault = folder / "bench.db"
    command = [sys.executable, "-m", "appsession", "demo", "--no-tui", "--vault", str(vault)]
    command += ["--passphrase-file", str(secret), "--kdf-profile", "floor", "--lang", "en"]
    command += ["--sessions", str(args.sessions), "--notes-per-session"]
    command += [str(args.notes_per_session)]
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    print(f"  built the demo vault in {time.perf_counter() - start:.1f} s", flush=True)
    return vault


def worst(action: Callable[[], object], runs: int = RUNS) -> float:
    """The slowest of ``runs`` calls (what a facilitator may wait)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return max(times)


def filters(service: AnalysisService) -> dict[str, NoteFilter]:
    """Filters a facilitator would use, from the vault's own groups, themes and speakers."""
    roster = service.roster
    book = service.codebook()
    theme = next(t.id for t in book.themes if not book.children(t.id))
    sessions = frozenset(s.id for s in roster.sessions if s.number == 3)
    speaker = service.speakers()[2]
    return {
        "filter: one group": NoteFilter(group_ids=frozenset({roster.groups[0].id})),
        "filter: one theme": NoteFilter(theme_ids=frozenset({theme})),
        "filter: verbatim notes of one speaker": NoteFilter(
            kinds=frozenset({NoteKind.VERBATIM}), speakers=frozenset({speaker})
        ),
        "filter: session 3, untagged": NoteFilter(session_ids=sessions, untagged=True),
        "filter: free text (two words)": NoteFilter(text="dossier caf"),
        "filter: free text + group + theme": NoteFilter(
            text="usager", group_ids=frozenset({roster.groups[1].id}), theme_ids=frozenset({theme})
        ),
    }


def measure(vault: Vault, intervention_id: str) -> None:
    """Every figure of the workspace and the draft."""
    clock = SystemClock()
    service = AnalysisService(vault, intervention_id, clock)
    start = time.perf_counter()
    count = len(service.index())
    service.index().prepare()
    say(f"open: load + pseudonymise + fold {count:,} notes", time.perf_counter() - start, None)
    timings = [(name, worst(lambda f=f: service.notes(f))) for name, f in filters(service).items()]
    for name, seconds in timings:
        say(f"{name} (worst of {RUNS})", seconds, 0.1)
    for axis, rollup in ((Axis.SESSION, False), (Axis.GROUP, False), (Axis.SESSION, True)):
        label = f"matrix by {axis.value}{' with sub-themes' if rollup else ''}"
        say(
            f"{label} (worst of {RUNS})",
            worst(lambda a=axis, r=rollup: service.matrix(a, rollup=r)),
            0.5,
        )
    matrix = service.matrix(Axis.SESSION)
    biggest = max(matrix.cells.values(), key=lambda cell: cell.count)
    cell = NoteFilter(note_ids=frozenset(biggest.notes))
    say(
        f"open a cell ({biggest.count} notes), service (worst of {RUNS})",
        worst(lambda: service.notes(cell)),
        0.1,
    )
    draft = DraftService(service)
    say(
        f"draft: list {len(draft.items())} items with evidence and warnings",
        worst(draft.entries, 3),
        None,
    )
    asyncio.run(screen_figures(vault, intervention_id))


async def screen_figures(vault: Vault, intervention_id: str) -> None:
    """The workspace screen itself: re-filtering and opening a cell redraw its note list."""
    from textual.app import App
    from textual.widgets import TabbedContent

    from appsession.tui.screens.workspace import WorkspaceScreen
    from appsession.tui.screens.workspace_filters import FilterBar
    from appsession.tui.widgets.matrix import MatrixView

    folder = Path(tempfile.mkdtemp())
    paths = Paths(data_dir=folder / "data", config_dir=folder / "config")
    context = AppContext(
        vault, SystemClock(), paths, ProtocolLibrary(user_folder=paths.user_protocols)
    )

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(WorkspaceScreen(context, intervention_id))

    app = Host()
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WorkspaceScreen)
        group = screen.service.roster.groups[0].id
        bar = screen.query_one(FilterBar)

        def refilter() -> None:
            bar.set_value("group", group)
            screen.refresh_notes()

        say("screen: filter by group and redraw the list", worst(refilter), 0.1)
        screen.query_one(TabbedContent).active = "tab-matrix"
        await pilot.pause()
        say("screen: recount and redraw the matrix", worst(screen.refresh_matrix, 3), 0.5)
        matrix = screen.query_one(MatrixView).matrix
        assert matrix is not None
        theme = max(matrix.rows, key=lambda r: matrix.row_totals.get(r.theme_id, Cell()).count)
        column = matrix.columns[0]
        opened = MatrixView.CellOpened(
            theme.theme_id, column.key, "bench", matrix.cell(theme.theme_id, column.key)
        )
        say(
            "screen: open a matrix cell and list its notes",
            worst(lambda: screen.open_cell(opened)),
            0.1,
        )


def main() -> int:
    args = arguments()
    total = args.sessions * args.notes_per_session
    size = f"{args.sessions} sessions × {args.notes_per_session} notes = {total:,} notes"
    print(f"analysis on a demo vault of {size}")
    with tempfile.TemporaryDirectory() as folder:
        path = build(Path(folder), args)
        with Vault.open(path, PASSPHRASE, clock=SystemClock()) as vault:
            assert isinstance(vault, Vault)
            (intervention,) = vault.interventions()
            measure(vault, intervention.id)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
