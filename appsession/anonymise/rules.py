"""Context rules: what the words around a name say about it.

"Mme Vernière", "M. D.", "Dr Laporte" (titles); "la famille Keita", "le fils Chabrier",
"chez les Bouyssou" (families); "la mairie de Condat", "le garage Vidalenc", "la permanence
MSA d'Allanche" (a local structure named with its town or its own name); "rue des Tilleuls"
(a street with no number). Titles are left outside a surname's span but kept in initials.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from appsession.anonymise.keep import COMMON, INSTITUTION, ROLE, STRUCTURE
from appsession.anonymise.spans import Label
from appsession.anonymise.view import LINKS, NoteView

TITLES = frozenset({"m", "mr", "mme", "mmes", "mlle", "dr", "pr", "me"})
FULL_TITLES = frozenset(
    {"monsieur", "madame", "mademoiselle", "docteur", "docteure", "professeur", "maitre"}
)
KIN = frozenset(
    {"famille", "fils", "fille", "frere", "soeur", "mere", "pere", "mari", "epouse", "epoux"}
    | {"veuve", "veuf", "neveu", "niece", "oncle", "tante", "cousin", "cousine", "voisin"}
    | {"voisine", "clan", "freres", "soeurs", "enfants", "filles", "grand-mere", "grand-pere"}
)
YOUNG = frozenset({"petit", "petite", "jeune", "bebe", "gamin", "gamine", "ado", "chez"})
STREETS = frozenset(
    {"rue", "avenue", "boulevard", "bd", "chemin", "impasse", "place", "route", "allee", "cours"}
    | {"quai", "square", "lieu-dit", "hameau", "residence", "lotissement", "faubourg", "passage"}
    | {"sentier", "ruelle", "venelle", "esplanade", "promenade", "parvis", "cite", "quartier"}
)
_POSSESSIVES = frozenset({"ma", "ta", "sa", "notre", "votre", "leur", "une", "cette", "quelle"})
_QUALIFIER = re.compile(
    r"(?:ale|al|aux|aire|ier|iere|ique|el|elle|if|ive|eux|euse|ien|ienne|ant|ante|ee?s?)$"
)
_PREPOSITIONS = frozenset({"de", "du", "des", "d"})


@dataclass(frozen=True, slots=True)
class Found:
    """A span a rule is confident about."""

    start: int
    end: int
    label: Label
    container: bool = False
    """Whether it may swallow roster or known-term hits (a structure with its town)."""


def find_all(view: NoteView) -> list[Found]:
    """Every rule hit in a note."""
    return titles(view) + families(view) + structures(view) + streets(view)


def titles(view: NoteView) -> list[Found]:
    """A person after M., Mme, Dr, Madame…; initials keep their title ("Mme K.")."""
    found: list[Found] = []
    for index, unit in enumerate(view.units):
        short = unit.key in TITLES and _abbreviated(view, index)
        if not (short or (unit.key in FULL_TITLES)) or not view.joined_loose(index, index + 1):
            continue
        initials_end = _initials_end(view, index + 1)
        if initials_end is not None:
            found.append(Found(unit.start, initials_end, Label.PERSON))
            continue
        run = _name_run(view, index + 1, allow_lower=short)
        if run is not None:
            found.append(Found(view.units[index + 1].start, run, Label.PERSON))
    return found


def _abbreviated(view: NoteView, index: int) -> bool:
    """ "M." or "Mme" as a title, not the initial of a name before it ("Rose M.")."""
    unit = view.units[index]
    previous = view.unit(index - 1)
    if unit.key == "m" and previous is not None and previous.capitalised:
        return not view.joined(index - 1, index)
    return unit.key != "m" or view.text[unit.end : unit.end + 1] == "."


def _initials_end(view: NoteView, index: int) -> int | None:
    """End of a run of capital initials ("K.", "L.-R.", "J. D."), dot included."""
    end = None
    while (unit := view.unit(index)) is not None and is_initial(unit.text):
        if end is not None and not view.joined_loose(index - 1, index):
            break
        end = unit.end + (1 if view.text[unit.end : unit.end + 1] == "." else 0)
        index += 1
    return end


def is_initial(text: str) -> bool:
    letters = [part for part in re.split(r"[.\-]", text) if part]
    return bool(letters) and all(len(part) == 1 and part.isupper() for part in letters)


def _name_run(view: NoteView, index: int, allow_lower: bool) -> int | None:
    """End of the names starting at ``index`` ("Gilbert Bouyssou", "BOUYSSOU Gilbert")."""
    unit = view.unit(index)
    if unit is None or view.kept_at(index) is not None or unit.is_letter:
        return None
    if not unit.capitalised and not (allow_lower and not view.is_word(unit)):
        return None
    end = unit.end
    while view.joined(index, index + 1) and _continues_name(view, index + 1):
        index += 1
        end = view.units[index].end
    return end


def _continues_name(view: NoteView, index: int) -> bool:
    unit = view.units[index]
    return (
        unit.capitalised and view.kept_at(index) is None and (view.name_like(index) or unit.upper)
    )


def families(view: NoteView) -> list[Found]:
    """ "la famille Keita", "le fils Chabrier", "la petite Maïmouna", "chez les Bouyssou"."""
    found: list[Found] = []
    for index, unit in enumerate(view.units[:-1]):
        if not view.joined(index, index + 1):
            continue
        strong = unit.key in KIN
        plural = unit.key == "les" and index > 0
        if (strong or plural or unit.key in YOUNG) and _family_name(view, index + 1, strong):
            run = _name_run(view, index + 1, allow_lower=False)
            if run is not None:
                found.append(Found(view.units[index + 1].start, run, Label.PERSON))
    return found


def _family_name(view: NoteView, index: int, strong: bool) -> bool:
    unit = view.units[index]
    if not unit.capitalised or view.kept_at(index) is not None or unit.upper:
        return False
    if unit.key in TITLES or unit.key in FULL_TITLES:
        return False
    return strong or view.name_like(index)


def structures(view: NoteView) -> list[Found]:
    """A local structure named with its town or its own name: one ORG span."""
    found: list[Found] = []
    for kept in view.kept:
        if not kept.kinds & {STRUCTURE, INSTITUTION} or kept.kinds & {ROLE, COMMON}:
            continue
        index = _after_qualifiers(view, kept.last)
        end = _named_by(view, index)
        if end is not None:
            found.append(Found(kept.start, end, Label.ORG, container=True))
    return found


def _after_qualifiers(view: NoteView, index: int) -> int:
    """Skip "postale", "bancaire", "MSA" after a structure noun."""
    for _ in range(2):
        unit = view.unit(index + 1)
        if unit is None or not view.joined(index, index + 1):
            break
        kept = view.kept_at(index + 1)
        adjective = unit.text.islower() and _QUALIFIER.search(unit.key) is not None
        if kept is not None and ROLE not in kept.kinds and unit.upper:
            index = kept.last
        elif adjective and unit.key not in LINKS:
            index += 1
        else:
            break
    return index


def _named_by(view: NoteView, index: int) -> int | None:
    """End of "de Condat" / "d'Allanche" / "Vidalenc" / "La Cagette" after ``index``."""
    nxt = index + 1
    if view.unit(nxt) is None or not view.joined(index, nxt):
        return None
    if view.units[nxt].key in _PREPOSITIONS:
        return _proper_run(view, _skip_articles(view, nxt + 1), first_names=False)
    if view.units[nxt].key in ("la", "le", "les") and view.units[nxt].capitalised:
        nxt += 1
    return _proper_run(view, nxt)


def _skip_articles(view: NoteView, index: int) -> int:
    unit = view.unit(index)
    if unit is not None and unit.key in ("la", "le", "les", "l") and not unit.capitalised:
        return index + 1
    return index


def _proper_run(view: NoteView, index: int, first_names: bool = True) -> int | None:
    """End of a proper name starting at ``index`` (not a kept term, not a participant).

    A name after "de" that is a given name is someone's, not a place ("l'école de Jordan"),
    so ``first_names=False`` refuses it; "collège Jean Jaurès" names the place itself.
    """
    unit = view.unit(index)
    if unit is None or not unit.capitalised or view.kept_at(index) is not None:
        return None
    if index in view.people or not view.joined_loose(index - 1, index):
        return None
    if not first_names and view.is_first_name(unit):
        return None
    end = unit.end
    while view.joined(index, index + 1):
        nxt = view.units[index + 1]
        if nxt.key in LINKS and view.joined(index + 1, index + 2):
            if not view.units[index + 2].capitalised or view.kept_at(index + 2):
                break
            index += 2
        elif nxt.capitalised and view.kept_at(index + 1) is None and not nxt.upper:
            index += 1
        else:
            break
        end = view.units[index].end
    return end


def streets(view: NoteView) -> list[Found]:
    """A street with no number ("rue des Tilleuls") is a place."""
    found: list[Found] = []
    for index, unit in enumerate(view.units):
        if unit.key not in STREETS or not view.joined(index, index + 1):
            continue
        previous = view.unit(index - 1)
        if unit.key == "place" and previous is not None and previous.key in _POSSESSIVES:
            continue
        nxt = index + 1
        while view.unit(nxt) is not None and view.units[nxt].key in LINKS:
            nxt += 1
        end = _proper_run(view, nxt, first_names=unit.key != "place" or nxt == index + 1)
        if end is not None:
            found.append(Found(unit.start, end, Label.PLACE, container=True))
    return found
