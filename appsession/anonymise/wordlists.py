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


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Folded frequent surnames ("fontaine", "da silva", "nguyen"); two-letter ones ("Le",
    "Ba", "Do") are left out, as they are French words far more often."""
    names = (
        fold_phrase(name.replace("_", " "))
        for line in _lines("surnames.txt")
        for name in line.split()
    )
    return frozenset(name for name in names if len(name) > 2)


def is_surname(key: str) -> bool:
    """Whether a folded unit is a frequent surname."""
    return key in surnames()


def is_first_name(key: str) -> bool:
    """Whether a folded unit is a known given name."""
    return key in first_names()
