"""Scrubbed metadata, the user's letterhead template, and owner-only durable writes."""

from __future__ import annotations

import io
import os
import stat
import zipfile
from datetime import datetime
from pathlib import Path

import docx
import pytest
from docx.shared import Pt, RGBColor

from appsession.core.errors import UserError
from appsession.export import (
    build_commissioners_docx,
    build_group_docx,
    file_hash,
    load_layout,
    write_private,
)
from tests.export.sample import MOMENT, sample_data

LETTERHEAD_AUTHOR = "Jean-Marc Secrétaire-Général"


def parts(content: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name).decode("utf-8", "replace") for name in archive.namelist()}


@pytest.mark.parametrize("audience", ["group", "commissioners"])
def test_core_properties_are_scrubbed(audience: str) -> None:
    data = sample_data(approved_only=audience == "commissioners", group="Groupe A")
    layout = load_layout(audience)
    content = (
        build_group_docx(data, layout, "fr")
        if audience == "group"
        else build_commissioners_docx(data, layout, "fr")
    )
    files = parts(content)
    assert not any("python-docx" in text for text in files.values())
    assert not any("rsid" in text for text in files.values())
    assert "docProps/app.xml" not in files
    assert "docProps/thumbnail.jpeg" not in files
    assert not [name for name in files if name.startswith("customXml/")]
    core = docx.Document(io.BytesIO(content)).core_properties
    assert (core.author, core.last_modified_by, core.comments) == ("", "", "")
    assert (core.keywords, core.subject, core.category) == ("", "", "")
    assert core.title == data.title
    assert core.created == MOMENT
    assert core.modified == MOMENT
    assert "<w:removePersonalInformation/>" in files["word/settings.xml"]


def letterhead(path: Path) -> Path:
    """A letterhead as a town hall would make it: header text, own heading look, an author."""
    document = docx.Document()
    document.sections[0].header.paragraphs[
        0
    ].text = "MAIRIE DE VILLEMAGNE — Direction des solidarités"
    heading = document.styles["Heading 1"]
    heading.font.name = "Georgia"
    heading.font.size = Pt(20)
    heading.font.color.rgb = RGBColor(0x80, 0x00, 0x20)
    document.add_paragraph("Texte du modèle à ne pas reprendre")
    document.core_properties.author = LETTERHEAD_AUTHOR
    document.core_properties.comments = "Modèle interne"
    document.core_properties.last_printed = datetime(2024, 3, 1)
    document.save(path)
    return path


def test_a_letterhead_template_gives_its_styles_and_header_but_not_its_metadata(
    tmp_path: Path,
) -> None:
    template = letterhead(tmp_path / "papier-a-en-tete.docx")
    content = build_commissioners_docx(sample_data(), load_layout("commissioners"), "fr", template)
    document = docx.Document(io.BytesIO(content))
    assert document.sections[0].header.paragraphs[0].text.startswith("MAIRIE DE VILLEMAGNE")
    heading = document.styles["Heading 1"]
    assert heading.font.name == "Georgia"
    assert heading.font.color.rgb == RGBColor(0x80, 0x00, 0x20)
    files = parts(content)
    assert not any(LETTERHEAD_AUTHOR in text or "Modèle interne" in text for text in files.values())
    assert "Texte du modèle" not in files["word/document.xml"]
    assert "lastPrinted" not in files["docProps/core.xml"]
    assert "Page " in document.sections[0].footer._element.xml  # page numbers still added


def test_a_template_that_is_not_a_word_file_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "modele.docx"
    bogus.write_text("pas un document")
    with pytest.raises(UserError, match="not a Word document"):
        build_commissioners_docx(sample_data(), load_layout("commissioners"), "fr", bogus)
    with pytest.raises(UserError, match="cannot read the template"):
        build_commissioners_docx(
            sample_data(), load_layout("commissioners"), "fr", tmp_path / "absent.docx"
        )


def test_written_files_are_owner_only_whatever_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o000)
    try:
        digest = write_private(tmp_path / "export.docx", b"contenu")
    finally:
        os.umask(previous)
    target = tmp_path / "export.docx"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert digest == file_hash(b"contenu")
    assert target.read_bytes() == b"contenu"


def test_an_existing_file_or_link_is_never_overwritten_unless_asked(tmp_path: Path) -> None:
    target = tmp_path / "export.docx"
    target.write_bytes(b"ancien")
    with pytest.raises(UserError, match="already exists"):
        write_private(target, b"nouveau")
    assert target.read_bytes() == b"ancien"
    victim = tmp_path / "victim"
    victim.write_bytes(b"ne pas toucher")
    link = tmp_path / "link.docx"
    link.symlink_to(victim)
    with pytest.raises(UserError, match="already exists"):
        write_private(link, b"nouveau")
    assert victim.read_bytes() == b"ne pas toucher"


def test_an_intentional_overwrite_replaces_atomically(tmp_path: Path) -> None:
    target = tmp_path / "export.docx"
    target.write_bytes(b"ancien")
    os.chmod(target, 0o644)
    write_private(target, b"nouveau", overwrite=True)
    assert target.read_bytes() == b"nouveau"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.docx"]


def test_a_missing_folder_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="cannot write"):
        write_private(tmp_path / "absent" / "export.docx", b"x")
