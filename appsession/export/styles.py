"""Paragraph styles of the exports, from the layout; a user's template keeps its own.

With ``--template``, every style the template defines wins (its letterhead look); only the
styles it lacks are added, in the layout's look.
"""

from __future__ import annotations

import weakref
from typing import Any

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from appsession.export.layout import Layout
from appsession.export.ooxml import RPR_ORDER, element, place, set_language

STYLE_NAMES = (
    "Normal",
    "Title",
    "Subtitle",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "Quote",
    "TOC Heading",
    "TOC 1",
    "TOC 2",
    "Header",
    "Footer",
    "Kicker",
    "Notice",
    "Action",
    "Small",
    "Table Text",
)


_STYLE_IDS: weakref.WeakKeyDictionary[Any, dict[str, str]] = weakref.WeakKeyDictionary()


def set_style(paragraph: Paragraph, name: str) -> None:
    """``paragraph.style = name``, remembering ids (python-docx scans every style each time).

    Ids come from the document itself: a French Word template calls "Heading 1" ``Titre1``.
    """
    part = paragraph.part
    known = _STYLE_IDS.setdefault(part, {})
    if name not in known:
        known[name] = part.styles[name].style_id  # type: ignore[attr-defined]
    paragraph._p.style = known[name]


def set_fonts(font_owner: Any, name: str) -> None:
    """One font for every script, replacing theme fonts (which would otherwise win)."""
    properties = font_owner.element.get_or_add_rPr()
    fonts = element("w:rFonts", ascii=name, hAnsi=name, cs=name, eastAsia=name)
    place(properties, fonts, RPR_ORDER)


def document_language(document: Document, language: str) -> None:
    """The language of every run by default (spelling and hyphenation in Word and LibreOffice)."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = element("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = element("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = element("w:rPr")
        run_defaults.append(properties)
    set_language(properties, language)


def paragraph_style(
    document: Document, name: str, base: str = "Normal"
) -> tuple[ParagraphStyle, bool]:
    """The style called ``name`` and whether it is new (a template's own styles are kept)."""
    styles = document.styles
    try:
        existing = styles[name]
    except KeyError:
        created = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if name != base:
            created.base_style = styles[base]
        created.quick_style = True
        return created, True
    return existing, False


def look(style: ParagraphStyle, layout: Layout, size: str, *, font: str = "fonts.body") -> None:
    """Font, size and no italic/underline inherited from python-docx's defaults."""
    set_fonts(style, str(layout.get(font)))
    style.font.size = layout.pt(size)
    style.font.italic = False
    style.font.underline = False


def heading_look(style: ParagraphStyle, layout: Layout, level: int) -> None:
    """Headings in the accent colour, kept with what follows."""
    look(style, layout, f"headings.level{level}_size", font="fonts.headings")
    style.font.bold = True
    style.font.color.rgb = layout.colour("colours.accent")
    fmt = style.paragraph_format
    fmt.space_before = Pt((20, 14, 10)[level - 1])
    fmt.space_after = Pt((8, 6, 4)[level - 1])
    fmt.keep_with_next = True
    fmt.left_indent = Cm(0)


def body_look(style: ParagraphStyle, layout: Layout) -> None:
    """The running text."""
    look(style, layout, "fonts.body_size")
    style.font.color.rgb = None
    fmt = style.paragraph_format
    fmt.line_spacing = float(layout.get("fonts.line_spacing"))
    fmt.space_after = Pt(float(layout.get("fonts.space_after")))
    fmt.space_before = Pt(0)


def apply_layout(
    document: Document, layout: Layout, language: str, *, keep_existing: bool = False
) -> None:
    """Make every style the builders use exist; a template's own styles are kept as they are."""
    document_language(document, language)
    for name in STYLE_NAMES:
        style, new = paragraph_style(document, name)
        if new or not keep_existing:
            _configure(name, style, layout)
        if new and keep_existing:
            inherit_fonts(style)


def inherit_fonts(style: ParagraphStyle) -> None:
    """A style added to a user's template takes the template's fonts, not the layout's."""
    for fonts in style.element.xpath("./w:rPr/w:rFonts"):
        fonts.getparent().remove(fonts)


def _configure(name: str, style: ParagraphStyle, layout: Layout) -> None:
    if name == "Normal":
        body_look(style, layout)
    elif name.startswith("Heading "):
        heading_look(style, layout, int(name[-1]))
    elif name in ("Title", "Subtitle", "Kicker", "TOC Heading"):
        _title_look(name, style, layout)
    else:
        _block_look(name, style, layout)


def _title_look(name: str, style: ParagraphStyle, layout: Layout) -> None:
    size = {
        "Title": "title_page.title_size",
        "Subtitle": "title_page.subtitle_size",
        "Kicker": "title_page.kicker_size",
        "TOC Heading": "headings.level1_size",
    }[name]
    look(style, layout, size, font="fonts.headings")
    style.font.bold = name in ("Title", "TOC Heading")
    style.font.all_caps = name == "Kicker"
    colour = "colours.muted" if name == "Subtitle" else "colours.accent"
    style.font.color.rgb = layout.colour(colour)
    for leftover in style.element.xpath("./w:pPr/w:pBdr|./w:rPr/w:spacing|./w:rPr/w:kern"):
        leftover.getparent().remove(leftover)
    style.paragraph_format.space_after = Pt(12 if name == "Title" else 6)
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.line_spacing = 1.0


def _block_look(name: str, style: ParagraphStyle, layout: Layout) -> None:
    look(style, layout, "fonts.body_size")
    fmt = style.paragraph_format
    if name == "Quote":
        style.font.italic = True
        indent = "items.verbatim_indent"
        fmt.left_indent = layout.cm(indent) if _has(layout, indent) else Cm(1)
        fmt.right_indent = Cm(0.5)
        fmt.space_before = Pt(2)
        fmt.space_after = Pt(8)
    elif name in ("TOC 1", "TOC 2"):
        fmt.left_indent = Cm(0 if name == "TOC 1" else 0.6)
        fmt.space_before = Pt(6 if name == "TOC 1" else 0)
        fmt.space_after = Pt(2)
        style.font.bold = name == "TOC 1"
    elif name in ("Header", "Footer", "Small", "Table Text", "Notice"):
        sizes = {"Header": 8.5, "Footer": 8.5, "Small": 9, "Table Text": 9.5, "Notice": 9.5}
        style.font.size = Pt(sizes[name])
        style.font.color.rgb = layout.colour("colours.muted") if name != "Table Text" else None
        fmt.space_after = Pt(2 if name == "Table Text" else 4)
        fmt.line_spacing = 1.0
        fmt.tab_stops.clear_all()
    elif name == "Action":
        fmt.left_indent = (
            layout.cm("items.action_indent") if _has(layout, "items.action_indent") else Cm(0.4)
        )
        fmt.space_before = Pt(4)
        fmt.space_after = Pt(6)


def _has(layout: Layout, key: str) -> bool:
    try:
        layout.get(key)
    except KeyError:
        return False
    return True
