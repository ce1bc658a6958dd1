"""Codebook interchange: the REFI-QDA codebook (``.qdc``) and a spreadsheet-friendly CSV.

The ``.qdc`` file follows the REFI-QDA Codebook standard (namespace
``urn:QDA-XML:codebook:1.0``): a ``CodeBook`` root, ``Codes``, and nested ``Code`` elements with
``guid``, ``name``, ``isCodable`` and ``color`` attributes and a ``Description``. A theme's GUID
is its vault id written as a UUID, so a codebook that goes to a QDA tool and comes back updates
the same themes. Only the codebook leaves: never a note.

Imports add or update themes and never delete one: a file cannot make notes lose their codes.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from appsession.core.codebook import (
    PATH_SEPARATOR,
    Codebook,
    CodebookChange,
    IdFactory,
    random_id,
    upsert_themes,
)
from appsession.core.errors import UserError
from appsession.core.matrix import spreadsheet_safe
from appsession.core.model import Theme
from appsession.i18n import _

NAMESPACE = "urn:QDA-XML:codebook:1.0"
SCHEMA_LOCATION = f"{NAMESPACE} Codebook.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
MAX_CODES = 2_000
MAX_DEPTH = 64
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_HEX_ID = re.compile(r"^[0-9a-f]{32}$")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot carry (control characters, lone surrogates)."""
_GUID_NAMESPACE = uuid.UUID("5b6d1f0e-3c43-4c1e-9a55-6170707365ff")
CSV_COLUMNS = ("id", "path", "definition", "color")


@dataclass(frozen=True)
class CodeEntry:
    """A code as read from a file: its path of names, definition, colour and id if any."""

    path: tuple[str, ...] = field(repr=False)
    definition: str = field(repr=False, default="")
    color: str = ""
    theme_id: str = ""


def guid_of(theme_id: str) -> str:
    """A theme's GUID: its uuid4 hex id as a UUID (other ids get a stable derived one)."""
    value = (
        uuid.UUID(hex=theme_id)
        if _HEX_ID.match(theme_id)
        else uuid.uuid5(_GUID_NAMESPACE, theme_id)
    )
    return str(value).upper()


def _theme_id_of(guid: str) -> str:
    try:
        return uuid.UUID(guid.strip("{}")).hex
    except ValueError:
        return ""


# -- export -----------------------------------------------------------------------------------
def codebook_qdc(codebook: Codebook, colors: Mapping[str, str], origin: str) -> str:
    """The codebook as a REFI-QDA ``.qdc`` document (UTF-8 XML text)."""
    ET.register_namespace("", NAMESPACE)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(
        _tag("CodeBook"), {"origin": origin, f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION}
    )
    codes = ET.SubElement(root, _tag("Codes"))
    _append_codes(codes, codebook, "", colors)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n"


def _tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)


def _append_codes(
    parent: ET.Element, codebook: Codebook, theme_id: str, colors: Mapping[str, str]
) -> None:
    for theme in codebook.children(theme_id):
        attributes = {"guid": guid_of(theme.id), "name": _xml(theme.name), "isCodable": "true"}
        color = colors.get(theme.id, "")
        if _COLOR.match(color):
            attributes["color"] = color.upper()
        element = ET.SubElement(parent, _tag("Code"), attributes)
        if theme.definition:
            ET.SubElement(element, _tag("Description")).text = _xml(theme.definition)
        _append_codes(element, codebook, theme.id, colors)


def codebook_csv(codebook: Codebook, colors: Mapping[str, str]) -> str:
    """The codebook as CSV: id, path ("Parent > Child"), definition, colour."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for theme in codebook.themes:
        writer.writerow(
            [
                theme.id,
                spreadsheet_safe(codebook.label(theme.id)),
                spreadsheet_safe(theme.definition),
                colors.get(theme.id, ""),
            ]
        )
    return buffer.getvalue()


# -- reading ----------------------------------------------------------------------------------
def _refuse(message: str) -> UserError:
    return UserError(message, exit_code=2)


def qdc_entries(text: str) -> list[CodeEntry]:
    """The codes of a ``.qdc`` document, parents before children."""
    if re.search(r"<!(?:DOCTYPE|ENTITY)", text, re.IGNORECASE):
        raise _refuse(_("this codebook file declares a DOCTYPE or entities; refused for safety"))
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        raise _refuse(_("this is not a valid REFI-QDA codebook (XML error)")) from error
    namespace = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    if _local(root.tag) != "CodeBook" or namespace not in ("", NAMESPACE):
        raise _refuse(_("this is not a REFI-QDA codebook (no CodeBook root)"))
    prefix = f"{{{namespace}}}" if namespace else ""
    codes = root.find(f"{prefix}Codes")
    entries = list(_read_codes(codes, prefix, (), 0)) if codes is not None else []
    if len(entries) > MAX_CODES:
        raise _refuse(_("this codebook has too many codes"))
    return entries


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _read_codes(
    parent: ET.Element, prefix: str, path: tuple[str, ...], depth: int
) -> Iterator[CodeEntry]:
    if depth > MAX_DEPTH:
        raise _refuse(_("this codebook nests codes too deeply"))
    for element in parent.findall(f"{prefix}Code"):
        name = " ".join((element.get("name") or "").split())
        if not name or element.get("guid") is None:
            raise _refuse(_("a code of this codebook has no name or no GUID"))
        description = element.find(f"{prefix}Description")
        color = element.get("color") or ""
        entry = CodeEntry(
            path=(*path, name),
            definition=(description.text or "").strip() if description is not None else "",
            color=color.upper() if _COLOR.match(color) else "",
            theme_id=_theme_id_of(element.get("guid", "")),
        )
        yield entry
        yield from _read_codes(element, prefix, entry.path, depth + 1)


def csv_entries(text: str) -> list[CodeEntry]:
    """The codes of a codebook CSV (``path`` column required), parents before children."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if reader.fieldnames is None or "path" not in reader.fieldnames:
        raise _refuse(_("the codebook CSV needs a “path” column"))
    entries = []
    for row in reader:
        path = tuple(
            " ".join(p.split())
            for p in _unsafe(row.get("path") or "").split(PATH_SEPARATOR.strip())
        )
        if not path or not all(path):
            raise _refuse(_("a row of the codebook CSV has an empty path"))
        color = (row.get("color") or "").strip()
        entries.append(
            CodeEntry(
                path=path,
                definition=_unsafe(row.get("definition") or "").strip(),
                color=color.upper() if _COLOR.match(color) else "",
                theme_id=(row.get("id") or "").strip(),
            )
        )
        if len(entries) > MAX_CODES:
            raise _refuse(_("this codebook has too many codes"))
    return sorted(entries, key=lambda e: len(e.path))


def _unsafe(text: str) -> str:
    """Undo ``spreadsheet_safe``."""
    return text[1:] if text.startswith("'") and text[1:2] in ("=", "+", "-", "@") else text


# -- import -----------------------------------------------------------------------------------
def import_entries(
    codebook: Codebook,
    intervention_id: str,
    entries: Sequence[CodeEntry],
    *,
    new_id: IdFactory = random_id,
) -> tuple[CodebookChange, dict[str, str]]:
    """Add or update themes from a file; returns the change and the colours by theme id.

    A code matches a theme of this codebook by id (GUID), else by path; unmatched codes are
    new themes with fresh ids (a file's GUIDs never reach into another intervention).
    """
    guids = {guid_of(t.id): t.id for t in codebook.themes}
    working = {t.id: t for t in codebook.themes}
    by_path: dict[tuple[str, ...], str] = {}
    touched: dict[str, Theme] = {}
    colors: dict[str, str] = {}
    for entry in entries:
        parent = _parent_id(entry.path[:-1], by_path, Codebook(working.values()))
        theme_id = _match(entry, working, guids, parent, Codebook(working.values()))
        if theme_id is None:
            theme_id = new_id()
            theme = Theme(theme_id, intervention_id, entry.path[-1], entry.definition, parent)
        else:
            old = working[theme_id]
            theme = replace(
                old,
                name=entry.path[-1],
                parent_id=parent,
                definition=entry.definition or old.definition,
            )
        if working.get(theme_id) != theme:
            working[theme_id] = touched[theme_id] = theme
        by_path[tuple(p.casefold() for p in entry.path)] = theme_id
        if entry.color:
            colors[theme_id] = entry.color
    return upsert_themes(codebook, list(touched.values())), colors


def _parent_id(
    path: tuple[str, ...], by_path: Mapping[tuple[str, ...], str], current: Codebook
) -> str:
    if not path:
        return ""
    known = by_path.get(tuple(p.casefold() for p in path))
    if known:
        return known
    found = current.find(path)
    if found is None:
        raise _refuse(
            _("a code's parent is missing from the file: {path}").format(
                path=PATH_SEPARATOR.join(path)
            )
        )
    return found.id


def _match(
    entry: CodeEntry,
    working: Mapping[str, Theme],
    guids: Mapping[str, str],
    parent: str,
    current: Codebook,
) -> str | None:
    if entry.theme_id in working:
        return entry.theme_id
    if entry.theme_id and guid_of(entry.theme_id) in guids:
        return guids[guid_of(entry.theme_id)]
    same = [t for t in current.children(parent) if t.name.casefold() == entry.path[-1].casefold()]
    return same[0].id if same else None
