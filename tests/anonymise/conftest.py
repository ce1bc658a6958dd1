"""Fixtures of the anonymiser tests: the spaCy model loaded once per test session."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from appsession.anonymise.engine import Pseudonymiser
from appsession.anonymise.lexicon import Lexicon
from appsession.anonymise.model import LanguageModel, shared_model
from appsession.anonymise.roster import Roster

ROSTER: dict[str, Any] = {
    "intervention": "test",
    "participants": [
        {"name": "Rose Martin", "pseudonym": "P1"},
        {"name": "Nathalie Bonnefoy", "pseudonym": "P2"},
        {"name": "Karima Benali", "pseudonym": "P3"},
        {"name": "Sandrine Pierre", "pseudonym": "P4"},
        {"name": "Marie-Claude Vidal", "pseudonym": "P5"},
        {"name": "Élodie Chassang", "pseudonym": "P6"},
        {"name": "Céline Blanc", "pseudonym": "P7"},
        {"name": "Aurélie Petit", "pseudonym": "P8"},
        {"name": "Virginie Fabre-Lacoste", "pseudonym": "P9"},
        {"name": "Christelle Da Silva", "pseudonym": "P10"},
        {"name": "Thierry Olive", "pseudonym": "P11"},
        {"name": "Amandine Rochette", "pseudonym": "P12"},
        {"name": "Nguyen Thi Lan", "pseudonym": "P13"},
        {"name": "Oluwaseun Adeyemi", "pseudonym": "P14"},
        {"name": "Jessica Roux", "pseudonym": "P15"},
        {"name": "Yann Le Gall", "pseudonym": "P16"},
    ],
    "known_terms": [
        {"text": "Riom-ès-Montagnes", "label": "PLACE"},
        {"text": "Saint-Genès-la-Vèze", "label": "PLACE"},
        {"text": "La Bessaire", "label": "PLACE"},
        {"text": "épicerie solidaire La Cagette", "label": "ORG"},
        {"text": "centre social des Hauts de Rhue", "label": "ORG"},
        {"text": "Sylvie Fargeix", "label": "PERSON"},
        {"text": "Laurie", "label": "PLACE"},
    ],
}


@pytest.fixture(scope="session")
def model() -> LanguageModel:
    """The French model and lexicon, loaded once for the whole test session."""
    loaded = shared_model()
    loaded.load()
    assert loaded.ready, loaded.error
    return loaded


@pytest.fixture(scope="session")
def lexicon(model: LanguageModel) -> Lexicon:
    """The French word list that comes with the model."""
    assert model.lexicon is not None
    return model.lexicon


@pytest.fixture
def roster() -> Roster:
    """A roster with traps: names that are words, particles, compounds, many origins."""
    return Roster.from_dict(ROSTER)


@pytest.fixture
def engine(roster: Roster, model: LanguageModel) -> Pseudonymiser:
    """A fresh pseudonymiser (new mapping) with the model."""
    return Pseudonymiser(roster, model=model)


@pytest.fixture
def masked(engine: Pseudonymiser) -> Callable[[str], list[str]]:
    """The masked surface texts of a note."""

    def spans(text: str) -> list[str]:
        return [text[d.start : d.end] for d in engine.detect(text)]

    return spans


@pytest.fixture
def pseudonymise(engine: Pseudonymiser) -> Callable[[str], str]:
    """The pseudonymised text of a note."""

    def run(text: str) -> str:
        return engine.pseudonymise(text).text

    return run
