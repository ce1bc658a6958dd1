"""Review decisions apply to every past note and to every note typed afterwards."""

from __future__ import annotations

import pytest

from appsession.anonymise import Verdict
from appsession.core.clock import FakeClock
from appsession.core.model import Note
from appsession.services.analysis import AnalysisService
from appsession.services.pseudonyms.review import Candidate, ReviewService, Scope
from tests.pseudonyms.world import World

LESTRADE = "Mme Lestrade vient chaque semaine à l'accueil de Condat."
LOWER = "lestrade est revenue lundi, toujours pour sa carte grise."
FAMILY = "La famille Vaissier, on les connaît bien à Condat."


def shown(world: World, clock: FakeClock) -> dict[str, str]:
    service = AnalysisService(world.vault, world.intervention_id, clock)
    return {n.note.text: n.text for n in service.notes()}


def candidate(review: ReviewService, form: str) -> Candidate:
    found = [c for c in review.scan(Scope()) if c.form == form]
    assert found, [c.form for c in review.candidates()]
    return found[0]


def later_note(world: World, text: str) -> None:
    world.vault.save_note(Note("", world.sessions[1].id, text))


def test_rejecting_a_form_shows_it_again_in_every_note(world: World, clock: FakeClock) -> None:
    review = ReviewService(world.vault, world.intervention_id)
    review.decide(candidate(review, "vaissier"), Verdict.REJECT)
    texts = shown(world, clock)
    assert texts[FAMILY] == FAMILY
    assert "Vaissier" in texts["Mon voisin Grégoire Vaissier m'a appelé pour le dossier."]
    later_note(world, "Les Vaissier sont passés.")
    assert "Les Vaissier sont passés." in shown(world, clock).values()
    assert all(c.form != "vaissier" for c in review.scan(Scope()))


def test_accepting_keeps_the_mask_and_removes_the_candidate(world: World, clock: FakeClock) -> None:
    review = ReviewService(world.vault, world.intervention_id)
    before = shown(world, clock)
    review.decide(candidate(review, "lestrade"), Verdict.ACCEPT)
    after = shown(world, clock)
    assert after[LESTRADE] == before[LESTRADE]
    assert "Lestrade" not in after[LESTRADE]
    assert after[LOWER] == before[LOWER]
    assert all(
        c.form != "lestrade"
        for c in ReviewService(world.vault, world.intervention_id).scan(Scope())
    )


def test_always_masks_every_spelling_in_past_and_future_notes(
    world: World, clock: FakeClock
) -> None:
    review = ReviewService(world.vault, world.intervention_id)
    review.decide(candidate(review, "lestrade"), Verdict.ALWAYS)
    later_note(world, "LESTRADE et Lestrade, même combat ; Lestrade-Dupuis aussi.")
    texts = shown(world, clock)
    joined = "\n".join(texts.values())
    assert "estrade" not in joined.lower().replace("lestrade-dupuis", "")
    assert "Lestrade" in next(t for t, _l in review.layer.known_terms())


def test_never_adds_to_the_keep_list(world: World, clock: FakeClock) -> None:
    review = ReviewService(world.vault, world.intervention_id)
    review.decide(candidate(review, "vaissier"), Verdict.NEVER)
    later_note(world, "M. Vaissier, dit-on, tient la boulangerie.")
    texts = shown(world, clock)
    assert texts[FAMILY] == FAMILY
    assert "M. Vaissier, dit-on, tient la boulangerie." in texts.values()


def test_renaming_a_placeholder_rewrites_every_note(world: World, clock: FakeClock) -> None:
    review = ReviewService(world.vault, world.intervention_id)
    found = candidate(review, "lestrade")
    review.rename(found.entity, "une usagère âgée")
    texts = shown(world, clock)
    assert texts[LESTRADE] == "Mme une usagère âgée vient chaque semaine à l'accueil de Condat."
    assert texts[LOWER].startswith("une usagère âgée est revenue")
    review.rename(found.entity, "")
    assert shown(world, clock)[LOWER].startswith(found.placeholder)


def test_changing_an_always_into_a_reject_forgets_the_known_term(world: World) -> None:
    review = ReviewService(world.vault, world.intervention_id)
    found = candidate(review, "lestrade")
    review.decide(found, Verdict.ALWAYS)
    review.decide(found, Verdict.REJECT)
    again = ReviewService(world.vault, world.intervention_id)
    assert again.layer.known_terms() == []
    assert again.layer.mapping.verdicts["lestrade"] is Verdict.REJECT


@pytest.mark.parametrize("real_names", [False, True])
def test_the_context_hides_everyone_but_the_candidate_unless_asked(
    world: World, real_names: bool
) -> None:
    review = ReviewService(world.vault, world.intervention_id)
    found = candidate(review, "vaissier")
    family = next(o for o in found.occurrences if "Grégoire" in review._texts[o.note_id].text)
    context = review.context(family, real_names=real_names)
    assert context.candidate == "Vaissier"
    assert ("Grégoire" in context.before) is real_names
    assert context.before.startswith("Mon voisin ")
