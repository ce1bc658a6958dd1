"""From one mention to every mention: the spellings a detection teaches the intervention.

"M. Delpuech" in one note means "delpuech" typed in lower case three notes later is the same
man; "Kévin Lavergne" means "le fils Lavergne"; "Mme K." is Mme Keita when she is the only
known K. Forms are folded; a form that is also a French word must be capitalised to count.
"""

from __future__ import annotations

from appsession.anonymise import wordlists
from appsession.anonymise.lexicon import Lexicon
from appsession.anonymise.mapping import LearnedForm, PseudonymMap
from appsession.anonymise.matcher import Case
from appsession.anonymise.roster import PARTICLES, org_tail, place_variants
from appsession.anonymise.rules import FULL_TITLES, TITLES
from appsession.anonymise.spans import Detection, Label

_ALL_TITLES = TITLES | FULL_TITLES


def entity_for(mapping: PseudonymMap, detection: Detection, text: str) -> str:
    """The entity a suggestion names: one already learned, or a new one."""
    form = detection.form or " ".join(text[detection.start : detection.end].split()).lower()
    learned = mapping.learned.get(form)
    if learned is not None:
        return learned.entity
    keys = form.split()
    if detection.label is Label.PERSON and keys:
        if keys[0] in _ALL_TITLES and _initials_only(keys[1:]):
            return _by_initials(mapping, keys[1:]) or f"l:{form}"
        for key in reversed(keys):
            known = mapping.learned.get(key)
            if known is not None and known.label is Label.PERSON:
                return known.entity
    return f"l:{form}"


def _initials_only(keys: list[str]) -> bool:
    return bool(keys) and all(len(part) == 1 for key in keys for part in key.split("-"))


def _by_initials(mapping: PseudonymMap, keys: list[str]) -> str | None:
    """The only learned person whose surname has these initials ("l-r" for Lacombe-Rigal)."""
    wanted = "".join(part for key in keys for part in key.split("-"))
    owners = set()
    for form in mapping.learned.values():
        if form.label is not Label.PERSON or _initials_only(list(form.keys)):
            continue
        surname = form.keys[-1]
        if "".join(part[0] for part in surname.split("-")) == wanted:
            owners.add(form.entity)
    return owners.pop() if len(owners) == 1 else None


def learned_forms(
    text: str, detection: Detection, entity: str, lexicon: Lexicon | None
) -> list[LearnedForm]:
    """The spellings to look for in every note after this detection."""
    keys = tuple(detection.form.split())
    if not keys:
        return []
    if detection.label is Label.PERSON:
        return _person_forms(text, detection, keys, entity, lexicon)
    if detection.label is Label.PLACE:
        surface = text[detection.start : detection.end]
        return _place_forms(surface, keys, entity, lexicon, Label.PLACE)
    return _org_forms(text, detection, keys, entity, lexicon)


def _case(text: str, keys: tuple[str, ...], lexicon: Lexicon | None) -> Case:
    """A single word that is also a French word must be capitalised to count."""
    if len(keys) > 1 or lexicon is None:
        return Case.ANY
    words = [word.lower() for word in text.split()]
    return Case.CAPITALISED if any(lexicon.is_word(word) for word in words) else Case.ANY


def _person_forms(
    text: str, detection: Detection, keys: tuple[str, ...], entity: str, lexicon: Lexicon | None
) -> list[LearnedForm]:
    if keys[0] in _ALL_TITLES and _initials_only(list(keys[1:])):
        return [LearnedForm(keys, Case.INITIALS, entity, Label.PERSON)]
    surface = text[detection.start : detection.end]
    found = [LearnedForm(keys, _case(surface, keys, lexicon), entity, Label.PERSON)]
    found += [
        LearnedForm((short,), Case.CAPITALISED, entity, Label.PERSON)
        for key in keys[:1]
        for short, fulls in wordlists.nicknames().items()
        if key in fulls and short != key
    ]
    if len(keys) > 1:
        words = surface.split()
        for key, word in zip(keys, words, strict=False):
            if len(key) >= 3 and key not in PARTICLES and key not in _ALL_TITLES:
                found.append(
                    LearnedForm((key,), _case(word, (key,), lexicon), entity, Label.PERSON)
                )
    return found


def _place_forms(
    text: str, keys: tuple[str, ...], entity: str, lexicon: Lexicon | None, label: Label
) -> list[LearnedForm]:
    found = []
    for variant in place_variants(" ".join(keys)):
        case = Case.ANY if len(variant.keys) > 1 else _case(text, variant.keys, lexicon)
        found.append(LearnedForm(variant.keys, case, entity, label))
    return found


def _org_forms(
    text: str, detection: Detection, keys: tuple[str, ...], entity: str, lexicon: Lexicon | None
) -> list[LearnedForm]:
    surface = text[detection.start : detection.end]
    found = [LearnedForm(keys, Case.ANY if len(keys) > 1 else Case.CAPITALISED, entity, Label.ORG)]
    tail, after_de = org_tail(surface)
    if tail and after_de:
        tail_text = surface[-len(" ".join(tail)) :]
        found += _place_forms(tail_text, tail, f"l:{' '.join(tail)}", lexicon, Label.PLACE)
    elif tail:
        found.append(
            LearnedForm(tail, Case.ANY if len(tail) > 1 else Case.CAPITALISED, entity, Label.ORG)
        )
    return found
