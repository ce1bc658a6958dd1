"""The French spaCy model as a suggestion engine, loaded lazily and never at import.

Loading takes a few seconds, so the app starts without it: ``start_loading()`` loads it on a
background thread and the engine uses it once ``ready``. Only the named-entity recogniser is
loaded (it has its own token vectors), which keeps analysis fast; the lemmatiser's tables
are read separately to give the French word list (``Lexicon``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from appsession.anonymise.lexicon import Lexicon

MODEL_NAME = "fr_core_news_sm"
_NOT_NER = ("tok2vec", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer")
_LABELS = {"PER": "PERSON", "LOC": "PLACE", "ORG": "ORG", "MISC": "MISC"}


@dataclass(frozen=True, slots=True)
class Entity:
    """A span the model calls a person, place, organisation or other name."""

    start: int
    end: int
    label: str
    """PERSON, PLACE, ORG or MISC."""


class LanguageModel:
    """The spaCy pipeline and the French word list, loaded once and shared between threads."""

    def __init__(self, name: str = MODEL_NAME) -> None:
        self.name = name
        self._lock = threading.Lock()
        self._run_lock = threading.Lock()
        self._nlp: Any = None
        self._lexicon: Lexicon | None = None
        self._thread: threading.Thread | None = None
        self.error: str = ""
        """Why loading failed, if it did (the engine then works without suggestions)."""

    @property
    def ready(self) -> bool:
        """Whether the model is loaded and usable now."""
        return self._nlp is not None

    def start_loading(self) -> threading.Thread:
        """Load on a daemon thread (idempotent); returns that thread."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self.load, name="anonymise-model", daemon=True
                )
                self._thread.start()
            return self._thread

    def load(self) -> None:
        """Load now, on this thread; safe to call from several threads at once."""
        with self._lock:
            if self._nlp is not None or self.error:
                return
            try:
                self._nlp, self._lexicon = _load(self.name)
            except (OSError, ImportError, ValueError) as problem:
                self.error = f"{type(problem).__name__}: {problem}"

    @property
    def lexicon(self) -> Lexicon | None:
        """The French word list, once loaded."""
        return self._lexicon

    def entities(self, texts: Sequence[str]) -> list[list[Entity]]:
        """The model's entities for each text (empty lists while it is not loaded)."""
        if self._nlp is None:
            return [[] for _ in texts]
        with self._run_lock:
            docs = list(self._nlp.pipe(texts, batch_size=64))
        return [_entities(doc) for doc in docs]


def _entities(doc: Any) -> list[Entity]:
    return [
        Entity(ent.start_char, ent.end_char, _LABELS[ent.label_])
        for ent in doc.ents
        if ent.label_ in _LABELS
    ]


def _load(name: str) -> tuple[Any, Lexicon]:
    """The NER-only pipeline and the lexicon from the same installed package."""
    import spacy
    from spacy.lang.fr.stop_words import STOP_WORDS
    from spacy.lookups import Lookups

    nlp = spacy.load(name, exclude=list(_NOT_NER))
    folder = spacy.util.get_package_path(name)
    model_dirs = sorted(folder.glob(f"{name}-*/lemmatizer/lookups")) or sorted(
        folder.glob("lemmatizer/lookups")
    )
    lookups = Lookups().from_disk(model_dirs[-1])
    return nlp, _lexicon(lookups, STOP_WORDS)


def _lexicon(lookups: Any, stop_words: Iterable[str]) -> Lexicon:
    """The word list from the lemmatiser's tables: forms, lemmas, and which forms are verbs."""
    table = lookups.get_table("lemma_lookup")
    index = lookups.get_table("lemma_index")
    verb_exceptions: dict[str, Any] = lookups.get_table("lemma_exc").get("verb", {})
    verb_rules = [(suffix, ending) for suffix, ending in lookups.get_table("lemma_rules")["verb"]]
    verb_rules += [("e", "er"), ("ent", "er"), ("it", "ire"), ("ient", "enir")]
    verbs = frozenset(index["verb"])
    lemmas = frozenset(word for pos in ("adj", "adv", "noun", "verb") for word in index[pos])

    def verb_forms(form: str) -> bool:
        if form in verbs or form in verb_exceptions:
            return True
        return any(
            form.endswith(suffix) and form[: len(form) - len(suffix)] + ending in verbs
            for suffix, ending in verb_rules
        )

    return Lexicon(_Forms(table, lemmas), verb_forms, frozenset(stop_words))


class _Forms:
    """Membership in the lemmatiser's form table (keys are string hashes) or its lemmas."""

    def __init__(self, table: Any, lemmas: frozenset[str]) -> None:
        self._table = table
        self._lemmas = lemmas

    def __contains__(self, form: object) -> bool:
        return isinstance(form, str) and (form in self._lemmas or form in self._table)

    def __len__(self) -> int:
        return len(self._lemmas) + len(self._table)

    def __iter__(self) -> Any:
        return iter(self._lemmas)


_SHARED = LanguageModel()


def shared_model() -> LanguageModel:
    """The process-wide model (loaded at most once)."""
    return _SHARED
