"""Settings: a hand-edited file never locks anyone out; the palette form saves within bounds."""

from __future__ import annotations

import json

import pytest

from appsession.core.clock import FakeClock
from appsession.paths import Paths
from appsession.tui.app import AppSessionApp
from appsession.tui.dialogs.form import FormDialog
from appsession.tui.settings import TuiSettings, load_settings, save_settings, settings_path
from appsession.vault import Vault
from tests.tui.conftest import make_start
from tests.tui.pilot import settle


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", TuiSettings()),
        ("[1, 2]", TuiSettings()),
        ('{"auto_lock_minutes": 0}', TuiSettings(auto_lock_minutes=0.05)),
        ('{"auto_lock_minutes": 999, "theme": "nord"}', TuiSettings(30.0, theme="nord")),
        ('{"autosave_seconds": "fast", "unknown": 3}', TuiSettings()),
        ('{"exchange_minutes": true}', TuiSettings()),
    ],
)
def test_a_bad_file_gives_sane_settings(paths: Paths, content: str, expected: TuiSettings) -> None:
    paths.ensure()
    settings_path(paths).write_text(content, encoding="utf-8")
    assert load_settings(paths) == expected


def test_settings_round_trip(paths: Paths) -> None:
    chosen = TuiSettings(auto_lock_minutes=12, autosave_seconds=1.5, exchange_minutes=3)
    save_settings(paths, chosen)
    assert load_settings(paths) == chosen
    assert json.loads(settings_path(paths).read_text())["auto_lock_minutes"] == 12


async def test_the_palette_form_saves_within_bounds(
    paths: Paths, clock: FakeClock, vault: Vault
) -> None:
    app = AppSessionApp(make_start(paths, clock, vault))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.action_settings()
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        app.screen.query_one("#field-auto_lock_minutes").value = "45"  # type: ignore[attr-defined]
        app.screen.query_one("#field-exchange_minutes").value = "2,5"  # type: ignore[attr-defined]
        app.screen.query_one("#save").press()  # type: ignore[attr-defined]
        await settle(pilot)
    assert app.settings.auto_lock_minutes == 30
    assert app.settings.exchange_minutes == 2.5
    assert load_settings(paths).auto_lock_minutes == 30


async def test_the_chosen_theme_is_remembered(paths: Paths, clock: FakeClock, vault: Vault) -> None:
    app = AppSessionApp(make_start(paths, clock, vault))
    async with app.run_test() as pilot:
        await settle(pilot)
        app.theme = "nord"
        await settle(pilot)
    assert load_settings(paths).theme == "nord"
