"""Errors that carry a one-line message for the user, never note text or keys."""

from __future__ import annotations


class UserError(Exception):
    """A failure the user can act on; the CLI prints ``str(err)`` on one line and exits.

    Attributes:
        exit_code: the process exit code the CLI returns for it.
    """

    exit_code: int = 1

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code
