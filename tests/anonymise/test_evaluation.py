"""The targets, on the shared dev corpus and on held-out notes of other professions."""

from __future__ import annotations

import pytest

from appsession.anonymise.corpus import CorpusNote, GoldSpan, read_notes, read_roster
from appsession.anonymise.evaluate import (
    Prediction,
    Report,
    anonymise_notes,
    evaluate_corpus,
    fully_masked,
    score,
    touched,
)
from appsession.anonymise.model import LanguageModel
from appsession.anonymise.roster import Roster
from tests.anonymise import heldout
from tests.conftest import REPO

DEV_CORPUS = REPO.parent / "shared" / "corpus" / "dev"


def over_masked(notes: list[CorpusNote], predictions: list[Prediction]) -> float:
    """Share of predicted spans that touch no gold span to mask."""
    total = stray = 0
    for note, prediction in zip(notes, predictions, strict=True):
        wanted = [(s.start, s.end) for s in note.spans if s.label != "KEEP"]
        for start, end, _label in prediction.spans:
            total += 1
            stray += not touched(start, end, wanted)
    return stray / total if total else 0.0


def assert_targets(report: Report) -> None:
    assert report.overall(True).share == 1.0, "every roster and known-term span is masked"
    assert report.overall().share >= 0.97
    assert report.overall(False).share >= 0.95
    assert report.keep_touched <= 0.03


def test_the_dev_corpus_meets_the_targets(model: LanguageModel) -> None:
    if not (DEV_CORPUS / "notes.jsonl").is_file():
        pytest.fail(f"the shared dev corpus is missing: expected {DEV_CORPUS}/notes.jsonl")
    report = evaluate_corpus(DEV_CORPUS, model, repeats=1)
    assert report.overall().total > 250
    assert_targets(report)
    notes = read_notes(DEV_CORPUS / "notes.jsonl", with_spans=True)
    roster = read_roster(DEV_CORPUS / "roster.json")
    assert over_masked(notes, anonymise_notes(roster, notes, model)) <= 0.05


@pytest.mark.parametrize("profession", sorted(heldout.CORPORA))
def test_held_out_professions_meet_the_targets(model: LanguageModel, profession: str) -> None:
    roster, notes = heldout.corpus(profession)
    gold = [
        CorpusNote(
            note["id"],
            note["text"],
            tuple(
                GoldSpan(s["start"], s["end"], s["label"], s["in_roster"]) for s in note["spans"]
            ),
        )
        for note in notes
    ]
    predictions = anonymise_notes(Roster.from_dict(roster), gold, model)
    report = score(gold, predictions)
    assert report.overall().total >= 20
    assert_targets(report)
    assert over_masked(gold, predictions) <= 0.05


def test_the_held_out_gold_is_consistent() -> None:
    for profession in heldout.CORPORA:
        _roster, notes = heldout.corpus(profession)
        for note in notes:
            for span in note["spans"]:
                assert note["text"][span["start"] : span["end"]] == span["text"]


@pytest.mark.parametrize(
    ("masked", "expected"),
    [([(0, 10)], True), ([(0, 4), (4, 10)], True), ([(0, 4), (5, 10)], False), ([(2, 10)], False)],
)
def test_fully_masked_needs_every_character(masked: list[tuple[int, int]], expected: bool) -> None:
    assert fully_masked(0, 10, masked) is expected


def test_touched_means_any_overlap() -> None:
    assert touched(5, 8, [(7, 9)])
    assert not touched(5, 8, [(8, 9), (0, 5)])


def test_score_splits_roster_and_outside_and_counts_keep() -> None:
    note = CorpusNote(
        "n",
        "Karima et la CAF et Lyon",
        (
            GoldSpan(0, 6, "PERSON", True),
            GoldSpan(13, 16, "KEEP", False),
            GoldSpan(20, 24, "PLACE", False),
        ),
    )
    report = score([note], [Prediction("n", ((0, 6, "PERSON"), (12, 16, "ORG")), "")])
    assert (report.overall(True).hits, report.overall(False).hits) == (1, 0)
    assert report.keep_touched == 1.0
