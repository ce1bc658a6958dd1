"""Write the README's pictures of the session screen from the demo (not a test).

``python -m tests.tui.screenshot [en|fr]`` → ``docs/screenshots/session.svg`` (English) or
``session-fr.svg`` (French), on the demo's latest session, in progress, at 100×30.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from appsession import i18n
from appsession.core.clock import FakeClock
from appsession.demo.build import build_demo
from appsession.demo.plan import DemoSize
from appsession.paths import Paths
from appsession.vault import FLOOR, Vault
from tests.conftest import REPO

OUT = REPO / "docs" / "screenshots"


async def picture(language: str, target: Path) -> None:
    """Build a small demo and save the session screen as SVG."""
    from appsession.tui.app import AppSessionApp
    from tests.tui.conftest import make_start, no_blink

    with tempfile.TemporaryDirectory() as folder:
        paths = Paths(Path(folder) / "data", Path(folder) / "config")
        clock = FakeClock(datetime(2026, 3, 12, 9, 0, tzinfo=UTC))
        vault, _key = Vault.create(paths.vault, "screenshot passphrase", clock=clock, kdf=FLOOR)
        build_demo(vault, DemoSize(sessions=4, notes_per_session=40))
        start = make_start(paths, clock, vault, auto_lock_minutes=30)
        start.demo = True
        app = AppSessionApp(start)
        app.animation_level = "none"
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.pause()
            no_blink(app)
            await pilot.pause()
            target.write_text(app.export_screenshot(title="appsession"), encoding="utf-8")
        vault.close()


def main(language: str) -> None:
    """One picture, times in UTC (one language per process: key labels are read at import)."""
    i18n.set_language(language)
    os.environ["TZ"] = "UTC"
    time.tzset()
    OUT.mkdir(parents=True, exist_ok=True)
    name = "session.svg" if language == "en" else f"session-{language}.svg"
    asyncio.run(picture(language, OUT / name))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "en")
