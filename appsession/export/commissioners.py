"""The document for the commissioners: approved items only, each at its approved wording.

Parts, in the order of ``exports/commissioners.toml``: title page, contents, frame and method,
how the groups validated, the sections, and the theme × session annex.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.text.paragraph import Paragraph

from appsession.core.model import ItemKind
from appsession.core.validation import APPROVING
from appsession.export.data import ExportData, ExportItem, ExportSection
from appsession.export.layout import Layout, load_texts
from appsession.export.ooxml import paragraph_border, shade
from appsession.export.tables import add_row, new_table, shade_level, write_cell
from appsession.export.title_page import details_table, title_block
from appsession.export.writer import Writer

Part = Callable[[Writer, ExportData], None]


class NotApproved(ValueError):
    """The commissioners' builder was handed an item that is not approved (a bug upstream)."""


def build_commissioners_docx(
    data: ExportData, layout: Layout, lang: str, template: Path | None = None
) -> bytes:
    """The commissioners' DOCX, in memory; refuses any item that is not approved."""
    refuse_unapproved(data)
    writer = Writer(layout, load_texts(lang), template)
    texts = writer.texts
    for name in layout.parts:
        PARTS[name](writer, data)
    writer.bare_first_page()
    writer.running_header(data.title, texts("commissioners.header_right"))
    writer.running_footer(texts("commissioners.footer_left"))
    return writer.finish(data.exported_at or datetime.now(UTC), data.title)


def refuse_unapproved(data: ExportData) -> None:
    """Last line of defence: only approved or amended-and-approved items may be written."""
    for item in data.items():
        if item.state not in APPROVING:
            raise NotApproved(f"item {item.number} is {item.state.value}")


def title_page(writer: Writer, data: ExportData) -> None:
    """Practice, title, document kind, the commission's details and the notice."""
    texts = writer.texts
    title_block(
        writer,
        kicker=texts("common.practice"),
        title=data.title,
        subtitle=texts("commissioners.document_kind") + "\n" + texts("commissioners.subtitle"),
    )
    rows = [
        (texts("commissioners.label_commissioner"), data.commissioner),
        (texts("commissioners.label_period"), data.period),
        (texts("commissioners.label_facilitator"), data.facilitator),
        (
            texts("commissioners.label_date"),
            texts.date((data.exported_at or datetime.now(UTC)).isoformat()),
        ),
    ]
    details_table(writer, [(label, value) for label, value in rows if value])
    notice = writer.paragraph(texts("commissioners.notice"), "Notice")
    notice.paragraph_format.space_before = Cm(3)
    paragraph_border(notice, "top", writer.layout.hex("colours.rule"), 4, space=6)
    writer.page_break()


def contents(writer: Writer, data: ExportData) -> None:
    """The contents list, on its own page."""
    writer.contents_here()
    writer.page_break()


def method(writer: Writer, data: ExportData) -> None:
    """Protocol, number of sessions, groups and participants; never a name."""
    texts = writer.texts
    writer.heading(texts("commissioners.method_heading"))
    writer.paragraph(
        texts(
            "commissioners.method_frame",
            groups=texts.plural("groups", data.groups),
            participants=texts.plural("participants", data.participants),
            sessions=texts.plural("sessions", data.sessions),
        )
    )
    if data.protocols:
        key = "method_protocol" if len(data.protocols) == 1 else "method_protocols"
        writer.paragraph(texts(f"commissioners.{key}", protocols=texts.join(list(data.protocols))))
    writer.paragraph(texts("commissioners.method_analysis"))
    writer.paragraph(texts("commissioners.method_confidentiality"))


def validation(writer: Writer, data: ExportData) -> None:
    """How the groups validated, and when: one line per group."""
    texts, layout = writer.texts, writer.layout
    writer.heading(texts("commissioners.validation_heading"))
    writer.paragraph(texts("commissioners.validation_text"))
    widths = [Cm(6.5), Cm(4.5), Cm(4.5)]
    header = [
        texts("commissioners.validation_table_group"),
        texts("commissioners.validation_table_session"),
        texts("commissioners.validation_table_date"),
    ]
    table = new_table(writer, widths, header, writer.accent, "FFFFFF")
    for record in data.validations:
        cells = add_row(table, widths, layout.hex("colours.rule"))
        none = texts("commissioners.validation_none")
        session = texts("commissioners.validation_session", number=record.session_number)
        write_cell(cells[0], record.group)
        write_cell(cells[1], session if record.session_number else none)
        write_cell(cells[2], texts.date(record.date) or none)
    closing = writer.paragraph(texts("commissioners.validation_closing"))
    closing.paragraph_format.space_before = Pt(8)


def sections(writer: Writer, data: ExportData) -> None:
    """Each section that has approved items, its items in draft order."""
    for section in data.sections:
        if section.items:
            write_section(writer, section)


def write_section(writer: Writer, section: ExportSection) -> None:
    """A section heading, then its analysis, quotations and leads for action."""
    writer.heading(section.title)
    for item in section.items:
        WRITE_ITEM[item.kind](writer, item)


def write_analysis(writer: Writer, item: ExportItem) -> None:
    """An analysis paragraph, justified like the rest of a report."""
    paragraph = writer.paragraph(item.text)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    mark_group_item(writer, paragraph, item)


def write_verbatim(writer: Writer, item: ExportItem) -> None:
    """A quotation in French quotation marks, set apart by a rule on its left."""
    layout = writer.layout
    texts = writer.texts
    text = texts("common.quote_open") + item.text + texts("common.quote_close")
    paragraph = writer.paragraph(text, "Quote")
    paragraph_border(paragraph, "left", layout.hex("colours.rule"), 18, space=8)
    mark_group_item(writer, paragraph, item)


def write_action(writer: Writer, item: ExportItem) -> None:
    """A lead for action in a light box, introduced by its label."""
    paragraph = writer.paragraph(style="Action")
    texts = writer.texts
    label = paragraph.add_run(texts("common.label", label=texts("common.kind.action")))
    label.bold = True
    label.font.color.rgb = RGBColor.from_string(writer.accent)
    paragraph.add_run(item.text)
    shade(paragraph, writer.layout.hex("colours.accent_light"))
    mark_group_item(writer, paragraph, item)


def mark_group_item(writer: Writer, paragraph: Paragraph, item: ExportItem) -> None:
    """A discreet mark on items a group added itself."""
    if not item.own_group:
        return
    run = paragraph.add_run("  [" + writer.texts("commissioners.group_contribution") + "]")
    run.italic = True
    run.font.size = Pt(8.5)
    run.font.color.rgb = writer.layout.colour("colours.muted")


def annex(writer: Writer, data: ExportData) -> None:
    """The theme × session table, cells shaded by the number of notes."""
    texts, layout = writer.texts, writer.layout
    writer.page_break()
    writer.heading(texts("commissioners.annex_heading"), numbered=False)
    rows = data.matrix.rows
    if not rows:
        writer.paragraph(texts("commissioners.annex_empty"))
        return
    writer.paragraph(texts("commissioners.annex_text"))
    sessions = data.matrix.sessions
    theme_width = layout.cm("annex.theme_column")
    spread = (writer.text_width() - theme_width) // (len(sessions) + 1)
    rest = Emu(min(spread, layout.cm("annex.session_column_max")))
    widths = [theme_width] + [rest] * (len(sessions) + 1)
    header = [texts("commissioners.annex_theme")]
    header += [texts("commissioners.annex_session", number=n) for n in sessions]
    header += [texts("commissioners.annex_total")]
    table = new_table(
        writer, widths, header, layout.hex("annex.header_fill"), layout.hex("annex.header_text")
    )
    shades = [str(s) for s in layout.get("annex.shades")]
    highest = max((count for _theme, counts in rows for count in counts), default=0)
    size = float(layout.get("annex.font_size"))
    for theme, counts in rows:
        cells = add_row(table, widths, layout.hex("colours.rule"))
        write_cell(cells[0], theme, size=size)
        for cell, count in zip(cells[1:], counts, strict=False):
            level = shade_level(count, highest, len(shades))
            dark = level >= int(layout.get("annex.dark_text_from"))
            colour = RGBColor(0xFF, 0xFF, 0xFF) if dark else None
            write_cell(cell, str(count) if count else "", size=size, centred=True, colour=colour)
            shade(cell, shades[level])
        write_cell(cells[-1], str(sum(counts)), bold=True, size=size, centred=True)


PARTS: dict[str, Part] = {
    "title_page": title_page,
    "contents": contents,
    "method": method,
    "validation": validation,
    "sections": sections,
    "annex": annex,
}
WRITE_ITEM: dict[ItemKind, Callable[[Writer, ExportItem], None]] = {
    ItemKind.ANALYSIS: write_analysis,
    ItemKind.VERBATIM: write_verbatim,
    ItemKind.ACTION: write_action,
}
