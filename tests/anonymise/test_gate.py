"""The export gate blocks any identifier left in a text, of every kind, and nothing else."""

from __future__ import annotations

import pytest

from appsession.anonymise.engine import Pseudonymiser
from appsession.anonymise.gate import GateContext, Reason, blank, residual_scan, scan_items
from appsession.anonymise.mapping import Verdict
from appsession.anonymise.spans import Label

CLEAN = "Thèmes : travail seul, injonctions contradictoires, partenaires injoignables (CAF)."


@pytest.mark.parametrize(
    ("planted", "label", "reason"),
    [
        ("Karima", Label.PERSON, Reason.ROSTER),
        ("karima", Label.PERSON, Reason.ROSTER),
        ("S. Pierre", Label.PERSON, Reason.ROSTER),
        ("Natahlie", Label.PERSON, Reason.ROSTER),
        ("Fargeix", Label.PERSON, Reason.KNOWN_TERM),
        ("Riom", Label.PLACE, Reason.KNOWN_TERM),
        ("La Cagette", Label.ORG, Reason.KNOWN_TERM),
        ("jm.delpuech63@orange.fr", Label.EMAIL, Reason.PATTERN),
        ("nadia.b63 arobase sfr.fr", Label.EMAIL, Reason.PATTERN),
        ("06 39 98 41 27", Label.PHONE, Reason.PATTERN),
        ("1 63 11 63 113 212 78", Label.ID, Reason.PATTERN),
        ("FR76 1680 6000 3147 0215 8937 424", Label.ID, Reason.PATTERN),
        ("EK-391-PZ", Label.ID, Reason.PATTERN),
        ("2847193", Label.ID, Reason.PATTERN),
        ("le 2 mars 1938", Label.DATE, Reason.PATTERN),
        ("3 impasse du Lavoir, 15190 Auzolles", Label.ADDRESS, Reason.PATTERN),
        ("Mme Lestrade", Label.PERSON, Reason.SUGGESTION),
        ("Issoire", Label.PLACE, Reason.SUGGESTION),
        ("la mairie de Condat", Label.ORG, Reason.SUGGESTION),
    ],
)
def test_a_planted_identifier_of_each_kind_blocks_the_export(
    engine: Pseudonymiser, planted: str, label: Label, reason: Reason
) -> None:
    text = f"Synthèse validée. Exemple cité : {planted}, à ne pas reprendre."
    hits = residual_scan(text, GateContext(engine))
    assert hits, planted
    assert any(hit.label is label and hit.reason is reason for hit in hits), hits
    assert any(planted.endswith(hit.text) or hit.text in planted for hit in hits)


def test_a_clean_text_passes(engine: Pseudonymiser) -> None:
    assert residual_scan(CLEAN, GateContext(engine)) == []


def test_pseudonymised_notes_pass_the_gate(engine: Pseudonymiser) -> None:
    notes = [
        "Karima a vu Mme Lestrade au 06 39 98 41 27, à Issoire.",
        "d'après Sylvie Fargeix, la mairie de Condat ferme le 2 mars 2024.",
        "Amandine, Élodie et MC : écrire à jm.delpuech63@orange.fr.",
    ]
    engine.learn(notes)
    for result in engine.pseudonymise_many(notes):
        assert residual_scan(result.text, GateContext(engine)) == [], result.text


def test_an_accepted_form_left_in_a_text_is_reported_as_such(engine: Pseudonymiser) -> None:
    engine.mapping.decide("Lestrade", Verdict.ACCEPT)
    hits = residual_scan("la demande de M. Lestrade", GateContext(engine))
    assert [(hit.text, hit.reason) for hit in hits] == [("Lestrade", Reason.ACCEPTED)]


def test_a_rejected_form_no_longer_blocks(engine: Pseudonymiser) -> None:
    engine.mapping.decide("Issoire", Verdict.REJECT)
    assert residual_scan("un exemple à Issoire", GateContext(engine)) == []


def test_hits_carry_their_item(engine: Pseudonymiser) -> None:
    items = [("item-1", CLEAN), ("item-2", "voir avec Karima"), ("item-3", "tél. 0639981203")]
    hits = scan_items(items, GateContext(engine))
    assert [(hit.item, hit.label) for hit in hits] == [
        ("item-2", Label.PERSON),
        ("item-3", Label.PHONE),
    ]


def test_placeholders_and_renamed_entities_are_not_hits(engine: Pseudonymiser) -> None:
    result = engine.pseudonymise("Mme Vernière, 86 ans, au 06 39 98 41 27")
    engine.mapping.rename(result.replacements[0].entity, "Mme V. (une usagère)")
    text = engine.pseudonymise("Mme Vernière, 86 ans, au 06 39 98 41 27").text
    assert text == "Mme Mme V. (une usagère), 86 ans, au [téléphone]"
    assert residual_scan(text, GateContext(engine)) == []


def test_blank_keeps_offsets() -> None:
    text = "P1 et [usager·e 1] avec P12"
    blanked = blank(text, ["P1", "[usager·e 1]", "P12"])
    assert len(blanked) == len(text)
    assert "P1" not in blanked
    assert "usager" not in blanked
