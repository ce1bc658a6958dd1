"""Render a privacy paper to DOCX, in memory, with its metadata scrubbed.

Reuses the exports' scrubbing (no "python-docx" author, no revision ids, export time as the
only date) and language setting, so papers leak no more than restitutions do.
"""

from __future__ import annotations

import io
from datetime import datetime

import docx
from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.table import Table as DocxTable

from appsession.export.ooxml import add_field, keep_row_together, repeat_as_header
from appsession.export.scrub import scrub
from appsession.export.styles import document_language
from appsession.privacy.document import (
    BOX,
    Blank,
    Block,
    Bullets,
    Choice,
    Document,
    Fields,
    Heading,
    Paragraph,
    Table,
)

LANGUAGE_TAGS = {"fr": "fr-FR", "en": "en-GB"}
FONT = "Calibri"
GREY = RGBColor(0x55, 0x55, 0x55)
MARGIN = Cm(2.2)
TEXT_WIDTH = Cm(21.0) - 2 * MARGIN


def to_docx(document: Document, moment: datetime) -> bytes:
    """The DOCX bytes of ``document``; ``moment`` is the only date its metadata carries."""
    word = docx.Document()
    language = LANGUAGE_TAGS.get(document.language, "en-GB")
    _page_setup(word, document.footer)
    document_language(word, language)
    for block in document.blocks:
        _add(word, block, document.language)
    scrub(word, moment, document.title, language)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _page_setup(word: WordDocument, footer: str) -> None:
    section = word.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    normal = word.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    line = section.footer.paragraphs[0]
    line.style = word.styles["Footer"]
    run = line.add_run(footer + ("   —   " if footer else ""))
    run.font.size = Pt(8)
    add_field(line, "PAGE", "1")


def _add(word: WordDocument, block: Block, language: str) -> None:
    if isinstance(block, Heading):
        word.add_heading(block.text, level=min(block.level, 3))
    elif isinstance(block, Paragraph):
        _paragraph(word, block)
    elif isinstance(block, Bullets):
        for item in block.items:
            word.add_paragraph(item, style="List Bullet")
    elif isinstance(block, Fields):
        _table(word, None, block.pairs, (1, 2), bold_first=True)
    elif isinstance(block, Table):
        _table(word, block.header, block.rows, block.widths, bold_first=False)
    elif isinstance(block, Choice):
        _choice(word, block)
    elif isinstance(block, Blank):
        colon = "\u00a0:" if language == "fr" else ":"
        word.add_paragraph(f"{block.label}{colon} " + "_" * 40).paragraph_format.space_before = Pt(
            14
        )
    else:
        word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _paragraph(word: WordDocument, block: Paragraph) -> None:
    paragraph = word.add_paragraph()
    lines = block.text.splitlines() or [""]
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        if index < len(lines) - 1:
            run.add_break()
        if block.small:
            run.font.size = Pt(9)
            run.font.color.rgb = GREY


def _choice(word: WordDocument, block: Choice) -> None:
    question = word.add_paragraph(block.text)
    question.paragraph_format.keep_with_next = True
    question.paragraph_format.space_before = Pt(8)
    boxes = word.add_paragraph("        ".join(f"{BOX}  {option}" for option in block.options))
    boxes.paragraph_format.left_indent = Cm(1)


def _table(
    word: WordDocument,
    header: tuple[str, ...] | None,
    rows: tuple[tuple[str, ...], ...],
    widths: tuple[int, ...],
    *,
    bold_first: bool,
) -> None:
    columns = len(header) if header else max((len(row) for row in rows), default=2)
    table = word.add_table(rows=0, cols=columns)
    table.style = word.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    if header:
        row = table.add_row()
        repeat_as_header(row)
        for cell, text in zip(row.cells, header, strict=True):
            cell.paragraphs[0].add_run(text).bold = True
    for cells_text in rows:
        added = table.add_row()
        keep_row_together(added)
        for index, (cell, text) in enumerate(zip(added.cells, cells_text, strict=False)):
            cell.paragraphs[0].add_run(text).bold = bold_first and index == 0
    _widths(table, widths if len(widths) == columns else (1,) * columns)
    word.add_paragraph()


def _widths(table: DocxTable, shares: tuple[int, ...]) -> None:
    """Share the text width between columns (Word reads cell widths, LibreOffice the grid)."""
    total = sum(shares)
    for index, column in enumerate(table.columns):
        width = Emu(int(TEXT_WIDTH * shares[index] / total))
        column.width = width
        for cell in column.cells:
            cell.width = width
