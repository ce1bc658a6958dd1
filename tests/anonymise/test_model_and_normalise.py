"""The model loads lazily and once; folding keeps offsets; units respect compounds."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from appsession.anonymise.model import LanguageModel
from appsession.anonymise.normalise import fold, fold_phrase, units
from tests.conftest import REPO


def test_importing_the_anonymiser_loads_no_model() -> None:
    code = (
        "import sys, appsession.anonymise.engine, appsession.anonymise.gate, "
        "appsession.cli.anonymise_cmd; print('spacy' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert done.stdout.strip() == "False"


def test_concurrent_loads_share_one_pipeline(model: LanguageModel) -> None:
    fresh = LanguageModel()
    threads = [threading.Thread(target=fresh.load) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert fresh.ready
    pipeline = fresh._nlp
    fresh.load()
    assert fresh._nlp is pipeline
    assert fresh.entities(["Mme Lopez habite à Vierzon."])[0]


def test_loading_in_the_background_returns_the_same_thread() -> None:
    fresh = LanguageModel(name="no_such_model_xx")
    thread = fresh.start_loading()
    assert fresh.start_loading() is thread
    thread.join(timeout=60)
    assert not fresh.ready
    assert fresh.error
    assert fresh.entities(["texte"]) == [[]]


def test_the_lexicon_knows_words_and_verbs(model: LanguageModel) -> None:
    lexicon = model.lexicon
    assert lexicon is not None
    assert lexicon.is_word("retour")
    assert not lexicon.can_be_verb("retour")
    assert lexicon.can_be_verb("note")
    assert lexicon.can_be_verb("revient")
    assert not lexicon.is_word("delpuech")


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Élodie", "elodie"), ("d’Amandine", "d'amandine"), ("MAÏMOUNA", "maimouna"), ("Œil", "œil")],
)
def test_fold_removes_case_and_accents_and_keeps_length(text: str, folded: str) -> None:
    assert fold(text) == folded
    assert len(fold(text)) == len(text)


def test_units_keep_hyphen_compounds_and_split_elisions() -> None:
    text = "d'Amandine, Saint-Martin-Valmeroux et Mme L.-R. chez Fabre‑Lacoste"
    assert [u.key for u in units(text)] == [
        "d",
        "amandine",
        "saint-martin-valmeroux",
        "et",
        "mme",
        "l-r",
        "chez",
        "fabre-lacoste",
    ]


def test_sentence_starts_ignore_abbreviation_dots() -> None:
    found = {u.text: u.initial for u in units("Y a M. Delpuech. Il vient. S. Pierre aussi")}
    assert found == {
        "Y": True,
        "a": False,
        "M": False,
        "Delpuech": False,
        "Il": True,
        "vient": False,
        "S": True,
        "Pierre": False,
        "aussi": False,
    }


def test_fold_phrase_unifies_spaces_and_hyphens() -> None:
    assert fold_phrase("  Marie‑Claude   VIDAL ") == "marie-claude vidal"
