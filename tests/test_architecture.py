"""The core, storage, crypto and export rooms import without Textual; the core without storage."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO

ROOMS_WITHOUT_TEXTUAL = [
    "appsession.core.protocol",
    "appsession.core.plan",
    "appsession.core.countdown",
    "appsession.core.model",
    "appsession.cli.main",
    "appsession.protocol_library",
    "appsession.vault",
    "appsession.anonymise",
    "appsession.export",
    "appsession.privacy",
    "appsession.services.analysis",
    "appsession.services.draft",
    "appsession.services.validation",
    "appsession.services.export",
    "appsession.demo.complete",
]


def imported_after(module: str) -> set[str]:
    code = (
        f"import sys, importlib; importlib.import_module({module!r}); "
        "print('\\n'.join(sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    return set(done.stdout.split())


@pytest.mark.parametrize("module", ROOMS_WITHOUT_TEXTUAL)
def test_room_imports_without_textual(module: str) -> None:
    loaded = imported_after(module)
    assert not any(name == "textual" or name.startswith("textual.") for name in loaded)


def test_core_imports_no_storage_or_ui() -> None:
    core = sorted(path for path in (REPO / "appsession" / "core").glob("*.py"))
    forbidden = ("sqlite3", "sqlite_utils", "textual", "docx", "spacy", "cryptography")
    for path in core:
        module = "appsession.core." + path.stem if path.stem != "__init__" else "appsession.core"
        loaded = imported_after(module)
        ours = {name for name in loaded if name.startswith("appsession.")}
        allowed = {
            name for name in ours if name.startswith("appsession.core") or name == "appsession.i18n"
        }
        assert ours == allowed, (module, ours - allowed)
        assert not [name for name in loaded if name.split(".")[0] in forbidden], module
