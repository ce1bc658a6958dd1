"""The group's working document: the whole draft that concerns it, to print or project.

Numbered items with their kind, their evidence (how many groups and participants, never
names), their warnings, where the group stands, and boxes to tick during the session.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from docx.shared import Cm, RGBColor
from docx.table import _Cell

from appsession.core.model import DecisionState, ItemKind
from appsession.export.data import ExportData, ExportItem, ExportSection, WarningLine
from appsession.export.layout import Layout, Texts, load_texts
from appsession.export.ooxml import paragraph_border, shade
from appsession.export.tables import add_cell_paragraph, add_row, new_table, write_cell
from appsession.export.title_page import details_table, title_block
from appsession.export.writer import Writer

STATE_ORDER = (
    DecisionState.APPROVED,
    DecisionState.AMENDED,
    DecisionState.PENDING,
    DecisionState.DEFERRED,
    DecisionState.WITHHELD,
)


def build_group_docx(data: ExportData, layout: Layout, lang: str) -> bytes:
    """The group's working DOCX, in memory."""
    writer = Writer(layout, load_texts(lang))
    texts = writer.texts
    for name in layout.parts:
        PARTS[name](writer, data)
    writer.bare_first_page()
    writer.running_header(data.title, texts("group.header_right"))
    writer.running_footer(texts("group.footer_left"))
    return writer.finish(data.exported_at or datetime.now(UTC), data.title)


def title_page(writer: Writer, data: ExportData) -> None:
    """Practice, title, "draft report", the group and the notice on how to decide."""
    texts = writer.texts
    title_block(
        writer,
        kicker=texts("common.practice"),
        title=data.title,
        subtitle=texts("group.document_kind") + "\n" + texts("group.subtitle"),
    )
    moment = data.exported_at or datetime.now(UTC)
    rows = [
        (texts("group.label_group"), data.group),
        (texts("group.label_period"), data.period),
        (texts("group.label_facilitator"), data.facilitator),
        (texts("group.label_date"), texts.date(moment.isoformat())),
    ]
    details_table(writer, [(label, value) for label, value in rows if value])
    notice = writer.paragraph(texts("group.notice"), "Notice")
    notice.paragraph_format.space_before = Cm(2.5)
    paragraph_border(notice, "top", writer.layout.hex("colours.rule"), 4, space=6)
    writer.page_break()


def summary(writer: Writer, data: ExportData) -> None:
    """How many items stand in each state for this group."""
    texts, layout = writer.texts, writer.layout
    writer.heading(texts("group.summary_heading"))
    counted = Counter(item.decision.state if item.decision else item.state for item in data.items())
    widths = [Cm(8), Cm(3)]
    header = [texts("group.summary_state"), texts("group.summary_count")]
    table = new_table(
        writer, widths, header, layout.hex("table.header_fill"), layout.hex("table.header_text")
    )
    for state in STATE_ORDER:
        cells = add_row(table, widths, layout.hex("colours.rule"))
        write_cell(cells[0], texts(f"common.state.{state.value}"))
        write_cell(cells[1], str(counted.get(state, 0)), centred=True)
        shade(cells[0], str(layout.get(f"table.state_fills.{state.value}")))


def sections(writer: Writer, data: ExportData) -> None:
    """Each section as a table of its items."""
    for section in data.sections:
        if section.items:
            write_section(writer, section)


def write_section(writer: Writer, section: ExportSection) -> None:
    """Number, kind, text with evidence and warnings, and the group's decision."""
    texts, layout = writer.texts, writer.layout
    writer.heading(section.title)
    widths = [Cm(float(width)) for width in layout.get("table.columns")]
    header = [
        texts("group.column_number"),
        texts("group.column_kind"),
        texts("group.column_text"),
        texts("group.column_decision"),
    ]
    table = new_table(
        writer, widths, header, layout.hex("table.header_fill"), layout.hex("table.header_text")
    )
    for item in section.items:
        cells = add_row(table, widths, layout.hex("colours.rule"))
        write_cell(cells[0], str(item.number), bold=True, centred=True)
        write_cell(cells[1], texts(f"common.kind.{item.kind.value}"))
        write_item_text(cells[2], item, texts, layout)
        write_decision(cells[3], item, texts, layout)


def write_item_text(cell: _Cell, item: ExportItem, texts: Texts, layout: Layout) -> None:
    """The proposed wording, then evidence, warnings and flags in smaller type."""
    text = item.text
    if item.kind is ItemKind.VERBATIM:
        text = texts("common.quote_open") + text + texts("common.quote_close")
    write_cell(cell, text, italic=item.kind is ItemKind.VERBATIM)
    muted = layout.colour("colours.muted")
    if item.own_group:
        add_cell_paragraph(cell, texts("group.own_item"), italic=True, colour=muted, size=8.5)
    else:
        add_cell_paragraph(cell, evidence_line(item, texts), italic=True, colour=muted, size=8.5)
    alert = layout.colour("colours.warning")
    for warning in item.warnings:
        line = texts("group.warning", warning=warning_text(warning, texts))
        add_cell_paragraph(cell, line, colour=alert, size=8.5)
    for warning in item.accepted_warnings:
        line = texts("group.accepted", warning=warning_text(warning, texts))
        add_cell_paragraph(cell, line, colour=muted, size=8.5)
    for flag in item.flags:
        add_cell_paragraph(cell, texts(f"group.flag.{flag}"), colour=alert, size=8.5)


def warning_text(warning: WarningLine, texts: Texts) -> str:
    """The warning in the document's language, with what triggered it when that helps."""
    try:
        text = texts(f"warnings.{warning.code}")
    except KeyError:
        text = warning.code
    if warning.detail and warning.code != "few-participants":
        text += f" ({warning.detail})"
    return text


def evidence_line(item: ExportItem, texts: Texts) -> str:
    """ "Evidence: this group and 1 other group, 5 participants." (counts only)."""
    if item.groups == 0:
        return texts("group.evidence_none")
    others = item.groups - 1 if item.includes_reader_group else item.groups
    parts = [texts("group.evidence_this_group")] if item.includes_reader_group else []
    if others:
        parts.append(
            texts.plural("other_groups" if item.includes_reader_group else "groups", others)
        )
    return texts(
        "group.evidence",
        groups=texts.join(parts),
        participants=texts.plural("participants", item.participants),
    )


def write_decision(cell: _Cell, item: ExportItem, texts: Texts, layout: Layout) -> None:
    """Where the group stands now, then the four choices as boxes to tick on paper."""
    decision = item.decision
    state = decision.state if decision else item.state
    write_cell(cell, texts(f"common.state.{state.value}"), bold=True)
    if decision is not None and decision.date:
        key = "group.decided" if decision.session_number else "group.decided_no_session"
        when = texts(key, session=decision.session_number, date=texts.date(decision.date))
        add_cell_paragraph(cell, when, colour=layout.colour("colours.muted"), size=8.5)
    shade(cell, str(layout.get(f"table.state_fills.{state.value}")))
    box = texts("group.checkbox")
    for choice in layout_choices(texts):
        add_cell_paragraph(cell, f"{box} {choice}", colour=RGBColor(0x40, 0x40, 0x40), size=9)


def layout_choices(texts: Texts) -> list[str]:
    """Approve, amend, withhold, defer: the words of the four decisions."""
    return [str(choice) for choice in texts.table["group"]["choices"]]


PARTS = {"title_page": title_page, "summary": summary, "sections": sections}
