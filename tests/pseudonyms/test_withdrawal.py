"""What the map learned from a participant's words is shredded with them.

Third parties, spellings and decisions are kept in parts of the map owned like the notes they
came from (contribution keys, session keys). Withdrawing a participant destroys their keys, so
a neighbour only they named leaves no trace in the map, while a name others also wrote stays;
a placeholder number is never given to someone else; and the withdrawn participant's name in
other people's notes stays masked, without saying which pseudonym it was.
"""

from __future__ import annotations

from appsession.anonymise import Label, Verdict
from appsession.core.clock import FakeClock
from appsession.core.model import Note
from appsession.services.analysis import AnalysisService
from appsession.services.pseudonyms import MAP_DOCUMENT, PART_DOCUMENT, PseudonymLayer
from appsession.services.pseudonyms.review import ReviewService, Scope
from tests.pseudonyms.world import World

NEIGHBOUR = "Mon voisin Grégoire Vaissier m'a appelé pour le dossier."
MENTION = "Yann évoque la CAF et France Travail, sans nommer personne."


def every_map_document(world: World) -> str:
    """Every map document the vault can still decrypt, as one lower-case text."""
    parts = [data for _id, data in world.vault.documents(PART_DOCUMENT)]
    parts.append(world.vault.document(MAP_DOCUMENT, world.intervention_id) or {})
    return str(parts).lower()


def reviewed(world: World, clock: FakeClock) -> ReviewService:
    AnalysisService(world.vault, world.intervention_id, clock).notes()
    review = ReviewService(world.vault, world.intervention_id)
    candidates = review.scan(Scope())
    gregoire = next(c for c in candidates if c.form == "gregoire")
    review.decide(gregoire, Verdict.ACCEPT)
    review.rename(gregoire.entity, "le voisin de Yann")
    return review


def test_a_third_party_named_only_by_a_withdrawn_participant_leaves_no_trace(
    world: World, clock: FakeClock
) -> None:
    reviewed(world, clock)
    assert "gregoire" in every_map_document(world)
    world.vault.withdraw(world.people["yann"].id)
    left = every_map_document(world)
    for trace in ("gregoire", "greg", "le voisin de yann"):
        assert trace not in left
    assert "vaissier" in left  # Amandine wrote it too
    assert "lestrade" in left


def test_a_withdrawal_from_one_session_shreds_what_came_from_that_session_only(
    world: World, clock: FakeClock
) -> None:
    reviewed(world, clock)
    karima, sessions = world.people["karima"], world.sessions
    world.vault.withdraw(karima.id, sessions[1].id)
    layer = PseudonymLayer(world.vault, world.intervention_id)
    assert "l:lestrade" in layer.mapping.entities  # also in her session-1 notes
    world.vault.withdraw(karima.id, sessions[0].id)
    still = PseudonymLayer(world.vault, world.intervention_id)
    assert "l:lestrade" in still.mapping.entities  # Amandine also named her


def test_a_shredded_placeholder_number_is_never_given_again(world: World, clock: FakeClock) -> None:
    review = reviewed(world, clock)
    shredded = review.layer.mapping.entities["l:gregoire"]
    world.vault.withdraw(world.people["yann"].id)
    amandine = world.people["amandine"]
    text = "Ma voisine Mme Ostrowski est venue aussi."
    world.vault.save_note(Note("", world.sessions[1].id, text, speaker_id=amandine.id))
    service = AnalysisService(world.vault, world.intervention_id, clock)
    shown = {n.note.text: n.text for n in service.notes()}
    newcomer = service.pseudonyms.layer.mapping.entities["l:ostrowski"]
    assert newcomer.category == shredded.category
    assert newcomer.number != shredded.number
    assert shown[text] == f"Ma voisine Mme {newcomer.placeholder} est venue aussi."
    again = PseudonymLayer(world.vault, world.intervention_id).mapping.entities
    assert "l:gregoire" not in again
    assert again["l:ostrowski"].number == newcomer.number


def test_the_name_of_a_withdrawn_participant_stays_masked_in_other_notes(
    world: World, clock: FakeClock
) -> None:
    reviewed(world, clock)
    world.vault.withdraw(world.people["yann"].id)
    service = AnalysisService(world.vault, world.intervention_id, clock)
    shown = {n.note.text: n.text for n in service.notes()}
    assert "Yann" not in shown[MENTION]
    assert "P3" not in shown[MENTION]
    assert shown[MENTION].endswith("évoque la CAF et France Travail, sans nommer personne.")
    layer = PseudonymLayer(world.vault, world.intervention_id)
    assert ("Yann", Label.PERSON.value) in layer.known_terms()
