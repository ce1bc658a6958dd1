"""The pseudonymised layer the analysis reads, and the map it keeps in the vault."""

from __future__ import annotations

from pathlib import Path

import pytest

from appsession.anonymise import Label, Verdict
from appsession.core.clock import FakeClock
from appsession.core.model import Note
from appsession.services.analysis import AnalysisService
from appsession.services.draft import KNOWN_TERMS_DOCUMENT
from appsession.services.pseudonyms import MAP_DOCUMENT, PART_DOCUMENT, PseudonymLayer
from appsession.services.pseudonyms.review import ReviewService, Scope
from appsession.services.pseudonyms.store import MapUnreadable
from appsession.services.validation import known_terms
from appsession.vault import Vault
from tests.pseudonyms.world import NOTES, OFF_RECORD, PASSPHRASE, World


def analysis_texts(world: World, clock: FakeClock) -> dict[str, str]:
    """Raw text -> what the analysis shows."""
    service = AnalysisService(world.vault, world.intervention_id, clock)
    return {n.note.text: n.text for n in service.notes()}


def test_the_analysis_reads_names_phones_and_structures_pseudonymised(
    world: World, clock: FakeClock
) -> None:
    shown = analysis_texts(world, clock)
    joined = "\n".join(shown.values())
    for name in ("Amandine", "Karima", "Yann", "Lestrade", "lestrade", "06 12 34 56 78"):
        assert name not in joined
    assert "Tour de table : P1 arrive en retard, P2 présente sa situation." in shown.values()
    assert "Cagette" not in joined
    assert "Vaissier" not in joined
    assert "France Travail" in joined
    assert "la CAF" in joined


def test_a_name_found_by_a_rule_is_masked_in_every_note_with_the_same_placeholder(
    world: World, clock: FakeClock
) -> None:
    shown = analysis_texts(world, clock)
    titled = shown["Mme Lestrade vient chaque semaine à l'accueil de Condat."]
    lower = shown["lestrade est revenue lundi, toujours pour sa carte grise."]
    placeholder = titled.split()[1]
    assert placeholder.startswith("[")
    assert lower.startswith(placeholder)


def test_off_record_notes_never_reach_the_map(world: World, clock: FakeClock) -> None:
    analysis_texts(world, clock)
    ReviewService(world.vault, world.intervention_id).scan(Scope())
    layer = PseudonymLayer(world.vault, world.intervention_id)
    assert "l:lestrade" in layer.mapping.entities
    documents = [data for _id, data in world.vault.documents(PART_DOCUMENT)]
    documents.append(world.vault.document(MAP_DOCUMENT, world.intervention_id) or {})
    assert "orsini" not in str(documents).lower()
    assert OFF_RECORD not in analysis_texts(world, clock)


def test_placeholders_keep_their_numbers_from_one_opening_to_the_next(
    world: World, clock: FakeClock, tmp_path: Path
) -> None:
    first = analysis_texts(world, clock)
    path = world.vault.path
    world.vault.close()
    with Vault.open(path, PASSPHRASE, clock=clock) as vault:
        world.vault = vault
        vault.save_note(Note("", world.sessions[0].id, "Mme Ferrandon a appelé Mme Lestrade."))
        again = analysis_texts(world, clock)
    assert {raw: again[raw] for raw in first} == first
    assert "Mme [personne 2] a appelé Mme [personne 1]." in again.values()


def test_the_map_is_encrypted_and_survives_lock_and_unlock(world: World, clock: FakeClock) -> None:
    layer = PseudonymLayer(world.vault, world.intervention_id)
    layer.add_known_term("Zyrvanel-sur-Orbe", Label.PLACE)
    layer.save()
    analysis_texts(world, clock)
    world.vault.lock()
    world.vault.unlock(PASSPHRASE)
    again = PseudonymLayer(world.vault, world.intervention_id)
    assert ("Zyrvanel-sur-Orbe", "PLACE") in again.known_terms()
    assert any(e.key == "l:lestrade" for e in again.mapping.entities.values())
    world.vault.close()
    raw = world.vault.path.read_bytes()
    wal = world.vault.path.with_name(world.vault.path.name + "-wal")
    raw += wal.read_bytes() if wal.exists() else b""
    for canary in ("Zyrvanel", "zyrvanel", "lestrade", "Lestrade", "Vaissier", "Cagette"):
        assert canary.encode() not in raw


def test_known_terms_are_read_where_the_warnings_and_the_draft_look(world: World) -> None:
    assert KNOWN_TERMS_DOCUMENT == MAP_DOCUMENT
    layer = PseudonymLayer(world.vault, world.intervention_id)
    layer.add_known_term("Condat", Label.PLACE)
    layer.save()
    assert ("Condat", "PLACE") in known_terms(world.vault, world.intervention_id)


def test_two_layers_saving_in_turn_keep_both_decisions(world: World) -> None:
    first = PseudonymLayer(world.vault, world.intervention_id)
    second = PseudonymLayer(world.vault, world.intervention_id)
    first.decide("Lestrade", Verdict.ALWAYS, Label.PERSON)
    first.save()
    second.decide("Vaissier", Verdict.REJECT, Label.PERSON)
    second.save()
    third = PseudonymLayer(world.vault, world.intervention_id)
    assert third.mapping.verdicts == {"lestrade": Verdict.ALWAYS, "vaissier": Verdict.REJECT}
    assert [t.text for t in third.mapping.known_terms] == ["Lestrade"]


def test_a_layer_sees_a_decision_saved_elsewhere(world: World, clock: FakeClock) -> None:
    service = AnalysisService(world.vault, world.intervention_id, clock)
    layer = service.pseudonyms.layer
    note = world.notes[NOTES[2][1][1]]
    assert "Vaissier" not in layer.text(note)
    other = PseudonymLayer(world.vault, world.intervention_id)
    other.decide("Vaissier", Verdict.NEVER, Label.PERSON)
    other.save()
    assert layer.refresh()
    assert "Vaissier" in layer.text(note)


def test_a_map_written_by_a_newer_version_is_a_clear_error(world: World) -> None:
    world.vault.put_document(
        MAP_DOCUMENT,
        world.intervention_id,
        {"format": 99, "revision": 4},
        intervention_id=world.intervention_id,
    )
    with pytest.raises(MapUnreadable) as caught:
        PseudonymLayer(world.vault, world.intervention_id).mapping  # noqa: B018
    assert "newer appsession" in str(caught.value)
