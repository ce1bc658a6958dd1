"""The app's own settings (idle lock, autosave pace, veto window, theme), as JSON.

Stored in ``<config>/tui.json``; a missing or unreadable file gives the defaults, and values
out of range are brought back within their bounds, so a hand edit can never lock anyone out.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from appsession.paths import Paths

FILE_NAME = "tui.json"
BOUNDS: dict[str, tuple[float, float]] = {
    "auto_lock_minutes": (0.05, 30.0),
    "autosave_seconds": (0.2, 30.0),
    "exchange_minutes": (1.0, 30.0),
}


@dataclass(frozen=True)
class TuiSettings:
    """What the facilitator may tune."""

    auto_lock_minutes: float = 5.0
    """Idle minutes before the app locks itself (security design: 1–30, default 5)."""
    autosave_seconds: float = 3.0
    """How often the text being typed is saved (encrypted)."""
    exchange_minutes: float = 5.0
    """How far back the presenter's veto reaches within the current phase."""
    theme: str = "textual-dark"

    def bounded(self) -> TuiSettings:
        """The same settings with every number within its bounds."""
        values: dict[str, Any] = {}
        for name, (low, high) in BOUNDS.items():
            values[name] = min(max(float(getattr(self, name)), low), high)
        return dataclasses.replace(self, **values)


def settings_path(paths: Paths) -> Path:
    """Where the settings live."""
    return paths.config_dir / FILE_NAME


def load_settings(paths: Paths) -> TuiSettings:
    """The saved settings, or the defaults."""
    try:
        raw = json.loads(settings_path(paths).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return TuiSettings()
    if not isinstance(raw, dict):
        return TuiSettings()
    known = {f.name: f.type for f in dataclasses.fields(TuiSettings)}
    values: dict[str, Any] = {}
    for name, value in raw.items():
        if name == "theme" and isinstance(value, str):
            values[name] = value
        elif name in known and isinstance(value, int | float) and not isinstance(value, bool):
            values[name] = float(value)
    return TuiSettings(**values).bounded()


def save_settings(paths: Paths, settings: TuiSettings) -> None:
    """Write the settings (owner-only folder); a read-only disk is not worth an error."""
    with contextlib.suppress(OSError):
        paths.ensure()
        target = settings_path(paths)
        temporary = target.with_suffix(".tmp")
        temporary.write_text(json.dumps(dataclasses.asdict(settings), indent=2), encoding="utf-8")
        os.replace(temporary, target)
