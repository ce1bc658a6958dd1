"""Re-identification warnings for draft items: with ten known people, anecdotes identify.

An item is flagged when its evidence comes from one or two participants only, or when its text
points to one person: a role held by one or two members (from the roster), a role a structure
has only one of ("la directrice"), a singling-out phrase ("la seule", "depuis 25 ans"), a site
(known terms, sites in the roster's roles, "mairie de X", masked places), a date, a datable
event (an assault, a sick leave…), or a name or pseudonym. The patterns are generic French and
English; what is specific to an intervention comes from its roster and known terms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from appsession.core.model import Participant
from appsession.core.search import fold
from appsession.i18n import _

FEW_PARTICIPANTS = 2
"""Evidence from this many distinct participants or fewer is traceable."""
RARE_ROLE_HOLDERS = 2
"""A role held by this many members or fewer points to them."""


class Risk(StrEnum):
    """Stable codes (the validation gate records acceptances by code)."""

    FEW_PARTICIPANTS = "few-participants"
    RARE_ROLE = "rare-role"
    SINGLING_OUT = "singling-out"
    SITE = "site"
    DATE = "date"
    EVENT = "event"
    NAME = "name"


def risk_label(risk: Risk) -> str:
    """What the warning means, in the user's language."""
    labels = {
        Risk.FEW_PARTICIPANTS: _("evidence from one or two participants only"),
        Risk.RARE_ROLE: _("mentions a role that points to one or two people"),
        Risk.SINGLING_OUT: _("a detail that singles one person out"),
        Risk.SITE: _("mentions a site or a place"),
        Risk.DATE: _("mentions a date or a moment"),
        Risk.EVENT: _("mentions an event that can be traced to one person"),
        Risk.NAME: _("mentions a name or a pseudonym"),
    }
    return labels[risk]


@dataclass(frozen=True)
class ReidWarning:
    """One warning on an item: its code and what in the item triggered it."""

    risk: Risk
    detail: str = field(repr=False, default="")

    @property
    def label(self) -> str:
        """The translated meaning."""
        return risk_label(self.risk)


@dataclass(frozen=True)
class RosterFacts:
    """What the intervention's roster and known terms tell about identifying words."""

    rare_roles: tuple[str, ...] = field(repr=False, default=())
    """Neutral folded role phrases held by one or two members."""
    sites: tuple[str, ...] = field(repr=False, default=())
    names: tuple[str, ...] = field(repr=False, default=())
    pseudonyms: tuple[str, ...] = field(repr=False, default=())


# -- neutral forms: "conseillère" and "conseiller" must match --------------------------------
_INCLUSIVE = re.compile(r"[·•.](?:e|ère|ere|euse|rice|ne|s|es)\b", re.IGNORECASE)
_ENDINGS = (
    ("trices", "teur"),
    ("trice", "teur"),
    ("euses", "eur"),
    ("euse", "eur"),
    ("ieres", "ier"),
    ("iere", "ier"),
    ("eres", "er"),
    ("ere", "er"),
    ("iennes", "ien"),
    ("ienne", "ien"),
    ("ives", "if"),
    ("ive", "if"),
    ("entes", "ent"),
    ("ente", "ent"),
    ("antes", "ant"),
    ("ante", "ant"),
    ("ffe", "f"),
)


def _neutral_word(word: str) -> str:
    for ending, replacement in _ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return word[: -len(ending)] + replacement
    if len(word) > 4 and word.endswith("s"):
        word = word[:-1]
    return word


def neutral(text: str) -> str:
    """Folded text with gendered and plural word endings made neutral, spaced at both ends."""
    words = fold(_INCLUSIVE.sub("", text)).split()
    return " " + " ".join(_neutral_word(w) for w in words) + " "


def roster_facts(
    participants: Iterable[Participant], known_terms: Iterable[tuple[str, str]] = ()
) -> RosterFacts:
    """Rare roles, sites, names and pseudonyms of an intervention.

    ``known_terms`` are (text, label) with the anonymisation labels: PLACE and ORG are sites,
    PERSON a name.
    """
    people = list(participants)
    holders: dict[str, set[str]] = {}
    sites: list[str] = []
    for person in people:
        parts = [p.strip() for p in person.role.split(",") if p.strip()]
        for index, part in enumerate(parts):
            places = [n for n in _proper_names(part) if _is_local(n)] if index else []
            sites.extend(places)
            if fold(part) not in {fold(place) for place in places}:
                holders.setdefault(neutral(part).strip(), set()).add(person.id)
    names: list[str] = []
    for text, label in known_terms:
        (names if label == "PERSON" else sites).append(text)
    for person in people:
        names.append(person.name)
        names.extend(w for w in person.name.replace("-", " ").split() if len(w) >= 3)
    rare = sorted(r for r, who in holders.items() if r and len(who) <= RARE_ROLE_HOLDERS)
    return RosterFacts(
        rare_roles=tuple(rare),
        sites=tuple(dict.fromkeys(s for s in sites if s.strip())),
        names=tuple(dict.fromkeys(names)),
        pseudonyms=tuple(sorted({p.pseudonym for p in people if p.pseudonym})),
    )


_PROPER = re.compile(
    r"\b[A-ZÀ-ÖØ-Þ][\w’'-]*(?:[ -](?:(?:de|du|des|la|le|les|sur|en|ès)[ -])?[A-ZÀ-ÖØ-Þ][\w’'-]*)*"
)


def _proper_names(text: str) -> list[str]:
    return [m.group(0) for m in _PROPER.finditer(text) if len(m.group(0)) >= 3]


_NATIONAL = frozenset(
    {"france", "caf", "msa", "cpam", "carsat", "ants", "urssaf", "dgfip", "cnav", "mdph"}
    | {"pole", "etat", "republique", "departement", "region", "europe", "prefecture"}
)
"""First words of national bodies: a role naming them points to no one site."""


def _is_local(name: str) -> bool:
    words = fold(name).split()
    return bool(words) and words[0] not in _NATIONAL


def _compile(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_DET = r"(?:le|la|l['’]|les|notre|nos|leur|sa|son|du|de\s+la|au|à\s+la|the|our|their|his|her)\s*"
_SINGLE_HOLDER = _compile(
    _DET + r"(?:directeur|directrice|direct(?:eur|rice)\s+g[ée]n[ée]ral(?:e)?|DGS|DGA"
    r"|chef(?:fe)?\s+de\s+(?:service|p[ôo]le|projet|bureau)|responsable\s+(?:du|de\s+la|de\s+l['’])\s*\w+"
    r"|coordinat(?:eur|rice)|r[ée]f[ée]rent(?:e)?|maire|adjoint(?:e)?\s+au\s+maire|pr[ée]sident(?:e)?"
    r"|[ée]lu(?:e)?|secr[ée]taire\s+de\s+mairie|stagiaire|apprenti(?:e)?|alternant(?:e)?)\b",
    r"\b(?:the|our)\s+(?:director|head\s+of\s+\w+|manager|coordinator|mayor|intern|trainee)\b",
)
_SINGLING = _compile(
    r"\b(?:le\s+seul|la\s+seule|les\s+seul(?:e)?s|l['’]unique|seul(?:e)?\s+(?:homme|femme))\b",
    r"\b(?:le|la)\s+plus\s+(?:jeune|ancien(?:ne)?|[âa]g[ée](?:e)?|exp[ée]riment[ée](?:e)?)\b",
    r"\b(?:doyen(?:ne)?|benjamin(?:e)?|nouvel(?:le)?\s+arriv[ée](?:e)?|derni[eè]re?\s+arriv[ée](?:e)?)\b",
    r"\bdepuis\s+(?:plus\s+de\s+)?\d+\s+ans\b",
    r"\b(?:de|d['’]|âgée?\s+de)\s*\d{2}\s+ans\b",
    r"\b(?:the\s+only|the\s+youngest|the\s+oldest|the\s+newest|\d{2}\s+years?\s+old)\b",
)
_MONTHS_FR = (
    r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre"
)
_MONTHS_EN = (
    r"january|february|march|april|may|june|july|august|september|october|november|december"
)
_DAYS = r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
_DATE = _compile(
    r"\b\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\b",
    r"\b\d{4}-\d{2}-\d{2}\b",
    rf"\b(?:\d{{1,2}}(?:er)?\s+)?(?:{_MONTHS_FR})\b(?:\s+\d{{4}})?",
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS_EN})\b|\b(?:{_MONTHS_EN})\s+\d{{1,4}}\b",
    rf"\b(?:in|early|late|last|since)\s+(?:{_MONTHS_EN})\b",
    rf"\b(?:{_DAYS})\s+(?:dernier|pass[ée]|matin|soir|apr[eè]s-midi)\b",
    r"\b(?:hier|avant-hier|la\s+veille|le\s+lendemain|ce\s+matin|cette\s+semaine)\b",
    r"\b(?:la\s+semaine|le\s+mois|l['’]ann[ée]e)\s+derni[eè]re?\b",
    r"\b(?:no[ëe]l|toussaint|p[âa]ques|r[ée]veillon|rentr[ée]e\s+\d{4})\b",
    r"\b(?:yesterday|this\s+morning|last\s+(?:week|month|year|monday|tuesday|wednesday"
    r"|thursday|friday|saturday|sunday))\b",
    r"\b(?:19|20)\d{2}\b",
    r"\[date\]",
)
_EVENT = _compile(
    r"\b(?:agression|agress[ée](?:e)?s?|accident|d[ée]c[èe]s|d[ée]c[ée]d[ée](?:e)?|suicide"
    r"|plainte|main\s+courante|arr[êe]t\s+(?:maladie|de\s+travail)|burn[- ]?out|cong[ée]\s+"
    r"(?:maternit[ée]|paternit[ée]|maladie)|grossesse|enceinte|licenci(?:ement|[ée](?:e)?)"
    r"|d[ée]mission|mutation|mise\s+[àa]\s+pied|sanction|bl[âa]me|conseil\s+de\s+discipline"
    r"|garde\s+[àa]\s+vue|hospitalis(?:ation|[ée](?:e)?)|incendie|inondation|cambriolage"
    r"|menac[ée](?:e)?\s+de\s+mort|menaces?\s+de\s+mort|gendarmerie|pompiers|gr[èe]ve"
    r"|rupture\s+conventionnelle|divorce|deuil|cancer|chimioth[ée]rapie|fausse\s+couche)\b",
    r"\b(?:assault(?:ed)?|accident|died|death|suicide|complaint|sick\s+leave|burnout"
    r"|maternity\s+leave|pregnan(?:t|cy)|dismiss(?:ed|al)|fired|resign(?:ed|ation)"
    r"|police|break-in|strike|funeral|cancer|miscarriage)\b",
)
_SITE = _compile(
    r"\b(?:mairie|antenne|agence|bureau\s+de\s+poste|centre\s+social|maison\s+france\s+services"
    r"|france\s+services|permanence|[ée]cole|coll[èe]ge|lyc[ée]e|ehpad|hameau|quartier|village"
    r"|commune|bourg|rue|avenue|place|route)\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’])?"
    r"(?-i:[A-ZÀ-ÖØ-Þ])[\w’'-]+",
    r"\b(?:à|au|aux|vers|près\s+de|in|at)\s+(?-i:(?!France\b|Pôle\b)[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+"
    r"(?:-[\wà-öø-ÿ]+)*)",
    r"\[(?:commune|lieu|structure|adresse)(?:\s+\d+)?\]",
)
_COLLEAGUE = re.compile(r"\[(?:collègue|personne)\s+\d+\]")


def _found(pattern: re.Pattern[str], text: str) -> Iterator[str]:
    for match in pattern.finditer(text):
        yield " ".join(match.group(0).split())


def _in(folded: str, term: str) -> bool:
    phrase = fold(term).strip()
    return bool(phrase) and f" {phrase} " in folded


def text_warnings(text: str, facts: RosterFacts) -> list[ReidWarning]:
    """Warnings raised by an item's wording alone."""
    folded, neutral_text = fold(text), neutral(text)
    found: list[ReidWarning] = []
    found += [
        ReidWarning(Risk.RARE_ROLE, _as_written(text, r))
        for r in facts.rare_roles
        if f" {r} " in neutral_text
    ]
    found += [ReidWarning(Risk.RARE_ROLE, m) for m in _found(_SINGLE_HOLDER, text)]
    found += [ReidWarning(Risk.SINGLING_OUT, m) for m in _found(_SINGLING, text)]
    found += [ReidWarning(Risk.SITE, s) for s in facts.sites if _in(folded, s)]
    found += [ReidWarning(Risk.SITE, m) for m in _site_phrases(text, facts.sites)]
    found += [ReidWarning(Risk.DATE, m) for m in _found(_DATE, text)]
    found += [ReidWarning(Risk.EVENT, m) for m in _found(_EVENT, text)]
    found += [ReidWarning(Risk.NAME, n) for n in facts.names if _in(folded, n)]
    found += [
        ReidWarning(Risk.NAME, p)
        for p in facts.pseudonyms
        if re.search(rf"\b{re.escape(p)}\b", text)
    ]
    found += [ReidWarning(Risk.NAME, m) for m in _found(_COLLEAGUE, text)]
    return _unique(found)


_TOKEN = re.compile(r"[^\W_]+")


def _as_written(text: str, phrase: str) -> str:
    """The words of ``text`` whose neutral form is ``phrase`` (the phrase itself if not found)."""
    tokens = [
        (m.start(), m.end(), _neutral_word(fold(m.group(0)).strip())) for m in _TOKEN.finditer(text)
    ]
    wanted = phrase.split()
    for index in range(len(tokens) - len(wanted) + 1):
        window = tokens[index : index + len(wanted)]
        if [t[2] for t in window] == wanted:
            return text[window[0][0] : window[-1][1]]
    return phrase


def _site_phrases(text: str, known: Sequence[str]) -> Iterator[str]:
    """Site phrases of the patterns, unless they only repeat a known site."""
    for match in _found(_SITE, text):
        folded = fold(match)
        if _is_local(_tail(match)) and not any(_in(folded, site) for site in known):
            yield match


def _tail(match: str) -> str:
    """The proper name at the end of a site phrase ("mairie de Condat" → "Condat")."""
    words = match.split()
    return words[-1] if words else match


def _unique(warnings: Iterable[ReidWarning]) -> list[ReidWarning]:
    seen: dict[tuple[Risk, str], ReidWarning] = {}
    for warning in warnings:
        seen.setdefault((warning.risk, fold(warning.detail)), warning)
    return sorted(seen.values(), key=lambda w: (list(Risk).index(w.risk), fold(w.detail)))


def item_warnings(text: str, participants: int, facts: RosterFacts) -> list[ReidWarning]:
    """Every warning on an item: its evidence (distinct participants) and its wording."""
    found = []
    if 1 <= participants <= FEW_PARTICIPANTS:
        found.append(ReidWarning(Risk.FEW_PARTICIPANTS, str(participants)))
    return found + text_warnings(text, facts)


def warning_codes(warnings: Sequence[ReidWarning]) -> list[str]:
    """The distinct codes, in a stable order."""
    return list(dict.fromkeys(w.risk.value for w in warnings))


def describe(warnings: Sequence[ReidWarning]) -> Mapping[str, list[str]]:
    """Details grouped by code, for a summary."""
    grouped: dict[str, list[str]] = {}
    for warning in warnings:
        grouped.setdefault(warning.risk.value, []).append(warning.detail)
    return grouped
