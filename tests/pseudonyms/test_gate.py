"""The commissioners' export is refused when an approved item still holds an identifier.

The gate scans each item with the same roster, known terms and pseudonym map as the layer:
one planted identifier of each kind is enough to refuse, and the refusal never quotes it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from appsession.anonymise import Label, Verdict
from appsession.core.clock import FakeClock
from appsession.core.gate import ReasonKind
from appsession.core.model import DecisionState, DraftItem, ItemKind
from appsession.services.analysis import AnalysisService
from appsession.services.export import ExportService, anonymisation_scan
from appsession.services.pseudonyms import PseudonymLayer
from appsession.services.pseudonyms.review import ReviewService, Scope
from appsession.services.validation import ValidationService
from tests.pseudonyms.standin import StandInModel
from tests.pseudonyms.world import World

CLEAN = "Les conseillères disent leur fatigue face aux dossiers incomplets."


def nir() -> str:
    """A NIR whose key checks (97 minus the number modulo 97)."""
    number = 1841276451089
    return f"1 84 12 76 451 089 {97 - number % 97:02d}"


def know_condat(world: World) -> None:
    layer = PseudonymLayer(world.vault, world.intervention_id)
    layer.add_known_term("Condat", Label.PLACE)
    layer.save()


def accept_lestrade(world: World) -> None:
    review = ReviewService(world.vault, world.intervention_id)
    [found] = [c for c in review.scan(Scope()) if c.form == "lestrade"]
    review.decide(found, Verdict.ACCEPT)


def nothing(world: World) -> None:
    """No preparation: the layer alone knows it (roster, patterns, rules, learned forms)."""


PLANTED: list[tuple[str, str, Callable[[World], None]]] = [
    ("roster name", "Karima Benali a proposé une piste.", nothing),
    ("roster name, no accents, lower case", "gisele aymard n'est pas venue.", nothing),
    ("roster surname after a title", "Mme Rochette a proposé une piste.", nothing),
    ("roster initials", "Yann L. propose une piste.", nothing),
    ("known term", "À condat, l'accueil ferme tôt.", know_condat),
    ("accepted third party", "Lestrade revient sans cesse.", accept_lestrade),
    ("undecided suggestion", "Les Vaissier reviennent sans cesse.", nothing),
    ("e-mail", "Elle écrit à k.benali@orange.fr chaque soir.", nothing),
    ("phone", "Il rappelle au 04.73.22.18.90 en vain.", nothing),
    ("international phone", "Joignable au +33 6 12 34 56 78.", nothing),
    ("NIR", f"Son numéro de sécu {nir()} circule.", nothing),
    ("IBAN", "Le RIB FR76 3000 6000 0112 3456 7890 189 est resté affiché.", nothing),
    ("CAF number", "Son n° allocataire 1234567 est noté.", nothing),
    ("licence plate", "Sa voiture AB-123-CD reste au garage.", nothing),
    ("date of birth", "Une dame née le 12 mars 1948 attend.", nothing),
    ("postal address", "Elle vit au 12 rue des Tilleuls, 15400 Riom.", nothing),
]


def open_analysis(world: World, clock: FakeClock) -> None:
    """Open the analysis once, as the facilitator does before writing the draft."""
    AnalysisService(world.vault, world.intervention_id, clock).notes()


def approve(world: World, clock: FakeClock, text: str) -> DraftItem:
    """A draft item resting on one note of session 2, approved by the group."""
    evidence = (world.notes["Yann évoque la CAF et France Travail, sans nommer personne."].id,)
    position = len(world.vault.draft_items(world.intervention_id))
    item = DraftItem(
        "", world.intervention_id, "Constats", ItemKind.ANALYSIS, text, evidence, position=position
    )
    saved = world.vault.save_draft_item(item)
    validation = ValidationService(world.vault, clock)
    status = validation.load(world.intervention_id).status(saved.id)
    group = world.sessions[1].group_id
    validation.record(status, group, DecisionState.APPROVED, world.sessions[1].id)
    return saved


def residual(world: World, clock: FakeClock) -> list[tuple[int, str]]:
    check = ExportService(world.vault, clock).check_commissioners(world.intervention_id, "en")
    return [
        (r.item_number, r.message) for r in check.result.reasons if r.kind is ReasonKind.RESIDUAL
    ]


def test_a_clean_item_passes(world: World, clock: FakeClock) -> None:
    approve(world, clock, CLEAN)
    check = ExportService(world.vault, clock).check_commissioners(world.intervention_id, "en")
    assert check.result.passed, check.result.reasons


@pytest.mark.parametrize(("kind", "text", "prepare"), PLANTED, ids=[p[0] for p in PLANTED])
def test_a_planted_identifier_refuses_the_export(
    world: World, clock: FakeClock, kind: str, text: str, prepare: Callable[[World], None]
) -> None:
    prepare(world)
    open_analysis(world, clock)
    approve(world, clock, CLEAN)
    approve(world, clock, text)
    found = residual(world, clock)
    assert [number for number, _message in found] == [2], kind
    assert re.fullmatch(r"item 2: the anonymisation scan found 1 [A-Z]+", found[0][1])


def test_a_rejected_form_no_longer_blocks(world: World, clock: FakeClock) -> None:
    open_analysis(world, clock)
    scan = anonymisation_scan(world.vault, world.intervention_id)
    assert scan("Les Vaissier reviennent sans cesse.")
    review = ReviewService(world.vault, world.intervention_id)
    [found] = [c for c in review.scan(Scope()) if c.form == "vaissier"]
    review.decide(found, Verdict.REJECT)
    assert anonymisation_scan(world.vault, world.intervention_id)("Les Vaissier reviennent.") == []


def test_a_suggestion_in_a_draft_item_is_reviewed_with_the_whole_intervention(
    world: World, clock: FakeClock
) -> None:
    approve(world, clock, "La famille Teyssandier ne vient plus aux permanences.")
    assert [number for number, _message in residual(world, clock)] == [1]
    review = ReviewService(world.vault, world.intervention_id)
    [found] = [c for c in review.scan(Scope()) if c.form == "teyssandier"]
    assert all(place.in_draft for place in found.occurrences)
    assert review.where(found.occurrences[0]) == "draft item"
    review.decide(found, Verdict.REJECT)
    assert residual(world, clock) == []


def test_with_the_model_its_undecided_suggestions_block_until_decided(world: World) -> None:
    model = StandInModel()
    model.load()
    text = "Les permanences de Condat ferment en août."
    assert anonymisation_scan(world.vault, world.intervention_id)(text) == []
    hits = anonymisation_scan(world.vault, world.intervention_id, model=model)(text)
    assert [(h.text, h.reason.value) for h in hits] == [("Condat", "suggestion")]
    review = ReviewService(world.vault, world.intervention_id, model)
    [found] = [c for c in review.scan(Scope()) if c.form == "condat"]
    review.decide(found, Verdict.NEVER)
    assert anonymisation_scan(world.vault, world.intervention_id, model=model)(text) == []
