"""Small helpers for driving the app with Pilot."""

from __future__ import annotations

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input


async def settle(pilot: Pilot[None], workers: App[None] | None = None) -> None:
    """Let messages (and, if given, the app's workers) finish; screens switch after a pause."""
    await pilot.pause()
    if workers is not None:
        await workers.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def type_into(pilot: Pilot[None], text: str) -> None:
    """Type ``text`` key by key into whatever has the focus."""
    await pilot.press(*text)
    await pilot.pause()


async def note(pilot: Pilot[None], text: str, *, typed: bool = False) -> None:
    """Put a line in the focused entry (key by key if ``typed``: slower) and press Enter."""
    if typed:
        await type_into(pilot, text)
    else:
        entry = pilot.app.focused
        assert isinstance(entry, Input), entry
        entry.insert_text_at_cursor(text)
        await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
