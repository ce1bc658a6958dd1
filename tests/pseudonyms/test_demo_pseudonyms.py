"""The demo's pseudonym map: known terms, a review begun, some forms left to decide."""

from __future__ import annotations

from pathlib import Path

import pytest

from appsession.anonymise import Verdict
from appsession.core.clock import FakeClock
from appsession.demo.analysis import add_demo_analysis
from appsession.demo.build import build_demo
from appsession.demo.cast import COMMUNES
from appsession.demo.plan import DemoSize
from appsession.demo.pseudonyms import NOTES, RENAMED, add_demo_pseudonyms
from appsession.demo.validation import add_demo_validation
from appsession.services.analysis import AnalysisService
from appsession.services.export import ExportService
from appsession.services.pseudonyms.review import ReviewService, Scope
from appsession.vault import Vault
from tests.pseudonyms.world import make_vault

SIZE = DemoSize(sessions=6, notes_per_session=40, seed=3)


def demo(path: Path, clock: FakeClock) -> tuple[Vault, str]:
    vault = make_vault(path, clock)
    intervention_id = build_demo(vault, SIZE).intervention_id
    add_demo_pseudonyms(vault, intervention_id, SIZE.seed)
    return vault, intervention_id


@pytest.fixture
def built(tmp_path: Path, clock: FakeClock) -> tuple[Vault, str]:
    return demo(tmp_path / "demo.db", clock)


def test_the_facilitator_knows_the_territory(built: tuple[Vault, str]) -> None:
    vault, intervention_id = built
    review = ReviewService(vault, intervention_id)
    terms = dict(review.layer.known_terms())
    assert set(COMMUNES) - set(terms) == {"Vélorgue-le-Haut"}
    assert terms["foyer-logement Les Genêts"] == "ORG"
    assert review.layer.mapping.verdicts == {
        "roumegoux": Verdict.ACCEPT,
        "rappelle": Verdict.REJECT,
    }


def test_the_analysis_shows_the_review_begun(built: tuple[Vault, str], clock: FakeClock) -> None:
    vault, intervention_id = built
    shown = {n.note.text: n.text for n in AnalysisService(vault, intervention_id, clock).notes()}
    assert shown[NOTES[0]].startswith(f"{RENAMED} est revenue à l'accueil de [commune ")
    assert shown[NOTES[5]] == f"[collègue 1] n'a pas répondu au courrier ; {RENAMED} non plus."
    assert shown[NOTES[4]].endswith("le [téléphone], pour qu'on la rappelle.")
    for name in ("Ginestet", "Roumégoux", "Laborie", "Teulier", "Genêts", "Panier"):
        assert not any(name in text for text in shown.values())


def test_some_forms_are_left_for_the_review_screen(built: tuple[Vault, str]) -> None:
    vault, intervention_id = built
    left = {c.form for c in ReviewService(vault, intervention_id).scan(Scope())}
    assert {"teulier", "laborie"} <= left
    assert not left & {"roumegoux", "rappelle", "ginestet"}


def test_the_demo_export_still_passes_the_gate(built: tuple[Vault, str], clock: FakeClock) -> None:
    vault, intervention_id = built
    add_demo_analysis(vault, intervention_id, SIZE.seed)
    add_demo_validation(vault, intervention_id, SIZE.seed)
    check = ExportService(vault, clock).check_commissioners(intervention_id, "fr")
    assert check.item_ids
    assert check.result.passed, check.result.reasons


def test_the_same_seed_gives_the_same_map(
    built: tuple[Vault, str], tmp_path: Path, clock: FakeClock
) -> None:
    first, first_id = built
    second, second_id = demo(tmp_path / "again.db", clock)
    maps = [ReviewService(v, i).layer.mapping for v, i in ((first, first_id), (second, second_id))]
    assert maps[0].to_dict() == maps[1].to_dict()
