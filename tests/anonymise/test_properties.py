"""Property: a pseudonymised note never contains a participant's name, in any case or accents."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from appsession.anonymise.engine import Pseudonymiser
from appsession.anonymise.lexicon import Lexicon
from appsession.anonymise.model import LanguageModel
from appsession.anonymise.normalise import fold, units
from appsession.anonymise.roster import Roster

SYLLABLES = ["ka", "ri", "mé", "lo", "dju", "zè", "bas", "tien", "rou", "phi", "gna", "oua"]
SYLLABLES += ["thi", "bé", "ran", "dal", "vu", "kou", "ssé", "yo", "ël", "nh", "ch", "ïa"]
FILLERS = [
    "Elle a appelé la CAF.",
    "on en reparle en janvier",
    "c'est pas simple, dit-elle",
    "Le maire a répondu par mail.",
    "pas tout rose de l'autre côté",
]


def word() -> st.SearchStrategy[str]:
    """A made-up name part: two to four syllables."""
    return st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=4).map("".join)


def name_part() -> st.SearchStrategy[str]:
    """A part, sometimes hyphenated ("Kari-Mélo")."""
    single = word().map(str.capitalize)
    double = st.tuples(word(), word()).map(lambda pair: "-".join(p.capitalize() for p in pair))
    return st.one_of(single, single, double)


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


SPELLINGS = [
    lambda g, s: f"{g} {s}",
    lambda g, s: f"{s.upper()} {g}",
    lambda g, s: g,
    lambda g, s: s,
    lambda g, s: g.lower(),
    lambda g, s: s.lower(),
    lambda g, s: strip_accents(g),
    lambda g, s: strip_accents(s).upper(),
    lambda g, s: f"d'{g}",
    lambda g, s: f"Mme {s}",
    lambda g, s: f"{g} {s[0]}.",
    lambda g, s: g.replace("-", " "),
]


@st.composite
def notes(draw: st.DrawFn) -> tuple[str, str, str]:
    """(given name, surname, a note mentioning them in several spellings)."""
    given_name, surname = draw(name_part()), draw(name_part())
    assume(fold(given_name) != fold(surname))
    pieces = []
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        spelling = draw(st.sampled_from(SPELLINGS))
        pieces += [spelling(given_name, surname), draw(st.sampled_from(FILLERS))]
    separators = draw(st.lists(st.sampled_from([", ", ". ", " : ", " et "]), min_size=len(pieces)))
    text = "".join(piece + sep for piece, sep in zip(pieces, separators, strict=False))
    return given_name, surname, text


def leaked(text: str, given_name: str, surname: str) -> list[str]:
    """Units of ``text`` that spell the given name or surname (or one of their parts)."""
    names = {fold(given_name), fold(surname), *fold(surname).split("-")}
    names = {name for name in names if len(name) >= 4}
    return [
        unit.text
        for unit in units(text)
        if unit.key in names or unit.key.replace("-", " ") in names
    ]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notes())
def test_no_roster_name_survives_without_the_model(note: tuple[str, str, str]) -> None:
    given_name, surname, text = note
    roster = Roster.from_dict(
        {"participants": [{"name": f"{given_name} {surname}", "pseudonym": "P1"}]}
    )
    output = Pseudonymiser(roster).pseudonymise(text).text
    assert leaked(output, given_name, surname) == [], (text, output)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notes())
def test_no_roster_name_survives_with_the_model(
    model: LanguageModel, lexicon: Lexicon, note: tuple[str, str, str]
) -> None:
    given_name, surname, text = note
    parts = [part.lower() for part in f"{given_name}-{surname}".split("-")]
    assume(not any(lexicon.is_word(part) for part in parts))
    roster = Roster.from_dict(
        {"participants": [{"name": f"{given_name} {surname}", "pseudonym": "P1"}]}
    )
    output = Pseudonymiser(roster, model=model).pseudonymise(text).text
    assert leaked(output, given_name, surname) == [], (text, output)


FRAGMENTS = [
    "Karima",
    "rose",
    "Mme L.-R.",
    "06 39 98 41 27",
    "jm.delpuech63@orange.fr",
    "la CAF",
    "né le 2 mars 1938",
    "12 rue des Tilleuls",
    "Riom",
    "M. Delpuech",
    "Sylvie",
    "Nath",
    "1 63 11 63 113 212 78",
    "EK-391-PZ",
    "d'Amandine",
    "noir sur blanc",
    "Élodie",
    "(",
    "« ",
    " »",
    ", ",
    ". ",
    " ",
    "\n",
    "l'",
    "Saint-Genès-la-Vèze",
    "MC",
    "2847193",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=25))
def test_pseudonymised_text_passes_the_gate_for_every_certain_identifier(
    model: LanguageModel, pieces: list[str]
) -> None:
    from appsession.anonymise.gate import GateContext, Reason, residual_scan
    from tests.anonymise.conftest import ROSTER

    text = " ".join(pieces)
    engine = Pseudonymiser(Roster.from_dict(ROSTER), model=model)
    result = engine.pseudonymise(text)
    previous_end = 0
    for replacement in result.replacements:
        assert previous_end <= replacement.start < replacement.end <= len(text)
        previous_end = replacement.end
    hits = residual_scan(result.text, GateContext(engine))
    certain = [h for h in hits if h.reason in (Reason.ROSTER, Reason.KNOWN_TERM, Reason.PATTERN)]
    assert certain == [], (text, result.text)
