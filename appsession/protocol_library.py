"""The protocols a facilitator can run: the shipped ones plus their own, read from disk."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from appsession.core.errors import UserError
from appsession.core.protocol import Protocol, ProtocolInvalid, parse_protocol
from appsession.core.protocol_schema import Problem
from appsession.i18n import _
from appsession.resources import data_folder


@dataclass(frozen=True)
class FileProblem:
    """A problem in one protocol file, printable on one line."""

    file: Path
    problem: Problem

    def __str__(self) -> str:
        return f"{self.file}: {self.problem.path}: {self.problem.message}"


def read_protocol_file(path: Path) -> Protocol:
    """Read one protocol file.

    Raises:
        ProtocolFileInvalid: the file is unreadable, not UTF-8, or not a valid protocol.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else _("not UTF-8 text")
        raise ProtocolFileInvalid([FileProblem(path, Problem(_("file"), str(reason)))]) from None
    try:
        return parse_protocol(text)
    except ProtocolInvalid as invalid:
        raise ProtocolFileInvalid([FileProblem(path, p) for p in invalid.problems]) from None


class ProtocolFileInvalid(UserError):
    """One or more problems in a protocol file; each is a line of the message."""

    exit_code = 2

    def __init__(self, problems: list[FileProblem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


@dataclass
class ProtocolLibrary:
    """Shipped protocols, overridden or completed by the user's folder."""

    user_folder: Path | None = None
    shipped_folder: Path | None = None

    def files(self) -> list[Path]:
        """Every protocol file, shipped first."""
        folders = [self.shipped_folder or data_folder("protocols")]
        if self.user_folder is not None and self.user_folder.is_dir():
            folders.append(self.user_folder)
        return [path for folder in folders for path in sorted(folder.glob("*.toml"))]

    def load(self) -> tuple[dict[str, Protocol], list[FileProblem]]:
        """All usable protocols by id (a user file with a shipped id wins), and the problems."""
        found: dict[str, Protocol] = {}
        problems: list[FileProblem] = []
        for path in self.files():
            try:
                protocol = read_protocol_file(path)
            except ProtocolFileInvalid as invalid:
                problems.extend(invalid.problems)
                continue
            found[protocol.id] = protocol
        return found, problems

    def get(self, protocol_id: str) -> Protocol:
        """One protocol by id.

        Raises:
            UserError: no protocol has that id.
        """
        protocols, _problems = self.load()
        if protocol_id not in protocols:
            known = ", ".join(sorted(protocols)) or "-"
            raise UserError(
                _("unknown protocol '{id}' (known: {known})").format(id=protocol_id, known=known),
                exit_code=2,
            )
        return protocols[protocol_id]
