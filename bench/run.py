"""``make bench``: run every ``bench/bench_*.py`` and print their figures with this machine's cores.

Each script runs in its own process (so that one script's memory peak does not count in
another's) and prints its own figures next to their targets. ``python bench/run.py --quick``
sets ``APPSESSION_BENCH_QUICK=1`` for every script, which then uses small sizes; a script may
also be run alone (``python bench/bench_vault.py --help``). The exit code is 1 if any failed.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def scripts() -> list[Path]:
    """Every benchmark script, in name order."""
    return sorted(BENCH.glob("bench_*.py"))


def header() -> str:
    """What the figures were measured on."""
    return (
        f"appsession benchmarks — {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}"
    )


def run(script: Path, quick: bool) -> int:
    """Run one script, its output going straight to ours; returns its exit code."""
    print(f"\n== {script.stem} ==", flush=True)
    environ = dict(os.environ, APPSESSION_BENCH_QUICK="1" if quick else "")
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(script)], cwd=BENCH.parent, env=environ, check=False)
    print(f"({script.stem}: {time.perf_counter() - start:.1f} s, exit {done.returncode})")
    return done.returncode


def main(argv: list[str]) -> int:
    """Run them all (``--quick``: small sizes); 1 if any failed."""
    unknown = [arg for arg in argv if arg != "--quick"]
    if unknown:
        print(f"usage: python bench/run.py [--quick] (unknown: {' '.join(unknown)})")
        return 2
    print(header())
    failed = [script.stem for script in scripts() if run(script, "--quick" in argv) != 0]
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
