"""The mapping is a plain document for the vault; decisions apply to past and future notes."""

from __future__ import annotations

import json

import pytest

from appsession.anonymise.engine import Pseudonymiser
from appsession.anonymise.mapping import PseudonymMap, Verdict
from appsession.anonymise.model import LanguageModel
from appsession.anonymise.review import decide, pending, rename
from appsession.anonymise.roster import Roster
from appsession.anonymise.spans import Label

NOTES = [
    ("n1", "Son chef, M. Lestrade, lui fixe des objectifs."),
    ("n2", "Lestrade a ajouté que les collègues de Mauriac y arrivent."),
    ("n3", "Pause proposée, refusée. Karima lui passe un mouchoir."),
]


def test_the_mapping_survives_a_round_trip_through_json(engine: Pseudonymiser) -> None:
    engine.mapping.decide("Mauriac", Verdict.ALWAYS, Label.PLACE)
    engine.learn([text for _id, text in NOTES])
    before = [r.text for r in engine.pseudonymise_many([text for _id, text in NOTES])]
    engine.mapping.rename(engine.pseudonymise(NOTES[0][1]).replacements[0].entity, "son chef")
    document = json.loads(json.dumps(engine.mapping.to_dict()))
    restored = PseudonymMap.from_dict(document)
    assert restored.to_dict() == engine.mapping.to_dict()
    again = Pseudonymiser(engine.roster, restored, model=engine.model)
    after = [r.text for r in again.pseudonymise_many([text for _id, text in NOTES])]
    assert after[0] == before[0].replace("[collègue 1]", "son chef")
    assert after[1:] == [text.replace("[collègue 1]", "son chef") for text in before[1:]]


def test_an_unknown_mapping_version_is_refused() -> None:
    with pytest.raises(ValueError, match="version"):
        PseudonymMap.from_dict({"version": 99})


def test_pending_lists_undecided_forms_once_with_every_occurrence(
    engine: Pseudonymiser,
) -> None:
    engine.learn([text for _id, text in NOTES])
    forms = {item.form: item for item in pending(engine, NOTES)}
    assert set(forms) == {"lestrade", "mauriac"}
    assert [s.note_id for s in forms["lestrade"].occurrences] == ["n1", "n2"]
    assert forms["lestrade"].text == "Lestrade"


def test_accept_decides_without_changing_the_text(engine: Pseudonymiser) -> None:
    before = engine.pseudonymise(NOTES[0][1]).text
    decide(engine, "Lestrade", Verdict.ACCEPT)
    result = engine.pseudonymise(NOTES[0][1])
    assert result.text == before
    assert all(r.decided for r in result.replacements)
    assert "lestrade" not in {item.form for item in pending(engine, NOTES)}


def test_reject_unmasks_a_suggestion_in_past_and_future_notes(engine: Pseudonymiser) -> None:
    engine.learn([text for _id, text in NOTES])
    decide(engine, "Mauriac", Verdict.REJECT)
    assert "Mauriac" in engine.pseudonymise(NOTES[1][1]).text
    assert "Mauriac" in engine.pseudonymise("Il part à Mauriac demain.").text


def test_a_rejected_form_is_not_learned_again(engine: Pseudonymiser) -> None:
    decide(engine, "Mauriac", Verdict.REJECT)
    engine.learn(["à Mauriac", "de Mauriac"])
    assert "mauriac" not in engine.mapping.learned


def test_always_makes_a_known_term_masked_in_any_spelling(engine: Pseudonymiser) -> None:
    decide(engine, "Gérard Hamon", Verdict.ALWAYS, Label.PERSON)
    result = engine.pseudonymise("le docteur hamon, puis gérard, puis G. Hamon")
    assert "hamon" not in result.text.lower()
    assert "gérard" not in result.text.lower()
    assert all(r.decided for r in result.replacements)


def test_never_keeps_a_term_that_the_detectors_would_mask(engine: Pseudonymiser) -> None:
    note = "on a saisi la Maison Bleue et Mme Lestrade"
    assert "Maison Bleue" not in engine.pseudonymise(note).text
    decide(engine, "Maison Bleue", Verdict.NEVER)
    text = engine.pseudonymise(note).text
    assert "Maison Bleue" in text
    assert "Lestrade" not in text


def test_never_does_not_unmask_a_participant(engine: Pseudonymiser) -> None:
    decide(engine, "Karima", Verdict.NEVER)
    assert engine.pseudonymise("Karima relit.").text == "P3 relit."


def test_rename_through_the_review_api(engine: Pseudonymiser) -> None:
    entity = engine.pseudonymise("Mme Vernière, 86 ans").replacements[0].entity
    rename(engine, entity, "une usagère âgée")
    assert engine.pseudonymise("Mme Vernière arrive").text == "Mme une usagère âgée arrive"
    rename(engine, entity, "")
    assert engine.pseudonymise("Mme Vernière arrive").text == "Mme [personne 1] arrive"


def test_decisions_bump_the_revision_so_the_index_is_rebuilt(model: LanguageModel) -> None:
    engine = Pseudonymiser(Roster(), model=model)
    revision = engine.mapping.revision
    engine.mapping.decide("Lestrade", Verdict.ACCEPT)
    assert engine.mapping.revision > revision
