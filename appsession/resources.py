"""Find the data folders shipped with appsession (protocols, export layouts).

An installed wheel carries them in ``appsession/_data``; a source checkout has them at the top.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).parent


def data_folder(name: str) -> Path:
    """The shipped folder ``name`` ("protocols" or "exports")."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name
