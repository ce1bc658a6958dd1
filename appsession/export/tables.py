"""Tables of the exports: fixed column widths, a repeated header row, shaded cells."""

from __future__ import annotations

from collections.abc import Sequence

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Length, Pt, RGBColor
from docx.table import Table, _Cell

from appsession.export.ooxml import (
    cell_borders,
    cell_margins,
    keep_row_together,
    repeat_as_header,
    shade,
)
from appsession.export.styles import set_style
from appsession.export.writer import Writer


def new_table(
    writer: Writer, widths: Sequence[Length], header: Sequence[str], fill: str, text: str
) -> Table:
    """A table with a coloured header row repeated on every page."""
    table: Table = writer.document.add_table(rows=1, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    row = table.rows[0]
    repeat_as_header(row)
    for cell, width, title in zip(row.cells, widths, header, strict=True):
        cell.width = width
        write_cell(cell, title, bold=True, colour=RGBColor.from_string(text))
        shade(cell, fill)
        cell_borders(cell, fill)
        cell_margins(cell, 3)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    return table


def add_row(table: Table, widths: Sequence[Length], border: str) -> list[_Cell]:
    """A new row kept on one page, with thin borders."""
    row = table.add_row()  # type: ignore[no-untyped-call]
    keep_row_together(row)
    cells = list(row.cells)
    for cell, width in zip(cells, widths, strict=True):
        cell.width = width
        cell_borders(cell, border)
        cell_margins(cell, 3)
    return cells


def write_cell(
    cell: _Cell,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    colour: RGBColor | None = None,
    size: float | None = None,
    centred: bool = False,
    style: str = "Table Text",
) -> None:
    """Put ``text`` in the cell's first paragraph."""
    paragraph = cell.paragraphs[0]
    set_style(paragraph, style)
    if centred:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.italic = italic or None
    if colour is not None:
        run.font.color.rgb = colour
    if size is not None:
        run.font.size = Pt(size)


def add_cell_paragraph(
    cell: _Cell,
    text: str,
    *,
    italic: bool = False,
    colour: RGBColor | None = None,
    size: float | None = None,
) -> None:
    """Another paragraph in a cell (evidence, warnings under an item's text)."""
    paragraph = cell.add_paragraph()
    set_style(paragraph, "Table Text")
    run = paragraph.add_run(text)
    run.italic = italic or None
    if colour is not None:
        run.font.color.rgb = colour
    if size is not None:
        run.font.size = Pt(size)


def shade_level(count: int, highest: int, levels: int) -> int:
    """Which of ``levels`` shades a count gets: 0 for none, the darkest for the highest."""
    if count <= 0 or highest <= 0:
        return 0
    return max(1, min(levels - 1, -(-count * (levels - 1) // highest)))
