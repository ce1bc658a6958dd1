"""The services and the core pieces of the live session import without Textual."""

from __future__ import annotations

import pytest

from tests.test_architecture import imported_after

WITHOUT_TEXTUAL = [
    "appsession.core.note_syntax",
    "appsession.core.nudges",
    "appsession.core.session_run",
    "appsession.services.session",
    "appsession.services.roster",
    "appsession.services.planning",
    "appsession.services.situations",
    "appsession.services.demo_view",
    "appsession.tui.open_cmd",
    "appsession.tui.settings",
]


@pytest.mark.parametrize("module", WITHOUT_TEXTUAL)
def test_imports_without_textual(module: str) -> None:
    loaded = imported_after(module)
    assert not [name for name in loaded if name == "textual" or name.startswith("textual.")]


def test_the_unlock_path_does_not_load_the_storage_first() -> None:
    loaded = imported_after("appsession.tui.app")
    assert "appsession.vault" not in loaded
    assert "sqlite_utils" not in loaded
