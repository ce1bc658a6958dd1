"""Palette commands derived from the keys of the screen in front, so they never drift apart."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.app import SystemCommand
from textual.screen import Screen


def screen_commands(screen: Screen[object]) -> Iterable[SystemCommand]:
    """One command per enabled key of ours (bindings with an id), then palette-only ones."""
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.id or not binding.description or not active.enabled:
            continue
        if binding.id in seen or binding.id == "quit":
            continue
        seen.add(binding.id)
        yield SystemCommand(
            binding.description,
            binding.tooltip or binding.description,
            partial(screen.app.run_action, binding.action, active.node),
        )
    extra = getattr(screen, "palette_commands", None)
    if callable(extra):
        yield from extra()
