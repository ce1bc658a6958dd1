"""The title page shared by both documents: a kicker, the title, a subtitle, the details."""

from __future__ import annotations

from collections.abc import Sequence

from docx.shared import Cm, Pt, RGBColor

from appsession.export.ooxml import cell_borders, cell_margins, paragraph_border
from appsession.export.tables import write_cell
from appsession.export.writer import Writer


def title_block(writer: Writer, *, kicker: str, title: str, subtitle: str) -> None:
    """The practice in small capitals, the title, a rule, then the document's kind."""
    layout = writer.layout
    top = writer.paragraph(kicker, "Kicker")
    top.paragraph_format.space_before = layout.cm("title_page.space_before_title")
    writer.paragraph(title, "Title")
    lines = subtitle.split("\n")
    first = writer.paragraph(lines[0], "Subtitle")
    paragraph_border(first, "top", writer.accent, 12, space=10)
    first.paragraph_format.space_before = Pt(6)
    for line in lines[1:]:
        writer.paragraph(line, "Subtitle")


def details_table(writer: Writer, rows: Sequence[tuple[str, str]]) -> None:
    """Label and value pairs, without borders, under the title."""
    spacer = writer.paragraph()
    spacer.paragraph_format.space_before = Cm(1.5)
    table = writer.document.add_table(rows=0, cols=2)
    table.autofit = False
    widths = [Cm(4.5), Cm(11)]
    size = float(writer.layout.get("title_page.details_size"))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for label, value in rows:
        cells = list(table.add_row().cells)
        for cell, width in zip(cells, widths, strict=True):
            cell.width = width
            cell_borders(cell)
            cell_margins(cell, 2)
        write_cell(
            cells[0], label, bold=True, colour=RGBColor.from_string(writer.accent), size=size
        )
        write_cell(cells[1], value, size=size)
