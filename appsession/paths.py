"""Where appsession keeps its files; nothing is created until ``ensure()`` is called."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "appsession"


@dataclass(frozen=True)
class Paths:
    """The folders the app reads and writes; tests build one on ``tmp_path``."""

    data_dir: Path
    """Vault and app-managed backups."""
    config_dir: Path
    """Settings and the user's own protocols."""

    @classmethod
    def default(cls) -> Paths:
        """The platform's user folders (XDG on Linux)."""
        return cls(
            data_dir=platformdirs.user_data_path(APP_NAME),
            config_dir=platformdirs.user_config_path(APP_NAME),
        )

    @property
    def vault(self) -> Path:
        """The default vault file."""
        return self.data_dir / "vault.db"

    @property
    def user_protocols(self) -> Path:
        """The folder for protocols the user adds."""
        return self.config_dir / "protocols"

    @property
    def backups(self) -> Path:
        """App-managed backups."""
        return self.data_dir / "backups"

    def ensure(self) -> None:
        """Create the folders, readable by the owner only."""
        for folder in (self.data_dir, self.config_dir):
            folder.mkdir(parents=True, exist_ok=True)
            os.chmod(folder, 0o700)
