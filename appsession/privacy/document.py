"""A small document model shared by every privacy paper, and its Markdown rendering.

Papers are built once as blocks, then rendered to Markdown (here) or to DOCX (``docx_out``),
so both formats always say the same thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    """A heading; level 0 is the document's title."""

    text: str = field(repr=False)
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """Running text; ``small`` for notes and legal fine print."""

    text: str = field(repr=False)
    small: bool = False


@dataclass(frozen=True)
class Bullets:
    """A bulleted list."""

    items: tuple[str, ...] = field(repr=False)


@dataclass(frozen=True)
class Fields:
    """Label and value pairs (a two-column table in Word)."""

    pairs: tuple[tuple[str, str], ...] = field(repr=False)


@dataclass(frozen=True)
class Table:
    """A table with a header row."""

    header: tuple[str, ...] = field(repr=False)
    rows: tuple[tuple[str, ...], ...] = field(repr=False)
    widths: tuple[int, ...] = ()
    """Relative column widths (Word only); equal when empty."""


@dataclass(frozen=True)
class Choice:
    """A question answered by ticking one box (the consent form's yes / no)."""

    text: str = field(repr=False)
    options: tuple[str, ...] = field(repr=False)


@dataclass(frozen=True)
class Blank:
    """A line to fill in by hand (name, date, signature)."""

    label: str = field(repr=False)


@dataclass(frozen=True)
class PageBreak:
    """Start a new page (Word only; a rule in Markdown)."""


Block = Heading | Paragraph | Bullets | Fields | Table | Choice | Blank | PageBreak


@dataclass(frozen=True)
class Document:
    """A paper: its title, language ("fr"/"en"), blocks and an optional footer line."""

    title: str = field(repr=False)
    language: str
    blocks: tuple[Block, ...] = field(repr=False)
    footer: str = field(repr=False, default="")

    def text(self) -> str:
        """Every word of the document (tests and the residual scan read this)."""
        return to_markdown(self)


BOX = "☐"
_SPECIAL = re.compile(r"([\\`*<>|]|(?<!\w)_|_(?!\w)|^#|\](?=\())", re.MULTILINE)


def escape(text: str) -> str:
    """Text from the vault shown as itself in Markdown (no emphasis, link, tag or heading).

    Only what Markdown would interpret is escaped, so the file stays readable as plain text:
    ``secure_delete`` and "[to complete]" are left alone.
    """
    return _SPECIAL.sub(r"\\\1", text)


_BREAKS = re.compile(r"[ \t\r\n]+")
"""Ordinary white space only: French non-breaking spaces must survive."""


def _inline(text: str) -> str:
    """One table cell or list item: escaped, on one line."""
    return escape(_BREAKS.sub(" ", text).strip(" "))


def _block_markdown(block: Block, colon: str) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * (block.level + 1) + " " + _inline(block.text), ""]
    if isinstance(block, Paragraph):
        lines = [escape(line) for line in block.text.splitlines() or [""]]
        text = "  \n".join(lines)
        return [f"*{text}*" if block.small and text else text, ""]
    if isinstance(block, Bullets):
        return [f"- {_inline(item)}" for item in block.items] + [""]
    if isinstance(block, Fields):
        pairs = block.pairs
        return [f"- **{_inline(label)}**{colon} {_inline(value)}" for label, value in pairs] + [""]
    if isinstance(block, Table):
        return _table_markdown(block)
    if isinstance(block, Choice):
        boxes = "   ".join(f"{BOX} {option}" for option in block.options)
        return [_inline(block.text), "", boxes, ""]
    if isinstance(block, Blank):
        return [f"{_inline(block.label)}{colon} ______________________________", ""]
    return ["---", ""]


def _table_markdown(table: Table) -> list[str]:
    def row(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(_inline(cell) for cell in cells) + " |"

    lines = [row(table.header), "|" + "---|" * len(table.header)]
    lines += [row(cells) for cells in table.rows]
    return [*lines, ""]


def to_markdown(document: Document) -> str:
    """The document as Markdown (UTF-8 text, one trailing newline)."""
    lines: list[str] = []
    colon = "\u00a0:" if document.language == "fr" else ":"
    for block in document.blocks:
        lines += _block_markdown(block, colon)
    if document.footer:
        lines += ["---", "", f"*{escape(document.footer)}*", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
