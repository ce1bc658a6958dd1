"""Suggestions for names nobody listed: capitals that are not French words, and the model.

Inside a French sentence only proper nouns take a capital, so "Lestrade", "Issoire" or
"Maïmouna" in mid-sentence are names unless they are kept terms. At the start of a sentence a
capital says nothing, so a second opinion is needed there: a known given name, or the spaCy
model. The model also vouches for names that are also words ("avec Bonhomme").
"""

from __future__ import annotations

from dataclasses import dataclass

from appsession.anonymise.keep import ROLE
from appsession.anonymise.lexicon import common_word_use
from appsession.anonymise.rules import FULL_TITLES, TITLES, is_initial
from appsession.anonymise.spans import Label, Source
from appsession.anonymise.view import NoteView

PLACE_WORDS = frozenset({"a", "vers", "depuis", "sur", "pres", "en", "habite", "direction"})
_ARTICLES = frozenset({"la", "le", "les", "l", "au", "aux", "du"})
NAME_SLOTS = frozenset({"a", "avec", "chez", "par", "pour", "selon", "vers", "dit", "appelle"})
_PLACE_PREFIXES = ("saint-", "st-", "sainte-", "ste-")
_PLACE_LINKS = ("-sur-", "-sous-", "-en-", "-les-", "-lez-", "-la-", "-le-", "-de-", "-d-", "-es-")
_MODEL_LABELS = {"PERSON": Label.PERSON, "PLACE": Label.PLACE, "ORG": Label.ORG}


@dataclass(frozen=True, slots=True)
class Suggested:
    """A span that looks like a name, and why."""

    start: int
    end: int
    label: Label
    source: Source


def suggest(view: NoteView) -> list[Suggested]:
    """Runs of name-like units, labelled as person, place or organisation."""
    return _name_runs(view) + _named_establishments(view)


def _named_establishments(view: NoteView) -> list[Suggested]:
    """ "la Maison Bleue", "au Café des Sports": capitalised words after an article that the
    model also calls a name (two capitals at least, so "le Protocole" stays a word)."""
    found: list[Suggested] = []
    for index, unit in enumerate(view.units):
        previous = view.unit(index - 1)
        if previous is None or previous.key not in _ARTICLES or not view.joined(index - 1, index):
            continue
        if unit.initial or index not in view.model_labels or not _capital(view, index):
            continue
        last, capitals = index, 1
        while True:
            step = _next_capital(view, last)
            if step is None:
                break
            last, capitals = step, capitals + 1
        if capitals >= 2:
            found.append(Suggested(unit.start, view.units[last].end, Label.ORG, Source.MODEL))
    return found


def _capital(view: NoteView, index: int) -> bool:
    unit = view.units[index]
    titled = unit.key in TITLES or unit.key in FULL_TITLES
    return unit.capitalised and not unit.upper and not titled and view.kept_at(index) is None


def _next_capital(view: NoteView, index: int) -> int | None:
    """The next capitalised unit of the same name, over "de", "du", "des" ("Café des Sports")."""
    step = index + 1
    if view.joined(index, step) and view.units[step].key in ("de", "du", "des", "d"):
        step += 1 if not view.units[step].capitalised else 0
    if view.joined(step - 1, step) and _capital(view, step):
        return step
    return None


def _name_runs(view: NoteView) -> list[Suggested]:
    found: list[Suggested] = []
    index = 0
    while index < len(view.units):
        reason = _reason(view, index)
        if reason is None:
            index += 1
            continue
        last = index
        while view.joined(last, last + 1) and _continues(view, last + 1, last):
            last += 1
        end = _with_initial(view, last)
        found.append(Suggested(view.units[index].start, end, _label(view, index, last), reason))
        index = last + 1
    return found


def _reason(view: NoteView, index: int) -> Source | None:
    """Why a unit starts a name (the lexicon or the model), or None."""
    unit = view.units[index]
    if unit.is_letter or view.kept_at(index) is not None:
        return None
    if not unit.capitalised:
        return Source.LEXICON if _lower_case_given_name(view, index) else None
    if unit.key in TITLES or unit.key in FULL_TITLES:
        return None
    if unit.upper:
        return Source.LEXICON if _shouted_surname(view, index) else None
    word, name = view.is_word(unit), view.is_name(unit)
    if not unit.initial:
        if not word or name:
            return Source.LEXICON
        return Source.MODEL if _model_vouches(view, index) else None
    if name and not (word and common_word_use(view.lexicon, view.next_word(index))):
        return Source.LEXICON
    return Source.MODEL if index in view.model_labels and not word else None


def _lower_case_given_name(view: NoteView, index: int) -> bool:
    """ "on a vu kévin hier": a known given name typed in lower case, that is not a word."""
    unit = view.units[index]
    if len(unit.key) < 4 or not unit.text.islower() or not view.is_first_name(unit):
        return False
    previous = view.unit(index - 1)
    after_article = (
        previous is not None and previous.key in _ARTICLES and view.joined(index - 1, index)
    )
    return not after_article and not view.is_word(unit)


def _model_vouches(view: NoteView, index: int) -> bool:
    """A capitalised common word is a name only where a name goes ("à Tours", "avec Bonhomme").

    The small French model calls many capitalised words names ("la Famille", "le Protocole",
    "Solitude, Fatigue"), so its word alone is not enough for a word of the language.
    """
    if view.model_labels.get(index) not in ("PERSON", "PLACE"):
        return False
    previous = view.unit(index - 1)
    return previous is not None and view.joined(index - 1, index) and previous.key in NAME_SLOTS


def _shouted_surname(view: NoteView, index: int) -> bool:
    """ "BOUYSSOU Gilbert", "Élodie CHASSANG": capitals next to a given name, not an acronym."""
    unit = view.units[index]
    if len(unit.text) < 4 or view.is_word(unit) or view.kept_at(index) is not None:
        return False
    neighbours = (index - 1, index + 1)
    return any(
        view.joined(min(index, other), max(index, other))
        and (neighbour := view.unit(other)) is not None
        and neighbour.capitalised
        and not neighbour.upper
        and view.is_first_name(neighbour)
        for other in neighbours
    )


def _continues(view: NoteView, index: int, previous: int) -> bool:
    """Whether a capitalised unit goes on a name: any capital after a given name is a
    surname ("Nadine Martinez", "Claire Fontaine")."""
    unit = view.units[index]
    if view.kept_at(index) is not None or unit.is_letter:
        return False
    if unit.key in TITLES or unit.key in FULL_TITLES:
        return False
    after_given_name = view.is_first_name(view.units[previous])
    if not unit.capitalised:
        lower_name = not view.units[previous].capitalised and after_given_name
        return lower_name and unit.text.islower() and not view.is_word(unit)
    return after_given_name or view.name_like(index) or (unit.upper and len(unit.text) > 4)


def _with_initial(view: NoteView, last: int) -> int:
    """ "Paul D." keeps its initial and dot."""
    nxt = view.unit(last + 1)
    if nxt is not None and view.joined(last, last + 1) and is_initial(nxt.text):
        return nxt.end + (1 if view.text[nxt.end : nxt.end + 1] == "." else 0)
    return view.units[last].end


def _label(view: NoteView, first: int, last: int) -> Label:
    """Person for given names, place after "à", "vers"… or for "Saint-…", else the model's."""
    run = view.units[first : last + 1]
    if any(view.is_first_name(unit) for unit in run):
        return Label.PERSON
    key = run[0].key
    if key.startswith(_PLACE_PREFIXES) or any(link in key for link in _PLACE_LINKS):
        return Label.PLACE
    previous = view.unit(first - 1)
    if previous is not None and view.joined(first - 1, first):
        kept = view.kept_at(first - 1)
        if kept is not None and ROLE in kept.kinds:
            return Label.PERSON
        if previous.key in PLACE_WORDS:
            return Label.PLACE
    return _MODEL_LABELS.get(view.model_labels.get(first, ""), Label.PERSON)
