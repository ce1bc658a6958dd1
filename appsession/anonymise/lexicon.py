"""French common words, to tell "rose" the colour from Rose the colleague.

In French only proper nouns take a capital inside a sentence, so a capitalised word that is
not a French word is very likely a name, and a roster name that is also a word ("Petit",
"Blanc", "Pierre") needs its context before it is masked in lower case. The word list comes
from the lemmatiser tables shipped inside the spaCy French model (see ``model.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Lexicon:
    """Which lower-case forms are French words, and which of them can be verbs."""

    forms: Collection[str]
    """Inflected forms and lemmas ("blanche", "notait", "retour")."""
    verb_forms: Callable[[str], bool] = field(default=lambda form: False)
    """Whether a form may be a verb ("note", "dit", "revient")."""
    function_words: Collection[str] = field(default_factory=frozenset)
    """Pronouns, articles, prepositions, auxiliaries ("il", "est", "dans")."""

    def is_word(self, lower: str) -> bool:
        """Whether a lower-case form is a French word."""
        return lower in self.forms or lower in self.function_words

    def can_be_verb(self, lower: str) -> bool:
        """Whether a lower-case form may be a verb ("note", "dit", "est")."""
        return self.verb_forms(lower)

    @classmethod
    def of_words(cls, words: Iterable[str], verbs: Iterable[str] = ()) -> Lexicon:
        """A small lexicon from plain lists (verbs are given as forms)."""
        verb_forms = frozenset(verb.lower() for verb in verbs)
        return cls(
            forms=frozenset(word.lower() for word in words) | verb_forms,
            verb_forms=verb_forms.__contains__,
        )


def common_word_use(lexicon: Lexicon | None, next_word: str | None) -> bool:
    """Whether a capitalised first word followed by ``next_word`` reads as a common word.

    "Petit retour", "Blanc total": a lower-case noun or adjective follows, never a verb.
    "Rose est", "Pierre dit", "Rose note": a verb follows (or may), so it is a name.
    Without a lexicon nothing can be told, and the safe answer for a name is "not a word".
    """
    if lexicon is None or next_word is None or not next_word.islower():
        return False
    return lexicon.is_word(next_word) and not lexicon.can_be_verb(next_word)
