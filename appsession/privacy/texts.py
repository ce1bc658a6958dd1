"""The fixed wording of the privacy papers, read from ``privacy/data/texts.<lang>.toml``.

Each paper is a list of blocks in the data file (``title``, ``h1``, ``h2``, ``p``, ``small``,
``bullets``, ``blank``, ``break``, ``insert``); ``{name}`` placeholders are filled with facts
read from the vault, and ``insert`` names a part the code builds (flags, measures…). Lawyers
and translators can change the wording without touching code.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from appsession.i18n import current_language
from appsession.privacy.document import (
    Blank,
    Block,
    Bullets,
    Heading,
    PageBreak,
    Paragraph,
)

DATA = Path(__file__).parent / "data"
LANGUAGES = ("fr", "en")
Inserts = Mapping[str, Callable[[], Sequence[Block]]]


@dataclass(frozen=True)
class Texts:
    """One language's wording."""

    language: str
    table: Mapping[str, Any]

    def get(self, dotted: str) -> str:
        """A sentence, e.g. ``texts.get("flags.quotable")``."""
        value: Any = self.table
        for part in dotted.split("."):
            value = value[part]
        if not isinstance(value, str):
            raise KeyError(dotted)
        return value

    def fill(self, dotted: str, **values: object) -> str:
        """A sentence with its placeholders filled."""
        return self.get(dotted).format(**values)

    def date(self, day: date | None) -> str:
        """A date as people write it ("30 juin 2026", "30 June 2026"); a dash if unknown."""
        if day is None:
            return self.get("unknown_date")
        months = self.table["months"]
        return self.get("date_format").format(
            day=day.day, month=months[day.month - 1], year=day.year
        )

    def yes_no(self, value: bool | None) -> str:
        """Yes, no, or "not asked" for a consent flag."""
        key = "not_asked" if value is None else ("yes" if value else "no")
        return self.get(f"answers.{key}")

    def blocks(self, paper: str, values: Mapping[str, object], inserts: Inserts) -> list[Block]:
        """The paper's blocks, placeholders filled, inserts built."""
        found: list[Block] = []
        for entry in self.table[paper]["blocks"]:
            found += _block(entry, values, inserts)
        return found


def _block(entry: Mapping[str, Any], values: Mapping[str, object], inserts: Inserts) -> list[Block]:
    [(kind, raw)] = entry.items()
    if kind == "insert":
        return list(inserts[str(raw)]())
    if kind == "break":
        return [PageBreak()]
    if kind == "bullets":
        return [Bullets(tuple(str(item).format_map(values) for item in raw))]
    text = str(raw).format_map(values)
    makers: dict[str, Callable[[str], Block]] = {
        "title": lambda t: Heading(t, 0),
        "h1": lambda t: Heading(t, 1),
        "h2": lambda t: Heading(t, 2),
        "p": Paragraph,
        "small": lambda t: Paragraph(t, small=True),
        "blank": Blank,
    }
    return [makers[kind](text)]


def load_texts(language: str | None = None) -> Texts:
    """The wording in ``language`` (default: the current one; English if unknown)."""
    chosen = language or current_language()
    return _load(chosen if chosen in LANGUAGES else "en")


@cache
def _load(language: str) -> Texts:
    with (DATA / f"texts.{language}.toml").open("rb") as handle:
        table = tomllib.load(handle)
    return Texts(language, _typeset(table) if language == "fr" else table)


FRENCH_SPACES: tuple[tuple[str, str], ...] = (
    (" :", "\u00a0:"),
    (" ;", "\u202f;"),
    (" ?", "\u202f?"),
    (" !", "\u202f!"),
    ("« ", "«\u00a0"),
    (" »", "\u00a0»"),
    ("'", "’"),
)


def _typeset(value: Any) -> Any:
    """French typography: non-breaking spaces before : ; ? ! and inside « », curly apostrophes."""
    if isinstance(value, str):
        for plain, spaced in FRENCH_SPACES:
            value = value.replace(plain, spaced)
        return value
    if isinstance(value, list):
        return [_typeset(item) for item in value]
    if isinstance(value, dict):
        return {key: _typeset(item) for key, item in value.items()}
    return value
