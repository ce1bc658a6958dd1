"""Small WordprocessingML pieces python-docx has no API for: fields, bookmarks, shading, borders.

Kept apart so that the document builders read as documents, not as XML.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph

# fmt: off
PPR_ORDER = [
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
    "rPr", "sectPr", "pPrChange"
]
TCPR_ORDER = [
    "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
    "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel",
    "cellMerge", "tcPrChange"
]
RPR_ORDER = [
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
    "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr",
    "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish",
    "oMath"
]
# fmt: on
"""Child order the schema requires (Word refuses a file whose properties are out of order)."""


def place(parent: Any, child: Any, order: list[str]) -> Any:
    """Put ``child`` in ``parent`` at its schema position, replacing one of the same tag."""
    name = child.tag.rsplit("}", 1)[-1]
    for old in parent.findall(qn(f"w:{name}")):
        parent.remove(old)
    later = order[order.index(name) + 1 :]
    for existing in parent:
        if existing.tag.rsplit("}", 1)[-1] in later:
            existing.addprevious(child)
            return child
    parent.append(child)
    return child


def element(tag: str, **attributes: str) -> Any:
    """A new ``w:`` element with ``w:`` attributes (``val="x"`` gives ``w:val="x"``)."""
    node = OxmlElement(tag)
    for name, value in attributes.items():
        node.set(qn(f"w:{name}"), value)
    return node


def add_field(
    paragraph: Paragraph, instruction: str, shown: str = "", *, dirty: bool = False
) -> None:
    """A complex field (PAGE, NUMPAGES, PAGEREF…) showing ``shown`` until it is computed.

    ``dirty`` asks Word to recompute it when the document opens.
    """
    begin = element("w:fldChar", fldCharType="begin")
    if dirty:
        begin.set(qn("w:dirty"), "true")
    paragraph.add_run()._r.append(begin)
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    paragraph.add_run()._r.append(element("w:fldChar", fldCharType="separate"))
    paragraph.add_run(shown)
    paragraph.add_run()._r.append(element("w:fldChar", fldCharType="end"))


def add_bookmark(paragraph: Paragraph, name: str, number: int) -> None:
    """Wrap the paragraph's content in a bookmark (targets of the contents' page numbers)."""
    start = element("w:bookmarkStart", id=str(number), name=name)
    end = element("w:bookmarkEnd", id=str(number))
    p = paragraph._p
    properties = p.pPr
    if properties is not None:
        properties.addnext(start)
    else:
        p.insert(0, start)
    p.append(end)


def add_internal_link(paragraph: Paragraph, anchor: str, text: str) -> None:
    """A hyperlink to a bookmark of the same document."""
    link = element("w:hyperlink", anchor=anchor, history="1")
    run = paragraph.add_run(text)._r
    link.append(run)
    paragraph._p.append(link)


def shade(target: _Cell | Paragraph, fill: str) -> None:
    """Fill a table cell or a paragraph with a solid colour (RRGGBB)."""
    fill_element = element("w:shd", val="clear", color="auto", fill=fill)
    if isinstance(target, _Cell):
        place(target._tc.get_or_add_tcPr(), fill_element, TCPR_ORDER)
    else:
        place(target._p.get_or_add_pPr(), fill_element, PPR_ORDER)


def paragraph_border(
    paragraph: Paragraph, side: str, colour: str, size_eighths: int, space: int = 4
) -> None:
    """A line on one side of a paragraph (``left`` for quotations, ``bottom`` for rules)."""
    properties = paragraph._p.get_or_add_pPr()
    borders = properties.find(qn("w:pBdr"))
    if borders is None:
        borders = place(properties, element("w:pBdr"), PPR_ORDER)
    borders.append(
        element(f"w:{side}", val="single", sz=str(size_eighths), space=str(space), color=colour)
    )


def cell_borders(cell: _Cell, colour: str = "", size_eighths: int = 4) -> None:
    """Thin borders on every side of a cell; no colour means no border at all."""
    borders = element("w:tcBorders")
    for side in ("top", "left", "bottom", "right"):
        if colour:
            line = element(f"w:{side}", val="single", sz=str(size_eighths), space="0", color=colour)
        else:
            line = element(f"w:{side}", val="nil")
        borders.append(line)
    place(cell._tc.get_or_add_tcPr(), borders, TCPR_ORDER)


def repeat_as_header(row: _Row) -> None:
    """Repeat this row at the top of every page the table runs over."""
    properties = row._tr.get_or_add_trPr()
    properties.append(element("w:tblHeader", val="true"))


def keep_row_together(row: _Row) -> None:
    """Do not split this row across two pages."""
    properties = row._tr.get_or_add_trPr()
    properties.append(element("w:cantSplit", val="true"))


def cell_margins(cell: _Cell, points: float) -> None:
    """Inner padding of a cell on every side."""
    margins = element("w:tcMar")
    twips = str(round(points * 20))
    for side in ("top", "left", "bottom", "right"):
        margins.append(element(f"w:{side}", w=twips, type="dxa"))
    place(cell._tc.get_or_add_tcPr(), margins, TCPR_ORDER)


def right_tab_with_dots(paragraph: Paragraph, position_twips: int) -> None:
    """A right-aligned tab stop with a dotted leader (contents lines)."""
    tabs = element("w:tabs")
    tabs.append(element("w:tab", val="right", leader="dot", pos=str(position_twips)))
    place(paragraph._p.get_or_add_pPr(), tabs, PPR_ORDER)


def set_language(run_properties: Any, language: str) -> None:
    """Mark text as being in ``language`` (fr-FR, en-GB) for spelling and hyphenation."""
    place(
        run_properties, element("w:lang", val=language, eastAsia=language, bidi=language), RPR_ORDER
    )
