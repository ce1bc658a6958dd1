"""An installed wheel finds its protocols and catalogs without the source tree."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    [built] = out.glob("appsession-*.whl")
    return built


def test_wheel_ships_protocols_exports_and_catalogs(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "appsession/_data/protocols/README.md" in names
    assert any(
        name.startswith("appsession/_data/protocols/") and name.endswith(".toml") for name in names
    )
    assert any(name.startswith("appsession/_data/exports/") for name in names)
    assert "appsession/locale/fr/LC_MESSAGES/base.mo" in names
    assert "appsession/py.typed" in names


def test_installed_package_runs_outside_the_source_tree(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    env = {
        "PYTHONPATH": str(target),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "PATH": "/usr/bin:/bin",
    }
    code = (
        "import appsession, sys; from appsession.__main__ import main; "
        "print(appsession.__file__); sys.exit(main(sys.argv[1:]))"
    )
    for argv in (
        ["--help"],
        ["--version"],
        ["protocols", "list"],
        ["--lang", "fr", "protocols", "list"],
    ):
        done = subprocess.run(
            [sys.executable, "-c", code, *argv],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith(str(target)), done.stdout
        if argv[-1] == "list":
            assert "app-classique" in done.stdout
            assert len(done.stdout.strip().splitlines()) >= 1 + 1 + 6
