"""Both documents read back with python-docx: headings, tables, items in order, fields, pages."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn

from appsession.core.model import DecisionState
from appsession.export import (
    ExportData,
    NotApproved,
    build_commissioners_docx,
    build_group_docx,
    docx_texts,
    load_layout,
)
from tests.export.sample import SECTIONS, THEMES, sample_data


def commissioners(lang: str = "fr", data: ExportData | None = None) -> bytes:
    return build_commissioners_docx(data or sample_data(), load_layout("commissioners"), lang)


def group(lang: str = "fr") -> bytes:
    data = sample_data(approved_only=False, group="Groupe Saint-Flour")
    return build_group_docx(data, load_layout("group"), lang)


def read(content: bytes) -> Document:
    return docx.Document(io.BytesIO(content))


def headings(document: Document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]


def test_commissioners_headings_follow_the_layout() -> None:
    expected = ["1. Cadre et méthode", "2. Validation par les groupes"]
    expected += [f"{n}. {title}" for n, (title, _items) in enumerate(SECTIONS, start=3)]
    expected += ["Annexe — Thèmes abordés au fil des séances"]
    assert headings(read(commissioners())) == expected


def test_commissioners_items_appear_once_each_in_draft_order() -> None:
    text = "\n".join(p.text for p in read(commissioners()).paragraphs)
    positions = []
    for _title, items in SECTIONS:
        for _kind, wording in items:
            assert text.count(wording) == 1, wording
            positions.append(text.index(wording))
    assert positions == sorted(positions)


def test_commissioners_tables_title_page_validation_and_shaded_annex() -> None:
    document = read(commissioners())
    details, validation, annex = document.tables
    assert [row.cells[0].text for row in details.rows] == [
        "Commanditaire",
        "Période",
        "Intervenant·e",
        "Date du document",
    ]
    assert [c.text for c in validation.rows[1].cells] == [
        "Groupe Saint-Flour",
        "Séance n°\u00a06",
        "11 juin 2026",
    ]
    assert [c.text for c in annex.rows[0].cells] == [
        "Thème",
        "S1",
        "S2",
        "S3",
        "S4",
        "S5",
        "S6",
        "Total",
    ]
    assert [row.cells[0].text for row in annex.rows[1:]] == THEMES
    fills = {
        cell._tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}").get(qn("w:fill"))
        for cell in annex.rows[1].cells[1:-1]
    }
    assert len(fills) >= 3  # counts are shaded by level


def test_contents_link_every_heading_with_a_page_field() -> None:
    document = read(commissioners())
    entries = [p for p in document.paragraphs if p.style.name in ("TOC 1", "TOC 2")]
    assert [p.text.split("\t")[0] for p in entries] == headings(document)
    body = document.element.body.xml
    bookmarks = re.findall(r'w:bookmarkStart w:id="\d+" w:name="(_Toc\d+)"', body)
    assert len(bookmarks) == len(entries)
    assert all(f"PAGEREF {name} \\h" in body for name in bookmarks)


def test_header_footer_and_page_numbers() -> None:
    document = read(commissioners())
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert "Restitution validée par les groupes" in section.header.paragraphs[0].text
    footer = section.footer._element.xml
    assert " PAGE " in footer
    assert " NUMPAGES " in footer
    assert round(section.page_width.cm, 1) == 21.0
    assert round(section.page_height.cm, 1) == 29.7


def test_english_texts_come_from_their_own_file() -> None:
    document = read(commissioners("en"))
    assert headings(document)[:2] == ["1. Frame and method", "2. Validation by the groups"]
    assert "en-GB" in document.styles.element.xml


def test_the_commissioners_builder_refuses_an_unapproved_item() -> None:
    data = sample_data()
    first = data.sections[0]
    pending = replace(first.items[0], state=DecisionState.PENDING)
    broken = replace(data, sections=(replace(first, items=(pending,)),))
    with pytest.raises(NotApproved):
        commissioners(data=broken)


def test_group_document_has_a_decision_table_per_section() -> None:
    document = read(group())
    tables = document.tables[2:]  # title page details, summary
    assert len(tables) == len(SECTIONS)
    numbers = [row.cells[0].text for table in tables for row in table.rows[1:]]
    assert numbers == [str(n) for n in range(1, 9)]
    first_row = tables[0].rows[1].cells
    assert first_row[1].text == "Analyse"
    assert "Appuis\u00a0: ce groupe et 1\u00a0autre groupe" in first_row[2].text
    assert first_row[3].text.startswith("Modifié et approuvé")
    assert "☐ Approuver" in first_row[3].text
    warned = tables[1].rows[1].cells[2].text
    assert "ses appuis viennent d’une ou deux personnes seulement" in warned
    assert "mentionne un site ou un lieu (l'accueil de Murat)" in warned
    summary = document.tables[1]
    assert [row.cells[1].text for row in summary.rows[1:]] == ["2", "2", "2", "0", "2"]


def test_group_document_shows_every_item_whatever_its_state() -> None:
    text = "\n".join(docx_texts(group()).values())
    for _title, items in SECTIONS:
        for _kind, wording in items:
            assert wording in text
