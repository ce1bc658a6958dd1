"""The word lists shipped with the anonymiser, read once when first needed."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from appsession.anonymise.normalise import fold_phrase

_SECTION = re.compile(r"^\[(\w+)\]$")


def _lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a shipped data file."""
    text = (
        resources.files("appsession.anonymise").joinpath("data").joinpath(name).read_text("utf-8")
    )
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


@lru_cache(maxsize=1)
def keep_terms() -> tuple[tuple[str, str], ...]:
    """``(term, kind)`` for every shipped keep-list term; kind is the file's section."""
    found: list[tuple[str, str]] = []
    kind = "institution"
    for line in _lines("keep_fr.txt"):
        section = _SECTION.match(line)
        if section:
            kind = section.group(1)
        else:
            found.append((line, kind))
    return tuple(found)


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Folded given names ("elodie", "jean-luc", "maimouna")."""
    return frozenset(
        fold_phrase(name) for line in _lines("first_names.txt") for name in line.split()
    )


@lru_cache(maxsize=1)
def nicknames() -> dict[str, frozenset[str]]:
    """Folded short form to the folded given names it may stand for ("nath" -> {"nathalie"})."""
    table: dict[str, frozenset[str]] = {}
    for line in _lines("nicknames_fr.txt"):
        short, _, fulls = line.partition(":")
        names = frozenset(fold_phrase(name) for name in fulls.split())
        table[fold_phrase(short)] = table.get(fold_phrase(short), frozenset()) | names
    return table


def is_first_name(key: str) -> bool:
    """Whether a folded unit is a known given name."""
    return key in first_names()
