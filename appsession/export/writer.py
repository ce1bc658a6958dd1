"""A document being written: page setup, numbered headings, contents, header and footer.

Built in memory only: ``finish`` returns the bytes of a scrubbed DOCX, nothing touches the disk.

The contents list is made of paragraphs in the ``TOC 1``/``TOC 2`` styles, each a link to its
heading's bookmark with a ``PAGEREF`` field for the page: LibreOffice computes these when it lays
the document out and Word when it prints or updates fields, whereas a ``TOC`` field's cached
result is shown as it was written by both until someone updates it by hand.
"""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Emu, Length, RGBColor
from docx.text.paragraph import Paragraph

from appsession.core.errors import UserError
from appsession.export.layout import Layout, Texts
from appsession.export.ooxml import (
    add_bookmark,
    add_field,
    add_internal_link,
    paragraph_border,
    right_tab_with_dots,
)
from appsession.export.scrub import scrub
from appsession.export.styles import apply_layout, set_style
from appsession.i18n import _

FIELD_TOKEN = re.compile(r"(\{page\}|\{pages\})")


def open_document(template: Path | None) -> Document:
    """python-docx's blank document, or the user's letterhead emptied of its body."""
    if template is None:
        return docx.Document()
    try:
        document = docx.Document(io.BytesIO(template.read_bytes()))
    except OSError as error:
        raise UserError(
            _("cannot read the template {path} ({reason})").format(
                path=template, reason=error.strerror or type(error).__name__
            ),
            exit_code=2,
        ) from None
    except Exception:  # python-docx raises several kinds for a file that is not a .docx
        raise UserError(
            _("the template {path} is not a Word document (.docx)").format(path=template),
            exit_code=2,
        ) from None
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


def has_content(part_element: object) -> bool:
    """True when a header or footer shows text or a picture (a letterhead)."""
    found = part_element.xpath(".//w:t[normalize-space()]|.//w:drawing|.//w:pict")  # type: ignore[attr-defined]
    return bool(found)


class Writer:
    """One document under construction."""

    def __init__(self, layout: Layout, texts: Texts, template: Path | None = None) -> None:
        self.layout = layout
        self.texts = texts
        self.templated = template is not None
        self.document = open_document(template)
        self.headings: list[tuple[int, str, str]] = []
        self._numbers = [0, 0, 0]
        self._contents_anchor: Paragraph | None = None
        self._new_page = False
        apply_layout(self.document, layout, texts.language, keep_existing=self.templated)
        if self.templated:
            self.document.styles["Kicker"].font.color.rgb = RGBColor.from_string(self.accent)
        else:
            self.set_up_page(self.document.sections[0])

    @property
    def accent(self) -> str:
        """The accent colour (RRGGBB): a letterhead's heading colour, else the layout's."""
        if self.templated:
            colour = self.document.styles["Heading 1"].font.color
            if colour is not None and colour.type is not None and colour.rgb is not None:
                return str(colour.rgb)
        return self.layout.hex("colours.accent")

    @property
    def section(self) -> Section:
        """The document's (only) section."""
        return self.document.sections[0]

    def text_width(self) -> Length:
        """The width between the margins (for right-aligned tab stops and tables)."""
        section = self.section
        width = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
        return Emu(width)

    def set_up_page(self, section: Section) -> None:
        """A4 portrait with the layout's margins."""
        layout = self.layout
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width = layout.cm("page.width")
        section.page_height = layout.cm("page.height")
        section.top_margin = layout.cm("page.margin_top")
        section.bottom_margin = layout.cm("page.margin_bottom")
        section.left_margin = layout.cm("page.margin_left")
        section.right_margin = layout.cm("page.margin_right")
        section.header_distance = layout.cm("page.header_distance")
        section.footer_distance = layout.cm("page.footer_distance")

    # -- text -------------------------------------------------------------------------------
    def paragraph(self, text: str = "", style: str = "Normal") -> Paragraph:
        """A paragraph of running text (on a new page if ``page_break`` asked for one)."""
        paragraph = self.document.add_paragraph(text)
        set_style(paragraph, style)
        if self._new_page:
            paragraph.paragraph_format.page_break_before = True
            self._new_page = False
        return paragraph

    def page_break(self) -> None:
        """Start the next paragraph on a new page.

        A property of that paragraph rather than a break character: a break at the very bottom
        of a full page would leave an empty page behind it.
        """
        self._new_page = True

    def heading(self, text: str, level: int = 1, *, numbered: bool = True) -> Paragraph:
        """A heading, numbered if the layout says so, listed in the contents."""
        shown = text
        if numbered and self.layout.get("headings.numbered"):
            self._numbers[level - 1] += 1
            for deeper in range(level, len(self._numbers)):
                self._numbers[deeper] = 0
            shown = ".".join(str(n) for n in self._numbers[:level]) + ". " + text
        paragraph = self.paragraph(shown, f"Heading {level}")
        bookmark = f"_Toc{len(self.headings) + 1:06d}"
        add_bookmark(paragraph, bookmark, len(self.headings) + 1)
        self.headings.append((level, shown, bookmark))
        if level == 1:
            paragraph_border(paragraph, "bottom", self.layout.hex("colours.rule"), 6)
        return paragraph

    # -- contents ---------------------------------------------------------------------------
    def contents_here(self) -> None:
        """Reserve the place of the contents list; it is filled by ``finish``."""
        self.paragraph(self.texts("common.toc_heading"), "TOC Heading")
        self._contents_anchor = self.paragraph()

    def _fill_contents(self) -> None:
        anchor = self._contents_anchor
        if anchor is None:
            return
        self._new_page = False
        width = int(self.text_width().twips)
        for level, text, bookmark in self.headings:
            if level > 2:
                continue
            entry = self.paragraph(style=f"TOC {level}")
            right_tab_with_dots(entry, width)
            add_internal_link(entry, bookmark, text)
            entry.add_run("\t")
            add_field(entry, f"PAGEREF {bookmark} \\h", dirty=True)
            anchor._p.addprevious(entry._p)

    # -- header and footer ------------------------------------------------------------------
    def running_header(self, left: str, right: str) -> None:
        """Title on the left, document kind on the right, over a thin rule."""
        header = self.section.header
        if self.templated and has_content(header._element):
            return
        paragraph = header.paragraphs[0]
        paragraph.style = self.document.styles["Header"]
        paragraph.paragraph_format.tab_stops.add_tab_stop(self.text_width(), WD_TAB_ALIGNMENT.RIGHT)
        paragraph.add_run(left)
        paragraph.add_run("\t" + right)
        paragraph_border(paragraph, "bottom", self.layout.hex("colours.rule"), 4, space=2)

    def running_footer(self, left: str) -> None:
        """A notice on the left and "Page x of y" on the right.

        Under a letterhead's own footer, one centred line instead: its tab stops are unknown.
        """
        footer = self.section.footer
        under_letterhead = self.templated and has_content(footer._element)
        paragraph = footer.add_paragraph() if under_letterhead else footer.paragraphs[0]
        paragraph.style = self.document.styles["Footer"]
        if under_letterhead:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(left + " — ")
        else:
            paragraph.paragraph_format.tab_stops.add_tab_stop(
                self.text_width(), WD_TAB_ALIGNMENT.RIGHT
            )
            paragraph.add_run(left + "\t")
        for token in FIELD_TOKEN.split(self.texts("common.page", page="{page}", pages="{pages}")):
            if token == "{page}":
                add_field(paragraph, "PAGE", "1")
            elif token == "{pages}":
                add_field(paragraph, "NUMPAGES", "1")
            elif token:
                paragraph.add_run(token)

    def bare_first_page(self) -> None:
        """No header or footer on the title page (unless a letterhead decides otherwise)."""
        if not self.templated:
            self.section.different_first_page_header_footer = True

    # -- output -----------------------------------------------------------------------------
    def finish(self, moment: datetime, title: str) -> bytes:
        """The DOCX bytes: contents filled, metadata scrubbed, saved in memory."""
        self._fill_contents()
        scrub(self.document, moment, title, self.texts.language)
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()
