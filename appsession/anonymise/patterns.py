"""Identifiers with a shape: e-mails, phones, NIR, IBAN, other numbers, plates, dates, addresses.

French formats first: phone numbers in every usual grouping ("06 39 98 41 27", "04.65.71.22.08",
"+33 6 …", "0639981203"), the NIR with its key, IBAN with its checksum, CAF allocataire and tax
numbers, SIV and FNI plates, dates of birth and of events written in figures or in words, and
postal addresses with or without a postcode. Obfuscated e-mails ("nadia.b63 arobase sfr.fr")
count too. Short national numbers ("le 115", "3230") are never matched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from appsession.anonymise.spans import Label

_AT = r"(?:\s?@\s?|\s?[(\[{](?:at|arobase|@)[)\]}]\s?|\s+(?:arobase|at)\s+)"
_DOT = r"(?:\.|\s?[(\[{](?:dot|point)[)\]}]\s?|\s+point\s+)"
EMAIL = re.compile(
    rf"(?<![\w.+-])[\w][\w.%+-]*{_AT}[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
    rf"(?:{_DOT}[a-z0-9-]+)*{_DOT}[a-z]{{2,12}}(?![\w-])",
    re.IGNORECASE,
)
PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?33\s?(?:\(0\)\s?)?[1-9]|0[1-9])(?:[\s.\-/]?\d{2}){4}(?!\d)"
    r"|(?<![\w+])(?:\+|00)(?!33)[1-9]\d{1,2}(?:[\s.\-]?\d){8,11}(?!\d)"
)
NIR = re.compile(
    r"(?<![\w])([1-478])[\s.]?(\d{2})[\s.]?(0[1-9]|1[0-2]|[2-9]\d)[\s.]?(\d{2}|2[AB])"
    r"[\s.]?(\d{3})[\s.]?(\d{3})(?:[\s.]?(\d{2}))?(?![\w])"
)
IBAN = re.compile(r"(?<![\w])[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?(?![\w])")
LONG_NUMBER = re.compile(r"(?<![\w.,/])\d{1,20}(?:[\s.]\d{2,5})*(?![\w/]|[,.]\d)")
ALNUM_ID = re.compile(r"(?<![\w-])(?=[A-Z0-9]*\d{5})(?=[A-Z0-9]*[A-Z])[A-Z0-9]{7,20}(?![\w-])")
KEYWORD_ID = re.compile(
    r"\b(?i:n°|no\.?|num[ée]ro|matricule|dossier|allocataire|alloc|identifiant|fiscal|siret|siren"
    r"|pacage|ine|nir|sécu|secu|client|contrat|adhérent|adherent|référence|ref\.?)"
    r"\s*(?::\s*)?(?:c'est\s+le\s+)?"
    r"((?=[\w/.-]*\d{4})[A-Z0-9](?:[A-Z0-9/.-]*[A-Z0-9])?(?:\s\d{2,5})*)(?![\w])"
)
HANDLE = re.compile(r"(?<![\w.@])@[A-Za-z0-9_][A-Za-z0-9_.]{2,29}(?![\w@])")
"""A social network handle ("@kev_dupont29")."""
PLATE = re.compile(
    r"(?<![\w-])(?:[A-HJ-NP-TV-Z]{2}[\s-]?\d{3}[\s-]?[A-HJ-NP-TV-Z]{2}"
    r"|\d{1,4}[\s-]?[A-Z]{1,3}[\s-]?(?:0[1-9]|[1-8]\d|9[0-5]|2A|2B|97[1-6]))(?![\w-])"
)
_PLATE_CONTEXT = re.compile(r"(?i)immatricul|plaque|voiture|véhicule|vehicule|camion|moto")
_MONTHS = (
    r"janvier|janv\.?|f[ée]vrier|f[ée]vr?\.?|mars|avril|avr\.?|mai|juin|juillet|juil\.?|ao[ûu]t"
    r"|septembre|sept\.?|octobre|oct\.?|novembre|nov\.?|d[ée]cembre|d[ée]c\.?"
)
_DAY_WORDS = (
    r"premier|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze"
    r"|seize|dix-sept|dix-huit|dix-neuf|vingt(?:[- ]et[- ]un|-deux|-trois|-quatre|-cinq|-six"
    r"|-sept|-huit|-neuf)?|trente(?:[- ]et[- ]un)?"
)
SHORT_DATE = re.compile(
    r"(?i)(?<![\w/.-])(?:le|du|au|depuis le|avant le|après le)\s+((?:0?[1-9]|[12]\d|3[01])"
    r"\s?[/.]\s?(?:0?[1-9]|1[0-2]))(?![\w/]|[.,]\d)"
)
NUMERIC_DATE = re.compile(
    r"(?<![\w/.-])(0?[1-9]|[12]\d|3[01])\s?([/.-])\s?(0?[1-9]|1[0-2])\s?\2\s?(\d{4}|\d{2})(?![\w/]|\.\d)"
)
WRITTEN_DATE = re.compile(
    rf"(?i)(?<![\w-])(?:1er|[12]\d|3[01]|0?[1-9]|{_DAY_WORDS})\s+(?:{_MONTHS})"
    r"(?:\s+(?:19|20)\d{2}|\s+'\d{2})?(?![\w])"
)
BIRTH_YEAR = re.compile(
    rf"(?i)\bn[ée]e?s?\s+(?:en\s+)?((?:(?:{_MONTHS})\s+)?(?:19|20)\d{{2}})(?![\w])"
)
_STREET_TYPES = (
    r"rue|avenue|av\.|bd|boulevard|chemin|ch\.|impasse|imp\.|place|pl\.|route|rte|allée|allee"
    r"|cours|quai|square|passage|lotissement|lot\.|résidence|residence|hameau|lieu-dit"
    r"|voie|sentier|cité|cite|faubourg|fbg|rond-point|esplanade|promenade|parvis|montée|montee"
    r"|côte|cote|traverse|ruelle|venelle|clos|domaine|mail|villa|chaussée|chaussee|val|port"
)
_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’]*(?:-[\w'’]+)*"
_LOW = r"[a-zß-öø-ÿ][\w'’]*(?:-[\w'’]+)*"
_LINK = r"(?:de\s+la|de\s+l['’]|des|du|de|d['’]|la|le|les|l['’]|aux|au|sur|sous|en)"
_STREET_NAME = (
    rf"(?:{_LINK}\s*)*(?:{_CAP}|\d{{1,4}}|{_LOW})"
    rf"(?:\s+(?:{_LINK}\s*)*(?:{_CAP}|\d{{1,4}}(?=\s+{_CAP})))*"
)
_POSTCODE = r"(?:0[1-9]|[1-8]\d|9[0-5]|97|98)\d{3}"
_TOWN = rf"{_CAP}(?:\s+(?:{_LINK}\s*)?{_CAP})*(?:\s+(?i:cedex)(?:\s+\d{{1,2}})?)?"
ADDRESS = re.compile(
    rf"(?<![\w,.])\d{{1,4}}(?:\s?(?i:bis|ter|quater|[a-d])(?![\w]))?,?\s+(?i:{_STREET_TYPES})"
    rf"\s+{_STREET_NAME}(?:,?\s+{_POSTCODE}\s+{_TOWN}|,\s*{_TOWN})?"
)
POSTCODE_TOWN = re.compile(rf"(?:{_CAP}(?:\s+{_CAP})*,\s*)?(?<!\d){_POSTCODE}\s+{_TOWN}")
_AMOUNT_AFTER = re.compile(r"\s?(?:€|euros?\b|eur\b|k€|%|ans\b|km\b|habitants\b)", re.I)


@dataclass(frozen=True, slots=True)
class Hit:
    """A pattern match: where, what label, and which detector (for the review screen)."""

    start: int
    end: int
    label: Label
    kind: str
    """email, phone, nir, iban, siret, number, plate, date, address…"""


def find_all(text: str, short_numbers: frozenset[str] = frozenset()) -> list[Hit]:
    """Every pattern hit in a note (they may overlap; the engine keeps the longest)."""
    hits = list(_emails(text)) + list(_phones(text)) + list(_ids(text, short_numbers))
    hits += list(_dates(text)) + list(_addresses(text))
    return hits


def _emails(text: str) -> Iterator[Hit]:
    for match in EMAIL.finditer(text):
        yield Hit(match.start(), match.end(), Label.EMAIL, "email")


def _phones(text: str) -> Iterator[Hit]:
    for match in PHONE.finditer(text):
        yield Hit(match.start(), match.end(), Label.PHONE, "phone")


def _ids(text: str, short_numbers: frozenset[str]) -> Iterator[Hit]:
    for match in NIR.finditer(text):
        yield Hit(match.start(), match.end(), Label.ID, "nir" if nir_valid(match) else "number")
    for match in IBAN.finditer(text):
        if iban_valid(match.group()) or match.group().startswith("FR"):
            yield Hit(match.start(), match.end(), Label.ID, "iban")
    for match in LONG_NUMBER.finditer(text):
        if _identifying_number(text, match, short_numbers):
            yield Hit(match.start(), match.end(), Label.ID, _number_kind(match.group()))
    for match in KEYWORD_ID.finditer(text):
        yield Hit(match.start(1), match.end(1), Label.ID, "number")
    for match in ALNUM_ID.finditer(text):
        yield Hit(match.start(), match.end(), Label.ID, "number")
    for match in HANDLE.finditer(text):
        yield Hit(match.start(), match.end(), Label.ID, "handle")
    for match in PLATE.finditer(text):
        if match.group()[0].isalpha() or _PLATE_CONTEXT.search(text, max(0, match.start() - 40)):
            yield Hit(match.start(), match.end(), Label.ID, "plate")


def _identifying_number(text: str, match: re.Match[str], short_numbers: frozenset[str]) -> bool:
    """Seven digits or more, not an amount, not a run of years, not a national short number."""
    digits = re.sub(r"\D", "", match.group())
    if len(digits) < 7 or digits in short_numbers:
        return False
    if _AMOUNT_AFTER.match(text, match.end()):
        return False
    groups = re.split(r"[\s.]", match.group())
    return not all(re.fullmatch(r"(?:19|20)\d{2}", group) for group in groups)


def _number_kind(number: str) -> str:
    digits = re.sub(r"\D", "", number)
    if len(digits) == 14 and luhn_valid(digits):
        return "siret"
    if len(digits) == 9 and luhn_valid(digits):
        return "siren"
    return "number"


def _dates(text: str) -> Iterator[Hit]:
    for match in NUMERIC_DATE.finditer(text):
        yield Hit(match.start(), match.end(), Label.DATE, "date")
    for match in WRITTEN_DATE.finditer(text):
        yield Hit(match.start(), match.end(), Label.DATE, "date")
    for match in SHORT_DATE.finditer(text):
        yield Hit(match.start(1), match.end(1), Label.DATE, "date")
    for match in BIRTH_YEAR.finditer(text):
        yield Hit(match.start(1), match.end(1), Label.DATE, "birth")


def _addresses(text: str) -> Iterator[Hit]:
    for pattern in (ADDRESS, POSTCODE_TOWN):
        for match in pattern.finditer(text):
            end = match.end()
            while end > match.start() and text[end - 1] in " ,'’-":
                end -= 1
            yield Hit(match.start(), end, Label.ADDRESS, "address")


def nir_valid(match: re.Match[str]) -> bool:
    """The NIR key: 97 minus the first 13 digits modulo 97 (Corsica: 2A=19, 2B=18)."""
    key = match.group(7)
    if key is None:
        return True
    department = match.group(4).replace("2A", "19").replace("2B", "18")
    number = match.group(1) + match.group(2) + match.group(3) + department
    number += match.group(5) + match.group(6)
    return 97 - int(number) % 97 == int(key)


def iban_valid(iban: str) -> bool:
    """ISO 13616 checksum: the rearranged number modulo 97 is 1."""
    compact = re.sub(r"\s", "", iban).upper()
    rearranged = compact[4:] + compact[:4]
    digits = "".join(str(int(char, 36)) for char in rearranged)
    return len(compact) >= 15 and int(digits) % 97 == 1


def luhn_valid(digits: str) -> bool:
    """The Luhn checksum of SIREN and SIRET numbers."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0
