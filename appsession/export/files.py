"""Writing an export to disk (owner-only, durable) and reading back what a DOCX holds."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import secrets
import zipfile
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from appsession.core.errors import UserError
from appsession.i18n import _

PRIVATE = 0o600


def file_hash(data: bytes) -> str:
    """The SHA-256 of an exported file, as recorded in the audit log."""
    return hashlib.sha256(data).hexdigest()


def write_private(path: Path, data: bytes, *, overwrite: bool = False) -> str:
    """Write ``data`` readable by the owner only, flushed to the disk; returns its hash.

    A new file is created with ``O_EXCL`` (an existing file or link is never followed); an
    intentional overwrite writes a temporary file in the same folder and renames it over.
    """
    try:
        if overwrite:
            _replace(path, data)
        else:
            _create(path, data)
        _sync_folder(path.parent)
    except FileExistsError:
        raise UserError(
            _("{path} already exists (use --force to replace it)").format(path=path), exit_code=2
        ) from None
    except OSError as error:
        raise UserError(
            _("cannot write {path} ({reason})").format(
                path=path, reason=error.strerror or type(error).__name__
            ),
            exit_code=1,
        ) from None
    return file_hash(data)


def _create(path: Path, data: bytes) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags, PRIVATE)
    try:
        _fill(descriptor, data)
    except BaseException:
        os.close(descriptor)
        with contextlib.suppress(OSError):
            path.unlink()
        raise
    os.close(descriptor)


def _replace(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.part")
    _create(temporary, data)
    try:
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def _fill(descriptor: int, data: bytes) -> None:
    """Owner-only whatever the umask, every byte written, then fsync."""
    if hasattr(os, "fchmod"):
        os.fchmod(descriptor, PRIVATE)
    view = memoryview(data)
    while view:
        written = os.write(descriptor, view)
        view = view[written:]
    os.fsync(descriptor)


def _sync_folder(folder: Path) -> None:
    """Make the new directory entry durable too (POSIX)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def docx_texts(data: bytes) -> dict[str, str]:
    """Every part of a DOCX with its readable text: paragraphs of Word parts, values elsewhere.

    Used by the gate's final scan and by tests that look for what must never be there.
    """
    found: dict[str, str] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            raw = archive.read(name)
            found[name] = _part_text(raw)
    return found


def _part_text(raw: bytes) -> str:
    try:
        root = etree.fromstring(raw)
    except etree.XMLSyntaxError:
        return raw.decode("utf-8", errors="replace")
    lines = []
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue
        if etree.QName(node).localname == "p":
            lines.append("".join(node.itertext()))
    if not lines:
        lines = [" ".join(text for text in root.itertext())]
        lines += [
            value
            for node in root.iter()
            if isinstance(node.tag, str)
            for value in node.attrib.values()
        ]
    return "\n".join(lines)
