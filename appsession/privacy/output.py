"""Writing a paper to disk: Markdown or DOCX, owner-only, logged (content-free) in the vault.

Files leave the vault's protection: the caller has the user confirm the destination, and the
exports' ``write_private`` (0600, never following an existing file) does the writing.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from appsession.core.errors import UserError
from appsession.i18n import _
from appsession.privacy.document import Document, to_markdown

if TYPE_CHECKING:
    from appsession.vault import Vault

FORMATS = ("docx", "md")
EVENT = "privacy-paper"


def choose_format(out: Path, wanted: str | None) -> str:
    """The format asked for, else the one the file name says (Markdown for .md, else DOCX)."""
    if wanted is not None:
        if wanted not in FORMATS:
            raise UserError(_("unknown format {name}").format(name=wanted), exit_code=2)
        return wanted
    return "md" if out.suffix.lower() in (".md", ".markdown", ".txt") else "docx"


def render(document: Document, fmt: str, moment: datetime) -> bytes:
    """The file's bytes (DOCX built in memory with scrubbed metadata, or UTF-8 Markdown)."""
    if fmt == "md":
        return to_markdown(document).encode("utf-8")
    from appsession.privacy.docx_out import to_docx  # python-docx: only when a DOCX is asked

    return to_docx(document, moment)


def save(
    vault: Vault,
    document: Document,
    out: Path,
    *,
    fmt: str,
    paper: str,
    overwrite: bool = False,
    **ids: str,
) -> str:
    """Write the paper and record it in the audit log; returns the file's SHA-256."""
    if not out.parent.is_dir():
        raise UserError(_("no folder {path}").format(path=out.parent), exit_code=2)
    from appsession.export.files import write_private

    data = render(document, fmt, vault.clock.now())
    digest = write_private(out, data, overwrite=overwrite)
    vault.record_event(EVENT, paper=paper, format=fmt, sha256=digest, **ids)
    return digest
