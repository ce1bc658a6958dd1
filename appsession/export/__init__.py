"""DOCX exports of the restitution: the group's working document and the commissioners' one.

No UI, no vault: the export service gathers ``ExportData`` and calls::

    build_group_docx(data, layout, lang) -> bytes
    build_commissioners_docx(data, layout, lang, template=None) -> bytes
    load_layout("group" | "commissioners") -> Layout ; load_texts("fr" | "en") -> Texts
    write_private(path, data, overwrite=False) -> str   # 0600, fsync; returns the SHA-256
    docx_texts(data) -> dict[str, str]                   # every part's text, for checks

Both documents are built in memory and scrubbed of metadata before they are returned.
"""

from __future__ import annotations

from appsession.export.commissioners import NotApproved, build_commissioners_docx
from appsession.export.data import (
    DecisionLine,
    ExportData,
    ExportItem,
    ExportSection,
    GroupValidation,
    ThemeMatrix,
    WarningLine,
)
from appsession.export.files import docx_texts, file_hash, write_private
from appsession.export.group import build_group_docx
from appsession.export.layout import Layout, Texts, load_layout, load_texts

__all__ = [
    "DecisionLine",
    "ExportData",
    "ExportItem",
    "ExportSection",
    "GroupValidation",
    "Layout",
    "NotApproved",
    "Texts",
    "ThemeMatrix",
    "WarningLine",
    "build_commissioners_docx",
    "build_group_docx",
    "docx_texts",
    "file_hash",
    "load_layout",
    "load_texts",
    "write_private",
]
