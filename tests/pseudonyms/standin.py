"""A stand-in for the French language model, so that tests need not load spaCy.

It knows the common words of the test notes (its lexicon) and calls every "Condat" a place;
its loading can be held back to check that nothing waits for it.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence

from appsession.anonymise import LanguageModel
from appsession.anonymise.lexicon import Lexicon
from appsession.anonymise.model import Entity
from tests.pseudonyms.world import NOTES

NAMES = {"amandine", "karima", "yann", "lestrade", "condat", "vaissier", "grégoire", "cagette"}
NAMES |= {"orsini", "gisèle", "rochette", "benali", "gall"}


class StandInModel(LanguageModel):
    """Calls every "Condat" a place and knows the notes' common words; ``gate`` holds its
    loading back until set."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()
        self.gate.set()

    def load(self) -> None:
        self.gate.wait(timeout=10)
        words = {
            w.lower()
            for _n, notes in NOTES.items()
            for _s, text in notes
            for w in re.findall(r"\w+", text)
        }
        self._lexicon = Lexicon.of_words(words - NAMES, verbs=("vient", "arrive", "disait"))
        self._nlp = object()

    def entities(self, texts: Sequence[str]) -> list[list[Entity]]:
        return [
            [Entity(m.start(), m.end(), "PLACE") for m in re.finditer("Condat", text)]
            for text in texts
        ]
